"""The words entity-candidate detection reads around a capitalised name (see candidates.py).

All lower case; the detector compares lower-cased words. Besides the short lists here, the
titles and person nouns of role_words.json (nameparser's titles and WordNet's nouns for a
person, made by scripts/role_words.py) and nameparser's name particles ("dos", "van", "bin").
"""

from __future__ import annotations

from gql_news.ingest.resources import data_file, read_json
from gql_news.ingest.shipped_cache import cached_derivation


def _name_particles() -> list[str]:
    """nameparser's lower-case name prefixes (importing nameparser costs a process ~0.02 s)."""
    from nameparser.config import CONSTANTS

    return sorted(p for p in CONSTANTS.prefixes if p.isalpha() and p.islower())


ROLE_WORDS = frozenset(
    {
        "minister", "president", "vice-president", "premier", "chancellor", "ceo", "cfo", "coo", "cto",
        "chairman", "chairwoman", "chairperson", "chair", "spokesperson", "spokesman", "spokeswoman",
        "governor", "ambassador", "envoy", "secretary", "senator", "mayor", "director", "founder",
        "co-founder", "commissioner", "chief", "executive", "head", "leader", "king", "queen",
        "prince", "princess", "general", "admiral", "judge", "prosecutor", "lawmaker", "deputy",
        "analyst", "economist", "official", "manager", "mp", "treasurer", "attorney",
    }
)  # fmt: skip
# Roles whose "of X" / "for X" / "X's" names a company or body rather than a place.
COMPANY_ROLES = frozenset(
    {
        "ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "chairperson", "chair", "spokesperson",
        "spokesman", "spokeswoman", "founder", "co-founder", "director", "chief", "executive", "head",
        "analyst", "economist",
    }
)  # fmt: skip
SPEECH_AFTER = frozenset(
    {"said", "says", "told", "added", "stated", "announced", "noted", "warned", "explained", "argued"}
)
ORG_WORDS = frozenset(
    {
        "ministry", "ministries", "department", "bank", "corp", "corporation", "inc", "ltd", "limited", "llc", "plc",
        "group", "company", "co", "agency", "council", "committee", "commission", "association",
        "university", "college", "institute", "foundation", "fund", "authority", "organisation",
        "organization", "union", "federation", "party", "exchange", "holdings", "industries",
        "technologies", "systems", "airlines", "airways", "motors", "labs", "partners", "capital",
        "bureau", "office", "embassy", "court", "parliament", "assembly", "senate", "congress",
        "police", "army", "navy", "forces", "times", "post", "press", "news", "network", "media",
        "energy", "services", "solutions", "pharmaceuticals", "trust", "society", "alliance",
        "coalition", "movement", "centre", "center", "forum", "board", "club", "team", "telecom", "railways", "ag",
        "gmbh", "sa", "ventures", "markets", "securities", "insurance", "petroleum", "oil", "gas",
    }
)  # fmt: skip
# Capitalised words that start sentences or titles rather than names.
# modal verbs: like a given name they open a phrase before a name ("Can Jordan", "Will Chad")
MODALS = frozenset(["may", "might", "must", "can", "could", "will", "would", "shall", "should"])
LEADING_STOP = frozenset(
    {
        "the", "a", "an", "and", "but", "or", "so", "yet", "however", "meanwhile", "in", "on", "at",
        "by", "for", "from", "with", "as", "after", "before", "during", "since", "until", "while",
        "when", "where", "if", "although", "though", "because", "last", "next", "this", "that",
        "these", "those", "then", "now", "today", "yesterday", "tomorrow", "earlier", "later",
        "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my",
        "your", "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "former", "acting", "interim",
        "speaking", "asked", "according", "also", "both", "each", "every", "some", "many", "most",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "of", "to", "under",
    }
)  # fmt: skip
# A run that opened with one of these ("In South Hamland, the minister said") names a place or a time.
PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "from",
        "on",
        "for",
        "with",
        "by",
        "during",
        "since",
        "until",
        "to",
        "of",
        "under",
        "after",
        "before",
    }
)
# Lower-case words inside a person's name: "José Eduardo dos Santos", "Anna van den Berg".
PARTICLES = frozenset(
    {
        *cached_derivation("name-particles", ("nameparser",), _name_particles),
        "y",
        "de",
        "da",
        "van",
        "von",
        "der",
    }
)
CONNECTORS = frozenset({"of", "and", "for", "the", "&"} | PARTICLES)
APPOSITIVE_START = frozenset({"the", "a", "an", "its", "his", "her", "their", "who", "now", "then", "former"})

_ROLES = read_json(data_file("role_words.json"))
# Abbreviated titles, which WordNet does not list as nouns: "Dr Karen Lindahl", "Gen Ali Musa".
NEWSROOM_TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "rev", "gen", "col", "capt", "lt", "sgt", "maj", "sen",
     "rep", "gov", "cllr", "hon", "sheikh", "ayatollah", "imam", "rabbi", "fr", "emir",
     # the Ethiopian and Eritrean churches' title of a bishop: "Abune Mathias"
     "abune", "abuna",
     # offices WordNet lists with no title sense: "Justice Helen Marsh", "Congressman Tom Reyes"
     "justice", "coroner", "marshal", "trooper", "congressman", "congresswoman", "assemblyman",
     "assemblywoman",
     # a US town's or county's elected officers: "Supervisor Peter Caldwell", "Selectman Ray Gallant"
     "supervisor", "selectman", "selectwoman", "councilman", "councilwoman", "councilmember",
     # police ranks, spelt out (WordNet has no title sense) and abbreviated: "PC Ali", "DS Welsh"
     "inspector", "constable", "superintendent", "pc", "dc", "ds", "dci", "dsi", "supt", "insp", "pcso"}
)  # fmt: skip
# Words that stand right before a name as its title or office: "Undersecretary Ana Lopes", "Dr Ng".
TITLES = frozenset(ROLE_WORDS | (set(_ROLES["titles"]) - ORG_WORDS) | NEWSROOM_TITLES)
# Titles that are also adjectives or adverbs: at a sentence's start, a plain modifier as often
# ("Senior Chinese officials", "Chief Russian negotiator")
MODIFIER_TITLES = frozenset(TITLES & set(_ROLES["adjectives"]))
# Words that mark a name as a person's when they stand in an appositive next to it.
# WordNet's nouns for a person that are only named individuals ("collins", "lincoln", "adams"):
# a given name or a surname in a story, no role ("Kenya's Collins Kiptanui")
NAMED_INDIVIDUALS = frozenset(_ROLES["named_individuals"])
ROLE_NOUNS = frozenset(TITLES | (set(_ROLES["person_nouns"]) - NAMED_INDIVIDUALS))
# every WordNet noun for a person, named individuals too: a word that names people at all ("young")
ANY_PERSON_NOUNS = frozenset(ROLE_NOUNS | NAMED_INDIVIDUALS)
