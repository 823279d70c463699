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
from collections.abc import Iterable, Sequence

from crossfact.analysis import names as nm
from crossfact.analysis.resolve_forms import ENTITY_LABELS, _collect_forms, _families, _majority, _Occurrence
from crossfact.analysis.resolve_others import _resolve_others
from crossfact.analysis.resolve_people import _resolve_people, same_person
from crossfact.config import Config
from crossfact.model import ArticleDoc, Entity, EntityMention, content_id

__all__ = ["ENTITY_LABELS", "EntityLookup", "entity_for_text", "resolve_entities", "same_person"]

log = logging.getLogger(__name__)

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
            n_words = len(nm.person_parts(name)[0])  # "Kunz Sr." is one name word
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
    in a facility word ("O'Hare" ORG and "O'Hare International Airport" FAC) is a facility; a name
    tagged as often GPE as ORG, with no institution word in it, is a place; so is a one-word name tagged
    as often GPE as PERSON.
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
    # a one-word name tagged as often a place as a person ("in Quendale" and "Quendale said"): the model
    # reads unknown capitalised words as people far more often than it reads people as places
    if etype == "PERSON" and "GPE" in top and len(nm.words(name)) == 1:
        etype = "GPE"
    # "in Tamarac" GPE in one article, ORG in another: a name with no institution word is the place
    institution = set(nm.words(name)) & (nm.GENERIC_HEADS | nm.ORG_GENERIC_TAIL)
    if etype == "ORG" and labels["GPE"] == labels["ORG"] and not nm.is_acronym(name) and not institution:
        etype = "GPE"
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
