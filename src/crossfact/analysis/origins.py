"""Copy detection: which sentences (and which whole articles) are one origin repeated.

A statement quoted word for word by several outlets, or a wire story syndicated under several mastheads, is
one source of evidence, not several. Two sentences are copies when their word 5-gram shingles overlap
strongly, or when they share the same long quotation; two articles are near-duplicates when their whole
texts do. Candidate article pairs come from MinHash LSH (datasketch), with bands loose enough that a pair at
the copy threshold is missed with a probability of about 4e-5, and each candidate is confirmed on the exact
shingle Jaccard, so a story of a few hundred articles is not compared pair by pair and the groups are those
of the exhaustive comparison.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence

from datasketch import MinHash, MinHashLSH

from crossfact.model import ArticleDoc

_WORD = re.compile(r"[\w']+", re.UNICODE)
# straight and typographic double quotes; the span inside is a quotation
_QUOTED = re.compile(
    r"[\"\u201c\u201d\u00ab\u00bb]([^\"\u201c\u201d\u00ab\u00bb]{12,})[\"\u201c\u201d\u00ab\u00bb]"
)

SENTENCE_SHINGLE = 5
SENTENCE_COPY_JACCARD = 0.5
SENTENCE_COPY_CONTAINMENT = 0.8
QUOTE_MIN_WORDS = 6
ARTICLE_SHINGLE = 5
ARTICLE_COPY_JACCARD = 0.6
# LSH bands for the candidate article pairs: 42 bands of 3 rows find a pair at Jaccard 0.6 with probability
# 1 - 4e-5, and one at 0.1 (two outlets reporting one event) with probability 0.04
MINHASH_PERMUTATIONS = 128
LSH_BANDS = 42
LSH_ROWS = 3


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, apostrophes), typographic apostrophes folded."""
    return _WORD.findall(text.replace("\u2019", "'").lower())


def shingles(text: str, n: int = SENTENCE_SHINGLE) -> frozenset[tuple[str, ...]]:
    """The set of word ``n``-grams of ``text``; a text shorter than ``n`` words is one shingle."""
    toks = words(text)
    if not toks:
        return frozenset()
    if len(toks) < n:
        return frozenset([tuple(toks)])
    return frozenset(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """Jaccard similarity of two sets (0 when both are empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset, b: frozenset) -> float:
    """Share of the smaller set contained in the larger one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def quoted_spans(text: str, min_words: int = QUOTE_MIN_WORDS) -> frozenset[str]:
    """Normalised quotations of at least ``min_words`` words in ``text`` (word tokens joined by spaces)."""
    spans = set()
    for m in _QUOTED.finditer(text):
        toks = words(m.group(1))
        if len(toks) >= min_words:
            spans.add(" ".join(toks))
    return frozenset(spans)


def is_copy(a: str, b: str) -> bool:
    """True when sentence ``b`` repeats ``a`` word for word or nearly so, or both carry the same quotation.

    Short quotations (under six words) do not count: "constructive" in two articles is a shared word, not
    a copied statement.
    """
    return _is_copy((shingles(a), quoted_spans(a)), (shingles(b), quoted_spans(b)))


def _is_copy(
    a: tuple[frozenset[tuple[str, ...]], frozenset[str]], b: tuple[frozenset[tuple[str, ...]], frozenset[str]]
) -> bool:
    """:func:`is_copy` on precomputed ``(shingles, quoted spans)`` of the two sentences."""
    (sa, qa), (sb, qb) = a, b
    if jaccard(sa, sb) >= SENTENCE_COPY_JACCARD:
        return True
    # one sentence wholly inside the other (a copy with a clause added), if it is long enough to matter
    if min(len(sa), len(sb)) >= 4 and containment(sa, sb) >= SENTENCE_COPY_CONTAINMENT:
        return True
    if qa & qb:
        return True
    # the same long quotation, cut differently by the two outlets
    return any(_quote_overlap(x, y) for x in qa for y in qb)


def _quote_overlap(x: str, y: str) -> bool:
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short.split()) >= QUOTE_MIN_WORDS and short in long_


def near_duplicate_articles(docs: Sequence[ArticleDoc]) -> dict[str, int]:
    """Group articles whose whole texts are near-duplicates (syndicated copies).

    Two articles are copies when the exact Jaccard of their word 5-gram shingles reaches
    ``ARTICLE_COPY_JACCARD``; only the pairs that MinHash LSH makes candidates are compared
    (:func:`candidate_article_pairs`).

    Returns a map from article id to a group number; articles alone in their group get their own number.
    Groups are numbered in the order of ``docs``.
    """
    sets = [shingles(d.article.text, ARTICLE_SHINGLE) for d in docs]
    parent = list(range(len(docs)))
    for i, j in candidate_article_pairs(sets):
        if _find(parent, i) == _find(parent, j):  # already one group (copies of copies): no need to look
            continue
        if jaccard(sets[i], sets[j]) >= ARTICLE_COPY_JACCARD:
            _union(parent, i, j)
    return _numbered([d.article.id for d in docs], parent)


def candidate_article_pairs(sets: Sequence[frozenset[tuple[str, ...]]]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of shingle sets that share a MinHash LSH band: the possible copies.

    Deterministic (fixed MinHash seed). Empty sets make no pair. A pair at Jaccard 0.6 or more is
    missed with a probability under 4e-5; most pairs of distinct reports of one event are not candidates.
    """
    lsh = MinHashLSH(num_perm=MINHASH_PERMUTATIONS, params=(LSH_BANDS, LSH_ROWS))
    # CRC-32 of each shingle: deterministic and many times cheaper than datasketch's default SHA-1
    template = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=1, hashfunc=zlib.crc32)
    pairs: set[tuple[int, int]] = set()
    for i, s in enumerate(sets):
        if not s:
            continue
        m = MinHash(
            num_perm=MINHASH_PERMUTATIONS,
            seed=1,
            hashfunc=zlib.crc32,
            scheme=template.scheme,
            permutations=template.permutations,
        )
        m.update_batch([" ".join(g).encode("utf-8") for g in s])
        for j in lsh.query(m):
            pairs.add((int(j), i))
        lsh.insert(i, m)
    return sorted(pairs)


def origin_groups(items: Sequence[tuple[str, str]], article_group: dict[str, int] | None = None) -> list[int]:
    """Number the origin of each ``(article id, sentence text)``: copies share a number.

    Items from articles in the same near-duplicate group (``article_group``) share an origin too.
    Numbers start at 0 and follow first appearance, so equal input gives equal output.
    """
    article_group = article_group or {}
    features = [(shingles(text), quoted_spans(text)) for _, text in items]
    parent = list(range(len(items)))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if _find(parent, i) == _find(parent, j):  # already one origin: nothing to learn
                continue
            ai, aj = items[i][0], items[j][0]
            same_copy_group = ai in article_group and article_group.get(ai) == article_group.get(aj)
            if same_copy_group or _is_copy(features[i], features[j]):
                _union(parent, i, j)
    numbers = _numbered([str(i) for i in range(len(items))], parent)
    return [numbers[str(i)] for i in range(len(items))]


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _numbered(keys: Iterable[str], parent: list[int]) -> dict[str, int]:
    numbers: dict[int, int] = {}
    out = {}
    for i, key in enumerate(keys):
        root = _find(parent, i)
        out[key] = numbers.setdefault(root, len(numbers))
    return out
