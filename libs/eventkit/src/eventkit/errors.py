"""Telling infrastructure hiccups from real failures.

A lost database connection or an unreachable broker is *transient*: retrying later succeeds,
so such errors must never dead-letter an event nor be reported as a bug (HTTP 500); they are
retried (consumers) or answered with 503 + Retry-After (HTTP).
"""

from __future__ import annotations

import socket

from aiokafka.errors import KafkaConnectionError, KafkaTimeoutError, NotLeaderForPartitionError
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
)


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, _ALWAYS_TRANSIENT):
        return True
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated)
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
