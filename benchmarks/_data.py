"""Loaders for the quality benchmarks on external data (ECB+ entities, Multi-News summaries).

The data stay in ``../shared/data`` (licences): these functions read them in place and never copy them.

- ECB+ (CC BY 3.0), as converted by Zhukova et al. (2022): ``ECBplus.conll.gz`` gives the tokens of the
  982 documents, ``entities_mentions.json.gz`` the gold entity mentions of the sentences selected for
  coreference annotation (``ECBplus_coreference_sentences.csv``, the standard evaluation setting) with
  their cross-document chain, spaCy head, head lemma and head part of speech.
- Multi-News (non-commercial research use), 250 validation clusters: ``documents`` is a Python list
  literal of source articles, ``summary`` the human-written reference.
"""

from __future__ import annotations

import ast
import csv
import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT.parent / "shared" / "data"
ECB_DIR = "ecbplus/converted_zhukova2022"
MULTINEWS_FILE = "multinews_sample250/sample_validation.csv.gz"

# the usual split (Cybulska & Vossen 2015; Barhom et al. 2019), as in train_val_test_split.json
SPLITS = {
    "train": (
        1,
        3,
        4,
        6,
        7,
        8,
        9,
        10,
        11,
        13,
        14,
        15,
        16,
        17,
        19,
        20,
        22,
        24,
        25,
        26,
        27,
        28,
        29,
        30,
        31,
        32,
        33,
    ),
    "val": (2, 5, 12, 18, 21, 23, 34, 35),
    "test": (36, 37, 38, 39, 40, 41, 42, 43, 44, 45),
}
# entity components of ECB+ (actions and negated actions are events)
ENTITY_TYPES = frozenset({"HUM", "NON", "LOC", "TIM"})
# a mention whose syntactic head is one of these starts with a preposition or conjunction
_FUNCTION_HEADS = frozenset({"ADP", "SCONJ", "CCONJ", "PART"})

