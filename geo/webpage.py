"""Saved web pages (``.html``) -> the article's visible text and its metadata.

A user saving a news page from a browser gets the story wrapped in site furniture: menus,
cookie banners, "related stories" lists, footers, scripts. :func:`read_webpage` keeps the
text a reader sees in the page's main part and reads the title, publication date, site
name and address from the page's own metadata (Open Graph, ``article:published_time``,
``<time datetime>``, the canonical link). It uses only the standard library's HTML
parser, which tolerates the broken markup real pages have.

Offsets of a page's mentions index the extracted text (``Article.text``), not the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["GENERATOR", "HTML_SUFFIXES", "Webpage", "looks_like_html", "read_webpage"]

GENERATOR = "geo map"
"""The ``<meta name="generator">`` of the maps geo writes: such a page is never an article."""

HTML_SUFFIXES: tuple[str, ...] = (".html", ".htm")
"""File endings read as web pages."""

#: Elements whose content no reader takes for the story.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "button",
        "select",
        "textarea",
        "form",
        "nav",
        "header",
        "footer",
        "aside",
        "figure",
        "head",
    }
)
#: Elements that end a line of text (a paragraph, a heading, a list item...).
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
        "dl",
        "body",
    }
)
#: Elements with no end tag: they never open a skipped region.
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base"})
#: ``class`` or ``id`` words that mark site furniture inside the main part.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|newsletter|subscribe|related|share|social|comments?|"
    r"advert|ad-slot|promo|sidebar|breadcrumbs?|menu|navbar|footer|header|paywall|"
    r"most-popular|trending|recommended)(?:$|[\s_-])",
    re.IGNORECASE,
)
_DATE_PROPERTIES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Whether a decoded file is a web page rather than plain text.

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html><body>Hi</body></html>")
    True
    >>> looks_like_html("Troops left <Sirte> at dawn.")
    False
    """
    return _HTML_START.match(text[:2000]) is not None


@dataclass(frozen=True)
class Webpage:
    """What :func:`read_webpage` reads from a page: text and metadata (``None`` when absent)."""

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    generator: str | None = None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main_parts: list[str] | None = None
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skips its content, is the main part
        self.skip = 0
        self.in_main = 0
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.in_title = False
        self.in_h1 = False
        self.time: str | None = None
        self.canonical: str | None = None

    # -- elements -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
            return
        if tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"].strip()
        if tag == "title":
            self.in_title = True
        if tag in _BLOCKS:
            self._out("\n")
        if tag in _VOID:
            return
        marker = f"{a.get('class', '')} {a.get('id', '')} {a.get('role', '')}"
        skips = tag in _SKIPPED or bool(_FURNITURE.search(marker)) or "hidden" in a
        if a.get("role", "").lower() in ("navigation", "banner", "contentinfo", "complementary"):
            skips = True
        is_main = tag in ("article", "main") and self.main_parts is None and not self.skip
        self.stack.append((tag, skips, is_main))
        if skips:
            self.skip += 1
        if is_main:
            self.in_main += 1
            self.main_parts = []
        if tag == "h1" and not self.skip:
            self.in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCKS:
            self._out("\n")
        if not any(t == tag for t, _, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            t, skips, is_main = self.stack.pop()
            if skips:
                self.skip -= 1
            if is_main:
                self.in_main -= 1
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self._out(data)

    def _out(self, data: str) -> None:
        if self.skip:
            return
        self.parts.append(data)
        if self.in_main and self.main_parts is not None:
            self.main_parts.append(data)


def _clean(parts: list[str]) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def _one_line(parts: list[str]) -> str | None:
    text = _SPACES.sub(" ", " ".join("".join(parts).split())).strip()
    return text or None


def read_webpage(html: str) -> Webpage:
    """The visible story text of a web page and its title, date, site name and address.

    The text of the page's ``<article>`` (else ``<main>``, else ``<body>``) is kept,
    one paragraph to a line, without menus, headers, footers, asides, forms, scripts and
    blocks whose class or id names site furniture ("cookie", "related", "share"...). The
    headline (``og:title``, else the first ``<h1>``, else ``<title>``) opens the text when
    the main part does not already start with it.

    Parameters
    ----------
    html
        The decoded page.

    Returns
    -------
    Webpage
        ``published`` is the page's own date text (ISO 8601 in practice), not parsed.

    Examples
    --------
    >>> page = read_webpage(
    ...     '<html><head><title>Man shot | Courier</title>'
    ...     '<meta property="article:published_time" content="2023-03-15T08:12:00-05:00">'
    ...     '</head><body><nav>Home | News</nav><article><h1>Man shot</h1>'
    ...     '<p>ROCKFORD, Ill. &mdash; A man was shot.</p>'
    ...     '<div class="related-stories">Crash near Belvidere</div></article></body></html>'
    ... )
    >>> page.text
    'Man shot\\nROCKFORD, Ill. — A man was shot.\\n'
    >>> page.title, page.published
    ('Man shot', '2023-03-15T08:12:00-05:00')
    """
    reader = _Reader()
    reader.feed(html)
    reader.close()
    meta = reader.meta
    body = reader.main_parts if reader.main_parts and "".join(reader.main_parts).strip() else None
    text = _clean(body if body is not None else reader.parts)
    title = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or _one_line(reader.h1_parts)
        or _one_line(reader.title_parts)
    )
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n{text}"
    published = next((meta[k] for k in _DATE_PROPERTIES if meta.get(k)), None) or reader.time
    return Webpage(
        text=text,
        title=title,
        published=published,
        source=meta.get("og:site_name") or meta.get("application-name"),
        url=meta.get("og:url") or reader.canonical,
        generator=meta.get("generator"),
    )
