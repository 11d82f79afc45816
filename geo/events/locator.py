"""Event geolocation on raw text: recognise the places, then ask which are the event's.

:class:`EventLocator` joins the geoparser (every place mention, resolved or
not) with :func:`geo.events.roles.locate` (which of them are where the event
happened, and in what role). It is what ``geo eval-events`` measures.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.events.lexicon import event_type_of
from geo.events.roles import locate
from geo.model import Mention
from geo.resolve import resolve_spans

_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|near|outside|from|into|to|of|around|across|toward|towards|on)\s+(?:the\s+)?"
    r"((?:[Aa][lr]-|[Ee]l-)?[A-Z][\w’'\-]+(?:\s+(?:[A-Z][\w’'\-]+|al|el|de|del|of))*)"
)


def speculative_places(
    text: str, known: list[Mention], exclude: frozenset[str] = frozenset()
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
    for match in _AFTER_PREPOSITION.finditer(text):
        start, end = match.span(1)
        words = match.group(1).split()
        while words and words[-1] in {"al", "el", "de", "del", "of"}:
            words.pop()
            end = start + len(" ".join(words))
        first = words[0].split("-")[-1].lower() if words else ""
        if not first or first in stop or first in exclude or _zipf(first) >= 4.0:
            continue
        if any(s < end and e > start for s, e in taken):
            continue
        surface = text[start:end]
        out.append(Mention("sentence", start, end, surface, reason="after a locative preposition"))
        taken.append((start, end))
    return out


class EventLocator:
    """Locate events given their trigger spans.

    Parameters
    ----------
    parser
        A :class:`geo.pipeline.Geoparser` (recognition and resolution).

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

    def __init__(self, parser, *, min_evidence: float = MIN_EVIDENCE):
        self.parser = parser
        self.min_evidence = min_evidence
        self._mentions = lru_cache(maxsize=64)(self._parse)

    def _parse(self, text: str) -> tuple[Mention, ...]:
        spans = self.parser.recognizer.find(text)
        found = resolve_spans(spans, text, "sentence", min_evidence=self.min_evidence)
        found += speculative_places(text, found, self.parser.recognizer.surnames(text))
        return tuple(sorted(found, key=lambda m: m.start))

    def locate(self, text: str, trigger: tuple[int, int]) -> list[tuple[Mention, str]]:
        """The mentions where the event triggered at ``trigger`` happened, with roles."""
        mentions = self._mentions(text)
        etype = event_type_of(text[trigger[0] : trigger[1]])
        return locate(text, trigger, mentions, event_type=etype)

    def predict_spans(self, text: str, trigger: tuple[int, int]) -> list[tuple[int, int]]:
        """Character spans of the event's locations (for scoring)."""
        return [(m.start, m.end) for m, _role in self.locate(text, trigger)]
