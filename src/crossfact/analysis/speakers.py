"""Whether two speakers of one quotation may be the same person, and how firmly a speaker is named.

Used by the quotation-speaker conflicts (:func:`crossfact.analysis.quote_conflicts.quote_speaker_conflicts`),
where a reported disagreement must be a real one:

* :func:`same_person_name`: two written names that may well be one person ("William H. Moss III" and
  "Bill Moss", "Susan Pell" and "S.P.", "Pell" and "Susan Pell").
* :func:`pronoun_attributed`: a quotation whose own sentences attribute it with a pronoun ("..., he said")
  and do not name the speaker: its named speaker was carried over from an earlier sentence, a guess that is
  too weak to claim that sources disagree. :func:`named_nearby` likewise for a speaker its sentences do not
  name at all, and :func:`names_speaker` tells whether a sentence names a speaker.
"""

from __future__ import annotations

import re

from crossfact.analysis.names import NICKNAMES

# name suffixes and honorifics that do not tell two people apart
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})
_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "rep",
        "sen",
        "gov",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "prof",
        "rev",
        "del",
        "judge",
        "president",
        "senator",
        "minister",
    }
)
# usual English short forms of given names: one table, shared with entity resolution
_NICKNAMES = NICKNAMES
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_PRONOUN_SAID = re.compile(
    r"\b(?:he|she|they)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|tells|wrote|writes|explained|continued|"
    r"noted|stated|recalled|insisted|argued|replied|asked|declared)\b"
    r"|\b(?:said|says|added|adds|wrote|writes)\s+(?:he|she)\b",
    re.IGNORECASE,
)


def name_tokens(name: str) -> list[str]:
    """The lower-cased words of a name without honorifics and suffixes: "Rep. Jane Doe Jr." -> [jane, doe]."""
    toks = [t.lower().replace("\u2019", "'") for t in _TOKEN.findall(name)]
    toks = [t[:-2] if t.endswith("'s") else t for t in toks]
    while toks and toks[0] in _HONORIFICS:
        toks.pop(0)
    while toks and toks[-1] in _SUFFIXES:
        toks.pop()
    return toks


def _initials(name: str) -> str | None:
    """ "S.P." -> "sp", "J. D." -> "jd"; None when the name is not written as initials only."""
    m = re.fullmatch(r"\s*((?:[A-Z]\.\s?){2,4})\s*", name)
    return re.sub(r"[.\s]", "", m.group(1)).lower() if m else None


def _given_names_agree(a: str, b: str) -> bool:
    """ "bill"/"william", "chris"/"christopher", "j"/"jane": one may be the other's short form or initial."""
    if a == b or a[:1] == b and len(b) == 1 or b[:1] == a and len(a) == 1:
        return True
    full_a, full_b = _NICKNAMES.get(a, a), _NICKNAMES.get(b, b)
    if full_a == full_b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)


def same_person_name(a: str, b: str) -> bool:
    """True when two written names may be the same person.

    The same surname with agreeing given names (equal, a short form, an initial, or one left out), or one
    name written as the other's initials ("S.P." for "Susan Pell"). Middle names, honorifics and
    suffixes are ignored.
    """
    ia, ib = _initials(a), _initials(b)
    ta, tb = name_tokens(a), name_tokens(b)
    if ia or ib:
        if ia and ib:
            return ia == ib
        initials, other = (ia, tb) if ia else (ib, ta)
        return len(other) >= 2 and initials in ("".join(t[0] for t in other), other[0][0] + other[-1][0])
    if not ta or not tb or ta[-1] != tb[-1]:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return _given_names_agree(ta[0], tb[0])


def pronoun_attributed(sentences_text: str, speaker: str, before: str = "") -> bool:
    """True when a quotation is attributed with a pronoun and its sentences do not name ``speaker``.

    ``"If I ...," he said.`` with the speaker "Jane Doe": the name was carried over from an earlier
    sentence, and such a guess may pick the wrong person. ``before`` is the sentence before the
    quotation's; its pronoun counts when it does not name the speaker either (``"...," he told
    reporters. "We ..."``).
    """
    if _names(sentences_text, speaker):
        return False
    if _PRONOUN_SAID.search(sentences_text):
        return True
    return bool(before) and _PRONOUN_SAID.search(before) is not None and not _names(before, speaker)


def _names(text: str, speaker: str) -> bool:
    low = text.lower()
    return any(len(t) >= 3 and re.search(r"\b" + re.escape(t) + r"\b", low) for t in name_tokens(speaker))


def names_speaker(text: str, speaker: str) -> bool:
    """True when ``text`` names ``speaker``: one of its name words (three letters or more) as a word.

    "Added Lesh:" names "Phil Lesh"; "the lawyer said" names "the lawyer".
    """
    return _names(text, speaker)


def named_nearby(sentences_text: str, speaker: str, before: str = "") -> bool:
    """True when a quotation's own sentences, or the sentence before them, name its ``speaker``.

    A speaker named further back was carried over from an earlier paragraph by the attribution, a guess
    too weak to claim that sources disagree on who spoke.
    """
    texts = (sentences_text, before) if before else (sentences_text,)
    # a name of initials only ("S.P.") has no word long enough to look for: it must stand as written
    return any(_names(t, speaker) or speaker in t for t in texts)
