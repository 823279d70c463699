"""Copy detection: which sentences (and which whole articles) are one origin repeated.

A statement quoted word for word by several outlets, or a wire story syndicated under several mastheads, is
one source of evidence, not several. Two sentences are copies when their word 5-gram shingles overlap
strongly, or when they share the same long quotation; two articles are near-duplicates when their whole
texts do. Candidate article pairs come from MinHash LSH (datasketch), with bands loose enough that a pair at
the copy threshold is missed with a probability of about 4e-5, and each candidate is confirmed on the exact
shingle Jaccard, so a story of a few hundred articles is not compared pair by pair and the groups are those
of the exhaustive comparison.

Two articles that are not near-duplicates may still be rewrites of one press release or wire story: they
share several long word-for-word runs outside quotation marks (two distinct runs of ``REWRITE_RUN`` words or
more, or one of ``REWRITE_LONG_RUN``). Two outlets quoting one speaker do not copy each other, so runs inside
quotation marks do not count. Measured on 250 Multi-News clusters (797 article pairs) one shared run of 10 to
19 words is often a coincidence of phrasing or a long name ("deputy assistant secretary of state for ..."),
two runs are not. Names and titles ("Deputy Assistant Secretary of State for ...") are written alike by
every outlet, so a stretch of words more than half capitalised is no evidence of copying. In a pair of
rewrites, a sentence of each that shares a word 5-gram of such wording outside quotations is one origin
(:func:`rewrite_pairs`, :func:`origin_groups`). Candidate pairs come from an inverted index of the
run-length shingles, so the cost follows the shared text, not the number of article pairs.
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
# rewrites of one source: distinct shared runs of this many words outside quotations
REWRITE_RUN = 10
REWRITE_MIN_RUNS = 2
REWRITE_LONG_RUN = 20
# a run shared by more distinct articles than this is not followed (bounds the cost of a huge story)
REWRITE_MAX_POSTINGS = 50
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


def unquoted_shingles(text: str, n: int = SENTENCE_SHINGLE) -> frozenset[tuple[str, ...]]:
    """Word ``n``-grams of ``text`` outside quotations that are wording rather than names.

    A quotation is the speaker's words, not a copy, and n-grams never bridge one. An n-gram more than half
    of whose words are capitalised ("Deputy Assistant Secretary of State") is a name or a title, which
    every outlet writes alike, and is left out. Segments shorter than ``n`` words give none.
    """
    out: set[tuple[str, ...]] = set()
    for seq in _wording_grams(text, n):
        out.update(g for g in seq if g is not None)
    return frozenset(out)


def _wording_grams(text: str, n: int) -> list[list[tuple[str, ...] | None]]:
    """Per segment outside quotations, its word ``n``-grams in order, None for a name-like one."""
    out = []
    for segment in _QUOTED.split(text)[::2]:  # split keeps the quoted group at odd indices
        raw = _WORD.findall(segment.replace("\u2019", "'"))
        toks = [t.lower() for t in raw]
        caps = [t[0].isupper() for t in raw]
        out.append(
            [
                tuple(toks[k : k + n]) if 2 * sum(caps[k : k + n]) <= n else None
                for k in range(len(toks) - n + 1)
            ]
        )
    return out


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


class ArticleGroups(dict[str, int]):
    """Map from article id to near-duplicate group number, with the pairs of groups that are rewrites.

    ``rewrites`` holds ``frozenset({g, h})`` for two groups whose articles share several long word runs
    outside quotations (:func:`rewrite_pairs`); a plain ``dict`` works wherever this does, without them.
    """

    rewrites: frozenset[frozenset[int]] = frozenset()


def near_duplicate_articles(docs: Sequence[ArticleDoc]) -> ArticleGroups:
    """Group articles whose whole texts are near-duplicates (syndicated copies).

    Two articles are copies when the exact Jaccard of their word 5-gram shingles reaches
    ``ARTICLE_COPY_JACCARD``; only the pairs that MinHash LSH makes candidates are compared
    (:func:`candidate_article_pairs`).

    Returns a map from article id to a group number; articles alone in their group get their own number.
    Groups are numbered in the order of ``docs``. Its ``rewrites`` attribute holds the pairs of groups
    whose articles are rewrites of one source (:func:`rewrite_pairs`).
    """
    sets = [shingles(d.article.text, ARTICLE_SHINGLE) for d in docs]
    parent = list(range(len(docs)))
    for i, j in candidate_article_pairs(sets):
        if _find(parent, i) == _find(parent, j):  # already one group (copies of copies): no need to look
            continue
        if jaccard(sets[i], sets[j]) >= ARTICLE_COPY_JACCARD:
            _union(parent, i, j)
    groups = ArticleGroups(_numbered([d.article.id for d in docs], parent))
    # one article per group is enough: the others are copies of it
    first: dict[int, int] = {}
    for i, d in enumerate(docs):
        first.setdefault(groups[d.article.id], i)
    reps = sorted(first.values())
    pairs = rewrite_pairs([docs[i].article.text for i in reps])
    groups.rewrites = frozenset(
        frozenset({groups[docs[reps[a]].article.id], groups[docs[reps[b]].article.id]}) for a, b in pairs
    )
    return groups


def rewrite_pairs(
    texts: Sequence[str],
    run: int = REWRITE_RUN,
    min_runs: int = REWRITE_MIN_RUNS,
    long_run: int = REWRITE_LONG_RUN,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of texts that are rewrites of one source.

    Two texts are rewrites when they share, outside quotation marks, at least ``min_runs`` distinct
    word-for-word runs of ``run`` words or more, or one run of ``long_run`` words or more; a stretch of
    ``run`` words more than half capitalised is a name or title, not a copied run. Runs are found
    through an inverted index of ``run``-word shingles, so only texts sharing one are ever compared; a
    shingle in more than ``REWRITE_MAX_POSTINGS`` texts is not followed.
    """
    grams: list[list[tuple[str, ...] | None]] = []
    postings: dict[tuple[str, ...], list[int]] = {}
    for i, text in enumerate(texts):
        seq: list[tuple[str, ...] | None] = []
        for segment in _wording_grams(text, run):
            seq.extend(segment)
            seq.append(None)  # no run across a quotation
        grams.append(seq)
        for g in {g for g in seq if g is not None}:
            postings.setdefault(g, []).append(i)
    out = []
    for i, seq in enumerate(grams):
        # per later text j: the distinct runs (by their first shingle) and the longest, in shingles
        starts: dict[int, set[tuple[str, ...]]] = {}
        longest: dict[int, int] = {}
        current: dict[int, int] = {}
        previous: set[int] = set()
        for gram in seq:
            shared: set[int] = set()
            if gram is not None:
                docs = postings[gram]
                if len(docs) <= REWRITE_MAX_POSTINGS:
                    shared = {j for j in docs if j > i}
            for j in shared:
                if j in previous:
                    current[j] += 1
                else:
                    current[j] = 1
                    starts.setdefault(j, set()).add(gram)  # type: ignore[arg-type]
                longest[j] = max(longest.get(j, 0), current[j])
            previous = shared
        for j in sorted(starts):
            if len(starts[j]) >= min_runs or longest[j] + run - 1 >= long_run:
                out.append((i, j))
    return out


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


