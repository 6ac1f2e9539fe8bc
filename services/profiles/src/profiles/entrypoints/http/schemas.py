"""What profiles' HTTP answers look like, one model per concept, in the domain's words.

Routes that answer a ``JSONResponse`` (to set ``ETag``) are documented by these; routes that
answer a dict are also checked against them by FastAPI. Fields a viewer may not see are left
out of the answer (``response_model_exclude_unset``), not sent as null.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from profiles.domain.organisation import OrganisationKind

_NEXT = "pass as cursor for the next page"
_TRANSLATED = "language code -> text"


# ---- organisations -----------------------------------------------------------------------
class VerificationRefusal(BaseModel):
    reason: str
    refused_at: datetime


class Organisation(BaseModel):
    """An organisation as everyone sees it (its ``ETag`` is ``version``)."""

    organisation_id: UUID
    name: str
    kind: OrganisationKind
    country: str = Field(description="ISO 3166-1 alpha-2")
    city: str | None
    website: str | None
    description: dict[str, str] = Field(description=_TRANSLATED)
    verified: bool
    verified_at: datetime | None
    verification_refusal: VerificationRefusal | None = Field(
        default=None,
        description="why a platform administrator refused to verify it; shown only to the "
        "organisation's administrators and to those who verify organisations",
    )
    member_count: int
    version: int


class OrganisationCard(BaseModel):
    """An organisation in the public directory."""

    organisation_id: UUID
    name: str
    kind: OrganisationKind
    country: str
    verified: bool


class OrganisationPage(BaseModel):
    items: list[OrganisationCard]
    next_cursor: str | None = Field(description=_NEXT)


# ---- people ------------------------------------------------------------------------------
class Language(BaseModel):
    code: str = Field(description="ISO 639-1 or 639-3")
    level: str = Field(description="native, fluent, C2..A1 or basic")


class PersonView(BaseModel):
    """What a viewer may see of a person: each field only where its visibility allows."""

    person_id: UUID
    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    headline: dict[str, str] | None = Field(default=None, description=_TRANSLATED)
    bio: dict[str, str] | None = Field(default=None, description=_TRANSLATED)
    country_of_origin: str | None = None
    country_of_residence: str | None = None
    city: str | None = None
    languages: list[Language] | None = None
    skills: list[str] | None = Field(default=None, description="ESCO skill group codes")
    occupations: list[str] | None = Field(default=None, description="ISCO-08 unit group codes")
    tags: list[str] | None = None
    sectors: list[str] | None = Field(default=None, description="ISIC Rev.4 section letters")
    interests: list[str] | None = None
    education_level: str | None = None
    years_of_experience: int | None = None
    contribution_modes: list[str] | None = None
    availability: str | None = None
    open_to_opportunities: bool | None = None


class OwnProfile(PersonView):
    """The owner's whole profile (its ``ETag`` is ``version``): every field, with the private
    statistics and the visibility of each field."""

    gender: str | None = Field(description="statistics only; never shown")
    birth_year: int | None = Field(description="statistics only; never shown")
    visibility: dict[str, str] = Field(description="field -> public | members | connections...")
    version: int


class Photo(BaseModel):
    width: int
    height: int
    photo_url: str
    thumbnail_url: str


class DirectoryEntry(BaseModel):
    """A person in the members' directory."""

    person_id: UUID
    display_name: str
    headline: str | None = Field(description="in the person's own language")
    country_of_residence: str | None
    country_of_origin: str | None
    occupations: list[str]


class FacetValue(BaseModel):
    value: str
    count: int


class PeoplePage(BaseModel):
    items: list[DirectoryEntry]
    next_cursor: str | None = Field(description=_NEXT)
    facets: dict[str, list[FacetValue]] = Field(description="facets=true: counts per facet")
    facets_complete: bool | None = Field(description="whether the counts cover every match")


# ---- messages ----------------------------------------------------------------------------
class ConversationSummary(BaseModel):
    conversation_id: UUID
    person_id: UUID = Field(description="the other person")
    last_message_at: datetime
    unread: int


# ---- privacy -----------------------------------------------------------------------------
class ConsentState(BaseModel):
    purpose: str
    recipient_kind: str
    recipient_id: UUID | None
    granted: bool
    by_default: bool = Field(description="nothing recorded yet: the purpose's default applies")
    policy_version: str | None
    since: datetime | None
    channel: str | None


class ConsentEntry(BaseModel):
    id: UUID
    purpose: str
    recipient_kind: str
    recipient_id: UUID | None
    action: str
    policy_version: str | None
    channel: str
    at: datetime


class Consents(BaseModel):
    consents: list[ConsentState]
    history: list[ConsentEntry] = Field(description="newest first")


class ConsentChange(BaseModel):
    changed: bool
    entry: ConsentEntry | None
    consent: ConsentState


class OfficialRead(BaseModel):
    """An official's read of the person's data, as the audit log keeps it."""

    id: UUID
    service: str
    accessor_id: UUID
    accessor_role: str
    record_type: str
    record_id: str | None
    accessed_at: datetime


class AuditLogPage(BaseModel):
    items: list[OfficialRead]
    next_cursor: str | None = Field(description=_NEXT)


# ---- social sign-in ----------------------------------------------------------------------
class LinkedIdentity(BaseModel):
    provider: str
    linked_at: datetime


class SocialSignIn(BaseModel):
    account_id: UUID
    created: bool = Field(description="a new account was opened")
    linked: bool = Field(description="the identity was linked to the account now")
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
