"""The event stage: article text + place mentions -> :class:`geo.model.Event` records.

The pieces, one module each:

* :mod:`~geo.events.sentences` splits the text into sentences with offsets;
* :mod:`~geo.events.lexicon` (data in ``lexicon.csv``) finds trigger words and their type;
* :mod:`~geo.events.roles` decides which mentions are where the event happened, and how;
* :mod:`~geo.events.dates` reads and normalises the event's date;
* :mod:`~geo.events.actors` finds who did it;
* :mod:`~geo.events.routes` links successive movements of one object into a route;
* :mod:`~geo.events.evaluate` scores locations against gold spans.

How :func:`extract_events` puts them together, per sentence:

1. Triggers of the same type that follow each other in a sentence make one event ("launched
   missiles at bases in Iraq, hitting the Erbil Airbase"), with the first as its trigger.
2. Places come from the learned :class:`~geo.events.selector.Selector` for each trigger (the
   function ``geo eval-events`` scores), reading the trigger's sentence and every candidate in
   it: the recognised mentions and, from the pipeline, capitalised names no gazetteer holds.
   Without a model the rules of :func:`~geo.events.roles.locate` decide. When there are none,
   an anaphor right after the trigger ("overrun the base", "to the country") takes the latest
   fitting literal mention of the sentence or of the previous sentence of the paragraph.
   A town before a person ("killing a Denver ski instructor") is where the person is from:
   another place of the sentence, the selector's or the rules', takes its place. The town of
   a hospital or a court ("the Invercargill District Court") gives way to the scene.
   A country is dropped when a more specific place of the event lies in it. An event left
   without places takes the sites of a later event of the sentence in a "..., when ..."
   clause, which tells how it happened.
3. The date is the one in the trigger's clause nearest the trigger; else, for a clause opened
   by "after", the day of an emergency response in the clause before it ("police were called
   this morning after a woman was found stabbed"); else the first date of the clauses right
   after it that tell what went on at the time ("while ...", "shortly after taking off ...",
   and after a death or an accident any "after ..."); else a date fronting the sentence ("On 10
   March, ..."); else, if the previous sentence of the same paragraph holds exactly one date
   expression, that one (it governs a sentence that goes on with the same story); else none.
   Where several triggers of one type in a sentence make one event ("charged with murder
   after a man was found dead on Sunday"), the first of them that gets a date gives it.
4. Movements are linked into routes (:mod:`~geo.events.routes`); a coarse destination is
   refined by a later sentence that says where the thing now is; an unresolved place gets an
   anchor to be drawn near (:mod:`~geo.events.anchors`).
5. Events keep their text order; ids are ``f"{article.id}:e{n}"``. Events without places are
   kept (they still have a type, a date and a quote).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import itertools
import logging
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence

from geo.articles import WIRE_DATELINE
from geo.events.actors import find_actors
from geo.events.anchors import anchor_unresolved, dateline_mention, names_care_or_court
from geo.events.dates import DateMention, find_dates
from geo.events.lexicon import (
    EventType,
    TriggerMatch,
    event_type_of,
    find_triggers,
    load_lexicon,
)
from geo.events.locator import unknown_candidates
from geo.events.roles import MOVEMENT_PREPOSITIONS, clause_span, is_modifier, locate
from geo.events.routes import link_routes, refine_destinations, route_legs
from geo.events.selector import Selector, load_selector
from geo.events.sentences import Sentence, split_sentences
from geo.model import ROLES, Article, Event, EventPlace, Mention, Role
from geo.timewords import DAY_PHRASE
from geo.toponyms import ROAD_WORDS, opens_dateline

__all__ = ["dateline_mention", "extract_events", "route_legs"]

logger = logging.getLogger(__name__)

#: Candidate sources only the selector may turn into event places.
_WIDE_NET = frozenset({"capitalised name"})

#: Nouns of an anaphor ("the base") and how to tell a mention they may refer to.
_ANAPHORS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "base": (("base", "airbase", "airfield"), frozenset({"airbase", "airport"})),
    "airbase": (("base", "airbase", "airfield"), frozenset({"airbase", "airport"})),
    "airport": (("airport", "airfield"), frozenset({"airport", "airbase"})),
    "town": ((), frozenset({"city", "town", "village"})),
    "city": ((), frozenset({"city", "town"})),
    "village": ((), frozenset({"village", "town", "city"})),
    "country": ((), frozenset({"country"})),
}
_ANAPHOR = re.compile(
    r"\s+(?:(?P<prep>to|into|from|in|at|on|near|over)\s+)?(?:the|this|that)\s+"
    r"(?:\w+\s+){0,2}?(?P<noun>" + "|".join(_ANAPHORS) + r")\b"
    # "hit the town of Mailuu-Suu" names its town: no anaphor
    r"(?!\s+of\s+[^\W\d_])",
    re.IGNORECASE,
)
_FRONTED = re.compile(
    r"^(?:(?:then|and|but)\s+)?(?:on|in|by|during|early|late|last|yesterday|today|tonight|"
    r"this|overnight)\b",
    re.I,
)


def _merged_triggers(triggers: list[TriggerMatch]) -> list[list[TriggerMatch]]:
    groups: list[list[TriggerMatch]] = []
    for trigger in triggers:
        if groups and groups[-1][-1].event_type.name == trigger.event_type.name:
            groups[-1].append(trigger)
        else:
            groups.append([trigger])
    return groups


def _anaphor(
    text: str,
    trigger: TriggerMatch,
    sentence: Sentence,
    previous: Sentence | None,
    mentions: Sequence[Mention],
) -> list[tuple[Mention, Role]]:
    match = _ANAPHOR.match(text, trigger.end, sentence.end)
    if match is None:
        return []
    surfaces, kinds = _ANAPHORS[match.group("noun").lower()]
    lo = previous.start if previous is not None else sentence.start
    for mention in sorted(mentions, key=lambda m: -m.start):
        if not (mention.literal and lo <= mention.start < trigger.start):
            continue
        if is_modifier(text, mention, (trigger.start, trigger.end)):
            continue
        fits = any(s in mention.surface.lower() for s in surfaces) or (
            mention.place is not None and mention.place.kind in kinds
        )
        if not fits:
            continue
        prep = (match.group("prep") or "").lower()
        event_type = trigger.event_type
        role: str | None
        if not prep:
            role = event_type.object_role
        elif event_type.is_movement and prep in MOVEMENT_PREPOSITIONS:
            role = MOVEMENT_PREPOSITIONS[prep]
        else:
            role = None if prep == "to" else trigger.site_role
        if role:
            logger.debug("%r refers back to %r", match.group().strip(), mention.surface)
            return [(mention, role)]  # type: ignore[list-item]
        return []
    return []


#: A clause that tells the circumstances of the event before it ("..., when a drone hit ...").
_CIRCUMSTANCE = re.compile(r"[,;]\s*(?:just\s+)?when\b", re.IGNORECASE)
#: Between a trigger and the event it came about in: "killed in a mass shooting".
_CAME_ABOUT_IN = re.compile(
    # "died Monday evening in a two-vehicle crash": the time may come first
    rf"(?:\s+(?:early|late)?\s*(?:on\s+)?(?:{DAY_PHRASE}|overnight|last\s+night|this\s+morning))?"
    r"\s+(?:in|during)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}",
    re.IGNORECASE,
)


def _share_circumstances(events: Sequence[Event], text: str) -> None:
    """Give an event with no place the sites of the event that tells how it happened.

    "the assassination of Soleimani ..., on 3 January, when a drone attack hit his car at
    Baghdad International Airport": the clause after "when" says where the assassination
    happened, though its place is far from the trigger. The clause belongs to the event
    whose trigger comes last before it; that event, if it has no places, takes the sites
    of the first event inside the clause. So does an event named as what another came
    about in: "five people were killed in a mass shooting at a tavern in Soweto".
    """
    for i in range(1, len(events)):
        host, inner = events[i - 1], events[i]
        opener = _CIRCUMSTANCE.search(
            text, host.trigger_end, inner.trigger_start
        ) or _CAME_ABOUT_IN.fullmatch(text, host.trigger_end, inner.trigger_start)
        if host.places or opener is None:
            continue
        sites = tuple(EventPlace(p.mention, "site") for p in inner.places if p.role == "site")
        if sites:
            logger.debug("%r happened where %r did", host.trigger, inner.trigger)
            host.places = sites


#: "drowned Sunday after falling from a paddleboard on Whitefish Lake": the clause after a
#: death or an accident that tells how it came about.
_AFTER_HOW = re.compile(r"\s+(?:shortly\s+|soon\s+)?after\s+", re.IGNORECASE)
#: The event types whose "after" clause tells where and when they happened, not another event
#: ("rescued after their boat began taking on water off Kilmore Quay").
_HOW_TYPES = frozenset({"killing", "accident", "rescue", "disaster"})
#: The first verb of such a clause: "falling", "his kayak capsized", "being struck".
_CLAUSE_VERB = re.compile(r"\b\w+(?:ed|ing)\b", re.IGNORECASE)


def _after_how(
    events: Sequence[Event],
    text: str,
    sentence: Sentence,
    in_sentence: Sequence[Mention],
    types: tuple[EventType, ...],
) -> None:
    """Give a death or an accident with no place the sites of the clause telling how it came about.

    "A 27-year-old man drowned Sunday afternoon after falling from a stand-up paddleboard
    on Whitefish Lake" and "a Bigfork man died after his kayak capsized on Flathead Lake":
    the rules stop at "after", which mostly opens another event ("Iran fired after the US
    killed him"), but after a death or an accident it tells where that very incident was.
    The clause runs to the next clause barrier; its places are read as sites of its first
    verb. Only an event with no place of its own, and with no other trigger between it and
    the clause, takes them.
    """
    for k, event in enumerate(events):
        if event.places or event.event_type not in _HOW_TYPES:
            continue
        limit = events[k + 1].trigger_start if k + 1 < len(events) else sentence.end
        after = _AFTER_HOW.search(text, event.trigger_end, limit)
        if after is None or after.start() - event.trigger_end > 40:
            continue  # "died Sunday afternoon after ..."; not an "after" far down the sentence
        hi = clause_span(text, (after.end(), after.end()), after.end(), sentence.end)[1]
        verb = _CLAUSE_VERB.search(text, after.end(), hi)
        anchor = verb.span() if verb is not None else (after.end(), after.end() + 1)
        event_type = event_type_of(event.trigger, types)
        inside = [m for m in in_sentence if after.end() <= m.start and m.end <= hi]
        sites = [
            EventPlace(mention, "site")
            for mention, role in locate(text, anchor, inside, event_type=event_type)
            if role == "site"
        ]
        if sites:
            logger.debug("%s came about at %s", event.event_id, [p.mention.surface for p in sites])
            event.places = tuple(sites)


def _response_sites(
    events: Sequence[Event], text: str, sentence: Sentence, in_sentence: Sequence[Mention]
) -> None:
    """Give an event of an "after" clause with no place the place of the response before it.

    "About 200 people were evacuated from a Moncton arena ... Friday evening after an ammonia
    leak in the building's refrigeration plant", "Police were called to a home in Muncie
    after a woman was found stabbed": the emergency response of the clause before the
    "after" went to where the incident was, as its date was that day (:func:`_event_date`).
    """
    for event in events:
        if event.places:
            continue
        start, _ = clause_span(
            text, (event.trigger_start, event.trigger_end), sentence.start, sentence.end
        )
        found = _response_before(text, sentence, start)
        if found is None:
            continue
        _, response = found
        inside = [m for m in in_sentence if response.end() <= m.start and m.end <= start]
        # the response goes to the place: "called to a home on Maughan Street, Wellington"
        sites = [
            EventPlace(m, "site")
            for m, role in locate(text, response.span(), inside, event_type=_RESPONSE_TYPE)
            if role in ("site", "destination")
        ]
        if sites:
            logger.debug("%s sits where the response went: %s", event.event_id, sites)
            event.places = tuple(sites)


#: Responders there as the report is written: "Emergency services are at the scene of".
_LIVE = re.compile(
    r"\b(?:are|is)\s+(?:currently\s+|still\s+)?(?:at\s+the\s+scene\s+of|responding\s+to|"
    r"attending|dealing\s+with|(?:battling|fighting)\s+(?:an?|the)\s+(?:\w+\s+)?"
    r"(?:blaze|fire|wildfire|bushfire|flames))\b",
    re.IGNORECASE,
)
#: How a response reads its places: "to" names where it went.
_RESPONSE_TYPE = EventType("response", "movement", "destination", "", "", "", ())


def _response_before(text: str, sentence: Sentence, start: int) -> tuple[int, re.Match] | None:
    """For a clause starting at ``start`` with "after", the emergency response before it.

    Returns the start of the clause before and the response verb in it ("Police were
    called ... after a woman was found stabbed"), or ``None``.
    """
    if start <= sentence.start or not _AFTER.match(text, start):
        return None
    lead, _ = clause_span(text, (start - 1, start), sentence.start, start)
    response = _RESPONSE.search(text, lead, start)
    return None if response is None else (lead, response)


def _drop_containers(places: list[EventPlace]) -> list[EventPlace]:
    """Drop a country when a more specific place of the event lies in it."""
    kept = []
    for p in places:
        place = p.mention.place
        if place is not None and place.kind == "country" and place.country:
            inner = [
                q
                for q in places
                if q is not p
                and q.role == p.role
                and q.mention.place is not None
                and q.mention.place.kind != "country"
                and q.mention.place.country == place.country
            ]
            if inner:
                continue
        kept.append(p)
    return kept


def _drop_care_places(
    places: list[EventPlace], text: str, event_type: EventType
) -> list[EventPlace]:
    """Drop the town of a hospital ("recovering in hospital in Faro after being stabbed ...
    on Albufeira's strip") or of a court ("due to appear in the Invercargill District Court
    ... after a man was stabbed outside a bar in Gore") when the event has another place; a
    transfer keeps it (it went there)."""
    if event_type.is_movement or len(places) < 2:
        return places
    kept = [p for p in places if not names_care_or_court(text, p.mention)]
    return kept or places


#: Between the two towns a road is named by: "Limassol–Paphos", "Dar es Salaam-Morogoro".
_ROAD_JOIN = re.compile(r"\s*[-–—/]\s*|\s+to\s+")
#: After them, the road: "the Limassol–Paphos motorway", "the Kabul-Jalalabad highway".
_ROAD_AFTER = re.compile(
    r"\s+(?:" + ROAD_WORDS + r"|rail\s+line|route|border\s+crossing)\b", re.IGNORECASE
)


def _without_road_ends(text: str, in_sentence: list[Mention]) -> list[Mention]:
    """Leave out the towns a road is named by, when the sentence names another place.

    "veered off the Limassol–Paphos motorway near Pissouri" happened near Pissouri, not
    at either end of the motorway; with no other place ("a crash on the Kabul-Jalalabad
    highway") the ends are all the sentence says, and they stay.

    Examples
    --------
    >>> from geo.model import Mention
    >>> text = "A car veered off the Limassol–Paphos motorway near Pissouri."
    >>> ms = [Mention("a", text.index(w), text.index(w) + len(w), w)
    ...       for w in ("Limassol", "Paphos", "Pissouri")]
    >>> [m.surface for m in _without_road_ends(text, ms)]
    ['Pissouri']
    """
    ends: set[int] = set()
    for a, b in itertools.pairwise(in_sentence):
        join = _ROAD_JOIN.match(text, a.end)
        if join is not None and join.end() == b.start and _ROAD_AFTER.match(text, b.end):
            ends.update((id(a), id(b)))
    if not ends:
        return in_sentence
    kept = [m for m in in_sentence if id(m) not in ends]
    return kept if any(m.literal for m in kept) else in_sentence


#: The opening of a clause that tells what came before the clause in front of it.
_AFTER = re.compile(r"(?:after|following)\b", re.IGNORECASE)
#: The opening of a clause that tells what went on at the time of the event before it: any
#: "while" clause, an "after" (or "following") clause with a gerund, and after an event of
#: :data:`_HOW_TYPES` any "after" clause.
_AT_THE_TIME = re.compile(
    r"(?P<while>while\b)|(?:after|following)\s+(?P<gerund>(?:\w+ing|having)\b)?"
    # "sank ... shortly before reaching Gilimanuk port ..., on Monday night"
    r"|before\s+(?P<nearing>\w+ing\b)",
    re.IGNORECASE,
)
#: A relative clause telling when the incident began: "the Old Station Road fire, which has
#: burnt more than 1200 hectares since it broke out ... on Saturday afternoon".
_ONSET = re.compile(
    r",?\s*(?:which|that)\b[^.;:!?]{0,120}?\b(?:broke\s+out|started|began|erupted|ignited|"
    r"was\s+sparked|flared\s+up)\b",
    re.IGNORECASE,
)
#: The event types whose onset such a clause tells.
_ONSET_TYPES = frozenset({"accident", "disaster", "explosion"})
#: A court's business right before a date: "appeared in court on Monday", "due to stand
#: trial at the Central Criminal Court in Dublin today", "was sentenced Friday".
_COURT_BEFORE = re.compile(
    r"\b(?:trial|court|courtroom|jurors|jury|appeared|appears|appear|sentenced|sentencing|"
    r"pleaded|pleads|hearing|"
    r"remanded|arraigned|arraignment|jailed|convicted|indicted|indictment|adjourned)\b"
    r"[^,;]{0,50}\Z",
    re.IGNORECASE,
)
#: Verbs of an emergency response, of a disruption or of the state an incident left people
#: in, which come the day of what they answer ("airlifted to hospital Monday afternoon after
#: a serious fall", "Voting was disrupted ... yesterday after supporters of two parties
#: clashed", "The highway was closed for several hours this morning after a collision",
#: "Passengers were left shaken this morning after a ferry made heavy contact with the pier").
_RESPONSE = re.compile(
    r"\b(?:called|responded|dispatched|rushed|summoned|alerted|sent|evacuated|airlifted|"
    r"hoisted|winched|rescued|flown|left\s+(?:shaken|shocked|stunned)|"
    r"under\s+(?:[\w-]+\s+){0,5}?water|underwater|submerged|"
    r"inundated|stranded|marooned|displaced|"
    r"(?:forced|helped|moved|taken)\s+(?:from|out\s+of)\s+(?:their|his|her)\s+homes?|"
    r"hospitali[sz]ed|taken\s+to\s+hospital|disrupted|halted|suspended|interrupted|"
    r"shut\s+down|cordoned\s+off|sealed\s+off|"
    r"(?:is|are|was|were|been|remains?|remained)\s+closed|"
    r"closed\s+(?:off|down|(?:the\s+)?(?:road|roads|highway|street|route|lanes?|bridge)))\b",
    re.IGNORECASE,
)


#: A sentence that goes on about the actors or the incident of the one before, by a definite
#: noun phrase: "The attackers struck Téra, ...", "The gunman fled on foot".
_GOES_ON = re.compile(
    r"(?:the|those)\s+(?:[\w-]+\s+)?(?:attackers?|assailants?|gunm[ae]n|raiders|militants|"
    r"insurgents|fighters|shooters?|bombers?|suicide\s+bomber|victims?|suspects?|driver|"
    r"blast|explosion|fire|blaze|crash|collision|attack|raid|strike|ambush|shooting|"
    r"stabbing|robbery)\b",
    re.IGNORECASE,
)


#: A sentence that goes on about the person of the sentence before: "The woman, believed
#: to be in her 20s, was skiing ... on Tuesday afternoon when she fell", "He was ...".
_PERSON_GOES_ON = re.compile(
    r"(?:(?:the|this)\s+(?:[\w-]+\s+){0,2}(?:man|woman|men|women|boy|girl|child|teenager|"
    r"teen|victim|victims|pair|couple|skier|snowboarder|climber|hiker|walker|swimmer|driver|"
    r"rider|cyclist|motorcyclist|pedestrian|pilot|passenger|worker|student|youth)|"
    r"(?:the|this)\s+\d+-year-old|he|she|they)\b",
    re.IGNORECASE,
)


#: What someone was doing when the incident struck: "was walking along Great Eastern Road",
#: "had set out from Waubs Bay".
_WAS_DOING = re.compile(
    r"\b(?:(?:was|were)\s+(?:\w+\s+)?\w+ing|(?:had\s+)?(?:set|headed)\s+(?:out|off)|"
    r"(?:was|were)\s+last\s+seen)\b",
    re.IGNORECASE,
)
#: The incident's moment right after a day: "on Tuesday, February 7, when two men ...".
_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)


def _date_from_next(
    before: Sequence[Event],
    now: Sequence[Event],
    sentence: Sentence,
    dates: Sequence[DateMention],
    published: _dt.date | None,
) -> None:
    """Date the undated events of a sentence by the one after it, in place, where that one
    goes on about the same person (:data:`_PERSON_GOES_ON`) and either tells an event of the
    same type on a given day ("A skier has been left with serious injuries after falling at
    Cairngorm Mountain. The woman ... was skiing ... on Tuesday afternoon when she fell.")
    or, telling no event of its own, sets the scene on one day: "A woman was punched ... in
    Stratford. The 29-year-old was walking along Great Eastern Road ... on Tuesday,
    February 7, when two men on a moped mounted the pavement." ``dates`` are the sentence's
    dates that are no start of a period.
    """
    if not before or not _PERSON_GOES_ON.match(sentence.text):
        return
    scene = None
    if not now:
        if len(dates) != 1 or dates[0].precision != "day":
            return
        day = dates[0]
        if published is not None and day.date > published:
            return
        was_doing = _WAS_DOING.search(sentence.text, 0, day.start)
        if was_doing is None and not _WHEN_AFTER.match(sentence.text, day.end):
            return
        scene = day
    for event in before:
        if event.date is not None:
            continue
        if scene is not None:
            if event.event_type in _INCIDENT_TYPES:
                event.date, event.date_precision = scene.date, scene.precision
            continue
        twin = next(
            (e for e in now if e.event_type == event.event_type and e.date_precision == "day"),
            None,
        )
        if twin is not None:
            event.date, event.date_precision = twin.date, twin.date_precision


#: A count of victims right before an incident: "the death toll in the", "The number of
#: people" (killed). What the clause dates after it is the count.
_TOLL_BEFORE = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:people\s+|those\s+)?"
    r"(?:killed|dead|deaths|victims|injured|who\s+died)?)"
    r"(?:\s+(?:in|from|of)\s+(?:[\w'’-]+\s+){0,6}?)?\s*\Z",
    re.IGNORECASE,
)
#: A possessive right after a date and the few words up to a noun: "Thursday's gun attack".
_POSSESSIVE_TO = re.compile(r"['’]s\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def _days_of_another(text: str, at: int, trigger: TriggerMatch) -> bool:
    """Whether the date ending at ``at`` is put to another incident than ``trigger``'s.

    "Thursday's gun attack", "Sunday's blast": the day belongs to the trigger that follows
    the possessive, unless that trigger is the event's own.
    """
    after = _POSSESSIVE_TO.match(text, at)
    if after is None:
        return False
    return any(
        t.start != trigger.start
        for t in find_triggers(text, start=after.start(1), end=after.end(1))
    )


#: A statement's verb before its day: "said in a release Tuesday", "told reporters on Monday".
_SAID_BY = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|stated|added)\b[^.;\n]{0,40}\Z", re.I
)
#: What follows the statement's day up to the trigger: "that the crash happened".
_THAT_TOLD = re.compile(r"[\s,]*that\b[^.;\n]{0,60}\Z", re.I)


def _day_of_saying(text: str, at: int, end: int, trigger: TriggerMatch) -> bool:
    """Whether the date ``text[at:end]`` before ``trigger`` is the day something was said.

    Examples
    --------
    >>> from geo.events.lexicon import TriggerMatch, event_type_of
    >>> s = "Police said in a release Tuesday that the crash happened on Nov. 11."
    >>> at = s.index("crash")
    >>> crash = TriggerMatch(event_type_of("crash"), at, at + 5, "crash")
    >>> _day_of_saying(s, s.index("Tuesday"), s.index("Tuesday") + 7, crash)
    True
    """
    return (
        end <= trigger.start
        and _SAID_BY.search(text, max(0, at - 60), at) is not None
        and _THAT_TOLD.match(text, end, trigger.start) is not None
    )


def _event_date(
    article: Article, sentence: Sentence, trigger: TriggerMatch, inherited: tuple | None
) -> tuple:
    text = article.text
    published, precision = article.published, article.published_precision
    start, end = clause_span(text, (trigger.start, trigger.end), sentence.start, sentence.end)
    head = WIRE_DATELINE.match(text, sentence.start, sentence.end)
    filed = head.end() - start if head is not None else 0  # the dateline's date is no clue
    in_clause = [
        d
        for d in find_dates(text[start:end], published, precision)
        if not d.since and d.start >= filed
    ]
    if trigger.event_type.name != "arrest":
        # "due to stand trial in Dublin today, charged with the murder of ... on May 6th
        # last year": the day of a hearing is not the day of the crime
        in_clause = [d for d in in_clause if not _COURT_BEFORE.search(text, start, start + d.start)]
    if _TOLL_BEFORE.search(text, max(start, trigger.start - 80), trigger.start):
        # "The death toll in the collapse of a building in Bhiwandi rose to nine on Sunday
        # night": a day after the incident is the count's; "from Saturday's collapse" is not
        in_clause = [d for d in in_clause if start + d.end <= trigger.start]
        if not in_clause:
            return None, None
    # "Police said in a release Tuesday that the crash happened on the evening of Nov. 11":
    # the day before "that" is the statement's
    told = [
        d for d in in_clause if not _day_of_saying(text, start + d.start, start + d.end, trigger)
    ]
    in_clause = told or in_clause
    # "A protest against Thursday's gun attack ... turned violent ... late on Friday": a day
    # in the possessive is the day of the incident it is put to, not of this one
    own = [d for d in in_clause if not _days_of_another(text, start + d.end, trigger)]
    in_clause = own or in_clause
    if in_clause:
        near = trigger.start - start
        best = min(in_clause, key=lambda d: min(abs(d.start - near), abs(d.end - near)))
        return best.date, best.precision
    response = _response_before(text, sentence, start)
    if response is not None:
        # "Police were called this morning after a woman was found with stab wounds": the
        # emergency call of the clause before came on the day of what the clause tells
        lead = response[0]
        before = [d for d in find_dates(text[lead:start], published, precision) if not d.since]
        if before and before[-1].precision == "day":
            return before[-1].date, before[-1].precision
    # "was shot while sitting in a parked car last Thursday", "crashed shortly after taking
    # off ... on Saturday evening", "were killed after a landslide buried a tunnel ... on
    # Friday": what such clauses tell went on at the time of the event
    # "a serious assault which occurred in Boulder on Friday night": so does any event's
    onset = _WHICH_HAPPENED.match(text, end, sentence.end)
    if onset is None and trigger.event_type.name in _ONSET_TYPES:
        onset = _ONSET.match(text, end, sentence.end)
    if onset is not None:
        _, until = clause_span(text, (onset.end() - 1, onset.end()), end, sentence.end)
        began = [
            d for d in find_dates(text[onset.end() : until], published, precision) if not d.since
        ]
        if began:
            return began[0].date, began[0].precision
    at = end
    how = trigger.event_type.name in _HOW_TYPES
    while (opener := _AT_THE_TIME.match(text, at, sentence.end)) is not None and (
        how or opener.group("gerund") or opener.group("while") or opener.group("nearing")
    ):
        _, until = clause_span(text, opener.span(), at, sentence.end)
        during = [d for d in find_dates(text[at:until], published, precision) if not d.since]
        if during:
            return during[0].date, during[0].precision
        at = until
    dates = [
        d
        for d in find_dates(sentence.text, published, precision)
        if not d.since and (head is None or d.start >= head.end() - sentence.start)
    ]
    if dates and _FRONTED.match(sentence.text) and sentence.text[dates[0].end :].startswith(","):
        return dates[0].date, dates[0].precision
    if not dates and inherited is not None:
        return inherited
    if (
        not dates
        and precision == "day"
        and _LIVE.search(text, sentence.start, trigger.end) is not None
    ):
        # "Emergency services are at the scene of a serious crash on State Highway 2": a
        # report written while it goes on is of the day it was posted
        return published, "day"
    return None, None


def _select(
    selector: Selector,
    text: str,
    sentence: Sentence,
    trigger: TriggerMatch,
    in_sentence: Sequence[Mention],
    sources: Mapping[tuple[int, int], str],
) -> list[tuple[Mention, Role]]:
    """The selector's choice among a sentence's mentions, read on the sentence alone.

    The selector was trained on single sentences, so it sees the sentence's text
    with offsets into it; the chosen mentions are the article's own objects. The town of
    a dateline ("Bishkek - KG-24. A mudflow that hit the town of Mailuu-Suu ...") says
    where the report was filed; it is where the event happened only when the sentence
    names no other place (:func:`_dateline_sites`).
    """
    s0 = sentence.start
    local = [dataclasses.replace(m, start=m.start - s0, end=m.end - s0) for m in in_sentence]
    original = {id(copy): m for copy, m in zip(local, in_sentence, strict=True)}
    local_sources = {
        (m.start - s0, m.end - s0): sources.get((m.start, m.end), "recognised") for m in in_sentence
    }
    chosen = selector.select(
        sentence.text,
        (trigger.start - s0, trigger.end - s0),
        local,
        event_type=trigger.event_type,
        sources=local_sources,
    )
    kept = [(original[id(m)], role) for m, role in chosen]
    kept = [(m, role) for m, role in kept if not opens_dateline(text, m.start, m.end)]
    homes = [m for m, _ in kept if _home_town_of_person(text, m)]
    if not homes:
        return kept
    # "drove the wrong way on Interstate 70 near Vail ..., killing a Denver ski instructor":
    # a town before a person says where the person is from; the event's place is another
    # one the sentence gives, when it gives one
    others = [(m, role) for m, role in kept if m not in homes]
    if not others:
        others = [
            (m, role)
            for m, role in locate(
                text,
                (trigger.start, trigger.end),
                # the wide net's names are the selector's alone to take
                [
                    m
                    for m in in_sentence
                    if m not in homes and sources.get((m.start, m.end)) not in _WIDE_NET
                ],
                event_type=trigger.event_type,
            )
            if role == "site"
        ]
    return others or kept


#: A person a town may come before: "a Denver ski instructor", "killed Sacramento man".
_PERSON_AFTER = re.compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:man|woman|men|women|boy|girl|teen|teenager|youth|father|"
    r"mother|dad|mum|mom|grandfather|grandmother|pensioner|couple|family|student|schoolboy|"
    r"schoolgirl|tradesman|tradie|instructor|farmer|nurse|teacher|toddler|native|"
    r"resident|residents)\b"
)
#: Words before a town that make it a place rather than a person's home: "in", "near".
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|outside|inside|into|to|from|of|through|across|around|off)\s+"
    r"(?:the\s+)?\Z",
    re.IGNORECASE,
)


def _home_town_of_person(text: str, mention: Mention) -> bool:
    """Whether ``mention`` names where a person is from: a town right before a person noun
    ("a Denver ski instructor", "killed Sacramento man", "the Toowoomba tradesman") and
    after no preposition of place ("in Denver men's shelter" is no such use).

    Examples
    --------
    >>> from geo.model import Mention
    >>> t = "killing a Denver ski instructor near Vail"
    >>> _home_town_of_person(t, Mention("a", 10, 16, "Denver"))
    True
    >>> _home_town_of_person(t, Mention("a", 37, 41, "Vail"))
    False
    """
    if _PERSON_AFTER.match(text, mention.end) is None:
        return False
    return _PLACE_BEFORE.search(text, max(0, mention.start - 20), mention.start) is None


#: A sentence that says where and when the incident just told happened: "It happened around
#: 2 a.m. Monday at a residence off Ooltewah-Ringgold Road in Ooltewah."
#: The verbs that say an incident happened, where and when.
_HAPPENED_VERB = r"(?P<verb>happened|occurred|took\s+place|unfolded)\b"
_HAPPENED = re.compile(
    r"(?:it|this|that|the\s+(?:[\w-]+\s+){0,2}?(?:shooting|stabbing|crash|collision|incident|"
    r"attack|fire|blaze|robbery|killing|murder|homicide|assault|explosion|protest|"
    r"carjacking|burglary|collapse|accident|derailment|rockfall|landslide|blast|leak|spill|"
    r"breach|ignition|ambush|raid))\s+(?:\w+\s+){0,4}?" + _HAPPENED_VERB,
    re.IGNORECASE,
)


#: The same said by someone ("Police Commissioner Kelvin Sakala said "), the incident's
#: opening as ``what``.
_SAID_HAPPENED = re.compile(
    r"(?:[\w.'’-]+,?\s+){1,8}?(?:said|says|told(?:\s+\w+){0,2}?|confirmed|added|stated)"
    r"\s+(?:that\s+)?(?P<what>" + _HAPPENED.pattern + ")",
    re.IGNORECASE,
)


def _happened(sentence: str) -> re.Match[str] | None:
    """The opening of a sentence saying where and when an incident happened, if it is one.

    Examples
    --------
    >>> _happened("The crash happened on Sunday.")["verb"]
    'happened'
    >>> _happened("Police said the incident occurred at 2pm on 4 December.").start()
    12
    >>> _happened("Police said they arrested a man.") is None
    True
    """
    said = _SAID_HAPPENED.match(sentence)
    return _HAPPENED.match(sentence, said.start("what") if said is not None else 0)


#: What follows an incident's noun to say where and when it happened: "the crash happened".
_HAPPENED_AFTER = re.compile(
    r"\s+(?:(?:was|had)\s+)?(?:(?!said\b|says\b)\w+\s+){0,2}?" + _HAPPENED_VERB,
    re.IGNORECASE,
)
#: The same in a relative clause, which dates the event of the clause before it: "an
#: assault which occurred in Boulder on Friday night".
_WHICH_HAPPENED = re.compile(r",?\s*(?:which|that)" + _HAPPENED_AFTER.pattern, re.IGNORECASE)


def _happened_verb(text: str, trigger: TriggerMatch, end: int) -> TriggerMatch | None:
    """The verb right after an incident's noun that says it happened, as a trigger.

    Examples
    --------
    >>> from geo.events.lexicon import load_lexicon
    >>> crash = next(t for t in load_lexicon() if t.name == "accident")
    >>> text = "Troopers said the crash happened on County Road 14 north of Ault."
    >>> _happened_verb(text, TriggerMatch(crash, 18, 23, "crash"), len(text)).text
    'happened'
    """
    m = _HAPPENED_AFTER.match(text, trigger.end, end)
    if m is None:
        return None
    return TriggerMatch(trigger.event_type, m.start("verb"), m.end("verb"), m["verb"])


def _happened_there(
    events: Sequence[Event],
    article: Article,
    sentence: Sentence,
    match: re.Match[str],
    in_sentence: Sequence[Mention],
    types: tuple[EventType, ...],
    since: int,
) -> bool:
    """Give the latest event with no place the sites of a sentence saying where it happened.

    "Deputies are searching for the person who shot a man inside a home early Monday. /
    It happened around 2 a.m. Monday at a residence off Ooltewah-Ringgold Road in
    Ooltewah.": the second sentence has no trigger of its own; it tells where (and, when
    the event has no date yet, when) the event of the sentence before it happened. Only
    events from ``since`` on (those of the sentence before) are looked at. Returns whether
    an event was placed.
    """
    host = next((e for e in reversed(events[since:]) if not e.places), None)
    if host is None:
        return False
    event_type = event_type_of(host.trigger, types)
    assert event_type is not None  # the host was made from this trigger
    verb = (sentence.start + match.start("verb"), sentence.start + match.end("verb"))
    text = article.text
    sites = [
        EventPlace(mention, "site")
        for mention, role in locate(text, verb, in_sentence, event_type=event_type)
        if role == "site"
    ]
    if not sites:
        return False
    logger.debug("%s happened at %s", host.event_id, [p.mention.surface for p in sites])
    host.places = tuple(sites)
    if host.date is None:
        trigger = TriggerMatch(event_type, verb[0], verb[1], text[verb[0] : verb[1]])
        host.date, host.date_precision = _event_date(article, sentence, trigger, None)
    return True


#: A sentence telling when and where the emergency services answered the incident just
#: told: "Emergency services were called to the home in a court off Heaths Road, Hoppers
#: Crossing, about 5.40am on Tuesday", "GNR police were called at around 4.30am to ...".
_CALLED_OUT = re.compile(
    r"(?:[\w'’.-]+\s+){1,12}?(?:were|was|had\s+been|have\s+been|got)\s+"
    r"(?P<verb>called|alerted|dispatched|summoned)\s+(?:out\s+)?"
    r"(?:to|at|around|about|shortly|just|just\s+before|just\s+after|after|before|on|in|"
    r"early|late|\d)\b",
    re.IGNORECASE,
)


def _called_out(
    events: Sequence[Event],
    article: Article,
    sentence: Sentence,
    match: re.Match[str],
    in_sentence: Sequence[Mention],
    types: tuple[EventType, ...],
) -> None:
    """Date and place the events of the sentence before by the emergency call-out.

    "A man is fighting for life after an explosion destroyed a house in Melbourne's west. /
    Emergency services were called to the single-storey home in a court off Heaths Road,
    Hoppers Crossing, about 5.40am on Tuesday ...": the call came the day of the incident,
    and went where it happened. ``events`` are those of the sentence before. Each that has
    no date takes the call-out's day; the last that has no place takes the call-out's
    places (where the services were called to).
    """
    if not events:
        return
    text = article.text
    verb = (sentence.start + match.start("verb"), sentence.start + match.end("verb"))
    host = events[-1]
    event_type = event_type_of(host.trigger, types)
    assert event_type is not None  # the host was made from this trigger
    call = TriggerMatch(event_type, verb[0], verb[1], text[verb[0] : verb[1]])
    day, precision = _event_date(article, sentence, call, None)
    if day is not None and precision == "day":
        for event in events:
            if event.date is None:
                logger.debug("%s: dated by the call-out %r", event.event_id, sentence.text[:60])
                event.date, event.date_precision = day, precision
    placeless = next((e for e in reversed(events) if not e.places), None)
    if placeless is None:
        return
    # the services went to the place ("called to the home in X")
    sites = [
        EventPlace(mention, "site")
        for mention, role in locate(text, verb, in_sentence, event_type=_RESPONSE_TYPE)
        if role in ("site", "destination")
    ]
    if sites:
        logger.debug("%s: placed by the call-out at %s", placeless.event_id, sites)
        placeless.places = tuple(sites)


def _dateline_sites(
    events: Sequence[Event], mentions: Sequence[Mention], text: str, sentences: Sequence[Sentence]
) -> None:
    """Put the events of a datelined lead paragraph that found no place at the dateline town.

    Local news names where an incident happened in the dateline and nowhere else ("ROCKFORD,
    Ill. — A man was shot early Tuesday outside a convenience store").
    """
    if not events:
        return
    town = dateline_mention(mentions, text)
    if town is None:
        return
    lead = next((s.paragraph for s in sentences if s.start <= town.start < s.end), None)
    paragraph_of = {s.start: s.paragraph for s in sentences}
    for event in events:
        if not event.places and paragraph_of.get(event.quote_start) == lead:
            logger.debug("%s: placed at the dateline %r", event.event_id, town.surface)
            event.places = (EventPlace(town, "site"),)


#: How many sentences (a site's name and menu lines among them) may come before the headline.
_HEADLINE_SENTENCES = 8


#: Headline event types told in the body as the incident they answer: a headline rescue is
#: the body's accident ("Man rescued from grain bin near Hoxie" / "he was trapped up to his
#: chest in wheat ...") when the body tells no rescue of its own.
_HEADLINE_FOLDS: dict[str, frozenset[str]] = {"rescue": frozenset({"accident", "disaster"})}


def _merge_headline(
    events: list[Event], article: Article, sentences: Sequence[Sentence]
) -> list[Event]:
    """Fold each headline event into the body's first event of the same type.

    "Man shot outside store on Elm Street" is the story the lead tells ("A man was shot early
    Tuesday ..."): one incident, not two. The body event keeps its date, actors and quote,
    and takes the headline's places when it has none. A headline rescue with no rescue in
    the body folds into the body's first accident or disaster (:data:`_HEADLINE_FOLDS`).
    Events are numbered again.
    """
    if not article.title or not sentences or len(events) < 2:
        return events
    # the headline opens the text, or follows the site's name and menu lines
    title = " ".join(article.title.split())
    first = next(
        (s for s in sentences[:_HEADLINE_SENTENCES] if " ".join(s.text.split()) == title), None
    )
    if first is None:
        return events
    headline = [e for e in events if e.quote_start == first.start]
    body = [e for e in events if e.quote_start > first.start]
    kept = []
    for event in headline:
        twin = next((b for b in body if b.event_type == event.event_type), None)
        if twin is None and event.event_type in _HEADLINE_FOLDS:
            # "Man rescued from grain bin near Hoxie" heads "... after he was trapped ..."
            folds = _HEADLINE_FOLDS[event.event_type]
            twin = next((b for b in body if b.event_type in folds), None)
        if twin is None:
            kept.append(event)
            continue
        if not twin.places and event.places:
            twin.places = event.places
        logger.debug("%s: headline event merged into %s", event.event_id, twin.event_id)
    merged = [*(e for e in events if e.quote_start < first.start), *kept, *body]
    if len(merged) == len(events):
        return events
    for n, event in enumerate(merged, 1):
        event.event_id = f"{article.id}:e{n}"
    return merged


#: The types of incident a hearing or a police statement is about.
_INCIDENT_TYPES = frozenset(
    {"abduction", "accident", "attack", "clash", "explosion", "killing", "robbery", "shootdown"}
)
#: A sentence retelling the incident a report is about, as a court heard it or the police
#: gave it: "The court heard that ...", "According to police facts tendered to the court,
#: ...", "Police said three armed men forced their way into a house ...", "The prosecutor
#: told jurors that ...", "The inquest heard ...", "The charge relates to an incident on
#: ...", "... admitted a charge of arson at the property ...", "On the night of November
#: 23, ... the accused allegedly broke open the rear door".
_RETOLD = re.compile(
    r"(?:the\s+(?:court|jury|inquest|hearing)\s+(?:heard|was\s+told)"
    r"|jurors\s+(?:heard|were\s+told)"
    r"|\btold\s+(?:the\s+)?(?:jurors|jury|court|inquest|hearing|magistrates)\b"
    r"|the\s+prosecution\s+(?:said|told)"
    r"|according\s+to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:police|rcmp|gardaí|gardai|saps|"
    r"prosecutors?|prosecution|court\s+documents|charging\s+documents)\b"
    r"|(?:police|prosecutors?|gardaí|gardai|officers|detectives)\s+(?:said|say|allege[sd]?)\s+"
    r"(?:that\s+)?(?!on\b|\w+day\b|they\b|it\b)"
    r"|the\s+charges?\s+relates?\s+to|it\s+is\s+alleged\b|^on\s+the\s+night\s+of\b"
    r"|(?:admitted|admits|denied|denies|faces?|pleaded\s+(?:not\s+)?guilty\s+to)\s+"
    r"(?:an?\s+|the\s+)?(?:\w+\s+)?(?:charges?|counts?)\s+of\b)",
    re.IGNORECASE,
)
#: A date that tells when something was said, not when the incident was: "said on Tuesday".
_SAID_BEFORE = re.compile(r"\b(?:said|says|say|told|announced|added)\s+(?:on\s+)?\Z", re.I)


#: How many days before the lead's own day "The collapse happened ..." may put it.
_HAPPENED_WITHIN_DAYS = 31


def _could_be_the_leads(lead: Event, day: _dt.date, published: _dt.date | None) -> bool:
    """Whether a day told later can be the lead incident's: not after publication, and
    inside the lead's month or year when it has one."""
    if published is not None and day > published:
        return False
    if lead.date is None or lead.date_precision == "day":
        return True
    return day.year == lead.date.year and (
        lead.date_precision != "month" or day.month == lead.date.month
    )


def _happened_date(
    events: Sequence[Event], article: Article, sentences: Sequence[Sentence]
) -> None:
    """Give the report's incident the day a later sentence says it happened on, in place.

    A report of a rescue or an inquiry leads with what is going on now ("Rescue teams were
    working on Tuesday to reach two contractors trapped by a rockfall in Tierra Amarilla")
    and says when the incident was further on: "The collapse happened at around 9:30pm on
    Saturday, August 31." The incident (the first event of an incident type with a place)
    takes that day when it has none, or when its own is later by at most
    :data:`_HAPPENED_WITHIN_DAYS` days; the day must be on or before publication.
    """
    lead = next((e for e in events if e.event_type in _INCIDENT_TYPES and e.places), None)
    if lead is None:
        return
    published = article.published
    for sentence in sentences:
        if sentence.start <= lead.quote_start:
            continue
        frame = _happened(sentence.text)
        if frame is None or frame.group().lower().startswith(("it", "this", "that")):
            continue  # "It happened ...": whatever the sentence before told
        day = next(
            (
                d
                for d in find_dates(
                    sentence.text[frame.end() :], published, article.published_precision
                )
                if not d.since and d.precision == "day"
            ),
            None,
        )
        if day is None or not _could_be_the_leads(lead, day.date, published):
            return
        if lead.date_precision == "day" and not (
            0 < (lead.date - day.date).days <= _HAPPENED_WITHIN_DAYS  # type: ignore[operator]
        ):
            return
        logger.debug("%s: happened on %s", lead.event_id, day.date)
        lead.date, lead.date_precision = day.date, day.precision
        return


#: A sentence opening on the incident just told, by a definite noun, maybe as someone said
#: it: "The fire started at around 2:15 p.m. in a wooded area on the edge of Keratea", "The
#: Bureau of Meteorology said the supercell thunderstorm ... hit Dalby at about 5.40pm".
_DEFINITE_OPENING = re.compile(
    r"(?:(?:[\w'’.-]+\s+){1,6}?(?:said|says|reported|added)\s+(?:that\s+)?)?"
    r"(?:the|this|that)\s+(?:[\w'’-]+\s+){0,4}?\Z",
    re.IGNORECASE,
)


def _definite_sequel(
    events: Sequence[Event], text: str, sentences: Sequence[Sentence], starts: Sequence[int]
) -> None:
    """Share place and day between an incident and the next sentence's "The fire ...", in place.

    "A wildfire that broke out on Tuesday afternoon near Keratea, in East Attica, was
    brought under control on Wednesday night ... / The fire started at around 2:15 p.m. in
    a wooded area on the edge of Keratea." The second sentence opens on the incident of
    the first by a definite noun of the same event type: it is the same incident. The
    sequel takes the day of the first when it has none, and the first takes the sites of
    the sequel when it has none. ``starts`` are the sentences' start offsets.
    """
    first_of: dict[tuple[int, str], Event] = {}
    for event in events:
        first_of.setdefault((bisect_right(starts, event.quote_start) - 1, event.event_type), event)
    for (k, event_type), sequel in first_of.items():
        if k < 1 or event_type not in _SEQUEL_TYPES:
            continue
        first = next(
            (
                e
                for (j, other), e in first_of.items()
                if j == k - 1 and _same_incident_types(other, event_type)
            ),
            None,
        )
        sentence = sentences[k]
        if first is None or not _DEFINITE_OPENING.fullmatch(
            text, sentence.start, sequel.trigger_start
        ):
            continue
        if sequel.date is None and first.date is not None:
            sequel.date, sequel.date_precision = first.date, first.date_precision
        sites = tuple(p for p in sequel.places if p.role == "site")
        if not first.places and sites:
            logger.debug("%s: sited by its sequel %s", first.event_id, sequel.event_id)
            first.places = sites


#: A sentence opening that turns to another incident than the one before: "A second fire",
#: "In another attack", "Earlier, ...", "Last year a ferry ...".
_ANOTHER_OPENING = re.compile(
    r"(?:an?|another|earlier|meanwhile|separately|similarly|last|previously|in\s+"
    r"(?:an?|another|a\s+separate|a\s+similar|\d{4}))\b",
    re.IGNORECASE,
)


def _restated_day(
    events: Sequence[Event],
    article: Article,
    sentences: Sequence[Sentence],
    starts: Sequence[int],
) -> None:
    """Give an incident with no day the day the next sentence tells it again on, in place.

    Follow-up reports lead with what came after ("The number of people killed in the
    collapse of a building in Juiz de Fora rose to six on Tuesday") and tell the incident
    itself in the next sentence: "The building, home to eight families, collapsed at
    around 10:40 PM on Friday, December 3rd." The first incident with a place and no day
    whose next sentence tells an event of its type on a day, at no other place (a road the
    gazetteer does not hold is no other place: "on the N17 at Knock Road"), and does not
    turn to another incident (:data:`_ANOTHER_OPENING`), takes that day, as do the lead
    sentence's other placed events of that incident ("killed in the collapse"); the event
    told again takes its sites when it has none. A killing and an attack may be one
    incident told twice. ``starts`` are the sentences' start offsets.
    """
    published = article.published
    for lead in events:
        if lead.event_type not in _INCIDENT_TYPES or not lead.places:
            continue
        if lead.date_precision == "day":
            return  # the first placed incident has its day
        k = bisect_right(starts, lead.quote_start) - 1
        if k + 1 >= len(sentences) or _ANOTHER_OPENING.match(sentences[k + 1].text):
            continue
        told_at = sentences[k + 1].start
        known = {_place_key(p) for p in lead.places}
        for again in events:
            # its places from the sentence itself, not the dateline's or the one before's
            own = [p for p in again.places if p.mention.start >= told_at]
            if (
                again.quote_start != told_at
                or not _same_incident_types(again.event_type, lead.event_type)
                or again.date_precision != "day"
                or any(
                    _place_key(p) not in known
                    for p in own
                    if p.role == "site" and p.mention.place is not None
                )
                or not _could_be_the_leads(lead, again.date, published)
            ):
                continue
            logger.debug("%s: told again on %s by %s", lead.event_id, again.date, again.event_id)
            # the lead and, in its sentence, the rest of the incident ("killed in the collapse")
            for same in events:
                if (
                    same.quote_start == lead.quote_start
                    and same.places
                    and same.date_precision != "day"
                    and _same_incident_types(same.event_type, again.event_type)
                    and _could_be_the_leads(same, again.date, published)
                ):
                    same.date, same.date_precision = again.date, again.date_precision
            if not own:
                again.places = tuple(p for p in lead.places if p.role == "site")
            return


def _same_incident_types(a: str, b: str) -> bool:
    """Whether events of types ``a`` and ``b`` can tell one incident: the same type, a
    killing and the attack, the fighting or the accident it was ("stabbed to death" /
    "found with stab wounds", "Six men have been killed in a tribal fight" / "The fighting
    broke out on Monday", "A young man died when the car ... struck a tree" / "a Corsa that
    crashed ... on the night of Saturday, March 4"), or a disaster and the accident it was
    ("a landslide" / "the heap of waste collapsed")."""
    return a == b or {a, b} in (
        {"killing", "attack"},
        {"killing", "clash"},
        {"killing", "accident"},
        {"disaster", "accident"},
    )


def _place_key(p: EventPlace) -> str:
    """What identifies an event's place: its gazetteer entry, or its name when it has none."""
    place = p.mention.place
    return place.place_id if place is not None else p.mention.surface.lower()


#: The event types a definite sequel can go on telling.
_SEQUEL_TYPES = _INCIDENT_TYPES | {"disaster"}


def _retold_date(events: Sequence[Event], article: Article, sentences: Sequence[Sentence]) -> None:
    """Give the report's incident the day a later sentence retells it on, in place.

    A report of a hearing or an arrest leads with the news ("A burglar who crept into a
    holiday cottage in Mevagissey has been jailed") and tells the day of the crime further
    on, framed as what the court heard or the police said: "The court heard that Trevail
    got in ... on the night of Saturday, January 14." The incident is the first event of an
    incident type with a place and no day; the day is that of the first such sentence after
    it, on or before the publication date, inside the incident's month or year if it has
    one ("a burglary in Kodaikanal last month ... On the night of November 23, ..."), and
    not the day of a hearing or of a statement ("police said on Tuesday").
    """
    lead = next(
        (
            e
            for e in events
            if e.event_type in _INCIDENT_TYPES and e.places and e.date_precision != "day"
        ),
        None,
    )
    if lead is None:
        return
    text, published = article.text, article.published
    for sentence in sentences:
        if sentence.start <= lead.quote_start:
            continue
        frame = _RETOLD.search(sentence.text)
        if frame is None:
            continue
        if any(
            e.quote_start == sentence.start and e.event_type not in _INCIDENT_TYPES for e in events
        ):
            continue  # "Police said they arrested him on April 22": the arrest's day
        for d in find_dates(sentence.text[frame.start() :], published, article.published_precision):
            at = sentence.start + frame.start() + d.start
            if (
                d.since
                or d.precision != "day"
                or not _could_be_the_leads(lead, d.date, published)
                or _COURT_BEFORE.search(text, sentence.start, at)
                or _SAID_BEFORE.search(text, sentence.start, at)
            ):
                continue
            logger.debug("%s: retold on %s", lead.event_id, d.date)
            lead.date, lead.date_precision = d.date, d.precision
            return


def extract_events(
    article: Article,
    mentions: Sequence[Mention],
    *,
    lexicon: tuple[EventType, ...] | None = None,
    selector: Selector | str | None = "shipped",
    sources: Mapping[tuple[int, int], str] | None = None,
    unknown_names: frozenset[str] | None = None,
) -> list[Event]:
    """The events an article reports, with places, roles, dates, actors and routes.

    Parameters
    ----------
    article
        The article; its ``published`` date and precision anchor relative dates.
    mentions
        The place mentions found in ``article.text`` (offsets into it), resolved or not;
        ``literal=False`` marks metonyms and demonyms, which are never locations.
    lexicon
        Event types; the shipped ``lexicon.csv`` by default.
    selector
        Decides which mentions of a trigger's sentence are where its event happened
        (:class:`geo.events.selector.Selector`, the one ``geo eval-events`` scores);
        the shipped model by default. ``None``: the rules of
        :func:`geo.events.roles.locate` decide alone.
    sources
        Where each mention ``(start, end)`` came from (``geo.events.locator.SOURCES``);
        ``"recognised"`` when missing. Mentions from the wide net of capitalised names
        (:func:`geo.events.locator.unknown_candidates`) are left to the selector and
        never located by the rules alone.
    unknown_names
        When given, each sentence with a trigger also proposes the names no gazetteer
        holds (:func:`geo.events.locator.unknown_candidates`; the rules see only those
        after a locative preposition), leaving out these lower-case surnames (people).
        The ones an event uses are its unresolved places; the others are dropped.

    Returns
    -------
    list of Event
        In text order, with ids ``f"{article.id}:e{n}"``.

    Examples
    --------
    >>> import datetime
    >>> from geo.model import Article, Mention
    >>> text = "On 8 January, Iran launched missiles at the Ain al-Asad base."
    >>> article = Article("a1", text, published=datetime.date(2020, 3, 1),
    ...                   published_precision="month")
    >>> i = text.index("Ain al-Asad")
    >>> mentions = [Mention("a1", 14, 18, "Iran"), Mention("a1", i, i + 11, "Ain al-Asad")]
    >>> [event] = extract_events(article, mentions)
    >>> event.event_id, event.event_type, event.date_iso, event.actors
    ('a1:e1', 'attack', '2020-01-08', ('Iran',))
    >>> [(p.mention.surface, p.role) for p in event.places]
    [('Ain al-Asad', 'site')]
    """
    types = load_lexicon() if lexicon is None else lexicon
    chooser = load_selector() if selector == "shipped" else selector
    sources = dict(sources or {})
    if chooser is None:
        mentions = [m for m in mentions if sources.get((m.start, m.end)) not in _WIDE_NET]
    text = article.text
    sentences = split_sentences(text)
    ordered = sorted(mentions, key=lambda m: m.start)
    events: list[Event] = []
    previous: Sentence | None = None
    inherited: tuple | None = None
    last_sentence_events = 0  # the first event of the sentence before
    for sentence in sentences:
        if previous is not None and previous.paragraph != sentence.paragraph:
            # a new paragraph is about something else, unless it goes on about the lead's
            # actors or incident: "The attackers struck Téra ..."
            previous = None
            if not _GOES_ON.match(sentence.text):
                inherited = None
        in_sentence = [m for m in ordered if sentence.start <= m.start < sentence.end]
        triggers = find_triggers(text, types, sentence.start, sentence.end)
        first_of_sentence = len(events)
        # "It happened at ...", "The shooting occurred in ...": where the event before happened
        happened = _happened(sentence.text)
        if happened is not None and any(
            t.start >= sentence.start + happened.start("verb") for t in triggers
        ):
            happened = None  # the sentence tells an event of its own
        called = None if triggers or happened else _CALLED_OUT.match(sentence.text)
        if (triggers or happened or called) and unknown_names is not None:
            extra, where = unknown_candidates(
                text, in_sentence, unknown_names, sentence.start, sentence.end
            )
            if chooser is None:
                extra = [m for m in extra if where[m.start, m.end] not in _WIDE_NET]
            for m in extra:
                m.article_id = article.id
            sources.update(where)
            in_sentence = sorted([*in_sentence, *extra], key=lambda m: m.start)
        in_sentence = _without_road_ends(text, in_sentence)
        for group in _merged_triggers(triggers):
            first = group[0]
            located: list[tuple[Mention, Role]] = []
            for trigger in group:
                if isinstance(chooser, Selector):
                    found = _select(chooser, text, sentence, trigger, in_sentence, sources)
                else:
                    found = locate(
                        text,
                        (trigger.start, trigger.end),
                        in_sentence,
                        event_type=trigger.event_type,
                    )
                if not found and (verb := _happened_verb(text, trigger, sentence.end)):
                    # "Troopers said the crash happened ... on County Road 14 north of
                    # Ault": the sentence says outright where, about the verb far from the
                    # noun, so the rules' sites stand (as for "It happened at ...")
                    found = [
                        (m, role)
                        for m, role in locate(
                            text, (verb.start, verb.end), in_sentence, event_type=verb.event_type
                        )
                        if role == "site"
                    ]
                located += found or _anaphor(text, trigger, sentence, previous, ordered)
            places: list[EventPlace] = []
            for mention, role in located:
                if all(p.mention is not mention for p in places):
                    places.append(EventPlace(mention, role))
            places = _drop_care_places(_drop_containers(places), text, first.event_type)
            places.sort(key=lambda p: (ROLES.index(p.role), p.mention.start))
            # "charged with murder after a man was found dead ... on Sunday": one killing,
            # dated by the first of its triggers whose words give a date
            day, precision = next(
                (
                    dated
                    for trigger in group
                    if (dated := _event_date(article, sentence, trigger, inherited))[0]
                ),
                (None, None),
            )
            actors = find_actors(
                text, (first.start, first.end), in_sentence, lo=sentence.start, hi=sentence.end
            )
            events.append(
                Event(
                    event_id=f"{article.id}:e{len(events) + 1}",
                    article_id=article.id,
                    event_type=first.event_type.name,
                    trigger=first.text,
                    trigger_start=first.start,
                    trigger_end=first.end,
                    quote=sentence.text,
                    quote_start=sentence.start,
                    quote_end=sentence.end,
                    date=day,
                    date_precision=precision,
                    actors=actors,
                    places=tuple(places),
                )
            )
        _share_circumstances(events[first_of_sentence:], text)
        _after_how(events[first_of_sentence:], text, sentence, in_sentence, types)
        _response_sites(events[first_of_sentence:], text, sentence, in_sentence)
        if happened is not None and _happened_there(
            events[:first_of_sentence],
            article,
            sentence,
            happened,
            in_sentence,
            types,
            last_sentence_events,
        ):
            del events[first_of_sentence:]  # "The shooting" is the event placed
        dates = [
            d
            for d in find_dates(sentence.text, article.published, article.published_precision)
            if not d.since
        ]
        _date_from_next(
            events[last_sentence_events:first_of_sentence],
            events[first_of_sentence:],
            sentence,
            dates,
            article.published,
        )
        if called is not None:
            _called_out(
                events[last_sentence_events:first_of_sentence],
                article,
                sentence,
                called,
                in_sentence,
                types,
            )
        last_sentence_events = first_of_sentence
        inherited = (dates[0].date, dates[0].precision) if len(dates) == 1 else None
        previous = sentence
    _dateline_sites(events, ordered, text, sentences)
    events = _merge_headline(events, article, sentences)
    starts = [s.start for s in sentences]
    _retold_date(events, article, sentences)
    _happened_date(events, article, sentences)
    _definite_sequel(events, text, sentences, starts)
    _restated_day(events, article, sentences, starts)
    link_routes(events, text, starts, article.id)
    refine_destinations(events, ordered, text, starts)
    anchor_unresolved(events, ordered, text)
    logger.debug("%s: %d events", article.id, len(events))
    return events
