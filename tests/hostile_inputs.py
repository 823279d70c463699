"""Hand-made bad inputs and a synthetic news corpus, shared by the reliability tests and
``benchmarks/reliability.py``.

Everything here is generated (own templates, no real article text), small on disk (the 100 MB file is
sparse), and deterministic for a given seed.
"""

from __future__ import annotations

import io
import os
import random
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BadInput:
    """One hostile input: its file name, and what ingesting it must give.

    ``kept``: it yields at least one stored article (else it is skipped as a whole with a one-line reason);
    ``reason``: words a skip reason for it must contain (case-insensitive).
    """

    name: str
    kept: bool
    reason: str = ""


# the text of the kept ones, checked verbatim after the round trip through the store
UTF16_TEXT = "The storm reached the coast on Monday. Officials said 12 people were hurt. Crème shops closed."
LATIN1_TEXT = "Café owners in Zürich protested on Tuesday. The mayor said the façade rules would stay."
GERMAN_TEXT = (
    "Die Bundesregierung hat am Mittwoch in Berlin den Haushalt für das kommende Jahr beschlossen. "
    "Der Finanzminister Karl Gruber sagte, die Schuldenbremse werde eingehalten. "
    "Die Opposition in Hamburg und München kritisierte die Pläne scharf."
)
RUN_ON_TEXT = ("and then the crowd went on walking past the old station " * 400)[:20_000].strip()
GOOD_TEXT = "The bridge reopened on Friday after repairs. Engineers said it was safe."
JSONL_TEXTS = (
    "The council met on Monday. It approved the budget.",
    "The river rose on Tuesday. Roads were closed.",
)

BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("empty.txt", False, "empty"),
    BadInput("blank.txt", False, "empty"),
    BadInput("photo.png", False, "binary"),
    BadInput("bundle.zip", False, "binary"),
    BadInput("huge.txt", False, "limit"),
    BadInput("nav.html", False, "no article"),
    BadInput("nested.html", False, ""),
    BadInput("broken.rss", False, "malformed feed"),
    BadInput("broken.atom", False, "malformed feed"),
    BadInput("laughs.xml", False, "entit"),
    BadInput("shape.json", False, "unknown shape"),
    BadInput("lines.jsonl", True, "invalid json"),  # one bad line skipped, the good ones kept
    BadInput("loop", True),  # a folder holding a symbolic link to its parent
    BadInput("utf16.txt", True),
    BadInput("latin1.txt", True),
    BadInput("german.txt", True),
    BadInput("runon.txt", True),
    BadInput("good.txt", True),
)


