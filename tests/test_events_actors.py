"""Actor phrases from the clause around a trigger."""

from __future__ import annotations

import pytest

from geo.events.actors import find_actors
from geo.model import Mention


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Government fighters then sent the Pantsir to Zawiya.", "sent", ("Government fighters",)),
        (
            "Militia affiliated with the UN-recognized government had just overrun the base.",
            "overrun",
            ("Militia affiliated with the UN-recognized government",),
        ),
        (
            "the town where a militia commander named Mohamad Bahroun seized it.",
            "seized",
            ("Mohamad Bahroun",),
        ),
        (
            "the airport where the US air force’s C-17 cargo plane collected it.",
            "collected",
            ("US air force",),
        ),
        (
            "reverses for Haftar's forces, which last week retreated from Tripoli.",
            "retreated",
            ("Haftar's forces",),
        ),
        (
            "Among them were dozens of Russian mercenaries hauling their systems.",
            "hauling",
            ("Russian mercenaries",),
        ),
        ("It was shot down by a Pantsir system.", "shot down", ("Pantsir system",)),
        ("The system was recovered from the airbase.", "recovered", ()),
        ("in the wake of Iran's missile attack", "missile attack", ("Iran",)),
        ("the US assassination of Soleimani", "assassination", ("US",)),
        ("US officials ruled out a total withdrawal.", "withdrawal", ()),
        (
            "Forces loyal to Libya's UN-recognized government parade a truck.",
            "parade",
            ("Forces loyal to Libya's UN-recognized government",),
        ),
    ],
)
def test_find_actors(text: str, trigger: str, expected: tuple[str, ...]) -> None:
    start = text.index(trigger)
    assert find_actors(text, (start, start + len(trigger))) == expected


def test_metonyms_before_the_trigger_are_actors() -> None:
    text = "Washington and Moscow deployed jets, and Russian jets struck."
    mentions = [
        Mention("t", 0, 10, "Washington", literal=False),
        Mention("t", 15, 21, "Moscow", literal=False),
        Mention("t", 41, 48, "Russian", literal=False),
    ]
    start = text.index("deployed")
    assert find_actors(text, (start, start + 8), mentions) == ("Moscow", "Washington")


@pytest.mark.parametrize("time", ["Friday night", "early Tuesday", "last March"])
def test_a_time_before_the_trigger_is_no_actor(time: str) -> None:
    s = f"Woman killed in {time} crash on Route 9"
    i = s.index("crash")
    assert find_actors(s, (i, i + 5)) == ()
