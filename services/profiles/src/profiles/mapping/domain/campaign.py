"""Mapping campaigns, who may read what about them, and what makes a response acceptable."""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from contracts.vocabulary import Permission, UnknownCode, permits, scheme
from eventkit import domain_errors as kinds
from profiles.mapping.domain.populations import Month


class InvalidCampaign(kinds.InvalidInput, ValueError):
    pass


def _code(scheme_name: str, value: object, field_name: str) -> str:
    """The vocabulary's canonical code, or InvalidCampaign naming the field."""
    try:
        return scheme(scheme_name).validate(value)
    except UnknownCode as exc:
        raise InvalidCampaign(f"{field_name}: {exc}") from exc


class OwnerKind(StrEnum):
    GOVERNMENT = "government"
    ORGANISATION = "organisation"


class CampaignStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Channel(StrEnum):
    WEB = "web"
    KOBO = "kobo"
    ODK = "odk"
    CONSULATE = "consulate"
    ASSOCIATION = "association"
    SOCIAL_MEDIA = "social_media"
    EVENT = "event"


@dataclass
class Campaign:
    id: UUID
    survey_id: UUID
    name: str
    owner_kind: OwnerKind
    owner_account_id: UUID
    origin_country: str
    opens_on: date
    closes_on: date
    owner_organisation_id: UUID | None = None
    channels: list[str] = field(default_factory=list)
    coordinating_organisations: list[UUID] = field(default_factory=list)
    #: the smallest count published (never below the platform's floor, MAPPING_MIN_K)
    k: int = 10
    status: CampaignStatus = CampaignStatus.OPEN
    version: int = 1
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        self.origin_country = _code("countries", self.origin_country, "origin_country")
        if self.closes_on < self.opens_on:
            raise InvalidCampaign("the campaign closes before it opens")
        if not self.name.strip():
            raise InvalidCampaign("a campaign needs a name")
        for c in self.channels:
            if c not in Channel.__members__.values():
                raise InvalidCampaign(f"unknown channel {c!r}")
        if not 2 <= self.k <= 100:
            raise InvalidCampaign("k must be between 2 and 100")

    def protection(self, min_k: int) -> int:
        """The k this campaign's statistics are published with: its own, or the platform's
        floor when that is higher (a campaign launched before the floor was raised)."""
        return max(self.k, min_k)

    def first_month(self) -> Month:
        return Month.of(self.opens_on)

    def last_month(self) -> Month:
        return Month.of(self.closes_on)

    def accepts_responses_on(self, day: date) -> bool:
        return self.status == CampaignStatus.OPEN and self.opens_on <= day <= self.closes_on

    def close(self) -> None:
        if self.status == CampaignStatus.CLOSED:
            raise InvalidCampaign("the campaign is already closed")
        self.status = CampaignStatus.CLOSED
        self.version += 1

    # ---- who reads aggregates ----------------------------------------------------------
    def may_read_aggregates(
        self, account_id: UUID, roles: Iterable[str], organisations: Iterable[UUID]
    ) -> bool:
        """The owner, its coordinating organisations' admins and platform admins."""
        roles = set(roles)
        if permits(roles, Permission.PROFILES_OVERSEE_CAMPAIGNS):
            return True
        if account_id == self.owner_account_id:
            return True
        orgs = set(organisations)
        if permits(roles, Permission.PROFILES_RUN_CAMPAIGNS):
            if self.owner_organisation_id is not None and self.owner_organisation_id in orgs:
                return True
            if orgs & set(self.coordinating_organisations):
                return True
        return False

    def may_manage(self, account_id: UUID, roles: Iterable[str]) -> bool:
        return account_id == self.owner_account_id or permits(
            roles, Permission.PROFILES_OVERSEE_CAMPAIGNS
        )


def new_referral_code() -> str:
    """Short code a respondent passes on (chain-referral sampling); not guessable."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


@dataclass(frozen=True)
class SectorNeed:
    id: UUID
    origin_country: str
    sector: str
    positions: int
    priority: int
    declared_by: UUID
    skill: str | None = None
    region: str | None = None
    campaign_id: UUID | None = None
    #: when it was declared (the service's clock: a need has no time of its own)
    declared_at: datetime = field(kw_only=True)
    #: counts its corrections: the ETag a change must name (If-Match), so two coordinators
    #: correcting the same need cannot silently overwrite each other
    version: int = field(default=1, kw_only=True)

    def corrected(self, changes: Mapping[str, Any]) -> SectorNeed:
        """This need asking for ``changes`` instead (validated again), one version on."""
        return dataclasses.replace(self, **changes, version=self.version + 1)

    def __post_init__(self) -> None:
        # frozen: the canonical codes are set through object.__setattr__
        object.__setattr__(
            self, "origin_country", _code("countries", self.origin_country, "origin_country")
        )
        object.__setattr__(self, "sector", _code("sectors", self.sector, "sector"))
        if self.skill is not None:
            object.__setattr__(self, "skill", _code("skills", self.skill, "skill"))
        if not 1 <= self.positions <= 1_000_000:
            raise InvalidCampaign("positions must be between 1 and 1,000,000")
        if not 1 <= self.priority <= 5:
            raise InvalidCampaign("priority must be between 1 and 5")
