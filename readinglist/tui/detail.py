"""The detail pane: everything known about the paper under the cursor, as literal text."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from readinglist.arxiv import version_text
from readinglist.papers.models import ArxivRecord, Paper, PaperState
from readinglist.tui.text import clean, clean_line

LABEL = "bold"


def detail_text(
    paper: Paper | None, state: PaperState, record: ArxivRecord | None, pdf: str | None = None
) -> Text:
    """The pane's content, built with `Text.append` so no page text is ever read as markup.

    `pdf`: the paper's PDF kept in the library (`pdfs/ID.pdf`), shown instead of the link."""
    text = Text()
    if paper is None:
        text.append("No paper matches the filter; escape clears it.", "italic")
        return text
    text.append(clean_line(paper.title), "bold")
    text.append("\n")
    text.append(state_line(state), "dim")
    text.append("\n\n")
    _field(text, "Authors", _authors(paper, record))
    _field(text, "Organization", clean_line(paper.organization))
    _field(text, "Date", clean_line(paper.date or paper.date_text or (record and record.published)))
    _field(text, "Category", clean_line(paper.category or (record and record.primary_category)))
    _field(text, "Upvotes", "" if paper.upvotes is None else str(paper.upvotes))
    _field(text, "Sources", ", ".join(clean_line(s) for s in paper.sources))
    _field(text, "Tags", ", ".join(clean_line(t) for t in state.tags) or "none (t to add)")
    _field(text, "arXiv", _arxiv(record))
    found = record is not None and record.status == "found"
    if found:
        _field(text, "Version", version_text(record))
        _field(text, "Abstract page", clean_line(record.abs_url))
    if pdf:
        _field(text, "PDF", f"{clean_line(pdf)} (p opens it)")
    elif found:
        _field(text, "PDF", clean_line(record.pdf_url))
    if found:
        _field(text, "DOI", clean_line(record.doi))
    _field(text, "Id", paper.id)
    _block(text, "Notes", clean(state.notes), "none (n to write)")
    text.append("\n")
    _block(text, "Abstract", clean(paper.abstract), "no abstract on the page")
    return text


def state_line(state: PaperState) -> str:
    """`★ starred · ✓ read`: words carry the meaning, the ` · ` keeps them apart whatever
    width a terminal gives the glyphs."""
    star = "★ starred" if state.starred else "☆ not starred"
    read = "✓ read" if state.read else "● unread"
    return f"{star} · {read}"


def _block(text: Text, label: str, body: str, empty: str) -> None:
    text.append(f"\n{label}\n", LABEL)
    if body:
        text.append(body)
    else:
        text.append(empty, "dim")


def _field(text: Text, label: str, value: str | None) -> None:
    if value:
        text.append(f"{label}: ", LABEL)
        text.append(value)
        text.append("\n")


def _authors(paper: Paper, record: ArxivRecord | None) -> str:
    authors = paper.authors or (record.authors if record is not None else [])
    names = ", ".join(clean_line(a) for a in authors)
    if paper.authors_truncated and paper.authors:
        names += ", et al."
    if not names and paper.author_count:
        hint = "; a fetches them from arXiv" if record is None else ""
        names = f"{paper.author_count} authors (names not on the page{hint})"
    return names


def _arxiv(record: ArxivRecord | None) -> str:
    if record is None:
        return "not looked up yet (a fetches the links)"
    if record.status == "found":
        return clean_line(record.arxiv_id) or "found"
    return f"not found (checked {clean_line(record.checked_at)[:10]})"


class DetailPane(VerticalScroll):
    """A scrollable pane holding the current paper's details."""

    def compose(self):
        yield Static(id="detail-body")

    def show(
        self,
        paper: Paper | None,
        state: PaperState,
        record: ArxivRecord | None,
        pdf: str | None = None,
    ) -> None:
        self.query_one("#detail-body", Static).update(detail_text(paper, state, record, pdf))