def origin_groups(
    items: Sequence[tuple[str, str]],
    article_group: dict[str, int] | None = None,
    rewrites: Iterable[frozenset[int]] | None = None,
) -> list[int]:
    """Number the origin of each ``(article id, sentence text)``: copies share a number.

    Items from articles in the same near-duplicate group (``article_group``) share an origin too, and so
    do two items from a pair of rewrite groups (``rewrites``, by default ``article_group.rewrites`` when
    it is an :class:`ArticleGroups`) whose sentences share a word 5-gram outside quotations.
    Numbers start at 0 and follow first appearance, so equal input gives equal output.
    """
    article_group = article_group or {}
    rewrite_set = frozenset(rewrites if rewrites is not None else getattr(article_group, "rewrites", ()))
    features = [(shingles(text), quoted_spans(text)) for _, text in items]
    own = [unquoted_shingles(text) for _, text in items] if rewrite_set else []
    parent = list(range(len(items)))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if _find(parent, i) == _find(parent, j):  # already one origin: nothing to learn
                continue
            ai, aj = items[i][0], items[j][0]
            gi, gj = article_group.get(ai), article_group.get(aj)
            same_copy_group = gi is not None and gi == gj
            rewritten = (
                bool(rewrite_set)
                and gi is not None
                and gj is not None
                and frozenset({gi, gj}) in rewrite_set
                and bool(own[i] & own[j])
            )
            if same_copy_group or rewritten or _is_copy(features[i], features[j]):
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
