"""Direct quotations: the words inside quotation marks, with the speaker taken from the attributions.

Straight and curly double quotes (and mixes of them, as happens when copy is edited by hand) are paired
within a paragraph; a top-level quotation in single marks (‘ ’ or ') is found too, taking care of
apostrophes ("Russia’s", "others' diplomats"). Double quotes nested in nothing and single quotes inside a
double quotation belong to the outer quotation. A quotation left open at the end of a paragraph runs to the
paragraph end when the next paragraph opens a quotation again (the news convention for quotes spanning
paragraphs).

Short fragments (scare quotes such as "constructive") are kept as quotes: they are verbatim words of a
source, and an attributed one-word quote can still disagree across outlets. :func:`is_fragment` tells them
apart (fewer than ``FRAGMENT_WORDS`` words) so that the cross-source stage can leave them out of quote
lists.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from crossfact.model import Attribution, QuoteMention, Sentence

FRAGMENT_WORDS = 4
OPENERS = "“«"
CLOSERS = "”»"
_OPEN_CONTEXT = " \t([{—–-/:;,"
_MAX_SINGLE_QUOTE = 300


def is_fragment(quote: QuoteMention) -> bool:
    """True for a short quoted fragment (a scare quote or a single term) rather than a quoted statement."""
    return len(quote.text.split()) < FRAGMENT_WORDS


def _can_open(par: str, i: int) -> bool:
    prev = par[i - 1] if i else " "
    nxt = par[i + 1] if i + 1 < len(par) else " "
    return (prev in _OPEN_CONTEXT or prev in OPENERS or prev in "‘'\"") and not nxt.isspace()


def _can_close(par: str, i: int) -> bool:
    prev = par[i - 1] if i else " "
    nxt = par[i + 1] if i + 1 < len(par) else " "
    return not prev.isspace() and not nxt.isalnum()


def _double_quotes(par: str) -> tuple[list[tuple[int, int]], int | None]:
    """Inner (start, end) of double quotations in a paragraph, and the inner start of one left open."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(par):
        if ch in OPENERS:
            open_at = i + 1  # an unclosed earlier one is dropped
        elif ch in CLOSERS:
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
        elif ch == '"':
            if open_at is None:
                if _can_open(par, i) or not _can_close(par, i):
                    open_at = i + 1
            elif _can_close(par, i) or not _can_open(par, i):
                spans.append((open_at, i))
                open_at = None
            else:
                open_at = i + 1
    return spans, open_at


