"""The rules every date pattern shares: the patterns themselves, calendar arithmetic, the tense of a
date's clause, and :class:`DateCollector`, which gathers non-overlapping dates of one text.

:mod:`crossfact.nlp.date_absolute` (dates written out), :mod:`crossfact.nlp.date_relative` (dates read
from the publication day) and :mod:`crossfact.nlp.date_published` (the publication day itself) build on
these; :mod:`crossfact.nlp.dates` is the stage and the public face.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from crossfact.calendar_words import MONTH_NUMBERS, MONTH_WORD, WEEKDAY_WORD, WEEKDAYS
from crossfact.model import DateRef, Sentence
from crossfact.nlp.numwords import sentence_index

__all__ = [
    "WEEKDAYS",
    "DateCollector",
    "choose_year",
    "is_day_name",
    "is_future_clause",
    "is_weekday_name",
    "parse_iso",
    "resolve_weekday",
    "safe_date",
]

MON = rf"(?P<mon>{MONTH_WORD})"
WD = rf"(?P<wd>{WEEKDAY_WORD})"

ISO_RE = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
MDY_RE = re.compile(
    rf"(?:{WD},?\s+)?\b{MON}(?:\.|\b)\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:|\.\d|,\d{{3}})"
    rf"(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
)
DMY_RE = re.compile(
    rf"(?:{WD},?\s+)?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MON}\b\.?"
    rf"(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"
)
YEAR_RE = re.compile(r"(?<![\d$£€.,/-])\b(?P<year>(?:1[89]|20)\d\d)\b(?!\d|s\b|['’]s\b|-\d|,\d|\.\d|%)")
# "Thursday", "last Thursday", "this past Thursday" (strictly before the news day, as "last" is)
WEEKDAY_RE = re.compile(rf"\b(?:(?P<mod>(?i:last|next|this\s+past|past|this))\s+)?{WD}(?!s\b)")
# "the Sunday Times", "The Monday Night Show": a weekday between "the" and a capitalised word is a name
_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
_CAPITAL_AFTER_RE = re.compile(r"\s+(?P<word>[A-Z][a-z]+)")

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


def is_weekday_name(text: str, start: int, end: int) -> bool:
    """Whether the weekday at ``text[start:end]`` is part of a name ("the Sunday Times") rather than a day.

    A weekday between "the" and a capitalised word that is no month nor weekday is taken as a name: a
    newspaper, a show, an event.
    """
    if not _THE_BEFORE_RE.search(text, max(0, start - 5), start):
        return False
    after = _CAPITAL_AFTER_RE.match(text, end)
    word = after["word"].lower() if after else ""
    return bool(word) and word not in MONTH_NUMBERS and word not in WEEKDAYS


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


def parse_iso(value: str | None) -> date | None:
    """The date an ISO string starts with ("2025-04-10", "2025-04-10T09:00"), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None where no such day exists ("February 30")."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def choose_year(month: int, day: int | None, published: date, future: bool) -> int | None:
    """The year among the publication year and its neighbours that puts month(-day) nearest publication.

    Days in the future of publication count three times their distance unless the sentence reads as
    future, so a December date in a January article falls in the previous year.
    """
    best: tuple[float, int] | None = None
    for y in (published.year - 1, published.year, published.year + 1):
        d = safe_date(y, month, day or 1)
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
    return DateCollector(text, sentences, None).future(start, end)


class DateCollector:
    """The dates found in one text so far, and the spans taken (a later pattern never overlaps them)."""

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
        """Whether no date taken so far overlaps ``[start, end)``."""
        return all(end <= s or start >= e for s, e in self.taken)

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """The character span of the sentence holding ``offset`` (the whole text when none does)."""
        idx = sentence_index(self.sentences, offset)
        for s in self.sentences:
            if s.index == idx and s.start <= offset:
                return s.start, s.end
        return 0, len(self.text)

    def future(self, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` reads as future."""
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
        """Add a date at ``[start, end)`` unless a date found before overlaps it."""
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
        """Take ``[start, end)`` without a date: no later pattern reads a date there."""
        self.taken.append((start, end))
