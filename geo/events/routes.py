"""Linking successive movements of one object into a route.

A route is a chain of movement or capture events (lexicon kind ``movement``, or type
``capture``) that have places and refer to the same object:

* a chain starts at an event whose object (or, for a passive or intransitive trigger, its
  subject) is described: "transported a captured air defence system";
* the next event joins it when it is at most :data:`MAX_GAP` sentences later and refers back:
  by a pronoun ("seized it", "which was then taken") or by a definite description of the same
  kind of thing ("the Pantsir", "the jets") - see :data:`OBJECT_CLASSES`;
* chains of two or more events get a ``route_id`` (``"<article id>:r<n>"``).

The legs are ordered by date (an undated event follows the dated one before it in the text;
"had flown" goes before the event it is told after), then by text. A movement leg missing its
origin takes the last place of the previous leg, one missing its destination the first
destination or site of the next; such places may come from another sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.events.lexicon import event_type_of
from geo.events.roles import clause_span, tokenize
from geo.model import COUNTRY_KINDS, ROLES, Event, EventPlace

__all__ = ["MAX_GAP", "OBJECT_CLASSES", "link_routes", "refine_destinations", "route_legs"]

logger = logging.getLogger(__name__)

#: How many sentences may separate two legs of one route.
MAX_GAP = 2

#: Kinds of moved things; a definite description joins a chain of the same kind.
OBJECT_CLASSES: dict[str, frozenset[str]] = {
    "air defence": frozenset(
        """
    system systems battery batteries pantsir patriot missile missiles launcher
    """.split()  # noqa: SIM905
    ),
    "aircraft": frozenset(
        """
    aircraft jet jets plane planes fighter drone drones helicopter helicopters mig-29s
    su-24s
    """.split()  # noqa: SIM905
    ),
    "troops": frozenset(["troops", "soldiers", "fighters", "mercenaries", "forces", "convoy"]),
    "cargo": frozenset(["shipment", "cargo", "weapons", "arms", "ammunition"]),
}
_PRONOUNS = frozenset(["it", "them", "which", "this", "these"])
_DEFINITE = frozenset(("the",))
_DETERMINERS = frozenset(
    """
    the a an its their his her this these that some two three
    """.split()  # noqa: SIM905
)
_AUX = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_REPORTING = frozenset(["said", "says", "told", "that", "according", "to", "after", "before"])
_PREPS = frozenset(
    ["in", "at", "on", "to", "from", "into", "via", "through", "over", "near", "towards", "toward"]
)


@dataclass
class _Reference:
    pronoun: bool
    definite: bool
    kind: str | None


def _reference(text: str, event: Event) -> _Reference:
    """How the event names the thing that moved."""
    # within the event's sentence: the whole text before it would be read for every event
    start, end = clause_span(
        text, (event.trigger_start, event.trigger_end), event.quote_start, event.quote_end
    )
    before = tokenize(text, start, event.trigger_start)
    after = tokenize(text, event.trigger_end, end)
    while before and (before[0].low in _REPORTING or not before[0].text[0].isalnum()):
        before = before[1:]
    passive = any(t.low in _AUX for t in before[-3:])
    window = after[:6]
    if passive or not window or window[0].low in _PREPS or not window[0].text[0].isalnum():
        # passive or intransitive: the subject names the thing
        window = before if before and before[0].low in _PRONOUNS else before[-20:]
    words = [t.low for t in window]
    if words and words[0] in _PRONOUNS:
        return _Reference(True, False, None)
    for i, word in enumerate(words):
        kind = next((k for k, vocab in OBJECT_CLASSES.items() if word in vocab), None)
        if kind is not None:
            determiner = next(
                (w for w in reversed(words[max(0, i - 5) : i]) if w in _DETERMINERS), ""
            )
            return _Reference(False, determiner in _DEFINITE, kind)
    return _Reference(False, bool(words) and words[0] in _DEFINITE, None)


def _routable(event: Event) -> bool:
    event_type = event_type_of(event.trigger)
    if not event.places or event_type is None:
        return False
    return event_type.is_movement or event_type.name == "capture"


def _sentence_index(event: Event, starts: Sequence[int]) -> int:
    return _sentence_index_at(event.quote_start, starts)


def _sentence_index_at(offset: int, starts: Sequence[int]) -> int:
    """How many sentences (by their sorted start offsets) start at or before ``offset``."""
    return bisect.bisect_right(starts, offset)


def link_routes(
    events: Sequence[Event], text: str, sentence_starts: Sequence[int], route_prefix: str
) -> None:
    """Give linked movements one ``route_id`` and complete their legs, in place.

    Parameters
    ----------
    events
        The article's events in text order.
    text
        The article text.
    sentence_starts
        Start offsets of the article's sentences (to measure gaps).
    route_prefix
        Route ids are ``f"{route_prefix}:r{n}"``.

    Examples
    --------
    >>> from geo.model import Event, EventPlace, Mention
    >>> text = "They sent the jets to Malta. The jets flew to Rome."
    >>> def ev(i, trig, place, role):
    ...     t, p = text.index(trig), text.index(place)
    ...     m = Mention("a", p, p + len(place), place)
    ...     return Event(f"a:e{i}", "a", "transfer", trig, t, t + len(trig), "", 0, len(text),
    ...                  places=(EventPlace(m, role),))
    >>> events = [ev(1, "sent", "Malta", "destination"), ev(2, "flew", "Rome", "destination")]
    >>> link_routes(events, text, [0, 29], "a")
    >>> [e.route_id for e in events], [p.mention.surface for p in events[1].places]
    (['a:r1', 'a:r1'], ['Malta', 'Rome'])
    """
    chains: list[list[Event]] = []
    kinds: list[str | None] = []
    for event in events:
        if not _routable(event):
            continue
        ref = _reference(text, event)
        here = _sentence_index(event, sentence_starts)
        joined = False
        if chains:
            last = chains[-1][-1]
            near = here - _sentence_index(last, sentence_starts) <= MAX_GAP
            same_kind = ref.kind is not None and ref.kind == kinds[-1]
            if near and kinds[-1] is not None and (ref.pronoun or (ref.definite and same_kind)):
                chains[-1].append(event)
                joined = True
        if not joined:
            chains.append([event])
            kinds.append(ref.kind)
    number = 0
    for chain in chains:
        if len(chain) < 2:
            continue
        number += 1
        route_id = f"{route_prefix}:r{number}"
        for event in chain:
            event.route_id = route_id
        _complete(_ordered(chain, text))
        logger.debug("route %s: %s", route_id, [e.event_id for e in chain])


#: A stative phrase that says where something now is: "Most appear to be at", "are now in",
#: "remain stationed at" (matched against the text right before a place mention).
_STATIVE = re.compile(
    r"\b(?:(?:appears?|appeared|seems?|seemed)\s+to\s+be|is|are|was|were|remains?|remained|"
    r"stay(?:s|ed)?)\s+(?:now\s+|still\s+)?(?:(?:based|stationed|parked|located|kept|housed)\s+)?"
    r"(?:at|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: How many sentences after a movement a stative sentence may still say where it ended.
STATIVE_GAP = 3
#: Place kinds too coarse to be where a movement really ended when a later sentence is exact.
_COARSE = COUNTRY_KINDS | {"admin1", "region"}


def refine_destinations(
    events: Sequence[Event],
    mentions: Sequence,
    text: str,
    sentence_starts: Sequence[int],
) -> None:
    """Replace a movement's coarse destination by where a following sentence says it is.

    "Russian aircraft arrived in eastern Libya. [...] Most appear to be at the al Jufra
    base": a stative sentence (no event of its own) within :data:`STATIVE_GAP` sentences
    after a movement whose destination is a country or region, with no other movement told
    in between, naming a place inside that destination, tells where the movement ended.
    The destination is replaced in place.

    Examples
    --------
    >>> from geo.model import Event, EventPlace, Mention, Place
    >>> text = "The jets flew to Libya. Most are now at the Jufra base."
    >>> libya = Place("ly", "Libya", 27.0, 17.0, kind="country", country="LY")
    >>> jufra = Place("jf", "Jufra", 29.2, 16.0, kind="airbase", country="LY")
    >>> m1 = Mention("a", 17, 22, "Libya", place=libya)
    >>> m2 = Mention("a", 44, 49, "Jufra", place=jufra)
    >>> e = Event("a:e1", "a", "transfer", "flew", 9, 13, "", 0, 23,
    ...           places=(EventPlace(m1, "destination"),))
    >>> refine_destinations([e], [m1, m2], text, [0, 24])
    >>> [(p.mention.surface, p.role) for p in e.places]
    [('Jufra', 'destination')]
    """
    moves = [
        (e, _sentence_index(e, sentence_starts))
        for e in events
        if (t := event_type_of(e.trigger)) is not None and t.is_movement
    ]
    if not moves:
        return
    event_sentences = {_sentence_index(e, sentence_starts) for e in events}
    stative = [
        (m, at)
        for m in mentions
        if m.literal
        and m.place is not None
        and m.place.kind not in _COARSE
        and (at := _sentence_index_at(m.start, sentence_starts)) not in event_sentences
        and _STATIVE.search(text[max(0, m.start - 60) : m.start])
    ]
    if not stative:
        return
    for n, (event, here) in enumerate(moves):
        # a later movement (told in another sentence) supersedes this one from there on
        limit = min([here + STATIVE_GAP, *(at for _, at in moves[n + 1 :] if at > here)])
        for k, place in enumerate(event.places):
            coarse = place.mention.place
            if place.role != "destination" or coarse is None or coarse.kind not in _COARSE:
                continue
            inside = [m for m, at in stative if here < at <= limit and _inside(m.place, coarse)]
            if inside:
                logger.debug(
                    "%s: destination %r refined to %r",
                    event.event_id,
                    place.mention.surface,
                    inside[0].surface,
                )
                places = list(event.places)
                places[k] = EventPlace(inside[0], "destination")
                event.places = tuple(places)
                break


def _inside(place, coarse) -> bool:
    """Whether ``place`` lies in the country or first-level division ``coarse``."""
    if not place.country or place.country != coarse.country:
        return False
    return coarse.kind != "admin1" or place.admin1 == coarse.name


def _ordered(chain: list[Event], text: str) -> list[Event]:
    """The legs of a chain in the order they happened (see the module docstring)."""
    keys: list[tuple[dt.date, float]] = []
    running = dt.date.min
    for position, event in enumerate(chain):
        running = event.date or running
        order = float(position)
        before = text[max(0, event.trigger_start - 20) : event.trigger_start]
        if re.search(r"\bhad\s+(?:\w+ly\s+)?$", before) and position:
            order = position - 1.5  # "had flown": before the leg told just before it
        keys.append((running, order))
    return [e for _, e in sorted(zip(keys, chain, strict=True), key=lambda pair: pair[0])]


def _complete(legs: list[Event]) -> None:
    for i, event in enumerate(legs):
        event_type = event_type_of(event.trigger)
        if event_type is None or not event_type.is_movement:
            continue
        roles = {p.role for p in event.places}
        own = {id(p.mention) for p in event.places}
        added: list[EventPlace] = []
        if "origin" not in roles and i > 0 and legs[i - 1].places:
            previous = legs[i - 1].places[-1].mention
            if id(previous) not in own and previous.surface not in {
                p.mention.surface for p in event.places
            }:
                added.append(EventPlace(previous, "origin"))
        if "destination" not in roles and "site" not in roles and i + 1 < len(legs):
            following = [p for p in legs[i + 1].places if p.role in ("destination", "site")]
            if following and id(following[0].mention) not in own:
                added.append(EventPlace(following[0].mention, "destination"))
        if added:
            places = list(event.places) + added
            event.places = tuple(sorted(places, key=lambda p: ROLES.index(p.role)))


def route_legs(events: Sequence[Event], text: str = "") -> dict[str, list[Event]]:
    """The events of each route, in the order the legs happened.

    Pass the article ``text`` so that "had flown" legs are put before the leg told before
    them; without it, legs are ordered by date, then text.

    Examples
    --------
    >>> route_legs([])
    {}
    """
    routes: dict[str, list[Event]] = {}
    for event in events:
        if event.route_id:
            routes.setdefault(event.route_id, []).append(event)
    return {rid: _ordered(legs, text) for rid, legs in routes.items()}
