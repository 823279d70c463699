"""Claims: the same statement made in several articles, with its support and independent support.

Sentences from different articles are scored pairwise: cosine of their sentence embeddings, plus the cosine of
their TF-IDF vectors over the story (a rare word or number shared counts far more than the story's topic
words), the share of entities in common and a bonus for a shared value. Pairs above a threshold are grouped
by average linkage under the rule that a claim holds at most one sentence per article, so a long chain of
loosely similar sentences cannot merge into one claim. Each claim is then offered the best-fitting sentence
of each article it lacks (:func:`extend_groups`); a sentence belongs to at most one claim, the one it scores
best with, so one sentence never stands behind two claims. A claim needs two articles. Its
``independent_support`` counts origins once copies (a statement quoted verbatim, a syndicated story) are
folded (:mod:`crossfact.analysis.origins`).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from crossfact.analysis.clauses import MIN_CLAUSE_WORDS, split_clauses
from crossfact.analysis.facts import group_pairs
from crossfact.analysis.origins import near_duplicate_articles, origin_groups, words
from crossfact.config import Config
from crossfact.model import ArticleDoc, Claim, ClaimSource, Entity, EntityMention, content_id

log = logging.getLogger(__name__)

# weights of the pair score and the thresholds on it (tuned on the bundled example, read on the dev set).
# Within one story every sentence is on the story's topic, so the embeddings' cosine is high for any two
# sentences about the same people and place; the story-wide TF-IDF of shared words, numbers and resolved
# entities separates one statement from its neighbours, so it weighs about half as much as the cosine.
W_COSINE = 0.60
W_ENTITIES = 0.10
W_WORDS = 0.35
W_VALUE = 0.05
LINK_THRESHOLD = 0.40  # a pair of sentences may start or join a claim
GROUP_THRESHOLD = 0.35  # average score between two groups to merge them
EXTEND_THRESHOLD = 0.40  # mean score to a claim's sentences for a sentence already used elsewhere to join it
MIN_WORDS = 6  # shorter sentences (headings, credits) make no claim
CLAUSE_MARGIN = (
    0.05  # a used sentence's clauses must differ this much in cosine to its claim to tell which is used
)
# a clause is short, and its embedding close to much of the story: its links need a higher score
CLAUSE_LINK = 0.50
CLAUSE_PREFILTER = 0.35  # cosine to some clause a free sentence needs to be scored against the clauses

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "your",
        "i",
        "not",
        "no",
        "said",
        "says",
        "say",
        "told",
        "also",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "after",
        "before",
        "over",
        "about",
        "into",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "more",
        "most",
        "other",
        "such",
        "only",
        "very",
        "just",
        "up",
        "out",
        "new",
        "one",
        "two",
    ]
)


@dataclass(frozen=True, slots=True)
class _Unit:
    """One candidate sentence, or one clause of it (``spans`` of the sentence's text; () = all of it)."""

    doc: int
    article: str
    sentence: int
    text: str  # the whole sentence: what a claim cites
    position: float  # relative place in its article, 0 = lead
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def words(self) -> str:
        """The text the scores compare: the clause's words, or the whole sentence."""
        return " ".join(self.text[s:e].strip(" ,;") for s, e in self.spans) if self.spans else self.text

    def covers(self, offset: int) -> bool:
        """Whether ``offset`` (into the sentence's text) lies in the unit."""
        return not self.spans or any(s <= offset < e for s, e in self.spans)


def align_claims(
    docs: Sequence[ArticleDoc], entities: Sequence[Entity], embedder, config: Config | None = None
) -> tuple[Claim, ...]:
    """Align the same statement across articles.

    Args:
        docs: the story's analysed articles.
        entities: the story's resolved entities (their mentions tie sentences to referents).
        embedder: an object with ``encode(texts) -> np.ndarray`` of L2-normalised rows.
        config: settings (unused for now; kept for the stage signature).

    Returns:
        Claims supported by at least two articles, at most one sentence per article each, ordered by
        independent support, support, then the earliest position of a source in its article.
    """
    units = _units(docs)
    if len(units) < 2 or len({u.article for u in units}) < 2:
        return ()
    idf = idf_weights(unit_tokens(units, docs, entities))
    scores = pair_scores(units, docs, entities, embedder, idf=idf)
    groups = group_pairs([u.article for u in units], scores, LINK_THRESHOLD, GROUP_THRESHOLD)
    groups = extend_groups(groups, [u.doc for u in units], scores, EXTEND_THRESHOLD)
    article_group = near_duplicate_articles(docs)
    attributions = _attribution_index(docs)
    claims = []
    for members in groups:
        claims.append(_claim(members, units, scores, article_group, attributions))
    # a sentence stating two facts may support a second claim through its other clause
    extra_units, extra_groups, extra_scores = clause_groups(units, groups, docs, entities, embedder, idf)
    for members in extra_groups:
        claims.append(_claim(members, extra_units, extra_scores, article_group, attributions, clauses=True))
    claims.sort(key=lambda c: (-c[0].independent_support, -c[0].support, c[1], c[0].id))
    return tuple(c for c, _ in claims)


def extend_groups(
    groups: list[list[int]], articles: Sequence[int], scores: np.ndarray, threshold: float
) -> list[list[int]]:
    """Add to each group the best sentence of every article it lacks; each sentence ends in one group.

    Grouping links the strongest pairs first, so a sentence that fits a claim well may be missing from it
    (its article's best match was taken by another claim, or a pair fell just short of a link). For each
    article missing from a group, its sentence with the highest mean score to the group's members is a
    candidate when that mean reaches ``threshold``, its best single pair is a link as well, and it is the
    best match in its article for most members. A sentence then stays in the one group it scores best
    with (its mean score to that group's other members; ties keep its own group, then the earlier
    group), so one sentence never supports two claims; a group left with a single sentence is dropped.
    A group never gets two sentences of one article.

    Args:
        groups: groups of item indexes, as :func:`~crossfact.analysis.facts.group_pairs` gives them.
        articles: the article number of each item.
        scores: the pair scores of the items.
        threshold: the mean score a candidate needs to the group.

    Returns:
        The groups of two or more items, each sorted, in the order of ``groups``.
    """
    arts = np.asarray(articles)
    if not groups or not len(arts):
        return [sorted(g) for g in groups if len(g) >= 2]
    # items in article order (stable), so that each article is one segment for the reductions below
    order = np.argsort(arts, kind="stable")
    sorted_arts = arts[order]
    starts = np.flatnonzero(np.r_[True, sorted_arts[1:] != sorted_arts[:-1]])
    lengths = np.diff(np.r_[starts, len(arts)])
    segment_articles = sorted_arts[starts]
    positions = np.arange(len(arts))[:, None]
    # every (group, item) placement an item could take, with its mean score to the group's other members
    placements: dict[int, list[tuple[float, int, int]]] = {}
    for g, group in enumerate(groups):
        for x in group:
            others = [y for y in group if y != x]
            mean = float(scores[x, others].mean()) if others else -1.0
            placements.setdefault(x, []).append((mean, 0, g))  # 0: its own group wins a tie
        base = scores[np.ix_(order, np.asarray(group, dtype=np.intp))]
        mean = base.mean(axis=1)
        # per article: its first item of highest mean, and each member's first best item there
        top = _segment_first_max(mean[:, None], starts, lengths, positions)[:, 0]
        member_top = _segment_first_max(base, starts, lengths, positions)
        votes = (member_top == top[:, None]).sum(axis=1)
        have = {int(arts[x]) for x in group}
        for a, k, v in zip(segment_articles.tolist(), top.tolist(), votes.tolist(), strict=True):
            # most members must see it as their best match in that article (no loose hanger-on)
            if a in have or mean[k] < threshold or base[k].max() < LINK_THRESHOLD or 2 * v <= len(group):
                continue
            placements.setdefault(int(order[k]), []).append((float(mean[k]), 1, g))
    members: list[list[int]] = [[] for _ in groups]
    for x, options in placements.items():
        _, _, g = max(options, key=lambda o: (o[0], -o[1], -o[2]))
        members[g].append(x)
    return [sorted(m) for m in members if len(m) >= 2]


def _segment_first_max(
    values: np.ndarray, starts: np.ndarray, lengths: np.ndarray, positions: np.ndarray
) -> np.ndarray:
    """Per segment (rows ``starts[i]`` to the next start) and column, the row of the first maximum."""
    top = np.maximum.reduceat(values, starts, axis=0)
    at_top = values == np.repeat(top, lengths, axis=0)
    return np.minimum.reduceat(np.where(at_top, positions, len(values)), starts, axis=0)


def attribution_text(speaker: str | None, via: str | None) -> str | None:
    """The attribution as a reader sees it: "X via Y", "X", or None."""
    if not speaker:
        return via or None
    return f"{speaker} via {via}" if via else speaker


def sentence_attribution(doc: ArticleDoc, sentence: int) -> str | None:
    """The attribution of ``doc``'s sentence ``sentence`` (first one found), or None when unattributed."""
    for a in doc.attributions:
        if a.sentence == sentence:
            return attribution_text(a.speaker, a.via)
    return None


def _attribution_index(docs: Sequence[ArticleDoc]) -> dict[tuple[str, int], str | None]:
    out: dict[tuple[str, int], str | None] = {}
    for d in docs:
        for a in d.attributions:
            out.setdefault((d.article.id, a.sentence), attribution_text(a.speaker, a.via))
    return out


def _units(docs: Sequence[ArticleDoc]) -> list[_Unit]:
    """The candidate sentences, in article order; a sentence an article repeats word for word counts once
    (its first occurrence), so the repeat cannot carry the same wording into a second claim."""
    units = []
    for i, d in enumerate(docs):
        n = max(len(d.sentences), 1)
        seen: set[tuple[str, ...]] = set()
        for s in d.sentences:
            toks = tuple(words(s.text))
            if len(toks) < MIN_WORDS or toks in seen:
                continue
            seen.add(toks)
            units.append(_Unit(i, d.article.id, s.index, s.text, s.index / n))
    return units


def entity_index(entities: Sequence[Entity]) -> dict[tuple[str, int], set[str]]:
    """Map (article id, sentence index) to the ids of the entities mentioned in that sentence."""
    out: dict[tuple[str, int], set[str]] = {}
    for e in entities:
        for m in e.mentions:
            out.setdefault((m.article, m.sentence), set()).add(e.id)
    return out


def _incidence(sets: Sequence[set], weights: dict | None = None) -> tuple[sp.csr_matrix, int]:
    """A sparse matrix with one row per set and one column per distinct element (``weights`` or 1)."""
    vocab: dict = {}
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for i, s in enumerate(sets):
        for x in s:
            if weights is not None and x not in weights:
                continue
            rows.append(i)
            cols.append(vocab.setdefault(x, len(vocab)))
            data.append(1.0 if weights is None else weights[x])
    shape = (len(sets), max(len(vocab), 1))
    return sp.csr_matrix((np.asarray(data, dtype=np.float32), (rows, cols)), shape=shape), len(vocab)


def _jaccard_pairs(sets: Sequence[set]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of ``sets`` with a Jaccard above 0: their rows, columns and Jaccard (float32, exact counts).

    Only pairs sharing an element have one, so the cost follows those pairs, not ``len(sets)`` squared.
    """
    m, size = _incidence(sets)
    if not size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    inter = (m @ m.T).tocoo()
    sizes = np.asarray(m.sum(axis=1), dtype=np.float32).ravel()
    shared = inter.data.astype(np.float32)
    union = sizes[inter.row] + sizes[inter.col] - shared
    return inter.row, inter.col, shared / union


def _jaccard_matrix(sets: list[set]) -> np.ndarray:
    """Pairwise Jaccard of small sets, via a sparse binary incidence matrix (counts are exact)."""
    n = len(sets)
    rows, cols, values = _jaccard_pairs(sets)
    out = np.zeros((n, n), dtype=np.float32)
    out[rows, cols] = values
    return out


def content_words(text: str) -> set[str]:
    """Lower-cased words of ``text`` without stop words, crudely stemmed (plural and -ed/-ing cut)."""
    out = set()
    for w in words(text):
        if w in _STOP or len(w) < 3:
            continue
        out.add(_stem(w))
    return out


def _stem(w: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


_NUM = re.compile(r"\d+(?:[.,]\d+)?")


def idf_weights(token_sets: Sequence[set[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each token over ``token_sets`` (one set per sentence).

    A word used in one sentence of the story weighs most; a word in every sentence (the story's own topic,
    "talks", "storm") weighs least, so two sentences sharing a rare word are likelier the same statement.
    """
    df: dict[str, int] = {}
    for s in token_sets:
        for w in s:
            df[w] = df.get(w, 0) + 1
    n = len(token_sets)
    return {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}


def tfidf_matrix(token_sets: Sequence[set[str]], idf: dict[str, float]) -> np.ndarray:
    """Pairwise cosine of binary TF-IDF vectors of ``token_sets`` weighted by ``idf``.

    The vectors are sparse (a sentence has a few dozen of the story's thousands of words), so the cost
    follows the pairs that share a word, not sentences times vocabulary.
    """
    n = len(token_sets)
    sim = _tfidf_sparse(token_sets, idf)
    if sim is None:
        return np.zeros((n, n), dtype=np.float32)
    return np.asarray(sim.toarray(), dtype=np.float32)


def _tfidf_sparse(token_sets: Sequence[set[str]], idf: dict[str, float]) -> sp.csr_matrix | None:
    """:func:`tfidf_matrix` as a sparse float32 matrix (the pairs sharing a token only); None without any."""
    m, size = _incidence(token_sets, idf)
    if not size:
        return None
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1), dtype=np.float32).ravel())
    unit = sp.diags(1.0 / np.where(norms == 0, 1.0, norms).astype(np.float32)) @ m
    return (unit @ unit.T).tocsr()


