"""Named fault points for crash testing (``EVENTKIT_FAULTS=relay.after_publish,...``).

The reliability suites kill processes at exactly the worst moments (after publishing but
before marking, after a consumer's DB commit but before its offset commit). With the
variable unset, a fault point is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

_ACTIVE = frozenset(filter(None, os.environ.get("EVENTKIT_FAULTS", "").split(",")))


def fault_point(name: str) -> None:
    if name in _ACTIVE:
        os.kill(os.getpid(), signal.SIGKILL)
