"""The user's reading state (read, starred, notes, tags) per paper id, safe on disk and in sync.

A change appends one small fsynced line to this machine's journal (`state.DEVICE.jsonl`); a
batch of any size is one line. When the journal grows past `JOURNAL_BOUND` it is folded, under
the lock, into this machine's TinyDB file (`state.DEVICE.json`, written atomically), and
emptied. Reading the state is every device's TinyDB file plus every journal, merged per field
by change time (`records`), plus the `state.json` of earlier releases. Each machine writes only
files of its own, so a folder-sync tool or git carries the library between machines.

`refresh()` picks up what other processes and machines wrote (a stat per file when nothing
changed) and says which papers changed. Every change is on disk when the method returns.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import filelock

from readinglist.atomicfile import atomic_write_bytes, remove_stale_temp_files
from readinglist.papers.library import paused_gc
from readinglist.papers.models import PaperState
from readinglist.state import records
from readinglist.state.devices import device_name, journal_name, snapshot_name
from readinglist.state.files import encode_snapshot
from readinglist.state.journal import Op, append_line, encode_line
from readinglist.state.reader import Signature, StateReader, _signature
from readinglist.state.records import ADD, DEFAULTS, REMOVE, SCALARS, Doc, apply_op, field_value
from readinglist.state.tags import normalize_tags
from readinglist.state.tinydb_file import LOCK_TIMEOUT, StoreError
from readinglist.state.undo import Key, UndoReport, UndoStep

__all__ = ["JOURNAL_BOUND", "STATE_FIELDS", "StateStore", "StoreError", "normalize_tags"]

STATE_FIELDS = records.STATE_FIELDS
JOURNAL_BOUND = 1 << 20  # bytes: past this, the journal is folded into the TinyDB file


class StateStore(StateReader):
    """Read/starred/notes/tags per paper id; every change is on disk when the call returns.

    `path` is the library's `state.json`; the other state files sit beside it. Raises
    StoreError (a UserError) when a file of this machine is bad or a write fails.
    """

    def __init__(self, path: str | os.PathLike[str], *, device: str | None = None) -> None:
        self.path = Path(path)
        self.directory = self.path.parent
        self.device = device or device_name()
        self.journal_path = self.directory / journal_name(self.device)
        self.snapshot_path = self.directory / snapshot_name(self.device)
        lock = self.directory / f"state.{self.device}.lock"
        self._lock = filelock.FileLock(lock, timeout=LOCK_TIMEOUT, thread_local=False)
        self._mutex = threading.RLock()
        self._docs: dict[str, Doc] = {}
        self._documents: dict[str, Signature | None] = {}  # TinyDB file -> signature read
        self._journals: dict[str, tuple[int, int]] = {}  # journal -> (inode, offset read)
        self._folded: dict[str, str] = {}  # older state.json fingerprints our files hold
        self.problems: dict[str, str] = {}  # file name -> what is wrong (for `doctor`)
        self._depth = 0
        self._ops: list[Op] = []
        self._stamp = ""
        self._step = UndoStep()
        self.last_step = UndoStep()  # what the last change (or batch) did, for undo
        self._unseen: set[str] = set()  # read during our own writes, not yet refreshed
        self._sync()

    # -- reads ---------------------------------------------------------------------------

    def get(self, paper_id: str) -> PaperState:
        with self._mutex:  # a refresh in another thread may be merging into the records
            return records.to_state(self._docs.get(paper_id))

    def all(self) -> dict[str, PaperState]:
        """Every paper with some state; without change times (`get` has them), so it is fast."""
        make, result = PaperState, {}
        with self._mutex:
            items = list(self._docs.items())
        for paper_id, doc in items:
            read, starred, notes, tags = (
                doc.get("read", False), doc.get("starred", False), doc.get("notes", ""),
                doc.get("tags"),
            )  # fmt: skip
            if read or starred or notes or tags:
                result[paper_id] = make(read, starred, notes, list(tags) if tags else [])
        return result

    def __len__(self) -> int:
        return len(self.all())

    def refresh(self) -> set[str]:
        """Read what other processes and machines wrote since; the ids whose state changed.

        Cheap when nothing changed: one directory listing and a stat per state file.
        """
        with self._mutex:
            changed = self._unseen | self._sync()
            self._unseen = set()
            return changed

    # -- changes -------------------------------------------------------------------------

    def set_read(self, paper_id: str, value: bool) -> PaperState:
        return self._change(paper_id, [("read", bool(value))])

    def set_starred(self, paper_id: str, value: bool) -> PaperState:
        return self._change(paper_id, [("starred", bool(value))])

    def set_notes(self, paper_id: str, text: str) -> PaperState:
        return self._change(paper_id, [("notes", str(text))])

    def set_tags(self, paper_id: str, tags: Iterable[str]) -> PaperState:
        with self.batch():  # under the lock: the tags to remove are the current ones
            state = PaperState(tags=normalize_tags(tags))
            have = self._docs.get(paper_id, {}).get("tags", [])
            ops = [(REMOVE, t) for t in have if t not in state.tags]
            return self._change(paper_id, ops + [(ADD, t) for t in state.tags])

    def add_tags(self, paper_id: str, tags: Iterable[str]) -> PaperState:
        return self._change(paper_id, [(ADD, t) for t in normalize_tags(tags)])

    def remove_tags(self, paper_id: str, tags: Iterable[str]) -> PaperState:
        return self._change(paper_id, [(REMOVE, t) for t in normalize_tags(tags)])

    def put(self, paper_id: str, state: PaperState) -> PaperState:
        """Make the paper's state `state` (fields that differ get a new change time)."""
        with self.batch():
            return self._change(paper_id, records.ops_to_reach(self._docs.get(paper_id), state))

    def apply(self, changes: Mapping[str, Iterable[tuple[str, Any]]], what: str = "") -> UndoStep:
        """Many papers' changes as one journal line and one undo step; returns the step."""
        with self.batch(), paused_gc():  # many small objects: no collector passes meanwhile
            for paper_id, ops in changes.items():
                self._stage(paper_id, ops)
            self._step.what = what
        return self.last_step

    def undo(self, step: UndoStep) -> UndoReport:
        """Undo `step` where each field still holds what the step wrote; one journal line."""
        report = UndoReport(paper_ids=step.paper_ids())
        with self.batch(), paused_gc():
            for key, (before, after) in step.changes.items():
                paper_id, name, tag = key
                current = self._value(paper_id, key)
                if current == before:
                    continue  # already back (another process did the same)
                if current != after:
                    report.skipped.append(key)
                    continue
                op = (ADD if before else REMOVE, tag) if tag else (name, before)
                self._stage(paper_id, [op])
                report.restored += 1
        return report

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes under the lock on fresh data, appended as one line when the block ends.

        An exception inside drops every change of the block (the files are read again).
        """
        with self._mutex:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._acquire_lock()
            self._depth = 1
            try:
                self._unseen |= self._sync()  # others' changes: refresh() still reports them
                self._ops, self._step, self._stamp = [], UndoStep(), records.now_stamp()
                yield
                if self._ops:
                    self._commit()
                self.last_step = self._step
            except BaseException:
                self._reload()
                raise
            finally:
                self._depth = 0
                self._ops, self._step = [], UndoStep()
                self._lock.release()

    def merge(self, incoming: Mapping[str, PaperState]) -> Any:
        from readinglist.state.exchange import merge_into

        return merge_into(self, incoming)

    def fold(self) -> None:
        """Fold every journal and file read into this machine's TinyDB file; empty its journal."""
        with self.batch():
            self._compact()

    def close(self) -> None:
        pass

    # -- inside a batch ------------------------------------------------------------------

    def _change(self, paper_id: str, ops: list[tuple[str, Any]]) -> PaperState:
        if not self._depth:
            with self.batch():
                return self._change(paper_id, ops)
        return records.to_state(self._stage(paper_id, ops))

    def _stage(self, paper_id: str, ops: Iterable[tuple[str, Any]]) -> Doc:
        """Apply changes in memory and queue them for the batch's journal line."""
        doc = self._docs.get(paper_id)
        if doc is None:
            doc = self._docs[paper_id] = {}
        stamps = records.times(doc)
        for name, value in ops:
            scalar = name in SCALARS
            key: Key = (paper_id, name, "") if scalar else (paper_id, "tags", value)
            before = doc.get(name, DEFAULTS[name]) if scalar else value in doc.get("tags", ())
            after = value if scalar else name == ADD
            if before == after:
                continue  # a no-op keeps the old change time
            stamp = self._stamp
            seen = stamps.get(name if scalar else "#" + value, "")
            if seen >= stamp:  # this machine's clock is behind a change it has seen
                stamp = records.now_stamp(after=seen)
            apply_op(doc, name, value, stamp)  # wins: later than anything seen
            self._ops.append([paper_id, name, value] if stamp == self._stamp else
                             [paper_id, name, value, stamp])  # fmt: skip
            self._step.record(key, before, after)
        return doc

    def _value(self, paper_id: str, key: Key) -> Any:
        doc = self._docs.get(paper_id, {})
        _, name, tag = key
        return tag in doc.get("tags", ()) if tag else field_value(doc, name)

    def _commit(self) -> None:
        self._check_writable()
        line = encode_line(self._stamp, self.device, self._ops)
        name = self.journal_path.name
        try:
            before = append_line(self.journal_path, line)
            inode = os.stat(self.journal_path).st_ino
        except OSError as error:
            raise self._write_error(error, self.journal_path) from None
        known = self._journals.get(name)
        if known == (inode, before):  # nothing unread before our line: skip it when reading
            self._journals[name] = (inode, before + len(line))
        if before + len(line) > JOURNAL_BOUND:
            self._compact()

    def _compact(self) -> None:
        """Write the TinyDB file (atomically), then empty the journal: a crash between the two
        only leaves lines that are already in the file, and reading them again changes nothing."""
        self._check_writable()
        with paused_gc():
            payload = encode_snapshot(self._docs, self.device, self._folded)
        try:
            atomic_write_bytes(self.snapshot_path, payload)
            if self.journal_path.exists():
                atomic_write_bytes(self.journal_path, b"")
        except OSError as error:
            raise self._write_error(error, self.snapshot_path) from None
        self._documents[self.snapshot_path.name] = _signature(self.snapshot_path)
        stat = os.stat(self.journal_path) if self.journal_path.exists() else None
        if stat is not None:
            self._journals[self.journal_path.name] = (stat.st_ino, stat.st_size)

    def _check_writable(self) -> None:
        """A state file made read-only is respected: nothing is written, nothing replaced."""
        for path in (self.path, self.snapshot_path, self.journal_path):
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o222 == 0:  # the mode, not access(): root too
                    raise StoreError(
                        f"{path} is read-only; the change was not saved. Make it writable "
                        f"(chmod u+w {path}) to change your reading state",
                        exit_code=1,
                    )

    # -- locking -------------------------------------------------------------------------

    def _acquire_lock(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreError(
                f"{self.journal_path}: another readinglist process has held its lock for "
                f"{self._lock.timeout:.0f} s; close it or try again",
                exit_code=1,
            ) from None
        except OSError as error:
            raise self._write_error(error, self.journal_path) from None
        with contextlib.suppress(OSError):
            remove_stale_temp_files(self.snapshot_path)
            remove_stale_temp_files(self.journal_path)

    def _write_error(self, error: OSError, path: Path) -> StoreError:
        reason = error.strerror or str(error)
        return StoreError(
            f"could not save {path}: {reason}; the change was not saved. "
            f"Check that {path.parent} is writable and the disk has space",
            exit_code=1,
        )
