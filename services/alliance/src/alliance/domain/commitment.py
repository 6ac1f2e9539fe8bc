"""The Commitment aggregate: a member's pledge, its indicators and progress reports.

Status is computed, never typed in: from the latest reported value against baseline and
target, and from today's date against the due date (the clock is injected).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from alliance.domain import events
from alliance.domain.errors import InvalidInput, NotFound
from alliance.domain.values import evidence_link, non_empty
from eventkit.aggregate import AggregateRoot

#: how far (as a share of the way from baseline to target) actual progress may lag behind
#: the straight line from the pledge date to the due date before the indicator is "at risk"
AT_RISK_TOLERANCE = Decimal("0.25")


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    LATE = "late"
    ACHIEVED = "achieved"


@dataclass(kw_only=True)
class ProgressReport:
    id: UUID
    value: Decimal
    reported_on: date
    note: str
    evidence_links: list[str]
    reported_by: UUID
    recorded_at: datetime


@dataclass(kw_only=True)
class Indicator:
    id: UUID
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    due_on: date
    reports: list[ProgressReport] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.baseline == self.target:
            raise InvalidInput("An indicator's target must differ from its baseline.")

    @property
    def current(self) -> Decimal:
        if not self.reports:
            return self.baseline
        return max(self.reports, key=lambda r: (r.reported_on, r.recorded_at)).value

    @property
    def progress(self) -> Decimal:
        """Share of the way from baseline to target (either direction), 0 at baseline."""
        return (self.current - self.baseline) / (self.target - self.baseline)

    def status(self, today: date, started_on: date) -> Status:
        if self.progress >= 1:
            return Status.ACHIEVED
        if today > self.due_on:
            return Status.LATE
        span = (self.due_on - started_on).days
        elapsed = Decimal(max(0, (today - started_on).days))
        expected = elapsed / span if span > 0 else Decimal(1)
        return Status.AT_RISK if self.progress + AT_RISK_TOLERANCE < expected else Status.ON_TRACK


def overall(statuses: list[Status]) -> Status:
    """The worst indicator sets the commitment's status; achieved only when all are."""
    for s in (Status.LATE, Status.AT_RISK, Status.ON_TRACK):
        if s in statuses:
            return s
    return Status.ACHIEVED


@dataclass(kw_only=True, eq=False)
class Commitment(AggregateRoot):
    id: UUID
    alliance_id: UUID
    member_id: UUID
    title: str
    description: str
    pillar: str
    theme: str | None
    recommendation_ids: list[UUID]
    indicators: list[Indicator]
    pledged_on: date
    status: Status = Status.ON_TRACK

    @classmethod
    def pledge(
        cls,
        *,
        alliance_id: UUID,
        member_id: UUID,
        title: str,
        description: str,
        pillar: str,
        theme: str | None,
        recommendation_ids: list[UUID],
        indicators: list[Indicator],
        at: datetime,
        commitment_id: UUID | None = None,
    ) -> Commitment:
        if not indicators:
            raise InvalidInput("A commitment is monitored through at least one indicator.")
        for ind in indicators:
            if ind.due_on <= at.date():
                raise InvalidInput("Indicator due dates must be in the future.")
        c = cls(
            id=commitment_id or uuid.uuid4(),
            alliance_id=alliance_id,
            member_id=member_id,
            title=non_empty(title, "title"),
            description=description.strip(),
            pillar=pillar,
            theme=theme,
            recommendation_ids=list(dict.fromkeys(recommendation_ids)),
            indicators=indicators,
            pledged_on=at.date(),
        )
        c.status = c.evaluate(at.date())
        c.record(
            events.CommitmentPledged(
                commitment_id=c.id,
                alliance_id=alliance_id,
                member_id=member_id,
                title=c.title,
                pillar=pillar,
                theme=theme,
                recommendation_ids=c.recommendation_ids,
                indicators=len(indicators),
                at=at,
            )
        )
        return c

    def indicator(self, indicator_id: UUID) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise NotFound("No such indicator in this commitment.")

    def report_progress(
        self,
        *,
        indicator_id: UUID,
        value: Decimal,
        reported_on: date,
        note: str,
        evidence_links: list[str],
        by: UUID,
        at: datetime,
    ) -> ProgressReport:
        ind = self.indicator(indicator_id)
        if reported_on > at.date():
            raise InvalidInput("Progress cannot be reported for a future date.")
        if reported_on < self.pledged_on:
            raise InvalidInput("Progress cannot predate the pledge.")
        report = ProgressReport(
            id=uuid.uuid4(),
            value=value,
            reported_on=reported_on,
            note=note.strip(),
            evidence_links=[evidence_link(u) for u in evidence_links],
            reported_by=by,
            recorded_at=at,
        )
        ind.reports.append(report)
        self.record(
            events.ProgressReported(
                commitment_id=self.id,
                alliance_id=self.alliance_id,
                member_id=self.member_id,
                indicator_id=ind.id,
                value=value,
                reported_on=reported_on,
                evidence_links=len(report.evidence_links),
                at=at,
            )
        )
        self.refresh_status(at.date())
        return report

    def evaluate(self, today: date) -> Status:
        return overall([i.status(today, self.pledged_on) for i in self.indicators])

    def refresh_status(self, today: date) -> bool:
        """Recompute the status; record a change (and say whether there was one)."""
        new = self.evaluate(today)
        if new is self.status:
            return False
        old, self.status = self.status, new
        self.record(
            events.CommitmentStatusChanged(
                title=self.title,
                commitment_id=self.id,
                alliance_id=self.alliance_id,
                member_id=self.member_id,
                pillar=self.pillar,
                from_status=old.value,
                to_status=new.value,
                as_of=today,
            )
        )
        return True
