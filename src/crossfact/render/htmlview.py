"""View models for the HTML brief and the web app: a story and its articles as plain template data.

Pure functions, no I/O. The HTML templates (``render/templates`` and ``web/templates``) only loop over what
is built here; every string in it is raw text that the templates escape (Jinja2 autoescape). Sentence
elements get the DOM id ``a-<article>-s-<n>`` (``n`` the 0-based sentence index), so a citation is a plain
``#`` link that also works without JavaScript.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from crossfact.model import (
    ArticleDoc,
    Citation,
    Claim,
    ClaimSource,
    Conflict,
    Entity,
    Position,
    Quote,
    Story,
    TimelineEvent,
    Value,
    content_id,
)
from crossfact.render.markdown import article_labels

MAX_MATRIX_CLAIMS = 40
MAX_ENTITY_CITES = 3
ENTITY_GROUPS = (
    ("People", ("PERSON",)),
    ("Organisations", ("ORG", "NORP")),
    ("Places", ("GPE", "LOC", "FAC")),
)

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


# --------------------------------------------------------------------------------------------------
# articles and citations
# --------------------------------------------------------------------------------------------------


def dom_key(article_id: str) -> str:
    """A DOM-safe key for an article id: the id itself when it is plain, else a short hash of it."""
    return article_id if _SAFE_ID.match(article_id) else "h" + content_id(article_id, length=12)


def sentence_dom_id(article_id: str, sentence: int) -> str:
    """The element id of a sentence: ``a-<article>-s-<n>``."""
    return f"a-{dom_key(article_id)}-s-{sentence}"


@dataclass(slots=True)
class SentenceView:
    index: int
    dom_id: str
    text: str
    # the text cut at entity mentions: (piece, entity label or None)
    segments: list[tuple[str, str | None]]
    highlighted: bool = False


@dataclass(slots=True)
class ArticleView:
    id: str
    key: str
    label: str
    title: str
    outlet: str
    published: str
    published_inferred: bool
    source: str
    url: str | None
    paragraphs: list[list[SentenceView]]
    n_sentences: int


@dataclass(slots=True)
class CiteView:
    href: str
    label: str
    key: str
    sentence: int
    tooltip: str


class Context:
    """The articles of a report (or a story page) with their labels, for building citations."""

    def __init__(self, docs: Sequence[ArticleDoc], href_prefix: str = "") -> None:
        self.docs = {d.article.id: d for d in docs}
        self.order = [d.article.id for d in docs]
        self.labels = article_labels(docs)
        self.href_prefix = href_prefix

    def label(self, article: str) -> str:
        return self.labels.get(article, article)

    def outlet(self, article: str) -> str:
        doc = self.docs.get(article)
        return (doc.article.outlet or "") if doc else ""

    def name(self, article: str) -> str:
        """The outlet when known, else the article's label."""
        return self.outlet(article) or self.label(article)

    def sentence_text(self, article: str, sentence: int) -> str:
        doc = self.docs.get(article)
        if doc is None or not 0 <= sentence < len(doc.sentences):
            return ""
        return doc.sentences[sentence].text

    def cite(self, article: str, sentence: int) -> CiteView:
        return CiteView(
            href=f"{self.href_prefix}#{sentence_dom_id(article, sentence)}",
            label=f"{self.label(article)} s{sentence + 1}",
            key=dom_key(article),
            sentence=sentence,
            tooltip=self.sentence_text(article, sentence),
        )

    def cites(self, pairs: Iterable[Citation | tuple[str, int]]) -> list[CiteView]:
        out: list[CiteView] = []
        seen: set[tuple[str, int]] = set()
        for c in pairs:
            pair = (c.article, c.sentence) if isinstance(c, Citation) else c
            if pair not in seen:
                seen.add(pair)
                out.append(self.cite(*pair))
        return out


def _segments(
    text: str, offset: int, mentions: Sequence[tuple[int, int, str]]
) -> list[tuple[str, str | None]]:
    """Cut a sentence's text (starting at ``offset`` in the article) at the mentions inside it."""
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, label in mentions:
        a, b = start - offset, end - offset
        if a < pos or b > len(text) or a >= b:
            continue  # overlapping or outside the sentence
        if a > pos:
            pieces.append((text[pos:a], None))
        pieces.append((text[a:b], label))
        pos = b
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


