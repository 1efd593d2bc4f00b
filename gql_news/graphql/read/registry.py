"""The read registry: every planned GraphQL field as one declaration, tables and columns from the models.

Each GraphQL object type backed by a table names its Tortoise model; each of its fields is
one entry: a column, the global id, a to-one relation, a list through a link table or through
the mention table, the children rows of a parent, or a connection. Table names, column names
and foreign keys are read from the models' metadata (`Model._meta`), never written again here,
so a renamed column or table changes the SQL the planner writes. Adding a relation is one
entry; a field with no entry is answered by the executor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tortoise import Tortoise
from tortoise.models import Model

from gql_news import models as m
from gql_news.db import APP_LABEL, MODEL_MODULES
from gql_news.graphql.lists import ARTICLE_TOTAL, Filter, Ordering, entity_article_total
from gql_news.graphql.rows import ARTICLES_NEWEST_FIRST, ARTICLES_OLDEST_FIRST, BY_NAME
from gql_news.ingest.counts import FKS


def _models_ready() -> None:
    """Resolve the models' relations (foreign key columns) when no database was opened yet."""
    if not Tortoise.apps:
        Tortoise.init_models(MODEL_MODULES, APP_LABEL)


def table(model: type[Model]) -> str:
    return str(model._meta.db_table)


def column(model: type[Model], name: str) -> str:
    """The database column of a model field (its foreign key column for a relation)."""
    _models_ready()
    found = model._meta.fields_map[name]
    return str(getattr(found, "source_field", None) or name)


# ---- field kinds -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A column, serialised as GraphQL serialises its Python value."""

    name: str
    kind: str = "scalar"  # scalar | datetime | json (a JSON list column) | enum (stored lower case)


@dataclass(frozen=True, slots=True)
class GlobalId:
    """`id`: base64 of `Type:primary key`."""


@dataclass(frozen=True, slots=True)
class ToOne:
    """The row a foreign key of this row points to (null when unset); or, with `match` (a
    condition on the target `t` and this `{row}`), the first matching row in `t.start` order."""

    target: str
    fk: str
    match: str | None = None


@dataclass(frozen=True, slots=True)
class EntityOf:
    """A union value (`Mention.entity`): the one of several foreign keys that is set."""

    fks: tuple[tuple[str, str], ...]  # (type name, foreign key column)


@dataclass(frozen=True, slots=True)
class Mentioned:
    """The distinct entities an article's mentions point to, in order of first mention."""

    target: str
    fk: str  # the mention table's column for the target


@dataclass(frozen=True, slots=True)
class Linked:
    """Rows joined through a link table, in the link's or the target's order."""

    target: str
    link: str
    parent_fk: str
    child_fk: str
    order: tuple[str, ...]  # on `x` (the link) and `t` (the target)


@dataclass(frozen=True, slots=True)
class Computed:
    """A scalar the database computes from this row: `sql` with `{row}` for the row's alias."""

    sql: str


@dataclass(frozen=True, slots=True)
class Limit:
    """A list's size argument: its name, its default and its largest value (from 0)."""

    argument: str
    default: int
    most: int


@dataclass(frozen=True, slots=True)
class Children:
    """Rows of another table whose foreign key is this row's id, in order (on `t`), the first
    `limit` of them when the field takes a size."""

    target: str
    fk: str
    order: tuple[str, ...]
    kind_argument: bool = False  # `mentions(kind:)`: only those whose entity is of that kind
    limit: Limit | None = None


@dataclass(frozen=True, slots=True)
class CoMentioned:
    """`coMentioned(first:, kind:)`: the other entities of this entity's articles, most shared
    articles first, then most recently seen together (rows of `CoMention`)."""

    fk: str  # the mention table's column for this entity's kind
    kind: int  # the kind's code in the maintained counts
    default: int
    most: int


@dataclass(frozen=True, slots=True)
class Timeline:
    """`mentionTimeline(interval:, from:, to:)`: this row's articles (`belongs` on `t`, `{key}`
    for the row's id) counted per time bucket, empty buckets included (rows of `TimelineBucket`)."""

    belongs: str
    kind: int | None = None  # an entity's kind code: its maintained day and month counts answer


