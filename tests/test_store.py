"""The SQLite store: round trips, updates, failed writes, search and the errors it reports."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crossfact.errors import StoreError
from crossfact.model import Article, ArticleDoc, Attribution, DateRef, Mention, Sentence, Value
from crossfact.store import SearchQueryError, Store
from crossfact.store.schema import SCHEMA_VERSION


def make_doc(
    article_id: str = "a1",
    sentences: tuple[str, ...] = ("Talks lasted six hours.", "Both sides met."),
    title: str = "Talks end",
) -> ArticleDoc:
    """A hand-built analysed article whose sentences are separated by one space."""
    text = " ".join(sentences)
    sents = []
    pos = 0
    for i, s in enumerate(sentences):
        sents.append(Sentence(index=i, start=pos, end=pos + len(s), text=s))
        pos += len(s) + 1
    article = Article(
        id=article_id,
        text=text,
        source=f"/tmp/{article_id}.txt",
        title=title,
        outlet="Wire",
        published="2025-04-11",
        published_inferred=True,
        url="https://example.org/x",
        dateline="ISTANBUL",
        language="en",
    )
    return ArticleDoc(
        article=article,
        sentences=tuple(sents),
        mentions=(Mention(sentence=0, start=0, end=5, text=text[:5], label="EVENT"),),
        values=(
            Value(sentence=0, start=12, end=21, text="six hours", kind="duration", amount=6.0, unit="h"),
        ),
        dates=(DateRef(sentence=0, start=0, end=5, text="Talks", value="2025-04-10", granularity="day"),),
        attributions=(Attribution(sentence=1, speaker="Both sides", cue="met"),),
    )


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "t.db") as s:
        yield s


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_store_creates_schema_with_wal_and_version(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db"):
        pass
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "sentences", "sentences_fts", "analysis", "stories", "story_articles"} <= tables


def test_store_put_get_round_trip(store: Store) -> None:
    doc = make_doc()
    assert store.put(doc) == "new"
    assert store.get("a1") == doc
    assert store.docs() == [doc]
    assert store.articles() == [doc.article]
    assert len(store) == 1
    assert "a1" in store and "zz" not in store


def test_store_get_missing_raises_keyerror(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get("nope")


def test_store_docs_ordered_and_filtered(store: Store) -> None:
    for i in ("c", "a", "b"):
        store.put(make_doc(i))
    assert [d.article.id for d in store.docs()] == ["a", "b", "c"]
    assert [d.article.id for d in store.docs(["c", "a"])] == ["c", "a"]


def test_store_put_same_content_is_unchanged_without_duplicates(store: Store) -> None:
    store.put(make_doc())
    assert store.put(make_doc()) == "unchanged"
    assert len(store) == 1
    assert count(store.path, "sentences") == 2
    assert len(store.search("hours")) == 1


def test_store_put_unchanged_refreshes_analysis(store: Store) -> None:
    store.put(make_doc())
    better = make_doc()
    better = ArticleDoc(article=better.article, sentences=better.sentences)
    assert store.put(better) == "unchanged"
    assert store.get("a1").values == ()


def test_store_put_changed_content_replaces_sentences(store: Store) -> None:
    store.put(make_doc(sentences=("Talks lasted six hours.", "Both sides met.")))
    status = store.put(make_doc(sentences=("Negotiators spoke for five hours.",)))
    assert status == "updated"
    assert [h.text for h in store.search("negotiators")] == ["Negotiators spoke for five hours."]
    assert store.search("six") == []
    assert store.search("sides") == []
    assert count(store.path, "sentences") == 1
    assert store.get("a1").sentences[0].text == "Negotiators spoke for five hours."
    assert store.integrity_check() == "ok"


def test_store_failed_write_leaves_db_unchanged(store: Store) -> None:
    store.put(make_doc("a1"))
    before = store.docs()

    real_execute = sqlite3.Connection.execute

    class FailingConn:
        """Delegates to the connection but fails on the analysis insert (mid-transaction)."""

        def __init__(self, conn):
            self.conn = conn

        def __getattr__(self, name):
            return getattr(self.conn, name)

        def execute(self, sql, *args):
            if sql.startswith("INSERT INTO analysis"):
                raise sqlite3.OperationalError("simulated failure")
            return real_execute(self.conn, sql, *args)

    store._conn = FailingConn(store._conn)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="simulated failure"):
        store.put(make_doc("a2", sentences=("Fresh sentence here.",)))
    with pytest.raises(StoreError):
        store.put(make_doc("a1", sentences=("Replaced text entirely.",)))
    store._conn = store._conn.conn

    assert store.docs() == before
    assert len(store) == 1
    assert store.search("fresh") == []
    assert store.search("replaced") == []
    assert [h.article_id for h in store.search("hours")] == ["a1"]
    assert store.integrity_check() == "ok"
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_store_delete_cascades_to_sentences_and_index(store: Store) -> None:
    store.put(make_doc("a1"))
    assert store.delete("a1") is True
    assert store.delete("a1") is False
    assert count(store.path, "sentences") == 0
    assert count(store.path, "analysis") == 0
    assert store.search("hours") == []
    assert store.integrity_check() == "ok"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hours", ["a1"]),
        ("HOURS", ["a1"]),
        ("hour*", ["a1"]),
        ('"six hours"', ["a1"]),
        ("Zürich", ["a2"]),
        ("zurich", ["a2"]),
        ("hours NOT six", []),
        ("sides NOT six", ["a1"]),
        ("missing", []),
    ],
)
def test_store_search_finds_sentences(store: Store, query: str, expected: list[str]) -> None:
    store.put(make_doc("a1"))
    store.put(make_doc("a2", sentences=("They met in Zurich.",)))
    assert [h.article_id for h in store.search(query)] == expected


def test_store_search_hit_has_snippet_and_sentence(store: Store) -> None:
    store.put(make_doc("a1"))
    (hit,) = store.search("met")
    assert (hit.article_id, hit.sentence, hit.text) == ("a1", 1, "Both sides met.")
    assert hit.snippet == "Both sides [met]."
    assert hit.title == "Talks end"
    assert store.search("met", markers=("<mark>", "</mark>"))[0].snippet == "Both sides <mark>met</mark>."


def test_store_search_limit(store: Store) -> None:
    for i in range(5):
        store.put(make_doc(f"a{i}", title=f"t{i}"))
    assert len(store.search("hours", limit=3)) == 3


@pytest.mark.parametrize("query", ['"unterminated', "AND", "hours AND", "U.S.", "foo:bar", "(", "   "])
def test_store_search_bad_query_raises_clear_error(store: Store, query: str) -> None:
    store.put(make_doc())
    with pytest.raises(SearchQueryError) as info:
        store.search(query)
    assert isinstance(info.value, ValueError)
    assert "query" in str(info.value)
    assert not isinstance(info.value, sqlite3.Error)


def test_store_readonly_put_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store(path) as s:
        s.put(make_doc())
    with Store(path, readonly=True) as ro:
        assert len(ro) == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.put(make_doc("a2"))


def test_store_readonly_file_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store(path) as s:
        s.put(make_doc())
    # a file the process may not write: root ignores permission bits, so open it read-only through SQLite
    os.chmod(path, 0o444)
    try:
        if os.geteuid() == 0:
            s = Store(path)
            s._conn.close()
            s._conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        else:
            s = Store(path)
        with pytest.raises(StoreError, match="read-only"):
            s.put(make_doc("a2"))
        s.close()
    finally:
        os.chmod(path, 0o644)


def test_store_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite at all, just some text " * 50)
    with pytest.raises(StoreError, match="not a crossfact database"):
        Store(path)


def test_store_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE x (y)")
    with pytest.raises(StoreError, match="not a crossfact"):
        Store(path)


# --------------------------------------------------------------------------------------------------
# date hints, and the migration from schema version 1 (which did not keep them)
# --------------------------------------------------------------------------------------------------


def hinted_doc(article_id: str, hints: tuple[str, ...]) -> ArticleDoc:
    doc = make_doc(article_id)
    return dataclasses.replace(doc, article=dataclasses.replace(doc.article, date_hints=hints))


def make_version_1(path: Path, docs: list[ArticleDoc]) -> None:
    """A database as crossfact with schema version 1 wrote it: no date_hints column."""
    with Store(path) as store:
        for doc in docs:
            store.put(doc)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN date_hints")
        conn.execute("PRAGMA user_version = 1")
    conn.close()


@pytest.mark.parametrize("hints", [(), ("2012-03-18",), ("--12-20", "2012-12-21")])
def test_store_articles_keep_date_hints(store: Store, hints: tuple[str, ...]) -> None:
    store.put(hinted_doc("a1", hints))
    assert [a.date_hints for a in store.articles()] == [hints]
    assert store.articles()[0] == store.get("a1").article


def test_store_unchanged_put_refreshes_date_hints(store: Store) -> None:
    store.put(hinted_doc("a1", ()))
    assert store.put(hinted_doc("a1", ("2012-03-18",))) == "unchanged"
    assert store.articles()[0].date_hints == ("2012-03-18",)


def test_store_version_1_is_migrated_at_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path, [hinted_doc("a1", ("2012-03-18",)), make_doc("a2")])
    # version 1 kept the hints only in the stored analysis: the migration copies them out
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE analysis SET doc_json = '{broken' WHERE article_id = 'a2'")
    conn.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert {a.id: a.date_hints for a in store.articles()} == {"a1": ("2012-03-18",), "a2": ()}
        store.put(hinted_doc("a3", ("2020-01-02",)))
        assert store.articles()[-1].date_hints == ("2020-01-02",)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_store_version_1_read_only_reads_empty_hints(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_version_1(path, [hinted_doc("a1", ("2012-03-18",))])
    with Store(path, readonly=True) as store:
        assert store.version == 1
        articles = store.articles()
    assert [(a.id, a.text, a.date_hints) for a in articles] == [("a1", make_doc("a1").article.text, ())]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # read-only: left as it was
    conn.close()


def test_store_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Store(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_store_missing_folder_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "t.db")


def test_store_full_disk_raises_store_error_and_keeps_data(store: Store) -> None:
    store.put(make_doc("a1"))
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    big = make_doc(
        "big", sentences=tuple(f"Sentence number {i} is long enough to need room." for i in range(2000))
    )
    with pytest.raises(StoreError, match="disk is full"):
        store.put(big)
    assert [d.article.id for d in store.docs()] == ["a1"]
    assert store.integrity_check() == "ok"


WRITER = """
import sys
from crossfact.store import Store
from crossfact.model import Article, ArticleDoc, Sentence
path, tag = sys.argv[1], sys.argv[2]
with Store(path) as store:
    for i in range(40):
        text = f"Writer {tag} sentence {i}."
        a = Article(id=f"{tag}{i}", text=text, source="x")
        store.put(ArticleDoc(article=a, sentences=(Sentence(index=0, start=0, end=len(text), text=text),)))
