"""Online story assignment for ``crossfact ingest``: each new article joins a story or starts one.

The same features and pair score as the batch run (:func:`crossfact.cluster.cluster_articles`); the
decision is the online form of average link: the new article joins the story whose mean score over all its
members is highest, when that mean reaches the threshold; otherwise it founds a new story. A story can grow
over days (each member is compared with articles up to ``window_days`` away from it). Fed in stream order
(published, id), well-separated stories come out exactly as in the batch run; the batch run can still
merge two stories later evidence links, which the online pass never revisits.

State (the articles' hashed term counts, years, days, MinHash signatures and story assignments) is plain
data: :meth:`IncrementalClusterer.to_dict` / :meth:`IncrementalClusterer.from_dict` round-trip through JSON,
so the store can keep it as a blob, or rebuild it by replaying stored articles.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp

from crossfact.cluster import ClusterConfig, StoryGroup, story_id
from crossfact.cluster.candidates import pair_scores
from crossfact.cluster.features import NAME_FEATURES, WORD_FEATURES, featurize, weigh
from crossfact.cluster.minhash import signatures
from crossfact.model import Article

log = logging.getLogger(__name__)
_COLUMNS = WORD_FEATURES + NAME_FEATURES


class IncrementalClusterer:
    """Assigns articles to stories one at a time; see the module docstring."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._ids: list[str] = []
        self._rows: list[sp.csr_matrix] = []
        self._years: list[tuple[int, ...]] = []
        self._days: list[int] = []
        self._titles: list[str] = []
        self._titled: list[bool] = []  # the title is the article's own headline
        self._sigs: list[np.ndarray] = []
        self._story_of: list[str] = []
        self._members: dict[str, list[int]] = {}
        self._index: dict[str, int] = {}
        self._df = np.zeros(_COLUMNS, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._ids)

    def story_of(self, article_id: str) -> str:
        """The story id an added article was assigned to; raises KeyError when it was never added."""
        return self._story_of[self._index[article_id]]

    def add(self, article: Article) -> str:
        """Assign ``article`` to a story and return the story id (adding the same id again is a no-op)."""
        if article.id in self._index:
            return self.story_of(article.id)
        cfg = self.config
        feats = featurize([article], cfg.max_chars, cfg.year_chars)
        row = feats.counts
        sig = signatures([article], cfg.num_perm)[0]
        day = int(feats.days[0])
        self._df[row.indices] += 1
        n_docs = len(self._ids) + 1
        cand = [j for j, d in enumerate(self._days) if day < 0 or d < 0 or abs(d - day) <= cfg.window_days]
        best_story, best_mean = None, cfg.online_threshold
        if cand:
            counts = sp.vstack([row] + [self._rows[j] for j in cand], format="csr")
            vectors = weigh(counts, self._df, n_docs, cfg.name_weight)
            dots = np.asarray((vectors[1:] @ vectors[0].T).todense()).ravel()
            dots[dots < cfg.candidate_floor] = 0.0
            years = [feats.years[0]] + [self._years[j] for j in cand]
            days = np.array([day] + [self._days[j] for j in cand], dtype=np.int64)
            others = np.arange(1, len(cand) + 1)
            scores = pair_scores(
                vectors, years, days, np.zeros(len(cand), dtype=np.int64), others, dots, cfg.score_settings()
            )
            scores[dots == 0] = 0.0
            for k, j in enumerate(cand):
                if float(np.mean(self._sigs[j] == sig)) >= cfg.near_duplicate:
                    scores[k] = max(scores[k], 1.0)
            totals: dict[str, float] = {}
            for k, j in enumerate(cand):
                if scores[k] != 0.0:
                    totals[self._story_of[j]] = totals.get(self._story_of[j], 0.0) + float(scores[k])
            # best mean first; ties go to the earlier story
            for sid in sorted(totals, key=lambda s: self._members[s][0]):
                mean = totals[sid] / len(self._members[sid])
                if mean > best_mean or (best_story is None and mean >= best_mean):
                    best_story, best_mean = sid, mean
        index = len(self._ids)
        sid = best_story or story_id(article.id)
        self._ids.append(article.id)
        self._rows.append(row)
        self._years.append(feats.years[0])
        self._days.append(day)
        self._titles.append(feats.titles[0])
        self._titled.append(feats.titled[0])
        self._sigs.append(sig)
        self._story_of.append(sid)
        self._members.setdefault(sid, []).append(index)
        self._index[article.id] = index
        return sid

    def add_many(self, articles: Iterable[Article]) -> list[str]:
        """Add articles in the order given; returns their story ids."""
        return [self.add(a) for a in articles]

    def stories(self) -> list[StoryGroup]:
        """The current stories, in order of founding; title = headline of the most central member."""
        out = []
        vectors = None
        if self._rows:
            vectors = weigh(
                sp.vstack(self._rows, format="csr"), self._df, len(self._ids), self.config.name_weight
            )
        for sid, idx in self._members.items():
            central = idx[0]
            if vectors is not None and len(idx) > 2:
                sub = vectors[idx]
                centrality = np.asarray((sub @ sub.T).sum(axis=1)).ravel()
                central = idx[int(np.argmax(centrality))]
            if not self._titled[central]:  # a member with a headline of its own names the story better
                central = next((i for i in idx if self._titled[i]), central)
            out.append(StoryGroup(sid, self._titles[central], tuple(self._ids[i] for i in idx)))
        return out

    # -- state ---------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-ready data (term counts as [column, count] pairs)."""
        articles = []
        for i, aid in enumerate(self._ids):
            row = self._rows[i]
            articles.append(
                {
                    "id": aid,
                    "story": self._story_of[i],
                    "day": self._days[i],
                    "years": list(self._years[i]),
                    "title": self._titles[i],
                    "titled": self._titled[i],
                    "counts": [[int(c), float(v)] for c, v in zip(row.indices, row.data, strict=True)],
                    "minhash": [int(v) for v in self._sigs[i]],
                }
            )
        return {"version": 1, "config": dataclasses.asdict(self.config), "articles": articles}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IncrementalClusterer:
        """Rebuild from :meth:`to_dict` output; raises ValueError on an unknown version."""
        if data.get("version") != 1:
            raise ValueError(f"unknown clusterer state version {data.get('version')!r}; expected 1")
        self = cls(ClusterConfig(**data["config"]))
        for i, a in enumerate(data["articles"]):
            cols = np.array([c for c, _ in a["counts"]], dtype=np.int32)
            vals = np.array([v for _, v in a["counts"]], dtype=np.float32)
            row = sp.csr_matrix((vals, cols, np.array([0, len(cols)])), shape=(1, _COLUMNS))
            self._ids.append(a["id"])
            self._rows.append(row)
            self._years.append(tuple(a["years"]))
            self._days.append(int(a["day"]))
            self._titles.append(a["title"])
            self._titled.append(a.get("titled", True))
            self._sigs.append(np.array(a["minhash"], dtype=np.uint64))
            self._story_of.append(a["story"])
            self._members.setdefault(a["story"], []).append(i)
            self._index[a["id"]] = i
            self._df[cols] += 1
        return self

    @classmethod
    def from_assignments(
        cls, articles: Iterable[Article], assignments: dict[str, str], config: ClusterConfig | None = None
    ) -> IncrementalClusterer:
        """Rebuild from stored articles and their stored story ids (articles without one are added)."""
        self = cls(config)
        for a in articles:
            sid = assignments.get(a.id)
            if sid is None:
                self.add(a)
                continue
            feats = featurize([a], self.config.max_chars, self.config.year_chars)
            i = len(self._ids)
            self._ids.append(a.id)
            self._rows.append(feats.counts)
            self._years.append(feats.years[0])
            self._days.append(int(feats.days[0]))
            self._titles.append(feats.titles[0])
            self._titled.append(feats.titled[0])
            self._sigs.append(signatures([a], self.config.num_perm)[0])
            self._story_of.append(sid)
            self._members.setdefault(sid, []).append(i)
            self._index[a.id] = i
            self._df[feats.counts.indices] += 1
        return self
