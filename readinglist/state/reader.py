"""Reading every state file of a library into one merged view, incrementally.

TinyDB files (every device's `state.DEVICE.json`, the `state.json` of earlier releases, sync
tools' conflict copies) are read when their signature (inode, size, mtime) changes; journals
from the byte offset read last time, or from 0 when the file was replaced. Merging is per
field by change time (`records`), so reading anything twice changes nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from readinglist.papers.library import paused_gc
from readinglist.state import records
from readinglist.state.devices import scan
from readinglist.state.files import decode_state_document, fingerprint
from readinglist.state.journal import read_journal
from readinglist.state.records import Doc, apply_op
from readinglist.state.tinydb_file import NewerSchemaError, StoreError, doctor_hint

LEGACY = "state.json"
Signature = tuple[int, int, int]


def _signature(path: Path) -> Signature | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class StateReader:
    """The merged records of every state file in `directory` (the store's reading half)."""

    directory: Path
    snapshot_path: Path
    _docs: dict[str, Doc]
    _documents: dict[str, Signature | None]
    _journals: dict[str, tuple[int, int]]
    _folded: dict[str, str]
    problems: dict[str, str]
    _unseen: set[str]

    # -- reading the files ---------------------------------------------------------------

    def _sync(self) -> set[str]:
        """Merge in everything new in the state files; the ids whose state changed."""
        changed: set[str] = set()
        files = scan(self.directory)
        for name in files.snapshots:
            self._read_document(name, changed)
        for name in files.conflicts:
            if not name.endswith(".jsonl"):
                self._read_document(name, changed)
        self._read_document(LEGACY, changed)
        for name in (*files.journals, *(n for n in files.conflicts if n.endswith(".jsonl"))):
            self._read_journal(name, changed)
        return changed

    def _reload(self) -> None:
        """Read every file again (memory held changes that never reached the disk)."""
        dropped = set(self._docs)
        self._docs, self._documents, self._journals, self._folded = {}, {}, {}, {}
        with contextlib.suppress(StoreError):
            self._sync()
        self._unseen |= dropped  # those papers may differ from what callers were told

    def _owned(self, name: str) -> bool:
        """This machine's files (and the older state.json): damage there stops us."""
        return name in (LEGACY, self.snapshot_path.name)

    def _read_document(self, name: str, changed: set[str]) -> None:
        path = self.directory / name
        signature = _signature(path)
        if signature == self._documents.get(name, ()) or signature is None:
            return
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            raise StoreError(
                f"{path}: cannot read it ({error.strerror}); check its permissions", 1
            ) from None
        self._documents[name] = signature
        if name == LEGACY and fingerprint(raw) in self._folded.values():
            return  # its records are in a TinyDB file read already
        try:
            with paused_gc():  # 100k records: the collector's passes would cost more than parsing
                document = decode_state_document(raw)
        except NewerSchemaError as error:
            raise StoreError(doctor_hint(path, str(error))) from None
        except ValueError as error:
            if self._owned(name):
                raise StoreError(doctor_hint(path, f"cannot be read: {error}")) from None
            self.problems[name] = f"cannot be read: {error}"  # another machine's, mid-sync
            from readinglist.state.health import salvage_docs

            document = salvage_docs(raw)
        self._folded.update(document.folded)
        if name == LEGACY:
            self._folded[LEGACY] = fingerprint(raw)
        base = name.rsplit(".", 1)[0]
        self._journals.pop(base + ".jsonl", None)  # a folded journal is read again from 0
        self._merge(document.docs, changed)

    def _merge(self, docs: dict[str, Doc], changed: set[str]) -> None:
        if not self._docs:
            self._docs = docs
            changed.update(docs)
            return
        mine = self._docs
        for paper_id, doc in docs.items():
            current = mine.get(paper_id)
            if current is None:
                mine[paper_id] = doc
                changed.add(paper_id)
            elif current != doc and records.merge_doc(current, doc):
                changed.add(paper_id)

    def _read_journal(self, name: str, changed: set[str]) -> None:
        path = self.directory / name
        try:
            stat = os.stat(path)
        except OSError:
            return
        inode, offset = self._journals.get(name, (stat.st_ino, 0))
        if inode != stat.st_ino or stat.st_size < offset:
            offset = 0  # replaced (folded, or a sync tool's copy): read it all again
        if stat.st_size == offset:
            self._journals[name] = (stat.st_ino, offset)
            return
        try:
            found = read_journal(path, offset)
        except OSError:
            return
        self._journals[name] = (stat.st_ino, found.end)
        problems = []
        if found.bad_lines:
            problems.append(f"{found.bad_lines} damaged lines skipped")
        if found.conflict_lines:
            problems.append("git conflict markers (both sides read)")
        if problems:
            self.problems[name] = "; ".join(problems)
        docs = self._docs
        for stamp, ops in found.entries:
            stamp = records.clean_stamp(stamp)
            for op in ops:
                paper_id = op[0]
                doc = docs.get(paper_id)
                if doc is None:
                    doc = docs[paper_id] = {}
                op_stamp = records.clean_stamp(op[3]) if len(op) == 4 else stamp
                if apply_op(doc, op[1], op[2], op_stamp):
                    changed.add(paper_id)
