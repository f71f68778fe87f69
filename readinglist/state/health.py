"""What `readinglist doctor` says about the state files, and what `doctor --repair` does.

Each file is checked: the older `state.json`, every device's TinyDB file and journal, and the
copies sync tools make on a conflict. Repair keeps anything damaged aside (never deleted),
folds everything readable into this machine's TinyDB file and empties its journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readinglist.state import records
from readinglist.state.devices import scan
from readinglist.state.files import StateDocument, decode_state_document
from readinglist.state.journal import read_journal
from readinglist.state.salvage import backup_name, salvage
from readinglist.state.tinydb_file import NewerSchemaError


@dataclass(slots=True)
class FileCheck:
    name: str
    healthy: bool
    message: str  # one line: what the file holds or what is wrong
    repair: str = ""  # what --repair does: "fold" (merge and keep aside) or "" (nothing)


def salvage_docs(raw: bytes) -> StateDocument:
    """Every complete record in a damaged state file (any schema)."""

    def accept(value: dict) -> bool:
        return bool(
            set(value) & {"read", "starred", "notes", "tags", "changed", "tagtimes", "t"}
        ) and (records.clean_doc(value) is not None)

    found = salvage(raw, accept)
    docs = {pid: records.clean_doc(rec) or {} for pid, rec in found.items()}
    return StateDocument(docs, 0)


def check_files(directory: Path, device: str) -> list[FileCheck]:
    """One check per state file of the journal era (state.json is checked by `diagnose`)."""
    files = scan(directory)
    checks = []
    for name in files.snapshots:
        checks.append(_check_document(directory / name, own=name == f"state.{device}.json"))
    for name in files.journals:
        checks.append(_check_journal(directory / name, own=name == f"state.{device}.jsonl"))
    for name in files.conflicts:
        check = (
            _check_journal(directory / name, own=False)
            if name.endswith(".jsonl")
            else _check_document(directory / name, own=False)
        )
        check.healthy = False
        check.message = f"a sync tool's conflict copy ({check.message}); merged when read"
        check.repair = "fold"
        checks.append(check)
    return checks


def _check_document(path: Path, *, own: bool) -> FileCheck:
    try:
        raw = path.read_bytes()
        document = decode_state_document(raw)
    except NewerSchemaError as error:
        return FileCheck(path.name, False, str(error))
    except OSError as error:
        return FileCheck(path.name, False, f"cannot read it ({error.strerror})")
    except ValueError as error:
        count = len(salvage_docs(raw).docs)
        whose = "" if own else " (another machine's; maybe still being synced)"
        return FileCheck(
            path.name, False, f"damaged{whose}: {error}; {count} records can be recovered", "fold"
        )
    return FileCheck(path.name, True, f"healthy: {len(document.docs)} records")


def _check_journal(path: Path, *, own: bool) -> FileCheck:
    try:
        found = read_journal(path)
    except OSError as error:
        return FileCheck(path.name, False, f"cannot read it ({error.strerror})")
    changes = sum(len(ops) for _, ops in found.entries)
    problems = []
    if found.torn_tail or found.bad_lines:
        torn = found.bad_lines + found.torn_tail
        problems.append(f"{torn} torn or damaged lines (a write cut short; never acknowledged)")
    if found.conflict_lines:
        problems.append("git conflict markers (both sides are read)")
    if not problems:
        return FileCheck(
            path.name, True, f"healthy: {len(found.entries)} entries, {changes} changes"
        )
    detail = "; ".join(problems)
    return FileCheck(path.name, False, f"{changes} changes readable; {detail}", "fold")


def repair_files(state_path: Path, device: str | None = None) -> list[str]:
    """Fold every readable state file into this machine's; keep damaged files and conflict
    copies aside under new names (nothing is deleted). Returns one line per thing done."""
    from readinglist.state.devices import device_name
    from readinglist.state.exchange import absorb
    from readinglist.state.store import StateStore

    directory = state_path.parent
    device = device or device_name()
    checks = [c for c in check_files(directory, device) if c.repair == "fold"]
    salvaged: list[dict] = []
    done = []
    for check in checks:  # TinyDB files first, out of the way: the store refuses a bad own one
        path = directory / check.name
        if check.name.endswith(".json"):
            raw = path.read_bytes()
            try:
                salvaged.append(decode_state_document(raw).docs)
            except ValueError:
                salvaged.append(salvage_docs(raw).docs)
            aside = backup_name(path, "merged" if "conflict copy" in check.message else "bad")
            path.rename(aside)
            done.append(f"{check.name}: its records merged in, the file kept as {aside.name}")
    store = StateStore(state_path, device=device)  # reads the journals and conflict copies
    with store.batch():
        for docs in salvaged:
            for paper_id, doc in docs.items():
                absorb(store, paper_id, doc)
        store._compact()
    for check in checks:
        path = directory / check.name
        if not check.name.endswith(".jsonl"):
            continue
        if check.name == store.journal_path.name:
            done.append(f"{check.name}: folded into {store.snapshot_path.name}")
        elif "conflict copy" in check.message:
            aside = backup_name(path, "merged")
            path.rename(aside)
            done.append(
                f"{check.name}: merged into {store.snapshot_path.name}, kept as {aside.name}"
            )
        else:
            _rewrite_journal(path)
            done.append(f"{check.name}: rewritten without its damaged lines (every entry kept)")
    return done


def _rewrite_journal(path: Path) -> None:
    """Another machine's journal after a git conflict: keep every whole entry, once."""
    from readinglist.atomicfile import atomic_write_bytes

    kept: dict[bytes, None] = {}
    for line in path.read_bytes().split(b"\n"):
        if line.strip() and read_line_ok(line):
            kept.setdefault(line, None)
    atomic_write_bytes(path, b"".join(line + b"\n" for line in kept))


