"""What every mentioned entity (person, organisation, country) answers about its place in the
graph: how often it is mentioned, who appears beside it, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from gql_news.graphql.articles.types import Entity, EntityKind
from gql_news.graphql.build import instantiate
from gql_news.graphql.context import Info
from gql_news.graphql.graph.entities import load_entities
from gql_news.graphql.graph.kinds import KINDS, EntityKey, Kind
from gql_news.graphql.graph.pair_sql import row_entity
from gql_news.graphql.graph.timeline import (
    MAX_BUCKETS,
    TIMELINE_DESCRIPTION,
    FromArg,
    IntervalArg,
    TimelineBucket,
    ToArg,
    bucket_count,
    mention_timeline,
)
from gql_news.graphql.pagination import bounded_first
from gql_news.graphql.pipeline import cost
from gql_news.graphql.sql import as_datetime

DEFAULT_CO_MENTIONS = 10
MAX_CO_MENTIONS = 100


@strawberry.type(description="An entity named in the same articles as another, and how often.")
class CoMention:
    count: int = strawberry.field(description="Articles naming both.")
    last_seen: datetime = strawberry.field(description="When the latest article naming both was published.")
    _key: strawberry.Private[EntityKey]

    @strawberry.field(description="The other person, organisation or country.")
    async def entity(self, info: Info) -> Entity:
        found = await load_entities(info, [self._key])
        if not found:  # deleted while the query ran
            raise LookupError("co-mentioned entity vanished")
        return found[0]


@strawberry.interface(
    description="An entity articles mention: a person, organisation or country, and its place in the graph."
)
class Mentioned:
    _pk: strawberry.Private[int]

    def _kind(self) -> Kind:
        """Person, Organisation and Country are named after their `EntityKind` values, as `Node.id`
        is named after the type: one definition of these fields serves all three."""
        return KINDS[type(self).__name__.lower()]

    @strawberry.field(description="How many times articles name it (every linked occurrence).")
    async def mention_count(self, info: Info) -> int:
        return await info.context.loaders.mention_count.load((self._kind().name, self._pk))

    @strawberry.field(description="How many articles name it.")
    async def article_count(self, info: Info) -> int:
        return await info.context.loaders.article_count.load((self._kind().name, self._pk))

    @strawberry.field(
        metadata=cost.by_argument("first"),
        description=(
            "The entities named in the same articles: most shared articles first, then most recently "
            "seen together. The entity itself is left out."
        ),
    )
    async def co_mentioned(
        self,
        info: Info,
        first: Annotated[
            int | None,
            strawberry.argument(
                description=f"How many: 0 to {MAX_CO_MENTIONS}, default {DEFAULT_CO_MENTIONS}."
            ),
        ] = DEFAULT_CO_MENTIONS,
        kind: Annotated[
            EntityKind | None, strawberry.argument(description="Only entities of this kind; null for all.")
        ] = None,
    ) -> list[CoMention]:
        size = bounded_first(first, DEFAULT_CO_MENTIONS, MAX_CO_MENTIONS)
        if size == 0:
            return []
        only = kind.name.lower() if kind is not None else None
        rows = await info.context.loaders.co_mentioned.load((self._kind().name, self._pk, size, only))
        return [
            instantiate(
                CoMention,
                {"_key": row_entity(row), "count": int(row["_n"]), "last_seen": as_datetime(row["_last"])},
            )
            for row in rows
        ]

    @strawberry.field(metadata=cost.computed(bucket_count, MAX_BUCKETS), description=TIMELINE_DESCRIPTION)
    async def mention_timeline(
        self, info: Info, interval: IntervalArg, from_: FromArg = None, to: ToArg = None
    ) -> list[TimelineBucket]:
        return await mention_timeline(info, self._kind().articles, self._pk, interval, from_, to)
