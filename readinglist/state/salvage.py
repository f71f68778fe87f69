"""Reading what can be read from a damaged data file, and replacing it without losing the original.

Used by `readinglist doctor` for any file kept through `state.tinydb_file` (state, arXiv records):
`diagnose_file` says whether the file loads and, when not, recovers every complete record;
`repair_file` keeps the bad file under a timestamped name and writes one with those records.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock

from readinglist.atomicfile import atomic_write_bytes, fsync_directory
from readinglist.state.tinydb_file import FileFormat, StoreError, lock_path

Record = dict[str, Any]
Accept = Callable[[Record], bool]
Clean = Callable[[Record], Record]

_KEY_BEFORE_OBJECT = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*(?=\{)')


@dataclass(slots=True)
class FileDiagnosis:
    path: Path
    exists: bool
    healthy: bool  # loads as it is
    problem: str | None = None
    schema: int | None = None  # the schema on disk, when known
    records: dict[str, Record] = field(default_factory=dict)  # every record that could be read


def diagnose_file(path: Path, fmt: FileFormat, table: str, accept: Accept) -> FileDiagnosis:
    """Whether `path` loads; when it does not, the reason and every record `accept` recognises."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return FileDiagnosis(path, exists=False, healthy=True)
    except OSError as error:
        return FileDiagnosis(path, True, False, f"cannot read it ({error.strerror})")
    try:
        tables, version = fmt.decode_or_raise(raw)
    except ValueError as error:
        return FileDiagnosis(path, True, False, str(error), schema_hint(raw), salvage(raw, accept))
    return FileDiagnosis(path, True, True, None, version, dict(tables.get(table, {})))


def schema_hint(raw: bytes) -> int | None:
    match = re.search(rb'"schema"\s*:\s*(\d+)', raw[:200])
    return int(match.group(1)) if match else None


def salvage(raw: bytes, accept: Accept) -> dict[str, Record]:
    """Every complete record in a damaged file (truncated, garbled, newer schema).

    Scans for `"key": {...}` pairs and decodes each object on its own, keeping those `accept`
    recognises; a taken record's text is skipped, so text inside it never yields false records.
    A record with an `id` field (plain TinyDB files) is keyed by it.
    """
    text = raw.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    records: dict[str, Record] = {}
    position = 0
    while match := _KEY_BEFORE_OBJECT.search(text, position):
        try:
            key = json.loads(f'"{match.group(1)}"')
            value, end = decoder.raw_decode(text, match.end())
        except ValueError:
            position = match.start() + 1
            continue
        if accept(value):
            records[value["id"] if isinstance(value.get("id"), str) else key] = value
            position = end
        else:
            position = match.end()
    return records


def repair_file(
    path: Path, fmt: FileFormat, table: str, accept: Accept, clean: Clean = dict
) -> tuple[Path | None, int]:
    """Keep a bad file aside (timestamped) and write one holding every recovered record.

    `clean` turns a salvaged record into one the current schema accepts. Returns (where the
    bad file was kept, or None when it was healthy; how many records the new file holds).
    """
    with filelock.FileLock(lock_path(path), timeout=30):
        found = diagnose_file(path, fmt, table, accept)
        if found.healthy:
            return None, len(found.records)
        backup = _backup_name(path)
        try:
            _keep_aside(path, backup)
            records = {key: clean(record) for key, record in found.records.items()}
            atomic_write_bytes(path, fmt.encode({table: records}))  # keeps the mode
        except OSError as error:
            raise StoreError(
                f"could not repair {path}: {error.strerror or error}; it was left as it was", 1
            ) from None
    return backup, len(found.records)


def _backup_name(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.bad-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.bad-{stamp}-{counter}")
    return candidate


def _keep_aside(path: Path, backup: Path) -> None:
    """The bad file under `backup`, byte for byte (a hard link; a copy where links fail)."""
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    fsync_directory(path.parent)
