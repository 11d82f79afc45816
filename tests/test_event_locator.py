"""Event geolocation on sentences: proposals, rule readings, selector features and model."""

from __future__ import annotations

import json

import pytest

from geo.events.locator import EventLocator, capitalised_names, speculative_places
from geo.events.roles import RULES, locate, read_mentions
from geo.events.selector import (
    DEFAULT_MODEL,
    NEVER,
    STACK_FEATURES,
    Selector,
    SelectorModelError,
    Tree,
    load_selector,
    pair_features,
    stack_features,
)
from geo.model import Mention, Place


def mention(text: str, surface: str, literal: bool = True, place: Place | None = None) -> Mention:
    start = text.index(surface)
    return Mention("s", start, start + len(surface), surface, place=place, literal=literal)


def span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


CITY = Place("geonames:1", "Somewhere", 0.0, 0.0, "city", "SY", population=200_000)
COUNTRY = Place("country:SY", "Syria", 35.0, 38.0, "country", "SY", population=20_000_000)


# --- proposals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # villages no gazetteer holds, in a list after "the villages of"
        (
            "Rebels captured the villages of Alqarmeel, Nahshaba and Ard Alwata.",
            ["Rebels", "Alqarmeel", "Nahshaba", "Ard Alwata"],
        ),
        # a leading function word is trimmed; Arabic articles and hyphens stay inside
        ("The Al-Hamdaniyah district was shelled.", ["Al-Hamdaniyah"]),
        ("Fighters invaded Tse-Usenda at dawn.", ["Fighters", "Tse-Usenda"]),
        # connectors join; trailing months and weekdays (even possessive) are cut off
        ("A blast hit Aynha do Norte on Monday.", ["Aynha do Norte"]),
        ("Troops entered Kiliba October 3.", ["Troops", "Kiliba"]),
        ("It was Wednesday's attack.", []),
        # a possessive is cut off
        ("Deir Ezzor's Jabiliyah District burned.", ["Deir Ezzor", "Jabiliyah District"]),
        # Roman numerals continue a name
        ("Rebels took Rasai II.", ["Rebels", "Rasai II"]),
    ],
)
def test_capitalised_names(text, expected):
    assert [m.surface for m in capitalised_names(text, [])] == expected


def test_capitalised_names_skip_known_mentions():
    text = "Gunmen attacked Kidal and Tessalit."
    known = [mention(text, "Kidal")]
    found = capitalised_names(text, known)
    assert [m.surface for m in found] == ["Gunmen", "Tessalit"]
    assert all(m.place is None and m.reason == "capitalised name" for m in found)


def test_off_a_place_is_after_a_preposition():
    text = "The boat began taking on water off Kilmore Quay."
    assert [m.surface for m in speculative_places(text, [])] == ["Kilmore Quay"]


def test_a_weekday_or_a_month_ends_a_name_after_a_preposition():
    text = "A driver struck a man on Chartiers Avenue Monday night and fled to Ohio in March."
    assert [m.surface for m in speculative_places(text, [])] == ["Chartiers Avenue"]


def test_speculative_places_stay_narrow():
    # the preposition rule is the narrow one: only after a locative preposition
    text = "Gunmen attacked Kidal and Tessalit."
    assert speculative_places(text, []) == []


