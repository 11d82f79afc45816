"""Read articles: files, folders and JSON Lines -> :class:`geo.model.Article`.

The first stage of the pipeline. It decodes files (UTF-8 with or without a
BOM, then cp1252, then Latin-1), normalises newlines, reads the optional
``metadata.csv`` of a folder, finds a title and a publication date when the
metadata does not give them, and blanks site boilerplate without moving any
offset: ``article.text`` is as long as the decoded file (newlines
normalised), so every later span maps back onto the file.

JSON Lines articles (the schema of the evaluation corpora) are used exactly
as given, since their gold offsets refer to the unchanged text.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import datetime as dt
import functools
import json
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.errors import ArticleError
from geo.model import Article, Precision
from geo.timewords import MONTHS
from geo.webpage import GENERATOR, HTML_SUFFIXES, Webpage, looks_like_html, read_webpage

logger = logging.getLogger(__name__)

OnSkip = Callable[[str, str], None]
"""Called as ``on_skip(path, reason)`` for every input that is skipped."""

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", *HTML_SUFFIXES)
"""File endings read from folders (an explicitly named file is read whatever its ending)."""

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS: tuple[str, ...] = ("file", "title", "source", "published", "url")

DATELINE_LINES = 15
"""How many non-blank lines at the top of an article are searched for a dateline."""

# Whole lines (stripped, case-insensitive) that are site furniture, never
# reporting. Keep these narrow: a false match hides real text from every
# later stage.
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    # links to other articles: "READ: Can the EU ever ...", "Read more: ..."
    r"(?:read|read more|read also|also read|see also|related)\s*:.{1,150}",
    r"to participate in the discussion\W*",
    r"log in or register(?: to post comments)?\W*",
    r"get the latest news from around the world, live coverage, off-beat stories,"
    r" features and analysis\.?",
    r"sign up (?:for|to) .{1,120}",
    r"subscribe to (?:our|the) .{0,80}newsletter.{0,80}",
    r"share this (?:article|story|page|post)\W*",
    r"follow us on .{1,120}",
    r"advertisement",
    # site taglines
    r"creating new perspectives since 2009",
    r"[-–—|]\s*sputnik international",
)
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS), re.IGNORECASE)

# Lines that carry a credit or copyright, never a title or a dateline.
_CREDIT_RE = re.compile(r"^\s*(?:©|\(c\)|copyright\b|photo\b|image\b|file photo\b)", re.IGNORECASE)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20|21)\d{2})"
_DATE_RES: tuple[re.Pattern[str], ...] = (
    # January 28, 2021 / Jan. 28 2021 / January 28th, 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    # 28 January 2021 / 28th of Jan. 2021 / 28. Jan 2021
    re.compile(rf"\b{_DAY}\.?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    # 2021-01-28, possibly followed by a time
    re.compile(
        r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
        r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d:])"
    ),
)
# 17/09/2022, 14.10.2022: read only where the order is plain (one number is over 12, or both
# are the same); "03/04/2023" is March in the US and April elsewhere, and is no date here.
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d/.])(?P<first>\d{1,2})(?P<sep>[/.])(?P<second>\d{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)\d{2})(?![\d/]|\.\d)"
)
# What may stand next to the date on a dateline line: times (with their zone: "6:45 PM
# MYT"), weekdays, time zones, print pages and words such as "Published", "Updated", "at".
_DATELINE_FILLER_RE = re.compile(
    r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,5})\b)?"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?"
    r"|\bpage\s+[A-Z]?\d{1,3}\b"  # a print page: "Wed, Mar 06, 2024 - Page 2"
    r"|\((?-i:[A-Z])[\w.-]*(?:\s[\w.-]+){0,2}\)\s*\Z"  # an agency last: "(Keystone-SDA)"
    r"|\b(?:published|updated|posted|last|modified|on|at|am|pm|a\.m|p\.m|utc|gmt"
    r"|[ecmp][sd]t|cet|cest|bst|ist|msk)\b",
    re.IGNORECASE,
)
#: How many words (a name, a desk, an outlet) a byline beside a date may hold.
_BYLINE_WORDS = 5
_DATELINE_SEPARATOR_RE = re.compile(r"\s[|/•·–—-]\s")
#: A wire dateline opening a story's first sentence, with its filing date: "CHITWAN, Sept
#: 23 — ", "CHONGQING, July 14 (ChinaWire) -- ", "JERUSALEM, Nov. 21 - ", "Srinagar, Nov 9:
#: ", "LIMA, Tuesday, March 14, 2023 — ", "Taipei, Nov. 18 (CNA) ". An agency's name may
#: come first: "(ANSA) - ANCONA, OCT 3 - ".
WIRE_DATELINE = re.compile(
    r"(?:\([A-Za-z]{2,12}\)\s*(?:—|–|--|-)\s*)?"
    r"[A-Z][^\n,.;:!?]{1,40},(?P<date>[^\n—–;:!?]{1,30}?\d[^\n—–;:!?]{0,12}?)"
    r"(?:(?:\([^)\n]{1,40}\)\s*)?(?:—|–|--|\s-|:(?!\d))\s*"
    # an agency's name alone may end it: "Taipei, Nov. 18 (CNA) A magnitude 6.1 ..."
    r"|\((?:[A-Z][\w.]*\s?){1,3}\)\s+(?=[A-Z]))"
)
_WORD_RE = re.compile(r"[^\W\d_]+")
#: A news dateline's town in capitals before a date line, after a comma or after its state
#: and a dash: "HEARST, Ont. — Posted Jan. 12, 2023", "ENGELBERG, August 23, 2023".
_TOWN_OPENING_RE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}"  # the town
    r"(?:(?:,[^\n—–,]{1,25})?\s*(?:—|–|--)|,)\s*"  # ", Ont. — " or ", "
)
#: A bracket holding a digit, where a county paper puts its date: "(Sept. 12, 2022)".
_BRACKETED_RE = re.compile(r"\(([^()\n]*\d[^()\n]*)\)")
_ISO_DATE_RE = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?"
)
_NOT_TEXT_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0c\r") + b"\x7f"


@dataclass(frozen=True)
class _Metadata:
    """One row of a ``metadata.csv``."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    precision: Precision | None = None


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def iter_articles(
    paths: Sequence[str | os.PathLike[str]],
    on_skip: OnSkip | None = None,
) -> Iterator[Article]:
    """Read articles from files and folders.

    Folders are searched recursively for ``.txt``, ``.md`` and ``.html``
    files, in sorted order; hidden files and folders are ignored. A file named
    explicitly is read as text whatever its ending. A web page (``.html``, or
    a file that starts like one) is read as its visible story text, with its
    own title, date, site name and address (:func:`geo.webpage.read_webpage`);
    offsets then index that text. A ``metadata.csv`` in the
    folder (or a parent folder up to the one given) supplies title, source,
    publication date and URL; otherwise the title is taken from the first
    headline-like line and the date from a dateline near the top.

    Empty, binary and unreadable files are skipped: ``on_skip(path, reason)``
    is called and a warning logged. Every path and metadata file is checked
    before the first article is yielded.

    Parameters
    ----------
    paths
        Article files and folders of articles.
    on_skip
        Called as ``on_skip(path, reason)`` for each skipped file.

    Yields
    ------
    Article
        One per readable file; its id is the file stem and its text has
        newlines normalised and boilerplate lines blanked (same length).

    Raises
    ------
    ArticleError
        A path does not exist, a folder holds no article files, or a
        ``metadata.csv`` is malformed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = pathlib.Path(tmp, "a1.txt").write_text(
    ...         "Troops land in Benghazi\\n\\n28 January 2021\\n\\nTroops landed.\\n"
    ...     )
    ...     articles = list(iter_articles([tmp]))
    >>> [(a.id, a.title, a.published_iso) for a in articles]
    [('a1', 'Troops land in Benghazi', '2021-01-28')]
    """
    files = _list_files(paths)
    metadata_cache: dict[Path, dict[str, _Metadata] | None] = {}
    entries = [(path, _metadata_for(path, root, metadata_cache)) for path, root in files]
    seen_ids: dict[str, Path] = {}
    for path, meta in entries:
        article = _read_file(path, meta, on_skip)
        if article is None:
            continue
        if article.id in seen_ids:
            logger.warning(
                "article id %r of %s is also the id of %s; rename one file to keep ids unique",
                article.id,
                path,
                seen_ids[article.id],
            )
        seen_ids.setdefault(article.id, path)
        yield article


