"""The SQLite schema of a crossfact store, its version, its migrations and the story-list query.

``PRAGMA user_version`` holds :data:`SCHEMA_VERSION`; a database with a higher version was written by a newer
crossfact and is refused rather than misread; an older one is brought up to date at open by
:data:`MIGRATIONS` (or, opened read-only, read as it is). Sentences are indexed by an external-content FTS5
table kept in step by triggers, so deleting an article (which cascades to its sentences) also removes them
from the index.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

# Tables every crossfact database has; one of them missing means the file is not (or no longer) ours.
TABLES = ("articles", "sentences", "sentences_fts", "analysis", "stories", "story_articles")

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    published TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    url TEXT,
    dateline TEXT,
    language TEXT,
    format TEXT NOT NULL DEFAULT 'text',
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    -- Article.date_hints as a JSON array of strings (added in version 2)
    date_hints TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (article_id, idx)
);

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text,
    content='sentences',
    content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TABLE analysis (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    doc_json TEXT NOT NULL
);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    created TEXT NOT NULL
);
CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles(article_id);
"""

# The statements that take a database from version N to N + 1, run in one transaction at open.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "ALTER TABLE articles ADD COLUMN date_hints TEXT NOT NULL DEFAULT '[]'",
        # version 1 kept the hints only inside the stored analysis: copy them out where they are
        "UPDATE articles SET date_hints = coalesce((SELECT json_extract(doc_json, '$.article.date_hints')"
        " FROM analysis WHERE analysis.article_id = articles.id AND json_valid(doc_json)"
        " AND json_type(doc_json, '$.article.date_hints') = 'array'), '[]')",
    ),
}

# The SQL both the CLI (Store.stories) and the web app (web.catalog) list stories with: one row per
# (story, article), stories largest first then by id, members in publication order (undated last) then
# by id. Keep the two in step by using this constant, never a copy.
STORY_ROWS = """
SELECT s.id AS story_id, s.title AS title, a.id AS article_id
FROM stories s
JOIN story_articles sa ON sa.story_id = s.id
JOIN articles a ON a.id = sa.article_id
JOIN (SELECT story_id, count(*) AS n FROM story_articles GROUP BY story_id) sizes ON sizes.story_id = s.id
ORDER BY sizes.n DESC, s.id, a.published IS NULL, a.published, a.id
"""
