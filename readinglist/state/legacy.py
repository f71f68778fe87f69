"""The single `state.json` of earlier releases (schemas 1 and 2), read for migration and repair.

Schema 1: a plain TinyDB JSON file, {"_default": {"1": {"id": ..., "read": ..., ...}}}, no
change times. Schema 2: {"kind", "schema", "tables": {"state": {paper_id: record}}}, records
hold only non-default fields plus `changed`. Schema 3 (this release) is in `files`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readinglist.papers.models import PaperState
from readinglist.state.tags import normalize_tags
from readinglist.state.tinydb_file import FileFormat, Tables

STATE_KIND = "readinglist-state"
LEGACY_TABLE = "state"
LEGACY_SCHEMA = 2
STATE_FIELDS = ("read", "starred", "notes", "tags")
RECORD_KEYS = frozenset((*STATE_FIELDS, "changed", "tagtimes", "t"))


def encode_state(state: PaperState) -> dict[str, Any]:
    """The compact schema-2 record: only what differs from the default."""
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
    for paper_id, record in tables.get(LEGACY_TABLE, {}).items():
        problem = record_problem(record)
        if problem:
            raise ValueError(f"record {paper_id!r}: {problem}")


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
    return {"kind": STATE_KIND, "schema": 2, "tables": {LEGACY_TABLE: records}}


STATE_FORMAT = FileFormat(
    kind=STATE_KIND,
    schema=LEGACY_SCHEMA,
    migrations={1: _migrate_1_to_2},
    legacy_schema=1,
    validate=validate_tables,
)
