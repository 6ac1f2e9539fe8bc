"""The small base every aggregate shares: it records what happened to it.

Domain events stay inside the service; the unit of work maps them to integration
events (contracts) and writes them to the outbox in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(kw_only=True)
class DomainEvent:
    """Something that happened to an aggregate, in the past tense."""


@dataclass(kw_only=True, eq=False)
class AggregateRoot:
    #: incremented on every change; published as the CloudEvents ``sequence``
    version: int = 0
    events: list[DomainEvent] = field(default_factory=list, repr=False, compare=False)

    def record(self, event: DomainEvent) -> None:
        self.version += 1
        self.events.append(event)
