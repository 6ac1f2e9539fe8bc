"""Retention: personal data is kept only as long as configured (docs/privacy.md).

Run by the worker as a background job every ``RETENTION_INTERVAL_S``:

* private messages older than ``RETENTION_MESSAGES_DAYS`` (off unless set);
* accounts never verified after ``RETENTION_UNVERIFIED_ACCOUNTS_DAYS`` (default 30): erased
  like any account (rows deleted, subject key destroyed, ``profiles.account.erased`` published
  so every service forgets them too);
* audit log entries older than ``RETENTION_AUDIT_LOG_DAYS`` (default 730).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from contracts.events.profiles import AccountErased
from eventkit.clock import Clock
from eventkit.jobs import PeriodicJob
from eventkit.logging import get_logger
from eventkit.subject_keys import SqlSubjectKeys
from profiles.config import ProfilesSettings
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

log = get_logger(__name__)
#: unverified accounts erased per transaction (a backlog is worked off over several rounds)
BATCH = 200


@dataclass
class RetentionReport:
    deleted: dict[str, int] = field(default_factory=dict)


def _days(value: int | None) -> timedelta | None:
    return timedelta(days=value) if value else None


async def apply_retention(
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    subject_keys: SqlSubjectKeys | None,
    now: datetime,
) -> RetentionReport:
    report = RetentionReport()
    if keep := _days(settings.retention_messages_days):
        async with uow:
            report.deleted["messages"] = await uow.conversations.delete_messages_sent_before(
                now - keep
            )
            await uow.commit()
    if keep := _days(settings.retention_audit_log_days):
        async with uow:
            report.deleted["audit_log"] = await uow.audit_log.delete_older_than(now - keep)
            await uow.commit()
    if keep := _days(settings.retention_unverified_accounts_days):
        report.deleted["unverified_accounts"] = await _erase_unverified(
            uow, subject_keys, now - keep, now
        )
    # the throttle's memory (client addresses): kept as long as it counts, no longer
    async with uow:
        report.deleted["sign_in_records"] = await uow.login_failures.forget_before(
            now - timedelta(seconds=settings.login_failure_window_s),
            now - timedelta(days=settings.login_trusted_client_days),
        )
        report.deleted["sign_in_challenges"] = await uow.sign_in_challenges.forget_expired(now)
        await uow.commit()
    return report


async def _erase_unverified(
    uow: ProfilesUnitOfWork, subject_keys: SqlSubjectKeys | None, cutoff: datetime, now: datetime
) -> int:
    async with uow:
        ids = await uow.accounts.claim_unverified_created_before(cutoff, limit=BATCH)
        if not ids:
            return 0
        await uow.accounts.delete_with_their_rows(ids)
        for account_id in ids:
            if subject_keys is not None:
                await subject_keys.destroy(uow.session, str(account_id))
            await uow.publish(AccountErased(account_id=account_id, erased_at=now))
        await uow.commit()
    return len(ids)


def retention_job(
    uow_factory: Callable[[], ProfilesUnitOfWork],
    settings: ProfilesSettings,
    subject_keys: SqlSubjectKeys | None,
    clock: Clock,
) -> PeriodicJob:
    async def apply() -> int:
        report = await apply_retention(uow_factory(), settings, subject_keys, clock.now())
        if any(report.deleted.values()):
            log.info("retention.applied", deleted=report.deleted)
        return sum(report.deleted.values())

    return PeriodicJob("retention.apply", apply, settings.retention_interval_s)
