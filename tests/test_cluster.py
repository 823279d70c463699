"""Story clustering on small hand-written reports (invented towns, people and events)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import scipy.sparse as sp

from crossfact.cluster import (
    ClusterConfig,
    IncrementalClusterer,
    StoryGroup,
    cluster,
    cluster_articles,
    story_id,
    within_window,
)
from crossfact.cluster.candidates import ScoreSettings, candidate_pairs, pair_scores, prune_rows, row_dots
from crossfact.cluster.features import (
    WORD_FEATURES,
    day_number,
    featurize,
    names,
    numbers,
    years,
    years_apart,
)
from crossfact.cluster.linkage import average_link
from crossfact.cluster.minhash import near_duplicate_pairs, shingle_hashes, signatures
from crossfact.cluster.refine import penalties, refine_labels
from crossfact.model import Article


def art(aid: str, title: str, text: str, published: str | None = None) -> Article:
    return Article(id=aid, text=text, source=f"{aid}.txt", title=title, published=published)


FLOOD_A = art(
    "flood-a",
    "River Marlow bursts its banks in Dunmore",
    "The River Marlow burst its banks in Dunmore on Tuesday, flooding 140 homes along Quay Street. "
    "Mayor Elena Varga said the town council had opened two emergency shelters at Saint Brigid school. "
    "Firefighters used boats to reach residents trapped on upper floors, and no injuries were reported.\n\n"
    "The Dunmore council said the water level peaked at 4.2 metres, the highest since records began.",
    "2031-03-04",
)
# a syndicated copy with small edits (another outlet's headline, a changed word, a last line dropped)
FLOOD_A_COPY = art(
    "flood-a-copy",
    "Marlow floods Dunmore homes",
    "The River Marlow burst its banks in Dunmore on Tuesday, flooding 140 houses along Quay Street. "
    "Mayor Elena Varga said the town council had opened two emergency shelters at Saint Brigid school. "
    "Firefighters used boats to reach residents trapped on upper floors, and no injuries were reported.",
    "2031-03-04",
)
# the same event told in other words
FLOOD_B = art(
    "flood-b",
    "Dunmore residents rescued by boat as Marlow overflows",
    "Rescue crews in boats pulled families from flooded houses in Dunmore after the Marlow overflowed. "
    "About 140 properties on and around Quay Street were under water, "
    "Elena Varga, the mayor, told reporters. "
    "Shelters were set up at Saint Brigid school for people forced out of their homes.",
    "2031-03-05",
)
SHOOTING_1 = art(
    "shooting-1",
    "Man shot outside bar in Greyford",
    "A 34-year-old man was shot outside the Copper Kettle bar in Greyford late on Friday, police said. "
    "Greyford police chief Tomas Brandt said the victim was taken to Greyford General Hospital. "
    "Officers are searching for a suspect who fled in a grey pickup truck.",
    "2030-06-14",
)
SHOOTING_1B = art(
    "shooting-1b",
    "Police hunt gunman after Greyford bar shooting",
    "Police in Greyford are hunting a gunman who shot a man outside the Copper Kettle bar on Friday night. "
    "Chief Tomas Brandt said the 34-year-old victim was treated at Greyford General Hospital. "
    "The suspect drove away in a grey pickup truck, witnesses said.",
    "2030-06-15",
)
# a look-alike: another shooting, another town, months later
SHOOTING_2 = art(
    "shooting-2",
    "Man shot outside nightclub in Pellham",
    "A 29-year-old man was shot outside the Blue Lantern nightclub in Pellham early on Sunday, police said. "
    "Pellham police captain Ruth Okafor said the victim was taken to Saint Anne Medical Center. "
    "Officers are searching for a suspect who fled on foot.",
    "2030-11-02",
)


def ids(groups: list[StoryGroup]) -> set[frozenset[str]]:
    return {frozenset(g.articles) for g in groups}


def test_cluster_articles_syndicated_copy_together() -> None:
    groups = cluster_articles([FLOOD_A, FLOOD_A_COPY, SHOOTING_1])
    assert frozenset({"flood-a", "flood-a-copy"}) in ids(groups)


def test_cluster_articles_paraphrased_reports_together() -> None:
    groups = cluster_articles([FLOOD_A, FLOOD_B, SHOOTING_1, SHOOTING_2])
    assert frozenset({"flood-a", "flood-b"}) in ids(groups)


def test_cluster_articles_lookalike_events_apart() -> None:
    groups = cluster_articles([SHOOTING_1, SHOOTING_1B, SHOOTING_2])
    assert ids(groups) == {frozenset({"shooting-1", "shooting-1b"}), frozenset({"shooting-2"})}


def test_cluster_articles_full_set() -> None:
    groups = cluster_articles([SHOOTING_2, FLOOD_B, SHOOTING_1, FLOOD_A_COPY, SHOOTING_1B, FLOOD_A])
    assert ids(groups) == {
        frozenset({"flood-a", "flood-a-copy", "flood-b"}),
        frozenset({"shooting-1", "shooting-1b"}),
        frozenset({"shooting-2"}),
    }


ALL = [FLOOD_A, FLOOD_A_COPY, FLOOD_B, SHOOTING_1, SHOOTING_1B, SHOOTING_2]


def test_cluster_articles_deterministic_ids_and_order() -> None:
    first = cluster_articles(ALL)
    second = cluster_articles(list(reversed(ALL)))
    assert [g.to_dict() for g in first] == [g.to_dict() for g in second]
    # the id comes from the earliest member (stable as a story grows); the title from a member
    shooting = next(g for g in first if "shooting-1" in g.articles)
    assert shooting.id == story_id("shooting-1")
    assert shooting.title in {SHOOTING_1.title, SHOOTING_1B.title}


def test_incremental_add_equals_batch() -> None:
    batch = cluster_articles(ALL)
    inc = IncrementalClusterer()
    stream = sorted(ALL, key=lambda a: (a.published or "", a.id))
    assigned = inc.add_many(stream)
    assert ids(inc.stories()) == ids(batch)
    assert {g.id for g in inc.stories()} == {g.id for g in batch}
    assert assigned[stream.index(SHOOTING_1B)] == story_id("shooting-1")


def test_incremental_state_round_trips_json() -> None:
    inc = IncrementalClusterer()
    inc.add_many([SHOOTING_1, FLOOD_A])
    state = json.loads(json.dumps(inc.to_dict()))
    again = IncrementalClusterer.from_dict(state)
    assert again.add(SHOOTING_1B) == inc.add(SHOOTING_1B) == story_id("shooting-1")
    assert again.add(SHOOTING_2) == story_id("shooting-2")


def test_incremental_from_assignments_keeps_stored_ids() -> None:
    rebuilt = IncrementalClusterer.from_assignments([FLOOD_A], {"flood-a": "stored-story"})
    assert rebuilt.add(FLOOD_B) == "stored-story"


def test_incremental_from_dict_rejects_unknown_version() -> None:
    with pytest.raises(ValueError, match="version"):
        IncrementalClusterer.from_dict({"version": 99})


def test_cluster_contract_returns_id_lists() -> None:
    assert sorted(map(sorted, cluster([SHOOTING_1, SHOOTING_1B]))) == [["shooting-1", "shooting-1b"]]


def test_cluster_articles_empty_and_single() -> None:
    assert cluster_articles([]) == []
    assert [g.articles for g in cluster_articles([FLOOD_A])] == [("flood-a",)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"name_weight": 1.5}, "name_weight"), ({"threshold": 0}, "threshold"), ({"top_k": 0}, "top_k")],
)
def test_cluster_config_rejects_bad_values(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClusterConfig(**kwargs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The quake hit Lorna Bay. Officials said Mayor Ana Ruiz was safe.", ["lorna", "bay", "ana", "ruiz"]),
        ("Police said the man ran.", []),
    ],
)
def test_names_capitalised_sequences(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("In 2013, and again in 2008", (2008, 2013)), ("1,2013 people and 6.2013", ()), ("no year", ())],
)
def test_years_mentioned(text: str, expected: tuple[int, ...]) -> None:
    assert years(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("1970-01-02", 1), ("1970-01-01T10:00", 0), (None, None), ("x", None)]
)
def test_day_number(value: str | None, expected: int | None) -> None:
    assert day_number(value) == expected


def test_near_duplicate_pairs_finds_copy_only() -> None:
    sigs = signatures([FLOOD_A, FLOOD_A_COPY, FLOOD_B])
    assert near_duplicate_pairs(sigs, 0.35) == [(0, 1)]  # true shingle Jaccard 0.5 and 0.0
    assert near_duplicate_pairs(sigs, 0.9) == []


@pytest.mark.parametrize(
    ("edges", "threshold", "expected"),
    [
        # a chain: 0-1 strong, 1-2 strong, 0-2 absent -> average link keeps 2 out at 0.6
        ([(0, 1, 0.9), (1, 2, 0.9)], 0.6, [0, 0, 2]),
        ([(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.5)], 0.6, [0, 0, 0]),
        ([(0, 1, 0.1)], 0.2, [0, 1]),
    ],
)
def test_average_link(edges: list[tuple[int, int, float]], threshold: float, expected: list[int]) -> None:
    assert average_link(3 if len(expected) == 3 else 2, edges, threshold) == expected


# --- second stage (local IDF), bounded candidate search, hashing ---------------------------------------

# two look-alike events: robberies of the same bank in the same town, told with different details
_ROBBERY_1 = [
    "Two masked gunmen fired shots at the ceiling and escaped with cash.",
    "A security guard was shot in the leg and taken to hospital.",
    "Police are searching for Karl Osterhag, who drove off in a red van.",
    "Witnesses said the gunmen wore black masks and carried rifles.",
]
_ROBBERY_2 = [
    "A woman handed the teller a handwritten note demanding money.",
    "No weapon was seen and nobody was hurt, the spokesperson said.",
    "Officers arrested Lidia Perrault at the bus station an hour later.",
    "The teller emptied her drawer and the woman walked out calmly.",
]


def _robberies() -> list[Article]:
    out = []
    for event, sentences, suspect in (("r1", _ROBBERY_1, "Osterhag"), ("r2", _ROBBERY_2, "Perrault")):
        for k in range(4):
            text = "The Harbor Savings bank in Velmont was robbed. " + " ".join(
                sentences[(k + i) % 4] for i in range(3)
            )
            out.append(
                art(f"{event}-{k}", f"Velmont bank robbery: {suspect} {sentences[k].split(',')[0]}", text)
            )
    return out


def _settings() -> ScoreSettings:
    return ClusterConfig().score_settings()


def test_refine_labels_splits_lookalike_events_in_one_broad_group() -> None:
    feats = featurize(_robberies())
    labels = refine_labels(feats, [0] * 8, _settings(), 0.3)
    assert labels == [0, 0, 0, 0, 4, 4, 4, 4]


def test_refine_labels_keeps_one_event_whole() -> None:
    feats = featurize(_robberies()[:4])
    assert refine_labels(feats, [0] * 4, _settings(), 0.3) == [0, 0, 0, 0]


@pytest.mark.parametrize(("min_size", "expected"), [(9, [0] * 8), (4, [0, 0, 0, 0, 4, 4, 4, 4])])
def test_refine_labels_min_size(min_size: int, expected: list[int]) -> None:
    feats = featurize(_robberies())
    assert refine_labels(feats, [0] * 8, _settings(), 0.3, min_size=min_size) == expected


def test_refine_labels_near_duplicates_stay_together() -> None:
    feats = featurize(_robberies())
    labels = refine_labels(feats, [0] * 8, _settings(), 0.3, near_duplicates=[(0, 4)])
    assert labels[0] == labels[4]


def test_refine_labels_leaves_separate_groups_separate() -> None:
    feats = featurize(_robberies())
    # two first-stage groups already apart: refinement never merges across groups
    labels = refine_labels(feats, [0, 0, 0, 0, 4, 4, 4, 4], _settings(), 0.01)
    assert labels == [0, 0, 0, 0, 4, 4, 4, 4]


@pytest.mark.parametrize(
    ("dense", "keep", "expected"),
    [
        ([[0.1, 0.5, 0.3, 0.0]], 2, [[0.0, 0.5, 0.3, 0.0]]),
        ([[0.2, 0.2, 0.1], [0.0, 0.0, 0.9]], 1, [[0.2, 0.0, 0.0], [0.0, 0.0, 0.9]]),
        ([[0.4, 0.0, 0.1]], 5, [[0.4, 0.0, 0.1]]),
    ],
)
def test_prune_rows_keeps_heaviest(dense: list[list[float]], keep: int, expected: list[list[float]]) -> None:
    got = prune_rows(sp.csr_matrix(np.array(dense, dtype=np.float32)), keep).toarray()
    np.testing.assert_allclose(got, np.array(expected, dtype=np.float32))


def test_row_dots_match_dense() -> None:
    rng = np.random.default_rng(3)
    x = sp.random(20, 30, density=0.3, format="csr", random_state=4, dtype=np.float32)
    rows, cols = rng.integers(0, 20, 50), rng.integers(0, 20, 50)
    dense = x.toarray()
    expected = np.einsum("ij,ij->i", dense[rows], dense[cols])
    np.testing.assert_allclose(row_dots(x, rows, cols, chunk=7), expected, rtol=1e-5)


def test_candidate_pairs_pruned_search_scores_exactly() -> None:
    x = sp.random(60, 40, density=0.2, format="csr", random_state=5, dtype=np.float32)
    x = sp.csr_matrix(x.multiply(1 / np.sqrt(x.multiply(x).sum(axis=1) + 1e-9)))
    days = np.full(60, -1, dtype=np.int64)
    exact = candidate_pairs(x, days, 30, 60, 0.05, search_terms=None)
    pruned = candidate_pairs(x, days, 30, 60, 0.05, search_terms=3)
    pairs = {(i, j): d for i, j, d in zip(*(a.tolist() for a in exact), strict=True)}
    found = [(i, j) for i, j in zip(pruned[0].tolist(), pruned[1].tolist(), strict=True)]
    assert found and set(found) <= set(pairs)  # a subset of the true pairs...
    np.testing.assert_allclose(pruned[2], [pairs[p] for p in found], rtol=1e-5)  # ...scored on full vectors


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The river burst its banks on Tuesday", "the RIVER burst its banks, on tuesday!", True),
        ("The river burst its banks on Tuesday", "The river burst its banks on Wednesday", False),
    ],
)
def test_shingle_hashes_word_ngrams(a: str, b: str, same: bool) -> None:
    assert (set(shingle_hashes(a).tolist()) == set(shingle_hashes(b).tolist())) is same


@pytest.mark.parametrize(("text", "count"), [("", 0), ("two words", 1), ("one two three four five six", 2)])
def test_shingle_hashes_count(text: str, count: int) -> None:
    assert len(shingle_hashes(text)) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [("It ended in 2015.", (2015,)), ("code 20155 and 2015.5", ()), ("(1999-2001)", (1999, 2001))],
)
def test_years_context(text: str, expected: tuple[int, ...]) -> None:
    assert years(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "tolerance", "apart"),
    [
        ((2008,), (2013,), 1, True),
        ((2008,), (2009,), 1, False),  # a season, or a January report of December's event
        ((2008,), (2009,), 0, True),
        ((2008,), (2010,), 1, True),
        ((1977, 2008), (2008,), 1, False),  # one year in common is enough
        ((), (2013,), 1, False),  # no year on one side: no evidence either way
        ((1950,), (1951,), 1, False),  # tolerance at the edge of the range
    ],
)
def test_years_apart_allows_tolerance(
    a: tuple[int, ...], b: tuple[int, ...], tolerance: int, apart: bool
) -> None:
    rows, cols = np.array([0, 1]), np.array([1, 0])
    assert years_apart([a, b], rows, cols, tolerance).tolist() == [apart, apart]


def test_featurize_reads_years_from_title_and_lead_only() -> None:
    background = "x " * 400 + "He first won the title in 1977."
    article = art("a", "Quake of 2013 hits the island", "It struck in 2013. " + background)
    feats = featurize([article], 1500, 400)
    assert feats.years == ((2013,),)  # the background year 600 characters down is not the event's


def test_penalties_tolerate_adjacent_years() -> None:
    rows, cols = np.triu_indices(3, k=1)
    days = np.full(3, -1, dtype=np.int64)
    matrix = penalties([(2008,), (2009,), (2013,)], days, _settings())
    assert matrix[rows, cols].tolist() == pytest.approx([0.0, 0.3, 0.3])


def test_cluster_config_rejects_bad_refine_threshold() -> None:
    with pytest.raises(ValueError, match="refine_threshold"):
        ClusterConfig(refine_threshold=0)


def test_penalties_match_pair_scores() -> None:
    years_ = [(2008,), (2013,), (), (2008, 2013)]
    days = np.array([100, 101, -1, 130], dtype=np.int64)
    rows, cols = np.triu_indices(4, k=1)
    zeros = np.zeros(len(rows))
    expected = -pair_scores(sp.csr_matrix((4, 1)), years_, days, rows, cols, zeros, _settings())
    np.testing.assert_allclose(penalties(years_, days, _settings())[rows, cols], expected)
    assert expected[0] == pytest.approx(0.3)  # 2008 vs 2013, one day apart: the year penalty only


@pytest.mark.parametrize(
    ("days", "expected"),
    [([0, 30, 31], [(0, 1), (1, 2)]), ([0, -1, 400], [(0, 1), (1, 2)]), ([0, 60, 0], [(0, 2)])],
)
def test_within_window_keeps_pairs_in_time(days: list[int], expected: list[tuple[int, int]]) -> None:
    pairs = [(0, 1), (0, 2), (1, 2)]
    assert within_window(pairs, np.array(days, dtype=np.int64), 30) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A magnitude 4.6 quake at 2:09 hurt 1,300 people.", ["#4.6", "#2:09", "#1300"]),
        ("Filed 2/3/2031; 12 died in 2031.", ["#2/3/2031", "#12", "#2031"]),
        ("no figures here", []),
    ],
)
def test_numbers_figures_as_terms(text: str, expected: list[str]) -> None:
    assert numbers(text) == expected


def test_featurize_numbers_in_names_block() -> None:
    counts = featurize([art("n", "", "it was 4.6 and then 12")]).counts
    # no capitalised names: the two figures are the only name-block terms, and none is a word
    assert counts[:, WORD_FEATURES:].sum() == 2
    assert counts[:, :WORD_FEATURES].sum() == 0  # every word here is a stop word


def _quake(aid: str, magnitude: str, hour: str, hurt: str) -> Article:
    return art(
        aid,
        f"Magnitude {magnitude} earthquake shakes Tarrow Valley",
        f"An earthquake of magnitude {magnitude} shook the Tarrow Valley at {hour}, the survey said. "
        f"{hurt} people were treated for minor injuries in Oldbridge.",
    )


def test_refine_scores_lookalikes_with_other_figures_lower() -> None:
    # the same wording about the same valley: reports that agree on the figures score higher than
    # reports of a look-alike quake with other figures (magnitude, time, injured)
    from crossfact.cluster.refine import local_scores

    quakes = [
        _quake("a1", "4.2", "9:27", "3"),
        _quake("a2", "4.2", "9:27", "3"),
        _quake("b1", "4.6", "2:09", "12"),
        _quake("b2", "4.6", "2:09", "12"),
    ]
    feats = featurize(quakes)
    rows, cols, scores = local_scores(feats.counts, feats.years, feats.days, _settings())
    score = {(int(r), int(c)): float(s) for r, c, s in zip(rows, cols, scores, strict=True)}
    assert score[(0, 1)] > score[(0, 2)] + 0.2
    assert score[(2, 3)] > score[(1, 3)] + 0.2
    assert score[(0, 3)] == pytest.approx(score[(0, 2)])


# ---------------------------------------------------------------------------------------------------
# Story titles: a member's own headline first; an untitled one's lead sentence, never furniture
# ---------------------------------------------------------------------------------------------------

UNTITLED_FLOOD = art(
    "flood-0-untitled",
    "",
    "Breaking News Emails Get breaking news alerts and special reports.\n\n"
    "The River Marlow burst its banks in Dunmore on Tuesday, flooding 140 homes along Quay Street and "
    "forcing the council to open shelters. Mayor Elena Varga said the town council had opened two "
    "emergency shelters at Saint Brigid school.\n\nFirefighters used boats to reach residents trapped on "
    "upper floors, and no injuries were reported. The Dunmore council said the water level peaked at 4.2 "
    "metres, the highest since records began.",
    "2031-03-04",
)


def test_featurize_titles_untitled_article_by_its_lead_sentence() -> None:
    feats = featurize([FLOOD_A, UNTITLED_FLOOD])
    assert feats.titled == (True, False)
    assert feats.titles[0] == FLOOD_A.title
    assert feats.titles[1].startswith("The River Marlow burst its banks")
    assert feats.titles[1].endswith("…") and len(feats.titles[1]) <= 80


def test_cluster_articles_titles_story_by_a_titled_member() -> None:
    # the untitled copy comes first in stream order and is as central as the titled one
    groups = cluster_articles([UNTITLED_FLOOD, FLOOD_A])
    assert len(groups) == 1
    assert groups[0].title == FLOOD_A.title


def test_incremental_titles_story_by_a_titled_member_after_round_trip() -> None:
    inc = IncrementalClusterer()
    first = inc.add(UNTITLED_FLOOD)
    assert inc.add(FLOOD_A) == first
    assert [g.title for g in inc.stories()] == [FLOOD_A.title]
    again = IncrementalClusterer.from_dict(json.loads(json.dumps(inc.to_dict())))
    assert [g.title for g in again.stories()] == [FLOOD_A.title]


def test_incremental_untitled_story_takes_lead_sentence() -> None:
    inc = IncrementalClusterer()
    inc.add(UNTITLED_FLOOD)
    (story,) = inc.stories()
    assert story.title.startswith("The River Marlow burst its banks")
    assert "Breaking News" not in story.title