def _single_quotes(par: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Top-level quotations in single marks, apostrophes excluded."""
    spans = []
    i = 0
    while i < len(par):
        ch = par[i]
        inside = any(s - 1 <= i <= e for s, e in taken)
        prev = par[i - 1] if i else " "
        if (
            not inside
            and ch in "‘'"
            and (prev in _OPEN_CONTEXT or prev in OPENERS)
            and i + 1 < len(par)
            and par[i + 1].isalnum()
        ):
            for j in range(i + 2, min(len(par), i + _MAX_SINGLE_QUOTE)):
                if (
                    par[j] in "’'"
                    and not par[j - 1].isspace()
                    and (j + 1 >= len(par) or not par[j + 1].isalnum())
                ):
                    # a plural possessive ("others' diplomats") could close one too; only openers after a
                    # space or punctuation start a candidate, which rules most of those out
                    spans.append((i + 1, j))
                    i = j
                    break
        i += 1
    return spans


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the words inside each top-level quotation, in order."""
    result: list[tuple[int, int]] = []
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    non_empty = [(p, line) for p, line in lines if line.strip()]
    for k, (base, par) in enumerate(non_empty):
        doubles, open_at = _double_quotes(par)
        if open_at is not None and k + 1 < len(non_empty):
            following = non_empty[k + 1][1].lstrip()
            if following[:1] in OPENERS or following[:1] == '"':
                doubles.append((open_at, len(par.rstrip())))
        spans = sorted(doubles + _single_quotes(par, doubles))
        for s, e in spans:
            result.append((base + s, base + e))
    return result


def _clean_inner(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def extract_quotes(
    text: str,
    sentences: Sequence[Sentence],
    spacy_doc: Any,
    attributions: Sequence[Attribution] | None = None,
) -> tuple[QuoteMention, ...]:
    """Direct quotations of an article with their speakers.

    Args:
        text: the article text.
        sentences: its sentences.
        spacy_doc: its spaCy ``Doc`` (used to find attributions when ``attributions`` is not given; may be
            None, and then quotes come without speakers).
        attributions: the article's attributions, when already computed.

    Returns:
        One :class:`QuoteMention` per quotation: ``text`` verbatim inside the marks (a trailing comma of
        the "...," she said style taken off), ``sentence`` the sentence where it starts, the speaker from
        the attribution of the sentences it spans, else the previous quotation's speaker when it runs on
        from a paragraph left open, else a name in a colon introducer ("NYT's Nate Silver: ..."), else
        the attribution of a short following sentence, else of the sentence before it (a quote paragraph
        after "X said:"; only when the quotation makes most of its sentences).
    """
    if not sentences:
        return ()
    if attributions is None:
        from crossfact.nlp.attribution import extract_attributions

        attributions = extract_attributions(spacy_doc, sentences) if spacy_doc is not None else ()
    by_sentence = {a.sentence: a for a in attributions}
    starts = [s.start for s in sentences]
    quotes = []
    previous: tuple[int, Attribution | None] | None = None  # (end, attribution) of the last quotation
    for qs, qe in find_quote_spans(text):
        s, e = _clean_inner(text, qs, qe)
        if e <= s:
            continue
        first = max(0, bisect.bisect_right(starts, s) - 1)
        last = max(first, bisect.bisect_right(starts, max(s, e - 1)) - 1)
        attribution = next((by_sentence[k] for k in (last, *range(first, last)) if k in by_sentence), None)
        if attribution is None and previous is not None and _continues(text, previous[0], qs):
            attribution = previous[1]  # a quotation running on into a new paragraph
        if attribution is None:
            attribution = _colon_speaker(text, spacy_doc, qs, first)
        if attribution is None:
            attribution = _speaker_for(sentences, by_sentence, first, last, qs, qe)
        previous = (qe, attribution)
        quotes.append(
            QuoteMention(
                sentence=first,
                start=s,
                end=e,
                text=text[s:e],
                speaker=attribution.speaker if attribution else None,
                speaker_start=attribution.speaker_start if attribution else None,
                speaker_end=attribution.speaker_end if attribution else None,
                via=attribution.via if attribution else None,
            )
        )
    return tuple(quotes)


def _continues(text: str, previous_end: int, start: int) -> bool:
    """Whether a quotation opening a paragraph continues the previous one, left open at its paragraph end."""
    if text[previous_end : previous_end + 1] in {*CLOSERS, '"'}:
        return False  # the previous quotation was closed
    between = text[previous_end : max(previous_end, start - 1)]
    return "\n" in between and not between.strip()


# An introducer ending in a colon with no reporting verb ("NYT's Nate Silver:", "Per a Treasury official:",
# "Frank Keating, responding to the comments:"): the stretch back to the sentence end or headline dash.
_INTRO_START = re.compile(r"(?:[.!?][\"”’]?\s+|\s[-–—]\s)")
_INTRO_MAX_WORDS = 25
_SHORT_INTRO_WORDS = 8
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _colon_speaker(text: str, spacy_doc: Any, quote_start: int, sentence: int) -> Attribution | None:
    """The speaker named in a colon introducer right before a quotation, else None.

    "Per X:" gives X as written; else the first person named in the introducer, when it has no finite verb
    or the name is that verb's subject; else, in a short verbless introducer, an organisation that heads it.
    """
    colon = quote_start - 1
    while colon > 0 and text[colon - 1].isspace() and text[colon - 1] != "\n":
        colon -= 1
    if spacy_doc is None or colon <= 0 or text[colon - 1] != ":":
        return None
    line_start = text.rfind("\n", 0, colon) + 1
    begin = max((m.end() for m in _INTRO_START.finditer(text, line_start, colon - 1)), default=line_start)
    intro = text[begin : colon - 1]
    n_words = len(intro.split())
    if not intro.strip() or n_words > _INTRO_MAX_WORDS or colon - 1 > len(spacy_doc.text):
        return None
    span = spacy_doc.char_span(begin, colon - 1, alignment_mode="contract")
    if span is None:
        return None
    finite = [t for t in span if t.tag_ in _FINITE_TAGS]
    words = intro.split()
    if words[0].lower() == "per" and 1 < n_words <= 6 and not finite:
        name_start = begin + intro.index(words[1])
        return Attribution(
            sentence=sentence,
            speaker=text[name_start : colon - 1],
            cue=":",
            speaker_start=name_start,
            speaker_end=colon - 1,
        )
    for ent in span.ents:
        if ent.label_ == "PERSON" and (not finite or ent.root.dep_ == "nsubj"):
            return _named(ent, sentence)
    if n_words <= _SHORT_INTRO_WORDS and not finite:
        for ent in span.ents:
            # "Reuters/Tokyo:", not "From the ABC interview:" (a name modifying the head noun)
            if ent.label_ == "ORG" and ent.root.dep_ not in {"compound", "poss", "amod", "nmod"}:
                return _named(ent, sentence)
    return None


def _named(ent: Any, sentence: int) -> Attribution:
    return Attribution(
        sentence=sentence, speaker=ent.text, cue=":", speaker_start=ent.start_char, speaker_end=ent.end_char
    )


def _speaker_for(
    sentences: Sequence[Sentence],
    by_sentence: dict[int, Attribution],
    first: int,
    last: int,
    quote_start: int,
    quote_end: int,
) -> Attribution | None:
    end_sentence = sentences[last]
    rest = end_sentence.text[quote_end - end_sentence.start :] if quote_end <= end_sentence.end else ""
    # `"…," \n she said.` — the attribution is in a short sentence right after
    if last + 1 < len(sentences) and last + 1 in by_sentence and len(rest.strip()) <= 2:
        nxt = sentences[last + 1]
        if len(nxt.text.split()) <= 8 and nxt.paragraph == end_sentence.paragraph:
            return by_sentence[last + 1]
    # a quote standing alone after "X said:" or after a sentence attributed to the speaker: the quotation
    # makes most of its sentences (not a phrase quoted inside someone else's sentence)
    span_chars = sum(len(sentences[k].text) for k in range(first, last + 1))
    if first > 0 and first - 1 in by_sentence and (quote_end - quote_start) >= 0.6 * span_chars:
        prev = sentences[first - 1]
        if sentences[first].paragraph - prev.paragraph <= 1:
            return by_sentence[first - 1]
    return None
