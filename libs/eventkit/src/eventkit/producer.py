"""The one Kafka producer configuration every service uses: idempotent, ``acks=all``."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaProducer


def producer_config(bootstrap: str, client_id: str) -> dict[str, Any]:
    return {
        "bootstrap_servers": bootstrap,
        "client_id": client_id,
        "enable_idempotence": True,  # implies acks=all; no duplicates from producer retries
        "acks": "all",
        "linger_ms": 5,
        "max_batch_size": 256 * 1024,
        "request_timeout_ms": 30_000,
    }


def make_producer(bootstrap: str, client_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(**producer_config(bootstrap, client_id))
