"""Date conflicts: the same event of the same person dated differently by two articles.

Two sentences from different articles are about the same dated event when both name the same PERSON entity
(and no other person), each holds exactly one day-precise date, and both use the same event word: a content
word written as a past form ("arrested", "charged") in at least one of them, within a few words of the
date in both. When the two dates differ (month and day, the year too where both have one), that is a
conflict. Dates come from the NLP's :class:`~crossfact.model.DateRef` list; a "June 17" the NLP could not
resolve (no year known) is read here as month and day. A sentence with no date of its own but one precise
relative interval ("A day later, Doe was arrested") is dated from the one day date of the sentence before
it, in the same paragraph ("On June 17, police searched ..."), moved on by the interval.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from crossfact.analysis.claims import content_words, sentence_attribution
from crossfact.analysis.intervals import day_interval
from crossfact.analysis.origins import words
from crossfact.calendar_words import MONTH_NUMBERS, MONTH_WORD
from crossfact.model import ArticleDoc, Conflict, Entity, Position, content_id

# "June 17", "Sept. 3rd"; not "June 2015" nor a street number ("May 1234")
_MONTH_DAY = re.compile(
    rf"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{3}})", re.IGNORECASE
)
# the event word must lie this close (in words) to the date, in both sentences
EVENT_WINDOW = 20


@dataclass(frozen=True, slots=True)
class _Dated:
    """One sentence with one day-precise date."""

    doc: int
    sentence: int
    value: str  # YYYY-MM-DD or --MM-DD when the year is unknown
    start: int
    end: int
    text: str


def month_day_dates(doc: ArticleDoc, sentence: int) -> list[tuple[str, int, int]]:
    """Day-precise dates in a sentence as (value, start, end): the NLP's, else "--MM-DD" for "June 17"."""
    s = doc.sentences[sentence]
    out = [(d.value, d.start, d.end) for d in doc.dates if d.sentence == sentence and d.granularity == "day"]
    if out:
        return out
    for m in _MONTH_DAY.finditer(s.text):
        day = int(m.group(2))
        if 1 <= day <= 31:
            month = MONTH_NUMBERS[m.group(1).lower()]
            out.append((f"--{month:02d}-{day:02d}", s.start + m.start(), s.start + m.end()))
    return out


def shift_date(value: str, days: int) -> str | None:
    """``value`` (YYYY-MM-DD, or --MM-DD with no year) moved on by ``days``; None when it is no day date."""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", value)
    if not m:
        return None
    # no year: a leap year, so that "--02-28" plus one is "--02-29" rather than a guess of March 1
    year = int(m.group(1)) if m.group(1) != "-" else 2000
    try:
        moved = date(year, int(m.group(2)), int(m.group(3))) + timedelta(days=days)
    except ValueError:
        return None
    if m.group(1) == "-":
        return f"--{moved.month:02d}-{moved.day:02d}"
    return moved.isoformat()


def sentence_dates(doc: ArticleDoc, sentence: int) -> list[tuple[str, int, int]]:
    """A sentence's day dates (:func:`month_day_dates`), else the one its relative interval gives.

    "A day later, Doe was arrested" after "On June 17, police searched ..." in the same paragraph is dated
    June 18; the span is the interval phrase. Empty when the sentence has neither.
    """
    own = month_day_dates(doc, sentence)
    if own or sentence == 0:
        return own
    s, before = doc.sentences[sentence], doc.sentences[sentence - 1]
    if before.paragraph != s.paragraph:
        return []
    interval = day_interval(s.text, s.start)
    if interval is None:
        return []
    anchor = month_day_dates(doc, sentence - 1)
    if len(anchor) != 1:
        return []
    moved = shift_date(anchor[0][0], int(interval.days))
    return [(moved, interval.start, interval.end)] if moved else []


def dates_differ(a: str, b: str) -> bool:
    """True when two day dates cannot be the same day ("--06-17" matches any year's June 17)."""
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] != b[-5:]
    return a != b


def _event_words(text: str, date_start: int, date_end: int, name_words: set[str]) -> dict[str, str]:
    """Content words near the date: stem -> its past form as written ("arrested"), or "" when not one."""
    out: dict[str, str] = {}
    toks = list(re.finditer(r"[\w']+", text))
    at = [i for i, t in enumerate(toks) if t.start() < date_end and t.end() > date_start]
    if not at:
        return out
    lo, hi = max(0, at[0] - EVENT_WINDOW), min(len(toks), at[-1] + EVENT_WINDOW + 1)
    for t in toks[lo:hi]:
        w = t.group(0).lower()
        if w in name_words or w in MONTH_NUMBERS or w.isdigit():
            continue
        for stem in content_words(w):
            out[stem] = out.get(stem) or (w if w.endswith("ed") else "")
    return out


def date_conflicts(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[Conflict]:
    """The same event of the same person (one shared past-form event word) given different dates."""
    persons = [e for e in entities if e.type == "PERSON"]
    by_sentence: dict[tuple[str, int], set[str]] = {}
    for e in persons:
        for m in e.mentions:
            by_sentence.setdefault((m.article, m.sentence), set()).add(e.id)
    index = {d.article.id: i for i, d in enumerate(docs)}
    found: dict[str, list[tuple[_Dated, dict[str, str]]]] = {}
    for e in persons:
        name_words = {w for form in (e.name, *e.aliases) for w in words(form)}
        for article, sentence in sorted({(m.article, m.sentence) for m in e.mentions}):
            i = index.get(article)
            if i is None or sentence >= len(docs[i].sentences) or by_sentence[(article, sentence)] != {e.id}:
                continue
            dates = sentence_dates(docs[i], sentence)
            if len(dates) != 1:
                continue
            value, start, end = dates[0]
            s = docs[i].sentences[sentence]
            events = _event_words(s.text, start - s.start, end - s.start, name_words)
            found.setdefault(e.id, []).append((_Dated(i, sentence, value, start, end, s.text), events))
    out = []
    names = {e.id: e.name for e in persons}
    for eid, items in found.items():
        out += _entity_conflicts(docs, names[eid], eid, items)
    return out


def _entity_conflicts(
    docs: Sequence[ArticleDoc], name: str, eid: str, items: list[tuple[_Dated, dict[str, str]]]
) -> list[Conflict]:
    out = []
    used: set[int] = set()
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            (da, ea), (db, eb) = items[a], items[b]
            if a in used or b in used or da.doc == db.doc or not dates_differ(da.value, db.value):
                continue
            both = set(ea) & set(eb)
            shared = sorted((not (ea[w] and eb[w]), ea[w] or eb[w]) for w in both if ea[w] or eb[w])
            if not shared:
                continue
            event = shared[0][1]
            used.update((a, b))
            positions = tuple(
                Position(
                    value=d.value,
                    text=d.text,
                    article=docs[d.doc].article.id,
                    sentence=d.sentence,
                    attribution=sentence_attribution(docs[d.doc], d.sentence),
                    start=docs[d.doc].sentences[d.sentence].start,
                    end=docs[d.doc].sentences[d.sentence].end,
                )
                for d in sorted((da, db), key=lambda d: d.doc)
            )
            cid = content_id("date", eid, *(f"{p.article}:{p.start}" for p in positions))
            out.append(Conflict(id=cid, about=f"date {name} was {event}", kind="date", positions=positions))
    return out
