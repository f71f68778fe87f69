"""Reading arXiv's Atom responses into entries, whatever their vintage.

Both the current shape (namespaces declared once on <feed>) and the older one (namespaces
declared on each element, titles wrapped across lines, indented summaries, empty <entry>
elements for unknown ids, links without `rel`) come out the same. The body is untrusted:
defusedxml refuses entity-expansion and external-entity tricks, and anything that is not a
well-formed feed raises FeedError instead of crashing the caller.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from readinglist.papers.arxiv_ids import ARXIV_HOSTS, ArxivId, parse_arxiv_id

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SPACE = re.compile(r"\s+")


class FeedError(Exception):
    """The body is not a usable arXiv feed (malformed, not XML, or arXiv's error feed)."""


class ApiErrorFeed(FeedError):
    """arXiv answered with its error feed: `<title>Error</title>`, the reason in `summary`."""


@dataclass(slots=True)
class FeedEntry:
    """One paper as arXiv described it."""

    arxiv_id: str
    title: str
    abs_url: str
    pdf_url: str
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    primary_category: str | None = None
    doi: str | None = None
    version: int | None = None  # 2 for "2202.12139v2"; arXiv's ids always carry one
    summary: str = ""  # the abstract


def abs_url_for(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def pdf_url_for(arxiv_id: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv_id}"


def parse_feed(body: bytes | str) -> list[FeedEntry]:
    """The entries of one response, in arXiv's order; empty entries are left out.

    Raises ApiErrorFeed for arXiv's error feed and FeedError for anything unreadable.
    """
    root = _parse_xml(body)
    if _local(root.tag) != "feed":
        raise FeedError(f"not an Atom feed (root element <{_local(root.tag)}>)")
    entries = []
    for element in _children(root, "entry"):
        _raise_if_error(element)
        entry = _entry(element)
        if entry is not None:
            entries.append(entry)
    return entries


def _parse_xml(body: bytes | str) -> ET.Element:
    if not body.strip():
        raise FeedError("empty response body")
    try:
        return fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FeedError(f"refused unsafe XML ({type(error).__name__})") from error
    except ET.ParseError as error:
        raise FeedError(f"malformed XML ({error})") from error
    except ValueError as error:  # e.g. an encoding declaration on a str body
        raise FeedError(f"unreadable XML ({error})") from error


def _raise_if_error(element: ET.Element) -> None:
    entry_id = _text(element, "id") or ""
    titled_error = _text(element, "title") == "Error" and not _arxiv_id(entry_id)
    if "/api/errors" in entry_id or titled_error:
        reason = _text(element, "summary") or "unknown error"
        raise ApiErrorFeed(f"arXiv error: {reason}")


def _entry(element: ET.Element) -> FeedEntry | None:
    parsed = _arxiv_id(_text(element, "id") or "")
    title = _text(element, "title")
    if not parsed or not title:  # older responses: an empty <entry> for an unknown id
        return None
    arxiv_id = parsed.id
    abs_url, pdf_url = _links(element)
    return FeedEntry(
        arxiv_id=arxiv_id,
        title=title,
        abs_url=abs_url or abs_url_for(arxiv_id),
        pdf_url=pdf_url or pdf_url_for(arxiv_id),
        authors=[name for a in _children(element, "author") if (name := _text(a, "name"))],
        published=_date(_text(element, "published")),
        primary_category=_primary_category(element),
        doi=_text(element, "doi"),
        version=parsed.version,
        summary=_text(element, "summary") or "",
    )


def _arxiv_id(entry_id: str) -> ArxivId | None:
    """The id of `http://arxiv.org/abs/2202.12139v1`: only a well-formed id on arXiv's hosts,
    so an entry claiming `http://arxiv.org/abs/../1234567` or another host is no paper."""
    try:
        parts = urlsplit(entry_id.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.hostname not in ARXIV_HOSTS:
        return None
    path = parts.path.rstrip("/")
    if not path.startswith("/abs/"):
        return None
    return parse_arxiv_id(path.removeprefix("/abs/"))


def _links(element: ET.Element) -> tuple[str | None, str | None]:
    """The abs and PDF links, only when labelled (`rel`/`title`/`type`), http(s) and on
    arXiv's hosts: a link elsewhere is replaced by the one built from the id."""
    abs_url = pdf_url = None
    for link in _children(element, "link"):
        href = (link.get("href") or "").strip()
        if not href.startswith(("https://", "http://")):
            continue
        if not on_arxiv(href):
            continue
        if link.get("title") == "pdf" or link.get("type") == "application/pdf":
            pdf_url = pdf_url or href
        elif link.get("rel") == "alternate":
            abs_url = abs_url or href
    return abs_url, pdf_url


def on_arxiv(url: str) -> bool:
    try:
        return urlsplit(url).hostname in ARXIV_HOSTS
    except ValueError:
        return False


def _primary_category(element: ET.Element) -> str | None:
    for child in _children(element, "primary_category"):
        if term := (child.get("term") or "").strip():
            return term
    for child in _children(element, "category"):  # no primary given: the first one listed
        if term := (child.get("term") or "").strip():
            return term
    return None


def _date(text: str | None) -> str | None:
    return text[:10] if text and _DATE.match(text) else None


def _local(tag: str) -> str:
    """The tag without its namespace: older responses declare namespaces per element."""
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if isinstance(child.tag, str) and _local(child.tag) == name]


def _text(element: ET.Element, name: str) -> str | None:
    """The first child's text with whitespace collapsed (titles wrap across lines)."""
    for child in _children(element, name):
        text = _SPACE.sub(" ", "".join(child.itertext())).strip()
        return text or None
    return None
