"""Untrusted text as literal CommonMark: escaped where it would change meaning, and no further.

Readers of an exported list see `Adam: A Method` in the raw file, not `Adam\\: A Method`. What
is escaped, and why:
- always `\\`, `` ` ``, `*`, `[`, `]`, `|`, `~`, `$`: code spans, emphasis, links, GFM tables,
  strikethrough, GitHub's `$math$`; `<` where it could open HTML or an autolink (`<b`, `</`,
  `<!`, `<?`), not in `a < b`;
- `_` only where it can open or close emphasis (not inside `snake_case`);
- `&` only where it would start an entity (`&amp;`, `&#64;`), so `Q&A` stays `Q&A`;
- at the start of a line, what would start a block: `#`, `>`, `-`, `+`, `=`, `1.`/`1)`;
- text that a renderer would turn into a link by itself. GFM autolinks `www.`, `http://` and
  e-mail addresses, and markdown-it's linkify also bare domains (`evil.com`). Escaping the `:`
  of a scheme and the `.` of a domain stops all of them but GFM's e-mail autolink, which runs
  after escapes are resolved and sees `foo@evil.example` again; there a WORD JOINER (U+2060,
  invisible, no line break) before the `@` leaves no valid address to link.
"""

from __future__ import annotations

import re

from readinglist.papers.present import one_line

WORD_JOINER = "\u2060"
_ALWAYS = re.compile(r"([\\`*\[\]|~$]|<(?=[A-Za-z/!?]))")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_BLOCK_START = re.compile(r"^(?:([#>+=-])|(\d{1,9})([.)]))")
# The schemes renderers link by themselves (GFM: http, https, ftp, mailto, xmpp; linkify
# also `//host`); `arXiv:2401.00001` or `Note:x` are left alone.
_SCHEME = re.compile(r"\b((?i:https?|ftp|mailto|xmpp)):(?=//|[A-Za-z0-9])")
_PROTOCOL_RELATIVE = re.compile(r"(?<![:/\\\w])//(?=[\w\[])")
# A dot that makes a host name: after `www`, before a top-level domain (two letters or a common
# generic one) or between labels of a longer name: `www.x`, `evil.com`, `a.b.org`. Version
# numbers, `e.g.`, `Fig.` and `U.S.` are left alone.
_GENERIC_TLDS = "com|org|net|edu|gov|mil|int|info|biz|pro|name|aero|asia|coop|museum|shop|app|dev"
# Letters and digits may be any script's: linkify links `é.com` and `пример.рф` too.
_DOMAIN_DOT = re.compile(
    rf"(?<=\bwww)\.|(?<=\S)\.(?=(?:[^\W\d_]{{2}}|{_GENERIC_TLDS})\b"
    r"|[^\W_][\w-]*\.[^\W\d_]{2})",
    re.IGNORECASE,
)
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@")


def escape_text(text: str) -> str:
    """`text` as one line of literal inline Markdown, placed at the start of a line."""
    return escape_inline(text, line_start=True)


def escape_inline(text: str, *, line_start: bool = False) -> str:
    text = one_line(text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _defuse_links(text)
    if line_start:
        text = _BLOCK_START.sub(_escape_block_start, text)
    return text


def _defuse_links(text: str) -> str:
    text = _SCHEME.sub(lambda m: m.group(1) + "\\:", text)
    text = _PROTOCOL_RELATIVE.sub(r"\\//", text)
    text = _DOMAIN_DOT.sub(r"\\.", text)
    return _EMAIL_AT.sub(WORD_JOINER + "@", text)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)
