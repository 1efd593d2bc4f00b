"""The pre-execution pipeline, as a strawberry extension every execution of the schema runs.

HTTP, the WebSocket and anything calling `schema.execute` or `schema.subscribe` directly go
through the same steps, in this order:

1. **parse**, once per distinct text (`DocumentCache`, bounded in bytes), measuring the
   document's shape on the way: tokens, expanded field count, depth, aliases, field merges;
2. **cost** of the operation that will run, for the request's variables;
3. **validation**, once per distinct document;
4. strings holding U+0000 refused (PostgreSQL cannot store or compare them);
5. after execution, **masking**: every error gets its `extensions.code`, and internal ones a
   message naming the request id that the log line beside the traceback carries.

A refusal is an ordinary GraphQL request error (no `data`), decided before any resolver runs
and in time linear in the document's size.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    NameNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types.execution import StreamExecutionResult

from gql_news import logs
from gql_news.graphql.errors import format_error
from gql_news.graphql.pipeline.documents import Document, DocumentCache
from gql_news.graphql.pipeline.limits import Limits, TooComplex

logger = logging.getLogger("gql_news.graphql")

DEFAULT_DOCUMENT_CACHE_BYTES = 16 * 1024 * 1024


class CodedError(GraphQLError):
    """An error as the client sees it: code added, internals masked behind the request id."""

    def __init__(self, error: GraphQLError, payload: dict[str, Any]) -> None:
        super().__init__(str(payload["message"]), path=error.path, extensions=payload.get("extensions"))
        self.payload = payload

    @property
    def formatted(self) -> dict[str, Any]:  # type: ignore[override]
        return self.payload

    @property
    def code(self) -> str:
        return str(self.payload["extensions"]["code"])


def coded(error: GraphQLError, request_id: str) -> CodedError:
    return error if isinstance(error, CodedError) else CodedError(error, format_error(error, request_id))


class NulInString(GraphQLError):
    def __init__(self) -> None:
        super().__init__(
            "Strings may not contain the NUL character (U+0000).", extensions={"code": "BAD_USER_INPUT"}
        )


def contains_nul(value: Any) -> bool:
    """Whether a variables value holds U+0000 in any string, key or nested item."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if "\x00" in current:
                return True
        elif isinstance(current, dict):
            stack.extend(current.keys())
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return False


class Pipeline:
    """What the pipeline keeps between requests: the limits and the document cache."""

    def __init__(
        self, limits: Limits, document_cache_bytes: int = DEFAULT_DOCUMENT_CACHE_BYTES, planner: bool = True
    ) -> None:
        self.limits = limits
        self.document_cache_bytes = document_cache_bytes
        self.planner = planner  # answer planned queries with one statement (QUERY_PLANNER)
        self.documents: DocumentCache | None = None

    def bind(self, schema: Any) -> None:
        """Attach to the graphql-core schema the documents are measured against."""
        self.documents = DocumentCache(schema, self.limits, self.document_cache_bytes)

    def document(self, query: str) -> Document:
        assert self.documents is not None, "the pipeline is bound to a schema when the schema is built"
        return self.documents.get(query)

    def check(
        self,
        document: Document,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
        validate: Any,
    ) -> list[GraphQLError]:
        """The request errors of running this document's operation with these variables."""
        operation = document.operation(operation_name)
        if operation is not None:
            total = operation.plan.total(variables or {}, self.limits.max_cost)
            if total > self.limits.max_cost:
                return [TooComplex("estimated cost", total, self.limits.max_cost)]
        errors = document.validation(validate)
        if errors:
            return errors
        if document.has_nul or contains_nul(variables):
            return [NulInString()]
        return []

    def extension(self) -> PipelineExtension:
        return PipelineExtension(self)


def _placeholder(kind: OperationType, name: str | None) -> DocumentNode:
    """A document of one empty operation of the given kind and name: what strawberry is handed in
    place of a refused text, so it reports our error instead of parsing the text again."""
    operation = OperationDefinitionNode(
        operation=kind,
        name=NameNode(value=name) if name is not None else None,
        variable_definitions=(),
        directives=(),
        selection_set=SelectionSetNode(selections=()),
    )
    return DocumentNode(definitions=(operation,))


class PipelineExtension(SchemaExtension):
    """One request's passage through the pipeline (strawberry makes one per execution)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.document: Document | None = None
        self.refused = False

    def _request_id(self) -> str:
        return str(getattr(self.execution_context.context, "request_id", "") or "-")

    def _refuse(self, errors: list[GraphQLError]) -> None:
        context = self.execution_context
        context.pre_execution_errors = errors
        self.refused = True
        if any(isinstance(e, TooComplex) for e in errors):
            logger.info(
                "refused (request id %s): %s Query: %s",
                self._request_id(),
                errors[0].message,
                logs.excerpt(context.query or ""),
            )

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            document = self.document = self.pipeline.document(context.query)
            if document.ast is not None:
                context.graphql_document = document.ast
            else:
                assert document.refusal is not None
                kind = next(iter(context.allowed_operations), OperationType.QUERY)
                context.graphql_document = _placeholder(OperationType(kind.value), context.operation_name)
                self._refuse([document.refusal])
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if not self.refused and self.document is not None and context.pre_execution_errors is None:

            def validate(ast: DocumentNode) -> list[GraphQLError]:
                return validate_document(context.schema._schema, ast, context.validation_rules)

            errors = self.pipeline.check(self.document, context.operation_name, context.variables, validate)
            if errors:
                self._refuse(errors)
            else:
                context.pre_execution_errors = []  # validated: strawberry does not validate again
        yield

    async def on_execute(self) -> AsyncIterator[None]:
        """A query the read planner covers is answered by one statement here; graphql-core's
        execution then does nothing (it runs only when no result is set)."""
        context = self.execution_context
        if (
            self.pipeline.planner
            and not self.refused
            and self.document is not None
            and getattr(context.context, "plan_queries", False)
            and context.result is None
        ):
            from gql_news.graphql.read.run import planned

            result = await planned(
                context.schema._schema, self.document, context.operation_name, context.variables
            )
            if result is not None:
                context.result = result
        yield

    def _mask(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        if errors:
            request_id = self._request_id()
            result.errors = [coded(error, request_id) for error in errors]

    def on_operation(self) -> Iterator[None]:
        yield
        self._mask(self.execution_context.result)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        self._mask(result)
        yield None
