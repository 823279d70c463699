"""The pipeline glue, with the stages replaced by small hand-written fakes (the real ones are tested
in their own modules; one end-to-end test runs the real models)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from crossfact.config import Config
from crossfact.model import ArticleDoc, Report, Skipped
from crossfact.pipeline import IngestResult, analyze_store, ingest, run
from crossfact.store import Store
from fakes import install_fakes


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fakes(monkeypatch)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Talks lasted six hours.\nBoth sides met.\n")
    (d / "b.txt").write_text("Negotiators met in Istanbul.\n")
    (d / "empty.txt").write_text("  \n")
    return d


def test_ingest_result_summary_line() -> None:
    r = IngestResult(new=4, updated=1, unchanged=0, skipped=[Skipped("x", "empty")])
    assert r.summary() == "ingested 5 articles (4 new, 1 updated, 0 unchanged), 1 skipped"
    assert IngestResult(new=1).summary() == "ingested 1 article (1 new, 0 updated, 0 unchanged), 0 skipped"


@pytest.mark.usefixtures("fakes")
def test_ingest_counts_new_then_unchanged_then_updated(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        first = ingest([str(corpus)], Config(), store)
        assert (first.new, first.updated, first.unchanged) == (2, 0, 0)
        assert [s.source for s in first.skipped] == [str(corpus / "empty.txt")]
        again = ingest([str(corpus)], Config(), store)
        assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
        (corpus / "b.txt").write_text("Negotiators met in Ankara.\n")
        changed = ingest([str(corpus)], Config(), store)
        assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 1)
        assert len(store) == 2
        assert [h.article_id for h in store.search("ankara")] == ["b"]
        assert store.search("istanbul") == []


@pytest.mark.usefixtures("fakes")
def test_ingest_calls_progress_once_per_article(corpus: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    with Store(tmp_path / "t.db") as store:
        ingest([str(corpus)], Config(), store, progress=lambda d: seen.append(d.article.id))
    assert seen == ["a", "b"]


@pytest.mark.usefixtures("fakes")
def test_run_builds_report_with_one_story(corpus: Path) -> None:
    report = run([str(corpus)], Config())
    assert isinstance(report, Report)
    assert [d.article.id for d in report.docs] == ["a", "b"]
    assert [s.articles for s in report.stories] == [("a", "b")]
    assert [s.reason for s in report.skipped] == ["empty file"]


@pytest.mark.usefixtures("fakes")
def test_run_stores_when_given_a_store(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        run([str(corpus)], Config(), store=store)
        assert [a.id for a in store.articles()] == ["a", "b"]
        report = analyze_store(store, Config())
    assert [d.article.id for d in report.docs] == ["a", "b"]
    assert report.stories[0].articles == ("a", "b")
    assert report.docs[0].sentences[1].text == "Both sides met."


@pytest.mark.usefixtures("fakes")
def test_run_same_file_twice_is_analysed_once(corpus: Path) -> None:
    report = run([str(corpus / "a.txt"), str(corpus / "a.txt")], Config())
    assert [d.article.id for d in report.docs] == ["a"]


@pytest.mark.usefixtures("fakes")
def test_run_nothing_readable_gives_no_story(tmp_path: Path) -> None:
    report = run([str(tmp_path / "missing.txt")], Config())
    assert report.docs == ()
    assert report.stories == ()
    assert report.skipped == (Skipped(source=str(tmp_path / "missing.txt"), reason="no such file"),)


@pytest.mark.models
def test_run_example_corpus_end_to_end(example_dir: Path, models, embedder, tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        report = run([str(example_dir)], Config(), store=store, models=models, embedder=embedder)
        assert len(store) == 5
        # the store keeps each article as read; the report shows them as the story dated them
        assert [d.article.id for d in store.docs()] == [d.article.id for d in report.docs]
        assert [d.sentences for d in store.docs()] == [d.sentences for d in report.docs]
    assert len(report.docs) == 5
    for d in report.docs:
        assert d.article.published, d.article.id
    assert report.skipped == ()
    assert len(report.stories) == 1
    assert set(report.stories[0].articles) == {d.article.id for d in report.docs}
    for d in report.docs:
        assert d.sentences
        assert all(d.article.text[s.start : s.end] == s.text for s in d.sentences)


@pytest.mark.usefixtures("fakes")
def test_analyze_docs_reports_the_story_dated_articles(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import crossfact.analysis.story

    def fake_borrow(docs: Sequence[ArticleDoc], today: object = None) -> tuple[ArticleDoc, ...]:
        return tuple(
            dataclasses.replace(
                d, article=dataclasses.replace(d.article, published="2031-06-03", published_inferred=True)
            )
            for d in docs
        )

    monkeypatch.setattr(crossfact.analysis.story, "borrow_published", fake_borrow)
    report = run([str(corpus)], Config())
    assert [(d.article.published, d.article.published_inferred) for d in report.docs] == [
        ("2031-06-03", True),
        ("2031-06-03", True),
    ]


@pytest.mark.usefixtures("fakes")
def test_ingest_assigns_every_article_a_story(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        ingest([str(corpus)], Config(), store)
        first = store.story_assignments()
        assert set(first) == {"a", "b"}
        assert {sid for sid, _t, _ids in store.stories()} == set(first.values())
        (corpus / "c.txt").write_text("Talks lasted six hours.\nBoth sides met today.\n")
        ingest([str(corpus)], Config(), store)
        second = store.story_assignments()
    assert set(second) == {"a", "b", "c"}
    assert {k: second[k] for k in first} == first
