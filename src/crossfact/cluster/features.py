"""Cheap per-article features for story clustering (no spaCy, no embeddings).

Every feature here is computed from one article alone (hashing, no fitted vocabulary), so it can be
computed on any worker, in any order, and merged: the only corpus statistic is the document frequency of
each hashed term, which is a sum over partitions.

- words: title (counted twice) and the lead of the text, lower-cased, stop words out, hashed;
- names: capitalised token sequences that do not start a sentence (a cheap stand-in for named entities:
  people, places, organisations), hashed in their own block so they can be weighted apart;
- numbers: the figures a report gives (a death toll, a magnitude, an amount, a time of day) go into the
  names block, as identifiers of the event like its people and places: two look-alike reports that agree
  on the event type but give different figures (magnitude 4.2 at 9:27 against 4.6 at 2:09) drift apart,
  and inside a refined group the figures its members share weigh as much as a shared name;
- years: four-digit years (1950-2039) mentioned in the title and the first 400 characters of the text,
  where a report places its event: two reports that both mention years there but share none (allowing
  one year either way: a season, a report on 2 January of the night before) are about different events
  (the look-alike earthquake of 2008 and that of 2013); years further down are mostly background
  ("the record he set in 1977") and would part reports of one event;
- day: the publication date as a day number, when known.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

from crossfact.ingest.furniture import lead_title
from crossfact.model import Article

WORD_FEATURES = 1 << 19
NAME_FEATURES = 1 << 18
YEAR_MIN, YEAR_MAX = 1950, 2039

_WORD = re.compile(r"[^\W\d_][\w'\-]*[^\W_]|[^\W\d_]", re.UNICODE)
_CAPS = re.compile(r"[A-Z][\w'\-.&]*(?:\s+(?:(?:of|de|la|del|du|van|von|al|bin)\s+)?[A-Z][\w'\-.&]*)*")
_YEAR = re.compile(r"(?:19[5-9]|20[0-3])\d")  # context checked in years(): a leading lookbehind is 5x slower
_DIGITS = frozenset("0123456789")
# a figure: digits with inner separators ("4.6", "2:09", "1,300", "9/11"); thousands commas are dropped
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
# a capitalised word right after these (or at the start) may just be starting a sentence
_OPENERS = frozenset(".!?:;\"'“”‘’()-—–\n")
# capitalised words that say nothing about which event a report is about
_NAME_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "but",
        "and",
        "or",
        "for",
        "as",
        "by",
        "with",
        "from",
        "after",
        "before",
        "when",
        "while",
        "if",
        "there",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "not",
        "no",
        "yes",
        "so",
        "then",
        "also",
        "however",
        "meanwhile",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "jr",
        "sr",
        "police",
        "officials",
        "authorities",
        "update",
        "mayor",
        "president",
        "chief",
        "captain",
        "governor",
        "minister",
        "senator",
        "officer",
        "sergeant",
        "detective",
        "judge",
        "spokesman",
        "updated",
        "breaking",
        "news",
        "photo",
        "video",
        "reuters",
        "ap",
        "afp",
        "associated",
        "press",
        "read",
        "more",
        "said",
        "says",
        "according",
    ]
)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and len(w) > 1]


def names(text: str) -> list[str]:
    """Lower-cased words of capitalised sequences, leaving out a lone capitalised word starting a sentence."""
    out: list[str] = []
    for m in _CAPS.finditer(text):
        words = [w.strip(".'-&").lower() for w in m.group(0).split()]
        words = [w for w in words if w and w[0].isalpha() and w not in _NAME_STOP and w not in {"of", "de"}]
        if not words:
            continue
        if len(words) == 1:
            before = text[max(0, m.start() - 3) : m.start()].rstrip()
            if not before or before[-1] in _OPENERS:
                continue
        out.extend(words)
    return out


def numbers(text: str) -> list[str]:
    """The figures in ``text`` as name-block terms (``"#4.6"``, ``"#1300"``): thousands commas dropped,
    a trailing sentence period excluded (the pattern needs a digit after a separator)."""
    return ["#" + m.replace(",", "") for m in _NUMBER.findall(text)]


def years(text: str) -> tuple[int, ...]:
    """The distinct four-digit years mentioned in ``text``, sorted (not inside longer numbers: 1,2015.5)."""
    found: set[int] = set()
    end_of_text = len(text)
    for m in _YEAR.finditer(text):
        start, end = m.span()
        if start and (text[start - 1] in _DIGITS or text[start - 1] in ".,"):
            continue
        if end < end_of_text and (
            text[end] in _DIGITS or (text[end] in ".," and end + 1 < end_of_text and text[end + 1] in _DIGITS)
        ):
            continue
        found.add(int(m.group()))
    return tuple(sorted(found))


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (YYYY-MM-DD or longer); None when absent or unparseable."""
    if not published:
        return None
    try:
        return (_dt.date.fromisoformat(published[:10]) - _dt.date(1970, 1, 1)).days
    except ValueError:
        return None


def lead(article: Article, max_chars: int) -> str:
    """Title (twice, it is the densest summary) and the first ``max_chars`` characters of the text."""
    title = article.title or ""
    return f"{title}\n{title}\n{article.text[:max_chars]}"


_WORD_HASHER = HashingVectorizer(
    n_features=WORD_FEATURES, analyzer=_words, alternate_sign=False, norm=None, dtype=np.float32
)
_NAME_HASHER = HashingVectorizer(
    n_features=NAME_FEATURES, analyzer=lambda t: t, alternate_sign=False, norm=None, dtype=np.float32
)


