"""Search syntax: web-search style queries, read once in Python and written for each database.

The syntax is PostgreSQL's `websearch_to_tsquery`: words must all appear (stemmed, so
"investors" finds "investor"), `"quoted words"` must appear together in that order, `-word` or
`-"a phrase"` must not appear, and `or` between words offers alternatives (`a b or c` is
`(a and b) or c`). Common English words ("the", "in") are ignored, as PostgreSQL's English
configuration ignores them. Nothing in a query is a syntax error: an unclosed quote runs to the
end, stray punctuation separates words.

Reading the query here, rather than handing it to the database, keeps both databases in step:
PostgreSQL gets a normalised websearch string, SQLite an FTS5 expression in which every word is
a quoted string (user text never reaches FTS5's own syntax, so it cannot raise an FTS5 error).
A query with nothing left to find (empty, only common words, only exclusions) is refused as
BAD_USER_INPUT rather than silently matching everything or nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from gql_news.graphql.errors import BadUserInput

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 32

_TOKEN = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@cache
def stop_words() -> frozenset[str]:
    text = files("gql_news.data").joinpath("english_stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True, slots=True)
class Term:
    """A word or quoted phrase: its text as written and its tokens (lower case, stop words at
    either end dropped), and whether it must be absent."""

    text: str
    tokens: tuple[str, ...]
    negated: bool

    def websearch(self) -> str:
        return f'{"-" if self.negated else ""}"{self.text}"'

    def fts5(self) -> str:
        return '"' + " ".join(self.tokens).replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class SearchText:
    """A parsed query: alternatives (`or`), each a conjunction of terms with at least one
    positive term."""

    groups: tuple[tuple[Term, ...], ...]

    def websearch(self) -> str:
        """The query as a `websearch_to_tsquery` string: every term quoted, so its words are read
        as words, never as operators."""
        return " or ".join(" ".join(term.websearch() for term in group) for group in self.groups)

    def fts5(self, column: str | None = None) -> str:
        """The query as an FTS5 MATCH expression, over every column or over one."""
        if column is not None:
            return f"{{{column}}} : ({self.fts5()})"
        alternatives = []
        for group in self.groups:
            expression = " AND ".join(term.fts5() for term in group if not term.negated)
            for term in group:
                if term.negated:
                    expression = f"({expression}) NOT {term.fts5()}"
            alternatives.append(f"({expression})")
        return " OR ".join(alternatives)


def _tokens(text: str) -> tuple[str, ...]:
    tokens = [token.lower() for token in _TOKEN.findall(text)]
    stop = stop_words()
    while tokens and tokens[0] in stop:
        tokens.pop(0)
    while tokens and tokens[-1] in stop:
        tokens.pop()
    return tuple(tokens)


def _lex(query: str) -> list[Term | None]:
    """Terms in order; None stands for an `or` between them."""
    out: list[Term | None] = []
    i, n = 0, len(query)
    while i < n:
        if query[i].isspace():
            i += 1
            continue
        negated = query[i] == "-" and i + 1 < n and not query[i + 1].isspace()
        if negated:
            i += 1
        if query[i] == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            text, quoted, i = query[i + 1 : end], True, end + 1
        else:
            end = i
            while end < n and not query[end].isspace() and query[end] != '"':
                end += 1
            text, quoted, i = query[i:end], False, end
        if not quoted and not negated and text.lower() == "or":
            out.append(None)
            continue
        tokens = _tokens(text)
        if tokens:
            out.append(Term(text=" ".join(text.split()), tokens=tokens, negated=negated))
    return out


def parse(query: str, *, argument: str = "query") -> SearchText:
    """Read a search query; BAD_USER_INPUT when it is too long or has nothing to look for."""
    if len(query) > MAX_QUERY_LENGTH:
        raise BadUserInput(
            f"A search query may be at most {MAX_QUERY_LENGTH} characters long, got {len(query)}.",
            argument=argument,
        )
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", query))
    items = _lex(text)
    if sum(item is not None for item in items) > MAX_TERMS:
        raise BadUserInput(
            f"A search query may have at most {MAX_TERMS} words or phrases.", argument=argument
        )
    groups: list[tuple[Term, ...]] = []
    current: list[Term] = []
    for item in [*items, None]:
        if item is not None:
            current.append(item)
            continue
        if any(not term.negated for term in current):
            groups.append(tuple(current))
        current = []
    if not groups:
        raise BadUserInput(
            "The search query has no word to look for (common words such as 'the' are ignored, "
            "and a query cannot consist of exclusions alone).",
            argument=argument,
        )
    return SearchText(groups=tuple(groups))
