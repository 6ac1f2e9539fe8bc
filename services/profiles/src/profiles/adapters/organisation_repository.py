"""Organisations with their members and membership requests: rows <-> aggregate."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, literal_column, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import membership_requests, organisation_members, organisations
from profiles.domain.directory import fold, prefix_tsquery
from profiles.domain.organisation import (
    MemberRole,
    MembershipRequest,
    Organisation,
    OrganisationDetails,
    OrganisationKind,
    RequestKind,
    RequestStatus,
)

o = organisations
SIMPLE: Any = literal_column("'simple'::regconfig")


class OrganisationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, org_id: UUID, *, for_update: bool = False) -> Organisation | None:
        query = select(o).where(o.c.id == org_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        if row is None:
            return None
        members = await self.session.execute(
            select(organisation_members).where(organisation_members.c.organisation_id == org_id)
        )
        requests = await self.session.execute(
            select(membership_requests).where(membership_requests.c.organisation_id == org_id)
        )
        return Organisation(
            id=row["id"],
            details=OrganisationDetails(
                name=row["name"],
                kind=OrganisationKind(row["kind"]),
                country=row["country"],
                city=row["city"],
                website=row["website"],
                description=dict(row["description"]),
            ),
            created_by=row["created_by"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            verified_at=row["verified_at"],
            verified_by=row["verified_by"],
            refusal_reason=row["refusal_reason"],
            refused_at=row["refused_at"],
            refused_by=row["refused_by"],
            version=row["version"],
            members={m.person_id: MemberRole(m.role) for m in members},
            requests={
                r["id"]: MembershipRequest(
                    id=r["id"],
                    person_id=r["person_id"],
                    kind=RequestKind(r["kind"]),
                    role=MemberRole(r["role"]),
                    status=RequestStatus(r["status"]),
                    message=r["message"],
                    created_by=r["created_by"],
                    created_at=r["created_at"],
                    responded_at=r["responded_at"],
                )
                for r in requests.mappings()
            },
        )

    async def add(self, org: Organisation) -> None:
        await self.session.execute(o.insert().values(**_row(org), created_at=org.created_at))
        await self._save_members(org)

    async def save(self, org: Organisation) -> None:
        await self.session.execute(o.update().where(o.c.id == org.id).values(**_row(org)))
        await self._save_members(org)

    async def _save_members(self, org: Organisation) -> None:
        m = organisation_members
        await self.session.execute(delete(m).where(m.c.organisation_id == org.id))
        if org.members:
            await self.session.execute(
                m.insert(),
                [
                    {
                        "organisation_id": org.id,
                        "person_id": person,
                        "role": role.value,
                        "joined_at": org.updated_at,
                    }
                    for person, role in org.members.items()
                ],
            )
        for r in org.requests.values():
            values = {
                "id": r.id,
                "organisation_id": org.id,
                "person_id": r.person_id,
                "kind": r.kind.value,
                "role": r.role.value,
                "status": r.status.value,
                "message": r.message,
                "created_by": r.created_by,
                "created_at": r.created_at,
                "responded_at": r.responded_at,
            }
            statement = insert(membership_requests).values(**values)
            await self.session.execute(
                statement.on_conflict_do_update(
                    index_elements=[membership_requests.c.id],
                    set_={"status": r.status.value, "responded_at": r.responded_at},
                )
            )

    async def administered_by(self, account_id: UUID) -> set[UUID]:
        """The organisations ``account_id`` is a verified admin of."""
        rows = await self.session.scalars(
            select(organisation_members.c.organisation_id).where(
                organisation_members.c.person_id == account_id,
                organisation_members.c.role == MemberRole.ADMIN.value,
            )
        )
        return set(rows)

    async def of_member(self, person_id: UUID) -> list[dict[str, Any]]:
        """The organisations ``person_id`` belongs to, with their role in each, by name."""
        m = organisation_members
        rows = await self.session.execute(
            select(o.c.id, o.c.name, o.c.kind, o.c.country, o.c.verified_at, m.c.role)
            .join(m, m.c.organisation_id == o.c.id)
            .where(m.c.person_id == person_id)
            .order_by(o.c.sort_name, o.c.id)
        )
        return [dict(r) for r in rows.mappings()]

    async def search(
        self,
        q: str | None,
        kinds: list[str],
        countries: list[str],
        verified: bool | None,
        limit: int,
        after: tuple[str, UUID] | None,
    ) -> list[dict[str, Any]]:
        where: list[ColumnElement[bool]] = []
        tsquery = prefix_tsquery(q or "")
        if tsquery:
            where.append(o.c.document.op("@@")(func.to_tsquery(SIMPLE, tsquery)))
        if kinds:
            where.append(o.c.kind.in_(kinds))
        if countries:
            where.append(o.c.country.in_(countries))
        if verified is not None:
            where.append(o.c.verified_at.is_not(None) if verified else o.c.verified_at.is_(None))
        if after is not None:
            where.append(tuple_(o.c.sort_name, o.c.id) > tuple_(*after))
        rows = await self.session.execute(
            select(o.c.id, o.c.name, o.c.sort_name, o.c.kind, o.c.country, o.c.verified_at)
            .where(*where)
            .order_by(o.c.sort_name, o.c.id)
            .limit(limit + 1)
        )
        return [dict(r) for r in rows.mappings()]


def _row(org: Organisation) -> dict[str, Any]:
    d = org.details
    text = " ".join([d.name, d.city or "", d.kind.value.replace("_", " "), *d.description.values()])
    return {
        "id": org.id,
        "name": d.name,
        "sort_name": fold(d.name)[:200],
        "kind": d.kind.value,
        "country": d.country,
        "city": d.city,
        "website": d.website,
        "description": d.description,
        "document": func.to_tsvector(SIMPLE, fold(text)),
        "verified_at": org.verified_at,
        "verified_by": org.verified_by,
        "refusal_reason": org.refusal_reason,
        "refused_at": org.refused_at,
        "refused_by": org.refused_by,
        "created_by": org.created_by,
        "version": org.version,
        "updated_at": org.updated_at,
    }
