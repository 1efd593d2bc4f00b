"""Entity linking: find the people, organisations and countries a body names, with exact offsets.

A gazetteer lists every written form of every entity (names, aliases, official names, demonyms).
All forms are compiled into one regular expression shaped as a character trie, so matching a
body costs time in proportion to the body, not to the number of names (Python's `re` tries the
branches of an alternation one by one; a trie has at most one branch per next character).

The rules, in order:
- Case-sensitive: a form matches only text written with the same capitals, so "US" is not "us"
  and a lower-case phrase never links to a capitalised name.
- Whole words: a letter or digit right before or after a match blocks it ("Iran" is not found
  in "Iranian"); punctuation does not ("Korea's", "Belarus-Korea").
- Leftmost, then longest: "South Korean" beats "Korean", and an organisation called
  "Belarus-Korea IT Cooperation Center" swallows the "Belarus" and "Korea" inside it.
- A form naming two different entities, or a known non-entity phrase ("Latin America"), claims
  its span and links nothing: better no link than a wrong one. A form two countries share
  ("Congo", "Congolese", "Dominican") links to the one the body names by a form of its own, where
  it names the other by none and the form is no list's item beside that one ("Democratic Republic
  of the Congo ... cases in Congo"; not "Congo-Brazzaville and Congo").
- A surname alone ("Dapkiunas") links to a person only after the person was named in full
  earlier in the same body (to the most recently named one, if several share the surname),
  and never where a full form of anything else matches, nor where the body also writes the
  surname after a given name for someone the catalogue does not know ("Marguerite Lagarde" in a
  body naming Christine Lagarde).
- A country name that is also a person's name ("Chad", "Jordan", "Georgia"; the shipped
  given_names.json) links nothing where it reads as part of a name: "Chad Smith",
  "Michael Jordan". Followed by a title ("Chad President ...") or after a function word
  ("in Jordan") it links as usual.
- A country form links only where the words around it say it names the country: not inside a
  person's name, a compound noun ("Swiss chard"), a place or institution named after it
  ("Jersey City", "University of Georgia") or an organisation's name ("Korea Electric Power").
  The rules are in country_context.py; a gazetteer built without that context skips them.
- A results list's codes in brackets after competitors' names link to their countries ("Jannik
  Sinner (ITA) bt Tallon Griekspoor (Ned)"; sport_codes.py), where the body writes two or more.
Straight and curly apostrophes, and the hyphen and dash variants, match each other.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import ahocorasick
import orjson
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from gql_news.collector import quiet_gc
from gql_news.ingest.country_context import (
    NATIONALITYS_NOUN,
    CountryContext,
    a_sides_word,
    begins_a_hyphened_name,
    given_name_gender,
    not_the_country,
    sentence_start,
    shipped_country_context,
)
from gql_news.ingest.cue_words import LEADING_STOP, MODALS, TITLES
from gql_news.ingest.resources import data_file, read_json
from gql_news.ingest.shipped_cache import cache_dir, store_bytes
from gql_news.ingest.sport_codes import competitors_codes
from gql_news.ingest.story_people import a_player_for_a_side
from gql_news.ingest.trie_pattern import trie_source
from gql_news.models import CatalogueVersion

EntityKind = Literal["person", "organisation", "country"]
_Key = tuple[EntityKind, int]

# Spellings that are the same character for matching; a mention keeps the text as written.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-"})
_ATOMS = {"'": "['’‘ʼ]", "-": "[-‐‑‒–]", " ": r"[^\S\n]"}
_ALNUM = re.compile(r"[^\W_]")
_BEFORE, _AFTER = r"(?<![^\W_])", r"(?![^\W_])"
_NEXT_WORD = re.compile(r" ([A-Z][a-z][\w'’-]*)")  # a capitalised word after one space
_PREVIOUS_WORD = re.compile(r"(?<![^\W_])([A-Z][a-z][\w'’-]*) $")
_CAPITALISED_THEN_SPACE = re.compile(r"(?<![^\W_])([^\W\d_a-z][^\W\d_]+) ")
_LETTERS_THEN_SPACE = re.compile(r" ([^\W\d_]+)")  # read on a reversed body: a space, the letters before it
# modal and auxiliary verbs, which open a question before a name as given names open a name
_OPENING_VERBS = MODALS | {"do", "does", "did", "is", "was", "are", "were", "has", "have", "had"}
_HYPHENED_BEFORE = re.compile(r"(?<![^\W_])[^\W\d_a-z][^\W\d_]*-$")  # "Reiss-" before "Holland"
# a body's name that ends with the country it sits in, after "the" and capitalised words, one of
# which is a body of members or of learning: "the British University in Egypt", "the Indian
# Students Association in Germany", "the Democratic Alliance of Hungarians in Romania"
_A_BODYS_NAME_IN_BEFORE = re.compile(
    r"(?<![^\W_])[Tt]he[^\S\n]+((?:[A-Z][\w'’.-]*[^\S\n]+(?:(?:of|for|and|the)[^\S\n]+)*){2,})in[^\S\n]+(?:the[^\S\n]+)?$"
)
_A_BODYS_HEADS = frozenset(
    [
        "University",
        "Universities",
        "College",
        "School",
        "Academy",
        "Institute",
        "Association",
        "Community",
        "Alliance",
        "Society",
        "Federation",
        "Foundation",
    ]
)
# a capitalised word hyphened right after a form, and the capitalised words after it: "-Ski",
# "-Premier Tech"; then the lower-case word that follows the name, if any
_HYPHENED_CAPITALISED_AFTER = re.compile(r"-([A-Z][a-z]+)((?:[^\S\n]+[A-Z][\w'’-]*)*)(?:[^\S\n]+([a-z]+))?")
# words that open a region's or a bloc's name after a hyphen: "the India-Middle East corridor",
# "Russia-West tensions", "the China-Central Asia summit", "the US-Soviet arms race"
_REGIONS_FIRST_WORDS = frozenset(
    ["Middle", "Gulf", "Arctic", "Atlantic", "Far", "Near", "West", "East", "North", "South", "Central",
     "Western", "Eastern", "Northern", "Southern", "Soviet", "Black", "Red", "Baltic", "Commonwealth",
     "Diaspora"]
)  # fmt: skip
# nouns of what passes between two parties, after a hyphened pair: "Israel-Diaspora relations"
_BETWEEN_TWO = frozenset(
    ["relations", "ties", "tensions", "talks", "war", "wars", "summit", "deal", "border", "trade", "network",
     "corridor", "agreement", "treaty", "conflict", "dialogue", "partnership", "cooperation", "alliance",
     "rivalry", "dispute", "route", "race", "pact", "accord", "axis", "links", "relationship", "standoff"]
)  # fmt: skip


def _hyphened_to_a_common_word(body: str, end: int, context: CountryContext) -> bool:
    """Whether a capitalised common noun is hyphened right after the form ("Swiss-Ski, the
    national federation", "who rides for Israel-Premier Tech"): one name with it, a body's or a
    team's, not the country; not a name of its own that WordNet writes capitalised
    ("Israel-Hamas", "China-Africa"), a region's or a bloc's first word ("the India-Middle East
    corridor", "Russia-West tensions"), nor a pair before what passes between two parties
    ("Israel-Diaspora relations")."""
    found = _HYPHENED_CAPITALISED_AFTER.match(body, end)
    return (
        found is not None
        and found.group(1).lower() in context.nouns
        and found.group(1) not in _REGIONS_FIRST_WORDS
        and found.group(1).lower() not in context.demonyms
        and found.group(3) not in _BETWEEN_TWO
    )


_LIST_GAPS = frozenset({" and ", " or ", " nor ", ", ", ", and ", ", or "})
_THE_AFTER_A_GAP = " the "  # "Congo and the Democratic Republic of Congo": an item after its article
_LIST_REACH = 6  # items of a list read on either side of a form for one that names the country
_NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
_NO_PLURAL = ("s", "sh", "ch", "x", "z", "y", "o", "a", "ese")


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """One linked occurrence: body[start:end] == text."""

    kind: EntityKind
    entity_id: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One entity and every full form it is written as (surnames are derived, not listed)."""

    kind: EntityKind
    entity_id: int
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Everything the linker knows, as plain data; its compiled matcher is built once and kept."""

    entries: tuple[GazetteerEntry, ...]
    non_entities: tuple[str, ...] = ()
    given_names: GivenNames | None = None
    context: CountryContext | None = None
    _hash: int = field(default=0, init=False, repr=False, compare=False)
    _matcher: _Matcher | None = field(default=None, init=False, repr=False, compare=False)
    _base: Gazetteer | None = field(default=None, init=False, repr=False, compare=False)
    _kept_as: Path | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: hashing twelve thousand entries on every use would cost more than
        # linking an article.
        object.__setattr__(
            self, "_hash", hash((self.entries, self.non_entities, self.given_names, self.context))
        )

    def __hash__(self) -> int:
        return self._hash

    @property
    def matcher(self) -> _Matcher:
        """The compiled matcher, built on first use and kept with the gazetteer (no look-up by
        equality, which would compare every entry)."""
        if self._matcher is None:
            base = self._base
            built = _derive(base._matcher, base, self) if base is not None and base._matcher else None
            if built is not None:  # the base's automatons now belong to this matcher
                object.__setattr__(base, "_matcher", None)
            if built is None:
                with quiet_gc():
                    built = _compile(self)
                if self._kept_as is not None:  # compiled afresh: kept for the next processes
                    _keep(self, built, self._kept_as)
            object.__setattr__(self, "_matcher", built)
            object.__setattr__(self, "_base", None)
        assert self._matcher is not None
        return self._matcher

    def derive_from(self, previous: Gazetteer) -> Gazetteer:
        """Build this gazetteer's matcher, when first used, from `previous`'s (if that one was
        built): only the forms of the entries that differ are added or taken out, and the
        automatons are made again; a catalogue edit costs milliseconds, not a full compile."""
        if previous is not self:
            object.__setattr__(self, "_base", previous)
        return self


@dataclass(frozen=True, slots=True)
class GivenNames:
    """Country forms that are also people's names, and the words around them that decide."""

    forms: frozenset[str]
    titles: frozenset[str]
    function_words: frozenset[str]


def find_mentions(body: str, gazetteer: Gazetteer) -> list[LinkedMention]:
    """Every linked mention in `body`, in text order, by the rules in this module's docstring."""
    return gazetteer.matcher.find(body)


def demonym_forms(demonym: str) -> tuple[str, ...]:
    """The demonym and, where English adds a plain "s", its plural ("Korean", "Koreans"); a
    nationality's noun in "-man" or "-woman" makes it in "-men" ("Frenchmen", "Irishwomen").

    Forms ending like "Swiss", "Polish", "Chinese", "Malagasy" or "Basotho" take no "s"; an
    irregular plural ("Czechs") is listed in the country table itself.
    """
    if (noun := NATIONALITYS_NOUN.fullmatch(demonym)) and noun[2] == "a":
        return (demonym, noun[1] + "men")  # "Frenchman", "Frenchmen"; not "German"
    if demonym.endswith(_NO_PLURAL) or not demonym[-1:].isalpha():
        return (demonym,)
    return (demonym, demonym + "s")


def country_forms(
    name: str, official_name: str | None, aliases: Iterable[str], demonyms: Iterable[str]
) -> list[str]:
    """Every form a country is written in, as the gazetteer holds them: its name, its official name
    (if any), its aliases and its demonyms, each with its plural (`demonym_forms`)."""
    forms = [name, *([official_name] if official_name else []), *aliases]
    forms += [form for demonym in demonyms for form in demonym_forms(demonym)]
    return forms


def surname(form: str) -> str | None:
    """The family-name part of a multi-word personal name, as written alone after a first mention.

    The last word, with any lower-case particles before it ("de Gaulle", "von der Leyen") and
    without a generational suffix ("Jr."); None for one-word names.
    """
    words = form.split()
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    first = len(words) - 1
    while first > 1 and words[first - 1].islower():
        first -= 1
    return " ".join(words[first:])


async def build_gazetteer() -> Gazetteer:
    """The gazetteer of everything in the database: three column-picked queries, no model objects.

    Runs on the current connection, so inside `in_transaction()` it sees that transaction's rows.
    """
    client = connections.get("default")
    # Plain statements, not model queries: converting twelve thousand rows field by field would
    # cost more than building the matcher they feed.
    people = await _rows(client, "SELECT id, name, aliases FROM person ORDER BY id")
    organisations = await _rows(client, "SELECT id, name, aliases FROM organisation ORDER BY id")
    countries = await _rows(
        client, "SELECT id, name, official_name, aliases, demonyms FROM country ORDER BY id", lists=(3, 4)
    )
    entries = [GazetteerEntry("person", pk, (name, *(aliases or ()))) for pk, name, aliases in people]
    entries += [
        GazetteerEntry("organisation", pk, (name, *(aliases or ()))) for pk, name, aliases in organisations
    ]
    for pk, name, official_name, aliases, demonyms in countries:
        forms = country_forms(name, official_name, aliases or (), demonyms or ())
        entries.append(GazetteerEntry("country", pk, tuple(forms)))
    return Gazetteer(
        tuple(entries),
        non_entities=_non_entities(),
        given_names=shipped_given_names(),
        context=shipped_country_context(),
    )


async def _rows(client: BaseDBAsyncClient, sql: str, lists: tuple[int, ...] = (2,)) -> list[tuple[Any, ...]]:
    """The rows of `sql` as tuples, the JSON list columns at `lists` decoded."""
    _, rows = await client.execute_query(sql)
    out = []
    for row in rows:
        values = list(row.values()) if isinstance(row, dict) else list(row)
        for index in lists:
            if isinstance(values[index], str | bytes):
                values[index] = orjson.loads(values[index])
        out.append(tuple(values))
    return out


_cached: dict[int, Gazetteer] = {}


async def current_gazetteer() -> Gazetteer:
    """The gazetteer of the database, rebuilt only when the catalogue changed since the last call.

    One single-row read (`catalogue_version`, which every write to the person, organisation
    and country tables sets to a fresh random value) instead of reading the whole catalogue
    for every article. A process that has not built that version's gazetteer yet reads it,
    matcher compiled, from the file an earlier one kept (`_kept_file`), if any. The version is read before the catalogue, so a gazetteer is never
    older than the version it is filed under. Inside a transaction that edits the catalogue
    the version it sees is its own, so it gets a gazetteer with its own edits.
    """
    rows = await CatalogueVersion.filter(id=1).values_list("version")
    if not rows:  # not migrated this far: no caching
        return await build_gazetteer()
    version = int(rows[0][0])
    found = _cached.get(version)
    if found is None:
        kept = _kept_file(version)
        found = _read_kept(kept) if kept is not None else None
        if found is None:
            found = await build_gazetteer()
            for previous in _cached.values():
                found.derive_from(previous)
            object.__setattr__(found, "_kept_as", kept)
        _cached.clear()
        _cached[version] = found
    return found


async def lock_catalogue_version() -> int | None:
    """In a write transaction about to edit the catalogue: its version, locked until commit.

    On PostgreSQL the version row is locked (every catalogue write updates it, by trigger, so no
    other transaction can change the catalogue until this one ends); SQLite's write transactions
    hold the database's write lock from their start. None where the table does not exist yet.
    """
    client = connections.get("default")
    lock = " FOR UPDATE" if client.capabilities.dialect == "postgres" else ""
    rows = await client.execute_query_dict(f"SELECT version FROM catalogue_version WHERE id = 1{lock}")
    return int(rows[0]["version"]) if rows else None


async def note_catalogue_edit(before: int | None, edited: Iterable[tuple[EntityKind, int]]) -> None:
    """After editing the people or organisations `edited` under `lock_catalogue_version()`: file
    the gazetteer of the new version, made from the cached one of version `before` and those
    entities read again (a few rows, not the whole catalogue), so re-linking costs no full read.
    Does nothing when version `before` is not cached here."""
    previous = _cached.get(before) if before is not None else None
    if previous is None:
        return
    rows = await CatalogueVersion.filter(id=1).values_list("version")
    after = int(rows[0][0])
    if after == before or after in _cached:
        return
    client = connections.get("default")
    entries = {(e.kind, e.entity_id): e for e in previous.entries}
    for kind, pk in edited:
        if kind not in ("person", "organisation"):
            raise ValueError(f"not an editable entity kind: {kind}")
        entries.pop((kind, pk), None)
        for found_pk, name, aliases in await _rows(
            client, f"SELECT id, name, aliases FROM {kind} WHERE id = {int(pk)}"
        ):
            entries[(kind, found_pk)] = GazetteerEntry(kind, found_pk, (name, *(aliases or ())))
    gazetteer = Gazetteer(
        tuple(entries.values()), previous.non_entities, previous.given_names, previous.context
    )
    _cached.clear()
    _cached[after] = gazetteer.derive_from(previous)


def entities_named(text: str, gazetteer: Gazetteer) -> frozenset[tuple[EntityKind, int]]:
    """The entities a full form written like `text` names (empty for unknown and non-entity forms)."""
    return gazetteer.matcher.targets.get(_canonical(text), frozenset())


def is_known_form(text: str, gazetteer: Gazetteer) -> bool:
    """Whether `text` is written like a form the gazetteer lists (linked, ambiguous or a non-entity)."""
    return _canonical(text) in gazetteer.matcher.targets


@lru_cache(maxsize=1)
def shipped_given_names() -> GivenNames:
    """The shipped list of country names that are also people's names (given_names.json)."""
    data = read_json(data_file("given_names.json"))
    return GivenNames(frozenset(data["forms"]), frozenset(data["titles"]), frozenset(data["function_words"]))


@lru_cache(maxsize=1)
def _non_entities() -> tuple[str, ...]:
    phrases: list[str] = read_json(data_file("non_entities.json"))["phrases"]
    return tuple(phrases)


_LOWER_WORD_AFTER = re.compile(r"[^\S\n]+([a-z]+)(?![\w'’-])")
# shared forms and the country's name they mean where a story says no more (`_usual_sense`)
_USUAL_SENSES = {
    "Congo": "Democratic Republic of the Congo",
    "Congolese": "Democratic Republic of the Congo",
}


def _canonical(text: str) -> str:
    """The matching key of a form or of matched text: folded punctuation, single spaces."""
    if text.isascii():  # nothing to fold: `_FOLD` maps only characters outside ASCII
        return " ".join(text.split())
    return " ".join(text.split()).translate(_FOLD)


@dataclass(frozen=True, slots=True)
class _Hit:
    """A match of a `WordMatcher`, read like a regex match."""

    text: str
    begin: int
    finish: int

    def group(self) -> str:
        return self.text

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish


# Folds a body, character for character (offsets survive), to the spelling forms are kept in:
# the apostrophe and hyphen variants, and any whitespace but a line break as one space.
_BODY_FOLD = {**{n: " " for n in range(0x3001) if chr(n).isspace() and n != ord("\n")}, **_FOLD}
# The characters the fold may change: none is a line break or printable ASCII. Only runs of
# other characters are translated: `translate` of the whole body looks every character up in the
# dict (51 µs for the corpus's 1.2 KB bodies, against 15 µs this way).
_FOLDABLE_RUN = re.compile(r"[^\n -~]+")


def fold(body: str) -> str:
    """The body in the spelling forms are matched in, offset for offset."""
    return _FOLDABLE_RUN.sub(_fold_run, body)


def _fold_run(run: re.Match[str]) -> str:
    return run.group().translate(_BODY_FOLD)


class WordMatcher:
    """Every form in one Aho-Corasick automaton (pyahocorasick): whole words, leftmost then
    longest, like the regular expression `word_pattern` builds, but built in a fraction of the
    time (a catalogue edit rebuilds it) and matched in time proportional to the body."""

    def __init__(self, forms: Iterable[str], automaton: Any = None) -> None:
        if automaton is None:
            automaton = ahocorasick.Automaton()
            for form in forms:
                automaton.add_word(form, len(form))
        self._automaton = automaton
        self.empty = len(automaton) == 0
        if not self.empty:
            automaton.make_automaton()

    def edited(self, removed: Iterable[str], added: Iterable[str]) -> WordMatcher:
        """A matcher of this one's forms less `removed` plus `added`, made by editing this one's
        automaton in place: this matcher must not be used afterwards."""
        automaton, self._automaton = self._automaton, None
        for form in removed:
            automaton.remove_word(form)
        for form in added:
            automaton.add_word(form, len(form))
        return WordMatcher((), automaton)

    def finditer(
        self, body: str, pos: int = 0, endpos: int | None = None, folded: str | None = None
    ) -> list[_Hit]:
        """The matches in body[pos:endpos]; `folded` is `fold(body)` when the caller has it."""
        if self.empty:
            return []
        endpos = len(body) if endpos is None else endpos
        folded = fold(body) if folded is None else folded
        spans: list[tuple[int, int]] = []
        # the stretch itself, not the whole text with bounds: pyahocorasick reads the whole string
        # it is given at each call, which made a body's gaps between names cost its length each
        text = folded if pos == 0 and endpos == len(folded) else folded[pos:endpos]
        for last, length in self._automaton.iter(text):
            start, end = pos + last - length + 1, pos + last + 1
            if (start > 0 and body[start - 1].isalnum()) or (end < endpos and body[end].isalnum()):
                continue
            spans.append((start, -end))
        hits: list[_Hit] = []
        reached = pos
        for start, negative_end in sorted(spans):
            if start >= reached:
                hits.append(_Hit(body[start:-negative_end], start, -negative_end))
                reached = -negative_end
        return hits


# a dateline in capitals: the place, a date ("Dec 4", "Dec. 4") or nothing, an agency in
# brackets or nothing, and a dash before a space (not "US-China talks")
_DATELINE = re.compile(
    r"([A-Z][A-Z'’. ]*[A-Z])(?:,[^\S\n]+[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2})?"
    r"(?:[^\S\n]+\([A-Z][\w .]*\))?[^\S\n]*[—–-][^\S\n]"
)
# the article a country's own name may start with ("The Gambia", "The Bahamas"): outside the mention,
# as it is when the name is written in mid-sentence ("the Gambia")
_AN_ARTICLE = re.compile(r"[Tt]he[^\S\n]+")
_DATELINE_LOWER = frozenset(["and", "of", "the"])  # "BOSNIA AND HERZEGOVINA" is "Bosnia and Herzegovina"


@dataclass(frozen=True, slots=True)
class _Matcher:
    full: WordMatcher | None
    surnames: WordMatcher | None
    targets: dict[str, frozenset[_Key]]  # canonical full form -> entities (none: link nothing)
    bearers: dict[str, tuple[int, ...]]  # canonical surname -> ids of the people who bear it
    given_names: GivenNames | None = None
    context: CountryContext | None = None
    surname_of: dict[int, str] | None = None  # person id -> canonical surname
    all_bearers: dict[str, frozenset[int]] | None = None  # bearers before full forms won

    def find(self, body: str) -> list[LinkedMention]:
        mentions: list[LinkedMention] = []
        claimed: list[tuple[int, int]] = []
        named: dict[int, list[int]] = {}  # person id -> starts of its full mentions, ascending
        folded = fold(body)  # once per article: both automatons read it
        matches = self.full.finditer(body, folded=folded) if self.full else []
        starts = {match.start() for match in matches}
        shared: list[tuple[int, frozenset[_Key]]] = []  # forms of two countries ("Congo")
        for index, match in enumerate(matches):
            claimed.append(match.span())
            targets = self.targets.get(_canonical(match.group()), frozenset())
            if (
                len(targets) > 1
                and self.context is not None
                and all(kind == "country" for kind, _ in targets)
            ):
                shared.append((index, targets))
            if len(targets) == 1 and self._part_of_a_name(body, match, starts):
                continue
            if len(targets) == 1:
                ((kind, pk),) = targets
                if (
                    kind == "country"
                    and self.context is not None
                    and self._not_the_country(body, index, named, matches)
                ):
                    bearer = self._bearer_named_before(body, match, named)
                    if bearer is not None:  # "Emeka Sudan ... Sudan said": the person
                        mentions.append(LinkedMention("person", bearer, match.group(), *match.span()))
                    continue
                start = match.start()
                if kind == "country" and (article := _AN_ARTICLE.match(body, start, match.end())):
                    start = article.end()  # "The Gambia" opening a sentence: the country is "Gambia"
                mentions.append(LinkedMention(kind, pk, body[start : match.end()], start, match.end()))
                if kind == "person":
                    named.setdefault(pk, []).append(match.start())
        if shared:
            mentions += self._shared_forms(body, shared, named, matches, mentions)
        if body[:2].isupper() and self.context is not None:  # a dateline in capitals, rarely
            dateline = self._dateline_country(body)
            if dateline is not None:
                mentions.append(dateline)
        if self.surnames and named:
            mentions += self._surnames(body, folded, claimed, named)
        if self.context is not None and "(" in body:  # "(SLO)\n" may end every line of a list
            mentions += self._competitors_codes(body, claimed)
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _competitors_codes(self, body: str, claimed: list[tuple[int, int]]) -> list[LinkedMention]:
        """The countries a results list names by their codes after competitors' names ("Jannik
        Sinner (ITA) bt Ugo Humbert (FRA)", sport_codes.py); not a code a form already matched
        ("(USA)")."""
        found = []
        for start, end, name in competitors_codes(body):
            if any(a < end and start < b for a, b in claimed):
                continue
            targets = self.targets.get(_canonical(name), frozenset())
            if len(targets) == 1:
                ((kind, pk),) = targets
                if kind == "country":
                    found.append(LinkedMention("country", pk, body[start:end], start, end))
        return found

    def _dateline_country(self, body: str) -> LinkedMention | None:
        """The country a dateline in capitals names, opening the body before a dash, with or
        without a date or an agency ("SINGAPORE —", "HONG KONG, Dec 4 —", "MONACO (AP) —"): not
        a town ("LONDON —", "MEXICO CITY —"), nor one named after a country and set in its state
        ("LEBANON, Ohio —", namesakes.py), nor a demonym."""
        assert self.context is not None
        found = _DATELINE.match(body)
        if found is None:
            return None
        words = found.group(1).split()
        name = " ".join(
            word.lower() if at and word.lower() in _DATELINE_LOWER else word.capitalize()
            for at, word in enumerate(words)
        )
        targets = self.targets.get(_canonical(name), frozenset())
        if len(targets) != 1 or name.lower() in self.context.demonyms:
            return None
        ((kind, pk),) = targets
        if kind != "country":
            return None
        return LinkedMention("country", pk, found.group(1), found.start(1), found.end(1))

    def _shared_forms(
        self,
        body: str,
        shared: list[tuple[int, frozenset[_Key]]],
        named: dict[int, list[int]],
        matches: list[_Hit],
        mentions: list[LinkedMention],
    ) -> list[LinkedMention]:
        """The forms two countries share ("Congo", "Congolese", "Dominican"), each linked to the one
        of them the body names by a form of its own ("Democratic Republic of the Congo ... cases in
        Congo"), where it names the other by none: one sense a story; where it names neither, to
        the one whose towns or regions it names, if it names none of the other's ("Congolese
        refugees who fled Uvira"). Not where the words around the form say it names something
        else ("the Congo river")."""
        countries = {m.entity_id for m in mentions if m.kind == "country"}
        placed: set[int] | None = None  # the countries whose towns or regions the body names
        found = []
        for index, targets in shared:
            chosen = [key for key in targets if key[1] in countries]
            if not chosen and not body.endswith(("the ", "The "), 0, matches[index].start()):
                # not "into the Congo", which may be the river where no Congo is named in full
                if placed is None:
                    placed = self._placed_countries(body)
                chosen = [key for key in targets if key[1] in placed]
                if not chosen and not placed & {key[1] for key in targets}:
                    chosen = self._usual_sense(body, matches[index], targets)
            if len(chosen) != 1 or self._not_the_country(body, index, named, matches):
                continue
            match = matches[index]
            if any(
                m.entity_id == chosen[0][1]
                and (_a_list_gap(body[m.end : match.start()]) or _a_list_gap(body[match.end() : m.start]))
                for m in mentions
            ):
                continue  # "Congo-Brazzaville and Congo", "Congo and the Democratic Republic of Congo"
            found.append(LinkedMention("country", chosen[0][1], match.group(), match.start(), match.end()))
        return found

    def _usual_sense(self, body: str, match: _Hit, targets: frozenset[_Key]) -> list[_Key]:
        """The country a shared form means in most English-language news where the story names
        neither country nor any of their places ("Congo" and "Congolese": the Democratic Republic
        of the Congo, as the wire style books have it); none for the other shared forms, nor for
        a form inside a longer name the sense of the story does not reach: hyphened ("Crimean-Congo
        fever"), after a capitalised word ("the Belgian Congo") or opening a compound ("Congo red")."""
        assert self.context is not None
        name = _USUAL_SENSES.get(_canonical(match.group()))
        if name is None or "-" in body[match.start() - 1 : match.end() + 1]:
            return []
        if _PREVIOUS_WORD.search(body, max(0, match.start() - 64), match.start()) is not None:
            return []
        after = _LOWER_WORD_AFTER.match(body, match.end())
        if after is not None and (match.group().lower(), after.group(1)) in self.context.compounds:
            return []
        usual = self.targets.get(_canonical(name), frozenset())
        return [key for key in targets if key in usual]

    def _placed_countries(self, body: str) -> set[int]:
        """The countries sharing a form whose towns or regions the body names as whole words
        ("Bukavu", "Santo Domingo"): read only where the body names neither by a form of its own."""
        assert self.context is not None
        found = set()
        for place, country in self.context.shared_places:
            if place in body and re.search(rf"(?<![\w-]){re.escape(place)}(?![\w-])", body):
                found |= {pk for kind, pk in self.targets.get(_canonical(country), ()) if kind == "country"}
        return found

    def _not_the_country(
        self, body: str, index: int, named: dict[int, list[int]], matches: list[_Hit]
    ) -> bool:
        """Whether the words around the country form `matches[index]` say it names something else
        (country_context.py)."""
        match = matches[index]
        context = self.context
        assert context is not None
        surname_of = self.surname_of or {}
        surnames = frozenset(surname_of[pk] for pk in named if pk in surname_of)

        def named_elsewhere() -> bool:
            """Whether another form in the body names the same country ("from Turkey", "Chinese")."""
            targets = self.targets.get(_canonical(match.group()))
            return any(
                other is not match
                and self.targets.get(_canonical(other.group())) == targets
                and not not_the_country(body, other.start(), other.end(), context, surnames)
                for other in matches
            )

        start, end = match.start(), match.end()
        if self._hyphened_to_a_name(body, index, matches):
            return True  # "the Japan-Korea Marker": a name the two forms begin together
        if self._a_foreign_bodys_seat(body, index, matches):
            return True  # "the British University in Egypt": the seat ends the body's name
        if (
            body.startswith("-", end)
            and (index + 1 == len(matches) or matches[index + 1].start() != end + 1)  # not "US-China"
            and _hyphened_to_a_common_word(body, end, context)
        ):
            return True  # "Swiss-Ski, the national federation", "rides for Israel-Premier Tech"
        name_start = None
        if body[start - 1 : start] == "-" and (index == 0 or matches[index - 1].end() != start - 1):
            hyphened = _HYPHENED_BEFORE.search(body, max(0, start - 40), start)
            name_start = hyphened.start() if hyphened else None  # "Reiss-Holland", not "Belarus-Korea"
        if not not_the_country(body, start, end, context, surnames, named_elsewhere, name_start):
            return False
        # a surname reused ("Ben Wales ... Italy or Wales") is the country when listed next to one
        return not (
            self._listed_with_a_country(body, index, matches)
            and _PREVIOUS_WORD.search(body, max(0, start - 64), start) is None
            and not a_player_for_a_side(body, end)  # "Wales for Wales, Holland for the Netherlands"
            and not not_the_country(body, start, end, context, named_elsewhere=named_elsewhere, names=False)
        )

    def _a_foreign_bodys_seat(self, body: str, index: int, matches: list[_Hit]) -> bool:
        """Whether the form ends, after "in", the name of a body of members or of learning that
        another country's form opens or holds ("the British University in Egypt", "the Indian
        Students Association in Germany", "the Universities of Canada in Egypt", "the Democratic
        Alliance of Hungarians in Romania"): a body named for one country's people or schools in
        another, whose seat is part of its name; not the same country's ("Somali Americans in the
        United States"), nor a body of no such kind ("the British Embassy in Egypt")."""
        start = matches[index].start()
        if not body.endswith((" in ", " in the "), 0, start):
            return False
        run = _A_BODYS_NAME_IN_BEFORE.search(body, max(0, start - 120), start)
        if run is None or _A_BODYS_HEADS.isdisjoint(run.group(1).split()):
            return False
        own = self.targets.get(_canonical(matches[index].group()))
        for other in matches[:index]:
            if other.start() >= run.start(1) and other.end() <= run.end(1):
                targets = self.targets.get(_canonical(other.group()), frozenset())
                if targets and targets != own and all(kind == "country" for kind, _ in targets):
                    return True
        return False

    def _hyphened_to_a_name(self, body: str, index: int, matches: list[_Hit]) -> bool:
        """Whether the form `matches[index]` is joined by hyphens to the next country forms, the
        last of which begins a proper name ("the Japan-Korea Marker", "the US-Mexico-Canada
        Agreement"): the country forms begin that name together."""
        assert self.context is not None
        at = index
        while at + 1 < len(matches) and matches[at + 1].start() == matches[at].end() + 1:
            if body[matches[at].end()] != "-":
                return False
            at += 1
            targets = self.targets.get(_canonical(matches[at].group()), frozenset())
            if len(targets) != 1 or next(iter(targets))[0] != "country":
                return False
        return at > index and begins_a_hyphened_name(
            body, matches[at].start(), matches[at].end(), self.context
        )

    def _listed_with_a_country(self, body: str, index: int, matches: list[_Hit]) -> bool:
        """Whether the form `matches[index]` is an item of a list ("Italy or Wales", "Wales, Italy
        and") one of whose other items, read outward along the list, is a country form that names
        the country there ("to Jordan, Israel and Kenya", though Israel and Kenya are surnames in
        the same story too)."""
        assert self.context is not None
        for step in (-1, 1):
            at = index
            for _ in range(_LIST_REACH):
                if not 0 <= at + step < len(matches):
                    break
                first, second = sorted((at, at + step))
                if body[matches[first].end() : matches[second].start()] not in _LIST_GAPS:
                    break
                at += step
                other = matches[at]
                targets = self.targets.get(_canonical(other.group()), frozenset())
                if len(targets) != 1 or next(iter(targets))[0] != "country":
                    break
                if not not_the_country(body, other.start(), other.end(), self.context):
                    return True
        return False

    def _bearer_named_before(self, body: str, match: _Hit, named: dict[int, list[int]]) -> int | None:
        """The catalogued person, named in full before, whose surname a country form is, when
        that is why it is not the country: the most recently named one."""
        assert self.context is not None
        key = _canonical(match.group())
        surname_of = self.surname_of or {}
        bearers = {pk: starts[-1] for pk, starts in named.items() if surname_of.get(pk) == key}
        if not bearers or not_the_country(body, match.start(), match.end(), self.context):
            return None  # no such person, or the country is out for another reason
        return max(bearers, key=bearers.__getitem__)

    def _part_of_a_name(self, body: str, match: _Hit, starts: set[int]) -> bool:
        """A given-name country form inside a person's name: "Chad Smith", "Michael Jordan"."""
        names = self.given_names
        if names is None or match.group() not in names.forms:
            return False
        after = _NEXT_WORD.match(body, match.end())
        if (
            after
            and after.group(1) not in names.titles
            and match.end() + 1 not in starts
            and not (self.context is not None and a_sides_word(body, after.start(1)))
        ):
            return True  # "Ireland Baldwin"; not "Ireland Women", a national side
        if self.context is not None:  # the word before is weighed as a given name by the context rules
            return False
        before = _PREVIOUS_WORD.search(body, max(0, match.start() - 64), match.start())
        return bool(
            before
            and before.end() == match.start()
            and before.group(1) not in names.function_words
            and before.start(1) not in starts
        )

    def _surnames(
        self, body: str, folded: str, claimed: list[tuple[int, int]], named: dict[int, list[int]]
    ) -> list[LinkedMention]:
        """Surnames in the text between full matches, each linked to the latest person named before it."""
        assert self.surnames is not None
        gaps = zip(
            [0] + [end for _, end in claimed], [start for start, _ in claimed] + [len(body)], strict=True
        )
        hits: list[tuple[_Hit, int]] = []  # (surname alone, the person it names)
        for gap_start, gap_end in gaps:
            if gap_end - gap_start < 2:
                continue
            for match in self.surnames.finditer(body, gap_start, gap_end, folded):
                latest: dict[int, int] = {}
                for pk in self.bearers.get(_canonical(match.group()), ()):
                    starts = named.get(pk, [])
                    before = bisect.bisect_left(starts, match.start())
                    if before:
                        latest[pk] = starts[before - 1]
                if latest:
                    hits.append((match, max(latest, key=latest.__getitem__)))
        pairs = written_after_a_word(body, {match.group() for match, _ in hits})
        borne = {name for name, found in pairs.items() if _borne_by_another(body, found, claimed)}
        return [
            LinkedMention("person", pk, match.group(), match.start(), match.end())
            for match, pk in hits
            if match.group() not in borne
        ]


def _borne_by_another(body: str, found: list[tuple[int, str]], claimed: list[tuple[int, int]]) -> bool:
    """Whether the body also writes a surname after a given name outside every full match, for
    someone the catalogue does not know ("Marguerite Lagarde ... Lagarde learned lace" in a body
    naming Christine Lagarde too): there the surname alone names no one with confidence.

    `found`: where the body writes the surname after a capitalised word (`written_after_a_word`).
    """
    for start, given in found:
        if not a_given_name(body, start, given):
            continue
        index = bisect.bisect_right(claimed, (start, len(body))) - 1
        if index < 0 or claimed[index][1] <= start:
            return True
    return False


def a_given_name(body: str, start: int, word: str) -> bool:
    """Whether the capitalised `word` at `start`, before a surname, is a given name: no title, no
    function word, and no modal or auxiliary verb opening a sentence ("Will Lagarde cut rates?")."""
    lower = word.lower()
    if lower in TITLES or lower in LEADING_STOP:
        return False
    if lower in _OPENING_VERBS and sentence_start(body, start):
        return False
    return given_name_gender(word) is not None


def written_after_a_word(body: str, names: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
    """For each of `names`, the (start, word) of each place the body writes it after a
    capitalised word and one space ("Anna Holm"), as `re.finditer` of that pair finds them.

    Each name's places are found by `str.find`, and the capitalised word before each is read
    backwards from it: the word's letters end right before the space, and the only place the
    pair's pattern can start is where that run of letters begins (`_LETTERS_THEN_SPACE`, matched
    on the body reversed). A pattern's match ends at its space, so its matches never overlap and
    these are all the places `re.finditer` finds, at a fraction of the cost of reading every
    capitalised word of the body.
    """
    wanted = set(names)
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in wanted}
    backwards = body[::-1] if wanted else ""
    for name in wanted:
        size = len(name)
        free_from = 0  # a name's next pair starts after its last one, as finditer's do
        at = body.find(name, 1)
        while at >= 0:
            if body[at - 1] == " " and not _ALNUM.match(body, at + size):
                letters = _LETTERS_THEN_SPACE.match(backwards, len(body) - at)
                if letters is not None:
                    match = _CAPITALISED_THEN_SPACE.match(body, at - 1 - len(letters.group(1)))
                    if match is not None and match.end() == at and match.start() >= free_from:
                        found[name].append((match.start(), match.group(1)))
                        free_from = at + size
            at = body.find(name, at + 1)
    return found


def _compile(gazetteer: Gazetteer) -> _Matcher:
    targets: dict[str, set[_Key]] = {}
    bearers: dict[str, set[int]] = {}
    surname_of: dict[int, str] = {}
    for entry in gazetteer.entries:
        for form in entry.forms:
            key = _canonical(form)
            if not _ALNUM.search(key):
                continue
            targets.setdefault(key, set()).add((entry.kind, entry.entity_id))
            last_name = surname(key) if entry.kind == "person" else None
            if last_name:
                bearers.setdefault(last_name, set()).add(entry.entity_id)
                surname_of.setdefault(entry.entity_id, last_name)
    for phrase in gazetteer.non_entities:
        targets.setdefault(_canonical(phrase), set())
    return _finish(
        gazetteer,
        {key: frozenset(found) for key, found in targets.items()},
        {key: frozenset(ids) for key, ids in bearers.items()},
        surname_of,
    )


def _finish(
    gazetteer: Gazetteer,
    targets: dict[str, frozenset[_Key]],
    all_bearers: dict[str, frozenset[int]],
    surname_of: dict[int, str],
    bearers: dict[str, tuple[int, ...]] | None = None,
) -> _Matcher:
    """The matcher of these tables; `bearers`: the surnames' as `_keep` wrote them."""
    if bearers is None:
        # a full form of anything wins over a surname
        bearers = {key: tuple(sorted(ids)) for key, ids in all_bearers.items() if key not in targets}
    return _Matcher(
        full=WordMatcher(targets),
        surnames=WordMatcher(bearers),
        targets=targets,
        bearers=bearers,
        given_names=gazetteer.given_names,
        context=gazetteer.context,
        surname_of=surname_of,
        all_bearers=all_bearers,
    )


_KEPT_BUDGET = 16 * 1024 * 1024
"""Bytes at most of a kept gazetteer file (12,000 entities take about 4 MB)."""
_KEPT_FILES = 3
"""Gazetteers kept at most (the latest compiled: several databases used in turn each keep theirs)."""


def _kept_file(version: int) -> Path | None:
    """Where the gazetteer of catalogue version `version` is kept between processes (see
    `current_gazetteer`): the user's cache directory (shipped_cache.py), one file for each of the
    latest versions compiled (`_KEPT_FILES`), named by a digest of the version, of this module's code, of the matcher
    package's version and of the shipped non-entity phrases (all its compiled data depends on).
    Catalogue versions are random 63-bit values set by every catalogue write, never reused.
    None when the code cannot be read (then nothing is kept)."""
    try:
        code = Path(__file__).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(code)
    # repr, not marshal: marshal writes back-references by reference count, so the same values can
    # give other bytes in another state of the process (and another file name)
    digest.update(repr((version, sys.version, metadata.version("pyahocorasick"), _non_entities())).encode())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.bin"


def _keep(gazetteer: Gazetteer, matcher: _Matcher, path: Path) -> None:
    """Write the gazetteer and its matcher's tables to `path` (atomically, within the budget), as
    `marshal` data: plain values only (no pickle), the automatons are made again when read."""
    data = marshal.dumps(
        (
            tuple((e.kind, e.entity_id, e.forms) for e in gazetteer.entries),
            matcher.targets,
            matcher.bearers,
            matcher.surname_of,
            matcher.all_bearers,
        )
    )
    if len(data) <= _KEPT_BUDGET:
        store_bytes(path, "gazetteer", data, keep=_KEPT_FILES)


def _read_kept(path: Path) -> Gazetteer | None:
    """The gazetteer `_keep` wrote to `path`, its matcher built from the tables (~0.015 s for
    12,000 entities, against ~0.07 s to compile them); None if there is none (or it is
    unreadable: it is built again and the file replaced)."""
    context = shipped_country_context()
    try:
        with quiet_gc():
            return _unpacked(marshal.loads(path.read_bytes()), context)
    except Exception:  # noqa: BLE001 - missing, torn or of another shape: built again and replaced
        return None


def _unpacked(data: tuple[Any, ...], context: CountryContext) -> Gazetteer:
    entries, targets, bearers, surname_of, all_bearers = data
    gazetteer = Gazetteer(
        tuple(GazetteerEntry(kind, pk, forms) for kind, pk, forms in entries),
        non_entities=_non_entities(),
        given_names=shipped_given_names(),
        context=context,
    )
    matcher = _finish(gazetteer, targets, all_bearers, surname_of, bearers)  # automatons made again
    object.__setattr__(gazetteer, "_matcher", matcher)
    return gazetteer


_DERIVE_MAX_SHARE = 4  # past a quarter of the entries changed, compiling afresh is as quick


def _derive(old: _Matcher, before: Gazetteer, after: Gazetteer) -> _Matcher | None:
    """`after`'s matcher from `before`'s (see `Gazetteer.derive_from`); None when it must be
    compiled. Takes over `old`'s automatons."""
    if (
        old.all_bearers is None
        or old.surname_of is None
        or old.full is None
        or old.surnames is None
        or (before.non_entities, before.given_names, before.context)
        != (after.non_entities, after.given_names, after.context)
    ):
        return None
    old_forms = {(e.kind, e.entity_id): e.forms for e in before.entries}
    new_forms = {(e.kind, e.entity_id): e.forms for e in after.entries}
    if len(old_forms) != len(before.entries) or len(new_forms) != len(after.entries):
        return None
    removed = [(key, forms) for key, forms in old_forms.items() if new_forms.get(key) != forms]
    added = [(key, forms) for key, forms in new_forms.items() if old_forms.get(key) != forms]
    if (len(removed) + len(added)) * _DERIVE_MAX_SHARE > len(new_forms):
        return None
    kept = {_canonical(phrase) for phrase in after.non_entities}
    targets, all_bearers, surname_of = dict(old.targets), dict(old.all_bearers), dict(old.surname_of)
    touched: set[str] = set()  # full forms and surnames whose entities changed
    for (kind, pk), forms, adding in [(k, f, False) for k, f in removed] + [(k, f, True) for k, f in added]:
        if kind == "person":
            surname_of.pop(pk, None)
        for form in forms:
            key = _canonical(form)
            if not _ALNUM.search(key):
                continue
            touched.add(key)
            found = targets.get(key, frozenset())
            found = found | {(kind, pk)} if adding else found - {(kind, pk)}
            if found or key in kept:
                targets[key] = found
            else:
                targets.pop(key, None)
            last_name = surname(key) if kind == "person" else None
            if last_name:
                touched.add(last_name)
                ids = all_bearers.get(last_name, frozenset())
                ids = ids | {pk} if adding else ids - {pk}
                if ids:
                    all_bearers[last_name] = ids
                else:
                    all_bearers.pop(last_name, None)
                if adding:
                    surname_of.setdefault(pk, last_name)
    bearers = dict(old.bearers)
    for key in touched:  # a full form of anything wins over a surname
        bearer_ids = all_bearers.get(key)
        if bearer_ids and key not in targets:
            bearers[key] = tuple(sorted(bearer_ids))
        else:
            bearers.pop(key, None)
    full = old.full.edited(
        [k for k in touched if k in old.targets and k not in targets],
        [k for k in touched if k in targets and k not in old.targets],
    )
    surnames = old.surnames.edited(
        [k for k in touched if k in old.bearers and k not in bearers],
        [k for k in touched if k in bearers and k not in old.bearers],
    )
    return _Matcher(
        full=full,
        surnames=surnames,
        targets=targets,
        bearers=bearers,
        given_names=after.given_names,
        context=after.context,
        surname_of=surname_of,
        all_bearers=all_bearers,
    )


def word_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for all `forms`: whole-word, longest first, in the shape of their character trie."""
    source = trie_source(forms, _ATOMS)
    return re.compile(f"{_BEFORE}{source}{_AFTER}") if source else None


def _a_list_gap(gap: str) -> bool:
    """Whether `gap`, the text between two country forms, joins them as items of one list (" and ",
    ", "), an article allowed before the second ("Congo and the Democratic Republic of Congo")."""
    if gap in _LIST_GAPS:
        return True
    return gap.endswith(_THE_AFTER_A_GAP) and f"{gap[: -len(_THE_AFTER_A_GAP)]} " in _LIST_GAPS