def article_view(
    doc: ArticleDoc, label: str, highlight: int | None = None, mark_entities: bool = True
) -> ArticleView:
    """One article as paragraphs of sentences, each sentence cut at its entity mentions."""
    a = doc.article
    by_sentence: dict[int, list[tuple[int, int, str]]] = {}
    if mark_entities:
        for m in sorted(doc.mentions, key=lambda m: (m.start, -m.end)):
            by_sentence.setdefault(m.sentence, []).append((m.start, m.end, m.label))
    paragraphs: list[list[SentenceView]] = []
    last_paragraph: int | None = None
    for s in doc.sentences:
        view = SentenceView(
            index=s.index,
            dom_id=sentence_dom_id(a.id, s.index),
            text=s.text,
            segments=_segments(s.text, s.start, by_sentence.get(s.index, ())),
            highlighted=s.index == highlight,
        )
        if last_paragraph is None or s.paragraph != last_paragraph:
            paragraphs.append([])
            last_paragraph = s.paragraph
        paragraphs[-1].append(view)
    return ArticleView(
        id=a.id,
        key=dom_key(a.id),
        label=label,
        title=a.title or "Untitled",
        outlet=a.outlet or "",
        published=a.published or "",
        published_inferred=a.published_inferred,
        source=a.source,
        url=a.url,
        paragraphs=paragraphs,
        n_sentences=len(doc.sentences),
    )


# --------------------------------------------------------------------------------------------------
# claims: the coverage matrix
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class MatrixCell:
    origin: int  # 1-based origin number within the row; 0 when the article does not report the claim
    cite: CiteView | None = None


@dataclass(slots=True)
class MatrixRow:
    text: str
    support: int
    independent: int
    cells: list[MatrixCell]


@dataclass(slots=True)
class Matrix:
    columns: list[tuple[str, str, str]]  # (label, outlet, dom key)
    rows: list[MatrixRow]
    hidden: int = 0


def coverage_matrix(claims: Sequence[Claim], articles: Sequence[str], ctx: Context) -> Matrix:
    """Claims by articles: which article reports which claim, and from which origin.

    Claims made by two or more articles come first (most independent origins first); when there are
    none, the single-source claims are shown. Origins are renumbered 1, 2, ... within each row.
    """
    shared = [c for c in claims if c.support >= 2]
    chosen = shared or list(claims)
    chosen = sorted(chosen, key=lambda c: (-c.independent_support, -c.support, c.text))
    hidden = max(0, len(chosen) - MAX_MATRIX_CLAIMS)
    rows = []
    for claim in chosen[:MAX_MATRIX_CLAIMS]:
        numbering: dict[int, int] = {}
        by_article: dict[str, ClaimSource] = {}
        for src in claim.sources:
            if src.article not in by_article:
                by_article[src.article] = src
                numbering.setdefault(src.origin, len(numbering) + 1)
        cells = []
        for aid in articles:
            found = by_article.get(aid)
            if found is None:
                cells.append(MatrixCell(origin=0))
            else:
                cells.append(MatrixCell(origin=numbering[found.origin], cite=ctx.cite(aid, found.sentence)))
        rows.append(MatrixRow(claim.text, claim.support, claim.independent_support, cells))
    columns = [(ctx.label(a), ctx.outlet(a), dom_key(a)) for a in articles]
    return Matrix(columns=columns, rows=rows, hidden=hidden)


# --------------------------------------------------------------------------------------------------
# conflicts, with a chart of the values for numeric ones
# --------------------------------------------------------------------------------------------------

