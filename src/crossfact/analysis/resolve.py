"""Cross-article entity resolution: one :class:`~crossfact.model.Entity` per real-world referent.

The clustering is built to be transitive-safe: it never links two forms through a weak third one.

1. Mentions are cleaned ("the", possessives, trailing punctuation) and grouped into *forms* by their
   folded words; a form's label is the majority of its mentions' labels.
2. People: full names (two or more name tokens) are linked only when the surnames spell the same name
   (transliteration-aware) **and** the given names agree (equal, an initial, or a spelling variant); the
   groups are built by complete linkage, so every pair inside a group agrees. First names never suffice.
3. Single-token forms ("Brenner", "President Brenner", a surname mis-tagged as ORG) attach to the unique
   full name ending in that surname; when several full names share it, each mention goes to the one
   mentioned nearest before it in the same article, or stays on its own.
4. Organisations and places: equal canonical keys (country prefix split off, "Department of X" read as
   "X Department", generic tails such as "news agency" dropped, diacritics and transliteration folded),
   then acronyms, bare cores ("Finance Department" -> the one "US Finance Department") and partial names
   ("Observatory", "storm service") attach only when exactly one group fits.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crossfact.analysis import names as nm
from crossfact.config import Config
from crossfact.model import ArticleDoc, Entity, EntityMention, content_id

log = logging.getLogger(__name__)

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


# --------------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Person:
    tokens: list[str]
    forms: list[_Form]

    @property
    def given(self) -> str:
        return nm.given_key(self.tokens)

    @property
    def surname(self) -> str:
        return nm.surname_key(self.tokens)


def _given_agree(a: list[str], b: list[str]) -> bool:
    ga, gb = nm.given_key(a), nm.given_key(b)
    if len(a[0]) == 1 or len(b[0]) == 1:  # an initial: "J. Smith"
        return a[0][0] == b[0][0]
    return nm.tokens_match(ga, gb)


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two full names (folded tokens, titles removed, two or more each) name the same person.

    The given names must agree (equal, an initial, or a one-edit / transliteration variant) and the
    surnames must spell the same name; a looser surname similarity is allowed only on equal given names.
    """
    a, b = list(a), list(b)
    if len(a) < 2 or len(b) < 2:
        return False
    if not _given_agree(a, b):
        return False
    sa, sb = nm.surname_key(a), nm.surname_key(b)
    loose = nm.given_key(a) == nm.given_key(b)
    return nm.tokens_match(sa, sb, loose=loose)


def _person_tokens(form: _Form) -> list[str]:
    return form.person_tokens


def _cluster_full_names(forms: list[_Form]) -> list[list[_Form]]:
    """Complete-linkage groups of full-name forms: every pair in a group passes :func:`same_person`."""
    groups: list[list[_Form]] = []
    tokens = {id(f): _person_tokens(f) for f in forms}
    # same_person needs the surnames to start alike or share their consonants: only those groups are tried
    by_surname: dict[object, list[int]] = {}
    for form in sorted(forms, key=lambda f: (-len(f.occurrences), f.first)):
        sn = nm.surname_key(tokens[id(form)])
        keys = (("first", sn[:1]), ("skeleton", nm.skeleton(sn)))
        near = sorted({gi for k in keys for gi in by_surname.get(k, ())})
        for gi in near:
            if all(same_person(tokens[id(form)], tokens[id(g)]) for g in groups[gi]):
                groups[gi].append(form)
                break
        else:
            for k in keys:
                _add(by_surname, k, len(groups))
            groups.append([form])
    return groups


