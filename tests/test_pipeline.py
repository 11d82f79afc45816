"""The pipeline joins recognition, resolution and events on one article."""

from __future__ import annotations

import re

import pytest

from geo.toponyms import SITE_NAME

pytestmark = pytest.mark.slow


def test_unknown_place_of_an_event_is_kept_as_unresolved(geoparser):
    parsed = geoparser.parse_text(
        "Four civilians were killed in barrel bomb attacks on the neighborhood of Alsaliheen "
        "on Friday. Troops loyal to Khalifa Haftar later withdrew, backed by Haftar's allies."
    )
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces["Alsaliheen"].place is None  # listed, so the user can add it
    assert any(ep.mention.surface == "Alsaliheen" for e in parsed.events for ep in e.places)
    assert "Haftar" not in surfaces  # a surname is no place


def test_only_the_unknown_names_an_event_uses_become_mentions(geoparser):
    parsed = geoparser.parse_text(
        "Gunmen killed two farmers in the village of Tse-Usenda on Monday. "
        "Residents of Ugbokolo and Zaki-Biam mourned."
    )
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces["Tse-Usenda"].place is None
    assert surfaces["Tse-Usenda"].article_id == parsed.article.id
    # capitalised names of a sentence without an event are never proposed
    assert "Gunmen" not in surfaces and "Residents" not in surfaces
    assert "Ugbokolo" not in surfaces


def test_parse_text_without_events_reports_only_gazetteer_places(gazetteer_index):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "Shelling hit the neighborhood of Alsaliheen near Aleppo."
    )
    assert [m.place.name for m in parsed.mentions if m.place] == ["Aleppo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue of one mention makes the bare one later in the article a place too
        (
            "Troops overran al Watiya airbase on Monday. The loss of al Watiya was a blow.",
            ["al Watiya", "al Watiya"],
        ),
        # alone, the bare name is too weak to be taken for a place
        ("The loss of al Watiya was a blow.", []),
    ],
)
def test_a_name_established_once_is_a_place_throughout(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert [m.surface for m in parsed.mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a mid-sized city named once, with no other place for context: the preposition
        # says it is a place ...
        ("Shots were fired in Newark on Monday.", ["Newark"]),
        ("The convoy left from Rockford.", ["Rockford"]),
        # ... and so does a verb whose object is a place
        ("Israel captured East Jerusalem in 1967.", ["Israel", "East Jerusalem"]),
        ("Artillery shelled Newark overnight.", ["Newark"]),
        # ... and so does a direction from it
        (
            "A Loveland man went missing just north of Estes Park. Police in Ireland said so.",
            ["Loveland", "Estes Park", "Ireland"],
        ),
        # ... and so does a noun only a place has
        ("The mayor of Newark said nothing.", ["Newark"]),
        ("Residents of Newark said nothing.", ["Newark"]),
        # ... which a name with no preposition before it does not get
        ("Newark said nothing.", []),
        ("Police questioned Newark residents.", []),
    ],
)
def test_a_locative_preposition_is_evidence_of_a_place(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert [m.surface for m in parsed.mentions if m.place] == expected


def test_a_name_does_not_run_into_a_weekday_or_a_month(gazetteer_index):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "Gunmen attacked the village of Tsebara on Monday and the town of Ugbokolo in May."
    )
    assert [m.surface for m in parsed.mentions] == ["Tsebara", "Ugbokolo"]


@pytest.mark.parametrize(
    ("text", "street", "named_for"),
    [
        (
            "A man was shot on Washington Street in Rockford on Tuesday.",
            "Washington Street",
            "Washington",
        ),
        ("The crash happened on Paris Road near Chalmette.", "Paris Road", "Paris"),
        (
            "Gunfire was reported in the 1200 block of West State Street.",
            "West State Street",
            "West State",
        ),
        ("Protesters gathered on Main St. in Springfield.", "Main St.", None),
        ("He was arrested at Jordan Park in Lagos.", "Jordan Park", "Jordan"),
        # Canadian and British addresses put a compass point after the street's head
        ("A man was stabbed on Dundas Street West near Bathurst.", "Dundas Street West", "Dundas"),
        (
            "Police were called to Markham Road and Eglinton Avenue East in Toronto.",
            "Markham Road and Eglinton Avenue East",
            "Markham",
        ),
    ],
)
def test_a_street_is_one_unresolved_place_not_the_place_it_is_named_for(
    gazetteer_index, text, street, named_for
):
    from geo.pipeline import Geoparser

    mentions = Geoparser(index=gazetteer_index, events=False).parse_text(text).mentions
    surfaces = {m.surface: m for m in mentions}
    assert surfaces[street].place is None
    assert surfaces[street].cue == "street"
    assert named_for is None or named_for not in surfaces


@pytest.mark.parametrize(
    ("text", "roads", "towns"),
    [
        ("A truck crashed on Highway 401 near Toronto.", ["Highway 401"], ["Toronto"]),
        ("Shots were fired on Route 9 in Newark.", ["Route 9"], ["Newark"]),
        # a division named before the road is part of its name, not a place of its own
        (
            "Traffic stopped on Illinois Route 159 and on I-95 near Edwardsville.",
            ["Illinois Route 159", "I-95"],
            ["Edwardsville"],
        ),
        ("The crash on County Road 35 killed two.", ["County Road 35"], []),
        # a route by its number alone, after a word that takes a road
        (
            "A woman died in a crash on U.S. 641 south of Paris, Tenn.",
            ["U.S. 641"],
            ["Paris", "Tenn."],
        ),
        ("Deputies found the car on SR 37 near Bedford, Ind.", ["SR 37"], ["Bedford", "Ind."]),
        # a sum of money is no road
        ("The U.S. 2 billion deal was signed.", [], ["U.S."]),
        # no number, no road: "Highway" is just a word here
        ("Highway officials in Ohio met.", [], ["Ohio"]),
        # a day before "on" is no part of the road's name
        ("The crash happened Saturday on County Road 14 in Ohio.", ["County Road 14"], ["Ohio"]),
    ],
)
def test_a_numbered_road_is_one_street_with_its_number(gazetteer_index, text, roads, towns):
    from geo.pipeline import Geoparser

    mentions = Geoparser(index=gazetteer_index, events=False).parse_text(text).mentions
    assert [m.surface for m in mentions if m.cue == "street"] == roads
    assert all(m.place is None for m in mentions if m.cue == "street")
    assert [m.surface for m in mentions if m.place is not None] == towns


@pytest.mark.parametrize(
    "text",
    [
        "on Highway 401",
        "on Hwy. 12",
        "on Hwy 12B",
        "U.S. Route 30",
        "State Highway 7",
        "Interstate 80",
        "on I-95",
        "County Road 35",
        "along SR 37",
        "off SH 6",
        "near CR 12",
        "onto US\t30",
        "on U.S.  641",
    ],
)
def test_the_road_hint_finds_every_numbered_road(text):
    # the hint is searched first and the road pattern only where it matched: a road form the
    # hint missed would silently be no road
    from geo.toponyms import _NUMBERED_ROAD, _ROAD_HINT

    assert _NUMBERED_ROAD.search(text)
    assert _ROAD_HINT.search(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a given name, a city of California and a county nobody else has: three counties
        (
            "The combined population of Douglas, Sarpy and Lancaster counties keeps growing.",
            [
                ("Douglas", "Douglas County", "Nebraska"),
                ("Sarpy", "Sarpy County", "Nebraska"),
                ("Lancaster", "Lancaster County", "Nebraska"),
            ],
        ),
        (
            "School boards in Barrow and Jackson counties cut jobs.",
            [("Barrow", "Barrow County", "Georgia"), ("Jackson", "Jackson County", "Georgia")],
        ),
        (
            "Troops moved into Diyala and Anbar provinces.",
            [("Diyala", "Diyala", "Diyala"), ("Anbar", "Anbar", "Anbar")],
        ),
        # a name the gazetteer lacks is still a province, reported unresolved
        (
            "Fighting spread to Anbar and Salahuddin provinces.",
            [("Anbar", "Anbar", "Anbar"), ("Salahuddin", None, None)],
        ),
    ],
)
def test_names_listed_before_a_plural_division_head_are_each_that_division(
    gazetteer_index, text, expected
):
    from geo.pipeline import Geoparser

    mentions = Geoparser(index=gazetteer_index, events=False).parse_text(text).mentions
    got = [(m.surface, m.place and m.place.name, m.place and m.place.admin1) for m in mentions]
    assert got == expected
    assert all(m.place is None or m.place.kind in ("admin1", "admin2") for m in mentions)


