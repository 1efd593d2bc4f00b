"""Sayings and verb idioms in which a country's word does not mean the country.

country_idioms.json holds idioms of one shape, a demonym and its noun ("Mexican wave"). Sayings
of other shapes are read here from the hand-kept country_sayings.json: "beware of Greeks bearing
gifts", "not for all the tea in China", "the luck of the Irish", "pardon my French", "went
Dutch", "talking double Dutch", in any case (a subhead's "All the Tea in China") and with their
verbs inflected. The comparison of a character with a people's own ("more British than the
British", "more French than the French") is read here too: it speaks of a person's manner, not
of the country.
"""

from __future__ import annotations

import re
from functools import cache

from gql_news.ingest.resources import data_file, read_json

_ARTICLES = frozenset({"a", "an", "the"})
_GAP = r"[^\S\n]+"
# what may not follow a saying that ends with the country's word: a possessive, a hyphen, or a
# lower-case word that is no function word ("the luck of the Irish economy")
_FUNCTION_AFTER = (
    "to|and|or|but|on|in|at|for|with|again|is|was|are|were|that|which|who|as|of|this|so|too|"
    "than|then|when|if|has|had|have|will|would|could|can|did|does|do|not|into|from|by|over|once|"
    "after|before|during|since|until|because|while|where|though|although|yet|now|said|says"
)
_NO_NOUN_AFTER = rf"(?![\-'’]|{_GAP}(?!(?:{_FUNCTION_AFTER})(?![^\W_]))[a-z])"
# "more British than the British": a form, "than", "the" and the same form, not a name's first word
# ("more British than the British Museum")
_COMPARED = re.compile(
    rf"(?<![^\W_])more{_GAP}([^\W\d_a-z][^\W\d_]+){_GAP}than{_GAP}(?:the{_GAP})?(\1)(?![^\W_]|[^\S\n]+[^\W\d_a-z])"
)


def _inflections(lemma: str, irregular: dict[str, list[str]]) -> list[str]:
    if lemma in irregular:
        return [lemma, *irregular[lemma]]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    plural = lemma + ("es" if lemma.endswith(("sh", "ch", "s", "x")) else "s")
    return [lemma, plural, lemma + "ed", lemma + "ing"]


def _word(token: str, irregular: dict[str, list[str]]) -> str:
    """A token's words, as an alternation: "go+|quit+" -> every form of both verbs."""
    forms: list[str] = []
    for word in token.split("|"):
        if word.endswith("+"):
            forms += _inflections(word[:-1], irregular)
        else:
            forms.append(word)
    return "(?:" + "|".join(_GAP.join(map(re.escape, form.split())) for form in forms) + ")"


def _pattern(saying: str, irregular: dict[str, list[str]]) -> str:
    tokens = _rejoin(saying.split())
    parts: list[str] = []
    for at, token in enumerate(tokens):
        optional = token in _ARTICLES or (token.startswith("(") and token.endswith(")"))
        token = token.strip("()")
        if token.startswith("{"):
            inner = token.replace("{", "").replace("}", "")
            word = f"(?P<form>{_word(inner, irregular)})"
            if at == len(tokens) - 1:
                word += _NO_NOUN_AFTER
        else:
            word = _word(token, irregular)
        parts.append(f"(?:{word}{_GAP})?" if optional else word + (_GAP if at < len(tokens) - 1 else ""))
    return r"(?<![^\W_])" + "".join(parts) + r"(?![^\W_])"


def _rejoin(words: list[str]) -> list[str]:
    """The saying's tokens: words joined by '|' to a two-word alternative stay one token ("nobody|no one")."""
    tokens: list[str] = []
    for word in words:
        if tokens and tokens[-1].endswith("|no") and word == "one":
            tokens[-1] += " one"
        else:
            tokens.append(word)
    return tokens


def _literals(saying: str) -> tuple[str, ...]:
    """The saying's words that every reading of it holds, looked for before its pattern runs: no
    optional word, alternative or verb (an irregular verb's forms do not hold its lemma), but the
    country's word even with its inflections ("welshed" holds "welsh"). The longest first: a
    body lacks it most often ("china" before "all", "tea" and "in"), and each word a body lacks
    is looked for through the whole body."""
    words = (
        word.replace("{", "").replace("}", "").rstrip("+")
        for word in _rejoin(saying.split())
        if word not in _ARTICLES
        and not word.startswith("(")
        and "|" not in word
        and (word.startswith("{") or not word.endswith("+"))
    )
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _sayings() -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    data = read_json(data_file("country_sayings.json"))
    irregular: dict[str, list[str]] = data["irregular"]
    return tuple(
        (_literals(saying), re.compile(_pattern(saying, irregular), re.IGNORECASE))
        for saying in data["sayings"]
    )


def saying_spans(body: str) -> frozenset[tuple[int, int]]:
    """The spans of the country words that stand in one of the sayings in `body`."""
    lower = body.lower()
    spans: set[tuple[int, int]] = set()
    for literals, pattern in _sayings():
        for literal in literals:
            if literal not in lower:
                break
        else:  # a loop, not all() over a generator made for each saying: most stop at the first
            spans.update(match.span("form") for match in pattern.finditer(body))
    if " than " in lower:
        for match in _COMPARED.finditer(body):
            spans.update((match.span(1), match.span(2)))
    return frozenset(spans)
