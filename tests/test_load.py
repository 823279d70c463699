"""A short, bounded load test of the web app: a real uvicorn on 127.0.0.1, ten clients for five seconds.

No latency assertions (those are figures for benchmarks/reliability.py): only that every request got the
answer it should, pages, JSON twins, searches and hostile paths alike, and that the database is intact.
Each client goes through every path at least once however slow the machine (``min_rounds=1``), so what
is asserted never depends on how many requests fit in the five seconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crossfact.config import Config
from crossfact.ingest import read_inputs
from crossfact.model import Article, ArticleDoc, Report, Story
from crossfact.nlp import analyse_one
from crossfact.store import Store
from crossfact.web import create_app
from hostile_inputs import write_corpus
from loadgen import HOST, MAX_CLIENTS, MAX_ROUNDS, hammer, serve_in_thread

# (path, expected status): pages, JSON twins, searches, and requests that must be refused
PATHS = [
    ("/", 200),
    ("/stories.json", 200),
    ("/story/all", 200),
    ("/story/all.json", 200),
    ("/article/art-00001", 200),
    ("/article/art-00002.json", 200),
    ("/article/art-00003?s=0", 200),
    ("/search?q=council", 200),
    ("/search.json?q=million%20euros", 200),
    ("/search.json?q=%22", 400),
    ("/search?q=NEAR(", 400),
    ("/article/..%2f..%2fetc%2fpasswd", 404),
    ("/article/nope.json", 404),
    ("/static/web.css", 200),
]


def stub_analyzer(docs: object) -> Report:
    """The story as its articles only (the analysis itself is not what this test loads)."""
    docs = tuple(docs)  # type: ignore[arg-type]
    return Report(
        docs=docs, stories=(Story(id="all", title="All", articles=tuple(d.article.id for d in docs)),)
    )


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    base = tmp_path_factory.mktemp("load")
    write_corpus(base / "in", 12, seed=11)
    docs: list[ArticleDoc] = [
        analyse_one(a, None) for a in read_inputs([str(base / "in")], Config()) if isinstance(a, Article)
    ]
    db = base / "load.db"
    with Store(db) as store:
        for doc in docs:
            store.put(doc)
    with serve_in_thread(create_app(str(db), analyzer=stub_analyzer)) as p:
        yield p


def test_load_server_on_loopback(port: int) -> None:
    import socket

    with socket.create_connection((HOST, port), timeout=5) as s:
        assert s.getpeername()[0] == "127.0.0.1"


def test_load_ten_clients_five_seconds_no_errors(port: int) -> None:
    result = hammer(port, PATHS, clients=10, seconds=5, min_rounds=1)
    assert result.errors == 0, result.examples
    # every client asked every path at least once
    assert all(result.paths[path] >= 10 for path, _status in PATHS), result.paths
    assert set(result.statuses) == {200, 400, 404}
    assert result.statuses[500] == 0


@pytest.mark.parametrize(
    ("clients", "seconds", "rounds"),
    [(0, 1, 0), (MAX_CLIENTS + 1, 1, 0), (1, 0, 0), (1, 10_000, 0), (1, 1, -1), (1, 1, MAX_ROUNDS + 1)],
)
def test_hammer_refuses_unbounded_runs(clients: int, seconds: float, rounds: int) -> None:
    with pytest.raises(ValueError, match="clients|seconds|min_rounds"):
        hammer(1, PATHS, clients=clients, seconds=seconds, min_rounds=rounds)
