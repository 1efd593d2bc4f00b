"""Regenerate gql_news/data/country_compounds.json from WordNet 3.0 (Debian package wordnet-base).

    apt-get install wordnet-base && python scripts/country_compounds.py

A country name or demonym next to a lower-case noun is usually a mention of the country
("Dutch farmers"); when the words make a WordNet noun that names a thing rather than a place,
people or institution ("Swiss chard", "Dutch oven", "guinea fowl", "German shepherd", "American
oil palm") it is not. The file lists, in lower case:

- "compounds": WordNet nouns of two to four words whose first word is a one-word country form
  and one of whose senses is in a thing-like lexicographer file (food, plant, animal, artifact,
  substance, act, state, ...), so "Canadian dollar", "French people" or "Irish Sea" are not
  listed. The whole noun is kept, so "American oil palm" does not make "American oil" a
  compound. Its words may be joined by hyphens or apostrophes ("Portuguese man-of-war",
  "German short-haired pointer"), and a first word of a country form joined by a hyphen to a
  lower-case one makes a compound of that form alone ("Dutch-processed cocoa": "dutch
  processed"). A compound of one form of a country holds for its other name-or-demonym form
  ("Canada goose", so "Canadian goose") unless that first word is a common noun itself ("china
  cabinet" says nothing of a "Chinese cabinet"), and a noun's irregular plural is listed as well
  ("Canada geese", from WordNet's noun.exc).
- The same for a breed, crop or dish that WordNet names by the country form alone, followed by
  the kind of thing it is: the form's animal, plant or food sense, its two nearest hypernyms and
  the first one's other hyponyms ("Jersey cows", "Guernsey cattle", "swede turnips").
- The same for a country form of several words, written with "_" between its words
  ("new_zealand spinach"), animals, foods and plants only.
- "endings": two-word nouns of things that end with a country form ("Great Dane", "Brown Swiss"),
  and of people whose gloss names neither that form nor its country ("West Indian": "a native
  or inhabitant of the West Indies"; not "East German", "... of East Germany"), and of places
  outside the country whose synset holds none of its forms and whose gloss names none ("South
  Pole", "Inner Mongolia"; not "Outer Mongolia", "Lower Egypt").
- A time's common noun after a country form is a compound too ("Indian summer").
- "dishes" and "diseases": one-word nouns with a sense under WordNet's "dish" (a prepared food:
  "omelette", "curry") or its "disease", "illness", "infection" and "inflammation" ("flu",
  "encephalitis"), and no sense but foods, or illnesses ("collapse" and "shock" are more).
  A demonym before one of them names a style of cooking or a disease ("Spanish omelette", "Thai
  green curry", "Japanese encephalitis"), not the country; produce ("Moroccan tomatoes",
  "Norwegian cod") is food but no dish, and stays the country's.
  "disease_pairs": the two-word nouns of illnesses ("haemorrhagic fever", "hemorrhagic fever"), all
  of whose senses are illnesses: a demonym before one names a disease ("Bolivian haemorrhagic
  fever", "Venezuelan equine encephalitis") as it does before a one-word illness.
- "organisms": one-word nouns all of whose senses are animals or plants ("ant", "deer"). In a
  body that speaks of species, a demonym before one names the species ("Argentine ants").
- "animals" and "plants": one-word nouns with a sense in noun.animal or noun.plant among their
  three most frequent, the first a living thing, a food or a person ("halibut", "sage"; not
  "game"); "foods": those with any sense in noun.food ("cheesecake"); and their irregular plurals
  ("geese"): the head of a species' or a dish's name after a country form, read with the body's
  context (country_context.py). "animal_pairs": the two-word nouns of that kind with an animal
  sense ("sea bass", "liver fluke"), whose last word alone is first something else. "verb_forms": the irregular forms of verbs (verb.exc: "rose",
  "grew"), which may end such a phrase as a verb ("the Swiss franc rose"). "contest_acts": the
  past participles of the verbs whose first sense is in verb.competition ("scored", "played",
  "beaten"): a player's act, so "by" after one names a person ("scored by Harry Kane"), where a
  transaction's ("arranged", "underwritten") names an agent; verb.creation's ("designed", "built")
  are a firm's as often as a person's.
- "alcoholic_drinks": one-word nouns with a sense under WordNet's "alcohol" (an alcoholic drink:
  "rum", "whisky", "lager") and none under its "mixed drink" (a cocktail, made as a dish is:
  "margarita", "sling"), and their irregular plurals: after a demonym, the country's goods
  ("Cuban rum", "Japanese whisky"), not a style of cooking, even in a story of bars and menus.
- "kin": nouns whose first sense is a relative or a spouse ("daughter", "widow"): "a daughter,
  India," is a person.
- "named_kinds": nouns one of whose four most frequent senses is a ship or a musical group
  ("liner", "tanker", "band"): "the liner France", "Japan, the band," are names of one.
- "languages": demonyms that WordNet also lists as a language (a noun.communication sense:
  "french", "korean"); "endings" also holds the two-word nouns of language and speech and the
  verbs that end with a country form ("double dutch", "go dutch", "talk turkey"), the verbs in
  each of their forms ("went dutch", "talking turkey").
- "kinds_of_things": one-word nouns whose first sense lies below "fabric", "plaything",
  "musical instrument", "ware", "ceramic ware", "floor cover", "artistic movement" or "restaurant"
  ("towelling", "doll", "guitar", "porcelain", "rug", "futurism", "bistro"): after a country
  form, a kind of cloth, toy, instrument, ware, floor cover, art or restaurant ("Turkish
  towelling", "Spanish guitars", "Turkish rugs", "Italian futurism", "a French bistro").
- "styles_of_art": one-word nouns whose first sense lies below "dancing", "dance" (the art),
  "music genre", "dance music", "artistic style", "graphic art", "needlework" or "martial art"
  ("tango", "reggae", "rococo", "woodcut", "embroidery", "judo"): after a demonym, a style, genre
  or craft named after the country ("Argentine tango", "Jamaican reggae"), not the country, unless
  the paragraph speaks of its trade or its state. "second_styles_of_art": those whose second sense,
  not their first, lies there ("print", "embroidery", "baroque"), read so only in a body about art
  or crafts (a museum, an auction, an exhibition).
- "american_senses": demonyms that WordNet also lists as an adjective of something American
  ("indian": American Indians; "georgian": the US state), read in a body about the United States.
- "faith_words": the words that follow a country form inside WordNet's names of a religion or a
  denomination (noun.group below "organized religion" or "denomination"), neither the name's
  last word nor a country form ("Greek Orthodox Church", "Armenian Apostolic Orthodox Church":
  "orthodox", "apostolic"): after a demonym, a church's name ("the Serbian Orthodox Patriarch"),
  not the country.
- "demonyms": every country's demonyms as the linker writes them (singular and plural).
- "proper_adjectives": one-word adjectives WordNet writes with a capital that are no country's
  demonym ("sufi", "coptic", "kurdish", "christian", "victorian"): after a demonym and before a
  common noun they qualify the noun with it ("Tunisian Sufi brotherhoods").
- "place_names": proper nouns that WordNet lists as an instance of a region, a range, a river or
  another feature (noun.location, noun.object: "Alps", "Midwest", "Riviera", "Belgian Congo"), as
  written: after a demonym, the part of the country they lie in ("the Swiss Alps"), unless the
  two words are one such name ("the Belgian Congo", a colony); no ocean ("the Indian Pacific", a train).

It also writes wordnet_words.txt: every one-word lemma WordNet lists and its irregular forms
("geese", "said"), lower case, one a line: the nouns, a line "--", then the other words. A word it lacks after a demonym, in a body that speaks of
species, is taken for a species' name ("Japanese knotweed", "Japanese koi").
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gql_news.ingest.countries import CountryRow, desired_countries
from gql_news.ingest.country_context import a_nationalitys_noun
from gql_news.ingest.linker import country_forms, demonym_forms

WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).resolve().parent.parent / "gql_news" / "data" / "country_compounds.json"
WORDS = OUT.parent / "wordnet_words.txt"
# WordNet lexicographer files (lexnames) of things, not of places, groups, people or money.
THINGS = {
    4: "noun.act", 5: "noun.animal", 6: "noun.artifact", 7: "noun.attribute", 12: "noun.feeling",
    13: "noun.food", 17: "noun.object", 19: "noun.phenomenon", 20: "noun.plant", 22: "noun.process",
    26: "noun.state", 27: "noun.substance",
}  # fmt: skip
KINDS = {5, 13, 20}  # animal, food, plant: breeds, crops and dishes named by a country form
MAX_WORDS = 4
COMMUNICATION = 10
PERSON = 18  # noun.person
CONTEST_ACTS = {33}  # verb.competition; verb.creation is a firm's as often ("designed", "built")
TIME = 28  # noun.time: "Indian summer" (a season's common noun), not "Italian Renaissance"
LOCATION, OBJECT = 15, 17  # noun.location, noun.object: named regions, ranges and rivers ("Alps")
OCEAN = 9376198  # ocean: the Pacific, the Atlantic; no country's part ("the Indian Pacific", a train)
GROUP = 14  # noun.group: "Greek Orthodox Church"
DISH = "07557434"  # dish: a particular item of prepared food
ALCOHOL = "07884567"  # alcohol, alcoholic drink: rum, whisky, wine, beer
MIXED_DRINK = "07911371"  # mixed drink: a cocktail is made, like a dish ("a Mexican margarita")
LIVING_OR_EATEN = {5, 13, 18, 20}  # noun.animal, noun.food, noun.person, noun.plant
KIN = {10235549, 10640620}  # relative, spouse
THING_ROOTS = {
    3309808,
    3964744,
    3800933,
    4550840,
    2997607,
    3366823,
    8466643,
    4081281,
}  # fabric (cloth, material, textile); plaything (toy); musical instrument; ware; ceramic ware;
# floor cover (rug, carpet); artistic movement (futurism, cubism); restaurant (bistro, steakhouse)
STYLE_OF_ART_ROOTS = {428270, 7020538, 7071942, 7054433, 4929422, 3453809, 3816849, 825443}
# dancing; dance (the art); music genre; dance music; artistic style; graphic art (print, etching);
# needlework (embroidery, lacework); martial art
BUILT_OR_PERIOD = {4341686, 15113229}  # structure, construction; time period
FAITHS = {8081668, 8146782}  # religion (an institution), denomination (a group of congregations)
NAMED_KINDS = {4530566, 8246613}  # vessel, watercraft; musical organization (a band, an orchestra)
ILLNESS = {"14070360", "14061805", "14174549", "14336539"}  # disease, illness, infection, inflammation


@dataclass(frozen=True)
class Synset:
    lexfile: int
    words: tuple[str, ...]  # as WordNet writes them, "_" for a space
    hypernyms: tuple[int, ...]
    hyponyms: tuple[int, ...]
    instance: bool = False  # an instance of its hypernym, a named one ("Alps": a range)
    gloss: str = ""  # its definition and examples (nouns)


def read_synsets() -> dict[int, Synset]:
    """The noun synsets by offset, and the verbs' (lexfile -1, keyed by a negative offset)."""
    synsets: dict[int, Synset] = {}
    for line in (WORDNET / "data.verb").read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            fields = line.split(" | ")[0].split()
            count = int(fields[3], 16)
            words = tuple(fields[4 + 2 * i].split("(")[0] for i in range(count))
            synsets[-1 - int(fields[0])] = Synset(-1, words, (), ())
    for line in (WORDNET / "data.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        head, _, gloss = line.partition(" | ")
        fields = head.split()
        count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * i].split("(")[0] for i in range(count))
        at = 4 + 2 * count
        pointers = [fields[at + 1 + 4 * k : at + 5 + 4 * k] for k in range(int(fields[at]))]
        up = tuple(int(p[1]) for p in pointers if p[0] in ("@", "@i") and p[2] == "n")
        down = tuple(int(p[1]) for p in pointers if p[0] in ("~", "~i") and p[2] == "n")
        instance = any(p[0] == "@i" for p in pointers)
        synsets[int(fields[0])] = Synset(int(fields[1]), words, up, down, instance, gloss)
    return synsets


