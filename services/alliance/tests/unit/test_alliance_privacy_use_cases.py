"""The alliance's part in the privacy sagas (export, erasure) and its access log, over the
in-memory unit of work. The real-database tests (tests/api/test_alliance_erasure.py) keep the
JSONB rewrite of ``DocumentAccountTraces`` honest; these pin what the use cases do with it."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from alliance_fakes import NOW, FakeWorld

from alliance.domain.body import BodyKind, Role
from alliance.domain.meeting import ItemKind, MeetingKind
from alliance.domain.member import ERASED_NAME, MemberKind, MemberStatus
from alliance.domain.motion import Choice
from alliance.service_layer import members, votes
from alliance.service_layer.access import Actor
from alliance.service_layer.meetings import record_attendance, schedule
from alliance.service_layer.privacy import ERASED_ACCOUNT, AlliancePrivacy, record_official_read
from contracts.events.privacy import ALLIANCE


@pytest.fixture
async def world() -> FakeWorld:
    w = FakeWorld()
    await w.found()
    return w


async def test_export_names_the_seats_and_the_records_of_an_account(world: FakeWorld) -> None:
    expert, person = await world.member(MemberKind.EXPERT)
    org, _ = await world.member()
    await members.set_representative(
        world.uow, world.clock, world.secretariat, org.id, person.account_id, add=True
    )
    async with world.uow:
        exported = await AlliancePrivacy().export_person(world.uow, person.account_id)
        nobody = await AlliancePrivacy().export_person(world.uow, uuid.uuid4())
    assert sorted(m["id"] for m in exported["members_you_act_for"]) == sorted(
        str(i) for i in (expert.id, org.id)
    )
    assert str(expert.id) in exported["records_naming_your_account"]["members"]
    assert nobody == {"members_you_act_for": [], "records_naming_your_account": {}}


async def test_erasure_de_identifies_the_person_and_keeps_the_ballots_nameless(
    world: FakeWorld,
) -> None:
    expert, person = await world.member(MemberKind.EXPERT)
    org, org_rep = await world.member()
    body = await world.body(BodyKind.ADVISORY_GROUP, [(org, Role.CHAIR), (expert, Role.MEMBER)])
    meeting = await schedule(
        world.uow,
        world.clock,
        org_rep,
        body_id=body.id,
        kind=MeetingKind.BODY_MEETING,
        title="Advice",
        starts_at=NOW + timedelta(hours=1),
        ends_at=None,
        timezone="UTC",
        location="Online",
        agenda=[("Opening", ItemKind.INFORMATION)],
        extra_invitees=set(),
    )
    world.clock.set(meeting.starts_at)
    await record_attendance(
        world.uow, world.clock, org_rep, meeting.id, present={org.id, expert.id}, absent=set()
    )
    motion = await votes.open_vote(
        world.uow, world.clock, org_rep, meeting.id, title="Q", text="", recommendation_id=None
    )
    await votes.cast_ballot(
        world.uow, world.clock, person, motion.id, choice=Choice.YES, on_behalf_of=None
    )

    async with world.uow:
        report = await AlliancePrivacy().erase_person(world.uow, person.account_id, NOW)
        await world.uow.commit()

    assert report.de_identified["members"] == 1
    assert report.de_identified["motions_mentions"] == 1
    erased = await world.load("members", expert.id)
    assert erased.name == ERASED_NAME and erased.status is MemberStatus.WITHDRAWN
    assert erased.representatives == set()
    ballots = (await world.load("motions", motion.id)).ballots
    assert [b.cast_by for b in ballots.values()] == [ERASED_ACCOUNT]  # counted, nameless
    async with world.uow:
        again = await AlliancePrivacy().export_person(world.uow, person.account_id)
    assert again == {"members_you_act_for": [], "records_naming_your_account": {}}


async def test_the_secretariat_reading_a_persons_file_goes_to_their_audit_log(
    world: FakeWorld,
) -> None:
    expert, person = await world.member(MemberKind.EXPERT)
    org, _ = await world.member()
    async with world.uow:
        assert await record_official_read(world.uow, world.secretariat, expert)
        assert not await record_official_read(world.uow, world.secretariat, org)  # institution
        assert not await record_official_read(world.uow, person, expert)  # not an official
        own = Actor(account_id=person.account_id, secretariat=True)
        assert not await record_official_read(world.uow, own, expert)  # their own file
        await world.uow.commit()
    [read] = world.uow.published_of(ALLIANCE.accessed)
    assert (read.person_id, read.accessor_id) == (person.account_id, world.secretariat.account_id)
    assert (read.record_type, read.record_id) == ("alliance_member", str(expert.id))
