"""Name normalisation for cross-article entity resolution: pure string functions, no models.

Everything here works on surface forms as written ("President Brenner", "the U.S. Department of Finance",
"al-Mallezeh") and turns them into comparison keys:

- :func:`fold` removes diacritics and case ("Kütahra" -> "kutahra");
- :func:`translit` additionally evens out common transliteration variants (ks/x, iy/i, kh/h, ph/f,
  th/t, doubled letters, a final y), so "Aleksei"/"Alexei" and "Vorontsiyev"/"Vorontsiev" come closer;
- :func:`person_parts` strips titles, suffixes and name particles and returns the name's tokens;
- :func:`org_key` rewrites organisation names to a core and an optional country prefix;
- :func:`acronym_of` tells whether a short all-capitals form abbreviates a longer name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio


def _wordset(*lines: str) -> frozenset[str]:
    return frozenset(w for line in lines for w in line.split())


def _pairs(*lines: str) -> dict[str, str]:
    """ "a:b c:d_e" -> {"a": "b", "c": "d e"} (compact word tables)."""
    return {k: v.replace("_", " ") for line in lines for k, v in (p.split(":") for p in line.split())}


# Titles and honorifics that may stand before a person's name ("President Brenner", "Mr. Quimby").
TITLES = _wordset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady madam madame monsieur herr president",
    "vice prime minister premier chancellor secretary ambassador envoy spokesman spokeswoman",
    "spokesperson senator sen rep representative congressman congresswoman gov governor mayor",
    "judge justice gen general lt lieutenant col colonel maj major capt captain sgt sergeant cpl",
    "corporal pvt officer detective det chief commander cmdr adm admiral insp inspector",
    "superintendent supt sheriff deputy king queen prince princess pope sheikh emir sultan",
    "archbishop bishop rev reverend father imam rabbi foreign defense defence interior finance",
    "state deputy former late acting attorney councilman councilwoman councilmember trooper",
    "patrol agent director chairman chairwoman chair ceo founder",
)
# Generational and honorary suffixes that do not distinguish a person ("Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
# Generational suffixes: "X Jr." and "X Sr." are father and son, two people.
GENERATIONS = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}
# Usual English short forms of given names that are not a prefix of the full form (and spelling pairs).
NICKNAMES = _pairs(
    "bill:william billy:william will:william willie:william liam:william bob:robert bobby:robert",
    "rob:robert robbie:robert bert:robert dick:richard rick:richard ricky:richard rich:richard",
    "richie:richard jim:james jimmy:james jamie:james mike:michael mick:michael mickey:michael",
    "jack:john johnny:john jon:jonathan ted:edward ned:edward ed:edward eddie:edward dave:david",
    "davy:david steve:steven stephen:steven chuck:charles charlie:charles hank:henry harry:henry",
    "peggy:margaret meg:margaret maggie:margaret liz:elizabeth beth:elizabeth betty:elizabeth",
    "libby:elizabeth kate:katherine katie:katherine kathy:katherine catherine:katherine",
    "kathryn:katherine sue:susan larry:lawrence jerry:gerald tony:anthony andy:andrew drew:andrew",
    "joe:joseph joey:joseph tom:thomas tommy:thomas pat:patrick patty:patricia trish:patricia",
    "jen:jennifer jenny:jennifer chris:christopher sandy:sandra sasha:alexander alex:alexander",
    "greg:gregory jeff:jeffrey geoff:geoffrey ken:kenneth ron:ronald don:donald nick:nicholas",
    "matt:matthew pete:peter sam:samuel ben:benjamin dan:daniel danny:daniel al:albert fred:frederick",
    "frank:francis gene:eugene walt:walter vince:vincent tim:timothy timmy:timothy phil:philip",
    "phillip:philip doug:douglas randy:randall becky:rebecca vicky:victoria abby:abigail",
    "debbie:deborah deb:deborah cindy:cynthia barb:barbara nate:nathan zach:zachary zack:zachary",
    "josh:joshua jake:jacob tess:teresa terry:terence manny:manuel",
)
# Particles glued to a surname ("al-Hakimi", "el-Nour"); stripped when comparing surnames.
PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-")
# Trailing generic words that do not change which organisation is meant ("ZIRA news agency").
ORG_TRAILING = (
    ("news", "agency"),
    ("news", "service"),
    ("newspaper",),
    ("daily",),
    ("inc",),
    ("incorporated",),
    ("corp",),
    ("corporation",),
    ("co",),
    ("ltd",),
    ("llc",),
    ("plc",),
    ("gmbh",),
)
# Abbreviations of generic words inside organisation names, written out for comparison.
_EXPANSIONS = {
    "tv": ("television",),
    "dept": ("department",),
    "govt": ("government",),
    "assn": ("association",),
    "assoc": ("association",),
    "univ": ("university",),
    "intl": ("international",),
}
# Words that may follow a partial organisation or facility name ("Kelby" -> "Kelby International Airport").
ORG_GENERIC_TAIL = _wordset(
    "international airport airlines airline airways department ministry agency office service",
    "services company corporation group party inc corp ltd llc plc bank university college",
    "hospital station",
)
# Single words that never name one organisation on their own.
GENERIC_HEADS = _wordset(
    "department ministry office agency service council court police army government party",
    "committee commission union state city county university college hospital school bank",
    "company group team national international federal united new north south east west central",
)
# Lower-case designators after a place name that do not change the place ("Quendor state").
PLACE_DESIGNATORS = frozenset({"state", "province", "region", "district", "governorate", "area", "city"})
# Function words skipped when building an acronym ("Zorvan Observatory for Human Rights" -> ZOHR).
ACRONYM_STOP = frozenset(
    {"of", "the", "for", "and", "&", "on", "in", "to", "a", "an", "at", "de", "du", "la"}
)
# Common country abbreviations and demonyms that prefix organisation names ("U.S. Finance Department").
COUNTRY_ALIASES = {
    "us": "us",
    "usa": "us",
    "american": "us",
    "united states": "us",
    "uk": "uk",
    "british": "uk",
    "britain": "uk",
    "united kingdom": "uk",
    "eu": "eu",
    "european": "eu",
    "european union": "eu",
    "un": "un",
}

_QUOTE_CHARS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-"})
_POSSESSIVE = re.compile(r"'s\b|'(?=\s|$)")
_NON_WORD = re.compile(r"[^0-9a-z&\- ]+")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.|\b[A-Z][a-z]{1,3}\.)$")
_HIGHWAY = re.compile(r"^(?:interstate|i)[\s-]*(\d+)$")


# the string functions below are pure and called on the same few hundred names over and over across a
# story's articles: memoised (bounded, so a long-running process does not grow without limit)
_CACHE_SIZE = 65536


@lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """Lower-case ``text``, drop diacritics, unify apostrophes and dashes ("Kütahra’s" -> "kutahra's")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTE_CHARS))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@lru_cache(maxsize=_CACHE_SIZE)
def translit(token: str) -> str:
    """A transliteration-tolerant key for one folded token: letters only, common variants evened out.

    ks->x, kh->h, ph->f, th->t, dh->d, iy->i, ou->u, doubled letters collapsed, a final y read as i.
    """
    t = re.sub(r"[^a-z0-9]", "", token)
    for a, b in (("ks", "x"), ("kh", "h"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("iy", "i"), ("ou", "u")):
        t = t.replace(a, b)
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 3 and t.endswith("y"):
        t = t[:-1] + "i"
    return t


def strip_particle(token: str) -> str:
    """Remove a glued surname particle: "al-hakimi" -> "hakimi"."""
    for p in PARTICLES:
        if token.startswith(p) and len(token) > len(p) + 1:
            return token[len(p) :]
    return token


@lru_cache(maxsize=_CACHE_SIZE)
def skeleton(token: str) -> str:
    """Consonants of a translit key, vowels (and y, h, w) dropped: "mazeh" -> "mz"."""
    return re.sub(r"[aeiouyhw]", "", token)


def tokens_match(a: str, b: str, *, loose: bool = False) -> bool:
    """Whether two translit tokens spell the same name.

    Strict: equal keys, or one edit apart on keys of 5+ letters. ``loose`` (used when the rest of the
    name already agrees) also accepts a similarity ratio of 75+ with the same initial.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    if a[0] != b[0] and skeleton(a) != skeleton(b):
        return False
    if min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) <= 1:
        return True
    return loose and a[0] == b[0] and min(len(a), len(b)) >= 4 and ratio(a, b) >= 75


def vowel_variant(a: str, b: str) -> bool:
    """Single-word place names that differ in one vowel only ("maleh"/"meleh", "ostira"/"astira")."""
    return len(a) == len(b) >= 4 and skeleton(a) == skeleton(b) and Levenshtein.distance(a, b) <= 1


def clean_surface(text: str, keep_capital_the: bool = False) -> tuple[int, int]:
    """Character range of ``text`` without a leading "the", trailing possessive, punctuation or line tail.

    A capitalised "The" is kept when ``keep_capital_the`` (mid-sentence it is part of the name, as in
    "The Weather Channel"). Returns (start, end) relative to ``text``; (0, 0) when nothing is left.
    """
    end = len(text)
    nl = text.find("\n")
    if nl >= 0:
        end = nl
    start = 0
    m = re.match(r"(?:the|THE)\s+" if keep_capital_the else r"(?:the|The|THE)\s+", text[:end])
    if m and end > m.end():
        start = m.end()
    body = text[start:end].translate(_QUOTE_CHARS).rstrip()
    end = start + len(body)
    if body.endswith("'s") and end - start > 2:
        end -= 2
    elif body.endswith("s'"):
        end -= 1
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    # a final period belongs only to an abbreviation ("U.S.", "Calif."), not to a sentence
    if end > start and text[end - 1] == "." and not _ABBREVIATION_END.search(text[start:end]):
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return (start, end) if end > start else (0, 0)


def words(text: str) -> list[str]:
    """Folded words of a name, periods removed ("U.S. Finance Dept" -> ["us", "finance", "dept"])."""
    return list(_words(text))


@lru_cache(maxsize=_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    folded = _POSSESSIVE.sub("", fold(text).replace(".", "")).replace("'", "")
    return tuple(w for w in _NON_WORD.sub(" ", folded).split() if w)


def person_parts(text: str) -> tuple[list[str], bool]:
    """Name tokens of a person's name with titles, suffixes and initials-only middles handled.

    Returns (tokens, had_title). Tokens are folded words in order, e.g. "President Hal J. Brenner" ->
    (["hal", "j", "brenner"], True). Leading titles are removed while a name token remains after them.
    """
    toks = words(text.replace(",", " "))
    had_title = False
    while len(toks) > 1 and toks[0] in TITLES:
        toks = toks[1:]
        had_title = True
    while len(toks) > 1 and toks[-1] in SUFFIXES:
        toks = toks[:-1]
    return toks, had_title


def surname_key(tokens: list[str]) -> str:
    """Translit key of the last name token, particle removed ("al-hakkimi" -> "hakimi")."""
    return translit(strip_particle(tokens[-1])) if tokens else ""


def given_key(tokens: list[str]) -> str:
    """Translit key of the first name token."""
    return translit(tokens[0]) if tokens else ""


def country_key(word_seq: list[str]) -> str:
    """A comparable key for a country prefix ("quendorian" / "quendor" -> "quen", "u.s." -> "us")."""
    joined = " ".join(word_seq)
    if joined in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[joined]
    if len(word_seq) > 1:
        return joined
    return joined[:4]


def org_core(tokens: list[str]) -> list[str]:
    """Rewrite an organisation's words to a canonical order and drop generic trailing words.

    "department of finance" -> "finance department"; "ministry of foreign affairs" -> "foreign ministry";
    "zira news agency" -> "zira".
    """
    toks = [t for t in tokens if t not in {"the"}]
    # "X of (the) Y" for a few institution heads -> "Y X"
    heads = {"department", "ministry", "office", "bureau", "secretariat"}
    if len(toks) >= 3 and toks[0] in heads and toks[1] == "of":
        toks = toks[2:] + [toks[0]]
    elif len(toks) >= 4 and toks[1] in heads and toks[2] == "of":  # a prefix not known as a place
        toks = toks[:1] + toks[3:] + [toks[1]]
    # written abbreviations of generic words: "state TV" is "state television", "the DA's office" the
    # district attorney's
    toks = [w for t in toks for w in _EXPANSIONS.get(t, (t,))]
    if len(toks) >= 2 and toks[-2:] == ["da", "office"]:
        toks = toks[:-2] + ["district", "attorney", "office"]
    if "affairs" in toks and "ministry" in toks:
        toks = [t for t in toks if t != "affairs"]
    changed = True
    while changed:
        changed = False
        for tail in ORG_TRAILING:
            n = len(tail)
            if len(toks) > n and tuple(toks[-n:]) == tail:
                toks = toks[:-n]
                changed = True
    if len(toks) == 2 and toks[1] == "agency":
        toks = toks[:1]
    return toks


def highway_key(tokens: list[str]) -> str | None:
    """ "interstate 35" / "i-35" / "i 35" -> "interstate 35"; None when not a highway name."""
    m = _HIGHWAY.match(" ".join(tokens))
    return f"interstate {m.group(1)}" if m else None


def initials(tokens: list[str]) -> str:
    """First letters of the content words: ["zorvan", "observatory", "for", "human", "rights"] -> "zohr"."""
    return "".join(t[0] for t in tokens if t not in ACRONYM_STOP and t[0].isalpha())


def is_acronym(surface: str) -> bool:
    """Whether a surface form looks like an acronym: "ZOHR", "U.N.", "QPD" (2-6 capitals, periods allowed)."""
    letters = surface.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def acronym_of(acronym: str, tokens: list[str]) -> bool:
    """Whether ``acronym`` (folded letters) abbreviates ``tokens``, with or without function words."""
    if len(tokens) < 2:
        return False
    letters = acronym.replace(".", "")
    return letters in (initials(tokens), "".join(t[0] for t in tokens if t))


# US states and the AP-style abbreviations news writes after a place ("Tamarac, Fla.", "a Minn. man").
US_STATES = _wordset(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii",
    "idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan",
    "minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania",
    "tennessee texas utah vermont virginia washington wisconsin wyoming",
) | frozenset(
    ("new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota")
    + ("rhode island", "south carolina", "south dakota", "west virginia")
)
STATE_ABBREVIATIONS = _pairs(
    "ala:alabama ariz:arizona ark:arkansas calif:california cal:california colo:colorado",
    "conn:connecticut del:delaware fla:florida ga:georgia ill:illinois ind:indiana kan:kansas",
    "kans:kansas ky:kentucky la:louisiana md:maryland mass:massachusetts mich:michigan minn:minnesota",
    "miss:mississippi mo:missouri mont:montana neb:nebraska nebr:nebraska nev:nevada nh:new_hampshire",
    "nj:new_jersey nm:new_mexico ny:new_york nc:north_carolina nd:north_dakota okla:oklahoma",
    "ore:oregon pa:pennsylvania ri:rhode_island sc:south_carolina sd:south_dakota tenn:tennessee",
    "tex:texas vt:vermont va:virginia wash:washington wva:west_virginia wis:wisconsin wisc:wisconsin",
    "wyo:wyoming",
)


def state_of(surface: str) -> str | None:
    """The US state an abbreviation with its period names ("Minn." -> "minnesota", "N.J." -> "new jersey").

    Only written abbreviations count (the period is required: "Mo." is Missouri, "Mo" may be a name);
    a state written in full is returned as itself. None for anything else.
    """
    folded = fold(surface).strip()
    key = " ".join(words(folded))
    if key in US_STATES:
        return key
    if not folded.endswith("."):
        return None
    return STATE_ABBREVIATIONS.get(key.replace(" ", ""))


def generation(text: str) -> str | None:
    """The generational suffix of a written name: "DeOrr Kunz Sr." -> "sr", "John Doe III" -> "iii"."""
    toks = words(text.replace(",", " "))
    return GENERATIONS.get(toks[-1]) if len(toks) > 1 else None


def given_names_agree(a: str, b: str) -> bool:
    """Whether two folded given names may be one person's: equal, or a usual short form ("bill"/"william",
    "joe"/"joseph") of the same full name."""
    if a == b:
        return True
    full_a, full_b = NICKNAMES.get(a, a), NICKNAMES.get(b, b)
    return full_a == full_b
