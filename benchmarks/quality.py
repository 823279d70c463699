"""Quality benchmark: the whole analysis scored against hand annotations, one line per story and pooled.

Runs ``crossfact.pipeline.run`` (read, per-article NLP, cross-source analysis) on the bundled example and on
every annotated cluster in ``../shared/gold/dev`` (read in place, never copied), scores each report with
``crossfact.evaluate.score`` (the same scorer as ``crossfact eval``) and prints what was found of what the
annotation marks required, of all it lists, and the conflict precision. The example is scored against
``../shared/gold/istanbul-talks.json`` when present, else against the project's own
``tests/data/example-gold.json``.

The dev clusters are a development set: these figures say where the analysis stands while it is being
built; they are not held-out results.

    .venv/bin/python benchmarks/quality.py
    .venv/bin/python benchmarks/quality.py --json /tmp/quality.json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE_DIR = ROOT / "examples" / "istanbul-talks"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SECTIONS = ("entities", "conflicts", "claims", "timeline")


def stories() -> Iterator[tuple[str, Path, Path]]:
    """(name, folder of articles, annotation) for the example and every dev cluster that is present."""
    shared_gold = SHARED / "gold" / "istanbul-talks.json"
    own_gold = ROOT / "tests" / "data" / "example-gold.json"
    yield "example", EXAMPLE_DIR, shared_gold if shared_gold.exists() else own_gold
    dev = SHARED / "gold" / "dev"
    if dev.is_dir():
        for gold in sorted(dev.glob("*.json")):
            folder = dev / gold.stem
            if folder.is_dir():
                yield gold.stem, folder, gold


def _cell(part: dict[str, Any]) -> str:
    return f"{part['found']}/{part['total']}" if part["total"] else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write every score to this file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from crossfact.analysis.embed import Embedder
    from crossfact.config import Config
    from crossfact.evaluate import score
    from crossfact.nlp import Models
    from crossfact.pipeline import run

    config = Config()
    started = time.perf_counter()
    models, embedder = Models(config), Embedder()
    print(f"models loaded in {time.perf_counter() - started:.1f} s")

    header = f"{'story':38} " + " ".join(f"{s + ' req/all':>22}" for s in SECTIONS)
    print(header + f" {'conflict precision':>19} {'summary':>8} {'s':>6}")
    pooled: dict[str, dict[str, list[int]]] = {s: {"required": [0, 0], "all": [0, 0]} for s in SECTIONS}
    true_conflicts = report_conflicts = 0
    results: dict[str, Any] = {}
    for name, folder, gold_path in stories():
        started = time.perf_counter()
        report = run([str(folder)], config, models=models, embedder=embedder).to_dict()
        seconds = time.perf_counter() - started
        scores = score(report, json.loads(gold_path.read_text(encoding="utf-8")))
        results[name] = scores
        cells = []
        for section in SECTIONS:
            part = scores[section]
            for level in ("required", "all"):
                pooled[section][level][0] += part[level]["found"]
                pooled[section][level][1] += part[level]["total"]
            cells.append(f"{_cell(part['required']) + ' / ' + _cell(part['all']):>22}")
        conflicts = scores["conflicts"]
        n_report = conflicts["report_conflicts"]
        n_true = round((conflicts["precision"] or 0.0) * n_report)
        true_conflicts += n_true
        report_conflicts += n_report
        supported = scores["summary"].get("supported")
        summary = "-" if supported is None else f"{supported:.2f}"
        print(f"{name:38} " + " ".join(cells) + f" {f'{n_true}/{n_report}':>19} {summary:>8} {seconds:6.1f}")
    cells = [
        f"{p['required'][0]}/{p['required'][1]} / {p['all'][0]}/{p['all'][1]}".rjust(22)
        for p in pooled.values()
    ]
    precision = f"{true_conflicts}/{report_conflicts}"
    print(f"{'pooled':38} " + " ".join(cells) + f" {precision:>19}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
