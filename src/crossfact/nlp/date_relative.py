"""Dates read from the publication day: "yesterday", "today", weekdays ("said Thursday", "will meet next
Tuesday"), "last week", "last month", "last year", "three days ago".

A weekday reads back from the publication day, forward when its clause reads as future (see
:func:`~crossfact.nlp.date_rules.resolve_weekday`). Without a publication date but with the story's year,
these resolve to that year only, marked ``inferred``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from crossfact.calendar_words import MONTHS
from crossfact.nlp.date_rules import (
    WEEKDAY_RE,
    DateCollector,
    is_day_name,
    is_weekday_name,
    resolve_weekday,
)

__all__ = ["find_relative"]

# "the last year", "over the next month" are spans of time counted from now, not a calendar year or month
_REL_YEAR_RE = re.compile(r"(?<!\bthe )\b(?P<which>last|this|next)\s+year\b", re.I)
_REL_MONTH_RE = re.compile(r"(?<!\bthe )\b(?P<which>last|this|next)\s+month\b", re.I)
_REL_WEEK_RE = re.compile(r"(?<!\bthe )\b(?P<which>last|this|next)\s+week\b", re.I)
_REL_DAY_RE = re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow)\b", re.I)
# "three days ago", "a year ago", "two weeks ago"; vague counts ("a few", "several") and hedged ones
# ("nearly 70 years ago") are not read
_AGO_RE = re.compile(
    r"(?P<hedge>\b(?:nearly|almost|about|around|roughly|some|approximately|over|under|more than|less than"
    r"|at least|at most|up to)\s+)?"
    r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago\b",
    re.I,
)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
# a full month name just before "last year": "March last year" is a month, read whole by find_months
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{'|'.join(MONTHS)})\s+$")


def find_relative(f: DateCollector) -> None:
    """Days, weeks, months and years counted from the publication day: "yesterday", "Thursday", "next
    Tuesday", "last year", "last month", "this week", "three days ago"; without a publication date, only
    their year, from the story's year."""
    pub = f.published
    if pub is None:
        _story_year_relative(f)
        return
    for m in _REL_DAY_RE.finditer(f.text):
        if is_day_name(f.text, m.start(), m["w"]):
            continue  # "USA TODAY", "the Today show": a name, not a day
        w = m["w"].lower()
        d = pub + timedelta(days={"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w])
        f.add(m.start(), m.end(), d.isoformat(), "day", relative=True)
    for m in WEEKDAY_RE.finditer(f.text):
        if is_weekday_name(f.text, m.start("wd"), m.end()):
            continue
        mod = " ".join((m["mod"] or "").lower().split())
        start = m.start() if mod in ("last", "next", "past", "this past") else m.start("wd")
        if mod in ("last", "past", "this past"):
            direction = "last"
        elif mod == "next":
            direction = "next"
        else:
            direction = "future" if f.future(m.start("wd"), m.end()) else "past"
        d = resolve_weekday(m["wd"], pub, direction)
        f.add(start, m.end(), d.isoformat(), "day", relative=True)
    for m in _REL_YEAR_RE.finditer(f.text):
        if _MONTH_BEFORE_RE.search(f.text, max(0, m.start() - 12), m.start()):
            continue  # "March last year" is a month: months() takes it whole
        y = pub.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        f.add(m.start(), m.end(), f"{y:04d}", "year", relative=True)
    for m in _REL_MONTH_RE.finditer(f.text):
        k = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        idx = pub.year * 12 + pub.month - 1 + k
        f.add(m.start(), m.end(), f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", relative=True)
    for m in _REL_WEEK_RE.finditer(f.text):
        k = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
        sunday = monday + timedelta(days=6)
        if monday.month == sunday.month:  # only when the week names one month
            f.add(m.start(), m.end(), f"{monday.year:04d}-{monday.month:02d}", "month", relative=True)
    _ago(f, pub)


def _ago(f: DateCollector, pub: date) -> None:
    """ "Three days ago" (a day), "two weeks ago" (its month, when the week around it lies in one),
    "four months ago" (a month), "a year ago" (a year), counted back from ``pub``."""
    for m in _AGO_RE.finditer(f.text):
        if m["hedge"]:
            continue  # "nearly 70 years ago": the text says the date is not that one
        n = int(m["n"]) if m["n"].isdigit() else _SMALL[m["n"].lower()]
        unit = m["unit"].lower()
        if unit == "day":
            f.add(m.start(), m.end(), (pub - timedelta(days=n)).isoformat(), "day", relative=True)
        elif unit == "week":
            mid = pub - timedelta(weeks=n)
            lo, hi = mid - timedelta(days=3), mid + timedelta(days=3)
            if (lo.year, lo.month) == (hi.year, hi.month):
                f.add(m.start(), m.end(), f"{mid.year:04d}-{mid.month:02d}", "month", relative=True)
        elif unit == "month":
            idx = pub.year * 12 + pub.month - 1 - n
            f.add(m.start(), m.end(), f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", relative=True)
        else:
            f.add(m.start(), m.end(), f"{pub.year - n:04d}", "year", relative=True)


def _story_year_relative(f: DateCollector) -> None:
    """Without a publication date but with the story's year: weekdays, "yesterday" and "today" lie in
    that year (a week of news rarely straddles New Year), "last year" is the one before it."""
    if f.year is None:
        return
    for m in _REL_DAY_RE.finditer(f.text):
        if not is_day_name(f.text, m.start(), m["w"]):
            f.add(m.start(), m.end(), f"{f.year:04d}", "year", relative=True, inferred=True)
    for m in WEEKDAY_RE.finditer(f.text):
        if is_weekday_name(f.text, m.start("wd"), m.end()):
            continue
        start = m.start() if m["mod"] else m.start("wd")
        f.add(start, m.end(), f"{f.year:04d}", "year", relative=True, inferred=True)
    for m in _REL_YEAR_RE.finditer(f.text):
        if _MONTH_BEFORE_RE.search(f.text, max(0, m.start() - 12), m.start()):
            continue
        y = f.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
        f.add(m.start(), m.end(), f"{y:04d}", "year", relative=True, inferred=True)
