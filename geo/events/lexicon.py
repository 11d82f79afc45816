"""The event-type vocabulary, kept as data in ``lexicon.csv``.

One row per event type:

``event_type``
    the name written into :attr:`geo.model.Event.event_type`.
``kind``
    ``movement`` (prepositions give origin, via and destination) or ``static`` (every
    place is a site).
``object_role``
    the role of a place that is the trigger's direct object ("overran Tripoli",
    "fled Tarhouna"), or empty when a direct object is never a place.
``definition``, ``acled``, ``cameo``
    what the type means and how it lines up with ACLED event types and CAMEO codes.
``triggers``
    ``|``-separated words or phrases, every inflection spelled out. A trigger ending in
    ``@destination`` turns site prepositions into destinations ("arrived in Libya").
"""

from __future__ import annotations

import csv
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GeoError

__all__ = [
    "DEFAULT_LEXICON",
    "EventType",
    "LexiconError",
    "TriggerMatch",
    "event_type_of",
    "find_triggers",
    "load_lexicon",
]

logger = logging.getLogger(__name__)

#: The lexicon shipped with geo.
DEFAULT_LEXICON = Path(__file__).with_name("lexicon.csv")

_COLUMNS = ("event_type", "kind", "object_role", "definition", "acled", "cameo", "triggers")
_KINDS = ("movement", "static")
_OBJECT_ROLES = ("", "site", "origin", "destination")
_DETERMINERS = frozenset(["a", "an", "the", "its", "their", "his", "her", "this", "these", "those"])


class LexiconError(GeoError, ValueError):
    """The event lexicon file is malformed; the message names file, line and fix."""