"""


def test_store_two_processes_write_concurrently(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag]) for tag in ("p", "q")]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]  # a guard against a hang, not a speed check
    with Store(path) as store:
        assert len(store) == 80
        assert len(store.search("writer", limit=100)) == 80
        assert store.integrity_check() == "ok"


def _open_and_report(path: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        with Store(path) as store:
            results.put(store.integrity_check())
    except Exception as exc:  # the report is the assertion's subject
        results.put(f"{type(exc).__name__}: {exc}")


def _open_at_once(path: Path, processes: int = 8) -> list[str]:
    """Open ``path`` from ``processes`` forked processes at once; what each reported, in arrival order."""
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = [ctx.Process(target=_open_and_report, args=(str(path), results)) for _ in range(processes)]
    for proc in procs:
        proc.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=120)
    return outcomes


def test_store_many_processes_open_a_new_file_at_once(tmp_path: Path) -> None:
    # opening races creating the schema and switching to WAL; SQLite's busy handler misses some of
    # these, so before the retry at open about one round in twenty failed with "database is locked"
    for round_ in range(12):
        outcomes = _open_at_once(tmp_path / f"race{round_}.db")
        assert outcomes == ["ok"] * 8, f"round {round_}: {outcomes}"


def test_store_many_processes_migrate_an_old_file_at_once(tmp_path: Path) -> None:
    for round_ in range(4):
        path = tmp_path / f"old{round_}.db"
        make_version_1(path, [hinted_doc("a1", ("2012-03-18",))])
        outcomes = _open_at_once(path)
        assert outcomes == ["ok"] * 8, f"round {round_}: {outcomes}"
        with Store(path, readonly=True) as store:
            assert store.version == SCHEMA_VERSION
            assert [a.date_hints for a in store.articles()] == [("2012-03-18",)]


# --------------------------------------------------------------------------------------------------
# stories
# --------------------------------------------------------------------------------------------------


def test_store_assign_stories_round_trip(store: Store) -> None:
    for aid in ("a1", "a2", "a3"):
        store.put(make_doc(aid))
    store.assign_stories({"a1": "s1", "a2": "s1", "a3": "s2"}, {"s1": "First", "s2": "Second"})
    assert store.stories() == [("s1", "First", ("a1", "a2")), ("s2", "Second", ("a3",))]
    assert store.story("s2") == ("s2", "Second", ("a3",))
    assert store.story_of("a2") == "s1"
    assert store.story_of("nope") is None
    assert store.story_assignments() == {"a1": "s1", "a2": "s1", "a3": "s2"}


def test_store_assign_stories_moves_article_and_drops_empty_story(store: Store) -> None:
    for aid in ("a1", "a2"):
        store.put(make_doc(aid))
    store.assign_stories({"a1": "s1", "a2": "s2"}, {"s1": "One", "s2": "Two"})
    store.assign_stories({"a2": "s1"}, {"s1": "One, renamed"})
    assert store.stories() == [("s1", "One, renamed", ("a1", "a2"))]
    with pytest.raises(KeyError):
        store.story("s2")
    assert count(store.path, "stories") == 1


def test_store_assign_stories_ignores_unknown_articles(store: Store) -> None:
    store.put(make_doc("a1"))
    store.assign_stories({"a1": "s1", "ghost": "s9"}, {"s1": "One", "s9": "Nine"})
    assert store.stories() == [("s1", "One", ("a1",))]


def test_store_assign_stories_is_one_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.put(make_doc("a1"))
    store.put(make_doc("a2"))
    store.assign_stories({"a1": "s1", "a2": "s1"}, {"s1": "One"})

    class Boom(Exception):
        pass

    assignments = {"a1": "s2", "a2": "s2"}

    class Exploding(dict):
        def items(self):  # type: ignore[no-untyped-def]
            yield "a1", "s2"
            raise Boom

    with pytest.raises(Boom):
        store.assign_stories(Exploding(assignments), {"s2": "Two"})
    assert store.stories() == [("s1", "One", ("a1", "a2"))]


def test_store_story_links_survive_article_update(store: Store) -> None:
    store.put(make_doc("a1"))
    store.assign_stories({"a1": "s1"}, {"s1": "One"})
    assert store.put(make_doc("a1", sentences=("Changed text.",))) == "updated"
    assert store.story_of("a1") == "s1"
    assert store.delete("a1")
    assert store.story_of("a1") is None and store.stories() == []
    assert count(store.path, "stories") == 0