class _NameKeys:
    """The surname and given-name keys of the full-name groups, indexed for :meth:`candidates`."""

    def __init__(self, keys: list[tuple[set[str], set[str]]]) -> None:
        self.keys = keys
        self._surname: dict[str, list[int]] = {}
        self._given: dict[str, list[int]] = {}
        self._near_surname: dict[object, list[int]] = {}  # first letter or consonants -> groups
        self._near_given: dict[tuple[int, str], list[int]] = {}  # (length, consonants) -> groups
        for i, (surnames, givens) in enumerate(keys):
            for sn in surnames:
                _add(self._surname, sn, i)
                if sn:
                    _add(self._near_surname, ("first", sn[0]), i)
                    _add(self._near_surname, ("skeleton", nm.skeleton(sn)), i)
            for g in givens:
                _add(self._given, g, i)
                _add(self._near_given, (len(g), nm.skeleton(g)), i)

    def candidates(self, token: str, loose: bool) -> list[int]:
        """Indexes of full-name groups a single name token may stand for, best tier only.

        Tiers: an equal surname; with ``loose``, a one-edit surname variant, then an equal given name,
        then a given name differing in one vowel.
        """
        tier = self._surname.get(token, [])
        if tier or not loose:
            return list(tier)
        keys = self.keys
        near = set(self._near_surname.get(("first", token[:1]), ())) | set(
            self._near_surname.get(("skeleton", nm.skeleton(token)), ())
        )
        tier = [i for i in sorted(near) if any(nm.tokens_match(token, sn) for sn in keys[i][0])]
        if tier:
            return tier
        tier = self._given.get(token, [])
        if tier:
            return list(tier)
        # "Terin" for the "Tarin Moss" of the story: a given name spelt with one other vowel
        near_given = self._near_given.get((len(token), nm.skeleton(token)), [])
        return [i for i in near_given if any(nm.vowel_variant(token, g) for g in keys[i][1])]


def _add(index: dict, key: object, i: int) -> None:  # type: ignore[type-arg]
    """Append ``i`` to ``index[key]`` unless it is already its last entry (indexes come in order)."""
    entries = index.setdefault(key, [])
    if not entries or entries[-1] != i:
        entries.append(i)


def _nearest_group(occ: _Occurrence, candidates: list[int], groups: list[list[_Form]]) -> int | None:
    """The candidate mentioned nearest before ``occ`` in its article (else nearest after); None if absent."""
    best: tuple[int, int] | None = None
    for i in candidates:
        for form in groups[i]:
            for o in form.occurrences:
                if o.doc != occ.doc:
                    continue
                distance = occ.start - o.start if o.start <= occ.start else 10**9 + o.start - occ.start
                if best is None or distance < best[0]:
                    best = (distance, i)
    return best[1] if best else None


def _prominent(candidates: list[int], docs_of: list[set[int]]) -> int | None:
    """The candidate named in more articles (two at least) than any other, for an article naming none."""
    ranked = sorted(candidates, key=lambda i: -len(docs_of[i]))
    if len(docs_of[ranked[0]]) >= 2 and len(docs_of[ranked[0]]) > len(docs_of[ranked[1]]):
        return ranked[0]
    return None


def _looks_like_name(form: _Form, max_tokens: int = 4) -> bool:
    parts = form.surface.split()
    return 2 <= len(parts) <= max_tokens and all(p[:1].isupper() for p in parts)


