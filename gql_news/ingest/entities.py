"""Create, edit and delete people and organisations, and keep every article's links right.

Shared by the GraphQL mutations and anything else that edits the catalogue. Each call is one
transaction: the row change and the re-linking of the articles that name the entity happen
together or not at all.

- An entity is identified by its slug (from its name, never changed afterwards, so links to it
  stay valid); creating a name whose slug exists returns the existing entity unchanged.
  Concurrent creates of one name leave one row: the unique slug decides, and the loser reads
  the winner's row after its own transaction rolled back.
- A name or alias may name one entity only. The linker links nothing where a form names two
  (better no link than a wrong one), so a clash would silently unlink both: it is refused.
- Articles to re-link are those whose body contains one of the entity's forms, old or new
  (`articles_naming`); only they can gain or lose a mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tortoise import connections
from tortoise.exceptions import IntegrityError

from gql_news.events.publish import write_transaction
from gql_news.ingest.counts import CountChange, entity_articles
from gql_news.ingest.errors import InputError, MissingError
from gql_news.ingest.linker import (
    current_gazetteer,
    entities_named,
    lock_catalogue_version,
    note_catalogue_edit,
)
from gql_news.ingest.parser import collapse
from gql_news.ingest.slugs import make_slug
from gql_news.ingest.store import relink_articles
from gql_news.models import Country, Organisation, Person, PersonOrganisation

EntityType = Literal["person", "organisation"]
_Model = type[Person] | type[Organisation]

NAME_MAX = 300
SLUG_MAX = 200
ALIASES_MAX = 50
_MODELS: dict[EntityType, _Model] = {"person": Person, "organisation": Organisation}
_ATTEMPTS = 3


class _SlugTaken(Exception):
    """A concurrent writer created the same slug between our look-up and our insert."""


@dataclass(frozen=True, slots=True)
class EntityInput:
    """Fields of a person or organisation; None leaves a field as it is on update."""

    name: str | None = None
    aliases: Sequence[str] | None = None
    title: str | None = None  # people only
    country_code: str | None = None  # alpha-2 or alpha-3; "" clears it on update
    organisation_ids: Sequence[int] | None = None  # people only: replaces the memberships
    clear: frozenset[str] = field(default_factory=frozenset)  # fields explicitly set to null


@dataclass(frozen=True, slots=True)
class EntityResult:
    entity_id: int
    created: bool
    relinked_articles: int = 0


def _name(value: str, input_field: str) -> str:
    name = collapse(value)
    if not name:
        raise InputError(input_field, f"The {input_field} is empty.")
    if len(name) > NAME_MAX:
        raise InputError(input_field, f"The {input_field} is longer than {NAME_MAX} characters.")
    if not make_slug(name):
        raise InputError(input_field, f"The {input_field} {name[:40]!r} has no letter or digit.")
    return name


def clean_aliases(values: Iterable[str], name: str, input_field: str = "aliases") -> list[str]:
    aliases = [_name(value, input_field) for value in values]
    unique = list(dict.fromkeys(a for a in aliases if a != name))
    if len(unique) > ALIASES_MAX:
        raise InputError(input_field, f"At most {ALIASES_MAX} aliases, got {len(unique)}.")
    return unique


async def country_id(code: str | None) -> int | None:
    """The id of the country with this alpha-2 or alpha-3 code (any case); None for None or ""."""
    if not code or not code.strip():
        return None
    value = code.strip().upper()
    # Only a two- or three-letter value can be a code; asking the ORM about any other length
    # fails its max_length check instead of finding nothing (and upper() may lengthen: "ß" -> "SS").
    column = {2: "code", 3: "alpha3"}.get(len(value))
    found = await Country.filter(**{column: value}).values_list("id") if column else []
    if not found:
        raise InputError("countryCode", f"{code[:10]!r} is not an ISO 3166-1 alpha-2 or alpha-3 code.")
    return int(found[0][0])


async def create_entity(kind: EntityType, data: EntityInput) -> EntityResult:
    """Create the person or organisation, or return the one with the same slug unchanged."""
    if data.name is None:
        raise InputError("name", "A name is required.")
    name = _name(data.name, "name")
    slug = make_slug(name, max_length=SLUG_MAX)
    for _attempt in range(_ATTEMPTS):
        existing = await _MODELS[kind].filter(slug=slug).values_list("id")
        if existing:
            return EntityResult(int(existing[0][0]), created=False)
        try:
            return await _create(kind, slug, name, data)
        except (IntegrityError, _SlugTaken):
            continue  # a concurrent create of the same slug won: read its row
    raise InputError("name", f"Could not create {name!r}: the {kind} keeps changing concurrently.")


async def _create(kind: EntityType, slug: str, name: str, data: EntityInput) -> EntityResult:
    aliases = clean_aliases(data.aliases or (), name)
    title = _title(data.title) if kind == "person" else None
    async with write_transaction():
        version = await lock_catalogue_version()
        home = await country_id(data.country_code)
        try:
            await _refuse_clashes(kind, None, [name, *aliases])
        except InputError:
            if await _MODELS[kind].filter(slug=slug).exists():
                raise _SlugTaken from None  # created since we looked: it is ours to return
            raise
        if kind == "person":
            row: Person | Organisation = await Person.create(
                slug=slug, name=name, aliases=aliases, title=title, country_id=home
            )
            await _set_memberships(row.id, data.organisation_ids or ())
        else:
            row = await Organisation.create(slug=slug, name=name, aliases=aliases, country_id=home)
        await note_catalogue_edit(version, [(kind, row.id)])
        relinked = await _relink([name, *aliases])
    return EntityResult(row.id, created=True, relinked_articles=relinked)


async def update_entity(kind: EntityType, entity_id: int, data: EntityInput) -> EntityResult:
    """Change the given fields (the slug stays) and re-link the articles naming it before or after."""
    model = _MODELS[kind]
    async with write_transaction():
        version = await lock_catalogue_version()
        row = await model.get_or_none(id=entity_id)
        if row is None:
            raise MissingError("id", f"No {kind} has this id.")
        before = [row.name, *(row.aliases or ())]
        if data.name is not None:
            row.name = _name(data.name, "name")
        if data.aliases is not None:
            row.aliases = clean_aliases(data.aliases, row.name)
        else:
            row.aliases = [a for a in row.aliases or () if a != row.name]
        if data.country_code is not None or "countryCode" in data.clear:
            row.country_id = await country_id(data.country_code)
        if isinstance(row, Person):
            if data.title is not None or "title" in data.clear:
                row.title = _title(data.title)
            if data.organisation_ids is not None:
                await _set_memberships(row.id, data.organisation_ids)
        after = [row.name, *row.aliases]
        await _refuse_clashes(kind, row.id, after)
        await row.save()
        await note_catalogue_edit(version, [(kind, row.id)])
        relinked = await _relink(before + after) if before != after else 0
    return EntityResult(row.id, created=False, relinked_articles=relinked)


async def add_alias(kind: EntityType, entity_id: int, alias: str) -> EntityResult:
    """Add one alias and link it in every article that uses it."""
    model = _MODELS[kind]
    async with write_transaction():
        version = await lock_catalogue_version()
        row = await model.get_or_none(id=entity_id)
        if row is None:
            raise MissingError("entityId", f"No {kind} has this id.")
        value = _name(alias, "alias")
        if value == row.name or value in (row.aliases or ()):
            return EntityResult(row.id, created=False)
        await _refuse_clashes(kind, row.id, [value], input_field="alias")
        row.aliases = [*(row.aliases or ()), value]
        await row.save(update_fields=["aliases"])
        await note_catalogue_edit(version, [(kind, row.id)])
        relinked = await _relink([value])
    return EntityResult(row.id, created=False, relinked_articles=relinked)


async def delete_entity(kind: EntityType, entity_id: int) -> int:
    """Delete it (its mentions go with it) and re-link the articles that named it; returns
    how many articles were re-linked."""
    model = _MODELS[kind]
    async with write_transaction():
        version = await lock_catalogue_version()
        row = await model.get_or_none(id=entity_id)
        if row is None:
            raise MissingError("id", f"No {kind} has this id.")
        forms = [row.name, *(row.aliases or ())]
        counts = CountChange()
        await counts.before(await entity_articles(kind, entity_id))
        await row.delete()
        await counts.apply()
        await note_catalogue_edit(version, [(kind, entity_id)])
        return await _relink(forms)


def _title(value: str | None) -> str | None:
    title = collapse(value) if value else ""
    if len(title) > NAME_MAX:
        raise InputError("title", f"The title is longer than {NAME_MAX} characters.")
    return title or None


async def _set_memberships(person_id: int, organisation_ids: Sequence[int]) -> None:
    wanted = list(dict.fromkeys(organisation_ids))
    known = {pk for (pk,) in await Organisation.filter(id__in=wanted).values_list("id")} if wanted else set()
    if missing := [pk for pk in wanted if pk not in known]:
        raise MissingError("organisationIds", f"{len(missing)} of the organisations do not exist.")
    current = {
        pk for (pk,) in await PersonOrganisation.filter(person_id=person_id).values_list("organisation_id")
    }
    if gone := current - set(wanted):
        await PersonOrganisation.filter(person_id=person_id, organisation_id__in=sorted(gone)).delete()
    if new := [pk for pk in wanted if pk not in current]:
        await PersonOrganisation.bulk_create(
            [PersonOrganisation(person_id=person_id, organisation_id=pk) for pk in new]
        )


async def _refuse_clashes(
    kind: EntityType, entity_id: int | None, forms: Sequence[str], input_field: str | None = None
) -> None:
    """InputError when one of `forms` already names another entity."""
    gazetteer = await current_gazetteer()
    for position, form in enumerate(forms):
        others = {(k, pk) for k, pk in entities_named(form, gazetteer) if (k, pk) != (kind, entity_id)}
        if others:
            other_kind, _ = sorted(others)[0]
            where = input_field or ("name" if position == 0 else "aliases")
            raise InputError(where, f"{form!r} already names a {other_kind}; a name may link to one entity.")


async def _relink(forms: Sequence[str]) -> int:
    ids = await articles_naming(forms)
    await relink_articles(ids)
    return len(ids)


def _like(form: str) -> str:
    """A LIKE pattern finding `form` as written, or with other apostrophes, dashes or spaces.

    `_` (any one character) stands for each of them, so the pattern finds a superset of what
    the linker matches; re-linking is exact.
    """
    escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    for char in " '’‘ʼ-‐‑‒–":
        escaped = escaped.replace(char, "_")
    return f"%{escaped}%"


async def articles_naming(forms: Sequence[str]) -> list[int]:
    """Ids of the articles whose body contains any of `forms` (a superset of those linking them).

    One statement on the current connection (so inside a transaction it sees that
    transaction's rows); a scan of article bodies: an editor's action, not a hot path.
    """
    patterns = sorted({_like(collapse(form)) for form in forms if collapse(form)})
    if not patterns:
        return []
    client = connections.get("default")
    marks = (
        [f"${n}" for n in range(1, len(patterns) + 1)]
        if client.capabilities.dialect == "postgres"
        else ["?"] * len(patterns)
    )
    where = " OR ".join(f"body LIKE {mark} ESCAPE '\\'" for mark in marks)
    rows = await client.execute_query_dict(f"SELECT id FROM article WHERE {where}", patterns)
    return sorted(int(row["id"]) for row in rows)
