"""The notifications unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.uow import UnitOfWork
from notifications.adapters.audience_store import AudienceRepository
from notifications.adapters.feed_store import DigestRepository, FeedRepository
from notifications.adapters.personal_data import PersonalDataStore
from notifications.adapters.projections import ProjectionRepository
from notifications.adapters.repository import (
    DeliveryRepository,
    PreferencesRepository,
    RecipientRepository,
)
from notifications.adapters.webhook_store import WebhookRepository
from notifications.service_layer.repositories import (
    Audience,
    Deliveries,
    Digests,
    Feed,
    PreferencesStore,
    Projections,
    Recipients,
    Webhooks,
)


class NotificationsUnitOfWork(UnitOfWork):
    recipients: Recipients
    preferences: PreferencesStore
    deliveries: Deliveries
    feed: Feed
    digests: Digests
    webhooks: Webhooks
    audience: Audience
    projections: Projections
    personal_data: PersonalDataStore

    def init_repositories(self, session: AsyncSession) -> None:
        self.recipients = RecipientRepository(session)
        self.preferences = PreferencesRepository(session)
        self.deliveries = DeliveryRepository(session)
        self.feed = FeedRepository(session)
        self.digests = DigestRepository(session)
        self.webhooks = WebhookRepository(session)
        self.audience = AudienceRepository(session)
        self.projections = ProjectionRepository(session)
        self.personal_data = PersonalDataStore(session)
