"""Recognition: find the spans of an article that name places.

A span is a run of capitalised tokens (with the connectors place names use:
"of", "de", "al-", "upon" ...) whose normalised form is a gazetteer key. The
longest match wins, so "Baghdad International Airport" beats "Baghdad". Around
each span the recogniser reads the cues the resolver needs: a facility or
division head ("Zuwara airport", "Anbar province", "the town of Zawiya"), and
whether the use is literal or associative (demonyms, "Washington said").

Spans that are shaped like places but are not in the gazetteer ("the town of
X", "X airbase") are kept as unresolved mentions so the user can add them.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.gazetteer.index import GazetteerIndex, Hit
from geo.gazetteer.normalize import (
    ARABIC_ARTICLES,
    FACILITY_HEADS,
    JOINED_ARTICLES,
    normalize,
)
from geo.model import FEATURE_FIRST_WORDS, FEATURE_HEADS, FEATURE_WORDS
from geo.timewords import MONTH_NAMES, WEEKDAYS

logger = logging.getLogger(__name__)

MAX_TOKENS = 7
#: Two connectors that join a name together: "Republic of the Congo", "Valle de la Luna".
_CONNECTOR_PAIRS = {
    "of": frozenset({"the"}),
    "de": frozenset({"la", "las", "los"}),
}
#: Weekdays and months: a connector before one ends a name ("Tsebara on Monday").
_CALENDAR = frozenset(MONTH_NAMES) | frozenset(WEEKDAYS)
#: Weekdays as a page's date line shortens them ("Mon 8 Jan 2024", "Sat, 3 June").
_WEEKDAY_SHORT = frozenset(
    {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
_DAY_NUMBER_AFTER = re.compile(r"\.?,?[ \t]+\d{1,2}\b")

_TOKEN = re.compile(r"[^\W_]+(?:[’'`.\-][^\W_]+)*\.?", re.UNICODE)
_CONNECTORS = frozenset(
    {
        "of",
        "de",
        "del",
        "la",
        "le",
        "du",
        "des",
        "di",
        "da",
        "do",  # "Rio Grande do Sul", "Mato Grosso do Sul"
        "dos",  # "Angra dos Reis"
        "das",  # "Cruz das Almas"
        "al",
        "el",
        "an",
        "am",
        "upon",
        "on",
        "the",
        "y",
        "and",
        "bin",
        "ibn",
        "van",
        "von",
        "der",
        "den",
        "sur",
        "en",
        "es",  # "Dar es Salaam"
        "op",  # "Bergen op Zoom"
        "aan",  # "Alphen aan den Rijn"
        "im",  # "Freiburg im Breisgau"
        "ob",  # "Rothenburg ob der Tauber"
        "bei",  # "Weil bei Dachau"
        "nad",  # "Ústí nad Labem", "Žiar nad Hronom"
        "pod",  # "Bystřice pod Hostýnem"
        "pri",  # "Šmarje pri Jelšah"
    }
)
#: Transliterations of the Arabic article joined to a name: "al-Asad", "Deir ez-Zor",
#: "Jisr esh-Shughur", "Salah ed-Din", "Dar ul-Aman".
_ARTICLE_STARTS = ARABIC_ARTICLES | JOINED_ARTICLES

#: Capitalised words that end a street, road or square named after something else: "Washington
#: Street", "Paris Road", "Jordan Park" are in some other town, never the place they are named
#: for. The whole name is reported as a place the gazetteer does not hold (with head
#: ``"street"``), so the event stage can put it near the article's town. Abbreviations are
#: read without their period.
STREET_HEADS = frozenset(
    {
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "drive",
        "lane",
        "ln",
        "highway",
        "hwy",
        "parkway",
        "pkwy",
        "square",
        "park",
        "bridge",
        "alley",
        "terrace",
        "turnpike",
        "expressway",
        "freeway",
        "pike",
    }
)
#: The head every street span carries (:attr:`Span.head`).
STREET = "street"
#: Words that open a sentence, capitalised, before a name: "In Whitefish Lake ...".
_FUNCTION_WORDS = frozenset(
    """
    a an the in at on from to near into onto of by for with and or but as when while after
    before this that these those his her their our my its
    """.split()  # noqa: SIM905
)
#: The head of a part of a town named by its side or end ("Moss Side", "the West End").
NEIGHBOURHOOD = "neighbourhood"
_PART_HEADS = frozenset({"side", "end"})
#: The eight compass points, as one word each.
COMPASS_POINTS = frozenset(
    ["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
)
_COMPASS = COMPASS_POINTS | {"north-east", "north-west", "south-east", "south-west"}
_PART_QUALIFIERS = frozenset({"near", "far", "upper", "lower", "old", "inner", "outer"})
#: A numbered road, reported whole as a street: "Route 9", "Highway 401", "Interstate 95",
#: "County Road 35", "U.S. Route 30", "State Highway 7", "I-95". A division named right
#: before it is part of the name ("Illinois Route 159", :meth:`Recognizer._roads`).
_NUMBERED_ROAD = re.compile(
    r"\b(?:(?:U\.S\.|US|State|County|Provincial|National|Federal)\s+)?"
    r"(?:Route|Highway|Hwy\.?|Interstate|Road)\s+\d{1,4}[A-Z]?\b(?![.,]\d)"
    r"|\bI-\d{1,3}\b"
    # "on U.S. 641", "along SR 37": a federal, state or county route by its number alone,
    # after a word that takes a road ("the U.S. 2 billion deal" is none)
    r"|(?=U\.S\.|US|SR|SH|CR)(?:(?<=\bon )|(?<=\balong )|(?<=\boff )|(?<=\bnear )|(?<=\bonto )"
    r"|(?<=\bvia )|(?<=\bat )|(?<=\bacross )|(?<=\bto ))"
    r"(?:U\.S\.|US|SR|SH|CR)\s+\d{1,3}[A-Z]?\b(?![-.,]?\d|-\w|\s+(?:[mb]illion|trillion))"
)
#: What every numbered road has: a road word, "I" or a route letter, then a number. Searching for
#: it first is far cheaper than :data:`_NUMBERED_ROAD` (whose lookbehinds are tried at every
#: position), and most articles have none.
_ROAD_HINT = re.compile(r"(?:Route|Highway|Hwy|Interstate|Road|I|U\.S\.|US|SR|SH|CR)\.?[\s-]\s*\d")
#: Plural heads that name two streets at once: "Prince and Inglis streets".
STREET_PAIR_HEADS = ("streets", "roads", "avenues", "drives", "lanes", "boulevards")
#: Two streets named by one plural head: "the intersection of Prince and Inglis streets".
_STREET_PAIR = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
    rf"\s+(?:{'|'.join(STREET_PAIR_HEADS)})\b"
)
#: The capitalised word or two right before a numbered road (a division's name, perhaps).
_ROAD_QUALIFIER = re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+(?: [A-Z][a-z]+)?) \Z")

#: Plural division heads after a list of names, with the singular that completes a name and
#: the kinds each item must be: "Douglas, Sarpy and Lancaster counties" are three counties.
LIST_DIVISIONS: dict[str, tuple[str, frozenset[str]]] = {
    "counties": ("county", frozenset({"admin2"})),
    "parishes": ("parish", frozenset({"admin2"})),
    "provinces": ("province", frozenset({"admin1"})),
    "governorates": ("governorate", frozenset({"admin1"})),
    "states": ("state", frozenset({"admin1"})),
    "districts": ("district", frozenset({"admin1", "admin2", "city"})),
}
#: Heads whose singular is part of the gazetteer name ("Lancaster County", "Orleans Parish").
_SUFFIXED_HEADS = frozenset({"county", "parish"})
_DIVISION_PLURAL = re.compile(r"\b(?:" + "|".join(LIST_DIVISIONS) + r")\b")
_LIST_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}"
_LIST_SEP = r"(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
#: Two names or more joined as a list, then a plural division head.
_DIVISION_LIST = re.compile(
    rf"(?P<list>{_LIST_NAME}(?:{_LIST_SEP}{_LIST_NAME})+)[ \t]+(?P<head>"
    + "|".join(LIST_DIVISIONS)
    + r")\b"
)
_LIST_ITEM = re.compile(_LIST_NAME)

#: Lower-case words before a name that say what kind of place it is.
PRE_CUES: dict[str, frozenset[str]] = {
    "town of": frozenset({"city"}),
    "city of": frozenset({"city", "admin1"}),
    "village of": frozenset({"city"}),
    "port of": frozenset({"city"}),
    "province of": frozenset({"admin1"}),
    "governorate of": frozenset({"admin1"}),
    "region of": frozenset({"admin1", "region"}),
    "state of": frozenset({"admin1"}),
    "district of": frozenset({"admin1", "city"}),
    "capital": frozenset({"city"}),
    "towns of": frozenset({"city"}),
    "cities of": frozenset({"city"}),
    "villages of": frozenset({"city"}),
    "localities of": frozenset({"city"}),
    "neighbourhoods of": frozenset({"city"}),
    "neighborhoods of": frozenset({"city"}),
    "districts of": frozenset({"admin1", "city"}),
    "provinces of": frozenset({"admin1"}),
}

#: Pre-cues that open a list: "the villages of A, B and C" makes B and C places too.
LIST_CUES = frozenset(p for p in PRE_CUES if p.split()[0].endswith("s"))

#: Words after a country mention or demonym that make it a literal place.
GEOGRAPHIC_NOUNS = frozenset(
    {
        "border",
        "borders",
        "coast",
        "coastline",
        "desert",
        "territory",
        "territories",
        "soil",
        "waters",
        "airspace",
        "capital",
        "mainland",
        "countryside",
        "frontier",
        "side",
        "province",
        "provinces",
        "city",
        "cities",
        "town",
        "towns",
        "village",
        "villages",
        "region",
        "north",
        "south",
        "east",
        "west",
    }
)

#: Verbs (and auxiliaries) after a place name that make it an actor: "Moscow denied".
_METONYM_VERBS = re.compile(
    r"^\s*(?:has|had|have|is|was|will|would|could|did|does|do|has not|had not|did not|does not)?"
    r"\s*(?:not\s+|also\s+|yet\s+|already\s+|since\s+|repeatedly\s+|now\s+)*"
    r"(?:said|says|say|denied|denies|deny|commented|comment|announced|announces|accused|accuses|"
    r"warned|warns|claimed|claims|insisted|insists|confirmed|confirms|rejected|rejects|urged|"
    r"urges|demanded|demands|called|calls|wants|wanted|needed|needs|responded|responds|replied|"
    r"agreed|agrees|refused|refuses|threatened|threatens|condemned|condemns|blamed|blames|"
    r"believes|believed|hopes|hoped|admitted|admits|stated|states|declared|declares|"
    r"imposed|imposes|sanctioned|backed|backs|supports|supported|opposes|opposed|"
    r"recognized|recognised|recognizes|recognises|signed|signs|pledged|pledges|expelled|"
    r"summoned|considers|considered|decided|decides|argued|argues|maintains|maintained|"
    r"sent|sends|sought|seeks|tried|tries|plans|planned|operate|operates|knew|knows)\b",
    re.IGNORECASE,
)
#: Military actions in the active voice after a place name that make it an actor: "Ukraine
#: struck", "Israel captured". Past tenses only (present forms are nouns in headlines:
#: "Gaza strikes", "Paris attacks"), never after an auxiliary of the passive, and not with
#: "by" right after ("Mosul captured by ..." is the place taken).
_ACTION_VERBS = re.compile(
    r"^\s*(?:has\s+|have\s+|had\s+)?(?:also\s+|repeatedly\s+|then\s+|later\s+|reportedly\s+)*"
    r"(?:struck|attacked|launched|shelled|bombed|bombarded|invaded|deployed|fired|shot\s+down|"
    r"downed|retaliated|mobili[sz]ed|seized|captured|annexed|raided|targeted|conducted|"
    r"carried\s+out)\b(?!\s+by\b)(?!\s+\w+\s+by\b)"
)


#: Capitalised words after a place name that make an organisation named after the place:
#: the place is still mentioned ("London Police", "Queensland Police Service").
ORG_HEADS = frozenset(
    {
        "police",
        "service",
        "services",
        "council",
        "university",
        "college",
        "hospital",
        "county",
        "city",
        "airport",
        "street",
        "road",
        "avenue",
        "department",
        "government",
        "state",
        "province",
        "region",
        "district",
        "team",
        "fire",
        "school",
        "schools",
        "board",
        "court",
        "authority",
        "port",
        "harbour",
        "harbor",
        "station",
        "area",
        "community",
        "national",
        "international",
        "regional",
        "general",
        "health",
        "public",
        "club",
        "fc",
        "united",
        "chamber",
        "museum",
        "library",
        "zoo",
        "park",
        "bridge",
        "river",
        "valley",
        "mountains",
        "ems",
        "sheriff",
        "sheriffs",
        "office",
        "township",
        "village",
        "town",
        "parish",
        "mall",
        "center",
        "centre",
        "metro",
        "transit",
        "water",
        "energy",
        "power",
        "electric",
        "bank",
    }
)

#: Capitalised words after a place that make a media title: the place is not mentioned.
MEDIA_HEADS = frozenset(
    {
        "post",
        "times",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "star",
        "sun",
        "daily",
        "chronicle",
        "examiner",
        "observer",
        "mail",
        "express",
        "eye",
        "globe",
        "record",
        "news",
        "independent",
        "telegraph",
        "guardian",
        "today",
        "review",
        "register",
        "bulletin",
        "courier",
        "inquirer",
        "dispatch",
        "monitor",
        "standard",
        "mirror",
        "press",
        "reporter",
        "voice",
        "echo",
        "advertiser",
        "argus",
        "sentinel",
        "citizen",
        "enquirer",
        "messenger",
        "recorder",
        "clarion",
    }
)

#: Words before a storm's name: "Tropical Cyclone Tane", "Hurricane Florence".
STORM_WORDS = frozenset({"cyclone", "hurricane", "typhoon", "storm", "depression"})

#: Titles before a surname.
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "gov",
        "governor",
        "sen",
        "senator",
        "rep",
        "president",
        "gen",
        "general",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "sgt",
        "maj",
        "judge",
        "mayor",
        "sheriff",
        "officer",
        "detective",
        "coach",
        "prof",
        "professor",
        "rev",
        "father",
        "sister",
        "brother",
        "st",
        "minister",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "lord",
        "lady",
        "sir",
        "chief",
        "commissioner",
        "superintendent",
        "deputy",
        "trooper",
        "pastor",
        "bishop",
        "pope",
        "ambassador",
        "secretary",
        "chairman",
        "director",
    }
)

#: Capitalised words before a place that do not make it part of a person's name.
PLACE_MODIFIERS = frozenset(
    {
        "team",
        "greater",
        "metro",
        "downtown",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "inner",
        "outer",
        "rural",
        "urban",
        "suburban",
        "coastal",
        "the",
        "in",
        "at",
        "from",
        "to",
        "of",
        "for",
        "and",
        "but",
        "near",
        "across",
        "outside",
        "inside",
        "via",
        "through",
        "into",
        "like",
        "as",
        "with",
        "by",
        "on",
        "over",
        "under",
        "between",
        "around",
        "against",
        "toward",
        "towards",
        "since",
        "after",
        "before",
        "during",
        "without",
        "within",
    }
)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Capitalised words that are never a place on their own.

    Examples
    --------
    >>> "said" in stopwords() and "tripoli" not in stopwords()
    True
    """
    path = Path(__file__).with_name("data") / "stopwords.txt"
    return frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "given_names.txt"
    return frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def postal_codes() -> dict[str, tuple[str, str]]:
    """The postal codes of US states and Canadian provinces: ``{"MI": ("US", "Michigan")}``.

    Examples
    --------
    >>> postal_codes()["OH"], postal_codes()["BC"]
    (('US', 'Ohio'), ('CA', 'British Columbia'))
    """
    path = Path(__file__).parent / "gazetteer" / "data" / "admin1_postal_codes.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: (row["country"], row["admin1"]) for row in csv.DictReader(fh)}


