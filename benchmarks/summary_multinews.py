"""Extractive multi-document summaries on Multi-News (validation sample): ROUGE-1/2/L F1.

Systems, all on the same sentences (crossfact's ingest and per-article NLP split them):

- ``crossfact``: ``Story.summary`` from :func:`crossfact.analysis.analyze` (the real pipeline:
  :func:`crossfact.ingest.read_bytes` -> :func:`crossfact.nlp.process` -> ``analyze``);
- ``LexRank``: continuous LexRank (Erkan & Radev 2004) run here: TF-IDF cosine graph over the cluster's
  sentences (no self-loops), PageRank by power iteration (damping 0.85), the best-scored sentences
  taken with a redundancy filter (cosine < 0.5 to those taken), as many sentences as crossfact's summary has;
- ``Lead (same budget)``: first sentences of the articles taken in turn, as many as crossfact's summary;
- ``First-3``: the first three sentences of every article (Fabbri et al. 2019's "First-3").

ROUGE is computed here (the ``rouge-score`` package would pull nltk and absl into the project):
lower-cased, tokens are runs of [a-z0-9] (rouge-score's tokeniser), no stemming, no stop-word removal,
no length limit; ROUGE-N = clipped n-gram overlap F1; ROUGE-L = LCS F1 over the whole text (rouge-score's
``rougeL``, not the sentence-split ``rougeLsum``). Scores are averaged over clusters (macro), in percent.
Without stemming, figures run a little below stemmed ones in the literature.

    .venv/bin/python benchmarks/summary_multinews.py [--n 100]

Exits 0 with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _data  # noqa: E402

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[a-z0-9]+")
MIN_WORDS = 6  # a baseline sentence shorter than this is a heading, a credit or a fragment


# --------------------------------------------------------------------------------------------------
# ROUGE
# --------------------------------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Lower-cased runs of letters and digits (rouge-score's default tokeniser, without stemming)."""
    return _TOKEN.findall(text.lower())


