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

from geo.articles import iter_articles, iter_jsonl
from geo.gazetteer.index import GazetteerIndex, open_index
from geo.model import Article, Mention, ParsedArticle, Precision
from geo.resolve import resolve_spans
from geo.toponyms import Recognizer

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
        return resolve_spans(spans, article.text, article.id)

    def parse_article(self, article: Article) -> ParsedArticle:
        """Mentions and events of one article."""
        mentions = self.mentions(article)
        events = []
        if self.with_events:
            from geo.events import extract_events

            events = extract_events(article, mentions)
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
) -> RunResult:
    """Parse every article of the inputs.

    Examples
    --------
    >>> result = run(["seeds"])  # doctest: +SKIP
    >>> result.summary.articles  # doctest: +SKIP
    3
    """
    parser = parser or Geoparser(gazetteer_dir)
    summary = RunSummary()
    parsed = [parser.parse_article(a) for a in read_inputs(paths, jsonl, summary)]
    for p in parsed:
        summary.add(p)
    return RunResult(parsed, summary)


def write_outputs(result: RunResult, out_dir: str | os.PathLike, *, title: str = "geo") -> dict:
    """Write ``map.html``, ``places.geojson`` and ``events.geojson`` to ``out_dir``.

    Returns the paths written by name.
    """
    from geo.export import events_frame, places_frame, write_geojson
    from geo.mapping import build_map, write_map

    out = Path(out_dir)
    places = places_frame(result.parsed)
    events = events_frame(result.parsed)
    paths = {
        "places": out / "places.geojson",
        "events": out / "events.geojson",
        "map": out / "map.html",
    }
    write_geojson(places, paths["places"])
    write_geojson(events, paths["events"])
    write_map(build_map(places, events, title=title), paths["map"])
    return paths


def places_and_events(result: RunResult):
    """The run's places and events as two GeoDataFrames (EPSG:4326).

    Examples
    --------
    >>> places, events = places_and_events(run(["seeds"]))  # doctest: +SKIP
    """
    from geo.export import events_frame, places_frame

    return places_frame(result.parsed), events_frame(result.parsed)
