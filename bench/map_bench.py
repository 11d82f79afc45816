"""Bench the offline map at 1k, 10k and 100k synthetic events (a bench, not a test).

For each size it builds synthetic parsed articles (events spread over Libya,
Iraq and Syria, a tenth of them movements in routes, dates at day, month and
year precision), then reports:

* build: seconds for ``places_frame`` + ``events_frame`` + ``build_map`` + ``write_map``;
* HTML: the size of ``map.html``;
* idle: seconds from navigation to the map drawn and idle in headless Chromium
  (``geoMap.ready`` and two animation frames), every non-file request blocked;
* filter: milliseconds to apply a time window that hides about half the events.

Run it with ``.venv/bin/python bench/map_bench.py [--sizes 1000 10000 100000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from geo.export import events_frame, places_frame
from geo.mapping import build_map, write_map
from geo.model import Article, Event, EventPlace, Mention, ParsedArticle, Place

CHROMIUM = "/usr/bin/chromium"
TYPES = ("attack", "capture", "deployment", "killing", "retreat", "shelling", "transfer")
ACTORS = ("GNA", "LNA", "Wagner", "US", "Iran", "Turkey", "ISIS", "SDF")
PER_ARTICLE = 1000
BOXES = {"LY": (30.0, 33.0, 10.0, 20.0), "IQ": (31.0, 36.0, 40.0, 46.0), "SY": (33, 36.5, 36, 41)}


def synthetic(n_events: int, seed: int = 5) -> list[ParsedArticle]:
    """``n_events`` events over 300 places, in articles of 1000 events each."""
    rng = random.Random(seed)
    places = []
    for i in range(300):
        cc = rng.choice(sorted(BOXES))
        s, n, w, e = BOXES[cc]
        places.append(
            Place(
                f"bench:{i}",
                f"Place {i}",
                rng.uniform(s, n),
                rng.uniform(w, e),
                "city",
                cc,
                population=rng.randint(500, 500_000),
                source="bench",
            )
        )
    parsed = []
    for a in range(0, n_events, PER_ARTICLE):
        count = min(PER_ARTICLE, n_events - a)
        sentences, mentions, events = [], [], []
        offset = 0
        for k in range(count):
            origin, target = rng.sample(places, 2)
            moving = k % 10 == 0
            sentence = (
                f"Forces moved from {origin.name} to {target.name}."
                if moving
                else f"Fighters attacked {target.name} at dawn."
            )
            t_at = offset + sentence.index(target.name)
            m_target = Mention(f"a{a}", t_at, t_at + len(target.name), target.name, target, 0.9)
            roles = [EventPlace(m_target, "destination" if moving else "site")]
            mentions.append(m_target)
            if moving:
                o_at = offset + sentence.index(origin.name)
                m_origin = Mention(f"a{a}", o_at, o_at + len(origin.name), origin.name, origin, 0.9)
                roles.insert(0, EventPlace(m_origin, "origin"))
                mentions.append(m_origin)
            day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(730))
            precision = rng.choice(("day", "day", "day", "month", "year"))
            if precision == "month":
                day = day.replace(day=1)
            elif precision == "year":
                day = day.replace(month=1, day=1)
            events.append(
                Event(
                    f"a{a}-e{k}",
                    f"a{a}",
                    "transfer" if moving else rng.choice(TYPES),
                    "moved",
                    offset,
                    offset + 5,
                    sentence,
                    offset,
                    offset + len(sentence),
                    date=day,
                    date_precision=precision,
                    actors=tuple(rng.sample(ACTORS, 2)),
                    places=tuple(roles),
                    route_id=f"a{a}:r{k // 50}" if moving else None,
                )
            )
            sentences.append(sentence)
            offset += len(sentence) + 1
        article = Article(
            f"a{a}",
            " ".join(sentences),
            title=f"Bench article {a // PER_ARTICLE}",
            source="bench",
            published=dt.date(2021, 1, 1),
            published_precision="day",
        )
        parsed.append(ParsedArticle(article, mentions, events))
    return parsed


def build(n_events: int, folder: Path) -> tuple[Path, float]:
    """Write the map of ``n_events`` synthetic events; return its path and build seconds."""
    parsed = synthetic(n_events)
    path = folder / f"map-{n_events}.html"
    start = time.perf_counter()
    places, events = places_frame(parsed), events_frame(parsed)
    write_map(build_map(places, events, title=f"bench {n_events}"), path)
    return path, time.perf_counter() - start


def idle(browser, path: Path) -> tuple[float, float]:
    """Seconds from navigation to idle, and ms to apply a time window."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function("window.geoMap && window.geoMap.ready", timeout=300_000)
    seconds = page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
        "() => r(performance.now() / 1000))))"
    )
    filter_ms = page.evaluate(
        "() => { const t = performance.now();"
        " geoMap.setTimeWindow('2019-01-01', '2019-12-31');"
        " return performance.now() - t; }"
    )
    page.close()
    if errors:
        raise RuntimeError(f"page errors in {path.name}: {errors[:3]}")
    return seconds, filter_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args(argv)
    browser = None
    pw = None
    if Path(CHROMIUM).exists():
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path, seconds = build(n, Path(tmp))
            size_mb = path.stat().st_size / 1e6
            load, filt = idle(browser, path) if browser else (float("nan"), float("nan"))
            rows.append((n, seconds, size_mb, load, filt))
    if browser is not None:
        browser.close()
        pw.stop()
    print("| events | build (s) | HTML (MB) | idle in Chromium (s) | time filter (ms) |")
    print("|---:|---:|---:|---:|---:|")
    for n, seconds, size_mb, load, filt in rows:
        print(f"| {n:,} | {seconds:.1f} | {size_mb:.1f} | {load:.1f} | {filt:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
