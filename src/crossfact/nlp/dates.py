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
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from crossfact.model import DateRef, Sentence
from crossfact.nlp.numwords import sentence_index
from crossfact.nlp.units import is_plural

__all__ = [
    "extract_dates",
    "infer_published",
    "is_day_name",
    "is_future_clause",
    "news_day",
    "resolve_hint",
    "resolve_weekday",
]

log = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NUM = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4,
    "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_MON_FULL = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_ISO_RE = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
_MDY_RE = re.compile(
    rf"(?:{_WD},?\s+)?\b{_MON}(?:\.|\b)\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:|\.\d|,\d{{3}})"
    rf"(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
)
_DMY_RE = re.compile(
    rf"(?:{_WD},?\s+)?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b\.?"
    rf"(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
)
_MONTH_RE = re.compile(
    r"(?P<pre>\b(?i:in|since|until|till|by|during|from|through|to|of|before|after)\s+)?"
    r"(?P<mod>(?i:(?:the\s+)?(?:early|mid|late|end\s+of|beginning\s+of|start\s+of|middle\s+of)|last|this|next)"
    r"[\s-]+)?"
    rf"\b{_MON}\b\.?(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b|\s+(?P<rel>last|this|next)\s+year\b)?"
)
_YEAR_RE = re.compile(r"(?<![\d$£€.,/-])\b(?P<year>(?:1[89]|20)\d\d)\b(?!\d|s\b|['’]s\b|-\d|,\d|\.\d|%)")
_REL_YEAR_RE = re.compile(r"\b(?P<which>last|this|next)\s+year\b", re.I)
_REL_MONTH_RE = re.compile(r"\b(?P<which>last|this|next)\s+month\b", re.I)
_REL_WEEK_RE = re.compile(r"\b(?P<which>last|this|next)\s+week\b", re.I)
_REL_DAY_RE = re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow)\b", re.I)
# "three days ago", "a year ago", "two weeks ago"; vague counts ("a few", "several") are not read
_AGO_RE = re.compile(
    r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?P<unit>day|week|month|year)s?\s+ago\b",
    re.I,
)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_MONTH_BEFORE_RE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+$"
)
_WEEKDAY_RE = re.compile(rf"\b(?:(?P<mod>last|next|this)\s+)?{_WD}(?!s\b)")

_FUTURE_RE = re.compile(
    r"\b(?:will|won['’]t|shall|expected to|(?:is|are|was|were|be|been|now)\s+(?:scheduled|set)\b|"
    r"scheduled (?:for|to (?:be|vote|meet|begin|start|hold|appear|testify|speak|return))|"
    r"plans? to|planning to|upcoming|is due|are due|"
    r"due to (?:meet|begin|start|vote|hold|be)|to be held|going to|would (?:meet|begin|start|hold|vote)|"
    r"(?:hopes|hoping|expects|expecting) (?:to|for)|anticipat(?:es|ing))\b",
    re.I,
)
_PAST_REPORT_RE = re.compile(
    r"\b(?:said|told|announced|reported|added|stated|confirmed|wrote|tweeted|noted|warned|insisted|declared)"
    r"\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
# a caption's photo or a sister report is at most this many days older than the article it anchors; a
# wider window lets a cluster of "Thursday"s pull the news day a week late
NEWS_DAY_MAX_LAG = 3
_YEAR_UNIT_AFTER_RE = re.compile(r"^\s*(?:block|[-‐]?(?:car|vehicle|person|member)\b|percent|per cent)", re.I)


_SENTENCE_OPENERS = frozenset(".!?:;\"“‘'(\n—–-")


def is_day_name(text: str, start: int, word: str) -> bool:
    """Whether "today", "tonight"... at ``start`` is part of a name rather than a day.

    All capitals ("USA TODAY", "TODAY show"), or a capital inside a sentence ("the Today show", "USA
    Today", the slogan "Ready to Fight Tonight"): a day word is capitalised only where a sentence, a
    quotation or a line begins.
    """
    if word.isupper():
        return True
    if not word[:1].isupper():
        return False
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1] not in _SENTENCE_OPENERS


