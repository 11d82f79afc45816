"""Events at places the gazetteer lacks are drawn near the place that contains them."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from geo.events import extract_events
from geo.events.anchors import home_place
from geo.export import events_frame, write_csv
from geo.model import Article, Mention, ParsedArticle, Place

PLACES = {
    "Nagpur": Place("t:nagpur", "Nagpur", 21.15, 79.09, "city", "IN"),
    "NAGPUR": Place("t:nagpur", "Nagpur", 21.15, 79.09, "city", "IN"),
    "Gaza": Place("t:gaza", "Gaza", 31.5, 34.47, "city", "PS"),
    "GAZA": Place("t:gaza", "Gaza", 31.5, 34.47, "city", "PS"),
    "India": Place("t:india", "India", 22.0, 79.0, "country", "IN"),
    "Mumbai": Place("t:mumbai", "Mumbai", 19.07, 72.88, "city", "IN"),
    "MUMBAI": Place("t:mumbai", "Mumbai", 19.07, 72.88, "city", "IN"),
}
UNKNOWN = ("Reshimbagh", "Shejaiya", "Zawra")


def parse(text: str) -> ParsedArticle:
    found = []
    for name in (*PLACES, *UNKNOWN):
        start = text.find(name)
        while start >= 0:
            found.append(Mention("t", start, start + len(name), name, place=PLACES.get(name)))
            start = text.find(name, start + len(name))
    article = Article("t", text, published=dt.date(2021, 3, 8), published_precision="day")
    found.sort(key=lambda m: m.start)
    return ParsedArticle(article, found, extract_events(article, found))


def placed(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (p.mention.surface, p.anchor.surface if p.anchor else None, p.precision)
        for e in parse(text).events
        for p in e.places
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the container named right after it
        ("A man was shot dead in Reshimbagh, Nagpur on Saturday.", ("Nagpur", "near")),
        ("Shelling hit the Shejaiya neighbourhood of Gaza.", ("Gaza", "near")),
        ("A man was shot dead in Zawra near Nagpur.", ("Nagpur", "near")),
        # a part of a town named with a compass word ("Orlando East, Soweto")
        (
            "Court news\nGAZA: A man was shot dead in Reshimbagh East, Nagpur on Saturday.",
            ("Nagpur", "near"),
        ),
        # a country container says only the country
        ("A man was shot dead in Reshimbagh, India.", ("India", "country")),
        # the article's home town: named in the dateline ...
        ("NAGPUR: A man was shot dead in Reshimbagh on Saturday.", ("NAGPUR", "near")),
        # ... which wins over a neighbouring town the report names more often
        (
            "Court news\nNAGPUR: A man was shot dead in Reshimbagh on Saturday. "
            + "Filler sentence here. " * 20
            + "His family lives in Mumbai. Mumbai police know him.",
            ("NAGPUR", "near"),
        ),
        # ... or named more than once
        (
            "Markets reopened. " * 30 + "Traffic in Nagpur was slow. A man was shot dead in "
            "Reshimbagh. Nagpur police are investigating.",
            ("Nagpur", "near"),
        ),
        # a town named once, late, is not the article's home: the place is listed, not drawn
        (
            "Markets reopened. " * 30 + "A man was shot dead in Reshimbagh, police in Mumbai said.",
            (None, None),
        ),
        # a distance and a compass point before the container
        (
            "MUMBAI: A man was shot dead in Zawra about three miles south of Nagpur on Monday.",
            ("Nagpur", "near"),
        ),
        # "X, the Y ..." is a clause, not a container: the home town stands in
        (
            "NAGPUR: A man was shot dead at Reshimbagh, the Mumbai police said.",
            ("NAGPUR", "near"),
        ),
        # a resolved place is exact and needs no anchor
        ("A man was shot dead in Nagpur on Saturday.", (None, "exact")),
    ],
)
def test_unresolved_event_place_gets_an_anchor(text, expected) -> None:
    [(_, anchor, precision)] = placed(text)
    assert (anchor, precision) == expected


def test_home_place_ignores_areas_and_metonyms() -> None:
    ms = [Mention("t", 0, 5, "India", PLACES["India"])]
    ms += [Mention("t", 1000, 1006, "Nagpur", PLACES["Nagpur"], literal=False)] * 3
    assert home_place(ms) is None


def test_home_place_prefers_the_dateline_town() -> None:
    text = "NAGPUR: A man was robbed. " + "Filler. " * 50 + "Mumbai police, Mumbai courts."
    nagpur = Mention("t", 0, 6, "NAGPUR", PLACES["Nagpur"])
    mumbai = [
        Mention("t", text.index("Mumbai"), text.index("Mumbai") + 6, "Mumbai", PLACES["Mumbai"])
    ]
    mumbai.append(
        Mention("t", text.rindex("Mumbai"), text.rindex("Mumbai") + 6, "Mumbai", PLACES["Mumbai"])
    )
    assert home_place([nagpur, *mumbai]).surface == "Mumbai"  # without the text: most named
    assert home_place([nagpur, *mumbai], text).surface == "NAGPUR"


def test_anchored_event_is_drawn_at_its_anchor_and_exported_as_near(tmp_path) -> None:
    parsed = parse("A man was shot dead in Reshimbagh, Nagpur on Saturday.")
    frame = events_frame([parsed])
    [place] = frame.loc[0, "places"]
    assert (place["name"], place["place_id"], place["near"], place["precision"]) == (
        "Reshimbagh",
        None,
        "Nagpur",
        "near",
    )
    assert (frame.geometry[0].x, frame.geometry[0].y) == (79.09, 21.15)
    write_csv(frame, tmp_path / "events.csv")
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as fh:
        [row] = csv.DictReader(fh)
    assert (row["location"], row["geo_precision"], row["event_date"]) == (
        "Reshimbagh",
        "2",
        "2021-03-06",
    )


def test_place_without_anchor_has_no_geometry() -> None:
    parsed = parse("Markets reopened. " * 30 + "A man was shot dead in Reshimbagh.")
    frame = events_frame([parsed])
    assert frame.geometry[0] is None
    assert frame.loc[0, "places"][0]["precision"] is None
