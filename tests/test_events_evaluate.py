"""Scoring predicted event locations."""

from __future__ import annotations

import json

import pytest

from geo.events.evaluate import evaluate_locations, match_spans

LINES = [
    json.dumps(
        {
            "text": "Rebels attacked Kabul and Herat.",
            "events": [
                {
                    "trigger": {"start": 7, "end": 15},
                    "locations": [{"start": 16, "end": 21}, {"start": 26, "end": 31}],
                }
            ],
        }
    ),
    {
        "text": "They protested.",
        "events": [{"trigger": {"start": 5, "end": 14}, "locations": []}],
    },
]


@pytest.mark.parametrize(
    ("predictions", "expected"),
    [
        (
            {(7, 15): [(16, 21), (26, 31)], (5, 14): []},
            {"precision": 1.0, "recall": 1.0, "empty_correct": 1.0, "exact": 1.0},
        ),
        (
            {(7, 15): [(16, 21)], (5, 14): [(0, 4)]},
            {"precision": 0.5, "recall": 0.5, "empty_correct": 0.0, "exact": 0.0},
        ),
        (
            {(7, 15): [(16, 31)], (5, 14): []},
            {"precision": 1.0, "recall": 0.5, "empty_correct": 1.0, "exact": 0.5},
        ),
        (
            {(7, 15): [], (5, 14): []},
            {"precision": 0.0, "recall": 0.0, "empty_correct": 1.0, "exact": 0.5},
        ),
    ],
)
def test_evaluate(predictions, expected) -> None:
    scores = evaluate_locations(LINES, lambda text, trigger: predictions[trigger])
    for key, value in expected.items():
        assert scores[key] == pytest.approx(value), key
    assert scores["events"] == 2 and scores["gold"] == 2 and scores["empty_events"] == 1


def test_match_is_one_to_one() -> None:
    assert match_spans([(0, 10)], [(0, 3), (4, 8)]) == 1
    assert match_spans([(0, 3), (4, 8)], [(0, 10)]) == 1
    assert match_spans([], [(0, 1)]) == 0