# --- rule readings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "places", "metonyms", "expected"),
    [
        ("Rebels attacked the garrison in Kabul.", "attacked", ["Kabul"], (), {"Kabul": "located"}),
        (
            "Washington said rebels attacked Kidal.",
            "attacked",
            ["Kidal"],
            ("Washington",),
            {"Washington": "metonym", "Kidal": "located"},
        ),
        ("US forces were attacked.", "attacked", ["US"], (), {"US": "modifier noun"}),
        (
            "Iraq protested after rebels attacked Mosul.",
            "attacked",
            ["Iraq", "Mosul"],
            (),
            {"Iraq": "other clause", "Mosul": "located"},
        ),
        (
            "Rebels attacked Kabal in northern Swat.",
            "attacked",
            ["Kabal", "Swat"],
            (),
            {"Kabal": "located", "Swat": "container"},
        ),
        (
            "A bomb hit the Adhamiya neighborhood of Baghdad.",
            "hit",
            ["Adhamiya", "Baghdad"],
            (),
            {"Adhamiya": "located", "Baghdad": "contains the previous place"},
        ),
        (
            "The Syria conflict killed many.",
            "killed",
            ["Syria"],
            (),
            {"Syria": "modifier noun"},
        ),
        (
            "Gunmen killed him; later police in Lagos arrested two.",
            "killed",
            ["Lagos"],
            (),
            {"Lagos": "other clause"},
        ),
    ],
)
def test_read_mentions_names_the_deciding_rule(text, trigger, places, metonyms, expected):
    mentions = [mention(text, p) for p in places] + [
        mention(text, m, literal=False) for m in metonyms
    ]
    readings = read_mentions(text, span(text, trigger), mentions)
    assert {r.mention.surface: r.rule for r in readings} == expected
    assert all(r.rule in RULES for r in readings)
    # locate is exactly the located readings
    assert [(m.surface, role) for m, role in locate(text, span(text, trigger), mentions)] == [
        (r.mention.surface, r.role) for r in readings if r.role is not None
    ]


def test_reading_of_the_trigger_itself():
    text = "Rebels shelled Homs."
    readings = read_mentions(text, span(text, "Homs"), [mention(text, "Homs")])
    assert [r.rule for r in readings] == ["overlaps the trigger"]


@pytest.mark.parametrize(
    ("text", "trigger", "place", "rule", "fallback"),
    [
        # a rejected mention keeps the role its preposition would give
        (
            "Troops fled, said officials from Tarhouna.",
            "fled",
            "Tarhouna",
            "other clause",
            "origin",
        ),
        # "to" gives no role to a static event: a site if the selector keeps it anyway
        ("Gunmen killed a man going to Sirte.", "killed", "Sirte", "no preposition", "site"),
    ],
)
def test_reading_fallback_role(text, trigger, place, rule, fallback):
    (reading,) = read_mentions(text, span(text, trigger), [mention(text, place)])
    assert (reading.rule, reading.role, reading.fallback_role) == (rule, None, fallback)


# --- features ---------------------------------------------------------------------------


def features_of(text, trigger, places, sources=None, **places_kw):
    mentions = [mention(text, p, place=places_kw.get(p)) for p in places]
    readings = read_mentions(text, span(text, trigger), mentions)
    return {
        r.mention.surface: f
        for r, f in zip(
            readings,
            pair_features(text, span(text, trigger), readings, sources=sources),
            strict=True,
        )
    }


def test_features_of_a_located_mention():
    f = features_of("Gunmen killed two men in Kidal.", "killed", ["Kidal"])["Kidal"]
    assert f["rule=located"] == f["prep=in"] == f["prev=in"] == f["role=site"] == 1.0
    assert f["source=recognised"] == f["kind=none"] == 1.0
    assert f["distance"] == 4.0 and f["nearest on its side"] == 1.0
    assert "before" not in f  # zero values are left out
    assert f["event type=killing"] == 1.0


def test_features_of_lists_and_containers():
    text = "Jets struck the villages of Hazarah, Tal Maksour and Jobar near Aleppo, Syria."
    f = features_of(
        text,
        "struck",
        ["Hazarah", "Tal Maksour", "Jobar", "Aleppo", "Syria"],
        Aleppo=CITY,
        Syria=COUNTRY,
    )
    assert f["Hazarah"]["prev2 place noun"] == 1.0
    assert f["Tal Maksour"]["comma after previous place"] == 1.0
    assert f["Jobar"]["and after previous place"] == 1.0
    assert f["Aleppo"]["container of previous"] == 1.0
    assert f["Syria"]["container of previous"] == 1.0
    assert f["Syria"]["level"] == 4.0 and f["Syria"]["more general than a neighbour"] == 1.0
    assert f["Aleppo"]["more specific than a neighbour"] == 1.0
    assert f["Hazarah"]["candidates"] == 5.0


