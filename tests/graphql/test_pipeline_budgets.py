"""The pre-execution pipeline's own budgets, without a database: byte-bounded caches, what a parsed
document weighs, declared costs, linear analysis. (tests/graphql/test_pipeline.py drives the same
pipeline through the app on this run's database.)"""

from __future__ import annotations

import gc
import tracemalloc
from typing import Any

import pytest
from graphql import Token, get_introspection_query

from gql_news.graphql.pipeline import documents
from gql_news.graphql.pipeline.budget import ENTRY_OVERHEAD, ByteLRU
from gql_news.graphql.pipeline.limits import Limits
from gql_news.graphql.schema import build_schema


def _cost(query: str, variables: dict[str, Any] | None = None) -> int:
    document = build_schema().pipeline.document(query)
    assert document.refusal is None, document.refusal
    operation = document.operation(None)
    assert operation is not None
    return operation.plan.total(variables or {}, 10**15)


def test_byte_lru_keeps_within_its_budget() -> None:
    cache: ByteLRU[int, bytes] = ByteLRU(10_000)
    for i in range(100):
        cache.put(i, b"x" * 1000, 1000)
    assert cache.bytes <= 10_000
    assert len(cache) == 10_000 // (1000 + ENTRY_OVERHEAD)
    assert cache.get(99) is not None
    assert cache.get(0) is None
    assert not cache.put(-1, b"", 5000)  # over a quarter of the budget: never stored
    assert cache.get(-1) is None


@pytest.mark.parametrize(
    "query",
    [
        '{ article(slug: "x") { title people { name country { code } } } }',
        get_introspection_query(descriptions=True),
        "{" + " articles(first: 1) { edges { node { title } } }" * 40 + "}",
        '{ search(query: "' + "word " * 20_000 + '") { totalCount } }',
    ],
    ids=["small", "introspection", "wide", "long string"],
)
def test_a_document_weighs_at_least_what_it_holds(query: str) -> None:
    """The cache's estimate of a parsed document's memory is not below what tracemalloc sees."""
    schema = build_schema()
    documents.analyse(query, schema._schema, Limits())  # what the first analysis builds once for all
    tracemalloc.start()
    try:
        document = documents.analyse(query, schema._schema, Limits())
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert document.refusal is None
    assert document.weight >= held


def test_the_document_cache_is_bounded_in_bytes() -> None:
    budget = 2 * 1024 * 1024
    pipeline = build_schema(document_cache_bytes=budget).pipeline
    # Each document weighs about 330 KB: the budget holds six, and thirty overflow it five times over.
    for i in range(30):
        pipeline.document("{" + f" a{i}: __typename" + " articles(first: 1) { totalCount }" * 40 + "}")
    assert pipeline.documents is not None
    assert 0 < pipeline.documents.bytes <= budget


def test_fragments_are_measured_once_each() -> None:
    """A fragment spread twice per level, 60 levels deep: 2**60 uses, measured in milliseconds."""
    levels = 60
    parts = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    query = "{ ...F0 } " + " ".join(parts) + f" fragment F{levels} on Query {{ __typename }}"
    document = build_schema().pipeline.document(query)
    assert document.refusal is not None
    assert document.refusal.extensions is not None
    assert document.refusal.extensions["field_count"] > Limits().max_fields


def test_declared_costs() -> None:
    assert _cost("{ articles { edges { node { title } } } }") == 20 * 3 + 1 - 1  # connection, edges, node
    assert _cost("{ articles(first: 5) { edges { node { people { name } } } } }") == 5 * 3 + 5 * 10
    assert _cost("query($n: Int) { topics(first: $n) { totalCount } }", {"n": 7}) == 7
    assert _cost("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["a"] * 40}) == 40
    ranged = '{ country(code: "BY") { mentionTimeline(interval: DAY, from: "2024-01-01T00:00:00Z", to: "2024-01-11T00:00:00Z") { count } } }'
    assert _cost(ranged) == 1 + 10
    open_range = '{ country(code: "BY") { mentionTimeline(interval: YEAR) { count } } }'
    assert _cost(open_range) == 1 + 1000
    # Same-named fields merge as execution merges them: counted once.
    assert _cost("{ topics(first: 3) { totalCount } topics(first: 3) { totalCount } }") == 3


def test_a_dropped_document_is_freed_at_once() -> None:
    """No reference cycle keeps a document's parts alive once the cache drops it (the lexer's
    token chain is cut): its memory comes back without waiting for the cyclic collector."""

    def tokens() -> int:
        return sum(1 for o in gc.get_objects() if isinstance(o, Token))

    pipeline = build_schema(document_cache_bytes=64 * 1024).pipeline
    gc.collect()
    gc.disable()
    try:
        before = tokens()
        for i in range(200):
            pipeline.document(f"# comment {i}\n{{ a{i}: __typename b: __typename }}")
        assert tokens() - before < 200  # only what the cache still holds, not 200 x 12
    finally:
        gc.enable()
