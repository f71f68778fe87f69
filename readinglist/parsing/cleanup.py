"""Undo what copying a page out of a browser does to its text, before any parser looks at it.

Bytes become text (UTF-8, a BOM tolerated; UTF-16 with or without a BOM), line ends become
`\n`, the many kinds of space a browser emits (non-breaking, thin, tabs) become plain spaces,
and every line is stripped.
"""

from __future__ import annotations

import re

from readinglist.errors import UserError

# Characters a browser copy leaves in that carry no text: removed outright.
_INVISIBLE = ("\ufeff", "\u200b", "\u2060", "\u00ad")
# Space characters that are spaces for our purposes.
_SPACES = (
    "\t",
    "\v",
    "\f",
    "\u00a0",
    "\u202f",
    "\u205f",
    "\u3000",
    *map(chr, range(0x2000, 0x200B)),
)
_BREAKS = ("\r\n", "\r", "\u2028", "\u2029")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SAMPLE = 65536


def display_name(source: str) -> str:
    """How error messages name a source: `-` is standard input."""
    return "standard input" if source == "-" else source


def decode_bytes(data: bytes, source: str) -> str:
    """Text of a listing file; UserError naming it when it is binary or not UTF-8."""
    name = display_name(source)
    encoding = _utf16_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: judged as bytes below
        else:
            if not _mostly_control(text.encode("utf-8", "replace")):
                return text.removeprefix("\ufeff")
    if b"\x00" in data or _mostly_control(data):
        raise UserError(
            f"{name} is a binary file, not a copied listing page: "
            "select the page's text in the browser, copy it and save it as a text file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(
            f"{name} is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}): "
            "save it again as UTF-8"
        ) from None


def _utf16_encoding(data: bytes) -> str | None:
    """UTF-16 by its byte-order mark, or without one (Windows tools save such pages) by its
    zero bytes: the ASCII in a page (spaces, digits, line ends, Latin letters) as UTF-16 has
    a zero in every other byte, always on the same side; a binary file has its zeros anywhere."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zeros >= pairs * 0.3 and even_zeros <= pairs * 0.01:
        return "utf-16-le"
    if even_zeros >= pairs * 0.3 and odd_zeros <= pairs * 0.01:
        return "utf-16-be"
    return None


def _mostly_control(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    return len(_CONTROL_BYTES.findall(sample)) * 20 > len(sample)


def clean_lines(text: str) -> list[str]:
    """The text's lines: line ends unified, odd spaces made plain, each line stripped."""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    for brk in _BREAKS:
        if brk in text:
            text = text.replace(brk, "\n")
    for char in _SPACES:
        if char in text:
            text = text.replace(char, " ")
    lines = text.split("\n")
    if "  " in text:
        return [" ".join(line.split()) if "  " in line else line.strip() for line in lines]
    return [line.strip() for line in lines]


def collapse(text: str) -> str:
    """Runs of whitespace as one space, ends stripped."""
    return " ".join(text.split())
