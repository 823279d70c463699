"""The web app through Starlette's in-process client: pages, JSON twins, errors, escaping, cache, upload."""

from __future__ import annotations

import dataclasses
import inspect
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from crossfact.model import ArticleDoc, Report
from crossfact.store import Store
from crossfact.web import create_app, serve
from html_report import EVIL, hand_report

ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


class CountingAnalyzer:
    """Stands in for the analysis: the hand-built report, restricted to the docs it is given."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, docs: Sequence[ArticleDoc]) -> Report:
        self.calls += 1
        report = hand_report()
        return Report(docs=tuple(docs), stories=report.stories)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    with Store(path) as store:
        for doc in hand_report().docs:
            store.put(doc)
    return path


@pytest.fixture()
def analyzer() -> CountingAnalyzer:
    return CountingAnalyzer()


@pytest.fixture()
def client(db: Path, analyzer: CountingAnalyzer) -> Iterator[TestClient]:
    with TestClient(create_app(str(db), analyzer=analyzer, max_upload_bytes=4096)) as c:
        yield c


PAGES = [
    "/",
    "/.json",
    "/stories.json",
    "/story/all",
    "/story/all.json",
    "/article/001_alpha",
    "/article/001_alpha?s=1",
    "/article/001_alpha.json",
    "/search",
    "/search?q=storm",
    "/search.json?q=storm",
    "/add",
    "/static/web.css",
]


@pytest.mark.parametrize("url", PAGES)
def test_app_page_ok(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    kind = "application/json" if ".json" in url else ("text/css" if url.endswith(".css") else "text/html")
    assert r.headers["content-type"].startswith(kind)
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_app_stories_json_lists_all_articles(client: TestClient) -> None:
    data = client.get("/stories.json").json()
    assert [s["id"] for s in data["stories"]] == ["all"]
    assert sorted(data["stories"][0]["articles"]) == ["001_alpha", "002_beta", "003_gamma"]


def test_app_story_json_is_the_report_contract(client: TestClient) -> None:
    data = client.get("/story/all.json").json()
    assert data["schema"] == "crossfact.report/1"
    assert [a["id"] for a in data["articles"]] == ["001_alpha", "002_beta", "003_gamma"]
    assert data["stories"][0]["conflicts"][0]["about"] == "duration of the repairs"


def test_app_story_page_shows_the_views(client: TestClient) -> None:
    page = client.get("/story/all").text
    for part in ('id="summary-all"', 'id="conflicts-all"', 'id="coverage-all"', 'id="timeline-all"', "<svg"):
        assert part in page
    assert 'id="a-002_beta-s-1"' in page
    assert 'href="/article/002_beta"' in page


def test_app_article_highlights_sentence(client: TestClient) -> None:
    page = client.get("/article/002_beta?s=1").text
    assert '<span class="s hl" id="a-002_beta-s-1"' in page
    assert page.count('class="s hl"') == 1
    assert '<mark class="ent ent-FAC" title="FAC">Harbour Bridge</mark>' in page


def test_app_article_json_is_the_doc(client: TestClient) -> None:
    data = client.get("/article/003_gamma.json").json()
    assert data["article"]["id"] == "003_gamma"
    assert len(data["sentences"]) == 3


def test_app_search_marks_hits(client: TestClient) -> None:
    page = client.get("/search?q=ferries").text
    assert "<mark>Ferries</mark>" in page
    assert 'href="/article/001_alpha?s=3#a-001_alpha-s-3"' in page
    hits = client.get("/search.json?q=storm").json()["hits"]
    assert {h["article"] for h in hits} == {"001_alpha", "002_beta", "003_gamma"}
    assert all("[storm]" in h["snippet"].lower() for h in hits)


@pytest.mark.parametrize(
    "url",
    [
        "/story/nope",
        "/story/nope.json",
        "/article/nope",
        "/article/nope.json",
        "/article/..%2F..%2F..%2Fetc%2Fpasswd",
        "/article/%2Fetc%2Fpasswd.json",
        "/nothing-here",
    ],
)
def test_app_unknown_id_404(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert "root:" not in r.text
    if url.endswith(".json"):
        assert "error" in r.json()


@pytest.mark.parametrize(
    "url", ['/search?q="unterminated', "/search.json?q=AND", "/search?q=a%20NOT", "/article/001_alpha?s=99"]
)
def test_app_bad_request_400(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400
    message = r.json()["error"] if ".json" in url else r.text
    assert "search query" in message or "not a sentence" in message


def test_app_bad_query_message_is_escaped(client: TestClient) -> None:
    r = client.get("/search", params={"q": '"<script>alert(1)</script>'})
    assert r.status_code == 400
    assert "<script>alert(1)" not in r.text
    assert "&lt;script&gt;alert(1)" in r.text


@pytest.mark.parametrize("url", ["/story/all", "/article/002_beta", "/search?q=commuter"])
def test_app_escapes_article_markup(client: TestClient, url: str) -> None:
    page = client.get(url).text
    assert EVIL not in page
    assert ESCAPED in page


def test_app_upload_too_large_413(client: TestClient) -> None:
    r = client.post("/add", files={"file": ("big.txt", b"x" * 70_000, "text/plain")})
    assert r.status_code == 413
    assert "4,096 bytes" in r.text
    r = client.post("/add.json", files={"file": ("big.txt", b"x" * 5000, "text/plain")})
    assert r.status_code == 413
    assert "too large" in r.json()["error"]


def test_app_upload_without_file_400(client: TestClient) -> None:
    r = client.post("/add.json", data={"other": "1"})
    assert r.status_code == 400


def test_app_upload_from_other_site_403(client: TestClient) -> None:
    r = client.post(
        "/add.json",
        files={"file": ("a.txt", b"Title\n\nText.", "text/plain")},
        headers={"origin": "http://evil.test"},
    )
    assert r.status_code == 403


def test_app_caches_story_analysis_by_content(
    client: TestClient, db: Path, analyzer: CountingAnalyzer
) -> None:
    client.get("/story/all")
    client.get("/story/all.json")
    assert analyzer.calls == 1
    with Store(db) as store:
        doc = store.get("003_gamma")
        changed = dataclasses.replace(doc.article, text=doc.article.text + " Extra.")
        store.put(dataclasses.replace(doc, article=changed))
    client.get("/story/all")
    assert analyzer.calls == 2


def test_app_groups_by_stored_stories(client: TestClient, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO stories (id, title, created) VALUES ('st1', 'Bridge story', '2024-03-05')")
        conn.executemany(
            "INSERT INTO story_articles (story_id, article_id) VALUES ('st1', ?)",
            [("001_alpha",), ("003_gamma",)],
        )
    stories = client.get("/stories.json").json()["stories"]
    assert [(s["id"], sorted(s["articles"])) for s in stories] == [
        ("st1", ["001_alpha", "003_gamma"]),
        ("unassigned", ["002_beta"]),
    ]
    assert client.get("/story/st1").status_code == 200
    assert client.get("/story/all").status_code == 404
    assert "Bridge story" in client.get("/").text


def test_app_empty_store(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "new.db"), analyzer=CountingAnalyzer())) as c:
        assert c.get("/stories.json").json() == {"stories": []}
        assert "The store is empty" in c.get("/").text


def test_serve_binds_loopback_by_default() -> None:
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


@pytest.mark.models
def test_app_upload_ingests_through_pipeline(db: Path, models, example_dir: Path) -> None:
    source = sorted(example_dir.glob("*.txt"))[0]
    with TestClient(create_app(str(db), models=models, analyzer=CountingAnalyzer())) as c:
        r = c.post("/add.json", files={"file": ("../../evil name.txt", source.read_bytes(), "text/plain")})
        assert r.status_code == 200, r.text
        result = r.json()
        assert result["new"] == 1 and len(result["articles"]) == 1
        new_id = result["articles"][0]["id"]
        assert ".." not in new_id and "/" not in new_id
        assert c.get(f"/article/{new_id}").status_code == 200
        # ingest assigns stories: the upload (another event) is in a story of its own or joins one
        assert any(new_id in s["articles"] for s in c.get("/stories.json").json()["stories"])
        page = c.post("/add", files={"file": ("empty.txt", b"", "text/plain")}).text
        assert "Skipped" in page


def test_app_article_page_follows_content_changes(client: TestClient, db: Path) -> None:
    assert "Brand new closing line." not in client.get("/article/003_gamma").text
    with Store(db) as store:
        doc = store.get("003_gamma")
        changed = dataclasses.replace(doc.article, text=doc.article.text + " Brand new closing line.")
        extra = dataclasses.replace(doc.sentences[-1], index=3, start=len(doc.article.text) + 1,
                                    end=len(changed.text), text="Brand new closing line.")  # fmt: skip
        store.put(dataclasses.replace(doc, article=changed, sentences=(*doc.sentences, extra)))
    assert 'id="a-003_gamma-s-3"' in client.get("/article/003_gamma").text
    with Store(db) as store:
        store.delete("003_gamma")
    assert client.get("/article/003_gamma").status_code == 404


def test_app_story_list_in_the_cli_stories_order(
    client: TestClient, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from crossfact.cli import main

    with Store(db) as store:
        for n in range(4, 9):
            doc = hand_report().docs[0]
            article = dataclasses.replace(doc.article, id=f"x{n}", published=f"2024-03-0{9 - n + 1}")
            store.put(dataclasses.replace(doc, article=article))
        # sizes 3, 2, 2, 1: the ties' titles sort the other way round from their ids
        store.assign_stories(
            {"001_alpha": "s-b", "002_beta": "s-b", "x4": "s-c", "x5": "s-c", "x6": "s-a", "x7": "s-a"}
            | {"003_gamma": "s-b", "x8": "s-d"},
            {"s-a": "Zulu", "s-b": "Middle", "s-c": "Alpha", "s-d": "Delta"},
        )
    assert main(["--db", str(db), "stories"]) == 0
    table = capsys.readouterr().out.splitlines()[1:]
    cli_order = [line.split()[0] for line in table if line.strip() and not set(line) <= {"-", " "}]
    web = client.get("/stories.json").json()["stories"]
    assert [s["id"] for s in web] == cli_order == ["s-b", "s-a", "s-c", "s-d"]
    with Store(db) as store:
        assert [tuple(s["articles"]) for s in web] == [ids for _sid, _title, ids in store.stories()]
    # members in publication order, undated last
    assert web[1]["articles"] == ["x7", "x6"]
