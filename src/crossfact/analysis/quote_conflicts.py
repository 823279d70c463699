"""Conflicts on who said a quotation: the same words given to speakers who cannot be one person.

A quotation takes part when it has five words or more and a named speaker (not a pronoun) that is not a
bare description ("the ministry") unless that resolves to an entity, not a place or a people ("Russia
said"), and not carried over to a quotation its own sentence gives to a pronoun ("..., he said.",
:func:`crossfact.analysis.speakers.pronoun_attributed`). Quotations of different articles are the same
words when most of the shorter one's word trigrams are in the other; a group of them is a conflict when
two of its speakers resolve to different entities whose names cannot be one person's
(:func:`crossfact.analysis.speakers.same_person_name`). A speaker must be named in the quotation's own
sentences or the sentence before (one carried over from further back is a guess), and a pair does not
count when one quotation's own sentence names the other's speaker ("Added Lesh: ..." credited to another
member of the band).

Candidate pairs are found through the trigrams the quotations share (a pair sharing none cannot be the same
words), so a story with many quotations is not compared pair by pair.
"""

from __future__ import annotations

from collections.abc import Sequence

from crossfact.analysis.origins import words
from crossfact.analysis.speakers import named_nearby, names_speaker, pronoun_attributed, same_person_name
from crossfact.model import ArticleDoc, Conflict, Entity, Position, QuoteMention, content_id

__all__ = ["QUOTE_MATCH", "is_description", "quote_speaker_conflicts"]

