"""Story-level helpers: publication dates borrowed across articles, the story's title and id."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from datetime import date, timedelta

from crossfact.calendar_words import MONTH_NUMBERS, MONTH_WORD, WEEKDAYS
from crossfact.model import ArticleDoc, Claim, Entity, Sentence, content_id
from crossfact.nlp.date_published import NEWS_DAY_MAX_LAG
from crossfact.nlp.date_rules import (
    DMY_RE,
    ISO_RE,
    MDY_RE,
    YEAR_RE,
    DateCollector,
    choose_year,
    safe_date,
)

log = logging.getLogger(__name__)

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNTITLED = "Untitled story"


# a forward-looking phrase before a month: "deployment as early as April" is written before April
_FORWARD = re.compile(
    r"\b(?:as (?:early|soon) as|no (?:earlier|sooner) than|not (?:until|before)|later in)"
    r"\s+(?:(?:early|mid|late)[- ])?$",
    re.I,
)
# a month named alone after a preposition ("in April", "as early as April"), no day or year after it
_MONTH_ALONE = re.compile(
    rf"\b(?:in|since|during|until|through|from|by|as (?:early|soon|late) as|no (?:earlier|sooner) than"
    rf"|not (?:until|before)|later in|earlier in)\s+(?:(?:early|mid|late)[- ])?(?P<mon>{MONTH_WORD})\b\.?"
    rf"(?!\s*,?\s*\d)"
)
# a year as the time of a past event ("In 2016, he underwent surgery", "released in early 2016")
_YEAR_PAST = re.compile(r"\b(?:in|since|during|through)\s+(?:(?:early|mid|late)[- ])?$", re.I)
# how far (days) a month-day without a year may fall on the wrong side of the news day before it counts
# against it: beyond the news day's own slack, a dated past event after it or a future one before it
_MONTH_DAY_SLACK = 3
# months (before or after) within which a month named alone says something about the news day
_MONTH_WINDOW = 2


def date_contradiction(text: str, sentences: Sequence[Sentence], day: date) -> str | None:
    """Why ``text`` cannot have been written on ``day``, or None when nothing in it says so.

    An article that its sister reports would date is checked against its own evidence first; its own
    dates speak against ``day`` when, read from that day,

    - a full date it reports as past lies after it, or one it announces as future before it;
    - a month-day without a year it reports as past falls days after it in that year ("clashed on
      April 20" read on April 3), or one it announces falls days before it;
    - a month-day written with its weekday ("Monday, March 6") is not that weekday in the year it takes;
    - a month named alone looks forward to the month of ``day`` or a month just before it ("deployment
      as early as April" read in April), or reports as past a month just after it;
    - a year it reports as past ("In 2016, he underwent surgery") is two or more years after it.

    Each such date counts against ``day``, each date that fits the other way (a past month-day or month
    shortly before it, a future one shortly after) for it; ``day`` is ruled out when the dates against
    it outnumber those for it.
    """
    against: list[str] = []
    support = 0
    collector = DateCollector(text, sentences, None)
    for m in ISO_RE.finditer(text):
        collector.block(m.start(), m.end())
        full = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if full is not None:
            support += _judge_day(full, collector.future(m.start(), m.end()), day, m[0], against, full=True)
    for rx in (MDY_RE, DMY_RE):
        for m in rx.finditer(text):
            if not collector.free(m.start(), m.end()):
                continue
            collector.block(m.start(), m.end())
            month, dom = MONTH_NUMBERS[m["mon"].lower()], int(m["day"])
            future = collector.future(m.start(), m.end())
            if m["year"]:
                full = safe_date(int(m["year"]), month, dom)
                if full is not None:
                    support += _judge_day(full, future, day, m[0], against, full=True)
                continue
            year = choose_year(month, dom, day, future=future)
            when = safe_date(year, month, dom) if year else None
            if when is None:
                continue
            if m["wd"]:
                if WEEKDAYS[when.weekday()] != m["wd"].lower():
                    against.append(f"{m[0]!r} is not a {m['wd']} in {year}")
                else:
                    support += 1
                continue
            support += _judge_day(when, future, day, m[0], against, full=False)
    for m in _MONTH_ALONE.finditer(text):
        if not collector.free(m.start("mon"), m.end("mon")):
            continue
        forward = bool(_FORWARD.search(text[max(0, m.start() - 40) : m.start("mon")]))
        forward = forward or collector.future(m.start("mon"), m.end("mon"))
        month = MONTH_NUMBERS[m["mon"].lower().rstrip(".")]
        ahead = (month - day.month) % 12  # months from the news day's month forward to this one
        behind = (day.month - month) % 12
        if forward and behind <= _MONTH_WINDOW:
            against.append(f"{m[0]!r} looks forward to it")
        elif not forward and 0 < ahead <= _MONTH_WINDOW:
            against.append(f"{m[0]!r} reports it as past")
        elif 0 < (ahead if forward else behind) <= _MONTH_WINDOW:
            support += 1
    for m in YEAR_RE.finditer(text):
        year = int(m["year"])
        if year <= day.year + 1 or not collector.free(m.start(), m.end()):
            continue
        if _YEAR_PAST.search(text[max(0, m.start() - 30) : m.start()]) and not collector.future(
            m.start(), m.end()
        ):
            against.append(f"{text[m.start() : m.end()]!r} is reported as past")
    if len(against) > support:
        return "; ".join(against[:3])
    return None


def _judge_day(when: date, future: bool, day: date, written: str, against: list[str], *, full: bool) -> int:
    """Whether a date the text gives fits ``day`` (1), says nothing of it (0) or speaks against it (0,
    with the reason added to ``against``)."""
    gap = (when - day).days  # positive: after the news day
    slack = NEWS_DAY_MAX_LAG if full else _MONTH_DAY_SLACK
    if future and gap < -1 or not future and gap > slack:
        if full or abs(gap) <= 31 * _MONTH_WINDOW:
            against.append(
                f"{written!r} ({'future' if future else 'past'}) falls {abs(gap)} days "
                f"{'before' if gap < 0 else 'after'} it"
            )
        return 0
    return 1 if 0 <= (gap if future else -gap) <= 31 * _MONTH_WINDOW else 0


def consensus_date(docs: Sequence[ArticleDoc]) -> str | None:
    """The median of the articles' publication dates (day precision), or None when none has one."""
    dates = sorted(
        d.article.published for d in docs if d.article.published and _ISO_DAY.match(d.article.published)
    )
    return dates[(len(dates) - 1) // 2] if dates else None


def borrow_published(docs: Sequence[ArticleDoc], today: date | None = None) -> tuple[ArticleDoc, ...]:
    """Date the story's articles from the anchors they have, and re-resolve their dates.

    Two steps, both marking ``published_inferred=True`` and extracting the article's dates again, and a
    third for stories that none of these dates:

    1. An article without a metadata date but with full dates among its ``date_hints`` (a removed photo
       caption's "Sunday, March 18, 2012") is dated from them by :func:`~crossfact.nlp.dates.infer_published`:
       the latest hint is the anchor, the news day the one its weekdays read back from.
    2. An article still without a date cannot place its "Thursday" or "yesterday"; its sister reports
       can. The story's consensus date (the median of the articles' dates) is its anchor, or a
       year-less hint of its own ("(Dec. 21)" under a video) given the year nearest that date; its
       publication day is then :func:`~crossfact.nlp.dates.news_day` from the anchor, so a report that
       says "moved east Friday night" is dated after the Friday. Month-days without a year ("June 17")
       then take their year from it too. The day must not go against the article's own dates
       (:func:`date_contradiction`): when it does, the sister reports' own dates are tried, nearest the
       consensus first, and an article that rules them all out stays undated.
    3. When no article has a date at all, the story's year may still be pinned
       (:func:`~crossfact.nlp.story_year.infer_story_year`: the latest full date stated and the office
       titles used, "President X", leave one year). The undated articles' dates are then extracted again
       with that year: "May 18" and "in April" take it, weekdays resolve to the year alone; all are marked
       ``DateRef.inferred``. A month-day that a sister report states with its year ("May 18, 2017") takes
       that year first, with or without a story year. The articles keep ``published`` None.

    Idempotent: articles whose date stands are returned unchanged (the same objects).

    Args:
        docs: the story's analysed articles.
        today: the latest admissible date (default: today's date; tests pass a fixed one).

    Returns:
        The articles in the same order, fixed where needed.
    """
    from crossfact.nlp.dates import infer_published, news_day, resolve_hint  # per-article rules, reused

    out = []
    for d in docs:
        a = d.article
        if a.date_hints and (a.published is None or a.published_inferred):
            own = infer_published(a.text, d.sentences, today=today, hints=a.date_hints)
            if own and own != a.published:
                log.info("%s: dated %s from the dates of its removed captions", a.id, own)
                d = _redate(d, own)
        out.append(d)
    out = _recheck_yearless(out, today)
    borrowed = consensus_date(out)
    if borrowed is None:
        return _with_story_year(out, today)
    if all(d.article.published for d in out):
        return tuple(out)
    reference = date.fromisoformat(borrowed)
    # the sister reports' own dates, nearest the consensus first: the fallbacks when the text rules it out
    sisters = sorted(
        {date.fromisoformat(p) for p in (d.article.published for d in out) if p and _ISO_DAY.match(p)},
        key=lambda x: (abs((x - reference).days), x),
    )
    for k, d in enumerate(out):
        if d.article.published:
            continue
        anchors = [h for h in (resolve_hint(x, reference) for x in d.article.date_hints) if h is not None]
        choices = [max(anchors)] if anchors else sisters
        for anchor in choices:
            day = news_day(d.article.text, d.sentences, anchor, today=today)
            reason = date_contradiction(d.article.text, d.sentences, day)
            if reason is None:
                log.info("%s: no publication date; the story's %s gives %s", d.article.id, borrowed, day)
                out[k] = _redate(d, day.isoformat())
                break
            log.info("%s: not dated %s from its sister reports: %s", d.article.id, day, reason)
    return tuple(out)


# an article dated by a year-less "Saturday, Jan. 18" lies at most this long after its sister reports
MAX_LEAD_DAYS = 365


def _recheck_yearless(docs: list[ArticleDoc], today: date | None) -> list[ArticleDoc]:
    """Re-date articles whose inferred date lies far after their sister reports' and whose text never
    writes that year.

    Such a date comes from a month-day and a weekday without a year ("Saturday, Jan. 18"), read in the
    most recent year they agree in: Jan. 18 is a Saturday in 2014 and again in 2025. When the other
    articles are dated more than MAX_LEAD_DAYS earlier, the pairing is read again up to that limit
    after their consensus date; when nothing fits, the article is left undated for the story to date.
    """
    from crossfact.nlp.dates import infer_published

    suspects = {
        k
        for k, d in enumerate(docs)
        if d.article.published_inferred
        and d.article.published
        and not d.article.date_hints
        and d.article.published[:4] not in d.article.text
    }
    if not suspects:
        return docs
    reference = consensus_date([d for k, d in enumerate(docs) if k not in suspects])
    if reference is None:
        return docs
    limit = date.fromisoformat(reference) + timedelta(days=MAX_LEAD_DAYS)
    out = list(docs)
    for k in sorted(suspects):
        d = docs[k]
        published = d.article.published or ""
        if not _ISO_DAY.match(published) or date.fromisoformat(published) <= limit:
            continue
        own = infer_published(d.article.text, d.sentences, today=min(limit, today or limit))
        log.info(
            "%s: %s lies far after its sister reports' %s; read again as %s",
            d.article.id,
            published,
            reference,
            own,
        )
        if own:
            out[k] = _redate(d, own)
        else:
            article = dataclasses.replace(d.article, published=None, published_inferred=False)
            out[k] = dataclasses.replace(d, article=article, dates=())
    return out


def _with_story_year(docs: list[ArticleDoc], today: date | None) -> tuple[ArticleDoc, ...]:
    """Undated articles with their dates extracted again in the story's year, when one is inferred, and
    their month-days in the years sister reports state for them."""
    from crossfact.nlp.dates import extract_dates
    from crossfact.nlp.story_year import infer_story_year, stated_days

    year = infer_story_year(docs, today=today)
    known = stated_days(docs)
    if year is None and not known:
        return tuple(docs)
    out = []
    for d in docs:
        if d.article.published is None and d.sentences:
            dates = extract_dates(d.article.text, d.sentences, None, today=today, year=year, known_days=known)
            if tuple(dates) != d.dates:
                d = dataclasses.replace(d, dates=tuple(dates))
        out.append(d)
    log.info("no article dated; dates without a year read in the story's year %s", year)
    return tuple(out)


def _redate(doc: ArticleDoc, published: str) -> ArticleDoc:
    """``doc`` with an inferred publication date and its dates extracted again against it."""
    from crossfact.nlp.dates import extract_dates

    article = dataclasses.replace(doc.article, published=published, published_inferred=True)
    dates = extract_dates(article.text, doc.sentences, published)
    return dataclasses.replace(doc, article=article, dates=tuple(dates))


def story_id(docs: Sequence[ArticleDoc]) -> str:
    """A deterministic id: the content id of the sorted article ids."""
    return content_id(*sorted(d.article.id for d in docs))


def central_order(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[int]:
    """Indexes of ``docs``, most central first: sharing the most entities with the other articles."""
    sets: list[set[str]] = [set() for _ in docs]
    index = {d.article.id: i for i, d in enumerate(docs)}
    for e in entities:
        for m in e.mentions:
            if m.article in index:
                sets[index[m.article]].add(e.id)

    def centrality(i: int) -> float:
        others = [j for j in range(len(docs)) if j != i]
        if not others:
            return 0.0
        return sum(len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j])) for j in others) / len(others)

    return sorted(range(len(docs)), key=lambda i: (-centrality(i), i))


def story_title(docs: Sequence[ArticleDoc], entities: Sequence[Entity], claims: Sequence[Claim]) -> str:
    """The headline of the most central article that has one, else the top claim, else a first sentence."""
    for i in central_order(docs, entities):
        title = (docs[i].article.title or "").strip()
        if title:
            return title
    if claims:
        return claims[0].text.strip()
    for d in docs:
        if d.sentences:
            return d.sentences[0].text.strip()
    return UNTITLED
