"""The Query side over real rows: lookups, connections, cursors, filters and bad input."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tests import factories as f
from tests.graphql.helpers import codes, data, gql


async def test_lookups_return_null_for_unknown_keys(client: httpx.AsyncClient) -> None:
    result = await data(
        client,
        '{ article(slug: "nope") { id } person(slug: "nope") { id } organisation(slug: "nope") { id }'
        ' country(code: "ZZ") { id } topic(slug: "nope") { id } }',
    )
    assert result == {"article": None, "person": None, "organisation": None, "country": None, "topic": None}


async def test_country_by_any_code_in_any_case(client: httpx.AsyncClient) -> None:
    for code in ("kr", "KR", "kor", "KOR", " Kr "):
        result = await data(
            client, "query($c: String!) { country(code: $c) { code alpha3 name } }", {"c": code}
        )
        assert result["country"] == {"code": "KR", "alpha3": "KOR", "name": "South Korea"}


async def test_cursor_pagination_walks_every_article_once(client: httpx.AsyncClient) -> None:
    for i in range(7):
        await f.article(f"Walk {i}", published=datetime(2024, 1, 1 + i % 3, tzinfo=UTC))
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        result = await data(
            client,
            "query($a: String) { articles(first: 3, after: $a) { totalCount"
            " pageInfo { hasNextPage hasPreviousPage endCursor startCursor } edges { cursor node { title publishedAt } } } }",
            {"a": after},
        )
        conn = result["articles"]
        assert conn["totalCount"] == 7
        assert conn["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += [e["node"]["title"] for e in conn["edges"]]
        dates = [e["node"]["publishedAt"] for e in conn["edges"]]
        assert dates == sorted(dates, reverse=True)
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
        assert after == conn["edges"][-1]["cursor"]
    assert pages == 3
    assert sorted(seen) == sorted(f"Walk {i}" for i in range(7))
    assert len(set(seen)) == 7
    oldest = await data(
        client, "{ articles(first: 1, orderBy: PUBLISHED_AT_ASC) { edges { node { publishedAt } } } }"
    )
    assert oldest["articles"]["edges"][0]["node"]["publishedAt"].startswith("2024-01-01")


async def test_article_filters(client: httpx.AsyncClient) -> None:
    kr = await f.country("KR")
    by = await f.country("BY")
    lee = await f.person("Lee Jae", country_code="KR")
    hynix = await f.organisation("Hynix", country_code="KR")
    await f.article(
        "Seoul story", entities=[lee, kr, hynix], topics=["Tech"], published=datetime(2024, 5, 1, tzinfo=UTC)
    )
    await f.article("Minsk story", entities=[by], topics=["News"], published=datetime(2023, 5, 1, tzinfo=UTC))

    async def titles(flt: dict[str, object]) -> list[str]:
        result = await data(
            client,
            "query($f: ArticleFilter) { articles(filter: $f) { totalCount edges { node { title } } } }",
            {"f": flt},
        )
        conn = result["articles"]
        assert conn["totalCount"] == len(conn["edges"])
        return [e["node"]["title"] for e in conn["edges"]]

    assert await titles({"country": "kor"}) == ["Seoul story"]
    assert await titles({"country": "BY"}) == ["Minsk story"]
    assert await titles({"topic": "tech"}) == ["Seoul story"]
    assert await titles({"person": lee.slug}) == ["Seoul story"]
    assert await titles({"organisation": hynix.slug, "country": "BY"}) == []
    assert await titles({"publishedAfter": "2024-01-01T00:00:00Z"}) == ["Seoul story"]
    assert await titles({"publishedBefore": "2024-01-01T00:00:00+00:00"}) == ["Minsk story"]
    assert await titles({"topic": "no-such-topic"}) == []


async def test_back_references(client: httpx.AsyncClient) -> None:
    kr = await f.country("KR")
    lee = await f.person("Lee Jae", country_code="KR", title="Minister")
    hynix = await f.organisation("Hynix", country_code="KR")
    await f.member(lee, hynix)
    await f.article("Seoul story", entities=[lee, kr, hynix], topics=["Tech"])
    result = await data(
        client,
        """query($p: String!, $o: String!) {
          person(slug: $p) { name title country { code } organisations { name }
            articles { totalCount edges { node { title people { name } } } } }
          organisation(slug: $o) { people { name } country { name } articles { totalCount } }
          topic(slug: "tech") { name articles { edges { node { title } } } }
          country(code: "KR") { people { totalCount edges { node { name } } } organisations { edges { node { name } } } }
          topics { totalCount edges { node { slug } } }
          people(filter: {country: "kr", organisation: "%s"}) { totalCount }
          organisations(filter: {name: "HYN"}) { edges { node { name } } }
          countries(filter: {mentioned: true}) { edges { node { code } } }
          notMentioned: countries(filter: {mentioned: false}) { totalCount }
          named: countries(filter: {name: "korea"}) { edges { node { code } } }
        }""".replace("%s", hynix.slug),
        {"p": lee.slug, "o": hynix.slug},
    )
    assert result["person"]["country"]["code"] == "KR"
    assert result["person"]["organisations"] == [{"name": "Hynix"}]
    assert result["person"]["articles"]["edges"][0]["node"] == {
        "title": "Seoul story",
        "people": [{"name": "Lee Jae"}],
    }
    assert result["organisation"]["people"] == [{"name": "Lee Jae"}]
    assert result["organisation"]["articles"]["totalCount"] == 1
    assert result["topic"]["articles"]["edges"] == [{"node": {"title": "Seoul story"}}]
    assert result["country"]["people"]["totalCount"] == 1
    assert result["country"]["organisations"]["edges"] == [{"node": {"name": "Hynix"}}]
    assert result["topics"]["totalCount"] == 1
    assert result["people"]["totalCount"] == 1
    assert result["organisations"]["edges"] == [{"node": {"name": "Hynix"}}]
    assert result["countries"]["edges"] == [{"node": {"code": "KR"}}]
    assert result["notMentioned"]["totalCount"] == 248
    assert {e["node"]["code"] for e in result["named"]["edges"]} == {"KR", "KP"}


async def test_node_and_nodes(client: httpx.AsyncClient) -> None:
    kr = await f.country("KR")
    lee = await f.person("Lee Jae", country_code="KR")
    await f.article("Seoul story", entities=[lee, kr], topics=["Tech"])
    ids = await data(
        client,
        "{ articles { edges { node { id topics { id } people { id } countries { id } } } } }",
    )
    node = ids["articles"]["edges"][0]["node"]
    all_ids = [node["id"], node["topics"][0]["id"], node["people"][0]["id"], node["countries"][0]["id"]]
    result = await data(
        client,
        "query($ids: [ID!]!, $one: ID!) { node(id: $one) { id __typename } nodes(ids: $ids) { id __typename } }",
        {"ids": all_ids, "one": all_ids[2]},
    )
    assert result["node"] == {"id": all_ids[2], "__typename": "Person"}
    assert [n["__typename"] for n in result["nodes"]] == ["Article", "Topic", "Person", "Country"]
    assert [n["id"] for n in result["nodes"]] == all_ids


async def test_node_of_a_deleted_object_is_null(client: httpx.AsyncClient) -> None:
    lee = await f.person("Lee Jae")
    result = await data(client, "{ people { edges { node { id } } } }")
    gid = result["people"]["edges"][0]["node"]["id"]
    await lee.delete()
    assert (await data(client, "query($i: ID!) { node(id: $i) { id } }", {"i": gid})) == {"node": None}


async def test_bad_input_is_bad_user_input(client: httpx.AsyncClient) -> None:
    bad_queries = [
        '{ node(id: "not-an-id") { id } }',
        '{ node(id: "QXJ0aWNsZTphYmM") { id } }',  # "Article:abc"
        '{ node(id: "Rm9vOjE") { id } }',  # "Foo:1"
        "{ articles(first: -1) { totalCount } }",
        "{ articles(first: 101) { totalCount } }",
        '{ articles(after: "garbage") { totalCount } }',
        '{ countries(after: "WyJhLSIsIjIwMjQiLDFd") { totalCount } }',  # a cursor of another list
        '{ countries(after: "WyJjbiIsIlgiLCJ5Il0") { totalCount } }',  # ["cn","X","y"]: id not a number
        '{ countries(after: "WyJjbiIsNSw1XQ") { totalCount } }',  # ["cn",5,5]: name not a string
        '{ articles(after: "WyJhLSIsIjIwMjQtMDEtMDEiLDk5OTk5OTk5OTk5XQ") { totalCount } }',  # id out of range
        "{{ nodes(ids: [{}]) {{ id }} }}".format(", ".join(['"Q291bnRyeTox"'] * 101)),
    ]
    for query in bad_queries:
        body = await gql(client, query)
        assert codes(body) == ["BAD_USER_INPUT"], (query, body)
        assert "Traceback" not in str(body)


async def test_first_zero_and_max(client: httpx.AsyncClient) -> None:
    result = await data(
        client, "{ countries(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }"
    )
    assert result["countries"] == {"totalCount": 249, "edges": [], "pageInfo": {"hasNextPage": True}}
    result = await data(client, "{ countries(first: 100) { edges { cursor } } }")
    assert len(result["countries"]["edges"]) == 100
    result = await data(client, "{ countries { edges { cursor } } }")
    assert len(result["countries"]["edges"]) == 20


async def test_name_filters_fold_every_letter(client: httpx.AsyncClient) -> None:
    for needle in ("åland", "ÅLAND", "Åland"):
        result = await data(
            client,
            "query($n: String) { countries(filter: {name: $n}) { edges { node { code } } } }",
            {"n": needle},
        )
        assert [e["node"]["code"] for e in result["countries"]["edges"]] == ["AX"]
