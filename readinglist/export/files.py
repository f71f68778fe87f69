"""Writing an export to disk: atomically, and under a dated name that never overwrites."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from readinglist.atomicfile import atomic_write_bytes
from readinglist.errors import UserError
from readinglist.export.formats import format_of


def write_export(text: str | bytes, path: str | Path) -> Path:
    """Write `text` to `path` (UTF-8) through a temp file, so a failure never leaves half a file.

    A new file gets the user's usual mode (umask), like any file they make; a file that exists
    keeps its mode.

    Raises UserError (exit 1) naming the path when it cannot be written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise UserError(
            f"cannot write {path}: directory {path.parent} does not exist; create it or choose "
            "another path",
            exit_code=1,
        )
    if path.is_dir():
        raise UserError(f"cannot write {path}: it is a directory; give a file name", exit_code=1)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        atomic_write_bytes(path, data, public=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise UserError(
            f"cannot write {path}: {reason}; choose another path", exit_code=1
        ) from error
    return path


def default_export_name(
    today: date, fmt: str, directory: str | Path, *, label: str = "starred"
) -> Path:
    """`directory/readinglist-starred-2026-11-23.md`, or `-2.md`, `-3.md`... when taken."""
    extension = format_of(fmt).extension
    stem = f"readinglist-{label}-{today.isoformat()}"
    directory = Path(directory)
    candidate = directory / f"{stem}.{extension}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = directory / f"{stem}-{number}.{extension}"
        number += 1
    return candidate
