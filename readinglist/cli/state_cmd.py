"""Commands on the user's reading state: star, read, tag, note, show, state export/import.

Every change is on disk when the command returns. IDs are resolved through the library (an id,
an alias or a unique prefix); an unknown id fails before anything is changed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from readinglist.cli import doctor_cmd, show_cmd
from readinglist.cli.common import library_dir_of, printable, warn
from readinglist.errors import UserError
from readinglist.papers.models import Paper
from readinglist.paths import state_file

if TYPE_CHECKING:  # the store (tinydb, filelock) is imported by the commands that use it
    from readinglist.state.store import StateStore

FORMATTER = argparse.RawDescriptionHelpFormatter
TAG_RULE = (
    "Tags are lower case, spaces become '-', a comma separates tags: 'To Read, ML' is the "
    "two tags to-read and ml."
)

# name -> (help, example ids, store method, value)
TOGGLES = {
    "star": ("star papers", "starred", "set_starred", True),
    "unstar": ("remove the star from papers", "unstarred", "set_starred", False),
    "read": ("mark papers read", "marked read", "set_read", True),
    "unread": ("mark papers unread", "marked unread", "set_read", False),
}


QUERY_HELP = (
    "every paper matching QUERY (as in `readinglist list QUERY`), as one change; "
    "a query starting with - is given as --query=-is:read"
)


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    for name, (summary, _, _, _) in TOGGLES.items():
        parser = _add(sub, name, summary, f"{summary.capitalize()}.", _toggle_epilog(name))
        parser.add_argument("ids", nargs="*", metavar="ID", help="paper id or unique id prefix")
        parser.add_argument("--query", metavar="QUERY", help=QUERY_HELP)
        add_library(parser)
        parser.set_defaults(func=run_toggle, toggle=name)
    _register_tags(sub, add_library)
    _register_note(sub, add_library)
    show_cmd.register(sub, add_library)
    _register_state(sub, add_library)
    doctor_cmd.register(sub, add_library)  # registered here: no edit to the shared dispatcher


def _add(sub: argparse._SubParsersAction, name: str, summary: str, description: str, epilog: str):
    return sub.add_parser(
        name, help=summary, description=description, epilog=epilog, formatter_class=FORMATTER
    )


def _toggle_epilog(name: str) -> str:
    return (
        f"examples:\n  readinglist {name} 3f2a9c1b\n  readinglist {name} 3f2a 77be01 c0ffee\n"
        f"  readinglist {name} --query 'diffusion year:>=2024'\n"
    )


def _register_tags(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    tag = _add(
        sub,
        "tag",
        "add tags to a paper",
        f"Add TAGs to a paper (or with --query, to every matching paper). {TAG_RULE}",
        "examples:\n  readinglist tag 3f2a9c1b to-read diffusion\n"
        "  readinglist tag 3f2a9c1b 'To Read, ML'     two tags: to-read and ml\n"
        "  readinglist tag --query 'author:kim' to-read\n  readinglist list tag:to-read\n",
    )
    untag = _add(
        sub,
        "untag",
        "remove tags from a paper",
        "Remove TAGs from a paper (or with --query, from every matching paper); tags it does "
        "not have are ignored.",
        "examples:\n  readinglist untag 3f2a9c1b to-read\n"
        "  readinglist untag --query tag:to-read to-read\n",
    )
    for parser, adding in ((tag, True), (untag, False)):
        parser.usage = f"readinglist {parser.prog.split()[-1]} [--query QUERY] [ID] TAG [TAG ...]"
        parser.add_argument(
            "words", nargs="+", metavar="TAG", help="the paper id (not with --query), then tags"
        )
        parser.add_argument("--query", metavar="QUERY", help=QUERY_HELP)
        add_library(parser)
        parser.set_defaults(func=run_tag, adding=adding)


def _register_note(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    note = _add(
        sub,
        "note",
        "set, edit or show a paper's notes",
        "Set a paper's notes to TEXT (- reads standard input; an empty TEXT clears them), "
        "edit them in $VISUAL/$EDITOR with --edit, or print them when neither is given.",
        "examples:\n"
        "  readinglist note 3f2a9c1b 'Read sections 3-4; compare with DDPM.'\n"
        "  pbpaste | readinglist note 3f2a9c1b -\n"
        "  readinglist note 3f2a9c1b --edit\n"
        "  readinglist note 3f2a9c1b ''          clear the notes\n",
    )
    note.add_argument("id", metavar="ID", help="paper id or unique id prefix")
    note.add_argument("text", nargs="?", metavar="TEXT", help="the notes; - reads stdin")
    note.add_argument("--edit", action="store_true", help="edit the notes in $VISUAL/$EDITOR")
    add_library(note)
    note.set_defaults(func=run_note)


def _register_state(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    state = _add(
        sub,
        "state",
        "export or import your reading state",
        "Carry read/starred/notes/tags between machines. Import merges field by field: "
        "the value changed last wins.",
        "examples:\n  readinglist state export ~/sync/reading-state.json\n"
        "  readinglist state import ~/sync/reading-state.json\n",
    )
    actions = state.add_subparsers(dest="state_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write every paper's state to FILE",
        description="Write every paper's state (with change times) to FILE as JSON.",
        epilog="example:\n  readinglist state export state-backup.json\n",
        formatter_class=FORMATTER,
    )
    export.add_argument("file", metavar="FILE")
    add_library(export)
    export.set_defaults(func=run_state_export)
    imp = actions.add_parser(
        "import",
        help="merge the state in FILE into yours",
        description="Merge a `state export` file (or another library's state.json) into "
        "your state: per field, the later change wins.",
        epilog="example:\n  readinglist state import laptop-state.json\n",
        formatter_class=FORMATTER,
    )
    imp.add_argument("file", metavar="FILE")
    add_library(imp)
    imp.set_defaults(func=run_state_import)
    add_library(state)


# -- running --------------------------------------------------------------------------------


def _targets(args: argparse.Namespace, ids: list[str]) -> tuple[StateStore, list[Paper]]:
    """The papers named by id, or with --query every paper the query matches; every id is
    resolved before anything changes."""
    from readinglist.service import LibraryService  # @name, is:new... as everywhere

    query = getattr(args, "query", None)
    if ids and query is not None:
        raise UserError("give paper ids or --query, not both")
    service = LibraryService(library_dir_of(args))
    papers = service.papers_for(ids, query)
    return service.store, papers


def run_toggle(args: argparse.Namespace) -> int:
    _, done, method, value = TOGGLES[args.toggle]
    store, papers = _targets(args, args.ids)
    field = "starred" if method == "set_starred" else "read"
    store.apply({paper.id: [(field, value)] for paper in papers}, args.toggle)  # one append
    _report(papers, done, args.query is not None)
    return 0


def _report(papers: list[Paper], done: str, by_query: bool) -> None:
    if by_query and len(papers) > 20:
        print(f"{done}: {len(papers)} papers")
        return
    for paper in papers:
        print(f"{done}: {paper.id}  {printable(paper.title)}")
    if by_query and not papers:
        warn("no paper matches the query; nothing changed")


def run_tag(args: argparse.Namespace) -> int:
    from readinglist.state.records import ADD, REMOVE
    from readinglist.state.tags import normalize_tags

    ids, tags = ([], args.words) if args.query is not None else (args.words[:1], args.words[1:])
    tags = normalize_tags(tags)
    if not tags:
        raise UserError("give at least one tag (letters, digits, '-'; a comma separates tags)")
    store, papers = _targets(args, ids)
    sign = ADD if args.adding else REMOVE
    store.apply({paper.id: [(sign, t) for t in tags] for paper in papers}, "tags")
    if args.query is not None:
        verb = "tagged" if args.adding else "untagged"
        _report(papers, f"{verb} {', '.join(tags)}", True)
        return 0
    state = store.get(papers[0].id)
    print(f"tags of {papers[0].id}: {printable(', '.join(state.tags)) or '(none)'}")
    return 0


def run_note(args: argparse.Namespace) -> int:
    if args.edit and args.text is not None:
        raise UserError("give the notes as TEXT or use --edit, not both")
    store, (paper,) = _targets(args, [args.id])
    current = store.get(paper.id).notes
    if args.edit:
        text = edit_in_editor(current, paper)
        if text is None:
            print(f"notes of {paper.id} unchanged")
            return 0
    elif args.text is None:
        if current:
            print(_block(current))
        else:
            warn(f"paper {paper.id} has no notes")
        return 0
    elif args.text == "-":
        text = sys.stdin.read().rstrip("\n")
    else:
        text = args.text
    store.set_notes(paper.id, text)
    print(f"notes of {paper.id} saved" if text else f"notes of {paper.id} cleared")
    return 0


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else the first common editor found."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("editor", "nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UserError("no editor found: set $EDITOR (for example EDITOR=nano)", 1)


def edit_in_editor(current: str, paper: Paper) -> str | None:
    """The notes after editing, or None when the editor left them unchanged.

    An editor that fails changes nothing (UserError, exit 1).
    """
    command = editor_command()
    initial = current + "\n" if current else ""
    with tempfile.TemporaryDirectory(prefix="readinglist-") as scratch:
        path = Path(scratch) / f"notes-{paper.id}.md"
        path.write_text(initial, encoding="utf-8")
        try:
            status = subprocess.call([*command, str(path)])
        except OSError as error:
            raise UserError(f"cannot run the editor {command[0]!r}: {error.strerror}", 1) from None
        if status != 0:
            failed = f"the editor {command[0]!r} exited with status {status}"
            raise UserError(f"{failed}; the notes were not changed", 1)
        try:
            edited = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise UserError(
                "the edited notes could not be read; they were not changed", 1
            ) from None
    if edited == initial:
        return None
    edited = edited.rstrip("\n")
    return None if edited == current else edited


def _block(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


def run_state_export(args: argparse.Namespace) -> int:
    from readinglist.state.exchange import export_states
    from readinglist.state.store import StateStore

    store = StateStore(state_file(library_dir_of(args)))
    count = export_states(store, Path(args.file))
    print(f"exported the state of {count} papers to {args.file}")
    return 0


def run_state_import(args: argparse.Namespace) -> int:
    from readinglist.papers.library import Library
    from readinglist.state.exchange import load_state_docs
    from readinglist.state.store import StateStore

    incoming = load_state_docs(Path(args.file))
    directory = library_dir_of(args)
    library = Library.open(directory)
    # An id the other machine knew may be an alias here (the papers merged differently).
    canonical: dict[str, dict] = {}
    unknown = 0
    for paper_id, state in incoming.items():
        paper = library.get(paper_id)
        unknown += paper is None
        canonical[paper.id if paper is not None else paper_id] = state
    report = StateStore(state_file(directory)).merge(canonical)
    print(
        f"imported {args.file}: {report.added} papers added, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )
    if unknown:
        warn(
            f"{unknown} of them are not in this library yet; their state is kept for when they are"
        )
    return 0
