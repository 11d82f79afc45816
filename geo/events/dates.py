"""Date expressions in a sentence, normalised against the publication date.

What is recognised (case-insensitive where it is safe):

* a day and a month, with or without a year: "8 January", "May 18", "26 September 2019",
  "January 28, 2021" -> day precision; without a year, the latest such day not after
  publication;
* a month after "in"/"on"/"since"/"by"/"early"/"mid"/"late", with or without a year or
  "last year": "in December", "in late January", "in June last year", "in November 2019" ->
  month precision; without a year, the latest such month not after publication;
* a year after "in"/"during"/"since": "in 2019" -> year precision; a bare year ("the 2015
  deal") is not a date of the event;
* relative words: "yesterday", "last night", "today", "tonight", "this morning" (day when
  the publication date has a day, else its month); "last week" (the month of the week
  before publication); "last month", "this month", "last year", "this year"; a weekday
  ("on Monday": its latest occurrence on or before a day-precision publication date, else
  the publication month);
* holidays ("Christmas night", "on Christmas", "New Year's Eve", "Halloween", "Fourth of July",
  "Thanksgiving"): their latest occurrence on or before a day-precision publication date.

"since 2018" is found (``DateMention.since`` is true) but :func:`resolve_date` skips it:
the start of a state is not the date of an event. Vague spans ("within a couple of days",
"a few months after") are no date at all. Nothing is ever guessed: with no expression,
the answer is ``(None, None)``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from geo.model import Precision
from geo.timewords import MONTHS, WEEKDAYS

__all__ = ["DateMention", "find_dates", "resolve_date"]

logger = logging.getLogger(__name__)


# Full month names match in any case except "May"/"March", which must be capitalised.
_MONTH = (
    r"(?P<{g}>(?i:January|February|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|May|March|Mar\.)"
)
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "day_month",
            rf"\b{_DAY.format(g='day')}\s+(?:of\s+)?{_MONTH.format(g='month')}"
            rf"(?:,?\s+{_YEAR.format(g='year')})?\b",
        ),
        (
            "month_day",
            rf"\b{_MONTH.format(g='month')}\s+{_DAY.format(g='day')}\b(?!\s*(?:%|per))"
            rf"(?:,?\s+{_YEAR.format(g='year')})?",
        ),
        (
            "month",
            r"\b(?P<lead>(?i:in|on|since|by|during|until|early|mid|late|end\s+of)-?\s+)"
            r"(?:(?i:early|mid|late|the\s+end\s+of)-?\s+)?"
            rf"{_MONTH.format(g='month')}"
            rf"(?:,?\s+(?:{_YEAR.format(g='year')}|(?P<last>(?i:last\s+year|this\s+year))))?\b",
        ),
        ("year", rf"\b(?P<lead>(?i:in|during|since)\s+){_YEAR.format(g='year')}\b(?![-\d])"),
        ("year_rel", r"(?i)\b(?P<which>last|this|next)\s+year\b"),
        ("month_rel", r"(?i)\b(?P<which>last|this)\s+month\b"),
        ("week_rel", r"(?i)\b(?P<which>last|this)\s+week\b"),
        (
            "day_rel",
            r"(?i)\b(?P<which>yesterday|today|tonight|last\s+night"
            r"|this\s+(?:morning|afternoon|evening))\b",
        ),
        (
            "weekday",
            r"\b(?:(?i:on|last)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday"
            r"|Saturday|Sunday)\b",
        ),
        (
            "holiday",
            r"\b(?:(?P<christmas>Christmas)\s+(?P<part>Day|Eve|night|morning|afternoon|evening)"
            r"|(?i:on)\s+(?P<christmas_day>Christmas)\b"
            r"(?!\s+(?:Day|Eve|night|morning|afternoon|evening|tree|market|party|lights))"
            r"|(?P<newyear>New\s+Year[’']s)\s+(?P<newyear_part>Eve|Day)"
            r"|(?P<fixed>Boxing\s+Day|Halloween|Valentine[’']s\s+Day|St\.?\s+Patrick[’']s\s+Day"
            r"|Fourth\s+of\s+July)"
            r"|(?P<thanksgiving>Thanksgiving)(?:\s+(?:Day|night|morning|evening))?)\b"
            rf"(?:,?\s+{_YEAR.format(g='year')}\b)?",
        ),
    )
)
#: The month and day of the holidays :func:`find_dates` reads, by their first word.
_HOLIDAYS = {
    "boxing": (12, 26),
    "halloween": (10, 31),
    "valentine": (2, 14),
    "st": (3, 17),
    "fourth": (7, 4),
}


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence and the date it resolves to.

    ``date`` is the first day of the period for month and year precision. ``since`` marks
    the start of an open period ("since 2018").
    """

    start: int
    end: int
    text: str
    date: dt.date
    precision: Precision
    since: bool = False


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _latest(month: int, day: int, published: dt.date, precision: str | None) -> dt.date | None:
    """The latest ``month``/``day`` not after publication (at its precision)."""
    year = published.year
    if precision == "year":
        limit = (published.year, 12, 31)
    elif precision == "month":
        limit = (published.year, published.month, 31)
    else:
        limit = (published.year, published.month, published.day)
    if (month, day) > limit[1:]:
        year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _thanksgiving(year: int) -> dt.date:
    """The fourth Thursday of November (US)."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def _holiday(groups: dict, published: dt.date | None, precision: str | None) -> dt.date | None:
    """The holiday a match names: in its year if it has one, else its latest occurrence
    not after a day-precision publication date (none without one)."""
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("thanksgiving"):
        if year is not None:
            return _thanksgiving(year)
        if published is None or precision != "day":
            return None
        found = _thanksgiving(published.year)
        return found if found <= published else _thanksgiving(published.year - 1)
    if groups.get("christmas") or groups.get("christmas_day"):
        month, day = (12, 24) if groups.get("part") == "Eve" else (12, 25)
    elif groups.get("newyear"):
        month, day = (12, 31) if groups["newyear_part"] == "Eve" else (1, 1)
    else:
        month, day = _HOLIDAYS[re.split(r"[\s.’']", groups["fixed"])[0].lower()]
    if year is not None:
        return dt.date(year, month, day)
    if published is None or precision != "day":
        return None
    return _latest(month, day, published, precision)


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None, precision: str | None
) -> tuple[dt.date, Precision] | None:
    groups = m.groupdict()
    if kind == "holiday":
        found = _holiday(groups, published, precision)
        return (found, "day") if found else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind in ("day_month", "month_day"):
        month, day = _month_number(groups["month"]), int(groups["day"])
        if not 1 <= day <= 31:
            return None
        if year is not None:
            try:
                return dt.date(year, month, day), "day"
            except ValueError:
                return None
        if published is None:
            return None
        found = _latest(month, day, published, precision)
        return (found, "day") if found else None
    if kind == "month":
        month = _month_number(groups["month"])
        if year is not None:
            return dt.date(year, month, 1), "month"
        if published is None:
            return None
        if groups.get("last"):
            last = groups["last"].lower().startswith("last")
            return dt.date(published.year - last, month, 1), "month"
        found = _latest(month, 1, published, "month" if precision != "year" else precision)
        return (found, "month") if found else None
    if kind == "year":
        return dt.date(year, 1, 1), "year"
    if published is None:
        return None
    which = (groups.get("which") or "").lower()
    if kind == "year_rel":
        return dt.date(published.year + {"last": -1, "this": 0, "next": 1}[which], 1, 1), "year"
    if precision == "year":
        return None
    if kind == "month_rel":
        first = published.replace(day=1)
        if which == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first, "month"
    if kind == "week_rel":
        day = published - dt.timedelta(days=7 if which == "last" and precision == "day" else 0)
        return day.replace(day=1), "month"
    if kind == "day_rel":
        if precision != "day":
            return published.replace(day=1), "month"
        back = which == "yesterday" or which.startswith("last")
        return published - dt.timedelta(days=back), "day"
    if kind == "weekday":
        if precision != "day":
            return published.replace(day=1), "month"
        back = (published.weekday() - WEEKDAYS.index(groups["weekday"].lower())) % 7
        return published - dt.timedelta(days=back), "day"
    return None  # pragma: no cover - every pattern kind is handled above


def find_dates(
    sentence: str, published: dt.date | None, precision: str | None
) -> list[DateMention]:
    """Every resolvable date expression in ``sentence``, in text order, without overlaps.

    Parameters
    ----------
    sentence
        The text to search.
    published, precision
        The article's publication date and its precision (``day``/``month``/``year``).

    Returns
    -------
    list of DateMention

    Examples
    --------
    >>> import datetime
    >>> [(d.text, d.date.isoformat(), d.precision) for d in
    ...  find_dates("On 8 January and since 2018", datetime.date(2020, 3, 1), "month")]
    [('8 January', '2020-01-08', 'day'), ('since 2018', '2018-01-01', 'year')]
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            resolved = _resolve(kind, m, published, precision)
            if resolved is None:
                continue
            lead = (m.groupdict().get("lead") or "").strip().lower()
            start = m.start() + (len(m.group("lead")) if lead and lead != "since" else 0)
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(
                    start, m.end(), sentence[start : m.end()], *resolved, since=lead == "since"
                )
            )
    return sorted(found, key=lambda d: d.start)


