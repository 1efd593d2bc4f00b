"""A demonym naming a style of cooking or a garden plant rather than the country, read from the
sentence around its phrase (country_context.py asks this after its own cooking-style rule):

- a place that serves food: "the Italian deli on the corner", "an American diner opened in
  Croydon", "the Afghan kebab house", "Korean fried chicken shops", "Mexican food trucks" (an
  eatery's noun, or a shop's, a stall's or a van's after a food);
- a food in a recipe: "Whisk the Japanese mayonnaise", "Cook the Japanese rice in a heavy pan"
  (a verb or a tool of the kitchen in the sentence);
- a shop named by its trade's possessive: "the Turkish barber's next door";
- a plant in a gardening column: "Russian kale survives the hardest frosts in the allotment",
  "Mexican marigolds keep whitefly off the tomatoes".

A sentence that speaks of trade or farming (exports, prices, growers, a harvest) keeps the
country's produce: "Thai jasmine rice prices fell", "Turkish figs are harvested in August".
"""

from __future__ import annotations

import re

# nouns of a place that serves food, in the singular: "diners" are people eating, and "French
# bakeries went on strike" are the country's
_EATERIES = frozenset(
    [
        "deli",
        "delicatessen",
        "bakery",
        "diner",
        "bistro",
        "brasserie",
        "trattoria",
        "pizzeria",
        "patisserie",
        "steakhouse",
        "eatery",
        "canteen",
        "tearoom",
        "teahouse",
        "chippy",
        "pub",
        "gastropub",
        "taverna",
        "cantina",
    ]
)
# nouns of a place or a vehicle that sells what the words before it name ("kebab house", "food trucks")
_OUTLETS = frozenset(
    [
        "shop",
        "shops",
        "house",
        "houses",
        "bar",
        "bars",
        "place",
        "places",
        "truck",
        "trucks",
        "van",
        "vans",
        "stall",
        "stalls",
        "joint",
        "joints",
        "kiosk",
        "kiosks",
    ]
)

# trades whose possessive names their shop in British English ("the barber's", "the butcher's"):
# after a demonym the style of the shop ("the Turkish barber's next door", "the Polish butcher's
# on the high street"), where no noun of the tradesman's follows ("the Italian grocer's wife")
_TRADES = (
    "barber|butcher|baker|grocer|greengrocer|chemist|newsagent|hairdresser|jeweller|florist|tailor"
    "|cobbler|ironmonger|fishmonger|tobacconist|stationer|draper|optician|bookmaker"
)
_A_TRADES_SHOP_AFTER = re.compile(
    rf"[^\S\n]+(?:{_TRADES})['’]s(?:[,.;:!?)]|[^\S\n]+(?:next|on|in|at|near|opposite|round|across|down|up"
    r"|along|closed|opened|shut|was|is|has|had|where|which|that|and|or)(?![^\W_'’-]))"
)


def a_trades_shop(body: str, end: int) -> bool:
    """Whether a demonym ending at `end` is the style of a shop named by its trade's possessive
    ("the Turkish barber's next door", "a Polish butcher's, a bakery and a pub"), not the country."""
    return _A_TRADES_SHOP_AFTER.match(body, end) is not None


# what teaches or shows a style of cooking ("Italian cookery courses"; WordNet's "course" is a food)
_LESSONS = frozenset(
    [
        "class",
        "classes",
        "course",
        "courses",
        "lesson",
        "lessons",
        "school",
        "schools",
        "book",
        "books",
        "show",
        "shows",
        "programme",
        "programmes",
    ]
)


# outlets where produce is sold too: a dish's needs "food" or a cooked food before it ("Korean
# fried chicken shops", "a Nigerian food stall"; not "Argentine beef stalls at the fair")
_PRODUCE_OUTLETS = frozenset(["shop", "shops", "stall", "stalls"])


def _words(text: str) -> re.Pattern[str]:
    """The words in lower case anywhere, or capitalised where they open the sentence read (not
    "Thomas Cook" or "the Cook Islands")."""
    words = "|".join(text.split())
    return re.compile(rf"(?<![^\W_])(?:{words})(?![^\W_])|^\W*(?i:{words})(?![^\W_])")


# a sentence of a recipe: a verb or a tool of the kitchen
_RECIPE = _words(
    "whisk whisked preheat simmer simmered stir stirred chop chopped sprinkle scatter drizzle drizzled garnish"
    " marinate marinated knead grate grated dice diced saute sauté sautéed tablespoons? teaspoons? saucepan"
    " oven cook recipe recipes"
)
# a sentence of a gardening column
_GARDEN = _words(
    "sow sown sowing prune pruned pruning allotment allotments gardener gardeners gardening"
    " fleece compost seedlings whitefly aphids garden[-\\s]cent(?:re|er)s? bees pollinators borders"
)
# a sentence of trade or farming: a country's produce
_PRODUCE = _words(
    "exports? exported exporters? imports? imported importers? shipments? tariffs? prices? growers? farmers?"
    " farms? harvests? harvested crops? producers? plantations? markets? output supermarkets?"
)
# a plural outlet in a named place may be the country's: "Chinese tea houses in Chengdu reopened"
_IN_A_PLACE = re.compile(r"[^\S\n]+(?:in|across|throughout)[^\S\n]+[A-Z]")
# the endings of plural nouns of people ("owners", "chefs" aside): never read as a verb
_AGENTS = ("ers", "ors", "ists", "ians", "ants", "ents")
_STOP = re.compile(r"[.!?](?:\s|$)|\n")
_REACH = 300


