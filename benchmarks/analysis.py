"""Analysis benchmark: wall time of ``crossfact.analysis.analyze`` per stage, and how it grows with the story.

Two kinds of story are timed in one run, each at several sizes:

- ``example``: the bundled example (five reports) repeated with small edits, so that every copy has its own
  content hash and the copies are not identical: from the second round on, each copy loses one body line,
  has two body lines swapped, has one number in a body line changed, and gets one closing line of its own
  (a long-running story full of syndicated copies);
- ``multinews``: the first articles of the Multi-News sample in ``../shared/data`` (read in place, never
  copied), many events in one "story", so the entities, values and vocabulary grow with the number of
  articles (the large, varied story; skipped with a message when the data are absent).

The per-article NLP runs once per story (not timed; its result is cached in the folder given by
``--cache``). The baseline, measured in the same run on the same story, is the bare embedding pass
(``embedder.encode`` of every sentence, and of each distinct sentence once): the least any embedding-based
analysis must spend, and linear in the story. ``ratio`` is the analysis time over it; ``growth`` is the
exponent k of time ~ articles^k between one size and the next of the same corpus (1 = linear, 2 =
quadratic), for the analysis and for the baseline. Wall times on a shared machine are noisy: the CPU time
of the process is printed too.

    .venv/bin/python benchmarks/analysis.py                      # example 5 20 50, multinews 50 200
    .venv/bin/python benchmarks/analysis.py --sizes 50 --multinews-sizes 200 --profile /tmp/analysis.prof
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = ROOT / "examples" / "istanbul-talks"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

STAGES = ("dates", "entities", "claims", "conflicts", "quotes", "timeline", "summary", "title")
_NUMBER = re.compile(r"\b\d+\b")


def edit_copy(text: str, k: int) -> str:
    """Copy ``k`` of an example text: unchanged in the first round, lightly edited after (seeded by ``k``)."""
    if k < 5:
        return text
    rng = random.Random(k)
    head, sep, body = text.partition("\n\n\n")
    if not sep:
        head, body, sep = "", text, ""
    lines = [line for line in body.split("\n") if line.strip()]
    if len(lines) > 4:
        del lines[rng.randrange(1, len(lines))]
        i = rng.randrange(1, len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        numbered = [j for j, line in enumerate(lines) if _NUMBER.search(line)]
        if numbered:
            j = rng.choice(numbered)
            lines[j] = _NUMBER.sub(lambda m: str(int(m.group()) + k // 5), lines[j], count=1)
    lines.append(f"This copy of the report is number {k + 1} of the benchmark set.")
    return head + sep + "\n".join(lines) + "\n"


def build_corpus(n: int, folder: Path) -> None:
    """``n`` text files: the example articles in turn, from the sixth on edited by :func:`edit_copy`."""
    sources = sorted(EXAMPLE_DIR.glob("*.txt"))
    for k in range(n):
        src = sources[k % len(sources)]
        text = edit_copy(src.read_text(encoding="utf-8"), k)
        (folder / f"{k:03d}_{src.stem.split('_', 1)[-1]}.txt").write_text(text, encoding="utf-8")


def build_multinews(n: int, folder: Path) -> None:
    """``n`` text files: the first ``n`` source articles of the Multi-News sample, cluster after cluster."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _data import load_multinews  # raises DataMissing when ../shared/data is absent

    k = 0
    for cluster in load_multinews():
        for document in cluster.documents:
            if k == n:
                return
            text = document.replace(" ||||| ", "\n\n").strip()
            (folder / f"{k:04d}_multinews.txt").write_text(text + "\n", encoding="utf-8")
            k += 1


