"""One line of a publication list, prepared: its list marker, links and link labels taken off,
and whether it is page chrome (navigation, a heading, a footer, a row of link labels).

Chrome is recognised before anything else, so it can never become a title or an author.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from readinglist.papers.arxiv_ids import find_arxiv_ids
from readinglist.parsing.dates import MONTH
from readinglist.parsing.pub_names import word_set
from readinglist.parsing.pub_venues import looks_like_venue

# A list marker: a bullet, `[12]`, `[C3]`, `(4)`, `12.`, `12)`.
_MARKER = re.compile(
    r"^(?:[-*•·–—▪►◦●○■□+>]\s+|\[[A-Z]{0,2}\d{1,4}\]\s*|\(\d{1,4}\)\s*|[A-Z]?\d{1,4}[.)]\s+)"
)
# A schedule's date before the paper: `Jan 16: `, `16 Jan – `, `2025-01-16: `.
_DATE_PREFIX = re.compile(
    rf"^(?:{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?"
    r"|\d{4}-\d\d-\d\d|\d{1,2}[:.]\d\d(?:\s*(?:[ap]\.?m\.?))?(?:\s*[-–—]\s*\d{1,2}[:.]\d\d"
    r"(?:\s*(?:[ap]\.?m\.?))?)?)\s*[:–—-]?\s+(?=\D)"
)
# A venue in brackets before the title: `[NeurIPS 2024] Title`, `(CVPR'23) Title`.
_LEAD_VENUE = re.compile(r"^[\[(]([^\[\]()]{2,60})[\])]:?\s+(?=\S)")
_LEAD_LABEL = re.compile(r"\[(?:PDF|HTML|BOOK|CITATION|DOC|C)\]\s+(?=\S)")
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((https?://[^)\s]+)\)")
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>()\[\]]+>?")
# What introduced a link that was taken out: `... In ICLR, 2022. URL https://...`
_LINK_LEAD = re.compile(r"\s*\b(?:URL|Available(?: online)?(?: at)?|doi|DOI|Link)\s*:?\s*\.?\s*$")
_EMPHASIS = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*])")
_DANGLING = re.compile(r"(?:\s*[·•|/,;])+\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_LINK_WORDS = word_set(
    """
    pdf code project page slides video poster bibtex bib arxiv paper blog talk website web data
    dataset demo abstract supplementary supplement supp github doi html cite openreview media
    press colab model models weights huggingface youtube url link preprint proceedings acm ieee
    springer official version published publisher full text pre-print site homepage appendix
    summary tweet thread twitter x reviews review award spotlight oral bibtex. pdf. code. abs
    software ppt pptx zip download downloads view open access free save twitter linkedin
    facebook related versions cited
    """
)
_ARXIV_LABEL = re.compile(r"(?:arxiv:)?\d{4}\.\d{4,5}(?:v\d+)?")  # `[arXiv:2405.01234]`
_BRACKETS = re.compile(r"\[([^\[\]]{1,40})\]")
_TRAILING_BRACKETS = re.compile(r"(?:\s*\[[^\[\]]{1,40}\])+\s*$")
_LABEL_SPLIT = re.compile(r"[\s|/·•,;:\[\]()]+")
_YEAR_HEADING = re.compile(
    r"^(?:(?:19|20)\d\d(?:\s*[-–—]\s*(?:(?:19|20)\d\d|present|now))?|(?:before|until|since|pre-?)"
    r"\s*(?:19|20)\d\d|(?:19|20)\d\d\s+(?:and\s+)?(?:earlier|before|older))\s*:?$",
    re.IGNORECASE,
)
_HEADING_WORDS = word_set(
    """
    publications publication papers paper preprints preprint journal journals conference
    conferences workshop workshops oral orals presentations presentation spotlight spotlights
    poster posters accepted selected talks theses thesis books book chapters chapter patents
    manuscripts articles article proceedings reports report technical under review submitted
    in preparation recent recently older peer-reviewed refereed invited others other
    miscellaneous misc highlights highlighted featured full list of and the & at for to all
    earlier track main findings short long demo demos tutorials tutorial keynotes keynote
    abstracts extended dissertations dissertation work works research current past new news
    program programme schedule session sessions day tba announcements non-archival archival
    contributed
    """
)
_NAV_WORDS = word_set(
    """
    home about me blog teaching cv resume résumé contact research people news team members
    publications projects software talks students join us search menu skip to main content
    login log sign in out english bio service awards misc group lab alumni events seminar
    seminars courses code datasets openings positions photos gallery links toggle navigation
    back top next previous prev page more show less all open close the and of our
    follow cited by public access co-authors sort citations year title
    """
)
# Sections that list no papers: a `Talks` or `Teaching` heading ends the papers until the next
# heading of papers.
_OTHER_SECTIONS = word_set(
    """
    talks talk teaching courses service awards honors honours grants funding news education
    students supervision mentoring keynotes keynote media press contact experience employment
    positions references skills activities reviewing organizers organisers committee sponsors
    software datasets patents
    """
)
_PAPER_SECTIONS = word_set(
    """
    publications papers paper preprints journal journals conference conferences workshop
    proceedings articles selected accepted orals oral spotlights spotlight posters poster
    manuscripts chapters theses reports
    """
)
_FOOTER = (
    "©", "(c) 19", "(c) 20", "(c)19", "(c)20", "copyright", "all rights reserved",
    "last updated", "last modified",
    "powered by", "built with", "theme by", "hosted on", "hosted by", "privacy", "cookie",
    "imprint", "impressum", "terms of use", "terms of service", "back to top", "made with",
    "generated by", "site map", "sitemap",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


class Line(NamedTuple):
    number: int  # 1-based line number on the page
    raw: str
    text: str  # without marker, links and link labels
    marker: str  # "bullet", "number" or ""
    url: str | None
    arxiv_id: str | None
    labels: bool  # link labels were taken off its end
    chrome: str | None  # why it is page chrome: "navigation", "heading", "footer", "link labels"
    year: str | None  # the year of a year heading (`2024`, `2024:`)
    topic: str | None  # a heading's section: "papers", "other" (`Talks`) or None
    venue: str | None  # a venue printed in brackets before the title


def section_topic(text: str) -> str | None:
    words = {w.lower() for w in _WORD.findall(text)}
    if words & _PAPER_SECTIONS:
        return "papers"
    return "other" if words & _OTHER_SECTIONS else None


def prepare(number: int, raw: str) -> Line:
    text, url = raw, None
    if "](" in text:
        links = _MD_LINK.findall(text)
        url = links[0][1] if links else None
        text = _MD_LINK.sub(lambda m: "" if _all_link_words(m.group(1)) else m.group(1), text)
        text = _EMPTY_BRACKETS.sub("", text)
    if "://" in text or "www." in text:
        found = _URL.search(text)
        if found is not None:
            url = url or found.group(0).strip("<>").rstrip(".,;:")
            text = _LINK_LEAD.sub("", _URL.sub("", text))
    arxiv = find_arxiv_ids(raw) if ("arxiv" in raw.lower() or "/abs/" in raw) else []
    heading = False
    if text.startswith("#"):
        heading = _MD_HEADING.match(text) is not None
        text = _MD_HEADING.sub("", text)
    marker = ""
    found = _MARKER.match(text)
    if found is not None:
        marker = "number" if any(ch.isdigit() for ch in found.group(0)) else "bullet"
        text = text[found.end() :]
    if text.startswith("["):  # Google Scholar: `[PDF] Title`, `[HTML] Title`
        found = _LEAD_LABEL.match(text)
        text = text[found.end() :] if found is not None else text
    if text[:1].isalnum():
        found = _DATE_PREFIX.match(text)
        text = text[found.end() :] if found is not None else text
    venue = None
    if text[:1] in "[(":
        found = _LEAD_VENUE.match(text)
        if found is not None and looks_like_venue(found.group(1)):
            text, venue = text[found.end() :], found.group(1)
    labels = False
    if text.endswith("]"):
        tail = _TRAILING_BRACKETS.search(text)
        if tail is not None and all(_all_link_words(m) for m in _BRACKETS.findall(tail.group(0))):
            text, labels = text[: tail.start()], True
    text = text.replace("**", "").replace("__", "")
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(r"\1", text)  # Markdown italics: `*NeurIPS 2024*`
    text = " ".join(text.split()).strip(" |")
    if text.startswith(("Title:", "TITLE:")):
        text = text[6:].lstrip()  # a labelled title line
    if labels or url is not None:
        text = _DANGLING.sub("", text)  # `*ICML 2025* · [arXiv](...) · [code](...)` -> `ICML 2025`
    chrome, year = _chrome(text, raw, heading, labels or url is not None)
    topic = section_topic(text) if chrome in ("heading", "navigation") else None
    return Line(number, raw, text, marker, url, str(arxiv[0].id) if arxiv else None, labels,
                chrome, year, topic, venue)  # fmt: skip


def _all_link_words(text: str) -> bool:
    words = [w for w in _LABEL_SPLIT.split(text.lower()) if w]
    return bool(words) and all(w in _LINK_WORDS or _ARXIV_LABEL.fullmatch(w) for w in words)


def _chrome(text: str, raw: str, heading: bool, had_links: bool) -> tuple[str | None, str | None]:
    if not text:
        return ("link labels" if had_links or raw else None), None
    if _YEAR_HEADING.match(text):
        year = re.match(r"\D*((?:19|20)\d\d)", text)
        single = re.fullmatch(r"(?:19|20)\d\d\s*:?", text) is not None
        return "heading", (year.group(1) if single and year else None)
    if len(text) > 160:
        return None, None  # chrome is short
    if len(text) <= 60 and _all_link_words(text) and not text.lower().startswith("arxiv prep"):
        return "link labels", None  # (`arXiv preprint arXiv:ID` is a venue)
    if len(text) <= 120 and _is_footer(text):
        return "footer", None
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return ("heading" if len(text) <= 40 else None), None
    if len(words) <= 6 and all(w in _NAV_WORDS for w in words) and len(text) <= 80:
        return ("heading" if heading or text.endswith(":") else "navigation"), None
    if len(words) <= 8 and _is_heading(text, words, heading):
        return "heading", None
    if text.endswith(")") and "(" in text:  # `Selected papers (see Google Scholar for all)`
        core = text[: text.index("(")].rstrip()
        core_words = [w.lower() for w in _WORD.findall(core)]
        if core_words and _is_heading(core, core_words, heading):
            return "heading", None
    return None, None


_FOOTER_MARK = re.compile("|".join(map(re.escape, _FOOTER)))  # one scan, not one per mark


def _is_footer(text: str) -> bool:
    return _FOOTER_MARK.search(text.lower()) is not None


def _is_heading(text: str, words: list[str], markdown: bool) -> bool:
    """`Recently accepted papers:`, `Oral presentations`, `PUBLICATIONS`, `## Papers at ICML`."""
    if text.endswith(":"):
        return True
    if markdown or (text.isupper() and len(words) <= 4):
        return True
    if _HEADING_WORDS.isdisjoint(words):
        return False
    # every word a heading word, or a venue acronym (`NeurIPS 2024 papers`)
    rest = [w for w in _WORD.findall(text) if w.lower() not in _HEADING_WORDS]
    return all(_is_acronym(w) for w in rest) and len(rest) <= 2


def _is_acronym(word: str) -> bool:
    """`NeurIPS`, `ICML`, or the letter of `Poster session A`."""
    return len(word) == 1 or (sum(1 for ch in word if ch.isupper()) >= 2 and len(word) <= 10)
