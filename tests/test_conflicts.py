"""Conflicts: hand-built documents for each kind of disagreement and each non-conflict."""

from __future__ import annotations

import json
import re

import pytest

from crossfact.analysis.conflicts import (
    age_conflicts,
    candidate_pairs,
    find_conflicts,
    is_description,
    quote_speaker_conflicts,
    rare_nouns,
    same_key,
    title_conflicts,
    value_conflicts,
    value_subject,
)
from crossfact.analysis.facts import (
    compatible,
    compatible_readings,
    normalise_title,
    per_unit_reading,
    recipients,
    titles_conflict,
    value_display,
)
from crossfact.model import (
    Article,
    ArticleDoc,
    Claim,
    ClaimSource,
    Entity,
    EntityMention,
    Mention,
    QuoteMention,
    Sentence,
    Value,
)
from fakes import BagEmbedder


def doc(aid: str, text: str, values=(), mentions=()) -> ArticleDoc:
    """One-sentence article; values/mentions given as (substring, ...) and located in the text."""
    sent = Sentence(0, 0, len(text), text)
    vals = []
    for span, kind, amount, unit, qualifier, noun in values:
        start = text.index(span)
        vals.append(Value(0, start, start + len(span), span, kind, amount, unit, qualifier, noun=noun))
    ments = []
    for span, label in mentions:
        start = text.index(span)
        ments.append(Mention(0, start, start + len(span), span, label))
    return ArticleDoc(Article(aid, text, aid), (sent,), tuple(ments), tuple(vals))


def hours(span, amount, qualifier=None):
    return (span, "duration", amount, "h", qualifier, None)


def test_value_conflicts_hedged_durations_form_one_conflict():
    docs = [
        doc(
            "a",
            "The talks lasted approximately five hours in the city.",
            [hours("approximately five hours", 5, "about")],
        ),
        doc(
            "b",
            "The talks lasted about five and a half hours in the city.",
            [hours("about five and a half hours", 5.5, "about")],
        ),
        doc("c", "The talks lasted over six hours in the city.", [hours("over six hours", 6, "more than")]),
    ]
    (conflict,) = value_conflicts(docs, [], [], BagEmbedder())
    assert [p.value for p in conflict.positions] == ["about 5 h", "about 5.5 h", "more than 6 h"]
    assert conflict.about.startswith("duration")
    assert [p.text for p in conflict.positions][0] == "approximately five hours"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (hours("about five and a half hours", 5.5, "about"), hours("5.5 hours", 5.5)),  # paraphrase
        (
            ("at least three people", "count", 3, "person", "at least", "people"),
            ("four people", "count", 4, "person", None, "people"),
        ),
    ],
)
def test_value_conflicts_compatible_values_are_no_conflict(first, second):
    docs = [
        doc("a", f"Officials said {first[0]} were counted in the town on Monday.", [first]),
        doc("b", f"Officials said {second[0]} were counted in the town on Monday.", [second]),
    ]
    assert value_conflicts(docs, [], [], BagEmbedder()) == []


def test_value_conflicts_different_nouns_are_no_conflict():
    docs = [
        doc(
            "a",
            "The storm closed 30 roads across the state on Monday.",
            [("30 roads", "count", 30, "road", None, "roads")],
        ),
        doc(
            "b",
            "The storm closed 25 schools across the state on Monday.",
            [("25 schools", "count", 25, "school", None, "schools")],
        ),
    ]
    assert value_conflicts(docs, [], [], BagEmbedder()) == []


def test_value_conflicts_count_with_same_head_noun_conflicts():
    docs = [
        doc(
            "a",
            "Two people died in a 30-car pileup on the interstate.",
            [("30-car pileup", "count", 30, "car", None, "pileup")],
        ),
        doc(
            "b",
            "Two people died in a 25-vehicle pileup on the interstate.",
            [("25-vehicle pileup", "count", 25, "vehicle", None, "pileup")],
        ),
    ]
    (conflict,) = value_conflicts(docs, [], [], BagEmbedder())
    assert conflict.kind == "count" and {p.article for p in conflict.positions} == {"a", "b"}


def _person(aid_spans):
    """One PERSON entity from (doc, surface) pairs."""
    mentions = []
    for d, surface in aid_spans:
        start = d.article.text.index(surface)
        mentions.append(EntityMention(d.article.id, 0, start, start + len(surface), surface))
    names = sorted({m.text for m in mentions}, key=len)
    return Entity("e1", names[-1], "PERSON", tuple(names), tuple(mentions))


