"""Use cases of commitments and youth leader cohorts, over the in-memory unit of work."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from alliance_fakes import FakeWorld

from alliance.domain.body import BodyKind, Role
from alliance.domain.cohort import NominationStatus
from alliance.domain.commitment import Commitment, Status
from alliance.domain.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from alliance.domain.member import MemberKind
from alliance.service_layer import cohorts, commitments
from alliance.service_layer.access import Actor, as_seen_by
from alliance.service_layer.commitments import IndicatorSpec
from contracts.events import alliance as contract


@pytest.fixture
async def world() -> FakeWorld:
    w = FakeWorld()
    await w.found()
    return w


def indicator(world: FakeWorld, *, days: int = 100) -> IndicatorSpec:
    """Diaspora desks opened: from 0 to 10 within ``days``."""
    return IndicatorSpec(
        name="Diaspora desks",
        unit="desks",
        baseline=Decimal(0),
        target=Decimal(10),
        due_on=world.clock.today() + timedelta(days=days),
    )


async def pledge(world: FakeWorld, actor: Actor, member_id: uuid.UUID, **kw: object) -> Commitment:
    args: dict[str, object] = {
        "member_id": member_id,
        "title": "Open diaspora desks",
        "description": "",
        "pillar": "networks",
        "theme": "data",
        "recommendation_ids": [],
        "indicators": [indicator(world)],
    }
    return await commitments.pledge(world.uow, world.clock, actor, **{**args, **kw})  # type: ignore[arg-type]


async def test_a_member_pledges_for_itself_in_the_alliances_pillars(world: FakeWorld) -> None:
    member, rep = await world.member(MemberKind.MEMBER_STATE, country="HT")
    with pytest.raises(NotAllowed):
        await pledge(world, Actor(account_id=uuid.uuid4()), member.id)
    with pytest.raises(InvalidInput, match="not a pillar"):
        await pledge(world, rep, member.id, pillar="astronomy")
    with pytest.raises(InvalidInput, match="not a theme"):
        await pledge(world, rep, member.id, theme="astronomy")
    with pytest.raises(InvalidInput, match="recommendations"):
        await pledge(world, rep, member.id, recommendation_ids=[uuid.uuid4()])
    with pytest.raises(NotFound):
        await pledge(world, rep, uuid.uuid4())

    pledged = await pledge(world, rep, member.id)
    stored = await world.load("commitments", pledged.id)
    assert stored.status is Status.ON_TRACK and stored.member_id == member.id
    [event] = world.uow.published_of(contract.CommitmentPledged)
    assert (event.commitment_id, event.indicators, event.pillar) == (pledged.id, 1, "networks")
    # the secretariat may pledge on a member's behalf
    await pledge(world, world.secretariat, member.id)
    assert len(world.uow.published_of(contract.CommitmentPledged)) == 2


async def test_only_an_admitted_member_pledges(world: FakeWorld) -> None:
    applicant, rep = await world.applicant()
    with pytest.raises(InvalidTransition, match="admitted"):
        await pledge(world, rep, applicant.id)
    assert not world.uow.published_of(contract.CommitmentPledged)


async def test_progress_reports_move_the_status_and_are_announced(world: FakeWorld) -> None:
    member, rep = await world.member()
    pledged = await pledge(world, rep, member.id)
    [ind] = pledged.indicators
    with pytest.raises(NotAllowed):
        await commitments.report_progress(
            world.uow,
            world.clock,
            Actor(account_id=uuid.uuid4()),
            pledged.id,
            indicator_id=ind.id,
            value=Decimal(3),
            reported_on=None,
            note="",
            evidence_links=[],
        )
    _, report = await commitments.report_progress(
        world.uow,
        world.clock,
        rep,
        pledged.id,
        indicator_id=ind.id,
        value=Decimal(10),
        reported_on=None,
        note=" all open ",
        evidence_links=["https://example.org/desks"],
    )
    stored = await world.load("commitments", pledged.id)
    assert stored.status is Status.ACHIEVED
    assert stored.indicators[0].reports[0].note == "all open" == report.note
    [reported] = world.uow.published_of(contract.ProgressReported)
    assert (reported.value, reported.evidence_links) == (Decimal(10), 1)
    [changed] = world.uow.published_of(contract.CommitmentStatusChanged)
    assert (changed.from_status, changed.to_status) == ("on_track", "achieved")


async def test_review_turns_overdue_commitments_late_in_batches_once(world: FakeWorld) -> None:
    member, rep = await world.member()
    pledged = [await pledge(world, rep, member.id, indicators=[indicator(world, days=10)])]
    pledged += [await pledge(world, rep, member.id, indicators=[indicator(world, days=10)])]
    pledged += [await pledge(world, rep, member.id, indicators=[indicator(world, days=400)])]
    assert await commitments.review_statuses(world.uow, world.clock, batch=2) == 0

    world.clock.advance(timedelta(days=11))
    # the two due are late; the third is a few days in, so still on track
    assert await commitments.review_statuses(world.uow, world.clock, batch=2) == 2
    statuses = [(await world.load("commitments", c.id)).status for c in pledged]
    assert statuses == [Status.LATE, Status.LATE, Status.ON_TRACK]
    late = world.uow.published_of(contract.CommitmentStatusChanged)
    assert sorted(e.commitment_id for e in late) == sorted(c.id for c in pledged[:2])
    assert await commitments.review_statuses(world.uow, world.clock, batch=2) == 0  # once


async def test_the_secretariat_opens_cohorts_members_nominate_youth_leaders(
    world: FakeWorld,
) -> None:
    state, state_rep = await world.member(MemberKind.MEMBER_STATE, country="SN")
    with pytest.raises(NotAllowed):
        await cohorts.open_cohort(
            world.uow, world.clock, state_rep, alliance_id=world.id, name="YDL", year=2026
        )
    with pytest.raises(NotFound):
        await cohorts.open_cohort(
            world.uow, world.clock, world.secretariat, alliance_id=uuid.uuid4(), name="Y", year=2026
        )
    cohort = await cohorts.open_cohort(
        world.uow, world.clock, world.secretariat, alliance_id=world.id, name="YDL", year=2026
    )
    leader, _ = await world.applicant(MemberKind.YOUTH_LEADER)
    stranger = Actor(account_id=uuid.uuid4())
    with pytest.raises(NotAllowed, match="admitted members"):
        await cohorts.nominate(world.uow, world.clock, stranger, cohort.id, member_id=leader.id)
    with pytest.raises(InvalidInput, match="youth leaders"):
        await cohorts.nominate(world.uow, world.clock, state_rep, cohort.id, member_id=state.id)
    nomination = await cohorts.nominate(
        world.uow, world.clock, state_rep, cohort.id, member_id=leader.id
    )
    with pytest.raises(InvalidTransition, match="already nominated"):
        await cohorts.nominate(
            world.uow, world.clock, world.secretariat, cohort.id, member_id=leader.id
        )

    with pytest.raises(NotAllowed):  # nominating is not deciding
        await cohorts.decide(
            world.uow, world.clock, state_rep, cohort.id, nomination.id, accept=True
        )
    accepted = await cohorts.decide(
        world.uow, world.clock, world.secretariat, cohort.id, nomination.id, accept=True
    )
    assert accepted.status is NominationStatus.ACCEPTED
    assert (await world.load("cohorts", cohort.id)).leaders == [leader.id]
    with pytest.raises(InvalidTransition, match="already decided"):
        await cohorts.decide(
            world.uow, world.clock, world.secretariat, cohort.id, nomination.id, accept=False
        )


async def test_a_secretariat_seat_shows_the_records_as_the_secretariat_sees_them(
    world: FakeWorld,
) -> None:
    secretary, rep = await world.member()
    await world.body(BodyKind.SECRETARIAT, [(secretary, Role.MEMBER)])
    _, other_rep = await world.member()
    today = world.clock.today()
    async with world.uow:
        assert (await as_seen_by(world.uow, rep, world.id, today)).secretariat
        assert not (await as_seen_by(world.uow, other_rep, world.id, today)).secretariat
        # another alliance's secretariat is not this one's
        assert not (await as_seen_by(world.uow, rep, uuid.uuid4(), today)).secretariat
