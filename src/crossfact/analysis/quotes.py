"""Direct quotations across a story's articles, each with its speaker resolved to an entity.

Scare quotes: a quotation of one or two words with no speaker ("so-called 'reset'") is a scare quote
and is dropped; a short quotation with a speaker is kept ("'Absolutely not,' she said", 'called it
"offensive"'). A quotation in title case inside the reporter's sentence, right after one of its words
('marked "For Official Use Only"', 'the biopic "Thatcher"'), is a name or title, not a statement, and is
dropped whoever the parser took for its speaker. When dropping would leave the story with no quotation
at all, every quotation is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from crossfact.analysis.resolve import EntityLookup
from crossfact.model import ArticleDoc, Entity, Quote, QuoteMention

log = logging.getLogger(__name__)

PRONOUNS = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "i", "we", "you", "his", "their", "its", "who", "one"}
)
SCARE_QUOTE_MAX_WORDS = 2
TITLE_MAX_WORDS = 8
# Role nouns that name the same role ("the lawyer" for a "defense attorney").
ROLE_SYNONYMS = {
    "lawyer": "attorney",
    "attorney": "attorney",
    "counsel": "attorney",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "prosecutor": "prosecutor",
    "detective": "detective",
    "judge": "judge",
    "ambassador": "ambassador",
    "envoy": "envoy",
    "mayor": "mayor",
    "governor": "governor",
    "sheriff": "sheriff",
    "coach": "coach",
    "senator": "senator",
    "minister": "minister",
    "president": "president",
    "chief": "chief",
    "captain": "captain",
    "councilman": "councilmember",
    "councilwoman": "councilmember",
}
_DEFINITE_ROLE = re.compile(r"^the\s+(?P<role>[a-z]+)$", re.I)
_APPOSED_ROLE = re.compile(
    r"^(?:,|\s+(?:is|was|has\s+been|had\s+been|became))\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?P<role>[a-z]+)\b"
)


def _role_of(word: str) -> str | None:
    return ROLE_SYNONYMS.get(word.lower())


def role_holders(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> dict[str, set[str]]:
    """Role -> ids of the people the story introduces with it.

    A role counts where it stands right before a person's name ("defense attorney Petros Vasko") or in an
    apposition or predicate with an article ("Petros Vasko, a local attorney,", "Vasko has been an
    attorney since 2011"); "Vasko's attorney, Ana Ruiz" names a
    relation, not the story's attorney, and is not counted.
    """
    texts = {d.article.id: d.article.text for d in docs}
    holders: dict[str, set[str]] = {}
    for e in entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            text = texts.get(m.article, "")
            before = text[max(0, m.start - 40) : m.start].split()
            if before and not before[-1].endswith(("'s", "’s", "'", "’", ",")):
                role = _role_of(before[-1].strip(".,"))
                if role:
                    holders.setdefault(role, set()).add(e.id)
            after = _APPOSED_ROLE.match(text[m.end : m.end + 60])
            if after and _role_of(after["role"]):
                holders.setdefault(_role_of(after["role"]) or "", set()).add(e.id)
    return holders


class _Speakers:
    """Resolves speaker spans and names to the story's entities (indexes built once per story)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.lookup = EntityLookup(entities)
        # article -> (start, end, entity) of every mention, entities in story order
        self.mentions: dict[str, list[tuple[int, int, Entity]]] = {}
        for e in entities:
            for m in e.mentions:
                self.mentions.setdefault(m.article, []).append((m.start, m.end, e))

    def entity_at(self, article: str, start: int, end: int, text: str) -> Entity | None:
        """The entity with a mention in ``article`` that holds the head (last word) of the speaker span.

        "President Hal Brenner" is Hal Brenner; "a Quendor spokesperson" is not Quendor.
        """
        head = start + len(text.rstrip()) - len(text.rstrip().split()[-1]) if text.strip() else start
        for m_start, m_end, e in self.mentions.get(article, ()):
            if m_start <= head < m_end and m_start < end:
                return e
        return None

    def resolve(
        self, article: str, name: str | None, start: int | None, end: int | None
    ) -> tuple[str | None, str | None]:
        """(speaker name, entity id) for a speaker as written; pronouns left unresolved give (None, None)."""
        entity = None
        if start is not None and end is not None and name:
            entity = self.entity_at(article, start, end, name)
        if entity is None and name:
            entity = self.lookup(name, article=article)
        if entity is not None:
            return entity.name, entity.id
        if not name or name.strip().casefold() in PRONOUNS:
            return None, None
        return name.strip(), None


def _is_scare_quote(q: QuoteMention, text: str = "") -> bool:
    """A scare quote or a quoted name or title rather than a quoted statement (see the module docstring)."""
    words = q.text.split()
    if q.speaker is None and len(words) <= SCARE_QUOTE_MAX_WORDS:
        return True
    # a name or title inside the reporter's sentence, the marks opening right after one of its words:
    # 'marked "For Official Use Only"', 'the "Made in America" week', 'the biopic "Thatcher"'
    before = text[max(0, q.start - 40) : max(0, q.start - 1)].rstrip()
    if not before or not before[-1].isalnum() or len(words) > TITLE_MAX_WORDS:
        return False
    return words[0][0].isupper() and all(w[0].isupper() or not w[0].isalpha() or len(w) <= 3 for w in words)


def collect_quotes(docs: Sequence[ArticleDoc], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Every direct quotation of every article, with its speaker resolved across the story.

    Args:
        docs: the story's analysed articles (their ``quotes``).
        entities: the story's entities from :func:`~crossfact.analysis.resolve.resolve_entities`.

    Returns:
        Quotes ordered by article (as in ``docs``) then position. ``speaker`` is the entity's canonical
        name where the speaker resolves to one, the speaker as written otherwise ("a Finance Department
        spokesperson"), and None when unknown (no speaker, or a pronoun the per-article stage could not
        resolve). ``via`` is resolved the same way. Scare quotes are dropped (see the module docstring).
    """
    mentions = [(doc, q) for doc in docs for q in sorted(doc.quotes, key=lambda q: (q.start, q.end))]
    kept = [(doc, q) for doc, q in mentions if not _is_scare_quote(q, doc.article.text)]
    if not kept:
        kept = mentions
    quotes = []
    by_id = {e.id: e for e in entities}
    speakers = _Speakers(entities)
    holders: dict[str, set[str]] | None = None
    for doc, q in kept:
        article = doc.article.id
        speaker, entity_id = speakers.resolve(article, q.speaker, q.speaker_start, q.speaker_end)
        described = _DEFINITE_ROLE.match(speaker or "") if entity_id is None else None
        if described and _role_of(described["role"]):
            # "the lawyer": the one person the story introduces with that role, when there is one
            holders = role_holders(docs, entities) if holders is None else holders
            ids = holders.get(_role_of(described["role"]) or "", set())
            if len(ids) == 1:
                entity_id = next(iter(ids))
                speaker = by_id[entity_id].name
        via = speakers.resolve(article, q.via, None, None)[0] if q.via else None
        quotes.append(
            Quote(
                speaker=speaker,
                text=q.text,
                article=article,
                sentence=q.sentence,
                via=via,
                speaker_entity=entity_id,
                start=q.start,
                end=q.end,
            )
        )
    log.debug("collected %d quotes (%d dropped as scare quotes)", len(quotes), len(mentions) - len(kept))
    return tuple(quotes)


def quotes_by_speaker(quotes: Sequence[Quote]) -> dict[str, list[Quote]]:
    """Quotes grouped by speaker name, in order; quotes with an unknown speaker are left out."""
    grouped: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker:
            grouped.setdefault(q.speaker, []).append(q)
    return grouped