@dataclass(frozen=True, slots=True)
class Lookup:
    """A top-level field answering one row by a unique key, or null."""

    target: str
    where: str  # on alias `t`, with `?` for the argument
    argument: str
    normalise: Callable[[Any], Any] = lambda value: value
    repeat: int = 1  # how many `?` take the argument


@dataclass(frozen=True, slots=True)
class Connection:
    """A page of rows: top-level (no `belongs`) or belonging to this row (`belongs` on `t`, with
    `{key}` for the parent's id), sorted by `ordering` (or by the `orderBy` argument)."""

    target: str
    belongs: str | None
    ordering: Ordering
    filters: Callable[[Mapping[str, Any]], tuple[Filter, ...]] | None = None
    orderings: Mapping[str, Ordering] = field(default_factory=dict)
    total: str | None = None
    """The unfiltered list's `totalCount` from a maintained count (`{row}` the parent row)."""
    walk: str | None = None
    """An entity's articles: the mention column naming the entity. The unfiltered page, newest
    first, is then read from that column's (entity, published_at DESC, article_id DESC) index:
    the first distinct articles of one range walk instead of every mention sorted."""


@dataclass(frozen=True, slots=True)
class NodeField:
    """`node(id:)` / `nodes(ids:)`: any type with a global id."""

    many: bool


FieldSpec = (
    Column
    | GlobalId
    | Computed
    | ToOne
    | EntityOf
    | Mentioned
    | Linked
    | Children
    | CoMentioned
    | Timeline
    | Lookup
    | Connection
    | NodeField
)


@dataclass(frozen=True, slots=True)
class ObjectType:
    name: str
    model: type[Model] | None
    fields: Mapping[str, FieldSpec]

    @property
    def table(self) -> str:
        assert self.model is not None
        return table(self.model)


# ---- the registry ------------------------------------------------------------------------------


def _columns(
    model: type[Model],
    *names: str,
    datetimes: tuple[str, ...] = (),
    json: tuple[str, ...] = (),
    enums: tuple[str, ...] = (),
) -> dict[str, FieldSpec]:
    from strawberry.utils.str_converters import to_camel_case

    out: dict[str, FieldSpec] = {}
    for name in names:
        kind = (
            "datetime"
            if name in datetimes
            else "json"
            if name in json
            else "enum"
            if name in enums
            else "scalar"
        )
        out[to_camel_case(name)] = Column(column(model, name), kind)
    return out


def _mentioned_in(fk: str) -> str:
    return f"EXISTS (SELECT 1 FROM {table(m.Mention)} x WHERE x.{column(m.Mention, 'article')} = t.id AND x.{fk} = {{key}})"


def _article_filters(args: Mapping[str, Any]) -> tuple[Filter, ...]:
    from gql_news.graphql.articles.inputs import article_filters

    return article_filters(_input(args.get("filter")))


def _person_filters(args: Mapping[str, Any]) -> tuple[Filter, ...]:
    from gql_news.graphql.people.queries import person_filters

    return person_filters(_input(args.get("filter")))


def _organisation_filters(args: Mapping[str, Any]) -> tuple[Filter, ...]:
    from gql_news.graphql.organisations.queries import organisation_filters

    return organisation_filters(_input(args.get("filter")))


def _country_filters(args: Mapping[str, Any]) -> tuple[Filter, ...]:
    from gql_news.graphql.countries.queries import country_filters

    return country_filters(_input(args.get("filter")))


