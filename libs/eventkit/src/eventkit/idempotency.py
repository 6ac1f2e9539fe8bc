"""``Idempotency-Key``: a creating request retried with the same key creates nothing twice.

The key is remembered IN the transaction of the work it guards: the request sets a claim
(``claiming``), and the first unit of work that commits during the request inserts the key's
row before its own commit. So a crash can never leave work done without its key, or a key
without its work; a twin request racing with the same key fails that insert, its transaction
rolls back (``DuplicateRequest``) and it answers what the first one answered.

Once the work is done its answer (status, JSON body, headers) is stored on the row, and a
retry with the same key and the same body gets it again. The same key with another body is
refused. Keys are per account and expire after ``IDEMPOTENCY_TTL_S`` (a day); the worker's
``purge_expired`` job deletes them.
"""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Delete

from eventkit.db import table_once

#: the principal the keys of callers who are not signed in (registration) are kept under
ANONYMOUS = uuid.UUID(int=0)


def idempotency_keys_table(metadata: MetaData) -> Table:
    """The table in the service's schema (created once per metadata, like the outbox)."""
    return table_once(
        metadata,
        "idempotency_keys",
        lambda m: Table(
            "idempotency_keys",
            m,
            Column("principal_id", UUID(as_uuid=True), primary_key=True),
            Column("key", String(200), primary_key=True),
            #: sha256 of method, path and body: the same key with another request is refused
            Column("fingerprint", String(64), nullable=False),
            Column("created_at", DateTime(timezone=True), nullable=False),
            Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
            #: the first answer, once the work is done (null while it runs)
            Column("status", Integer),
            Column("response", JSONB),
        ),
    )


class DuplicateRequest(Exception):
    """A twin request with the same key committed first: this one's work was rolled back."""


@dataclass(frozen=True)
class Claim:
    table: Table
    principal_id: uuid.UUID
    key: str
    fingerprint: str
    now: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Remembered:
    fingerprint: str
    status: int | None
    response: dict[str, Any] | None


_pending: contextvars.ContextVar[Claim | None] = contextvars.ContextVar(
    "idempotency_claim", default=None
)


def claiming(claim: Claim | None) -> contextvars.Token[Claim | None]:
    """Make the next unit of work committed in this context remember ``claim``."""
    return _pending.set(claim)


def stop_claiming(token: contextvars.Token[Claim | None]) -> None:
    _pending.reset(token)


async def remember_pending(session: AsyncSession) -> None:
    """Called by ``UnitOfWork.commit`` before it commits: write the request's key, if one is
    pending, in this transaction (once). Raises ``DuplicateRequest`` when a live row for the
    key exists (a twin committed first); an expired one is taken over."""
    claim = _pending.get()
    if claim is None:
        return
    _pending.set(None)
    t = claim.table
    statement = (
        insert(t)
        .values(
            principal_id=claim.principal_id,
            key=claim.key,
            fingerprint=claim.fingerprint,
            created_at=claim.now,
            expires_at=claim.expires_at,
        )
        .on_conflict_do_update(
            index_elements=[t.c.principal_id, t.c.key],
            set_={
                "fingerprint": claim.fingerprint,
                "created_at": claim.now,
                "expires_at": claim.expires_at,
                "status": None,
                "response": None,
            },
            where=t.c.expires_at <= claim.now,
        )
        .returning(t.c.key)
    )
    if (await session.execute(statement)).first() is None:
        raise DuplicateRequest(claim.key)


async def recall(
    session: AsyncSession, table: Table, principal_id: uuid.UUID, key: str, now: datetime
) -> Remembered | None:
    row = (
        await session.execute(
            select(table.c.fingerprint, table.c.status, table.c.response).where(
                table.c.principal_id == principal_id,
                table.c.key == key,
                table.c.expires_at > now,
            )
        )
    ).first()
    return None if row is None else Remembered(row.fingerprint, row.status, row.response)


async def store_answer(
    session: AsyncSession, claim: Claim, status: int, response: dict[str, Any]
) -> None:
    """Keep the work's answer on the key's row (and write the row if the work committed
    outside a unit of work, so retries still find it)."""
    t = claim.table
    done = await session.execute(
        update(t)
        .where(t.c.principal_id == claim.principal_id, t.c.key == claim.key)
        .values(status=status, response=response)
        .returning(t.c.key)
    )
    if done.first() is None:
        await session.execute(
            insert(t)
            .values(
                principal_id=claim.principal_id,
                key=claim.key,
                fingerprint=claim.fingerprint,
                created_at=claim.now,
                expires_at=claim.expires_at,
                status=status,
                response=response,
            )
            .on_conflict_do_nothing()
        )


async def purge_expired(session: AsyncSession, table: Table, now: datetime) -> int:
    result = await session.execute(delete(table).where(table.c.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def forgetting(table: Table, principal_id: uuid.UUID) -> Delete:
    """The deletion of an erased account's keys and the answers kept with them (they may
    hold its data), and of the anonymous keys whose answer names it (its registration's:
    their fingerprint hashes its address and name)."""
    names_it = table.c.response.cast(Text).contains(str(principal_id))
    return delete(table).where(
        or_(
            table.c.principal_id == principal_id,
            and_(table.c.principal_id == ANONYMOUS, names_it),
        )
    )


async def forget(session: AsyncSession, table: Table, principal_id: uuid.UUID) -> int:
    result = await session.execute(forgetting(table, principal_id))
    return int(getattr(result, "rowcount", 0) or 0)
