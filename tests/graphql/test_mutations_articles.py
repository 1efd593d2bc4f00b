"""importArticle, createArticle, updateArticle, deleteArticle through HTTP against the real app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from gql_news.graphql.ids import to_global_id
from gql_news.ingest.catalogue import load_catalogue
from gql_news.models import Article, ArticleTopic, EntityCandidate, Mention, Topic
from tests.graphql.helpers import codes, mutate, ok, token_headers

SEED = Path(__file__).resolve().parents[2] / "gql_news" / "data" / "seed" / "belarus-korea-blockchain.txt"
FIELDS = "id slug title standfirst body publishedAt byline sourceUrl topics { name }"
IMPORT = f"mutation($input: ImportArticleInput!) {{ importArticle(input: $input) {{ {FIELDS} }} }}"
MENTIONS = (
    "query($s: String!) { article(slug: $s) { body mentions { text start end"
    " entity { __typename ... on Person { slug } ... on Organisation { slug } ... on Country { code } } } } }"
)
CREATE = f"mutation($input: ArticleInput!) {{ createArticle(input: $input) {{ {FIELDS} }} }}"
UPDATE = (
    f"mutation($id: ID!, $input: ArticlePatch!) {{ updateArticle(id: $id, input: $input) {{ {FIELDS} }} }}"
)
DELETE = "mutation($id: ID!) { deleteArticle(id: $id) }"
ARTICLE = {
    "title": "Harbour deal signed",
    "body": "Iran and Belarus signed a harbour deal.\n\nThe Korean side watched.",
    "publishedAt": "2024-03-01T09:30:00+01:00",
    "topics": ["Trade", "News"],
    "byline": "Ann Lee",
    "sourceUrl": "https://example.com/harbour",
}


async def _counts() -> tuple[int, int, int, int, int]:
    return (
        await Article.all().count(),
        await Mention.all().count(),
        await Topic.all().count(),
        await ArticleTopic.all().count(),
        await EntityCandidate.all().count(),
    )


async def _mentions(client: httpx.AsyncClient, headers: dict[str, str], slug: str) -> list[Any]:
    body = await mutate(client, MENTIONS, {"s": slug}, headers)
    article = ok(body)["article"]
    for mention in article["mentions"]:
        assert article["body"][mention["start"] : mention["end"]] == mention["text"]
    return list(article["mentions"])


async def test_import_the_seed_twice_is_one_article_with_the_same_mentions(client: httpx.AsyncClient) -> None:
    await load_catalogue()
    headers = await token_headers()
    text = SEED.read_text(encoding="utf-8")
    first = ok(await mutate(client, IMPORT, {"input": {"text": text}}, headers))["importArticle"]
    assert first["slug"] == "belarus-encourages-korean-investors-interested-in-blockchain"
    assert first["publishedAt"].startswith("2018-09-07")
    assert [t["name"] for t in first["topics"]] == ["Blockchain", "News"]
    mentions = await _mentions(client, headers, first["slug"])
    assert len(mentions) == 25
    assert {m["entity"].get("slug") for m in mentions} >= {"andrei-dapkiunas", "sk-hynix"}
    before = await _counts()
    second = ok(await mutate(client, IMPORT, {"input": {"text": text}}, headers))["importArticle"]
    assert second == first
    assert await _counts() == before
    assert before[0] == 1
    assert await _mentions(client, headers, first["slug"]) == mentions


async def test_import_an_edited_version_updates_in_place(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    text = "Harbour deal\n\nNews | May 1, 2020\n\nIran signed."
    first = ok(await mutate(client, IMPORT, {"input": {"text": text}}, headers))["importArticle"]
    edited = text.replace("Iran signed.", "Iran and Belarus signed.")
    second = ok(await mutate(client, IMPORT, {"input": {"text": edited}}, headers))["importArticle"]
    assert second["id"] == first["id"]
    assert second["body"] == "Iran and Belarus signed."
    assert [m["text"] for m in await _mentions(client, headers, first["slug"])] == ["Iran", "Belarus"]


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"input": {"text": ""}}, "text"),
        ({"input": {"text": "Only a title"}}, "text"),
        ({"input": {"text": "Title\n\nNews | Smarch 40, 2020\n\nBody."}}, "text"),
        ({"input": {"text": "T\n\nNews | May 1, 2020\n\n" + "x" * 210_000}}, "text"),
        (
            {"input": {"text": "T\n\nNews | May 1, 2020\n\nBody.", "sourceUrl": "javascript:alert(1)"}},
            "sourceUrl",
        ),
    ],
    ids=["empty", "no-meta-line", "bad-date", "too-big", "bad-url"],
)
async def test_import_bad_input_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, variables: dict[str, Any], field: str
) -> None:
    headers = await token_headers()
    body = await mutate(client, IMPORT, variables, headers)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == field
    assert body["data"] is None
    assert await _counts() == (0, 0, 0, 0, 0)


async def test_create_article_and_the_same_again(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    created = ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))["createArticle"]
    assert created["slug"] == "harbour-deal-signed"
    assert created["standfirst"] == "Iran and Belarus signed a harbour deal."
    assert created["publishedAt"] == "2024-03-01T08:30:00+00:00"
    assert [t["name"] for t in created["topics"]] == ["Trade", "News"]
    texts = [m["text"] for m in await _mentions(client, headers, created["slug"])]
    assert texts == ["Iran", "Belarus", "Korean"]
    again = ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))["createArticle"]
    assert again == created
    assert (await _counts())[:2] == (1, 3)


async def test_create_article_refuses_another_text_under_a_taken_slug(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))
    before = await _counts()
    body = await mutate(client, CREATE, {"input": {**ARTICLE, "body": "Something else."}}, headers)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "title"
    assert await _counts() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "x" * 301}, "title"),
        ({"title": "   "}, "title"),
        ({"body": " \n\n "}, "body"),
        ({"body": "é" * 110_000}, "body"),  # 220,000 bytes of UTF-8
        ({"topics": ["News", "!!!"]}, "topics"),
        ({"topics": ["y" * 101]}, "topics"),
        ({"byline": "b" * 301}, "byline"),
        ({"sourceUrl": "not a url"}, "sourceUrl"),
    ],
    ids=[
        "title-long",
        "title-blank",
        "body-blank",
        "body-big",
        "topic-symbols",
        "topic-long",
        "byline",
        "url",
    ],
)
async def test_create_article_validation_names_the_field_and_writes_nothing(
    client: httpx.AsyncClient, change: dict[str, Any], field: str
) -> None:
    headers = await token_headers()
    body = await mutate(client, CREATE, {"input": {**ARTICLE, **change}}, headers)
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert body["errors"][0]["extensions"]["field"] == field
    assert await _counts() == (0, 0, 0, 0, 0)


async def test_update_article_keeps_slug_and_id_and_relinks(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    created = ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))["createArticle"]
    patch = {
        "title": "Harbour deal collapses",
        "body": "Chad walked away.",
        "topics": ["Politics"],
        "byline": None,
    }
    updated = ok(await mutate(client, UPDATE, {"id": created["id"], "input": patch}, headers))[
        "updateArticle"
    ]
    assert (updated["id"], updated["slug"]) == (created["id"], created["slug"])
    assert updated["title"] == "Harbour deal collapses"
    assert updated["byline"] is None
    assert updated["sourceUrl"] == ARTICLE["sourceUrl"]
    assert updated["standfirst"] == "Chad walked away."
    assert [t["name"] for t in updated["topics"]] == ["Politics"]
    mentions = await _mentions(client, headers, created["slug"])
    assert [(m["text"], m["entity"]["code"]) for m in mentions] == [("Chad", "TD")]


async def test_update_article_to_a_copy_of_another_is_refused(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    one = ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))["createArticle"]
    other = {**ARTICLE, "title": "Another", "body": "Belarus."}
    two = ok(await mutate(client, CREATE, {"input": other}, headers))["createArticle"]
    same = {"title": ARTICLE["title"], "body": ARTICLE["body"]}
    body = await mutate(client, UPDATE, {"id": two["id"], "input": same}, headers)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "body"
    unchanged = ok(await mutate(client, UPDATE, {"id": two["id"], "input": {}}, headers))["updateArticle"]
    assert unchanged["title"] == "Another"
    assert one["id"] != two["id"]


async def test_update_refuses_null_for_required_fields(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    created = ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))["createArticle"]
    body = await mutate(client, UPDATE, {"id": created["id"], "input": {"title": None}}, headers)
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["extensions"]["field"] == "title"


async def test_delete_article(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    created = ok(await mutate(client, CREATE, {"input": ARTICLE}, headers))["createArticle"]
    assert ok(await mutate(client, DELETE, {"id": created["id"]}, headers)) == {
        "deleteArticle": created["id"]
    }
    assert (await _counts())[:2] == (0, 0)
    again = await mutate(client, DELETE, {"id": created["id"]}, headers)
    assert codes(again) == ["NOT_FOUND"]


@pytest.mark.parametrize(
    ("global_id", "code"),
    [
        (to_global_id("Article", 999_999), "NOT_FOUND"),
        (to_global_id("Person", 1), "NOT_FOUND"),
        ("not-an-id", "BAD_USER_INPUT"),
    ],
    ids=["unknown", "other-type", "malformed"],
)
async def test_unknown_or_malformed_ids(client: httpx.AsyncClient, global_id: str, code: str) -> None:
    headers = await token_headers()
    for query, variables in (
        (DELETE, {"id": global_id}),
        (UPDATE, {"id": global_id, "input": {"title": "New"}}),
    ):
        body = await mutate(client, query, variables, headers)
        assert codes(body) == [code]
        assert body["errors"][0]["extensions"]["field"] == "id"
