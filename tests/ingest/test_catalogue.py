"""The demo entity catalogue: loaded whole, keyed by slug, idempotent, strict about bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gql_news.ingest.catalogue import CatalogueError, CatalogueResult, load_catalogue
from gql_news.models import Organisation, Person, PersonOrganisation
from gql_news.settings import Settings


async def _state() -> tuple[list[tuple[object, ...]], ...]:
    people = (
        await Person.all()
        .order_by("id")
        .values_list("id", "slug", "name", "aliases", "title", "country__code")
    )
    orgs = (
        await Organisation.all().order_by("id").values_list("id", "slug", "name", "aliases", "country__code")
    )
    members = (
        await PersonOrganisation.all()
        .order_by("id")
        .values_list("person__slug", "organisation__slug", "role")
    )
    return [tuple(r) for r in people], [tuple(r) for r in orgs], [tuple(r) for r in members]


async def test_loads_the_demo_people_and_organisations(db_session: Settings) -> None:
    result = await load_catalogue()
    assert result.people == 3
    people = {p.slug: p for p in await Person.all().prefetch_related("country")}
    assert set(people) == {"andrei-dapkiunas", "aleksandr-lukashenko", "sergey-popkov"}
    assert people["andrei-dapkiunas"].title == "Deputy Foreign Minister"
    assert people["aleksandr-lukashenko"].title == "President"
    assert "Alexander Lukashenko" in people["aleksandr-lukashenko"].aliases
    assert "Sergei Popkov" in people["sergey-popkov"].aliases
    assert {p.country.code for p in people.values() if p.country} == {"BY"}
    orgs = {o.slug: o for o in await Organisation.all().prefetch_related("country")}
    assert {
        "sk-hynix",
        "belarus-korea-it-cooperation-center",
        "joint-belarus-korea-committee-on-science-and-technology",
        "belarus-korea-e-government-cooperation-forum",
        "embassy-of-south-korea-in-minsk",
        "belarus-hi-tech-park",
        "ministry-of-foreign-affairs-of-belarus",
    } <= set(orgs)
    hynix_country = orgs["sk-hynix"].country
    assert hynix_country is not None
    assert hynix_country.code == "KR"
    assert "Korean Embassy in Minsk" in orgs["embassy-of-south-korea-in-minsk"].aliases
    assert {"High-Tech Park", "Hi-Tech Park"} <= set(orgs["belarus-hi-tech-park"].aliases)
    roles = await PersonOrganisation.filter(person__slug="andrei-dapkiunas").values_list(
        "organisation__slug", "role"
    )
    assert [tuple(r) for r in roles] == [
        ("ministry-of-foreign-affairs-of-belarus", "Deputy Foreign Minister")
    ]


async def test_second_load_changes_nothing(db_session: Settings) -> None:
    await load_catalogue()
    before = await _state()
    assert await load_catalogue() == CatalogueResult(organisations=0, people=0, memberships=0)
    assert await _state() == before


async def test_reload_updates_in_place_and_keeps_api_aliases(db_session: Settings, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    person_entry: dict[str, Any] = {
        "name": "Ann Lee",
        "aliases": ["A. Lee"],
        "title": "Editor",
        "country": "GB",
        "organisations": [{"organisation": "Daily Paper", "role": "Editor"}],
    }
    data = {"organisations": [{"name": "Daily Paper", "country": "GB"}], "people": [person_entry]}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert await load_catalogue(path) == CatalogueResult(organisations=1, people=1, memberships=1)
    person = await Person.get(slug="ann-lee")
    person.aliases = [*person.aliases, "Annie Lee"]  # as the addAlias mutation would
    await person.save()

    person_entry |= {
        "title": "Chief Editor",
        "organisations": [{"organisation": "daily-paper", "role": "Chief"}],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    assert await load_catalogue(path) == CatalogueResult(organisations=0, people=1, memberships=1)
    again = await Person.get(slug="ann-lee")
    assert (again.id, again.title, again.aliases) == (person.id, "Chief Editor", ["A. Lee", "Annie Lee"])
    roles = await PersonOrganisation.filter(person_id=person.id).values_list("role")
    assert [tuple(r) for r in roles] == [("Chief",)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"people": [{"name": "X Y", "country": "ZZ"}]}, "unknown country codes"),
        (
            {"people": [{"name": "X Y", "organisations": [{"organisation": "Nowhere Inc"}]}]},
            "unknown organisation",
        ),
        ({"organisations": [{"name": "A B"}, {"name": "a-b"}]}, "share the slug"),
        ({"organisations": [{"name": "!!!"}]}, "no letter or digit"),
        ({"people": [{"name": "X Y", "role": "typo"}]}, "not a valid catalogue"),
    ],
)
async def test_bad_catalogue_is_refused_whole(
    db_session: Settings, tmp_path: Path, data: dict[str, object], message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"organisations": [{"name": "Fine Org"}], **data}), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        await load_catalogue(path)
    assert await Organisation.all().count() == 0
