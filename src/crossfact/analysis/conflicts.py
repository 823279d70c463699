"""Conflicts: sources disagreeing on one fact, with every article's position.

Four families of facts are compared across articles:

* **values** (durations, counts, money, measures, percentages): two values are about the same fact when
  they have the same kind and unit (the same counted noun for counts) and their contexts agree (sentence and
  local-window embeddings, shared entities and words). Values of one fact are grouped (one per article);
  a group is a conflict when two of its values cannot both be true (see :func:`facts.compatible`), so
  paraphrases and compatible hedges ("at least 3" and "4") are not reported. An amount given to each of
  several ("$500 each") is compared with a total as the total it stands for
  (:func:`facts.compatible_readings`). Where the differing
  sentences use update language in articles of different dates, the conflict is marked ``kind="update"``.
* **ages** of the same person entity ("Jane Doe, 25" against "Doe, 24").
* **titles** of the same person entity, when the same office is given different portfolios.
* **speakers** of the same quotation, when named speakers resolve to different entities whose names
  cannot be one person's (:mod:`crossfact.analysis.quote_conflicts`, re-exported here); a speaker carried
  over to a quotation that its own sentence gives to a pronoun ("..., he said."), and a place or people as
  speaker, take no part.
* **dates** of the same person's event (:mod:`crossfact.analysis.date_conflicts`), including a date
  given as an interval after the date before it ("A day later, Doe was arrested").
* **ranks** of the same entity ("France's largest city" / "second biggest city",
  :mod:`crossfact.analysis.rank_conflicts`).
* **intervals** between the same two events ("three days later" / "the next day",
  :mod:`crossfact.analysis.intervals`).

Precision comes first: every rule needs the same kind, unit and context before it compares values.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from crossfact.analysis.claims import _STOP as _STOPWORDS
from crossfact.analysis.claims import content_words, entity_index, sentence_attribution
from crossfact.analysis.date_conflicts import date_conflicts
from crossfact.analysis.facts import (
    EACH,
    TitleMention,
    compatible_readings,
    group_pairs,
    normalise_title,
    per_unit_reading,
    person_titles,
    point,
    recipients,
    titles_conflict,
    value_display,
)
from crossfact.analysis.intervals import interval_conflicts
from crossfact.analysis.origins import words
from crossfact.analysis.quote_conflicts import PRONOUNS as _PRONOUNS
from crossfact.analysis.quote_conflicts import (  # re-exported: callers import them from here
    QUOTE_MATCH,
    is_description,
    quote_speaker_conflicts,
)
from crossfact.analysis.rank_conflicts import rank_conflicts
from crossfact.analysis.value_scope import separate_days, separate_scopes, weekdays
from crossfact.config import Config
from crossfact.model import ArticleDoc, Claim, Conflict, Entity, Mention, Position, Value, content_id

__all__ = [
    "QUOTE_MATCH",
    "VALUE_KINDS",
    "age_conflicts",
    "find_conflicts",
    "is_description",
    "lemma",
    "person_occurrences",
    "quote_speaker_conflicts",
    "rare_nouns",
    "same_key",
    "title_conflicts",
    "value_conflicts",
    "value_subject",
    "weekdays",
]

log = logging.getLogger(__name__)

VALUE_KINDS = ("duration", "count", "money", "quantity", "percent")
# weights of the same-fact score of two values, and its thresholds
W_SENTENCE = 0.45
W_WINDOW = 0.35
W_CONTEXT_WORDS = 0.20
SAME_FACT_LINK = 0.52
SAME_FACT_AVERAGE = 0.40
# two amounts further apart than this factor are not two readings of one fact
MAX_RATIO = 2.0
WINDOW_WORDS = 8
# counted nouns this close (embedding cosine) count the same things: "raiders"/"attackers", "cars"/"vehicles"
NOUN_SIMILAR = 0.6
# a counted noun this rare in the story ties two counts of it to one fact ("crash", not "people")
RARE_NOUN_BONUS = 0.15
_UPDATE = re.compile(
    r"\b(?:rose|risen|climbed|increased|jumped|grew|fell|dropped|updated|revised|now|so far|latest)\b", re.I
)


@dataclass(frozen=True, slots=True)
class _Item:
    """One value found in one article."""

    doc: int
    article: str
    value: Value


def find_conflicts(
    docs: Sequence[ArticleDoc],
    claims: Sequence[Claim],
    entities: Sequence[Entity],
    config: Config | None = None,
    embedder=None,
) -> tuple[Conflict, ...]:
    """Facts on which the story's articles disagree.

    Args:
        docs: the story's analysed articles.
        claims: the aligned claims (a value inside one claim is about the same fact in every source).
        entities: resolved entities, to tie ages and titles to people and quotations to speakers.
        config: settings (unused for now).
        embedder: sentence embedder; without it, values are compared on shared words and entities only.

    Returns:
        Conflicts, each with every article's position on the fact, ordered by the first position's
        article and offset.
    """
    conflicts: list[Conflict] = []
    conflicts += value_conflicts(docs, claims, entities, embedder)
    conflicts += age_conflicts(docs, entities)
    conflicts += title_conflicts(docs, entities)
    conflicts += quote_speaker_conflicts(docs, entities)
    conflicts += date_conflicts(docs, entities)
    conflicts += rank_conflicts(docs, entities)
    conflicts += _new_facts(conflicts, interval_conflicts(docs, embedder))
    order = {d.article.id: i for i, d in enumerate(docs)}
    conflicts.sort(key=lambda c: (order.get(c.positions[0].article, 0), c.positions[0].start or 0, c.id))
    return tuple(conflicts)


def _new_facts(found: Sequence[Conflict], extra: Sequence[Conflict]) -> list[Conflict]:
    """The conflicts of ``extra`` that share no sentence with one already found (no fact reported twice)."""
    taken = {(p.article, p.sentence) for c in found for p in c.positions}
    return [c for c in extra if not any((p.article, p.sentence) in taken for p in c.positions)]


# --------------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------------


def _fact_key(v: Value) -> tuple[str, str]:
    """Values with different keys are never about the same fact.

    Counts are keyed by the head of what they count: "30-car crash" and "25-vehicle crash" both count the
    crash's size, "two raiders" and "three raiders" the raiders.
    """
    if v.kind == "duration":
        return ("duration", "")
    if v.kind == "count" and v.noun:
        head = words(v.noun)[-1:] or [""]
        return ("count", lemma(head[0]))
    return (v.kind, (v.unit or "").lower())


def lemma(word: str) -> str:
    """A noun's singular form, using the NLP's own rules when installed."""
    try:
        from crossfact.nlp.units import lemma as _lemma
    except ImportError:  # the per-article NLP is optional for this module
        return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return _lemma(word)


def same_key(a: tuple[str, str], b: tuple[str, str], noun_sim: dict[tuple[str, str], float]) -> bool:
    """True when two fact keys may be about one fact: equal, or counts of nouns close in meaning."""
    if a == b:
        return True
    if a[0] != "count" or b[0] != "count" or not a[1] or not b[1]:
        return False
    return noun_sim.get((a[1], b[1]), 0.0) >= NOUN_SIMILAR


def candidate_pairs(
    keys: Sequence[tuple[str, str]], noun_sim: dict[tuple[str, str], float]
) -> list[tuple[int, int]]:
    """The pairs (i < j, in order) of values whose fact keys may be one fact (:func:`same_key`).

    Values are blocked by key first, so a story with thousands of values compares only those of one key
    (or of counted nouns close in meaning), not every pair.
    """
    blocks: dict[tuple[str, str], list[int]] = {}
    for x, k in enumerate(keys):
        blocks.setdefault(k, []).append(x)
    counted = sorted(k for k in blocks if k[0] == "count" and k[1])
    out: list[tuple[int, int]] = []
    for members in blocks.values():
        out += [(i, j) for at, i in enumerate(members) for j in members[at + 1 :]]
    for at, ka in enumerate(counted):
        for kb in counted[at + 1 :]:
            # both ways: the looped check in value_conflicts is one-way, and float cosines may differ by a bit
            if same_key(ka, kb, noun_sim) or same_key(kb, ka, noun_sim):
                out += [(min(i, j), max(i, j)) for i in blocks[ka] for j in blocks[kb]]
    out.sort()
    return out


def _noun_similarity(keys: Sequence[tuple[str, str]], embedder) -> dict[tuple[str, str], float]:
    """Embedding cosine of every pair of counted nouns (none without an embedder)."""
    nouns = sorted({k[1] for k in keys if k[0] == "count" and k[1]})
    if embedder is None or len(nouns) < 2:
        return {}
    vec = np.asarray(embedder.encode(nouns), dtype=np.float32)
    sim = vec @ vec.T
    return {(a, b): float(sim[i, j]) for i, a in enumerate(nouns) for j, b in enumerate(nouns) if i != j}


def rare_nouns(docs: Sequence[ArticleDoc], nouns: set[str]) -> set[str]:
    """Counted nouns named in few sentences of the story: about once per article at most.

    A count of something the story seldom names ("crash") is about one fact wherever it appears; a count
    of "people" or "flights" may be about many.
    """
    if not nouns:
        return set()
    freq = dict.fromkeys(nouns, 0)
    for d in docs:
        for sentence in d.sentences:
            toks = {lemma(w) for w in words(sentence.text)}
            for noun in nouns & toks:
                freq[noun] += 1
    return {n for n, k in freq.items() if 0 < k <= len(docs) + 1}


def _window(doc: ArticleDoc, v: Value) -> str:
    """A few words either side of the value, in its sentence."""
    s = doc.sentences[v.sentence]
    left = s.text[: max(0, v.start - s.start)].split()[-WINDOW_WORDS:]
    right = s.text[max(0, v.end - s.start) :].split()[:WINDOW_WORDS]
    return " ".join(left + [v.text] + right)


def _context_words(doc: ArticleDoc, v: Value) -> set[str]:
    s = doc.sentences[v.sentence]
    outside = s.text[: max(0, v.start - s.start)] + " " + s.text[max(0, v.end - s.start) :]
    return content_words(outside)


def value_conflicts(
    docs: Sequence[ArticleDoc], claims: Sequence[Claim], entities: Sequence[Entity], embedder=None
) -> list[Conflict]:
    """Conflicts between values (durations, counts, money, measures) of the same fact."""
    items = [_Item(i, d.article.id, v) for i, d in enumerate(docs) for v in d.values if v.kind in VALUE_KINDS]
    items = [it for it in items if it.value.sentence < len(docs[it.doc].sentences)]
    if len(items) < 2:
        return []
    n = len(items)
    sentence_text = [docs[it.doc].sentences[it.value.sentence].text for it in items]
    windows = [_window(docs[it.doc], it.value) for it in items]
    if embedder is not None:
        vec = np.asarray(embedder.encode(sentence_text + windows), dtype=np.float32)
        sent_cos, win_cos = vec[:n] @ vec[:n].T, vec[n:] @ vec[n:].T
    else:
        sent_cos = win_cos = np.zeros((n, n), dtype=np.float32)
    ctx = [_context_words(docs[it.doc], it.value) for it in items]
    ents = entity_index(entities)
    ent_sets = [ents.get((it.article, it.value.sentence), set()) for it in items]
    in_claims = _claim_index(claims)
    keys = [_fact_key(it.value) for it in items]
    noun_sim = _noun_similarity(keys, embedder)
    rare = rare_nouns(docs, {k[1] for k in keys if k[0] == "count" and k[1]})
    days = [weekdays(t) for t in sentence_text]
    scores = np.full((n, n), -1.0, dtype=np.float32)
    for i, j in candidate_pairs(keys, noun_sim):
        a, b = items[i], items[j]
        if a.doc == b.doc or _far_apart(a.value, b.value) or not same_key(keys[i], keys[j], noun_sim):
            continue
        overlap = _jaccard(ctx[i], ctx[j]) + 0.5 * _jaccard(ent_sets[i], ent_sets[j])
        score = W_SENTENCE * sent_cos[i, j] + W_WINDOW * win_cos[i, j] + W_CONTEXT_WORDS * min(overlap, 1.0)
        if embedder is None:
            score = min(overlap, 1.0)
        if keys[i] == keys[j] and keys[i][1] in rare:
            score += RARE_NOUN_BONUS
        if _share_claim(in_claims, (a.article, a.value.sentence), (b.article, b.value.sentence)):
            score += 0.1
        scores[i, j] = scores[j, i] = score
        log.debug(
            "pair %.2f sent=%.2f win=%.2f ov=%.2f %s:%s | %s:%s",
            score,
            sent_cos[i, j],
            win_cos[i, j],
            overlap,
            a.article,
            a.value.text,
            b.article,
            b.value.text,
        )
    separate_days([it.value.amount for it in items], days, scores, SAME_FACT_LINK)
    separate_scopes(docs, [(it.doc, it.value) for it in items], _fact_key, _mention_entity(entities), scores)
    readings = [_reading(docs[it.doc], it.value) for it in items]
    out = []
    for group in group_pairs([it.article for it in items], scores, SAME_FACT_LINK, SAME_FACT_AVERAGE):
        members = [items[x] for x in group]
        if all(
            compatible_readings(items[x].value, *readings[x], items[y].value, *readings[y])
            for x in group
            for y in group
        ):
            continue
        log.debug(
            "value group %s",
            [
                (items[x].article, items[x].value.text, [round(float(scores[x, y]), 2) for y in group])
                for x in group
            ],
        )
        out.append(_value_conflict(docs, members, ctx, list(group), readings))
    return out


def _reading(doc: ArticleDoc, v: Value) -> tuple[str, int | None]:
    """(per-unit reading, how many share it) of a money or count value; ("total", None) for other kinds."""
    if v.kind not in ("money", "count"):
        return ("total", None)
    s = doc.sentences[v.sentence]
    before, after = s.text[: max(0, v.start - s.start)], s.text[max(0, v.end - s.start) :]
    reading = per_unit_reading(v, before, after)
    return (reading, recipients(before, after) if reading == EACH else None)


def _far_apart(a: Value, b: Value) -> bool:
    """Amounts more than MAX_RATIO apart are about different things (a day's flights and a week's)."""
    x, y = abs(point(a)), abs(point(b))
    if min(x, y) == 0:
        return max(x, y) > 0
    return max(x, y) / min(x, y) > MAX_RATIO


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _claim_index(claims: Sequence[Claim]) -> dict[tuple[str, int], set[str]]:
    """(article, sentence) -> the ids of every claim the sentence is a source of (one per clause)."""
    out: dict[tuple[str, int], set[str]] = {}
    for c in claims:
        for s in c.sources:
            out.setdefault((s.article, s.sentence), set()).add(c.id)
    return out


def _share_claim(index: dict[tuple[str, int], set[str]], a: tuple[str, int], b: tuple[str, int]) -> bool:
    """True when two sentences are sources of one claim (either may be in several)."""
    return not index.get(a, set()).isdisjoint(index.get(b, ()))


def _value_conflict(
    docs: Sequence[ArticleDoc],
    members: list[_Item],
    ctx: list[set[str]],
    idx: list[int],
    readings: Sequence[tuple[str, int | None]] = (),
) -> Conflict:
    shown = {
        id(m): _shown(m.value, readings[i] if readings else ("total", None))
        for m, i in zip(members, idx, strict=True)
    }
    members = sorted(members, key=lambda it: (it.doc, it.value.start))
    positions = tuple(
        Position(
            value=shown[id(it)],
            text=it.value.text,
            article=it.article,
            sentence=it.value.sentence,
            attribution=sentence_attribution(docs[it.doc], it.value.sentence),
            start=it.value.start,
            end=it.value.end,
        )
        for it in members
    )
    first = members[0].value
    kind = "update" if _is_update(docs, members) else ("count" if first.kind == "count" else "quantity")
    texts = [(docs[it.doc].sentences[it.value.sentence].text, it.value) for it in members]
    about = _value_about(first, [ctx[i] for i in idx], texts)
    cid = content_id("value", *(f"{p.article}:{p.start}" for p in positions))
    return Conflict(id=cid, about=about, kind=kind, positions=positions)


def _shown(v: Value, reading: tuple[str, int | None]) -> str:
    """The value as shown: "3,000 USD", or "3,000 USD each (6,000 USD in all)" for a per-unit amount."""
    text = value_display(v)
    if reading[0] != EACH:
        return text
    if reading[1] is None:
        return f"{text} each"
    total = value_display(Value(v.sentence, v.start, v.end, v.text, v.kind, v.amount * reading[1], v.unit))
    return f"{text} each ({total} in all)"


def _value_about(v: Value, contexts: list[set[str]], sentences: Sequence[tuple[str, Value]] = ()) -> str:
    """A short label of the fact: "number of raiders", "amount (bail)"."""
    counts = Counter(w for c in contexts for w in c)
    # ties broken by the word itself: Counter.most_common keeps set order, which varies with the hash seed
    ranked = sorted(counts.items(), key=lambda wk: (-wk[1], wk[0]))
    shared = [w for w, k in ranked if k >= 2 and not w.isdigit()]
    topic = shared[0] if shared else None
    if v.kind == "duration":
        if sentences and all(_AGO.match(_after_value(text, w)) for text, w in sentences):
            # "100,000 years ago": a time before now, not how long something lasted
            return f"how long ago ({topic})" if topic else "how long ago"
        topic = value_subject(sentences) or topic
        return f"duration of the {topic}" if topic else "duration"
    if v.kind == "count":
        return _count_about(v)
    if v.kind == "money":
        return f"amount ({topic})" if topic else "amount of money"
    return f"{v.noun or v.unit or v.kind}" + (f" ({topic})" if topic else "")


_AGO = re.compile(r"\s*(?:ago|earlier|before)\b", re.I)


def _after_value(text: str, v: Value) -> str:
    """The sentence text after the value's own words (empty when they cannot be found)."""
    at = text.lower().find(v.text.lower())
    return text[at + len(v.text) :] if at >= 0 else ""


