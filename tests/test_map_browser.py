"""Open generated maps in headless Chromium with every network request blocked."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.export import events_frame, places_frame
from geo.mapping import build_map, write_map

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Page:
    """A page that blocks everything but file: and data:, and records what went wrong."""

    def __init__(self, browser: Any) -> None:
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1000, "height": 700})
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on(
            "console",
            lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.geoMap && window.geoMap.ready", timeout=10_000)

    def assert_clean(self) -> None:
        assert self.blocked == []
        assert self.failed == []
        assert self.errors == []
        assert self.dialogs == []


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
    assert counts["routes"] == int(lines.sum()) == 1
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
    seen.append(p.page.locator(".geo-legend").inner_text())
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


def test_seeds_map_opens_offline_with_their_places(browser, seeds_run, tmp_path):
    """The map `geo map` writes for the bundled seeds loads with no network at all."""
    from geo.pipeline import write_outputs

    paths = write_outputs(seeds_run, tmp_path)
    page = Page(browser)
    page.open(paths["map"])
    drawn = page.page.evaluate("window.geoMap.placesDrawn")
    assert drawn > 5
    page.page.evaluate("window.geoMap.openPopupFor('icao:ETAR')")
    assert "Ramstein" in _popup_text(page.page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SCREENSHOTS / "seeds.png"))
    page.assert_clean()
