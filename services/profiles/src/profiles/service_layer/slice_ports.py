"""profiles' side of its vertical slices' ports (``profiles.mapping.service_layer.ports``).

These adapters satisfy the slice's Protocols structurally: nothing here imports the slice,
and the slice imports nothing of profiles' own layers; ``profiles.bootstrap`` wires the two.
Each is bound to the slice's transaction (repositories on its session, its unit of work's
``publish``) by the composition root.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.events import privacy
from eventkit.http.auth import Principal
from profiles.adapters.privacy_ledger import AuditLog, ConsentRepository
from profiles.domain.consent import DEFAULT_POLICY_VERSION, Recipient
from profiles.service_layer import audit, consents


class SliceConsents:
    """The consent ledger and audit log for a slice's sharing of identified answers."""

    def __init__(
        self,
        consents: ConsentRepository,
        audit_log: AuditLog,
        publish: Callable[[Any], Awaitable[None]],
    ) -> None:
        self.consents = consents
        self.audit_log = audit_log
        self._publish = publish

    async def publish(self, event: Any, *, sequence: int = 0) -> None:
        await self._publish(event)

    async def record_sharing(self, person_id: UUID, recipient_id: UUID, now: datetime) -> None:
        await consents.record_given(
            self,
            person_id,
            consents.ConsentRequest(
                purpose=privacy.MAPPING_SHARING,
                recipient_kind=privacy.RECIPIENT_ACCOUNT,
                recipient_id=recipient_id,
                channel="survey",
            ),
            DEFAULT_POLICY_VERSION,
            now,
        )

    async def shares_with(self, person_id: UUID, recipient_id: UUID) -> bool:
        return bool(
            await self.consents.granted_to(
                person_id,
                privacy.MAPPING_SHARING,
                [Recipient(privacy.RECIPIENT_ACCOUNT, recipient_id)],
            )
        )

    async def record_read(
        self, person_id: UUID, reader: Principal, record_type: str, record_id: str
    ) -> None:
        await audit.record_read(
            self.audit_log,
            person_id=person_id,
            reader=reader,
            role=audit.accessor_role(reader),
            record_type=record_type,
            record_id=record_id,
        )
