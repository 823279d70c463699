"""Dates written out: ISO dates, month-days ("April 10", "10 April 2025"), months ("in February", "early
February", "February 2011") and years ("in 2014").

Each finder adds what it reads to a :class:`~crossfact.nlp.date_rules.DateCollector`; a month-day or month
without a year takes the year that puts it nearest the publication date (see
:func:`~crossfact.nlp.date_rules.choose_year`), or without one the story's year.
"""

from __future__ import annotations

import re

from crossfact.calendar_words import MONTH_NUMBERS
from crossfact.nlp.date_rules import (
    DMY_RE,
    ISO_RE,
    MDY_RE,
    MON,
    YEAR_RE,
    DateCollector,
    choose_year,
    safe_date,
)
from crossfact.nlp.units import is_plural

__all__ = ["find_days", "find_months", "find_years"]

_MONTH_RE = re.compile(
    r"(?P<pre>\b(?i:in|since|until|till|by|during|from|through|to|of|before|after)\s+)?"
    r"(?P<mod>(?i:(?:the\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)|last|this|next)"
    r"[\s-]+)?"
    rf"\b{MON}\b\.?(?:(?:,?\s+|\s+of\s+)(?P<year>(?:1[89]|20)\d\d)\b|\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b)?"
)
_YEAR_UNIT_AFTER_RE = re.compile(r"^\s*(?:block|[-‐]?(?:car|vehicle|person|member)\b|percent|per cent)", re.I)


def find_days(f: DateCollector) -> None:
    """Month-days and ISO dates: with their year as written, else the publication year nearest (or the
    story's year, or a sister report's year for that month-day, without a publication date)."""
    for m in ISO_RE.finditer(f.text):
        d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            f.add(m.start(), m.end(), d.isoformat(), "day")
    for rx in (MDY_RE, DMY_RE):
        for m in rx.finditer(f.text):
            if not f.free(m.start(), m.end()):
                continue
            month = MONTH_NUMBERS[m["mon"].lower()]
            day = int(m["day"])
            if m["year"]:
                d = safe_date(int(m["year"]), month, day)
                if d:
                    f.add(m.start(), m.end(), d.isoformat(), "day")
                continue
            known = f.known_days.get((month, day))
            if f.published is None and (known or f.year) is not None:
                d = safe_date(known or f.year or 0, month, day)
                if d:
                    f.add(m.start(), m.end(), d.isoformat(), "day", inferred=True)
                else:
                    f.block(m.start(), m.end())
                continue
            if f.published is None or not 1 <= day <= 31:
                f.block(m.start(), m.end())
                continue
            y = choose_year(month, day, f.published, f.future(m.start(), m.end()))
            d = safe_date(y, month, day) if y else None
            if d:
                f.add(m.start(), m.end(), d.isoformat(), "day")
            else:
                f.block(m.start(), m.end())


def find_months(f: DateCollector) -> None:
    """Months: "in February", "early February", "February 2011", "March last year"; a bare "March" is
    left alone (too often a name)."""
    for m in _MONTH_RE.finditer(f.text):
        mon = m["mon"]
        month = MONTH_NUMBERS[mon.lower()]
        start = m.start("mod") if m["mod"] else m.start("mon")
        end = m.end()
        if not f.free(start, end):
            continue
        if not (m["pre"] or m["mod"] or m["year"] or m["rel"]):
            continue  # a bare "March" or "May" is too often something else
        if len(mon) <= 4 and mon not in ("June", "July", "May") and not m["year"]:
            continue  # "Mar" etc. alone
        if m["year"]:
            f.add(start, end, f"{int(m['year']):04d}-{month:02d}", "month")
            continue
        if f.text[end - 1] == "." and len(mon) > 4:
            end -= 1  # the sentence's full stop, not an abbreviation's
        if f.published is None:
            _story_year_month(f, start, end, month, m["rel"], (m["mod"] or "").strip().lower())
            continue
        if m["rel"]:
            y = f.published.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
            f.add(start, end, f"{y:04d}-{month:02d}", "month", relative=True)
            continue
        mod = (m["mod"] or "").strip().lower()
        fut = f.future(start, end) or mod.startswith("next")
        chosen = choose_year(month, None, f.published, fut)
        if mod.startswith("last"):
            chosen = f.published.year if month < f.published.month else f.published.year - 1
        if chosen:
            y = chosen
            f.add(start, end, f"{y:04d}-{month:02d}", "month")


def _story_year_month(f: DateCollector, start: int, end: int, month: int, rel: str | None, mod: str) -> None:
    """A month with no year in an undated article: the story's year ("in April", "April last year")."""
    if f.year is None or mod.startswith(("last", "next", "this")):
        return  # "last April" counts back from a month the story's year does not give
    y = f.year + ({"last": -1, "this": 0, "next": 1}[rel.lower()] if rel else 0)
    f.add(start, end, f"{y:04d}-{month:02d}", "month", relative=bool(rel), inferred=True)


def find_years(f: DateCollector) -> None:
    """Years standing alone ("in 2014"), not counts ("2000 people") nor numbers in names ("Flight 2012")."""
    for m in YEAR_RE.finditer(f.text):
        if not f.free(m.start(), m.end()):
            continue
        after = f.text[m.end() : m.end() + 30]
        if _YEAR_UNIT_AFTER_RE.match(after):
            continue
        nxt = re.match(r"\s+([a-z]+)", after)
        if nxt and is_plural(nxt.group(1)) and nxt.group(1) not in ("was", "has", "is", "as", "this"):
            continue  # "2000 people"
        before = f.text[max(0, m.start() - 12) : m.start()]
        if re.search(r"(?:No\.|#|[A-Z][a-z]+)\s*$", before) and not re.search(
            r"(?:In|Since|By|Until|From|Between|Of|And|During|Before|After|Copyright|©)\s*$", before
        ):
            continue  # "Flight 2012", "Boeing 1900"
        f.add(m.start(), m.end(), m["year"], "year")
