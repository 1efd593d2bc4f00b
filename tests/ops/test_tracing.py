"""OpenTelemetry: spans when OTEL_ENABLED, with strawberry's caches still hitting; no import when off."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from gql_news.settings import Settings
from tests.app_client import app_client
from tests.graphql.helpers import validated_once
from tests.servers import serve_process

_EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module")
def provider() -> TracerProvider:
    """An SDK provider exporting to memory; the app uses a provider that is already installed.

    The global provider can be set once per process, so it is set here once and kept.
    """
    current = trace.get_tracer_provider()
    if isinstance(current, TracerProvider):
        return current
    sdk = TracerProvider()
    sdk.add_span_processor(SimpleSpanProcessor(_EXPORTER))
    trace.set_tracer_provider(sdk)
    return sdk


@pytest.fixture
def spans(provider: TracerProvider) -> Iterator[InMemorySpanExporter]:
    _EXPORTER.clear()
    yield _EXPORTER
    _EXPORTER.clear()


@pytest.fixture
async def traced(test_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings = test_settings.model_copy(update={"otel_enabled": True, "response_cache_bytes": 0})
    async with app_client(settings) as http:
        yield http


async def test_operations_are_traced_when_enabled(
    traced: httpx.AsyncClient, spans: InMemorySpanExporter
) -> None:
    response = await traced.post("/graphql", json={"query": "query TracedTopics { topics { totalCount } }"})
    assert response.json() == {"data": {"topics": {"totalCount": 0}}}
    names = [span.name for span in spans.get_finished_spans()]
    assert "GraphQL Query: TracedTopics" in names
    assert "GraphQL Parsing" in names
    assert "GraphQL Validation" in names
    operation = next(s for s in spans.get_finished_spans() if s.name == "GraphQL Query: TracedTopics")
    assert operation.attributes is not None
    assert operation.attributes["component"] == "graphql"
    children = [s for s in spans.get_finished_spans() if s.parent is not None]
    assert children
    assert all(s.context is not None and s.context.trace_id == operation.context.trace_id for s in children)


async def test_tracing_leaves_the_document_cache_working(
    traced: httpx.AsyncClient, spans: InMemorySpanExporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "{ topics(first: 2) { totalCount } tracedValidationProbe: __typename }"
    await validated_once(traced, query, monkeypatch)
    assert [s.name for s in spans.get_finished_spans()].count("GraphQL Validation") == 2


def test_nothing_of_opentelemetry_is_imported_when_disabled(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from gql_news.app import create_app\n"
        "from gql_news.settings import Settings\n"
        f"create_app(Settings(database_url='sqlite://{tmp_path / 'x.sqlite3'}'))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('opentelemetry') or 'tracing' in m)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


class _Collector(BaseHTTPRequestHandler):
    """An OTLP/HTTP endpoint that keeps what it is sent."""

    received: ClassVar[list[tuple[str, bytes]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        type(self).received.append((self.path, self.rfile.read(length)))
        self.send_response(200)
        self.send_header("content-type", "application/x-protobuf")
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_served_app_exports_spans_over_otlp(tmp_path: Path, migrated_database_url: str) -> None:
    """OTEL_ENABLED with the standard OTEL_* variables: spans reach an OTLP/HTTP collector."""
    collector = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=collector.serve_forever, daemon=True)
    thread.start()
    env = {
        "OTEL_ENABLED": "true",
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{collector.server_port}",
        "OTEL_SERVICE_NAME": "gql-news-under-test",
        "OTEL_BSP_SCHEDULE_DELAY": "100",
    }
    try:
        with serve_process(migrated_database_url, tmp_path, env) as server:
            query = {"query": "query ExportedSpan { topics { totalCount } }"}
            assert httpx.post(f"{server.url}/graphql", json=query, timeout=10).status_code == 200
            deadline = time.monotonic() + 20
            while not any(b"ExportedSpan" in body for _path, body in _Collector.received):
                assert time.monotonic() < deadline, "no span reached the collector in 20 s"
                time.sleep(0.1)
            server.stop()
    finally:
        collector.shutdown()
        collector.server_close()
    paths = {path for path, _body in _Collector.received}
    assert paths == {"/v1/traces"}
    assert any(b"gql-news-under-test" in body for _path, body in _Collector.received)
