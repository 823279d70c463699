"""Mentions of a story grouped into *forms* for entity resolution (:mod:`crossfact.analysis.resolve`).

A form is every mention written with the same folded words ("the U.S. Finance Department's" and "U.S.
Finance Department" are one form); its label is the majority of its mentions' labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crossfact.analysis import names as nm
from crossfact.model import ArticleDoc

ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
# Which labels may be merged with which: GPE/LOC are places, ORG/FAC institutions; a facility can be
# either (airports are tagged both ways). Other labels only merge with themselves.
_FAMILIES = {
    "PERSON": frozenset({"P"}),
    "GPE": frozenset({"L"}),
    "LOC": frozenset({"L"}),
    "FAC": frozenset({"L", "O"}),
    "ORG": frozenset({"O"}),
    "NORP": frozenset({"N"}),
}
# Tie-break when a form's labels are equally frequent.
_LABEL_PRIORITY = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")


@dataclass(slots=True, eq=False)
class _Occurrence:
    doc: int
    article: str
    sentence: int
    start: int
    end: int
    text: str
    label: str
    abbreviated: bool = False


@dataclass(slots=True, eq=False)
class _Form:
    """All mentions written with the same folded words."""

    key: str
    words: list[str]
    occurrences: list[_Occurrence] = field(default_factory=list)
    # derived values, each with the number of occurrences it was computed from (occurrences only grow)
    _memo: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False)

    def _derived(self, name: str, compute: Callable[[], Any]) -> Any:
        n = len(self.occurrences)
        hit = self._memo.get(name)
        if hit is None or hit[0] != n:
            hit = self._memo[name] = (n, compute())
        return hit[1]

    @property
    def labels(self) -> Counter[str]:
        return self._derived("labels", lambda: Counter(o.label for o in self.occurrences))

    @property
    def label(self) -> str:
        return self._derived("label", lambda: _majority(self.labels))

    @property
    def surface(self) -> str:
        counts = lambda: Counter(o.text for o in self.occurrences)  # noqa: E731
        return self._derived("surface", lambda: counts().most_common(1)[0][0])

    @property
    def first(self) -> tuple[int, int]:
        return self._derived("first", lambda: min((o.doc, o.start) for o in self.occurrences))

    @property
    def generation(self) -> str | None:
        """The generational suffix ("jr", "sr", "iii") most of the mentions are written with, or None."""

        def compute() -> str | None:
            found = Counter(nm.generation(o.text) for o in self.occurrences)
            return found.most_common(1)[0][0]

        return self._derived("generation", compute)

    @property
    def person_tokens(self) -> list[str]:
        """Name tokens of the most frequent surface (titles and suffixes removed)."""
        return self._derived("person_tokens", lambda: nm.person_parts(self.surface)[0])


def _majority(labels: Counter[str]) -> str:
    def rank(label: str) -> tuple[int, int]:
        prio = _LABEL_PRIORITY.index(label) if label in _LABEL_PRIORITY else len(_LABEL_PRIORITY)
        return (-labels[label], prio)

    return min(labels, key=rank)


def _families(label: str) -> frozenset[str]:
    return _FAMILIES.get(label, frozenset({label}))


# --------------------------------------------------------------------------------------------------
# Collecting forms
# --------------------------------------------------------------------------------------------------


def _collect_forms(docs: Sequence[ArticleDoc]) -> list[_Form]:
    forms: dict[str, _Form] = {}
    for di, doc in enumerate(docs):
        sentence_starts = {s.start for s in doc.sentences}
        for m in doc.mentions:
            if m.label not in ENTITY_LABELS:
                continue
            cs, ce = nm.clean_surface(m.text, keep_capital_the=m.start not in sentence_starts)
            if ce <= cs:
                continue
            text = m.text[cs:ce]
            words = nm.words(text)
            while len(words) > 1 and words[0] == "the":
                words = words[1:]
            if not words or not any(c.isalpha() for c in text):
                continue
            key = " ".join(words)
            form = forms.get(key)
            if form is None:
                form = forms[key] = _Form(key=key, words=words)
            start = m.start + cs
            end = start + len(text)
            # "Calif." -- the period may have been left out of the mention
            abbreviated = text.endswith(".") or doc.article.text[end : end + 1] == "."
            form.occurrences.append(
                _Occurrence(di, doc.article.id, m.sentence, start, end, text, m.label, abbreviated)
            )
    return sorted(forms.values(), key=lambda f: f.first)


def _add(index: dict, key: object, i: int) -> None:  # type: ignore[type-arg]
    """Append ``i`` to ``index[key]`` unless it is already its last entry (indexes come in order)."""
    entries = index.setdefault(key, [])
    if not entries or entries[-1] != i:
        entries.append(i)


def _relabel(occ: _Occurrence, label: str) -> _Occurrence:
    if occ.label == label:
        return occ
    return _Occurrence(
        occ.doc, occ.article, occ.sentence, occ.start, occ.end, occ.text, label, occ.abbreviated
    )
