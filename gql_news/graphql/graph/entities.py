"""Entity objects for (kind, id) keys, through the per-request by-id loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from gql_news.graphql.context import Info
from gql_news.graphql.graph.kinds import EntityKey

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.organisations.types import Organisation
    from gql_news.graphql.people.types import Person

EntityObject: TypeAlias = "Person | Organisation | Country"


async def load_entities(info: Info, keys: Sequence[EntityKey]) -> list[EntityObject]:
    """The entities of `keys` in their order, one batched statement per kind; rows deleted while
    the query ran are left out."""
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.organisations.types import Organisation
    from gql_news.graphql.people.types import Person

    loaders = info.context.loaders
    plan: dict[str, tuple[Any, Any]] = {
        "person": (loaders.person_by_id, Person.from_row),
        "organisation": (loaders.organisation_by_id, Organisation.from_row),
        "country": (loaders.country_by_id, Country.from_row),
    }
    wanted = {kind: [pk for k, pk in keys if k == kind] for kind in plan}
    kinds = [kind for kind in plan if wanted[kind]]
    loaded = await asyncio.gather(*(plan[kind][0].load_many(wanted[kind]) for kind in kinds))
    objects: dict[EntityKey, EntityObject] = {}
    for kind, rows in zip(kinds, loaded, strict=True):
        for row in rows:
            if row is not None:
                objects[(kind, row["id"])] = plan[kind][1](row)
    return [objects[key] for key in keys if key in objects]
