"""Story clustering quality on ECB+ (982 documents, gold = sub-topic), GVC validation (gold = incident) and,
as a held-out check never tuned on, the Multi-News sample (real web news, gold = cluster).

Prints B-cubed precision/recall/F1, V-measure and ARI for crossfact's clusterer (one default setting for
both corpora) and for a baseline run here: TF-IDF (title + text, sublinear, English stop words) with
average-link agglomerative clustering on cosine distance, its distance threshold tuned on ECB+ and reused
on GVC.

    .venv/bin/python benchmarks/clustering.py

Exits 0 with a message when ../shared/data is absent.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402


def bcubed(gold: Sequence[str], pred: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    by_gold: dict[str, set[int]] = defaultdict(set)
    by_pred: dict[object, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, pred, strict=True):
        shared = len(by_gold[g] & by_pred[p])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def scores(gold: Sequence[str], pred: Sequence[object]) -> dict[str, float]:
    """B-cubed P/R/F1, V-measure, ARI and the number of clusters."""
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    labels = [str(p) for p in pred]
    p, r, f = bcubed(gold, labels)
    return {
        "P": p,
        "R": r,
        "F1": f,
        "V": v_measure_score(gold, labels),
        "ARI": adjusted_rand_score(gold, labels),
        "k": float(len(set(labels))),
    }


def baseline(articles: Sequence, threshold: float) -> list[int]:
    """TF-IDF + average-link agglomerative clustering, cosine distance ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{a.title or ''}\n{a.text}" for a in articles]
    )
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    return model.fit_predict(x.toarray()).tolist()


def ours(articles: Sequence) -> list[str]:
    """crossfact's clusterer with its default (single) setting; label = story id."""
    from crossfact.cluster import cluster_articles

    story_of = {aid: g.id for g in cluster_articles(articles) for aid in g.articles}
    return [story_of[a.id] for a in articles]


def _line(name: str, s: dict[str, float], seconds: float) -> str:
    return (
        f"  {name:<34} B3 P {s['P']:.3f}  R {s['R']:.3f}  F1 {s['F1']:.3f}   V {s['V']:.3f}   "
        f"ARI {s['ARI']:.3f}   clusters {int(s['k'])}   {seconds:.1f}s"
    )


def main() -> int:
    """Run both systems on both corpora and print the table."""
    if not corpora.available():
        print(f"research data not found at {corpora.DATA_DIR}; nothing to measure")
        return 0
    ecb, gvc, multinews = corpora.load_ecbplus(), corpora.load_gvc(), corpora.load_multinews_stories()
    grid = [round(0.70 + 0.01 * i, 2) for i in range(21)]
    tuned = max(grid, key=lambda t: scores(ecb.labels, baseline(ecb.articles, t))["F1"])
    print(
        "baseline: TF-IDF + average link, cosine distance threshold tuned on ECB+ "
        f"over {grid[0]}..{grid[-1]}: {tuned}"
    )
    for corpus in (ecb, gvc, multinews):
        n_gold = len(set(corpus.labels))
        print(f"{corpus.name}: {len(corpus.articles)} articles, {n_gold} gold stories")
        t = time.perf_counter()
        pred = baseline(corpus.articles, tuned)
        print(_line(f"baseline (threshold {tuned})", scores(corpus.labels, pred), time.perf_counter() - t))
        t = time.perf_counter()
        pred = ours(corpus.articles)
        print(_line("crossfact (default setting)", scores(corpus.labels, pred), time.perf_counter() - t))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
