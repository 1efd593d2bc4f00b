"""Direct quotations in an article body, and the person who said each one.

The marks are found by `quote_marks.py`; this module decides which quoted passages are
quotations and whose. People are the linker's person mentions (so every form the catalogue
knows, surnames included, names a speaker); nothing here knows a name.

Offsets: a quote's text is the quoted words without the quote marks and without the comma
that ends a quotation followed by its attribution ("…in the country,” Dapkiunas said" gives
"…in the country"); body[start:end] == text always. A quotation running over paragraphs is
one quote, and its text keeps the paragraph break and the repeated opening mark.

Which passages are kept:
- A *partial quote*, a few quoted words inside the writer's own sentence, opens straight
  after a word ("developed “groundbreaking state legislation”", "the so-called ‘iron
  lady’"): scare quotes, titles and borrowed phrases. It is not stored, unless it ends with a
  comma, "?" or "!" and is followed by its attribution ("and “we will win,” Petrova said").
  A quotation opens at the start of a paragraph or sentence, after punctuation (", “…",
  ": “…") or after a speech verb or "that" ("said “…", "said that “…").
- A quotation with an attribution is stored whatever its length ("“No,” he said").
- A quotation without one is stored, speaker null, from four words up
  (`UNATTRIBUTED_MIN_WORDS`); shorter ones are dropped. A title's words in quotation marks are
  no quotation, attributed or not ("Dvořák's Symphony No 9, "From the New World", which the
  composer wrote"): two capitalised words or more, a title's small words between, closed by no
  punctuation of their own.

Attribution, in order:
1. After the closing mark, within the same sentence: a speech verb ("said", "told",
   "added", "according to", …) among the first six words, or anywhere after a person named
   at once ("“…,” Sergey Popkov, the minister of telecommunications, said") or after a role set
   off by commas ("“…,” the bank's chief executive, Mette Rasmussen, told Reuters", "the Bobcats'
   head coach, Dana Kessler, said"), and the person
   next to it: "“…,” Dapkiunas said", "“…,” said Sergey Popkov", "“…,” he added".
2. Before the opening mark, in the same sentence: "Dapkiunas said: “…”", "He said that
   despite …, “…”", "According to Lukashenko, “…”"; not across another clause ("Popkov said
   talks would go on, but the minister was blunter: “…”" is nobody's). The subject is the person nearest
   before the verb, skipping a clause set off by commas ("Lukashenko, who met Popkov, said").
   A sentence introducing the quote with a colon but no speech verb names its speaker as
   its first person: "Samuel Adeyemi, speaking for the delegations, was blunter: “…”", unless a
   person noun follows it there, whose words the quote may be ("Popkov quoted his father: “…”"). Words
   before the quotation that end with a gerund after another name are that person's speech, so
   nobody's ("Sheiman recalls his counterpart, Algirdas Saudargas, telling him: “…”").
3. A quotation with neither continues the previous one when it follows it in the same or
   the next paragraph and no other person is named between them ("“…,” Dapkiunas said.
   “Korea’s SK Hynix has a presence there…”"); else, opening the sentence right after one of
   its paragraph, with no quotation, whose speech verb has a person as subject, it goes on from
   that person's reported speech ("Tanabe said the rover had passed its tests. “The hardest
   part is still ahead.”"; not "A spokesman said …").
A speech verb with no person next to it ("a spokesman said", "according to SK Hynix")
attributes the quotation to no one: speaker null. Nor does a person named inside another's
phrase: a possessive ("Tinubu's spokesman said"), after a preposition ("a spokeswoman for Holm
said", "the union, led by Marek Nowicki, said") or in a relative clause ("officials who met
Lukashenko said"), nor one after the verb unless the verb comes first ("“…,” said Popkov", not
"the minister told Popkov"), nor one after the verb with more than titles, roles and articles
before it or a noun after it ("said the head of the Popkov fund", "according to the Lukashenko
government"); an appositive names the speaker ("Meloni's chief of staff, Giulia Ferri,
said"). A quotation with neither continues the previous one only when it opens the sentence or
paragraph after the previous one's, or the writer's words between refer to the speaker alone
("Truck drivers were less patient. “…”" is nobody's), and not when the sentence right after it
names someone else first ("“…” Those were the words of Ana Lopes, …").

People are the catalogue's (the linker's person mentions) and the article's person candidates
(`candidates`: their full text, and their surname alone after it, "Ivan Petrov ... Petrov
said"). A quote whose speaker is a candidate gets no `person_id` but carries the candidate's
text (`speaker_candidate`); once the candidate is confirmed the article is re-linked and the
same words name a catalogued person. Words that name two people at once (a surname two of them
share, "Holland said" after Ruth Holland and Conor Holland, a candidate's surname that a
catalogued person also bears, or a catalogued person's surname the body also writes after
another given name, "Maria Lukashenko", or a word no dictionary, title or place list knows,
as given names outside the list are, "Thabo Ramaphosa") name no speaker.

A catalogued person named in full is also named by the first word of that name alone next to a
speech verb ("Tedros Adhanom Ghebreyesus … “…,” Tedros said"), when no other name in the body
opens with that word. A role noun set off by commas before one person's name ("Her son, Philippe
Lagarde, said …") names that person when it is written again, after an article or possessive,
right before a speech verb ("“…,” her son said"), unless the body writes the noun of another name
too ("the Danish minister Mette Holm", "Mette Holm, the Danish minister"). The first word is not read so
when the body also writes it before a name nobody catalogued ("Later, Ana Dimitrova spoke").

Pronouns: "he" or "she" as the speaker resolves to the most recent person, before the
pronoun, who either spoke a quotation or was the first person named in a sentence (outside
quotation marks): in news prose that is the sentence's subject. The subject may follow an article
or possessive, modifiers and a role ("His former student Kwesi Amankwah-Boateng said"), titles
after a comma ("The chair of the judges, Professor Alan Birch, said"), or a short
phrase of time or place when a verb in -ed or a speech verb follows the name ("In later years
Mensah-Bonsu campaigned"); a person who speaks in a relative clause ("led by Alessandro Rinaldi,
who said …") is that sentence's subject too, and so is the agent of a passive told of at once
("The race was won by Kenenisa Gebre, who broke away …"). A person whose given name
says the other gender (gender-guesser's dictionary) is passed over for the next one back;
an unknown given name fits either pronoun. The search stops, and the speaker is null, at a
sentence that may name a person neither the catalogue nor the candidates know: two to four
capitalised words (name particles between them, a nationality before them left out: "the
Portuguese Nuno Ferreira") heading the sentence, or next to a speech verb
("Tigist Bekele of Ethiopia won … “…,” she said"), none of them a title or a place's or body's
word, not after a preposition ("In Cape Town …"), or the last word alone of such a name written
before ("… met Dmitri Sokolov. Sokolov said he feared … ¶ “…,” he said"). A sentence whose first reference is a pronoun
("In the evening he received Popkov") or whose first person is named inside another's phrase
or inside a clause before the subject ("After meeting Popkov, the minister said") has no named
subject. And the speaker is null when, after the chosen subject's sentence, someone
else the pronoun could stand for is named: another person, catalogued or candidate, or a full name
whose given name fits ("Her place was taken by Maria Berg … “…,” she said") or says no gender,
or when the subject is more than two sentences or a paragraph back. A pronoun in a later paragraph
than its subject, who neither spoke a quotation nor speaks in that sentence ("said the vote was
rigged"), resolves only when no other subject the pronoun could stand for is in reach before it
("Dubois has led the party since 2019. His predecessor, Elio Martens, left politics. ¶ “…,” he
said" is nobody's); nor when a pronoun of its gender heads a sentence in reach that names the
subject after it, so stands for someone else ("She replaced Leslie Dahl. Dahl now advises a fund.
“…,” she said"), or when someone unnamed speaks in a sentence between, a role noun just before
its speech verb ("Hoffmann's spokeswoman said the same. “…,” she said"), or is the subject of one,
an article or possessive and a role noun opening it with no name after ("His deputy was less
sure. “…,” he said", "Then another minister spoke"), or when the subject's own sentence joins another person to it by "and"
("Popkov and Lars Berg met. “…,” he said"). A capitalised word alone that no dictionary, title
or place list knows, heading a sentence, after a title or an article and role, or next to a speech
verb ("Nowak disagreed.", "The analyst Nowak …", "said Nowak"; not "told Reuters", the one spoken
to), or any word with a role set off after it ("Smith, the chief of staff,"), is a name nobody recognised too. An unattributed quotation
does not go on with the previous speaker past a name nobody recognised or a pronoun of the other
gender. A wrong speaker is worse than none.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from gql_news.ingest.candidates import FoundCandidate, is_role_noun
from gql_news.ingest.country_context import (
    body_words,
    given_name_gender,
    names_a_place_or_body,
    of_the_body,
    shipped_country_context,
)
from gql_news.ingest.cue_words import LEADING_STOP, ORG_WORDS, PARTICLES, PREPOSITIONS, ROLE_NOUNS, TITLES
from gql_news.ingest.linker import LinkedMention, a_given_name, surname, written_after_a_word
from gql_news.ingest.quote_marks import Quoted, find_quoted, paragraph_spans
from gql_news.ingest.speech_cues import SPEECH_VERBS, Cue, speech_cues
from gql_news.models import CandidateKind

UNATTRIBUTED_MIN_WORDS = 4
_CUE_WORDS_MAX = 6  # a speech verb after a quote must come this early in the rest of the sentence,
_NAMED_WITHIN = 2  # or follow a person named this early in it

_RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
_JOINERS = frozenset({"and", "or", "nor", *PREPOSITIONS})
_NAME_WORD = r"[^\W\d_a-z][^\W\d_]+"  # a capitalised word
_FIRST_WORD = re.compile(r"[^\W_]+")
_WORD_RUN = re.compile(r"(?<![^\W_])[^\W_]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_FIND_WORDS_MAX = 12  # first words of names `_occurrences` finds one by one; more: one pass over the words
# a clause of its own between a speech verb and the quotation it would introduce
_ANOTHER_CLAUSE = re.compile(r";|,? (?:but|while|whereas|although|though) ")
_ARTICLES = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my"})  # before a role
_NEXT_WORD = re.compile(r" ([a-z]+)(?![^\W_])")  # a lower-case word right after a name
_AGENT_PREPOSITIONS = frozenset({"by", "with"})  # "turned down by X": a person's name may follow
# speech verbs whose next word is who was spoken to, not who spoke: "told Reuters", "asked Nowak"
_OBJECT_VERBS = frozenset({"told", "tells", "asked", "asks", "urged", "warned", "warns"})
_INTRODUCERS = frozenset({*SPEECH_VERBS, "that", "saying", "adding", "telling"})
# "he", "she", "He", "She" as whole words: the first letter is read before the word boundary behind
# it, so the search skips straight to an h or an s ("\b(?:he|she|He|She)\b" tries every position)
_PRONOUN = re.compile(r"[HhSs](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he)\b")
# a gerund ending the words before a quotation, "telling him:", "saying,"
_GERUND_END = re.compile(r"(?<![^\W_])[a-z]+ing(?:[^\S\n]+(?:him|her|them|me|us))?[^\S\n]*[:,—–-]?[^\S\n]*$")
# a relative clause of speech right after a name: ", who said", ", who told reporters"
_VERBS = "|".join(SPEECH_VERBS)
_WHO_SAID = re.compile(rf",[^\S\n]+who[^\S\n]+(?:{_VERBS})(?![^\W_])")
# a role noun set off by commas right before a name: "Her son, ", "a daughter, ", "His former aide, "
_ROLE_SET_OFF = re.compile(
    r"(?<![^\W_])(?i:his|her|their|its|the|a|an)[^\S\n]+(?:[a-z-]+[^\S\n]+){0,2}?([a-z][a-z-]*),[^\S\n]+$"
)
# a name right after a role noun, or set off before an article and a role noun: "minister Mette Holm",
# "Mette Holm, the Danish minister"
_NAME_AFTER = re.compile(r",?[^\S\n]+[^\W\d_a-z]")
_NAME_BEFORE = re.compile(
    r"[^\W\d_a-z][\w'’-]*,[^\S\n]+(?i:the|a|an|his|her|their|its)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,2}$"
)
_WHO = re.compile(r",[^\S\n]+who[^\S\n]")
_CAPITALISED_BEFORE = re.compile(r"[^\W\d_a-z][\w'’-]* $")  # a capitalised word right before
_CAPITALISED = re.compile(r"(?<![^\W_])[^\W\d_a-z]")
_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
_TITLES_BEFORE = re.compile(r",[^\S\n]+((?:[^\W\d_a-z][\w.'’-]*[^\S\n]+){1,3})$")  # ", Professor "
_WORD_OR_PLURAL_POSSESSIVE = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?(?:(?<=s)['’](?![^\W_]))?")  # "Bobcats'"
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
# a word of `_WORD` opening with no digit, "_" or a-z, one that may be capitalised; or, after "_", "'",
# "’" or "-", the rest of a word from such a letter on (the letter first and the letter or digit it
# must not follow read behind it, so the search skips in one step to the letters that may open one)
_MAYBE_CAPITALISED = re.compile(r"[^\W\d_a-z](?<![^\W_].)(?:[\w'’-]*[^\W_])?")
_SENTENCE_END = re.compile(r"[.!?]+[”’\"]?(?=\s|$)")
_OPENING_PUNCTUATION = frozenset('.!?:;,—–-(…”’"')
_NAME_WORDS_MIN, _NAME_WORDS_MAX = 2, 4  # capitalised words of a name the detectors may have missed
_LONE_HEAD_CHARS = 40  # a word alone heads its sentence when it starts this close to its start
_ROLE_BEFORE_VERB = 4  # words before a speech verb where a role noun makes an unnamed speaker
_PRONOUN_SENTENCES = 2  # a pronoun's antecedent is named at most this many sentences before it
# a sentence opening with an article or possessive, and its next four words: "His deputy was …"
_SENTENCE_HEAD = re.compile(
    r"\s*(?:(?:Later|Then|But|And|Meanwhile|However|Still|Yet|Now),?[^\S\n]+)?"
    r"(?i:a|an|the|his|her|its|their|another|one)[^\S\n]+((?:[\w-]+[^\S\n]+){0,3}[\w-]+)"
)
_ONE_OF = frozenset(["the", "his", "her", "their", "its", "those"])  # "One of the ", "one of their "
_NAMED_NEXT = re.compile(r",?[^\S\n]+[^\W\d_a-z]")  # a capitalised word right after a role noun
# a role set off after a word: ", the chief of staff," ", a former banker,"
_ROLE_APPOSITIVE = re.compile(
    r",[^\S\n]+(?:a|an|the|his|her|its|their)[^\S\n]+(?:[a-z-]+[^\S\n]+){0,2}?([a-z]+)\b"
)
_BEFORE_ALL = -(2**62)  # sorts before every speaker key at the same position
# a relative of one sex set off before a name ("His son, Kenya Adeyemi,"): the noun says the
# gender, whatever the given name usually says
_GENDERED_NOUN_BEFORE = re.compile(
    r"(?<![^\W_])(?i:a|an|the|his|her|their|its|my|our)[^\S\n]+(?:[a-z-]+[^\S\n]+){0,2}"
    r"(?:(son|brother|father|husband|widower|nephew|grandson|uncle|boyfriend)"
    r"|(daughter|sister|mother|wife|widow|niece|granddaughter|aunt|girlfriend)),?[^\S\n]+$"
)


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """One quotation: body[start:end] == text; `person_id` is its speaker, None when unknown."""

    text: str
    start: int
    end: int
    person_id: int | None
    speaker_candidate: str | None = None


@dataclass(frozen=True, slots=True)
class _Reference:
    """Words naming a speaker: a person (`person_id`: a catalogue id, or below zero a candidate's
    key) or a pronoun (None, with the gender the pronoun names)."""

    start: int
    person_id: int | None
    gender: str | None = None
    end: int = -1  # where the words end (-1: not known)


def find_quotes(
    body: str, mentions: Sequence[LinkedMention], candidates: Sequence[FoundCandidate] = ()
) -> list[FoundQuote]:
    """The quotations of `body` and their speakers, in text order (rules in the module docstring).

    `mentions` are the linker's mentions of the same body (only people are read).
    """
    paragraphs = paragraph_spans(body)
    quoted = find_quoted(body, paragraphs)
    if not quoted:
        return []
    return _Attributor(body, mentions, paragraphs, quoted, candidates).run()


# what opens a clause joined to a sentence, right before its subject: "…, and Crombie"
_CLAUSE_JOINS = (", and ", ", but ", ", while ", "; ")


class _Attributor:
    def __init__(
        self,
        body: str,
        mentions: Sequence[LinkedMention],
        paragraphs: list[tuple[int, int]],
        quoted: list[Quoted],
        candidates: Sequence[FoundCandidate] = (),
    ) -> None:
        self.body = body
        self.paragraphs = paragraphs
        self.quoted = quoted
        marks = [(q.mark, q.close) for q in quoted]
        inside = _Spans(marks)
        people = [m for m in mentions if m.kind == "person"]
        self.genders: dict[int, str | None] = {}
        for m in people:
            if m.entity_id not in self.genders or " " in m.text:
                self.genders[m.entity_id] = _gender(m.text)
        self.candidate_names: dict[int, str] = {}
        shared = self._surnames_shared(people)
        references = [
            _Reference(m.start, 0 if (m.entity_id, m.text) in shared else m.entity_id, end=m.end)
            for m in people
            if not inside(m.start)
        ]
        references += [
            _Reference(m.start(), None, "male" if m.group().lower() == "he" else "female", m.end())
            for m in _PRONOUN.finditer(body)
            if not inside(m.start())
        ]
        references += [r for r in self._candidate_references(candidates, people) if not inside(r.start)]
        references += [r for r in self._given_name_references(people, candidates) if not inside(r.start)]
        references += [r for r in self._role_references(references) if not inside(r.start)]
        self.references = _unambiguous(references)
        self.reference_starts = [r.start for r in self.references]
        self.cues = speech_cues(body)
        self.cue_starts = [c.start for c in self.cues]
        self.marks = [q.mark for q in quoted]
        ends = {m.end() for m in _SENTENCE_END.finditer(body) if not inside(m.end())}
        self.ends = sorted(ends | {end for _, end in paragraphs})
        self.paragraph_starts = [start for start, _ in paragraphs]
        self.known_words = shipped_country_context().known_words
        self.subjects = self._sentence_subjects()  # (position, person id), ascending
        self.spoke: set[int] = set()  # where a speaker reference named (or a pronoun stood for) a speaker
        # Ascending positions of names nobody recognised, and (position, gender) of other full names.
        self.unknown_names, self.given_names = self._unrecognised_names(mentions, inside)

    def _surnames_shared(self, people: Sequence[LinkedMention]) -> set[tuple[int, str]]:
        """The (person, surname) pairs where the body also gives the surname, after a given name,
        to someone else ("Greta Holm" catalogued, "her sister Anna Holm"): there the surname alone
        names neither with confidence."""
        full: dict[int, set[str]] = {}
        spans: dict[int, list[tuple[int, int]]] = {}
        for m in people:
            full.setdefault(m.entity_id, set()).add(m.text)
            spans.setdefault(m.entity_id, []).append((m.start, m.end))
        reach: dict[int, tuple[list[int], list[int]]] = {}  # person -> starts, furthest end so far
        for pk, found in spans.items():
            found.sort()
            reach[pk] = ([start for start, _ in found], list(itertools.accumulate(end for _, end in found)))
        pairs = written_after_a_word(self.body, {m.text for m in people if " " not in m.text})
        out: set[tuple[int, str]] = set()
        for pk, text in {(m.entity_id, m.text) for m in people if " " not in m.text}:
            starts, ends = reach[pk]
            for start, given in pairs[text]:
                if f"{given} {text}" in full[pk] or not _names_someone(self.body, start, given):
                    continue
                index = bisect.bisect_right(starts, start) - 1
                if index < 0 or ends[index] <= start:  # not within a mention of the same person
                    out.add((pk, text))
                    break
        return out

    def _given_name_references(
        self, people: Sequence[LinkedMention], candidates: Sequence[FoundCandidate]
    ) -> list[_Reference]:
        """Where a catalogued person named in full is later called by the first word of that name
        alone, next to a speech verb ("Tedros Adhanom Ghebreyesus … “…,” Tedros said"), when no other
        name in the body opens with that word and the word is no title and no linked mention."""
        openers: dict[str, set[str]] = {}  # first word -> the full names it opens
        for name in [m.text for m in people] + [c.text for c in candidates if c.kind == CandidateKind.PERSON]:
            first, _, rest = name.partition(" ")
            if rest:
                openers.setdefault(first, set()).add(name)
        firsts: dict[str, tuple[int, int]] = {}  # first word -> (person, where the full name ends)
        for m in people:
            first, _, rest = m.text.partition(" ")
            if rest and len(openers[first]) == 1 and first.lower() not in TITLES and first not in firsts:
                firsts[first] = (m.entity_id, m.end)
        if not firsts:
            return []
        linked = _Covering([(m.start, m.end) for m in people])
        written = _whole_word_starts(self.body, firsts)
        for first in list(firsts):  # "Later, Ana Dimitrova spoke": a name nobody knows opens with it too
            size = len(first)
            if any(
                _A_NAME_NEXT.match(self.body, start + size) and not linked.overlaps(start, start + size + 2)
                for start in written[first]
            ):
                del firsts[first]
        out: list[_Reference] = []
        for first, (pk, named_end) in firsts.items():
            for start in written[first]:
                end = start + len(first)
                if (
                    start < named_end
                    or self.body[end : end + 1].isalnum()
                    or _A_NAME_NEXT.match(self.body, end)
                    or linked.overlaps(start, end)
                    or _CAPITALISED_BEFORE.search(self.body, max(0, start - 40), start)
                ):
                    continue
                after = _FIRST_WORD.match(self.body, end + 1)
                before = self.body[max(0, start - 5) : start]
                if (after is not None and after.group() in SPEECH_VERBS) or before == "said ":
                    out.append(_Reference(start, pk, end=end))
        return out

    def _role_references(self, references: list[_Reference]) -> list[_Reference]:
        """Where a role noun set off by commas before one person's name ("Her son, Philippe
        Lagarde, said …") is written again with an article or possessive right before a speech verb
        ("“…,” her son said", "The son said"): that person, when the body writes that noun of no
        other name ("the Danish minister Mette Holm", "Mette Holm, the Danish minister")."""
        named: dict[str, set[int]] = {}
        first_at: dict[str, int] = {}
        set_off_at: dict[str, set[int]] = {}  # where each noun is written set off before a name
        for reference in references:
            if reference.person_id is None or reference.person_id == 0:
                continue
            found = _ROLE_SET_OFF.search(self.body, max(0, reference.start - 60), reference.start)
            if found and found.group(1) in ROLE_NOUNS:
                named.setdefault(found.group(1), set()).add(reference.person_id)
                first_at.setdefault(found.group(1), reference.end)
                set_off_at.setdefault(found.group(1), set()).add(found.start(1))
        nouns = {noun: person for noun, people in named.items() if len(people) == 1 for person in people}
        written = _nouns_written(self.body, nouns)  # each noun in any case, whole, in one pass
        out: list[_Reference] = []
        for noun, person in nouns.items():
            spoken: list[tuple[int, int]] = []  # (the article's start, the noun's start)
            for start, end in written[noun]:
                if self.body.startswith(noun, start) and _SPOKEN_AFTER.match(self.body, end):
                    article = _article_before(self.body, start)
                    if article is not None:
                        spoken.append((article, start))
            allowed = set_off_at[noun] | {start for _, start in spoken}
            if any(self._of_another_name(start, end) for start, end in written[noun] if start not in allowed):
                continue  # "met the Danish minister Mette Holm": the noun is someone else's too
            for article, start in spoken:
                if article >= first_at[noun]:
                    out.append(_Reference(article, person, end=start + len(noun)))
        return out

    def _of_another_name(self, start: int, end: int) -> bool:
        """Whether the role noun at [start, end) is written of a name: right before it ("the Danish
        minister Mette Holm", "the minister, Mette Holm") or set off after it ("Mette Holm, the
        Danish minister")."""
        return (
            _NAME_AFTER.match(self.body, end) is not None
            or _NAME_BEFORE.search(self.body, max(0, start - 60), start) is not None
        )

    def _candidate_references(
        self, candidates: Sequence[FoundCandidate], people: Sequence[LinkedMention]
    ) -> list[_Reference]:
        """Where the body names a person candidate: its full text anywhere, and its surname alone
        after the full text ("Ivan Petrov ... Petrov said"), wherever no linked person is."""
        linked = _Covering([(m.start, m.end) for m in people])
        exact = {(m.start, m.end) for m in people}
        named = [c for c in candidates if c.kind == CandidateKind.PERSON]
        places = _occurrences(
            self.body, [c.text for c in named] + [name for c in named if (name := surname(c.text))]
        )
        # every place a candidate is named in full: a surname there is part of that name
        full = _Covering([span for c in named for span in places[c.text]])
        out: list[_Reference] = []
        for candidate in named:
            key = -(len(self.candidate_names) + 1)
            self.candidate_names[key] = candidate.text
            self.genders[key] = _gender_before(self.body, candidate.start) or _gender(candidate.text)
            forms = [candidate.text] + [name for name in [surname(candidate.text)] if name]
            for form in forms:
                for start, end in places[form]:
                    if form != candidate.text and start < candidate.start:
                        continue
                    if linked.overlaps(start, end):
                        if form != candidate.text and (start, end) in exact:
                            out.append(_Reference(start, key, end=end))  # "Holm" is two
                        continue
                    if form != candidate.text and full.overlaps(start, start + 1):
                        continue  # the surname inside a full name: "Marsh" in "Fiona Marsh"
                    out.append(_Reference(start, key, end=end))
        return out

    def run(self) -> list[FoundQuote]:
        found: list[FoundQuote] = []
        previous: tuple[Quoted, int | None, bool] | None = None
        for quote in self.quoted:
            span = self._trimmed(quote)
            if span is None:
                continue
            attributed, speaker, after = self._attribution(quote)
            if self._partial(quote) and not (after and self.body[quote.close - 1] in ",?!—"):
                continue
            if not attributed and previous is not None and self._continues(previous, quote):
                _, speaker, attributed = previous
            elif not attributed and (reporter := self._reported_before(quote)) is not None:
                speaker, attributed = reporter, True
            start, end = span
            if self.body[quote.close - 1] not in ",.!?" and _a_title(self.body[start:end]):
                continue  # "Symphony No 9, "From the New World", which": a title, whatever follows
            if attributed or len(_WORD.findall(self.body, start, end)) >= UNATTRIBUTED_MIN_WORDS:
                person = speaker if speaker is not None and speaker > 0 else None
                named = self.candidate_names.get(speaker) if speaker is not None and speaker < 0 else None
                found.append(FoundQuote(self.body[start:end], start, end, person, named))
                previous = (quote, speaker, attributed)
        return found

    def _trimmed(self, quote: Quoted) -> tuple[int, int] | None:
        start, end = quote.inner_start, quote.inner_end
        while start < end and self.body[start].isspace():
            start += 1
        while end > start and (self.body[end - 1].isspace() or self.body[end - 1] == ","):
            end -= 1
        return (start, end) if end > start else None

    def _partial(self, quote: Quoted) -> bool:
        """Whether the quote opens inside the writer's own clause (see the module docstring)."""
        paragraph_start = self.paragraphs[quote.first_paragraph][0]
        position = quote.mark
        while position > paragraph_start and self.body[position - 1].isspace():
            position -= 1
        if position == paragraph_start or self.body[position - 1] in _OPENING_PUNCTUATION:
            return False
        words = _WORD.findall(self.body, max(paragraph_start, position - 40), position)
        return not words or words[-1].lower() not in _INTRODUCERS

    def _attribution(self, quote: Quoted) -> tuple[bool, int | None, bool]:
        """(attributed, speaker, by the words after it) from the words after the quote, else from
        those before it."""
        after_start = quote.close + 1
        after_end = min(
            self._sentence_end(after_start), self._next_mark(after_start), self._paragraph_end(quote)
        )
        cues = self._cues(after_start, after_end)
        if (
            cues
            and self._attributes_after(after_start, cues[0])
            and not self._introduces_the_next(quote, after_start, after_end)
        ):
            return True, self._speaker(after_start, after_end, cues[0]), True
        before_end = quote.mark
        before_start = self._lead_start(quote)
        if cues := self._cues(before_start, before_end):
            if _ANOTHER_CLAUSE.search(self.body, cues[-1].end, before_end):
                return True, None, False  # "Popkov said talks would go on, but the minister disagreed: “…”"
            if self._another_speaking(cues[-1].end, before_end):
                return True, None, False  # "Popkov recalled Lukashenko telling him: “…”"
            return True, self._speaker(before_start, before_end, cues[-1]), False
        if self.body[before_start:before_end].rstrip().endswith(":"):  # "Adeyemi was blunter: “…”"
            subjects = self._references(before_start, before_end)
            if subjects:  # not "A spokesman for Holm was blunter: “…”"
                first = subjects[0]
                if self._another_speaking(first.end if first.end >= 0 else first.start + 1, before_end):
                    return True, None, False  # "Sheiman recalls his counterpart, Saudargas, telling him: “…”"
                if self._someone_else_before_colon(first, before_end):
                    return True, None, False  # "Popkov quoted his father: “…”"
                subject = (
                    first if self._heads(first, before_start) and self._opens(first, before_start) else None
                )
                return True, self._resolved(subject) if subject else None, False
        return False, None, False

    def _introduces_the_next(self, quote: Quoted, start: int, end: int) -> bool:
        """Whether the words after a quote that a speech verb before it introduces, and that ends
        with no comma, end with a colon right before the next quotation's mark: they introduce that
        one ("One of them asked: “Is this Brazilian coffee?” Sheridan replied: “No, ...”"); not
        "“We will defend every city,” Zelensky said: “…”", one speaker's two quotations."""
        if end != self._next_mark(start) or not self.body[start:end].rstrip().endswith(":"):
            return False
        if self.body[quote.inner_end - 1 : quote.close].rstrip().endswith(","):
            return False
        return bool(self._cues(self._lead_start(quote), quote.mark))

    def _lead_start(self, quote: Quoted) -> int:
        """Where the words before a quotation that may attribute it begin: its sentence's start,
        after the previous quotation and inside its paragraph."""
        return max(
            self._sentence_start(quote.mark), self._previous_close(quote), self._paragraph_start(quote)
        )

    def _someone_else_before_colon(self, subject: _Reference, colon: int) -> bool:
        """Whether the words from the subject to the colon introducing a quotation name an unnamed
        person whose words it may be ("Popkov quoted his father:", "read from a letter by his
        predecessor:"), a role set off right after the subject left out ("Popkov, the minister,
        was blunter:")."""
        start = subject.end if subject.end >= 0 else subject.start + 1
        text = self.body[start:colon]
        if text.startswith(","):
            text = text[text.find(",", 1) + 1 :] if "," in text[1:] else ""
        stop = shipped_country_context().stop_words
        return any(word in ROLE_NOUNS and word not in stop for word in _WORD.findall(text))

    def _another_speaking(self, start: int, end: int) -> bool:
        """Whether the words in [start, end) before a quotation end with a gerund ("telling him:",
        "saying:") whose subject is a name written after `start`: the quotation is that person's
        ("recalls his counterpart, Algirdas Saudargas, telling him: “…”"), not the subject's. A
        capitalised word the dictionary knows names nobody ("She wrote on Sunday evening: “…”")."""
        gerund = _GERUND_END.search(self.body, start, end)
        if gerund is None:
            return False
        if self._references(start, gerund.start()):
            return True
        return any(
            _unknown_word(word)
            for word in _WORD.findall(self.body, start, gerund.start())
            if word[:1].isupper()
        )

    def _attributes_after(self, start: int, cue: Cue) -> bool:
        """Whether a cue after a quote attributes it: among the first words that follow, or after
        a person named first ("“…,” Sergey Popkov, the minister of telecommunications, said")."""
        if len(_WORD.findall(self.body, start, cue.start)) < _CUE_WORDS_MAX:
            return True
        named = self._references(start, cue.start)
        if not named:
            return False
        lead = _WORD.findall(self.body, start, named[0].start)
        if len(lead) < _NAMED_WITHIN:
            return True
        if len(lead) > _CUE_WORDS_MAX:
            return False
        between = self.body[start : named[0].start]
        if _a_capitalised_title_run(lead) and "," not in between.strip(" ,"):
            return True  # "“…,” Labour and Social Affairs Minister Anahit Sargsyan told parliament"
        if _set_off_by_one_comma(between) and lead[0].lower() in _ARTICLES and _a_role_of(lead[1:]):
            return True  # "“…,” the vice-minister of public health, Claudia Rios Mejia, told reporters"
        # "“…,” the bank's chief executive, Mette Rasmussen, told Reuters": a role set off before the
        # name, after a possessive in the singular or the plural ("the Bobcats' head coach,")
        possessives = _WORD_OR_PLURAL_POSSESSIVE.findall(self.body, start, named[0].start)
        return (
            between.rstrip().endswith(",")
            and lead[0].lower() in _ARTICLES
            and lead[-1] in ROLE_NOUNS
            and all(
                w.lower() in _ARTICLES or w in ROLE_NOUNS or w.endswith(_POSSESSIVE_ENDS) for w in possessives
            )
        )

    def _speaker(self, start: int, end: int, cue: Cue) -> int | None:
        """The person the cue's words attribute to (the subject, or "said X" / "according to X")."""
        before = self._references(start, cue.start)
        after = self._references(cue.end, end)
        reference: _Reference | None = None
        if cue.according:
            reference = after[0] if after and self._named_by_cue(after[0], cue.end) else None
        elif before:
            # the name right before the verb, nothing between, is its subject ("read by her producer,
            # Claire Montagne, Farahani said:"); else the first that may be
            last = before[-1]
            adjacent = (
                last.end >= 0
                and not self.body[last.end : cue.start].strip()
                and not self.body[start : last.start].rstrip().endswith((" and", " or", "&"))
                and self._heads(last, start)
            )  # not "Sergey Popkov and Ana Petrova said", two speakers
            reference = (
                last if adjacent else next((r for r in before if self._subject_of(r, start, cue.start)), None)
            )
        elif after and not _WORD.search(self.body, start, cue.start):  # "said Popkov", not "told Popkov"
            reference = after[0] if self._named_by_cue(after[0], cue.end) else None
        return self._resolved(reference) if reference is not None else None

    def _heads(self, reference: _Reference, start: int) -> bool:
        """Whether `reference` names the person its phrase is about, not another one inside it:
        not a possessive ("Lukashenko's spokeswoman"), not after a preposition ("a spokesman for
        Holm", "led by Marek Nowicki") and not inside a relative clause begun since `start`
        ("officials who met Lukashenko")."""
        if reference.end >= 0 and self.body.startswith(("'s", "’s", "' ", "’ "), reference.end):
            return False
        words = _WORD.findall(self.body, start, reference.start)
        if words and words[-1].lower() in PREPOSITIONS:
            return False
        clause = max(start, self.body.rfind(",", start, reference.start))  # "A chef who ..., Marco Bellini"
        return not any(w.lower() in _RELATIVES for w in _WORD.findall(self.body, clause, reference.start))

    def _named_by_cue(self, reference: _Reference, start: int) -> bool:
        """Whether a reference after a cue ("said", "according to") names the speaker: it heads its
        phrase, only titles, roles, articles and commas stand between ("said the minister, Ana
        Lopes", "said Foreign Minister Popkov"), or a role set off by commas with its modifiers
        ("said the mines minister, Mory Kaba,"; not "according to a report on Popkov", "said the
        head of the Popkov fund"), and no lower-case noun follows it, of which it would be a
        modifier ("according to the Lukashenko government")."""
        if not self._heads(reference, start):
            return False
        words = _WORD.findall(self.body, start, reference.start)
        # "said the mines minister, Mory Kaba,", "said the school's headteacher, Gulnara Asanova":
        # a role set off by one comma, its modifiers lower-case words of its own (not "said one
        # analyst, citing the central bank governor, Andrew Bailey"); or a role "of" a name ("said
        # the mayor of Omoa, Ricardo Alvarado")
        one_comma = _set_off_by_one_comma(self.body[start : reference.start])
        of_a_name = one_comma and _a_role_of_a_name(words)
        set_off = bool(words) and ((is_role_noun(words[-1].lower()) and one_comma) or of_a_name)
        for word in words:
            lower = word.lower()
            if (lower in PREPOSITIONS and not (of_a_name and lower == "of")) or lower in _RELATIVES:
                return False
            if not (
                word[:1].isupper()
                or lower in _ARTICLES
                or lower in ROLE_NOUNS
                or (
                    set_off
                    and lower not in SPEECH_VERBS
                    and (lower.isalpha() or lower.endswith(_POSSESSIVE_ENDS))
                )
            ):
                return False
        end = reference.end if reference.end >= 0 else reference.start + 1
        following = _NEXT_WORD.match(self.body, end)
        if following is None:
            return True
        word = following.group(1)
        return word in shipped_country_context().stop_words or word in SPEECH_VERBS

    def _subject_of(self, reference: _Reference, start: int, verb: int) -> bool:
        """Whether `reference` is the subject of the speech verb at `verb`: it heads its phrase, and
        what follows it up to the verb is an inserted clause set off by commas ("Lukashenko, who met
        Popkov, said") or at most two words that join no other name ("Popkov also said")."""
        if not self._heads(reference, start) or not self._opens(reference, start):
            return False  # "After meeting Popkov, the minister said": not Popkov
        led = _WORD.findall(self.body, start, reference.start)
        if led and led[-1].lower() in _JOINERS:
            return False  # "Popkov and Petrova said": a joint statement, nobody's alone
        end = reference.end if reference.end >= 0 else reference.start + 1
        rest = self.body[end:verb]
        if rest.lstrip().startswith(","):
            return True
        words = _WORD.findall(rest)
        return len(words) <= 2 and not any(w.lower() in _JOINERS or w[:1].isupper() for w in words)

    def _resolved(self, reference: _Reference) -> int | None:
        """The person a speaker reference names (a pronoun resolved), remembered as a subject."""
        person = reference.person_id
        if person is None:
            person = self._antecedent(reference.start, reference.gender)
        if person is not None:
            bisect.insort(self.subjects, (reference.start, person))
            self.spoke.add(reference.start)
        return person

    def _antecedent(self, position: int, gender: str | None) -> int | None:
        """The person a pronoun at `position` stands for (rule in the module docstring): the
        nearest subject before it whose given name does not say the other gender."""
        index = bisect.bisect_left(self.subjects, (position, _BEFORE_ALL))
        barrier = bisect.bisect_left(self.unknown_names, position)
        floor = self.unknown_names[barrier - 1] if barrier else -1  # a name nobody recognised
        for start, person in reversed(self.subjects[:index]):
            if start < floor:
                return None  # the pronoun may well be that unrecognised person's: no speaker
            if self._too_far(start, position):
                return None  # named too long before: the pronoun may stand for someone else
            known = self.genders.get(person)
            if gender is None or known is None or known == gender:
                if (
                    self._rivals(person, start, position, gender)
                    or self._other_pronoun(person, position, gender)
                    or (known is None and self._fits_in_its_sentence(person, start, position, gender))
                ):
                    return None
                return None if self._rival_subjects(person, start, position, gender, floor) else person
        return None

    def _fits_in_its_sentence(self, person: int, start: int, position: int, gender: str | None) -> bool:
        """Whether the sentence of a subject whose gender nothing says names after it another
        person whose given name says the pronoun's gender ("Diallo-Ndiaye, 81, was in the hall with
        his daughter, Aminata Diallo-Ndiaye, who produced his films. “…,” she said"): either may be
        the speaker, so neither is. A person inside a relative clause set off right after the
        subject is that clause's object, not a speaker ("Eliud Kipchoge, who was paced by Geoffrey
        Kamworor, was elated. “…,” he said")."""
        if gender is None:
            return False
        stop = min(self._sentence_end(start), position)
        clause = (start, start)  # the relative clause after the subject, if any
        subject = self._references(start, start + 1)
        if subject and subject[0].end >= 0 and (relative := _RELATIVE_AFTER.match(self.body, subject[0].end)):
            comma = self.body.find(",", relative.end(), stop)
            clause = (relative.end(), comma if comma >= 0 else stop)
        for reference in self._references(start + 1, stop):
            if (
                reference.person_id not in (None, 0, person)
                and self.genders.get(reference.person_id) == gender
                and not clause[0] <= reference.start < clause[1]
            ):
                return True
        return False

    def _other_pronoun(self, person: int, position: int, gender: str | None) -> bool:
        """Whether a pronoun of the same gender in reach before `position` heads a sentence that
        names `person` after it, so stands for someone else the pronoun at `position` may stand for
        too ("She replaced Leslie Dahl, who left. Dahl now advises a fund. “…,” she said")."""
        if gender is None:
            return False
        first = bisect.bisect_left(self.reference_starts, self._sentence_start(position) - 1)
        for index in range(first - 1, -1, -1):
            pronoun = self.references[index]
            if self._too_far(pronoun.start, position):
                return False
            if pronoun.person_id is not None or pronoun.gender != gender:
                continue
            end = self._sentence_end(pronoun.start)
            if any(r.person_id == person for r in self._references(pronoun.start, end)):
                return True
        return False

    def _rival_subjects(self, person: int, start: int, position: int, gender: str | None, floor: int) -> bool:
        """Whether another subject the pronoun at `position` may stand for comes before the chosen
        one at `start`, near enough to be its antecedent ("Dubois, 61, has led the Socialists. His
        predecessor, Elio Martens, left politics. “…,” he said": Dubois or Martens, so neither),
        unless the chosen one spoke there, naming the speaker of the quotes in turn ("“…,” Popkov
        said. Asked …, he replied"), or the subject of a clause joined by ", and" earlier in the
        chosen one's paragraph ("…, and Crombie joined in. The piper, Ally Duncan, then played. ¶
        “…,” she said": either). Exactly one person of a fitting gender in reach, or no speaker."""
        if start in self.spoke or any(
            not any(r.person_id is None for r in self._references(start + 1, cue.start))
            for cue in self._cues(start, self._sentence_end(start))
        ):
            # the chosen one speaks there, in a quotation or in reported speech; not where a
            # pronoun before the cue speaks ("then played a slow air she had asked for")
            return False
        paragraph = bisect.bisect_right(self.paragraph_starts, start)  # the subject's, counted from 1
        if paragraph == bisect.bisect_right(self.paragraph_starts, position):
            return False  # named in the pronoun's own paragraph: its nearest subject is the one
        index = bisect.bisect_left(self.subjects, (start, _BEFORE_ALL))
        for earlier, other in reversed(self.subjects[:index]):
            if earlier < floor or self._too_far(earlier, position):
                break
            if other != person and self._may_stand_for(other, gender):
                return True
        # nor the subject of a clause joined by ", and" earlier in the subject's own paragraph ("…,
        # and Crombie, born in 1925, joined in. The piper, Ally Duncan, then played. ¶ “…,” she said")
        opening = self.paragraph_starts[max(0, paragraph - 1)]
        return any(
            reference.person_id not in (None, person)
            and self.body.endswith(_CLAUSE_JOINS, 0, reference.start)
            and self._may_stand_for(reference.person_id, gender)
            for reference in self._references(max(opening, floor), start)
        )

    def _may_stand_for(self, person: int, gender: str | None) -> bool:
        """Whether a pronoun of `gender` (None: a speaker of either) may stand for `person`: the
        person's given name does not say the other gender."""
        known = self.genders.get(person)
        return gender is None or known is None or known == gender

    def _too_far(self, start: int, position: int) -> bool:
        """Whether a subject at `start` is too far back for a pronoun at `position` to stand for it
        with confidence: more than `_PRONOUN_SENTENCES` sentences, or a paragraph between them."""
        sentences = bisect.bisect_right(self.ends, position) - bisect.bisect_right(self.ends, start)
        if sentences > _PRONOUN_SENTENCES:
            return True
        paragraph = bisect.bisect_right(self.paragraph_starts, position) - 1
        return paragraph - (bisect.bisect_right(self.paragraph_starts, start) - 1) > 1

    def _rivals(self, person: int, start: int, position: int, gender: str | None) -> bool:
        """Whether someone else the pronoun may stand for is named between the subject at `start`
        and the pronoun at `position`: another person, catalogued or candidate ("Holm's offer was
        turned down by Karolina Lis ... she said"), or a full name whose given name fits ("Her
        place was taken by Maria Berg ... she said"), after the subject's own sentence (there a
        name is its object: "Nhantumbo said Baptista never lost patience"). A wrong speaker is
        worse than none."""
        start = self._sentence_end(start)
        if any(
            reference.person_id not in (None, person) and self._may_stand_for(reference.person_id, gender)
            for reference in self._references(start, position)
        ):
            return True
        first = bisect.bisect_left(self.given_names, (start, ""))
        for _, named in self.given_names[first : bisect.bisect_left(self.given_names, (position, ""))]:
            if gender is None or named in (gender, ""):
                return True
        if self._joined(person, start, position, gender):
            return True
        return self._unnamed_speaker(start, position) or self._unnamed_subject(start, position, gender)

    def _joined(self, person: int, end: int, position: int, gender: str | None) -> bool:
        """Whether the subject's sentence (ending at `end`) names, joined to the subject by "and",
        another person the pronoun may stand for ("Popkov and Lars Berg met on Monday. “…,” he
        said": either of them)."""
        for reference in self._references(self._sentence_start(end - 1), min(end, position)):
            if reference.person_id in (None, person) or reference.end < 0:
                continue
            words = _WORD.findall(self.body, self._sentence_start(end - 1), reference.start)
            known = self.genders.get(reference.person_id)
            if words and words[-1].lower() in ("and", "or", "nor") and known in (None, gender):
                return True
        return False

    def _unnamed_subject(self, start: int, position: int, gender: str | None) -> bool:
        """Whether a sentence in [start, position), before the pronoun's own, is about someone
        unnamed: it opens with an article or possessive and a role noun ("His deputy was less
        sure.", "A spokesman for the ministry was blunter.", "The coach, who ..., was pleased.",
        "One of the freed workers, a 27-year-old man, said"),
        no name after it; another the pronoun may stand for."""
        own = self._sentence_start(position)
        first = bisect.bisect_left(self.ends, start)
        for sentence in [start, *self.ends[first : bisect.bisect_left(self.ends, own)]]:
            head = _SENTENCE_HEAD.match(self.body, sentence)
            words = list(_WORD.finditer(self.body, head.start(1), head.end(1))) if head else []
            one_of = len(words) > 2 and words[0].group() == "of" and words[1].group() in _ONE_OF
            if one_of:
                words = words[2:]  # "One of the freed workers, a 27-year-old man, said": one of many
            role = next(
                (
                    w
                    for w in words[:3]
                    if w.group() in ROLE_NOUNS or (one_of and w.group().removesuffix("s") in ROLE_NOUNS)
                ),
                None,
            )
            if role is None or not all(w.group().islower() for w in words[: words.index(role)]):
                continue
            if _NAMED_NEXT.match(self.body, role.end()):
                continue  # a name follows: "The coach Pieter Jansen", "His daughter, Georgia Hale,"
            noun = role.group()
            said = "female" if noun.endswith("woman") else "male" if noun.endswith("man") else None
            if gender is None or said in (None, gender):
                return True
        return False

    def _unnamed_speaker(self, start: int, position: int) -> bool:
        """Whether a sentence in [start, position), before the pronoun's own, has someone unnamed
        speak: a role noun just before its speech verb ("Hoffmann's spokeswoman said the same.
        “…,” she said"), another the pronoun may stand for."""
        own = self._sentence_start(position)
        for cue in self._cues(start, own):
            lead = self.body[max(start, self._sentence_start(cue.start)) : cue.start]
            lead = lead[max(lead.rfind(mark) for mark in '”’"') + 1 :]  # not the quotation's words
            if any(word.lower() in ROLE_NOUNS for word in _WORD.findall(lead)[-_ROLE_BEFORE_VERB:]):
                return True
        return False

    def _unrecognised_names(
        self, mentions: Sequence[LinkedMention], inside: _Spans
    ) -> tuple[list[int], list[tuple[int, str]]]:
        """Where the body names, outside quotation marks, someone who may be a person neither the
        catalogue nor the candidates know: two to four capitalised words (name particles between
        them) at the head of a sentence or next to a speech verb, none a title, a place's or a
        body's word, and overlapping no mention or speaker reference; or the last word alone of
        such a name written before ("Dmitri Sokolov ... Sokolov said"). Also, elsewhere, such
        names and the gender their given name says ("" when it says none): (position, gender)."""
        known = sorted(
            [(m.start, m.end) for m in mentions] + [(r.start, r.start + 1) for r in self.references]
        )
        starts = [s for s, _ in known]
        reach = list(itertools.accumulate((e for _, e in known), max))  # furthest end so far
        out: list[int] = []
        given: list[tuple[int, str]] = []
        surnames: dict[str, str] = {}  # last word of each such full name -> its given name's gender
        countries = {(m.start, m.end) for m in mentions if m.kind == "country"}
        for run in _capitalised_runs(self.body):
            while len(run) > 1 and run[0].span() in countries:
                run.pop(0)  # a nationality before a name: "the Portuguese Nuno Ferreira"
            led = False  # by a preposition: "In Cape Town the weather held" has no person for subject
            while run and ((lower := run[0].group().lower()) in LEADING_STOP or lower in TITLES):
                run.pop(0)
                led = lower in PREPOSITIONS or led
            names = [text for w in run if (text := w.group())[:1].isupper()]
            if not run or inside(run[0].start()):
                continue
            # a surname alone, of a full name written earlier that nobody recognised ("Dmitri
            # Sokolov ... Sokolov said"): the same person again
            again = len(names) == 1 and names[0] in surnames
            if len(names) == 1 and not again:
                if not led and self._lone_name(run[0], starts, reach):
                    out.append(run[0].start())
                continue
            if not again and not _NAME_WORDS_MIN <= len(names) <= _NAME_WORDS_MAX:
                continue
            start, end = run[0].start(), run[-1].end()
            if any(names_a_place_or_body(w) or w.lower() in ORG_WORDS or w.lower() in TITLES for w in names):
                continue
            before_end = bisect.bisect_left(starts, end)  # the spans starting before this run ends
            if before_end and reach[before_end - 1] > start:  # one of them reaches into it
                continue
            head = self.body[self._sentence_start(start) : start]
            before = _WORD.findall(head)
            after = _WORD.match(self.body, end + 1) if self.body[end : end + 1] == " " else None
            said_before = bool(before) and before[-1] in SPEECH_VERBS and head.endswith(before[-1] + " ")
            led = led or any(w.lower() in PREPOSITIONS for w in before)
            at_head = not led and all(w.lower() in LEADING_STOP for w in before)
            by_verb = said_before or (after is not None and after.group() in SPEECH_VERBS)
            gender = surnames[names[0]] if again else given_name_gender(names[0]) or ""
            if at_head or by_verb:
                out.append(start)
            elif gender or again or not led or (before and before[-1].lower() in _AGENT_PREPOSITIONS):
                given.append((start, gender))  # "taken by Maria Berg, a critic"; not "In Cape Town"
            else:
                continue
            if not again:
                surnames.setdefault(names[-1], gender)
        return out, given

    def _lone_name(self, word: re.Match[str], starts: list[int], reach: list[int]) -> bool:
        """Whether a capitalised word alone, no mention or reference, names someone nobody
        recognised: a role set off after it ("Smith, the chief of staff,"), or no dictionary, title or
        place list knows it and it heads its sentence (after function words, or an article and role
        nouns: "Nowak disagreed.", "The analyst Nowak took the floor") or stands next to a speech
        verb ("said Nowak"; not "told Reuters", the one spoken to). Only the words just before it are read, so the cost does not grow
        with the sentence."""
        start, end = word.span()
        before_end = bisect.bisect_left(starts, end)
        if before_end and reach[before_end - 1] > start:
            return False  # within a mention or reference
        appositive = _ROLE_APPOSITIVE.match(self.body, end) if self.body.startswith(",", end) else None
        if appositive and appositive.group(1) in ROLE_NOUNS:
            return True  # "Smith, the chief of staff, spoke": a dictionary word, but a person's name
        if word.group().lower() in self.known_words:
            return False  # most capitalised words: "The", "France", "Monday"
        sentence = self._sentence_start(start)
        before = _WORD.findall(self.body, max(sentence, start - _LONE_HEAD_CHARS), start)
        after = _WORD.match(self.body, end + 1) if self.body[end : end + 1] == " " else None
        by_verb = (bool(before) and before[-1] in SPEECH_VERBS and before[-1] not in _OBJECT_VERBS) or (
            after is not None and after.group() in SPEECH_VERBS
        )
        lead = start - sentence < _LONE_HEAD_CHARS and (
            all(w.lower() in LEADING_STOP for w in before)
            or (bool(before) and before[0].lower() in _ARTICLES and all(w in ROLE_NOUNS for w in before[1:]))
        )
        return (by_verb or lead) and _unknown_word(word.group())

    def _continues(self, previous: tuple[Quoted, int | None, bool], quote: Quoted) -> bool:
        """Whether an unattributed quote goes on with the previous one: it opens the next sentence
        or paragraph after the previous quote's own, or the writer's words between name its speaker
        and no one else ("Truck drivers were less patient. “…”" is theirs, not the last speaker's)."""
        earlier, speaker, _ = previous
        if quote.first_paragraph - earlier.last_paragraph > 1:
            return False
        between = self._references(earlier.close + 1, quote.mark)
        if not all(r.person_id is None or r.person_id == speaker for r in between):
            return False
        known = self.genders.get(speaker) if speaker is not None else None
        if known is not None and any(r.person_id is None and r.gender != known for r in between):
            return False  # "“…,” Lukashenko said. She disagreed. “…”": not his
        if speaker is not None and self._unrecognised_between(earlier.close + 1, quote.mark):
            return False  # someone nobody recognised is named between: the quote may be theirs
        # (with no speaker to pass on, going on names nobody wrongly: "“…,” Hoffmann wrote. “…”")
        if speaker is not None and self._named_after(quote, speaker):
            return False  # "“…” Those were the words of Ana Lopes": hers, not the last speaker's
        own_end = self._sentence_end(earlier.close + 1)  # the previous quote's attribution
        if own_end >= quote.mark or not self.body[own_end : quote.mark].strip():
            return True
        return any(r.start >= own_end for r in between)  # pronouns refer back

    def _reported_before(self, quote: Quoted) -> int | None:
        """The speaker of a quotation with no attribution of its own that opens the sentence right
        after one in the same paragraph whose subject reports speech ("Yuki Tanabe, the project
        manager, said the rover had passed its tests. “The hardest part is still ahead.”"): the
        words go on from the reported ones, as a quotation goes on from the previous one. Not
        where a quotation lies in that sentence, nor where its speech verb has no person as
        subject ("A spokesman said the plan was late. “…”")."""
        current = self._sentence_start(quote.mark)
        paragraph = self._paragraph_start(quote)
        if current <= paragraph or self.body[current : quote.mark].strip():
            return None  # the quotation opens its paragraph, or not its sentence
        start = max(self._sentence_start(current - 1), paragraph)
        if self._previous_close(quote) > start:
            return None  # a quotation in the sentence before: `_continues` reads it
        cues = self._cues(start, current)
        if not cues or cues[0].according:
            return None
        return self._speaker(start, current, cues[0])

    def _named_after(self, quote: Quoted, speaker: int) -> bool:
        """Whether the writer's words right after a quote, to the end of the next sentence in its
        paragraph, name someone other than `speaker` ("“…” Those were the words of Ana Lopes",
        "“…” Maria Ionescu was delighted"): the quote may be theirs."""
        start = quote.close + 1
        end = min(self._sentence_end(start), self._next_mark(start), self._paragraph_end(quote))
        after = self._references(start, end)
        if after and after[0].person_id is None and after[0].gender in (None, self.genders.get(speaker)):
            return False  # a pronoun is its subject: "“…” He then left with Ana Lopes"
        if any(r.person_id not in (None, speaker) for r in after):
            return True
        return self._unrecognised_between(start, end)

    def _unrecognised_between(self, start: int, end: int) -> bool:
        """Whether a name neither the catalogue nor the candidates know lies in [start, end)."""
        first = bisect.bisect_left(self.unknown_names, start)
        if first < len(self.unknown_names) and self.unknown_names[first] < end:
            return True
        first = bisect.bisect_left(self.given_names, (start, ""))
        return first < len(self.given_names) and self.given_names[first][0] < end

    def _sentence_subjects(self) -> list[tuple[int, int]]:
        """Each sentence's subject: its first person named, unless a pronoun comes first ("In the
        evening he received Popkov") or the person is named inside another's phrase ("A
        spokesman for Holm said ...", "Meloni's chief of staff, Giulia Ferri, said": Ferri)."""
        subjects: list[tuple[int, int]] = []
        seen_sentence = -1
        for reference in self.references:
            sentence = bisect.bisect_right(self.ends, reference.start)
            if sentence == seen_sentence:
                continue
            if reference.person_id is None:
                seen_sentence = sentence  # a pronoun is the subject: nobody named after it is
                continue
            start = self.ends[sentence - 1] if sentence else 0
            # "The jury was led by Alessandro Rinaldi, who said …": the one who speaks there
            speaks = reference.end >= 0 and (
                _WHO_SAID.match(self.body, reference.end) is not None
                or (
                    self.body.endswith(" by ", 0, reference.start)
                    and _WHO.match(self.body, reference.end) is not None
                )
            )  # or "The race was won by Kenenisa Gebre, who broke away …": the agent, told of at once
            heads = self._heads(reference, start)
            if speaks or (heads and self._opens(reference, start)):
                subjects.append((reference.start, reference.person_id))
            if speaks or heads:
                seen_sentence = sentence  # "After meeting Lukashenko, the minister said": no subject named
        return subjects

    def _opens(self, reference: _Reference, start: int) -> bool:
        """Whether a sentence's first person, named at `reference`, is where its subject stands:
        after a comma ("Its chief executive, Samer Majali, said"), or after nothing but
        capitalised words, articles and roles ("The Leeds baker Sarah English said", "But Helen
        Ashworth"); not inside a clause ("After meeting Lukashenko, the minister said")."""
        lead = self.body[start : reference.start]
        if lead.rstrip().endswith(","):
            return True
        titles = _TITLES_BEFORE.search(lead)
        if titles is not None and all(w.lower() in TITLES for w in _WORD.findall(titles.group(1))):
            return True  # "The chair of the judges, Professor Alan Birch, said": titles after the comma
        words = _WORD.findall(lead)
        if all(
            word[:1].isupper() or word.lower() in _ARTICLES or word.lower() in ROLE_NOUNS for word in words
        ):
            return True
        if (
            1 < len(words) <= 4
            and words[0].lower() in _ARTICLES
            and words[-1] in ROLE_NOUNS
            and not any(word.lower() in PREPOSITIONS or word[:1].isupper() for word in words[1:])
        ):
            return True  # "His former student Kwesi Amankwah-Boateng said": a role and its modifiers
        end = reference.end if reference.end >= 0 else reference.start + 1
        following = _NEXT_WORD.match(self.body, end)
        return (
            1 < len(words) <= 4
            and words[0].lower() in PREPOSITIONS
            and not any(word[:1].isupper() or word.lower() in _RELATIVES for word in words[1:])
            and following is not None
            and (following.group(1).endswith("ed") or following.group(1) in SPEECH_VERBS)
        )  # "In later years Mensah-Bonsu campaigned": a phrase of time or place, then the subject

    def _sentence_start(self, position: int) -> int:
        index = bisect.bisect_right(self.ends, position)
        return self.ends[index - 1] if index else 0

    def _sentence_end(self, position: int) -> int:
        index = bisect.bisect_left(self.ends, position + 1)
        return self.ends[index] if index < len(self.ends) else len(self.body)

    def _cues(self, start: int, end: int) -> list[Cue]:
        """The speech cues lying wholly in [start, end), in text order."""
        first = bisect.bisect_left(self.cue_starts, start)
        found = self.cues[first : bisect.bisect_left(self.cue_starts, end, first)]
        return [cue for cue in found if cue.end <= end]

    def _references(self, start: int, end: int) -> list[_Reference]:
        """The speaker references starting in [start, end), in text order."""
        first = bisect.bisect_left(self.reference_starts, start)
        return self.references[first : bisect.bisect_left(self.reference_starts, end, first)]

    def _next_mark(self, position: int) -> int:
        index = bisect.bisect_left(self.marks, position)
        return self.marks[index] if index < len(self.marks) else len(self.body)

    def _previous_close(self, quote: Quoted) -> int:
        index = bisect.bisect_left(self.marks, quote.mark)  # passages never overlap
        return self.quoted[index - 1].close + 1 if index else 0

    def _paragraph_start(self, quote: Quoted) -> int:
        return self.paragraphs[quote.first_paragraph][0]

    def _paragraph_end(self, quote: Quoted) -> int:
        return self.paragraphs[quote.last_paragraph][1]


class _Covering:
    """Spans, asked whether any of them overlaps a range: a bisect over their starts and the
    furthest end reached so far, not a scan of every span."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(itertools.accumulate((end for _, end in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span begins before `end` and ends after `start`."""
        index = bisect.bisect_left(self.starts, end) - 1
        return index >= 0 and self.reach[index] > start


# the small words a title writes in lower case ("From the New World", "Songs of Love and Hate")
_TITLE_SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "to", "and", "for", "on", "at", "from", "with", "by", "or", "but", "nor"]
)
_CLAUSE_PUNCTUATION = re.compile(r"[.!?;:…]")


