"""Hypothesis fuzzing of every consuming service's REAL event handlers (profiles: the privacy
sagas' answers; resources, alliance, notifications) with malformed and adversarial envelopes:
missing or non-UTF-8 headers, bad JSON, wrong types, unknown types, and — the part the generic
dispatcher fuzz in libs/eventkit cannot reach — *well-typed* payloads of each handled event type
whose values are hostile (huge and NUL-laden strings, unknown ids, extreme numbers). Each record
ends in an outcome (handled, duplicate, ignored, erased or dead-lettered to the real broker's
DLQ); none raises, so none can stall its partition (the real-broker no-stall proof of the
machinery is libs/eventkit/tests/test_dispatcher_fuzz.py)."""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import types
import typing
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devstack.harness import TestInfra
from devstack.testing import fresh_service_database, migrate
from eventkit.settings import ServiceSettings

OUTCOMES = {"handled", "duplicate", "ignored", "erased", "dead_lettered"}
CONSUMERS = ("profiles", "resources", "alliance", "notifications")
#: examples per service (spread over its handled event types)
EXAMPLES = 1000 if os.environ.get("HOSTILE_MODE") == "full" else 80

hostile_text = st.one_of(
    st.text(max_size=30),
    st.just("\x00"),
    st.text(max_size=10).map(lambda s: s + "\x00" + s),
    st.just("x" * 100_000),
    st.just("<script>alert(1)</script>"),
    st.just("'; DROP TABLE inbox; --"),
    st.just("\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def value_for(annotation: Any) -> st.SearchStrategy[Any]:
    """A hostile value that still has the field's JSON type (so validation may pass)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(value_for(a) for a in typing.get_args(annotation)))
    if origin in (list, set, frozenset, tuple):
        args = typing.get_args(annotation)
        return st.lists(value_for(args[0]) if args else json_values, max_size=3)
    if annotation is uuid.UUID:
        return st.uuids().map(str)
    if annotation is str:
        return hostile_text
    if annotation is int:
        return st.one_of(st.integers(-(2**70), 2**70), st.integers(-3, 3))
    if annotation is bool:
        return st.booleans()
    if annotation is datetime:
        return st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat())
    if annotation is type(None):
        return st.none()
    return json_values


def payloads_for(model: Any) -> st.SearchStrategy[bytes]:
    fields = {name: value_for(f.annotation) for name, f in model.model_fields.items()}
    typed = st.fixed_dictionaries(fields).map(lambda d: json.dumps(d).encode())
    return st.one_of(
        typed,
        typed,  # weighted: most examples reach the handler
        json_values.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=100),
    )


def headers_for(type_: str) -> st.SearchStrategy[list[tuple[str, bytes]]]:
    valid = st.builds(
        lambda subject: [
            ("ce_id", str(uuid.uuid4()).encode()),
            ("ce_source", b"/hostile"),
            ("ce_type", type_.encode()),
            ("ce_subject", subject),
            ("ce_specversion", b"1.0"),
        ],
        st.one_of(st.uuids().map(lambda u: str(u).encode()), st.binary(max_size=20)),
    )
    broken = st.lists(
        st.tuples(
            st.sampled_from(["ce_id", "ce_type", "ce_source", "ce_specversion", "x"]),
            st.one_of(st.binary(max_size=20), st.just(b"\xff\xfe")),
        ),
        max_size=6,
    )
    return st.one_of(valid, valid, valid, broken)


def record(topic: str, headers: list[tuple[str, bytes]], value: bytes) -> ConsumerRecord[Any, Any]:
    return ConsumerRecord(
        topic=topic,
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=b"k",
        value=value,
        checksum=None,
        serialized_key_size=1,
        serialized_value_size=len(value),
        headers=headers,
    )


@pytest.fixture(params=CONSUMERS)
async def service_dispatcher(
    request: pytest.FixtureRequest, infra: TestInfra
) -> AsyncIterator[Any]:
    name = request.param
    url = await fresh_service_database(infra, name)
    module = importlib.import_module(f"{name}.bootstrap")
    config = importlib.import_module(f"{name}.config")
    settings_class = next(
        c
        for c in vars(config).values()
        if isinstance(c, type) and issubclass(c, ServiceSettings) and c is not ServiceSettings
    )
    service = module.bootstrap(
        settings_class(
            database_url=url,
            kafka_bootstrap_servers=infra.kafka_bootstrap,
            kafka_consumer_group=f"{name}-hostile-{uuid.uuid4().hex[:6]}",
        )
    )
    await migrate(service)
    dispatcher = service.dispatcher()
    assert dispatcher is not None and dispatcher.routes, f"{name} handles no events"
    dispatcher.max_attempts = 2
    dispatcher.retry_backoff_s = 0.01
    dispatcher.dlq_producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap)
    await dispatcher.dlq_producer.start()
    try:
        yield dispatcher
    finally:
        await dispatcher.dlq_producer.stop()
        await service.chassis.dispose()


async def test_every_handler_survives_hostile_envelopes(service_dispatcher: Any) -> None:
    dispatcher = service_dispatcher
    loop = asyncio.get_running_loop()
    routes = sorted(dispatcher.routes.items())
    cases = st.sampled_from(routes).flatmap(
        lambda item: st.tuples(
            st.just(item[1].model.topic),
            st.one_of(headers_for(item[0]), headers_for("hostile.unknown.v1")),
            payloads_for(item[1].model),
        )
    )
    outcomes: dict[str, int] = {}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(case=cases)
    def check(case: tuple[str, list[tuple[str, bytes]], bytes]) -> None:
        topic, headers, value = case
        future = asyncio.run_coroutine_threadsafe(
            dispatcher.handle_record(record(topic, headers, value)), loop
        )
        outcome = future.result(timeout=60)
        assert outcome in OUTCOMES, outcome
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    await asyncio.to_thread(check)
    # both the poison path and the handlers themselves were really exercised
    assert outcomes.get("dead_lettered", 0) > 0, outcomes
    assert outcomes.get("handled", 0) + outcomes.get("ignored", 0) > 0, outcomes
