"""Roles of places in short texts: one case per pattern locate must handle."""

from __future__ import annotations

import pytest

from geo.events.roles import is_modifier, locate
from geo.model import Mention


def mention(text: str, surface: str, nth: int = 0, literal: bool = True) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention("t", start, start + len(surface), surface, literal=literal)


def run(text: str, trigger: str, places: list[str], metonyms: tuple[str, ...] = ()):
    start = text.index(trigger)
    mentions = [mention(text, p) for p in places] + [
        mention(text, m, literal=False) for m in metonyms
    ]
    return [(m.surface, role) for m, role in locate(text, (start, start + len(trigger)), mentions)]


# (text, trigger, place mentions, metonyms, expected)
CASES = [
    ("Rebels attacked the garrison in Kabul.", "attacked", ["Kabul"], (), [("Kabul", "site")]),
    # the "to" before the trigger is the responders', not the collision's
    (
        "Police responded to a collision on Highway 97.",
        "collision",
        ["Highway 97"],
        (),
        [("Highway 97", "site")],
    ),
    ("A drone was shot down over Libya.", "shot down", ["Libya"], (), [("Libya", "site")]),
    ("Troops fled from Tarhouna.", "fled", ["Tarhouna"], (), [("Tarhouna", "origin")]),
    ("The system was flown to Ramstein.", "flown", ["Ramstein"], (), [("Ramstein", "destination")]),
    (
        "The jets had flown from Russia via Iran and Syria.",
        "flown",
        ["Russia", "Iran", "Syria"],
        (),
        [("Russia", "origin"), ("Iran", "via"), ("Syria", "via")],
    ),
    (
        "They moved it through Chad into Niger.",
        "moved",
        ["Chad", "Niger"],
        (),
        [("Chad", "via"), ("Niger", "destination")],
    ),
    ("Aircraft arrived in eastern Libya.", "arrived", ["Libya"], (), [("Libya", "destination")]),
    ("Militias overran Gharyan.", "overran", ["Gharyan"], (), [("Gharyan", "site")]),
    (
        "The system was recovered from the Watiya airbase.",
        "recovered",
        ["Watiya airbase"],
        (),
        [("Watiya airbase", "site")],
    ),
    ("In Misrata, a man was killed.", "killed", ["Misrata"], (), [("Misrata", "site")]),
    # metonyms and demonyms never locate
    ("Washington said the Iranian attack failed.", "attack", [], ("Washington", "Iranian"), []),
    (
        "Moscow deployed jets to Libya.",
        "deployed",
        ["Libya"],
        ("Moscow",),
        [("Libya", "destination")],
    ),
    # modifiers of actors or things are not places
    ("US military bases were hit.", "hit", ["US"], (), []),
    ("They left the Iran nuclear deal.", "left", ["Iran"], (), []),
    ("Forces loyal to Libya's government paraded a truck.", "paraded", ["Libya"], (), []),
    ("It came after Iran's missile attack.", "missile attack", ["Iran"], (), []),
    # containers only say where the previous place is
    (
        "It was sent to the Ramstein base in south-west Germany.",
        "sent",
        ["Ramstein", "Germany"],
        (),
        [("Ramstein", "destination")],
    ),
    (
        "Bombs hit the Ain al-Asad Airbase west of Baghdad.",
        "hit",
        ["Ain al-Asad Airbase", "Baghdad"],
        (),
        [("Ain al-Asad Airbase", "site")],
    ),
    (
        "A bomb exploded in the Adhamiya neighborhood of Baghdad.",
        "exploded",
        ["Adhamiya", "Baghdad"],
        (),
        [("Adhamiya", "site")],
    ),
    (
        "Fighters captured the key Hama town of Kafr Zita.",
        "captured",
        ["Hama", "Kafr Zita"],
        (),
        [("Kafr Zita", "site")],
    ),
    # coordination and lists
    (
        "They retreated from Tripoli airport and the city of Tarhouna.",
        "retreated",
        ["Tripoli airport", "Tarhouna"],
        (),
        [("Tripoli airport", "origin"), ("Tarhouna", "origin")],
    ),
    (
        "Jets struck at Ariha, Saraqib, and Idlib City.",
        "struck",
        ["Ariha", "Saraqib", "Idlib City"],
        (),
        [("Ariha", "site"), ("Saraqib", "site"), ("Idlib City", "site")],
    ),
    (
        "Rebels seized warehouses in Dabiq, Syria, on Friday.",
        "seized",
        ["Dabiq", "Syria"],
        (),
        [("Dabiq", "site")],
    ),
    # "where" gives the site of a relative clause
    (
        "They sent it to the town of Zawiya where a commander seized it.",
        "seized",
        ["Zawiya"],
        (),
        [("Zawiya", "site")],
    ),
    # other clauses are other events
    ("Iran fired missiles, which had been built in Russia.", "fired", ["Russia"], (), []),
    ("Troops withdrew after talks in Geneva.", "withdrew", ["Geneva"], (), []),
    ("A man from California was killed.", "killed", ["California"], (), []),
    # a march down a street, a drive up one: the street is where it happened
    (
        "Several hundred people marched down Victoria Avenue this morning.",
        "marched",
        ["Victoria Avenue"],
        (),
        [("Victoria Avenue", "site")],
    ),
    # a verb's particle is no preposition of the place further on
    (
        "An extremist burned down the house of lawmaker Koichi Kato in Tokyo.",
        "burned",
        ["Koichi Kato", "Tokyo"],
        (),
        [("Tokyo", "site")],
    ),
    (
        "He was killed when a bomb exploded at Basra.",
        "killed",
        ["Basra"],
        (),
        [("Basra", "site")],
    ),
]


@pytest.mark.parametrize(("text", "trigger", "places", "metonyms", "expected"), CASES)
def test_locate_patterns(text, trigger, places, metonyms, expected) -> None:
    assert run(text, trigger, places, metonyms) == expected


def test_unknown_trigger_gets_static_roles() -> None:
    text = "Protesters gathered in Geneva."
    assert run(text, "gathered", ["Geneva"]) == [("Geneva", "site")]


def test_is_modifier() -> None:
    text = "Zuwara airport and the US air force"
    assert not is_modifier(text, mention(text, "Zuwara"), (0, 0))
    assert is_modifier(text, mention(text, "US"), (0, 0))