def iter_jsonl(path: str | os.PathLike[str], on_skip: OnSkip | None = None) -> Iterator[Article]:
    """Stream articles from a JSON Lines file.

    Each line is an object with ``id`` and ``text`` and optionally ``title``,
    ``source``, ``url`` and ``published`` (ISO 8601 at its precision); without
    ``published``, a dateline near the top ("Published: Feb. 14, 2020") dates
    the article, as for files. The text is used exactly as given: no
    boilerplate blanking, no newline changes, so gold offsets still match.
    Blank lines are ignored; a line that is not a JSON object, or lacks a
    string ``text`` or an ``id``, or has a bad ``published``, is skipped
    through ``on_skip`` with its line number.

    Parameters
    ----------
    path
        The ``.jsonl`` file.
    on_skip
        Called as ``on_skip(path, reason)`` for each skipped line.

    Yields
    ------
    Article

    Raises
    ------
    ArticleError
        The file does not exist or cannot be opened.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     jsonl = pathlib.Path(tmp, "a.jsonl")
    ...     _ = jsonl.write_text('{"id": "x1", "text": "Rain in Oslo.", "published": "2020-06"}\\n')
    ...     articles = list(iter_jsonl(jsonl))
    >>> articles[0].id, articles[0].text, articles[0].published_iso
    ('x1', 'Rain in Oslo.', '2020-06')
    """
    source = Path(path)
    try:
        handle = source.open("rb")
    except FileNotFoundError:
        raise ArticleError(
            f"{source} does not exist; give a JSON Lines file with one "
            '{"id": ..., "text": ...} object per line'
        ) from None
    except OSError as exc:
        raise ArticleError(
            f"{source} cannot be opened ({exc.strerror or exc}); check that it is a readable file"
        ) from None
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            article = _jsonl_article(raw, lineno, source)
            if isinstance(article, str):
                _skip(str(source), f"line {lineno}: {article}", on_skip)
            else:
                yield article