def test_age_conflicts_same_person_different_ages():
    texts = [
        "Police arrested Jane Roe, 25, on Friday.",
        "Police arrested Jane Roe, 25, last week.",
        "Jane Lee Roe, 24, was arrested.",
    ]
    docs = []
    for aid, t in zip("abc", texts, strict=True):
        name = "Jane Lee Roe" if "Lee" in t else "Jane Roe"
        age = "24" if "24" in t else "25"
        span = f"{name}, {age}"
        docs.append(doc(aid, t, [(span, "age", float(age), "y", None, name)], [(name, "PERSON")]))
    entity = _person([(docs[0], "Jane Roe"), (docs[1], "Jane Roe"), (docs[2], "Jane Lee Roe")])
    (conflict,) = age_conflicts(docs, [entity])
    assert [p.value for p in conflict.positions] == ["25 years", "25 years", "24 years"]
    assert conflict.about == "age of Jane Lee Roe"


def test_age_conflicts_equal_ages_are_no_conflict():
    docs = [
        doc(
            a,
            "Police arrested Jane Roe, 25, on Friday.",
            [("Jane Roe, 25", "age", 25.0, "y", None, "Jane Roe")],
            [("Jane Roe", "PERSON")],
        )
        for a in "ab"
    ]
    assert age_conflicts(docs, [_person([(docs[0], "Jane Roe"), (docs[1], "Jane Roe")])]) == []


def test_title_conflicts_same_office_different_portfolio():
    docs = [
        doc(
            "a",
            "Jane Roe, the deputy secretary of state for Asian affairs, led the team.",
            mentions=[("Jane Roe", "PERSON")],
        ),
        doc(
            "b",
            "The team was led by Deputy Secretary of State for Asian Affairs Jane Roe.",
            mentions=[("Jane Roe", "PERSON")],
        ),
        doc(
            "c",
            "The team was led by Deputy Secretary of State for African Affairs Jane Roe.",
            mentions=[("Jane Roe", "PERSON")],
        ),
        doc(
            "d",
            "The team was led by Deputy Secretary of State Jane Roe on Monday.",
            mentions=[("Jane Roe", "PERSON")],
        ),
    ]
    entity = _person([(d, "Jane Roe") for d in docs])
    (conflict,) = title_conflicts(docs, [entity])
    assert [p.article for p in conflict.positions] == ["a", "b", "c"]  # d's shorter title agrees with all
    assert conflict.positions[0].text == "deputy secretary of state for Asian affairs"
    assert conflict.about == "title of Jane Roe"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "deputy secretary of state for asian affairs",
            "deputy secretary of state for african affairs",
            True,
        ),
        ("Deputy Secretary of State for Asian Affairs", "deputy secretary of state for asian affairs", False),
        ("ambassador to the united states", "ambassador to the U.S.", False),
        ("deputy secretary of state", "deputy secretary of state for asian affairs", False),
        ("ambassador to the united states", "director of the foreign ministry's department", False),
    ],
)
def test_titles_conflict(a, b, expected):
    assert titles_conflict(normalise_title(a), normalise_title(b)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((5.0, "about"), (5.5, None), False),
        ((5.5, "about"), (5.5, None), True),
        ((6.0, "about"), (6.0, "more than"), True),
        ((3.0, "at least"), (4.0, None), True),
        ((3.0, "at least"), (2.0, None), False),
        # a bound on the very number stated is that figure hedged, not a second figure
        ((6.0, "more than"), (6.0, None), True),
        ((22.0, "more than"), (22.0, "at most"), True),
        ((40.0, "more than"), (40.0, "less than"), False),
        ((6.0, "more than"), (5.0, None), False),
        ((10.0, "less than"), (9.0, None), True),
    ],
)
def test_compatible_interval_semantics(a, b, expected):
    va = Value(0, 0, 1, "x", "count", a[0], "person", a[1])
    vb = Value(0, 0, 1, "x", "count", b[0], "person", b[1])
    assert compatible(va, vb) is expected


def test_value_display_duration_in_hours():
    assert value_display(Value(0, 0, 1, "x", "duration", 90, "min", "about")) in (
        "about 1.5 h",
        "about 90 min",
    )


