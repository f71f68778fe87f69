"""The records every part of readinglist passes around.

`ParsedPaper` is what a parser reads off one listing page (the `parse` contract);
`Paper` is one paper of the library, merged from every page it was seen on;
`PaperState` is the user's own work on a paper (read, starred, notes, tags);
`ArxivRecord` is what arXiv told us about a paper.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

FORMATS = (
    "author-list",
    "hf-search",
    "hf-daily",
    "arxiv-list",
    "arxiv-search",
    "pub-list",
    "bibtex",
    "arxiv-ids",
)


@dataclass(slots=True)
class Printed:
    """What a listing page prints about a paper: the fields a ParsedPaper reads off one page
    and a library Paper keeps, merged from every page (`merge.merge_into`)."""

    title: str
    authors: list[str] = field(default_factory=list)
    authors_truncated: bool = False
    author_count: int | None = None
    organization: str | None = None
    abstract: str = ""
    date: str | None = None  # ISO 8601, possibly reduced: YYYY-MM-DD, YYYY-MM or YYYY
    date_text: str | None = None  # as printed: "Aug 13", "Jul 7, 2024"
    upvotes: int | None = None
    category: str | None = None
    score: float | None = None
    listing_date: str | None = None  # the page's own date line, as printed
    arxiv_id: str | None = None  # without version: "2407.14741", "math/0510544"
    venue: str | None = None  # conference, journal or workshop, as printed
    doi: str | None = None
    url: str | None = None  # a link the page gave for the paper
    comments: str | None = None  # arXiv's Comments line
    journal_ref: str | None = None  # arXiv's Journal-ref line
    subjects: list[str] = field(default_factory=list)  # every category, primary first
    section: str | None = None  # arXiv list section: "new", "cross-list", "replacement"
    abstract_truncated: bool = False  # the page cut the abstract ("… ▽ More")
    format: str = "hf-daily"  # the page's format (a Paper: the first page it was seen on)


@dataclass(slots=True)
class ParsedPaper(Printed):
    """One paper as printed on one listing page. Field order is the JSON key order."""

    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Paper(Printed):
    """One paper of the library: every listing it was seen on, merged.

    `id` is stable: it is derived from the normalized title the first time the paper is
    seen and kept from then on, whatever is merged into it later. `aliases` holds the ids
    of other titles that were merged in, so an id printed earlier still resolves.
    """

    id: str = field(kw_only=True)
    sources: list[str] = field(default_factory=list)
    added: int = 0  # import sequence number: the order papers entered the library
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict; lists are copied so the dict is a snapshot, not a view."""
        return {
            name: list(value) if isinstance(value, list) else value
            for name in _PAPER_FIELD_NAMES
            for value in (getattr(self, name),)
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        known = _PAPER_FIELDS
        return cls(**{k: v for k, v in data.items() if k in known})


# What a page prints and a library paper keeps: copied from a ParsedPaper to a new Paper.
PRINTED_FIELDS = tuple(f.name for f in fields(Printed))
# A library paper's fields, its id first (JSON key order, the library file's columns).
PAPER_FIELDS = ("id", *(f.name for f in fields(Paper) if f.name != "id"))
_PAPER_FIELD_NAMES = PAPER_FIELDS
_PAPER_FIELDS = frozenset(_PAPER_FIELD_NAMES)


@dataclass(slots=True)
class PaperState:
    """The user's own work on one paper. `changed`: field name -> ISO time of its last change."""

    read: bool = False
    starred: bool = False
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    changed: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.read or self.starred or self.notes or self.tags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "starred": self.starred,
            "notes": self.notes,
            "tags": list(self.tags),
            "changed": dict(self.changed),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaperState:
        return cls(
            read=bool(data.get("read", False)),
            starred=bool(data.get("starred", False)),
            notes=str(data.get("notes", "") or ""),
            tags=[str(t) for t in data.get("tags", []) or []],
            changed={str(k): str(v) for k, v in (data.get("changed") or {}).items()},
        )


EMPTY_STATE = PaperState()


@dataclass(slots=True)
class ArxivRecord:
    """What arXiv said about one paper: found (with links) or not found, and when we asked."""

    status: str  # "found" or "not_found"
    checked_at: str  # ISO time of the lookup
    arxiv_id: str | None = None  # without version, e.g. "2202.12139"
    abs_url: str | None = None
    pdf_url: str | None = None
    primary_category: str | None = None
    published: str | None = None  # YYYY-MM-DD
    authors: list[str] = field(default_factory=list)
    doi: str | None = None
    title: str | None = None  # arXiv's title, for the record
    version: int | None = None  # the version the record was read at (3 for "v3")
    latest_version: int | None = None  # the newest version arXiv reported on the last check

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArxivRecord:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
