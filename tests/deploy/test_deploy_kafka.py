"""Strimzi resources equal the topic registry; partners read partner-visible topics only."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from contracts.registry import all_topics
from contracts.topics import Topic

Doc = dict[str, Any]


def test_kafka_topics_equal_the_registry(rendered: dict[str, list[Doc]]) -> None:
    for overlay, docs in rendered.items():
        topics = {d["spec"]["topicName"]: d for d in docs if d["kind"] == "KafkaTopic"}
        expected = {t.name: t for t in all_topics()} | {t.dlq: t for t in all_topics()}
        assert sorted(topics) == sorted(expected), overlay
        for name, doc in topics.items():
            topic = expected[name]
            assert doc["metadata"]["labels"]["strimzi.io/cluster"] == "diaspora"
            assert doc["spec"]["partitions"] == topic.partitions
            config = dict(topic.config())
            config.pop("min.insync.replicas")  # sized per overlay with the replicas
            assert {k: doc["spec"]["config"][k] for k in config} == config


def test_partners_read_partner_visible_topics_only(
    rendered: dict[str, list[Doc]], generator: ModuleType
) -> None:
    visible = {t.name for t in all_topics() if t.partner_visible}
    users = [d for d in rendered["prod"] if d["kind"] == "KafkaUser"]
    partners = [p["name"] for p in generator.load_config()["partners"]]
    assert len(users) == len(partners) >= 1
    for user in users:
        acls = user["spec"]["authorization"]["acls"]
        topic_acls = [a for a in acls if a["resource"]["type"] == "topic"]
        assert {a["resource"]["name"] for a in topic_acls} == visible
        for acl in acls:
            assert set(acl["operations"]) <= {"Read", "Describe"}
            assert acl["resource"]["patternType"] == "literal" or acl["resource"]["type"] == "group"
        assert user["spec"]["quotas"]["consumerByteRate"] > 0
        assert user["spec"]["authentication"]["type"] == "scram-sha-512"


def test_acls_follow_partner_visibility(generator: ModuleType) -> None:
    """With a registry that has both kinds, only the visible topic (never its DLQ) is granted."""
    topics = (
        Topic("open.thing.v1", "resources", 3, partner_visible=True, description="public"),
        Topic("private.person.v1", "profiles", 6, partner_visible=False, description="personal"),
    )
    cfg = generator.load_config()
    (user,) = generator.partner_user_docs(cfg, topics)[:1]
    granted = {
        a["resource"]["name"]
        for a in user["spec"]["authorization"]["acls"]
        if a["resource"]["type"] == "topic"
    }
    assert granted == {"open.thing.v1"}
    names = {d["spec"]["topicName"] for d in generator.kafka_topic_docs(cfg, topics)}
    assert names == {
        "open.thing.v1",
        "open.thing.v1.dlq",
        "private.person.v1",
        "private.person.v1.dlq",
    }
