"""The alliance's part in the privacy sagas (``eventkit.privacy``) and its access log.

A person appears here as an account acting for members (an expert or youth leader *is* the
member; a state has officials acting for it) and as the author of acts: ballots cast, minutes
drafted, progress reported, nominations. On erasure the individual seats are de-identified
(``Member.forget_representative``) and every remaining mention of the account in the alliance's
records is replaced by :data:`ERASED_ACCOUNT`: votes, minutes and reports stay — the alliance's
history relies on them — but they no longer lead to the person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

from alliance.domain.member import INDIVIDUALS, Member
from alliance.service_layer.access import Actor
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from contracts.vocabulary import Role
from eventkit.privacy import ErasureReport, record_access

#: stands in for an erased account wherever the alliance's records must keep an author
ERASED_ACCOUNT = UUID(int=0)

_MEMBER = TypeAdapter(Member)


class AlliancePrivacy:
    async def export_person(self, uow: AllianceUnitOfWork, person_id: UUID) -> dict[str, Any]:
        members = await uow.members.represented_by(person_id)
        return {
            "members_you_act_for": [
                _MEMBER.dump_python(m, mode="json", exclude={"events", "version"}) for m in members
            ],
            # ballots you cast, minutes you drafted, progress you reported...: where to look
            "records_naming_your_account": await uow.account_traces.find(person_id),
        }

    async def erase_person(
        self, uow: AllianceUnitOfWork, person_id: UUID, erased_at: datetime
    ) -> ErasureReport:
        members = await uow.members.represented_by(person_id)
        for member in members:
            member.forget_representative(person_id, at=erased_at)
        # save the domain's own de-identification before rewriting documents in place
        await uow.members.save_changes()
        traces = await uow.account_traces.replace(person_id, ERASED_ACCOUNT)
        # (the chassis forgets its Idempotency-Keys: eventkit.privacy)
        return ErasureReport(
            de_identified={
                "members": len(members),
                **{f"{t}_mentions": n for t, n in traces.items()},
            },
        )


async def record_official_read(uow: AllianceUnitOfWork, actor: Actor, member: Member) -> bool:
    """The platform secretariat read an individual's member file (motivation, history,
    representatives): tell the person's audit log. Returns whether anything was recorded."""
    if not actor.secretariat or member.kind not in INDIVIDUALS:
        return False
    if member.is_represented_by(actor.account_id):
        return False  # reading your own file
    for person_id in sorted(member.representatives):
        await record_access(
            uow,
            "alliance",
            person_id=person_id,
            accessor_id=actor.account_id,
            accessor_role=Role.ALLIANCE_SECRETARIAT.value,
            record_type="alliance_member",
            record_id=str(member.id),
        )
    return bool(member.representatives)