_HEDGES: tuple[tuple[str, str], ...] = (
    ("more than", "above"),
    ("over", "above"),
    ("above", "above"),
    ("at least", "above"),
    ("upwards of", "above"),
    ("in excess of", "above"),
    ("less than", "below"),
    ("under", "below"),
    ("below", "below"),
    ("at most", "below"),
    ("up to", "below"),
    ("fewer than", "below"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("just under", "nearly"),
    ("about", "about"),
    ("approximately", "about"),
    ("around", "about"),
    ("roughly", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("estimated", "about"),
)
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "half": 0.5,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)"
_RANGE = re.compile(rf"^(?:between\s+)?{_NUMBER}\s*(?:-|–|to|and)\s*{_NUMBER}\s*(.*)$")
_SINGLE = re.compile(rf"^{_NUMBER}\s*(.*)$")
ABOUT = 0.10  # "about x" is read as x +- 10 %


@dataclass(frozen=True, slots=True)
class Span:
    """The range a (possibly hedged) value stands for; ``low``/``high`` None means open-ended."""

    point: float
    low: float | None
    high: float | None
    unit: str


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _scaled(amount: float, rest: str) -> tuple[float, str]:
    words = rest.split(maxsplit=1)
    if words and words[0].lower() in _SCALES:
        return amount * _SCALES[words[0].lower()], (words[1] if len(words) > 1 else "")
    return amount, rest


def parse_value(value: str) -> Span | None:
    """Read a position's value string ("about 5.5 h", "more than 6 h", "$2 million", "5-6 h") as a range.

    Hedges: about/approximately/around = +-10 %; more than/at least/over = open above; less than/up to/
    under = open below; nearly/almost = up to 10 % below. Returns None when no number is found.
    """
    text = " ".join(value.strip().split())
    low_text = text.lower()
    hedge = None
    for phrase, kind in _HEDGES:
        if low_text.startswith(phrase + " "):
            hedge = kind
            text = text[len(phrase) :].strip()
            break
    currency = ""
    if text and text[0] in "$€£":
        currency, text = {"$": "USD", "€": "EUR", "£": "GBP"}[text[0]], text[1:].strip()
    for word, number in sorted(_WORDS.items(), key=lambda kv: -len(kv[0])):
        if text.lower().startswith(word + " ") or text.lower() == word:
            text = f"{number:g}{text[len(word) :]}"
            break
    if m := _RANGE.match(text):
        lo, hi = _number(m.group(1)), _number(m.group(2))
        scaled, unit = _scaled(hi, m.group(3))
        factor = scaled / hi if hi else 1.0
        lo, hi = lo * factor, scaled
        unit = currency or unit.strip()
        return Span(point=(lo + hi) / 2, low=min(lo, hi), high=max(lo, hi), unit=unit)
    m = _SINGLE.match(text)
    if not m:
        return None
    amount, unit = _scaled(_number(m.group(1)), m.group(2))
    unit = currency or unit.strip()
    return hedge_span(amount, hedge, unit)


def hedge_span(amount: float, hedge: str | None, unit: str) -> Span:
    """The range of ``amount`` under a hedge kind (about, above, below, nearly or None for exact)."""
    if hedge == "about":
        return Span(amount, amount * (1 - ABOUT), amount * (1 + ABOUT), unit)
    if hedge == "above":
        return Span(amount, amount, None, unit)
    if hedge == "below":
        return Span(amount, None, amount, unit)
    if hedge == "nearly":
        return Span(amount, amount * (1 - ABOUT), amount, unit)
    return Span(amount, amount, amount, unit)


def _hedge_kind(qualifier: str | None) -> str | None:
    if not qualifier:
        return None
    for phrase, kind in _HEDGES:
        if qualifier.lower() == phrase:
            return kind
    return None


def position_span(position: Position, doc: ArticleDoc | None) -> Span | None:
    """The numeric range of a position: from the article's extracted Value at the position when there is
    one (it knows its hedge and range), else parsed from the position's value string."""
    parsed = parse_value(position.value)
    if doc is not None and position.start is not None:
        found = _value_at(doc.values, position)
        if found is not None:
            span = hedge_span(found.amount, _hedge_kind(found.qualifier), found.unit)
            low = found.low if found.low is not None else span.low
            high = found.high if found.high is not None else span.high
            if _hedge_kind(found.qualifier) == "above":
                high = None if found.high is None else found.high
            if _hedge_kind(found.qualifier) == "below":
                low = None if found.low is None else found.low
            return Span(found.amount, low, high, found.unit)
    return parsed


def _value_at(values: Sequence[Value], position: Position) -> Value | None:
    start, end = position.start or 0, position.end if position.end is not None else (position.start or 0)
    for v in values:
        if v.sentence == position.sentence and v.start < max(end, start + 1) and v.end > start:
            return v
    return None


@dataclass(slots=True)
class ChartRow:
    label: str
    value: str
    y: float
    x_low: float
    x_high: float
    x_point: float
    open_low: bool
    open_high: bool
    exact: bool


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    left: int
    unit: str
    rows: list[ChartRow]
    ticks: list[tuple[float, str]]
    axis_y: float
    right: float


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) between lo and hi."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / n
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    t = math.ceil(lo / step - 1e-9) * step
    ticks = []
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


