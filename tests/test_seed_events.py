"""The events the seeds must give, through the whole pipeline on the real gazetteer."""

from __future__ import annotations

import pytest

from geo.geodesy import great_circle_km

pytestmark = pytest.mark.slow

WATIYA, ZAWIYA, ZUWARA, RAMSTEIN = (
    (32.477, 11.899),
    (32.757, 12.728),
    (32.952, 12.015),
    (49.437, 7.6),
)
TRIPOLI, ASAD, ERBIL, BIAP = (32.887, 13.187), (33.786, 42.441), (36.24, 43.96), (33.263, 44.235)
JUFRA = (29.198, 16.001)


def _events(seeds_run, prefix):
    (parsed,) = [p for p in seeds_run.parsed if p.article.id.startswith(prefix)]
    return parsed.events


def _near(ep, point, km=25):
    p = ep.mention.place
    return p is not None and great_circle_km(p.lat, p.lon, *point) <= km


def _find(events, etype, point, role=None, date=None):
    for e in events:
        if e.event_type != etype or (date is not None and e.date_iso != date):
            continue
        if any(_near(ep, point) and (role is None or ep.role == role) for ep in e.places):
            return e
    return None


@pytest.mark.parametrize(
    ("seed", "etype", "point", "role", "date"),
    [
        ("000", "capture", WATIYA, "site", "2020-05"),
        ("000", "capture", ZAWIYA, "site", None),
        ("000", "transfer", RAMSTEIN, "destination", "2020-06"),
        ("001", "display", TRIPOLI, "site", "2020-05-20"),
        ("001", "capture", WATIYA, "site", None),
        ("002", "deployment", ASAD, None, "2020-03"),
        ("002", "attack", ERBIL, "site", "2020-01-08"),
        ("002", "attack", ASAD, "site", "2020-01-08"),
        ("002", "killing", BIAP, "site", "2020-01-03"),
    ],
)
def test_seed_event(seeds_run, seed, etype, point, role, date):
    assert _find(_events(seeds_run, seed), etype, point, role, date) is not None


def test_pantsir_flown_from_zuwara_to_ramstein_is_a_line_on_one_route(seeds_run):
    events = _events(seeds_run, "000")
    leg = _find(events, "transfer", RAMSTEIN, "destination", "2020-06")
    assert any(_near(ep, ZUWARA, 15) and ep.role == "origin" for ep in leg.places)
    assert leg.is_movement and leg.route_id
    seized = _find(events, "capture", ZAWIYA)
    assert seized.route_id == leg.route_id
    assert any("Bahroun" in a for a in seized.actors)


def test_reaper_drone_shot_down_over_libya_in_november_2019(seeds_run):
    (e,) = [e for e in _events(seeds_run, "000") if e.event_type == "shootdown"]
    assert e.date_iso == "2019-11"
    assert [ep.mention.place.place_id for ep in e.places] == ["country:LY"]


def test_retreat_from_tripoli_airport_and_tarhouna(seeds_run):
    (e,) = [e for e in _events(seeds_run, "001") if e.event_type == "retreat" and e.places]
    assert e.date_iso == "2020-06"
    assert {ep.mention.surface for ep in e.places} == {"Tripoli", "Tarhouna"}
    assert "Haftar" in " ".join(e.actors)


def test_russian_jets_route_runs_via_iran_and_syria(seeds_run):
    (e,) = [e for e in _events(seeds_run, "001") if e.trigger == "flown"]
    roles = [(ep.role, ep.mention.surface) for ep in e.places]
    assert roles[:3] == [("origin", "Russia"), ("via", "Iran"), ("via", "Syria")]


def test_russian_jets_land_at_al_jufra(seeds_run):
    events = _events(seeds_run, "001")
    assert _find(events, "transfer", JUFRA, "destination") is not None


def test_al_watiya_overrun_on_18_may(seeds_run):
    assert _find(_events(seeds_run, "001"), "capture", WATIYA, None, "2020-05-18") is not None


def test_no_event_sits_on_a_metonym(seeds_run):
    for parsed in seeds_run.parsed:
        for e in parsed.events:
            assert all(ep.mention.literal for ep in e.places), (e.trigger, e.quote)
