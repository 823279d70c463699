"""Facts that can be compared across articles: value ranges, titles of people, and grouping.

* :func:`interval` gives the range of amounts a (possibly hedged) value stands for, and :func:`compatible`
  says whether two values can both be true. "About" is read narrowly (a few per cent), so "about 5 hours"
  and "5.5 hours" disagree while "about five and a half hours" and "5.5 hours" agree; bounds ("more than 6",
  "at least 3") are open ranges, so "at least 3" and "4" agree. A bound on the very number another source
  states ("more than 40" and "40") is that figure hedged, not a disagreement.
* :func:`person_titles` finds the title or role an article gives a person: the capitalised sequence before
  the name ("Deputy Secretary of State for Asian Affairs Jane Doe") or an apposition after it ("Jane Doe,
  the deputy secretary of state for Asian affairs,").
* :func:`group_pairs` merges linked items by average linkage, at most one item per article per group.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from crossfact.model import ArticleDoc, Mention, Value

# "about x" stands for x give or take this share of x
ABOUT_TOLERANCE = 0.03


def duration_hours(v: Value) -> float | None:
    """The duration ``v`` in hours, using the NLP's own conversion when it is installed."""
    try:
        from crossfact.nlp.numbers import duration_hours as _dh
    except ImportError:  # the per-article NLP is optional for this module
        return v.amount if v.kind == "duration" and v.unit == "h" else None
    return _dh(v)


def point(v: Value) -> float:
    """The amount ``v`` states, durations in hours."""
    hours = duration_hours(v) if v.kind == "duration" else None
    return hours if hours is not None else v.amount


def interval(v: Value) -> tuple[float, float, bool, bool]:
    """The range ``v`` stands for: (low, high, low_open, high_open); infinite ends for one-sided bounds."""
    x = point(v)
    scale = x / v.amount if v.amount else 1.0
    q = (v.qualifier or "").lower()
    if q == "more than":
        return x, math.inf, True, True
    if q == "at least":
        return x, math.inf, False, True
    if q == "less than":
        return -math.inf, x, True, True
    if q == "at most":
        return -math.inf, x, True, False
    if q == "between" and v.low is not None and v.high is not None:
        return v.low * scale, v.high * scale, False, False
    if q in ("about", "nearly", "almost"):
        tol = abs(x) * ABOUT_TOLERANCE
        return x - tol, x + tol, False, False
    return x, x, False, False


def compatible(a: Value, b: Value) -> bool:
    """True when both values can be true at once (their ranges overlap)."""
    lo1, hi1, lo1_open, hi1_open = interval(a)
    lo2, hi2, lo2_open, hi2_open = interval(b)
    eps = 1e-9
    # the larger low end against the smaller high end
    lo, lo_open = (lo1, lo1_open) if lo1 > lo2 or (lo1 == lo2 and lo1_open) else (lo2, lo2_open)
    hi, hi_open = (hi1, hi1_open) if hi1 < hi2 or (hi1 == hi2 and hi1_open) else (hi2, hi2_open)
    if lo < hi - eps:
        return True
    if abs(lo - hi) <= eps:
        # ranges that touch at the stated number: "40" and "more than 40", "upwards of 22" and "as many
        # as 22" give the same figure with a hedge, not two figures; "more than 40" and "fewer than 40"
        # (both ends open) do disagree
        return not (lo_open and hi_open) or math.isinf(lo)
    return False


def value_display(v: Value) -> str:
    """Short normalised form: "about 5 h", "5.5 h", "more than 6 h", "25 years", "3 vehicle"."""
    if v.kind == "duration":
        amount, unit = point(v), "h"
    elif v.kind == "age":
        amount, unit = v.amount, "years"
    else:
        amount, unit = v.amount, v.unit
    number = f"{amount:,.2f}".rstrip("0").rstrip(".") if amount != int(amount) else f"{int(amount):,}"
    text = f"{number} {unit}" if v.kind == "money" else f"{number} {unit}".strip()
    q = v.qualifier if v.qualifier and v.qualifier != "between" else None
    if v.qualifier == "between" and v.low is not None and v.high is not None:
        text = f"{v.low:g}-{v.high:g} {unit}"
    return f"{q} {text}" if q else text


