"""How a service takes part in the privacy sagas run by profiles (``contracts.events.privacy``).

A service implements :class:`PrivacyParticipant` — its own slice of a person's data and how to
erase or de-identify it — and calls :func:`take_part_in_privacy_sagas` on its dispatcher. The
answers (erased / exported) go through the service's outbox in the same transaction as the
effect, so a confirmation is never sent for an erasure that rolled back. The same transaction
revokes the person's access tokens at this service (``eventkit.revocations``). Both sagas are
idempotent: profiles repeats a request until it has every answer, and answering twice is
harmless.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from pydantic_core import to_jsonable_python

from contracts.envelope import CloudEvent
from contracts.events import privacy, profiles
from eventkit.consumer import EventDispatcher
from eventkit.idempotency import forget as forget_keys
from eventkit.idempotency import idempotency_keys_table
from eventkit.logging import get_logger
from eventkit.revocations import revoke_subject
from eventkit.sealed import seal
from eventkit.uow import UnitOfWork

log = get_logger(__name__)

U = TypeVar("U", bound=UnitOfWork)
U_contra = TypeVar("U_contra", bound=UnitOfWork, contravariant=True)

#: plaintext bytes per sealed part: well under Kafka's 1 MiB message limit after base64
SLICE_PART_BYTES = 512 * 1024


@dataclass
class ErasureReport:
    """What an erasure did, as counts per kind of record (never values)."""

    deleted: dict[str, int] = field(default_factory=dict)
    de_identified: dict[str, int] = field(default_factory=dict)


class PrivacyParticipant(Protocol[U_contra]):
    async def export_person(self, uow: U_contra, person_id: uuid.UUID) -> dict[str, Any]:
        """Everything this service holds about the person (JSON-able), in the person's terms."""

    async def erase_person(
        self, uow: U_contra, person_id: uuid.UUID, erased_at: datetime
    ) -> ErasureReport:
        """Delete what is only about the person; de-identify what others rely on."""


def slice_parts(data: dict[str, Any], part_bytes: int = SLICE_PART_BYTES) -> Iterator[bytes]:
    raw = json.dumps(to_jsonable_python(data), ensure_ascii=False, sort_keys=True).encode()
    for start in range(0, max(len(raw), 1), part_bytes):
        yield raw[start : start + part_bytes]


def take_part_in_privacy_sagas(
    dispatcher: EventDispatcher[U], participant: PrivacyParticipant[U]
) -> None:
    """Subscribe ``dispatcher``'s service to erasure and export requests."""
    answers = privacy.PARTICIPANT_EVENTS[dispatcher.service]

    @dispatcher.on(profiles.AccountErased)
    async def erase(event: profiles.AccountErased, _: CloudEvent, uow: U) -> None:
        report = await participant.erase_person(uow, event.account_id, event.erased_at)
        # the account's access tokens stop opening this service once this commits
        await revoke_subject(uow, event.account_id, datetime.now(UTC))
        # answers kept for its Idempotency-Keys may hold its data
        keys = idempotency_keys_table(uow.outbox.table.metadata)
        forgotten = await forget_keys(uow.session, keys, event.account_id)
        if forgotten:
            report.deleted["idempotency_keys"] = forgotten
        log.info("privacy.erased", deleted=report.deleted, de_identified=report.de_identified)
        if event.erasure_id is None:  # an erasure from before the saga existed: nobody waits
            return
        await uow.publish(
            answers.erased(
                person_id=event.account_id,
                erasure_id=event.erasure_id,
                service=answers.service,
                deleted=report.deleted,
                de_identified=report.de_identified,
                erased_at=datetime.now(UTC),
            )
        )

    @dispatcher.on(privacy.DataExportRequested)
    async def export(event: privacy.DataExportRequested, _: CloudEvent, uow: U) -> None:
        if answers.service not in event.participants:
            return
        data = await participant.export_person(uow, event.person_id)
        parts = list(slice_parts({"service": answers.service, "data": data}))
        now = datetime.now(UTC)
        for index, part in enumerate(parts):
            await uow.publish(
                answers.exported(
                    person_id=event.person_id,
                    export_id=event.export_id,
                    service=answers.service,
                    part=index,
                    parts=len(parts),
                    sealed_slice=seal(event.public_key, part),
                    exported_at=now,
                )
            )
        log.info("privacy.exported", parts=len(parts))


async def record_access(
    uow: UnitOfWork,
    service: str,
    *,
    person_id: uuid.UUID,
    accessor_id: uuid.UUID,
    accessor_role: str,
    record_type: str,
    record_id: str | None = None,
) -> None:
    """Tell the person's audit log (kept by profiles) that an official read their data.

    Call it inside the unit of work of the read, then commit: the record is as durable as
    any other outbox event.
    """
    answers = privacy.PARTICIPANT_EVENTS[service]
    await uow.publish(
        answers.accessed(
            person_id=person_id,
            access_id=uuid.uuid4(),
            service=service,
            accessor_id=accessor_id,
            accessor_role=accessor_role,
            record_type=record_type,
            record_id=record_id,
            accessed_at=datetime.now(UTC),
        )
    )
