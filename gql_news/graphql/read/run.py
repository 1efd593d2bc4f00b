"""Answering a query with one planned statement, or saying the executor must (None).

Plans are cached on the pipeline's document (so per distinct text and operation, and per the
values of the variables `@skip`/`@include` read). At run time a request is: coerce its
variables, render the plan with them, run the one statement, and hand the database's JSON text
on as an `orjson.Fragment`: the response is written around those bytes, never decoded here.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from graphql import ExecutionResult, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode
from graphql.execution.values import get_variable_values

from gql_news.graphql.errors import database_unavailable
from gql_news.graphql.pipeline.documents import Document
from gql_news.graphql.read.dialect import POSTGRES, SQLITE
from gql_news.graphql.read.plan import Plan, plan, skip_include_variables
from gql_news.graphql.read.render import Fallback, render
from gql_news.graphql.sql import fetch_one, is_postgres

logger = logging.getLogger("gql_news.graphql")

# Entries kept per document: a plan per operation and @skip/@include combination (plus, per
# operation, the variables those read and a variable-free statement); the combinations grow as
# 2^k in those variables, so the oldest entries are dropped past this.
# A plan and its statement weigh about what the document's AST does, which the cache counts.
MAX_PLANS_PER_DOCUMENT = 8


def _operation(document: Document, name: str | None) -> OperationDefinitionNode | None:
    assert document.ast is not None
    operations = [d for d in document.ast.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)


def _plan_of(
    schema: GraphQLSchema, document: Document, operation: OperationDefinitionNode, coerced: dict[str, Any]
) -> Plan | None:
    """The plan for these values of the variables @skip/@include read (which variables those are
    is kept too: finding them walks the whole document)."""
    assert document.ast is not None
    ast = document.ast
    name = operation.name.value if operation.name else None

    def fragments() -> dict[str, FragmentDefinitionNode]:
        return {d.name.value: d for d in ast.definitions if isinstance(d, FragmentDefinitionNode)}

    names: list[str] | None = document.plans.get(("flags", name))
    if names is None:
        names = skip_include_variables(operation, fragments())
        _keep(document.plans, ("flags", name), names)
    flags = {flag: bool(coerced.get(flag)) for flag in names}
    key = (name, tuple(sorted(flags.items())))
    if key not in document.plans:
        _keep(document.plans, key, plan(schema, operation, fragments(), flags))
    found: Plan | None = document.plans[key]
    return found


def _statement(
    schema: GraphQLSchema, document: Document, operation: OperationDefinitionNode, variables: dict[str, Any]
) -> tuple[str, list[Any]] | None:
    """The statement for these variables; kept with the plan when the operation declares none
    (its text and parameters are then the same for every request)."""
    static = not operation.variable_definitions
    cache_key = ("statement", operation.name.value if operation.name else None)
    if static and cache_key in document.plans:
        kept: tuple[str, list[Any]] | None = document.plans[cache_key]
        return kept
    values = get_variable_values(schema, operation.variable_definitions or (), variables)
    if isinstance(values, list):  # coercion errors: the executor reports them
        return None
    found = _plan_of(schema, document, operation, values.coerced)
    statement: tuple[str, list[Any]] | None = None
    if found is not None:
        try:
            statement = render(found, POSTGRES if is_postgres() else SQLITE, values)
        except Fallback:
            statement = None
    if static:
        _keep(document.plans, cache_key, statement)
    return statement


def _keep(plans: dict[Any, Any], key: Any, value: Any) -> None:
    while len(plans) >= MAX_PLANS_PER_DOCUMENT:
        del plans[next(iter(plans))]
    plans[key] = value


async def planned(
    schema: GraphQLSchema, document: Document, operation_name: str | None, variables: dict[str, Any] | None
) -> ExecutionResult | None:
    """The result of the operation from one statement, or None when the executor must answer."""
    operation = _operation(document, operation_name)
    if operation is None or operation.operation.value != "query":
        return None
    statement = _statement(schema, document, operation, variables or {})
    if statement is None:
        return None
    sql, params = statement
    try:
        row = await fetch_one(sql, params)
    except Exception as exc:
        if database_unavailable(exc):
            logger.warning("planned statement failed (%s); answering with the executor", type(exc).__name__)
        else:
            logger.exception("planned statement failed; answering with the executor. SQL: %.2000s", sql)
        return None
    assert row is not None
    text = row["data"]
    data: Any = orjson.Fragment(text.encode() if isinstance(text, str) else text)  # spliced as it is
    return ExecutionResult(data=data, errors=None)
