"""One paper's state as mergeable fields: every value carries the time it was set.

A record (a "doc") is a plain dict, the same in memory and in the TinyDB file:

    {"read": true, "notes": "...", "changed": {"read": STAMP, "notes": STAMP},
     "tags": ["ml"], "tagtimes": {"ml": STAMP, "old": STAMP}}

In the TinyDB file the times are packed into one string, `"t": "read STAMP #ml STAMP ..."`
(tags hold no spaces), and unpacked only when a record is merged or changed: 100,000 records
open without building 300,000 small objects.

Values at their default are left out; `changed` keeps the time of every field ever set, and
`tagtimes` the time each tag was last added or removed (a tag in `tagtimes` but not in `tags`
was removed then). Merging two records takes, per field and per tag, the later change; equal
times are settled by the values themselves, so every machine settles them the same way. The
merge is order-free and idempotent: reading files twice, or in any order, gives one result.

STAMPs are ISO UTC times with microseconds ("2026-01-02T03:04:05.000006+00:00"): they sort as
strings. "" stands for "never changed" (older files had no times) and sorts first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
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

_clock_lock = threading.Lock()
_last: datetime | None = None


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
        return now.isoformat(timespec="microseconds")


def parse_stamp(stamp: str) -> datetime:
    if stamp:
        try:
            parsed = datetime.fromisoformat(stamp)
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.min.replace(tzinfo=UTC)


def clean_stamp(stamp: Any) -> str:
    """A stamp in the one sortable form; anything unreadable counts as never changed."""
    if not isinstance(stamp, str) or not stamp:
        return ""
    if len(stamp) == 32 and stamp.endswith("+00:00") and stamp[10] == "T":
        return stamp
    parsed = parse_stamp(stamp)
    return "" if parsed.year == 1 else parsed.isoformat(timespec="microseconds")


def _rank(value: Any) -> bytes:
    return orjson.dumps(value)


def _wins(stamp: str, value: Any, old_stamp: str, old_value: Any) -> bool:
    if stamp != old_stamp:
        return stamp > old_stamp
    return value != old_value and _rank(value) > _rank(old_value)


# -- applying changes -------------------------------------------------------------------------


def pack_times(doc: Mapping[str, Any]) -> str:
    if "t" in doc:
        return doc["t"]
    parts = [f"{name} {stamp}" for name, stamp in doc.get("changed", {}).items() if stamp]
    parts += [f"#{tag} {stamp}" for tag, stamp in doc.get("tagtimes", {}).items() if stamp]
    return " ".join(parts)


def unpack(doc: Doc) -> Doc:
    """Turn a record's packed times (as read from a TinyDB file) into `changed`/`tagtimes`."""
    packed = doc.pop("t", None)
    if packed is None:
        return doc
    changed, times = doc.setdefault("changed", {}), doc.setdefault("tagtimes", {})
    words = packed.split() if isinstance(packed, str) else []
    for name, stamp in zip(words[::2], words[1::2], strict=False):
        if name.startswith("#"):
            times[name[1:]] = stamp
        elif name in DEFAULTS:
            changed[name] = stamp
    for tag in doc.get("tags", ()):
        times.setdefault(tag, "")
    return doc


def apply_op(doc: Doc, field: str, value: Any, stamp: str) -> bool:
    """Apply one change to a record if it is the later one; True when the record changed."""
    if "t" in doc:
        unpack(doc)
    if field in SCALARS:
        changed = doc.setdefault("changed", {})
        current = doc.get(field, DEFAULTS[field])
        if not _wins(stamp, value, changed.get(field, ""), current):
            return False
        changed[field] = stamp
        if value == DEFAULTS[field]:
            doc.pop(field, None)
        else:
            doc[field] = value
        return current != value
    present = field == ADD
    times = doc.setdefault("tagtimes", {})
    tags = doc.setdefault("tags", [])
    was = value in tags
    if not _wins(stamp, present, times.get(value, ""), was):
        return False
    times[value] = stamp
    if present and not was:
        tags.append(value)
        tags.sort(key=times.__getitem__)  # by time added; one action keeps the order given
    elif was and not present:
        tags.remove(value)
    return present != was


def merge_doc(doc: Doc, other: Mapping[str, Any]) -> bool:
    """Fold `other` (a clean record) into `doc`; True when `doc` changed."""
    changed = False
    if "t" in other:
        other = unpack(dict(other))
    their_times = other.get("changed", {})
    for field in SCALARS:
        if field in their_times or field in other:
            value = other.get(field, DEFAULTS[field])
            changed |= apply_op(doc, field, value, their_times.get(field, ""))
    tags = other.get("tags", ())
    for tag, stamp in other.get("tagtimes", {}).items():
        changed |= apply_op(doc, ADD if tag in tags else REMOVE, tag, stamp)
    return changed


def field_value(doc: Mapping[str, Any], field: str) -> Any:
    return doc.get(field, DEFAULTS[field])


def latest_stamp(doc: Doc | None) -> str:
    if not doc:
        return ""
    unpack(doc)
    return max((*doc.get("changed", {}).values(), *doc.get("tagtimes", {}).values()), default="")


# -- reading records of any age -------------------------------------------------------------


def clean_doc(record: Any) -> Doc | None:
    """A record from any file (this schema or older, tags by the old rule), or None if unusable.

    Older records have `tags` with one time for the whole list in `changed["tags"]`.
    """
    if not isinstance(record, dict):
        return None
    raw_times = record.get("changed")
    raw_times = raw_times if isinstance(raw_times, dict) else {}
    doc: Doc = {}
    for field in SCALARS:
        value = record.get(field, DEFAULTS[field])
        if not isinstance(value, TYPES[field]):
            return None
        stamp = clean_stamp(raw_times.get(field))
        if stamp or value != DEFAULTS[field]:
            apply_op(doc, field, value, stamp)
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        return None
    tag_times = record.get("tagtimes")
    if isinstance(tag_times, dict):
        for tag, stamp in tag_times.items():
            tag_name = normalize_tag(tag)
            if tag_name:
                apply_op(doc, ADD if tag in tags else REMOVE, tag_name, clean_stamp(stamp))
    else:  # an older record: every tag at the list's time
        stamp = clean_stamp(raw_times.get("tags"))
        for tag in normalize_tags(tags):
            apply_op(doc, ADD, tag, stamp)
    return doc


def to_state(doc: Doc | None, *, times: bool = True) -> PaperState:
    """The paper's state; `times=False` leaves `changed` empty (fast, for whole-library reads)."""
    if not doc:
        return PaperState()
    if not times:
        return PaperState(
            doc.get("read", False), doc.get("starred", False), doc.get("notes", ""),
            list(doc.get("tags", ())),
        )  # fmt: skip
    unpack(doc)
    changed = dict(doc.get("changed", {}))
    times = doc.get("tagtimes")
    if times:
        changed["tags"] = max(times.values())
    return PaperState(
        read=doc.get("read", False),
        starred=doc.get("starred", False),
        notes=doc.get("notes", ""),
        tags=list(doc.get("tags", ())),
        changed={k: v for k, v in changed.items() if v},
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
    return not any(doc.get(f) for f in (*SCALARS, "tags"))


def iter_tags(docs: Iterable[Mapping[str, Any]]) -> set[str]:
    return {t for d in docs for t in d.get("tags", ())}