def read_line_ok(line: bytes) -> bool:
    from readinglist.state.journal import CONFLICT_MARKERS, parse_entry

    return not line.startswith(CONFLICT_MARKERS) and parse_entry(line) is not None


# -- the older single state.json ---------------------------------------------------------------


@dataclass(slots=True)
class Diagnosis:
    path: Path
    exists: bool
    healthy: bool  # loads as it is
    problem: str | None = None
    schema: int | None = None  # the schema on disk, when known
    records: int = 0  # how many records it holds, or could be recovered


def diagnose(path: Path) -> Diagnosis:
    """What `state.json` holds: healthy, or the problem and how many records can be saved."""
    from readinglist.state.salvage import schema_hint

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Diagnosis(path, exists=False, healthy=True)
    except OSError as error:
        return Diagnosis(path, True, False, f"cannot read it ({error.strerror})")
    try:
        document = decode_state_document(raw)
    except ValueError as error:
        count = len(salvage_docs(raw).docs)
        return Diagnosis(path, True, False, str(error), schema_hint(raw), count)
    return Diagnosis(path, True, True, None, document.schema, len(document.docs))


@dataclass(slots=True)
class RepairReport:
    backup: Path | None  # where the bad file was kept (None: it was healthy)
    recovered: int


def repair(path: Path) -> RepairReport:
    """Keep a bad `state.json` aside (timestamped) and write one with every salvaged record."""
    import filelock

    from readinglist.atomicfile import atomic_write_bytes
    from readinglist.state.files import encode_snapshot
    from readinglist.state.tinydb_file import StoreError, lock_path

    with filelock.FileLock(lock_path(path), timeout=30):
        found = diagnose(path)
        if found.healthy:
            return RepairReport(None, found.records)
        backup = backup_name(path)
        try:
            raw = path.read_bytes()
            _keep_aside(path, backup)
            docs = salvage_docs(raw).docs
            atomic_write_bytes(path, encode_snapshot(docs, "repair"))  # keeps the file's mode
        except OSError as error:
            raise StoreError(
                f"could not repair {path}: {error.strerror or error}; it was left as it was", 1
            ) from None
    return RepairReport(backup, len(docs))


def _keep_aside(path: Path, backup: Path) -> None:
    """The bad file under `backup`, byte for byte (a hard link; a copy where links fail)."""
    import os
    import shutil

    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