def _resolve_people(forms: list[_Form]) -> tuple[list[list[_Occurrence]], list[_Form], list[_Form]]:
    """Person clusters (occurrence lists, PERSON votes relabelled), forms left for other types, lone names.

    Lone names are single-word PERSON forms matching no full name; they stay people unless they turn
    out to be a variant or part of one organisation or place name (a mis-tag such as a lone "Observatory").

    Full names seed the groups; a multi-word form tagged otherwise ("Lemko Jones" as ORG) joins the
    one group it agrees with fully. Single tokens attach by surname: occurrences tagged PERSON, ORG or
    NORP always, those tagged as places only where the full name occurs in the same article.
    """
    seeds = [f for f in forms if f.labels["PERSON"] and len(_person_tokens(f)) >= 2]
    groups = _cluster_full_names(seeds)
    used = {id(f) for f in seeds}
    # same_person needs the surnames to start alike or share their consonants: only those groups are tried
    by_surname: dict[object, list[int]] = {}
    for gi, group in enumerate(groups):
        sn = nm.surname_key(_person_tokens(group[0]))
        if sn:
            _add(by_surname, ("first", sn[0]), gi)
            _add(by_surname, ("skeleton", nm.skeleton(sn)), gi)
    for form in forms:
        if id(form) in used or form.labels["PERSON"] or not _looks_like_name(form):
            continue
        sn = nm.surname_key(list(form.words))
        near = set(by_surname.get(("first", sn[:1]), ()))
        near |= set(by_surname.get(("skeleton", nm.skeleton(sn)), ()))
        fits = [
            groups[gi]
            for gi in sorted(near)
            if all(same_person(form.words, _person_tokens(x)) for x in groups[gi])
        ]
        if len(fits) == 1:
            fits[0].append(form)
            used.add(id(form))
    keys = []
    for group in groups:
        toks = [_person_tokens(f) for f in group]
        keys.append(({nm.surname_key(t) for t in toks}, {nm.given_key(t) for t in toks if len(t[0]) > 1}))
    name_keys = _NameKeys(keys)
    docs_of = [{o.doc for f in g for o in f.occurrences} for g in groups]
    # a full name tagged PERSON in one article and as a place or anything else in another is a person
    # (the small model often reads an unfamiliar foreign name as a place), unless it looks like a place
    clusters: list[list[_Occurrence]] = [
        [o if _looks_like_place(f) else _as_person(o) for f in g for o in f.occurrences] for g in groups
    ]
    singles: list[tuple[str, list[_Occurrence]]] = []
    rest: list[_Form] = []
    for form in forms:
        if id(form) in used:
            continue
        tokens = _person_tokens(form) if form.labels["PERSON"] else form.words
        if len(tokens) != 1 or not tokens[0][:1].isalpha() or not form.surface[:1].isupper():
            if form.label == "PERSON":
                clusters.append(list(form.occurrences))
            else:
                rest.append(form)
            continue
        token = nm.translit(nm.strip_particle(tokens[0]))
        exact = name_keys.candidates(token, loose=False)
        loose = name_keys.candidates(token, loose=True)
        left: list[_Occurrence] = []
        for occ in form.occurrences:
            candidates = loose if occ.label == "PERSON" else exact
            if occ.label in {"GPE", "LOC", "FAC"}:
                candidates = [i for i in candidates if occ.doc in docs_of[i]]
            target = candidates[0] if len(candidates) == 1 else _nearest_group(occ, candidates, groups)
            if target is None and len(candidates) > 1:
                target = _prominent(candidates, docs_of)
            if target is None:
                left.append(occ)
            else:
                clusters[target].append(_as_person(occ))
        if not left:
            continue
        if form.label != "PERSON":
            rest.append(_Form(key=form.key, words=form.words, occurrences=left))
            continue
        # a single name with no full name in the story: group equal or one-edit spellings
        for key, occs in singles:
            if nm.tokens_match(key, token):
                occs.extend(left)
                break
        else:
            singles.append((token, left))
    lone = []
    for _, occs in singles:
        words = nm.person_parts(Counter(o.text for o in occs).most_common(1)[0][0])[0]
        lone.append(_Form(key=" ".join(words), words=words, occurrences=occs))
    return clusters, rest, lone


# First and last words of multi-word place names ("New X", "San X", "X County", "Fort X").
_PLACE_FIRST = nm._wordset(
    "new north south east west upper lower central greater great san santa los las el la le saint st",
    "fort port mount mt lake cape abu bandar puerto porto rio sao ciudad",
)
_PLACE_LAST = nm._wordset(
    "county city state province region district island islands republic kingdom valley beach bay",
    "heights springs falls river lake hills park village town borough",
)


def _looks_like_place(form: _Form) -> bool:
    """A full-name form that is worded like a place ("New Halden", "Kelby County")."""
    words = form.words
    return len(words) >= 2 and (words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST)


def _as_person(occ: _Occurrence) -> _Occurrence:
    """The occurrence counted as a PERSON vote: a surname of a person in the story is a person."""
    return _relabel(occ, "PERSON")


def _relabel(occ: _Occurrence, label: str) -> _Occurrence:
    if occ.label == label:
        return occ
    return _Occurrence(
        occ.doc, occ.article, occ.sentence, occ.start, occ.end, occ.text, label, occ.abbreviated
    )


# --------------------------------------------------------------------------------------------------
# Organisations, places and everything else
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Named:
    form: _Form
    families: frozenset[str]
    prefix: str | None
    core: tuple[str, ...]
    key: str
    lone: bool = False


def _place_words(form: _Form) -> list[str]:
    surface = form.surface.split(",")[0]
    raw = surface.split()
    while len(raw) > 1 and raw[-1].islower() and nm.fold(raw[-1]) in nm.PLACE_DESIGNATORS:
        raw = raw[:-1]
    return nm.words(" ".join(raw)) or form.words


