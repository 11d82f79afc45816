"""Sentence splitting with offsets."""

from __future__ import annotations

import pytest

from geo.events.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maj. Gen. Qasem Soleimani was killed. Iran fired.",
            ["Maj. Gen. Qasem Soleimani was killed.", "Iran fired."],
        ),
        (
            "The U.S. Central Command said so. Dr. Smith agreed.",
            ["The U.S. Central Command said so.", "Dr. Smith agreed."],
        ),
        ("It cost 3.5 million. Then it ended.", ["It cost 3.5 million.", "Then it ended."]),
        ('He said: "It is over." They left.', ['He said: "It is over."', "They left."]),
        ("A headline\nThe body. More body.", ["A headline", "The body.", "More body."]),
        ("Why? Because. no split here", ["Why?", "Because. no split here"]),
        ("On Jan. 8 it began.", ["On Jan. 8 it began."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_offsets_and_paragraphs() -> None:
    text = "First one. Second one.\n\n  Third one.  \nFourth"
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [s.text for s in sentences]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2]


def test_empty() -> None:
    assert split_sentences("\n \n") == []
