"""A country's name written alone as the proper name of someone or something that is no place.

A player, a performer, a racehorse or a greyhound is often called by one word, and that word may
be a country's name ("Holland scored twice as Wigan beat Bolton", "the singer Kenya", "Trained
by Willie Mullins, Chile won the Gold Cup"). country_context.py asks `a_one_word_name` about a
one-word form; these readings say it names such a one, each from grammar and context:

- **A performer's noun before it or in an apposition after it**: "the singer Kenya", "the
  striker Chad", "Goalkeeper Ireland saved", "Jordan, the Fulham winger," (name_roles.json:
  WordNet's entertainers, athletes and artists, made by scripts/name_roles.py; not "the
  champion", "the favourite", "the producer", nouns a country or its side is called too); a
  ship, a band or an animal set off by commas before it ("The band, Norway, played", "Their dog,
  Chile, was found"); not a relative clause ("the singer Ireland sent to Eurovision came last").
- **A possessive club before it and a verb after it, in a sentence about a player** (a goal, a
  contract, a match, an injury, a debut, a performer's noun, "he" or "she"): "Chelsea's Jordan
  signed a new contract"; not where the possessor is a country or a person the body names by a
  given name or a title ("Vladimir Putin ... Putin's Russia has"), nor before a noun ("Biden's
  China policy").
- **A player's own act**: the singular subject of an act a referee, a medic or a jockey does to
  one person ("was sent off", "was booked", "was stretchered off", "was pulled up at the
  third", "fell at the second", "unseated his rider"); a side is "reduced to ten men". Signing
  for or joining from a club that is no country ("Holland signed for Preston").
- **A player's feat**: what one player scores after the form's possessive ("Holland's brace",
  "Jordan's late header"; not "a hat-trick of titles"), or a side's scores won for a club that is
  no country ("England's two tries won it for Leicester"; not "England's two tries beat Italy").
- **He or she**: the form opens a sentence as a verb's subject and "he" or "she" opens a clause
  joined to it, with no other name or person's noun between ("Jordan scored; he has now scored
  in five games"); a country is "it" and its people "they" ("his" and "her" are left out:
  "Brazil gave her citizenship"; so is a "He" opening the next sentence, who may be anyone
  named before).
- **A club's result beside it**: the form opens a sentence and the sentence then tells a result
  between sides, or gives the win or the lead to a side, none of which is a country ("Holland
  scored twice as Wigan beat Bolton", "Chad scored to give City the win"; not "to give Messi a
  farewell win").
- **A horse race**: "Trained by X, ...", "Ridden by X, ..." before it; a trainer or a jockey
  who says something about it ("The trainer said Chile would run"); a horse's margin ("by a
  neck"; not lengths, which a crew wins by too); winning at a price ("won the Lincoln at 20-1";
  not odds alone, "Argentina was a 5-2 favourite", which bookmakers give a side too); the object
  of a jockey's or a trainer's verb ("rode Peru to victory", "saddled Jamaica"; not a possessive,
  "rode Ireland's coast roads").

Each reading gives way where the body also writes the form after a preposition ("flew to
Jordan"): there news prose means the country by it, as for a given name (country_context.py).
Each reads a bounded window around the form; what a reading needs from the whole body (the
surnames written after a given name or a title, whether a preposition ever precedes the form) is
read once per body or once per body and form, so a body's forms cost time linear in its size.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from gql_news.ingest import country_context
from gql_news.ingest.cue_words import ANY_PERSON_NOUNS, MODALS, TITLES
from gql_news.ingest.word_before import search_word_before

if TYPE_CHECKING:
    from gql_news.ingest.country_context import CountryContext

_REACH = 200  # characters read on either side of a form


@lru_cache(maxsize=1)
def _country_forms() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every country's names and demonyms: those of one word ("Iraq", "Saudi"), and the longer ones
    ("Saudi Arabia", "Vatican City")."""
    from gql_news.ingest.countries import desired_countries
    from gql_news.ingest.linker import country_forms

    forms = {
        form
        for row in desired_countries()
        for form in country_forms(row.name, None, row.aliases, row.demonyms)
        if form
    }
    return frozenset(f for f in forms if " " not in f), tuple(sorted(f for f in forms if " " in f))


