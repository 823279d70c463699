"""The year a story was written in, when none of its articles carries a date.

Many reports state month-days ("met again on May 18", "in April") and weekdays but never the year, and no
article of the story has a publication date or a weekday written with a full date. Their dates then stay
unresolved. Two kinds of evidence can pin the year:

* **A floor.** A report is written after the events it dates in full: the latest year of a full date
  ("March 25, 2016", "February 2011") stated outside a future clause is the earliest year of the story.
  News dwells on last year's events, rarely older ones without naming the present year, so the story is
  taken to lie in the floor year or the next.
* **An office held at the time of writing.** "President Donald Trump" (no "former", "then-" or "late")
  is written while he holds office; "former President Barack Obama" after he left it. A small table of US
  presidential terms turns such titles into the years they admit. A title in a sentence that names a year
  of its own ("signed by President Bush in 2003") dates that sentence, not the writing, and is not read.

The story's year is inferred only when the two together leave exactly one year: the floor or the next
year, admitted by every office title the story uses. Anything less certain (no floor, no title, titles
that disagree or name two presidents as in office, two years left) gives None, and the dates stay
unresolved as before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date

from crossfact.model import ArticleDoc

__all__ = ["OFFICE_TERMS", "infer_story_year", "office_years", "stated_days", "stated_floor"]

log = logging.getLogger(__name__)

# US presidents: surname -> terms (start, end; None while in office). Names shared by two presidents
# (Bush) are one entry with both terms; "former" is not read for them (which one left office?).
OFFICE_TERMS: dict[str, tuple[tuple[date, date | None], ...]] = {
    "clinton": ((date(1993, 1, 20), date(2001, 1, 20)),),
    "bush": ((date(1989, 1, 20), date(1993, 1, 20)), (date(2001, 1, 20), date(2009, 1, 20))),
    "obama": ((date(2009, 1, 20), date(2017, 1, 20)),),
    "trump": ((date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)),
    "biden": ((date(2021, 1, 20), date(2025, 1, 20)),),
}
_AMBIGUOUS = frozenset({"bush"})
_NAMES = "|".join(name.capitalize() for name in OFFICE_TERMS)
# "President Trump", "U.S. President Donald J. Trump", "President George W. Bush"; not "President-elect"
_TITLE = re.compile(
    rf"\bPresident\s+(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s*){{0,2}}(?P<name>{_NAMES})\b(?!\s+(?:Center|Library|Foundation))"
)
_BEFORE_TITLE = re.compile(
    r"\b(?P<word>former|ex|then|late|vice|deputy|acting|future|a)[\s-]*(?:U\.S\.\s+|US\s+)?$", re.I
)
_YEAR_IN_SENTENCE = re.compile(r"(?<![\d$£€.,/-])\b(?:19|20)\d\d\b(?!\d|s\b)")
# the story lies in the floor year or the next
YEARS_AFTER_FLOOR = 1


def office_years(text: str, today: date | None = None) -> list[set[int]]:
    """For each president's title in ``text`` that dates the writing, the set of years it admits.

    "President X" admits the years of X's terms; "former President X" the years after X first left office
    in which X was, for at least a day, out of office. Titles after "then-", "late", "Vice", and titles in
    a sentence naming a year of its own, admit anything and are left out, as is a campaign's hypothetical
    "a President X".

    Args:
        text: one sentence (or a longer text: then the year test looks at the whole of it).
        today: the latest year admitted (default: today's date).

    Returns:
        One set of years per title read, in text order.
    """
    return [years for _name, _former, years in _titles(text, today or date.today())]


def _titles(text: str, today: date) -> list[tuple[str, bool, set[int]]]:
    """(surname, whether "former", years admitted) for each title that dates the writing."""
    if _YEAR_IN_SENTENCE.search(text):
        return []
    out: list[tuple[str, bool, set[int]]] = []
    for m in _TITLE.finditer(text):
        name = m["name"].lower()
        terms = OFFICE_TERMS[name]
        before = _BEFORE_TITLE.search(text[max(0, m.start() - 12) : m.start()])
        word = before["word"].lower() if before else ""
        if word in ("then", "late", "vice", "deputy", "acting", "ex", "future", "a") or (
            word == "former" and name in _AMBIGUOUS
        ):
            continue
        if word == "former":
            out.append((name, True, _out_of_office_years(terms, today)))
        else:
            years = {y for start, end in terms for y in range(start.year, (end or today).year + 1)}
            out.append((name, False, years))
    return out


def _out_of_office_years(terms: tuple[tuple[date, date | None], ...], today: date) -> set[int]:
    """Years with at least one day after the first term's end and outside every term."""
    years: set[int] = set()
    first_end = terms[0][1]
    if first_end is None:
        return years
    for y in range(first_end.year, today.year + 1):
        lo, hi = max(date(y, 1, 1), first_end), min(date(y, 12, 31), today)
        if lo > hi:
            continue
        # out of office on some day of [lo, hi] unless the terms cover the whole of it
        covered = lo
        for start, end in sorted(terms):
            if start <= covered and (end is None or end > covered):
                covered = end or date.max
        if covered <= hi:
            years.add(y)
    return years


def stated_floor(docs: Sequence[ArticleDoc]) -> int | None:
    """The latest year of a full date (day or month with its year written) outside a future clause, or None.

    Dates whose year was inferred or that are relative ("last month") are not stated and do not count.
    """
    from crossfact.nlp.dates import is_future_clause

    years = []
    for d in docs:
        for ref in d.dates:
            if ref.inferred or ref.relative or ref.granularity not in ("day", "month"):
                continue
            if not _YEAR_IN_SENTENCE.search(ref.text):
                continue  # an ISO date or "May 2016" always shows its year; a resolved "May 18" does not
            if is_future_clause(d.article.text, d.sentences, ref.start, ref.end):
                continue
            years.append(int(ref.value[:4]))
    return max(years) if years else None


def stated_days(docs: Sequence[ArticleDoc]) -> dict[tuple[int, int], int]:
    """(month, day) -> year for the month-days the story's articles state with one year only.

    "The meeting on May 18, 2017" in one report dates "May 18" in a sister report that leaves the year
    out. A month-day stated with two different years is left out (which one would it be?).
    """
    years: dict[tuple[int, int], set[int]] = {}
    for d in docs:
        for ref in d.dates:
            if (
                ref.inferred
                or ref.relative
                or ref.granularity != "day"
                or not _YEAR_IN_SENTENCE.search(ref.text)
            ):
                continue
            y, m, day = (int(x) for x in ref.value.split("-"))
            years.setdefault((m, day), set()).add(y)
    return {k: next(iter(v)) for k, v in years.items() if len(v) == 1}


def infer_story_year(docs: Sequence[ArticleDoc], today: date | None = None) -> int | None:
    """The one year the story's stated dates and office titles leave, or None when not exactly one.

    Args:
        docs: the story's analysed articles (their sentences and extracted dates).
        today: the latest admissible year (default: today's date; tests pass a fixed one).

    Returns:
        The year, or None.
    """
    today = today or date.today()
    floor = stated_floor(docs)
    if floor is None:
        return None
    admitted = set(range(floor, min(floor + YEARS_AFTER_FLOOR, today.year) + 1))
    titles = 0
    in_office: set[str] = set()
    for d in docs:
        for s in d.sentences:
            for name, former, years in _titles(s.text, today):
                admitted &= years
                titles += 1
                if not former:
                    in_office.add(name)
    # two presidents both "in office": one title is historical, and the overlap of terms says nothing
    if titles == 0 or len(in_office) > 1 or len(admitted) != 1:
        return None
    (year,) = admitted
    log.info("story year %d from stated dates up to %d and %d office title(s)", year, floor, titles)
    return year