def parse_iso_date(value: str) -> tuple[dt.date, Precision]:
    """Parse an ISO 8601 date at its precision.

    ``YYYY`` is a year, ``YYYY-MM`` a month and ``YYYY-MM-DD`` a day (a
    trailing time is accepted and dropped). Month and year dates are
    returned as their first day.

    Parameters
    ----------
    value
        The date text.

    Returns
    -------
    tuple of (datetime.date, str)
        The date and its precision, ``"day"``, ``"month"`` or ``"year"``.

    Raises
    ------
    ValueError
        The value is not such a date, or not a real one (``2021-02-30``).

    Examples
    --------
    >>> parse_iso_date("2020-06")
    (datetime.date(2020, 6, 1), 'month')
    >>> parse_iso_date("2021-01-28")
    (datetime.date(2021, 1, 28), 'day')
    """
    match = _ISO_DATE_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not an ISO 8601 date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match["year"], match["month"], match["day"]
    precision: Precision = "day" if day else "month" if month else "year"
    try:
        parsed = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{value!r} is not a real date; check the month and day") from None
    return parsed, precision


def find_dateline(text: str) -> tuple[dt.date, str] | None:
    """Find the publication date in an article's dateline.

    Only the first :data:`DATELINE_LINES` non-blank lines are searched, and
    only lines that hold little besides a full date (day, month and year)
    count: ``"January 28, 2021 at 4:34 pm"``, ``"Updated 28 January 2021"``,
    ``"2021-01-28"``, ``"Jan. 28, 2021"``. Dates inside sentences or
    captions, bare years and copyright lines (``"© AFP 2023"``) are not
    datelines.

    Parameters
    ----------
    text
        The article text.

    Returns
    -------
    tuple of (datetime.date, str) or None
        The date (day precision) and the dateline line, stripped; ``None``
        when there is no dateline.

    Examples
    --------
    >>> find_dateline("Headline\\n\\nJanuary 28, 2021 at 4:34 pm\\n\\nBody.")
    (datetime.date(2021, 1, 28), 'January 28, 2021 at 4:34 pm')
    >>> find_dateline("© AFP 2023 / A caption\\nBody.") is None
    True
    >>> find_dateline("Huaico hits Chosica\\nLIMA, Tuesday, March 14, 2023 — A mudslide ...")
    (datetime.date(2023, 3, 14), 'LIMA, Tuesday, March 14, 2023 —')
    """
    seen = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        found = _dateline_date(stripped)
        if found is None and (town := _TOWN_OPENING_RE.match(stripped)) is not None:
            # "HEARST, Ont. — Posted Jan. 12, 2023 at 11:05 a.m."
            found = _dateline_date(stripped[town.end() :])
        if found is not None:
            return found, stripped
        # a wire dateline opening the story's first paragraph: "LIMA, Tuesday, March 14,
        # 2023 — A mudslide ..."
        wire = WIRE_DATELINE.match(stripped)
        if wire is not None:
            # "KYIV, Ukraine, Jan. 5, 2024": the country or state before the date goes too
            place, comma, rest = wire["date"].partition(",")
            date = rest if comma and not any(c.isdigit() for c in place) else wire["date"]
            # "CAIRO, Ga. (Sept. 12, 2022) —": a county paper puts its date in brackets
            bracketed = _BRACKETED_RE.search(date)
            if bracketed is not None:
                date = bracketed[1]
            if (found := _dateline_date(date.strip(" ,"))) is not None:
                return found, stripped[: wire.end()].strip()
    return None