def test_features_of_person_like_names_and_sources():
    text = "Mr. Karzai said that police in Kandahar killed Abdul Haq."
    sources = {
        span(text, "Karzai"): "person-like name",
        span(text, "Abdul Haq"): "capitalised name",
    }
    f = features_of(text, "killed", ["Karzai", "Kandahar", "Abdul Haq"], sources)
    assert f["Karzai"]["prev title"] == 1.0 and f["Karzai"]["source=person-like name"] == 1.0
    assert f["Abdul Haq"]["given name"] == 1.0
    assert f["Kandahar"]["before"] == 1.0
    assert f["Kandahar"]["source=recognised"] == 1.0


def test_features_of_possessive_and_quotes():
    text = 'He said "Mogadishu\'s Yaqshid district was calm" after gunmen attacked it.'
    f = features_of(text, "attacked", ["Mogadishu", "Yaqshid"])
    assert f["Mogadishu"]["possessive"] == 1.0 and f["Mogadishu"]["owner of next"] == 1.0
    assert f["Yaqshid"]["in quotes"] == 1.0 and f["Yaqshid"]["quote between"] == 1.0


# --- the selector -----------------------------------------------------------------------


def stump(feature: str, low: float, high: float) -> Selector:
    """A one-split model: ``high`` log-odds when ``feature`` is set, ``low`` otherwise."""
    tree = Tree((0, -1, -1), (0.5, 0.0, 0.0), (1, -1, -1), (2, -1, -1), (0.0, low, high))
    return Selector([feature], [tree], init=0.0, learning_rate=1.0)


def test_selector_probability_sums_trees():
    sel = stump("before", -3.0, 3.0)
    assert sel.probability({"before": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-3))
    assert sel.probability({}) < 0.05
    assert sel.probability({"unknown feature": 1.0}) < 0.05  # unknown names are ignored


def test_selector_keeps_what_the_model_says_with_the_rules_role():
    text = "Troops fled from Tarhouna towards Sirte, said officials in Tripoli."
    mentions = [mention(text, p) for p in ("Tarhouna", "Sirte", "Tripoli")]
    # a model that keeps everything after the trigger, whatever the rules said
    sel = stump("before", 5.0, -5.0)
    found = sel.select(text, span(text, "fled"), mentions)
    assert [(m.surface, role) for m, role in found] == [
        ("Tarhouna", "origin"),
        ("Sirte", "destination"),
        ("Tripoli", "site"),  # rejected by the rules (another clause), kept by the model
    ]


def test_selector_never_keeps_metonyms():
    text = "Moscow denied that jets bombed Idlib."
    mentions = [mention(text, "Moscow", literal=False), mention(text, "Idlib")]
    keep_all = Selector([], [], init=10.0, learning_rate=1.0)
    found = keep_all.select(text, span(text, "bombed"), mentions)
    assert [m.surface for m, _ in found] == ["Idlib"]
    assert "metonym" in NEVER


@pytest.mark.parametrize(
    ("probs", "expected"),
    [
        ([], []),
        ([0.35], [True]),
        ([0.35, 0.5], [False, True]),  # the best one needs only the lower bar
        ([0.7, 0.65, 0.2], [True, True, False]),  # others need the higher bar
        ([0.2, 0.1], [False, False]),
    ],
)
def test_selector_decide_two_thresholds(probs, expected):
    sel = Selector([], [], init=0.0, learning_rate=1.0, threshold=0.3, threshold_others=0.6)
    assert sel.decide(probs) == expected


