"""Storage of the privacy sagas, and profiles' own slice of a person's data (export, erasure)."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.idempotency import forgetting
from eventkit.privacy import ErasureReport
from profiles.adapters.identity_store import digest
from profiles.adapters.orm import (
    account_notices,
    accounts,
    blocks,
    connections,
    conversation_reads,
    conversations,
    directory_people,
    idempotency_keys,
    login_failures,
    membership_requests,
    messages,
    oidc_identities,
    oidc_logins,
    one_time_tokens,
    organisation_members,
    organisations,
    outbox,
    person_photos,
    person_profiles,
    privacy_erasures,
    privacy_export_parts,
    privacy_exports,
    refresh_tokens,
    second_factors,
    trusted_sign_ins,
)
from profiles.domain.privacy import (
    MESSAGE_TOMBSTONE,
    DataExport,
    Erasure,
    ErasureStatus,
    ExportStatus,
    ReceivedPart,
)


class ErasureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, erasure: Erasure, receipt_hash: str) -> None:
        await self.session.execute(
            privacy_erasures.insert().values(
                id=erasure.id,
                person_id=erasure.person_id,
                receipt_hash=receipt_hash,
                status=erasure.status.value,
                participants=list(erasure.participants),
                confirmations=erasure.confirmations,
                requested_at=erasure.requested_at,
                last_requested_at=erasure.last_requested_at or erasure.requested_at,
                requests=erasure.requests,
            )
        )

    async def get(self, erasure_id: UUID, *, for_update: bool = False) -> Erasure | None:
        query = select(privacy_erasures).where(privacy_erasures.c.id == erasure_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _erasure(row) if row else None

    async def receipt_hash(self, erasure_id: UUID) -> str | None:
        return (
            await self.session.execute(
                select(privacy_erasures.c.receipt_hash).where(privacy_erasures.c.id == erasure_id)
            )
        ).scalar()

    async def of_person(self, person_id: UUID) -> Erasure | None:
        row = (
            (
                await self.session.execute(
                    select(privacy_erasures)
                    .where(privacy_erasures.c.person_id == person_id)
                    .order_by(privacy_erasures.c.requested_at.desc())
                    .limit(1)
                )
            )
            .mappings()
            .first()
        )
        return _erasure(row) if row else None

    async def pending_since(self, before: datetime, limit: int) -> list[Erasure]:
        """Pending sagas last asked about before ``before``, locked (other workers skip them)."""
        rows = (
            (
                await self.session.execute(
                    select(privacy_erasures)
                    .where(
                        privacy_erasures.c.status == ErasureStatus.PENDING.value,
                        privacy_erasures.c.last_requested_at <= before,
                    )
                    .order_by(privacy_erasures.c.last_requested_at)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            )
            .mappings()
            .all()
        )
        return [_erasure(r) for r in rows]

    async def save(self, erasure: Erasure) -> None:
        await self.session.execute(
            privacy_erasures.update()
            .where(privacy_erasures.c.id == erasure.id)
            .values(
                status=erasure.status.value,
                confirmations=erasure.confirmations,
                last_requested_at=erasure.last_requested_at or erasure.requested_at,
                requests=erasure.requests,
                completed_at=erasure.completed_at,
            )
        )


def _erasure(row: RowMapping) -> Erasure:
    return Erasure(
        id=row["id"],
        person_id=row["person_id"],
        requested_at=row["requested_at"],
        participants=tuple(row["participants"]),
        status=ErasureStatus(row["status"]),
        confirmations=dict(row["confirmations"]),
        last_requested_at=row["last_requested_at"],
        requests=row["requests"],
        completed_at=row["completed_at"],
    )


class ExportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, export: DataExport, private_key: bytes) -> None:
        await self.session.execute(
            privacy_exports.insert().values(
                id=export.id,
                person_id=export.person_id,
                status=export.status.value,
                participants=list(export.participants),
                public_key=export.public_key,
                private_key=private_key,
                requested_at=export.requested_at,
                last_requested_at=export.last_requested_at or export.requested_at,
                expires_at=export.expires_at,
            )
        )

    async def get(self, export_id: UUID, *, for_update: bool = False) -> DataExport | None:
        query = select(privacy_exports).where(privacy_exports.c.id == export_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        if row is None:
            return None
        parts = (
            await self.session.execute(
                select(
                    privacy_export_parts.c.service,
                    privacy_export_parts.c.part,
                    privacy_export_parts.c.parts,
                )
                .where(privacy_export_parts.c.export_id == export_id)
                .order_by(privacy_export_parts.c.service, privacy_export_parts.c.part)
            )
        ).all()
        return _export(row, [ReceivedPart(p.service, p.part, p.parts) for p in parts])

    async def add_part(
        self, export_id: UUID, service: str, part: int, parts: int, sealed: str, at: datetime
    ) -> None:
        await self.session.execute(
            insert(privacy_export_parts)
            .values(
                export_id=export_id,
                service=service,
                part=part,
                parts=parts,
                sealed=sealed,
                received_at=at,
            )
            .on_conflict_do_nothing()
        )

    async def drop_parts(self, export_id: UUID, service: str) -> None:
        await self.session.execute(
            delete(privacy_export_parts).where(
                privacy_export_parts.c.export_id == export_id,
                privacy_export_parts.c.service == service,
            )
        )

    async def sealed_parts(self, export_id: UUID) -> list[tuple[str, int, str]]:
        rows = (
            await self.session.execute(
                select(
                    privacy_export_parts.c.service,
                    privacy_export_parts.c.part,
                    privacy_export_parts.c.sealed,
                )
                .where(privacy_export_parts.c.export_id == export_id)
                .order_by(privacy_export_parts.c.service, privacy_export_parts.c.part)
            )
        ).all()
        return [(r.service, r.part, r.sealed) for r in rows]

    async def private_key(self, export_id: UUID) -> bytes | None:
        return (
            await self.session.execute(
                select(privacy_exports.c.private_key).where(privacy_exports.c.id == export_id)
            )
        ).scalar()

    async def mark_ready(
        self, export_id: UUID, archive_key: str, token_hash: str, at: datetime
    ) -> None:
        await self.session.execute(
            privacy_exports.update()
            .where(privacy_exports.c.id == export_id)
            .values(
                status=ExportStatus.READY.value,
                archive_key=archive_key,
                token_hash=token_hash,
                ready_at=at,
            )
        )

    async def asked_again(self, export_id: UUID, at: datetime) -> None:
        await self.session.execute(
            privacy_exports.update()
            .where(privacy_exports.c.id == export_id)
            .values(last_requested_at=at)
        )

    async def archive(self, export_id: UUID) -> tuple[DataExport, str | None, str | None] | None:
        """(export, archive key, token hash) for serving the download."""
        row = (
            (
                await self.session.execute(
                    select(privacy_exports).where(privacy_exports.c.id == export_id)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        return _export(row, []), row["archive_key"], row["token_hash"]

    async def assembling_since(self, before: datetime, limit: int) -> list[UUID]:
        return list(
            (
                await self.session.execute(
                    select(privacy_exports.c.id)
                    .where(
                        privacy_exports.c.status == ExportStatus.ASSEMBLING.value,
                        privacy_exports.c.last_requested_at <= before,
                    )
                    .order_by(privacy_exports.c.last_requested_at)
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            ).scalars()
        )

    async def expired(self, now: datetime, limit: int) -> list[UUID]:
        """Exports past their expiry not yet destroyed."""
        return list(
            (
                await self.session.execute(
                    select(privacy_exports.c.id)
                    .where(
                        privacy_exports.c.status != ExportStatus.EXPIRED.value,
                        privacy_exports.c.expires_at <= now,
                    )
                    .limit(limit)
                    .with_for_update(skip_locked=True)
                )
            ).scalars()
        )

    async def destroy(self, export_id: UUID) -> None:
        """Forget the key and the parts: what stays on Kafka can no longer be opened."""
        await self.session.execute(
            delete(privacy_export_parts).where(privacy_export_parts.c.export_id == export_id)
        )
        await self.session.execute(
            privacy_exports.update()
            .where(privacy_exports.c.id == export_id)
            .values(
                status=ExportStatus.EXPIRED.value,
                private_key=None,
                archive_key=None,
                token_hash=None,
            )
        )

    async def of_person(self, person_id: UUID) -> list[UUID]:
        return list(
            (
                await self.session.execute(
                    select(privacy_exports.c.id).where(privacy_exports.c.person_id == person_id)
                )
            ).scalars()
        )


def _export(row: RowMapping, received: list[ReceivedPart]) -> DataExport:
    return DataExport(
        id=row["id"],
        person_id=row["person_id"],
        requested_at=row["requested_at"],
        expires_at=row["expires_at"],
        participants=tuple(row["participants"]),
        public_key=row["public_key"],
        status=ExportStatus(row["status"]),
        received=received,
        ready_at=row["ready_at"],
        last_requested_at=row["last_requested_at"],
    )


def _plain(row: dict[str, Any], *skip: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in skip}


class PersonalDataHolder(Protocol):
    """Another part of profiles' database that holds personal data (the mapping slice): the
    privacy saga exports and erases its part in the same transaction as profiles' own."""

    #: the key of its part in the export (and the prefix of its erasure tallies)
    key: str

    async def export(self, person_id: UUID) -> dict[str, Any]: ...

    async def erase(self, person_id: UUID) -> ErasureReport: ...


