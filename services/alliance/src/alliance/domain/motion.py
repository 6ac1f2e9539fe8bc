"""The Motion aggregate: a question put to a vote in a meeting of a body.

Ballots are keyed by *member*, not by account: a member state casts one ballot whoever
represents it. The electorate is frozen when the vote opens; the result is frozen at close.
"""

from __future__ import annotations

import uuid
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from alliance.domain import events
from alliance.domain.errors import AlreadyVoted, InvalidTransition, NoQuorum, NotAllowed
from alliance.domain.governance import MajorityRule, carried, quorum
from alliance.domain.values import non_empty
from eventkit.aggregate import AggregateRoot


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class Outcome(StrEnum):
    CARRIED = "carried"
    REJECTED = "rejected"
    #: quorum was lost by the close: the vote has no effect
    INVALID = "invalid"


class MotionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(kw_only=True)
class Ballot:
    choice: Choice
    cast_by: UUID
    cast_at: datetime


@dataclass(kw_only=True)
class Result:
    yes: int
    no: int
    abstain: int
    eligible: int
    present: int
    quorum_required: int
    quorum_met: bool
    outcome: Outcome


@dataclass(kw_only=True, eq=False)
class Motion(AggregateRoot):
    id: UUID
    alliance_id: UUID
    meeting_id: UUID
    body_id: UUID
    title: str
    text: str
    recommendation_id: UUID | None
    majority: MajorityRule
    quorum_percent: int
    electorate: set[UUID]
    status: MotionStatus = MotionStatus.OPEN
    ballots: dict[UUID, Ballot] = field(default_factory=dict)
    opened_at: datetime
    closed_at: datetime | None = None
    result: Result | None = None

    @classmethod
    def open(
        cls,
        *,
        alliance_id: UUID,
        meeting_id: UUID,
        body_id: UUID,
        title: str,
        text: str,
        recommendation_id: UUID | None,
        majority: MajorityRule,
        quorum_percent: int,
        electorate: set[UUID],
        present: set[UUID],
        at: datetime,
        motion_id: UUID | None = None,
    ) -> Motion:
        q = quorum(electorate, present, quorum_percent)
        if not q.met:
            raise NoQuorum(
                f"{q.present} of {q.eligible} voting members present; {q.required} needed."
            )
        motion = cls(
            id=motion_id or uuid.uuid4(),
            alliance_id=alliance_id,
            meeting_id=meeting_id,
            body_id=body_id,
            title=non_empty(title, "title"),
            text=text.strip(),
            recommendation_id=recommendation_id,
            majority=majority,
            quorum_percent=quorum_percent,
            electorate=set(electorate),
            opened_at=at,
        )
        motion.record(
            events.VoteOpened(
                motion_id=motion.id,
                alliance_id=alliance_id,
                meeting_id=meeting_id,
                body_id=body_id,
                title=motion.title,
                recommendation_id=recommendation_id,
                eligible=len(electorate),
                at=at,
            )
        )
        return motion

    def cast(
        self,
        *,
        member_id: UUID,
        choice: Choice,
        cast_by: UUID,
        present: Set[UUID],
        at: datetime,
    ) -> None:
        """``present``: who the meeting's attendance list says is in the room (or online)."""
        if self.status is not MotionStatus.OPEN:
            raise InvalidTransition("The vote is closed; its result cannot change.")
        if member_id not in self.electorate:
            raise NotAllowed("This member is not eligible to vote on this motion.")
        if member_id not in present:
            raise NotAllowed("Only members present at the meeting vote.")
        if member_id in self.ballots:
            raise AlreadyVoted("This member has already voted on this motion.")
        self.ballots[member_id] = Ballot(choice=choice, cast_by=cast_by, cast_at=at)

    def close(self, *, present: set[UUID], at: datetime) -> Result:
        if self.status is not MotionStatus.OPEN:
            raise InvalidTransition("The vote is already closed.")
        counts = {c: 0 for c in Choice}
        for ballot in self.ballots.values():
            counts[ballot.choice] += 1
        q = quorum(self.electorate, present, self.quorum_percent)
        passed = carried(
            self.majority,
            yes=counts[Choice.YES],
            no=counts[Choice.NO],
            abstain=counts[Choice.ABSTAIN],
            eligible=len(self.electorate),
        )
        outcome = (
            Outcome.INVALID if not q.met else (Outcome.CARRIED if passed else Outcome.REJECTED)
        )
        self.result = Result(
            yes=counts[Choice.YES],
            no=counts[Choice.NO],
            abstain=counts[Choice.ABSTAIN],
            eligible=q.eligible,
            present=q.present,
            quorum_required=q.required,
            quorum_met=q.met,
            outcome=outcome,
        )
        self.status = MotionStatus.CLOSED
        self.closed_at = at
        self.record(
            events.VoteClosed(
                title=self.title,
                motion_id=self.id,
                alliance_id=self.alliance_id,
                meeting_id=self.meeting_id,
                body_id=self.body_id,
                recommendation_id=self.recommendation_id,
                yes=self.result.yes,
                no=self.result.no,
                abstain=self.result.abstain,
                eligible=q.eligible,
                present=q.present,
                quorum_met=q.met,
                outcome=outcome.value,
                at=at,
            )
        )
        return self.result

    @property
    def carried(self) -> bool:
        return self.result is not None and self.result.outcome is Outcome.CARRIED