def _describe(form: _Form, place_names: set[str]) -> _Named:
    label = form.label
    families = _families(label)
    words = form.words
    prefix: str | None = None
    if "L" in families and "O" not in families:
        words = _place_words(form)
        core: list[str] = words
    else:
        core = words
        for n in (2, 1):
            head = " ".join(words[:n])
            if len(words) > n and (head in nm.COUNTRY_ALIASES or head in place_names):
                prefix = nm.country_key(words[:n])
                core = words[n:]
                break
        core = nm.org_core(core) or core
    highway = nm.highway_key(core)
    key = highway or " ".join(nm.translit(nm.strip_particle(w)) for w in core)
    return _Named(form, families, prefix, tuple(core), key)


def _compatible(a: _Named, b: _Named, acronym: bool = False) -> bool:
    if b.lone:  # nothing attaches to a lone person name; it may attach to one organisation or place
        return False
    if a.families & b.families:
        return True
    # an acronym may be tagged as an organisation while its expansion is a place ("UAE")
    both = a.families | b.families
    short = nm.is_acronym(a.form.surface) or nm.is_acronym(b.form.surface)
    return acronym and both <= {"O", "L", "N"} and short


def _resolve_others(forms: list[_Form], rest: list[_Form], lone: list[_Form]) -> list[list[_Occurrence]]:
    place_names = {f.key for f in forms if f.label in {"GPE", "NORP"}}
    described = [_describe(f, place_names) for f in rest]
    # stage 1: equal (prefix, key) and compatible families
    groups: list[list[_Named]] = []
    by_key: dict[tuple[str, str | None], list[int]] = {}  # (key, prefix) -> groups, in creation order
    for d in described:
        same = by_key.setdefault((d.key, d.prefix), [])
        for gi in same:
            if all(_compatible(d, x) for x in groups[gi]):
                groups[gi].append(d)
                break
        else:
            same.append(len(groups))
            groups.append([d])
    for f in lone:
        key = " ".join(nm.translit(nm.strip_particle(w)) for w in f.words)
        groups.append([_Named(f, frozenset({"O", "L"}), None, tuple(f.words), key, lone=True)])
    # stage 2: attach forms that fit exactly one other group (bare cores, acronyms, partial names, spellings)
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = _AttachIndex(groups)
    for gi, group in enumerate(groups):
        rep = group[0]
        candidates = {
            oj
            for x in group
            for oj, y in index.candidates(x)
            if oj != gi and _compatible(x, y, acronym=True) and _attaches(x, y)
        }
        if len(candidates) == 1:
            (target,) = candidates
            parent[find(gi)] = find(target)
            log.debug("attached %r to %r", rep.form.surface, groups[target][0].form.surface)
    merged: dict[int, list[_Occurrence]] = {}
    for gi, group in enumerate(groups):
        occurrences = [o for d in group for o in d.form.occurrences]
        root = find(gi)
        if group[0].lone and root != gi:  # a mis-tagged word takes the type of what it names
            label = groups[root][0].form.label
            occurrences = [_relabel(o, label) for o in occurrences]
        merged.setdefault(root, []).extend(occurrences)
    return list(merged.values())


class _AttachIndex:
    """The forms of all groups indexed by every way :func:`_attaches` can accept them as the longer form.

    ``candidates(x)`` returns a superset of the (group, form) pairs ``y`` with ``_attaches(x, y)``, so that
    attaching is linear in the forms instead of quadratic: equal keys (bare core), acronym letters, a
    prefix of a single-word core (abbreviation), a single-word key's length and consonants (vowel
    variant), and every proper prefix and suffix of a multi-word core (partial names).
    """

    def __init__(self, groups: list[list[_Named]]) -> None:
        self._keys: dict[object, list[tuple[int, _Named]]] = {}
        for gi, group in enumerate(groups):
            for y in group:
                for k in self._keys_of(y):
                    self._keys.setdefault(k, []).append((gi, y))

    @staticmethod
    def _keys_of(y: _Named) -> set[object]:
        keys: set[object] = {("key", y.key)}
        core = list(y.core)
        for tokens in (core, y.form.words):
            if len(tokens) >= 2:
                keys.add(("acronym", nm.initials(tokens)))
                keys.add(("acronym", "".join(t[0] for t in tokens if t)))
        if len(core) == 1:
            keys.update(("abbreviation", core[0][:k]) for k in range(3, min(5, len(core[0]) - 1) + 1))
            keys.add(("vowel", len(y.key), nm.skeleton(y.key)))
        for k in range(1, len(core)):
            keys.add(("prefix", tuple(core[:k])))
            keys.add(("suffix", tuple(core[-k:])))
        return keys

    def _keys_for(self, x: _Named) -> set[object]:
        keys: set[object] = {("key", x.key)}
        core = list(x.core)
        if nm.is_acronym(x.form.surface):
            keys.add(("acronym", nm.fold(x.form.surface).replace(".", "")))
        if len(core) == 1:
            keys.add(("abbreviation", core[0]))
            keys.add(("vowel", len(x.key), nm.skeleton(x.key)))
        keys.add(("prefix", tuple(core)))
        keys.add(("suffix", tuple(core)))
        return keys

    def candidates(self, x: _Named) -> list[tuple[int, _Named]]:
        """(group index, form) pairs that ``x`` may attach to, each once."""
        found: dict[int, tuple[int, _Named]] = {}
        for k in self._keys_for(x):
            for gi, y in self._keys.get(k, ()):
                found.setdefault(id(y), (gi, y))
        return list(found.values())


