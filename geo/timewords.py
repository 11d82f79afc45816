"""Month and weekday names, shared by the article reader, the recognizer and the date reader.

Examples
--------
>>> MONTHS["sept"], MONTHS["may"], "monday" in WEEKDAYS
(9, 5, True)
>>> len(MONTH_NAMES)
12
"""

from __future__ import annotations

#: Full month names, January first.
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ABBREVIATIONS = (
    ("jan",),
    ("feb",),
    ("mar",),
    ("apr",),
    (),
    ("jun",),
    ("jul",),
    ("aug",),
    ("sep", "sept"),
    ("oct",),
    ("nov",),
    ("dec",),
)
#: Lower-case month names and abbreviations -> month number.
MONTHS: dict[str, int] = {
    name: number
    for number, (full, short) in enumerate(zip(MONTH_NAMES, _ABBREVIATIONS, strict=True), 1)
    for name in (full, *short)
}
#: Lower-case weekday names, Monday first.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A day named relative to the report, with its part if given ("Friday night", "last
#: Tuesday", "yesterday morning"), as a regular expression (lower case; compile with
#: ``re.IGNORECASE``).
DAY_PHRASE = (
    r"(?:last\s+|this\s+)?(?:"
    + "|".join((*WEEKDAYS, "yesterday", "today", "tonight"))
    + r")(?:\s+(?:morning|afternoon|evening|night))?"
)
