"""Load an entity catalogue (people, organisations, memberships) from JSON, idempotently.

The shipped gql_news/data/catalogue.json holds the entities of the demo article; the same loader
takes any file of that shape. Entities are keyed by slug, so loading twice changes nothing and
editing the file then loading again updates the rows in place (ids, and so mentions, survive).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from gql_news.db import writing
from gql_news.ingest.resources import data_file, read_json
from gql_news.ingest.slugs import make_slug
from gql_news.models import Country, Organisation, Person, PersonOrganisation

_SLUG_MAX = 200
_Entity = TypeVar("_Entity", Organisation, Person)


class CatalogueError(ValueError):
    """The catalogue file is malformed or refers to something that does not exist."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Membership(_Strict):
    organisation: str = Field(min_length=1, description="Name or slug of an organisation.")
    role: str | None = Field(default=None, max_length=300)


class _Organisation(_Strict):
    name: str = Field(min_length=1, max_length=300)
    aliases: tuple[str, ...] = ()
    country: str | None = Field(default=None, min_length=2, max_length=2)


class _Person(_Organisation):
    title: str | None = Field(default=None, max_length=300)
    organisations: tuple[_Membership, ...] = ()


class _Catalogue(_Strict):
    comment: tuple[str, ...] = ()
    organisations: tuple[_Organisation, ...] = ()
    people: tuple[_Person, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogueResult:
    """How many rows of each kind the load inserted or changed (all zero when already loaded)."""

    organisations: int
    people: int
    memberships: int


async def load_catalogue(path: Path | Traversable | None = None) -> CatalogueResult:
    """Upsert the catalogue at `path` (default: the shipped demo catalogue) in one transaction.

    Names, titles and countries are taken from the file; aliases are merged (the file's first,
    then any the database already had), so aliases added through the API survive a reload.
    """
    source = data_file("catalogue.json") if path is None else path
    try:
        catalogue = _Catalogue.model_validate(read_json(source))
    except ValueError as exc:  # JSON syntax and pydantic validation errors alike
        raise CatalogueError(f"{source}: not a valid catalogue: {exc}") from exc
    organisations = _by_slug(catalogue.organisations, "organisation")
    people = _by_slug(catalogue.people, "person")
    async with writing():
        countries = await _country_ids(catalogue)
        org_ids, orgs_changed = await _upsert(
            Organisation, {slug: _fields(org, countries) for slug, org in organisations.items()}
        )
        person_ids, people_changed = await _upsert(
            Person,
            {slug: {**_fields(p, countries), "title": p.title} for slug, p in people.items()},
        )
        memberships_changed = await _upsert_memberships(people, person_ids, org_ids)
    return CatalogueResult(orgs_changed, people_changed, memberships_changed)


def _by_slug(items: tuple[_Organisation, ...], kind: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in items:
        slug = make_slug(item.name, max_length=_SLUG_MAX)
        if not slug:
            raise CatalogueError(f"the {kind} name {item.name!r} has no letter or digit")
        if slug in result:
            raise CatalogueError(f"two {kind} entries share the slug {slug!r} ({item.name!r})")
        result[slug] = item
    return result


async def _country_ids(catalogue: _Catalogue) -> dict[str, int]:
    codes = {item.country.upper() for item in (*catalogue.organisations, *catalogue.people) if item.country}
    found: dict[str, int] = dict(await Country.filter(code__in=sorted(codes)).values_list("code", "id"))
    if unknown := sorted(codes - found.keys()):
        raise CatalogueError(f"unknown country codes {unknown}; load the countries first (load_countries)")
    return found


def _fields(item: _Organisation, countries: Mapping[str, int]) -> dict[str, Any]:
    return {
        "name": item.name,
        "aliases": list(dict.fromkeys(a for a in item.aliases if a and a != item.name)),
        "country_id": countries[item.country.upper()] if item.country else None,
    }


async def _upsert(model: type[_Entity], wanted: dict[str, dict[str, Any]]) -> tuple[dict[str, int], int]:
    """Insert the missing slugs and update the changed ones; returns slug -> id and the change count."""
    if not wanted:
        return {}, 0
    columns = list(next(iter(wanted.values())))
    stored = await model.filter(slug__in=list(wanted)).values_list("slug", "id", *columns)
    ids: dict[str, int] = {}
    changed: list[_Entity] = []
    for slug, pk, *values in stored:
        current: dict[str, Any] = dict(zip(columns, values, strict=True))
        target: dict[str, Any] = dict(wanted[slug])
        target["aliases"] = list(dict.fromkeys([*target["aliases"], *(current["aliases"] or ())]))
        ids[slug] = pk
        if target != current:
            changed.append(model(id=pk, slug=slug, **target))
    missing = [model(slug=slug, **fields) for slug, fields in wanted.items() if slug not in ids]
    if changed:
        await model.bulk_update(changed, fields=columns)
    if missing:
        await model.bulk_create(missing)
        ids.update(await model.filter(slug__in=[m.slug for m in missing]).values_list("slug", "id"))
    return ids, len(changed) + len(missing)


async def _upsert_memberships(
    people: dict[str, _Person], person_ids: dict[str, int], org_ids: dict[str, int]
) -> int:
    """Add the catalogue's memberships and set their roles; memberships it does not list are kept."""
    refs = {make_slug(m.organisation, max_length=_SLUG_MAX) for p in people.values() for m in p.organisations}
    known = dict(org_ids)
    if elsewhere := sorted(refs - known.keys()):  # organisations already in the database
        known.update(await Organisation.filter(slug__in=elsewhere).values_list("slug", "id"))
    wanted: dict[tuple[int, int], str | None] = {}
    for slug, person in people.items():
        for membership in person.organisations:
            org_id = known.get(make_slug(membership.organisation, max_length=_SLUG_MAX))
            if org_id is None:
                raise CatalogueError(
                    f"{person.name!r} belongs to an unknown organisation {membership.organisation!r}"
                )
            wanted[(person_ids[slug], org_id)] = membership.role
    if not wanted:
        return 0
    stored = await PersonOrganisation.filter(person_id__in=sorted({p for p, _ in wanted})).values_list(
        "id", "person_id", "organisation_id", "role"
    )
    have = {(person_id, org_id): (pk, role) for pk, person_id, org_id, role in stored}
    changed = [
        PersonOrganisation(id=have[key][0], person_id=key[0], organisation_id=key[1], role=role)
        for key, role in wanted.items()
        if key in have and have[key][1] != role
    ]
    missing = [
        PersonOrganisation(person_id=key[0], organisation_id=key[1], role=role)
        for key, role in wanted.items()
        if key not in have
    ]
    if changed:
        await PersonOrganisation.bulk_update(changed, fields=["role"])
    if missing:
        await PersonOrganisation.bulk_create(missing)
    return len(changed) + len(missing)