def names_a_country(words: str) -> bool:
    """Whether capitalised words name a country or its people ("Iraq", "Saudi Arabia", "the
    Dutch"), not a club ("Manchester City", "Wigan")."""
    single, several = _country_forms()
    return any(word in single for word in words.split()) or any(form in words for form in several)


def a_performer(word: str) -> bool:
    """Whether a noun names an entertainer, an athlete or an artist ("singer", "Full-back",
    "singer-songwriter")."""
    lower = word.lower()
    performers = country_context._name_roles()["performers"]
    return (
        lower in performers or lower.replace("-", "") in performers or lower.rsplit("-", 1)[-1] in performers
    )


def _after_a_noun_and_comma(body: str, start: int, end: int, context: CountryContext) -> bool:
    """ "The band, Norway, played", "Their dog, Chile, was found", "The family's cat, Peru,"; not
    "its trading partner, China," (no ship, band, animal or performer; a relative's name is
    country_context.a_relatives_name's, read by the same noun phrase)."""
    if not body.startswith(",", end):
        return False
    found = country_context.NOUN_PHRASE_BEFORE.search(body, max(0, start - 60), start)
    if found is None or not found.group(4):
        return False
    noun = found.group(3)
    last = noun.rsplit("-", 1)[-1]
    return (
        last in context.named_kinds or last in context.animals or a_performer(noun)
    )  # "dog": no "the dog, Jordan," for a man


