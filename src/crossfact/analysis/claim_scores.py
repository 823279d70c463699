"""Claim scores: how alike two sentences (or clauses) of a story are, as one statement.

The pair score of :func:`pair_scores` adds the cosine of the sentence embeddings, the cosine of the
sentences' TF-IDF vectors over the story (a rare word or number shared counts far more than the story's
topic words), the share of entities in common and a bonus for a shared value. A resolved entity counts as
one token whatever its spelling (:func:`unit_tokens`). A :class:`_Unit` is one candidate sentence, or one
clause of it; a clause is scored on its own words, entities and values. Used by claims
(:mod:`crossfact.analysis.claims`) and clause claims (:mod:`crossfact.analysis.clause_claims`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from crossfact.analysis.origins import words
from crossfact.model import ArticleDoc, Entity, EntityMention

# weights of the pair score (tuned on the bundled example, read on the dev set).
# Within one story every sentence is on the story's topic, so the embeddings' cosine is high for any two
# sentences about the same people and place; the story-wide TF-IDF of shared words, numbers and resolved
# entities separates one statement from its neighbours, so it weighs about half as much as the cosine.
W_COSINE = 0.60
W_ENTITIES = 0.10
W_WORDS = 0.35
W_VALUE = 0.05
# Two sentences on one story's topic can be close in embedding (cosine about 0.6 to 0.75) while stating
# different facts ("X's film is believable" / "X's film is about grief"): without some shared rare word,
# number or referent (TF-IDF cosine under WORDS_MIN) a pair needs a near-paraphrase cosine (PARAPHRASE_COS)
# to link, else its score is capped at UNSUPPORTED_CAP, under the grouping thresholds of claims.
WORDS_MIN = 0.10
PARAPHRASE_COS = 0.75
UNSUPPORTED_CAP = 0.30
WORDS_SHARE = 0.30  # or this Jaccard of the two sentences' tokens

_STOP = frozenset([
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it", "its", "this",
    "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you",
    "your", "i", "not", "no", "said", "says", "say", "told", "also", "will", "would", "could", "should",
    "may", "might", "can", "after", "before", "over", "about", "into", "than", "then", "there", "which",
    "who", "whom", "what", "when", "where", "while", "more", "most", "other", "such", "only", "very",
    "just", "up", "out", "new", "one", "two"
])  # fmt: skip


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
    token_sets: Sequence[set[str]] | None = None,
    entity_sets: Sequence[set[str]] | None = None,
    require_words: bool = False,
) -> np.ndarray:
    """The pair score matrix of ``units``; pairs from the same article get -1 (never linked).

    The score adds the sentence embeddings' cosine, the cosine of the sentences' TF-IDF vectors over the
    story (shared rare words and numbers count most), the share of entities in common and a bonus when a
    normalised value (a number with its unit) is shared. A clause unit is scored on its own words,
    entities and values. ``idf`` gives the word weights (by default those of ``units`` themselves);
    ``token_sets`` and ``entity_sets``, when the caller has them already, are :func:`unit_tokens` and
    :func:`unit_entities` of ``units`` (not computed again). With ``require_words``, a pair with
    a TF-IDF cosine under :data:`WORDS_MIN`, a token Jaccard under :data:`WORDS_SHARE` and an embedding
    cosine under :data:`PARAPHRASE_COS` scores at most :data:`UNSUPPORTED_CAP`: topic closeness alone
    does not make one statement.
    """
    vectors = np.asarray(embedder.encode([u.words for u in units]), dtype=np.float32)
    ent_sets = unit_entities(units, docs, entities) if entity_sets is None else entity_sets
    if token_sets is None:
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
    unsupported = score < np.float32(PARAPHRASE_COS) if require_words else None
    score *= np.float32(W_COSINE)
    rows, cols, jac = _jaccard_pairs(ent_sets)
    score[rows, cols] += np.float32(W_ENTITIES) * jac
    lex = _tfidf_sparse(token_sets, idf if idf is not None else idf_weights(token_sets))
    if lex is not None:
        lex = lex.tocoo()
        score[lex.row, lex.col] += np.float32(W_WORDS) * np.asarray(lex.data, dtype=np.float32)
        if unsupported is not None:
            worded = np.asarray(lex.data) >= WORDS_MIN
            unsupported[lex.row[worded], lex.col[worded]] = False
        del lex
    if unsupported is not None:
        # a large share of words in common is evidence too (in a tiny story every word has a low weight)
        rows, cols, jac = _jaccard_pairs(token_sets)
        unsupported[rows[jac >= WORDS_SHARE], cols[jac >= WORDS_SHARE]] = False
    rows, cols, jac = _jaccard_pairs(value_sets)
    shared = jac > 0
    score[rows[shared], cols[shared]] += np.float32(W_VALUE)
    if unsupported is not None:
        np.minimum(score, np.float32(UNSUPPORTED_CAP), out=score, where=unsupported)
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
