"""The user's reading state (read, starred, notes, tags) per paper id, safe on disk.

`StateStore` keeps one TinyDB table `state` in `state.json` through `AtomicJSONStorage`: every
change is on disk (atomically, under the lock, merged with other processes' changes) before the
method returns. Records hold only non-default fields and all-default papers are not stored, so
the file stays small and a toggle fast.

Also here: the schema version and its migrations, `diagnose`/`repair` for `readinglist doctor`,
and `export_states`/`load_states_file`/`StateStore.merge` for `readinglist state export|import`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from readinglist.atomicfile import atomic_write_bytes
from readinglist.papers.models import PaperState
from readinglist.state.salvage import diagnose_file, repair_file, salvage
from readinglist.state.tinydb_file import (
    AtomicJSONStorage,
    FileFormat,
    StoreError,
    Tables,
    open_db,
    parse_document,
)

__all__ = [
    "SCHEMA",
    "STATE_FIELDS",
    "Diagnosis",
    "MergeReport",
    "StateStore",
    "StoreError",
    "diagnose",
    "export_states",
    "load_states_file",
    "repair",
]

STATE_KIND = "readinglist-state"
EXPORT_KIND = "readinglist-state-export"
TABLE = "state"
# Schema 1: a plain TinyDB JSON file, {"_default": {"1": {"id": ..., "read": ..., ...}}}, no
# change times. Schema 2: {"kind", "schema", "tables": {"state": {paper_id: record}}}, records
# hold only non-default fields plus `changed`.
SCHEMA = 2
STATE_FIELDS = ("read", "starred", "notes", "tags")
RECORD_KEYS = frozenset((*STATE_FIELDS, "changed"))


# -- records -------------------------------------------------------------------------------


def encode_state(state: PaperState) -> dict[str, Any]:
    """The compact record: only what differs from the default (empty dict: nothing to store)."""
    record: dict[str, Any] = {}
    if state.read:
        record["read"] = True
    if state.starred:
        record["starred"] = True
    if state.notes:
        record["notes"] = state.notes
    if state.tags:
        record["tags"] = list(state.tags)
    if state.changed:
        record["changed"] = dict(state.changed)
    return record


def decode_state(record: Mapping[str, Any] | None) -> PaperState:
    if not record:
        return PaperState()
    return PaperState(
        read=record.get("read", False),
        starred=record.get("starred", False),
        notes=record.get("notes", ""),
        tags=list(record.get("tags", ())),
        changed=dict(record.get("changed", {})),
    )


def record_problem(record: Any, *, lenient: bool = False) -> str | None:
    """Why `record` is not a state record, or None. `lenient` ignores unknown keys."""
    if not isinstance(record, dict):
        return "not an object"
    unknown = set(record) - RECORD_KEYS
    if unknown and not lenient:
        return f"unknown field {sorted(unknown)[0]!r}"
    checks = {
        "read": lambda v: isinstance(v, bool),
        "starred": lambda v: isinstance(v, bool),
        "notes": lambda v: isinstance(v, str),
        "tags": lambda v: isinstance(v, list) and all(isinstance(t, str) for t in v),
        "changed": lambda v: (
            isinstance(v, dict)
            and all(k in STATE_FIELDS and isinstance(t, str) for k, t in v.items())
        ),
    }
    for key, ok in checks.items():
        if key in record and not ok(record[key]):
            return f"bad {key!r}"
    return None


def validate_tables(tables: Tables) -> None:
    for paper_id, record in tables.get(TABLE, {}).items():
        problem = record_problem(record)
        if problem:
            raise ValueError(f"record {paper_id!r}: {problem}")


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Tags without surrounding space or empties, each once, in the order first given."""
    seen: dict[str, None] = {}
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def _migrate_1_to_2(document: dict[str, Any]) -> dict[str, Any]:
    """A plain TinyDB file (documents with an `id` field, counter keys) -> keyed records."""
    records: dict[str, Any] = {}
    for table in document.values():
        if not isinstance(table, dict):
            raise ValueError("schema 1 file: a table is not an object")
        for doc in table.values():
            if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
                raise ValueError("schema 1 file: a record has no paper id")
            state = PaperState.from_dict(doc)
            state.tags = normalize_tags(state.tags)
            record = encode_state(state)
            if record:
                records[doc["id"]] = record
    return {"kind": STATE_KIND, "schema": 2, "tables": {TABLE: records}}


MIGRATIONS = {1: _migrate_1_to_2}


STATE_FORMAT = FileFormat(
    kind=STATE_KIND,
    schema=SCHEMA,
    migrations=MIGRATIONS,
    legacy_schema=1,
    validate=validate_tables,
)


# -- change times --------------------------------------------------------------------------

