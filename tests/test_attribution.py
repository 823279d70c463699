"""Attribution and quotes: reporting-verb patterns, chains, pronouns, quotation marks."""

from __future__ import annotations

import pytest

from crossfact.model import QuoteMention, Sentence
from crossfact.nlp.attribution import extract_attributions, extract_quotes
from crossfact.nlp.quotes import find_quote_spans, is_fragment
from crossfact.nlp.sentences import split_sentences


def _run(models, text):
    doc = models.nlp(text)
    sentences = split_sentences(doc, text)
    return doc, sentences, extract_attributions(doc, sentences)


@pytest.mark.parametrize(
    ("sentence", "speaker", "via"),
    [
        ("The talks were useful, the Interior Ministry said.", "the Interior Ministry", None),
        ("The talks were useful, said Maria Lopez.", "Maria Lopez", None),
        ("Maria Lopez told reporters the talks were useful.", "Maria Lopez", None),
        (
            "The Interior Ministry said in a statement that the talks were useful.",
            "The Interior Ministry",
            None,
        ),
        ("According to the Interior Ministry, the talks were useful.", "the Interior Ministry", None),
        ("The talks were useful, according to Russia's TASS news agency.", "TASS news agency", None),
        ("Foreign Minister Pavel Gruber announced that the border would reopen.", "Pavel Gruber", None),
        ("The company confirmed that 30 jobs would go.", "The company", None),
        ("Interfax cited Pavel Gruber as saying the border would reopen.", "Pavel Gruber", "Interfax"),
        (
            "The ambassador said that the talks had made progress, state news agency Interfax reported.",
            "The ambassador",
            "state news agency Interfax",
        ),
        ("Police spokesman Ken Oduya said three people were hurt.", "Ken Oduya", None),
        # the speaker is the name heading the phrase, not a place in its "of" phrase
        ('"It was chaos," said Melvin Ortiz of Rancho Cucamonga, who saw the fight.', "Melvin Ortiz", None),
        ('"We were scared," said Priya Nandan of Laguna Niguel.', "Priya Nandan", None),
    ],
)
def test_extract_attributions_patterns(models, sentence, speaker, via):
    _doc, _sentences, attributions = _run(models, sentence)
    assert len(attributions) == 1
    assert (attributions[0].speaker, attributions[0].via) == (speaker, via)
    a = attributions[0]
    if a.speaker_start is not None:
        assert sentence[a.speaker_start : a.speaker_end] == a.speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "The border reopened on Monday after three weeks.",
        '"We will never say that," the sign read in big letters.',
    ],
)
def test_extract_attributions_none_without_reporting_verb(models, sentence):
    assert _run(models, sentence)[2] == ()


def test_extract_attributions_ignores_verbs_inside_quotes(models):
    text = '"They said it was over," Maria Lopez told the court.'
    (a,) = _run(models, text)[2]
    assert a.speaker == "Maria Lopez"


def test_extract_attributions_resolves_he_to_last_person(models):
    text = "Pavel Gruber arrived in the capital on Monday. He said the border would reopen soon."
    _doc, _s, attributions = _run(models, text)
    a = attributions[-1]
    assert a.sentence == 1 and a.speaker == "Pavel Gruber"
    assert text[a.speaker_start : a.speaker_end] == "Pavel Gruber"


def test_extract_attributions_resolves_it_to_previous_organisation_speaker(models):
    text = "The Interior Ministry said the border was closed. It said the closure would last a week."
    _doc, _s, attributions = _run(models, text)
    assert [a.speaker for a in attributions] == ["The Interior Ministry", "The Interior Ministry"]


def test_extract_attributions_relay_pronouns_resolved(models):
    text = (
        '"We made progress," Interfax cited Pavel Gruber as saying. '
        "It cited him as saying that flights could resume."
    )
    _doc, _s, attributions = _run(models, text)
    assert [(a.speaker, a.via) for a in attributions] == [("Pavel Gruber", "Interfax")] * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', ["we will win"]),
        ("He said “we will win” today.", ["we will win"]),
        ('It was “constructive," she said.', ["constructive,"]),
        ("Russia’s envoy and the others' diplomats met.", []),
        ("Ties were hit by ‘irritants’ and 'frictions' of the past.", ["irritants", "frictions"]),
        ("“Our aim is peace. We will talk,” he said.", ["Our aim is peace. We will talk,"]),
        ("\"Nested 'inner' words here,\" he said.", ["Nested 'inner' words here,"]),
    ],
)
def test_find_quote_spans(text, expected):
    assert [text[s:e] for s, e in find_quote_spans(text)] == expected


def test_extract_quotes_speaker_in_same_sentence(models):
    text = "“The first contacts encourage certain hopes,” Vera Antonova said."
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.text == "The first contacts encourage certain hopes"
    assert q.speaker == "Vera Antonova"
    assert text[q.start : q.end] == q.text


def test_extract_quotes_spanning_two_sentences(models):
    text = 'Both sides "exchanged notes to formalize commitments. These are binding," the consulate said.'
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.text == "exchanged notes to formalize commitments. These are binding"
    assert q.speaker == "the consulate"


def test_extract_quotes_speaker_from_previous_sentence(models):
    text = (
        "Vera Antonova said on Friday that she was hopeful.\n\n“I am sure that agreements will be reached.”"
    )
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.speaker == "Vera Antonova" and q.sentence == 1