def _set_off_by_one_comma(between: str) -> bool:
    """Whether the words between a speech verb and a name end with the name's comma and hold no
    other ("the mines minister, "; not "one analyst, citing the central bank governor, ")."""
    return between.rstrip().endswith(",") and between.count(",") == 1


def _a_capitalised_title_run(words: list[str]) -> bool:
    """Whether capitalised words (and "and", "of") end with a title right before a name: "Labour and
    Social Affairs Minister", "Senegalese Armed Forces Minister"."""
    return (
        len(words) >= 2
        and words[-1].lower() in TITLES
        and all(word[:1].isupper() or word in ("and", "of") for word in words)
    )


def _a_role_of(words: list[str]) -> bool:
    """Whether lower-case words are a role and what it is of, no person: "vice-minister of public
    health" (not "the lawyer of the victim, Ann Berg,", where the name is the victim's)."""
    return (
        len(words) >= 3
        and is_role_noun(words[0].lower())
        and words[1] == "of"
        and all(word.islower() and word not in _RELATIVES for word in words[2:])
        and not is_role_noun(words[-1])
    )


def _a_role_of_a_name(words: list[str]) -> bool:
    """Whether words after a speech verb are an article, a role, "of" and a capitalised name: "the
    mayor of Omoa", "the governor of the Bank of Ghana" (the name set off after them is the role's)."""
    if len(words) < 4 or words[0].lower() not in _ARTICLES:
        return False
    role = next((k for k, word in enumerate(words[1:], start=1) if is_role_noun(word.lower())), None)
    if role is None or role + 2 >= len(words) or words[role + 1] != "of":
        return False
    rest = words[role + 2 :]
    return rest[-1][:1].isupper() and all(word[:1].isupper() or word in ("the", "of", "and") for word in rest)


