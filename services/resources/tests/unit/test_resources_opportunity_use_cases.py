"""Use cases of Contribute (post opportunities, express interest, explainable matching, the
people projection and consents), over the in-memory unit of work: no PostgreSQL, no Kafka."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from resources_fakes import FakeResourcesUnitOfWork

from contracts.envelope import CloudEvent
from contracts.events import privacy
from contracts.events import resources as contract
from contracts.events.profiles import LanguageSkill, PersonProfileUpdated
from eventkit.clock import Clock, FixedClock, SystemClock
from resources.domain.opportunity import InterestStatus, OpportunityKind
from resources.service_layer import opportunity_handlers as uc
from resources.service_layer import privacy as consent
from resources.service_layer.errors import Conflict, Forbidden, NotFound
from resources.service_layer.projection import profile_projection
from resources.service_layer.resource_handlers import Actor

POSTER = Actor(id=uuid.uuid4(), role="organisation_admin")
ORGANISATION = uuid.uuid4()


@pytest.fixture
def uow() -> FakeResourcesUnitOfWork:
    return FakeResourcesUnitOfWork()


async def profile(
    uow: FakeResourcesUnitOfWork,
    *,
    skills: list[str] = (),  # type: ignore[assignment]
    open_to_opportunities: bool = True,
    sequence: int = 1,
    person_id: uuid.UUID | None = None,
    clock: Clock | None = None,
) -> uuid.UUID:
    """A person as profiles announces them, projected by the consumer's use case."""
    snapshot = PersonProfileUpdated(
        person_id=person_id or uuid.uuid4(),
        skills=list(skills),
        sectors=["K"],
        languages=[LanguageSkill(code="fr")],
        open_to_opportunities=open_to_opportunities,
    )
    async with uow:
        apply_profile = profile_projection(clock or SystemClock())
        await apply_profile(snapshot, CloudEvent.model_construct(sequence=sequence), uow)
        await uow.commit()
    return snapshot.person_id


async def post(
    uow: FakeResourcesUnitOfWork,
    *,
    skills: list[str] = ("S1.2", "S4.8"),  # type: ignore[assignment]
    deadline: datetime | None = None,
    announce: int = 10,
) -> uuid.UUID:
    return await uc.post(
        uow,
        {
            "kind": OpportunityKind.EXPERTS,
            "title": "Fintech mentors",
            "description": "Help a remittance start-up",
            "organisation": "Ministry",
            "organisation_id": ORGANISATION,
            "posted_by": POSTER.id,
            "deadline": deadline or datetime.now(UTC) + timedelta(days=30),
            "required_skills": list(skills),
            "sectors": ["K"],
        },
        announce,
    )


async def test_posting_announces_good_matches_once_and_only_to_people_who_consented(
    uow: FakeResourcesUnitOfWork,
) -> None:
    fits = await profile(uow, skills=["S1.2", "S4.8"])
    await profile(uow, skills=["S1.2", "S4.8"], open_to_opportunities=False)
    await profile(uow, skills=["S9.9"])  # shares the sector only: not a good match
    opportunity_id = await post(uow)
    [posted] = uow.published_of(contract.OpportunityPosted)
    [found] = uow.published_of(contract.OpportunityMatchFound)
    assert posted.opportunity_id == found.opportunity_id == opportunity_id
    assert found.person_id == fits and found.score == 1.0
    assert {r.kind for r in found.reasons} == {"skills", "sectors"}
    # the posting event goes out before the matches (its own commit)
    assert uow.published.index(posted) < uow.published.index(found)
    # a profile update of the same person announces nothing new
    await profile(uow, skills=["S1.2", "S4.8"], person_id=fits, sequence=2)
    assert len(uow.published_of(contract.OpportunityMatchFound)) == 1


async def test_a_profile_change_after_the_deadline_announces_nothing(
    uow: FakeResourcesUnitOfWork,
) -> None:
    """The consumer asks the service's clock which opportunities are still open."""
    deadline = datetime.now(UTC) + timedelta(days=3)
    await post(uow, deadline=deadline)
    late = FixedClock(deadline + timedelta(minutes=1))
    await profile(uow, skills=["S1.2", "S4.8"], clock=late)
    assert uow.published_of(contract.OpportunityMatchFound) == []
    await profile(uow, skills=["S1.2", "S4.8"], clock=FixedClock(deadline - timedelta(days=1)))
    assert len(uow.published_of(contract.OpportunityMatchFound)) == 1


async def test_a_profile_that_now_fits_hears_of_open_opportunities(
    uow: FakeResourcesUnitOfWork,
) -> None:
    opportunity_id = await post(uow)
    person = await profile(uow, skills=["S9.9"], sequence=1)
    assert uow.published_of(contract.OpportunityMatchFound) == []  # the sector only: not yet
    await profile(uow, skills=["S1.2", "S4.8"], person_id=person, sequence=3)
    await profile(uow, skills=[], person_id=person, sequence=2)  # older redelivery: ignored
    [found] = uow.published_of(contract.OpportunityMatchFound)
    assert (found.opportunity_id, found.person_id) == (opportunity_id, person)
    ranked = await uc.opportunities_for(uow, person, 10, datetime.now(UTC))
    assert [x.opportunity.id for x in ranked] == [opportunity_id] and ranked[0].match.good


