"""The Learn resource aggregate: content, translations, classification and moderation."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from contracts.vocabulary.terms import RESOURCE_THEMES
from eventkit.aggregate import AggregateRoot, DomainEvent


class ResourceKind(enum.StrEnum):
    RESEARCH = "research"
    LAW_POLICY = "law_policy"
    TOOLKIT = "toolkit"
    PUBLIC_INFORMATION = "public_information"
    NEWSLETTER = "newsletter"
    PODCAST_EPISODE = "podcast_episode"
    VIDEO = "video"
    TRAINING = "training"
    PROJECT_RECORD = "project_record"


class Status(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    REJECTED = "rejected"
    ARCHIVED = "archived"


#: the moderation workflow: from a status, the statuses an action may lead to
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.PUBLISHED, Status.REJECTED}),
    Status.REJECTED: frozenset({Status.SUBMITTED, Status.ARCHIVED}),
    Status.PUBLISHED: frozenset({Status.ARCHIVED}),
    Status.ARCHIVED: frozenset(),
}

#: themes the repository classifies by (open list: contributors may propose others); named
#: in every language by the shared vocabulary (``GET /v1/vocabulary/resource_themes``)
THEMES = tuple(RESOURCE_THEMES)


class ModerationError(Exception):
    """An action the workflow does not allow from the resource's current state."""


class NotPermitted(Exception):
    """The actor may not do this to this resource."""


@dataclass(frozen=True)
class Translation:
    language: str
    title: str
    summary: str = ""
    body: str = ""


@dataclass(frozen=True)
class Author:
    """A person (member account) or an organisation credited for the resource."""

    name: str
    kind: str = "organisation"  # or "person"
    person_id: UUID | None = None


@dataclass(frozen=True)
class ProjectRecord:
    """The fields of a project record, exactly as the IOM project pages give them."""

    start_year: int | None = None
    end_year: int | None = None
    status: str | None = None  # e.g. "Actif", "Achevé" (as published)
    project_type: str | None = None
    budget_amount: Decimal | None = None
    budget_currency: str | None = None  # ISO 4217
    coverage: str | None = None  # "Global", "National", ...
    year: int | None = None  # "Année": the programming year
    region: str | None = None  # "IDF Region"
    programme_id: str | None = None  # "Prima ID"
    project_id: str | None = None  # "Projet ID"
    beneficiary_member_states: tuple[str, ...] = ()


# ---- domain events ------------------------------------------------------------------------
@dataclass(kw_only=True)
class ResourceDrafted(DomainEvent):
    actor_id: UUID | None


@dataclass(kw_only=True)
class ResourceEdited(DomainEvent):
    actor_id: UUID | None
    what: str


@dataclass(kw_only=True)
class StatusChanged(DomainEvent):
    from_status: Status
    to_status: Status
    actor_id: UUID | None
    reason: str | None = None


@dataclass(kw_only=True)
class ResourceReported(DomainEvent):
    actor_id: UUID
    reason: str
    report_count: int


@dataclass(kw_only=True)
class VisibilityChanged(DomainEvent):
    hidden: bool
    actor_id: UUID | None
    reason: str


