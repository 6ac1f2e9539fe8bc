"""Projections for newsletters (audience members, published resources) and newsletters."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select, String, and_, exists, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import array, insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events.privacy import NEWSLETTERS
from notifications.adapters.orm import (
    alliance_body_seats,
    alliance_member_representatives,
    alliance_members,
    audience_members,
    consents,
    newsletters,
    organisation_memberships,
    organisations,
    preferences,
    published_resources,
    recipients,
)
from notifications.domain.newsletter import (
    LocalisedContent,
    Newsletter,
    NewsletterStatus,
    Segment,
)


class AudienceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def upsert_member(self, values: dict[str, Any]) -> None:
        """Newest profile version wins (stale or replayed events are ignored)."""
        stmt = insert(audience_members).values(**values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["person_id"],
                set_={k: stmt.excluded[k] for k in values if k != "person_id"},
                where=audience_members.c.version < stmt.excluded.version,
            )
        )

    async def member(self, person_id: UUID) -> RowMapping | None:
        q = select(audience_members).where(audience_members.c.person_id == person_id)
        return (await self.session.execute(q)).mappings().first()

    async def upsert_resource(self, values: dict[str, Any]) -> None:
        stmt = insert(published_resources).values(**values)
        await self.session.execute(
            stmt.on_conflict_do_update(
                index_elements=["resource_id"],
                set_={k: stmt.excluded[k] for k in values if k != "resource_id"},
                where=published_resources.c.version < stmt.excluded.version,
            )
        )

    async def published(self, ids: list[UUID]) -> list[RowMapping]:
        if not ids:
            return []
        q = (
            select(published_resources)
            .where(published_resources.c.resource_id.in_(ids))
            .where(published_resources.c.published.is_(True))
        )
        return list((await self.session.execute(q)).mappings())

    def _audience(self, segment: Segment) -> Select[Any]:
        """People matching the segment who still want newsletters by email."""
        q = (
            select(
                recipients.c.account_id,
                recipients.c.email,
                recipients.c.display_name,
                func.coalesce(preferences.c.language, recipients.c.locale).label("locale"),
                func.coalesce(preferences.c.time_zone, "UTC").label("time_zone"),
            )
            .select_from(
                recipients.join(
                    audience_members, audience_members.c.person_id == recipients.c.account_id
                ).outerjoin(preferences, preferences.c.person_id == recipients.c.account_id)
            )
            .where(recipients.c.email != "")  # erased accounts are tombstones
            .where(
                or_(
                    preferences.c.person_id.is_(None),
                    and_(
                        preferences.c.channels["email"].as_boolean().is_not(False),
                        func.coalesce(preferences.c.categories["newsletter"].astext, "immediate")
                        != "off",
                    ),
                )
            )
        )
        # a withdrawn NEWSLETTERS consent excludes at once (like an unsubscribe)
        q = q.where(
            ~exists().where(
                consents.c.person_id == recipients.c.account_id,
                consents.c.purpose == NEWSLETTERS,
                consents.c.active.is_(False),
            )
        )
        if segment.organisation_kinds:
            q = q.where(
                exists().where(
                    organisation_memberships.c.person_id == recipients.c.account_id,
                    organisations.c.organisation_id == organisation_memberships.c.organisation_id,
                    organisations.c.kind.in_(segment.organisation_kinds),
                )
            )
        if segment.alliance_ids or segment.alliance_member_kinds:
            member = [
                alliance_member_representatives.c.account_id == recipients.c.account_id,
                alliance_members.c.member_id == alliance_member_representatives.c.member_id,
                alliance_members.c.active.is_(True),
            ]
            if segment.alliance_ids:
                member.append(alliance_members.c.alliance_id.in_(segment.alliance_ids))
            if segment.alliance_member_kinds:
                member.append(alliance_members.c.kind.in_(segment.alliance_member_kinds))
            q = q.where(exists().where(*member))
        if segment.alliance_body_ids or segment.alliance_body_kinds:
            seat = [
                alliance_member_representatives.c.account_id == recipients.c.account_id,
                alliance_body_seats.c.member_id == alliance_member_representatives.c.member_id,
                alliance_body_seats.c.active.is_(True),
            ]
            if segment.alliance_body_ids:
                seat.append(alliance_body_seats.c.body_id.in_(segment.alliance_body_ids))
            if segment.alliance_body_kinds:
                seat.append(alliance_body_seats.c.body_kind.in_(segment.alliance_body_kinds))
            q = q.where(exists().where(*seat))
        if segment.countries_of_origin:
            q = q.where(audience_members.c.country_of_origin.in_(segment.countries_of_origin))
        if segment.countries_of_residence:
            q = q.where(audience_members.c.country_of_residence.in_(segment.countries_of_residence))
        if segment.interests:
            q = q.where(
                audience_members.c.interests.has_any(array(segment.interests, type_=String))
            )
        if segment.languages:
            q = q.where(
                audience_members.c.languages.has_any(array(segment.languages, type_=String))
            )
        return q

    async def audience_size(self, segment: Segment) -> int:
        q = select(func.count()).select_from(self._audience(segment).subquery())
        return int((await self.session.execute(q)).scalar_one())

    async def audience_after(
        self, segment: Segment, after: UUID | None, limit: int
    ) -> list[RowMapping]:
        """The next ``limit`` audience members after account ``after``, in account order
        (keyset: an audience of any size is read a chunk at a time)."""
        q = self._audience(segment)
        if after is not None:
            q = q.where(recipients.c.account_id > after)
        q = q.order_by(recipients.c.account_id).limit(limit)
        return list((await self.session.execute(q)).mappings())

    # ---- newsletters ---------------------------------------------------------------------
    async def add_newsletter(self, n: Newsletter) -> None:
        await self.session.execute(newsletters.insert().values(**_row(n)))

    async def save_newsletter(self, n: Newsletter) -> None:
        row = _row(n)
        del row["id"]
        await self.session.execute(
            update(newsletters).where(newsletters.c.id == n.id).values(**row)
        )

    async def newsletter(
        self, newsletter_id: UUID, *, for_update: bool = False
    ) -> Newsletter | None:
        q = select(newsletters).where(newsletters.c.id == newsletter_id)
        if for_update:
            q = q.with_for_update()
        row = (await self.session.execute(q)).mappings().first()
        return _newsletter(row) if row else None

    async def newsletters_page(
        self, *, created_by: UUID | None, before: tuple[datetime, UUID] | None, limit: int
    ) -> list[Newsletter]:
        """Newest first; ``created_by`` None lists everyone's (for newsletter managers)."""
        q = select(newsletters)
        if created_by is not None:
            q = q.where(newsletters.c.created_by == created_by)
        if before is not None:
            q = q.where(tuple_(newsletters.c.created_at, newsletters.c.id) < tuple_(*before))
        q = q.order_by(newsletters.c.created_at.desc(), newsletters.c.id.desc()).limit(limit)
        return [_newsletter(r) for r in (await self.session.execute(q)).mappings()]

    async def claim_due_newsletter(self, now: datetime) -> Newsletter | None:
        """A due newsletter whose audience is not all queued yet (scheduled, or queuing
        since a scheduler stopped half-way), locked; None when there is none."""
        q = (
            select(newsletters)
            .where(
                newsletters.c.status.in_(
                    [NewsletterStatus.SCHEDULED.value, NewsletterStatus.QUEUING.value]
                )
            )
            .where(newsletters.c.send_at <= now)
            .order_by(newsletters.c.send_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        row = (await self.session.execute(q)).mappings().first()
        return _newsletter(row) if row else None


def _row(n: Newsletter) -> dict[str, Any]:
    return {
        "id": n.id,
        "created_by": n.created_by,
        "content": {k: {"subject": v.subject, "intro": v.intro} for k, v in n.content.items()},
        "resource_ids": [str(r) for r in n.resource_ids],
        "event_ids": [str(e) for e in n.event_ids],
        "segment": n.segment.as_json(),
        "status": n.status.value,
        "send_at": n.send_at,
        "per_minute": n.per_minute,
        "recipients": n.recipients,
        "created_at": n.created_at,
        "version": n.version,
        "queued": n.queued,
        "queued_through": n.queued_through,
    }


def _newsletter(r: RowMapping) -> Newsletter:
    return Newsletter(
        id=r["id"],
        created_by=r["created_by"],
        content={k: LocalisedContent(**v) for k, v in r["content"].items()},
        resource_ids=[UUID(x) for x in r["resource_ids"]],
        event_ids=[UUID(x) for x in r["event_ids"]],
        segment=Segment.from_json(r["segment"]),
        status=NewsletterStatus(r["status"]),
        send_at=r["send_at"],
        per_minute=r["per_minute"],
        recipients=r["recipients"],
        created_at=r["created_at"],
        version=r["version"],
        queued=r["queued"],
        queued_through=r["queued_through"],
    )
