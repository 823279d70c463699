"""Dates in running text, absolute and relative, resolved to ISO strings of day, month or year granularity.

Absolute dates ("April 10", "Feb. 27", "February 27, 2025", "10 April 2025", "2025-04-10"), months ("in
February", "early February", "mid-February", "February 2011", "last month"), years ("in 2014", "between 2016
and 2018", "last year") and relative days (weekdays, "yesterday", "today", "tomorrow") are found by regular
expressions. Month-days without a year take the publication year, moved back (or forward) a year when that
puts them much nearer the publication date; weekdays are resolved with :func:`resolve_weekday`, forward only
when the sentence reads as future ("will meet on Tuesday", "next Tuesday").

Without a publication date, :func:`infer_published` looks for an anchor (a weekday written with its full
date, or the dates of captions ingest removed, ``Article.date_hints``) and :func:`news_day` picks, from the
anchor, the day the article's weekdays read back from; :func:`resolve_hint` gives a year-less hint a year.

The work is split by concern: :mod:`~crossfact.nlp.date_rules` (patterns, calendar arithmetic, tense),
:mod:`~crossfact.nlp.date_absolute` (dates written out), :mod:`~crossfact.nlp.date_relative` (dates read
from the publication day) and :mod:`~crossfact.nlp.date_published` (the publication day itself). This
module is the stage and keeps every public name importable from ``crossfact.nlp.dates``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from crossfact.calendar_words import WEEKDAYS
from crossfact.model import DateRef, Sentence
from crossfact.nlp.date_absolute import find_days, find_months, find_years
from crossfact.nlp.date_published import NEWS_DAY_MAX_LAG, infer_published, news_day, resolve_hint
from crossfact.nlp.date_relative import find_relative
from crossfact.nlp.date_rules import (
    DateCollector,
    is_day_name,
    is_future_clause,
    parse_iso,
    resolve_weekday,
)

__all__ = [
    "NEWS_DAY_MAX_LAG",
    "WEEKDAYS",
    "extract_dates",
    "infer_published",
    "is_day_name",
    "is_future_clause",
    "news_day",
    "resolve_hint",
    "resolve_weekday",
]


def extract_dates(
    text: str,
    sentences: Sequence[Sentence],
    published: str | None,
    today: date | None = None,
    year: int | None = None,
    known_days: Mapping[tuple[int, int], int] | None = None,
) -> tuple[DateRef, ...]:
    """Dates in ``text`` as :class:`~crossfact.model.DateRef`, in text order.

    Args:
        text: the article text; offsets point into it.
        sentences: its sentences (for sentence indexes and the tense of each date's clause).
        published: the publication date (ISO). When None, :func:`infer_published` is tried; when that
            finds nothing, dates that need a reference (weekdays, "yesterday", month-days without a year)
            are left out.
        today: the reference "today" for :func:`infer_published` (tests pass a fixed one).
        year: the story's year (:func:`crossfact.nlp.story_year.infer_story_year`), used only when no
            publication date is given or inferred: month-days and months without a year take it, and
            weekdays, "yesterday" and "last year" resolve to a year; those dates are marked ``inferred``.
        known_days: (month, day) -> year, the years sister reports state for month-days ("May 18, 2017");
            without a publication date a "May 18" takes its year from here first (marked ``inferred``).

    Returns:
        The dates found, each with its sentence index, verbatim text, ISO value and granularity.
    """
    if not text:
        return ()
    pub = parse_iso(published)
    if pub is None:
        inferred = infer_published(text, sentences, today=today)
        pub = parse_iso(inferred)
    f = DateCollector(text, sentences, pub, year=year, known_days=known_days)
    find_days(f)
    find_relative(f)
    find_months(f)
    find_years(f)
    return tuple(sorted(f.refs, key=lambda r: (r.start, r.end)))
