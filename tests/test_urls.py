"""Fetching URLs given to ``crossfact ingest``: pages, feeds, HTTP errors, timeouts and size limits.

A ``ThreadingHTTPServer`` on 127.0.0.1 (a free port, in a thread) serves the test pages; nothing leaves
the machine. No outcome depends on timing: ``/slow`` never answers before the test is over (it waits for an
event set at teardown), and the fetch timeout of every other request is generous for a loaded CI machine.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from crossfact.config import Config
from crossfact.ingest import read_inputs
from crossfact.ingest.urls import FetchError, fetch, is_url, read_url
from crossfact.model import Article, Skipped

PARAGRAPH = (
    "The harbour authority of Kelmouth said on Tuesday that the new breakwater will be finished "
    "before the winter storms, after engineers reported that the last concrete blocks had been placed. "
)
PAGE = (
    "<html><head><title>Kelmouth breakwater nearly done</title></head><body><article>"
    "<h1>Kelmouth breakwater nearly done</h1>"
    + "".join(
        f"<p>{PARAGRAPH}Paragraph {i} adds that the work employed {i + 40} people.</p>" for i in range(4)
    )
    + "</article></body></html>"
).encode()
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kelmouth Courier</title><link>http://courier.invalid/</link>
<description>News</description>
<item><title>Breakwater nearly done</title><link>http://courier.invalid/a</link>
<guid>http://courier.invalid/a</guid><pubDate>Tue, 03 Jun 2031 10:00:00 GMT</pubDate>
<description>{PARAGRAPH * 2}</description></item>
<item><title>Ferry timetable changes</title><link>http://courier.invalid/b</link>
<guid>http://courier.invalid/b</guid><pubDate>Wed, 04 Jun 2031 10:00:00 GMT</pubDate>
<description>{PARAGRAPH.replace("breakwater", "ferry pier") * 2}</description></item>
</channel></rss>""".encode()
TEXT = (f"Kelmouth breakwater nearly done\n\n{PARAGRAPH}{PARAGRAPH}\n").encode()
# the fetch timeout in these tests: long enough that a page served on loopback never misses it, even on a
# busy two-core machine; short enough that the three fetches of /slow cost a few seconds
TIMEOUT_S = 2.0
# /slow answers only once this is set (at the server's teardown), so its fetch always times out
RELEASE_SLOW = threading.Event()
LIMIT = 64 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    """Serves the fixed pages; ``/slow`` waits until the server is shut down."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def _send(self, body: bytes, ctype: str, length: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if self.path == "/page.html":
            self._send(PAGE, "text/html; charset=utf-8", len(PAGE))
        elif self.path == "/feed.xml":
            self._send(FEED, "application/rss+xml", len(FEED))
        elif self.path == "/story.txt":
            self._send(TEXT, "text/plain; charset=utf-8", len(TEXT))
        elif self.path == "/slow":
            RELEASE_SLOW.wait(timeout=600)
            self._send(TEXT, "text/plain", len(TEXT))
        elif self.path == "/big-declared":
            body = b"x" * (LIMIT + 10)
            self._send(body, "text/plain", len(body))
        elif self.path == "/big-chunked":
            # no Content-Length: the body ends when the connection closes
            self.close_connection = True
            self._send(b"x" * (LIMIT + 10), "text/plain")
        else:
            self.send_error(404, "Not Found")


class QuietServer(http.server.ThreadingHTTPServer):
    """A server that does not print a traceback when a client hangs up (the timed-out fetches do)."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    RELEASE_SLOW.clear()
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        RELEASE_SLOW.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def config() -> Config:
    return dataclasses.replace(Config(), fetch_timeout_s=TIMEOUT_S, max_input_bytes=LIMIT)


@contextlib.contextmanager
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nothing else can take it) but not listening."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield int(s.getsockname()[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("http://a.b/c", True), ("HTTPS://a.b", True), ("ftp://a.b", True), ("a/b.txt", False), ("-", False)],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_fetch_returns_body(server: str, config: Config) -> None:
    assert fetch(f"{server}/story.txt", config) == TEXT


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404"),
        ("/slow", f"timed out after {TIMEOUT_S:g} s"),
        ("/big-declared", f"larger than the {LIMIT}-byte limit ({LIMIT + 10} bytes)"),
        ("/big-chunked", f"larger than the {LIMIT}-byte limit"),
    ],
)
def test_fetch_failures_have_one_line_reasons(server: str, config: Config, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch(f"{server}{path}", config)
    assert str(info.value).startswith(reason)
    assert "\n" not in str(info.value)


def test_fetch_connection_refused(config: Config) -> None:
    with refusing_port() as port, pytest.raises(FetchError, match="^connection refused$"):
        fetch(f"http://127.0.0.1:{port}/x", config)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd"])
def test_fetch_refuses_other_schemes(url: str, config: Config) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, config)


def test_read_url_html_page_gets_url_as_article_url(server: str, config: Config) -> None:
    url = f"{server}/page.html"
    items = list(read_url(url, config))
    assert len(items) == 1 and isinstance(items[0], Article)
    article = items[0]
    assert article.source == url and article.url == url
    assert article.format == "html" and "breakwater" in article.text
    # the id follows the URL: fetching the page again updates the same article
    assert list(read_url(url, config))[0].id == article.id


def test_read_url_feed_gives_its_items(server: str, config: Config) -> None:
    items = list(read_url(f"{server}/feed.xml", config))
    assert [type(i) for i in items] == [Article, Article]
    assert [i.url for i in items] == ["http://courier.invalid/a", "http://courier.invalid/b"]  # type: ignore[union-attr]


def test_read_inputs_mixes_urls_and_goes_on_after_failures(server: str, config: Config) -> None:
    with refusing_port() as port:
        urls = [f"{server}/missing", f"{server}/slow", f"{server}/story.txt", f"http://127.0.0.1:{port}/"]
        items = list(read_inputs(urls, config))
    assert [type(i) for i in items] == [Skipped, Skipped, Article, Skipped]
    reasons = [i.reason for i in items if isinstance(i, Skipped)]
    assert reasons[0].startswith("HTTP 404")
    assert reasons[1] == f"timed out after {TIMEOUT_S:g} s"
    assert reasons[2] == "connection refused"
    assert items[2].source == items[2].url == urls[2]  # type: ignore[union-attr]


def test_cli_ingest_url_names_failures_on_stderr(
    server: str, tmp_path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import crossfact.analysis
    import crossfact.cli
    import crossfact.nlp
    from crossfact.cli import main
    from crossfact.model import ArticleDoc, Sentence

    def fake_process(articles, config, models=None):  # type: ignore[no-untyped-def]
        for a in articles:
            yield ArticleDoc(article=a, sentences=(Sentence(index=0, start=0, end=len(a.text), text=a.text),))

    monkeypatch.setattr(crossfact.nlp, "process", fake_process, raising=False)
    monkeypatch.setattr(
        crossfact.cli, "Config", lambda: dataclasses.replace(Config(), fetch_timeout_s=TIMEOUT_S)
    )
    db = str(tmp_path / "u.db")
    code = main(["--db", db, "ingest", f"{server}/story.txt", f"{server}/missing", f"{server}/slow"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == "ingested 1 article (1 new, 0 updated, 0 unchanged), 2 skipped\n"
    assert err.splitlines() == [
        f"crossfact: skipped {server}/missing: HTTP 404 Not Found",
        f"crossfact: skipped {server}/slow: timed out after {TIMEOUT_S:g} s",
    ]
