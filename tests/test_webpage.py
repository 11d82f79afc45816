"""Saved web pages: the story text without site furniture, and the page's own metadata."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from geo.articles import iter_articles
from geo.webpage import looks_like_html, read_webpage

PAGE = Path(__file__).parent / "data" / "web" / "rockford_shooting.html"


def test_the_story_is_kept_one_paragraph_a_line_and_the_furniture_dropped() -> None:
    page = read_webpage(PAGE.read_text(encoding="utf-8"))
    lines = page.text.splitlines()
    assert lines[0] == "Man shot outside convenience store on Elm Street"
    assert lines[2].startswith("ROCKFORD, Ill. — A 24-year-old man was shot early Tuesday")
    for furniture in ("Home", "cookies", "Related stories", "Belvidere", "Copyright", "Paris"):
        assert furniture not in page.text  # menus, banners, asides, footers, scripts
    assert page.published == "2023-03-15T08:12:00-05:00"
    assert page.title == "Man shot outside convenience store on Elm Street"


def test_open_graph_metadata_and_the_canonical_address() -> None:
    page = read_webpage(
        "<!doctype html><html><head>"
        '<meta property="og:title" content="Troops enter Sirte">'
        '<meta property="og:site_name" content="Libya Observer">'
        '<link rel="canonical" href="https://example.org/sirte">'
        "</head><body><main><p>Troops entered Sirte &amp; its port.</p></main>"
        '<time datetime="2020-06-05">5 June</time></body></html>'
    )
    assert page.title == "Troops enter Sirte"
    assert page.source == "Libya Observer"
    assert page.url == "https://example.org/sirte"
    assert page.published == "2020-06-05"
    assert page.text == "Troops enter Sirte\nTroops entered Sirte & its port.\n"


def test_broken_markup_and_a_page_without_an_article_element() -> None:
    page = read_webpage("<html><body><p>Shelling hit <b>Misrata<p>Residents fled</div></body>")
    assert page.text == "Shelling hit Misrata\nResidents fled\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html>\n<html>", True),
        ("<!-- saved -->\n<html lang=en>", True),
        ("Troops left <Sirte> at dawn.", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_a_folder_of_pages_reads_their_metadata_unless_metadata_csv_says(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.htm").write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,title,source,published,url\nb.htm,Shooting,Courier,2023-03-16,\n", encoding="utf-8"
    )
    a, b = iter_articles([tmp_path])
    assert (a.id, a.published, a.published_precision) == ("a", dt.date(2023, 3, 15), "day")
    assert a.title == "Man shot outside convenience store on Elm Street"
    assert "<p>" not in a.text and "cookies" not in a.text
    assert (b.title, b.source, b.published) == ("Shooting", "Courier", dt.date(2023, 3, 16))


def test_a_page_with_no_visible_text_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text(
        "<html><body><nav>Home</nav><script>x()</script></body></html>", encoding="utf-8"
    )
    (tmp_path / "ok.txt").write_text("Troops left Sirte.", encoding="utf-8")
    skipped = []
    articles = list(iter_articles([tmp_path], on_skip=lambda p, r: skipped.append((p, r))))
    assert [a.id for a in articles] == ["ok"]
    assert skipped == [(str(tmp_path / "empty.html"), "a web page with no visible text")]


@pytest.mark.slow
def test_a_local_news_page_gives_its_incident_where_and_when_it_happened(geoparser) -> None:
    (article,) = iter_articles([PAGE])
    parsed = geoparser.parse_article(article)
    lead = [e for e in parsed.events if e.quote.startswith("ROCKFORD")]
    assert [(e.event_type, e.date_iso) for e in lead] == [("attack", "2023-03-14")]
    (place,) = lead[0].places
    assert place.located is not None and place.located.name == "Rockford"
    assert place.located.admin1 == "Illinois"
    # the street named after a place is a street in Rockford, not the Cameroon region "West"
    assert all(m.place is None or m.place.country == "US" for m in parsed.mentions), [
        (m.surface, m.place) for m in parsed.mentions
    ]


@pytest.mark.slow
def test_a_map_geo_wrote_is_never_read_as_an_article(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Gunmen attacked a convoy near Sirte.\n", encoding="utf-8")
    out = folder / "output"
    command = [sys.executable, "-m", "geo.cli.main", "-q", "map", str(folder), "--out", str(out)]
    done = subprocess.run([*command, "--no-cache"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and (out / "map.html").is_file(), done.stderr
    skipped = []
    articles = list(iter_articles([folder], on_skip=lambda p, r: skipped.append((p, r))))
    assert [a.id for a in articles] == ["a"]
    assert skipped == [(str(out / "map.html"), "a map geo wrote, not an article")]
