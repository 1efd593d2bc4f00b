"""Inputs of the organisation mutations."""

from __future__ import annotations

import strawberry

_ALIASES = "Other names the organisation is written as; each links it in articles."


@strawberry.input(
    description="A new organisation. The slug is made from the name; an existing slug returns that organisation."
)
class OrganisationInput:
    name: str = strawberry.field(description="Name as a newsroom writes it, at most 300 characters.")
    aliases: list[str] = strawberry.field(default_factory=list, description=_ALIASES)
    country_code: str | None = strawberry.field(default=None, description="ISO alpha-2 or alpha-3 code.")


@strawberry.input(description="Changes to an organisation: omitted fields stay; null clears the country.")
class OrganisationPatch:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name (the slug stays).")
    aliases: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=f"Replaces the aliases. {_ALIASES}"
    )
    country_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="ISO alpha-2 or alpha-3 code; null clears it."
    )
