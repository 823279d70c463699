"""Scoring a report against a hand annotation (``crossfact eval REPORT.json GOLD.json``).

The gold format is documented in ``docs/annotation-format.md``. A report is the JSON of the report contract;
its stories are pooled. Article names in the gold are matched to report article ids by equality or by
prefix ("000" names "000_ae93203a50791608").

Scores, each as found/total/recall over the required items and over all items:

- entities: a gold entity is resolved when one report entity holds every variant of it that appears among
  the report's entities; a wrong merge is a report entity holding variants of two gold entities.
- conflicts: found when one report conflict has positions matching at least two gold positions with
  differing gold values (a position matches by article, then by value or by overlapping text); precision
  is the share of report conflicts that find some gold conflict.
- claims: found when one report claim has sources in two or more of the gold claim's articles whose
  sentences match its ``keywords`` regular expression.
- timeline: a gold date found as a report event of that date with at least one of its articles.
- quotes: same article, the report quote's text contains ``starts``, the speaker matches by surname.
- summary: the share of summary sentences with citations, and the share whose every number and name is in
  the sentences they cite.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from crossfact.analysis.summary import unsupported_tokens

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")  # "$3,000" is 3000
_TOKEN = re.compile(r"[\w']+")
SPAN_OVERLAP = 0.6  # share of the gold span's words a report position's text must hold


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    """Case-folded, typographic quotes folded, whitespace collapsed, a leading "the" dropped."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = " ".join(text.split()).casefold().strip(" .,;:\"'")
    return text[4:] if text.startswith("the ") else text


def _recall(found: int, total: int) -> float | None:
    return found / total if total else None


def _tally(items: Sequence[tuple[bool, bool, str]]) -> dict[str, Any]:
    """(found, required, label) per gold item -> counts, recalls and the missing labels."""
    req = [i for i in items if i[1]]
    out: dict[str, Any] = {
        "required": {"found": sum(i[0] for i in req), "total": len(req)},
        "all": {"found": sum(i[0] for i in items), "total": len(items)},
        "missing_required": [i[2] for i in req if not i[0]],
        "missing": [i[2] for i in items if not i[0]],
    }
    for key in ("required", "all"):
        out[key]["recall"] = _recall(out[key]["found"], out[key]["total"])
    return out


class _Articles:
    """The report's articles: texts, sentences and gold-name resolution."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.sentences: dict[str, list[str]] = {}
        self.texts: dict[str, str] = {}
        self.stems: dict[str, str] = {}
        for a in report.get("articles", []):
            aid = str(a.get("id"))
            sents = [s.get("text", "") for s in a.get("sentences", [])]
            self.sentences[aid] = sents
            self.texts[aid] = a.get("text") or "\n".join(sents)
            source = str(a.get("source") or "")
            stem = re.sub(r"\.[A-Za-z0-9]+$", "", source.replace("\\", "/").rsplit("/", 1)[-1])
            self.stems[aid] = stem
        self._cache: dict[str, str | None] = {}

    def resolve(self, name: str) -> str | None:
        """The report article id a gold article name stands for, or None."""
        if name in self._cache:
            return self._cache[name]
        found = None
        if name in self.sentences:
            found = name
        else:
            for aid, stem in self.stems.items():
                if stem == name:
                    found = aid
                    break
            if found is None:
                prefixed = [
                    aid for aid in self.sentences if aid.startswith(name) or self.stems[aid].startswith(name)
                ]
                if len(prefixed) == 1:
                    found = prefixed[0]
        self._cache[name] = found
        return found

    def sentence(self, article: str, index: Any) -> str:
        sents = self.sentences.get(article, [])
        return sents[index] if isinstance(index, int) and 0 <= index < len(sents) else ""


def _pooled(report: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for story in report.get("stories", []) for item in story.get(key, [])]


# --------------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------------


def _entity_forms(entity: dict[str, Any]) -> set[str]:
    forms = {entity.get("name") or "", *(entity.get("aliases") or [])}
    forms |= {m.get("text") or "" for m in entity.get("mentions") or []}
    return {_norm(f) for f in forms if f and f.strip()}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def score_entities(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Entity resolution: gold entities resolved into one report entity, and wrong merges."""
    gold_entities = gold.get("entities", [])
    report_entities = _pooled(report, "entities")
    forms = [_entity_forms(e) for e in report_entities]
    all_forms = set().union(*forms) if forms else set()
    variants = [{_norm(v) for v in g.get("variants", [g.get("name", "")]) if v} for g in gold_entities]
    owners: dict[str, set[int]] = {}
    for gi, vs in enumerate(variants):
        for v in vs:
            owners.setdefault(v, set()).add(gi)

    items = []
    coverage = []
    for gi, g in enumerate(gold_entities):
        appearing = variants[gi] & all_forms
        resolved = bool(appearing) and any(appearing <= f for f in forms)
        best = max((len(variants[gi] & f) for f in forms), default=0)
        coverage.append(best / max(1, len(variants[gi])))
        items.append((resolved, bool(g.get("required")), g.get("name", "?")))
    out = _tally(items)
    out["variant_coverage"] = sum(coverage) / len(coverage) if coverage else None

    names = [g.get("name", "?") for g in gold_entities]
    forbidden = set()
    for gi, g in enumerate(gold_entities):
        for other in _as_list(g.get("must_not_merge_with")):
            if other in names:
                forbidden.add(frozenset((gi, names.index(other))))
    merges = []
    for e, f in zip(report_entities, forms, strict=True):
        hit = {next(iter(owners[v])) for v in f if len(owners.get(v, ())) == 1}
        if len(hit) >= 2:
            pairs = {frozenset((a, b)) for a in hit for b in hit if a < b}
            merges.append(
                {
                    "entity": e.get("name"),
                    "gold": sorted(names[i] for i in hit),
                    "must_not_merge": bool(pairs & forbidden),
                }
            )
    out["wrong_merges"] = merges
    out["must_not_merge_violations"] = sum(m["must_not_merge"] for m in merges)
    out["report_entities"] = len(report_entities)
    return out


