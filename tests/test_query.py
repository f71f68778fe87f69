"""The query language: what each kind of term parses into, and the errors for malformed ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readinglist.errors import UserError
from readinglist.search.query import FlagTerm, Query, QueryError, RangeTerm, TextTerm, parse_query


def terms(text: str) -> tuple:
    return parse_query(text).terms


def test_empty_query_has_no_terms() -> None:
    assert parse_query("").is_empty()
    assert parse_query("   ").is_empty()
    assert parse_query("  -  ").is_empty()  # a lone "-" while typing "-is:read"


def test_free_words_are_folded_and_and_ed() -> None:
    assert terms("Dollár Transformer") == (
        TextTerm("any", "dollar"),
        TextTerm("any", "transformer"),
    )


def test_quoted_phrase_keeps_its_spaces() -> None:
    assert terms('"Masked   Autoencoder"') == (TextTerm("any", "masked autoencoder", phrase=True),)


@pytest.mark.parametrize("field", ["title", "author", "abstract", "cat", "source", "org", "tag"])
def test_text_fields(field: str) -> None:
    assert terms(f"{field}:Ünet") == (TextTerm(field, "unet"),)


def test_field_with_quoted_phrase() -> None:
    assert terms('title:"plan early" author:"van der maaten"') == (
        TextTerm("title", "plan early", phrase=True),
        TextTerm("author", "van der maaten", phrase=True),
    )


def test_field_names_are_case_insensitive_and_have_aliases() -> None:
    assert terms("Author:x authors:y category:cv tags:z") == (
        TextTerm("author", "x"),
        TextTerm("author", "y"),
        TextTerm("cat", "cv"),
        TextTerm("tag", "z"),
    )


def test_negation_applies_to_any_term() -> None:
    assert terms('-is:read -author:smith -"large model" -year:2020 -word') == (
        FlagTerm("read", negated=True),
        TextTerm("author", "smith", negated=True),
        TextTerm("any", "large model", phrase=True, negated=True),
        RangeTerm("year", 2020, 2020, negated=True),
        TextTerm("any", "word", negated=True),
    )


@pytest.mark.parametrize("flag", ["starred", "read", "unread", "noted", "STARRED"])
def test_is_flags(flag: str) -> None:
    assert terms(f"is:{flag}") == (FlagTerm(flag.lower()),)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("year:2024", 2024, 2024),
        ("year:=2024", 2024, 2024),
        ("year:>=2023", 2023, None),
        ("year:>2023", 2024, None),
        ("year:<2023", None, 2022),
        ("year:<=2023", None, 2023),
        ("year:2020..2022", 2020, 2022),
        ("year:2020..", 2020, None),
        ("year:..2022", None, 2022),
    ],
)
def test_year_comparisons(text: str, low: int | None, high: int | None) -> None:
    assert terms(text) == (RangeTerm("year", low, high),)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("upvotes:>10", 11, None),
        ("upvotes:>=10", 10, None),
        ("upvotes:<10", None, 9),
        ("upvotes:<=10", None, 10),
        ("upvotes:=10", 10, 10),
        ("upvotes:10", 10, 10),
        ("upvotes:5..20", 5, 20),
    ],
)
def test_upvote_comparisons(text: str, low: int | None, high: int | None) -> None:
    assert terms(text) == (RangeTerm("upvotes", low, high),)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("date:2025-06-01..2025-06-30", "2025-06-01", "2025-06-30"),
        ("date:2025-06-01..", "2025-06-01", None),
        ("date:..2025-06-01", None, "2025-06-01"),
        ("date:>=2025-06-01", "2025-06-01", None),
        ("date:>2025-06-30", "2025-07-01", None),
        ("date:<2025-06-01", None, "2025-05-31"),
        ("date:<=2025-06-01", None, "2025-06-01"),
        ("date:2025-06-01", "2025-06-01", "2025-06-01"),
        ("date:2024-02", "2024-02-01", "2024-02-29"),
        ("date:2024-12", "2024-12-01", "2024-12-31"),
        ("date:>2024-12", "2025-01-01", None),
        ("date:2024", "2024-01-01", "2024-12-31"),
        ("date:2023..2024-03", "2023-01-01", "2024-03-31"),
    ],
)
def test_date_comparisons(text: str, low: str | None, high: str | None) -> None:
    assert terms(text) == (RangeTerm("date", low, high),)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("year:abc", "YYYY"),
        ("year:24", "YYYY"),
        ("year:>=x", "YYYY"),
        ("upvotes:>x", "upvotes take N"),
        ("upvotes:-3", "upvotes take N"),
        ("upvotes:..", "upvotes take N"),
        ("date:2025-13-01", "YYYY-MM-DD"),
        ("date:June", "YYYY-MM-DD"),
        ("date:<0001-01-01", "YYYY-MM-DD"),
        ("is:banana", "is:starred, is:read, is:unread, is:noted, is:new"),
        ("foo:bar", "unknown field foo:"),
        ("autor:smith", "author:"),
        ('"masked autoencoder', "unclosed quote"),
        ('title:"plan early', "unclosed quote"),
        ("title:", "needs a value"),
        ('author:""', "needs a value"),
        ("year:2022..2020", "empty range"),
    ],
)
def test_malformed_queries_say_what_is_allowed(text: str, says: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(text)
    message = str(info.value)
    assert says in message
    assert "\n" not in message
    assert message.startswith("bad query: ")
    assert isinstance(info.value, UserError)
    assert info.value.exit_code == 2


def test_query_keeps_its_text() -> None:
    assert parse_query("is:read x") == Query(terms("is:read x"), "is:read x")


def test_colon_after_non_letters_is_a_free_word() -> None:
    assert terms("3:1 gpt-4") == (TextTerm("any", "3:1"), TextTerm("any", "gpt-4"))


@given(st.text(max_size=60))
def test_parse_never_fails_other_than_with_query_error(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert "\n" not in str(error)
    else:
        assert all(isinstance(t, TextTerm | FlagTerm | RangeTerm) for t in query.terms)
