import pytest
from cloudevents.core.bindings import kafka
from cloudevents.core.v1.event import CloudEvent as SdkCloudEvent

from contracts.envelope import CloudEvent, InvalidEnvelope


def test_binary_mode_round_trip() -> None:
    event = CloudEvent(source="/profiles", type="x.y", subject="42", sequence=3, data={"a": "é"})
    parsed = CloudEvent.from_kafka(event.kafka_headers(), event.kafka_value())
    assert parsed == event


@pytest.mark.parametrize(
    ("headers", "value"),
    [
        ([], b"{}"),
        ([("ce_id", b"1"), ("ce_source", b"s"), ("ce_type", b"t"), ("ce_subject", b"s")], b"{}"),
        (
            [(f"ce_{k}", b"1") for k in ("id", "source", "type", "subject")]
            + [("ce_specversion", b"1.0")],
            b"not json",
        ),
        (
            [(f"ce_{k}", b"1") for k in ("id", "source", "type", "subject")]
            + [("ce_specversion", b"1.0")],
            b"[1]",
        ),
        ([("ce_id", b"\x80")], b"{}"),  # found by fuzzing: not UTF-8
    ],
)
def test_malformed_envelopes_are_rejected(headers: list[tuple[str, bytes]], value: bytes) -> None:
    with pytest.raises(InvalidEnvelope):
        CloudEvent.from_kafka(headers, value)


def _sdk_message(event: CloudEvent) -> kafka.KafkaMessage:
    return kafka.KafkaMessage(
        headers=dict(event.kafka_headers()), key=event.subject.encode(), value=event.kafka_value()
    )


def test_binary_mode_keeps_the_kafka_protocol_binding() -> None:
    """CloudEvents Kafka binding 3.2.1: datacontenttype is the ``content-type`` header; every
    other attribute a ``ce_`` header. The SDK reads our record to the same event."""
    event = CloudEvent(
        source="/profiles",
        type="profiles.person.created",
        subject="42",
        sequence=3,
        correlationid="c-1",
        traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        data={"a": "é"},
    )
    headers = dict(event.kafka_headers())
    assert headers["content-type"] == b"application/json"
    assert "ce_datacontenttype" not in headers
    assert all(k == "content-type" or k.startswith("ce_") for k in headers)

    parsed = kafka.from_binary_event(_sdk_message(event))
    assert parsed.get_datacontenttype() == "application/json"
    assert parsed.get_id() == event.id
    assert parsed.get_source() == "/profiles"
    assert parsed.get_type() == "profiles.person.created"
    assert parsed.get_subject() == "42"
    assert parsed.get_specversion() == "1.0"
    assert parsed.get_time() == event.time
    assert parsed.get_extension("sequence") == "3"
    assert parsed.get_extension("correlationid") == "c-1"
    assert parsed.get_extension("traceparent") == event.traceparent
    assert parsed.get_extension("partitionkey") == "42"  # the key is the aggregate id
    assert parsed.get_data() == {"a": "é"}


def test_records_the_sdk_writes_are_read() -> None:
    sdk_event = SdkCloudEvent(
        attributes={
            "type": "profiles.person.created",
            "source": "/partner-replay",
            "subject": "7",
            "datacontenttype": "application/json",
            "sequence": "2",
        },
        data={"person_id": "7"},
    )
    message = kafka.to_binary_event(sdk_event)
    assert "content-type" in message.headers
    ours = CloudEvent.from_kafka(list(message.headers.items()), message.value)
    assert (ours.id, ours.type, ours.subject, ours.sequence) == (
        sdk_event.get_id(),
        "profiles.person.created",
        "7",
        2,
    )
    assert ours.time == sdk_event.get_time()
    assert ours.datacontenttype == "application/json"
    assert ours.data == {"person_id": "7"}


def test_records_from_before_the_binding_was_kept_stay_readable() -> None:
    """Retained records carry ``ce_datacontenttype``; header names are case-insensitive."""
    event = CloudEvent(source="/s", type="t.u", subject="1", data={})
    old = [
        ("ce_datacontenttype" if k == "content-type" else k.upper(), v)
        for k, v in event.kafka_headers()
    ]
    assert CloudEvent.from_kafka(old, event.kafka_value()) == event
