"""Bad and hostile input end to end: through ``crossfact ingest`` into a real database, and the web app.

The unit-level cases (each reader on its own) are in test_ingest.py; here one batch of every bad input goes
through the real command, and the test checks what the database holds afterwards, what stderr said, and the
exit status. The web part checks escaping, search syntax errors, path parameters and upload limits.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

import crossfact.web.app
from crossfact.config import Config
from crossfact.ingest import read_bytes
from crossfact.model import Article, ArticleDoc, Report, Skipped, Story
from crossfact.nlp import analyse_one
from crossfact.nlp.sentences import MAX_SENTENCE_CHARS
from crossfact.pipeline import ingest
from crossfact.store import Store
from crossfact.web import create_app
from hostile_inputs import (
    BAD_INPUTS,
    GERMAN_TEXT,
    GOOD_TEXT,
    JSONL_TEXTS,
    LATIN1_TEXT,
    MIB,
    RUN_ON_TEXT,
    UTF16_TEXT,
    write_bad_inputs,
    write_corpus,
    write_sparse,
)

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


class RuleModels:
    """Stands in for spaCy: ``nlp.pipe`` yields None, so each article gets rule-based sentences only."""

    class _Nlp:
        @staticmethod
        def pipe(texts: list[str], batch_size: int = 0) -> Iterator[None]:
            return iter([None] * len(texts))

    nlp = _Nlp()


# --------------------------------------------------------------------------------------------------
# one batch of every bad input through the real command
# --------------------------------------------------------------------------------------------------


@dataclass
class Batch:
    folder: Path
    code: int
    out: str
    err: str
    docs: dict[str, ArticleDoc]  # by source file name (feed/JSONL entries: "name:line" / "name#n")

    def skip_lines(self, name: str) -> list[str]:
        """The stderr lines that skip ``name`` (or one of its entries)."""
        prefix = f"crossfact: skipped {self.folder / name}"
        return [line for line in self.err.splitlines() if line.startswith(prefix)]

    def stored_from(self, name: str) -> list[ArticleDoc]:
        path = str(self.folder / name)
        return [
            d for s, d in self.docs.items() if s == path or s.startswith((path + ":", path + "#", path + "/"))
        ]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    base = tmp_path_factory.mktemp("bad")
    folder, db = base / "in", base / "bad.db"
    write_bad_inputs(folder)
    proc = subprocess.run(
        [sys.executable, "-m", "crossfact.cli", "--db", str(db), "ingest", str(folder)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=600,
    )
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        docs = {d.article.source: d for d in store.docs()}
    return Batch(folder, proc.returncode, proc.stdout, proc.stderr, docs)


@pytest.mark.models
def test_cli_bad_batch_exits_1_without_traceback(batch: Batch) -> None:
    assert batch.code == 1, batch.err
    assert "Traceback" not in batch.err
    assert "skipped" in batch.out  # the summary line still comes


@pytest.mark.models
def test_cli_bad_batch_one_stderr_line_per_problem(batch: Batch) -> None:
    lines = [line for line in batch.err.splitlines() if line.strip()]
    assert all(line.startswith("crossfact: skipped ") for line in lines), batch.err
    assert len(lines) == len(set(lines))
    bad = [b.name for b in BAD_INPUTS if not b.kept] + ["lines.jsonl"]
    assert len(lines) == len(bad), batch.err  # exactly one line each (the JSONL file: its bad line)


@pytest.mark.models
@pytest.mark.parametrize("bad", [b for b in BAD_INPUTS if not b.kept], ids=lambda b: b.name)
def test_cli_bad_input_skipped_with_one_line_reason(batch: Batch, bad: object) -> None:
    lines = batch.skip_lines(bad.name)  # type: ignore[attr-defined]
    assert lines, f"{bad.name} not reported on stderr:\n{batch.err}"  # type: ignore[attr-defined]
    for line in lines:
        reason = line.split(": ", 2)[-1]
        assert reason.strip() and "\n" not in reason
        assert bad.reason.lower() in reason.lower(), line  # type: ignore[attr-defined]
    assert batch.stored_from(bad.name) == []  # type: ignore[attr-defined]


@pytest.mark.models
def test_cli_bad_batch_good_inputs_processed(batch: Batch) -> None:
    kept = {b.name for b in BAD_INPUTS if b.kept}
    for name in kept:
        assert batch.stored_from(name), f"{name} was not stored; stderr:\n{batch.err}"
    texts = {d.article.text for d in batch.docs.values()}
    assert GOOD_TEXT in texts


@pytest.mark.models
@pytest.mark.parametrize(("name", "text"), [("utf16.txt", UTF16_TEXT), ("latin1.txt", LATIN1_TEXT)])
def test_cli_other_encodings_decoded_and_kept(batch: Batch, name: str, text: str) -> None:
    (doc,) = batch.stored_from(name)
    assert doc.article.text == text
    assert doc.sentences and all(text[s.start : s.end] == s.text for s in doc.sentences)


@pytest.mark.models
def test_cli_jsonl_bad_line_skipped_good_lines_kept(batch: Batch) -> None:
    docs = batch.stored_from("lines.jsonl")
    assert sorted(d.article.text for d in docs) == sorted(JSONL_TEXTS)
    (line,) = batch.skip_lines("lines.jsonl")
    assert "line 2" in line


@pytest.mark.models
def test_cli_symlink_loop_walked_once(batch: Batch) -> None:
    (doc,) = batch.stored_from("loop")  # loop/inner.txt, once, though loop/up/loop/... reaches it again
    assert doc.article.source == str(batch.folder / "loop" / "inner.txt")
    assert len(batch.stored_from("good.txt")) == 1


@pytest.mark.models
def test_cli_other_language_kept_verbatim_without_english_nlp(batch: Batch) -> None:
    (doc,) = batch.stored_from("german.txt")
    assert doc.article.language == "de"
    assert doc.article.text == GERMAN_TEXT
    assert doc.sentences and "".join(s.text for s in doc.sentences).replace(" ", "") == GERMAN_TEXT.replace(
        " ", ""
    )
    assert doc.mentions == () and doc.attributions == () and doc.quotes == ()


@pytest.mark.models
def test_cli_run_on_text_sentences_capped(batch: Batch) -> None:
    (doc,) = batch.stored_from("runon.txt")
    assert doc.article.text == RUN_ON_TEXT
    assert len(doc.sentences) >= len(RUN_ON_TEXT) // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sentences)
    covered = sum(len(s.text) for s in doc.sentences)
    assert covered >= 0.95 * len(RUN_ON_TEXT)  # capped, not dropped


@pytest.mark.models
def test_cli_billion_laughs_not_expanded(batch: Batch) -> None:
    for doc in batch.docs.values():
        assert "lollol" not in doc.article.text and "lollol" not in (doc.article.title or "")


@pytest.mark.models
def test_cli_huge_file_refused_by_documented_limit(batch: Batch) -> None:
    (line,) = batch.skip_lines("huge.txt")
    assert f"{Config().max_input_bytes // MIB} MB limit" in line and str(100 * MIB) in line


def test_ingest_huge_file_never_read_whole(tmp_path: Path) -> None:
    """A 100 MB file next to a good one: refused by its size, and never loaded (peak memory stays small)."""
    folder = tmp_path / "in"
    write_corpus(folder, 1, seed=9)
    write_sparse(folder / "huge.txt", 100 * MIB)
    write_sparse(folder / "just_over.txt", MIB + 1)
    with Store(tmp_path / "huge.db") as store:
        # warm up: the first article loads lazily imported models (language identification), ~100 MB
        ingest([str(folder / "art-00000.txt")], Config(max_input_bytes=MIB), store, models=RuleModels())
        tracemalloc.start()
        try:
            result = ingest([str(folder)], Config(max_input_bytes=MIB), store, models=RuleModels())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(store) == 1
    assert result.unchanged == 1
    assert sorted(Path(s.source).name for s in result.skipped) == ["huge.txt", "just_over.txt"]
    assert all("1 MB limit" in s.reason for s in result.skipped)
    assert peak < 8 * MIB, f"peak {peak} bytes: the large file was read"


# --------------------------------------------------------------------------------------------------
# property tests: ingest -> store -> read back
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prop_store() -> Iterator[Store]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "prop.db") as store:
        yield store


# running text: sentences of four or more words of letters beyond ASCII and Latin-1 (a shorter line, or one
# with an English furniture word like "autoplay", may rightly be kept out of the text as page furniture)
_WORD = st.text(alphabet=st.characters(categories=("Ll", "Lo"), min_codepoint=0x100), min_size=3, max_size=12)
_SENTENCE = st.lists(_WORD, min_size=4, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)
_BODY = st.lists(_PARAGRAPH, min_size=1, max_size=4).map("\n\n".join)


def _round_trip(store: Store, article: Article) -> ArticleDoc:
    doc = analyse_one(article, None)
    store.put(doc)
    back = store.get(article.id)
    assert back == doc
    assert back.article == article
    assert all(back.article.text[s.start : s.end] == s.text for s in back.sentences)
    return back


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_BODY, encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_ingest_store_round_trip_keeps_text(prop_store: Store, body: str, encoding: str) -> None:
    """A plain-text article (title line, blank line, body) comes back from the store, body verbatim."""
    data = f"Headline about things\n\n{body}\n".encode(encoding)
    (article,) = read_bytes(data, "prop.txt", "prop")
    assert isinstance(article, Article), article
    article = dataclasses.replace(article, id=article.content_hash)
    back = _round_trip(prop_store, article)
    assert back.article.text == body


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000), st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass"))
    )
)
def test_ingest_any_bytes_store_no_crash(prop_store: Store, data: bytes) -> None:
    """Any bytes: readers never raise, and whatever article they give goes through the store unchanged."""
    for item in read_bytes(data, "any.bin"):
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            _round_trip(prop_store, item)
    assert prop_store.integrity_check() == "ok"


# --------------------------------------------------------------------------------------------------
# the web app
# --------------------------------------------------------------------------------------------------

XSS_TITLE = "<script>alert('title')</script>"
XSS_OUTLET = '<img src=x onerror="alert(1)">'
XSS_TEXT = (
    "Officials said \"<script>alert('text')</script>\" was posted. "
    "The mayor wrote </textarea><svg onload=alert(2)>."
)
XSS_ID = "x\"'><script>alert(3)</script>"
RAW = ("<script>alert(", "<img src=x", "<svg onload", "</textarea><svg")


def _hostile_docs() -> list[ArticleDoc]:
    articles = [
        Article(id="plain", text=XSS_TEXT, source="in/plain.txt", title=XSS_TITLE, outlet=XSS_OUTLET),
        Article(
            id=XSS_ID,
            text="The storm passed. " + XSS_TEXT,
            source="in/evil.txt",
            title=XSS_TITLE,
            outlet=XSS_OUTLET,
        ),
    ]
    return [analyse_one(a, None) for a in articles]


def _stub_analyzer(docs: object) -> Report:
    docs = tuple(docs)  # type: ignore[arg-type]
    return Report(
        docs=docs, stories=(Story(id="all", title=XSS_TITLE, articles=tuple(d.article.id for d in docs)),)
    )


@pytest.fixture()
def hostile_client(tmp_path: Path) -> Iterator[TestClient]:
    db = tmp_path / "web.db"
    with Store(db) as store:
        for doc in _hostile_docs():
            store.put(doc)
    with TestClient(
        create_app(str(db), analyzer=_stub_analyzer, max_upload_bytes=2048), raise_server_exceptions=False
    ) as c:
        yield c


def _quoted(article_id: str) -> str:
    from urllib.parse import quote

    return quote(article_id, safe="")


HOSTILE_PAGES = [
    "/",
    "/story/all",
    "/article/plain",
    "/article/plain?s=0",
    "/search?q=script",
    "/search?q=storm",
]


@pytest.mark.parametrize("url", [*HOSTILE_PAGES, "/article/" + _quoted(XSS_ID)])
def test_web_hostile_content_escaped(hostile_client: TestClient, url: str) -> None:
    r = hostile_client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    for raw in RAW:
        assert raw not in r.text, f"{raw!r} unescaped in {url}"
    if url != "/":  # the index lists stories, not article content
        assert "&lt;script&gt;" in r.text or "&lt;img" in r.text or "&lt;svg" in r.text


@pytest.mark.parametrize(
    "url",
    [
        "/stories.json",
        "/story/all.json",
        "/article/plain.json",
        "/search.json?q=script",
        f"/article/{_quoted(XSS_ID)}.json",
    ],
)
def test_web_json_twins_are_json(hostile_client: TestClient, url: str) -> None:
    r = hostile_client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    body = json.dumps(r.json(), ensure_ascii=False)
    assert XSS_TITLE in body or "script" in body  # the content is there, as JSON strings


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "AND",
        "*",
        "NEAR(",
        "col:x",
        "a OR",
        "NOT",
        "(storm",
        "storm)",
        '"storm',
        "^",
        "-storm",
        "a AND OR b",
        "\x00",
        "🙂*",
    ],
)
@pytest.mark.parametrize("suffix", ["", ".json"])
def test_web_search_syntax_errors_are_400_not_500(
    hostile_client: TestClient, query: str, suffix: str
) -> None:
    r = hostile_client.get(f"/search{suffix}", params={"q": query})
    assert r.status_code in (200, 400), (query, r.status_code, r.text[:300])
    if r.status_code == 400:
        message = r.json()["error"] if suffix else r.text
        assert "search query" in message
    for raw in RAW:
        assert raw not in r.text


@pytest.mark.parametrize("query", ['"', "AND", "*", "NEAR(", "col:x"])
def test_web_search_listed_syntax_errors_are_400(hostile_client: TestClient, query: str) -> None:
    r = hostile_client.get("/search.json", params={"q": query})
    assert r.status_code == 400
    assert r.json()["status"] == 400


@pytest.mark.parametrize("query", ['"', "AND", "*", "NEAR(", "col:x", "^"])
def test_cli_search_syntax_error_is_usage_error(
    tmp_path: Path, query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from crossfact.cli import main

    db = tmp_path / "s.db"
    with Store(db) as store:
        for doc in _hostile_docs():
            store.put(doc)
    assert main(["--db", str(db), "search", query]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "search query" in lines[0], err


TRAVERSALS = [
    "/article/..%2f..%2fetc%2fpasswd",
    "/article/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd.json",
    "/article/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/article/%2fetc%2fpasswd",
    "/article//etc/passwd",
    "/story/..%2f..%2fetc%2fpasswd",
    "/story/%2fetc%2fpasswd.json",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py",
    "/static//etc/passwd",
    "/static/..%5c..%5capp.py",
]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_web_path_parameters_never_read_files(hostile_client: TestClient, url: str) -> None:
    r = hostile_client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    assert "root:x:0:0" not in r.text
    assert "def create_app" not in r.text


def test_web_upload_chunked_over_limit_413(hostile_client: TestClient) -> None:
    """A chunked upload declares no length: the app counts what arrives and stops at the limit."""
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + b"word " * 30_000
        + f"\r\n--{boundary}--\r\n".encode()
    )

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(body), 4096):
            yield body[i : i + 4096]

    r = hostile_client.post(
        "/add.json", content=chunks(), headers={"content-type": f"multipart/form-data; boundary={boundary}"}
    )
    assert r.status_code == 413
    assert "limit" in r.json()["error"]


def test_web_upload_many_small_files_over_limit_413(hostile_client: TestClient) -> None:
    files = [("file", (f"f{i}.txt", b"x" * 1000, "text/plain")) for i in range(3)]
    r = hostile_client.post("/add.json", files=files)
    assert r.status_code == 413


def test_web_serve_binds_loopback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    crossfact.web.app.serve(tmp_path / "s.db")
    assert seen["host"] == "127.0.0.1"


def test_web_unknown_article_id_is_not_a_file_name(tmp_path: Path) -> None:
    """An id equal to an existing file's path finds nothing: ids are only looked up in the database."""
    db = tmp_path / "w.db"
    Store(db).close()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    with TestClient(create_app(str(db), analyzer=_stub_analyzer)) as c:
        for url in (f"/article/{_quoted(str(secret))}", f"/article/{_quoted(str(secret))}.json"):
            r = c.get(url)
            assert r.status_code == 404
            assert "TOP SECRET" not in r.text


def test_web_database_untouched_by_hostile_requests(hostile_client: TestClient, tmp_path: Path) -> None:
    for url in [*TRAVERSALS, "/search?q=%22", "/article/plain?s=99"]:
        hostile_client.get(url)
    conn = sqlite3.connect(tmp_path / "web.db")
    try:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
