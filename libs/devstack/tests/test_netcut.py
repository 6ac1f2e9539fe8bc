"""The chaos suite's network-cut relay is a faithful pipe outside a cut: a clean close is
passed on as a half-close, a reset (what a SIGKILLed process's sockets often send) ends the
connection on the other side too. It once left the other side open: Postgres kept the dead
worker's transaction, and its row locks, for as long as the relay ran."""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from devstack.netcut import NetworkCut
from devstack.waiting import free_port

GREETING = b"hello from upstream"


class Upstream:
    """A server that greets each connection and notes when the connection ends."""

    def __init__(self) -> None:
        self.ended = asyncio.Event()
        self.received = b""

    async def ends_within(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self.ended.wait(), seconds)
        except TimeoutError:
            return False
        return True

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(GREETING)
        await writer.drain()
        try:
            while data := await reader.read(1024):
                self.received += data
            writer.write(b"bye")  # the client only half-closed: it can still hear this
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            self.ended.set()
            writer.close()


@asynccontextmanager
async def relayed() -> AsyncIterator[tuple[Upstream, int]]:
    upstream, target, listen = Upstream(), free_port(), free_port()
    server = await asyncio.start_server(upstream.serve, "127.0.0.1", target)
    relay = await NetworkCut().serve(listen, target)
    try:
        yield upstream, listen
    finally:
        relay.close()
        server.close()
        # a relay that failed the test leaves pipes waiting: end them here. Left to the
        # garbage collector, they made pytest's report crash on Python 3.11.7 ("AST
        # constructor recursion depth mismatch" parsing this file) instead of showing
        # the failed assertion
        leftovers = asyncio.all_tasks() - {asyncio.current_task()}
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)


async def test_a_reset_client_ends_the_upstream_connection() -> None:
    async with relayed() as (upstream, port):
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"BEGIN; SELECT ... FOR UPDATE")
        await writer.drain()
        await asyncio.sleep(0.3)  # the greeting now waits, unread, in the client's socket
        sock = writer.get_extra_info("socket")
        # linger 0: close sends a reset, as the kernel does for a killed process that
        # leaves bytes unread
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
        assert await upstream.ends_within(5), "the relay kept the upstream connection open"
        assert upstream.received == b"BEGIN; SELECT ... FOR UPDATE"


async def test_a_clean_close_is_passed_on_as_a_half_close() -> None:
    async with relayed() as (upstream, port):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert await reader.readexactly(len(GREETING)) == GREETING
        writer.write(b"last words")
        writer.write_eof()
        assert await asyncio.wait_for(reader.read(), 5) == b"bye"
        assert await upstream.ends_within(5), "the relay kept the upstream connection open"
        assert upstream.received == b"last words"
        writer.close()