def _sentence(body: str, start: int, end: int) -> str:
    """The sentence around body[start:end] without it ("Kenyan tea gardens" is no gardening
    column), at most `_REACH` characters either side."""
    before = body[max(0, start - _REACH) : start]
    stops = list(_STOP.finditer(before))
    after = body[end : end + _REACH]
    stop = _STOP.search(after)
    left = before[stops[-1].end() :] if stops else before
    return left + " " + (after[: stop.start()] if stop else after)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "ses", "xes")):
        return word[:-2]
    return word.removesuffix("s")


def a_kitchen_or_garden_kind(
    body: str,
    start: int,
    phrase_end: int,
    nouns: list[str],
    kinds: tuple[frozenset[str], frozenset[str], frozenset[str]],
    words: tuple[frozenset[str], frozenset[str]],
) -> bool:
    """Whether a demonym at body[start:...] with the lower-case nouns after it (ending at
    `phrase_end`) names a style of cooking, a dish or a garden plant rather than the country. The
    phrase may end in a verb and its object ("the bakery sells croissants"): it is read whole and
    up to its first verb
    (`kinds` are WordNet's foods, plants and animals; `words` its irregular verb forms and nouns)."""
    foods, plants, animals = kinds
    verb_forms, nouns_known = words
    if len(nouns) > 1 and nouns[0] in ("cooking", "cookery") and nouns[1] in _LESSONS:
        return True  # "Italian cookery courses", "Korean cooking lessons"; not "Thai cooking oil"
    if (
        nouns[-1] in _OUTLETS
        and any(word not in nouns_known for word in nouns[:-1])
        and not any(word.endswith("ed") or word in verb_forms for word in nouns[1:-1])
    ):
        return True  # a dish WordNet does not know before a bar or a shop: "a Spanish tapas bar"; not
        # a clause's verb after the demonym's noun ("British lambs reached shops")
    verb = next(
        (at for at in range(1, len(nouns)) if _a_verb(nouns[at - 1 : at + 1], verb_forms, nouns_known)), None
    )
    cuts = [len(nouns)] if verb is None else [len(nouns), verb]
    return any(
        _a_kind(body, (start, phrase_end), nouns[:at], nouns[at:], (foods, plants, animals)) for at in cuts
    )


def _a_verb(pair: list[str], verb_forms: frozenset[str], nouns_known: frozenset[str]) -> bool:
    """Whether the second of two words ending a phrase is a verb rather than a noun: an irregular
    form, a past form or a participle, a word WordNet has no noun of ("kale survives"), or a
    present form after a singular noun ("the bakery sells"; not "bakery owners", "tea growers")."""
    before, word = pair
    return (
        word in verb_forms
        or word.endswith(("ed", "ing"))
        or (word not in nouns_known and _singular(word) not in nouns_known)
        or (word.endswith("s") and not word.endswith(_AGENTS) and not before.endswith("s"))
    )


def _a_cooked_food(words: list[str], foods: frozenset[str]) -> bool:
    """Whether the words before a shop's or a stall's noun are "food" or a participle in -ed
    before a food ("Korean fried chicken shops", "a Nigerian food stall"): a dish's; not a food
    and then a verb in -ed ("British lambs reached shops", "Argentine beef stalls at the fair")."""
    return any(
        word == "food"
        or (
            word.endswith("ed")
            and any(later in foods or _singular(later) in foods for later in words[at + 1 :])
        )
        for at, word in enumerate(words)
    )


def _a_kind(
    body: str,
    span: tuple[int, int],
    nouns: list[str],
    verbs: list[str],
    kinds: tuple[frozenset[str], frozenset[str], frozenset[str]],
) -> bool:
    """Whether the demonym's nouns (the verbs after them set aside) name a kind, not the country."""
    foods, plants, animals = kinds
    start, phrase_end = span
    if not nouns:
        return False
    head = nouns[-1]
    if head in _EATERIES:
        return True  # "the Italian deli on the corner", "an American diner opened in Croydon"
    if (
        head in _OUTLETS
        and not (head.endswith("s") and _IN_A_PLACE.match(body, phrase_end))
        and any(word == "food" or word in foods or _singular(word) in foods for word in nouns[:-1])
        and (head not in _PRODUCE_OUTLETS or _a_cooked_food(nouns[:-1], foods))
    ):
        return True  # "the Afghan kebab house", "Korean fried chicken shops", "Mexican food trucks"
    singular = _singular(head)
    food = head in foods or singular in foods
    plant = head in plants or singular in plants
    if not food and not plant:
        return False
    sentence = _sentence(body, start, phrase_end)
    if _PRODUCE.search(" ".join([sentence, *verbs])):
        return False  # "Thai jasmine rice prices fell", "Turkish figs are harvested in August"
    if food and _RECIPE.search(sentence):
        return True  # "Whisk the Japanese mayonnaise", "Cook the Japanese rice in a heavy pan"
    if head in animals or singular in animals:
        return False
    return _GARDEN.search(sentence) is not None  # "Russian kale ... in the allotment", "Mexican marigolds"