def test_extract_quotes_pronoun_speaker_resolved(models):
    text = (
        "Spokeswoman Ana Ruiz said there would be no changes. "
        "“There is one thing on the table, which is the ceasefire,” she said."
    )
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.speaker == "Ana Ruiz"
    assert text[q.speaker_start : q.speaker_end] == "Ana Ruiz"


def test_extract_quotes_scare_quote_is_fragment(models):
    text = "The ministry described the talks as “constructive” on Friday."
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.text == "constructive" and is_fragment(q)
    assert q.speaker == "The ministry"


@pytest.mark.parametrize(("words", "fragment"), [("constructive", True), ("a real step forward now", False)])
def test_is_fragment(words, fragment):
    q = QuoteMention(sentence=0, start=0, end=len(words), text=words)
    assert is_fragment(q) is fragment


def test_extract_quotes_without_model_has_no_speaker():
    text = '"We will win," he said.'
    sentences = (Sentence(index=0, start=0, end=len(text), text=text),)
    (q,) = extract_quotes(text, sentences, None)
    assert q.text == "We will win" and q.speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a subject after a subordinator belongs to the clause: the sentence's opening name speaks
        (
            "Quendor’s Foreign Ministry in a statement posted on Telegram after the talks said the "
            "priority was to work fast.",
            "Quendor’s Foreign Ministry",
        ),
        # a participle clause is no subject
        (
            'Reporting from Varlo in the north, Al Kavir\'s Nadia Selm said: "Residents heard gunfire."',
            "Nadia Selm",
        ),
        # "according to X" names the source when the verb's subject is no source
        (
            "According to news agency ZIRA, the large crowds and curious tourists underscored the interest.",
            "news agency ZIRA",
        ),
        # a possessor is not the speaker: the name beside the head noun is
        ("Tavo Rask's mother Ana Ruiz, who was with him, said she visits daily.", "Ana Ruiz"),
    ],
)
def test_extract_attributions_parse_errors(models, text, speaker):
    _doc, _s, attributions = _run(models, text)
    # the model may glue an outlet's possessive to the name ("Al Kavir's Nadia Selm"): the name must end it
    assert attributions and attributions[-1].speaker.endswith(speaker)


def test_extract_attributions_definite_description_takes_earlier_fuller_name(models):
    text = (
        "Three men were killed in the district, state television said. "
        '"Two gunmen were arrested," the TV reported.'
    )
    _doc, _s, attributions = _run(models, text)
    assert attributions[-1].speaker == "state television"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ana Ruiz went on to say that “the talks will resume in May.”", "Ana Ruiz"),
        ("“Who will pay for the repairs?” Ana Ruiz asked.", "Ana Ruiz"),
        ("“I will be back next year,” Ana Ruiz joked.", "Ana Ruiz"),
        # a wh-word is no speaker ("answers" tagged as a verb)
        ("Asked what answers he could give, Ana Ruiz said: “I don't have answers.”", "Ana Ruiz"),
    ],
)
def test_extract_quotes_speaker_patterns(models, text, speaker):
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.speaker == speaker


def test_extract_attributions_quote_verb_needs_quotation(models):
    _, _, attributions = _run(models, "The mayor asked residents to leave their homes.")
    assert attributions == ()


def test_extract_attributions_he_resolves_to_previous_sentence_subject(models):
    text = (
        "Ana Ruiz said on Monday that the plan was ready. "
        "Omar Haddad criticised the plan in a television interview. "
        "“It will fail,” he said."
    )
    _, _, attributions = _run(models, text)
    assert attributions[-1].speaker == "Omar Haddad"


def test_extract_quotes_continuation_paragraph_keeps_speaker(models):
    text = (
        "“The plan is ready,” the spokesperson said. “We will publish it soon.\n\n"
        "“Nobody will be surprised by what it says about the budget.”\n\nThe council meets on Monday."
    )
    doc, sentences, attributions = _run(models, text)
    quotes = extract_quotes(text, sentences, doc, attributions)
    assert [q.speaker for q in quotes] == ["the spokesperson"] * 3


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Markets fell again. STOCKS - Reuters correspondent John Smith in Tokyo: "
            "“Stocks fell sharply on Tuesday in Asia.”",
            "John Smith",
        ),
        (
            "BUDGET TALKS - Per a Treasury official: “The secretary will travel to Ohio on Friday.”",
            "a Treasury official",
        ),
        # a name in the introducer that is not its subject is no speaker
        ("He framed a photo of Omar Haddad with a caption: “The best day of the year for the town.”", None),
    ],
)
def test_extract_quotes_colon_introducer(models, text, speaker):
    doc, sentences, attributions = _run(models, text)
    (q,) = extract_quotes(text, sentences, doc, attributions)
    assert q.speaker == speaker


def test_extract_quotes_phrase_in_other_sentence_not_given_previous_speaker(models):
    text = (
        "“It works well when you are resting,” Omar Haddad said. "
        "But the adverts suggest that the trackers are “counting every beat.”"
    )
    doc, sentences, attributions = _run(models, text)
    quotes = extract_quotes(text, sentences, doc, attributions)
    assert quotes[-1].text == "counting every beat." and quotes[-1].speaker != "Omar Haddad"
