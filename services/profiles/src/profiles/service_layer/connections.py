"""Connection use cases: request, answer, withdraw, remove, block."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from eventkit import domain_errors as kinds
from profiles.domain.account import AccountStatus
from profiles.domain.connection import Connection, ConnectionStatus
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class PersonNotFound(kinds.NotFound):
    """Unknown, erased, or hidden by a block (the caller cannot tell which)."""

    message = "No such person."


class ConnectionNotFound(kinds.NotFound):
    message = "No such connection."


async def _ensure_person_visible(uow: ProfilesUnitOfWork, viewer: UUID, person: UUID) -> None:
    account = await uow.accounts.get(person)
    if account is None or account.status == AccountStatus.ERASED:
        raise PersonNotFound()
    if await uow.connections.is_blocked_between(viewer, person):
        raise PersonNotFound()


async def request_connection(
    requester: UUID, addressee: UUID, note: str | None, uow: ProfilesUnitOfWork, now: datetime
) -> Connection:
    async with uow:
        await _ensure_person_visible(uow, requester, addressee)
        connection = await uow.connections.between(requester, addressee, for_update=True)
        if connection is None:
            connection = Connection.request(requester, addressee, note, now)
            await uow.connections.add(connection)
        else:
            connection.request_again(requester, addressee, note, now)
            await uow.connections.save(connection)
        uow.track(connection)
        await uow.commit()
    return connection


async def answer(
    person: UUID, connection_id: UUID, action: str, uow: ProfilesUnitOfWork, now: datetime
) -> Connection:
    """``accept`` / ``decline`` (addressee), ``withdraw`` (requester), ``remove`` (either)."""
    async with uow:
        connection = await uow.connections.get(connection_id, for_update=True)
        if connection is None or not connection.involves(person):
            raise ConnectionNotFound()  # not a party: it does not exist for them
        if await uow.connections.is_blocked_between(
            connection.requester_id, connection.addressee_id
        ):
            raise ConnectionNotFound()
        step = {
            "accept": connection.accept,
            "decline": connection.decline,
            "withdraw": connection.withdraw,
            "remove": connection.remove,
        }[action]
        step(person, now)
        await uow.connections.save(connection)
        uow.track(connection)
        await uow.commit()
    return connection


async def my_connections(
    person: UUID, status: ConnectionStatus | None, uow: ProfilesUnitOfWork
) -> list[Connection]:
    async with uow:
        return await uow.connections.of(person, status)


async def block(blocker: UUID, blocked: UUID, uow: ProfilesUnitOfWork, now: datetime) -> None:
    """Block someone: any connection or pending request between the two ends now."""
    if blocker == blocked:
        raise kinds.InvalidInput("You cannot block yourself.")
    async with uow:
        account = await uow.accounts.get(blocked)
        if account is None:
            raise PersonNotFound()
        await uow.connections.block(blocker, blocked, now)
        connection = await uow.connections.between(blocker, blocked, for_update=True)
        if connection is not None and connection.status in (
            ConnectionStatus.PENDING,
            ConnectionStatus.ACCEPTED,
        ):
            connection.remove(blocker, now)
            await uow.connections.save(connection)
            uow.track(connection)
        await uow.commit()


async def unblock(blocker: UUID, blocked: UUID, uow: ProfilesUnitOfWork) -> bool:
    async with uow:
        removed = await uow.connections.unblock(blocker, blocked)
        await uow.commit()
    return removed


async def my_blocks(blocker: UUID, uow: ProfilesUnitOfWork) -> list[tuple[UUID, datetime]]:
    async with uow:
        return await uow.connections.blocked_by(blocker)