# --------------------------------------------------------------------------------------------------
# Titles and roles of people
# --------------------------------------------------------------------------------------------------

TITLE_WORDS = frozenset(
    [
        "secretary",
        "minister",
        "ambassador",
        "director",
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "commander",
        "general",
        "governor",
        "mayor",
        "senator",
        "representative",
        "judge",
        "attorney",
        "prosecutor",
        "sheriff",
        "officer",
        "detective",
        "captain",
        "lieutenant",
        "sergeant",
        "colonel",
        "major",
        "admiral",
        "undersecretary",
        "under-secretary",
        "adviser",
        "advisor",
        "counsel",
        "head",
        "deputy",
        "leader",
        "premier",
        "chancellor",
        "consul",
        "commissioner",
        "manager",
        "executive",
        "founder",
        "professor",
        "dean",
        "coordinator",
        "administrator",
        "superintendent",
        "inspector",
        "negotiator",
        "diplomat",
        "delegate",
        "councilman",
        "councilwoman",
        "congressman",
        "congresswoman",
    ]
)
# words that may sit inside a capitalised title: "Secretary of State for European and Eurasian Affairs"
_TITLE_GLUE = frozenset({"of", "for", "and", "to", "the", "on", "in", "&"})
_TITLE_TOKEN = re.compile(r"[A-Z][\w'\u2019.-]*|of|for|and|to|the|on|in|&")
_APPOSITION_END = re.compile(
    r",|;|\.(?:\s|$)|\s(?:who|which|while|and\s+(?:the|a)\s|said|says|told)\b|\u2014|--|\("
)


@dataclass(frozen=True, slots=True)
class TitleMention:
    """A title or role an article gives a person mention."""

    sentence: int
    start: int
    end: int
    text: str  # verbatim
    mention_start: int


def normalise_title(text: str) -> str:
    """Lower case, single spaces, a leading article and trailing punctuation removed."""
    t = " ".join(text.replace("\u2019", "'").replace(".", "").lower().split())
    t = re.sub(r"^(?:the|a|an)\s+", "", t)
    return t.strip(" ,.;:")


def _has_title_word(words: Sequence[str]) -> bool:
    return any(w.lower().strip(".,") in TITLE_WORDS for w in words)


def person_titles(doc: ArticleDoc, mention: Mention) -> list[TitleMention]:
    """Titles a PERSON ``mention`` gets in its sentence: a capitalised title before, an apposition after."""
    text = doc.article.text
    sentence = doc.sentences[mention.sentence] if mention.sentence < len(doc.sentences) else None
    if sentence is None:
        return []
    out = []
    # before the name: a run of capitalised words (and glue) directly before it, holding a title word
    before = text[sentence.start : mention.start]
    tokens = list(re.finditer(r"\S+", before))
    run: list[re.Match[str]] = []
    for tok in reversed(tokens):
        word = tok.group(0)
        if word[-1] in ",;:" or not _TITLE_TOKEN.fullmatch(word.rstrip(".")):
            break
        # "Ambassador X and Deputy Secretary Y": the "and" joins two titled people, not two title words
        if word == "and" and run and run[0].group(0).lower() in TITLE_WORDS:
            break
        run.insert(0, tok)
    # glue words cannot start a title
    while run and run[0].group(0) in _TITLE_GLUE:
        run.pop(0)
    while (
        run
        and run[0].group(0).lower().strip(".") not in TITLE_WORDS
        and _has_title_word([t.group(0) for t in run[1:]])
    ):
        # drop leading words that are not part of the title ("Russia's", "U.S.") only when they carry none
        if run[0].group(0)[0].isupper() and run[0].group(0).lower().strip(".") not in TITLE_WORDS:
            break
        run.pop(0)
    words = [t.group(0) for t in run]
    if len(words) >= 2 and _has_title_word(words) and words[-1] not in _TITLE_GLUE:
        start = sentence.start + run[0].start()
        end = sentence.start + run[-1].end()
        out.append(TitleMention(mention.sentence, start, end, text[start:end], mention.start))
    # after the name: ", the deputy secretary of state for ...,"
    after = text[mention.end : sentence.end]
    m = re.match(r",\s+((?:the|a|an)\s+)?", after)
    if m:
        rest = after[m.end() :]
        stop = _APPOSITION_END.search(rest)
        phrase = rest[: stop.start()] if stop else rest
        pwords = phrase.split()
        if 2 <= len(pwords) <= 14 and _has_title_word(pwords[:4]) and not pwords[0][0].isdigit():
            start = mention.end + m.end()
            end = start + len(phrase.rstrip())
            out.append(TitleMention(mention.sentence, start, end, text[start:end], mention.start))
    return out


