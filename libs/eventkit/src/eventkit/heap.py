"""The garbage collector's settings for a long-running service process.

CPython's cyclic collector runs a young-generation pass every 700 net allocations of
container objects, and every tenth of those passes examines the older generation too. A
service process allocates in bursts far larger than that: a consumer batch of 500 records
kept alive while the next one is fetched (FastStream holds the message it handled last), or
an HTTP request's models and ORM objects. Each burst then triggers passes that traverse
every live young object and, regularly, the whole heap of imported modules, app and schema
objects, which never become garbage. With FastStream's batch subscriber that collector work
was about a fifth of the consumer's CPU time (docs/benchmarks/messaging.md).

After start-up the process freezes what it has allocated so far (``gc.freeze``: those
objects are no longer traversed) and lets the young generation grow larger before a pass.
Reference counting still frees almost everything at once; only objects in reference cycles
wait for a pass, so the memory this can hold is bounded by the threshold (the soak
benchmark watches it, docs/benchmarks/soak.md).
"""

from __future__ import annotations

import gc

YOUNG_GENERATION_THRESHOLD = 50_000


def settle_after_startup(young_threshold: int = YOUNG_GENERATION_THRESHOLD) -> None:
    """Call once the process has imported and built everything it needs to serve."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(max(young_threshold, 1), middle, old)