def value_chart(labels: Sequence[str], values: Sequence[str], spans: Sequence[Span | None]) -> Chart | None:
    """An SVG chart of numeric positions: a dot per value, a bar for a hedged range, an arrow when open.

    Returns None unless two or more positions have a number in one and the same unit.
    """
    units = [s.unit for s in spans if s is not None]
    if len(units) < 2 or len(set(units)) != 1:
        return None
    known = [s for s in spans if s is not None]
    lows = [v for s in known for v in (s.low, s.point) if v is not None]
    highs = [v for s in known for v in (s.high, s.point) if v is not None]
    lo, hi = min(lows), max(highs)
    pad = (hi - lo) * 0.15 or abs(hi) * 0.2 or 1.0
    lo = max(0.0, lo - pad) if lo >= 0 else lo - pad
    hi = hi + pad
    width, left, right_margin, row_h, top = 560, 170, 24, 30, 12
    plot = width - left - right_margin

    def x(v: float) -> float:
        return round(left + (v - lo) / (hi - lo) * plot, 1)

    rows = []
    y = top
    for label, value, span in zip(labels, values, spans, strict=True):
        if span is None:
            continue
        y_mid = y + row_h / 2
        rows.append(
            ChartRow(
                label=label,
                value=value,
                y=y_mid,
                x_low=x(span.low) if span.low is not None else float(left),
                x_high=x(span.high) if span.high is not None else float(left + plot),
                x_point=x(span.point),
                open_low=span.low is None,
                open_high=span.high is None,
                exact=span.low == span.high == span.point,
            )
        )
        y += row_h
    axis_y = y + 4
    ticks = [(x(t), f"{t:g}") for t in _nice_ticks(lo, hi)]
    return Chart(width, int(axis_y + 24), left, units[0], rows, ticks, axis_y, float(left + plot))


@dataclass(slots=True)
class PositionView:
    value: str
    text: str
    name: str
    label: str
    title: str
    attribution: str
    cite: CiteView


@dataclass(slots=True)
class ConflictView:
    id: str
    about: str
    kind: str
    positions: list[PositionView]
    chart: Chart | None


def conflict_view(conflict: Conflict, ctx: Context) -> ConflictView:
    """A conflict's positions side by side, with a value chart when they are numbers in one unit."""
    positions = []
    for p in conflict.positions:
        doc = ctx.docs.get(p.article)
        positions.append(
            PositionView(
                value=p.value,
                text=p.text,
                name=ctx.name(p.article),
                label=ctx.label(p.article),
                title=(doc.article.title or "") if doc else "",
                attribution=p.attribution or "",
                cite=ctx.cite(p.article, p.sentence),
            )
        )
    spans = [position_span(p, ctx.docs.get(p.article)) for p in conflict.positions]
    chart = value_chart(
        [f"{pv.name} ({pv.label})" if pv.name != pv.label else pv.label for pv in positions],
        [p.value for p in conflict.positions],
        spans,
    )
    return ConflictView(conflict.id, conflict.about, conflict.kind, positions, chart)


# --------------------------------------------------------------------------------------------------
# quotes, timeline, entities, summary
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class QuoteView:
    text: str
    via: str
    name: str
    cite: CiteView


