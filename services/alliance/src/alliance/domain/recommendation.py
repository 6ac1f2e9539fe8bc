"""The Recommendation aggregate and its pipeline.

draft (working group) -> adopted (by the working group) -> reviewed (advice of the advisory
group) -> endorsed (steering-committee vote) -> published (secretariat). At any step the body
whose turn it is may return it, with reasons, to an earlier stage (by default the one before:
the body that acted last must act again). Every step is kept in the audit trail.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from alliance.domain import events
from alliance.domain.body import Body, BodyKind
from alliance.domain.errors import InvalidInput, InvalidTransition, NoQuorum, NotAllowed
from alliance.domain.member import Member, MemberKind
from alliance.domain.motion import Motion, MotionStatus, Outcome
from alliance.domain.values import non_empty
from eventkit.aggregate import AggregateRoot


class Stage(StrEnum):
    DRAFT = "draft"
    ADOPTED = "adopted"
    REVIEWED = "reviewed"
    ENDORSED = "endorsed"
    PUBLISHED = "published"


ORDER = [Stage.DRAFT, Stage.ADOPTED, Stage.REVIEWED, Stage.ENDORSED, Stage.PUBLISHED]

#: who must act next at each stage
AWAITING: dict[Stage, BodyKind] = {
    Stage.DRAFT: BodyKind.WORKING_GROUP,
    Stage.ADOPTED: BodyKind.ADVISORY_GROUP,
    Stage.REVIEWED: BodyKind.STEERING_COMMITTEE,
    Stage.ENDORSED: BodyKind.SECRETARIAT,
}


class AdvicePosition(StrEnum):
    SUPPORT = "support"
    SUPPORT_WITH_CHANGES = "support_with_changes"
    OPPOSE = "oppose"


@dataclass(kw_only=True)
class Advice:
    position: AdvicePosition
    text: str
    body_id: UUID
    given_by: UUID
    given_at: datetime


@dataclass(kw_only=True)
class Step:
    """One line of the audit trail: who did what, when, and why."""

    action: str
    from_stage: Stage | None
    to_stage: Stage
    by: UUID
    at: datetime
    body_id: UUID | None = None
    motion_id: UUID | None = None
    note: str | None = None


@dataclass(kw_only=True, eq=False)
class Recommendation(AggregateRoot):
    id: UUID
    alliance_id: UUID
    working_group_id: UUID
    title: str
    text: str
    theme: str
    sector: str | None
    authors: list[UUID]
    stage: Stage = Stage.DRAFT
    stage_since: datetime
    advice: list[Advice] = field(default_factory=list)
    endorsed_by_motion: UUID | None = None
    trail: list[Step] = field(default_factory=list)

    @classmethod
    def draft(
        cls,
        *,
        working_group: Body,
        title: str,
        text: str,
        theme: str | None,
        sector: str | None,
        authors: list[Member],
        by: UUID,
        at: datetime,
        recommendation_id: UUID | None = None,
    ) -> Recommendation:
        if working_group.kind is not BodyKind.WORKING_GROUP:
            raise InvalidInput("Recommendations are drafted in a working group.")
        if not authors:
            raise InvalidInput("A recommendation has at least one author.")
        sitting = working_group.sitting_members(at.date())
        for author in authors:
            if not author.is_active_on(at.date()):
                raise InvalidInput("Every author must be an admitted member.")
            # youth leaders contribute to working-group sessions without holding a seat
            if author.id not in sitting and author.kind is not MemberKind.YOUTH_LEADER:
                raise InvalidInput("Authors sit on the working group (or are youth leaders).")
        rec = cls(
            id=recommendation_id or uuid.uuid4(),
            alliance_id=working_group.alliance_id,
            working_group_id=working_group.id,
            title=non_empty(title, "title"),
            text=non_empty(text, "text"),
            theme=theme or working_group.theme or "",
            sector=sector,
            authors=[a.id for a in authors],
            stage_since=at,
        )
        rec._move("drafted", None, Stage.DRAFT, by=by, at=at, body_id=working_group.id)
        return rec

    @property
    def awaiting(self) -> BodyKind | None:
        return AWAITING.get(self.stage)

    def revise(self, *, title: str | None, text: str | None, by: UUID, at: datetime) -> None:
        self._require(Stage.DRAFT, "revised")
        if title is not None:
            self.title = non_empty(title, "title")
        if text is not None:
            self.text = non_empty(text, "text")
        self.trail.append(
            Step(action="revised", from_stage=Stage.DRAFT, to_stage=Stage.DRAFT, by=by, at=at)
        )

    def adopt(self, *, body: Body, motion: Motion | None, by: UUID, at: datetime) -> None:
        self._require(Stage.DRAFT, "adopted")
        if body.id != self.working_group_id:
            raise NotAllowed("Only the drafting working group adopts its recommendation.")
        if motion is not None:
            self._check_vote(motion, body)
        self._move(
            "adopted",
            Stage.DRAFT,
            Stage.ADOPTED,
            by=by,
            at=at,
            body_id=body.id,
            motion_id=motion.id if motion else None,
        )

    def review(
        self, *, body: Body, position: AdvicePosition, text: str, by: UUID, at: datetime
    ) -> None:
        self._require(Stage.ADOPTED, "reviewed")
        if body.kind is not BodyKind.ADVISORY_GROUP or body.alliance_id != self.alliance_id:
            raise NotAllowed("Advice comes from the alliance's advisory group.")
        advice = Advice(
            position=position,
            text=non_empty(text, "advice"),
            body_id=body.id,
            given_by=by,
            given_at=at,
        )
        self.advice.append(advice)
        self._move(
            "reviewed",
            Stage.ADOPTED,
            Stage.REVIEWED,
            by=by,
            at=at,
            body_id=body.id,
            note=f"{position}: {advice.text}",
        )

    def endorse(self, *, body: Body, motion: Motion, by: UUID, at: datetime) -> None:
        self._require(Stage.REVIEWED, "endorsed")
        if body.kind is not BodyKind.STEERING_COMMITTEE or body.alliance_id != self.alliance_id:
            raise NotAllowed("Endorsement is a vote of the alliance's steering committee.")
        self._check_vote(motion, body)
        self.endorsed_by_motion = motion.id
        self._move(
            "endorsed",
            Stage.REVIEWED,
            Stage.ENDORSED,
            by=by,
            at=at,
            body_id=body.id,
            motion_id=motion.id,
        )

    def publish(self, *, by: UUID, at: datetime) -> None:
        self._require(Stage.ENDORSED, "published")
        self._move("published", Stage.ENDORSED, Stage.PUBLISHED, by=by, at=at)

    def return_to(
        self, *, reason: str, to: Stage | None, body: Body | None, by: UUID, at: datetime
    ) -> Stage:
        """Send it back; ``body`` is the returning body (None: the secretariat acting)."""
        if self.stage in (Stage.DRAFT, Stage.PUBLISHED):
            raise InvalidTransition(f"A {self.stage} recommendation cannot be returned.")
        expected = AWAITING[self.stage]
        if body is not None and (body.kind is not expected or body.alliance_id != self.alliance_id):
            raise NotAllowed(f"At this stage only the {expected} can return it.")
        here = ORDER.index(self.stage)
        target = to or ORDER[here - 1]
        if ORDER.index(target) >= here:
            raise InvalidInput("A recommendation can only be returned to an earlier stage.")
        self._move(
            "returned",
            self.stage,
            target,
            by=by,
            at=at,
            body_id=body.id if body else None,
            note=non_empty(reason, "reason"),
        )
        return target

    # ---- internals -------------------------------------------------------------------
    def _check_vote(self, motion: Motion, body: Body) -> None:
        if motion.body_id != body.id or motion.recommendation_id != self.id:
            raise InvalidInput("That vote was not about this recommendation in this body.")
        if motion.status is not MotionStatus.CLOSED or motion.result is None:
            raise InvalidTransition("The vote is still open.")
        if motion.opened_at < self.stage_since:
            raise InvalidTransition("That vote predates the current stage of the recommendation.")
        if motion.result.outcome is Outcome.INVALID:
            raise NoQuorum("The vote had no quorum, so it cannot carry the recommendation.")
        if motion.result.outcome is not Outcome.CARRIED:
            raise InvalidTransition("The vote did not carry.")

    def _require(self, stage: Stage, step: str) -> None:
        if self.stage is not stage:
            raise InvalidTransition(
                f"Only a {stage} recommendation can be {step}; it is {self.stage}."
            )

    def _move(
        self,
        action: str,
        from_stage: Stage | None,
        to_stage: Stage,
        *,
        by: UUID,
        at: datetime,
        body_id: UUID | None = None,
        motion_id: UUID | None = None,
        note: str | None = None,
    ) -> None:
        self.stage = to_stage
        self.stage_since = at
        self.trail.append(
            Step(
                action=action,
                from_stage=from_stage,
                to_stage=to_stage,
                by=by,
                at=at,
                body_id=body_id,
                motion_id=motion_id,
                note=note,
            )
        )
        self.record(
            events.RecommendationMoved(
                recommendation_id=self.id,
                alliance_id=self.alliance_id,
                working_group_id=self.working_group_id,
                title=self.title,
                theme=self.theme,
                sector=self.sector,
                action=action,
                from_stage=from_stage.value if from_stage else None,
                to_stage=to_stage.value,
                body_id=body_id,
                motion_id=motion_id,
                reason=note if action == "returned" else None,
                at=at,
            )
        )