@dataclass(frozen=True, slots=True)
class Features:
    """Features of a batch of articles, row ``i`` for ``ids[i]``.

    ``counts`` holds raw term counts: word block then name block (``WORD_FEATURES + NAME_FEATURES`` columns).
    ``days`` is -1 where the publication date is unknown.
    """

    ids: tuple[str, ...]
    counts: sp.csr_matrix
    years: tuple[tuple[int, ...], ...]
    days: np.ndarray
    titles: tuple[str, ...]
    # whether each title is the article's own headline (False: the text's lead sentence); () when unknown
    titled: tuple[bool, ...] = ()

    def __len__(self) -> int:
        return len(self.ids)


def featurize(articles: Sequence[Article], max_chars: int = 3000, year_chars: int = 400) -> Features:
    """Compute the hashed term counts, years and day numbers of ``articles`` (pure, per article).

    Terms come from the title and the first ``max_chars`` characters of the text, years from the title
    and the first ``year_chars`` characters of the text.
    """
    if not articles:
        return Features(
            (),
            sp.csr_matrix((0, WORD_FEATURES + NAME_FEATURES), dtype=np.float32),
            (),
            np.zeros(0, dtype=np.int64),
            (),
        )
    texts = [lead(a, max_chars) for a in articles]
    words = _WORD_HASHER.transform(texts)
    name_lists = [names(t) + numbers(t) for t in texts]
    name_counts = _NAME_HASHER.transform(name_lists)
    counts = sp.hstack([words, name_counts], format="csr", dtype=np.float32)
    days = np.array(
        [d if (d := day_number(a.published)) is not None else -1 for a in articles], dtype=np.int64
    )
    return Features(
        ids=tuple(a.id for a in articles),
        counts=counts,
        years=tuple(years(lead(a, year_chars)) for a in articles),
        days=days,
        titles=tuple(a.title or lead_title(a.text) for a in articles),
        titled=tuple(bool(a.title) for a in articles),
    )


def concat(parts: Sequence[Features]) -> Features:
    """One :class:`Features` from several batches, in the order given."""
    if not parts:
        return featurize([])
    return Features(
        ids=tuple(i for p in parts for i in p.ids),
        counts=sp.vstack([p.counts for p in parts], format="csr"),
        years=tuple(y for p in parts for y in p.years),
        days=np.concatenate([p.days for p in parts]),
        titles=tuple(t for p in parts for t in p.titles),
        titled=tuple(t for p in parts for t in (p.titled or (True,) * len(p))),
    )


def document_frequency(counts: sp.csr_matrix) -> np.ndarray:
    """Number of rows each column is non-zero in (a sum over partitions gives the corpus figure)."""
    return np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.int64)


def weigh(
    counts: sp.csr_matrix, df: np.ndarray, n_docs: int, name_weight: float, word_features: int = WORD_FEATURES
) -> sp.csr_matrix:
    """Sublinear TF-IDF, each block L2-normalised, blocks scaled so a dot product is the blended cosine.

    The dot product of two rows is ``(1 - name_weight) * cos(words) + name_weight * cos(names)``; columns
    from ``word_features`` on are the names block (a caller that renumbered columns passes its own split).
    """
    x = sp.csr_matrix(counts, dtype=np.float32, copy=True)
    x.sum_duplicates()
    idf = np.log((1.0 + n_docs) / (1.0 + df[x.indices])) + 1.0
    data = (1.0 + np.log(x.data)) * idf
    is_name = x.indices >= word_features
    row_of = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    squares = data * data
    word_norm = np.sqrt(np.bincount(row_of[~is_name], weights=squares[~is_name], minlength=x.shape[0]))
    name_norm = np.sqrt(np.bincount(row_of[is_name], weights=squares[is_name], minlength=x.shape[0]))
    word_norm[word_norm == 0] = 1.0
    name_norm[name_norm == 0] = 1.0
    scale = np.where(
        is_name, np.sqrt(name_weight) / name_norm[row_of], np.sqrt(1.0 - name_weight) / word_norm[row_of]
    )
    x.data = (data * scale).astype(np.float32)
    return x


def year_matrix(year_sets: Sequence[tuple[int, ...]], tolerance: int = 0) -> sp.csr_matrix:
    """Binary matrix (articles x years) for vectorised "no year in common" tests; with ``tolerance``,
    each year also marks the years that many either side (clipped to the range)."""
    rows: list[int] = []
    cols: list[int] = []
    for i, ys in enumerate(year_sets):
        marked = {min(max(y + k, YEAR_MIN), YEAR_MAX) for y in ys for k in range(-tolerance, tolerance + 1)}
        rows.extend([i] * len(marked))
        cols.extend(y - YEAR_MIN for y in sorted(marked))
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(year_sets), YEAR_MAX - YEAR_MIN + 1))


def years_apart(
    year_sets: Sequence[tuple[int, ...]], rows: np.ndarray, cols: np.ndarray, tolerance: int
) -> np.ndarray:
    """For each pair (rows[k], cols[k]): both mention years and no two of them are within ``tolerance``."""
    exact, near = year_matrix(year_sets), year_matrix(year_sets, tolerance)
    has_year = np.diff(exact.indptr) > 0
    shared = np.asarray(exact[rows].multiply(near[cols]).sum(axis=1)).ravel()
    return has_year[rows] & has_year[cols] & (shared == 0)


def years_apart_matrix(year_sets: Sequence[tuple[int, ...]], tolerance: int) -> np.ndarray:
    """Dense m x m form of :func:`years_apart` for all pairs of a small group (one sparse product)."""
    exact, near = year_matrix(year_sets), year_matrix(year_sets, tolerance)
    has_year = np.diff(exact.indptr) > 0
    shared = (exact @ near.T).toarray()
    return has_year[:, None] & has_year[None, :] & (shared == 0)
