"""Named-entity mentions: spaCy's NER with general corrections for news text.

The small English model often mislabels people in news (a surname after a title tagged ORG, a name after
"cited" tagged WORK_OF_ART), glues a determiner or a possessive "'s" into a span and misses a name that
follows a role title. The corrections below are general rules (title and role words, organisation keywords,
wire agencies, appositions, and consistency of one surface form within the article); none names anything
from a particular story.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from crossfact.analysis import names as nm
from crossfact.model import Mention, Sentence
from crossfact.nlp import entity_spans as sp


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozenset (for the word lists below)."""
    return frozenset(text.split())


NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
# labels the model uses loosely; a weak cue is enough to relabel these as a person
MISC_LABELS = frozenset({"NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})

# Personal titles and roles that precede a person's name ("Ambassador X", "spokeswoman X", "Det. X").
TITLES = words(
    """
    mr mrs ms miss dr prof president vice-president ambassador secretary minister premier chancellor
    senator sen rep representative congressman congresswoman gov governor mayor judge justice
    spokesman spokeswoman spokesperson envoy emissary adviser advisor aide chief director chairman
    chairwoman chair ceo founder commissioner prosecutor attorney lawyer counsel detective det
    officer sergeant sgt captain capt lieutenant lt colonel col general gen major maj commander cmdr
    admiral adm inspector insp superintendent supt constable sheriff deputy pastor reverend rev
    father bishop pope king queen prince princess sheikh emir sultan lord lady dame sir professor
    doctor coach manager leader activist analyst expert correspondent reporter journalist editor
    author witness resident mother father son daughter brother sister wife husband uncle aunt
    grandmother grandfather singer actor actress player striker midfielder defender goalkeeper
    councilman councilwoman councillor alderman speaker lawmaker legislator diplomat negotiator
    official chancellor quarterback linebacker pitcher
    """
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Keywords that make a span an organisation ("Foreign Ministry", "Federal Security Service").
ORG_KEYWORDS = words(
    """
    ministry department agency service council police office court university inc inc. corp corp.
    corporation company co co. ltd ltd. llc plc group association institute organisation
    organization union board authority bureau committee commission party army navy force forces
    observatory foundation embassy consulate parliament senate congress assembly administration
    network television tv radio press federation coalition movement brigade brigades guard patrol
    fund bank school hospital church news times post journal tribune herald gazette telegraph daily
    channel airlines airways agency kremlin pentagon society league klan alliance brotherhood
    """
)
# Wire agencies and broadcasters commonly cited in news; all-caps names are organisations, not people.
WIRE_AGENCIES = words(
    """
    ap afp reuters tass ria interfax xinhua upi dpa ansa efe sana irna kcna yonhap kyodo bbc cnn nbc
    abc cbs pti bernama anadolu aa
    """
)
# Nouns that, in an apposition ("X, a Russian-American citizen who ..."), say X is a person: places and
# organisations never take them, so they are strong cues even against a place label.
PERSON_NOUNS = words(
    """
    citizen national man woman boy girl teenager teen child son daughter mother father wife husband
    resident native immigrant migrant refugee student worker veteran widow widower grandmother
    grandfather businessman businesswoman dual-national
    """
)
# Last words of facility names ("Simms Car Wash", "Harbor Diner"): such a span is a place, not a person.
FACILITY_HEADS = words(
    """
    wash diner restaurant cafe café bar pub store shop market mall supermarket hotel motel inn stadium
    arena airport station terminal bridge tower plaza square street avenue road boulevard highway lane
    drive park zoo museum theater theatre cinema clinic pharmacy garage mosque synagogue cathedral
    temple chapel prison jail courthouse
    """
)
# Titles that end what stands before a name inside one span ("Green Beret Sgt Joe Serna").
_INNER_TITLES = words("sgt sergeant lt lieutenant capt captain col colonel maj cpl pvt det detective officer")
_SPEECH_VERBS = words("say tell add explain recall testify insist warn")
# Social networks and platforms: named in boilerplate ("Follow us on Twitter"), never people.
PLATFORMS = words("twitter facebook instagram youtube tiktok whatsapp telegram linkedin snapchat reddit")
# Lower-case nouns that mark a preceding name as a place ("the Kavreh district", "Kelby neighbourhood").
PLACE_NOUNS = words(
    """
    district neighbourhood neighborhood suburb suburbs province region governorate town village city
    county area quarter borough municipality
    """
)
# Lower-case nouns right after a name that make it a facility ("Kerrow supermarket", "the X estate").
FACILITY_NOUNS = words(
    """
    supermarket market mall store shop hotel restaurant cafe hospital clinic mosque church school
    estate compound residence mansion ranch farm building complex stadium airport base camp prison
    """
)
# Lower-case nouns right after a name that make it a natural place ("the Alta X range").
NATURAL_NOUNS = words(
    "range mountains mountain river valley desert coast peninsula sea lake basin plain plains"
)
# First words of event names ("Hurricane X", "Superstorm X", "Operation X").
EVENT_HEADS = words("hurricane superstorm typhoon cyclone storm tropical operation")
# Last words of event names ("the Lindell Murder", "the Oakvale Massacre"): never a person's surname.
EVENT_TAILS = words("murder murders killing killings massacre shooting shootings scandal bombing")
# Single generic words that are never a name on their own ("the State has the burden", "Police said").
GENERIC_WORDS = words(
    """
    state government department ministry office agency police court council city county army
    administration committee commission authority service federal national
    """
)
_HIGHWAY = re.compile(r"^(?:Interstate|I|Highway|Route|US|U\.S\.|State Route|SR)[- ]?\d+[A-Z]?$")
DETERMINERS = ("the ", "The ", "a ", "A ", "an ", "An ")
_NUMERIC = re.compile(r"^[\d\s.,:/%$€£-]+$|^\d+(?:st|nd|rd|th|s|'s)$")
_DATE_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    today yesterday tomorrow
    """
)


# Lower-case nouns after a name that only a place takes ("Boulder police", "an Anaheim resident").
PLACE_MODIFIED = words("police resident residents native natives")
# Lower-case nouns after a name that only a group or an organisation takes ("Klan members").
GROUP_MODIFIED = words("member members membership leader leaders leadership chapter chapters")
# Lower-case nouns that, between an article and a name, make the name a place ("a Lauderhill man").
LOCAL_PERSON_NOUNS = words("man woman boy girl teen teenager couple family resident native")
# Office titles that head an agency: "Broward Sheriff's detectives" names the office, not a person.
AGENCY_TITLES = words("sheriff coroner marshal prosecutor")
# Verbs whose "in X" names a place ("based in X", "lives in X", "born in X").
IN_PLACE_VERBS = words("base based live bear born locate located headquarter headquartered reside")
_ARTICLES = words("the a an another")
# Nouns after a possessive that only a company takes ("X's CEO", "X's shares").
COMPANY_NOUNS = words("ceo cfo shares stock headquarters shareholders")


# Lower-case nouns after a name that make it an eponym, not the person ("Williams syndrome").
EPONYM_NOUNS = words("syndrome disease disorder effect")
# Last words of the lower-case institutions the span repairs find ("the sheriff's office", "state TV").
_LOWER_ORG_LAST = words("office television tv radio media agency broadcaster department")
# Characters that never stand inside a name: the span ran over a sentence or a headline's end.
_JUNK_INSIDE = re.compile(r"[!?\u201c\u201d\u2014)\]|]")


def _is_junk(text: str, label: str) -> bool:
    """A span that is no name: no capital letter at all ("n't", "gore"; lower-case institutions found by
    the span repairs excepted), or punctuation inside it ("Pencils!\u201dGET", "HealthDay)\u2014A")."""
    if not any(c.isupper() for c in text):
        return not (label == "ORG" and text.split()[-1].lower() in _LOWER_ORG_LAST)
    return _JUNK_INSIDE.search(text[:-1]) is not None


def _eponym(doc: Any, end: int) -> bool:
    """The name is followed by "syndrome", "disease" ("Williams syndrome", "Parkinson's disease")."""
    k = end + 1 if end < len(doc) and doc[end].tag_ == "POS" else end
    return k < len(doc) and doc[k].lower_ in EPONYM_NOUNS and doc[k].text.islower()


def _before_state(doc: Any, end: int) -> bool:
    """The name is followed by ", <US state>" ("Tamarac, Fla.", "Evanston, Ill.-based"): a place."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    for n in (2, 1):
        span = doc[end + 1 : end + 1 + n]
        if len(span) != n or not span[0].text[:1].isupper():
            continue
        text = span.text
        nxt = doc[end + 1 + n] if end + 1 + n < len(doc) else None
        if nxt is not None and nxt.text == "." and not text.endswith("."):
            text += "."
        if nm.state_of(text.split("-")[0]) or nm.state_of(text.split("-")[0] + "."):
            return nxt is None or not nxt.text[:1].isupper() or nxt.is_sent_start
    return False


def _is_date_or_number(text: str) -> bool:
    """Pure numbers ("2023", "1990s") and dates ("Monday", "March 19, 2012")."""
    if _NUMERIC.match(text):
        return True
    words = [w.strip(".,").lower() for w in text.split()]
    return all(w in _DATE_WORDS or w.isdigit() or _NUMERIC.match(w) for w in words if w)


_TRAILING_WORDS = frozenset({"at", "of", "in", "for", "and", "the", "on", "to", "&", "or", "from", "by"})
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.[A-Z]\.|\b[A-Z][a-z]{1,3}\.)$")
_TRAILING = ".,;:!?\"“”'‘’()[]-–— "


def _label_votes(spans: Sequence[tuple[int, int, str, str]]) -> dict[str, str]:
    """Surface forms the article labels PERSON (as a full name's surname or by majority): form -> PERSON."""
    votes: dict[str, Counter[str]] = {}
    surnames: set[str] = set()
    for _s, _e, text, label in spans:
        votes.setdefault(text, Counter())[label] += 1
        words = text.split()
        if label == "PERSON" and len(words) >= 2:
            surnames.add(words[-1])
    # a single name the article mostly tags as a person ("Vasko ... Vasko said") makes the full name
    # ending in it ("Petros Vasko", tagged WORK_OF_ART once) a person too
    singles = {
        text
        for text, counter in votes.items()
        if len(text.split()) == 1 and counter["PERSON"] * 2 > sum(counter.values())
    }
    result = {}
    for text, counter in votes.items():
        words = text.split()
        if (
            text in surnames
            or (words and words[-1] in surnames)
            or (len(words) in (2, 3) and words[-1] in singles)
            or counter["PERSON"] * 2 >= sum(counter.values())
        ):
            result[text] = "PERSON"
    # "Marisol's death" tagged ORG beside the full name "Marisol Quent": the person's given name
    givens = {w[0] for w in (t.split() for t in result) if len(w) in (2, 3) and len(w[0]) >= 3}
    for text, counter in votes.items():
        if text in givens and not text.isupper() and set(counter) <= {"ORG", "PERSON"}:
            result[text] = "PERSON"
    return result


def _has_org_keyword(text: str) -> bool:
    return any(w.lower().strip(".,") in ORG_KEYWORDS for w in text.split())


def _is_name_like(tokens: Sequence[Any]) -> bool:
    """All tokens proper nouns starting with a capital (hyphens and "al-" particles allowed)."""
    words = [t for t in tokens if not t.is_punct]
    return bool(words) and all(t.pos_ == "PROPN" and (t.text[:1].isupper() or "-" in t.text) for t in words)


def _is_capitalised(tokens: Sequence[Any]) -> bool:
    """All word tokens start with a capital (the tagger may read a surname such as "Price" as a noun)."""
    words = [t for t in tokens if not t.is_punct]
    return bool(words) and all(t.text[:1].isupper() or "-" in t.text for t in words)


def _prev_word(doc: Any, i: int) -> str:
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in {"(", "“", '"'}):
        j -= 1
    return doc[j].text.lower().rstrip(".") if j >= 0 else ""


def _person_cue_after(doc: Any, end: int, strong_only: bool = False) -> bool:
    """Person cues after a span: ", who", ", 38,", ", a ... citizen" (strong); a role apposition,
    "as saying" (weak)."""
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1]
        age = (
            nxt.text.isdigit() and 0 < int(nxt.text) < 120 and end + 2 < len(doc) and doc[end + 2].text == ","
        )
        if nxt.lower_ == "who" or age:
            return True
        # apposition with a role: "X, the deputy assistant secretary of state", "X, a dual citizen";
        # not after an opening phrase ("In Quendor, a woman who ..."), where the noun starts the clause
        root = doc[end - 1]
        if root.dep_ == "pobj" and root.head.is_sent_start:
            return False
        k = end + 1
        if doc[k].lower_ in {"the", "a", "an"}:
            k += 1
        for i in range(k, min(k + 5, len(doc))):
            t = doc[i]
            if t.is_punct and t.text != "-":
                break
            if t.pos_ != "NOUN":
                continue
            # "In Quendor, a woman who ...": the noun is the subject of the clause, not an apposition
            if t.dep_ in {"nsubj", "nsubjpass"}:
                break
            # "X, local activist Nurredin Abdo": the role introduces another person's name
            if i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and doc[i + 1].text[:1].isupper():
                break
            if t.lower_ in PERSON_NOUNS:
                return True
            if t.lower_ in TITLES and not strong_only:
                return True
    return (
        not strong_only and end + 1 < len(doc) and doc[end].lower_ == "as" and doc[end + 1].lower_ == "saying"
    )


