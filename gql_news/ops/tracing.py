"""OpenTelemetry tracing through strawberry's `OpenTelemetryExtension`, only when OTEL_ENABLED.

Nothing here is imported unless tracing is on, so the `otel` extra stays optional and costs a
process nothing when off. The standard OTEL_* variables configure the exporter
(OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_HEADERS, ...) and the resource
(OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES). A tracer provider installed before the app starts
(by `opentelemetry-instrument`, or a test) is used as it is.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from strawberry.extensions import SchemaExtension

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider


class TracingUnavailable(RuntimeError):
    """OTEL_ENABLED without the packages it needs."""


def tracing_extension() -> type[SchemaExtension]:
    """The strawberry extension class, with a tracer provider exporting over OTLP if none is set."""
    try:
        from opentelemetry import trace
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError as error:
        raise TracingUnavailable(
            "OTEL_ENABLED=true needs OpenTelemetry: install gql_news with the `otel` extra."
        ) from error
    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        trace.set_tracer_provider(_otlp_provider())
    return OpenTelemetryExtension


def _otlp_provider() -> TracerProvider:
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as error:
        raise TracingUnavailable(
            "OTEL_ENABLED=true needs the OpenTelemetry SDK and OTLP exporter (the `otel` extra)."
        ) from error
    # OTEL_SERVICE_NAME wins when set; otherwise the service is called after the package.
    attributes = {} if os.environ.get("OTEL_SERVICE_NAME") else {"service.name": "gql_news"}
    provider = TracerProvider(resource=Resource.create(attributes))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider
