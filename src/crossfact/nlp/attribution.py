"""Attribution: who each sentence's statement comes from ("X said", "according to X", relay chains).

Reporting verbs are found in spaCy's dependency parse, outside quotation marks (a verb inside a quote is
part of what is quoted). The speaker is the verb's subject noun phrase (appositions and relative clauses
cut off), or the object of "cite/quote ... as saying" with the subject as the relay (``via``). Two reporting
verbs where the outer one comes last ("X said ..., Xinhua reported") or "according to A, X said" make a
chain: speaker X via A. A noun phrase that holds a PERSON mention is reduced to that name; a possessive
country before a media name is dropped ("China's Xinhua news agency" -> "Xinhua news agency").

Pronouns (he, she, they, it) and document nouns ("the statement") are resolved within the article: to the
speaker of a recent attribution of a compatible kind, else to the most recent compatible mention outside
quotations; ``speaker`` then holds the resolved name and ``speaker_start``/``speaker_end`` its offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from crossfact.model import Attribution, Mention, Sentence
from crossfact.nlp.entities import TITLES, extract_mentions, words
from crossfact.nlp.quotes import extract_quotes, find_quote_spans, is_fragment

__all__ = ["REPORTING_VERBS", "extract_attributions", "extract_quotes", "is_fragment"]

REPORTING_VERBS = words(
    """
    say tell add state note announce confirm report cite quote claim write explain insist warn
    stress declare tweet post argue comment reiterate emphasize emphasise acknowledge deny describe
    urge hail accuse reply respond answer admit predict promise vow pledge conclude recall remark
    observe testify allege assert maintain contend underline underscore highlight indicate caution
    complain criticize criticise welcome disclose reveal concede estimate affirm specify clarify
    reaffirm announce inform suggest
    """
)
# Verbs that introduce direct speech but also say much else ("asked residents to leave"): a cue only in a
# sentence that holds a quotation.
QUOTE_VERBS = words(
    """
    ask joke quip tease exclaim shout yell scream whisper mutter boast lament plead wonder mouth chant
    recount muse
    """
)
# "went on to say", "continued to say": the reporting verb's subject is the head verb's
_CONTINUE_VERBS = words("go continue proceed")
MEDIA_WORDS = words(
    """
    agency news newspaper television tv radio broadcaster outlet daily channel wire
    """
)
DOCUMENT_NOUNS = words(
    """
    statement release communique communiqué report readout post tweet letter filing document notice
    """
)
PERSON_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person"}
OTHER_PRONOUNS = {"it": "thing", "they": "any", "them": "any"}
_CUT_DEPS = frozenset(
    {"appos", "relcl", "acl", "punct", "advmod", "parataxis", "ccomp", "advcl", "cc", "conj"}
)


def _np_tokens(head: Any) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head``, without appositions or clauses."""
    keep = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _CUT_DEPS and tok.i == head.i:
                continue
            # "the Ministry in a statement posted ...": the medium is not part of the source's name
            if child.dep_ == "prep" and any(g.lemma_.lower() in DOCUMENT_NOUNS for g in child.children):
                continue
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i == child.left_edge.i == tok.i + 1:
                keep.add(child.i)  # "news agency Interfax": a name right after its description
                continue
            if child.dep_ in {"relcl", "acl", "appos"} or (
                child.dep_ == "punct" and child.text not in "-–/.&'’"
            ):
                continue
            keep.add(child.i)
            stack.append(child)
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    # conjoined subjects ("the United States and Russia") stay together
    for child in head.children:
        if child.dep_ == "conj" and child.i > head.i:
            end = max(end, child.right_edge.i)
    doc = head.doc
    # "news agency Interfax" parsed as two subjects of one verb: the name belongs to the phrase
    while (
        end + 1 < len(doc)
        and doc[end + 1].pos_ == "PROPN"
        and doc[end + 1].dep_ == head.dep_
        and doc[end + 1].head.i == head.head.i
    ):
        end += 1
    while end > start and (doc[end].is_punct or doc[end].tag_ == "POS"):
        end -= 1
    return start, end + 1


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """(subject head, passive) of a verb, looking through "and added" to the first conjunct.

    A "subject" that is a verb ("Reporting from X, ... said") or that stands right after a subordinator
    of the same verb ("... after the talks said": the parser's misreading of a clause) is not taken.
    """
    marks = {c.i for c in verb.children if c.dep_ == "mark"}
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            # "Reporting from X, ...": a participle clause (a name ending in -ing is tagged VBG too, but
            # it has no dependents and is often an entity)
            if child.pos_ in {"VERB", "AUX"} and not child.ent_type_ and any(True for _ in child.children):
                continue
            if child.left_edge.i - 1 in marks:
                continue
            return child, child.dep_ == "nsubjpass"
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    if (
        verb.dep_ in {"xcomp", "advcl"}
        and verb.head.lemma_.lower() in _CONTINUE_VERBS
        and any(c.tag_ == "TO" for c in verb.children)
    ):
        return _subject(verb.head)
    return None, False


