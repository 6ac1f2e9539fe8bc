"""The Organisation aggregate: a diaspora association, consulate, ministry, university, company,
NGO or international organisation, with members in roles and a verification by the platform."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from contracts.vocabulary import scheme
from eventkit import domain_errors as kinds
from eventkit.aggregate import AggregateRoot
from eventkit.preconditions import etag
from profiles.domain import events


class OrganisationKind(StrEnum):
    DIASPORA_ASSOCIATION = "diaspora_association"
    CONSULATE = "consulate"
    MINISTRY = "ministry"
    ACADEMIA = "academia"
    PRIVATE_SECTOR = "private_sector"
    NGO = "ngo"
    INTERNATIONAL_ORGANISATION = "international_organisation"


class MemberRole(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class RequestKind(StrEnum):
    INVITATION = "invitation"
    JOIN_REQUEST = "join_request"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class InvalidOrganisation(kinds.InvalidInput, ValueError):
    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}", field=field_name)
        self.extensions["errors"] = [{"loc": ["body", field_name], "msg": message}]
        self.field_name = field_name
        self.reason = message


class NotAllowed(kinds.Forbidden):
    pass


class MembershipConflict(kinds.Conflict):
    pass


class NoSuchMember(kinds.NotFound, KeyError):
    message = "No such member or request."


@dataclass(frozen=True, kw_only=True)
class OrganisationDetails:
    name: str
    kind: OrganisationKind
    country: str
    city: str | None = None
    website: str | None = None
    description: dict[str, str] = field(default_factory=dict)

    @classmethod
    def validated(cls, **raw: Any) -> OrganisationDetails:
        name = " ".join(str(raw.get("name") or "").split())
        if not name or len(name) > 200:
            raise InvalidOrganisation("name", "1 to 200 characters")
        try:
            kind = OrganisationKind(str(raw.get("kind")))
        except ValueError as exc:
            allowed = [k.value for k in OrganisationKind]
            raise InvalidOrganisation("kind", f"one of {allowed}") from exc
        country = scheme("countries").canonical(raw.get("country"))
        if country is None:
            raise InvalidOrganisation("country", "an ISO 3166-1 alpha-2 code")
        website = raw.get("website") or None
        if website is not None and not str(website).startswith(("https://", "http://")):
            raise InvalidOrganisation("website", "an http(s) URL")
        description: dict[str, str] = {}
        for lang, text in (raw.get("description") or {}).items():
            code = scheme("languages").canonical(lang)
            if code is None:
                raise InvalidOrganisation("description", f"{lang!r} is not an ISO 639 code")
            if text:
                description[code] = str(text)[:5000]
        city = " ".join(str(raw.get("city") or "").split())[:120] or None
        return cls(
            name=name,
            kind=kind,
            country=country,
            city=city,
            website=website,
            description=description,
        )

    def as_document(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind.value,
            "country": self.country,
            "city": self.city,
            "website": self.website,
            "description": dict(self.description),
        }


@dataclass(kw_only=True)
class MembershipRequest:
    id: UUID
    person_id: UUID
    kind: RequestKind
    role: MemberRole
    status: RequestStatus
    message: str | None
    created_by: UUID
    created_at: datetime
    responded_at: datetime | None = None


@dataclass(kw_only=True, eq=False)
class Organisation(AggregateRoot):
    id: UUID
    details: OrganisationDetails
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    verified_at: datetime | None = None
    verified_by: UUID | None = None
    #: why the platform refused to verify it (for the organisation's administrators); cleared
    #: when it is verified after all
    refusal_reason: str | None = None
    refused_at: datetime | None = None
    refused_by: UUID | None = None
    members: dict[UUID, MemberRole] = field(default_factory=dict)
    requests: dict[UUID, MembershipRequest] = field(default_factory=dict)

    @classmethod
    def found(cls, details: OrganisationDetails, by: UUID, now: datetime) -> Organisation:
        org = cls(id=uuid.uuid4(), details=details, created_by=by, created_at=now, updated_at=now)
        org.record(events.OrganisationCreated(organisation_id=org.id))
        org._set_member(by, MemberRole.ADMIN, now)
        return org

    @property
    def etag(self) -> str:
        return etag(self.version)

    def is_admin(self, person: UUID) -> bool:
        return self.members.get(person) == MemberRole.ADMIN

    def _require_admin(self, person: UUID) -> None:
        if not self.is_admin(person):
            raise NotAllowed("Only an administrator of the organisation can do this.")

    def revise(self, details: OrganisationDetails, by: UUID, now: datetime) -> bool:
        self._require_admin(by)
        if details == self.details:
            return False
        self.details = details
        self.updated_at = now
        self.record(events.OrganisationUpdated(organisation_id=self.id))
        return True

    def verify(self, by: UUID, now: datetime) -> None:
        if self.verified_at is not None:
            raise MembershipConflict("The organisation is already verified.")
        self.verified_at, self.verified_by = now, by
        self.refusal_reason = self.refused_at = self.refused_by = None
        self.record(events.OrganisationVerified(organisation_id=self.id, verified_at=now))

    def refuse_verification(self, reason: str, by: UUID, now: datetime) -> None:
        """The platform will not verify it as it stands; its administrators read why, and
        it may be verified later (once what the reason asks is done)."""
        if self.verified_at is not None:
            raise MembershipConflict("The organisation is already verified.")
        self.refusal_reason, self.refused_at, self.refused_by = reason, now, by

    def invite(
        self, person: UUID, role: MemberRole, by: UUID, message: str | None, now: datetime
    ) -> MembershipRequest:
        self._require_admin(by)
        return self._new_request(person, RequestKind.INVITATION, role, by, message, now)

    def ask_to_join(self, person: UUID, message: str | None, now: datetime) -> MembershipRequest:
        return self._new_request(
            person, RequestKind.JOIN_REQUEST, MemberRole.MEMBER, person, message, now
        )

    def _new_request(
        self,
        person: UUID,
        kind: RequestKind,
        role: MemberRole,
        by: UUID,
        message: str | None,
        now: datetime,
    ) -> MembershipRequest:
        if person in self.members:
            raise MembershipConflict("This person is already a member.")
        if any(
            r.person_id == person and r.status == RequestStatus.PENDING
            for r in self.requests.values()
        ):
            raise MembershipConflict("There is already a pending invitation or request.")
        request = MembershipRequest(
            id=uuid.uuid4(),
            person_id=person,
            kind=kind,
            role=role,
            status=RequestStatus.PENDING,
            message=(message or "").strip()[:300] or None,
            created_by=by,
            created_at=now,
        )
        self.requests[request.id] = request
        return request

    def answer(self, request_id: UUID, by: UUID, accept: bool, now: datetime) -> MembershipRequest:
        """Invitations are answered by the invitee, join requests by an administrator."""
        request = self.requests.get(request_id)
        if request is None:
            raise NoSuchMember()
        may_answer = (
            by == request.person_id if request.kind == RequestKind.INVITATION else self.is_admin(by)
        )
        if not may_answer:
            raise NotAllowed("You cannot answer this request.")
        if request.status != RequestStatus.PENDING:
            raise MembershipConflict(f"The request is already {request.status.value}.")
        request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        request.responded_at = now
        if accept:
            self._set_member(request.person_id, request.role, now)
        return request

    def change_role(self, person: UUID, role: MemberRole, by: UUID, now: datetime) -> None:
        self._require_admin(by)
        if person not in self.members:
            raise NoSuchMember()
        if self.members[person] == role:
            return
        self._ensure_an_admin_remains(person, role)
        self._set_member(person, role, now)

    def remove_member(self, person: UUID, by: UUID, now: datetime) -> None:
        """An administrator removes someone, or a member leaves."""
        if by != person:
            self._require_admin(by)
        if person not in self.members:
            raise NoSuchMember()
        self._ensure_an_admin_remains(person, None)
        del self.members[person]
        self.record(
            events.MembershipChanged(
                organisation_id=self.id, person_id=person, role=None, changed_at=now
            )
        )

    def _ensure_an_admin_remains(self, person: UUID, new_role: MemberRole | None) -> None:
        admins = {p for p, r in self.members.items() if r == MemberRole.ADMIN}
        if admins == {person} and new_role != MemberRole.ADMIN:
            raise MembershipConflict("An organisation needs at least one administrator.")

    def _set_member(self, person: UUID, role: MemberRole, now: datetime) -> None:
        self.members[person] = role
        self.record(
            events.MembershipChanged(
                organisation_id=self.id, person_id=person, role=role.value, changed_at=now
            )
        )
