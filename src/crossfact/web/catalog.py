"""What the web app lists: the stories of a store and the content hashes of their articles.

Read straight from the store's tables through a read-only SQLite connection of its own (cheap queries that
never load an article's analysis), so the story list and the analysis cache key cost a few milliseconds
however large the articles are. The stories come from :func:`crossfact.store.read_stories`, the same query
and order as ``crossfact stories``. Articles not assigned to any story form one more story; when the store
has no story at all, every article is one story, "All articles".
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from crossfact.errors import StoreError
from crossfact.store import read_stories

log = logging.getLogger(__name__)

ALL_ID = "all"
ALL_TITLE = "All articles"
UNASSIGNED_ID = "unassigned"
UNASSIGNED_TITLE = "Articles in no story"


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """A story as listed: its id, title and article ids (in publication order)."""

    id: str
    title: str
    articles: tuple[str, ...]


class Catalog:
    """Read-only queries over a crossfact database for the story list and cache keys.

    Args:
        path: the database file (created by :class:`crossfact.store.Store` beforehand).

    Raises:
        StoreError: the file cannot be opened read-only.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=30
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path} read-only: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read database {self.path}: {exc}") from exc

    def groups(self) -> list[StoryGroup]:
        """The stories: those stored (in :meth:`crossfact.store.Store.stories` order), then the unassigned
        articles; or all articles as one story when none is stored."""
        with self._lock:
            try:
                # one read transaction, so the stories and the article list are of the same moment
                self._conn.execute("BEGIN")
                try:
                    stored = read_stories(self._conn)
                    articles = [
                        r[0]
                        for r in self._conn.execute(
                            "SELECT id FROM articles ORDER BY published IS NULL, published, id"
                        )
                    ]
                finally:
                    self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read database {self.path}: {exc}") from exc
        if not stored:
            return [StoryGroup(ALL_ID, ALL_TITLE, tuple(articles))] if articles else []
        groups = [StoryGroup(sid, title or "Untitled story", ids) for sid, title, ids in stored]
        assigned = {a for _sid, _title, ids in stored for a in ids}
        rest = tuple(a for a in articles if a not in assigned)
        if rest:
            groups.append(StoryGroup(UNASSIGNED_ID, UNASSIGNED_TITLE, rest))
        return groups

    def group(self, story_id: str) -> StoryGroup | None:
        """The story with this id, or None."""
        return next((g for g in self.groups() if g.id == story_id), None)

    def content_hash(self, article_id: str) -> str | None:
        """The content hash of one article, or None when the store has no such article."""
        rows = self._rows("SELECT content_hash FROM articles WHERE id = ?", (article_id,))
        return str(rows[0][0]) if rows else None

    def hashes(self, article_ids: tuple[str, ...]) -> frozenset[str]:
        """The content hashes of these articles: the analysis cache key of a story."""
        if not article_ids:
            return frozenset()
        found: set[str] = set()
        # chunks keep under SQLite's limit on bound parameters
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self._rows(f"SELECT content_hash FROM articles WHERE id IN ({marks})", chunk)
            )
        return frozenset(found)