# --------------------------------------------------------------------------------------------------
# Conflicts
# --------------------------------------------------------------------------------------------------


def _gold_value(position: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The normalised values of a gold position: all its value fields, else its text.

    Two positions disagree when any annotated value differs: "$3,000 each" annotated with
    ``value_usd_each`` 3000 and ``value_usd_total`` 6000 disagrees with a plain ``value_usd_total`` 3000.
    """
    values = []
    for key in sorted(position):
        if key == "value" or key.startswith("value_"):
            value = position[key]
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            values.append((key, _norm(str(value))))
    return tuple(values) or (("text", _norm(position.get("text", ""))),)


def _gold_numbers(position: dict[str, Any]) -> set[float]:
    numbers = set()
    for key, value in position.items():
        if key.startswith("value") and isinstance(value, int | float) and not isinstance(value, bool):
            numbers.add(float(value))
    return numbers


def _gold_strings(position: dict[str, Any]) -> list[str]:
    """The position's string values (value, value_speaker, value_date, ...), normalised."""
    return [
        _norm(value)
        for key, value in position.items()
        if key.startswith("value") and isinstance(value, str) and _norm(value)
    ]


def _overlaps(gold_text: str, report_text: str) -> bool:
    g, r = _norm(gold_text), _norm(report_text)
    if not g or not r:
        return False
    if g in r or r in g:
        return True
    g_words, r_words = set(_TOKEN.findall(g)), set(_TOKEN.findall(r))
    return bool(g_words) and len(g_words & r_words) / len(g_words) >= SPAN_OVERLAP


def _position_matches(gpos: dict[str, Any], rpos: dict[str, Any], articles: _Articles) -> bool:
    article = articles.resolve(str(gpos.get("article", "")))
    if article is None or rpos.get("article") != article:
        return False
    numbers = _gold_numbers(gpos)
    if numbers:
        found = {float(x) for x in _NUMBER.findall(_THOUSANDS.sub("", str(rpos.get("value", ""))))}
        if numbers & found:
            return True
    else:
        report_value = _norm(str(rpos.get("value", "")))
        for gold_value in _gold_strings(gpos):
            # a plain value must be equal; a speaker matches by surname, a date by its ISO text
            if gold_value == report_value or (
                len(gold_value) > 3 and gold_value.split()[-1] in report_value.split()
            ):
                return True
    gold_text = gpos.get("text", "")
    if _overlaps(gold_text, rpos.get("text", "")):
        return True
    sentence = articles.sentence(article, rpos.get("sentence"))
    # a report position quoting a whole sentence matches the gold span inside it
    return (
        bool(sentence)
        and _norm(gold_text) in _norm(sentence)
        and len(_norm(rpos.get("text", ""))) >= len(_norm(sentence)) * 0.8
    )


def _conflict_found(gold_conflict: dict[str, Any], rconf: dict[str, Any], articles: _Articles) -> bool:
    """At least two gold positions with differing values matched by distinct report positions."""
    gpositions = gold_conflict.get("positions", [])
    matched: list[tuple[int, int]] = []  # (gold position, report position)
    for gi, gp in enumerate(gpositions):
        for ri, rp in enumerate(rconf.get("positions", [])):
            if _position_matches(gp, rp, articles):
                matched.append((gi, ri))
    for gi, ri in matched:
        for gj, rj in matched:
            if ri != rj and gi != gj and _gold_value(gpositions[gi]) != _gold_value(gpositions[gj]):
                return True
    return False


def score_conflicts(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Conflict recall (required and all) and precision."""
    articles = _Articles(report)
    rconfs = _pooled(report, "conflicts")
    gconfs = gold.get("conflicts", [])
    hits = [[_conflict_found(g, r, articles) for r in rconfs] for g in gconfs]
    items = [
        (any(row), bool(g.get("required")), g.get("id") or g.get("about", "?"))
        for g, row in zip(gconfs, hits, strict=True)
    ]
    out = _tally(items)
    matched_report = [any(hits[gi][ri] for gi in range(len(gconfs))) for ri in range(len(rconfs))]
    out["report_conflicts"] = len(rconfs)
    out["precision"] = sum(matched_report) / len(rconfs) if rconfs else None
    out["unmatched_report"] = [r.get("about") for r, ok in zip(rconfs, matched_report, strict=True) if not ok]
    return out


# --------------------------------------------------------------------------------------------------
# Claims, timeline, quotes, summary
# --------------------------------------------------------------------------------------------------


def score_claims(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Corroborated claims aligned: one report claim with keyword-matching sources in two gold articles."""
    articles = _Articles(report)
    rclaims = _pooled(report, "claims")
    items = []
    for g in gold.get("corroborated_claims", []):
        pattern = re.compile(g.get("keywords", "."), re.IGNORECASE)
        wanted = {articles.resolve(a) for a in g.get("articles", [])} - {None}
        found = False
        for rc in rclaims:
            hit = set()
            for s in rc.get("sources", []):
                text = s.get("text") or articles.sentence(s.get("article"), s.get("sentence"))
                if s.get("article") in wanted and pattern.search(text or ""):
                    hit.add(s.get("article"))
            if len(hit) >= 2:
                found = True
                break
        items.append((found, bool(g.get("required")), g.get("id") or g.get("claim", "?")))
    out = _tally(items)
    out["report_claims"] = len(rclaims)
    return out


def score_timeline(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Gold dates found as report events of that date with at least one of the gold event's articles."""
    articles = _Articles(report)
    events = _pooled(report, "timeline")
    items = []
    for g in gold.get("timeline", []):
        dates = set(str(g.get("date", "")).split("/"))
        wanted = {articles.resolve(a) for a in g.get("articles", [])} - {None}
        found = False
        for e in events:
            event_articles = set(e.get("articles") or []) | {s.get("article") for s in e.get("sources") or []}
            if e.get("date") in dates and (event_articles & wanted or not wanted):
                found = True
                break
        items.append((found, bool(g.get("required")), g.get("date", "?")))
    out = _tally(items)
    gold_dates = {d for g in gold.get("timeline", []) for d in str(g.get("date", "")).split("/")}
    out["report_events"] = len(events)
    out["precision"] = sum(e.get("date") in gold_dates for e in events) / len(events) if events else None
    return out


def _surname_matches(gold_speaker: str, names: Iterable[str]) -> bool:
    words = _TOKEN.findall(_norm(gold_speaker))
    if not words:
        return False
    surname = words[-1]
    return any(surname in _TOKEN.findall(_norm(n)) for n in names if n)


def score_quotes(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Gold quotes found with their speaker (by surname), and found by text alone."""
    articles = _Articles(report)
    quotes = _pooled(report, "quotes")
    entity_names: dict[str, list[str]] = {}
    for e in _pooled(report, "entities"):
        entity_names[str(e.get("id"))] = [e.get("name") or "", *(e.get("aliases") or [])]
    items = []
    text_found = 0
    for g in gold.get("quotes", []):
        article = articles.resolve(str(g.get("article", "")))
        starts = _norm(g.get("starts", ""))
        with_text = [
            q for q in quotes if q.get("article") == article and starts and starts in _norm(q.get("text", ""))
        ]
        text_found += bool(with_text)
        found = any(
            _surname_matches(
                g.get("speaker", ""),
                [q.get("speaker") or "", *entity_names.get(str(q.get("speaker_entity")), [])],
            )
            for q in with_text
        )
        items.append((found, bool(g.get("required")), f"{g.get('speaker')}: {g.get('starts')}"))
    out = _tally(items)
    out["text_found"] = text_found
    out["report_quotes"] = len(quotes)
    return out


def score_summary(report: dict[str, Any]) -> dict[str, Any]:
    """Shares of summary sentences with citations and with every number and name in the cited text."""
    articles = _Articles(report)
    sentences = _pooled(report, "summary")
    cited = supported = 0
    unsupported = []
    for s in sentences:
        citations = s.get("citations") or []
        cited += bool(citations)
        texts = [articles.sentence(c.get("article"), c.get("sentence")) for c in citations]
        missing = unsupported_tokens(s.get("text", ""), texts) if citations else ["(no citation)"]
        if missing:
            unsupported.append({"text": s.get("text", ""), "missing": missing})
        else:
            supported += 1
    n = len(sentences)
    return {
        "sentences": n,
        "cited": cited / n if n else None,
        "supported": supported / n if n else None,
        "unsupported": unsupported,
    }


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def score(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Score a report (the contract's JSON, as a dict) against a gold annotation (as a dict).

    Args:
        report: ``Report.to_dict()`` or a JSON report read from disk; its stories are pooled.
        gold: an annotation in the format of ``docs/annotation-format.md``.

    Returns:
        ``{"entities": ..., "conflicts": ..., "claims": ..., "timeline": ..., "quotes": ..., "summary": ...,
        "unmatched_articles": [...]}``; each section holds ``required`` and ``all`` with found, total and
        recall (None when there is nothing to find), and the labels of what was missed.

    Raises:
        ValueError: when ``report`` or ``gold`` is not a JSON object of the expected shape.
    """
    if not isinstance(report, dict) or not isinstance(report.get("stories", []), list):
        raise ValueError("report must be a JSON object with a 'stories' list (crossfact.report/1)")
    if not isinstance(gold, dict) or not isinstance(gold.get("articles", {}), dict):
        raise ValueError(
            "gold must be a JSON object with an 'articles' object (see docs/annotation-format.md)"
        )
    articles = _Articles(report)
    unmatched = [name for name in gold.get("articles", {}) if articles.resolve(name) is None]
    if unmatched:
        log.warning("gold articles not in the report: %s", ", ".join(unmatched))
    return {
        "entities": score_entities(report, gold),
        "conflicts": score_conflicts(report, gold),
        "claims": score_claims(report, gold),
        "timeline": score_timeline(report, gold),
        "quotes": score_quotes(report, gold),
        "summary": score_summary(report),
        "unmatched_articles": unmatched,
    }


def _fmt(part: dict[str, Any]) -> str:
    if part["total"] == 0:
        return "-"
    return f"{part['found']}/{part['total']} ({part['recall']:.2f})"


def format_scores(scores: dict[str, Any]) -> str:
    """A readable table of :func:`score`'s result, with what was missed below it."""
    rows = [("", "required", "all", "")]
    e, c = scores["entities"], scores["conflicts"]
    rows.append(
        (
            "entities resolved",
            _fmt(e["required"]),
            _fmt(e["all"]),
            f"{len(e['wrong_merges'])} wrong merges, {e['must_not_merge_violations']} forbidden",
        )
    )
    precision = "-" if c["precision"] is None else f"{c['precision']:.2f}"
    rows.append(
        (
            "conflicts found",
            _fmt(c["required"]),
            _fmt(c["all"]),
            f"precision {precision} of {c['report_conflicts']}",
        )
    )
    cl, t, q = scores["claims"], scores["timeline"], scores["quotes"]
    rows.append(
        ("claims aligned", _fmt(cl["required"]), _fmt(cl["all"]), f"{cl['report_claims']} report claims")
    )
    rows.append(
        ("timeline dates", _fmt(t["required"]), _fmt(t["all"]), f"{t['report_events']} report events")
    )
    rows.append(("quotes", _fmt(q["required"]), _fmt(q["all"]), f"{q['text_found']} found by text"))
    s = scores["summary"]
    if s["sentences"]:
        note = f"{s['sentences']} sentences, {s['cited']:.2f} cited"
        rows.append(("summary supported", "", f"{s['supported']:.2f}", note))
    else:
        rows.append(("summary supported", "", "-", "no summary"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for label, key in (
        ("entities", "entities"),
        ("conflicts", "conflicts"),
        ("claims", "claims"),
        ("timeline", "timeline"),
        ("quotes", "quotes"),
    ):
        missing = scores[key]["missing_required"]
        if missing:
            lines.append(f"missing required {label}: {', '.join(map(str, missing))}")
    for m in e["wrong_merges"]:
        flag = " (must not merge)" if m["must_not_merge"] else ""
        lines.append(f"wrong merge: {m['entity']} = {' + '.join(m['gold'])}{flag}")
    for u in s.get("unsupported", []):
        lines.append(f"unsupported summary sentence ({', '.join(u['missing'])}): {u['text'][:80]}")
    if scores.get("unmatched_articles"):
        lines.append(f"gold articles not in the report: {', '.join(scores['unmatched_articles'])}")
    return "\n".join(lines)