#: ``normalize`` of the surfaces tried as names; they repeat across articles.
_normalize = lru_cache(maxsize=200_000)(normalize)


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return 0.0
    return zipf_frequency(word, "en")


@dataclass
class Span:
    """A recognised toponym span before resolution.

    ``hits`` are the gazetteer records under its key (empty for an unresolved
    place-shaped span); ``cue_kinds`` the kinds a head or preceding phrase
    points at; ``head`` the matched head text, if any.
    """

    start: int
    end: int
    surface: str
    key: str
    hits: tuple[Hit, ...]
    cue_kinds: frozenset[str] = frozenset()
    head: str | None = None
    literal: bool = True
    demonym: bool = False


class _Tok:
    """A token with its capitalisation and lower-case form worked out once."""

    __slots__ = ("cap", "end", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.lower = text.lower()
        if text[:1].isupper():
            self.cap = True
        else:
            head, dash, rest = text.partition("-")
            self.cap = bool(dash) and head.lower() in _ARTICLE_STARTS and rest[:1].isupper()

    def __repr__(self) -> str:
        return f"_Tok({self.start}, {self.end}, {self.text!r})"


#: Where a token can start: not right after a letter or digit, nor after a joiner that follows one
#: (the tokenizer would have made both one token).
_TOKEN_START = r"(?<![^\W_])(?<![^\W_][’'`.\-])"
#: Tokens recognition reads: those that do not start with a lower-case ASCII letter or a digit
#: (capitalised words, checked exactly afterwards), Arabic articles joined to a name ("al-Asad"),
#: and connectors ("of", "al") right before such a token, the only place where they count.
_ARTICLE_FORM = "(?i:" + "|".join(sorted(_ARTICLE_STARTS, key=lambda w: (-len(w), w))) + ")-"
#: The first of two connectors before a capitalised word ("of" in "Republic of the Congo").
_PAIRED_CONNECTOR = "|".join(
    f"(?i:{first}) (?i:{'|'.join(sorted(seconds))}) [^\\W_a-z0-9]"
    for first, seconds in sorted(_CONNECTOR_PAIRS.items())
)
_READ_TOKEN = re.compile(
    _TOKEN_START
    + r"(?=[^\W_a-z0-9]|"
    + _ARTICLE_FORM
    + "|(?i:"
    + "|".join(sorted(_CONNECTORS, key=lambda w: (-len(w), w)))
    + r")(?: - | |-)(?:[^\W_a-z0-9]|"
    + _ARTICLE_FORM
    + ")|"
    + _PAIRED_CONNECTOR
    + ")"
    + _TOKEN.pattern,
    re.UNICODE,
)
_WORD_CHAR = re.compile(r"[^\W_]", re.UNICODE)


#: Feature heads that also end many towns' names ("Long Beach", "Harpers Landing"): a run
#: ending in a town of that name is the town, not a feature.
_TOWN_NAME_HEADS = frozenset({"beach", "landing", "peak"})
#: Words that end an institution's name and also name a region: "Foothills Medical Centre"
#: is a hospital, not the Centre region of Burkina Faso.
_INSTITUTION_WORDS = frozenset({"centre", "center"})


def _tokens(text: str) -> list[_Tok]:
    """The tokens recognition reads, with one placeholder for each run of other tokens.

    Only capitalised tokens, and connectors ("of", "al") right before one,
    ever take part in a name; every other token matters only as a break
    between them, so a run of them is kept as one placeholder token that is
    neither (its ``start`` is the first one's). This skips building objects
    for most of an article.

    Examples
    --------
    >>> [t.text for t in _tokens("Flights left the Canada's capital, Ottawa, and the port.")]
    ['Flights', '', 'the', 'Canada', '', 'Ottawa', '']
    """
    toks: list[_Tok] = []
    append = toks.append
    search_word = _WORD_CHAR.search
    last = 0  # end of the previous token read, as matched
    opaque = False  # whether the last token kept is a placeholder
    for m in _READ_TOKEN.finditer(text):
        s, e = m.span()
        gap = search_word(text, last, s) if s > last else None
        last = e
        if gap is not None and not opaque:
            append(_Tok(gap.start(), gap.start(), ""))
            opaque = True
        word = m.group()
        # keep the final period only for abbreviations such as "U.S."
        if word[-1] == "." and word.count(".") == 1:
            e -= 1
            word = word[:-1]
        # a party and a place: "D-Charleston" -> "Charleston"
        if len(word) > 3 and word[1] == "-" and word[0] in "DRI" and word[2].isupper():
            s += 2
            word = word[2:]
        # a possessive is not part of the name: "Canada's" -> "Canada"
        if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
            e -= 2
            word = word[:-2]
        tok = _Tok(s, e, word)
        if tok.cap or tok.lower in _CONNECTORS:
            append(tok)
            opaque = False
        elif not opaque:
            append(_Tok(m.start(), m.start(), ""))
            opaque = True
    gap = _WORD_CHAR.search(text, last)
    if gap is not None and not opaque:
        append(_Tok(gap.start(), gap.start(), ""))
    return toks


#: A byline: "By" opening a short line, then the reporters' names up to a separator.
_BYLINE = re.compile(r"^[ \t]*By[ \t]+(?P<names>[^\n|,;:()—–]{2,60})", re.MULTILINE)
_BYLINE_END = re.compile(r"(?<=[^\W\d_]{2})\.")
#: Words of a byline's names that are not capitalised: "Ana de Souza and Lim Wei Ling".
_NAME_JOINERS = frozenset({"and", "de", "da", "del", "van", "von", "der", "al", "bin", "el"})


def _byline_names(text: str) -> list[tuple[int, int]]:
    """The spans of reporters' names in the bylines of ``text``.

    Examples
    --------
    >>> text = "Fire in flat\\nBy Lim Wei Ling | Aug 14, 2024\\nBy Monday the fire was out."
    >>> [text[s:e] for s, e in _byline_names(text)]
    ['Lim Wei Ling']
    >>> text = "By John F. Kennedy. BOSTON (Reuters) - The owner was arrested."
    >>> [text[s:e] for s, e in _byline_names(text)]
    ['John F. Kennedy']
    """
    if "By " not in text:
        return []
    found = []
    for m in _BYLINE.finditer(text):
        # "By Nate Raymond. BOSTON (Reuters) -": the names end at a full stop (not an initial's)
        names = _BYLINE_END.split(m.group("names"), maxsplit=1)[0].rstrip()
        words = names.split()
        if len(words) <= 6 and all(w[:1].isupper() or w in _NAME_JOINERS for w in words):
            found.append((m.start("names"), m.start("names") + len(names)))
    return found


def _arabic_article(toks: list[_Tok], i: int, j: int) -> bool:
    """Whether a token of ``toks[i:j]`` is an Arabic article ("al", "ez-Zor")."""
    for t in toks[i:j]:
        head, dash, _ = t.lower.partition("-")
        if head in _AL_EL or (dash and head in _ARTICLE_STARTS):
            return True
    return False


def _gap_ok(text: str, a: _Tok, b: _Tok) -> bool:
    """Whether ``a`` and ``b`` can be words of one name: "St. Louis" and "Land O' Lakes" can,
    "Ohio. Police" not."""
    gap = text[a.end : b.start]
    return (
        gap in (" ", "-", " - ")
        or (gap == ". " and a.lower in _ABBREVIATED)
        or (gap in ("' ", "’ ") and a.lower == "o")  # "Land O' Lakes"
    )


#: Abbreviations that open a place name, and the words they stand for: "St. Louis",
#: "Mt. Vernon", "Co. Kerry". A name so written is looked up as written and in full.
_ABBREVIATED = {
    "st": "saint",
    "ste": "sainte",
    "mt": "mount",
    "ft": "fort",
    "pt": "point",
    "co": "county",
}
#: First words of a saint's name; a possessive and a capitalised word after one make it
#: the name of a day, a church or a hospital rather than of a place.
_SAINTS = frozenset({"st", "ste", "saint", "sainte"})
_SAINTS_THING = re.compile(r"['’]s? [A-Z]")


def _ends_in_street(toks: list[_Tok], i: int, run_end: int) -> bool:
    """Whether the run ``toks[i:run_end]`` ends in a street head, maybe then a compass point.

    "Main Street", and as Canadian and British addresses write them, "Eglinton Avenue
    East" and "Dundas Street West".
    """
    last = toks[run_end - 1].lower
    if last in STREET_HEADS:
        return True
    return last in COMPASS_POINTS and run_end - i > 2 and toks[run_end - 2].lower in STREET_HEADS


def _before_conjunction(toks: list[_Tok], i: int, run_end: int) -> int:
    """Where the run ``toks[i:run_end]`` ends if cut at its first "and" or "or" (not at ``i``)."""
    return next((k for k in range(i + 1, run_end) if toks[k].lower in ("and", "or")), run_end)


def _place_not_people(hits: tuple[Hit, ...]) -> bool:
    """Whether ``hits`` name a place and no people: "Morogoro", not "German" nor "American"."""
    return any(h.how in ("name", "alt") for h in hits) and not any(h.how == "demonym" for h in hits)


#: A capitalised word next: "State" opens an institution's name ("State Police").
_CAPITAL_NEXT = re.compile(r" [A-Z]")

#: Words before a state's name that the gazetteer's name may lack: "Western Lakes State".
_STATE_QUALIFIERS = frozenset(
    {"western", "eastern", "northern", "southern", "central", "upper", "lower"}
)

#: A road named by the towns it joins, after their names: "the Kabul-Jalalabad highway".
#: In lower case: "the Toowoomba-Karara Road" is the road's own name, "Karara Road" in it.
ROAD_WORDS = r"(?:motorway|highway|expressway|freeway|road|railway|railroad|pipeline|corridor)"
_ROAD_AFTER = re.compile(r"\s+" + ROAD_WORDS + r"\b")

#: Spanish and Portuguese words that open a river's name ("Río Azul", "Rio Doce").
_RIVER_FIRST_WORDS = frozenset({"río", "rio"})


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip(" \"'“‘(")
    return not before or before[-1:] in ".!?\n:;"


class Recognizer:
    """Finds toponym spans using a gazetteer index.

    Examples
    --------
    >>> rec = Recognizer(index)  # doctest: +SKIP
    >>> [s.surface for s in rec.find("Flights left Zuwara airport for Ramstein.")]  # doctest: +SKIP
    ['Zuwara', 'Ramstein']
    """

    def __init__(self, index: GazetteerIndex):
        self.index = index
        self._stop = stopwords()
        self._given = _given_names()
        self._surnames: frozenset[str] = frozenset()
        # list items followed by a plural division head, by end offset: (singular, kinds)
        self._listed: dict[int, tuple[str, frozenset[str]]] = {}
        # answers worked out from the index's cached hits, by the hits' identity
        self._named: dict[int, tuple[tuple[Hit, ...], tuple[Hit, ...]]] = {}
        self._filtered: dict[tuple[int, frozenset[str], bool], tuple[tuple, tuple[Hit, ...]]] = {}
        self._hit_facts: dict[int, tuple[tuple[Hit, ...], _HitFacts]] = {}
        self._merged: dict[tuple[int, int], tuple[tuple, tuple, tuple[Hit, ...]]] = {}
        self._postal_hits: dict[str, tuple[Hit, ...]] = {}
        # this article's names read as another spelling of a place by a cue, with their hits
        self._cued: dict[str, tuple[Hit, ...]] = {}
        # where such a spelling follows only "near": what the name would be without it
        self._spelled_near: dict[int, Span | None] = {}
        #: Keys a mention of this text showed to be a place: "Golden, B.C." (see :meth:`_accept`).
        self._established: set[str] = set()

    def _hits(self, key: str) -> tuple[Hit, ...]:
        if key[2:3] == " " or key[3:4] == " ":  # a two- or three-letter first word
            first, rest = key.split(" ", 1)
            full = _ABBREVIATED.get(first)
            if full is not None:
                return self._abbreviated_hits(key, f"{full} {rest}")
        return self._named_hits(key)

    def _abbreviated_hits(self, key: str, expanded: str) -> tuple[Hit, ...]:
        """Places named ``key`` ("mt vernon") and then those named in full ("mount vernon").

        A place whose own name is written so ("St. Louis") keeps the name to itself.
        """
        short = self._named_hits(key)
        if any(h.how == "name" for h in short):
            return short
        full = self._named_hits(expanded)
        if not full:
            return short
        known = self._merged.get((id(short), id(full)))
        if known is not None and known[0] is short and known[1] is full:
            return known[2]
        ids = {h.place.place_id for h in short}
        merged = short + tuple(h for h in full if h.place.place_id not in ids)
        if len(self._merged) >= 50_000:
            self._merged.clear()
        self._merged[(id(short), id(full))] = (short, full, merged)
        return merged

    def _named_hits(self, key: str) -> tuple[Hit, ...]:
        found = self.index.lookup(key)
        if not found:
            return ()
        known = self._named.get(id(found))
        if known is not None and known[0] is found:
            return known[1]
        kept = tuple(h for h in found if h.how != "code")
        if len(self._named) >= 50_000:
            self._named.clear()
        self._named[id(found)] = (found, kept)
        return kept

    def _facts(self, hits: tuple[Hit, ...]) -> _HitFacts:
        known = self._hit_facts.get(id(hits))
        if known is not None and known[0] is hits:
            return known[1]
        facts = _HitFacts(hits)
        if len(self._hit_facts) >= 50_000:
            self._hit_facts.clear()
        self._hit_facts[id(hits)] = (hits, facts)
        return facts

    def _filter(self, hits: tuple[Hit, ...], cue: frozenset[str], short: bool) -> tuple[Hit, ...]:
        """:func:`_filter_hits`, remembered for the index's (long-lived) answers."""
        known = self._filtered.get((id(hits), cue, short))
        if known is not None and known[0] is hits:
            return known[1]
        kept = _filter_hits(hits, cue, short)
        if len(self._filtered) >= 50_000:
            self._filtered.clear()
        self._filtered[(id(hits), cue, short)] = (hits, kept)
        return kept

    def _surname_like(self, tok: _Tok) -> bool:
        """A rare capitalised word that is no place: most likely a surname."""
        return _zipf(tok.lower) < 3.0 and not self._hits(_normalize(tok.text))

    def _find_surnames(self, text: str, toks: list[_Tok]) -> frozenset[str]:
        """Words the article uses as surnames: "Gov. Nelson", "Bill Nelson ... Nelson said"."""
        out = set()
        given = self._given
        for a, mid, b in zip(toks, toks[1:], toks[2:], strict=False):
            # "George W. Bush": a given name, an initial, a surname
            if (
                a.cap
                and b.cap
                and len(mid.text.rstrip(".")) == 1
                and mid.text[:1].isupper()
                and a.lower in given
            ):
                out.add(b.lower)
        for a, b in itertools.pairwise(toks):
            if not (a.cap and b.cap) or not _gap_ok(text, a, b):
                continue
            if a.lower.rstrip(".") in TITLES:
                out.add(b.lower)
                continue
            if (
                a.lower in self._stop
                or a.lower in PLACE_MODIFIERS
                or (_sentence_initial(text, a.start) and _zipf(a.lower) >= 4.5)
            ):
                continue
            after = text[b.end : b.end + 2]
            if after[:1].isspace() and after[1:2].islower() and a.lower in given:
                out.add(b.lower)
        return frozenset(out)

    def surnames(self, text: str) -> frozenset[str]:
        """Lower-case words ``text`` uses as surnames ("Khalifa Haftar ... Haftar").

        Wider than the test recognition applies internally: any capitalised word
        right after a common given name counts, whatever follows it.

        Examples
        --------
        >>> rec = Recognizer.__new__(Recognizer)
        >>> sorted(rec.surnames("Governor Nelson met the warlord Khalifa Haftar, who left."))
        ['haftar', 'nelson']
        """
        self._stop = getattr(self, "_stop", None) or stopwords()
        self._given = getattr(self, "_given", None) or _given_names()
        toks = _tokens(text)
        extra = {
            b.lower
            for a, b in itertools.pairwise(toks)
            if a.cap and b.cap and _gap_ok(text, a, b) and a.lower in self._given
        }
        return self._find_surnames(text, toks) | extra

    def find(self, text: str) -> list[Span]:
        """All toponym spans in ``text``, in order, without overlaps."""
        toks = _tokens(text)
        if "-" in text:
            toks = self._split_road_ends(text, toks)
        self._cued = {}
        self._spelled_near = {}
        self._established = set()
        self._surnames = self._find_surnames(text, toks)
        self._listed = self._division_lists(text)
        roads = self._roads(text)
        bylines = _byline_names(text)
        spans: list[Span] = []
        i = 0
        n = len(toks)
        while i < n:
            tok = toks[i]
            if not tok.cap and tok.lower not in _AL_EL:
                i += 1  # only a capitalised word or "al"/"el" starts a name
                continue
            if bylines and any(start <= tok.start < end for start, end in bylines):
                i += 1  # "By Lim Wei Ling | Aug 14, 2024": a reporter, not Lima
                continue
            road = roads.get(tok.start) if roads else None
            if road is not None:
                spans.append(road)
                while i < n and toks[i].start < road.end:
                    i += 1
                continue
            span = self._postal(text, tok, spans[-1]) if spans and len(tok.text) == 2 else None
            if span is not None:
                spans.append(span)
                i += 1
                continue
            span, used = self._match_at(text, toks, i)
            if span is None:
                i += 1
                continue
            if (
                spans
                and span.hits
                and not span.cue_kinds
                and spans[-1].head == STREET
                and _IN_TOWN.fullmatch(text, spans[-1].end, span.start)
            ):
                # "Washington Street in Rockford": what holds a street is a town
                span.cue_kinds = _TOWN
            spans.append(span)
            i += used
        if self._spelled_near:
            spans = self._near_in_country(spans)
        return self._site_town(text, spans)

    def _site_town(self, text: str, spans: list[Span]) -> list[Span]:
        """The town a web page's site name names, where the rules above did not find it.

        "Ithaca Daily Dispatch" is a newspaper, and its "Ithaca" is no place the story
        mentions (:data:`MEDIA_HEADS`); but on a page's first line, before the site's menu
        (:func:`site_name_line`), the name says which town the site covers, and so where
        a story placed only by a street happened. That town stands for the whole line;
        other readings of it ("HUB TOWN HERALD - Truro" as Hub and Herald) are dropped.
        A town read from the site's name alone is no literal mention (the story does not
        say something happened there), so it neither sets the article's country focus nor
        becomes an event's place; one the rules found keeps their reading. The head
        :data:`SITE_NAME` lets :func:`geo.events.anchors.home_place` find either.
        """
        line = site_name_line(text)
        if line is None:
            return spans
        start, end = line
        # the site's name opens the page, so its spans open the list
        n = next((k for k, s in enumerate(spans) if s.start >= end), len(spans))
        town = self._site_name_town(text, start, end)
        if town is None:
            return [s for s in spans[:n] if s.key not in SITE_WORDS] + spans[n:]
        for span in spans[:n]:
            if (span.start, span.end) == (town.start, town.end):
                # read as the rules read it, and as a town: the site's name says it is one
                span.cue_kinds = span.cue_kinds or _SITE_KINDS
                span.head = span.head or SITE_NAME
                town = span
        return [town, *spans[n:]]

    def _site_name_town(self, text: str, start: int, end: int) -> Span | None:
        """The first name of a town in ``text[start:end]``, a site's name, if it has one.

        Its parts ("Ennis Local | Your town, your news") are read apart; media words
        (:data:`SITE_WORDS`) and common words are no town. Of the names the gazetteer
        holds, the first with no common word decides, else the rarest ("Cobourg
        Harbourfront News" covers Cobourg, "HUB TOWN HERALD - Truro" Truro); a country's
        name, or a name of no town ("Kuwait Times", "Buffalo County Chronicle"), means the
        site covers more than a town.
        """
        best: tuple[float, int, int, tuple[Hit, ...]] | None = None
        for found in self._site_names(text, start, end):
            if found[0] < _SITE_RARE_ZIPF:
                best = found
                break
            if best is None or found[0] < best[0]:
                best = found
        if best is None:
            return None
        _, first, last, hits = best
        if not any(h.place.kind == "city" for h in hits) or any(
            h.place.kind in _SITE_AREA_KINDS for h in hits
        ):
            return None
        surface = text[first:last]
        # the towns and the divisions of the name, as the article's other places decide:
        # "SUSSEX COAST GAZETTE" is the English county, no Sussex of New Brunswick
        return Span(
            first, last, surface, _normalize(surface), hits, _SITE_KINDS, SITE_NAME, literal=False
        )

    def _site_names(
        self, text: str, start: int, end: int
    ) -> Iterator[tuple[float, int, int, tuple[Hit, ...]]]:
        """The place names of a site's name ``text[start:end]``, in order, each the longest
        from its first word: ``(Zipf of its commonest word, start, end, hits)``."""
        cuts = [start]
        for m in _SITE_NAME_PARTS.finditer(text, start, end):
            cuts += [m.start(), m.end()]
        cuts.append(end)
        for a, b in zip(cuts[::2], cuts[1::2], strict=True):
            words = list(_SITE_WORD.finditer(text, a, b))
            for k in range(len(words)):
                for size in range(min(3, len(words) - k), 0, -1):
                    window = words[k : k + size]
                    lows = [w.group().lower().rstrip(".") for w in window]
                    if (
                        any(w in SITE_WORDS or w in _CONNECTORS for w in lows)
                        or not window[0].group()[:1].isupper()
                    ):
                        continue
                    rarity = min(_zipf(w) for w in lows)
                    if rarity >= _SITE_COMMON_ZIPF:
                        continue
                    surface = text[window[0].start() : window[-1].end()]
                    # a place's own name: "Wards" is another name of a Belfast in Maine
                    hits = tuple(h for h in self._hits(_normalize(surface)) if h.how == "name")
                    if hits:
                        yield rarity, window[0].start(), window[-1].end(), hits
                        break

    def _split_road_ends(self, text: str, toks: list[_Tok]) -> list[_Tok]:
        """Split the two towns a road is named by: "the Kabul-Jalalabad highway".

        A hyphenated word before a road word in lower case (:data:`_ROAD_AFTER`), whose
        halves are capitalised, the second a place's name (the first may end a longer one:
        "Dar es Salaam-Morogoro"), and which the gazetteer does not hold whole
        ("Winston-Salem" it does), is two towns with a break between them, as if written
        with a dash; not "the Pan-American Highway" nor "Anglo-German road names".
        """
        before_road = {m.start() for m in _ROAD_AFTER.finditer(text)}
        if not before_road:
            return toks
        out: list[_Tok] = []
        for tok in toks:
            left, dash, right = tok.text.rpartition("-")
            if (
                tok.end in before_road
                and dash
                and left[:1].isupper()
                and right[:1].isupper()
                and not self._hits(_normalize(tok.text))
                and _place_not_people(self._hits(_normalize(right)))
            ):
                cut = tok.start + len(left)
                out += [
                    _Tok(tok.start, cut, left),
                    _Tok(cut, cut, ""),
                    _Tok(cut + 1, tok.end, right),
                ]
            else:
                out.append(tok)
        return out

    def _near_in_country(self, spans: list[Span]) -> list[Span]:
        """Keep a spelling that only "near" made a town where the article names its country.

        "near Qatraneh" in a report from Amman is Al Qaţrānah in Jordan; "near El Meram in
        West Kordofan" is no Meram of Turkey. A spelling none of whose towns lies in a country
        that another name of the article could mean is what it would have been without
        "near" (the place-shaped name unresolved, or nothing), and so are its repeats.
        """
        keys = {s.key for s in spans if s.start in self._spelled_near}
        countries = {h.place.country for s in spans if s.key not in keys for h in s.hits}
        kept = []
        for span in spans:
            if span.key in keys:
                hits = tuple(h for h in span.hits if h.place.country in countries)
                if not hits:
                    fallback = self._spelled_near.get(span.start)
                    if fallback is not None:
                        kept.append(fallback)
                    continue
                span.hits = hits
            kept.append(span)
        return kept

    def _postal(self, text: str, tok: _Tok, before: Span) -> Span | None:
        """A state's postal code right after a town of that state: "FLINT, MI --".

        Two capitals after a comma are many things ("Johnson, MD", "IN" in a headline);
        they are a state only where the name before them is a town of it.
        """
        code = postal_codes().get(tok.text)
        if code is None or text[tok.end : tok.end + 1].isalnum():
            return None
        gap = text[before.end : tok.start]
        if gap in _STATE_JOINERS:
            # "the Chattanooga, Tennessee–GA Metropolitan Statistical Area": states joined
            if not any(
                h.place.kind == "admin1" and h.place.country == code[0] for h in before.hits
            ):
                return None
            return self._postal_span(tok, code)
        if not _POSTAL_GAP.fullmatch(gap):
            return None
        person = _NAME_BEFORE.search(text, max(0, before.start - 24), before.start)
        if person is not None and (
            person.group(1).lower() in self._given or person.group(1).lower() in TITLES
        ):
            return None  # "Jane Johnson, MD" is a doctor
        if not _town_in(before.hits, {code}):
            return None
        return self._postal_span(tok, code)

    def _postal_span(self, tok: _Tok, code: tuple[str, str]) -> Span | None:
        country, name = code
        hits = self._postal_hits.get(tok.text)
        if hits is None:
            hits = self._postal_hits[tok.text] = tuple(
                h
                for h in self._hits(_normalize(name))
                if h.place.kind == "admin1" and h.place.country == country and h.how == "name"
            )
        if not hits:
            return None
        return Span(tok.start, tok.end, tok.text, _normalize(name), hits)

    def _roads(self, text: str) -> dict[int, Span]:
        """The numbered roads of ``text`` (:data:`_NUMBERED_ROAD`) and the pairs of streets
        named by one plural head (:data:`_STREET_PAIR`), as street spans, by start."""
        roads: dict[int, Span] = {}
        if any(f" {head}" in text for head in STREET_PAIR_HEADS):
            # "Prince and Inglis streets" are streets, not the town of Inglis
            for m in _STREET_PAIR.finditer(text):
                roads[m.start()] = _street_span(text, m.start(), m.end())
        if not _ROAD_HINT.search(text):
            return roads
        for m in _NUMBERED_ROAD.finditer(text):
            start, end = m.span()
            before = _ROAD_QUALIFIER.search(text, max(0, start - 30), start)
            if before is not None and any(
                h.place.kind == "admin1" for h in self._hits(_normalize(before.group(1)))
            ):
                start = before.start(1)  # "Illinois Route 159"
            roads[start] = _street_span(text, start, end)
        return roads

    def _division_lists(self, text: str) -> dict[int, tuple[str, frozenset[str]]]:
        """Names listed before a plural division head, by end offset (:data:`LIST_DIVISIONS`).

        A list counts only when every item the gazetteer knows is a division of the
        head's kinds: "Kano and Kaduna states" are two states, "the United States and
        Gulf states" is no list of states.
        """
        if not _DIVISION_PLURAL.search(text):
            return {}
        listed: dict[int, tuple[str, frozenset[str]]] = {}
        for m in _DIVISION_LIST.finditer(text):
            division = LIST_DIVISIONS[m.group("head")]
            ends = []
            for item in _LIST_ITEM.finditer(m.group("list")):
                key = _normalize(item.group())
                if self._hits(key) and not self._division_hits(key, *division):
                    break
                ends.append(m.start("list") + item.end())
            else:
                listed.update((end, division) for end in ends)
        return listed

    def _division_hits(self, key: str, head: str, kinds: frozenset[str]) -> tuple[Hit, ...]:
        """The divisions of ``kinds`` named ``key``, or ``key`` with its head ("X county")."""
        if head in _SUFFIXED_HEADS:
            hits = tuple(h for h in self._hits(f"{key} {head}") if h.place.kind in kinds)
            if hits:
                return hits
        return tuple(h for h in self._hits(key) if h.place.kind in kinds)

    def _run_end(self, text: str, toks: list[_Tok], i: int) -> int:
        """Index after the capitalised run (with connectors) starting at ``i``."""
        j = i + 1
        n = len(toks)
        while j < n and j - i < MAX_TOKENS and _gap_ok(text, toks[j - 1], toks[j]):
            t = toks[j]
            if t.cap or (
                t.lower in _CONNECTORS
                and toks[j - 1].lower not in _CALENDAR  # "Saturday on County Road 14"
                and self._joins(text, toks, j + 1)
            ):
                j += 1
            elif (
                t.lower in _CONNECTOR_PAIRS
                and j + 1 < n
                and toks[j + 1].lower in _CONNECTOR_PAIRS[t.lower]
                and _gap_ok(text, t, toks[j + 1])
                and self._joins(text, toks, j + 2)
            ):
                j += 2  # "Democratic Republic of the Congo", "Valle de la Luna"
            else:
                break
        return j

    @staticmethod
    def _joins(text: str, toks: list[_Tok], k: int) -> bool:
        """Whether the capitalised word ``toks[k]`` carries a name on past a connector."""
        return (
            k < len(toks)
            and toks[k].cap
            and toks[k].lower not in _CALENDAR  # "the village of X on Monday"
            and _gap_ok(text, toks[k - 1], toks[k])
        )

    def _match_at(self, text: str, toks: list[_Tok], i: int) -> tuple[Span | None, int]:
        tok = toks[i]
        # "al-Asad", "El Paso", "La Paz", "Des Moines": an article or a particle opens a name
        # before a capitalised word, though it is never one alone (the prefixes tried below
        # do not end in a connector)
        opens_name = (
            (tok.lower in _AL_EL or (tok.cap and tok.lower in _NAME_OPENERS))
            and i + 1 < len(toks)
            and toks[i + 1].cap
            and _gap_ok(text, tok, toks[i + 1])
        )
        if not tok.cap and not opens_name:
            return None, 1
        # "Lafayette, La.": the state, not the connector "la"
        state_slot = (
            tok.lower in _CONNECTORS
            and text[tok.end : tok.end + 1] == "."
            and _after_a_town(text, tok.start)
        )
        if tok.lower in _CONNECTORS and not opens_name and tok.lower != "the" and not state_slot:
            return None, 1
        full_end = self._run_end(text, toks, i)
        run_end = _before_division_of(toks, i, full_end)
        if run_end < full_end and _sentence_initial(text, tok.start) and _zipf(tok.lower) >= 4.0:
            run_end = full_end  # "Since the Central District of Santa Ana"
        elif run_end < full_end and toks[run_end - 1].lower not in _ADMIN1_BEFORE_OF:
            return self._division_in(text, toks, i, run_end), run_end - i
        start = tok.start
        if run_end - i > 1 and tok.lower != "the":
            # "the Near West Side of Chicago": the part runs up to its "Side"
            k = next((k for k in range(i + 1, run_end) if toks[k].lower in _PART_HEADS), 0)
            part = self._part_of_town(text, toks, i, k + 1) if k else None
            if part is not None:
                return part, k + 1 - i
        feature = self._feature(text, toks, i, run_end)
        if feature is not None:
            return feature, _consumed(toks, i, feature.end)
        pre_cue: frozenset[str] | None = None  # read when first needed
        loose = False  # whether the hits are another spelling's, found only by a cue
        spelled_near = False  # whether that cue is only "near" or "outside"
        # the longest prefix of the run that is a gazetteer key
        for j in range(run_end, i, -1):
            if (
                toks[j - 1].lower in _CONNECTORS
                and not (state_slot and j == i + 1)
                # "Hoi An", "Long An", "Nghe An": a Vietnamese name ends on its "An"
                and not (j - 1 > i and toks[j - 1].text == "An")
            ):
                continue
            surface = text[start : toks[j - 1].end]
            key = _normalize(surface)
            head_after, after_kinds = (None, frozenset())
            if j == run_end:
                head_after, after_kinds = _head_after(text, toks[j - 1].end)
            hits: tuple[Hit, ...] = ()
            head: str | None = None
            cue: frozenset[str] = frozenset()
            listed = self._listed.get(toks[j - 1].end) if self._listed else None
            split = _split_head(key)
            if split is not None and after_kinds and split[1] == _SEA:
                split = None  # "Red Sea state": the head after the name says what it is
            if listed is not None and (hits := self._division_hits(key, *listed)):
                # "Jackson and Barrow counties": Jackson County, not the city of Jackson
                head, cue = listed
            elif split is not None and split[0]:
                # a state is named whole: "The Indiana State Police" names no state "The
                # Indiana", "Fort Steilacoom Park and Western State Hospital" none at all;
                # but "Western Lakes State" is South Sudan's Lakes
                whole = surface.endswith(" State") and (
                    split[0].split(" ", 1)[0] not in _STATE_QUALIFIERS
                )
                hits = self._hits(key) or self._facility_hits(split[0], split[1], whole)
                head, cue = split[2], split[1]
            elif after_kinds:
                hits = self._facility_hits(key, after_kinds)
                if hits:
                    head, cue = head_after, after_kinds
            if not hits:
                hits = self._hits(key)
                if hits and after_kinds:
                    head, cue = head_after, after_kinds
            if (
                j + 1 == run_end
                and toks[j].text in _TOWN_HEADS
                and not cue
                and (towns := self._town_with_its_word(text, toks, start, j, key, hits))
            ):
                hits, head, cue = towns, toks[j].lower, _CITY_CUE
            if not hits and pre_cue is None:
                pre_cue = self._pre_cue(text, start)
            if not hits and (pre_cue or cue or after_kinds):
                wanted = pre_cue | cue | after_kinds
                hits = tuple(h for h in self.index.lookup_loose(key) if h.place.kind in wanted)
                if hits and after_kinds and not cue:
                    head, cue = head_after, after_kinds
                if hits:
                    loose = True
            if (
                not hits
                and j == run_end
                and _NEAR_BEFORE.search(text, max(0, start - _NEAR_REACH), start)
                and not _BUILDING_AFTER.match(text, toks[j - 1].end)
            ):
                # "a crash on the Desert Highway near Qatraneh": a spelling of Al Qatranah;
                # "outside Al-Sadr hospital" names the hospital
                hits = tuple(
                    h
                    for h in self.index.lookup_loose(key)
                    if h.place.kind == "city" and h.how in ("name", "alt")
                )
                if hits:
                    loose = True
                    spelled_near = True
            if not hits and key in self._cued:
                # "the West Kordofan town of Al-Nuhud" made the spelling a place; so it is in
                # "fighting broke out in Al-Nuhud" further on
                hits = self._cued[key]
            if not hits and j - i > 1 and _arabic_article(toks, i + 1, j):
                # an Arabic name spelled another way ("Ras al-Ain" for Ra's al 'Ayn) before
                # its first words alone ("Ras", India) and the rest ("al-Ain", Abu Dhabi)
                hits = tuple(
                    h
                    for h in self.index.lookup_loose(key)
                    if h.place.kind in _SPELLED_KINDS and h.how in ("name", "alt")
                )
            if not hits:
                continue
            # written as an abbreviation is: "Mass.", "N.Y.", "MASS"; "Mass was said" is not,
            # and two capitals are a state only as a postal code after its town ("the PA
            # system", "GA officials"; see :meth:`_postal`)
            short = (
                surface.endswith(".")
                or text[toks[j - 1].end : toks[j - 1].end + 1] == "."
                or (surface.isupper() and len(surface) > 2)
            )
            hits = self._filter(hits, cue, short)
            if surface.isupper() and len(key) <= 3:
                # an acronym ("EU", "UN") is not a village that happens to share its letters
                hits = tuple(
                    h for h in hits if h.place.kind != "city" or h.place.population >= 100_000
                )
            if not hits:
                continue
            if j < run_end and _ends_in_street(toks, i, run_end):
                # "Washington Street", "West State Street", "Eglinton Avenue East": a street,
                # not the place it is named for
                return self._street(text, toks, i, run_end), run_end - i
            if (
                j < run_end
                and _PART_OF_TOWN_AFTER.match(text, toks[run_end - 1].end)
                and all(t.cap and t.lower not in _CONNECTORS for t in toks[j:run_end])
            ):
                # "the Ellerslie Pen area of Spanish Town": the whole run names the part,
                # not the Ellerslie of Maryland its first word could be
                run = text[start : toks[run_end - 1].end]
                return Span(start, toks[run_end - 1].end, run, _normalize(run), (), _TOWN), (
                    run_end - i
                )
            end = toks[j - 1].end
            if text[end : end + 1] == "." and any(h.how == "abbr" for h in hits):
                end += 1  # "Ky." is the name, period included
                surface = text[start:end]
            if pre_cue is None:
                pre_cue = self._pre_cue(text, start)
            if (
                head == "state"
                and j - i > 1
                and _CAPITAL_NEXT.match(text, end)
                and any(h.place.country == "US" and h.place.kind == "admin1" for h in hits)
            ):
                # "Maryland State Police", "Kentucky State Troopers": an American state's
                # name is without the word, which belongs to the force's or the school's
                end = toks[j - 2].end
                surface = text[start:end]
                key = _normalize(surface)
            span = Span(start, end, surface, key, hits, cue | pre_cue, head)
            if pre_cue and j < run_end and not cue and not any(_big(h) for h in hits):
                # "the towns of Khan Touman": the cue names the whole run, not "Khan"
                whole = self._unknown_place(text, toks, i, run_end, pre_cue)
                if whole is not None:
                    return whole, _consumed(toks, i, whole.end)
            if not self._accept(text, toks, i, j, run_end, span):
                return None, j - i
            self._read_context(text, toks, i, j, run_end, span)
            if loose:
                self._cued[key] = hits
            if spelled_near:
                self._spelled_near[span.start] = self._unknown_place(
                    text, toks, i, run_end, pre_cue
                )
            return span, j - i
        # a place-shaped run that the gazetteer does not know
        if pre_cue is None:
            pre_cue = self._pre_cue(text, start)
        span = self._unknown_place(text, toks, i, run_end, pre_cue)
        if span is not None:
            return span, _consumed(toks, i, span.end)
        return None, max(1, run_end - i)

    def _division_in(self, text: str, toks: list[_Tok], i: int, end: int) -> Span:
        """The lower division ``toks[i:end]`` that "of" puts in a bigger one.

        "Pinal County of Arizona", "Orgun District of Paktika Province": the division
        itself, else the town it is named for, else (for "Paloch County of Western Lakes
        State") the division unresolved, for the user to add.
        """
        k = end - 1
        while k > i + 1 and toks[k - 1].lower in _DIVISION_MODIFIERS:
            k -= 1  # "Fagge Local Government Area" is named "Fagge"
        surface = text[toks[i].start : toks[end - 1].end]
        key = _normalize(surface)
        split = _split_head(key)  # "local government area", "district"; "county" is none
        head = split[2] if split is not None else toks[end - 1].lower
        hits = tuple(h for h in self._hits(key) if h.how in ("name", "alt"))
        if not hits:
            name_key = _normalize(text[toks[i].start : toks[k - 1].end])
            hits = tuple(
                h
                for h in self._hits(name_key)
                if h.place.kind in _LOWER_DIVISION_KINDS and h.how in ("name", "alt")
            )
            if hits:
                self._established.add(name_key)  # "Bor District of Serbia": Bor is a place
        return Span(
            toks[i].start, toks[end - 1].end, surface, key, hits, _LOWER_DIVISION_KINDS, head
        )

    def _pre_cue(self, text: str, start: int) -> frozenset[str]:
        near = text[max(0, start - 30) : start]
        tail = near.rstrip()
        if tail[-1:] not in _CUE_ENDINGS and (tail or start <= 30):
            return _NO_KINDS  # no cue phrase ("of", "capital") nor list ("," "and" "or") ends it
        m = _PRE_CUE.search(near.lower())
        if m:
            return PRE_CUES[m.group(1)]
        # a later item of a cued list: "the villages of A, B and C"
        before = text[max(0, start - 200) : start]
        if before.rstrip().endswith((",", "and", "or")) and _LIST_CUE.search(before):
            m = _LIST_TAIL.search(before)
            if m and m.group(1).lower() in LIST_CUES:
                return PRE_CUES[m.group(1).lower()]
        return frozenset()

    def _facility_hits(
        self, name_key: str, kinds: frozenset[str], whole: bool = False
    ) -> tuple[Hit, ...]:
        return self.index.facility_hits(name_key, kinds, drop_words=not whole)

    def _accept(
        self, text: str, toks: list[_Tok], i: int, j: int, run_end: int, span: Span
    ) -> bool:
        facts = self._facts(span.hits)
        big = facts.big
        countryish = facts.countryish
        single = j - i == 1
        word = toks[i].lower
        if (
            single
            and toks[i].text.isupper()
            and _CLOCK_BEFORE.search(text, max(0, span.start - 16), span.start)
        ):
            return False  # "9:31 PM EST" is a time zone, not the Burkinabe region of Est
        if single and word in _WEEKDAY_SHORT and _DAY_NUMBER_AFTER.match(text, span.end):
            return False  # "Updated Mon 8 Jan 2024": a day, not Myanmar's Mon State
        if (
            single
            and word in _NUMBERED_UNITS
            and _ORDINAL_BEFORE.search(text, max(0, span.start - 12), span.start)
        ):
            return False  # "the 7th Ward" is a ward of the city, not Ward, Arkansas
        if single and not countryish and self._in_named_state(text, span):
            self._established.add(span.key)
            return True  # "YORK, Pa.": the state it is in says it is a place
        if single and word in self._stop and not countryish:
            return False
        if word in _SAINTS and _SAINTS_THING.match(text, span.end):
            return False  # "St. Patrick's Day", "St. Michael's Hospital", "St. James' Church"
        if (
            single
            and len(word) <= 2
            and not toks[i].text.isupper()
            and not (span.surface.endswith(".") and _after_a_town(text, span.start))
            and not self._short_town_named(text, span)
        ):
            return False  # "La" and "Ky" alone are words; "Lafayette, La." names the state
        # a place inside a longer capitalised name: "London Police" and "Dublin Arts Council"
        # mention the place; the "Washington Post" is a newspaper, "Khalifa Haftar" a person
        if j < run_end and not span.cue_kinds:
            nxt = toks[j]
            if nxt.lower in MEDIA_HEADS:
                return False
            if not countryish and nxt.lower not in _CONNECTORS and self._surname_like(nxt):
                return False
        if i > 0 and toks[i - 1].lower in STORM_WORDS and _gap_ok(text, toks[i - 1], toks[i]):
            return False  # "Cyclone Tane", "Hurricane Florence": a storm's name
        if (
            single
            and word in MEDIA_HEADS
            and i > 0
            and toks[i - 1].cap
            and _gap_ok(text, toks[i - 1], toks[i])
        ):
            return False  # "the Hub Town Herald" is a newspaper, not Herald, California
        if (
            i > 0
            and toks[i - 1].cap
            and _gap_ok(text, toks[i - 1], toks[i])
            and toks[i - 1].lower not in self._stop
            and toks[i - 1].lower not in PLACE_MODIFIERS
            and (
                not big
                or (single and word in _INSTITUTION_WORDS)
                or ((single or span.head) and word in _COMPASS)
            )
            and not _sentence_initial(text, toks[i - 1].start)
        ):
            # "Foothills Medical Centre" is no region named Centre, the "Kavango East
            # Region" not Cameroon's East
            return False
        if (
            single
            and not big
            and (word in self._surnames or word in self._given)
            and span.end not in self._listed  # "Douglas and Sarpy counties"
        ):
            return False
        if single and not span.cue_kinds and span.key not in self._established:
            # a common word ("Golden") is a place's name where the text has shown it is one
            # ("Golden, B.C.", "the town of Golden") before; here, "west of Golden"
            z = _zipf(word)
            if z < 4.0 and toks[i].text.isupper() and opens_dateline(text, span.start, span.end):
                return True  # "ERIE — On Wednesday ...": a wire dateline names a place
            if _sentence_initial(text, toks[i].start) and z >= 3.5 and not big:
                return False
            if z >= 4.5 and not big:
                return False
            if z >= 5.3 and not countryish and not facts.admin1 and not facts.million:
                return False
        if single and span.cue_kinds:
            self._established.add(span.key)
        return True

    def _town_with_its_word(
        self, text: str, toks: list[_Tok], start: int, j: int, key: str, hits: tuple[Hit, ...]
    ) -> tuple[Hit, ...]:
        """The hits of a town written with its word for town after it, or ``()``.

        "Ba Town", "Nausori Town", "Lautoka City": Pacific and Asian papers write towns so,
        and the name is the town's without the word, as the corpora mark it. "Cape Town" is
        a key itself; "Paynesville City Mayor" is an office (the word must end the run);
        "known as “Tent City”" and "Mission City" are nicknames or common words, and a
        small town is taken only under a name that is no English word.
        """
        if text[start - 1 : start] in _QUOTES or text[toks[j].end : toks[j].end + 1] in _QUOTES:
            return ()
        # two letters ("Ba") are a syllable, not the English word the count says
        zipf = _zipf(key) if len(key) > 2 else 0.0
        if zipf >= _TOWN_HEAD_COMMON_ZIPF:
            return ()
        hits = hits or self._hits(key)
        if not any(
            h.place.kind == "city"
            and h.how in ("name", "alt")
            and (zipf < _TOWN_HEAD_RARE_ZIPF or h.place.population >= _TOWN_HEAD_MIN_POPULATION)
            for h in hits
        ):
            return ()
        self._established.add(key)  # "Ba Town ... settlements in Ba"
        return hits

    def _short_town_named(self, text: str, span: Span) -> bool:
        """Whether a two-letter name is said to be a town: "the town of Ba", "Ba Town",
        "Ho, Ghana", "Bo, Sierra Leone" (the country or state holds one of its towns)."""
        if not any(h.place.kind == "city" and h.how == "name" for h in span.hits):
            return False
        if span.key in self._established:
            return True  # "Ba Town ... settlements in Ba"
        if "city" in span.cue_kinds or "city" in self._pre_cue(text, span.start):
            self._established.add(span.key)
            return True
        if self._in_named_state(text, span):
            return True
        m = _STATE_AFTER.match(text, span.end) if text[span.end : span.end + 1] == "," else None
        if m is None:
            return False
        key = _normalize(m.group(1).rstrip("."))
        countries = {h.place.country for h in self._hits(key) if h.place.kind == "country"}
        return any(
            h.place.kind == "city" and h.how == "name" and h.place.country in countries
            for h in span.hits
        )

    def _in_named_state(self, text: str, span: Span) -> bool:
        """Whether ``span`` is followed by ", " and a state that one of its towns is in."""
        m = _STATE_AFTER.match(text, span.end) if text[span.end : span.end + 1] == "," else None
        if m is None:
            return False
        words = m.group(1).rstrip(".")
        postal = postal_codes().get(words)
        if postal is not None:  # "FLINT, MI": only a town of that state
            return _town_in(span.hits, {postal})
        for name in dict.fromkeys((words, words.split()[0].rstrip("."))):
            states = {
                (h.place.country, h.place.name)
                for h in self._hits(_normalize(name))
                if h.place.kind == "admin1"
            }
            if _town_in(span.hits, states):
                return True
        return False

    def _read_context(
        self, text: str, toks: list[_Tok], i: int, j: int, run_end: int, span: Span
    ) -> None:
        after = text[span.end : span.end + 60]
        facts = self._facts(span.hits)
        countryish = facts.countryish
        if facts.all_demonyms:
            span.demonym = True
            nxt = _NEXT_WORD.match(after)
            span.literal = bool(nxt and nxt.group(1) in GEOGRAPHIC_NOUNS)
            return
        if j < run_end and countryish and toks[j].lower not in _CONNECTORS:
            # inside an organisation's name: "Africa Command", "Iraq War Logs"
            span.literal = False
            return
        if facts.actor_like and (
            (
                _actor_verb(after)
                and not _WHERE_BEFORE.search(text, max(0, span.start - 120), span.start)
                # "the western city of Cali captured": the cue makes it the place
                and not span.cue_kinds
                # "Springfield, Ill. said": a town's state says where the speaker is
                and not (span.surface.endswith(".") and _after_a_town(text, span.start))
            )
            or _POSSESSED_ROLE.match(after)
            or _DASH_NAME.match(after)
        ):
            span.literal = False

    def _part_of_town(self, text: str, toks: list[_Tok], i: int, run_end: int) -> Span | None:
        """ "Moss Side", "the Near West Side", "the Old West End": a part of the town at hand.

        A run ending in "Side", or in "End" after a compass point, names a neighbourhood
        of the article's town. Spelled out by compass points alone ("West Side", "East
        End") it is that even where some far-off town has it as another name; otherwise
        only when the gazetteer does not hold the whole run.
        """
        words = [t.lower for t in toks[i:run_end]]
        compass = [w for w in words[:-1] if w not in _PART_QUALIFIERS]
        if words[-1] == "end" and (not compass or compass[-1] not in _COMPASS):
            return None
        named = [w for w in compass if w not in _COMPASS]
        if (
            len(named) > 1  # "John Canning of the Central North Side", "Yard Waste Curb Side"
            or any(w in _CONNECTORS for w in words)
            or (run_end < len(toks) and toks[run_end].lower in STREET_HEADS)  # Moss Side Avenue
            or (i and toks[i - 1].cap and _gap_ok(text, toks[i - 1], toks[i]))  # mid-name
        ):
            return None
        start, end = toks[i].start, toks[run_end - 1].end
        surface = text[start:end]
        key = _normalize(surface)
        if not (compass and all(w in _COMPASS for w in compass)) and self._hits(key):
            return None
        return Span(start, end, surface, key, (), frozenset(), NEIGHBOURHOOD)

    def _feature(self, text: str, toks: list[_Tok], i: int, run_end: int) -> Span | None:
        """The run ``toks[i:run_end]`` as a natural feature, if it is one no gazetteer name holds.

        "Whitefish Lake", "the Catawba River", "Lake Lanier": each is reported whole, with
        the feature word as its head, and never as the state or the county its other words
        name ("Lake Vermont"). Its candidates are the towns of those words under their own
        name, which a lake or a river is mostly named for and lies by (Whitefish Lake at
        Whitefish, the Catawba River at Catawba); with none it is unresolved ("Lake Lanier").
        A run the gazetteer knows whole ("Battle Creek", "Lake Charles", "Niagara Falls") is
        left to the gazetteer.
        """
        if run_end - i < 2 or not any(
            t.lower in FEATURE_WORDS or t.lower in _RIVER_FIRST_WORDS for t in toks[i:run_end]
        ):
            return None  # most runs: no feature word, nothing to look up
        run_end = _before_conjunction(toks, i, run_end)  # "the Catawba River and Kiser Lake"
        while i < run_end and toks[i].lower in _FUNCTION_WORDS:
            i += 1  # "A Goose Creek man", "In Whitefish Lake" at a sentence's start
        if run_end - i < 2:
            return None
        last, first = toks[run_end - 1], toks[i]
        if last.lower in FEATURE_HEADS:
            head = last.lower
        elif first.lower in FEATURE_FIRST_WORDS and run_end - i == 2:
            head = first.lower  # not "the Mount Pleasant Civic Center"
        elif first.lower in _RIVER_FIRST_WORDS and run_end - i == 2 and _zipf(last.lower) < 3.0:
            # "the Río Pénjamo", "Rio Azul": a river, not Rio de Janeiro; "the Rio Olympics"
            # (a common word after it) is the city's
            head = "river"
        else:
            return None
        if not last.cap or any(t.lower in _CONNECTORS and t.lower != "of" for t in toks[i:run_end]):
            return None  # "Valle de la Luna", "Lake of the Woods" are left as they were
        of = next((k for k in range(run_end - 2, i, -1) if toks[k].lower == "of"), None)
        if of is not None and head == last.lower:
            # "the City of Canada Bay", "the Province of Massachusetts Bay": the feature's
            # name is what follows "of"
            i, first = of + 1, toks[of + 1]
            if run_end - i < 2:
                return None
        start = first.start
        surface = text[start : last.end]
        key = _normalize(surface)
        if any(h.how in ("name", "alt") for h in self._hits(key)):
            return None  # not for "Flat Creek Field", an airport that reads so stripped
        if head in _TOWN_NAME_HEADS and any(
            any(
                h.how == "name" and h.place.kind == "city"
                for h in self._hits(_normalize(text[t.start : last.end]))
            )
            for t in toks[i + 1 : run_end - 1]
        ):
            return None  # "Downtown Long Beach" is in Long Beach, a town the gazetteer holds
        # the towns it may be named for, under their own name ("Whitefish" for Whitefish Lake;
        # not Charleston, which GeoNames also calls "Kanawha", nor the state for Lake Vermont)
        named = text[first.start : toks[run_end - 2].end] if head == last.lower else last.text
        towns = tuple(
            h for h in self._hits(_normalize(named)) if h.how == "name" and h.place.kind == "city"
        )
        return Span(start, last.end, surface, key, towns, frozenset(), head)

    @staticmethod
    def _street(text: str, toks: list[_Tok], i: int, run_end: int) -> Span:
        """The street ``toks[i:run_end]`` (see :func:`_ends_in_street`)."""
        start, end = toks[i].start, toks[run_end - 1].end
        if text[end : end + 1] == "." and toks[run_end - 1].lower in _STREET_ABBREVIATIONS:
            end += 1  # "Main St." keeps its period
        return _street_span(text, start, end)

    def _unknown_place(
        self, text: str, toks: list[_Tok], i: int, run_end: int, pre_cue: frozenset[str]
    ) -> Span | None:
        """A capitalised run that looks like a place by its cue words."""
        run_end = _before_conjunction(toks, i, run_end)  # "Aleis and Alzorba" are two places
        if run_end - i > 1 and _ends_in_street(toks, i, run_end):
            return self._street(text, toks, i, run_end)
        run = text[toks[i].start : toks[run_end - 1].end]
        key = _normalize(run)
        if run_end - i == 1 and toks[i].lower in self._stop:
            return None
        split = _split_head(key)
        if split is not None and split[0] and toks[run_end - 1].cap:
            if split[2] in {"state", "region", "district"} or split[0] in _FUNCTION_WORDS:
                return None  # "the LGA" names none
            if split[1] == _SEA and (
                not run.endswith(("Sea", "Ocean"))
                or any(t.lower in _CONNECTORS for t in toks[i:run_end])
            ):
                return None  # "Our Lady of the Sea", "Navarro-by-the-sea" name no sea
            return Span(toks[i].start, toks[run_end - 1].end, run, key, (), split[1], split[2])
        head, kinds = _head_after(text, toks[run_end - 1].end)
        if kinds and head not in _NO_UNKNOWN_AFTER:
            if _sentence_initial(text, toks[i].start) and run_end - i == 1:
                return None
            return Span(toks[i].start, toks[run_end - 1].end, run, key, (), kinds, head)
        listed = self._listed.get(toks[run_end - 1].end) if self._listed else None
        if listed is not None and listed[0] not in {"state", "district"}:
            # "Anbar and Salahuddin provinces", the second missing from the gazetteer
            return Span(toks[i].start, toks[run_end - 1].end, run, key, (), listed[1], listed[0])
        if pre_cue and not (run_end - i == 1 and _zipf(toks[i].lower) >= 4.0):
            return Span(toks[i].start, toks[run_end - 1].end, run, key, (), pre_cue, None)
        return None


_LIST_TAIL = re.compile(
    r"\b([a-z]+ of)\s+(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*\s*,\s*)*"
    r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*\s*,?\s+(?:and|or)\s+|"
    r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*\s*,\s*)$"
)


