"""Use cases of the Learn repository (contribute, translate, moderate, report, attach), over
the in-memory unit of work: no PostgreSQL, no Kafka."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from resources_fakes import FakeResourcesUnitOfWork, FakeStorage

from contracts.events import resources as contract
from eventkit.preconditions import IfMatch, etag
from resources.domain import resource as r
from resources.service_layer import resource_handlers as uc
from resources.service_layer.errors import Conflict, Forbidden, NotFound, PreconditionFailed

#: the time the use cases are told it is (never the machine's)
NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

PDF = b"%PDF-1.7\n" + b"x" * 100


@pytest.fixture
def uow() -> FakeResourcesUnitOfWork:
    return FakeResourcesUnitOfWork()


def member() -> uc.Actor:
    return uc.Actor(id=uuid.uuid4())


MODERATOR = uc.Actor(id=uuid.uuid4(), moderator=True, role="moderator")


async def contribution(
    uow: FakeResourcesUnitOfWork, contributor: uc.Actor, title: str = "Remittances 101"
) -> uuid.UUID:
    return await uc.contribute(
        uow,
        contributor,
        r.ResourceKind.TOOLKIT,
        r.Translation("en", title, "A summary", "The body"),
        uc.Classification(themes=["remittances"], countries=["SN"]),
    )


async def published(uow: FakeResourcesUnitOfWork, contributor: uc.Actor) -> uuid.UUID:
    resource_id = await contribution(uow, contributor)
    await uc.moderate(uow, resource_id, contributor, "submit", now=NOW)
    await uc.moderate(uow, resource_id, MODERATOR, "publish", now=NOW)
    return resource_id


async def test_a_contribution_is_a_draft_only_its_contributor_and_moderators_see(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    resource_id = await contribution(uow, alice)
    [drafted] = uow.published_of(contract.ResourceDrafted)
    assert (drafted.resource_id, drafted.status, drafted.contributor_id) == (
        resource_id,
        "draft",
        alice.id,
    )
    resource, attachments = await uc.get_visible(uow, resource_id, alice)
    assert (resource.status, attachments) == (r.Status.DRAFT, [])
    assert (await uc.get_visible(uow, resource_id, MODERATOR))[0].id == resource_id
    for stranger in (member(), None):  # the id of an unpublished resource does not leak
        with pytest.raises(NotFound):
            await uc.get_visible(uow, resource_id, stranger)


async def test_contribute_submit_publish_is_announced_step_by_step_and_found_by_everyone(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    resource_id = await published(uow, alice)
    steps = [type(e).__name__ for e in uow.published if isinstance(e, contract.ResourceEvent)]
    assert steps == ["ResourceDrafted", "ResourceSubmitted", "ResourcePublished"]
    [event] = uow.published_of(contract.ResourcePublished)
    assert (event.actor_id, event.title, event.language) == (MODERATOR.id, "Remittances 101", "en")
    assert (await uc.get_visible(uow, resource_id, None))[0].status is r.Status.PUBLISHED
    history = await uc.history(uow, resource_id, alice)
    assert [e["action"] for e in history] == ["drafted", "submitted", "published"]


async def test_only_moderators_publish_and_a_refused_step_changes_nothing(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    resource_id = await contribution(uow, alice)
    with pytest.raises(Forbidden):
        await uc.moderate(uow, resource_id, alice, "publish", now=NOW)
    with pytest.raises(Conflict):  # a draft is submitted before it is published
        await uc.moderate(uow, resource_id, MODERATOR, "publish", now=NOW)
    with pytest.raises(NotFound):  # someone else's draft is not even there
        await uc.moderate(uow, resource_id, member(), "submit", now=NOW)
    assert (await uc.get_visible(uow, resource_id, alice))[0].status is r.Status.DRAFT
    assert len(uow.published) == 1  # the draft only


async def test_a_rejection_carries_its_reason_to_the_contributor(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    resource_id = await contribution(uow, alice)
    await uc.moderate(uow, resource_id, alice, "submit", now=NOW)
    await uc.moderate(uow, resource_id, MODERATOR, "reject", "cite your sources", now=NOW)
    [rejected] = uow.published_of(contract.ResourceRejected)
    assert rejected.reason == "cite your sources"
    [mine] = await uc.contributions_of(uow, alice, None, 10)
    assert (mine["status"], mine["moderation_note"]) == ("rejected", "cite your sources")


async def test_moderation_checks_if_match_when_given(uow: FakeResourcesUnitOfWork) -> None:
    alice = member()
    resource_id = await contribution(uow, alice)
    await uc.moderate(uow, resource_id, alice, "submit", now=NOW)
    stale = IfMatch('"1"')
    with pytest.raises(PreconditionFailed):
        await uc.moderate(uow, resource_id, MODERATOR, "publish", now=NOW, expected=stale)
    current, _ = await uc.get_visible(uow, resource_id, MODERATOR)
    done = await uc.moderate(
        uow, resource_id, MODERATOR, "publish", now=NOW, expected=IfMatch(etag(current.version))
    )
    assert done.status is r.Status.PUBLISHED and done.published_at == NOW


async def test_translations_and_reclassification_are_the_contributors_or_a_moderators(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    resource_id = await contribution(uow, alice)
    version = await uc.put_translation(
        uow, resource_id, alice, r.Translation("fr", "Les transferts", "Résumé", "Corps")
    )
    changed = await uc.reclassify(uow, resource_id, MODERATOR, {"themes": ["gender"]})
    assert changed.version > version and changed.themes == ["gender"]
    resource, _ = await uc.get_visible(uow, resource_id, alice)
    assert set(resource.translations) == {"en", "fr"}
    [in_french] = await uc.contributions_of(uow, alice, "fr", 10)
    assert in_french["title"] == "Les transferts"
    await uc.moderate(uow, resource_id, alice, "submit", now=NOW)
    await uc.moderate(uow, resource_id, MODERATOR, "publish", now=NOW)
    with pytest.raises(Forbidden):  # a published resource is not the reader's to edit
        await uc.put_translation(uow, resource_id, member(), r.Translation("es", "x", "", ""))


async def test_reports_are_counted_once_per_reader_and_enough_of_them_hide_the_resource(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    resource_id = await published(uow, alice)
    first, second = member(), member()
    await uc.report(uow, resource_id, first, "spam", hide_after=2)
    with pytest.raises(Conflict):
        await uc.report(uow, resource_id, first, "spam again", hide_after=2)
    assert await uc.moderation_counts(uow) == {"submitted": 0, "reported": 1, "hidden": 0}
    [queued] = await uc.moderation_queue(uow, 10, reason="reported")
    assert (queued["id"], queued["reports"]) == (resource_id, 1)
    await uc.report(uow, resource_id, second, "spam", hide_after=2)
    assert await uc.moderation_counts(uow) == {"submitted": 0, "reported": 0, "hidden": 1}
    assert len(uow.published_of(contract.ResourceHidden)) == 1
    with pytest.raises(NotFound):  # hidden: gone for readers
        await uc.get_visible(uow, resource_id, None)
    # the contributor sees the reports, not who made them; a moderator sees both
    seen_by_contributor = await uc.history(uow, resource_id, alice)
    reported = [e for e in seen_by_contributor if e["action"] == "reported"]
    assert len(reported) == 2 and {e["actor_id"] for e in reported} == {None}
    seen_by_moderator = await uc.history(uow, resource_id, MODERATOR)
    assert {e["actor_id"] for e in seen_by_moderator if e["action"] == "reported"} == {
        first.id,
        second.id,
    }
    await uc.moderate(uow, resource_id, MODERATOR, "restore", now=NOW)
    assert (await uc.get_visible(uow, resource_id, None))[0].hidden is False


async def test_the_moderation_queue_lists_submissions_oldest_first(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    older = await contribution(uow, alice, "Older")
    newer = await contribution(uow, alice, "Newer")
    await contribution(uow, alice, "Still a draft")
    for resource_id in (older, newer):
        await uc.moderate(uow, resource_id, alice, "submit", now=NOW)
    queue = await uc.moderation_queue(uow, 10)
    assert [q["title"] for q in queue] == ["Older", "Newer"]
    assert await uc.moderation_queue(uow, 10, kind="research") == []
    assert (await uc.moderation_counts(uow, kind="toolkit"))["submitted"] == 2


async def test_an_attachment_is_stored_by_its_digest_and_served_to_whoever_sees_the_resource(
    uow: FakeResourcesUnitOfWork,
) -> None:
    alice = member()
    storage = FakeStorage()
    resource_id = await contribution(uow, alice)
    attachment = await uc.attach(uow, storage, resource_id, alice, "guide.pdf", PDF, 1024, NOW)
    assert attachment.media_type == "application/pdf" and attachment.storage_key in storage.content
    assert attachment.uploaded_at == NOW
    with pytest.raises(NotFound):  # a draft's attachment is not a stranger's to read
        await uc.attachment_content(uow, storage, resource_id, attachment.id, member())
    found, content = await uc.attachment_content(uow, storage, resource_id, attachment.id, alice)
    assert (found.filename, content) == ("guide.pdf", PDF)
    _, listed = await uc.get_visible(uow, resource_id, alice)
    assert [a.id for a in listed] == [attachment.id]
    storage.content.clear()  # e.g. local files not imported yet: a 404, never a 500
    with pytest.raises(NotFound, match="not available"):
        await uc.attachment_content(uow, storage, resource_id, attachment.id, alice)


async def test_only_the_contributor_attaches_and_nothing_is_stored_for_a_refusal(
    uow: FakeResourcesUnitOfWork,
) -> None:
    storage = FakeStorage()
    resource_id = await published(uow, member())
    with pytest.raises(Forbidden):
        await uc.attach(uow, storage, resource_id, member(), "guide.pdf", PDF, 1024, NOW)
    assert storage.content == {}
    assert await uow.attachments.for_resource(resource_id) == []


async def test_seeding_a_project_record_is_idempotent(uow: FakeResourcesUnitOfWork) -> None:
    from resources.adapters.project_records import ImportedProject

    project = ImportedProject(
        record=r.ProjectRecord(project_id="TK.0003", region="Dakar", start_year=2021),
        title="Projet",
        description="Description",
        countries=("SN",),
    )
    assert await uc.seed_project(uow, project, NOW) is True
    assert await uc.seed_project(uow, project, NOW) is False
    [event] = uow.published_of(contract.ResourcePublished)
    resource, _ = await uc.get_visible(uow, event.resource_id, None)
    assert resource.themes == ["digitalisation", "skills_transfer"]
    assert resource.regions == ["Dakar"] and resource.kind is r.ResourceKind.PROJECT_RECORD
    assert resource.published_at == NOW
