"""``python -m alliance seed``: a demo alliance modelled on the Global Diaspora Policy Alliance.

Idempotent: everything is created in one transaction, keyed by the alliance's slug, so a
second run (or a run after a crash) finds the alliance and does nothing — or creates all of it.
Ids are derived (uuid5) from stable names so demo links stay valid across environments.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from alliance.domain.alliance import Alliance, Pillar, Theme
from alliance.domain.body import Body, BodyKind, BodyRules, Role
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment, Indicator
from alliance.domain.meeting import ItemKind, Meeting, MeetingKind
from alliance.domain.member import Member, MemberKind
from alliance.domain.motion import Choice, Motion
from alliance.domain.recommendation import AdvicePosition, Recommendation
from alliance.domain.values import Term
from alliance.service_layer.repositories import Documents
from alliance.service_layer.unit_of_work import AllianceUnitOfWork
from eventkit.clock import Clock
from eventkit.logging import get_logger

log = get_logger(__name__)

SLUG = "gdpa"
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://diaspora.example/alliance/gdpa")


def sid(name: str) -> uuid.UUID:
    return uuid.uuid5(NS, name)


#: the Dublin Declaration (Global Diaspora Summit, April 2022)
PILLARS = [
    Pillar(
        code="institutionalise",
        title="Institutionalise diaspora participation in policies "
        "and programmes at local and global level",
    ),
    Pillar(
        code="partnership",
        title="Recognise diasporas as partners in facing social and "
        "humanitarian challenges, and strengthen their capacities",
    ),
    Pillar(
        code="rights", title="Strengthen the protection of migrants' rights and access to services"
    ),
    Pillar(code="networks", title="Strengthen and digitalise diaspora networks"),
]
THEMES = [
    Theme(code="gender_youth", title="Gender and youth"),
    Theme(code="climate_action", title="Climate action"),
    Theme(code="health_wellbeing", title="Health and well-being"),
    Theme(code="data", title="Data"),
    Theme(code="digitalisation", title="Digitalisation"),
]
#: member states named as beneficiaries of the GDPA project, and Haiti (diaspora mapping)
STATES = {
    "SV": "El Salvador",
    "FJ": "Fiji",
    "GE": "Georgia",
    "MU": "Mauritius",
    "PE": "Peru",
    "HT": "Haiti",
}
ORGANISATIONS = [
    "International Organization for Migration",
    "Global Diaspora Confederation",
    "GRFDT",
    "MYCP",
]
#: Young Diaspora Leaders 2022 (public list), by country of residence
YOUTH_2022 = {
    "Jamal Hill": "US",
    "Alicja Lelwic-Ojeda": "PL",
    "Elana Wong": "MY",
    "Gibson Kawago": "TZ",
    "Heela Yoon": "AF",
    "Karen Wang": "CN",
    "Khadija Tirha": "MA",
    "Lani Anaya": "MX",
    "Mayada Adil": "SD",
    "Richa Gupta": "ZM",
}
SECRETARIAT = sid("account:secretariat")


@dataclass
class Governance:
    """The demo's bodies: the secretariat, the two standing bodies, three working groups."""

    secretariat: Body
    steering: Body
    advisory: Body
    working_groups: dict[str, Body]

    def all(self) -> list[Body]:
        return [self.secretariat, self.steering, self.advisory, *self.working_groups.values()]


@dataclass
class Demo:
    """Every record of the demo alliance, built through the domain (nothing saved yet)."""

    alliance: Alliance
    members: list[Member]
    bodies: list[Body]
    meetings: list[Meeting]
    motions: list[Motion]
    recommendations: list[Recommendation]
    commitments: list[Commitment]
    cohorts: list[Cohort]