#: A pre-cue phrase ending the lower-cased text before a name (no two can end it together).
_PRE_CUE = re.compile(
    r"(?:^|\W)(" + "|".join(re.escape(p) for p in PRE_CUES) + r")\s*$", re.UNICODE
)
#: Whether a list cue is anywhere before: needed for :data:`_LIST_TAIL` to say anything.
_LIST_CUE = re.compile("|".join(re.escape(p) for p in sorted(LIST_CUES)))
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
#: A preposition of place right before a name, or before the list it ends: "Police in
#: Manchester said" and "Police in Spain and France have captured" locate the police; the
#: places themselves say nothing.
_WHERE_BEFORE = re.compile(
    r"\b(?i:in|at|near|from|outside)\s+(?i:the\s+)?"
    r"(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}\s*,\s*){0,4}"
    r"(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2},?\s+and\s+)?\Z"
)
#: What stands between a town and its state's postal code: "Flint, MI".
_POSTAL_GAP = re.compile(r",[ \t]*")
#: What joins the states of a metropolitan area: "Tennessee–GA", "PA-NJ".
_STATE_JOINERS = frozenset({"–", "-", "—"})
#: A capitalised word (or title) right before a name: "Jane" in "Jane Johnson, MD".
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+)\.?[ \t]\Z")
#: The rest of a list of names after its first: ", China and Iran" in "Russia, China and
#: Iran said" (each name up to three capitalised words).
_AND_NAME = re.compile(
    r"^(?:\s*,\s*[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}){0,4},?\s+and\s+[A-Z][\w-]+"
    r"(?:\s+[A-Z][\w-]+){0,2}"
)


