"""Per-keystroke filter times at N synthetic papers (default 100,000).

    .venv/bin/python bench/filter_bench.py [--papers N] [--json]

Papers are recombined from the seed pages' titles and abstracts (abstracts ~1,000 chars).
Typing is simulated as the app does it: the empty query first, then one filter call per
letter of each word, on one index prepared (`warm`, as the app does after its first paint)
beforehand; cached results are cleared between words. Also timed: building and warming the
index, a new index's first filter (what `readinglist list` pays), a cold filter of each
whole word, and sorting the final result by date (the first
sort call builds the date order).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readinglist.papers.models import Paper  # noqa: E402
from readinglist.search.index import SearchIndex  # noqa: E402
from readinglist.search.sorting import sort_indices  # noqa: E402

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
WORDS = ("memory", "sparse", "robust", "vision", "neural", "trasfo", "qzxwvu")
CATEGORIES = ("LG", "CV", "CL", "AI", "RO", "SD", "IR", None)
NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-zé'-]+\b")


def seed_texts() -> tuple[list[str], list[str], list[str]]:
    """Titles, abstracts and author names, read crudely off the seed pages."""
    titles, abstracts = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        for before, line in pairwise(lines):
            if len(line) > 300 and 10 < len(before) < 200:
                abstracts.append(line)
                titles.append(before)
    names = sorted(set(NAME.findall((SEEDS / "author-list.txt").read_text(encoding="utf-8"))))
    names += ["Piotr Dollár", "Łukasz Kaiser", "Sébastien Bubeck", "Laurens van der Maaten"]
    return titles, abstracts, names


def synthetic_papers(count: int, seed: int = 7) -> list[Paper]:
    titles, abstracts, names = seed_texts()
    sentences = [s for a in abstracts for s in re.split(r"(?<=\.) ", a) if len(s) > 20]
    title_words = [t.split() for t in titles]
    rng = random.Random(seed)
    papers = []
    for i in range(count):
        first, second = rng.choice(title_words), rng.choice(title_words)
        title = " ".join(first[: len(first) // 2 + 1] + second[len(second) // 2 + 1 :])
        abstract_parts: list[str] = []
        while sum(map(len, abstract_parts)) < rng.randint(700, 1300):
            abstract_parts.append(rng.choice(sentences))
        year = rng.randint(2015, 2025)
        papers.append(
            Paper(
                id=f"p{i:06d}",
                title=title,
                authors=rng.sample(names, rng.randint(1, 6)),
                abstract=" ".join(abstract_parts),
                date=None if rng.random() < 0.1 else f"{year}-{rng.randint(1, 12):02d}-15",
                upvotes=None if rng.random() < 0.3 else rng.randint(0, 300),
                category=rng.choice(CATEGORIES),
                sources=[f"/home/u/pages/day{rng.randint(1, 365)}.txt"],
                added=i,
            )
        )
    return papers


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - start) * 1000, result


def run(count: int) -> dict:
    papers = synthetic_papers(count)
    cold_ms, _ = timed(lambda: SearchIndex(papers).filter("memory", {}))
    build_ms, index = timed(SearchIndex, papers)
    warm_ms, _ = timed(index.warm)
    states: dict = {}
    keystrokes: list[float] = []
    per_word = {}
    for word in WORDS:
        index.clear_cache()
        index.filter("", states)
        times = []
        for end in range(1, len(word) + 1):
            ms, result = timed(index.filter, word[:end], states)
            times.append(round(ms, 2))
        index.clear_cache()
        fresh_ms, _ = timed(index.filter, word, states)
        sort_ms, _ = timed(sort_indices, papers, result, "date")
        per_word[word] = {
            "keystroke_ms": times,
            "hits": len(result),
            "fresh_whole_word_ms": round(fresh_ms, 2),
            "sort_by_date_ms": round(sort_ms, 2),
        }
        keystrokes.extend(times)
    keystrokes.sort()
    return {
        "papers": count,
        "index_build_ms": round(build_ms, 2),
        "cold_build_and_filter_ms": round(cold_ms, 1),
        "index_warm_ms": round(warm_ms, 1),
        "filter_keystroke_median_ms": round(statistics.median(keystrokes), 2),
        "filter_keystroke_p95_ms": round(keystrokes[int(0.95 * (len(keystrokes) - 1))], 2),
        "filter_keystroke_max_ms": round(keystrokes[-1], 2),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "words": per_word,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    report = run(args.papers)
    if args.json:
        print(json.dumps(report))
        return
    print(f"papers: {report['papers']}")
    print(f"index build: {report['index_build_ms']} ms (lazy), warm: {report['index_warm_ms']} ms")
    print(f"peak RSS (papers + index + benchmark): {report['peak_rss_mb']} MB")
    print(f"cold build + first filter (the CLI's path): {report['cold_build_and_filter_ms']} ms")
    for word, figures in report["words"].items():
        print(
            f"  {word!r}: keystrokes {figures['keystroke_ms']} ms, {figures['hits']} hits,"
            f" fresh {figures['fresh_whole_word_ms']} ms, sort {figures['sort_by_date_ms']} ms"
        )
    print(
        f"keystroke median {report['filter_keystroke_median_ms']} ms,"
        f" p95 {report['filter_keystroke_p95_ms']} ms, max {report['filter_keystroke_max_ms']} ms"
    )


if __name__ == "__main__":
    main()
