"""Span-level repairs of spaCy's named-entity spans, before their labels are corrected.

The small English model cuts and glues names in recurring ways that no label correction can mend:
it splits "Quendor State Patrol Sgt. Ola Brill" into "Quendor State" + "Patrol Sgt", cuts "ZARA of Quendor"
into "ZARA" and "Quendor", leaves lower-case institutions ("the attorney general's office", "state
television") and an untagged "Ivo Pryce, 22," aside, and reads an adjectival compound of two places
("U.S.-Quendor talks") as one person. Every rule here works from the shape of the text (titles, the
possessive "'s office", an age apposition, the article's own labels), never from a list of names.

Spans are token ranges ``(start, end, label)`` over the spaCy ``Doc``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

Span = tuple[int, int, str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Personal titles that may trail a span glued to the name after it ("KPD Det. Ola Brill").
TRAILING_TITLES = _words(
    """
    det sgt lt capt cpt col gen maj cmdr adm insp supt cpl pvt sen rep gov dr prof officer detective
    sergeant lieutenant captain colonel major commander inspector superintendent trooper deputy chief
    spokesman spokeswoman spokesperson consul secretary minister ambassador envoy commissioner director
    """
)
# "General" is a title only after another title ("Attorney General", "Consul General").
_GENERAL_BEFORE = _words("attorney consul surgeon secretary inspector solicitor adjutant")
# Roles whose holder runs an office ("the attorney general's office", "the DA's office").
_OFFICE_ROLES = (
    r"attorney[- ]general|state['’]s attorney|district attorney|u\.?s\.? attorney|county attorney|"
    r"city attorney|da|sheriff|coroner|medical examiner|prosecutor|public defender|inspector general|"
    r"solicitor general|governor|mayor|comptroller|county executive"
)
_OFFICE = re.compile(rf"\b(?:{_OFFICE_ROLES})['’]s\s+office\b", re.IGNORECASE)
# State broadcasters and news agencies cited as a source ("state television said", "state TV").
_STATE_MEDIA = re.compile(
    r"\b[Ss]tate(?:[- ](?:run|owned|controlled))?\s+(?:television|TV|radio|media|news\s+agency|broadcaster)\b"
)
_ORG_HEADS = _words(
    """
    ministry department agency service council police office court university corporation company
    group association institute organisation organization union board authority bureau committee
    commission party army navy force forces foundation embassy parliament patrol guard coalition
    movement federation network
    """
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


def _is_title_token(tok: Any, prev: Any | None) -> bool:
    word = tok.lower_.rstrip(".")
    if word == "general":
        return prev is not None and prev.lower_.rstrip(".") in _GENERAL_BEFORE
    return word in TRAILING_TITLES


def _before(doc: Any, i: int) -> Any | None:
    return doc[i - 1] if i >= 1 else None


def _is_name_start(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.pos_ == "PROPN"


def merge_split_names(doc: Any, spans: Sequence[Span]) -> list[Span]:
    """Join an ORG or place span and an ORG span that touches it ("Quendor State" + "Patrol Sgt").

    Two spans separated by one space only, the second tagged ORG (or starting with an organisation head
    word such as "Patrol") and starting with a capital, are one name the model cut in two. Spans that a
    comma, "and" or any other token separates stay apart.
    """
    out: list[Span] = []
    for start, end, label in sorted(spans):
        if out:
            ps, pe, plabel = out[-1]
            touching = pe == start and pe > 0 and doc[pe - 1].whitespace_ == " "
            if (
                touching
                and plabel in {"ORG", "GPE"}
                and (label == "ORG" or doc[start].lower_ in _ORG_HEADS)
                and doc[start].text[:1].isupper()
                and doc[pe - 1].tag_ != "POS"
            ):
                out[-1] = (ps, end, "ORG")
                continue
        out.append((start, end, label))
    return out


def _name_follows(doc: Any, end: int) -> bool:
    k = end
    if k < len(doc) and doc[k].text == ".":
        k += 1
    return k < len(doc) and _is_name_start(doc[k])


def strip_trailing_titles(doc: Any, spans: Sequence[Span], place_texts: set[str]) -> list[Span]:
    """Cut a personal title off the end of an organisation or place span.

    "KPD Det" (before "Ola Brill") -> "KPD"; "U.S. Consul General" -> "U.S." (a place, as the article
    labels it elsewhere). A span tagged PERSON loses its last word only when a capitalised name follows
    it ("John Major said" keeps its name); other spans lose trailing titles always. A span left with
    no words is dropped (a bare "Attorney General" names a role). Spans with "of" or "for" inside
    ("Office of the Attorney General") are names of their own and stay whole.
    """
    out: list[Span] = []
    for start, end, label in spans:
        if any(doc[k].lower_ in {"of", "for"} for k in range(start, end)):
            out.append((start, end, label))
            continue
        new_end = end
        while new_end > start and _is_title_token(doc[new_end - 1], _before(doc, new_end - 1)):
            new_end -= 1
        text = doc[start:new_end].text
        rest_known = text in place_texts or _is_acronym(text)
        cut = _name_follows(doc, end) or (label != "PERSON" and (rest_known or new_end == start))
        if new_end == end or not cut:
            out.append((start, end, label))
            continue
        if new_end == start:
            continue
        out.append((start, new_end, "GPE" if text in place_texts else "ORG"))
    return out


def extend_org_of_place(doc: Any, spans: Sequence[Span]) -> list[Span]:
    """ "ZARA" + "of" + "Quendor" -> one organisation "ZARA of Quendor".

    An ORG span that is an acronym or ends in an organisation head word, followed directly by "of" and
    a place span, is one name. Anything else ("Envoys of Quendor", a person "of" a place) stays apart.
    """
    ordered = sorted(spans)
    out: list[Span] = []
    skip: set[int] = set()
    for i, (start, end, label) in enumerate(ordered):
        if i in skip:
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        if (
            label == "ORG"
            and nxt is not None
            and nxt[2] == "GPE"
            and nxt[0] == end + 1
            and end < len(doc)
            and doc[end].text == "of"
            and _is_org_core(doc[start:end])
        ):
            out.append((start, nxt[1], "ORG"))
            skip.add(i + 1)
            continue
        out.append((start, end, label))
    return out


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _is_org_core(tokens: Any) -> bool:
    return _is_acronym(tokens.text) or tokens[-1].lower_ in _ORG_HEADS


def _token_range(doc: Any, s: int, e: int) -> tuple[int, int] | None:
    span = doc.char_span(s, e, alignment_mode="expand")
    return None if span is None else (span.start, span.end)


def office_spans(doc: Any, spans: Sequence[Span]) -> list[Span]:
    """Institutions named after the role that runs them: "the Quendor attorney general's office".

    The phrase "<role>'s office" (attorney general, state's attorney, district attorney or DA, sheriff,
    coroner, prosecutor, mayor, governor, ...) is an organisation, in lower case or capitalised; a place or
    name span right before it ("Quendor", "Kelby County District") becomes part of it, and spans
    inside the phrase give way to it.
    """
    text = doc.text
    found: list[Span] = []
    for m in _OFFICE.finditer(text):
        rng = _token_range(doc, m.start(), m.end())
        if rng is None:
            continue
        start, end = rng
        for s, e, label in spans:
            # a name span ending at or inside the phrase's first words ("Kelby County District")
            if s < start < e + 1 and e <= end and label in {"GPE", "ORG", "LOC", "NORP", "FAC"}:
                start = s
        if doc[start].sent != doc[end - 1].sent:
            continue
        found.append((start, end, "ORG"))
    return _overlay(spans, found)


def state_media_spans(doc: Any, spans: Sequence[Span]) -> list[Span]:
    """ "(Quendorian) state television", "state TV", "state news agency": the state broadcaster, an ORG.

    A nationality or place span right before the phrase is part of its name.
    """
    found: list[Span] = []
    for m in _STATE_MEDIA.finditer(doc.text):
        rng = _token_range(doc, m.start(), m.end())
        if rng is None:
            continue
        start, end = rng
        for s, e, label in spans:
            if e == start and label in _PLACE_LABELS:
                start = s
        found.append((start, end, "ORG"))
    return _overlay(spans, found)


def _overlay(spans: Sequence[Span], found: Iterable[Span]) -> list[Span]:
    """``spans`` with ``found`` added; a span overlapping a found one gives way to it."""
    found = list(found)
    if not found:
        return list(spans)
    kept = [sp for sp in spans if not any(sp[0] < f[1] and f[0] < sp[1] for f in found)]
    return sorted(kept + found)


def aged_names(doc: Any, taken: Sequence[bool]) -> list[tuple[int, int]]:
    """Untagged names followed by an age apposition: "Ivo Pryce, 22, wears ...".

    Two capitalised proper nouns (three when no capitalised word comes before them) right before
    ", <age>,". In a longer run of capitals ("For The Herald Ivo Pryce, 22,": a photo credit glued to a
    caption) only the last two are taken.
    """
    found = []
    for i in range(2, len(doc) - 2):
        tok = doc[i]
        if tok.text != "," or not doc[i + 1].text.isdigit() or doc[i + 2].text != ",":
            continue
        if not 0 < int(doc[i + 1].text) < 120:
            continue
        j = i
        while j > 0 and _is_name_start(doc[j - 1]) and not taken[j - 1] and not doc[j - 1].is_sent_start:
            j -= 1
        if j > 0 and doc[j - 1].is_sent_start and _is_name_start(doc[j - 1]) and not taken[j - 1]:
            j -= 1
        run = i - j
        if run < 2:
            continue
        # three words only when nothing capitalised comes before them ("Mary Ann Pryce, 40,")
        whole = run == 2 or (run == 3 and (j == 0 or not doc[j - 1].text[:1].isupper()))
        start = j if whole else i - 2
        found.append((start, i))
    return found


def place_compound_parts(tok_text: str, place_texts: set[str]) -> list[tuple[int, int]] | None:
    """Character ranges (within ``tok_text``) of the places a hyphenated compound is made of, or None.

    "U.S.-Quendor" with "U.S." and "Quendor" places of the article -> [(0, 4), (5, 12)]; "Varga-Delmonte"
    -> None. Every part must be a known place.
    """
    if "-" not in tok_text or " " in tok_text:
        return None
    parts = []
    pos = 0
    for piece in tok_text.split("-"):
        if not piece or not piece[:1].isupper():
            return None
        key = piece.rstrip(".")
        if piece not in place_texts and key not in place_texts:
            return None
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    return parts if len(parts) >= 2 else None