def test_a_plural_head_makes_no_list_of_divisions_when_an_item_is_none(gazetteer_index):
    from geo.pipeline import Geoparser

    parser = Geoparser(index=gazetteer_index, events=False)
    # the United States is no state, so "Gulf" is not read as a state either
    mentions = parser.parse_text("Envoys of the United States and Gulf states met.").mentions
    assert all(m.place is None or m.place.kind != "admin1" for m in mentions), mentions
    # no list of names before the head: the city stays a city
    (lancaster,) = parser.parse_text("Voters in Lancaster and nearby counties waited.").mentions
    assert lancaster.place is not None and lancaster.place.kind == "city"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the period of "St." no longer splits the name; "Louis" alone was a given name
        ("The game in St. Louis was close.", [("St. Louis", "St. Louis", "Missouri")]),
        ("Police in Ft. Worth said.", [("Ft. Worth", "Fort Worth", "Texas")]),
        # looked up in full too: only an alternate name of an Illinois town is "Mt. Vernon"
        (
            "A fire in Mt. Vernon, Ohio, destroyed a barn.",
            [("Mt. Vernon", "Mount Vernon", "Ohio"), ("Ohio", "Ohio", "Ohio")],
        ),
        # a saint's day, church or hospital is not a place
        ("Crowds marked St. Patrick's Day in Boston.", [("Boston", "Boston", "Massachusetts")]),
        ("The St. James' Church was listed.", []),
        # an apostrophe after the O of "O'" ("of the") does not end the name
        (
            "A crash in Land O’ Lakes, Florida.",
            [("Land O’ Lakes", "Land O' Lakes", "Florida"), ("Florida", "Florida", "Florida")],
        ),
    ],
)
def test_abbreviated_names_are_read_whole_and_looked_up_in_full(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    mentions = Geoparser(index=gazetteer_index, events=False).parse_text(text).mentions
    got = [(m.surface, m.place and m.place.name, m.place and m.place.admin1) for m in mentions]
    assert got == expected


def test_a_street_lies_in_the_town_named_after_it(gazetteer_index):
    from geo.pipeline import Geoparser, mention_record

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "A man was shot on Francis Street in Charleston, police said."
    )
    street, town = parsed.mentions
    # "in Charleston" after a street is a town, though the name is ambiguous on its own
    assert town.place is not None and town.place.country == "US"
    assert street.near is town
    record = mention_record(street)
    assert record["place_id"] is None  # still unresolved: the user can add it
    assert (record["lat"], record["lon"]) == (town.place.lat, town.place.lon)
    assert record["near"] == {"place_id": town.place.place_id, "name": town.place.name}
    assert mention_record(town)["near"] is None


def test_an_event_on_a_street_sits_in_its_town(geoparser):
    parsed = geoparser.parse_text("A man was shot on Washington Street in Rockford on Tuesday.")
    (event,) = parsed.events
    sites = [(p.located.name, p.precision) for p in event.places if p.located]
    assert sites and all(name == "Rockford" for name, _ in sites)


def test_a_big_city_beats_a_small_division_of_the_same_name(gazetteer_index):
    from geo.pipeline import Geoparser

    parser = Geoparser(index=gazetteer_index, events=False)
    (portland,) = parser.parse_text(
        "Hundreds marched through downtown Portland on Saturday."
    ).mentions
    assert (portland.place.country, portland.place.kind) == ("US", "city")  # not Jamaica's parish
    assert "city over same-name division" in portland.reason


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Police in Manchester arrested two men.", "GB"),  # not the parish of Jamaica
        ("A factory closed in Toledo on Monday.", "US"),  # not the district of Belize
        ("Shops reopened in Gaza on Monday.", "PS"),  # not the province of Mozambique
    ],
)
def test_a_small_division_does_not_outrank_a_city_of_its_name(gazetteer_index, text, country):
    (mention,) = _parse(gazetteer_index, text).mentions
    assert mention.place.country == country and mention.place.kind in ("city", "region")
    assert not any(
        "kind admin1" in c.reason for c in mention.candidates if c.place.kind == "admin1"
    )


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("Moscow denied the report on Monday.", False),
        ("Police in Manchester said two men were arrested.", True),  # where the police are
        ("Officials at Baghdad said the road was open.", True),
        ("Police in Springfield, Ill. said two men were hurt.", True),  # the town's state
    ],
)
def test_a_place_after_in_is_where_the_speaker_is_not_the_speaker(gazetteer_index, text, literal):
    *_, mention = _parse(gazetteer_index, text).mentions
    assert mention.literal is literal


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        # every name of a list that speaks is a speaker, not only the last
        ("Russia, China and Iran said they would veto it.", [False, False, False]),
        ("Iran and Saudi Arabia said talks went well.", [False, False]),
        # a state that strikes is an actor; the place struck is literal
        ("Ukraine struck a depot in Crimea.", [False, True]),
        ("Israel captured the Golan Heights from Syria in 1967.", [False, True, True]),
        ("Israel has captured or killed 15 militants.", [False]),
        # the passive, or "by" after the verb, is the place taken
        ("Kharkiv was struck by a drone.", [True]),
        ("Mosul captured by Iraqi troops after a long siege.", [True, False]),
        # where the police are, even at the end of a list; a cue makes it the place
        ("Police in Spain and France have captured 12 suspects.", [True, True]),
        ("Police in the western city of Cali captured two men.", [True]),
        # a plural noun in a headline is not a verb
        ("Gaza strikes continued overnight.", [True]),
    ],
)
def test_a_place_that_acts_is_an_actor(gazetteer_index, text, literal):
    assert [m.literal for m in _parse(gazetteer_index, text).mentions] == literal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a postal code after a town of its state is the state, and places the town
        ("FLINT, MI -- A woman was shot.", [("FLINT", "Michigan"), ("MI", "Michigan")]),
        ("A man was shot in Dayton, OH on Monday.", [("Dayton", "Ohio"), ("OH", "Ohio")]),
        (
            "SURREY, BC - A man was shot.",
            [("SURREY", "British Columbia"), ("BC", "British Columbia")],
        ),
        # states joined in a metropolitan area's name
        (
            "Trenton is part of the Chattanooga, Tennessee–GA Metropolitan Statistical Area.",
            [
                ("Trenton", "Georgia"),
                ("Chattanooga", "Tennessee"),
                ("Tennessee", "Tennessee"),
                ("GA", "Georgia"),
            ],
        ),
        # two capitals elsewhere are not a state
        ("The PA system failed.", []),
        ("GA officials met on Monday.", []),
        ("Dr. Jane Johnson, MD, said the wound was deep.", []),
        ("SHOOTING IN DAYTON, OH", [("DAYTON", "Ohio"), ("OH", "Ohio")]),
    ],
)
def test_a_postal_code_is_a_state_only_after_a_town_of_it(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place and m.place.admin1) for m in parsed.mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a locality of the dateline town's district, named like a town 1,300 km away
        ("LUDHIANA: A man was shot dead in Jamalpur area on Monday.", None),
        # a town of the district is still that town
        ("NAGPUR: A man was shot in Wardha area on Monday.", "Wardha"),
        # a big city's area is the region around it
        ("MADISON, Wis. -- Two men from Chicago area were arrested.", "Chicago"),
    ],
)
def test_an_area_of_a_datelined_report_lies_near_the_dateline_town(gazetteer_index, text, expected):
    *_, mention = _parse(gazetteer_index, text).mentions
    assert (mention.place and mention.place.name) == expected
    if expected is None:
        assert "lies in Ludhiana" in mention.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named after a person: no Hurley near Flint, so no place called Hurley is meant
        (
            "FLINT, Mich. -- A man was taken to Hurley Medical Center on Saturday.",
            [("FLINT", "Michigan"), ("Mich.", "Michigan")],
        ),
        # where the hospital is, said right after it, outranks the dateline
        (
            "DALLAS -- The boy was flown to Mayo Clinic in Rochester, Minn.",
            [("DALLAS", "Texas"), ("Rochester", "Minnesota"), ("Minn.", "Minnesota")],
        ),
        (
            "He was later moved to Loyola University Medical Center in Maywood, Ill.",
            [("Maywood", "Illinois"), ("Ill.", "Illinois")],
        ),
        # a big city known by that name only as another name of its is not exempt: the
        # queen's hospital in Belfast is no Victoria (Hong Kong)
        (
            "She was taken to the Royal Victoria Hospital in Belfast as a precaution.",
            [("Belfast", "Northern Ireland")],
        ),
        # named after the town: the namesake near the dateline wins
        (
            "PARIS, Texas -- She was taken to Paris Regional Medical Center.",
            [("PARIS", "Texas"), ("Texas", "Texas"), ("Paris", "Texas")],
        ),
        # with nothing to say where the hospital is, the name is read as before
        (
            "Floods hit Hurley and Ironwood; two were taken to Hurley Medical Center.",
            [("Hurley", "Wisconsin"), ("Ironwood", "Michigan"), ("Hurley", "Wisconsin")],
        ),
    ],
)
def test_a_hospital_named_like_a_town_is_that_town_only_near_where_it_is(
    gazetteer_index, text, expected
):
    parsed = _parse(gazetteer_index, text)
    got = [(m.surface, m.place and m.place.admin1) for m in parsed.mentions]
    assert [surface for surface, _ in got] == [surface for surface, _ in expected]
    for (_, state), (_, want) in zip(got, expected, strict=True):
        assert want is None or state == want


