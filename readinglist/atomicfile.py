"""Replacing a file so that a crash at any moment leaves either the old or the new content."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def atomic_write_bytes(path: Path, data: bytes, *, public: bool = False) -> None:
    """Write `data` to `path` atomically and durably.

    A temp file in the same directory is written and fsynced, then renamed over `path`,
    then the directory is fsynced so the rename itself survives a power cut. The file's
    permissions are kept when it already exists. A new file is private (0600) unless
    `public`: files made for the user (exports, the config) get their usual mode (umask).
    """
    atomic_write_chunks(path, (data,), public=public)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], *, public: bool = False) -> None:
    """`atomic_write_bytes` for content produced piece by piece (never all in memory)."""
    path = Path(path)
    directory = path.parent
    directory.mkdir(parents=True, exist_ok=True)
    mode = _existing_mode(path)
    if mode is None and public:
        mode = 0o666 & ~_umask()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.writelines(chunks)
            tmp.flush()
            os.fsync(tmp.fileno())
        if mode is not None:
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_directory(directory)


def fsync_directory(directory: Path) -> None:
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open directories; the rename is still atomic
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove temp files a killed writer of `path` left behind; return what was removed."""
    path = Path(path)
    removed = []
    if not path.parent.is_dir():
        return removed
    for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed.append(stale)
    return removed


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return None


def _umask() -> int:
    """The process umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
