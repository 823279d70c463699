"""Reliability figures: bad inputs handled, faults survived, records lost, load held.

Runs the real ``crossfact`` command and web app (nothing is mocked but the disk size, which SQLite's
``max_page_count`` shrinks, and the story analysis under load, a stub so that the figure is the serving path):

  bad inputs  one batch of every hostile input of tests/hostile_inputs.py through ``crossfact ingest``
              (empty, binary, other encodings, 100 MB, HTML without article, deep nesting, broken feeds,
              billion laughs, unknown JSON, a bad JSONL line, a symlink loop, another language, a run-on text)
  faults      kill -9 in the middle of ingesting N articles, then a second run; two ``ingest`` processes on
              one database at once; a full disk; a read-only database. After each: PRAGMA integrity_check,
              no half-written article, nothing lost or doubled.
  load        C concurrent clients for S seconds against a real uvicorn on 127.0.0.1 over the database the
              kill -9 run built: requests, errors, p50 and p99 latency.

    .venv/bin/python benchmarks/reliability.py            # 1,000 articles; 50 clients for 60 s
    .venv/bin/python benchmarks/reliability.py --quick    # 200 articles; 10 clients for 5 s
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from hostile_inputs import (  # noqa: E402
    BAD_INPUTS,
    check_consistent,
    small_disk,
    stored_ids,
    write_bad_inputs,
    write_corpus,
)
from loadgen import LoadResult, hammer, serve_in_thread  # noqa: E402

T = TypeVar("T")


@dataclass
class Fault:
    """One injected fault: whether the tool survived it and how many stored articles were lost."""

    name: str
    survived: bool
    lost: int
    note: str


def _cli(db: Path, *paths: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "crossfact.cli", "--db", str(db), "ingest", *map(str, paths)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def _consistent(db: Path) -> dict[str, str] | None:
    try:
        return check_consistent(db)
    except AssertionError:
        return None


# --------------------------------------------------------------------------------------------------
# bad inputs
# --------------------------------------------------------------------------------------------------


def bad_inputs(work: Path) -> tuple[int, int, list[str]]:
    """(tried, handled, problems): each input skipped with its one-line reason or kept, exit status 1."""
    folder, db = work / "bad", work / "bad.db"
    write_bad_inputs(folder)
    proc = _cli(db, folder)
    _, err = proc.communicate(timeout=900)
    problems = []
    if proc.returncode != 1:
        problems.append(f"exit status {proc.returncode}, expected 1")
    if "Traceback" in err:
        problems.append("a traceback on stderr")
    sources = _sources(db)
    handled = 0
    for bad in BAD_INPUTS:
        path = str(folder / bad.name)
        lines = [ln for ln in err.splitlines() if ln.startswith(f"crossfact: skipped {path}")]
        kept = any(s == path or s.startswith((path + ":", path + "#", path + "/")) for s in sources)
        ok = kept if bad.kept else bool(lines) and bad.reason.lower() in lines[0].lower() and not kept
        handled += ok
        if not ok:
            problems.append(f"{bad.name}: {'not stored' if bad.kept else 'not skipped with its reason'}")
    return len(BAD_INPUTS), handled, problems


def _sources(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT source FROM articles")]
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------------
# faults
# --------------------------------------------------------------------------------------------------


def kill_mid_ingest(work: Path, n: int) -> Fault:
    """kill -9 once some but not all of ``n`` articles are stored, then run again."""
    corpus, db = work / "kill", work / "kill.db"
    expected = set(write_corpus(corpus, n, seed=1))
    proc = _cli(db, corpus)
    while len(stored_ids(db)) < max(10, n // 20) and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    before = _consistent(db)
    if before is None:
        return Fault("kill -9 mid-ingest", False, n, "database inconsistent after the kill")
    rerun = _cli(db, corpus)
    _, err = rerun.communicate(timeout=1800)
    after = _consistent(db) or {}
    lost = len(expected - set(after)) + sum(1 for k, h in before.items() if after.get(k) != h)
    ok = rerun.returncode == 0 and set(after) == expected and lost == 0
    return Fault(
        "kill -9 mid-ingest", ok, lost, f"killed at {len(before)}/{n} stored; rerun stored {len(after)}"
    )


def two_writers(work: Path, n: int = 80) -> Fault:
    """Two ``crossfact ingest`` processes on one database, their inputs overlapping by a quarter."""
    everything, db = work / "two", work / "two.db"
    ids = write_corpus(everything, n, seed=2)
    halves = [work / "two-a", work / "two-b"]
    for h in halves:
        h.mkdir()
    for i, stem in enumerate(ids):
        if i < n * 5 // 8:
            shutil.copy(everything / f"{stem}.txt", halves[0])
        if i >= n * 3 // 8:
            shutil.copy(everything / f"{stem}.txt", halves[1])
    procs = [_cli(db, h) for h in halves]
    codes = [(p.communicate(timeout=1800), p.returncode)[1] for p in procs]
    after = _consistent(db) or {}
    lost = len(set(ids) - set(after))
    ok = codes == [0, 0] and set(after) == set(ids)
    return Fault("two writers at once", ok, lost, f"exit {codes}; {len(after)}/{n} stored, no duplicates")


def full_disk(work: Path, n: int = 40) -> Fault:
    """The disk fills in the middle of a batch (SQLite's max_page_count); then a run with room again."""
    from crossfact.cli import main
    from crossfact.store import Store

    corpus, db = work / "full", work / "full.db"
    expected = set(write_corpus(corpus, n, seed=3))
    Store(db).close()
    connect = Store._connect
    Store._connect = small_disk(connect)  # type: ignore[method-assign]
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["--db", str(db), "ingest", str(corpus)])
    finally:
        Store._connect = connect  # type: ignore[method-assign]
    lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
    partial = _consistent(db)
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        code2 = main(["--db", str(db), "ingest", str(corpus)])
    after = _consistent(db) or {}
    lost = len(expected - set(after)) + sum(1 for k, h in (partial or {}).items() if after.get(k) != h)
    one_line = len(lines) == 1 and "disk is full" in lines[0]
    ok = code == 1 and one_line and partial is not None and code2 == 0 and lost == 0
    message = lines[0] if lines else "(no message)"
    return Fault("disk full", ok, lost, f"exit {code}: {message.replace(str(db), 'DB')[:90]}")


