"""The tables the GraphQL types read: the columns picked and the to-one rows joined in.

Columns are picked per table (no `SELECT *`); every row a loader returns carries at least
these, under these names.
"""

from __future__ import annotations

from dataclasses import dataclass

from gql_news.graphql.sql import Row

_COUNTRY_FIELDS = ("id", "code", "alpha3", "slug", "name", "official_name", "aliases", "demonyms")
_EMBEDDED_PREFIX = "tc_"


@dataclass(frozen=True, slots=True)
class Table:
    """A table read as alias `t`, with its to-one rows joined in and its columns picked.

    A person's or organisation's country is joined into the same statement: one statement
    instead of a second batch, and a batch that cannot split in two when the people and the
    organisations of a page arrive in different event-loop ticks.
    """

    name: str
    columns: str
    joins: str = ""
    group: str = "t.id"

    @property
    def from_(self) -> str:
        return f"{self.name} t {self.joins}".rstrip()


_EMBED_COUNTRY = ", ".join(f"tc.{col} AS {_EMBEDDED_PREFIX}{col}" for col in _COUNTRY_FIELDS)
_JOIN_COUNTRY = "LEFT JOIN country tc ON tc.id = t.country_id"

ARTICLE = Table(
    # The text columns (body, standfirst) are read only when a query selects them.
    "article",
    "t.id, t.slug, t.title, t.published_at, t.byline, t.source_url",
)
PERSON = Table(
    "person",
    f"t.id, t.slug, t.name, t.aliases, t.title, t.country_id, {_EMBED_COUNTRY}",
    _JOIN_COUNTRY,
    "t.id, tc.id",
)
ORGANISATION = Table(
    "organisation",
    f"t.id, t.slug, t.name, t.aliases, t.country_id, {_EMBED_COUNTRY}",
    _JOIN_COUNTRY,
    "t.id, tc.id",
)
COUNTRY = Table("country", ", ".join(f"t.{col}" for col in _COUNTRY_FIELDS))
TOPIC = Table("topic", "t.id, t.slug, t.name")
CANDIDATE = Table(
    "entity_candidate",
    't.id, t.article_id, t.text, t.kind, t.cue, t.start, t."end", t.status, '
    "t.person_id, t.organisation_id, t.created_at, t.decided_at",
)


def embedded_country(row: Row) -> Row | None:
    """The country joined into a person or organisation row, or None when it has none."""
    if row.get(f"{_EMBEDDED_PREFIX}id") is None:
        return None
    return {col: row[f"{_EMBEDDED_PREFIX}{col}"] for col in _COUNTRY_FIELDS}
