"""How the filter plans its work: which terms touch only the papers (cached) and which the
user's state, the order to apply terms in, and when a new query narrows a cached one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from readinglist.papers.models import Paper, PaperState
from readinglist.search.query import (
    FREE,
    SUPPLIED_FLAGS,
    FlagTerm,
    Group,
    RangeTerm,
    Term,
    TextTerm,
)
from readinglist.textnorm import fold

FUZZY_MIN_LENGTH = 5
# A free word this short is a fragment being typed ("di" on the way to "diffusion"): as a
# substring it is in nearly every abstract, so it only searches titles and authors.
ABSTRACT_MIN_LENGTH = 3

# What `is:new`, `is:updated`, `is:pdf` select, supplied by the caller: paper ids, or a test.
FlagSource = Collection[str] | Callable[[Paper], bool]


def is_state_term(term: Term) -> bool:
    """Terms on the user's state or on caller-supplied sets: never cached, as those change."""
    return isinstance(term, FlagTerm) or (isinstance(term, TextTerm) and term.field == "tag")


def has_state_term(node: Term | Group) -> bool:
    if isinstance(node, Group):
        return any(has_state_term(item) for item in node.items)
    return is_state_term(node)


def group_order(node: Term | Group) -> tuple[int, int]:
    """Sort key inside an AND group: cheap terms first, then state terms, groups last."""
    if isinstance(node, Group):
        return (4, 0)
    if is_state_term(node):
        return (3, 0)
    return cost(node)


def may_be_fuzzy(term: TextTerm) -> bool:
    return term.field == FREE and not term.phrase and len(term.text) >= FUZZY_MIN_LENGTH


def cost(term: Term) -> tuple[int, int]:
    """Sort key: numeric tests and short fields first, abstract scans last, longest word first."""
    if isinstance(term, RangeTerm):
        return (0, 0)
    assert isinstance(term, TextTerm)
    if term.field in ("any", "abstract"):
        return (2, -len(term.text))
    return (1, -len(term.text))


def refinement(old: tuple[Term, ...], new: tuple[Term, ...]) -> list[TextTerm] | None:
    """None unless every match of `new` is a match of `old` or a fuzzy match of a grown word;
    then the grown words whose fuzzy matches must be added to the candidates."""
    grown: list[TextTerm] = []
    for before in old:
        if before in new:
            continue
        after = next((t for t in new if _extends(t, before)), None)
        if after is None:
            return None
        if may_be_fuzzy(after):
            grown.append(after)
    return grown


def _extends(after: Term, before: Term) -> bool:
    """True when `after` matching exactly implies `before` matching: a longer substring."""
    return (
        isinstance(after, TextTerm)
        and isinstance(before, TextTerm)
        and after.field == before.field
        and not after.negated
        and not before.negated
        and before.text in after.text
        # "di" searched titles only; "dif" searches abstracts too, so it is no narrowing.
        and (not _skips_abstracts(before) or _skips_abstracts(after))
    )


def _skips_abstracts(term: TextTerm) -> bool:
    return term.field == FREE and len(term.text) < ABSTRACT_MIN_LENGTH


def state_selection(
    term: Term, states: Mapping[str, PaperState], flags: Mapping[str, FlagSource]
) -> tuple[FlagSource, bool]:
    """The ids a state term selects (or a test on a paper), and whether to keep or drop them.

    Papers without a state have the default one: unread, unstarred, no notes, no tags. A
    supplied flag (`is:new`...) the caller gave no set for selects no paper.
    """
    if isinstance(term, FlagTerm):
        flag = term.flag
        if flag in SUPPLIED_FLAGS:
            return flags.get(flag, frozenset()), not term.negated
        if flag == "noted":
            chosen = {pid for pid, s in states.items() if s.notes.strip()}
        elif flag == "starred":
            chosen = {pid for pid, s in states.items() if s.starred}
        else:  # read, and unread as "not read"
            chosen = {pid for pid, s in states.items() if s.read}
        keep = (flag != "unread") is not term.negated
        return chosen, keep
    assert isinstance(term, TextTerm)
    text = term.text
    chosen = {pid for pid, s in states.items() if any(text in fold(tag) for tag in s.tags)}
    return chosen, not term.negated
