"""The erasure and export sagas (contracts.events.privacy), run by profiles.

Requests commit profiles' own part and the saga row together with the outbox event that starts
the saga; participants' answers are applied by the consumer in its own transaction; a worker
job asks silent participants again and destroys expired exports.
"""

from __future__ import annotations

import hmac
import json
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from contracts.events import privacy
from contracts.events import profiles as profile_events
from eventkit import domain_errors as kinds
from eventkit.clock import Clock
from eventkit.consumer import PoisonMessage
from eventkit.jobs import PeriodicJob
from eventkit.logging import get_logger
from eventkit.privacy import slice_parts
from eventkit.revocations import revoke_subject
from eventkit.sealed import SealedBoxError, new_keypair, open_sealed, seal
from profiles.adapters.archive_store import ArchiveStore
from profiles.adapters.archives import build_archive
from profiles.adapters.identity_store import digest
from profiles.adapters.password_hasher import verify_password_async
from profiles.config import ProfilesSettings
from profiles.domain.account import AccountStatus
from profiles.domain.privacy import (
    OWN_SERVICE,
    DataExport,
    Erasure,
    ExportStatus,
    ReceivedPart,
    archive_key,
)
from profiles.service_layer.identity import AccountNotFound, new_secret
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

log = get_logger(__name__)

#: at most this many sagas handled per job round (the rest next round)
_BATCH = 100


class ReauthenticationRequired(kinds.Forbidden):
    """Erasure cannot be undone: the caller must prove again that they are the person."""

    title = "Re-authentication required"
    message = (
        "Erasure cannot be undone: confirm it with your password "
        "(or sign in again if you have none)."
    )


class ErasureNotFound(kinds.NotFound):
    message = "No such erasure (or a wrong receipt)."


class ExportNotFound(kinds.NotFound):
    message = "No such export."


class ExportNotReady(kinds.Conflict):
    message = "The archive is not assembled yet."


class ExportExpired(kinds.Gone):
    message = "The link expired; ask for a new export."


WRONG_EXPORT_LINK = "No such export (or a wrong link)."


@dataclass(frozen=True)
class ErasureReceipt:
    erasure_id: UUID
    #: secret shown once; lets the person follow the saga after their sessions ended
    receipt: str


# ---- erasure --------------------------------------------------------------------------------
async def request_erasure(
    uow: ProfilesUnitOfWork,
    person_id: UUID,
    *,
    password: str | None,
    token_issued_at: datetime | None,
    settings: ProfilesSettings,
    archives: ArchiveStore,
    now: datetime,
) -> ErasureReceipt:
    """Erase profiles' data of the person and start the saga, all in one transaction."""
    erasure = Erasure(
        id=uuid.uuid4(),
        person_id=person_id,
        requested_at=now,
        participants=privacy.PARTICIPANTS,
        last_requested_at=now,
    )
    receipt = new_secret()
    async with uow:
        account = await uow.accounts.get(person_id, for_update=True)
        if account is None or account.status == AccountStatus.ERASED:
            raise AccountNotFound()
        if account.password_hash is not None:
            if not password or not await verify_password_async(account.password_hash, password):
                raise ReauthenticationRequired()
        else:  # social login only: a fresh token is the proof
            max_age = timedelta(seconds=settings.erasure_reauth_max_age_s)
            if token_issued_at is None or now - token_issued_at > max_age:
                raise ReauthenticationRequired()
        email = account.email
        account.erase(now, erasure.id)
        await uow.accounts.save(account)
        uow.track(account)
        report = await uow.personal_data.erase_person(person_id, email)
        await _destroy_exports(uow, archives, await uow.exports.of_person(person_id))
        if uow.subject_keys is not None:
            await uow.subject_keys.destroy(uow.session, str(person_id))
        # access tokens already issued stop opening profiles once this commits
        await revoke_subject(uow, person_id, now)
        erasure.confirmations[OWN_SERVICE] = {
            "erased_at": now.isoformat(),
            "deleted": report.deleted,
            "de_identified": report.de_identified,
        }
        await uow.erasures.add(erasure, digest(receipt))
        await uow.commit()  # the account's AccountErased (with erasure_id) goes out via outbox
    log.info("privacy.erasure_requested", erasure_id=str(erasure.id), deleted=report.deleted)
    return ErasureReceipt(erasure.id, receipt)


async def erasure_status(uow: ProfilesUnitOfWork, erasure_id: UUID, receipt: str) -> Erasure:
    async with uow:
        stored = await uow.erasures.receipt_hash(erasure_id)
        if stored is None or not hmac.compare_digest(stored, digest(receipt)):
            raise ErasureNotFound()  # a wrong receipt looks like no saga
        erasure = await uow.erasures.get(erasure_id)
    assert erasure is not None
    return erasure


