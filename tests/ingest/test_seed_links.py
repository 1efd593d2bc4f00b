"""The seed article, linked against the shipped catalogue: the exact entities and every span.

Expected offsets are found here with str.find, in reading order, not copied from the linker.
"""

from __future__ import annotations

import pytest

from gql_news.ingest.catalogue import load_catalogue
from gql_news.ingest.demo import seed_articles
from gql_news.ingest.linker import LinkedMention, build_gazetteer, find_mentions
from gql_news.ingest.store import store_article
from gql_news.models import Article, Country, Mention, Organisation, Person
from gql_news.settings import Settings

DAPKIUNAS = ("person", "andrei-dapkiunas")
LUKASHENKO = ("person", "aleksandr-lukashenko")
POPKOV = ("person", "sergey-popkov")
BY = ("country", "BY")
KR = ("country", "KR")
HYNIX = ("organisation", "sk-hynix")
CENTER = ("organisation", "belarus-korea-it-cooperation-center")
COMMITTEE = ("organisation", "joint-belarus-korea-committee-on-science-and-technology")
FORUM = ("organisation", "belarus-korea-e-government-cooperation-forum")
EMBASSY = ("organisation", "embassy-of-south-korea-in-minsk")

# (entity, words as written), in the order they appear in the body.
EXPECTED = [
    (DAPKIUNAS, "Andrei Dapkiunas"),
    (BY, "Belarus"),
    (KR, "South Korean"),
    (KR, "South Korea"),
    (DAPKIUNAS, "Dapkiunas"),
    (BY, "Belarus"),
    (BY, "Belarus"),
    (DAPKIUNAS, "Dapkiunas"),
    (KR, "Korea"),
    (HYNIX, "SK Hynix"),
    (CENTER, "Belarus-Korea IT Cooperation Center"),
    (DAPKIUNAS, "Dapkiunas"),
    (BY, "Belarus"),
    (KR, "South Korean"),
    (COMMITTEE, "Joint Belarus-Korea Committee on Science and Technology"),
    (FORUM, "Belarus-Korea E-Government Cooperation Forum"),
    (BY, "Belarus"),
    (KR, "Korea"),
    (BY, "Belarus"),
    (EMBASSY, "Korean Embassy in Minsk"),
    (BY, "Belarus"),
    (LUKASHENKO, "Aleksandr Lukashenko"),
    (BY, "Belarus"),
    (POPKOV, "Sergey Popkov"),
    (KR, "South Korean"),
]


def _expected_spans(body: str) -> list[tuple[tuple[str, str], str, int, int]]:
    spans = []
    position = 0
    for entity, words in EXPECTED:
        start = body.find(words, position)
        assert start >= 0, words
        spans.append((entity, words, start, start + len(words)))
        position = start + len(words)
    return spans


async def _keys() -> dict[tuple[str, int], tuple[str, str]]:
    """(kind, id) -> (kind, slug or country code), to compare by stable names rather than ids."""
    keys: dict[tuple[str, int], tuple[str, str]] = {}
    for pk, slug in await Person.all().values_list("id", "slug"):
        keys[("person", pk)] = ("person", slug)
    for pk, slug in await Organisation.all().values_list("id", "slug"):
        keys[("organisation", pk)] = ("organisation", slug)
    for pk, code in await Country.all().values_list("id", "code"):
        keys[("country", pk)] = ("country", code)
    return keys


def test_expected_spans_cover_each_word_once() -> None:
    body = seed_articles()[0].body
    spans = _expected_spans(body)
    assert len(spans) == 25
    assert all(body[start:end] == words for _, words, start, end in spans)


async def test_linker_finds_exactly_the_expected_mentions(db_session: Settings) -> None:
    await load_catalogue()
    body = seed_articles()[0].body
    mentions = find_mentions(body, await build_gazetteer())
    keys = await _keys()
    found = [(keys[(m.kind, m.entity_id)], m.text, m.start, m.end) for m in mentions]
    assert found == _expected_spans(body)
    assert all(body[m.start : m.end] == m.text for m in mentions)


async def test_stored_seed_has_the_expected_entity_set_and_mentions(db_session: Settings) -> None:
    await load_catalogue()
    parsed = seed_articles()[0]
    result = await store_article(parsed)
    rows = (
        await Mention.filter(article_id=result.article_id)
        .order_by("start")
        .values_list("text", "start", "end", "person__slug", "organisation__slug", "country__code")
    )
    found = []
    for text, start, end, person, organisation, country in rows:
        entity = (
            ("person", person)
            if person
            else ("organisation", organisation)
            if organisation
            else ("country", country)
        )
        found.append((entity, text, start, end))
    assert found == _expected_spans(parsed.body)
    assert {entity for entity, *_ in found} == {
        DAPKIUNAS,
        LUKASHENKO,
        POPKOV,
        BY,
        KR,
        HYNIX,
        CENTER,
        COMMITTEE,
        FORUM,
        EMBASSY,
    }
    body = await Article.get(id=result.article_id).values_list("body", flat=True)
    assert all(body[start:end] == text for _, text, start, end in found)


@pytest.mark.parametrize(
    "text", ["Korea", "Korean", "South Korean", "South Koreans", "Korea’s", "Republic of Korea"]
)
async def test_korea_forms_link_to_south_korea(db_session: Settings, text: str) -> None:
    mentions = find_mentions(f"Seen from {text} today.", await build_gazetteer())
    korea = await Country.get(code="KR")
    assert [(m.kind, m.entity_id) for m in mentions] == [("country", korea.id)]
    assert mentions[0].text == text.removesuffix("’s")


async def test_north_korea_is_only_named_as_such(db_session: Settings) -> None:
    text = "North Korean and North Korea, but Korean."
    gazetteer = await build_gazetteer()
    north, south = await Country.get(code="KP"), await Country.get(code="KR")
    assert [(m.text, m.entity_id) for m in find_mentions(text, gazetteer)] == [
        ("North Korean", north.id),
        ("North Korea", north.id),
        ("Korean", south.id),
    ]


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Lukashenko said so before Aleksandr Lukashenko signed.", ["Aleksandr Lukashenko"]),
        ("Aleksandr Lukashenko signed; Lukashenko said so.", ["Aleksandr Lukashenko", "Lukashenko"]),
        ("Alexander Lukashenko signed; Lukashenko said so.", ["Alexander Lukashenko", "Lukashenko"]),
        (
            "Dapkiunas said. Andrei Dapkiunas then said, and Dapkiunas added.",
            ["Andrei Dapkiunas", "Dapkiunas"],
        ),
        ("Popkov and Dapkiunas met Lukashenko.", []),
    ],
)
async def test_surname_alone_only_after_a_full_mention(
    db_session: Settings, text: str, linked: list[str]
) -> None:
    await load_catalogue()
    mentions: list[LinkedMention] = find_mentions(text, await build_gazetteer())
    assert [m.text for m in mentions if m.kind == "person"] == linked
    if linked:
        assert mentions[-1].start == text.rindex(linked[-1])
