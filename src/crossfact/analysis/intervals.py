"""Relative intervals between events: "three days later", "the next day", "a week after".

:func:`relative_intervals` finds, in a sentence, the phrases that place its event a stated time after an
earlier one, each as a :class:`RelativeInterval` with its length in days. Only precise phrases are read:
"days later", "a few days later" and "hours later" give no number and are left out; "the next day",
"the following morning", "a day later" and "the day after" are one day; "later that day" and "the same
day" are none.

Two uses: :mod:`crossfact.analysis.date_conflicts` dates a sentence such as "A day later, Doe was
arrested" from the date of the sentence before it, and :func:`interval_conflicts` reports two articles
giving different intervals between the same pair of events ("The talks resumed three days later" against
"The next day, the delegations met again"), the same pair being recognised by the sentence and the one
before it (the earlier event) both being close in meaning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crossfact.model import ArticleDoc, Conflict, Position, content_id
from crossfact.nlp.numwords import parse_number

log = logging.getLogger(__name__)

# both the sentences (cosine) and the sentences before them must be this close for one pair of events
SAME_EVENT = 0.55
SAME_ANCHOR = 0.6
# the earlier event is looked for in this many sentences before (a pull quote may stand between)
ANCHOR_SENTENCES = 2
# the sum of the two must reach this: one weak side needs a strong other side
SAME_PAIR = 1.25

_DAYS_PER_UNIT = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}
_NUMBER = (
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|twenty|thirty)"
)
_UNIT = r"(?P<unit>minute|hour|day|week|month|year)s?"
# "about three days later": a hedged interval is read with a wider tolerance
_HEDGE = re.compile(
    r"\b(?:about|around|roughly|some|nearly|almost|approximately|just\s+over|just\s+under)\s*$", re.I
)
_LATER = re.compile(
    # "after"/"before" only at a clause end: "three days after the vote" names its own earlier event
    r"\b" + _NUMBER + r"\s+" + _UNIT + r"\s+(?:(?P<later>later|afterwards?|after(?=\s*[,.;:]|\s*$))"
    r"|(?P<earlier>earlier|before(?=\s*[,.;:]|\s*$)))\b",
    re.IGNORECASE,
)
# "the next day", "the following morning", "the day after" (not "the day after the vote": a named anchor)
_NEXT = re.compile(
    r"\b(?:the\s+)?(?:next|following)\s+(?P<part>day|morning|afternoon|evening|night|week|month|year)\b"
    r"|\bthe\s+day\s+after\b(?!\s+\w)",
    re.IGNORECASE,
)
# "the previous day", "the night before" (not "the day before the vote")
_PREVIOUS = re.compile(
    r"\bthe\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b"
    r"|\bthe\s+(?:day|night)\s+before\b(?=\s*(?:[,.;:]|$))",
    re.IGNORECASE,
)
_SAME_DAY = re.compile(
    r"\b(?:later\s+that|that\s+same|the\s+same|later\s+the\s+same)\s+(?:day|morning|evening)\b", re.I
)
_PART_DAYS = {"day": 1.0, "morning": 1.0, "afternoon": 1.0, "evening": 1.0, "night": 1.0, "week": 7.0}


@dataclass(frozen=True, slots=True)
class RelativeInterval:
    """A phrase placing an event a stated time after an earlier one, in one sentence of one article."""

    start: int  # character offsets into the article text
    end: int
    text: str
    days: float
    approximate: bool = False  # hedged: "about a week later"
    clock: bool = False  # in hours or minutes: compared only with another such ("an hour later")


def relative_intervals(text: str, offset: int = 0, *, backward: bool = False) -> list[RelativeInterval]:
    """The precise relative intervals in ``text`` (a sentence), in text order.

    Args:
        text: the sentence.
        offset: the sentence's start in its article; added to every interval's start and end.
        backward: also read intervals before the earlier event ("a day earlier", "the day before"), with
            negative ``days``.

    Returns:
        One :class:`RelativeInterval` per phrase; vague ones ("days later", "hours later") are left out.
    """
    out: list[RelativeInterval] = []
    for m in _LATER.finditer(text):
        if m.group("earlier") and not backward:
            continue
        n = m.group("n").lower()
        amount = 1.0 if n in ("a", "an") else parse_number(n)
        if amount is None:
            continue
        days = amount * _DAYS_PER_UNIT[m.group("unit").lower()] * (-1 if m.group("earlier") else 1)
        hedged = bool(_HEDGE.search(text[: m.start()]))
        clock = m.group("unit").lower() in ("minute", "hour")
        out.append(RelativeInterval(offset + m.start(), offset + m.end(), m.group(0), days, hedged, clock))
    for m in _NEXT.finditer(text):
        part = (m.group("part") or "day").lower()
        if part not in _PART_DAYS:
            continue  # "the following month": too coarse to compare
        out.append(RelativeInterval(offset + m.start(), offset + m.end(), m.group(0), _PART_DAYS[part]))
    if backward:
        for m in _PREVIOUS.finditer(text):
            out.append(RelativeInterval(offset + m.start(), offset + m.end(), m.group(0), -1.0))
    for m in _SAME_DAY.finditer(text):
        out.append(RelativeInterval(offset + m.start(), offset + m.end(), m.group(0), 0.0))
    out.sort(key=lambda r: r.start)
    return out


def _exact_days(r: RelativeInterval) -> bool:
    """Whether an interval is a count of whole days to date by (not hedged, not hours, not weeks or more)."""
    return not r.approximate and not r.clock and not re.search(r"week|month|year", r.text, re.I)


def day_interval(text: str, offset: int = 0) -> RelativeInterval | None:
    """The one interval of whole days in a sentence (for dating it), or None when there is none or several."""
    found = relative_intervals(text, offset)
    return found[0] if len(found) == 1 and _exact_days(found[0]) else None


def day_offsets(text: str) -> list[tuple[int, int, int]]:
    """The exact day intervals in a sentence, either way, as (start, end, days) in text order.

    "Three days later" is +3, "the next day" +1, "a day earlier" and "the day before" -1; hedged, vague,
    hour and week-or-longer intervals, and "later that day", are left out.
    """
    return [
        (r.start, r.end, int(r.days))
        for r in relative_intervals(text, backward=True)
        if _exact_days(r) and r.days != 0 and r.days.is_integer()
    ]


# --------------------------------------------------------------------------------------------------
# Conflicts
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    doc: int
    sentence: int
    interval: RelativeInterval


def interval_conflicts(docs: Sequence[ArticleDoc], embedder=None) -> list[Conflict]:
    """Two articles giving different intervals between the same two events.

    Each sentence with exactly one precise relative interval is an item, its earlier event being told in
    one of the ``ANCHOR_SENTENCES`` sentences before it in the article. Two items of different articles
    are about the same pair of events when their sentences and their earlier sentences are both close in
    meaning (embedding cosine); they conflict when their intervals differ. Without an embedder nothing is
    reported.

    Args:
        docs: the story's analysed articles.
        embedder: sentence embedder.

    Returns:
        Conflicts of kind "quantity", each with the two articles' sentences as positions.
    """
    if embedder is None:
        return []
    items: list[_Item] = []
    for i, d in enumerate(docs):
        for s in d.sentences:
            if s.index == 0:
                continue  # no earlier event to be relative to
            found = relative_intervals(s.text, s.start)
            if len(found) == 1:
                items.append(_Item(i, s.index, found[0]))
    if len({it.doc for it in items}) < 2:
        return []
    texts = [docs[it.doc].sentences[it.sentence].text for it in items]
    anchors = [_anchors(docs[it.doc], it.sentence) for it in items]
    flat = [t for group in anchors for t in group]
    vec = np.asarray(embedder.encode(texts + flat), dtype=np.float32)
    n = len(items)
    event_cos = vec[:n] @ vec[:n].T
    rows, at = [], n
    for group in anchors:
        rows.append(vec[at : at + len(group)])
        at += len(group)
    pairs = []
    for a in range(n):
        for b in range(a + 1, n):
            x, y = items[a], items[b]
            hedged = x.interval.approximate or y.interval.approximate
            if (
                x.doc == y.doc
                # "the next morning" may be twelve hours later: clock and calendar intervals are not compared
                or x.interval.clock != y.interval.clock
                or intervals_agree(x.interval.days, y.interval.days, hedged)
            ):
                continue
            ev, an = float(event_cos[a, b]), float((rows[a] @ rows[b].T).max())
            log.debug("interval pair ev=%.2f an=%.2f %r | %r", ev, an, x.interval.text, y.interval.text)
            if ev >= SAME_EVENT and an >= SAME_ANCHOR and ev + an >= SAME_PAIR:
                pairs.append((ev + an, a, b))
    out = []
    used: set[int] = set()
    for _score, a, b in sorted(pairs, reverse=True):
        if a in used or b in used:
            continue
        used.update((a, b))
        out.append(_conflict(docs, [items[a], items[b]]))
    return out


def intervals_agree(a: float, b: float, hedged: bool = False) -> bool:
    """True when two intervals (days) can be one: equal, or a week or longer and within a quarter.

    "A week later" and "eight days later" are one interval told roughly; "the next day" and "three days
    later" are not. When one is hedged ("about two weeks later"), any two within 40 % agree.
    """
    if a == b:
        return True
    gap = abs(a - b) / max(a, b)
    return gap <= 0.4 if hedged else (max(a, b) >= 7 and gap <= 0.25)


def interval_display(r: RelativeInterval) -> str:
    """ "3 days", "1 day", "about 2 weeks" as days, "2 hours", "90 minutes" for clock intervals."""
    amount, unit = r.days, "day"
    if r.clock:
        amount, unit = (r.days * 24, "hour") if r.days * 24 >= 1 else (r.days * 1440, "minute")
    amount = round(amount, 2)
    text = f"{amount:g} {unit}" + ("" if amount == 1 else "s")
    return f"about {text}" if r.approximate else text


def _anchors(doc: ArticleDoc, sentence: int) -> list[str]:
    """The sentences that may tell the earlier event: the few before ``sentence``."""
    return [doc.sentences[k].text for k in range(max(0, sentence - ANCHOR_SENTENCES), sentence)]


def _conflict(docs: Sequence[ArticleDoc], members: list[_Item]) -> Conflict:
    members = sorted(members, key=lambda it: (it.doc, it.interval.start))
    positions = []
    for it in members:
        d = docs[it.doc]
        s = d.sentences[it.sentence]
        positions.append(
            Position(
                value=interval_display(it.interval),
                text=s.text,
                article=d.article.id,
                sentence=it.sentence,
                attribution=_attribution(d, it.sentence),
                start=s.start,
                end=s.end,
            )
        )
    cid = content_id("interval", *(f"{p.article}:{p.start}" for p in positions))
    return Conflict(id=cid, about="time between two events", kind="quantity", positions=tuple(positions))


def _attribution(doc: ArticleDoc, sentence: int) -> str | None:
    from crossfact.analysis.claims import sentence_attribution

    return sentence_attribution(doc, sentence)
