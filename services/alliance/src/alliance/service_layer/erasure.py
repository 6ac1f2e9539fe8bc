"""Reaction to a person erasing their account (profiles.account.erased).

Runs inside the dispatcher's unit of work, with the inbox row: it must not commit itself.
"""

from __future__ import annotations

from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from contracts.envelope import CloudEvent
from contracts.events import profiles


async def account_erased(
    event: profiles.AccountErased, _: CloudEvent, uow: AllianceUnitOfWork
) -> None:
    for member in await uow.members.represented_by(event.account_id):
        member.forget_representative(event.account_id, at=event.erased_at)
