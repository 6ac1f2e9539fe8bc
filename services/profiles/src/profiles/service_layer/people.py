"""Person profile use cases: the owner edits with optimistic concurrency; others get a view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from eventkit import domain_errors as kinds
from eventkit.http.auth import Principal
from eventkit.preconditions import IfMatch
from profiles.adapters.images import ProcessedPhoto
from profiles.domain.account import AccountStatus
from profiles.domain.directory import DirectoryEntry
from profiles.domain.profile import PHOTO, PersonProfile, ProfileDetails, Relation
from profiles.service_layer.audit import audited_role, record_read
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class ProfileNotFound(kinds.NotFound):
    """Absent or hidden from the viewer: the same answer (no existence oracle)."""

    message = "No such person."


NO_PROFILE_YET = "You have not created your profile yet."


async def my_profile(person_id: UUID, uow: ProfilesUnitOfWork) -> PersonProfile:
    async with uow:
        profile = await uow.people.get(person_id)
    if profile is None:
        raise ProfileNotFound(NO_PROFILE_YET)
    return profile


async def put_profile(
    person_id: UUID,
    raw: dict[str, Any],
    expected: IfMatch,
    uow: ProfilesUnitOfWork,
    now: datetime,
) -> tuple[PersonProfile, bool]:
    """Create (no If-Match needed) or replace (If-Match required). Returns (profile, created)."""
    details = ProfileDetails.validated(now, **raw)
    async with uow:
        account = await uow.accounts.get(person_id)
        if account is None or account.status == AccountStatus.ERASED:
            raise ProfileNotFound("The account does not exist.")
        profile = await uow.people.get(person_id, for_update=True)
        expected.check(profile.version if profile else None, what="your profile")
        created = profile is None
        if profile is None:
            profile = PersonProfile.create(person_id, details, locale=account.locale, now=now)
            # a person who withdrew directory_listing before having a profile stays unlisted
            profile.listed = await uow.consents.directory_listed(person_id)
            await uow.people.add(profile)
            await index_in_directory(uow, profile)
        elif profile.revise(details, now):
            await uow.people.save(profile)
            await index_in_directory(uow, profile)
        uow.track(profile)
        await uow.commit()
    return profile, created


async def patch_profile(
    person_id: UUID,
    patch: dict[str, Any],
    expected: IfMatch,
    uow: ProfilesUnitOfWork,
    now: datetime,
    parse: Callable[[dict[str, Any]], dict[str, Any]] = lambda doc: doc,
) -> PersonProfile:
    """JSON Merge Patch (RFC 7396) over the owner's document; ``parse`` checks input types."""
    async with uow:
        profile = await uow.people.get(person_id, for_update=True)
        if profile is None:
            raise ProfileNotFound(NO_PROFILE_YET)
        expected.check(profile.version, what="your profile")
        merged = merge_patch(profile.details.as_document(), patch)
        if profile.revise(ProfileDetails.validated(now, **parse(merged)), now):
            await uow.people.save(profile)
            await index_in_directory(uow, profile)
            uow.track(profile)
            await uow.commit()
    return profile


async def index_in_directory(uow: ProfilesUnitOfWork, profile: PersonProfile) -> None:
    """The directory holds only people who did not withdraw directory_listing consent."""
    if profile.listed:
        await uow.directory.upsert(DirectoryEntry.of(profile))
    else:
        await uow.directory.remove(profile.person_id)


def merge_patch(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


async def relation_between(
    uow: ProfilesUnitOfWork, viewer: UUID | None, person_id: UUID
) -> Relation | None:
    """How ``viewer`` relates to the person; None when the person must stay hidden."""
    if viewer is None:
        return Relation.ANONYMOUS
    if viewer == person_id:
        return Relation.OWNER
    if await uow.connections.is_blocked_between(viewer, person_id):
        return None  # blocking hides each from the other, whoever blocked
    if await uow.connections.are_connected(viewer, person_id):
        return Relation.CONNECTION
    return Relation.MEMBER


async def view_person(
    viewer: Principal | None, person_id: UUID, uow: ProfilesUnitOfWork
) -> dict[str, Any]:
    async with uow:
        profile = await uow.people.get(person_id)
        account = await uow.accounts.get(person_id)
        relation = await relation_between(uow, viewer.subject if viewer else None, person_id)
        if (
            profile is None
            or relation is None
            or account is None
            or account.status == AccountStatus.ERASED
        ):
            raise ProfileNotFound()
        view = profile.visible_to(relation)
        if relation != Relation.OWNER and not _shows_anything(view):
            # nothing the viewer may see: the same answer as for no one at all, or the
            # bare id would confirm that an account exists
            raise ProfileNotFound()
        role = audited_role(viewer) if viewer else None
        if role and viewer:  # an official read this person's profile: their audit log says so
            await record_read(
                uow.audit_log, person_id=person_id, reader=viewer, role=role, record_type="profile"
            )
            await uow.commit()
    return view


def _shows_anything(view: dict[str, Any]) -> bool:
    return any(
        value not in (None, "", [], {}) for name, value in view.items() if name != "person_id"
    )


class ProfileNeeded(kinds.NotFound):
    """A photo belongs to a profile: create the profile first."""

    message = "Create your profile before adding a photo."


async def set_photo(
    person_id: UUID, photo: ProcessedPhoto, uow: ProfilesUnitOfWork, now: datetime
) -> None:
    async with uow:
        if await uow.people.get(person_id) is None:
            raise ProfileNeeded()
        await uow.photos.put(person_id, photo, now)
        await uow.commit()


async def remove_photo(person_id: UUID, uow: ProfilesUnitOfWork) -> bool:
    async with uow:
        removed = await uow.photos.delete(person_id)
        await uow.commit()
    return removed


NO_PHOTO = "No photo you may see."


async def photo_of(
    viewer: UUID | None, person_id: UUID, thumbnail: bool, uow: ProfilesUnitOfWork
) -> tuple[bytes, str, str]:
    """The photo if the viewer may see it (same rules as the profile's fields)."""
    async with uow:
        profile = await uow.people.get(person_id)
        relation = await relation_between(uow, viewer, person_id)
        if profile is None or relation is None or not profile.may_see(PHOTO, relation):
            raise ProfileNotFound(NO_PHOTO)
        found = await uow.photos.get(person_id, thumbnail=thumbnail)
    if found is None:
        raise ProfileNotFound(NO_PHOTO)
    return found
