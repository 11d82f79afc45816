"""geo.mapping without a browser: offline assets, escaped data, embedded counts, writing."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import folium
import pytest

from geo.errors import OutputError
from geo.export import events_frame, places_frame
from geo.mapping import build_map, script_json, write_map
from geo.mapping.assets import country_outlines, leaflet_css, leaflet_js, static_text

EXTERNAL = re.compile(
    r"""<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link[^>]*\bhref\s*=\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import""",
    re.IGNORECASE,
)
RENDER_CALL = re.compile(r"geoRender\((map_\w+), (.*)\);\n")


def _html(run, **kw) -> str:
    return build_map(places_frame(run), events_frame(run), **kw).get_root().render()


def _payload(page: str) -> dict:
    (match,) = RENDER_CALL.findall(page)
    return json.loads(match[1])


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
    page = _html(benign_run)
    by_id = {f["properties"]["event_id"]: f for f in _payload(page)["events"]["features"]}
    route = by_id["a1-e2"]["geometry"]
    assert route["type"] == "LineString"
    assert route["coordinates"][0] == [16.58866, 31.20892]  # from Sirte
    assert route["coordinates"][-1] == [13.18733, 32.88743]  # to Tripoli
    assert "function drawArrows" in page and "arrowsDrawn" in page


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