def _a_title(text: str) -> bool:
    """Whether quoted words closed by no punctuation of their own are a title, not speech: two
    words or more, every one capitalised but a title's small words, and no sentence's or clause's
    punctuation ("the Symphony No 9, "From the New World", was written in New York"; not
    "“Never again,” he said")."""
    words = _WORD.findall(text)
    return (
        len(words) > 1
        and words[0][:1].isupper()
        and all(word[:1].isupper() or word in _TITLE_SMALL_WORDS for word in words)
        and _CLAUSE_PUNCTUATION.search(text) is None
    )


def _occurrences(body: str, forms: list[str]) -> dict[str, list[tuple[int, int]]]:
    """The spans where the body writes each of `forms` as whole words, as `re.finditer` of the
    form between word boundaries finds them: one pass over the body's words for all the forms."""
    by_word: dict[str, list[str]] = {}
    found: dict[str, list[tuple[int, int]]] = {}
    for form in forms:
        if form in found:
            continue
        found[form] = []
        first = _FIRST_WORD.match(form)
        if first is None:  # not opening with a letter or digit: searched alone
            pattern = rf"(?<![^\W_]){re.escape(form)}(?![^\W_])"
            found[form] = [match.span() for match in re.finditer(pattern, body)]
        else:
            by_word.setdefault(first.group(), []).append(form)
    free_from: dict[str, int] = {}  # a form's next place starts after its last one, as finditer's do
    for start, word in _word_starts(body, by_word) if by_word else ():
        for form in by_word.get(word, ()):
            end = start + len(form)
            if (
                body.startswith(form, start)
                and not _LETTER_OR_DIGIT.match(body, end)
                and start >= free_from.get(form, 0)
            ):
                found[form].append((start, end))
                free_from[form] = end
    return found


