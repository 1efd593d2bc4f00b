"""A body named after a country by a common noun: "Police Scotland", "Statistics Canada", "Cricket
Australia", "BBC Scotland", "the Church of England", "the Supreme Court of Canada"; and a state's
body, a saint and a language of teaching named by a country's form; and a newspaper's, an
agency's or a broadcaster's name that holds a country's ("The Times of India", "Voice of America",
"Agence France-Presse").

country_context.py asks these among its own rules; they read only the body around the form and
WordNet's nouns (gql_news/data/body_name_words.json, made by scripts/body_name_words.py):

- a noun capitalised right before a country's name opens a body's name ("Police Scotland warned",
  "Tourism Ireland said", "a Cricket Australia official"), as an abbreviation does ("BBC
  Scotland", "MTN Nigeria"). Not a noun that is also an adjective or an adverb ("Nazi Germany",
  "Meanwhile Britain"), nor one first of all a person, a place, a time or an object ("Vichy
  France", "Yesterday Britain", "Mainland China"), nor a side's word ("Team India"), a title, a
  given name, a demonym, a participle ("Visiting Jordan, he", "Landlocked Chad"; unless a noun
  that may open a name stands before it, "Horse Racing Ireland", or the word is a sport's name in
  WordNet, "Swimming Australia", "Cycling Ireland") or a word
  WordNet lacks ("Brexit Britain"); nor a country's own abbreviation ("US Mexico border"). A
  bank's word opens one ("Bank Indonesia"), and so does a firm's name, whose unit in the country
  the whole name is: two capitalised words the first of which WordNet and the given names lack
  ("Hyundai Motor India", "Maruti Suzuki India"), or one such word the body also writes alone
  before a firm's verb or noun or as a firm's apposition ("Airtel Kenya ... Airtel said",
  "Nestlé India ... its parent, Nestlé,"), or one such word written with a capital inside, as
  brands are ("ExxonMobil Guyana", "TotalEnergies Uganda");
- a name of capitalised words joined by small words that ends with "of" or "for" and the
  country, whose noun before one of those is a body's (WordNet's noun.group first of all:
  "church", "court", "party", "board") or one of the institutions' words country_context.py
  lists, after "the" or with another capitalised word ("the Church of England", "the Supreme
  Court of Canada", "the National Association of Automobile Manufacturers of South Africa"): the
  body's name; so is a battle's or a war's, whose head heads WordNet's named battles and wars
  ("the Battle of Britain"). Not "in", which says where a body is ("the Department for Education in England");
  the nouns for a country's own state and people ("the Government of India") keep the country;
- a newspaper's, an agency's or a broadcaster's name "(the) X of" and the country, where a report's
  source stands (its verb of reporting after it, "told" or "according to" before it), whose head
  WordNet reads as no person and no place ("The Times of India reported", "Voice of America said",
  "told the Times of Malta"); not "the King of Jordan said", "the State of Israel said";
- a form between two capitalised words no English dictionary knows is part of a name in another
  language ("Agence France-Presse"), as is one hyphened to such a word where a report's source
  stands ("Interfax-Ukraine said") and a country's name hyphened to one such word alone before
  the name's verb in -ed or an apposition ("Météo-France placed", "Ouest-France, the
  regional daily,"; not "the Batam-Singapore ferry", "the Indo-Pakistan border");
- a demonym after "The" is a newspaper's title where an apposition calls it a paper or a verb of
  reporting follows it and "The" is capitalised inside a sentence ("The Namibian, an independent
  daily,", "shares fell, The Australian reported");
- a demonym before a state's body written with a capital ("the Indian Government", "the Nigerian
  Army", "the Chinese Foreign Ministry") or before a hyphened word ("American Virginia-class
  submarines") begins no proper name;
- a demonym before a word that WordNet's names of churches put after one ("Greek Orthodox
  Church", "Armenian Apostolic Orthodox Church": country_compounds.json's "faith_words") begins a
  church's name ("the Greek Orthodox Patriarch", "a Serbian Orthodox priest"), not the country;
- a country named after a saint is the saint in a church's, a charity's, a street's or a feast's
  name ("St Martin-in-the-Fields", "the St Vincent de Paul Society", "St Lucia's Day");
- a demonym that is also a language's name after an abbreviation, ending the name, is a
  broadcaster's service in that language ("BBC Russian said");
- a demonym that is also a language's name before "medium" or "immersion" is the language a
  school teaches in ("Irish-medium schools", "French immersion");
- a country's name joined by "&" to a capitalised name that is no country's is a firm's partner
  ("Holland & Barrett", "Wales & West Utilities"); not "UK & Ireland", "Bosnia & Herzegovina";
- a plural noun for people that WordNet writes in lower case (body_name_words.json's
  "common_people"), capitalised inside a sentence or after its first "The", before "of" and the
  country, names a society after its members ("the Friends of Malawi", "chair of Friends of
  Zambia", "Sons of Norway"); not a title ("two former Prime Ministers of Canada"), a sentence's
  first word ("Leaders of France and Germany met") nor a people's name ("the Christians of Iraq");
- a country's name hyphened to another capitalised word, where WordNet names the two as one place
  that is no country (country_compounds.json's "place_names"), is part of that place's name
  ("Austria-Hungary", a former state; "Monaco-Ville", a town); not "Guinea-Bissau", a country;
- a demonym right before the name of two or more capitalised words of a body WordNet counts among
  its non-governmental organisations (body_name_words.json's "named_bodies": "Red Cross",
  "Salvation Army", "Methodist Church") names that body's national branch or church ("the Thai
  Red Cross said", "the British Salvation Army"); not "Thai red cross markings", in lower case.
- a capitalised word and "in" before the country, after "the" or a possessive and before a
  campaign's, a scheme's or a label's noun, name a campaign ("the government's Make in India
  drive", "the Study in Australia campaign"); not a state's body, a person or a place before "in"
  ("the Embassy in Japan plan").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from gql_news.ingest.cue_words import LEADING_STOP, TITLES
from gql_news.ingest.resources import data_file, read_json
from gql_news.ingest.word_before import search_word_before

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

# a side's word before a country's name: "Team India", "Team Australia" are its national sides
_SIDES = frozenset(["team", "squad"])
_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
_ROMAN = re.compile(r"[IVXLCDM]+")
# a bank's word before the country: "Bank Indonesia", "Bank Austria"
# a name's words before the country: capitalised words and the small words that join them
_NAME_RUN = re.compile(r"(?:(?<![^\W_'’-])(?:[A-Z][\w'’-]*|of|for|in|the|and|de|du)[^\S\n]+){2,10}$")
_JOINS = frozenset(["of", "for", "in", "the", "and", "de", "du"])
# not "in": "the Department for Education in England", "the High Court in Nairobi" say where it is
_ENDS = frozenset(["of", "for"])
_ENDINGS = (" of ", " for ", " of the ", " for the ")
# nouns for the country's own state and people: "the Government of India" is the country's
_THE_COUNTRY_ITSELF = frozenset(
    [
        "government",
        "people",
        "nation",
        "republic",
        "population",
        "public",
        "army",
        "navy",
        "military",
        "regime",
    ]
)
_RUN_REACH = 120
_PARTICIPLES = ("ing", "ed")


class _WordLists(NamedTuple):
    """The lists of body_name_words.json (made by scripts/body_name_words.py from WordNet)."""

    not_before: frozenset[str]
    bodies: frozenset[str]
    people_and_places: frozenset[str]
    state_bodies: frozenset[str]
    event_heads: frozenset[str]  # WordNet's named battles and wars "X of Y": "battle", "war"
    common_people: frozenset[str]  # plural nouns for people, in lower case: "friends", "sons"
    sports: frozenset[str]  # kinds of sport: "swimming", "cycling", "rowing", "cricket"
    named_bodies: frozenset[str]  # WordNet's non-governmental bodies: "red cross", "salvation army"
    organisation_names: frozenset[str]  # organisations' capitalised names: "red cross", "green party"


@lru_cache(maxsize=1)
def _word_lists() -> _WordLists:
    data = read_json(data_file("body_name_words.json"))
    return _WordLists(
        frozenset(data["not_before"]),
        frozenset(data["bodies"]) - _THE_COUNTRY_ITSELF,
        frozenset(data["people_and_places"]),
        frozenset(data["state_bodies"]),
        frozenset(data["event_heads"]),  # WordNet's named battles and wars "X of Y": "battle", "war"
        frozenset(data["common_people"]),  # plural nouns for people, in lower case: "friends", "sons"
        frozenset(data["sports"]),  # kinds of sport: "swimming", "cycling", "rowing", "cricket"
        frozenset(data["named_bodies"]),  # WordNet's non-governmental bodies: "red cross", "salvation army"
        frozenset(data["organisation_names"]),  # organisations' capitalised names: "red cross"
    )


def an_organisations_name(first: str, second: str) -> bool:
    """Whether two capitalised words are, together, the name WordNet gives an organisation ("Red
    Cross", "Salvation Army", "Green Party"): a name of a body even where a given name opens it."""
    return f"{first} {second}".lower() in _word_lists().organisation_names


def _words() -> tuple[frozenset[str], frozenset[str]]:
    not_before, bodies, *_ = _word_lists()
    return not_before, bodies


def _people_and_places() -> frozenset[str]:
    return _word_lists().people_and_places


@lru_cache(maxsize=1)
def _country_abbreviations() -> frozenset[str]:
    """The countries' forms written in capitals ("US", "UK", "UAE", "DRC")."""
    return frozenset(form for form in _country_names() if _ABBREVIATION.fullmatch(form))


# nouns that end a period's name before a country's: "Cold War America", "Gilded Age Britain",
# "Ming Dynasty China"
_PERIODS_NOUNS = frozenset(
    ["war", "age", "dynasty", "empire", "revolution", "regime", "boom", "depression", "rule", "era", "period",
     "years", "reign", "times"]
)  # fmt: skip


def names_a_period(word: str) -> bool:
    """Whether a capitalised noun before a country's name (`word`, lower case) ends a period's name."""
    return word in _PERIODS_NOUNS


def opens_a_body_name(body: str, start: int, end: int, previous: str | None, context: CountryContext) -> bool:
    """Whether the capitalised word right before a country's name opens a body's name with it
    ("Police Scotland", "Statistics Canada", "BBC Scotland"): see the module docstring."""
    form = body[start:end]
    if previous is None or not form[:1].isupper() or form.lower() in context.demonyms:
        return False
    if body[start - len(previous) - 1 : start] != f"{previous} ":
        return False  # one space between them: a name's words
    lower = previous.lower()
    if (
        lower in LEADING_STOP
        or lower in TITLES
        or lower in context.stop_words
        or lower in context.demonyms
        or lower in context.given_names
        or lower in _SIDES
        or (
            names_a_period(lower)
            and _NOUN_BEFORE.search(body, max(0, start - len(previous) - 30), start - len(previous) - 1)
        )
    ):
        return False  # not "Cold War America": a period's name ends before the country's
    if _a_firms_unit(body, start, previous, context):
        return True  # "Airtel Kenya ... Airtel said", "Hyundai Motor India"
    if a_brands_capitals(previous, context):
        return True  # "ExxonMobil Guyana", "TotalEnergies Uganda": a firm's unit in the country
    if lower in _word_lists().sports and previous[1:].islower():
        return True  # a sport's name, adjective or participle as it may be: "Swimming Australia", "Cycling Ireland"
    not_before, _ = _words()
    if lower in not_before:
        return False  # "Nazi Germany", "Vichy France", "Yesterday Britain", "DJ Peru"
    if _ABBREVIATION.fullmatch(previous):
        return not _ROMAN.fullmatch(previous) and previous not in _country_abbreviations()
    return (
        len(previous) > 2  # not a particle ("La Réunion", "El Salvador")
        and (
            not lower.endswith(_PARTICIPLES)  # a verb taking it as object: "Visiting Jordan, the"
            or _after_a_names_noun(body, start - len(previous) - 1, context)  # "Horse Racing Ireland"
        )
        and previous[1:].isalpha()
        and previous[1:].islower()
        and lower in context.nouns
    )


_NOUN_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+) $")


