"""The search syntax reader, and what each database makes of its output."""

from __future__ import annotations

import random

import pytest

from gql_news.db import db
from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.search.sql import matches, snippets
from gql_news.graphql.search.syntax import MAX_QUERY_LENGTH, parse
from gql_news.graphql.sql import fetch
from gql_news.settings import Settings
from tests import factories as f


@pytest.mark.parametrize(
    ("query", "websearch", "fts5"),
    [
        ("blockchain Belarus", '"blockchain" "Belarus"', '("blockchain" AND "belarus")'),
        ('"interest rates" -Korea', '"interest rates" -"Korea"', '(("interest rates") NOT "korea")'),
        ("a or b", '"b"', '("b")'),  # "a" is a stop word, and so is an alternative left empty
        ("x OR y z", '"x" or "y" "z"', '("x") OR ("y" AND "z")'),
        ('"unclosed phrase', '"unclosed phrase"', '("unclosed phrase")'),
        ('"in the blockchain"', '"in the blockchain"', '("blockchain")'),
        ("co-operation U.S.", '"co-operation" "U.S."', '("co operation" AND "u")'),
        ('NEAR(a b) title:x "', '"NEAR(a" "b)" "title:x"', '("near" AND "b" AND "title x")'),
        (
            "potash -x or -y",
            '"potash" -"x"',
            '(("potash") NOT "x")',
        ),  # an alternative of exclusions alone is dropped
        ("Lukašenka", '"Lukašenka"', '("lukašenka")'),
    ],
)
def test_queries_are_read_once_and_written_for_each_database(query: str, websearch: str, fts5: str) -> None:
    text = parse(query)
    assert text.websearch() == websearch
    assert text.fts5() == fts5


@pytest.mark.parametrize("query", ["", " ", "-", "or", "the", "-potash", '""', "x" * (MAX_QUERY_LENGTH + 1)])
def test_nothing_to_find_or_too_long_is_bad_user_input(query: str) -> None:
    with pytest.raises(BadUserInput) as error:
        parse(query)
    assert error.value.extensions["code"] == "BAD_USER_INPUT"


def test_too_many_terms_is_bad_user_input() -> None:
    with pytest.raises(BadUserInput):
        parse(" ".join(f"w{i}" for i in range(40)))


PLAIN_QUERIES = [
    "blockchain Belarus",
    '"investors interested in blockchain"',
    "blockchain -Belarus",
    '"sad cat" or "fat rat"',
    "potash or zeppelin -lake",
    "Korean investors",
    "co-operation",
]


async def test_postgres_reads_the_written_query_as_it_reads_the_original(db_session: Settings) -> None:
    if db().capabilities.dialect != "postgres":
        pytest.skip("websearch_to_tsquery is PostgreSQL's")
    for query in PLAIN_QUERIES:
        rows = await fetch(
            "SELECT websearch_to_tsquery('gql_news_english', ?)::text AS raw,"
            " websearch_to_tsquery('gql_news_english', ?)::text AS written",
            [query, parse(query).websearch()],
        )
        assert rows[0]["raw"] == rows[0]["written"], query


async def test_random_input_never_reaches_the_database_as_an_error(db_session: Settings) -> None:
    """Whatever the text, the statements built from it run: FTS5 and websearch never see syntax
    they reject."""
    await f.article("Potash Exports Slump", lead='Belarus sold "less" potash; prices fell (again).')
    rng = random.Random(20261128)
    alphabet = [
        *list("abc xyz -\"()*:^{}+.,;'\\/|&!<>~`@#$%=[]?NEARANDORNOT"),
        "or",
        " OR ",
        "é",
        "\xa0",
        "日本",
    ]
    tried = 0
    for _ in range(300):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        try:
            text = parse(query)
        except BadUserInput:
            continue
        tried += 1
        sql, params = matches(text)
        await fetch(f"WITH {sql} SELECT count(*) AS n FROM _search", params)
        await snippets(text, [1, 2])
    assert tried > 100
