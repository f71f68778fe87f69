"""`readinglist doctor [--repair]`: what the library's files hold, and fixing damaged ones.

A damaged state or arXiv file is kept aside under a timestamped name and replaced by one with
every record that could be recovered; a library file with damaged lines likewise, by one
with its good lines.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path

from readinglist.cli.common import library_dir_of, printable
from readinglist.errors import UserError
from readinglist.paths import arxiv_file, papers_file, state_file

EPILOG = """\
examples:
  readinglist doctor             report; exit status 1 when a file is damaged
  readinglist doctor --repair    keep damaged files aside and write recovered ones
"""


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    doctor = sub.add_parser(
        "doctor",
        help="check the library's files and repair a damaged state file",
        description="Report what the state, library and arXiv files hold. With --repair, a "
        "damaged state or arXiv file is kept aside under a timestamped name and replaced by "
        "one holding every record that could be recovered.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    doctor.add_argument("--repair", action="store_true", help="repair damaged files")
    add_library(doctor)
    doctor.set_defaults(func=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    directory = library_dir_of(args)
    healthy = check_state(state_file(directory), args.repair)
    healthy &= check_paper_copies(directory, args.repair)
    healthy &= check_library(papers_file(directory), args.repair)
    healthy &= check_arxiv(arxiv_file(directory), args.repair)
    return 0 if healthy else 1


def check_state(path: Path, fix: bool) -> bool:
    from readinglist.state.health import diagnose  # the store only when checking it

    found = diagnose(path)
    healthy = True
    if found.exists and found.healthy:
        say("state", f"{path} is healthy: {found.records} records (schema {found.schema})")
    elif found.exists:
        healthy = _damaged(
            "state", path, found.problem, found.records, fix, lambda: _repair_state(path)
        )
    return check_state_files(path, fix) and healthy


def check_paper_copies(directory: Path, fix: bool) -> bool:
    """Conflict copies of papers.json a sync tool kept: read with the library; --repair saves
    the merged library and keeps the copies aside."""
    from readinglist.papers.copies import conflict_copies

    copies = conflict_copies(directory)
    for copy in copies:
        say("library", f"{copy}: a sync tool's conflict copy; its papers are read with the library")
    marked = _has_git_markers(papers_file(directory))
    if marked:
        say("library", f"{papers_file(directory)} holds git conflict markers; both sides are read")
    if not copies and not marked:
        return True
    if not fix:
        say("library", "run `readinglist doctor --repair` to save the merged papers.json")
        return False
    from readinglist.papers.library import Library
    from readinglist.state.salvage import backup_name

    library = Library.open(directory)
    with library.locked():
        library.save()
    for copy in copies:
        aside = backup_name(copy, "merged")
        copy.rename(aside)
        say("library", f"{copy.name}: merged into papers.json, kept as {aside.name}")
    return True


def _has_git_markers(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return any(line.startswith((b"<<<<<<<", b">>>>>>>")) for line in file)
    except OSError:
        return False


def check_state_files(path: Path, fix: bool) -> bool:
    """Every device's journal and TinyDB file, and sync tools' conflict copies."""
    from readinglist.state.devices import device_name
    from readinglist.state.health import check_files, repair_files

    device = device_name()
    checks = check_files(path.parent, device)
    if not checks and not path.exists():
        say("state", f"no state in {path.parent} yet (no paper has state); fine")
    for check in checks:
        say("state", f"{path.parent / check.name}: {printable(check.message)}")
    say("state", f"this machine writes its changes as device {device!r}")
    if all(check.healthy for check in checks):
        return True
    if not fix:
        say("state", "run `readinglist doctor --repair` to merge these into this machine's file "
            "(damaged files and conflict copies are kept under new names)")  # fmt: skip
        return False
    for line in repair_files(path, device):
        say("state", line)
    return True


def _repair_state(path: Path) -> tuple[Path | None, int]:
    from readinglist.state.health import repair

    report = repair(path)
    return report.backup, report.recovered


def check_arxiv(path: Path, fix: bool) -> bool:
    from readinglist.arxiv.records import ARXIV_FORMAT, TABLE
    from readinglist.state.salvage import diagnose_file, repair_file

    def accept(record: dict) -> bool:
        try:
            if ARXIV_FORMAT.validate is not None:
                ARXIV_FORMAT.validate({TABLE: {"record": record}})
        except ValueError:
            return False
        return True

    found = diagnose_file(path, ARXIV_FORMAT, TABLE, accept)
    if not found.exists:
        say("arxiv", f"{path} does not exist yet; fine")
        return True
    if found.healthy:
        say("arxiv", f"{path} is healthy: {len(found.records)} records")
        return True
    repairer = partial(repair_file, path, ARXIV_FORMAT, TABLE, accept)
    return _damaged("arxiv", path, found.problem, len(found.records), fix, repairer)


def check_library(path: Path, fix: bool = False) -> bool:
    """Whether every line of the library file reads as a paper; --repair keeps the file
    aside and writes one with the good lines (the damaged ones stay in the kept copy)."""
    from readinglist.papers.library import Library

    if not path.exists():
        say("library", f"{path} does not exist yet; fine")
        return True
    try:
        library = Library.open(path.parent, quiet=True)
    except UserError as error:
        say("library", f"{path} is damaged: {error.message}")
        return False
    damaged = library.damaged_lines
    if not damaged:
        say("library", f"{path} is healthy: {len(library)} papers")
        return True
    say("library", f"{path} is damaged: {len(damaged)} lines are not papers")
    for number, problem in damaged[:20]:
        say("library", f"line {number}: {printable(problem)}")
    if len(damaged) > 20:
        say("library", f"... and {len(damaged) - 20} more")
    say("library", f"{len(library)} papers can be kept")
    if not fix:
        say("library", "run `readinglist doctor --repair` to keep the damaged file aside and "
            "write one with the good lines")  # fmt: skip
        return False
    from readinglist.state.salvage import keep_aside

    with library.locked():  # re-reads the file if another process changed it meanwhile
        if library.damaged_lines:
            say("library", f"kept the damaged file as {keep_aside(path)}")
            library.damaged_lines = []
            library.save()
    say("library", f"wrote {path} with {len(library)} papers")
    return True


def _damaged(
    label: str,
    path: Path,
    problem: str | None,
    recoverable: int,
    fix: bool,
    repairer: Callable[[], tuple[Path | None, int]],
) -> bool:
    say(label, f"{path} is damaged: {printable(problem or 'unreadable')}")
    say(label, f"{recoverable} records can be recovered")
    if not fix:
        say(label, "run `readinglist doctor --repair` to keep the damaged file aside and write "
            "one with the recovered records")  # fmt: skip
        return False
    backup, recovered = repairer()
    say(label, f"kept the damaged file as {backup}")
    say(label, f"wrote {path} with {recovered} recovered records")
    return True


def say(label: str, message: str) -> None:
    print(f"{label}: {printable(message)}")  # paths and problems may quote file contents