def find_title(text: str) -> str | None:
    """Guess an article's title: its first line that reads like a headline.

    Boilerplate lines (see :func:`blank_boilerplate`), datelines and credit
    lines are passed over; a headline has 3 to 30 words, starts with a
    capital, a digit or a quote, and does not end with ``.`` or ``:``. A
    leading Markdown ``#`` is dropped. Only the first
    :data:`DATELINE_LINES` non-blank lines are searched.

    Parameters
    ----------
    text
        The article text.

    Returns
    -------
    str or None
        The title, or ``None`` when no line reads like a headline.

    Examples
    --------
    >>> find_title("Creating new perspectives since 2009\\n\\nUS moves air defences to Iraq\\n")
    'US moves air defences to Iraq'
    >>> find_title("it was raining.\\n") is None
    True
    """
    seen = 0
    for line in blank_boilerplate(text).splitlines():
        candidate = line.strip().lstrip("#").strip()
        if not candidate:
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        if _is_headline(candidate):
            return candidate
    return None


def blank_boilerplate(text: str) -> str:
    """Blank out site boilerplate lines without moving any offset.

    Each character of a boilerplate line becomes a space (line breaks stay),
    so the result has the same length and every other character keeps its
    offset. Boilerplate lines are those matching :data:`BOILERPLATE_PATTERNS`
    as a whole and, in an article written mostly in Latin script, lines
    whose letters are all in another script.

    Parameters
    ----------
    text
        The article text.

    Returns
    -------
    str
        The text with boilerplate lines blanked.

    Examples
    --------
    >>> text = "Troops left Sirte.\\nREAD: More on Libya\\nThey went east."
    >>> blank_boilerplate(text)
    'Troops left Sirte.\\n                   \\nThey went east.'
    >>> len(blank_boilerplate(text)) == len(text)
    True
    """
    latin = _mostly_latin(text)
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if _is_boilerplate(line.strip(), latin):
            lines[i] = re.sub(r"[^\r]", " ", line)
            changed = True
    return "\n".join(lines) if changed else text


