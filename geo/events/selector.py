"""A learned judge of which place mentions are where an event happened.

The rules of :func:`geo.events.roles.read_mentions` read every mention of a sentence for one
event: its governing preposition, whether a clause barrier or a quote cuts it off, whether
it only modifies a noun, whether it only says where another place is. Each rule is right
most of the time, and each has its exceptions ("the provinces of Idlib and Aleppo bore the
brunt", "Dallas police shot"). :class:`Selector` weighs the rules' verdicts together with
what they do not look at (how far the mention is, how many places the sentence has, whether
the gazetteer knows the name, the words around the mention and the trigger and between
them, the event type) in gradient-boosted trees, in two stages: the first scores each
(event, mention) pair on its own; the second reads those scores across the event's mentions
(:func:`stack_features`: is another mention more likely?) and keeps the mentions it scores
above a threshold. The rules still give the role.

The model is plain data (``data/locator_model.json``: the feature names, the trees, the
thresholds, the second stage), written by ``bench/train_event_locator.py``; scoring it needs
numpy only.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from geo.errors import GeoError
from geo.events.lexicon import EventType, event_type_of, find_triggers
from geo.events.roles import (
    ACTOR_NOUNS,
    PLACE_NOUNS,
    Reading,
    Token,
    read_mentions,
    tokenize,
)
from geo.model import Mention, Role
from geo.toponyms import COMPASS_POINTS

__all__ = [
    "DEFAULT_MODEL",
    "NEVER",
    "STACK_FEATURES",
    "Selector",
    "SelectorModelError",
    "Tree",
    "load_selector",
    "pair_features",
    "stack_features",
]

logger = logging.getLogger(__name__)

#: The model shipped with geo.
DEFAULT_MODEL = Path(__file__).with_name("data") / "locator_model.json"

_PREV_WORDS = frozenset(
    """
    in at on near from to into of and or , the by with inside outside toward towards across
    through around over along off between against targeting hitting struck captured
    stormed entered shelled attacked via within throughout
    """.split()  # noqa: SIM905
)
_NEXT_WORDS = frozenset(
    """
    , . and or 's said told in on at of ( ) ; on near where — - : province district city
    town village area region
    """.split()  # noqa: SIM905
)
_PREPS = frozenset(
    """
    in at on over near inside outside around across within throughout along off dir-of
    close-to from out-of to into towards toward onto via through
    """.split()  # noqa: SIM905
)
#: "north of", "on the outskirts of": the mention is where something else is.
_DIRECTIONS = COMPASS_POINTS | {"outskirts"}
_KINDS = frozenset(["country", "admin1", "admin2", "city", "continent", "airbase", "airport"])
_QUOTES = re.compile(r"[“”\"]")
_TITLES = frozenset(
    """
    mr mrs ms dr gen general col colonel maj major capt captain lt president minister
    sheikh prince king queen pope governor gov sen senator rep judge mayor commander
    """.split()  # noqa: SIM905
)


#: Readings the selector never keeps nor scores: metonyms and the trigger itself.
NEVER = frozenset(["metonym", "overlaps the trigger"])
#: Roles of a movement's legs; kept whenever the rules read them.
LEGS = frozenset(["origin", "via", "destination"])


_CONTAINER_GAP = re.compile(
    r"\s*(?:,|\s(?:in|of|near|outside)|(?:['’]s)?\s+(?:\w+\s+){0,2}"
    r"(?:district|province|county|state|region|area|neighbou?rhood|suburb|town|city|village)"
    r"\s+of)\s*(?:the\s+)?(?:\w+\s+){0,2}?",
    re.IGNORECASE,
)
_LEVELS = {"continent": 5, "country": 4, "admin1": 3, "admin2": 2}


def _level(m: Mention) -> int:
    """How general a place is: continent 5 ... city or facility 1, unknown 0."""
    if m.place is None:
        return 0
    return _LEVELS.get(m.place.kind, 1)


def _depth(tree: Tree, node: int = 0) -> int:
    """The number of splits on the longest path from ``node`` to a leaf."""
    if tree.feature[node] < 0:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


def _offset_gap(a: Mention, b: Mention) -> int:
    return b.start - a.end if a.end <= b.start else a.start - b.end


class SelectorModelError(GeoError, ValueError):
    """The selector's model file is malformed; the message names the file and the fix."""


