"""The state as a TinyDB file, and reading the state files of every release.

The folded state (`state.DEVICE.json`, and `state.json` written by older releases) is a TinyDB
JSON file that stock TinyDB opens: table `state` holds one document per paper with its `id`,
table `_meta` one document naming the kind and schema:

    {"_meta": {"1": {"kind": "readinglist-state", "schema": 3, "device": "laptop-1a2b",
                     "folded": {"state.json": "SIZE:HASH"}}},
     "state": {"1": {"id": "3f2a9c1b", "read": true, "tags": ["ml"],
                     "t": "read STAMP #ml STAMP"}, ...}}

`folded` fingerprints an older `state.json` whose records this file holds, so it is not
read twice. Older schemas: 2 (`{"kind", "schema", "tables": {"state": {id: record}}}`) and 1
(a plain TinyDB file of documents with an `id`) are read by `tinydb_file`'s migrations.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from readinglist.state.records import Doc, clean_doc, pack_times
from readinglist.state.tinydb_file import NewerSchemaError, parse_document

STATE_KIND = "readinglist-state"
SNAPSHOT_SCHEMA = 3
TABLE = "state"
META = "_meta"


@dataclass(slots=True)
class StateDocument:
    docs: dict[str, Doc]
    schema: int
    folded: dict[str, str] = field(default_factory=dict)
    skipped: int = 0  # records that could not be read


def fingerprint(raw: bytes) -> str:
    return f"{len(raw)}:{hashlib.blake2b(raw, digest_size=10).hexdigest()}"


def encode_snapshot(
    docs: Mapping[str, Doc], device: str, folded: Mapping[str, str] | None = None
) -> bytes:
    meta = {"kind": STATE_KIND, "schema": SNAPSHOT_SCHEMA, "device": device}
    if folded:
        meta["folded"] = dict(folded)
    table = {}
    for number, (paper_id, doc) in enumerate(docs.items(), 1):
        # Records are written as they are held (no copy): times packed in place (the next
        # change unpacks them again), the id kept inside.
        if type(doc.get("t")) is dict:
            doc["t"] = pack_times(doc)
        if doc.get("id") != paper_id:
            doc["id"] = paper_id
        table[str(number)] = doc
    return orjson.dumps({META: {"1": meta}, TABLE: table})


def decode_state_document(raw: bytes) -> StateDocument:
    """Any state file's records, cleaned; ValueError (NewerSchemaError) with the reason."""
    document = parse_document(raw)
    if isinstance(document, dict) and isinstance(document.get(META), dict):
        return _decode_snapshot(document)
    from readinglist.state.legacy import LEGACY_TABLE, STATE_FORMAT

    tables, version = STATE_FORMAT.decode_or_raise(raw)
    docs: dict[str, Doc] = {}
    for paper_id, record in tables.get(LEGACY_TABLE, {}).items():
        doc = clean_doc(record)
        if doc is not None:
            docs[paper_id] = doc
    return StateDocument(docs, version)


def _decode_snapshot(document: dict[str, Any]) -> StateDocument:
    meta = next(iter(document[META].values()), None)
    if not isinstance(meta, dict) or meta.get("kind") != STATE_KIND:
        raise ValueError(f"it holds {meta!r}, not {STATE_KIND!r}")
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 3:
        raise ValueError(f"bad schema version {schema!r}")
    if schema > SNAPSHOT_SCHEMA:
        raise NewerSchemaError(
            f"written by a newer readinglist (schema {schema}; this one reads up to "
            f"{SNAPSHOT_SCHEMA}); upgrade readinglist"
        )
    table = document.get(TABLE, {})
    if not isinstance(table, dict):
        raise ValueError("table 'state' is not a mapping of records")
    try:  # written by readinglist: taken as they are, `id` and all (fast at 100k papers)
        docs: dict[str, Doc] = {r["id"]: r for r in table.values()}
        skipped = 0
        if not all(type(paper_id) is str for paper_id in docs):
            raise TypeError("a paper id is not a string")
    except (AttributeError, KeyError, TypeError):
        docs, skipped = {}, 0
        for record in table.values():
            paper_id = record.get("id") if isinstance(record, dict) else None
            doc = clean_doc(record) if isinstance(paper_id, str) else None
            if doc is None:
                skipped += 1
            else:
                docs[paper_id] = doc
    folded = meta.get("folded")
    folded = (
        {k: v for k, v in folded.items() if isinstance(v, str)} if isinstance(folded, dict) else {}
    )
    return StateDocument(docs, schema, folded, skipped)