def test_selector_round_trips_through_json(tmp_path):
    sel = stump("before", -1.0, 2.0)
    sel.threshold, sel.threshold_others = 0.4, 0.55
    path = tmp_path / "model.json"
    path.write_text(json.dumps(sel.to_dict()))
    again = load_selector(path)
    assert again.to_dict() == sel.to_dict()
    assert again.probability({"before": 1.0}) == sel.probability({"before": 1.0})


def test_word_features_name_the_words_around_both_ends():
    text = "Gunmen from Kidal killed two young soldiers near Gao."
    f = features_of(text, "killed", ["Kidal", "Gao"])
    assert f["Kidal"]["word before=from"] == 1.0 and f["Kidal"]["word after=killed"] == 1.0
    assert f["Kidal"]["words before=gunmen from"] == 1.0
    assert f["Gao"]["word between=near"] == 1.0 and f["Gao"]["word between=soldiers"] == 1.0
    assert f["Gao"]["trigger word after=two"] == 1.0 and f["Gao"]["word after=."] == 1.0
    assert not any(k.startswith("words between=") for k in f["Gao"])  # gaps of <= 3 words only
    assert f["Kidal"]["words between="] == 1.0  # right before the trigger: an empty gap


def test_stack_features_compare_each_mention_with_the_others():
    rows = stack_features([0.2, 0.9, 0.6])
    assert [r.get("first stage rank") for r in rows] == [2.0, 0.0, 1.0]
    assert rows[1]["first stage best other"] == 0.6
    assert rows[1]["first stage margin"] == pytest.approx(0.3)
    assert rows[0]["first stage margin"] == pytest.approx(-0.7)
    assert all(r["first stage above half"] == 2.0 for r in rows)
    assert rows[2]["first stage sum of others"] == pytest.approx(1.1)
    assert set(rows[0]) == set(STACK_FEATURES)
    assert stack_features([0.4]) == [
        dict(zip(STACK_FEATURES, (0.4, 0.0, 0.0, 0.4, 0.0, 0.0), strict=True))
    ]


def test_second_stage_decides_from_the_whole_event():
    # stage one likes every mention; stage two keeps only the one with no rival above it
    first = stump("before", 1.0, 3.0)
    second = stump("first stage rank", 4.0, -4.0)
    sel = Selector(
        first.features, first.trees, init=0.0, learning_rate=1.0, stack=second, threshold=0.5
    )
    assert first.probabilities([{"before": 1.0}, {}]) == pytest.approx([0.953, 0.731], abs=1e-3)
    assert sel.probability({}) > 0.95  # alone, a mention ranks first
    two = sel.probabilities([{"before": 1.0}, {}])
    assert two[0] > 0.95 and two[1] < 0.05  # the weaker one has a rival above it
    assert sel.probabilities([{}, {}])[1] > 0.95  # a tie: both rank first


def test_two_stage_selector_round_trips_through_json(tmp_path):
    sel = stump("before", -1.0, 2.0)
    sel.stack = stump("first stage margin", -2.0, 1.0)
    path = tmp_path / "model.json"
    path.write_text(json.dumps(sel.to_dict()))
    load_selector.cache_clear()
    again = load_selector(path)
    assert again.stack is not None and again.to_dict() == sel.to_dict()
    rows = [{"before": 1.0}, {}]
    assert again.probabilities(rows) == sel.probabilities(rows)
    broken = sel.to_dict()
    broken["stack"]["trees"][0]["value"] = [0.0]
    with pytest.raises(SelectorModelError, match="second stage"):
        Selector.from_dict(broken, "m.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ('{"features": []}', "not a selector model"),
        (
            '{"features": ["a"], "init": 0, "learning_rate": 1, "trees": [{"feature": [3, -1, -1],'
            ' "threshold": [0, 0, 0], "left": [1, -1, -1], "right": [2, -1, -1],'
            ' "value": [0, 0, 0]}]}',
            "tree 0 is inconsistent",
        ),
    ],
)
def test_malformed_model_files_name_file_and_fix(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SelectorModelError, match=message) as info:
        load_selector(path)
    assert str(path) in str(info.value) and "train_event_locator.py" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_model_means_rules_only(tmp_path):
    assert load_selector(tmp_path / "absent.json") is None


