"""English calendar words: the one list of month and weekday names the date patterns are built from.

Ingest (datelines, dates of removed captions), the per-article date stage (:mod:`crossfact.nlp.dates`) and
the analysis (:mod:`crossfact.analysis.date_conflicts`) all read month names; they take them from here.
This module imports nothing, so ingest can use it without loading the NLP package (``crossfact.nlp``'s
``__init__`` imports every per-article stage).

News copy abbreviates a month to its first three letters ("Feb."), or September to "Sept"; May has no
abbreviation.
"""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_NUMBERS",
    "MONTH_WORD",
    "WEEKDAYS",
    "WEEKDAY_WORD",
    "month_number",
]

#: The twelve month names, January first.
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
#: The abbreviations news copy uses, "Sept" before "Sep" so a regex alternation takes the longer one.
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
#: Lower-cased month name or abbreviation -> month number (1-12).
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): n for n, name in enumerate(MONTHS, start=1)},
    **{
        a.lower(): n
        for a in MONTH_ABBREVIATIONS
        for n, name in enumerate(MONTHS, start=1)
        if name.startswith(a)
    },
}
#: A regex alternation of the names, as written (capitalised): full names first, so "March" is taken
#: whole rather than as "Mar" and a following "ch". Wrap it in a group; add ``re.I`` for any case.
MONTH_WORD = "|".join((*MONTHS, *MONTH_ABBREVIATIONS))

#: The weekday names, lower case, Monday first (the index is ``datetime.date.weekday()``).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: A regex alternation of the weekday names, capitalised.
WEEKDAY_WORD = "|".join(w.capitalize() for w in WEEKDAYS)


def month_number(word: str) -> int | None:
    """The month number (1-12) of a month name or abbreviation in any case ("Sept." -> 9), or None."""
    return MONTH_NUMBERS.get(word.strip().rstrip(".").lower())
