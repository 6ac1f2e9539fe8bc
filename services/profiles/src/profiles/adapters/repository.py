"""Repositories: load and save aggregates, hiding SQL from the service layer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from profiles.adapters import orm
from profiles.adapters.orm import accounts
from profiles.domain.account import Account, AccountStatus, EmailTaken

# rows that belong to an account and go with it (children first)
_ACCOUNT_ROWS = (
    (orm.refresh_tokens, orm.refresh_tokens.c.account_id),
    (orm.one_time_tokens, orm.one_time_tokens.c.account_id),
    (orm.sign_in_challenges, orm.sign_in_challenges.c.account_id),
    (orm.oidc_identities, orm.oidc_identities.c.account_id),
    (orm.person_photos, orm.person_photos.c.person_id),
    (orm.directory_people, orm.directory_people.c.person_id),
    (orm.person_profiles, orm.person_profiles.c.person_id),
    (orm.consent_entries, orm.consent_entries.c.person_id),
)


class AccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, account: Account) -> None:
        try:  # the unique index on the address settles concurrent registrations
            await self.session.execute(accounts.insert().values(**_row(account)))
        except IntegrityError as exc:
            raise EmailTaken() from exc

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

    async def claim_unverified_created_before(self, cutoff: datetime, *, limit: int) -> list[UUID]:
        """Ids of accounts never verified and created before ``cutoff``, oldest first, locked
        for this transaction (a concurrent worker skips them and takes the next ones)."""
        query = (
            select(accounts.c.id)
            .where(accounts.c.status == AccountStatus.UNVERIFIED.value)
            .where(accounts.c.created_at < cutoff)
            .order_by(accounts.c.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self.session.execute(query)).scalars())

    async def delete_with_their_rows(self, ids: Sequence[UUID]) -> None:
        """Delete the accounts and what belongs to them: tokens, sign-in identities, photos,
        profile, directory entry, consents."""
        for table, column in _ACCOUNT_ROWS:
            await self.session.execute(delete(table).where(column.in_(ids)))
        await self.session.execute(delete(accounts).where(accounts.c.id.in_(ids)))

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
