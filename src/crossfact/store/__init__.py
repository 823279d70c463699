"""The SQLite store: articles, their sentences (full-text indexed) and their per-article analysis.

One :class:`Store` wraps one database file. It is safe for several processes at once (WAL mode, a busy
timeout, one ``BEGIN IMMEDIATE`` transaction per article), and a failed write leaves nothing half written.
Every sqlite3 error that reaches a caller is turned into a :class:`~crossfact.errors.StoreError` whose
message says what is wrong with which file.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from crossfact.errors import StoreError
from crossfact.model import Article, ArticleDoc
from crossfact.store.schema import MIGRATIONS, SCHEMA, SCHEMA_VERSION, STORY_ROWS, TABLES

log = logging.getLogger(__name__)

__all__ = ["SearchHit", "SearchQueryError", "Store", "StoreError", "read_stories"]

# Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_S = 60.0


_COLUMNS = (
    "id",
    "source",
    "title",
    "outlet",
    "published",
    "published_inferred",
    "url",
    "dateline",
    "language",
    "format",
    "text",
)
_WRITTEN = (*_COLUMNS, "date_hints", "content_hash", "ingested_at")
# insert, or on a changed article update the row in place (so rows that point at it, e.g. stories, stay)
_UPSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_WRITTEN)}) VALUES ({', '.join('?' * len(_WRITTEN))})"
    f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _WRITTEN[1:])}"
)


def read_stories(conn: sqlite3.Connection) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """The stories stored in the database behind ``conn``, as (id, title, article ids).

    The one place stories are listed from, for :meth:`Store.stories` and the web app's catalog alike:
    largest first, then by id; members in publication order (undated last), then by id. sqlite3 errors
    propagate (each caller words its own).
    """
    members: dict[str, list[str]] = {}
    titles: dict[str, str | None] = {}
    for story_id, title, article_id in conn.execute(STORY_ROWS):
        members.setdefault(story_id, []).append(article_id)
        titles[story_id] = title
    # the query's order is the list's order (dicts keep insertion order)
    return [(sid, titles[sid], tuple(ids)) for sid, ids in members.items()]


def _hints_json(hints: Sequence[str]) -> str:
    return json.dumps(list(hints), ensure_ascii=False, separators=(",", ":"))


def _hints_from_json(value: object) -> tuple[str, ...]:
    """Article.date_hints from the column; anything but a JSON array of strings reads as none."""
    if not isinstance(value, str) or not value:
        return ()
    try:
        data = json.loads(value)
    except ValueError:
        return ()
    if not isinstance(data, list):
        return ()
    return tuple(h for h in data if isinstance(h, str))


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether an sqlite3 error means another connection holds the lock (worth waiting and retrying)."""
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class SearchQueryError(StoreError, ValueError):
    """A search query that FTS5 cannot parse; the message names the query and how to write it."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One sentence matching a search: ``snippet`` is the matching part with the terms between markers."""

    article_id: str
    sentence: int
    text: str
    snippet: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None


