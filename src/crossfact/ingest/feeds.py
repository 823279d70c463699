"""RSS and Atom feeds to articles through feedparser: one article per entry."""

from __future__ import annotations

import html
import io
import logging
import re
from typing import Any

from crossfact.errors import InputError
from crossfact.ingest.meta import clean_text, normalize_date, one_line
from crossfact.ingest.sniff import defuse_xml
from crossfact.ingest.text import extracted_article, extracted_body
from crossfact.model import Article, Skipped

log = logging.getLogger(__name__)

_BLOCK = re.compile(
    r"<\s*(?:br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/blockquote|blockquote|/tr|tr|hr)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph a line, tags dropped, entities decoded."""
    text = _SCRIPT.sub(" ", fragment)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    lines = (" ".join(line.split()) for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def parse_feed(raw: bytes, source: str) -> list[Article]:
    """Parse an RSS or Atom feed into one article per entry that holds text.

    Args:
        raw: the feed's bytes (feedparser reads its encoding declaration).
        source: where it came from; entry ``n`` (1-based) gets the source ``"<source>#<n>"``.

    Returns:
        The entries' articles (title, text stripped of HTML, published date, link, feed title as outlet,
        the dates of removed captions as ``date_hints``), with ids hashed from the entry's guid, else its
        link, else its content. Entries without text are left out (see :func:`parse_feed_items` for the
        reasons).

    Raises:
        InputError: when the feed is malformed and holds no readable entry, or declares DTD entities.
    """
    return [item for item in parse_feed_items(raw, source) if isinstance(item, Article)]


def parse_feed_items(raw: bytes, source: str) -> list[Article | Skipped]:
    """Like :func:`parse_feed`, with a :class:`Skipped` for each entry that holds no text."""
    try:
        import feedparser
    except ImportError as exc:  # pragma: no cover - feedparser is a pinned dependency
        raise InputError(source, "feed support needs feedparser") from exc
    data = defuse_xml(raw, source)
    try:
        # a stream, never a string: feedparser.parse would fetch a string that looks like a URL
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    except RecursionError as exc:
        raise InputError(source, "malformed feed: too deeply nested") from exc
    except Exception as exc:  # feedparser is lenient, but one bad feed must never stop a batch
        raise InputError(source, f"malformed feed: {one_line(str(exc) or type(exc).__name__)}") from exc
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            reason = one_line(str(parsed.get("bozo_exception") or "not well-formed"))
            raise InputError(source, f"malformed feed: {reason}")
        raise InputError(source, "feed holds no entries")
    feed = parsed.get("feed") or {}
    outlet = _plain(feed.get("title"))
    feed_language = _language(feed.get("language"))
    items: list[Article | Skipped] = []
    for n, entry in enumerate(entries, start=1):
        entry_source = f"{source}#{n}"
        try:
            items.append(_entry_article(entry, entry_source, outlet, feed_language))
        except InputError as exc:
            items.append(Skipped(source=entry_source, reason=exc.reason))
    if parsed.get("bozo"):
        reason = one_line(str(parsed.get("bozo_exception") or "not well-formed"))
        if not any(isinstance(item, Article) for item in items):
            # nothing readable: one reason for the whole feed, not a misleading one per broken entry
            raise InputError(source, f"malformed feed: {reason}")
        log.warning("%s: feed is not well-formed (%s); its readable entries were kept", source, reason)
    return items


def _entry_article(entry: Any, source: str, outlet: str | None, feed_language: str | None) -> Article:
    title = _plain(entry.get("title"))
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    body_html = max(candidates, key=lambda c: len(c or ""))
    body = extracted_body(
        html_to_text(body_html or "").split("\n"), title, source, empty="feed entry holds no text"
    )
    link = entry.get("link")
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        published = normalize_date(entry.get(key))
        if published:
            break
    if published is None:
        published = normalize_date(entry.get("published") or entry.get("updated"))
    return extracted_article(
        body,
        source,
        kind="feed",
        title=title,
        id_keys=(entry.get("id"), link),
        outlet=outlet,
        published=published,
        url=link or None,
        language=feed_language,
    )


def _plain(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(html_to_text(value).split())
    return text or None


def _language(value: Any) -> str | None:
    if isinstance(value, str) and re.match(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,})?$", value.strip()):
        return value.strip().lower()[:2]
    return None
