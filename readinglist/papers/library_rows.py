"""Checking the library file's rows before they become Papers.

A line of the wrong shape (`{"a":1}`, `["abc"]`, a number as a title) is reported and skipped
instead of crashing every command that reads the library. The check is cheap enough for
100,000 rows: each row's tuple of value types is compared with the types already seen to be
right, so the field-by-field test runs once per distinct combination, not once per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from types import NoneType

from readinglist.papers.models import Paper

_ALLOWED: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "str | None": (str, NoneType),
    "bool": (bool,),
    "int": (int,),
    "int | None": (int, NoneType),
    "float | None": (float, int, NoneType),
    "list[str]": (list,),
}
_DECLARED = {f.name: str(f.type) for f in fields(Paper)}
_JSON_KINDS = {dict: "an object", list: "a list", str: "text", bool: "true/false", NoneType: "null"}


def row_checker(names: tuple[str, ...]) -> Callable[[object], str | None]:
    """A test for rows laid out as `names`: None for a good row, else what is wrong with it."""
    allowed = [_ALLOWED.get(_DECLARED.get(name, "")) for name in names]
    text_lists = [i for i, name in enumerate(names) if _DECLARED.get(name) == "list[str]"]
    good: set[tuple[type, ...]] = set()
    width = len(names)

    def check(row: object) -> str | None:
        if type(row) is not list:
            return f"{_kind(row)}, not a row of paper fields"
        if len(row) != width:
            return f"{len(row)} fields where the file's header names {width}"
        types = tuple(map(type, row))
        if types not in good:
            for name, value, kinds in zip(names, row, allowed, strict=True):
                if kinds is not None and type(value) not in kinds:
                    return f"its {name} is {_kind(value)}"
            good.add(types)
        for i in text_lists:
            try:
                "".join(row[i])  # in C: fails on anything in the list but text
            except TypeError:
                return f"its {names[i]} holds something other than text"
        return None

    return check


def _kind(value: object) -> str:
    if type(value) in (int, float):
        return "a number"
    return _JSON_KINDS.get(type(value), type(value).__name__)


def damage_message(path: object, lines: list[int]) -> str:
    """One line for a library file with damaged lines, saying what to do."""
    shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    count = f"{len(lines)} damaged line{'s' if len(lines) > 1 else ''}"
    return (
        f"the library file {path} has {count} ({shown}), skipped; run "
        "`readinglist doctor --repair` to set them aside"
    )