def _next_noun_after_list(doc: Any, end: int) -> int:
    """Index of the first token after ``end`` that is not part of a list of capitalised names.

    "the Bab Kelby, Varlo and Karm al-Ostir districts": from the end of "Bab Kelby", skip ", Varlo
    and Karm al-Ostir" to "districts". At most eight tokens are skipped.
    """
    k = end
    limit = min(len(doc), end + 9)
    while k < limit:
        t = doc[k]
        if t.text == "," or t.lower_ in {"and", "or"} or t.text[:1].isupper() or t.text.startswith("al-"):
            k += 1
            continue
        break
    return k


def _place_context(doc: Any, start: int, end: int) -> str:
    """The kind of place a lower-case noun around the span makes it: "GPE", "FAC", "LOC" or "".

    "the Kelby district", "the Varlo and Ostir areas", "neighbourhood of Kelby", "Abdora, home village
    of ..." give GPE; "Kerrow supermarket", "the Kerrow estate" FAC; "the Alta Verde range" LOC.
    """
    k = _next_noun_after_list(doc, end)
    for j in (end, k):
        if j < len(doc) and doc[j].text.islower():
            word = doc[j].lower_
            if word in PLACE_NOUNS or (word.endswith("s") and word[:-1] in PLACE_NOUNS):
                return "GPE"
            if j == end and word in FACILITY_NOUNS:
                return "FAC"
            if j == end and word in NATURAL_NOUNS:
                return "LOC"
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS:
        return "GPE"
    # apposition: "X, home village of", "X, a town in"
    if end + 1 < len(doc) and doc[end].text == ",":
        for t in doc[end + 1 : min(len(doc), end + 4)]:
            if t.lower_ in PLACE_NOUNS and t.text.islower() and t.dep_ != "compound":
                return "GPE"
            if t.pos_ not in {"DET", "ADJ", "NOUN"} or t.lower_ in PERSON_NOUNS:
                break
    return ""


