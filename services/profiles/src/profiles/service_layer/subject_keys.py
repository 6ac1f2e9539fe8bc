"""The narrow, audited path to subject keys: consuming services fetch a person's data key to
read the personal fields of profiles' events (docs/privacy.md, crypto-shredding).

Each consuming service has its own token; every fetch is recorded with the calling service and
its outcome. Keys never appear in logs.

Also the KEK rotation: the worker's rewrap job (and ``python -m profiles subject-keys rotate``)
moves keys still wrapped under a previous KEK to the current one, a small batch per
transaction.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from eventkit.jobs import PeriodicJob
from eventkit.logging import get_logger
from eventkit.service import when_reachable
from eventkit.stopping import sleep_until_stopped
from eventkit.subject_keys import SqlSubjectKeys, UnwrapError
from profiles.config import ProfilesSettings
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
    uow: ProfilesUnitOfWork, keys: SqlSubjectKeys, key_id: str, caller: str, now: datetime
) -> tuple[Outcome, bytes | None]:
    async with uow:
        key = await keys.key(uow.session, key_id)
        if key is not None:
            outcome = Outcome.SERVED
        elif await uow.key_fetches.known(key_id):
            outcome = Outcome.DESTROYED
        else:
            outcome = Outcome.UNKNOWN
        await uow.key_fetches.record(key_id, caller, outcome.value, now)
        await uow.commit()
    log.info("subject_key.fetched", caller=caller, outcome=outcome.value)
    return outcome, key


# ---- KEK rotation ---------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyStatus:
    """Counts only: which KEK the live keys are under, and what is left to rewrap."""

    current_kek_id: str
    previous_kek_ids: list[str]
    #: live keys per KEK id; None: rows from before KEK ids (opened with any configured KEK)
    live_by_kek_id: dict[str | None, int]
    destroyed: int

    @property
    def left_to_rewrap(self) -> int:
        return sum(n for kek, n in self.live_by_kek_id.items() if kek != self.current_kek_id)

    @property
    def unknown_kek_ids(self) -> list[str]:
        """KEK ids of live keys that no configured KEK can open."""
        known = {self.current_kek_id, *self.previous_kek_ids}
        return sorted(k for k in self.live_by_kek_id if k is not None and k not in known)


async def check_keks(
    uow: ProfilesUnitOfWork, keys: SqlSubjectKeys, *, log_ids: bool = True
) -> None:
    """``UnwrapError`` naming the settings when the configured KEKs cannot open the stored
    keys (a wrong or missing previous KEK): run at startup of the API and the worker, which
    then log the KEK ids in use (public ids, never the KEKs)."""
    async with uow:
        try:
            await keys.check_keks(uow.session)
        except UnwrapError as exc:
            raise UnwrapError(
                f"SUBJECT_KEY_KEK / SUBJECT_KEY_KEK_PREVIOUS cannot open the stored subject "
                f"keys: {exc} (docs/privacy.md, Rotating the key-encryption key)"
            ) from None
    if log_ids:
        log.info(
            "subject_keys.keks",
            current_kek_id=keys.wrapper.current_id,
            previous_kek_ids=keys.wrapper.previous_ids,
        )


async def key_status(uow: ProfilesUnitOfWork, keys: SqlSubjectKeys) -> KeyStatus:
    async with uow:
        usage = await keys.kek_usage(uow.session)
        destroyed = await keys.destroyed_count(uow.session)
    return KeyStatus(keys.wrapper.current_id, keys.wrapper.previous_ids, usage, destroyed)


async def rewrap_batch(uow: ProfilesUnitOfWork, keys: SqlSubjectKeys, limit: int) -> int:
    """One batch in its own transaction: how many keys moved to the current KEK."""
    async with uow:
        done = await keys.rewrap(uow.session, limit)
        if done:
            await uow.commit()
    return done


async def rewrap_all(
    uow_factory: Callable[[], ProfilesUnitOfWork],
    keys: SqlSubjectKeys,
    batch: int,
    *,
    stop: asyncio.Event | None = None,
    pause_s: float = 0.0,
    on_batch: Callable[[int, int, int], None] | None = None,
) -> int:
    """Batches until no key is left under a previous KEK (or ``stop``); how many it moved.

    ``on_batch(rewrapped, total, left)`` after each batch; ``left`` is counted once after the
    first batch and then decremented (other workers may be rewrapping too: an estimate).
    """
    total = 0
    left: int | None = None
    while stop is None or not stop.is_set():
        done = await rewrap_batch(uow_factory(), keys, batch)
        if not done:
            break
        total += done
        if left is None:
            async with uow_factory() as uow:
                left = await keys.left_to_rewrap(uow.session)
        else:
            left = max(left - done, 0)
        if on_batch is not None:
            on_batch(done, total, left)
        if pause_s > 0:
            if stop is None:
                await asyncio.sleep(pause_s)
            else:
                await sleep_until_stopped(stop, pause_s)
    return total


def rewrap_job(
    uow_factory: Callable[[], ProfilesUnitOfWork],
    keys: SqlSubjectKeys,
    settings: ProfilesSettings,
) -> Callable[[asyncio.Event], Awaitable[None]]:
    """The worker's loop: rewraps every key not under the current KEK, a batch per
    transaction, logging counts; then looks again every ``subject_key_rewrap_interval_s``."""

    def progress(done: int, total: int, left: int) -> None:
        log.info(
            "subject_keys.rewrapped",
            rewrapped=done,
            total=total,
            left=left,
            kek_id=keys.wrapper.current_id,
        )

    async def run(stop: asyncio.Event) -> None:
        # a configuration that cannot open the stored keys stops the worker (UnwrapError);
        # the database being away only delays the check
        await when_reachable(lambda: check_keks(uow_factory(), keys), stop, "database")

        async def rewrap() -> int:
            try:
                total = await rewrap_all(
                    uow_factory,
                    keys,
                    settings.subject_key_rewrap_batch,
                    stop=stop,
                    pause_s=settings.subject_key_rewrap_pause_s,
                    on_batch=progress,
                )
            except UnwrapError as exc:  # a KEK is missing from the settings: say which row
                log.error("subject_keys.rewrap_failed", error=str(exc))
                return 0
            if total and not stop.is_set():
                async with uow_factory() as uow:
                    left = await keys.left_to_rewrap(uow.session)
                log.info("subject_keys.rewrap_finished", total=total, left=left)
            return total

        job = PeriodicJob("subject_keys.rewrap", rewrap, settings.subject_key_rewrap_interval_s)
        await job(stop)

    return run
