"""Web benchmark: latency of the story page of a 50-article story, next to baselines in the same run.

Rows, each N requests over one keep-alive connection to a real uvicorn server on 127.0.0.1:
  static       /static/web.css, a file from disk (the server's floor)
  json         /story/<id>.json, the story's report as JSON (the cached analysis, serialised)
  story        /story/<id>, the story page: summary, disagreements, coverage matrix, quotes, timeline,
               entities and all 50 articles with every sentence an element
  article      /article/<id>?s=3, one article with a highlighted sentence (read from SQLite each time)

The story's analysis is computed once before timing (the app caches it per set of article contents, and
the rendered page and JSON with it), so the rows measure what a reader waits for on every later visit; the
cold analysis and the first (uncached) render are printed too. Goal: story p95 under 100 ms.

Corpus: the bundled example corpus repeated with small edits (every copy gets its own content hash).

    .venv/bin/python benchmarks/web.py --n 50 --requests 200
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = ROOT / "examples" / "istanbul-talks"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def build_corpus(n: int, folder: Path) -> None:
    """``n`` text files: the example articles in turn, each copy with one extra closing sentence."""
    sources = sorted(EXAMPLE_DIR.glob("*.txt"))
    for k in range(n):
        src = sources[k % len(sources)]
        text = src.read_text(encoding="utf-8").rstrip("\n")
        text += f"\n\nThis copy of the report is number {k + 1} of the benchmark set.\n"
        (folder / f"{k:03d}_{src.stem.split('_', 1)[-1]}.txt").write_text(text, encoding="utf-8")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def time_requests(client, url: str, n: int) -> tuple[list[float], int]:  # type: ignore[no-untyped-def]
    """Milliseconds per GET of ``url`` (after 3 untimed warm-up requests), and the response size."""
    size = 0
    for _ in range(3):
        r = client.get(url)
        r.raise_for_status()
        size = len(r.content)
    out = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url)
        r.raise_for_status()
        _ = r.content
        out.append((time.perf_counter() - t) * 1000)
    return out, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=50, help="articles in the story (default 50)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per row (default 200)")
    args = parser.parse_args(argv)

    import httpx
    import uvicorn

    from crossfact.config import Config
    from crossfact.pipeline import ingest
    from crossfact.store import Store
    from crossfact.web import create_app

    with tempfile.TemporaryDirectory(prefix="crossfact-bench-web-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        build_corpus(args.n, folder)
        db = Path(tmp) / "store.db"
        t = time.perf_counter()
        with Store(db) as store:
            result = ingest([str(folder)], Config(), store)
        print(f"ingest: {result.summary()} in {time.perf_counter() - t:.1f} s", file=sys.stderr)

        app = create_app(str(db))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=1200) as client:
                story = client.get("/stories.json").json()["stories"][0]
                t = time.perf_counter()
                client.get(f"/story/{story['id']}.json").raise_for_status()
                analysis_s = time.perf_counter() - t
                t = time.perf_counter()
                client.get(f"/story/{story['id']}").raise_for_status()
                render_ms = (time.perf_counter() - t) * 1000
                article = story["articles"][0]
                rows = [
                    ("static", "/static/web.css"),
                    ("json", f"/story/{story['id']}.json"),
                    ("story", f"/story/{story['id']}"),
                    ("article", f"/article/{article}?s=3"),
                ]
                print(f"story of {len(story['articles'])} articles; first analysis (cold) {analysis_s:.1f} s")
                print(f"first story page (rendered once, then cached): {render_ms:.0f} ms")
                header = f"{'row':<8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KiB':>8}"
                print(f"{header}  ({args.requests} requests each)")
                for name, url in rows:
                    times, size = time_requests(client, url, args.requests)
                    print(
                        f"{name:<8} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} "
                        f"{max(times):8.1f} {size / 1024:8.0f}"
                    )
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
