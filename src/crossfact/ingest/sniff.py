"""Recognise what a file holds and decode it: binary formats, text encodings, HTML/feed/JSON/text.

The content decides first, the file extension second.
"""

from __future__ import annotations

import codecs
import json
import re

from crossfact.errors import InputError

# Magic numbers of common binary formats (offset 0 unless stated), for a readable skip reason.
_MAGIC: list[tuple[bytes, str, int]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image", 0),
    (b"\xff\xd8\xff", "JPEG image", 0),
    (b"GIF87a", "GIF image", 0),
    (b"GIF89a", "GIF image", 0),
    (b"%PDF-", "PDF document", 0),
    (b"PK\x03\x04", "ZIP archive", 0),
    (b"PK\x05\x06", "ZIP archive", 0),
    (b"\x1f\x8b", "gzip archive", 0),
    (b"BZh", "bzip2 archive", 0),
    (b"\xfd7zXZ\x00", "xz archive", 0),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive", 0),
    (b"Rar!\x1a\x07", "RAR archive", 0),
    (b"\x28\xb5\x2f\xfd", "zstd archive", 0),
    (b"ustar", "tar archive", 257),
    (b"\x7fELF", "ELF executable", 0),
    (b"MZ", "Windows executable", 0),
    (b"SQLite format 3\x00", "SQLite database", 0),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document", 0),
    (b"ID3", "MP3 audio", 0),
    (b"OggS", "Ogg media", 0),
    (b"fLaC", "FLAC audio", 0),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video", 0),
    (b"ftyp", "MP4 media", 4),
    (b"wOFF", "web font", 0),
    (b"wOF2", "web font", 0),
    (b"\x00\x01\x00\x00\x00", "TrueType font", 0),
    (b"\x00asm", "WebAssembly module", 0),
    (b"PAR1", "Parquet file", 0),
]
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}
_HTML_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*['\"]?\s*([A-Za-z0-9_:.-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*['\"]([A-Za-z0-9_.-]+)['\"]", re.I)


def binary_kind(data: bytes) -> str | None:
    """A name for the binary format of ``data`` ("PNG image", "binary data"), or None for text."""
    if data.startswith(b"RIFF") and data[8:12] in _RIFF:
        return _RIFF[data[8:12]]
    for magic, name, offset in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            # "MZ", "BZh" and "ID3" also open ordinary words; trust them only with binary bytes after
            weak = len(magic) <= 3 and name not in ("JPEG image", "gzip archive")
            if weak and not _looks_binary(data[:4096]):
                continue
            return name
    if _bom_encoding(data) is None and _utf16_without_bom(data) is None and _looks_binary(data[:8192]):
        return "binary data"
    return None


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls / len(sample) > 0.05


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte order mark: mostly-ASCII text has NULs in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
        if len(sample) < 8:
            return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.7 * half and even.count(0) < 0.05 * half:
        return "utf-16-le"
    if even.count(0) > 0.7 * half and odd.count(0) < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, source: str) -> str:
    """Decode ``data`` to text: BOM (UTF-8/16/32), UTF-16 without BOM, UTF-8, a declared charset,
    charset detection, then cp1252/Latin-1.

    Raises:
        InputError: when ``data`` is binary or cannot be decoded as text.
    """
    encoding = _bom_encoding(data)
    if encoding:
        bom = next(b for b, n in _BOMS if n == encoding and data.startswith(b))
        return data[len(bom) :].decode(encoding, errors="replace")
    kind = binary_kind(data)
    if kind:
        reason = f"binary file (looks like {kind})" if kind != "binary data" else "binary file"
        raise InputError(source, reason)
    encoding = _utf16_without_bom(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    declared = _XML_ENCODING.search(head) or _HTML_CHARSET.search(head)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    detected = _detect(data)
    if detected is not None:
        return detected
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    if _oddness(text) > 0.05 * len(text):
        raise InputError(source, "cannot decode as text")
    return text


def _detect(data: bytes) -> str | None:
    """Charset detection (charset-normalizer, installed with trafilatura) for single-byte encodings."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer comes with trafilatura
        return None
    try:
        best = from_bytes(data[:200_000]).best()
    except Exception:  # pragma: no cover - defensive: detection must never stop a batch
        return None
    if best is None or best.encoding in ("ascii", "utf_8"):
        return None
    # Short Western texts are often guessed as an exotic code page; keep a guess only when it reads
    # at least as cleanly as cp1252 would.
    guess = str(best)
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    return guess if _oddness(guess) < _oddness(western) else western


def _oddness(text: str) -> int:
    """How many characters are unlikely in real text (controls, box drawing, rare symbols)."""
    return sum(
        1
        for c in text
        if (ord(c) < 32 and c not in "\n\r\t")
        or 0x2500 <= ord(c) <= 0x25FF
        or 0x80 <= ord(c) < 0xA0
        or c in "ƒ†‡‰Š‹ŒŽ•™š›œžŸ¤¦¨¯´¸"
    )


def sniff(text: str, name: str) -> str:
    """The format of decoded ``text`` named ``name``: html, feed, json, jsonl or text."""
    head = text.lstrip()[:4096]
    low = head.lower()
    ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if low.startswith("<"):
        if re.search(r"<(?:rss|feed|rdf:rdf)\b", low):
            return "feed"
        if re.search(r"<!doctype html|<html\b|<head\b|<body\b|<article\b|<div\b|<p\b", low):
            return "html"
        if low.startswith("<?xml") or ext in ("xml", "rss", "atom"):
            return "feed"
        return "html"
    if low.startswith(("{", "[")):
        stripped = text.strip()
        first_line = stripped.split("\n", 1)[0].strip()
        if "\n" in stripped and first_line.startswith("{") and _is_json(first_line):
            return "jsonl"
        return "json"
    if ext in ("html", "htm", "xhtml"):
        return "html"
    if ext in ("xml", "rss", "atom"):
        return "feed"
    if ext in ("json",):
        return "json"
    if ext in ("jsonl", "ndjson"):
        return "jsonl"
    return "text"


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]*)(?:\[.*?\]\s*)?>", re.I | re.S)
_ENTITY_DECL = re.compile(rb"<!ENTITY\b", re.I)


def defuse_xml(data: bytes, source: str) -> bytes:
    """``data`` without its DOCTYPE; refuses documents that declare entities.

    Entity declarations are how "billion laughs" and external-entity attacks work; no news feed or page
    needs them, so such input is refused rather than parsed.

    Raises:
        InputError: when the document declares entities in a DTD.
    """
    if _ENTITY_DECL.search(data):
        raise InputError(source, "XML declares DTD entities (refused: possible entity-expansion attack)")
    return _DOCTYPE.sub(b"", data, count=1)