async def record_erasure_confirmation(
    uow: ProfilesUnitOfWork, answer: privacy.PersonalDataErased, now: datetime
) -> None:
    """A participant confirmed (inside the consumer's transaction)."""
    erasure = await uow.erasures.get(answer.erasure_id, for_update=True)
    if erasure is None:
        log.warning("privacy.unknown_erasure", erasure_id=str(answer.erasure_id))
        return
    completed = erasure.confirm(
        answer.service,
        {
            "erased_at": answer.erased_at.isoformat(),
            "deleted": answer.deleted,
            "de_identified": answer.de_identified,
        },
        now,
    )
    await uow.erasures.save(erasure)
    if completed:
        await uow.publish(
            privacy.ErasureCompleted(
                person_id=erasure.person_id,
                erasure_id=erasure.id,
                confirmed_by=list(erasure.participants),
                requested_at=erasure.requested_at,
                completed_at=now,
            )
        )
        log.info(
            "privacy.erasure_completed",
            erasure_id=str(erasure.id),
            seconds=(now - erasure.requested_at).total_seconds(),
        )


async def retry_pending_erasures(
    uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> int:
    """Ask again every participant of sagas silent for too long (answering twice is harmless)."""
    async with uow:
        due = await uow.erasures.pending_since(
            now - timedelta(seconds=settings.privacy_retry_after_s), _BATCH
        )
        for erasure in due:
            await uow.publish(
                profile_events.AccountErased(
                    account_id=erasure.person_id,
                    erased_at=erasure.requested_at,
                    erasure_id=erasure.id,
                )
            )
            erasure.asked_again(now)
            await uow.erasures.save(erasure)
            log.info("privacy.erasure_retried", erasure_id=str(erasure.id), pending=erasure.pending)
        await uow.commit()
    return len(due)


# ---- export ---------------------------------------------------------------------------------
async def request_export(
    uow: ProfilesUnitOfWork,
    person_id: UUID,
    settings: ProfilesSettings,
    now: datetime,
) -> DataExport:
    """profiles seals its own slice now; every participant is asked for theirs."""
    private_key, public_key = new_keypair()
    export = DataExport(
        id=uuid.uuid4(),
        person_id=person_id,
        requested_at=now,
        expires_at=now + timedelta(seconds=settings.export_ttl_s),
        participants=privacy.PARTICIPANTS,
        public_key=public_key,
        last_requested_at=now,
    )
    async with uow:
        account = await uow.accounts.get(person_id)
        if account is None or account.status == AccountStatus.ERASED:
            raise AccountNotFound()
        own = await uow.personal_data.export_person(person_id)
        await uow.exports.add(export, private_key)
        # stored like any participant's slice, so assembly has one path
        parts = list(slice_parts({"service": OWN_SERVICE, "data": own}))
        for index, part in enumerate(parts):
            await uow.exports.add_part(
                export.id, OWN_SERVICE, index, len(parts), seal(public_key, part), now
            )
            export.received.append(ReceivedPart(OWN_SERVICE, index, len(parts)))
        await uow.publish(_export_requested(export, list(export.participants), now))
        await uow.commit()
    log.info("privacy.export_requested", export_id=str(export.id))
    return export


def _export_requested(
    export: DataExport, participants: list[str], now: datetime
) -> privacy.DataExportRequested:
    return privacy.DataExportRequested(
        person_id=export.person_id,
        export_id=export.id,
        public_key=export.public_key,
        participants=participants,
        requested_at=now,
    )


async def export_progress(uow: ProfilesUnitOfWork, person_id: UUID, export_id: UUID) -> DataExport:
    async with uow:
        export = await uow.exports.get(export_id)
    if export is None or export.person_id != person_id:
        raise ExportNotFound()
    return export


async def record_export_part(
    uow: ProfilesUnitOfWork,
    answer: privacy.PersonalDataExported,
    archives: ArchiveStore,
    settings: ProfilesSettings,
    now: datetime,
) -> None:
    """Keep one sealed part (inside the consumer's transaction); assemble when all are in."""
    export = await uow.exports.get(answer.export_id, for_update=True)
    if export is None or export.status != ExportStatus.ASSEMBLING:
        return  # unknown, already assembled or expired: a late repeat
    if answer.service not in export.participants or answer.part >= answer.parts:
        raise PoisonMessage(f"unexpected part {answer.part}/{answer.parts} from {answer.service}")
    key = await uow.exports.private_key(export.id)
    assert key is not None  # destroyed only when the status becomes expired
    try:
        open_sealed(key, answer.sealed_slice)  # refuse a part we could never open
    except SealedBoxError as exc:
        raise PoisonMessage(f"{answer.service} sealed a part to another key") from exc
    if any(r.service == answer.service and r.parts != answer.parts for r in export.received):
        # an answer to a repeated request, cut differently: it replaces the earlier parts
        await uow.exports.drop_parts(export.id, answer.service)
    await uow.exports.add_part(
        export.id, answer.service, answer.part, answer.parts, answer.sealed_slice, now
    )
    export = await uow.exports.get(export.id)
    assert export is not None
    if export.complete:
        await _assemble(uow, export, key, archives, settings, now)


async def _assemble(
    uow: ProfilesUnitOfWork,
    export: DataExport,
    private_key: bytes,
    archives: ArchiveStore,
    settings: ProfilesSettings,
    now: datetime,
) -> None:
    pieces: dict[str, list[bytes]] = defaultdict(list)
    for service, _, sealed in await uow.exports.sealed_parts(export.id):
        pieces[service].append(open_sealed(private_key, sealed))
    slices: dict[str, Any] = {}
    for service, chunks in pieces.items():
        document = json.loads(b"".join(chunks))
        slices[service] = document.get("data", document)
    data = build_archive(export.person_id, export.id, slices, now)
    key = archive_key(export.id)
    await archives.put(key, data)  # same key on a retry: overwritten, never duplicated
    token = new_secret()
    await uow.exports.mark_ready(export.id, key, digest(token), now)
    account = await uow.accounts.get(export.person_id)
    await uow.publish(
        privacy.DataExportReady(
            person_id=export.person_id,
            export_id=export.id,
            download_url=settings.export_download_link(str(export.id), token),
            expires_at=export.expires_at,
            locale=account.locale if account else "en",
        )
    )
    log.info("privacy.export_ready", export_id=str(export.id), bytes=len(data))


async def download_archive(
    uow: ProfilesUnitOfWork,
    archives: ArchiveStore,
    export_id: UUID,
    token: str,
    now: datetime,
) -> bytes:
    async with uow:
        found = await uow.exports.archive(export_id)
    if found is None:
        raise ExportNotFound(WRONG_EXPORT_LINK)
    export, key, token_hash = found
    if export.status == ExportStatus.EXPIRED or export.is_expired(now):
        raise ExportExpired()
    if token_hash is None or not hmac.compare_digest(token_hash, digest(token)):
        # before readiness there is no token: whoever guesses learns nothing either way
        raise ExportNotFound(WRONG_EXPORT_LINK)
    data = await archives.get(key) if key else None
    if data is None:
        raise ExportNotReady()
    return data


async def retry_assembling_exports(
    uow: ProfilesUnitOfWork, settings: ProfilesSettings, now: datetime
) -> int:
    """Ask the participants whose slice is still missing again."""
    async with uow:
        due = await uow.exports.assembling_since(
            now - timedelta(seconds=settings.privacy_retry_after_s), _BATCH
        )
        for export_id in due:
            export = await uow.exports.get(export_id)
            assert export is not None
            missing = [s for s in export.pending_services if s != OWN_SERVICE]
            if missing:
                await uow.publish(_export_requested(export, missing, now))
            await uow.exports.asked_again(export_id, now)
        await uow.commit()
    return len(due)


async def expire_exports(uow: ProfilesUnitOfWork, archives: ArchiveStore, now: datetime) -> int:
    """Past the TTL: the archive, the link and the private key go (sealed copies on Kafka
    become unreadable)."""
    async with uow:
        expired = await uow.exports.expired(now, _BATCH)
        await _destroy_exports(uow, archives, expired)
        await uow.commit()
    return len(expired)


async def _destroy_exports(
    uow: ProfilesUnitOfWork, archives: ArchiveStore, export_ids: list[UUID]
) -> None:
    """Archives first, the rows pointing at them second, inside the caller's transaction.

    A failure in between leaves rows that still point at their (possibly already deleted)
    archive, so the next attempt deletes again; the other order could commit rows that no
    longer point at an archive nobody would ever delete. The archive is found by the export's
    own key, not the row's record of it: an assembly whose commit failed after storing the
    archive never recorded it."""
    for export_id in export_ids:
        await archives.delete(archive_key(export_id))
    for export_id in export_ids:
        await uow.exports.destroy(export_id)


def privacy_jobs(
    uow_factory: Callable[[], ProfilesUnitOfWork],
    archives: ArchiveStore,
    settings: ProfilesSettings,
    clock: Clock,
) -> PeriodicJob:
    """The worker's round: retries and expiry, every ``privacy_jobs_interval_s``."""

    async def retry_and_expire() -> None:
        await retry_pending_erasures(uow_factory(), settings, clock.now())
        await retry_assembling_exports(uow_factory(), settings, clock.now())
        await expire_exports(uow_factory(), archives, clock.now())

    return PeriodicJob("privacy.jobs", retry_and_expire, settings.privacy_jobs_interval_s)
