"""The profiles unit of work: repositories over one transaction with outbox and inbox."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.uow import UnitOfWork
from profiles.adapters.repository import AccountRepository


class ProfilesUnitOfWork(UnitOfWork):
    accounts: AccountRepository

    def init_repositories(self, session: AsyncSession) -> None:
        self.accounts = AccountRepository(session)
