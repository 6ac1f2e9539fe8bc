"""The consent ledger: what a person agreed to, for which purpose and recipient, and when.

The ledger is append-only. Giving or withdrawing consent adds an entry; nothing is ever
overwritten, so the history answers "what had this person agreed to on that day, under which
version of the privacy notice, and how did they say so". The *current* state of one
(purpose, recipient) is its latest entry.

Defaults when the ledger holds nothing for a purpose (documented in docs/privacy.md):
``directory_listing`` on the platform is implied by creating a profile (the directory has
always listed every profile; withdrawing it hides the person), everything else is off until
given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from contracts.events import privacy
from eventkit import domain_errors as kinds

#: purposes whose recipient is always the platform itself
PLATFORM_PURPOSES = frozenset({privacy.DIRECTORY_LISTING, privacy.NEWSLETTERS})
#: purposes that only make sense towards a named recipient
NAMED_PURPOSES = frozenset(
    {privacy.GOVERNMENT_CONTACT, privacy.MAPPING_SHARING, privacy.PARTNER_SHARING}
)
#: on until withdrawn (see the module docstring)
ON_BY_DEFAULT = frozenset({privacy.DIRECTORY_LISTING})
#: the privacy notice in force (``PRIVACY_POLICY_VERSION`` overrides it)
DEFAULT_POLICY_VERSION = "2026-11"
CHANNELS = frozenset({"web", "api", "survey", "import", "email"})
MAX_POLICY_VERSION = 40


class InvalidConsent(kinds.InvalidInput, ValueError):
    title = "Invalid consent"

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}", field=field_name)
        self.extensions["errors"] = [{"loc": ["body", field_name], "msg": message}]
        self.field_name = field_name
        self.reason = message


class ConsentAction(StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Recipient:
    """Who the consent is towards: the platform, or a named organisation/partner/account."""

    kind: str
    id: UUID | None = None

    @classmethod
    def of(cls, purpose: str, kind: str, recipient_id: UUID | None) -> Recipient:
        if purpose not in privacy.PURPOSES:
            raise InvalidConsent("purpose", f"must be one of {list(privacy.PURPOSES)}")
        if kind not in privacy.RECIPIENT_KINDS:
            raise InvalidConsent(
                "recipient_kind", f"must be one of {list(privacy.RECIPIENT_KINDS)}"
            )
        if kind == privacy.RECIPIENT_PLATFORM:
            if recipient_id is not None:
                raise InvalidConsent("recipient_id", "the platform has no recipient id")
            if purpose in NAMED_PURPOSES:
                raise InvalidConsent("recipient_kind", f"{purpose} needs a named recipient")
        else:
            if recipient_id is None:
                raise InvalidConsent("recipient_id", f"a {kind} recipient needs its id")
            if purpose in PLATFORM_PURPOSES:
                raise InvalidConsent("recipient_kind", f"{purpose} is towards the platform")
        return cls(kind, recipient_id)


@dataclass(frozen=True, kw_only=True)
class ConsentEntry:
    """One line of the ledger."""

    id: UUID
    person_id: UUID
    purpose: str
    recipient: Recipient
    action: ConsentAction
    channel: str
    at: datetime
    #: the privacy notice agreed to (given entries only)
    policy_version: str | None = None

    @property
    def active(self) -> bool:
        return self.action == ConsentAction.GIVEN


@dataclass
class ConsentLedger:
    """A person's entries for one (purpose, recipient), oldest first."""

    person_id: UUID
    purpose: str
    recipient: Recipient
    entries: list[ConsentEntry]

    @property
    def current(self) -> ConsentEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def granted(self) -> bool:
        if self.current is None:
            return self.purpose in ON_BY_DEFAULT and self.recipient.kind == "platform"
        return self.current.active

    def give(self, *, policy_version: str, channel: str, now: datetime) -> ConsentEntry | None:
        """A new entry, or None when the same consent is already in force (idempotent)."""
        policy_version = policy_version.strip()
        if not policy_version or len(policy_version) > MAX_POLICY_VERSION:
            raise InvalidConsent("policy_version", f"1 to {MAX_POLICY_VERSION} characters")
        _check_channel(channel)
        current = self.current
        if current is not None and current.active and current.policy_version == policy_version:
            return None
        return self._append(ConsentAction.GIVEN, channel, now, policy_version)

    def withdraw(self, *, channel: str, now: datetime) -> ConsentEntry | None:
        """A new entry, or None when nothing is in force (withdrawing twice is harmless).

        An on-by-default purpose with no entry yet can be withdrawn: that is how a person
        leaves the directory.
        """
        _check_channel(channel)
        if not self.granted:
            return None
        return self._append(ConsentAction.WITHDRAWN, channel, now, None)

    def _append(
        self, action: ConsentAction, channel: str, now: datetime, policy_version: str | None
    ) -> ConsentEntry:
        entry = ConsentEntry(
            id=uuid4(),
            person_id=self.person_id,
            purpose=self.purpose,
            recipient=self.recipient,
            action=action,
            channel=channel,
            at=now,
            policy_version=policy_version,
        )
        self.entries.append(entry)
        return entry


def _check_channel(channel: str) -> None:
    if channel not in CHANNELS:
        raise InvalidConsent("channel", f"must be one of {sorted(CHANNELS)}")
