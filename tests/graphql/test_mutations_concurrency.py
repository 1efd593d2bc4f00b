"""Concurrent duplicate writes leave one row: unique keys decide, not a read-then-write check.

Meant for PostgreSQL (real concurrent transactions on a connection pool); on SQLite the same
requests are serialised by its single writer and must give the same answer.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx

from gql_news.ingest.catalogue import load_catalogue
from gql_news.models import Article, ArticleTopic, Mention, Person, Topic
from tests.conftest import BACKEND
from tests.graphql.helpers import mutate, ok, token_headers

SEED = Path(__file__).resolve().parents[2] / "gql_news" / "data" / "seed" / "belarus-korea-blockchain.txt"
IMPORT = "mutation($t: String!) { importArticle(input: {text: $t}) { id slug } }"
CREATE_PERSON = 'mutation { createPerson(input: {name: "Kiri Tane", aliases: ["K. Tane"]}) { id } }'
CONCURRENCY = 20


async def test_concurrent_identical_imports_leave_one_article(client: httpx.AsyncClient) -> None:
    await load_catalogue()
    headers = await token_headers()
    text = SEED.read_text(encoding="utf-8")
    bodies = await asyncio.gather(*(mutate(client, IMPORT, {"t": text}, headers) for _ in range(CONCURRENCY)))
    results = [ok(body)["importArticle"] for body in bodies]
    assert len({r["id"] for r in results}) == 1, BACKEND
    assert await Article.all().count() == 1
    assert await Mention.all().count() == 25
    assert len(set(await Mention.all().values_list("start", "end"))) == 25
    assert await Topic.all().count() == 2
    assert await ArticleTopic.all().count() == 2


async def test_concurrent_imports_of_different_articles_sharing_new_topics(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    texts = [f"Story {n}\n\nFresh, Topics | May 1, 2024\n\nIran and Belarus, part {n}." for n in range(10)]
    bodies = await asyncio.gather(*(mutate(client, IMPORT, {"t": t}, headers) for t in texts))
    assert len({ok(body)["importArticle"]["id"] for body in bodies}) == 10
    assert await Topic.all().count() == 2
    assert await ArticleTopic.all().count() == 20
    assert await Mention.all().count() == 20


async def test_concurrent_identical_creates_leave_one_person(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    bodies = await asyncio.gather(*(mutate(client, CREATE_PERSON, None, headers) for _ in range(CONCURRENCY)))
    assert len({ok(body)["createPerson"]["id"] for body in bodies}) == 1
    assert await Person.all().count() == 1