@dataclass(frozen=True)
class EventType:
    """One row of the lexicon."""

    name: str
    kind: str
    object_role: str | None
    definition: str
    acled: str
    cameo: str
    triggers: tuple[str, ...]
    destination_triggers: frozenset[str] = frozenset()

    @property
    def is_movement(self) -> bool:
        """Whether ``to``/``from``/``via`` give this type's places a direction."""
        return self.kind == "movement"


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in a text: ``text[start:end]`` is the matched phrase."""

    event_type: EventType
    start: int
    end: int
    text: str

    @property
    def site_role(self) -> str:
        """The role that "in"/"at" give a place for this trigger: site or destination."""
        if self.text.lower() in self.event_type.destination_triggers:
            return "destination"
        return "site"


def load_lexicon(path: str | Path | None = None) -> tuple[EventType, ...]:
    """Read an event lexicon CSV (the shipped one by default).

    Parameters
    ----------
    path
        A CSV with the columns described in this module's docstring.

    Returns
    -------
    tuple of EventType
        In file order.

    Raises
    ------
    LexiconError
        If the file cannot be read, misses a column, or a row is invalid (unknown kind,
        empty definition or triggers, a trigger listed twice).

    Examples
    --------
    >>> types = load_lexicon()
    >>> [t.name for t in types][:3]
    ['capture', 'transfer', 'deployment']
    >>> "overran" in types[0].triggers
    True
    """
    if path is None:
        return _default_lexicon()
    return _read(Path(path))


@functools.cache
def _default_lexicon() -> tuple[EventType, ...]:
    return _read(DEFAULT_LEXICON)


def _read(path: Path) -> tuple[EventType, ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else ()
    except OSError as exc:
        raise LexiconError(
            f"cannot read event lexicon {path}: {exc}; pass an existing CSV"
        ) from exc
    missing = [c for c in _COLUMNS if c not in header]
    if missing:
        raise LexiconError(
            f"event lexicon {path} lacks column(s) {', '.join(missing)}; "
            f"the header must be {','.join(_COLUMNS)}"
        )
    types: list[EventType] = []
    seen: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        types.append(_parse_row(path, line, row, seen))
    return tuple(types)


def _parse_row(path: Path, line: int, row: dict[str, str], seen: dict[str, str]) -> EventType:
    where = f"event lexicon {path}, line {line}"
    name = (row["event_type"] or "").strip()
    kind = (row["kind"] or "").strip()
    object_role = (row["object_role"] or "").strip()
    if not name:
        raise LexiconError(f"{where}: empty event_type; name the event type")
    if kind not in _KINDS:
        raise LexiconError(f"{where}: kind {kind!r} for {name!r}; use one of {_KINDS}")
    if object_role not in _OBJECT_ROLES:
        raise LexiconError(f"{where}: object_role {object_role!r}; use one of {_OBJECT_ROLES}")
    if not (row["definition"] or "").strip():
        raise LexiconError(f"{where}: {name!r} has no definition; write one short sentence")
    triggers: list[str] = []
    destination: set[str] = set()
    for raw in (row["triggers"] or "").split("|"):
        word, _, suffix = raw.strip().lower().partition("@")
        word = " ".join(word.split())
        if not word:
            raise LexiconError(f"{where}: empty trigger for {name!r}; remove the stray '|'")
        if suffix not in ("", "destination"):
            raise LexiconError(f"{where}: unknown suffix @{suffix} on {word!r}; use @destination")
        if word in seen:
            raise LexiconError(f"{where}: trigger {word!r} already belongs to {seen[word]!r}")
        seen[word] = name
        triggers.append(word)
        if suffix:
            destination.add(word)
    return EventType(
        name=name,
        kind=kind,
        object_role=object_role or None,
        definition=row["definition"].strip(),
        acled=(row["acled"] or "").strip(),
        cameo=(row["cameo"] or "").strip(),
        triggers=tuple(triggers),
        destination_triggers=frozenset(destination),
    )


@functools.cache
def _pattern(types: tuple[EventType, ...]) -> tuple[re.Pattern[str], dict[str, EventType]]:
    """One pattern for every trigger, the longest phrase winning where several match.

    The phrases are laid out as a tree of their letters ("hit by a car", "hit by a train",
    "hit", "hits"), so each position of the text follows one path down the tree instead of
    trying some 900 phrases one after another (that ran about eighteen times slower). Where
    phrases of one start both match, the deeper, longer one is tried first, as a list of the
    phrases longest first would; a space stands for any run of white space.
    """
    by_word = {word: t for t in types for word in t.triggers}
    tree: dict = {}
    for word in by_word:
        node = tree
        for char in " ".join(word.split()):
            node = node.setdefault(char, {})
        node[None] = {}  # a phrase ends here
    return re.compile(rf"(?<![\w-]){_alternatives(tree)}(?![\w-])", re.IGNORECASE), by_word


def _alternatives(node: dict) -> str:
    """The pattern of a letter tree: each letter (a run of them where the tree does not
    branch), then what may follow it, optional where a phrase ends there."""
    branches = []
    for char in sorted(c for c in node if c is not None):
        run, child = [char], node[char]
        while len(child) == 1 and None not in child:
            ((nxt, child),) = child.items()
            run.append(nxt)
        branch = "".join(r"\s+" if c == " " else re.escape(c) for c in run)
        if any(c is not None for c in child):
            branch += _alternatives(child) + ("?" if None in child else "")
        branches.append(branch)
    return f"(?:{'|'.join(branches)})"


def _is_adjectival(text: str, start: int, word: str) -> bool:
    """Whether a participle trigger modifies a noun: "a captured system", "the downed jet"."""
    if " " in word or not word.endswith(("ed", "en", "wn", "run")):
        return False
    # the word before is all that matters: read a short window, not the whole text before
    before = text[max(0, start - 32) : start].split()
    return bool(before) and before[-1].lower() in _DETERMINERS


_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_CAPITALISED_BEFORE = re.compile(
    r"(?<![\w.’'-])(?!(?:The|A|An|This|That|These|Those|His|Her|Their|Its|Our|My|Your) )"
    r"[A-Z][\w.’'-]*[ ]\Z"
)

#: A capitalised word right after a trigger (not "I" or an article opening a phrase).
_CAPITALISED_AFTER = re.compile(r"[ ](?!(?:The|A|An|I)\b)[A-Z][a-z]")
#: What stands before a word that opens a sentence or a line.
_SENTENCE_OPENS_BEFORE = re.compile(r"(?:^|[.!?:;\"“‘(—–-]\s*|\n\s*)\Z")


#: Disaster triggers that head a storm's name: "Cyclone Tane", "Hurricane Ian".
_NAMED_STORMS = frozenset({"cyclone", "hurricane", "typhoon"})
#: A storm's name after its word: one capitalised word that is no word of an organisation's
#: name ("Cyclone Tane passed", not "the Cyclone Warning Centre" or "Hurricane Season").
_STORM_NAME_AFTER = re.compile(
    r"[ ](?!(?:The|A|An|I|Season|Warning|Watch|Relief|Fund|Centre|Center|Hunters?|Shelters?)"
    r"\b)[A-Z][\w'’-]*(?![ ][A-Z])"
)


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether a trigger written with a capital is a word of a name: "Tennessee Highway Patrol".

    A capitalised trigger right after a capitalised word, on a line written in sentence
    case (a lower-case word of four letters or more on it), is part of the name of an
    organisation; so is one inside a sentence right before a capitalised word ("called to
    Fell Foot", a lakeshore park). On a title-case line ("Man Killed In Shooting") every
    word is capitalised.

    Examples
    --------
    >>> s = "Crews were called to Fell Foot park."
    >>> _in_a_name(s, 21, 25), _in_a_name("Fell Foot: a man died.", 0, 4)
    (True, False)
    """
    if not text[start : start + 1].isupper():
        return False
    if text[start:end].lower() in _NAMED_STORMS and _STORM_NAME_AFTER.match(text, end):
        return False  # "Tropical Cyclone Tane passed close to the town": the storm itself
    if not _CAPITALISED_BEFORE.search(text, max(0, start - 40), start) and not (
        _CAPITALISED_AFTER.match(text, end)
        and not _SENTENCE_OPENS_BEFORE.search(text, max(0, start - 8), start)
    ):
        return False
    line_start = max(text.rfind("\n", 0, start) + 1, start - 200)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + 200)
    return bool(_LOWER_WORD.search(text, line_start, line_end))


