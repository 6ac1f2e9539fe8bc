"""A worker's broker connects with several bootstrap servers (the cluster topology's
``KAFKA_BOOTSTRAP_SERVERS=host:port,host:port,host:port``): FastStream passed the string on
as one server name, which did not resolve, and every worker waited for a broker forever."""

from __future__ import annotations

from devstack.harness import TestInfra
from eventkit.broker import bootstrap_list, make_broker
from eventkit.settings import ServiceSettings


def test_a_comma_separated_list_names_each_server() -> None:
    assert bootstrap_list("a:1, b:2,c:3,") == ["a:1", "b:2", "c:3"]
    assert bootstrap_list("kafka-bootstrap:9092") == ["kafka-bootstrap:9092"]


async def test_a_worker_broker_connects_through_a_list_of_servers(infra: TestInfra) -> None:
    both = f"{infra.kafka_bootstrap},{infra.kafka_bootstrap}"
    settings = ServiceSettings(service_name="bootstrap-test", kafka_bootstrap_servers=both)
    broker = make_broker(settings)
    try:
        await broker.connect()
        assert await broker.ping(timeout=10)
    finally:
        await broker.stop()