@dataclass(frozen=True)
class Tree:
    """One regression tree in array form; a node with ``feature`` -1 is a leaf.

    Examples
    --------
    >>> tree = Tree(feature=(0, -1, -1), threshold=(0.5, 0.0, 0.0), left=(1, -1, -1),
    ...             right=(2, -1, -1), value=(0.0, -1.0, 2.0))
    >>> tree.predict([1.0]), tree.predict([0.0])
    (2.0, -1.0)
    """

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, row: Sequence[float]) -> float:
        """The leaf value ``row`` falls into (``<= threshold`` goes left)."""
        node = 0
        while self.feature[node] >= 0:
            node = (
                self.left[node]
                if row[self.feature[node]] <= self.threshold[node]
                else self.right[node]
            )
        return self.value[node]


def _word_shape(surface: str) -> dict[str, float]:
    from geo.toponyms import _given_names, _zipf

    words = [w for w in re.split(r"[\s-]+", surface) if w]
    lows = [w.strip("‘'’`.").lower() for w in words]
    zipfs = [_zipf(w) for w in lows if w] or [0.0]
    return {
        "words": float(len(words)),
        "chars": float(len(surface)),
        "zipf first": zipfs[0],
        "zipf max": max(zipfs),
        "zipf min": min(zipfs),
        "all caps": float(surface.isupper() and len(surface) > 1),
        "given name": float(lows[0] in _given_names() if lows else 0),
        "initials": float(bool(re.match(r"(?:[A-Z]\.\s*)+", surface))),
        "demonym shape": float(
            len(words) == 1 and bool(re.search(r"(?:ian|ese|ish|ans|ic|i)$", lows[0]))
        ),
        "has digit": float(any(c.isdigit() for c in surface)),
        "arabic article": float(bool(re.match(r"[‘'’`]?(?:[Aa][lnrdstz]|[Ee]l|[Aa]sh)-", surface))),
        "ends in place noun": float(lows[-1] in PLACE_NOUNS if lows else 0),
        "ends in actor noun": float(lows[-1] in ACTOR_NOUNS if lows else 0),
    }