class _Input:
    """A coerced input object read by attribute, as the resolvers read strawberry inputs."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        from strawberry.utils.str_converters import to_snake_case

        self.__dict__.update({to_snake_case(k): v for k, v in values.items()})

    def __getattr__(self, name: str) -> Any:
        return None


def _input(value: Any) -> Any:
    return _Input(value) if isinstance(value, Mapping) else None


def _code(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


@cache
def registry() -> Mapping[str, ObjectType]:
    """Every planned object type by GraphQL name (built once, from the models)."""
    _models_ready()
    mention_article = column(m.Mention, "article")
    person, organisation, country = (column(m.Mention, k) for k in ("person", "organisation", "country"))
    articles_of: dict[str, FieldSpec] = {
        "articles": Connection(
            "Article",
            None,
            ARTICLES_NEWEST_FIRST,
            _article_filters,
            {"PUBLISHED_AT_DESC": ARTICLES_NEWEST_FIRST, "PUBLISHED_AT_ASC": ARTICLES_OLDEST_FIRST},
            total=ARTICLE_TOTAL,
        )
    }

    def counted_articles(
        belongs: str, *, filtered: bool = True, kind: int | None = None, walk: str | None = None
    ) -> dict[str, FieldSpec]:
        """A row's articles (`belongs` on `t`, `{key}` for the row's id): the connection (with the
        article filters or without), how many there are and how many per time bucket."""
        return {
            "articles": Connection(
                "Article",
                belongs,
                ARTICLES_NEWEST_FIRST,
                _article_filters if filtered else None,
                total=None if kind is None else entity_article_total(kind, "{row}.id"),
                walk=walk,
            ),
            "articleCount": Computed(
                f"SELECT COUNT(*) FROM {table(m.Article)} t WHERE " + belongs.replace("{key}", "{row}.id")
            ),
            "mentionTimeline": Timeline(belongs, kind),
        }

    def mentioned_entity(fk: str) -> dict[str, FieldSpec]:
        """What every entity named in articles has: its articles, how often it is named, and
        who else is named beside it."""
        from gql_news.graphql.graph.mentioned import DEFAULT_CO_MENTIONS, MAX_CO_MENTIONS

        code = FKS.index(fk)

        def maintained(count: str) -> Computed:
            return Computed(
                f"SELECT COALESCE((SELECT x.{count} FROM entity_count x"
                f" WHERE x.kind = {code} AND x.entity_id = {{row}}.id), 0)"
            )

        return {
            **counted_articles(_mentioned_in(fk), kind=code, walk=fk),
            "articleCount": maintained("articles"),
            "coMentioned": CoMentioned(fk, code, DEFAULT_CO_MENTIONS, MAX_CO_MENTIONS),
            "mentionCount": maintained("mentions"),
        }

    quote_article, quote_person = column(m.Quote, "article"), column(m.Quote, "person")
    # A person's quotes: newest article first, in text order within an article.
    newest_article_first = (
        f"(SELECT qa_.{column(m.Article, 'published_at')} FROM {table(m.Article)} qa_"
        f" WHERE qa_.id = t.{quote_article}) DESC",
        f"t.{quote_article} DESC",
        "t.start",
    )

    link_po = table(m.PersonOrganisation)
    po_person, po_org = column(m.PersonOrganisation, "person"), column(m.PersonOrganisation, "organisation")
    types = [
        ObjectType(
            "Article",
            m.Article,
            {
                "id": GlobalId(),
                **_columns(
                    m.Article,
                    "slug",
                    "title",
                    "standfirst",
                    "body",
                    "published_at",
                    "byline",
                    "source_url",
                    datetimes=("published_at",),
                ),
                "topics": Linked(
                    "Topic",
                    table(m.ArticleTopic),
                    column(m.ArticleTopic, "article"),
                    column(m.ArticleTopic, "topic"),
                    (f"x.{column(m.ArticleTopic, 'position')}", "t.name"),
                ),
                "people": Mentioned("Person", person),
                "countries": Mentioned("Country", country),
                "organisations": Mentioned("Organisation", organisation),
                "mentions": Children("Mention", mention_article, ("t.start",), kind_argument=True),
                "quotes": Children("Quote", quote_article, ("t.start",)),
            },
        ),
        ObjectType(
            "Person",
            m.Person,
            {
                "id": GlobalId(),
                **_columns(m.Person, "slug", "name", "title", "aliases", json=("aliases",)),
                "country": ToOne("Country", column(m.Person, "country")),
                "organisations": Linked("Organisation", link_po, po_person, po_org, ("t.name", "t.id")),
                "quotes": Children(
                    "Quote", quote_person, newest_article_first, limit=Limit("first", 100, 100)
                ),
                **mentioned_entity(person),
            },
        ),
        ObjectType(
            "Organisation",
            m.Organisation,
            {
                "id": GlobalId(),
                **_columns(m.Organisation, "slug", "name", "aliases", json=("aliases",)),
                "country": ToOne("Country", column(m.Organisation, "country")),
                "people": Linked("Person", link_po, po_org, po_person, ("t.name", "t.id")),
                **mentioned_entity(organisation),
            },
        ),
        ObjectType(
            "Country",
            m.Country,
            {
                "id": GlobalId(),
                **_columns(
                    m.Country,
                    "code",
                    "alpha3",
                    "slug",
                    "name",
                    "official_name",
                    "aliases",
                    "demonyms",
                    json=("aliases", "demonyms"),
                ),
                "people": Connection("Person", f"t.{column(m.Person, 'country')} = {{key}}", BY_NAME["p"]),
                "organisations": Connection(
                    "Organisation", f"t.{column(m.Organisation, 'country')} = {{key}}", BY_NAME["o"]
                ),
                **mentioned_entity(country),
            },
        ),
        ObjectType(
            "Topic",
            m.Topic,
            {
                "id": GlobalId(),
                **_columns(m.Topic, "slug", "name"),
                **counted_articles(
                    f"EXISTS (SELECT 1 FROM {table(m.ArticleTopic)} x WHERE x.{column(m.ArticleTopic, 'article')} = t.id"
                    f" AND x.{column(m.ArticleTopic, 'topic')} = {{key}})",
                    filtered=False,
                ),
            },
        ),
        ObjectType(
            "EntityCandidate",
            m.EntityCandidate,
            {
                "id": GlobalId(),
                **_columns(
                    m.EntityCandidate,
                    "text",
                    "kind",
                    "cue",
                    "start",
                    "end",
                    "status",
                    "created_at",
                    "decided_at",
                    datetimes=("created_at", "decided_at"),
                    enums=("kind", "status"),
                ),
                "article": ToOne("Article", column(m.EntityCandidate, "article")),
                "person": ToOne("Person", column(m.EntityCandidate, "person")),
                "organisation": ToOne("Organisation", column(m.EntityCandidate, "organisation")),
            },
        ),
        ObjectType(
            "Quote",
            m.Quote,
            {
                **_columns(m.Quote, "text", "start", "end"),
                "speaker": ToOne("Person", quote_person),
                "speakerCandidate": ToOne(
                    "EntityCandidate",
                    column(m.Quote, "speaker_candidate"),
                    match=f"t.{column(m.EntityCandidate, 'article')} = {{row}}.{quote_article}"
                    f" AND t.text = {{row}}.{column(m.Quote, 'speaker_candidate')}",
                ),
                "article": ToOne("Article", quote_article),
            },
        ),
        ObjectType(
            "TimelineBucket",
            None,
            {"start": Column("start_", "datetime"), "count": Column("count_")},
        ),
        ObjectType(
            "CoMention",
            None,
            {
                "count": Column("_n"),
                "lastSeen": Column("_last", "datetime"),
                "entity": EntityOf(
                    (("Person", person), ("Organisation", organisation), ("Country", country))
                ),
            },
        ),
        ObjectType(
            "Mention",
            m.Mention,
            {
                **_columns(m.Mention, "text", "start", "end"),
                "entity": EntityOf(
                    (("Person", person), ("Organisation", organisation), ("Country", country))
                ),
            },
        ),
        ObjectType(
            "Query",
            None,
            {
                "article": Lookup("Article", "t.slug = ?", "slug"),
                "person": Lookup("Person", "t.slug = ?", "slug"),
                "organisation": Lookup("Organisation", "t.slug = ?", "slug"),
                "topic": Lookup("Topic", "t.slug = ?", "slug"),
                "country": Lookup("Country", "t.code = ? OR t.alpha3 = ?", "code", _code, repeat=2),
                **articles_of,
                "people": Connection("Person", None, BY_NAME["p"], _person_filters),
                "organisations": Connection("Organisation", None, BY_NAME["o"], _organisation_filters),
                "countries": Connection("Country", None, BY_NAME["c"], _country_filters),
                "topics": Connection("Topic", None, BY_NAME["t"]),
                "node": NodeField(many=False),
                "nodes": NodeField(many=True),
            },
        ),
    ]
    return {t.name: t for t in types}
