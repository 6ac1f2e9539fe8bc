"""The recommendation pipeline's use cases, over the in-memory unit of work: drafted in a
working group, adopted, reviewed by the advisory group, endorsed by a steering-committee vote,
published by the secretariat, or returned."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from alliance_fakes import FakeWorld

from alliance.domain.body import Body, BodyKind, Role
from alliance.domain.errors import InvalidInput, InvalidTransition, NotAllowed
from alliance.domain.meeting import MeetingKind
from alliance.domain.member import Member, MemberKind
from alliance.domain.motion import Choice
from alliance.domain.recommendation import AdvicePosition, Recommendation, Stage
from alliance.service_layer import meetings, recommendations, votes
from alliance.service_layer.access import Actor
from contracts.events import alliance as contract
from eventkit.domain_errors import PreconditionFailed
from eventkit.preconditions import IfMatch, etag


@dataclass
class Pipeline:
    world: FakeWorld
    wg: Body
    advisory: Body
    steering: Body
    author: tuple[Member, Actor]
    adviser: Actor
    chair: tuple[Member, Actor]


@pytest.fixture
async def pipeline() -> Pipeline:
    w = FakeWorld()
    await w.found()
    author = await w.member()
    adviser_member, adviser = await w.member()
    chair = await w.member(MemberKind.MEMBER_STATE, country="SV")
    wg = await w.body(BodyKind.WORKING_GROUP, [(author[0], Role.CHAIR)], theme="data")
    advisory = await w.body(BodyKind.ADVISORY_GROUP, [(adviser_member, Role.CHAIR)])
    steering = await w.body(BodyKind.STEERING_COMMITTEE, [(chair[0], Role.CHAIR)])
    return Pipeline(w, wg, advisory, steering, author, adviser, chair)


async def draft(p: Pipeline, actor: Actor | None = None) -> Recommendation:
    return await recommendations.draft(
        p.world.uow,
        p.world.clock,
        actor or p.author[1],
        working_group_id=p.wg.id,
        title="Portable pensions",
        text="Members should let pensions follow the people.",
        theme=None,
        sector=None,
        author_ids=[p.author[0].id],
    )


async def carried_vote(p: Pipeline, body: Body, member: Member, chair: Actor, rec_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """A meeting of ``body`` where its one voter carries a motion on the recommendation."""
    w = p.world
    meeting = await meetings.schedule(
        w.uow,
        w.clock,
        chair,
        body_id=body.id,
        kind=MeetingKind.BODY_MEETING,
        title="Vote",
        starts_at=w.clock.now(),
        ends_at=None,
        timezone="UTC",
        location="",
        agenda=[],
        extra_invitees=set(),
    )
    await meetings.record_attendance(
        w.uow, w.clock, chair, meeting.id, present={member.id}, absent=set()
    )
    motion = await votes.open_vote(
        w.uow, w.clock, chair, meeting.id, title="Carry it", text="", recommendation_id=rec_id
    )
    await votes.cast_ballot(w.uow, w.clock, chair, motion.id, choice=Choice.YES, on_behalf_of=None)
    return await votes.close_vote(w.uow, w.clock, chair, motion.id)


async def test_a_draft_is_filed_by_an_author_and_announced(pipeline: Pipeline) -> None:
    w = pipeline.world
    with pytest.raises(NotAllowed, match="author"):
        await draft(pipeline, Actor(account_id=uuid.uuid4()))
    rec = await draft(pipeline)
    stored = await w.load("recommendations", rec.id)
    assert stored.stage is Stage.DRAFT and stored.theme == "data"
    [moved] = w.uow.published_of(contract.RecommendationMoved)
    assert (moved.action, moved.to_stage) == ("drafted", "draft")


async def test_authors_must_be_members(pipeline: Pipeline) -> None:
    w = pipeline.world
    with pytest.raises(NotAllowed, match="member"):
        await recommendations.draft(
            w.uow,
            w.clock,
            w.secretariat,
            working_group_id=pipeline.wg.id,
            title="t",
            text="x",
            theme=None,
            sector=None,
            author_ids=[uuid.uuid4()],
        )


async def test_revisions_are_guarded_by_the_version_read(pipeline: Pipeline) -> None:
    w = pipeline.world
    rec = await draft(pipeline)
    revised = await recommendations.revise(
        w.uow,
        w.clock,
        pipeline.author[1],
        rec.id,
        title="Portable pensions, revised",
        text=None,
        expected=IfMatch(etag(rec.version)),
    )
    assert revised.title == "Portable pensions, revised"
    with pytest.raises(PreconditionFailed):
        await recommendations.revise(
            w.uow,
            w.clock,
            pipeline.author[1],
            rec.id,
            title="Lost update",
            text=None,
            expected=IfMatch(etag(rec.version - 1)),
        )
    stranger = Actor(account_id=uuid.uuid4())
    with pytest.raises(NotAllowed):
        await recommendations.revise(w.uow, w.clock, stranger, rec.id, title="x", text=None)
    assert (await w.load("recommendations", rec.id)).title == "Portable pensions, revised"


async def test_the_whole_pipeline_to_publication(pipeline: Pipeline) -> None:
    w, p = pipeline.world, pipeline
    rec = await draft(p)
    await recommendations.adopt(w.uow, w.clock, p.author[1], rec.id, motion_id=None)
    with pytest.raises(NotAllowed):  # advice only from the advisory group's officers
        await recommendations.review(
            w.uow,
            w.clock,
            p.author[1],
            rec.id,
            advisory_group_id=p.advisory.id,
            position=AdvicePosition.SUPPORT,
            text="Good",
        )
    await recommendations.review(
        w.uow,
        w.clock,
        p.adviser,
        rec.id,
        advisory_group_id=p.advisory.id,
        position=AdvicePosition.SUPPORT,
        text="Good",
    )
    w.clock.advance(timedelta(minutes=1))  # the vote must not predate the stage
    motion = await carried_vote(p, p.steering, p.chair[0], p.chair[1], rec.id)
    await recommendations.endorse(w.uow, w.clock, p.chair[1], rec.id, motion_id=motion.id)
    with pytest.raises(NotAllowed):
        await recommendations.publish(w.uow, w.clock, p.chair[1], rec.id)
    published = await recommendations.publish(w.uow, w.clock, w.secretariat, rec.id)
    assert published.stage is Stage.PUBLISHED
    actions = [e.action for e in w.uow.published_of(contract.RecommendationMoved)]
    assert actions == ["drafted", "adopted", "reviewed", "endorsed", "published"]


async def test_endorsement_needs_a_carried_vote_about_this_text(pipeline: Pipeline) -> None:
    w, p = pipeline.world, pipeline
    rec = await draft(p)
    await recommendations.adopt(w.uow, w.clock, p.author[1], rec.id, motion_id=None)
    await recommendations.review(
        w.uow,
        w.clock,
        p.adviser,
        rec.id,
        advisory_group_id=p.advisory.id,
        position=AdvicePosition.SUPPORT_WITH_CHANGES,
        text="Mostly",
    )
    w.clock.advance(timedelta(minutes=1))
    other = await draft(p)
    wrong = await carried_vote(p, p.steering, p.chair[0], p.chair[1], other.id)
    with pytest.raises(InvalidInput, match="not about this recommendation"):
        await recommendations.endorse(w.uow, w.clock, p.chair[1], rec.id, motion_id=wrong.id)
    assert (await w.load("recommendations", rec.id)).stage is Stage.REVIEWED


async def test_returned_by_the_body_it_awaits_or_the_secretariat(pipeline: Pipeline) -> None:
    w, p = pipeline.world, pipeline
    rec = await draft(p)
    with pytest.raises(InvalidTransition):  # a draft has nowhere to go back to
        await recommendations.return_(
            w.uow, w.clock, w.secretariat, rec.id, reason="no", to=None, body_id=None
        )
    await recommendations.adopt(w.uow, w.clock, p.author[1], rec.id, motion_id=None)
    with pytest.raises(NotAllowed, match="advisory_group"):
        await recommendations.return_(
            w.uow, w.clock, p.chair[1], rec.id, reason="no", to=None, body_id=p.steering.id
        )
    back = await recommendations.return_(
        w.uow, w.clock, p.adviser, rec.id, reason="Needs data", to=None, body_id=p.advisory.id
    )
    assert back.stage is Stage.DRAFT
    [*_, returned] = w.uow.published_of(contract.RecommendationMoved)
    assert (returned.action, returned.reason) == ("returned", "Needs data")