# --------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------


def _list_files(paths: Sequence[str | os.PathLike[str]]) -> list[tuple[Path, Path]]:
    """List ``(file, metadata root)`` pairs, raising for bad paths."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = _folder_files(path)
            if not found:
                raise ArticleError(
                    f"{path} holds no article files; put .txt or .md articles in it "
                    "or name the files directly"
                )
            pairs = [(file, path) for file in found]
        elif path.exists():
            pairs = [(path, path.parent)]
        else:
            raise ArticleError(
                f"{path} does not exist; give an article file or a folder of .txt/.md files"
            )
        for file, root in pairs:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append((file, root))
    return files


def _folder_files(folder: Path) -> list[Path]:
    """Article files below ``folder``, sorted, hidden entries ignored."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath)
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            file = base / name
            if file.is_file():
                found.append((file.relative_to(folder).parts, file))
    return [file for _, file in sorted(found)]


def _read_file(path: Path, meta: _Metadata | None, on_skip: OnSkip | None) -> Article | None:
    """Read one article file, or report why it was skipped."""
    if path.name == METADATA_FILE:
        _skip(str(path), "a metadata file, not an article", on_skip)
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        _skip(str(path), f"unreadable ({exc.strerror or exc})", on_skip)
        return None
    text, reason = _decode(data)
    if text is None:
        _skip(str(path), reason, on_skip)
        return None
    if not text.strip():
        _skip(str(path), "empty file", on_skip)
        return None
    logger.debug("read %s as %s", path, reason)
    meta = meta or _Metadata()
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        page = read_webpage(text)
        if page.generator == GENERATOR:
            _skip(str(path), "a map geo wrote, not an article", on_skip)
            return None
        if not page.text.strip():
            _skip(str(path), "a web page with no visible text", on_skip)
            return None
        text, meta = page.text, _page_metadata(meta, page)
    return _build_article(path.stem, text, str(path), meta)


def _page_metadata(meta: _Metadata, page: Webpage) -> _Metadata:
    """A web page's own metadata under what ``metadata.csv`` says (which wins)."""
    day, precision = meta.published, meta.precision
    if day is None and page.published:
        try:
            day, precision = parse_iso_date(page.published)
        except ValueError:
            day = _dateline_date(page.published)
            precision = "day" if day else None
    return _Metadata(
        title=meta.title or page.title,
        source=meta.source or page.source,
        url=meta.url or page.url,
        published=day,
        precision=precision,
    )


