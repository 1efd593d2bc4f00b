"""Full-text search through GraphQL, the same assertions on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gql_news.ingest.demo import load_demo
from gql_news.models import Article, Mention, Person
from tests import factories as f
from tests.graphql.helpers import codes, data, for_one_and_fifty, gql, mutate, token_headers

SEED_TITLE = "Belarus Encourages Korean Investors Interested In Blockchain"

SEARCH = """
query($q: String!, $first: Int, $after: String) {
  search(query: $q, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor score snippet node { title } }
  }
}
"""


async def search(client: httpx.AsyncClient, q: str, first: int = 20, after: str | None = None) -> Any:
    result = await data(client, SEARCH, {"q": q, "first": first, "after": after})
    return result["search"]


def titles(result: Any) -> list[str]:
    return [edge["node"]["title"] for edge in result["edges"]]


async def _fixture_set() -> None:
    """Articles around the seed: each shares some words with it, none all of them."""
    by = await f.country("BY")
    kr = await f.country("KR")
    lukashenko = await f.person("Aleksandr Lukashenko", country_code="BY")
    lukashenko.aliases = ["Alexander Lukashenko", "Alyaksandr Lukashenka"]
    await lukashenko.save()
    hynix = await f.organisation("SK Hynix", country_code="KR")
    await f.article(
        "Potash Exports Slump",
        lead="Belarus sold less potash this year as prices fell and interest in new mines waned.",
        entities=[by],
    )
    await f.article(
        "Seoul Start-ups Bet On Distributed Ledgers",
        lead="Korean founders say blockchain tools will reshape payments; interest rates stay high.",
        entities=[kr, hynix],
    )
    await f.article(
        "Minsk Decree Revisited",
        lead="A year after the decree, lawyers in Minsk still argue about what it allows.",
        entities=[lukashenko],
    )
    await f.article("Zeppelin Returns To Friedrichshafen", lead="An airship crossed Lake Constance at dawn.")
    await f.article(
        "Lake Constance Ferry Timetable", lead="Ferries run hourly; a zeppelin flight is sold separately."
    )
    await f.article(
        "Central Bank Holds Interest Rates",
        lead="The central bank kept interest rates unchanged, citing inflation.",
    )
    await f.article(
        "Script Kiddies",
        lead='A forum post read <script>alert("pwned")</script> & "quoted" text about an exploit.',
    )
    await f.article("Accents Everywhere", lead="Protests against Lukašenka in Hrodna and Brest.")


@pytest.fixture
async def fixture_set(uncached_client: httpx.AsyncClient) -> httpx.AsyncClient:
    assert await load_demo()
    await _fixture_set()
    return uncached_client


async def test_seed_article_first_for_blockchain_belarus(fixture_set: httpx.AsyncClient) -> None:
    result = await search(fixture_set, "blockchain Belarus")
    assert titles(result)[0] == SEED_TITLE
    assert result["totalCount"] == len(result["edges"]) >= 1
    snippet = result["edges"][0]["snippet"]
    assert "<mark>" in snippet
    assert {w.lower() for w in _marked(snippet)} <= {"blockchain", "belarus"}
    scores = [edge["score"] for edge in result["edges"]]
    assert scores == sorted(scores, reverse=True)


def _marked(snippet: str) -> list[str]:
    out = []
    for piece in snippet.split("<mark>")[1:]:
        out.append(piece.split("</mark>")[0])
    return out


@pytest.mark.parametrize(
    ("query", "top", "count"),
    [
        ("blockchain", SEED_TITLE, 2),
        ("Investors", SEED_TITLE, 1),
        ("potash", "Potash Exports Slump", 1),
        ("zeppelin", "Zeppelin Returns To Friedrichshafen", 2),  # the title beats the body
        ('"interest rates"', "Central Bank Holds Interest Rates", 2),
        ("interest rates -Korean", "Central Bank Holds Interest Rates", 1),
        ("airship or potash", "Potash Exports Slump", 2),  # a title match, then a body match
        ("Minsk decree", "Minsk Decree Revisited", 2),
        ("exploit", "Script Kiddies", 1),
    ],
)
async def test_same_top_result_on_both_databases(
    fixture_set: httpx.AsyncClient, query: str, top: str, count: int
) -> None:
    result = await search(fixture_set, query)
    assert titles(result)[0] == top, titles(result)
    assert result["totalCount"] == count, titles(result)


async def test_phrase_exclusion_and_alternatives(fixture_set: httpx.AsyncClient) -> None:
    # The words apart match, the phrase only where they are adjacent and in order.
    assert len(titles(await search(fixture_set, "rates interest"))) == 2
    assert titles(await search(fixture_set, '"rates interest"')) == []
    assert titles(await search(fixture_set, "blockchain -Belarus")) == [
        "Seoul Start-ups Bet On Distributed Ledgers"
    ]
    assert titles(await search(fixture_set, 'blockchain -"Belarus Encourages"')) == [
        "Seoul Start-ups Bet On Distributed Ledgers"
    ]
    either = set(titles(await search(fixture_set, "potash OR airship")))
    assert either == {"Potash Exports Slump", "Zeppelin Returns To Friedrichshafen"}
    # An unclosed quote runs to the end of the query.
    assert titles(await search(fixture_set, '"interest rates'))[0] == "Central Bank Holds Interest Rates"


async def test_entity_names_and_aliases_match(fixture_set: httpx.AsyncClient) -> None:
    # "Alexander" appears in no article text: only as an alias of the person two articles link.
    found = set(titles(await search(fixture_set, '"Alexander Lukashenko"')))
    assert found == {SEED_TITLE, "Minsk Decree Revisited"}
    # SK Hynix is linked by the Seoul article, whose text never names it.
    assert "Seoul Start-ups Bet On Distributed Ledgers" in titles(await search(fixture_set, "Hynix"))


async def test_documents_follow_alias_rename_and_relink(uncached_client: httpx.AsyncClient) -> None:
    person = await f.person("Rufus Firefly")
    article = await f.article("Freedonia Votes", lead="The vote was close.", entities=[person])
    assert titles(await search(uncached_client, "Firefly")) == ["Freedonia Votes"]
    assert titles(await search(uncached_client, "Hackenbush")) == []

    await Person.filter(id=person.id).update(aliases=["Hugo Hackenbush"])
    assert titles(await search(uncached_client, "Hackenbush")) == ["Freedonia Votes"]
    await Person.filter(id=person.id).update(name="Rufus T. Firefly", aliases=[])
    assert titles(await search(uncached_client, "Hackenbush")) == []

    await Mention.filter(article=article).delete()  # unlinked: only the article's own words remain
    assert titles(await search(uncached_client, "Firefly")) == ["Freedonia Votes"]  # still in the body
    assert titles(await search(uncached_client, '"Rufus T"')) == ["Freedonia Votes"]
    await Article.filter(id=article.id).update(
        title="Freedonia Elects", body="No names here.", standfirst=None
    )
    assert titles(await search(uncached_client, "Firefly")) == []
    assert titles(await search(uncached_client, "elects")) == ["Freedonia Elects"]
    await Article.filter(id=article.id).delete()
    assert titles(await search(uncached_client, "elects")) == []


async def test_snippet_is_escaped_html_with_only_mark_tags(fixture_set: httpx.AsyncClient) -> None:
    result = await search(fixture_set, "forum exploit")
    snippet = result["edges"][0]["snippet"]
    assert "<script>" not in snippet  # escaped (SQLite) or dropped as markup (PostgreSQL's parser)
    assert "alert(&quot;pwned&quot;)" in snippet
    assert "&amp;" in snippet
    assert "&quot;" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    assert [w.lower() for w in _marked(snippet)] == ["forum", "exploit"]


async def test_accents_and_case_are_ignored(fixture_set: httpx.AsyncClient) -> None:
    assert titles(await search(fixture_set, "LUKASENKA")) == ["Accents Everywhere"]
    assert titles(await search(fixture_set, "lukašenka")) == ["Accents Everywhere"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        "-",
        "--",
        "or",
        "OR or",
        "the",
        "the of and",
        "-potash",
        "-potash or -zeppelin",
        '""',
        '"',
    ],
)
async def test_nothing_to_look_for_is_bad_user_input(uncached_client: httpx.AsyncClient, query: str) -> None:
    body = await gql(uncached_client, SEARCH, {"q": query})
    assert codes(body) == ["BAD_USER_INPUT"], body
    assert body["data"] is None


async def test_absurd_input_never_fails(fixture_set: httpx.AsyncClient) -> None:
    too_long = await gql(fixture_set, SEARCH, {"q": "blockchain " * 1000})
    assert codes(too_long) == ["BAD_USER_INPUT"]
    nul = await gql(fixture_set, SEARCH, {"q": "block\x00chain"})
    assert codes(nul) == ["BAD_USER_INPUT"]
    odd = [
        'NEAR(blockchain belarus, 2) AND title: potash * ^ "',
        "blockchain) OR (belarus",
        "col:potash {title body}: potash",
        "potash'; DROP TABLE article; --",
        "!potash & (zeppelin | airship) <-> :*",
        "\u202epotash\u200b \U0001f600 ＰＯＴＡＳＨ",
        '"""potash""" -"-" or "or"',
        "potash " + "-x " * 30,
    ]
    for query in odd:
        body = await gql(fixture_set, SEARCH, {"q": query})
        assert codes(body) in ([], ["BAD_USER_INPUT"]), (query, body)
        assert body.get("data") is None or isinstance(body["data"]["search"]["edges"], list)
    # Words are words: the quote and the SQL in a query are searched for, never executed.
    assert titles(await search(fixture_set, "potash'; DROP TABLE article; --")) == []
    assert titles(await search(fixture_set, "potash")) == ["Potash Exports Slump"]


async def test_pages_walk_the_ranking_without_gaps_or_repeats(uncached_client: httpx.AsyncClient) -> None:
    for i in range(7):
        await f.article(f"Harbour Report {i}", lead=" ".join(["harbour"] * (i % 3 + 1)) + " news.")
    whole = await search(uncached_client, "harbour", first=100)
    assert whole["totalCount"] == 7
    walked: list[str] = []
    after = None
    while True:
        page = await search(uncached_client, "harbour", first=3, after=after)
        assert page["totalCount"] == 7
        walked += titles(page)
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert walked == titles(whole)
    bad = await gql(uncached_client, SEARCH, {"q": "harbour", "after": "bm90IGEgY3Vyc29y"})
    assert codes(bad) == ["BAD_USER_INPUT"]
    dated = await data(uncached_client, "{ articles(first: 1) { pageInfo { endCursor } } }")
    wrong_list = await gql(
        uncached_client, SEARCH, {"q": "harbour", "after": dated["articles"]["pageInfo"]["endCursor"]}
    )
    assert codes(wrong_list) == ["BAD_USER_INPUT"]


FILTERED = """
query($text: String!, $order: ArticleOrder!, $country: String) {
  articles(filter: {text: $text, country: $country}, orderBy: $order) {
    totalCount edges { node { title } }
  }
  country(code: "BY") { articles(filter: {text: $text}) { totalCount edges { node { title } } } }
}
"""


async def test_article_filter_text_on_every_article_list(fixture_set: httpx.AsyncClient) -> None:
    ranked = await data(fixture_set, FILTERED, {"text": "Belarus blockchain or potash", "order": "RELEVANCE"})
    assert [e["node"]["title"] for e in ranked["articles"]["edges"]] == titles(
        await search(fixture_set, "Belarus blockchain or potash")
    )
    newest = await data(fixture_set, FILTERED, {"text": "interest", "order": "PUBLISHED_AT_DESC"})
    assert newest["articles"]["totalCount"] == 4
    assert (
        next(e["node"]["title"] for e in newest["articles"]["edges"]) == "Central Bank Holds Interest Rates"
    )
    in_belarus = await data(
        fixture_set, FILTERED, {"text": "interest", "order": "RELEVANCE", "country": "by"}
    )
    assert {e["node"]["title"] for e in in_belarus["articles"]["edges"]} == {
        SEED_TITLE,
        "Potash Exports Slump",
    }
    nested = in_belarus["country"]["articles"]
    assert nested["totalCount"] == 2
    assert {e["node"]["title"] for e in nested["edges"]} == {SEED_TITLE, "Potash Exports Slump"}
    bad = await gql(fixture_set, FILTERED, {"text": " the ", "order": "RELEVANCE"})
    assert codes(bad) == ["BAD_USER_INPUT"]


async def test_many_parents_each_get_their_matching_articles(fixture_set: httpx.AsyncClient) -> None:
    query = (
        '{ countries(first: 100, filter: {mentioned: true}) { edges { node { code articles(first: 5, filter: {text: "interest"})'
        " { totalCount edges { node { title } } } } } } }"
    )
    result = await data(fixture_set, query)
    by_code = {e["node"]["code"]: e["node"]["articles"] for e in result["countries"]["edges"]}
    assert by_code["BY"]["totalCount"] == 2
    assert by_code["KR"]["totalCount"] == 2  # the seed and the Seoul article
    assert {e["node"]["title"] for e in by_code["KR"]["edges"]} == {
        SEED_TITLE,
        "Seoul Start-ups Bet On Distributed Ledgers",
    }


NESTED_SEARCH = """
query($n: Int!) {
  search(query: "story", first: $n) {
    totalCount
    edges { score snippet node { title people { name country { code } } countries { code } } }
  }
}
"""


async def test_search_statement_count_is_constant(uncached_client: httpx.AsyncClient) -> None:
    by = await f.country("BY")

    async def make(n: int) -> None:
        for i in range(n):
            person = await f.person(f"Reporter {i}", country_code="BY")
            await f.article(f"Story {i}", entities=[person, by])

    small, large, one, fifty = await for_one_and_fifty(uncached_client, NESTED_SEARCH, make)
    assert len(small["search"]["edges"]) == 1
    edges = large["search"]["edges"]
    assert len(edges) == 50
    assert large["search"]["totalCount"] == 50
    assert all(e["node"]["people"][0]["country"]["code"] == "BY" and "<mark>" in e["snippet"] for e in edges)
    # page (with the count), snippets, people (their countries joined in), countries
    assert len(one) == len(fifty) == 4, "\n".join(s[:90] for s in [*one, "----", *fifty])


async def test_an_alias_added_through_the_api_is_searchable_at_once(
    uncached_client: httpx.AsyncClient,
) -> None:
    person = await f.person("Andrei Dapkiunas", country_code="BY")
    await f.article("Minister Visits Seoul", lead="The minister spoke to investors.", entities=[person])
    assert titles(await search(uncached_client, "Dapkiunas")) == ["Minister Visits Seoul"]
    assert titles(await search(uncached_client, "Andrius")) == []
    found = await data(uncached_client, '{ people(filter: {name: "dapkiunas"}) { edges { node { id } } } }')
    person_id = found["people"]["edges"][0]["node"]["id"]
    body = await mutate(
        uncached_client,
        'mutation($id: ID!) { addAlias(entityId: $id, alias: "Andrius Dapkiunas") { id } }',
        {"id": person_id},
        headers=await token_headers(),
    )
    assert "errors" not in body, body
    assert titles(await search(uncached_client, '"Andrius Dapkiunas"')) == ["Minister Visits Seoul"]


FACETED = """
query($order: ArticleOrder!) {
  articles(first: 1, filter: {text: "interest"}, orderBy: $order) {
    totalCount
    facets { countries { country { code } count } }
  }
}
"""


@pytest.mark.parametrize("order", ["RELEVANCE", "PUBLISHED_AT_DESC"])
async def test_facets_count_the_text_filtered_list(fixture_set: httpx.AsyncClient, order: str) -> None:
    result = (await data(fixture_set, FACETED, {"order": order}))["articles"]
    assert result["totalCount"] == 4
    counts = {c["country"]["code"]: c["count"] for c in result["facets"]["countries"]}
    assert counts == {"BY": 2, "KR": 2}  # the seed and the potash article; the seed and Seoul