def resolve_date(
    sentence: str,
    published: dt.date | None,
    precision: str | None,
    *,
    near: int | None = None,
) -> tuple[dt.date | None, Precision | None]:
    """The date a sentence gives its event, normalised against the publication date.

    Parameters
    ----------
    sentence
        The sentence (or the clause) to read.
    published, precision
        The article's publication date and its precision; relative expressions resolve
        against them, and without them only expressions with a year resolve.
    near
        An offset in ``sentence`` (the trigger): when several dates are present, the one
        closest to it wins. By default the first.

    Returns
    -------
    tuple
        ``(date, precision)``, or ``(None, None)`` when the sentence has no usable date.
        "since ..." expressions are skipped (see the module docstring).

    Examples
    --------
    >>> import datetime
    >>> resolve_date("in June last year", datetime.date(2021, 1, 28), "day")
    (datetime.date(2020, 6, 1), 'month')
    >>> resolve_date("On 8 January, Iran fired", datetime.date(2020, 3, 1), "month")
    (datetime.date(2020, 1, 8), 'day')
    >>> resolve_date("within a couple of days", datetime.date(2020, 6, 1), "month")
    (None, None)
    """
    dates = [d for d in find_dates(sentence, published, precision) if not d.since]
    if not dates:
        return None, None
    if near is not None:
        dates.sort(key=lambda d: min(abs(d.start - near), abs(d.end - near)))
    logger.debug("date %r -> %s (%s)", dates[0].text, dates[0].date, dates[0].precision)
    return dates[0].date, dates[0].precision