def _count_about(v: Value) -> str:
    """ "number of raiders"; a compound count ("30-car crash") is the size of the thing it measures."""
    noun = v.noun or ("people" if v.unit == "person" else v.unit)
    if not noun:
        return "count"
    head = (words(noun)[-1:] or [""])[0]
    if v.unit and head and lemma(head) != v.unit and lemma(head) == head:
        return f"size of the {noun}"
    return f"number of {noun}"


# "the talks lasted", "which lasted": the noun before a verb of duration
_SUBJECT_VERB = re.compile(
    r"\b([a-z]+)(?:,\s+which)?\s+(?:had\s+|have\s+)?"
    r"(?:lasted|last|lasts|took|went on|ran|continued|stretched)\b"
)
_OF_NOUN = re.compile(r"^\s*(?:-long\s+)?(?:of|for)\s+(?:the\s+|their\s+|its\s+)?([a-z]+)")
_NOT_NOUN = _PRONOUNS | frozenset(["which", "that", "who", "what", "meeting's", "it's"])


def value_subject(sentences: Sequence[tuple[str, Value]]) -> str | None:
    """The noun the values are about, read off their sentences with two light patterns.

    For each (sentence text, value): the word before "lasted" / "took" ("the talks lasted five hours"),
    else the noun after the value's "of" / "for" ("five hours of meetings"), else the value's own noun
    ("a two-hour clash"). The most frequent candidate wins; None when no sentence offers one.
    """
    found: list[str] = []
    for text, v in sentences:
        low = text.lower()
        cand = None
        m = _SUBJECT_VERB.search(low)
        if m and m.group(1) not in _NOT_NOUN and m.group(1) not in _STOPWORDS:
            cand = m.group(1)
        else:
            rel = v.end - v.start
            at = low.find(v.text.lower())
            after = low[at + rel :] if at >= 0 else ""
            m = _OF_NOUN.match(after)
            if m and m.group(1) not in _NOT_NOUN and m.group(1) not in _STOPWORDS:
                cand = m.group(1)
            elif v.noun and v.noun.isalpha():
                cand = v.noun.lower()
        if cand:
            found.append(cand)
    if not found:
        return None
    return Counter(found).most_common(1)[0][0]