async def test_withdrawn_consent_keeps_a_person_out_of_the_matches(
    uow: FakeResourcesUnitOfWork,
) -> None:
    listed_only = await profile(uow, skills=["S1.2", "S4.8"])
    no_contact = await profile(uow, skills=["S1.2", "S4.8"])
    at = datetime.now(UTC)
    withdrawals = [
        privacy.ConsentWithdrawn(
            person_id=listed_only,
            purpose=privacy.DIRECTORY_LISTING,
            recipient_kind="platform",
            channel="web",
            withdrawn_at=at,
            consent_id=uuid.uuid4(),
        ),
        privacy.ConsentWithdrawn(
            person_id=no_contact,
            purpose=privacy.GOVERNMENT_CONTACT,
            recipient_kind="organisation",
            recipient_id=ORGANISATION,
            channel="web",
            withdrawn_at=at,
            consent_id=uuid.uuid4(),
        ),
    ]
    async with uow:
        for event in withdrawals:
            await consent.consent_withdrawn(event, CloudEvent.model_construct(), uow)
        await uow.commit()
    opportunity_id = await post(uow)
    assert uow.published_of(contract.OpportunityMatchFound) == []
    _, ranked = await uc.people_for(uow, opportunity_id, POSTER, 10)
    assert ranked == []


async def test_the_poster_sees_ranked_people_and_each_read_is_in_their_audit_log(
    uow: FakeResourcesUnitOfWork,
) -> None:
    best = await profile(uow, skills=["S1.2", "S4.8"])
    half = await profile(uow, skills=["S1.2"])
    opportunity_id = await post(uow, announce=0)
    with pytest.raises(Forbidden):
        await uc.people_for(uow, opportunity_id, Actor(id=uuid.uuid4()), 10)
    _, ranked = await uc.people_for(uow, opportunity_id, POSTER, 10)
    assert [x.person.person_id for x in ranked] == [best, half]
    assert ranked[0].match.score > ranked[1].match.score
    accessed = [e for e in uow.published if isinstance(e, privacy.PersonalDataAccessed)]
    assert {(e.person_id, e.accessor_id, e.record_type) for e in accessed} == {
        (best, POSTER.id, "match"),
        (half, POSTER.id, "match"),
    }


async def test_interest_is_expressed_once_before_the_deadline_and_the_poster_answers_it(
    uow: FakeResourcesUnitOfWork,
) -> None:
    opportunity_id = await post(uow)
    person = Actor(id=uuid.uuid4())
    interest = await uc.express_interest(
        uow, opportunity_id, person, "I can help", datetime.now(UTC)
    )
    [expressed] = uow.published_of(contract.InterestExpressed)
    assert (expressed.person_id, expressed.poster_id) == (person.id, POSTER.id)
    with pytest.raises(Conflict):
        await uc.express_interest(uow, opportunity_id, person, "again", datetime.now(UTC))
    with pytest.raises(NotFound):  # a stranger cannot see, let alone move, it
        await uc.change_interest(
            uow,
            opportunity_id,
            interest.id,
            Actor(id=uuid.uuid4()),
            InterestStatus.ACCEPTED,
            datetime.now(UTC),
        )
    with pytest.raises(Conflict):  # the person may only withdraw
        await uc.change_interest(
            uow, opportunity_id, interest.id, person, InterestStatus.ACCEPTED, datetime.now(UTC)
        )
    await uc.change_interest(
        uow, opportunity_id, interest.id, POSTER, InterestStatus.SHORTLISTED, datetime.now(UTC)
    )
    [changed] = uow.published_of(contract.InterestStatusChanged)
    assert (changed.person_id, changed.status) == (person.id, "shortlisted")
    [mine] = await uc.interests_of(uow, person, 10)
    assert (mine["status"], mine["opportunity_title"]) == ("shortlisted", "Fintech mentors")
    seen = await uc.interests(uow, opportunity_id, POSTER)
    assert [i.id for i in seen] == [interest.id]
    assert [e.record_type for e in uow.published_of(privacy.PersonalDataAccessed)] == [
        "expression_of_interest"
    ]
    with pytest.raises(Forbidden):
        await uc.interests(uow, opportunity_id, person)


async def test_a_withdrawn_interest_may_be_expressed_again_but_not_after_the_deadline(
    uow: FakeResourcesUnitOfWork,
) -> None:
    opportunity_id = await post(uow)
    person = Actor(id=uuid.uuid4())
    first = await uc.express_interest(uow, opportunity_id, person, "yes", datetime.now(UTC))
    await uc.change_interest(
        uow, opportunity_id, first.id, person, InterestStatus.WITHDRAWN, datetime.now(UTC)
    )
    again = await uc.express_interest(
        uow, opportunity_id, person, "yes, after all", datetime.now(UTC)
    )
    assert again.id == first.id and again.status is InterestStatus.SUBMITTED
    closed = await post(uow, deadline=datetime.now(UTC) - timedelta(minutes=1))  # the API
    # refuses a past deadline; here it stands for one that passed since
    with pytest.raises(uc.DeadlinePassed):
        await uc.express_interest(uow, closed, person, "too late", datetime.now(UTC))


async def test_open_opportunities_are_listed_soonest_deadline_first_by_page(
    uow: FakeResourcesUnitOfWork,
) -> None:
    now = datetime.now(UTC)
    later = await post(uow, deadline=now + timedelta(days=9))
    sooner = await post(uow, deadline=now + timedelta(days=2))
    first = await uc.list_open(
        uow, now, kind=None, sector="K", country=None, mode=None, after=None, limit=1
    )
    assert [o.id for o in first] == [sooner]
    rest = await uc.list_open(
        uow,
        now,
        kind=OpportunityKind.EXPERTS,
        sector=None,
        country=None,
        mode=None,
        after=(first[0].deadline, first[0].id),
        limit=5,
    )
    assert [o.id for o in rest] == [later]
    assert [o.id for o in await uc.posted_by(uow, POSTER, 10)] == [later, sooner]
    assert (
        await uc.list_open(
            uow, now, kind=None, sector="A", country=None, mode=None, after=None, limit=5
        )
        == []
    )
    with pytest.raises(NotFound):
        await uc.get(uow, uuid.uuid4())
