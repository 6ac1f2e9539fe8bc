"""The topic registry: every Kafka topic the platform uses, planned up front.

One topic per aggregate type, versioned in its name. Several event types share a topic
(told apart by the CloudEvents ``type``) so per-aggregate order holds. The registry is the
single source for topic creation (local broker), Strimzi ``KafkaTopic`` resources, partner
ACLs and AsyncAPI documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contracts.base import IntegrationEvent

DLQ_SUFFIX = ".dlq"
DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class Topic:
    name: str
    owner: str
    partitions: int
    partner_visible: bool
    description: str
    event_types: tuple[type[IntegrationEvent], ...] = field(default=())
    retention_ms: int = 30 * DAY_MS
    compacted: bool = False

    @property
    def dlq(self) -> str:
        return self.name + DLQ_SUFFIX

    def config(self) -> dict[str, str]:
        """Broker-side topic configuration, shared by local creation and Strimzi."""
        return {
            "cleanup.policy": "compact" if self.compacted else "delete",
            "retention.ms": str(self.retention_ms),
            "min.insync.replicas": "1",
        }

    def type_names(self) -> list[str]:
        return [e.event_type() for e in self.event_types]
