"""A TCP relay that can cut one process off the network, for fault injection.

The machine has no iptables and the chaos suite must not need root, so the process under test
reaches Kafka and Postgres through this relay instead (Kafka advertises the relay's port on a
listener of its own, so every broker connection goes through it too). Signals drive it:

* ``SIGUSR1`` cuts: bytes stop flowing both ways and new connections are accepted but never
  answered, as in a network partition (peers see silence and time out, not a reset).
* ``SIGUSR2`` heals: the connections that lived through the cut are closed (their streams
  lost bytes, so they can never be resumed) and new ones flow again.

Outside a cut it is a faithful pipe: an end that closes is half-closed on the other side, an
end that is reset (a killed process) resets the other side too.

``python -m devstack.netcut --route LISTEN_PORT:TARGET_PORT [--route ...]`` (loopback only).
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from devstack.relaying import pipe, splice


class NetworkCut:
    def __init__(self) -> None:
        self.cut = asyncio.Event()
        self.healed = asyncio.Event()
        self.healed.set()
        self.connections: set[asyncio.StreamWriter] = set()

    def cut_off(self) -> None:
        self.healed.clear()
        self.cut.set()

    def heal(self) -> None:
        for writer in list(self.connections):
            writer.transport.abort()
        self.connections.clear()
        self.cut.clear()
        self.healed.set()

    async def serve(self, listen_port: int, target_port: int) -> asyncio.Server:
        async def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections.add(writer)
            await self.healed.wait()  # during a cut: accepted, then silence
            if writer.is_closing():  # accepted during the cut: heal() closed it
                return
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target_port)
            except OSError:
                writer.transport.abort()
                return
            self.connections.add(up_writer)
            pipes = [
                asyncio.create_task(pipe(reader, up_writer, dropped=self._dropped)),
                asyncio.create_task(pipe(up_reader, writer, dropped=self._dropped)),
            ]
            await splice(pipes, (writer, up_writer))
            self.connections.difference_update((writer, up_writer))

        return await asyncio.start_server(accepted, "127.0.0.1", listen_port)

    async def _dropped(self) -> bool:
        """During a cut, bytes are dropped and the pipe waits for heal(), which aborts its
        connection."""
        if not self.cut.is_set():
            return False
        await self.healed.wait()
        return True


async def _main(routes: list[tuple[int, int]]) -> None:
    net = NetworkCut()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, net.cut_off)
    loop.add_signal_handler(signal.SIGUSR2, net.heal)
    servers = [await net.serve(listen, target) for listen, target in routes]
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("netcut ready: " + ", ".join(f"{a}->{b}" for a, b in routes), flush=True)
    await stop.wait()
    for server in servers:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m devstack.netcut", description=__doc__)
    parser.add_argument("--route", action="append", required=True, help="LISTEN_PORT:TARGET_PORT")
    args = parser.parse_args()
    routes = [tuple(int(p) for p in r.split(":", 1)) for r in args.route]
    asyncio.run(_main([(a, b) for a, b in routes]))


if __name__ == "__main__":
    main()
