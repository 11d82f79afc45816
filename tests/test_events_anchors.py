"""Events at places the gazetteer lacks are drawn near the place that contains them."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest

from geo.events import extract_events
from geo.events.anchors import home_place
from geo.export import events_frame, write_csv
from geo.model import Article, Mention, ParsedArticle, Place
from geo.toponyms import SITE_NAME, on_menu_line

PLACES = {
    "Nagpur": Place("t:nagpur", "Nagpur", 21.15, 79.09, "city", "IN"),
    "NAGPUR": Place("t:nagpur", "Nagpur", 21.15, 79.09, "city", "IN"),
    "Gaza": Place("t:gaza", "Gaza", 31.5, 34.47, "city", "PS"),
    "GAZA": Place("t:gaza", "Gaza", 31.5, 34.47, "city", "PS"),
    "India": Place("t:india", "India", 22.0, 79.0, "country", "IN"),
    "Mumbai": Place("t:mumbai", "Mumbai", 19.07, 72.88, "city", "IN"),
    "MUMBAI": Place("t:mumbai", "Mumbai", 19.07, 72.88, "city", "IN"),
}
UNKNOWN = ("Reshimbagh", "Shejaiya", "Zawra", "Nagpur East", "Nagpur Beach", "East Nagpur")


def parse(text: str) -> ParsedArticle:
    found = []
    for name in (*PLACES, *UNKNOWN):
        start = text.find(name)
        while start >= 0:
            found.append(Mention("t", start, start + len(name), name, place=PLACES.get(name)))
            start = text.find(name, start + len(name))
    article = Article("t", text, published=dt.date(2021, 3, 8), published_precision="day")
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in found:  # no mention inside another ("Nagpur" in "Nagpur East")
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return ParsedArticle(article, kept, extract_events(article, kept))


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
        # ... unless the home town lies in it: nearer there than at the country's middle
        ("NAGPUR: A man was shot dead in Reshimbagh, India.", ("NAGPUR", "near")),
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
        # ... or named in the lead sentence, after a web page's headline, standfirst and
        # byline lines
        (
            "The Daily Courier\nHome | News | Nagpur | Mumbai | Sport | Opinion\n"
            "A quarrel over money ends in grief for a Reshimbagh family\n"
            "Family says he had received threats for weeks; police have questioned two "
            "neighbours about a motorcycle near the market\nBy A Reporter | 1 October 2024\n"
            "A 31-year-old man was shot dead in Reshimbagh late on Saturday night, a Nagpur "
            "police officer said. His brother was hurt.",
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
        # a comma before "near" or a compass point: "Cairngorm Mountain, near Aviemore"
        (
            "MUMBAI: A man was shot dead in Zawra, near Nagpur, on Monday.",
            ("Nagpur", "near"),
        ),
        (
            "MUMBAI: A man was shot dead in Zawra, west of Nagpur, on Monday.",
            ("Nagpur", "near"),
        ),
        (
            "MUMBAI: A man was shot dead in Zawra, on the northern outskirts of Nagpur, on Monday.",
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


@pytest.mark.parametrize(
    "text",
    [
        # a part named after the town the page names: "Kwinana Beach", "East Ballina"
        "MUMBAI: A fire broke out in Nagpur Beach on Monday. Nagpur firefighters came.",
        "MUMBAI: A man was shot dead in East Nagpur on Monday. Nagpur police came.",
    ],
)
def test_a_part_named_after_a_town_lies_at_that_town(text) -> None:
    [(_, anchor, precision)] = placed(text)
    assert (anchor, precision) == ("Nagpur", "near")


@pytest.mark.parametrize(
    "text",
    [
        # a works in its town
        "MUMBAI: Five miners died in an explosion at the Zawra mine in the town of Nagpur.",
        # a works in a place the gazetteer lacks, which lies at a town the page names
        "MUMBAI: A fire broke out at the Zawra plant in Nagpur Beach. Nagpur firefighters came.",
    ],
)
def test_a_works_lies_where_its_container_lies(text) -> None:
    anchors = {surface: anchor for surface, anchor, _ in placed(text)}
    assert anchors["Zawra"] == "Nagpur"


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


STORY = (
    "A man was shot dead in Reshimbagh on Saturday night after an argument outside a "
    "shop, police said on Sunday.\nTwo men on a motorcycle fired three shots at him and "
    "fled towards the ring road, a shopkeeper told reporters. Officers have questioned "
    "four people and are studying camera footage from the street.\n"
)


def _camp_anchor(text: str) -> Mention | None:
    from geo.events.anchors import anchor_unresolved
    from geo.model import Event, EventPlace

    rafah = Place("t:rafah", "Rafah", 31.29, 34.25, "city", "PS")
    found = [Mention("t", 0, 6, "MUMBAI", PLACES["Mumbai"])]
    if "Rafah" in text:
        found.append(Mention("t", text.index("Rafah"), text.index("Rafah") + 5, "Rafah", rafah))
    found.append(Mention("t", text.index("Gaza"), text.index("Gaza") + 4, "Gaza", PLACES["Gaza"]))
    camp = Mention("t", text.rindex("Gaza"), text.rindex("Gaza") + 4, "Gaza")
    at = text.index("destroyed")
    event = Event(
        "t:e1",
        "t",
        "attack",
        "destroyed",
        at,
        at + 9,
        text,
        0,
        len(text),
        places=(EventPlace(camp, "site"),),
    )
    anchor_unresolved([event], [*found, camp], text)
    return event.places[0].anchor


def test_a_place_the_gazetteer_lacks_sits_at_the_town_of_its_name() -> None:
    # "the Gaza camp" is unresolved (no camp of the name), but the town named so is not,
    # and lies beside another place of the article: it stands in before the dateline town
    anchor = _camp_anchor(
        "MUMBAI: Shells hit Rafah and Gaza. A house in the Gaza camp was destroyed."
    )
    assert anchor is not None and anchor.surface == "Gaza" and anchor.place is PLACES["Gaza"]


def test_a_lone_namesake_does_not_stand_in_for_a_place_of_its_name() -> None:
    # no other place near the town of the name (it may be a namesake far off): the home town
    anchor = _camp_anchor("MUMBAI: Shells hit Gaza. A house in the Gaza camp was destroyed.")
    assert anchor is not None and anchor.surface == "MUMBAI"


def test_a_headline_under_the_story_opens_no_dateline() -> None:
    # "Mumbai: ..." in the list of other stories is a headline, not the report's dateline
    text = "City News\n" + STORY + "More news\nMumbai: Two held over bank fraud\nNagpur weather"
    assert home_place(parse(text).mentions, text) is None


def test_a_dateline_after_a_long_first_paragraph_still_counts() -> None:
    # the first long paragraph is about another incident; the report's dateline follows
    text = "City News\n" + STORY + "NAGPUR — " + STORY
    assert home_place(parse(text).mentions, text).surface == "NAGPUR"


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


def test_a_part_named_after_its_town_is_drawn_at_the_town() -> None:
    # the menu's Mumbai is no home town; "Nagpur East" is a part of Nagpur, named in the
    # headline only
    text = (
        "Home | News | Mumbai | Sport | Weather\n"
        "Two shot in Nagpur bar\n"
        "Gunmen opened fire at a bar in Nagpur East on Saturday night, police said."
    )
    assert ("Nagpur East", "Nagpur", "near") in placed(text)


def test_a_town_on_the_menu_line_is_not_the_home_place() -> None:
    text = "Home | News | Mumbai | Sport | Weather\nA man was shot dead in Zawra on Friday."
    assert home_place(parse(text).mentions, text) is None
    assert placed(text) == [("Zawra", None, None)]


def test_a_part_named_after_the_town_before_it_is_drawn_at_that_town() -> None:
    # no container after it and no home town (Mumbai is named as often): the town before
    text = "MUMBAI court hears case\nA house burned down in the Nagpur suburb of Zawra."
    assert ("Zawra", "Nagpur", "near") in placed(text)


@pytest.mark.parametrize(
    "text",
    [
        "Home | News | Cape Town | Sport\nA man was shot in Paarl.\n",
        "A man was shot in Paarl.\nHome  News  Sport\n\nNews | Sport | Weather",
        "\n\nOne | two | three\t four\nOne | two",
        "No menu here at all, one line of prose about Paarl and Cape Town",
        "Ennis Local | Your town\nNews • Sport • Courts • Farming\nA man was hurt in Ennis.",
    ],
)
def test_menu_lines_are_found_at_every_offset_as_line_by_line(text):
    # the menu lines are found once per text; each offset must still get its own line's answer
    def line_by_line(offset):
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        items = re.split(
            r"\s+[|•·]\s+|\s{2,}|\t", text[start : len(text) if end < 0 else end].strip()
        )
        return len(items) >= 3 and all(len(item.split()) <= 4 for item in items)

    assert [on_menu_line(text, k) for k in range(len(text) + 1)] == [
        line_by_line(k) for k in range(len(text) + 1)
    ]


ITHACA = Place("t:ithaca", "Ithaca", 42.44, -76.5, "city", "US")
CORTLAND = Place("t:cortland", "Cortland", 42.6, -76.18, "city", "US")
SYRACUSE = Place("t:syracuse", "Syracuse", 43.05, -76.15, "city", "US")
PARIS_TX = Place("t:paris", "Paris", 33.66, -95.56, "city", "US")


def _site_page(body: str, site: Place = ITHACA) -> tuple[str, list[Mention]]:
    """A page under the site name "Ithaca Daily Dispatch" and a menu, with its mentions."""
    text = "Ithaca Daily Dispatch\nHome | News | Cornell | Events\n\n" + body
    found = [Mention("t", 0, 6, "Ithaca", site, literal=False, cue=SITE_NAME)]
    for name, place in (("Cortland", CORTLAND), ("Syracuse", SYRACUSE)):
        found += [Mention("t", m.start(), m.end(), name, place) for m in re.finditer(name, text)]
    return text, sorted(found, key=lambda m: m.start)


def test_the_town_of_the_sites_name_weighs_as_two_mentions() -> None:
    # the victims' home town named twice does not take the site's town's place
    twice = (
        "Two people were hurt in a crash on West State Street on Friday night. The driver, "
        "a woman from Cortland, was flown out. Her passenger, also from Cortland, is well."
    )
    text, ms = _site_page(twice)
    assert home_place(ms, text).surface == "Ithaca"
    # a town the story names three times does
    text, ms = _site_page(twice + " Cortland police said the road was wet.")
    assert home_place(ms, text).surface == "Cortland"
    # a hospital's town does not count against the site's town
    text, ms = _site_page(
        twice.replace("was flown out", "was flown to a hospital in Syracuse")
        + " She is at Syracuse University Hospital. Syracuse police helped."
    )
    assert home_place(ms, text).surface == "Ithaca"


def test_a_site_name_read_as_a_town_far_from_the_story_does_not_count() -> None:
    body = (
        "Two people were hurt in a crash on West State Street on Friday night. The driver, "
        "a woman from Cortland, was flown out."
    )
    text, ms = _site_page(body, site=PARIS_TX)
    assert home_place(ms, text).surface == "Cortland"  # named in the lead, once


def test_a_pair_of_streets_lies_in_the_town_named_like_one_of_them() -> None:
    from geo.events.anchors import anchor_unresolved
    from geo.model import Event, EventPlace

    kensington = Place("t:kens", "Kensington", 39.99, -75.12, "city", "US")
    philly = Place("t:phl", "Philadelphia", 39.95, -75.16, "city", "US")
    text = (
        "Man killed in Kensington shooting\nA man died after being shot near Kensington "
        "and Allegheny avenues late Monday. He was taken to a hospital in Philadelphia. "
        "Philadelphia police said. Philadelphia detectives are looking for a car."
    )
    streets = "Kensington and Allegheny avenues"
    at = text.index(streets)
    pair = Mention("t", at, at + len(streets), streets, cue="street")
    ms = [Mention("t", 15, 25, "Kensington", kensington), pair]
    ms += [
        Mention("t", m.start(), m.end(), "Philadelphia", philly)
        for m in re.finditer("Philadelphia", text)
    ]
    died = text.index("died")
    event = Event(
        "t:e1",
        "t",
        "killing",
        "died",
        died,
        died + 4,
        text,
        0,
        len(text),
        places=(EventPlace(pair, "site"),),
    )
    anchor_unresolved([event], ms, text)
    assert event.places[0].anchor.surface == "Kensington"  # not the home town, Philadelphia


def test_a_community_of_a_town_lies_in_it() -> None:
    from geo.events.anchors import container_of

    may_pen = Place("t:maypen", "May Pen", 17.96, -77.24, "city", "JM")
    text = "Two men were shot dead in the Bucknor community of May Pen, Clarendon, last night."
    bucknor = Mention("t", text.index("Bucknor"), text.index("Bucknor") + 7, "Bucknor")
    at = text.index("May Pen")
    town = Mention("t", at, at + 7, "May Pen", may_pen)
    assert container_of(bucknor, [bucknor, town], text, resolved=False) is town
