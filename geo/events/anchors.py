"""Putting an event on the map when its place is not in the gazetteer.

Incident reports name the street, the neighbourhood or the village ("at her Reshimbagh
residence", "in the Shejaiya neighbourhood of Gaza"); no gazetteer holds most of them. Such
a place stays an unresolved mention (the user can add it), but the event should still sit
near where it happened. :func:`anchor_unresolved` gives each unresolved event place an
*anchor*: a resolved mention of the same article standing in for it, in this order:

1. its container, named right after it: "Reshimbagh, Nagpur", "Shejaiya neighbourhood of
   Gaza", "Alsaliheen in Kherson", "the village of X near Y";
2. the article's home place: the town or city (no wider area) the article names most often,
   when it names it at least :data:`HOME_MIN_MENTIONS` times or in its first
   :data:`LEAD_CHARS` characters (the dateline or the lead sentence: "NAGPUR: A widow was
   ...").

An anchored place is drawn at its anchor with the geo precision ``near``
(:attr:`geo.model.EventPlace.precision`); one with no anchor is listed but not drawn.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence

from geo.model import AREA_LEVEL_KINDS, Event, EventPlace, Mention

__all__ = [
    "HOME_MIN_MENTIONS",
    "LEAD_CHARS",
    "anchor_unresolved",
    "container_of",
    "home_place",
    "place_near",
]

logger = logging.getLogger(__name__)

#: How often the article must name a town for it to be the article's home place.
HOME_MIN_MENTIONS = 2
#: A town named this early (dateline, lead) is the home place even when named once.
LEAD_CHARS = 300
#: What may stand between a small place and its container ("X, Y", "X neighbourhood of Y").
_CONTAINER_GAP = re.compile(
    r"(?:\s+(?:neighbou?rhood|area|district|suburb|locality|colony|village|town|section|"
    r"quarter|camp|street|road|avenue|township|municipality|market|square))?"
    r"\s*(?:,|\bin\b|\bof\b|\bnear\b|\boutside\b|\bon\s+the\s+outskirts\s+of\b)\s*"
    r"(?:the\s+)?(?:(?:city|town|village|district|province|state|county|governorate|"
    r"region)\s+of\s+)?",
    re.IGNORECASE,
)
_MAX_GAP = 48


def container_of(mention: Mention, mentions: Sequence[Mention], text: str) -> Mention | None:
    """The resolved mention that says where ``mention`` lies, right after it, if any.

    Examples
    --------
    >>> from geo.model import Mention, Place
    >>> text = "Shelling hit the Shejaiya neighbourhood of Gaza."
    >>> gaza = Place("g", "Gaza", 31.5, 34.47, "city", "PS")
    >>> small = Mention("a", 17, 25, "Shejaiya")
    >>> container_of(small, [small, Mention("a", 43, 47, "Gaza", gaza)], text).surface
    'Gaza'
    >>> container_of(small, [small], text) is None
    True
    """
    following = [m for m in mentions if m.start >= mention.end]
    if not following:
        return None
    nxt = min(following, key=lambda m: m.start)
    gap = text[mention.end : nxt.start]
    if (
        nxt.place is None
        or not nxt.literal
        or len(gap) > _MAX_GAP
        or not _CONTAINER_GAP.fullmatch(gap)
    ):
        return None
    return nxt


def home_place(mentions: Sequence[Mention]) -> Mention | None:
    """The first mention of the town or city the article is about, if it has one.

    Examples
    --------
    >>> from geo.model import Mention, Place
    >>> nagpur = Place("n", "Nagpur", 21.15, 79.09, "city", "IN")
    >>> india = Place("i", "India", 22.0, 79.0, "country", "IN")
    >>> ms = [Mention("a", 0, 6, "NAGPUR", nagpur), Mention("a", 900, 905, "India", india)]
    >>> home_place(ms).surface
    'NAGPUR'
    >>> home_place([Mention("a", 900, 905, "India", india)]) is None
    True
    """
    towns = [
        m
        for m in sorted(mentions, key=lambda m: m.start)
        if m.place is not None and m.literal and m.place.kind not in AREA_LEVEL_KINDS
    ]
    if not towns:
        return None
    counts = Counter(m.place.place_id for m in towns if m.place is not None)
    first: dict[str, Mention] = {}
    for m in towns:
        assert m.place is not None
        first.setdefault(m.place.place_id, m)
    best = max(first.values(), key=lambda m: (counts[m.place.place_id], -m.start))  # type: ignore[union-attr]
    assert best.place is not None
    if counts[best.place.place_id] >= HOME_MIN_MENTIONS or best.start < LEAD_CHARS:
        return best
    return None


def anchor_unresolved(events: Sequence[Event], mentions: Sequence[Mention], text: str) -> None:
    """Give every unresolved place of ``events`` an anchor, in place (see the module doc).

    Examples
    --------
    >>> from geo.model import Event, EventPlace, Mention, Place
    >>> text = "Police said a man was shot in Reshimbagh, Nagpur."
    >>> nagpur = Place("n", "Nagpur", 21.15, 79.09, "city", "IN")
    >>> small, town = Mention("a", 30, 40, "Reshimbagh"), Mention("a", 42, 48, "Nagpur", nagpur)
    >>> e = Event("a:e1", "a", "attack", "shot", 22, 26, text, 0, len(text),
    ...           places=(EventPlace(small, "site"),))
    >>> anchor_unresolved([e], [small, town], text)
    >>> e.places[0].anchor.surface, e.places[0].precision
    ('Nagpur', 'near')
    """
    anchor_of = _anchor_finder(mentions, text)
    for event in events:
        if all(p.mention.place is not None or p.anchor is not None for p in event.places):
            continue
        places = []
        for p in event.places:
            if p.mention.place is None and p.anchor is None:
                anchor = anchor_of(p.mention)
                if anchor is not None:
                    logger.debug(
                        "%s: %r placed near %r", event.event_id, p.mention.surface, anchor.surface
                    )
                    p = EventPlace(p.mention, p.role, anchor)
            places.append(p)
        event.places = tuple(places)


def place_near(mentions: Sequence[Mention], text: str) -> None:
    """Set :attr:`~geo.model.Mention.near` on every unresolved literal mention, in place.

    The anchor is found as for event places (see the module doc): the mention's container
    right after it, else the article's home town. A mention with neither keeps ``near`` unset.

    Examples
    --------
    >>> from geo.model import Mention, Place
    >>> text = "A man was shot on Francis Street in Charleston."
    >>> town = Place("c", "Charleston", 32.78, -79.93, "city", "US")
    >>> street, chs = Mention("a", 18, 32, "Francis Street"), Mention("a", 36, 46, "Charleston", town)
    >>> place_near([street, chs], text)
    >>> street.near.surface
    'Charleston'
    """
    anchor_of = _anchor_finder(mentions, text)
    for m in mentions:
        if m.place is None and m.literal:
            m.near = anchor_of(m)


def _anchor_finder(mentions: Sequence[Mention], text: str) -> Callable[[Mention], Mention | None]:
    """``anchor_of(m)``: ``m``'s container, else the article's home town (worked out once)."""
    home: list[Mention | None] = []

    def anchor_of(mention: Mention) -> Mention | None:
        container = container_of(mention, mentions, text)
        if container is not None:
            return container
        if not home:
            home.append(home_place(mentions))
        return home[0]

    return anchor_of
