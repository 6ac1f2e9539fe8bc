"""Events of diaspora mapping (published by the profiles service).

No personal data and no individual answers, ever: campaign lifecycle, import tallies and
sector needs only. Counts in these events are whole-campaign tallies of submissions, never
disaggregated (aggregates with dimensions are only served, protected, over HTTP).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from contracts.base import IntegrationEvent
from contracts.topics import Topic

CAMPAIGN_TOPIC = "profiles.mapping_campaign.v1"
SECTOR_NEED_TOPIC = "profiles.sector_need.v1"


class CampaignEvent(IntegrationEvent):
    topic: ClassVar[str] = CAMPAIGN_TOPIC
    campaign_id: UUID

    def subject(self) -> str:
        return str(self.campaign_id)


class MappingCampaignLaunched(CampaignEvent):
    """A government or organisation opened a mapping campaign for a country of origin."""

    type_name: ClassVar[str] = "profiles.mapping_campaign.launched"

    name: str = Field(max_length=200)
    owner_kind: str = Field(description="government | organisation")
    owner_organisation_id: UUID | None = None
    origin_country: str = Field(description="ISO 3166-1 alpha-2", max_length=2)
    opens_on: date
    closes_on: date
    channels: list[str] = []
    coordinating_organisations: list[UUID] = []
    survey_key: str
    survey_version: int
    launched_at: datetime


class MappingCampaignClosed(CampaignEvent):
    type_name: ClassVar[str] = "profiles.mapping_campaign.closed"

    closed_at: datetime
    #: submissions accepted over the whole campaign (no breakdown)
    responses: int = Field(ge=0)


class MappingSubmissionsImported(CampaignEvent):
    """A KoboToolbox/ODK export was imported (tallies only; no rows, no answers)."""

    type_name: ClassVar[str] = "profiles.mapping_campaign.submissions_imported"

    source: str = Field(description="kobo_json | kobo_csv")
    accepted: int = Field(ge=0)
    already_imported: int = Field(ge=0)
    rejected: int = Field(ge=0)
    imported_at: datetime


class SectorNeedDeclared(IntegrationEvent):
    """A government or organisation needs people with a skill in a sector (and region),
    for one mapping campaign (``campaign_id``) or for its whole origin country (None)."""

    topic: ClassVar[str] = SECTOR_NEED_TOPIC
    type_name: ClassVar[str] = "profiles.sector_need.declared"

    need_id: UUID
    origin_country: str = Field(max_length=2)
    sector: str = Field(description="ISIC Rev.4 section", max_length=2)
    skill: str | None = Field(default=None, description="ESCO skill group")
    region: str | None = Field(default=None, max_length=100)
    positions: int = Field(ge=1)
    priority: int = Field(ge=1, le=5)
    declared_at: datetime
    campaign_id: UUID | None = None

    def subject(self) -> str:
        return str(self.need_id)


class SectorNeedCorrected(SectorNeedDeclared):
    """A declared need was corrected: what it asks for now (it replaces the declared one)."""

    type_name: ClassVar[str] = "profiles.sector_need.corrected"

    corrected_at: datetime


class SectorNeedWithdrawn(IntegrationEvent):
    """A declared need was withdrawn: it no longer counts anywhere."""

    topic: ClassVar[str] = SECTOR_NEED_TOPIC
    type_name: ClassVar[str] = "profiles.sector_need.withdrawn"

    need_id: UUID
    withdrawn_at: datetime

    def subject(self) -> str:
        return str(self.need_id)


TOPICS: tuple[Topic, ...] = (
    Topic(
        name=CAMPAIGN_TOPIC,
        owner="profiles",
        partitions=3,
        partner_visible=True,
        description="Mapping campaign lifecycle and import tallies. No personal data.",
        event_types=(MappingCampaignLaunched, MappingCampaignClosed, MappingSubmissionsImported),
    ),
    Topic(
        name=SECTOR_NEED_TOPIC,
        owner="profiles",
        partitions=3,
        partner_visible=True,
        description="Sector and skill needs declared by governments and organisations: "
        "declared, corrected, withdrawn.",
        event_types=(SectorNeedDeclared, SectorNeedCorrected, SectorNeedWithdrawn),
    ),
)
