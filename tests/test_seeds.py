"""What the bundled seeds must give, on the real gazetteer (issue: end to end)."""

from __future__ import annotations

import pytest

from geo.geodesy import great_circle_km

pytestmark = pytest.mark.slow

# surface as written in the seeds -> (lat, lon, km) or the place kind/country expected
EXPECTED = [
    ("Ramstein", 49.437, 7.600, 15),
    ("Watiya", 32.477, 11.899, 25),
    ("al Watiya", 32.477, 11.899, 25),
    ("Zawiya", 32.757, 12.728, 20),
    ("Zuwara", 32.952, 12.015, 15),  # "Zuwara airport"
    ("Tripoli", 32.887, 13.187, 40),
    ("Tarhouna", 32.435, 13.633, 20),
    ("al Jufra", 29.198, 16.001, 40),
    ("Ain al-Asad", 33.786, 42.441, 20),
    ("Ain al-Asad Airbase", 33.786, 42.441, 20),
    ("Erbil Airbase", 36.19, 44.01, 25),
    ("Baghdad International Airport", 33.263, 44.235, 15),
]


def _mentions(seeds_run, surface):
    found = [m for p in seeds_run.parsed for m in p.mentions if m.surface == surface]
    assert found, f"{surface!r} was not recognised in the seeds"
    return found


@pytest.mark.parametrize(("surface", "lat", "lon", "km"), EXPECTED)
def test_seed_place_resolves_within_distance(seeds_run, surface, lat, lon, km):
    for m in _mentions(seeds_run, surface):
        assert m.place is not None, f"{surface!r} unresolved"
        d = great_circle_km(m.place.lat, m.place.lon, lat, lon)
        assert d <= km, f"{surface!r} -> {m.place.name} ({m.place.place_id}) is {d:.0f} km off"


def test_anbar_is_iraqs_governorate(seeds_run):
    (m,) = _mentions(seeds_run, "Anbar")
    assert (m.place.kind, m.place.country) == ("admin1", "IQ")


@pytest.mark.parametrize(
    ("surface", "cc"),
    [("Libya", "LY"), ("Germany", "DE"), ("Syria", "SY"), ("Iraq", "IQ"), ("Iran", "IR")],
)
def test_countries_resolve_as_countries(seeds_run, surface, cc):
    for m in _mentions(seeds_run, surface):
        assert (m.place.kind, m.place.country) == ("country", cc)


@pytest.mark.parametrize("surface", ["Libyan", "Tunisian", "Iranian", "Iraqi", "Russian"])
def test_demonyms_resolve_to_their_country(seeds_run, surface):
    for m in _mentions(seeds_run, surface):
        assert m.place.kind == "country"


def test_tunisian_border_is_literal_and_libyan_fighter_is_not(seeds_run):
    assert all(m.literal for m in _mentions(seeds_run, "Tunisian"))
    assert not any(m.literal for m in _mentions(seeds_run, "Libyans"))


@pytest.mark.parametrize("surface", ["Washington", "Moscow"])
def test_capitals_as_actors_are_associative(seeds_run, surface):
    assert not any(m.literal for m in _mentions(seeds_run, surface))


@pytest.mark.parametrize("word", ["said", "Said", "Force", "Air", "Khalifa", "Haftar", "Post"])
def test_common_words_and_person_names_are_not_places(seeds_run, word):
    assert not [m for p in seeds_run.parsed for m in p.mentions if m.surface == word]


def test_every_mention_has_reason_and_candidates_ranked(seeds_run):
    for p in seeds_run.parsed:
        for m in p.mentions:
            assert p.article.text[m.start : m.end] == m.surface
            assert m.reason
            assert all(c.score <= m.score for c in m.candidates)


def test_seed_metadata_is_read(seeds_run):
    by_id = {p.article.id[:3]: p.article for p in seeds_run.parsed}
    assert (by_id["000"].source, by_id["000"].published_iso) == (
        "Middle East Monitor",
        "2021-01-28",
    )
    assert (by_id["001"].source, by_id["001"].published_iso) == ("CNN", "2020-06")
    assert (by_id["002"].source, by_id["002"].published_iso) == ("Sputnik", "2020-03")