def a_one_word_name(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether the one-word form body[start:end] is the name of a player, a performer, a horse or
    a dog (see the module docstring)."""
    if not (
        named_as_a_performer(body, start, end, context)
        or _after_a_club(body, start, end, context)
        or a_players_act(body, end)
        or _a_players_feat(body, end)
        or _a_race(body, start, end)
        or _then_he_or_she(body, start, end)
        or _beside_a_clubs_result(body, start, end)
    ):
        return False
    form = body[start:end]
    return not country_context._after_a_preposition(body, form)  # "flew to Jordan": the country


def named_as_a_performer(body: str, start: int, end: int, context: CountryContext) -> bool:
    """Whether a performer's, a ship's, a band's or an animal's noun is set before the form or in
    an apposition after it ("the singer Kenya", "The band, Norway,", "Jordan, the Fulham
    winger,"): what a story then calls by the form alone."""
    return (
        _after_a_performer(body, start, end, context)
        or _after_a_noun_and_comma(body, start, end, context)
        or _a_performer_in_apposition(body, start, end, context)
    )


_WORD_BEFORE = re.compile(r"(?<![^\W_'’-])([^\W\d_][\w'’-]*)[^\S\n]+$")
_EVER_AFTER = re.compile(r"[^\S\n]+(?:has|had|have)[^\S\n]+(?:ever|never|produced)(?![^\W_])")


def _after_a_performer(body: str, start: int, end: int, context: CountryContext) -> bool:
    """ "the singer Kenya", "The rapper Chad", "Goalkeeper Ireland", "the cruise ship Jamaica";
    not "the best player Brazil has ever produced"."""
    before = search_word_before(_WORD_BEFORE, body, start, 40)
    if before is None:
        return False
    word = before.group(1)
    if word[:1].isupper() and not country_context.sentence_start(body, before.start(1)):
        return False  # "Fulham Jordan", "US Japan"
    if not a_performer(word):
        # a ship or a band two words after a determiner ("the cruise ship Jamaica"): the noun is
        # `word` itself, so a word that is no ship's or band's noun needs no search
        if word not in context.named_kinds:
            return False
        two = _KIND_TWO_WORDS_BEFORE.search(body, max(0, start - 40), start)
        if two is None or two.group(1) not in context.named_kinds:
            return False
    return not (
        _EVER_AFTER.match(body, end)
        or country_context._the_subject_of_a_relative(body, end, context)
        or a_relative_with_a_past_verb(body, end, context)
    )


_KIND_TWO_WORDS_BEFORE = re.compile(r"(?<![^\W_])(?:[Tt]he|[Aa]n?)[^\S\n]+[a-z]+[^\S\n]+([a-z]+)[^\S\n]+$")


_CLAUSE_WORDS = re.compile(r"[^,.;:!?\n]{0,120}")
_COORDINATORS = frozenset(["and", "but", "or"])


def a_relative_with_a_past_verb(body: str, end: int, context: CountryContext) -> bool:
    """Whether a past verb after the form and another verb later in its clause make the form the
    subject of a relative clause: "the singer Ireland sent to Eurovision came last" (not "the
    singer Kenya performed at the gala", "the film Brazil opened in 1985 and was cut": a verb after
    "and", "but" or "or" is the form's own second verb)."""
    words = _CLAUSE_WORDS.match(body, end).group().split()  # type: ignore[union-attr]
    for index, word in enumerate(words):
        if word in _COORDINATORS:
            del words[index:]
            break
    if not words or not (words[0].endswith("ed") or words[0] in context.verb_forms):
        return False
    return any(
        word in context.verb_forms or word in country_context._AUXILIARIES or word.endswith("ed")
        for word in words[2:]
    )


_APPOSITION_AFTER = re.compile(
    r",[^\S\n]+(?:the|an?)[^\S\n]+(?:[A-Z][\w'’-]*[^\S\n]+){0,2}(?:[a-z][\w-]*[^\S\n]+){0,2}([a-z][\w-]*)(?=[,.;]|[^\S\n]+(?:from|for|of|at|who|whose)(?![^\W_]))"
)


def _a_performer_in_apposition(body: str, start: int, end: int, context: CountryContext) -> bool:
    """ "Jordan, the Fulham winger,", "Israel, a striker from Lagos,"; or a person's title in the
    apposition of a surname the body also writes after a given name ("Holland, a water engineer
    from Cardiff, ... Frances Holland's manual"), wherever that full name stands."""
    found = _APPOSITION_AFTER.match(body, end)
    if found is None:
        return False
    noun = found.group(1)
    return (
        a_performer(noun)
        or noun in _MATCH_OFFICIALS
        or (noun in TITLES and _written_with_a_given_name(body, body[start:end], context))
    )


# the officials of a match, which WordNet files under no performer and no country is called:
# "Wales, the referee, sent him off"
_MATCH_OFFICIALS = frozenset(["referee", "umpire", "linesman", "linesmen", "assistant-referee"])


def _written_with_a_given_name(body: str, form: str, context: CountryContext) -> bool:
    """Whether the body writes the form after a given name ("Frances Holland") anywhere."""
    return any(
        found.group(1).lower() in context.given_names
        for found in re.finditer(rf"(?<![\w'’-])([A-Z][a-z]+)[^\S\n]+{re.escape(form)}(?![\w-])", body)
    )


_POSSESSOR = re.compile(r"(?<![^\W_])([A-Z][\w-]*)['’]s?[^\S\n]+$")
_FOLLOWING = re.compile(r"[^\S\n]*(,|[^\S\n][a-z]+(?![^\W_'’-]))")


def _after_a_club(body: str, start: int, end: int, context: CountryContext) -> bool:
    """ "Chelsea's Jordan signed", "Oldham's Kenya and Bury's Chad"; not "Trump's China policy",
    nor "Putin's Russia" where the body names Vladimir Putin."""
    possessor = search_word_before(_POSSESSOR, body, start, 40)
    if possessor is None or names_a_country(possessor.group(1)):
        return False
    following = _FOLLOWING.match(body, end)
    if following is None:
        return False
    word = following.group(1).strip()
    if word in (",", "and"):
        pass
    elif not (
        word in country_context._AUXILIARIES
        or word in context.verb_forms
        or (word.endswith("ed") and word not in context.nouns)
        or word in MODALS
    ):
        return False
    if _a_person(body, possessor.group(1), context):
        return False
    sentence = body[max(0, start - _REACH) : end] + _clause_after(body, end)  # the words around it
    return any(
        word in _SPORT_WORDS or _PRONOUN.fullmatch(word) or a_performer(word)
        for word in _WORD.findall(sentence[sentence.rfind(". ") + 1 :].lower())
    )


# a player's words: a club's player signs a contract, scores a goal, misses a match through injury
# ("Erdogan's Turkey has jailed" names none)
_SPORT_WORDS = frozenset(
    ["goal", "goals", "contract", "match", "minute", "minutes", "injury", "debut", "squad"]
)


_TWO_CAPITALISED = re.compile(r"(?<![^\W_])([A-Z][\w'’-]*)\.?[^\S\n]+(?=([A-Z][\w'’-]*))")


def _a_person(body: str, word: str, context: CountryContext) -> bool:
    """Whether the body writes `word` after a given name or a title ("Vladimir Putin", "President
    Xi"): the words so written are read in one pass over the body, kept for its other forms."""

    def surnames(text: str) -> frozenset[str]:
        return frozenset(
            m.group(2)
            for m in _TWO_CAPITALISED.finditer(text)
            if m.group(1).lower() in context.given_names or m.group(1).lower() in TITLES
        )

    return word in country_context.of_the_body(body, ("surnames", context), surnames)


_PLAYERS_ACT = re.compile(
    r"(?:,[^,;.\n]{1,40},)?[^\S\n]+(?:(?:was|has[^\S\n]+been|had[^\S\n]+been|is|got)[^\S\n]+(?:sent[^\S\n]+off|booked(?![^\S\n]+(?:on|onto|into|in|through|via)(?![^\W_]))|substituted"
    r"|stretchered[^\S\n]+off|sin-binned|yellow-carded|red-carded|taken[^\S\n]+off(?![^\S\n]+(?:the|a|an|its)(?![^\W_]))|run[^\S\n]+out|stumped"
    r"|pulled[^\S\n]+up[^\S\n]+(?:at|before|after)[^\S\n]+the[^\S\n]+[a-z\d]+(?:[^\S\n]+fence)?(?=[,.;]|[^\S\n]+(?:and|when|after|before))|fined[^\S\n]+for[^\S\n]+(?:an?[^\S\n]+)?(?:elbow|tackle|foul|dissent))"
    r"|limped[^\S\n]+off|fell[^\S\n]+at[^\S\n]+the[^\S\n]+[a-z\d]+(?:[^\S\n]+fence)?(?=[,.;]|[^\S\n]+(?:and|when|after|before))|unseated[^\S\n]+(?:his|her)|made[^\S\n]+(?:his|her)[^\S\n]+debut)(?![^\W_])"
)


_SIGNED_FOR = re.compile(
    r"(?:,[^\S\n]+who|,[^,;.\n]{1,40},)?[^\S\n]+(?:has[^\S\n]+)?(?:signed|joined)[^\S\n]+(?:for|from)[^\S\n]+([A-Z][\w-]*)(?!['’])"
)


def a_players_act(body: str, end: int) -> bool:
    """ "Jordan was sent off", "Chad was booked", "Ireland, the favourite, was pulled up at the
    third", "Holland signed for Preston", "Jordan, who joined from Burnley" (a club, not a country)."""
    if _PLAYERS_ACT.match(body, end) is not None:
        return True
    club = _SIGNED_FOR.match(body, end)
    return club is not None and not names_a_country(club.group(1))


# what one player scores, after the form's possessive: "Holland's brace", "Jordan's late header",
# "Chad's first-half hat-trick"; not "a hat-trick of titles", which a side wins too, nor "brace for"
_PLAYERS_FEAT = re.compile(
    r"['’]s?[^\S\n]+(?:(?:late|early|first|second|stunning|[a-z]+-(?:half|time))[^\S\n]+)?"
    r"(?:brace|hat-trick|header|volley)(?![^\W_'’-])(?![^\S\n]+(?:of|for)(?![^\W_]))"
)
# a side's scores won for a club by one of its players: "England's two tries won it for Leicester"
_SCORES_FOR_A_CLUB = re.compile(
    r"['’]s?[^\S\n]+(?:[a-z\d-]+[^\S\n]+){0,2}(?:goals?|tries|try|points|wickets|runs|penalties)(?![^\W_])"
    r"[^.;:!?\n]{0,80}?[^\S\n]for[^\S\n]+([A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)?)(?![\w'’-])"
)


def _a_players_feat(body: str, end: int) -> bool:
    """ "Holland's brace sank Reading", "Jordan's late header", "England's two tries won it for
    Leicester" (a club, no country); not "England's two tries beat Italy", "Ireland's hat-trick of
    titles"."""
    if not body.startswith(("'", "’"), end):
        return False
    if _PLAYERS_FEAT.match(body, end) is not None:
        return True
    club = _SCORES_FOR_A_CLUB.match(body, end)
    return club is not None and not names_a_country(club.group(1))


_TRAINED_BY = re.compile(r"(?:Trained|Ridden|Saddled)[^\S\n]+by[^\S\n]+[A-Z][^,.;\n]{0,60},[^\S\n]+$")
_SPEAKER_BEFORE = re.compile(
    r"(?<![^\W_])(?:[Tt]rainer|[Jj]ockey)(?:[^\S\n]+[A-Z][\w'’-]*){0,3}[^\S\n]+(?:said|says|thinks|believes)(?:[^\S\n]+that)?[^\S\n]+$"
)
# a horse's margin ("by a neck", "beaten a short head"); not lengths, which a boat or a swimmer wins by too
_MARGIN = re.compile(r"(?<![^\W_])(?:by|beaten)[^\S\n]+an?[^\S\n]+(?:short[- ])?(?:head|neck|nose)(?![^\W_])")


def _racing_words(body: str) -> bool:
    """Whether the body writes a word `_TRAINED_BY` or `_SPEAKER_BEFORE` needs: most bodies do not."""
    return any(word in body for word in ("Trained", "Ridden", "Saddled", "rainer", "ockey"))


def _result_words(body: str) -> bool:
    """Whether the body writes a word `_MARGIN` or `_WON_AT` needs: most bodies do not."""
    return any(word in body for word in ("head", "neck", "nose", "won"))


def _a_race(body: str, start: int, end: int) -> bool:
    """ "Trained by Willie Mullins, Chile", "The trainer said Chile would", "Kenya won the Oaks by
    a neck", "Chad won the Lincoln at 20-1", "Jordan Ireland rode Peru to victory"; not odds alone
    ("Argentina was a 5-2 favourite"), which bookmakers give a side too."""
    before = _WORD_BEFORE.search(body, max(0, start - 12), start)
    if before is not None and country_context.a_ridden_horse(body, before.group(1), end):
        return True
    if country_context.of_the_body(body, "racing words", _racing_words) and (
        _TRAINED_BY.search(body, max(0, start - 100), start)
        or _SPEAKER_BEFORE.search(body, max(0, start - 80), start)
    ):
        return True
    if not country_context.of_the_body(body, "result words", _result_words):
        return False  # neither a margin nor "won" in the body: no clause is read
    rest = _clause_after(body, end)
    if _MARGIN.search(rest) is not None:
        return True
    price = _WON_AT.match(rest)
    return price is not None and int(price.group(1)) > int(price.group(2))  # odds against, not a score


_WON_AT = re.compile(
    r"[^\S\n]+won[^\S\n]+[^.;\n]{0,60}?[^\S\n]at[^\S\n]+(\d{1,3})-(\d{1,2})(?![\d-])(?![^\S\n]+(?:up|down))"
)


def _clause_after(body: str, end: int) -> str:
    """The rest of the form's sentence, at most `_REACH` characters."""
    return country_context._rest_of_sentence(body, end, _REACH)


_LOWER_CASE_AFTER = re.compile(r"[^\S\n]+[a-z]")


def _subjects_clause(body: str, start: int, end: int) -> str | None:
    """The rest of the form's sentence where the form opens the sentence before a lower-case word,
    as a verb's subject does; None elsewhere ("India, her second home,", "Peru's")."""
    if not country_context.sentence_start(body, start) or not _LOWER_CASE_AFTER.match(body, end, end + 3):
        return None
    return _clause_after(body, end)


# "he" or "she" opening a clause joined to the form's: "Jordan scored; he has", "Chad scored and he"
_PRONOUN = re.compile(r"(?:;|,?[^\S\n]+(?:and|but))[^\S\n]+(?:he|she)(?![^\W_])")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _then_he_or_she(body: str, start: int, end: int) -> bool:
    """ "Jordan scored in the 70th minute; he has now scored in five games"; not "Chile's
    president said he", "Kenya recalled its ambassador after he", nor a "He" opening the next
    sentence, which may be a person named before ("Netanyahu spoke. Israel struck. He warned")."""
    rest = _subjects_clause(body, start, end)
    if rest is None:
        return False
    pronoun = _PRONOUN.search(rest)
    if pronoun is None:
        return False
    return not any(
        word[:1].isupper() or word.lower() in ANY_PERSON_NOUNS or word.endswith(("'s", "’s"))
        for word in _WORD.findall(rest, 0, pronoun.start())
    )


_RESULT = re.compile(
    r"[^\S\n]+(?:as|and|while|but|when)[^\S\n]+((?:[A-Z][\w'’-]*[^\S\n]+){1,3})"
    r"(?:beat|won|drew|thrashed|edged|bowled|crushed|overcame|saw[^\S\n]+off)(?![^\W_])"
    r"(?:[^\S\n]+((?:[A-Z][\w'’-]*(?:[^\S\n]+|(?=[\s,.;]))){1,3}))?"
)


# the side a player's act helps: "to give City the win", "to put Rovers ahead"; not "to give
# Messi a farewell win", "pushed for Hamas to release": a person is given things too
_HELPED_SIDE = re.compile(
    r"(?<![^\W_])to[^\S\n]+(?:(?:give|hand)[^\S\n]+((?:[A-Z][\w-]*(?![\w'’-])[^\S\n]+){1,3})the[^\S\n]+"
    r"(?:win|lead|victory|points|draw|equaliser|advantage)"
    r"|put[^\S\n]+((?:[A-Z][\w-]*(?![\w'’-])[^\S\n]+){1,3})(?:ahead|level|in[^\S\n]+front|through))(?![^\W_])"
)


def _beside_a_clubs_result(body: str, start: int, end: int) -> bool:
    """ "Holland scored twice as Wigan beat Bolton", "Jordan struck a six and Yorkshire won",
    "Chad scored in the 80th minute to give City the win", "Peru converted the penalty to put
    Rovers ahead"; not where a side so named is a country ("to give Iraq the lead")."""
    rest = _subjects_clause(body, start, end)
    if rest is None:
        return False
    found = _RESULT.search(rest)
    helped = _HELPED_SIDE.search(rest)
    if found is None and helped is None:
        return False
    sides = [found.group(1), found.group(2) or ""] if found else [helped.group(1) or helped.group(2)]  # type: ignore[union-attr]
    return not any(names_a_country(side) for side in sides)
