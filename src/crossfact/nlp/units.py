"""Lexicons for the value extractor: units, currencies, hedges, and a rule lemmatiser for counted nouns."""

from __future__ import annotations

import re

#: Duration unit words -> canonical abbreviation.
DURATION_UNITS: dict[str, str] = {}
for _abbr, _words in {
    "s": ("second", "seconds", "sec", "secs"),
    "min": ("minute", "minutes", "min", "mins"),
    "h": ("hour", "hours", "hr", "hrs", "h"),
    "d": ("day", "days"),
    "wk": ("week", "weeks", "wk", "wks"),
    "mo": ("month", "months"),
    "y": ("year", "years", "yr", "yrs"),
    "dec": ("decade", "decades"),
    "c": ("century", "centuries"),
}.items():
    for _w in _words:
        DURATION_UNITS[_w] = _abbr

#: Hours in one of each canonical duration unit (months and years on the calendar average).
HOURS_PER_UNIT: dict[str, float] = {
    "s": 1 / 3600, "min": 1 / 60, "h": 1.0, "d": 24.0, "wk": 168.0, "mo": 730.5, "y": 8766.0,
    "dec": 87660.0, "c": 876600.0,
}  # fmt: skip

#: Measure unit words -> canonical abbreviation.
MEASURE_UNITS: dict[str, str] = {}
for _abbr, _words in {
    "in": ("inch", "inches"),
    "ft": ("foot", "feet", "ft"),
    "yd": ("yard", "yards"),
    "mi": ("mile", "miles"),
    "km": ("kilometer", "kilometers", "kilometre", "kilometres", "km", "kms"),
    "m": ("meter", "meters", "metre", "metres"),
    "cm": ("centimeter", "centimeters", "centimetre", "centimetres", "cm"),
    "mm": ("millimeter", "millimeters", "millimetre", "millimetres", "mm"),
    "kg": ("kilogram", "kilograms", "kilo", "kilos", "kg", "kgs"),
    "g": ("gram", "grams"),
    "lb": ("pound", "pounds", "lb", "lbs"),
    "t": ("ton", "tons", "tonne", "tonnes"),
    "acre": ("acre", "acres"),
    "ha": ("hectare", "hectares"),
    "gal": ("gallon", "gallons"),
    "l": ("liter", "liters", "litre", "litres"),
    "bbl": ("barrel", "barrels"),
    "deg": ("degree", "degrees"),
    "mph": ("mph",),
    "km/h": ("kph", "kmh"),
    "kt": ("knot", "knots"),
    "block": ("block",),
    "storey": ("storey", "storeys", "story", "stories", "floor", "floors"),
    "MW": ("megawatt", "megawatts", "mw"),
}.items():
    for _w in _words:
        MEASURE_UNITS[_w] = _abbr

#: Currency symbols and words -> ISO code.
CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD", "C$": "CAD", "A$": "AUD", "NZ$": "NZD", "HK$": "HKD", "$": "USD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW", "₺": "TRY",
}  # fmt: skip
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "sterling": "GBP", "gbp": "GBP", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
    "rub": "RUB", "yuan": "CNY", "renminbi": "CNY", "cny": "CNY", "yen": "JPY", "jpy": "JPY",
    "rupee": "INR", "rupees": "INR", "inr": "INR", "franc": "CHF", "francs": "CHF", "chf": "CHF",
    "lira": "TRY", "liras": "TRY", "hryvnia": "UAH", "hryvnias": "UAH", "shekel": "ILS", "shekels": "ILS",
    "won": "KRW", "pesos": "MXN", "rand": "ZAR", "naira": "NGN",
}  # fmt: skip
CURRENCY_CODE_RE = re.compile(r"\b(USD|EUR|GBP|RUB|CNY|JPY|INR|CHF|CAD|AUD|TRY|UAH)\s*$")

#: Hedge phrases (lower case) -> qualifier.
HEDGES: dict[str, str] = {}
for _q, _phrases in {
    "about": (
        "approximately",
        "approx.",
        "about",
        "around",
        "some",
        "roughly",
        "nearly",
        "almost",
        "close to",
        "an estimated",
        "estimated",
        "circa",
        "more or less",
        "just about",
        "~",
    ),
    "more than": (
        "more than",
        "over",
        "above",
        "upwards of",
        "in excess of",
        "greater than",
        "just over",
        "well over",
        "exceeding",
        "higher than",
    ),
    "less than": ("less than", "under", "fewer than", "below", "just under", "well under", "lower than"),
    "at least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than"),
    "at most": (
        "at most",
        "up to",
        "no more than",
        "not more than",
        "as many as",
        "as much as",
        "a maximum of",
    ),
}.items():
    for _p in _phrases:
        HEDGES[_p] = _q
