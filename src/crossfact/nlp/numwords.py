"""Numbers written in digits or in words, and small helpers shared by the value and date extractors.

``parse_number`` reads "5.5", "3,000", "1.2 million", "$5m"-style suffixes, "twenty-five",
"one hundred and twelve", "a dozen", "half a dozen", "five and a half", "one-third", "2 1/2" and "2½".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from crossfact.model import Sentence

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
}  # fmt: skip
# Denominators of fractions written in words ("one-third", "two thirds", "three quarters").
FRACTIONS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
VULGAR: dict[str, float] = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}

#: Every word that can be part of a number written in words.
NUMBER_WORDS: frozenset[str] = frozenset(
    [
        *UNITS,
        *TENS,
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "and",
        "a",
        "an",
        *FRACTIONS,
    ]
)

_DIGITS_RE = re.compile(
    r"^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?P<vulgar>[½⅓⅔¼¾⅕⅛])|\s+(?P<fn>\d+)/(?P<fd>\d+))?"
    r"(?:\s*(?P<scale>[a-z]+(?:\s+[a-z]+)*))?$"
)
_FRACTION_RE = re.compile(r"^(?P<n>\d+)/(?P<d>\d+)$")
_TOKEN_SPLIT = re.compile(r"[\s\-‐‑–]+")


def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both, or None when ``text`` is not one.

    Args:
        text: the number alone, e.g. "3,000", "1.2 million", "twenty-five", "five and a half", "a dozen",
            "half a dozen", "one-third", "2 1/2". Case and surrounding spaces are ignored.

    Returns:
        The number as a float; None for anything else (including ordinals such as "second" and a bare
        "a"/"half"/"third").
    """
    if not isinstance(text, str):
        return None
    s = text.strip().lower().replace("\u00a0", " ")
    if not s or len(s) > 200:
        return None
    if s in VULGAR:
        return VULGAR[s]
    m = _FRACTION_RE.match(s)
    if m:
        d = int(m.group("d"))
        return int(m.group("n")) / d if d else None
    if s[0].isdigit() or (s[0] == "." and len(s) > 1 and s[1].isdigit()):
        return _parse_digits(s)
    return _parse_words([t for t in _TOKEN_SPLIT.split(s) if t])


def _parse_digits(s: str) -> float | None:
    m = _DIGITS_RE.match(s)
    if not m:
        return None
    value = float(m.group("num").replace(",", ""))
    if m.group("vulgar"):
        value += VULGAR[m.group("vulgar")]
    elif m.group("fn"):
        num, den = int(m.group("fn")), int(m.group("fd"))
        if den == 0 or num >= den:
            return None
        value += num / den
    scale = m.group("scale")
    if scale:
        words = scale.split()
        factor = 1.0
        for w in words:
            if w in SCALES:
                factor *= SCALES[w]
            elif w == "hundred":
                factor *= 100
            elif w == "dozen":
                factor *= 12
            else:
                return None
        value *= factor
    return value


def _parse_words(tokens: list[str]) -> float | None:
    if not tokens:
        return None
    # "five and a half", "two and one-third", "an hour and a half" style tails
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i] == "and" and i + 1 < len(tokens):
            tail = _parse_fraction(tokens[i + 1 :])
            if tail is not None and tail < 1:
                head = _parse_words(tokens[:i])
                return None if head is None else head + tail
    # "half a dozen", "half a million", "half an" (as in "half an hour")
    if tokens[0] == "half" and len(tokens) >= 2 and tokens[1] in ("a", "an"):
        if len(tokens) == 2:
            return 0.5
        rest = _parse_words(tokens[1:])
        return None if rest is None else rest / 2
    frac = _parse_fraction(tokens)
    if frac is not None:
        return frac
    return _parse_integer_words(tokens)


def _parse_fraction(tokens: list[str]) -> float | None:
    """ "a half", "one-third", "two thirds", "three quarters"; None otherwise."""
    if len(tokens) != 2 or tokens[1] not in FRACTIONS:
        return None
    if tokens[0] in ("a", "an"):
        numerator = 1.0
    else:
        n = _parse_integer_words([tokens[0]])
        if n is None or n == 0:
            return None
        numerator = n
    den = FRACTIONS[tokens[1]]
    if numerator == 1 and tokens[1].endswith("s") and tokens[1] != "halves":
        return None
    return numerator / den


