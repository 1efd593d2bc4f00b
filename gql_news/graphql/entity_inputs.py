"""Turning person and organisation inputs into the ingest layer's EntityInput.

Patches distinguish an omitted field (kept) from an explicit null (cleared, where the field
may be empty).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry

from gql_news.graphql.errors import BadUserInput
from gql_news.graphql.writes import node_pk
from gql_news.ingest.entities import EntityInput


def given(value: Any) -> bool:
    return value is not strawberry.UNSET


def organisation_pks(ids: Sequence[strawberry.ID]) -> list[int]:
    return [node_pk(i, ("Organisation",), field="organisationIds")[1] for i in ids]


def entity_input(
    *,
    name: Any,
    aliases: Any,
    country_code: Any,
    title: Any = strawberry.UNSET,
    organisation_ids: Any = strawberry.UNSET,
) -> EntityInput:
    """An EntityInput from input fields that may be UNSET (omitted) or None (null)."""
    if name is None:
        raise BadUserInput("`name` cannot be null; omit it to keep it.", field="name")
    clear = frozenset(
        api
        for api, value in (("title", title), ("countryCode", country_code))
        if given(value) and value is None
    )
    return EntityInput(
        name=name if given(name) else None,
        aliases=(aliases or []) if given(aliases) else None,
        title=title if given(title) else None,
        country_code=country_code if given(country_code) else None,
        organisation_ids=(organisation_pks(organisation_ids or []) if given(organisation_ids) else None),
        clear=clear,
    )