HEDGE_RE = re.compile(
    r"(?:^|(?<=[^\w]))(?P<hedge>"
    + "|".join(re.escape(p) for p in sorted(HEDGES, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)
#: Hedges that sit below the stated number ("nearly six" is a bit under six).
BELOW_HEDGES = frozenset({"nearly", "almost"})

#: Relative tolerance of "about".
ABOUT_TOLERANCE = 0.1

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip

#: Words before a number that make it an identifier, not a value ("Interstate 35", "Flight 370").
IDENT_PREFIXES = frozenset(
    [
        "interstate",
        "i",
        "route",
        "highway",
        "hwy",
        "no",
        "no.",
        "number",
        "flight",
        "room",
        "article",
        "section",
        "chapter",
        "resolution",
        "page",
        "level",
        "category",
        "grade",
        "channel",
        "gate",
        "terminal",
        "platform",
        "unit",
        "station",
        "precinct",
        "district",
        "ward",
        "local",
        "act",
        "title",
        "apollo",
        "model",
        "version",
        "phase",
        "stage",
        "round",
        "part",
        "vol",
        "volume",
        "season",
        "episode",
        "lot",
        "suite",
        "box",
        "pier",
        "exit",
        "road",
        "street",
        "avenue",
        "seat",
    ]
)
STREET_SUFFIXES = frozenset(
    [
        "street",
        "st",
        "avenue",
        "ave",
        "road",
        "rd",
        "boulevard",
        "blvd",
        "drive",
        "dr",
        "lane",
        "ln",
        "way",
        "place",
        "pl",
        "court",
        "ct",
        "highway",
        "parkway",
    ]
)
#: Verbs after which a bare number counts people ("killed two", "wounded 30").
CASUALTY_VERBS = frozenset(
    [
        "killed",
        "killing",
        "kill",
        "kills",
        "wounded",
        "wounding",
        "injured",
        "injuring",
        "hurt",
        "arrested",
        "detained",
        "rescued",
        "evacuated",
        "executed",
    ]
)
#: Adjectives after a number that count people ("27 dead").
CASUALTY_ADJECTIVES = frozenset(["dead", "injured", "wounded", "killed", "missing", "hurt"])

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "nor",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "this",
        "these",
        "those",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "did",
        "do",
        "does",
        "said",
        "says",
        "say",
        "told",
        "after",
        "before",
        "during",
        "since",
        "until",
        "while",
        "as",
        "than",
        "if",
        "when",
        "where",
        "because",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "around",
        "more",
        "less",
        "per",
        "each",
        "apiece",
        "it",
        "they",
        "he",
        "she",
        "we",
        "you",
        "i",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "not",
        "no",
        "also",
        "all",
        "both",
        "other",
        "others",
        "so",
        "such",
        "too",
        "very",
        "just",
        "only",
        "even",
        "still",
        "then",
        "there",
        "here",
        "ago",
        "later",
        "earlier",
        "last",
        "next",
        "most",
        "out",
        "up",
        "down",
        "off",
        "away",
        "back",
        "including",
        "among",
        "between",
        "against",
        "without",
        "within",
        "through",
        "across",
        "along",
        "near",
        "percent",
        "per",
        "cent",
        "via",
        "amid",
        "despite",
        "toward",
        "towards",
        "upon",
        "whether",
        "what",
        "why",
        "how",
        "again",
        "already",
        "yet",
        "ever",
    ]
)

IRREGULAR_LEMMAS: dict[str, str] = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "police": "police", "personnel": "personnel",
    "staff": "staff", "sheep": "sheep", "aircraft": "aircraft", "deer": "deer", "fish": "fish",
    "series": "series", "species": "species", "data": "data", "media": "media", "crises": "crisis",
    "analyses": "analysis", "bases": "base", "lives": "life", "wives": "wife", "knives": "knife",
    "leaves": "leaf", "thieves": "thief", "halves": "half", "troops": "troop",
}  # fmt: skip
_PLURAL_IRREGULAR = frozenset(k for k, v in IRREGULAR_LEMMAS.items() if k != v) | {"police", "personnel"}


def lemma(word: str) -> str:
    """Rule lemma of a counted noun: "vehicles" -> "vehicle", "people" -> "person", "gunmen" -> "gunman"."""
    w = word.lower()
    if w in IRREGULAR_LEMMAS:
        return IRREGULAR_LEMMAS[w]
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z)es$", w):
        return w[:-2]
    if w.endswith("s") and not re.search(r"(?:ss|us|is)$", w) and len(w) > 3:
        return w[:-1]
    return w


def is_plural(word: str) -> bool:
    """Whether ``word`` looks like a plural noun."""
    w = word.lower()
    if w in _PLURAL_IRREGULAR or (w.endswith("men") and len(w) > 4):
        return True
    return lemma(w) != w
