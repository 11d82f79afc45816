"""geo.mapping without a browser: offline assets, escaped data, embedded counts, writing."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import folium
import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from geo.errors import GeoError, OutputError
from geo.export import events_frame, places_frame
from geo.mapping import (
    build_map,
    online_tiles,
    place_draw,
    route_features,
    script_json,
    write_map,
)
from geo.mapping.assets import country_outlines, leaflet_css, leaflet_js, static_text

EXTERNAL = re.compile(
    r"""<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link[^>]*\bhref\s*=\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import""",
    re.IGNORECASE,
)
DATA = re.compile(r'<script type="application/json" id="geo-data">(.*?)</script>', re.DOTALL)


def _html(run, **kw) -> str:
    return build_map(places_frame(run), events_frame(run), **kw).get_root().render()


def _payload(page: str) -> dict:
    (match,) = DATA.findall(page)
    return json.loads(match)


@pytest.fixture
def hostile_html(run) -> str:
    """The map of the benign and the hostile articles together."""
    return _html(run)


def test_no_external_scripts_or_stylesheets(hostile_html):
    assert EXTERNAL.findall(hostile_html) == []
    for cdn in ("cdn.jsdelivr", "code.jquery", "bootstrapcdn", "cloudflare", "fontawesome"):
        assert cdn not in hostile_html
    assert "<script>" in hostile_html and "L.map(" in hostile_html


def test_external_pattern_catches_cdn_links():
    page = folium.Map().get_root().render()
    assert len(EXTERNAL.findall(page)) >= 4


def test_folium_cdn_lists_are_left_alone_for_other_maps(benign_run):
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    _html(benign_run)
    assert folium.Map.default_js == before_js
    assert folium.Map.default_css == before_css


def test_leaflet_is_inlined_with_its_images():
    css = leaflet_css()
    assert "url(images/" not in css
    assert "data:image/png;base64," in css
    assert "sourceMappingURL" not in leaflet_js()


def test_payload_strings_never_appear_raw(hostile_html, payloads):
    for payload in payloads:
        assert payload not in hostile_html
    for raw in ("<img", "${alert", "`alert"):
        assert raw not in hostile_html


def test_hostile_text_adds_no_script_element(hostile_html, benign_run):
    assert hostile_html.lower().count("<script") == _html(benign_run).lower().count("<script")
    assert hostile_html.lower().count("</script") == hostile_html.lower().count("<script")


def test_hostile_data_survives_the_escaping(hostile_html, hostile_run, payloads):
    data = _payload(hostile_html)
    events = events_frame(hostile_run)
    embedded_ids = [f["properties"]["event_id"] for f in data["events"]["features"]]
    assert embedded_ids[-2:] == list(events["event_id"])
    quotes = " ".join(f["properties"]["quote"] for f in data["events"]["features"])
    for payload in payloads:
        assert payload in quotes


def test_title_is_escaped(benign_run):
    page = _html(benign_run, title="<script>alert(1)</script> & co")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</title>" in page
    assert _payload(page)["title"] == "<script>alert(1)</script> & co"


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("</script>", "\\u003c/script\\u003e"),
        ("<!--", "\\u003c!--"),
        ("a & b", "a \\u0026 b"),
        ("${x}", "\\u0024{x}"),
        ("`x`", "\\u0060x\\u0060"),
        ("\u2028\u2029", "\\u2028\\u2029"),
    ],
)
def test_script_json_escapes(value, escaped):
    text = script_json(value)
    assert text == f'"{escaped}"'
    assert json.loads(text) == value


def test_embedded_data_matches_frames(run):
    places, events = places_frame(run), events_frame(run)
    data = _payload(build_map(places, events).get_root().render())
    assert len(data["places"]["features"]) == len(places)
    assert len(data["events"]["features"]) == len(events)
    assert [f["properties"]["place_id"] for f in data["places"]["features"]] == list(
        places["place_id"]
    )
    tripoli = data["places"]["features"][0]["properties"]
    assert tripoli["mentions"][0]["quote"] == "Clashes erupted in Tripoli on Monday."
    assert tripoli["candidates"][0]["name"] == "Tripoli"
    # Context-only places are outlined from the embedded countries.
    for f in data["places"]["features"]:
        if f["properties"]["context_only"]:
            assert f["properties"]["country"] in data["countries"]
    assert "GeoNames</a> (CC BY 4.0)" in data["attribution"]


def test_movement_is_embedded_as_a_route_with_arrowheads(benign_run):
    data = _payload(_html(benign_run))
    by_id = {f["properties"]["event_id"]: f for f in data["events"]["features"]}
    assert by_id["a1-e2"]["geometry"]["type"] == "LineString"
    (route,) = data["routes"]["features"]
    assert route["properties"]["route_id"] == "r1"
    assert route["properties"]["names"] == ["Sirte", "al-Watiya Air Base", "Tripoli"]
    assert route["geometry"]["coordinates"][0] == [16.58866, 31.20892]  # from Sirte
    assert route["geometry"]["coordinates"][-1] == [13.18733, 32.88743]  # to Tripoli
    assert "ArrowLine" in static_text("geomap.js")


def test_events_are_lean_and_articles_listed_once(run):
    data = _payload(_html(run))
    props = data["events"]["features"][0]["properties"]
    assert "article_title" not in props and "quote_start" not in props
    assert set(props["places"][0]) == {"place_id", "name", "role"}
    assert data["articles"]["a1"] == {
        "title": "Fighting in Tripoli",
        "source": "Example News",
        "date": "2020-06-03",
        "url": "https://example.org/a1",
    }
    assert len(data["articles"]) == 3


def test_route_leg_orders_a_route(benign_run):
    events = events_frame(benign_run)
    legs = dict(zip(events["event_id"], events["route_leg"], strict=True))
    assert legs["a1-e2"] == 0
    assert events["route_leg"].isna().sum() == len(events) - 1


def _ev(event_id, route_id, leg, *stops, event_type="transfer"):
    places = [
        {"name": n, "lon": x, "lat": y, "role": r, "kind": k, "place_id": f"x:{n}"}
        for n, x, y, r, k in stops
    ]
    xy = [(p["lon"], p["lat"]) for p in places]
    geom = LineString(xy) if len(set(xy)) > 1 else Point(xy[0])
    row = {"event_id": event_id, "event_type": event_type, "route_id": route_id}
    return row | {"route_leg": leg, "places": places, "geometry": geom}


def _frame(*rows):
    return gpd.GeoDataFrame(list(rows), geometry="geometry", crs="EPSG:4326")


A = ("A", 1.0, 1.0, "origin", "airbase")
B = ("B", 2.0, 2.0, "destination", "city")
C = ("C", 3.0, 3.0, "destination", "airport")
LY = ("Libya", 17.0, 27.0, "origin", "country")
DE = ("Germany", 9.0, 51.0, "destination", "country")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # legs joined in route_leg order, not in row order
        (
            [_ev("e2", "r", 1, ("B", 2.0, 2.0, "origin", "city"), C), _ev("e1", "r", 0, A, B)],
            [("r", ["e1", "e2"], ["A", "B", "C"])],
        ),
        # a capture (a site) in the route is a stop of the line
        (
            [_ev("e1", "r", 0, ("A", 1.0, 1.0, "site", "airbase")), _ev("e2", "r", 1, A, C)],
            [("r", ["e1", "e2"], ["A", "C"])],
        ),
        # countries are left out when the route has finer points
        ([_ev("e1", "r", 0, LY, DE), _ev("e2", "r", 1, A, C)], [("r", ["e1", "e2"], ["A", "C"])]),
        # ... and kept when they are all it has
        ([_ev("e1", "r", 0, LY, DE)], [("r", ["e1"], ["Libya", "Germany"])]),
        # a movement outside any route is a route of its own
        ([_ev("e1", None, None, A, B)], [(None, ["e1"], ["A", "B"])]),
        # a site event outside a route, or a route of one point, is no line
        ([_ev("e1", None, None, ("A", 1.0, 1.0, "site", "city"))], []),
        ([_ev("e1", "r", 0, ("A", 1.0, 1.0, "site", "city"))], []),
    ],
)
def test_route_features(rows, expected):
    routes = route_features(_frame(*rows))
    got = [
        (r["properties"]["route_id"], r["properties"]["event_ids"], r["properties"]["names"])
        for r in routes
    ]
    assert got == expected
    for r in routes:
        assert r["geometry"]["type"] == "LineString"
        assert len(r["geometry"]["coordinates"]) == len(r["properties"]["names"])


@pytest.mark.parametrize(
    ("kind", "country", "context_only", "expected"),
    [
        ("country", "LY", True, "outline"),
        ("country", "ZZ", True, None),  # no outline: not drawn, never a pin
        ("continent", None, True, None),
        ("admin1", "IQ", True, "area"),
        ("city", "US", True, "ring"),  # "Washington said"
        ("city", "LY", False, "pin"),
        ("airbase", "DE", False, "pin"),
    ],
)
def test_place_draw(kind, country, context_only, expected):
    props = {"kind": kind, "country": country, "context_only": context_only}
    assert place_draw(props, {"LY", "IQ", "US", "DE"}) == expected


def test_payload_says_how_each_place_is_drawn(run):
    data = _payload(_html(run))
    draws = {f["properties"]["name"]: f["properties"]["draw"] for f in data["places"]["features"]}
    assert draws["Libya"] == "outline"
    assert draws["Washington"] == "ring"
    assert draws["Tripoli"] == draws["Sirte"] == "pin"


def test_online_tiles_are_offered_but_off(benign_run):
    page = _html(benign_run)
    tiles = _payload(page)["tiles"]
    assert tiles["url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in tiles["attribution"]
    assert _payload(_html(benign_run, tiles=None))["tiles"] is None


def test_online_tiles_without_xyzservices(monkeypatch):
    monkeypatch.setitem(sys.modules, "xyzservices", None)
    assert online_tiles() is None


def test_unknown_tile_provider_is_refused():
    with pytest.raises(GeoError, match=re.escape("unknown tile provider 'Nowhere.Tiles'")):
        online_tiles("Nowhere.Tiles")


@pytest.mark.parametrize(
    "needle",
    ["geo-search", "geo-time-from", "geo-play", "geo-actor", "geo-article", "geo-fullscreen"],
)
def test_js_has_the_controls(needle):
    assert needle in static_text("geomap.js")


@pytest.mark.parametrize("needle", ["textContent", "createTextNode", "L.canvas("])
def test_js_builds_dom_safely(needle):
    assert needle in static_text("geomap.js")


def test_js_never_uses_inner_html():
    js = static_text("geomap.js")
    assert "innerHTML" not in js
    assert "insertAdjacentHTML" not in js
    assert "document.write" not in js


def test_country_outlines_are_simplified_and_cached():
    outlines = country_outlines()
    assert outlines is country_outlines()
    assert {"LY", "US", "DE"} <= set(outlines)
    assert outlines["US"]["type"] == "MultiPolygon"
    ring = outlines["LY"]["coordinates"][0]
    assert ring[0] == ring[-1]
    assert all(len(pt) == 2 and pt == [round(c, 3) for c in pt] for pt in ring)


def test_empty_map_builds(tmp_path):
    path = tmp_path / "empty.html"
    write_map(build_map(places_frame([]), events_frame([])), path)
    data = _payload(path.read_text(encoding="utf-8"))
    assert data["places"]["features"] == data["events"]["features"] == []


def test_write_map_is_atomic(benign_run, tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("old")
    moves = []
    real_replace = os.replace

    def spy(src, dst):
        moves.append((Path(src).parent, Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write_map(build_map(places_frame(benign_run), events_frame(benign_run)), target)
    assert moves == [(tmp_path, target)]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_write_map_to_unwritable_folder_raises(benign_run, tmp_path):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder")
    m = build_map(places_frame(benign_run), events_frame(benign_run))
    with pytest.raises(OutputError, match="blocked"):
        write_map(m, blocker / "map.html")
