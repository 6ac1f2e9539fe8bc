"""OpenTelemetry traces: a request followed through the outbox and Kafka to its side effects.

Off by default, at no cost: nothing of OpenTelemetry's SDK is imported and every hook below
is one boolean test. On when the standard variables ask for an exporter
(``OTEL_TRACES_EXPORTER=otlp``, or an ``OTEL_EXPORTER_OTLP_ENDPOINT`` /
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``); ``OTEL_SDK_DISABLED=true`` wins. The OTLP exporter
reads its own ``OTEL_EXPORTER_OTLP_*`` settings (endpoint, headers, protocol: http/protobuf),
the sampler ``OTEL_TRACES_SAMPLER``, the service name ``OTEL_SERVICE_NAME`` (default: the
service's name).

What is traced, one trace per request:

* the HTTP request (FastAPI instrumentation, health and metrics routes left out);
* database work (asyncpg instrumentation: every statement, SQLAlchemy's included);
* outgoing HTTP (httpx instrumentation) and Kafka clients (aiokafka instrumentation);
* ``outbox write <type>``: the event written with the state change; its context is the
  CloudEvent's ``traceparent`` (the distributed-tracing extension, header ``ce_traceparent``)
  that travels with the event through Kafka;
* ``publish <topic>``: the relay's send, a child of the outbox write;
* ``process <type>``: a consumer's handling, a child of the event's ``traceparent``; what it
  writes (outbox rows, deliveries) carries its context on;
* the side effect, e.g. ``email send``, a child of the handling that recorded it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from eventkit import context

if TYPE_CHECKING:
    from fastapi import FastAPI
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from opentelemetry.trace import Tracer

_enabled = False
_tracer: Tracer | None = None
_provider: TracerProvider | None = None

#: kinds of span, by name (OpenTelemetry's SpanKind, without importing it when off)
INTERNAL, PRODUCER, CONSUMER, CLIENT = "INTERNAL", "PRODUCER", "CONSUMER", "CLIENT"


def requested(environ: dict[str, str] | None = None) -> bool:
    """Whether the OTEL_* variables ask for traces to be exported."""
    env = os.environ if environ is None else environ
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporter = env.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if exporter:
        return exporter != "none"
    return bool(
        env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def enabled() -> bool:
    return _enabled


def configure_tracing(service: str, exporter: SpanExporter | None = None) -> bool:
    """Turn tracing on for this process when the environment asks for it, or with
    ``exporter`` (tests: an in-memory exporter). Idempotent; returns whether it is on."""
    global _enabled, _tracer, _provider
    if _enabled:
        return True
    if exporter is None and not requested():
        return False
    from opentelemetry import trace
    from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", service)})
    provider = TracerProvider(resource=resource)
    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    # OpenTelemetry's global provider is set once per process; spans go to *this* provider
    # through explicit references, so tracing turned on again (tests) exports to the new one
    trace.set_tracer_provider(provider)
    for instrumentor in (AsyncPGInstrumentor(), HTTPXClientInstrumentor(), AIOKafkaInstrumentor()):
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=provider)
    _provider = provider
    _tracer = provider.get_tracer("eventkit")
    _enabled = True
    return True


def shutdown_tracing() -> None:
    """Flush and stop: spans end up exported, and nothing is traced any more (a test that
    turned tracing on turns it off again for the tests after it)."""
    global _enabled, _tracer, _provider
    if not _enabled:
        return
    from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    for instrumentor in (AsyncPGInstrumentor(), HTTPXClientInstrumentor(), AIOKafkaInstrumentor()):
        if instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.uninstrument()
    if _provider is not None:
        _provider.shutdown()
    _enabled, _tracer, _provider = False, None, None


def instrument_app(app: FastAPI) -> None:
    """Server spans for the app's requests (not for probes and scrapes)."""
    if not _enabled:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=_provider, excluded_urls="livez,readyz,metrics"
    )


def current_traceparent() -> str | None:
    """The W3C traceparent of the active span, else the one the request or event brought."""
    if _enabled:
        from opentelemetry import trace

        span_context = trace.get_current_span().get_span_context()
        if span_context.is_valid:
            return _format(span_context)
    return context.traceparent.get()


#: what ``span`` and ``spans_of_batch`` return while tracing is off: no generator, no call
_OFF: contextlib.nullcontext[None] = contextlib.nullcontext()


def span(
    name: str,
    *,
    parent: str | None = None,
    kind: str = INTERNAL,
    attributes: dict[str, Any] | None = None,
) -> contextlib.AbstractContextManager[str | None]:
    """A span named ``name``, child of the W3C ``parent`` when given (else of the active
    span); the block gets its traceparent (None when tracing is off, at no cost)."""
    if not _enabled:
        return _OFF
    return _span(name, parent, kind, attributes)


@contextlib.contextmanager
def _span(
    name: str, parent: str | None, kind: str, attributes: dict[str, Any] | None
) -> Iterator[str | None]:
    from opentelemetry.trace import SpanKind
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    assert _tracer is not None
    ctx = TraceContextTextMapPropagator().extract({"traceparent": parent}) if parent else None
    with _tracer.start_as_current_span(
        name, context=ctx, kind=SpanKind[kind], attributes=attributes
    ) as current:
        yield _format(current.get_span_context())


def spans_of_batch(
    name: str,
    parents: list[str | None],
    kind: str = PRODUCER,
    attributes: dict[str, Any] | None = None,
) -> contextlib.AbstractContextManager[None]:
    """One span per item of a batch sent together (the relay's publish), each the child of
    its own item's ``parent``, all ended when the block ends (an error is recorded on each)."""
    if not _enabled:
        return _OFF
    return _spans_of_batch(name, parents, kind, attributes)


@contextlib.contextmanager
def _spans_of_batch(
    name: str, parents: list[str | None], kind: str, attributes: dict[str, Any] | None
) -> Iterator[None]:
    assert _tracer is not None
    from opentelemetry.trace import SpanKind, Status, StatusCode
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    propagator = TraceContextTextMapPropagator()
    started = [
        _tracer.start_span(
            name,
            context=propagator.extract({"traceparent": parent}) if parent else None,
            kind=SpanKind[kind],
            attributes=attributes,
        )
        for parent in parents
    ]
    try:
        yield
    except BaseException as exc:
        for one in started:
            one.record_exception(exc)
            one.set_status(Status(StatusCode.ERROR, type(exc).__name__))
        raise
    finally:
        for one in started:
            one.end()


def _format(span_context: Any) -> str:
    return (
        f"00-{span_context.trace_id:032x}-{span_context.span_id:016x}"
        f"-{int(span_context.trace_flags):02x}"
    )