def test_a_big_city_does_not_stand_alone_under_a_short_other_name(gazetteer_index):
    # "Sun" is another name of Anshun (China): the newspaper is no place
    parsed = _parse(gazetteer_index, "The Herald Sun reported the fire on Monday.")
    assert [m.surface for m in parsed.mentions] == []
    # a big city under its own short name still stands alone
    (rome,) = _parse(gazetteer_index, "The pope returned to Rome.").mentions
    assert rome.place.country == "IT"


def test_a_small_division_still_wins_where_the_text_says_it(gazetteer_index):
    parsed = _parse(gazetteer_index, "Floods hit Manchester parish in Jamaica.")
    assert (parsed.mentions[0].place.country, parsed.mentions[0].place.kind) == ("JM", "admin1")
    (texas,) = _parse(gazetteer_index, "Floods hit Texas on Monday.").mentions
    assert "kind admin1 +1.2" in texas.reason  # a big division keeps its bonus


def test_only_the_largest_namesake_of_a_capital_is_the_capital(gazetteer_index):
    from geo.resolve import score_candidates
    from geo.toponyms import Recognizer

    (span,) = Recognizer(gazetteer_index).find("The delegation flew on to Washington on Friday.")
    candidates = score_candidates(span)
    towns = [c for c in candidates if c.place.kind == "city" and c.place.country == "US"]
    assert len(towns) > 3  # Washington, DC and the towns in Pennsylvania, North Carolina...
    capitals = [c.place for c in towns if "national capital" in c.reason]
    assert capitals == [max((c.place for c in towns), key=lambda p: p.population)]
    assert abs(capitals[0].lat - 38.9) < 0.2  # the District of Columbia
    # the bonus over a same-name division is the capital's alone too
    assert not any("same-name division" in c.reason for c in towns if c.place not in capitals)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Polio cases rose in Chad and the Democratic Republic of the Congo.",
            [("Chad", "country:TD"), ("Democratic Republic of the Congo", "country:CD")],
        ),
        ("Troops left the Republic of the Congo.", [("Republic of the Congo", "country:CG")]),
        # two connectors do not make a title and a country one name
        ("He met the President of the United States.", [("United States", "country:US")]),
    ],
)
def test_a_name_runs_on_over_two_connectors(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert [(m.surface, m.place.place_id) for m in parsed.mentions] == expected


def _parse(gazetteer_index, text):
    """Places only (no events), on the full gazetteer."""
    from geo.pipeline import Geoparser

    return Geoparser(index=gazetteer_index, events=False).parse_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a district "of" its province is two places: the district (or the town it is
        # named for), then the province; not the province alone under the whole name
        (
            "Gunmen shot a doctor in Chah Ab District of Takhar Province.",
            [("Chah Ab District", "Chāh Āb"), ("Takhar Province", "Takhar")],
        ),
        (
            "Police arrested 23 after a clash in Fagge Local Government Area of Kano State.",
            [("Fagge Local Government Area", None), ("Kano State", "Kano")],
        ),
        (
            "Gunmen attacked a village in Kajuru LGA of Kaduna State.",
            [("Kajuru LGA", "Kajuru"), ("Kaduna State", "Kaduna")],
        ),
        (
            "Eighteen were killed in a cattle raid in Paloch County of Western Lakes State.",
            [("Paloch County", None), ("Western Lakes State", "Lakes")],
        ),
        # a division the gazetteer holds whole is that division
        (
            "It lies in the Pinal County of Arizona.",
            [("Pinal County", "Pinal County"), ("Arizona", "Arizona")],
        ),
        # generic words before the division word make it the name of what follows "of"
        ("He lived in the District of Columbia.", [("District of Columbia", "Washington")]),
    ],
)
def test_a_division_of_a_bigger_one_is_read_apart(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place and m.place.name) for m in parsed.mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shots were fired in Lafayette, La. on Monday.",
            [("Lafayette", "US", "Louisiana"), ("La.", "US", "Louisiana")],
        ),
        (
            "COLUMBUS, Ga. (WTVM) - One man died.",
            [("COLUMBUS", "US", "Georgia"), ("Ga.", "US", "Georgia")],
        ),
        # "York" alone is too common a word to be a place; its state says it is one
        (
            "YORK, Pa. - Two were hurt.",
            [("YORK", "US", "Pennsylvania"), ("Pa.", "US", "Pennsylvania")],
        ),
        (
            "Police in Bethesda, Md., said",
            [("Bethesda", "US", "Maryland"), ("Md.", "US", "Maryland")],
        ),
    ],
)
def test_a_town_and_its_state_abbreviated_as_a_wire_dateline_does(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    got = [(m.surface, m.place.country, m.place.admin1 or m.place.name) for m in parsed.mentions]
    assert got == expected


def test_a_dateline_naming_its_state_settles_the_town_for_the_report(gazetteer_index):
    text = (
        "Louisville man hurt in tornado\n"
        "LOUISVILLE, Miss. — A tornado tore through Louisville on Wednesday.\n"
        "Crews in Louisville cleared roads all night.\n"
        "Related: Louisville, Ky., expects dry start to weekend\n"
    )
    parsed = _parse(gazetteer_index, text)
    got = [
        (m.surface, m.place.admin1) for m in parsed.mentions if m.surface.lower() == "louisville"
    ]
    # the bare Louisvilles are the dateline's, not the bigger one of Kentucky; the related
    # headline names its own
    assert got == [
        ("Louisville", "Mississippi"),
        ("LOUISVILLE", "Mississippi"),
        ("Louisville", "Mississippi"),
        ("Louisville", "Mississippi"),
        ("Louisville", "Kentucky"),
    ]


def test_a_name_in_a_language_has_no_container(gazetteer_index):
    text = "Alameda is a town in Saskatchewan. The definition of Alameda in Spanish is a grove."
    parsed = _parse(gazetteer_index, text)
    assert all("'Spanish'" not in (m.reason or "") for m in parsed.mentions)


@pytest.mark.parametrize(
    "text",
    ["Rue de la Paix, la plus belle.", "Smith, Ohio State's coach, said.", "He had 2 UK homes."],
)
def test_what_the_state_rule_leaves_alone(gazetteer_index, text):
    parsed = _parse(gazetteer_index, text)
    assert all(m.place.kind in ("country", "admin1") for m in parsed.mentions)
    assert "Smith" not in {m.surface for m in parsed.mentions}
    assert ("UK" in {m.surface for m in parsed.mentions}) == ("UK" in text)


def test_a_time_zone_after_a_clock_time_is_no_place(gazetteer_index):
    parsed = _parse(
        gazetteer_index,
        "Updated at 9:31 PM EST and again at 10 a.m. EDT. At 14:00 GMT the UK woke.",
    )
    assert [m.surface for m in parsed.mentions] == ["UK"]  # not the Burkinabe region of Est


@pytest.mark.parametrize(
    "text",
    [
        "BATON ROUGE — Two people were shot on Sunday.",
        "Home\nNEW ORLEANS (WWL) -- One man was killed.",
        "BATON ROUGE, La. - Two people were shot.",
    ],
)
def test_the_town_of_a_dateline_is_a_place_without_other_evidence(gazetteer_index, text):
    parsed = _parse(gazetteer_index, text)
    assert parsed.mentions[0].place.admin1 == "Louisiana"


def test_a_dateline_town_that_is_also_a_word_is_still_a_place(gazetteer_index):
    # "Erie" is common enough as a word to need evidence at the start of a sentence
    parsed = _parse(gazetteer_index, "ERIE — On Wednesday afternoon, city officers shot a man.")
    assert [(m.surface, m.place.admin1) for m in parsed.mentions] == [("ERIE", "Pennsylvania")]
    # a kicker of the same shape is no place
    assert _parse(gazetteer_index, "UPDATE: A man was shot.").mentions == []


def test_the_same_town_out_of_a_dateline_needs_evidence(gazetteer_index):
    parsed = _parse(gazetteer_index, "Tickets for Baton Rouge - the band - sold out.")
    assert parsed.mentions == []


@pytest.mark.parametrize(
    ("text", "part", "town"),
    [
        ("A man was stabbed in Moss Side, Manchester, England.", "Moss Side", "Manchester"),
        ("A shooting on the Near West Side of Chicago.", "Near West Side", "Chicago"),
        # named by compass points alone, it is a part of the town at hand, never a far-off
        # town that has it as another name (West Newton, Pennsylvania)
        ("Police in Chicago said the West Side was calm.", "West Side", "Chicago"),
        ("Crowds filled the East End of London.", "East End", "London"),
        ("A fire in Toledo's Old West End, Ohio.", "Old West End", "Toledo"),
    ],
)
def test_a_side_or_an_end_of_a_town_is_one_unresolved_neighbourhood(
    gazetteer_index, text, part, town
):
    parsed = _parse(gazetteer_index, text)
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces[part].place is None
    assert "neighbourhood" in surfaces[part].reason
    assert surfaces[town].place.name == town


def test_a_place_named_side_or_end_in_the_gazetteer_stays_that_place(gazetteer_index):
    parsed = _parse(gazetteer_index, "Floods hit Land's End and Tyneside.")
    assert all(m.place is not None for m in parsed.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Birmingham police are investigating a shooting in the city's Ensley community.",
        "A fire broke out in the Ensley neighborhood of Birmingham, Alabama.",
        "Police in Birmingham's Ensley neighborhood made an arrest.",
        "A man was stabbed in Ensley in Birmingham, Alabama.",
    ],
)
def test_a_part_of_a_town_is_never_a_namesake_far_from_it(gazetteer_index, text):
    parsed = _parse(gazetteer_index, text)
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces["Birmingham"].place.country == "US"
    # Ensley, Florida is 370 km away: the neighbourhood is not in the gazetteer
    assert surfaces["Ensley"].place is None
    assert surfaces["Ensley"].reason.startswith("no place of this name lies in Birmingham")


