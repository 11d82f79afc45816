"""extract_events on short articles: dates across sentences, anaphora, merging, routes."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.events import extract_events, route_legs
from geo.model import Article, Mention, Place

KINDS = {
    "Libya": ("country", "LY"),
    "Iraq": ("country", "IQ"),
    "Malta": ("country", "MT"),
    "Germany": ("country", "DE"),
    "Erbil Airbase": ("airbase", "IQ"),
    "Misrata": ("city", "LY"),
    "Sirte": ("city", "LY"),
    "Watiya airbase": ("airbase", "LY"),
    "Ramstein": ("airbase", "DE"),
}


def article(text: str, published=dt.date(2021, 1, 28), precision="day") -> Article:
    return Article("t", text, published=published, published_precision=precision)


def mentions(text: str, literal=KINDS, metonyms: tuple[str, ...] = ()) -> list[Mention]:
    found = []
    for name, (kind, country) in literal.items():
        start = text.find(name)
        while start >= 0:
            place = Place(f"test:{name}", name, 0.0, 0.0, kind, country)
            found.append(Mention("t", start, start + len(name), name, place=place))
            start = text.find(name, start + len(name))
    for name in metonyms:
        start = text.index(name)
        found.append(Mention("t", start, start + len(name), name, literal=False))
    return found


def summary(events):
    return [
        (e.event_type, e.date_iso, [(p.mention.surface, p.role) for p in e.places]) for e in events
    ]


def test_route_over_several_sentences() -> None:
    text = (
        "Rebels captured a missile system at Sirte in May last year. "
        "Fighters then sent the system to Misrata.\nIt was later shipped to Malta.\n"
        "In June, a plane flew it to Ramstein."
    )
    events = extract_events(article(text), mentions(text))
    assert summary(events) == [
        ("capture", "2020-05", [("Sirte", "site")]),
        ("transfer", "2020-05", [("Sirte", "origin"), ("Misrata", "destination")]),
        ("transfer", None, [("Misrata", "origin"), ("Malta", "destination")]),
        ("transfer", "2020-06", [("Malta", "origin"), ("Ramstein", "destination")]),
    ]
    assert {e.route_id for e in events} == {"t:r1"}
    assert list(route_legs(events, text)) == ["t:r1"]


def test_unrelated_movements_are_not_linked() -> None:
    text = "Turkey sent drones to Misrata. A separate convoy moved to Sirte."
    events = extract_events(article(text), mentions(text))
    assert [e.route_id for e in events] == [None, None]


def test_date_inherited_only_within_a_paragraph() -> None:
    text = (
        "In December, forces captured Sirte. They then attacked Misrata.\nRebels fled from Sirte."
    )
    events = extract_events(article(text), mentions(text))
    assert [e.date_iso for e in events] == ["2020-12", "2020-12", None]


def test_fronted_date_governs_the_sentence() -> None:
    text = "On 10 March, the general said the army is sending jets to Iraq."
    [event] = extract_events(article(text, dt.date(2020, 3, 1), "month"), mentions(text))
    assert event.date_iso == "2020-03-10"


def test_date_of_another_clause_is_not_used() -> None:
    text = "Troops paraded in Misrata on May 20, after its capture at the Watiya airbase."
    events = extract_events(article(text, dt.date(2020, 6, 1), "month"), mentions(text))
    assert summary(events) == [
        ("display", "2020-05-20", [("Misrata", "site")]),
        ("capture", None, [("Watiya airbase", "site")]),
    ]


def test_anaphor_takes_the_place_of_the_previous_sentence() -> None:
    text = "He stood in the Watiya airbase. Militias had overrun the base."
    [event] = extract_events(article(text), mentions(text))
    assert summary([event]) == [("capture", None, [("Watiya airbase", "site")])]


def test_same_type_triggers_merge_and_countries_give_way() -> None:
    text = "Iran launched missiles at bases in Iraq, hitting the Erbil Airbase."
    [event] = extract_events(article(text), mentions(text))
    assert summary([event]) == [("attack", None, [("Erbil Airbase", "site")])]


def test_metonyms_are_actors_never_places() -> None:
    text = "Washington deployed troops to Libya."
    [event] = extract_events(article(text), mentions(text, metonyms=("Washington",)))
    assert summary([event]) == [("deployment", None, [("Libya", "destination")])]
    assert event.actors == ("Washington",)


def test_events_without_places_are_kept() -> None:
    [event] = extract_events(article("Nobody was killed."), [])
    assert (event.event_id, event.event_type, event.places) == ("t:e1", "killing", ())


def test_no_date_without_publication() -> None:
    text = "Rebels captured Sirte on Monday."
    [event] = extract_events(Article("t", text), mentions(text))
    assert (event.date, event.date_precision) == (None, None)


def _destinations(text: str) -> list[list[str]]:
    events = extract_events(article(text), mentions(text))
    return [[p.mention.surface for p in e.places if p.role == "destination"] for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a later stative sentence says where in the country the movement ended
        (
            "The jets were flown to Libya. They were stripped of markings. "
            "Most appear to be at the Watiya airbase.",
            [["Watiya airbase"]],
        ),
        ("The jets were flown to Libya. They are now in Misrata.", [["Misrata"]]),
        # a place in another country says nothing about this movement
        ("The jets were flown to Libya. Most appear to be at Ramstein.", [["Libya"]]),
        # a sentence with its own event is not a stative one
        ("The jets were flown to Libya. Rebels attacked Misrata.", [["Libya"], []]),
        # a later movement supersedes: the statement is about that one
        (
            "The jets were flown to Libya. Tanks were sent to Iraq. They are at Misrata.",
            [["Libya"], ["Iraq"]],
        ),
        # too far away to be about the movement
        (
            "The jets were flown to Libya. One. Two. Three. Most appear to be at Misrata.",
            [["Libya"]],
        ),
        # an exact destination is never replaced
        ("The jets were flown to Sirte. Most appear to be at Misrata.", [["Sirte"]]),
    ],
)
def test_stative_sentence_refines_a_coarse_destination(text, expected) -> None:
    assert _destinations(text) == expected
