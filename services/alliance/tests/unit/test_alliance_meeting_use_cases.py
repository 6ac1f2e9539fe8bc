"""Use cases of meetings and votes, over the in-memory unit of work."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from alliance_fakes import FakeWorld

from alliance.domain.body import Body, BodyKind, Role
from alliance.domain.errors import (
    AlreadyVoted,
    InvalidInput,
    InvalidTransition,
    NoQuorum,
    NotAllowed,
    NotFound,
)
from alliance.domain.meeting import ItemKind, Meeting, MeetingKind
from alliance.domain.member import Member, MemberKind
from alliance.domain.motion import Choice, Outcome
from alliance.service_layer import meetings, votes
from alliance.service_layer.access import Actor
from alliance.service_layer.representation import representation_of
from contracts.events import alliance as contract


@dataclass
class Committee:
    """A steering committee of three states (the first chairs) and a meeting of it."""

    world: FakeWorld
    body: Body
    states: list[tuple[Member, Actor]]
    meeting: Meeting

    @property
    def chair(self) -> Actor:
        return self.states[0][1]


async def schedule(world: FakeWorld, actor: Actor, body: Body, **kw: object) -> Meeting:
    args: dict[str, object] = {
        "body_id": body.id,
        "kind": MeetingKind.BODY_MEETING,
        "title": "Spring session",
        "starts_at": world.clock.now() + timedelta(days=7),
        "ends_at": None,
        "timezone": "Europe/Dublin",
        "location": "Online",
        "agenda": [("Opening", ItemKind.INFORMATION)],
        "extra_invitees": set(),
    }
    return await meetings.schedule(world.uow, world.clock, actor, **{**args, **kw})  # type: ignore[arg-type]


@pytest.fixture
async def committee() -> Committee:
    world = FakeWorld()
    await world.found()
    states = [await world.member(MemberKind.MEMBER_STATE, country=c) for c in ("SV", "FJ", "MU")]
    body = await world.body(
        BodyKind.STEERING_COMMITTEE,
        [(m, Role.CHAIR if i == 0 else Role.MEMBER) for i, (m, _) in enumerate(states)],
    )
    meeting = await schedule(world, states[0][1], body)
    world.clock.set(meeting.starts_at)  # in session: attendance and ballots are taken
    return Committee(world, body, states, meeting)


async def test_the_chair_schedules_and_every_seat_is_invited(committee: Committee) -> None:
    w = committee.world
    stored = await w.load("meetings", committee.meeting.id)
    assert stored.invitations == {m.id for m, _ in committee.states}
    assert [i.title for i in stored.agenda] == ["Opening"]
    [scheduled] = w.uow.published_of(contract.MeetingScheduled)
    assert scheduled.meeting_id == stored.id and scheduled.body_id == committee.body.id


async def test_a_seated_member_who_is_no_officer_cannot_schedule(committee: Committee) -> None:
    with pytest.raises(NotAllowed, match="chair"):
        await schedule(committee.world, committee.states[1][1], committee.body)


async def test_invitees_must_belong_to_the_alliance(committee: Committee) -> None:
    w = committee.world
    with pytest.raises(InvalidInput, match="not members"):
        await schedule(w, committee.chair, committee.body, extra_invitees={uuid.uuid4()})
    guest, _ = await w.member(MemberKind.GUEST)
    with pytest.raises(InvalidInput):
        await meetings.invite(
            w.uow, w.clock, committee.chair, committee.meeting.id, {guest.id, uuid.uuid4()}
        )
    invited = await meetings.invite(
        w.uow, w.clock, committee.chair, committee.meeting.id, {guest.id}
    )
    assert guest.id in invited.invitations


async def test_agenda_registration_and_attendance(committee: Committee) -> None:
    w = committee.world
    item = await meetings.add_agenda_item(
        w.uow,
        w.clock,
        committee.chair,
        committee.meeting.id,
        title="Budget",
        kind=ItemKind.DECISION,
        description="",
    )
    assert item.position == 2
    member, rep = committee.states[1]
    registered = await meetings.register(w.uow, rep, committee.meeting.id, on_behalf_of=None)
    assert registered.registrations == {member.id}
    _, outsider_rep = await w.member()
    with pytest.raises(NotAllowed):  # not invited
        await meetings.register(w.uow, outsider_rep, committee.meeting.id, on_behalf_of=None)
    held = await meetings.record_attendance(
        w.uow,
        w.clock,
        committee.chair,
        committee.meeting.id,
        present={m.id for m, _ in committee.states},
        absent={member.id},
    )
    assert held.attendance == {committee.states[0][0].id, committee.states[2][0].id}
    async with w.uow:
        q = await meetings.quorum_of(w.uow, held)
    assert (q.eligible, q.present, q.met) == (3, 2, True)


async def test_attendance_and_ballots_wait_for_the_session(committee: Committee) -> None:
    w = committee.world
    (first, chair), (second, _), _ = committee.states
    await _present(committee, first, second)
    motion = await votes.open_vote(
        w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
    )
    opens, closes = committee.meeting.session
    for outside in (opens - timedelta(minutes=1), closes + timedelta(minutes=1)):
        w.clock.set(outside)
        with pytest.raises(InvalidTransition, match="session"):
            await _present(committee, first)
        with pytest.raises(InvalidTransition, match="session"):
            await votes.cast_ballot(
                w.uow, w.clock, chair, motion.id, choice=Choice.YES, on_behalf_of=None
            )
    assert not (await w.load("motions", motion.id)).ballots


async def test_minutes_wait_until_every_vote_is_closed(committee: Committee) -> None:
    w = committee.world
    (first, chair), (second, _), _ = committee.states
    await _present(committee, first, second)
    motion = await votes.open_vote(
        w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
    )
    await meetings.draft_minutes(w.uow, w.clock, w.secretariat, committee.meeting.id, text="x")
    with pytest.raises(InvalidTransition, match="still open"):
        await meetings.approve_minutes(w.uow, w.clock, chair, committee.meeting.id)
    await votes.close_vote(w.uow, w.clock, chair, motion.id)
    approved = await meetings.approve_minutes(w.uow, w.clock, chair, committee.meeting.id)
    assert approved.minutes_approved


async def test_a_held_meeting_cannot_be_cancelled_an_empty_one_can(committee: Committee) -> None:
    w = committee.world
    await meetings.record_attendance(
        w.uow,
        w.clock,
        committee.chair,
        committee.meeting.id,
        present={committee.states[0][0].id},
        absent=set(),
    )
    with pytest.raises(InvalidTransition, match="held"):
        await meetings.cancel(w.uow, w.clock, committee.chair, committee.meeting.id)
    other = await schedule(w, committee.chair, committee.body)
    cancelled = await meetings.cancel(w.uow, w.clock, committee.chair, other.id)
    assert cancelled.cancelled
    [event] = w.uow.published_of(contract.MeetingCancelled)
    assert event.meeting_id == other.id


async def test_minutes_are_drafted_by_the_secretariat_and_approved_by_the_chair(
    committee: Committee,
) -> None:
    w = committee.world
    with pytest.raises(NotAllowed):
        await meetings.draft_minutes(
            w.uow, w.clock, committee.chair, committee.meeting.id, text="We met."
        )
    await meetings.draft_minutes(
        w.uow, w.clock, w.secretariat, committee.meeting.id, text="We met."
    )
    decision = await meetings.record_decision(
        w.uow,
        w.clock,
        committee.chair,
        committee.meeting.id,
        text="Adopt the budget",
        agenda_item_id=None,
        motion_id=None,
    )
    approved = await meetings.approve_minutes(w.uow, w.clock, committee.chair, committee.meeting.id)
    assert approved.minutes_approved and approved.decisions == [decision]
    [event] = w.uow.published_of(contract.MinutesApproved)
    assert event.decisions == 1
    with pytest.raises(InvalidTransition):  # the record is final
        await meetings.add_agenda_item(
            w.uow,
            w.clock,
            committee.chair,
            committee.meeting.id,
            title="Late",
            kind=ItemKind.DISCUSSION,
            description="",
        )


async def _present(committee: Committee, *members: Member) -> None:
    w = committee.world
    await meetings.record_attendance(
        w.uow,
        w.clock,
        committee.chair,
        committee.meeting.id,
        present={m.id for m in members},
        absent=set(),
    )


async def test_a_vote_needs_quorum_and_counts_one_ballot_per_member(committee: Committee) -> None:
    w = committee.world
    (first, chair), (second, rep2), (third, _) = committee.states
    await _present(committee, first)
    with pytest.raises(NoQuorum):
        await votes.open_vote(
            w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
        )
    await _present(committee, first, second)
    motion = await votes.open_vote(
        w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
    )
    assert motion.electorate == {first.id, second.id, third.id}
    await votes.cast_ballot(w.uow, w.clock, chair, motion.id, choice=Choice.YES, on_behalf_of=None)
    with pytest.raises(AlreadyVoted):
        await votes.cast_ballot(
            w.uow, w.clock, chair, motion.id, choice=Choice.NO, on_behalf_of=None
        )
    await votes.cast_ballot(w.uow, w.clock, rep2, motion.id, choice=Choice.NO, on_behalf_of=None)
    with pytest.raises(NotAllowed):  # the second state's representative is not the chair
        await votes.close_vote(w.uow, w.clock, rep2, motion.id)
    closed = await votes.close_vote(w.uow, w.clock, chair, motion.id)
    assert closed.result is not None and closed.result.outcome is Outcome.REJECTED  # 1 : 1
    opened, result = (
        w.uow.published_of(contract.VoteOpened),
        w.uow.published_of(contract.VoteClosed),
    )
    assert opened[0].eligible == 3 and (result[0].yes, result[0].no) == (1, 1)


async def test_an_absent_member_does_not_vote(committee: Committee) -> None:
    w = committee.world
    (first, chair), (second, _), (_, rep3) = committee.states
    await _present(committee, first, second)
    motion = await votes.open_vote(
        w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
    )
    with pytest.raises(NotAllowed, match="present"):
        await votes.cast_ballot(
            w.uow, w.clock, rep3, motion.id, choice=Choice.YES, on_behalf_of=None
        )
    assert not (await w.load("motions", motion.id)).ballots


async def test_no_vote_in_a_closed_meeting_nor_on_another_alliances_text(
    committee: Committee,
) -> None:
    w = committee.world
    first, chair = committee.states[0]
    await _present(committee, first, committee.states[1][0])
    with pytest.raises(NotFound, match="recommendation"):
        await votes.open_vote(
            w.uow,
            w.clock,
            chair,
            committee.meeting.id,
            title="Q",
            text="",
            recommendation_id=uuid.uuid4(),
        )
    await meetings.draft_minutes(w.uow, w.clock, w.secretariat, committee.meeting.id, text="x")
    await meetings.approve_minutes(w.uow, w.clock, chair, committee.meeting.id)
    with pytest.raises(InvalidTransition, match="closed"):
        await votes.open_vote(
            w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
        )


async def test_a_decision_names_a_motion_of_its_own_meeting(committee: Committee) -> None:
    w = committee.world
    first, chair = committee.states[0]
    await _present(committee, first, committee.states[1][0])
    motion = await votes.open_vote(
        w.uow, w.clock, chair, committee.meeting.id, title="Q", text="", recommendation_id=None
    )
    other = await schedule(w, chair, committee.body)
    with pytest.raises(InvalidInput, match="not put to this meeting"):
        await meetings.record_decision(
            w.uow, w.clock, chair, other.id, text="x", agenda_item_id=None, motion_id=motion.id
        )
    decision = await meetings.record_decision(
        w.uow,
        w.clock,
        chair,
        committee.meeting.id,
        text="Carried",
        agenda_item_id=None,
        motion_id=motion.id,
    )
    assert decision.motion_id == motion.id


async def test_a_representative_sees_their_members_seats_and_meetings(
    committee: Committee,
) -> None:
    w = committee.world
    member, actor = committee.states[1]
    mine = await representation_of(w.uow, actor, w.clock.today())
    assert [m.id for m in mine.members] == [member.id]
    assert [(s.body.id, s.member.id, s.role) for s in mine.seats] == [
        (committee.body.id, member.id, Role.MEMBER)
    ]
    assert [m.id for m in mine.meetings] == [committee.meeting.id]

    stranger = Actor(account_id=uuid.uuid4())
    nothing = await representation_of(w.uow, stranger, w.clock.today())
    assert (nothing.members, nothing.seats, nothing.meetings) == ([], [], [])
