"""The day an article was written, when it does not say: :func:`infer_published` finds an anchor in its
text (a weekday written with its full date, a dateline, the dates of captions ingest removed) and
:func:`news_day` picks, from the anchor, the day the article's weekdays read back from;
:func:`resolve_hint` gives a year-less caption date a year.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from crossfact.calendar_words import MONTH_NUMBERS, WEEKDAYS
from crossfact.model import Sentence
from crossfact.nlp.date_rules import (
    DMY_RE,
    ISO_RE,
    MDY_RE,
    WEEKDAY_RE,
    YEAR_RE,
    DateCollector,
    choose_year,
    is_future_clause,
    is_weekday_name,
    parse_iso,
    safe_date,
)
from crossfact.nlp.numwords import sentence_index

__all__ = ["NEWS_DAY_MAX_LAG", "infer_published", "news_day", "resolve_hint"]

log = logging.getLogger(__name__)

# a caption's photo or a sister report is at most this many days older than the article it anchors; a
# wider window lets a cluster of "Thursday"s pull the news day a week late
NEWS_DAY_MAX_LAG = 3


def infer_published(
    text: str, sentences: Sequence[Sentence], today: date | None = None, hints: Sequence[str] = ()
) -> str | None:
    """Infer a publication date from the article's own text, or None when nothing anchors it.

    The rule, in order of trust:

    1. A full date (ISO or "March 18, 2012") in the first sentence, where datelines and metadata lines
       sit, is returned as it is (when no later caption date or weekday-dated full date overrides it; a
       weekday-dated one, "Friday, July 19, 2013", is returned as it is in any case). Caption dates
       older than a past event the text dates in full are archive pictures' and are ignored.
    2. Else an anchor: (a) the latest of the full dates in ``hints`` (dates of the captions and credits
       ingest removed, see ``Article.date_hints``) and the weekdays written with a full date in the text
       ("Sunday, March 18, 2012") when the two agree; else (b) a month-day without a year and a weekday in
       the same sentence ("On April 10 ... Thursday"): that month-day in the most recent year, not after
       ``today`` and not before the latest year the text names, in which it falls on that weekday.
       Month-days and weekdays in different sentences are paired only when the text names a year and
       every date that some month-day and weekday of the text give, in that year or the next, lies in
       one year; the latest of them is the anchor.
    3. From the anchor, the news day: see :func:`news_day`.

    The returned date is that news day, so the article's weekdays read back to the right dates ("Monday"
    in a story whose photo caption is dated Sunday is the next day). The caller marks
    ``Article.published_inferred = True``.

    Args:
        text: the article text.
        sentences: its sentences.
        today: the latest admissible date (default: today's date).
        hints: ISO dates read from the article's removed furniture; ``--MM-DD`` ones (no year) are
            ignored here (the story-level stage gives them a year).

    Returns:
        An ISO date (YYYY-MM-DD) or None.
    """
    today = today or date.today()
    weekdays: Counter[str] = Counter()
    weekday_pos: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    pairs: list[date] = []
    full_first: list[date] = []  # full dates in the first sentence (a dateline or "Published" line)
    dateline: list[date] = []  # of those, the ones written with their weekday ("Friday, July 19, 2013")
    first_sentence = sentences[0].index if sentences else 0
    yearless: list[tuple[int, int, int, str | None]] = []  # (month, day, offset, weekday written with it)
    years = [int(y.group("year")) for y in YEAR_RE.finditer(text)]
    stated: list[date] = []  # full dates of past events: the article is written after them
    for m in ISO_RE.finditer(text):
        d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        taken.append((m.start(), m.end()))
        if d is not None and d <= today and not is_future_clause(text, sentences, m.start(), m.end()):
            stated.append(d)
        if d is not None and d <= today and sentence_index(sentences, m.start()) == first_sentence:
            full_first.append(d)
    for rx in (MDY_RE, DMY_RE):
        for m in rx.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            month, day = MONTH_NUMBERS[m["mon"].lower()], int(m["day"])
            if m["year"]:
                d = safe_date(int(m["year"]), month, day)
                if d is None or d > today:
                    continue
                if not is_future_clause(text, sentences, m.start(), m.end()):
                    stated.append(d)
                first = sentence_index(sentences, m.start()) == first_sentence
                if first:
                    full_first.append(d)
                if m["wd"] and WEEKDAYS[d.weekday()] == m["wd"].lower():
                    pairs.append(d)
                    if first:
                        dateline.append(d)
            elif 1 <= day <= 31:
                yearless.append((month, day, m.start(), m["wd"].lower() if m["wd"] else None))
                if m["wd"]:
                    weekdays[m["wd"].lower()] += 1
    for m in WEEKDAY_RE.finditer(text):
        if any(s <= m.start("wd") < e for s, e in taken) or is_weekday_name(text, m.start("wd"), m.end()):
            continue
        weekdays[m["wd"].lower()] += 1
        weekday_pos.append((m["wd"].lower(), m.start("wd")))

    floor = max(stated, default=None)
    for hint in hints:
        d = parse_iso(hint) if not hint.startswith("--") else None
        # a caption older than a past event the text dates in full is an archive picture's date
        if d is not None and d <= today and (floor is None or d >= floor):
            pairs.append(d)
    anchor: date | None = None
    if pairs and max(pairs) in dateline:
        return max(pairs).isoformat()  # "Friday, July 19, 2013" opening the text: the day it is of
    if pairs:
        anchor = max(pairs)
    elif full_first:
        return max(full_first).isoformat()  # a dateline or metadata date is the publication date itself
    elif yearless and (weekdays or any(y[3] for y in yearless)):
        anchor = _anchor_from_yearless(yearless, weekday_pos, sentences, years, today, floor)
    if anchor is None:
        return None
    written = news_day(text, sentences, anchor, today=today)
    log.debug("inferred publication %s from anchor %s", written, anchor)
    return written.isoformat()


def news_day(text: str, sentences: Sequence[Sentence], anchor: date, today: date | None = None) -> date:
    """The day an article was written, given an anchor date it cannot be earlier than.

    The anchor is a date the article (or its story) fixes: a photo caption's date, a sister report's
    publication date. The article is written that day or within the next three, and its bare weekdays
    ("clashed Monday", "Saturday's bombings") point back from the day it was written, or forward when
    the clause reads as future ("will vote on Tuesday"). The day chosen is the one that puts the text's
    weekdays nearest: the sum, over every weekday mention, of the days back (forward for future ones)
    from that day to the mention, the anchor counting as one mention of its own day. Ties go to the
    earlier day; weekdays with "last"/"next" and weekdays written with a month-day are not counted.

    Args:
        text: the article text.
        sentences: its sentences (for the tense of each weekday's clause).
        anchor: the earliest possible day.
        today: the latest admissible day (default: today's date); never before ``anchor``.

    Returns:
        The news day, between ``anchor`` and ``NEWS_DAY_MAX_LAG`` days after it.
    """
    today = today or date.today()
    f = DateCollector(text, sentences, anchor)
    for rx in (MDY_RE, DMY_RE):
        for m in rx.finditer(text):
            f.block(m.start(), m.end())
    mentions: list[tuple[int, str]] = []  # (weekday index, "past", "future" or "before": strictly past)
    for m in WEEKDAY_RE.finditer(text):
        if not f.free(m.start("wd"), m.end()) or is_weekday_name(text, m.start("wd"), m.end()):
            continue
        mod = (m["mod"] or "").lower()
        if mod.endswith("past"):  # "this past Tuesday" lies before the news day
            mentions.append((WEEKDAYS.index(m["wd"].lower()), "before"))
        elif not mod:
            tense = "future" if f.future(m.start("wd"), m.end()) else "past"
            mentions.append((WEEKDAYS.index(m["wd"].lower()), tense))
    best: tuple[int, date] | None = None
    for lag in range(NEWS_DAY_MAX_LAG + 1):
        day = anchor + timedelta(days=lag)
        if lag and day > today:
            break
        cost = lag
        for wd, tense in mentions:
            if tense == "future":
                cost += (wd - day.weekday()) % 7
            else:
                cost += (day.weekday() - wd) % 7 or (7 if tense == "before" else 0)
        if best is None or cost < best[0]:
            best = (cost, day)
    return best[1] if best else anchor


def resolve_hint(hint: str, reference: date) -> date | None:
    """A date hint (ISO ``YYYY-MM-DD``, or ``--MM-DD`` without a year) as a date near ``reference``.

    A month-day without a year takes the year that puts it nearest ``reference`` (dates after it
    weigh three times their distance); a malformed hint gives None.
    """
    if not hint.startswith("--"):
        return parse_iso(hint)
    m = re.fullmatch(r"--(\d{2})-(\d{2})", hint)
    if not m:
        return None
    month, day = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        return None
    year = choose_year(month, day, reference, future=False)
    return safe_date(year, month, day) if year else None


def _anchor_from_yearless(
    yearless: list[tuple[int, int, int, str | None]],
    weekday_pos: list[tuple[str, int]],
    sentences: Sequence[Sentence],
    years: list[int],
    today: date,
    floor: date | None = None,
) -> date | None:
    """A month-day and a weekday named in the same sentence: the most recent year in which they agree.

    The anchor is never before ``floor`` (the latest full date the text states for a past event: a report
    is written after the events it dates in full). Pairings that give different years ("Monday and
    Tuesday, April 3 and 4" pairs both weekdays with both days) take the year most of them give; a tie
    gives None.
    """
    floor_year = max(years) if years else None
    candidates: list[tuple[int, date]] = []  # (priority, date)
    for month, day, pos, own in yearless:
        sent = sentence_index(sentences, pos)
        options = [(w, 0 if sentence_index(sentences, p) == sent else 2) for w, p in weekday_pos]
        if own:
            options.append((own, -1))
        for wd, gap in options:
            if gap > 0:
                continue
            target = WEEKDAYS.index(wd)
            for y in range(today.year, today.year - 40, -1):
                if floor_year is not None and not floor_year <= y <= floor_year + 1:
                    if y < floor_year:
                        break
                    continue
                d = safe_date(y, month, day)
                if d is not None and d <= today and d.weekday() == target:
                    if floor is None or d >= floor:
                        candidates.append((1 - gap, d))
                    break
    if candidates:
        votes = Counter(d.year for _p, d in candidates)
        ranked = votes.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        return max(c for c in candidates if c[1].year == ranked[0][0])[1]
    found = _cross_sentence_anchor(yearless, weekday_pos, floor_year, today)
    return found if found is None or floor is None or found >= floor else None


def _cross_sentence_anchor(
    yearless: list[tuple[int, int, int, str | None]],
    weekday_pos: list[tuple[str, int]],
    floor_year: int | None,
    today: date,
) -> date | None:
    """A month-day and a weekday from different sentences, only where the pairing is unambiguous.

    Without a year in the text a month-day falls on a given weekday every few years, so nothing is
    paired. With one, only the latest year named and the next are tried (news mentions last year's
    events); each month-day of the text is tried with each weekday the text names. When every date that
    comes out lies in one year, the anchor is the latest of them (a report is written after the events it
    dates); dates in two years are ambiguous and give None.
    """
    if floor_year is None or not weekday_pos:
        return None
    found: set[date] = set()
    for month, day, _pos, _own in yearless:
        for wd in {w for w, _p in weekday_pos}:
            for y in (floor_year, floor_year + 1):
                d = safe_date(y, month, day)
                if d is not None and d <= today and d.weekday() == WEEKDAYS.index(wd):
                    found.add(d)
    if len({d.year for d in found}) != 1:
        return None
    return max(found)