def _is_group_plural(text: str) -> bool:
    """A single capitalised plural of a "-man" noun ("Klansmen", "Tribesmen"): a group, not a name."""
    return " " not in text and len(text) >= 7 and text.endswith("men") and text[1:].islower()


def _after_person(doc: Any, start: int) -> bool:
    """The span follows "<person> of" or "<person>, of" ("Ana Ruiz of Laguna Verde"): a person's home."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    k = start - 2
    if doc[k].text == "," and k > 0:
        k -= 1
    return doc[k].ent_type_ == "PERSON" and doc[k].text[:1].isupper()


def _context_label(doc: Any, start: int, end: int, label: str, places: frozenset[str]) -> str:
    """A label the words around a span force on it, or "" when they say nothing.

    A name directly followed by "police" or "resident" ("Boulder police", "an Anaheim resident") is a
    place when the model reads it as a person, or as an organisation the article also tags as a place;
    a name between an article and "man"/"woman" ("a Lauderhill man") is a place; "based in", "born in"
    before it make it a place; a person's name "of" it ("Ana Ruiz of Laguna Verde") makes it a place.
    A single word after "the"/"a" that heads its phrase ("the Klan staged", "the Klansmen were"), or one
    followed by "members"/"leaders", is a group or organisation, not a person; so is a plural of a
    "-man" noun ("Klansmen"). A two-word "person" ending in an agency title followed by a possessive or
    a noun ("Broward Sheriff's detectives") is the agency.
    """
    tokens = doc[start:end]
    text = tokens.text
    nxt = doc[end] if end < len(doc) else None
    prev = doc[start - 1] if start > 0 else None
    nxt_lower = nxt.lower_ if nxt is not None and nxt.text.islower() else ""
    if label not in {"PERSON", "ORG", "FAC"} or text.isupper():
        return ""
    if nxt_lower in PLACE_MODIFIED and (label == "PERSON" or text in places):
        return "GPE"
    if prev is not None and prev.lower_ in _ARTICLES and nxt_lower in LOCAL_PERSON_NOUNS:
        return "GPE"
    if prev is not None and prev.lower_ == "in" and start >= 2 and doc[start - 2].lower_ in IN_PLACE_VERBS:
        return "GPE"
    if label != "PERSON":
        return ""
    if _after_person(doc, start):
        return "GPE"
    if any(c.isdigit() for c in text):
        return "PRODUCT"  # "Brewmatic 2.0": no person's name has a figure in it
    if end - start == 1:
        if _is_group_plural(text):
            return "NORP"
        head = tokens[0].dep_ != "compound" and not (nxt is not None and nxt.pos_ == "PROPN")
        if prev is not None and prev.lower_ in _ARTICLES and head:
            return "NORP" if text.endswith(("man", "men")) else "ORG"
        if nxt_lower in GROUP_MODIFIED:
            return "ORG"
        after = doc[end + 1] if nxt is not None and nxt.tag_ == "POS" and end + 1 < len(doc) else None
        if after is not None and after.lower_ in COMPANY_NOUNS:
            return "ORG"  # "X's CEO", "X's shares"
    elif tokens[-1].lower_ in AGENCY_TITLES and nxt is not None and (nxt.tag_ == "POS" or nxt_lower):
        return "ORG"
    return ""


def _correct_label(
    doc: Any,
    start: int,
    end: int,
    label: str,
    text: str,
    votes: dict[str, str],
    places: frozenset[str] = frozenset(),
) -> str:
    """The corrected label of one span; "" when the span is no name at all (an imperative "Copy ...").

    ``places`` are the surface forms the article's model tags as a place (GPE or LOC).
    """
    tokens = doc[start:end]
    lower = text.lower()
    if _HIGHWAY.match(text):
        return "LOC"
    if label in {"GPE", "ORG"} and len(tokens) == 1 and tokens[0].tag_ == "JJ" and not text.isupper():
        return "NORP"  # "No Quendorian officials": a nationality adjective, not the country
    if lower in WIRE_AGENCIES or (text.isupper() and lower.rstrip(".") in WIRE_AGENCIES):
        return "ORG"
    if lower in PLATFORMS:
        return "ORG"
    if label in {"PERSON", "GPE", "NORP", "WORK_OF_ART", "PRODUCT", "LOC"} and _has_org_keyword(text):
        return "ORG"
    if _has_org_keyword(text):
        return label
    last = text.split()[-1].lower().strip(".,")
    misread = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "LAW"}
    if label in misread and len(text.split()) >= 2 and last in FACILITY_HEADS:
        return "FAC"
    event_like = len(tokens) >= 2 and (tokens[0].lower_ in EVENT_HEADS or tokens[-1].lower_ in EVENT_TAILS)
    if label in {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT"} and event_like:
        return "EVENT"  # "Superstorm Lindy", "Hurricane X", "Operation Y"
    if label == "PERSON":
        # "Copy this code": a sentence-initial verb in the imperative read as a name
        first = tokens[0]
        if len(tokens) == 1 and first.tag_ == "VB" and (first.is_sent_start or first.i == 0):
            return ""
        if _prev_word(doc, start) not in TITLES:
            context = _context_label(doc, start, end, label, places)
            if context:
                return context
        # "the village of X", "the X estate": a place, unless the article shows X as a person's name
        if votes.get(text) != "PERSON" and _prev_word(doc, start) not in TITLES:
            place = _place_context(doc, start, end)
            if place:
                return place
        return label
    if label in {"ORG", "FAC"}:
        context = _context_label(doc, start, end, label, places)
        if context:
            return context
    if label in {"ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"}:
        place = _place_context(doc, start, end)
        if place:
            return place
    if _is_capitalised(tokens) and votes.get(text) == "PERSON":
        return "PERSON"
    if not _is_name_like(tokens):
        return label
    if _prev_word(doc, start) in TITLES:
        return "PERSON"
    # country abbreviations ("US", "U.S.") and places take appositions too: weak cues are not enough there
    if not text.replace(".", "").isupper() and _person_cue_after(doc, end, strong_only=label == "GPE"):
        return "PERSON"
    if label in MISC_LABELS and start > 0 and doc[start - 1].lemma_ in {"cite", "quote"}:
        return "PERSON"
    # "..., Petros Vasko allegedly told the couple": a loosely tagged name as the subject of a speech verb
    root = tokens.root
    speaks = root.dep_ == "nsubj" and root.head.lemma_ in _SPEECH_VERBS
    if label in MISC_LABELS and speaks and len(tokens) >= 2:
        return "PERSON"
    return label


def _clean(doc: Any, start: int, end: int, label: str = "") -> tuple[int, int]:
    """Token range without leading determiners, titles (for people) and trailing possessives/punctuation."""
    while start < end and (
        doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    # "Envoys of Quendor": a sentence-initial common noun glued to the name after "of"/"from"
    if (
        end - start >= 3
        and doc[start].is_sent_start
        and doc[start].tag_ in {"NN", "NNS"}
        and doc[start + 1].lower_ in {"of", "from"}
    ):
        start += 2
    if label == "PERSON":
        # "Lightspeed's Jeremy Liew", "Green Beret Sgt Joe Serna": the name is what follows the
        # possessive or the title inside the span, when two capitalised words follow it
        for k in range(end - 3, start - 1, -1):
            cut = doc[k].tag_ == "POS" or doc[k].lower_.rstrip(".") in _INNER_TITLES
            if cut and all(t.text[:1].isupper() for t in doc[k + 1 : end]):
                start = k + 1
                break
        while end - start > 1 and doc[start].lower_.rstrip(".") in TITLES:
            start += 1
        # a first name the model left out: "Pavel" (compound) before "Gruber"
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i in range(start, end)
            and doc[start - 1].text[:1].isupper()
            and not doc[start - 1].ent_type_
            and doc[start - 1].lower_.rstrip(".") not in TITLES
            and (start < 2 or not (doc[start - 2].pos_ == "PROPN" and doc[start - 2].text[:1].isupper()))
        ):
            start -= 1
    # trailing punctuation, possessives and function words ("University of Quendor at")
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].tag_ == "POS"
        or (end - start > 1 and doc[end - 1].lower_ in _TRAILING_WORDS and doc[end - 1].text.islower())
    ):
        end -= 1
    # "Kirill Zykov / Sputnik": a credit line glued to a name; keep the first part
    for k in range(start, end):
        if doc[k].text in {"/", "|"}:
            end = k
            break
    return start, end


def _char_span(doc: Any, start: int, end: int) -> tuple[int, int, str]:
    s = doc[start].idx
    e = doc[end - 1].idx + len(doc[end - 1].text)
    text = doc[start:end].text  # doc.text rebuilds the whole text on every call
    m = _POSSESSIVE.search(text)
    if m and len(text) > m.end() - m.start() + 1:
        e -= len(m.group(0))
        text = text[: -len(m.group(0))]
    stripped = text.rstrip(_TRAILING)
    # "U.S.", "Calif.": the period of an abbreviation is part of the name
    if (
        stripped != text
        and text[len(stripped) : len(stripped) + 1] == "."
        and _ABBREVIATION.search(text[: len(stripped) + 1])
    ):
        stripped = text[: len(stripped) + 1]
    e -= len(text) - len(stripped)
    return s, e, stripped


def _missed_names(doc: Any, taken: list[bool]) -> list[tuple[int, int]]:
    """Two or three capitalised proper nouns right after a role title that the model left untagged."""
    found = []
    for i, tok in enumerate(doc[:-2]):
        if tok.lower_.rstrip(".") not in TITLES:
            continue
        j = i + 1
        while (
            j < len(doc)
            and j - i <= 3
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and not taken[j]
        ):
            j += 1
        if 2 <= j - (i + 1) <= 3 and not any(doc[k].lower_.rstrip(".") in TITLES for k in range(i + 1, j)):
            found.append((i + 1, j))
    return found


def _place_votes(spans: Sequence[tuple[Any, ...]], labels: Sequence[str]) -> dict[str, str]:
    """Forms the article shows as a place at least once ("the X district") and never as a person."""
    places = {sp[5] for sp, lab in zip(spans, labels, strict=True) if lab == "GPE" and sp[2] != "GPE"}
    people = {sp[5] for sp, lab in zip(spans, labels, strict=True) if lab == "PERSON"}
    return {text: "GPE" for text in places - people}


def _demoted_forms(spans: Sequence[tuple[Any, ...]], labels: Sequence[str]) -> dict[str, str]:
    """Single words the model tags as a person that the context shows, twice or more, as a group or thing.

    "the Klan staged", "X's CEO": every other mention of the word in the article takes the label the
    context gave, unless the word is part of one of the article's full names ("Ivo Pryce").
    """
    pairs = list(zip(spans, labels, strict=True))
    full = {w for sp_, lab in pairs if lab == "PERSON" and " " in sp_[5] for w in sp_[5].split()}
    found: dict[str, Counter[str]] = {}
    for sp_, lab in pairs:
        text = sp_[5]
        if sp_[2] == "PERSON" and " " not in text and lab in {"ORG", "NORP", "PRODUCT"} and text not in full:
            found.setdefault(text, Counter())[lab] += 1
    return {text: c.most_common(1)[0][0] for text, c in found.items() if c.total() >= 2}


def _place_majority(spans: Sequence[tuple[Any, ...]], labels: Sequence[str]) -> set[str]:
    """Forms the article labels a place more often than anything else, and never a person."""
    counts: dict[str, Counter[str]] = {}
    for sp_, lab in zip(spans, labels, strict=True):
        counts.setdefault(sp_[5], Counter())[lab] += 1
    return {text for text, c in counts.items() if c["GPE"] * 2 > sum(c.values()) and not c["PERSON"]}


_Span = tuple[int, int, str, int, int, str]


def _split_coordinated(doc: Any, spans: list[_Span]) -> list[_Span]:
    """Split "Vasko and Rendel" (one span) into two mentions when each side is a person elsewhere.

    Names of organisations and places keep their "and" ("Trinidad and Tobago", "Immigration and
    Customs Enforcement"): a span is split only when both sides stand alone as a person's name, or the
    surname of one, in the same article.
    """
    persons: set[str] = set()
    for _a, _b, label, _s, _e, text in spans:
        if label == "PERSON" and " and " not in text:
            persons.add(text)
            persons.add(text.split()[-1])
    out: list[_Span] = []
    for span in spans:
        start, end, label, _s, _e, text = span
        ands = [k for k in range(start + 1, end - 1) if doc[k].lower_ == "and"]
        if len(ands) != 1 or _has_org_keyword(text):
            out.append(span)
            continue
        k = ands[0]
        parts = [(start, k), (k + 1, end)]
        pieces = [_char_span(doc, a, b) for a, b in parts]
        pairs = zip(pieces, parts, strict=True)
        if all(p[2] in persons and _is_capitalised(doc[a:b]) for p, (a, b) in pairs):
            for (a, b), (s, e, t) in zip(parts, pieces, strict=True):
                out.append((a, b, "PERSON", s, e, t))
        else:
            out.append(span)
    return out


def _repair_spans(doc: Any, raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Span repairs before labelling: split names joined, titles cut off, institutions found."""
    place_texts = {doc[a:b].text for a, b, label in raw if label in {"GPE", "LOC"}}
    spans = sp.merge_split_names(doc, raw)
    spans = sp.strip_trailing_titles(doc, spans, place_texts)
    spans = sp.extend_org_of_place(doc, spans)
    spans = sp.office_spans(doc, spans)
    spans = sp.state_media_spans(doc, spans)
    return sorted(set(spans))


def _is_common_word(doc: Any, start: int, end: int, label: str, text: str, lower_words: set[str]) -> bool:
    """A single capitalised common word read as a name: "Snow is common", "Sleet warnings".

    True for a generic word ("the State has the burden"), and for a word the article also writes in lower
    case that is tagged as a common noun or whose capitalised uses all open a sentence. Places and
    acronyms are kept; the caller keeps the names the article shows as a person's ("Pryce" in "Ivo Pryce").
    """
    if end - start != 1 or label in {"GPE", "LOC"} or text.isupper() or not text[:1].isupper():
        return False
    tok = doc[start]
    if text.lower() in GENERIC_WORDS:
        return True
    if text.lower() not in lower_words:
        return False
    return tok.tag_ in {"NN", "NNS"} or all(t.is_sent_start for t in doc if t.text == text)


def extract_mentions(spacy_doc: Any, sentences: Sequence[Sentence]) -> tuple[Mention, ...]:
    """Named-entity mentions of the article, labels corrected, spans cleaned.

    Args:
        spacy_doc: the spaCy ``Doc`` of the article text (offsets in it are article offsets).
        sentences: the article's sentences from :func:`~crossfact.nlp.sentences.split_sentences`.

    Returns:
        Mentions in text order with name-bearing labels only (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT,
        LAW, PRODUCT, WORK_OF_ART); pure numbers and dates are dropped. A mention never
        crosses a sentence end.
    """
    if spacy_doc is None or not sentences:
        return ()
    raw: list[tuple[int, int, str]] = []
    taken = [False] * len(spacy_doc)
    for ent in spacy_doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _clean(spacy_doc, ent.start, ent.end, ent.label_)
        if end <= start:
            continue
        raw.append((start, end, ent.label_))
        for k in range(ent.start, ent.end):
            taken[k] = True
    for start, end in _missed_names(spacy_doc, taken):
        raw.append((start, end, "PERSON"))
        taken[start:end] = [True] * (end - start)
    for start, end in sp.aged_names(spacy_doc, taken):
        raw.append((start, end, "PERSON"))
    raw = _repair_spans(spacy_doc, raw)
    place_texts: set[str] = set()
    for start, end, label in raw:
        if label in {"GPE", "LOC"}:
            ptext = _char_span(spacy_doc, start, end)[2]
            place_texts.update({ptext, ptext.rstrip(".")})
    spans = []
    parts_at: set[int] = set()  # character starts of the places split out of a compound
    for start, end, label in raw:
        s, e, text = _char_span(spacy_doc, start, end)
        if e <= s:
            continue
        parts = None if label in {"GPE", "LOC", "NORP"} else sp.place_compound_parts(text, place_texts)
        if parts:  # "U.S.-Quendor talks": one place mention per part
            for a, b in parts:
                spans.append((start, end, "GPE", s + a, s + b, text[a:b]))
                parts_at.add(s + a)
            continue
        spans.append((start, end, label, s, e, text))
    spans = _split_coordinated(spacy_doc, spans)
    # two passes: the article's votes are taken over the corrected labels, so that a surname whose full
    # name the corrections made a person ("X Y, who ...") becomes a person too
    places = frozenset(place_texts)
    first = [_correct_label(spacy_doc, a, b, label, text, {}, places) for a, b, label, _s, _e, text in spans]
    corrected = zip(spans, first, strict=True)
    votes = _label_votes([(s, e, text, lab) for (_a, _b, _l, s, e, text), lab in corrected])
    votes.update(_place_votes(spans, first))
    majority_places = _place_majority(spans, first)
    demoted = _demoted_forms(spans, first)
    # words of the article's full names: "Pryce" of "Ivo Pryce" is a name even where tagged as a noun
    name_parts = {
        w for sp_, lab in zip(spans, first, strict=True) if lab == "PERSON" for w in sp_[5].split()[1:]
    }
    lower_words = {t.text for t in spacy_doc if t.text.islower()}
    starts = [s.start for s in sentences]
    full_text = spacy_doc.text  # spaCy rebuilds doc.text on every access: read it once
    mentions: list[Mention] = []
    for start, end, label, s, e, text in spans:
        if not text or _is_date_or_number(text) or not any(c.isalpha() for c in text):
            continue
        if _is_junk(text, label) or (label != "GPE" and _eponym(spacy_doc, end)):
            continue
        if s not in parts_at:
            common = _is_common_word(spacy_doc, start, end, label, text, lower_words)
            if common and text not in name_parts:
                continue
            if votes.get(text) == "GPE" and label in {"ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"}:
                label = "GPE"
            misc = label in {"ORG", "FAC", "PRODUCT", "WORK_OF_ART"}
            if text in majority_places and misc and not _has_org_keyword(text):
                label = "GPE"
            label = _correct_label(spacy_doc, start, end, label, text, votes, places)
            if label == "PERSON" and text in demoted and _prev_word(spacy_doc, start) not in TITLES:
                label = demoted[text]  # "the Klan staged" elsewhere: "Klan supporters" is the group too
            if label and label != "GPE" and _before_state(spacy_doc, end) and not _has_org_keyword(text):
                label = "GPE"  # "Tamarac, Fla.", "Boulder, Colorado, home"
            elif label in {"ORG", "PERSON", "NORP"} and nm.state_of(text) and text.endswith("."):
                label = "GPE"  # "a Minn. man"
        if not label:
            continue
        idx = bisect.bisect_right(starts, s) - 1
        if idx < 0:
            continue
        sent = sentences[idx]
        if s >= sent.end:
            continue
        if e > sent.end:
            e = sent.end
            text = full_text[s:e].rstrip(_TRAILING)
            e = s + len(text)
            if not text:
                continue
        mentions.append(Mention(sentence=sent.index, start=s, end=e, text=text, label=label))
    return tuple(mentions)