def _attaches(x: _Named, y: _Named) -> bool:
    """Whether the (shorter or abbreviated) form ``x`` may stand for the longer form ``y``."""
    # bare core -> prefixed core: "Finance Department" -> "US Finance Department"
    if x.prefix is None and y.prefix is not None and x.key == y.key:
        return True
    surface = x.form.surface
    if nm.is_acronym(surface) and not nm.is_acronym(y.form.surface):
        letters = nm.fold(surface).replace(".", "")
        return nm.acronym_of(letters, list(y.core)) or nm.acronym_of(letters, y.form.words)
    if not x.families & y.families:
        return False
    xc, yc = list(x.core), list(y.core)
    if len(xc) == 1 == len(yc):
        # "Calif." -> "California": an abbreviation with a period stands for the one longer place name
        abbreviated = len(xc[0]) <= 5 and all(o.abbreviated for o in x.form.occurrences)
        if abbreviated and "L" in x.families and len(xc[0]) >= 3:
            return yc[0].startswith(xc[0]) and len(yc[0]) > len(xc[0])
        return len(x.key) >= 5 and nm.vowel_variant(x.key, y.key)
    if "O" not in x.families or "O" not in y.families or len(xc) >= len(yc):
        return False
    n = len(xc)
    if n == 1 and xc[0] in nm.GENERIC_HEADS and not (yc[:1] == xc and set(yc[1:]) <= nm.ORG_GENERIC_TAIL):
        return False
    # "Kelby" -> "Kelby International Airport", "Varlo police" -> "... Police Department"
    if yc[:n] == xc and set(yc[n:]) <= nm.ORG_GENERIC_TAIL:
        return True
    # "storm service" -> "National Storm Service", "Red Cross" -> "... of the Red Cross"
    if yc[-n:] == xc and (n >= 2 or yc[-2] not in nm.ACRONYM_STOP):
        return n >= 2 or xc[0] not in nm.GENERIC_HEADS
    # "Observatory" -> "Observatory for Human Rights" (the head noun before a preposition)
    for i, w in enumerate(yc):
        if w in nm.ACRONYM_STOP:
            return i > 0 and yc[:i] == xc
    return False


# --------------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------------


def _strip_title(surface: str) -> str:
    parts = surface.split()
    while len(parts) > 1 and nm.fold(parts[0]).rstrip(".") in nm.TITLES:
        parts = parts[1:]
    return " ".join(parts)


def _choose_name(occurrences: list[_Occurrence], etype: str) -> str:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for o in occurrences:
        name = _strip_title(o.text) if etype == "PERSON" else o.text
        counts[name] += 1
        first.setdefault(name, (o.doc, o.start))

    def score(name: str) -> tuple[float, ...]:
        n_words = len(nm.words(name))
        if etype == "PERSON":
            no_initials = all(len(w) > 1 for w in nm.words(name))  # "Hal Brenner" over "Hal J. Brenner"
            return (n_words >= 2, counts[name], no_initials, n_words, -first[name][0], -first[name][1])
        well_formed = not nm.is_acronym(name) and not name.startswith("The ")
        return (well_formed, counts[name] * n_words**0.5, n_words, -first[name][0], -first[name][1])

    return max(counts, key=score)


