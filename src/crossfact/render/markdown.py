"""A report as a Markdown brief for a journalist (pure string building, no I/O).

Per story: title, articles, summary, where sources disagree, what they agree on, people and
organisations, places, quotes by speaker, timeline; then the skipped inputs. Citation markers such as
``[001 s4]`` name an article by its short label and a sentence by its number, counting from 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from crossfact.analysis.summary import undisputed_claims
from crossfact.model import ArticleDoc, Citation, Claim, Conflict, Entity, Quote, Report, Story, TimelineEvent

MAX_CLAIMS = 12
MAX_ENTITIES = 40
PEOPLE_TYPES = ("PERSON", "ORG", "NORP")
PLACE_TYPES = ("GPE", "LOC", "FAC")

# Only what CommonMark would read as markup: an underscore inside a word (snake_case, file names) and a
# closing bracket are literal, so they stay unescaped and the brief reads cleanly in a terminal too.
_SPECIAL = re.compile(r"([\\`*\[<]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_LABEL_PREFIX = re.compile(r"^([A-Za-z0-9]{1,8})[_-]")


def escape(text: str) -> str:
    """``text`` with the characters Markdown would read as markup backslash-escaped, whitespace collapsed."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def article_labels(docs: Sequence[ArticleDoc]) -> dict[str, str]:
    """Short labels for citation markers: a file-name prefix ("000") when unique, else the id or a number."""
    ids = [d.article.id for d in docs]
    prefixes = [m.group(1) if (m := _LABEL_PREFIX.match(i)) else None for i in ids]
    if all(prefixes) and len(set(prefixes)) == len(ids):
        return dict(zip(ids, prefixes, strict=True))  # type: ignore[arg-type]
    if all(len(i) <= 16 for i in ids):
        return {i: i for i in ids}
    return {i: f"A{n + 1}" for n, i in enumerate(ids)}


