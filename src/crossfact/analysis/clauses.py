"""Clauses: the two facts a sentence states, found by light rules on its text.

A news sentence often carries two statements: "The clash was in the western district, and it suggests the
rebels are closer", "X died on Monday; Y was arrested", "His mother, who was with him when he was shot,
said ...", "the district of X, one of the most heavily guarded areas of the capital, ...". Claims
(:mod:`crossfact.analysis.claims`) let such a sentence support a second claim through its other clause.

The per-article NLP keeps no dependency parse in the document model, and parsing again during the
analysis would cost as much as the per-article stage, so the boundaries are found on the text: a
semicolon; a comma before "and", "but", "while", "whereas" or "as" that opens a clause (a verb close
after it, no list before it); a non-restrictive relative clause (", which ...", ", who ...", ", where
..."); an appositive noun phrase after a name (", the ...", ", one of ..."). Each rule errs towards not
splitting: a sentence that is not split keeps supporting one claim, as before.

Each clause is given as spans of the sentence (character offsets into the sentence text), so that the
entities and values found in it can be told apart; a relative clause or an appositive keeps the few
words before its comma (the noun it describes), so that it reads as a statement about that noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crossfact.calendar_words import WEEKDAYS

MIN_CLAUSE_WORDS = 4  # each side of a split needs this many words, else the sentence stays whole
MAX_ANCHOR_WORDS = 4  # words before a relative clause or appositive kept as the noun it is about
MAX_NAME_WORDS = 8  # words of a name kept as that noun ("International Committee of the Red Cross")
MAX_APPOSITIVE_WORDS = 14

# finite verbs and auxiliaries that show a run of words is a clause (a list item or a noun phrase has none)
_FINITE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "did",
        "does",
        "do",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "announced",
        "reported",
        "estimated",
        "described",
        "called",
        "urged",
        "warned",
        "became",
        "remains",
        "remained",
        "appeared",
        "seemed",
    ]
)
_CONNECTORS = ("and", "but", "while", "whereas", "as", "although", "though")
# after "as", these make a phrase, not a clause ("as well as", "as expected", "such as")
_AS_PHRASES = frozenset(
    ["well", "expected", "usual", "planned", "such", "much", "many", "long", "soon", "of"]
)
_RELATIVE = ("which", "who", "where", "whose")
_APPOSITIVE_START = re.compile(r"(?:the|a|an|one of|its|his|her|their|[A-Z][\w.-]*'s)\s", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
_QUOTES = '"“”'
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "most",
        "very",
        "heavily",
    ]
)
_NAME_LINKS = frozenset(["of", "for", "the", "de", "al"])
# capitalised at the start of a sentence, or a day's name, these are no part of a name ("On Monday Smith")
_OPENERS = frozenset(
    ["on", "in", "at", "after", "before", "by", "with", "for", "from", "when", "while", "as", "but", "and"]
) | frozenset(WEEKDAYS)


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a sentence: ``spans`` are (start, end) offsets into the sentence's text."""

    spans: tuple[tuple[int, int], ...]
    kind: str  # main, coordinate, semicolon, relative, appositive

    def text(self, sentence: str) -> str:
        """The clause's words as one string (its spans of ``sentence`` joined)."""
        return " ".join(sentence[s:e].strip(" ,;") for s, e in self.spans).strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _has_finite(words: list[str], limit: int | None = None) -> bool:
    return any(w.lower() in _FINITE for w in words[:limit])


