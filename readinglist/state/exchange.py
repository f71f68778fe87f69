"""`readinglist state export|import`: the state as one JSON file, and merging such a file in.

An export holds every paper's state with its change times (and each tag's); importing merges
it field by field and tag by tag: the later change wins, as between synced machines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from readinglist.atomicfile import atomic_write_bytes
from readinglist.papers.models import PaperState
from readinglist.state import records
from readinglist.state.files import decode_state_document
from readinglist.state.legacy import record_problem
from readinglist.state.records import ADD, REMOVE, SCALARS, Doc
from readinglist.state.tinydb_file import NewerSchemaError, StoreError, parse_document

EXPORT_KIND = "readinglist-state-export"
EXPORT_SCHEMA = 3


@dataclass(slots=True)
class MergeReport:
    added: int = 0  # papers that had no state here
    updated: int = 0  # papers where at least one field was taken from the import
    unchanged: int = 0


def export_states(store: Any, target: Path) -> int:
    """Write every paper's state (with change times) to `target`; returns how many."""
    states = {}
    for paper_id, doc in store._docs.items():
        stamps = records.times(doc)
        if records.is_empty(doc) and not stamps:
            continue
        state = records.to_state(doc).to_dict()
        state["tagtimes"] = {k[1:]: records.iso_stamp(v) for k, v in stamps.items() if k[:1] == "#"}
        states[paper_id] = state
    document = {
        "kind": EXPORT_KIND,
        "schema": EXPORT_SCHEMA,
        "exported": records.iso_stamp(records.now_stamp()),
        "states": states,
    }
    try:
        atomic_write_bytes(target, orjson.dumps(document, option=orjson.OPT_INDENT_2), public=True)
    except OSError as error:
        raise StoreError(f"could not write {target}: {error.strerror or error}", 1) from None
    return len(states)


def load_state_docs(source: Path) -> dict[str, Doc]:
    """The records of a state export or any state file, for import; StoreError when unusable."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise StoreError(f"cannot read {source}: {error.strerror or error}") from None
    try:
        document = parse_document(raw)
    except ValueError as error:
        raise StoreError(f"{source}: {error}; expected a `readinglist state export` file") from None
    if isinstance(document, dict) and document.get("kind") == EXPORT_KIND:
        return _docs_of_export(source, document)
    try:
        return decode_state_document(raw).docs
    except NewerSchemaError as error:
        raise StoreError(f"{source}: {error}") from None
    except ValueError as error:
        raise StoreError(f"{source}: {error}; expected a `readinglist state export` file") from None


def load_states_file(source: Path) -> dict[str, PaperState]:
    return {pid: records.to_state(doc) for pid, doc in load_state_docs(source).items()}


def _docs_of_export(source: Path, document: dict[str, Any]) -> dict[str, Doc]:
    version = document.get("schema")
    if not isinstance(version, int) or version > EXPORT_SCHEMA:
        raise StoreError(
            f"{source}: exported by a newer readinglist (schema {version}); upgrade readinglist"
        )
    states = document.get("states")
    if not isinstance(states, dict):
        raise StoreError(f"{source}: no `states` object; expected a `state export` file")
    result = {}
    for paper_id, record in states.items():
        problem = record_problem(record)
        doc = records.clean_doc(record) if problem is None else None
        if doc is None:
            problem = problem or "bad 'tagtimes'"
            raise StoreError(f"{source}: paper {paper_id!r}: {problem}; nothing was imported")
        result[paper_id] = doc
    return result


def merge_into(store: Any, incoming: Mapping[str, Doc | PaperState]) -> MergeReport:
    """Take each field and tag from `incoming` where it changed later (one journal line)."""
    report = MergeReport()
    with store.batch():
        for paper_id, theirs in incoming.items():
            if isinstance(theirs, PaperState):
                theirs = records.doc_of_state(theirs)
            existed = paper_id in store._docs and not records.is_empty(store._docs[paper_id])
            if absorb(store, paper_id, theirs):
                report.updated += existed
                report.added += not existed
            else:
                report.unchanged += 1
    return report


def absorb(store: Any, paper_id: str, theirs: Mapping[str, Any]) -> bool:
    """Merge one record into the store inside its batch, each change at its own time."""
    doc = store._docs.setdefault(paper_id, {})
    tags = theirs.get("tags", ())
    ops = []
    for key, stamp in records.times(dict(theirs)).items():
        if key.startswith("#"):
            ops.append([paper_id, ADD if key[1:] in tags else REMOVE, key[1:], stamp])
        elif key in SCALARS:
            ops.append([paper_id, key, records.field_value(theirs, key), stamp])
    taken = [op for op in ops if records.apply_op(doc, op[1], op[2], op[3])]
    store._ops.extend(taken)
    return bool(taken)
