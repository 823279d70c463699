"""HTML pages to articles through trafilatura (main text and metadata; never its network fetch)."""

from __future__ import annotations

import logging
from typing import Any

from crossfact.errors import InputError
from crossfact.ingest.meta import article_id, clean_text, detect_language, normalize_date, one_line
from crossfact.ingest.sniff import decode, defuse_xml
from crossfact.ingest.text import clean_body
from crossfact.model import Article

log = logging.getLogger(__name__)

# Dates from the page's markup only (meta tags, structured data), never guessed from the body text:
# the NLP stage infers dates from text and marks them as inferred.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def parse_html(raw: bytes | str, source: str) -> Article:
    """Extract the article of an HTML page.

    Args:
        raw: the page, as bytes (decoded here) or text.
        source: where it came from, kept on the article.

    Returns:
        The article: running text (paragraphs separated by blank lines, captions and widgets removed),
        title, ISO publication date, site name as outlet, canonical URL, language. Its id is a hash of
        the URL when the page names one, else of its content.

    Raises:
        InputError: when the page cannot be parsed or holds no article text.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    data = defuse_xml(data, source)
    html = decode(data, source)
    doc = _extract(html, source)
    if doc is None:
        raise InputError(source, "HTML page holds no article text")
    title = _clean(doc.get("title"))
    paragraphs = [p.strip() for p in clean_text(doc.get("text") or "").split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)
    body = clean_body(paragraphs, keep_short=False)
    text = body.text
    if not text.strip():
        raise InputError(source, "HTML page holds no article text")
    url = _clean(doc.get("url"))
    return Article(
        id=article_id(url, fallback=(title or "") + "\x00" + text),
        text=text,
        source=source,
        title=title,
        outlet=_clean(doc.get("sitename")) or body.outlet or _clean(doc.get("hostname")),
        published=normalize_date(doc.get("date")),
        url=url,
        dateline=body.dateline,
        language=detect_language(text),
        format="html",
    )


def _extract(html: str, source: str) -> dict[str, Any] | None:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - trafilatura is a pinned dependency
        raise InputError(source, "HTML support needs trafilatura") from exc
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except RecursionError as exc:
        raise InputError(source, "HTML too deeply nested to parse") from exc
    except (ValueError, TypeError, AttributeError, LookupError, MemoryError) as exc:
        reason = f"HTML could not be parsed: {one_line(str(exc) or type(exc).__name__)}"
        raise InputError(source, reason) from exc
    except Exception as exc:  # lxml raises its own error classes; one bad page never stops a batch
        log.debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(source, f"HTML could not be parsed: {type(exc).__name__}") from exc
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return data if (data.get("text") or "").strip() else None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(clean_text(value).split())
    return value or None
