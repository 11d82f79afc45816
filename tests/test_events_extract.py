"""extract_events on short articles: dates across sentences, anaphora, merging, routes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from geo.events import dateline_mention, extract_events, route_legs
from geo.events.roles import is_modifier
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


def article(
    text: str, published=dt.date(2021, 1, 28), precision="day", title: str | None = None
) -> Article:
    return Article("t", text, title=title, published=published, published_precision=precision)


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
    assert [(e.event_type, e.date_iso) for e in events] == [
        ("display", "2020-05-20"),
        ("capture", None),
    ]
    assert [p.mention.surface for p in events[0].places] == ["Misrata"]
    assert "Watiya airbase" in [p.mention.surface for p in events[1].places]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an emergency call comes the day of what it answers
        ("Police were called to a home this morning after a man was shot.", "2020-06-01"),
        ("Medics rushed to the market on Monday after a bomb exploded.", "2020-06-01"),
        # a rescue too: "hoisted off Mount Si by helicopter Sunday after she fell"
        ("A hiker was hoisted off the ridge on Sunday after she fell.", "2020-05-31"),
        # so does what a flood left behind
        (
            "Shops were under a metre of water on Sunday after the river broke its banks.",
            "2020-05-31",
        ),
        (
            "Families were forced from their homes yesterday after the river overflowed.",
            "2020-05-31",
        ),
        (
            "Residents were helped from their homes yesterday after the river overtopped "
            "flood defences.",
            "2020-05-31",
        ),
        # and the people it left shaken
        (
            "Passengers were left shaken this morning after a ferry struck the pier.",
            "2020-06-01",
        ),
        # the clause after "after" has a date of its own
        ("Police were called on Monday after a man was shot on Sunday.", "2020-05-31"),
        # no response: what came before may be days earlier
        ("Troops paraded on Monday after a man was shot.", None),
    ],
)
def test_an_after_clause_takes_the_day_of_the_response_before_it(text, expected) -> None:
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), mentions(text))
    (incident,) = [e for e in events if text.index(e.trigger) > text.index(" after ")]
    assert incident.date_iso == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a "while" clause tells went on at the time of the event
        (
            "A woman was shot while sitting in a parked car last Thursday, police said.",
            "2020-05-28",
        ),
        ("A man was stabbed while he waited for a bus on Monday.", "2020-06-01"),
        # the event's own clause has the date
        ("A man was stabbed on Sunday while he waited for a bus.", "2020-05-31"),
        ("A man was stabbed while he waited for a bus.", None),
    ],
)
def test_a_while_clause_gives_its_date_to_the_event(text, expected) -> None:
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), mentions(text))
    (incident,) = [e for e in events if e.trigger in ("shot", "stabbed")]
    assert incident.date_iso == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # an "after" clause with a gerund tells what went on at the time
        (
            "A pilot was killed when a small plane crashed into a field shortly after taking "
            "off from the airport on Saturday evening, the sheriff said.",
            "killed",
            "2020-05-30",
        ),
        # after a death or an accident, any "after" clause tells how it came about
        (
            "Two miners were killed after a landslide buried a tunnel on Friday, August 28, "
            "amid heavy rain.",
            "killed",
            "2020-08-28",
        ),
        # after anything else it is another event, with its own day
        ("Police arrested a man after a shooting on Monday.", "arrested", None),
    ],
)
def test_a_clause_telling_how_gives_its_date(text, trigger, expected) -> None:
    published = dt.date(2020, 9, 1) if "August" in text else dt.date(2020, 6, 1)
    events = extract_events(article(text, published, "day"), mentions(text))
    (event,) = [e for e in events if e.trigger == trigger]
    assert event.date_iso == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # two triggers of one type make one event: the later one's clause dates it
        (
            "A man has been charged with murder after a man was found dead on Sunday.",
            "murder",
            "2020-05-31",
        ),
        (
            "A man was seriously injured after he was stabbed on Saturday night.",
            "injured",
            "2020-05-30",
        ),
        # the first trigger's own date still wins
        ("A man was killed on Monday and another found dead on Sunday.", "killed", "2020-06-01"),
    ],
)
def test_one_event_of_several_triggers_takes_the_first_date_they_give(
    text, trigger, expected
) -> None:
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), mentions(text))
    (incident,) = [e for e in events if e.trigger == trigger]
    assert incident.date_iso == expected


def test_a_clock_time_after_after_is_no_clause() -> None:
    text = (
        "Officers were called to reports of a stabbing in Green Lane, Small Heath, "
        "Birmingham, shortly after 4pm on Sunday 12 June."
    )
    events = extract_events(article(text, dt.date(2022, 6, 13), "day"), mentions(text))
    (stabbing,) = [e for e in events if e.trigger == "stabbing"]
    assert stabbing.date_iso == "2022-06-12"


def test_place_of_another_clause_is_not_the_capture_site() -> None:
    text = "Troops paraded in Misrata on May 20, after its capture at the Watiya airbase."
    events = extract_events(article(text, dt.date(2020, 6, 1), "month"), mentions(text))
    assert [p.mention.surface for p in events[1].places] == ["Watiya airbase"]


def test_rules_alone_still_decide_without_a_model() -> None:
    text = "Troops paraded in Misrata on May 20, after its capture at the Watiya airbase."
    events = extract_events(
        article(text, dt.date(2020, 6, 1), "month"), mentions(text), selector=None
    )
    assert summary(events) == [
        ("display", "2020-05-20", [("Misrata", "site")]),
        ("capture", None, [("Watiya airbase", "site")]),
    ]


def _places(names: dict[str, str], text: str) -> list[Mention]:
    found = []
    for name, kind in names.items():
        start = text.index(name)
        place = Place(f"test:{name}", name, 0.0, 0.0, kind, "AF")
        found.append(Mention("t", start, start + len(name), name, place=place))
    return found


def test_when_clause_says_where_the_event_before_it_happened() -> None:
    text = (
        "The strikes came in response to the US assassination of Maj. Gen. Ali Rahimi, head "
        "of Iran's border guard, on 3 January, when a drone strike authorised by the "
        "president hit the general's car at Kandahar airport."
    )
    names = {"US": "country", "Iran": "country", "Kandahar airport": "airport"}
    events = extract_events(article(text), _places(names, text))
    # the selector alone leaves the assassination, far from the airport, without a place;
    # the "when" clause gives it its site, and only to it, not to the strikes
    assert [(e.trigger, [p.mention.surface for p in e.places]) for e in events] == [
        ("strikes", []),
        ("assassination", ["Kandahar airport"]),
        ("strike", ["Kandahar airport"]),
    ]


def test_an_event_takes_the_sites_of_the_event_it_came_about_in() -> None:
    text = (
        "Five people were killed in a mass shooting at a tavern in Orlando East, Kandahar, "
        "early on Sunday."
    )
    events = extract_events(article(text), _places({"Kandahar": "city"}, text))
    # the selector gives the shooting its site, far from "killed"; the killing shares it
    assert [(e.trigger, [p.mention.surface for p in e.places]) for e in events] == [
        ("killed", ["Kandahar"]),
        ("shooting", ["Kandahar"]),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the clause after a death or an accident tells where it came about
        (
            "A man drowned Sunday afternoon after falling from a paddleboard on Kajaki Lake, "
            "police said.",
            [("drowned", ["Kajaki Lake"])],
        ),
        ("A man died after his kayak tipped over on Kajaki Lake.", [("died", ["Kajaki Lake"])]),
        # a death with its own place keeps it
        (
            "A man died in Kandahar after falling from a roof in Herat.",
            [("died", ["Kandahar"])],
        ),
    ],
)
def test_after_a_death_or_an_accident_comes_how_and_where(text, expected) -> None:
    names = {n: "city" for n in ("Kandahar", "Herat") if n in text}
    found = _places(names, text)
    if "Kajaki Lake" in text:
        start = text.index("Kajaki Lake")
        found.append(Mention("t", start, start + 11, "Kajaki Lake", cue="lake"))
    events = extract_events(article(text), found)
    assert [(e.trigger, [p.mention.surface for p in e.places]) for e in events] == expected


def test_after_anything_else_opens_another_event() -> None:
    # "arrested after a robbery in Kandahar": the arrest may have been anywhere
    from geo.events import _after_how
    from geo.events.lexicon import load_lexicon
    from geo.events.sentences import split_sentences
    from geo.model import Event

    text = "Police arrested two men after they robbed a shop in Kandahar."
    at = text.index("arrested")
    arrest = Event("t:e1", "t", "arrest", "arrested", at, at + 8, text, 0, len(text))
    (sentence,) = split_sentences(text)
    _after_how([arrest], text, sentence, _places({"Kandahar": "city"}, text), load_lexicon())
    assert arrest.places == ()
    killing = dataclasses.replace(arrest, event_type="killing")
    _after_how([killing], text, sentence, _places({"Kandahar": "city"}, text), load_lexicon())
    assert [p.mention.surface for p in killing.places] == ["Kandahar"]


@pytest.mark.parametrize(
    "text",
    [
        "A woman died in a two-vehicle crash on U.S. 641 near Paris.",
        # the time may come between the two
        "A woman died Monday evening in a two-vehicle crash on U.S. 641 near Paris.",
        "A woman died early on Sunday in a two-vehicle crash on U.S. 641 near Paris.",
    ],
)
def test_an_event_came_about_in_another_with_a_time_between(text) -> None:
    from geo.events import _share_circumstances
    from geo.model import Event, EventPlace

    road = text.index("U.S. 641")
    site = EventPlace(Mention("t", road, road + 8, "U.S. 641"), "site")

    def event(trigger: str, places=()) -> Event:
        at = text.index(trigger)
        return Event(
            f"t:{trigger}",
            "t",
            "x",
            trigger,
            at,
            at + len(trigger),
            text,
            0,
            len(text),
            places=places,
        )

    died, crash = event("died"), event("crash", (site,))
    _share_circumstances([died, crash], text)
    assert died.places == (site,)


@pytest.mark.parametrize(
    "second",
    [
        "It happened around 2 a.m. Monday at a home in Kandahar, police said.",
        "The shooting occurred in Kandahar.",
        "The deadly shooting took place at a market in Kandahar.",
        "Police said the shooting occurred in Kandahar.",
    ],
)
def test_a_sentence_saying_where_it_happened_places_the_event_before(second) -> None:
    text = f"Police are searching for the person who shot a man early Monday.\n{second}"
    events = extract_events(
        article(text, published=dt.date(2022, 12, 27)), _places({"Kandahar": "city"}, text)
    )
    (shot,) = events
    assert [p.mention.surface for p in shot.places] == ["Kandahar"]
    assert shot.date_iso == "2022-12-26"


def test_the_place_said_about_happened_is_the_incidents_when_its_noun_finds_none() -> None:
    # the noun is far from the place; the verb that says it happened has it close by
    text = (
        "Troopers said the crash happened at about 5:20 p.m. Saturday on County Road 14 "
        "north of Ault, at an intersection."
    )
    (crash,) = extract_events(
        article(text, published=dt.date(2023, 8, 14)), _places({"Ault": "city"}, text)
    )
    assert crash.date_iso == "2023-08-12"
    assert [(p.mention.surface, p.role) for p in crash.places] == [("Ault", "site")]


@pytest.mark.parametrize(
    "head",
    [
        "ANCONA, OCT 3 - ",
        "(ANSA) - ANCONA, OCT 3 - ",
        "(AP) — ANCONA, OCT 3 - ",
        # the agency's name alone ends it, as CNA writes it
        "Ancona, Oct. 3 (ANSA) ",
    ],
)
def test_a_wire_datelines_filing_date_is_no_date_of_the_event(head) -> None:
    text = f"{head}The Misa river broke its banks in Senigallia yesterday."
    (flood,) = extract_events(
        article(text, published=dt.date(2024, 10, 3)), _places({"Senigallia": "city"}, text)
    )
    assert flood.date_iso == "2024-10-02"


def test_a_day_before_a_possessive_is_a_time_not_a_clause() -> None:
    text = (
        "A student was seriously injured when a car hit him in the parking lot of a school "
        "after Friday night's football game, and the driver did not stop."
    )
    (event,) = extract_events(article(text, published=dt.date(2022, 10, 1)), [])
    assert event.date_iso == "2022-09-30"


def test_a_sentence_saying_where_it_happened_leaves_a_placed_event_alone() -> None:
    text = "A man was shot in Herat on Monday. It happened in Kandahar."
    events = extract_events(article(text), _places({"Herat": "city", "Kandahar": "city"}, text))
    assert [[p.mention.surface for p in e.places] for e in events] == [["Herat"]]


def test_selector_places_an_event_at_a_name_no_gazetteer_holds() -> None:
    from geo.events.locator import unknown_candidates

    text = (
        "The 50-year-old widow was found murdered at her Reshimbagh residence on Saturday "
        "evening, police in Kandahar said."
    )
    known = _places({"Kandahar": "city"}, text)
    extra, sources = unknown_candidates(text, known)
    pool = sorted([*known, *extra], key=lambda m: m.start)
    [event] = extract_events(article(text), pool, sources=sources)
    assert [(p.mention.surface, p.mention.place) for p in event.places] == [("Reshimbagh", None)]
    # the wide net of capitalised names is the selector's alone: the rules never use it
    [event] = extract_events(article(text), pool, sources=sources, selector=None)
    assert event.places == ()


def test_selector_keeps_the_legs_of_a_movement() -> None:
    # the annotated news the model learned from marks where events happened, not the legs
    # of a movement: alone, it drops all three places of this route
    text = "The jets had flown from Russia via Iran and Syria."
    names = {"Russia": "country", "Iran": "country", "Syria": "country"}
    [event] = extract_events(article(text), _places(names, text))
    assert [(p.mention.surface, p.role) for p in event.places] == [
        ("Russia", "origin"),
        ("Iran", "via"),
        ("Syria", "via"),
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


def town(text: str, surface: str) -> Mention:
    start = text.index(surface)
    place = Place("test:sirte", "Sirte", 31.2, 16.6, "city", "LY")
    return Mention("t", start, start + len(surface), surface, place=place)


DATELINED = (
    "Man shot outside store\n"
    "By Jane Smith, Staff Writer\n"
    "SIRTE, Libya — A 24-year-old man was shot early Tuesday outside a store, police said.\n"
    "Officers arrested a suspect on Wednesday.\n"
)


def test_a_lead_event_without_a_place_sits_at_the_dateline_town() -> None:
    text = DATELINED
    events = extract_events(article(text), [town(text, "SIRTE")])
    shot = next(e for e in events if e.trigger == "shot" and e.quote.startswith("SIRTE"))
    assert [(p.mention.surface, p.role) for p in shot.places] == [("SIRTE", "site")]
    assert shot.date_iso == "2021-01-26"  # the Tuesday before a Thursday publication
    # a later paragraph says nothing about where: the dateline is not guessed there
    arrest = next(e for e in events if e.trigger == "arrested")
    assert arrest.places == ()


def test_a_lead_event_with_its_own_place_keeps_it() -> None:
    text = "SIRTE, Libya — Gunmen killed two men in Misrata on Tuesday.\n"
    (event,) = extract_events(article(text), [town(text, "SIRTE"), *mentions(text)])
    assert [p.mention.surface for p in event.places] == ["Misrata"]


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot on Tuesday, police in SIRTE said.\n",  # not at the start of a line
        "Man shot\nSIRTE police said a man was shot on Tuesday.\n",  # no dash or colon after it
    ],
)
def test_a_name_elsewhere_is_no_dateline(text: str) -> None:
    assert dateline_mention([town(text, "SIRTE")], text) is None


def test_a_headline_event_is_the_lead_event_told_again() -> None:
    text = (
        "Gunmen killed in Misrata\n"
        "Gunmen were killed on Tuesday, officials said.\n"
        "Troops withdrew from Sirte.\n"
    )
    a = article(text, title="Gunmen killed in Misrata")
    events = extract_events(a, mentions(text))
    assert [e.event_id for e in events] == [f"t:e{n}" for n in range(1, len(events) + 1)]
    (killing,) = [e for e in events if e.event_type == "killing"]
    assert killing.quote.startswith("Gunmen were killed")  # the body's event, with its date
    assert killing.date_iso == "2021-01-26"
    assert [p.mention.surface for p in killing.places] == ["Misrata"]  # from the headline
    # without a title the first line is a sentence like any other
    untitled = extract_events(article(text), mentions(text))
    assert len([e for e in untitled if e.event_type == "killing"]) == 2


def test_a_headline_rescue_is_the_accident_the_lead_tells() -> None:
    title = "Farmer rescued near Hoxie"
    lead = (
        "A Sheridan County man is recovering after he was trapped up to his chest in wheat "
        "inside a grain bin Monday afternoon on a farm about four miles west of Hoxie."
    )
    text = f"{title}\n{lead}\n"
    kansas = {"Hoxie": ("city", "US"), "Sheridan County": ("county", "US")}
    events = extract_events(
        article(text, dt.date(2023, 7, 18), title=title), mentions(text, kansas)
    )
    assert [(e.event_type, e.date_iso, [p.mention.surface for p in e.places]) for e in events] == [
        ("accident", "2023-07-17", ["Hoxie"])
    ]
    # a rescue the body tells is the headline's twin; the accident keeps its own places
    body = f"{title}\nA man was rescued on Monday.\nA bus crashed in Misrata on Sunday.\n"
    places = {**kansas, "Misrata": ("city", "LY")}
    events = extract_events(
        article(body, dt.date(2023, 7, 18), title=title), mentions(body, places)
    )
    assert [(e.event_type, [p.mention.surface for p in e.places]) for e in events] == [
        ("rescue", ["Hoxie"]),
        ("accident", ["Misrata"]),
    ]


@pytest.mark.parametrize(
    ("second", "dated"),
    [
        # the new paragraph goes on about the lead's attackers: the lead's day is theirs
        ("The attackers struck Kandahar shortly before dawn.", True),
        ("The gunmen fled on motorbikes after attacking Kandahar.", True),
        # a new paragraph about anything else keeps no date it does not give
        ("Insurgents have attacked Kandahar often.", False),
    ],
)
def test_a_paragraph_going_on_about_the_lead_takes_its_day(second, dated) -> None:
    text = f"Gunmen killed nine people in a raid in Helmand on Tuesday.\n\n{second}"
    names = {"Helmand": "admin1", "Kandahar": "city"}
    events = extract_events(article(text), _places(names, text))
    later = [e for e in events if e.quote_start > text.index("\n")]
    assert later
    expected = dt.date(2021, 1, 26) if dated else None
    assert all(e.date == expected for e in later), [(e.trigger, e.date) for e in later]


def test_two_states_of_one_thing_are_one_clause() -> None:
    # "cold but unhurt" does not cut the clause that dates the "while" before it
    text = "A man who went missing while hiking was found cold but unhurt on Sunday."
    (event,) = extract_events(article(text, dt.date(2020, 6, 1), "day"), [])
    assert (event.trigger, event.date_iso) == ("went missing", "2020-05-31")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the response of the clause before "after" went where the incident was
        (
            "About 200 people were evacuated from a Kandahar arena on Friday evening after an "
            "ammonia leak in the plant.",
            ("2020-05-29", ["Kandahar"]),
        ),
        (
            "Police were called to a home in Kandahar on Sunday after a woman was found stabbed.",
            ("2020-05-31", ["Kandahar"]),
        ),
        # being airlifted is a response too: "airlifted ... Friday after a serious fall"
        (
            "A man was airlifted to hospital Friday afternoon after a serious fall at a resort "
            "west of Kandahar.",
            ("2020-05-29", ["Kandahar"]),
        ),
        # so is a disruption: "Voting was disrupted ... yesterday after supporters clashed"
        (
            "Voting was disrupted at polling units in Kandahar yesterday after supporters of "
            "two parties clashed.",
            ("2020-05-31", ["Kandahar"]),
        ),
        # and a road closed for the crash: "was closed ... this morning after a collision"
        (
            "A section of the highway near Kandahar was closed for several hours this morning "
            "after a collision between a car and a camper van.",
            ("2020-06-01", ["Kandahar"]),
        ),
        ("Police closed the road on Sunday after a crash.", ("2020-05-31", [])),
        # "following reports of" as "after"; the response went *to* the place
        (
            "On Sunday, crews were called to a home on Maughan Street, Kandahar, about 50km "
            "south-east of Herat, following reports of a structure fire.",
            ("2020-05-31", ["Maughan Street"]),
        ),
        # with no response before it, "after" opens an event of its own
        ("A man was sad on Friday after an ammonia leak.", (None, [])),
    ],
)
def test_an_incident_after_a_response_takes_its_day_and_place(text, expected) -> None:
    names = {"Kandahar": "city", "Herat": "city", "Maughan Street": "street"}
    found = _places({n: k for n, k in names.items() if n in text}, text)
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), found)
    triggers = (
        "leak",
        "stabbed",
        "serious fall",
        "clashed",
        "structure fire",
        "collision",
        "crash",
    )
    (incident,) = [e for e in events if e.trigger in triggers]
    assert (incident.date_iso, [p.mention.surface for p in incident.places]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Detectives are investigating a serious assault which occurred in Kandahar on Friday.",
        "Police are looking into a stabbing that happened in Kandahar on Friday night.",
    ],
)
def test_a_relative_clause_says_when_the_event_happened(text: str) -> None:
    found = _places({"Kandahar": "city"}, text)
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), found)
    assert [(e.date_iso, [p.mention.surface for p in e.places]) for e in events] == [
        ("2020-05-29", ["Kandahar"])
    ]


def test_a_headline_under_the_sites_name_and_menu_is_the_lead_told_again() -> None:
    text = (
        "Kandahar Police Force\n"
        "Media releases | Wanted | Community\n"
        "Investigation after house fire – Kandahar\n\n"
        "Tuesday, 06 February 2024\n\n"
        "A crime scene has been set up after a house fire early this morning.\n"
    )
    a = article(text, dt.date(2024, 2, 6), title="Investigation after house fire – Kandahar")
    at = text.index("– Kandahar") + 2
    town = Place("test:Kandahar", "Kandahar", 0.0, 0.0, "city", "AF")
    events = extract_events(a, [Mention("t", at, at + 8, "Kandahar", place=town)])
    fires = [e for e in events if e.event_type == "accident"]
    assert [(e.date_iso, [p.mention.surface for p in e.places]) for e in fires] == [
        ("2024-02-06", ["Kandahar"])
    ]


@pytest.mark.parametrize(
    "lead",
    [
        "KANDAHAR, May 31 — ",
        "KANDAHAR, May 31 (Agency) -- ",
        "KANDAHAR, Jun. 1 - ",
        "Kandahar, May 31: ",
    ],
)
def test_a_datelines_filing_date_is_not_the_events(lead: str) -> None:
    text = (
        lead
        + "At least nine people were killed after a bus plunged into a river early on Saturday."
    )
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), [])
    assert [(e.trigger, e.date_iso) for e in events] == [
        ("killed", "2020-05-30"),
        ("plunged into", "2020-05-30"),
    ]


def test_a_clause_before_a_gerund_tells_when() -> None:
    text = "A ferry sank shortly before reaching the port on Monday night, officials said."
    (event,) = extract_events(article(text, dt.date(2020, 6, 2), "day"), [])
    assert (event.trigger, event.date_iso) == ("sank", "2020-06-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the explosion destroyed is the explosion: one incident
        (
            "A man is fighting for life after an explosion destroyed a house.\n"
            "Emergency services were called to the home in Kandahar about 5.40am on Sunday.",
            ("explosion", "2020-05-31", ["Kandahar"]),
        ),
        # a long subject before "were called"
        (
            "Police are appealing for information after a barn fire on a farm.\n"
            "Officers and crews from Mid and West Wales Fire and Rescue Service were called to "
            "the farm, west of Kandahar, between 01:00 and 02:00 on Monday 25 May.",
            ("fire", "2020-05-25", ["Kandahar"]),
        ),
    ],
)
def test_the_call_out_dates_and_places_the_incident_before_it(text, expected) -> None:
    events = extract_events(
        article(text, dt.date(2020, 6, 1), "day"), _places({"Kandahar": "city"}, text)
    )
    assert [(e.trigger, e.date_iso, [p.mention.surface for p in e.places]) for e in events] == [
        expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # written while the services are there: the day it was posted
        ("Emergency services are at the scene of a serious crash on Highway 2.", "2020-06-01"),
        ("Firefighters are battling a large blaze at a warehouse.", "2020-06-01"),
        # "fighting for his life" says nothing of when the stabbing was
        ("A man is fighting for his life after a stabbing.", None),
    ],
)
def test_a_report_of_services_at_the_scene_is_of_its_day(text, expected) -> None:
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), [])
    assert [e.date_iso for e in events][-1] == expected


def test_the_call_out_leaves_a_dated_event_its_day() -> None:
    text = "A man was shot on Friday.\nPolice were called to Kandahar at 2am on Sunday."
    (event,) = extract_events(
        article(text, dt.date(2020, 6, 1), "day"), _places({"Kandahar": "city"}, text)
    )
    assert (event.date_iso, [p.mention.surface for p in event.places]) == (
        "2020-05-29",
        ["Kandahar"],
    )


def test_the_hospitals_town_gives_way_to_the_scene() -> None:
    from geo.events import _drop_care_places
    from geo.events.lexicon import event_type_of
    from geo.model import EventPlace

    text = "A tourist is in hospital in Herat after being stabbed in Kandahar."
    herat, kandahar = (
        EventPlace(m, "site") for m in _places({"Herat": "city", "Kandahar": "city"}, text)
    )
    attack, transfer = event_type_of("stabbed"), event_type_of("taken to")
    assert _drop_care_places([herat, kandahar], text, attack) == [kandahar]
    assert _drop_care_places([herat], text, attack) == [herat]  # the only place stays
    assert _drop_care_places([herat, kandahar], text, transfer) == [herat, kandahar]
    # the hospital named after its town
    text = "A tourist is in Herat Royal Infirmary after being stabbed in Kandahar."
    herat, kandahar = (
        EventPlace(m, "site") for m in _places({"Herat": "city", "Kandahar": "city"}, text)
    )
    assert _drop_care_places([herat, kandahar], text, attack) == [kandahar]


def test_the_courts_town_gives_way_to_the_scene() -> None:
    from geo.events import _drop_care_places
    from geo.events.lexicon import event_type_of
    from geo.model import EventPlace

    text = (
        "A man is due in the Herat District Court after a man was stabbed outside a bar in "
        "Kandahar. An inquest at Herat Coroner's Court heard he drowned in Kandahar."
    )
    herat, kandahar = (
        EventPlace(m, "site") for m in _places({"Herat": "city", "Kandahar": "city"}, text)
    )
    assert _drop_care_places([herat, kandahar], text, event_type_of("stabbed")) == [kandahar]
    assert _drop_care_places([herat], text, event_type_of("stabbed")) == [herat]
    i = text.index("Herat Coroner")
    herat2 = EventPlace(dataclasses.replace(herat.mention, start=i, end=i + 5), "site")
    assert _drop_care_places([herat2, kandahar], text, event_type_of("drowned")) == [kandahar]


def test_a_town_before_a_person_is_where_the_person_is_from() -> None:
    from geo.events import _select
    from geo.events.lexicon import find_triggers
    from geo.events.sentences import split_sentences

    class Picks:  # a selector that takes the named candidates as sites
        def __init__(self, *names: str) -> None:
            self.names = names

        def select(self, text, trigger, mentions, **_):
            return [(m, "site") for m in mentions if m.surface in self.names]

    def chosen(text: str, names: tuple[str, ...], selector: Picks) -> list[str]:
        [sentence] = split_sentences(text)
        killing = next(t for t in find_triggers(text) if t.event_type.name == "killing")
        mentions = _places(dict.fromkeys(names, "city"), text)
        return [m.surface for m, _ in _select(selector, text, sentence, killing, mentions, {})]

    # "a Denver ski instructor" was killed near Vail
    text = (
        "A man who drove the wrong way near Vail on Christmas Eve 2021, killing a Denver ski "
        "instructor, was sentenced to 12 years in prison Monday."
    )
    both = ("Vail", "Denver")
    assert chosen(text, both, Picks("Vail", "Denver")) == ["Vail"]
    # the rules find the scene the selector missed
    assert chosen(text, both, Picks("Denver")) == ["Vail"]
    # alone, the home town is the best there is
    assert chosen(text, ("Denver",), Picks("Denver")) == ["Denver"]
    # after a preposition of place, a town is a place: "in Denver men's shelter"
    text = "A man was killed in Denver men's shelter, not far from Vail."
    assert sorted(chosen(text, both, Picks("Denver", "Vail"))) == ["Denver", "Vail"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day of the hearing is not the day of the crime ...
        (
            "Culligan was due to stand trial in Kandahar today, charged with the murder of "
            "Patrick Lynch, 33, on Frances Street, Kandahar, on May 6th last year.",
            "2019-05-06",
        ),
        ("A man appeared in court on Monday charged with murder.", None),
        (
            "Jurors in a Kandahar courtroom heard opening statements Monday in the trial of a "
            "man accused of killing a shopkeeper.",
            None,
        ),
        # ... but it is the day of an arrest
        ("A man was arrested on Monday and appeared in court.", "2020-06-01"),
    ],
)
def test_a_court_date_does_not_date_the_crime(text: str, expected: str | None) -> None:
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), [])
    assert events[0].date_iso == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day in the possessive is the attack's; the protest's is "late on Friday"
        (
            "A protest against Thursday's gun attack in Kandahar turned violent late on Friday.",
            [("protest", "2020-05-29"), ("attack", "2020-05-28")],
        ),
        # with no other day in the clause, the blast's day is the killing's too
        (
            "Sunday's blast killed four people in Kandahar.",
            [("explosion", "2020-05-31"), ("killing", "2020-05-31")],
        ),
    ],
)
def test_a_day_in_the_possessive_belongs_to_the_incident_after_it(text, expected) -> None:
    events = extract_events(article(text, dt.date(2020, 6, 1), "day"), [])
    assert [(e.event_type, e.date_iso) for e in events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day before "that" is the statement's; the crash's is the one it is told on
        ("Police said in a release Tuesday that the crash happened on May 27.", "2020-05-27"),
        # with no other day in the clause, the statement's day stays the best clue
        ("Police said Tuesday that a man was shot.", "2020-05-26"),
    ],
)
def test_a_day_before_that_is_the_statements(text, expected) -> None:
    [event] = extract_events(article(text, dt.date(2020, 5, 28), "day"), [])
    assert event.date_iso == expected


_TOLL = (
    "The number of people killed in the collapse of a building in Kandahar rose to six on Tuesday. "
)


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # the next sentence tells the collapse again, on its day and at no other place
        (
            "The building, home to eight families, collapsed at around 10:40 PM on Friday, May 29.",
            [("killing", "2020-05-29"), ("accident", "2020-05-29"), ("accident", "2020-05-29")],
        ),
        # an indefinite opening turns to another collapse; so does another place
        (
            "A building collapsed in Herat on Friday, May 29.",
            [("killing", None), ("accident", None), ("accident", "2020-05-29")],
        ),
        (
            "The building in Herat collapsed on Friday, May 29.",
            [("killing", None), ("accident", None), ("accident", "2020-05-29")],
        ),
    ],
)
def test_a_follow_up_takes_the_day_the_next_sentence_tells_the_incident(second, expected) -> None:
    text = _TOLL + second
    names = {n: k for n, k in _KANDAHAR_HERAT.items() if n in text}
    events = extract_events(article(text, dt.date(2020, 6, 3), "day"), _places(names, text))
    # the toll rose on Tuesday; that is no day of the collapse nor of the killings
    assert [(e.event_type, e.date_iso) for e in events] == expected
    assert [p.mention.surface for p in events[1].places] == ["Kandahar"]


def test_a_killing_told_again_as_the_attack_it_was() -> None:
    text = (
        "Hundreds gathered in Kandahar last night to remember a boy who was stabbed to death "
        "there one week earlier. Jaden Okafor was found with stab wounds shortly after 8pm on "
        "Sunday, May 24."
    )
    events = extract_events(
        article(text, dt.date(2020, 6, 1), "day"), _places({"Kandahar": "city"}, text)
    )
    assert [(e.event_type, e.date_iso, [p.mention.surface for p in e.places]) for e in events] == [
        ("killing", "2020-05-24", ["Kandahar"]),
        ("attack", "2020-05-24", ["Kandahar"]),
    ]


def test_a_death_told_again_as_the_crash_it_was() -> None:
    text = (
        "A young man died after his car left the road outside Kandahar, an inquest has heard. "
        "His car went out of control on the N17 at Knock Road on the night of Saturday, "
        "March 4."
    )
    at = text.index("Knock Road")
    road = Mention("t", at, at + len("Knock Road"), "Knock Road")  # no gazetteer entry
    found = [*_places({"Kandahar": "city"}, text), road]
    events = extract_events(article(text, dt.date(2023, 8, 22), "day"), found)
    died = next(e for e in events if e.event_type == "killing")
    # the crash on its day is the death the lead tells, and the road no other place
    assert (died.date_iso, [p.mention.surface for p in died.places]) == ("2023-03-04", ["Kandahar"])


_KANDAHAR_HERAT = {"Kandahar": "city", "Herat": "city"}


def test_a_rescue_happened_where_its_after_clause_says() -> None:
    text = (
        "Three men were brought safely to shore on Saturday evening after their boat began "
        "taking on water off Kandahar."
    )
    (event,) = extract_events(
        article(text, dt.date(2020, 6, 1), "day"), _places({"Kandahar": "city"}, text)
    )
    assert (event.event_type, event.date_iso, [p.mention.surface for p in event.places]) == (
        "rescue",
        "2020-05-30",
        ["Kandahar"],
    )


def test_a_flood_took_place_when_the_downpour_did() -> None:
    text = "Families were left homeless after flash floods swept through Kandahar following a "
    text += "heavy downpour on Monday."
    events = extract_events(
        article(text, dt.date(2020, 6, 3), "day"), _places({"Kandahar": "city"}, text)
    )
    assert [(e.trigger, e.date_iso) for e in events] == [("flash floods", "2020-06-01")]


def test_the_next_sentence_about_the_same_person_dates_the_lead() -> None:
    text = (
        "A skier was seriously injured after falling on the slopes near Kandahar.\n"
        "The woman, believed to be in her 20s, was skiing on Tuesday afternoon when she fell "
        "and hit a fence."
    )
    events = extract_events(
        article(text, dt.date(2020, 6, 4), "day"), _places({"Kandahar": "city"}, text)
    )
    lead = [(e.trigger, e.date_iso) for e in events if e.quote_start == 0]
    assert lead == [("injured", "2020-06-02"), ("falling on", "2020-06-02")]
    # a sentence about someone else leaves the lead undated
    other = text.replace("The woman, believed", "A spokesman, believed")
    events = extract_events(
        article(other, dt.date(2020, 6, 4), "day"), _places({"Kandahar": "city"}, other)
    )
    assert [e.date_iso for e in events if e.quote_start == 0] == [None, None]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # the next sentence sets the scene on a day, telling no event of its own
        (
            "The 29-year-old was walking along the high street at around 4.10pm on Tuesday, "
            "February 7, when two men on a moped mounted the pavement.",
            "2023-02-07",
        ),
        ("She was waiting at a bus stop on Tuesday when two men rode up.", "2023-02-07"),
        ("The 45-year-old had set out from the bay on the afternoon of February 7.", "2023-02-07"),
        # a day with no scene to it, or one about someone else, is not the incident's
        ("She will appear in court on Tuesday.", None),
        ("A spokesman was speaking on Tuesday when he said so.", None),
    ],
)
def test_the_next_sentence_setting_the_scene_dates_the_lead(second, expected) -> None:
    text = "A woman was punched in the face by a moped gang in Kandahar.\n" + second
    events = extract_events(
        article(text, dt.date(2023, 2, 9), "day"), _places({"Kandahar": "city"}, text)
    )
    assert [(e.trigger, e.date_iso) for e in events if e.quote_start == 0] == [
        ("punched", expected)
    ]


def test_the_fighting_told_next_is_the_killing_before_it() -> None:
    text = (
        "Six men have been killed in a tribal fight in villages outside Kandahar.\n"
        "The fighting broke out on Monday morning after a dispute escalated."
    )
    events = extract_events(
        article(text, dt.date(2023, 10, 18), "day"), _places({"Kandahar": "city"}, text)
    )
    got = [(e.event_type, e.date_iso, [p.mention.surface for p in e.places]) for e in events]
    assert got[0] == ("killing", "2023-10-16", ["Kandahar"])
    assert ("clash", "2023-10-16", ["Kandahar"]) in got


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "A burglar who raided a holiday cottage in Mevagissey has been jailed. "
            "Dean Trevail, 34, was sentenced at Truro Crown Court yesterday. "
            "The court heard that Trevail got in through an unlocked kitchen door on the night "
            "of Saturday, January 14.",
            dt.date(2023, 5, 12),
            dt.date(2023, 1, 14),
        ),
        (
            "Three men accused of robbing an elderly couple at their home in Stanford were back "
            "in court on Monday. According to the police, the three entered the couple's home "
            "at about 20:00 on the evening of Sunday, 17 December.",
            dt.date(2024, 2, 29),
            dt.date(2023, 12, 17),
        ),
        (
            # as the jury heard it from the prosecutor
            "A man stabbed a stranger after a row over a taxi in Halifax, a jury has heard. "
            "Prosecutor Rachel Oldroyd told jurors that Greaves had been drinking in the town "
            "centre on the night of Friday, October 13.",
            dt.date(2024, 4, 25),
            dt.date(2023, 10, 13),
        ),
        (
            # the month of the lead holds the day retold
            "Police have arrested a youth in connection with a burglary at a cottage in "
            "Kodaikanal last month. On the night of November 23, the accused allegedly broke "
            "open the rear door.",
            dt.date(2019, 12, 12),
            dt.date(2019, 11, 23),
        ),
    ],
)
def test_a_hearing_report_takes_the_day_the_court_or_police_retell(text, published, day) -> None:
    names = {n: "city" for n in ("Mevagissey", "Stanford", "Kodaikanal", "Halifax") if n in text}
    events = extract_events(article(text, published), _places(names, text))
    incident = next(e for e in events if e.places and e.event_type in ("robbery", "attack"))
    assert (incident.date, incident.date_precision) == (day, "day")


@pytest.mark.parametrize(
    "second",
    [
        # the day a statement was made, an arrest's day, a hearing's day, a later month
        "Police said on Tuesday that the cottage had been empty.",
        "Police said they arrested him on 4 January.",
        "The court heard that he was remanded on 4 January.",
        "The court heard that he had been drinking on 4 October.",
    ],
)
def test_a_retelling_gives_no_day_of_something_else(second) -> None:
    text = "A youth has been charged over a burglary at a cottage in Kodaikanal last month. "
    text += second
    events = extract_events(
        article(text, dt.date(2019, 12, 12)), _places({"Kodaikanal": "city"}, text)
    )
    incident = next(e for e in events if e.places and e.event_type in ("robbery", "attack"))
    assert incident.date_precision != "day"


@pytest.mark.parametrize(
    ("second", "day"),
    [
        # the incident's own day, earlier than the rescue's: it wins
        ("The collapse happened at around 9:30pm on Saturday, August 31.", "2024-08-31"),
        ("The accident is believed to have occurred late on Saturday.", "2024-08-31"),
        # as someone said it
        ("Commissioner Kelvin Sakala said the incident happened on 31 August.", "2024-08-31"),
        ("A spokesman told reporters that the collapse occurred on Saturday.", "2024-08-31"),
        # "It happened ...": no telling which event it means
        ("It happened at around 9:30pm on Saturday, August 31.", "2024-09-03"),
        # a later day, or one weeks before, is something else
        ("The collapse happened on Wednesday, September 4.", "2024-09-03"),
        ("The collapse happened on Saturday, June 1.", "2024-09-03"),
    ],
)
def test_the_day_a_later_sentence_says_the_incident_happened(second, day) -> None:
    text = (
        "Rescue teams were working on Tuesday to reach two contractors trapped by a rockfall "
        "at a copper mine in Tierra Amarilla. " + second
    )
    events = extract_events(
        article(text, dt.date(2024, 9, 5)), _places({"Tierra Amarilla": "town"}, text)
    )
    incident = next(e for e in events if e.places and e.event_type == "accident")
    assert incident.date_iso == day


def test_a_fire_takes_the_day_it_broke_out_from_its_relative_clause() -> None:
    text = (
        "Firefighters spent a second night around the Old Station Road fire, which has burnt "
        "1200 hectares since it broke out on the outskirts of Kempsey on Saturday afternoon."
    )
    events = extract_events(article(text, dt.date(2024, 11, 4)), _places({"Kempsey": "town"}, text))
    fire = next(e for e in events if e.event_type == "accident")
    assert fire.date_iso == "2024-11-02"


@pytest.mark.parametrize(
    ("second", "day", "sites"),
    [
        # "The fire ..." goes on telling the wildfire: place and day are shared
        ("The fire started in a wooded area on the edge of Keratea.", "2023-08-15", ["Keratea"]),
        # so does "X said the storm ..."
        (
            "The Fire Service said the fire started in a wooded area on the edge of Keratea.",
            "2023-08-15",
            ["Keratea"],
        ),
        # an indefinite one may be another: its place stays its own
        ("A fire started in a wooded area on the edge of Keratea.", "2023-08-15", []),
    ],
)
def test_a_definite_sequel_is_the_same_incident(second, day, sites) -> None:
    text = "A wildfire that broke out on Tuesday afternoon was contained. " + second
    events = extract_events(article(text, dt.date(2023, 8, 17)), _places({"Keratea": "town"}, text))
    first, sequel = [e for e in events if e.event_type == "accident"]
    assert first.date_iso == "2023-08-15"
    assert (sequel.date_iso, [p.mention.surface for p in first.places]) == (day, sites)


def test_a_disaster_and_its_collapse_are_one_incident() -> None:
    text = (
        "A landslide at a jade mine in Kachin state early Monday buried dozens of workers. "
        "The heap of mining waste collapsed into a lake near Hpakant at about 4 a.m."
    )
    events = extract_events(
        article(text, dt.date(2023, 8, 14)), _places({"Kachin": "state", "Hpakant": "town"}, text)
    )
    landslide, collapse = events
    assert (landslide.event_type, collapse.event_type) == ("disaster", "accident")
    assert [p.mention.surface for p in collapse.places] == ["Hpakant"]
    assert collapse.date_iso == landslide.date_iso == "2023-08-14"


def test_a_time_with_a_colon_is_no_dateline() -> None:
    text = (
        "Yesterday, 3 March, around 19:40, Russian forces attacked Bilopillia with a drone, "
        "the administration reported."
    )
    events = extract_events(
        article(text, dt.date(2025, 3, 4)), _places({"Bilopillia": "town"}, text)
    )
    assert [(e.event_type, e.date_iso) for e in events] == [("attack", "2025-03-03")]


def test_a_place_before_a_time_word_is_no_modifier() -> None:
    text = "A protest by workers turned violent at Liberty Square late on Friday."
    assert not is_modifier(
        text, Mention("t", 39, 53, "Liberty Square"), (text.index("protest"), text.index(" by"))
    )


def test_a_dateline_town_is_where_the_report_was_filed_not_the_event() -> None:
    text = (
        "Bishkek - KG-24. A mudflow that hit the town of Mailuu-Suu on Saturday night "
        "breached the embankment of a tailings dump, the ministry said."
    )
    events = extract_events(
        article(text, dt.date(2020, 5, 12)),
        _places({"Bishkek": "city", "Mailuu-Suu": "town"}, text),
    )
    sites = {p.mention.surface for e in events for p in e.places}
    assert sites == {"Mailuu-Suu"}


def test_the_town_of_a_name_refers_to_that_name_not_back() -> None:
    text = (
        "Rescuers flew in from Osh. A mudflow then hit the town of Mailuu-Suu, which the "
        "gazetteer lacks, on Saturday."
    )
    events = extract_events(article(text, dt.date(2020, 5, 12)), _places({"Osh": "city"}, text))
    hazard = next(e for e in events if e.event_type == "disaster")
    assert [p.mention.surface for p in hazard.places] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the towns a road is named by are not where on it the crash was
        (
            "Two men were killed when their car veered off the Limassol–Paphos motorway "
            "near Pissouri.",
            ["Pissouri"],
        ),
        ("A bus crashed on the Kabul-Jalalabad highway near Sarobi.", ["Sarobi"]),
        # with no other place they are all the sentence says
        ("A bus crashed on the Kabul–Jalalabad highway.", ["Kabul"]),
    ],
)
def test_the_towns_a_road_is_named_by_are_no_site_beside_another_place(text, expected) -> None:
    names = {n: "city" for n in ("Limassol", "Paphos", "Pissouri", "Kabul", "Jalalabad", "Sarobi")}
    names = {n: k for n, k in names.items() if n in text}
    first, *_ = extract_events(article(text), _places(names, text))
    assert [p.mention.surface for p in first.places] == expected