_A_NAME_NEXT = re.compile(r" [^\W\d_a-z]")  # a space and a capital: another word of a name follows


def _whole_word_starts(body: str, texts: Collection[str]) -> dict[str, list[int]]:
    """The ascending starts of each of `texts` written in the body after no letter or digit:
    found from its first run of letters and digits (`_word_starts`, one pass for many), so the
    body is read once however many texts there are."""
    heads: dict[str, list[str]] = {}
    starts: dict[str, list[int]] = {text: [] for text in texts}
    for text in texts:
        opening = _FIRST_WORD.match(text)
        if opening is not None:
            heads.setdefault(opening.group(), []).append(text)
        else:  # opens with no letter or digit: looked for alone
            starts[text] = [m.start() for m in re.finditer(rf"(?<![^\W_]){re.escape(text)}", body)]
    for start, head in _word_starts(body, heads) if heads else ():
        for text in heads.get(head, ()):
            if body.startswith(text, start):
                starts[text].append(start)
    return starts


def _word_starts(body: str, words: Collection[str]) -> Iterator[tuple[int, str]]:
    """(start, word) where the body writes each of `words` (runs of letters and digits) whole, in
    text order for each word: a few found by `str.find`, more in one pass over the body's words."""
    if len(words) > _FIND_WORDS_MAX:
        for match in _WORD_RUN.finditer(body):
            yield match.start(), match.group()
        return
    for word in words:
        size = len(word)
        start = body.find(word)
        while start >= 0:
            if (start == 0 or not body[start - 1].isalnum()) and not body[
                start + size : start + size + 1
            ].isalnum():
                yield start, word
            start = body.find(word, start + 1)


