"""A relay in front of PostgreSQL that records what its clients send, for tests of round trips.

A statement counter inside SQLAlchemy (an event listener) cannot prove that a code path sends
no BEGIN or ROLLBACK: the asyncpg dialect sends those itself, past SQLAlchemy's events. This
relay reads the client side of the wire protocol instead, so it sees every message: simple
queries (``Q``: BEGIN, COMMIT, ROLLBACK, ...), extended-protocol executions (``Parse`` the SQL
of a named statement, ``Execute`` it) and the ``Sync`` messages a client waits on, i.e. its
round trips. Connect to ``recorder.database_url``; ``clear()`` between phases.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from devstack.relaying import pipe, splice

_SSL_REQUEST = 80877103
_GSSENC_REQUEST = 80877104


@dataclass
class _Connection:
    #: statement name -> its SQL, from the Parse messages (asyncpg names its prepared statements)
    prepared: dict[bytes, str] = field(default_factory=dict)
    #: portal name -> its statement's SQL, from the Bind messages
    portals: dict[bytes, str] = field(default_factory=dict)


class PgWireRecorder:
    """Relays loopback connections to the Postgres of ``database_url`` and records, over all
    of them:

    * ``statements``: the SQL of each statement run, in order: every simple query and every
      ``Execute`` of a prepared one (preparing alone is not running);
    * ``round_trips``: how many times a client waited for the server to be ready again (one per
      simple query or ``Sync``);
    * ``encrypted``: whether a connection turned to TLS, which this relay cannot read (a test
      that finds it set has recorded nothing of that connection)."""

    def __init__(self, database_url: str) -> None:
        self._target = urlsplit(database_url)
        #: ``database_url`` through this relay (the same database, user and options)
        self.database_url = ""
        self.statements: list[str] = []
        self.round_trips = 0
        self.encrypted = False
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[object]] = set()

    def commands(self) -> list[str]:
        """Each statement's first word: ``["BEGIN", "SELECT", "ROLLBACK"]``."""
        return [
            s.split(maxsplit=1)[0].rstrip(";").upper() if s.split() else "" for s in self.statements
        ]

    def clear(self) -> None:
        self.statements.clear()
        self.round_trips = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accepted, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        userinfo = self._target.netloc.rpartition("@")[0]
        relay = f"{userinfo}@127.0.0.1:{self.port}" if userinfo else f"127.0.0.1:{self.port}"
        self.database_url = urlunsplit(self._target._replace(netloc=relay))

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accepted(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(
            self._target.hostname or "127.0.0.1", self._target.port or 5432
        )
        pipes = (
            asyncio.create_task(self._client_to_server(reader, up_writer)),
            asyncio.create_task(pipe(up_reader, writer)),
        )
        self._tasks.update(pipes)
        try:
            await splice(pipes, (writer, up_writer))
        finally:
            self._tasks.difference_update(pipes)

    async def _client_to_server(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        """Forward the client's messages one by one, recording each before the server gets it
        (so a client that saw an answer finds its statement recorded)."""
        try:
            # startup: length-prefixed messages without a type byte, until the StartupMessage
            while True:
                head = await reader.readexactly(8)
                if head[0] == 0x16:  # TLS after an accepted SSLRequest: relayed unread
                    self.encrypted = True
                    writer.write(head)
                    await pipe(reader, writer)
                    return
                length, code = struct.unpack("!ii", head)
                writer.write(head + await reader.readexactly(length - 8))
                await writer.drain()
                if code not in (_SSL_REQUEST, _GSSENC_REQUEST):
                    break
            connection = _Connection()
            while True:
                head = await reader.readexactly(5)
                kind, length = head[:1], struct.unpack("!i", head[1:])[0]
                body = await reader.readexactly(length - 4)
                self._record(connection, kind, body)
                writer.write(head + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            with contextlib.suppress(OSError):
                writer.write_eof()

    def _record(self, connection: _Connection, kind: bytes, body: bytes) -> None:
        if kind == b"Q":
            self.statements.append(_cstring(body, 0)[0])
            self.round_trips += 1
        elif kind == b"P":
            name, at = _cstring_bytes(body, 0)
            connection.prepared[name] = _cstring(body, at)[0]
        elif kind == b"B":
            portal, at = _cstring_bytes(body, 0)
            statement, _ = _cstring_bytes(body, at)
            connection.portals[portal] = connection.prepared.get(statement, "?")
        elif kind == b"E":
            portal, _ = _cstring_bytes(body, 0)
            self.statements.append(connection.portals.get(portal, "?"))
        elif kind == b"S":
            self.round_trips += 1


def _cstring_bytes(data: bytes, at: int) -> tuple[bytes, int]:
    end = data.index(b"\x00", at)
    return data[at:end], end + 1


def _cstring(data: bytes, at: int) -> tuple[str, int]:
    raw, after = _cstring_bytes(data, at)
    return raw.decode("utf-8", "replace"), after


@contextlib.asynccontextmanager
async def recording(database_url: str) -> AsyncIterator[PgWireRecorder]:
    """A started ``PgWireRecorder`` in front of the Postgres of ``database_url``."""
    recorder = PgWireRecorder(database_url)
    await recorder.start()
    try:
        yield recorder
    finally:
        await recorder.close()
