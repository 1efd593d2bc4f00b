"""Data builders for tests: real rows through the real models."""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from gql_news.db import committed_hooks
from gql_news.ingest.counts import CountChange
from gql_news.ingest.neighbours import refresh_neighbours
from gql_news.models import (
    Article,
    ArticleTopic,
    Country,
    Mention,
    Organisation,
    Person,
    PersonOrganisation,
    Topic,
)

_seq = itertools.count(1)


def _wrote() -> None:
    """The builders write outside `db.writing()`: tell the response cache as this process's own
    writes do, instead of waiting for the commit's notification (PostgreSQL) to come round."""
    for hook in committed_hooks:
        hook()


async def country(code: str) -> Country:
    return await Country.get(code=code)


async def person(name: str, *, country_code: str | None = None, title: str | None = None) -> Person:
    n = next(_seq)
    home = await country(country_code) if country_code else None
    created = await Person.create(
        slug=f"{name.lower().replace(' ', '-')}-{n}", name=name, title=title, country=home
    )
    _wrote()
    return created


async def organisation(name: str, *, country_code: str | None = None) -> Organisation:
    n = next(_seq)
    home = await country(country_code) if country_code else None
    created = await Organisation.create(slug=f"{name.lower().replace(' ', '-')}-{n}", name=name, country=home)
    _wrote()
    return created


async def topic(name: str) -> Topic:
    topic, _ = await Topic.get_or_create(slug=name.lower(), defaults={"name": name})
    _wrote()
    return topic


async def member(p: Person, o: Organisation, role: str | None = None) -> None:
    await PersonOrganisation.create(person=p, organisation=o, role=role)
    _wrote()


async def article(
    title: str,
    *,
    entities: list[Person | Organisation | Country] = (),  # type: ignore[assignment]
    topics: list[str] = (),  # type: ignore[assignment]
    published: datetime | None = None,
    lead: str | None = None,
) -> Article:
    """An article whose body (`lead`, or the title as a sentence) names each entity once, in
    order, with a mention row for each."""
    n = next(_seq)
    parts: list[str] = [f"{title}." if lead is None else lead]
    spans: list[tuple[Person | Organisation | Country, int, int, str]] = []
    offset = len(parts[0]) + 1
    for entity in entities:
        text = entity.name
        spans.append((entity, offset, offset + len(text), text))
        parts.append(f"{text} said.")
        offset += len(text) + len(" said.") + 1
    body = " ".join(parts)
    when = published or datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=n)
    art = await Article.create(
        slug=f"{title.lower().replace(' ', '-')}-{n}",
        title=title,
        body=body,
        standfirst=body,
        published_at=when,
        content_hash=hashlib.sha256(f"{n}{body}".encode()).hexdigest(),
    )
    for position, name in enumerate(topics):
        await ArticleTopic.create(article=art, topic=await topic(name), position=position)
    for entity, start, end, text in spans:
        assert body[start:end] == text
        kwargs: dict[str, Any] = {type(entity).__name__.lower(): entity}
        await Mention.create(article=art, text=text, start=start, end=end, **kwargs)
    counts = CountChange()  # the maintained counts, as every write path keeps them
    counts.touch([art.id])
    await counts.apply()
    await refresh_neighbours([art.id], fresh=True)  # as the store does after writing mentions
    _wrote()
    return art
