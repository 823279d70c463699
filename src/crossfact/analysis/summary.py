"""An extractive brief of a story: the most corroborated facts first, disputed facts stated as disputed.

Every summary sentence is either a sentence (or the tail of one, with its dateline cut) copied verbatim
from an article, or a framing sentence built only from a conflict's verbatim position texts. Each carries
citations to the sentences that support it, and :func:`check_support` verifies that no number, name or
date appears in a summary sentence without appearing in what it cites.
"""

from __future__ import annotations

import logging
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
    relevance: float
    kind: str  # claim, conflict, lead


def undisputed_claims(claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> list[Claim]:
    """The claims not in dispute: a claim with two or more sources among a conflict's positions is
    disputed (the conflict states it, with every side), so it is not presented as agreed."""
    disputed = {(p.article, p.sentence) for cf in conflicts for p in cf.positions}
    return [cl for cl in claims if sum((s.article, s.sentence) in disputed for s in cl.sources) < 2]


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
    that best carries the claim (dateline cut) citing all the claim's sources; then up to a third of the
    brief states disputed facts ("Reports differ on ...: "...", "...".) from the conflicts' verbatim
    position texts, citing every position; lead sentences of the most central articles fill up to the
    minimum. Near-duplicates are skipped (MMR on embeddings when ``embedder`` is given, else on words).

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
    by_id = {d.article.id: d for d in docs}
    salience = _entity_salience(entities)

    undisputed = undisputed_claims(claims, conflicts)
    claim_cands = [c for c in (_claim_candidate(cl, by_id, salience) for cl in undisputed) if c is not None]
    conflict_cands = [c for c in (_conflict_candidate(cf, docs) for cf in conflicts) if c is not None]

    n_conflicts = min(len(conflict_cands), max(1, config.summary_max // 3))
    conflict_cands.sort(key=lambda c: -c.relevance)
    chosen_conflicts = conflict_cands[:n_conflicts]

    # a lead sentence already behind a claim or a conflict would repeat it
    claimed = {c for cand in claim_cands + chosen_conflicts for c in cand.citations}
    lead_cands = _lead_candidates(docs, salience, claimed)
    pool = claim_cands + lead_cands
    vectors = _vectors([c.text for c in pool], embedder)
    budget = config.summary_max - len(chosen_conflicts)
    chosen: list[int] = []
    for kind, limit in (("claim", budget), ("lead", max(0, config.summary_min - len(chosen_conflicts)))):
        indexes = [i for i, c in enumerate(pool) if c.kind == kind]
        while indexes and len(chosen) < limit:
            best = max(indexes, key=lambda i: _mmr(i, pool, vectors, chosen))
            indexes.remove(best)
            if chosen and _max_similarity(best, vectors, chosen) >= _redundant(embedder):
                continue
            chosen.append(best)
    claims_part = [pool[i] for i in chosen if pool[i].kind == "claim"]
    leads_part = [pool[i] for i in chosen if pool[i].kind == "lead"]
    ordered = claims_part + chosen_conflicts + leads_part
    # a lead only fills up to the minimum; it goes last, after the corroborated and the disputed facts
    result = tuple(SummarySentence(text=c.text, citations=c.citations) for c in ordered[: config.summary_max])
    log.debug(
        "summary: %d claim, %d conflict, %d lead sentences",
        len(claims_part),
        len(chosen_conflicts),
        len(leads_part),
    )
    return result


def trim_dateline(text: str) -> str:
    """``text`` without a leading dateline ("GENEVA (Reuters) - "); the rest is a verbatim suffix."""
    if _HAS_DATELINE_HEAD.match(text):
        m = _DATELINE.match(text)
        if m and len(text) - m.end() >= 20:
            return text[m.end() :]
    return text.strip()


def _eligible(text: str) -> bool:
    n_words = len(_WORD_RE.findall(text))
    return (
        n_words >= MIN_WORDS
        and len(text) <= MAX_CHARS
        and bool(_TERMINAL.search(text))
        and not (text.rstrip("\"”’' ").endswith("?"))
    )


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


def _claim_candidate(
    claim: Claim, by_id: dict[str, ArticleDoc], salience: dict[tuple[str, int], float]
) -> _Candidate | None:
    if claim.support < 2 or not claim.sources:
        return None
    core = _content_words(claim.text)
    best: tuple[float, str, Citation] | None = None
    for s in claim.sources:
        doc = by_id.get(s.article)
        text = s.text
        if doc is not None and 0 <= s.sentence < len(doc.sentences):
            text = doc.sentences[s.sentence].text
        text = trim_dateline(text)
        if not _eligible(text):
            continue
        words = _content_words(text)
        overlap = len(core & words) / max(1, len(core | words))
        # prefer the sentence carrying the claim's words, shorter, not opening on a quotation
        quality = overlap - len(text) / 2000 - (0.1 if text[:1] in '"“' else 0.0)
        quality += 0.05 * salience.get((s.article, s.sentence), 0.0)
        # "It said ...", "He added ..." lean on a sentence the reader of a brief does not see
        quality -= 1.0 if _LEANING.match(text) else 0.0
        if best is None or quality > best[0]:
            best = (quality, text, Citation(s.article, s.sentence))
    if best is None:
        return None
    citations = [best[2]]
    for s in claim.sources:
        c = Citation(s.article, s.sentence)
        if c not in citations:
            citations.append(c)
    relevance = claim.independent_support + 0.5 * claim.support + 0.2 * best[0]
    return _Candidate(best[1], tuple(citations), relevance, "claim")


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
            return _Candidate(sentence, tuple(citations), float(n_articles), "conflict")
    log.debug("conflict %s left out of the summary: its wording is not supported", conflict.id)
    return None


def _lead_candidates(
    docs: Sequence[ArticleDoc], salience: dict[tuple[str, int], float], exclude: set[Citation]
) -> list[_Candidate]:
    """The first eligible sentences of each article not in ``exclude``, ranked by how central they are."""
    shared_words: dict[str, int] = {}
    per_doc = []
    for d in docs:
        words: set[str] = set()
        for s in d.sentences:
            words |= _content_words(s.text)
        per_doc.append(words)
        for w in words:
            shared_words[w] = shared_words.get(w, 0) + 1
    out = []
    for d in docs:
        taken = 0
        for s in d.sentences:
            text = trim_dateline(s.text)
            if not _eligible(text) or Citation(d.article.id, s.index) in exclude:
                continue
            words = _content_words(text)
            centrality = sum(shared_words.get(w, 0) - 1 for w in words) / max(1, len(words) * len(docs))
            relevance = centrality + 0.1 * salience.get((d.article.id, s.index), 0.0) - 0.05 * taken
            out.append(_Candidate(text, (Citation(d.article.id, s.index),), relevance, "lead"))
            taken += 1
            if taken == 2:
                break
    return out


def _vectors(texts: list[str], embedder) -> np.ndarray | list[set[str]]:
    if embedder is not None and texts:
        return embedder.encode(texts)
    return [_content_words(t) for t in texts]


def _similarity(vectors, i: int, j: int) -> float:
    if isinstance(vectors, np.ndarray):
        return float(vectors[i] @ vectors[j])
    a, b = vectors[i], vectors[j]
    return len(a & b) / max(1, len(a | b))


def _max_similarity(i: int, vectors, chosen: list[int]) -> float:
    return max((_similarity(vectors, i, j) for j in chosen), default=0.0)


def _redundant(embedder) -> float:
    return REDUNDANT_COSINE if embedder is not None else REDUNDANT_JACCARD


def _mmr(i: int, pool: list[_Candidate], vectors, chosen: list[int]) -> float:
    novelty = _max_similarity(i, vectors, chosen)
    return MMR_LAMBDA * pool[i].relevance - (1 - MMR_LAMBDA) * novelty * 5
