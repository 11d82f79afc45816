"""Date expressions normalised against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.events.dates import _HOLIDAYS, find_dates, resolve_date

D = dt.date


@pytest.mark.parametrize(
    ("sentence", "published", "precision", "expected"),
    [
        (
            "The loss of al Watiya, on May 18, hurt.",
            D(2020, 6, 1),
            "month",
            (D(2020, 5, 18), "day"),
        ),
        ("It was moved in June last year.", D(2021, 1, 28), "day", (D(2020, 6, 1), "month")),
        # a day with its year in words
        ("He died on May 6th last year.", D(2023, 11, 9), "day", (D(2022, 5, 6), "day")),
        ("He died on 6 May last year.", D(2023, 11, 9), "day", (D(2022, 5, 6), "day")),
        ("He died on May 6 this year.", D(2023, 11, 9), "day", (D(2023, 5, 6), "day")),
        ("On 8 January, Iran fired.", D(2020, 3, 1), "month", (D(2020, 1, 8), "day")),
        ("Then in December, a report came.", D(2021, 1, 28), "day", (D(2020, 12, 1), "month")),
        ("in November 2019", D(2021, 1, 28), "day", (D(2019, 11, 1), "month")),
        ("sanctions in May 2018", D(2020, 3, 1), "month", (D(2018, 5, 1), "month")),
        ("which last week retreated", D(2020, 6, 1), "month", (D(2020, 6, 1), "month")),
        ("which last week retreated", D(2020, 6, 3), "day", (D(2020, 5, 1), "month")),
        # that weekday of the calendar week before (Nigerian and Kenyan English)
        ("abducted last week Thursday", D(2024, 2, 27), "day", (D(2024, 2, 22), "day")),
        ("killed on Friday last week", D(2024, 2, 27), "day", (D(2024, 2, 23), "day")),
        ("killed on Monday of last week", D(2024, 2, 25), "day", (D(2024, 2, 12), "day")),
        ("Within a couple of days, jets arrived.", D(2020, 6, 1), "month", (None, None)),
        ("Wagner has been in Libya since 2018.", D(2020, 6, 1), "month", (None, None)),
        ("Sources said on Monday it happened.", D(2021, 1, 28), "day", (D(2021, 1, 25), "day")),
        ("Sources said on Monday it happened.", D(2020, 3, 1), "month", (D(2020, 3, 1), "month")),
        ("Esper said in late January it would.", D(2020, 3, 1), "month", (D(2020, 1, 1), "month")),
        ("No date at all here.", D(2020, 3, 1), "month", (None, None)),
        ("You may go in may.", D(2020, 3, 1), "month", (None, None)),
        ("the 2015 Iran nuclear deal", D(2020, 3, 1), "month", (None, None)),
        ("January 28, 2021 at 4:34 pm", None, None, (D(2021, 1, 28), "day")),
        ("on 26 September 2019.", None, None, (D(2019, 9, 26), "day")),
        ("On 8 January, Iran fired.", None, None, (None, None)),
        ("It happened yesterday.", D(2021, 1, 28), "day", (D(2021, 1, 27), "day")),
        ("A man was shot last night.", D(2021, 1, 28), "day", (D(2021, 1, 27), "day")),
        ("Police were called this morning.", D(2017, 5, 7), "day", (D(2017, 5, 7), "day")),
        ("Shots rang out this Evening.", D(2017, 5, 7), "day", (D(2017, 5, 7), "day")),
        ("Crews will work tonight.", D(2017, 5, 7), "day", (D(2017, 5, 7), "day")),
        ("Police were called this morning.", D(2017, 5, 1), "month", (D(2017, 5, 1), "month")),
        ("It rained all night.", D(2017, 5, 7), "day", (None, None)),
        ("It happened last year.", D(2021, 1, 28), "day", (D(2020, 1, 1), "year")),
        ("in 2019 it began", D(2021, 1, 28), "day", (D(2019, 1, 1), "year")),
        ("It happened on 30 December.", D(2021, 1, 28), "day", (D(2020, 12, 30), "day")),
        # holidays: the latest on or before publication, or in the year given
        (
            "A shooting on Christmas night left one dead.",
            D(2021, 12, 27),
            "day",
            (D(2021, 12, 25), "day"),
        ),
        ("He was shot on Christmas Eve.", D(2022, 1, 3), "day", (D(2021, 12, 24), "day")),
        ("Fireworks on New Year's Eve hurt two.", D(2021, 1, 2), "day", (D(2020, 12, 31), "day")),
        ("A fight broke out on Thanksgiving.", D(2021, 11, 30), "day", (D(2021, 11, 25), "day")),
        ("A fight broke out on Thanksgiving.", D(2021, 11, 20), "day", (D(2020, 11, 26), "day")),
        ("Shots were fired on the Fourth of July.", D(2020, 7, 6), "day", (D(2020, 7, 4), "day")),
        ("It burned on Christmas Day 2019.", D(2021, 3, 1), "day", (D(2019, 12, 25), "day")),
        ("It burned on Halloween.", D(2021, 3, 1), "month", (None, None)),  # which day?
        ("The Christmas market opened.", D(2021, 12, 27), "day", (None, None)),
        # the year of a holiday said in words: that year's, whenever the report came out
        ("He died on Australia Day last year.", D(2023, 10, 5), "day", (D(2022, 1, 26), "day")),
        ("It burned on Christmas Day last year.", D(2023, 3, 1), "month", (D(2022, 12, 25), "day")),
        ("A fight on Waitangi Day this year.", D(2024, 3, 12), "day", (D(2024, 2, 6), "day")),
        (
            "He was punched on St Stephen's Day 2021.",
            D(2023, 6, 20),
            "day",
            (D(2021, 12, 26), "day"),
        ),
        # a day of the month before or of this one, and the same day some time ago
        (
            "pulled from the water on Wednesday the 16th of last month",
            D(2023, 9, 12),
            "day",
            (D(2023, 8, 16), "day"),
        ),
        ("hurt on the 3rd of this month", D(2023, 9, 12), "day", (D(2023, 9, 3), "day")),
        # no 31 February: only the month
        ("the 31st of last month", D(2023, 3, 12), "day", (D(2023, 2, 1), "month")),
        ("A year ago today, he drowned.", D(2024, 8, 19), "day", (D(2023, 8, 19), "day")),
        ("Two weeks ago today it burned.", D(2024, 8, 19), "day", (D(2024, 8, 5), "day")),
        ("A year ago today it burned.", D(2024, 8, 1), "month", (D(2024, 8, 1), "month")),
        # holidays that move: their day in the year
        ("Two were hurt on Memorial Day.", D(2024, 5, 28), "day", (D(2024, 5, 27), "day")),
        ("Two were hurt on Memorial Day.", D(2024, 5, 20), "day", (D(2023, 5, 29), "day")),
        ("It happened over Memorial Day weekend.", D(2024, 5, 28), "day", (None, None)),
        ("A crash on Labor Day 2022.", D(2024, 1, 1), "day", (D(2022, 9, 5), "day")),
        ("He drowned on Easter Monday.", D(2024, 4, 10), "day", (D(2024, 4, 1), "day")),
        ("A fire on Good Friday.", D(2024, 4, 10), "day", (D(2024, 3, 29), "day")),
        ("Shots on Victoria Day.", D(2023, 5, 25), "day", (D(2023, 5, 22), "day")),
        ("A rally on Martin Luther King Jr. Day.", D(2024, 1, 20), "day", (D(2024, 1, 15), "day")),
        ("A rally on Martin Luther King Jr Day.", D(2024, 1, 20), "day", (D(2024, 1, 15), "day")),
        ("Fireworks on Canada Day hurt two.", D(2022, 7, 3), "day", (D(2022, 7, 1), "day")),
        ("Oil leaked on Thanksgiving Monday.", D(2018, 10, 11), "day", (D(2018, 10, 8), "day")),
        ("A turkey fire on Thanksgiving.", D(2018, 11, 30), "day", (D(2018, 11, 22), "day")),
        # a long weekend is three days, no day
        ("A fight over the Labour Day long weekend.", D(2023, 10, 26), "day", (None, None)),
        ("Statues on Easter Island.", D(2024, 4, 2), "day", (None, None)),
        # a night over two days is its first day; a longer span only its month
        ("on the night of 8 to 9 March", D(2025, 3, 10), "day", (D(2025, 3, 8), "day")),
        ("overnight on 29-30 November", D(2025, 12, 3), "day", (D(2025, 11, 29), "day")),
        ("on March 8-9, 2024", D(2025, 1, 1), "day", (D(2024, 3, 8), "day")),
        ("fighting between 3 and 10 March", D(2025, 3, 20), "day", (D(2025, 3, 1), "month")),
    ],
)
def test_resolve_date(sentence, published, precision, expected) -> None:
    assert resolve_date(sentence, published, precision) == expected


def test_near_picks_the_closest_date() -> None:
    sentence = "The loss on May 18 was followed by retreats last week."
    published = D(2020, 6, 1)
    assert resolve_date(sentence, published, "month", near=sentence.index("retreats")) == (
        D(2020, 6, 1),
        "month",
    )
    assert resolve_date(sentence, published, "month", near=0) == (D(2020, 5, 18), "day")


@pytest.mark.parametrize(
    ("sentence", "published", "day", "text"),
    [
        # the calendar date says which Saturday; alone, "Saturday" would be March 29
        (
            "It happened on Saturday, March 15, on the beach.",
            D(2025, 4, 3),
            D(2025, 3, 15),
            "on Saturday, March 15",
        ),
        (
            "on the night of Saturday, January 14.",
            D(2023, 5, 12),
            D(2023, 1, 14),
            "Saturday, January 14",
        ),
        (
            "in the early hours of Sunday, August 4th.",
            D(2024, 8, 20),
            D(2024, 8, 4),
            "Sunday, August 4th",
        ),
        (
            "called at 11:45 p.m. on Saturday, Sept. 2, to a fight",
            D(2023, 10, 26),
            D(2023, 9, 2),
            "on Saturday, Sept. 2",
        ),
        ("on Sunday 4 August", D(2024, 8, 20), D(2024, 8, 4), "on Sunday 4 August"),
    ],
)
def test_a_weekday_with_its_calendar_date_is_one_date(sentence, published, day, text) -> None:
    [found] = find_dates(sentence, published, "day")
    assert (found.date, found.precision, found.text) == (day, "day", text)


def test_a_weekday_apart_from_a_date_is_its_own_date() -> None:
    found = find_dates("On Monday police said the raid of March 3 failed.", D(2024, 8, 20), "day")
    assert [(d.text, d.date) for d in found] == [
        ("On Monday", D(2024, 8, 19)),
        ("March 3", D(2024, 3, 3)),
    ]


def test_the_weekday_of_a_day_just_named_is_that_day() -> None:
    # "a blustery Saturday" is the day a year ago, not the latest Saturday
    found = find_dates("A year ago today, on a blustery Saturday afternoon", D(2024, 8, 19), "day")
    assert [(d.text, d.date) for d in found] == [("A year ago today", D(2023, 8, 19))]
    # another weekday is another day
    found = find_dates("A year ago today, and again on Sunday", D(2024, 8, 19), "day")
    assert [d.date for d in found] == [D(2023, 8, 19), D(2024, 8, 18)]


def test_since_is_marked() -> None:
    [since] = find_dates("in Libya since 2018", D(2020, 6, 1), "month")
    assert since.since and since.date == D(2018, 1, 1) and since.text == "since 2018"


@pytest.mark.parametrize("name", sorted(_HOLIDAYS))
def test_every_holiday_resolves_as_written_in_any_case(name: str) -> None:
    published = D(2024, 12, 31)
    for written in (name.title(), name.upper(), name.title().replace("St ", "St. ")):
        day, precision = resolve_date(f"It happened on {written}.", published, "day")
        assert precision == "day" and day == _HOLIDAYS[name](2024), written
