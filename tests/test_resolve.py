"""Resolution: the terms that choose between the places a name can mean."""

from __future__ import annotations

import pytest

from geo.gazetteer.index import Hit
from geo.model import Place
from geo.toponyms import Span


def _span(start: int, surface: str, *places: Place) -> Span:
    hits = tuple(Hit(p, "name") for p in places)
    return Span(start, start + len(surface), surface, surface.lower(), hits)


def _town(place_id: str, lat: float, lon: float) -> Place:
    return Place(place_id, place_id, lat, lon, "city", population=1_000)


def test_candidates_near_each_other_support_each_other():
    from geo.resolve import resolve_spans

    # two names, each a town near the other's or one far away; the far ones come first
    # in place-id order, which decides a tie, so without the term both would be far
    alpha = _span(0, "Alpha", _town("a1-far", 0.0, 50.0), _town("a2-near", 40.0, -90.0))
    gamma = _span(10, "Gamma", _town("g1-far", -30.0, 20.0), _town("g2-near", 40.1, -90.1))
    mentions = resolve_spans([alpha, gamma], "Alpha and Gamma", min_evidence=0.0)
    assert [m.place.place_id for m in mentions] == ["a2-near", "g2-near"]
    assert "beside Gamma +1.5" in mentions[0].reason
    assert "beside Alpha +1.5" in mentions[1].reason


def test_a_neighbour_says_which_place_a_name_is_not_whether_it_is_one():
    from geo.resolve import _base_scores, resolve_spans

    alpha = _span(0, "Alpha", _town("a1-far", 0.0, 50.0), _town("a2-near", 40.0, -90.0))
    gamma = _span(10, "Gamma", _town("g1-far", -30.0, 20.0), _town("g2-near", 40.1, -90.1))
    evidence = max(s.total for s in _base_scores(alpha))
    # the bonus (1.5) would lift both names over this bar if it counted as evidence
    assert resolve_spans([alpha, gamma], "Alpha and Gamma", min_evidence=evidence + 1.0) == []
    kept = resolve_spans([alpha, gamma], "Alpha and Gamma", min_evidence=evidence - 0.1)
    assert len(kept) == 2


def test_a_far_namesake_of_a_small_place_lends_no_support():
    from geo.resolve import resolve_spans

    # Beta's best prior is the big city; its small namesake near Alpha's second town is
    # not plausible enough to vouch for it
    big = Place("b1-big", "Beta", 10.0, 10.0, "city", population=2_000_000)
    small = _town("b2-small", 40.1, -90.1)
    alpha = _span(0, "Alpha", _town("a1-far", 0.0, 50.0), _town("a2-near", 40.0, -90.0))
    beta = _span(10, "Beta", big, small)
    mentions = resolve_spans([alpha, beta], "Alpha and Beta", min_evidence=0.0)
    assert mentions[0].place.place_id == "a1-far"
    assert "beside" not in mentions[0].reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Huntsville, Alabama is the larger; Walker County is in Texas, Alabama and Georgia
        (
            "The Walker County commissioners met in Huntsville on Monday.",
            {"Walker County": "Texas", "Huntsville": "Texas"},
        ),
        (
            "Voters in Springfield and Greene County went to the polls.",
            {"Springfield": "Missouri", "Greene County": "Missouri"},
        ),
        # small towns of Pennsylvania share these names; the cities are meant
        (
            "The crown prince visited Washington, Boston and Houston last month.",
            {"Washington": "Washington, D.C.", "Boston": "Massachusetts", "Houston": "Texas"},
        ),
    ],
)
def test_names_of_one_article_are_read_as_neighbours(gazetteer_index, text, expected):
    from geo.pipeline import Geoparser

    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    assert {m.surface: m.place.admin1 for m in parsed.mentions} == expected


def test_neighbours_are_the_same_whether_measured_in_python_or_numpy(gazetteer_index, monkeypatch):
    import geo.resolve
    from geo.pipeline import Geoparser

    text = (
        "The Walker County commissioners met in Huntsville on Monday. Deputies from "
        "Conroe, Bryan, Madisonville, Crockett, Navasota and Livingston joined them, and "
        "officials from Springfield, Greene County, Columbia, Jefferson City and Cambridge "
        "sent letters."
    )

    def parse(threshold: int) -> list[tuple]:
        monkeypatch.setattr(geo.resolve, "_NUMPY_NEIGHBOURS", threshold)
        parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
        return [
            (m.surface, m.place and m.place.place_id, m.score, m.reason, m.candidates)
            for m in parsed.mentions
        ]

    in_python, in_numpy = parse(10**9), parse(0)
    assert in_numpy == in_python
    assert sum("beside" in reason for *_, reason, _ in in_numpy) >= 4
    assert dict((m[0], m[3]) for m in in_numpy)["Huntsville"].count("beside Walker County") == 1


def _names_case(longer: str, *places: Place):
    """A bare "Alpha" that may mean two towns, and a longer name that means the second."""
    from geo.resolve import resolve_spans

    far, near = _town("a1-far", 0.0, 50.0), _town("a2-named", 40.0, -90.0)
    text = f"Alpha and {longer}"
    alpha = _span(0, "Alpha", far, near)
    other = _span(10, longer, *(places or (near,)))
    return resolve_spans([alpha, other], text, min_evidence=0.0)


