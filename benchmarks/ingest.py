"""Ingest benchmark: articles per second and peak memory of crossfact's per-article work, next to the
bare spaCy pipeline (``nlp.pipe``) over the same texts.

Rows (each measured in a fresh subprocess, so one row's memory does not count in another's):
  spacy      ``nlp.pipe`` over the article texts, nothing else (the floor)
  process    ``read_inputs`` (files -> Article) + ``nlp.process`` (all per-article stages)
  ingest     the same + ``Store.put`` into a new SQLite file (what ``crossfact ingest`` does)

Speed excludes model loading (reported separately). Peak memory is the process's peak resident set size,
``resource.getrusage(RUSAGE_SELF).ru_maxrss``, models included. The goal: process / spacy <= 1.5.

Corpus: Multi-News articles from ../shared/data/multinews_sample250 when present (research use only; read
in place, never copied into the repository), otherwise the bundled example corpus repeated with small edits
so that every copy has its own content hash. Use ``--corpus example`` to force the latter.

    .venv/bin/python benchmarks/ingest.py --n 500
    .venv/bin/python benchmarks/ingest.py --n 200 --profile   # where the time goes in our stages
"""

from __future__ import annotations

import argparse
import ast
import csv
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = ROOT / "examples" / "istanbul-talks"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews_sample250" / "sample_validation.csv.gz"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def multinews_texts() -> list[str]:
    """The Multi-News source articles (paragraph breaks restored), longer than 300 characters."""
    csv.field_size_limit(10**9)
    texts = []
    with gzip.open(MULTINEWS, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for doc in ast.literal_eval(row["documents"]):
                text = "\n\n".join(p.strip() for p in doc.split("\n \n") if p.strip())
                if len(text) >= 300:
                    texts.append(text)
    return texts


def example_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE_DIR.glob("*.txt"))]


def build_corpus(n: int, corpus: str, folder: Path) -> str:
    """Write ``n`` article files into ``folder``; returns the corpus's name."""
    if corpus == "auto":
        corpus = "multinews" if MULTINEWS.exists() else "example"
    base = multinews_texts() if corpus == "multinews" else example_texts()
    for i in range(n):
        text = base[i % len(base)]
        copy = i // len(base)
        if copy:
            # a small edit so each copy is a different article (own content hash, no "unchanged")
            text = text.rstrip() + f"\n\nThis report was updated {copy} times."
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    return corpus


# ---------------------------------------------------------------------------------------------------
# one row, run in a child process
# ---------------------------------------------------------------------------------------------------


def _peak_mib() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(stage: str, folder: Path, profile: bool) -> dict[str, float]:
    """Run one row's work over the files in ``folder``; load time, run time and peak memory."""
    from crossfact.config import Config

    config = Config()
    t0 = time.perf_counter()
    if stage == "spacy":
        import spacy

        from crossfact.ingest import read_inputs
        from crossfact.model import Article

        nlp = spacy.load(config.spacy_model)
        # the same texts crossfact's NLP sees (read and cleaned before the clock starts)
        texts = [a.text for a in read_inputs([str(folder)], config) if isinstance(a, Article)]
        loaded = time.perf_counter()
        cpu0 = time.process_time()
        count = sum(1 for _ in nlp.pipe(texts, batch_size=config.nlp_batch_size))
    else:
        from crossfact.nlp import Models
        from crossfact.pipeline import ingest, process_inputs
        from crossfact.store import Store

        models = Models()
        loaded = time.perf_counter()
        cpu0 = time.process_time()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        if stage == "process":
            skipped: list = []
            count = sum(1 for _ in process_inputs([str(folder)], config, skipped, models))
        else:
            with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
                count = ingest([str(folder)], config, store, models).total
        if profiler is not None:
            import pstats

            profiler.disable()
            stats = pstats.Stats(profiler, stream=sys.stderr)
            stats.sort_stats("cumulative").print_stats(35)
    done = time.perf_counter()
    cpu = time.process_time() - cpu0
    return {
        "articles": count,
        "load_s": loaded - t0,
        "run_s": done - loaded,
        "cpu_s": cpu,
        "peak_mib": _peak_mib(),
    }


def run_child(stage: str, folder: Path, profile: bool) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", stage, "--folder", str(folder)]
    if profile:
        cmd.append("--profile")
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=500, help="number of articles (default 500)")
    parser.add_argument("--corpus", choices=("auto", "multinews", "example"), default="auto")
    parser.add_argument("--profile", action="store_true", help="cProfile our 'process' row (stderr)")
    parser.add_argument("--child", choices=("spacy", "process", "ingest"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.folder, args.profile)))
        return 0
    if args.corpus == "multinews" and not MULTINEWS.exists():
        parser.error(f"{MULTINEWS} is not there; use --corpus example")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = build_corpus(args.n, args.corpus, folder)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
        print(f"corpus: {corpus}, {args.n} articles, {chars / args.n:,.0f} characters per article on average")
        rows = {}
        for stage in ("spacy", "process", "ingest"):
            rows[stage] = run_child(stage, folder, args.profile and stage == "process")

    header = f"{'row':<10}{'articles':>9}{'load s':>8}{'wall s':>8}{'CPU s':>8}{'art/s':>8}{'art/CPU s':>10}"
    print(header + f"{'peak RSS MiB':>14}")
    for stage, r in rows.items():
        n = r["articles"]
        print(
            f"{stage:<10}{n:>9.0f}{r['load_s']:>8.1f}{r['run_s']:>8.1f}{r['cpu_s']:>8.1f}"
            f"{n / r['run_s']:>8.1f}{n / r['cpu_s']:>10.1f}{r['peak_mib']:>14.0f}"
        )
    for key, what in (("run_s", "wall"), ("cpu_s", "CPU")):
        ratio = rows["process"][key] / rows["spacy"][key]
        ratio_ingest = rows["ingest"][key] / rows["spacy"][key]
        verdict = "meets" if ratio <= 1.5 else "misses"
        print(
            f"{what} time, process / spacy: {ratio:.2f}x ({verdict} the 1.5x goal);"
            f" ingest / spacy: {ratio_ingest:.2f}x"
        )
    print(
        "peak memory: resource.getrusage(RUSAGE_SELF).ru_maxrss of each row's own process, models included;"
    )
    print("CPU time (time.process_time) is the fairer comparison on a shared machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
