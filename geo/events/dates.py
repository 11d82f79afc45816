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
  the publication month); "last week Thursday", "on Thursday last week": that weekday of
  the calendar week before publication;
* holidays ("Christmas night", "on Christmas", "New Year's Eve", "Halloween", "Fourth of July",
  "Thanksgiving", "Memorial Day", "Labor Day", "Easter Monday", "Canada Day", "Anzac Day" and
  more, :data:`_HOLIDAYS`): their latest occurrence on or before a day-precision publication
  date, or the one of the year given ("on Australia Day last year", "St Stephen's Day
  2021"); a holiday's weekend is no day;
* "the 16th of last month", "the 3rd of this month"; "a year ago today", "two weeks ago
  today" (day precision only when the publication date has a day); a weekday right after
  a day it falls on is that day ("A year ago today, on a blustery Saturday");
* a span of days ("on the night of 8 to 9 March", "March 8-9"): a night (two days) is its
  first day; a longer span is its month.

"since 2018" is found (``DateMention.since`` is true) but :func:`resolve_date` skips it:
the start of a state is not the date of an event. Vague spans ("within a couple of days",
"a few months after") are no date at all. Nothing is ever guessed: with no expression,
the answer is ``(None, None)``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace

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


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (Monday 0) of a month; ``n`` of -1 is the last."""
    if n < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _fixed(month: int, day: int):
    return lambda year: dt.date(year, month, day)


#: The holidays :func:`find_dates` reads by name (lower case, straight apostrophes, no
#: full stops; "Thanksgiving Day" reads as "Thanksgiving" then "Day", like "night"), each
#: with the day it falls on in a given year. A holiday's weekend ("Memorial Day weekend")
#: is two or three days, so it is no day.
_HOLIDAYS = {
    "boxing day": _fixed(12, 26),
    "halloween": _fixed(10, 31),
    "valentine's day": _fixed(2, 14),
    "st patrick's day": _fixed(3, 17),
    "st stephen's day": _fixed(12, 26),
    "fourth of july": _fixed(7, 4),
    "independence day": _fixed(7, 4),
    "juneteenth": _fixed(6, 19),
    "veterans day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11),
    "armistice day": _fixed(11, 11),
    "canada day": _fixed(7, 1),
    "australia day": _fixed(1, 26),
    "anzac day": _fixed(4, 25),
    "waitangi day": _fixed(2, 6),
    "bastille day": _fixed(7, 14),
    "bonfire night": _fixed(11, 5),
    "guy fawkes night": _fixed(11, 5),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "labour day": lambda y: _nth_weekday(y, 9, 0, 1),
    "martin luther king jr day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "mlk day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
    "victoria day": lambda y: dt.date(y, 5, 24) - dt.timedelta(days=dt.date(y, 5, 24).weekday()),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    # Canada's: the holiday Monday, as Canadians name it (the American one is a Thursday)
    "thanksgiving monday": lambda y: _nth_weekday(y, 10, 0, 2),
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + dt.timedelta(days=1),
}
#: Words of holiday names that may be written with a full stop: "St. Patrick's", "Jr. Day".
_ABBREVIATED = frozenset({"st", "jr"})
_HOLIDAY_NAMES = "|".join(
    r"\s+".join(
        re.escape(w).replace("'", "[’']") + (r"\.?" if w in _ABBREVIATED else "")
        for w in name.split()
    )
    for name in sorted(_HOLIDAYS, key=lambda n: (-len(n), n))
)

#: Counts said in words: "a year ago today", "two weeks ago today".
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

#: "6 May last year", "May 6th this year": the year said in words.
_WHICH_YEAR = r"(?P<last>(?i:last\s+year|this\s+year))"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            # "on the night of 8 to 9 March", "29-30 November": the first day
            "day_range",
            rf"\b{_DAY.format(g='day')}\s*(?:-|–|to|and)\s*{_DAY.format(g='last_day')}"
            rf"\s+(?:of\s+)?{_MONTH.format(g='month')}(?:,?\s+{_YEAR.format(g='year')})?\b",
        ),
        (
            "month_day_range",
            rf"\b{_MONTH.format(g='month')}\s+{_DAY.format(g='day')}\s*(?:-|–|to|and)\s*"
            rf"{_DAY.format(g='last_day')}\b(?!\s*(?:%|per))(?:,?\s+{_YEAR.format(g='year')})?",
        ),
        (
            "day_month",
            rf"\b{_DAY.format(g='day')}\s+(?:of\s+)?{_MONTH.format(g='month')}"
            rf"(?:,?\s+(?:{_YEAR.format(g='year')}|{_WHICH_YEAR}))?\b",
        ),
        (
            "month_day",
            rf"\b{_MONTH.format(g='month')}\s+{_DAY.format(g='day')}\b(?!\s*(?:%|per))"
            rf"(?:,?\s+(?:{_YEAR.format(g='year')}|{_WHICH_YEAR}\b))?",
        ),
        (
            "month",
            r"\b(?P<lead>(?i:in|on|since|by|during|until|early|mid|late|end\s+of)-?\s+)"
            r"(?:(?i:early|mid|late|the\s+end\s+of)-?\s+)?"
            rf"{_MONTH.format(g='month')}"
            rf"(?:,?\s+(?:{_YEAR.format(g='year')}|{_WHICH_YEAR}))?\b",
        ),
        ("year", rf"\b(?P<lead>(?i:in|during|since)\s+){_YEAR.format(g='year')}\b(?![-\d])"),
        # before the weekday ("Good Friday" is not the latest Friday) and the year said in
        # words ("on Australia Day last year" is one day)
        (
            "holiday",
            r"\b(?:(?P<christmas>Christmas)\s+(?P<part>Day|Eve|night|morning|afternoon|evening)"
            r"|(?i:on)\s+(?P<christmas_day>Christmas)\b"
            r"(?!\s+(?:Day|Eve|night|morning|afternoon|evening|tree|market|party|lights))"
            r"|(?P<newyear>New\s+Year[’']s)\s+(?P<newyear_part>Eve|Day)"
            rf"|(?P<named>(?i:{_HOLIDAY_NAMES}))"
            r"(?:\s+(?:Day|night|morning|afternoon|evening))?)\b(?!\s+(?i:(?:long\s+)?weekend|holiday))"
            rf"(?:,?\s+(?:{_YEAR.format(g='year')}\b|{_WHICH_YEAR}\b))?",
        ),
        # "the 16th of last month": that day of the month before publication
        (
            "day_of_month_rel",
            rf"\b{_DAY.format(g='day')}(?<=st|nd|rd|th)\s+(?i:of\s+(?P<which>last|this)\s+month)\b",
        ),
        # "a year ago today", "two weeks ago today": the same day that long before
        (
            "ago_today",
            r"(?i)\b(?P<count>a|an|one|two|three|four|five|six|\d{1,2})\s+"
            r"(?P<unit>week|month|year)s?\s+ago\s+today\b",
        ),
        ("year_rel", r"(?i)\b(?P<which>last|this|next)\s+year\b"),
        ("month_rel", r"(?i)\b(?P<which>last|this)\s+month\b"),
        # "last week Thursday", "on Thursday last week": that day of the week before
        (
            "weekday_last_week",
            r"\b(?i:last\s+week\s+)(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday"
            r"|Saturday|Sunday)\b|\b(?:(?i:on)\s+)?(?P<weekday_before>Monday|Tuesday|Wednesday"
            r"|Thursday|Friday|Saturday|Sunday)(?i:\s+(?:of\s+)?last\s+week)\b",
        ),
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
    )
)


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


def _holiday(groups: dict, published: dt.date | None, precision: str | None) -> dt.date | None:
    """The holiday a match names: in its year if it has one, else its latest occurrence
    not after a day-precision publication date (none without one)."""
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("christmas") or groups.get("christmas_day"):
        month, day = (12, 24) if groups.get("part") == "Eve" else (12, 25)
        day_in = _fixed(month, day)
    elif groups.get("newyear"):
        day_in = _fixed(12, 31) if groups["newyear_part"] == "Eve" else _fixed(1, 1)
    else:
        name = " ".join(groups["named"].lower().replace("’", "'").replace(".", "").split())
        day_in = _HOLIDAYS[name]
    if year is not None:
        return day_in(year)
    if groups.get("last") and published is not None:
        # "on Australia Day last year": that year's, whatever the publication's precision
        return day_in(published.year - groups["last"].lower().startswith("last"))
    if published is None or precision != "day":
        return None
    found = day_in(published.year)
    return found if found <= published else day_in(published.year - 1)


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None, precision: str | None
) -> tuple[dt.date, Precision] | None:
    groups = m.groupdict()
    if kind == "holiday":
        found = _holiday(groups, published, precision)
        return (found, "day") if found else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind in ("day_month", "month_day", "day_range", "month_day_range"):
        month, day = _month_number(groups["month"]), int(groups["day"])
        if not 1 <= day <= 31:
            return None
        last_day = int(groups["last_day"]) if groups.get("last_day") else day
        if not day <= last_day <= 31:
            return None
        if year is None and groups.get("last") and published is not None:
            year = published.year - groups["last"].lower().startswith("last")
        if year is not None:
            try:
                found: dt.date | None = dt.date(year, month, day)
            except ValueError:
                return None
        elif published is None:
            return None
        else:
            found = _latest(month, day, published, precision)
        if found is None:
            return None
        # a night ("8 to 9 March") is its first day; a longer span is only its month
        return (found, "day") if last_day - day <= 1 else (found.replace(day=1), "month")
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
    if kind == "day_of_month_rel":
        first = published.replace(day=1)
        if which == "last":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        try:
            return first.replace(day=int(groups["day"])), "day"
        except ValueError:
            return None
    if kind == "ago_today":
        if precision != "day":
            return None
        count = groups["count"].lower()
        n = _COUNTS[count] if count in _COUNTS else int(count)
        unit = groups["unit"].lower()
        if unit == "week":
            return published - dt.timedelta(weeks=n), "day"
        months = published.year * 12 + published.month - 1 - n * (12 if unit == "year" else 1)
        try:
            return dt.date(months // 12, months % 12 + 1, published.day), "day"
        except ValueError:
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
    if kind == "weekday_last_week":
        if precision != "day":
            return published.replace(day=1), "month"
        weekday = WEEKDAYS.index((groups["weekday"] or groups["weekday_before"]).lower())
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return monday + dt.timedelta(days=weekday), "day"
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
    weekdays: list[DateMention] = []
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
            mention = DateMention(
                start, m.end(), sentence[start : m.end()], *resolved, since=lead == "since"
            )
            (weekdays if kind == "weekday" else found).append(mention)
    days = {d.start: i for i, d in enumerate(found) if d.precision == "day"}
    for weekday in weekdays:
        # "on Saturday, March 15", "Sunday 4th August": one day, the one the calendar date
        # names (the latest Saturday before a report of April is another)
        gap = _WEEKDAY_TO_DATE.match(sentence, weekday.end)
        dated = days.get(gap.end()) if gap is not None else None
        if dated is None:
            if not any(
                d.precision == "day"
                and d.end <= weekday.start <= d.end + _SAME_DAY_GAP
                and d.date.weekday() == weekday.date.weekday()
                for d in found
            ):
                # "A year ago today, on a blustery Saturday afternoon": the weekday of
                # the day just named is that day, not the latest Saturday
                found.append(weekday)
            continue
        d = found[dated]
        found[dated] = replace(d, start=weekday.start, text=sentence[weekday.start : d.end])
    return sorted(found, key=lambda d: d.start)


#: How far after a day its weekday may follow: "19 August, a Saturday", "A year ago today,
#: on a blustery Saturday".
_SAME_DAY_GAP = 30

#: Between a weekday and the calendar date it goes with: "Saturday, March 15", "Sunday the 4th".
_WEEKDAY_TO_DATE = re.compile(r",?\s+(?:the\s+)?")


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