class _Writer:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.docs = {d.article.id: d for d in report.docs}
        self.labels = article_labels(report.docs)
        self.lines: list[str] = []

    def label(self, article: str) -> str:
        return self.labels.get(article, article)

    def cite(self, citations: Iterable[Citation | tuple[str, int]]) -> str:
        marks = []
        for c in citations:
            article, sentence = (c.article, c.sentence) if isinstance(c, Citation) else c
            mark = f"[{escape(self.label(article))} s{sentence + 1}]"
            if mark not in marks:
                marks.append(mark)
        return " ".join(marks)

    def outlet(self, article: str) -> str:
        doc = self.docs.get(article)
        name = doc.article.outlet if doc and doc.article.outlet else None
        return f"{escape(name)} ({escape(self.label(article))})" if name else escape(self.label(article))

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def section(self, title: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.add("")
        self.add(f"## {title}", "")

    # ----------------------------------------------------------------------------------------------

    def story(self, story: Story) -> None:
        self.add(f"# {escape(story.title or 'Untitled story')}", "")
        n = len(story.articles)
        self.add(f"{n} article{'s' if n != 1 else ''}. Markers like [001 s4] cite article 001, sentence 4.")
        self.articles(story.articles)
        self.summary(story)
        self.conflicts(story.conflicts)
        self.claims(story.claims, story.conflicts)
        self.entities(story.entities)
        self.quotes(story.quotes, story.entities)
        self.timeline(story.timeline)

    def articles(self, ids: Sequence[str]) -> None:
        self.section("Articles")
        for aid in ids:
            doc = self.docs.get(aid)
            if doc is None:
                self.add(f"- **{escape(self.label(aid))}**")
                continue
            a = doc.article
            parts = [escape(a.outlet) if a.outlet else "outlet unknown"]
            parts.append(f"*{escape(a.title)}*" if a.title else "untitled")
            if a.published:
                parts.append(escape(a.published) + (" (inferred)" if a.published_inferred else ""))
            else:
                parts.append("date unknown")
            self.add(f"- **{escape(self.label(aid))}** {' — '.join(parts)} — {escape(a.source)}")

    def summary(self, story: Story) -> None:
        self.section("Summary")
        if not story.summary:
            self.add("No summary could be made.")
        for n, s in enumerate(story.summary, 1):
            self.add(f"{n}. {escape(s.text)} {self.cite(s.citations)}".rstrip())

    def conflicts(self, conflicts: Sequence[Conflict]) -> None:
        self.section("Where sources disagree")
        if not conflicts:
            self.add("No disagreement found between the sources.")
        for c in conflicts:
            self.add(f"### {escape(c.about)} ({escape(c.kind)})", "")
            for p in c.positions:
                line = f'- **{escape(p.value)}** — {self.outlet(p.article)}: "{escape(p.text)}"'
                if p.attribution:
                    line += f" (according to {escape(p.attribution)})"
                self.add(f"{line} {self.cite([(p.article, p.sentence)])}")
            self.add("")

    def claims(self, claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> None:
        self.section("What sources agree on")
        # disputed statements are under "Where sources disagree"
        agreed = [c for c in undisputed_claims(claims, conflicts) if c.support >= 2]
        ranked = sorted(agreed, key=lambda c: (-c.independent_support, -c.support))[:MAX_CLAIMS]
        if not ranked:
            self.add("No statement is made by more than one article.")
        for c in ranked:
            origins = f"{c.independent_support} independent origin{'s' if c.independent_support != 1 else ''}"
            cites = self.cite([(s.article, s.sentence) for s in c.sources])
            self.add(f"- {escape(c.text)} — {c.support} articles, {origins} {cites}")

    def entities(self, entities: Sequence[Entity]) -> None:
        def n_articles(e: Entity) -> int:
            return len({m.article for m in e.mentions})

        for title, types in (("People and organisations", PEOPLE_TYPES), ("Places", PLACE_TYPES)):
            chosen = sorted((e for e in entities if e.type in types), key=lambda e: (-n_articles(e), e.name))
            self.section(title)
            if not chosen:
                self.add("None found.")
            for e in chosen[:MAX_ENTITIES]:
                aliases = [a for a in e.aliases if a != e.name]
                also = f"; also {', '.join(escape(a) for a in aliases)}" if aliases else ""
                n = n_articles(e)
                self.add(
                    f"- **{escape(e.name)}** ({escape(e.type)}{also}) — {n} article{'s' if n != 1 else ''}"
                )
            if len(chosen) > MAX_ENTITIES:
                self.add(f"- ... and {len(chosen) - MAX_ENTITIES} more")

    def quotes(self, quotes: Sequence[Quote], entities: Sequence[Entity]) -> None:
        self.section("Quotes by speaker")
        if not quotes:
            self.add("No direct quotation found.")
            return
        names = {e.id: e.name for e in entities}
        grouped: dict[str, list[Quote]] = {}
        for q in quotes:
            speaker = names.get(q.speaker_entity or "") or q.speaker or "Speaker not identified"
            grouped.setdefault(speaker, []).append(q)
        for speaker, items in grouped.items():
            self.add(f"### {escape(speaker)}", "")
            for q in items:
                via = f" (via {escape(q.via)})" if q.via else ""
                cite = self.cite([(q.article, q.sentence)])
                self.add(f'- "{escape(q.text)}"{via} — {self.outlet(q.article)} {cite}')
            self.add("")

    def timeline(self, events: Sequence[TimelineEvent]) -> None:
        self.section("Timeline")
        if not events:
            self.add("No dated event found.")
        for e in events:
            n = len(e.articles)
            cites = self.cite(e.sources)
            count = f" ({n} articles)" if n > 1 else ""
            year = " (year inferred)" if e.inferred else ""
            self.add(f"- **{escape(e.date)}**{year} — {escape(e.text)}{count} {cites}".rstrip())

    def skipped(self) -> None:
        if not self.report.skipped:
            return
        if self.lines:
            self.add("")
        self.add("# Skipped inputs", "")
        for s in self.report.skipped:
            self.add(f"- {escape(s.source)}: {escape(s.reason)}")


def to_markdown(report: Report) -> str:
    """The report as a Markdown brief: one part per story, then the skipped inputs.

    Args:
        report: the analysis result.

    Returns:
        Markdown text ending in a newline. Verbatim article text is kept as written, with only the
        characters Markdown would read as markup escaped.
    """
    w = _Writer(report)
    if not report.stories:
        w.add("# crossfact report", "", "No story could be analysed.")
    for n, story in enumerate(report.stories):
        if n:
            w.add("", "---", "")
        w.story(story)
    w.skipped()
    while w.lines and w.lines[-1] == "":
        w.lines.pop()
    return "\n".join(w.lines) + "\n"
