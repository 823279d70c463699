"""The story's timeline: dated events, the same event from several articles merged.

Each resolved date in an article, with the sentence it sits in, is a candidate event. Candidates of the same
date are grouped when they say the same thing (with an embedder, the better of the cosines of the words
around the date and of the whole sentences; else shared content words), a named day more readily than a
month or year; each group becomes one event with the articles and sentences behind it, told in the words of
its most representative sentence. A month mention whose sentence also names a day of that month adds no
event; one that restates a day event of its month joins it. Dates of publication metadata ("Published Tuesday,
June 23, 2015", "Updated 5:31 PM") are not events, nor is the timestamp of an embedded post that says next
to nothing ("@BN9 pic.twitter.com/x — Jane Doe (@jdoe) September 5, 2018").

A sentence dated only by a precise interval from an earlier day ("On May 15, he called. They agreed to meet
three days later"; "Smith was arrested June 17 and Johnson a day later") is a candidate too, dated from
that day: the one day date before the interval in its own sentence, else the one date of the sentence
before it in the same paragraph. An event whose every mention takes its year from the story rather than
from its own text (``DateRef.inferred``) is marked ``inferred``.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from crossfact.analysis.intervals import day_offsets
from crossfact.config import Config
from crossfact.model import ArticleDoc, Citation, TimelineEvent

log = logging.getLogger(__name__)

SAME_EVENT_COSINE = 0.55  # two mentions of one month or year this close (embeddings) tell the same event
SAME_EVENT_JACCARD = 0.25  # the same on content words, without embeddings
# one named day is usually one news event told several ways: merge its mentions more readily
SAME_DAY_COSINE = 0.35
SAME_DAY_JACCARD = 0.15
CONTEXT_WORDS = 12  # words either side of the date compared between mentions
COARSE_INTO_FINE_COSINE = 0.6  # "in February" joins a "February 27" event when the two read alike
MAX_EVENTS_PER_DATE = 3  # single-article asides beyond this are dropped from a busy date
MAX_EVENT_CHARS = 240  # a longer sentence is trimmed to the clause around its date
MIN_WORDS = 4

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WORD = re.compile(r"[\w']+")
# words near a date that make it page metadata rather than an event
_METADATA = re.compile(
    r"\b(published|updated|posted|last modified|modified|copyright|©|photo|file photo|image)\b", re.IGNORECASE
)
_STOP = frozenset(
    """a an the and or but of to in on at for with by from as is are was were be been has have had it its
    this that these those he she they his her their we our not no said says also will would after before
    over about into than which who what when where while on monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow last next week month year""".split()  # noqa: SIM905
)
_CLAUSE_BREAK = re.compile(r"[;:]\s+|\s+[—–]\s+|,\s+(?=(?:and|but|while|which|who|after|before|when)\b)")


@dataclass(frozen=True, slots=True)
class _Candidate:
    date: str
    granularity: str
    article: str
    sentence: int
    text: str
    context: str  # the words around the date, what mentions are compared on
    order: int  # the article's place in the story, to break ties the same way every run
    sentence_text: str = ""  # the whole sentence, compared too (the date's clause may be short)
    inferred: bool = False  # the year is the story's, not the text's


def normalise_date(value: str) -> tuple[str, str] | None:
    """``value`` as ISO YYYY, YYYY-MM or YYYY-MM-DD and its granularity (year, month, day), or None."""
    m = _ISO.match(value.strip()) if value else None
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day and not 1 <= int(day) <= 31:
        return None
    if day:
        return f"{year}-{month}-{day}", "day"
    if month:
        return f"{year}-{month}", "month"
    return year, "year"


def build_timeline(
    docs: Sequence[ArticleDoc], config: Config | None = None, embedder=None
) -> tuple[TimelineEvent, ...]:
    """Dated events of a story, sorted by date, the same event from several articles merged.

    Args:
        docs: the story's analysed articles; their ``dates`` are resolved DateRefs.
        config: settings (unused for now; kept for the stage signature).
        embedder: optional, ``encode(texts)`` giving L2-normalised rows; without it sentences are compared
            by their content words.

    Returns:
        Events sorted by date (coarser dates first within a year or month), then by the number of articles
        reporting them. Each event's text is verbatim from one of its sources.
    """
    candidates = _candidates(docs)
    if not candidates:
        return ()
    candidates = _drop_restated_coarse(candidates)
    vectors = _vectors(candidates, embedder)
    by_date: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        by_date.setdefault(c.date, []).append(i)
    groups: dict[str, list[list[int]]] = {
        date: _group(indexes, vectors, embedder is not None, day=len(date) == 10)
        for date, indexes in by_date.items()
    }
    _fold_coarse_into_fine(groups, candidates, vectors, embedder is not None)

    events = []
    for date, date_groups in groups.items():
        date_groups.sort(
            key=lambda g: (-len({candidates[i].article for i in g}), min(_key(candidates[i]) for i in g))
        )
        kept = [
            g for k, g in enumerate(date_groups) if k < MAX_EVENTS_PER_DATE or _n_articles(g, candidates) > 1
        ]
        for g in kept:
            events.append(_event(date, g, candidates, vectors))
    events.sort(key=lambda e: (e.date, -len(e.articles)))
    log.debug("timeline: %d events from %d dated sentences", len(events), len(candidates))
    return tuple(events)


def _key(c: _Candidate) -> tuple[int, int]:
    return (c.order, c.sentence)


def _n_articles(group: list[int], candidates: list[_Candidate]) -> int:
    return len({candidates[i].article for i in group})


def _candidates(docs: Sequence[ArticleDoc]) -> list[_Candidate]:
    out: list[_Candidate] = []
    seen: set[tuple[str, int, str]] = set()
    for order, doc in enumerate(docs):
        aid = doc.article.id
        for d in doc.dates:
            norm = normalise_date(d.value)
            if norm is None or not 0 <= d.sentence < len(doc.sentences):
                continue
            sentence = doc.sentences[d.sentence]
            if len(_WORD.findall(sentence.text)) < MIN_WORDS or _is_metadata(
                sentence.text, d.start - sentence.start
            ):
                continue
            key = (aid, d.sentence, norm[0])
            if key in seen:
                continue
            seen.add(key)
            lo, hi = d.start - sentence.start, d.end - sentence.start
            text = _trim(sentence.text, lo, hi)
            context = _context(sentence.text, lo, hi)
            out.append(
                _Candidate(
                    norm[0], norm[1], aid, d.sentence, text, context, order, sentence.text.strip(), d.inferred
                )
            )
        for c in _interval_candidates(doc, order):
            key = (aid, c.sentence, c.date)
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out


def _interval_candidates(doc: ArticleDoc, order: int) -> list[_Candidate]:
    """Sentences dated by one precise interval from the one day date before it (same sentence or the one
    before, in the same paragraph)."""
    by_sentence: dict[int, list[Any]] = {}
    for d in doc.dates:
        by_sentence.setdefault(d.sentence, []).append(d)
    out = []
    for k, sentence in enumerate(doc.sentences):
        offsets = day_offsets(sentence.text)
        if len(offsets) != 1:
            continue
        lo, hi, days = offsets[0]
        own = by_sentence.get(sentence.index, [])
        before = [d for d in own if d.end - sentence.start <= lo]
        if own:
            # dated in its own sentence: only from the one date before the interval, none after it
            after = [d for d in own if d.start - sentence.start >= hi]
            if len(before) != 1 or after:
                continue
            anchor = before[0]
        else:
            if k == 0 or doc.sentences[k - 1].paragraph != sentence.paragraph:
                continue
            previous = doc.sentences[k - 1]
            prev = by_sentence.get(previous.index, [])
            if len(prev) != 1 or day_offsets(previous.text):
                continue
            anchor = prev[0]
            if _is_metadata(previous.text, anchor.start - previous.start):
                continue
        if anchor.granularity != "day" or len(anchor.value) != 10:
            continue
        try:
            value = (datetime.date.fromisoformat(anchor.value) + datetime.timedelta(days=days)).isoformat()
        except (ValueError, OverflowError):
            continue
        if len(_WORD.findall(sentence.text)) < MIN_WORDS:
            continue
        out.append(
            _Candidate(
                value,
                "day",
                doc.article.id,
                sentence.index,
                _trim(sentence.text, lo, hi),
                _context(sentence.text, lo, hi),
                order,
                sentence.text.strip(),
                anchor.inferred,
            )
        )
    return out


def _context(sentence: str, start: int, end: int) -> str:
    """Up to CONTEXT_WORDS words either side of the date in its sentence (the date itself left out)."""
    before = sentence[: max(0, start)].split()[-CONTEXT_WORDS:]
    after = sentence[max(0, end) :].split()[:CONTEXT_WORDS]
    return " ".join(before + after) or sentence


def _is_metadata(sentence: str, date_offset: int) -> bool:
    """A date introduced by "Published", "Updated", a photo credit and the like, just before it; or the
    timestamp of an embedded post whose own words say too little to be an event (see :func:`is_post_stamp`).
    """
    before = sentence[max(0, date_offset - 40) : max(0, date_offset)]
    return bool(_METADATA.search(before)) or is_post_stamp(sentence, date_offset)


# the footer of an embedded tweet: "— Jane Doe (@janedoe) September 5, 2018"
_POST_FOOTER = re.compile(r"[—–-]\s*[^—–()]{0,60}\(@\w+\)\s*$")
_POST_NOISE = re.compile(r"\S*(?:https?://|pic\.twitter\.com|t\.co/)\S*|[@#]\w+")
MIN_POST_WORDS = 8


def is_post_stamp(sentence: str, date_offset: int) -> bool:
    """Whether the date at ``date_offset`` is an embedded post's timestamp with too few words of its own.

    "@BN9 pic.twitter.com/x — Jorja Roman (@JorjaRoman) September 5, 2018" dates the posting of a link,
    not an event; a post that reports something in MIN_POST_WORDS words or more ("Coroner: autopsies show
    both died of asphyxiation... — Jane Doe (@jdoe) September 27, 2016") stays an event of its day.
    """
    head = sentence[: max(0, date_offset)]
    footer = _POST_FOOTER.search(head)
    if footer is None:
        return False
    words = _WORD.findall(_POST_NOISE.sub(" ", head[: footer.start()]))
    return len(words) < MIN_POST_WORDS


def _trim(sentence: str, start: int, end: int) -> str:
    """The sentence, or for a long one the clause around the date (a verbatim substring)."""
    text = sentence.strip()
    if len(text) <= MAX_EVENT_CHARS:
        return text
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    lo = max(b for b in breaks if b <= start)
    hi = min(b for b in breaks if b >= end)
    # widen to neighbouring clauses until the event reads as a statement
    while len(sentence[lo:hi].split()) < 8 and (lo > 0 or hi < len(sentence)):
        lower = [b for b in breaks if b < lo]
        higher = [b for b in breaks if b > hi]
        if higher:
            hi = higher[0]
        elif lower:
            lo = lower[-1]
    clause = sentence[lo:hi].strip(" ;:,—–")
    return clause if clause else text


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _STOP and not w.isdigit()}


def _drop_restated_coarse(candidates: list[_Candidate]) -> list[_Candidate]:
    """Leave out a month (year) mention whose sentence also dates something to a day in that month (year).

    "Two men were arrested last week and charged on June 19": the sentence is a source of the June 19
    event already; its "last week" (June) adds no event of its own.
    """
    finer: dict[tuple[str, int], list[Any]] = {(c.article, c.sentence): [] for c in candidates}
    for c in candidates:
        finer[(c.article, c.sentence)].append(c.date)
    return [
        c
        for c in candidates
        if c.granularity == "day"
        or not any(d != c.date and d.startswith(c.date + "-") for d in finer[(c.article, c.sentence)])
    ]


def _vectors(candidates: list[_Candidate], embedder) -> np.ndarray | list[set[str]]:
    """One row per candidate: the date's context and its whole sentence (embeddings or content words)."""
    if embedder is not None:
        n = len(candidates)
        rows = embedder.encode([c.context for c in candidates] + [c.sentence_text for c in candidates])
        return np.stack([rows[:n], rows[n:]], axis=1)
    return [_content(c.context) for c in candidates]


def _similarity(vectors, i: int, j: int) -> float:
    """How alike two mentions read: the better of context and sentence cosine (Jaccard without embeddings).

    A date's own clause says what happened ("the first round was held on Feb 27"); the sentence around
    it sometimes says it better ("Thursday's talks continued the approach of the February 27 meeting").
    """
    if isinstance(vectors, np.ndarray):
        return float(max(vectors[i, 0] @ vectors[j, 0], vectors[i, 1] @ vectors[j, 1]))
    a, b = vectors[i], vectors[j]
    return len(a & b) / max(1, len(a | b))


def _group(indexes: list[int], vectors, embedded: bool, day: bool) -> list[list[int]]:
    """Average-linkage grouping of one date's candidates.

    Each pair's similarity is computed once; the block sums between groups are kept in a matrix and
    updated on each merge, so a round costs one numpy pass instead of recomputing every pair (O(n^3)
    similarity calls before). Ties go, as before, to the last pair (in group order) reaching the best mean.
    """
    if day:
        threshold = SAME_DAY_COSINE if embedded else SAME_DAY_JACCARD
    else:
        threshold = SAME_EVENT_COSINE if embedded else SAME_EVENT_JACCARD
    n = len(indexes)
    if n < 2:
        return [list(indexes)]
    sums = np.empty((n, n), dtype=np.float64)
    for a in range(n):
        for b in range(a + 1, n):
            sums[a, b] = sums[b, a] = _similarity(vectors, indexes[a], indexes[b])
    np.fill_diagonal(sums, -np.inf)
    members = [[i] for i in range(n)]
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        live = np.flatnonzero(alive)
        means = sums[np.ix_(live, live)] / np.outer(sizes[live], sizes[live])
        means[np.tril_indices(len(live))] = -np.inf
        best = means.max()
        if not best >= threshold:
            break
        flat = int(np.flatnonzero(means == best)[-1])
        a, b = int(live[flat // len(live)]), int(live[flat % len(live)])
        members[a] = members[a] + members[b]
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sums[a, a] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
    return [[indexes[k] for k in members[g]] for g in np.flatnonzero(alive)]


def _fold_coarse_into_fine(groups: dict[str, list[list[int]]], candidates, vectors, embedded: bool) -> None:
    """Move a month (year) group into a day (month) event of that month (year) that it restates.

    It restates the event when it reads like one of the event's mentions (mean similarity of the
    group's mentions to that one at least the fold threshold).
    """
    threshold = COARSE_INTO_FINE_COSINE if embedded else SAME_EVENT_JACCARD * 1.5
    for coarse in sorted(groups, key=len):
        finer = [d for d in groups if d != coarse and d.startswith(coarse + "-")]
        if not finer:
            continue
        keep = []
        for group in groups[coarse]:
            best, target = threshold, None
            for d in finer:
                for k, fine_group in enumerate(groups[d]):
                    # restating one of the event's mentions closely is enough: the others may tell
                    # it from another side ("the first round", "the Feb. 27 meeting")
                    closest = max(
                        sum(_similarity(vectors, i, j) for i in group) / len(group) for j in fine_group
                    )
                    if closest >= best:
                        best, target = closest, (d, k)
            if target is None:
                keep.append(group)
            else:
                groups[target[0]][target[1]].extend(group)
        groups[coarse] = keep
    for d in [d for d, g in groups.items() if not g]:
        del groups[d]


def _event(date: str, group: list[int], candidates: list[_Candidate], vectors) -> TimelineEvent:
    members = sorted(group, key=lambda i: _key(candidates[i]))
    exact = [i for i in members if candidates[i].date == date] or members

    def centrality(i: int) -> float:
        return sum(_similarity(vectors, i, j) for j in members if j != i) - len(candidates[i].text) / 5000

    best = max(exact, key=centrality)
    articles: list[str] = []
    sources: list[Citation] = []
    for i in members:
        c = candidates[i]
        if c.article not in articles:
            articles.append(c.article)
        cite = Citation(c.article, c.sentence)
        if cite not in sources:
            sources.append(cite)
    return TimelineEvent(
        date=date,
        text=candidates[best].text,
        articles=tuple(articles),
        sources=tuple(sources),
        inferred=all(candidates[i].inferred for i in exact),
    )
