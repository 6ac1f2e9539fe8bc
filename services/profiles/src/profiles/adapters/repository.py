"""Repositories: load and save aggregates, hiding SQL from the service layer."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters.orm import accounts
from profiles.domain.account import Account, AccountStatus


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, account: Account) -> None:
        await self.session.execute(accounts.insert().values(**_row(account)))

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None:
        query = select(accounts).where(accounts.c.id == account_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _account(row) if row else None

    async def get_by_email(self, email: str, *, for_update: bool = False) -> Account | None:
        query = select(accounts).where(accounts.c.email == email)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).mappings().first()
        return _account(row) if row else None

    async def save(self, account: Account) -> None:
        values = _row(account)
        del values["id"], values["created_at"]
        await self.session.execute(
            accounts.update().where(accounts.c.id == account.id).values(**values)
        )


def _row(a: Account) -> dict[str, object]:
    return {
        "id": a.id,
        "email": a.email,
        "display_name": a.display_name,
        "locale": a.locale,
        "password_hash": a.password_hash,
        "status": a.status.value,
        "roles": sorted(a.roles),
        "version": a.version,
        "created_at": a.created_at,
        "verified_at": a.verified_at,
    }


def _account(row: RowMapping) -> Account:
    return Account(
        id=row["id"],
        email=row["email"],
        display_name=row["display_name"],
        locale=row["locale"],
        password_hash=row["password_hash"],
        status=AccountStatus(row["status"]),
        roles=set(row["roles"]),
        version=row["version"],
        created_at=row["created_at"],
        verified_at=row["verified_at"],
    )
