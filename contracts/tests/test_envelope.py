import pytest

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
