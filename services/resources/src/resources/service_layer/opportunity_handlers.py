"""Use cases of Contribute: post opportunities, express interest, explainable matching."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from contracts.events import resources as contract
from contracts.events.privacy import GOVERNMENT_CONTACT
from eventkit.preconditions import IfMatch
from eventkit.privacy import record_access
from resources.domain import matching
from resources.domain import opportunity as o
from resources.service_layer.errors import Conflict, Forbidden, InvalidInput, NotFound
from resources.service_layer.resource_handlers import Actor
from resources.service_layer.unit_of_work import ResourcesUnitOfWork


class DeadlinePassed(Conflict):
    title = "Deadline passed"
    type = "https://diaspora.example/problems/deadline-passed"


class InvalidOpportunity(InvalidInput):
    pass


@dataclass(frozen=True)
class RankedPerson:
    person: matching.ProfileFacts
    match: matching.Match


@dataclass(frozen=True)
class RankedOpportunity:
    opportunity: o.Opportunity
    match: matching.Match


async def post(uow: ResourcesUnitOfWork, fields: dict[str, object], announce: int) -> UUID:
    async with uow:
        opportunity = o.Opportunity.post(**fields)
        uow.track(opportunity)
        await uow.opportunities.add(opportunity)
        await uow.commit()  # the posting event goes out first (sequence 1)
    async with uow:
        await announce_good_matches(uow, opportunity, announce)
        await uow.commit()
    return opportunity.id


async def announce_good_matches(
    uow: ResourcesUnitOfWork, opportunity: o.Opportunity, limit: int
) -> int:
    """Publish OpportunityMatchFound for good matches not announced before."""
    announced = 0
    for person in await uow.people.ranked_for(
        opportunity.needs, limit, opportunity.organisation_id
    ):
        found = matching.score(opportunity.needs, person)
        if not found.good:
            break  # ranked best first: the rest are worse
        announced += await _announce(uow, opportunity, person.person_id, found)
    return announced


async def _announce(
    uow: ResourcesUnitOfWork, opportunity: o.Opportunity, person_id: UUID, found: matching.Match
) -> int:
    if not await uow.opportunities.mark_announced(opportunity.id, person_id, found.score):
        return 0
    await uow.publish(
        contract.OpportunityMatchFound(
            opportunity_id=opportunity.id,
            person_id=person_id,
            title=opportunity.title,
            score=found.score,
            reasons=[
                contract.MatchReason(kind=r.kind, values=list(r.values)) for r in found.reasons
            ],
            deadline=opportunity.deadline,
        ),
        sequence=opportunity.version,
    )
    return 1


async def announce_for_person(
    uow: ResourcesUnitOfWork, person_id: UUID, now: datetime, limit: int = 10
) -> int:
    """After a profile change: good matches with opportunities open at ``now``, announced
    once each. Runs inside the caller's transaction (the projection consumer)."""
    person = await uow.people.get(person_id)
    if person is None or not person.open_to_opportunities:
        return 0
    announced = 0
    for opportunity in await uow.opportunities.ranked_for(person, now, limit):
        if await _contact_withdrawn(uow, opportunity, person_id):
            continue
        found = matching.score(opportunity.needs, person)
        if found.good:
            announced += await _announce(uow, opportunity, person_id, found)
    return announced


async def _contact_withdrawn(
    uow: ResourcesUnitOfWork, opportunity: o.Opportunity, person_id: UUID
) -> bool:
    """The person withdrew government_contact consent for the posting organisation."""
    return opportunity.organisation_id is not None and await uow.people.withdrew(
        person_id, GOVERNMENT_CONTACT, str(opportunity.organisation_id)
    )


async def _audit(
    uow: ResourcesUnitOfWork, actor: Actor, person_ids: list[tuple[UUID, str]], record_type: str
) -> None:
    """The poster or a moderator read identified personal data: the person's audit log."""
    for person_id, record_id in person_ids:
        if person_id == actor.id:
            continue
        await record_access(
            uow,
            "resources",
            person_id=person_id,
            accessor_id=actor.id,
            accessor_role=actor.role,
            record_type=record_type,
            record_id=record_id,
        )


async def get(uow: ResourcesUnitOfWork, opportunity_id: UUID) -> o.Opportunity:
    async with uow:
        opportunity = await uow.opportunities.get(opportunity_id)
    if opportunity is None:
        raise NotFound("no such opportunity")
    return opportunity


async def posted_by(uow: ResourcesUnitOfWork, actor: Actor, limit: int) -> list[o.Opportunity]:
    """The caller's own calls, open and closed (what a poster's console lists)."""
    async with uow.autocommit_reads():
        return await uow.opportunities.posted_by(actor.id, limit)


async def revise(
    uow: ResourcesUnitOfWork,
    opportunity_id: UUID,
    actor: Actor,
    changes: dict[str, object],
    expected: IfMatch,
    now: datetime,
) -> o.Opportunity:
    """The poster (or a moderator) edits the call; a stale If-Match is refused (412)."""
    async with uow:
        opportunity = await uow.opportunities.get(opportunity_id, for_update=True)
        if opportunity is None:
            raise NotFound("no such opportunity")
        if not opportunity.may_manage(actor.id, moderator=actor.moderator):
            raise Forbidden("only the poster and moderators change an opportunity")
        expected.check(opportunity.version, what="the opportunity")
        uow.track(opportunity)
        try:
            changed = opportunity.revise(changes, now)
        except o.DeadlinePassed as exc:
            raise InvalidOpportunity(str(exc), field="deadline") from exc
        if changed:
            await uow.opportunities.save(opportunity)
            await uow.commit()
        return opportunity


