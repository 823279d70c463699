"""Normalised values in running text: durations with their hedges, counts, money, ages, percentages, measures.

The extractor is rule based (regular tokens plus number-word parsing), so it needs no model; a spaCy Doc may
be passed but is not required. Years, dates, times of day, identifiers ("Interstate 35", "Flight 370"),
street numbers and ordinals are not reported. Each :class:`~crossfact.model.Value` covers the whole
expression as written, hedge included ("approximately five hours", "more than 19 inches").

Conventions:
    * ``kind``: duration, count, money, age, percent, quantity (measures, and "3300 block").
    * durations keep their unit as a canonical abbreviation (s, min, h, d, wk, mo, y); compare them with
      :func:`duration_hours`.
    * ``qualifier``: None (exact), "about", "more than", "less than", "at least", "at most", or "between"
      for ranges ("8 to 12 inches": amount is the midpoint, low/high the ends).
    * ``low``/``high``: exact -> amount..amount; "about" -> +/-10 % ("nearly"/"almost" -> 90 %..100 %);
      "more than"/"at least" -> amount..None; "less than"/"at most" -> 0..amount.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crossfact.model import Sentence, Value
from crossfact.nlp import units as U
from crossfact.nlp.numwords import NUMBER_WORDS, VULGAR, parse_number, sentence_index

__all__ = ["duration_hours", "extract_values", "parse_number"]

log = logging.getLogger(__name__)

_TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+(?:['’][A-Za-z]+)?|[½⅓⅔¼¾⅕⅛]|\S")
_DIGIT_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_HYPHENS = frozenset("-‐‑–")
_QUOTES = frozenset("\"“”'‘’")
_MULTIPLES = {"twin": 2.0, "triple": 3.0, "quadruple": 4.0}
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "hundred", "dozen"})
_ATTACHED_SCALES = frozenset({"m", "mn", "bn", "b", "k", "tn"})
_TIME_AFTER_RE = re.compile(r"^\s*(?:a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|o['’]clock|h\d\d|GMT\b|UTC\b)", re.I)
_ELLIPSIS_CUE_RE = re.compile(r"\b(?:lasted|lasting|last|took|spent|went on for|ran for)\b[^.;]{0,25}$", re.I)
_DURATION_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted((w for w in U.DURATION_UNITS if len(w) > 2), key=len, reverse=True)) + r")\b",
    re.I,
)
_AGO_AFTER = re.compile(r"^\s*ago\b", re.I)


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def _tokenize(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def duration_hours(v: Value) -> float | None:
    """The duration ``v`` in hours (its amount times the unit's length), or None when it is no duration."""
    if v.kind != "duration" or v.unit not in U.HOURS_PER_UNIT:
        return None
    return v.amount * U.HOURS_PER_UNIT[v.unit]


def _number_at(toks: list[_Tok], i: int, text: str) -> tuple[int, float] | None:
    """(index after the number's last token, value) for a number starting at token ``i``, else None."""
    t = toks[i]
    if _DIGIT_RE.match(t.text):
        j = i + 1
        value = parse_number(t.text)
        if value is None:
            return None
        if j < len(toks) and toks[j].text in VULGAR and toks[j].start - t.end <= 1:
            value += VULGAR[toks[j].text]
            j += 1
        elif (
            j + 2 < len(toks)
            and toks[j].text.isdigit()
            and toks[j + 1].text == "/"
            and toks[j + 2].text.isdigit()
            and toks[j + 1].start == toks[j].end
        ):
            frac = parse_number(f"{toks[j].text}/{toks[j + 2].text}")
            if frac is not None and frac < 1:
                value += frac
                j += 3
        if j < len(toks) and toks[j].low in _SCALE_WORDS and toks[j].start > toks[j - 1].end:
            value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 100}.get(
                toks[j].low, 12
            )
            j += 1
        elif (
            j < len(toks)
            and toks[j].low in _ATTACHED_SCALES
            and toks[j].start == toks[j - 1].end
            and _currency_before(text, t.start)  # "$5m", "$1.2bn": only with a currency sign before
        ):
            value *= {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12}[toks[j].low]
            j += 1
        return j, value
    if t.low in _MULTIPLES and i + 1 < len(toks) and toks[i + 1].is_word and toks[i + 1].text.islower():
        return i + 1, _MULTIPLES[t.low]  # "twin car bombs" (not "Twin Towers")
    if t.low not in NUMBER_WORDS or t.low == "and":
        return None
    # extend over number words and the hyphens joining them
    j = i
    while j < len(toks):
        tk = toks[j]
        if tk.low in NUMBER_WORDS or (
            tk.text in _HYPHENS
            and j + 1 < len(toks)
            and toks[j + 1].low in NUMBER_WORDS
            and tk.start == toks[j - 1].end
            and toks[j + 1].start == tk.end
        ):
            j += 1
        else:
            break
    for k in range(j, i, -1):
        last = toks[k - 1].low
        if last in ("and", "a", "an") or last in _HYPHENS:
            continue
        value = parse_number(text[t.start : toks[k - 1].end])
        if value is not None:
            return k, value
    # "half an hour", "about an hour": handled by the caller through "half an"/"a(n)"
    if t.low == "half" and i + 1 < len(toks) and toks[i + 1].low in ("a", "an"):
        return i + 2, 0.5
    return None