@pytest.mark.models
def test_find_conflicts_example_gold(example_docs, embedder, shared_dir):
    """End to end on the bundled example: both required conflicts with all their articles."""
    from crossfact.analysis.claims import align_claims
    from crossfact.analysis.resolve import resolve_entities

    gold = json.loads((shared_dir / "gold" / "istanbul-talks.json").read_text())
    entities = resolve_entities(example_docs)
    claims = align_claims(example_docs, entities, embedder, None)
    conflicts = find_conflicts(example_docs, claims, entities, None, embedder)
    prefix = {d.article.id: d.article.id[:3] for d in example_docs}
    for g in (c for c in gold["conflicts"] if c.get("required")):
        wanted = {p["article"] for p in g["positions"]}
        texts = {p["text"].lower() for p in g["positions"]}
        assert any(
            wanted
            <= {
                prefix[p.article]
                for p in c.positions
                if any(p.text.lower() in t or t in p.text.lower() for t in texts)
            }
            for c in conflicts
        ), g["id"]


class SynonymEmbedder(BagEmbedder):
    """Bag of words where "attackers" reads as "gunmen" (a stand-in for the model's noun similarity)."""

    def encode(self, texts):
        return super().encode([re.sub(r"\b(?:attackers?|gunm[ae]n)\b", "gunmen", t) for t in texts])


def test_value_conflicts_count_nouns_close_in_meaning_conflict():
    docs = [
        doc(
            "a",
            "Police said two gunmen were killed in the raid on the farm.",
            [("two gunmen", "count", 2, "gunman", None, "gunmen")],
        ),
        doc(
            "b",
            "Police said three attackers were killed in the raid on the farm.",
            [("three attackers", "count", 3, "attacker", None, "attackers")],
        ),
    ]
    (conflict,) = value_conflicts(docs, [], [], SynonymEmbedder())
    assert [p.value for p in conflict.positions] == ["2 gunman", "3 attacker"]
    # without the noun similarity the two counts are of different things
    assert value_conflicts(docs, [], [], BagEmbedder()) == []


@pytest.mark.parametrize(
    ("a", "b", "sim", "expected"),
    [
        (("count", "gunman"), ("count", "gunman"), 0.0, True),
        (("count", "gunman"), ("count", "attacker"), 0.7, True),
        (("count", "gunman"), ("count", "flight"), 0.2, False),
        (("duration", ""), ("count", "gunman"), 0.9, False),
    ],
)
def test_same_key(a, b, sim, expected):
    assert same_key(a, b, {(a[1], b[1]): sim}) is expected


def test_rare_nouns_keeps_nouns_named_about_once_per_article():
    texts = ["Two people died in a pileup.", "People queued.", "People waited.", "People left."]
    sentences, pos = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(i, pos, pos + len(t), t))
        pos += len(t) + 1
    docs = [ArticleDoc(Article("a", " ".join(texts), "a"), tuple(sentences)), doc("b", "A pileup.")]
    assert rare_nouns(docs, {"pileup", "person", "flight"}) == {"pileup"}


def test_value_conflicts_compound_count_is_the_size_of_the_thing():
    docs = [
        doc(
            "a",
            "Two people died in a 30-car pileup.",
            [("30-car pileup", "count", 30, "car", None, "pileup")],
        ),
        doc(
            "b",
            "Two people died in a 25-vehicle pileup.",
            [("25-vehicle pileup", "count", 25, "vehicle", None, "pileup")],
        ),
    ]
    (conflict,) = value_conflicts(docs, [], [], BagEmbedder())
    assert conflict.about == "size of the pileup"


@pytest.mark.parametrize(
    ("text", "span", "noun", "expected"),
    [
        ("The negotiations lasted five hours, officials said.", "five hours", None, "negotiations"),
        ("The envoy left after five hours of meetings with the hosts.", "five hours", None, "meetings"),
        ("Residents described a two-hour clash near the port.", "two-hour clash", "clash", "clash"),
        ("It rained for five hours.", "five hours", None, None),
    ],
)
def test_value_subject(text, span, noun, expected):
    start = text.index(span)
    v = Value(0, start, start + len(span), span, "duration", 5.0, "h", noun=noun)
    assert value_subject([(text, v)]) == expected


