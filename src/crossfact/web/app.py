"""The local web app: stories, articles with highlights, full-text search and an upload form.

Every HTML page has a JSON twin (``/stories.json``, ``/story/{id}.json``, ``/article/{id}.json``,
``/search.json?q=``, ``POST /add.json``). Ids in paths are only ever looked up in the database, never used
as file names. Models load once per app, on first use; a story's analysis is cached in memory, keyed by the
set of its articles' content hashes, so it is recomputed only when an article changes.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from crossfact.config import Config
from crossfact.model import ArticleDoc, Report, Story
from crossfact.render.html import assets, template_env
from crossfact.render.htmlview import Context, article_view, article_views, sentence_dom_id, story_view
from crossfact.web.catalog import Catalog, StoryGroup

log = logging.getLogger(__name__)

__all__ = ["CrossfactWeb", "create_app", "serve"]

HERE = Path(__file__).resolve().parent
SEARCH_LIMIT = 50
# articles kept decoded in memory for the article pages (decoding a stored analysis costs milliseconds)
DOC_CACHE_SIZE = 256
# the snippet markers: control characters no article text holds, so the split is exact
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
# a story's analysis from its articles (the default runs crossfact.pipeline.analyze_docs)
Analyzer = Callable[[Sequence[ArticleDoc]], Report]


class CrossfactWeb:
    """The app's state: the store, lazily loaded models and the per-story analysis cache."""

    def __init__(
        self,
        db_path: str | Path,
        config: Config,
        models: Any = None,
        embedder: Any = None,
        max_upload_bytes: int | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        from crossfact.store import Store

        self.db_path = Path(db_path)
        self.config = config
        self.store = Store(self.db_path)  # creates the database when it does not exist
        self.catalog = Catalog(self.db_path)
        self.max_upload_bytes = max_upload_bytes if max_upload_bytes is not None else config.max_input_bytes
        self._models = models
        self._embedder = embedder
        self._analyzer = analyzer
        self._model_lock = threading.Lock()
        self._cache: dict[frozenset[str], dict[str, Any]] = {}
        self._cache_lock = threading.Lock()
        self._key_locks: dict[frozenset[str], threading.Lock] = {}
        self._docs: dict[tuple[str, str], ArticleDoc] = {}

    # models, loaded once on first use -----------------------------------------------------------

    def models(self) -> Any:
        """The per-article NLP models (spaCy), loaded on first use."""
        with self._model_lock:
            if self._models is None:
                from crossfact.nlp import Models

                self._models = Models(self.config)
            return self._models

    def embedder(self) -> Any:
        """The sentence embedder, loaded on first use."""
        with self._model_lock:
            if self._embedder is None:
                from crossfact.analysis.embed import Embedder

                self._embedder = Embedder(self.config.embed_batch_size)
            return self._embedder

    # stories ------------------------------------------------------------------------------------

    def story(self, group: StoryGroup) -> dict[str, Any]:
        """The analysed story of a group: its report and page data, computed once per set of contents."""
        key = self.catalog.hashes(group.articles)
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is not None:
                return hit
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:  # one computation per story at a time; the others wait for it
            with self._cache_lock:
                if key in self._cache:
                    return self._cache[key]
            entry = self._analyse(group)
            with self._cache_lock:
                self._cache[key] = entry
                self._key_locks.pop(key, None)
            return entry

    def _analyse(self, group: StoryGroup) -> dict[str, Any]:
        from crossfact.pipeline import analyze_docs

        docs = self.store.docs(list(group.articles))
        report: Report
        if self._analyzer is not None:
            report = self._analyzer(docs)
        else:
            report = analyze_docs(docs, self.config, self.embedder())
        ctx = Context(report.docs)
        story = report.stories[0] if report.stories else Story(id=group.id, title=group.title)
        view = story_view(story, ctx)
        view.id = group.id
        links = {d.article.id: article_url(d.article.id) for d in report.docs}
        return {"report": report, "view": view, "articles": article_views(report.docs, ctx), "links": links}

    def doc(self, article_id: str) -> ArticleDoc:
        """A stored article with its analysis, cached by content hash; raises KeyError when absent."""
        content_hash = self.catalog.content_hash(article_id)
        if content_hash is None:
            raise KeyError(article_id)
        key = (article_id, content_hash)
        with self._cache_lock:
            doc = self._docs.pop(key, None)
        if doc is None:
            doc = self.store.get(article_id)  # KeyError when it went away meanwhile
        with self._cache_lock:
            self._docs[key] = doc  # re-inserted last: the dict's order is the recency order
            while len(self._docs) > DOC_CACHE_SIZE:
                del self._docs[next(iter(self._docs))]
        return doc

    def group(self, story_id: str) -> StoryGroup:
        """The listed story with this id; raises HTTPException 404 when there is none."""
        group = self.catalog.group(story_id)
        if group is None or not group.articles:
            raise HTTPException(404, f"no story with id {story_id!r}")
        return group


def article_url(article_id: str, sentence: int | None = None) -> str:
    """The app's URL of an article, with a sentence highlighted when given."""
    url = f"/article/{quote(article_id, safe='')}"
    if sentence is not None:
        url += f"?s={sentence}#{sentence_dom_id(article_id, sentence)}"
    return url


def story_url(story_id: str) -> str:
    """The app's URL of a story."""
    return f"/story/{quote(story_id, safe='')}"


def _snippet(text: str) -> list[tuple[str, bool]]:
    """A search snippet as (piece, is a match) pairs."""
    pieces: list[tuple[str, bool]] = []
    for n, part in enumerate(re.split(f"[{_MARK_OPEN}{_MARK_CLOSE}]", text)):
        if part:
            pieces.append((part, n % 2 == 1))
    return pieces


def _is_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


# --------------------------------------------------------------------------------------------------
# the app
# --------------------------------------------------------------------------------------------------


def create_app(
    db_path: str | Path,
    config: Config | None = None,
    *,
    models: Any = None,
    embedder: Any = None,
    max_upload_bytes: int | None = None,
    analyzer: Analyzer | None = None,
) -> Starlette:
    """The Starlette app over one crossfact database.

    Args:
        db_path: the SQLite store (created when absent).
        config: settings (defaults when None).
        models: loaded per-article NLP models to share (loaded on the first upload when None).
        embedder: a loaded sentence embedder to share (loaded on the first story page when None).
        max_upload_bytes: the largest upload (``config.max_input_bytes`` by default); more gets 413.
        analyzer: computes a story's report from its articles (tests pass a stub); by default the
            pipeline's analysis with the shared embedder.

    Raises:
        StoreError: the database cannot be opened or created.
    """
    state = CrossfactWeb(db_path, config or Config(), models, embedder, max_upload_bytes, analyzer)
    templates = Jinja2Templates(env=template_env([HERE / "templates"]))
    templates.env.globals.update(assets())
    templates.env.globals.update(article_url=article_url, story_url=story_url)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status)

    def stories_data() -> list[dict[str, Any]]:
        return [
            {"id": g.id, "title": g.title, "articles": list(g.articles), "url": story_url(g.id)}
            for g in state.catalog.groups()
        ]

    def index(request: Request) -> Response:
        return page(
            request, "index.html", {"stories": state.catalog.groups(), "n_articles": len(state.store)}
        )

    def index_json(request: Request) -> Response:
        return JSONResponse({"stories": stories_data()})

    def story(request: Request) -> Response:
        group = state.group(request.path_params["id"])
        entry = state.story(group)
        # the page is a pure function of the cached analysis: render it once per cache entry
        if "html" not in entry:
            context = {"view": entry["view"], "articles": entry["articles"], "links": entry["links"]}
            entry["html"] = templates.get_template("story.html").render(context).encode("utf-8")
        return Response(entry["html"], media_type="text/html")

    def story_json(request: Request) -> Response:
        group = state.group(request.path_params["id"])
        entry = state.story(group)
        if "json" not in entry:
            data = entry["report"].to_dict()
            entry["json"] = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return Response(entry["json"], media_type="application/json")

    def _doc(request: Request) -> Any:
        article_id = request.path_params["id"]
        try:
            return state.doc(article_id)
        except KeyError:
            raise HTTPException(404, f"no article with id {article_id!r}") from None

    def _sentence(request: Request, n_sentences: int) -> int | None:
        raw = request.query_params.get("s")
        if raw is None or raw == "":
            return None
        if not raw.isdigit() or int(raw) >= n_sentences:
            raise HTTPException(400, f"s={raw!r} is not a sentence of this article (0 to {n_sentences - 1})")
        return int(raw)

    def article(request: Request) -> Response:
        doc = _doc(request)
        highlight = _sentence(request, len(doc.sentences))
        ctx = Context([doc])
        view = article_view(doc, ctx.label(doc.article.id), highlight)
        stories = [g for g in state.catalog.groups() if doc.article.id in g.articles]
        return page(request, "article.html", {"a": view, "stories": stories, "highlight": highlight})

    def article_json(request: Request) -> Response:
        doc = _doc(request)
        _sentence(request, len(doc.sentences))
        return JSONResponse(doc.to_dict())

    def _search(request: Request) -> tuple[str, list[Any]]:
        from crossfact.store import SearchQueryError

        query = request.query_params.get("q", "").strip()
        if not query:
            return "", []
        try:
            return query, state.store.search(query, SEARCH_LIMIT, markers=(_MARK_OPEN, _MARK_CLOSE))
        except SearchQueryError as exc:
            raise HTTPException(400, str(exc)) from exc

    def search(request: Request) -> Response:
        query, hits = _search(request)
        rows = [
            {"hit": h, "pieces": _snippet(h.snippet), "url": article_url(h.article_id, h.sentence)}
            for h in hits
        ]
        return page(request, "search.html", {"query": query, "rows": rows})

    def search_json(request: Request) -> Response:
        query, hits = _search(request)
        return JSONResponse(
            {
                "query": query,
                "hits": [
                    {
                        "article": h.article_id,
                        "sentence": h.sentence,
                        "text": h.text,
                        "snippet": h.snippet.replace(_MARK_OPEN, "[").replace(_MARK_CLOSE, "]"),
                        "title": h.title,
                        "outlet": h.outlet,
                        "published": h.published,
                        "url": article_url(h.article_id, h.sentence),
                    }
                    for h in hits
                ],
            }
        )

    def add_form(request: Request) -> Response:
        return page(request, "add.html", {"limit": state.max_upload_bytes, "result": None})

    async def add(request: Request) -> Response:
        result = await _upload(request, state)
        if _is_json(request):
            return JSONResponse(result)
        return page(request, "add.html", {"limit": state.max_upload_bytes, "result": result})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if _is_json(request):
            return JSONResponse({"error": exc.detail, "status": exc.status_code}, status_code=exc.status_code)
        return page(
            request, "error.html", {"status": exc.status_code, "message": exc.detail}, exc.status_code
        )

    routes = [
        Route("/", index),
        Route("/.json", index_json),
        Route("/stories.json", index_json),
        Route("/story/{id:path}.json", story_json),
        Route("/story/{id:path}", story),
        Route("/article/{id:path}.json", article_json),
        Route("/article/{id:path}", article),
        Route("/search.json", search_json),
        Route("/search", search),
        Route("/add", add_form, methods=["GET"]),
        Route("/add", add, methods=["POST"]),
        Route("/add.json", add, methods=["POST"]),
        Route("/stories", lambda request: RedirectResponse("/", 301)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error},
        middleware=[Middleware(_SecurityHeaders)],
    )
    app.state.crossfact = state
    return app


