"""Byte relaying between two TCP connections, shared by the devstack's relays
(``devstack.netcut`` cuts the network, ``devstack.pgwire`` records the Postgres protocol)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable


async def pipe(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    *,
    dropped: Callable[[], Awaitable[bool]] | None = None,
) -> None:
    """Copy ``reader`` to ``writer`` until EOF, then half-close ``writer``. ``dropped``, if
    given, is asked before each chunk goes on: True drops it and ends the pipe."""
    while data := await reader.read(65536):
        if dropped is not None and await dropped():
            return
        writer.write(data)
        await writer.drain()
    with contextlib.suppress(OSError):
        writer.write_eof()


async def splice(
    pipes: Iterable[asyncio.Task[None]], writers: Iterable[asyncio.StreamWriter]
) -> None:
    """Wait for both directions of a relayed connection, then close both ends.

    An end that closes cleanly is half-closed on the other side (``pipe``'s EOF) and the
    other direction goes on. One that fails (a SIGKILLed process with unread bytes resets its
    sockets) ends the whole connection at once: the other side would otherwise wait forever,
    e.g. a Postgres backend idle in the dead client's transaction, holding its row locks."""
    pipes = list(pipes)
    try:
        await asyncio.wait(pipes, return_when=asyncio.FIRST_EXCEPTION)
    finally:  # cancelled too: a relay that stops closes what it relayed
        for writer in writers:
            writer.transport.abort()
    await asyncio.gather(*pipes, return_exceptions=True)