def test_value_conflicts_duration_about_names_what_lasted():
    docs = [
        doc("a", "The negotiations lasted five hours on Monday.", [hours("five hours", 5.0)]),
        doc("b", "The negotiations lasted seven hours on Monday.", [hours("seven hours", 7.0)]),
    ]
    (conflict,) = value_conflicts(docs, [], [], BagEmbedder())
    assert conflict.about == "duration of the negotiations"


QUOTED = "We will not rest until every family has a roof over its head again"


def _quote_doc(aid: str, speaker: str) -> ArticleDoc:
    text = f'"{QUOTED}," {speaker} said on Monday.'
    q = QuoteMention(0, 1, 1 + len(QUOTED), QUOTED, speaker=speaker)
    return ArticleDoc(Article(aid, text, aid), (Sentence(0, 0, len(text), text),), quotes=(q,))


@pytest.mark.parametrize(
    ("speakers", "expected"),
    [
        (("Jane Roe", "John Doe"), 1),  # two named speakers: a conflict
        (("Jane Roe", "The ministry"), 0),  # a description that resolves to no one proves nothing
        (("Jane Roe", "Jane Roe"), 0),
    ],
)
def test_quote_speaker_conflicts(speakers, expected):
    docs = [_quote_doc(a, s) for a, s in zip("ab", speakers, strict=True)]
    conflicts = quote_speaker_conflicts(docs, [])
    assert len(conflicts) == expected
    for c in conflicts:
        # each position shows the quotation with the words naming its speaker
        assert all(p.value in p.text and QUOTED in p.text for p in c.positions)


@pytest.mark.parametrize(
    ("speakers", "expected"),
    [
        (("William H. Moss III", "Bill Moss"), 0),  # one person, two ways of writing the name
        (("S.P.", "Susan Pell"), 0),  # the initials of the other speaker
        (("Jane Roe", "John Doe"), 1),
    ],
)
def test_quote_speaker_conflicts_name_variants_of_one_person_are_no_conflict(speakers, expected):
    docs = [_quote_doc(a, s) for a, s in zip("ab", speakers, strict=True)]
    entities = [
        Entity(f"e{i}", s, "PERSON", mentions=(EntityMention(a, 0, 0, len(s), s),))
        for i, (a, s) in enumerate(zip("ab", speakers, strict=True))
    ]
    assert len(quote_speaker_conflicts(docs, entities)) == expected


def test_quote_speaker_conflicts_pronoun_attribution_is_no_conflict():
    # "..., he said." with a speaker carried over from an earlier sentence may name the wrong person
    text = f'Jane Roe spoke first. "{QUOTED}," he said.'
    start = text.index(QUOTED)
    q = QuoteMention(
        1, start, start + len(QUOTED), QUOTED, speaker="Jane Roe", speaker_start=0, speaker_end=8
    )
    cut = text.index(' "')
    sentences = (Sentence(0, 0, cut, text[:cut]), Sentence(1, cut + 1, len(text), text[cut + 1 :]))
    carried = ArticleDoc(Article("a", text, "a"), sentences, quotes=(q,))
    assert quote_speaker_conflicts([carried, _quote_doc("b", "John Doe")], []) == []
    # the same quotation with its speaker named in its own sentence still conflicts
    assert len(quote_speaker_conflicts([_quote_doc("a", "Jane Roe"), _quote_doc("b", "John Doe")], [])) == 1


def test_quote_speaker_conflicts_place_speaker_is_no_conflict():
    # "Ruritania said" stands for someone speaking for the country, not a second speaker
    docs = [_quote_doc("a", "Jane Roe"), _quote_doc("b", "Ruritania")]
    place = Entity("g", "Ruritania", "GPE", mentions=(EntityMention("b", 0, 0, 9, "Ruritania"),))
    assert quote_speaker_conflicts(docs, [place]) == []


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("The ministry", True),
        ("the lawyer", True),
        ("The White House", False),
        ("Jane Roe", False),
        ("he", False),
    ],
)
def test_is_description(speaker, expected):
    assert is_description(speaker) is expected


# --------------------------------------------------------------------------------------------------
# Amounts given to each of several against totals
# --------------------------------------------------------------------------------------------------


def _usd(span, amount, noun=None):
    return (span, "money", amount, "USD", None, noun)