def _after_a_names_noun(body: str, at: int, context: CountryContext) -> bool:
    """Whether a capitalised noun that may open a body's name stands right before body[at], a word
    in -ing or -ed: the two are a name's nouns ("Horse Racing Ireland", "Greyhound Racing
    Ireland", "Figure Skating Canada"), not a verb opening a sentence ("Visiting Jordan, the")."""
    found = _NOUN_BEFORE.search(body, max(0, at - 30), at)
    if found is None:
        return False
    lower = found.group(1).lower()
    not_before, _ = _words()
    return (
        lower in context.nouns
        and lower not in not_before
        and lower not in LEADING_STOP
        and lower not in TITLES
        and lower not in context.stop_words
        and lower not in context.given_names
        and not lower.endswith(_PARTICIPLES)
    )


# what a firm does or has, after its name alone: "Airtel said", "Nestlé's shares"
_A_FIRMS_WORDS_AFTER = re.compile(
    r"(?:[^\S\n]+(?:said|says|reported|posted|announced|owns|employs|sells|makes|operates)"
    r"|['’]s[^\S\n]+(?:shares|profits?|revenues?|sales|chief|parent|units?|subsidiary|subscribers|customers))"
    r"(?![\w'’-])"
)
# an apposition after a firm's name alone whose head is a firm's noun: "Safaricom, Kenya's largest
# company, is"
_A_FIRMS_APPOSITION_AFTER = re.compile(
    r",[^\S\n]+[^,.;:\n]{0,40}?(?<![^\W_])(?:company|firm|group|operator|carrier|lender|insurer|maker"
    r"|conglomerate)(?=,)"
)
# a firm's noun before its name in an apposition: "The unit's parent, Nestlé, is"
_A_FIRMS_NOUN_BEFORE = re.compile(
    r"(?<![^\W_])(?:parent|owner|rival|partner|group|company|firm)(?:,|[^\S\n]company,)?[^\S\n]$"
)
_BRAND_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*[^\W\d_])[^\S\n]$")