def lexical_tokens(text: str) -> set[str]:
    """Content words (crudely stemmed) and the numbers of ``text``: what the lexical score compares."""
    numbers = {n.replace(",", "") for n in _NUM.findall(text)}
    return {w for w in content_words(text) if not w.isdigit()} | numbers


ENTITY_TOKEN = "\x00entity:"  # prefix of the token that stands for a resolved entity (no word starts so)


def unit_tokens(
    units: Sequence[_Unit], docs: Sequence[ArticleDoc], entities: Sequence[Entity]
) -> list[set[str]]:
    """The lexical tokens of each unit, each resolved entity mention replaced by one token for its entity.

    Two articles often spell a name differently (a place with and without its Arabic article "al-", a
    transliterated surname, a name with and without its diacritics); resolution has already found that
    the variants name one referent, so the lexical score compares that referent, not its spellings: the
    mention's words are taken out of the sentence and the entity's id token (:data:`ENTITY_TOKEN` + id)
    is added instead.
    A mention whose offsets do not fall inside its sentence (or whose text does not match there) is
    looked up by its text; when that fails too, the sentence keeps its words and still gets the token.
    """
    by_sentence: dict[tuple[str, int], list[tuple[str, EntityMention]]] = {}
    for e in entities:
        for m in e.mentions:
            by_sentence.setdefault((m.article, m.sentence), []).append((e.id, m))
    starts = {(d.article.id, s.index): s.start for d in docs for s in d.sentences}
    out = []
    for u in units:
        found = by_sentence.get((u.article, u.sentence))
        if not found:
            out.append(lexical_tokens(u.words))
            continue
        chars = list(u.text)
        ids = set()
        base = starts.get((u.article, u.sentence), 0)
        for eid, m in found:
            lo = m.start - base
            if not (lo >= 0 and lo + len(m.text) <= len(u.text) and u.text[lo : lo + len(m.text)] == m.text):
                lo = u.text.find(m.text)
            if lo >= 0 and m.text:
                chars[lo : lo + len(m.text)] = " " * len(m.text)
            if u.covers(max(lo, 0)):  # a clause gets the entities named in it
                ids.add(ENTITY_TOKEN + eid)
        masked = "".join(chars)
        if u.spans:
            masked = " ".join(masked[a:b] for a, b in u.spans)
        out.append(lexical_tokens(masked) | ids)
    return out


