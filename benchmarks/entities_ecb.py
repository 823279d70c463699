"""Cross-document entity resolution on ECB+ (gold mentions): crossfact's resolver vs the head-lemma baseline.

Setting (the usual one for ECB+ entity coreference, e.g. Barhom et al. 2019, with gold mentions):
test topics 36-45; gold entity mentions (human and non-human participants, locations, times) of the
sentences selected for coreference annotation, as converted by Zhukova et al. (2022); singletons kept;
mentions are clustered inside each gold sub-topic (one real-world event: the documents a story clusterer
would group), and scored over the whole split with MUC, B-cubed, CEAF-e and their mean, the CoNLL F1.

Systems, all on the same gold spans (a leading preposition, "in Canada", is dropped from the span):

- ``head lemma``: mentions with the same head lemma (spaCy) corefer within a sub-topic;
- ``crossfact``: :func:`crossfact.analysis.resolve.resolve_entities` on ArticleDocs whose mentions are the
  gold spans, labelled from the gold ECB+ type (PERSON, ORG, GPE, LOC, FAC, PRODUCT; times get DATE,
  which the resolver leaves alone, so they stay singletons); a mention it drops is a singleton;
- ``crossfact names + lemma``: the resolver for named participants and places (head tagged PROPN, not a
  time), head lemma for the rest (nominals, pronouns, times).

Three evaluations, clearly apart: all mentions; named mentions only (gold and systems restricted to
mentions whose head is a proper noun; the systems then see only those mentions); named participants
and places only (named mentions less times: "Tuesday" is a date, not a name, for crossfact).

    .venv/bin/python benchmarks/entities_ecb.py [--split test|val|train|all] [--unit subtopic|topic]

Exits 0 with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _data  # noqa: E402

log = logging.getLogger(__name__)

Clustering = Mapping[str, Hashable]  # mention id -> cluster id

# gold ECB+ entity type -> spaCy-style label the resolver reads
LABELS = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_GENERIC": "PERSON",
    "HUMAN_PART": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_MET": "ORG",  # metonymy: "the White House", "Washington" acting
    "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_VEH": "PRODUCT",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
    "NON_HUMAN_PART": "PRODUCT",
    "NON_HUMAN_PART_GENERIC": "PRODUCT",
}


# --------------------------------------------------------------------------------------------------
# Scores (Pradhan et al. 2014, the CoNLL-2012 reference scorer's definitions)
# --------------------------------------------------------------------------------------------------


def _clusters(assignment: Clustering) -> list[set[str]]:
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return list(groups.values())


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _check(gold: Clustering, pred: Clustering) -> None:
    if set(gold) != set(pred):
        raise ValueError(
            f"gold and system cluster different mentions ({len(gold)} vs {len(pred)}); "
            "the gold-mention setting needs the same mentions on both sides"
        )


def muc(gold: Clustering, pred: Clustering) -> tuple[float, float, float]:
    """MUC recall, precision... returned as (precision, recall, F1) (Vilain et al. 1995).

    Recall counts the links of each gold cluster kept by the system: sum(|K| - p(K)) / sum(|K| - 1),
    p(K) the number of system clusters K is split over; precision is the same with the roles swapped.
    """
    _check(gold, pred)

    def score(keys: Clustering, responses: Clustering) -> float:
        num = den = 0
        for cluster in _clusters(keys):
            num += len(cluster) - len({responses[m] for m in cluster})
            den += len(cluster) - 1
        return num / den if den else 0.0

    p, r = score(pred, gold), score(gold, pred)
    return p, r, _f1(p, r)


def b_cubed(gold: Clustering, pred: Clustering) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1), averaged over mentions (Bagga & Baldwin 1998)."""
    _check(gold, pred)
    if not gold:
        return 0.0, 0.0, 0.0
    by_gold = {id(c): c for c in _clusters(gold)}
    of_gold = {m: c for c in by_gold.values() for m in c}
    of_pred = {m: c for c in _clusters(pred) for m in c}
    p = r = 0.0
    for m in gold:
        shared = len(of_gold[m] & of_pred[m])
        p += shared / len(of_pred[m])
        r += shared / len(of_gold[m])
    p, r = p / len(gold), r / len(gold)
    return p, r, _f1(p, r)