def _a_firms_unit(body: str, start: int, previous: str, context: CountryContext) -> bool:
    """Whether the capitalised words right before a country's name are a firm's, whose unit in the
    country the whole name is: a word WordNet lacks that opens a name of two words before the
    country ("Hyundai Motor India", "Maruti Suzuki India"), or one the body writes alone where a
    firm's verb or a firm's noun follows it or an apposition calls it a firm ("Airtel Kenya ...
    Airtel said", "Nestlé India ... Nestlé's shares", "the unit's parent, Nestlé,", "Safaricom,
    Kenya's largest company,").
    A word WordNet lacks before the country alone is as often an epithet ("Brexit Britain")."""
    if not previous[:1].isupper() or not previous[1:].isalpha() or not previous[1:].islower():
        return False
    opening = start - len(previous) - 1
    first = _BRAND_BEFORE.search(body, max(0, opening - 40), opening)
    if (
        first is not None
        and an_unknown_name(first.group(1), context)
        and f"{first.group(1)} {previous}" not in context.place_names  # not "Sao Paulo Brazil"
    ):
        return True  # "Hyundai Motor India", "Maruti Suzuki India"
    if not an_unknown_name(previous, context):
        return False
    found = body.find(previous)
    while found != -1:
        after = found + len(previous)
        if (
            found != opening
            and not (found and (body[found - 1].isalnum() or body[found - 1] in "'’-"))
            and (
                _A_FIRMS_WORDS_AFTER.match(body, after)
                or (
                    body.startswith(",", after)
                    and (
                        _A_FIRMS_NOUN_BEFORE.search(body, max(0, found - 30), found)
                        or _A_FIRMS_APPOSITION_AFTER.match(body, after)
                    )
                )
            )
        ):
            return True
        found = body.find(previous, after)
    return False


# a word with a capital inside it after lower-case letters, as brands are written ("ExxonMobil",
# "TotalEnergies", "ArcelorMittal"); not a surname's prefix ("McDonald", "MacArthur", "DeSantis")
_CAMEL_CASE = re.compile(r"(?!Mc|Mac|De|Di|Da|Le|La|Van|Von)[A-Z][a-z]+[A-Z][A-Za-z]*")


