"""The Account aggregate: a person's identity on the platform."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

# what an account may do: the vocabulary's roles (every account is a member; the rest granted)
from contracts.vocabulary import Role
from eventkit import domain_errors as kinds
from eventkit.aggregate import AggregateRoot
from profiles.domain import events


class AccountStatus(StrEnum):
    UNVERIFIED = "unverified"
    ACTIVE = "active"
    ERASED = "erased"


class AlreadyVerified(kinds.Conflict):
    title = "Already verified"
    message = "This email address is already verified."


class EmailTaken(kinds.Conflict):
    """Another account holds this address (one registered before, or won a race)."""

    title = "Account exists"
    message = "An account uses this email address."


class AccountErasedError(kinds.Conflict):
    """An erased account is changed (``events.AccountErased`` is the fact of its erasure)."""

    message = "The account was erased."


class CannotRevokeMember(kinds.InvalidInput, ValueError):
    pass


@dataclass(kw_only=True, eq=False)
class Account(AggregateRoot):
    id: UUID
    email: str
    display_name: str
    locale: str
    password_hash: str | None
    status: AccountStatus = AccountStatus.UNVERIFIED
    roles: set[str] = field(default_factory=lambda: {Role.MEMBER.value})
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    verified_at: datetime | None = None

    @classmethod
    def register(
        cls,
        *,
        email: str,
        display_name: str,
        locale: str,
        password_hash: str | None,
        verification_url: str | None = None,
        verification_expires_at: datetime | None = None,
        account_id: UUID | None = None,
    ) -> Account:
        account = cls(
            id=account_id or uuid.uuid4(),
            email=email,
            display_name=display_name,
            locale=locale,
            password_hash=password_hash,
        )
        account.record(
            events.AccountRegistered(
                account_id=account.id,
                email=email,
                display_name=display_name,
                locale=locale,
                registered_at=account.created_at,
                verification_url=verification_url,
                verification_expires_at=verification_expires_at,
            )
        )
        return account

    @property
    def can_sign_in(self) -> bool:
        return self.status != AccountStatus.ERASED and self.password_hash is not None

    def _ensure_not_erased(self) -> None:
        if self.status == AccountStatus.ERASED:
            raise AccountErasedError()

    def verify_email(self, now: datetime) -> None:
        self._ensure_not_erased()
        if self.status == AccountStatus.ACTIVE:
            raise AlreadyVerified()
        self.status = AccountStatus.ACTIVE
        self.verified_at = now
        self.record(events.AccountVerified(account_id=self.id, verified_at=now))

    def request_verification(self, url: str, expires_at: datetime) -> None:
        self._ensure_not_erased()
        if self.status == AccountStatus.ACTIVE:
            raise AlreadyVerified()
        self.record(
            events.VerificationRequested(
                account_id=self.id, verification_url=url, expires_at=expires_at
            )
        )

    def request_password_reset(self, url: str, expires_at: datetime) -> None:
        self._ensure_not_erased()
        self.record(
            events.PasswordResetRequested(account_id=self.id, reset_url=url, expires_at=expires_at)
        )

    def note_registration_attempt(self, now: datetime) -> None:
        """Someone registered with this address again: the owner is told, the caller is not."""
        self._ensure_not_erased()
        self.record(events.RegistrationAttempted(account_id=self.id, attempted_at=now))

    def note_recovery_code_used(self, now: datetime, codes_left: int) -> None:
        """A recovery code stood in for the authenticator app: the owner is told (if it was
        not them, their password and a code are known to someone else)."""
        self._ensure_not_erased()
        self.record(events.RecoveryCodeUsed(account_id=self.id, used_at=now, codes_left=codes_left))

    def note_second_factor_removed(self, now: datetime) -> None:
        """The authenticator app was removed: the owner is told (the account is weaker)."""
        self._ensure_not_erased()
        self.record(events.SecondFactorRemoved(account_id=self.id, removed_at=now))

    def change_password(self, password_hash: str, now: datetime) -> None:
        self._ensure_not_erased()
        self.password_hash = password_hash
        self.record(events.PasswordChanged(account_id=self.id, changed_at=now))

    def erase(self, now: datetime, erasure_id: UUID) -> None:
        """Anonymise the account: no email, name or password left, nobody can sign in.

        The row itself stays: other tables and services hold its id, and it makes a second
        erasure request of the same account fail instead of erasing a stranger.
        """
        self._ensure_not_erased()
        self.status = AccountStatus.ERASED
        self.email = f"erased-{self.id.hex}@erased.invalid"  # unique and undeliverable
        self.display_name = "Erased account"
        self.password_hash = None
        self.roles = {Role.MEMBER.value}
        self.record(events.AccountErased(account_id=self.id, erased_at=now, erasure_id=erasure_id))

    def grant(self, role: Role, *, by: UUID | None, now: datetime) -> bool:
        """Grant ``role``; False (and no event) if the account already had it."""
        self._ensure_not_erased()
        if role.value in self.roles:
            return False
        self.roles.add(role.value)
        self.record(
            events.RolesChanged(
                account_id=self.id, roles=frozenset(self.roles), changed_by=by, changed_at=now
            )
        )
        return True

    def revoke(self, role: Role, *, by: UUID | None, now: datetime) -> bool:
        self._ensure_not_erased()
        if role == Role.MEMBER:
            raise CannotRevokeMember("Every account keeps the member role.")
        if role.value not in self.roles:
            return False
        self.roles.discard(role.value)
        self.record(
            events.RolesChanged(
                account_id=self.id, roles=frozenset(self.roles), changed_by=by, changed_at=now
            )
        )
        return True
