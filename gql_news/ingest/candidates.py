"""Entity candidates: names an article uses that the catalogue does not know yet.

A capitalised name phrase is suggested when the words around it say it is a person or an
organisation and it links to nothing:

- a role word or title before it: "Prime Minister Kiri Tane", "energy minister Jan Novak",
  "chief executive Lars Berg", "Dr Ana Lopes", "Undersecretary Ana Lopes" (the titles of
  role_words.json, hyphenated ones by their parts: "director-general"), or any WordNet noun for
  a person (or a scientist's by the science, "glaciologist") before a name that opens with a given
  name ("his training partner Wilson Cheruiyot"),
  or after a possessive before any name ("Their striker Pape Malick Ndiaye"; not a party to business
  or a contest, often a company or a club: "its partner Hyundai Rotem");
- an appositive with a role word after it: "Jan Novak, the deputy finance minister";
- a role set off by commas before it: "The ministry's spokesman, Ivan Petrov, said", "A trader
  in Alexandria, Mahmoud Fahmy, said" (any WordNet noun for a person counts as a role there, and
  its plural: "One of the women in the film, Beryl Thomas,"),
  "Oman's coach, the Portuguese Nuno Ferreira, said", "Her co-author, Jan de Vries of Leiden
  University, said" (the organisation after "of" is not part of the name), or any noun phrase
  opened by a possessive before a name that opens with a given name ("His Senegalese counterpart,
  Lamine Sarr,");
- a preposition ("by", "from", "to") before a name that opens with a given name and holds no
  place's or body's word: "a header from Moussa Diallo-Sarr", "the prize went to Nadia Benjelloun"
  (not after a word of trade, whose other party is often a company: "sold to Morgan Stanley"; nor
  "by" after a participle before a name of given names only, a company's as often as a person's:
  "arranged by Morgan Stanley", but "a goal by Harry Kane" and a contest's "scored by Harry Kane";
  nor "by" after a noun before such a name and a speech verb, which is the noun's: "A report by
  Morgan Stanley said"); or "by" or "from" before a name of
  words no dictionary, title or place list knows, followed by "of" and a place or a name ("won by
  Tigist Bekele of Ethiopia", "led by Wanjiru Kamau of the University of Nairobi"), "to" only when
  the body writes the name's last word alone later ("went to Hyundai Rotem of South Korea" names a
  contract's party; "went to Eliud Kipchoge of Kenya … Kipchoge said" a winner);
  any of these cues before a name followed by "of" and an organisation ("led by the glaciologist
  Carlo Barbante of the University of Venice");
- a given name first, after a country's possessive or before "of" and a country: "Japan's Kenta
  Mori", "Daniel Moreau of France";
- "who" after its comma: "Helen Tremayne, who milks 180 cows" (an organisation takes "which"),
  "whose" after a name that opens with a given name and is not of given names only ("Lee Dickey,
  whose family"; not "Morgan Stanley, whose bankers"), or an age set off by commas ("Ivo Baldasar,
  63, denies"); an appositive headed by a body's word is no person's ("…, the company"; not
  "…, the Bank of England governor"), nor is a name an apposition calls a place ("the bus to
  Colonia del Sacramento, a town founded by");
- a given name first and the last word written alone later: "Chad Whitfield kicked a penalty
  ... Whitfield, who came on" (not a word that ends a place's or body's name: "Georgia Power");
  two such names joined by "and" are judged apart ("Lena Hoffmann and Sarah Klein started …",
  "met Ivanova and Dmitri Sokolov, who runs");
- a speech verb after it, or "said" before it: "Jan Novak said", "said Jan Novak",
  "Nordvik Energy told reporters";
- at the head of a sentence, when its surname alone later speaks ("Tigist Bekele of Ethiopia won
  ... “…,” Bekele said") or when the next quotation, in the same or the next paragraph and with no
  other sentence subject between, is given to "he" or "she" ("Kemal Aydin, 17, from Izmir, said
  ... “…,” he said"; a sentence opened by a possessive and a noun for a person has that person
  for its subject: "Airtel Africa operates ... Its chief executive, …, said ... “…,” he said");
- "according to" before it: "according to the Freedonian Press Agency";
- a company role in front of it: "the CEO of Nordvik Energy", "a spokesperson for Acme".

No person is suggested right after a preposition of place ("Officials in Buenos Aires said",
"analysts at Morgan Stanley said") unless the name opens with a given name, is not of given names
only and is followed by what commas set off ("aimed at Gareth Southgate, who said"), nor after "its" and a party to business or a contest unless the
name opens with a given name ("Its rival Airbus Defence said"; "Its owner, Jan Novak," is a person);
"Team" opens a team's name ("Team Ineos, 12,").

A person needs two to four name words (one capitalised word before "said" is too often a pronoun or
a surname already linked), with only name particles between them ("dos", "van den", "bin", and
"al-" or "d'" joined to a surname: "Hamdan bin Rashid al-Nuaimi"; not "and"; "Abu" opening one is
its first word: "Abu Khaled al-Masri"), no acronym, and is
not suggested again by its surname alone once its full name was found ("Van den Broeck" after
"Jean-Marc Van den Broeck"); an organisation needs a word like "Ministry", "Bank" or "Group", an
acronym ("NATO"), or a company-role cue. A name that opens with no known given name and is later
written by its first word alone, never by another ("Pampa Alimentos … Pampa's shares"), is a
company's, not a person's. Phrases that overlap a linked mention, or that are written like any
catalogue form (including the ambiguous and the non-entity ones), are never suggested. Text already
dismissed by an editor is not suggested again. Nor is a person whose name holds a word written as
brands are, with a capital inside it that no dictionary or given name explains ("the Bose
QuietComfort Ultra"; not "Marc LeBlanc"), nor a name WordNet gives a non-governmental organisation,
alone or after one word ("the Red Cross said", "the Thai Red Cross said": named_bodies.py).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from gql_news.ingest.country_context import (
    ALNUM_RUN,
    body_words,
    names_a_body,
    names_a_feature,
    names_a_place_or_body,
    of_the_body,
    shipped_country_context,
)
from gql_news.ingest.cue_words import (
    APPOSITIVE_START,
    COMPANY_ROLES,
    CONNECTORS,
    LEADING_STOP,
    NAMED_INDIVIDUALS,
    ORG_WORDS,
    PARTICLES,
    PREPOSITIONS,
    ROLE_NOUNS,
    ROLE_WORDS,
    SPEECH_AFTER,
    TITLES,
)
from gql_news.ingest.linker import Gazetteer, LinkedMention, entities_named, is_known_form
from gql_news.ingest.named_bodies import a_brands_capitals, names_a_named_body
from gql_news.models import CandidateKind

PERSON, ORGANISATION = CandidateKind.PERSON, CandidateKind.ORGANISATION

_WORD = re.compile(r"[^\W_](?:[\w'’.\-]*[^\W_])?|&")
_POSSESSIVE = re.compile(r"['’]s$")
# a plural's possessive and the space after it: "the head of a sheep farmers' union, Yannis Papadakis,"
_PLURAL_POSSESSIVE = ("' ", "’ ")
# the words that open a noun phrase before a plural's possessive: "of a sheep farmers' union"
_PHRASE_OPENERS = frozenset(["a", "an", "the", "of", "for", "at", "in"])
# a surname led by a lower-case particle and a hyphen or apostrophe: "al-Nuaimi", "bin-Zayed", "d'Souza"
_PARTICLE_LED = re.compile(r"(?:al|el|bin|ibn|abu|ben|da|de|di|du|d|l)[-'’][^\W\d_a-z]")
# a possessive determiner: the noun after it is somebody's ("their striker", "his counterpart")
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
# a party to business or a contest, a company or a club as often as a person: "its partner Hyundai
# Rotem", "Minsk's rival Dinamo Brest"
_PARTIES = frozenset(
    {
        "partner",
        "sponsor",
        "rival",
        "client",
        "customer",
        "supplier",
        "owner",
        "buyer",
        "seller",
        "backer",
        "investor",
        "lender",
        "creditor",
        "shareholder",
        "contractor",
        "competitor",
        "insurer",
        "opponent",
        "successor",
        "predecessor",
        "parent",
        "landlord",
        "tenant",
        "distributor",
        "operator",
    }
)
# of those, a thing's ("its rival"): a company or a club; its owner, backer or buyer is often a person
_ITS_PARTIES = _PARTIES - {
    "owner",
    "buyer",
    "seller",
    "backer",
    "investor",
    "shareholder",
    "landlord",
    "tenant",
}
# a preposition before a name that opens with a given name: "a header from Moussa Diallo-Sarr",
# "the race was won by Tigist Bekele", "the prize went to Nadia Benjelloun"
_NAME_PREPOSITIONS = frozenset({"by", "from", "to"})
# an age written as one hyphened word before a name: "12-year-old", "six-month-old"
_AN_AGE_BEFORE = re.compile(r"(?:1[01]\d|\d{1,2}|[a-z]+)-(?:year|month|week)-old")
# a preposition of place before a name: "Officials in Buenos Aires said", "analysts at Morgan Stanley
# said": the name is where the words before it are, and a speech verb after it is theirs
_PLACE_PREPOSITIONS = frozenset({"in", "at", "inside", "outside", "near", "across", "around"})
# a point of the compass or a part of a region between such a preposition and a name ("in
# southwest Nova Scotia", "across northern Victoria"): the name is a place's
_COMPASS_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
        "northwest", "southeast", "southwest", "north-east", "north-west", "south-east", "south-west",
        "northeastern", "northwestern", "southeastern", "southwestern", "central", "upstate", "downtown",
    }
)  # fmt: skip
# before such a preposition, a trade whose other party is a company as often as a person: "sold to
# Morgan Stanley", "bought by Harvey Norman"
_TRADE_VERBS = frozenset(
    {
        "sold",
        "bought",
        "acquired",
        "owned",
        "advised",
        "backed",
        "financed",
        "funded",
        "underwritten",
        "licensed",
        "supplied",
        "leased",
        "lent",
        "borrowed",
        "purchased",
        "taken",
        "run",
        "operated",
        "made",
        "built",
        "loan",
        "loans",
        "order",
        "orders",
        "contract",
        "contracts",
        "stake",
        "bid",
        "offer",
        "investment",
        "payment",
        "payments",
        "deal",
    }
)
_NAME_WORDS_MIN, _NAME_WORDS_MAX = 2, 4
_APPOSITIVE_REACH = 8
# How far after a name the body is read for it again (its surname alone, a quotation given to
# "he" or "she"): a few thousand words, so that each name costs bounded work and a body costs
# work linear in its length, however many names it holds.
_LATER_REACH = 20_000


@dataclass(frozen=True, slots=True)
class FoundCandidate:
    """One suggested name: body[start:end] == text, and the cue word that suggested it."""

    text: str
    kind: CandidateKind
    cue: str
    start: int
    end: int


class _Token(NamedTuple):
    """A word of the body; a tuple, made once per word of every article (`_tokens`)."""

    text: str
    start: int
    end: int
    mention: bool  # inside a linked mention
    lower: str  # text.lower()
    capitalised: bool  # its first character is upper case


def find_candidates(
    body: str, mentions: Sequence[LinkedMention], gazetteer: Gazetteer
) -> list[FoundCandidate]:
    """The candidates of one body, first occurrence of each text, in text order."""
    tokens = _tokens(body, mentions)
    found: dict[str, FoundCandidate] = {}
    for first, last in _split_at_and(tokens, _runs(body, tokens)):
        for candidate in _judge(body, tokens, first, last):
            if candidate.text in found or is_known_form(candidate.text, gazetteer):
                continue
            if candidate.kind == PERSON and (
                _a_brands_word(candidate.text, gazetteer)
                or names_a_named_body(candidate.text)  # "the Red Cross said", "the Thai Red Cross said"
                or _a_country_body(candidate.text, gazetteer)
                or _called_by_its_first_word(body, candidate)
                or _called_a_place(body, candidate)
                or (_a_firm_named_after_someone(body, candidate) and not _set_off_by_a_role(body, candidate))
                or (
                    _of_common_words_only(candidate.text)
                    and not _set_off_by_a_role(body, candidate)
                    and not body.startswith(_WHO_AFTER, candidate.end)  # "China Miller, who owns"
                )
                or (
                    _named_after_a_country(candidate.text, gazetteer)
                    and not _set_off_by_a_role(body, candidate)
                    and not body.startswith(_WHO_AFTER, candidate.end)  # "China Miller, who owns"
                )
            ):
                continue
            if candidate.kind == PERSON:
                candidate = _named_in_full_before(body, candidate)
                if candidate.text in found:
                    continue
            found[candidate.text] = candidate
    ends_another = _ends_another([c.text for c in found.values() if c.kind == PERSON])
    return sorted(
        (c for c in found.values() if not (c.kind == PERSON and ends_another(c.text))),
        key=lambda c: c.start,
    )


def _named_in_full_before(body: str, candidate: FoundCandidate) -> FoundCandidate:
    """The person's full name where the body wrote it before, nearest first, with a given name
    opening it and the candidate's words after ("Youssef El Amrani has coached in five countries
    ... El Amrani said" suggests "Youssef El Amrani", not "El Amrani"); the candidate itself where
    no such name comes before it, or where two given names do ("Fatima El Amrani ... Youssef El
    Amrani ... El Amrani said" names either)."""
    full: set[str] = set()
    nearest: FoundCandidate | None = None
    at = body.rfind(f" {candidate.text}", 0, candidate.start)
    while at > 0:
        given = _A_GIVEN_NAME_BEFORE.search(body, max(0, at - 30), at)
        after = at + 1 + len(candidate.text)
        if (
            given is not None
            and _given_name(given.group(1).lower())
            and not body[after : after + 1].isalnum()
        ):
            start = given.start(1)
            full.add(body[start:after])
            nearest = nearest or FoundCandidate(body[start:after], PERSON, candidate.cue, start, after)
        at = body.rfind(f" {candidate.text}", 0, at)
    return nearest if nearest is not None and len(full) == 1 else candidate


# a capitalised word right before a space: a given name before the rest of a name
_A_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)$")


