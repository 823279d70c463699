"""Loaders for the research corpora in ../shared/data used by the clustering benchmarks.

The data stay where they are (licences): these functions read them in place and build
:class:`crossfact.model.Article` objects plus a gold story label per article.

- ECB+ (CC BY 3.0): 982 documents from ``ECB+_xml.tar.gz``; gold = sub-topic (``1ecb``, ``1ecbplus``, ...).
  The first sentence of the "ecbplus" documents is the source URL: it becomes ``Article.url``; the next
  sentence is taken as the title. No publication dates.
- GVC validation split (CC BY 4.0): 78 local news articles; sentence 0 is the publication date, sentence 1
  the headline; gold = incident (the ``subtopic`` part of the document key).
- Multi-News sample (see ../shared/data/README.md): 250 clusters of real web news, each about one event,
  read by crossfact's own text reader (title, date hints and publication date as for a user's .txt
  files); gold = cluster. Never used to set anything: a held-out check on real, noisy news.
"""

from __future__ import annotations

import gzip
import re
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from crossfact.model import Article, content_id

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT.parent / "shared" / "data"

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'](?:\s|$)|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
# the ECB+ tokenizer split "4.6", "2:09", "2/3/2009", "1,300" and "U.S." into tokens; glue them back
_IN_NUMBER = re.compile(r"(?<=\d) ?([.:/]) (?=\d)|(?<=\d)(,) (?=\d{3}\b)")
_IN_ABBREVIATION = re.compile(r"(?<=\b[A-Za-z])\. (?=[A-Za-z]\.)")


@dataclass(frozen=True, slots=True)
class LabelledCorpus:
    """Articles with their gold story label (same order)."""

    name: str
    articles: list[Article]
    labels: list[str]


def detokenize(tokens: Iterable[str]) -> str:
    """Join tokens with spaces, then glue punctuation back the way running text writes it."""
    text = " ".join(t for t in tokens if t)
    text = text.replace("``", '"').replace("''", '"').replace("&amp;", "&").replace("&quot;", '"')
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&apos;", "'")
    text = _NO_SPACE_BEFORE.sub(lambda m: m.group(1), text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = _IN_NUMBER.sub(lambda m: m.group(1) or m.group(2), text)
    return _IN_ABBREVIATION.sub(".", text)


def available(data_dir: Path = DATA_DIR) -> bool:
    """Whether the research data are beside this clone."""
    return (data_dir / "ecbplus" / "ECB+_xml.tar.gz").is_file() and (data_dir / "gvc" / "val").is_dir()


def load_ecbplus(data_dir: Path = DATA_DIR) -> LabelledCorpus:
    """All 982 ECB+ documents; gold label = sub-topic (e.g. ``"3ecbplus"``)."""
    articles: list[Article] = []
    labels: list[str] = []
    with tarfile.open(data_dir / "ecbplus" / "ECB+_xml.tar.gz") as tar:
        members = sorted((m for m in tar.getmembers() if m.name.endswith(".xml")), key=lambda m: m.name)
        for member in members:
            name = Path(member.name).stem  # "3_9ecbplus"
            topic, doc = name.split("_", 1)
            sub = topic + ("ecbplus" if doc.endswith("ecbplus") else "ecb")
            raw = tar.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
            sentences: dict[int, list[str]] = {}
            for sent, token in _TOKEN.findall(raw):
                sentences.setdefault(int(sent), []).append(token)
            lines = [detokenize(sentences[k]) for k in sorted(sentences)]
            url = None
            if lines and lines[0].replace(" ", "").startswith("http"):
                url = lines.pop(0).replace(" ", "")
            title = lines[0] if lines else ""
            text = "\n\n".join(lines[1:])
            articles.append(
                Article(id=content_id("ecbplus", name), text=text, source=member.name, title=title, url=url)
            )
            labels.append(sub)
    return LabelledCorpus("ECB+", articles, labels)


def load_multinews_stories(data_dir: Path = DATA_DIR) -> LabelledCorpus:
    """Every document of the 250 Multi-News sample clusters as an article; gold label = its cluster."""
    import _data  # the benchmarks' shared loaders

    from crossfact.ingest import read_bytes

    articles: list[Article] = []
    labels: list[str] = []
    for cluster in _data.load_multinews(data_dir):
        for k, document in enumerate(cluster.documents):
            for item in read_bytes(document.encode("utf-8"), f"multinews-{cluster.index}-{k}.txt"):
                if isinstance(item, Article):
                    articles.append(item)
                    labels.append(str(cluster.index))
    return LabelledCorpus("Multi-News sample", articles, labels)


def _conll_documents(path: Path) -> dict[str, dict[int, list[str]]]:
    docs: dict[str, dict[int, list[str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            key, sent, _tok, word = parts[0], int(parts[1]), parts[2], parts[3]
            docs.setdefault(key, {}).setdefault(sent, []).append(word)
    return docs


def load_gvc(data_dir: Path = DATA_DIR) -> LabelledCorpus:
    """The 78 GVC validation articles; gold label = incident; published = the date line."""
    articles: list[Article] = []
    labels: list[str] = []
    docs = _conll_documents(data_dir / "gvc" / "val" / "dataset.conll.gz")
    for key in sorted(docs):
        sentences = docs[key]
        lines = [detokenize(sentences[k]) for k in sorted(sentences)]
        published = None
        if lines and re.fullmatch(r"\d{4}-\d{2}-\d{2}", lines[0].strip()):
            published = lines.pop(0).strip()
        title = lines[0] if lines else ""
        articles.append(
            Article(
                id=content_id("gvc", key),
                text="\n\n".join(lines[1:]),
                source=key,
                title=title,
                published=published,
            )
        )
        labels.append(key.split("/")[1])
    return LabelledCorpus("GVC val", articles, labels)
