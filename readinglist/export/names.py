"""Splitting a printed author name into given and family parts, for formats that want both.

Pages print names as `First Middle Last`, `First von Last Jr.` or `Last, First`; the family
name is the last word with the lower-case particles before it (`van`, `de la`), a suffix such
as `Jr.` or `III` is kept apart. One word (`OpenAI`, `Plato`) is a family name alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from readinglist.papers.present import one_line

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd"})
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "della", "dos", "das"}
    | {"ten", "ter", "bin", "ibn", "al", "el", "zu", "af", "av"}
)


@dataclass(frozen=True, slots=True)
class PersonName:
    given: str
    family: str  # without the particle
    particle: str = ""  # "van", "de la"
    suffix: str = ""  # "Jr.", "III"

    @property
    def family_with_particle(self) -> str:
        return f"{self.particle} {self.family}" if self.particle else self.family


def split_name(name: str) -> PersonName:
    name = one_line(name)
    if "," in name:
        parts = [p.strip() for p in name.split(",")]
        family_words = parts[0].split()
        suffix = ""
        rest = parts[1:]
        if len(rest) >= 2 and _is_suffix(rest[0]):  # BibTeX's `von Last, Jr, First`
            suffix, rest = rest[0], rest[1:]
        elif rest and _is_suffix(rest[-1]):  # `Last, First, Jr.`
            suffix, rest = rest[-1], rest[:-1]
        given = " ".join(r for r in rest if r)
        particle_words = []
        while len(family_words) > 1 and family_words[0].lower() in _PARTICLES:
            particle_words.append(family_words.pop(0))
        return PersonName(given, " ".join(family_words), " ".join(particle_words), suffix)
    words = name.split()
    suffix_words: list[str] = []
    while len(words) > 1 and _is_suffix(words[-1]):
        suffix_words.insert(0, words.pop())
    if not words:
        return PersonName("", "")
    family = words.pop()
    particle_words: list[str] = []
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        particle_words.insert(0, words.pop())
    return PersonName(" ".join(words), family, " ".join(particle_words), " ".join(suffix_words))


def surname(name: str) -> str:
    """The family name without particle: `Ludwig van Beethoven` -> Beethoven."""
    return split_name(name).family


def _is_suffix(word: str) -> bool:
    return word.strip(".").lower() in _SUFFIXES