#: Triggers that also name a service or a weapon's discharge: "fire" is an incident in
#: "a fire in a flat", not in "fire crews", "came under fire" or "will fire missiles".
_SERVICE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:(?:and|&)\s+(?:rescue|emergency)|department|dept|crews?|chief|service|"
    r"services|officials?|station|"
    r"fighters?|fighting|trucks?|engines?|alarms?|hydrants?|brigade|authority|district|marshal|"
    r"rescue|safety|code|escape|exits?|risk|danger|season|ban|restrictions?|extinguishers?|"
    r"investigators?|inspectors?|units?|teams?|personnel|watch|warning|warnings|weather|pit|"
    r"power|insurance|zone|plain|plains|defences?|defenses?|barriers?|walls?|gates?|"
    r"prevention|control|lines?|management|victims?|relief)\b",
    re.IGNORECASE,
)
_SHOOTING_BEFORE = re.compile(
    r"\b(?:open|opened|opening|opens|under|return|returned|returning|exchange|exchanged|"
    r"exchanging|exchanges|cease|heavy|hold|held|holding|friendly|live|sniper|gun|artillery|"
    r"rocket|mortar|machine-gun|cross|tank|naval|small-arms|to|will|would|could|can|did|"
    r"not|may|might|must|should|ready|line\s+of)\s+\Z",
    re.IGNORECASE,
)


_STRUCTURES = (
    r"(?:buildings?|house|houses|home|roof|bridge|walls?|storey|story|structure|mine|"
    r"tunnel|ceiling|church|mosque|school|stand|crane|block|balcony|stage|scaffolding|dam|"
    r"floor|tower|hotel|market|warehouse|trench|well|shaft|"
    # the ground giving way: "a heap of mining waste collapsed into a lake"
    r"heap|waste|dump|slope|hillside|embankment|cliff|quarry|pit)"
)
#: "collapsed", "caved in" and "gave way" are an accident only when a structure fails: "a
#: building under construction collapsed", "the roof caved in", "a section of cliff gave
#: way", not "talks collapsed" or "anger gave way to grief".
_STRUCTURE_BEFORE = re.compile(rf"\b{_STRUCTURES}\b[^.;!?]{{0,60}}\Z", re.IGNORECASE)
#: So is the noun "collapse": "the collapse of a four-storey residential building", not
#: "the collapse of the talks".
_STRUCTURE_AFTER = re.compile(rf"\s+of\s+(?:[\w-]+\s+){{0,5}}?{_STRUCTURES}\b", re.IGNORECASE)
#: What is pulled out or recovered in a rescue, not a place given up or taken: "pulled
#: out the bodies of two residents", "recovered the body of a boy", "pulled out of the rubble".
_RESCUED_THING = re.compile(
    r"\s+(?:(?:of|from)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:debris|rubble|wreckage|ruins|water|"
    r"river|sea|lake|canal|well|mud|bod(?:y|ies)|remains|survivors?|victims?|corpses?)\b",
    re.IGNORECASE,
)
#: What bursts or is breached when that is an accident: a dam, not a ceasefire or a rule.
_BARRIER_BEFORE = re.compile(
    r"\b(?:dams?|tailings|levees?|dykes?|dikes?|embankments?|reservoirs?|barrages?|"
    r"canals?|pipelines?|pipes?|water\s+mains?|mains)\b[^.;!?]{0,80}\Z",
    re.IGNORECASE,
)