def _f1(overlap: int, n_candidate: int, n_reference: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / n_candidate, overlap / n_reference
    return 2 * p * r / (p + r)


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> float:
    """ROUGE-N F1 of two token lists: n-gram overlap with clipped counts."""
    cand = Counter(tuple(candidate[i : i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i : i + n]) for i in range(len(reference) - n + 1))
    overlap = sum((cand & ref).values())
    return _f1(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token lists (two-row dynamic programming)."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> float:
    """ROUGE-L F1: longest common subsequence over the whole texts."""
    return _f1(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-L F1 (0..1) of a candidate summary against a reference."""
    c, r = tokenize(candidate), tokenize(reference)
    return {"R1": rouge_n(c, r, 1), "R2": rouge_n(c, r, 2), "RL": rouge_l(c, r)}


# --------------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------------


def lexrank(sentences: Sequence[str], k: int, damping: float = 0.85, redundancy: float = 0.5) -> list[int]:
    """Indexes of the ``k`` sentences continuous LexRank ranks highest, best first.

    TF-IDF (fitted on these sentences) cosine similarities weight the graph (no self-loops); scores
    come from power iteration of the damped, row-normalised matrix; a sentence whose cosine to one
    already taken is ``redundancy`` or more is passed over.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    if k <= 0 or not sentences:
        return []
    try:
        x = TfidfVectorizer(stop_words="english").fit_transform(sentences)
    except ValueError:  # only stop words
        return list(range(min(k, len(sentences))))
    sim = (x @ x.T).toarray()
    n = len(sentences)
    # no self-loops: with them an isolated sentence keeps its own weight and ranks with central ones
    links = sim.copy()
    np.fill_diagonal(links, 0.0)
    sums = links.sum(axis=1, keepdims=True)
    transition = np.divide(links, sums, out=np.full_like(links, 1.0 / n), where=sums > 0)
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(updated - scores).sum() < 1e-8:
            scores = updated
            break
        scores = updated
    chosen: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if all(sim[i, j] < redundancy for j in chosen):
            chosen.append(int(i))
        if len(chosen) == k:
            break
    return chosen


def lead(articles: Sequence[Sequence[str]], k: int) -> list[str]:
    """``k`` sentences: the first of each article in turn, then the second of each, and so on."""
    out: list[str] = []
    depth = 0
    while len(out) < k and any(depth < len(a) for a in articles):
        out.extend(a[depth] for a in articles if depth < len(a) and len(out) < k)
        depth += 1
    return out


def first_k(articles: Sequence[Sequence[str]], k: int = 3) -> list[str]:
    """The first ``k`` sentences of every article."""
    return [s for a in articles for s in a[:k]]


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def _cluster_docs(cluster: _data.NewsCluster, config, models):
    from crossfact.ingest import read_bytes
    from crossfact.model import Article
    from crossfact.nlp import process

    articles = []
    for j, raw in enumerate(cluster.documents):
        stem = f"multinews-{cluster.index}-{j}"
        read = read_bytes(raw.encode("utf-8"), f"{stem}.txt", stem)
        articles.extend(a for a in read if isinstance(a, Article))
    return list(process(articles, config, models))


def _table(rows: dict[str, list[dict[str, float]]], words: dict[str, list[int]]) -> str:
    lines = [f"{'system':<22}{'R1':>7}{'R2':>7}{'RL':>7}{'words':>8}"]
    for name, scores in rows.items():
        mean = {k: 100 * sum(s[k] for s in scores) / max(1, len(scores)) for k in ("R1", "R2", "RL")}
        avg_words = sum(words[name]) / max(1, len(words[name]))
        lines.append(f"{name:<22}{mean['R1']:>7.2f}{mean['R2']:>7.2f}{mean['RL']:>7.2f}{avg_words:>8.0f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table; 0 also when the data are absent (with a message)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        default=100,
        help="clusters to use, from the first (default 100: ~5-20 s a cluster on 2 cores)",
    )
    parser.add_argument("--data", type=Path, default=_data.DATA_DIR)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.basicConfig(level=logging.ERROR)
    try:
        clusters = _data.load_multinews(args.data, args.n)
    except _data.DataMissing as exc:
        print(f"skipped: {exc}")
        return 0

    from crossfact.analysis import analyze
    from crossfact.analysis.embed import Embedder
    from crossfact.config import Config
    from crossfact.nlp import Models

    config = Config()
    models, embedder = Models(config), Embedder(config.embed_batch_size)
    systems = ("crossfact", "LexRank", "Lead (same budget)", "First-3")
    scores: dict[str, list[dict[str, float]]] = {s: [] for s in systems}
    words: dict[str, list[int]] = {s: [] for s in systems}
    started = time.perf_counter()
    skipped = 0
    for cluster in clusters:
        docs = _cluster_docs(cluster, config, models)
        if not docs:
            skipped += 1
            continue
        ours = [s.text for s in analyze(docs, config, embedder).summary]
        k = max(1, len(ours))
        per_article = [[s.text for s in d.sentences if len(tokenize(s.text)) >= MIN_WORDS] for d in docs]
        pool = [s for a in per_article for s in a]
        picks = {
            "crossfact": ours,
            "LexRank": [pool[i] for i in lexrank(pool, k)],
            "Lead (same budget)": lead(per_article, k),
            "First-3": first_k(per_article, 3),
        }
        for name, sentences in picks.items():
            text = " ".join(sentences)
            scores[name].append(rouge(text, cluster.summary))
            words[name].append(len(tokenize(text)))
    elapsed = time.perf_counter() - started
    print(
        f"Multi-News validation sample: {len(clusters) - skipped} clusters"
        f"{f' ({skipped} without a readable article)' if skipped else ''}; "
        f"ROUGE F1 (%), no stemming; reference summaries average "
        f"{sum(len(tokenize(c.summary)) for c in clusters) / max(1, len(clusters)):.0f} words"
    )
    print(_table(scores, words))
    print(
        "\nPublished (full test set, ../shared/data/README.md): Hi-MAP R1 43.47 (Fabbri et al. 2019), "
        "PRIMERA R1 49.9"
    )
    print(f"({elapsed:.0f} s, {elapsed / max(1, len(clusters)):.1f} s per cluster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