class Store:
    """A crossfact database; use as a context manager (``with Store(path) as store: ...``).

    Args:
        path: the SQLite file; created with the schema when it does not exist.
        readonly: open without write access (``put`` then raises StoreError).

    An older database is migrated to :data:`~crossfact.store.schema.SCHEMA_VERSION` at open; opened
    read-only it is read as it is (``version`` then says which, and what it lacks reads as empty).

    Raises:
        StoreError: the file cannot be opened or created, is not a crossfact database, or was written by
            a newer crossfact.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        # the file's schema version once open: below SCHEMA_VERSION only when an old file is read-only
        self.version = SCHEMA_VERSION
        self._conn = self._connect()
        try:
            self._open_schema()
        except BaseException:
            self._conn.close()
            raise

    # ---------------------------------------------------------------------------------------------
    # opening and closing
    # ---------------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StoreError(f"cannot open database {self.path}: it is a directory")
        if self.readonly and not self.path.exists():
            raise StoreError(f"cannot open database {self.path}: no such file")
        try:
            if self.readonly:
                conn = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro",
                    uri=True,
                    timeout=BUSY_TIMEOUT_S,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                if not self.path.parent.exists():
                    raise StoreError(
                        f"cannot create database {self.path}: folder {self.path.parent} does not exist"
                    )
                conn = sqlite3.connect(
                    str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
                )
        except sqlite3.Error as exc:
            raise self._error(exc, "open") from exc
        conn.row_factory = sqlite3.Row
        return conn

    def _open_schema(self) -> None:
        """Check or create the schema, retrying while another process holds the lock.

        SQLite's busy handler does not cover every case at open time: switching a new file to WAL, or
        a schema read that races another process creating the schema, can fail at once with "database
        is locked". Those are retried with backoff until ``BUSY_TIMEOUT_S`` has passed.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        pause = 0.01
        while True:
            try:
                self._ensure_schema()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() + pause > deadline:
                    raise self._error(exc, "open") from exc
                log.debug("%s is locked at open, retrying in %.2f s", self.path, pause)
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
            except sqlite3.Error as exc:
                raise self._error(exc, "open") from exc

    def _ensure_schema(self) -> None:
        """Check the schema, or create it; sqlite3 errors propagate to :meth:`_open_schema`."""
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this crossfact supports "
                f"({SCHEMA_VERSION}); upgrade crossfact"
            )
        if version >= 1:
            self._check_tables()
            self.version = version
            if not self.readonly:
                self._set_wal()
                if version < SCHEMA_VERSION:
                    self._migrate()
            return
        if self.readonly:
            raise StoreError(f"{self.path} is not a crossfact database (no schema) and is opened read-only")
        self._set_wal()
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process may have created the schema while we waited for the lock
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                if tables:
                    raise StoreError(
                        f"{self.path} is an SQLite database but not a crossfact one; use another --db file"
                    )
                for statement in _statements(SCHEMA):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if version == 0:
            log.debug("created crossfact schema v%d in %s", SCHEMA_VERSION, self.path)
        elif version < SCHEMA_VERSION:  # an older crossfact created it meanwhile
            self._migrate()

    def _migrate(self) -> None:
        """Bring an older database up to :data:`SCHEMA_VERSION`, in one transaction.

        Another process may migrate the same file at the same time: the version is read again once the
        write lock is held, so only one of them does the work.
        """
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            start = version
            while version < SCHEMA_VERSION:
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.version = version
        if start < version:
            log.info("%s: schema migrated from version %d to %d", self.path, start, version)

    def _set_wal(self) -> None:
        if str(self._conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return  # the mode is stored in the file: nothing to switch, no exclusive lock needed
        mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("%s: journal mode is %s, not WAL", self.path, mode)

    def _check_tables(self) -> None:
        names = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in TABLES if t not in names]
        if missing:
            raise StoreError(f"{self.path} is not a crossfact database: table {missing[0]} is missing")

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # ---------------------------------------------------------------------------------------------
    # errors
    # ---------------------------------------------------------------------------------------------

    def _error(self, exc: sqlite3.Error, action: str) -> StoreError:
        """Turn a sqlite3 error into a StoreError that says what went wrong with which file."""
        text = str(exc)
        low = text.lower()
        if "readonly" in low or "read-only" in low:
            return StoreError(f"cannot {action} database {self.path}: it is read-only ({text})")
        if "disk is full" in low or "database or disk is full" in low:
            return StoreError(f"cannot {action} database {self.path}: the disk is full ({text})")
        if "not a database" in low or "malformed" in low:
            return StoreError(f"cannot {action} {self.path}: it is not a crossfact database ({text})")
        if "locked" in low or "busy" in low:
            return StoreError(
                f"cannot {action} database {self.path}: it stayed locked by another process ({text})"
            )
        if "unable to open" in low:
            if self.path.exists() and not self.readonly:
                # an existing WAL database in a folder that cannot be written: SQLite cannot create -shm
                return StoreError(
                    f"cannot {action} database {self.path}: it or its folder is read-only, or the file is "
                    f"unreadable ({text})"
                )
            return StoreError(f"cannot {action} database {self.path}: unable to open the file ({text})")
        return StoreError(f"cannot {action} database {self.path}: {text}")

    @contextmanager
    def _transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        if self.readonly:
            raise StoreError(f"cannot {action} database {self.path}: it is opened read-only")
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc, action) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:  # SQLite may have rolled back itself (e.g. disk full)
                        log.debug("rollback failed after %r", exc)
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc, action) from exc
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self._error(exc, "read") from exc

    # ---------------------------------------------------------------------------------------------
    # writing
    # ---------------------------------------------------------------------------------------------

    def put(self, doc: ArticleDoc) -> str:
        """Store an analysed article in one transaction.

        Returns "new" (first time), "updated" (its content changed: the old sentences and analysis are
        replaced) or "unchanged" (same content hash; a changed per-article analysis is still refreshed).

        Raises:
            StoreError: the database is read-only, the disk is full, or another write error; nothing of
                this article is written then.
        """
        article = doc.article
        content_hash = article.content_hash
        doc_json = json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self._transaction("write") as conn:
            row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
            if row is not None and row["content_hash"] == content_hash:
                # same content: keep the rows, refresh the analysis (the NLP may have improved) and the
                # date hints (ingest may have), so articles() and docs() agree
                conn.execute(
                    "UPDATE analysis SET doc_json = ? WHERE article_id = ? AND doc_json <> ?",
                    (doc_json, article.id, doc_json),
                )
                hints = _hints_json(article.date_hints)
                conn.execute(
                    "UPDATE articles SET date_hints = ? WHERE id = ? AND date_hints <> ?",
                    (hints, article.id, hints),
                )
                return "unchanged"
            status = "new" if row is None else "updated"
            if row is not None:
                # the trigger removes the old sentences from the full-text index; story links are kept
                conn.execute("DELETE FROM sentences WHERE article_id = ?", (article.id,))
                conn.execute("DELETE FROM analysis WHERE article_id = ?", (article.id,))
            conn.execute(
                _UPSERT_ARTICLE,
                (
                    article.id,
                    article.source,
                    article.title,
                    article.outlet,
                    article.published,
                    int(article.published_inferred),
                    article.url,
                    article.dateline,
                    article.language,
                    article.format,
                    article.text,
                    _hints_json(article.date_hints),
                    content_hash,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            conn.executemany(
                'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                [(article.id, s.index, s.start, s.end, s.text) for s in doc.sentences],
            )
            conn.execute("INSERT INTO analysis (article_id, doc_json) VALUES (?, ?)", (article.id, doc_json))
        return status

    def delete(self, article_id: str) -> bool:
        """Remove an article with its sentences, analysis and story link (a story left empty goes too);
        False when it was not there."""
        with self._transaction("write") as conn:
            found = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0
            if found:
                conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")
            return found

    def assign_stories(self, assignments: Mapping[str, str], titles: Mapping[str, str]) -> None:
        """Put articles into stories, in one transaction.

        Args:
            assignments: article id -> story id; an article's previous story link is replaced. Ids of
                articles not in the store are ignored (with a debug log line).
            titles: story id -> title; stories named here get this title (created when new).

        Stories left without any article afterwards are removed.

        Raises:
            StoreError: the database cannot be written; nothing is changed then.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction("write") as conn:
            known = {r[0] for r in conn.execute("SELECT id FROM articles")}
            needed = set(titles) | set(assignments.values())
            for sid in sorted(needed):
                conn.execute(
                    "INSERT INTO stories (id, title, created) VALUES (?, ?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET title = coalesce(excluded.title, stories.title)",
                    (sid, titles.get(sid), now),
                )
            for article_id, sid in assignments.items():
                if article_id not in known:
                    log.debug("assign_stories: no article %s in %s; ignored", article_id, self.path)
                    continue
                conn.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
                conn.execute(
                    "INSERT INTO story_articles (story_id, article_id) VALUES (?, ?)", (sid, article_id)
                )
            conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_articles)")

    def story_assignments(self) -> dict[str, str]:
        """Every stored story link: article id -> story id."""
        rows = self._read("SELECT article_id, story_id FROM story_articles ORDER BY article_id")
        return {r["article_id"]: r["story_id"] for r in rows}

    def stories(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """The stored stories as (id, title, article ids), largest first, then by id; members are in
        (published, id) order."""
        with self._lock:
            try:
                stories = read_stories(self._conn)
            except sqlite3.Error as exc:
                raise self._error(exc, "read") from exc
        return [(sid, title or "", ids) for sid, title, ids in stories]

    def story(self, story_id: str) -> tuple[str, str, tuple[str, ...]]:
        """One stored story as (id, title, article ids); raises KeyError when there is no such story."""
        rows = self._read(
            "SELECT s.title, sa.article_id FROM stories s"
            " JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id"
            " WHERE s.id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
        if not rows:
            raise KeyError(story_id)
        return story_id, rows[0]["title"] or "", tuple(r["article_id"] for r in rows)

    def story_of(self, article_id: str) -> str | None:
        """The id of the story this article is in, or None (not assigned, or no such article)."""
        rows = self._read("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
        return rows[0]["story_id"] if rows else None

    # ---------------------------------------------------------------------------------------------
    # reading
    # ---------------------------------------------------------------------------------------------

    def get(self, article_id: str) -> ArticleDoc:
        """The stored analysed article with this id; raises KeyError when absent."""
        rows = self._read("SELECT doc_json FROM analysis WHERE article_id = ?", (article_id,))
        if not rows:
            raise KeyError(article_id)
        return _doc(rows[0]["doc_json"], self.path)

    def docs(self, ids: Sequence[str] | None = None) -> list[ArticleDoc]:
        """The stored analysed articles, ordered by id; only ``ids`` when given (raises KeyError on a
        missing one)."""
        if ids is None:
            rows = self._read("SELECT doc_json FROM analysis ORDER BY article_id")
            return [_doc(r["doc_json"], self.path) for r in rows]
        return [self.get(i) for i in ids]

    def articles(self) -> list[Article]:
        """Every stored article (without analysis), ordered by publication date then id.

        An old database opened read-only (schema version 1, no hints column) gives empty ``date_hints``.
        """
        hints = "date_hints" if self.version >= 2 else "'[]' AS date_hints"
        rows = self._read(
            f"SELECT {', '.join(_COLUMNS)}, {hints} FROM articles ORDER BY published IS NULL, published, id"
        )
        return [
            Article(
                id=r["id"],
                text=r["text"],
                source=r["source"],
                title=r["title"],
                outlet=r["outlet"],
                published=r["published"],
                published_inferred=bool(r["published_inferred"]),
                url=r["url"],
                dateline=r["dateline"],
                language=r["language"],
                format=r["format"],
                date_hints=_hints_from_json(r["date_hints"]),
            )
            for r in rows
        ]

    def search(self, query: str, limit: int = 20, markers: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Full-text search over sentences (FTS5 query syntax: words, "phrases", AND/OR/NOT, prefix*).

        Accents and case are ignored. Hits come best first (bm25); ``snippet`` puts ``markers`` around
        the matching terms.

        Raises:
            SearchQueryError: (a ValueError) the query is empty or not valid FTS5 syntax.
        """
        if not query or not query.strip():
            raise SearchQueryError("empty search query: give one or more words")
        if limit < 1:
            raise SearchQueryError(f"search limit must be at least 1, not {limit}")
        sql = (
            "SELECT s.article_id, s.idx, s.text, a.title, a.outlet, a.published,"
            " snippet(sentences_fts, 0, ?, ?, '…', 16) AS snip"
            " FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE sentences_fts MATCH ? ORDER BY bm25(sentences_fts), s.article_id, s.idx LIMIT ?"
        )
        with self._lock:
            try:
                rows = self._conn.execute(sql, (markers[0], markers[1], query, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                text = str(exc)
                # "unknown special query": a query of only "*" (FTS5 reads it as a special command)
                syntax = ("fts5", "no such column", "unterminated", "unknown special query")
                if any(k in text for k in syntax):
                    raise SearchQueryError(
                        f"invalid search query {query!r}: {text}; put words with punctuation in double "
                        'quotes, e.g. "U.S." or "New York"'
                    ) from exc
                raise self._error(exc, "search") from exc
            except sqlite3.Error as exc:
                raise self._error(exc, "search") from exc
        return [
            SearchHit(
                article_id=r["article_id"],
                sentence=r["idx"],
                text=r["text"],
                snippet=r["snip"],
                title=r["title"],
                outlet=r["outlet"],
                published=r["published"],
            )
            for r in rows
        ]

    def __len__(self) -> int:
        return int(self._read("SELECT count(*) FROM articles")[0][0])

    def __contains__(self, article_id: object) -> bool:
        return bool(self._read("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` plus the FTS index check: "ok" when all is well."""
        result = str(self._read("PRAGMA integrity_check")[0][0])
        if result != "ok":
            return result
        with self._lock:
            try:
                self._conn.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
            except sqlite3.Error as exc:
                return f"full-text index: {exc}"
        return "ok"


def _doc(doc_json: str, path: Path) -> ArticleDoc:
    try:
        return ArticleDoc.from_dict(json.loads(doc_json))
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"{path}: a stored analysis cannot be read ({exc}); re-ingest the article") from exc


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements (trigger bodies hold semicolons)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