_RELATIVE_AFTER = re.compile(r",[^\S\n]+(?:who|whose)(?![^\W_])")  # "Eliud Kipchoge, who was paced by"
_SPOKEN_AFTER = re.compile(rf"[^\S\n]+(?:{_VERBS})(?![^\W_])")  # a speech verb right after a role noun
_SPOKEN_ARTICLES = ("the", "his", "her", "their")  # before a role noun that speaks: "“…,” her son said"


def _nouns_written(body: str, nouns: Collection[str]) -> dict[str, list[tuple[int, int]]]:
    """The ascending spans where the body writes each of `nouns` (lower-case words, maybe joined
    by hyphens: "co-founder") whole and in any case ("Son", "SON"): read in one pass over the body's
    runs of letters and digits, each run read on through the hyphens after it only while what it
    has read opens one of the nouns ("co-" for "co-founder"; "founder" in "co-founder" too).

    Most bodies have no such noun and read nothing; the runs read are those of the body's distinct
    words (indexed once, `body_words`) that open a noun in lower case, in the body's order."""
    found: dict[str, list[tuple[int, int]]] = {noun: [] for noun in nouns}
    openings = {
        noun[:cut] for noun in nouns for cut in [len(noun)] + [i for i, ch in enumerate(noun) if ch == "-"]
    }
    if not openings:
        return found
    runs, by_word = of_the_body(body, "words", body_words)
    opening = sorted(
        index for word, indexes in by_word.items() if word.lower() in openings for index in indexes
    )
    for index in opening:
        start, end = runs[index]
        following = index
        while True:
            read = body[start:end].lower()
            if read not in openings:
                break
            if read in found:
                found[read].append((start, end))
            following += 1
            if following == len(runs) or runs[following][0] != end + 1 or body[end] != "-":
                break
            end = runs[following][1]
    return found


