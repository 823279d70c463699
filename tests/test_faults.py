"""Faults during ingest: kill -9 mid-batch, two writers at once, a full disk, a read-only database.

Each runs the real ``crossfact ingest`` (a subprocess, or ``main()`` in-process with the session's
models) on a synthetic corpus and then checks the database itself: SQLite's integrity check, no half-written
article (every article row has its sentences and its analysis, and they agree), nothing lost or doubled.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import crossfact.config
import crossfact.errors
import crossfact.nlp
from crossfact.cli import main
from crossfact.ingest import read_inputs
from crossfact.model import Article
from crossfact.nlp import analyse_one
from crossfact.store import Store
from hostile_inputs import check_consistent, small_disk, stored_ids, write_corpus

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
# How long a CLI subprocess may take: a guard against a hang, not a speed check. The 1,000-article rerun
# takes about three minutes on a two-core machine busy with other work; a slow CI gets four times that.
PROCESS_TIMEOUT_S = 1200


def finish(proc: subprocess.Popen[str], timeout: float = PROCESS_TIMEOUT_S) -> tuple[str, str]:
    """``proc.communicate()``; a process still running after ``timeout`` is killed (never left behind)."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"{proc.args} still ran after {timeout} s; stderr: {err[-2000:]}")


def cli(db: Path, *paths: Path) -> subprocess.Popen[str]:
    """``python -m crossfact.cli --db DB ingest PATH...`` as a subprocess."""
    argv = [sys.executable, "-m", "crossfact.cli", "--db", str(db), "ingest", *map(str, paths)]
    return subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        cwd=ROOT,
    )


@pytest.fixture()
def share_models(models: crossfact.nlp.Models, monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process CLI runs use the session's loaded spaCy instead of loading their own."""
    monkeypatch.setattr(crossfact.nlp, "Models", lambda config=None: models)


# --------------------------------------------------------------------------------------------------
# kill -9
# --------------------------------------------------------------------------------------------------


@pytest.mark.models
def test_ingest_killed_mid_batch_then_rerun_completes(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "kill.db"
    expected = set(write_corpus(corpus, 1000, seed=1))
    proc = cli(db, corpus)
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT_S
        # wait for the condition (40 articles stored), polling; the deadline only guards against a hang
        while len(stored_ids(db)) < 40:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
            assert time.monotonic() < deadline, f"ingest stored under 40 articles in {PROCESS_TIMEOUT_S} s"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    before = check_consistent(db)
    assert 0 < len(before) < len(expected), "the kill came after the whole batch was stored"
    assert set(before) <= expected

    rerun = cli(db, corpus)
    out, err = finish(rerun)
    assert rerun.returncode == 0, err
    assert f"ingested {len(expected)} articles" in out
    after = check_consistent(db)
    assert set(after) == expected  # completed, and the primary key rules out duplicates
    # nothing stored before the kill was lost or changed
    assert {k: after[k] for k in before} == before


# --------------------------------------------------------------------------------------------------
# two writers
# --------------------------------------------------------------------------------------------------


@pytest.mark.models
def test_ingest_two_processes_same_database(tmp_path: Path) -> None:
    everything, db = tmp_path / "all", tmp_path / "two.db"
    ids = write_corpus(everything, 80, seed=2)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, stem in enumerate(ids):  # 0-49 and 30-79: the middle twenty go through both processes
        if i < 50:
            shutil.copy(everything / f"{stem}.txt", first)
        if i >= 30:
            shutil.copy(everything / f"{stem}.txt", second)
    procs = [cli(db, first), cli(db, second)]
    results = [finish(p) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert "Traceback" not in err
        assert "ingested 50 articles" in out
    assert set(check_consistent(db)) == set(ids)


# --------------------------------------------------------------------------------------------------
# full disk
# --------------------------------------------------------------------------------------------------


@pytest.mark.models
def test_ingest_full_disk_one_line_error_and_nothing_half_written(
    tmp_path: Path,
    share_models: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "full.db"
    expected = set(write_corpus(corpus, 40, seed=3))
    Store(db).close()  # the schema, so the page budget below is for articles only
    connect = Store._connect
    # SQLite's own "database or disk is full" once the file would pass a few pages more than now
    monkeypatch.setattr(Store, "_connect", small_disk(connect))
    code = main(["--db", str(db), "ingest", str(corpus)])
    err = capsys.readouterr().err
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "disk is full" in lines[0] and str(db) in lines[0]
    assert "Traceback" not in err

    monkeypatch.setattr(Store, "_connect", connect)
    partial = check_consistent(db)
    assert 0 < len(partial) < len(expected)
    # with room again, the same command completes the set and keeps what was there
    assert main(["--db", str(db), "ingest", str(corpus)]) == 0
    complete = check_consistent(db)
    assert set(complete) == expected
    assert {k: complete[k] for k in partial} == partial


# --------------------------------------------------------------------------------------------------
# read-only database
# --------------------------------------------------------------------------------------------------


def _immutable(paths: list[Path], on: bool) -> bool:
    """Set or clear the immutable attribute (``chattr +i``), which stops root too; False when unsupported."""
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    done = subprocess.run([chattr, "+i" if on else "-i", *map(str, paths)], capture_output=True)
    return done.returncode == 0


@pytest.fixture()
def readonly_db(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A database holding one article, in a folder the command cannot write: (db, input folder).

    File modes stop an ordinary user; root ignores them, so as root the file and its folder are made
    immutable (``chattr +i``) instead, and the test skips where the file system does not support that.
    """
    data, inputs = tmp_path / "data", tmp_path / "in"
    write_corpus(inputs, 3, seed=5)
    data.mkdir()
    db = data / "ro.db"
    article = next(a for a in read_inputs([str(inputs)], crossfact.config.Config()) if isinstance(a, Article))
    with Store(db) as store:
        store.put(analyse_one(article, None))
    db.chmod(0o444)
    data.chmod(0o555)
    locked = os.geteuid() == 0
    if locked and not _immutable([db, data], True):
        pytest.skip("running as root and chattr +i is not supported here")
    try:
        yield db, inputs
    finally:
        if locked:
            _immutable([db, data], False)
        data.chmod(0o755)


@pytest.mark.models
def test_ingest_readonly_database_one_line_error(readonly_db: tuple[Path, Path]) -> None:
    db, inputs = readonly_db
    before = db.read_bytes()
    proc = cli(db, inputs)
    out, err = finish(proc)
    assert proc.returncode in (1, 2), (out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("crossfact: error:") and str(db) in lines[0]
    reason = lines[0].replace(str(db), "DB")  # the path itself may hold the word
    assert "read-only" in reason or "readonly" in reason, lines[0]
    assert db.read_bytes() == before


def test_store_readonly_uri_refuses_ingest(tmp_path: Path) -> None:
    """Through the library: ``Store(readonly=True)`` (SQLite's mode=ro) refuses the pipeline's writes."""
    from crossfact.pipeline import ingest

    folder = tmp_path / "in"
    write_corpus(folder, 2, seed=6)
    db = tmp_path / "ro.db"
    Store(db).close()

    with Store(db, readonly=True) as store, pytest.raises(crossfact.errors.StoreError, match="read-only"):
        ingest([str(folder)], crossfact.config.Config(), store, models=_RuleModels())
    assert stored_ids(db) == set()


class _RuleModels:
    """Stands in for spaCy: ``nlp.pipe`` yields None, so every article gets rule-based sentences only."""

    class _Nlp:
        @staticmethod
        def pipe(texts: list[str], batch_size: int = 0) -> Iterator[None]:
            return iter([None] * len(texts))

    nlp = _Nlp()