def _not_the_incident(text: str, start: int, end: int) -> bool:
    """Whether a noun-or-verb trigger is a service, a shot or a verb, not an incident.

    Examples
    --------
    >>> _not_the_incident("Fire crews arrived", 0, 4), _not_the_incident("a fire in a flat", 2, 6)
    (True, False)
    >>> s = "the convoy came under fire"
    >>> _not_the_incident(s, s.index("fire"), len(s))
    True
    """
    return bool(
        _SERVICE_AFTER.match(text, end) or _SHOOTING_BEFORE.search(text, max(0, start - 24), start)
    )


def _followed_by(pattern: re.Pattern[str]) -> Callable[[str, int, int], bool]:
    """A context test: whether ``pattern`` matches right after the trigger."""
    return lambda text, start, end: bool(pattern.match(text, end))


def _preceded_by(pattern: re.Pattern[str], reach: int) -> Callable[[str, int, int], bool]:
    """A context test: whether ``pattern`` ends right before the trigger, within ``reach``
    characters ("the dam ... partially breached")."""
    return lambda text, start, end: bool(pattern.search(text, max(0, start - reach), start))


def _unless(test: Callable[[str, int, int], bool]) -> Callable[[str, int, int], bool]:
    """A context test: the opposite of ``test`` (the trigger needs its context)."""
    return lambda text, start, end: not test(text, start, end)


def _around(pattern: re.Pattern[str], before: int, after: int) -> Callable[[str, int, int], bool]:
    """A context test: whether ``pattern`` occurs within ``before`` characters before the
    trigger or ``after`` characters after it."""
    return lambda text, start, end: bool(
        pattern.search(text, max(0, start - before), min(len(text), end + after))
    )


#: "plunged into" a state is no fall: "the country plunged into chaos".
_STATE_AFTER = re.compile(
    r"\s+(?:a\s+|an\s+|the\s+|deep\s+|deeper\s+)*(?:chaos|darkness|crisis|recession|turmoil|"
    r"uncertainty|debt|poverty|war|conflict|mourning|grief|despair|panic|disarray|violence|"
    r"political|economic|financial)\b",
    re.IGNORECASE,
)
#: What is "brought" when nothing is carried: "brought under control", "brought to justice",
#: "brought charges".
_BROUGHT_TO_A_STATE = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:under\s+control|to\s+justice|to\s+(?:an?\s+)?"
    r"(?:end|halt|close|standstill|stop)\b|charges?\b|to\s+light\b|to\s+bear\b)",
    re.IGNORECASE,
)
#: What a blockade blocks: "blocked the highway near Mooi River", "blocking the main road",
#: "blocked the R304".
#: ("blocked the bill", "blocked his path" are none.)
_ROAD_AFTER = re.compile(
    r"\s+(?:off\s+)?(?:the\s+|a\s+|an\s+|several\s+|two\s+|three\s+|all\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:roads?|highways?|motorways?|expressway|streets?|avenues?|"
    r"junctions?|interchange|bridges?|entrances?|traffic|railway|rail\s+line|tracks|"
    r"carriageway|freeway|bypass|toll\s+plaza|border\s+crossing)\b"
    # a road by its number: "blocked the R304", "the N2", "the A66"
    r"|\s+(?:the\s+)?(?-i:[ABMNR]\d{1,4})\b",
    re.IGNORECASE,
)
#: A drop measured before its way down, which makes a lone "plunged" a fall: "plunged some
#: 150 metres into a ravine" ("prices plunged 5 percent" is none).
_DROP = re.compile(
    r"\s+(?:(?:some|about|around|nearly|almost|roughly|more\s+than|over|up\s+to)\s+)?"
    r"\d[\d,.]*\s*(?:-\s*)?(?:metres|meters|metre|meter|m|feet|foot|ft)\s+"
    r"(?:into|down|off|from|over)\b",
    re.IGNORECASE,
)
#: Around a "lockdown" of a pandemic, not of a building under threat.
_PANDEMIC = re.compile(
    r"\b(?:covid|coronavirus|pandemic|virus|infections?|cases|quarantine|national|nationwide|"
    r"restrictions|vaccin\w*|outbreak|epidemic|omicron|delta\s+variant)\b",
    re.IGNORECASE,
)
#: What is launched when "launched" is no attack: "the lifeboat was launched", "police
#: launched an appeal".
_LAUNCHED_THING = re.compile(
    r"\b(?:lifeboats?|boats?|appeals?|investigations?|inquiry|inquiries|probes?|campaigns?|"
    r"websites?|apps?|products?|fundraisers?|search|manhunt|bid|review|initiatives?|schemes?|"
    r"programmes?|programs?|services?|books?|albums?|petitions?|crowdfund\w*)\b",
    re.IGNORECASE,
)
#: A victim "fighting for his life", not a battle.
_FOR_LIFE = re.compile(r"\s+for\s+(?:(?:his|her|their|your|its)\s+)?(?:life|lives)\b", re.I)