def _is_update(docs: Sequence[ArticleDoc], members: list[_Item]) -> bool:
    dates = {docs[it.doc].article.published for it in members}
    if len(dates) < 2 or None in dates:
        return False
    return any(_UPDATE.search(docs[it.doc].sentences[it.value.sentence].text) for it in members)


# --------------------------------------------------------------------------------------------------
# Ages and titles of people
# --------------------------------------------------------------------------------------------------


def _mention_entity(entities: Sequence[Entity]) -> dict[tuple[str, int], Entity]:
    out = {}
    for e in entities:
        for m in e.mentions:
            out[(m.article, m.start)] = e
    return out


def age_conflicts(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[Conflict]:
    """The same person given different ages in different articles."""
    by_start = _mention_entity(entities)
    per_entity: dict[str, dict[str, tuple[int, Value]]] = {}
    names = {e.id: e.name for e in entities}
    for i, d in enumerate(docs):
        persons = [m for m in d.mentions if m.label == "PERSON"]
        for v in d.values:
            if v.kind != "age":
                continue
            # the person mention inside the value's span or just before it: "Jane Doe, 25"
            before = [
                m
                for m in persons
                if m.sentence == v.sentence
                and m.start >= v.start - 60
                and v.end - m.end >= 0
                and (m.start >= v.start or v.start - m.end <= 4)
                and _age_follows(d.article.text, m.end, v.end)
            ]
            if not before:
                continue
            entity = by_start.get((d.article.id, before[-1].start))
            if entity is None or entity.type != "PERSON":
                continue
            per_entity.setdefault(entity.id, {}).setdefault(d.article.id, (i, v))
    out = []
    for eid, by_article in per_entity.items():
        if len(by_article) < 2 or len({v.amount for _, v in by_article.values()}) < 2:
            continue
        positions = tuple(
            Position(
                value=value_display(v),
                text=docs[i].article.text[_name_start(docs[i], v) : v.end],
                article=article,
                sentence=v.sentence,
                attribution=sentence_attribution(docs[i], v.sentence),
                start=_name_start(docs[i], v),
                end=v.end,
            )
            for article, (i, v) in sorted(by_article.items(), key=lambda kv: kv[1][0])
        )
        cid = content_id("age", eid, *(f"{p.article}:{p.start}" for p in positions))
        out.append(Conflict(id=cid, about=f"age of {names[eid]}", kind="quantity", positions=positions))
    return out


def _age_follows(text: str, name_end: int, value_end: int) -> bool:
    """True when only ", " and the age's digits lie between the name and the value's end."""
    return re.fullmatch(r",?\s*\d{1,3}", text[name_end:value_end]) is not None


def _name_start(doc: ArticleDoc, v: Value) -> int:
    for m in doc.mentions:
        if m.sentence == v.sentence and m.label == "PERSON" and _age_follows(doc.article.text, m.end, v.end):
            return min(m.start, v.start)
    return v.start


def person_occurrences(
    docs: Sequence[ArticleDoc], entities: Sequence[Entity]
) -> dict[int, list[tuple[Mention, str]]]:
    """Every place a PERSON entity's names occur, per doc index: (pseudo mention, entity id).

    The text is searched for the entity's surface forms as well as its NER mentions, because the tagger
    misses names glued to a long title ("... for Central Europe Jane Doe"). A form shared by two person
    entities is ambiguous and skipped; where forms overlap, the longest wins.
    """
    owners: dict[str, set[str]] = {}
    for e in entities:
        if e.type != "PERSON":
            continue
        forms = {e.name, *e.aliases, *(m.text for m in e.mentions)}
        for f in forms:
            f = f.strip()
            if len(f) >= 3 and f[:1].isupper():
                owners.setdefault(f, set()).add(e.id)
    forms_sorted = sorted((f for f, ids in owners.items() if len(ids) == 1), key=lambda f: (-len(f), f))
    # compiled once: a new pattern per (article, form) overflows re's cache on big stories
    patterns = {f: re.compile(r"(?<![\w'])" + re.escape(f) + r"(?![\w])") for f in forms_sorted}
    out: dict[int, list[tuple[Mention, str]]] = {}
    for i, d in enumerate(docs):
        taken: list[tuple[int, int]] = []
        found = []
        text = d.article.text
        for f in forms_sorted:
            if f not in text:  # the pattern can only match where the form occurs
                continue
            for m in patterns[f].finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                sentence = d.sentence_at(m.start())
                found.append((Mention(sentence, m.start(), m.end(), f, "PERSON"), next(iter(owners[f]))))
        out[i] = sorted(found, key=lambda x: x[0].start)
    return out


def title_conflicts(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[Conflict]:
    """The same person given the same office with different portfolios in different articles."""
    names = {e.id: e.name for e in entities}
    found: dict[str, list[tuple[int, str, TitleMention]]] = {}
    for i, occurrences in person_occurrences(docs, entities).items():
        d = docs[i]
        for m, eid in occurrences:
            if not d.sentences or not d.sentences[m.sentence].start <= m.start < d.sentences[m.sentence].end:
                continue
            for t in person_titles(d, m):
                found.setdefault(eid, []).append((i, normalise_title(t.text), t))
    out = []
    for eid, titles in found.items():
        distinct = sorted({norm for _, norm, _ in titles})
        clashing = {a for a in distinct for b in distinct if titles_conflict(a, b)}
        if not clashing:
            continue
        arts = {docs[i].article.id for i, norm, _ in titles if norm in clashing}
        if len(arts) < 2:
            continue
        positions = []
        seen = set()
        for i, norm, t in titles:
            key = (docs[i].article.id, norm)
            if norm not in clashing or key in seen:
                continue
            seen.add(key)
            positions.append(
                Position(
                    value=norm,
                    text=t.text,
                    article=docs[i].article.id,
                    sentence=t.sentence,
                    attribution=None,
                    start=t.start,
                    end=t.end,
                )
            )
        cid = content_id("title", eid, *(f"{p.article}:{p.start}" for p in positions))
        out.append(
            Conflict(id=cid, about=f"title of {names[eid]}", kind="attribute", positions=tuple(positions))
        )
    return out