_SPLIT = re.compile(r"\s+(?:of|for|to|on|in)\s+")


def title_head(norm: str) -> tuple[str, str]:
    """Split a normalised title into its head ("deputy secretary") and the rest ("of state for ...")."""
    m = _SPLIT.search(norm)
    if not m:
        return norm, ""
    return norm[: m.start()], norm[m.start() :].strip()


def _acronym_of(short: set[str], phrase: str) -> bool:
    """True when the words left in ``short`` are one acronym of a run of words in ``phrase`` ("us")."""
    if len(short) != 1:
        return False
    (acronym,) = short
    toks = [w for w in phrase.split() if w not in _TITLE_GLUE]
    initials = "".join(w[0] for w in toks)
    return len(acronym) >= 2 and acronym in initials


def titles_conflict(a: str, b: str) -> bool:
    """True when two normalised titles name the same kind of office with different portfolios.

    Equal titles, titles where one extends the other ("deputy assistant secretary of state" and "... of
    state for X"), and titles with different heads (a person may be both "ambassador" and "director") agree.
    """
    if a == b or a.startswith(b) or b.startswith(a):
        return False
    ha, ra = title_head(a)
    hb, rb = title_head(b)
    if not ra or not rb:
        return False
    if ha != hb and not (ha.endswith(" " + hb) or hb.endswith(" " + ha)):
        return False
    wa, wb = set(ra.split()) - _TITLE_GLUE, set(rb.split()) - _TITLE_GLUE
    if not wa or not wb or wa <= wb or wb <= wa or _acronym_of(wa - wb, rb) or _acronym_of(wb - wa, ra):
        return False
    return len(wa & wb) / len(wa | wb) < 0.6


# --------------------------------------------------------------------------------------------------
# Grouping
# --------------------------------------------------------------------------------------------------


def group_pairs(articles: Sequence[str], scores: np.ndarray, link: float, average: float) -> list[list[int]]:
    """Merge items by average linkage: best-scoring pairs first, one item per article per group.

    Args:
        articles: the article id of each item.
        scores: symmetric pair scores; pairs that must never link hold a value below ``link``.
        link: a pair at or above this may join two groups.
        average: two groups merge only when their mean pair score reaches this.

    Returns:
        Groups of two or more item indexes, each sorted.
    """
    n = len(articles)
    if n < 2:
        return []
    iu, ju = np.nonzero(np.triu(scores >= link, k=1))
    order = sorted(zip(iu.tolist(), ju.tolist(), strict=False), key=lambda p: (-float(scores[p[0], p[1]]), p))
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for i, j in order:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {articles[x] for x in a} & {articles[y] for y in b}:
            continue
        if float(scores[np.ix_(a, b)].mean()) < average:
            continue
        keep, drop = min(gi, gj), max(gi, gj)
        members[keep] = sorted(a + b)
        for x in members[drop]:
            group_of[x] = keep
        del members[drop]
    return [m for m in members.values() if len(m) >= 2]


# --------------------------------------------------------------------------------------------------
# Amounts given to each of several ("$500 each") against totals
# --------------------------------------------------------------------------------------------------

