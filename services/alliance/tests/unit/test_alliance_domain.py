"""Domain rules of the alliance, without infrastructure."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from alliance.adapters.integration_events import to_integration_events
from alliance.domain.body import Body, BodyKind, BodyRules, Role
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment, Indicator, Status
from alliance.domain.errors import (
    AlreadyVoted,
    InvalidInput,
    InvalidTransition,
    NoQuorum,
    NotAllowed,
)
from alliance.domain.governance import MajorityRule, carried, quorum
from alliance.domain.meeting import Meeting, MeetingKind
from alliance.domain.member import Member, MemberKind, MemberStatus
from alliance.domain.motion import Choice, Motion, Outcome
from alliance.domain.recommendation import AdvicePosition, Recommendation, Stage
from alliance.domain.values import Term
from eventkit.clock import FixedClock

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
ALLIANCE = uuid.uuid4()
SEC = uuid.uuid4()


def admitted(kind: MemberKind = MemberKind.MEMBER_STATE, country: str | None = "SV") -> Member:
    m = Member.apply(
        alliance_id=ALLIANCE,
        kind=kind,
        name="M",
        country=country,
        applicant=uuid.uuid4(),
        motivation="",
        at=NOW,
    )
    m.admit(term=Term(starts_on=NOW.date()), by=SEC, at=NOW)
    return m


def body_of(kind: BodyKind, *members: Member, theme: str | None = None, **rules: object) -> Body:
    b = Body.establish(
        alliance_id=ALLIANCE, kind=kind, name=str(kind), theme=theme, rules=BodyRules(**rules)
    )  # type: ignore[arg-type]
    for i, m in enumerate(members):
        b.appoint(
            m, role=Role.CHAIR if i == 0 else Role.MEMBER, term=Term(starts_on=NOW.date()), at=NOW
        )
    return b


def open_motion(electorate: set[uuid.UUID], present: set[uuid.UUID], **kw: object) -> Motion:
    return Motion.open(
        alliance_id=ALLIANCE,
        meeting_id=uuid.uuid4(),
        body_id=kw.pop("body_id", uuid.uuid4()),  # type: ignore[arg-type]
        title="Motion",
        text="",
        recommendation_id=kw.pop("recommendation_id", None),  # type: ignore[arg-type]
        majority=MajorityRule.SIMPLE,
        quorum_percent=50,
        electorate=electorate,
        present=present,
        at=kw.pop("at", NOW),  # type: ignore[arg-type]
    )


# ---- governance ------------------------------------------------------------------------
def test_quorum_counts_only_present_eligible_voters() -> None:
    a, b, c, d, outsider = (uuid.uuid4() for _ in range(5))
    q = quorum({a, b, c, d}, {a, outsider}, 50)
    assert (q.eligible, q.present, q.required, q.met) == (4, 1, 2, False)
    assert quorum({a, b, c, d}, {a, b}, 50).met
    assert quorum({a, b, c}, {a}, 50).required == 2  # rounded up
    assert not quorum(set(), set(), 50).met  # an empty body has no quorum


@pytest.mark.parametrize(
    ("rule", "yes", "no", "abstain", "eligible", "expected"),
    [
        (MajorityRule.SIMPLE, 2, 1, 5, 8, True),
        (MajorityRule.SIMPLE, 1, 1, 0, 2, False),
        (MajorityRule.ABSOLUTE, 2, 0, 0, 5, False),
        (MajorityRule.ABSOLUTE, 3, 0, 0, 5, True),
        (MajorityRule.TWO_THIRDS, 2, 1, 0, 3, True),
        (MajorityRule.TWO_THIRDS, 3, 2, 0, 5, False),
        (MajorityRule.CONSENSUS, 3, 0, 2, 5, True),
        (MajorityRule.CONSENSUS, 3, 1, 0, 5, False),
    ],
)
def test_majority_rules(
    rule: MajorityRule, yes: int, no: int, abstain: int, eligible: int, expected: bool
) -> None:
    assert carried(rule, yes=yes, no=no, abstain=abstain, eligible=eligible) is expected


# ---- members and bodies ----------------------------------------------------------------
def test_member_lifecycle_and_validation() -> None:
    with pytest.raises(InvalidInput):
        Member.apply(
            alliance_id=ALLIANCE,
            kind=MemberKind.MEMBER_STATE,
            name="X",
            country=None,
            applicant=SEC,
            motivation="",
            at=NOW,
        )
    with pytest.raises(InvalidInput):
        Member.apply(
            alliance_id=ALLIANCE,
            kind=MemberKind.MEMBER_STATE,
            name="X",
            country="ZZ",
            applicant=SEC,
            motivation="",
            at=NOW,
        )
    m = admitted()
    assert m.status is MemberStatus.ADMITTED and m.is_active_on(NOW.date())
    m.suspend(reason="arrears", by=SEC, at=NOW)
    assert not m.is_active_on(NOW.date())
    with pytest.raises(InvalidTransition):
        m.admit(term=Term(starts_on=NOW.date()), by=SEC, at=NOW)
    m.reinstate(by=SEC, at=NOW)
    m.withdraw(reason="", by=SEC, at=NOW + timedelta(days=3))
    assert m.term is not None and m.term.ends_on == (NOW + timedelta(days=3)).date()
    transitions = [e.transition for e in m.events]  # type: ignore[attr-defined]
    assert transitions == ["applied", "admitted", "suspended", "reinstated", "withdrawn"]


def test_eligible_voters_follow_roles_kinds_status_and_terms() -> None:
    state, org, observer, suspended = (
        admitted(),
        admitted(MemberKind.ORGANISATION, None),
        admitted(),
        admitted(),
    )
    b = body_of(
        BodyKind.STEERING_COMMITTEE, state, org, suspended, voting_kinds={MemberKind.MEMBER_STATE}
    )
    b.appoint(observer, role=Role.OBSERVER, term=Term(starts_on=NOW.date()), at=NOW)
    suspended.suspend(reason="x", by=SEC, at=NOW)
    members = {m.id: m for m in (state, org, observer, suspended)}
    assert b.eligible_voters(members, NOW.date()) == {state.id}
    with pytest.raises(InvalidTransition):  # one seat per member per period
        b.appoint(state, role=Role.MEMBER, term=Term(starts_on=NOW.date()), at=NOW)
    with pytest.raises(InvalidTransition):  # one chair at a time
        b.appoint(admitted(), role=Role.CHAIR, term=Term(starts_on=NOW.date()), at=NOW)
    seat = b.memberships[0]
    b.end_membership(seat.id, on=NOW.date() + timedelta(days=10), at=NOW)
    assert b.eligible_voters(members, NOW.date() + timedelta(days=10)) == set()
    applicant = Member.apply(
        alliance_id=ALLIANCE,
        kind=MemberKind.EXPERT,
        name="E",
        country=None,
        applicant=SEC,
        motivation="",
        at=NOW,
    )
    with pytest.raises(InvalidTransition):
        b.appoint(applicant, role=Role.MEMBER, term=Term(starts_on=NOW.date()), at=NOW)


# ---- votes -----------------------------------------------------------------------------
def test_a_vote_cannot_open_without_quorum() -> None:
    a, b, c = (uuid.uuid4() for _ in range(3))
    with pytest.raises(NoQuorum):
        open_motion({a, b, c}, {a})


def test_one_ballot_per_member_and_no_outsiders() -> None:
    a, b, absent = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    m = open_motion({a, b, absent}, {a, b})
    with pytest.raises(NotAllowed):  # eligible, but not in the meeting
        m.cast(member_id=absent, choice=Choice.YES, cast_by=SEC, present={a, b}, at=NOW)
    with pytest.raises(NotAllowed):
        m.cast(
            member_id=uuid.uuid4(), choice=Choice.YES, cast_by=uuid.uuid4(), present={a, b}, at=NOW
        )
    m.cast(member_id=a, choice=Choice.YES, cast_by=uuid.uuid4(), present={a, b}, at=NOW)
    with pytest.raises(AlreadyVoted):  # another representative of the same member
        m.cast(member_id=a, choice=Choice.NO, cast_by=uuid.uuid4(), present={a, b}, at=NOW)


def test_a_closed_vote_cannot_change_and_lost_quorum_invalidates() -> None:
    a, b, c = (uuid.uuid4() for _ in range(3))
    m = open_motion({a, b, c}, {a, b})
    m.cast(member_id=a, choice=Choice.YES, cast_by=SEC, present={a, b}, at=NOW)
    result = m.close(present={a, b}, at=NOW)
    assert result.outcome is Outcome.CARRIED and (result.yes, result.no) == (1, 0)
    with pytest.raises(InvalidTransition):
        m.cast(member_id=b, choice=Choice.NO, cast_by=SEC, present={a, b}, at=NOW)
    with pytest.raises(InvalidTransition):
        m.close(present={a, b}, at=NOW)
    assert m.result == result

    m2 = open_motion({a, b, c}, {a, b})
    m2.cast(member_id=a, choice=Choice.YES, cast_by=SEC, present={a, b}, at=NOW)
    assert m2.close(present={a}, at=NOW).outcome is Outcome.INVALID


# ---- meetings --------------------------------------------------------------------------
def test_meeting_time_zone_attendance_and_minutes() -> None:
    with pytest.raises(InvalidInput):
        Meeting.schedule(
            alliance_id=ALLIANCE,
            body_id=uuid.uuid4(),
            kind=MeetingKind.SUMMIT,
            title="S",
            starts_at=NOW,
            ends_at=None,
            timezone="Mars/Olympus",
        )
    with pytest.raises(InvalidInput):
        Meeting.schedule(
            alliance_id=ALLIANCE,
            body_id=uuid.uuid4(),
            kind=MeetingKind.SUMMIT,
            title="S",
            starts_at=NOW.replace(tzinfo=None),
            ends_at=None,
            timezone="UTC",
        )
    a, outsider = uuid.uuid4(), uuid.uuid4()
    m = Meeting.schedule(
        alliance_id=ALLIANCE,
        body_id=uuid.uuid4(),
        kind=MeetingKind.SUMMIT,
        title="Summit",
        starts_at=NOW,
        ends_at=None,
        timezone="Asia/Tokyo",
        invitees={a},
    )
    assert m.local_start.hour == 18
    with pytest.raises(NotAllowed):
        m.mark_present({outsider})
    m.mark_present({a})
    with pytest.raises(InvalidTransition):
        m.approve_minutes(by=SEC, at=NOW)
    m.draft_minutes(text="Minutes", by=SEC, at=NOW)
    m.approve_minutes(by=SEC, at=NOW)
    with pytest.raises(InvalidTransition):
        m.draft_minutes(text="Rewritten", by=SEC, at=NOW)
    with pytest.raises(InvalidTransition):
        m.mark_absent({a})


# ---- recommendations -------------------------------------------------------------------
def pipeline() -> tuple[Recommendation, Body, Body, Body, list[Member]]:
    states = [admitted() for _ in range(3)]
    youth = admitted(MemberKind.YOUTH_LEADER, "MX")
    wg = body_of(BodyKind.WORKING_GROUP, states[0], theme="gender_youth")
    ag = body_of(BodyKind.ADVISORY_GROUP, admitted(MemberKind.ORGANISATION, None))
    sc = body_of(BodyKind.STEERING_COMMITTEE, *states)
    rec = Recommendation.draft(
        working_group=wg,
        title="T",
        text="X",
        theme=None,
        sector=None,
        authors=[states[0], youth],
        by=SEC,
        at=NOW,
    )
    return rec, wg, ag, sc, states


def endorsement(
    rec: Recommendation,
    sc: Body,
    states: list[Member],
    present: set[uuid.UUID],
    close_present: set[uuid.UUID] | None = None,
) -> Motion:
    members = {m.id: m for m in states}
    m = open_motion(
        sc.eligible_voters(members, NOW.date()),
        present,
        body_id=sc.id,
        recommendation_id=rec.id,
        at=NOW + timedelta(minutes=5),
    )
    for s in present:
        m.cast(member_id=s, choice=Choice.YES, cast_by=SEC, present=present, at=NOW)
    m.close(present=close_present if close_present is not None else present, at=NOW)
    return m


def test_authors_sit_on_the_working_group_or_are_youth_leaders() -> None:
    rec, wg, *_ = pipeline()
    assert rec.theme == "gender_youth" and len(rec.authors) == 2
    with pytest.raises(InvalidInput):
        Recommendation.draft(
            working_group=wg,
            title="T",
            text="X",
            theme=None,
            sector=None,
            authors=[admitted(MemberKind.EXPERT, None)],
            by=SEC,
            at=NOW,
        )


def test_pipeline_and_returns_go_back_to_the_right_step() -> None:
    rec, wg, ag, sc, states = pipeline()
    with pytest.raises(NotAllowed):
        rec.adopt(body=sc, motion=None, by=SEC, at=NOW)
    rec.adopt(body=wg, motion=None, by=SEC, at=NOW)
    with pytest.raises(NotAllowed):  # not the advisory group's... steering committee
        rec.return_to(reason="no", to=None, body=sc, by=SEC, at=NOW)
    assert rec.return_to(reason="evidence", to=None, body=ag, by=SEC, at=NOW) is Stage.DRAFT
    rec.adopt(body=wg, motion=None, by=SEC, at=NOW)
    rec.review(body=ag, position=AdvicePosition.SUPPORT, text="ok", by=SEC, at=NOW)
    assert rec.return_to(reason="costs", to=None, body=sc, by=SEC, at=NOW) is Stage.ADOPTED
    with pytest.raises(InvalidInput):
        rec.return_to(reason="x", to=Stage.REVIEWED, body=ag, by=SEC, at=NOW)
    rec.review(body=ag, position=AdvicePosition.SUPPORT, text="ok", by=SEC, at=NOW)
    rec.endorse(
        body=sc, motion=endorsement(rec, sc, states, {s.id for s in states[:2]}), by=SEC, at=NOW
    )
    rec.publish(by=SEC, at=NOW)
    assert rec.stage is Stage.PUBLISHED
    assert [s.action for s in rec.trail] == [
        "drafted",
        "adopted",
        "returned",
        "adopted",
        "reviewed",
        "returned",
        "reviewed",
        "endorsed",
        "published",
    ]


def test_endorsement_needs_a_quorate_carried_vote() -> None:
    rec, wg, ag, sc, states = pipeline()
    rec.adopt(body=wg, motion=None, by=SEC, at=NOW)
    rec.review(body=ag, position=AdvicePosition.SUPPORT, text="ok", by=SEC, at=NOW)
    invalid = endorsement(rec, sc, states, {s.id for s in states[:2]}, close_present={states[0].id})
    with pytest.raises(NoQuorum):
        rec.endorse(body=sc, motion=invalid, by=SEC, at=NOW)
    other = Recommendation.draft(
        working_group=wg,
        title="T2",
        text="X",
        theme=None,
        sector=None,
        authors=[states[0]],
        by=SEC,
        at=NOW,
    )
    with pytest.raises(InvalidInput):  # a vote on another recommendation does not count
        rec.endorse(
            body=sc, motion=endorsement(other, sc, states, {s.id for s in states}), by=SEC, at=NOW
        )
    assert rec.stage is Stage.REVIEWED


# ---- commitments -----------------------------------------------------------------------
def commitment(clock: FixedClock, days: int = 100) -> Commitment:
    ind = Indicator(
        id=uuid.uuid4(),
        name="Council meetings",
        unit="meetings",
        baseline=Decimal(0),
        target=Decimal(10),
        due_on=clock.today() + timedelta(days=days),
    )
    return Commitment.pledge(
        alliance_id=ALLIANCE,
        member_id=uuid.uuid4(),
        title="Council",
        description="",
        pillar="institutionalise",
        theme=None,
        recommendation_ids=[],
        indicators=[ind],
        at=clock.now(),
    )


def test_status_turns_late_when_the_due_date_passes_without_the_target() -> None:
    clock = FixedClock(NOW)
    c = commitment(clock)
    ind = c.indicators[0]
    clock.advance(timedelta(days=40))
    c.report_progress(
        indicator_id=ind.id,
        value=Decimal(4),
        reported_on=clock.today(),
        note="",
        evidence_links=["https://example.org/e"],
        by=SEC,
        at=clock.now(),
    )
    assert c.status is Status.ON_TRACK
    clock.set(datetime.combine(ind.due_on, datetime.min.time(), UTC))
    c.refresh_status(clock.today())
    assert c.status is Status.AT_RISK  # due today: behind, but not late yet
    clock.advance(timedelta(days=1))
    assert c.refresh_status(clock.today())
    assert c.status is Status.LATE
    assert not c.refresh_status(clock.today())  # announced once


def test_at_risk_and_achieved() -> None:
    clock = FixedClock(NOW)
    c = commitment(clock)
    clock.advance(timedelta(days=60))
    c.refresh_status(clock.today())
    assert c.status is Status.AT_RISK  # nothing reported with 60 % of the time gone
    c.report_progress(
        indicator_id=c.indicators[0].id,
        value=Decimal(10),
        reported_on=clock.today(),
        note="",
        evidence_links=[],
        by=SEC,
        at=clock.now(),
    )
    assert c.status is Status.ACHIEVED
    with pytest.raises(InvalidInput):
        c.report_progress(
            indicator_id=c.indicators[0].id,
            value=Decimal(1),
            reported_on=clock.today() + timedelta(days=1),
            note="",
            evidence_links=[],
            by=SEC,
            at=clock.now(),
        )


def test_decreasing_indicators_count_progress_downwards() -> None:
    ind = Indicator(
        id=uuid.uuid4(),
        name="Remittance cost",
        unit="%",
        baseline=Decimal(7),
        target=Decimal(3),
        due_on=date(2027, 1, 1),
    )
    assert ind.progress == 0
    with pytest.raises(InvalidInput):
        Indicator(
            id=uuid.uuid4(),
            name="x",
            unit="%",
            baseline=Decimal(1),
            target=Decimal(1),
            due_on=date(2027, 1, 1),
        )


# ---- youth and contracts ---------------------------------------------------------------
def test_only_youth_leaders_join_a_cohort_once() -> None:
    cohort = Cohort.open(alliance_id=ALLIANCE, name="2022", year=2022)
    with pytest.raises(InvalidInput):
        cohort.nominate(admitted(), by=SEC, at=NOW)
    leader = admitted(MemberKind.YOUTH_LEADER, "TZ")
    n = cohort.nominate(leader, by=SEC, at=NOW)
    with pytest.raises(InvalidTransition):
        cohort.nominate(leader, by=SEC, at=NOW)
    cohort.decide(n.id, accept=True, at=NOW)
    assert cohort.leaders == [leader.id]


def test_lifecycle_steps_become_contract_events_without_personal_data() -> None:
    clock = FixedClock(NOW)
    rec, *_, states = pipeline()
    c = commitment(clock)
    produced = [
        ev
        for agg in (states[0], rec, c)
        for domain_event in agg.events
        for ev in to_integration_events(agg, domain_event)
    ]
    types = {e.type_name for e in produced}
    assert {
        "alliance.member.admitted",
        "alliance.recommendation.moved",
        "alliance.commitment.pledged",
    } <= types
    for e in produced:
        data = e.model_dump()
        assert "name" not in data and "authors" not in data and "representatives" not in data


def test_rejection_needs_a_reason_and_an_application() -> None:
    m = Member.apply(
        alliance_id=ALLIANCE,
        kind=MemberKind.ORGANISATION,
        name="Org",
        country=None,
        applicant=SEC,
        motivation="",
        at=NOW,
    )
    with pytest.raises(InvalidInput):
        m.reject(reason=" ", by=SEC, at=NOW)
    m.reject(reason="Out of scope", by=SEC, at=NOW)
    with pytest.raises(InvalidTransition):
        m.admit(term=Term(starts_on=NOW.date()), by=SEC, at=NOW)


def test_erasure_de_identifies_people_but_not_institutions() -> None:
    person = admitted(MemberKind.YOUTH_LEADER, "AF")
    (account,) = person.representatives
    person.forget_representative(account, at=NOW)
    assert (person.name, person.country, person.status) == (
        "Erased member",
        None,
        MemberStatus.WITHDRAWN,
    )
    state = admitted()
    (rep,) = state.representatives
    state.forget_representative(rep, at=NOW)
    assert state.status is MemberStatus.ADMITTED and state.name == "M"
    state.forget_representative(uuid.uuid4(), at=NOW)  # not a representative: nothing happens


def test_csv_export_neutralises_formulas() -> None:
    from alliance.views import export_csv

    clock = FixedClock(NOW)
    c = commitment(clock)
    c.title = '=HYPERLINK("http://evil")'
    text = export_csv([c], {c.member_id: "+Member"}, clock.today())
    header, row = text.splitlines()
    assert header.startswith("commitment_id,member_id,member,pillar")
    assert "'=HYPERLINK" in row and "'+Member" in row


def test_the_commitments_csv_keeps_numbers_numeric_and_quotes_formula_text() -> None:
    """Found from the outside: negative numbers came out as text ("'-25.0", "'-0.0")."""
    from decimal import Decimal

    from alliance.views import _cell

    assert _cell(Decimal("-25.0")) == "-25.0" and _cell(-3) == "-3" and _cell(2.5) == "2.5"
    assert _cell(Decimal("-0.0")) == "0.0" and _cell(-0.0) == "0.0"
    for formula in ("=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\tx"):
        assert _cell(formula) == "'" + formula
    assert _cell("Diaspora bonds") == "Diaspora bonds" and _cell(None) == ""
