"""In-memory repositories and unit of work for profiles' core use cases (accounts, people,
the directory, connections, organisations, the consent ledger).

Each fake implements its protocol of ``profiles.service_layer.repositories`` (``make lint``
type-checks this module against them) over tables of a ``devstack.fakes.FakeSession``. As the
SQL repositories do, a fake keeps *rows*: what it stores and hands out are copies, so a use
case that changes an aggregate and forgets to ``save`` it changes nothing, as against
PostgreSQL. The unique indexes a use case relies on are kept too (one account per address,
one connection per pair). The real-database tests keep the SQL honest; the searches (full-text
ranking in PostgreSQL) are tested there only, and their fakes say so when called.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.events import privacy
from devstack.fakes import FakeDatabase, FakeSession, FakeUnitOfWork, row
from profiles.adapters.identity_store import digest
from profiles.adapters.integration_events import to_integration_events
from profiles.domain.account import Account, AccountStatus, EmailTaken
from profiles.domain.connection import Connection, ConnectionStatus
from profiles.domain.consent import ConsentAction, ConsentEntry, ConsentLedger, Recipient
from profiles.domain.directory import DirectoryEntry, PeopleSearch
from profiles.domain.organisation import MemberRole, Organisation
from profiles.domain.profile import PersonProfile
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

SEARCHED_IN_POSTGRES = (
    "full-text search is PostgreSQL's: tested against it (tests/api), not with the fakes"
)


class FakeAccounts:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Account] = session.table("accounts")

    async def add(self, account: Account) -> None:
        if await self.get_by_email(account.email) is not None:
            raise EmailTaken()
        self.rows[account.id] = row(account)

    async def get(self, account_id: UUID, *, for_update: bool = False) -> Account | None:
        return copy.deepcopy(self.rows.get(account_id))

    async def get_by_email(self, email: str, *, for_update: bool = False) -> Account | None:
        found = [a for a in self.rows.values() if a.email == email]
        return copy.deepcopy(found[0]) if found else None

    async def save(self, account: Account) -> None:
        self.rows[account.id] = row(account)

    async def claim_unverified_created_before(self, cutoff: datetime, *, limit: int) -> list[UUID]:
        old = [
            a
            for a in self.rows.values()
            if a.status == AccountStatus.UNVERIFIED and a.created_at < cutoff
        ]
        return [a.id for a in sorted(old, key=lambda a: a.created_at)[:limit]]

    async def delete_with_their_rows(self, ids: Sequence[UUID]) -> None:
        for account_id in ids:
            self.rows.pop(account_id, None)


class FakeOneTimeTokens:
    """Rows keyed by the secret's digest, as the table is (the secret is never kept)."""

    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[str, dict[str, Any]] = session.table("one_time_tokens")

    async def add(
        self, secret: str, *, purpose: str, account_id: UUID, now: datetime, expires_at: datetime
    ) -> None:
        self.rows[digest(secret)] = {
            "purpose": purpose,
            "account_id": account_id,
            "created_at": now,
            "expires_at": expires_at,
            "used_at": None,
        }

    async def claim(self, secret: str, purpose: str) -> tuple[UUID, datetime, bool] | None:
        found = self.rows.get(digest(secret))
        if found is None or found["purpose"] != purpose:
            return None
        return found["account_id"], found["expires_at"], found["used_at"] is not None

    async def use_all(self, account_id: UUID, purpose: str, at: datetime) -> None:
        for token in self.rows.values():
            if (token["account_id"], token["purpose"], token["used_at"]) == (
                account_id,
                purpose,
                None,
            ):
                token["used_at"] = at

    async def count_since(self, account_id: UUID, purpose: str, since: datetime) -> int:
        return sum(
            1
            for t in self.rows.values()
            if t["account_id"] == account_id and t["purpose"] == purpose and t["created_at"] > since
        )


class FakeAccountNotices:
    def __init__(self, session: FakeSession) -> None:
        self.rows: list[tuple[UUID, str, datetime]] = session.table("account_notices", list)

    async def add(self, account_id: UUID, kind: str, at: datetime, *, keep_since: datetime) -> None:
        self.rows[:] = [n for n in self.rows if n[0] != account_id or n[2] >= keep_since]
        self.rows.append((account_id, kind, at))

    async def count_since(self, account_id: UUID, kind: str, since: datetime) -> int:
        return sum(1 for n in self.rows if n[:2] == (account_id, kind) and n[2] >= since)


class FakePeople:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, PersonProfile] = session.table("person_profiles")

    async def get(self, person_id: UUID, *, for_update: bool = False) -> PersonProfile | None:
        return copy.deepcopy(self.rows.get(person_id))

    async def add(self, profile: PersonProfile) -> None:
        self.rows[profile.person_id] = row(profile)

    async def save(self, profile: PersonProfile) -> None:
        self.rows[profile.person_id] = row(profile)


class FakeDirectory:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, DirectoryEntry] = session.table("directory_people")

    async def upsert(self, entry: DirectoryEntry) -> None:
        self.rows[entry.person_id] = row(entry)

    async def remove(self, person_id: UUID) -> None:
        self.rows.pop(person_id, None)

    async def search(
        self, s: PeopleSearch
    ) -> tuple[list[dict[str, Any]], dict[str, Any], bool | None]:
        raise NotImplementedError(SEARCHED_IN_POSTGRES)


