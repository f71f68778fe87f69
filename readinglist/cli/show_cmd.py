"""`readinglist show ID`: everything about one paper, for people or as JSON."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable

from readinglist.cli.common import library_dir_of, print_json, printable
from readinglist.papers.models import ArxivRecord, Paper, PaperState

FORMATTER = argparse.RawDescriptionHelpFormatter


def register(sub: argparse._SubParsersAction, add_library: Callable) -> None:
    show = sub.add_parser(
        "show",
        help="show everything about one paper",
        description="Print every field of a paper, its sources, your state and its arXiv record.",
        epilog="examples:\n  readinglist show 3f2a9c1b\n  readinglist show 3f2a --json\n",
        formatter_class=FORMATTER,
    )
    show.add_argument("id", metavar="ID", help="paper id or unique id prefix")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    add_library(show)
    show.set_defaults(func=run_show)


def run_show(args: argparse.Namespace) -> int:
    from readinglist.service import LibraryService

    with LibraryService(library_dir_of(args)) as service:
        (paper,) = service.resolve([args.id])
        state = service.state(paper.id)
        record = service.record(paper.id)
    if args.json:
        from readinglist.cli.library_cmd import paper_json

        data = paper_json(paper, state, record)
        data.update(state.to_dict())  # with the change times
        print_json(data)
    else:
        print(describe(paper, state, record))
    return 0


def describe(paper: Paper, state: PaperState, record: ArxivRecord | None) -> str:
    """A paper for people: every field, one per line; text from pages made printable."""
    authors = ", ".join(paper.authors)
    if paper.authors_truncated:
        authors += " et al."
    rows = [
        ("id", paper.id),
        ("aliases", ", ".join(paper.aliases)),
        ("authors", authors),
        ("author count", paper.author_count),
        ("organization", paper.organization),
        ("date", _date(paper)),
        ("venue", paper.venue),
        ("arxiv id", paper.arxiv_id),
        ("category", paper.category),
        ("subjects", ", ".join(paper.subjects)),
        ("section", paper.section),
        ("comments", paper.comments),
        ("journal ref", paper.journal_ref),
        ("doi", paper.doi),
        ("url", paper.url),
        ("score", paper.score),
        ("upvotes", paper.upvotes),
        ("listing date", paper.listing_date),
        ("format", paper.format),
        ("sources", ", ".join(paper.sources)),
        ("starred", "yes" if state.starred else "no"),
        ("read", "yes" if state.read else "no"),
        ("tags", ", ".join(state.tags)),
    ]
    if record is not None:
        rows += _arxiv_rows(record)
    lines = [printable(paper.title), ""]
    lines += [
        f"{name + ':':14}{printable(str(value))}" for name, value in rows if value not in (None, "")
    ]
    if state.notes:
        lines += ["", "notes:", _indent(state.notes)]
    if paper.abstract:
        wrapped = textwrap.fill(printable(paper.abstract), width=88, break_on_hyphens=False)
        cut = " [cut short on the page]" if paper.abstract_truncated else ""
        lines += ["", "abstract:" + cut, _indent(wrapped)]
    return "\n".join(lines)


def _date(paper: Paper) -> str | None:
    if paper.date and paper.date_text and paper.date_text != paper.date:
        return f"{paper.date} (printed {paper.date_text!r})"
    return paper.date or paper.date_text


def _arxiv_rows(record: ArxivRecord) -> list[tuple[str, object]]:
    from readinglist.arxiv.records import version_text

    if record.status != "found":
        return [("arxiv", f"not found (checked {record.checked_at})")]
    return [
        ("arxiv", record.arxiv_id),
        ("version", version_text(record)),
        ("abs", record.abs_url),
        ("pdf", record.pdf_url),
        ("arxiv date", record.published),
        ("arxiv cat", record.primary_category),
        ("doi", record.doi),
    ]


def _indent(text: str) -> str:
    return "\n".join("  " + printable(line) for line in text.split("\n"))
