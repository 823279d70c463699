"""Entity mentions: spaCy NER plus the general corrections for news."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from crossfact.nlp.entities import extract_mentions
from crossfact.nlp.sentences import split_sentences


def _mentions(models, text):
    doc = models.nlp(text)
    return extract_mentions(doc, split_sentences(doc, text))


def _forced(models, words, spaces, ents):
    """A parsed doc whose entities are set by hand: (start token, end token, label)."""
    doc = Doc(models.nlp.vocab, words=words, spaces=spaces)
    for _name, proc in models.nlp.pipeline:
        doc = proc(doc)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_extract_mentions_offsets_point_into_text(models):
    text = "The Foreign Ministry said on Monday that John Smith met Reuters in Paris.\n\nSmith left."
    for m in _mentions(models, text):
        assert text[m.start : m.end] == m.text


def test_extract_mentions_strip_determiner_and_possessive(models):
    words = ["the", "Foreign", "Ministry", "'s", "statement", "angered", "Paris", "."]
    spaces = [True, True, False, True, True, True, False, False]
    doc = _forced(models, words, spaces, [(0, 4, "ORG"), (6, 7, "GPE")])
    mentions = extract_mentions(doc, split_sentences(doc, doc.text))
    assert [(m.text, m.label) for m in mentions] == [("Foreign Ministry", "ORG"), ("Paris", "GPE")]


@pytest.mark.parametrize(
    ("words", "ent", "expected"),
    [
        # a surname after a title, tagged ORG by the model
        (["Ambassador", "Rostov", "arrived", "today", "."], (1, 2, "ORG"), "PERSON"),
        # "cited X as saying" with X tagged WORK_OF_ART
        (["Media", "cited", "Velikov", "as", "saying", "so", "."], (2, 3, "WORK_OF_ART"), "PERSON"),
        # a person's apposition with an age
        (["Bram", "Kettel", ",", "38", ",", "was", "held", "."], (0, 2, "NORP"), "PERSON"),
        # a wire agency tagged as a person
        (["AFP", "reported", "the", "clash", "."], (0, 1, "PERSON"), "ORG"),
        # an organisation keyword in a span tagged GPE
        (["The", "Lagos", "Police", "Service", "acted", "."], (1, 4, "GPE"), "ORG"),
        # a place stays a place even with an apposition
        (["Oslo", ",", "the", "capital", ",", "was", "calm", "."], (0, 1, "GPE"), "GPE"),
    ],
)
def test_extract_mentions_relabels(models, words, ent, expected):
    spaces = [w not in {".", ","} for w in words[1:]] + [False]
    doc = _forced(models, words, spaces, [ent])
    (mention,) = extract_mentions(doc, split_sentences(doc, doc.text))
    assert mention.label == expected


def test_extract_mentions_surname_consistency(models):
    words = ["Irma", "Voss", "spoke", ".", "Later", ",", "Voss", "left", "."]
    spaces = [True, False, False, True, False, True, True, False, False]
    doc = _forced(models, words, spaces, [(0, 2, "PERSON"), (6, 7, "ORG")])
    mentions = extract_mentions(doc, split_sentences(doc, doc.text))
    assert [(m.text, m.label) for m in mentions] == [("Irma Voss", "PERSON"), ("Voss", "PERSON")]


def test_extract_mentions_drop_numbers_and_dates(models):
    words = ["In", "2023", "the", "1990s", "ended", "."]
    spaces = [True, True, True, True, False, False]
    doc = _forced(models, words, spaces, [(1, 2, "ORG"), (3, 4, "EVENT")])
    assert extract_mentions(doc, split_sentences(doc, doc.text)) == ()


def test_extract_mentions_finds_name_after_role_title(models):
    text = "The talks were attended by spokeswoman Dalia Moreno Quintero and others."
    doc = models.nlp(text)
    doc.ents = []
    mentions = extract_mentions(doc, split_sentences(doc, text))
    assert any(m.label == "PERSON" and "Moreno" in m.text for m in mentions)


def test_extract_mentions_cut_credit_line(models):
    words = ["Photo", ":", "Ivan", "Sidor", "/", "Agency", "."]
    spaces = [False, True, True, True, True, False, False]
    doc = _forced(models, words, spaces, [(2, 6, "PERSON")])
    (mention,) = extract_mentions(doc, split_sentences(doc, doc.text))
    assert mention.text == "Ivan Sidor"


@pytest.mark.parametrize("words", [["1990s"], ["Monday"], ["March", "19", ",", "2012"]])
def test_extract_mentions_drop_date_like_spans(models, words):
    spaces = [True] * (len(words) - 1) + [False]
    doc = _forced(
        models, [*words, "passed", "."], [*spaces[:-1], True, False, False], [(0, len(words), "EVENT")]
    )
    assert extract_mentions(doc, split_sentences(doc, doc.text)) == ()


def test_extract_mentions_who_clause_makes_person_even_from_gpe(models):
    words = ["They", "freed", "Lena", "Orlova", ",", "who", "was", "held", "."]
    spaces = [True, True, True, False, True, True, True, False, False]
    doc = _forced(models, words, spaces, [(2, 4, "GPE")])
    (mention,) = extract_mentions(doc, split_sentences(doc, doc.text))
    assert mention.label == "PERSON"


def _labels(models, words, ents):
    spaces = [w not in {".", ",", "'s"} for w in words[1:]] + [False]
    doc = _forced(models, words, spaces, ents)
    return [(m.text, m.label) for m in extract_mentions(doc, split_sentences(doc, doc.text))]


def test_extract_mentions_citizen_apposition_makes_person_from_gpe(models):
    words = ["Moscow", "freed", "Olga", "Varenko", ",", "a", "dual", "citizen", ",", "today", "."]
    assert _labels(models, words, [(2, 4, "GPE")]) == [("Olga Varenko", "PERSON")]


def test_extract_mentions_surname_follows_corrected_full_name(models):
    # the full name becomes a person by its "who" clause; the bare surname, tagged GPE, follows it
    words = ["They", "freed", "Lena", "Orlova", ",", "who", "was", "held", ".", "Orlova", "flew", "home", "."]
    got = _labels(models, words, [(2, 4, "GPE"), (9, 10, "GPE")])
    assert got == [("Lena Orlova", "PERSON"), ("Orlova", "PERSON")]


def test_extract_mentions_splits_coordinated_people(models):
    words = ["Vasko", "spoke", ".", "Rendel", "spoke", ".", "Vasko", "and", "Rendel", "left", "."]
    got = _labels(models, words, [(0, 1, "PERSON"), (3, 4, "PERSON"), (6, 9, "WORK_OF_ART")])
    assert got[2:] == [("Vasko", "PERSON"), ("Rendel", "PERSON")]


def test_extract_mentions_keeps_coordinated_organisation_whole(models):
    words = ["Vasko", "spoke", ".", "Trade", "and", "Customs", "Agency", "left", "."]
    got = _labels(models, words, [(0, 1, "PERSON"), (3, 7, "ORG")])
    assert got[1] == ("Trade and Customs Agency", "ORG")


@pytest.mark.parametrize(
    ("words", "ent", "expected"),
    [
        # a platform name in boilerplate is no person
        (["Follow", "us", "on", "Twitter", "."], (3, 4, "PERSON"), "ORG"),
        # a facility name ending in a facility noun
        (["He", "went", "to", "Kemble", "Car", "Wash", "."], (3, 6, "PERSON"), "FAC"),
        # a name before a lower-case place noun is a place
        (["Gunfire", "hit", "the", "Kavreh", "district", "."], (3, 4, "ORG"), "GPE"),
        # an organisation followed by another person's role and name stays an organisation
        (
            [
                "He",
                "led",
                "the",
                "Free",
                "Tarvan",
                "Army",
                ",",
                "local",
                "activist",
                "Ola",
                "Dimka",
                "said",
                ".",
            ],
            (3, 6, "ORG"),
            "ORG",
        ),
        # a loosely tagged full name as the subject of a speech verb
        (["Petros", "Vasko", "allegedly", "told", "the", "couple", "."], (0, 2, "WORK_OF_ART"), "PERSON"),
    ],
)
def test_extract_mentions_general_relabels(models, words, ent, expected):
    got = _labels(models, words, [ent])
    assert got[0][1] == expected


def test_extract_mentions_drops_imperative_verb_read_as_name(models):
    words = ["Copy", "this", "code", "to", "your", "website", "."]
    assert _labels(models, words, [(0, 1, "PERSON")]) == []
