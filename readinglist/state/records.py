"""One paper's state as mergeable fields: every value carries the time it was set.

A record (a "doc") is a plain dict, the same in memory and in the TinyDB file:

    {"read": true, "notes": "...", "tags": ["ml"],
     "t": {"read": STAMP, "notes": STAMP, "#ml": STAMP, "#old": STAMP}}

Values at their default are left out; `t` keeps the time of every field ever set and of every
tag ever added or removed (`#tag`; a tag in `t` but not in `tags` was removed then). In the
TinyDB file `t` is packed into one string, "read STAMP #ml STAMP" (tags hold no spaces), and
unpacked only when a record is merged or changed: 100,000 records open without building
hundreds of thousands of small objects.

Merging two records takes, per field and per tag, the later change; equal times are settled
by the values themselves, so every machine settles them the same way. The merge is order-free
and idempotent: reading files twice, or in any order, gives one result.

STAMPs are microseconds since 1970 in base 36, 11 characters ("0hd3h8xnr4g"): they sort as
strings and keep the files small. Older files' ISO times are converted when read; `PaperState`
shows ISO times. "0" marks a value of an older file that had no times; "" (absent) sorts first.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from itertools import chain
from typing import Any

import orjson

from readinglist.papers.models import PaperState
from readinglist.state.tags import normalize_tag, normalize_tags

Doc = dict[str, Any]
SCALARS = ("read", "starred", "notes")
STATE_FIELDS = ("read", "starred", "notes", "tags")
DEFAULTS: dict[str, Any] = {"read": False, "starred": False, "notes": ""}
TYPES: dict[str, type] = {"read": bool, "starred": bool, "notes": str}
ADD, REMOVE = "+", "-"  # tag operations in a change
UNDATED = "0"

_clock_lock = threading.Lock()
_last: datetime | None = None
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
WIDTH = 11  # base-36 microseconds since 1970, fixed width: sorts as a string until year 6000


def encode_stamp(moment: datetime) -> str:
    number = (moment - EPOCH) // timedelta(microseconds=1)
    digits = []
    for _ in range(WIDTH):
        number, digit = divmod(number, 36)
        digits.append(_DIGITS[digit])
    return "".join(reversed(digits))


def now_stamp(after: str = "") -> str:
    """The time of a change: now, but always later than `after` and than the last stamp given.

    `after` is the latest time already on the fields being changed: a machine whose clock is
    behind still makes a change that wins over what it has seen.
    """
    global _last
    with _clock_lock:
        now = datetime.now(UTC)
        floor = max(_last, parse_stamp(after)) if _last else parse_stamp(after)
        if now <= floor:
            now = floor + timedelta(microseconds=1)
        _last = now
        return encode_stamp(now)


def _is_compact(stamp: str) -> bool:
    return (
        len(stamp) == WIDTH
        and stamp.isascii()
        and stamp.isalnum()
        and (stamp.islower() or stamp.isdigit())
    )


def parse_stamp(stamp: str) -> datetime:
    """A stamp (ours, or an ISO time of an older file) as a time; the oldest when unreadable."""
    if stamp and stamp != UNDATED:
        if len(stamp) == WIDTH and _is_compact(stamp):
            return EPOCH + timedelta(microseconds=int(stamp, 36))
        try:
            parsed = datetime.fromisoformat(stamp)
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.min.replace(tzinfo=UTC)


def iso_stamp(stamp: str) -> str:
    """A stamp as people (and exports) read it: ISO UTC with microseconds."""
    return parse_stamp(stamp).isoformat(timespec="microseconds")


def clean_stamp(stamp: Any) -> str:
    """A stamp in the one sortable form; anything missing or unreadable is UNDATED."""
    if not isinstance(stamp, str) or not stamp:
        return UNDATED
    if len(stamp) == WIDTH and _is_compact(stamp):
        return stamp
    parsed = parse_stamp(stamp)
    return UNDATED if parsed.year == 1 else encode_stamp(parsed)


def _rank(value: Any) -> bytes:
    return orjson.dumps(value)


def _wins(stamp: str, value: Any, old_stamp: str, old_value: Any) -> bool:
    if stamp != old_stamp:
        return stamp > old_stamp
    return value != old_value and _rank(value) > _rank(old_value)


def times(doc: Doc) -> dict[str, str]:
    """The record's change times (unpacked on first use)."""
    packed = doc.get("t")
    if isinstance(packed, dict):
        return packed
    words = packed.split() if isinstance(packed, str) else []
    unpacked = doc["t"] = dict(zip(words[::2], words[1::2], strict=False))
    return unpacked


def pack_times(doc: Mapping[str, Any]) -> str:
    packed = doc.get("t", "")
    return packed if isinstance(packed, str) else " ".join(chain.from_iterable(packed.items()))


# -- applying changes -------------------------------------------------------------------------


