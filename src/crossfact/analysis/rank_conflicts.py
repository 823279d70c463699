"""Rank descriptors: an entity ranked differently by two articles ("France's largest" / "second biggest").

An article often describes a place, a company or a person by its rank in some scope: "Lyon, France's
largest city", "the world's second-largest oil producer, Acme", "Smith, the third-richest man in France".
:func:`rank_descriptors` reads such descriptors right next to an entity mention, in three shapes:

* an apposition after the name: "Lyon, France's largest (city)", "Lyon, the largest city in France";
* a possessive descriptor before the name: "France's second biggest city of Lyon", "France's largest
  city, Lyon".

Each gives (scope, dimension, rank, noun): scope "france", dimension "size" for largest, biggest and most
populous, rank 2 for "second biggest", noun "city" or None when elided. :func:`rank_conflicts` reports one
entity given two ranks in the same scope and dimension by two articles, when their nouns agree (or one is
elided). Hedged descriptors ("one of France's largest cities", "once France's largest city", plural nouns)
are not read, so a rank among several or a rank that has changed is never compared.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from crossfact.analysis.claims import sentence_attribution
from crossfact.model import ArticleDoc, Conflict, Entity, Position, content_id
from crossfact.nlp.units import is_plural, lemma

log = logging.getLogger(__name__)

# superlative -> the dimension it ranks on; words of one dimension rank the same thing
SUPERLATIVES = {
    "largest": "size",
    "biggest": "size",
    "most populous": "size",
    "most-populous": "size",
    "smallest": "smallness",
    "oldest": "age",
    "youngest": "youth",
    "richest": "wealth",
    "wealthiest": "wealth",
    "poorest": "poverty",
    "busiest": "traffic",
    "tallest": "height",
    "longest": "length",
    "deadliest": "deaths",
    "highest-ranking": "seniority",
    "most senior": "seniority",
    "top-ranking": "seniority",
}
ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_SUP = "|".join(sorted((re.escape(s).replace(r"\ ", r"\s+") for s in SUPERLATIVES), key=len, reverse=True))
_ORD = r"(?:" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
_RANK = r"(?:(?P<ord>" + _ORD + r")[\s-]+)?(?P<sup>" + _SUP + r")"
# a possessive scope: "France's", "the world's", "the country's", "South Korea's"
_POSS = r"(?P<poss>(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}[A-Za-z][\w.-]*)['\u2019]s"
# "the largest city in France", "the biggest bank in the country"
_IN_SCOPE = r"\s+in\s+(?P<scope>(?:the\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}|world|country|nation))"
_NOUN = r"(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
_STOP_AFTER = r"(?=\s*(?:[,.;:)\u2014]|--|\s+(?:and|with|where|which|that|who|whose|on|at|near)\b|$))"
# after the name: ", France's largest", ", France's largest city,", ", the largest city in France"
_AFTER = re.compile(
    r"^,\s+(?:(?:" + _POSS + r"\s+" + _RANK + r"(?:\s+" + _NOUN + r")?" + _STOP_AFTER + r")"
    r"|(?:the\s+"
    + _RANK.replace("ord>", "ord2>").replace("sup>", "sup2>")
    + r"\s+(?P<noun2>[a-z][\w-]*)"
    + _IN_SCOPE
    + r"))"
)
# before the name: "France's second biggest city of ", "France's largest city, "
_BEFORE = re.compile(_POSS + r"\s+" + _RANK + r"\s+" + _NOUN + r"(?:\s+of|,)\s+(?:the\s+)?$")
# words before a descriptor that make it no rank of this entity now: "one of", "once", "former"
_HEDGE_BEFORE = re.compile(
    r"\b(?:one\s+of|among|once|formerly|former|previously|then|until|no\s+longer|what\s+was|not)\s*$", re.I
)
_HEDGE_WORDS = frozenset(
    ["once", "formerly", "former", "previously", "then", "until", "what", "not", "among"]
)
_SCOPE_ALIASES = {"nation": "country"}


@dataclass(frozen=True, slots=True)
class RankDescriptor:
    """A rank one article gives an entity mention."""

    sentence: int
    start: int  # the span of descriptor and name together
    end: int
    text: str
    scope: str  # "france", "world", "country"
    dimension: str  # "size"
    rank: int  # 1 for "largest", 2 for "second largest"
    noun: str | None  # "city", or None when elided
    phrase: str  # the rank as written, normalised: "second biggest"


def _scope(raw: str) -> str:
    s = " ".join(raw.lower().split())
    s = re.sub(r"^the\s+", "", s)
    return _SCOPE_ALIASES.get(s, s)


def _rank(ordinal: str | None) -> int:
    if not ordinal:
        return 1
    o = ordinal.lower()
    return ORDINALS.get(o) or int(re.match(r"\d+", o).group(0))  # type: ignore[union-attr]


def _descriptor(
    m: re.Match[str], sentence: int, start: int, end: int, text: str, alt: bool
) -> RankDescriptor | None:
    ordinal = m.group("ord2" if alt else "ord")
    sup = " ".join(m.group("sup2" if alt else "sup").lower().split())
    noun = m.group("noun2" if alt else "noun")
    scope = m.group("scope" if alt else "poss")
    if scope.split()[0].lower() in _HEDGE_WORDS:
        return None  # "Once France's largest city": the possessive swallowed a capitalised hedge
    if noun:
        head = noun.split()[-1].lower()
        if is_plural(head) and lemma(head) != head:
            return None  # "France's largest cities": a rank among several
        noun = lemma(head)
    phrase = f"{ordinal.lower()} {sup}" if ordinal else sup
    return RankDescriptor(
        sentence, start, end, text[start:end], _scope(scope), SUPERLATIVES[sup], _rank(ordinal), noun, phrase
    )


def rank_descriptors(doc: ArticleDoc, sentence: int, start: int, end: int) -> list[RankDescriptor]:
    """Rank descriptors of the entity mention at ``start``..``end`` in ``doc``'s sentence ``sentence``.

    Args:
        doc: the analysed article.
        sentence: the mention's sentence index.
        start: the mention's start offset in the article text.
        end: the mention's end offset.

    Returns:
        At most one descriptor after the name and one before it.
    """
    if sentence >= len(doc.sentences):
        return []
    s = doc.sentences[sentence]
    text = doc.article.text
    out = []
    m = _AFTER.match(text[end : s.end])
    if m:
        alt = m.group("sup") is None
        stop = end + m.end()
        d = _descriptor(m, sentence, start, stop, text, alt)
        if d is not None:
            out.append(d)
    before = text[s.start : start]
    m = _BEFORE.search(before)
    if m and not _HEDGE_BEFORE.search(before[: m.start()]):
        d = _descriptor(m, sentence, s.start + m.start(), end, text, False)
        if d is not None:
            out.append(d)
    return out


def rank_conflicts(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[Conflict]:
    """The same entity ranked differently (same scope and dimension) by different articles.

    Args:
        docs: the story's analysed articles.
        entities: resolved entities; any type (places, organisations, people).

    Returns:
        Conflicts of kind "attribute", one per entity and rank dimension, each position the descriptor with
        the name it describes and its rank as written ("largest", "second biggest").
    """
    index = {d.article.id: i for i, d in enumerate(docs)}
    out = []
    for e in entities:
        # (scope, dimension) -> article -> descriptors
        found: dict[tuple[str, str], dict[str, list[RankDescriptor]]] = {}
        for m in e.mentions:
            i = index.get(m.article)
            if i is None:
                continue
            for d in rank_descriptors(docs[i], m.sentence, m.start, m.end):
                per_article = found.setdefault((d.scope, d.dimension), {}).setdefault(m.article, [])
                if all(x.start != d.start for x in per_article):
                    per_article.append(d)
        for (scope, dimension), by_article in sorted(found.items()):
            conflict = _conflict(docs, index, e, scope, dimension, by_article)
            if conflict is not None:
                out.append(conflict)
    return out


def _conflict(
    docs: Sequence[ArticleDoc],
    index: dict[str, int],
    entity: Entity,
    scope: str,
    dimension: str,
    by_article: dict[str, list[RankDescriptor]],
) -> Conflict | None:
    chosen: dict[str, RankDescriptor] = {}
    for article, descriptors in by_article.items():
        if len({d.rank for d in descriptors}) > 1:
            return None  # one article ranks it two ways: different scopes or times, not a disagreement
        chosen[article] = descriptors[0]
    nouns = {d.noun for d in chosen.values() if d.noun}
    if len(chosen) < 2 or len({d.rank for d in chosen.values()}) < 2 or len(nouns) > 1:
        return None
    ordered = sorted(chosen.items(), key=lambda kv: (index[kv[0]], kv[1].start))
    positions = tuple(
        Position(
            value=d.phrase,
            text=d.text,
            article=article,
            sentence=d.sentence,
            attribution=sentence_attribution(docs[index[article]], d.sentence),
            start=d.start,
            end=d.end,
        )
        for article, d in ordered
    )
    log.debug("rank conflict %s: %s", entity.name, [(p.article, p.value) for p in positions])
    cid = content_id("rank", entity.id, scope, dimension, *(f"{p.article}:{p.start}" for p in positions))
    noun = next(iter(nouns)) if nouns else None
    about = f"rank of {entity.name} in {scope}" + (f" ({noun})" if noun else "")
    return Conflict(id=cid, about=about, kind="attribute", positions=positions)
