"""Events published by the profiles service."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from contracts.base import IntegrationEvent
from contracts.topics import Topic

ACCOUNT_TOPIC = "profiles.account.v1"


class AccountEvent(IntegrationEvent):
    topic: ClassVar[str] = ACCOUNT_TOPIC
    account_id: UUID

    def subject(self) -> str:
        return str(self.account_id)


class AccountRegistered(AccountEvent):
    """Someone created an account. Carries the email so notifications can welcome them."""

    type_name: ClassVar[str] = "profiles.account.registered"
    personal_fields: ClassVar[frozenset[str]] = frozenset({"email", "display_name"})

    email: EmailStr
    display_name: str = Field(max_length=200)
    locale: str = Field(default="en", max_length=12, description="BCP 47 language tag")
    registered_at: datetime


class AccountVerified(AccountEvent):
    type_name: ClassVar[str] = "profiles.account.verified"
    verified_at: datetime


class AccountErased(AccountEvent):
    """The person erased their account: every service erases or de-identifies what it holds."""

    type_name: ClassVar[str] = "profiles.account.erased"
    erased_at: datetime


PERSON_TOPIC = "profiles.person.v1"


class LanguageSkill(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str = Field(description="ISO 639-1/639-3 language code", max_length=3)
    level: str = Field(default="fluent", description="CEFR level or native/fluent/basic")


class PersonProfileSnapshot(IntegrationEvent):
    """Event-carried state: the profile fields a person lets members see.

    Fields the person made private (or connections-only) are omitted (null/empty), so other
    services' projections only ever hold what they may use. Gender, birth year and survey
    answers never appear here.
    """

    topic: ClassVar[str] = PERSON_TOPIC
    personal_fields: ClassVar[frozenset[str]] = frozenset({"display_name", "headline", "city"})

    person_id: UUID
    display_name: str | None = None
    headline: str | None = None
    country_of_origin: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    country_of_residence: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    city: str | None = None
    languages: list[LanguageSkill] = []
    skills: list[str] = Field(default=[], description="taxonomy codes (ESCO/ISCO subset)")
    occupations: list[str] = Field(default=[], description="ISCO-08 codes")
    sectors: list[str] = []
    interests: list[str] = []
    contribution_modes: list[str] = []
    education_level: str | None = Field(default=None, description="ISCED 2011 level")
    years_of_experience: int | None = None
    availability: str | None = None
    #: the person agreed to be matched with opportunities and contacted about them
    open_to_opportunities: bool = False
    locale: str = "en"

    def subject(self) -> str:
        return str(self.person_id)


class PersonProfileCreated(PersonProfileSnapshot):
    type_name: ClassVar[str] = "profiles.person.created"


class PersonProfileUpdated(PersonProfileSnapshot):
    type_name: ClassVar[str] = "profiles.person.updated"


TOPICS: tuple[Topic, ...] = (
    Topic(
        name=ACCOUNT_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Account lifecycle: registered, verified, erased. Personal data: internal.",
        event_types=(AccountRegistered, AccountVerified, AccountErased),
    ),
    Topic(
        name=PERSON_TOPIC,
        owner="profiles",
        partitions=6,
        partner_visible=False,
        description="Person profiles (only member-visible, shareable fields): created, updated.",
        event_types=(PersonProfileCreated, PersonProfileUpdated),
    ),
)
