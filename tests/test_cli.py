"""The command line through ``main([...])``: output, skip messages and exit codes.

Most tests replace the stages with small fakes (fast, and independent of the NLP's details); the tests
marked ``models`` run the real ingest, NLP and analysis.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from crossfact import __version__
from crossfact.cli import main, write_atomic
from crossfact.config import Config
from crossfact.model import Article
from fakes import install_fakes

CONTRACT_KEYS = {"schema", "articles", "stories", "skipped"}


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fakes(monkeypatch, title="Title {stem}", outlet="Wire")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Talks lasted six hours.\nBoth sides met.\n")
    (d / "b.txt").write_text("Negotiators met in Zürich.\n")
    return d


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "t.db")


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"crossfact {__version__}"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["search"],
        ["ingest"],
        ["analyze", "--format", "pdf", "x"],
        ["search", "x", "--limit", "0"],
    ],
)
def test_cli_usage_error_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.usefixtures("fakes")
def test_cli_ingest_prints_summary_and_exits_0(
    corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "ingest", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert out == "ingested 2 articles (2 new, 0 updated, 0 unchanged), 0 skipped\n"
    assert err == ""
    assert main(["--db", db, "ingest", str(corpus)]) == 0
    assert capsys.readouterr().out == "ingested 2 articles (0 new, 0 updated, 2 unchanged), 0 skipped\n"


@pytest.mark.usefixtures("fakes")
def test_cli_ingest_bad_input_named_on_stderr_exits_1(
    corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = corpus / "empty.txt"
    empty.write_text("")
    assert main(["ingest", "--db", db, str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"crossfact: skipped {empty}: empty file"]
    assert out == "ingested 2 articles (2 new, 0 updated, 0 unchanged), 1 skipped\n"


@pytest.mark.usefixtures("fakes")
def test_cli_global_options_after_subcommand(corpus: Path, tmp_path: Path) -> None:
    assert main(["ingest", "--db", str(tmp_path / "after.db"), str(corpus)]) == 0
    assert (tmp_path / "after.db").exists()


@pytest.mark.usefixtures("fakes")
def test_cli_articles_table(corpus: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--db", db, "ingest", str(corpus)])
    capsys.readouterr()
    assert main(["--db", db, "articles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "published", "outlet", "title"]
    assert [line.split() for line in lines[1:]] == [
        ["a", "-", "Wire", "Title", "a"],
        ["b", "-", "Wire", "Title", "b"],
    ]


@pytest.mark.parametrize("command", [["articles"], ["search", "x"]])
def test_cli_missing_database_exits_1(
    command: list[str], db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, *command]) == 1
    assert capsys.readouterr().err.startswith(f"crossfact: error: database {db} does not exist")
    assert not Path(db).exists()


@pytest.mark.usefixtures("fakes")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("met", ["a#1\tBoth sides [met].", "b#0\tNegotiators [met] in Zürich."]),
        ("zurich", ["b#0\tNegotiators met in [Zürich]."]),
    ],
)
def test_cli_search_prints_hits(
    query: str, expected: list[str], corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", db, "ingest", str(corpus)])
    capsys.readouterr()
    assert main(["--db", db, "search", query]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == expected


@pytest.mark.usefixtures("fakes")
def test_cli_search_bad_query_is_usage_error(
    corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", db, "ingest", str(corpus)])
    capsys.readouterr()
    assert main(["--db", db, "search", '"unterminated']) == 2
    err = capsys.readouterr().err
    assert err.startswith("crossfact: error: invalid search query")
    assert len(err.splitlines()) == 1


@pytest.mark.usefixtures("fakes")
def test_cli_analyze_json_has_contract_keys(
    corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "analyze", str(corpus), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= CONTRACT_KEYS
    assert data["schema"] == "crossfact.report/1"
    assert [a["id"] for a in data["articles"]] == ["a", "b"]
    assert data["articles"][0]["sentences"][1] == {"text": "Both sides met.", "start": 24, "end": 39}
    assert data["stories"][0]["articles"] == ["a", "b"]
    assert data["skipped"] == []


@pytest.mark.usefixtures("fakes")
def test_cli_analyze_reports_skipped_and_exits_1(
    corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = corpus / "missing.txt"
    assert main(["--db", db, "analyze", str(corpus / "a.txt"), str(missing), "-f", "json"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"crossfact: skipped {missing}: no such file"]
    assert json.loads(out)["skipped"] == [{"source": str(missing), "reason": "no such file"}]


@pytest.mark.usefixtures("fakes")
def test_cli_analyze_output_file_written_atomically(
    corpus: Path, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "out" / "report.json"
    out_file.parent.mkdir()
    assert main(["--db", db, "analyze", str(corpus), "--format", "json", "-o", str(out_file)]) == 0
    assert capsys.readouterr().out == ""
    assert set(json.loads(out_file.read_text())) >= CONTRACT_KEYS
    assert sorted(p.name for p in out_file.parent.iterdir()) == ["report.json"]


@pytest.mark.usefixtures("fakes")
def test_cli_analyze_without_paths_uses_database(
    corpus: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", db, "ingest", str(corpus)])
    capsys.readouterr()
    assert main(["--db", db, "analyze", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in data["articles"]] == ["a", "b"]
    assert data["stories"][0]["articles"] == ["a", "b"]


def test_cli_analyze_without_paths_or_database_is_usage_error(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "analyze", "-f", "json"]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.usefixtures("fakes")
def test_cli_analyze_no_store_leaves_database_alone(corpus: Path, db: str) -> None:
    assert main(["--db", db, "analyze", "--no-store", str(corpus), "-f", "json"]) == 0
    assert not Path(db).exists()


def test_cli_html_missing_renderer_is_clear_error(
    corpus: Path, db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "crossfact.render.html", None)  # makes the import fail
    assert main(["--db", db, "analyze", str(corpus), "--format", "html"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("crossfact: error: the html format is not available")
    assert not Path(db).exists()  # failed before any work


def test_cli_store_error_is_one_line(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not a database " * 100)
    assert main(["--db", str(bad), "ingest", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"crossfact: error: cannot open {bad}: it is not a crossfact database")
    assert len(err.splitlines()) == 1


def test_cli_eval_prints_scores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    fake = types.ModuleType("crossfact.evaluate")
    fake.score = lambda report, gold: {"n": len(report["articles"]) + gold["k"]}  # type: ignore[attr-defined]
    fake.format_scores = lambda scores: f"n = {scores['n']}"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "crossfact.evaluate", fake)
    (tmp_path / "r.json").write_text(json.dumps({"articles": [1, 2]}))
    (tmp_path / "g.json").write_text(json.dumps({"k": 3}))
    assert main(["eval", str(tmp_path / "r.json"), str(tmp_path / "g.json")]) == 0
    assert capsys.readouterr().out == "n = 5\n"
    assert main(["eval", str(tmp_path / "r.json"), str(tmp_path / "g.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"n": 5}


@pytest.mark.parametrize(
    ("content", "reason"), [(None, "no such file"), ("{oops", "Expecting"), ("[1]", "JSON object")]
)
def test_cli_eval_bad_json_exits_1(tmp_path: Path, content: str | None, reason: str, capsys) -> None:
    report = tmp_path / "r.json"
    if content is not None:
        report.write_text(content)
    (tmp_path / "g.json").write_text("{}")
    assert main(["eval", str(report), str(tmp_path / "g.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"crossfact: error: cannot read {report}")
    assert reason in err


def test_cli_serve_calls_web_app(db: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import crossfact.web

    calls = []
    monkeypatch.setattr(
        crossfact.web, "serve", lambda path, **kw: calls.append((path, kw["host"], kw["port"]))
    )
    assert main(["--db", db, "serve", "--port", "9000"]) == 0
    assert calls == [(db, "127.0.0.1", 9000)]
    assert "http://127.0.0.1:9000/" in capsys.readouterr().err


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old content that is longer")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


# --------------------------------------------------------------------------------------------------
# with the real ingest, NLP and analysis
# --------------------------------------------------------------------------------------------------

SMALL_ARTICLE = """Ministers meet in Vienna over trade

