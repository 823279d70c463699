"""Page furniture in news text: captions, credits, player and share widgets, bylines, headings, datelines.

Every rule is a general pattern of how news pages are laid out, never a name from a particular story.
Each predicate takes one paragraph (already stripped) and says whether it is that kind of furniture.
"""

from __future__ import annotations

import datetime
import re

from crossfact.calendar_words import MONTH_NUMBERS, MONTH_WORD, WEEKDAY_WORD

# ---------------------------------------------------------------------------------------------------
# Sentence shape
# ---------------------------------------------------------------------------------------------------

# Sentence-final punctuation, possibly followed by closing quotes or brackets.
_FINAL = re.compile(r"[.!?…:;]['\"’”»)\]]*$")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w[\w'’.-]*")


def word_count(text: str) -> int:
    """Number of words in ``text``."""
    return len(_WORD.findall(text))


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes allowed)."""
    return bool(_FINAL.search(text.rstrip()))


def has_letters(text: str) -> bool:
    """True when ``text`` holds at least one letter (rules out rules like "------" and bare numbers)."""
    return bool(_LETTER.search(text))


# ---------------------------------------------------------------------------------------------------
# Captions and credits
# ---------------------------------------------------------------------------------------------------

# Photo agencies and credit words that appear in credit lines (vocabulary of the trade, not story names).
_AGENCY = (
    r"(?:AP|AFP|Reuters|REUTERS|Associated Press|Getty(?: Images)?|EPA(?:-EFE)?|Shutterstock|iStock"
    r"|Xinhua|Bloomberg|ANP|dpa|SIPA|Alamy|Pool|File)"
)
_CAPTION_PATTERNS = [
    # "Image copyright ...", "Image caption ...", "Media caption ...": captions as some sites export them
    re.compile(r"^(?:Image (?:copyright|caption)|Media caption|Media playback is unsupported)\b", re.I),
    # "(Jane Roe/The Example Post)", "(Name/Agency via Agency)": a credit in brackets closing the line
    re.compile(r"\((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*\s*/\s*[A-Z][^()]*\)\s*$"),
    re.compile(r"\b(?:file photo|photo provided by|handout photo)\b", re.I),
    # a video player's caption opening with its close button
    re.compile(r"^CLOSE\s+[A-Z]"),
    # "(Associated Press)", "(AP Photo/Name)", "(Photo: Name AP)", "(Getty Images)" at the end
    re.compile(rf"\((?:{_AGENCY}\b[^()]*|[^()]*\bPhoto\b[^()]*)\)\s*$"),
    # "(AP Photo/Name)", "(Photo: ...)", "(Image: ...)", "(Credit: ...)" anywhere
    re.compile(r"\((?:\w+ )?(?:Photo|Photograph|Image|Picture|Credit|Video)s?\s*(?:/|:|by\b)[^()]*\)", re.I),
    # "Photo: Name", "Image by ...", "Credit: ..." opening the line
    re.compile(
        r"^(?:Photo|Photograph|Image|Picture|Caption|Credit|Video|Photo illustration)s?"
        r"\s*(?:by\b|:|credit\b)",
        re.I,
    ),
    # "... Name Name / Agency via AP", "... / Reuters", "REUTERS/Name Name" closing the line
    re.compile(
        r"(?:^|[.!?)\]”\"]\s+)(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*\s*/\s*[A-Z][\w&'’.-]*"
        r"(?:\s+[A-Z][\w&'’.-]*){0,3}(?:\s+(?:via|for)\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2})?\s*$"
    ),
    re.compile(rf"\b{_AGENCY}\s*/\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,3}}\s*$"),
    re.compile(rf"\b(?:via|for)\s+{_AGENCY}\s*$"),
    re.compile(r"\b(?:Getty Images|Shutterstock|iStockphoto|Alamy Stock Photo)\s*$"),
    # "This photo released by ...", "In this file photo ...", "FILE - In this ..."
    re.compile(
        r"^(?:FILE(?: PHOTO)?\s*[-–—:]"
        r"|(?:In )?this (?:\w+ )?(?:photo|image|picture|video|file photo|handout)\b)",
        re.I,
    ),
    re.compile(r"\bThis (?:\w+ )?(?:photo|image|picture) (?:released|provided|taken|shows|made)\b"),
    # "Jane Roe, in this photograph provided by City Hall, is seen ...": a caption mid-line
    re.compile(
        r"\b[Ii]n this (?:\w+ )?(?:photo(?:graph)?|image|picture) (?:released|provided|taken|made|obtained)\b"
    ),
    # an embedded tweet's signature: "— Jane Roe (@janeroe) June 8, 2016"
    re.compile(
        rf"(?:—|--|–)\s*[^()—]{{0,60}}\(@\w{{1,20}}\)\s+(?:{MONTH_WORD})\.?\s+\d{{1,2}},\s+\d{{4}}\s*$"
    ),
    # video captions: "(Published Tuesday, June 23, 2015)"
    re.compile(r"\((?:Published|Posted|Updated)\b[^()]*\)\s*$"),
    # truncated captions: "... An explosion ripped through a..." followed by nothing or a credit
    re.compile(r"\w(?:\.\.\.|…)\s*(?:\([^()]*\))?\s*$"),
]


def is_caption(text: str) -> bool:
    """True when ``text`` is a photo or video caption, or a bare credit line."""
    if len(text) > 600:
        return False
    return any(p.search(text) for p in _CAPTION_PATTERNS)


# ---------------------------------------------------------------------------------------------------
# Widgets and boilerplate
# ---------------------------------------------------------------------------------------------------

_WIDGET_WORDS = {
    "play",
    "pause",
    "facebook",
    "twitter",
    "x",
    "embed",
    "email",
    "e-mail",
    "share",
    "copy",
    "link",
    "print",
    "comment",
    "comments",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "autoplay",
    "tweet",
    "messenger",
    "flipboard",
    "save",
    "mail",
    "more",
    "close",
    "replay",
    "watch",
    "video",
    "audio",
    "listen",
    "menu",
}
# Phrases that mark furniture wherever they stand in a short line ...
_BOILERPLATE_ANYWHERE = re.compile(
    r"enable javascript|javascript (?:is )?(?:disabled|required)|your browser does not support"
    r"|copy this code to your (?:website|blog)|\bautoplay\b|all rights reserved|contributed to this report",
    re.I,
)
# ... and openings (matched at the start only, which keeps this cheap on long paragraphs).
_BOILERPLATE_START = re.compile(
    r"advertisement$|story highlights?\b|from wikipedia, the free encyclopedia"
    r"|(?:related|recommended|more)(?: (?:stories|articles|coverage|news|content|on this story))?:?$"
    r"|(?:read|see|watch|listen)(?: more| also| next| now)?:|read more\b|click here\b|sign up\b"
    r"|subscribe\b|follow (?:us|@)|follow\b.{0,80}(?:facebook|twitter|instagram|@)|(?:copyright|\(c\)|©)"
    r"|click to (?:email|share|print|tweet|open)|.{0,80}\(opens in (?:a )?new window\)$"
    r"|tweet with a location$|you can add location information to your tweets"
    r"|warning: (?:this|the) (?:video|footage|images?) (?:contains?|includes?|may)"
    r"|(?:share|tweet|email|e-mail|print) this\b|image \d+ of \d+$|(?:next|previous) (?:slide|photo|image)"
    r"|(?:skip|jump) to (?:content|main)"
    r"|this (?:article|story|post) (?:was|has been) (?:updated|corrected|amended)\b"
    r"|(?:listen to|download) (?:this|the) (?:article|story|podcast)|loading\b.{0,20}$|\d+:\d{2}$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:By|BY|Written by|Reporting by)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})*(?:\s*[,|/–—-]\s*.{0,100})?$"
)


_UPDATED = re.compile(r"(?:last )?updated\b", re.I)

# Reader-service lines a page puts around the story: newsletter and alert sign-ups, subscription pitches,
# a player asking for JavaScript, cookie notices, "follow us" and "send us your photos" calls, and a
# relative age stamp standing alone ("2 years ago"). Each is matched in a line of at most 300 characters.
_SERVICE_RULES: dict[str, re.Pattern[str]] = {
    # "Sign up for our newsletter", "Email Sign Up By signing up you agree to receive email newsletters",
    # "Breaking News Emails Get breaking news alerts ...", "Get news from X in your inbox"
    "newsletter": re.compile(
        r"^\W*sign(?:ing)? up\b|\be-?mail sign[ -]?up\b|\bby (?:signing up|subscribing)\b,? you agree"
        r"|\bsign(?:ing)? (?:me )?up\b[^.!?]{0,80}\b(?:newsletters?|e-?mails?|inbox)\b"
        r"|\bnewsletters?\b[^.!?]{0,80}\bsign(?:ing)? up\b|^breaking news (?:e-?mails|alerts)\b"
        r"|\b(?:delivered|straight) to your (?:e-?mail )?inbox\b"
        r"|^(?:get|receive)\b[^.!?]{0,80}\b(?:in your inbox|by e-?mail)\b",
        re.I,
    ),
    # "Already a subscriber?", "subscribe today", "SUBSCRIBE NOW", "Subscribe for just $3 a month"
    "subscription": re.compile(
        r"\balready a subscriber\b|\bsubscribe (?:now|today)\b|\bsubscribe for (?:just|only)\b"
        r"|^to subscribe\b|\bpremium content for (?:just|only)\b",
        re.I,
    ),
    # "Please turn on JavaScript. Media requires JavaScript to play."
    "javascript": re.compile(
        r"\b(?:turn on|enable|activate) javascript\b|\brequires? javascript\b"
        r"|\bjavascript (?:must|needs to) be\b",
        re.I,
    ),
    # "This site uses cookies", "Accept all cookies", "our cookie policy"
    "cookies": re.compile(
        r"\b(?:we|this (?:web)?site) uses? cookies\b|\bcookie (?:policy|settings|preferences|notice)\b"
        r"|\baccept (?:all )?cookies\b",
        re.I,
    ),
    # "Join us on Facebook", "LIKE US ON FACEBOOK:", "Become a fan of X on Facebook", "follow us at @X",
    # "Join the conversation on Twitter"
    "social": re.compile(
        r"\b(?:join|like|find|follow|friend|connect with) us (?:on|at)\b\W{0,3}"
        r"(?:facebook|twitter|instagram|tiktok|youtube|linkedin|@|https?:|www\.)"
        r"|^become a fan\b.{0,80}\bfacebook\b|^join the conversation\b",
        re.I,
    ),
    # "Are you there? Send us your images or video.", "Share your photos with us"
    "send-us": re.compile(
        r"\b(?:send|share|e-?mail|submit|upload) (?:us )?your (?:own )?"
        r"(?:photos?|pictures?|images?|videos?|footage)\b",
        re.I,
    ),
    # "Note: By submitting this form, you agree to ...'s terms", "We respect your privacy."
    "form-terms": re.compile(
        r"\bby (?:submitting|clicking|registering)\b[^.!?]{0,60}\byou agree\b|^we respect your privacy\b",
        re.I,
    ),
    # "2 years ago", "Updated 3 hours ago" alone on a line
    "age-stamp": re.compile(
        r"^(?:(?:updated|posted|published|last updated)\s*:?\s*)?(?:\d+|an?|one|a few)\s+"
        r"(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s?\s+ago\.?$",
        re.I,
    ),
    # navigation: "Local News More>>", "Add a location to your Tweets", "When you tweet with a location, ..."
    "navigation": re.compile(
        r"^.{0,60}\bmore\s*(?:>>|»|›)$|^add (?:a )?location to your tweets\b"
        r"|^when you tweet with a location\b",
        re.I,
    ),
}


def service_rule(text: str) -> str | None:
    """The name of the reader-service rule (newsletter, subscription, javascript, cookies, social, send-us,
    form-terms, age-stamp, navigation) ``text`` matches, or None; lines over 300 characters never match."""
    if len(text) > 300:
        return None
    text = text.strip()
    return next((name for name, pattern in _SERVICE_RULES.items() if pattern.search(text)), None)


# the notices of the Internet Archive's crawls, which pages fetched through the Wayback Machine carry
_ARCHIVE_NOTICE = re.compile(
    r"(?:These crawls are part of an effort to archive|Starting in \d{4}, Alexa Internet has been donating"
    r"|The seed for \S+ was:$"
    r"|This is a set of web collections curated by|The seed for this crawl\b|Web wide crawl with)"
)


def is_boilerplate(text: str) -> bool:
    """True when ``text`` is a player, share or subscription widget, a copyright line, a web archive's
    crawl notice or similar."""
    if _ARCHIVE_NOTICE.match(text):
        return True
    if len(text) > 300:
        return False
    words = [w.lower() for w in re.findall(r"[\w-]+", text)]
    if words and all(w in _WIDGET_WORDS for w in words):
        return True
    text = text.strip()
    if _UPDATED.match(text) and len(text) <= 50 and not ends_like_sentence(text) and re.search(r"\d", text):
        return True  # "Updated 6.15pm", "Last updated: 5 March 2024"
    if _BOILERPLATE_START.match(text) or _BOILERPLATE_ANYWHERE.search(text):
        return True
    return service_rule(text) is not None


_NAME_WORD = r"(?!All\b)(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w&-]*(?:\.[\w&-]+)*)"
_OUTLET_NAME = rf"(?P<name>(?:The |the )?{_NAME_WORD}(?:\s{_NAME_WORD}){{0,3}})"
_OUTLET_HINTS = [
    # "Copyright © 2012 AFP. All rights reserved."
    re.compile(
        rf"^(?:(?i:copyright)\s*(?:©|\([cC]\))?|©|\([cC]\))\s*(?:\d{{4}}\s*)?{_OUTLET_NAME}"
        r"\s*(?:\.|,|All rights|$)"
    ),
    # "XYZ's Jane Roe and John Doe contributed to this report."
    re.compile(rf"^{_OUTLET_NAME}['’]s\s.*\bcontributed to this report"),
]


def outlet_hint(text: str) -> str | None:
    """The outlet a copyright or contributor line names ("Copyright © 2012 AFP." -> "AFP"), if any."""
    if len(text) > 300 or not re.search(r"copyright|©|\(c\)|contributed to this report", text, re.I):
        return None
    for pattern in _OUTLET_HINTS:
        m = pattern.search(text.strip())
        if m and m["name"][0].isupper() and not m["name"].lower().startswith(("all ", "copyright")):
            return m["name"].rstrip(".")
    return None


def is_byline(text: str) -> bool:
    """True when ``text`` is a byline ("By Jane Doe and John Roe, Reuters")."""
    if len(text) > 160 or not _BYLINE.match(text):
        return False
    # "By Monday, the town had recovered." is a sentence, not a byline
    return not ends_like_sentence(text) or word_count(text) <= 6


def is_heading(text: str) -> bool:
    """True for a short line without sentence-final punctuation: a section heading, kicker or highlight."""
    return word_count(text) <= 14 and len(text) <= 110 and not ends_like_sentence(text)


# ---------------------------------------------------------------------------------------------------
# Datelines
# ---------------------------------------------------------------------------------------------------

# the month names (and their abbreviations) come from crossfact.calendar_words, shared with nlp.dates

_DASH = r"(?:—|–|--|-)"
# A place in capitals ("PARIS", "NEW YORK/LONDON", "ST. LOUIS"), optionally followed by
# a state or country in ordinary case ("ANNAPOLIS, Md.", "LONDON, England").
_PLACE = (
    r"[A-Z][A-Z'’.\-]*(?:[ /][A-Z][A-Z'’.\-]*){0,4}"
    r"(?:,\s*[A-Z][A-Za-z'’.\-]*(?:\s[A-Z][A-Za-z'’.\-]*){0,2})?"
)
_MONTH = rf"(?:{MONTH_WORD})\b\.?"
_OUTLET = r"[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}"
_DATELINE_ALONE = re.compile(rf"^(?P<place>{_PLACE})\s*(?:\((?P<outlet>{_OUTLET})\))?\s*{_DASH}?$")
_DATELINE_LEAD = re.compile(
    rf"^(?:(?P<place>{_PLACE})(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\s*)?"
    rf"(?:\((?P<outlet>{_OUTLET})\)\s*)?{_DASH}\s+(?=\S)"
)
# Capitalised kickers that open a page but are no place.
_KICKERS = {
    "BREAKING",
    "EXCLUSIVE",
    "UPDATE",
    "UPDATED",
    "ANALYSIS",
    "OPINION",
    "LIVE",
    "WATCH",
    "VIDEO",
    "NEWS",
    "EDITORIAL",
    "COMMENT",
    "CORRECTION",
    "FOR THE RECORD",
    "BREAKING NEWS",
    "PHOTOS",
}


def _caps_place(place: str | None) -> bool:
    if not place:
        return False
    head = place.split(",")[0]
    letters = [c for c in head if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and head.strip(" -—–") not in _KICKERS


def dateline_alone(text: str) -> tuple[str, str | None] | None:
    """``(place, outlet)`` when ``text`` is a dateline on a line of its own ("PARIS", "LONDON —")."""
    if len(text) > 80:
        return None
    m = _DATELINE_ALONE.match(text.strip())
    if not m or not _caps_place(m["place"]):
        return None
    return m["place"].strip(), m["outlet"]


def dateline_lead(text: str) -> tuple[str | None, str | None, int] | None:
    """``(place, outlet, length)`` of a dateline opening a paragraph ("SPRINGFIELD (KXYZ) — ", "(AP) -- ").

    ``length`` is the number of characters to cut from the paragraph. None when there is no dateline.
    """
    m = _DATELINE_LEAD.match(text)
    if not m:
        return None
    place, outlet = m["place"], m["outlet"]
    if place is not None and not _caps_place(place):
        return None
    if place is None and outlet is None:
        return None
    return (place.strip() if place else None), outlet, m.end()


# ---------------------------------------------------------------------------------------------------
# Dates in removed furniture: a caption's or a video's date is often the only absolute date a text
# gives, so it is kept (as a hint on the article) when the line itself is taken out.
# ---------------------------------------------------------------------------------------------------

_HINT_MON = rf"(?P<mon>(?:{MONTH_WORD})\b\.?)"
_HINT_WD = rf"(?:(?P<wd>{WEEKDAY_WORD}),?\s+)"
_HINT_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_HINT_PATTERNS = (
    # "Sunday, March 18, 2012", "Dec. 20, 2012", "(Dec. 21)"
    re.compile(
        rf"(?P<open>\(\s*)?{_HINT_WD}?\b{_HINT_MON}\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
        rf"(?:,?\s+{_HINT_YEAR})?(?P<close>\s*\))?"
    ),
    # "Sunday 18 March 2012", "18 March 2012"
    re.compile(
        rf"(?P<open>\(\s*)?{_HINT_WD}?\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_HINT_MON}"
        rf"(?:,?\s+{_HINT_YEAR})?(?P<close>\s*\))?"
    ),
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d-])"),
)


# lines whose dates say nothing of the news day: a file photo is old by definition ("shown in this June 27,
# 2011 file photo"), and a labelled date other than publication ("Crawl end date: 23 December, 2011",
# "Born: ...") dates something else
_NOT_NEWS_DAY = re.compile(
    r"\bfile (?:photo|image|picture|footage)\b|^FILE\b"
    r"|^[^:]{0,40}\b(?:start|end|begin\w*|birth|born|died|death|expir\w*|due|deadline|founded|crawl\w*)\b[^:]{0,20}:",
    re.I,
)


def date_hints(lines: list[str]) -> tuple[str, ...]:
    """Dates written in removed furniture lines, as ISO ``YYYY-MM-DD`` (``--MM-DD`` without a year).

    A date with a year counts wherever it stands in the line ("... in Lyon, France, Sunday, March 9,
    2014."), except in a file photo's caption or a line that labels its date as something else than the
    news ("Crawl end date: ..."); a month-day without a year only when a weekday goes with it ("Thursday,
    Dec. 20") or it stands alone in brackets ("(Dec. 21)"), the forms captions and video players use.
    Impossible dates are left out; the hints come in the order found, without repeats.
    """
    found: list[str] = []
    for line in lines:
        if _NOT_NEWS_DAY.search(line):
            continue
        taken: list[tuple[int, int]] = []
        for pattern in _HINT_PATTERNS:
            for m in pattern.finditer(line):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                groups = m.groupdict()
                if groups.get("month"):
                    month = int(groups["month"])
                else:
                    month = MONTH_NUMBERS[m["mon"].rstrip(".").lower()]
                day = int(m["day"])
                year = int(m["year"]) if m["year"] else 2000  # a leap year, so "Feb. 29" stays possible
                try:
                    datetime.date(year, month, day)
                except ValueError:
                    continue
                if m["year"]:
                    hint = f"{year:04d}-{month:02d}-{day:02d}"
                elif groups.get("wd") or (groups.get("open") and groups.get("close")):
                    hint = f"--{month:02d}-{day:02d}"
                else:
                    continue
                taken.append((m.start(), m.end()))
                if hint not in found:
                    found.append(hint)
    return tuple(found)


def is_date_line(text: str) -> bool:
    """True when ``text`` is only a date ("April 10th, 2016", "Sunday, March 18, 2012"): a stamp, never
    a headline."""
    if len(text) > 60:
        return False
    rest = text
    for pattern in _HINT_PATTERNS:
        rest = pattern.sub(" ", rest)
    return rest != text and not has_letters(rest)


# ---------------------------------------------------------------------------------------------------
# A title for an untitled text
# ---------------------------------------------------------------------------------------------------

# a sentence ends at final punctuation followed by a space and a capital, a digit or an opening quote
_SENTENCE_END = re.compile(r"(?<=[.!?])['\"’”)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
# abbreviations after which a full stop ends no sentence ("Gov. Jane Roe", "U.S. officials")
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|[A-Z](?:\.[A-Z])+|Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Jr|Sr|Inc|Corp|Co"
    r"|Ltd|St|Mt|Ft|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|vs|etc|Ala|Ariz|Calif|Colo|Conn|Fla|Ga"
    r"|Ill|Ind|Kan|Ky|La|Mass|Md|Mich|Minn|Miss|Mo|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Wash|Wis)\.$"
)


def lead_title(text: str, limit: int = 80) -> str:
    """A title for a text that has none: its first sentence that is not page furniture, cut at a word
    boundary with an ellipsis when longer than ``limit`` characters.

    Paragraphs (blank-line separated) that are captions, widgets, bylines or bare dates are skipped; when
    every paragraph is furniture the text's start is used.
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    chosen = next(
        (
            p
            for p in paragraphs
            if has_letters(p) and not (is_boilerplate(p) or is_caption(p) or is_byline(p) or is_date_line(p))
        ),
        paragraphs[0] if paragraphs else "",
    )
    chosen = " ".join(chosen.split())
    sentence = chosen
    start = 0
    while m := _SENTENCE_END.search(chosen, start):
        if not _ABBREVIATION.search(chosen[: m.start()]):
            sentence = chosen[: m.start()]
            break
        start = m.end()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"
