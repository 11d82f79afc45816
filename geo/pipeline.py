"""The pipeline end to end: articles -> toponyms -> resolution -> events -> outputs.

This is the Python API a notebook user calls; the CLI is a thin layer over it.

Examples
--------
>>> from geo.pipeline import Geoparser  # doctest: +SKIP
>>> parser = Geoparser()  # doctest: +SKIP
>>> parsed = parser.parse_text("Missiles hit the Ain al-Asad base in Iraq on 8 January.")  # doctest: +SKIP
>>> [m.place.name for m in parsed.mentions]  # doctest: +SKIP
['Al Asad Air Base', 'Iraq']
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geo.articles import iter_articles, iter_jsonl
from geo.gazetteer.index import GazetteerIndex, open_index
from geo.model import Article, Mention, ParsedArticle, Precision
from geo.resolve import resolve_spans
from geo.toponyms import Recognizer

if TYPE_CHECKING:
    from geo.engine import EngineOptions

logger = logging.getLogger(__name__)

DEFAULT_GAZETTEER = Path("gazetteer")


class Geoparser:
    """Recognise, resolve and extract events from articles.

    Parameters
    ----------
    gazetteer_dir
        Folder of the user's ``places.csv`` (default ``gazetteer/``).
    index
        An open :class:`~geo.gazetteer.index.GazetteerIndex`; by default the
        cached index is opened (and built the first time).
    events
        Whether to run the event stage.
    """

    def __init__(
        self,
        gazetteer_dir: str | os.PathLike | None = DEFAULT_GAZETTEER,
        *,
        index: GazetteerIndex | None = None,
        events: bool = True,
    ):
        self.index = index if index is not None else open_index(gazetteer_dir)
        self.recognizer = Recognizer(self.index)
        self.with_events = events

    def mentions(self, article: Article) -> list[Mention]:
        """Toponym mentions of an article, resolved."""
        spans = self.recognizer.find(article.text)
        mentions = resolve_spans(spans, article.text, article.id)
        if any(m.place is None for m in mentions):
            # "Francis Street in Charleston": a street no gazetteer holds lies in its town
            from geo.events.anchors import place_near

            place_near(mentions, article.text)
        return mentions

    def parse_article(self, article: Article) -> ParsedArticle:
        """Mentions and events of one article."""
        mentions = self.mentions(article)
        events = []
        if self.with_events:
            from geo.events import extract_events

            # names no gazetteer knows ("killed in Alsaliheen", "the village of Tse-Usenda")
            # may be where an event happened; those an event uses are kept as unresolved
            # mentions, so the user sees them and can add them to the gazetteer
            surnames = self.recognizer.surnames(article.text)
            events = extract_events(article, mentions, unknown_names=surnames)
            known = {id(m) for m in mentions}
            extra = {
                id(p.mention): p.mention
                for e in events
                for p in e.places
                if id(p.mention) not in known
            }
            mentions = sorted([*mentions, *extra.values()], key=lambda m: m.start)
        return ParsedArticle(article, mentions, events)

    def parse_text(
        self,
        text: str,
        *,
        article_id: str = "text",
        published: _dt.date | None = None,
        precision: Precision | None = None,
        title: str | None = None,
        source: str | None = None,
    ) -> ParsedArticle:
        """Parse a string as one article.

        Examples
        --------
        >>> Geoparser().parse_text("Flights left Tripoli.").mentions[0].place.country  # doctest: +SKIP
        'LY'
        """
        article = Article(
            id=article_id,
            text=text,
            title=title,
            source=source,
            published=published,
            published_precision=precision if published else None,
        )
        return self.parse_article(article)

    def parse_many(self, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
        """Parse articles one at a time (streaming)."""
        for article in articles:
            yield self.parse_article(article)


@dataclass
class RunSummary:
    """What a run read and found, for the CLI's summary."""

    articles: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    toponyms: int = 0
    resolved: int = 0
    unresolved: Counter[str] = field(default_factory=Counter)
    events: int = 0

    def add(self, parsed: ParsedArticle) -> None:
        """Count one parsed article."""
        self.articles += 1
        self.toponyms += len(parsed.mentions)
        for m in parsed.mentions:
            if m.place is None:
                self.unresolved[m.surface] += 1
            else:
                self.resolved += 1
        self.events += len(parsed.events)

    def merge(self, other: RunSummary) -> None:
        """Add the counts and skips of another summary (a batch of the same run).

        Examples
        --------
        >>> total, part = RunSummary(articles=2, toponyms=3), RunSummary(articles=1, events=4)
        >>> total.merge(part)
        >>> total.articles, total.toponyms, total.events
        (3, 3, 4)
        """
        self.articles += other.articles
        self.skipped.extend(other.skipped)
        self.toponyms += other.toponyms
        self.resolved += other.resolved
        self.unresolved.update(other.unresolved)
        self.events += other.events


def mention_record(m: Mention) -> dict:
    """The ``geo parse`` object of one toponym.

    Examples
    --------
    >>> from geo.model import Mention, Place
    >>> sirte = Place("geonames:2210554", "Sirte", 31.2, 16.6, "city", "LY")
    >>> r = mention_record(Mention("a1", 5, 10, "Sirte", sirte, 0.9))
    >>> r["name"], r["place_id"], r["lat"]
    ('Sirte', 'geonames:2210554', 31.2)
    """
    p = m.place
    near = m.near.place if m.near is not None and p is None else None
    at = p or near
    return {
        "start": m.start,
        "end": m.end,
        "name": m.surface,
        "lat": at.lat if at else None,
        "lon": at.lon if at else None,
        "place_id": p.place_id if p else None,
        "place_name": p.name if p else None,
        "kind": p.kind if p else None,
        "country": at.country if at else None,
        "score": m.score,
        "literal": m.literal,
        "near": {"place_id": near.place_id, "name": near.name} if near else None,
    }


