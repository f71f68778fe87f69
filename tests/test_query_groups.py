"""OR, parentheses, saved searches (`@name`), `is:new`-style flags and edge punctuation: parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readinglist.search.query import (
    FlagTerm,
    Group,
    Query,
    QueryError,
    RangeTerm,
    TextTerm,
    parse_query,
)

SEARCHES = {
    "fresh": "year:>=2024 -is:read",
    "thesis": '(diffusion OR "flow matching")',
    "loop": "@round",
    "round": "x @loop",
    "broken": "(diffusion",
}


def word(text: str, negated: bool = False) -> TextTerm:
    return TextTerm("any", text, negated=negated)


def test_the_issue_example() -> None:
    query = parse_query('(diffusion OR "flow matching") -is:read year:>=2024')
    assert query.terms == (FlagTerm("read", negated=True), RangeTerm("year", 2024, None))
    assert query.groups == (
        Group((word("diffusion"), TextTerm("any", "flow matching", phrase=True)), any_of=True),
    )


def test_and_binds_tighter_than_or() -> None:
    query = parse_query("a b OR c")
    assert query.terms == ()
    assert query.groups == (Group((Group((word("a"), word("b")), False), word("c")), True),)


def test_explicit_and_is_the_same_as_a_space() -> None:
    assert parse_query("a AND b").terms == parse_query("a b").terms


def test_lower_case_or_is_a_word() -> None:
    assert parse_query("this or that").terms == (word("this"), word("or"), word("that"))


def test_nested_ors_are_flattened_and_single_groups_unwrapped() -> None:
    assert parse_query("a OR (b OR c)").groups == (Group((word("a"), word("b"), word("c")), True),)
    assert parse_query("((a)) b") == Query((word("a"), word("b")), "((a)) b")


def test_minus_negates_a_group() -> None:
    query = parse_query("-(gan OR vae) x")
    assert query.terms == (word("x"),)
    assert query.groups == (Group((word("gan"), word("vae")), True, negated=True),)
    assert parse_query("-(x)").terms == (word("x", negated=True),)
    assert parse_query("-(-x)").terms == (word("x"),)


def test_a_query_without_or_keeps_the_plain_and_form() -> None:
    query = parse_query("masked -is:read year:2021")
    assert query.groups == ()
    assert len(query.terms) == 3


def test_brackets_inside_a_word_stay_part_of_it() -> None:
    assert parse_query("f(x)").terms == (word("f(x)"),)
    assert parse_query("(f(x) OR y)").groups == (Group((word("f(x)"), word("y")), True),)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("quantization,", "quantization"),
        ("DINOv3.", "dinov3"),
        ("diffusion?", "diffusion"),
        ("(gan)", "gan"),
        ("[gan]", "gan"),
        ("“llm”", "llm"),
        ("'attention'", "attention"),
        ("really!?", "really"),
        ("c++", "c++"),
        ("u.s.", "u.s"),
        ("title:ddpm,", None),
    ],
)
def test_punctuation_at_the_edge_of_a_word_is_not_searched(typed: str, meant: str | None) -> None:
    terms = parse_query(typed).terms
    if meant is None:
        assert terms == (TextTerm("title", "ddpm"),)
    else:
        assert terms == (word(meant),)


def test_a_quoted_phrase_keeps_its_punctuation() -> None:
    assert parse_query('"diffusion?"').terms == (TextTerm("any", "diffusion?", phrase=True),)


def test_saved_search_stands_for_its_query_in_parentheses() -> None:
    query = parse_query("@fresh author:kim", SEARCHES)
    assert query.terms == (
        RangeTerm("year", 2024, None),
        FlagTerm("read", negated=True),
        TextTerm("author", "kim"),
    )
    assert parse_query("@thesis", SEARCHES).groups == parse_query(SEARCHES["thesis"]).groups
    assert parse_query("@THESIS", SEARCHES).groups == parse_query(SEARCHES["thesis"]).groups


def test_negated_saved_search() -> None:
    query = parse_query("-@fresh", SEARCHES)
    assert query.groups == (
        Group((RangeTerm("year", 2024, None), FlagTerm("read", negated=True)), False, True),
    )


def test_supplied_flags_parse() -> None:
    assert parse_query("is:new -is:updated is:pdf").terms == (
        FlagTerm("new"),
        FlagTerm("updated", negated=True),
        FlagTerm("pdf"),
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("diffusion OR", "OR needs a term on each side"),
        ("OR diffusion", "OR needs a term on each side"),
        ("a OR OR b", "OR needs a term on each side"),
        ("(a OR) b", "OR needs a term on each side"),
        ("a AND", "AND needs a term on each side"),
        ("(diffusion", "a ( is never closed"),
        ("((a) b", "a ( is never closed"),
        ("diffusion)", "a ) has no ( before it"),
        ("a) (b", "a ) has no ( before it"),
        ("()", "() holds nothing"),
        ("title:(a OR b)", "(title:a OR title:b)"),
        ("@nope", "@nope is not a saved search; saved searches: @fresh, @thesis, @loop"),
        ("@loop", "@loop -> @round -> @loop"),
        ("@broken", "in saved search @broken: unbalanced parentheses"),
    ],
)
def test_malformed_groups_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(text, SEARCHES)
    message = str(info.value)
    assert says in message
    assert message.startswith("bad query: ")
    assert "\n" not in message


def test_unknown_saved_search_without_any_saved_says_where_to_add_them() -> None:
    with pytest.raises(QueryError, match=r"no saved searches; add one under \[searches\]"):
        parse_query("@thesis")


def test_while_typing_a_lone_at_or_minus_is_ignored() -> None:
    assert parse_query("a @").terms == (word("a"),)
    assert parse_query("a - (b)").terms == (word("a"), word("b"))


@given(st.text(alphabet=st.sampled_from(list('ab()"-@ ORAND:is')), max_size=30))
def test_any_mix_of_operators_parses_or_fails_with_one_line(text: str) -> None:
    try:
        parse_query(text, SEARCHES)
    except QueryError as error:
        assert "\n" not in str(error)
