"""People for entity resolution: full names clustered, single names attached to them.

Full names (two or more name tokens) are linked only when the surnames spell the same name
(transliteration-aware) **and** the given names agree (equal, an initial, a usual short form such as
Joe/Joseph, or a spelling variant), and no generational suffix tells them apart (Jr./Sr.); the groups
are built by complete linkage, so every pair inside a group agrees. Single-token forms attach to the
unique full name they can stand for; when several fit, each mention goes to the one mentioned nearest
before it in the same article, or stays on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from crossfact.analysis import names as nm
from crossfact.analysis.resolve_forms import _add, _Form, _Occurrence, _relabel


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


def _given_agree(a: list[str], b: list[str], nicknames: bool = True) -> bool:
    ga, gb = nm.given_key(a), nm.given_key(b)
    if len(a[0]) == 1 or len(b[0]) == 1:  # an initial: "J. Smith"
        return a[0][0] == b[0][0]
    return nm.tokens_match(ga, gb) or (nicknames and nm.given_names_agree(a[0], b[0]))  # "Joe"/"Joseph"


def same_person(a: Sequence[str], b: Sequence[str], nicknames: bool = True) -> bool:
    """Whether two full names (folded tokens, titles removed, two or more each) name the same person.

    The given names must agree (equal, an initial, a usual short form such as "Mike"/"Michael", or a
    one-edit / transliteration variant) and the surnames must spell the same name; a looser surname
    similarity is allowed only on equal given names. A name written with or without hyphens ("Kim
    Jong-un", "Kim Jong Un") is the same name. ``nicknames=False`` leaves short forms out.
    """
    a, b = list(a), list(b)
    if len(a) < 2 or len(b) < 2:
        return False
    if "".join(a).replace("-", "") == "".join(b).replace("-", ""):
        return True
    if not _given_agree(a, b, nicknames):
        return False
    sa, sb = nm.surname_key(a), nm.surname_key(b)
    loose = nm.given_key(a) == nm.given_key(b)
    return nm.tokens_match(sa, sb, loose=loose)


def _person_tokens(form: _Form) -> list[str]:
    return form.person_tokens


def _full_names_agree(a: _Form, b: _Form, ta: list[str], tb: list[str]) -> bool:
    """Whether two full-name forms may be one person.

    A short form ("Mike") and the formal one ("Michael") of a given name are one person only across
    articles: one article writing both in full names two people (a quoted "Mike X" and a credited
    "Michael X"), since a writer keeps to one form of a name.
    """
    if not same_person(ta, tb) or not _generations_agree(a, b):
        return False
    if same_person(ta, tb, nicknames=False):
        return True
    return not {o.doc for o in a.occurrences} & {o.doc for o in b.occurrences}


def _generations_agree(a: _Form, b: _Form) -> bool:
    """ "X Jr." and "X Sr." are father and son: names with different generational suffixes never merge."""
    ga, gb = a.generation, b.generation
    return ga is None or gb is None or ga == gb


def _cluster_full_names(forms: list[_Form]) -> list[list[_Form]]:
    """Complete-linkage groups of full-name forms: every pair in a group passes :func:`same_person`."""
    groups: list[list[_Form]] = []
    tokens = {id(f): _person_tokens(f) for f in forms}
    # same_person needs the surnames to start alike or share their consonants: only those groups are tried
    by_surname: dict[object, list[int]] = {}
    for form in sorted(forms, key=lambda f: (-len(f.occurrences), f.first)):
        sn = nm.surname_key(tokens[id(form)])
        joined = "".join(tokens[id(form)]).replace("-", "")  # "Kim Jong Un" / "Kim Jong-un"
        keys = (("first", sn[:1]), ("skeleton", nm.skeleton(sn)), ("joined", joined))
        near = sorted({gi for k in keys for gi in by_surname.get(k, ())})
        for gi in near:
            mine = tokens[id(form)]
            if all(_full_names_agree(form, g, mine, tokens[id(g)]) for g in groups[gi]):
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

    def given(self, token: str) -> list[int]:
        """Indexes of the groups whose given name is ``token``."""
        return list(self._given.get(token, []))

    def candidates(self, token: str, loose: bool) -> list[int]:
        """Indexes of full-name groups a single name token may stand for, best tier only.

        Tiers: an equal surname (with ``loose``, together with an equal given name: "Burke" may be the
        "Burke Smith" of a family as well as a "Stan Burke"); with ``loose``, a one-edit surname variant,
        then an equal given name, then a given name differing in one vowel.
        """
        tier = self._surname.get(token, [])
        if tier and loose:
            return sorted(set(tier) | set(self._given.get(token, [])))
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
    NORP always, those tagged as places only where the article also tags the name a person's; a
    token tagged otherwise attaches by given name only to the one full name of its article with that
    given name ("JonBenet" tagged ORG). A generational suffix ("Kunz Sr.") keeps to its own generation.
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
    gens_of = [{f.generation for f in g} - {None} for g in groups]
    # articles where a name token is tagged as a person's surname ("Knowles Jr." ... "Knowles" as a place)
    person_docs: dict[str, set[int]] = {}
    for form in forms:
        if form.labels["PERSON"] and _person_tokens(form):
            sk = nm.surname_key(_person_tokens(form))
            person_docs.setdefault(sk, set()).update(o.doc for o in form.occurrences if o.label == "PERSON")
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
        generation = form.generation
        if generation is not None:  # "Kunz Sr." is not the "DeOrr Kunz Jr." of the story
            exact = [i for i in exact if gens_of[i] <= {generation}]
            loose = [i for i in loose if gens_of[i] <= {generation}]
        given = [] if exact else name_keys.given(token)
        left: list[_Occurrence] = []
        for occ in form.occurrences:
            candidates = loose if occ.label == "PERSON" else exact
            if occ.label in {"GPE", "LOC", "FAC"}:
                here = occ.doc in person_docs.get(token, ())
                candidates = [i for i in candidates if here or occ.doc in docs_of[i]]
            elif occ.label != "PERSON" and not candidates:
                candidates = [i for i in given if occ.doc in docs_of[i]]
                candidates = candidates if len(candidates) == 1 else []
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