_clock_lock = threading.Lock()
_last_stamp: datetime | None = None


def now_stamp() -> str:
    """ISO UTC time of a change; strictly increasing within the process, so order is kept."""
    global _last_stamp
    with _clock_lock:
        now = datetime.now(UTC)
        if _last_stamp is not None and now <= _last_stamp:
            now = _last_stamp + timedelta(microseconds=1)
        _last_stamp = now
        return now.isoformat(timespec="microseconds")


def _stamp_key(stamp: str | None) -> datetime:
    """Comparable form of a change time; missing or unreadable counts as oldest."""
    if stamp:
        with contextlib.suppress(ValueError):
            parsed = datetime.fromisoformat(stamp)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.min.replace(tzinfo=UTC)


# -- the store -----------------------------------------------------------------------------


@dataclass(slots=True)
class MergeReport:
    added: int = 0  # papers that had no state here
    updated: int = 0  # papers where at least one field was taken from the import
    unchanged: int = 0


class StateStore:
    """Read/starred/notes/tags per paper id; every change is on disk when the call returns.

    Reads come from memory; `refresh()` picks up changes another process made. Each change
    re-reads the file under the lock first, so concurrent processes never lose updates.
    Raises StoreError (a UserError) when the file is bad or a write fails.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._db = open_db(self.path, STATE_FORMAT)
        self._storage: AtomicJSONStorage = self._db.atomic_storage
        self._table = self._db.table(TABLE)

    # reads

    def get(self, paper_id: str) -> PaperState:
        return decode_state(self._table.raw().get(paper_id))

    def all(self) -> dict[str, PaperState]:
        return {pid: decode_state(rec) for pid, rec in self._table.raw().items()}

    def __len__(self) -> int:
        return len(self._table.raw())

    def refresh(self) -> bool:
        """Re-read the file if another process changed it; True when it did."""
        return self._storage.refresh()

    # changes

    def set_read(self, paper_id: str, value: bool) -> PaperState:
        return self._change(paper_id, read=bool(value))

    def set_starred(self, paper_id: str, value: bool) -> PaperState:
        return self._change(paper_id, starred=bool(value))

    def set_notes(self, paper_id: str, text: str) -> PaperState:
        return self._change(paper_id, notes=str(text))

    def set_tags(self, paper_id: str, tags: Iterable[str]) -> PaperState:
        return self._change(paper_id, tags=normalize_tags(tags))

    def add_tags(self, paper_id: str, tags: Iterable[str]) -> PaperState:
        with self.batch():
            return self._change(paper_id, tags=normalize_tags([*self.get(paper_id).tags, *tags]))

    def remove_tags(self, paper_id: str, tags: Iterable[str]) -> PaperState:
        drop = set(normalize_tags(tags))
        with self.batch():
            kept = [t for t in self.get(paper_id).tags if t not in drop]
            return self._change(paper_id, tags=kept)

    def put(self, paper_id: str, state: PaperState) -> PaperState:
        """Store `state` as given, change times included (undo restores an earlier state)."""
        state = PaperState(
            state.read, state.starred, state.notes, normalize_tags(state.tags), dict(state.changed)
        )
        with self.batch():
            self._write(paper_id, state)
        return state

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes as one locked read-modify-write, on disk when the block ends."""
        with self._storage.transaction():
            yield

    def merge(self, incoming: Mapping[str, PaperState]) -> MergeReport:
        """Take each field from `incoming` where it changed later than here (state import)."""
        report = MergeReport()
        with self.batch():
            current = self._table.raw()
            merged: dict[str, dict[str, Any]] = {}
            for paper_id, theirs in incoming.items():
                ours = decode_state(current.get(paper_id))
                result = merge_states(ours, theirs)
                if result == ours:
                    report.unchanged += 1
                    continue
                if paper_id in current:
                    report.updated += 1
                else:
                    report.added += 1
                merged[paper_id] = encode_state(result)
            if merged:
                self._table.put_many(merged)
        return report

    def close(self) -> None:
        self._db.close()

    def _change(self, paper_id: str, **values: Any) -> PaperState:
        with self.batch():
            state = self.get(paper_id)
            stamp = None
            for name, value in values.items():
                if getattr(state, name) != value:
                    stamp = stamp or now_stamp()
                    setattr(state, name, value)
                    state.changed[name] = stamp
            if stamp:
                self._write(paper_id, state)
        return state

    def _write(self, paper_id: str, state: PaperState) -> None:
        record = encode_state(state)
        if record:
            self._table.put(paper_id, record)
        elif paper_id in self._table.raw():
            self._table.delete(paper_id)


