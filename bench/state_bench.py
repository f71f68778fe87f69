"""The state figures: N papers and N state records on disk (the state issue's targets).

    python -m bench --state-only --papers 100000

- open_s: opening the state (the TinyDB file plus the journal), median of 3;
- toggle_ms: one star toggle on disk (an fsynced journal append), median and p95 of 60;
- mark_all_read_s: every paper marked read in one command, beyond loading (one append,
  then the fold into the TinyDB file the bound triggers);
- read_prefixes_s: `read` of 5,000 ids given as 8-character prefixes, beyond loading;
- load_s: what "beyond loading" leaves out (library plus state).

`*_cpu_s` are the same steps in CPU time of this process: on a machine shared with other work,
the wall times include waiting for a core.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from readinglist.papers.library import Library
from readinglist.paths import state_file

TOGGLES = 60
PREFIXES = 5_000


def build_library(directory: Path, count: int) -> Library:
    """N distinct papers written straight to the library file (no page parsing: that is the
    import figure's job)."""
    from readinglist.papers.merge import new_paper_id, paper_from_parsed
    from readinglist.papers.models import ParsedPaper

    library = Library(directory)
    taken: dict[str, object] = {}
    for number in range(count):
        item = ParsedPaper(title=f"Synthetic paper number {number} on diffusion", date="2025-01-02")
        paper = paper_from_parsed(new_paper_id(item.title, taken), item, added=number)
        taken[paper.id] = paper
        library.papers.append(paper)
    library.save()
    return Library.open(directory)


def measure_state(directory: Path, count: int) -> dict[str, object]:
    from readinglist.state.store import StateStore

    os.environ.setdefault("READINGLIST_DEVICE", "bench")
    library = Library.open(directory)
    if len(library) < count:
        library = build_library(directory, count)
    ids = [paper.id for paper in library.papers[:count]]
    path = state_file(directory)
    seed = StateStore(path)  # N state records: every other paper starred, a tenth tagged
    seed.apply({pid: [("starred", n % 2 == 0), ("+", f"t{n % 10}")] for n, pid in enumerate(ids)})
    seed.fold()
    figures: dict[str, object] = {"state_records": len(seed.all())}

    opens, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        store = StateStore(path)
        opens.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    figures["open_s"] = statistics.median(opens)
    figures["open_cpu_s"] = statistics.median(cpu)  # on a shared machine, the wall time lies

    toggles = []
    for number in range(TOGGLES):
        start = time.perf_counter()
        store.set_read(ids[number], number % 2 == 0)
        toggles.append((time.perf_counter() - start) * 1000)
    toggles.sort()
    figures["toggle_ms"] = {"median": statistics.median(toggles), "p95": toggles[-4]}

    start = time.perf_counter()
    loaded = Library.open(directory)
    store = StateStore(path)
    figures["load_s"] = time.perf_counter() - start
    start, start_cpu = time.perf_counter(), time.process_time()
    store.apply({paper.id: [("read", True)] for paper in loaded.papers}, "read")
    figures["mark_all_read_s"] = time.perf_counter() - start
    figures["mark_all_read_cpu_s"] = time.process_time() - start_cpu

    store.apply({pid: [("read", False)] for pid in ids[:PREFIXES]})
    prefixes = [pid[:8] for pid in ids[:PREFIXES]]
    loaded, store = Library.open(directory), StateStore(path)
    start, start_cpu = time.perf_counter(), time.process_time()
    papers = {p.id: p for p in (loaded.resolve(prefix) for prefix in prefixes)}
    store.apply({pid: [("read", True)] for pid in papers}, "read")
    figures["read_prefixes_s"] = time.perf_counter() - start
    figures["read_prefixes_cpu_s"] = time.process_time() - start_cpu
    figures["files"] = {p.name: p.stat().st_size for p in sorted(directory.glob("state.*"))}
    return figures