@pytest.mark.parametrize(
    ("text", "part"),
    [
        (
            "A man was shot in the Ellerslie Pen area of Spanish Town, St Catherine.",
            "Ellerslie Pen",
        ),
        ("A sack was found in the Holly Heights neighborhood of Gainesville.", "Holly Heights"),
    ],
)
def test_a_part_of_a_town_is_named_whole_not_by_its_first_words(gazetteer_index, text, part):
    mentions = {m.surface: m for m in _parse(gazetteer_index, text).mentions}
    assert part in mentions and mentions[part].place is None


def test_a_station_in_a_town_is_no_town_of_its_name_far_away(gazetteer_index):
    # the gazetteer's "Somerset Station" is another name of Barker, New York, 450 km off
    text = "A man was stabbed as the train pulled into Somerset Station in Philadelphia."
    parsed = _parse(gazetteer_index, text)
    station = next(m for m in parsed.mentions if m.surface == "Somerset Station")
    assert station.place is None
    assert station.reason == "no place of this name lies in Philadelphia, which it is a part of"


@pytest.mark.parametrize(
    ("text", "part", "town"),
    [
        # the gazetteer's only Kanyama is a town in Congo, 1,000 km from Lusaka
        (
            "Families in Lusaka's Kanyama Compound were left homeless by floods. "
            "Council teams were sent to clear drains in Kanyama on Tuesday.",
            "Kanyama",
            "Lusaka",
        ),
        # its Paraisópolis is a town in Minas Gerais, 150 km from São Paulo
        (
            "Shootout in Sao Paulo's Paraisopolis favela leaves three dead. Three people were "
            "killed in Paraisopolis last night.",
            "Paraisopolis",
            "São Paulo",
        ),
    ],
)
def test_every_mention_of_a_part_of_a_town_leaves_the_namesake_far_away(
    gazetteer_index, text, part, town
):
    parsed = _parse(gazetteer_index, text)
    mentions = [m for m in parsed.mentions if m.surface == part]
    assert len(mentions) == 2
    assert all(m.place is None and f"lies in {town}" in m.reason for m in mentions)


def test_a_place_put_in_a_country_where_no_namesake_lies_is_unresolved(gazetteer_index):
    # the only Kanyama is in Congo: the page's Kanyama is one the gazetteer lacks
    text = "Floods hit Kanyama, Zambia on Monday. Residents of Kanyama fled to higher ground."
    parsed = _parse(gazetteer_index, text)
    kanyama = [m for m in parsed.mentions if m.surface == "Kanyama"]
    assert len(kanyama) == 2
    assert all(m.place is None for m in kanyama)
    assert kanyama[0].reason == "no place of this name lies in Zambia, where the text puts it"
    assert {m.surface: m.place.country for m in parsed.mentions if m.place} == {"Zambia": "ZM"}


def test_a_place_put_in_a_region_of_another_country_is_unresolved(gazetteer_index):
    # the gazetteer's Léré lies in Chad; the headline before the body names it too
    text = (
        "Jihadists attack Léré army camp\n"
        "BAMAKO (AFP) - Jihadists attacked an army camp at Léré in the central-western "
        "Timbuktu region on Sunday. Léré lies near the border.\nChad: talks postponed"
    )
    parsed = _parse(gazetteer_index, text)
    lere = [m for m in parsed.mentions if m.surface == "Léré"]
    assert len(lere) == 3
    assert all(m.place is None for m in lere)
    assert {m.reason for m in lere} == {
        "no place of this name lies in Timbuktu, where the text puts it"
    }


def test_a_pages_log_in_link_is_no_place(gazetteer_index):
    # "Log" is another name of Łódź and a village of Volgograd
    text = "Subscribe   Log In\nA man was stabbed in Philadelphia."
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == ["Philadelphia"]


def test_a_menu_line_is_no_evidence_of_a_country(gazetteer_index):
    body = "Soldiers were killed in an attack on the town of Léré on Sunday, officials said."

    def lere_country(text):
        [lere] = [m for m in _parse(gazetteer_index, text).mentions if m.surface == "Léré"]
        return lere.place.country if lere.place else None

    # named in the body, Chad makes the Léré of Chad the article's
    assert lere_country(body + " Troops from Chad came.") == "TD"
    # named only in a menu, it does not
    assert lere_country("Home | Mali | Niger | Tchad | Security\n" + body) != "TD"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Protests spread in Hong Kong, China on Sunday.", "Hong Kong", "HK"),  # a territory
        ("A bomb went off in Belfast, Ireland in 1972.", "Belfast", "GB"),  # the island
        ("Storms hit Atlanta, Georgia on Friday.", "Atlanta", "US"),  # the state
        ("Flights to Tokyo, Seoul, Taiwan and Japan stopped.", "Seoul", "KR"),  # a list
    ],
)
def test_a_country_after_a_place_that_does_not_contradict_it(gazetteer_index, text, name, country):
    parsed = _parse(gazetteer_index, text)
    place = {m.surface: m.place for m in parsed.mentions}[name]
    assert place is not None and place.country == country


def test_a_later_namesake_abroad_leaves_the_pages_place_alone(gazetteer_index):
    text = (
        "Memphis, Tennessee lies on the Mississippi. Memphis was named after Memphis, Egypt, "
        "the ancient capital."
    )
    parsed = _parse(gazetteer_index, text)
    memphis = [m for m in parsed.mentions if m.surface == "Memphis"]
    assert [m.place.country if m.place else None for m in memphis] == ["US", "US", None]


def test_a_common_word_the_page_has_shown_is_a_place_is_one_again(gazetteer_index):
    text = "Golden, B.C.  -7C  Light snow\nA skier fell at a resort west of Golden on Monday."
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place.country) for m in parsed.mentions if m.surface == "Golden"] == [
        ("Golden", "CA"),
        ("Golden", "CA"),
    ]
    # without the first line, "Golden" is a word
    assert not _parse(gazetteer_index, text.split("\n")[1]).mentions


