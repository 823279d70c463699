"""Stories from the command line: ``ingest`` assigns stories, ``stories`` lists them, ``analyze --story``
reports on one, ``cluster`` groups files without the NLP; and ``ingest --scheduler`` on a Dask cluster.

The per-article NLP and the analysis are replaced by small fakes (clustering itself is real and cheap);
the Dask test starts a scheduler and two worker processes on 127.0.0.1.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

import crossfact.analysis
import crossfact.nlp
from crossfact.cli import main
from crossfact.config import Config
from crossfact.model import Article, ArticleDoc, Sentence, Story
from crossfact.store import Store

TOWNS = ["Aldmoor", "Brackwell", "Cindervale"]
EVENTS = [
    ("a warehouse fire", "firefighters fought the blaze for six hours", "smoke"),
    ("a bridge collapse", "engineers closed the crossing after a span fell", "river"),
    ("a hospital strike", "nurses walked out over staffing levels", "pay"),
]


def write_reports(
    folder: Path, towns: Sequence[str] = TOWNS, reporters: Sequence[int] = (0, 1, 2)
) -> list[Path]:
    """Plain-text reports, three per town (one event per town); file stem = ``town-reporter``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for town in towns:
        event, detail, word = EVENTS[TOWNS.index(town)]
        for k in reporters:
            title = f"{town} reports {event}" if k == 0 else f"{event.capitalize()} hits {town}"
            text = (
                f"{title}\n\nOfficials in {town} confirmed {event} on Monday. In {town}, {detail}. "
                f"Residents of {town} spoke of the {word}. Reporter {k} filed this from {town}.\n"
            )
            path = folder / f"{town.lower()}-{k}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths


def fake_process(articles: Iterable[Article], config: Config, models: object = None) -> Iterator[ArticleDoc]:
    """One sentence per article."""
    for a in articles:
        yield ArticleDoc(article=a, sentences=(Sentence(index=0, start=0, end=len(a.text), text=a.text),))


def fake_analyze(docs: Sequence[ArticleDoc], config: Config, embedder: object = None) -> Story:
    return Story(id="s1", title="story", articles=tuple(d.article.id for d in docs))


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crossfact.nlp, "process", fake_process, raising=False)
    monkeypatch.setattr(crossfact.analysis, "analyze", fake_analyze, raising=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "s.db")


def by_town(assignments: dict[str, str]) -> dict[str, set[str]]:
    """town -> the story ids its articles were given."""
    out: dict[str, set[str]] = {}
    for aid, sid in assignments.items():
        out.setdefault(aid.split("-")[0], set()).add(sid)
    return out


def test_cli_ingest_assigns_one_story_per_event(fakes: None, tmp_path: Path, db: str, capsys) -> None:
    write_reports(tmp_path / "in")
    assert main(["--db", db, "ingest", str(tmp_path / "in")]) == 0
    with Store(db) as store:
        assignments = store.story_assignments()
        stories = store.stories()
    assert len(assignments) == 9
    towns = by_town(assignments)
    assert all(len(sids) == 1 for sids in towns.values())
    assert len({next(iter(s)) for s in towns.values()}) == 3
    assert sorted(len(ids) for _sid, _title, ids in stories) == [3, 3, 3]
    assert all(title for _sid, title, _ids in stories)


def test_cli_ingest_later_article_joins_its_story(fakes: None, tmp_path: Path, db: str) -> None:
    write_reports(tmp_path / "first", towns=["Aldmoor", "Brackwell"], reporters=(0, 1))
    write_reports(tmp_path / "second", towns=["Aldmoor", "Cindervale"], reporters=(2,))
    assert main(["--db", db, "ingest", str(tmp_path / "first")]) == 0
    with Store(db) as store:
        before = store.story_assignments()
    assert main(["--db", db, "ingest", str(tmp_path / "second")]) == 0
    with Store(db) as store:
        after = store.story_assignments()
    assert {k: after[k] for k in before} == before  # earlier assignments stay
    assert after["aldmoor-2"] == after["aldmoor-0"]
    assert after["cindervale-2"] not in before.values()


def test_cli_ingest_again_keeps_stories(fakes: None, tmp_path: Path, db: str) -> None:
    write_reports(tmp_path / "in", towns=["Aldmoor"])
    assert main(["--db", db, "ingest", str(tmp_path / "in")]) == 0
    with Store(db) as store:
        first = store.stories()
    assert main(["--db", db, "ingest", str(tmp_path / "in")]) == 0
    with Store(db) as store:
        assert store.stories() == first


