"""The journal: one fsynced line per change (a batch of any size is one line), appended.

A line is `{"t": STAMP, "d": DEVICE, "c": [[paper_id, field, value], ...]}`; a change made
at another time than the line's carries its own stamp as a fourth item. `field` is `read`,
`starred`, `notes`, or `+`/`-` to add/remove the tag in `value`.

A line is acknowledged only once it is whole on disk (write, then fsync). A writer killed
mid-line leaves a torn last line: readers skip it, and the next append starts on a new line so
the torn bytes never join a good line. Readers keep the byte offset they have read up to and
read only what was added since. Lines of a git conflict (`<<<<<<<`, `=======`, `>>>>>>>`)
are skipped; the lines on both sides are read, as a merge of both.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from readinglist.atomicfile import fsync_directory

Op = list[Any]  # [paper_id, field, value] or [paper_id, field, value, stamp]
CONFLICT_MARKERS = (b"<<<<<<<", b"=======", b">>>>>>>")
FIELDS = frozenset(("read", "starred", "notes", "+", "-"))
VALUE_TYPES: dict[str, type] = {"read": bool, "starred": bool, "notes": str, "+": str, "-": str}


def encode_line(stamp: str, device: str, ops: list[Op]) -> bytes:
    return orjson.dumps({"t": stamp, "d": device, "c": ops}, option=orjson.OPT_APPEND_NEWLINE)


def append_line(path: Path, line: bytes) -> int:
    """Append one line durably; returns the file size before it (where the line's bytes start).

    A torn last line left by a killed writer is ended first, so it stays one bad line.
    """
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    created = not path.exists()
    fd = os.open(path, flags, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line
        try:
            view = memoryview(line)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except OSError:  # not acknowledged: take the line back so nobody reads it
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)
    if created:
        fsync_directory(path.parent)
    return size


@dataclass(slots=True)
class JournalRead:
    """What reading a journal from an offset gave."""

    entries: list[tuple[str, list[Op]]] = field(default_factory=list)  # (line stamp, ops)
    end: int = 0  # offset after the last whole line
    bad_lines: int = 0  # lines that are not a journal entry (torn by a crash, damaged)
    conflict_lines: int = 0  # git conflict markers
    torn_tail: bool = False  # the file ends in a line without its newline


def read_journal(path: Path, offset: int = 0) -> JournalRead:
    """Every whole line from `offset` on; FileNotFoundError when there is no journal."""
    with open(path, "rb") as handle:
        handle.seek(offset)
        data = handle.read()
    result = JournalRead(end=offset)
    last = data.rfind(b"\n")
    result.torn_tail = last + 1 < len(data)
    if last < 0:
        return result
    result.end = offset + last + 1
    for line in _lines(data, last):
        if line.startswith(CONFLICT_MARKERS):
            result.conflict_lines += 1
            continue
        entry = parse_entry(line)
        if entry is None:
            result.bad_lines += bool(line.strip())
        else:
            result.entries.append(entry)
    return result


def _lines(data: bytes, last: int) -> Iterator[bytes]:
    start = 0
    while start <= last:
        end = data.index(b"\n", start)
        yield data[start:end]
        start = end + 1


def parse_entry(line: bytes) -> tuple[str, list[Op]] | None:
    """A line's (stamp, ops) when it is a journal entry; ops of the wrong shape are dropped."""
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("t"), str):
        return None
    ops = entry.get("c")
    if not isinstance(ops, list):
        return None
    good = [op for op in ops if _valid_op(op)]
    return entry["t"], good


def _valid_op(op: Any) -> bool:
    if not isinstance(op, list) or len(op) not in (3, 4) or not isinstance(op[0], str):
        return False
    kind = VALUE_TYPES.get(op[1]) if isinstance(op[1], str) else None
    return kind is not None and type(op[2]) is kind and (len(op) == 3 or isinstance(op[3], str))
