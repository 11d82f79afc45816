"""Open generated maps in headless Chromium with every network request blocked."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.export import events_frame, places_frame
from geo.mapping import build_map, route_features, write_map
from geo.mapping.assets import country_outlines
from geo.mapping.browser import CHROMIUM, OfflinePage, launch
from geo.mapping.layers import place_draw
from geo.model import Article, Mention, ParsedArticle, Place

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "output" / "test-screenshots"

if os.environ.get("GEO_REQUIRE_BROWSER") and not os.path.exists(CHROMIUM):
    # CI sets GEO_REQUIRE_BROWSER: there a missing browser is a failure, not a skip
    pytest.fail(f"Chromium is missing at {CHROMIUM}; install Debian's chromium", pytrace=False)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"Chromium is missing at {CHROMIUM}", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()


class Page(OfflinePage):
    """An offline page (see :class:`geo.mapping.browser.OfflinePage`) with a test's assertion."""

    def assert_clean(self) -> None:
        assert self.problems() == []


def _write(run: list, tmp_path: Path, name: str, title: str = "geo") -> tuple[Path, Any, Any]:
    places, events = places_frame(run), events_frame(run)
    path = tmp_path / name
    write_map(build_map(places, events, title=title), path)
    return path, places, events


def _popup_text(page: Any) -> str:
    # A replaced popup fades out for 200 ms; wait until only the new one is left.
    page.wait_for_function("document.querySelectorAll('.leaflet-popup-content').length === 1")
    return page.locator(".leaflet-popup-content").inner_text()


def test_map_draws_every_feature_offline(browser, benign_run, tmp_path):
    path, places, events = _write(benign_run, tmp_path, "benign.html")
    p = Page(browser)
    p.open(path)
    assert p.page.locator(".leaflet-container").count() == 1
    counts = p.page.evaluate(
        "({places: geoMap.placesDrawn, events: geoMap.eventsDrawn, routes: geoMap.routesDrawn,"
        " arrows: geoMap.arrowsDrawn, countries: geoMap.countriesDrawn})"
    )
    located = events.geometry.notna()
    lines = events.geometry.geom_type == "LineString"
    assert counts["places"] == len(places)
    assert counts["events"] == int(located.sum())
    assert counts["routes"] == len(route_features(events)) == int(lines.sum()) == 1
    assert counts["arrows"] == sum(len(g.coords) - 1 for g in events.geometry[lines])
    assert counts["countries"] > 150
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    p.page.screenshot(path=str(SCREENSHOTS / "benign.png"))
    p.assert_clean()


def test_click_on_place_marker_opens_popup_with_quote(browser, benign_run, tmp_path):
    path, _, _ = _write(benign_run, tmp_path, "click.html")
    p = Page(browser)
    p.open(path)
    xy = p.page.evaluate(
        """() => {
        const m = geoMap.map;
        const layer = geoMap.placeLayers['user:al-watiya-air-base'];
        const pt = m.latLngToContainerPoint(layer.getLatLng());
        const box = m.getContainer().getBoundingClientRect();
        return [box.left + pt.x, box.top + pt.y];
    }"""
    )
    p.page.mouse.click(xy[0], xy[1])
    text = _popup_text(p.page)
    assert "al-Watiya Air Base" in text
    assert "A convoy moved from Sirte via al-Watiya Air Base to Tripoli." in text
    p.assert_clean()


def test_place_popup_lists_candidates_mentions_and_events(browser, benign_run, tmp_path):
    path, _, _ = _write(benign_run, tmp_path, "popup.html")
    p = Page(browser)
    p.open(path)
    assert p.page.evaluate("openPopupFor('geonames:2210247')") is True
    text = _popup_text(p.page)
    for expected in (
        "Tripoli",
        "city",
        "LY",
        "32.8874",
        "score 0.95",
        "Runner-ups",
        "(city, LB) score 0.40",
        "Clashes erupted in Tripoli on Monday.",
        "Mentions (2)",
        "clash 2020-06-01",
        "movement 2020-06",
    ):
        assert expected in text
    # The event link in the place popup opens the event popup.
    p.page.locator(".leaflet-popup-content .geo-link", has_text="clash").click()
    text = _popup_text(p.page)
    assert "2020-06-01 (day)" in text and "GNA; LNA; Wagner" in text
    assert "site: Tripoli" in text and "Fighting in Tripoli" in text
    p.assert_clean()


