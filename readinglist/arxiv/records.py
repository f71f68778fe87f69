"""What arXiv told us, per paper id, in `arxiv.json`; and filling a paper's gaps from it.

The file goes through readinglist.state.tinydb_file (atomic, locked TinyDB writes), one record per
paper: found (id, links, authors...) or not found, each with when we asked. Nothing here
touches the library file or the user's state: `fill_from_arxiv` works on a copy in memory.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from readinglist.arxiv.feed import FeedEntry
from readinglist.papers.arxiv_ids import parse_arxiv_id
from readinglist.papers.models import ArxivRecord
from readinglist.papers.present import fill_from_arxiv  # one fill, shared with the exports
from readinglist.state.tinydb_file import FileFormat, StoreError, Tables, open_db

__all__ = [
    "FOUND",
    "NOT_FOUND",
    "ArxivStore",
    "StoreError",
    "fill_from_arxiv",
    "found_record",
    "has_newer_version",
    "not_found_record",
    "refreshed_record",
    "version_text",
]

ARXIV_KIND = "readinglist-arxiv"
SCHEMA = 1
TABLE = "arxiv"
FOUND = "found"
NOT_FOUND = "not_found"
_LIST_FIELDS = ("authors",)
_INT_FIELDS = ("version", "latest_version")
_TEXT_FIELDS = (
    "checked_at",
    "arxiv_id",
    "abs_url",
    "pdf_url",
    "primary_category",
    "published",
    "doi",
    "title",
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def found_record(entry: FeedEntry, checked: datetime) -> ArxivRecord:
    return ArxivRecord(
        status=FOUND,
        checked_at=stamp(checked),
        arxiv_id=entry.arxiv_id,
        abs_url=entry.abs_url,
        pdf_url=entry.pdf_url,
        primary_category=entry.primary_category,
        published=entry.published,
        authors=list(entry.authors),
        doi=entry.doi,
        title=entry.title,
        version=entry.version,
        latest_version=entry.version,
    )


def refreshed_record(old: ArxivRecord | None, entry: FeedEntry, checked: datetime) -> ArxivRecord:
    """arXiv's new answer for a paper found before: fresh links and metadata, but the version
    the paper was read at stays, so a newer one shows as `v3 (v4 available)`."""
    record = found_record(entry, checked)
    same = old is not None and old.status == FOUND and old.arxiv_id == entry.arxiv_id
    if same and old.version is not None:
        record.version = old.version
    return record


def has_newer_version(record: ArxivRecord | None) -> bool:
    """arXiv has a newer version than the one this paper was read at."""
    return (
        record is not None
        and record.status == FOUND
        and record.version is not None
        and record.latest_version is not None
        and record.latest_version > record.version
    )


def version_text(record: ArxivRecord | None) -> str | None:
    """`v3`, `v3 (v4 available)`, or None when the version is not known (older records)."""
    if record is None or record.status != FOUND or record.version is None:
        return None
    if has_newer_version(record):
        return f"v{record.version} (v{record.latest_version} available)"
    return f"v{record.version}"


def version_seen(record: ArxivRecord) -> ArxivRecord:
    """The record once the newest version is the one the user has (e.g. its PDF downloaded)."""
    if record.latest_version is None:
        return record
    return replace(record, version=record.latest_version)


def not_found_record(checked: datetime) -> ArxivRecord:
    return ArxivRecord(status=NOT_FOUND, checked_at=stamp(checked))


def checked_time(record: ArxivRecord) -> datetime | None:
    try:
        moment = datetime.fromisoformat(record.checked_at)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _record_problem(record: dict[str, Any]) -> str | None:
    if record.get("status") not in (FOUND, NOT_FOUND):
        return f"bad status {record.get('status')!r}"
    if not isinstance(record.get("checked_at"), str):
        return "no checked_at time"
    for name in _TEXT_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            return f"bad {name!r}"
    for name in _INT_FIELDS:
        value = record.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            return f"bad {name!r}"
    for name in _LIST_FIELDS:
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"bad {name!r}"
    return None


def _validate(tables: Tables) -> None:
    for paper_id, record in tables.get(TABLE, {}).items():
        if problem := _record_problem(record):
            raise ValueError(f"record {paper_id!r}: {problem}")


ARXIV_FORMAT = FileFormat(kind=ARXIV_KIND, schema=SCHEMA, validate=_validate)


class ArxivStore:
    """arXiv records by paper id. `put` is on disk (atomically, locked) when it returns.

    Safe to use from a worker thread while another thread reads. Raises StoreError (a
    UserError) when the file is unusable or a write fails.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db = open_db(self.path, ARXIV_FORMAT)
        self._table = self._db.table(TABLE)

    def get(self, paper_id: str) -> ArxivRecord | None:
        with self._lock:
            record = self._table.raw().get(paper_id)
            return _usable(record) if record is not None else None

    def all(self) -> dict[str, ArxivRecord]:
        """Every usable record by paper id (a found record whose id is not a well-formed
        arXiv id, as older versions could store, counts as none: it is asked again)."""
        with self._lock:
            records = ((pid, _usable(r)) for pid, r in self._table.raw().items())
            return {pid: record for pid, record in records if record is not None}

    def put(self, paper_id: str, record: ArxivRecord) -> None:
        with self._lock, self._db.atomic_storage.transaction():
            self._table.put(paper_id, record.to_dict())

    def put_many(self, records: Mapping[str, ArxivRecord]) -> None:
        """Several records in one write: a batch request's answers land together."""
        if not records:
            return
        with self._lock, self._db.atomic_storage.transaction():
            for paper_id, record in records.items():
                self._table.put(paper_id, record.to_dict())

    def refresh(self) -> bool:
        """Re-read the file if another process changed it; True when it did."""
        with self._lock:
            return self._db.atomic_storage.refresh()

    def __len__(self) -> int:
        with self._lock:
            return len(self._table.raw())

    def close(self) -> None:
        self._db.close()


def _usable(data: dict[str, Any]) -> ArxivRecord | None:
    record = ArxivRecord.from_dict(data)
    if record.status == FOUND and parse_arxiv_id(record.arxiv_id or "") is None:
        return None
    return record