REWARD = "At the ceremony the company paid {} for their help in the mountain rescue, officials said."


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # $3,000 to each of two is $6,000 in all: not $3,000 (hand-made amounts)
        (
            "the driver and the guide $3,000 each",
            "the driver $3,000",
            ["3,000 USD each (6,000 USD in all)", "3,000 USD"],
        ),
        # how many share it is unknown: at least twice the amount, still more than $3,000
        ("them $3,000 each", "the couple $3,000", ["3,000 USD each", "3,000 USD"]),
    ],
)
def test_value_conflicts_each_against_total(first, second, expected):
    span_a = "$3,000 each"
    docs = [
        doc("a", REWARD.format(first), [_usd(span_a, 3000, "each")]),
        doc("b", REWARD.format(second), [_usd("$3,000", 3000)]),
    ]
    (conflict,) = value_conflicts(docs, [], [], BagEmbedder())
    assert [p.value for p in conflict.positions] == expected


@pytest.mark.parametrize(
    ("first", "second", "span_b", "amount_b"),
    [
        # $3,000 each to two people is the $6,000 the other gives
        ("$3,000 each to two people", "the couple $6,000", "$6,000", 6000),
        ("the driver and the guide $3,000 each", "the couple $6,000", "$6,000", 6000),
        # unknown shares: $6,000 may be the total
        ("them $3,000 each", "the couple $6,000", "$6,000", 6000),
        # both per person
        ("them $3,000 each", "them $3,000 apiece", "$3,000 apiece", 3000),
        # the other sentence is distributive too ("were each offered"): cannot tell
        ("them $3,000 each", "them, each of them, $3,000", "$3,000", 3000),
    ],
)
def test_value_conflicts_each_compatible(first, second, span_b, amount_b):
    docs = [
        doc("a", REWARD.format(first), [_usd("$3,000 each", 3000, "each")]),
        doc("b", REWARD.format(second), [_usd(span_b, amount_b, "apiece" if "apiece" in span_b else None)]),
    ]
    assert value_conflicts(docs, [], [], BagEmbedder()) == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("paying the driver and the guide ", " for their help", 2),
        ("paying the driver, the guide and the cook ", "", 3),
        ("The two men were paid ", ".", 2),
        ("They were paid ", " to three people.", 3),
        ("They were paid ", ".", None),
        ("After two years in jail, the men were paid ", ".", None),  # a count in another clause
    ],
)
def test_recipients(before, after, expected):
    assert recipients(before, after) == expected


@pytest.mark.parametrize(
    ("before", "text", "after", "expected"),
    [
        ("They got ", "$3,000 each", ".", "each"),
        ("They got ", "$50", " per person.", "each"),
        ("They were each paid ", "$3,000", ".", "unclear"),
        ("The couple got ", "$3,000", ".", "total"),
    ],
)
def test_per_unit_reading(before, text, after, expected):
    v = Value(0, 0, len(text), text, "money", 1.0, "USD")
    assert per_unit_reading(v, before, after) == expected


def test_compatible_readings_plain_values_as_before():
    a = Value(0, 0, 6, "$3,000", "money", 3000.0, "USD")
    b = Value(0, 0, 6, "$4,000", "money", 4000.0, "USD")
    assert compatible_readings(a, "total", None, b, "total", None) is False
    assert compatible_readings(a, "total", None, a, "total", None) is True
    assert compatible_readings(a, "each", 2, b, "unclear", None) is True


def test_find_conflicts_reports_ranks_and_intervals():
    call = "On Monday the union leader phoned the mayor and asked to meet to discuss the strike."
    texts = {
        "a": [
            call,
            "They met three days later, and the union leader brought a written proposal to Halbur.",
        ],
        "b": [
            call,
            "The next day, they met again, and the union leader brought a written proposal to Halbur.",
        ],
    }
    rank = {
        "a": "A blast hit Halbur, Norland's largest city.",
        "b": "A blast hit Norland's second-largest city, Halbur.",
    }
    docs, mentions = [], []
    for aid, sentences in texts.items():
        sentences = [*sentences, rank[aid]]
        text, sents = "", []
        for i, s in enumerate(sentences):
            sents.append(Sentence(i, len(text), len(text) + len(s), s))
            text += s + " "
        docs.append(ArticleDoc(Article(aid, text, aid), tuple(sents)))
        at = text.rindex("Halbur")
        mentions.append(EntityMention(aid, 2, at, at + 6, "Halbur"))
    place = Entity("p1", "Halbur", "GPE", ("Halbur",), tuple(mentions))
    conflicts = find_conflicts(docs, [], [place], None, BagEmbedder())
    assert sorted(c.about for c in conflicts) == [
        "rank of Halbur in norland (city)",
        "time between two events",
    ]


