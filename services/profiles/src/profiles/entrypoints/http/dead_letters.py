"""The platform administrator's view of the dead-letter topics: counts and replay.

Every consumer of every service dead-letters what it can never process into
``<topic>.dlq`` (eventkit.consumer); this is the one place an operator sees those topics and
sends their records back, without a Kafka client. profiles answers because it holds the
platform administrator's other routes; the chassis' ``DeadLetterDesk`` does the Kafka work.

A replay is bounded (``limit`` records, a few seconds) so no request is held long; the
answer says how many remain and the caller asks again. Each replay is written to the
service's log as ``admin.dead_letters_replayed`` with who asked (the audit trail of
operators' actions)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, Field

from contracts.registry import all_topics
from contracts.vocabulary import Permission
from eventkit.dead_letters import DeadLetterDesk
from eventkit.http.auth import Principal, require_permission
from eventkit.http.problems import Problem
from eventkit.logging import get_logger
from profiles.entrypoints.http.deps import Settings

log = get_logger(__name__)
router = APIRouter(prefix="/v1/admin/dead-letters", tags=["administration"])

PlatformAdmin = Annotated[
    Principal, Depends(require_permission(Permission.PROFILES_REPLAY_DEAD_LETTERS))
]
#: how long one replay request may take before it answers with what remains
REPLAY_BUDGET_S = 5.0


class DeadLetterTopic(BaseModel):
    topic: str = Field(examples=["resources.resources.v1.dlq"])
    original_topic: str = Field(description="where its records were published first")
    held: int = Field(description="records the dead-letter topic holds")
    waiting: int = Field(description="records not replayed yet")


class DeadLetterTopics(BaseModel):
    items: list[DeadLetterTopic]


class DeadLetterReplay(BaseModel):
    limit: int = Field(default=100, ge=1, le=500, description="most records to replay now")


class DeadLetterReplayResult(BaseModel):
    topic: str
    replayed: int = Field(description="records sent back to their original topic now")
    remaining: int = Field(description="records still waiting: ask again to go on")


def _dead_letter_topics() -> dict[str, str]:
    return {t.dlq: t.name for t in all_topics()}


@router.get(
    "",
    response_model=DeadLetterTopics,
    responses={403: {}},
    summary="Every dead-letter topic with what it holds and what waits for a replay "
    "(platform admins only)",
)
async def dead_letter_topics(_: PlatformAdmin, settings: Settings) -> DeadLetterTopics:
    topics = _dead_letter_topics()
    async with DeadLetterDesk(settings.kafka_bootstrap_servers) as desk:
        counts = await desk.counts(sorted(topics))
    return DeadLetterTopics(
        items=[
            DeadLetterTopic(
                topic=c.topic, original_topic=topics[c.topic], held=c.held, waiting=c.waiting
            )
            for c in counts
        ]
    )


@router.post(
    "/{topic}/replay",
    response_model=DeadLetterReplayResult,
    responses={403: {}, 404: {}},
    summary="Send a dead-letter topic's waiting records back to their original topic, up to "
    "`limit` and a few seconds at a time (platform admins only; logged)",
)
async def replay_dead_letters(
    topic: str,
    admin: PlatformAdmin,
    settings: Settings,
    body: Annotated[DeadLetterReplay | None, Body()] = None,
) -> DeadLetterReplayResult:
    if topic not in _dead_letter_topics():
        raise Problem(404, "Not Found", f"{topic} is not a dead-letter topic of the platform.")
    limit = (body or DeadLetterReplay()).limit
    async with DeadLetterDesk(settings.kafka_bootstrap_servers) as desk:
        result = await desk.replay(topic, limit=limit, budget_s=REPLAY_BUDGET_S)
    log.info(
        "admin.dead_letters_replayed",
        admin_id=str(admin.subject),
        topic=topic,
        replayed=result.replayed,
        remaining=result.remaining,
    )
    return DeadLetterReplayResult(topic=topic, replayed=result.replayed, remaining=result.remaining)