def test_hostile_text_is_shown_never_run(browser, hostile_run, payloads, tmp_path):
    path, places, events = _write(hostile_run, tmp_path, "hostile.html", title=" ".join(payloads))
    p = Page(browser)
    p.open(path)
    assert p.page.evaluate("geoMap.placesDrawn") == len(places)
    seen = []
    for place_id in places["place_id"]:
        assert p.page.evaluate("id => geoMap.openPopupFor(id)", place_id) is True
        seen.append(_popup_text(p.page))
    for event_id in events["event_id"]:
        assert p.page.evaluate("id => geoMap.openEventPopup(id)", event_id) is True
        seen.append(_popup_text(p.page))
    for i in range(p.page.evaluate("geoMap.routesDrawn")):
        assert p.page.evaluate("i => geoMap.openRoutePopup(i)", i) is True
        seen.append(_popup_text(p.page))
    seen.append(p.page.locator(".geo-legend").inner_text())
    seen.extend(p.page.locator("select option").all_inner_texts())
    p.page.fill(".geo-search input", "script")
    seen.append(p.page.locator(".geo-results").inner_text())
    p.page.locator(".geo-result").first.click()
    seen.append(_popup_text(p.page))
    seen.append(p.page.title())
    shown = "\n".join(seen)
    for payload in payloads:
        assert payload in shown
    # No element was created from the payload.
    assert p.page.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    assert p.page.locator("body img[src='x']").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    p.page.screenshot(path=str(SCREENSHOTS / "hostile.png"))
    p.assert_clean()


def _click_at(page: Any, expr: str) -> None:
    """Zoom to the marker ``expr`` evaluates to, away from its neighbours, and click it."""
    xy = page.evaluate(
        f"""() => {{
        const m = geoMap.map;
        m.closePopup();
        m.setView(({expr}).getLatLng(), 11, {{animate: false}});
        const pt = m.latLngToContainerPoint(({expr}).getLatLng());
        const box = m.getContainer().getBoundingClientRect();
        return [box.left + pt.x, box.top + pt.y];
    }}"""
    )
    page.mouse.click(xy[0], xy[1])


def _set_range(page: Any, selector: str, day: dt.date) -> None:
    value = (day - dt.date(1970, 1, 1)).days
    page.locator(selector).fill(str(value))


def test_time_slider_hides_events_outside_the_window(browser, benign_run, tmp_path):
    # a1-e1 is 2020-06-01 (day), a1-e2 2020-06 (month); make a2-e1 (Sirte) 2020 (year).
    # (a1-e3 has no located place, so it is never drawn.)
    aid = benign_run[1].events[0]
    aid.date, aid.date_precision = dt.date(2020, 1, 1), "year"
    path, _, _ = _write(benign_run, tmp_path, "time.html")
    p = Page(browser)
    p.open(path)
    assert sorted(p.page.evaluate("geoMap.visibleEventIds()")) == ["a1-e1", "a1-e2", "a2-e1"]
    cases = [
        (dt.date(2020, 6, 10), dt.date(2020, 6, 20), ["a1-e2", "a2-e1"]),  # the month spans June
        (dt.date(2020, 6, 1), dt.date(2020, 6, 1), ["a1-e1", "a1-e2", "a2-e1"]),
        (dt.date(2020, 6, 2), dt.date(2020, 6, 30), ["a1-e2", "a2-e1"]),
        (dt.date(2020, 1, 1), dt.date(2020, 3, 1), ["a2-e1"]),  # only the year covers March
    ]
    for start, end, visible in cases:
        _set_range(p.page, ".geo-time-to", dt.date(2020, 12, 31))
        _set_range(p.page, ".geo-time-from", start)
        _set_range(p.page, ".geo-time-to", end)
        assert sorted(p.page.evaluate("geoMap.visibleEventIds()")) == visible
        assert (
            p.page.evaluate("geoMap.eventsShown") == len(visible) + 1
        )  # and a1-e3 (2020), not located
        label = p.page.locator(".geo-time-label").inner_text()
        assert start.isoformat() in label and end.isoformat() in label
    # The route follows its event: hidden when a1-e2 is outside the window.
    _set_range(p.page, ".geo-time-to", dt.date(2020, 12, 31))
    _set_range(p.page, ".geo-time-from", dt.date(2020, 7, 1))
    assert p.page.evaluate("geoMap.routesShown") == 0
    assert p.page.evaluate("geoMap.map.hasLayer(geoMap.routeLayers[0])") is False
    p.assert_clean()


