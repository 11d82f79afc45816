"""Event geolocation on raw text: propose the places, then ask which are the event's.

:class:`EventLocator` joins the geoparser (every place mention, resolved or not, even on
weak evidence), :func:`speculative_places` and :func:`capitalised_names` (names no gazetteer
holds) with :mod:`geo.events.selector` (a small learned model over the readings of
:func:`geo.events.roles.read_mentions`, which decides which of them are where the event
happened; the rules give the role). Without a model file it falls back to the rules of
:func:`geo.events.roles.locate` on the recognised places. It is what ``geo eval-events``
measures.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.events.lexicon import event_type_of
from geo.events.roles import PLACE_NOUNS, locate
from geo.events.selector import Selector, load_selector
from geo.model import FEATURE_HEADS, Mention, Role
from geo.resolve import resolve_spans
from geo.timewords import MONTHS, WEEKDAYS

#: Where a proposed mention came from (a feature of the selector).
SOURCES = (
    "recognised",
    "weak evidence",
    "after a preposition",
    "capitalised name",
)

_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|near|outside|off|from|into|to|of|around|across|toward|towards|on)\s+(?:the\s+)?"
    r"((?:[Aa][lr]-|[Ee]l-)?[A-Z][\w’'\-]+(?:\s+(?:[A-Z][\w’'\-]+|al|el|de|del|of))*)"
)


def speculative_places(
    text: str,
    known: list[Mention],
    exclude: frozenset[str] = frozenset(),
    lo: int = 0,
    hi: int | None = None,
) -> list[Mention]:
    """Capitalised names after a locative preposition that the gazetteer does not know.

    Event reports name villages, camps and neighbourhoods no gazetteer holds
    ("killed in Alsaliheen", "captured in Palaikkuli"). A run of capitalised
    words right after "in", "at", "near", "from", "to" ... that is not a known
    place, not a common English word, a month, a weekday or a person's title
    is reported as an unresolved place mention (``place`` is ``None``).

    Examples
    --------
    >>> [m.surface for m in speculative_places("A small area was captured in Palaikkuli.", [])]
    ['Palaikkuli']
    >>> speculative_places("Backing for Haftar grew.", [], frozenset({"haftar"}))
    []
    >>> speculative_places("They met in January at Reuters.", [])
    []
    """
    from geo.toponyms import _zipf, stopwords

    stop = stopwords()
    taken = [(m.start, m.end) for m in known]
    out = []
    for match in _AFTER_PREPOSITION.finditer(text, lo, len(text) if hi is None else hi):
        start, end = match.span(1)
        words = match.group(1).split()
        # "on Chartiers Avenue Monday night": a weekday or a month ends the name
        while words and (
            words[-1] in {"al", "el", "de", "del", "of"} or words[-1].lower() in _MONTHS_AND_DAYS
        ):
            words.pop()
            end = start + len(" ".join(words))
        first = words[0].split("-")[-1].lower() if words else ""
        if not first or first in stop or first in exclude or _zipf(first) >= 4.0:
            continue
        if words[-1].lower() in ORGANISATION_HEADS:
            continue
        if any(s < end and e > start for s, e in taken):
            continue
        surface = text[start:end]
        out.append(Mention("sentence", start, end, surface, reason="after a locative preposition"))
        taken.append((start, end))
    return out


def unknown_candidates(
    text: str,
    known: list[Mention],
    surnames: frozenset[str] = frozenset(),
    lo: int = 0,
    hi: int | None = None,
) -> tuple[list[Mention], dict[tuple[int, int], str]]:
    """Names no gazetteer holds that may still be where an event happened, with their source.

    First the capitalised names after a locative preposition
    (:func:`speculative_places`, source ``"after a preposition"``), then every other
    capitalised run (:func:`capitalised_names`, source ``"capitalised name"``) but the
    people the text names (a word of it in ``surnames``). The selector weighs the source;
    the rules never see capitalised names. Only ``text[lo:hi]`` is read (one
    sentence of an article: a name never runs across a sentence end). A headline in title
    case ("Iran Stages Attack in Response to Killing") gives nothing: there, capitals do
    not mark names. Names headed by an organisation noun ("Wagner Group", "Joint Plan of
    Action") are not places and are left out.

    Examples
    --------
    >>> text = "Gunmen killed two men in Alsaliheen, Haftar said."
    >>> extra, sources = unknown_candidates(text, [], frozenset({"haftar"}))
    >>> for m in extra:
    ...     print(m.surface, "|", sources[m.start, m.end])
    Alsaliheen | after a preposition
    Gunmen | capitalised name
    """
    sources: dict[tuple[int, int], str] = {}
    hi = len(text) if hi is None else hi
    if is_title_case(text[lo:hi]):
        return [], sources
    after = speculative_places(text, known, surnames, lo, hi)
    sources.update({(m.start, m.end): "after a preposition" for m in after})
    names = [
        m
        for m in capitalised_names(text, [*known, *after], lo, hi)
        if not any(w.lower() in surnames for w in m.surface.split())
    ]
    names = [m for m in names if not _modifies_a_noun(text, m.end, hi)]
    sources.update({(m.start, m.end): "capitalised name" for m in names})
    return [m for m in [*after, *names] if not looks_like_no_place(m.surface)], sources


_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")


def _modifies_a_noun(text: str, end: int, hi: int) -> bool:
    """Whether a capitalised name is followed by a noun that weapon, vehicle, company or
    role names modify ("Pantsir air defence", "Reaper drones"); a place's nouns
    ("Reshimbagh residence", "Alqarmeel village") are not among them."""
    match = _NEXT_WORD.match(text, end, hi)
    if match is None:
        return False
    word = match.group(1)
    return word in _MODIFIED_NOUNS or (word.endswith("s") and word[:-1] in _MODIFIED_NOUNS)


#: Nouns that a weapon, vehicle, company or product name modifies (plurals in -s follow).
_MODIFIED_NOUNS = frozenset(
    """
    air missile system battery batteries drone jet aircraft helicopter tank rifle rocket
    launcher gun vehicle truck fighter bomber plane ship boat submarine warship carrier
    company firm brand model spokesman spokeswoman official chief leader commander president
    minister militants forces troops soldiers officer
    """.split()  # noqa: SIM905
)

#: Last words that keep a name with a given name first a place ("James Street").
_STREET_NOUNS = PLACE_NOUNS | frozenset(["avenue", "lane", "drive", "boulevard", "park"])


_ADJECTIVAL = re.compile(
    r"-(?:controlled|based|led|backed|held|born|owned|run|linked|allied|affiliated|style)$", re.I
)


def looks_like_no_place(surface: str) -> bool:
    """Whether a capitalised name is shaped like a person, an acronym or an adjective.

    The wide net of :func:`unknown_candidates` catches these as often as real villages:
    a given name first ("James Mixon", but not "James Street"), a short all-capitals
    acronym ("TLC", "GBI's"), a possessive, a hyphenated adjective ("Ossetian-controlled"),
    or a storm ("Cyclone Evan").

    Examples
    --------
    >>> [looks_like_no_place(s) for s in ("James Mixon", "TLC", "GBI's", "Ossetian-controlled")]
    [True, True, True, True]
    >>> looks_like_no_place("Cyclone Evan"), looks_like_no_place("Storm Lake")
    (True, False)
    >>> [looks_like_no_place(s) for s in ("Alqarmeel", "James Street", "Tse-Usenda")]
    [False, False, False]
    """
    from geo.toponyms import STORM_WORDS, _given_names

    words = surface.split()
    if not words:
        return True
    if (
        len(words) >= 2
        and any(w.lower() in STORM_WORDS for w in words[:2])
        and words[-1].lower() not in FEATURE_HEADS
        and words[-1].lower() not in _STREET_NOUNS
    ):
        return True  # "Cyclone Evan", "Tropical Storm Ana": a storm; "Storm Lake" a town
    if re.search(r"['’]s?$", surface) or _ADJECTIVAL.search(surface):
        return True
    if len(words) == 1 and 2 <= len(surface) <= 5 and surface.isupper():
        return True
    return (
        len(words) >= 2
        and words[0].lower() in _given_names()
        and words[-1].lower() not in _STREET_NOUNS
    )


#: Last words of names of organisations, forces, agreements and media, never places.
ORGANISATION_HEADS = frozenset(
    """
    group party council ministry agency command company corporation corp inc ltd committee
    commission forces force army navy union organization organisation association institute
    university court parliament congress assembly government administration bank fund
    movement front brigade brigades battalion division regiment corps police service
    services department office times post news press network tv radio plan action act
    agreement treaty accord convention program programme project initiative foundation
    society federation alliance coalition league club team unit units guard guards
    llc herald tribune gazette journal chronicle observer telegraph inquirer courier
    """.split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def is_title_case(sentence: str) -> bool:
    """Whether a sentence is a headline in title case, where capitals do not mark names.

    Examples
    --------
    >>> is_title_case("Iran Stages Missile Attack on US Bases in Response to Soleimani Killing")
    True
    >>> is_title_case("Iran fired missiles at US bases in Iraq on Wednesday.")
    False
    >>> is_title_case("Then Qasr Bani Walid fell.")
    False
    """
    words = [w for w in _WORD.findall(sentence) if w.lower() not in _FUNCTION_WORDS]
    if len(words) < 4:
        return False
    return sum(not w[0].isupper() for w in words) <= 0.1 * len(words)


_NAME_WORD = r"[‘'’`]?(?:(?:[Aa][lnrdstz]|[Ee]l|[Aa]sh)-)?[A-Z][\w’'.-]*"
_CAPITALISED = re.compile(
    rf"(?<![\w’'.-]){_NAME_WORD}"
    rf"(?:\s+(?:(?:al|el|de|del|da|do|di|bin|ibn|of|la|le|du|van|von)\s+)?"
    rf"(?:{_NAME_WORD}|[IVX]+\b))*"
)
_CONNECTORS = frozenset("al el de del da do di bin ibn of la le du van von".split())  # noqa: SIM905


def capitalised_names(
    text: str, known: list[Mention], lo: int = 0, hi: int | None = None
) -> list[Mention]:
    """Every run of capitalised words that no known mention overlaps.

    The wide net behind the selector: villages, districts and streets no gazetteer holds
    ("the villages of Alqarmeel, Nahshaba"), with the people, groups and months it also
    catches left for the selector to turn down. Leading function words ("The", "In") and
    trailing connectors, months and weekdays are trimmed; a possessive "'s" is cut off.

    Examples
    --------
    >>> s = "In the village of Tse-Usenda, gunmen of Jund Al-Aqsa struck on Monday."
    >>> [m.surface for m in capitalised_names(s, [])]
    ['Tse-Usenda', 'Jund Al-Aqsa']
    >>> [m.surface for m in capitalised_names("Rebels took Rasai I and Bardeh's hills.", [])]
    ['Rebels', 'Rasai I', 'Bardeh']
    """
    from geo.toponyms import stopwords

    stop = stopwords()
    taken = [(m.start, m.end) for m in known]

    def low(span: tuple[int, int]) -> str:
        return text[span[0] : span[1]].strip("‘'’`.").lower()

    def dropped_first(span: tuple[int, int]) -> bool:
        word = low(span)
        return word in stop or word in _CONNECTORS or word in _LEADING

    def dropped_last(span: tuple[int, int]) -> bool:
        word = low(span)
        return word in _CONNECTORS or re.sub(r"['’]s?$", "", word) in _MONTHS_AND_DAYS

    runs: list[list[tuple[int, int]]] = []
    for match in _CAPITALISED.finditer(text, lo, len(text) if hi is None else hi):
        run: list[tuple[int, int]] = []
        for word in re.finditer(r"\S+", match.group()):
            run.append((match.start() + word.start(), match.start() + word.end()))
            if re.search(r"['’]s$", word.group()):  # "Deir Ezzor's Jabiliyah District"
                runs.append(run)
                run = []
        runs.append(run)
    out = []
    for words in runs:
        while words and dropped_first(words[0]):
            words.pop(0)
        while words and dropped_last(words[-1]):
            words.pop()
        if not words:
            continue
        start, end = words[0][0], words[-1][1]
        surface = re.sub(r"(?:['’]s?|\.)$", "", text[start:end])
        end = start + len(surface)
        if not surface or any(s < end and e > start for s, e in taken):
            continue
        if surface.split()[-1].lower() in ORGANISATION_HEADS:
            continue
        out.append(Mention("sentence", start, end, surface, reason="capitalised name"))
    return out


_LEADING = frozenset(
    """
    the a an in at on for from to and but or as by with after when while since if this that
    these those its his her their our there here it he she they we i then later meanwhile
    """.split()  # noqa: SIM905
)
_MONTHS_AND_DAYS = frozenset(MONTHS) | frozenset(WEEKDAYS)
#: Words a title-case headline leaves in lower case.
_FUNCTION_WORDS = _LEADING | frozenset(["of", "over", "into", "against", "amid", "vs"])


class EventLocator:
    """Locate events given their trigger spans.

    Parameters
    ----------
    parser
        A :class:`geo.pipeline.Geoparser` (recognition and resolution).
    min_evidence
        The evidence bar of the rules-only fallback (see ``geo.resolve.MIN_EVIDENCE``).
    selector
        The learned selector; the shipped one by default. ``None`` when no model file is
        shipped: then the rules of :func:`geo.events.roles.locate` decide.

    Examples
    --------
    >>> from geo.pipeline import Geoparser  # doctest: +SKIP
    >>> loc = EventLocator(Geoparser())  # doctest: +SKIP
    >>> text = "Rebels attacked a convoy near Kidal on Monday."
    >>> loc.predict_spans(text, (7, 15))  # doctest: +SKIP
    [(30, 35)]
    """

    #: A single sentence carries little context, so a lower bar than for articles
    #: decides whether a capitalised name is a place (see ``geo.resolve.MIN_EVIDENCE``).
    MIN_EVIDENCE = 1.5

    def __init__(
        self,
        parser,
        *,
        min_evidence: float = MIN_EVIDENCE,
        selector: Selector | str | None = "shipped",
    ):
        self.parser = parser
        self.min_evidence = min_evidence
        self.selector = load_selector() if selector == "shipped" else selector
        self._mentions = lru_cache(maxsize=64)(self._parse)
        self._proposals = lru_cache(maxsize=64)(self._propose)

    def _parse(self, text: str) -> tuple[Mention, ...]:
        spans = self.parser.recognizer.find(text)
        found = resolve_spans(spans, text, "sentence", min_evidence=self.min_evidence)
        found += speculative_places(text, found, self.parser.recognizer.surnames(text))
        return tuple(sorted(found, key=lambda m: m.start))

    def _propose(self, text: str) -> tuple[tuple[Mention, ...], dict[tuple[int, int], str]]:
        """Every mention worth asking the selector about, and where each came from."""
        spans = self.parser.recognizer.find(text)
        strong = resolve_spans(spans, text, "sentence", min_evidence=self.min_evidence)
        kept = {(m.start, m.end) for m in strong}
        found = resolve_spans(spans, text, "sentence", min_evidence=float("-inf"))
        sources = {
            (m.start, m.end): "recognised" if (m.start, m.end) in kept else "weak evidence"
            for m in found
        }
        extra, extra_sources = unknown_candidates(
            text, found, self.parser.recognizer.surnames(text)
        )
        sources.update(extra_sources)
        return tuple(sorted([*found, *extra], key=lambda m: m.start)), sources

    def locate(self, text: str, trigger: tuple[int, int]) -> list[tuple[Mention, Role]]:
        """The mentions where the event triggered at ``trigger`` happened, with roles."""
        etype = event_type_of(text[trigger[0] : trigger[1]])
        if self.selector is None:
            return locate(text, trigger, self._mentions(text), event_type=etype)
        mentions, sources = self._proposals(text)
        return self.selector.select(text, trigger, mentions, event_type=etype, sources=sources)

    def predict_spans(self, text: str, trigger: tuple[int, int]) -> list[tuple[int, int]]:
        """Character spans of the event's locations (for scoring)."""
        return [(m.start, m.end) for m, _role in self.locate(text, trigger)]
