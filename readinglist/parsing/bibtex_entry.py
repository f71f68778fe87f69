"""One BibTeX entry's fields made a paper: `@string` macros and `#` joins resolved, LaTeX decoded,
`Last, First` names turned round, and the arXiv id found wherever the exporter put it."""

from __future__ import annotations

import re

from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from readinglist.papers.arxiv_ids import find_arxiv_ids, parse_arxiv_id
from readinglist.papers.models import ParsedPaper
from readinglist.parsing.dates import MONTH_ABBREVIATIONS
from readinglist.parsing.latex_text import latex_to_text, unescape_link

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# BibTeX's predefined macros: `month = jul`.
MONTH_MACROS = {name[:3].lower(): name for name in _MONTH_NAMES}
_MONTH_WORD = re.compile(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?")
_DAYS_BEFORE = re.compile(r"^[\d\s–—-]+(?=[A-Za-z])")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Venues that only say "a preprint on arXiv": the arXiv id says it better.
_PREPRINT_VENUE = re.compile(r"(?i)^(?:arxiv\b.*|corr|e-?prints?\b.*|preprint\b.*)$")
_DOI_PREFIX = re.compile(r"(?i)^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)")
_URL = re.compile(r"(?i)^(?:https?|ftp)://\S+$")
# biblatex's extended name format: `family=Ruiz, given=José, prefix=de la, useprefix=true`.
_NAME_PART = re.compile(r"(?:^|,)\s*(family|given|prefix|suffix)\s*=\s*(\{[^{}]*\}|[^,]*)")
# An arXiv category: `cs.LG`, `math.GT`, or an archive without subjects (`hep-th`, `gr-qc`).
_CATEGORY = re.compile(
    r"^(?:[a-z-]+\.[A-Za-z-]+|hep-th|hep-ph|hep-ex|hep-lat|gr-qc|quant-ph|nucl-th|nucl-ex"
    r"|math-ph|astro-ph|cond-mat|nlin)$"
)


def resolve(raw: str, macros: dict[str, str]) -> str:
    """A field's value as bibtexparser gives it unresolved (`{...}`, `"..."`, `2024`, `jul`,
    `neurips # " 37"`), with its enclosing removed and its `@string` macros expanded."""
    parts = []
    index, length = 0, len(raw)
    while index < length:
        char = raw[index]
        if char.isspace() or char == "#":
            index += 1
        elif char in '{"':
            end = _closing(raw, index)
            parts.append(raw[index + 1 : end])
            index = end + 1
        else:
            end = raw.find("#", index)
            end = length if end < 0 else end
            word = raw[index:end].strip()
            parts.append(macros.get(word.lower(), MONTH_MACROS.get(word.lower(), word)))
            index = end
    return "".join(parts)


_BRACE_OR_QUOTE = re.compile(r'[{}"]')


def _closing(raw: str, start: int) -> int:
    """Where the `{...}` or `"..."` part opened at `start` closes (the end when it does not).
    Only braces and quotes are looked at: a long abstract is not walked character by character."""
    depth = 0
    for match in _BRACE_OR_QUOTE.finditer(raw, start + 1):
        char, index = match.group(), match.start()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and raw[start] == "{":
                return index
            depth -= 1
        elif char == '"' and raw[start] == '"' and depth <= 0:
            return index
    return len(raw)


def entry_paper(fields: dict[str, str], source: str) -> ParsedPaper | None:
    """The paper of one entry's resolved fields (keys in lower case); None when it has neither
    a title nor an arXiv id to find one by."""
    title = latex_to_text(fields.get("title", ""))
    arxiv_id = _arxiv_id(fields)
    if not title and arxiv_id is None:
        return None
    authors, truncated = authors_of(fields.get("author", ""))
    date, date_text = _date(fields)
    primary = latex_to_text(fields.get("primaryclass") or fields.get("eprintclass") or "")
    if not _CATEGORY.match(primary):
        primary = ""  # Zotero writes the archive alone (`cs`): no category
    return ParsedPaper(
        title=title,
        authors=authors,
        authors_truncated=truncated,
        abstract=latex_to_text(fields.get("abstract", "")),
        date=date,
        date_text=date_text,
        arxiv_id=arxiv_id,
        venue=_venue(fields),
        doi=_doi(fields.get("doi", "")),
        url=_url(fields),
        subjects=[primary] if primary else [],
        format="bibtex",
        source=source,
    )


def authors_of(raw: str) -> tuple[list[str], bool]:
    """The names of a BibTeX `author` value, each `First von Last, Jr`, and whether it ended
    `and others` (the list is cut)."""
    if not raw.strip():
        return [], False
    try:
        names = split_multiple_persons_names(raw)
    except Exception:  # a malformed value: BibTeX's own separator still splits it
        names = re.split(r"\s+and\s+", raw)
    authors: list[str] = []
    truncated = False
    for name in names:
        if name.strip().lower() in ("others", "et al.", "et al"):
            truncated = True
            continue
        text = latex_to_text(_turned(name))
        if text:
            authors.append(text)
    return authors, truncated


_TILDE_ACCENT = re.compile(r"(?<!\{)\\~\s*(\{[^{}]*\}|[A-Za-z])")


def _turned(name: str) -> str:
    """`Last, First` as `First Last` (`von Neumann, John` is John von Neumann); biblatex's
    `family=Ruiz, given=José, prefix=de la` as José de la Ruiz."""
    if "," not in name:
        return name
    parts_given = dict(_NAME_PART.findall(name))
    if "family" in parts_given:
        order = ("given", "prefix", "family")
        turned = " ".join(parts_given[key].strip() for key in order if parts_given.get(key))
        suffix = parts_given.get("suffix", "").strip()
        return f"{turned}, {suffix}" if suffix else turned
    # BibTeX reads a bare `~` as a tie between name parts: brace the tilde accent (`Pe\~na`)
    # so it stays inside its word.
    name = _TILDE_ACCENT.sub(r"{\\~\1}", name)
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except Exception:
        return name
    turned = " ".join([*parts.first, *parts.von, *parts.last])
    return f"{turned}, {' '.join(parts.jr)}" if parts.jr else turned


# `math.GT/0309136` is an old alias of `math/0309136`: one paper, one id (as arXiv lists say).
_SUBJECT_CLASS = re.compile(r"^([a-z-]{2,8})\.[A-Z]{2}/")


def plain_arxiv_id(arxiv_id: str) -> str:
    """An old-style id without its subject class, the form arXiv lists print."""
    return _SUBJECT_CLASS.sub(r"\1/", arxiv_id)


def _arxiv_id(fields: dict[str, str]) -> str | None:
    found = _any_arxiv_id(fields)
    return plain_arxiv_id(found) if found else None


def _any_arxiv_id(fields: dict[str, str]) -> str | None:
    eprint = fields.get("eprint", "").strip()
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").strip()
    candidates = []
    if eprint and archive.lower() == "arxiv":
        candidates.append(re.sub(r"(?i)^arxiv:\s*", "", eprint))
    candidates += [fields.get(key, "") for key in ("arxivid", "arxiv")]
    for candidate in candidates:
        found = parse_arxiv_id(candidate)
        if found is not None:
            return found.id
    volume = fields.get("volume", "").strip()
    if volume.startswith("abs/"):  # DBLP: journal = {CoRR}, volume = {abs/2407.14741}
        found = parse_arxiv_id(volume[4:])
        if found is not None:
            return found.id
    for key in ("doi", "url", "journal", "journaltitle", "note", "howpublished", "eprint"):
        value = fields.get(key)
        if value:
            ids = find_arxiv_ids(unescape_link(value) if key in ("doi", "url") else value)
            if ids:
                return ids[0].id
    return None


def _date(fields: dict[str, str]) -> tuple[str | None, str | None]:
    """The ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and the date as the entry gives it."""
    given = latex_to_text(fields.get("date", ""))
    iso = _ISO_DATE.match(given)
    if iso and 1 <= int(iso.group(2) or 1) <= 12 and 1 <= int(iso.group(3) or 1) <= 31:
        return "-".join(part for part in iso.groups() if part), given
    year_match = _YEAR.search(latex_to_text(fields.get("year", "")))
    if year_match is None:
        return None, None
    year = year_match.group(1)
    month = _month(latex_to_text(fields.get("month", "")))
    if month is None:
        return year, year
    return f"{year}-{month:02d}", f"{MONTH_ABBREVIATIONS[month - 1]} {year}"


def _month(text: str) -> int | None:
    text = text.strip()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    match = _MONTH_WORD.match(_DAYS_BEFORE.sub("", text))  # PMLR's `21--27 Jul`
    return MONTH_ABBREVIATIONS.index(match.group(1).title()) + 1 if match else None


def _venue(fields: dict[str, str]) -> str | None:
    for key in ("journal", "journaltitle", "booktitle", "eventtitle", "school", "institution"):
        venue = latex_to_text(fields.get(key, ""))
        if venue:
            return None if _PREPRINT_VENUE.match(venue) else venue
    howpublished = fields.get("howpublished", "")
    if howpublished and "\\url" not in howpublished and "://" not in howpublished:
        venue = latex_to_text(howpublished)
        return None if not venue or _PREPRINT_VENUE.match(venue) else venue
    return None


def _doi(raw: str) -> str | None:
    doi = _DOI_PREFIX.sub("", unescape_link(raw))
    return doi if doi.startswith("10.") and "/" in doi else None


def _url(fields: dict[str, str]) -> str | None:
    for key in ("url", "howpublished"):
        url = unescape_link(fields.get(key, ""))
        if _URL.match(url):
            return url
    return None
