"""Entity candidates end to end: found on import, listed, confirmed (and linked) or dismissed."""

from __future__ import annotations

from typing import Any

import httpx

from gql_news.ingest.catalogue import load_catalogue
from gql_news.models import EntityCandidate, Person
from tests.graphql.helpers import codes, mutate, ok, token_headers

IMPORT = (
    "mutation($t: String!) { importArticle(input: {text: $t}) { id slug"
    " entityCandidates { id text kind cue start end status } } }"
)
LIST = (
    "query($first: Int, $after: String, $status: CandidateStatus! = OPEN) {"
    " entityCandidates(first: $first, after: $after, status: $status) { totalCount"
    " pageInfo { hasNextPage endCursor } edges { node { id text kind status article { slug } } } } }"
)
CONFIRM = (
    "mutation($id: ID!, $kind: CandidateKind, $name: String, $country: String) {"
    " confirmEntityCandidate(id: $id, kind: $kind, name: $name, countryCode: $country) {"
    " id status decidedAt person { slug name aliases country { code } } organisation { slug } } }"
)
DISMISS = "mutation($id: ID!) { dismissEntityCandidate(id: $id) { id status } }"
PEOPLE = "query($s: String!) { article(slug: $s) { body people { slug } mentions { text start end } } }"


def _text(title: str, body: str) -> str:
    return f"{title}\n\nPolitics | June 3, 2024\n\n{body}"


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], title: str, body: str
) -> dict[str, Any]:
    article: dict[str, Any] = ok(await mutate(client, IMPORT, {"t": _text(title, body)}, headers))[
        "importArticle"
    ]
    return article


async def test_unknown_minister_is_a_candidate_and_confirming_links_it(client: httpx.AsyncClient) -> None:
    await load_catalogue()
    headers = await token_headers()
    body = (
        "Belarus hosted talks with Freedonia. Foreign Minister Rufus Firefly said the talks went well. "
        "Firefly added that a treaty would follow.\n\nAleksandr Lukashenko welcomed him."
    )
    article = await _import(client, headers, "Freedonia talks", body)
    (candidate,) = article["entityCandidates"]
    assert candidate["text"] == "Rufus Firefly"
    assert (candidate["kind"], candidate["cue"], candidate["status"]) == ("PERSON", "minister", "OPEN")
    stored_body = ok(await mutate(client, PEOPLE, {"s": article["slug"]}))["article"]["body"]
    assert stored_body[candidate["start"] : candidate["end"]] == "Rufus Firefly"

    listed = ok(await mutate(client, LIST))["entityCandidates"]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"]["article"] == {"slug": article["slug"]}

    confirmed = ok(await mutate(client, CONFIRM, {"id": candidate["id"], "country": "FR"}, headers))
    result = confirmed["confirmEntityCandidate"]
    assert result["status"] == "CONFIRMED"
    assert result["decidedAt"] is not None
    assert result["person"] == {
        "slug": "rufus-firefly",
        "name": "Rufus Firefly",
        "aliases": [],
        "country": {"code": "FR"},
    }
    linked = ok(await mutate(client, PEOPLE, {"s": article["slug"]}))["article"]
    assert [p["slug"] for p in linked["people"]] == ["rufus-firefly", "aleksandr-lukashenko"]
    assert [m["text"] for m in linked["mentions"] if "Firefly" in m["text"]] == ["Rufus Firefly", "Firefly"]
    assert ok(await mutate(client, LIST))["entityCandidates"]["totalCount"] == 0

    # addAlias re-links an older article that wrote the name differently
    older = await _import(client, headers, "Earlier", "Rufus T. Firefly arrived in Minsk.")
    person_id = (await Person.get(slug="rufus-firefly")).id
    from gql_news.graphql.ids import to_global_id

    alias = 'mutation($id: ID!) { addAlias(entityId: $id, alias: "Rufus T. Firefly") { id } }'
    ok(await mutate(client, alias, {"id": to_global_id("Person", person_id)}, headers))
    relinked = ok(await mutate(client, PEOPLE, {"s": older["slug"]}))["article"]
    assert [p["slug"] for p in relinked["people"]] == ["rufus-firefly"]


