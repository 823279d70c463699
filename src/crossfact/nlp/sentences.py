"""Sentence splitting: spaCy's sentences (or a rule-based splitter), repaired for news text.

Every sentence satisfies ``text[start:end] == sentence.text``, never crosses a paragraph break (any newline
ends a paragraph in these inputs) and has its whitespace trimmed. On top of spaCy's boundaries we fix the
errors it makes on news: splits after abbreviations ("U.S.", "Feb.", "Gov.", initials), a split before a
lower-case continuation (``"Yes," she said.``), splits inside a quotation that are not after a full stop,
and a closing quotation mark left at the start of the next sentence. Over-long runs (tables, lists,
pasted text without full stops) are cut at clause punctuation so no sentence exceeds ``MAX_SENTENCE_CHARS``.
"""

from __future__ import annotations

import re
from typing import Any

from crossfact.model import Sentence
from crossfact.nlp.entities import words

MAX_SENTENCE_CHARS = 600

# Abbreviations after which a full stop does not end a sentence when a capitalised word or number follows.
TITLE_ABBREVIATIONS = words(
    """
    mr mrs ms dr prof sen rep gov lt col gen maj capt cpt sgt det insp supt cmdr adm rev fr st sr jr
    hon pres amb atty no nos vs mt ft gens sens reps messrs mme mlle
    """
)
MONTH_ABBREVIATIONS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# Multi-dot abbreviations that usually modify the next word ("U.S. officials", "U.N. Security Council").
DOTTED = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
# Words that typically begin a new sentence: after "U.S." these keep the split.
SENTENCE_STARTERS = words(
    """
    the a an he she it they we i you his her its their our this that these those there here in on at
    but and or so yet however meanwhile still also after before when while if as for since although
    though no not some many most all both one two three several other others earlier later last next
    """
)

OPEN_QUOTES = "“‘«"
CLOSE_QUOTES = "”’»"
DOUBLE_QUOTES = '"“”«»'
_SENT_END = re.compile(r"""[.!?…]+["”’»)\]]*\s+(?=["“‘«(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs without a newline, whitespace trimmed, empty ones dropped."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = _trim(text, m.start(), m.end())
        if end > start:
            spans.append((start, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def rule_boundaries(text: str, start: int, end: int) -> list[int]:
    """Candidate sentence starts inside ``text[start:end]`` from punctuation alone (language-neutral)."""
    return [start + m.end() for m in _SENT_END.finditer(text[start:end])]


def _keeps_split(text: str, para_start: int, boundary: int) -> bool:
    """False when the boundary at ``boundary`` is one of spaCy's (or the rules') usual errors on news."""
    before = text[para_start:boundary].rstrip()
    after = text[boundary:]
    if not before:
        return False
    next_word = re.match(r"""["“‘'«(\[]*([\w$€£]+)""", after)
    word = next_word.group(1) if next_word else ""
    # a continuation in lower case: `"Yes," she said.` or a split after "approx." etc.
    if word and word[0].islower():
        return False
    if before[-1] in ",;:—–-(/&":
        return False
    m = _WORD_BEFORE.search(before)
    if m:
        prev = m.group(1)
        bare = prev.rstrip(".").lower()
        if bare in TITLE_ABBREVIATIONS:
            return False
        if bare in MONTH_ABBREVIATIONS and word[:1].isdigit():
            return False
        if len(prev) == 1 and prev.isupper():
            # an initial ("George W. Bush"): merge unless the letter itself is a sentence ("Plan B.")
            prior = before[:-2].rstrip()
            if prior and (prior[-1].isalpha() or prior[-1] == "."):
                return False
        if DOTTED.search(before) and word and word.lower() not in SENTENCE_STARTERS:
            return False
    # inside an open quotation, a split is only right after a full stop, question or exclamation mark
    return not (_quote_open(text[para_start:boundary]) and not re.search(r"[.!?…][\"”’»)]*$", before))


def _quote_open(segment: str) -> bool:
    """True when ``segment`` ends inside a double quotation (counting curly and straight marks)."""
    depth = 0
    for i, ch in enumerate(segment):
        if ch == "“" or ch == "«":
            depth = 1
        elif ch == "”" or ch == "»":
            depth = 0
        elif ch == '"':
            prev = segment[i - 1] if i else " "
            depth = 1 if (prev.isspace() or prev in "([—–-") and depth == 0 else 0
    return depth == 1


def _fix_closing_mark(text: str, boundary: int, para_start: int, para_end: int) -> int:
    """Move a boundary past a closing quotation mark (or bracket) that spaCy left at the next sentence."""
    b = boundary
    while b < para_end and text[b].isspace():
        b += 1
    moved = False
    while b < para_end and (
        text[b] in CLOSE_QUOTES or text[b] in ")]" or (text[b] == '"' and _quote_open(text[para_start:b]))
    ):
        b += 1
        moved = True
    if moved and (b >= para_end or text[b].isspace()):
        return b
    return boundary


def _cap_length(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut an over-long span at clause punctuation (else spaces, else anywhere) into pieces of ``limit``."""
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = -1
        for pattern in (r"[;:]\s", r"[,—–]\s", r"\s"):
            hits = [m.end() for m in re.finditer(pattern, window) if m.end() > limit // 3]
            if hits:
                cut = hits[-1]
                break
        cut = start + (cut if cut > 0 else limit)
        s, e = _trim(text, start, cut)
        if e > s:
            pieces.append((s, e))
        start = cut
    s, e = _trim(text, start, end)
    if e > s:
        pieces.append((s, e))
    return pieces


def split_sentences(spacy_doc: Any, text: str, max_chars: int = MAX_SENTENCE_CHARS) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences.

    Args:
        spacy_doc: a spaCy ``Doc`` of ``text`` (or of a prefix of it, when the text was cut for the model), or
            None to use the rule-based splitter only (non-English text, no model).
        text: the article text; offsets of the sentences point into it.
        max_chars: no sentence is longer; longer runs are cut at clause punctuation or spaces.

    Returns:
        The sentences in order, indexed from 0, each with its 0-based paragraph.
    """
    doc_starts: list[int] = []
    covered = 0
    if spacy_doc is not None:
        doc_starts = [s.start_char for s in spacy_doc.sents]
        covered = len(spacy_doc.text)
    result: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraph_spans(text)):
        candidates = {b for b in doc_starts if p_start < b < p_end}
        if p_end > covered:  # the part the model did not see (or no model): rules only
            candidates |= {b for b in rule_boundaries(text, p_start, p_end) if b >= covered}
        bounds = sorted(
            {_fix_closing_mark(text, b, p_start, p_end) for b in candidates if _keeps_split(text, p_start, b)}
        )
        edges = [p_start, *[b for b in bounds if p_start < b < p_end], p_end]
        for s, e in zip(edges, edges[1:], strict=False):
            s, e = _trim(text, s, e)
            if e <= s:
                continue
            for cs, ce in _cap_length(text, s, e, max_chars):
                result.append(
                    Sentence(index=len(result), start=cs, end=ce, text=text[cs:ce], paragraph=p_index)
                )
    return tuple(result)