def _currency_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 4) : start].rstrip()
    for sym in sorted(U.CURRENCY_SYMBOLS, key=len, reverse=True):
        if before.endswith(sym):
            return sym
    return None


def _hedge_before(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """(hedge phrase, its start) just before ``start`` and not before ``floor``."""
    window = text[max(floor, start - 30) : start]
    m = U.HEDGE_RE.search(window)
    if not m:
        return None
    return m.group("hedge"), start - len(window) + m.start("hedge")


def _range(hedge: str | None, amount: float) -> tuple[str | None, float | None, float | None]:
    if hedge is None:
        return None, amount, amount
    q = U.HEDGES[hedge.lower()]
    if q == "about":
        if hedge.lower() in U.BELOW_HEDGES:
            return q, amount * (1 - U.ABOUT_TOLERANCE), amount
        return q, amount * (1 - U.ABOUT_TOLERANCE), amount * (1 + U.ABOUT_TOLERANCE)
    if q in ("more than", "at least"):
        return q, amount, None
    return q, 0.0, amount


class _Extractor:
    """One pass over one text; holds the tokens and what has been found."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        self.text = text
        self.sentences = sentences
        self.toks = _tokenize(text)
        self.values: list[Value] = []

    # ---- small token helpers ------------------------------------------------------------------
    def word(self, k: int) -> str:
        return self.toks[k].low if 0 <= k < len(self.toks) else ""

    def adjacent(self, a: int, b: int) -> bool:
        return 0 <= a < b < len(self.toks) and self.toks[a].end == self.toks[b].start

    def sentence_start(self, offset: int) -> int:
        idx = sentence_index(self.sentences, offset)
        for s in self.sentences:
            if s.index == idx and s.start <= offset:
                return s.start
        return 0

    def is_sentence_initial(self, k: int) -> bool:
        if k <= 0:
            return True
        prev = self.toks[k - 1].text
        return prev in (".", "!", "?", "\n", "“", '"') or self.toks[k].start == self.sentence_start(
            self.toks[k].start
        )

    # ---- main loop ----------------------------------------------------------------------------
    def run(self) -> list[Value]:
        i = 0
        n = len(self.toks)
        while i < n:
            found = _number_at(self.toks, i, self.text)
            if found is None:
                found = self._article_unit(i)
            if found is None:
                i += 1
                continue
            j, amount = found
            try:
                nxt = self._classify(i, j, amount)
            except (IndexError, ValueError):  # a malformed edge never stops the text
                log.debug("value at %d skipped", self.toks[i].start, exc_info=True)
                nxt = None
            i = max(nxt or j, i + 1)
        return self.values

    def _article_unit(self, i: int) -> tuple[int, float] | None:
        """ "about an hour", "more than a year": a/an before a duration unit, only after a hedge."""
        if (
            self.word(i) in ("a", "an")
            and self.word(i + 1) in U.DURATION_UNITS
            and len(self.word(i + 1)) > 2
            and _hedge_before(self.text, self.toks[i].start, 0)
        ):
            return i + 1, 1.0
        return None

    # ---- classification -----------------------------------------------------------------------
    def _classify(self, i: int, j: int, amount: float) -> int | None:
        toks, text = self.toks, self.text
        first = toks[i]
        num_end = toks[j - 1].end
        is_digits = bool(_DIGIT_RE.match(first.text))
        prev = self.word(i - 1)
        # times of day, clock readings, scores and ordinals
        if _TIME_AFTER_RE.match(text[num_end:]) or (prev == ":" and self.adjacent(i - 1, i)):
            return None
        if (
            j < len(toks)
            and toks[j].text == ":"
            and self.adjacent(j - 1, j)
            and self.word(j + 1)[:1].isdigit()
        ):
            return None
        if j < len(toks) and self.adjacent(j - 1, j) and self.word(j) in ("st", "nd", "rd", "th"):
            return None
        # dates: "May 18", "Dec. 20", "18 March"
        if self._month_adjacent(i, j):
            return None
        if is_digits and (prev in U.IDENT_PREFIXES or prev == "#") and not self._hedged(i):
            return None
        if (
            is_digits
            and i > 0
            and toks[i - 1].text[:1].isupper()
            and not self.is_sentence_initial(i - 1)
            and toks[i - 1].low not in U.HEDGES
            and not self._hedged(i)
        ):
            return None  # "Interstate 35", "U.S. 52": an identifier after a capitalised word
        if self._street_number(j):
            return None
        if self.word(i - 1) == "-" and self.adjacent(i - 1, i) and self.word(i - 2)[:1].isdigit():
            return None  # second half of "3-2"

        start = first.start
        currency = _currency_before(text, first.start) if is_digits else None
        if currency:
            start = (
                first.start - len(currency)
                if text[first.start - len(currency) : first.start] == currency
                else (text.rfind(currency, 0, first.start))
            )
        hedge_info = _hedge_before(text, start, self.sentence_start(start))
        between = False
        if hedge_info is None:
            m = re.search(r"\bbetween\s*$", text[max(0, start - 12) : start], re.I)
            between = bool(m)
        hedge, span_start = hedge_info if hedge_info else (None, start)
        if amount == 1.0 and first.low in ("a", "an") and hedge is None:
            return None

        # ranges: "8 to 12 inches", "5-9 inches", "between 10 and 18 inches"
        low_r = high_r = None
        k = j
        sep = self.word(k)
        if sep in ("to", "-", "–", "and") and (sep != "and" or between) and k + 1 < len(toks):
            second = _number_at(toks, k + 1, text)
            if second is not None and second[1] > amount:
                unit_probe = self._unit_at(second[0])
                if unit_probe is not None:
                    low_r, high_r = amount, second[1]
                    k = second[0]
                    if between:
                        span_start = text.rfind("between", 0, start)
        if low_r is None and sep in _HYPHENS and self.adjacent(j - 1, j) and self.word(j + 1)[:1].isdigit():
            return None  # a score or a code such as "3-2"

        unit_info = self._unit_at(k)
        if currency and unit_info is None:
            unit_info = ("money", U.CURRENCY_SYMBOLS[currency], k, False)
        if unit_info is None and currency is None:
            code = U.CURRENCY_CODE_RE.search(text[max(0, start - 5) : start])
            if code:
                unit_info = ("money", code.group(1), k, False)
                span_start = min(span_start, start - len(text[max(0, start - 5) : start]) + code.start())

        if low_r is not None and unit_info is not None:
            kind, unit, end_k, _hy = unit_info
            amount_r = (low_r + high_r) / 2 if high_r is not None else low_r
            noun = self._noun_after(end_k)
            end = toks[end_k - 1].end
            self._emit(
                span_start, end, kind, amount_r, unit, "between", low_r, high_r, noun[0] if noun else None
            )
            return end_k

        if unit_info is not None:
            kind, unit, end_k, hyphenated = unit_info
            if kind == "skip":
                return end_k
            end = toks[end_k - 1].end
            noun_text = None
            if (
                kind == "duration"
                and self.word(end_k) == "and"
                and self.word(end_k + 1) in ("a", "one")
                and self.word(end_k + 2) == "half"
            ):
                amount += 0.5
                end = toks[end_k + 2].end
                end_k += 3
            if kind == "age":
                noun = self._noun_after(end_k)
                noun_text = noun[0] if noun else None
            elif hyphenated or kind == "money":
                noun = self._noun_after(end_k)
                if noun:
                    noun_text = noun[0]
                    if hyphenated:  # "12-year sentence", "45-mph gusts": the noun is part of the expression
                        end_k = noun[2]
                        end = toks[end_k - 1].end
            if kind == "money" and self.word(end_k) in ("each", "apiece"):
                end = toks[end_k].end
                noun_text = noun_text or toks[end_k].text
                end_k += 1
            if kind == "duration" and _AGO_AFTER.match(text[end:]) and hedge is None:
                return end_k  # "three years ago": a date, not a duration ("three days later" is an interval)
            q, lo, hi = _range(hedge, amount)
            self._emit(span_start, end, kind, amount, unit, q, lo, hi, noun_text)
            return end_k

        # ages: "Kevin Johnson, 25," / "aged 25"
        age = self._age(i, j, amount, is_digits)
        if age:
            return age
        # an elliptical duration: "the talks lasted about five and a half."
        ell = self._elliptical_duration(i, j, span_start, amount, hedge)
        if ell:
            return ell
        return self._count(i, j, amount, is_digits, hedge, span_start)

    def _hedged(self, i: int) -> bool:
        return _hedge_before(self.text, self.toks[i].start, 0) is not None

    def _month_adjacent(self, i: int, j: int) -> bool:
        prev = self.word(i - 1)
        if prev == "." and self.word(i - 2) in U.MONTHS:
            return True
        if prev in U.MONTHS and (prev != "may" or self.toks[i - 1].text == "May"):
            return True
        nxt = self.word(j)
        if nxt in U.MONTHS and (nxt != "may" or self.toks[j].text == "May") and self.toks[i].text.isdigit():
            return int(self.toks[i].text) <= 31 if self.toks[i].text.isdigit() else False
        return nxt == "of" and self.word(j + 1) in U.MONTHS and self.toks[i].text.isdigit()

    def _street_number(self, j: int) -> bool:
        """ "3300 West Florence Avenue": a number followed by a capitalised street name."""
        k = j
        seen = 0
        while k < len(self.toks) and seen < 5 and self.toks[k].text[:1].isupper():
            if self.toks[k].low.rstrip(".") in U.STREET_SUFFIXES and seen > 0:
                return True
            k += 1
            seen += 1
            if self.word(k) == ".":
                k += 1
        return False

    def _unit_at(self, k: int) -> tuple[str, str, int, bool] | None:
        """(kind, unit, index after the unit, hyphenated) for a unit word at token ``k`` (or "-unit")."""
        hyphen = False
        if self.word(k) in _HYPHENS and self.adjacent(k - 1, k) and self.adjacent(k, k + 1):
            hyphen = True
            k += 1
        w = self.word(k)
        if not w:
            return None
        if w == "%" or w == "percent" or w == "pct" or (w == "per" and self.word(k + 1) == "cent"):
            return ("percent", "%", k + (2 if w == "per" else 1), False)
        if w == "percentage" and self.word(k + 1) in ("point", "points"):
            return ("percent", "pp", k + 2, False)
        if w in U.DURATION_UNITS and (len(w) > 1 or hyphen or self.toks[k].text == "h"):
            # "25-year-old", "25 years old"
            after = k + 1
            if self.word(after) in _HYPHENS and self.word(after + 1) == "old":
                return (
                    ("age", "y", after + 2, True)
                    if U.DURATION_UNITS[w] == "y"
                    else ("skip", "", after + 2, True)
                )
            if self.word(after) == "old":
                return (
                    ("age", "y", after + 1, False)
                    if U.DURATION_UNITS[w] == "y"
                    else ("skip", "", after + 1, False)
                )
            return ("duration", U.DURATION_UNITS[w], k + 1, hyphen)
        if w == "square" and self.word(k + 1) in U.MEASURE_UNITS:
            return ("quantity", "sq " + U.MEASURE_UNITS[self.word(k + 1)], k + 2, hyphen)
        if w in U.MEASURE_UNITS:
            if w in ("pound", "pounds") and self.word(k + 1) == "sterling":
                return ("money", "GBP", k + 2, False)
            if w in ("story", "stories", "floor", "floors") and not hyphen:
                return None
            if w == "m" and not hyphen:
                return None
            return ("quantity", U.MEASURE_UNITS[w], k + 1, hyphen)
        if w in U.CURRENCY_WORDS and not hyphen:
            return ("money", U.CURRENCY_WORDS[w], k + 1, False)
        return None

    def _noun_after(self, k: int, max_words: int = 4) -> tuple[str, str, int] | None:
        """(noun phrase as written, lemma of its head, index after it) starting at token ``k``."""
        toks = self.toks
        words: list[tuple[int, int]] = []  # (start token, end token) of each word (hyphen compounds merged)
        if k + 1 < len(toks) and toks[k].text in _QUOTES and toks[k + 1].is_word:
            k += 1  # three "terrorists"
        while k < len(toks) and len(words) < max_words:
            tk = toks[k]
            if not tk.is_word or tk.low in U.STOPWORDS or tk.low in NUMBER_WORDS:
                break
            end = k + 1
            while (
                end + 1 < len(toks)
                and toks[end].text in _HYPHENS
                and self.adjacent(end - 1, end)
                and self.adjacent(end, end + 1)
                and toks[end + 1].is_word
            ):
                end += 2
            if tk.low in U.MONTHS and tk.text[:1].isupper():
                break
            words.append((k, end))
            k = end
            if U.is_plural(toks[end - 1].low):
                break
        # drop trailing verb forms ("two killed", "properties seized")
        while (
            words
            and re.search(r"(?:ed|ing)$", toks[words[-1][1] - 1].low)
            and not U.is_plural(toks[words[-1][1] - 1].low)
        ):
            if len(words) == 1 and toks[words[0][1] - 1].low in U.CASUALTY_ADJECTIVES:
                break
            words.pop()
        if not words:
            return None
        s, e = toks[words[0][0]].start, toks[words[-1][1] - 1].end
        head = toks[words[-1][1] - 1].text
        return self.text[s:e], U.lemma(head), words[-1][1]

    def _age(self, i: int, j: int, amount: float, is_digits: bool) -> int | None:
        toks = self.toks
        if not is_digits or amount != int(amount) or not 0 < amount < 120 or "," in toks[i].text:
            return None
        prev = self.word(i - 1)
        if prev in ("aged", "age") and (prev == "aged" or self.word(i - 2) in ("at", ",")):
            self._emit(toks[i - 1].start, toks[j - 1].end, "age", amount, "y", None, amount, amount, None)
            return j
        if prev not in (",", "("):
            return None
        nxt = self.word(j)
        if nxt not in (",", ")", ".", ";", "of", "who", "was", "is", "and", "were", "are", "has", "had"):
            return None
        if prev == "(" and nxt != ")":
            return None
        # the name: capitalised words just before the comma
        k = i - 2
        name_start = None
        count = 0
        while k >= 0 and count < 5:
            tk = toks[k]
            if tk.text[:1].isupper() and tk.is_word:
                if tk.low in U.MONTHS or tk.low in _WEEKDAYS:
                    return None
                if tk.text in _NAME_STOPS:
                    # "For The Times James Price, 22": a credit line's outlet word is not the name
                    if tk.text == "The" and count >= 3 and name_start is not None:
                        name_start += 1
                        count -= 1
                    break
                name_start = k
                count += 1
                k -= 1
            elif tk.text in (".", "-", "'", "’") and count and self.adjacent(k, k + 1):
                k -= 1
            else:
                break
        if name_start is None or count == 0:
            return None
        if count == 1 and self.is_sentence_initial(name_start):
            return None  # "Overall, 25 ..." at a sentence start
        name = self.text[toks[name_start].start : toks[i - 2].end]
        self._emit(toks[name_start].start, toks[j - 1].end, "age", amount, "y", None, amount, amount, name)
        return j

    def _elliptical_duration(
        self, i: int, j: int, span_start: int, amount: float, hedge: str | None
    ) -> int | None:
        nxt = self.word(j)
        if nxt and nxt not in (".", ",", ";", "!", "?", "and", "but", "according"):
            return None
        sent_start = self.sentence_start(span_start)
        if not _ELLIPSIS_CUE_RE.search(self.text[sent_start:span_start]):
            return None
        # the nearest duration unit word in this sentence or the one before
        idx = sentence_index(self.sentences, span_start)
        lo = sent_start
        for s in self.sentences:
            if s.index == idx - 1:
                lo = s.start
        end_sent = next((s.end for s in self.sentences if s.index == idx), len(self.text))
        best: tuple[int, str] | None = None
        for m in _DURATION_WORD_RE.finditer(self.text, lo, end_sent):
            dist = abs(m.start() - span_start)
            if best is None or dist < best[0]:
                best = (dist, U.DURATION_UNITS[m.group(1).lower()])
        if best is None:
            return None
        q, lo_v, hi_v = _range(hedge, amount)
        self._emit(span_start, self.toks[j - 1].end, "duration", amount, best[1], q, lo_v, hi_v, None)
        return j

    def _count(
        self, i: int, j: int, amount: float, is_digits: bool, hedge: str | None, span_start: int
    ) -> int | None:
        toks = self.toks
        if amount != int(amount) or amount < 0:
            return None
        raw = toks[i].text
        year_like = is_digits and len(raw) == 4 and "," not in raw and 1800 <= amount <= 2100
        if toks[i].low == "one" and hedge is None:
            if self.word(i - 1) in ("no", "the", "any", "every", "each", "this", "that", "anyone", "someone"):
                return None
            if self.word(j) in ("of", "another", "day", "time", "side", "way", "or", "and", "more", "thing"):
                return None
        k = j
        unit = ""
        noun_text: str | None = None
        end = toks[j - 1].end
        # "30-car pileup": the unit after the hyphen, the noun after that
        if (
            self.word(k) in _HYPHENS
            and self.adjacent(k - 1, k)
            and self.adjacent(k, k + 1)
            and toks[k + 1].is_word
        ):
            if toks[k + 1].low in U.STOPWORDS:
                return None
            unit = U.lemma(toks[k + 1].low)
            end = toks[k + 1].end
            k += 2
            if self.word(k) in _HYPHENS and self.adjacent(k - 1, k) and self.adjacent(k, k + 1):
                return k + 2  # a longer compound ("two-and-a-half-year", "24-hour-a-day"): leave it
            noun = self._noun_after(k)
            if noun:
                noun_text, _head, k2 = noun
                end = toks[k2 - 1].end
                k = k2
        elif self.word(k) == "of" and self.word(k + 1) in (
            "the",
            "their",
            "his",
            "her",
            "its",
            "those",
            "these",
        ):
            noun = self._noun_after(k + 2)
            if noun is None or not U.is_plural(noun[0].split()[-1]):
                return None
            noun_text, unit, k = noun
            end = toks[k - 1].end
        else:
            noun = self._noun_after(k)
            if noun is not None:
                noun_text, unit, k = noun
                end = toks[k - 1].end
                if noun_text.lower() in U.CASUALTY_ADJECTIVES:
                    unit = "person"
                elif amount != 1 and not U.is_plural(noun_text.split()[-1]) and toks[k - 1].low not in (
                    "staff", "police", "personnel", "aircraft",
                ):  # fmt: skip
                    noun_text, unit, k, end = None, "", j, toks[j - 1].end  # "2016 election", "20 percent"
        if year_like and not (
            unit and noun_text and noun_text.islower() and U.is_plural(noun_text.split()[-1])
        ):
            return None
        if not unit:
            if self.word(i - 1) in U.CASUALTY_VERBS or (
                hedge and self.word(self._tok_before(span_start)) in U.CASUALTY_VERBS
            ):
                unit = "person"
            elif hedge is None:
                return None
        if toks[i].low in ("a", "an"):
            return None
        q, lo, hi = _range(hedge, amount)
        self._emit(span_start, end, "count", amount, unit, q, lo, hi, noun_text)
        return k

    def _tok_before(self, offset: int) -> int:
        for idx in range(len(self.toks) - 1, -1, -1):
            if self.toks[idx].end <= offset:
                return idx
        return -1

    def _emit(
        self,
        start: int,
        end: int,
        kind: str,
        amount: float,
        unit: str,
        qualifier: str | None,
        low: float | None,
        high: float | None,
        noun: str | None,
    ) -> None:
        self.values.append(
            Value(
                sentence=sentence_index(self.sentences, start),
                start=start,
                end=end,
                text=self.text[start:end],
                kind=kind,
                amount=float(amount),
                unit=unit,
                qualifier=qualifier,
                low=None if low is None else float(low),
                high=None if high is None else float(high),
                noun=noun,
            )
        )


_NAME_STOPS = frozenset(
    ["The", "For", "By", "A", "An", "In", "On", "At", "Photo", "Credit", "Via", "From", "And", "Of"]
)
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def extract_values(text: str, sentences: Sequence[Sentence], spacy_doc: Any = None) -> tuple[Value, ...]:
    """Normalised values (durations, counts, money, ages, percentages, measures) in ``text``.

    Args:
        text: the article text; every value's ``start``/``end`` point into it.
        sentences: the article's sentences (for each value's sentence index and the sentence-level rules).
        spacy_doc: accepted for the pipeline's convenience; the rules do not need it.

    Returns:
        The values in text order. Years, dates, times of day, identifiers and ordinals are left out.
    """
    del spacy_doc  # durations are labelled inconsistently by the small model; the rules do not use it
    if not text:
        return ()
    values = _Extractor(text, sentences).run()
    values.sort(key=lambda v: (v.start, v.end))
    return tuple(_conversions_inherit_hedges(values, text))


_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*")
_CONVERTED_KINDS = frozenset({"quantity", "money", "duration"})


def _conversions_inherit_hedges(values: Sequence[Value], text: str) -> list[Value]:
    """A value in brackets right after a hedged one is its conversion, as hedged: "about 5 km (3.1 miles)".

    The bracketed value takes the hedge of the value before it, its range scaled by the ratio of the two
    amounts, so "(3.1 miles)" reads as "about 3.1 miles" and not as an exact distance.
    """
    out = list(values)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if (
            a.kind != b.kind
            or a.kind not in _CONVERTED_KINDS
            or not a.qualifier
            or b.qualifier
            or a.qualifier == "between"
            or not a.amount
            or not _CONVERSION_GAP.fullmatch(text[a.end : b.start])
        ):
            continue
        ratio = b.amount / a.amount
        low = None if a.low is None else a.low * ratio
        high = None if a.high is None else a.high * ratio
        out[i] = dataclasses.replace(b, qualifier=a.qualifier, low=low, high=high)
    return out
