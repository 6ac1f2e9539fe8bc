"""Named fault points for crash testing (``EVENTKIT_FAULTS=relay.after_publish,...``) and
wedge points for liveness testing (``EVENTKIT_WEDGES=relay.before_publish,...``).

The reliability suites kill processes at exactly the worst moments (after publishing but
before marking, after a consumer's DB commit but before its offset commit). With the
variable unset, a fault point is one dictionary lookup.
"""

from __future__ import annotations

import asyncio
import os
import signal

_ACTIVE = frozenset(filter(None, os.environ.get("EVENTKIT_FAULTS", "").split(",")))
_WEDGES = frozenset(filter(None, os.environ.get("EVENTKIT_WEDGES", "").split(",")))


def fault_point(name: str) -> None:
    if name in _ACTIVE:
        os.kill(os.getpid(), signal.SIGKILL)


async def wedge_point(name: str) -> None:
    """Never return, the event loop still running: a process stuck on an await that never
    completes (what a liveness probe must catch, since the process itself looks alive)."""
    if name in _WEDGES:
        await asyncio.Event().wait()