def _token_index(tokens: list[Token], offset: int) -> int:
    """The index of the first token starting at or after ``offset``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def pair_features(
    text: str,
    trigger: tuple[int, int],
    readings: Sequence[Reading],
    *,
    event_type: EventType | None = None,
    sources: Mapping[tuple[int, int], str] | None = None,
) -> list[dict[str, float]]:
    """Features of every (event, mention) pair, one dict per reading, zero values left out.

    Parameters
    ----------
    text
        The sentence (or article) the offsets point into.
    trigger
        ``(start, end)`` of the event's trigger.
    readings
        :func:`geo.events.roles.read_mentions` of the mentions for this trigger.
    event_type
        The trigger's event type; looked up from the trigger word when omitted.
    sources
        Where each mention ``(start, end)`` came from (``geo.events.locator.SOURCES``);
        ``"recognised"`` when missing.

    Returns
    -------
    list of dict
        Named numeric features; a categorical feature is spelt ``"name=value"``.

    Examples
    --------
    >>> from geo.events.roles import read_mentions
    >>> s = "Gunmen killed two men in Kidal."
    >>> rs = read_mentions(s, (7, 13), [Mention("s", 25, 30, "Kidal")])
    >>> f = pair_features(s, (7, 13), rs)[0]
    >>> f["rule=located"], f["prep=in"], f["prev=in"], f.get("before", 0.0)
    (1.0, 1.0, 1.0, 0.0)
    """
    sources = sources or {}
    if event_type is None:
        event_type = event_type_of(text[trigger[0] : trigger[1]])
    tokens = tokenize(text)
    trig_first = _token_index(tokens, trigger[0])
    trig_last = max(trig_first, _token_index(tokens, trigger[1]) - 1)
    spans = [(r.mention.start, r.mention.end) for r in readings]
    usable = [r for r in readings if r.rule not in ("overlaps the trigger", "metonym")]
    located = [r for r in readings if r.role is not None]
    distances = []
    for r in readings:
        first = _token_index(tokens, r.mention.start)
        last = max(first, _token_index(tokens, r.mention.end) - 1)
        distances.append(trig_first - last if r.mention.end <= trigger[0] else first - trig_last)
    order = sorted(range(len(readings)), key=lambda i: (abs(distances[i]), i))
    rank = {i: n for n, i in enumerate(order)}
    quotes_before_trigger = len(_QUOTES.findall(text, 0, trigger[0]))
    common: dict[str, float] = {
        "candidates": float(len(readings)),
        "usable candidates": float(len(usable)),
        "located by rules": float(len(located)),
        "event type=" + (event_type.name if event_type else "unknown"): 1.0,
        "movement": float(bool(event_type and event_type.is_movement)),
        "trigger ends ing": float(text[trigger[0] : trigger[1]].lower().endswith("ing")),
        "trigger ends ed": float(text[trigger[0] : trigger[1]].lower().endswith("ed")),
        "trigger position": trigger[0] / max(len(text), 1),
        "trigger=" + " ".join(text[trigger[0] : trigger[1]].lower().split()): 1.0,
        "sentence tokens": float(len(tokens)),
    }
    out = []
    for i, r in enumerate(readings):
        m = r.mention
        f = dict(common)
        f.update(_word_shape(m.surface))
        before = m.end <= trigger[0]
        f["before"] = float(before)
        f["distance"] = float(abs(distances[i]))
        f["char distance"] = float(trigger[0] - m.end if before else m.start - trigger[1])
        f["rank"] = float(rank[i])
        f["nearest on its side"] = float(
            all(
                (spans[j][1] <= trigger[0]) != before or abs(distances[j]) >= abs(distances[i])
                for j in range(len(readings))
            )
        )
        f["rule=" + r.rule] = 1.0
        prep = (r.preposition or "none").replace(" ", "-")
        f["prep=" + (prep if prep in _PREPS else "other" if r.preposition else "none")] = 1.0
        f["role=" + (r.role or "none")] = 1.0
        f["fallback=" + r.fallback_role] = 1.0
        f["source=" + sources.get((m.start, m.end), "recognised")] = 1.0
        f["literal"] = float(m.literal)
        place = m.place
        f[
            "kind="
            + (place.kind if place and place.kind in _KINDS else "other" if place else "none")
        ] = 1.0
        f["log population"] = math.log10(1 + place.population) if place else 0.0
        f["resolution score"] = float(m.score)
        f["cue"] = float(bool(m.cue))
        # the words around the mention
        first = _token_index(tokens, m.start)
        last = max(first, _token_index(tokens, m.end) - 1)
        prev = tokens[first - 1].low if first > 0 else "<s>"
        prev2 = tokens[first - 2].low if first > 1 else "<s>"
        if prev == "the" and first > 1:
            prev, prev2 = prev2, tokens[first - 3].low if first > 2 else "<s>"
        nxt = tokens[last + 1].low if last + 1 < len(tokens) else "</s>"
        nxt2 = tokens[last + 2].low if last + 2 < len(tokens) else "</s>"
        f["prev=" + (prev if prev in _PREV_WORDS else "<s>" if prev == "<s>" else "other")] = 1.0

        f["prev capitalised"] = float(first > 0 and tokens[first - 1].text[:1].isupper())
        f["prev title"] = float(prev in _TITLES or (prev == "." and prev2 in _TITLES))
        f["prev2 place noun"] = float(
            prev == "of"
            and prev2.rstrip("s")
            in PLACE_NOUNS
            | {
                "village",
                "town",
                "citi",
                "district",
                "province",
                "area",
                "neighborhood",
                "neighbourhood",
                "camp",
            }
        )
        f["prev2 direction"] = float(prev == "of" and prev2 in _DIRECTIONS)
        f["next=" + (nxt if nxt in _NEXT_WORDS else "</s>" if nxt == "</s>" else "other")] = 1.0
        f["next place noun"] = float(nxt in PLACE_NOUNS or nxt.rstrip("s") in PLACE_NOUNS)
        f["next actor noun"] = float(nxt in ACTOR_NOUNS or nxt2 in ACTOR_NOUNS)
        f["next capitalised"] = float(
            last + 1 < len(tokens) and tokens[last + 1].text[:1].isupper()
        )
        f["sentence initial"] = float(first == 0 or tokens[first - 1].text in '.!?"“')
        f["in quotes"] = float(len(_QUOTES.findall(text, 0, m.start)) % 2 == 1)
        f["quote between"] = float(len(_QUOTES.findall(text, 0, m.start)) != quotes_before_trigger)
        f["in parentheses"] = float(text.rfind("(", 0, m.start) > text.rfind(")", 0, m.start))
        gap = (m.end, trigger[0]) if before else (trigger[1], m.start)
        between = [t.low for t in tokens if gap[0] <= t.start and t.end <= gap[1]]
        f["commas between"] = float(between.count(","))
        f["ands between"] = float(between.count("and"))
        f["trigger between"] = float(
            any(t.start >= gap[0] for t in find_triggers(text, start=gap[0], end=gap[1]))
        )
        f["candidates between"] = float(sum(1 for s, e in spans if gap[0] <= s and e <= gap[1]))
        f["located between"] = float(
            sum(1 for x in located if gap[0] <= x.mention.start and x.mention.end <= gap[1])
        )
        # lists and containers: "A, B and C", "Kabal, Swat Valley"
        prev_span = max((e for s, e in spans if e <= m.start), default=None)
        next_span = min((s for s, e in spans if s >= m.end), default=None)
        gap_prev = text[prev_span : m.start] if prev_span is not None else None
        gap_next = text[m.end : next_span] if next_span is not None else None
        f["comma after previous place"] = float(gap_prev is not None and gap_prev.strip() == ",")
        f["and after previous place"] = float(
            gap_prev is not None and gap_prev.strip(" ,") in ("and", "or")
        )
        f["comma before next place"] = float(gap_next is not None and gap_next.strip() == ",")
        f["and before next place"] = float(
            gap_next is not None and gap_next.strip(" ,") in ("and", "or")
        )
        f["in before next place"] = float(gap_next is not None and gap_next.strip() in ("in", "of"))
        f["possessive"] = float(
            text[m.end : m.end + 2] in ("'s", "’s")
            or (text[m.end : m.end + 1] in "'’" and m.end < len(text))
        )
        level = _level(m)
        f["level"] = float(level)
        near = [
            readings[j].mention
            for j in range(len(readings))
            if j != i and abs(_offset_gap(readings[j].mention, m)) <= 60
        ]
        f["more general than a neighbour"] = float(any(_level(n) < level for n in near))
        f["more specific than a neighbour"] = float(any(_level(n) > level for n in near))
        f["container of previous"] = float(
            gap_prev is not None
            and bool(_CONTAINER_GAP.fullmatch(gap_prev))
            and len(gap_prev) <= 60
        )
        f["contained by next"] = float(
            gap_next is not None
            and bool(_CONTAINER_GAP.fullmatch(gap_next))
            and len(gap_next) <= 60
        )
        f["owner of next"] = float(
            gap_next is not None and gap_next.strip() in ("'s", "’s", "'", "’")
        )
        f["where between"] = float("where" in between)
        f["verbs between"] = float(
            sum(1 for w in between if w.endswith(("ed", "ing")) and w not in ("including",))
        )
        f.update(_word_features(tokens, (first, last), (trig_first, trig_last), between))
        out.append({k: v for k, v in f.items() if v})
    return out


def _word_features(
    tokens: Sequence[Token],
    mention: tuple[int, int],
    trigger: tuple[int, int],
    between: Sequence[str],
) -> dict[str, float]:
    """The words themselves: around the mention, around the trigger and between the two.

    The rules and the features above read a few chosen words; these let the model learn
    the rest from the data ("killed *by* gunmen *from* X", "*protest* against X", "was
    *born* in X"). The trainer keeps the words seen often enough (``--min-count``); the
    others never become features, so a word unseen in training costs nothing.
    """

    def word(i: int) -> str:
        return tokens[i].low if 0 <= i < len(tokens) else "<s>" if i < 0 else "</s>"

    first, last = mention
    f = {
        "word before=" + word(first - 1): 1.0,
        "words before=" + word(first - 2) + " " + word(first - 1): 1.0,
        "word after=" + word(last + 1): 1.0,
        "words after=" + word(last + 1) + " " + word(last + 2): 1.0,
        "trigger word before=" + word(trigger[0] - 1): 1.0,
        "trigger word after=" + word(trigger[1] + 1): 1.0,
    }
    if len(between) <= _BETWEEN_WORDS:
        f.update(("word between=" + w, 1.0) for w in set(between))
    if len(between) <= 3:
        f["words between=" + " ".join(between)] = 1.0
    return f


#: Pairs further apart than this many tokens get no "word between" features.
_BETWEEN_WORDS = 25


#: The names of :func:`stack_features`, in the order they are written.
STACK_FEATURES = (
    "first stage",
    "first stage rank",
    "first stage best other",
    "first stage margin",
    "first stage above half",
    "first stage sum of others",
)


def stack_features(probs: Sequence[float]) -> list[dict[str, float]]:
    """What the first stage said about all of an event's mentions, seen from each one.

    The first stage scores each (event, mention) pair on its own. Most events have one
    location, so whether a mention is *the* location also depends on how it compares with
    the others: its own probability, its rank, the best other one, the margin between
    them, how many pass one half, and the sum of the others. The second stage reads these
    beside the pair's own features.

    Examples
    --------
    >>> rows = stack_features([0.9, 0.4])
    >>> rows[0]["first stage rank"], rows[1]["first stage rank"]
    (0.0, 1.0)
    >>> round(rows[1]["first stage margin"], 2), rows[0]["first stage above half"]
    (-0.5, 1.0)
    """
    ranked = sorted(probs, reverse=True)
    total = sum(probs)
    above = float(sum(p > 0.5 for p in probs))
    out = []
    for i, p in enumerate(probs):
        best_other = max((q for j, q in enumerate(probs) if j != i), default=0.0)
        row = (p, float(ranked.index(p)), best_other, p - best_other, above, total - p)
        out.append(dict(zip(STACK_FEATURES, row, strict=True)))
    return out


class Selector:
    """Gradient-boosted trees over :func:`pair_features`, with a decision threshold.

    Parameters
    ----------
    features
        The feature names, in the column order the trees use.
    trees
        The regression trees; their sum plus ``init``, times ``learning_rate``, is the
        log-odds that the mention is a location of the event.
    init
        The log-odds before any tree.
    learning_rate
        The shrinkage of each tree.
    threshold
        The probability at or above which the event's best-scored mention is kept.
    threshold_others
        The probability at or above which any other mention is kept (most events have one
        location, so a second needs more evidence); ``threshold`` when omitted.
    stack
        An optional second stage: its trees read each pair's features plus
        :func:`stack_features` of this stage's probabilities for the whole event, and its
        probability is the answer. The thresholds are this selector's.

    Examples
    --------
    >>> sel = Selector(["rule=located"], [Tree((0, -1, -1), (0.5, 0, 0), (1, -1, -1),
    ...                (2, -1, -1), (0.0, -2.0, 2.0))], init=0.0, learning_rate=1.0)
    >>> s = "Gunmen killed two men in Kidal."
    >>> [(m.surface, role) for m, role in sel.select(s, (7, 13), [Mention("s", 25, 30, "Kidal")])]
    [('Kidal', 'site')]
    """

    def __init__(
        self,
        features: Sequence[str],
        trees: Sequence[Tree],
        *,
        init: float,
        learning_rate: float,
        threshold: float = 0.5,
        threshold_others: float | None = None,
        stack: Selector | None = None,
    ):
        self.features = list(features)
        self.column = {name: i for i, name in enumerate(self.features)}
        self.trees = list(trees)
        self.init = init
        self.learning_rate = learning_rate
        self.threshold = threshold
        self.threshold_others = threshold if threshold_others is None else threshold_others
        self.stack = stack
        self._arrays: tuple | None = None

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that a pair with these features is a location of its event."""
        return self.probabilities([features])[0]

    def _packed(self) -> tuple:
        """The trees as padded arrays: a leaf points at itself and always goes left."""
        if self._arrays is None:
            count = len(self.trees)
            width = max((len(t.feature) for t in self.trees), default=1)
            feature = np.zeros((count, width), dtype=np.intp)
            threshold = np.full((count, width), np.inf)
            left = np.zeros((count, width), dtype=np.intp)
            right = np.zeros((count, width), dtype=np.intp)
            value = np.zeros((count, width))
            depth = 0
            for i, t in enumerate(self.trees):
                n = len(t.feature)
                f = np.asarray(t.feature, dtype=np.intp)
                leaf = f < 0
                here = np.arange(n)
                feature[i, :n] = np.where(leaf, 0, f)
                threshold[i, :n] = np.where(leaf, np.inf, t.threshold)
                left[i, :n] = np.where(leaf, here, t.left)
                right[i, :n] = np.where(leaf, here, t.right)
                value[i, :n] = t.value
                depth = max(depth, _depth(t))
            self._arrays = (feature, threshold, left, right, value, depth)
        return self._arrays

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """:meth:`probability` of one event's pairs at once, all trees evaluated together.

        With a second stage (``stack``), the first stage's probabilities of the event's
        pairs are read as :func:`stack_features` and the second stage gives the answer, so
        ``rows`` must be the pairs of one event.

        Examples
        --------
        >>> sel = Selector(["x"], [Tree((0, -1, -1), (0.5, 0.0, 0.0), (1, -1, -1),
        ...                (2, -1, -1), (0.0, -2.0, 2.0))], init=0.0, learning_rate=1.0)
        >>> [round(p, 3) for p in sel.probabilities([{"x": 1.0}, {}])]
        [0.881, 0.119]
        """
        probs = self._own(rows)
        if self.stack is None or not probs:
            return probs
        return self.stack.probabilities(
            [{**row, **extra} for row, extra in zip(rows, stack_features(probs), strict=True)]
        )

    def _own(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """This stage's probabilities, each row on its own."""
        if not rows:
            return []
        matrix = np.zeros((len(rows), len(self.features)), dtype=np.float64)
        for r, features in enumerate(rows):
            for name, v in features.items():
                column = self.column.get(name)
                if column is not None:
                    matrix[r, column] = v
        logits = np.full(len(rows), self.init)
        if self.trees:
            feature, threshold, left, right, value, depth = self._packed()
            trees = np.arange(len(self.trees))[None, :]
            which = np.arange(len(rows))[:, None]
            node = np.zeros((len(rows), len(self.trees)), dtype=np.intp)
            for _ in range(depth):
                goes_left = matrix[which, feature[trees, node]] <= threshold[trees, node]
                node = np.where(goes_left, left[trees, node], right[trees, node])
            logits += self.learning_rate * value[trees, node].sum(axis=1)
        return [1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x)))) for x in logits.tolist()]

    def select(
        self,
        text: str,
        trigger: tuple[int, int],
        mentions: Sequence[Mention],
        *,
        event_type: EventType | None = None,
        sources: Mapping[tuple[int, int], str] | None = None,
    ) -> list[tuple[Mention, Role]]:
        """The mentions where the event happened, each with its role, in text order.

        Metonyms ("Washington said") are never kept, whatever the model says. The legs of a
        movement that the rules read (origin "from", via, destination "to") are always kept:
        the annotations the model learned from mark where an event happened, not where a
        movement started, so the model would drop the start of every route.
        """
        if event_type is None:
            event_type = event_type_of(text[trigger[0] : trigger[1]])
        readings = [
            r
            for r in read_mentions(text, trigger, mentions, event_type=event_type)
            if r.rule not in NEVER
        ]
        features = pair_features(text, trigger, readings, event_type=event_type, sources=sources)
        probs = self.probabilities(features)
        keep = self.decide(probs)
        for reading, p, kept in zip(readings, probs, keep, strict=True):
            logger.debug(
                "%r: p=%.2f %s (rule %r, role %s)",
                reading.mention.surface,
                p,
                "kept" if kept else "dropped",
                reading.rule,
                reading.role or reading.fallback_role,
            )
        return [
            (r.mention, r.role or r.fallback_role)
            for r, kept in zip(readings, keep, strict=True)
            if kept or r.role in LEGS
        ]

    def decide(self, probs: Sequence[float]) -> list[bool]:
        """Which of one event's scored mentions to keep.

        Examples
        --------
        >>> Selector([], [], init=0.0, learning_rate=1.0, threshold=0.3,
        ...          threshold_others=0.6).decide([0.4, 0.5, 0.7])
        [False, False, True]
        >>> Selector([], [], init=0.0, learning_rate=1.0, threshold=0.3,
        ...          threshold_others=0.6).decide([0.4, 0.2])
        [True, False]
        """
        if not probs:
            return []
        best = max(range(len(probs)), key=lambda i: probs[i])
        return [
            p >= (self.threshold if i == best else self.threshold_others)
            for i, p in enumerate(probs)
        ]

    def to_dict(self) -> dict:
        """The model as JSON-ready data (what :func:`load_selector` reads)."""
        data = {
            "kind": "gradient-boosted trees",
            "features": self.features,
            "init": self.init,
            "learning_rate": self.learning_rate,
            "threshold": self.threshold,
            "threshold_others": self.threshold_others,
            "trees": [
                {
                    "feature": list(t.feature),
                    "threshold": list(t.threshold),
                    "left": list(t.left),
                    "right": list(t.right),
                    "value": list(t.value),
                }
                for t in self.trees
            ],
        }
        if self.stack is not None:
            data["stack"] = self.stack.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping, source: str = "<dict>") -> Selector:
        """Read a model written by :meth:`to_dict`; ``source`` names it in errors."""
        try:
            features = [str(f) for f in data["features"]]
            trees = [
                Tree(
                    tuple(int(x) for x in t["feature"]),
                    tuple(float(x) for x in t["threshold"]),
                    tuple(int(x) for x in t["left"]),
                    tuple(int(x) for x in t["right"]),
                    tuple(float(x) for x in t["value"]),
                )
                for t in data["trees"]
            ]
            selector = cls(
                features,
                trees,
                init=float(data["init"]),
                learning_rate=float(data["learning_rate"]),
                threshold=float(data.get("threshold", 0.5)),
                threshold_others=(
                    float(data["threshold_others"]) if "threshold_others" in data else None
                ),
                stack=cls.from_dict(data["stack"], f"{source} (second stage)")
                if "stack" in data
                else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SelectorModelError(
                f"{source}: not a selector model ({exc!r}); "
                "regenerate it with bench/train_event_locator.py"
            ) from exc
        for n, t in enumerate(trees):
            sizes = {len(t.feature), len(t.threshold), len(t.left), len(t.right), len(t.value)}
            if len(sizes) != 1 or any(f >= len(features) for f in t.feature):
                raise SelectorModelError(
                    f"{source}: tree {n} is inconsistent (array lengths {sorted(sizes)}, "
                    f"{len(features)} features); regenerate it with bench/train_event_locator.py"
                )
        return selector


@lru_cache(maxsize=4)
def load_selector(path: str | Path | None = None) -> Selector | None:
    """The selector stored at ``path`` (the shipped one by default), or ``None`` if absent.

    Examples
    --------
    >>> load_selector("/nonexistent/model.json") is None
    True
    """
    path = Path(path) if path is not None else DEFAULT_MODEL
    if not path.is_file():
        logger.debug("no selector model at %s: the rules decide alone", path)
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SelectorModelError(
            f"{path}: not JSON ({exc}); regenerate it with bench/train_event_locator.py"
        ) from exc
    return Selector.from_dict(data, str(path))
