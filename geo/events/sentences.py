"""Sentence splitting with character offsets.

Rules, in order:

* every line break ends a sentence, and a line is a paragraph: news text pasted from the
  web puts one paragraph on a line, and blank lines only add to that;
* ``.``, ``!`` or ``?`` (optionally followed by closing quotes or brackets) end a sentence
  when whitespace and an upper-case letter, a digit or an opening quote follow;
* except after a known abbreviation ("Maj.", "Gen.", "Dr.", "Jan.") or a run of
  single-letter initials ("U.S.", "U.N."): those never end a sentence, so "in the U.S. The
  next day" stays one sentence (rare, and cheaper than splitting "U.S. Central Command");
* a point between digits ("3.5") is never a boundary, since no whitespace follows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ABBREVIATIONS", "Sentence", "split_sentences"]

#: Words that take a full stop without ending a sentence (compared case-insensitively).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st mt ft gen maj lt col capt cpt sgt cpl pvt adm cmdr brig gov sen
    rep pres amb rev fr sr jr hon no nos vol fig art sec dept inc co corp ltd bros est
    approx vs etc al jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
    thu thur thurs fri sat sun
    """.split()  # noqa: SIM905
)

_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)\.$")
#: How much text before a full stop is read for the word it ends (no abbreviation is longer).
_WORD_WINDOW = 64


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: ``text == source[start:end]``, stripped of outer whitespace.

    ``paragraph`` counts the lines of the source (0-based) that hold any text.
    """

    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(chunk: str) -> bool:
    """Whether ``chunk`` (text up to and including a full stop) ends in an abbreviation."""
    match = _WORD_BEFORE.search(chunk)
    if match is None:
        return False
    word = match.group(1)
    if "." in word:  # U.S., U.N., e.g.
        return all(len(part) == 1 for part in word.split("."))
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences that keep their offsets into ``text``.

    Parameters
    ----------
    text
        Any text; line breaks separate paragraphs.

    Returns
    -------
    list of Sentence
        In text order; never empty strings.

    Examples
    --------
    >>> text = "Maj. Gen. Qasem Soleimani was killed.\\nThe U.S. said so. It was 3.5 km away."
    >>> [(s.text, s.paragraph) for s in split_sentences(text)]
    [('Maj. Gen. Qasem Soleimani was killed.', 0), ('The U.S. said so.', 1), ('It was 3.5 km away.', 1)]
    >>> s = split_sentences(text)[2]
    >>> text[s.start:s.end]
    'It was 3.5 km away.'
    """
    sentences: list[Sentence] = []
    paragraph = -1
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        paragraph += 1
        cut = 0
        for match in _END.finditer(body):
            # the word before the full stop is all that matters: search only its tail, not
            # the whole paragraph again for every full stop (quadratic on long paragraphs)
            tail = body[max(0, match.start() - _WORD_WINDOW) : match.start() + 1]
            if match.group().startswith(".") and _is_abbreviation(tail):
                continue
            _add(sentences, text, line_start + cut, line_start + match.end(), paragraph)
            cut = match.end()
        _add(sentences, text, line_start + cut, line_start + len(body), paragraph)
    return sentences


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    """Append ``text[start:end]`` stripped of whitespace, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end], paragraph))
