"""The records the outbox relay puts on the real broker keep the CloudEvents Kafka protocol
binding: the ``cloudevents`` SDK reads each one back to the event the service wrote."""

from __future__ import annotations

import asyncio

import kit
from cloudevents.core.bindings import kafka

from devstack.harness import TestInfra
from eventkit.service import Chassis


async def test_relayed_records_parse_with_the_cloudevents_sdk(
    kit_chassis: Chassis, topic: str, infra: TestInfra
) -> None:
    Thing = kit.event_class(topic)
    thing = kit.new_id()
    async with kit.uow_factory(kit_chassis)() as uow:
        written = [
            await uow.outbox.add(
                uow.session, Thing(thing_id=thing, seq=seq), sequence=seq, correlation_id="c-9"
            )
            for seq in (1, 2)
        ]
        await uow.commit()

    stop = asyncio.Event()
    relay = asyncio.create_task(kit_chassis.run_relay(stop))
    records = await kit.read_topic(infra.kafka_bootstrap, topic, expected=2)
    stop.set()
    await relay

    assert len(records) == 2
    for record, ce in zip(sorted(records, key=lambda r: r.offset), written, strict=True):
        headers = dict(record.headers)
        assert headers["content-type"] == b"application/json"
        assert "ce_datacontenttype" not in headers
        parsed = kafka.from_binary_event(
            kafka.KafkaMessage(headers=headers, key=record.key, value=record.value)
        )
        assert parsed.get_id() == ce.id
        assert parsed.get_type() == Thing.type_name
        assert parsed.get_source() == ce.source
        assert parsed.get_subject() == str(thing)
        assert parsed.get_time() == ce.time
        assert parsed.get_datacontenttype() == "application/json"
        assert parsed.get_extension("sequence") == str(ce.sequence)
        assert parsed.get_extension("correlationid") == "c-9"
        assert parsed.get_extension("partitionkey") == str(thing)
        assert parsed.get_data() == ce.data
