"""Putting an event on the map when its place is not in the gazetteer.

Incident reports name the street, the neighbourhood or the village ("at her Reshimbagh
residence", "in the Shejaiya neighbourhood of Gaza"); no gazetteer holds most of them. Such
a place stays an unresolved mention (the user can add it), but the event should still sit
near where it happened. :func:`anchor_unresolved` gives each unresolved event place an
*anchor*: a resolved mention of the same article standing in for it, in this order:

1. its container, named right after it: "Reshimbagh, Nagpur", "Shejaiya neighbourhood of
   Gaza", "Alsaliheen in Kherson", "the village of X near Y"; or the town right before it
   whose part it is: "the Hamilton suburb of Frankton";
2. the town the article names by the same name where the gazetteer does hold it, when
   another place of the article lies near that town: "the Nuseirat refugee camp" (a
   camp, which the gazetteer lacks) lies at the town Nuseirat, beside Gaza, and
   "Kensington and Allegheny avenues" at Kensington;
3. the town whose name opens its own, before a compass point or the like, or follows one:
   "Paarl East" lies in Paarl, "Kwinana Beach" by Kwinana, "East Ballina" in Ballina;
4. the article's home place: the town or city (no wider area) of its news dateline
   ("ROCKFORD, Ill. — A man was shot ...", :func:`dateline_mention`); without one, the town
   the article names most often, when it names it at least :data:`HOME_MIN_MENTIONS` times
   or in its lead: the first :data:`LEAD_CHARS` characters, or to the end of the story's
   first paragraph after a web page's headline and byline lines (:func:`lead_end`; "A
   widow was robbed in Nagpur ..."); the town of a local site's name ("Ithaca Daily
   Dispatch") counts as two mentions.

An anchored place is drawn at its anchor with the geo precision ``near``
(:attr:`geo.model.EventPlace.precision`); one with no anchor is listed but not drawn.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from geo.geodesy import great_circle_km
from geo.model import AREA_LEVEL_KINDS, Event, EventPlace, Mention
from geo.toponyms import (
    DATELINE_CHARS,
    SITE_NAME,
    STREET_PAIR_HEADS,
    on_menu_line,
    opens_dateline,
)

__all__ = [
    "HOME_MIN_MENTIONS",
    "LEAD_CHARS",
    "anchor_unresolved",
    "container_of",
    "dateline_mention",
    "home_place",
    "lead_end",
    "names_care_or_court",
    "place_near",
]

logger = logging.getLogger(__name__)

#: How often the article must name a town for it to be the article's home place.
HOME_MIN_MENTIONS = 2
#: How near another town of the story the town of a site's name must lie to be its home.
_SITE_KM = 60.0
#: A town named this early (dateline, lead) is the home place even when named once.
LEAD_CHARS = 300
#: What may stand between a small place and its container ("X, Y", "X neighbourhood of Y",
#: "U.S. 641 about three miles south of Paris").
_OF_KIND = r"(?:(?:city|town|village|district|province|state|county|governorate|region)\s+of\s+)"
_CONTAINER_GAP = re.compile(
    r"(?:\s+(?:neighbou?rhood|area|district|suburb|locality|colony|village|town|section|community|"
    r"quarter|camp|street|road|avenue|township|municipality|market|square|"
    # "the Shakhtinskaya-2 mine in the town of Shakhtinsk": a works in its town
    r"mine|colliery|plant|factory|refinery|works|terminal|depot|warehouse|dam|"
    r"north|south|east|west|central|extension))?\s*"
    # "X, Y" and "X, the city of Y"; "at Heceta Beach, the Lane County Sheriff's Office said"
    # names no container
    rf"(?:,\s*(?:(?:the\s+)?{_OF_KIND})?"
    # "Cairngorm Mountain, near Aviemore", "the resort, west of Golden"
    r"|,?\s*(?:\bin\b|\bof\b|\bnear\b|\boutside\b|"
    # "Mavivi, on the northern outskirts of Beni"
    r"\b(?:on|in)\s+the\s+(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"outskirts\s+of\b|"
    # "about three miles south of Paris", "2 km east of", "just north of"
    r"(?:\b(?:about|some|roughly|around|nearly|approximately|just)\s+)?"
    r"(?:\b(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"a\s+few|several|half\s+a)\s*-?\s*(?:miles?|mi\.?|kilometres?|kilometers?|km|yards?|"
    r"metres?|meters?|m)\s+)?"
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\b)"
    rf"\s*(?:the\s+)?{_OF_KIND}?)",
    re.IGNORECASE,
)
_MAX_GAP = 48

#: Right before a town: the hospital the victim was taken to, not where it happened.
_CARE_BEFORE = re.compile(
    r"\b(?:hospitals?|infirmary|clinic|medical\s+cent(?:er|re)|trauma\s+cent(?:er|re)|"
    r"burns?\s+unit|morgue|mortuary)\s+(?:in|at)\s+(?:nearby\s+)?(?:the\s+)?\Z",
    re.IGNORECASE,
)
#: Right after a town: the hospital or the court it names ("Perth Royal Infirmary", "the
#: Invercargill District Court", "Pontypridd Coroner's Court"), where the hurt are cared for
#: and cases heard, not where anything happened.
_CARE_AFTER = re.compile(
    r"\s+(?:(?:Royal|General|University|Regional|District|Base|Memorial|Community|Teaching|"
    r"Crown|Magistrates?['’]?|Magistrates['’]|Supreme|High|Circuit|County|Superior|Youth|"
    r"Family|Coroner['’]?s['’]?|Coroners|Municipal|Justice|Criminal|Sheriff|Local|Provincial|"
    r"City|Federal)\s+)*(?:Hospital|Infirmary|Medical\s+Cent(?:er|re)|Court|Courthouse|"
    r"Court\s+House|Courts)\b"
)


def names_care_or_court(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is the town of a hospital or a court: "taken to hospital in Faro",
    "Perth Royal Infirmary", "the Invercargill District Court".

    Examples
    --------
    >>> t = "He was taken to Perth Royal Infirmary from Pitlochry."
    >>> names_care_or_court(t, Mention("a", 16, 21, "Perth"))
    True
    >>> names_care_or_court(t, Mention("a", 43, 52, "Pitlochry"))
    False
    """
    return (
        _CARE_BEFORE.search(text, max(0, mention.start - 40), mention.start) is not None
        or _CARE_AFTER.match(text, mention.end) is not None
    )


