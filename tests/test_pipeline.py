"""The pipeline joins recognition, resolution and events on one article."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_unknown_place_of_an_event_is_kept_as_unresolved(geoparser):
    parsed = geoparser.parse_text(
        "Four civilians were killed in barrel bomb attacks on the neighborhood of Alsaliheen "
        "on Friday. Troops loyal to Khalifa Haftar later withdrew, backed by Haftar's allies."
    )
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces["Alsaliheen"].place is None  # listed, so the user can add it
    assert any(ep.mention.surface == "Alsaliheen" for e in parsed.events for ep in e.places)
    assert "Haftar" not in surfaces  # a surname is no place


def test_parse_text_without_events_reports_only_gazetteer_places(gazetteer_index):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "Shelling hit the neighborhood of Alsaliheen near Aleppo."
    )
    assert [m.place.name for m in parsed.mentions if m.place] == ["Aleppo"]
