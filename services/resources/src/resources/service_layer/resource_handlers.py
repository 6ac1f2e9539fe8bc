"""Use cases of the Learn repository: contribute, translate, moderate, report, attach."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from eventkit.logging import get_logger
from eventkit.preconditions import IfMatch
from resources.adapters.project_records import ImportedProject
from resources.adapters.storage import AttachmentStorage, ContentMissing
from resources.domain import attachment as att
from resources.domain import resource as r
from resources.service_layer.errors import Conflict, Forbidden, NotFound
from resources.service_layer.unit_of_work import ResourcesUnitOfWork

log = get_logger(__name__)


@dataclass(frozen=True)
class Actor:
    id: UUID
    moderator: bool = False
    #: the most privileged role the caller acts in (for the person's access audit)
    role: str = "member"


@dataclass
class Classification:
    themes: list[str] = field(default_factory=list)
    sdgs: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    year: int | None = None
    url: str | None = None
    authors: list[r.Author] = field(default_factory=list)
    project: r.ProjectRecord | None = None


async def _load(uow: ResourcesUnitOfWork, resource_id: UUID, actor: Actor | None) -> r.Resource:
    """The resource, locked for this transaction; NotFound also when the actor may not see it
    (so ids of unpublished resources do not leak)."""
    resource = await uow.resources.get(resource_id, for_update=True)
    if resource is None or not resource.visible_to(
        actor.id if actor else None, moderator=bool(actor and actor.moderator)
    ):
        raise NotFound("no such resource")
    uow.track(resource)
    return resource


async def contribute(
    uow: ResourcesUnitOfWork,
    actor: Actor,
    kind: r.ResourceKind,
    translation: r.Translation,
    classification: Classification,
) -> UUID:
    async with uow:
        try:
            resource = r.Resource.draft(
                kind=kind,
                translation=translation,
                contributor_id=actor.id,
                **vars(classification),
            )
        except r.ModerationError as exc:
            raise Conflict(str(exc)) from exc
        uow.track(resource)
        await uow.resources.add(resource)
        await uow.commit()
        return resource.id


async def get_visible(
    uow: ResourcesUnitOfWork, resource_id: UUID, actor: Actor | None
) -> tuple[r.Resource, list[att.Attachment]]:
    # one statement and nothing written: no transaction around it (one round trip, not three)
    async with uow.autocommit_reads():
        found = await uow.resources.get_with_attachments(resource_id)
    if found is None or not found[0].visible_to(
        actor.id if actor else None, moderator=bool(actor and actor.moderator)
    ):
        raise NotFound("no such resource")
    return found


async def put_translation(
    uow: ResourcesUnitOfWork, resource_id: UUID, actor: Actor, translation: r.Translation
) -> int:
    async with uow:
        resource = await _load(uow, resource_id, actor)
        _guard(
            lambda: resource.put_translation(
                translation, actor_id=actor.id, moderator=actor.moderator
            )
        )
        await uow.resources.save(resource)
        await uow.commit()
        return resource.version


async def reclassify(
    uow: ResourcesUnitOfWork,
    resource_id: UUID,
    actor: Actor,
    changes: dict[str, object],
    expected: IfMatch = IfMatch(),
) -> r.Resource:
    async with uow:
        resource = await _load(uow, resource_id, actor)
        expected.check(resource.version, required=False, what="the resource")
        _guard(lambda: resource.reclassify(changes, actor_id=actor.id, moderator=actor.moderator))
        await uow.resources.save(resource)
        await uow.commit()
        return resource


def _guard(action: object) -> None:
    """Run a domain action, translating its refusals."""
    try:
        action()  # type: ignore[operator]
    except r.NotPermitted as exc:
        raise Forbidden(str(exc)) from exc
    except r.ModerationError as exc:
        raise Conflict(str(exc)) from exc


MODERATOR_ACTIONS = frozenset({"publish", "reject", "archive", "hide", "restore"})


async def moderate(
    uow: ResourcesUnitOfWork,
    resource_id: UUID,
    actor: Actor,
    action: str,
    reason: str | None = None,
    *,
    now: datetime,
    expected: IfMatch = IfMatch(),
) -> r.Resource:
    """submit (contributor) or publish / reject / archive / hide / restore (moderators)."""
    if action in MODERATOR_ACTIONS and not actor.moderator:
        raise Forbidden(f"only moderators may {action} resources")
    async with uow:
        resource = await _load(uow, resource_id, actor)
        expected.check(resource.version, required=False, what="the resource")
        steps = {
            "submit": lambda: resource.submit(actor.id, moderator=actor.moderator),
            "publish": lambda: resource.publish(actor.id, now),
            "reject": lambda: resource.reject(actor.id, reason or ""),
            "archive": lambda: resource.archive(actor.id),
            "hide": lambda: resource.hide(actor.id, reason or "hidden by a moderator"),
            "restore": lambda: resource.restore(actor.id),
        }
        _guard(steps[action])
        await uow.resources.save(resource)
        await uow.commit()
        return resource


async def report(
    uow: ResourcesUnitOfWork, resource_id: UUID, actor: Actor, reason: str, hide_after: int
) -> None:
    async with uow:
        resource = await _load(uow, resource_id, actor)
        if not resource.is_public():
            raise NotFound("no such resource")
        count = await uow.resources.add_report(resource_id, actor.id, reason)
        if count is None:
            raise Conflict("you already reported this resource")
        _guard(lambda: resource.report(actor.id, reason, count, hide_after))
        await uow.resources.save(resource)
        await uow.commit()


async def history(
    uow: ResourcesUnitOfWork, resource_id: UUID, actor: Actor
) -> list[dict[str, object]]:
    async with uow:
        resource = await uow.resources.get(resource_id)
        if resource is None or not (actor.moderator or resource.is_contributor(actor.id)):
            raise NotFound("no such resource")
        entries = await uow.resources.history(resource_id)
        if not actor.moderator:  # reporters stay anonymous to contributors
            for e in entries:
                if e["action"] == "reported":
                    e["actor_id"] = None
        return entries


async def attach(
    uow: ResourcesUnitOfWork,
    storage: AttachmentStorage,
    resource_id: UUID,
    actor: Actor,
    filename: str,
    content: bytes,
    max_bytes: int,
    now: datetime,
) -> att.Attachment:
    media_type, digest = att.validate(filename, content, max_bytes)  # before touching storage
    async with uow:
        resource = await _load(uow, resource_id, actor)
        _guard(lambda: resource.ensure_editable_by(actor.id, moderator=actor.moderator))
        await storage.put(digest, content)
        attachment = att.Attachment(
            id=uuid.uuid4(),
            resource_id=resource_id,
            filename=filename,
            media_type=media_type,
            size=len(content),
            sha256=digest,
            storage_key=digest,
            uploaded_by=actor.id,
            uploaded_at=now,
        )
        await uow.attachments.add(attachment)
        await uow.commit()
        return attachment


async def attachment_content(
    uow: ResourcesUnitOfWork,
    storage: AttachmentStorage,
    resource_id: UUID,
    attachment_id: UUID,
    actor: Actor | None,
) -> tuple[att.Attachment, bytes]:
    await get_visible(uow, resource_id, actor)
    async with uow:
        found = await uow.attachments.get(resource_id, attachment_id)
    if found is None:
        raise NotFound("no such attachment")
    try:
        return found, await storage.get(found.storage_key)
    except ContentMissing as exc:  # e.g. local files not imported yet (deploy/README.md)
        log.error("attachment.content_missing", attachment_id=str(attachment_id))
        raise NotFound("the content of this attachment is not available") from exc


async def contributions_of(
    uow: ResourcesUnitOfWork, actor: Actor, language: str | None, limit: int
) -> list[dict[str, object]]:
    """The contributor's own resources and where each stands in moderation."""
    async with uow.autocommit_reads():
        return await uow.resources.contributed_by(actor.id, language, limit)


