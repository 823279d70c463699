"""An extractive brief of a story: the most corroborated facts first, disputed facts stated as disputed.

Every summary sentence is either a sentence (or the tail of one, with its dateline cut) copied verbatim
from an article, or a framing sentence built only from a conflict's verbatim position texts. Each carries
citations to the sentences that support it, and :func:`check_support` verifies that no number, name or
date appears in a summary sentence without appearing in what it cites.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from crossfact.config import Config
from crossfact.model import ArticleDoc, Citation, Claim, Conflict, Entity, SummarySentence

log = logging.getLogger(__name__)

MIN_WORDS = 6  # shorter sentences are headings, credits or fragments
MAX_CHARS = 320  # longer sentences read badly in a brief
POSITION_MAX_CHARS = 140  # a conflict position's text is cut (at a word) beyond this
REDUNDANT_COSINE = 0.80  # a candidate this close to a chosen sentence says the same thing
REDUNDANT_JACCARD = 0.4  # the same without embeddings, on content words
MMR_LAMBDA = 0.7  # weight of relevance against novelty when choosing sentences
CLAIM_NOVELTY = 5.0  # a claim's novelty weight, on the scale of its support (2..10)
WORD_BUDGET_BASE = 120  # words of a brief, plus WORD_BUDGET_PER_ROOT per square root of the story's words
WORD_BUDGET_PER_ROOT = 3.5
POOL_PER_ARTICLE = 60  # later sentences of a long article are rarely central; this bounds the graph
DAMPING = 0.85  # PageRank damping of the centrality graph
CLAIM_CENTRALITY = 0.3  # weight of centrality when choosing which source sentence states a claim
LEAD_BONUS = 0.3  # a filling sentence's bonus for opening its article (halved for the second, ...)
LEANING_PENALTY = 0.3  # a filling sentence opening on a pronoun leans on one the reader does not see
FILL_NOVELTY = 1.0  # a filling sentence's novelty weight (relevance is 0..1.3, not a claim's 2..10)
FILL_SALIENCE = 0.05  # weight of the story's shared entities named by a filling sentence


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# "PARIS/BERLIN — ", "GENEVA (Reuters) - ", "(CNN) -- ": a dateline before the running text
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’/ ,-]*[A-Z.]\s*)?(?:\((?:[A-Z][\w .&-]{0,30})\)\s*)?(?:—|–|--|-)\s+(?=[\"“A-Z0-9])"
)
_HAS_DATELINE_HEAD = re.compile(r"^\s*(?:[A-Z]{2}|\()")
_LEANING = re.compile(r"^(?:it|he|she|they|this|these|those|him|her|his|its|their)\b", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?][\"”’')\]]?\s*$|[\"”]\s*$")
_WORD_RE = re.compile(r"[\w']+")
# web page furniture that extraction lets through: consent and subscription notices, credits, captions
_FURNITURE = re.compile(
    r"\b(?:javascript|cookies? (?:policy|settings)|(?:enable|accept|use of) cookies|newsletters?|"
    r"mailing list|subscribe|sign up|log ?in|click here|all rights reserved|copyright|"
    r"terms of (?:use|service)|"
    r"privacy policy|advertisement|getty images|ap photo|photo credit|(?:photo|image|file photo|caption)\s*:|"
    r"follow (?:us|him|her)|share this|contact details|your browser|e-?mail us|read more|sponsored)\b",
    re.IGNORECASE,
)
_STOP = _wordset(
    """a an the and or but of to in on at for with by from as is are was were be been has have had it its
    this that these those he she they his her their we our not no said says also will would after before
    over about into than which who what when where while"""
)

# --------------------------------------------------------------------------------------------------
# Support checking
# --------------------------------------------------------------------------------------------------

# Capitalised words that open clauses or are function words: not evidence of a name.
_NOT_NAMES = _wordset(
    """a an the this that these those it its in on at of for from to by with and or but as after before
    while when where since during about according also both each all some many most other such there
    their they he she his her we our you your i if yet so not no reports report sources source however
    meanwhile"""
)
_NUMBER_WORDS = _wordset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    million billion trillion dozen dozens half"""
)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_WORD = re.compile(r"[^\W\d_][\w'\-.]*")
# a capital right after these opens a clause, so it is not by itself evidence of a name
_CLAUSE_START = re.compile(r"(?:^|[.:;!?]\s+|[\"“‘(\[]\s*|—\s*|\s-\s+)$")