def parsed_record(parsed: ParsedArticle) -> dict:
    """The ``geo parse`` object of one article: ``{"id", "toponyms": [...]}``.

    Examples
    --------
    >>> parsed_record(ParsedArticle(Article("a1", "Calm.")))
    {'id': 'a1', 'toponyms': []}
    """
    return {"id": parsed.article.id, "toponyms": [mention_record(m) for m in parsed.mentions]}


def read_inputs(
    paths: Sequence[str | os.PathLike] = (),
    jsonl: str | os.PathLike | None = None,
    summary: RunSummary | None = None,
) -> Iterator[Article]:
    """Articles from files and folders, then from a JSON Lines file."""

    def skipped(path: str, reason: str) -> None:
        if summary is not None:
            summary.skipped.append((path, reason))

    if paths:
        yield from iter_articles(paths, on_skip=skipped)
    if jsonl is not None:
        yield from iter_jsonl(jsonl, on_skip=skipped)


@dataclass
class RunResult:
    """A whole run: parsed articles and their summary."""

    parsed: list[ParsedArticle]
    summary: RunSummary


def run(
    paths: Sequence[str | os.PathLike] = ("seeds",),
    *,
    jsonl: str | os.PathLike | None = None,
    gazetteer_dir: str | os.PathLike | None = DEFAULT_GAZETTEER,
    parser: Geoparser | None = None,
    options: EngineOptions | None = None,
) -> RunResult:
    """Parse every article of the inputs and keep them all (for notebooks and small corpora).

    For corpora too large to hold, stream with :func:`geo.engine.map_frames`
    or :func:`geo.engine.parse_stream` instead. With ``options`` the run uses
    that engine (worker processes or dask); the result is the same.

    Examples
    --------
    >>> result = run(["seeds"])  # doctest: +SKIP
    >>> result.summary.articles  # doctest: +SKIP
    3
    """
    summary = RunSummary()
    articles = read_inputs(paths, jsonl, summary)
    if options is not None and parser is None:
        from geo.engine import parse_stream

        parsed = list(
            parse_stream(articles, gazetteer_dir=gazetteer_dir, options=options, summary=summary)
        )
        return RunResult(parsed, summary)
    parser = parser or Geoparser(gazetteer_dir)
    parsed = [parser.parse_article(a) for a in articles]
    for p in parsed:
        summary.add(p)
    return RunResult(parsed, summary)


OUTPUT_NAMES: dict[str, str] = {
    "places": "places.geojson",
    "events": "events.geojson",
    "map": "map.html",
}
"""The files ``geo map`` writes, by name."""


def write_outputs(result: RunResult, out_dir: str | os.PathLike, *, title: str = "geo") -> dict:
    """Write ``map.html``, ``places.geojson`` and ``events.geojson`` to ``out_dir``.

    Returns the paths written by name.
    """
    from geo.export import events_frame, places_frame

    places = places_frame(result.parsed)
    events = events_frame(result.parsed)
    return write_frames(places, events, out_dir, title=title)


def write_frames(places, events, out_dir: str | os.PathLike, *, title: str = "geo") -> dict:
    """Write the map's three files from the places and events frames, all or nothing.

    The files are first written into a hidden folder inside ``out_dir`` and
    moved into place only when all three are complete, so a failure (a full
    disk, a permission error) never leaves a new ``places.geojson`` beside an
    old ``map.html``, nor a half-written file.

    Returns
    -------
    dict
        The paths written, by name (``places``, ``events``, ``map``).

    Raises
    ------
    OutputError
        ``out_dir`` cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from geo.export import events_frame, places_frame
    >>> out = tempfile.mkdtemp()
    >>> paths = write_frames(places_frame([]), events_frame([]), out)
    >>> sorted(p.name for p in paths.values())
    ['events.geojson', 'map.html', 'places.geojson']
    """
    import shutil
    import tempfile

    from geo.errors import OutputError
    from geo.export import write_geojson
    from geo.mapping import build_map, write_map

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".geo-partial-", dir=out))
    except OSError as exc:
        raise OutputError(
            f"cannot write to the output folder {out} ({exc.strerror or exc}); "
            "choose another with --out DIR or fix its permissions"
        ) from None
    try:
        staged = {name: staging / filename for name, filename in OUTPUT_NAMES.items()}
        write_geojson(places, staged["places"])
        write_geojson(events, staged["events"])
        write_map(build_map(places, events, title=title), staged["map"])
        paths = {}
        for name, path in staged.items():
            paths[name] = out / path.name
            os.replace(path, paths[name])
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(
            f"cannot write the outputs in {out} ({exc.strerror or exc}); "
            "free some disk space or choose another folder with --out DIR"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths


def places_and_events(result: RunResult):
    """The run's places and events as two GeoDataFrames (EPSG:4326).

    Examples
    --------
    >>> places, events = places_and_events(run(["seeds"]))  # doctest: +SKIP
    """
    from geo.export import events_frame, places_frame

    return places_frame(result.parsed), events_frame(result.parsed)
