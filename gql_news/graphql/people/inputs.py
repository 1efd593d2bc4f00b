"""Inputs of the person mutations."""

from __future__ import annotations

import strawberry

_ALIASES = "Other names the person is written as; each links the person in articles."
_ORGS = "Global ids of the organisations the person belongs to (replaces the memberships)."


@strawberry.input(
    description="A new person. The slug is made from the name; an existing slug returns that person."
)
class PersonInput:
    name: str = strawberry.field(description="Full name as a newsroom writes it, at most 300 characters.")
    aliases: list[str] = strawberry.field(default_factory=list, description=_ALIASES)
    title: str | None = strawberry.field(default=None, description='Role: "Deputy Foreign Minister".')
    country_code: str | None = strawberry.field(default=None, description="ISO alpha-2 or alpha-3 code.")
    organisation_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description=_ORGS)


@strawberry.input(description="Changes to a person: omitted fields stay; null clears title or country.")
class PersonPatch:
    name: str | None = strawberry.field(
        default=strawberry.UNSET, description="New full name (the slug stays)."
    )
    aliases: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description=f"Replaces the aliases. {_ALIASES}"
    )
    title: str | None = strawberry.field(default=strawberry.UNSET, description="New role; null clears it.")
    country_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="ISO alpha-2 or alpha-3 code; null clears it."
    )
    organisation_ids: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description=_ORGS
    )