def ceaf_e(gold: Clustering, pred: Clustering) -> tuple[float, float, float]:
    """Entity-based CEAF (precision, recall, F1) (Luo 2005): the best one-to-one alignment of clusters
    under phi4(K, R) = 2|K & R| / (|K| + |R|); precision divides by the number of system clusters,
    recall by the number of gold clusters."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    _check(gold, pred)
    keys, responses = _clusters(gold), _clusters(pred)
    if not keys or not responses:
        return 0.0, 0.0, 0.0
    index = {m: j for j, c in enumerate(responses) for m in c}
    sim = np.zeros((len(keys), len(responses)))
    for i, k in enumerate(keys):
        for m in k:
            sim[i, index[m]] += 1
    sizes_k = np.array([len(k) for k in keys], dtype=float)[:, None]
    sizes_r = np.array([len(r) for r in responses], dtype=float)[None, :]
    sim = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    p, r = total / len(responses), total / len(keys)
    return p, r, _f1(p, r)


def conll_scores(gold: Clustering, pred: Clustering) -> dict[str, float]:
    """MUC, B-cubed and CEAF-e F1 and their mean (CoNLL F1), in percent."""
    out = {"MUC": muc(gold, pred)[2], "B3": b_cubed(gold, pred)[2], "CEAF-e": ceaf_e(gold, pred)[2]}
    out["CoNLL"] = sum(out.values()) / 3
    return {k: 100 * v for k, v in out.items()}


# --------------------------------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------------------------------


def fill_heads(mentions: Sequence[_data.EcbMention], nlp) -> list[_data.EcbMention]:
    """Mentions whose head was lost with a leading preposition get the root of their span, by spaCy."""
    import dataclasses

    todo = [i for i, m in enumerate(mentions) if not m.head_lemma]
    out = list(mentions)
    for i, doc in zip(todo, nlp.pipe([mentions[i].text for i in todo]), strict=True):
        root = next((t for t in doc if t.head.i == t.i), doc[-1]) if len(doc) else None
        lemma = root.lemma_.lower() if root is not None else mentions[i].text.lower()
        out[i] = dataclasses.replace(mentions[i], head_lemma=lemma, head_pos=root.pos_ if root else "X")
    return out


def is_named(mention: _data.EcbMention) -> bool:
    """Whether the mention is a name: its head is tagged as a proper noun."""
    return mention.head_pos == "PROPN"


def is_time(mention: _data.EcbMention) -> bool:
    """Whether the mention is a time expression (ECB+ TIME_* types)."""
    return mention.type.startswith("TIME")


def is_name_target(mention: _data.EcbMention) -> bool:
    """What crossfact's resolver is built for: a named participant or place (not a time)."""
    return is_named(mention) and not is_time(mention)


def _unit(mention: _data.EcbMention, unit: str) -> str:
    return mention.subtopic if unit == "subtopic" else str(mention.topic)


def lemma_baseline(mentions: Iterable[_data.EcbMention], unit: str = "subtopic") -> dict[str, Hashable]:
    """Same head lemma -> same entity, within each sub-topic (or topic)."""
    return {m.id: (_unit(m, unit), m.head_lemma) for m in mentions}