# --- the shipped model ------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Selector:
    sel = load_selector()
    if sel is None:
        pytest.skip(f"no shipped model at {DEFAULT_MODEL}")
    return sel


def test_shipped_model_is_consistent(shipped):
    assert shipped.trees and shipped.features
    assert 0.0 < shipped.threshold <= shipped.threshold_others < 1.0
    assert all(max(t.feature) < len(shipped.features) for t in shipped.trees)
    assert any(name.startswith("rule=") for name in shipped.features)


@pytest.mark.parametrize(
    ("text", "trigger", "places", "metonyms", "expected"),
    [
        ("Gunmen killed two men in Kidal on Monday.", "killed", ["Kidal"], (), ["Kidal"]),
        (
            "Washington said an Iranian missile attack hit the Ain al-Asad base.",
            "hit",
            ["Ain al-Asad"],
            ("Washington", "Iranian"),
            ["Ain al-Asad"],
        ),
        ("Moscow denied the report.", "denied", [], ("Moscow",), []),
        ("At least 22 fighters were killed in the clashes.", "killed", [], (), []),
    ],
)
def test_shipped_model_on_plain_sentences(shipped, text, trigger, places, metonyms, expected):
    mentions = [mention(text, p, place=CITY) for p in places] + [
        mention(text, m, literal=False) for m in metonyms
    ]
    found = shipped.select(text, span(text, trigger), mentions)
    assert [m.surface for m, _ in found] == expected


# --- end to end on the real gazetteer ---------------------------------------------------


def test_event_locator_finds_unknown_villages(geoparser, shipped):
    locator = EventLocator(geoparser)
    text = "Fulani herdsmen stormed the village of Tse-Usenda, killing nine people."
    spans = locator.predict_spans(text, span(text, "killing"))
    assert [text[s:e] for s, e in spans] == ["Tse-Usenda"]


def test_event_locator_without_a_model_uses_the_rules(geoparser):
    locator = EventLocator(geoparser, selector=None)
    text = "Washington said rebels attacked a convoy near Kidal."
    assert [text[s:e] for s, e in locator.predict_spans(text, span(text, "attacked"))] == ["Kidal"]


def test_unknown_candidates_stay_inside_the_sentence() -> None:
    from geo.events.locator import unknown_candidates

    text = "Jets flew in support of Mabrouk.\n\nThen Qasr Bani Walid fell."
    first = text.index(".") + 1
    extra, _ = unknown_candidates(text, [], lo=0, hi=first)
    assert sorted(m.surface for m in extra) == ["Jets", "Mabrouk"]
    extra, _ = unknown_candidates(text, [], lo=first + 2, hi=len(text))
    assert [m.surface for m in extra] == ["Qasr Bani Walid"]


def test_unknown_candidates_skip_headlines_people_and_organisations() -> None:
    from geo.events.locator import is_title_case, unknown_candidates

    headline = "Iran Stages Missile Attack on US Bases in Response to Soleimani Killing"
    assert is_title_case(headline)
    assert unknown_candidates(headline, []) == ([], {})
    text = (
        "Fighters of the Wagner Group met Haftar's envoy at a checkpoint in Alqarmeel after "
        "the talks collapsed, officials said."
    )
    extra, sources = unknown_candidates(text, [], frozenset({"haftar"}))
    assert [(m.surface, sources[m.start, m.end]) for m in extra] == [
        ("Alqarmeel", "after a preposition"),
        ("Fighters", "capitalised name"),
    ]


def test_unknown_candidates_skip_names_that_modify_a_weapon_or_a_role() -> None:
    from geo.events.locator import unknown_candidates

    text = "Mercenaries were hauling their Pantsir air defence systems out of her Reshimbagh home."
    extra, _ = unknown_candidates(text, [])
    assert [m.surface for m in extra] == ["Mercenaries", "Reshimbagh"]