def a_brands_capitals(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word is written as brands are, with a capital inside it, and no
    dictionary or list of given names holds it: the name of a firm, whose unit in the country
    the whole name is ("ExxonMobil Guyana")."""
    lower = word.lower()
    return (
        _CAMEL_CASE.fullmatch(word) is not None
        and lower not in context.known_words
        and lower not in context.given_names
    )


def an_unknown_name(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word is a name no dictionary or list of given names holds ("Airtel",
    "Hyundai"), and no country's name or demonym."""
    lower = word.lower()
    return (
        len(word) > 2
        and word.isalpha()
        and word[1:].islower()
        and lower not in context.known_words
        and lower not in context.stop_words
        and lower not in LEADING_STOP
        and lower not in TITLES
        and lower not in context.given_names
        and lower not in context.demonyms
        and word not in _country_names()
    )


_last_run: tuple[str, int, re.Match[str] | None] = ("", -1, None)


def _name_run_before(body: str, start: int) -> re.Match[str] | None:
    """`_NAME_RUN` up to `start`, kept for the last form asked about: `ends_a_body_name` and
    `a_sources_name` both read it before a form after " of ", and the search costs some 10 µs."""
    global _last_run
    kept, at, run = _last_run
    if kept is not body or at != start:
        run = _NAME_RUN.search(body, max(0, start - _RUN_REACH), start)
        _last_run = (body, start, run)  # another thread's form replaces it, never mixes with it
    return run


def ends_a_body_name(body: str, start: int, institutions: Collection[str]) -> bool:
    """Whether the form ends a body's name of capitalised words joined by "of", "for" or "in"
    ("the Church of England", "the Supreme Court of Canada"): see the module docstring.
    `institutions` are country_context.py's words for a named institution ("University", "Bank")."""
    if not body.endswith(_ENDINGS, 0, start):
        return False  # the common case, read without the pattern
    run = _name_run_before(body, start)
    if run is None:
        return False
    words = run.group(0).split()
    if words[-1] == "the":
        words.pop()
    if not words or words[-1] not in _ENDS:
        return False
    if "and" in words:
        words = words[len(words) - words[::-1].index("and") :]  # the last of listed names
    while words and words[0] in _JOINS and words[0] != "the":
        words.pop(0)  # "of", "and": the end of a longer name or phrase before this one
    article = bool(words) and words[0] in ("the", "The")
    named = [word for word in words if word not in _JOINS and word != "The"]
    if not named or not (article or len(named) >= 2 or _inside_a_sentence(body, run.start(), words)):
        return False  # "Scientists in Spain", "People in Ireland": a sentence's subject
    _, bodies = _words()
    events = _word_lists().event_heads  # "the Battle of Britain": a battle's name
    return any(
        (word in institutions and word != "States")  # "the Baltic States of Estonia": countries
        or ((word.lower() in bodies or word.lower() in events) and word[1:].islower())
        for word, then in itertools.pairwise(words)
        if then in _ENDS  # the head of a name "X of Y": not "the Gulf States of Qatar"
        # nor a contest one plays "for" a side: "played Davis Cup for Tunisia"
        and not (then == "for" and word in _CONTESTS)
    )


_CONTESTS = frozenset(["Cup", "Trophy", "Shield", "Games", "Championships", "Championship", "Olympics"])
# a lower-case word and a space right before a name's run: the name stands inside a sentence
_A_LOWER_WORD_BEFORE = re.compile(r"(?<![^\W_])[a-z]+[^\S\n]+$")


def _inside_a_sentence(body: str, run_start: int, words: list[str]) -> bool:
    """Whether a one-word head of a name opens the run right after a lower-case word ("attendance
    at Church of England services"): capitalised inside a sentence, a name's, unlike a sentence's
    opening subject ("People in Ireland")."""
    return (
        body.startswith(words[0], run_start)
        and _A_LOWER_WORD_BEFORE.search(body, max(0, run_start - 20), run_start) is not None
    )


_NEXT_CAPITALISED = re.compile(r" ([A-Z][a-z]+)(?![\w'’-])")


def an_adjectival_title(body: str, title: str, end: int, context: CountryContext) -> bool:
    """Whether a title or a noun for a person that WordNet also has as an adjective ("national",
    "general") qualifies the common noun written with a capital right after it ("National
    Bureau", "National Party", "National Army"), as a body's name has it, rather than naming a
    person; not before a title ("Chief Justice") or a name ("General Burhan")."""
    not_before, _ = _words()
    after = _NEXT_CAPITALISED.match(body, end)
    if title.lower() not in not_before or after is None:
        return False
    lower = after.group(1).lower()
    return lower in context.nouns and lower not in TITLES and lower not in context.given_names


# where a newspaper, an agency or a broadcaster stands as the source of a report: its verb right
# after the name ("The Times of India reported", "Voice of America said"), or the words that lead
# to a source before it ("told the", "according to the", "in an interview with", "a reporter for")
_REPORTED_AFTER = re.compile(
    r"[^\S\n]+(?:reported|reports|said|says|quoted|quotes|cited|cites|carried|carries|broadcast|broadcasts"
    r"|published|publishes|aired|airs|wrote|writes|ran|runs)(?![\w'’-])"
)
_SOURCE_BEFORE = re.compile(
    r"(?<![^\W_])(?:told|tells|telling|[Aa]ccording[^\S\n]+to|interview[^\S\n]+with|quoted[^\S\n]+by"
    r"|reported[^\S\n]+by|cited[^\S\n]+by|wrote[^\S\n]+in|writing[^\S\n]+in"
    r"|(?:[Rr]eporters?|[Cc]orrespondents?|[Jj]ournalists?|[Ee]ditors?|[Cc]olumnists?)[^\S\n]+(?:for|of|at|with))"
    r"[^\S\n]+$"
)
# a newsroom's noun after the name, its possessive and a language's or a desk's name before it:
# "the Voice of America correspondent", "Voice of America's Persian service"
_NEWSROOM_AFTER = re.compile(
    r"(?:['’]s)?(?:[^\S\n]+[A-Z][a-z]+)?[^\S\n]+(?:correspondents?|reporters?|journalists?|editors?|bureaus?"
    r"|service|website|newspaper|broadcaster|newsroom)(?![\w'’-])"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)]?[^\S\n]+|\n[^\S\n]*)$")


