"""Which arXiv hit is the paper: the title query we send and the local confirmation of hits.

arXiv OR-s bare words, so the title goes out as one quoted phrase; even then its ranking is
loose, so a hit is accepted only when its normalized title is nearly identical to ours.
`fuzz.ratio` is the right scorer: token_set_ratio, partial_ratio and WRatio all call a
paper whose title merely contains ours (or shares its words) a match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz

from readinglist.arxiv.feed import FeedEntry
from readinglist.textnorm import normalize_title

MATCH_THRESHOLD = 95.0
_NOT_QUERY_SAFE = re.compile(r"[^A-Za-z0-9 ]+")
_SPACES = re.compile(r" {2,}")


def title_phrase(title: str) -> str:
    """The title as ASCII letters, digits and single spaces (é -> e; the rest -> space)."""
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", _NOT_QUERY_SAFE.sub(" ", plain)).strip()


def title_query(title: str) -> str | None:
    """`ti:"..."` for the title, or None when nothing searchable is left of it."""
    phrase = title_phrase(title)
    return f'ti:"{phrase}"' if phrase else None


def title_score(ours: str, theirs: str) -> float:
    return fuzz.ratio(normalize_title(ours), normalize_title(theirs))


def best_match(
    title: str, entries: Iterable[FeedEntry], threshold: float = MATCH_THRESHOLD
) -> FeedEntry | None:
    """The entry whose title matches ours best, if it clears the threshold; else None."""
    best, best_score = None, threshold
    for entry in entries:
        score = title_score(title, entry.title)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = entry, score
    return best