def merge_states(ours: PaperState, theirs: PaperState) -> PaperState:
    """Per field, the value with the later change time; ties keep ours."""
    result = PaperState(ours.read, ours.starred, ours.notes, list(ours.tags), dict(ours.changed))
    for name in STATE_FIELDS:
        their_value, our_value = getattr(theirs, name), getattr(ours, name)
        if their_value == our_value:
            if _stamp_key(theirs.changed.get(name)) > _stamp_key(ours.changed.get(name)):
                result.changed[name] = theirs.changed[name]
            continue
        their_time = _stamp_key(theirs.changed.get(name))
        our_time = _stamp_key(ours.changed.get(name))
        neither_dated = name not in theirs.changed and name not in ours.changed
        if their_time > our_time or (neither_dated and our_value == getattr(PaperState(), name)):
            setattr(result, name, list(their_value) if name == "tags" else their_value)
            if name in theirs.changed:
                result.changed[name] = theirs.changed[name]
    result.tags = normalize_tags(result.tags)
    return result


# -- export / import -------------------------------------------------------------------------


def export_states(store: StateStore, target: Path) -> int:
    """Write every paper's state (with change times) to `target`; returns how many."""
    states = store.all()
    document = {
        "kind": EXPORT_KIND,
        "schema": SCHEMA,
        "exported": now_stamp(),
        "states": {pid: state.to_dict() for pid, state in states.items()},
    }
    try:
        atomic_write_bytes(target, orjson.dumps(document, option=orjson.OPT_INDENT_2))
    except OSError as error:
        raise StoreError(f"could not write {target}: {error.strerror or error}", 1) from None
    return len(states)


def load_states_file(source: Path) -> dict[str, PaperState]:
    """Read a state export (or a state.json, any schema) for import; StoreError when unusable."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise StoreError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        document = parse_document(raw)
    except ValueError as error:
        raise StoreError(f"{source}: {error}; expected a `readinglist state export` file") from None
    if isinstance(document, dict) and document.get("kind") == EXPORT_KIND:
        return _states_of_export(source, document)
    tables, _ = STATE_FORMAT.decode(raw, source)
    return {pid: decode_state(rec) for pid, rec in tables.get(TABLE, {}).items()}


def _states_of_export(source: Path, document: dict[str, Any]) -> dict[str, PaperState]:
    version = document.get("schema")
    if not isinstance(version, int) or version > SCHEMA:
        raise StoreError(
            f"{source}: exported by a newer readinglist (schema {version}); upgrade readinglist"
        )
    states = document.get("states")
    if not isinstance(states, dict):
        raise StoreError(f"{source}: no `states` object; expected a `state export` file")
    result = {}
    for paper_id, record in states.items():
        problem = record_problem(record)
        if problem:
            raise StoreError(f"{source}: paper {paper_id!r}: {problem}; nothing was imported")
        result[paper_id] = decode_state(record)
        result[paper_id].tags = normalize_tags(result[paper_id].tags)
    return result


# -- doctor ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Diagnosis:
    path: Path
    exists: bool
    healthy: bool  # loads as it is
    problem: str | None = None
    schema: int | None = None  # the schema on disk, when known
    records: dict[str, PaperState] = field(default_factory=dict)  # all that could be read


def diagnose(path: Path) -> Diagnosis:
    """What the state file holds: healthy, or the problem plus every record we could salvage."""
    found = diagnose_file(path, STATE_FORMAT, TABLE, _salvageable)
    records = {pid: _salvaged_state(rec) for pid, rec in found.records.items()}
    return Diagnosis(path, found.exists, found.healthy, found.problem, found.schema, records)


def salvage_records(raw: bytes) -> dict[str, PaperState]:
    """Every complete state record in a damaged file (truncated, garbled, newer schema)."""
    return {pid: _salvaged_state(rec) for pid, rec in salvage(raw, _salvageable).items()}


def _salvageable(value: dict[str, Any]) -> bool:
    """A state record (unknown fields of a newer schema are dropped), and not an empty one."""
    if not RECORD_KEYS & set(value) or record_problem(value, lenient=True) is not None:
        return False
    state = _salvaged_state(value)
    return not state.is_empty() or bool(state.changed)


def _salvaged_state(record: dict[str, Any]) -> PaperState:
    state = decode_state({k: v for k, v in record.items() if k in RECORD_KEYS})
    state.tags = normalize_tags(state.tags)
    return state


def _clean_record(record: dict[str, Any]) -> dict[str, Any]:
    return encode_state(_salvaged_state(record))


@dataclass(slots=True)
class RepairReport:
    backup: Path | None  # where the bad file was kept (None: it was healthy)
    recovered: int


def repair(path: Path) -> RepairReport:
    """Keep the bad file under a timestamped name and write one with every salvaged record."""
    backup, count = repair_file(path, STATE_FORMAT, TABLE, _salvageable, _clean_record)
    return RepairReport(backup, count)
