"""The narrow, audited path to subject keys: consuming services fetch a person's data key to
read the personal fields of profiles' events (docs/privacy.md, crypto-shredding).

Each consuming service has its own token; every fetch is recorded with the calling service and
its outcome. Keys never appear in logs.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from enum import StrEnum

from eventkit.logging import get_logger
from eventkit.subject_keys import SqlSubjectKeys
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

log = get_logger(__name__)


class Outcome(StrEnum):
    SERVED = "served"
    DESTROYED = "destroyed"
    UNKNOWN = "unknown"


def caller_of(token: str, clients: dict[str, str]) -> str | None:
    """The service a token belongs to (constant-time comparison), or None."""
    found = None
    for service, expected in clients.items():
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            found = service
    return found


async def fetch_key(
    uow: ProfilesUnitOfWork, keys: SqlSubjectKeys, key_id: str, caller: str
) -> tuple[Outcome, bytes | None]:
    async with uow:
        key = await keys.key(uow.session, key_id)
        if key is not None:
            outcome = Outcome.SERVED
        elif await uow.key_fetches.known(key_id):
            outcome = Outcome.DESTROYED
        else:
            outcome = Outcome.UNKNOWN
        await uow.key_fetches.record(key_id, caller, outcome.value, datetime.now(UTC))
        await uow.commit()
    log.info("subject_key.fetched", caller=caller, outcome=outcome.value)
    return outcome, key
