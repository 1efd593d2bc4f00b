"""The ISO 3166-1 country set: pycountry for the codes and names, the shipped alias table for the rest.

pycountry is the maintained source of truth for which countries exist; it does not know what a
newsroom calls them ("Russia", not "Russian Federation") nor how writers refer to their people
("Belarusian"). gql_news/data/country_aliases.json supplies that, keyed by alpha-2.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry
from pydantic import BaseModel, ConfigDict

from gql_news.db import writing
from gql_news.ingest.resources import data_file, read_json
from gql_news.ingest.shipped_cache import cached_derivation
from gql_news.ingest.slugs import make_slug
from gql_news.models import Country

_SLUG_MAX = 100
_UPDATABLE = ("alpha3", "slug", "name", "official_name", "aliases", "demonyms")


class _AliasEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = None
    official_name: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


class _AliasTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    comment: tuple[str, ...] = ()
    countries: dict[str, _AliasEntry]


@dataclass(frozen=True, slots=True)
class CountryRow:
    """What one `country` row should hold."""

    code: str
    alpha3: str
    slug: str
    name: str
    official_name: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


@lru_cache(maxsize=1)
def desired_countries() -> tuple[CountryRow, ...]:
    """Every ISO 3166-1 country as it should be stored, in alpha-2 order (pure; read once per
    process, from the cache directory when an earlier process derived it: `_derive_countries`)."""
    rows = cached_derivation(
        "countries",
        ("pycountry", "python-slugify", "text-unidecode"),
        _derive_countries,
        code=(_row, _slug_code()),
        files=(data_file("country_aliases.json"),),
    )
    return tuple(
        CountryRow(code, alpha3, slug, name, official, tuple(aliases), tuple(demonyms))
        for code, alpha3, slug, name, official, aliases, demonyms in rows
    )


def _slug_code() -> Any:
    return getattr(make_slug, "__wrapped__", make_slug)


def _derive_countries() -> list[list[Any]]:
    """Every ISO 3166-1 country as it should be stored, in alpha-2 order, as JSON lists.

    Name: the alias table's `name`, else pycountry's `common_name`, else its `name`.
    Official name: the table's, else pycountry's `official_name` without a leading "the".
    Aliases: the table's, plus pycountry's own `name` when it differs and is not an inverted
    "Korea, Republic of" or qualified "Falkland Islands (Malvinas)" form.
    """
    table = _AliasTable.model_validate(read_json(data_file("country_aliases.json")))
    known = {c.alpha_2 for c in pycountry.countries}
    unknown = sorted(set(table.countries) - known)
    if unknown:
        raise ValueError(f"country_aliases.json names codes that are not ISO 3166-1 alpha-2: {unknown}")
    rows = [_row(c, table.countries.get(c.alpha_2, _AliasEntry())) for c in pycountry.countries]
    rows.sort(key=lambda r: r.code)
    slugs = [r.slug for r in rows]
    if len(set(slugs)) != len(slugs):
        raise ValueError("two countries share a slug; give one a distinct `name` in country_aliases.json")
    return [
        [r.code, r.alpha3, r.slug, r.name, r.official_name, list(r.aliases), list(r.demonyms)] for r in rows
    ]


def _row(country: Any, extra: _AliasEntry) -> CountryRow:
    iso_name: str = country.name
    name: str = extra.name or getattr(country, "common_name", None) or iso_name
    official: str | None = extra.official_name or getattr(country, "official_name", None)
    if official is not None:
        official = official.removeprefix("the ")
    aliases = list(extra.aliases)
    if "," not in iso_name and "(" not in iso_name:
        aliases.append(iso_name)
    taken = {name, official}
    unique_aliases = tuple(dict.fromkeys(a for a in aliases if a not in taken))
    return CountryRow(
        code=country.alpha_2,
        alpha3=country.alpha_3,
        slug=make_slug(name, max_length=_SLUG_MAX),
        name=name,
        official_name=official,
        aliases=unique_aliases,
        demonyms=tuple(dict.fromkeys(extra.demonyms)),
    )


async def load_countries() -> int:
    """Make the `country` table hold the full ISO set; returns how many rows it inserted or updated.

    Cheap when nothing changed (one SELECT, then nothing), so every start-up can call it. Changes
    are written in one transaction with one bulk UPDATE and one bulk INSERT, not a statement per
    country. Rows for codes that left the standard are kept: articles may still mention them.
    """
    wanted = desired_countries()
    stored = await Country.all().values_list(
        "code", "id", "alpha3", "slug", "name", "official_name", "aliases", "demonyms"
    )
    have: dict[str, tuple[Any, ...]] = {row[0]: tuple(row) for row in stored}
    missing: list[Country] = []
    changed: list[Country] = []
    for row in wanted:
        current = have.get(row.code)
        if current is None:
            missing.append(_model(row))
        elif _as_row(current) != row:
            changed.append(_model(row, pk=current[1]))
    if not missing and not changed:
        return 0
    async with writing():
        if changed:
            await Country.bulk_update(changed, fields=_UPDATABLE)
        if missing:
            await Country.bulk_create(missing)
    return len(missing) + len(changed)


def _as_row(stored: tuple[Any, ...]) -> CountryRow:
    code, _pk, alpha3, slug, name, official_name, aliases, demonyms = stored
    return CountryRow(code, alpha3, slug, name, official_name, tuple(aliases or ()), tuple(demonyms or ()))


def _model(row: CountryRow, pk: int | None = None) -> Country:
    country = Country(
        code=row.code,
        alpha3=row.alpha3,
        slug=row.slug,
        name=row.name,
        official_name=row.official_name,
        aliases=list(row.aliases),
        demonyms=list(row.demonyms),
    )
    if pk is not None:
        country.id = pk
    return country
