"""A replayed dead letter goes back to the consumer group that failed, and only to it: the
replay keeps the original headers (CloudEvents binary mode), drops the old ``dlq_*`` ones and
names the group; the other groups of the topic skip it (they handled it already, and a poison
record sent to every group would come back once per group)."""

from __future__ import annotations

from eventkit.dead_letters import REPLAY_FOR_HEADER, replay_headers, replayed_for_another

DEAD_LETTER = [
    ("ce_id", b"evt-1"),
    ("ce_type", b"resources.resource.published.v1"),
    ("dlq_error_class", b"InvalidEnvelope"),
    ("dlq_original_topic", b"resources.resource.v1"),
    ("dlq_consumer_group", b"notifications"),
    (REPLAY_FOR_HEADER, b"notifications"),  # from an earlier replay that failed again
]


def test_the_replay_keeps_the_event_and_names_the_group_that_failed() -> None:
    headers = replay_headers(DEAD_LETTER, "resources.resource.v1.dlq/2/7")
    assert headers == [
        ("ce_id", b"evt-1"),
        ("ce_type", b"resources.resource.published.v1"),
        ("dlq_replay_of", b"resources.resource.v1.dlq/2/7"),
        (REPLAY_FOR_HEADER, b"notifications"),
    ]


def test_only_the_named_group_handles_a_replay() -> None:
    replayed = replay_headers(DEAD_LETTER, "resources.resource.v1.dlq/2/7")
    assert not replayed_for_another(replayed, "notifications")
    assert replayed_for_another(replayed, "resources")
    # an ordinary record is for every group
    assert not replayed_for_another([("ce_id", b"evt-2")], "resources")