#: "assault" naming a weapon, a vehicle or a course, not an attack: "an assault rifle".
_ASSAULT_THING = re.compile(
    r"\s+(?:rifles?|weapons?|guns?|vehicles?|ships?|boats?|craft|helicopters?|teams?|units?|"
    r"troops|forces|course|charges?)\b",
    re.IGNORECASE,
)


#: What follows "fell" when it tells of a fall, a quantity or a state, not of a place taken:
#: "fell several metres", "fell and hit a fence", "fell ill", "fell by 5 percent".
_FALL_AFTER = re.compile(
    r"\s+(?:and|while|several|about|some|nearly|almost|around|roughly|more\s+than|over|"
    r"up\s+to|\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|"
    r"hundreds|a\s+(?:few|short|long|further)|ill|asleep|sick|victim|pregnant|short|silent|"
    r"behind|apart|sharply|steeply|slightly|by|back|heavily|awkwardly|badly)\b",
    re.IGNORECASE,
)

#: What falls as weather or as a thing right before "fell": "more than 200mm of rain fell
#: on Upolu", "a tree fell on a house".
_FALLING_BEFORE = re.compile(
    r"\b(?:rain|rainfall|snow|snowfall|hail|sleet|showers?|temperatures?|mercury|trees?|"
    r"branch(?:es)?|walls?|rocks?|boulders?|debris|roofs?|ceilings?|poles?|lines|"
    r"\d+\s*(?:mm|cm|millimet(?:re|er)s|centimet(?:re|er)s|inches))\s+\Z",
    re.IGNORECASE,
)


#: What overflows in a flood, a few words before "overflowed": "caused the river to
#: overflow" (not "hospitals overflowing with patients", "an overflow crowd").
_WATER_BEFORE = re.compile(
    r"\b(?:rivers?|dams?|lakes?|creeks?|streams?|canals?|reservoirs?|drains?|sewers?|"
    r"wadis?|tributar(?:y|ies)|waterways?)\b(?:\s+[\w'’-]+){0,3}\s+\Z",
    re.IGNORECASE,
)


def _either(*tests: Callable[[str, int, int], bool]) -> Callable[[str, int, int], bool]:
    """A context test: whether any of ``tests`` holds."""
    return lambda text, start, end: any(test(text, start, end) for test in tests)


#: A death told right before an "after": "died in hospital after falling from a roof" is
#: one incident, the death, and the fall is how it came about.
_DEATH_AFTER_BEFORE = re.compile(
    r"\b(?:died|dies|killed|drowned|death|dead)\b[^.!?\n]{0,100}\bafter\s+\Z", re.IGNORECASE
)


