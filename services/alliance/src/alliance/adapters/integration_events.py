"""Maps domain events to the published contracts (only what others may know)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch

from alliance.domain import events
from contracts.base import IntegrationEvent
from contracts.events import alliance as contract
from eventkit.aggregate import AggregateRoot, DomainEvent


def to_integration_events(_: AggregateRoot, event: DomainEvent) -> Iterable[IntegrationEvent]:
    return _map(event)


@singledispatch
def _map(event: DomainEvent) -> list[IntegrationEvent]:
    return []  # internal-only domain events (nominations)


MEMBER_EVENTS: dict[str, type[contract.MemberEvent]] = {
    "applied": contract.MemberApplied,
    "admitted": contract.MemberAdmitted,
    "rejected": contract.MemberRejected,
    "suspended": contract.MemberSuspended,
    "reinstated": contract.MemberReinstated,
    "withdrawn": contract.MemberWithdrawn,
}


@_map.register
def _(e: events.MemberStatusChanged) -> list[IntegrationEvent]:
    model = MEMBER_EVENTS[e.transition]
    return [
        model(
            member_id=e.member_id,
            alliance_id=e.alliance_id,
            kind=e.kind,
            country=e.country,
            status=e.status,
            term_starts_on=e.term_starts_on,
            term_ends_on=e.term_ends_on,
            occurred_at=e.at,
            representative_ids=e.representatives,
        )
    ]


@_map.register
def _(e: events.MemberRepresentativesChanged) -> list[IntegrationEvent]:
    return [
        contract.MemberRepresentativesChanged(
            member_id=e.member_id,
            alliance_id=e.alliance_id,
            kind=e.kind,
            country=e.country,
            status=e.status,
            term_starts_on=e.term_starts_on,
            term_ends_on=e.term_ends_on,
            occurred_at=e.at,
            representative_ids=e.representatives,
        )
    ]


@_map.register
def _(e: events.BodyMembershipChanged) -> list[IntegrationEvent]:
    return [
        contract.BodyMembershipChanged(
            body_id=e.body_id,
            alliance_id=e.alliance_id,
            body_kind=e.body_kind,
            member_id=e.member_id,
            role=e.role if e.change == "appointed" else None,
            occurred_at=e.at,
        )
    ]


@_map.register
def _(e: events.MeetingScheduled) -> list[IntegrationEvent]:
    return [
        contract.MeetingScheduled(
            meeting_id=e.meeting_id,
            alliance_id=e.alliance_id,
            body_id=e.body_id,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            timezone=e.timezone,
        )
    ]


@_map.register
def _(e: events.MeetingCancelled) -> list[IntegrationEvent]:
    return [
        contract.MeetingCancelled(
            meeting_id=e.meeting_id,
            alliance_id=e.alliance_id,
            body_id=e.body_id,
            title=e.title,
            starts_at=e.starts_at,
            cancelled_at=e.at,
        )
    ]


@_map.register
def _(e: events.MinutesApproved) -> list[IntegrationEvent]:
    return [
        contract.MinutesApproved(
            meeting_id=e.meeting_id,
            alliance_id=e.alliance_id,
            body_id=e.body_id,
            decisions=e.decisions,
            present=e.present,
            approved_at=e.at,
        )
    ]


@_map.register
def _(e: events.VoteOpened) -> list[IntegrationEvent]:
    return [
        contract.VoteOpened(
            motion_id=e.motion_id,
            alliance_id=e.alliance_id,
            meeting_id=e.meeting_id,
            body_id=e.body_id,
            title=e.title,
            recommendation_id=e.recommendation_id,
            eligible=e.eligible,
            opened_at=e.at,
        )
    ]


@_map.register
def _(e: events.VoteClosed) -> list[IntegrationEvent]:
    return [
        contract.VoteClosed(
            title=e.title,
            motion_id=e.motion_id,
            alliance_id=e.alliance_id,
            meeting_id=e.meeting_id,
            body_id=e.body_id,
            recommendation_id=e.recommendation_id,
            yes=e.yes,
            no=e.no,
            abstain=e.abstain,
            eligible=e.eligible,
            present=e.present,
            quorum_met=e.quorum_met,
            outcome=e.outcome,
            closed_at=e.at,
        )
    ]


@_map.register
def _(e: events.RecommendationMoved) -> list[IntegrationEvent]:
    return [
        contract.RecommendationMoved(
            recommendation_id=e.recommendation_id,
            alliance_id=e.alliance_id,
            working_group_id=e.working_group_id,
            title=e.title,
            theme=e.theme,
            sector=e.sector,
            action=e.action,
            from_stage=e.from_stage,
            to_stage=e.to_stage,
            body_id=e.body_id,
            motion_id=e.motion_id,
            reason=e.reason,
            occurred_at=e.at,
        )
    ]


@_map.register
def _(e: events.CommitmentPledged) -> list[IntegrationEvent]:
    return [
        contract.CommitmentPledged(
            commitment_id=e.commitment_id,
            alliance_id=e.alliance_id,
            member_id=e.member_id,
            title=e.title,
            pillar=e.pillar,
            theme=e.theme,
            recommendation_ids=e.recommendation_ids,
            indicators=e.indicators,
            pledged_at=e.at,
        )
    ]


@_map.register
def _(e: events.ProgressReported) -> list[IntegrationEvent]:
    return [
        contract.ProgressReported(
            commitment_id=e.commitment_id,
            alliance_id=e.alliance_id,
            member_id=e.member_id,
            indicator_id=e.indicator_id,
            value=e.value,
            reported_on=e.reported_on,
            evidence_links=e.evidence_links,
            recorded_at=e.at,
        )
    ]


@_map.register
def _(e: events.CommitmentStatusChanged) -> list[IntegrationEvent]:
    return [
        contract.CommitmentStatusChanged(
            title=e.title,
            commitment_id=e.commitment_id,
            alliance_id=e.alliance_id,
            member_id=e.member_id,
            pillar=e.pillar,
            from_status=e.from_status,
            to_status=e.to_status,
            as_of=e.as_of,
        )
    ]