def _decode(data: bytes) -> tuple[str | None, str]:
    """Decode file bytes; return ``(text, encoding)`` or ``(None, reason)``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None, "binary file (a UTF-16 mark but not UTF-16 text)"
        if "\x00" in text:
            # a UTF-16 mark before zero bytes: no text, whatever the mark says
            return None, "binary file (contains NUL characters)"
    else:
        if b"\x00" in data:
            return None, "binary file (contains NUL bytes)"
        sample = data[:8192]
        if sample and len(sample.translate(None, _NOT_TEXT_BYTES)) < 0.9 * len(sample):
            return None, "binary file (mostly control bytes)"
        text, encoding = "", ""
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _build_article(article_id: str, text: str, path: str, meta: _Metadata) -> Article:
    """Assemble an article from decoded text and its metadata row."""
    blanked = blank_boilerplate(text)
    title = meta.title or find_title(blanked)
    published, precision = meta.published, meta.precision
    if published is None:
        found = find_dateline(text)
        if found is not None:
            published, precision = found[0], "day"
            logger.debug("%s: publication date %s from dateline %r", path, published, found[1])
    return Article(
        id=article_id,
        text=blanked,
        title=title,
        source=meta.source,
        url=meta.url,
        published=published,
        published_precision=precision,
        path=path,
    )


def _skip(path: str, reason: str, on_skip: OnSkip | None) -> None:
    logger.warning("skipped %s: %s", path, reason)
    if on_skip is not None:
        on_skip(path, reason)


# --------------------------------------------------------------------------
# metadata.csv
# --------------------------------------------------------------------------


def _metadata_for(
    path: Path, root: Path, cache: dict[Path, dict[str, _Metadata] | None]
) -> _Metadata | None:
    """The metadata row for ``path`` from the nearest ``metadata.csv`` up to ``root``."""
    folder = path.parent
    while True:
        if folder not in cache:
            csv_path = folder / METADATA_FILE
            cache[folder] = _read_metadata(csv_path) if csv_path.is_file() else None
        rows = cache[folder]
        if rows:
            rel = path.relative_to(folder).as_posix()
            row = rows.get(rel) or rows.get(rel.rsplit(".", 1)[0])
            if row is not None:
                return row
        if folder == root or folder.parent == folder or root not in folder.parents:
            return None
        folder = folder.parent


def _read_metadata(csv_path: Path) -> dict[str, _Metadata]:
    """Parse a ``metadata.csv`` into rows keyed by relative file name."""
    columns = ", ".join(METADATA_COLUMNS)
    rows: dict[str, _Metadata] = {}
    try:
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip().lower() for name in next(reader, [])]
            unknown = [name for name in header if name not in METADATA_COLUMNS]
            if unknown or "file" not in header:
                problem = f"unknown column {unknown[0]!r}" if unknown else "no 'file' column"
                raise ArticleError(
                    f"{csv_path} line 1: {problem}; the header must use the columns {columns}"
                )
            for cells in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(header):
                    raise ArticleError(
                        f"{csv_path} line {line}: {len(cells)} fields but the header has "
                        f"{len(header)}; quote values that contain commas"
                    )
                record = {
                    name: (cell.strip() or None) for name, cell in zip(header, cells, strict=False)
                }
                key, meta = _metadata_row(record, csv_path, line)
                if key in rows:
                    raise ArticleError(
                        f"{csv_path} line {line}: {key!r} is listed twice; keep one row per file"
                    )
                rows[key] = meta
    except UnicodeDecodeError:
        raise ArticleError(f"{csv_path} is not UTF-8; save it as UTF-8") from None
    except csv.Error as exc:
        raise ArticleError(f"{csv_path} is not valid CSV ({exc}); fix its quoting") from None
    except OSError as exc:
        if isinstance(exc, ArticleError):
            raise
        raise ArticleError(
            f"{csv_path} cannot be read ({exc.strerror or exc}); check its permissions"
        ) from None
    return rows


def _metadata_row(
    record: dict[str, str | None], csv_path: Path, line: int
) -> tuple[str, _Metadata]:
    """Validate one metadata row."""
    key = record.get("file")
    if not key:
        raise ArticleError(
            f"{csv_path} line {line}: the 'file' value is empty; give the article's file name"
        )
    key = Path(key).as_posix().removeprefix("./")
    published, precision = None, None
    if record.get("published"):
        try:
            published, precision = parse_iso_date(record["published"])
        except ValueError as exc:
            raise ArticleError(f"{csv_path} line {line}: published {exc}") from None
    meta = _Metadata(
        title=record.get("title"),
        source=record.get("source"),
        url=record.get("url"),
        published=published,
        precision=precision,
    )
    return key, meta


# --------------------------------------------------------------------------
# JSON Lines
# --------------------------------------------------------------------------


def _jsonl_article(raw: bytes, lineno: int, source: Path) -> Article | str:
    """One JSON Lines record as an article, or the reason it is skipped."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return "not UTF-8"
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg})"
    except (ValueError, RecursionError) as exc:  # 5000-digit numbers, deeply nested arrays
        return f"not usable JSON ({type(exc).__name__})"
    if not isinstance(record, dict):
        return "not a JSON object"
    article_id, text = record.get("id"), record.get("text")
    if isinstance(article_id, bool) or not isinstance(article_id, (str, int)) or article_id == "":
        return "no 'id' (a string)"
    if not isinstance(text, str) or not text:
        return "no 'text' (a non-empty string)"
    text = _without_surrogates(text)
    published, precision = None, None
    if record.get("published"):
        try:
            published, precision = parse_iso_date(record["published"])
        except ValueError as exc:
            return f"published {exc}"
    else:
        # a line may carry a whole web page: its dateline dates it when the record does not
        found = find_dateline(text)
        if found is not None:
            published, precision = found[0], "day"
    return Article(
        id=_without_surrogates(str(article_id)),
        text=text,
        title=_optional_str(record.get("title")),
        source=_optional_str(record.get("source")),
        url=_optional_str(record.get("url")),
        published=published,
        published_precision=precision,
        path=str(source),
    )


