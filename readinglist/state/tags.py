"""The one tag rule, used by the CLI, the app's tag editor, imports and the state store.

A tag is lower case, with each run of spaces turned into one `-`; a comma separates tags.
So `To Read` and `to-read` are one tag, and `ML, vision` is two. Stored tags written by
older releases are read through the same rule, so `ML` and `ml` become one tag.
"""

from __future__ import annotations

from collections.abc import Iterable


def normalize_tag(text: str) -> str:
    """One tag by the rule: `  Flow  Matching ` -> `flow-matching` (may be empty)."""
    return "-".join(str(text).lower().split()).strip("-")


def parse_tags(text: str) -> list[str]:
    """Tags typed as text (the app's editor, one CLI argument): comma-separated."""
    return normalize_tags(text.split(","))


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Each given item may hold several comma-separated tags; each tag once, first order kept."""
    seen: dict[str, None] = {}
    for item in tags:
        for part in str(item).split(","):
            tag = normalize_tag(part)
            if tag:
                seen.setdefault(tag, None)
    return list(seen)