async def moderation_queue(
    uow: ResourcesUnitOfWork,
    limit: int,
    reason: str | None = None,
    kind: str | None = None,
    language: str | None = None,
) -> list[dict[str, object]]:
    async with uow.autocommit_reads():
        return await uow.resources.moderation_queue(limit, reason, kind, language)


async def moderation_counts(uow: ResourcesUnitOfWork, kind: str | None = None) -> dict[str, int]:
    async with uow.autocommit_reads():
        return await uow.resources.moderation_counts(kind)


# ---- seeding ------------------------------------------------------------------------------
PROJECT_CLASSIFICATION: dict[str, tuple[list[str], list[int]]] = {
    # project id -> themes, SDGs (from the pages' own descriptions)
    "TK.0003": (["digitalisation", "skills_transfer"], [10, 17]),
    "TK.0042": (["governance", "humanitarian"], [10, 16, 17]),
    "CD.0037": (["remittances", "gender", "skills_transfer"], [5, 10, 17]),
}


async def seed_project(uow: ResourcesUnitOfWork, project: ImportedProject, now: datetime) -> bool:
    """Import one IOM project record, published; idempotent on its project id."""
    ref = f"iom-project:{project.record.project_id}"
    async with uow:
        if await uow.resources.id_for_source(ref) is not None:
            return False
        themes, sdgs = PROJECT_CLASSIFICATION.get(project.record.project_id or "", ([], []))
        resource = r.Resource.draft(
            kind=r.ResourceKind.PROJECT_RECORD,
            translation=r.Translation("fr", project.title, "", project.description),
            contributor_id=None,
            themes=themes,
            sdgs=sdgs,
            countries=list(project.countries),
            regions=[project.record.region] if project.record.region else [],
            year=project.record.start_year,
            authors=[r.Author(name="OIM / IOM", kind="organisation")],
            project=project.record,
            source_ref=ref,
        )
        resource.submit(None, moderator=True)  # imported from an official source
        resource.publish(None, now)
        uow.track(resource)
        await uow.resources.add(resource)
        await uow.commit()
        return True
