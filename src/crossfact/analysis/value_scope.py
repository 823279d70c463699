"""What a value is a value of, beyond its kind and unit: the place, period and base it is given for.

Two values with the same unit and similar sentences may still be about different facts, and reporting them
as a disagreement is the commonest false conflict on real news:

* **place** (part against whole): "125 people died across Syria" against "104 people were killed in
  Homs". :func:`scope_places` reads the place a value is given for off its clause (the nearest place
  name, with the places comma-joined to it: "Madison, Wisconsin") and whether it is given for the whole
  of it ("across", "nationwide", "a total of"); a value for a whole place and one for a place that shares
  no entity with it are different facts (:func:`split_places`).
* **period**: "up 4% this year" against "up 9% in the quarter", or figures dated to different years.
  :func:`periods` and :func:`years` read them off the sentence.
* **base** of a share: "35% of voters" against "40% of Republicans" (:func:`percent_base`).
* **group or object**: an article that states several values of one kind gives them for different groups
  or objects ("$4.3 trillion from benefit programs", "people who ran 2.5 hours"); a value of such an
  article is compared only with values whose group words it shares (:func:`value_group`).
* **day of the week**: "the index fell 90 points on Friday" against "fell 120 points on Monday"
  (:func:`weekdays`, :func:`separate_days`).
* **the other figure in the sentence**: "five children per woman; in Niger it is seven" against "in
  Niger, seven children": an article that itself states the other figure (for something else, or as an
  earlier count it corrects) does not disagree with it (:func:`states_amount`).

Each reader returns nothing when the text does not say, and two values are told apart only when both
texts say and what they say differs: precision first, without losing conflicts that texts leave open.
:func:`separate_days` and :func:`separate_scopes` apply the readers to a matrix of same-fact scores, as
:mod:`crossfact.analysis.conflicts` builds it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from crossfact.model import ArticleDoc, Entity, Value

__all__ = [
    "PlaceScope",
    "different_scope",
    "percent_base",
    "periods",
    "scope_places",
    "separate_days",
    "separate_scopes",
    "split_places",
    "states_amount",
    "value_group",
    "weekdays",
    "years",
]

log = logging.getLogger(__name__)

# entity labels that are places a figure can be given for
PLACE_LABELS = frozenset({"GPE", "LOC"})
# a place name further than this (characters) from the value is not what the value is given for
PLACE_REACH = 60
# a value given for the whole of a place, not a part of it
_WHOLE = re.compile(
    r"\b(?:across|throughout|nationwide|statewide|countrywide|all\s+over|in\s+all|all\s+of|a\s+total\s+of|"
    r"in\s+total|the\s+whole|the\s+entire)\b",
    re.I,
)
# how far before the value (characters) a word marking the whole may stand
WHOLE_REACH = 30
# words that end the clause of a value: a place past them belongs to another statement
_CLAUSE_BREAK = re.compile(
    r";|\u2014|--|\(|\)|,\s+(?:and|but|while)\b"
    r"|\b(?:while|whereas|but|compared with|compared to|versus|vs)\b",
    re.I,
)
_YEAR = re.compile(r"(?<![\d$.,])(?:19[5-9]\d|20[0-4]\d)(?![\d%,])")
_PERIOD = re.compile(
    r"\b(?:(?P<rel>this|last|next|the\s+past|the\s+previous)\s+(?P<rel_unit>year|month|quarter|week)"
    r"|(?P<adj>annual(?:ly)?|yearly|monthly|quarterly|weekly|daily)"
    r"|(?:per|a|each)\s+(?P<per>year|month|week|day)"
    r"|(?:year|month)-(?:on|over|to)-(?:year|month)"
    r"|(?P<q>(?:first|second|third|fourth)\s+quarter|(?:first|second)\s+half))\b",
    re.I,
)
_ADJ_PERIOD = {
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "monthly": "month",
    "quarterly": "quarter",
    "weekly": "week",
    "daily": "day",
}
_BASE = re.compile(r"^\s*(?:of|among)\s+(?:the|all|its|their|his|her|our)?\b", re.I)
_WORD = re.compile(r"[A-Za-z][\w'-]*|[^\w\s]")
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as"}
    | {"is", "are", "was", "were", "be", "been", "has", "have", "had", "who", "that", "which", "said", "says"}
)


# the group or object of a value: "of/from/in/for/among X" right after it (past "a week"), or the head of
# "X who/that ..." before it in its clause
_GROUP_PREP = re.compile(
    r"^\s*(?:(?:a|an|per|each|every)\s+(?:day|week|month|year)\s+)?(?:of|from|in|for|among)\s+(?:the\s+)?",
    re.I,
)
_RELATIVE_HEAD = re.compile(r"\b([A-Za-z][\w-]*)\s+(?P<rel>who|that)\s+(?:[^.;:!?\u2014()]|\.\d){0,90}$")
# "joggers with the highest running time—three hours a week": the value specifies a group before a dash
_DASH_HEAD = re.compile(r"\b([A-Za-z][\w-]*)\s+with\s+(?:[^.;:!?\u2014()]|\.\d){0,60}(?:\u2014|--|:)\s*$")
# words that name no group: pronouns, and the periods and times a value is given over
_NO_GROUP = frozenset(
    {"those", "these", "they", "them", "he", "she", "it", "we", "you", "i", "one", "ones", "anyone", "all"}
    | {"someone", "something", "each", "both", "some", "many", "most", "few", "more", "less", "only"}
    | {"day", "week", "month", "year", "decade", "century", "hour", "minute", "time", "period", "next"}
    | {"last", "past", "coming", "previous", "first", "this", "that", "which", "what", "total", "average"}
    | {"over", "since", "after", "before", "during", "into", "through", "about", "than", "until", "per"}
)
# how far before the value (characters) the head of "X who ..." may stand
GROUP_REACH = 100
GROUP_WORDS = 4


class PlaceScope(NamedTuple):
    """The places a value is given for, and whether it is given as the whole of them ("across Syria")."""

    places: frozenset[str]
    whole: bool = False


def scope_places(doc: ArticleDoc, v: Value, mention_entity: Mapping[tuple[str, int], Entity]) -> PlaceScope:
    """The places a value is given for: the nearest place name in its clause and those comma-joined to it.

    Args:
        doc: the value's article.
        v: the value.
        mention_entity: (article id, mention start) -> resolved entity, to name each place by its entity.

    Returns:
        Keys of the places (entity ids, else the lower-cased name), empty when the clause names none, and
        whether a word such as "across", "nationwide" or "a total of" gives the value for the whole place.
    """
    if v.sentence >= len(doc.sentences):
        return PlaceScope(frozenset())
    sentence = doc.sentences[v.sentence]
    text = doc.article.text
    places = sorted(
        (m for m in doc.mentions if m.sentence == v.sentence and m.label in PLACE_LABELS),
        key=lambda m: m.start,
    )
    best, best_gap = None, PLACE_REACH + 1
    for k, m in enumerate(places):
        if m.end <= v.start:
            between, gap = text[m.end : v.start], v.start - m.end
        elif m.start >= v.end:
            between, gap = text[v.end : m.start], m.start - v.end
        else:  # a place inside the value's own span ("the 3300 block of ...") says nothing
            continue
        if m.start < sentence.start or gap >= best_gap or _CLAUSE_BREAK.search(between):
            continue
        # another figure between them is what the place is for: "a pileup killed two, and across Iowa
        # 30,900 were without power"
        lo, hi = min(m.end, v.end), max(m.start, v.start)
        if any(lo <= w.start and w.end <= hi for w in doc.values if w.sentence == v.sentence and w != v):
            continue
        best, best_gap = k, gap
    if best is None:
        return PlaceScope(frozenset())
    chain = [places[best]]
    # "Madison, Wisconsin": the places comma-joined to the nearest one name the same spot
    for step in (-1, 1):
        k = best + step
        while 0 <= k < len(places):
            left, right = (places[k], chain[0]) if step < 0 else (chain[-1], places[k])
            if not re.fullmatch(r"\s*,\s*", text[left.end : right.start]):
                break
            chain.insert(0, places[k]) if step < 0 else chain.append(places[k])
            k += step
    keys = set()
    for m in chain:
        ent = mention_entity.get((doc.article.id, m.start))
        keys.add(ent.id if ent is not None else m.text.lower())
    # the clause around the value and its place: "a total of 125 people had died across Syria"
    lo = max(sentence.start, min(v.start, chain[0].start) - WHOLE_REACH)
    hi = max(v.end, chain[-1].end)
    return PlaceScope(frozenset(keys), _WHOLE.search(text[lo:hi]) is not None)


def split_places(a: PlaceScope, b: PlaceScope) -> bool:
    """True when two values are a part against a whole: one given for the whole of a place ("across
    Syria"), the other for a place that is not it ("in Homs").

    Values for two places neither given as a whole ("on Interstate 35" and "in Iowa") may be one fact
    described from two sides, and are not told apart.
    """
    return different_scope(a.places, b.places) and (a.whole or b.whole)


def years(text: str) -> frozenset[str]:
    """The calendar years a sentence names ("in 2012", "the 1998 survey")."""
    return frozenset(_YEAR.findall(text))


def periods(text: str) -> frozenset[str]:
    """The periods a sentence gives a figure for: "year", "quarter", "last year", "first quarter", ..."""
    out = set()
    for m in _PERIOD.finditer(text):
        if m.group("rel"):
            out.add(f"{' '.join(m.group('rel').lower().split())} {m.group('rel_unit').lower()}")
        elif m.group("adj"):
            out.add(_ADJ_PERIOD[m.group("adj").lower()])
        elif m.group("per"):
            out.add(m.group("per").lower())
        elif m.group("q"):
            out.add(" ".join(m.group("q").lower().split()))
        else:
            out.add(m.group(0).lower().split("-")[0])
    return frozenset(out)


def percent_base(after: str) -> frozenset[str]:
    """The group a share is of, from the text right after it: "of registered voters" -> {registered, voter}.

    The words after "of" / "among" up to the first plural noun, a function word or punctuation (three at
    most), singular; empty when the text does not say.
    """
    m = _BASE.match(after)
    if not m:
        return frozenset()
    out = []
    for w in _WORD.findall(after[m.end() :])[:3]:
        low = w.lower()
        if low in _FUNCTION_WORDS or not low[0].isalpha():
            break
        out.append(_singular(low))
        if _plural(low):
            break
    return frozenset(out)


def states_amount(
    doc: ArticleDoc, v: Value, amount: float, other_fact: Callable[[Value], bool] = lambda w: False
) -> bool:
    """True when ``v``'s sentence also states ``amount``, outside ``v``, as a plain number.

    A number inside another value for which ``other_fact`` is true does not count: "13 cars" does not
    state the 13 of "13 people".
    """
    try:
        from crossfact.nlp.numwords import numbers_in
    except ImportError:  # the per-article NLP is optional for this module
        return False
    if v.sentence >= len(doc.sentences):
        return False
    sentence = doc.sentences[v.sentence]
    others = [w for w in doc.values if w.sentence == v.sentence and w != v and other_fact(w)]
    for start, end, number in numbers_in(sentence.text):
        start, end = start + sentence.start, end + sentence.start
        if start < v.end and end > v.start:
            continue
        if abs(number - amount) > 1e-9 * max(1.0, abs(amount)):
            continue
        if any(start < w.end and end > w.start for w in others):
            continue
        return True
    return False


def _plural(word: str) -> bool:
    try:
        from crossfact.nlp.units import is_plural
    except ImportError:  # the per-article NLP is optional for this module
        return word.endswith("s")
    return is_plural(word)


def _singular(word: str) -> str:
    try:
        from crossfact.nlp.units import lemma
    except ImportError:  # the per-article NLP is optional for this module
        return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return lemma(word)


def different_scope(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when both texts say what the figure is for and they share nothing."""
    return bool(a) and bool(b) and not a & b


# --------------------------------------------------------------------------------------------------
# Unlinking the values of different scopes in a score matrix
# --------------------------------------------------------------------------------------------------

_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def weekdays(text: str) -> frozenset[str]:
    """The days of the week a sentence names, lower-cased."""
    return frozenset(m.lower() for m in _WEEKDAY.findall(text))


def _other_days(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when two sentences each name days of the week and none in common: Friday's fall, Monday's."""
    return bool(a) and bool(b) and not a & b


def separate_days(
    amounts: Sequence[float], days: Sequence[frozenset[str]], scores: np.ndarray, link: float
) -> None:
    """Unlink (in place) values given for different days of the week: Friday's fall and Monday's.

    Args:
        amounts: each value's amount.
        days: the weekdays each value's sentence names (:func:`weekdays`).
        scores: the symmetric same-fact scores of the values; -1 where they are never one fact.
        link: the score from which two values are linked.

    A value whose sentence names no day takes the days of the same amount in a linked sentence that
    does ("the index fell 90 points" and "on Monday the index fell 90 points").
    """
    dated = list(days)
    for k, linked in enumerate(scores >= link):
        if days[k] or not linked.any():
            continue
        twins = [days[j] for j in np.flatnonzero(linked).tolist() if days[j] and amounts[j] == amounts[k]]
        dated[k] = frozenset().union(*twins)
    for i, j in np.argwhere(np.triu(scores > -1, k=1)).tolist():
        if _other_days(dated[i], dated[j]):
            scores[i, j] = scores[j, i] = -1.0


def separate_scopes(
    docs: Sequence[ArticleDoc],
    located: Sequence[tuple[int, Value]],
    fact_key: Callable[[Value], object],
    mention_entity: Mapping[tuple[str, int], Entity],
    scores: np.ndarray,
) -> None:
    """Unlink (in place) values given for different places, periods or bases.

    Also unlinks two different amounts when either's sentence states the other's as well: the article
    gives both figures, for different things or as an earlier figure it corrects, and does not
    disagree with it.

    Args:
        docs: the story's articles.
        located: (doc index, value) of each row of ``scores``.
        fact_key: the key of a value's fact; values of another key in a sentence are other facts.
        mention_entity: (article id, mention start) -> resolved entity.
        scores: the symmetric same-fact scores of the values; -1 where they are never one fact.
    """
    pairs = np.argwhere(np.triu(scores > -1, k=1))
    if not len(pairs):
        return
    keys = [fact_key(v) for _, v in located]
    scope: dict[int, tuple[PlaceScope, frozenset[str], frozenset[str], frozenset[str]]] = {}

    def scope_of(k: int) -> tuple[PlaceScope, frozenset[str], frozenset[str], frozenset[str]]:
        if k not in scope:
            d, v = docs[located[k][0]], located[k][1]
            text = d.sentences[v.sentence].text
            after = d.article.text[v.end : d.sentences[v.sentence].end]
            base = percent_base(after) if v.kind == "percent" else frozenset()
            scope[k] = (scope_places(d, v, mention_entity), years(text), periods(text), base)
        return scope[k]

    def other_fact(key: object) -> Callable[[Value], bool]:
        return lambda w: fact_key(w) != key

    several = _several_values(docs, located, keys)
    group: dict[int, frozenset[str]] = {}

    def group_of(k: int) -> frozenset[str]:
        if k not in group:
            group[k] = value_group(docs[located[k][0]], located[k][1])
        return group[k]

    for i, j in pairs.tolist():
        (da, a), (db, b) = located[i], located[j]
        (place_a, *rest_a), (place_b, *rest_b) = scope_of(i), scope_of(j)
        split = split_places(place_a, place_b) or any(
            different_scope(x, y) for x, y in zip(rest_a, rest_b, strict=True)
        )
        if not split and ((da, keys[i]) in several or (db, keys[j]) in several):
            # an article with several values of this kind: each is of its own group or object
            split = different_scope(group_of(i), group_of(j))
        if not split and a.amount != b.amount:
            split = states_amount(docs[da], a, b.amount, other_fact(keys[i])) or states_amount(
                docs[db], b, a.amount, other_fact(keys[j])
            )
        if split:
            log.debug(
                "different scope: %s:%s %s | %s:%s %s",
                docs[da].article.id,
                a.text,
                scope_of(i),
                docs[db].article.id,
                b.text,
                scope_of(j),
            )
            scores[i, j] = scores[j, i] = -1.0


def value_group(doc: ArticleDoc, v: Value) -> frozenset[str]:
    """The words of the group or object a value is given for, singular and lower-case.

    The content words of "of / from / in / for / among X" right after the value ("$4.3 trillion from
    benefit programs" -> {benefit, program}; "three times a week for ..." skips "a week"), and the head of
    "X who / that ..." before it in its clause ("people who ran 2.5 hours" -> {people}). A name (a place,
    a day), a pronoun or a period word names no group. A count that names neither is of its counted noun.
    Empty when the text does not say.
    """
    if v.sentence >= len(doc.sentences):
        return frozenset()
    sentence, text = doc.sentences[v.sentence], doc.article.text
    same = [w for w in doc.values if w.sentence == v.sentence and w != v]
    stop = min((w.start for w in same if w.start >= v.end), default=sentence.end)
    after = text[v.end : max(v.end, stop)]
    cut = _CLAUSE_BREAK.search(after)
    after = after[: cut.start()] if cut else after
    out: set[str] = set()
    m = _GROUP_PREP.match(after)
    if m:
        for w in _WORD.findall(after[m.end() :])[:GROUP_WORDS]:
            low = w.lower()
            if low in _FUNCTION_WORDS or not low[0].isalpha() or w[0].isupper():
                break
            if low not in _NO_GROUP:
                out.add(_singular(low))
    begin = max(sentence.start, v.start - GROUP_REACH)
    before = text[begin : v.start]
    m = _DASH_HEAD.search(before)
    if m is None:
        cuts = list(_CLAUSE_BREAK.finditer(before))
        before = before[cuts[-1].end() :] if cuts else before
        m = _RELATIVE_HEAD.search(before)
    if m and _group_head(m, text[sentence.start : v.start - len(before) + m.start(1)]):
        out.add(_singular(m.group(1).lower()))
    if not out and v.kind == "count" and v.noun:
        head = _WORD.findall(v.noun)[-1:]
        if head and head[0][0].isalpha():
            out.add(_singular(head[0].lower()))
    return frozenset(out)


def _group_head(m: re.Match, lead: str) -> bool:
    """True when the head of "X who ..." / "X that ..." / "X with ...—" names a group: a common noun
    (a capital only at the sentence start), plural after "that" ("programs that ...", not "said that")."""
    head = m.group(1)
    low = head.lower()
    if low in _NO_GROUP or low in _FUNCTION_WORDS or (head[0].isupper() and lead.strip()):
        return False
    return m.re is not _RELATIVE_HEAD or m.group("rel") == "who" or _plural(low)


def _several_values(
    docs: Sequence[ArticleDoc], located: Sequence[tuple[int, Value]], keys: Sequence[object]
) -> set:
    """The (doc index, fact key) pairs of articles that state two or more different amounts of one key."""
    amounts: dict[tuple[int, object], set[float]] = {}
    for (d, v), key in zip(located, keys, strict=True):
        amounts.setdefault((d, key), set()).add(v.amount)
    return {k for k, found in amounts.items() if len(found) > 1}
