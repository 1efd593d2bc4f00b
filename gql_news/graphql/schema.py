"""The schema: domain query types composed, and the pre-execution pipeline (parse once, limits,
cost, validation once, masking) run by every execution of it."""

from __future__ import annotations

import json
import logging
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLInterfaceType, GraphQLSchema, GraphQLUnionType
from strawberry.extensions import AddValidationRules
from strawberry.types import ExecutionContext

from gql_news.graphql.articles.mutations import ArticleMutations
from gql_news.graphql.articles.queries import ArticleQueries
from gql_news.graphql.articles.types import Article
from gql_news.graphql.candidates.mutations import CandidateMutations
from gql_news.graphql.candidates.queries import CandidateQueries
from gql_news.graphql.candidates.types import EntityCandidate
from gql_news.graphql.countries.queries import CountryQueries
from gql_news.graphql.countries.types import Country
from gql_news.graphql.errors import error_code
from gql_news.graphql.executor import FastExecutionContext
from gql_news.graphql.introspection import NoIntrospection
from gql_news.graphql.node_mutations import NodeMutations
from gql_news.graphql.node_queries import NodeQueries
from gql_news.graphql.organisations.mutations import OrganisationMutations
from gql_news.graphql.organisations.queries import OrganisationQueries
from gql_news.graphql.organisations.types import Organisation
from gql_news.graphql.people.mutations import PersonMutations
from gql_news.graphql.people.queries import PersonQueries
from gql_news.graphql.people.types import Person
from gql_news.graphql.pipeline.extension import DEFAULT_DOCUMENT_CACHE_BYTES, Pipeline
from gql_news.graphql.pipeline.limits import Limits
from gql_news.graphql.search.queries import SearchQueries
from gql_news.graphql.subscriptions.fields import Subscription
from gql_news.graphql.topics.queries import TopicQueries
from gql_news.graphql.topics.types import Topic
from gql_news.logs import capped_traceback, excerpt

logger = logging.getLogger("gql_news.graphql")


@strawberry.type(
    description="Read the news graph: articles and the people, organisations and countries they mention."
)
class Query(
    NodeQueries,
    ArticleQueries,
    PersonQueries,
    OrganisationQueries,
    CountryQueries,
    TopicQueries,
    CandidateQueries,
    SearchQueries,
):
    pass


@strawberry.type(
    description=(
        "Change the news graph. Every mutation needs `Authorization: Bearer <token>` "
        "(`gql-news token create`) and is one transaction: it happens whole or not at all."
    )
)
class Mutation(ArticleMutations, PersonMutations, OrganisationMutations, NodeMutations, CandidateMutations):
    pass


class NewsSchema(strawberry.Schema):
    """Logs only unexpected errors: a user's bad input is an answer, not an incident."""

    pipeline: Pipeline

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = execution_context.context if execution_context is not None else None
        request_id = getattr(context, "request_id", "") or "-"
        query = (execution_context.query if execution_context is not None else None) or ""
        for error in errors:
            code = error_code(error)
            if code == "INTERNAL_SERVER_ERROR":
                # Sizes capped (see gql_news.logs): the message and the query may quote the input.
                logger.error(
                    "unexpected error (request id %s) at %s: %s Query: %s\n%s",
                    request_id,
                    error.path,
                    excerpt(error.message),
                    excerpt(query),
                    capped_traceback(error.original_error or error),
                )
            elif code == "SERVICE_UNAVAILABLE":
                logger.warning(
                    "database unavailable (request id %s): %s",
                    request_id,
                    type(error.original_error).__name__,
                )


def build_schema(
    *,
    introspection: bool = True,
    tracing: bool = False,
    limits: Limits | None = None,
    document_cache_bytes: int = DEFAULT_DOCUMENT_CACHE_BYTES,
    planner: bool = True,
) -> NewsSchema:
    """A new schema with its own pipeline (limits and document cache). Without introspection, one
    more validation rule. With
    `tracing`, strawberry's OpenTelemetry extension wraps each operation (imported only then)."""
    pipeline = Pipeline(limits or Limits(), document_cache_bytes, planner)
    extensions: list[Any] = [pipeline.extension]
    if not introspection:
        # A new instance per request (strawberry sets each one's execution context), one rule list.
        rules: list[Any] = [NoIntrospection]
        extensions.insert(0, lambda: AddValidationRules(rules))
    if tracing:
        from gql_news.ops.tracing import tracing_extension

        extensions.append(tracing_extension())
    built = NewsSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Article, Person, Organisation, Country, Topic, EntityCandidate],
        extensions=extensions,
        execution_context_class=FastExecutionContext,
    )
    pipeline.bind(built._schema)
    built.pipeline = pipeline
    return built


schema = build_schema()


def possible_types(graphql_schema: GraphQLSchema | None = None) -> dict[str, list[str]]:
    """Every interface and union with the object types that can stand for it, sorted: what
    Apollo Client needs as `possibleTypes` to match fragments on `Node` or `Entity`."""
    built = graphql_schema or schema._schema
    return {
        name: sorted(member.name for member in built.get_possible_types(abstract))
        for name, abstract in sorted(built.type_map.items())
        if isinstance(abstract, GraphQLInterfaceType | GraphQLUnionType) and not name.startswith("__")
    }


def possible_types_json() -> str:
    """`possible_types()` as the committed `schema/possibleTypes.json` holds it."""
    return json.dumps(possible_types(), indent=2) + "\n"