def test_a_centre_at_the_end_of_an_institutions_name_is_no_region(gazetteer_index):
    parsed = _parse(gazetteer_index, "He was taken to Foothills Medical Centre in Calgary.")
    assert [m.surface for m in parsed.mentions if m.place is not None] == ["Calgary"]


def test_a_part_of_a_town_that_the_gazetteer_holds_there_stays_resolved(gazetteer_index):
    parsed = _parse(gazetteer_index, "Riots broke out in Paris's Montmartre district.")
    surfaces = {m.surface: m for m in parsed.mentions}
    assert surfaces["Montmartre"].place is not None
    assert surfaces["Montmartre"].place.country == "FR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He lives on Moss Side Avenue.", [("Moss Side Avenue", "street")]),  # a street
        # a person "of the" a part of town: the part alone
        ("John Canning of the Central North Side said", [("Central North Side", "neighbourhood")]),
        ("The City Yard Waste Curb Side pickup", []),  # a run of words is no part of a town
    ],
)
def test_what_is_not_a_part_of_a_town(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.cue) for m in parsed.mentions if m.place is None] == expected


def test_a_suburb_of_a_city_is_not_read_backwards(gazetteer_index):
    parsed = _parse(
        gazetteer_index, "Munir, 22, from the Cincinnati suburb of West Chester, pleaded guilty."
    )
    # the township is not in the gazetteer, and West Chester, Pennsylvania is not near
    got = [(m.surface, m.place and m.place.name) for m in parsed.mentions]
    assert got == [("Cincinnati", "Cincinnati"), ("West Chester", None)]


def test_a_headline_speaker_is_no_dateline(gazetteer_index):
    parsed = _parse(
        gazetteer_index, "Abbas: No peace without a deal\nThe president spoke on Monday."
    )
    assert parsed.mentions == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ez-" is the article of "Deir ez-Zor" as "al-" is of "al-Asad"
        (
            "Fighting near Deir ez-Zor in Syria.",
            [("Deir ez-Zor", "SY", "city"), ("Syria", "SY", "country")],
        ),
        # the governorate is "Salah ad Din" in the gazetteer: a spelling of the same name
        ("Clashes in Salah ed-Din province on Monday.", [("Salah ed-Din", "IQ", "admin1")]),
        # "Ras al-Ain" is one Syrian town in another spelling, not "Ras" (India) and "al-Ain"
        (
            "Fighting raged in Ras al-Ain and Tell Abyad in northern Syria.",
            [
                ("Ras al-Ain", "SY", "city"),
                ("Tell Abyad", "SY", "city"),
                ("Syria", "SY", "country"),
            ],
        ),
    ],
)
def test_arabic_names_in_other_spellings(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    got = [
        (m.surface, m.place and m.place.country, m.place and m.place.kind) for m in parsed.mentions
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name ending in "Sea" is the sea, not the Sudanese state of that name
        (
            "Missiles hit ships in the Red Sea off Hodeidah.",
            [("Red Sea", "sea", None), ("Hodeidah", "city", "YE")],
        ),
        # unless the text says what it is
        (
            "Floods hit Red Sea state in Sudan.",
            [("Red Sea", "admin1", "SD"), ("Sudan", "country", "SD")],
        ),
        ("A ferry sank in the North Sea.", [("North Sea", "sea", None)]),  # not North Sea, NY
        # a sea the gazetteer lacks is reported for the user to add; a name of something
        # else ending in "Sea" is not a sea
        ("A ferry sank in the Sibuyan Sea.", [("Sibuyan Sea", None, None)]),
        # (nor is "Mass" without its period Massachusetts)
        ("Mass was said at Our Lady of the Sea.", []),
    ],
)
def test_seas(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    got = [
        (m.surface, m.place and m.place.kind, m.place and m.place.country) for m in parsed.mentions
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Mumbai suburb the gazetteer lacks, not Korla (China), which GeoNames also spells so
        (
            "MUMBAI: A man was stabbed to death in Kurla on Wednesday night.",
            [("MUMBAI", "IN"), ("Kurla", None)],
        ),
        ("Kurla is a suburb of Mumbai.", [("Kurla", None), ("Mumbai", "IN")]),
        # no sign of a place: a surname is no mention at all
        ("Chen said the plan would work. Chen is a lawyer in Boston.", [("Boston", "US")]),
        # a metropolis's other name is still the metropolis
        ("He flew from Bombay to London.", [("Bombay", "IN"), ("London", "GB")]),
        # another place of the article in that country keeps the reading
        (
            "Floods hit Urumqi, and the road to Kurla was cut.",
            [("Urumqi", "CN"), ("Kurla", "CN")],
        ),
    ],
)
def test_a_town_read_only_under_another_name_abroad_is_not_the_place(
    gazetteer_index, text, expected
):
    _assert_countries_and_reasons(
        gazetteer_index, text, expected, "only another name of Korla (CN)"
    )


def _assert_countries_and_reasons(gazetteer_index, text, expected, *reasons):
    """The mentions' countries are ``expected``; each unresolved one gives all ``reasons``."""
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place and m.place.country) for m in parsed.mentions] == expected
    for mention in parsed.mentions:
        if mention.place is None:
            assert all(reason in mention.reason for reason in reasons), mention.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Toronto district the gazetteer lacks, not the English or Australian towns
        (
            "Toronto police said a man was shot dead in Scarborough on Friday. "
            "Officers from Mississauga and Brampton helped.",
            [("Toronto", "CA"), ("Scarborough", None), ("Mississauga", "CA"), ("Brampton", "CA")],
        ),
        # a place with no namesake stands: Saipan is the only one
        (
            "Troops from Texas, Ohio and Hawaii trained on Saipan.",
            [("Texas", "US"), ("Ohio", "US"), ("Hawaii", "US"), ("Saipan", "MP")],
        ),
        # with no country the report is about, the likeliest namesake stands
        ("He was born in Scarborough.", [("Scarborough", "GB")]),
        # the country named too: the reading is meant
        (
            "Toronto, Ottawa and Montreal sent teams; one came from Scarborough, England.",
            [
                ("Toronto", "CA"),
                ("Ottawa", "CA"),
                ("Montreal", "CA"),
                ("Scarborough", "GB"),
                ("England", "GB"),
            ],
        ),
    ],
)
def test_a_small_namesake_abroad_is_unresolved_in_a_report_about_another_country(
    gazetteer_index, text, expected
):
    _assert_countries_and_reasons(
        gazetteer_index,
        text,
        expected,
        "a small town in a country the article names nothing else in",
        "the article is about CA",
    )


@pytest.mark.parametrize(
    ("text", "suburb", "town"),
    [
        # Frankton in Hamilton is not in the gazetteer; the one in Otago is 900 km away
        (
            "Fire tore through a house in the Hamilton suburb of Frankton early on Wednesday. "
            "Crews from Hamilton and Te Rapa attended.",
            "Frankton",
            "Hamilton",
        ),
        # the only Midtown known is a town of Tennessee, 230 km from Atlanta
        ("A man was shot in Midtown, Atlanta, on Saturday.", "Midtown", "Atlanta"),
    ],
)
def test_a_suburb_named_after_its_town_lies_near_it(gazetteer_index, text, suburb, town):
    parsed = _parse(gazetteer_index, text)
    (mention,) = [m for m in parsed.mentions if m.surface == suburb]
    assert mention.place is None
    assert mention.reason == f"no place of this name lies in {town}, which it is a part of"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        # three Indian villages are called Dubai; the report's country alone is no reason
        (
            "NEW DELHI: A businessman wanted in a fraud case was arrested in Dubai on "
            "Tuesday, officials in Delhi said. He had fled from Mumbai in March.",
            "Dubai",
            "AE",
        ),
        # a named division holds the village
        ("The fair in Norwalk, Ohio drew visitors from Milan and Sandusky.", "Milan", "US"),
        # another place of the report lies within 150 km
        (
            "Officials in Tegucigalpa said the storm hit San Antonio and Santa Fe on the "
            "coast near Trujillo.",
            "San Antonio",
            "HN",
        ),
    ],
)
def test_a_village_needs_more_than_the_reports_country_to_beat_a_metropolis(
    gazetteer_index, text, surface, country
):
    parsed = _parse(gazetteer_index, text)
    (mention,) = [m for m in parsed.mentions if m.surface == surface]
    assert mention.place.country == country
    if country == "AE":
        villages = [c for c in mention.candidates if c.place.country == "IN"]
        assert villages
        assert all("a village against a metropolis abroad" in c.reason for c in villages)


