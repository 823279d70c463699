"""Story clustering on small hand-written reports (invented towns, people and events)."""

from __future__ import annotations

import json

import pytest

from crossfact.cluster import (
    ClusterConfig,
    IncrementalClusterer,
    StoryGroup,
    cluster,
    cluster_articles,
    story_id,
)
from crossfact.cluster.features import day_number, names, years
from crossfact.cluster.linkage import average_link
from crossfact.cluster.minhash import near_duplicate_pairs, signatures
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