def _strip_word(word: str) -> str:
    word = word.rstrip(".-'")
    if word.endswith("'s"):
        word = word[:-2]
    return word


def _contains(haystack: str, token: str, *, digits: bool = False) -> bool:
    if digits:
        pattern = r"(?<![\d.,])" + re.escape(token) + r"(?!\d|[.,]\d)"
    else:
        pattern = r"(?<!\w)" + re.escape(token) + r"(?!\w)"
    return re.search(pattern, haystack) is not None


def unsupported_tokens(text: str, cited_texts: Iterable[str]) -> list[str]:
    """Numbers, number words, capitalised names and dates in ``text`` that no cited text contains.

    Args:
        text: the sentence to check (a summary sentence, say).
        cited_texts: the sentences it cites.

    Returns:
        The offending tokens in order of appearance, without duplicates; empty when ``text`` is supported.
        A capitalised common word opening the sentence or a clause ("The", "Reports") is not a name.
    """
    haystack = "\n".join(cited_texts).replace("’", "'")
    lowered = haystack.lower()
    text = text.replace("’", "'")
    missing: list[str] = []

    for m in _DIGITS.finditer(text):
        token = m.group().rstrip(".,")
        supported = any(_contains(haystack, v, digits=True) for v in {token, token.replace(",", "")})
        if not supported and token not in missing:
            missing.append(token)

    for m in _NAME_WORD.finditer(text):
        word = _strip_word(m.group())
        if not word:
            continue
        low = word.lower()
        if low in _NUMBER_WORDS:
            if not _contains(lowered, low) and word not in missing:
                missing.append(word)
            continue
        if not word[0].isupper():
            continue
        opens_clause = _CLAUSE_START.search(text[: m.start()]) is not None
        if low in _NOT_NAMES and (opens_clause or _contains(lowered, low)):
            continue
        if opens_clause and not any(c.isupper() for c in word[1:]) and _contains(lowered, low):
            continue
        if not _contains(haystack, word) and word not in missing:
            missing.append(word)
    return missing


def check_support(summary_sentence: SummarySentence, docs: Sequence[ArticleDoc]) -> list[str]:
    """Numbers, names and dates in a summary sentence that none of its cited sentences contains.

    Args:
        summary_sentence: the sentence and its citations.
        docs: the analysed articles the citations point into.

    Returns:
        The unsupported tokens (empty when every one is in a cited sentence). A citation to an unknown
        article or sentence contributes no text.
    """
    return unsupported_tokens(summary_sentence.text, _cited_texts(summary_sentence.citations, docs))


def _cited_texts(citations: Iterable[Citation], docs: Sequence[ArticleDoc]) -> list[str]:
    by_id = {d.article.id: d for d in docs}
    texts = []
    for c in citations:
        doc = by_id.get(c.article)
        if doc is not None and 0 <= c.sentence < len(doc.sentences):
            texts.append(doc.sentences[c.sentence].text)
    return texts


# --------------------------------------------------------------------------------------------------
# Summarising
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Candidate:
    text: str
    citations: tuple[Citation, ...]
    index: int  # row of its sentence in the pool's vectors; -1 for a conflict's framing sentence
    relevance: float
    kind: str  # claim, conflict, fill


@dataclass(frozen=True, slots=True)
class _PoolSentence:
    text: str  # dateline cut
    citation: Citation
    index: int  # row in the pool
    position: int  # rank among its article's eligible sentences (0: the opening one)


