"""Clause claims: the second claim a sentence stating two facts supports through its other clause.

After the sentence-level claims are grouped (:func:`crossfact.analysis.claims.align_claims`), a sentence
that :func:`~crossfact.analysis.clauses.split_clauses` cuts in two may support one more claim: its clause
that its own claim does not state, grouped with clauses and free sentences of other articles. A clause is
short and its embedding close to much of the story, so its links are stricter than a sentence's: a higher
score, a resolved entity and a content word both name.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from crossfact.analysis.claim_scores import (
    ENTITY_TOKEN,
    _jaccard_pairs,
    _Unit,
    pair_scores,
    unit_entities,
    unit_tokens,
)
from crossfact.analysis.clauses import MIN_CLAUSE_WORDS, split_clauses
from crossfact.analysis.facts import group_pairs
from crossfact.analysis.origins import words
from crossfact.model import ArticleDoc, Entity

log = logging.getLogger(__name__)

CLAUSE_MARGIN = (
    0.05  # a used sentence's clauses must differ this much in cosine to its claim to tell which is used
)
# a clause is short, and its embedding close to much of the story: its links need a higher score
CLAUSE_LINK = 0.50
CLAUSE_PREFILTER = 0.35  # cosine to some clause a free sentence needs to be scored against the clauses


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
    are grouped as sentences are (:func:`~crossfact.analysis.facts.group_pairs`, with the stricter
    :data:`CLAUSE_LINK`), with each other and with the sentences in no claim that are close to one of them
    (:data:`CLAUSE_PREFILTER`); a link needs a resolved entity and a content word both units name; a group
    needs a clause, never holds two sentences of one claim, and shares at most one sentence with any other
    claim (two sentences stating the same two facts are one claim, not two). So a sentence supports at
    most two claims, one per clause.

    Embedding the clauses is most of the cost, so a clause with no entity and word in common with any
    unit of another article is embedded only where a decision needs it (the choice between a claimed
    sentence's two clauses, the prefilter of a free sentence that could link); the groups are those the
    exhaustive pass finds.

    Args:
        units: the sentence units, in article order.
        groups: the sentence-level claims, as lists of unit indexes.
        docs, entities, embedder: as for :func:`pair_scores`.
        idf: the word weights of the sentence units (a clause's words weigh what they weigh in the story).

    Returns:
        The clause and sentence units scored (those that could link), the new groups (indexes into them)
        and their pair scores.
    """
    claim_of = {x: g for g, members in enumerate(groups) for x in members}
    splits = {}
    for x, u in enumerate(units):
        found = split_clauses(u.text)
        if found and all(len(words(c.text(u.text))) >= MIN_CLAUSE_WORDS for c in found):
            splits[x] = [replace(u, spans=c.spans) for c in found]
    if not splits:
        return [], [], np.zeros((0, 0), dtype=np.float32)
    split_at = list(splits)  # clause 2k + j of the candidates is clause j of sentence split_at[k]
    free = [x for x, u in enumerate(units) if x not in splits and x not in claim_of]
    cands = [c for x in split_at for c in splits[x]] + [units[x] for x in free]
    homes = np.asarray([claim_of.get(x, -1) for x in split_at for _ in (0, 1)] + [-1] * len(free))
    n_clauses = 2 * len(split_at)
    ent_sets = unit_entities(cands, docs, entities)
    token_sets = unit_tokens(cands, docs, entities)
    # Embedding the clauses is most of this pass's cost. A link needs a referent and a content word in
    # common (below), so a clause with neither in common with any other article's candidate can never link:
    # it is embedded only when the choice of a claimed sentence's other clause needs it, or when a free
    # sentence that could link is admitted by no other clause (the prefilter), so the result is the same.
    edges = _possible_links(cands, homes, n_clauses, ent_sets, token_sets)
    linkable = np.zeros(len(cands), dtype=bool)
    linkable[edges[0]] = True
    used_now = [k for k, x in enumerate(split_at) if x in claim_of and linkable[2 * k : 2 * k + 2].any()]
    used_later = [
        k for k, x in enumerate(split_at) if x in claim_of and not linkable[2 * k : 2 * k + 2].any()
    ]
    unused = [2 * k + j for k, x in enumerate(split_at) if x not in claim_of for j in (0, 1)]
    vectors: dict[int, np.ndarray] = {}  # candidate index -> its embedding

    def embed(indexes: list[int]) -> None:
        if indexes:
            found = np.asarray(embedder.encode([cands[i].words for i in indexes]), dtype=np.float32)
            vectors.update(zip(indexes, found, strict=True))

    def offered(ks: list[int]) -> list[int]:
        """The clause each claimed sentence offers (the one less like its claim), when one stands out."""
        members = sorted({y for k in ks for y in groups[claim_of[split_at[k]]]})
        whole = np.asarray(embedder.encode([units[y].text for y in members]), dtype=np.float32)
        at = {y: i for i, y in enumerate(members)}
        out = []
        for k in ks:
            x = split_at[k]
            others = whole[[at[y] for y in groups[claim_of[x]] if y != x]]
            fit = (np.stack([vectors[2 * k], vectors[2 * k + 1]]) @ others.T).mean(axis=1)
            if abs(float(fit[0] - fit[1])) >= CLAUSE_MARGIN:
                out.append(2 * k + int(np.argmin(fit)))
        return out

    embed([2 * k + j for k in used_now for j in (0, 1)] + [i for i in unused if linkable[i]])
    clauses = offered(used_now) + [i for i in unused if linkable[i]]
    # the free sentences that could link with one of the clauses offered
    in_pool = np.zeros(len(cands), dtype=bool)
    in_pool[clauses] = True
    reach = edges[0] >= n_clauses
    free_cands = sorted(set(edges[0][reach & in_pool[edges[1]]].tolist()))
    near = _near(cands, free_cands, clauses, vectors, embedder)
    pool_at = sorted(clauses + free_cands, key=lambda i: (cands[i].doc, cands[i].sentence, i))
    pool = [cands[i] for i in pool_at]
    if len({u.doc for u in pool}) < 2:
        return [], [], np.zeros((0, 0), dtype=np.float32)
    is_clause = np.asarray([i < n_clauses for i in pool_at])
    pool_ents = [ent_sets[i] for i in pool_at]
    pool_tokens = [token_sets[i] for i in pool_at]
    scores = pair_scores(
        pool, docs, entities, embedder, idf=idf, token_sets=pool_tokens, entity_sets=pool_ents
    )
    pool_homes = homes[pool_at]
    scores[(pool_homes[:, None] == pool_homes[None, :]) & (pool_homes[:, None] >= 0)] = -1.0
    scores[~is_clause[:, None] & ~is_clause[None, :]] = -1.0
    # a clause is a short text whose embedding is close to much of the story ("X, the alleged shooter"
    # is close to any sentence naming X): a link needs a referent both name (a resolved entity) and a word
    # of the statement both use
    word_sets = [{t for t in ts if not t.startswith(ENTITY_TOKEN)} for ts in pool_tokens]
    shared = np.zeros(scores.shape, dtype=bool)
    shared[_jaccard_pairs(pool_ents)[:2]] = True
    words_shared = np.zeros(scores.shape, dtype=bool)
    words_shared[_jaccard_pairs(word_sets)[:2]] = True
    scores[~(shared & words_shared)] = -1.0
    # a free sentence the offered clauses do not admit may still be admitted by a clause that cannot link;
    # those are embedded only when such a sentence would link, else it leaves the pool (its scores -1)
    pending = [p for p, i in enumerate(pool_at) if i >= n_clauses and i not in near]
    if pending and (scores[pending] >= CLAUSE_LINK).any():
        embed([2 * k + j for k in used_later for j in (0, 1)] + [i for i in unused if not linkable[i]])
        others = offered(used_later) + [i for i in unused if not linkable[i]]
        near |= _near(cands, [pool_at[p] for p in pending], others, vectors, embedder)
    for p in pending:
        if pool_at[p] not in near:
            scores[p, :] = -1.0
            scores[:, p] = -1.0
    linked = group_pairs([u.article for u in pool], scores, CLAUSE_LINK, CLAUSE_LINK)
    taken = [{(units[x].doc, units[x].sentence) for x in g} for g in groups]
    out = []
    for g in sorted(linked, key=lambda g: (-_mean_score(scores, g), g)):
        sentences = {(pool[x].doc, pool[x].sentence) for x in g}
        if any(len(sentences & t) > 1 for t in taken):
            continue
        taken.append(sentences)
        out.append(g)
    log.debug(
        "clauses: %d split sentences, %d clauses embedded, %d units scored, %d clause claims",
        len(splits),
        len(vectors),
        len(pool),
        len(out),
    )
    return pool, out, scores