async def list_open(
    uow: ResourcesUnitOfWork,
    now: datetime,
    *,
    kind: o.OpportunityKind | None,
    sector: str | None,
    country: str | None,
    mode: str | None,
    after: tuple[datetime, UUID] | None,
    limit: int,
) -> list[o.Opportunity]:
    """A page of the opportunities open at ``now``, soonest deadline first."""
    # one statement, nothing written: no transaction around it
    async with uow.autocommit_reads():
        return await uow.opportunities.open_page(
            now, kind=kind, sector=sector, country=country, mode=mode, after=after, limit=limit
        )


async def express_interest(
    uow: ResourcesUnitOfWork, opportunity_id: UUID, actor: Actor, message: str, now: datetime
) -> o.ExpressionOfInterest:
    async with uow:
        opportunity = await uow.opportunities.get(opportunity_id, for_update=True)
        if opportunity is None:
            raise NotFound("no such opportunity")
        uow.track(opportunity)
        existing = await uow.opportunities.interest_of(opportunity_id, actor.id)
        try:
            interest = opportunity.express_interest(actor.id, message, now, existing)
        except o.DeadlinePassed as exc:
            raise DeadlinePassed(
                f"This opportunity no longer takes expressions of interest: {exc}"
            ) from exc
        except o.InterestConflict as exc:
            raise Conflict(str(exc)) from exc
        await uow.opportunities.save_interest(interest)
        await uow.opportunities.save(opportunity)
        await uow.commit()
        return interest


async def change_interest(
    uow: ResourcesUnitOfWork,
    opportunity_id: UUID,
    interest_id: UUID,
    actor: Actor,
    status: o.InterestStatus,
    now: datetime,
) -> o.ExpressionOfInterest:
    async with uow:
        opportunity = await uow.opportunities.get(opportunity_id, for_update=True)
        interest = await uow.opportunities.interest(opportunity_id, interest_id)
        if opportunity is None or interest is None:
            raise NotFound("no such expression of interest")
        by_person = interest.person_id == actor.id
        if not by_person and not opportunity.may_manage(actor.id, moderator=actor.moderator):
            raise NotFound("no such expression of interest")
        uow.track(opportunity)
        try:
            opportunity.change_interest(interest, status, now, by_person=by_person)
        except o.InterestConflict as exc:
            raise Conflict(str(exc)) from exc
        await uow.opportunities.save_interest(interest)
        await uow.opportunities.save(opportunity)
        await uow.commit()
        return interest


async def interests_of(
    uow: ResourcesUnitOfWork, actor: Actor, limit: int
) -> list[dict[str, object]]:
    """The person's own expressions of interest and their status."""
    async with uow.autocommit_reads():
        return await uow.opportunities.interests_of(actor.id, limit)


async def interests(
    uow: ResourcesUnitOfWork, opportunity_id: UUID, actor: Actor
) -> list[o.ExpressionOfInterest]:
    async with uow:
        opportunity = await uow.opportunities.get(opportunity_id)
        if opportunity is None:
            raise NotFound("no such opportunity")
        if not opportunity.may_manage(actor.id, moderator=actor.moderator):
            raise Forbidden("only the poster and moderators see expressions of interest")
        found = await uow.opportunities.interests_for(opportunity_id)
        await _audit(
            uow, actor, [(i.person_id, str(i.id)) for i in found], "expression_of_interest"
        )
        await uow.commit()
        return found


async def people_for(
    uow: ResourcesUnitOfWork, opportunity_id: UUID, actor: Actor, limit: int
) -> tuple[o.Opportunity, list[RankedPerson]]:
    """People who consented to be matched, best first, each with the reasons."""
    async with uow:
        opportunity = await uow.opportunities.get(opportunity_id)
        if opportunity is None:
            raise NotFound("no such opportunity")
        if not opportunity.may_manage(actor.id, moderator=actor.moderator):
            raise Forbidden("only the poster and moderators see matches")
        people = await uow.people.ranked_for(opportunity.needs, limit, opportunity.organisation_id)
        ranked = [RankedPerson(p, matching.score(opportunity.needs, p)) for p in people]
        ranked = [x for x in ranked if x.match.score > 0]
        await _audit(
            uow, actor, [(x.person.person_id, str(opportunity.id)) for x in ranked], "match"
        )
        await uow.commit()
    return opportunity, ranked


async def opportunities_for(
    uow: ResourcesUnitOfWork, person_id: UUID, limit: int, now: datetime
) -> list[RankedOpportunity]:
    """Open opportunities for the person asking, best first, with the reasons."""
    async with uow:
        person = await uow.people.get(person_id)
        if person is None:
            raise NotFound("no profile is known for you yet")
        found = await uow.opportunities.ranked_for(person, now, limit)
    return [RankedOpportunity(x, matching.score(x.needs, person)) for x in found]