def test_playback_moves_the_window(browser, benign_run, tmp_path):
    path, _, _ = _write(benign_run, tmp_path, "play.html")
    p = Page(browser)
    p.open(path)
    start = p.page.evaluate("geoMap.filters.from")
    p.page.locator(".geo-play").click()
    assert p.page.evaluate("geoMap.playing") is True
    p.page.wait_for_function(f"geoMap.filters.from > {start}", timeout=5_000)
    p.page.locator(".geo-play").click()
    assert p.page.evaluate("geoMap.playing") is False
    p.assert_clean()


def test_filters_by_type_actor_and_article(browser, benign_run, tmp_path):
    path, _, _ = _write(benign_run, tmp_path, "filters.html")
    p = Page(browser)
    p.open(path)
    visible = "() => geoMap.visibleEventIds().sort()"
    p.page.locator(".geo-type", has_text="clash").locator("input").uncheck()
    assert p.page.evaluate(visible) == ["a1-e2", "a2-e1"]
    p.page.locator(".geo-type", has_text="clash").locator("input").check()
    p.page.select_option(".geo-actor", "LNA")
    assert p.page.evaluate(visible) == ["a1-e1", "a1-e2"]
    p.page.select_option(".geo-actor", "")
    p.page.select_option(".geo-article", "a2")
    assert p.page.evaluate(visible) == ["a2-e1"]
    # Places not mentioned in the chosen article are hidden too.
    shown = p.page.evaluate(
        "Object.keys(geoMap.placeLayers).filter(id => geoMap.map.hasLayer(geoMap.placeLayers[id]))"
    )
    assert shown == ["geonames:2210554"]
    assert "Aid reaches Sirte (Other Wire)" in p.page.locator(".geo-article").inner_text()
    p.assert_clean()


def test_fullscreen_and_fit_buttons(browser, benign_run, tmp_path):
    path, _, _ = _write(benign_run, tmp_path, "buttons.html")
    p = Page(browser)
    p.open(path)
    container = p.page.locator(".leaflet-container")
    p.page.locator(".geo-fullscreen-button").click()
    assert "geo-fullscreen" in container.get_attribute("class")
    p.page.locator(".geo-fullscreen-button").click()
    assert "geo-fullscreen" not in container.get_attribute("class")
    p.page.evaluate("() => { geoMap.map.setView([0, -150], 3, {animate: false}); }")
    p.page.locator(".geo-fit-button").click()
    assert p.page.evaluate("geoMap.map.getBounds().contains([32.88743, 13.18733])") is True
    p.assert_clean()


def test_online_tiles_are_requested_only_when_switched_on(browser, benign_run, tmp_path):
    path, _, _ = _write(benign_run, tmp_path, "tiles.html")
    p = Page(browser)
    p.open(path)
    p.page.wait_for_timeout(300)
    assert p.blocked == []
    p.page.locator(".leaflet-control-layers label", has_text="OpenStreetMap").locator(
        "input"
    ).check()
    p.page.wait_for_timeout(500)
    assert p.blocked and all(u.startswith("https://tile.openstreetmap.org/") for u in p.blocked)
    attribution = p.page.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap" in attribution and "GeoNames" in attribution


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds_map(seeds_run, tmp_path_factory) -> dict[str, Any]:
    """``geo map`` on the bundled seeds: the written files and their GeoJSON."""
    from geo.pipeline import write_outputs

    paths = write_outputs(seeds_run, tmp_path_factory.mktemp("seeds"))
    places = json.loads(paths["places"].read_text(encoding="utf-8"))["features"]
    events = json.loads(paths["events"].read_text(encoding="utf-8"))["features"]
    return {"paths": paths, "places": places, "events": events}


@pytest.fixture
def seeds_page(browser, seeds_map) -> Page:
    page = Page(browser)
    page.open(seeds_map["paths"]["map"])
    return page