@pytest.mark.parametrize(
    ("day_a", "day_b", "expected"),
    [
        ("on Friday", "on Monday", 0),  # two days named: two days' figures, not one fact
        ("on Monday", "on Monday", 1),
        ("on Monday", "this week", 1),  # a day named on one side only: still comparable
    ],
)
def test_value_conflicts_other_days_are_other_facts(day_a, day_b, expected):
    docs = [
        doc(
            "a",
            f"The index fell 700 points {day_a} in heavy trading.",
            [("700 points", "count", 700, "point", None, "points")],
        ),
        doc(
            "b",
            f"The index fell 1,200 points {day_b} in heavy trading.",
            [("1,200 points", "count", 1200, "point", None, "points")],
        ),
    ]
    assert len(value_conflicts(docs, [], [], BagEmbedder())) == expected


def test_quote_speaker_conflicts_pronoun_in_previous_sentence_is_no_conflict():
    # the second quotation of a paragraph gets its speaker from "..., he told reporters." before it
    text = f'"We will see," he told reporters. "{QUOTED}."'
    start = text.index(QUOTED)
    q = QuoteMention(1, start, start + len(QUOTED), QUOTED, speaker="Jane Roe")
    cut = text.index(' "', 5)
    sentences = (Sentence(0, 0, cut, text[:cut]), Sentence(1, cut + 1, len(text), text[cut + 1 :]))
    carried = ArticleDoc(Article("a", text, "a"), sentences, quotes=(q,))
    assert quote_speaker_conflicts([carried, _quote_doc("b", "John Doe")], []) == []


def test_value_conflicts_day_of_the_same_amount_elsewhere():
    # "fell 1,200 points" names no day, but the same amount is Monday's in another source
    small = ("700 points", "count", 700, "point", None, "points")
    big = ("1,200 points", "count", 1200, "point", None, "points")
    docs = [
        doc("a", "The index fell 700 points on Friday in heavy trading.", [small]),
        doc("b", "The index fell 1,200 points on Monday in heavy trading.", [big]),
        doc("c", "The index fell 1,200 points in heavy trading.", [big]),
    ]
    assert value_conflicts(docs, [], [], BagEmbedder()) == []
    # without the Monday source, Friday's 700 and the undated 1,200 are still compared
    assert len(value_conflicts([docs[0], docs[2]], [], [], BagEmbedder())) == 1


# --------------------------------------------------------------------------------------------------
# Values of different scope: places, periods, bases, the other figure in the same sentence
# --------------------------------------------------------------------------------------------------


def _placed(aid: str, text: str, value, places):
    """A one-sentence doc with one value and GPE mentions; entities named after their surface."""
    d = doc(aid, text, [value], [(p, "GPE") for p in places])
    return d


def _place_entities(docs):
    by_name: dict[str, list[EntityMention]] = {}
    for d in docs:
        for m in d.mentions:
            by_name.setdefault(m.text, []).append(EntityMention(d.article.id, 0, m.start, m.end, m.text))
    return [Entity(f"g-{n}", n, "GPE", (n,), tuple(ms)) for n, ms in by_name.items()]


