"""Reading what can be read from a damaged data file, and replacing it without losing the original.

Used by `readinglist doctor` for any file kept through `state.tinydb_file` (state, arXiv records):
`diagnose_file` says whether the file loads and, when not, recovers every complete record;
`repair_file` keeps the bad file under a timestamped name and writes one with those records.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock
import orjson

from readinglist.atomicfile import atomic_write_bytes, fsync_directory
from readinglist.state.tinydb_file import FileFormat, StoreError, lock_path

Record = dict[str, Any]
Accept = Callable[[Record], bool]
Clean = Callable[[Record], Record]


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
    except (ValueError, RecursionError) as error:  # nesting deeper than a parser goes
        problem = str(error) if isinstance(error, ValueError) else "nested too deep to read"
        return FileDiagnosis(path, True, False, problem, schema_hint(raw), salvage(raw, accept))
    return FileDiagnosis(path, True, True, None, version, dict(tables.get(table, {})))


def schema_hint(raw: bytes) -> int | None:
    match = re.search(rb'"schema"\s*:\s*(\d+)', raw[:200])
    return int(match.group(1)) if match else None


def salvage(raw: bytes, accept: Accept) -> dict[str, Record]:
    """Every complete record in a damaged file (truncated, garbled, newer schema).

    Finds `"key": {...}` pairs and decodes each object on its own, keeping those `accept`
    recognises; text inside a taken record never yields another record. A record with an
    `id` field (plain TinyDB files) is keyed by it.

    One pass, linear in the file's size whatever it holds: the text is cut into tokens
    (strings, brackets, colons) by one regular expression, brackets are matched on a stack,
    and only a closed object nested at most MAX_RECORD_DEPTH deep is decoded, so no byte is
    decoded more than that many times and nothing recurses (`{"a":` a million times is fine).
    """
    text = raw.decode("utf-8", errors="replace")
    # The open brackets, as parallel stacks: where each starts, which it is, the key before
    # it (a JSON string token, for an object) and how deep the nesting inside it goes.
    starts: list[int] = []
    brackets: list[str] = []
    keys: list[str | None] = []
    depths: list[int] = []
    open_count = {"{": 0, "[": 0}
    taken: list[tuple[int, str, Record]] = []  # (start, key, record), in closing order
    key: str | None = None  # a string just read, while it may still be a key
    keyed: str | None = None  # that key, once its colon was read
    for token in _TOKEN.finditer(text):
        found = token.group()
        char = found[0]
        if char == '"':
            key, keyed = found, None
            continue
        if char == ":":
            keyed, key = key, None
            continue
        if char == "{" or char == "[":
            starts.append(token.start())
            brackets.append(char)
            keys.append(keyed if char == "{" else None)
            depths.append(1)
            open_count[char] += 1
        else:
            opening = "{" if char == "}" else "["
            while open_count[opening]:  # pop to the bracket this one closes (garbled: skips)
                start, bracket, object_key, depth = (
                    starts.pop(), brackets.pop(), keys.pop(), depths.pop())  # fmt: skip
                open_count[bracket] -= 1
                if depths and depths[-1] <= depth:
                    depths[-1] = depth + 1
                if bracket == opening:
                    if object_key is not None and depth <= MAX_RECORD_DEPTH:
                        _take(start, object_key, text[start : token.end()], accept, taken)
                    break
        key = keyed = None
    return {record_key: record for _start, record_key, record in taken}


MAX_RECORD_DEPTH = 4  # a record holds at most a few levels (a record, its `changed`, a list)
# A JSON string (no raw control characters, so a stray quote resyncs at the next line end or
# control byte), or a bracket or colon; everything else is skipped without a token.
_TOKEN = re.compile(r'"[^"\\\x00-\x1f]*(?:\\.[^"\\\x00-\x1f]*)*"|[{}\[\]:]')


def _take(
    start: int, key_token: str, source: str, accept: Accept, taken: list[tuple[int, str, Record]]
) -> None:
    try:
        value = orjson.loads(source)
        key = orjson.loads(key_token)
    except orjson.JSONDecodeError:
        return
    if not isinstance(value, dict) or not isinstance(key, str):
        return
    try:
        if not accept(value):
            return
    except (ValueError, TypeError, KeyError, AttributeError):
        return
    while taken and taken[-1][0] >= start:  # records inside this one were not records
        taken.pop()
    taken.append((start, value["id"] if isinstance(value.get("id"), str) else key, value))


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
        try:
            backup = keep_aside(path)
            records = {key: clean(record) for key, record in found.records.items()}
            atomic_write_bytes(path, fmt.encode({table: records}))  # keeps the mode
        except OSError as error:
            raise StoreError(
                f"could not repair {path}: {error.strerror or error}; it was left as it was", 1
            ) from None
    return backup, len(found.records)


def backup_name(path: Path, label: str = "bad") -> Path:
    """A free name beside `path` to keep it under: `state.json.bad-20261126-043400`."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    return candidate


def keep_aside(path: Path) -> Path:
    """Keep a bad file, byte for byte, under a timestamped name beside it (a hard link; a
    copy where links fail); returns that name."""
    backup = backup_name(path)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)
    fsync_directory(path.parent)
    return backup