def _forms(row: CountryRow) -> list[str]:
    """A country's name, aliases and demonyms (singular and plural), as the linker writes them;
    its official name left out."""
    return country_forms(row.name, None, row.aliases, row.demonyms)


def country_words() -> dict[str, set[str]]:
    """Each one-word country form, lower case, with the country's one-word forms that are not
    abbreviations (its name and demonyms)."""
    out: dict[str, set[str]] = {}
    for row in desired_countries():
        forms = _forms(row)
        single = [form for form in forms if form and " " not in form]
        kin = {form.lower() for form in single if not form.isupper() and not a_nationalitys_noun(form)}
        for form in single:
            out.setdefault(form.lower(), set()).update(kin)
    return out


def plurals() -> dict[str, list[str]]:
    """Irregular plurals by singular, from WordNet's noun.exc ("goose": ["geese"])."""
    return _exceptions("noun.exc")


def _exceptions(name: str) -> dict[str, list[str]]:
    """A WordNet exception list (noun.exc, verb.exc) by base form: its irregular forms."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in (WORDNET / name).read_text(encoding="utf-8").splitlines():
        form, *bases = line.split()
        for base in bases:
            out[base].append(form)
    return out


def main() -> int:
    words = country_words()
    synsets = read_synsets()
    verb_exc = _exceptions("verb.exc")  # a verb's irregular forms: "go": ["went", "gone"]
    compounds: set[tuple[str, ...]] = set()  # WordNet's own, held for the country's other forms
    kinds: set[tuple[str, ...]] = set()  # a breed, crop or dish and its kind: that form only
    endings: set[str] = set()
    for synset in synsets.values():
        if synset.lexfile == COMMUNICATION or synset.lexfile < 0:  # speech and verbs: endings only
            for lemma in synset.words:
                parts = tuple(lemma.lower().split("_"))
                if len(parts) == 2 and parts[1] in words and parts[0].isalpha():
                    endings.add(" ".join(parts))
                    if synset.lexfile < 0:  # the verb's other forms: "went dutch", "talking turkey"
                        endings.update(f"{form} {parts[1]}" for form in _verb_forms(parts[0], verb_exc))
        if synset.lexfile == TIME:  # a time's common noun after a form: "Indian summer"
            for lemma in synset.words:
                parts = tuple(lemma.split("_"))
                if (
                    len(parts) == 2
                    and parts[0].lower() in words
                    and parts[1].isalpha()
                    and parts[1].islower()
                ):
                    compounds.add((parts[0].lower(), parts[1]))
        if synset.lexfile not in THINGS:
            continue
        for lemma in synset.words:
            parts = tuple(lemma.lower().split("_"))
            hyphened = tuple(lemma.split("_")[0].split("-"))
            if len(hyphened) == 2 and hyphened[0].lower() in words and _a_word(hyphened[1], lower=True):
                kinds.add((hyphened[0].lower(), hyphened[1]))  # "Dutch-processed cocoa": that form only
            if not all(part.isalpha() for part in parts):
                if (
                    2 <= len(parts) <= MAX_WORDS
                    and parts[0].isalpha()
                    and parts[0] in words
                    and all(map(_a_word, parts[1:]))
                ):
                    compounds.add(parts)  # "Portuguese man-of-war", "German short-haired pointer"
                continue
            if 2 <= len(parts) <= MAX_WORDS and parts[0] in words:
                compounds.add(parts)
            if len(parts) == 2 and parts[1] in words:
                endings.add(" ".join(parts))
            if len(parts) == 1 and parts[0] in words and synset.lexfile in KINDS:
                for kind in _kinds_of(synset, synsets):
                    kinds.add((parts[0], *kind))
    endings |= _people_of_elsewhere(synsets, words)
    endings |= _places_of_elsewhere(synsets, words)
    # a country form of several words ("new zealand spinach"), its words joined by "_" in the file
    several = {
        tuple(form.lower().split())
        for row in desired_countries()
        for form in _forms(row)
        if form and " " in form and not form.isupper()
    }
    joined: set[str] = set()
    for synset in synsets.values():
        if synset.lexfile not in KINDS:  # animals, foods, plants: "united states waters" is the country's
            continue
        for lemma in synset.words:
            parts = tuple(lemma.lower().split("_"))
            for form in several:
                rest = parts[len(form) :]
                if (
                    parts[: len(form)] == form
                    and 1 <= len(rest) < MAX_WORDS
                    and all(p.isalpha() for p in rest)
                ):
                    joined.add(" ".join(["_".join(form), *rest]))
    # the same compound for the country's other forms (not where the first word is itself a
    # common noun, "china cabinet", which says nothing of a "Chinese cabinet"), and irregular plurals
    common = {w for s in synsets.values() if s.lexfile in THINGS for w in s.words if w in words}
    irregular = plurals()
    out = set()
    spread = [(c, {c[0]} if c[0] in common else words[c[0]] | {c[0]}) for c in compounds]
    spread += [(k, {k[0]}) for k in kinds]
    for (_, *rest), forms in spread:
        for form in forms:
            out.add(" ".join([form, *rest]))
            for plural in irregular.get(rest[-1], ()):
                out.add(" ".join([form, *rest[:-1], plural]))
    OUT.write_text(
        json.dumps(
            {
                "comment": [
                    "Generated by scripts/country_compounds.py from WordNet 3.0: nouns that begin with a",
                    "country form and name a thing ('swiss chard', 'jersey cows'), not the country, and",
                    "nouns of two words that end with one ('great dane'). Lower case.",
                ],
                "compounds": sorted(out | joined),
                "endings": sorted(endings),
                "dishes": sorted(_under(synsets, 13, {DISH}) & _only_in(synsets, {13})),
                "diseases": sorted(_under(synsets, 26, ILLNESS) & _only_in(synsets, {26})),
                "disease_pairs": sorted(_illness_pairs(synsets)),
                "organisms": sorted(_organisms(synsets)),
                "animals": sorted(_with_plurals(_living_senses(synsets, 5))),
                "animal_pairs": sorted(_animal_pairs(synsets)),
                "plants": sorted(_with_plurals(_living_senses(synsets, 20))),
                "foods": sorted(_with_plurals(_senses_in(synsets, {13}))),
                "alcoholic_drinks": sorted(
                    _with_plurals(_under(synsets, 13, {ALCOHOL}) - _under(synsets, 13, {MIXED_DRINK}))
                ),
                "kinds_of_things": sorted(_with_plurals(_kinds_of_things(synsets))),
                "verb_forms": sorted(_irregular_verb_forms(verb_exc)),
                "contest_acts": sorted(_contest_acts()),
                "kin": sorted(_kin(synsets)),
                "named_kinds": sorted(_first_sense_below(synsets, NAMED_KINDS, 4)),
                "languages": sorted(
                    {w.lower() for s in synsets.values() if s.lexfile == COMMUNICATION for w in s.words}
                    & _demonyms()
                ),
                "styles_of_art": sorted(_with_plurals(_first_sense_below(synsets, STYLE_OF_ART_ROOTS))),
                "second_styles_of_art": sorted(
                    _with_plurals(
                        _first_sense_below(synsets, STYLE_OF_ART_ROOTS, 2)
                        - _first_sense_below(synsets, STYLE_OF_ART_ROOTS)
                        - _first_sense_in(synsets, {LOCATION, OBJECT})  # "landscape", "plain": a place
                    )
                ),
                "american_senses": sorted(_american_senses()),
                "period_senses": sorted(_period_senses(synsets)),
                "built_or_periods": sorted(_with_plurals(_first_sense_below(synsets, BUILT_OR_PERIOD))),
                "faith_words": sorted(_faith_words(synsets, words)),
                "demonyms": sorted(_demonyms()),
                "place_names": sorted(_place_names(synsets)),
                "proper_adjectives": sorted(_proper_adjectives()),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    nouns, others = _all_words()
    WORDS.write_text("\n".join([*sorted(nouns), "--", *sorted(others)]) + "\n", encoding="utf-8")
    print(f"{len(out)} compounds, {len(endings)} endings -> {OUT}", file=sys.stderr)
    return 0


def _faith_words(synsets: dict[int, Synset], words: dict[str, set[str]]) -> set[str]:
    """The inner words after a country form in the names of religions and denominations."""
    below: dict[int, bool] = {}

    def under(offset: int) -> bool:
        if offset not in below:
            below[offset] = False
            below[offset] = offset in FAITHS or any(under(up) for up in synsets[offset].hypernyms)
        return below[offset]

    return {
        part
        for offset, synset in synsets.items()
        if synset.lexfile == GROUP and under(offset)
        for lemma in synset.words
        if (parts := lemma.lower().split("_"))[0] in words
        for part in parts[1:-1]
        if part.isalpha() and part not in words
    }


def _place_names(synsets: dict[int, Synset]) -> set[str]:
    """Proper nouns naming a place WordNet lists as an instance of a region, a range, a river or
    another feature (noun.location, noun.object: "Alps", "Midwest", "Riviera"), as written: after
    a demonym ("the Swiss Alps", "the American Midwest") the part of the country they lie in, not
    a name that begins with the demonym; unless WordNet names the two words as one place ("Belgian
    Congo", "British Guiana"), a place of its own. An ocean lies in no country: "the Indian Pacific"
    and "Canadian Pacific" are a train and a railway, not a part of India or Canada."""
    return {
        " ".join(words)  # "Alps", and "Belgian Congo": a place of its own name
        for synset in synsets.values()
        if synset.lexfile in (LOCATION, OBJECT) and synset.instance and OCEAN not in synset.hypernyms
        for words in (lemma.split("_") for lemma in synset.words)
        if all(_a_proper_word(piece) for word in words for piece in word.split("-"))
    }


def _a_proper_word(piece: str) -> bool:
    """Whether a part of a place's name is a capitalised word ("Alps"; "Austria" and "Hungary" in
    "Austria-Hungary", a former state that WordNet names by two hyphened words)."""
    return piece.isalpha() and piece[:1].isupper() and piece[1:].islower()


def _a_word(part: str, lower: bool = False) -> bool:
    """Whether a part of a lemma is a word, its letters joined by hyphens or apostrophes
    ("man-of-war", "hare's"); with `lower`, a word written in lower case."""
    return all(piece.isalpha() for piece in re.split(r"[-']", part)) and (not lower or part.islower())


def _kin_forms() -> dict[str, set[str]]:
    """Each country form, lower case, and every form of the countries it names."""
    forms: dict[str, set[str]] = defaultdict(set)
    for row in desired_countries():
        every = [form.lower() for form in _forms(row) if form]
        for form in every:
            forms[form].update(every)
    return forms


def _of_elsewhere(
    synsets: dict[int, Synset], words: dict[str, set[str]], lexfiles: set[int], *, synonyms: bool
) -> set[str]:
    """Two-word proper lemmas of the synsets in `lexfiles` that end with a country form and name
    nothing of its country: the gloss names no form of that country and, with `synonyms`, none is
    a lemma of the same synset."""
    forms = _kin_forms()
    out: set[str] = set()
    for synset in synsets.values():
        if synset.lexfile not in lexfiles:
            continue
        lemmas = {lemma.lower().replace("_", " ") for lemma in synset.words}
        said = f" {' '.join(re.findall(r'[a-z]+', synset.gloss.lower()))} "
        for lemma in synset.words:
            parts = lemma.lower().split("_")
            if (
                len(parts) == 2
                and lemma[0].isupper()
                and parts[0].isalpha()
                and parts[1] in words
                and not (synonyms and forms[parts[1]] & lemmas)
                and not any(f" {form} " in said for form in forms[parts[1]])
            ):
                out.add(" ".join(parts))
    return out


def _places_of_elsewhere(synsets: dict[int, Synset], words: dict[str, set[str]]) -> set[str]:
    """Names of a place (noun.location, noun.object) of elsewhere: "south pole" ("the southern
    extremity of the earth's axis"), "inner mongolia" ("an autonomous region in north central
    China"), "portuguese guinea" (Guinea-Bissau), "white russia" (Belarus); not "outer mongolia"
    (a lemma of Mongolia's synset), "lower egypt" ("the northern part of Egypt"), "west germany"."""
    return _of_elsewhere(synsets, words, {LOCATION, OBJECT}, synonyms=True)


def _people_of_elsewhere(synsets: dict[int, Synset], words: dict[str, set[str]]) -> set[str]:
    """Nouns for a person (noun.person) of elsewhere: "west indian" ("a native or inhabitant of the
    West Indies"), "plains indian", "huck finn"; not "east german" ("... of East Germany"),
    "french canadian" ("a Canadian descended from ..."), "asian american"; and "red indian",
    whose synset holds "Indian" too."""
    return _of_elsewhere(synsets, words, {PERSON}, synonyms=False)


def _all_words() -> tuple[set[str], set[str]]:
    """WordNet's one-word common nouns (written in lower case, and the irregular plurals), and
    its other one-word lemmas (proper nouns, adjectives, verbs, adverbs and their irregular
    forms) that are no common noun, lower case."""
    synsets = read_synsets().values()
    nouns = {w for s in synsets if s.lexfile >= 0 for w in s.words if w.isalpha() and w.islower()}
    others = {w.lower() for s in synsets if s.lexfile >= 0 for w in s.words if w.isalpha()} - nouns
    for part in ("adj", "verb", "adv"):
        for line in (WORDNET / f"index.{part}").read_text(encoding="utf-8").splitlines():
            if not line.startswith(" ") and line.split()[0].isalpha():
                others.add(line.split()[0].lower())
    for part in ("noun", "verb", "adj", "adv"):  # irregular forms: "geese", "said", "better"
        for line in (WORDNET / f"{part}.exc").read_text(encoding="utf-8").splitlines():
            if line.split() and line.split()[0].isalpha():
                (nouns if part == "noun" else others).add(line.split()[0].lower())
    return nouns, others - nouns


def _organisms(synsets: dict[int, Synset]) -> set[str]:
    """The one-word nouns every sense of which is in noun.animal or noun.plant."""
    return _only_in(synsets, {5, 20})


def _living_senses(synsets: dict[int, Synset], lexfile: int) -> set[str]:
    """The one-word lower-case nouns with a sense in `lexfile` (animals or plants) among their
    three most frequent, the first of them a living thing, a food or a person ("halibut", a food
    first; "sage", a person first), not "game" or "bass", whose first senses are an act, a pitch."""
    out = set()
    for word, offsets in index_senses().items():
        files = [synsets[offset].lexfile for offset in offsets[:3]]
        if files and files[0] in LIVING_OR_EATEN and lexfile in files:
            out.add(word)
    return out


def _animal_pairs(synsets: dict[int, Synset]) -> set[str]:
    """The two-word lower-case nouns with a sense in noun.animal among their three most frequent,
    the first of them a living thing, a food or a person ("sea bass", "liver fluke", "king crab"),
    their words joined by a space: an animal whose last word alone is first something else ("bass",
    a pitch; "fluke", luck)."""
    out = set()
    for line in (WORDNET / "index.noun").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if line.startswith(" ") or fields[0].count("_") != 1:
            continue
        first, second = fields[0].split("_")
        if not (first.isalpha() and first.islower() and second.isalpha() and second.islower()):
            continue
        offsets = [int(offset) for offset in fields[6 + int(fields[3]) :]]
        files = [synsets[offset].lexfile for offset in offsets[:3]]
        if files and files[0] in LIVING_OR_EATEN and 5 in files and first not in ("genus", "family", "order"):
            out.add(f"{first} {second}")
    animals = _living_senses(synsets, 5)
    nouns = index_senses()  # a last word of its own ("bass"), not a Latin name's ("aedes aegypti")
    return {pair for pair in out if pair.split()[1] in nouns and pair.split()[1] not in animals}


def _first_sense_in(synsets: dict[int, Synset], lexfiles: set[int]) -> set[str]:
    """The one-word lower-case nouns whose first (most frequent) sense is in one of `lexfiles`."""
    return {word for word, offsets in index_senses().items() if synsets[offsets[0]].lexfile in lexfiles}


def _senses_in(synsets: dict[int, Synset], lexfiles: set[int]) -> set[str]:
    """The one-word lower-case nouns with at least one sense in one of `lexfiles` ("halibut", a
    fish and a food; "sage", a plant and a person)."""
    return {
        word
        for synset in synsets.values()
        if synset.lexfile in lexfiles
        for word in synset.words
        if word.isalpha() and word.islower()
    }


def _demonyms() -> set[str]:
    """Every country's demonyms as the linker writes them (singular and plural), lower case."""
    return {f.lower() for row in desired_countries() for d in row.demonyms for f in demonym_forms(d)}


def _proper_adjectives() -> set[str]:
    """WordNet's one-word adjectives written with a capital that are no country's demonym and
    whose sense is said of a people or a faith, lower case ("sufi", "coptic", "kurdish",
    "christian", "sikh"; not "chippendale", a style, nor "victorian", an age). After a demonym and
    before a common noun they qualify the noun with it ("Tunisian Sufi brotherhoods", "Canadian
    Sikh organisations")."""
    demonyms = _demonyms()
    return {
        word.lower()
        for words, definition in _adjective_senses()
        if _A_PEOPLE_OR_FAITH.search(definition) and not _A_STYLE_OR_AGE.search(definition)
        for word in words
        if word[:1].isupper() and word.isalpha() and word[1:].islower() and word.lower() not in demonyms
    }


def _adjective_senses() -> Iterator[tuple[list[str], str]]:
    """Each WordNet adjective sense's words, as written, and its definition (its gloss up to ";")."""
    for line in (WORDNET / "data.adj").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        head, _, gloss = line.partition(" | ")
        fields = head.split()
        yield [fields[4 + 2 * i].split("(")[0] for i in range(int(fields[3], 16))], gloss.split(";")[0]


# a sense said of a people, its speakers or a faith ("of or relating to the Sufis or to Sufism",
# "... Kurdistan or the Kurds", "of or relating to or supporting Hinduism"), not of a style or an
# age ("an 18th-century style of furniture", "the age of Queen Victoria")
_A_PEOPLE_OR_FAITH = re.compile(
    r"\bpeoples?\b|\bthe [A-Z][a-z]+s\b|[A-Z][a-z]+(?:ism|ianity)\b|religio|\bfaith|\bJews\b|speakers?\b"
)
_A_STYLE_OR_AGE = re.compile(r"\bstyle|\bage\b|\bera\b|\bperiod\b|\breign|century")


def _american_senses() -> set[str]:
    """The demonyms that WordNet also lists as an adjective of something American (a gloss that
    says "American"): "indian" ("of or pertaining to American Indians"), "georgian" ("of ... the
    American state of Georgia"). In a body about the United States they name that, unless the
    body names the country otherwise."""
    demonyms = _demonyms()
    out = set()
    for words, definition in _adjective_senses():
        found = {word.lower() for word in words} & demonyms
        out |= {word for word in found if word != "american" and "American" in definition}
    return out


def _period_senses(synsets: dict[int, Synset]) -> set[str]:
    """The demonyms that WordNet also lists as an adjective of named people rather than a place:
    a sense whose related nouns are all particular persons, instances of a kind ("georgian": "of
    or relating to the Hanoverian kings of England", related to George I to IV; not "thai", whose
    sense relates to the Thai people, nor "dominican", to a friar of the order). Before a building
    or a time ("Georgian terrace", "Georgian era") it names their period, not the country."""
    individuals = set()
    for line in (WORDNET / "data.noun").read_text(encoding="utf-8").splitlines():
        fields = line.split(" | ")[0].split()
        if not line.startswith(" ") and int(fields[1]) == PERSON and "@i" in fields:
            individuals.add(int(fields[0]))
    demonyms = _demonyms()
    out = set()
    for line in (WORDNET / "data.adj").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        count = int(fields[3], 16)
        words = {fields[4 + 2 * i].split("(")[0].lower() for i in range(count)}
        at = 4 + 2 * count
        pointers = [fields[at + 1 + 4 * k : at + 5 + 4 * k] for k in range(int(fields[at]))]
        related = [int(p[1]) for p in pointers if p[0] in ("+", "\\") and p[2] == "n"]
        if related and all(offset in individuals for offset in related):
            out |= words & demonyms
    return out


def _kinds_of_things(synsets: dict[int, Synset]) -> set[str]:
    """The one-word lower-case nouns whose first (most frequent) sense lies below "fabric",
    "plaything", "musical instrument", "ware", "ceramic ware", "floor cover" or "artistic
    movement" ("towelling", "tweed", "doll", "kite", "guitar", "porcelain", "rug", "futurism"):
    after a country form the phrase names a kind of cloth, toy, instrument, ware, floor cover or
    art ("Turkish towelling", "Russian dolls", "Spanish guitars", "Turkish rugs"), which says nothing of the
    country unless the body names it otherwise. Animals, plants and foods are left out: after a
    country form they are as often its produce ("Kenyan tea", "Chilean mussels")."""
    return _first_sense_below(synsets, THING_ROOTS)


def _kin(synsets: dict[int, Synset]) -> set[str]:
    """The lower-case one-word nouns whose first (most frequent) sense is a relative or a spouse
    ("daughter", "son", "widow"): a name set off by commas after one is a person's ("a daughter,
    India,")."""
    return _first_sense_below(synsets, KIN)


def _first_sense_below(synsets: dict[int, Synset], roots: set[int], senses: int = 1) -> set[str]:
    """The lower-case one-word nouns whose first (most frequent) sense, or one of their first
    `senses`, is one of the synsets at offsets `roots` or lies below one."""
    below: dict[int, bool] = {}

    def under(offset: int) -> bool:
        if offset not in below:
            below[offset] = False  # no cycles in WordNet's hypernyms; this only guards
            below[offset] = offset in roots or any(under(up) for up in synsets[offset].hypernyms)
        return below[offset]

    return {word for word, offsets in index_senses().items() if any(under(o) for o in offsets[:senses])}


@lru_cache(maxsize=4)
def index_senses(pos: str = "noun") -> dict[str, tuple[int, ...]]:
    """The one-word lower-case lemmas of WordNet's index file of `pos` ("noun", "adj", "adv",
    "verb") and the offsets of their senses, the most frequent first."""
    out = {}
    for line in (WORDNET / f"index.{pos}").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if line.startswith(" ") or not fields[0].isalpha() or not fields[0].islower():
            continue
        out[fields[0]] = tuple(int(offset) for offset in fields[6 + int(fields[3]) :])
    return out


def _irregular_verb_forms(verb_exc: dict[str, list[str]]) -> set[str]:
    """The irregular forms of verbs that are no noun's lemma of their own, from WordNet's
    verb.exc ("rose", "fell", "grew"): a phrase ending with one may end with a verb ("the Swiss
    franc rose")."""
    return {form for forms in verb_exc.values() for form in forms if form.isalpha()}


def _verb_forms(verb: str, irregular: dict[str, list[str]]) -> set[str]:
    """A verb's inflected forms: its irregular ones ("went", "gone") and the regular ones that
    verb.exc does not replace ("goes", "going"; "talks", "talked", "talking")."""
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    third = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    regular = {third, stem + "ing"}
    if not irregular.get(verb):
        regular.add(stem + "ed")
    return regular | set(irregular.get(verb, ()))


def _contest_acts() -> set[str]:
    """The past participles of the one-word verbs whose first sense (index.verb lists the most
    frequent first) is in verb.competition: "scored", "played", "beaten"."""
    lexfile = {}
    for line in (WORDNET / "data.verb").read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            lexfile[fields[0]] = int(fields[1])
    verbs = set()
    for line in (WORDNET / "index.verb").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        senses = fields[4 + int(fields[3]) + 2 :]
        if fields[0].isalpha() and senses and lexfile[senses[0]] in CONTEST_ACTS:
            verbs.add(fields[0])
    out = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        out |= {stem + "ed", verb + verb[-1] + "ed"}  # "scored", "netted"
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            out.add(verb[:-1] + "ied")  # "carried"
    for line in (WORDNET / "verb.exc").read_text(encoding="utf-8").splitlines():
        words = line.split()
        if len(words) > 1 and words[0].isalpha() and words[1] in verbs:
            out.add(words[0])  # "written", "sung"
    return out


def _with_plurals(words: set[str]) -> set[str]:
    """The words and their irregular plurals ("goose", "geese")."""
    irregular = plurals()
    return words | {plural for word in words for plural in irregular.get(word, ())}


def _only_in(synsets: dict[int, Synset], lexfiles: set[int]) -> set[str]:
    """The one-word nouns every sense of which is in one of `lexfiles` ("flu", not "collapse")."""
    kinds: dict[str, set[int]] = defaultdict(set)
    for synset in synsets.values():
        if synset.lexfile < 0:
            continue  # a verb
        for word in synset.words:
            kinds[word.lower()].add(synset.lexfile)
    return {word for word, files in kinds.items() if word.isalpha() and files <= lexfiles}


def _illness_pairs(synsets: dict[int, Synset]) -> set[str]:
    """The two-word nouns of illnesses, every sense of which is in noun.state ("haemorrhagic
    fever", "hemorrhagic fever", "equine encephalitis"), as written, joined by a space."""
    files: dict[str, set[int]] = defaultdict(set)
    for synset in synsets.values():
        if synset.lexfile >= 0:
            for word in synset.words:
                files[word.lower()].add(synset.lexfile)
    out = set()
    for offset, synset in synsets.items():
        if synset.lexfile != 26 or not _below(synsets, offset, ILLNESS):
            continue
        for word in synset.words:
            parts = word.lower().split("_")
            if len(parts) == 2 and all(part.isalpha() for part in parts) and files[word.lower()] == {26}:
                out.add(" ".join(parts))
    return out


def _below(synsets: dict[int, Synset], offset: int, roots: set[str]) -> bool:
    """Whether the synset at `offset` lies below one of the synsets at offsets `roots`."""
    tops = {int(root) for root in roots}
    seen, stack = set(), [offset]
    while stack:
        for up in synsets[stack.pop()].hypernyms:
            if up not in seen:
                seen.add(up)
                stack.append(up)
    return bool(seen & tops)


def _under(synsets: dict[int, Synset], lexfile: int, roots: set[str]) -> set[str]:
    """The one-word nouns of `lexfile` with a sense below one of the synsets at offsets `roots`."""
    out = set()
    for offset, synset in synsets.items():
        if synset.lexfile == lexfile and _below(synsets, offset, roots):
            out.update(word.lower() for word in synset.words if word.isalpha())
    return out


def _kinds_of(synset: Synset, synsets: dict[int, Synset]) -> set[tuple[str, ...]]:
    """The words of the kind of thing a breed, crop or dish is: its two nearest hypernyms and
    the first one's other hyponyms, in the same lexicographer file."""
    first = [synsets[o] for o in synset.hypernyms]
    second = [synsets[o] for s in first for o in s.hypernyms]
    near = first + second + [synsets[o] for s in first for o in s.hyponyms]
    out = set()
    for kin in near:
        if kin.lexfile != synset.lexfile:
            continue
        for lemma in kin.words:
            parts = tuple(lemma.lower().split("_"))
            if len(parts) < MAX_WORDS and all(part.isalpha() for part in parts):
                out.add(parts)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