EACH, TOTAL, UNCLEAR = "each", "total", "unclear"
_EACH_IN_VALUE = re.compile(r"\b(?:each|apiece|a\s+piece)\s*$", re.IGNORECASE)
_EACH_AFTER = re.compile(
    r"^\s*(?:each|apiece|a\s+piece|per\s+(?:person|head|family|household)|a\s+head)\b", re.I
)
_DISTRIBUTIVE = re.compile(r"\b(?:each|apiece|per|every|both|a\s+head|a\s+piece)\b", re.IGNORECASE)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_N = r"(two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
# "to two people", "for each of the three"
_TO_N = re.compile(r"^\s*(?:each\s+)?(?:to|for)\s+(?:each\s+of\s+)?(?:the\s+|all\s+)?" + _N + r"\b", re.I)
# "the two men were paid", "each of the three women": the last count of a plural noun before the value
_N_NOUN = re.compile(r"\b" + _N + r"\s+(?P<w1>[a-z-]+)(?:\s+(?P<w2>[a-z]+))?", re.IGNORECASE)
_NP = r"\b(?:(?:the|a|an|his|her|their|its)\s+[\w'-]+(?:\s+[\w'-]+)?|[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
# "paying the driver and the guide $500 each": a coordination right before the value
_COORDINATION = re.compile(r"(" + _NP + r"(?:,\s+" + _NP + r")*),?\s+and\s+" + _NP + r"\s*$")


def per_unit_reading(v: Value, before: str, after: str) -> str:
    """Whether a money or count value is given to each of several, is a total, or cannot be told.

    Args:
        v: the value.
        before: its sentence's text before the value.
        after: its sentence's text after the value.

    Returns:
        "each" for "$500 each", "$500 apiece", "$50 per person"; "unclear" when the sentence has another
        distributive word ("They were each fined $1,000", "both"); else "total".
    """
    if _EACH_IN_VALUE.search(v.text) or _EACH_AFTER.match(after):
        return EACH
    if _DISTRIBUTIVE.search(before) or _DISTRIBUTIVE.search(after):
        return UNCLEAR
    return TOTAL


def recipients(before: str, after: str) -> int | None:
    """How many share a per-unit amount, read off its sentence; None when the sentence does not say.

    "to two people" after the value, a coordination ("the driver and the guide $500 each") or a count
    of a plural noun ("the two men were paid $500 apiece") before it.
    """
    m = _TO_N.match(after)
    if m:
        return _count(m.group(1))
    tail = before[-120:]
    m = _COORDINATION.search(tail)
    if m:
        return m.group(1).count(",") + 2
    clause = re.split(r"[,;:]", tail)[-1]  # "After two years in jail, the men were paid": not two
    counts = [m for m in _N_NOUN.finditer(clause) if any(_plural(w) for w in m.group("w1", "w2") if w)]
    if counts:
        return _count(counts[-1].group(1))
    return None


def _plural(word: str) -> bool:
    try:
        from crossfact.nlp.units import is_plural
    except ImportError:  # the per-article NLP is optional for this module
        return word.endswith("s")
    return is_plural(word.lower())


def _count(word: str) -> int | None:
    n = _SMALL.get(word.lower()) or (int(word) if word.isdigit() else None)
    return n if n and n >= 2 else None


def total_of(v: Value, shares: int | None) -> Value:
    """The total a per-unit value stands for: ``shares`` times it, or at least twice it when unknown."""
    if shares is not None:
        scale = float(shares)
        low = None if v.low is None else v.low * scale
        high = None if v.high is None else v.high * scale
        return replace(v, amount=v.amount * scale, low=low, high=high)
    return replace(v, amount=v.amount * 2, qualifier="at least", low=v.amount * 2, high=None)


def compatible_readings(a: Value, ra: str, na: int | None, b: Value, rb: str, nb: int | None) -> bool:
    """:func:`compatible` for two values read as per-unit or total (see :func:`per_unit_reading`).

    A per-unit amount against a total compares the total it stands for ("$500 each" to two is $1,000 and
    disagrees with "$500"); against an unclear reading it cannot be judged and counts as compatible.

    Args:
        a: first value; ``ra`` its reading, ``na`` how many share it (None when unknown).
        b: second value; ``rb``, ``nb`` likewise.
    """
    if ra == rb or (ra != EACH and rb != EACH):
        return compatible(a, b)
    if UNCLEAR in (ra, rb):
        return True
    if ra == EACH:
        return compatible(total_of(a, na), b)
    return compatible(a, total_of(b, nb))
