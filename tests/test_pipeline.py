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


def test_only_the_unknown_names_an_event_uses_become_mentions(geoparser):
    parsed = geoparser.parse_text(
        "Gunmen killed two farmers in the village of Tse-Usenda on Monday. "
        "Residents of Ugbokolo and Zaki-Biam mourned."
    )
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces["Tse-Usenda"].place is None
    assert surfaces["Tse-Usenda"].article_id == parsed.article.id
    # capitalised names of a sentence without an event are never proposed
    assert "Gunmen" not in surfaces and "Residents" not in surfaces
    assert "Ugbokolo" not in surfaces


def test_parse_text_without_events_reports_only_gazetteer_places(gazetteer_index):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "Shelling hit the neighborhood of Alsaliheen near Aleppo."
    )
    assert [m.place.name for m in parsed.mentions if m.place] == ["Aleppo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue of one mention makes the bare one later in the article a place too
        (
            "Troops overran al Watiya airbase on Monday. The loss of al Watiya was a blow.",
            ["al Watiya", "al Watiya"],
        ),
        # alone, the bare name is too weak to be taken for a place
        ("The loss of al Watiya was a blow.", []),
    ],
)
def test_a_name_established_once_is_a_place_throughout(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert [m.surface for m in parsed.mentions] == expected


def test_a_name_does_not_run_into_a_weekday_or_a_month(gazetteer_index):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "Gunmen attacked the village of Tsebara on Monday and the town of Ugbokolo in May."
    )
    assert [m.surface for m in parsed.mentions] == ["Tsebara", "Ugbokolo"]
