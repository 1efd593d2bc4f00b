"""Quotes through GraphQL: the seed's Dapkiunas quotations, paging, and quotes following every
path that re-links an article (import, updateArticle, addAlias, createPerson, confirm candidate)."""

from __future__ import annotations

from typing import Any

import httpx

from gql_news.graphql.ids import to_global_id
from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.demo import load_demo, seed_slug
from gql_news.ingest.store import requote_articles
from gql_news.models import Person, Quote
from tests.graphql.helpers import codes, data, gql, mutate, ok, token_headers

PERSON_QUOTES = """
query($slug: String!, $first: Int, $after: String) {
  person(slug: $slug) {
    quotesConnection(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { text start end speaker { slug } article { slug body } } }
    }
  }
}
"""
ARTICLE_QUOTES = (
    "query($s: String!) { article(slug: $s) { body quotes { text start end speaker { slug } } } }"
)
IMPORT = "mutation($t: String!) { importArticle(input: {text: $t}) { id slug } }"
ADD_ALIAS = "mutation($id: ID!, $alias: String!) { addAlias(entityId: $id, alias: $alias) { id } }"
UPDATE = "mutation($id: ID!, $input: ArticlePatch!) { updateArticle(id: $id, input: $input) { slug } }"


async def _article_quotes(client: httpx.AsyncClient, slug: str) -> list[tuple[str, str | None]]:
    article = (await data(client, ARTICLE_QUOTES, {"s": slug}))["article"]
    for quote in article["quotes"]:
        assert article["body"][quote["start"] : quote["end"]] == quote["text"]
    return [(q["text"], (q["speaker"] or {}).get("slug")) for q in article["quotes"]]


async def test_seed_dapkiunas_quotations(client: httpx.AsyncClient) -> None:
    assert await load_demo()
    result = await data(client, PERSON_QUOTES, {"slug": "andrei-dapkiunas"})
    quotes = result["person"]["quotesConnection"]
    assert quotes["totalCount"] == 4
    texts = [edge["node"]["text"] for edge in quotes["edges"]]
    assert texts[0] == "We have a high-tech park in Belarus, the biggest IT hub in the country"
    assert texts[3].startswith("We believe that there is a significant potential")
    for edge in quotes["edges"]:
        node = edge["node"]
        assert node["speaker"] == {"slug": "andrei-dapkiunas"}
        assert node["article"]["slug"] == seed_slug()
        assert node["article"]["body"][node["start"] : node["end"]] == node["text"]
    assert [q[1] for q in await _article_quotes(client, seed_slug())] == ["andrei-dapkiunas"] * 4
    for other in ("aleksandr-lukashenko", "sergey-popkov"):
        empty = await data(client, PERSON_QUOTES, {"slug": other})
        assert empty["person"]["quotesConnection"] == {
            "totalCount": 0,
            "pageInfo": {"hasNextPage": False, "endCursor": None},
            "edges": [],
        }


async def test_done_when_query_lists_the_four_quotations(client: httpx.AsyncClient) -> None:
    await load_demo()
    query = '{ person(slug: "andrei-dapkiunas") { quotes { text speaker { name } } } }'
    quotes = (await data(client, query))["person"]["quotes"]
    assert len(quotes) == 4
    assert {q["speaker"]["name"] for q in quotes} == {"Andrei Dapkiunas"}
    two = await data(client, '{ person(slug: "andrei-dapkiunas") { quotes(first: 2) { text } } }')
    assert [q["text"] for q in two["person"]["quotes"]] == [q["text"] for q in quotes[:2]]
    bad = await gql(client, '{ person(slug: "andrei-dapkiunas") { quotes(first: -1) { text } } }')
    assert codes(bad) == ["BAD_USER_INPUT"]


