"""Claims: the same statement made in several articles, with its support and independent support.

Sentences from different articles are scored pairwise (:func:`~crossfact.analysis.claim_scores.pair_scores`:
cosine of their sentence embeddings, plus the cosine of their TF-IDF vectors over the story (a rare word
or number shared counts far more than the story's topic words), the share of entities in common and a
bonus for a shared value; a pair sharing no rare word, number or referent scores low unless it is a near
paraphrase). Pairs above a threshold are grouped
by average linkage under the rule that a claim holds at most one sentence per article, so a long chain of
loosely similar sentences cannot merge into one claim. Each claim is then offered the best-fitting sentence
of each article it lacks (:func:`extend_groups`); a sentence belongs to at most one claim, the one it scores
best with, so one sentence never stands behind two claims, except through its other clause when it states
two facts (:mod:`crossfact.analysis.clause_claims`). A claim needs two articles. Its
``independent_support`` counts origins once copies (a statement quoted verbatim, a syndicated story) are
folded (:mod:`crossfact.analysis.origins`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

# the scores and the clause pass live in their own modules; their names stay importable from here
from crossfact.analysis.claim_scores import _NUM as _NUM
from crossfact.analysis.claim_scores import _STOP as _STOP
from crossfact.analysis.claim_scores import ENTITY_TOKEN as ENTITY_TOKEN
from crossfact.analysis.claim_scores import W_COSINE as W_COSINE
from crossfact.analysis.claim_scores import W_ENTITIES as W_ENTITIES
from crossfact.analysis.claim_scores import W_VALUE as W_VALUE
from crossfact.analysis.claim_scores import W_WORDS as W_WORDS
from crossfact.analysis.claim_scores import _incidence as _incidence
from crossfact.analysis.claim_scores import _jaccard_matrix as _jaccard_matrix
from crossfact.analysis.claim_scores import _jaccard_pairs as _jaccard_pairs
from crossfact.analysis.claim_scores import _mask_same_article as _mask_same_article
from crossfact.analysis.claim_scores import _stem as _stem
from crossfact.analysis.claim_scores import _tfidf_sparse as _tfidf_sparse
from crossfact.analysis.claim_scores import _Unit as _Unit
from crossfact.analysis.claim_scores import content_words as content_words
from crossfact.analysis.claim_scores import entity_index as entity_index
from crossfact.analysis.claim_scores import idf_weights as idf_weights
from crossfact.analysis.claim_scores import lexical_tokens as lexical_tokens
from crossfact.analysis.claim_scores import pair_scores as pair_scores
from crossfact.analysis.claim_scores import tfidf_matrix as tfidf_matrix
from crossfact.analysis.claim_scores import unit_entities as unit_entities
from crossfact.analysis.claim_scores import unit_tokens as unit_tokens
from crossfact.analysis.clause_claims import CLAUSE_LINK as CLAUSE_LINK
from crossfact.analysis.clause_claims import CLAUSE_MARGIN as CLAUSE_MARGIN
from crossfact.analysis.clause_claims import CLAUSE_PREFILTER as CLAUSE_PREFILTER
from crossfact.analysis.clause_claims import _mean_score as _mean_score
from crossfact.analysis.clause_claims import clause_groups as clause_groups
from crossfact.analysis.facts import group_pairs
from crossfact.analysis.origins import near_duplicate_articles, origin_groups, words
from crossfact.config import Config
from crossfact.model import ArticleDoc, Claim, ClaimSource, Entity, content_id

log = logging.getLogger(__name__)

# thresholds on the pair score (tuned on the bundled example, read on the dev set)
LINK_THRESHOLD = 0.40  # a pair of sentences may start or join a claim
GROUP_THRESHOLD = 0.35  # average score between two groups to merge them
EXTEND_THRESHOLD = 0.40  # mean score to a claim's sentences for a sentence already used elsewhere to join it
MIN_WORDS = 6  # shorter sentences (headings, credits) make no claim


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
    tokens = unit_tokens(units, docs, entities)
    idf = idf_weights(tokens)
    # a pair close in embedding only (same people, different statements) makes no claim without a shared
    # rare word, number or referent, unless it is a near paraphrase (require_words)
    scores = pair_scores(units, docs, entities, embedder, idf=idf, token_sets=tokens, require_words=True)
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
