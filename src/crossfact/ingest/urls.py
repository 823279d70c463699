"""Fetching a page or feed given as an ``http://`` or ``https://`` URL, with a timeout and a size limit.

:func:`read_url` is what :func:`crossfact.ingest.read_inputs` calls for an input that is a URL. Like every
reader it never raises on a bad input: a failed fetch becomes one :class:`~crossfact.model.Skipped` with a
one-line reason ("timed out after 20 s", "HTTP 404", "larger than the 20 MB limit", "connection refused"),
and the batch goes on. The fetched bytes go through the same format sniffing as a file
(:func:`crossfact.ingest.read_bytes`); the URL is the articles' source, and the article URL of a single
page that names none.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from crossfact import __version__
from crossfact.config import Config
from crossfact.ingest.meta import article_id, one_line
from crossfact.model import Article, Skipped

log = logging.getLogger(__name__)

__all__ = ["FetchError", "fetch", "is_url", "read_url"]

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
SCHEMES = ("http", "https")
USER_AGENT = f"crossfact/{__version__} (+offline news reader; one page per request)"


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is the one-line reason."""


def is_url(text: str) -> bool:
    """Whether ``text`` looks like a URL (``scheme://...``) rather than a path."""
    return bool(_URL.match(text))


def _limit_text(limit: int) -> str:
    mib = 1024 * 1024
    return f"{limit // mib} MB" if limit >= mib and limit % mib == 0 else f"{limit}-byte"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def fetch(url: str, config: Config) -> bytes:
    """The body of ``url`` (http or https only), at most ``config.max_input_bytes`` bytes.

    Raises:
        FetchError: with a one-line reason: another scheme, a timeout (``config.fetch_timeout_s`` for the
            connection and each read), an HTTP error status, a body over the limit (by its Content-Length
            when sent, else by reading one byte more than the limit), or a network error.
    """
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"only http and https URLs are fetched, not {scheme or 'this'}:")
    limit = config.max_input_bytes
    timeout = config.fetch_timeout_s
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            length = response.headers.get("Content-Length")
            if length is not None and length.strip().isdigit() and int(length) > limit:
                raise FetchError(f"larger than the {_limit_text(limit)} limit ({int(length)} bytes)")
            data = response.read(limit + 1)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code}" + (f" {exc.reason}" if exc.reason else "")) from None
    except TimeoutError as exc:
        raise FetchError(f"timed out after {_seconds(timeout)}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(_network_reason(exc.reason, timeout)) from None
    except ssl.SSLError as exc:
        raise FetchError(f"TLS error: {one_line(str(exc))}") from None
    except OSError as exc:
        raise FetchError(_network_reason(exc, timeout)) from None
    except ValueError as exc:  # a malformed URL (no host, bad port)
        raise FetchError(f"invalid URL: {one_line(str(exc))}") from None
    if len(data) > limit:
        raise FetchError(f"larger than the {_limit_text(limit)} limit (more than {limit} bytes)")
    return data


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {_seconds(timeout)}"
    if isinstance(reason, ConnectionRefusedError) or getattr(reason, "errno", None) == errno.ECONNREFUSED:
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {one_line(str(reason))}"
    if isinstance(reason, OSError) and reason.strerror:
        return one_line(reason.strerror).lower()
    return one_line(str(reason) or type(reason).__name__)


def read_url(url: str, config: Config) -> Iterator[Article | Skipped]:
    """Articles from the page or feed at ``url``; one Skipped (source = the URL) when it cannot be fetched.

    A single page whose metadata names no URL gets ``url`` as its article URL and an id derived from it
    (so fetching the same page again updates the same article).
    """
    from crossfact.ingest import read_bytes

    try:
        data = fetch(url, config)
    except FetchError as exc:
        log.info("skipped %s: %s", url, exc)
        yield Skipped(source=url, reason=str(exc))
        return
    items = read_bytes(data, url, None)
    single = sum(isinstance(i, Article) for i in items) == 1
    for item in items:
        if isinstance(item, Article) and item.url is None:
            changes: dict[str, object] = {"url": url}
            if single:
                changes["id"] = article_id(url, fallback=item.text)
            item = dataclasses.replace(item, **changes)  # type: ignore[arg-type]
        yield item
