"""Check the map of ~12k real articles in headless Chromium (a bench, not a test).

Builds a JSON Lines corpus from ``../shared/eval/*.jsonl`` (all but
``events.dev.jsonl``), repeated with ids made unique (``-r1``, ``-r2``, ...) up
to ``--articles``, in a scratch folder (never in the repository); runs
``geo -q map --jsonl-input ... --workers 2 --no-cache`` on it; then opens the
written ``map.html`` in headless Chromium with every non-file request blocked
(:class:`geo.mapping.browser.OfflinePage`) and checks that the page works:

* the map is drawn: every place and located event of the GeoJSON has a marker;
* a real mouse click on a pin opens its popup; the most mentioned place's popup
  opens, pages its mentions and its "show more" link adds the next page;
* the time slider hides events outside its window, a type checkbox hides its
  events, the search box finds the most mentioned place.

It prints the figures (articles, events, places, wall time of the map run, file
sizes, time to idle in Chromium, popup and filter times, counts of blocked and
failed requests, console errors and page errors) and exits 1 when any check
fails or any of those counts is not 0. It skips (exit 0) where the eval folder
or Chromium is missing. About three minutes on two cores.

Run it with ``.venv/bin/python bench/big_map_check.py [--articles 12000] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _corpus import eval_lines, write_replicated

from geo.mapping.browser import CHROMIUM, OfflinePage, launch

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval"
LEFT_OUT = {"events.dev.jsonl"}  # the events eval set: not part of the map corpus
EPOCH = dt.date(1970, 1, 1)


def corpus(eval_dir: Path, size: int, path: Path) -> int:
    """Write ``size`` eval articles to ``path``, repeated with unique ids; return the originals."""
    lines = eval_lines(eval_dir, LEFT_OUT)
    if lines:
        write_replicated(lines, size, path, "-r")
    return len(lines)


def run_map(jsonl: Path, out: Path, workers: int) -> float:
    """Wall seconds of one fresh ``geo map`` process."""
    cmd = [sys.executable, "-m", "geo.cli.main", "-q", "map", "--jsonl-input", str(jsonl)]
    cmd += ["--workers", str(workers), "--no-cache", "--out", str(out)]
    cmd += ["--gazetteer", str(REPO / "gazetteer"), "--title", f"{jsonl.stem}: eval articles"]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _ms(page: Any, script: str, arg: Any = None) -> float:
    """Milliseconds ``script`` (a function of ``arg``) takes in the page, plus two frames."""
    start = time.perf_counter()
    page.evaluate(script, arg)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return 1000 * (time.perf_counter() - start)


def _popup_text(page: Any) -> str:
    page.wait_for_function("document.querySelectorAll('.leaflet-popup-content').length === 1")
    return page.locator(".leaflet-popup-content").inner_text()


def check_page(p: OfflinePage, places: list[dict], events: list[dict]) -> dict[str, Any]:
    """Exercise the open map; return figures and the list of failed checks."""
    page = p.page
    fails: list[str] = []
    fig: dict[str, Any] = {}

    def check(ok: bool, what: str) -> None:
        if not ok:
            fails.append(what)

    state = page.evaluate(
        "({places: geoMap.placesDrawn, skipped: geoMap.placesSkipped.length,"
        " events: geoMap.eventsDrawn, shown: geoMap.eventsShown, routes: geoMap.routesDrawn,"
        " canvases: document.querySelectorAll('.leaflet-container canvas').length})"
    )
    fig.update(drawn=state)
    located = sum(1 for f in events if f["geometry"])
    check(state["places"] + state["skipped"] == len(places) > 0, f"places drawn: {state}")
    check(state["events"] == located > 0, f"events drawn {state['events']} != located {located}")
    check(state["shown"] == len(events), "not every event shown at first")
    check(state["canvases"] >= 1, "no canvas")

    # A real click on a pin (zoomed in on it) opens a place popup.
    drawn = set(page.evaluate("Object.keys(geoMap.placeLayers)"))
    busiest = max(
        (f["properties"] for f in places if f["properties"]["place_id"] in drawn),
        key=lambda props: props["n_mentions"],
    )
    # (a pin with no event: event markers at the same spot are drawn over it)
    pin_ids = set(
        page.evaluate(
            "Object.keys(geoMap.placeLayers).filter(id => geoMap.placeLayers[id] instanceof"
            " L.CircleMarker && !(geoMap.placeLayers[id] instanceof L.Circle))"
        )
    )
    pin = max(
        (f["properties"] for f in places if f["properties"]["place_id"] in pin_ids),
        key=lambda props: (not props.get("event_ids"), props["n_mentions"]),
    )
    xy = page.evaluate(
        """id => {
        const m = geoMap.map, layer = geoMap.placeLayers[id];
        m.setView(layer.getLatLng(), 11, {animate: false});
        const pt = m.latLngToContainerPoint(layer.getLatLng());
        const box = m.getContainer().getBoundingClientRect();
        return [box.left + pt.x, box.top + pt.y];
    }""",
        pin["place_id"],
    )
    start = time.perf_counter()
    page.mouse.click(xy[0], xy[1])
    text = _popup_text(page)
    fig["click_popup_ms"] = 1000 * (time.perf_counter() - start)
    check("Mentions (" in text, f"click on {pin['name']} opened no place popup")
    fig["clicked"] = text.splitlines()[0]

    # The most mentioned place: its popup opens fast and pages its mentions.
    page.evaluate("() => geoMap.map.closePopup()")
    fig["busiest"] = f"{busiest['name']} ({busiest['n_mentions']:,} mentions)"
    fig["busiest_popup_ms"] = _ms(page, "id => geoMap.openPopupFor(id)", busiest["place_id"])
    text = _popup_text(page)
    check(f"Mentions ({busiest['n_mentions']})" in text, "busiest place popup")
    quotes = page.locator(".leaflet-popup-content .geo-quote")
    before = quotes.count()
    more = page.locator(".leaflet-popup-content .geo-more .geo-link").first
    if busiest["n_mentions"] > before:
        more.click()
        check(quotes.count() > before, "'show more' added no mentions")
        check(page.locator(".leaflet-popup-content").count() == 1, "'show more' closed the popup")
    fig["busiest_quotes_shown"] = before
    page.evaluate("() => geoMap.map.closePopup()")
    page.evaluate("() => geoMap.fit()")

    # Time slider: the first half of the range hides some events and shows some.
    total = len(events)
    lo, hi = page.evaluate("[geoMap.filters.from, geoMap.filters.to]")
    if lo is not None:
        mid = (lo + hi) // 2
        start = time.perf_counter()
        page.locator(".geo-time-to").fill(str(mid))
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        fig["time_filter_ms"] = 1000 * (time.perf_counter() - start)
        shown = page.evaluate("geoMap.eventsShown")
        label = page.locator(".geo-time-label").inner_text()
        fig["time_window"] = f"{label.strip()}: {shown:,} of {total:,} events"
        check(0 < shown < total, f"time window shows {shown} of {total}")
        check((EPOCH + dt.timedelta(days=mid)).isoformat() in label, "time label not updated")
        page.locator(".geo-time-to").fill(str(hi))
        check(page.evaluate("geoMap.eventsShown") == total, "time window did not reset")

    # A type checkbox hides exactly its events.
    kinds: dict[str, int] = {}
    for f in events:
        kinds[f["properties"]["event_type"]] = kinds.get(f["properties"]["event_type"], 0) + 1
    kind = max(kinds, key=kinds.__getitem__)
    box = page.locator(".geo-type", has_text=f"{kind} (").locator("input")
    start = time.perf_counter()
    box.uncheck()
    fig["type_filter_ms"] = 1000 * (time.perf_counter() - start)
    check(page.evaluate("geoMap.eventsShown") == total - kinds[kind], f"type filter {kind}")
    box.check()

    # Search finds the most mentioned place.
    page.fill(".geo-search input", busiest["name"])
    results = page.locator(".geo-result").all_inner_texts()
    check(any(busiest["name"] in r for r in results), f"search for {busiest['name']}")
    fig["fails"] = fails
    return fig


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "geo-big-map")
    parser.add_argument("--reuse", action="store_true", help="keep the last map run's output")
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"skipped: no eval corpora at {args.eval_dir}")
        return 0
    if not os.path.exists(CHROMIUM):
        print(f"skipped: Chromium is missing at {CHROMIUM}")
        return 0
    from playwright.sync_api import sync_playwright

    args.work.mkdir(parents=True, exist_ok=True)
    jsonl = args.work / f"eval-{args.articles}.jsonl"
    out = args.work / "out"
    seconds = float("nan")
    if not (args.reuse and (out / "map.html").exists()):
        if not corpus(args.eval_dir, args.articles, jsonl):
            print(f"skipped: no eval articles in {args.eval_dir}")
            return 0
        seconds = run_map(jsonl, out, args.workers)
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))["features"]
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    html_mb = (out / "map.html").stat().st_size / 1e6

    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            p = OfflinePage(browser, 1200, 800)
            idle = p.open(out / "map.html", timeout_ms=300_000)
            fig = check_page(p, places, events)
            p.page.screenshot(path=str(args.work / "map.png"))
        finally:
            browser.close()

    n_articles = 0
    if jsonl.exists():
        with open(jsonl, encoding="utf-8") as handle:
            n_articles = sum(1 for _ in handle)
    rows = [
        ("articles", f"{n_articles:,}"),
        ("events (located)", f"{len(events):,} ({fig['drawn']['events']:,})"),
        ("places (drawn)", f"{len(places):,} ({fig['drawn']['places']:,})"),
        ("routes", f"{fig['drawn']['routes']:,}"),
        (f"geo map --workers {args.workers} (wall s)", f"{seconds:.1f}"),
        ("map.html (MB)", f"{html_mb:.1f}"),
        ("places.geojson (MB)", f"{(out / 'places.geojson').stat().st_size / 1e6:.1f}"),
        ("events.geojson (MB)", f"{(out / 'events.geojson').stat().st_size / 1e6:.1f}"),
        ("idle in Chromium (s)", f"{idle:.1f}"),
        ("click on a pin to popup (ms)", f"{fig['click_popup_ms']:.0f} ({fig['clicked']})"),
        (
            "most mentioned place's popup (ms)",
            f"{fig['busiest_popup_ms']:.0f} ({fig['busiest']}, "
            f"{fig['busiest_quotes_shown']} shown at first)",
        ),
        ("time filter (ms)", f"{fig.get('time_filter_ms', float('nan')):.0f}"),
        ("type filter (ms)", f"{fig['type_filter_ms']:.0f}"),
        ("blocked requests", str(len(p.blocked))),
        ("failed requests", str(len(p.failed))),
        ("console errors", str(len(p.console_errors))),
        ("page errors", str(len(p.page_errors))),
    ]
    print("| | |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    if "time_window" in fig:
        print(f"time window: {fig['time_window']}")
    print(f"screenshot: {args.work / 'map.png'}")
    problems = p.problems() + [f"check failed: {f}" for f in fig["fails"]]
    for problem in problems:
        print(problem, file=sys.stderr)
    print("FAIL" if problems else "OK: no errors, every check passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
