"""Which machine this is, and which files in a library belong to which machine.

Each machine ("device") writes only files of its own, so a folder-sync tool or git never sees
two machines write one file: `state.DEVICE.jsonl` (the journal of changes) and `state.DEVICE.json`
(the journal folded into a TinyDB file). Every machine reads every device's files.

The name is made once from the host name plus a random suffix (two laptops are often both
`macbook`) and kept in the user config directory, outside the library; READINGLIST_DEVICE
overrides it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

ENV_DEVICE = "READINGLIST_DEVICE"
DEVICE_FILE = "device"
PREFIX = "state."
_UNSAFE = re.compile(r"[^a-z0-9_-]+")
_OWN_FILE = re.compile(r"^state\.([a-z0-9_-]{1,64})\.(json|jsonl)$")
# What sync tools call the copies they make when two machines changed one file.
_CONFLICT = re.compile(r"sync-conflict|conflicted copy|conflict|\(\d+\)|~", re.IGNORECASE)


def clean_device_name(text: str) -> str:
    """A name safe in a file name on every system: lower case, letters, digits, `-`, `_`."""
    name = _UNSAFE.sub("-", text.strip().lower()).strip("-")[:48]
    return name or "device"


def device_name() -> str:
    """This machine's device name (READINGLIST_DEVICE, else the kept one, else a new one)."""
    env = os.environ.get(ENV_DEVICE, "").strip()
    if env:
        return clean_device_name(env)
    path = device_file()
    with contextlib.suppress(OSError, UnicodeDecodeError):
        kept = path.read_text(encoding="utf-8").strip()
        if kept:
            return clean_device_name(kept)
    name = f"{clean_device_name(socket.gethostname().split('.')[0])}-{secrets.token_hex(2)}"
    with contextlib.suppress(OSError):  # a read-only home still works, with a fresh name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name + "\n", encoding="utf-8")
    return name


def device_file() -> Path:
    from readinglist.config import config_path  # the config's directory (READINGLIST_CONFIG)

    return config_path().parent / DEVICE_FILE


def journal_name(device: str) -> str:
    return f"{PREFIX}{device}.jsonl"


def snapshot_name(device: str) -> str:
    return f"{PREFIX}{device}.json"


@dataclass(frozen=True, slots=True)
class StateFiles:
    """The state files found in a library directory, by role."""

    snapshots: tuple[str, ...]  # state.DEVICE.json of every device
    journals: tuple[str, ...]  # state.DEVICE.jsonl of every device
    conflicts: tuple[str, ...]  # copies a sync tool made (read and merged like the others)


def scan(directory: Path) -> StateFiles:
    """Sort the directory's state files; `state.json` (the older single file) is not listed."""
    snapshots, journals, conflicts = [], [], []
    try:
        names = os.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        names = []
    for name in sorted(names):
        if not name.startswith(("state.", "state ")) or not name.endswith((".json", ".jsonl")):
            continue
        if name == "state.json":
            continue
        own = _OWN_FILE.match(name)
        if own and not _CONFLICT.search(name):
            (journals if own.group(2) == "jsonl" else snapshots).append(name)
        else:
            conflicts.append(name)
    return StateFiles(tuple(snapshots), tuple(journals), tuple(conflicts))


def is_journal(name: str) -> bool:
    return name.endswith(".jsonl")


def has_state(directory: Path) -> bool:
    """Whether the library holds any state file (reading never needs to create one)."""
    if (Path(directory) / "state.json").exists():
        return True
    files = scan(Path(directory))
    return bool(files.snapshots or files.journals or files.conflicts)