@pytest.mark.parametrize(
    ("text_a", "places_a", "text_b", "places_b", "expected"),
    [
        # a figure for the whole country against one for a city in it: two facts
        (
            "Activists said 125 people died across Syria on Monday in the unrest.",
            ["Syria"],
            "Activists said 104 people died in Homs on Monday in the unrest.",
            ["Homs"],
            0,
        ),
        # the same place: one fact, and the figures disagree
        (
            "Activists said 125 people died across Syria on Monday in the unrest.",
            ["Syria"],
            "Activists said 104 people died across Syria on Monday in the unrest.",
            ["Syria"],
            1,
        ),
        # "Homs, Syria" names Syria too: the same spot
        (
            "Activists said 125 people died in Homs, Syria on Monday in the unrest.",
            ["Homs", "Syria"],
            "Activists said 104 people died in Homs on Monday in the unrest.",
            ["Homs"],
            1,
        ),
        # two places, neither given as the whole: maybe one spot described two ways, still compared
        (
            "Activists said 125 people died on the highway on Monday in the unrest.",
            ["highway"],
            "Activists said 104 people died in Homs on Monday in the unrest.",
            ["Homs"],
            1,
        ),
        # a place in another clause is not what the figure is for
        (
            "Activists said 125 people died on Monday in the unrest; Homs was calm.",
            ["Homs"],
            "Activists said 104 people died across Syria on Monday in the unrest.",
            ["Syria"],
            1,
        ),
    ],
)
def test_value_conflicts_part_against_whole(text_a, places_a, text_b, places_b, expected):
    count_a = (text_a.split(" died")[0].split("said ")[1], "count", 0, "person", None, "people")
    count_b = (text_b.split(" died")[0].split("said ")[1], "count", 0, "person", None, "people")
    count_a = (count_a[0], "count", float(count_a[0].split()[0]), "person", None, "people")
    count_b = (count_b[0], "count", float(count_b[0].split()[0]), "person", None, "people")
    docs = [_placed("a", text_a, count_a, places_a), _placed("b", text_b, count_b, places_b)]
    assert len(value_conflicts(docs, [], _place_entities(docs), BagEmbedder())) == expected


@pytest.mark.parametrize(
    ("text_a", "text_b", "expected"),
    [
        # the article states both figures: its five is for something else
        (
            "Fertility is still five children per woman in the region; in the north it is seven.",
            "Fertility is still seven children per woman in the region, officials say.",
            0,
        ),
        (
            "Fertility is still five children per woman in the region, officials say.",
            "Fertility is still seven children per woman in the region, officials say.",
            1,
        ),
        # the other number belongs to another count ("7 cars"): still a disagreement
        (
            "Fertility is still five children per woman in the region, and 7 cars per family.",
            "Fertility is still seven children per woman in the region, officials say.",
            1,
        ),
    ],
)
def test_value_conflicts_other_figure_in_the_same_sentence(text_a, text_b, expected):
    def count(text, word, amount):
        return (word, "count", amount, "child", None, "children")

    va = count(text_a, "five children", 5)
    vb = count(text_b, "seven children", 7)
    da, db = doc("a", text_a, [va]), doc("b", text_b, [vb])
    if "7 cars" in text_a:
        start = text_a.index("7 cars")
        cars = Value(0, start, start + 6, "7 cars", "count", 7, "car", noun="cars")
        da = ArticleDoc(da.article, da.sentences, da.mentions, (*da.values, cars))
    assert len(value_conflicts([da, db], [], [], BagEmbedder())) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Prices rose 6% in 2012 across the region, the survey found.",
            "Prices rose 9% in 2013 across the region, the survey found.",
            0,
        ),
        (
            "Prices rose 6% in 2012 across the region, the survey found.",
            "Prices rose 9% in 2012 across the region, the survey found.",
            1,
        ),
        (
            "Prices rose 6% this year across the region, the survey found.",
            "Prices rose 9% last year across the region, the survey found.",
            0,
        ),
        (
            "Prices rose 6% a month across the region, the survey found.",
            "Prices rose 9% a year across the region, the survey found.",
            0,
        ),
        (
            "Prices rose 6% across the region, the survey found.",
            "Prices rose 9% last year across the region, the survey found.",
            1,
        ),
    ],
)
def test_value_conflicts_percentages_over_other_periods(a, b, expected):
    docs = [
        doc("a", a, [("6%", "percent", 6, "%", None, None)]),
        doc("b", b, [("9%", "percent", 9, "%", None, None)]),
    ]
    assert len(value_conflicts(docs, [], [], BagEmbedder())) == expected


@pytest.mark.parametrize(
    ("after_a", "after_b", "expected"),
    [
        ("of voters backed the plan in the poll.", "of Republicans backed the plan in the poll.", 0),
        ("of voters backed the plan in the poll.", "of voters backed the plan in the poll.", 1),
        ("of voters backed the plan in the poll.", "backed the plan in the poll of voters.", 1),
    ],
)
def test_value_conflicts_shares_of_other_groups(after_a, after_b, expected):
    docs = [
        doc("a", f"The survey said 35% {after_a}", [("35%", "percent", 35, "%", None, None)]),
        doc("b", f"The survey said 40% {after_b}", [("40%", "percent", 40, "%", None, None)]),
    ]
    assert len(value_conflicts(docs, [], [], BagEmbedder())) == expected