def test_cli_stories_lists_id_count_title(fakes: None, tmp_path: Path, db: str, capsys) -> None:
    write_reports(tmp_path / "in", towns=["Aldmoor", "Brackwell"], reporters=(0, 1))
    main(["--db", db, "ingest", str(tmp_path / "in")])
    capsys.readouterr()
    assert main(["--db", db, "stories"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "articles", "title"]
    assert len(lines) == 3
    with Store(db) as store:
        for line, (sid, _title, ids) in zip(lines[1:], store.stories(), strict=True):
            assert line.split()[:2] == [sid, str(len(ids))]


def test_cli_stories_missing_database_exits_1(tmp_path: Path, capsys) -> None:
    assert main(["--db", str(tmp_path / "none.db"), "stories"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_cli_analyze_story_reports_its_articles(fakes: None, tmp_path: Path, db: str, capsys) -> None:
    write_reports(tmp_path / "in", towns=["Aldmoor", "Brackwell"])
    main(["--db", db, "ingest", str(tmp_path / "in")])
    with Store(db) as store:
        sid = store.story_of("brackwell-1")
    assert sid is not None
    capsys.readouterr()
    assert main(["--db", db, "analyze", "--story", sid, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(a["id"] for a in data["articles"]) == ["brackwell-0", "brackwell-1", "brackwell-2"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--story", "nope"], "no story 'nope'"), (["--story", "x", "some.txt"], "give no PATH")],
)
def test_cli_analyze_story_usage_errors_exit_2(
    fakes: None, tmp_path: Path, db: str, extra: list[str], message: str, capsys
) -> None:
    write_reports(tmp_path / "in", towns=["Aldmoor"], reporters=(0,))
    main(["--db", db, "ingest", str(tmp_path / "in")])
    capsys.readouterr()
    assert main(["--db", db, "analyze", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.splitlines()) == 1


def test_cli_cluster_json_groups_files_without_database(tmp_path: Path, capsys) -> None:
    write_reports(tmp_path / "in", towns=["Aldmoor", "Cindervale"])
    db = tmp_path / "unused.db"
    assert main(["--db", str(db), "cluster", str(tmp_path / "in"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"stories"}
    groups = sorted(sorted(s["articles"]) for s in data["stories"])
    assert groups == [
        ["aldmoor-0", "aldmoor-1", "aldmoor-2"],
        ["cindervale-0", "cindervale-1", "cindervale-2"],
    ]
    assert all(set(s) == {"id", "title", "articles"} and s["title"] for s in data["stories"])
    assert not db.exists()


def test_cli_cluster_nothing_readable_exits_1(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty.txt").write_text("")
    assert main(["cluster", str(tmp_path / "empty.txt")]) == 1
    assert "skipped" in capsys.readouterr().err


def test_web_catalog_reads_stored_stories(fakes: None, tmp_path: Path, db: str) -> None:
    from crossfact.web.catalog import Catalog

    write_reports(tmp_path / "in", towns=["Aldmoor", "Brackwell"], reporters=(0, 1))
    main(["--db", db, "ingest", str(tmp_path / "in")])
    with Store(db) as store:
        expected = {sid: set(ids) for sid, _title, ids in store.stories()}
    catalog = Catalog(db)
    try:
        groups = {g.id: set(g.articles) for g in catalog.groups()}
    finally:
        getattr(catalog, "close", lambda: None)()
    assert groups == expected


# --------------------------------------------------------------------------------------------------
# ingest --scheduler
# --------------------------------------------------------------------------------------------------


def _rows(db: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    conn = sqlite3.connect(db)
    try:
        articles = conn.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
        links = dict(conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())
    finally:
        conn.close()
    return articles, links


@pytest.mark.processes
@pytest.mark.models
def test_cli_ingest_scheduler_equals_local_ingest(tmp_path: Path, capsys) -> None:
    distributed = pytest.importorskip("distributed")
    paths = [str(p) for p in write_reports(tmp_path / "in")]
    local_db, remote_db = str(tmp_path / "local.db"), str(tmp_path / "remote.db")
    assert main(["--db", local_db, "ingest", *paths]) == 0
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        code = main(["--db", remote_db, "ingest", "--scheduler", cluster.scheduler_address, *paths])
    finally:
        cluster.close()
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["ingested 9 articles (9 new, 0 updated, 0 unchanged), 0 skipped"] * 2
    local_articles, local_links = _rows(local_db)
    remote_articles, remote_links = _rows(remote_db)
    assert remote_articles == local_articles and len(local_articles) == 9
    assert remote_links == local_links
    with Store(local_db) as a, Store(remote_db) as b:
        assert [d.to_dict() for d in a.docs()] == [d.to_dict() for d in b.docs()]


def test_cli_ingest_scheduler_unreachable_exits_1(tmp_path: Path, capsys) -> None:
    pytest.importorskip("distributed")
    write_reports(tmp_path / "in", towns=["Aldmoor"], reporters=(0,))
    import socket

    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        code = main(["--db", str(tmp_path / "x.db"), "ingest", "--scheduler", f"tcp://127.0.0.1:{port}",
                     str(tmp_path / "in")])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "cannot use the Dask scheduler" in err and len(err.splitlines()) == 1
