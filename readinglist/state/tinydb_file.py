"""A TinyDB storage that never leaves a half-written file and never loses another process's update.

TinyDB's stock JSONStorage rewrites its file in place, so a crash mid-write leaves a file that no
longer loads, and two processes each holding the file overwrite each other. `AtomicJSONStorage`
instead:

- writes a temp file beside the real one, fsyncs it, `os.replace`s it over the real file and
  fsyncs the directory, keeping the file's permissions: a write is whole on disk or not at all;
- takes a lock file around every read-modify-write (`transaction()`), re-reading the file first
  when another process replaced it (inode, size, mtime_ns), so no process loses another's update;
- keeps the data in memory between writes, so reads cost nothing;
- wraps the TinyDB tables in `{"kind", "schema", "tables"}` and migrates older schemas on load;
  a bad file raises `StoreError` and is never written over.

Usage (the arXiv records work this way; the reading state has its own journal, see `store`):

    db = open_db(path, FileFormat(kind="readinglist-arxiv", schema=1))
    table = db.table("arxiv")           # a KeyedTable: documents keyed by a string id
    table.get(doc_id="2202.12139")
    with db.storage.transaction():      # lock, re-read if changed, write once on exit
        table.put("2202.12139", {...})
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import filelock
import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from readinglist.atomicfile import atomic_write_bytes, remove_stale_temp_files
from readinglist.errors import UserError

T = TypeVar("T")
Tables = dict[str, dict[str, Any]]
Migration = Callable[[dict[str, Any]], dict[str, Any]]
Validator = Callable[[Tables], None]

LOCK_TIMEOUT = 30.0  # seconds; a write holds the lock for milliseconds


class StoreError(UserError):
    """A data file could not be read or written; the message names the file and what to do."""


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def doctor_hint(path: Path, problem: str) -> str:
    return (
        f"{path}: {problem}; the file was left untouched. "
        "Run `readinglist doctor` to see what it holds, `readinglist doctor --repair` to fix it"
    )


def _signature(stat: os.stat_result | None) -> tuple[int, int, int] | None:
    """What tells us another process replaced the file: inode, size and mtime."""
    if stat is None:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def parse_document(raw: bytes) -> Any:
    """JSON bytes -> Python value; raises ValueError with a short reason."""
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error})") from None


class NewerSchemaError(ValueError):
    """The file was written by a newer version of readinglist."""


@dataclass(frozen=True, slots=True)
class FileFormat:
    """What a data file holds and how its versions are read.

    `kind` names the content (checked on load, so a wrong file is refused); `schema` is the
    current version; `migrations[v]` turns a version-v document into version v + 1; a file
    without a schema key is version `legacy_schema` (a plain TinyDB JSON file), if set.
    `validate` checks the loaded tables and raises ValueError(reason) when they are unusable.
    """

    kind: str
    schema: int
    migrations: Mapping[int, Migration] = field(default_factory=dict)
    legacy_schema: int | None = None
    validate: Validator | None = None

    def decode(self, raw: bytes, path: Path) -> tuple[Tables, int]:
        """File bytes -> (current-schema tables, schema on disk). StoreError when unusable."""
        try:
            return self.decode_or_raise(raw)
        except NewerSchemaError as error:
            raise StoreError(doctor_hint(path, str(error))) from None
        except ValueError as error:
            raise StoreError(doctor_hint(path, f"cannot be read: {error}")) from None

    def decode_or_raise(self, raw: bytes) -> tuple[Tables, int]:
        """Like decode, raising ValueError (NewerSchemaError for a newer file) with the reason."""
        document = parse_document(raw)
        version = self._version_of(document)
        tables = self._tables_of(self._migrate(document, version))
        if self.validate is not None:
            self.validate(tables)
        return tables, version

    def encode(self, tables: Tables) -> bytes:
        """Compact JSON (no indentation): a toggle rewrites as few bytes as possible."""
        return orjson.dumps({"kind": self.kind, "schema": self.schema, "tables": tables})

    def _version_of(self, document: Any) -> int:
        if not isinstance(document, dict):
            raise ValueError("expected a JSON object at the top")
        if "schema" not in document:
            if self.legacy_schema is None or "tables" in document or "kind" in document:
                raise ValueError("no schema version")
            return self.legacy_schema
        if document.get("kind") != self.kind:
            raise ValueError(f"it holds {document.get('kind')!r}, not {self.kind!r}")
        version = document["schema"]
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"bad schema version {version!r}")
        if version > self.schema:
            raise NewerSchemaError(
                f"written by a newer readinglist (schema {version}; this one reads up to "
                f"{self.schema}); upgrade readinglist"
            )
        return version

    def _migrate(self, document: dict[str, Any], version: int) -> dict[str, Any]:
        while version < self.schema:
            step = self.migrations.get(version)
            if step is None:
                raise ValueError(f"no migration from schema {version}")
            document = step(document)
            version += 1
        return document

    @staticmethod
    def _tables_of(document: dict[str, Any]) -> Tables:
        tables = document.get("tables")
        if not isinstance(tables, dict):
            raise ValueError("no tables")
        for name, table in tables.items():
            if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
                raise ValueError(f"table {name!r} is not a mapping of records")
        return tables


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, locked, write-through writes and an in-memory copy for reads."""

    def __init__(
        self, path: str | os.PathLike[str], *, fmt: FileFormat, lock_timeout: float = LOCK_TIMEOUT
    ) -> None:
        self.path = Path(path)
        self.format = fmt
        self._lock = filelock.FileLock(
            lock_path(self.path), timeout=lock_timeout, thread_local=False
        )
        self._mutex = threading.RLock()  # threads of one process share the cache
        self._data: Tables | None = None
        self._signature: tuple[int, int, int] | None = None
        self._depth = 0  # transaction nesting
        self._dirty = False
        self.loaded_schema: int | None = None  # the schema the file had on disk
        self._clean_stale_temp_files()
        self._load()

    # -- TinyDB's Storage interface --------------------------------------------------------

    def read(self) -> Tables:
        with self._mutex:
            if self._data is None:
                self._load()
            assert self._data is not None
            return self._data

    def write(self, data: Tables) -> None:
        """Inside a transaction the write happens once, on exit; outside, at once (locked)."""
        with self._mutex:
            self._data = data
            if self._depth:
                self._dirty = True
                return
            with self.transaction(reload=False):
                self._dirty = True

    def close(self) -> None:
        pass

    # -- locking and freshness ------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, reload: bool = True) -> Iterator[None]:
        """Hold the lock; re-read first if another process changed the file; write once on exit.

        An exception inside drops every change made in the transaction (the data is re-read).
        """
        with self._mutex:
            outermost = self._depth == 0
            if outermost:
                self._acquire_lock()
            self._depth += 1
            try:
                if outermost and reload:
                    self.refresh()
                yield
                if outermost and self._dirty:
                    self._flush()
            except BaseException:
                if outermost:
                    self._forget()
                raise
            finally:
                self._depth -= 1
                if outermost:
                    self._dirty = False
                    self._lock.release()

    def refresh(self) -> bool:
        """Re-read the file if another process replaced it since we read it; True if it did."""
        with self._mutex:
            if self._data is not None and _signature(_stat(self.path)) == self._signature:
                return False
            self._load()
            return True

    def _acquire_lock(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreError(
                f"{self.path}: another readinglist process has held its lock for "
                f"{self._lock.timeout:.0f} s; close it or try again",
                exit_code=1,
            ) from None
        except OSError as error:
            raise self._write_error(error) from None

    def _forget(self) -> None:
        """Drop the in-memory copy (it may hold changes that never reached the disk)."""
        self._data = None
        self._signature = None
        self._dirty = False

    # -- disk ------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                raw = handle.read()
        except FileNotFoundError:
            self._data, self._signature = {}, None
            self.loaded_schema = None
            return
        except OSError as error:
            raise StoreError(
                f"{self.path}: cannot read it ({error.strerror}); check its permissions", 1
            ) from None
        data, version = self.format.decode(raw, self.path)
        self._data, self._signature = data, _signature(stat)
        self.loaded_schema = version

    def _flush(self) -> None:
        assert self._data is not None
        payload = self.format.encode(self._data)
        try:
            atomic_write_bytes(self.path, payload)
            stat = os.stat(self.path)
        except OSError as error:
            raise self._write_error(error) from None
        self._signature = _signature(stat)
        self._dirty = False

    def _write_error(self, error: OSError) -> StoreError:
        reason = error.strerror or str(error)
        return StoreError(
            f"could not save {self.path}: {reason}; the change was not saved. "
            f"Check that {self.path.parent} is writable and the disk has space",
            exit_code=1,
        )

    def _clean_stale_temp_files(self) -> None:
        """Remove temp files of writers that were killed; only when nobody holds the lock."""
        if not self.path.parent.is_dir():
            return
        with contextlib.suppress(OSError, filelock.Timeout):
            self._lock.acquire(timeout=0)
            try:
                remove_stale_temp_files(self.path)
            finally:
                self._lock.release()


class KeyedTable(Table):
    """A TinyDB table whose documents are keyed by a string id (a paper id), not a counter.

    The query cache is off: another process may change the file under us.
    """

    document_id_class = str  # type: ignore[assignment]

    def __init__(self, storage: Storage, name: str, **kwargs: Any) -> None:
        kwargs["cache_size"] = 0
        super().__init__(storage, name, **kwargs)

    def _get_next_id(self):  # type: ignore[override]
        raise TypeError("KeyedTable documents need an explicit id: use put(key, doc)")

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        """TinyDB's read-modify-write without its two key conversions (ours are strings already).

        The table is copied, not changed in place, so a reader holding the old one is unaffected.
        """
        tables = self._storage.read()
        table = dict(tables.get(self.name, {}))
        updater(table)
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()

    def raw(self) -> Mapping[str, dict[str, Any]]:
        """Every document by key, read-only and uncopied (fast for thousands of records)."""
        return self._read_table()

    def put(self, key: str, doc: Mapping[str, Any]) -> None:
        """Set the document under `key`, replacing any previous one whole."""
        self._update_table(lambda table: table.__setitem__(key, dict(doc)))

    def put_many(self, docs: Mapping[str, Mapping[str, Any]]) -> None:
        def update(table: dict) -> None:
            for key, doc in docs.items():
                table[key] = dict(doc)

        self._update_table(update)

    def delete(self, key: str) -> None:
        self._update_table(lambda table: table.pop(key, None))


class AtomicDB(TinyDB):
    """TinyDB on an AtomicJSONStorage with string-keyed tables."""

    table_class = KeyedTable

    @property
    def atomic_storage(self) -> AtomicJSONStorage:
        storage = self.storage
        assert isinstance(storage, AtomicJSONStorage)
        return storage

    def table(self, name: str, **kwargs: Any) -> KeyedTable:  # type: ignore[override]
        return super().table(name, **kwargs)  # type: ignore[return-value]


def open_db(path: str | os.PathLike[str], fmt: FileFormat, **options: Any) -> AtomicDB:
    """Open (or start) a data file; raises StoreError when the file is unusable."""
    return AtomicDB(path, storage=AtomicJSONStorage, fmt=fmt, **options)


def locked_update(db: AtomicDB, change: Callable[[AtomicDB], T]) -> T:
    """Run `change(db)` as one read-modify-write: under the lock, on fresh data, written once."""
    with db.atomic_storage.transaction():
        return change(db)