# Verbs that take non-speaker subjects as often as speakers ("the crowds underscored the interest"):
# their subject must look like a source.
WEAK_VERBS = words("underscore underline highlight indicate suggest note reflect show signal mark")
# Common nouns that name sources: people by role, groups of people, organisations, documents, media.
SOURCE_NOUNS = words(
    """
    official officials source sources witness witnesses resident residents activist activists police
    spokesman spokeswoman spokesperson authorities authority government ministry department agency
    group prosecutor prosecutors investigator investigators expert experts analyst analysts lawyer
    lawyers attorney attorneys doctor doctors diplomat diplomats people person man woman leader leaders
    member members neighbour neighbor neighbours neighbors family relatives friend friends
    """
)
# Definite descriptions that stand for a source named just before ("the TV" after "state television").
_SYNONYMS = {"tv": "television", "television": "tv", "lawyer": "attorney", "attorney": "lawyer"}


def _as_saying(verb: Any) -> bool:
    return any(t.lower_ in {"saying", "stating", "telling"} for t in verb.subtree if t.i > verb.i)


def _closes_sentence(verb: Any) -> bool:
    """True for a trailing ", Xinhua reported." (subject before it, little but punctuation after)."""
    right = [t for t in verb.subtree if t.i > verb.i and not t.is_punct]
    subj, _ = _subject(verb)
    return (
        subj is not None
        and subj.i < verb.i
        and len(right) <= 3
        and verb.i > 0
        and any(t.text == "," for t in verb.doc[max(0, subj.left_edge.i - 2) : subj.left_edge.i])
    )