async def seed_demo(uow_factory: Callable[[], AllianceUnitOfWork], clock: Clock) -> bool:
    """Create the demo alliance unless it exists; True when it was created."""
    now = clock.now()
    async with uow_factory() as uow:
        if await uow.alliances.by_slug(SLUG) is not None:
            log.info("seed.exists", slug=SLUG)
            return False
        demo = build_demo(now)
        await uow.alliances.add(demo.alliance)
        stored: list[tuple[Documents[Any], list[Any]]] = [
            (uow.members, demo.members),
            (uow.bodies, demo.bodies),
            (uow.meetings, demo.meetings),
            (uow.motions, demo.motions),
            (uow.recommendations, demo.recommendations),
            (uow.commitments, demo.commitments),
            (uow.cohorts, demo.cohorts),
        ]
        for repository, aggregates in stored:
            for aggregate in aggregates:
                await repository.add(aggregate)
        await uow.commit()
    log.info("seed.created", slug=SLUG, as_of=date.isoformat(now.date()))
    return True


def build_demo(now: datetime) -> Demo:
    today = now.date()
    term = Term(starts_on=today, ends_on=today + timedelta(days=3 * 365))
    gdpa = Alliance.found(
        slug=SLUG,
        name="Global Diaspora Policy Alliance",
        declaration="Dublin Declaration (2022)",
        pillars=PILLARS,
        themes=THEMES,
        at=now,
        alliance_id=sid("alliance"),
    )

    def member(kind: MemberKind, name: str, country: str | None) -> Member:
        m = Member.apply(
            alliance_id=gdpa.id,
            kind=kind,
            name=name,
            country=country,
            applicant=sid(f"account:{name}"),
            motivation="Demo member",
            at=now,
            member_id=sid(f"member:{name}"),
        )
        m.admit(term=term, by=SECRETARIAT, at=now)
        return m

    states = {code: member(MemberKind.MEMBER_STATE, name, code) for code, name in STATES.items()}
    orgs = [member(MemberKind.ORGANISATION, n, None) for n in ORGANISATIONS]
    youth = [member(MemberKind.YOUTH_LEADER, n, c) for n, c in YOUTH_2022.items()]
    governance = _governance(gdpa, list(states.values()), orgs, youth, term, now)
    meetings, motions, rec = _youth_recommendation(
        gdpa, governance, list(states.values()), orgs, youth, now
    )
    return Demo(
        alliance=gdpa,
        members=[*states.values(), *orgs, *youth],
        bodies=governance.all(),
        meetings=meetings,
        motions=motions,
        recommendations=[rec],
        commitments=_commitments(gdpa, states, rec, now),
        cohorts=[_youth_leaders_2022(gdpa, youth, now)],
    )


def _governance(
    gdpa: Alliance,
    states: list[Member],
    orgs: list[Member],
    youth: list[Member],
    term: Term,
    now: datetime,
) -> Governance:
    """The bodies, staffed: IOM chairs the secretariat, states sit on the steering committee,
    organisations advise, each working group has a state chair, a state, an organisation and a
    youth rapporteur."""

    def body(kind: BodyKind, name: str, theme: str | None = None, **rules: object) -> Body:
        return Body.establish(
            alliance_id=gdpa.id,
            kind=kind,
            name=name,
            theme=theme,
            rules=BodyRules(**rules),  # type: ignore[arg-type]
            body_id=sid(f"body:{name}"),
        )

    g = Governance(
        secretariat=body(BodyKind.SECRETARIAT, "Technical Secretariat"),
        steering=body(
            BodyKind.STEERING_COMMITTEE,
            "Institutional Steering Committee",
            voting_kinds={MemberKind.MEMBER_STATE},
            quorum_percent=50,
        ),
        advisory=body(BodyKind.ADVISORY_GROUP, "Stakeholders Advisory Group"),
        working_groups={
            "gender_youth": body(BodyKind.WORKING_GROUP, "TWG 1 Gender and youth", "gender_youth"),
            "climate_action": body(
                BodyKind.WORKING_GROUP, "TWG 2 Climate action", "climate_action"
            ),
            "health_wellbeing": body(
                BodyKind.WORKING_GROUP, "TWG 3 Health and well-being", "health_wellbeing"
            ),
        },
    )
    iom = orgs[0]
    g.secretariat.appoint(iom, role=Role.CHAIR, term=term, at=now)
    for i, s in enumerate(states):
        g.steering.appoint(s, role=Role.CHAIR if i == 0 else Role.MEMBER, term=term, at=now)
    for i, o in enumerate(orgs[1:]):
        g.advisory.appoint(o, role=Role.CHAIR if i == 0 else Role.MEMBER, term=term, at=now)
    g.advisory.appoint(iom, role=Role.OBSERVER, term=term, at=now)
    for n, wg in enumerate(g.working_groups.values()):
        wg.appoint(states[n], role=Role.CHAIR, term=term, at=now)
        wg.appoint(states[n + 3], role=Role.MEMBER, term=term, at=now)
        wg.appoint(orgs[1 + n], role=Role.MEMBER, term=term, at=now)
        wg.appoint(youth[n], role=Role.RAPPORTEUR, term=term, at=now)
    return g


