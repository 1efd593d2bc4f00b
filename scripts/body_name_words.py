"""Regenerate gql_news/data/body_name_words.json from WordNet 3.0 (Debian package wordnet-base).

    apt-get install wordnet-base && python scripts/body_name_words.py

A body's name is often a common noun put before a country's name ("Police Scotland", "Statistics
Canada", "Cricket Australia", "Tourism Ireland") or a body's noun before "of" and the country
("the Church of England", "the Supreme Court of Canada"). The file lists, in lower case:

- "not_before": one-word WordNet nouns that are no such name's first part although capitalised
  before a country: those that are also an adjective or an adverb ("Nazi Germany", "Soviet
  Russia", "Meanwhile Britain"), and those whose most frequent sense is a person, a place, a
  time or an object ("Tory Britain", "Vichy France", "Yesterday France", "Mainland China"). A
  noun WordNet has and this list lacks ("police", "statistics", "cricket") may open a body's name.
- "bodies": one-word nouns whose most frequent sense is a group of people (lexicographer file
  noun.group: "church", "court", "party", "board"), the head of a body's name before "of".
- "people_and_places": one-word nouns one of whose two most frequent senses is a person or a
  place ("king", "minister", "south", "state", "kingdom"): the head of "the King of Jordan", "the
  South of France", "the Kingdom of Saudi Arabia", a name that holds the country; any other noun may head a newspaper's or a
  broadcaster's name ("the Times of India", "Voice of America", "the Gazette of India").
- "state_bodies": two-word nouns for a state's department, mission or central bank (WordNet's
  kinds of government department, of embassy and the central bank: "foreign office", "high
  commission", "central bank"), written with capitals after a demonym in "the British Foreign
  Office", "the Indian High Commission", "the Turkish Central Bank".
- "sports": one-word nouns whose most frequent sense is a kind of sport (noun.act, under "sport,
  athletics": "swimming", "cycling", "rowing", "cricket"), which open a sports body's name before
  a country's even where written like a participle ("Swimming Australia", "Cycling Ireland").
- "named_bodies": the names of two or more words, capitalised as WordNet writes them, of the
  kinds and instances of its non-governmental organisation ("red cross", "salvation army",
  "methodist church", "national trust"): a demonym before one names a national branch or church
  of that body ("the Thai Red Cross", "the British Methodist Church"), not the country's people.
- "organisation_names": the names of two or more capitalised words WordNet gives an organisation
  (noun.group, under "organization": "Red Cross", "Salvation Army", "Green Party"), which a given
  name may open ("Red") and a demonym may come before ("the British Red Cross", a national society).
- "event_heads": one-word nouns that head two or more of WordNet's named acts or events "X of Y"
  (lexicographer files noun.act and noun.event: "Battle of Britain", "War of American
  Independence"), the head of a battle's or a war's name before "of" and a country.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from country_compounds import Synset, index_senses, read_synsets  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "gql_news" / "data" / "body_name_words.json"
GROUP = 14  # noun.group
ACT_OR_EVENT = (4, 11)  # noun.act, noun.event
NOT_A_NAMES_PART = {15: "noun.location", 17: "noun.object", 18: "noun.person", 28: "noun.time"}
PERSON_OR_PLACE = {15: "noun.location", 18: "noun.person"}
PERSON = 18  # noun.person
ACT = 4  # noun.act
# the synsets whose kinds are a state's bodies of two words: a government department, an embassy
# (a group, not the building) and a central bank
NGO = ("nongovernmental_organization", GROUP)  # the root of WordNet's named bodies of members
STATE_BODY_ROOTS = (("government_department", GROUP), ("embassy", GROUP), ("central_bank", GROUP))
# the name the Red Cross movement's societies take in most Muslim countries, which WordNet 3.0
# lacks though it has the "red cross": a demonym before it names a national society as before the
# Red Cross ("the Turkish Red Crescent", "the Iranian Red Crescent Society")
MOVEMENT_NAMES = ("red crescent",)


def main() -> int:
    nouns = index_senses("noun")
    others = set(index_senses("adj")) | set(index_senses("adv"))
    synsets = read_synsets()

    def first_file(word: str) -> int:
        return int(synsets[nouns[word][0]].lexfile)

    not_before = sorted(w for w in nouns if w in others or first_file(w) in NOT_A_NAMES_PART)
    bodies = sorted(w for w in nouns if w not in others and first_file(w) == GROUP)
    people_and_places = sorted(
        w for w in nouns if any(int(synsets[o].lexfile) in PERSON_OR_PLACE for o in nouns[w][:2])
    )
    common_people = sorted(
        w
        for w in nouns
        if w.isalpha()
        and int((first := synsets[nouns[w][0]]).lexfile) == PERSON
        and w in first.words  # written in lower case in its first sense: not "Christian", "Jew"
    )
    state_bodies = sorted(
        {
            word.replace("_", " ").lower()
            for root in STATE_BODY_ROOTS
            for offset in _kinds(synsets, root)
            for word in synsets[offset].words
            if word.count("_") == 1 and word.replace("_", "").isalpha()
        }
    )
    named_bodies = sorted(
        {
            word.replace("_", " ").lower()
            for offset in _kinds(synsets, NGO, instances=True)
            for word in synsets[offset].words
            if "_" in word and all(part[:1].isupper() for part in word.split("_") if part not in _LINKING)
        }
        | set(MOVEMENT_NAMES)
    )
    sport = {o for o, synset in synsets.items() if "athletics" in synset.words and int(synset.lexfile) == ACT}
    sports = sorted(w for w in nouns if _kinds_of(synsets, nouns[w][0]) & sport)
    heads: dict[str, int] = {}
    for synset in synsets.values():
        if synset.instance and int(synset.lexfile) in ACT_OR_EVENT:
            for word in synset.words:
                head, of, rest = word.partition("_of_")
                if of and head.isalpha() and head[:1].isupper() and rest[:1].isupper():
                    heads[head.lower()] = heads.get(head.lower(), 0) + 1
    event_heads = sorted(head for head, count in heads.items() if count >= 2)
    organisation = {
        o for o, synset in synsets.items() if "organization" in synset.words and int(synset.lexfile) == GROUP
    }
    organisation_names = sorted(
        {
            word.replace("_", " ").lower()
            for offset, synset in synsets.items()
            if int(synset.lexfile) == GROUP and _kinds_of(synsets, offset) & organisation
            for word in synset.words
            if "_" in word and all(part[:1].isupper() and part.isalpha() for part in word.split("_"))
        }
        | set(MOVEMENT_NAMES)
    )
    comment = (
        "Generated by scripts/body_name_words.py from WordNet 3.0: one-word nouns that are also adjectives"
        " or adverbs or first of all a person, a place, a time or an object (not_before), nouns first"
        " of all a group of people (bodies), nouns whose first or second sense is a person or a place"
        " (people_and_places), nouns first of all a person that WordNet writes in lower case in that sense"
        " (common_people: 'friend', not 'Christian'), and two-word kinds of government department, embassy and central bank"
        " (state_bodies), the names of two or more words of WordNet's non-governmental organisations (named_bodies), nouns first of all a kind of sport (sports), the heads of two or more named acts or events 'X of Y' (event_heads),"
        " and the names of two or more capitalised words of organisations ('red cross', 'salvation army': organisation_names)."
        " Lower case."
    )
    data = {
        "comment": comment,
        "not_before": not_before,
        "bodies": bodies,
        "people_and_places": people_and_places,
        "common_people": common_people,
        "state_bodies": state_bodies,
        "named_bodies": named_bodies,
        "sports": sports,
        "event_heads": event_heads,
        "organisation_names": organisation_names,
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{len(not_before)} not_before, {len(bodies)} bodies, {len(people_and_places)} people_and_places,"
        f" {len(common_people)} common_people,"
        f" {len(state_bodies)} state_bodies, {len(named_bodies)} named_bodies, {len(sports)} sports, {len(event_heads)} event_heads,"
        f" {len(organisation_names)} organisation_names -> {OUT}",
        file=sys.stderr,
    )
    return 0


_LINKING = frozenset(["of", "the", "and"])  # the lower-case words inside a body's name


def _kinds(synsets: dict[int, Synset], root: tuple[str, int], *, instances: bool = False) -> set[int]:
    """The synset holding the word in that lexicographer file, and all its hyponyms (and their
    named instances, with `instances`)."""
    word, lexfile = root
    found = {o for o, synset in synsets.items() if word in synset.words and int(synset.lexfile) == lexfile}
    seen: set[int] = set()
    while found:
        offset = found.pop()
        if offset not in seen and (instances or not synsets[offset].instance):
            seen.add(offset)
            found.update(synsets[offset].hyponyms)
    return seen


def _kinds_of(synsets: dict[int, Synset], offset: int) -> set[int]:
    """The synset at `offset` and every synset above it by its hypernyms."""
    found, seen = [offset], set()
    while found:
        at = found.pop()
        if at not in seen:
            seen.add(at)
            found.extend(synsets[at].hypernyms)
    return seen


if __name__ == "__main__":
    raise SystemExit(main())
