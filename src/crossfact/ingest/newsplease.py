"""news-please records (JSON object, JSON array, or JSON Lines) to articles.

A record has ``title`` and ``maintext`` (or ``text``), and optionally ``date_publish``, ``source_domain``,
``url``, ``language`` and ``description``: the fields news-please writes.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from crossfact.errors import InputError
from crossfact.ingest.meta import clean_text, normalize_date, one_line
from crossfact.ingest.text import extracted_article, extracted_body
from crossfact.model import Article, Skipped

log = logging.getLogger(__name__)

UNKNOWN_SHAPE = "JSON of unknown shape: expected news-please article(s) with title and maintext or text"
_TEXT_KEYS = ("maintext", "text", "content", "body")
_DATE_KEYS = ("date_publish", "published", "date", "pubdate", "date_modify")


def is_record(value: Any) -> bool:
    """True when ``value`` looks like a news-please article: a title and a main text field."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("title"), str)
        and any(isinstance(value.get(k), str) for k in _TEXT_KEYS)
    )


def parse_json(raw: str, source: str) -> list[Article | Skipped]:
    """Parse news-please JSON: one object, an array of objects, or JSON Lines (one object a line).

    Args:
        raw: the decoded file content.
        source: where it came from. Array item ``i`` (0-based) is named ``"<source>[i]"``, JSONL line ``n``
            (1-based) ``"<source>:<n>"`` in articles and skip reasons.

    Returns:
        Articles for the good records and a :class:`Skipped` for each bad one (invalid JSON line,
        record without text); a bad record never loses the good ones.

    Raises:
        InputError: when the content is not JSON at all, or JSON of an unknown shape.
    """
    text = raw.strip()
    if not text:
        raise InputError(source, "empty file")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n" in text:
            return _parse_lines(text, source)
        raise InputError(source, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except RecursionError as exc:
        raise InputError(source, "invalid JSON: nested too deeply") from exc
    if isinstance(value, dict):
        if is_record(value):
            return [record_article(value, source)]
        # a wrapper such as {"articles": [...]} holding a list of records
        lists = [v for v in value.values() if isinstance(v, list) and any(is_record(x) for x in v)]
        if len(lists) == 1:
            return _parse_array(lists[0], source)
        raise InputError(source, UNKNOWN_SHAPE)
    if isinstance(value, list):
        return _parse_array(value, source)
    raise InputError(source, UNKNOWN_SHAPE)


def _parse_array(values: list[Any], source: str) -> list[Article | Skipped]:
    if not any(is_record(v) for v in values):
        raise InputError(source, UNKNOWN_SHAPE)
    items: list[Article | Skipped] = []
    for i, value in enumerate(values):
        item_source = f"{source}[{i}]"
        items.append(_item(value, item_source))
    return items


def _parse_lines(text: str, source: str) -> list[Article | Skipped]:
    items: list[Article | Skipped] = []
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        line_source = f"{source}:{n}"
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            items.append(Skipped(source=line_source, reason=f"line {n}: invalid JSON"))
            continue
        items.append(_item(value, line_source))
    if not any(isinstance(i, Article) for i in items):
        reasons = {i.reason for i in items if isinstance(i, Skipped)}
        if all(r.endswith("invalid JSON") for r in reasons):
            raise InputError(source, "invalid JSON")
        if all(r == UNKNOWN_SHAPE or r.endswith("invalid JSON") for r in reasons):
            raise InputError(source, UNKNOWN_SHAPE)
    return items


def _item(value: Any, source: str) -> Article | Skipped:
    if not is_record(value):
        return Skipped(source=source, reason=UNKNOWN_SHAPE)
    try:
        return record_article(value, source)
    except InputError as exc:
        return Skipped(source=source, reason=exc.reason)


def record_article(record: dict[str, Any], source: str) -> Article:
    """The article of one news-please record.

    Raises:
        InputError: when the record holds no running text.
    """
    # the main text; news-please leaves it empty on some pages, where the description is all there is
    candidates = [record.get(k) for k in (*_TEXT_KEYS, "description")]
    raw_text: str = next((c for c in candidates if isinstance(c, str) and c.strip()), "")
    paragraphs = [p.strip() for p in clean_text(raw_text).split("\n")]
    title = _str(record.get("title"))
    body = extracted_body(paragraphs, title, source, empty="record has no maintext or text")
    url = _str(record.get("url"))
    published = None
    for key in _DATE_KEYS:
        published = normalize_date(record.get(key))
        if published:
            break
    language = _str(record.get("language"))
    return extracted_article(
        body,
        source,
        kind="json",
        title=title,
        id_keys=(url,),
        outlet=_str(record.get("source_domain")) or _str(record.get("outlet")),
        published=published,
        url=url,
        language=language.lower()[:2] if language else None,
    )


def _str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(clean_text(value).split())
    return one_line(value, 1000) or None
