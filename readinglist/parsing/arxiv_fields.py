"""The values of an arXiv entry's fields: author lists, subjects, categories and dates."""

from __future__ import annotations

import datetime as dt
import re

from readinglist.parsing.arxiv_lines import DAY, MONTH_YEAR
from readinglist.parsing.cleanup import collapse
from readinglist.parsing.dates import month_number

# A category code: `cs.LG`, `q-fin.CP`, `cond-mat.mes-hall`, `hep-th`, `math-ph`.
CATEGORY = r"[a-z]{1,8}(?:-[a-z]{2,5})?(?:\.[A-Za-z]{2,8}(?:-[a-z]{2,6})?)?"
# `Computational Finance (q-fin.CP)`: a subject's name and its code in parentheses.
_SUBJECT_CODE = re.compile(rf"\((?P<code>{CATEGORY})\)")
# A line of subjects only: `Machine Learning (cs.LG); Artificial Intelligence (cs.AI)`.
SUBJECTS_LINE = re.compile(rf"(?:;?\s*[^;()]{{2,80}}\s*\({CATEGORY}\)\s*)+;?")
# Archives whose codes stand alone, without a subject class after a dot.
_LONE_ARCHIVES = frozenset(
    {"astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math-ph", "nlin"}
    | {"nucl-ex", "nucl-th", "quant-ph", "physics"}
    # archives closed before 2007 that old papers still carry
    | {"acc-phys", "adap-org", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chao-dyn", "chem-ph"}
    | {"cmp-lg", "comp-gas", "dg-ga", "funct-an", "mtrl-th", "patt-sol", "plasm-ph", "q-alg"}
    | {"solv-int", "supr-con"}
)
_DOTTED_ARCHIVES = frozenset(
    {"astro-ph", "cond-mat", "cs", "econ", "eess", "math", "nlin", "physics", "q-bio", "q-fin"}
    | {"stat"}
)
_CATEGORY = re.compile(CATEGORY)
_DOI = re.compile(r"\b10\.\d{4,9}/\S+")


def subject_codes(text: str) -> list[str]:
    """The category codes of a `Subjects:` value, in the order printed (primary first)."""
    codes: list[str] = []
    for code in _SUBJECT_CODE.findall(text):
        if is_category(code) and code not in codes:
            codes.append(code)
    return codes


def is_category(token: str) -> bool:
    known = _KNOWN.get(token)
    if known is None:
        archive, dot, _ = token.partition(".")
        known = _CATEGORY.fullmatch(token) is not None and (
            archive in _DOTTED_ARCHIVES if dot else archive in _LONE_ARCHIVES
        )
        if len(_KNOWN) < 4096:  # a few hundred categories exist: a page repeats them
            _KNOWN[token] = known
    return known


_KNOWN: dict[str, bool] = {}


def category_tokens(line: str) -> list[str] | None:
    """The codes of a search result's categories line (`cs.DS math.NA`), or None."""
    tokens = line.split()
    if not tokens or len(tokens) > 12 or not all(is_category(t) for t in tokens):
        return None
    return list(dict.fromkeys(tokens))


def find_doi(text: str) -> str | None:
    match = _DOI.search(text)
    return match.group(0).rstrip(".,;") if match else None


def split_authors(text: str) -> list[str]:
    """`A. Smith, B. Jones (1), C. Lee ((1) MIT)` -> names: split at commas and ` and ` outside
    parentheses; affiliations in parentheses dropped."""
    if "(" not in text and " and " not in text and "&" not in text and " et al" not in text:
        # the common case: names between commas (single plain spaces: strip is enough)
        if "  " not in text and text.isprintable():
            names = [part.strip() for part in text.split(",")]
        else:
            names = [" ".join(part.split()) for part in text.split(",")]
        return [name.strip(" .;:") if name.endswith((";", ":")) else name for name in names if name]
    names: list[str] = []
    parts = _split_outside_parentheses(text) if "(" in text else text.split(",")
    for part in parts:
        for name in _AND.split(_drop_parentheses(part)):
            name = (
                collapse(name).strip(" .;:") if name.endswith((",", ";", ":")) else collapse(name)
            )
            if name and name.lower() not in ("et al", "et al.", "and", "…", "..."):
                names.append(name)
    return names


# Balanced, unnested parentheses (the common case): a comma is outside them when the next
# parenthesis after it opens one, or none follows.
_FLAT_PARENTHESES = re.compile(r"[^()]*(?:\([^()]*\)[^()]*)*")
_OUTSIDE_COMMA = re.compile(r",(?=[^()]*(?:\(|\Z))")


def _split_outside_parentheses(text: str) -> list[str]:
    if _FLAT_PARENTHESES.fullmatch(text):
        return _OUTSIDE_COMMA.split(text)
    depth, start = 0, 0
    parts: list[str] = []
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


_AND = re.compile(r"\s+and\s+|\s*&\s*")
_PARENTHESES = re.compile(r"\([^()]*\)")


def _drop_parentheses(text: str) -> str:
    if "(" not in text:
        return text
    previous = None
    while previous != text:  # nested groups from the inside out
        previous, text = text, _PARENTHESES.sub(" ", text)
    return text.replace("(", " ").replace(")", " ")


def day_iso(text: str) -> str | None:
    """`Wednesday, 9 September 2026` / `Tue, 23 Jul 24` / `5 July, 2024` -> ISO day."""
    match = DAY.search(text)
    if match is None:
        return None
    year = int(match.group("year"))
    if year < 100:
        year += 1900 if year >= 91 else 2000  # arXiv began in 1991
    try:
        return dt.date(
            year, month_number(match.group("month")), int(match.group("day"))
        ).isoformat()
    except (KeyError, ValueError):
        return None


def month_iso(text: str) -> str | None:
    """`July 2024` -> `2024-07`."""
    match = MONTH_YEAR.search(text)
    if match is None:
        return None
    return f"{int(match.group('year')):04d}-{month_number(match.group('month')):02d}"


# `Submitted 5 July, 2024; v1 submitted 2 March, 2024; originally announced March 2024.`
SUBMITTED = re.compile(
    r"Submitted\s+(?P<date>\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4})"
    r"(?:;\s*v1 submitted\s+(?P<first>\d{1,2}\s+[A-Za-z]+\.?,?\s+\d{4}))?",
    re.IGNORECASE,
)


_NO_SPACE_BEFORE = tuple("-–,.;:)]!?")


def join_lines(lines: list[str]) -> str:
    """Lines of one value as one line. A browser copy breaks lines around rendered formulas
    (`of\nα\n-mixing`): a piece starting with punctuation or a hyphen joins without a space."""
    if len(lines) == 1:  # most values fit on one line
        return lines[0].strip()
    text = ""
    for line in lines:
        if not line:
            continue
        if text and not line.startswith(_NO_SPACE_BEFORE) and not text.endswith(("(", "[")):
            text += " "
        text += line
    return text.strip()


def joined_paragraphs(paragraphs: list[list[str]] | None) -> str:
    """A list field's paragraphs (blank-line separated lists of lines) as one line."""
    if not paragraphs:
        return ""
    if len(paragraphs) == 1:
        return join_lines(paragraphs[0])
    return join_lines([line for paragraph in paragraphs for line in paragraph])


def title_and_authors(fields: dict[str, list[list[str]]]) -> tuple[str, list[str]]:
    """A list entry's title and authors; the current layout prints the authors unlabelled after the
    title: the last paragraph, or (without blank lines) the last line of the block, with the
    lines or paragraphs before it that end in a comma (one author a line)."""
    title_block = [p for p in fields.get("title", []) if p]
    if "authors" in fields:
        return joined_paragraphs(title_block), split_authors(joined_paragraphs(fields["authors"]))
    if len(title_block) >= 2:
        first = _authors_start([p[-1] for p in title_block], [p[0] for p in title_block])
        return joined_paragraphs(title_block[:first]), split_authors(
            joined_paragraphs(title_block[first:])
        )
    block = title_block[0] if title_block else []
    if len(block) < 2:
        return joined_paragraphs([block]), []
    first = _wrapped_authors_start(block, _authors_start(block, block))
    return join_lines(block[:first]), split_authors(" ".join(block[first:]))


def _authors_start(ends: list[str], starts: list[str]) -> int:
    """Where the authors begin among a block's pieces (given each piece's last and first line):
    at the last piece, or earlier while the piece before ends with a comma (at least one piece
    is left for the title)."""
    first = len(ends) - 1
    while first > 1 and (ends[first - 1].endswith(",") or starts[first].startswith(",")):
        first -= 1
    return first


def _wrapped_authors_start(block: list[str], first: int) -> int:
    """A text browser wraps at 80 columns, inside a name too (`..., Ewa` / `Kowalczyk-Nowak,
    ...`): the authors begin earlier while the line before is a run of whole names that its
    last name, completed by the next line's first piece, continues (one line is left for the
    title)."""
    width = 0
    while first > 1:
        before = block[first - 1]
        if before.endswith(","):
            first -= 1
            continue
        width = width or max(len(line) for line in block)
        if not _names_run_into(before, block[first], width):
            break
        first -= 1
    return first


def _names_run_into(before: str, after: str, width: int) -> bool:
    """Whether `before` is a line of names whose last is cut by the wrap and ends in `after`:
    at least two commas, the names between them whole (two words or more), the cut name
    and every other piece shaped as a name, and the line full enough to have been wrapped."""
    if before.count(",") < 2 or "(" in before or "(" in after:
        return False
    pieces = [piece.strip() for piece in before.split(",")]
    head = after.split(",", 1)[0].strip()
    if len(before) + 1 + len(head.split(" ", 1)[0]) < 0.8 * width:
        return False
    cut = f"{pieces[-1]} {head}"
    words = [_name_words(piece) for piece in (*pieces, head, cut)]
    if any(count == 0 for count in words) or words[-1] > 5:
        return False
    return all(count >= 2 for count in words[1:-3])  # the whole names between two commas


_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "le"}
    | {"la", "al", "el", "bin", "ben", "ibn", "y", "e", "ter", "ten", "zu", "und"}
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’]*\.?(?:-[^\W\d_][\w'’]*\.?)*")


def _name_words(piece: str) -> int:
    """How many words a name of this shape has (a CJK name counts two), or 0 when the piece
    is no name: capitalised words, initials, hyphenated parts, particles like `van`."""
    if piece.startswith("and "):
        piece = piece[4:]
    words = piece.split()
    if not words or len(words) > 6:
        return 0
    count = 0
    for word in words:
        if word in _PARTICLES:
            continue
        if not _NAME_WORD.fullmatch(word):
            return 0
        if "\u2e80" <= word[0] <= "\u9fff" or "\uac00" <= word[0] <= "\ud7af":
            count += 2  # CJK and Hangul names are written without spaces
        elif word[0].isupper():
            count += 1
        else:
            return 0
    return count