def read_only(work: Path) -> Fault:
    """A database file and folder that cannot be written (as root: chattr +i, which stops root too)."""
    from crossfact.config import Config
    from crossfact.ingest import read_inputs
    from crossfact.model import Article
    from crossfact.nlp import analyse_one
    from crossfact.store import Store

    data, inputs = work / "ro", work / "ro-in"
    write_corpus(inputs, 3, seed=5)
    data.mkdir()
    db = data / "ro.db"
    article = next(a for a in read_inputs([str(inputs)], Config()) if isinstance(a, Article))
    with Store(db) as store:
        store.put(analyse_one(article, None))
    before = db.read_bytes()
    db.chmod(0o444)
    data.chmod(0o555)
    chattr = shutil.which("chattr") if os.geteuid() == 0 else None
    if chattr:
        subprocess.run([chattr, "+i", str(db), str(data)], check=False, capture_output=True)
    try:
        proc = _cli(db, inputs)
        _, err = proc.communicate(timeout=900)
    finally:
        if chattr:
            subprocess.run([chattr, "-i", str(db), str(data)], check=False, capture_output=True)
        data.chmod(0o755)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    ok = (
        proc.returncode in (1, 2) and len(lines) == 1 and "Traceback" not in err and db.read_bytes() == before
    )
    message = (lines[0] if lines else "(no message)").replace(str(db), "DB")
    ok = ok and ("read-only" in message or "readonly" in message)
    return Fault("read-only database", ok, 0, f"exit {proc.returncode}: {message[:100]}")


# --------------------------------------------------------------------------------------------------
# load
# --------------------------------------------------------------------------------------------------


def load(db: Path, clients: int, seconds: float) -> LoadResult:
    """Hammer the web app over ``db`` (its articles art-00000...) on loopback."""
    from crossfact.model import ArticleDoc, Report, Story
    from crossfact.web import create_app

    def analyzer(docs: Sequence[ArticleDoc]) -> Report:
        ids = tuple(d.article.id for d in docs)
        return Report(docs=tuple(docs), stories=(Story(id="all", title="All", articles=ids),))

    paths = [
        ("/", 200),
        ("/stories.json", 200),
        ("/article/art-00001", 200),
        ("/article/art-00007.json", 200),
        ("/article/art-00003?s=1", 200),
        ("/search?q=council", 200),
        ("/search.json?q=%22million%20euros%22", 200),
        ("/search.json?q=NEAR(", 400),
        ("/article/..%2f..%2fetc%2fpasswd", 404),
        ("/static/web.css", 200),
    ]
    with serve_in_thread(create_app(str(db), analyzer=analyzer)) as port:
        return hammer(port, paths, clients=clients, seconds=seconds)


# --------------------------------------------------------------------------------------------------


def _timed(label: str, fn: Callable[[], T]) -> T:
    t0 = time.perf_counter()
    value = fn()
    print(f"  ({label}: {time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    return value


def main(argv: list[str] | None = None) -> int:
    """Run every check and print the figures; exit 1 when a fault was not survived or a record was lost."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 articles, 10 clients for 5 s")
    args = parser.parse_args(argv)
    n = 200 if args.quick else 1000
    clients, seconds = (10, 5.0) if args.quick else (50, 60.0)

    with tempfile.TemporaryDirectory(prefix="crossfact-reliability-") as tmp:
        work = Path(tmp)
        tried, handled, problems = _timed("bad inputs", lambda: bad_inputs(work))
        faults = [
            _timed("kill -9", lambda: kill_mid_ingest(work, n)),
            _timed("two writers", lambda: two_writers(work)),
            _timed("disk full", lambda: full_disk(work)),
            _timed("read-only", lambda: read_only(work)),
        ]
        result = _timed("load", lambda: load(work / "kill.db", clients, seconds))

    lost = sum(f.lost for f in faults)
    print(f"bad inputs:    {handled}/{tried} handled (skipped with a one-line reason, or kept)")
    for p in problems:
        print(f"               ! {p}")
    print(f"faults:        {sum(f.survived for f in faults)}/{len(faults)} survived")
    for f in faults:
        print(f"               {'ok  ' if f.survived else 'FAIL'} {f.name}: {f.note}")
    print(f"records lost:  {lost}")
    print(f"load:          {clients} clients x {seconds:.0f} s on 127.0.0.1: {result.summary()}")
    for example in result.examples:
        print(f"               ! {example}")
    bad = problems or lost or not all(f.survived for f in faults) or result.errors
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