async def test_the_issue_query_quotes_with_co_mentions(client: httpx.AsyncClient) -> None:
    await load_demo()
    query = (
        '{ person(slug: "andrei-dapkiunas") { quotes { text } coMentioned { count entity {'
        " __typename ... on Person { name } ... on Organisation { name } ... on Country { name } } } } }"
    )
    person = (await data(client, query))["person"]
    assert len(person["quotes"]) == 4
    named = {c["entity"]["name"] for c in person["coMentioned"]}
    assert {"Belarus", "South Korea", "SK Hynix"} <= named


async def test_person_quotes_pages_newest_article_first_in_text_order(client: httpx.AsyncClient) -> None:
    await load_catalogue()
    headers = await token_headers()
    for day, words in ((1, ("one", "two")), (2, ("three", "four", "five"))):
        body = " ".join(f"“We say {word} today,” Lukashenko said." for word in words)
        text = f"Day {day}\n\nNews | May {day}, 2024\n\nAleksandr Lukashenko spoke. {body}"
        ok(await mutate(client, IMPORT, {"t": text}, headers))
    seen: list[str] = []
    after = None
    while True:
        page = (
            await data(client, PERSON_QUOTES, {"slug": "aleksandr-lukashenko", "first": 2, "after": after})
        )["person"]["quotesConnection"]
        assert page["totalCount"] == 5
        seen += [edge["node"]["text"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [f"We say {w} today" for w in ("three", "four", "five", "one", "two")]
    bad = await gql(client, PERSON_QUOTES, {"slug": "aleksandr-lukashenko", "after": "bm9wZQ"})
    assert codes(bad) == ["BAD_USER_INPUT"]
    too_many = await gql(client, PERSON_QUOTES, {"slug": "aleksandr-lukashenko", "first": 101})
    assert codes(too_many) == ["BAD_USER_INPUT"]


async def test_quotes_follow_edits_aliases_and_new_people(client: httpx.AsyncClient) -> None:
    await load_catalogue()
    headers = await token_headers()
    body = "“The decree stands,” Sasha Lukashenko said.\n\n“Talks resume in June,” Kiri Tane told reporters."
    created = ok(await mutate(client, IMPORT, {"t": f"Decree\n\nNews | May 1, 2024\n\n{body}"}, headers))
    slug = created["importArticle"]["slug"]
    assert await _article_quotes(client, slug) == [
        ("The decree stands", None),
        ("Talks resume in June", None),
    ]

    person = await Person.get(slug="aleksandr-lukashenko")
    ok(
        await mutate(
            client, ADD_ALIAS, {"id": to_global_id("Person", person.id), "alias": "Sasha Lukashenko"}, headers
        )
    )
    assert await _article_quotes(client, slug) == [
        ("The decree stands", "aleksandr-lukashenko"),
        ("Talks resume in June", None),
    ]

    create = "mutation($input: PersonInput!) { createPerson(input: $input) { slug } }"
    ok(await mutate(client, create, {"input": {"name": "Kiri Tane"}}, headers))
    assert (await _article_quotes(client, slug))[1] == ("Talks resume in June", "kiri-tane")

    patch = {"body": "Kiri Tane said: “Nothing is agreed.”"}
    ok(await mutate(client, UPDATE, {"id": created["importArticle"]["id"], "input": patch}, headers))
    assert await _article_quotes(client, slug) == [("Nothing is agreed.", "kiri-tane")]

    delete = "mutation($id: ID!) { deletePerson(id: $id) }"
    tane = await Person.get(slug="kiri-tane")
    ok(await mutate(client, delete, {"id": to_global_id("Person", tane.id)}, headers))
    assert await _article_quotes(client, slug) == [("Nothing is agreed.", None)]


async def test_confirming_a_candidate_attributes_its_quotes(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    body = "Foreign Minister Rufus Firefly arrived. “We come in peace,” Rufus Firefly said."
    article = ok(
        await mutate(
            client,
            "mutation($t: String!) { importArticle(input: {text: $t}) { slug entityCandidates { id } } }",
            {"t": f"Visit\n\nNews | May 1, 2024\n\n{body}"},
            headers,
        )
    )["importArticle"]
    assert await _article_quotes(client, article["slug"]) == [("We come in peace", None)]
    confirm = "mutation($id: ID!) { confirmEntityCandidate(id: $id) { status } }"
    ok(await mutate(client, confirm, {"id": article["entityCandidates"][0]["id"]}, headers))
    assert await _article_quotes(client, article["slug"]) == [("We come in peace", "rufus-firefly")]


async def test_requote_rebuilds_quotes_from_stored_mentions(client: httpx.AsyncClient) -> None:
    await load_demo()
    await Quote.all().delete()
    assert await _article_quotes(client, seed_slug()) == []
    assert await requote_articles() == 4
    assert [q[1] for q in await _article_quotes(client, seed_slug())] == ["andrei-dapkiunas"] * 4


SPEAKERS = (
    "query($s: String!) { article(slug: $s) { quotes { text speaker { slug }"
    " speakerCandidate { id text kind status } } } }"
)


CONFIRM = "mutation($id: ID!) { confirmEntityCandidate(id: $id) { status } }"


async def _import_potash(client: httpx.AsyncClient, body: str, headers: dict[str, str]) -> dict[str, Any]:
    """Import an article with this body: its slug and entity candidates (id, text)."""
    imported = ok(
        await mutate(
            client,
            "mutation($t: String!) { importArticle(input: {text: $t}) { slug entityCandidates { id text } } }",
            {"t": f"Potash\n\nNews | May 1, 2024\n\n{body}"},
            headers,
        )
    )
    result: dict[str, Any] = imported["importArticle"]
    return result


async def test_a_speaker_outside_the_catalogue_is_a_candidate_until_confirmed(
    client: httpx.AsyncClient,
) -> None:
    await load_catalogue()
    headers = await token_headers()
    body = (
        "Aleksandr Lukashenko offered more potash on Tuesday.\n\n"
        "Ana Lopes, the finance minister of a buyer state, was cautious. "
        "“We will not sign anything until we see the prices,” she said."
    )
    imported = await _import_potash(client, body, headers)
    (candidate,) = [c for c in imported["entityCandidates"] if c["text"] == "Ana Lopes"]
    (quote,) = (await data(client, SPEAKERS, {"s": imported["slug"]}))["article"]["quotes"]
    assert quote["speaker"] is None  # not Lukashenko, the last catalogued person named
    assert quote["speakerCandidate"] == {
        "id": candidate["id"], "text": "Ana Lopes", "kind": "PERSON", "status": "OPEN",
    }  # fmt: skip
    ok(await mutate(client, CONFIRM, {"id": candidate["id"]}, headers))
    (quote,) = (await data(client, SPEAKERS, {"s": imported["slug"]}))["article"]["quotes"]
    assert quote["speaker"] == {"slug": "ana-lopes"}
    assert quote["speakerCandidate"] is None
    stored = await Quote.get(text="We will not sign anything until we see the prices")
    assert stored.speaker_candidate is None
    assert stored.person_id == (await Person.get(slug="ana-lopes")).id


async def test_confirming_attributes_quotes_stored_before_speaker_candidates(
    client: httpx.AsyncClient,
) -> None:
    """A quote stored before quotes carried their speaker candidate (speaker_candidate null) is
    attributed all the same when the candidate is confirmed: confirming re-links the articles
    that name it, which finds their quotes again."""
    headers = await token_headers()
    body = "Ana Lopes, the finance minister, was cautious. “We will not sign anything yet,” she said."
    imported = await _import_potash(client, body, headers)
    await Quote.filter(text="We will not sign anything yet").update(speaker_candidate=None)
    (candidate,) = [c for c in imported["entityCandidates"] if c["text"] == "Ana Lopes"]
    ok(await mutate(client, CONFIRM, {"id": candidate["id"]}, headers))
    (quote,) = (await data(client, SPEAKERS, {"s": imported["slug"]}))["article"]["quotes"]
    assert quote["speaker"] == {"slug": "ana-lopes"}
    assert quote["speakerCandidate"] is None