def unit_entities(
    units: Sequence[_Unit], docs: Sequence[ArticleDoc], entities: Sequence[Entity]
) -> list[set[str]]:
    """The ids of the entities mentioned in each unit (in a clause's spans only, for a clause)."""
    ents = entity_index(entities)
    if not any(u.spans for u in units):
        return [ents.get((u.article, u.sentence), set()) for u in units]
    starts = {(d.article.id, s.index): s.start for d in docs for s in d.sentences}
    by_sentence: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for e in entities:
        for m in e.mentions:
            by_sentence.setdefault((m.article, m.sentence), []).append((e.id, m.start))
    out = []
    for u in units:
        if not u.spans:
            out.append(ents.get((u.article, u.sentence), set()))
            continue
        base = starts.get((u.article, u.sentence), 0)
        out.append({eid for eid, at in by_sentence.get((u.article, u.sentence), []) if u.covers(at - base)})
    return out


def pair_scores(
    units: Sequence[_Unit],
    docs: Sequence[ArticleDoc],
    entities: Sequence[Entity],
    embedder,
    idf: dict[str, float] | None = None,
) -> np.ndarray:
    """The pair score matrix of ``units``; pairs from the same article get -1 (never linked).

    The score adds the sentence embeddings' cosine, the cosine of the sentences' TF-IDF vectors over the
    story (shared rare words and numbers count most), the share of entities in common and a bonus when a
    normalised value (a number with its unit) is shared. A clause unit is scored on its own words,
    entities and values. ``idf`` gives the word weights (by default those of ``units`` themselves).
    """
    vectors = np.asarray(embedder.encode([u.words for u in units]), dtype=np.float32)
    ent_sets = unit_entities(units, docs, entities)
    token_sets = unit_tokens(units, docs, entities)
    values: dict[tuple[str, int], set] = {}
    starts = {(d.article.id, s.index): s.start for d in docs for s in d.sentences}
    for d in docs:
        for v in d.values:
            values.setdefault((d.article.id, v.sentence), set()).add(
                (v.kind, v.unit, round(v.amount, 3), v.start)
            )
    value_sets = []
    for u in units:
        base = starts.get((u.article, u.sentence), 0)
        found = {x[:3] for x in values.get((u.article, u.sentence), ()) if u.covers(x[3] - base)}
        value_sets.append(found or set(_NUM.findall(u.words)))
    # one n x n array, built in place term by term in the order of the sum
    # W_COSINE * cos + W_ENTITIES * jaccard + W_WORDS * lex + W_VALUE * shared: the sparse terms are added
    # only where they are not 0 (adding 0 changes nothing), so no dense temporary of each term is made
    score = vectors @ vectors.T
    score *= np.float32(W_COSINE)
    rows, cols, jac = _jaccard_pairs(ent_sets)
    score[rows, cols] += np.float32(W_ENTITIES) * jac
    lex = _tfidf_sparse(token_sets, idf if idf is not None else idf_weights(token_sets))
    if lex is not None:
        lex = lex.tocoo()
        score[lex.row, lex.col] += np.float32(W_WORDS) * np.asarray(lex.data, dtype=np.float32)
        del lex
    rows, cols, jac = _jaccard_pairs(value_sets)
    shared = jac > 0
    score[rows[shared], cols[shared]] += np.float32(W_VALUE)
    _mask_same_article(score, [u.doc for u in units])
    return score