def _article_before(body: str, start: int) -> int | None:
    """Where "the", "his", "her" or "their" (any case, whole) starts, when it is followed by
    nothing but spaces (no line break) up to `start`: read backwards from `start`."""
    spaces = start
    while spaces > 0 and body[spaces - 1] != "\n" and body[spaces - 1].isspace():
        spaces -= 1
    if spaces == start:
        return None
    for article in _SPOKEN_ARTICLES:
        at = spaces - len(article)
        if at >= 0 and body[at:spaces].lower() == article and not body[at - 1 : at].isalnum():
            return at
    return None


def _unambiguous(references: list[_Reference]) -> list[_Reference]:
    """The references in text order, words that name two people at once ("Holland said" in a body
    naming Ruth Holland and Conor Holland, or a candidate sharing a catalogued person's surname)
    made one reference to someone unknown (person 0: no speaker, and a rival to every pronoun)."""
    by_start: dict[int, list[_Reference]] = {}
    for reference in references:
        by_start.setdefault(reference.start, []).append(reference)
    out = []
    for start in sorted(by_start):
        same = by_start[start]
        people = {r.person_id for r in same if r.person_id is not None}
        if len(people) > 1:
            out.append(_Reference(start, 0, end=max(r.end for r in same)))
        else:
            out.append(same[0])
    return out


