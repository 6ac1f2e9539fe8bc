"""Every published event matches its checked-in schema, or differs only additively."""

import pytest

from contracts.compat import breaking_changes
from contracts.registry import all_topics, event_types
from contracts.schemas import load_snapshot, schema_of


@pytest.mark.parametrize("type_name", sorted(event_types()))
def test_event_schema_is_snapshotted_and_compatible(type_name: str) -> None:
    model = event_types()[type_name]
    snapshot = load_snapshot(type_name)
    assert snapshot is not None, f"run `make schemas` to snapshot {type_name}"
    assert breaking_changes(snapshot, schema_of(model)) == []
    assert schema_of(model) == snapshot, f"schema of {type_name} changed: run `make schemas`"


def test_every_event_names_a_registered_topic_and_is_unique() -> None:
    seen: set[str] = set()
    for topic in all_topics():
        assert topic.partitions >= 1
        for event in topic.event_types:
            assert event.topic == topic.name
            assert event.type_name not in seen
            seen.add(event.type_name)