def _mask_same_article(score: np.ndarray, articles: Sequence[int]) -> None:
    """Set the pairs of items of one article to -1, in place (blocks when items come in article order)."""
    art = np.asarray(articles)
    if len(art) and np.all(art[1:] >= art[:-1]):
        bounds = np.flatnonzero(np.r_[True, art[1:] != art[:-1], True])
        for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            score[lo:hi, lo:hi] = -1.0
        return
    score[art[:, None] == art[None, :]] = -1.0


def _claim(
    group: list[int],
    units: Sequence[_Unit],
    scores: np.ndarray,
    article_group: dict[str, int],
    attributions: dict[tuple[str, int], str | None],
    clauses: bool = False,
) -> tuple[Claim, float]:
    ordered = sorted(group, key=lambda x: (units[x].doc, units[x].sentence))
    origins = origin_groups([(units[x].article, units[x].text) for x in ordered], article_group)
    sources = tuple(
        ClaimSource(
            article=units[x].article,
            sentence=units[x].sentence,
            text=units[x].text,
            attribution=attributions.get((units[x].article, units[x].sentence)),
            origin=o,
        )
        for x, o in zip(ordered, origins, strict=False)
    )
    # the most central sentence (highest mean score to the others) stands for the claim
    sub = scores[np.ix_(ordered, ordered)].copy()
    np.fill_diagonal(sub, 0.0)
    # a whole sentence stating only this fact reads better as the claim than one stating two
    whole = np.asarray([0.0 if units[x].spans else len(ordered) for x in ordered])
    centre = ordered[int(np.argmax(sub.sum(axis=1) + whole))]
    # a clause claim gets its own id: it may share a sentence with a sentence-level claim
    cid = content_id(*(f"{units[x].article}:{units[x].sentence}" for x in ordered), *(["clauses"] * clauses))
    claim = Claim(
        id=cid,
        text=units[centre].text,
        support=len({units[x].article for x in ordered}),
        independent_support=len(set(origins)),
        sources=sources,
    )
    return claim, min(units[x].position for x in ordered)


