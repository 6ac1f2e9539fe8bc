"""Consent ledger use cases: give, withdraw, read; the effects profiles itself owes a change.

Every change is one ledger entry plus one ``profiles.consent.*`` event in the same
transaction, so other services honour a withdrawal as soon as they consume it. profiles'
own effects happen in that transaction too: withdrawing ``directory_listing`` takes the person
out of the directory (and out of matching, through the next profile snapshot).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from contracts.events import privacy
from eventkit import domain_errors as kinds
from profiles.domain.consent import ConsentEntry, ConsentLedger, Recipient
from profiles.service_layer.people import index_in_directory
from profiles.service_layer.repositories import Consents
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class UnknownRecipient(kinds.InvalidInput):
    """The named organisation does not exist."""

    title = "Unknown recipient"

    def __init__(self, recipient_id: object) -> None:
        super().__init__(
            f"No organisation {recipient_id} exists.",
            errors=[{"loc": ["body", "recipient_id"], "msg": "no such organisation"}],
        )


class _WithConsents(Protocol):
    @property
    def consents(self) -> Consents: ...

    async def publish(self, event: Any, *, sequence: int = 0) -> None: ...


@dataclass(frozen=True)
class ConsentRequest:
    purpose: str
    recipient_kind: str = privacy.RECIPIENT_PLATFORM
    recipient_id: UUID | None = None
    channel: str = "web"


@dataclass(frozen=True)
class Change:
    """What a give/withdraw did: the new entry (None when nothing changed) and the state."""

    entry: ConsentEntry | None
    ledger: ConsentLedger


async def record_given(
    uow: _WithConsents,
    person_id: UUID,
    request: ConsentRequest,
    policy_version: str,
    now: datetime,
) -> Change:
    """Inside the caller's unit of work (also used by the mapping survey flow)."""
    recipient = Recipient.of(request.purpose, request.recipient_kind, request.recipient_id)
    ledger = await uow.consents.ledger(person_id, request.purpose, recipient, for_update=True)
    entry = ledger.give(policy_version=policy_version, channel=request.channel, now=now)
    if entry is not None:
        await uow.consents.add(entry)
        await uow.publish(
            privacy.ConsentGiven(
                person_id=person_id,
                consent_id=entry.id,
                purpose=entry.purpose,
                recipient_kind=recipient.kind,
                recipient_id=recipient.id,
                channel=entry.channel,
                policy_version=policy_version,
                given_at=now,
            )
        )
    return Change(entry, ledger)


async def _record_withdrawn(
    uow: _WithConsents, person_id: UUID, request: ConsentRequest, now: datetime
) -> Change:
    recipient = Recipient.of(request.purpose, request.recipient_kind, request.recipient_id)
    ledger = await uow.consents.ledger(person_id, request.purpose, recipient, for_update=True)
    entry = ledger.withdraw(channel=request.channel, now=now)
    if entry is not None:
        await uow.consents.add(entry)
        await uow.publish(
            privacy.ConsentWithdrawn(
                person_id=person_id,
                consent_id=entry.id,
                purpose=entry.purpose,
                recipient_kind=recipient.kind,
                recipient_id=recipient.id,
                channel=entry.channel,
                withdrawn_at=now,
            )
        )
    return Change(entry, ledger)


async def _check_recipient(uow: ProfilesUnitOfWork, request: ConsentRequest) -> None:
    if (
        request.recipient_kind == privacy.RECIPIENT_ORGANISATION
        and request.recipient_id
        and await uow.organisations.get(request.recipient_id) is None
    ):
        raise UnknownRecipient(request.recipient_id)


async def _apply_directory_listing(uow: ProfilesUnitOfWork, person_id: UUID, now: datetime) -> None:
    profile = await uow.people.get(person_id, for_update=True)
    if profile is None:  # no profile yet: put_profile reads the ledger when it is created
        return
    if profile.set_listed(await uow.consents.directory_listed(person_id), now):
        await uow.people.save(profile)
        await index_in_directory(uow, profile)
        uow.track(profile)


async def give(
    uow: ProfilesUnitOfWork,
    person_id: UUID,
    request: ConsentRequest,
    policy_version: str,
    now: datetime,
) -> Change:
    async with uow:
        await _check_recipient(uow, request)
        change = await record_given(uow, person_id, request, policy_version, now)
        if change.entry is not None and request.purpose == privacy.DIRECTORY_LISTING:
            await _apply_directory_listing(uow, person_id, now)
        await uow.commit()
    return change


async def withdraw(
    uow: ProfilesUnitOfWork, person_id: UUID, request: ConsentRequest, now: datetime
) -> Change:
    async with uow:
        await _check_recipient(uow, request)
        change = await _record_withdrawn(uow, person_id, request, now)
        if change.entry is not None and request.purpose == privacy.DIRECTORY_LISTING:
            await _apply_directory_listing(uow, person_id, now)
        await uow.commit()
    return change


async def overview(uow: ProfilesUnitOfWork, person_id: UUID) -> dict[str, Any]:
    """The current state of every purpose and named recipient, and the full history."""
    async with uow:
        history = await uow.consents.history(person_id)
    ledgers: dict[tuple[str, Recipient], ConsentLedger] = {}
    for purpose in privacy.PURPOSES:  # platform-wide purposes always show their state
        try:
            recipient = Recipient.of(purpose, privacy.RECIPIENT_PLATFORM, None)
        except ValueError:
            continue
        ledgers[(purpose, recipient)] = ConsentLedger(person_id, purpose, recipient, [])
    for entry in history:
        key = (entry.purpose, entry.recipient)
        ledgers.setdefault(key, ConsentLedger(person_id, entry.purpose, entry.recipient, []))
        ledgers[key].entries.append(entry)
    return {
        "consents": [state_view(ledger) for ledger in ledgers.values()],
        "history": [entry_view(e) for e in reversed(history)],  # newest first
    }


def state_view(ledger: ConsentLedger) -> dict[str, Any]:
    current = ledger.current
    return {
        "purpose": ledger.purpose,
        "recipient_kind": ledger.recipient.kind,
        "recipient_id": str(ledger.recipient.id) if ledger.recipient.id else None,
        "granted": ledger.granted,
        # true while nothing was ever recorded and the purpose's default applies
        "by_default": current is None,
        "policy_version": _last_policy(ledger),
        "since": current.at.isoformat() if current else None,
        "channel": current.channel if current else None,
    }


def _last_policy(ledger: ConsentLedger) -> str | None:
    given = [e for e in ledger.entries if e.policy_version]
    return given[-1].policy_version if given else None


def entry_view(e: ConsentEntry) -> dict[str, Any]:
    return {
        "id": str(e.id),
        "purpose": e.purpose,
        "recipient_kind": e.recipient.kind,
        "recipient_id": str(e.recipient.id) if e.recipient.id else None,
        "action": e.action.value,
        "policy_version": e.policy_version,
        "channel": e.channel,
        "at": e.at.isoformat(),
    }