class PersonalDataStore:
    """profiles' own slice: what it holds about one person, and how it goes away."""

    def __init__(self, session: AsyncSession, holders: Sequence[PersonalDataHolder] = ()) -> None:
        self.session = session
        self.holders = holders

    async def _rows(self, query: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in (await self.session.execute(query)).mappings().all()]

    async def export_person(self, person_id: UUID) -> dict[str, Any]:
        """Everything, private fields included: it is the person's own data."""
        account = await self._rows(
            select(
                accounts.c.id,
                accounts.c.email,
                accounts.c.display_name,
                accounts.c.locale,
                accounts.c.status,
                accounts.c.roles,
                accounts.c.created_at,
                accounts.c.verified_at,
            ).where(accounts.c.id == person_id)
        )
        profile = await self._rows(
            select(person_profiles).where(person_profiles.c.person_id == person_id)
        )
        photo = await self._rows(
            select(
                person_photos.c.content_type,
                person_photos.c.image,
                person_photos.c.width,
                person_photos.c.height,
                person_photos.c.updated_at,
            ).where(person_photos.c.person_id == person_id)
        )
        for p in photo:
            p["image_base64"] = base64.b64encode(p.pop("image")).decode()
        memberships = await self._rows(
            select(
                organisation_members.c.organisation_id,
                organisations.c.name.label("organisation_name"),
                organisation_members.c.role,
                organisation_members.c.joined_at,
            )
            .join(organisations, organisations.c.id == organisation_members.c.organisation_id)
            .where(organisation_members.c.person_id == person_id)
        )
        requests = await self._rows(
            select(membership_requests).where(membership_requests.c.person_id == person_id)
        )
        links = await self._rows(
            select(connections).where(
                or_(
                    connections.c.requester_id == person_id, connections.c.addressee_id == person_id
                )
            )
        )
        blocked = await self._rows(
            select(blocks.c.blocked_id, blocks.c.created_at).where(blocks.c.blocker_id == person_id)
        )
        convs = await self._rows(
            select(conversations).where(
                or_(conversations.c.person_a == person_id, conversations.c.person_b == person_id)
            )
        )
        for conv in convs:
            conv["messages"] = await self._rows(
                select(messages.c.id, messages.c.sender_id, messages.c.body, messages.c.sent_at)
                .where(messages.c.conversation_id == conv["id"])
                .order_by(messages.c.sent_at, messages.c.id)
            )
        identities = await self._rows(
            select(
                oidc_identities.c.provider, oidc_identities.c.email, oidc_identities.c.linked_at
            ).where(oidc_identities.c.account_id == person_id)
        )
        sessions = await self._rows(
            select(refresh_tokens.c.issued_at, refresh_tokens.c.expires_at).where(
                refresh_tokens.c.account_id == person_id,
                refresh_tokens.c.used_at.is_(None),
                refresh_tokens.c.revoked_at.is_(None),
            )
        )
        # the state of two-factor sign-in, never its secret or the recovery codes' digests
        factor = await self._rows(
            select(
                second_factors.c.created_at.label("started_at"),
                second_factors.c.confirmed_at,
                func.jsonb_array_length(second_factors.c.recovery_digests).label(
                    "recovery_codes_left"
                ),
            ).where(second_factors.c.account_id == person_id)
        )
        return {
            "account": account[0] if account else None,
            "two_factor": {
                "authenticator_app": factor[0] if factor else None,
                "enabled": bool(factor and factor[0]["confirmed_at"] is not None),
            },
            "profile": _plain(profile[0], "version") if profile else None,
            "photo": photo[0] if photo else None,
            "organisation_memberships": memberships,
            "organisation_requests": requests,
            "connections": links,
            "blocked_people": blocked,
            "conversations": convs,
            "linked_identities": identities,
            "active_sessions": sessions,
            **{holder.key: await holder.export(person_id) for holder in self.holders},
        }

    async def erase_person(self, person_id: UUID, email: str) -> ErasureReport:
        """Delete what is only about the person; keep, de-identified, what others rely on.

        The account row stays (anonymised by the caller): other tables and services hold its
        id, and it makes a second erasure of the same account a no-op.
        """
        report = ErasureReport()

        async def gone(name: str, statement: Any) -> None:
            count: int = (await self.session.execute(statement)).rowcount  # type: ignore[attr-defined]
            if count:
                report.deleted[name] = count

        async def blanked(name: str, statement: Any) -> None:
            count: int = (await self.session.execute(statement)).rowcount  # type: ignore[attr-defined]
            if count:
                report.de_identified[name] = count

        pid = person_id
        await gone("idempotency_keys", forgetting(idempotency_keys, pid))
        await gone(
            "person_profiles", delete(person_profiles).where(person_profiles.c.person_id == pid)
        )
        await gone(
            "directory_people", delete(directory_people).where(directory_people.c.person_id == pid)
        )
        await gone("person_photos", delete(person_photos).where(person_photos.c.person_id == pid))
        await gone(
            "connections",
            delete(connections).where(
                or_(connections.c.requester_id == pid, connections.c.addressee_id == pid)
            ),
        )
        await gone(
            "blocks",
            delete(blocks).where(or_(blocks.c.blocker_id == pid, blocks.c.blocked_id == pid)),
        )
        await gone(
            "organisation_members",
            delete(organisation_members).where(organisation_members.c.person_id == pid),
        )
        await gone(
            "membership_requests",
            delete(membership_requests).where(membership_requests.c.person_id == pid),
        )
        # the messages they sent stay in the other person's thread as tombstones: the replies
        # keep their context and order, the words (which may identify them) are gone
        await blanked(
            "messages",
            update(messages)
            .where(messages.c.sender_id == pid, messages.c.body != MESSAGE_TOMBSTONE)
            .values(body=MESSAGE_TOMBSTONE),
        )
        await gone(
            "conversation_reads",
            delete(conversation_reads).where(conversation_reads.c.person_id == pid),
        )
        await gone(
            "oidc_identities", delete(oidc_identities).where(oidc_identities.c.account_id == pid)
        )
        await gone("oidc_logins", delete(oidc_logins).where(oidc_logins.c.link_account_id == pid))
        # sessions end: no refresh token of theirs works any more
        await gone(
            "refresh_tokens", delete(refresh_tokens).where(refresh_tokens.c.account_id == pid)
        )
        await gone(
            "one_time_tokens", delete(one_time_tokens).where(one_time_tokens.c.account_id == pid)
        )
        await gone(
            "second_factors", delete(second_factors).where(second_factors.c.account_id == pid)
        )
        await gone(
            "account_notices", delete(account_notices).where(account_notices.c.account_id == pid)
        )
        account_key = digest(email.strip().lower())
        await gone(
            "login_failures",
            delete(login_failures).where(login_failures.c.account_key == account_key),
        )
        await gone(
            "trusted_sign_ins",
            delete(trusted_sign_ins).where(trusted_sign_ins.c.account_key == account_key),
        )
        # relayed outbox rows are a delivery buffer that already did its job; those still
        # unrelayed must go out (participants need them), their personal fields are encrypted
        # under the subject key destroyed in this same transaction
        await gone(
            "outbox",
            delete(outbox).where(
                and_(outbox.c.aggregateid == str(pid), outbox.c.published_at.is_not(None))
            ),
        )
        # the other holders' parts go in the same transaction: the confirmation never
        # precedes the effect
        for holder in self.holders:
            part = await holder.erase(pid)
            report.deleted.update(part.deleted)
            report.de_identified.update(part.de_identified)
        return report
