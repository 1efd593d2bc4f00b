"""The Article type, its mentions and the entity union."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry

from gql_news.graphql.build import instantiate
from gql_news.graphql.candidates.types import CandidateStatus, EntityCandidate
from gql_news.graphql.context import Info
from gql_news.graphql.node import Node
from gql_news.graphql.pipeline import cost
from gql_news.graphql.related import related_list
from gql_news.graphql.sql import Row, as_datetime

if TYPE_CHECKING:
    from gql_news.graphql.countries.types import Country
    from gql_news.graphql.graph.related_articles import RelatedArticle
    from gql_news.graphql.organisations.types import Organisation
    from gql_news.graphql.people.types import Person
    from gql_news.graphql.quotes.types import Quote
    from gql_news.graphql.topics.types import Topic

_PEOPLE = "gql_news.graphql.people.types"
_ORGS = "gql_news.graphql.organisations.types"
_COUNTRIES = "gql_news.graphql.countries.types"
_TOPICS = "gql_news.graphql.topics.types"


@strawberry.enum(description="The kinds of entity an article can mention.")
class EntityKind(Enum):
    PERSON = strawberry.enum_value("person", description="A person.")
    ORGANISATION = strawberry.enum_value("organisation", description="An organisation.")
    COUNTRY = strawberry.enum_value("country", description="A country.")


Entity = Annotated[
    Annotated["Person", strawberry.lazy(_PEOPLE)]
    | Annotated["Organisation", strawberry.lazy(_ORGS)]
    | Annotated["Country", strawberry.lazy(_COUNTRIES)],
    strawberry.union(
        "Entity", description="Something an article mentions: a person, organisation or country."
    ),
]


@strawberry.type(description="One linked occurrence of an entity in an article body.")
class Mention:
    text: str = strawberry.field(description='The words as written in the body: "Korean", "Lukashenko".')
    start: int = strawberry.field(description="Character offset where the mention starts in Article.body.")
    end: int = strawberry.field(
        description="Character offset just past the mention: body[start:end] == text."
    )
    _row: strawberry.Private[Row]
    _pre: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(
            cls, {"text": row["text"], "start": row["start"], "end": row["end"], "_row": row, "_pre": {}}
        )

    @property
    def kind(self) -> EntityKind:
        if self._row["person_id"] is not None:
            return EntityKind.PERSON
        if self._row["organisation_id"] is not None:
            return EntityKind.ORGANISATION
        return EntityKind.COUNTRY

    @strawberry.field(description="The person, organisation or country mentioned.")
    async def entity(self, info: Info) -> Entity:
        from gql_news.graphql.countries.types import Country
        from gql_news.graphql.organisations.types import Organisation
        from gql_news.graphql.people.types import Person

        done: Person | Organisation | Country | None = self._pre.get("entity")
        if done is not None:
            return done
        loaders = info.context.loaders
        row = self._row
        if row["person_id"] is not None:
            return Person.from_row(_present(await loaders.person_by_id.load(row["person_id"])))
        if row["organisation_id"] is not None:
            return Organisation.from_row(
                _present(await loaders.organisation_by_id.load(row["organisation_id"]))
            )
        return Country.from_row(_present(await loaders.country_by_id.load(row["country_id"])))


async def article_of(info: Info, article_id: int) -> Article:
    """The article a row hanging off one (a quote, a candidate) belongs to, through the loader."""
    row = await info.context.loaders.article_by_id.load(article_id)
    if row is None:  # the foreign key cascades: only a concurrent delete gets here
        raise LookupError("the article vanished")
    return Article.from_row(row)


def _present(row: Row | None) -> Row:
    if row is None:  # a foreign key guarantees the row; a concurrent delete is the only way here
        raise LookupError("mentioned entity vanished")
    return row


@strawberry.type(description="A news article and the graph of entities it mentions.")
class Article(Node):
    slug: str = strawberry.field(description="Lower-case, hyphenated, unique and stable.")
    title: str = strawberry.field(description="Headline.")
    published_at: datetime = strawberry.field(description="When the article was published (UTC).")
    byline: str | None = strawberry.field(description="Author; null when the source names none.")
    source_url: str | None = strawberry.field(description="Where the article was first published.")
    _pk: strawberry.Private[int]
    _pre: strawberry.Private[dict[str, Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Row) -> Self:
        return instantiate(
            cls,
            {
                "_pk": row["id"],
                "_pre": {},
                "slug": row["slug"],
                "title": row["title"],
                "published_at": as_datetime(row["published_at"]),
                "byline": row["byline"],
                "source_url": row["source_url"],
            },
        )

    async def _text(self, info: Info) -> Row:
        """The article's body and standfirst: prefetched, or read through their batch loader."""
        text: Row | None = self._pre.get("text")
        if text is None:
            text = await info.context.loaders.article_text_by_id.load(self._pk)
            if text is None:  # deleted while the query ran
                raise LookupError("article vanished")
            self._pre["text"] = text
        return text

    @strawberry.field(
        description=(
            "In a subscription, the id of the live-update event that delivered this article: "
            "subscribe again with the last one received as `afterEventId` to receive what was "
            "missed (an article may then come twice, with the same event id). Null in queries."
        )
    )
    def event_id(self) -> strawberry.ID | None:
        value = self._pre.get("event_id")
        return None if value is None else strawberry.ID(str(value))

    @strawberry.field(description="The first paragraph unless given.")
    async def standfirst(self, info: Info) -> str | None:
        standfirst: str | None = (await self._text(info))["standfirst"]
        return standfirst

    @strawberry.field(description="Plain text, paragraphs separated by a blank line.")
    async def body(self, info: Info) -> str:
        body: str = (await self._text(info))["body"]
        return body

    @strawberry.field(
        metadata=cost.fixed(5), description="Topics the article is filed under, in the source's order."
    )
    def topics(self, info: Info) -> list[Annotated[Topic, strawberry.lazy(_TOPICS)]]:
        from gql_news.graphql.topics.types import Topic

        load = info.context.loaders.topics_by_article.load
        return related_list(self._pre, "topics", lambda: load(self._pk), Topic.from_row)

    @strawberry.field(
        metadata=cost.fixed(10),
        description="People mentioned, distinct, in order of first mention in the body.",
    )
    def people(self, info: Info) -> list[Annotated[Person, strawberry.lazy(_PEOPLE)]]:
        from gql_news.graphql.people.types import Person

        load = info.context.loaders.people_by_article.load
        return related_list(self._pre, "people", lambda: load(self._pk), Person.from_row)

    @strawberry.field(
        metadata=cost.fixed(10),
        description="Countries mentioned, distinct, in order of first mention in the body.",
    )
    def countries(self, info: Info) -> list[Annotated[Country, strawberry.lazy(_COUNTRIES)]]:
        from gql_news.graphql.countries.types import Country

        load = info.context.loaders.countries_by_article.load
        return related_list(self._pre, "countries", lambda: load(self._pk), Country.from_row)

    @strawberry.field(
        metadata=cost.fixed(10),
        description="Organisations mentioned, distinct, in order of first mention in the body.",
    )
    def organisations(self, info: Info) -> list[Annotated[Organisation, strawberry.lazy(_ORGS)]]:
        from gql_news.graphql.organisations.types import Organisation

        load = info.context.loaders.organisations_by_article.load
        return related_list(self._pre, "organisations", lambda: load(self._pk), Organisation.from_row)

    @strawberry.field(
        metadata=cost.fixed(30), description="Every linked occurrence of an entity, in text order."
    )
    async def mentions(
        self,
        info: Info,
        kind: Annotated[
            EntityKind | None, strawberry.argument(description="Only mentions of this kind of entity.")
        ] = None,
    ) -> list[Mention]:
        done: list[Mention] | None = self._pre.get("mentions")
        if done is None:
            rows = await info.context.loaders.mentions_by_article.load(self._pk)
            done = [Mention.from_row(r) for r in rows]
        return [m for m in done if kind is None or m.kind is kind]

    @strawberry.field(
        metadata=cost.by_argument("first"),
        description=(
            "Other articles ranked by the entities they share with this one (Jaccard index of the "
            "entity sets), each with the shared entities that explain its rank. Any shared entity, a "
            "country too, relates two articles. Candidates are the most recent articles naming each of "
            "this one's entities (the setting RELATED_POSTING_CAP per entity)."
        ),
    )
    async def related(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="How many: 0 to 100, default 5.")] = 5,
    ) -> list[Annotated[RelatedArticle, strawberry.lazy("gql_news.graphql.graph.related_articles")]]:
        from gql_news.graphql.graph.related_articles import related_articles

        return await related_articles(info, self._pk, first)

    @strawberry.field(
        metadata=cost.fixed(10),
        description=(
            "Direct quotations in the body, in text order, each with its speaker when the "
            "attribution names one."
        ),
    )
    def quotes(self, info: Info) -> list[Annotated[Quote, strawberry.lazy("gql_news.graphql.quotes.types")]]:
        from gql_news.graphql.quotes.types import Quote

        load = info.context.loaders.quotes_by_article.load
        return related_list(self._pre, "quotes", lambda: load(self._pk), Quote.from_row)

    @strawberry.field(
        metadata=cost.fixed(10),
        description="Names in the body that match nothing in the catalogue, for an editor.",
    )
    async def entity_candidates(
        self,
        info: Info,
        status: Annotated[
            CandidateStatus | None,
            strawberry.argument(description="Only candidates in this state; null for all."),
        ] = CandidateStatus.OPEN,
    ) -> list[EntityCandidate]:
        rows = await info.context.loaders.candidates_by_article.load(self._pk)
        return [EntityCandidate.from_row(r) for r in rows if status is None or r["status"] == status.value]