def test_a_longer_name_of_the_article_says_which_town_a_bare_name_is():
    # both towns score alike on their own, and the tie goes to the first place id
    mentions = _names_case("Alpha on the Hill")
    assert mentions[0].place.place_id == "a2-named"
    assert "also named Alpha on the Hill +3.0" in mentions[0].reason


@pytest.mark.parametrize(
    ("longer", "why"),
    [
        ("Alpha City", "one word more is a name of its own (San Carlos City)"),
        ("Beta on the Hill", "the longer name does not open with the bare one"),
    ],
)
def test_other_names_that_do_not_say_which_town_a_name_is(longer, why):
    mentions = _names_case(longer)
    assert mentions[0].place.place_id == "a1-far", why
    assert "also named" not in mentions[0].reason


def test_a_longer_name_that_may_mean_two_places_says_nothing():
    elsewhere = _town("z-elsewhere", -10.0, 10.0)
    mentions = _names_case("Alpha on the Hill", _town("a2-named", 40.0, -90.0), elsewhere)
    assert "also named" not in mentions[0].reason


def test_a_bare_name_beside_its_long_form_on_the_real_gazetteer(gazetteer_index):
    from geo.pipeline import Geoparser

    text = (
        "A pilot died when his plane crashed after taking off from the airport at "
        "Shoreham. Walkers on the riverside path at Shoreham-by-Sea saw it come down."
    )
    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(text)
    places = {m.surface: m.place.name for m in parsed.mentions if m.place}
    # not the village of Shoreham in Kent, 60 km away
    assert places["Shoreham"] == "Shoreham-by-Sea"
    # "Oklahoma" stays the state beside "Oklahoma City"
    parsed = Geoparser(index=gazetteer_index, events=False).parse_text(
        "Oklahoma lawmakers met in Oklahoma City on Monday."
    )
    assert [m.place.kind for m in parsed.mentions] == ["admin1", "city"]


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        # the town 3 degrees (334 km) from Gamma, not the one 0.9 degrees (100 km) away
        (", about 330km south-east of ", "a2-far"),
        (" 210 miles from ", "a2-far"),
        # a distance that fits neither says nothing; the nearer town is nearer other places
        (", 50 km from ", "a1-near"),
        (" and ", "a1-near"),
    ],
)
def test_a_stated_distance_from_another_place_says_which_town(gap, expected):
    from geo.resolve import resolve_spans

    text = f"Alpha{gap}Gamma"
    alpha = _span(0, "Alpha", _town("a1-near", 40.9, -90.0), _town("a2-far", 43.0, -90.0))
    gamma = _span(len(text) - 5, "Gamma", _town("g", 40.0, -90.0))
    mentions = resolve_spans([alpha, gamma], text, min_evidence=0.0)
    assert mentions[0].place.place_id == expected


def test_a_stated_distance_in_thousands_of_km():
    from geo.resolve import resolve_spans

    text = "Alpha, 1,100 km from Gamma"
    alpha = _span(0, "Alpha", _town("a1-near", 40.9, -90.0), _town("a2-far", 49.9, -90.0))
    gamma = _span(len(text) - 5, "Gamma", _town("g", 40.0, -90.0))
    assert resolve_spans([alpha, gamma], text, min_evidence=0.0)[0].place.place_id == "a2-far"


def _far_village_case(text: str):
    from geo.model import Mention
    from geo.resolve import _far_villages, _Prior, _Scored

    pretoria = Place("t:pta", "Pretoria", -25.74, 28.19, "city", "ZA", "Gauteng", 700_000)
    village = Place("t:mam", "Mamelodi", -24.60, 31.02, "city", "ZA", "Mpumalanga", 5_000)
    spans, mentions, readings = [], [], []
    for surface, place, population in (("PRETORIA", pretoria, 3.5), ("Mamelodi", village, 2.0)):
        start = text.index(surface)
        end = start + len(surface)
        reading = _Scored(_Prior(place, [("population", population)]))
        reading.add("focus ZA", 2.5)
        spans.append(Span(start, end, surface, surface.lower(), (Hit(place, "name"),)))
        mentions.append(Mention("t", start, end, surface, place, 1.0, reason=reading.reason))
        readings.append(reading)
    return _far_villages(spans, mentions, readings, text, "t")


def test_a_far_village_named_as_a_place_is_reported_unresolved() -> None:
    _, mentions = _far_village_case("PRETORIA — A shop in Mamelodi was robbed.")
    assert [(m.surface, m.place and m.place.name) for m in mentions] == [
        ("PRETORIA", "Pretoria"),
        ("Mamelodi", None),
    ]
    assert "a village 312 km from Pretoria" in mentions[1].reason


def test_a_far_village_with_nothing_placelike_about_it_is_no_place() -> None:
    spans, mentions = _far_village_case("PRETORIA — Mamelodi said the shop was robbed.")
    assert [m.surface for m in mentions] == [s.surface for s in spans] == ["PRETORIA"]
