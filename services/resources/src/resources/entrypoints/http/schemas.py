"""Request and response bodies of the resources API."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field

from contracts.vocabulary import scheme
from contracts.vocabulary.types import (
    ContributionMode,
    CountryCode,
    CurrencyCode,
    LanguageCode,
    OccupationCode,
    SectorCode,
    SkillCode,
)
from resources.domain.opportunity import InterestStatus, OpportunityKind, WorkMode
from resources.domain.resource import ResourceKind

#: a resource's own theme slug (themes are the repository's, not a shared classification)
Theme = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9_\-.:]+$")]


def _sdg(goal: int) -> int:
    scheme("sdgs").validate(str(goal))
    return goal


Sdg = Annotated[
    int, Field(description="a Sustainable Development Goal (scheme sdgs)"), AfterValidator(_sdg)
]


class AuthorIn(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    kind: str = Field(default="organisation", pattern="^(person|organisation)$")
    person_id: UUID | None = None


class ProjectRecordIn(BaseModel):
    start_year: int | None = Field(default=None, ge=1900, le=2200)
    end_year: int | None = Field(default=None, ge=1900, le=2200)
    status: str | None = Field(default=None, max_length=100)
    project_type: str | None = Field(default=None, max_length=300)
    budget_amount: Decimal | None = Field(default=None, ge=0, max_digits=16, decimal_places=2)
    budget_currency: CurrencyCode | None = None
    coverage: str | None = Field(default=None, max_length=100)
    year: int | None = Field(default=None, ge=1900, le=2200)
    region: str | None = Field(default=None, max_length=200)
    programme_id: str | None = Field(default=None, max_length=50)
    project_id: str | None = Field(default=None, max_length=50)
    beneficiary_member_states: list[Annotated[str, Field(max_length=200)]] = Field(
        default=[], max_length=250
    )


class ResourceIn(BaseModel):
    kind: ResourceKind
    language: LanguageCode
    title: str = Field(min_length=1, max_length=500)
    summary: str = Field(default="", max_length=5000)
    body: str = Field(default="", max_length=200_000)
    themes: list[Theme] = Field(default=[], max_length=20)
    sdgs: list[Sdg] = Field(default=[], max_length=17)
    countries: list[CountryCode] = Field(default=[], max_length=250)
    regions: list[Annotated[str, Field(max_length=100)]] = Field(default=[], max_length=20)
    year: int | None = Field(default=None, ge=1900, le=2200)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")
    authors: list[AuthorIn] = Field(default=[], max_length=50)
    project: ProjectRecordIn | None = None


class ClassificationPatch(BaseModel):
    """Only the fields sent change."""

    themes: list[Theme] | None = Field(default=None, max_length=20)
    sdgs: list[Sdg] | None = Field(default=None, max_length=17)
    countries: list[CountryCode] | None = Field(default=None, max_length=250)
    regions: list[Annotated[str, Field(max_length=100)]] | None = Field(default=None, max_length=20)
    year: int | None = Field(default=None, ge=1900, le=2200)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")
    authors: list[AuthorIn] | None = Field(default=None, max_length=50)
    project: ProjectRecordIn | None = None


class TranslationIn(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    summary: str = Field(default="", max_length=5000)
    body: str = Field(default="", max_length=200_000)


class ReasonIn(BaseModel):
    reason: str | None = Field(default=None, max_length=1000)


class ReportIn(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


class Created(BaseModel):
    id: UUID
    status: str
    version: int


class AttachmentOut(BaseModel):
    id: UUID
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class ResourceOut(BaseModel):
    id: UUID
    kind: str
    status: str
    version: int
    language: str = Field(description="language of title/summary/body served")
    original_language: str
    available_languages: list[str]
    title: str
    summary: str
    body: str
    themes: list[str]
    sdgs: list[int]
    countries: list[str]
    regions: list[str]
    year: int | None
    url: str | None
    authors: list[dict[str, Any]]
    project: dict[str, Any] | None
    hidden: bool
    moderation_note: str | None
    published_at: datetime | None
    attachments: list[AttachmentOut]


class SearchItem(BaseModel):
    id: UUID
    kind: str
    title: str
    summary: str
    language: str
    themes: list[str]
    sdgs: list[int]
    countries: list[str]
    year: int | None
    published_at: datetime | None


class MyResourceOut(BaseModel):
    id: UUID
    kind: str
    status: str
    hidden: bool
    moderation_note: str | None
    updated_at: datetime
    title: str = Field(description="in the asked language when translated, else the original")


class MyResources(BaseModel):
    items: list[MyResourceOut]


class FacetValue(BaseModel):
    value: str
    count: int


class SearchResults(BaseModel):
    items: list[SearchItem]
    next_cursor: str | None
    facets: dict[str, list[FacetValue]]
    facets_approximate: bool = Field(
        default=False,
        description="always false: facet counts cover every hit (kept for clients that read it)",
    )


class OpportunityIn(BaseModel):
    kind: OpportunityKind
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20_000)
    organisation: str = Field(min_length=1, max_length=300)
    organisation_id: UUID | None = Field(
        default=None,
        description="the profiles organisation posting it: people who withdrew their "
        "government_contact consent for it are neither matched nor told about it",
    )
    deadline: datetime
    work_mode: WorkMode = WorkMode.REMOTE
    required_occupations: list[OccupationCode] = Field(default=[], max_length=20)
    required_skills: list[SkillCode] = Field(default=[], max_length=50)
    sectors: list[SectorCode] = Field(default=[], max_length=21)
    countries: list[CountryCode] = Field(default=[], max_length=250)
    contribution_modes: list[ContributionMode] = Field(default=[], max_length=10)
    languages: list[LanguageCode] = Field(default=[], max_length=20)


class OpportunityOut(BaseModel):
    id: UUID
    kind: str
    title: str
    description: str
    organisation: str
    organisation_id: UUID | None = None
    deadline: datetime
    work_mode: str
    required_occupations: list[str]
    required_skills: list[str]
    sectors: list[str]
    countries: list[str]
    contribution_modes: list[str]
    languages: list[str]
    open: bool
    version: int = Field(
        default=0, description="changes with every change (the ETag): If-Match of a PATCH"
    )


class PostedOpportunities(BaseModel):
    items: list[OpportunityOut]


class OpportunityPatch(BaseModel):
    """Only the fields sent change; the kind and the organisation stay as posted."""

    model_config = {"extra": "forbid"}

    title: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    deadline: datetime | None = Field(default=None, description="in the future, with an offset")
    work_mode: WorkMode | None = None
    required_occupations: list[OccupationCode] | None = Field(default=None, max_length=20)
    required_skills: list[SkillCode] | None = Field(default=None, max_length=50)
    sectors: list[SectorCode] | None = Field(default=None, max_length=21)
    countries: list[CountryCode] | None = Field(default=None, max_length=250)
    contribution_modes: list[ContributionMode] | None = Field(default=None, max_length=10)
    languages: list[LanguageCode] | None = Field(default=None, max_length=20)


class InterestIn(BaseModel):
    message: str = Field(default="", max_length=5000)


class InterestStatusIn(BaseModel):
    status: InterestStatus


class InterestOut(BaseModel):
    id: UUID
    opportunity_id: UUID
    person_id: UUID
    message: str
    status: str
    created_at: datetime
    updated_at: datetime


class MyInterestOut(BaseModel):
    id: UUID
    opportunity_id: UUID
    opportunity_title: str
    deadline: datetime
    status: str
    created_at: datetime
    updated_at: datetime


class MyInterests(BaseModel):
    items: list[MyInterestOut]


class ReasonLabel(BaseModel):
    code: str
    label: str
    #: the label's language: English where the locale has no published label (shown marked)
    lang: str


class ReasonOut(BaseModel):
    kind: str = Field(
        description="the criterion: occupations, skills, sectors, languages, "
        "contribution_modes, country_of_origin, country_of_residence"
    )
    values: list[str] = Field(description="the person's vocabulary codes that meet it")
    labels: list[ReasonLabel] = Field(description="those codes' labels in the reader's language")
    text: str = Field(description="the reason in the reader's language: Speaks French")
    lang: str = Field(description="the language of text")


class PersonMatch(BaseModel):
    person_id: UUID
    score: float
    reasons: list[ReasonOut]


class OpportunityMatch(BaseModel):
    opportunity: OpportunityOut
    score: float
    reasons: list[ReasonOut]


class Standing(BaseModel):
    """Where a resource stands after a moderation step (its ETag is the new version)."""

    id: UUID
    status: str
    hidden: bool
    version: int


class QueuedResource(BaseModel):
    """One resource in the moderation queue."""

    id: UUID
    kind: str
    status: str
    hidden: bool
    updated_at: datetime
    original_language: str
    reports: int = Field(description="how many people reported it")
    title: str = Field(description="in the asked language when translated, else the original's")


class HistoryEntry(BaseModel):
    """One version or transition of a resource."""

    id: int
    resource_id: UUID
    version: int
    action: str
    from_status: str | None
    to_status: str | None
    actor_id: UUID | None = Field(description="null for a report, unless a moderator asks")
    reason: str | None
    snapshot: dict[str, Any] | None = Field(description="the resource as it was, on edits")
    at: datetime


class OpportunityPage(BaseModel):
    items: list[OpportunityOut]
    next_cursor: str | None = Field(description="pass as cursor for the next page")


class FeedAuthor(BaseModel):
    name: str


class FeedItem(BaseModel):
    id: str
    url: str
    title: str
    content_text: str
    date_modified: datetime
    tags: list[str]
    language: str | None
    authors: list[FeedAuthor]
    diaspora: dict[str, Any] = Field(
        alias="_diaspora", description="the platform's extension: the entry's type and details"
    )


class JsonFeed(BaseModel):
    """The open data as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""

    version: str
    title: str
    home_page_url: str
    feed_url: str
    items: list[FeedItem]
