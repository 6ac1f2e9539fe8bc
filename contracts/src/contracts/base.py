"""Integration events: the facts one service tells the others (and partners).

Integration events are not domain events: they are a published, versioned contract. Additive
changes stay in the same version; a breaking change needs a new event type or topic version
(enforced by ``contracts.compat`` against the checked-in JSON Schemas).
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class IntegrationEvent(BaseModel):
    """Base of every event payload (the CloudEvents ``data``).

    ``extra="ignore"`` makes consumers tolerant readers: a producer may add fields
    before every consumer knows them.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    #: CloudEvents ``type``, e.g. ``profiles.account.registered``
    type_name: ClassVar[str]
    #: name of the topic carrying this event (see ``contracts.registry``)
    topic: ClassVar[str]
    #: fields that carry personal data (crypto-shredded / withheld from partners)
    personal_fields: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def event_type(cls) -> str:
        return cls.type_name

    def subject(self) -> str:
        """Aggregate id: CloudEvents ``subject`` and the Kafka key (per-aggregate order)."""
        raise NotImplementedError
