"""Organisation use cases: found, edit (If-Match), invite / ask to join, answer, verify."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from eventkit import domain_errors as kinds
from eventkit.preconditions import IfMatch
from profiles.domain.account import AccountStatus
from profiles.domain.directory import encode_cursor
from profiles.domain.organisation import (
    MemberRole,
    MembershipRequest,
    Organisation,
    OrganisationDetails,
)
from profiles.service_layer.people import merge_patch
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class OrganisationNotFound(kinds.NotFound):
    message = "No such organisation."


class PersonNotFound(kinds.NotFound):
    message = "No such person."


async def _load(uow: ProfilesUnitOfWork, org_id: UUID) -> Organisation:
    org = await uow.organisations.get(org_id, for_update=True)
    if org is None:
        raise OrganisationNotFound()
    return org


async def found(
    raw: dict[str, Any], by: UUID, uow: ProfilesUnitOfWork, now: datetime
) -> Organisation:
    details = OrganisationDetails.validated(**raw)
    async with uow:
        org = Organisation.found(details, by, now)
        await uow.organisations.add(org)
        uow.track(org)
        await uow.commit()
    return org


async def get(org_id: UUID, uow: ProfilesUnitOfWork) -> Organisation:
    async with uow:
        org = await uow.organisations.get(org_id)
    if org is None:
        raise OrganisationNotFound()
    return org


async def _change(
    org_id: UUID, uow: ProfilesUnitOfWork, change: Callable[[Organisation], Any]
) -> tuple[Organisation, Any]:
    async with uow:
        org = await _load(uow, org_id)
        result = change(org)
        await uow.organisations.save(org)
        uow.track(org)
        await uow.commit()
    return org, result


async def patch(
    org_id: UUID,
    patch_doc: dict[str, Any],
    expected: IfMatch,
    by: UUID,
    uow: ProfilesUnitOfWork,
    now: datetime,
) -> Organisation:
    def apply(org: Organisation) -> None:
        expected.check(org.version, what="the organisation")
        merged = merge_patch(org.details.as_document(), patch_doc)
        org.revise(OrganisationDetails.validated(**merged), by, now)

    org, _ = await _change(org_id, uow, apply)
    return org


async def invite(
    org_id: UUID,
    person: UUID,
    role: MemberRole,
    message: str | None,
    by: UUID,
    uow: ProfilesUnitOfWork,
    now: datetime,
) -> MembershipRequest:
    async with uow:
        account = await uow.accounts.get(person)
        if (
            account is None
            or account.status == AccountStatus.ERASED
            or await uow.connections.is_blocked_between(by, person)
        ):
            raise PersonNotFound()
        org = await _load(uow, org_id)
        request = org.invite(person, role, by, message, now)
        await uow.organisations.save(org)
        await uow.commit()
    return request


async def ask_to_join(
    org_id: UUID, person: UUID, message: str | None, uow: ProfilesUnitOfWork, now: datetime
) -> MembershipRequest:
    _, request = await _change(org_id, uow, lambda org: org.ask_to_join(person, message, now))
    assert isinstance(request, MembershipRequest)
    return request


async def answer(
    org_id: UUID,
    request_id: UUID,
    accept: bool,
    by: UUID,
    uow: ProfilesUnitOfWork,
    now: datetime,
) -> MembershipRequest:
    _, request = await _change(org_id, uow, lambda org: org.answer(request_id, by, accept, now))
    assert isinstance(request, MembershipRequest)
    return request


async def change_role(
    org_id: UUID, person: UUID, role: MemberRole, by: UUID, uow: ProfilesUnitOfWork, now: datetime
) -> Organisation:
    org, _ = await _change(org_id, uow, lambda o: o.change_role(person, role, by, now))
    return org


async def remove_member(
    org_id: UUID, person: UUID, by: UUID, uow: ProfilesUnitOfWork, now: datetime
) -> Organisation:
    org, _ = await _change(org_id, uow, lambda o: o.remove_member(person, by, now))
    return org


async def verify(org_id: UUID, by: UUID, uow: ProfilesUnitOfWork, now: datetime) -> Organisation:
    org, _ = await _change(org_id, uow, lambda o: o.verify(by, now))
    return org


async def refuse_verification(
    org_id: UUID, reason: str, by: UUID, uow: ProfilesUnitOfWork, now: datetime
) -> Organisation:
    org, _ = await _change(org_id, uow, lambda o: o.refuse_verification(reason, by, now))
    return org


async def of_member(person_id: UUID, uow: ProfilesUnitOfWork) -> list[dict[str, Any]]:
    async with uow:
        return await uow.organisations.of_member(person_id)


async def search(
    q: str | None,
    kinds: list[str],
    countries: list[str],
    verified: bool | None,
    limit: int,
    after: tuple[str, UUID] | None,
    uow: ProfilesUnitOfWork,
) -> dict[str, Any]:
    async with uow:
        rows = await uow.organisations.search(q, kinds, countries, verified, limit, after)
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [
            {
                "organisation_id": str(r["id"]),
                "name": r["name"],
                "kind": r["kind"],
                "country": r["country"],
                "verified": r["verified_at"] is not None,
            }
            for r in rows
        ],
        "next_cursor": encode_cursor(rows[-1]["sort_name"], rows[-1]["id"])
        if more and rows
        else None,
    }