#: Between a town and a part of it named after it: "the Hamilton suburb of Frankton".
_PART_BEFORE = re.compile(
    r"['’]?s?\s+(?:suburb|neighbou?rhood|district|township|area|quarter|section)\s+of\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)


def dateline_mention(mentions: Sequence[Mention], text: str) -> Mention | None:
    """The resolved town of the article's news dateline ("ROCKFORD, Ill. — A man..."), if any.

    The dateline opens a line within the first :data:`DATELINE_CHARS` characters: a place
    name, optionally its state or country and the agency, then a dash or a colon. After the
    lead (:func:`lead_end`), the line must also run on as a story does: a list of other
    stories ("Kilifi: Three fishermen missing off Malindi") opens no report.

    Examples
    --------
    >>> from geo.model import Mention, Place
    >>> town = Place("r", "Rockford", 42.27, -89.09, "city", "US")
    >>> text = "Man shot\\nROCKFORD, Ill. — A man was shot early Tuesday."
    >>> dateline_mention([Mention("a", 9, 17, "ROCKFORD", town)], text).surface
    'ROCKFORD'
    >>> dateline_mention([Mention("a", 9, 17, "ROCKFORD", town)], "Man shot\\nROCKFORD said") is None
    True
    """
    lead = lead_end(text)
    for m in mentions:
        if m.start > DATELINE_CHARS:
            break
        if m.place is None or not m.literal:
            continue
        if opens_dateline(text, m.start, m.end) and (m.start < lead or _opens_a_story(text, m)):
            return m
    return None


def _opens_a_story(text: str, m: Mention) -> bool:
    """Whether the line ``m`` opens runs on as a story does (:data:`_LEAD_WORDS` words or
    more), not as one of the headlines listed under it ("Kilifi: Three fishermen missing")."""
    end = text.find("\n", m.start)
    return len(text[m.start : len(text) if end < 0 else end].split()) >= _LEAD_WORDS


def container_of(
    mention: Mention, mentions: Sequence[Mention], text: str, *, resolved: bool = True
) -> Mention | None:
    """The resolved mention that says where ``mention`` lies, right after it, if any.

    With ``resolved=False``, an unresolved one too ("the Cockburn Sound Fertilisers plant
    in Kwinana Beach"), whose own anchor then stands for both.

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
    # "the Hamilton suburb of Frankton": the town named right before its part
    preceding = [m for m in mentions if m.end <= mention.start]
    if preceding:
        prev = max(preceding, key=lambda m: m.end)
        if (
            prev.place is not None
            and prev.literal
            and prev.place.kind not in AREA_LEVEL_KINDS
            and _PART_BEFORE.fullmatch(text, prev.end, mention.start)
        ):
            return prev
    following = [m for m in mentions if m.start >= mention.end]
    if not following:
        return None
    nxt = min(following, key=lambda m: m.start)
    gap = text[mention.end : nxt.start]
    if (
        (resolved and nxt.place is None)
        or not nxt.literal
        or len(gap) > _MAX_GAP
        or not _CONTAINER_GAP.fullmatch(gap)
    ):
        return None
    return nxt


def home_place(mentions: Sequence[Mention], text: str | None = None) -> Mention | None:
    """The first mention of the town or city the article is about, if it has one.

    The town of the news dateline wins when ``text`` is given and has one: a local report
    datelined "ROCKFORD, Ill. —" is about Rockford even when it names a neighbouring town
    more often. Otherwise the town named most often (at least :data:`HOME_MIN_MENTIONS`
    times), or one named in the lead (:func:`lead_end`). The town of a web page's site
    name (cue :data:`geo.toponyms.SITE_NAME`) counts :data:`HOME_MIN_MENTIONS` times and
    wins a tie, where another town of the story lies within :data:`_SITE_KM` of it.

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
        if m.place is not None
        and (m.literal or m.cue == SITE_NAME)
        and m.place.kind not in AREA_LEVEL_KINDS
        # a site's menu ("Home | News | Cape Town | Western Cape") says what it covers
        and (text is None or not on_menu_line(text, m.start))
    ]
    if not towns:
        return None
    if text is not None:
        dateline = dateline_mention(towns, text)
        if dateline is not None:
            return dateline
    site = towns[0] if towns[0].cue == SITE_NAME else None
    if site is not None and not _site_town_stands(site, towns):
        # a town the rules read literally stays a mention as any other, without the weight
        if not site.literal:
            towns = towns[1:]
            if not towns:
                return None
        site = None
    counts = Counter(m.place.place_id for m in towns if m.place is not None)
    if site is not None:
        # the town a local site covers ("Ithaca Daily Dispatch") weighs as much as a town
        # the story names twice: a victim's home town or the hospital's named as often
        # does not take its place, a town the story names more often does (its hospital or
        # its court aside: "the Kingston Public Hospital" in a May Pen story on a Kingston
        # site)
        counts[site.place.place_id] += HOME_MIN_MENTIONS - 1  # type: ignore[union-attr]
        if text is not None:
            for m in towns[1:]:
                if m.place != site.place and names_care_or_court(text, m):
                    counts[m.place.place_id] -= 1  # type: ignore[union-attr]
    first: dict[str, Mention] = {}
    for m in towns:
        assert m.place is not None
        first.setdefault(m.place.place_id, m)
    best = max(first.values(), key=lambda m: (counts[m.place.place_id], -m.start))  # type: ignore[union-attr]
    assert best.place is not None
    if counts[best.place.place_id] >= HOME_MIN_MENTIONS or best.start < lead_end(text):
        return best
    return None