def quotes_by_speaker(
    quotes: Sequence[Quote], entities: Sequence[Entity], ctx: Context
) -> list[tuple[str, list[QuoteView]]]:
    """Quotes grouped by speaker (the resolved entity's name when known), speakers with most quotes first."""
    names = {e.id: e.name for e in entities}
    grouped: dict[str, list[QuoteView]] = {}
    for q in quotes:
        speaker = names.get(q.speaker_entity or "") or q.speaker or "Speaker not identified"
        grouped.setdefault(speaker, []).append(
            QuoteView(q.text, q.via or "", ctx.name(q.article), ctx.cite(q.article, q.sentence))
        )
    return sorted(grouped.items(), key=lambda kv: (kv[0] == "Speaker not identified", -len(kv[1])))


@dataclass(slots=True)
class EventView:
    date: str
    text: str
    n_articles: int
    cites: list[CiteView]
    inferred: bool = False


def timeline_view(events: Sequence[TimelineEvent], ctx: Context) -> list[EventView]:
    """Timeline events in date order, each with its citations."""
    out = []
    for e in sorted(events, key=lambda e: e.date):
        cites = ctx.cites(e.sources)
        out.append(EventView(e.date, e.text, len(set(e.articles)) or len(cites), cites, e.inferred))
    return out


@dataclass(slots=True)
class EntityView:
    name: str
    type: str
    aliases: list[str]
    n_articles: int
    n_mentions: int
    cites: list[CiteView] = field(default_factory=list)


def entity_groups(entities: Sequence[Entity], ctx: Context) -> list[tuple[str, list[EntityView]]]:
    """Entities grouped as People, Organisations, Places and Other, most widely reported first."""
    groups: list[tuple[str, list[EntityView]]] = []
    placed: set[str] = set()
    for title, types in (*ENTITY_GROUPS, ("Other", None)):
        chosen = [e for e in entities if e.id not in placed and (types is None or e.type in types)]
        placed.update(e.id for e in chosen)
        views = []
        for e in chosen:
            articles = {m.article for m in e.mentions}
            cites = ctx.cites((m.article, m.sentence) for m in e.mentions)[:MAX_ENTITY_CITES]
            aliases = [a for a in dict.fromkeys(e.aliases) if a != e.name]
            views.append(EntityView(e.name, e.type, aliases, len(articles), len(e.mentions), cites))
        views.sort(key=lambda v: (-v.n_articles, -v.n_mentions, v.name))
        if views:
            groups.append((title, views))
    return groups


@dataclass(slots=True)
class StoryView:
    id: str
    title: str
    articles: list[tuple[str, str, str, str]]  # (label, outlet, title, dom key)
    summary: list[tuple[str, list[CiteView]]]
    conflicts: list[ConflictView]
    matrix: Matrix
    quotes: list[tuple[str, list[QuoteView]]]
    timeline: list[EventView]
    entities: list[tuple[str, list[EntityView]]]
    n_claims: int


def story_view(story: Story, ctx: Context) -> StoryView:
    """Everything a story page shows, built from the story and its articles."""
    articles = [a for a in story.articles if a in ctx.docs] or list(story.articles)
    return StoryView(
        id=story.id,
        title=story.title or "Untitled story",
        articles=[
            (
                ctx.label(a),
                ctx.outlet(a),
                (ctx.docs[a].article.title or "") if a in ctx.docs else "",
                dom_key(a),
            )
            for a in articles
        ],
        summary=[(s.text, ctx.cites(s.citations)) for s in story.summary],
        conflicts=[conflict_view(c, ctx) for c in story.conflicts],
        matrix=coverage_matrix(story.claims, articles, ctx),
        quotes=quotes_by_speaker(story.quotes, story.entities, ctx),
        timeline=timeline_view(story.timeline, ctx),
        entities=entity_groups(story.entities, ctx),
        n_claims=len(story.claims),
    )


def article_views(
    docs: Sequence[ArticleDoc], ctx: Context, highlights: Mapping[str, int] | None = None
) -> list[ArticleView]:
    """The reader's articles, in the given order."""
    highlights = highlights or {}
    return [article_view(d, ctx.label(d.article.id), highlights.get(d.article.id)) for d in docs]