# Last words that make a name a facility whatever most mentions say ("X International Airport").
_FACILITY_LAST = nm._wordset("airport airfield station terminal stadium arena bridge tunnel")


def _entity_type(occurrences: list[_Occurrence]) -> tuple[str, str]:
    """The entity's type and name: the majority label, with two general corrections.

    A tie between labels of different families goes to the label of the mentions written as the chosen
    name ("United Arab Emirates" GPE over "UAE" ORG); an organisation or place one of whose forms ends
    in a facility word ("O'Hare" ORG and "O'Hare International Airport" FAC) is a facility.
    """
    labels = Counter(o.label for o in occurrences)
    etype = _majority(labels)
    name = _choose_name(occurrences, etype)
    top = [lab for lab, n in labels.items() if n == labels[etype]]
    if len({f for lab in top for f in _families(lab)}) > 1:
        named = Counter(o.label for o in occurrences if o.text == name and o.label in top)
        if named:
            etype = _majority(named)
            name = _choose_name(occurrences, etype)
    if etype in {"ORG", "GPE", "LOC"} and any(
        (nm.words(o.text) or [""])[-1] in _FACILITY_LAST and len(nm.words(o.text)) >= 2 for o in occurrences
    ):
        etype = "FAC"
    return etype, name


def _entity(occurrences: list[_Occurrence]) -> Entity:
    occurrences = sorted(occurrences, key=lambda o: (o.doc, o.start, o.end))
    etype, name = _entity_type(occurrences)
    alias_counts = Counter(o.text for o in occurrences if o.text != name)
    aliases = tuple(sorted(alias_counts, key=lambda a: (-alias_counts[a], a)))
    mentions = tuple(EntityMention(o.article, o.sentence, o.start, o.end, o.text) for o in occurrences)
    return Entity(id=content_id(etype, name), name=name, type=etype, aliases=aliases, mentions=mentions)


def resolve_entities(docs: Sequence[ArticleDoc], config: Config | None = None) -> tuple[Entity, ...]:
    """Merge the named-entity mentions of a story's articles into one entity per referent.

    Args:
        docs: the story's analysed articles (their ``mentions`` are used).
        config: settings (none are needed yet; accepted for the stage signature).

    Returns:
        Entities ordered by number of mentions (most first), then name. Each has the fullest, most
        frequent well-formed name, the type most of its mentions agree on, every other surface form as
        an alias, and every mention with its article, sentence and offsets.
    """
    del config
    forms = _collect_forms(docs)
    people, rest, lone = _resolve_people(forms)
    others = _resolve_others(forms, rest, lone)
    entities = [_entity(c) for c in people + others if c]
    entities = _dedupe_ids(entities)
    entities.sort(key=lambda e: (-len(e.mentions), e.name, e.id))
    log.debug("resolved %d mentions into %d entities", sum(len(e.mentions) for e in entities), len(entities))
    return tuple(entities)


def _dedupe_ids(entities: list[Entity]) -> list[Entity]:
    """Keep ids unique when two separate referents end up with the same type and name."""
    seen: Counter[str] = Counter()
    out = []
    for e in sorted(entities, key=lambda e: (e.mentions[0].article, e.mentions[0].start)):
        seen[e.id] += 1
        if seen[e.id] > 1:
            e = Entity(
                id=content_id(e.type, e.name, str(seen[e.id])),
                name=e.name,
                type=e.type,
                aliases=e.aliases,
                mentions=e.mentions,
            )
        out.append(e)
    return out


# --------------------------------------------------------------------------------------------------
# Lookup
# --------------------------------------------------------------------------------------------------