def undisputed_claims(claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> list[Claim]:
    """The claims not in dispute: a claim with two or more sources among a conflict's positions is
    disputed (the conflict states it, with every side), so it is not presented as agreed."""
    disputed = {(p.article, p.sentence) for cf in conflicts for p in cf.positions}
    return [cl for cl in claims if sum((s.article, s.sentence) in disputed for s in cl.sources) < 2]


def word_budget(docs: Sequence[ArticleDoc]) -> int:
    """How many words the brief of ``docs`` aims at: it grows with the square root of the story's words.

    A few short reports make a brief of a few sentences; a story told at length by many outlets a longer
    one (still within the sentence bounds of the config). Roughly 180 words for 300 words of reports,
    260 for 1,600, 400 for 6,000.
    """
    total = sum(len(_WORD_RE.findall(d.article.text)) for d in docs)
    return round(WORD_BUDGET_BASE + WORD_BUDGET_PER_ROOT * math.sqrt(total))


def summarize(
    docs: Sequence[ArticleDoc],
    claims: Sequence[Claim],
    conflicts: Sequence[Conflict],
    entities: Sequence[Entity] = (),
    config: Config | None = None,
    embedder=None,
) -> tuple[SummarySentence, ...]:
    """An extractive brief of ``config.summary_min`` to ``config.summary_max`` sentences.

    Corroborated claims come first, ordered by independent support, each as the verbatim source sentence
    that best carries the claim (dateline cut; the most central of its eligible sources) citing all the
    claim's sources; then up to a third of the brief states disputed facts ("Reports differ on ...:
    "...", "...".) from the conflicts' verbatim position texts, citing every position; then the story's
    most central sentences (LexRank-style centrality, a slight preference for an article's opening)
    fill the brief up to its :func:`word_budget` and at least the minimum. Near-duplicates are skipped
    (MMR on embeddings when ``embedder`` is given, else on words). Page furniture (cookie and subscription
    notices, photo credits), fragments of multi-sentence quotations, questions and over-long sentences are
    never taken, and a disputed sentence is never stated as agreed.

    Args:
        docs: the story's analysed articles.
        claims: aligned claims, any order.
        conflicts: the story's conflicts.
        entities: resolved entities (a sentence naming more of the story's entities ranks higher).
        config: summary bounds.
        embedder: optional, ``encode(texts)`` giving L2-normalised rows.

    Returns:
        Summary sentences, each with its citations; empty when there are no articles.
    """
    config = config or Config()
    if not docs:
        return ()
    salience = _entity_salience(entities)
    pool = _sentence_pool(docs)
    vectors = _vectors([p.text for p in pool], embedder)
    centrality = _centrality([p.text for p in pool], vectors)
    at = {p.citation: p.index for p in pool}

    undisputed = undisputed_claims(claims, conflicts)
    claim_cands = [
        c
        for c in (_claim_candidate(cl, at, pool, centrality, salience) for cl in undisputed)
        if c is not None
    ]
    conflict_cands = [c for c in (_conflict_candidate(cf, docs) for cf in conflicts) if c is not None]
    n_conflicts = min(len(conflict_cands), max(1, config.summary_max // 3))
    conflict_cands.sort(key=lambda c: -c.relevance)
    chosen_conflicts = conflict_cands[:n_conflicts]

    budget = word_budget(docs)
    used = sum(_n_words(c.text) for c in chosen_conflicts)
    room = config.summary_max - len(chosen_conflicts)
    chosen: list[_Candidate] = []
    taken: list[int] = []  # pool indexes of the chosen sentences, for redundancy

    def pick(cands: list[_Candidate], done) -> None:
        nonlocal used
        cands = list(cands)
        while cands and len(chosen) < room and not done():
            best = max(cands, key=lambda c: _mmr(c, vectors, taken))
            cands.remove(best)
            if any(c in cited for c in best.citations[:1]) or (
                taken and _max_similarity(best.index, vectors, taken) >= _redundant(embedder)
            ):
                continue
            chosen.append(best)
            taken.append(best.index)
            cited.update(best.citations)
            used += _n_words(best.text)

    # a sentence behind a conflict is disputed: never stated as agreed
    cited: set[Citation] = {Citation(p.article, p.sentence) for cf in conflicts for p in cf.positions}
    pick(claim_cands, lambda: used >= budget)
    n_claims = len(chosen)
    fill = [
        _Candidate(p.text, (p.citation,), p.index, _fill_relevance(p, centrality, salience), "fill")
        for p in pool
    ]
    pick(fill, lambda: used >= budget and len(chosen) + len(chosen_conflicts) >= config.summary_min)
    ordered = chosen[:n_claims] + chosen_conflicts + chosen[n_claims:]
    log.debug(
        "summary: %d claim, %d conflict, %d filling sentences; %d words of a budget of %d",
        n_claims,
        len(chosen_conflicts),
        len(chosen) - n_claims,
        used,
        budget,
    )
    return tuple(SummarySentence(text=c.text, citations=c.citations) for c in ordered[: config.summary_max])


def trim_dateline(text: str) -> str:
    """``text`` without a leading dateline ("GENEVA (Reuters) - "); the rest is a verbatim suffix."""
    if _HAS_DATELINE_HEAD.match(text):
        m = _DATELINE.match(text)
        if m and len(text) - m.end() >= 20:
            return text[m.end() :]
    return text.strip()


def _eligible(text: str) -> bool:
    n_words = _n_words(text)
    return (
        n_words >= MIN_WORDS
        and len(text) <= MAX_CHARS
        and bool(_TERMINAL.search(text))
        and not (text.rstrip("\"”’' ").endswith("?"))
        and _quotes_balanced(text)
        and not _speakerless_quote(text)
        and not _FURNITURE.search(text)
    )


def _speakerless_quote(text: str) -> bool:
    """True for a sentence that is one quotation and nothing else: out of its paragraph the reader cannot
    tell who said it (the speaker is in another sentence)."""
    body = text.strip().rstrip(".")
    if len(body) < 2 or body[0] not in '"“' or body[-1] not in '"”':
        return False
    inner = body[1:-1]
    return not any(mark in inner for mark in '"“”')


def _n_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _quotes_balanced(text: str) -> bool:
    """False for a piece of a quotation that runs over several sentences: it opens or closes a quote
    the sentence does not, so it reads as a fragment ("They knew," he said.)."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD_RE.findall(text.replace("’", "'").lower()) if w not in _STOP and len(w) > 1}


def _entity_salience(entities: Sequence[Entity]) -> dict[tuple[str, int], float]:
    """(article, sentence) -> how many of the story's cross-article entities the sentence names."""
    score: dict[tuple[str, int], float] = {}
    for e in entities:
        n_articles = len({m.article for m in e.mentions})
        if n_articles < 2:
            continue
        for key in {(m.article, m.sentence) for m in e.mentions}:
            score[key] = score.get(key, 0.0) + min(n_articles, 5) / 5
    return score


def _sentence_pool(docs: Sequence[ArticleDoc]) -> list[_PoolSentence]:
    """The sentences a brief may copy: eligible (dateline cut), the first POOL_PER_ARTICLE of each article."""
    pool: list[_PoolSentence] = []
    for d in docs:
        position = 0
        for s in d.sentences:
            text = trim_dateline(s.text)
            if not _eligible(text):
                continue
            pool.append(_PoolSentence(text, Citation(d.article.id, s.index), len(pool), position))
            position += 1
            if position == POOL_PER_ARTICLE:
                break
    return pool


def _centrality(texts: Sequence[str], vectors: np.ndarray | list[set[str]]) -> np.ndarray:
    """LexRank-style centrality of each sentence, scaled to 0..1 (the least to the most central).

    PageRank (damping 0.85, power iteration) over the graph of the sentences' TF-IDF cosine similarities
    (the specific words, names and numbers a sentence shares with many others), averaged with the same
    over their embeddings' non-negative cosines when ``vectors`` are embeddings; no self-loops.
    """
    n = len(texts)
    if n == 0:
        return np.zeros(0)
    # each graph is built, ranked and dropped in turn: one dense n x n matrix alive at a time
    graphs = [lambda: _tfidf_similarity(texts)]
    if isinstance(vectors, np.ndarray):
        graphs.append(lambda: _embedding_similarity(vectors))
    total = np.zeros(n)
    for graph in graphs:
        total += _scaled(_pagerank(graph(), copy=False))
    return total / len(graphs)


def _embedding_similarity(vectors: np.ndarray) -> np.ndarray:
    """The non-negative cosines of L2-normalised ``vectors``, as float64 (clipped in place)."""
    sim = vectors @ vectors.T
    np.clip(sim, 0.0, None, out=sim)
    return sim.astype(np.float64)


def _tfidf_similarity(texts: Sequence[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        x = TfidfVectorizer(stop_words="english").fit_transform(texts)
    except ValueError:  # nothing but stop words
        return np.zeros((len(texts), len(texts)))
    return (x @ x.T).toarray()


def _pagerank(sim: np.ndarray, copy: bool = True) -> np.ndarray:
    """PageRank scores over the similarity graph ``sim`` (no self-loops; a row without edges links to all).

    With ``copy=False`` the transition matrix is built in ``sim`` itself (which the caller gives up).
    """
    n = len(sim)
    if copy:
        sim = sim.copy()
    np.fill_diagonal(sim, 0.0)
    sums = sim.sum(axis=1, keepdims=True)
    has_edges = sums > 0
    transition = np.divide(sim, sums, out=sim, where=has_edges)
    transition[~has_edges[:, 0]] = 1.0 / n
    transition *= DAMPING  # once, not in every step
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - DAMPING) / n + transition.T @ scores
        done = np.abs(updated - scores).sum() < 1e-9
        scores = updated
        if done:
            break
    return scores


def _scaled(scores: np.ndarray) -> np.ndarray:
    low, high = float(scores.min()), float(scores.max())
    return (scores - low) / (high - low) if high > low else np.ones_like(scores)


def _fill_relevance(
    p: _PoolSentence, centrality: np.ndarray, salience: dict[tuple[str, int], float]
) -> float:
    # news puts the event first; a sentence leaning on one the reader does not see reads badly alone
    relevance = centrality[p.index] + LEAD_BONUS / (1 + p.position)
    relevance += FILL_SALIENCE * salience.get((p.citation.article, p.citation.sentence), 0.0)
    return relevance - (LEANING_PENALTY if _LEANING.match(p.text) else 0.0)


def _claim_candidate(
    claim: Claim,
    at: dict[Citation, int],
    pool: list[_PoolSentence],
    centrality: np.ndarray,
    salience: dict[tuple[str, int], float],
) -> _Candidate | None:
    if claim.support < 2 or not claim.sources:
        return None
    core = _content_words(claim.text)
    best: tuple[float, _PoolSentence] | None = None
    for s in claim.sources:
        i = at.get(Citation(s.article, s.sentence))
        if i is None:  # not eligible (or an unknown sentence)
            continue
        p = pool[i]
        words = _content_words(p.text)
        overlap = len(core & words) / max(1, len(core | words))
        # prefer the sentence carrying the claim's words, central, not opening on a quotation
        quality = overlap + CLAIM_CENTRALITY * centrality[i] - (0.1 if p.text[:1] in '"“' else 0.0)
        quality += 0.05 * salience.get((s.article, s.sentence), 0.0)
        # "It said ...", "He added ..." lean on a sentence the reader of a brief does not see
        quality -= 1.0 if _LEANING.match(p.text) else 0.0
        if best is None or quality > best[0]:
            best = (quality, p)
    if best is None:
        return None
    quality, chosen = best
    citations = [chosen.citation]
    for s in claim.sources:
        c = Citation(s.article, s.sentence)
        if c not in citations:
            citations.append(c)
    relevance = claim.independent_support + 0.5 * claim.support + 0.2 * quality
    return _Candidate(chosen.text, tuple(citations), chosen.index, relevance, "claim")


def _shorten(text: str, limit: int = POSITION_MAX_CHARS) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " ..."


def _conflict_candidate(conflict: Conflict, docs: Sequence[ArticleDoc]) -> _Candidate | None:
    groups: dict[str, list] = {}
    for p in conflict.positions:
        groups.setdefault(p.value.strip().lower(), []).append(p)
    if len(groups) < 2:
        return None
    parts = []
    citations: list[Citation] = []
    for positions in groups.values():
        shortest = min(positions, key=lambda p: len(p.text))
        text = _shorten(shortest.text).strip(' "“”')
        if text and text not in parts:
            parts.append(text)
        for p in positions:
            c = Citation(p.article, p.sentence)
            if c not in citations:
                citations.append(c)
    if len(parts) < 2:
        return None
    quoted = "; ".join(f'"{t}"' for t in parts)
    cited = _cited_texts(citations, docs)
    about = conflict.about.strip().rstrip(".:")
    wordings = [f"Reports differ on {about}: {quoted}."] if about else []
    for sentence in [*wordings, f"Reports differ: {quoted}."]:
        if not unsupported_tokens(sentence, cited):
            n_articles = len({p.article for p in conflict.positions})
            return _Candidate(sentence, tuple(citations), -1, float(n_articles), "conflict")
    log.debug("conflict %s left out of the summary: its wording is not supported", conflict.id)
    return None


def _vectors(texts: list[str], embedder) -> np.ndarray | list[set[str]]:
    if embedder is not None and texts:
        return np.asarray(embedder.encode(texts), dtype=np.float32)
    return [_content_words(t) for t in texts]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def _similarity(vectors, i: int, j: int) -> float:
    if isinstance(vectors, np.ndarray):
        return float(vectors[i] @ vectors[j])
    return _jaccard(vectors[i], vectors[j])


def _max_similarity(i: int, vectors, chosen: list[int]) -> float:
    return max((_similarity(vectors, i, j) for j in chosen), default=0.0)


def _redundant(embedder) -> float:
    return REDUNDANT_COSINE if embedder is not None else REDUNDANT_JACCARD


def _mmr(candidate: _Candidate, vectors, chosen: list[int]) -> float:
    novelty = _max_similarity(candidate.index, vectors, chosen)
    weight = CLAIM_NOVELTY if candidate.kind == "claim" else FILL_NOVELTY
    return MMR_LAMBDA * candidate.relevance - (1 - MMR_LAMBDA) * novelty * weight