def _read_weak(gazetteer_index, text):
    """Mentions as the event stage reads them, weak evidence kept."""
    from geo.resolve import resolve_spans
    from geo.toponyms import Recognizer

    return resolve_spans(Recognizer(gazetteer_index).find(text), text, min_evidence=0.0)


def test_with_no_other_place_another_name_still_reads_as_the_town(gazetteer_index):
    # GeoNames files many towns' usual English spelling as another name (Misratah)
    (misrata,) = _read_weak(gazetteer_index, "Fighting went on in Misrata on Friday.")
    assert (misrata.surface, misrata.place.country) == ("Misrata", "LY")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a township of Soweto the gazetteer lacks, not Orlando (Florida)
        (
            "JOHANNESBURG – Five people were killed at a tavern in Orlando East, Soweto.",
            [("JOHANNESBURG", "ZA"), ("Orlando", None), ("Soweto", "ZA")],
        ),
        # the town may close the phrase with its time
        (
            "Two people were shot dead by robbers in Eastleigh, Nairobi on Friday night.",
            [("Eastleigh", None), ("Nairobi", "KE")],
        ),
        # a prominent place in a datelined report's lead is not a part of the dateline town
        (
            "BENGALURU: A techie was arrested in Kathmandu on Sunday.",
            [("BENGALURU", "IN"), ("Kathmandu", "NP")],
        ),
        # a list, a town and its state named like a city, a phrase before a clause
        (
            "Storms hit Orlando, Tampa and Miami.",
            [("Orlando", "US"), ("Tampa", "US"), ("Miami", "US")],
        ),
        ("He was born in Buffalo, New York.", [("Buffalo", "US"), ("New York", "US")]),
        (
            "In Orlando, Soweto residents held a vigil.",
            [("Orlando", "US"), ("Soweto", "ZA")],
        ),
    ],
)
def test_a_name_before_a_town_abroad_is_a_part_of_it(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place and m.place.country) for m in parsed.mentions] == expected
    for mention in parsed.mentions:
        if mention.place is None:
            assert "which it is a part of" in mention.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a numbered ward of the city, not Ward, Arkansas
        (
            "NEW ORLEANS (WWL) -- One man was killed in a shooting in the 7th Ward.",
            ["NEW ORLEANS"],
        ),
        ("The Ninth Ward flooded.", []),
        # an ordinal before a place's name as a modifier leaves the place
        ("The 10th Muscat International Film Festival opened.", ["Muscat"]),
    ],
)
def test_a_numbered_ward_is_no_place(gazetteer_index, text, expected):
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lead of a datelined report: a part of the dateline town, not Whitefield (US)
        ("BENGALURU: A techie was murdered in Whitefield on Sunday.", None),
        # a later sentence may name a place anywhere
        ("BENGALURU: A techie was murdered. His brother lives in Whitefield.", "GB"),
    ],
)
def test_a_name_in_a_datelined_lead_with_no_reading_there_is_a_part_of_the_town(
    gazetteer_index, text, expected
):
    (whitefield,) = [m for m in _read_weak(gazetteer_index, text) if m.surface == "Whitefield"]
    assert (whitefield.place and whitefield.place.country) == expected
    if expected is None:
        assert whitefield.reason.endswith("lies in Bengaluru, which it is a part of")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lake by the town of its name: drawn at the town, where the article is
        (
            "A man drowned on Whitefish Lake near Whitefish, Montana, on Sunday.",
            [
                ("Whitefish Lake", "lake", "Whitefish"),
                ("Whitefish", None, "Whitefish"),
                ("Montana", None, "Montana"),
            ],
        ),
        # two features in one run; neither is the town or the state its first word names
        (
            "Kayakers paddled the Catawba River and Kiser Lake near York, South Carolina.",
            [
                ("Catawba River", "river", "Catawba"),
                ("Kiser Lake", "lake", None),
                ("York", None, "York"),
                ("South Carolina", None, "South Carolina"),
            ],
        ),
        # named first by the feature word; a function word opening the sentence is no part
        (
            "In Lake Lanier a boat sank. A Flat Creek man swam ashore in Georgia.",
            [
                ("Lake Lanier", "lake", None),
                ("Flat Creek", "creek", None),
                ("Georgia", None, "Georgia"),
            ],
        ),
        # peaks, beaches and landings: "Angels Landing" in Zion is not Angels Camp
        (
            "Hikers were stranded on Angels Landing near Springdale, Utah.",
            [
                ("Angels Landing", "landing", None),
                ("Springdale", None, "Springdale"),
                ("Utah", None, "Utah"),
            ],
        ),
        # ... but a run ending in a town of that name is in that town
        (
            "Ships docked at the Port of Long Beach in California.",
            [("Long Beach", None, "Long Beach"), ("California", None, "California")],
        ),
        # a river named like a town abroad is no river of that town
        (
            "The Kish River flooded farms near Rockford and DeKalb, Illinois.",
            [
                ("Kish River", "river", None),
                ("Rockford", None, "Rockford"),
                ("DeKalb", None, "DeKalb"),
                ("Illinois", None, "Illinois"),
            ],
        ),
        # bays and harbours too: the yacht was off Tobermory, the bay named for it
        (
            "A yacht hit rocks in Tobermory Bay. A lifeboat towed it to Tobermory, Scotland.",
            [
                ("Tobermory Bay", "bay", "Tobermory"),
                ("Tobermory", None, "Tobermory"),
                ("Scotland", None, "Scotland"),
            ],
        ),
        # a division the gazetteer knows after "of" is that division, not a bay of its own
        ("It lies in the City of Canada Bay.", [("Canada Bay", None, "Canada Bay")]),
        (
            "Loch Ness lies in Scotland.",
            [("Loch Ness", "loch", None), ("Scotland", None, "Scotland")],
        ),
        # a Spanish or Portuguese river is not Rio de Janeiro; the city's games are
        (
            "Lahars descended along the Río Pénjamo in Costa Rica.",
            [("Río Pénjamo", "river", None), ("Costa Rica", None, "Costa Rica")],
        ),
        (
            "Crowds gathered before the Rio Olympics in Brazil.",
            [("Rio", None, "Rio de Janeiro"), ("Brazil", None, "Brazil")],
        ),
    ],
)
def test_a_natural_feature_is_read_whole(gazetteer_index, text, expected):
    parsed = _parse(gazetteer_index, text)
    got = [(m.surface, m.cue, m.place and m.place.name) for m in parsed.mentions]
    assert got == expected
    for m in parsed.mentions:
        if m.cue in ("lake", "river", "creek") and m.place is not None:
            assert m.reason.startswith(f"a {m.cue} named for this town")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the gazetteer holds "Russian River" only as another name of Healdsburg, California
        (
            "A bear injured an angler on a trail along the Russian River near Soldotna, "
            "Alaska, troopers in Anchorage said.",
            None,
        ),
        (
            "Floodwater from the Russian River reached Guerneville and Santa Rosa, California.",
            "Healdsburg",
        ),
    ],
)
def test_a_river_named_as_a_town_is_that_town_only_on_the_articles_map(
    gazetteer_index, text, expected
):
    (river,) = [m for m in _parse(gazetteer_index, text).mentions if m.surface == "Russian River"]
    assert (river.place and river.place.name) == expected


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # the gazetteer holds the whole name: a town, not a feature
        ("Police in Battle Creek, Michigan, said.", "Battle Creek", "Battle Creek"),
        ("Flooding hit Lake Charles, Louisiana.", "Lake Charles", "Lake Charles"),
        ("In Klamath Falls, Oregon, a fire broke out.", "Klamath Falls", "Klamath Falls"),
        # a longer name opened by "Mount" is an institution's, not a mountain's
        (
            "Voters met at the Mount Pleasant Civic Center in Mount Pleasant, Texas.",
            "Mount Pleasant",
            "Mount Pleasant",
        ),
    ],
)
def test_a_town_named_like_a_feature_stays_the_town(gazetteer_index, text, surface, name):
    parsed = _parse(gazetteer_index, text)
    mention = next(m for m in parsed.mentions if m.surface == surface)
    assert mention.place is not None and mention.place.name == name
    assert mention.cue not in ("creek", "lake", "falls", "mount")