class EntityLookup:
    """The story's entities indexed for :func:`entity_for_text`: build once, look up many surfaces.

    The keys of every name and alias (folded words, person tokens, surnames, organisation cores) are
    computed once here instead of once per lookup, so resolving a story's speakers is linear in them.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = list(entities)
        self._exact: dict[str, list[int]] = {}
        self._people: list[tuple[int, list[str]]] = []
        self._surnames: dict[str, list[int]] = {}
        self._others: list[tuple[int, list[str], list[str]]] = []  # (index, name words, name core)
        self._cores: dict[tuple[str, ...], list[int]] = {}
        for i, e in enumerate(self.entities):
            for key in dict.fromkeys(" ".join(nm.words(s)) for s in (e.name, *e.aliases)):
                self._exact.setdefault(key, []).append(i)
            if e.type == "PERSON":
                tokens = nm.person_parts(e.name)[0]
                self._people.append((i, tokens))
                self._surnames.setdefault(nm.surname_key(tokens), []).append(i)
                continue
            name_words = nm.words(e.name)
            self._others.append((i, name_words, nm.org_core(name_words)))
            cores = []
            for s in (e.name, *e.aliases):
                ew = nm.words(s)
                if ew and ew[0] in nm.COUNTRY_ALIASES and len(ew) > 1:
                    ew = ew[1:]
                cores.append(tuple(nm.org_core(ew)))
            for core in dict.fromkeys(cores):
                self._cores.setdefault(core, []).append(i)
        self._mentioned: dict[str, set[int]] = {}
        for i, e in enumerate(self.entities):
            for m in e.mentions:
                self._mentioned.setdefault(m.article, set()).add(i)

    def __call__(self, text: str, article: str | None = None) -> Entity | None:
        """The entity ``text`` names, or None; see :func:`entity_for_text`."""
        cs, ce = nm.clean_surface(text)
        if ce <= cs:
            return None
        surface = text[cs:ce]
        key = " ".join(nm.words(surface))
        if not key:
            return None
        exact = self._exact.get(key, [])
        if exact:
            return self._pick(exact, article) if len(exact) > 1 else self.entities[exact[0]]
        tokens, _ = nm.person_parts(surface)
        if len(tokens) >= 2:
            found = [i for i, name in self._people if same_person(tokens, name)]
            if found:
                return self._pick(found, article)
        elif tokens:
            token = nm.translit(nm.strip_particle(tokens[0]))
            found = self._surnames.get(token, [])
            if found:
                return self._pick(found, article)
        if nm.is_acronym(surface):
            letters = nm.fold(surface).replace(".", "")
            found = [i for i, name_words, _ in self._others if nm.acronym_of(letters, name_words)]
            return self._pick(found, article)
        words = nm.words(surface)
        if words and words[0] in nm.COUNTRY_ALIASES and len(words) > 1:
            words = words[1:]
        core = nm.org_core(words)
        found = self._cores.get(tuple(core), [])
        if not found and len(core) >= 2:
            # "the State Office" for the one "Quendor State Office" of the story
            tails = [i for i, _, name_core in self._others if name_core[-len(core) :] == core]
            found = tails if len(tails) == 1 else []
        return self._pick(found, article)

    def _pick(self, found: list[int], article: str | None) -> Entity | None:
        """The one of ``found`` mentioned in ``article`` (ambiguous people: None), then the most mentioned."""
        if not found:
            return None
        if article is not None:
            here = self._mentioned.get(article, set())
            local = [i for i in found if i in here]
            if len(local) > 1 and all(self.entities[i].type == "PERSON" for i in local):
                return None
            found = local or found
        return self.entities[max(found, key=lambda i: len(self.entities[i].mentions))]


# the lookup of the last tuple of entities asked about: callers resolve many surfaces against one story
_LAST_LOOKUP: tuple[tuple[Entity, ...], EntityLookup] | None = None


def entity_for_text(entities: Iterable[Entity], text: str, article: str | None = None) -> Entity | None:
    """The entity a surface string names ("Mr. Quimby", "the U.S. Finance Department", "ZOHR"), or None.

    Tries, in order: an exact name or alias (case and diacritics folded, "the" and possessives
    ignored); a person's surname or full-name variant; an acronym or organisation core. When several
    entities fit, the one mentioned in ``article`` (if given) and then the most mentioned wins; a
    surname shared by two people mentioned in ``article`` gives None rather than a guess.

    Resolving many surfaces, build an :class:`EntityLookup` once and call it; called repeatedly with the
    same tuple of entities, this function reuses the lookup it built for that tuple.
    """
    global _LAST_LOOKUP
    last = _LAST_LOOKUP
    if last is not None and last[0] is entities:
        lookup = last[1]
    else:
        lookup = EntityLookup(entities)
        if isinstance(entities, tuple):
            _LAST_LOOKUP = (entities, lookup)
    return lookup(text, article)