def billion_laughs(levels: int = 9) -> str:
    """An RSS feed whose DTD would expand to 10**levels copies of "lol" (3 GB for 9) if entities were
    expanded."""
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", ' <!ENTITY lol "lol">']
    for i in range(1, levels + 1):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lines.append(f' <!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    lines.append("]>")
    lines.append(
        f'<rss version="2.0"><channel><title>&lol{levels};</title><item><title>Laughs</title>'
        f"<description>&lol{levels}; and then some more words so that it reads like an article."
        "</description></item></channel></rss>"
    )
    return "\n".join(lines)


def png_bytes() -> bytes:
    """A small PNG image (a valid header and IHDR chunk, then pseudo-random bytes)."""
    rng = random.Random(7)
    header = (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    )
    return header + b"\0\0\0\0" + bytes(rng.randrange(256) for _ in range(400))


def zip_bytes() -> bytes:
    """A zip archive holding one text file."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("story.txt", "Hello world. " * 50)
    return buf.getvalue()


def write_sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no disk space (a hole, then one byte at the end)."""
    with open(path, "wb") as f:
        f.truncate(size)


def write_bad_inputs(folder: Path, huge_bytes: int = 100 * MIB) -> dict[str, BadInput]:
    """Write every input of :data:`BAD_INPUTS` into ``folder``; returns them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    (folder / "photo.png").write_bytes(png_bytes())
    (folder / "bundle.zip").write_bytes(zip_bytes())
    write_sparse(folder / "huge.txt", huge_bytes)
    (folder / "nav.html").write_bytes(
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/x'>News</a>"
        b"</nav><footer>(c) Example</footer></body></html>"
    )
    depth = 50_000
    (folder / "nested.html").write_bytes(
        b"<html><body>" + b"<div>" * depth + b"Deep." + b"</div>" * depth + b"</body></html>"
    )
    (folder / "broken.rss").write_bytes(
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><item><title>A</title>"
        b"<description>Cut off in the mid"
    )
    (folder / "broken.atom").write_bytes(
        b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>T</title>"
        b"<entry><title>A<summary>x</entry>"
    )
    (folder / "laughs.xml").write_text(billion_laughs(), encoding="utf-8")
    (folder / "shape.json").write_text('{"foo": [1, 2, 3], "bar": {"baz": null}}', encoding="utf-8")
    good1, good2 = JSONL_TEXTS
    (folder / "lines.jsonl").write_text(
        f'{{"title": "Council budget", "maintext": "{good1}", "language": "en"}}\n'
        "{not json at all\n"
        f'{{"title": "River floods", "maintext": "{good2}", "language": "en"}}\n',
        encoding="utf-8",
    )
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "up").is_symlink():
        os.symlink("..", loop / "up")
    (loop / "inner.txt").write_text(
        "Inner note\n\nThe museum opened a new wing on Sunday.\n", encoding="utf-8"
    )
    (folder / "utf16.txt").write_bytes(f"Storm hits coast\n\n{UTF16_TEXT}\n".encode("utf-16"))
    (folder / "latin1.txt").write_bytes(f"Cafe owners protest\n\n{LATIN1_TEXT}\n".encode("latin-1"))
    (folder / "german.txt").write_text(f"Regierung beschließt Haushalt\n\n{GERMAN_TEXT}\n", encoding="utf-8")
    (folder / "runon.txt").write_text(f"Run on text\n\n{RUN_ON_TEXT}\n", encoding="utf-8")
    (folder / "good.txt").write_text(f"Bridge reopens\n\n{GOOD_TEXT}\n", encoding="utf-8")
    return {b.name: b for b in BAD_INPUTS}


# --------------------------------------------------------------------------------------------------
# a synthetic corpus
# --------------------------------------------------------------------------------------------------

_PLACES = ("Lisbon", "Oslo", "Nairobi", "Lima", "Hanoi", "Quebec", "Perth", "Tbilisi", "Accra", "Bergen")
_ORGS = ("the city council", "the port authority", "the health ministry", "the rail operator", "the court")
_PEOPLE = ("Anna Berg", "Tomas Ruiz", "Mei Tanaka", "Omar Haddad", "Lena Novak", "Paul Okafor")
_THINGS = ("a new bridge", "the budget", "a flood plan", "school repairs", "a bus route", "the water tariff")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def synthetic_article(n: int, rng: random.Random) -> str:
    """A short plain-text news item (title line, blank line, three sentences), unique for each ``n``."""
    place, org, person = rng.choice(_PLACES), rng.choice(_ORGS), rng.choice(_PEOPLE)
    thing, day = rng.choice(_THINGS), rng.choice(_DAYS)
    amount = rng.randrange(2, 900)
    return (
        f"Item {n}: {org.capitalize()} backs {thing}\n\n"
        f"{org.capitalize()} in {place} approved {thing} on {day}, item {n} of the series. "
        f"{person} said the plan would cost {amount} million euros. "
        f"Work is due to start within {rng.randrange(2, 30)} weeks.\n"
    )


def write_corpus(folder: Path, n: int, seed: int = 0, start: int = 0) -> list[str]:
    """Write ``n`` synthetic articles as ``art-00000.txt``... into ``folder``; returns their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ids = []
    for i in range(start, start + n):
        stem = f"art-{i:05d}"
        (folder / f"{stem}.txt").write_text(synthetic_article(i, rng), encoding="utf-8")
        ids.append(stem)
    return ids


# --------------------------------------------------------------------------------------------------
# checking a database after a fault
# --------------------------------------------------------------------------------------------------


def small_disk(
    connect: Callable[[Any], sqlite3.Connection], extra_pages: int = 12
) -> Callable[[Any], sqlite3.Connection]:
    """A stand-in for ``Store._connect`` whose file may grow only ``extra_pages`` pages past its size now.

    SQLite then reports its own "database or disk is full", as on a full disk, part-way through a batch.
    """

    def capped(store: Any) -> sqlite3.Connection:
        conn = connect(store)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + extra_pages}")
        return conn

    return capped


def stored_ids(db: Path) -> set[str]:
    """The article ids in ``db``, read through a read-only connection of our own ({} when absent)."""
    if not db.exists():
        return set()
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            return {r[0] for r in conn.execute("SELECT id FROM articles")}
        finally:
            conn.close()
    except sqlite3.Error:  # the schema is not there yet
        return set()


def check_consistent(db: Path) -> dict[str, str]:
    """Assert ``db`` passes the integrity checks and holds only whole articles; returns id -> content hash."""
    from crossfact.store import Store

    with Store(db) as store:
        assert store.integrity_check() == "ok"
        docs = {d.article.id: d for d in store.docs()}
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        hashes = dict(conn.execute("SELECT id, content_hash FROM articles"))
        n_sentences = dict(conn.execute("SELECT article_id, count(*) FROM sentences GROUP BY article_id"))
        n_analysis = dict(conn.execute("SELECT article_id, count(*) FROM analysis GROUP BY article_id"))
        fts = conn.execute("SELECT count(*) FROM sentences_fts").fetchone()[0]
    finally:
        conn.close()
    # every article row has its analysis and its sentences, and nothing points at a missing article
    assert set(docs) == set(hashes) == set(n_analysis) == set(n_sentences)
    assert all(n == 1 for n in n_analysis.values())
    for article_id, doc in docs.items():
        assert n_sentences[article_id] == len(doc.sentences) > 0, article_id
        assert doc.article.content_hash == hashes[article_id]
    assert fts == sum(n_sentences.values())
    return hashes
