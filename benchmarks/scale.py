"""Time and peak memory to cluster 10k, 30k and 100k articles built from the real corpora.

The pool is ECB+ (982), GVC validation (78) and the FNC-1 test bodies (first line as title); each synthetic
article is a pool article with light edits (one sentence dropped, a few words swapped within the text), a
publication date spread over one year, and its own id, so copies are near-duplicates, not exact ones.
Each size runs in a fresh process so its peak RSS is its own.

    .venv/bin/python benchmarks/scale.py            # 10000 30000 100000
    .venv/bin/python benchmarks/scale.py 10000      # one size
    .venv/bin/python benchmarks/scale.py --reference /tmp/old/src 10000 30000
        # each size also with another crossfact source tree (e.g. ``git archive HEAD src``), in turn,
        # so both face the same machine load; prints the time ratio

Exits 0 with a message when ../shared/data is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402

from crossfact.model import Article  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])\s+")


def pool() -> list[Article]:
    """The base articles: ECB+, GVC validation and FNC-1 test bodies."""
    base = corpora.load_ecbplus().articles + corpora.load_gvc().articles
    path = corpora.DATA_DIR / "fnc1" / "competition_test_bodies.csv.gz"
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(io.StringIO(fh.read())):
                body = row["articleBody"].strip()
                title, _, text = body.partition("\n")
                if text.strip():
                    base.append(
                        Article(id=f"fnc-{row['Body ID']}", text=text.strip(), source="fnc1", title=title)
                    )
    return base


def synthetic(n: int, seed: int = 7) -> list[Article]:
    """``n`` lightly edited, re-dated copies of pool articles (deterministic for a seed)."""
    rng = random.Random(seed)
    base = pool()
    start = dt.date(2030, 1, 1)
    out = []
    for i in range(n):
        a = base[i % len(base)]
        sentences = _SENT.split(a.text)
        if len(sentences) > 3:
            del sentences[rng.randrange(len(sentences))]
        words = " ".join(sentences).split(" ")
        for _ in range(max(1, len(words) // 40)):
            j, k = rng.randrange(len(words)), rng.randrange(len(words))
            words[j], words[k] = words[k], words[j]
        day = start + dt.timedelta(days=rng.randrange(365))
        out.append(
            Article(
                id=f"s{i:07d}",
                text=" ".join(words),
                source=a.source,
                title=a.title,
                published=day.isoformat(),
            )
        )
    return out


def measure(n: int) -> dict[str, float]:
    """Cluster ``n`` synthetic articles in this process; time (s) and peak RSS (MB)."""
    from crossfact.cluster import cluster_articles

    articles = synthetic(n)
    t, cpu = time.perf_counter(), time.process_time()
    stories = cluster_articles(articles)
    seconds, cpu_seconds = time.perf_counter() - t, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss_mb": peak_mb,
        "stories": len(stories),
    }


def _one(n: int, source: str | None) -> dict[str, float]:
    """Measure one size in a fresh process; ``source``: another crossfact ``src`` directory to import."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = source + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    """Run each size in a fresh subprocess and print the table with growth ratios."""
    if not corpora.available():
        print(f"research data not found at {corpora.DATA_DIR}; nothing to measure")
        return 0
    if argv and argv[0] == "--one":
        print(json.dumps(measure(int(argv[1]))))
        return 0
    reference = None
    if argv and argv[0] == "--reference":
        reference, argv = argv[1], argv[2:]
    sizes = [int(a) for a in argv] or [10_000, 30_000, 100_000]
    rows = []
    for n in sizes:
        if reference is not None:
            ref = _one(n, reference)
            print(
                f"{n:>8} articles  reference {ref['seconds']:7.1f} s (CPU {ref['cpu_seconds']:.1f} s)  "
                f"peak RSS {ref['peak_rss_mb']:7.0f} MB  {ref['stories']} stories",
                flush=True,
            )
        rows.append(_one(n, None))
        r = rows[-1]
        if reference is not None:
            ratio = ref["cpu_seconds"] / r["cpu_seconds"]
            print(f"{'':>8}           CPU time ratio reference/this: {ratio:.2f}", flush=True)
        growth = ""
        if len(rows) > 1:
            prev = rows[-2]
            growth = f"  time x{r['seconds'] / prev['seconds']:.2f} for articles x{r['n'] / prev['n']:.2f}"
        print(
            f"{r['n']:>8} articles  {r['seconds']:7.1f} s (CPU {r['cpu_seconds']:.1f} s)  "
            f"peak RSS {r['peak_rss_mb']:7.0f} MB  "
            f"{r['stories']} stories{growth}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
