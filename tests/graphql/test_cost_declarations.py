"""Every list or connection field of the schema declares its cost where it is defined."""

from __future__ import annotations

from graphql import (
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    get_named_type,
    is_composite_type,
    is_list_type,
)

from gql_news.graphql.pipeline.cost import declared
from gql_news.graphql.schema import schema


def _multiplying_fields() -> list[str]:
    """`Type.field` for each field returning a list of objects or a connection."""
    out = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(graphql_type, (GraphQLObjectType, GraphQLInterfaceType)):
            continue
        for field_name, field in graphql_type.fields.items():
            inner = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            named = get_named_type(field.type)
            if (is_list_type(inner) and is_composite_type(named)) or named.name.endswith("Connection"):
                out.append(f"{name}.{field_name}")
    return out


def test_every_list_and_connection_declares_a_cost() -> None:
    fields = _multiplying_fields()
    assert len(fields) > 40  # the walk found them (articles, people, edges, facets, timelines, ...)
    missing = [
        name
        for name in fields
        if declared(schema._schema.get_type(name.split(".")[0]).fields[name.split(".")[1]]) is None  # type: ignore[union-attr]
    ]
    assert missing == [], f"declare a cost (gql_news.graphql.pipeline.cost) on: {missing}"


def test_connections_count_their_first_argument_and_its_default() -> None:
    articles = schema._schema.query_type.fields["articles"]  # type: ignore[union-attr]
    cost = declared(articles)
    assert cost is not None
    assert cost.argument == "first"
    edges = schema._schema.get_type("ArticleConnection").fields["edges"]  # type: ignore[union-attr]
    cost = declared(edges)
    assert cost is not None
    assert cost.page
