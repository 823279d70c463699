"""Organisations, places and other named things for entity resolution.

Equal canonical keys (country prefix split off, "Department of X" read as "X Department", generic tails
such as "news agency" dropped, diacritics and transliteration folded) are merged first; then acronyms,
US state abbreviations ("Minn."), bare cores ("Finance Department" -> the one "US Finance Department")
and partial names ("Observatory", "storm service") attach only when exactly one group fits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from crossfact.analysis import names as nm
from crossfact.analysis.resolve_forms import _families, _Form, _Occurrence, _relabel

log = logging.getLogger(__name__)


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


def _state_key(x: _Named) -> str | None:
    """The key of the US state an abbreviated place form stands for ("Minn." -> Minnesota's), or None."""
    if "L" not in x.families or not all(o.abbreviated for o in x.form.occurrences):
        return None
    surface = x.form.surface
    state = nm.state_of(surface if surface.endswith(".") else surface + ".")
    return " ".join(nm.translit(w) for w in state.split()) if state else None


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
        state = _state_key(x)
        if state:
            keys.add(("key", state))
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
    state = _state_key(x)
    if state is not None:  # "Minn." is Minnesota, never Minneapolis
        return y.key == state and "L" in y.families
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
