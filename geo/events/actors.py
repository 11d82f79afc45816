"""Who did it: rule-based actor phrases from the clause around a trigger.

* an agent after the trigger: "carried out by a Pantsir system", "authorised by President
  Trump";
* otherwise, unless the trigger is passive ("was recovered"), the noun phrase right before
  it: "Government fighters then sent", "Militia affiliated with the UN-recognized
  government had just overrun", "Iran's missile attack", "the US assassination";
* a relative clause takes its antecedent: "Haftar's forces, which last week retreated";
* "a militia commander named Mohamad Bahroun" gives the name; "the US air force's C-17
  cargo plane" gives the force that owns it ("US air force");
* metonyms in the clause ("Washington", "Moscow") are actors too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from geo.events.lexicon import load_lexicon
from geo.events.roles import ACTOR_NOUNS, Token, clause_span, tokenize
from geo.model import Mention
from geo.timewords import MONTH_NAMES, WEEKDAYS

__all__ = ["find_actors"]

_STOP = frozenset(
    """
    is are was were be been being has have had will would can could may might must do
    does did not no and or but in at on to from into via through over near for with by
    about as after before since while when where which who whom whose that this these
    those it they he she we i said says among against during under between than then
    although though because following if unless
    """.split()  # noqa: SIM905
)
_TRAILING = frozenset(
    """
    just then also reportedly allegedly secretly openly further swiftly repeatedly later
    already last this week month year yesterday today monday tuesday wednesday thursday
    friday saturday sunday has have had was were is are be been being will would
    """.split()  # noqa: SIM905
)
_LINKS = {"with": {"affiliated", "allied"}, "to": {"loyal", "linked", "close"}, "by": {"backed"}}
_LEADING = frozenset(
    """
    a an the another some several dozens hundreds thousands of its their
    """.split()  # noqa: SIM905
)
_PASSIVE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
#: Words of a time phrase, never an actor on their own ("Friday night", "early Tuesday").
_TIME_WORDS = (
    frozenset(WEEKDAYS)
    | frozenset(MONTH_NAMES)
    | frozenset(
        "night morning afternoon evening early late last next this week weekend day".split()  # noqa: SIM905
    )
)
_RELATIVE = frozenset(["which", "who", "that"])
_NOMINAL = frozenset(["a", "an", "the", "its", "their", "his", "her"])


@functools.cache
def _trigger_words() -> frozenset[str]:
    return frozenset(w for t in load_lexicon() for w in t.triggers if " " not in w)


def _np_before(tokens: list[Token], end: int, stop_at_of: bool = False) -> list[Token]:
    """The noun phrase whose last token is ``tokens[end - 1]``, walking backwards."""
    i = end - 1
    while i >= 0:
        low = tokens[i].low
        if stop_at_of and low == "of":
            break
        if low in _LINKS and i > 0 and tokens[i - 1].low in _LINKS[low]:
            i -= 2
            continue
        if (
            low in _STOP
            or low in _trigger_words()
            or not re.fullmatch(r"[\w'’.-]*\w[\w'’.-]*", tokens[i].text)
        ):
            break
        i -= 1
    return tokens[i + 1 : end]


def _clean(tokens: list[Token], text: str) -> str | None:
    while tokens and (tokens[0].low in _LEADING or not tokens[0].text[0].isalpha()):
        tokens = tokens[1:]
    lows = [t.low for t in tokens]
    for word in ("named", "called"):
        if word in lows and lows.index(word) + 1 < len(lows):
            tokens = tokens[lows.index(word) + 1 :]
            break
    if not tokens or tokens[-1].low == "of" or all(t.low in _TIME_WORDS for t in tokens):
        return None  # "in Friday night crash": a time, not who crashed
    phrase = text[tokens[0].start : tokens[-1].end]
    owner = re.match(r"(.+?)['’]s?(?=\s|$)", phrase)
    if owner and not any(w in ACTOR_NOUNS for w in phrase[owner.end() :].lower().split()):
        phrase = owner.group(1)
    phrase = phrase.strip(" ’'")
    return phrase or None


def find_actors(
    text: str,
    trigger: tuple[int, int],
    mentions: Sequence[Mention] = (),
    *,
    lo: int = 0,
    hi: int | None = None,
) -> tuple[str, ...]:
    """Actor phrases for the event whose trigger is ``text[trigger[0]:trigger[1]]``.

    Parameters
    ----------
    text
        The text the offsets point into.
    trigger
        ``(start, end)`` of the trigger.
    mentions
        Place mentions of the sentence; the metonyms among them are actors.
    lo, hi
        The sentence bounds in ``text`` (the whole text by default).

    Returns
    -------
    tuple of str
        Distinct phrases, agent first; empty when no actor is found.

    Examples
    --------
    >>> s = "Government fighters then sent the Pantsir to the town of Zawiya."
    >>> find_actors(s, (25, 29))
    ('Government fighters',)
    >>> s = "A drone attack authorised by President Trump hit the car."
    >>> find_actors(s, (8, 14))
    ('President Trump',)
    """
    hi = len(text) if hi is None else hi
    start, end = clause_span(text, trigger, lo, hi)
    actors: list[str] = []
    after = tokenize(text, trigger[1], end)
    for i, tok in enumerate(after[:8]):
        if tok.low == "by":
            rest = after[i + 1 :]
            j = 0
            while (
                j < len(rest)
                and rest[j].low not in _STOP
                and rest[j].low not in _trigger_words()
                and re.fullmatch(r"[\w'’.-]*\w[\w'’.-]*", rest[j].text)
            ):
                j += 1
            phrase = _clean(rest[:j], text)
            if phrase:
                actors.append(phrase)
            break
    before = tokenize(text, start, trigger[0])
    n = len(before)
    passive = False
    while n and before[n - 1].low in _TRAILING:
        passive = passive or before[n - 1].low in _PASSIVE
        n -= 1
    if not passive and not actors:
        if n and before[n - 1].low in _RELATIVE:
            antecedent = tokenize(text, lo, before[n - 1].start)
            k = len(antecedent)
            while k and antecedent[k - 1].text in (",", "(", ")"):
                k -= 1
            phrase = _clean(_np_before(antecedent, k), text)
        else:
            possessive = bool(n) and before[n - 1].low.endswith(("'s", "’s"))
            np = _np_before(before, n, stop_at_of=possessive)
            nominal = [i for i, t in enumerate(np[-2:]) if t.low in _NOMINAL]
            if nominal and not possessive:  # "the US assassination", "a total withdrawal"
                np = [
                    t for t in np[len(np) - len(np[-2:]) + nominal[-1] + 1 :] if t.text[0].isupper()
                ]
            phrase = _clean(np, text)
        if phrase and phrase.lower() not in _STOP:
            actors.append(phrase)
    for m in mentions:
        follows = re.match(r"-|\s+([a-z]+)", text[m.end : m.end + 30])
        adjectival = follows is not None and (follows.group(1) or "-") not in _STOP
        if (
            not m.literal
            and start <= m.start < trigger[0]
            and not adjectival
            and not any(m.surface in a for a in actors)
        ):
            actors.append(m.surface)
    return tuple(dict.fromkeys(actors))
