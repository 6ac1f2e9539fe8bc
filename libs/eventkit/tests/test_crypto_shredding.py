"""Crypto-shredding: personal fields are unreadable without the subject's key, bound to
their subject and field, and unrecoverable once the key is destroyed."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest
from aiokafka import ConsumerRecord
from cryptography.exceptions import InvalidTag

from contracts.envelope import CloudEvent
from contracts.privacy import encrypted_key_ids, is_encrypted
from eventkit.crypto import (
    CachingKeyResolver,
    SubjectErased,
    decrypt_fields,
    decrypt_value,
    encrypt_fields,
    new_key,
)
from eventkit.subject_keys import HttpKeyResolver


class Keys:
    def __init__(self) -> None:
        self.keys: dict[str, bytes | None] = {}
        self.calls = 0

    async def key(self, key_id: str) -> bytes | None:
        self.calls += 1
        return self.keys.get(key_id)


def consumer_record(ce: CloudEvent, offset: int = 0) -> ConsumerRecord[bytes, bytes]:
    """``ce`` as the consumer receives it from topic t.v1."""
    return ConsumerRecord(
        topic="t.v1",
        partition=0,
        offset=offset,
        timestamp=0,
        timestamp_type=0,
        key=b"k",
        value=ce.kafka_value(),
        checksum=None,
        serialized_key_size=1,
        serialized_value_size=1,
        headers=ce.kafka_headers(),
    )


PAYLOAD = {
    "account_id": "p-1",
    "email": "amina@example.org",
    "display_name": "Amina",
    "locale": "fr",
}


async def test_round_trip_and_nothing_readable_in_transit() -> None:
    keys = Keys()
    keys.keys["k1"] = new_key()
    sealed = encrypt_fields(
        PAYLOAD, ["email", "display_name"], key_id="k1", key=keys.keys["k1"], subject="p-1"
    )
    wire = json.dumps(sealed)
    assert "amina" not in wire.lower() and "Amina" not in wire
    assert is_encrypted(sealed["email"]) and sealed["locale"] == "fr"
    assert encrypted_key_ids(sealed) == {"k1"}
    assert await decrypt_fields(sealed, "p-1", keys) == PAYLOAD


async def test_ciphertext_is_bound_to_subject_and_field() -> None:
    key = new_key()
    sealed = encrypt_fields(PAYLOAD, ["email", "display_name"], key_id="k", key=key, subject="p-1")
    with pytest.raises(InvalidTag):
        decrypt_value(sealed["email"], key=key, subject="p-2", field="email")
    with pytest.raises(InvalidTag):
        decrypt_value(sealed["email"], key=key, subject="p-1", field="display_name")


async def test_destroyed_key_means_erased() -> None:
    keys = Keys()
    keys.keys["k1"] = new_key()
    sealed = encrypt_fields(PAYLOAD, ["email"], key_id="k1", key=keys.keys["k1"], subject="p-1")
    keys.keys["k1"] = None  # erasure destroys the key
    with pytest.raises(SubjectErased):
        await decrypt_fields(sealed, "p-1", keys)


async def test_cache_bounds_calls_and_sees_destruction_after_ttl() -> None:
    keys = Keys()
    keys.keys["k1"] = new_key()
    cached = CachingKeyResolver(keys, ttl_s=0.05)
    assert await cached.key("k1") == await cached.key("k1")
    assert keys.calls == 1
    keys.keys["k1"] = None
    await asyncio.sleep(0.06)
    assert await cached.key("k1") is None


async def test_a_tampered_field_is_poison_not_a_stall() -> None:
    """The dispatcher dead-letters what it cannot decrypt (checked without a broker: the
    DLQ producer is a recorder)."""
    import uuid

    from eventkit.consumer import EventDispatcher

    class Recorder:
        sent: list[str] = []

        async def send_and_wait(self, topic: str, **_: object) -> None:
            self.sent.append(topic)

    keys = Keys()
    keys.keys["k1"] = new_key()
    sealed = encrypt_fields(PAYLOAD, ["email"], key_id="k1", key=keys.keys["k1"], subject="p-1")
    sealed["email"] = {**sealed["email"], "data": sealed["email"]["data"][:-4] + "AAAA"}
    ce = CloudEvent(source="/t", type="t.x", subject="p-1", data=sealed, id=str(uuid.uuid4()))

    class Model:  # never reached
        type_name = "t.x"
        topic = "t.v1"

    d: EventDispatcher = EventDispatcher("t", lambda: None)  # type: ignore[arg-type,return-value]
    d.routes["t.x"] = type("R", (), {"model": Model, "handler": None})()  # type: ignore[assignment]
    d.key_resolver = keys
    recorder = Recorder()
    d.dlq_producer = recorder  # type: ignore[assignment]
    record = consumer_record(ce)
    assert await d.handle_record(record) == "dead_lettered"
    assert recorder.sent == ["t.v1.dlq"]


async def test_the_cache_forgets_keys_older_than_its_ttl() -> None:
    """A long-running consumer meets a new person every few events: it must hold only the
    keys fetched within the TTL, not one per person ever seen."""
    keys = Keys()
    cached = CachingKeyResolver(keys, ttl_s=0.05)
    for i in range(50):
        keys.keys[f"k{i}"] = new_key()
        await cached.key(f"k{i}")
    assert len(cached) == 50
    await asyncio.sleep(0.06)
    keys.keys["fresh"] = new_key()
    await cached.key("fresh")
    assert len(cached) == 1


async def test_the_http_resolver_keeps_one_client() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200, json={"key": base64.b64encode(b"k" * 32).decode()})

    resolver = HttpKeyResolver("http://keys/v1", "t0ken", transport=httpx.MockTransport(answer))
    client = resolver._http()
    assert await resolver.key("a") == b"k" * 32
    assert await resolver.key("b") == b"k" * 32
    assert resolver._http() is client and seen == ["Bearer t0ken"] * 2
    await resolver.aclose()
    assert client.is_closed


async def test_a_batch_fetches_its_subjects_keys_at_once() -> None:
    """A batch of events about many people needs one key each from the owner's endpoint: they
    are fetched together, not one record after another (the cluster chaos suite's consumers
    fell minutes behind when each fetch waited for the one before). Checked without a broker
    or database: the events fail validation after decryption and go to a recording DLQ."""
    import time
    from typing import ClassVar

    from pydantic import BaseModel

    from eventkit.consumer import KEY_FETCH_CONCURRENCY, EventDispatcher

    class SlowKeys(Keys):
        in_flight = 0
        most_in_flight = 0

        async def key(self, key_id: str) -> bytes | None:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            await asyncio.sleep(0.1)
            self.in_flight -= 1
            return await super().key(key_id)

    class Recorder:
        sent: list[str] = []

        async def send_and_wait(self, topic: str, **_: object) -> None:
            self.sent.append(topic)

    class Model(BaseModel):  # validation fails after decryption: dead-lettered
        type_name: ClassVar[str] = "t.x"
        topic: ClassVar[str] = "t.v1"
        missing_field: int

    keys = SlowKeys()
    records = []
    for i in range(32):
        keys.keys[f"k{i}"] = new_key()
        sealed = encrypt_fields(
            PAYLOAD, ["email"], key_id=f"k{i}", key=keys.keys[f"k{i}"], subject=f"p-{i}"
        )
        ce = CloudEvent(source="/t", type="t.x", subject=f"p-{i}", data=sealed)
        records.append(consumer_record(ce, offset=i))
    d: EventDispatcher = EventDispatcher("t", lambda: None)  # type: ignore[arg-type,return-value]
    d.routes["t.x"] = type("R", (), {"model": Model, "handler": None})()  # type: ignore[assignment]
    d.key_resolver = CachingKeyResolver(keys, ttl_s=60)
    d.dlq_producer = Recorder()  # type: ignore[assignment]

    started = time.monotonic()
    outcomes = await d.handle_batch(records)

    assert outcomes == ["dead_lettered"] * 32
    assert keys.calls == 32  # each key once: the records found them cached
    assert keys.most_in_flight == KEY_FETCH_CONCURRENCY
    assert time.monotonic() - started < 32 * 0.1 / 4  # one after another took 3.2 s
