"""Use cases of alliances, members and bodies, over the in-memory unit of work."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from alliance_fakes import FakeWorld

from alliance.domain.body import BodyKind, BodyRules, Role
from alliance.domain.errors import (
    InvalidInput,
    InvalidTransition,
    NotAllowed,
    NotFound,
    SeatTaken,
)
from alliance.domain.member import MemberKind, MemberStatus
from alliance.service_layer import bodies, members
from alliance.service_layer.access import Actor, is_secretariat
from contracts.events import alliance as contract


@pytest.fixture
async def world() -> FakeWorld:
    w = FakeWorld()
    await w.found()
    return w


async def test_founding_needs_the_platform_secretariat_and_a_free_slug(world: FakeWorld) -> None:
    stranger = Actor(account_id=uuid.uuid4())
    with pytest.raises(NotAllowed):
        await members.found_alliance(
            world.uow,
            world.clock,
            stranger,
            slug="other",
            name="Other",
            declaration="",
            pillars=[],
            themes=[],
        )
    with pytest.raises(InvalidTransition, match="slug"):
        await members.found_alliance(
            world.uow,
            world.clock,
            world.secretariat,
            slug=world.alliance.slug.upper(),  # slugs are compared lower-cased
            name="Twin",
            declaration="",
            pillars=[],
            themes=[],
        )
    assert await world.load("alliances", world.id) is not None


async def test_an_application_is_stored_and_announced(world: FakeWorld) -> None:
    member, actor = await world.applicant(MemberKind.MEMBER_STATE, country="sv")
    stored = await world.load("members", member.id)
    assert stored.status is MemberStatus.APPLIED
    assert stored.country == "SV"
    assert stored.representatives == {actor.account_id}
    [applied] = world.uow.published_of(contract.MemberApplied)
    assert applied.member_id == member.id and applied.representative_ids == [actor.account_id]


async def test_an_application_to_an_unknown_alliance_is_refused(world: FakeWorld) -> None:
    with pytest.raises(NotFound):
        await members.apply(
            world.uow,
            world.clock,
            Actor(account_id=uuid.uuid4()),
            alliance_id=uuid.uuid4(),
            kind=MemberKind.EXPERT,
            name="Ana",
            country=None,
            motivation="",
        )


async def test_a_state_holds_one_standing_seat(world: FakeWorld) -> None:
    await world.applicant(MemberKind.MEMBER_STATE, country="HT")
    commits = world.uow.commits
    with pytest.raises(SeatTaken):
        await world.applicant(MemberKind.MEMBER_STATE, country="HT")
    assert world.uow.commits == commits  # nothing of the refused application was kept
    # another state, or the same state in a withdrawn seat, may apply
    await world.applicant(MemberKind.MEMBER_STATE, country="FJ")


async def test_a_withdrawn_state_may_apply_again(world: FakeWorld) -> None:
    member, actor = await world.member(MemberKind.MEMBER_STATE, country="PE")
    await members.withdraw(world.uow, world.clock, actor, member.id, reason="")
    again, _ = await world.applicant(MemberKind.MEMBER_STATE, country="PE")
    assert again.id != member.id


async def test_the_secretariat_admits_rejects_suspends_and_reinstates(world: FakeWorld) -> None:
    member, actor = await world.applicant()
    with pytest.raises(NotAllowed):  # the applicant cannot admit itself
        await members.review(world.uow, world.clock, actor, member.id, decision="admit")
    await members.review(world.uow, world.clock, world.secretariat, member.id, decision="admit")
    stored = await world.load("members", member.id)
    assert stored.is_active_on(world.clock.today())
    await members.review(
        world.uow, world.clock, world.secretariat, member.id, decision="suspend", reason="fees"
    )
    await members.review(world.uow, world.clock, world.secretariat, member.id, decision="reinstate")
    assert (await world.load("members", member.id)).status is MemberStatus.ADMITTED
    other, _ = await world.applicant()
    await members.review(
        world.uow, world.clock, world.secretariat, other.id, decision="reject", reason="no"
    )
    assert (await world.load("members", other.id)).status is MemberStatus.REJECTED
    kinds = [type(e) for e in world.uow.published]
    assert kinds.count(contract.MemberAdmitted) == 1
    assert contract.MemberSuspended in kinds and contract.MemberReinstated in kinds
    assert contract.MemberRejected in kinds


async def test_a_seat_on_the_alliances_own_secretariat_makes_a_secretary(world: FakeWorld) -> None:
    secretary, rep = await world.member()
    observer, observer_rep = await world.member()
    await world.body(BodyKind.SECRETARIAT, [(secretary, Role.MEMBER), (observer, Role.OBSERVER)])
    today = world.clock.today()
    async with world.uow:
        assert await is_secretariat(world.uow, rep, world.id, today)
        assert not await is_secretariat(world.uow, observer_rep, world.id, today)
    applicant, _ = await world.applicant()
    await members.review(world.uow, world.clock, rep, applicant.id, decision="admit")
    with pytest.raises(NotAllowed):
        await members.review(world.uow, world.clock, observer_rep, applicant.id, decision="reject")


async def test_withdrawal_by_the_member_or_the_secretariat_only(world: FakeWorld) -> None:
    member, actor = await world.member()
    with pytest.raises(NotAllowed):
        await members.withdraw(
            world.uow, world.clock, Actor(account_id=uuid.uuid4()), member.id, reason=""
        )
    await members.withdraw(world.uow, world.clock, actor, member.id, reason="moving on")
    stored = await world.load("members", member.id)
    assert stored.status is MemberStatus.WITHDRAWN
    assert stored.term.ends_on == world.clock.today()
    assert world.uow.published_of(contract.MemberWithdrawn)


async def test_representatives_are_added_and_removed_by_the_member(world: FakeWorld) -> None:
    member, actor = await world.member()
    colleague = uuid.uuid4()
    await members.set_representative(world.uow, world.clock, actor, member.id, colleague, add=True)
    assert (await world.load("members", member.id)).representatives == {
        actor.account_id,
        colleague,
    }
    with pytest.raises(NotAllowed):
        await members.set_representative(
            world.uow, world.clock, Actor(account_id=uuid.uuid4()), member.id, colleague, add=False
        )
    await members.set_representative(
        world.uow, world.clock, Actor(account_id=colleague), member.id, actor.account_id, add=False
    )
    with pytest.raises(InvalidTransition, match="at least one"):
        await members.set_representative(
            world.uow, world.clock, Actor(account_id=colleague), member.id, colleague, add=False
        )
    [*_, last] = world.uow.published_of(contract.MemberRepresentativesChanged)
    assert last.representative_ids == [colleague]


async def test_bodies_are_established_and_staffed_by_the_secretariat(world: FakeWorld) -> None:
    member, actor = await world.member()
    with pytest.raises(NotAllowed):
        await bodies.establish(
            world.uow,
            world.clock,
            actor,
            alliance_id=world.id,
            kind=BodyKind.ADVISORY_GROUP,
            name="Advice",
            theme=None,
            mandate="",
            rules=BodyRules(),
        )
    wg = await world.body(BodyKind.WORKING_GROUP, [(member, Role.CHAIR)], theme="climate")
    stored = await world.load("bodies", wg.id)
    assert stored.role_of(member.id, world.clock.today()) is Role.CHAIR
    [appointed] = world.uow.published_of(contract.BodyMembershipChanged)
    assert appointed.role == "chair" and appointed.member_id == member.id
    [seat] = stored.memberships
    tomorrow = world.clock.today() + timedelta(days=1)
    await bodies.end_membership(
        world.uow, world.clock, world.secretariat, wg.id, seat.id, on=tomorrow
    )
    assert (await world.load("bodies", wg.id)).sitting_members(tomorrow) == set()
    assert world.uow.published_of(contract.BodyMembershipChanged)[-1].role is None


async def test_a_working_group_theme_must_be_the_alliances(world: FakeWorld) -> None:
    with pytest.raises(InvalidInput, match="not a theme"):
        await world.body(BodyKind.WORKING_GROUP, theme="astronomy")


async def test_only_an_admitted_member_is_appointed(world: FakeWorld) -> None:
    applicant, _ = await world.applicant()
    with pytest.raises(InvalidTransition):
        await world.body(BodyKind.STEERING_COMMITTEE, [(applicant, Role.MEMBER)])


async def test_voters_are_the_seated_members_the_rules_let_vote(world: FakeWorld) -> None:
    state, _ = await world.member(MemberKind.MEMBER_STATE, country="GE")
    observer, _ = await world.member(MemberKind.OBSERVER)
    org, _ = await world.member()
    sc = await world.body(
        BodyKind.STEERING_COMMITTEE,
        [(state, Role.CHAIR), (observer, Role.MEMBER), (org, Role.OBSERVER)],
    )
    body, voters = await bodies.voters(world.uow, world.clock, sc.id)
    assert body.id == sc.id
    assert voters == {state.id}  # observers (by kind or by role) do not vote