def resolve_weekday(weekday: str, published: date, direction: str = "past") -> date:
    """The date a weekday name stands for in a text published on ``published``.

    Args:
        weekday: a weekday name in any case ("Thursday", "thu" is not accepted).
        published: the publication date.
        direction: "past" (the most recent such day on or before ``published``; the default, for
            "said on Thursday"), "future" (the next such day on or after it, for "will meet on Tuesday"),
            "last" (strictly before) or "next" (strictly after).

    Raises:
        ValueError: on an unknown weekday or direction.
    """
    name = weekday.strip().lower()
    if name not in WEEKDAYS:
        raise ValueError(f"unknown weekday {weekday!r}; expected one of {', '.join(WEEKDAYS)}")
    target = WEEKDAYS.index(name)
    if direction in ("past", "last"):
        back = (published.weekday() - target) % 7
        if back == 0 and direction == "last":
            back = 7
        return published - timedelta(days=back)
    if direction in ("future", "next"):
        fwd = (target - published.weekday()) % 7
        if fwd == 0 and direction == "next":
            fwd = 7
        return published + timedelta(days=fwd)
    raise ValueError(f"unknown direction {direction!r}; expected past, future, last or next")


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _choose_year(month: int, day: int | None, published: date, future: bool) -> int | None:
    """The year among the publication year and its neighbours that puts month(-day) nearest publication.

    Days in the future of publication count three times their distance unless the sentence reads as
    future, so a December date in a January article falls in the previous year.
    """
    best: tuple[float, int] | None = None
    for y in (published.year - 1, published.year, published.year + 1):
        d = _safe_date(y, month, day or 1)
        if d is None:
            continue
        if day is None:
            # a month: compare month indexes
            delta = (y * 12 + month) - (published.year * 12 + published.month)
            cost = float(abs(delta) * 30 if delta <= 0 else delta * 30 * (1 if future else 3))
        else:
            delta = (d - published).days
            cost = float(-delta if delta <= 0 else delta * (1 if future else 3))
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else None


def _is_future(text: str, sent_start: int, sent_end: int, start: int, end: int) -> bool:
    """Whether the clause around a date reads as future ("will meet on Tuesday"), not as a report."""
    before = text[sent_start:start]
    if _PAST_REPORT_RE.search(before):
        return False
    after = text[end:sent_end]
    cut = re.search(r"\bthat\b|[,;:]|\s(?:--|[—–])\s", after)  # the date's clause ends there
    window = before + " " + (after[: cut.start()] if cut else after)
    return bool(_FUTURE_RE.search(window))