@dataclass(kw_only=True, eq=False)
class Resource(AggregateRoot):
    id: UUID
    kind: ResourceKind
    original_language: str
    translations: dict[str, Translation]
    status: Status = Status.DRAFT
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    year: int | None = None
    url: str | None = None
    authors: list[Author] = field(default_factory=list)
    project: ProjectRecord | None = None
    contributor_id: UUID | None = None
    hidden: bool = False
    moderation_note: str | None = None  # last rejection / hiding reason
    source_ref: str | None = None  # stable id of imported records (idempotent seeding)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    published_at: datetime | None = None

    @classmethod
    def draft(
        cls,
        *,
        kind: ResourceKind,
        translation: Translation,
        contributor_id: UUID | None,
        **classification: object,
    ) -> Resource:
        resource = cls(
            id=uuid.uuid4(),
            kind=kind,
            original_language=translation.language,
            translations={translation.language: translation},
            contributor_id=contributor_id,
            **classification,  # type: ignore[arg-type]
        )
        if resource.project is not None and kind is not ResourceKind.PROJECT_RECORD:
            raise ModerationError("only project records carry project fields")
        resource.record(ResourceDrafted(actor_id=contributor_id))
        return resource

    # ---- content ------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.translations[self.original_language].title

    def is_contributor(self, actor_id: UUID) -> bool:
        return self.contributor_id is not None and self.contributor_id == actor_id

    def ensure_editable_by(self, actor_id: UUID, *, moderator: bool) -> None:
        if moderator:
            return
        if not self.is_contributor(actor_id):
            raise NotPermitted("only the contributor or a moderator may edit this resource")
        if self.status not in (Status.DRAFT, Status.REJECTED):
            raise ModerationError(f"a {self.status} resource can no longer be edited")

    def put_translation(self, t: Translation, *, actor_id: UUID, moderator: bool) -> None:
        self.ensure_editable_by(actor_id, moderator=moderator)
        self.translations[t.language] = t
        self.record(ResourceEdited(actor_id=actor_id, what=f"translation:{t.language}"))

    def reclassify(self, changes: dict[str, object], *, actor_id: UUID, moderator: bool) -> None:
        """Edit themes, SDGs, countries, regions, year, url, authors or project fields."""
        self.ensure_editable_by(actor_id, moderator=moderator)
        allowed = {"themes", "sdgs", "countries", "regions", "year", "url", "authors", "project"}
        if unknown := set(changes) - allowed:
            raise ModerationError(f"cannot change {sorted(unknown)}")
        if changes.get("project") is not None and self.kind is not ResourceKind.PROJECT_RECORD:
            raise ModerationError("only project records carry project fields")
        for name, value in changes.items():
            setattr(self, name, value)
        self.record(ResourceEdited(actor_id=actor_id, what="classification"))

    def translation_for(self, preferred: list[str]) -> Translation:
        return pick_translation(self.translations, self.original_language, preferred)

    # ---- moderation ---------------------------------------------------------------------
    def _move(self, to: Status, actor_id: UUID | None, reason: str | None = None) -> None:
        if to not in TRANSITIONS[self.status]:
            raise ModerationError(f"cannot go from {self.status} to {to}")
        previous, self.status = self.status, to
        if to is Status.REJECTED:
            self.moderation_note = reason
        self.record(
            StatusChanged(from_status=previous, to_status=to, actor_id=actor_id, reason=reason)
        )

    def submit(self, actor_id: UUID | None, *, moderator: bool = False) -> None:
        if not (moderator or (actor_id is not None and self.is_contributor(actor_id))):
            raise NotPermitted("only the contributor may submit this resource")
        self._move(Status.SUBMITTED, actor_id)

    def publish(self, moderator_id: UUID | None, at: datetime) -> None:
        self._move(Status.PUBLISHED, moderator_id)
        self.published_at = at

    def reject(self, moderator_id: UUID, reason: str) -> None:
        if not reason.strip():
            raise ModerationError("a rejection needs a reason")
        self._move(Status.REJECTED, moderator_id, reason.strip())

    def archive(self, moderator_id: UUID) -> None:
        self._move(Status.ARCHIVED, moderator_id)

    def report(self, actor_id: UUID, reason: str, report_count: int, hide_after: int) -> None:
        """Someone reported the resource; enough distinct reports hide it pending review."""
        if self.status is not Status.PUBLISHED:
            raise ModerationError("only published resources can be reported")
        self.record(ResourceReported(actor_id=actor_id, reason=reason, report_count=report_count))
        if not self.hidden and report_count >= hide_after:
            self.hidden = True
            self.moderation_note = "hidden automatically after reports"
            self.record(VisibilityChanged(hidden=True, actor_id=None, reason=self.moderation_note))

    def hide(self, moderator_id: UUID, reason: str) -> None:
        if self.hidden:
            raise ModerationError("the resource is already hidden")
        self.hidden, self.moderation_note = True, reason
        self.record(VisibilityChanged(hidden=True, actor_id=moderator_id, reason=reason))

    def restore(self, moderator_id: UUID) -> None:
        if not self.hidden:
            raise ModerationError("the resource is not hidden")
        self.hidden = False
        self.record(VisibilityChanged(hidden=False, actor_id=moderator_id, reason="restored"))

    def is_public(self) -> bool:
        return self.status is Status.PUBLISHED and not self.hidden

    def visible_to(self, actor_id: UUID | None, *, moderator: bool) -> bool:
        return (
            self.is_public()
            or moderator
            or (actor_id is not None and self.is_contributor(actor_id))
        )


def pick_translation(
    translations: dict[str, Translation], original_language: str, preferred: list[str]
) -> Translation:
    """The fallback chain: the reader's languages in order, then the original language,
    then English, then any translation there is."""
    chain = [*preferred, original_language, "en", *sorted(translations)]
    for language in chain:
        base = language.split("-")[0].lower()
        if base in translations:
            return translations[base]
    raise LookupError("resource without translations")
