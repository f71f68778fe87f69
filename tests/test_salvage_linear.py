"""Recovering records from damaged files: linear in the file's size whatever it holds, never
recursing, and still finding every complete record around the damage."""

from __future__ import annotations

import time

import orjson
import pytest

from readinglist.state.salvage import salvage


def is_record(value: dict) -> bool:
    return "read" in value


def test_two_megabytes_of_garbage_take_well_under_a_few_seconds() -> None:
    raw = b'"a":{x' * (2_000_000 // 6)
    started = time.perf_counter()
    assert salvage(raw, is_record) == {}
    assert time.perf_counter() - started < 3.0  # was 202 s (quadratic)


@pytest.mark.parametrize(
    "unit", [b'{"a":', b"{", b"[", b'"', b"[}", b'{"a":[', b'"a":{"b":{', b'{"a":{"read":1}']
)
def test_any_garbage_is_read_in_one_pass(unit: bytes) -> None:
    raw = unit * (300_000 // len(unit))
    started = time.perf_counter()
    salvage(raw, is_record)
    assert time.perf_counter() - started < 1.0


def test_time_grows_linearly() -> None:
    def seconds(size: int) -> float:
        raw = b'"a":{x' * (size // 6)
        started = time.perf_counter()
        salvage(raw, is_record)
        return time.perf_counter() - started

    small, large = min(seconds(200_000) for _ in range(3)), min(seconds(800_000) for _ in range(3))
    assert large < small * 4 * 2.5  # 4x the input: about 4x the time, never 16x


def test_deep_nesting_does_not_recurse() -> None:
    raw = b'{"a":' * 100_000 + b'{"read": true}' + b"}" * 100_000
    assert salvage(raw, is_record) == {"a": {"read": True}}


def records_file(count: int) -> bytes:
    table = {
        f"p{i}": {"read": True, "changed": {"read": "2025"}, "tags": ["x"]} for i in range(count)
    }
    return orjson.dumps({"kind": "state", "schema": 3, "tables": {"state": table}})


def test_every_complete_record_of_a_truncated_file() -> None:
    raw = records_file(1000)
    found = salvage(raw[:-60], is_record)
    assert len(found) == 999
    assert found["p0"] == {"read": True, "changed": {"read": "2025"}, "tags": ["x"]}


def test_records_around_garbage_in_the_middle() -> None:
    raw = records_file(10)
    middle = raw.index(b'"p5"')
    damaged = raw[:middle] + b'{"a":{x[[[}' * 50 + b"," + raw[middle:]
    assert set(salvage(damaged, is_record)) == {f"p{i}" for i in range(10)}


def test_text_inside_a_taken_record_never_yields_another() -> None:
    note = '"q": {"read": true}, {"}'
    raw = orjson.dumps({"t": {"p": {"read": False, "notes": note, "inner": {"read": True}}}})
    assert salvage(raw[:-2], is_record) == {
        "p": {"read": False, "notes": note, "inner": {"read": True}}
    }


def test_a_record_with_an_id_is_keyed_by_it() -> None:
    raw = b'{"_default": {"1": {"id": "paper", "read": true}, "2": {"read": tru'
    assert salvage(raw, is_record) == {"paper": {"id": "paper", "read": True}}


def test_an_accept_that_raises_rejects_the_record() -> None:
    def picky(value: dict) -> bool:
        return value["read"] is True  # KeyError on objects without "read"

    raw = b'{"t": {"a": {"x": 1}, "b": {"read": true}'
    assert salvage(raw, picky) == {"b": {"read": True}}
