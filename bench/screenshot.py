"""Write ``docs/seeds-map.png``: the seeds' map in headless Chromium, with no network.

Runs the pipeline on ``seeds/`` with the project's gazetteer, writes the map to a
temporary folder, opens it with every non-file request blocked, opens the popup
of al-Watiya Air Base and saves a screenshot (PNG, 1200 x 800, under 300 KB).

Run it with ``.venv/bin/python bench/screenshot.py [--out docs/seeds-map.png]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from geo.pipeline import Geoparser, run, write_outputs

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "seeds-map.png")
    parser.add_argument("--popup", default="user:al-watiya-air-base", help="place id to open")
    args = parser.parse_args(argv)
    result = run([REPO / "seeds"], parser=Geoparser(REPO / "gazetteer"))
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        paths = write_outputs(result, tmp, title="geo: the seeds")
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.route(
            "**/*",
            lambda r: (
                r.continue_()
                if r.request.url.startswith(("file:", "data:"))
                else (problems.append(f"request: {r.request.url}"), r.abort())
            ),
        )
        page.goto(paths["map"].as_uri())
        page.wait_for_function("window.geoMap && window.geoMap.ready")
        if args.popup:
            page.evaluate("id => geoMap.openPopupFor(id)", args.popup)
        page.wait_for_timeout(400)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out))
        browser.close()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
