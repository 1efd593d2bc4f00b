"""Reads are public; every mutation needs a valid, unrevoked bearer token."""

from __future__ import annotations

import logging

import httpx
import pytest

from gql_news.models import ApiToken, Article, Person
from gql_news.tokens import create_token, hash_token, revoke_token
from tests.graphql.helpers import codes, count_statements, data, mutate, ok, token_headers

CREATE = 'mutation { createPerson(input: {name: "Kiri Tane"}) { name } }'
IMPORT = "mutation($t: String!) { importArticle(input: {text: $t}) { slug } }"
TEXT = "Harbour Deal\n\nNews | May 1, 2020\n\nIran and Belarus signed."


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
    ],
    ids=["missing", "unknown", "other-scheme", "empty"],
)
async def test_mutation_without_a_valid_token_is_unauthenticated(
    client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    body = await mutate(client, CREATE, headers=headers)
    assert codes(body) == ["UNAUTHENTICATED"]
    assert body["data"] is None
    assert await Person.all().count() == 0


async def test_revoked_token_is_refused(client: httpx.AsyncClient) -> None:
    token = await create_token("temp")
    headers = {"Authorization": f"Bearer {token}"}
    assert ok(await mutate(client, CREATE, headers=headers)) == {"createPerson": {"name": "Kiri Tane"}}
    assert await revoke_token("temp")
    body = await mutate(
        client, 'mutation { createPerson(input: {name: "Ana Petrova"}) { name } }', headers=headers
    )
    assert codes(body) == ["UNAUTHENTICATED"]
    assert await Person.all().count() == 1


async def test_unauthenticated_import_writes_nothing(client: httpx.AsyncClient) -> None:
    body = await mutate(client, IMPORT, {"t": TEXT})
    assert codes(body) == ["UNAUTHENTICATED"]
    assert await Article.all().count() == 0


async def test_reads_need_no_token(client: httpx.AsyncClient) -> None:
    assert await data(client, "{ countries(first: 1) { totalCount } }") == {"countries": {"totalCount": 249}}


async def test_scheme_is_case_insensitive(client: httpx.AsyncClient) -> None:
    token = await create_token("lower")
    body = await mutate(client, CREATE, headers={"Authorization": f"bearer {token}"})
    assert ok(body)["createPerson"]["name"] == "Kiri Tane"


async def test_mutation_over_get_is_405(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    response = await client.get("/graphql", params={"query": CREATE}, headers=headers)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert await Person.all().count() == 0


async def test_only_the_hash_is_stored_and_the_token_is_never_logged(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    token = await create_token("secret")
    stored = await ApiToken.get(name="secret")
    assert stored.token_hash == hash_token(token)
    assert token not in stored.token_hash
    caplog.set_level(logging.DEBUG)
    await mutate(client, CREATE, headers={"Authorization": f"Bearer {token}"})
    await mutate(client, 'mutation { deletePerson(id: "bad") }', headers={"Authorization": f"Bearer {token}"})
    assert token not in caplog.text


async def test_token_is_checked_once_per_request(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    two = (
        'mutation { a: createPerson(input: {name: "Kiri Tane"}) { name }'
        ' b: createPerson(input: {name: "Ana Petrova"}) { name } }'
    )
    with count_statements() as statements:
        body = await mutate(client, two, headers=headers)
    assert ok(body) == {"a": {"name": "Kiri Tane"}, "b": {"name": "Ana Petrova"}}
    assert len([s for s in statements if '"api_token"' in s]) == 1


async def test_unauthenticated_error_shape(client: httpx.AsyncClient) -> None:
    body = await mutate(client, CREATE)
    (error,) = body["errors"]
    assert error["path"] == ["createPerson"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert "Bearer" in error["message"]
