"""Local projections of other services' state that notifications decides with: the consent
ledger, organisations and who belongs to them, alliance members, their representatives and
seats on alliance bodies, the public calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, or_, select, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.orm import (
    alliance_body_seats,
    alliance_member_representatives,
    alliance_members,
    calendar_events,
    calendar_registrations,
    consents,
    organisation_memberships,
    organisations,
)


def recipient_key(recipient_id: UUID | None) -> str:
    """The consent row's recipient: its id, or "platform" for the platform itself."""
    return str(recipient_id) if recipient_id is not None else "platform"


class ProjectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ---- consent ledger ------------------------------------------------------------------
    async def record_consent(self, values: dict[str, Any]) -> None:
        """The latest decision (by when the person made it) wins, whatever the arrival order;
        a redelivered event changes nothing."""
        stmt = insert(consents).values(**values)
        keys = ("person_id", "purpose", "recipient_key")
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=list(keys),
                set_={k: stmt.excluded[k] for k in values if k not in keys},
                where=consents.c.decided_at <= stmt.excluded.decided_at,
            )
        )

    # ---- organisations -------------------------------------------------------------------
    async def upsert_organisation(self, organisation_id: UUID, kind: str, version: int) -> None:
        stmt = insert(organisations).values(
            organisation_id=organisation_id, kind=kind, version=version
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["organisation_id"],
                set_={"kind": stmt.excluded.kind, "version": stmt.excluded.version},
                where=organisations.c.version <= stmt.excluded.version,
            )
        )

    async def set_membership(
        self, organisation_id: UUID, person_id: UUID, role: str | None
    ) -> None:
        """A role joins (or changes role); null leaves."""
        if role is None:
            await self.session.execute(
                delete(organisation_memberships).where(
                    organisation_memberships.c.organisation_id == organisation_id,
                    organisation_memberships.c.person_id == person_id,
                )
            )
            return
        stmt = insert(organisation_memberships).values(
            organisation_id=organisation_id, person_id=person_id, role=role
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["organisation_id", "person_id"], set_={"role": stmt.excluded.role}
            )
        )

    # ---- alliance members ----------------------------------------------------------------
    async def record_alliance_member(
        self, values: dict[str, Any], representative_ids: list[UUID]
    ) -> bool:
        """Newest step wins, its representatives replacing the previous set as a whole; an
        older (or the same, redelivered) event changes nothing new. Returns whether applied."""
        stmt = insert(alliance_members).values(**values)
        applied = await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["member_id"],
                set_={k: stmt.excluded[k] for k in values if k != "member_id"},
                where=alliance_members.c.occurred_at <= stmt.excluded.occurred_at,
            ).returning(alliance_members.c.member_id)
        )
        if applied.first() is None:
            return False
        member_id = values["member_id"]
        await self.session.execute(
            delete(alliance_member_representatives).where(
                alliance_member_representatives.c.member_id == member_id
            )
        )
        if representative_ids:
            await self.session.execute(
                insert(alliance_member_representatives)
                .values([{"member_id": member_id, "account_id": a} for a in representative_ids])
                .on_conflict_do_nothing()
            )
        return True

    async def record_body_seat(self, values: dict[str, Any]) -> None:
        """A member's seat on a body, per (body, member): newest change wins, whatever the
        arrival order; an ended seat is kept inactive so a late older event cannot revive it."""
        stmt = insert(alliance_body_seats).values(**values)
        keys = ("body_id", "member_id")
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=list(keys),
                set_={k: stmt.excluded[k] for k in values if k not in keys},
                where=alliance_body_seats.c.occurred_at <= stmt.excluded.occurred_at,
            )
        )

    # ---- calendar ------------------------------------------------------------------------
    async def upsert_calendar_event(self, values: dict[str, Any]) -> None:
        """Newest state wins; a cancelled entry stays cancelled (nothing un-cancels it)."""
        stmt = insert(calendar_events).values(**values)
        changes: dict[str, Any] = {k: stmt.excluded[k] for k in values if k != "event_id"}
        changes["cancelled"] = or_(calendar_events.c.cancelled, stmt.excluded.cancelled)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["event_id"],
                set_=changes,
                where=calendar_events.c.version <= stmt.excluded.version,
            )
        )

    async def cancel_calendar_event(
        self, event_id: UUID, title: str, starts_at: datetime, version: int
    ) -> None:
        """Cancelled, even if the schedule event never reached us (then a stub row)."""
        stmt = insert(calendar_events).values(
            event_id=event_id,
            kind="",
            title=title[:500],
            language="",
            organiser="",
            time_zone="UTC",
            starts_at=starts_at,
            ends_at=starts_at,
            cancelled=True,
            version=version,
        )
        await self.session.execute(
            stmt.on_conflict_do_update(index_elements=["event_id"], set_={"cancelled": True})
        )

    async def calendar(
        self, ids: list[UUID], *, include_cancelled: bool = False
    ) -> list[RowMapping]:
        if not ids:
            return []
        q = select(calendar_events).where(calendar_events.c.event_id.in_(ids))
        if not include_cancelled:
            q = q.where(calendar_events.c.cancelled.is_(False))
        return list(
            (await self.session.execute(q.order_by(calendar_events.c.starts_at))).mappings()
        )

    async def calendar_event(self, event_id: UUID) -> RowMapping | None:
        q = select(calendar_events).where(calendar_events.c.event_id == event_id)
        return (await self.session.execute(q)).mappings().first()

    # ---- who is told: registrations and alliance audiences -------------------------------
    async def record_registration(
        self, event_id: UUID, person_id: UUID, status: str, sequence: int
    ) -> None:
        """The newest status of a person's registration (an older redelivery changes none)."""
        stmt = insert(calendar_registrations).values(
            event_id=event_id, person_id=person_id, status=status[:20], sequence=sequence
        )
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["event_id", "person_id"],
                set_={"status": stmt.excluded.status, "sequence": stmt.excluded.sequence},
                where=calendar_registrations.c.sequence <= stmt.excluded.sequence,
            )
        )

    async def registrants(self, event_id: UUID) -> list[UUID]:
        """People holding a seat or waiting for one."""
        q = (
            select(calendar_registrations.c.person_id)
            .where(calendar_registrations.c.event_id == event_id)
            .where(calendar_registrations.c.status.in_(("confirmed", "waitlisted")))
            .order_by(calendar_registrations.c.person_id)
        )
        return list((await self.session.execute(q)).scalars())

    async def representatives(
        self,
        *,
        member_id: UUID | None = None,
        body_id: UUID | None = None,
        alliance_id: UUID | None = None,
    ) -> list[UUID]:
        """The accounts acting for active members: of one member, of the members seated on a
        body, or of every member of an alliance."""
        reps, members = alliance_member_representatives, alliance_members
        q = (
            select(reps.c.account_id)
            .distinct()
            .join(members, members.c.member_id == reps.c.member_id)
            .where(members.c.active == true())
        )
        if member_id is not None:
            q = q.where(reps.c.member_id == member_id)
        if alliance_id is not None:
            q = q.where(members.c.alliance_id == alliance_id)
        if body_id is not None:
            seats = alliance_body_seats
            q = q.join(seats, seats.c.member_id == reps.c.member_id).where(
                seats.c.body_id == body_id, seats.c.active == true()
            )
        return list((await self.session.execute(q.order_by(reps.c.account_id))).scalars())
