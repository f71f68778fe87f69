"""arXiv lists and search results generated from the shape, in every layout, read back exactly.

Entries are drawn at random (ids new- and old-style, categories, optional comments, journal
references and abstracts, wrapped titles) and printed as arXiv prints them: the current layout
as a browser copies it or as an HTML-to-text tool leaves it, the older layout, search results.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.parsing import parse_text

CAPTURED = dt.date(2026, 9, 9)
SUBJECTS = {
    "cs.LG": "Machine Learning",
    "stat.ML": "Machine Learning",
    "hep-th": "High Energy Physics - Theory",
    "math.AG": "Algebraic Geometry",
    "q-fin.CP": "Computational Finance",
    "cond-mat.stat-mech": "Statistical Mechanics",
    "astro-ph.CO": "Cosmology and Nongalactic Astrophysics",
    "quant-ph": "Quantum Physics",
    "physics.data-an": "Data Analysis, Statistics and Probability",
    "eess.SP": "Signal Processing",
}
WORDS = (  # noqa: SIM905 (a word list reads better as prose)
    "Learning Sparse Operators Graphs Quantum Holography Moduli Stacks Pricing Options Neural "
    "Kernels Towards Scalable Robust Inference Bounds Flows Diffusion Models Curves Of For On "
    "With Via the and a Deep Optimal Transport Entropic Gauge Fields Tropical Volatility"
).split()
FIRST = ["Ana", "Jürgen", "Wei", "Chloé", "Oluwaseun", "Sofía", "J.", "A. B.", "Marie-Claire"]
LAST = ["Smith", "Müller", "Zhang", "Ó Briain", "van der Berg", "Nakamura", "Okafor", "Lee-Park"]

new_ids = st.builds(
    lambda yy, mm, n: f"{yy:02d}{mm:02d}.{n:05d}",
    st.integers(15, 26),
    st.integers(1, 12),
    st.integers(1, 29999),
)
old_ids = st.builds(
    lambda archive, yy, mm, n: f"{archive}/{yy:02d}{mm:02d}{n:03d}",
    st.sampled_from(["math", "hep-th", "cond-mat", "quant-ph", "astro-ph"]),
    st.sampled_from([95, 98, 99, 0, 3, 6]),
    st.integers(1, 12),
    st.integers(1, 999),
)
titles = st.lists(st.sampled_from(WORDS), min_size=2, max_size=14).map(
    lambda words: " ".join(words)[0].upper() + " ".join(words)[1:]
)
names = st.builds(lambda f, last: f"{f} {last}", st.sampled_from(FIRST), st.sampled_from(LAST))
abstracts = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=4, max_size=20).map(
        lambda w: " ".join(w).capitalize() + "."
    ),
    min_size=1,
    max_size=4,
).map(" ".join)
entries = st.fixed_dictionaries(
    {
        "id": st.one_of(new_ids, old_ids),
        "title": titles,
        "authors": st.lists(names, min_size=1, max_size=6, unique=True),
        "comments": st.one_of(st.none(), st.sampled_from(["12 pages, 3 figures", "NeurIPS 2024"])),
        "journal_ref": st.one_of(st.none(), st.just("Phys. Rev. D 110, 024011 (2024)")),
        "subjects": st.lists(
            st.sampled_from(sorted(SUBJECTS)), min_size=1, max_size=3, unique=True
        ),
        "abstract": st.one_of(st.just(""), abstracts),
    }
)
SECTIONS = ["new", "cross-list", "replacement"]


def _subjects(codes: list[str]) -> str:
    return "; ".join(f"{SUBJECTS[c]} ({c})" for c in codes)


def _marker(section: str, codes: list[str]) -> str:
    return {
        "new": "",
        "cross-list": f" (cross-list from {codes[0]})",
        "replacement": " (replaced)",
    }[section]


def render_list(page: list[tuple[str, dict]], layout: str) -> str:
    out = ["Skip to main content", "Search", "Machine Learning", "New submissions", "Cross-lists"]
    if layout == "old":
        out.append("New submissions for Wed, 9 Sep 26")
    else:
        out += ["Showing new listings for Wednesday, 9 September 2026", "Total of 9 entries"]
    heading = None
    for number, (section, e) in enumerate(page, 1):
        if section != heading:
            heading = section
            name = {"new": "New", "cross-list": "Cross", "replacement": "Replacement"}[section]
            out += ["", f"{name} submissions (showing 1 of 1 entries)", ""]
        marker = _marker(section, e["subjects"])
        if layout == "old":
            title = e["title"]
            if len(title) > 40:  # wrapped by a text browser
                cut = title.index(" ", 30) if " " in title[30:] else len(title)
                title = title[:cut] + "\n  " + title[cut + 1 :]
            out += [f"[{number}]  arXiv:{e['id']}{marker} [pdf, ps, other]", f"Title: {title}"]
            out.append("Authors: " + ", ".join(e["authors"]))
        elif layout == "browser":
            out += [
                f"[{number}] arXiv:{e['id']}{marker} [pdf, html, other]",
                f"Title: {e['title']}",
            ]
            out.append(", ".join(e["authors"]))
        else:  # an HTML-to-text tool: every part on its own line, runs of one-space lines
            out += [f"[{number}]", " ", f"arXiv:{e['id']}", " "]
            out += [marker.strip()] if marker else []
            out += [" ", "[ pdf , html , other ]", " ", " ", "Title:", e["title"], " "]
            out += [" , ".join(e["authors"]), ""]
        for label, key in (("Comments", "comments"), ("Journal-ref", "journal_ref")):
            if e[key]:
                out += [f"{label}: {e[key]}"] if layout != "tool" else [f"{label}:", e[key], " "]
        if layout == "tool":
            out += ["Subjects:", _subjects(e["subjects"]).replace("; ", " ; "), " ", ""]
        else:
            out.append(f"Subjects: {_subjects(e['subjects'])}")
        if e["abstract"]:
            out += ["", e["abstract"], ""] if layout != "browser" else [e["abstract"]]
    out += ["Total of 9 entries", "Showing up to 2000 entries per page: fewer | more | all"]
    out += ["About", "Help", "Privacy Policy"]
    return "\n".join(out) + "\n"


@settings(max_examples=60, deadline=None)
@given(
    page=st.lists(st.tuples(st.sampled_from(SECTIONS), entries), min_size=1, max_size=6).map(
        lambda items: sorted(items, key=lambda item: SECTIONS.index(item[0]))
    ),
    layout=st.sampled_from(["browser", "tool", "old"]),
)
def test_generated_arxiv_lists_read_back_exactly(page, layout) -> None:
    result = parse_text(render_list(page, layout), "generated.txt", as_of=CAPTURED)
    assert result.format == "arxiv-list"
    assert result.warnings == []
    got = [
        (p.arxiv_id, p.title, p.authors, p.subjects, p.comments, p.journal_ref, p.abstract)
        for p in result.papers
    ]
    want = [
        (
            e["id"],
            e["title"],
            e["authors"],
            e["subjects"],
            e["comments"],
            e["journal_ref"],
            e["abstract"],
        )
        for _, e in page
    ]
    assert got == want
    assert [p.section for p in result.papers] == [section for section, _ in page]
    assert {p.date for p in result.papers} == {"2026-09-09"}


def render_search(results: list[tuple[dict, bool]], numbered: bool) -> str:
    out = ["Showing 1–50 of 1,234 results for all: learning", "Search", "Advanced Search"]
    for number, (e, cut) in enumerate(results, 1):
        prefix = f"{number}. " if numbered else ""
        out += [f"{prefix}arXiv:{e['id']}  [pdf, other]", " ".join(e["subjects"]), e["title"]]
        out.append("Authors: " + ", ".join(e["authors"]))
        if e["abstract"]:
            text = e["abstract"]
            out.append(f"Abstract: {text[:40]}… ▽ More" if cut else f"Abstract: {text} △ Less")
        out.append("Submitted 5 July, 2024; originally announced July 2024.")
        if e["comments"]:
            out.append(f"Comments: {e['comments']}")
        if e["journal_ref"]:
            out.append(f"Journal ref: {e['journal_ref']}")
    out += ["Previous Next", "1 2 3 … 25", "About", "Help"]
    return "\n".join(out) + "\n"


@settings(max_examples=40, deadline=None)
@given(
    results=st.lists(st.tuples(entries, st.booleans()), min_size=1, max_size=6),
    numbered=st.booleans(),
)
def test_generated_search_results_read_back_exactly(results, numbered) -> None:
    result = parse_text(render_search(results, numbered), "generated.txt", as_of=CAPTURED)
    assert result.format == "arxiv-search"
    got = [
        (p.arxiv_id, p.title, p.authors, p.subjects, p.comments, p.journal_ref, p.date)
        for p in result.papers
    ]
    want = [
        (
            e["id"],
            e["title"],
            e["authors"],
            e["subjects"],
            e["comments"],
            e["journal_ref"],
            "2024-07-05",
        )
        for e, _ in results
    ]
    assert got == want
    for paper, (e, cut) in zip(result.papers, results, strict=True):
        cut = cut and bool(e["abstract"])
        assert paper.abstract_truncated is cut
        assert paper.abstract == (e["abstract"][:40] + "…" if cut else e["abstract"]).strip()