def test_a_lone_feature_is_unresolved_rather_than_dropped_or_guessed(gazetteer_index):
    # in a sentence with nothing else, the town of Vermont (Australia) is no evidence
    (lake,) = _parse(gazetteer_index, "Fishing resumed on Lake Vermont.").mentions
    assert (lake.surface, lake.cue, lake.place) == ("Lake Vermont", "lake", None)
    assert "looks like a place: lake" in lake.reason


def test_a_spelling_a_cue_made_a_place_is_that_place_further_on(gazetteer_index):
    # GeoNames spells it An Nuhud: only the cue lets the loose spelling match, and the
    # mentions after it, with no cue, are the same town
    text = (
        "Fighting raged in the West Kordofan town of Al-Nuhud on Saturday. "
        "Residents of Al-Nuhud fled east. The army said Al-Nuhud had not fallen."
    )
    mentions = [m for m in _parse(gazetteer_index, text).mentions if m.surface == "Al-Nuhud"]
    assert len(mentions) == 3
    assert {(m.place and m.place.country, m.place and m.place.kind) for m in mentions} == {
        ("SD", "city")
    }


@pytest.mark.parametrize(
    ("text", "surface", "countries"),
    [
        # GeoNames spells them Al Qaţrānah and Baqubah: "near" and "outside" say a place follows
        ("AMMAN — Two died in a crash on the highway near Qatraneh.", "Qatraneh", {"JO"}),
        ("Clashes occurred outside Baqouba, north of Baghdad.", "Baqouba", {"IQ"}),
        # only where the article names the town's country: Meram lies in Turkey
        ("Seven were killed near El Meram in Sudan's West Kordofan.", "El Meram", None),
        ("Two died in a crash on the highway near Qatraneh on Sunday.", "Qatraneh", None),
        # a building named after a town is no spelling of the town
        ("A car bomb exploded outside Al-Sadr hospital in Baghdad.", "Al-Sadr", None),
    ],
)
def test_near_or_outside_lets_another_spelling_name_a_town(
    gazetteer_index, text, surface, countries
):
    from geo.toponyms import Recognizer

    found = [s for s in Recognizer(gazetteer_index).find(text) if s.surface == surface]
    assert [{h.place.country for h in s.hits} for s in found if s.hits] == (
        [countries] if countries else []
    )


def test_a_bylines_names_are_reporters_not_places(gazetteer_index):
    text = (
        "Flat fire\nBy Lim Wei Ling | Aug 14, 2024\n"
        "By Jordan Smith and Paris Hilton\nBy Monday the fire in Jurong East was out."
    )
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == ["Jurong East"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Pretoria township is not in the gazetteer; the village of its name lies 300 km
        # off in Mpumalanga, near no other place of the report
        (
            "PRETORIA — Police have arrested three men over an armed robbery at a spaza shop "
            "in Mamelodi East last Friday.",
            [("PRETORIA", "Pretoria"), ("Mamelodi", None)],
        ),
        # a village near the report's city stays
        (
            "PRETORIA — A spaza shop in Hammanskraal was robbed. Police in Pretoria said.",
            [("PRETORIA", "Pretoria"), ("Hammanskraal", "Hammanskraal"), ("Pretoria", "Pretoria")],
        ),
        # with nothing to say it is a place, a far village's name is a word: a person here
        (
            "SYDNEY — Police said a man was shot in Parramatta. Inspector Moonbi said the man "
            "was stable.",
            [("SYDNEY", "Sydney"), ("Parramatta", "Parramatta")],
        ),
    ],
)
def test_a_far_village_is_no_reading_of_a_name_in_a_city_report(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert [(m.surface, m.place and m.place.name) for m in parsed.mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time ending the line above is no time zone of the dateline under it
        (
            "Published: July 31, 2021 at 8:00 a.m.\nBARRIERE, B.C. — Residents fled a fire.",
            ["BARRIERE", "B.C."],
        ),
        ("The fire grew at 9:31 PM EST on Friday.", []),
    ],
)
def test_a_clock_time_reaches_no_further_than_its_line(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert [m.surface for m in parsed.mentions] == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dar es Salaam. A man was beaten to death by a mob on Monday.", "Dar es Salaam"),
        ("Trains to Bergen op Zoom were cancelled.", "Bergen op Zoom"),
        # Portuguese "do", "dos", "das"
        ("Floods hit Rio Grande do Sul on Monday.", "Rio Grande do Sul"),
        ("The ferry left Angra dos Reis, Brazil, at dawn.", "Angra dos Reis"),
        ("A bus overturned near São João das Missões in Brazil.", "São João das Missões"),
        # Czech and Slovak "nad" (on the river), German "im"
        ("A gas explosion shook Ústí nad Labem in the Czech Republic.", "Ústí nad Labem"),
        (
            "A man was shot outside a bar in Žiar nad Hronom, in central Slovakia.",
            "Žiar nad Hronom",
        ),
        ("Floods reached Freiburg im Breisgau in Germany.", "Freiburg"),
    ],
)
def test_a_name_joined_by_a_lower_case_word_is_one_name(gazetteer_index, text, name):
    parsed = _parse(gazetteer_index, text)
    assert [m.place.name for m in parsed.mentions if m.place is not None][:1] == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He lives in La Paz.", [("La Paz", "BO")]),
        ("Flights to Le Havre were cancelled.", [("Le Havre", "FR")]),
        ("Police in Des Moines said.", [("Des Moines", "US")]),
        # a connector opens a name only as an article or particle does, never alone
        ("Marine Le Pen spoke in Paris.", [("Paris", "FR")]),
        ("On Monday they met in Madrid.", [("Madrid", "ES")]),
    ],
)
def test_a_capitalised_connector_opens_a_name(gazetteer_index, text, expected) -> None:
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place.country) for m in parsed.mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Irish and Northern Irish counties, written as the papers there write them
        (
            "A trawler sank off Co Wexford, Ireland, on Tuesday.",
            [("Co Wexford", "County Wexford"), ("Ireland", "Ireland")],
        ),
        (
            "A fire near Tralee, Co. Kerry, Ireland.",
            [("Tralee", "Tralee"), ("Co. Kerry", "County Kerry"), ("Ireland", "Ireland")],
        ),
        (
            "Police in Belfast and Co Antrim, Northern Ireland, said.",
            [
                ("Belfast", "Belfast"),
                ("Co Antrim", "County Antrim"),
                ("Northern Ireland", "Northern Ireland"),
            ],
        ),
        # "Ísland" folds to a common word: an island is no Iceland
        ("A boat capsized near Chuja Island, South Korea.", [("South Korea", "South Korea")]),
        # "County" or "Co" before a name says it is a county, with nothing else around it
        ("The fire service in Co Mayo said.", [("Co Mayo", "County Mayo")]),
        ("The fire service in County Mayo said.", [("County Mayo", "County Mayo")]),
    ],
)
def test_county_forms_and_native_spellings(gazetteer_index, text, expected) -> None:
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place.name) for m in parsed.mentions if m.place] == expected


def test_a_town_before_a_state_named_like_a_city_is_no_part_of_the_city(gazetteer_index):
    parsed = _parse(gazetteer_index, "A railroad ran from Tekoa, Washington, to Harrison.")
    (tekoa,) = [m for m in parsed.mentions if m.surface == "Tekoa"]
    assert tekoa.place is not None and tekoa.place.admin1 == "Washington"


def test_a_bay_named_for_a_town_says_the_town_is_a_place(gazetteer_index) -> None:
    # "Uson" alone, in a sentence that says nothing of it, is too weak a name to keep
    alone = _parse(gazetteer_index, "Uson is a third class municipality.")
    assert [m.surface for m in alone.mentions] == []
    parsed = _parse(gazetteer_index, "Uson is a third class municipality. It lies on Uson Bay.")
    assert [(m.surface, m.place and m.place.country) for m in parsed.mentions] == [
        ("Uson", "PH"),
        ("Uson Bay", "PH"),  # and the bay is drawn at the town
    ]


