"""The demo article, loaded the way `gql-news serve` loads it, walked through GraphQL."""

from __future__ import annotations

import httpx

from gql_news.ingest.demo import load_demo, seed_slug
from tests.graphql.helpers import data

PEOPLE = {
    "Andrei Dapkiunas": "Deputy Foreign Minister",
    "Aleksandr Lukashenko": "President",
    "Sergey Popkov": "Minister of Telecommunications and Informatization",
}


async def test_readme_query(client: httpx.AsyncClient) -> None:
    assert await load_demo()
    result = await data(
        client,
        "{ articles(first: 1) { edges { node { title people { name country { code } } countries { code }"
        " organisations { name country { code } } } } } }",
    )
    node = result["articles"]["edges"][0]["node"]
    assert node["title"] == "Belarus Encourages Korean Investors Interested In Blockchain"
    assert [p["name"] for p in node["people"]] == list(PEOPLE)  # order of first mention
    assert all(p["country"]["code"] == "BY" for p in node["people"])
    assert [c["code"] for c in node["countries"]] == ["BY", "KR"]
    orgs = {o["name"]: (o["country"] or {}).get("code") for o in node["organisations"]}
    assert orgs["SK Hynix"] == "KR"
    assert orgs["Belarus-Korea IT Cooperation Center"] == "BY"


async def test_seed_article_fields_and_mentions(client: httpx.AsyncClient) -> None:
    await load_demo()
    result = await data(
        client,
        "query($s: String!) { article(slug: $s) { slug title standfirst body publishedAt byline sourceUrl"
        " topics { name slug } people { name title }"
        " mentions { text start end entity { __typename ... on Country { code } ... on Person { name } } }"
        " countryMentions: mentions(kind: COUNTRY) { text entity { ... on Country { code } } } } }",
        {"s": seed_slug()},
    )
    article = result["article"]
    assert article["slug"] == "belarus-encourages-korean-investors-interested-in-blockchain"
    assert article["publishedAt"].startswith("2018-09-07")
    assert article["byline"] is None
    assert [t["name"] for t in article["topics"]] == ["Blockchain", "News"]
    assert {p["name"]: p["title"] for p in article["people"]} == PEOPLE
    assert article["standfirst"] == article["body"].split("\n\n")[0]
    body = article["body"]
    starts = [m["start"] for m in article["mentions"]]
    assert starts == sorted(starts)
    for mention in article["mentions"]:
        assert body[mention["start"] : mention["end"]] == mention["text"]
    korea = {m["text"] for m in article["countryMentions"] if m["entity"]["code"] == "KR"}
    # "Korean" alone stands only in the title and inside "Korean Embassy in Minsk" (an organisation).
    assert {"Korea", "South Korean"} <= korea
    surnames = [m for m in article["mentions"] if m["text"] in {"Dapkiunas", "Lukashenko"}]
    assert all(m["entity"]["__typename"] == "Person" for m in surnames)


async def test_country_and_person_back_to_the_article(client: httpx.AsyncClient) -> None:
    await load_demo()
    result = await data(
        client,
        '{ country(code: "kr") { articles { totalCount edges { node { slug } } }'
        " organisations { edges { node { name } } } }"
        ' people(filter: {name: "dapkiunas"}) { edges { node { slug } } } }',
    )
    assert result["country"]["articles"]["totalCount"] == 1
    assert result["country"]["articles"]["edges"][0]["node"]["slug"] == seed_slug()
    assert "SK Hynix" in [e["node"]["name"] for e in result["country"]["organisations"]["edges"]]
    slug = result["people"]["edges"][0]["node"]["slug"]
    walk = await data(
        client,
        "query($p: String!) { person(slug: $p) { name articles { edges { node { slug people { slug } } } } } }",
        {"p": slug},
    )
    node = walk["person"]["articles"]["edges"][0]["node"]
    assert node["slug"] == seed_slug()
    assert slug in [p["slug"] for p in node["people"]]


async def test_demo_loads_once(client: httpx.AsyncClient) -> None:
    assert await load_demo()
    assert not await load_demo()
    result = await data(client, "{ articles { totalCount } }")
    assert result["articles"]["totalCount"] == 1
