"""The garbage collector's setting for a long-running service process.

CPython's cyclic collector passes over its youngest generation every 700 net allocations of
container objects, and over everything, imported modules included, every hundredth pass. A
service process allocates in bursts: a consumer batch of 500 records kept alive while the
next one is fetched (FastStream holds the message it handled last), an HTTP request's models
and ORM objects. So full passes come often, and each traverses the whole heap of modules,
app and schema objects built at start-up, which never become garbage: with FastStream's
batch subscriber the collector was about a fifth of the consumer's CPU time
(docs/benchmarks/messaging.md).

After start-up the process freezes what it has allocated so far (``gc.freeze``): passes no
longer traverse it. The collector's cadence stays the interpreter's: letting the young
generation grow to 50,000 allocations as well made the collector's cost vanish from the
consumer, but the workers' memory then started about 9 MB higher and kept growing through
the ten-minute soak (docs/benchmarks/soak.md), so it is not done.
"""

from __future__ import annotations

import gc


def settle_after_startup() -> None:
    """Call once the process has imported and built everything it needs to serve."""
    gc.collect()
    gc.freeze()
