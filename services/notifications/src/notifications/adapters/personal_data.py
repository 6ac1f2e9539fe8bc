"""Everything notifications holds about one person, read for an export or removed for an
erasure (DESIGN §6). Rows about the person only: never another person's data."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Table, Text, cast, delete, func, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from notifications.adapters.orm import (
    alliance_member_representatives,
    alliance_members,
    audience_members,
    calendar_registrations,
    consents,
    deliveries,
    digest_entries,
    feed_items,
    organisation_memberships,
    partner_events,
    preferences,
    recipients,
)
from notifications.domain.delivery import DeliveryStatus

#: the columns of a delivery a person gets back (not the rendered bodies: the subject says
#: what it was, the person has the mail itself)
_DELIVERY_COLUMNS = (
    "id",
    "channel",
    "address",
    "template",
    "category",
    "locale",
    "subject",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "sent_at",
)


class PersonalDataStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, table: Table, column: str, person_id: UUID) -> list[dict[str, Any]]:
        q = select(table).where(table.c[column] == person_id)
        return [dict(r) for r in (await self.session.execute(q)).mappings()]

    async def export(self, person_id: UUID) -> dict[str, Any]:
        recipient = await self._rows(recipients, "account_id", person_id)
        contact = [
            {k: r[k] for k in ("email", "display_name", "locale")}
            for r in recipient
            if r["email"]  # an erased account's tombstone holds nothing
        ]
        prefs = await self._rows(preferences, "person_id", person_id)
        sent = await self.session.execute(
            select(*(deliveries.c[c] for c in _DELIVERY_COLUMNS))
            .where(deliveries.c.recipient_id == person_id)
            .order_by(deliveries.c.created_at)
        )
        return {
            "contact": contact[0] if contact else None,
            "preferences": prefs[0] if prefs else None,
            "feed": await self._rows(feed_items, "person_id", person_id),
            "pending_digest_entries": await self._rows(digest_entries, "person_id", person_id),
            "email_deliveries": [dict(r) for r in sent.mappings()],
            "consents": await self._rows(consents, "person_id", person_id),
            "newsletter_audience_profile": next(
                iter(await self._rows(audience_members, "person_id", person_id)), None
            ),
            "organisation_memberships": await self._rows(
                organisation_memberships, "person_id", person_id
            ),
            "alliance_members_represented": await self._represented(person_id),
            "calendar_registrations": await self._rows(
                calendar_registrations, "person_id", person_id
            ),
        }

    async def _represented(self, person_id: UUID) -> list[dict[str, Any]]:
        q = (
            select(
                alliance_members.c.member_id,
                alliance_members.c.alliance_id,
                alliance_members.c.kind,
                alliance_members.c.status,
            )
            .join(
                alliance_member_representatives,
                alliance_member_representatives.c.member_id == alliance_members.c.member_id,
            )
            .where(alliance_member_representatives.c.account_id == person_id)
            .order_by(alliance_members.c.member_id)
        )
        return [dict(r) for r in (await self.session.execute(q)).mappings()]

    async def _delete(self, table: Table, column: str, person_id: UUID) -> int:
        result = await self.session.execute(delete(table).where(table.c[column] == person_id))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def erase(
        self, person_id: UUID, personal_fields: frozenset[str] = frozenset()
    ) -> tuple[dict[str, int], dict[str, int]]:
        """(deleted, de-identified) counts per table. The recipient row itself stays as a
        tombstone (RecipientRepository.erase) so late events cannot bring the person back."""
        deleted = {
            "preferences": await self._delete(preferences, "person_id", person_id),
            "feed_items": await self._delete(feed_items, "person_id", person_id),
            "digest_entries": await self._delete(digest_entries, "person_id", person_id),
            "audience_members": await self._delete(audience_members, "person_id", person_id),
            "consents": await self._delete(consents, "person_id", person_id),
            "organisation_memberships": await self._delete(
                organisation_memberships, "person_id", person_id
            ),
            # the member itself (a state, an organisation) is not the person's data
            "alliance_member_representatives": await self._delete(
                alliance_member_representatives, "account_id", person_id
            ),
            "calendar_registrations": await self._delete(
                calendar_registrations, "person_id", person_id
            ),
        }
        unsent = await self.session.execute(
            delete(deliveries)
            .where(deliveries.c.recipient_id == person_id)
            .where(deliveries.c.status == DeliveryStatus.PENDING.value)
        )
        deleted["email_deliveries"] = int(unsent.rowcount or 0)  # type: ignore[attr-defined]
        # sent or failed mail: the log row stays (counts, bounces) without address or content
        sent = await self.session.execute(
            update(deliveries)
            .where(deliveries.c.recipient_id == person_id)
            .where(deliveries.c.address != "")
            .values(address="", subject="", body_text="", body_html="", headers={})
        )
        # partner events about the person are kept for replays, without their personal fields
        stripped = (
            await self.session.execute(
                update(partner_events)
                .where(partner_events.c.subject == str(person_id))
                .values(
                    envelope=partner_events.c.envelope.op("||")(
                        func.jsonb_build_object(
                            "data",
                            partner_events.c.envelope["data"].op("-")(
                                cast(sorted(personal_fields), ARRAY(Text))
                            ),
                        )
                    )
                )
            )
            if personal_fields
            else None
        )
        de_identified = {
            "partner_events": int(stripped.rowcount or 0) if stripped else 0,  # type: ignore[attr-defined]
            "email_deliveries": int(sent.rowcount or 0),  # type: ignore[attr-defined]
        }
        return {k: v for k, v in deleted.items() if v}, {
            k: v for k, v in de_identified.items() if v
        }