class FakeConnections:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Connection] = session.table("connections")
        self.blocks: dict[tuple[UUID, UUID], datetime] = session.table("blocks")

    async def get(self, connection_id: UUID, *, for_update: bool = False) -> Connection | None:
        return copy.deepcopy(self.rows.get(connection_id))

    async def between(self, a: UUID, b: UUID, *, for_update: bool = False) -> Connection | None:
        found = [c for c in self.rows.values() if {c.requester_id, c.addressee_id} == {a, b}]
        return copy.deepcopy(found[0]) if found else None

    async def add(self, c: Connection) -> None:
        if await self.between(c.requester_id, c.addressee_id) is not None:
            raise AssertionError("one connection row per pair (the unique index)")
        self.rows[c.id] = row(c)

    async def save(self, c: Connection) -> None:
        self.rows[c.id] = row(c)

    async def of(self, person: UUID, status: ConnectionStatus | None) -> list[Connection]:
        mine = [
            c
            for c in self.rows.values()
            if c.involves(person) and (status is None or c.status == status)
        ]
        return [copy.deepcopy(c) for c in sorted(mine, key=lambda c: c.requested_at)]

    async def are_connected(self, a: UUID, b: UUID) -> bool:
        found = await self.between(a, b)
        return found is not None and found.status == ConnectionStatus.ACCEPTED

    async def block(self, blocker: UUID, blocked: UUID, at: datetime) -> None:
        self.blocks.setdefault((blocker, blocked), at)

    async def unblock(self, blocker: UUID, blocked: UUID) -> bool:
        return self.blocks.pop((blocker, blocked), None) is not None

    async def blocked_by(self, blocker: UUID) -> list[tuple[UUID, datetime]]:
        return sorted(((b, at) for (a, b), at in self.blocks.items() if a == blocker), key=str)

    async def is_blocked_between(self, a: UUID, b: UUID) -> bool:
        return (a, b) in self.blocks or (b, a) in self.blocks


class FakeOrganisations:
    def __init__(self, session: FakeSession) -> None:
        self.rows: dict[UUID, Organisation] = session.table("organisations")

    async def get(self, org_id: UUID, *, for_update: bool = False) -> Organisation | None:
        return copy.deepcopy(self.rows.get(org_id))

    async def add(self, org: Organisation) -> None:
        self.rows[org.id] = row(org)

    async def save(self, org: Organisation) -> None:
        self.rows[org.id] = row(org)

    async def administered_by(self, account_id: UUID) -> set[UUID]:
        return {o.id for o in self.rows.values() if o.members.get(account_id) == MemberRole.ADMIN}

    async def of_member(self, person_id: UUID) -> list[dict[str, Any]]:
        mine = sorted(
            (o for o in self.rows.values() if person_id in o.members),
            key=lambda o: (o.details.name.casefold(), o.id),
        )
        return [
            {
                "id": o.id,
                "name": o.details.name,
                "kind": o.details.kind.value,
                "country": o.details.country,
                "verified_at": o.verified_at,
                "role": o.members[person_id].value,
            }
            for o in mine
        ]

    async def search(
        self,
        q: str | None,
        kinds: list[str],
        countries: list[str],
        verified: bool | None,
        limit: int,
        after: tuple[str, UUID] | None,
    ) -> list[dict[str, Any]]:
        raise NotImplementedError(SEARCHED_IN_POSTGRES)


class FakeConsents:
    def __init__(self, session: FakeSession) -> None:
        self.rows: list[ConsentEntry] = session.table("consents", list)

    async def ledger(
        self, person_id: UUID, purpose: str, recipient: Recipient, *, for_update: bool = False
    ) -> ConsentLedger:
        entries = [
            copy.deepcopy(e)
            for e in self.rows
            if (e.person_id, e.purpose, e.recipient) == (person_id, purpose, recipient)
        ]
        return ConsentLedger(person_id, purpose, recipient, entries)

    async def add(self, entry: ConsentEntry) -> None:
        self.rows.append(copy.deepcopy(entry))

    async def history(self, person_id: UUID) -> list[ConsentEntry]:
        return [copy.deepcopy(e) for e in self.rows if e.person_id == person_id]

    async def directory_listed(self, person_id: UUID) -> bool:
        ledger = await self.ledger(
            person_id, privacy.DIRECTORY_LISTING, Recipient(privacy.RECIPIENT_PLATFORM)
        )
        return ledger.granted

    async def granted_to(
        self, person_id: UUID, purpose: str, recipients: list[Recipient]
    ) -> set[Recipient]:
        latest = {
            e.recipient: e.action
            for e in self.rows
            if e.person_id == person_id and e.purpose == purpose and e.recipient in recipients
        }
        return {r for r, action in latest.items() if action == ConsentAction.GIVEN}


class FakeProfilesUnitOfWork(FakeUnitOfWork, ProfilesUnitOfWork):
    """``ProfilesUnitOfWork`` in memory for the core: accounts, sign-up links and notices,
    people, the directory, connections, organisations and consents; the real event mapper.
    The other stores (sign-in, second factor, OIDC, photos, conversations, the privacy saga)
    have no fakes yet: a use case that needs one fails on the missing attribute."""

    def __init__(self, database: FakeDatabase | None = None) -> None:
        super().__init__(to_integration_events, database)

    def init_repositories(self, session: Any) -> None:  # a FakeSession
        self.accounts = FakeAccounts(session)
        self.one_time_tokens = FakeOneTimeTokens(session)
        self.account_notices = FakeAccountNotices(session)
        self.people = FakePeople(session)
        self.directory = FakeDirectory(session)
        self.connections = FakeConnections(session)
        self.organisations = FakeOrganisations(session)
        self.consents = FakeConsents(session)
