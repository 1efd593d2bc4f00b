"""Regenerate gql_news/data/set_phrase_words.json and set_phrase_names.json from WordNet 3.0 (Debian
package wordnet-base).

    apt-get install wordnet-base && python scripts/set_phrase_words.py

The words set_phrases.py reads to tell a demonym used as a quality or inside a set phrase from one
that names the country, in lower case; the short lists ("colours", "other_compounds"), read for
any demonym before a lower-case word, in set_phrase_names.json, the long ones, read only in a
phrase's rarer shapes (a word of degree before it, a hyphen or a quotation mark about it), in
set_phrase_words.json:

- "abstract_nouns": one-word nouns whose first (most frequent) sense is an act, an event, a
  communication, a cognition, a feeling, a state or an attribute ("affair", "compromise", "farce",
  "story"): after a word of degree a demonym says what such a thing is like ("a very British
  compromise"); a row of people, a brand's goods or a firm stay the country's.
- "colours": one-word nouns whose first sense is a colour with a hue, or lies below one ("blue",
  "vermilion"; not "navy", a fleet first): a demonym before one, ending its phrase, names a shade
  ("Prussian blue", "Turkish blue", "British racing green").
- "artifacts", "living_and_eaten": one-word nouns whose first sense is an artifact ("knife",
  "doll"), or an animal, a food or a plant ("cheese", "basil"): a demonym and one of them, singular,
  alone between quotation marks name a thing ('the "Swiss army knife" of Asian debt', "“Thai
  basil”"); people, acts and groups ("“Chinese spies”", "“Russian aggression”", "“Mexican
  cartels”"), a substance or a communication ("“Russian oil”", "“Russian propaganda”"), which are
  as often the country's goods or words, and plurals ("a campaign against “Chinese cars”") stay
  the country's.
- "speech": one-word nouns whose first sense is a communication ("whisper"): with "artifacts", a
  demonym joined to one by a hyphen after "a" or "an" and before another noun makes a modifier of
  a thing ("a Russian-doll structure", "a Chinese-whispers pace"), not the country; goods in bulk
  ("Russian-oil price cap", "Russian-wheat buyers"), participles ("Chinese-owned") and money
  ("Swiss-franc loans") are none of these.
- "other_compounds": WordNet nouns of two to four words that begin with a one-word country form,
  whose sense is no thing of country_compounds.json's (a person, a group, a communication, a plan,
  a unit, a shape), no named instance, and whose gloss names none of the country's forms ("dutch
  uncle": "a counselor who admonishes frankly and sternly"; "indian file", "polish notation"; not
  "french canadian", "a Canadian descended from early French settlers").
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from country_compounds import index_senses, read_synsets  # type: ignore[import-not-found]

from gql_news.ingest.countries import desired_countries
from gql_news.ingest.linker import country_forms

OUT = Path(__file__).resolve().parent.parent / "gql_news" / "data" / "set_phrase_words.json"
NAMES = OUT.parent / "set_phrase_names.json"
# lexicographer files: noun.act, noun.attribute, noun.cognition, noun.communication, noun.event,
# noun.feeling, noun.state
ABSTRACT = {4, 7, 9, 10, 11, 12, 26}
ARTIFACT = 6
LIVING_AND_EATEN = {5, 13, 20}  # noun.animal, noun.food, noun.plant
SPEECH = 10  # noun.communication
CHROMATIC_COLOR = 4959672
# the lexicographer files whose compounds country_compounds.py keeps (things), and noun.location
COMPOUND_FILES = {4, 5, 6, 7, 12, 13, 15, 17, 19, 20, 22, 26, 27}
MAX_WORDS = 4


def main() -> int:
    synsets = read_synsets()
    first = {word: offsets[0] for word, offsets in index_senses().items()}

    def below(offset: int, root: int) -> bool:
        seen, stack = set(), [offset]
        while stack:
            current = stack.pop()
            if current == root:
                return True
            if current not in seen:
                seen.add(current)
                stack.extend(synsets[current].hypernyms)
        return False

    out = {
        "abstract_nouns": sorted(w for w, o in first.items() if synsets[o].lexfile in ABSTRACT),
        "colours": sorted(w for w, o in first.items() if below(o, CHROMATIC_COLOR)),
        "artifacts": sorted(w for w, o in first.items() if synsets[o].lexfile == ARTIFACT),
        "living_and_eaten": sorted(w for w, o in first.items() if synsets[o].lexfile in LIVING_AND_EATEN),
        "speech": sorted(w for w, o in first.items() if synsets[o].lexfile == SPEECH),
    }
    out["other_compounds"] = sorted(_other_compounds())
    short = ("colours", "other_compounds")
    # each list written as one line of words separated by spaces: a third of the size of a JSON list
    for path, keys in ((NAMES, short), (OUT, [key for key in out if key not in short])):
        text = json.dumps({key: " ".join(out[key]) for key in keys}, indent=1)
        path.write_text(text + "\n", encoding="utf-8")
    print({key: len(value) for key, value in out.items()}, file=sys.stderr)
    return 0


def _other_compounds() -> set[str]:
    """The "other_compounds" (module docstring), lower case, their words separated by "_"."""
    forms: dict[str, set[str]] = {}
    for row in desired_countries():
        every = [form.lower() for form in country_forms(row.name, None, row.aliases, row.demonyms) if form]
        for form in every:
            if " " not in form:
                forms.setdefault(form, set()).update(every)
    out = set()
    for synset in read_synsets().values():
        if synset.lexfile in COMPOUND_FILES or synset.lexfile < 0 or synset.instance:
            continue
        said = f" {' '.join(re.findall(r'[a-z]+', synset.gloss.lower()))} "
        for lemma in synset.words:
            parts = lemma.split("_")
            first = parts[0].lower()
            if (
                2 <= len(parts) <= MAX_WORDS
                and first in forms
                and all(part.isalpha() and part.islower() for part in parts[1:])
                and not any(f" {form} " in said for form in forms[first])
            ):
                out.add("_".join([first, *parts[1:]]))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