def is_future_clause(text: str, sentences: Sequence[Sentence], start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` reads as future ("will meet on May 3")."""
    return _Finder(text, sentences, None).future(start, end)


class _Finder:
    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        published: date | None,
        year: int | None = None,
        known_days: Mapping[tuple[int, int], int] | None = None,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.published = published
        # the story's year (see crossfact.nlp.story_year) and the years its articles state for
        # month-days, used only without a publication date
        self.year = year if published is None else None
        self.known_days = dict(known_days or {}) if published is None else {}
        self.refs: list[DateRef] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        idx = sentence_index(self.sentences, offset)
        for s in self.sentences:
            if s.index == idx and s.start <= offset:
                return s.start, s.end
        return 0, len(self.text)

    def future(self, start: int, end: int) -> bool:
        s, e = self.sentence_bounds(start)
        return _is_future(self.text, s, e, start, end)

    def add(
        self,
        start: int,
        end: int,
        value: str,
        granularity: str,
        relative: bool = False,
        inferred: bool = False,
    ) -> None:
        if not self.free(start, end):
            return
        self.taken.append((start, end))
        self.refs.append(
            DateRef(
                sentence=sentence_index(self.sentences, start),
                start=start,
                end=end,
                text=self.text[start:end],
                value=value,
                granularity=granularity,
                relative=relative,
                inferred=inferred,
            )
        )

    def block(self, start: int, end: int) -> None:
        self.taken.append((start, end))

    # ---- absolute --------------------------------------------------------------------------------
    def absolute_days(self) -> None:
        for m in _ISO_RE.finditer(self.text):
            d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
            if d:
                self.add(m.start(), m.end(), d.isoformat(), "day")
        for rx in (_MDY_RE, _DMY_RE):
            for m in rx.finditer(self.text):
                if not self.free(m.start(), m.end()):
                    continue
                month = _MONTH_NUM[m["mon"]]
                if m["mon"] == "May" and rx is _MDY_RE and not m["year"] and not m["wd"]:
                    pass  # "May 18" is a date; "may 18" (lower case) never matches
                day = int(m["day"])
                if m["year"]:
                    d = _safe_date(int(m["year"]), month, day)
                    if d:
                        self.add(m.start(), m.end(), d.isoformat(), "day")
                    continue
                known = self.known_days.get((month, day))
                if self.published is None and (known or self.year) is not None:
                    d = _safe_date(known or self.year or 0, month, day)
                    if d:
                        self.add(m.start(), m.end(), d.isoformat(), "day", inferred=True)
                    else:
                        self.block(m.start(), m.end())
                    continue
                if self.published is None or not 1 <= day <= 31:
                    self.block(m.start(), m.end())
                    continue
                y = _choose_year(month, day, self.published, self.future(m.start(), m.end()))
                d = _safe_date(y, month, day) if y else None
                if d:
                    self.add(m.start(), m.end(), d.isoformat(), "day")
                else:
                    self.block(m.start(), m.end())

    def months(self) -> None:
        for m in _MONTH_RE.finditer(self.text):
            mon = m["mon"]
            month = _MONTH_NUM[mon]
            start = m.start("mod") if m["mod"] else m.start("mon")
            end = m.end()
            if not self.free(start, end):
                continue
            if not (m["pre"] or m["mod"] or m["year"] or m["rel"]):
                continue  # a bare "March" or "May" is too often something else
            if len(mon) <= 4 and mon not in ("June", "July", "May") and not m["year"]:
                continue  # "Mar" etc. alone
            if m["year"]:
                self.add(start, end, f"{int(m['year']):04d}-{month:02d}", "month")
                continue
            if self.text[end - 1] == "." and len(mon) > 4:
                end -= 1  # the sentence's full stop, not an abbreviation's
            if self.published is None:
                self._story_year_month(start, end, month, m["rel"], (m["mod"] or "").strip().lower())
                continue
            if m["rel"]:
                y = self.published.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
                self.add(start, end, f"{y:04d}-{month:02d}", "month", relative=True)
                continue
            mod = (m["mod"] or "").strip().lower()
            fut = self.future(start, end) or mod.startswith("next")
            chosen = _choose_year(month, None, self.published, fut)
            if mod.startswith("last"):
                chosen = self.published.year if month < self.published.month else self.published.year - 1
            if chosen:
                y = chosen
                self.add(start, end, f"{y:04d}-{month:02d}", "month")

    def _story_year_month(self, start: int, end: int, month: int, rel: str | None, mod: str) -> None:
        """A month with no year in an undated article: the story's year ("in April", "April last year")."""
        if self.year is None or mod.startswith(("last", "next", "this")):
            return  # "last April" counts back from a month the story's year does not give
        y = self.year + ({"last": -1, "this": 0, "next": 1}[rel.lower()] if rel else 0)
        self.add(start, end, f"{y:04d}-{month:02d}", "month", relative=bool(rel), inferred=True)

    def years(self) -> None:
        for m in _YEAR_RE.finditer(self.text):
            if not self.free(m.start(), m.end()):
                continue
            after = self.text[m.end() : m.end() + 30]
            if _YEAR_UNIT_AFTER_RE.match(after):
                continue
            nxt = re.match(r"\s+([a-z]+)", after)
            if nxt and is_plural(nxt.group(1)) and nxt.group(1) not in ("was", "has", "is", "as", "this"):
                continue  # "2000 people"
            before = self.text[max(0, m.start() - 12) : m.start()]
            if re.search(r"(?:No\.|#|[A-Z][a-z]+)\s*$", before) and not re.search(
                r"(?:In|Since|By|Until|From|Between|Of|And|During|Before|After|Copyright|©)\s*$", before
            ):
                continue  # "Flight 2012", "Boeing 1900"
            self.add(m.start(), m.end(), m["year"], "year")

    # ---- relative --------------------------------------------------------------------------------
    def relative(self) -> None:
        pub = self.published
        if pub is None:
            self._story_year_relative()
            return
        for m in _REL_DAY_RE.finditer(self.text):
            if is_day_name(self.text, m.start(), m["w"]):
                continue  # "USA TODAY", "the Today show": a name, not a day
            w = m["w"].lower()
            d = pub + timedelta(days={"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w])
            self.add(m.start(), m.end(), d.isoformat(), "day", relative=True)
        for m in _WEEKDAY_RE.finditer(self.text):
            mod = (m["mod"] or "").lower()
            start = m.start() if mod in ("last", "next") else m.start("wd")
            if mod == "last":
                direction = "last"
            elif mod == "next":
                direction = "next"
            else:
                direction = "future" if self.future(m.start("wd"), m.end()) else "past"
            d = resolve_weekday(m["wd"], pub, direction)
            self.add(start, m.end(), d.isoformat(), "day", relative=True)
        for m in _REL_YEAR_RE.finditer(self.text):
            if _MONTH_BEFORE_RE.search(self.text, max(0, m.start() - 12), m.start()):
                continue  # "March last year" is a month: months() takes it whole
            y = pub.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
            self.add(m.start(), m.end(), f"{y:04d}", "year", relative=True)
        for m in _REL_MONTH_RE.finditer(self.text):
            k = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
            idx = pub.year * 12 + pub.month - 1 + k
            self.add(m.start(), m.end(), f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", relative=True)
        for m in _REL_WEEK_RE.finditer(self.text):
            k = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=k)
            sunday = monday + timedelta(days=6)
            if monday.month == sunday.month:  # only when the week names one month
                self.add(m.start(), m.end(), f"{monday.year:04d}-{monday.month:02d}", "month", relative=True)
        self.ago(pub)

    def ago(self, pub: date) -> None:
        """ "Three days ago" (a day), "two weeks ago" (its month, when the week around it lies in one),
        "four months ago" (a month), "a year ago" (a year), counted back from ``pub``."""
        for m in _AGO_RE.finditer(self.text):
            n = int(m["n"]) if m["n"].isdigit() else _SMALL[m["n"].lower()]
            unit = m["unit"].lower()
            if unit == "day":
                self.add(m.start(), m.end(), (pub - timedelta(days=n)).isoformat(), "day", relative=True)
            elif unit == "week":
                mid = pub - timedelta(weeks=n)
                lo, hi = mid - timedelta(days=3), mid + timedelta(days=3)
                if (lo.year, lo.month) == (hi.year, hi.month):
                    self.add(m.start(), m.end(), f"{mid.year:04d}-{mid.month:02d}", "month", relative=True)
            elif unit == "month":
                idx = pub.year * 12 + pub.month - 1 - n
                self.add(m.start(), m.end(), f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month", relative=True)
            else:
                self.add(m.start(), m.end(), f"{pub.year - n:04d}", "year", relative=True)

    def _story_year_relative(self) -> None:
        """Without a publication date but with the story's year: weekdays, "yesterday" and "today" lie in
        that year (a week of news rarely straddles New Year), "last year" is the one before it."""
        if self.year is None:
            return
        for m in _REL_DAY_RE.finditer(self.text):
            if not is_day_name(self.text, m.start(), m["w"]):
                self.add(m.start(), m.end(), f"{self.year:04d}", "year", relative=True, inferred=True)
        for m in _WEEKDAY_RE.finditer(self.text):
            start = m.start() if m["mod"] else m.start("wd")
            self.add(start, m.end(), f"{self.year:04d}", "year", relative=True, inferred=True)
        for m in _REL_YEAR_RE.finditer(self.text):
            if _MONTH_BEFORE_RE.search(self.text, max(0, m.start() - 12), m.start()):
                continue
            y = self.year + {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
            self.add(m.start(), m.end(), f"{y:04d}", "year", relative=True, inferred=True)


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
    pub = _parse_iso(published)
    if pub is None:
        inferred = infer_published(text, sentences, today=today)
        pub = _parse_iso(inferred)
    f = _Finder(text, sentences, pub, year=year, known_days=known_days)
    f.absolute_days()
    f.relative()
    f.months()
    f.years()
    return tuple(sorted(f.refs, key=lambda r: (r.start, r.end)))


def infer_published(
    text: str, sentences: Sequence[Sentence], today: date | None = None, hints: Sequence[str] = ()
) -> str | None:
    """Infer a publication date from the article's own text, or None when nothing anchors it.

    The rule, in order of trust:

    1. A full date (ISO or "March 18, 2012") in the first sentence, where datelines and metadata lines
       sit, is returned as it is.
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
    first_sentence = sentences[0].index if sentences else 0
    yearless: list[tuple[int, int, int, str | None]] = []  # (month, day, offset, weekday written with it)
    years = [int(y.group("year")) for y in _YEAR_RE.finditer(text)]
    stated: list[date] = []  # full dates of past events: the article is written after them
    for m in _ISO_RE.finditer(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        taken.append((m.start(), m.end()))
        if d is not None and d <= today and not is_future_clause(text, sentences, m.start(), m.end()):
            stated.append(d)
        if d is not None and d <= today and sentence_index(sentences, m.start()) == first_sentence:
            full_first.append(d)
    for rx in (_MDY_RE, _DMY_RE):
        for m in rx.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            month, day = _MONTH_NUM[m["mon"]], int(m["day"])
            if m["year"]:
                d = _safe_date(int(m["year"]), month, day)
                if d is None or d > today:
                    continue
                if not is_future_clause(text, sentences, m.start(), m.end()):
                    stated.append(d)
                if sentence_index(sentences, m.start()) == first_sentence:
                    full_first.append(d)
                if m["wd"] and WEEKDAYS[d.weekday()] == m["wd"].lower():
                    pairs.append(d)
            elif 1 <= day <= 31:
                yearless.append((month, day, m.start(), m["wd"].lower() if m["wd"] else None))
                if m["wd"]:
                    weekdays[m["wd"].lower()] += 1
    for m in _WEEKDAY_RE.finditer(text):
        if any(s <= m.start("wd") < e for s, e in taken):
            continue
        weekdays[m["wd"].lower()] += 1
        weekday_pos.append((m["wd"].lower(), m.start("wd")))

    for hint in hints:
        d = _parse_iso(hint) if not hint.startswith("--") else None
        if d is not None and d <= today:
            pairs.append(d)
    anchor: date | None = None
    if pairs:
        anchor = max(pairs)
    elif full_first:
        return max(full_first).isoformat()  # a dateline or metadata date is the publication date itself
    elif yearless and (weekdays or any(y[3] for y in yearless)):
        floor = max(stated, default=None)
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
    f = _Finder(text, sentences, anchor)
    for rx in (_MDY_RE, _DMY_RE):
        for m in rx.finditer(text):
            f.block(m.start(), m.end())
    mentions: list[tuple[int, bool]] = []  # (weekday index, reads as future)
    for m in _WEEKDAY_RE.finditer(text):
        if m["mod"] or not f.free(m.start("wd"), m.end()):
            continue
        mentions.append((WEEKDAYS.index(m["wd"].lower()), f.future(m.start("wd"), m.end())))
    best: tuple[int, date] | None = None
    for lag in range(NEWS_DAY_MAX_LAG + 1):
        day = anchor + timedelta(days=lag)
        if lag and day > today:
            break
        cost = lag
        for wd, future in mentions:
            cost += (wd - day.weekday()) % 7 if future else (day.weekday() - wd) % 7
        if best is None or cost < best[0]:
            best = (cost, day)
    return best[1] if best else anchor


def resolve_hint(hint: str, reference: date) -> date | None:
    """A date hint (ISO ``YYYY-MM-DD``, or ``--MM-DD`` without a year) as a date near ``reference``.

    A month-day without a year takes the year that puts it nearest ``reference`` (dates after it
    weigh three times their distance); a malformed hint gives None.
    """
    if not hint.startswith("--"):
        return _parse_iso(hint)
    m = re.fullmatch(r"--(\d{2})-(\d{2})", hint)
    if not m:
        return None
    month, day = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        return None
    year = _choose_year(month, day, reference, future=False)
    return _safe_date(year, month, day) if year else None


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
                d = _safe_date(y, month, day)
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
                d = _safe_date(y, month, day)
                if d is not None and d <= today and d.weekday() == WEEKDAYS.index(wd):
                    found.add(d)
    if len({d.year for d in found}) != 1:
        return None
    return max(found)