#: The triggers that are an incident only in some contexts, each with the test that says
#: the context at ``text[start:end]`` is not one of them.
_NOT_HERE: dict[str, Callable[[str, int, int], bool]] = {
    **dict.fromkeys(("fire", "leak", "spill", "flood"), _not_the_incident),
    **dict.fromkeys(
        ("collapsed", "collapses", "caved in", "gave way", "gives way", "giving way"),
        _unless(_preceded_by(_STRUCTURE_BEFORE, 80)),
    ),
    **dict.fromkeys(("plunged into", "plunges into"), _followed_by(_STATE_AFTER)),
    "collapse": _unless(_followed_by(_STRUCTURE_AFTER)),
    **dict.fromkeys(("pulled out", "pull out", "recovered"), _followed_by(_RESCUED_THING)),
    **dict.fromkeys(
        ("lockdown", "lockdowns", "locked down", "lock down"), _around(_PANDEMIC, 80, 80)
    ),
    **dict.fromkeys(
        ("launched", "launch", "launches", "launching"), _around(_LAUNCHED_THING, 30, 22)
    ),
    **dict.fromkeys(("fighting", "fought"), _followed_by(_FOR_LIFE)),
    **dict.fromkeys(
        ("overflowed", "overflow", "overflowing", "overflows"),
        _unless(_preceded_by(_WATER_BEFORE, 60)),
    ),
    "fell": _either(_followed_by(_FALL_AFTER), _preceded_by(_FALLING_BEFORE, 30)),
    **dict.fromkeys(
        ("breached", "breaches", "breach", "burst", "bursts"),
        _unless(_preceded_by(_BARRIER_BEFORE, 80)),
    ),
    **dict.fromkeys(("bring", "brought", "bringing"), _followed_by(_BROUGHT_TO_A_STATE)),
    **dict.fromkeys(("blocked", "blocking"), _unless(_followed_by(_ROAD_AFTER))),
    **dict.fromkeys(("plunged", "plunges"), _unless(_followed_by(_DROP))),
    **dict.fromkeys(("assault", "assaults"), _followed_by(_ASSAULT_THING)),
    **dict.fromkeys(
        ("falling from", "falling off", "falling on"), _preceded_by(_DEATH_AFTER_BEFORE, 120)
    ),
}


def find_triggers(
    text: str, types: tuple[EventType, ...] | None = None, start: int = 0, end: int | None = None
) -> list[TriggerMatch]:
    """Find trigger words in ``text[start:end]``, longest phrase first, without overlaps.

    A participle right after a determiner ("a captured system") describes a thing, not an
    event, and is skipped; so is a capitalised trigger inside a name ("the Tennessee Highway
    Patrol", :func:`_in_a_name`), and a trigger whose context says it is no incident ("fire
    crews", "talks collapsed", :data:`_NOT_HERE`).

    Parameters
    ----------
    text
        The text to search; offsets in the result are offsets into it.
    types
        The lexicon; the shipped one by default.
    start, end
        The span to search.

    Returns
    -------
    list of TriggerMatch
        In text order.

    Examples
    --------
    >>> [(m.event_type.name, m.text) for m in find_triggers("The base was overrun and shot down.")]
    [('capture', 'overrun'), ('shootdown', 'shot down')]
    >>> find_triggers("They transported a captured system.")[-1].text
    'transported'
    """
    types = load_lexicon() if types is None else types
    pattern, by_word = _pattern(types)
    found = []
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        word = " ".join(match.group().lower().split())
        if (
            _is_adjectival(text, match.start(), word)
            or _in_a_name(text, match.start(), match.end())
            or (
                (check := _NOT_HERE.get(word)) is not None
                and check(text, match.start(), match.end())
            )
        ):
            continue
        event_type = by_word[word]
        if found and word in _HIT_WORDS and found[-1].event_type.name in _HAZARD_TYPES:
            before = found[-1]
            if _HAZARD_HIT_GAP.fullmatch(text, before.end, match.start()):
                # "a mudflow that hit the town of Mailuu-Suu": the hazard struck, no one attacked
                event_type = before.event_type
        found.append(TriggerMatch(event_type, match.start(), match.end(), match.group()))
    return found


#: Attack words that also tell what a hazard did: "a storm that hit", "the quake struck".
_HIT_WORDS = frozenset(
    {"hit", "hits", "struck", "strike", "strikes", "destroyed", "destroying", "moved", "moves"}
)
#: The types whose trigger such a word goes on telling of.
_HAZARD_TYPES = frozenset({"disaster", "accident", "explosion"})
#: Between a hazard and its "hit": "mudflow that hit", "quake which has struck", "blast hit",
#: "the thunderstorm moved across the Western Downs from the southwest and hit".
_HAZARD_HIT_GAP = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:(?:has|have|had)\s+)?(?:also\s+|then\s+)?"
    r"|\s[^.;:!?]{0,80}?\s+and\s+(?:then\s+)?(?:also\s+)?",
    re.IGNORECASE,
)


def event_type_of(trigger: str, types: tuple[EventType, ...] | None = None) -> EventType | None:
    """The event type a trigger word belongs to, or ``None``.

    Examples
    --------
    >>> event_type_of("Overran").name
    'capture'
    >>> event_type_of("said") is None
    True
    """
    types = load_lexicon() if types is None else types
    word = " ".join(trigger.lower().split())
    return next((t for t in types if word in t.triggers), None)