def _article_docs(docs: Mapping[str, _data.EcbDocument], mentions: Sequence[_data.EcbMention]):
    """One ArticleDoc per document, with the gold spans as its mentions."""
    from crossfact.model import Article, ArticleDoc, Mention, Sentence

    by_doc: dict[str, list[_data.EcbMention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    out = []
    for key in sorted(by_doc):
        doc = docs[key]
        sentences = tuple(
            Sentence(index=i, start=s, end=e, text=doc.text[s:e], paragraph=i)
            for i, (s, e) in enumerate(doc.sentences)
        )
        gold = sorted(by_doc[key], key=lambda m: (m.start, m.end))
        spans = tuple(Mention(m.sentence, m.start, m.end, m.text, LABELS.get(m.type, "DATE")) for m in gold)
        article = Article(id=key, text=doc.text, source=key)
        out.append(ArticleDoc(article=article, sentences=sentences, mentions=spans))
    return out, by_doc


def resolver_clusters(
    docs: Mapping[str, _data.EcbDocument], mentions: Sequence[_data.EcbMention], unit: str = "subtopic"
) -> dict[str, Hashable]:
    """crossfact's resolver run on each sub-topic (or topic); mentions it leaves out are singletons."""
    from crossfact.analysis.resolve import resolve_entities

    by_unit: dict[str, list[_data.EcbMention]] = defaultdict(list)
    for m in mentions:
        by_unit[_unit(m, unit)].append(m)
    out: dict[str, Hashable] = {}
    for name, group in sorted(by_unit.items()):
        article_docs, by_doc = _article_docs(docs, group)
        for ei, entity in enumerate(resolve_entities(article_docs)):
            for em in entity.mentions:
                # the resolver trims its mentions ("the", possessives): take the tightest gold span
                # around it that is not yet taken
                fits = [
                    g
                    for g in by_doc[em.article]
                    if g.start <= em.start and em.end <= g.end and g.id not in out
                ]
                if fits:
                    best = min(fits, key=lambda g: (em.start - g.start) + (g.end - em.end))
                    out[best.id] = (name, ei)
        for m in group:
            out.setdefault(m.id, ("singleton", m.id))
    return out


def hybrid(
    docs: Mapping[str, _data.EcbDocument], mentions: Sequence[_data.EcbMention], unit: str = "subtopic"
) -> dict[str, Hashable]:
    """The resolver for named participants and places, the head lemma for the others (apart)."""
    named = [m for m in mentions if is_name_target(m)]
    out: dict[str, Hashable] = {m: ("named", c) for m, c in resolver_clusters(docs, named, unit).items()}
    rest = [m for m in mentions if not is_name_target(m)]
    out.update({m: ("other", c) for m, c in lemma_baseline(rest, unit).items()})
    return out


# --------------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------------


def evaluate(
    docs: Mapping[str, _data.EcbDocument], mentions: Sequence[_data.EcbMention], unit: str = "subtopic"
) -> dict[str, dict[str, float]]:
    """CoNLL scores of the three systems on ``mentions``: {system: {MUC, B3, CEAF-e, CoNLL}}."""
    gold = {m.id: m.chain for m in mentions}
    return {
        "head lemma (baseline)": conll_scores(gold, lemma_baseline(mentions, unit)),
        "crossfact resolver": conll_scores(gold, resolver_clusters(docs, mentions, unit)),
        "crossfact names + lemma": conll_scores(gold, hybrid(docs, mentions, unit)),
    }


def _table(title: str, rows: dict[str, dict[str, float]]) -> str:
    lines = [title, f"{'system':<26}{'MUC':>7}{'B3':>7}{'CEAF-e':>8}{'CoNLL':>8}"]
    for name, s in rows.items():
        lines.append(f"{name:<26}{s['MUC']:>7.1f}{s['B3']:>7.1f}{s['CEAF-e']:>8.1f}{s['CoNLL']:>8.1f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the tables; 0 also when the data are absent (with a message)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*_data.SPLITS, "all"], default="test")
    parser.add_argument(
        "--unit",
        choices=["subtopic", "topic"],
        default="subtopic",
        help="cluster inside each gold sub-topic (default) or each topic",
    )
    parser.add_argument("--data", type=Path, default=_data.DATA_DIR)
    args = parser.parse_args(argv)
    topics = None if args.split == "all" else _data.SPLITS[args.split]
    started = time.perf_counter()
    try:
        docs, mentions = _data.load_ecb_entities(args.data, topics)
    except _data.DataMissing as exc:
        print(f"skipped: {exc}")
        return 0
    import spacy

    from crossfact.config import Config

    mentions = fill_heads(mentions, spacy.load(Config().spacy_model, disable=["ner"]))
    named = [m for m in mentions if is_named(m)]
    targets = [m for m in named if is_name_target(m)]
    print(
        f"ECB+ {args.split} topics, gold entity mentions, clustered per {args.unit}: "
        f"{len(docs)} documents, {len(mentions)} mentions ({len(named)} named), "
        f"{len({m.chain for m in mentions})} gold entities"
    )
    print(_table("\nAll mentions (F1, %)", evaluate(docs, mentions, args.unit)))
    print(_table("\nNamed mentions only: head is a proper noun (F1, %)", evaluate(docs, named, args.unit)))
    print(
        _table(
            f"\nNamed participants and places only, no times ({len(targets)} mentions; F1, %)",
            evaluate(docs, targets, args.unit),
        )
    )
    print("\nPublished same-head-lemma baseline (entities, ../shared/data/README.md): CoNLL F1 59.0")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