class _Finder:
    """Per-article state: the doc, its mentions, quote spans and earlier attributions (for pronouns)."""

    def __init__(self, doc: Any, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds doc.text on every access: read it once
        self.sentences = sentences
        self.quotes = find_quote_spans(self.text)
        self.quote_starts = [s for s, _ in self.quotes]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.found: list[Attribution] = []
        self.kinds: list[str] = []

    def source_like(self, head: Any) -> bool:
        """Whether a subject can be a source: a name, a pronoun, a role, a group, a document, a medium."""
        if head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or head.pos_ in {"PROPN", "PRON"}:
            return True
        lemma = head.lemma_.lower()
        return (
            lemma in TITLES
            or lemma in SOURCE_NOUNS
            or head.lower_ in SOURCE_NOUNS
            or lemma in DOCUMENT_NOUNS
            or lemma in MEDIA_WORDS
            or bool(self._mentions_in(head.idx, head.idx + len(head.text)))
        )

    def mention_before(self, verb: Any) -> Any | None:
        """The head token of a name ending right before ``verb`` (an adverb may stand between)."""
        if verb.tag_ in {"VBG", "VBN"}:  # "... comments to ABC News criticizing the fee": not its subject
            return None
        k = verb.i - 1
        if k >= 0 and verb.doc[k].pos_ == "ADV":
            k -= 1
        if k < 0:
            return None
        tok = verb.doc[k]
        end = tok.idx + len(tok.text)
        found = [m for m in self._mentions_in(max(0, end - 200), end) if m.end == end]
        if found and found[-1].label in {"PERSON", "ORG"}:
            return tok
        return None

    def leading_subject(self, verb: Any, sent: Any) -> Any | None:
        """The name opening the sentence when the parser left the verb without a subject.

        "The Foreign Ministry in a statement posted ... after the talks said": the sentence's first noun
        phrase, when it names a source and is no preposition's object.
        """
        if not any(c.dep_ == "mark" for c in verb.children):
            return None
        for chunk in sent.noun_chunks:
            root = chunk.root
            if root.i >= verb.i or chunk.start > sent.start + 1:
                return None
            named = root.pos_ == "PROPN" or any(
                m.label in {"ORG", "PERSON"} for m in self._mentions_in(chunk.start_char, chunk.end_char)
            )
            if root.dep_ != "pobj" and named:
                return root
            return None
        return None

    def holds_quote(self, start: int, end: int) -> bool:
        """Whether a quotation starts or ends within [start, end) or ends right before it ("..." X asked)."""
        k = bisect.bisect_left(self.quote_starts, start)
        if k < len(self.quotes) and self.quotes[k][0] < end:
            return True
        return k > 0 and start - 3 <= self.quotes[k - 1][1] < end

    def in_quote(self, offset: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, offset) - 1
        return k >= 0 and self.quotes[k][0] <= offset < self.quotes[k][1]

    # -- noun phrases -------------------------------------------------------------------------------
    def phrase(self, head: Any, person: bool = False) -> tuple[str, int, int, str]:
        """(text, start, end, kind) of the phrase headed by ``head``; kind is person, thing or any."""
        doc = self.doc
        start, end = _np_tokens(head)
        # "a statement from the Foreign Ministry" -> the ministry
        if head.lemma_.lower() in DOCUMENT_NOUNS:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return self.phrase(obj, person)
        # "China's Xinhua news agency" -> "Xinhua news agency"
        words = {t.lower_ for t in doc[start:end]}
        if words & MEDIA_WORDS:
            for child in head.children:
                if child.dep_ == "poss" and child.ent_type_ in {"GPE", "NORP"}:
                    start = max(start, child.right_edge.i + 1)
                    while start < end and doc[start].tag_ == "POS":
                        start += 1
        s_char = doc[start].idx
        e_char = doc[end - 1].idx + len(doc[end - 1].text)
        persons = [m for m in self._mentions_in(s_char, e_char) if m.label == "PERSON"]
        # "Tavo's mother Ana Ruiz": the possessor is not the speaker, the name beside the head is
        persons = [m for m in persons if not self._possessive_at(m.end)]
        if not persons and head.pos_ == "NOUN":
            for child in head.children:
                if child.dep_ in {"appos", "compound"} and child.i > head.i:
                    cs, ce = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
                    named = [m for m in self._mentions_in(cs, ce) if m.label == "PERSON"]
                    if named:
                        return named[-1].text, named[-1].start, named[-1].end, "person"
        if persons:
            # "said Ana Ruiz of Laguna Hills": the name the phrase is headed by, not a place in its "of"
            # phrase that the tagger took for a person
            headed = [m for m in persons if m.start <= head.idx < m.end]
            m = (headed or persons)[-1]
            return m.text, m.start, m.end, "person"
        text = self.text[s_char:e_char]
        kind = "thing"
        if (
            person
            or head.lower_ in PERSON_PRONOUNS
            or head.lemma_.lower() in TITLES
            or head.ent_type_ == "PERSON"
        ):
            kind = "person"
        elif head.lower_ in OTHER_PRONOUNS:
            kind = OTHER_PRONOUNS[head.lower_]
        return text, s_char, e_char, kind

    def _possessive_at(self, offset: int) -> bool:
        return self.text[offset : offset + 1] in {"'", "’"}

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        k = bisect.bisect_left(self.mention_starts, start)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < end:
            if self.mentions[k].end <= end:
                out.append(self.mentions[k])
            k += 1
        return out

    # -- pronoun resolution -------------------------------------------------------------------------
    def resolve(
        self, text: str, start: int, end: int, kind: str, head: Any, sentence: int
    ) -> tuple[str, int, int, str]:
        word = head.lower_
        described = text.lower() == f"the {word}" and head.pos_ == "NOUN"
        if described and head.lemma_.lower() not in DOCUMENT_NOUNS:
            found = self._described(word, start, sentence)
            if found is not None:
                return found
        is_doc_noun = head.lemma_.lower() in DOCUMENT_NOUNS and text.lower().startswith(
            ("the ", "this ", "that ")
        )
        if word not in PERSON_PRONOUNS and word not in OTHER_PRONOUNS and not is_doc_noun:
            return text, start, end, kind
        want = "person" if word in PERSON_PRONOUNS else ("thing" if word == "it" or is_doc_noun else "any")
        if want == "person":
            found = self._recent_person(sentence)
            if found is not None:
                return found
        # a recent attribution of a compatible kind
        for att, att_kind in zip(reversed(self.found), reversed(self.kinds), strict=True):
            if sentence - att.sentence > 3:
                break
            if att.speaker_start is not None and (want == "any" or att_kind == want):
                return att.speaker, att.speaker_start, att.speaker_end or att.speaker_start, att_kind
        if is_doc_noun:  # "the documents stated": no attribution to take it from, the nearest name is a guess
            return text, start, end, kind
        labels = {"person": {"PERSON"}, "thing": {"ORG", "GPE"}, "any": {"PERSON", "ORG", "GPE"}}[want]
        low = self.sentences[max(0, sentence - 4)].start
        k = bisect.bisect_left(self.mention_starts, start) - 1
        while k >= 0 and self.mentions[k].start >= low:
            m = self.mentions[k]
            if m.label in labels and not self.in_quote(m.start):
                return m.text, m.start, m.end, "person" if m.label == "PERSON" else "thing"
            k -= 1
        return text, start, end, kind

    def _recent_person(self, sentence: int) -> tuple[str, int, int, str] | None:
        """The person "he"/"she" most likely stands for, looking back sentence by sentence.

        In each earlier sentence (nearest first, at most three back): its attribution to a person, else a
        person named as the subject of its main verb ("Mr. Farrow implied ... . '...,' he said"); a
        sentence whose subject is itself "he"/"she" passes on to the one before. None when no sentence
        settles it (the caller then falls back to mentions).
        """
        by_sentence = {a.sentence: (a, kind) for a, kind in zip(self.found, self.kinds, strict=True)}
        for k in range(sentence - 1, max(-1, sentence - 4), -1):
            if k in by_sentence:
                att, kind = by_sentence[k]
                if kind == "person" and att.speaker_start is not None:
                    return att.speaker, att.speaker_start, att.speaker_end or att.speaker_start, kind
                return None
            sent = self.sentences[k]
            span = self.doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None:
                return None
            subj = next((c for c in span.root.children if c.dep_ == "nsubj"), None)
            if subj is None or self.in_quote(subj.idx):
                continue
            if subj.lower_ in PERSON_PRONOUNS:
                continue
            start, end = _np_tokens(subj)
            s_char = self.doc[start].idx
            e_char = self.doc[end - 1].idx + len(self.doc[end - 1].text)
            persons = [
                m
                for m in self._mentions_in(s_char, e_char)
                if m.label == "PERSON" and not self._possessive_at(m.end)
            ]
            headed = [m for m in persons if m.start <= subj.idx < m.end]
            if headed:
                m = headed[-1]
                return m.text, m.start, m.end, "person"
            return None
        return None

    def _described(self, word: str, start: int, sentence: int) -> tuple[str, int, int, str] | None:
        """ "the TV" -> the nearest earlier fuller phrase with that head ("Syrian state television")."""
        heads = {word, _SYNONYMS.get(word, word)}
        low = self.sentences[max(0, sentence - 4)].start
        best = None
        span = self.doc.char_span(low, start, alignment_mode="contract")
        if span is None:
            return None
        for chunk in span.noun_chunks:
            root = chunk.root
            if root.lower_ not in heads or self.in_quote(chunk.start_char):
                continue
            toks = [t for t in chunk if t.dep_ not in {"det", "poss", "case"} and t.tag_ != "POS"]
            if len(toks) >= 2:
                best = (
                    self.text[toks[0].idx : root.idx + len(root.text)],
                    toks[0].idx,
                    root.idx + len(root.text),
                )
        if best is None:
            return None
        persons = [m for m in self._mentions_in(best[1], best[2]) if m.label == "PERSON"]
        if persons:
            return persons[-1].text, persons[-1].start, persons[-1].end, "person"
        if word in TITLES:  # "the lawyer" after "a defense lawyer": no name gained
            return None
        return best[0], best[1], best[2], "thing"

    # -- one sentence --------------------------------------------------------------------------------
    def sentence(self, sent: Sentence) -> Attribution | None:
        span = self.doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            return None
        cues = []  # (verb token, speaker head, via head, passive)
        according = None
        quoted = self.holds_quote(sent.start, sent.end)
        for tok in span:
            if self.in_quote(tok.idx):
                continue
            if tok.lower_ == "according":
                for prep in tok.children:
                    if prep.lower_ == "to":
                        objs = [c for c in prep.children if c.dep_ == "pobj"]
                        if objs:
                            according = objs[0]
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ not in {"VERB", "AUX"} or not (
                lemma in REPORTING_VERBS or (lemma in QUOTE_VERBS and quoted)
            ):
                continue
            subj, passive = _subject(tok)
            if tok.lemma_ in {"cite", "quote"} and _as_saying(tok):
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if passive and subj is not None:  # "X was quoted by Y as saying"
                    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children), None)
                    cues.append((tok, subj, agent))
                elif obj is not None:
                    cues.append((tok, obj, subj))
                continue
            if subj is None and not passive:
                subj = self.mention_before(tok) or self.leading_subject(tok, span)
            if subj is None or passive:
                continue
            if tok.lemma_.lower() in WEAK_VERBS and not self.source_like(subj):
                continue
            if subj.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                subj = tok.head
                while subj.dep_ == "appos":
                    subj = subj.head
            if subj.lower_ in {"i", "we", "you"} or (subj.tag_ in {"WP", "WDT"} and tok.dep_ != "relcl"):
                continue  # "the question of what answers he could give": no speaker
            cues.append((tok, subj, None))
        if according is not None:
            # "According to X, the crowds underscored ...": X is the source, not the crowds
            cues = [c for c in cues if c[2] is not None or self.source_like(c[1])]
        if not cues and according is None:
            return None
        chosen = self._choose(cues)
        if chosen is None:
            assert according is not None
            return self._make(sent, according, None, "according to")
        verb, speaker, via = chosen
        if according is not None and via is None:
            via = according
        return self._make(sent, speaker, via, verb.text.lower())

    def _choose(self, cues: list[tuple[Any, Any, Any]]) -> tuple[Any, Any, Any] | None:
        if not cues:
            return None

        def depth(tok: Any) -> int:
            d = 0
            while tok.head.i != tok.i:
                tok, d = tok.head, d + 1
            return d

        cues.sort(key=lambda c: (depth(c[0]), c[0].i))
        outer = cues[0]
        # "X said that ..., Xinhua reported." parsed the other way round: a last cue that closes the sentence
        last = max(cues, key=lambda c: c[0].i)
        if last is not outer and last[2] is None and outer[2] is None and _closes_sentence(last[0]):
            first = min(cues, key=lambda c: c[0].i)
            return first[0], first[1], last[1]
        # "X said ..., Xinhua reported": an inner reporting verb before the outer one -> speaker X via outer
        if outer[2] is None:
            for inner in cues[1:]:
                if inner[0].i < outer[0].i and outer[0] in list(inner[0].ancestors) and inner[2] is None:
                    return inner[0], inner[1], outer[1]
        return outer

    def _make(self, sent: Sentence, speaker: Any, via: Any, cue: str) -> Attribution:
        text, start, end, kind = self.phrase(speaker, person=cue in {"cited", "quoted"} and via is not None)
        text, start, end, kind = self.resolve(text, start, end, kind, speaker, sent.index)
        via_text = None
        if via is not None:
            v_text, v_start, v_end, v_kind = self.phrase(via)
            if via.lower_ in OTHER_PRONOUNS or via.lower_ in PERSON_PRONOUNS:
                v_text = self._resolve_via(v_text, v_start, sent.index)
            via_text = v_text
        att = Attribution(
            sentence=sent.index, speaker=text, cue=cue, via=via_text, speaker_start=start, speaker_end=end
        )
        self.found.append(att)
        self.kinds.append(kind)
        return att

    def _resolve_via(self, text: str, start: int, sentence: int) -> str:
        for att, kind in zip(reversed(self.found), reversed(self.kinds), strict=True):
            if sentence - att.sentence > 3:
                break
            if att.via:
                return att.via
            if kind == "thing":
                return att.speaker
        return text


def extract_attributions(
    spacy_doc: Any, sentences: Sequence[Sentence], mentions: Sequence[Mention] | None = None
) -> tuple[Attribution, ...]:
    """The attribution of each sentence that has one.

    Args:
        spacy_doc: the spaCy ``Doc`` of the article text (with the parser); sentences beyond its text (a
            text cut for the model) get no attribution.
        sentences: the article's sentences.
        mentions: the article's entity mentions (computed from ``spacy_doc`` when not given); used to
            reduce a speaker phrase to a person's name and to resolve pronouns.

    Returns:
        At most one :class:`Attribution` per sentence, in sentence order.
    """
    if spacy_doc is None or not sentences:
        return ()
    if mentions is None:
        mentions = extract_mentions(spacy_doc, sentences)
    finder = _Finder(spacy_doc, sentences, mentions)
    limit = len(spacy_doc.text)
    result = []
    for sent in sentences:
        if sent.end > limit:
            break
        att = finder.sentence(sent)
        if att is not None:
            result.append(att)
    return tuple(result)
