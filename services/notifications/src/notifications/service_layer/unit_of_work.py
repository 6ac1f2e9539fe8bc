"""The notifications unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.uow import UnitOfWork
from notifications.adapters.repository import DeliveryRepository, RecipientRepository


class NotificationsUnitOfWork(UnitOfWork):
    recipients: RecipientRepository
    deliveries: DeliveryRepository

    def init_repositories(self, session: AsyncSession) -> None:
        self.recipients = RecipientRepository(session)
        self.deliveries = DeliveryRepository(session)