@pytest.mark.parametrize(
    "text",
    [
        "West Coast Voice\nNews | Sport\nA fire in Westport, Co Mayo.",
        "The Liverpool Echo reported a fire in Westport, Co Mayo.",
    ],
)
def test_a_newspaper_named_for_a_region_is_no_mention_of_it(gazetteer_index, text) -> None:
    parsed = _parse(gazetteer_index, text)
    assert [m.surface for m in parsed.mentions][:1] == ["Westport"]
    assert parsed.mentions[0].place.country == "IE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a road named by the towns it joins: both towns, whole
        (
            "A bus overturned on the Dar es Salaam-Morogoro highway at Chalinze, Tanzania.",
            ["Dar es Salaam", "Morogoro", "Chalinze", "Tanzania"],
        ),
        ("Fighting closed the Baghdad-Kirkuk road.", ["Baghdad", "Kirkuk"]),
        # a road's own name ("Road" capitalised) and a prefix that is no town stay as they were
        ("The Toowoomba-Karara Road connects the highway.", ["The Toowoomba-Karara Road"]),
        ("The Pan-American Highway runs south.", ["The Pan-American Highway"]),
        ("It has many Anglo-German road names.", []),
    ],
)
def test_the_towns_a_road_is_named_by_are_two_towns(gazetteer_index, text, expected):
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an American state's name is without "State" before a force's or a school's name
        ("Maryland State Police said a man died.", ["Maryland"]),
        ("Michigan State University is in Michigan.", ["Michigan", "Michigan"]),
        # and no word before it joins it: "The", or a run of other capitalised words
        ("The Indiana State Police said.", ["Indiana"]),
        ("Wildlife Officers and Kentucky State Troopers were called.", ["Kentucky"]),
        # a Nigerian state is named with the word
        ("The Osun State Police Command said in Osogbo.", ["Osun State", "Osogbo"]),
    ],
)
def test_a_state_force_names_the_state(gazetteer_index, text, expected):
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Vietnamese name ends on "An", which elsewhere only joins a name
        ("Floods hit Nghe An and Long An provinces.", [("Nghe An", "VN"), ("Long An", "VN")]),
        ("Two drowned off a beach in Hội An City, Quang Nam Province.", [("Hội An", "VN")]),
        # "An" in a title-case line is no end of a name
        ("Man Dies After An Attack In Leeds", [("Leeds", "GB")]),
        # a town named with its word for town, as Pacific papers write it: the name is
        # the town's without the word
        ("Floods hit Ba Town in Fiji.", [("Ba", "FJ"), ("Fiji", "FJ")]),
        (
            "A punt capsized near Nausori Town last night, in Fiji.",
            [("Nausori", "FJ"), ("Fiji", "FJ")],
        ),
        # "Paynesville City Mayor" is an office, not the namesake town in Victoria
        ("The Paynesville City Mayor spoke in Liberia.", [("Liberia", "LR")]),
        # a two-letter town where the text says it is one
        ("Protesters gathered in Ho, Ghana.", [("Ho", "GH"), ("Ghana", "GH")]),
        ("Floods hit the town of Ba in Fiji.", [("Ba", "FJ"), ("Fiji", "FJ")]),
        ("Ba Town flooded; settlements in Ba were cut off.", [("Ba", "FJ"), ("Ba", "FJ")]),
        ("He said La, Ky and Oh were fine.", []),
        # a page's date line shortens the day: "Mon" is no Mon State
        (
            "Updated Mon 8 Jan 2024. Floods hit Mon State in Myanmar.",
            [("Mon State", "MM"), ("Myanmar", "MM")],
        ),
    ],
)
def test_names_that_end_on_a_particle_or_are_two_letters(gazetteer_index, text, expected):
    got = [(m.surface, m.place and m.place.country) for m in _parse(gazetteer_index, text).mentions]
    assert [g for g in got if g[0] != "Quang Nam Province"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tropical Cyclone Tane passed close to Luganville, Vanuatu.", ["Luganville", "Vanuatu"]),
        ("Hurricane Florence hit Wilmington, North Carolina.", ["Wilmington", "North Carolina"]),
        # the town of Hurricane is still a town
        ("Hurricane, Utah, got snow.", ["Hurricane", "Utah"]),
    ],
)
def test_a_storm_is_named_after_no_place(gazetteer_index, text, expected):
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a compass word after another word of the name is no division of its own
        ("Flooding hit the Kavango East Region.", []),
        ("Pa Ajayi lives in Ovia South West local government area.", []),
        ("Troops entered the East Region of Cameroon.", ["East Region", "Cameroon"]),
        ("It was found in British North America.", ["British", "North America"]),
    ],
)
def test_a_compass_word_inside_a_longer_name_is_no_division(gazetteer_index, text, expected):
    assert [m.surface for m in _parse(gazetteer_index, text).mentions] == expected


MENU = "Home | News | Police | Sport | Events\n\n"
CRASH = (
    "Two people were hurt in a crash on West State Street on Friday night, police said. "
    "The driver, a woman from Cortland, was flown to a hospital in Syracuse, New York.\n"
)


@pytest.mark.parametrize(
    ("site", "town", "country", "literal"),
    [
        ("Ithaca Daily Dispatch", "Ithaca", "US", False),  # a newspaper's name, its town
        ("HUB TOWN HERALD - Truro & Colchester County", "Truro", "CA", False),  # the tagline's
        # the first name, not a rarer one; the rules find it, and their reading stands
        ("Cobourg Harbourfront News", "Cobourg", "CA", True),
        ("Timaru Today", "Timaru", "NZ", False),
    ],
)
def test_the_town_of_a_sites_name_is_read(gazetteer_index, site, town, country, literal):
    place = {
        "Ithaca": "",
        "Truro": "Flooding closed Prince Street in Truro and Bible Hill, Nova Scotia, on Monday.\n",
        "Cobourg": "A man was hurt near Port Hope, Ontario, and Peterborough on Saturday.\n",
        "Timaru": "A car crashed on State Highway 1 near Temuka, New Zealand, on Friday.\n",
    }[town]
    text = f"{site}\n{MENU}{place or CRASH}"
    parsed = _parse(gazetteer_index, text)
    [first] = [m for m in parsed.mentions if m.start < len(site)]
    assert (first.surface.lower(), first.cue, first.place.country) == (
        town.lower(),
        SITE_NAME,
        country,
    )
    # read from the site's name alone, it is no literal mention of the story
    assert first.literal is literal


def test_no_town_is_read_from_a_first_line_without_a_menu_or_from_a_countrys_site(
    gazetteer_index,
):
    # no menu: the first line may be a headline, and the media title rule stands
    parsed = _parse(gazetteer_index, "Ithaca Daily Dispatch\n\n" + CRASH)
    assert "Ithaca" not in [m.surface for m in parsed.mentions]
    # a country's paper covers more than a town; "Wards" is only another name of a Belfast
    for site in ("Kuwait Times", "THE RIVER WARDS REPORT"):
        parsed = _parse(gazetteer_index, f"{site}\n{MENU}{CRASH}")
        assert all(m.cue != SITE_NAME for m in parsed.mentions)


def test_a_sites_name_makes_no_other_mention_of_its_name_a_place(gazetteer_index):
    # "Sussex" is no town of England's; read from the site's name as a Sussex of North
    # America, it must not make the footer's "Sussex" a place
    text = (
        "SUSSEX COAST GAZETTE\nNews | Sport | What's On | Property\n\n"
        "A pilot died when a light aircraft crashed after take-off from Shoreham, near "
        "Brighton, on Sunday.\n\n© Sussex Coast Gazette 2024"
    )
    parsed = _parse(gazetteer_index, text)
    assert [m.surface for m in parsed.mentions if m.literal] == ["Shoreham", "Brighton"]


def test_two_streets_named_by_one_plural_head_are_one_street(gazetteer_index):
    text = "Water rose near the intersection of Prince and Inglis streets in Truro, Nova Scotia."
    parsed = _parse(gazetteer_index, text)
    assert [(m.surface, m.place is None) for m in parsed.mentions][:2] == [
        ("Prince and Inglis streets", True),
        ("Truro", False),
    ]


def test_a_media_word_after_a_capitalised_word_is_a_title(gazetteer_index):
    # Herald is a town in California; the Hub Town Herald is a newspaper, even where "in
    # the Herald" made the name a place's
    text = (
        "Flash flooding swamped Truro businesses on Monday.\n\n"
        "The Canadian Red Cross said it was helping one family find accommodation.\n\n"
        "Elsewhere in the Herald\n- Stewiacke council approves new rec centre\n"
        "- Halifax man charged after Enfield highway chase\n- Tatamagouche brewery expands\n\n"
        "Most read: Victoria Park trail repairs | Nova Scotia power outages | Farmers market\n\n"
        "Sign up for the Hub Town Herald daily briefing\n© 2024 Hub Town Herald"
    )
    titles = {m.start() + 9 for m in re.finditer("Hub Town Herald", text)}
    found = {m.start for m in _parse(gazetteer_index, text).mentions}
    assert titles and not titles & found
