"""A country's form that a whole story uses as a person's name: readings country_context.py asks
about a form that is a person's given name or surname too.

- **A party to a case.** A form on either side of " v " in a case's name ("Jordan v Smith
  Parcels", "R v Holland", "France v France") is a party's name: the other party
  is the Crown ("R", "Regina"), the same name again, or a name that is no country's nor a
  body's, in a body that speaks of a court. Two countries' names ("England v Ireland") are a
  fixture; a body against a country ("Commission v Ireland") is a case against the state.
  The Crown's defendant ("R v England") is a person the story calls by the form again ("England
  had been jailed for six years").
- **What a person does in the story.** Where someone was named earlier by a given name that is
  a country's form and a surname ("Georgia Hayes"), and the body also writes the form as the
  country ("Golf in Georgia"), a bare occurrence is the person where it is the speaker of a
  quotation ('"...," Georgia said', 'said Georgia') or, opening its sentence, the subject of a
  clause that speaks of him or her ("Georgia said she would", "Chad trained with his new
  team-mates", "Montserrat, as she was known"); not before a possessive ("Georgia's
  president").
  A statement said of "it" ("Jordan said it would add staff") is the country's, whoever bears
  the name.
- **A sovereign's title after the possessive.** "Jordan's King Abdullah", "Qatar's Emir Tamim":
  a capitalised sovereign title and a name after the form's possessive are the country's, whoever
  the body named by the form before.
- **A side's opponent.** The object of a national side's plural verb ("Ireland face Wales in
  Cardiff", "England play Scotland") is a side too, though the story named a player by the same
  word ("Marcus Wales").
- **A full name before a result.** A given name right before the form makes it a surname whatever
  verb follows ("Jack Holland beat Ben Wales"); not a modal or an auxiliary opening a question
  ("Will Wales beat Fiji?").
- **A person after a preposition.** A surname the body named before, after a legal noun and
  "against" ("the evidence against Holland"), or compared with a person in an aside ("Archer,
  like Jordan, was born"), is its bearer; an obituary's "survived by Jordan" names a relative,
  and does not count as a place's preposition when the body's usage is weighed.
- **A team's line-up.** An item of a line-up or a squad after its head's colon ("City (4-3-3):
  O'Leary; Pring, Vyner; Wales, Holland, Sykes", "Subs: ..."), not the head ("England (4-3-3):").
- **A player beside the side he plays for.** "Wales for Wales, Holland for the Netherlands
  under-21s": the form before "for" and a country is no country listed beside one.
- **A given name no list has.** A form the body sets off with a surname as a person's ("Cuba
  Henderson, a drummer,", "Henderson said") is the person where it opens a sentence about him or
  her ("Cuba first travelled there himself").
- **One's children.** "their children, Israel, Jordan and Grace": the irregular plural of a
  relative's noun, after a personal possessive only ("Europe's problem children, Italy and
  Greece").
- **A name people call someone by.** An aside after the form that says so of "her" or "him"
  ("Mama Kenya, as the children called her,", "Montserrat, as she was known"), or the name given
  to "her" or "him" ("Her parents named her France") or that a speaker gives ("I am Jordan",
  "my name is Kenya"); a country is "it".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gql_news.ingest import country_context
from gql_news.ingest.cue_words import MODALS
from gql_news.ingest.word_before import search_word_before

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

_S = r"[^\S\n]+"
_CROWN = frozenset(["R", "Regina", "Rex", "DPP", "Crown"])
# a party that goes to law with a state, not with a person: "Commission v Ireland"
_STATE_PARTIES = frozenset(
    ["Commission", "Council", "Parliament", "Government", "Union", "Republic", "State"]
)
_PARTY_AFTER = re.compile(rf"{_S}v\.?{_S}([^\W\d_a-z][\w'’-]*)")
_PARTY_BEFORE = re.compile(rf"(?<![\w'’-])([^\W\d_a-z][\w'’-]*){_S}v\.?{_S}$")
_COURT_TALK = re.compile(
    r"(?<![^\W_])(?:court|courts|judge|judges|judgment|judgement|tribunal|claimant|defendant|appellant"
    r"|ruling|ruled|lawyers?|barristers?|case)(?![^\W_])"
)


_CROWN_V_BEFORE = re.compile(rf"(?<![\w'’-])(?:{'|'.join(sorted(_CROWN))}){_S}v\.?{_S}$")


def the_crowns_defendant(body: str, start: int) -> bool:
    """Whether the form at `start` is the defendant in a case the Crown brings ("R v England",
    "DPP v Jordan"): a person, and the story's later bare uses of the form are that person."""
    return (
        body.endswith(("v ", "v. "), 0, start)
        and _CROWN_V_BEFORE.search(body, max(0, start - 16), start) is not None
    )