def apply_op(doc: Doc, field: str, value: Any, stamp: str) -> bool:
    """Apply one change to a record if it is the later one; True when the record changed."""
    stamps = times(doc)
    if field in SCALARS:
        current = doc.get(field, DEFAULTS[field])
        if not _wins(stamp, value, stamps.get(field, ""), current):
            return False
        stamps[field] = stamp
        if value == DEFAULTS[field]:
            doc.pop(field, None)
        else:
            doc[field] = value
        return current != value
    present = field == ADD
    key = "#" + value
    tags = doc.get("tags")
    was = tags is not None and value in tags
    if not _wins(stamp, present, stamps.get(key, ""), was):
        return False
    stamps[key] = stamp
    if present and not was:
        if tags is None:
            tags = doc["tags"] = []
        tags.append(value)
        tags.sort(key=lambda t: stamps.get("#" + t, ""))  # by time added; one action: as given
    elif was and not present:
        tags.remove(value)
    return present != was


def merge_doc(doc: Doc, other: Doc) -> bool:
    """Fold `other` (a clean record) into `doc`; True when `doc` changed."""
    changed = False
    tags = other.get("tags", ())
    for key, stamp in times(other).items():
        if key.startswith("#"):
            tag = key[1:]
            changed |= apply_op(doc, ADD if tag in tags else REMOVE, tag, stamp)
        elif key in DEFAULTS:
            changed |= apply_op(doc, key, other.get(key, DEFAULTS[key]), stamp)
    return changed


def field_value(doc: Mapping[str, Any], field: str) -> Any:
    return doc.get(field, DEFAULTS[field])


def stamp_of(doc: Doc, field: str, tag: str = "") -> str:
    return times(doc).get("#" + tag if tag else field, "")


# -- reading records of any age -------------------------------------------------------------


def clean_doc(record: Any) -> Doc | None:
    """A record from any file (this schema or older, tags by the old rule), or None if unusable.

    Older records have `changed` (field -> time, one time for the whole tag list) and maybe
    `tagtimes` (tag -> time); this schema has `t`.
    """
    if not isinstance(record, dict):
        return None
    doc: Doc = {"t": {}}
    raw_times = record.get("changed")
    raw_times = dict(raw_times) if isinstance(raw_times, dict) else {}
    tag_times = record.get("tagtimes")
    tag_times = dict(tag_times) if isinstance(tag_times, dict) else {}
    packed = record.get("t")
    if packed is not None:
        for key, stamp in times({"t": packed}).items():
            (tag_times if key.startswith("#") else raw_times)[key.lstrip("#")] = stamp
    for field in SCALARS:
        value = record.get(field, DEFAULTS[field])
        if not isinstance(value, TYPES[field]):
            return None
        if field in raw_times or value != DEFAULTS[field]:
            apply_op(doc, field, value, clean_stamp(raw_times.get(field)))
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        return None
    present = set(normalize_tags(tags))
    for tag, stamp in tag_times.items():
        name = normalize_tag(tag)
        if name:
            apply_op(doc, ADD if name in present else REMOVE, name, clean_stamp(stamp))
    for tag in normalize_tags(tags):  # an older record: every tag at the list's time
        if "#" + tag not in doc["t"]:
            apply_op(doc, ADD, tag, clean_stamp(raw_times.get("tags")))
    return doc


def to_state(doc: Doc | None) -> PaperState:
    """The paper's state with its change times (undated values have none)."""
    if not doc:
        return PaperState()
    stamps = times(doc)
    changed = {k: iso_stamp(v) for k, v in stamps.items() if k in DEFAULTS and v != UNDATED}
    tag_stamps = [v for k, v in stamps.items() if k.startswith("#") and v != UNDATED]
    if tag_stamps:
        changed["tags"] = iso_stamp(max(tag_stamps))
    return PaperState(
        read=doc.get("read", False),
        starred=doc.get("starred", False),
        notes=doc.get("notes", ""),
        tags=list(doc.get("tags", ())),
        changed=changed,
    )


def ops_to_reach(doc: Mapping[str, Any] | None, state: PaperState) -> list[tuple[str, Any]]:
    """The changes (field, value) that turn `doc` into `state` (tags compared as a set)."""
    doc = doc or {}
    ops: list[tuple[str, Any]] = []
    for field in SCALARS:
        value = getattr(state, field)
        if field_value(doc, field) != value:
            ops.append((field, value))
    have, want = doc.get("tags", []), normalize_tags(state.tags)
    ops += [(REMOVE, t) for t in have if t not in want]
    ops += [(ADD, t) for t in want if t not in have]
    return ops


def doc_of_state(state: PaperState) -> Doc:
    """A record holding `state` at its own change times (state import)."""
    record: dict[str, Any] = {f: getattr(state, f) for f in SCALARS}
    record["tags"] = list(state.tags)
    record["changed"] = dict(state.changed)
    return clean_doc(record) or {}


def is_empty(doc: Mapping[str, Any]) -> bool:
    return not (doc.get("read") or doc.get("starred") or doc.get("notes") or doc.get("tags"))