def _optional_str(value: object) -> str | None:
    return _without_surrogates(value) if isinstance(value, str) and value else None


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """Replace lone surrogates (``"\\ud800"`` in JSON) by U+FFFD; offsets do not move."""
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


# --------------------------------------------------------------------------
# Lines: boilerplate, headlines, datelines
# --------------------------------------------------------------------------


def _is_boilerplate(line: str, latin_article: bool) -> bool:
    if not line:
        return False
    if _BOILERPLATE_RE.fullmatch(line):
        return True
    if latin_article:
        letters = [ch for ch in line if ch.isalpha()]
        return bool(letters) and not any(_is_latin(ch) for ch in letters)
    return False


@functools.lru_cache(maxsize=4096)
def _is_latin(ch: str) -> bool:
    return ch.isascii() or "LATIN" in unicodedata.name(ch, "")


def _mostly_latin(text: str) -> bool:
    """Whether at least two thirds of the letters of ``text`` are Latin."""
    letters = latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            latin += _is_latin(ch)
    return letters > 0 and 3 * latin >= 2 * letters


def _is_headline(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= 30 or len(line) > 250:
        return False
    if line.endswith((".", ":", ",", ";")) and not line.endswith("..."):
        return False
    if _CREDIT_RE.match(line) or _dateline_date(line) is not None:
        return False
    first = line[0]
    return first.isupper() or first.isdigit() or first in "\"'‘“«"


def _dates_in(line: str) -> Iterator[tuple[re.Match[str], dt.date]]:
    """The first date of each written form in ``line``, with its match."""
    for pattern in _DATE_RES:
        match = pattern.search(line)
        if match is None:
            continue
        month_text = match["month"]
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
        try:
            yield match, dt.date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            continue
    match = _NUMERIC_DATE_RE.search(line)
    if match is not None:
        first, second = int(match["first"]), int(match["second"])
        # "08.08.2023" reads the same either way
        if first > 12 >= second or second > 12 >= first or 0 < first == second <= 12:
            day, month = (first, second) if first > 12 else (second, first)
            if day <= calendar.monthrange(int(match["year"]), month)[1]:
                yield match, dt.date(int(match["year"]), month, day)


def _dateline_date(line: str) -> dt.date | None:
    """The date of a dateline line, or ``None`` if ``line`` is not one."""
    if len(line) > 120 or _CREDIT_RE.match(line):
        return None
    for match, day in _dates_in(line):
        rest = _DATELINE_FILLER_RE.sub(" ", line[: match.start()] + " " + line[match.end() :])
        words = _WORD_RE.findall(rest)
        if not words:
            return day
        # "By Jane Doe | 28 January 2021" and "Posted Jan. 27, 2023 | Kyle Fenwick, Local
        # Journalism Initiative" are datelines; "On 8 May 2020 Iran struck" is not.
        bylined = words[0].lower() == "by" or _DATELINE_SEPARATOR_RE.search(line)
        if bylined and len(words) <= _BYLINE_WORDS and not line.endswith("."):
            return day
        return None
    return None