def a_party_to_a_case(body: str, start: int, end: int) -> bool:
    """Whether the form body[start:end] is a party's name in a case's name ("Jordan v Smith")."""
    after = _PARTY_AFTER.match(body, end)
    before = _PARTY_BEFORE.search(body, max(0, start - 40), start) if after is None else None
    found = after or before
    if found is None:
        return False
    other = found.group(1)
    if other in _CROWN or other == body[start:end]:
        return True
    from gql_news.ingest.one_word_names import names_a_country  # it reads country_context's helpers

    return (
        not names_a_country(other)
        and other not in _STATE_PARTIES
        and not country_context.names_a_body(other)
        and _COURT_TALK.search(body) is not None
    )


_SPEECH = r"(?:said|says|told|added|asked|wrote|recalled|joked|explained|insisted)"
_QUOTE_CLOSED_BEFORE = re.compile(r"[,?!][\"”]" + _S + "$")
_SPEECH_AFTER = re.compile(_S + _SPEECH + r"(?![^\W_])")
_SAID_BEFORE = re.compile(r"[\"”]" + _S + _SPEECH + _S + "$")
_PERSONAL = re.compile(r"(?<![^\W_])(?:he|she|him|her|his|hers|himself|herself)(?![^\W_])")
_SENTENCE_STOP = re.compile(r"[.!?](?:[\"”’)]*)(?:\s|$)|\n|;")
_CLAUSE_REACH = 160


_ITS = re.compile(r"(?<![^\W_])(?:its|itself)(?![^\W_])")
# a singular noun's determiner, which "its" may point back to instead of the form
_A_THING_BEFORE = re.compile(r"(?<![^\W_])(?:the|a|an|this|that)(?![^\W_])")
_BORN_AFTER = re.compile(rf"{_S}(?:was|is){_S}born(?![^\W_])")
_SAID_OF_IT = re.compile(rf"{_S}(?:said|says|added|announced|insisted){_S}(?:it|its)(?![^\W_])")


def a_countrys_statement(body: str, end: int) -> bool:
    """Whether the form says something of "it" ("Jordan said it would add staff"): a country's
    statement, though someone the body names bears the form as a given name."""
    return _SAID_OF_IT.match(body, end) is not None


def a_countrys_clause(body: str, start: int, end: int) -> bool:
    """Whether the form opens a sentence that speaks of it as "its" and of nobody as he or she
    ("Jordan has taken in more refugees for its size than almost any country"): the country's,
    though someone the body names bears the form as a given name."""
    stop = _SENTENCE_STOP.search(body, end, end + _CLAUSE_REACH)
    clause = body[end : stop.start() if stop else end + _CLAUSE_REACH]
    if "its" not in clause or body.startswith(("'", "’"), end):
        return False
    clause = clause.partition("”")[0].partition('"')[0]  # a quotation's words, not its attribution
    its = _ITS.search(clause)
    return (
        its is not None
        and _PERSONAL.search(clause) is None
        and _A_THING_BEFORE.search(clause, 0, its.start()) is None  # "kept the club in its bag"
        and country_context.sentence_start(body, start)
    )


def a_persons_act(body: str, start: int, end: int) -> bool:
    """Whether the bare form body[start:end] speaks a quotation, opens a sentence about a
    person ("Georgia said she would", "Chad trained with his team-mates") or is born ("before
    Kenya was born")."""
    if body.startswith(("'", "’"), end):
        return False  # "Georgia's president": the possessive is read elsewhere
    if _BORN_AFTER.match(body, end):
        return True  # "a year teaching in Kisumu before Kenya was born"
    before = body[max(0, start - 16) : start]
    if '"' in before or "”" in before:  # a quotation closes just before: its speaker may follow
        if _QUOTE_CLOSED_BEFORE.search(body, max(0, start - 8), start) and _SPEECH_AFTER.match(body, end):
            return True  # '"...," Georgia said'
        if _SAID_BEFORE.search(body, max(0, start - 16), start):
            return True  # '"...," said Georgia'
    if not country_context.sentence_start(body, start) or (
        country_context._inside_quotation(body, start) and body[start - 1 : start] not in ('"', "“")
    ):
        return False  # outside a quotation, or the quotation's first word: "“Holland is in the form of his life”"
    stop = _SENTENCE_STOP.search(body, end, end + _CLAUSE_REACH)
    clause = body[end : stop.start() if stop else end + _CLAUSE_REACH]
    return _PERSONAL.search(clause) is not None


