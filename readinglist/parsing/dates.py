"""Dates as listing pages print them (`Aug 13`, `Jul 7, 2024`) and how a missing year resolves."""

from __future__ import annotations

import datetime as dt

# A month as printed: three-letter or full name, an optional period (`Sept.`).
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# `Mon D[, YYYY]` with its parts in named groups.
DATE = rf"(?P<month>{MONTH}) (?P<day>\d{{1,2}})(?:, ?(?P<year>\d{{4}}))?"

MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_MONTHS = {m.lower(): i for i, m in enumerate(MONTH_ABBREVIATIONS, 1)}


def month_number(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def resolve_date(month: str, day: str, year: str | None, as_of: dt.date) -> str | None:
    """`YYYY-MM-DD`; without a year, the latest such date not after `as_of`. None if impossible."""
    m, d = month_number(month), int(day)
    if year is not None:
        try:
            return dt.date(int(year), m, d).isoformat()
        except ValueError:
            return None
    # Feb 29 may need to look back up to eight years for a leap year.
    for back in range(9):
        try:
            candidate = dt.date(as_of.year - back, m, d)
        except ValueError:
            continue
        if candidate <= as_of:
            return candidate.isoformat()
    return None
