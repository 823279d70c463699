"""The SQLite schema of a crossfact store, and its version.

``PRAGMA user_version`` holds :data:`SCHEMA_VERSION`; a database with a higher version was written by a newer
crossfact and is refused rather than misread. Sentences are indexed by an external-content FTS5 table kept in
step by triggers, so deleting an article (which cascades to its sentences) also removes them from the index.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

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
    ingested_at TEXT NOT NULL
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