def _youth_recommendation(
    gdpa: Alliance,
    g: Governance,
    states: list[Member],
    orgs: list[Member],
    youth: list[Member],
    now: datetime,
) -> tuple[list[Meeting], list[Motion], Recommendation]:
    """One recommendation carried through the whole pipeline: drafted and adopted in a
    working group's session, reviewed by the advisory group, endorsed by the steering
    committee, published; both meetings' minutes approved."""
    today = now.date()
    wg = g.working_groups["gender_youth"]
    wg_meeting = Meeting.schedule(
        alliance_id=gdpa.id,
        body_id=wg.id,
        kind=MeetingKind.WORKING_SESSION,
        title="TWG 1 session: youth and women in diaspora engagement",
        starts_at=now,
        ends_at=now + timedelta(hours=2),
        timezone="Europe/Dublin",
        location="online",
        invitees=wg.sitting_members(today) | {y.id for y in youth[3:6]},
        meeting_id=sid("meeting:twg1-1"),
    )
    wg_meeting.add_agenda_item(
        title="Draft recommendation on youth inclusion", kind=ItemKind.DECISION
    )
    wg_meeting.mark_present(wg_meeting.invitations)
    rec = Recommendation.draft(
        working_group=wg,
        title="Include diaspora youth in national diaspora strategies",
        text="Member states should set up youth diaspora advisory councils and reserve "
        "places for young diaspora leaders of all genders in consultations.",
        theme="gender_youth",
        sector="governance",
        authors=[states[0], youth[0], youth[1]],
        by=sid(f"account:{states[0].name}"),
        at=now,
        recommendation_id=sid("rec:youth"),
    )
    members_by_id = {m.id: m for m in [*states, *orgs, *youth]}
    wg_vote = Motion.open(
        alliance_id=gdpa.id,
        meeting_id=wg_meeting.id,
        body_id=wg.id,
        title="Adopt the recommendation on youth inclusion",
        text="",
        recommendation_id=rec.id,
        majority=wg.rules.majority,
        quorum_percent=wg.rules.quorum_percent,
        electorate=wg.eligible_voters(members_by_id, today),
        present=wg_meeting.attendance,
        at=now,
        motion_id=sid("motion:twg1-adopt"),
    )
    for voter in sorted(wg_vote.electorate):
        wg_vote.cast(
            member_id=voter,
            choice=Choice.YES,
            cast_by=SECRETARIAT,
            present=wg_meeting.attendance,
            at=now,
        )
    wg_vote.close(present=wg_meeting.attendance, at=now)
    rec.adopt(body=wg, motion=wg_vote, by=SECRETARIAT, at=now)
    wg_meeting.record_decision(
        text="Recommendation adopted", agenda_item_id=None, motion_id=wg_vote.id, at=now
    )
    rec.review(
        body=g.advisory,
        position=AdvicePosition.SUPPORT_WITH_CHANGES,
        text="Support; add a target share of young women among delegates.",
        by=SECRETARIAT,
        at=now,
    )
    sc_meeting = Meeting.schedule(
        alliance_id=gdpa.id,
        body_id=g.steering.id,
        kind=MeetingKind.BODY_MEETING,
        title="Institutional Steering Committee, first meeting",
        starts_at=now,
        ends_at=now + timedelta(hours=3),
        timezone="Europe/Zurich",
        location="Geneva",
        invitees=g.steering.sitting_members(today),
        meeting_id=sid("meeting:isc-1"),
    )
    sc_meeting.mark_present({s.id for s in states[:5]})
    sc_vote = Motion.open(
        alliance_id=gdpa.id,
        meeting_id=sc_meeting.id,
        body_id=g.steering.id,
        title="Endorse the recommendation on youth inclusion",
        text="",
        recommendation_id=rec.id,
        majority=g.steering.rules.majority,
        quorum_percent=g.steering.rules.quorum_percent,
        electorate=g.steering.eligible_voters(members_by_id, today),
        present=sc_meeting.attendance,
        at=now,
        motion_id=sid("motion:isc-endorse"),
    )
    for i, s in enumerate(states[:5]):
        sc_vote.cast(
            member_id=s.id,
            choice=Choice.ABSTAIN if i == 4 else Choice.YES,
            cast_by=sid(f"account:{s.name}"),
            present=sc_meeting.attendance,
            at=now,
        )
    sc_vote.close(present=sc_meeting.attendance, at=now)
    rec.endorse(body=g.steering, motion=sc_vote, by=SECRETARIAT, at=now)
    sc_meeting.record_decision(
        text="Recommendation endorsed", agenda_item_id=None, motion_id=sc_vote.id, at=now
    )
    for mt in (wg_meeting, sc_meeting):
        mt.draft_minutes(text=f"Minutes of {mt.title}.", by=SECRETARIAT, at=now)
        mt.approve_minutes(by=SECRETARIAT, at=now)
    rec.publish(by=SECRETARIAT, at=now)
    return [wg_meeting, sc_meeting], [wg_vote, sc_vote], rec