def _site_town_stands(site: Mention, towns: list[Mention]) -> bool:
    """Whether the story bears out the town read from a site's name (``towns[0]``): another
    town of the story lies within :data:`_SITE_KM` of it, or the story names no other.
    "Marmara Daily" over a story of Kocaeli and Gebze is no paper of the island town of
    Marmara."""
    assert site.place is not None
    others = [m.place for m in towns[1:] if m.place is not None and m.place != site.place]
    return not others or any(
        great_circle_km(site.place.lat, site.place.lon, p.lat, p.lon) <= _SITE_KM for p in others
    )


#: A paragraph with at least this many words is the story's first, after the headline,
#: standfirst and byline lines of a web page.
_LEAD_WORDS = 15
#: How far into a page the first paragraph of the story is looked for.
_LEAD_SEARCH = 1500
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“]?[A-Z])")


def lead_end(text: str | None) -> int:
    """Where the lead ends: the end of the story's first sentence, at least :data:`LEAD_CHARS`.

    A web page opens with its site's name, a menu, a headline, a standfirst and a byline;
    the lead sentence comes after them. It is the first sentence of the first paragraph of
    :data:`_LEAD_WORDS` words or more that ends as a sentence does (a standfirst has no full
    stop), within :data:`_LEAD_SEARCH` characters.

    Examples
    --------
    >>> menu = "Home | News | Courts | Govan | Partick | Paisley | Sport | Celtic | Rangers"
    >>> head = f"Glasgow South Side News\\n{menu}\\nMan appears in court after Govan stabbing\\n"
    >>> lead = ("A 31-year-old man has appeared at Glasgow Sheriff Court charged with "
    ...         "attempted murder following a stabbing in Govan at the weekend.")
    >>> page = head + "Victim, 27, remains in hospital\\nBy Craig McAllister\\n" + lead + " He..."
    >>> page[: lead_end(page)].endswith("at the weekend.")
    True
    >>> lead_end(None), lead_end("Short.")
    (300, 300)
    """
    if text is None:
        return LEAD_CHARS
    start = 0
    while start < min(len(text), _LEAD_SEARCH):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].rstrip()
        if (
            len(line.split()) >= _LEAD_WORDS
            and line.endswith((".", "!", "?", '"', "”", "’", "'", ")"))
            and not on_menu_line(text, start)
        ):
            stop = _SENTENCE_END.search(text, start, end)
            return max(LEAD_CHARS, stop.end() if stop else end)
        start = end + 1
    return LEAD_CHARS


