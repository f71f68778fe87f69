"""`year:`, `date:` and `upvotes:` values: `2024`, `>=2023`, `2025-06-01..2025-06-30`, ..."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

_COMPARISON = re.compile(r"(>=|<=|>|<|=)?(.*)")

RANGE_HELP = {
    "year": "a year is YYYY, >=YYYY, >YYYY, <YYYY, <=YYYY or YYYY..YYYY (either end optional)",
    "date": (
        "a date is YYYY-MM-DD (or YYYY-MM, YYYY), with >=, >, <, <= or a range"
        " a..b (either end optional)"
    ),
    "upvotes": "upvotes take N, >N, >=N, <N, <=N, =N or N..M (either end optional)",
}

Bad = Callable[[], Exception]


def range_bounds(field: str, value: str, bad: Bad, empty: Bad) -> tuple:
    """The inclusive (low, high) a written value stands for; None is an open end.

    Years and upvotes are ints, dates ISO strings (which compare like dates). `bad` makes
    the error for a malformed value, `empty` the one for a range whose ends are swapped.
    """
    if ".." in value:
        left, _, right = value.partition("..")
        if not left and not right:
            raise bad()
        low = _interval(field, left, bad)[0] if left else None
        high = _interval(field, right, bad)[1] if right else None
        if field == "date":
            low, high = _iso(low), _iso(high)
        if low is not None and high is not None and low > high:
            raise empty()
        return low, high
    op, operand = _COMPARISON.fullmatch(value).groups()  # type: ignore[union-attr]
    first, last = _interval(field, operand, bad)
    try:
        return _bounds(field, op or "=", first, last)
    except OverflowError:
        raise bad() from None


def _interval(field: str, text: str, bad: Bad) -> tuple:
    """The first and last value a written value stands for (a year: all of its days)."""
    text = text.strip()
    if field == "upvotes":
        if not text.isdecimal():
            raise bad()
        return int(text), int(text)
    if field == "year":
        if not (len(text) == 4 and text.isdecimal()):
            raise bad()
        return int(text), int(text)
    return _date_interval(text, bad)


def _date_interval(text: str, bad: Bad) -> tuple[date, date]:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = date.fromisoformat(text + "-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        pass
    raise bad()


def _bounds(field: str, op: str, first, last) -> tuple:
    """Turn `op value` into inclusive bounds: `>` starts after the value's last day/number."""
    step = timedelta(days=1) if field == "date" else 1
    low, high = {
        "=": (first, last),
        ">=": (first, None),
        ">": (last + step, None),
        "<=": (None, last),
        "<": (None, first - step),
    }[op]
    if field == "date":
        return _iso(low), _iso(high)
    return low, high


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