def load_docs(n: int, cache: Path, models_box: list, corpus: str = "example") -> list:  # type: ignore[type-arg]
    """The processed articles of the ``n``-article story, from the cache or by running the per-article NLP."""
    from crossfact.config import Config
    from crossfact.ingest import read_inputs
    from crossfact.model import Article, ArticleDoc
    from crossfact.nlp import Models, process

    path = cache / (f"docs-{n}.json" if corpus == "example" else f"docs-{corpus}-{n}.json")
    if path.exists():
        return [ArticleDoc.from_dict(d) for d in json.loads(path.read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory(prefix="crossfact-bench-analysis-") as tmp:
        (build_corpus if corpus == "example" else build_multinews)(n, Path(tmp))
        articles = [a for a in read_inputs([tmp], Config()) if isinstance(a, Article)]
    articles.sort(key=lambda a: a.id)
    if not models_box:
        models_box.append(Models())
    t = time.perf_counter()
    docs = list(process(articles, Config(), models=models_box[0]))
    print(f"per-article NLP of {n} articles: {time.perf_counter() - t:.1f} s (not counted)", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([d.to_dict() for d in docs]), encoding="utf-8")
    return docs


def _time_story(docs: list, embedder, profile: Path | None) -> dict:  # type: ignore[type-arg]
    """Time the embedding baseline and the analysis of one story; a cProfile to ``profile`` when given."""
    from crossfact.analysis import analyze
    from crossfact.config import Config

    texts = [s.text for d in docs for s in d.sentences]
    t = time.perf_counter()
    embedder.encode(texts)
    embed_s = time.perf_counter() - t
    unique = list(dict.fromkeys(texts))
    t = time.perf_counter()
    embedder.encode(unique)
    unique_s = time.perf_counter() - t
    timings: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    t, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    story = analyze(docs, Config(), embedder, timings=timings)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    total, cpu = time.perf_counter() - t, time.process_time() - cpu
    return {
        "articles": len(docs),
        "sentences": len(texts),
        "unique_sentences": len(unique),
        "embed_s": embed_s,
        "embed_unique_s": unique_s,
        "total_s": total,
        "cpu_s": cpu,
        "stages": timings,
        "claims": len(story.claims),
        "conflicts": len(story.conflicts),
        "entities": len(story.entities),
    }


def _growth(rows: list[dict], key: str, i: int) -> str:  # type: ignore[type-arg]
    """The exponent k of ``key`` ~ articles^k from the previous row of the same corpus to row ``i``."""
    if i == 0 or rows[i]["corpus"] != rows[i - 1]["corpus"]:
        return "-"
    a, b = rows[i - 1], rows[i]
    if a[key] <= 0 or b[key] <= 0 or a["articles"] == b["articles"]:
        return "-"
    return f"{math.log(b[key] / a[key]) / math.log(b['articles'] / a['articles']):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[5, 20, 50], help="articles per story of the edited example"
    )
    parser.add_argument(
        "--multinews-sizes",
        type=int,
        nargs="*",
        default=[50, 200],
        help="articles per Multi-News story (none to skip)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "crossfact-bench-analysis",
        help="folder caching the per-article NLP output between runs",
    )
    parser.add_argument("--profile", type=Path, help="write a cProfile of the largest story's analysis here")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    from crossfact.analysis.embed import Embedder

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _data import DataMissing

    embedder = Embedder()
    embedder.encode(["warm up the model"])
    models_box: list = []  # type: ignore[type-arg]
    plan = [("example", n) for n in args.sizes] + [("multinews", n) for n in args.multinews_sizes]
    largest = max(plan, key=lambda p: p[1], default=None)
    rows = []
    for corpus, n in plan:
        try:
            docs = load_docs(n, args.cache, models_box, corpus)
        except DataMissing as exc:
            print(f"{corpus} {n}: skipped ({exc})", file=sys.stderr)
            continue
        profile = args.profile if (corpus, n) == largest else None
        rows.append({"corpus": corpus, **_time_story(docs, embedder, profile)})
    print(
        "embed: encode every sentence of the story (the baseline); uniq: encode each distinct sentence once; "
        "ratio: total / embed; growth: k in time ~ articles^k from the previous size (analysis, embed)"
    )
    header = f"{'corpus':>9} {'articles':>8} {'sents':>6} {'distinct':>8} {'embed s':>8} {'uniq s':>7} "
    print(
        header
        + " ".join(f"{s:>9}" for s in STAGES)
        + f" {'total s':>8} {'cpu s':>7} {'ratio':>6} {'growth':>11}"
    )
    for i, r in enumerate(rows):
        stages = " ".join(f"{r['stages'].get(s, 0.0):9.2f}" for s in STAGES)
        ratio = f"{r['total_s'] / max(r['embed_s'], 1e-9):.1f}"
        growth = f"{_growth(rows, 'total_s', i)} ({_growth(rows, 'embed_s', i)})"
        print(
            f"{r['corpus']:>9} {r['articles']:8d} {r['sentences']:6d} {r['unique_sentences']:8d} "
            f"{r['embed_s']:8.2f} {r['embed_unique_s']:7.2f} {stages} {r['total_s']:8.2f} {r['cpu_s']:7.1f} "
            f"{ratio:>6} {growth:>11}"
        )
    for r in rows:
        print(
            f"{r['corpus']} {r['articles']} articles: {r['entities']} entities, {r['claims']} claims, "
            f"{r['conflicts']} conflicts"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
