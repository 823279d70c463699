"""The document model: frozen dataclasses that every stage, the store and the renderers share.

An :class:`Article` owns its text. Everything found in it (sentences, entity mentions, values, dates,
attributions, quotes) points into that text by character offsets, so every figure a report shows can be
traced back to, and highlighted in, its source sentence.

Each type has ``to_dict`` and ``from_dict``; the store, the JSON report and the web app all use them.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

T = TypeVar("T", bound="_Record")


def content_id(*parts: str, length: int = 16) -> str:
    """A deterministic id: the first ``length`` hex digits of the SHA-1 of ``parts`` joined by NUL."""
    digest = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class _Record:
    """Mixin giving a frozen dataclass a generic ``to_dict`` and ``from_dict``."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (tuples become lists)."""
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """Rebuild a record from :meth:`to_dict` output; unknown keys are ignored."""
        hints = _hints(cls)  # type: ignore[arg-type]  # a class is hashable
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _build(hints[f.name], data[f.name])
        return cls(**kwargs)


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    # get_type_hints re-evaluates string annotations on every call: cache it per class
    return typing.get_type_hints(cls)


def _plain(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _build(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _build(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        (item, *_rest) = typing.get_args(hint)
        return tuple(_build(item, v) for v in value)
    if isinstance(hint, type) and issubclass(hint, _Record):
        return hint.from_dict(value)
    return value


# --------------------------------------------------------------------------------------------------
# One article and what the per-article NLP finds in it
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One news report as ingested.

    ``text`` is the running text with paragraphs separated by blank lines, the title, dateline, leading
    metadata, captions, credits and section headings taken out. All offsets elsewhere point into it.
    ``published`` is an ISO date (YYYY-MM-DD); ``published_inferred`` says it was inferred from the
    article's own text rather than read from metadata.
    ``date_hints`` are dates found in the furniture ingest removed (see the field's comment).
    """

    id: str
    text: str
    source: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_inferred: bool = False
    url: str | None = None
    dateline: str | None = None
    language: str | None = None
    format: str = "text"
    # dates read from furniture that ingest took out of ``text`` (a photo caption's "Sunday, March 18,
    # 2012", a video's "(Published Tuesday, June 23, 2015)"): ISO YYYY-MM-DD, or --MM-DD when the line
    # gives no year. The NLP uses them as anchors for the article's weekdays.
    date_hints: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        """Hash of the content (title and text): equal content gives equal hashes."""
        return content_id(self.title or "", self.text, length=40)


@dataclass(frozen=True, slots=True)
class Sentence(_Record):
    """A sentence: ``text == article.text[start:end]``; ``paragraph`` is its 0-based paragraph."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """A named-entity mention; ``label`` is PERSON, ORG, GPE, LOC, NORP, ... after our corrections."""

    sentence: int
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Value(_Record):
    """A normalised number found in text.

    ``kind``: duration, count, money, age, percent, quantity. ``amount`` in ``unit``: durations in
    their unit as written (s, min, h, d, wk, mo, y; compare them with ``nlp.numbers.duration_hours``),
    money in its currency code such as "USD", counts in the counted noun's lemma, e.g. "vehicle".
    ``qualifier``: None (exact), "about", "more than", "less than", "at least", "at most", "between".
    ``low``/``high`` give the range the hedged value stands for, when one is known.
    ``noun`` is the word the number counts or measures as written ("hours", "car pileup").
    """

    sentence: int
    start: int
    end: int
    text: str
    kind: str
    amount: float
    unit: str
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    noun: str | None = None

    @property
    def display(self) -> str:
        """Short human form: "about 5.5 h", "more than 6 h", "3 vehicle"."""
        number = f"{self.amount:g}"
        return f"{self.qualifier + ' ' if self.qualifier else ''}{number} {self.unit}".strip()


@dataclass(frozen=True, slots=True)
class DateRef(_Record):
    """A date found in text, resolved to ISO ``value`` (YYYY, YYYY-MM or YYYY-MM-DD).

    ``granularity`` is year, month or day; ``relative`` is True for weekdays, "yesterday" and the like,
    which are resolved against the article's publication date. ``inferred`` is True when the text does not
    state the year: it comes from the story (see :func:`crossfact.nlp.story_year.infer_story_year`).
    """

    sentence: int
    start: int
    end: int
    text: str
    value: str
    granularity: str
    relative: bool = False
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Attribution(_Record):
    """Who a sentence's statement is attributed to.

    ``speaker`` is the source as written ("the ministry", "Smith", "she"); ``via`` the relay
    in a chain ("TASS cited him as saying": speaker "him" -> resolved later, via "TASS").
    ``speaker_start``/``speaker_end`` locate the speaker in the article text when it is there.
    ``cue`` is the reporting verb or phrase ("said", "according to").
    """

    sentence: int
    speaker: str
    cue: str
    via: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteMention(_Record):
    """A direct quotation: ``text`` is the words inside the quotation marks, verbatim.

    ``speaker`` is as written (may be a pronoun or None when unknown); the cross-source stage resolves
    it to an entity.
    """

    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    via: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleDoc(_Record):
    """An article with everything the per-article NLP stages found in it."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    values: tuple[Value, ...] = ()
    dates: tuple[DateRef, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (the last one starting before it)."""
        best = 0
        for s in self.sentences:
            if s.start <= offset:
                best = s.index
            else:
                break
        return best


# --------------------------------------------------------------------------------------------------
# Across articles: one story
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityMention(_Record):
    article: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    """One real-world referent with all its surface forms across the story's articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[EntityMention, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimSource(_Record):
    article: str
    sentence: int
    text: str
    attribution: str | None = None
    origin: int = 0


@dataclass(frozen=True, slots=True)
class Claim(_Record):
    """The same statement in several articles.

    ``support`` counts distinct articles; ``independent_support`` counts distinct origins after folding
    verbatim or near-verbatim copies (syndication, one statement quoted by several outlets).
    Each source's ``origin`` numbers the origin group it belongs to.
    """

    id: str
    text: str
    support: int
    independent_support: int
    sources: tuple[ClaimSource, ...] = ()


@dataclass(frozen=True, slots=True)
class Position(_Record):
    value: str
    text: str
    article: str
    sentence: int
    attribution: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Conflict(_Record):
    """Sources disagreeing on one fact; ``kind`` is quantity, date, attribute, name, count, money, ..."""

    id: str
    about: str
    kind: str
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    speaker: str | None
    text: str
    article: str
    sentence: int
    via: str | None = None
    speaker_entity: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class TimelineEvent(_Record):
    """A dated event; ``inferred`` is True when no source states its year (it is the story's year)."""

    date: str
    text: str
    articles: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Citation(_Record):
    article: str
    sentence: int


@dataclass(frozen=True, slots=True)
class SummarySentence(_Record):
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Story(_Record):
    id: str
    title: str
    articles: tuple[str, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    summary: tuple[SummarySentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped(_Record):
    """An input that was not processed, and why (one line)."""

    source: str
    reason: str


SCHEMA = "crossfact.report/1"


@dataclass(frozen=True, slots=True)
class Report(_Record):
    """The whole result of an analysis: see ``report-contract.md`` in docs/."""

    docs: tuple[ArticleDoc, ...] = ()
    stories: tuple[Story, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    schema: str = field(default=SCHEMA)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON shape: articles with their sentences, stories, skipped inputs."""
        articles = []
        for d in self.docs:
            a = d.article
            articles.append(
                {
                    "id": a.id,
                    "source": a.source,
                    "title": a.title,
                    "outlet": a.outlet,
                    "published": a.published,
                    "published_inferred": a.published_inferred,
                    "url": a.url,
                    "dateline": a.dateline,
                    "language": a.language,
                    "text": a.text,
                    "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in d.sentences],
                }
            )
        return {
            "schema": self.schema,
            "articles": articles,
            "stories": [s.to_dict() for s in self.stories],
            "skipped": [s.to_dict() for s in self.skipped],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """Rebuild a report from :meth:`to_dict` output (articles keep their text and sentences)."""
        docs = []
        for a in data.get("articles", []):
            fields = {k: v for k, v in a.items() if k != "sentences"}
            article = Article.from_dict(fields | {"text": a.get("text", "")})
            sentences = tuple(
                Sentence(index=i, start=s["start"], end=s["end"], text=s["text"])
                for i, s in enumerate(a.get("sentences", []))
            )
            docs.append(ArticleDoc(article=article, sentences=sentences))
        return cls(
            docs=tuple(docs),
            stories=tuple(Story.from_dict(s) for s in data.get("stories", [])),
            skipped=tuple(Skipped.from_dict(s) for s in data.get("skipped", [])),
            schema=data.get("schema", SCHEMA),
        )

    def doc(self, article_id: str) -> ArticleDoc:
        """The analysed article with this id; raises KeyError when absent."""
        for d in self.docs:
            if d.article.id == article_id:
                return d
        raise KeyError(article_id)
