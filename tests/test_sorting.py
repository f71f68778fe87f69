"""sort_indices: natural directions, missing values last both ways, ties in library order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readinglist.papers.models import Paper
from readinglist.search.sorting import SORT_KEYS, Sorter, sort_indices


def paper(pid: str, title: str, date: str | None = None, upvotes: int | None = None, added=0):
    return Paper(id=pid, title=title, date=date, upvotes=upvotes, added=added)


PAPERS = [
    paper("a", "beta", "2021-01-01", 5, added=0),
    paper("b", "Ábaco", None, 50, added=1),
    paper("c", "[alpha] x", "2024-05-01", None, added=2),
    paper("d", "gamma", "2021-01-01", 5, added=3),
    paper("e", "Delta", "2019-12-31", 0, added=4),
]
ALL = list(range(len(PAPERS)))


def ids(indices: list[int]) -> str:
    return "".join(PAPERS[i].id for i in indices)


def test_keys() -> None:
    assert SORT_KEYS == ("date", "upvotes", "title", "added")


@pytest.mark.parametrize(
    ("key", "natural", "reversed_"),
    [
        ("date", "cade" + "b", "eadc" + "b"),  # newest first; ties keep library order
        ("upvotes", "bade" + "c", "eadb" + "c"),  # most first; no upvotes last
        ("title", "bcaed", "deacb"),  # A-Z ignoring case, accents and punctuation
        ("added", "abcde", "edcba"),  # oldest first
    ],
)
def test_directions(key: str, natural: str, reversed_: str) -> None:
    assert ids(sort_indices(PAPERS, ALL, key)) == natural
    assert ids(sort_indices(PAPERS, ALL, key, reverse=True)) == reversed_


def test_sorts_only_the_given_indices() -> None:
    assert ids(sort_indices(PAPERS, [4, 1, 0], "date")) == "aeb"
    assert sort_indices(PAPERS, [], "title") == []


def test_unknown_key_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sort key"):
        sort_indices(PAPERS, ALL, "score")


def test_a_paper_changed_in_place_is_sorted_by_its_new_value() -> None:
    papers = [paper("x", "x", "2020-01-01"), paper("y", "y", "2021-01-01")]
    assert sort_indices(papers, [0, 1], "date") == [1, 0]
    papers[0].date = "2022-01-01"  # an import merged a newer date into it
    assert sort_indices(papers, [0, 1], "date") == [0, 1]
    papers.append(paper("z", "z", "2023-01-01"))
    assert sort_indices(papers, [0, 1, 2], "date") == [2, 0, 1]


def test_sorter_after_update() -> None:
    papers = [paper("x", "b"), paper("y", "a")]
    sorter = Sorter(papers)
    assert sorter.sort([0, 1], "title") == [1, 0]
    papers.append(paper("z", "0"))
    sorter.update(papers)
    assert sorter.sort([0, 1, 2], "title") == [2, 1, 0]


@given(
    st.lists(
        st.tuples(
            st.none() | st.dates().map(lambda d: d.isoformat()),
            st.none() | st.integers(0, 20),
            st.text(max_size=5),
        ),
        min_size=1,
        max_size=80,
    ),
    st.data(),
)
def test_subsets_sort_like_the_whole_library(rows, data) -> None:
    papers = [paper(str(i), t, d, u, added=i) for i, (d, u, t) in enumerate(rows)]
    sorter = Sorter(papers)
    key = data.draw(st.sampled_from(SORT_KEYS))
    reverse = data.draw(st.booleans())
    subset = data.draw(st.sets(st.integers(0, len(papers) - 1)))
    whole = sorter.sort(range(len(papers)), key, reverse)
    assert sorter.sort(subset, key, reverse) == [i for i in whole if i in subset]
    values = [getattr(papers[i], key) for i in whole] if key in ("date", "upvotes") else []
    present = [v for v in values if v is not None]
    assert values == present + [None] * (len(values) - len(present))  # missing last
    newest_first = key in ("date", "upvotes")
    assert present == sorted(present, reverse=newest_first is not reverse)


@given(
    st.lists(
        st.tuples(st.sampled_from([None, "", "2020-01-01", "2021-06-01"]), st.integers(0, 3)),
        min_size=8,
        max_size=40,
    ),
    st.data(),
)
def test_a_small_first_subset_sorts_like_the_full_library_order(rows, data) -> None:
    papers = [paper(f"p{i}", f"t{up}", date, up, added=i) for i, (date, up) in enumerate(rows)]
    subset = data.draw(st.lists(st.sampled_from(range(len(papers))), max_size=len(papers) // 5))
    subset = list(dict.fromkeys(subset))
    for key in SORT_KEYS:
        for reverse in (False, True):
            expected = Sorter(papers).sort(subset, key, reverse)
            fresh = [*papers]  # a list sort_indices has not seen: the one-shot path
            assert sort_indices(fresh, subset, key, reverse) == expected