def _a_firm_named_after_someone(body: str, candidate: FoundCandidate) -> bool:
    """Whether a name opens with a surname WordNet knows only as a named individual, no given
    name, right after "from", "by", "at" or "of" ("a note from Goldman Sachs", "analysts at
    Goldman Sachs"): a firm named after its founder, as such a name is there as often; not
    "Kenya's Collins Kiptanui", whose first word is the given name of a person named by a role."""
    first = candidate.text.split()[0].lower()
    if first not in NAMED_INDIVIDUALS or _given_name(first):
        return False
    return (
        _A_SOURCES_PREPOSITION_BEFORE.search(body, max(0, candidate.start - 8), candidate.start) is not None
    )


_A_SOURCES_PREPOSITION_BEFORE = re.compile(r"(?<![^\W_])(?:from|by|at|of)[^\S\n]+$")


# "who" after a name set off by a comma: a person's relative pronoun, where a firm takes "which"
_WHO_AFTER = (", who ", ", whose ")


_CAPITAL_INSIDE = re.compile(r"[a-z][A-Z]")


def _a_brands_word(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a word of the name is written as brands are, with a capital inside it after
    lower-case letters, and no dictionary or list of given names holds it ("the Bose QuietComfort
    Ultra"): a product's or a firm's name, not a person's ("Marc LeBlanc", "Ian MacRae" are)."""
    if _CAPITAL_INSIDE.search(text) is None or gazetteer.context is None:
        return False  # the plain test first: most names have no capital inside a word
    context = gazetteer.context
    return any(a_brands_capitals(word, context) for word in text.split())


def _a_country_body(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is a country's form followed by a word that names a body ("Kenya Power,
    the electricity distributor"): a company named after the country, not a person."""
    words = text.split()
    return names_a_body(words[-1]) and any(
        kind == "country" for kind, _ in entities_named(" ".join(words[:-1]), gazetteer)
    )


def _named_after_a_country(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a name holds a country's name or demonym and opens with no given name ("China
    Southern said", "Royal Jordanian said"): a company named after the country, not a person.
    "Marcy Jordan" and "Jordan Haddad" open with given names and stay people; a country's name of
    two or more words opening it ("Hong Kong Disneyland", "Costa Rica Airways") is no given name.
    """
    words = text.split()
    if any(
        kind == "country"
        for end in range(2, len(words))
        for kind, _ in entities_named(" ".join(words[:end]), gazetteer)
    ):
        return True
    if _given_name(words[0].lower()):
        return False
    return any(kind == "country" for word in words for kind, _ in entities_named(word, gazetteer))


def _called_by_its_first_word(body: str, candidate: FoundCandidate) -> bool:
    """Whether a name that opens with no known given name is later written by its first word alone
    and never by another of its words ("Pampa Alimentos, the meatpacker … Pampa's shares rose"): a
    company is called by the head of its name, a person by the surname.

    Read within `_LATER_REACH` characters after the name, from the body's words indexed once: a
    word counts where the body writes it whole (no letter or digit either side, judged on the body)
    and it ends within the reach; a word cut by the reach's end is not written there, and a word
    inside the full name written again is the name, not the word alone."""
    words = candidate.text.split()
    if len(words) < 2 or _given_name(words[0].lower()):
        return False
    start, stop, name = candidate.end, candidate.end + _LATER_REACH, candidate.text

    def written(word: str) -> bool:
        def in_the_name(place: int) -> bool:  # the name written again overlaps the word
            return body.find(name, max(0, place - len(name) + 1), place + len(word) + len(name) - 1) >= 0

        return _written_within(body, word, start, stop, in_the_name, ("name", name))

    return written(words[0]) and not any(written(word) for word in words[1:])


def _written_within(
    body: str, word: str, start: int, stop: int, passed_over: Callable[[int], bool], why: Hashable
) -> bool:
    """Whether body[start:stop] writes `word` whole (no letter or digit either side) at a place
    that `passed_over` does not pass over.

    The places are read from the body's words, indexed once (`body_words`), under the word's
    rarest run of letters and digits; what was read for a word and a `why` is kept (the places
    passed over, from the first asked about), so a name the body repeats costs no reading of the
    same stretch again, and each asking reads no further than `stop`. A word that opens or ends
    with no letter or digit (never a name's word: `_WORD`) is not looked for."""
    words: tuple[list[tuple[int, int]], dict[str, list[int]]] = of_the_body(body, "words", body_words)
    runs, by_word = words  # the body's words, indexed once for these and the country rules
    parts = [(run.start(), run.group()) for run in ALNUM_RUN.finditer(word)]
    if not parts or parts[0][0] != 0 or parts[-1][0] + len(parts[-1][1]) != len(word):
        return False
    offset, rarest = min(parts, key=lambda part: len(by_word.get(part[1], ())))
    indexes = by_word.get(rarest)
    if not indexes:
        return False
    size = len(word)

    def begins(found: int) -> int:
        return runs[indexes[found]][0] - offset

    def counts(found: int) -> bool:
        place = begins(found)
        return (
            body.startswith(word, place)
            and not body[place - 1 : place].isalnum()
            and not body[place + size : place + size + 1].isalnum()
            and not passed_over(place)
        )

    read: dict[tuple[str, Hashable], tuple[int, int]] = of_the_body(
        body, "candidates: read within", _nothing_yet
    )
    index = bisect.bisect_left(indexes, start + offset, key=lambda i: runs[i][0])
    read_from, passed = read.get((word, why), (len(indexes) + 1, 0))
    if read_from <= index <= passed:  # all from `index` to `passed` were passed over
        index, found = read_from, passed
    else:
        found = index
    while found < len(indexes) and begins(found) + size <= stop and not counts(found):
        found += 1
    read[(word, why)] = (index, found)
    return found < len(indexes) and begins(found) + size <= stop


# an apposition that calls a name a place: ", a town founded by", ", the old port", ", a village of"
_A_PLACE_AFTER = re.compile(
    r", (?:a|an|the)(?: [a-z]+)?? (?:town|city|village|hamlet|suburb|port|resort|island|province|district)"
    r"(?![\w'’-])(?: ([a-z]+))?"
)


def _called_a_place(body: str, candidate: FoundCandidate) -> bool:
    """Whether an apposition calls the name a place ("the bus to Colonia del Sacramento, a town
    founded by Portugal"): a town's name, though it opens with a given name. A place's noun
    before a noun for a person is that person's role ("Bimala Shahi, a district official")."""
    found = _A_PLACE_AFTER.match(body, candidate.end)
    return found is not None and not (found.group(1) and is_role_noun(found.group(1)))


def _of_common_words_only(text: str) -> bool:
    """Whether a name of two or more words opens with no given name (a demonym may be one:
    "German") and holds only words the dictionary has as common nouns, or demonyms ("World Food
    Programme", "German Weather Service", "Disaster Response Force", "Highland Line"): a body's
    or a thing's name written with capitals, which a speech verb after it does not make a
    person's."""
    words = text.split()
    if len(words) < 2 or not all(word.isalpha() for word in words):
        return False
    context = shipped_country_context()
    lowers = [word.lower() for word in words]
    if _given_name(lowers[0]) and lowers[0] not in context.demonyms:
        return False  # "Rose Hill", "Will Young": a given name opens a person's name
    return all(lower in context.nouns or lower in context.demonyms for lower in lowers)


def _set_off_by_a_role(body: str, candidate: FoundCandidate) -> bool:
    """Whether a name was suggested by a title set off by commas before it ("The chief executive,
    Holland Price, said"): a person, whatever country the name holds. A title right before the
    name is not enough ("the property developer China Evergrande")."""
    return body.endswith(", ", 0, candidate.start) and _is_title(candidate.cue)


def _ends_another(people: list[str]) -> Callable[[str], bool]:
    """Whether a text is the last words of a longer person's name found in the same body
    ("Fernández de Córdoba" after "Luis Fernández de Córdoba"): the same person, by surname.

    The names are sorted written backwards, so each text is one binary search ("abodróC ed"
    before "abodróC ed zednánreF siuL"), not a comparison with every other name."""
    backwards = sorted(name[::-1] for name in people)

    def ends(text: str) -> bool:
        probe = f"{text[::-1]} "
        index = bisect.bisect_left(backwards, probe)
        return index < len(backwards) and backwards[index].startswith(probe)

    return ends


def _tokens(body: str, mentions: Sequence[LinkedMention]) -> list[_Token]:
    spans = sorted((m.start, m.end) for m in mentions)
    spans.append((len(body) + 1, len(body) + 1))  # past every word: the loop needs no bound check
    out: list[_Token] = []
    append, new, particle_led = out.append, tuple.__new__, _PARTICLE_LED.match
    index = end = 0
    span_start, span_end = spans[0]
    find = body.find
    for text in _WORD.findall(body):
        # no letter, digit or "&" between two words, so the word is the first one written after the last
        start = find(text, end)
        end = start + len(text)
        while span_end <= start:
            index += 1
            span_start, span_end = spans[index]
        # a particle-led surname has a hyphen or an apostrophe: most words are not tried
        capitalised = text[0].isupper() or (
            ("-" in text or "'" in text or "’" in text) and particle_led(text) is not None
        )
        append(new(_Token, (text, start, end, span_start < end, text.lower(), capitalised)))
    return out


def _joined(body: str, left: _Token, right: _Token) -> bool:
    """Only one space between two words (no punctuation, no line break)."""
    return body[left.end : right.start] == " "


def _runs(body: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (connectors allowed inside), as inclusive token ranges."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.mention or not token.capitalised:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _joined(body, tokens[j], tokens[j + 1]):
            nxt = tokens[j + 1]
            if nxt.mention or _POSSESSIVE.search(tokens[j].text):
                break
            if nxt.capitalised:
                j += 1
                continue
            # a lower-case connector continues the run only when a capitalised word follows it
            k = j + 1
            while k < len(tokens) and tokens[k].lower in CONNECTORS and not tokens[k].capitalised:
                if k + 1 >= len(tokens) or not _joined(body, tokens[k], tokens[k + 1]):
                    break
                k += 1
            if k > j + 1 and k < len(tokens) and tokens[k].capitalised and not tokens[k].mention:
                j = k
                continue
            break
        runs.append((i, j))
        i = j + 1
    return runs


def _split_at_and(tokens: list[_Token], runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs, each cut at "and" between two people's names: after at least two capitalised
    words and before a given name and another capitalised word ("Olga Ivanova and Dmitri Sokolov",
    "Lena Hoffmann and Sarah Klein"); not "Marks and Spencer", "Ministry of Trade and Industry"."""
    out: list[tuple[int, int]] = []
    for first, last in runs:
        start = first
        for k in range(first + 1, last - 1):
            if (
                tokens[k].lower == "and"
                and tokens[k - 1].capitalised
                and _given_name(tokens[k + 1].lower)
                and tokens[k + 2].capitalised
            ):
                out.append((start, k - 1))
                start = k + 1
        out.append((start, last))
    return out


_FIRMS_ROLES = frozenset(
    ["company", "companies", "carrier", "operator", "maker", "producer", "lender", "retailer", "brewer",
     "exporter", "importer", "subsidiary", "chain", "giant", "manufacturer", "supplier", "miner", "refiner",
     "investor", "insurer", "party", "nation", "firm", "group", "owner", "partner", "rival", "buyer", "seller",
     "builder", "developer", "contractor", "side", "team", "club", "outfit", "opponent", "opponents", "broker",
     "housebuilder", "shipbuilder", "carmaker", "automaker", "chipmaker", "drugmaker", "steelmaker",
     "planemaker", "distributor", "wholesaler"]
)  # fmt: skip
"""Nouns WordNet gives a person's sense that name a firm's or a party's part as often, before a name
of words no dictionary holds ("the carrier Wizz Air", "the broker Panmure Liberum")."""
_CONTESTS_ROLES = frozenset(
    ["champion", "champions", "winner", "winners", "holder", "holders", "leader", "leaders", "titleholder"]
)
"""A contest's roles, a club's as often as a person's: before such a name only with a nationality
("the Thai champion Kittisak Srisuk", "champion Aruzhan Sadykova of Kazakhstan"; not "the
defending champion Anadolu Efes")."""
_VERBS_ROLES_TOO = frozenset(
    ["beat", "beats", "lead", "leads", "host", "hosts", "face", "faces", "back", "backs"]
)
"""Verbs WordNet also has as a person's noun, after a capitalised subject: "Zalgiris beat Anadolu Efes"."""
_RANKS_NAMES_TOO = frozenset(["major", "private"])
"""Military ranks that are given names or adjectives too, read as a rank before a full name."""
_KUNYA = frozenset(["abu", "abou", "umm"])  # "father of", "mother of": an Arabic name's first word
# particles that open places' and firms' names more often than people's ("San Pedro Sula", "Los
# Angeles Olympics", "St James Cathedral", "Van Roon Coatings")
_PLACE_OPENERS = frozenset(["san", "santa", "santo", "los", "las", "la", "el", "st", "saint", "van"])


def _judge(body: str, tokens: list[_Token], first: int, last: int) -> list[FoundCandidate]:
    """The candidates a run yields, by the cues around it."""
    while first <= last and (tokens[first].lower in LEADING_STOP or tokens[first].lower in CONNECTORS):
        if tokens[first].lower in PREPOSITIONS:
            return []
        if tokens[first].lower in _KUNYA and tokens[first].capitalised and first < last:
            break  # "Abu Khaled al-Masri": "father of", the name's first word, not a particle
        if (
            tokens[first].capitalised
            and tokens[first].lower in PARTICLES
            and tokens[first].lower not in LEADING_STOP
            and tokens[first].lower not in _PLACE_OPENERS
            and last - first >= 2
            and all(tokens[k].capitalised for k in range(first + 1, last + 1))
        ):
            break  # "the economist Le Thi Thu": a surname opening a name of three words, no particle
        first += 1
    while first <= last and tokens[last].lower in CONNECTORS:
        last -= 1
    if first > last:
        return []
    one_of_a_people = (
        last - first >= 2
        and first > 0
        and tokens[first - 1].lower == "the"
        and _joined(body, tokens[first - 1], tokens[first])
        and not tokens[first].mention
        and tokens[first].lower in shipped_country_context().demonyms
        and _given_name(tokens[first].lower)
    )
    if one_of_a_people:
        # "coached by the Finn Kari Hakkarainen": one of a people, whose noun is a given name too
        # ("Finn", "Dane"), before a full name; other peoples' nouns open it as a role ("The Kenyan
        # Collins Kiptanui")
        first += 1
    roles = [k for k in range(first, last + 1) if _is_title(tokens[k].lower)]
    if roles and roles[-1] == last > first and _given_name(tokens[first].lower):
        roles.pop()  # "the Leeds baker Sarah English said": a title word after a given name ends her name
    if (
        not roles
        and tokens[first].lower not in _COMPASS_WORDS
        and (
            _leading_role(tokens[first].lower)
            or (
                last - first >= 2
                and tokens[first].lower in _RANKS_NAMES_TOO
                and tokens[first].capitalised
                and _given_name(tokens[first + 1].lower)
                and tokens[last].lower
                not in shipped_country_context().nouns  # not "Major Jordan Brand releases"
            )  # "Major Kaspars Rudzītis": a rank that is a given name too, before a given name and a surname
        )
    ):
        roles = [first]  # "Undersecretary Hamid Rahimi": any noun for a person that is not a given name
        # (not a point of the compass, which WordNet has as a painter's name: "West Texas Intermediate")
    out: list[FoundCandidate] = []
    if roles:
        # "Deputy Finance Minister Jan Novak": the words after the last role word are the name;
        # an organisation word before the first role word names the employer ("Acme Group CEO").
        name_first = roles[-1] + 1
        role = tokens[roles[-1]].lower
        if name_first <= last and tokens[name_first].lower not in CONNECTORS:
            person = _person(body, tokens, name_first, last, role)
            if person:
                out.append(person)
        elif name_first < last and tokens[name_first].lower in {"of", "for", "at"} and role in COMPANY_ROLES:
            # "the CEO of Acme Group": the employer follows the role
            org = _organisation(body, tokens, name_first + 1, last, role, strict=False)
            if org:
                out.append(org)
        if roles[0] > first:
            org = _organisation(body, tokens, first, roles[0] - 1, tokens[roles[0]].lower, strict=True)
            if org:
                out.append(org)
        return out
    affiliated = _affiliation(tokens, first, last)
    if affiliated is not None:  # "Jan-Pieter de Vries of Wageningen University, said"
        set_off = _role_before_comma(body, tokens, first, last)
        if set_off is None:  # "led by the glaciologist Carlo Barbante of the University of Venice"
            cued = _cue(body, tokens, first, affiliated - 1)
            set_off = cued[0] if cued is not None and not cued[1] else None
        if (
            set_off is None
            and _given_name(tokens[first].lower)
            and not _given_names_only(tokens, first, affiliated - 1)
            and (speech := _speech_after(body, tokens, last)) is not None
        ):
            set_off = speech  # "Marco Rossi of the Bank of Italy said": the person speaks, not the bank
        found = _person(body, tokens, first, affiliated - 1, set_off) if set_off else None
        if found is not None:
            return [found]
    cue = (
        _cue(body, tokens, first, last)
        or _of_a_body_that_speaks(body, tokens, first, last)
        or _named_again(body, tokens, first, last)
        or _pronoun_subject(body, tokens, first, last)
        or (("nationality", False) if one_of_a_people else None)
    )
    if cue is None:
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        if after is not None and _joined(body, tokens[last], after) and _is_title(after.lower):
            # "the Finance Ministry spokesperson": an organisation named before a role
            org = _organisation(body, tokens, first, last, after.lower, strict=True)
            return [org] if org else []
        return []
    word, company = cue
    before = tokens[first - 1] if first > 0 and _joined(body, tokens[first - 1], tokens[first]) else None
    before2 = (
        tokens[first - 2]
        if before is not None and first > 1 and _joined(body, tokens[first - 2], before)
        else None
    )
    if (
        before is not None
        and not company
        and not before.capitalised
        and before.lower in _BODYS_NOUNS
        and before2 is not None
        and before2.lower.isalpha()
        and before2.lower not in _ARTICLES_BEFORE_A_BODY
        and before2.lower not in PREPOSITIONS
        and not _given_name(tokens[first].lower)
    ):
        # "the renewable energy association Elettricità Futura said": the body's name after its noun
        org = _organisation(body, tokens, first, last, before.lower, strict=False)
        return [org] if org else []
    if company:
        org = _organisation(body, tokens, first, last, word, strict=False)
        return [org] if org else []
    if _has_org_word(tokens, first, last) or _is_acronym(tokens, first, last):
        org = _organisation(body, tokens, first, last, word, strict=True)
        return [org] if org else []
    if _its_party(body, tokens, first):
        return []
    if last > first and tokens[first].lower in _COMPASS_WORDS and not _given_name(tokens[first].lower):
        return []  # "the mayor of East Samos said": a place a point of the compass opens
    if _a_body_in_apposition(body, tokens[last].end):
        return []  # "paid for by Viva Cuba, a volunteer group that": a body, whatever cue came before
    person = _person(body, tokens, first, last, word)
    return [person] if person else []


_BODYS_NOUNS = frozenset(
    ["association", "federation", "group", "company", "firm", "agency", "union", "charity", "council",
     "organisation", "organization", "institute", "foundation", "lobby", "network", "alliance", "coalition"]
)  # fmt: skip
"""Lower-case nouns of a body, before its name after a modifier ("the trade association Elettricità
Futura"; not "after leaving the agency Grossi said")."""
_ARTICLES_BEFORE_A_BODY = frozenset(["the", "a", "an", "its", "their", "his", "her", "this", "that"])
_BODY_AFTER_OF = 6
"""Words after "of the" looked at for the body's name a person is of (`_of_a_body_that_speaks`)."""


def _speech_after(body: str, tokens: list[_Token], last: int) -> str | None:
    """The speech verb right after the run ("… said"), if any."""
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if after is not None and body[tokens[last].end : after.start] == " " and after.lower in SPEECH_AFTER:
        return after.lower
    return None


def _of_a_body_that_speaks(body: str, tokens: list[_Token], first: int, last: int) -> tuple[str, bool] | None:
    """A name that opens with a given name, then "of the", a few lower-case words and a body's name,
    then a speech verb: "Luca Ferri of the renewable energy association Elettricità Futura said";
    the person speaks (the body's name is judged on its own)."""
    if (
        last == first
        or not _given_name(tokens[first].lower)
        or _given_names_only(tokens, first, last)
        or last + 2 >= len(tokens)
        or tokens[last + 1].lower != "of"
        or tokens[last + 2].lower != "the"
        or not _joined(body, tokens[last], tokens[last + 1])
    ):
        return None
    k = last + 3
    while k < len(tokens) and k <= last + 2 + _BODY_AFTER_OF and not tokens[k].capitalised:
        if not _joined(body, tokens[k - 1], tokens[k]) or tokens[k].lower in PREPOSITIONS:
            return None
        k += 1
    if (
        k >= len(tokens)
        or not tokens[k].capitalised
        or tokens[k].mention
        or not _joined(body, tokens[k - 1], tokens[k])
    ):
        return None  # not "Johnson Matthey of the UK said": a country, no body
    while k + 1 < len(tokens) and tokens[k + 1].capitalised and _joined(body, tokens[k], tokens[k + 1]):
        k += 1
    speech = _speech_after(body, tokens, k)
    return (speech, False) if speech is not None else None


def _its_party(body: str, tokens: list[_Token], first: int) -> bool:
    """Whether a name that opens with no given name follows "its" and a party to business or a
    contest, right after it or set off by commas ("Its rival Airbus Defence said", "its partner,
    Hyundai Rotem, said"): a thing's party is a company or a club, whatever speaks after it."""
    if first < 2 or _given_name(tokens[first].lower):
        return False
    party, its = tokens[first - 1], tokens[first - 2]
    return (
        party.lower in _ITS_PARTIES
        and body[party.end : tokens[first].start] in (" ", ", ")
        and its.lower == "its"
        and _joined(body, its, party)
    )


def _cue(body: str, tokens: list[_Token], first: int, last: int) -> tuple[str, bool] | None:
    """The word that marks the run as a name, and whether it marks an employer (company role)."""
    before = tokens[first - 1] if first > 0 and _joined(body, tokens[first - 1], tokens[first]) else None
    before2 = tokens[first - 2] if before and first > 1 and _joined(body, tokens[first - 2], before) else None
    given = last > first and _given_name(tokens[first].lower)
    if before is not None and not before.mention:
        if _is_title(before.lower):
            return before.lower, False
        if not before.capitalised and is_role_noun(before.lower) and last > first:
            if given:
                return before.lower, False  # "his training partner Wilson Cheruiyot": a role, a given name
            if (
                last - first <= 2
                and before.lower not in _FIRMS_ROLES
                and before.lower not in _PARTIES  # "The bank's client Glencore Xstrata"
                and not (
                    before.lower in _CONTESTS_ROLES
                    and not (before2 is not None and before2.mention)
                    and not (
                        last + 2 < len(tokens)
                        and tokens[last + 1].lower in ("of", "from")
                        and tokens[last + 2].mention
                    )  # "defending champion Aruzhan Sadykova of Kazakhstan"
                )
                and not (
                    before.lower in _VERBS_ROLES_TOO and before2 is not None and before2.capitalised
                )  # "Zalgiris beat Anadolu Efes", not "the centre back Odai Khasawneh"
                and _no_dictionary_words(tokens, first, last)
            ):
                return before.lower, False  # "the Thai champion Kittisak Srisuk": names no list holds
            if (
                before2 is not None
                and before.lower not in _PARTIES
                and (before2.lower in _POSSESSIVE_DETERMINERS or _POSSESSIVE.search(before2.text))
            ):
                return before.lower, False  # "Their striker Pape Malick Ndiaye": somebody's role
        if before.lower in {"said", "says"}:
            return before.lower, False
        if (
            before.lower.endswith("-old")
            and _AN_AGE_BEFORE.fullmatch(before.lower)
            and (
                _no_dictionary_words(tokens, first, last)
                or (given and tokens[first].lower not in shipped_country_context().known_words)
            )
        ):
            return "age", False  # "12-year-old Sofiia Bondarenko", not "the 40-year-old Royal Albert Hall"
        if before.lower == "to" and before2 is not None and before2.lower == "according":
            return "according to", False
        if before.lower in {"of", "for", "at"} and before2 is not None and before2.lower in COMPANY_ROLES:
            return before2.lower, True
        if before.lower in _COMPASS_WORDS and before2 is not None and before2.lower in _PLACE_PREPOSITIONS:
            return None  # "Fishermen in southwest Nova Scotia said": a part of a place, whose people speak
        if before.lower in _PLACE_PREPOSITIONS:
            # "Officials in Buenos Aires said": a place, or a body ("analysts at Morgan Stanley"), and
            # the verb after it is theirs; but what commas set off after a name that opens with a
            # given name and is not of given names only is said of it ("aimed at Gareth Southgate,
            # who said", "jeered at Marcus Rashford, 26,")
            if given and not _given_names_only(tokens, first, last):
                return _set_off_after(body, tokens, last)
            return None
    if given and before is not None and before.mention and _POSSESSIVE.search(before.text):
        return "nationality", False  # "Kenya's Mercy Chebet": a country's own, opening with a given name
    if (
        given
        and last + 2 < len(tokens)
        and tokens[last + 1].lower in {"of", "from"}
        and _joined(body, tokens[last], tokens[last + 1])
        and tokens[last + 2].mention
        and _joined(body, tokens[last + 1], tokens[last + 2])
        and not _POSSESSIVE.search(tokens[last].text)
    ):
        return "nationality", False  # "Tigist Bekele of Ethiopia": a given name, then where from
    if (appositive := _role_before_comma(body, tokens, first, last)) is not None:
        return appositive, False
    if (
        before is not None
        and before.mention
        and before.lower in shipped_country_context().demonyms
        and last == first + 1
        and (
            given
            or tokens[last].lower not in shipped_country_context().known_words
            or (
                tokens[first].lower not in shipped_country_context().known_words
                and (_given_name(tokens[last].lower) or tokens[last].lower in NAMED_INDIVIDUALS)
                and tokens[last].lower not in shipped_country_context().nouns
            )  # "the Jamaican Shericka Dawes"; not "the Japanese Nikkei Asia", "the Korean Kospi Index"
        )
    ):
        # "ahead of Kenyan Mercy Jepkosgei", "the Jamaican Shericka Dawes": a nationality before a
        # full name, a given name or a word no dictionary holds in it
        return "nationality", False
    # a name of given names only ("Morgan Stanley", "John Lewis") is a company's as often as a
    # person's: as the agent after "by" ("arranged by Morgan Stanley") or before "whose" it needs
    # another cue ("a shot from Marcus Reid" is a player's)
    given_only = given and _given_names_only(tokens, first, last)
    if (
        given_only
        and before is not None
        and before.lower == "by"
        and _after_a_noun(before2)
        and _speech_after(body, tokens, last) is not None
    ):
        return None  # "A report by Morgan Stanley said": the report speaks, its author a firm as often
    if (
        before is not None
        and not before.mention
        and before.lower in _NAME_PREPOSITIONS
        and not (before2 is not None and before2.lower in _TRADE_VERBS)
        and (
            (
                given
                and not (
                    given_only
                    and before.lower == "by"
                    and not (_after_a_noun(before2) or _a_contest_act(before2))
                )
            )
            or (
                _of_somewhere(body, tokens, last)
                and _no_dictionary_words(tokens, first, last)
                and (before.lower != "to" or _last_word_alone_later(body, tokens, last))
            )
        )
        and not any(names_a_place_or_body(tokens[k].text) for k in range(first + 1, last + 1))
    ):
        return before.lower, False  # "a header from Moussa Diallo-Sarr", "won by Daan Visser"
    if _POSSESSIVE.search(tokens[last].text):
        following = tokens[last + 1] if last + 1 < len(tokens) else None
        if following is not None and following.lower in COMPANY_ROLES:
            return following.lower, True
        return None
    if (speech := _speech_after(body, tokens, last)) is not None:
        return speech, False
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if after is not None and after.lower == "whose" and not (given and not given_only):
        return None  # "Lee Dickey, whose family grows peaches"; not "Morgan Stanley, whose bankers"
    return _set_off_after(body, tokens, last)


def _a_body_in_apposition(body: str, end: int) -> bool:
    """Whether an apposition after the name calls it a body ("paid for by Viva Cuba, a volunteer
    group that"): a body's word heads it (`_APPOSITION_HEAD_AFTER`)."""
    found = _APPOSITION_HEAD_AFTER.match(body, end)
    return found is not None and found.group(1) in ORG_WORDS


# the head of an apposition: the last of up to four lower-case words, no preposition or "and"
# among them, before what closes its noun phrase (", a volunteer group that", ", the regional
# charity,"; not ", a bank economist,", ", a spokeswoman for the group,")
_APPOSITION_HEAD_AFTER = re.compile(
    r", (?:a|an|the) (?:(?!(?:for|of|at|in|with|from|to|on|by|and|or) )[a-z][\w'’-]* ){0,3}([a-z]+)"
    r"(?=[,.;]| (?:that|which|founded|based|set|run|formed)\b)"
)


def _given_names_only(tokens: list[_Token], first: int, last: int) -> bool:
    """Whether every word of the name is a given name ("Morgan Stanley", "John Lewis"): a company's
    name as often as a person's."""
    return all(_given_name(tokens[k].lower) for k in range(first, last + 1))


def _set_off_after(body: str, tokens: list[_Token], last: int) -> tuple[str, bool] | None:
    """What a comma sets off after the name: "whose", an age ("Ivo Baldasar, 63, denies": an age
    is said of a person), "who" or a role ("…, the deputy foreign minister")."""
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if after is None or body[tokens[last].end : after.start] != ", ":
        return None
    if after.lower == "whose":
        return "whose", False
    if after.text.isdigit() and len(after.text) <= 3 and body[after.end : after.end + 1] == ",":
        return "age", False
    return _appositive(body, tokens, last + 1)


def _of_somewhere(body: str, tokens: list[_Token], last: int) -> bool:
    """Whether "of" follows the name, before a linked place or a capitalised name ("won by Tigist
    Bekele of Ethiopia", "led by Wanjiru Kamau of the University of Nairobi")."""
    if (
        last + 2 >= len(tokens)
        or tokens[last + 1].lower != "of"
        or not _joined(body, tokens[last], tokens[last + 1])
    ):
        return False
    following = tokens[last + 2]
    if following.lower == "the" and last + 3 < len(tokens):
        following = tokens[last + 3]
    return following.mention or following.capitalised


def _no_dictionary_words(tokens: list[_Token], first: int, last: int) -> bool:
    """Whether two or more words are all unknown to the dictionary, the titles and the place and
    body lists, as names from outside the given-name list are ("Tigist Bekele", "Wanjiru Kamau");
    not "Manchester United"."""
    known = shipped_country_context().known_words
    return last > first and all(
        part.lower() not in known
        and part.isalpha()
        and not names_a_place_or_body(part)
        and not _is_title(part.lower())
        for k in range(first, last + 1)
        for part in tokens[k].text.split("-")
    )


def _affiliation(tokens: list[_Token], first: int, last: int) -> int | None:
    """Where "of", "at" or "from" joins a name that opens with a given name to an organisation's
    name ("Jan-Pieter de Vries of Wageningen University"), or a name of words no dictionary knows
    ("Wanjiru Kamau of the University of Nairobi"): the index of that word, else None."""
    given = _given_name(tokens[first].lower.split("-")[0])
    for k in range(first + 2, last):
        if tokens[k].lower in {"of", "at", "from"} and not tokens[k].capitalised:
            if not given and not _no_dictionary_words(tokens, first, k - 1):
                return None
            if _has_org_word(tokens, k + 1, last) and not _has_org_word(tokens, first, k - 1):
                return k
            return None
    return None


def _named_again(body: str, tokens: list[_Token], first: int, last: int) -> tuple[str, bool] | None:
    """A given name and a surname that the body later writes alone: "Chad Whitfield kicked a
    penalty ... Whitfield, who came on at half-time"."""
    if last == first or not _given_name(tokens[first].lower):
        return None
    return ("surname", False) if _last_word_alone_later(body, tokens, last) else None


def _last_word_alone_later(body: str, tokens: list[_Token], last: int) -> bool:
    """Whether the name's last word is written alone later, as a person's surname is ("the title
    went to Eliud Kipchoge of Kenya … Kipchoge said"); a company is called by its first word."""
    word = _POSSESSIVE.sub("", tokens[last].text)
    if word.lower() in ORG_WORDS or names_a_place_or_body(word) or not word.isalpha():
        return False  # "Georgia Power", "Jordan Valley"
    start = tokens[last].end
    return _alone_within(body, word, tokens[last - 1].text, start, start + _LATER_REACH)


def _alone_within(body: str, word: str, not_after: str, start: int, stop: int) -> bool:
    """Whether body[start:stop] writes `word` as a whole word, other than right after `not_after`
    (spaces between, within 64 characters): "Whitfield" alone, not in "Chad Whitfield"."""

    def after_it(place: int) -> bool:
        return body[max(0, place - 64) : place].rstrip().endswith(not_after)

    return _written_within(body, word, start, stop, after_it, ("after", not_after))


def _nothing_yet(body: str) -> dict[Any, Any]:
    return {}


_PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "we", "i"})
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_PRONOUN_QUOTE = re.compile(r"[”\"],?\s+(?:he|she)\s+(?:said|says|added|told)\b")


def _pronoun_subject(body: str, tokens: list[_Token], first: int, last: int) -> tuple[str, bool] | None:
    """A name heading a sentence whose surname alone later speaks ("Tigist Bekele of Ethiopia won …
    “…,” Bekele said"), or whose sentence's next quotation, in the same or the next paragraph, is
    given to "he" or "she" ("Kemal Aydin, 17, from Izmir, said … “…,” he said")."""
    start, end = tokens[first].start, tokens[last].end
    if start and not _after_a_sentence_break(body, start):
        return None
    if body[end : end + 1] not in {" ", ","} or last + 1 >= len(tokens) or tokens[last + 1].capitalised:
        return None
    if any(
        names_a_place_or_body(tokens[k].text) or _is_title(tokens[k].lower) for k in range(first, last + 1)
    ):
        return None
    if _surname_speaks(body, tokens, first, last):
        return "subject", False
    far = min(len(body), end + _LATER_REACH)
    breaks = [m.start() for m in itertools.islice(_PARAGRAPH_BREAK.finditer(body, end, far), 2)]
    reach = breaks[1] if len(breaks) > 1 else far  # the end of the next paragraph
    mark = body.find("“", end, reach)
    before_mark = bisect.bisect_left(tokens, mark, lo=last + 1, key=lambda t: t.start) if mark >= 0 else 0
    between = tokens[last + 1 : before_mark]
    if mark < 0 or any(_heads_a_sentence(body, t) for t in between):
        return None  # another sentence subject stands between the name and the quotation
    if any(_someone_elses_subject(body, between, k) for k in range(len(between) - 1)):
        return None  # "Airtel Africa operates in 14 countries. Its chief executive, … “…,” he said"
    closing = _PRONOUN_QUOTE.search(body, mark, reach)
    return ("subject", False) if closing and body.find("“", mark + 1, closing.start()) < 0 else None


def _someone_elses_subject(body: str, tokens: list[_Token], k: int) -> bool:
    """Whether tokens[k], a possessive determiner, opens a sentence with a noun for a person after
    it ("Its chief executive, …", "His lawyer said"): that person is the sentence's subject, not
    the name before it."""
    token = tokens[k]
    if token.lower not in _POSSESSIVE_DETERMINERS or not token.capitalised:
        return False
    if not (token.start == 0 or _after_a_sentence_break(body, token.start)):
        return False
    role = tokens[k + 1]
    following = tokens[k + 2] if k + 2 < len(tokens) else None
    if (
        following is not None
        and not following.capitalised
        and _joined(body, role, following)
        and (is_role_noun(f"{role.lower} {following.lower}") or is_role_noun(following.lower))
    ):
        return True  # "Its chief executive", "Her defence lawyer"
    return not role.capitalised and (is_role_noun(role.lower) or _plural_role(role.lower))


def _after_a_sentence_break(body: str, start: int) -> bool:
    """Whether the text before `start` ends with a sentence break: spaces after a full stop, a
    question or exclamation mark (a closing quotation mark may follow it), or a line break; read
    backwards from `start`, not searched for from the body's start."""
    spaces = start
    while spaces > 0 and body[spaces - 1].isspace():
        spaces -= 1
    if spaces == start:
        return False
    if "\n" in body[spaces:start]:
        return True
    mark = spaces - 1 if body[spaces - 1 : spaces] in ("”", "’", '"') else spaces
    return body[mark - 1 : mark] in (".", "!", "?")


def _heads_a_sentence(body: str, token: _Token) -> bool:
    """Whether a capitalised word other than a pronoun or a leading article opens a sentence."""
    if not token.capitalised or token.lower in LEADING_STOP or token.lower in _PRONOUNS:
        return False
    return token.start == 0 or _after_a_sentence_break(body, token.start)


def _surname_speaks(body: str, tokens: list[_Token], first: int, last: int) -> bool:
    """Whether the words after the given name are later written alone next to a speech verb:
    "Ruan van der Berg won … “…,” van der Berg said"."""
    family = body[tokens[first + 1].start : tokens[last].end] if last > first else ""
    if not family:
        return False
    start = tokens[last].end
    return any(
        _spoken_within(body, form, start, start + _LATER_REACH)
        for form in dict.fromkeys((family, family[0].swapcase() + family[1:]))
    )


def _spoken_within(body: str, family: str, start: int, stop: int) -> bool:
    """Whether body[start:stop] writes `family` as whole words right before a speech verb
    ("van der Berg said") or right after "said" ("said van der Berg"), spaces between.

    The places next to a speech verb are indexed once per body under the word on the family's
    side; only those under the family's last (or first) word are read, and what was read for a
    family is kept, so a name the body repeats costs no reading of the same stretch again."""
    edges = ALNUM_RUN.findall(family)
    if not (edges and family.startswith(edges[0]) and family.endswith(edges[-1])):  # "&"
        words = re.escape(family)
        pattern = re.compile(rf"(?<![^\W_])(?:{words}\s+(?:{_VERBS})|said\s+{words})(?![^\W_])")
        return pattern.search(body, start, stop) is not None
    sites = of_the_body(body, "candidates: speech sites", _speech_sites)
    read: dict[tuple[str, int], tuple[int, int, bool]] = of_the_body(
        body, "candidates: read spoken", _nothing_yet
    )
    size = len(family)
    for side in (0, 1):  # 0: the verb after the family, sites (its end, the verb's end);
        # 1: "said" before it, sites ("said"'s start, the family's start)
        places = sites[side].get(edges[-1] if side == 0 else edges[0])
        if not places:
            continue
        index = bisect.bisect_left(places, (start + size,) if side == 0 else (start,))
        read_from, found, matched = read.get((family, side), (len(places) + 1, 0, False))
        if not read_from <= index <= found:
            found, matched = index, False
        while not matched and found < len(places) and _site_end(places[found], side, size) <= stop:
            if side == 0:
                at = places[found][0] - size
                matched = body.startswith(family, at) and not body[at - 1 : at].isalnum()
            else:
                at = places[found][1]
                matched = body.startswith(family, at) and not body[at + size : at + size + 1].isalnum()
            found += not matched
        read[(family, side)] = (index, found, matched)
        if matched and _site_end(places[found], side, size) <= stop:
            return True
    return False


def _site_end(site: tuple[int, int], side: int, size: int) -> int:
    """Where a match of a family of `size` characters at a speech site ends."""
    return site[1] if side == 0 else site[1] + size


_VERBS = "|".join(sorted(SPEECH_AFTER))
# a word right before a speech verb, and a word right after "said": each place, overlapping
_WORD_BEFORE_VERB = re.compile(rf"(?<![^\W_])(?=([^\W_]+)\s+({_VERBS})(?![^\W_]))")
_WORD_AFTER_SAID = re.compile(r"(?<![^\W_])(?=said\s+([^\W_]+))")


def _speech_sites(body: str) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
    """The places next to a speech verb, in order: under the word before a verb, (the word's end,
    the verb's end); under the word after "said", ("said"'s start, the word's start)."""
    before: dict[str, list[tuple[int, int]]] = {}
    for match in _WORD_BEFORE_VERB.finditer(body):
        before.setdefault(match.group(1), []).append((match.end(1), match.end(2)))
    after: dict[str, list[tuple[int, int]]] = {}
    for match in _WORD_AFTER_SAID.finditer(body):
        after.setdefault(match.group(1), []).append((match.start(), match.start(1)))
    return before, after


def _appositive(body: str, tokens: list[_Token], start: int) -> tuple[str, bool] | None:
    """A role word in the phrase after a name's comma: ", the deputy foreign minister of ..."."""
    first = tokens[start]
    if first.lower == "who":
        return "who", False  # "Helen Tremayne, who milks 180 cows": "who" is said of a person
    if first.lower not in APPOSITIVE_START and not is_role_noun(first.lower) and not first.capitalised:
        return None
    for k in range(start, min(start + _APPOSITIVE_REACH, len(tokens))):
        if k > start and not _joined(body, tokens[k - 1], tokens[k]):
            return None
        if tokens[k].lower in ORG_WORDS and not _modifies_role(body, tokens, k):
            return None  # "Morgan Stanley, the bank", "…, the company sold": a body's word, no person's
        if is_role_noun(tokens[k].lower):
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if following is not None and _joined(body, tokens[k], following) and following.lower in ORG_WORDS:
                return None  # "Viva Cuba, a volunteer group that": the role noun qualifies a body's word
            return tokens[k].lower, False
    return None


def _modifies_role(body: str, tokens: list[_Token], k: int) -> bool:
    """A body's word right before a role noun is what the role is of, not the phrase's head:
    "Ana Petrova, the energy minister", "…, the police chief"; so is a body's name ending right
    before one ("Andrew Bailey, the Bank of England governor")."""
    while (
        k + 1 < len(tokens)
        and _joined(body, tokens[k], tokens[k + 1])
        and (tokens[k + 1].capitalised or tokens[k + 1].lower in _NAME_CONNECTORS)
        and not is_role_noun(tokens[k + 1].lower)
    ):
        k += 1  # the rest of the body's name: "Bank of England", "Bank of England's"
    return (
        k + 1 < len(tokens) and _joined(body, tokens[k], tokens[k + 1]) and is_role_noun(tokens[k + 1].lower)
    )


_NAME_CONNECTORS = frozenset({"of", "the", "and", "for"})  # inside a body's name: "Bank of England"


def _after_a_noun(word: _Token | None) -> bool:
    """Whether "by" follows a noun, not a participle: "a goal by Harry Kane", "a novel by Sally
    Rooney" name the one who did or made it, a person; "arranged by Morgan Stanley", "advised by
    John Lewis" name an agent, a company as often as a person."""
    if word is None or not word.lower.replace("-", "").isalpha() or word.capitalised:
        return False
    return not (word.lower.endswith("ed") or word.lower in shipped_country_context().verb_forms)


def _a_contest_act(word: _Token | None) -> bool:
    """Whether "by" follows the participle of a player's act ("scored by Harry Kane", "beaten by"),
    not of a transaction's ("arranged", "underwritten", "advised by Morgan Stanley"): a verb whose
    first WordNet sense is of a contest."""
    return word is not None and not word.capitalised and word.lower in shipped_country_context().contest_acts


def _role_before_comma(body: str, tokens: list[_Token], first: int, last: int) -> str | None:
    """A role set off by commas before the name: "The ministry's spokesman, Ivan Petrov, said",
    the name maybe led by an article and a linked nationality ("Oman's coach, the Portuguese Nuno
    Ferreira, said")."""
    given = _given_name(tokens[first].lower)
    lead = first
    while lead > 0 and tokens[lead - 1].mention and _joined(body, tokens[lead - 1], tokens[lead]):
        lead -= 1
    if lead < first and lead > 0 and tokens[lead - 1].lower in {"the", "a", "an"}:
        if _joined(body, tokens[lead - 1], tokens[lead]):
            lead -= 1
    else:
        lead = first
    if lead == 0 or body[tokens[lead - 1].end : tokens[lead].start] != ", ":
        return None
    first = lead
    closing = body[tokens[last].end : tokens[last].end + 2]
    if last + 1 < len(tokens) and closing != ", " and closing[:1] != ".":
        return None  # "the minister, Jan Novak and ...": a list, not an appositive
    # the role may be followed by what it is a role of: "A trader in Alexandria, Mahmoud Fahmy,"
    k = first - 1
    noun = tokens[k]  # the noun before the comma, somebody's when a possessive opens its phrase
    somebodys = given and not noun.mention and not noun.capitalised and noun.text.replace("-", "").isalpha()
    whose = False  # inside the phrase of a plural's possessive: "a sheep farmers' union"
    while k >= max(0, first - _APPOSITIVE_REACH - 1):
        word = tokens[k]
        whose = whose or body.startswith(_PLURAL_POSSESSIVE, word.end)
        if (
            not whose
            and not word.mention
            and not word.capitalised
            and (is_role_noun(word.lower) or _plural_role(word.lower))
        ):
            return word.lower  # "One of the women in the film, Beryl Thomas,": a plural too
        if k < first - 1 and word.lower in _POSSESSIVE_DETERMINERS and somebodys:
            return noun.lower  # "His Senegalese counterpart, Lamine Sarr,": somebody's, by name
        if k == 0 or (
            not _joined(body, tokens[k - 1], word)
            and not _POSSESSIVE.search(tokens[k - 1].text)
            and body[tokens[k - 1].end : word.start] not in _PLURAL_POSSESSIVE
        ):
            return None
        whose = whose and tokens[k - 1].lower not in _PHRASE_OPENERS  # "of a": the possessor's phrase ends
        k -= 1
    return None


@functools.lru_cache(maxsize=8192)
def _given_name(word: str) -> bool:
    """Whether a lower-case word is a given name of the list, or one written with accents the list
    lacks ("ștefan" as "stefan", "zoé" as "zoe"). Kept per word: the shipped list never changes,
    and the runs of a body ask about the same words again and again (some 90 times a body)."""
    given = shipped_country_context().given_names
    return word in given or (not word.isascii() and _unaccented(word) in given)


@functools.lru_cache(maxsize=4096)
def _unaccented(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _leading_role(word: str) -> bool:
    # a word of one or two letters that is no title opens a name ("Pa Houa Xiong"), not a role:
    # WordNet's "pa", "da" or "ex" are no newsroom's words before a name
    return is_role_noun(word) and not _given_name(word) and (len(word) > 2 or _is_title(word))


def _is_title(word: str) -> bool:
    return word in TITLES or ("-" in word and any(part in TITLES for part in word.split("-")))


@functools.lru_cache(maxsize=8192)
def is_role_noun(word: str) -> bool:
    """A noun for a person: the role list's, a hyphenated one by its parts ("co-author"), or one
    that names a scientist by the science ("glaciologist", "epidemiologist"). Kept per word, as
    `_given_name`: the runs of a body ask about the same words again and again."""
    return (
        word in ROLE_NOUNS
        or ("-" in word and any(part in ROLE_NOUNS for part in word.split("-")))
        or (word.endswith("ologist") and word.isalpha())
        or _two_roles_closed_up(word)
    )


@functools.lru_cache(maxsize=4096)
def _two_roles_closed_up(word: str) -> bool:
    """Whether a word WordNet lacks is two nouns for people written as one ("headteacher": "head"
    and "teacher"), the second of five letters or more."""
    return word.isalpha() and any(
        word[:cut] in ROLE_NOUNS and word[cut:] in ROLE_NOUNS for cut in range(3, len(word) - 4)
    )


def _plural_role(word: str) -> bool:
    """Whether a word is the plural of a noun for a person: "women", "traders", "witnesses"."""
    if word.endswith("men"):
        return is_role_noun(word[:-3] + "man")
    return word.endswith("s") and (
        is_role_noun(word[:-1]) or (word.endswith("es") and is_role_noun(word[:-2]))
    )


def _has_org_word(tokens: list[_Token], first: int, last: int) -> bool:
    return any(_POSSESSIVE.sub("", tokens[k].lower).rstrip(".") in ORG_WORDS for k in range(first, last + 1))


def _is_acronym(tokens: list[_Token], first: int, last: int) -> bool:
    text = _POSSESSIVE.sub("", tokens[first].text)
    return first == last and len(text) >= 2 and text.isupper() and text.isalpha()


def _span(body: str, tokens: list[_Token], first: int, last: int) -> tuple[str, int, int]:
    start, end = tokens[first].start, tokens[last].end
    possessive = _POSSESSIVE.search(tokens[last].text)
    if possessive:
        end -= len(possessive.group())
    return body[start:end], start, end


def _person(body: str, tokens: list[_Token], first: int, last: int, cue: str) -> FoundCandidate | None:
    words = [tokens[k] for k in range(first, last + 1)]
    named = [w for w in words if w.lower not in CONNECTORS]
    if not _NAME_WORDS_MIN <= len(named) <= _NAME_WORDS_MAX:
        return None
    if any(w.lower in CONNECTORS and w.lower not in PARTICLES and not w.capitalised for w in words):
        return None  # "Toronto and Vancouver": two names, not one
    if any(len(part) > 1 and part.isupper() for w in named for part in w.text.split("-")):
        return None  # an acronym: "Air France-KLM"
    if any(w.lower in ROLE_WORDS for w in named):
        return None
    if _has_org_word(tokens, first, last) or names_a_body(named[0].text):
        return None  # "Air India said": a name that opens with a company's word is the company's
    if names_a_feature(named[-1].text):
        return None  # "the Caspian Sea said": a sea, a river or a desert is nobody's surname
    if len(named) > 1 and named[-1].lower in _VERB_PARTICLES and not _given_name(named[0].lower):
        # "The Great Kiwi Bake Off", "The Great Pottery Throw Down": a show's title; not "Jane
        # Down", whose given name opens it
        return None
    text, start, end = _span(body, tokens, first, last)
    return FoundCandidate(text, PERSON, cue, start, end)


# the particles of phrasal verbs, which end a title's words ("Bake Off", "Throw Down", "Shake
# Up") and no person's name
_VERB_PARTICLES = frozenset(["off", "down", "up", "out", "away"])


def _organisation(
    body: str, tokens: list[_Token], first: int, last: int, cue: str, *, strict: bool
) -> FoundCandidate | None:
    """An organisation candidate; `strict` asks for an acronym, or a name of two words or more with
    an organisation word in it."""
    named_like_one = last > first and _has_org_word(tokens, first, last)  # "Acme Group", not "Energy"
    if strict and not (named_like_one or _is_acronym(tokens, first, last)):
        return None
    if any(tokens[k].lower in ROLE_WORDS for k in range(first, last + 1)):
        return None
    text, start, end = _span(body, tokens, first, last)
    if len(text) > 300 or not any(ch.isalpha() for ch in text):
        return None
    return FoundCandidate(text, ORGANISATION, cue, start, end)
