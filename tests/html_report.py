"""A hand-built Report for the HTML brief and web app tests: three articles, one numeric conflict, claims
with two origins, quotes, a timeline and a summary with citations. One article's text, title and outlet hold
markup that must be shown as text."""

from __future__ import annotations

from crossfact.model import (
    Article,
    ArticleDoc,
    Citation,
    Claim,
    ClaimSource,
    Conflict,
    Entity,
    EntityMention,
    Mention,
    Position,
    Quote,
    Report,
    Sentence,
    Story,
    SummarySentence,
    TimelineEvent,
)

EVIL = "<script>alert('x')</script>"


def _doc(aid: str, title: str, outlet: str, sentences: list[str], mentions=()) -> ArticleDoc:
    text = ""
    built = []
    for i, s in enumerate(sentences):
        if text:
            text += " "
        built.append(Sentence(index=i, start=len(text), end=len(text) + len(s), text=s, paragraph=i // 2))
        text += s
    article = Article(
        id=aid, text=text, source=f"in/{aid}.txt", title=title, outlet=outlet, published="2024-03-05"
    )
    found = []
    for word, label in mentions:
        for s in built:
            at = s.text.find(word)
            if at >= 0:
                found.append(
                    Mention(
                        sentence=s.index,
                        start=s.start + at,
                        end=s.start + at + len(word),
                        text=word,
                        label=label,
                    )
                )
    return ArticleDoc(article=article, sentences=tuple(built), mentions=tuple(found))


def hand_report() -> Report:
    """The hand-built report (see the module docstring)."""
    a = _doc(
        "001_alpha",
        "Harbour bridge closed after storm",
        "Coastal Times",
        [
            "The Harbour Bridge was closed on Tuesday after a storm damaged its cables.",
            "Mayor Lena Ostrova said the repairs would take about 5.5 hours.",
            '"We will reopen as soon as it is safe," Ostrova told reporters.',
            "Ferries ran extra services all afternoon.",
        ],
        mentions=[("Harbour Bridge", "FAC"), ("Lena Ostrova", "PERSON")],
    )
    b = _doc(
        "002_beta",
        f"Bridge shut {EVIL}",
        f"Daily {EVIL}",
        [
            "A storm forced the closure of the Harbour Bridge on Tuesday.",
            "Engineers expected the work to last more than 6 hours, the city said.",
            f"One commuter wrote {EVIL} on a sign.",
        ],
        mentions=[("Harbour Bridge", "FAC")],
    )
    c = _doc(
        "003_gamma",
        "Storm closes bridge",
        "Metro Wire",
        [
            "The Harbour Bridge was closed on Tuesday after a storm damaged its cables.",
            "Officials said repairs would take 4 hours.",
            "The bridge first opened on 1 May 1932.",
        ],
        mentions=[("Harbour Bridge", "FAC")],
    )
    docs = (a, b, c)
    bridge = Entity(
        id="e1",
        name="Harbour Bridge",
        type="FAC",
        aliases=("Harbour Bridge", "the bridge"),
        mentions=(
            EntityMention("001_alpha", 0, 4, 18, "Harbour Bridge"),
            EntityMention("002_beta", 0, 35, 49, "Harbour Bridge"),
        ),
    )
    mayor = Entity(
        id="e2",
        name="Lena Ostrova",
        type="PERSON",
        aliases=("Lena Ostrova", "Ostrova", "Mayor Ostrova"),
        mentions=(EntityMention("001_alpha", 1, 80, 92, "Lena Ostrova"),),
    )
    claims = (
        Claim(
            id="c1",
            text="The Harbour Bridge was closed on Tuesday after a storm.",
            support=3,
            independent_support=2,
            sources=(
                ClaimSource("001_alpha", 0, a.sentences[0].text, origin=0),
                ClaimSource("002_beta", 0, b.sentences[0].text, origin=1),
                ClaimSource("003_gamma", 0, c.sentences[0].text, origin=0),
            ),
        ),
        Claim(
            id="c2",
            text="Repairs would take several hours.",
            support=2,
            independent_support=2,
            sources=(
                ClaimSource("001_alpha", 1, a.sentences[1].text, attribution="Lena Ostrova", origin=0),
                ClaimSource("003_gamma", 1, c.sentences[1].text, attribution="Officials", origin=1),
            ),
        ),
    )
    conflict = Conflict(
        id="k1",
        about="duration of the repairs",
        kind="quantity",
        positions=(
            Position("about 5.5 h", "about 5.5 hours", "001_alpha", 1, "Lena Ostrova"),
            Position("more than 6 h", "more than 6 hours", "002_beta", 1, "the city"),
            Position("4 h", "4 hours", "003_gamma", 1, "Officials"),
        ),
    )
    story = Story(
        id="s1",
        title="Storm closes the Harbour Bridge",
        articles=("001_alpha", "002_beta", "003_gamma"),
        entities=(bridge, mayor),
        claims=claims,
        conflicts=(conflict,),
        quotes=(
            Quote(
                "Ostrova",
                "We will reopen as soon as it is safe,",
                "001_alpha",
                2,
                via="reporters",
                speaker_entity="e2",
            ),
        ),
        timeline=(
            TimelineEvent(
                "1932-05-01", "The bridge first opened.", ("003_gamma",), (Citation("003_gamma", 2),)
            ),
            TimelineEvent(
                "2024-03-05",
                "A storm closes the bridge.",
                ("001_alpha", "002_beta"),
                (Citation("001_alpha", 0), Citation("002_beta", 0)),
            ),
        ),
        summary=(
            SummarySentence(
                "The Harbour Bridge was closed on Tuesday after a storm damaged its cables.",
                (Citation("001_alpha", 0), Citation("003_gamma", 0)),
            ),
            SummarySentence(
                "Estimates of the repair time range from 4 to more than 6 hours.", (Citation("002_beta", 1),)
            ),
        ),
    )
    return Report(docs=docs, stories=(story,))