VIENNA (Wire) - Trade ministers from twelve countries met in Vienna on Tuesday to discuss tariffs.

The talks lasted about four hours, officials said.
"""


@pytest.mark.models
def test_cli_ingest_real_text_files(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(SMALL_ARTICLE)
    (tmp_path / "two.txt").write_text(SMALL_ARTICLE.replace("four", "five"))
    (tmp_path / "blank.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    assert main(["--db", db, "ingest", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"),
                 str(tmp_path / "blank.txt"), str(tmp_path / "binary.txt")]) == 1  # fmt: skip
    out, err = capsys.readouterr()
    assert out == "ingested 2 articles (2 new, 0 updated, 0 unchanged), 2 skipped\n"
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"crossfact: skipped {tmp_path / 'blank.txt'}: ")
    assert lines[1].startswith(f"crossfact: skipped {tmp_path / 'binary.txt'}: ")
    assert main(["--db", db, "search", "tariffs"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


@pytest.mark.models
def test_cli_analyze_example_corpus_end_to_end(
    example_dir: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "analyze", str(example_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= CONTRACT_KEYS
    assert sorted(a["id"] for a in data["articles"]) == sorted(p.stem for p in example_dir.glob("*.txt"))
    for a in data["articles"]:
        assert a["sentences"]
        assert all(a["text"][s["start"] : s["end"]] == s["text"] for s in a["sentences"])
    assert len(data["stories"]) == 1
    assert data["skipped"] == []
    assert main(["--db", db, "articles"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1 + len(data["articles"])
    assert main(["--db", db, "analyze"]) == 0  # Markdown from the database
    assert capsys.readouterr().out.strip()


@pytest.mark.models
def test_cli_analyze_example_json_dates_every_article(
    example_dir: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from crossfact.ingest import read_inputs

    read = {a.id: a for a in read_inputs([str(example_dir)], Config()) if isinstance(a, Article)}
    assert main(["--db", db, "analyze", str(example_dir), "--format", "json", "--no-store"]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    assert sorted(a["id"] for a in articles) == sorted(read)
    for a in articles:
        assert a["published"], a["id"]
        if read[a["id"]].published is None:  # dated by the story, not by its own metadata
            assert a["published_inferred"] is True, a["id"]
    assert any(read[i].published is None for i in read)  # the case the test is about is present