def _actor_verb(after: str) -> bool:
    """Whether the text right after a name (or after the rest of its list) makes it an actor.

    Examples
    --------
    >>> _actor_verb(" denied the report"), _actor_verb(", China and Iran said")
    (True, True)
    >>> _actor_verb(" struck a depot"), _actor_verb(" was struck by a drone")
    (True, False)
    """
    for text in (after, _AND_NAME.sub("", after)):
        if _METONYM_VERBS.match(text) or _ACTION_VERBS.match(text):
            return True
    return False


_POSSESSED_ROLE = re.compile(
    r"(?:’|')s?\s+(?:government|leaders?|officials?|position|response|"
    r"decision|foreign policy|interference|involvement|role)\b"
)
_DASH_NAME = re.compile(r"-[A-Z]")
_AL_EL = frozenset({"al", "el"})
#: Connectors that open names as articles and particles do: "La Paz", "Des Moines", "Van
#: Buren", "Y Bala" (not "On", "Of", "And", which open sentences and titles).
_NAME_OPENERS = frozenset(
    "la le les las des du de del di da den der van von y bin".split()  # noqa: SIM905
)
#: Kinds of place a run of words may name in another spelling without a cue.
_SPELLED_KINDS = frozenset({"city", "admin1", "admin2"})
#: After a part of a town, before the town: "the Ellerslie Pen area of Spanish Town".
_PART_OF_TOWN_AFTER = re.compile(
    r"\s+(?:area|neighbou?rhood|section|community|quarter)\s+of\s+[A-Z]"
)
#: "near" or "outside" right before a name: a place, though spelled its own way.
_NEAR_BEFORE = re.compile(r"\b(?:near|outside)\s+\Z")
#: How far back (characters) :data:`_NEAR_BEFORE` is looked for: the word and its spaces.
_NEAR_REACH = 40
#: A building or organisation named after the place: "outside Al-Sadr hospital".
_BUILDING_AFTER = re.compile(
    r"\s+(?i:(?!county|city|town|village|province|region|district|state|area|community)"
    r"(?:" + "|".join(sorted(ORG_HEADS)) + r"))\b"
)
#: Words that are units counted by an ordinal: "the 7th Ward", "the Ninth District".
_NUMBERED_UNITS = frozenset(
    """
    ward wards district precinct division brigade battalion regiment corps fleet army
    circuit parish borough arrondissement congressional
    """.split()  # noqa: SIM905
)
#: An ordinal right before a word ("the 10th Muscat film festival" still names Muscat).
_ORDINAL_BEFORE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth)\s+\Z",
    re.IGNORECASE,
)
#: A clock time right before a word on its line: "9:31 PM", "10 a.m.", "14:00" (a time
#: ending a page's line is no time zone of the dateline under it: "8:00 a.m.\nBARRIERE").
_CLOCK_BEFORE = re.compile(
    r"\b\d{1,2}(?::\d\d[ \t]*(?:[ap]\.?[ \t]?m\.?[ \t]*)?|[ \t]*[ap]\.?[ \t]?m\.?[ \t]*)\Z",
    re.IGNORECASE,
)
#: What may follow a town as its state: ", Pa.", ", N.Y.", ", New Mexico".
_STATE_AFTER = re.compile(r",[ \t]*([A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?)")
#: A name right after "X, ": the slot of a state in "Lafayette, La." and "Columbus, Ga.".
_AFTER_COMMA = re.compile(r"\w\.?,[ \t]*\Z")