def a_sources_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form ends a newspaper's, an agency's or a broadcaster's name "(the) X of" and
    the country, in the place of a report's source: the name's verb of reporting follows it ("The
    Times of India reported", "Voice of America said", "The Press Trust of India said"), or a
    newsroom's noun ("the Voice of America correspondent", "Voice of America's Persian service"),
    or a source's words lead to it or to the list it ends ("told the Times of Malta", "according
    to Voice of Nigeria", "reporters for Radio Free Europe and Voice of America"). The name's head
    is a noun whose two most frequent senses in WordNet are no person and no place, and no word
    of the name is one such, a title or the country's own state or people: "the King of Jordan
    said", "the South of France reported", "the State of Israel said", "the Government of India
    said" and "the Prime Minister of India told" keep the country."""
    if not body.endswith(" of ", 0, start):
        return False
    run = _name_run_before(body, start)
    if run is None:
        return False
    words = run.group(0).split()
    for join in ("for", "in"):
        if join in words:  # "Reporters for Voice of": a phrase before the name
            words = words[len(words) - words[::-1].index(join) :]
    listed = start - len(" ".join(words)) - 1  # where the names listed before this one begin
    if "and" in words:
        words = words[len(words) - words[::-1].index("and") :]  # the last of listed names
    while words and words[0] in _JOINS and words[0] not in ("the", "The"):
        words.pop(0)
    if len(words) < 2 or words[-1] != "of" or words[-2] in _JOINS:
        return False
    head = words[-2]
    named = [word for word in words if word not in _JOINS and word != "The"]
    name_start = start - len(" ".join(words)) - 1
    if body[name_start : start - 1] != " ".join(words):
        return False  # the words were not joined by single spaces
    lower = head.lower()
    people_and_places = _people_and_places()
    if (
        not head[1:].islower()
        or lower not in context.nouns
        or lower in people_and_places
        or any(
            word.lower() in _THE_COUNTRY_ITSELF
            or word.lower() in people_and_places
            or (word != head and word.lower() in TITLES)
            for word in named
        )
    ):
        return False
    if (
        _NEWSROOM_AFTER.match(body, end) is None
        and (body.startswith(("'", "’"), end) or _REPORTED_AFTER.match(body, end) is None)
        and not any(
            _SOURCE_BEFORE.search(body, max(0, at - 30), at) is not None for at in {name_start, listed}
        )
    ):
        return False
    if words[0] in ("the", "The") or len(named) >= 2:
        return True
    # one capitalised word: at a sentence's start a common noun ("Parts of Ukraine reported") unless
    # it is a singular noun that is no adjective, adverb, time or object ("Voice of America said")
    if not _SENTENCE_START.search(body, max(0, name_start - 3), name_start):
        return True
    not_before, _ = _words()
    return lower not in not_before and not lower.endswith("s")


# an apposition that calls a name a newspaper or a broadcaster: ", an independent daily,"
_CALLED_A_PAPER = re.compile(
    r", (?:a|an|the)(?: [a-z'’-]+){0,2}? (?:daily|weekly|newspaper|paper|tabloid|magazine|broadcaster)"
    r"(?:,| (?:in|of|that|which|based|owned)(?![\w'’-]))"
)


def a_demonym_titling_a_paper(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym after "The" is a newspaper's title: "The" written with a capital inside a
    sentence before it and a verb of reporting after it ("Bank shares fell, The Australian
    reported"), or an apposition calling it a paper ("The Namibian, an independent daily,
    reported"). Not "the Australian said", a person of the country."""
    if not body.endswith("The ", 0, start) or body[start:end].lower() not in context.demonyms:
        return False
    if _CALLED_A_PAPER.match(body, end):
        return True
    return _REPORTED_AFTER.match(body, end) is not None and not _SENTENCE_START.search(
        body, max(0, start - 7), start - 4
    )


# Combining forms of nations, written with a space before a form rather than joined by a hyphen
# to it: a name ("Anglo American", the miner; "Sino Swiss Holdings"), where "Anglo-American
# relations" are the two countries'
COMBINING_FORMS = frozenset(
    ["Anglo", "Franco", "Sino", "Indo", "Afro", "Russo", "Italo", "Hispano", "Austro", "Luso", "Greco"]
)
# what follows a body's name of one foreign word hyphened to a country's name, as its subject or
# an apposition: "Météo-France placed", "Ouest-France, the regional daily,", "Météo-France's"
_A_NAMES_VERB_AFTER = re.compile(r"[^\S\n]+[a-z]+ed(?![\w'’-])|,[^\S\n]+(?:the|a|an)[^\S\n]|['’]s(?![\w'’-])")
# a capitalised word right before the form, and one hyphened or spaced right after it
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-zà-ÿ]+)[^\S\n]$")
_HYPHENED_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-zà-ÿ]+)-$")
_CAPITALISED_JOINED_AFTER = re.compile(r"[-^\S\n]([A-Z][a-zà-ÿ]+)(?![\w'’-])")