class _SecurityHeaders:
    """ASGI wrapper adding a strict Content-Security-Policy (no outside resource may load) and friends."""

    CSP = (
        "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", self.CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --------------------------------------------------------------------------------------------------
# upload
# --------------------------------------------------------------------------------------------------


async def _upload(request: Request, state: CrossfactWeb) -> dict[str, Any]:
    """Read a multipart upload (refusing more than the limit with 413) and ingest its files."""
    from starlette.concurrency import run_in_threadpool

    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        # a page on another site must not be able to add articles to a local store
        raise HTTPException(403, f"uploads are accepted from this app's own pages only, not from {origin}")
    limit = state.max_upload_bytes
    too_big = HTTPException(413, f"upload too large: the limit is {limit:,} bytes ({limit / 2**20:.1f} MiB)")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise too_big
    # count what arrives too (a chunked body declares no length), then replay it to the form parser
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit + 64 * 1024:
            raise too_big
    replay = Request(request.scope, receive=_replay(bytes(body)))
    try:
        form = await replay.form(max_files=100, max_fields=20)
    except Exception as exc:  # malformed multipart: the parser's own message
        raise HTTPException(400, f"cannot read the upload: {exc}") from exc
    files = [f for f in form.getlist("file") if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise HTTPException(400, "no file in the upload: choose one or more files in the field 'file'")
    with tempfile.TemporaryDirectory(prefix="crossfact-upload-") as tmp:
        total = 0
        for n, f in enumerate(files):
            data = await f.read()
            total += len(data)
            if total > limit:
                raise too_big
            name = _SAFE_NAME.sub("_", Path(f.filename or "").name).strip("._") or f"upload-{n}"
            target = Path(tmp) / name
            if target.exists():
                target = Path(tmp) / f"{n}-{name}"
            target.write_bytes(data)
        result = await run_in_threadpool(_ingest, state, tmp)
    return result


def _ingest(state: CrossfactWeb, folder: str) -> dict[str, Any]:
    from crossfact.pipeline import ingest

    result = ingest([folder], state.config, state.store, state.models())
    prefix = folder.rstrip("/") + "/"
    return {
        "summary": result.summary(),
        "new": result.new,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "articles": [{"id": i, "url": article_url(i)} for i in result.ids],
        "skipped": [
            {"source": s.source.replace(prefix, ""), "reason": s.reason.replace(prefix, "")}
            for s in result.skipped
        ],
    }


def _replay(body: bytes) -> Any:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def serve(
    db_path: str | Path, host: str = "127.0.0.1", port: int = 8765, config: Config | None = None
) -> None:
    """Run the app with uvicorn until interrupted; binds to the loopback interface unless told otherwise.

    Raises:
        StoreError: the database cannot be opened or created.
    """
    import uvicorn

    app = create_app(db_path, config)
    log.info("serving %s on http://%s:%d/", db_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