_NO_SPACE_BEFORE = {
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "'",
    "n't",
    "'re",
    "'ll",
    "'ve",
    "'d",
    "'m",
    "''",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_QUOTES = {"``": '"', "''": '"', "&amp;": "&", "&quot;": '"', "-LRB-": "(", "-RRB-": ")"}


class DataMissing(RuntimeError):
    """The research data are not beside this clone."""


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document: detokenised text, its sentence spans and each token's character span."""

    key: str  # "36/36ecb/1"
    topic: int
    subtopic: str  # "36ecb"
    text: str
    sentences: tuple[tuple[int, int], ...]
    tokens: dict[tuple[int, int], tuple[int, int]]  # (sentence, token) -> (start, end)


@dataclass(frozen=True, slots=True)
class EcbMention:
    """One gold entity mention, located in its document's text."""

    id: str
    doc: str
    topic: int
    subtopic: str
    sentence: int
    start: int
    end: int
    text: str
    type: str  # full ECB+ tag, e.g. HUMAN_PART_PER
    chain: str  # gold cross-document chain (unique id for singletons)
    head_lemma: str  # lower-cased; "" when the span lost its leading preposition (recompute it)
    head_pos: str


def join_tokens(tokens: Iterable[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join PTB-style tokens into running text; returns the text and each token's (start, end)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    glue = True
    for raw in tokens:
        token = _QUOTES.get(raw, raw)
        if out and not glue and raw not in _NO_SPACE_BEFORE:
            out.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        out.append(token)
        length += len(token)
        glue = raw in _NO_SPACE_AFTER
    return "".join(out), spans


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataMissing(f"{path} not found: the research data are expected in ../shared/data")
    return path


def load_ecb_entities(
    data_dir: Path = DATA_DIR, topics: Iterable[int] | None = None
) -> tuple[dict[str, EcbDocument], list[EcbMention]]:
    """The ECB+ documents of ``topics`` (all when None) and their gold entity mentions.

    Raises:
        DataMissing: when the converted ECB+ files are not in ``data_dir``.
    """
    wanted = None if topics is None else set(topics)
    base = data_dir / ECB_DIR
    with gzip.open(_require(base / "entities_mentions.json.gz"), "rt", encoding="utf-8") as fh:
        raw_mentions = json.load(fh)
    raw_mentions = [
        m
        for m in raw_mentions
        if m["mention_type"] in ENTITY_TYPES and (wanted is None or m["topic_id"] in wanted)
    ]
    needed = {m["t_subt"] for m in raw_mentions}
    sentences: dict[str, dict[int, list[str]]] = {}
    with gzip.open(_require(base / "ECBplus.conll.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4 or parts[0] not in needed:
                continue
            sentences.setdefault(parts[0], {}).setdefault(int(parts[1]), []).append(parts[3])
    docs: dict[str, EcbDocument] = {}
    for key, sents in sentences.items():
        topic, subtopic, _ = key.split("/")
        text_parts: list[str] = []
        spans: list[tuple[int, int]] = []
        tokens: dict[tuple[int, int], tuple[int, int]] = {}
        offset = 0
        for si in sorted(sents):
            sentence, token_spans = join_tokens(sents[si])
            if text_parts:
                text_parts.append("\n\n")
                offset += 2
            for ti, (s, e) in enumerate(token_spans):
                tokens[(si, ti)] = (offset + s, offset + e)
            spans.append((offset, offset + len(sentence)))
            text_parts.append(sentence)
            offset += len(sentence)
        docs[key] = EcbDocument(key, int(topic), subtopic, "".join(text_parts), tuple(spans), tokens)
    order = {key: {si: i for i, si in enumerate(sorted(sents))} for key, sents in sentences.items()}
    mentions = []
    for m in raw_mentions:
        doc = docs[m["t_subt"]]
        first, last = min(m["tokens_number"]), max(m["tokens_number"])
        head_lemma, head_pos = m["mention_head_lemma"].lower(), m["mention_head_pos"]
        if head_pos in _FUNCTION_HEADS and last > first and m["mention_head_id"] == first:
            # ECB+ locations and times include their preposition ("in Canada", "on Tuesday"): drop it
            # so the span is the noun phrase; its head is found again by the caller
            first += 1
            head_lemma = head_pos = ""
        start = doc.tokens[(m["sent_id"], first)][0]
        end = doc.tokens[(m["sent_id"], last)][1]
        mentions.append(
            EcbMention(
                id=m["mention_id"],
                doc=doc.key,
                topic=doc.topic,
                subtopic=doc.subtopic,
                sentence=order[doc.key][m["sent_id"]],
                start=start,
                end=end,
                text=doc.text[start:end],
                type=m["mention_full_type"],
                chain=m["coref_chain"],
                head_lemma=head_lemma,
                head_pos=head_pos,
            )
        )
    return docs, mentions


@dataclass(frozen=True, slots=True)
class NewsCluster:
    """One Multi-News cluster: its source articles (raw text) and the reference summary."""

    index: int
    documents: tuple[str, ...]
    summary: str


def _clean_summary(text: str) -> str:
    return re.sub(r"\s+", " ", text.lstrip("–— -")).strip()


def load_multinews(data_dir: Path = DATA_DIR, n: int | None = None) -> list[NewsCluster]:
    """The first ``n`` (all when None) Multi-News validation clusters of the 250-cluster sample.

    Raises:
        DataMissing: when the sample is not in ``data_dir``.
    """
    csv.field_size_limit(1 << 30)
    clusters = []
    with gzip.open(_require(data_dir / MULTINEWS_FILE), "rt", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if n is not None and i >= n:
                break
            documents = ast.literal_eval(row["documents"])
            documents = tuple(d for d in documents if d.strip())
            clusters.append(NewsCluster(i, documents, _clean_summary(row["summary"])))
    return clusters
