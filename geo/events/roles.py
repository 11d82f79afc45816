"""Which place mentions are where an event happened, and in what role.

:func:`locate` reads the words between an event's trigger and each place mention. It is
rule-based and explains itself in debug logs. The rules, in the order they apply:

1. **Metonyms never locate.** A mention with ``literal=False`` ("Washington said",
   "Libyan") is skipped.
2. **Noun groups.** Mentions joined only by a few noun words ("the US air force's Ramstein
   base", "the Hama town of Kafr Zita") form one group; only its last mention can be a
   location, the others describe it.
3. **Modifiers of something else are not places.** A mention followed by a common noun
   ("Iran nuclear deal", "US military bases", "Russia air defence system"), by a possessive
   of an actor or of the event itself ("Libya's UN-recognized government", "Iran's missile
   attack") or glued to a prefix ("anti-Iran") names an actor or a thing. Place nouns keep a
   mention a place ("Zuwara airport", "the Ain al-Asad base").
4. **A preposition gives the role.** Walking back from the group over at most a few noun
   words, the nearest preposition decides: ``from`` -> origin, ``to``/``into``/``towards``
   -> destination, ``via``/``through`` -> via, ``in``/``at``/``on``/``over``/``near``/
   "north of" -> site. For a static event type (an attack, a killing) every preposition but
   ``to`` gives a site ("recovered from the Watiya airbase"). A trigger such as "arrived"
   turns site prepositions into destinations. Before the trigger only site prepositions
   count ("In Misrata, a man was shot"); "from California" before "were killed" is a person's
   origin.
5. **Coordination copies the role**: "from Tripoli airport and the city of Tarhouna",
   "via Iran and Syria".
6. **Containers are dropped**: a site right after another location of the event ("Ramstein
   base in south-west Germany", "Zawiya, in north-west Libya", "Ain
   al-Asad Airbase west of Baghdad") only says where that location is.
7. **Direct objects** take the event type's ``object_role`` ("overran Tripoli", "hitting
   the Erbil Airbase"); "the town of Zawiya where a commander seized it" gives a site.
8. **Other clauses are other events.** Between the trigger and the mention there may be no
   clause barrier: ``;``, ", which", "after", "in response to", "said", "according to" ...

Offsets are offsets into ``text``; pass the article text with the mentions of one sentence,
or a sentence with mentions whose offsets are into the sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from geo.events.lexicon import EventType, event_type_of, find_triggers
from geo.model import Mention, Role
from geo.timewords import DAY_PHRASE

__all__ = [
    "ACTOR_NOUNS",
    "MOVEMENT_PREPOSITIONS",
    "PLACE_NOUNS",
    "RULES",
    "Reading",
    "Token",
    "clause_span",
    "is_modifier",
    "locate",
    "read_mentions",
    "tokenize",
]

logger = logging.getLogger(__name__)

#: Prepositions that give a movement's places a direction.
MOVEMENT_PREPOSITIONS: dict[str, Role] = {
    "from": "origin",
    "out of": "origin",
    "to": "destination",
    "into": "destination",
    "towards": "destination",
    "toward": "destination",
    "onto": "destination",
    "via": "via",
    "through": "via",
}
_SITE_PREPS = frozenset(
    """
    in at on over near inside outside around across within throughout along off dir-of
    close-to
    """.split()  # noqa: SIM905
)
#: Particles that are a site's preposition only right before the place: "marched down
#: Victoria Avenue", not "burned down the house of lawmaker Koichi Kato".
_ALONG_PARTICLES = frozenset(["down", "up"])
_CONTAINMENT = frozenset(["in", "on", "near", "inside", "outside", "within", "off", "dir-of"])
_DIRECTIONS = frozenset(
    """
    north south east west northeast northwest southeast southwest north-east north-west
    south-east south-west northern southern eastern western outskirts
    """.split()  # noqa: SIM905
)
_AUX = frozenset(
    """
    is are was were be been being am has have had having do does did will would shall
    should can could may might must 's
    """.split()  # noqa: SIM905
)
_PRONOUNS = frozenset(
    """
    i you he she it we they me him her us them who whom whose which that what where when
    """.split()  # noqa: SIM905
)
_CONJ = frozenset(
    """
    and or nor but yet although though because while whereas if unless
    """.split()  # noqa: SIM905
)
_DETERMINERS = frozenset(
    """
    a an the this that these those its their his her our my your some any several many
    """.split()  # noqa: SIM905
)
_OTHER_PREPS = frozenset(
    """
    of for with by about against among amongst between beyond during under above below
    behind beside besides despite except like since until upon without per than as after
    before following amid
    """.split()  # noqa: SIM905
)
_TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december yesterday today
    tonight morning evening night week month year day afternoon overnight dawn midnight
    late early earlier later last weekend shortly
    """.split()  # noqa: SIM905
)
#: Nouns after a mention that keep it a place ("Zuwara airport", "the Ain al-Asad base").
PLACE_NOUNS = frozenset(
    """
    city cities town towns village villages province provinces region regions district
    districts governorate county state area areas border port harbour harbor airport
    airbase airfield base camp capital coast desert valley river mountains mountain
    island islands peninsula strip neighborhood neighbourhood suburb suburbs outskirts
    countryside oasis crossing enclave square street road highway station market
    hospital prison jail mosque church school university hotel stadium bazaar checkpoint
    courthouse compound quarter zoo arena rink mall beach park bridge plant factory
    warehouse restaurant bar pub nightclub store shop supermarket apartment apartments flat
    home house residence motel farm mine refinery terminal depot barracks intersection
    """.split()  # noqa: SIM905
)
#: "<place> <noun> of <place>": the second place only contains the first ("the Adhamiya
#: neighborhood of Baghdad"), unlike "the Hama town of Kafr Zita".
_PART_NOUNS = frozenset(
    """
    neighborhood neighbourhood district districts suburb suburbs quarter area outskirts
    """.split()  # noqa: SIM905
)
#: Nouns after a possessive mention that make it an actor ("Libya's UN-recognized government").
ACTOR_NOUNS = frozenset(
    """
    government forces force military army navy troops soldiers fighters militia militias
    president minister ministry parliament officials official leader leaders police
    rebels allies ally mission involvement interference role intelligence embassy
    ambassador defence defense revolutionary security warlord regime administration
    command
    """.split()  # noqa: SIM905
)
#: Phrases that open a clause about something else.
_BARRIERS = re.compile(
    r";|\b(?:which|who|whom|whose|following|since|because|although|though"
    # "shortly after 4pm" is a time, not a clause
    r"|(?:after|before)(?!\s+(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\b|o['’]clock)|\d{1,2}:\d\d"
    r"|(?:midnight|noon|dark|dawn|dusk|sunset|sunrise)\b"
    # "after Friday night's football game" is a time too
    rf"|{DAY_PHRASE}['’]s\b))"
    # "found cold but unhurt", "injured but stable": two states of one thing, not two clauses
    r"|while|whereas|but(?!\s+(?:un\w+|stable|alive|safe|conscious)\b)|unless"
    r"|said|says|say|saying|told|added|according\s+to"
    r"|in\s+(?:response|retaliation|reprisal)\s+(?:to|for)|in\s+the\s+wake\s+of|amid|as\s+well\s+as)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_MAX_NP_WORDS = 6
_MAX_CONTAINER_GAP = 45
_MAX_DISTANCE = 25


@dataclass(frozen=True)
class Token:
    """A word or a punctuation mark of a text, with its offsets."""

    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        """The token in lower case."""
        return self.text.lower()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into words (hyphens and apostrophes inside) and punctuation.

    Examples
    --------
    >>> [t.text for t in tokenize("Haftar's forces, anti-Iran.")]
    ["Haftar's", 'forces', ',', 'anti-Iran', '.']
    """
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def clause_span(
    text: str, trigger: tuple[int, int], lo: int = 0, hi: int | None = None
) -> tuple[int, int]:
    """The span around ``trigger`` not cut by a clause barrier, within ``text[lo:hi]``.

    Examples
    --------
    >>> s = "Iran fired after the US killed him; Iraq protested."
    >>> start, end = clause_span(s, (5, 10))
    >>> s[start:end]
    'Iran fired '
    """
    hi = len(text) if hi is None else hi
    start, end = lo, hi
    for m in _BARRIERS.finditer(text, lo, hi):
        if m.end() <= trigger[0]:
            start = m.end() if m.group() == ";" else m.start()
        elif m.start() >= trigger[1]:
            end = m.start()
            break
    return start, end


def _barrier_between(text: str, a: int, b: int) -> bool:
    return _BARRIERS.search(text, a, b) is not None


def _is_function_word(word: str) -> bool:
    return (
        word in _AUX
        or word in _PRONOUNS
        or word in _CONJ
        or word in _DETERMINERS
        or word in _OTHER_PREPS
        or word in MOVEMENT_PREPOSITIONS
        or word in _SITE_PREPS
        or word in _TIME_WORDS
        or word in {"not", "no", "then", "also", "now", "still", "just", "reportedly"}
    )


@dataclass
class _Group:
    mentions: list[Mention]

    @property
    def head(self) -> Mention:
        return self.mentions[-1]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end


def _groups(
    text: str, mentions: list[Mention], dropped: list[Mention] | None = None
) -> list[_Group]:
    """Join mentions separated only by a few noun words into noun groups.

    A mention that only contains the previous one ("the Adhamiya neighborhood of Baghdad") is
    left out altogether (and appended to ``dropped`` when given).
    """
    groups: list[_Group] = []
    for mention in mentions:
        if groups:
            gap = text[groups[-1].end : mention.start]
            words = [t.low for t in tokenize(gap)]
            if len(words) >= 2 and words[-2] in _PART_NOUNS and words[-1] == "of":
                logger.debug("%r: only contains %r", mention.surface, groups[-1].head.surface)
                if dropped is not None:
                    dropped.append(mention)
                continue
            if (
                len(words) <= 6
                and all(re.fullmatch(r"[\w'’-]+", w) for w in words)
                and not any(
                    _is_function_word(w) and w not in {"of", "the", "'s", "’s"} for w in words
                )
                and not any(w[:1].isdigit() or w in _DIRECTIONS for w in words)
            ):
                groups[-1].mentions.append(mention)
                continue
        groups.append(_Group([mention]))
    return groups


def is_modifier(text: str, mention: Mention, trigger: tuple[int, int]) -> bool:
    """Whether a mention names an actor or a thing ("US forces", "Iran's missile attack").

    Examples
    --------
    >>> from geo.model import Mention
    >>> s = "the US forces stationed there"
    >>> is_modifier(s, Mention("a", 4, 6, "US"), (14, 23))
    True
    """
    return _modifier(text, _Group([mention]), trigger) is not None


def _modifier(text: str, group: _Group, trigger: tuple[int, int]) -> str | None:
    """Why the group's head names an actor or a thing rather than a place, or ``None``."""
    head = group.head
    if head.start > 0 and text[head.start - 1] == "-":
        return "prefix"
    after = tokenize(text, head.end, min(len(text), head.end + 80))
    if not after:
        return None
    first = after[0]
    if first.start == trigger[0]:
        return None
    if first.text in ("'s", "’s", "'", "’") or first.low in ("'s", "’s"):
        following = [t for t in after[1:4] if t.start < trigger[0] or t.start >= trigger[1]]
        if any(t.low in ACTOR_NOUNS for t in following) or any(
            t.start == trigger[0] for t in after[1:4]
        ):
            return "possessive of an actor or of the event"
        return None
    if first.start != head.end and not text[head.end : first.start].isspace():
        return None
    word = first.low
    if not re.fullmatch(r"[a-z][\w-]*", word):
        return None
    if word in PLACE_NOUNS or (len(after) > 1 and after[1].low in PLACE_NOUNS):
        return None
    if (
        _is_function_word(word)
        or word in _DIRECTIONS
        or word.endswith("ed")
        or first.start >= trigger[0] > head.end
    ):
        return None
    return f"followed by the noun {first.text!r}"


def _governing_preposition(
    tokens: list[Token], index: int, located_ends: dict[int, Role], list_follows: bool = False
) -> tuple[str | None, int, Role | None]:
    """Walk back from token ``index`` (the group's first word) to its preposition.

    Returns ``(preposition, token index, inherited role)``; the inherited role is set when
    the group is coordinated with an already located group ("Iran and Syria"); after a
    comma only when the list goes on (``list_follows``: "at A, B, and C"), as "Dabiq, Syria"
    names a container.
    """
    words = 0
    i = index - 1
    while i >= 0 and words <= _MAX_NP_WORDS:
        tok = tokens[i]
        low = tok.low
        if low in (",", "and", "or") or (low == "then" and i > 0 and tokens[i - 1].low == "and"):
            j = i - 1
            while j >= 0 and tokens[j].low in ("and", "or", ",", "then"):
                j -= 1
            if j >= 0 and tokens[j].end in located_ends and (low != "," or list_follows):
                return None, i, located_ends[tokens[j].end]
            if low == ",":
                return None, i, None
            if located_ends:  # "hitting A in the north and B": B goes with A
                return None, i, located_ends[max(located_ends)]
            i = j
            words += 1
            continue
        if low == "of" and i > 0 and tokens[i - 1].low in _DIRECTIONS:
            return "dir-of", i, None
        if low == "to" and i > 0 and tokens[i - 1].low == "close":
            return "close-to", i, None
        if low == "of" and i > 0 and tokens[i - 1].low == "out":
            return "out of", i, None
        if low in MOVEMENT_PREPOSITIONS or low in _SITE_PREPS:
            return low, i, None
        if low in _ALONG_PARTICLES and (i == index - 1 or (i == index - 2 and words == 0)):
            return low, i, None
        if low == "of" or low in _DETERMINERS:
            i -= 1
            continue
        if not re.fullmatch(r"[\w'’.-]+", tok.text) or _is_function_word(low):
            return None, i, None
        i -= 1
        words += 1
    return None, max(i, 0), None


def _role_for(
    prep: str, event_type: EventType | None, site_role: Role, before: bool
) -> Role | None:
    """The role a preposition gives a place for this kind of event."""
    if before:
        return "site" if prep in _SITE_PREPS or prep in _ALONG_PARTICLES else None
    if event_type is not None and event_type.is_movement:
        if prep in MOVEMENT_PREPOSITIONS:
            return MOVEMENT_PREPOSITIONS[prep]
        return site_role
    if prep in ("to",):
        return None
    return "site"


@dataclass(frozen=True)
class Reading:
    """What the rules make of one place mention for one event.

    ``role`` is the role the rules give the mention, or ``None`` when they reject it;
    ``rule`` names the rule that decided (one of :data:`RULES`); ``preposition`` is the
    governing preposition, if one was found; ``fallback_role`` is the role to give the
    mention should another judge (:mod:`geo.events.selector`) decide it is a location
    after all.
    """

    mention: Mention
    role: Role | None
    rule: str
    preposition: str | None = None
    fallback_role: Role = "site"
    before: bool = False


#: The names :attr:`Reading.rule` takes, in the order the rules apply.
RULES: tuple[str, ...] = (
    "overlaps the trigger",
    "metonym",
    "contains the previous place",
    "describes the next place",
    "prefix",
    "possessive",
    "modifier noun",
    "other clause",
    "outside the quote",
    "too far",
    "inside a token",
    "container",
    "no preposition",
    "located",
)


def read_mentions(
    text: str,
    trigger: tuple[int, int],
    mentions: Sequence[Mention],
    *,
    event_type: EventType | None = None,
) -> list[Reading]:
    """Apply the rules of :func:`locate` to every mention and say what each decided.

    Parameters
    ----------
    text, trigger, mentions, event_type
        As for :func:`locate`.

    Returns
    -------
    list of Reading
        One per mention, in text order; the located ones have a ``role``.

    Examples
    --------
    >>> from geo.model import Mention
    >>> s = "Moscow said rebels shelled Sirte."
    >>> ms = [Mention("a", 0, 6, "Moscow", literal=False), Mention("a", 27, 32, "Sirte")]
    >>> [(r.mention.surface, r.rule, r.role) for r in read_mentions(s, (19, 26), ms)]
    [('Moscow', 'metonym', None), ('Sirte', 'located', 'site')]
    """
    trigger_text = text[trigger[0] : trigger[1]]
    if event_type is None:
        event_type = event_type_of(trigger_text)
    site_role: Role = "site"
    if event_type is not None and " ".join(trigger_text.lower().split()) in (
        event_type.destination_triggers
    ):
        site_role = "destination"
    object_role: str | None = "site" if event_type is None else event_type.object_role

    readings: list[Reading] = []
    candidates = []
    for m in sorted(mentions, key=lambda m: m.start):
        if not (m.end <= trigger[0] or m.start >= trigger[1]):
            readings.append(Reading(m, None, "overlaps the trigger", before=False))
        elif not m.literal:
            logger.debug("%r: metonym or demonym, never a location", m.surface)
            readings.append(Reading(m, None, "metonym", before=m.end <= trigger[0]))
        else:
            candidates.append(m)
    if not candidates:
        return sorted(readings, key=lambda r: r.mention.start)
    lo = min(candidates[0].start, trigger[0])
    hi = max(candidates[-1].end, trigger[1])
    tokens = tokenize(text, max(0, lo - 200), min(len(text), hi + 40))
    starts = {t.start: i for i, t in enumerate(tokens)}

    dropped: list[Mention] = []
    groups = _groups(text, candidates, dropped)
    readings += [
        Reading(m, None, "contains the previous place", before=m.end <= trigger[0]) for m in dropped
    ]
    located_ends: dict[int, Role] = {}
    last_located_end: int | None = None
    in_list = False
    for group in groups:
        head = group.head
        before = head.end <= trigger[0]
        readings += [
            Reading(m, None, "describes the next place", before=before) for m in group.mentions[:-1]
        ]
        index = starts.get(group.start)
        prep: str | None = None
        prep_index = 0
        inherited: Role | None = None
        list_follows = False
        if index is not None:
            end_index = index
            while end_index < len(tokens) and tokens[end_index].end <= head.end:
                end_index += 1
            follow = [t.low for t in tokens[end_index : end_index + 2]]
            list_follows = follow[:1] in (["and"], ["or"]) or follow in (
                [",", "and"],
                [",", "or"],
            )
            prep, prep_index, inherited = _governing_preposition(
                tokens, index, located_ends, list_follows or in_list
            )
        fallback: Role = inherited or (
            (_role_for(prep, event_type, site_role, before) or "site")
            if prep
            else (object_role or site_role)  # type: ignore[assignment]
        )

        reject = partial(
            Reading, head, None, preposition=prep, fallback_role=fallback, before=before
        )
        why = _modifier(text, group, trigger)
        if why:
            logger.debug("%r: not a location (%s)", head.surface, why)
            kind = "possessive" if why.startswith("possessive") else "modifier noun"
            readings.append(reject("prefix" if why == "prefix" else kind))
            continue
        gap = (head.end, trigger[0]) if before else (trigger[1], group.start)
        if _barrier_between(text, *gap) or (
            before and find_triggers(text, start=gap[0], end=gap[1])
        ):
            logger.debug("%r: in another clause than %r", head.surface, trigger_text)
            readings.append(reject("other clause"))
            continue
        when = [m.end() for m in re.finditer(r"\bwhen\b", text[gap[0] : gap[1]])]
        if not before and when:  # "the assassination of X, on 3 January, when ... at Y"
            gap = (gap[0] + when[-1], gap[1])
        if before and re.search(r"[“‘\"]", text[gap[0] : gap[1]]):
            logger.debug("%r: outside the quote of %r", head.surface, trigger_text)
            readings.append(reject("outside the quote"))
            continue
        if len(tokenize(text, *gap)) > _MAX_DISTANCE:
            logger.debug("%r: too far from %r", head.surface, trigger_text)
            readings.append(reject("too far"))
            continue
        if index is None:  # a mention starting inside a token: be conservative
            readings.append(reject("inside a token"))
            continue
        in_list = inherited is not None and list_follows
        role: Role | None = inherited
        if role is None and prep is not None:
            if prep in _CONTAINMENT and last_located_end is not None:
                between = text[last_located_end : tokens[prep_index].start]
                if len(between) <= _MAX_CONTAINER_GAP and not _barrier_between(
                    text, last_located_end, tokens[prep_index].start
                ):
                    logger.debug("%r: only says where the previous place is", head.surface)
                    readings.append(reject("container"))
                    continue
            if prep in _CONTAINMENT and not before:
                outer, outer_index, _ = _governing_preposition(tokens, prep_index, {})
                if (
                    outer in MOVEMENT_PREPOSITIONS
                    and outer != "through"
                    # not "responded to a collision on Highway 97": the trigger between
                    and tokens[outer_index].start >= trigger[0]
                ):
                    prep = outer  # "to an undisclosed location in Iraq"
            role = _role_for(prep, event_type, site_role, before)
        if role is None and prep is None and not before and object_role:
            between = [t.low for t in tokens if trigger[1] <= t.start < group.start]
            if len(between) <= 4 and all(
                re.fullmatch(r"[a-z][\w-]*", w)
                and (w in _DETERMINERS or w == "of" or not _is_function_word(w))
                for w in between
            ):
                role = object_role  # type: ignore[assignment]
        if role is None and before:
            rest = text[head.end : trigger[0]]
            if re.fullmatch(r"\s*,?\s*where\b[^;]*", rest) and not _barrier_between(
                text, head.end, trigger[0]
            ):
                role = site_role
        if role is None:
            logger.debug("%r: no preposition ties it to %r", head.surface, trigger_text)
            readings.append(reject("no preposition"))
            continue
        logger.debug("%r: %s of %r (preposition %r)", head.surface, role, trigger_text, prep)
        readings.append(Reading(head, role, "located", prep, role, before))
        located_ends[head.end] = role
        last_located_end = head.end
    return sorted(readings, key=lambda r: r.mention.start)


def locate(
    text: str,
    trigger: tuple[int, int],
    mentions: Sequence[Mention],
    *,
    event_type: EventType | None = None,
) -> list[tuple[Mention, Role]]:
    """The mentions that are where an event happened, each with its role.

    Parameters
    ----------
    text
        The text the offsets of ``trigger`` and ``mentions`` point into (a sentence, or the
        article when the mentions are those of one sentence).
    trigger
        ``(start, end)`` of the event's trigger word.
    mentions
        The place mentions of the sentence, resolved or not.
    event_type
        The event's type; looked up from the trigger word when omitted. An unknown trigger
        is treated as a static event whose direct object is a site.

    Returns
    -------
    list of (Mention, Role)
        In text order; metonyms, modifiers and places of other clauses are left out.

    Examples
    --------
    >>> from geo.model import Mention
    >>> s = "Haftar's forces retreated from Tripoli airport and Tarhouna in western Libya."
    >>> ms = [Mention("a", s.index(w), s.index(w) + len(w), w)
    ...       for w in ("Tripoli airport", "Tarhouna", "Libya")]
    >>> [(m.surface, role) for m, role in locate(s, (16, 25), ms)]
    [('Tripoli airport', 'origin'), ('Tarhouna', 'origin')]
    >>> s = "Washington said an Iranian missile attack hit the Ain al-Asad base."
    >>> ms = [Mention("a", 0, 10, "Washington", literal=False),
    ...       Mention("a", 50, 61, "Ain al-Asad")]
    >>> [(m.surface, role) for m, role in locate(s, (42, 45), ms)]
    [('Ain al-Asad', 'site')]
    """
    return [
        (r.mention, r.role)
        for r in read_mentions(text, trigger, mentions, event_type=event_type)
        if r.role is not None
    ]
