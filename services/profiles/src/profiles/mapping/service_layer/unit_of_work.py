"""The mapping unit of work: mapping repositories, on the profiles chassis' transaction with
its outbox (events are written by the profiles ``OutboxWriter`` in the same session)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.uow import UnitOfWork
from profiles.adapters.privacy_ledger import AuditLog, ConsentRepository
from profiles.mapping.adapters.repository import (
    AccessLog,
    CampaignRepository,
    OrganisationMemberships,
    PublishedCells,
    RespondentData,
    ResponseRepository,
    SectorNeedRepository,
    SurveyRepository,
)


class MappingUnitOfWork(UnitOfWork):
    surveys: SurveyRepository
    campaigns: CampaignRepository
    responses: ResponseRepository
    needs: SectorNeedRepository
    published: PublishedCells
    access_log: AccessLog
    memberships: OrganisationMemberships
    respondents: RespondentData
    #: the profiles consent ledger and audit log (same schema and transaction)
    consents: ConsentRepository
    audit_log: AuditLog

    def init_repositories(self, session: AsyncSession) -> None:
        self.surveys = SurveyRepository(session)
        self.campaigns = CampaignRepository(session)
        self.responses = ResponseRepository(session)
        self.needs = SectorNeedRepository(session)
        self.published = PublishedCells(session)
        self.access_log = AccessLog(session)
        self.memberships = OrganisationMemberships(session)
        self.respondents = RespondentData(session)
        self.consents = ConsentRepository(session)
        self.audit_log = AuditLog(session)
