"""HTML pages to articles through trafilatura (main text and metadata; never its network fetch)."""

from __future__ import annotations

import logging
from typing import Any

from crossfact.errors import InputError
from crossfact.ingest import furniture as fu
from crossfact.ingest.meta import clean_text, normalize_date, one_line
from crossfact.ingest.sniff import decode, defuse_xml
from crossfact.ingest.text import extracted_article, extracted_body
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
        title, ISO publication date, site name as outlet, canonical URL, language, and the dates of the
        furniture taken out as ``date_hints``. Its id is a hash of the URL when the page names one, else
        of its content.

    Raises:
        InputError: when the page cannot be parsed or holds no article text.
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    data = defuse_xml(data, source)
    html = decode(data, source)
    doc, captions = _extract(html, source)
    if doc is None:
        raise InputError(source, "HTML page holds no article text")
    title = _clean(doc.get("title"))
    paragraphs = [p.strip() for p in clean_text(doc.get("text") or "").split("\n")]
    # on a web page short lines alone are menus, not a short article
    body = extracted_body(
        paragraphs, title, source, empty="HTML page holds no article text", keep_short=False
    )
    # trafilatura leaves photo captions out of the text: they are furniture taken out, dates and all
    body.dropped.extend(captions)
    url = _clean(doc.get("url"))
    return extracted_article(
        body,
        source,
        kind="html",
        title=title,
        id_keys=(url,),
        # the site's name, else the dateline's outlet tag or a copyright line, else the host name
        outlet=_clean(doc.get("sitename")) or body.outlet or _clean(doc.get("hostname")),
        published=normalize_date(doc.get("date")),
        url=url,
    )


def _captions(tree: Any) -> list[str]:
    """The ``<figcaption>`` lines of the page's main article (the ``<article>`` holding the most text, else
    ``<main>``, else the page) that hold a date: other articles' teasers and galleries stay out."""
    scope = tree.xpath("//article") or tree.xpath("//main") or [tree]
    main = max(scope, key=lambda e: len(e.text_content()))
    lines = [" ".join(str(e.text_content()).split()) for e in main.iter("figcaption")]
    return [line for line in lines if line and fu.date_hints([line])]


def _extract(html: str, source: str) -> tuple[dict[str, Any] | None, list[str]]:
    """trafilatura's extraction of the page (None when it holds no text) and the page's dated captions."""
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError as exc:  # pragma: no cover - trafilatura is a pinned dependency
        raise InputError(source, "HTML support needs trafilatura") from exc
    try:
        # parsed once here so the captions can be read before trafilatura prunes (a copy of) the tree
        tree = load_html(html)
        captions = _captions(tree) if tree is not None else []
        doc = trafilatura.bare_extraction(
            tree if tree is not None else html,
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
        return None, captions
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return (data if (data.get("text") or "").strip() else None), captions


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(clean_text(value).split())
    return value or None
