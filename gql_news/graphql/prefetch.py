"""Look-ahead: load what a query selects below a page of objects, before graphql-core walks it.

Each relation level costs one batched statement either way; prefetching lets the relation
fields answer synchronously from `_pre` instead of one coroutine and loader future per object,
which is where a list query spends its time in graphql-core.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from gql_news.graphql.articles.types import Article, Mention
from gql_news.graphql.context import Info
from gql_news.graphql.countries.types import Country
from gql_news.graphql.organisations.types import Organisation
from gql_news.graphql.people.types import Person
from gql_news.graphql.quotes.types import Quote, prefetch_quotes
from gql_news.graphql.selection import Fields, Fragments, sub_fields
from gql_news.graphql.sql import Row
from gql_news.graphql.tables import embedded_country
from gql_news.graphql.topics.types import Topic

Nested = Callable[[Info, Sequence[Any], Fields, Fragments], Awaitable[None]]


async def _fill(
    info: Info,
    parents: Sequence[Any],
    name: str,
    loader: DataLoader[int, list[Row]],
    convert: Callable[[Row], Any],
    nested: Nested | None,
    fields: Fields,
    fragments: Fragments,
) -> None:
    lists = await loader.load_many([parent._pk for parent in parents])
    children: list[Any] = []
    for parent, rows in zip(parents, lists, strict=True):
        converted = [convert(row) for row in rows]
        parent._pre[name] = converted
        children.extend(converted)
    if nested is not None and children and fields:
        await nested(info, children, fields, fragments)


async def prefetch_articles(
    info: Info, articles: Sequence[Article], fields: Fields, fragments: Fragments
) -> None:
    """Fill the selected relations of these articles (and of the people, organisations and
    mentions under them)."""
    if not articles:
        return
    loaders = info.context.loaders
    plan: list[tuple[str, DataLoader[int, list[Row]], Callable[[Row], Any], Nested | None]] = [
        ("people", loaders.people_by_article, Person.from_row, prefetch_people),
        ("countries", loaders.countries_by_article, Country.from_row, None),
        ("organisations", loaders.organisations_by_article, Organisation.from_row, prefetch_organisations),
        ("topics", loaders.topics_by_article, Topic.from_row, None),
        ("mentions", loaders.mentions_by_article, Mention.from_row, _prefetch_mentions),
        ("quotes", loaders.quotes_by_article, Quote.from_row, prefetch_quotes),
    ]
    jobs = [
        _fill(info, articles, name, loader, convert, nested, sub_fields(fields[name], fragments), fragments)
        for name, loader, convert, nested in plan
        if name in fields
    ]
    if "body" in fields or "standfirst" in fields:
        jobs.append(_texts(info, articles))
    await asyncio.gather(*jobs)


async def _texts(info: Info, articles: Sequence[Article]) -> None:
    rows = await info.context.loaders.article_text_by_id.load_many([a._pk for a in articles])
    for article, row in zip(articles, rows, strict=True):
        if row is not None:
            article._pre["text"] = row
            article._pre["body"] = row["body"]
            article._pre["standfirst"] = row["standfirst"]


def _countries(owners: Sequence[Any], fields: Fields) -> None:
    """A person's or organisation's country comes joined into its row: build it when selected."""
    if "country" in fields:
        for owner in owners:
            country = embedded_country(owner._row)
            owner._pre["country"] = Country.from_row(country) if country else None


async def prefetch_people(info: Info, people: Sequence[Any], fields: Fields, fragments: Fragments) -> None:
    _countries(people, fields)
    if "organisations" in fields:
        loader = info.context.loaders.organisations_by_person
        await _fill(info, people, "organisations", loader, Organisation.from_row, None, {}, fragments)


async def prefetch_organisations(
    info: Info, orgs: Sequence[Any], fields: Fields, fragments: Fragments
) -> None:
    if "people" in fields:
        loader = info.context.loaders.people_by_organisation
        await _fill(info, orgs, "people", loader, Person.from_row, None, {}, fragments)


async def _prefetch_mentions(
    info: Info, mentions: Sequence[Any], fields: Fields, fragments: Fragments
) -> None:
    if "entity" not in fields:
        return
    loaders = info.context.loaders
    kinds: list[tuple[str, DataLoader[int, Row | None], Callable[[Row], Any]]] = [
        ("person_id", loaders.person_by_id, Person.from_row),
        ("organisation_id", loaders.organisation_by_id, Organisation.from_row),
        ("country_id", loaders.country_by_id, Country.from_row),
    ]

    async def fill(column: str, loader: DataLoader[int, Row | None], convert: Callable[[Row], Any]) -> None:
        wanted = [m for m in mentions if m._row[column] is not None]
        rows = await loader.load_many([m._row[column] for m in wanted])
        for mention, row in zip(wanted, rows, strict=True):
            if row is not None:
                mention._pre["entity"] = convert(row)

    await asyncio.gather(*(fill(column, loader, convert) for column, loader, convert in kinds))
