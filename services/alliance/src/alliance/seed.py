"""``python -m alliance seed``: a demo alliance modelled on the Global Diaspora Policy Alliance.

Idempotent: everything is created in one transaction, keyed by the alliance's slug, so a
second run (or a run after a crash) finds the alliance and does nothing — or creates all of it.
Ids are derived (uuid5) from stable names so demo links stay valid across environments.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from alliance.domain.alliance import Alliance, Pillar, Theme
from alliance.domain.body import Body, BodyKind, BodyRules, Role
from alliance.domain.cohort import Cohort
from alliance.domain.commitment import Commitment, Indicator
from alliance.domain.meeting import ItemKind, Meeting, MeetingKind
from alliance.domain.member import Member, MemberKind
from alliance.domain.motion import Choice, Motion
from alliance.domain.recommendation import AdvicePosition, Recommendation
from alliance.domain.values import Term
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


async def seed_demo(uow_factory: Callable[[], AllianceUnitOfWork], clock: Clock) -> bool:
    """Create the demo alliance unless it exists; True when it was created."""
    now = clock.now()
    today = now.date()
    term = Term(starts_on=today, ends_on=today + timedelta(days=3 * 365))
    async with uow_factory() as uow:
        if await uow.alliances.by_slug(SLUG) is not None:
            log.info("seed.exists", slug=SLUG)
            return False
        gdpa = Alliance.found(
            slug=SLUG,
            name="Global Diaspora Policy Alliance",
            declaration="Dublin Declaration (2022)",
            pillars=PILLARS,
            themes=THEMES,
            at=now,
            alliance_id=sid("alliance"),
        )
        await uow.alliances.add(gdpa)

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

        states = {
            code: member(MemberKind.MEMBER_STATE, name, code) for code, name in STATES.items()
        }
        orgs = [member(MemberKind.ORGANISATION, n, None) for n in ORGANISATIONS]
        youth = [member(MemberKind.YOUTH_LEADER, n, c) for n, c in YOUTH_2022.items()]
        for m in [*states.values(), *orgs, *youth]:
            await uow.members.add(m)

        def body(kind: BodyKind, name: str, theme: str | None = None, **rules: object) -> Body:
            return Body.establish(
                alliance_id=gdpa.id,
                kind=kind,
                name=name,
                theme=theme,
                rules=BodyRules(**rules),  # type: ignore[arg-type]
                body_id=sid(f"body:{name}"),
            )

        secretariat = body(BodyKind.SECRETARIAT, "Technical Secretariat")
        steering = body(
            BodyKind.STEERING_COMMITTEE,
            "Institutional Steering Committee",
            voting_kinds={MemberKind.MEMBER_STATE},
            quorum_percent=50,
        )
        advisory = body(BodyKind.ADVISORY_GROUP, "Stakeholders Advisory Group")
        wgs = {
            "gender_youth": body(BodyKind.WORKING_GROUP, "TWG 1 Gender and youth", "gender_youth"),
            "climate_action": body(
                BodyKind.WORKING_GROUP, "TWG 2 Climate action", "climate_action"
            ),
            "health_wellbeing": body(
                BodyKind.WORKING_GROUP, "TWG 3 Health and well-being", "health_wellbeing"
            ),
        }
        iom = orgs[0]
        secretariat.appoint(iom, role=Role.CHAIR, term=term, at=now)
        state_list = list(states.values())
        for i, s in enumerate(state_list):
            steering.appoint(s, role=Role.CHAIR if i == 0 else Role.MEMBER, term=term, at=now)
        for i, o in enumerate(orgs[1:]):
            advisory.appoint(o, role=Role.CHAIR if i == 0 else Role.MEMBER, term=term, at=now)
        advisory.appoint(iom, role=Role.OBSERVER, term=term, at=now)
        for n, wg in enumerate(wgs.values()):
            wg.appoint(state_list[n], role=Role.CHAIR, term=term, at=now)
            wg.appoint(state_list[n + 3], role=Role.MEMBER, term=term, at=now)
            wg.appoint(orgs[1 + n], role=Role.MEMBER, term=term, at=now)
            wg.appoint(youth[n], role=Role.RAPPORTEUR, term=term, at=now)
        for b in [secretariat, steering, advisory, *wgs.values()]:
            await uow.bodies.add(b)

        # ---- one recommendation carried through the whole pipeline ---------------------
        wg = wgs["gender_youth"]
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
            authors=[state_list[0], youth[0], youth[1]],
            by=sid(f"account:{state_list[0].name}"),
            at=now,
            recommendation_id=sid("rec:youth"),
        )
        members_by_id = {m.id: m for m in [*state_list, *orgs, *youth]}
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
            body=advisory,
            position=AdvicePosition.SUPPORT_WITH_CHANGES,
            text="Support; add a target share of young women among delegates.",
            by=SECRETARIAT,
            at=now,
        )
        sc_meeting = Meeting.schedule(
            alliance_id=gdpa.id,
            body_id=steering.id,
            kind=MeetingKind.BODY_MEETING,
            title="Institutional Steering Committee, first meeting",
            starts_at=now,
            ends_at=now + timedelta(hours=3),
            timezone="Europe/Zurich",
            location="Geneva",
            invitees=steering.sitting_members(today),
            meeting_id=sid("meeting:isc-1"),
        )
        sc_meeting.mark_present({s.id for s in state_list[:5]})
        sc_vote = Motion.open(
            alliance_id=gdpa.id,
            meeting_id=sc_meeting.id,
            body_id=steering.id,
            title="Endorse the recommendation on youth inclusion",
            text="",
            recommendation_id=rec.id,
            majority=steering.rules.majority,
            quorum_percent=steering.rules.quorum_percent,
            electorate=steering.eligible_voters(members_by_id, today),
            present=sc_meeting.attendance,
            at=now,
            motion_id=sid("motion:isc-endorse"),
        )
        for i, s in enumerate(state_list[:5]):
            sc_vote.cast(
                member_id=s.id,
                choice=Choice.ABSTAIN if i == 4 else Choice.YES,
                cast_by=sid(f"account:{s.name}"),
                present=sc_meeting.attendance,
                at=now,
            )
        sc_vote.close(present=sc_meeting.attendance, at=now)
        rec.endorse(body=steering, motion=sc_vote, by=SECRETARIAT, at=now)
        sc_meeting.record_decision(
            text="Recommendation endorsed", agenda_item_id=None, motion_id=sc_vote.id, at=now
        )
        for mt in (wg_meeting, sc_meeting):
            mt.draft_minutes(text=f"Minutes of {mt.title}.", by=SECRETARIAT, at=now)
            mt.approve_minutes(by=SECRETARIAT, at=now)
        rec.publish(by=SECRETARIAT, at=now)
        await uow.meetings.add(wg_meeting)
        await uow.meetings.add(sc_meeting)
        await uow.motions.add(wg_vote)
        await uow.motions.add(sc_vote)
        await uow.recommendations.add(rec)

        # ---- commitments with progress --------------------------------------------------
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
            await uow.commitments.add(c)

        # ---- youth leaders 2022 --------------------------------------------------------
        cohort = Cohort.open(
            alliance_id=gdpa.id,
            name="Young Diaspora Leaders 2022",
            year=2022,
            cohort_id=sid("cohort:2022"),
        )
        for y in youth:
            nomination = cohort.nominate(y, by=SECRETARIAT, at=now)
            cohort.decide(nomination.id, accept=True, at=now)
        await uow.cohorts.add(cohort)
        await uow.commit()
    log.info("seed.created", slug=SLUG, as_of=date.isoformat(today))
    return True