def clause_groups(
    units: Sequence[_Unit],
    groups: Sequence[Sequence[int]],
    docs: Sequence[ArticleDoc],
    entities: Sequence[Entity],
    embedder,
    idf: dict[str, float],
) -> tuple[list[_Unit], list[list[int]], np.ndarray]:
    """Claims made by the clauses of sentences that state two facts (:mod:`crossfact.analysis.clauses`).

    A sentence already in a claim offers its other clause: the one less like the claim's other sentences
    (embedding cosine; when the two clauses are about as close, neither, as the sentence may state the
    claim's fact twice). A sentence in no claim offers both its clauses, each on its own. These clauses
    are grouped as sentences are (:func:`~crossfact.analysis.facts.group_pairs`, the same thresholds),
    with each other and with the sentences in no claim that are close to one of them; a group needs a
    clause, never holds two sentences of one claim, and shares at most one sentence with any other claim
    (two sentences stating the same two facts are one claim, not two). So a sentence supports at most two
    claims, one per clause.

    Args:
        units: the sentence units, in article order.
        groups: the sentence-level claims, as lists of unit indexes.
        docs, entities, embedder: as for :func:`pair_scores`.
        idf: the word weights of the sentence units (a clause's words weigh what they weigh in the story).

    Returns:
        The clause and sentence units scored, the new groups (indexes into them) and their pair scores.
    """
    claim_of = {x: g for g, members in enumerate(groups) for x in members}
    splits = {}
    for x, u in enumerate(units):
        found = split_clauses(u.text)
        if found and all(len(words(c.text(u.text))) >= MIN_CLAUSE_WORDS for c in found):
            splits[x] = [replace(u, spans=c.spans) for c in found]
    if not splits:
        return [], [], np.zeros((0, 0), dtype=np.float32)
    pool: list[_Unit] = []
    home: list[int] = []  # the claim of each pool unit's sentence, -1 for none
    used = [x for x in splits if x in claim_of]
    if used:
        vec = np.asarray(embedder.encode([c.words for x in used for c in splits[x]]), dtype=np.float32)
        members = sorted({y for x in used for y in groups[claim_of[x]]})
        at = {y: i for i, y in enumerate(members)}
        whole = np.asarray(embedder.encode([units[y].text for y in members]), dtype=np.float32)
        for k, x in enumerate(used):
            others = whole[[at[y] for y in groups[claim_of[x]] if y != x]]
            fit = (vec[2 * k : 2 * k + 2] @ others.T).mean(axis=1)
            if abs(float(fit[0] - fit[1])) >= CLAUSE_MARGIN:
                pool.append(splits[x][int(np.argmin(fit))])
                home.append(claim_of[x])
    for x in splits:
        if x not in claim_of:
            pool.extend(splits[x])
            home.extend([-1, -1])
    free = [x for x, u in enumerate(units) if x not in splits and x not in claim_of]
    if pool and free:
        clause_vec = np.asarray(embedder.encode([u.words for u in pool]), dtype=np.float32)
        free_vec = np.asarray(embedder.encode([units[x].text for x in free]), dtype=np.float32)
        cos = free_vec @ clause_vec.T
        cos[
            np.asarray([units[x].doc for x in free])[:, None] == np.asarray([u.doc for u in pool])[None, :]
        ] = -1
        near = [x for x, best in zip(free, cos.max(axis=1).tolist(), strict=True) if best >= CLAUSE_PREFILTER]
        n_clauses = len(pool)
        pool.extend(units[x] for x in near)
        home.extend([-1] * len(near))
    else:
        n_clauses = len(pool)
    if len({u.doc for u in pool}) < 2:
        return [], [], np.zeros((0, 0), dtype=np.float32)
    order = sorted(range(len(pool)), key=lambda i: (pool[i].doc, pool[i].sentence, i))
    pool, home = [pool[i] for i in order], [home[i] for i in order]
    is_clause = np.asarray([i < n_clauses for i in order])
    scores = pair_scores(pool, docs, entities, embedder, idf=idf)
    homes = np.asarray(home)
    scores[(homes[:, None] == homes[None, :]) & (homes[:, None] >= 0)] = -1.0
    scores[~is_clause[:, None] & ~is_clause[None, :]] = -1.0
    # a clause is a short text whose embedding is close to much of the story ("X, the alleged shooter"
    # is close to any sentence naming X): a link needs a referent both name (a resolved entity) and a word
    # of the statement both use
    word_sets = [
        {t for t in ts if not t.startswith(ENTITY_TOKEN)} for ts in unit_tokens(pool, docs, entities)
    ]
    shared = np.zeros(scores.shape, dtype=bool)
    shared[_jaccard_pairs(unit_entities(pool, docs, entities))[:2]] = True
    words_shared = np.zeros(scores.shape, dtype=bool)
    words_shared[_jaccard_pairs(word_sets)[:2]] = True
    scores[~(shared & words_shared)] = -1.0
    found = group_pairs([u.article for u in pool], scores, CLAUSE_LINK, CLAUSE_LINK)
    taken = [{(units[x].doc, units[x].sentence) for x in g} for g in groups]
    out = []
    for g in sorted(found, key=lambda g: (-_mean_score(scores, g), g)):
        sentences = {(pool[x].doc, pool[x].sentence) for x in g}
        if any(len(sentences & t) > 1 for t in taken):
            continue
        taken.append(sentences)
        out.append(g)
    log.debug(
        "clauses: %d split sentences, %d units scored, %d clause claims", len(splits), len(pool), len(out)
    )
    return pool, out, scores


def _mean_score(scores: np.ndarray, group: Sequence[int]) -> float:
    sub = scores[np.ix_(group, group)]
    n = len(group)
    return float((sub.sum() - np.trace(sub)) / (n * (n - 1))) if n > 1 else 0.0
