"""Event geolocation on raw text: recognise the places, then ask which are the event's.

:class:`EventLocator` joins the geoparser (every place mention, resolved or
not) with :func:`geo.events.roles.locate` (which of them are where the event
happened, and in what role). It is what ``geo eval-events`` measures.
"""

from __future__ import annotations

from functools import lru_cache

from geo.events.lexicon import event_type_of
from geo.events.roles import locate
from geo.model import Mention
from geo.resolve import resolve_spans


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
        return tuple(resolve_spans(spans, text, "sentence", min_evidence=self.min_evidence))

    def locate(self, text: str, trigger: tuple[int, int]) -> list[tuple[Mention, str]]:
        """The mentions where the event triggered at ``trigger`` happened, with roles."""
        mentions = self._mentions(text)
        etype = event_type_of(text[trigger[0] : trigger[1]])
        return locate(text, trigger, mentions, event_type=etype)

    def predict_spans(self, text: str, trigger: tuple[int, int]) -> list[tuple[int, int]]:
        """Character spans of the event's locations (for scoring)."""
        return [(m.start, m.end) for m, _role in self.locate(text, trigger)]
