"""The Dask engine equals the single-process run.

Starts processes: a local scheduler and two worker processes on 127.0.0.1 (about 10-30 s).
"""

from __future__ import annotations

import pytest

from crossfact.model import Article

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.processes  # starts a scheduler and two worker processes on 127.0.0.1

TOWNS = ["Aldmoor", "Brackwell", "Cindervale", "Dunholt", "Eskerby", "Fallowmere"]
EVENTS = [
    ("a warehouse fire", "firefighters fought the blaze for six hours", "smoke"),
    ("a bridge collapse", "engineers closed the crossing after a span fell", "river"),
    ("a hospital strike", "nurses walked out over staffing levels", "pay"),
]


def _articles() -> list[Article]:
    out = []
    for t, town in enumerate(TOWNS):
        e = t % len(EVENTS)
        event, detail, word = EVENTS[e]
        for k in range(3):
            day = 1 + 5 * t + k
            out.append(
                Article(
                    id=f"{town.lower()}-{e}-{k}",
                    title=f"{town} reports {event}" if k == 0 else f"{event.capitalize()} hits {town}",
                    text=f"Officials in {town} confirmed {event} on day {day}. In {town}, {detail}. "
                    f"Residents spoke of the {word}. Reporter {k} filed this from {town}.",
                    source=f"{town}-{e}-{k}.txt",
                    published=f"2031-05-{day:02d}",
                )
            )
    return out


# Dask's 30-second connect and comm timeouts are for a machine with time to spare; worker processes that
# import the library on a busy two-core CI machine can take longer, so the tests give them minutes.
SLOW_MACHINE = {
    "distributed.comm.timeouts.connect": "300s",
    "distributed.comm.timeouts.tcp": "300s",
    "distributed.deploy.lost-worker-timeout": "300s",
}


@pytest.fixture(scope="module")
def local_cluster():
    import dask

    with dask.config.set(SLOW_MACHINE):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        try:
            yield cluster
        finally:
            cluster.close(timeout=120)


def test_run_distributed_equals_single_process(local_cluster) -> None:
    from crossfact.distributed import run_distributed, run_local

    articles = _articles()
    local = run_local(articles)
    remote = run_distributed(articles, local_cluster.scheduler_address, partition_size=7)
    assert [s.to_dict() for s in remote.stories] == [s.to_dict() for s in local.stories]
    assert [a.id for a in remote.articles] == [a.id for a in local.articles]
    # and the stories are the invented events: one per town
    assert sorted(len(s.articles) for s in local.stories) == [3] * len(TOWNS)


def test_run_distributed_reads_paths_on_workers(local_cluster, tmp_path) -> None:
    from crossfact.distributed import run_distributed, run_local

    for a in _articles()[:8]:
        (tmp_path / a.source).write_text(f"{a.title}\n\n{a.text}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    local = run_local([str(tmp_path)])
    remote = run_distributed(
        [str(p) for p in sorted(tmp_path.iterdir())], local_cluster.scheduler_address, paths_per_task=3
    )
    assert len(remote.articles) == len(local.articles) > 0
    assert [s.articles for s in remote.stories] == [s.articles for s in local.stories]


def test_run_distributed_rejects_bad_partition_size(local_cluster) -> None:
    from crossfact.distributed import run_distributed

    with pytest.raises(ValueError, match="partition_size"):
        run_distributed(_articles(), local_cluster.scheduler_address, partition_size=0)