_SOVEREIGN_TITLE_OWNED = re.compile(
    rf"['’]s?{_S}(?:King|Queen|Emir|Sultan|Crown{_S}Prince|President|Prime{_S}Minister"
    rf"|[A-Z][a-z]+{_S}Minister){_S}[A-Z]"
)


def a_sovereign_title_owned(body: str, end: int) -> bool:
    """Whether a sovereign's title and a name follow the form's possessive ("Jordan's King Abdullah")."""
    return _SOVEREIGN_TITLE_OWNED.match(body, end) is not None


_OPPONENT_VERBS = frozenset(["play", "face", "meet", "host", "lead", "top"])
_SIDE_AND_VERB_BEFORE = re.compile(rf"(?<![\w'’-])([^\W\d_a-z][\w'’-]*){_S}([a-z]+){_S}$")


def a_sides_opponent(body: str, start: int, context: CountryContext) -> bool:
    """Whether the form is the object of a national side's plural verb ("Ireland face Wales")."""
    found = _SIDE_AND_VERB_BEFORE.search(body, max(0, start - 40), start)
    if found is None or found.group(2) not in _OPPONENT_VERBS:
        return False
    from gql_news.ingest.one_word_names import names_a_country  # it reads country_context's helpers

    side = found.group(1)
    return names_a_country(side) and not country_context.not_the_country(
        body, found.start(1), found.end(1), context
    )


def a_full_names_surname(body: str, start: int, context: CountryContext) -> bool:
    """Whether a given name stands right before the form ("Jack Holland beat Ben Wales"): a person's
    full name, whatever verb follows; not a modal or an auxiliary opening a question ("Will Wales
    beat Fiji?")."""
    found = search_word_before(_WORD_BEFORE, body, start, 30)
    if found is None:
        return False
    word = found.group(1)
    lower = word.lower()
    if lower not in context.given_names:
        return False
    return not (country_context.sentence_start(body, found.start(1)) and lower in _OPENING_WORDS)


_WORD_BEFORE = re.compile(rf"(?<![\w'’-])([A-Z][a-z]+){_S}$")
_OPENING_WORDS = MODALS | frozenset(
    ["do", "does", "did", "is", "was", "are", "were", "has", "have", "had", "when", "if", "after", "as"]
)
_LEGAL_NOUN_AGAINST = re.compile(
    r"(?<![^\W_])(?:case|cases|evidence|charges?|claims?|allegations?|complaints?|proceedings|lawsuits?"
    r"|suits?|verdicts?|judgments?|rulings?|testimony|prosecution)"
    rf"{_S}against{_S}$"
)


def a_defendants_surname(body: str, start: int, named_before: bool) -> bool:
    """Whether the form follows a legal noun and "against" ("the evidence against Holland") and is
    the surname of a person the body named before (`named_before`): the defendant, not a country
    ("the case against China" at the WTO names no person)."""
    return named_before and _LEGAL_NOUN_AGAINST.search(body, max(0, start - 40), start) is not None


_CALLED_AS_A_PERSON = re.compile(
    rf",{_S}as{_S}(?:[\w'’-]+{_S}){{0,4}}?(?:called|calls|call|knew|knows|know|known|nicknamed)"
    rf"(?:{_S}[\w'’-]+){{0,3}}?{_S}?(?<![^\W_])(?:her|him|she|he)(?![^\W_])"
)
_KNOWN_AS_A_PERSON = re.compile(rf",{_S}as{_S}(?:she|he){_S}(?:was|is){_S}(?:known|called)(?![^\W_])")


def called_so_as_a_person(body: str, end: int) -> bool:
    """Whether an aside after the form says people call a person by it ("Mama Kenya, as the
    children called her,", "Israel, as his coach calls him,", "Montserrat, as she was known"); a
    country is "it" ("Burma, as the generals called it,")."""
    if not body.startswith(",", end):
        return False
    found = _CALLED_AS_A_PERSON.match(body, end) or _KNOWN_AS_A_PERSON.match(body, end)
    return found is not None and "," not in body[end + 1 : found.end()]


_SURVIVED_BY = re.compile(rf"(?<![^\W_])(?:survived|predeceased){_S}by{_S}$")


def survived_by(body: str, start: int) -> bool:
    """Whether the form follows "survived by" or "predeceased by": an obituary's relative."""
    return _SURVIVED_BY.search(body, max(0, start - 24), start) is not None


_COMPARED_WITH = re.compile(rf"(?<![\w'’-])([^\W\d_a-z][\w'’-]*),{_S}like{_S}$")


