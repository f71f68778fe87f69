"""The benchmark: how readinglist scales to N papers on this machine.

    python -m bench --papers 100000 [--json]

Builds a synthetic library of N papers recombined from the bundled sample pages (titles,
authors and abstracts of realistic lengths) in a temporary directory, then measures each
figure of the performance issue and, side by side, `fzf --filter` over the same titles.
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import datetime
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bench.page_bench import measure_shapes, table
from bench.state_bench import measure_state
from readinglist.papers.library import Library, import_files, sample_pages
from readinglist.papers.models import ParsedPaper
from readinglist.parsing import parse_text, render_page
from readinglist.paths import state_file

AS_OF = datetime.date(2025, 10, 30)
QUERY_WORD = "diffus"  # typed one letter at a time: a 6-letter prefix of a common word
LIST_QUERY = "diffusion year:>=2020"
TOGGLES = 60
TYPING_ROUNDS = 3  # type the word and erase it, three times
STATEFUL_PAPERS = 5_000
MONTHS = list(calendar.month_abbr)[1:]


# -- the synthetic library -------------------------------------------------------------------


def sample_papers() -> list[ParsedPaper]:
    papers = []
    for name, text, captured in sample_pages():
        papers.extend(parse_text(text, name, as_of=captured).papers)
    return papers


def synthetic_papers(count: int, seed: int = 7) -> list[ParsedPaper]:
    """N distinct papers whose titles, authors and abstracts are recombined from real ones."""
    rng = random.Random(seed)
    real = sample_papers()
    title_words = [p.title.split() for p in real]
    abstracts = [p.abstract for p in real if len(p.abstract) > 200]
    names = sorted({a for p in real for a in p.authors}) or ["Ann Lee", "Bo Chen"]
    papers = []
    for number in range(count):
        left, right = rng.choice(title_words), rng.choice(title_words)
        title = " ".join(left[: max(1, len(left) // 2)] + right[len(right) // 2 :])
        # A number keeps every title a distinct paper (as in real lists): titles that differ
        # only in a number never merge, though they still go through the fuzzy comparison.
        title = f"{title} {number}"
        year = rng.randint(2015, 2025)
        month, day = rng.randrange(12), rng.randint(1, 28)
        authors = rng.sample(names, k=min(len(names), rng.randint(1, 6)))
        papers.append(
            ParsedPaper(
                title=title,
                authors=authors,
                author_count=len(authors),
                abstract=" ".join(rng.sample(abstracts, k=2))[:1200],
                date=f"{year}-{month + 1:02d}-{day:02d}",
                date_text=f"{MONTHS[month]} {day}, {year}",
                upvotes=rng.choice([None, rng.randint(0, 300)]),
                format="hf-daily",
            )
        )
    return papers


# -- the figures -----------------------------------------------------------------------------


def measure_parse(papers: list[ParsedPaper]) -> float:
    """MB/s of listing text parsed, over every page shape."""
    total_bytes, total_s = 0, 0.0
    for fmt in ("hf-daily", "author-list", "hf-search"):
        text = render_page([_as_format(p, fmt) for p in papers], fmt)
        start = time.perf_counter()
        parse_text(text, f"bench.{fmt}", as_of=AS_OF, fmt=fmt)
        total_s += time.perf_counter() - start
        total_bytes += len(text.encode())
    return total_bytes / 1e6 / total_s


def rendered_pages(papers: list[ParsedPaper]) -> dict[str, tuple[str, str]]:
    """The N papers as a page of each shape render_page writes (label: (text, format))."""
    return {
        fmt: (render_page([_as_format(p, fmt) for p in papers], fmt), fmt)
        for fmt in ("hf-daily", "author-list", "hf-search")
    }


def _as_format(paper: ParsedPaper, fmt: str) -> ParsedPaper:
    if fmt == "author-list":  # no upvotes on such pages; a category instead
        return replace(paper, upvotes=None, category="LG", format=fmt)
    if fmt == "hf-search":
        return ParsedPaper(title=paper.title, abstract=paper.abstract, format=fmt)
    return paper


def measure_import(papers: list[ParsedPaper], directory: Path) -> float:
    """Seconds to import N papers from a page file into an empty library (parse, merge, save)."""
    page = directory.parent / "synthetic-daily.txt"
    page.write_text(render_page(papers, "hf-daily"), encoding="utf-8")
    start = time.perf_counter()
    import_files(Library.open(directory), [str(page)], as_of=AS_OF)
    return time.perf_counter() - start


def measure_cold_list(directory: Path) -> float:
    """Seconds for `readinglist list QUERY --json` as a whole new process."""
    command = [sys.executable, "-m", "readinglist", "list", LIST_QUERY, "--json"]
    command += ["--library", str(directory)]
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def measure_toggles(directory: Path) -> dict[str, float]:
    """Milliseconds for one star toggle to be on disk, with 5,000 papers holding state."""
    from readinglist.state.store import StateStore

    library = Library.open(directory)
    ids = [p.id for p in library.papers[:STATEFUL_PAPERS]]
    store = StateStore(state_file(directory))
    for number, paper_id in enumerate(ids):
        store.set_read(paper_id, number % 2 == 0)
    times = []
    for number in range(TOGGLES):
        start = time.perf_counter()
        store.set_starred(ids[number], number % 2 == 0)
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    return _distribution(times)


def measure_app(directory: Path) -> dict[str, float]:
    """First paint, filter keystrokes and peak RSS of the app, in a separate process."""
    command = [sys.executable, "-m", "bench", "--app-probe", str(directory)]
    # From the checkout, where the bench package lives (it is not part of the installed app).
    checkout = Path(__file__).resolve().parent.parent
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=checkout)
    if result.returncode != 0:
        return {"error": (result.stderr.strip().splitlines() or ["app probe failed"])[-1]}
    return json.loads(result.stdout)


def app_probe(directory: Path) -> dict[str, object]:
    """Run inside a fresh process: the app headless on the library, typing into the filter."""
    from readinglist.tui.app import create_app

    async def run() -> dict[str, object]:
        start = time.perf_counter()
        app = create_app(directory)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            first_paint = time.perf_counter() - start
            screen = app.screen
            await asyncio.to_thread(screen.index_warm.wait, 60)  # the app warms it after paint
            typed = await type_and_erase(pilot, screen)
            browsing_rss = peak_rss_mb()  # the figure's meaning: opening, filtering
            # The same typing with every paper selected (`V`), then `M` `y`: every shown paper
            # marked read, timed from the confirmation to the change on disk (the store
            # returns only once the journal line is fsynced).
            await pilot.press("escape")
            await pilot.press("V")
            await pilot.pause()
            selected = len(screen.session.selected)
            typed_selected = await type_and_erase(pilot, screen)
            await pilot.press("escape")
            await pilot.press("M")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("y")
            while screen.session.counts().unread and time.perf_counter() - start < 60:
                await asyncio.sleep(0.002)
            marked_s = time.perf_counter() - start
        return {
            "first_paint_s": first_paint,
            "filter_keystroke_ms": _distribution(typed),
            "selection": selected,
            "filter_keystroke_selected_ms": _distribution(typed_selected),
            "mark_selection_read_s": marked_s,
            "peak_rss_mb": browsing_rss,
            "peak_rss_after_bulk_mb": peak_rss_mb(),
        }

    return asyncio.run(run())


async def type_and_erase(pilot, screen) -> list[float]:
    """Type QUERY_WORD into the filter and erase it, TYPING_ROUNDS times; keystroke to repaint
    as the app itself measures it (pilot.press adds its own waiting for idle, which is not
    the user's latency)."""
    screen.filter_latencies.clear()
    await pilot.press("slash")
    for _round in range(TYPING_ROUNDS):
        for letter in QUERY_WORD:
            await pilot.press(letter)
        for _ in QUERY_WORD:
            await pilot.press("backspace")
    await pilot.pause()
    return list(screen.filter_latencies)


def peak_rss_mb() -> float:
    """This process's own peak RSS. Not getrusage's ru_maxrss: Linux carries the parent's
    peak over fork and exec, so a child of the (large) benchmark process would report that."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_fzf(titles: list[str], directory: Path) -> dict[str, float] | None:
    """Our in-process filter over N titles vs fzf's whole process over the same titles."""
    fzf = shutil.which("fzf")
    from readinglist.search.index import SearchIndex

    index = SearchIndex(Library.open(directory).papers)
    start = time.perf_counter()
    index.filter(QUERY_WORD, {})
    ours = time.perf_counter() - start
    if fzf is None:
        return {"ours_s": ours, "fzf_s": None, "ratio": None}
    titles_file = directory / "titles.txt"
    titles_file.write_text("\n".join(titles), encoding="utf-8")
    start = time.perf_counter()
    with titles_file.open("rb") as stdin:
        subprocess.run([fzf, "--filter", QUERY_WORD], stdin=stdin, stdout=subprocess.DEVNULL)
    theirs = time.perf_counter() - start
    return {"ours_s": ours, "fzf_s": theirs, "ratio": ours / theirs}


def _distribution(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    }


def _timed(label: str, step: Callable[[], object], quiet: bool) -> object:
    if not quiet:
        print(f"  {label}...", file=sys.stderr, flush=True)
    return step()


def arxiv_request_count() -> int:
    """Requests to link the 521 bundled sample papers on a loopback arXiv (was 521)."""
    from bench.arxiv_lookups import count_sample_lookups

    return count_sample_lookups()["requests"]


def run_benchmark(count: int, quiet: bool = False, page_mb: float = 3.0) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="readinglist-bench-") as temp:
        directory = Path(temp) / "library"
        papers = synthetic_papers(count)
        figures: dict[str, object] = {"papers": count}
        figures["parse_mb_per_s"] = _timed("parse", lambda: measure_parse(papers), quiet)
        figures["parse_by_format"] = _timed(
            "parse by format", lambda: measure_shapes(page_mb, rendered_pages(papers)), quiet
        )
        figures["import_s"] = _timed("import", lambda: measure_import(papers, directory), quiet)
        figures["cold_list_s"] = _timed("list", lambda: measure_cold_list(directory), quiet)
        figures["toggle_persist_ms"] = _timed("toggle", lambda: measure_toggles(directory), quiet)
        figures.update(_timed("app", lambda: measure_app(directory), quiet))
        titles = [p.title for p in papers]
        figures["fzf"] = _timed("fzf", lambda: measure_fzf(titles, directory), quiet)
        figures["state"] = _timed("state", lambda: measure_state(directory, count), quiet)
        figures["arxiv_requests_521_sample"] = _timed("arxiv", arxiv_request_count, quiet)
        python = sys.version.split()[0]
        figures["machine"] = f"{os.cpu_count()} cores, {sys.platform}, Python {python}"
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--papers", type=int, nargs="+", default=[100_000], metavar="N")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--app-probe", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--state-only", action="store_true", help="only the state figures")
    parser.add_argument(
        "--parse-only", action="store_true", help="only the parse figures of every page shape"
    )
    parser.add_argument(
        "--page-mb", type=float, default=3.0, help="size of each shape's page (default 3 MB)"
    )
    parser.add_argument("--shape", help="with --parse-only: the shapes whose label holds this")
    args = parser.parse_args(argv)
    if args.app_probe:
        print(json.dumps(app_probe(Path(args.app_probe))))
        return 0
    if args.state_only:
        with tempfile.TemporaryDirectory(prefix="readinglist-bench-") as temp:
            states = [measure_state(Path(temp) / f"library-{n}", n) for n in args.papers]
        print(json.dumps(states if len(states) > 1 else states[0], indent=2))
        return 0
    if args.parse_only:
        pages = rendered_pages(synthetic_papers(args.papers[0]))
        figures = measure_shapes(args.page_mb, pages, args.shape)
        if not args.json:
            print(table(figures), file=sys.stderr)
        print(json.dumps(figures, indent=2))
        return 0
    results = [run_benchmark(n, quiet=args.json, page_mb=args.page_mb) for n in args.papers]
    print(json.dumps(results if len(results) > 1 else results[0], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