def test_seeds_map_draws_what_the_geojson_holds(seeds_page, seeds_map):
    p = seeds_page
    state = p.page.evaluate(
        "({places: geoMap.placesDrawn, skipped: geoMap.placesSkipped, events: geoMap.eventsDrawn,"
        " routes: geoMap.routesDrawn, layers: Object.keys(geoMap.placeLayers)})"
    )
    places, events = seeds_map["places"], seeds_map["events"]
    outlines = set(country_outlines())
    undrawn = [
        f["properties"]["place_id"] for f in places if not place_draw(f["properties"], outlines)
    ]
    assert state["places"] == len(places) - len(undrawn) > 10
    assert state["skipped"] == undrawn
    assert state["events"] == sum(1 for f in events if f["geometry"]) > 10
    # Countries are outlines (no pin), a continent with no outline is not drawn.
    kinds = {f["properties"]["place_id"]: f["properties"]["kind"] for f in places}
    for place_id in state["layers"]:
        is_area = p.page.evaluate(
            "id => geoMap.placeLayers[id] instanceof L.Circle || !geoMap.placeLayers[id].getLatLng",
            place_id,
        )
        assert is_area == (kinds[place_id] in ("country", "admin1")), place_id
    assert all(kinds[pid] in ("continent", "country") for pid in undrawn)
    p.page.wait_for_timeout(200)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    p.page.screenshot(path=str(SCREENSHOTS / "seeds.png"))
    assert (SCREENSHOTS / "seeds.png").stat().st_size > 10_000
    p.assert_clean()


def test_seeds_routes_match_the_events(seeds_page, seeds_run):
    frame = events_frame(seeds_run.parsed)
    assert seeds_page.page.evaluate("geoMap.routesDrawn") == len(route_features(frame))
    seeds_page.assert_clean()


def _lone(features: list[dict], key) -> list[dict]:
    counts: dict[Any, int] = {}
    for f in features:
        counts[key(f)] = counts.get(key(f), 0) + 1
    return [f for f in features if counts[key(f)] == 1]


def test_seeds_click_on_markers_opens_their_popups(seeds_page, seeds_map):
    p = seeds_page
    event_at = {
        tuple(
            f["geometry"]["coordinates"]
            if f["geometry"]["type"] == "Point"
            else f["geometry"]["coordinates"][-1]
        )
        for f in seeds_map["events"]
        if f["geometry"]
    }
    pins = [
        f
        for f in seeds_map["places"]
        if place_draw(f["properties"], set(country_outlines())) == "pin"
        and tuple(f["geometry"]["coordinates"]) not in event_at
    ]
    place = pins[0]["properties"]
    _click_at(p.page, f"geoMap.placeLayers[{json.dumps(place['place_id'])}]")
    text = _popup_text(p.page)
    assert place["name"] in text and place["mentions"][0]["quote"] in text
    lone = _lone(
        [f for f in seeds_map["events"] if f["geometry"] and f["geometry"]["type"] == "Point"],
        lambda f: tuple(f["geometry"]["coordinates"]),
    )
    event = lone[0]["properties"]
    _click_at(p.page, f"geoMap.eventLayers[{json.dumps(event['event_id'])}]")
    text = _popup_text(p.page)
    assert event["quote"] in text and event["event_type"] in text
    p.assert_clean()


def test_seeds_search_finds_ramstein(seeds_page):
    p = seeds_page
    p.page.fill(".geo-search input", "ramstein")
    result = p.page.locator(".geo-result").first
    assert "Ramstein Air Base" in result.inner_text()
    result.click()
    text = _popup_text(p.page)
    assert "Ramstein Air Base" in text and "icao:ETAR" in text and "airportsdata" in text
    assert p.page.evaluate("geoMap.map.getZoom()") >= 7
    p.assert_clean()


def test_seeds_time_slider(seeds_page, seeds_map):
    p = seeds_page
    p.page.locator(".geo-undated input").uncheck()
    _set_range(p.page, ".geo-time-from", dt.date(2020, 5, 1))
    _set_range(p.page, ".geo-time-to", dt.date(2020, 5, 31))
    visible = set(p.page.evaluate("geoMap.visibleEventIds()"))
    # May 2020: events of a day or the month of May 2020, and of the year 2020.
    expected = {
        f["properties"]["event_id"]
        for f in seeds_map["events"]
        if f["geometry"]
        and (
            (f["properties"]["date"] or "").startswith("2020-05")
            or f["properties"]["date"] == "2020"
        )
    }
    assert visible == expected and visible
    p.assert_clean()