def _parse_integer_words(tokens: list[str]) -> float | None:
    total = 0.0
    current = 0.0
    seen = False
    pending_a = False  # "a hundred", "a dozen", "a million"
    prev = ""
    for i, tok in enumerate(tokens):
        if tok in ("a", "an"):
            if seen or pending_a or i + 1 >= len(tokens):
                return None
            pending_a = True
        elif tok in UNITS:
            if pending_a or (current % 100 and not (prev in TENS and UNITS[tok] < 10)):
                return None
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            if pending_a or current % 100:
                return None
            current += TENS[tok]
            seen = True
        elif tok == "hundred":
            if current >= 100 or (not seen and not pending_a):
                return None
            current = (current or 1) * 100
            seen, pending_a = True, False
        elif tok in ("thousand", "million", "billion", "trillion"):
            if not seen and not pending_a:
                return None
            scale = SCALES[tok]
            if total and total < scale * (current or 1):
                return None
            total += (current or 1) * scale
            current = 0
            seen, pending_a = True, False
        elif tok == "dozen":
            if not seen and not pending_a:
                return None
            current = (current or 1) * 12
            seen, pending_a = True, False
        elif tok == "and":
            # British "one hundred and twelve": only after hundred/thousand/million and before more digits
            if prev not in ("hundred", "thousand", "million", "billion", "trillion") or i + 1 >= len(tokens):
                return None
        else:
            return None
        prev = tok
    if not seen or pending_a:
        return None
    return total + current


_WORD_NUMBER = r"(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")"
_NUMBER_RE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?:thousand|million|billion|trillion)\b)?"
    r"|\b"
    + _WORD_NUMBER
    + r"(?:[\s-]+(?:and\s+)?(?:"
    + _WORD_NUMBER
    + r"|hundred|thousand|million|billion))*\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[tuple[int, int, float]]:
    """Every cardinal number written in ``text``, digits or words: (start, end, value), in order.

    "125", "1,000", "2.5 million", "seven", "twenty-two", "one hundred and five". Ordinals, fractions and
    "a dozen" are left out: this finds the plain numbers a sentence states, for telling whether it states a
    given amount anywhere ("five children per woman; in Niger it is seven").
    """
    out = []
    for m in _NUMBER_RE.finditer(text):
        value = parse_number(m.group(0))
        if value is not None:
            out.append((m.start(), m.end(), value))
            continue
        # "twenty-two and one hundred": two numbers joined by "and"
        at = m.start()
        for piece in re.split(r"(\s+and\s+)", m.group(0)):
            value = parse_number(piece) if piece.strip() != "and" else None
            if value is not None:
                out.append((at, at + len(piece), value))
            at += len(piece)
    return out


def sentence_index(sentences: Sequence[Sentence], offset: int) -> int:
    """Index of the sentence containing ``offset`` (the last one starting at or before it; 0 if none)."""
    if not sentences:
        return 0
    starts = [s.start for s in sentences]
    pos = bisect.bisect_right(starts, offset) - 1
    return sentences[max(pos, 0)].index


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sgt",
        "lt",
        "col",
        "gen",
        "gov",
        "sen",
        "rep",
        "det",
        "capt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "inc",
        "corp",
        "jr",
        "sr",
        "u.s",
        "u.k",
        "a.m",
        "p.m",
    ]
)


def simple_sentences(text: str) -> tuple[Sentence, ...]:
    """A rough regex sentence split (not after "Feb." or "Mr."), for callers and tests without spaCy."""
    out: list[Sentence] = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"'”’)]*(?=\s)|\n\s*\n|\n", text):
        if m.group(0).startswith("."):
            word = re.search(r"([\w.]+)$", text[start : m.start()])
            if word and word.group(1).lower() in _ABBREVIATIONS:
                continue
        _add_sentence(out, text, start, m.end())
        start = m.end()
    _add_sentence(out, text, start, len(text))
    return tuple(out)


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if not stripped:
        return
    s = start + (len(seg) - len(seg.lstrip()))
    out.append(Sentence(index=len(out), start=s, end=s + len(stripped), text=stripped))