async def test_confirm_applies_to_every_article_naming_it(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    one = await _import(client, headers, "One", "Energy Minister Ana Petrova said prices fall.")
    two = await _import(client, headers, "Two", "Ana Petrova, the energy minister, resigned.")
    assert [c["text"] for c in one["entityCandidates"]] == ["Ana Petrova"]
    assert [c["text"] for c in two["entityCandidates"]] == ["Ana Petrova"]
    full = {"id": one["entityCandidates"][0]["id"], "name": "Ana Ivanova Petrova"}
    person = ok(await mutate(client, CONFIRM, full, headers))["confirmEntityCandidate"]["person"]
    assert person["slug"] == "ana-ivanova-petrova"
    assert person["aliases"] == ["Ana Petrova"]
    for slug in (one["slug"], two["slug"]):
        article = ok(await mutate(client, PEOPLE, {"s": slug}))["article"]
        assert [p["slug"] for p in article["people"]] == ["ana-ivanova-petrova"]
    statuses = {c.status.value for c in await EntityCandidate.all()}
    assert statuses == {"confirmed"}


async def test_confirm_as_organisation(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    article = await _import(client, headers, "Results", "According to Nordvik Energy, profits rose.")
    (candidate,) = article["entityCandidates"]
    assert candidate["kind"] == "ORGANISATION"
    result = ok(await mutate(client, CONFIRM, {"id": candidate["id"]}, headers))["confirmEntityCandidate"]
    assert result["organisation"] == {"slug": "nordvik-energy"}
    assert result["person"] is None


async def test_dismissed_text_is_not_suggested_again(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    one = await _import(client, headers, "One", "Omar Khayyam said nothing.")
    (candidate,) = one["entityCandidates"]
    dismissed = ok(await mutate(client, DISMISS, {"id": candidate["id"]}, headers))["dismissEntityCandidate"]
    assert dismissed == {"id": candidate["id"], "status": "DISMISSED"}
    two = await _import(client, headers, "Two", "Omar Khayyam said more.")
    assert two["entityCandidates"] == []
    listed = ok(await mutate(client, LIST, {"status": "DISMISSED"}))["entityCandidates"]
    assert [e["node"]["text"] for e in listed["edges"]] == ["Omar Khayyam"]
    assert ok(await mutate(client, LIST))["entityCandidates"]["totalCount"] == 0


async def test_candidate_list_pages_newest_first(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    names = ["Ana Petrova", "Jan Novak", "Kiri Tane"]
    for index, name in enumerate(names):
        await _import(client, headers, f"Story {index}", f"{name} said yes.")
    page = ok(await mutate(client, LIST, {"first": 2}))["entityCandidates"]
    assert page["totalCount"] == 3
    assert [e["node"]["text"] for e in page["edges"]] == ["Kiri Tane", "Jan Novak"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = ok(await mutate(client, LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]}))[
        "entityCandidates"
    ]
    assert [e["node"]["text"] for e in rest["edges"]] == ["Ana Petrova"]
    assert rest["pageInfo"]["hasNextPage"] is False
    node = ok(
        await mutate(
            client,
            "query($id: ID!) { node(id: $id) { id ... on EntityCandidate { text } } }",
            {"id": page["edges"][0]["node"]["id"]},
        )
    )
    assert node["node"]["text"] == "Kiri Tane"


async def test_candidate_mutations_need_auth_and_known_ids(client: httpx.AsyncClient) -> None:
    headers = await token_headers()
    article = await _import(client, headers, "One", "Jan Novak said yes.")
    (candidate,) = article["entityCandidates"]
    assert codes(await mutate(client, DISMISS, {"id": candidate["id"]})) == ["UNAUTHENTICATED"]
    assert codes(await mutate(client, CONFIRM, {"id": candidate["id"]})) == ["UNAUTHENTICATED"]
    from gql_news.graphql.ids import to_global_id

    missing = to_global_id("EntityCandidate", 999_999)
    assert codes(await mutate(client, DISMISS, {"id": missing}, headers)) == ["NOT_FOUND"]
    bad_country = await mutate(client, CONFIRM, {"id": candidate["id"], "country": "ZZ"}, headers)
    assert codes(bad_country) == ["BAD_USER_INPUT"]
    assert bad_country["errors"][0]["extensions"]["field"] == "countryCode"
    assert await Person.all().count() == 0
    assert [c.status.value for c in await EntityCandidate.all()] == ["open"]
