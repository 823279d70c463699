"""All input: files, folders, standard input; plain text, HTML, RSS/Atom feeds, news-please JSON/JSONL.

:func:`read_inputs` is the one entry point. It never raises on bad content: each input that cannot be read
as news becomes a :class:`~crossfact.model.Skipped` with a one-line reason, and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from crossfact.config import Config
from crossfact.errors import InputError
from crossfact.ingest.feeds import parse_feed, parse_feed_items
from crossfact.ingest.html import parse_html
from crossfact.ingest.newsplease import parse_json
from crossfact.ingest.sniff import decode, sniff
from crossfact.ingest.text import parse_text
from crossfact.ingest.urls import is_url, read_url
from crossfact.model import Article, Skipped, content_id

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_SOURCE = "<stdin>"

__all__ = ["STDIN", "parse_feed", "parse_html", "parse_json", "parse_text", "read_bytes", "read_inputs"]


def read_inputs(paths: Sequence[str], config: Config) -> Iterator[Article | Skipped]:
    """Read news articles from files, folders and standard input.

    Args:
        paths: files, folders (walked recursively in sorted order, hidden entries skipped, symbolic
            link loops detected by real path) or ``"-"`` for standard input.
        config: ``config.max_input_bytes`` bounds each input; larger files are refused by their size,
            before anything is read.

    Yields:
        An :class:`Article` for each article found, in input order, or a :class:`Skipped` naming the input
        and the reason it was not read. A file holding exactly one article (plain text, an HTML page, one
        JSON record) gets its file name without extension as id; feed entries and records of arrays or
        JSON Lines get a hash of their guid or URL, else of their content. Standard input gets a hash of
        its content. Ids are unique within one call: a clash of file names gets a content hash appended,
        and a second copy of the same article is skipped.
    """
    if isinstance(paths, str):
        raise TypeError(f"paths must be a sequence of paths, not the string {paths!r}")
    seen_files: set[str] = set()
    used_ids: dict[str, tuple[str, str]] = {}
    for path in paths:
        for item in _expand(os.fspath(path), seen_files):
            if isinstance(item, Skipped):
                log.debug("skipped %s: %s", item.source, item.reason)
                yield item
                continue
            for result in _read_one(item, config):
                if isinstance(result, Article):
                    result = _unique(result, used_ids)
                if isinstance(result, Skipped):
                    log.debug("skipped %s: %s", result.source, result.reason)
                yield result


def _unique(article: Article, used: dict[str, tuple[str, str]]) -> Article | Skipped:
    """``article`` with an id not used before in this run, or a Skipped when it repeats an article."""
    digest = article.content_hash
    previous = used.get(article.id)
    if previous is None:
        used[article.id] = (article.source, digest)
        return article
    prev_source, prev_digest = previous
    if prev_digest == digest:
        return Skipped(source=article.source, reason=f"same article as {prev_source}")
    new_id = f"{article.id}_{digest[:8]}"
    if new_id in used:
        return Skipped(source=article.source, reason=f"same article as {used[new_id][0]}")
    log.warning("%s: id %s is taken by %s; using %s", article.source, article.id, prev_source, new_id)
    used[new_id] = (article.source, digest)
    return dataclasses.replace(article, id=new_id)


# --------------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------------


def _expand(path: str, seen_files: set[str]) -> Iterator[str | Skipped]:
    """The files ``path`` stands for: itself, the files under it, or ``"-"``; Skipped for bad paths."""
    if path == STDIN:
        yield STDIN
        return
    if not os.path.lexists(path):
        if is_url(path):
            yield path  # fetched by _read_one (http and https only)
            return
        yield Skipped(source=path, reason="no such file or directory")
        return
    try:
        st = os.stat(path)
    except OSError as exc:
        reason = "broken symbolic link" if os.path.islink(path) else _os_reason(exc)
        yield Skipped(source=path, reason=reason)
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, seen_files)
    elif stat.S_ISREG(st.st_mode):
        if _first_visit(path, seen_files):
            yield path
    else:
        yield Skipped(source=path, reason="not a regular file")


def _walk(root: str, seen_files: set[str]) -> Iterator[str | Skipped]:
    """Files under ``root``, depth first in sorted order; hidden entries and revisited folders skipped."""
    seen_dirs: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen_dirs:
            log.debug("%s: folder already visited (symbolic link loop); skipped", folder)
            continue
        seen_dirs.add(real)
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(source=folder, reason=_os_reason(exc))
            continue
        subfolders = []
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                yield Skipped(source=entry.path, reason=_os_reason(exc))
                continue
            if is_dir:
                subfolders.append(entry.path)
            elif is_file:
                if _first_visit(entry.path, seen_files):
                    yield entry.path
            elif entry.is_symlink():
                yield Skipped(source=entry.path, reason="broken symbolic link")
        # files of a folder first, then its subfolders, each in name order
        stack.extend(reversed(subfolders))


def _first_visit(path: str, seen_files: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen_files:
        log.debug("%s: already read", path)
        return False
    seen_files.add(real)
    return True


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    return f"cannot read: {exc.strerror or exc}"


def _limit(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MB" if limit >= mib and limit % mib == 0 else f"{limit}-byte"


# --------------------------------------------------------------------------------------------------
# One input
# --------------------------------------------------------------------------------------------------


def _read_one(path: str, config: Config) -> Iterator[Article | Skipped]:
    if is_url(path) and not os.path.lexists(path):
        yield from read_url(path, config)
        return
    limit = config.max_input_bytes
    if path == STDIN:
        source, stem = STDIN_SOURCE, None
        data = _read_stdin(limit + 1)
        if len(data) > limit:
            reason = f"larger than the {_limit(limit)} limit (more than {limit} bytes)"
            yield Skipped(source=source, reason=reason)
            return
    else:
        source, stem = path, Path(path).stem
        try:
            size = os.stat(path).st_size
            if size > limit:
                yield Skipped(source=source, reason=f"larger than the {_limit(limit)} limit ({size} bytes)")
                return
            with open(path, "rb") as f:
                data = f.read(limit + 1)
        except OSError as exc:
            yield Skipped(source=source, reason=_os_reason(exc))
            return
        if len(data) > limit:  # the file grew after stat
            yield Skipped(source=source, reason=f"larger than the {_limit(limit)} limit")
            return
    yield from read_bytes(data, source, stem)


def _read_stdin(n: int) -> bytes:
    stream = sys.stdin
    if stream is None:
        return b""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return bytes(buffer.read(n))
    chunk = stream.read(n)
    return chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk)


def read_bytes(data: bytes, source: str, stem: str | None = None) -> list[Article | Skipped]:
    """Articles from one input's bytes, whatever its format; never raises on bad content.

    Args:
        data: the whole input.
        source: its name in articles and skip reasons.
        stem: the id to give the input's article when it holds exactly one (a file name without
            extension); None gives a content hash.

    Returns:
        Articles and Skipped records, in the order the input holds them.
    """
    try:
        return _parse(data, source, stem)
    except InputError as exc:
        return [Skipped(source=exc.source if exc.source else source, reason=exc.reason)]
    except RecursionError:
        return [Skipped(source=source, reason="too deeply nested to parse")]
    except Exception as exc:  # one bad input must never stop a batch
        log.warning("%s: unexpected %s while reading", source, type(exc).__name__, exc_info=True)
        return [Skipped(source=source, reason=f"cannot be read: {type(exc).__name__}: {exc}"[:200])]


def _parse(data: bytes, source: str, stem: str | None) -> list[Article | Skipped]:
    if not data.strip():
        raise InputError(source, "empty file")
    text = decode(data, source)
    if not text.strip(" \t\r\n\x00\ufeff"):
        raise InputError(source, "empty file")
    fmt = sniff(text, "" if stem is None else source)
    if fmt == "text":
        return [parse_text(text, source, stem or content_id(text))]
    if fmt == "html":
        article = parse_html(data, source)
        return [dataclasses.replace(article, id=stem) if stem else article]
    if fmt == "feed":
        return list(parse_feed_items(data, source))
    items = parse_json(text, source)
    if stem and fmt == "json" and text.lstrip().startswith("{") and len(items) == 1:
        only = items[0]
        if isinstance(only, Article):
            return [dataclasses.replace(only, id=stem)]
    return items