def inside_a_foreign_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form stands between two capitalised words that no English dictionary knows
    and that name no country, as a name in another language holds a country's name ("Agence
    France-Presse", "Agence France Presse"), or ends, after a hyphen, a name so begun where a
    report's source stands ("Interfax-Ukraine said"): the agency's, not the country."""
    names = _country_names()

    def foreign(word: str) -> bool:
        lower = word.lower()
        return (
            lower not in context.known_words
            and lower not in context.stop_words
            and lower not in context.given_names
            and word not in names
        )

    if body.endswith("-", 0, start):
        joined = _HYPHENED_BEFORE.search(body, max(0, start - 30), start)
        return (
            joined is not None
            and foreign(joined.group(1))
            and _CAPITALISED_JOINED_AFTER.match(body, end) is None
            and (
                _REPORTED_AFTER.match(body, end) is not None
                or _SOURCE_BEFORE.search(body, max(0, joined.start() - 30), joined.start()) is not None
                or _a_one_word_body_of(body, start, end, joined.start(), context)
            )
        )
    after = _CAPITALISED_JOINED_AFTER.match(body, end)
    if after is None:
        return False  # the common case: no capitalised word joined after it
    before = search_word_before(_CAPITALISED_BEFORE, body, start, 30)
    return before is not None and foreign(before.group(1)) and foreign(after.group(1))


def _a_one_word_body_of(body: str, start: int, end: int, joined: int, context: CountryContext) -> bool:
    """Whether a country's name (not a demonym) ends a body's name after one foreign word and a
    hyphen ("Météo-France placed Brittany on alert", "Ouest-France, the regional daily,"): no
    capitalised word before the foreign one ("the Kuala Lumpur-Singapore line" joins two places),
    no combining form ("Indo-Pakistan"), and the name's verb or an apposition after it, not a
    noun it qualifies ("the Batam-Singapore ferry")."""
    return (
        body[start:end].lower() not in context.demonyms
        and body[joined : start - 1] not in COMBINING_FORMS
        and search_word_before(_CAPITALISED_BEFORE, body, joined, 30) is None
        and _A_NAMES_VERB_AFTER.match(body, end) is not None
    )


# a capitalised word after a demonym, and a possessive: "the Indian Government's", "Virginia-class"
_LOWER_WORD_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?![\w'’-])")
_CAPITALISED_AFTER = re.compile(r"[^\S\n]([A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)(?:(['’]s?)|(-[a-z]+))?(?![\w'’-])")


# a state's bodies that a capitalised word before them may name ("Foreign Ministry", "Federal
# Government"); not an army ("the Irish Republican Army", "the Syrian National Army" are others')
_BODIES_AFTER_A_MODIFIER = frozenset(["ministry", "government"])


def a_states_body_after(body: str, end: int, bodies: Collection[str], context: CountryContext) -> bool:
    """Whether the capitalised word after a demonym is a noun for a body every state has, written
    with a capital ("the Indian Government", "the Scottish Government's", "the Nigerian Army",
    "the British Embassy"; not "the Syrian National Army", where the word is an adjective of the
    name), or after one word that says which ("the Chinese Foreign Ministry",
    "the Nigerian Federal Government"), or the first part of a hyphened word that qualifies a noun ("three
    American Virginia-class submarines"): the demonym says whose it is and begins no proper name.
    Not where a common noun follows the body's, making a thing's name ("a Swiss Army knife"),
    unless the noun names a group or a person ("the Chilean Senate committee", "a British Army
    officer": WordNet's bodies, people and places, body_name_words.json).
    `bodies` are country_context.py's nouns for people or bodies a country has ("government",
    "embassy", "army")."""
    found = _CAPITALISED_AFTER.match(body, end)
    if found is None:
        return False
    if found.group(3) is not None:
        return True
    if found.group(2) is None:
        second = _CAPITALISED_AFTER.match(body, found.end())
        if second is not None and f"{found.group(1)} {second.group(1)}".lower() in _word_lists().state_bodies:
            return (
                True  # "the British Foreign Office", "the Indian High Commission", "the Turkish Central Bank"
            )
    if (
        found.group(1).lower() in bodies
        and found.group(2) is None
        and an_adjectival_title(body, found.group(1), found.end(), context)
    ):
        return False  # "the Syrian National Army": "National" qualifies the name's noun
    if found.group(1).lower() not in bodies:
        # a word that says which ministry or government: "the Chinese Foreign Ministry", "the
        # Egyptian Defence Ministry's", "the Nigerian Federal Government"
        second = _CAPITALISED_AFTER.match(body, found.end()) if found.group(2) is None else None
        # two capitalised words and the body's name no thing ("a Swiss Army knife"): no test after
        return (
            second is not None
            and second.group(3) is None
            and second.group(1).lower() in _BODIES_AFTER_A_MODIFIER
            and found.group(1).lower() in context.known_words
            and found.group(1).lower() not in context.demonyms
        )
    after = _LOWER_WORD_AFTER.match(body, found.end())
    return (
        found.group(2) is not None
        # a body only a state has makes no thing's name with the noun after it: "the Kenyan
        # Treasury cut excise duty", "the Moroccan Treasury last year" (not "a Swiss Army knife")
        or found.group(1).lower() in _ONLY_A_STATES
        or after is None
        or after.group(1) in context.stop_words
        or after.group(1) not in context.nouns
        or after.group(1).endswith("ed")
        # a group or a person of the body: "the Chilean Senate committee", "a British Army officer"
        or after.group(1) in _word_lists().bodies
        or after.group(1) in _word_lists().people_and_places
    )


# bodies no one but a state has
_ONLY_A_STATES = frozenset(["treasury", "government", "parliament", "cabinet", "ministry", "senate"])
_WORD_AFTER = re.compile(r"[^\S\n]+([A-Za-z]+)(?![\w'’-])")
# up to five words of a capitalised name after a form: "Red Cross", "Church of the Brethren"
_NAMES_WORDS_AFTER = re.compile(r"(?:[^\S\n]+(?:[A-Z][\w'’-]*|of|the|and)(?![\w'’-])){2,5}")


def names_a_named_body(text: str) -> bool:
    """Whether a name is that of a body WordNet counts among its non-governmental organisations,
    alone or after one word ("Red Cross", "Thai Red Cross", "Salvation Army"): no person's."""
    names = _word_lists().named_bodies
    lower = text.lower()
    return lower in names or lower.partition(" ")[2] in names


def a_named_bodys_branch(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym comes right before the name of a body WordNet counts among its
    non-governmental organisations ("the Thai Red Cross said", "the British Salvation Army"): the
    body's national branch, not the country's people."""
    if body[end : end + 1] != " " or not body[end + 1 : end + 2].isupper():
        return False  # no capitalised word right after the form: the common case, before any pattern
    if body[start:end].lower() not in context.demonyms:
        return False
    found = _NAMES_WORDS_AFTER.match(body, end)
    if found is None:
        return False
    words = found.group().split()
    names = _word_lists().named_bodies
    return any(" ".join(words[:count]).lower() in names for count in range(2, len(words) + 1))


def a_churchs_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym comes before a word of a church's name ("the Greek Orthodox Patriarch",
    "a Russian Orthodox priest", "the Armenian Apostolic Church"): the church, not the country."""
    if body[start:end].lower() not in context.demonyms:
        return False
    found = _WORD_AFTER.match(body, end)
    return found is not None and found.group(1).lower() in context.faith_words


_SAINT = ("St ", "St. ", "Saint ")
# after a saint's name: a hyphened name ("St Martin-in-the-Fields"), a particle ("St Vincent de
# Paul"), or a possessive that ends the name or leads to a capitalised word ("St Martin's.",
# "St Lucia's Day", "St Vincent's Hospital")
_SAINTS_AFTER = re.compile(
    r"-[A-Za-z]|[^\S\n]+(?:de|du|des|da)[^\S\n]+[A-Z]|['’]s(?:[^\S\n]*[,.;:)!?\n]|$|[^\S\n]+([A-Z][a-z]+)(?:[^\S\n]+([A-Z][a-z]+))?)"
)


def a_saints_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a country named after a saint ("St Martin", "Saint Lucia", "St Vincent") is the
    saint's name in a church's, a charity's, a street's or a feast's ("St Martin-in-the-Fields",
    "the St Vincent de Paul Society", "the vicar of St Martin's.", "St Lucia's Day", "St Vincent's
    Hospital"); not where a title or the state's body follows the possessive ("St Lucia's Prime
    Minister", "St Kitts's Government"), nor a lower-case noun ("St Lucia's economy")."""
    if not body.startswith(_SAINT, start):
        return False
    found = _SAINTS_AFTER.match(body, end)
    if found is None:
        return False
    _, bodies = _words()
    return not any(
        word is not None
        and (word.lower() in TITLES or word.lower() in bodies or word.lower() in _THE_COUNTRY_ITSELF)
        for word in found.groups()
    )


# what ends a name: a mark, the end of the body, or a word in lower case (after a body's
# name in a language, "BBC Russian said", or in a country's abbreviation, "Reform UK, which")
NAMES_END = re.compile(r"[^\S\n]*(?:[,.;:)!?\n]|$)|[^\S\n]+([a-z]+)(?![\w'’-])")


def a_language_service(
    body: str, start: int, end: int, previous: str | None, context: CountryContext
) -> bool:
    """Whether a demonym that is also a language's name ends a name after an abbreviation, a
    broadcaster's service in that language ("BBC Russian said", "VOA Persian reported"): the name
    ends there, a mark or a word that is no noun following. Not a country's abbreviation ("US
    Russian"), nor before a noun ("EU Russian gas imports")."""
    if previous is None or body[start:end].lower() not in context.languages:
        return False
    if (
        body[start - len(previous) - 1 : start] != f"{previous} "
        or not _ABBREVIATION.fullmatch(previous)
        or _ROMAN.fullmatch(previous)
        or previous in _country_abbreviations()
    ):
        return False
    after = NAMES_END.match(body, end)
    if after is None:
        return False
    word = after.group(1)
    return word is None or word in context.stop_words or word not in context.nouns


# a language a school teaches in: "Irish-medium schools", "French immersion", "Welsh-medium education"
_TAUGHT_IN = re.compile(r"(?:-|[^\S\n]+)(?:medium|immersion)(?![\w'’-])")


def a_language_taught_in(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym that is also a language's name comes before "medium" or "immersion",
    the language a school teaches in ("Irish-medium schools", "French immersion programmes")."""
    return body[start:end].lower() in context.languages and _TAUGHT_IN.match(body, end) is not None


# a capitalised run after an ampersand ("& Barrett", "& New Zealand") and before one ("Smith & ")
_AMPERSAND_AFTER = re.compile(r" & ((?:[A-Z][\w'’-]*)(?:[^\S\n]+[A-Z][\w'’-]*){0,3})")
_AMPERSAND_BEFORE = re.compile(r"(?<![^\W_])((?:[A-Z][\w'’-]*[^\S\n]+){0,3}[A-Z][\w'’-]*) & $")


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country's names, aliases and demonyms as written ("Herzegovina" is not one;
    "Bosnia and Herzegovina" is)."""
    from gql_news.ingest.countries import desired_countries

    return frozenset(
        form
        for row in desired_countries()
        for form in (row.name, row.official_name, *row.aliases, *row.demonyms)
        if form is not None
    )


def joined_by_an_ampersand(body: str, start: int, end: int) -> bool:
    """Whether the form is joined by "&" to a capitalised name that is no country's, the way a
    firm's partners are ("Holland & Barrett", "Wales & West Utilities", "Smith & Jordan"); not
    two countries ("UK & Ireland") nor one country's name so written ("Bosnia & Herzegovina")."""
    if not (body.startswith(" & ", end) or body.endswith(" & ", 0, start)):
        return False  # the common case, read without the patterns
    names = _country_names()
    form = body[start:end]
    after = _AMPERSAND_AFTER.match(body, end)
    if after is not None:
        words = after.group(1).split()
        partners = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
        return not any(p in names or f"{form} and {p}" in names for p in partners)
    before = _AMPERSAND_BEFORE.search(body, max(0, start - 60), start)
    if before is not None:
        words = before.group(1).split()
        partners = [" ".join(words[-n:]) for n in range(1, len(words) + 1)]
        return not any(p in names or f"{p} and {form}" in names for p in partners)
    return False


def _common_people() -> frozenset[str]:
    return _word_lists().common_people


# a capitalised plural noun right before "of" (and "the") that ends at the form: "Friends of "
_MEMBERS_OF = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)s[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?$")
# what ends the text before a sentence's first word: its start, a stop, a quotation mark
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;\n“”\"‘(]|—)[^\S\n]*$")


def a_members_society(body: str, start: int) -> bool:
    """Whether the country ends a society's name made of its members' noun in the plural and "of"
    ("the Friends of Malawi", "Sons of Norway"): see the module docstring."""
    if not body.endswith("of ", 0, start) and not body.endswith("the ", 0, start):
        return False  # the common case, read without the pattern
    found = _MEMBERS_OF.search(body, max(0, start - 40), start)
    if found is None:
        return False
    singular = found.group(1).lower()
    if singular not in _common_people() or singular in TITLES:
        return False
    at = found.start()
    if body.endswith("The ", 0, at):
        return True  # "The Friends of Malawi": the name's article, the noun capitalised after it
    return _SENTENCE_OPENS.search(body, max(0, at - 4), at) is None  # "Leaders of France met"


# a body named by a people in the plural, "in" or "for" and capitalised words that end with a
# body's noun: "the Nigerians in Diaspora Commission", "Kenyans for Peace Network"
_PEOPLES_BODY_AFTER = re.compile(
    r"[^\S\n]+(?:in|for)[^\S\n]+([A-Z][\w'’-]*)(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w'’-]*){0,2}?[^\S\n]+"
    r"(?:Association|Alliance|Commission|Council|Federation|Forum|League|Network|Organisation|Organization"
    r"|Society|Union)(?![\w'’-])"
)


def a_peoples_body(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a people's name in the plural opens a body's name with "in" or "for" and
    capitalised words ending with a body's noun ("the Nigerians in Diaspora Commission says"),
    the first of them no place ("Nigerians in Lagos Trade Union" stays the people's)."""
    form = body[start:end]
    if not (
        body.startswith((" in ", " for "), end) and form.endswith("s") and form.lower() in context.demonyms
    ):
        return False  # the common case, read without the pattern
    found = _PEOPLES_BODY_AFTER.match(body, end)
    if found is None:
        return False
    first = found.group(1)
    return not (first in context.places_abroad or first in context.place_names or first in _country_names())


# a capitalised word hyphened after the form ("Austria-Hungary") or before it ("Monaco" in "Monaco-Ville")
_PLACES_PART_AFTER = re.compile(r"-([A-Z][a-z]{2,})(?![\w-])")
_PLACES_PART_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]{2,})-$")


def in_a_hyphened_places_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the country's name is hyphened to a capitalised word that makes with it the name of
    a place that is no country ("Austria-Hungary", "Monaco-Ville"): see the module docstring."""
    if body[end : end + 1] != "-" and body[start - 1 : start] != "-":
        return False  # no hyphen beside the form: the common case, before any pattern is tried
    form = body[start:end]
    after = _PLACES_PART_AFTER.match(body, end)
    if after is not None:
        whole = f"{form}-{after.group(1)}"
    else:
        before = _PLACES_PART_BEFORE.search(body, max(0, start - 30), start)
        if before is None:
            return False
        whole = f"{before.group(1)}-{form}"
    return whole in context.place_names and whole not in _country_names()


# a campaign's or a scheme's name of a capitalised word, "in" and the country, after "the" or a
# possessive: "the government's Make in India drive", "the Study in Australia campaign"
_CAMPAIGN_BEFORE = re.compile(r"(?:(?<![\w'’-])[Tt]he|[\w’']['’]s?)[^\S\n]+([A-Z][a-z]+)[^\S\n]+in[^\S\n]+$")
# the noun of a campaign, a scheme or a label that the name qualifies
_CAMPAIGN_AFTER = re.compile(
    r"[^\S\n]+(?:campaigns?|drives?|programmes?|programs?|schemes?|initiatives?|push|labels?|brand|slogans?"
    r"|policy|policies|strategy|plan)(?![\w'’-])"
)


def a_campaigns_name(
    body: str, start: int, end: int, context: CountryContext, of_a_nation: Collection[str]
) -> bool:
    """Whether the country's name ends a campaign's name of a capitalised word and "in", which "the"
    or a possessive opens and a campaign's, a scheme's or a label's noun follows ("the
    government's Make in India drive", "the Study in Australia campaign"): the campaign's, not the
    country. Not a state's body, a person's name or a place ("the Embassy in Japan plan", "the
    Government in Kenya plan"). `of_a_nation` are
    country_context.py's nouns for people or bodies a country has ("embassy", "government")."""
    if (
        not body.endswith(" in ", 0, start)
        or not body[body.rfind(" ", 0, start - 4) + 1 : start - 4].istitle()
    ):
        return False  # the common case, a word in lower case before "in": read without a pattern
    if _CAMPAIGN_AFTER.match(body, end) is None:
        return False
    found = _CAMPAIGN_BEFORE.search(body, max(0, start - 40), start)
    if found is None:
        return False
    lower = found.group(1).lower()
    bodies, people_and_places = _word_lists()[1], _word_lists()[2]
    return not (
        lower in bodies
        or lower in of_a_nation
        or lower in people_and_places
        or lower in context.given_names
        or lower in context.demonyms
        or found.group(1) in _country_names()
    )