def _town_in(hits: tuple[Hit, ...], states: set[tuple[str, str]]) -> bool:
    """Whether a hit is a town or county, by its own name, in one of ``(country, state)``."""
    return any(
        (h.place.country, h.place.admin1) in states
        and h.how in ("name", "alt")
        and h.place.kind in ("city", "admin2")
        for h in hits
    )


def _after_a_town(text: str, start: int) -> bool:
    """Whether the word at ``start`` stands where a state does, after "Lafayette, "."""
    return _AFTER_COMMA.search(text, max(0, start - 8), start) is not None


#: Between a street and the town that holds it: "Main St. in Springfield", "Paris Road, Chalmette".
_IN_TOWN = re.compile(r"(?:,|\s+in|\s+near|\s+outside|\s+of)?\s+")
_TOWN = frozenset({"city"})
_STREET_ABBREVIATIONS = frozenset({"st", "ave", "rd", "blvd", "ln", "hwy", "pkwy"})
#: Last characters of the text before a name that can end a pre-cue: "of", "capital", and a
#: list's ",", "and", "or" (only ASCII letters lower-case to these).
_CUE_ENDINGS = frozenset("fFlL,dDrR")
_NO_KINDS: frozenset[str] = frozenset()


class _HitFacts:
    """What the recogniser asks of a span's hits, worked out once per hits tuple."""

    __slots__ = ("actor_like", "admin1", "all_demonyms", "big", "countryish", "million")

    def __init__(self, hits: tuple[Hit, ...]):
        kinds = {h.place.kind for h in hits}
        self.admin1 = "admin1" in kinds
        self.big = any(
            h.place.kind in {"country", "continent", "admin1", "region"}
            or h.place.population >= 100_000
            for h in hits
        )
        self.countryish = bool(kinds & {"country", "continent"})
        self.million = any(h.place.population >= 1_000_000 for h in hits)
        self.all_demonyms = all(h.how == "demonym" for h in hits)
        self.actor_like = bool(kinds & {"country", "admin1"}) or self.million