def test_value_conflicts_bound_on_the_stated_number_is_no_conflict():
    docs = [
        doc(
            "a",
            "Upwards of 22 people had to sign off on each post.",
            [("Upwards of 22 people", "count", 22, "person", "more than", "people")],
        ),
        doc(
            "b",
            "As many as 22 people had to sign off on each post.",
            [("As many as 22 people", "count", 22, "person", "at most", "people")],
        ),
        doc(
            "c",
            "Some 22 people had to sign off on each post.",
            [("22 people", "count", 22, "person", None, "people")],
        ),
    ]
    assert value_conflicts(docs, [], [], BagEmbedder()) == []


def _framed_quote_doc(aid: str, sentence: str, speaker: str) -> ArticleDoc:
    text = sentence.replace("Q", QUOTED)
    start = text.index(QUOTED)
    q = QuoteMention(0, start, start + len(QUOTED), QUOTED, speaker=speaker)
    return ArticleDoc(Article(aid, text, aid), (Sentence(0, 0, len(text), text),), quotes=(q,))


@pytest.mark.parametrize(
    ("frame_a", "speaker_a", "expected"),
    [
        # the frame names the other source's speaker: the attribution picked the wrong name
        ('Added Doe: "Q."', "Jane Roe", 0),
        # the frame names no one: a speaker carried over from further back is a guess
        ('The line "Q" was once sung at every game.', "Jane Roe", 0),
        ('Added Roe: "Q."', "Jane Roe", 1),
    ],
)
def test_quote_speaker_conflicts_frame_names_the_speaker(frame_a, speaker_a, expected):
    docs = [_framed_quote_doc("a", frame_a, speaker_a), _quote_doc("b", "John Doe")]
    assert len(quote_speaker_conflicts(docs, [])) == expected


def test_candidate_pairs_equal_every_pair_of_one_fact_key():
    keys = [
        ("count", "raider"),
        ("duration", ""),
        ("count", "attacker"),
        ("money", "usd"),
        ("count", "raider"),
        ("duration", ""),
        ("count", "car"),
        ("money", "eur"),
        ("count", "vehicle"),
    ]
    sim = {("raider", "attacker"): 0.7, ("attacker", "raider"): 0.7, ("car", "vehicle"): 0.65}
    sim[("vehicle", "car")] = 0.65
    sim.update({("raider", "car"): 0.2, ("car", "raider"): 0.2})
    brute = [
        (i, j) for i in range(len(keys)) for j in range(i + 1, len(keys)) if same_key(keys[i], keys[j], sim)
    ]
    assert candidate_pairs(keys, sim) == brute
    assert (0, 2) in brute and (6, 8) in brute and (0, 6) not in brute  # the test covers all three cases


def test_value_conflicts_years_ago_is_no_duration():
    docs = [
        doc(
            "a",
            "The first humans left the continent around 100,000 years ago, it said.",
            [("around 100,000 years", "duration", 100000, "y", "about", "years")],
        ),
        doc(
            "b",
            "The first humans left the continent around 60,000 years ago, it said.",
            [("around 60,000 years", "duration", 60000, "y", "about", "years")],
        ),
    ]
    (conflict,) = value_conflicts(docs, [], [], BagEmbedder())
    assert conflict.about.startswith("how long ago")


def _claim(cid: str, *sources: tuple[str, int]) -> Claim:
    return Claim(cid, cid, len(sources), len(sources), tuple(ClaimSource(a, s, "") for a, s in sources))


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], 0),  # the context alone is too weak to tie the counts
        ([_claim("x", ("a", 0), ("b", 0))], 1),
        # sentence a:0 is in two claims (one per clause); the one it shares with b:0 is listed first
        ([_claim("x", ("a", 0), ("b", 0)), _claim("y", ("a", 0))], 1),
        ([_claim("y", ("a", 0)), _claim("z", ("b", 0))], 0),  # in claims, but not the same one
    ],
)
def test_value_conflicts_sentence_in_several_claims_shares_each(claims, expected):
    docs = [
        doc(
            "a",
            "Officials counted 40 trucks near the border crossing yesterday.",
            [("40 trucks", "count", 40, "truck", None, "trucks")],
        ),
        doc(
            "b",
            "Officials counted 60 trucks near the river bridge today.",
            [("60 trucks", "count", 60, "truck", None, "trucks")],
        ),
    ]
    assert len(value_conflicts(docs, claims, [], None)) == expected
