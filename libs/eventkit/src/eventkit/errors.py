"""Telling infrastructure hiccups from real failures.

A lost database connection or an unreachable broker is *transient*: retrying later succeeds,
so such errors must never dead-letter an event nor be reported as a bug (HTTP 500); they are
retried (consumers) or answered with 503 + Retry-After (HTTP).
"""

from __future__ import annotations

import socket

import httpx
from aiokafka.errors import KafkaConnectionError, KafkaTimeoutError, NotLeaderForPartitionError
from asyncpg.exceptions import TargetServerAttributeNotMatched
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

_ALWAYS_TRANSIENT: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    PoolTimeoutError,
    ConnectionError,
    TimeoutError,
    KafkaConnectionError,
    KafkaTimeoutError,
    NotLeaderForPartitionError,
    # another service over HTTP (subject keys, signing keys): unreachable, slow, or gone
    # mid-answer, as when it is restarted; none of these carry an OS error to recognise
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
    # no server of a multi-host DATABASE_URL is a primary (target_session_attrs=read-write)
    # yet: the primary died and its standby is being promoted
    TargetServerAttributeNotMatched,
)


#: PostgreSQL's own "try again" answers (SQLSTATE): a broken connection (class 08), a server
#: shutting down, crashed or still starting after a restart (57P01-57P03: "the database system
#: is not yet accepting connections" while it recovers), no connection slot left (53300), and
#: a transaction that lost a deadlock or a serialisation race (40P01, 40001)
_TRANSIENT_SQLSTATE_CLASSES = frozenset({"08"})
_TRANSIENT_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300", "40P01", "40001"})


def _transient_sqlstate(exc: BaseException | None) -> bool:
    state = getattr(exc, "sqlstate", None)
    return isinstance(state, str) and (
        state[:2] in _TRANSIENT_SQLSTATE_CLASSES or state in _TRANSIENT_SQLSTATES
    )


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, _ALWAYS_TRANSIENT) or _transient_sqlstate(exc):
        return True
    if isinstance(exc, DBAPIError) and (
        exc.connection_invalidated or _transient_sqlstate(exc.orig)
    ):
        return True
    if isinstance(exc, socket.gaierror):  # name resolution: DNS hiccup
        return True
    cause = exc.__cause__ or exc.__context__
    return cause is not None and cause is not exc and is_transient(cause)


def is_invalid_data(exc: BaseException) -> bool:
    """PostgreSQL refused a *value* the client sent (SQLSTATE class 22, e.g. a NUL character
    in text, or asyncpg's 'value out of int32 range' for a parameter): bad input, not a bug."""
    from asyncpg.exceptions import DataError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, DataError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


#: a unique or exclusion constraint refused a write: two requests raced for the same thing
_CONFLICT_SQLSTATES = frozenset({"23505", "23P01"})


def is_conflict(exc: BaseException) -> bool:
    """A write lost a race on a unique (or exclusion) constraint: the client may retry."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if getattr(current, "sqlstate", None) in _CONFLICT_SQLSTATES:
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