# shingle containment for two quotations to be the same words
QUOTE_MATCH = 0.85
# entity types that are places or peoples, not speakers
PLACE_TYPES = frozenset({"GPE", "LOC", "NORP", "FAC"})
PRONOUNS = frozenset(
    ["he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "his", "its", "their", "this", "that"]
)
# a quotation shorter than this (in words) is too common a phrase to tie two articles
MIN_QUOTE_WORDS = 5


def _is_named(speaker: str | None) -> bool:
    if not speaker:
        return False
    toks = speaker.split()
    return not (len(toks) == 1 and toks[0].lower() in PRONOUNS) and speaker[:1].isupper()


def is_description(speaker: str) -> bool:
    """True for a speaker given as a common noun phrase ("The ministry", "the lawyer"), not a name."""
    toks = speaker.split()
    return len(toks) >= 2 and toks[0].lower() in ("the", "a", "an") and all(t[:1].islower() for t in toks[1:])


def quote_speaker_conflicts(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> list[Conflict]:
    """The same quotation attributed to different named speakers in different articles.

    Args:
        docs: the story's analysed articles.
        entities: resolved entities, to tie each speaker to a referent.

    Returns:
        One conflict ("who said ...", kind "attribution") per group of matching quotations whose speakers
        cannot be one person, with one position per article.
    """
    quotes = _speaking_quotes(docs, entities)
    grams = [_trigrams(q[1].text) for q in quotes]
    by_gram: dict[tuple[str, ...], list[int]] = {}
    for x, g in enumerate(grams):
        for t in g:
            by_gram.setdefault(t, []).append(x)
    out = []
    used: set[int] = set()
    for a in range(len(quotes)):
        if a in used:
            continue
        group = [a]
        # only quotations sharing a trigram with this one can match it; visited in order, as pair by pair
        candidates = sorted({b for t in grams[a] for b in by_gram[t] if b > a})
        for b in candidates:
            if (
                b not in used
                and quotes[b][0] not in {quotes[x][0] for x in group}
                and _contained(grams[a], grams[b])
            ):
                group.append(b)
        if len(group) < 2 or not _different_speakers([quotes[x] for x in group]):
            continue
        used.update(group)
        positions = tuple(_quote_position(docs[quotes[x][0]], quotes[x][1], quotes[x][3]) for x in group)
        first = " ".join(quotes[a][1].text.split()[:6])
        cid = content_id("quote", *(f"{p.article}:{p.start}" for p in positions))
        out.append(
            Conflict(
                id=cid, about=f"who said \u201c{first} ...\u201d", kind="attribution", positions=positions
            )
        )
    return out


def _speaking_quotes(
    docs: Sequence[ArticleDoc], entities: Sequence[Entity]
) -> list[tuple[int, QuoteMention, str, str, str]]:
    """(doc index, quotation, speaker key, speaker name, frame) of every quotation that may take part.

    The frame is the text of the quotation's sentences outside the quotation.
    """
    try:
        from crossfact.analysis.resolve import entity_for_text
    except ImportError:  # entity resolution is optional for this module
        entity_for_text = None  # type: ignore[assignment]
    quotes = []
    for i, d in enumerate(docs):
        for q in d.quotes:
            if len(words(q.text)) < MIN_QUOTE_WORDS or not _is_named(q.speaker):
                continue
            speaker = q.speaker or ""
            ent = entity_for_text(entities, speaker, d.article.id) if entity_for_text is not None else None
            # "the ministry" may be anyone: it takes part only when it resolves to an entity
            if ent is None and is_description(speaker):
                continue
            # a country or a people "says" through someone: not a speaker that can clash with a person
            if ent is not None and ent.type in PLACE_TYPES:
                continue
            # "..., he said." with a name carried over from an earlier sentence: too weak a guess
            own, before = _quote_sentences(d, q)
            if pronoun_attributed(own, speaker, before):
                continue
            # a speaker named neither in the quotation's sentences nor just before: carried over, a guess
            if not named_nearby(_outside(own, q.text), speaker, before):
                continue
            key = ent.id if ent is not None else speaker.lower()
            quotes.append((i, q, key, ent.name if ent is not None else speaker, _outside(own, q.text)))
    return quotes


def _outside(sentences_text: str, quotation: str) -> str:
    """The sentences' text with the quotation's words taken out: the frame that says who spoke."""
    return sentences_text.replace(quotation, " ") if quotation else sentences_text


def _different_speakers(group: Sequence[tuple]) -> bool:
    """True when two quotations of ``group`` have speakers that cannot be one person.

    Different entities whose names may still be one person ("Bill Moss" / "William H. Moss III",
    "S.P." / "Susan Pell") do not count, nor a speaker whom the other quotation's own sentence names
    ("Added Lesh: ..." given to someone else by the attribution).
    """
    for a in range(len(group)):
        for b in range(a + 1, len(group)):
            (_, qa, ka, na, frame_a), (_, qb, kb, nb, frame_b) = group[a], group[b]
            if ka == kb:
                continue
            names_a, names_b = {na, qa.speaker or na}, {nb, qb.speaker or nb}
            if any(same_person_name(x, y) for x in names_a for y in names_b):
                continue
            if any(names_speaker(frame_a, y) for y in names_b) or any(
                names_speaker(frame_b, x) for x in names_a
            ):
                continue
            return True
    return False


def _quote_sentences(doc: ArticleDoc, q: QuoteMention) -> tuple[str, str]:
    """The text of the sentences a quotation stands in, and of the sentence before them.

    The sentence before is where a second quotation of a paragraph gets its speaker
    ("..., he told reporters. “We ...”").
    """
    touched = [i for i, s in enumerate(doc.sentences) if s.start < q.end and s.end > q.start]
    if not touched and q.sentence < len(doc.sentences):
        touched = [q.sentence]
    if not touched:
        return "", ""
    own = " ".join(s.text for s in doc.sentences[touched[0] : touched[-1] + 1])
    return own, doc.sentences[touched[0] - 1].text if touched[0] > 0 else ""


def _quote_position(doc: ArticleDoc, q: QuoteMention, speaker: str) -> Position:
    """The quotation with the sentences it stands in, so the position shows who is said to have said it."""
    touched = [s for s in doc.sentences if s.start < q.end and s.end > q.start] or [doc.sentences[q.sentence]]
    start, end = min(q.start, touched[0].start), max(q.end, touched[-1].end)
    return Position(
        value=speaker,
        text=doc.article.text[start:end],
        article=doc.article.id,
        sentence=q.sentence,
        attribution=speaker,
        start=start,
        end=end,
    )


def _trigrams(text: str) -> frozenset[tuple[str, ...]]:
    """The word trigrams of a quotation (its whole word sequence when shorter); empty without words."""
    w = words(text)
    if not w:
        return frozenset()
    return frozenset(tuple(w[i : i + 3]) for i in range(max(1, len(w) - 2)))


def _contained(ga: frozenset[tuple[str, ...]], gb: frozenset[tuple[str, ...]]) -> bool:
    """True when most of the smaller trigram set is in the other: the same words, quoted in part or whole."""
    if not ga or not gb:
        return False
    return len(ga & gb) / min(len(ga), len(gb)) >= QUOTE_MATCH


def same_quote(a: str, b: str) -> bool:
    """True when two quotations are the same words (see :data:`QUOTE_MATCH`)."""
    return _contained(_trigrams(a), _trigrams(b))