def _capitalised_runs(body: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised words one space apart, lower-case name particles allowed between two
    of them ("Ruan van der Berg").

    Only the words that may open with a capital are visited (a word of `_WORD` is a stretch of
    letters, digits, "_", "'", "’" and "-" from its first letter or digit to its last): two of
    them are one run when the body writes between them one space, or particles one space apart.
    """
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for word in _MAYBE_CAPITALISED.finditer(body):
        start = word.start()
        if not body[start].isupper():
            continue
        if body[start - 1 : start] in _INNER_MARKS and not _opens_a_word(body, start):
            continue  # "a-Lee": within a word
        if run:
            between = body[run[-1].end() : start]
            if between == " ":
                run.append(word)
                continue
            if (
                between[:1] == " "
                and between[-1:] == " "
                and all(particle in PARTICLES for particle in between[1:-1].split(" "))
            ):
                position = run[-1].end() + 1
                for _ in between[1:-1].split(" "):
                    match = _WORD.match(body, position)
                    assert match is not None
                    run.append(match)
                    position = match.end() + 1
                run.append(word)
                continue
            runs.append(run)
        run = [word]
    if run:
        runs.append(run)
    return runs


_INNER_MARKS = frozenset("_'’-")  # what a word of `_WORD` may hold besides letters and digits


def _opens_a_word(body: str, start: int) -> bool:
    """Whether a word of `_WORD` opens at the letter or digit at `start`: no letter or digit comes
    before it but across "_", "'", "’" and "-"."""
    position = start - 1
    while position >= 0 and body[position] in _INNER_MARKS:
        position -= 1
    return position < 0 or not body[position].isalnum()


class _Spans:
    """Whether a position lies strictly between the marks of a quoted passage."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [start for start, _ in spans]
        self.spans = spans

    def __call__(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and self.spans[index][0] < position < self.spans[index][1]


def _gender_before(body: str, start: int) -> str | None:
    """The gender a relative's noun right before a name says ("his son, ", "a widow, ")."""
    found = _GENDERED_NOUN_BEFORE.search(body, max(0, start - 50), start)
    if found is None:
        return None
    return "male" if found.group(1) else "female"


def _unknown_word(word: str) -> bool:
    """Whether a capitalised word is no word a dictionary, the stop words, the titles, roles or
    the place and body lists know: most likely a name ("Nowak", "Kiprono", "Thabo")."""
    lower = word.lower()
    if lower in TITLES or lower in LEADING_STOP or lower in ROLE_NOUNS or not word.isalpha():
        return False
    context = shipped_country_context()
    return (
        lower not in context.known_words
        and lower not in context.stop_words
        and not names_a_place_or_body(word)
    )


def _names_someone(body: str, start: int, word: str) -> bool:
    """Whether the capitalised `word` at `start`, right before a surname, gives that surname to
    someone: a given name the list knows ("Maria Lukashenko"), or a word no dictionary, title or
    place list knows, as given names from outside the list are ("Thabo Ramaphosa", "Wanjiru
    Ruto"); not "President Ramaphosa", "On Monday Ramaphosa", "In Pretoria Ramaphosa"."""
    return a_given_name(body, start, word) or _unknown_word(word)


def _gender(name: str) -> str | None:
    """ "male" or "female" when the first word of a full name is a given name that says so."""
    words = name.split()
    return given_name_gender(words[0]) if len(words) > 1 else None