# --------------------------------------------------------------------------- a crowded place

PAGE = 50  # geomap.js LIST_PAGE
BUSY = 120  # mentions of Tripoli: more than two pages, a pin larger than the cap


def _crowded_run() -> list[ParsedArticle]:
    """A small place mentioned once, then Tripoli mentioned ``BUSY`` times about 1 km away."""
    tripoli = Place("geonames:2210247", "Tripoli", 32.88743, 13.18733, "city", "LY")
    souq = Place("user:souq", "Souq al-Juma", 32.89743, 13.18733, "district", "LY")
    text = "Souq al-Juma woke up. " + "Tripoli was busy. " * BUSY
    mentions, at = [], 0
    for place in [souq] + [tripoli] * BUSY:
        at = text.index(place.name, at)
        mentions.append(Mention("busy", at, at + len(place.name), place.name, place, 0.9))
        at += 1
    return [ParsedArticle(Article("busy", text), mentions, [])]


def test_long_popup_lists_open_a_page_at_a_time(browser, tmp_path):
    # A country named 13,091 times in the 12k-article map took 5-7 s to open when every
    # mention was built at once; now a page of PAGE mentions, and a link for the next.
    path, _, _ = _write(_crowded_run(), tmp_path, "crowded.html")
    p = Page(browser)
    p.open(path)
    assert p.page.evaluate("geoMap.openPopupFor('geonames:2210247')") is True
    _popup_text(p.page)
    quotes = p.page.locator(".leaflet-popup-content .geo-quote")
    more = p.page.locator(".leaflet-popup-content .geo-more .geo-link")
    assert "Mentions (120)" in p.page.locator(".leaflet-popup-content").inner_text()
    for shown in (PAGE, 2 * PAGE):
        assert quotes.count() == shown
        assert (
            more.inner_text() == f"show {min(PAGE, BUSY - shown)} more ({BUSY - shown} not shown)"
        )
        more.click()
    assert quotes.count() == BUSY and not more.is_visible()
    # The popup stayed open through the clicks.
    assert p.page.locator(".leaflet-popup-content").count() == 1
    p.assert_clean()


def test_small_pin_is_drawn_and_clicked_over_a_big_neighbour(browser, tmp_path):
    path, _, _ = _write(_crowded_run(), tmp_path, "neighbours.html")
    p = Page(browser)
    p.open(path)
    radius = "id => geoMap.placeLayers[id].getRadius()"
    assert p.page.evaluate(radius, "geonames:2210247") == 30  # capped, not 6 + 2.5 * sqrt(120)
    assert p.page.evaluate(radius, "user:souq") == 8.5
    # Souq al-Juma lies inside Tripoli's pin at zoom 11; it is drawn last, so it gets the click.
    _click_at(p.page, "geoMap.placeLayers['user:souq']")
    assert "Souq al-Juma" in _popup_text(p.page)
    p.assert_clean()


def test_event_at_a_place_the_gazetteer_lacks_is_drawn_near_its_town(browser, tmp_path):
    from geo.events import extract_events
    from geo.model import Article, Mention, Place

    text = "A man was shot dead in Reshimbagh, Nagpur on Saturday."
    nagpur = Place("t:nagpur", "Nagpur", 21.15, 79.09, "city", "IN")
    i, j = text.index("Reshimbagh"), text.index("Nagpur")
    mentions = [Mention("a", i, i + 10, "Reshimbagh"), Mention("a", j, j + 6, "Nagpur", nagpur)]
    article = Article("a", text, published=dt.date(2021, 3, 8), published_precision="day")
    run = [ParsedArticle(article, mentions, extract_events(article, mentions))]
    path, _, events = _write(run, tmp_path, "near.html")
    p = Page(browser)
    p.open(path)
    assert p.page.evaluate("geoMap.eventsDrawn") == 1
    assert p.page.evaluate(f"geoMap.openEventPopup('{events.loc[0, 'event_id']}')") is not False
    text = _popup_text(p.page)
    assert "site: Reshimbagh (not in the gazetteer; drawn near Nagpur)" in text
    p.assert_clean()