def _in_quote(text: str, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation (an odd number of quote marks before it)."""
    return sum(text[:at].count(q) for q in _QUOTES) % 2 == 1


def _opens_clause(right: str, connector: str) -> bool:
    """Whether the words after a connector read as a clause: a verb within the first few words."""
    ws = _words(right)
    if len(ws) < MIN_CLAUSE_WORDS:
        return False
    if connector == "as" and ws[0].lower() in _AS_PHRASES:
        return False
    if _has_finite(ws, 6):
        return True
    # "and the governor asked ...": a past tense not after a determiner ("the flooded villages")
    for prev, w in zip(["the", *ws[:5]], ws[:6], strict=False):
        if len(w) > 4 and w.endswith("ed") and w.islower() and prev.lower() not in _DETERMINERS:
            return True
    # "..., and suggests that ...": a verb phrase sharing the subject opens on a verb in -s or -ed
    first = ws[0]
    return first.islower() and (first.endswith("ed") or (first.endswith("s") and not first.endswith("ss")))


def _listy(left: str) -> bool:
    """Whether the text before ", and" ends in a list ("Iowa, Nebraska, and ..."): a short last item."""
    if "," not in left:
        return False
    return len(_words(left.rsplit(",", 1)[1])) <= 3


def _anchor_start(text: str, comma: int) -> int:
    """Where the noun before ``comma`` starts: a name's run of capitalised words (with "of", "the", "al-"),
    else up to a few words back; never across another comma."""
    start = text.rfind(",", 0, comma) + 1
    ws = list(_WORD.finditer(text, start, comma))
    if not ws:
        return start
    if any(c.isupper() for c in ws[-1].group()):
        k = len(ws) - 1
        # a name may be long ("the Syrian Observatory for Human Rights", "the International Committee of
        # the Red Cross"); it ends at a lower-case word that links no name or at a capitalised function word
        # opening the sentence ("The", "On")
        while k > 0 and len(ws) - k < MAX_NAME_WORDS:
            prev = ws[k - 1].group()
            if prev in _NAME_LINKS or (
                any(c.isupper() for c in prev) and prev.lower() not in _DETERMINERS | _OPENERS
            ):
                k -= 1
                continue
            break
        while k < len(ws) - 1 and ws[k].group() in _NAME_LINKS:  # never open on "of"
            k += 1
        return ws[k].start()
    tail = ws[-min(len(ws), MAX_ANCHOR_WORDS) :]
    # a common noun's phrase opens on its determiner ("hit the customs office" -> "the customs office")
    for w in reversed(tail[:-1]):
        if w.group().lower() in _DETERMINERS:
            return w.start()
    return tail[0].start()


def _appositive_before(text: str, comma: int) -> int | None:
    """The comma opening an appositive of a name that ends at ``comma`` ("Name, the ..., who"), or None.

    A relative clause on a person after an appositive describes the name the appositive describes, not
    the last noun of the appositive ("X, the ambassador to the US, who said" is about X, not the US).
    """
    prev = text.rfind(",", 0, comma)
    if prev < 0 or _in_quote(text, prev):
        return None
    at = prev + 1 + len(text[prev + 1 : comma]) - len(text[prev + 1 : comma].lstrip())
    if not _APPOSITIVE_START.match(text, at):
        return None
    phrase = _words(text[prev + 1 : comma])
    if not 2 <= len(phrase) <= MAX_APPOSITIVE_WORDS or _has_finite(phrase):
        return None
    before = _words(text[:prev])
    if not before or not any(c.isupper() for c in before[-1]):
        return None
    return prev


def _coordination(text: str) -> tuple[Clause, Clause] | None:
    """ "X; Y" and "X, and Y" (also but, while, whereas, as, although, though) where Y is a clause."""
    for m in re.finditer(r";\s+", text):
        if _in_quote(text, m.start()):
            continue
        left, right = text[: m.start()], text[m.end() :]
        if len(_words(left)) >= MIN_CLAUSE_WORDS and len(_words(right)) >= MIN_CLAUSE_WORDS:
            return Clause(((0, m.start()),), "main"), Clause(((m.end(), len(text)),), "semicolon")
    pattern = r",\s+(" + "|".join(_CONNECTORS) + r")\s+"
    for m in re.finditer(pattern, text):
        if _in_quote(text, m.start()):
            continue
        left, right = text[: m.start()], text[m.end() :]
        connector = m.group(1)
        if len(_words(left)) < MIN_CLAUSE_WORDS or _listy(left) or not _opens_clause(right, connector):
            continue
        return Clause(((0, m.start()),), "main"), Clause(((m.end(), len(text)),), "coordinate")
    return None


def _relative(text: str) -> tuple[Clause, Clause] | None:
    """ "N, which/who/where ... , rest": the relative clause (with N) and the sentence without it."""
    pattern = r",\s+(" + "|".join(_RELATIVE) + r")\s+"
    for m in re.finditer(pattern, text):
        if _in_quote(text, m.start()):
            continue
        close = text.find(",", m.end())
        end = close if close >= 0 else len(text.rstrip(" .!?"))
        clause_words = _words(text[m.end() : end])
        if len(clause_words) < MIN_CLAUSE_WORDS - 1:
            continue
        main = ((0, m.start()),) + (((close + 1, len(text)),) if close >= 0 else ())
        if sum(len(_words(text[s:e])) for s, e in main) < MIN_CLAUSE_WORDS:
            continue
        # "X, the ..., who said": the name and the relative clause ("which" may describe the appositive's
        # noun: "X, the director of the Y Fund, which ...")
        head = _appositive_before(text, m.start()) if m.group(1) in ("who", "whose") else None
        if head is not None:
            spans = ((_anchor_start(text, head), head), (m.start(), end))
            return Clause(main, "main"), Clause(spans, "relative")
        return Clause(main, "main"), Clause(((_anchor_start(text, m.start()), end),), "relative")
    return None


def _appositive(text: str) -> tuple[Clause, Clause] | None:
    """ "Name, the/one of ... ," after a capitalised word: the appositive (with the name) and the rest."""
    for m in re.finditer(r",\s+", text):
        at = m.end()
        if _in_quote(text, m.start()) or not _APPOSITIVE_START.match(text, at):
            continue
        before = _words(text[: m.start()])
        # an opening phrase ("On Monday, the ...") is not a noun the rest describes
        if len(before) <= 3 or not any(c.isupper() for c in before[-1]):
            continue
        close = text.find(",", at)
        end = close if close >= 0 else len(text.rstrip(" .!?"))
        phrase = _words(text[at:end])
        if not 3 <= len(phrase) <= MAX_APPOSITIVE_WORDS or _has_finite(phrase):
            continue
        main = ((0, m.start()),) + (((close + 1, len(text)),) if close >= 0 else ())
        if sum(len(_words(text[s:e])) for s, e in main) < MIN_CLAUSE_WORDS:
            continue
        return Clause(main, "main"), Clause(((_anchor_start(text, m.start()), end),), "appositive")
    return None


def split_clauses(text: str) -> tuple[Clause, ...]:
    """The two clauses of a sentence that states two facts, or () when it reads as one.

    Rules are tried in order (semicolon and coordination, relative clause, appositive) and the first
    that applies gives the split; a sentence is never cut into more than two clauses.

    Args:
        text: the sentence.

    Returns:
        Two clauses (the main one first), or an empty tuple.
    """
    for rule in (_coordination, _relative, _appositive):
        found = rule(text)
        if found is not None:
            return found
    return ()
