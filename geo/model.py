"""Typed results that flow through the pipeline.

``Article`` -> ``Mention`` (a toponym span, resolved to a ``Place`` or not)
-> ``Event`` (what happened, where, when) -> outputs. Every stage takes and
returns these dataclasses; nothing downstream sees a bare dict.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]
Role = Literal["site", "origin", "via", "destination"]
GeoPrecision = Literal["exact", "near", "region", "country"]

#: Last words that make a capitalised run a natural feature or a waterworks: "Flathead Lake",
#: "the Catawba River", "the Smoky Mountains". No gazetteer here holds them; a run so ended
#: that is no gazetteer name is such a place, never the town it is named for.
FEATURE_HEADS = frozenset(
    {
        "river",
        "lake",
        "creek",
        "mountains",
        "valley",
        "canyon",
        "reservoir",
        "falls",
        "dam",
        "lagoon",
        "gorge",
        "peak",
        "crater",
        "glacier",
        "beach",
        "landing",
        "bay",
        "cove",
        "harbour",
        "harbor",
    }
)
#: First words that make a two-word run a natural feature: "Lake Lanier", "Mount Sinjar".
FEATURE_FIRST_WORDS = frozenset({"lake", "mount", "loch"})
#: The words that make a run a natural feature, as a mention's ``cue`` carries them.
FEATURE_WORDS = FEATURE_HEADS | FEATURE_FIRST_WORDS
ROLES: tuple[str, ...] = ("origin", "via", "site", "destination")


@dataclass(frozen=True)
class Article:
    """One input article and its metadata.

    ``published`` is the first day of the period when ``published_precision``
    is ``"month"`` or ``"year"``.
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: _dt.date | None = None
    published_precision: Precision | None = None
    path: str | None = None

    @property
    def published_iso(self) -> str | None:
        """The publication date in ISO 8601 at its precision, or ``None``."""
        return iso_at_precision(self.published, self.published_precision)


@dataclass(frozen=True)
class Place:
    """A gazetteer record.

    ``place_id`` says where it came from: ``geonames:2210247``, ``icao:ETAR``,
    ``country:LY``, ``admin1:IQ.Anbar``, ``user:al-watiya-air-base``.
    """

    place_id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str | None = None
    admin1: str | None = None
    population: int = 0
    source: str = ""


@dataclass(frozen=True)
class Candidate:
    """A place considered for a mention, with its score and why."""

    place: Place
    score: float
    reason: str = ""


@dataclass
class Mention:
    """A toponym span in an article and how it was resolved.

    ``text[start:end] == surface`` always holds for the article's text.
    ``place`` is ``None`` for an unresolved mention (shaped like a place but
    missing from the gazetteer). ``literal`` is ``False`` for metonyms
    ("Washington said") and demonyms ("Libyan"). ``near`` is set only on an
    unresolved mention: the resolved mention of the same article that it lies
    in or near ("Francis Street in Charleston", or the article's home town),
    where it is placed with the geo precision ``near``.
    """

    article_id: str
    start: int
    end: int
    surface: str
    place: Place | None = None
    score: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    reason: str = ""
    literal: bool = True
    cue: str | None = None
    near: Mention | None = None

    @property
    def resolved(self) -> bool:
        """Whether a place was chosen."""
        return self.place is not None


#: Place kinds that are a whole country (geo precision ``country``).
COUNTRY_KINDS = frozenset({"country", "continent"})
#: Place kinds that are an area inside or across countries (geo precision ``region``).
REGION_KINDS = frozenset({"admin1", "admin2", "region", "sea"})
#: Every kind that is an area rather than a town, a site or a facility.
AREA_LEVEL_KINDS = COUNTRY_KINDS | REGION_KINDS


@dataclass(frozen=True)
class EventPlace:
    """A place taking part in an event, with its role.

    ``anchor`` is set for an unresolved place (not in the gazetteer) that the event stage
    could still put near a resolved one: its container ("Reshimbagh, Nagpur") or the
    article's home town (see :mod:`geo.events.anchors`).
    """

    mention: Mention
    role: Role
    anchor: Mention | None = None

    @property
    def located(self) -> Place | None:
        """The place the event is drawn at: the mention's own, else its anchor's."""
        if self.mention.place is not None:
            return self.mention.place
        return self.anchor.place if self.anchor is not None else None

    @property
    def precision(self) -> GeoPrecision | None:
        """How exactly the event is placed: ``exact``, ``near``, ``region`` or ``country``.

        Examples
        --------
        >>> town = Place("t", "Sirte", 31.2, 16.6, "city", "LY")
        >>> EventPlace(Mention("a", 0, 5, "Sirte", town), "site").precision
        'exact'
        >>> EventPlace(Mention("a", 0, 5, "Zawra"), "site", Mention("a", 7, 12, "Sirte", town)).precision
        'near'
        >>> EventPlace(Mention("a", 0, 5, "Zawra"), "site").precision is None
        True
        >>> lake = Place("w", "Whitefish", 48.41, -114.34, "city", "US")
        >>> EventPlace(Mention("a", 0, 14, "Whitefish Lake", lake, cue="lake"), "site").precision
        'near'
        """
        place = self.located
        if place is None:
            return None
        if place.kind in COUNTRY_KINDS:
            return "country"
        if place.kind in REGION_KINDS:
            return "region"
        if self.mention.place is None or self.mention.cue in FEATURE_WORDS:
            return "near"  # an anchor stands in, or a lake is drawn at its town
        return "exact"


@dataclass
class Event:
    """Something that happened, joined to its places, date and quote."""

    event_id: str
    article_id: str
    event_type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    quote: str
    quote_start: int
    quote_end: int
    date: _dt.date | None = None
    date_precision: Precision | None = None
    actors: tuple[str, ...] = ()
    places: tuple[EventPlace, ...] = ()
    route_id: str | None = None

    @property
    def date_iso(self) -> str | None:
        """The event date in ISO 8601 at its precision, or ``None``."""
        return iso_at_precision(self.date, self.date_precision)

    @property
    def is_movement(self) -> bool:
        """Whether the event has an origin, via or destination place."""
        return any(p.role != "site" for p in self.places)


@dataclass
class ParsedArticle:
    """An article with its mentions and events."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def iso_at_precision(day: _dt.date | None, precision: str | None) -> str | None:
    """Format a date in ISO 8601 truncated to its precision.

    Examples
    --------
    >>> import datetime
    >>> iso_at_precision(datetime.date(2020, 6, 1), "month")
    '2020-06'
    >>> iso_at_precision(None, None) is None
    True
    """
    if day is None:
        return None
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
