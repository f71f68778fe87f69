"""Reading the library file (`papers.json`): its header, and each line checked and made a Paper.

Schema 2 is JSON Lines: a header line, then one array per paper (fields in the header's
order), read line by line so the file's bytes and its decoded form never all exist at once.
Schema 1 was one JSON document. A line of the wrong shape (`{"a":1}`, `["abc"]`, a number as a
title) is listed and skipped instead of crashing every command that reads the library; the
check is cheap enough for 100,000 rows: each row's tuple of value types is compared with the
types already seen to be right, so the field-by-field test runs once per distinct combination.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import NoneType
from typing import BinaryIO

import orjson

from readinglist.errors import UserError
from readinglist.papers.models import PAPER_FIELDS, Paper

SCHEMA_VERSION = 2
FIELDS = PAPER_FIELDS  # the file's columns: the id first, then Paper's positional fields
# Fields whose values repeat across papers: loaded papers share one string per distinct value.
_SHARED_SCALARS = tuple(
    FIELDS.index(name)
    for name in (
        "organization",
        "date",
        "date_text",
        "category",
        "listing_date",
        "format",
        "venue",
        "section",
    )
)
_SHARED_LISTS = tuple(FIELDS.index(name) for name in ("authors", "sources", "subjects"))
_HINT = "move it aside and import your pages again"
_GIT_MARKERS = (b"<<<<<<<", b"=======", b">>>>>>>")


@dataclass
class FileContents:
    papers: list[Paper]
    next_added: int
    last_import: tuple[int, int] | None = None
    damaged: list[tuple[int, str]] = field(default_factory=list)  # (line number, problem)


def read_papers(file: BinaryIO, path: Path) -> FileContents:
    """What an open library file holds, either format; a damaged line is skipped and listed."""
    first = file.readline()
    while first.startswith(_GIT_MARKERS):  # a git conflict on the header line itself
        first = file.readline()
    try:
        header = orjson.loads(first)
    except orjson.JSONDecodeError:  # maybe an indented schema-1 document
        return FileContents(*_decode(_parse_document(first + file.read(), path), path))
    if not _is_jsonl_header(header):  # schema 1: one line, one document (or not a library)
        return FileContents(*_decode(header, path))
    _check_schema(header.get("schema"), path)
    names = header.get("fields")
    names = (
        tuple(names) if isinstance(names, list) and all(type(n) is str for n in names) else FIELDS
    )
    make, check = _paper_maker(names), row_checker(names)
    papers, damaged = [], []
    for number, line in enumerate(file, start=2):
        if line.startswith(_GIT_MARKERS):
            continue  # a git conflict: both sides' papers are read (each id kept once)
        try:
            row = orjson.loads(line)
        except orjson.JSONDecodeError:
            if line.strip():
                damaged.append((number, "not valid JSON"))
            continue
        if type(row) is dict and _is_jsonl_header(row):
            continue  # the other side's header, after a git conflict
        problem = check(row)
        if problem is None:
            try:
                papers.append(make(row))
                continue
            except (TypeError, ValueError, AttributeError, KeyError, IndexError):
                problem = "not a paper"
        damaged.append((number, problem))
    return FileContents(papers, _next_added_of(header), _last_import_of(header), damaged)


def _last_import_of(header: dict) -> tuple[int, int] | None:
    span = header.get("last_import")
    if isinstance(span, list) and len(span) == 2 and all(type(n) is int for n in span):
        return span[0], span[1]
    return None


_warned: set[str] = set()


def warn_once(message: str) -> None:
    """A damaged library file is said once per process, on stderr (the app captures it)."""
    if message not in _warned:
        _warned.add(message)
        print(f"readinglist: {message}", file=sys.stderr)


def _is_jsonl_header(header: object) -> bool:
    if not isinstance(header, dict) or "papers" in header:
        return False
    schema = header.get("schema")
    return isinstance(schema, int) and schema >= 2


def _parse_document(raw: bytes, path: Path) -> object:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise UserError(f"the library file {path} is not valid JSON; {_HINT}") from None


def _paper_maker(names: tuple[str, ...]) -> Callable[[list], Paper]:
    """Row -> Paper; repeated values (sources, format, dates...) are shared, not copied."""
    shared: dict = {}
    share = shared.setdefault
    if names != FIELDS:  # written by another version: match fields by name

        def by_name(row: list) -> Paper:
            return _shared(Paper.from_dict(dict(zip(names, row, strict=True))), share)

        return by_name

    def positional(row: list) -> Paper:
        for i in _SHARED_SCALARS:
            row[i] = share(row[i], row[i])
        for i in _SHARED_LISTS:
            row[i] = [share(v, v) for v in row[i]]
        return Paper(*row[1:], id=row[0])  # the id is keyword-only

    return positional


def _shared(paper: Paper, share: Callable) -> Paper:
    for i in _SHARED_SCALARS:
        value = getattr(paper, FIELDS[i])
        setattr(paper, FIELDS[i], share(value, value))
    for i in _SHARED_LISTS:
        setattr(paper, FIELDS[i], [share(v, v) for v in getattr(paper, FIELDS[i])])
    return paper


def _check_schema(schema: object, path: Path) -> None:
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise UserError(
            f"the library file {path} was written by a newer readinglist (schema {schema}); "
            "upgrade readinglist to open it"
        )


def _next_added_of(document: dict) -> int:
    next_added = document.get("next_added")
    return next_added if isinstance(next_added, int) else 0


def _decode(document: object, path: Path) -> tuple[list[Paper], int]:
    """A schema-1 file: one document holding every paper."""
    if not isinstance(document, dict) or not isinstance(document.get("papers"), list):
        raise UserError(f"the library file {path} is not a readinglist library; {_HINT}")
    _check_schema(document.get("schema"), path)
    items, share = document["papers"], {}.setdefault
    try:
        papers = [_shared(Paper(**item), share) for item in items]
    except TypeError:
        try:  # an older file: tolerate missing and unknown keys
            papers = [_shared(Paper.from_dict(item), share) for item in items]
        except (TypeError, AttributeError):
            raise UserError(f"the library file {path} holds malformed papers; {_HINT}") from None
    return papers, _next_added_of(document)


# -- checking rows ----------------------------------------------------------------------------

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