def _commitments(
    gdpa: Alliance, states: dict[str, Member], rec: Recommendation, now: datetime
) -> list[Commitment]:
    """Three states' pledges, each with a first progress report."""
    today = now.date()

    def indicator(name: str, unit: str, baseline: str, target: str, days: int) -> Indicator:
        return Indicator(
            id=sid(f"indicator:{name}"),
            name=name,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            due_on=today + timedelta(days=days),
        )

    pledges = [
        (
            states["SV"],
            "Youth diaspora advisory council",
            "institutionalise",
            "gender_youth",
            [rec.id],
            indicator("Council meetings held", "meetings", "0", "4", 365),
            "2",
        ),
        (
            states["GE"],
            "Online one-stop shop for diaspora services",
            "networks",
            "digitalisation",
            [],
            indicator("Services available online", "services", "3", "20", 540),
            "5",
        ),
        (
            states["PE"],
            "Diaspora health professionals exchange",
            "partnership",
            "health_wellbeing",
            [],
            indicator("Professionals deployed", "people", "0", "50", 400),
            "10",
        ),
    ]
    commitments: list[Commitment] = []
    for m, title, pillar, theme, recs, ind, value in pledges:
        c = Commitment.pledge(
            alliance_id=gdpa.id,
            member_id=m.id,
            title=title,
            description="",
            pillar=pillar,
            theme=theme,
            recommendation_ids=recs,
            indicators=[ind],
            at=now,
            commitment_id=sid(f"commitment:{title}"),
        )
        c.report_progress(
            indicator_id=ind.id,
            value=Decimal(value),
            reported_on=today,
            note="First progress report",
            evidence_links=["https://example.org/evidence/report-1.pdf"],
            by=sid(f"account:{m.name}"),
            at=now,
        )
        commitments.append(c)
    return commitments


def _youth_leaders_2022(gdpa: Alliance, youth: list[Member], now: datetime) -> Cohort:
    """The Young Diaspora Leaders 2022, every nomination accepted."""
    cohort = Cohort.open(
        alliance_id=gdpa.id,
        name="Young Diaspora Leaders 2022",
        year=2022,
        cohort_id=sid("cohort:2022"),
    )
    for y in youth:
        nomination = cohort.nominate(y, by=SECRETARIAT, at=now)
        cohort.decide(nomination.id, accept=True, at=now)
    return cohort
