"""The mapping unit of work: mapping repositories, on the profiles chassis' transaction with
its outbox (events are written by the profiles ``OutboxWriter`` in the same session), plus the
ports to profiles (consents, organisation admins) bound to the same session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from eventkit.inbox import Inbox
from eventkit.outbox import OutboxWriter
from eventkit.uow import UnitOfWork
from profiles.mapping.adapters.repository import (
    AccessLog,
    CampaignRepository,
    PublishedCells,
    RespondentData,
    ResponseRepository,
    SectorNeedRepository,
    SurveyRepository,
)
from profiles.mapping.service_layer.ports import ConsentLedger, OrganisationAdmins

#: a unit of work's ``publish``: the event goes to the outbox of the same transaction
Publish = Callable[[Any], Awaitable[None]]


@dataclass(frozen=True)
class ProfilesPorts:
    """Factories of the adapters profiles supplies for the ports (``ports.py``), each bound to
    one transaction's session (``profiles.bootstrap`` fills them in)."""

    consents: Callable[[AsyncSession, Publish], ConsentLedger]
    organisation_admins: Callable[[AsyncSession], OrganisationAdmins]


class MappingUnitOfWork(UnitOfWork):
    surveys: SurveyRepository
    campaigns: CampaignRepository
    responses: ResponseRepository
    needs: SectorNeedRepository
    published: PublishedCells
    access_log: AccessLog
    respondents: RespondentData
    #: profiles' consent ledger and audit log, through the port (same transaction)
    consents: ConsentLedger
    organisation_admins: OrganisationAdmins

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        outbox: OutboxWriter,
        inbox: Inbox,
        profiles: ProfilesPorts,
    ) -> None:
        super().__init__(session_factory, outbox, inbox)
        self.profiles = profiles

    def init_repositories(self, session: AsyncSession) -> None:
        self.surveys = SurveyRepository(session)
        self.campaigns = CampaignRepository(session)
        self.responses = ResponseRepository(session)
        self.needs = SectorNeedRepository(session)
        self.published = PublishedCells(session)
        self.access_log = AccessLog(session)
        self.respondents = RespondentData(session)
        self.consents = self.profiles.consents(session, self.publish)
        self.organisation_admins = self.profiles.organisation_admins(session)
