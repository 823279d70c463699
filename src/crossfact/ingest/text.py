"""Plain-text news: title line, standfirst, dateline, leading metadata, captions and headings.

Real news dumps put one paragraph on each line, sometimes with whitespace-only lines between them; some
start with a headline (short, no final punctuation) and a standfirst, some with ``key value`` metadata
(`` date 2024-01-31``), some with a dateline ("PARIS", "SPRINGFIELD (KXYZ) —"). Captions, credits, video
widgets and section headings are page furniture, not running text. :func:`parse_text` sorts this out;
:func:`clean_body` does the same on text another extractor (HTML, feeds, news-please) already produced, and
:func:`extracted_body` and :func:`extracted_article` are the steps those three formats share.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from crossfact.errors import InputError
from crossfact.ingest import furniture as fu
from crossfact.ingest.meta import article_id as content_article_id
from crossfact.ingest.meta import clean_text, detect_language, normalize_date
from crossfact.model import Article

log = logging.getLogger(__name__)

_META_KEYS = {
    "date": "published",
    "published": "published",
    "pubdate": "published",
    "publication date": "published",
    "date published": "published",
    "published at": "published",
    "published on": "published",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "url": "url",
    "link": "url",
    "title": "title",
    "headline": "title",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "language": "language",
    "lang": "language",
}
_KEY = "|".join(sorted((re.escape(k) for k in _META_KEYS), key=len, reverse=True))
# "date: January 31, 2024", "Title: ...", "URL: https://..." on a line of their own
_META_COLON = re.compile(rf"^\s*(?P<key>{_KEY})\s*:\s*(?P<value>\S.*?)\s*$", re.I)
# " date 2024-01-31 The council met ..." — a lowercase key and a well-formed value leading the line
_META_INLINE = re.compile(
    r"^\s*(?P<key>date|published|pubdate|updated|url|link)\s*[:=]?\s+"
    r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\S)"
    r"|https?://\S+)\s*"
)
# "title Some headline" / "source Reuters": a lowercase key, then the rest of a short line
_META_PLAIN = re.compile(
    r"^\s*(?P<key>title|source|outlet|author|language|lang)\s+(?P<value>\S.{0,150}?)\s*$"
)
# "Published on Jul 18, 2017", "Posted: 5 March 2024 10:00"
_META_PUBLISHED = re.compile(
    r"^\s*(?:Published|Posted|First published)(?: on)?\s*:?\s+(?P<value>[^|]{4,60}?)\s*$", re.I
)
# "By Jane Doe, Air Force Public Affairs / Published March 24, 2017": a stamp in a byline's last segment
_BYLINE_PUBLISHED = re.compile(
    r"[/|•·–—]\s*(?:Published|Posted|First published)(?: on)?\s*:?\s+(?P<value>[^|/]{4,60}?)\s*$", re.I
)
# a dated link ("http://www.example.com/2017/01/16/story"): the page that cites it is no older than that
_DATED_LINK = re.compile(r"https?://\S+?/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|\b)")
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2})?$")


@dataclass
class Body:
    """Running text and what was found around it."""

    paragraphs: list[str] = field(default_factory=list)
    dateline: str | None = None
    outlet: str | None = None
    dropped: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The running text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def date_hints(self) -> tuple[str, ...]:
        """The dates written in the furniture taken out (captions, credits, video lines): see
        :func:`crossfact.ingest.furniture.date_hints` and ``Article.date_hints``."""
        return fu.date_hints(self.dropped)


def split_paragraphs(raw: str) -> list[str]:
    """Paragraphs of ``raw``: each line is a paragraph, except hard-wrapped blocks, which are joined.

    Whitespace-only lines separate paragraphs; each paragraph is stripped but otherwise kept verbatim.
    """
    blocks: list[list[str]] = [[]]
    for line in clean_text(raw).split("\n"):
        stripped = line.strip()
        if stripped:
            blocks[-1].append(stripped)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if _hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _hard_wrapped(block: list[str]) -> bool:
    """A block of lines cut at a fixed width (e-mail, wire copy), as opposed to one paragraph a line."""
    if len(block) < 3 or any(fu.dateline_alone(line) for line in block):
        return False
    body = block[:-1]
    widest = max(len(line) for line in block)
    if widest > 100:
        return False
    # wrapped lines fill the width: all but the last are close to the widest one
    if sum(len(line) >= max(40, 0.6 * widest) for line in body) < 0.8 * len(body):
        return False
    open_ended = sum(not fu.ends_like_sentence(line) for line in body)
    return open_ended >= 0.5 * len(body)


def take_metadata(paragraphs: list[str]) -> tuple[dict[str, str], list[str]]:
    """Leading ``key value`` / ``key: value`` metadata, parsed and removed from ``paragraphs``."""
    meta: dict[str, str] = {}
    rest = list(paragraphs)
    while rest:
        line = rest[0]
        m = _META_INLINE.match(line)
        if m:
            field_name = _META_KEYS.get(m["key"].lower(), "published")
            if not _store(meta, field_name, m["value"]):
                break
            remainder = line[m.end() :].strip()
            if remainder:
                rest[0] = remainder
                break
            rest.pop(0)
            continue
        if fu.is_byline(line):
            stamp = _BYLINE_PUBLISHED.search(line)
            if stamp and "published" not in meta:
                _store(meta, "published", stamp["value"])
            meta.setdefault("author", line[: stamp.start()].strip() if stamp else line)
            rest.pop(0)
            continue
        m = _META_PUBLISHED.match(line)
        if m and "published" not in meta and _store(meta, "published", m["value"]):
            rest.pop(0)
            continue
        m = _META_COLON.match(line) or _META_PLAIN.match(line)
        if not m or len(line) > 300:
            break
        field_name = _META_KEYS[m["key"].lower()]
        if not _store(meta, field_name, m["value"]):
            break
        rest.pop(0)
    return meta, rest


def _store(meta: dict[str, str], field_name: str, value: str) -> bool:
    value = value.strip()
    if field_name == "published":
        iso = normalize_date(value)
        if iso is None:
            return False
        meta["published"] = iso
    elif field_name == "url":
        if not re.match(r"^(?:https?://|www\.)\S+$", value):
            return False
        meta["url"] = value
    elif field_name == "language":
        if not _LANG_CODE.match(value):
            return False
        meta["language"] = value.lower()[:2]
    else:
        meta[field_name] = value
    return True


def is_title(paragraph: str) -> bool:
    """True when ``paragraph`` reads as a headline: short, capitalised, no sentence-final punctuation."""
    words = fu.word_count(paragraph)
    if not 2 <= words <= 25 or len(paragraph) > 200:
        return False
    if not (paragraph[0].isupper() or paragraph[0].isdigit() or paragraph[0] in "\"'“‘"):
        return False
    if fu.is_caption(paragraph) or fu.is_boilerplate(paragraph) or fu.is_byline(paragraph):
        return False
    if fu.dateline_alone(paragraph) or _META_PUBLISHED.match(paragraph) or fu.is_date_line(paragraph):
        return False
    if paragraph.endswith(","):  # a letter's salutation ("To our community,"), not a headline
        return False
    if fu.ends_like_sentence(paragraph):
        # a short question or exclamation can be a headline; a statement ending in "." is not
        return words <= 12 and paragraph.rstrip("'\"’”").endswith(("?", "!"))
    return True


def clean_body(paragraphs: list[str], *, detect_dateline: bool = True, keep_short: bool = True) -> Body:
    """Keep the running text of ``paragraphs``; take out captions, widgets, bylines and headings.

    A dateline alone on a line before the running text, or leading its first paragraph, is moved to
    ``Body.dateline`` (and an outlet tag such as "(AP)" to ``Body.outlet``). When nothing would remain
    and ``keep_short`` is set, the non-furniture short lines are kept after all, so a short text is not
    lost (extracted web pages pass False: there, short lines alone are menus).
    """
    body = Body()
    short: list[str] = []
    hint: str | None = None
    for para in paragraphs:
        started = bool(body.paragraphs)
        if not fu.has_letters(para) or fu.is_boilerplate(para) or fu.is_caption(para):
            body.dropped.append(para)
            if started:  # at the top, a copyright line credits a picture, not the article
                hint = hint or fu.outlet_hint(para)
            continue
        if not started and fu.is_byline(para):
            body.dropped.append(para)
            continue
        if not started and detect_dateline and body.dateline is None:
            alone = fu.dateline_alone(para)
            if alone:
                body.dateline, outlet = alone
                body.outlet = body.outlet or outlet
                continue
        if fu.is_heading(para):
            body.dropped.append(para)
            short.append(para)
            continue
        if not started and detect_dateline:
            lead = fu.dateline_lead(para)
            if lead:
                place, outlet, cut = lead
                if place and body.dateline is None:
                    body.dateline = place
                body.outlet = body.outlet or outlet
                para = para[cut:].lstrip()
        body.paragraphs.append(para)
    if not body.paragraphs and short and keep_short:
        body.paragraphs = short
    # a dateline's outlet tag names the outlet best; a copyright or contributor line is the fallback
    body.outlet = body.outlet or hint
    return body


def extracted_body(
    paragraphs: list[str], title: str | None, source: str, *, empty: str, keep_short: bool = True
) -> Body:
    """The running text of paragraphs another extractor produced (an HTML page, a feed entry, a record).

    A first paragraph that repeats the title is dropped, then :func:`clean_body` takes out the furniture.

    Raises:
        InputError: with the reason ``empty`` when no running text remains.
    """
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    body = clean_body(paragraphs, keep_short=keep_short)
    if not body.text.strip():
        raise InputError(source, empty)
    return body


def extracted_article(
    body: Body,
    source: str,
    *,
    kind: str,
    title: str | None,
    id_keys: tuple[str | None, ...],
    outlet: str | None,
    published: str | None,
    url: str | None,
    language: str | None = None,
) -> Article:
    """The :class:`Article` of an extracted page, entry or record, the same way for every format.

    Args:
        body: its running text (:func:`extracted_body`).
        source: where it came from.
        kind: the article's ``format`` ("html", "feed", "json").
        title, published, url: from the format's metadata.
        id_keys: stable keys (guid, URL) in order of preference; the id hashes the first non-empty one,
            else the title and text.
        outlet: the format's own outlet field; else the dateline's outlet tag or a copyright line's.
        language: the format's language code; else it is detected from the text.
    """
    text = body.text
    return Article(
        id=content_article_id(*id_keys, fallback=(title or "") + "\x00" + text),
        text=text,
        source=source,
        title=title,
        outlet=outlet or body.outlet,
        published=published,
        url=url,
        dateline=body.dateline,
        language=language or detect_language(text),
        format=kind,
        date_hints=body.date_hints,
    )


def stamp_contradicted(published: str, raw: str) -> str | None:
    """The latest date of a link the page cites more than a day after its ``published`` stamp, or None.

    A page cannot link to what did not exist yet: a video page's "Published on Dec 29, 2016" over a
    description quoting ``example.com/2017/01/16/...`` dates the video upload, not the text around it, so
    the stamp is not the article's date; the text was written on or after the link's date (ISO).
    """
    try:
        stamp = date.fromisoformat(published)
    except ValueError:
        return None
    later: list[date] = []
    for m in _DATED_LINK.finditer(raw):
        try:
            linked = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if (linked - stamp).days > 1:
            later.append(linked)
    if not later:
        return None
    log.info("published %s dropped: the page links to a page of %s", published, max(later))
    return max(later).isoformat()


def _take_more_metadata(meta: dict[str, str], paragraphs: list[str]) -> list[str]:
    more, rest = take_metadata(paragraphs)
    for key, value in more.items():
        meta.setdefault(key, value)
    return rest


def parse_text(raw: str, source: str, article_id: str) -> Article:
    """Parse a plain-text news report into an :class:`Article`.

    Args:
        raw: the decoded file content.
        source: where it came from (a path, ``-`` for standard input), kept on the article.
        article_id: the id to give the article.

    Returns:
        The article: ``text`` is the running text, paragraphs separated by ``"\\n\\n"``; ``title``,
        ``dateline``, ``outlet``, ``published``, ``url`` come from the headline line, the dateline and
        leading metadata when present. The body is never searched for a date here.

    Raises:
        InputError: when the text holds no running text at all.
    """
    meta, paragraphs = take_metadata(split_paragraphs(raw))
    title = meta.get("title")
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)
    elif paragraphs and title is None and len(paragraphs) > 1 and is_title(paragraphs[0]):
        title = paragraphs.pop(0)
        # under a headline: a byline and date lines, a subtitle (standfirst), more metadata
        paragraphs = _take_more_metadata(meta, paragraphs)
        first = paragraphs[0] if paragraphs else ""
        if (
            len(paragraphs) > 1
            and not fu.ends_like_sentence(first)
            and fu.word_count(first) <= 40
            and not fu.dateline_alone(first)
            and not fu.dateline_lead(first)
        ):
            paragraphs.pop(0)
            paragraphs = _take_more_metadata(meta, paragraphs)
    body = clean_body(paragraphs)
    text = body.text
    if not text.strip():
        raise InputError(source, "no running text")
    hints = body.date_hints
    later = stamp_contradicted(meta["published"], raw) if meta.get("published") else None
    if later:
        # not the article's date; the cited page's date (the earliest it can have) anchors it like a caption's
        del meta["published"]
        hints = (later, *(h for h in hints if h != later))
    return Article(
        id=article_id,
        text=text,
        source=source,
        title=title,
        outlet=meta.get("outlet") or body.outlet,
        published=meta.get("published"),
        url=meta.get("url"),
        dateline=body.dateline,
        language=meta.get("language") or detect_language(text),
        format="text",
        # the dates of removed captions and credits: anchors for the text's weekdays (nlp.dates)
        date_hints=hints,
    )
