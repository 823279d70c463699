"""read_inputs: formats, folders, standard input, ids, and bad inputs that never stop a batch."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossfact.config import Config
from crossfact.errors import InputError
from crossfact.ingest import read_bytes, read_inputs
from crossfact.ingest.feeds import parse_feed
from crossfact.ingest.html import parse_html
from crossfact.ingest.newsplease import UNKNOWN_SHAPE, parse_json
from crossfact.model import Article, Skipped, content_id

GOOD_TEXT = (
    "Harbour bridge reopens\n\n"
    "The harbour bridge reopened to traffic on Tuesday after eight weeks of repairs, the council said.\n"
    "Ferry operators said they would return to their normal timetable next week.\n"
)


def read(paths: list[str], **config: int) -> list[Article | Skipped]:
    return list(read_inputs(paths, Config(**config)))


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def skipped(items: list[Article | Skipped]) -> dict[str, str]:
    return {Path(i.source).name: i.reason for i in items if isinstance(i, Skipped)}


@pytest.fixture()
def ingest_dir(data_dir: Path) -> Path:
    return data_dir / "ingest"


# --------------------------------------------------------------------------------------------------
# The bundled example
# --------------------------------------------------------------------------------------------------

EXAMPLE = {
    "000_ae93203a50791608": ("Russia, US meet over diplomatic missions", "MOSCOW/WASHINGTON", None),
    "001_b5cf0b336b84890c": (None, None, None),
    "002_4bbc990f47cc074d": (
        "US, Russia discuss stabilizing embassy operations in Istanbul talks",
        "ISTANBUL",
        None,
    ),
    "003_32761248c0e138c0": (
        "Russia and US agree on roadmap for return of seized diplomatic properties",
        None,
        None,
    ),
    "004_1aa0a322b34786a1": (None, None, "2025-04-11"),
}


def test_read_inputs_example_ids_titles_datelines(example_dir: Path) -> None:
    found = {a.id: a for a in articles(read([str(example_dir)]))}
    assert sorted(found) == sorted(EXAMPLE)
    for article_id, (title, dateline, published) in EXAMPLE.items():
        a = found[article_id]
        assert (a.title, a.dateline, a.published) == (title, dateline, published), article_id
        assert a.language == "en" and a.format == "text"
        assert "\n\n\n" not in a.text and a.text == a.text.strip()


def test_read_inputs_example_furniture_out_of_text(example_dir: Path) -> None:
    found = {a.id: a for a in articles(read([str(example_dir)]))}
    assert "via AP" not in found["004_1aa0a322b34786a1"].text
    assert not found["004_1aa0a322b34786a1"].text.startswith(" date")
    assert found["000_ae93203a50791608"].text.startswith("Delegations")  # dateline and standfirst cut
    assert found["002_4bbc990f47cc074d"].text.startswith("Russian and U.S. diplomats")


def test_read_inputs_example_matches_gold(shared_dir: Path, example_dir: Path) -> None:
    gold = json.loads((shared_dir / "gold" / "istanbul-talks.json").read_text(encoding="utf-8"))["articles"]
    found = {a.id: a for a in articles(read([str(example_dir)]))}
    for article_id, expected in gold.items():
        assert found[article_id].title == expected["title"]
        assert found[article_id].dateline == expected["dateline"]
        if "published" in expected:
            assert found[article_id].published == expected["published"]


def test_read_inputs_dev_texts_sane(shared_dir: Path) -> None:
    """Every dev document reads as English running text; the gold titles and datelines come out."""
    dev = shared_dir / "gold" / "dev"
    for gold_file in sorted(dev.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["articles"]
        found = {a.id: a for a in articles(read([str(dev / gold_file.stem)]))}
        assert sorted(found) == sorted(gold)
        for doc_id, expected in gold.items():
            a = found[doc_id]
            assert a.title == expected["title"], (gold_file.stem, doc_id)
            assert a.dateline == expected["dateline"], (gold_file.stem, doc_id)
            assert a.language == "en"
            if a.outlet is not None:  # found from a dateline tag or a copyright line: the gold names it
                assert a.outlet in (expected["outlet"] or ""), (gold_file.stem, doc_id, a.outlet)
            assert "Please enable Javascript" not in a.text and "(Associated Press)" not in a.text
            assert len(a.text) > 1000


# --------------------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------------------


def test_parse_html_article_and_metadata(ingest_dir: Path) -> None:
    a = parse_html((ingest_dir / "page.html").read_bytes(), "page.html")
    assert a.title == "Harbour bridge reopens after repairs"
    assert a.published == "2024-03-05"
    assert a.outlet == "The Coastal Ledger"
    assert a.url == "https://ledger.example.org/news/harbour-bridge-reopens"
    assert a.text.startswith("The harbour bridge in the fictional town")
    assert "ferry operators" in a.text.lower()
    for furniture in ("Home", "Copyright", "Photo: Ledger staff", "<p>"):
        assert furniture not in a.text
    assert a.id == content_id("https://ledger.example.org/news/harbour-bridge-reopens")


def test_read_inputs_html_file_gets_file_name_id(ingest_dir: Path) -> None:
    (a,) = read([str(ingest_dir / "page.html")])
    assert isinstance(a, Article) and a.id == "page" and a.format == "html"


@pytest.mark.parametrize(
    ("name", "titles", "outlet", "dates"),
    [
        (
            "feed.rss",
            ["Flood barrier tested on river Alder", "School choir wins regional prize"],
            "Valley Gazette",
            ["2024-03-06", "2024-03-07"],
        ),
        (
            "feed.atom",
            ["Tram line extension approved", "Library opens on Sundays"],
            "Northern Courier",
            ["2024-04-01", "2024-04-02"],
        ),
    ],
)
def test_parse_feed_one_article_per_entry(
    ingest_dir: Path, name: str, titles: list[str], outlet: str, dates: list[str]
) -> None:
    found = parse_feed((ingest_dir / name).read_bytes(), name)
    assert [a.title for a in found] == titles
    assert {a.outlet for a in found} == {outlet}
    assert [a.published for a in found] == dates
    assert all(a.url and a.url.startswith("https://") for a in found)
    assert all("<" not in a.text and a.text for a in found)
    assert len({a.id for a in found}) == len(found)


def test_parse_feed_html_paragraphs_become_paragraphs(ingest_dir: Path) -> None:
    first = parse_feed((ingest_dir / "feed.rss").read_bytes(), "feed.rss")[0]
    assert first.text == (
        "Workers raised the new flood barrier on the river Alder for the first time on Wednesday, "
        "the water authority said.\n\nThe test lasted about three hours and the barrier held back the "
        "rising water as planned."
    )
    assert first.id == content_id("gazette-1001")


def test_read_inputs_feed_entry_without_text_skipped(ingest_dir: Path) -> None:
    items = read([str(ingest_dir / "feed.rss")])
    assert len(articles(items)) == 2
    assert skipped(items) == {"feed.rss#3": "feed entry holds no text"}


def test_parse_json_single_record(ingest_dir: Path) -> None:
    (a,) = parse_json((ingest_dir / "article.json").read_text(encoding="utf-8"), "article.json")
    assert isinstance(a, Article)
    assert (a.title, a.published, a.outlet, a.language) == (
        "Mountain pass closed by snow",
        "2024-01-12",
        "alpine-post.example.com",
        "en",
    )
    assert a.text.count("\n\n") == 2
    assert a.id == content_id("https://alpine-post.example.com/pass-closed")


def test_read_inputs_json_object_file_gets_file_name_id(ingest_dir: Path) -> None:
    (a,) = read([str(ingest_dir / "article.json")])
    assert isinstance(a, Article) and a.id == "article"


def test_read_inputs_json_array_text_field_and_language(ingest_dir: Path) -> None:
    found = articles(read([str(ingest_dir / "articles.json")]))
    assert [a.title for a in found] == ["Port strike ends after two days", "Nouvelle ligne de bus"]
    assert found[1].published == "2024-03-04"
    assert found[1].language == "fr" and "l'hôpital" in found[1].text
    assert found[0].id == content_id("https://harbour-news.example.com/strike-ends")


def test_read_inputs_jsonl_keeps_good_lines(ingest_dir: Path) -> None:
    items = read([str(ingest_dir / "articles.jsonl")])
    titles = [a.title for a in articles(items)]
    assert titles == ["Orchard harvest starts early", "Museum adds night openings"]
    assert skipped(items) == {"articles.jsonl:2": "line 2: invalid JSON"}


@pytest.mark.parametrize(
    "raw",
    ['{"name": "x"}', "[1, 2, 3]", '"just a string"', '{"title": "no text"}', '[{"maintext": "no title"}]'],
)
def test_parse_json_unknown_shape(raw: str) -> None:
    with pytest.raises(InputError, match="unknown shape"):
        parse_json(raw, "x.json")


def test_parse_json_array_bad_record_skipped_alone() -> None:
    good_record = {"title": "Good", "maintext": "A whole sentence of text, it said."}
    raw = json.dumps([good_record, {"title": "No text"}])
    good, bad = parse_json(raw, "x.json")
    assert isinstance(good, Article) and good.title == "Good"
    assert bad == Skipped(source="x.json[1]", reason=UNKNOWN_SHAPE)


# --------------------------------------------------------------------------------------------------
# Folders, standard input, ids
# --------------------------------------------------------------------------------------------------


def test_read_inputs_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "deep" / "three.txt").write_text(GOOD_TEXT.replace("Tuesday", "Friday"))
    (tmp_path / "b" / "two.txt").write_text(GOOD_TEXT.replace("Tuesday", "Thursday"))
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    (tmp_path / ".secret.txt").write_text(GOOD_TEXT.replace("Tuesday", "Sunday"))
    (tmp_path / ".hidden" / "x.txt").write_text(GOOD_TEXT.replace("Tuesday", "Monday"))
    items = read([str(tmp_path)])
    assert [a.id for a in articles(items)] == ["a", "two", "three"]
    assert not skipped(items)


def test_read_inputs_symlink_loop_survived(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(GOOD_TEXT)
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "sub" / "one.txt", tmp_path / "alias.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    items = read([str(tmp_path)])
    # the one file is read once, under the first name the sorted walk meets (a folder's files first)
    assert [a.id for a in articles(items)] == ["alias"]
    assert skipped(items) == {"broken.txt": "broken symbolic link"}


def test_read_inputs_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD_TEXT.encode("utf-8"))))
    (a,) = read(["-"])
    assert isinstance(a, Article)
    assert a.source == "<stdin>" and a.title == "Harbour bridge reopens"
    assert a.id == parse_id_of(GOOD_TEXT)


def parse_id_of(text: str) -> str:
    return content_id(text)


def test_read_inputs_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD_TEXT.encode("utf-8"))))
    (s,) = read(["-"], max_input_bytes=50)
    assert isinstance(s, Skipped) and s.reason.startswith("larger than the 50-byte limit")


def test_read_inputs_stable_ids_on_reread(tmp_path: Path, ingest_dir: Path) -> None:
    shutil.copytree(ingest_dir, tmp_path / "in")
    first = [a.id for a in articles(read([str(tmp_path / "in")]))]
    second = [a.id for a in articles(read([str(tmp_path / "in")]))]
    assert first == second and len(first) == len(set(first)) >= 9


def test_read_inputs_same_file_name_in_two_folders_gets_unique_ids(tmp_path: Path) -> None:
    for sub, day in (("x", "Monday"), ("y", "Friday")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "doc0.txt").write_text(GOOD_TEXT.replace("Tuesday", day))
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "doc0.txt").write_text(GOOD_TEXT.replace("Tuesday", "Monday"))  # a copy of x's
    items = read([str(tmp_path)])
    ids = [a.id for a in articles(items)]
    assert ids[0] == "doc0" and ids[1].startswith("doc0_") and len(ids) == 2
    assert list(skipped(items).values()) == [f"same article as {tmp_path / 'x' / 'doc0.txt'}"]


def test_read_inputs_accepts_path_objects_and_refuses_other_url_schemes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_TEXT)
    items = list(read_inputs([tmp_path / "a.txt", "ftp://news.example.com/story"], Config()))  # type: ignore[list-item]
    assert isinstance(items[0], Article) and items[0].source == str(tmp_path / "a.txt")
    assert isinstance(items[1], Skipped) and items[1].reason.startswith("only http and https")


def test_read_inputs_rejects_a_bare_string() -> None:
    with pytest.raises(TypeError, match="sequence of paths"):
        list(read_inputs("a.txt", Config()))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------
# Bad inputs: each one skipped with its reason, the batch goes on
# --------------------------------------------------------------------------------------------------


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "hello " * 50)
    return buffer.getvalue()


BAD_INPUTS: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\n  \n", "empty file"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file (looks like PNG"),
    "archive.json": (_zip_bytes(), "binary file (looks like ZIP archive)"),
    "pdf.html": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (looks like PDF document)"),
    "noise.bin": (bytes([0, 1, 2, 3, 250, 251]) * 100, "binary file"),
    "nav.html": (
        b"<html><body><nav><a href='/'>Home</a><a href='/x'>About</a></nav></body></html>",
        "HTML page holds no article text",
    ),
    "deep.html": (
        b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep text.</p>" + b"</div>" * 100_000 + b"</body></html>",
        "HTML page holds no article text",
    ),
    "broken.rss": (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Broken<item><title>x",
        "malformed feed: ",
    ),
    "laughs.xml": (
        b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
        b"<!ENTITY lol2 '&lol;&lol;&lol;&lol;'>]>"
        b"<rss><channel><title>&lol2;</title></channel></rss>",
        "XML declares DTD entities",
    ),
    "shape.json": (b'{"name": "not news", "values": [1, 2]}', UNKNOWN_SHAPE),
    "broken.json": (b'{"title": "x", "maintext": ', "invalid JSON"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "invalid JSON: nested too deeply"),
}


def test_read_inputs_bad_inputs_skipped_batch_goes_on(tmp_path: Path) -> None:
    for name, (data, _reason) in BAD_INPUTS.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "zz_good.txt").write_text(GOOD_TEXT)
    items = read([str(tmp_path), str(tmp_path / "nope.txt")])
    assert [a.id for a in articles(items)] == ["zz_good"]
    reasons = skipped(items)
    for name, (_data, reason) in BAD_INPUTS.items():
        assert reasons[name].startswith(reason), (name, reasons[name])
    assert reasons["nope.txt"] == "no such file or directory"
    assert all("\n" not in r for r in reasons.values())


def test_read_inputs_file_over_limit_refused_by_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD_TEXT * 10)
    opened: list[str] = []
    real_open = open

    def spy_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    (s,) = read([str(big)], max_input_bytes=100)
    size = big.stat().st_size
    assert s == Skipped(source=str(big), reason=f"larger than the 100-byte limit ({size} bytes)")
    assert str(big) not in opened


def test_read_inputs_limit_message_in_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(2 * 1024 * 1024 + 1)
    (s,) = read([str(big)], max_input_bytes=2 * 1024 * 1024)
    assert s.reason == f"larger than the 2 MB limit ({2 * 1024 * 1024 + 1} bytes)"


CAFE = "Café in Zürich\n\nThe café opened on Monday, its owner said."


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (CAFE.encode("utf-16"), "The café opened"),
        (CAFE.encode("utf-16-le"), "The café opened"),
        (b"\xef\xbb\xbfThe caf\xc3\xa9 opened on Monday, its owner said.", "The café opened"),
        (
            "The café in Zürich opened on Monday, à la carte, its owner said.".encode("latin-1"),
            "café in Zürich",
        ),
        ("The “café” opened on Monday – its owner said.".encode("cp1252"), "“café” opened on Monday –"),
    ],
)
def test_read_inputs_encodings_decoded(tmp_path: Path, data: bytes, text: str) -> None:
    (tmp_path / "enc.txt").write_bytes(data)
    (a,) = read([str(tmp_path / "enc.txt")])
    assert isinstance(a, Article), a
    assert text in a.text


def test_read_inputs_content_beats_extension(tmp_path: Path, ingest_dir: Path) -> None:
    shutil.copy(ingest_dir / "feed.atom", tmp_path / "feed.txt")
    shutil.copy(ingest_dir / "page.html", tmp_path / "page.txt")
    items = read([str(tmp_path)])
    assert [a.format for a in articles(items)] == ["feed", "feed", "html"]


# --------------------------------------------------------------------------------------------------
# Properties: no input, however odd, raises or yields malformed text
# --------------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8"))))
def test_read_bytes_never_raises(data: bytes) -> None:
    for item in read_bytes(data, "x.txt", "x"):
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            assert item.text == item.text.strip() and item.text
            assert "\n\n\n" not in item.text and "\x00" not in item.text and "\r" not in item.text


# --------------------------------------------------------------------------------------------------
# dates in the furniture each format takes out: Article.date_hints
# --------------------------------------------------------------------------------------------------

HINT_BODY = "The council of the northern town met again on Monday to discuss the flood defences. " * 2
HINT_CAPTION = "Workers repair a levee in the town on Thursday, Dec. 20. (AP Photo/Jane Roe)"


def _hint_html(figure: str, teaser: str = "") -> str:
    paragraphs = "".join(f"<p>{HINT_BODY}The mayor spoke {i} times.</p>" for i in range(3))
    return (
        "<html><head><title>Flood defences debated</title></head><body><article>"
        f"<h1>Flood defences debated</h1>{figure}<p>{HINT_BODY}</p><p>{HINT_CAPTION}</p>{paragraphs}"
        f"</article>{teaser}</body></html>"
    )


def _hint_feed() -> bytes:
    description = (
        f"&lt;p&gt;{HINT_BODY}&lt;/p&gt;&lt;p&gt;{HINT_CAPTION}&lt;/p&gt;&lt;p&gt;{HINT_BODY}&lt;/p&gt;"
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>'
        f"<item><title>Flood defences debated</title><description>{description}</description></item>"
        "</channel></rss>"
    ).encode()


def _hint_json() -> str:
    record = {"title": "Flood defences debated", "maintext": f"{HINT_BODY}\n{HINT_CAPTION}\n{HINT_BODY}"}
    return json.dumps(record)


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        (lambda: parse_html(_hint_html(""), "p.html"), ("--12-20",)),
        # a photo caption trafilatura leaves out of the text still gives its date
        (
            lambda: parse_html(
                _hint_html("<figure><figcaption>A levee, Sunday, March 18, 2012.</figcaption></figure>"),
                "p.html",
            ),
            ("--12-20", "2012-03-18"),
        ),
        # ... but not a caption of another article's teaser on the page
        (
            lambda: parse_html(
                _hint_html(
                    "",
                    "<aside><article><figure><figcaption>May 5, 2003.</figcaption></figure>"
                    "</article></aside>",
                ),
                "p.html",
            ),
            ("--12-20",),
        ),
        (lambda: parse_feed(_hint_feed(), "f.rss")[0], ("--12-20",)),
        (lambda: parse_json(_hint_json(), "r.json")[0], ("--12-20",)),
    ],
    ids=["html-caption-paragraph", "html-figcaption", "html-teaser-figcaption", "feed", "news-please"],
)
def test_parse_formats_keep_dates_of_removed_captions(parse, expected: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    article = parse()
    assert isinstance(article, Article)
    assert article.date_hints == expected
    assert "AP Photo" not in article.text and "levee" not in article.text