#: What follows a town's name in the name of a part of it: "Paarl East", "Soweto Extension".
_PART_WORDS = frozenset(
    "east west north south central cbd extension township location phase ext "  # noqa: SIM905
    "beach heights hills park harbour harbor estate".split()
)
#: Words that open the name of a part of the town named after them: "East Ballina".
_PART_OPENERS = frozenset("east west north south central upper lower".split())  # noqa: SIM905


#: Two streets named by one plural head: "Kensington and Allegheny avenues".
_STREET_PAIR = re.compile(
    rf"(.+?)\s+(?:and|&)\s+(.+?)\s+(?:{'|'.join(STREET_PAIR_HEADS)})", re.IGNORECASE
)


def _names_of(mention: Mention) -> list[str]:
    """The names a town may share with ``mention``, in lower case: its own, and each of a
    pair of streets ("Kensington and Allegheny avenues" lie in Kensington)."""
    surface = mention.surface.lower()
    pair = _STREET_PAIR.fullmatch(surface)
    return [surface, *pair.groups()] if pair else [surface]


def _named_part_of(mention: Mention, towns: dict[str, Mention]) -> Mention | None:
    """The town whose name opens ``mention``'s, followed by a compass point or the like
    ("Paarl East", "Kwinana Beach"), or follows a compass point ("East Ballina")."""
    words = mention.surface.split()
    if len(words) < 2:
        return None
    if words[-1].lower().rstrip(".") in _PART_WORDS:
        town = towns.get(" ".join(words[:-1]).lower())
        if town is not None:
            return town
    if words[0].lower() in _PART_OPENERS:
        return towns.get(" ".join(words[1:]).lower())
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


#: How close (km) a town must lie to another place of the article to stand in for a place
#: of its name that the gazetteer lacks.
_SAME_NAME_KM = 150.0


def _among_others(town: Mention, towns: Iterable[Mention]) -> bool:
    """Whether another town the article names lies within :data:`_SAME_NAME_KM` of ``town``:
    Nuseirat beside Gaza may stand in for "the Nuseirat refugee camp"; a Jamalpur in Bihar,
    in a Ludhiana report, for "Jamalpur area", may not."""
    place = town.place
    assert place is not None
    return any(
        other.surface.lower() != town.surface.lower()
        and other.place is not None
        and great_circle_km(place.lat, place.lon, other.place.lat, other.place.lon) <= _SAME_NAME_KM
        for other in towns
    )


def _anchor_finder(mentions: Sequence[Mention], text: str) -> Callable[[Mention], Mention | None]:
    """``anchor_of(m)``: ``m``'s container, else the town the article names by the same
    name elsewhere ("the Nuseirat refugee camp" after "Nuseirat"), else the town its name
    names a part of ("Paarl East"), else the anchor of an unresolved container ("the plant in
    Kwinana Beach"), else the article's home town (worked out once)."""
    home: list[Mention | None] = []
    towns: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.place is not None and m.literal and m.place.kind not in AREA_LEVEL_KINDS:
            towns.setdefault(m.surface.lower(), m)

    def home_town() -> Mention | None:
        if not home:
            home.append(home_place(mentions, text))
        return home[0]

    def anchor_of(mention: Mention, depth: int = 0) -> Mention | None:
        container = container_of(mention, mentions, text, resolved=False)
        if container is not None and container.place is not None:
            town = home_town() if container.place.kind in AREA_LEVEL_KINDS else None
            if town is not None and _lies_in(town, container):
                # "a trail along the Russian River, Alaska" in a report datelined COOPER
                # LANDING: nearer at the home town than at the middle of the state
                return town
            return container
        for name in _names_of(mention):
            same = towns.get(name)
            if same is not None and _among_others(same, towns.values()):
                return same
        part_of = _named_part_of(mention, towns)
        if part_of is not None:
            return part_of
        if container is not None and depth < 3:
            # "the Cockburn Sound Fertilisers plant in Kwinana Beach": where Kwinana Beach is
            return anchor_of(container, depth + 1)
        return home_town()

    return anchor_of


def _lies_in(town: Mention, area: Mention) -> bool:
    """Whether the resolved ``town`` lies in the country or first-level division ``area``."""
    t, a = town.place, area.place
    if t is None or a is None or t.country != a.country:
        return False
    return a.kind == "country" or (a.kind == "admin1" and t.admin1 == a.admin1)
