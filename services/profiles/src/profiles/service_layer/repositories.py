"""What profiles' core use cases need from storage: protocols of the unit of work's repositories
for accounts, sign-up links and notices, people, the directory, connections, organisations and
the consent ledger.

The service layer depends on these, not on SQL: ``adapters/`` implements them over PostgreSQL,
the tests' fakes in memory (``tests/profiles_fakes.py``; ``make lint`` type-checks them against
these). The sign-in, second-factor, OIDC, photo, conversation and privacy-saga stores are still
typed by their SQL repositories (no fakes yet, issue #33).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from profiles.domain.account import Account
from profiles.domain.connection import Connection, ConnectionStatus
from profiles.domain.consent import ConsentEntry, ConsentLedger, Recipient
from profiles.domain.directory import DirectoryEntry, PeopleSearch
from profiles.domain.organisation import Organisation
from profiles.domain.profile import PersonProfile


class Accounts(Protocol):
    async def add(self, account: Account) -> None:
        """Raises ``EmailTaken`` when the address already has an account."""
        ...

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None: ...

    async def get_by_email(self, email: str, *, for_update: bool = False) -> Account | None: ...

    async def save(self, account: Account) -> None: ...

    async def claim_unverified_created_before(self, cutoff: datetime, *, limit: int) -> list[UUID]:
        """Never-verified accounts created before ``cutoff``, oldest first (locked)."""
        ...

    async def delete_with_their_rows(self, ids: Sequence[UUID]) -> None: ...


class OneTimeTokens(Protocol):
    """Single-use links (email verification, password reset); only digests are stored."""

    async def add(
        self, secret: str, *, purpose: str, account_id: UUID, now: datetime, expires_at: datetime
    ) -> None: ...

    async def claim(self, secret: str, purpose: str) -> tuple[UUID, datetime, bool] | None:
        """``(account_id, expires_at, already_used)`` or None if unknown."""
        ...

    async def use_all(self, account_id: UUID, purpose: str, at: datetime) -> None: ...

    async def count_since(self, account_id: UUID, purpose: str, since: datetime) -> int: ...


class AccountNotices(Protocol):
    """Emails sent to an account's owner that are throttled (per kind, per hour)."""

    async def add(
        self, account_id: UUID, kind: str, at: datetime, *, keep_since: datetime
    ) -> None: ...

    async def count_since(self, account_id: UUID, kind: str, since: datetime) -> int: ...


class People(Protocol):
    async def get(self, person_id: UUID, *, for_update: bool = False) -> PersonProfile | None: ...

    async def add(self, profile: PersonProfile) -> None: ...

    async def save(self, profile: PersonProfile) -> None: ...


class Directory(Protocol):
    async def upsert(self, entry: DirectoryEntry) -> None: ...

    async def remove(self, person_id: UUID) -> None: ...

    async def search(
        self, s: PeopleSearch
    ) -> tuple[list[dict[str, Any]], dict[str, Any], bool | None]:
        """A page of people, the facet counts, and whether more pages follow."""
        ...


class Connections(Protocol):
    async def get(self, connection_id: UUID, *, for_update: bool = False) -> Connection | None: ...

    async def between(self, a: UUID, b: UUID, *, for_update: bool = False) -> Connection | None: ...

    async def add(self, c: Connection) -> None: ...

    async def save(self, c: Connection) -> None: ...

    async def of(self, person: UUID, status: ConnectionStatus | None) -> list[Connection]: ...

    async def are_connected(self, a: UUID, b: UUID) -> bool: ...

    async def block(self, blocker: UUID, blocked: UUID, at: datetime) -> None: ...

    async def unblock(self, blocker: UUID, blocked: UUID) -> bool: ...

    async def blocked_by(self, blocker: UUID) -> list[tuple[UUID, datetime]]: ...

    async def is_blocked_between(self, a: UUID, b: UUID) -> bool: ...


class Organisations(Protocol):
    async def get(self, org_id: UUID, *, for_update: bool = False) -> Organisation | None: ...

    async def add(self, org: Organisation) -> None: ...

    async def save(self, org: Organisation) -> None: ...

    async def administered_by(self, account_id: UUID) -> set[UUID]: ...

    async def of_member(self, person_id: UUID) -> list[dict[str, Any]]:
        """The person's organisations with their role in each, by name."""
        ...

    async def search(
        self,
        q: str | None,
        kinds: list[str],
        countries: list[str],
        verified: bool | None,
        limit: int,
        after: tuple[str, UUID] | None,
    ) -> list[dict[str, Any]]: ...


class Consents(Protocol):
    """The consent ledger: entries per (person, purpose, recipient), oldest first."""

    async def ledger(
        self, person_id: UUID, purpose: str, recipient: Recipient, *, for_update: bool = False
    ) -> ConsentLedger: ...

    async def add(self, entry: ConsentEntry) -> None: ...

    async def history(self, person_id: UUID) -> list[ConsentEntry]: ...

    async def directory_listed(self, person_id: UUID) -> bool: ...

    async def granted_to(
        self, person_id: UUID, purpose: str, recipients: list[Recipient]
    ) -> set[Recipient]: ...