def _possible_links(
    cands: Sequence[_Unit],
    homes: np.ndarray,
    n_clauses: int,
    ent_sets: Sequence[set[str]],
    token_sets: Sequence[set[str]],
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of candidates (both directions) that could link: of two articles, not both sentences
    (the first ``n_clauses`` candidates are clauses), not of one claim, a referent and a word in common."""
    n = len(cands)
    word_sets = [{t for t in ts if not t.startswith(ENTITY_TOKEN)} for ts in token_sets]
    er, ec, _ = _jaccard_pairs(ent_sets)
    wr, wc, _ = _jaccard_pairs(word_sets)
    both = np.intersect1d(er.astype(np.int64) * n + ec, wr.astype(np.int64) * n + wc)
    rows, cols = both // n, both % n
    doc = np.asarray([u.doc for u in cands])
    keep = (doc[rows] != doc[cols]) & ((rows < n_clauses) | (cols < n_clauses))
    keep &= (homes[rows] != homes[cols]) | (homes[rows] < 0)
    return rows[keep], cols[keep]


def _near(
    cands: Sequence[_Unit],
    sentences: Sequence[int],
    clauses: Sequence[int],
    vectors: dict[int, np.ndarray],
    embedder,
) -> set[int]:
    """The free sentences (candidate indexes) whose cosine to a clause of another article reaches the
    prefilter."""
    if not sentences or not clauses:
        return set()
    sentence_vec = np.asarray(embedder.encode([cands[i].text for i in sentences]), dtype=np.float32)
    cos = sentence_vec @ np.stack([vectors[i] for i in clauses]).T
    sentence_docs = np.asarray([cands[i].doc for i in sentences])
    cos[sentence_docs[:, None] == np.asarray([cands[i].doc for i in clauses])[None, :]] = -1
    best = cos.max(axis=1)
    return {i for i, b in zip(sentences, best.tolist(), strict=True) if b >= CLAUSE_PREFILTER}


def _mean_score(scores: np.ndarray, group: Sequence[int]) -> float:
    sub = scores[np.ix_(group, group)]
    n = len(group)
    return float((sub.sum() - np.trace(sub)) / (n * (n - 1))) if n > 1 else 0.0