#: How far into the article a dateline may start (headline, byline and site furniture first).
DATELINE_CHARS = 2000
#: What follows the town of a news dateline: "ROCKFORD, Ill. —", "BAGHDAD (Reuters) -",
#: "Tripoli, Libya --", "NAGPUR:". The state or country and the agency are optional.
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.’' ]{1,30}?)?\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-|:|_{2})\s"
)


def opens_dateline(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is the place of a news dateline.

    It opens a line (quotes and markdown marks aside) and is followed by its state or
    country and the agency, both optional, then a dash or a colon. Where a report was
    filed is a place, and the town the report is about.

    Examples
    --------
    >>> opens_dateline("Man shot\\nROCKFORD, Ill. — A man was shot.", 9, 17)
    True
    >>> opens_dateline("NEW ORLEANS (WWL) -- One man was killed.", 0, 11)
    True
    >>> opens_dateline("Man shot\\nROCKFORD said", 9, 17)
    False
    """
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip(' \t"“*#') and bool(_DATELINE_TAIL.match(text, end))


def _street_span(text: str, start: int, end: int) -> Span:
    """``text[start:end]`` as a street: a place no gazetteer holds, with head :data:`STREET`."""
    surface = text[start:end]
    return Span(start, end, surface, _normalize(surface), (), frozenset(), STREET)


def _consumed(toks: list[_Tok], i: int, end: int) -> int:
    """How many tokens from ``i`` a span ending at ``end`` covers."""
    k = i + 1
    while k < len(toks) and toks[k].start < end:
        k += 1
    return k - i


#: The last word of a division's name that can stand before "of" and its container:
#: "Orgun District of Paktika Province", "Fagge Local Government Area of Kano State".
_DIVISION_BEFORE_OF = frozenset(
    {
        "district",
        "county",
        "province",
        "state",
        "region",
        "governorate",
        "lga",
        "municipality",
        "township",
        "prefecture",
        "oblast",
        "raion",
        "rayon",
        "regency",
        "tehsil",
        "taluka",
        "woreda",
    }
)
#: Words that make "X District of Y" the name of Y's division, not a division X in Y:
#: "the Regional Municipality of Waterloo", "the Municipal District of Bonnyville", "the
#: Northern District of Israel", "the Second District of Pampanga".
_DIVISION_MODIFIERS = PLACE_MODIFIERS | frozenset(
    """
    regional municipal metropolitan royal federal special autonomous national capital
    administrative unincorporated local government city county school police judicial
    congressional electoral free independent and first second third fourth fifth overseas
    general services parish neighbouring neighboring
    """.split()  # noqa: SIM905
)


#: Heads after a run that do not make it an unknown place: a division's ("the City of
#: Lismore local government area" is no place of that name) and a bare "base".
_NO_UNKNOWN_AFTER = frozenset(
    {"state", "region", "district", "base", "local government area", "lga"}
)
#: Division words of the first level under a country: "X State of Y" goes the usual way.
_ADMIN1_BEFORE_OF = frozenset({"state", "province", "region", "governorate", "oblast"})
#: The kinds a lower division is drawn as: its own entry, or the town it is named for.
_LOWER_DIVISION_KINDS = frozenset({"admin2", "city"})


def _before_division_of(toks: list[_Tok], i: int, run_end: int) -> int:
    """Where a run ends that names a division, then "of" and the place that holds it.

    "Orgun District of Paktika Province" is Orgun District in Paktika: two places, so
    the run stops before "of". A run whose words before the division word are all
    generic ("the Regional Municipality of Waterloo", "the District of Columbia") is one
    name and runs on.

    Examples
    --------
    >>> toks = _tokens("in Orgun District of Paktika Province")
    >>> [t.text for t in toks[: _before_division_of(toks, 1, len(toks))]]
    ['', 'Orgun', 'District']
    >>> toks = _tokens("The Regional Municipality of Waterloo")
    >>> _before_division_of(toks, 0, len(toks)) == len(toks)
    True
    """
    if run_end - i < 4:
        return run_end  # too short for a name, a division word, "of" and a place
    k = next((k for k in range(i + 1, run_end - 1) if toks[k].lower == "of"), None)
    if k is None or k < i + 2:
        return run_end
    word = toks[k - 1].lower
    if word == "area" and toks[k - 2].lower == "government":
        word = "lga"  # "Local Government Area"
    if word in _DIVISION_BEFORE_OF and any(
        t.lower not in _DIVISION_MODIFIERS and t.lower not in _DIVISION_BEFORE_OF
        for t in toks[i : k - 1]
    ):
        return k
    return run_end


def _big(hit: Hit) -> bool:
    return hit.place.population >= 100_000 or hit.place.kind in {
        "country",
        "admin1",
        "continent",
    }


#: A facility or division head after a space, ending before anything but a lower-case letter;
#: the alternatives keep the order of ``FACILITY_HEADS`` (longest first), so the first wins.
_HEAD_AFTER = re.compile(
    r"[ ](" + "|".join(re.escape(head) for head, _ in FACILITY_HEADS) + r")(?![a-z])"
)
_HEAD_KINDS: dict[str, frozenset[str]] = {}
for _head, _kinds in FACILITY_HEADS:
    _HEAD_KINDS.setdefault(_head, _kinds)
_NO_HEAD: tuple[None, frozenset[str]] = (None, frozenset())


def _head_after(text: str, end: int) -> tuple[str | None, frozenset[str]]:
    """A lower-case facility or division head right after a name.

    Examples
    --------
    >>> _head_after("Zuwara airport was hit", 6)[0]
    'airport'
    >>> _head_after("Zuwara airports", 6)
    (None, frozenset())
    """
    m = _HEAD_AFTER.match(text, end)
    if m is None:
        return _NO_HEAD
    head = m.group(1)
    return head, _HEAD_KINDS[head]


def _filter_hits(hits: tuple[Hit, ...], cue: frozenset[str], short: bool) -> tuple[Hit, ...]:
    """Drop relations that only count with a cue or a form; demonyms rule out homonyms.

    An abbreviation counts only where the name is written as one (``short``: with its
    period or in capitals): "Mass." is Massachusetts, "Mass was said" and "Miss Smith"
    are words.
    """
    facility = bool(cue & {"airport", "airbase"})
    kept = tuple(h for h in hits if h.how != "code" and (facility or h.how != "city"))
    if not cue and any(h.how == "demonym" for h in kept):
        kept = tuple(h for h in kept if h.how == "demonym")
    if not short:
        kept = tuple(h for h in kept if h.how != "abbr")
    return kept


#: Last words that make a name a body of water: "the Red Sea" is not the Sudanese state.
#: (Not index heads: "Black Sea" must not be found as "Black".)
_SEA = frozenset({"sea"})
_WATER_HEADS: tuple[tuple[str, frozenset[str]], ...] = (("sea", _SEA), ("ocean", _SEA))


#: Capitalised words for a town after its name: "Ba Town", "Lautoka City".
_TOWN_HEADS = frozenset({"Town", "City"})
#: "X Town" is read as the town X only for a town at least this big, or for a name that
#: is no English word (below the rare Zipf frequency), and never for a common word, so that
#: nicknames ("Motor City", "Mission City") do not find a hamlet of the name.
_TOWN_HEAD_MIN_POPULATION = 5_000
_TOWN_HEAD_RARE_ZIPF = 2.5
_TOWN_HEAD_COMMON_ZIPF = 4.0
_QUOTES = frozenset("\"“”'‘’")
_CITY_CUE = frozenset({"city"})


@lru_cache(maxsize=100_000)
def _split_head(key: str) -> tuple[str, frozenset[str], str] | None:
    for head, kinds in FACILITY_HEADS + _WATER_HEADS:
        if key.endswith(" " + head):
            return key[: -len(head) - 1].strip(), kinds, head
    return None


def iter_spans(recognizer: Recognizer, text: str) -> Iterator[Span]:
    """Convenience generator over :meth:`Recognizer.find`."""
    yield from recognizer.find(text)


#: Items of a site's menu line: separated by a bar or a bullet, or by two spaces or more.
_MENU_SEPARATOR = re.compile(r"\s+[|•·]\s+|\s{2,}|\t")


def on_menu_line(text: str, offset: int) -> bool:
    """Whether ``offset`` lies on a line of a site's menu: three short items or more.

    The menu lines of a text are found once (:func:`_menu_lines`), so asking for every
    mention of a long page costs a search each, not a pass over the page.

    Examples
    --------
    >>> on_menu_line("Home | News | Cape Town | Sport\\nA man was shot in Paarl.", 14)
    True
    >>> on_menu_line("Home | News | Cape Town | Sport\\nA man was shot in Paarl.", 50)
    False
    """
    starts, ends = _menu_lines(text)
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset <= ends[k]


@lru_cache(maxsize=16)
def _menu_lines(text: str) -> tuple[list[int], list[int]]:
    """The start and end offsets of the menu lines of ``text``, in order."""
    starts: list[int] = []
    ends: list[int] = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        items = _MENU_SEPARATOR.split(text[start:end].strip())
        if len(items) >= 3 and all(len(item.split()) <= 4 for item in items):
            starts.append(start)
            ends.append(end)
        start = end + 1
    return starts, ends


_INK = re.compile(r"\S")
#: A site's name is short: "Ithaca Daily Dispatch", "Ennis Local | Your town, your news".
_SITE_NAME_WORDS = 10
#: How many lines after the site's name its menu may come.
_SITE_MENU_LINES = 2
#: What parts a site's name from its tagline, or one place from another in it:
#: "HUB TOWN HERALD - Truro & Colchester County".
_SITE_NAME_PARTS = re.compile(r"\s+[|\-–—:•·]\s+|\s*[&,/]\s*|\s+and\s+")
_SITE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: Words of a site's name that name the medium or the kind of area, not the town.
SITE_WORDS = MEDIA_HEADS | frozenset(
    {
        "the",
        "online",
        "local",
        "now",
        "live",
        "weekly",
        "weekend",
        "update",
        "beat",
        "wire",
        "report",
        "reports",
        "patch",
        "radio",
        "tv",
        "fm",
        "am",
        "media",
        "network",
        "newsletter",
        "magazine",
        "bugle",
        "city",
        "town",
        "region",
        "area",
        "metro",
        "valley",
        "valleys",
        "coast",
        "coastal",
        "your",
        "our",
        "news",
        "agency",
        "ltd",
        "police",
        "garda",
        "constabulary",
        "sheriff",
        "fire",
        "council",
    }
)
#: The first name of a site's name with no word this common (Zipf) is its town, before a
#: rarer one: "Cobourg Harbourfront News" covers Cobourg, "HUB TOWN HERALD - Truro" Truro.
_SITE_RARE_ZIPF = 4.0
#: Kinds of place whose name makes a site's name cover more than a town.
_SITE_AREA_KINDS = frozenset({"country", "continent"})
#: The head (:attr:`Span.head`, and the mention's ``cue``) of the town a site's name names.
SITE_NAME = "site name"
#: What the name in a site's name is: a town, or the division the site covers.
_SITE_KINDS = frozenset({"city", "admin1", "admin2"})
#: A one-word name of a site this common (Zipf) is a word, not its town: "Star", "Cape".
_SITE_COMMON_ZIPF = 4.5


def site_name_line(text: str) -> tuple[int, int] | None:
    """Where a web page's site name is: its first line, when a menu follows it.

    A page copied from a local news site opens with the site's name ("Ithaca Daily
    Dispatch"), often the town it covers, then the site's menu (:func:`on_menu_line`).
    A first line that reads as a sentence, or that no menu follows within
    :data:`_SITE_MENU_LINES` lines, is no site name.

    Examples
    --------
    >>> page = "Ithaca Daily Dispatch\nHome | News | Cornell | Events\n\nTwo hurt in crash"
    >>> site_name_line(page)
    (0, 21)
    >>> site_name_line("Two hurt in crash\nA car hit a pole on Friday.") is None
    True
    """
    ink = _INK.search(text)
    if ink is None:
        return None
    start = ink.start()
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    words = line.split()
    if (
        not words
        or len(words) > _SITE_NAME_WORDS
        or line.endswith(("!", "?"))
        or (line.endswith(".") and len(words) >= 5)
        or on_menu_line(text, start)
    ):
        return None
    nxt = end + 1
    for _ in range(_SITE_MENU_LINES):
        while nxt < len(text) and text[nxt] == "\n":
            nxt += 1  # blank lines are not counted
        if nxt >= len(text):
            return None
        if on_menu_line(text, nxt):
            return start, start + len(line)
        stop = text.find("\n", nxt)
        if stop < 0:
            return None
        nxt = stop + 1
    return None