def compared_with_a_person(body: str, start: int, end: int, named_before: bool) -> bool:
    """Whether the form is a surname named before (`named_before`) in an aside comparing a person
    with its bearer ("Archer, like Jordan, was born in Barbados"); not a country compared with a
    country ("Chad, like Niger, borders Libya")."""
    if not named_before or not body.startswith(",", end):
        return False
    found = _COMPARED_WITH.search(body, max(0, start - 40), start)
    if found is None:
        return False
    from gql_news.ingest.one_word_names import names_a_country  # it reads country_context's helpers

    return not names_a_country(found.group(1))


# the head of a team's line-up: "City (4-3-3):", "Squad:", "Subs:", "Replacements:"
_LINE_UP_HEAD = re.compile(
    r"(?:[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*){0,3}[^\S\n]+\((?:\d-){1,4}\d\)"
    r"|Squad|Subs|Substitutes|Replacements|Bench|Line-up|Starting XI|Team)[^\S\n]*:"
)
_ITEM_BEFORE = re.compile(r"(?:[,;:]|[,;:][^\S\n]+|[^\S\n]+(?:and|or))$")
_ITEM_AFTER = re.compile(r"[^\S\n]*(?:[,;.]|\(|$|\n)")


def a_line_up_item(body: str, start: int, end: int) -> bool:
    """Whether the form is an item of a team's line-up or squad, after its head's colon in the
    same paragraph ("City (4-3-3): O'Leary; Pring, Vyner; Wales, Holland, Sykes")."""
    if not _ITEM_BEFORE.search(body, max(0, start - 6), start) or not _ITEM_AFTER.match(body, end):
        return False
    line = body.rfind("\n", 0, start) + 1
    head = _LINE_UP_HEAD.search(body, line, start)
    return head is not None and (head.start() == line or body[head.start() - 2 : head.start()] == ". ")


_FOR_A_SIDE = re.compile(rf"{_S}for{_S}(?:the{_S})?([^\W\d_a-z][\w'’-]*(?:{_S}[^\W\d_a-z][\w'’-]*)?)")


def a_player_for_a_side(body: str, end: int) -> bool:
    """Whether the form is followed by "for" and a country ("Holland for the Netherlands
    under-21s"): a player named beside the side he plays for, not a country listed."""
    found = _FOR_A_SIDE.match(body, end)
    if found is None:
        return False
    from gql_news.ingest.one_word_names import names_a_country  # it reads country_context's helpers

    return names_a_country(found.group(1))


_NAMED_SOMEONE_BEFORE = re.compile(
    rf"(?<![^\W_])(?:named|called|calling|call|calls|christened|baptised|baptized|nicknamed){_S}(?:her|him|me|us){_S}$"
)


# a passive of naming before the form, and a mark right after it: the name given ("has been
# named Namibia,"); not "was named Kenya captain", "was called Zaire" (a country's old name)
_NAMED_IN_THE_PASSIVE_BEFORE = re.compile(
    rf"(?<![^\W_])(?:been|was|were|is|are|be|being){_S}(?:named|christened|nicknamed){_S}$"
)
_A_STOP_AFTER = re.compile(r"[,.;:!?)]|$")
_SELF_NAMED_BEFORE = re.compile(rf"(?<![^\W_])(?:I{_S}am|I['’]m|[Mm]y{_S}name{_S}is|[Mm]y{_S}name['’]s){_S}$")


def named_as_a_person(body: str, start: int, end: int) -> bool:
    """Whether the form is the name someone was given or gives ("Her parents named her France",
    "they called him Jordan", "the lads started calling me Jamaica", "So I am Jordan from Ghana",
    "my name is Kenya"), or a name given in the passive before a stop ("has been named Namibia,";
    not "was named Kenya captain"); a country is "it" ("the Romans called it Hispania")."""
    if _NAMED_IN_THE_PASSIVE_BEFORE.search(
        body, max(0, start - 24), start
    ) is not None and _A_STOP_AFTER.match(body, end):
        return True  # "a penguin chick ... has been named Namibia, and": the name given
    return _NAMED_SOMEONE_BEFORE.search(body, max(0, start - 24), start) is not None or (
        _SELF_NAMED_BEFORE.search(body, max(0, start - 16), start) is not None
        and not body.startswith(("'", "’"), end)  # "I am Israel's ambassador"
    )


_ONES_OWN = frozenset(["his", "her", "their", "my", "our", "your", "two", "three", "four", "five", "six"])


def ones_children(determiner: str, noun: str) -> bool:
    """Whether a noun phrase names someone's children ("their children, Israel, Jordan and
    Grace", "her grandchildren"): an irregular plural a relative's noun list has no "-s" form for;
    after a personal possessive or a number only ("Europe's problem children, Italy and Greece" are
    countries)."""
    last = noun.rsplit("-", 1)[-1]
    return (
        last.endswith("children")
        and last[:-8] in ("", "grand", "step", "god")
        and determiner.lower() in _ONES_OWN
    )
