"""The garbage collector's settings for a long-running service process.

CPython's cyclic collector passes over its youngest generation every 700 net allocations of
container objects, and over everything, imported modules included, every hundredth pass. A
service process allocates in bursts far larger than that: a consumer batch of 500 records
kept alive while the next one is fetched (FastStream holds the message it handled last), or
an HTTP request's models and ORM objects. Each burst set off passes that traversed the batch
and, regularly, the whole heap of modules, app and schema objects, which never become
garbage: with FastStream's batch subscriber that was about a fifth of the consumer's CPU
time (docs/benchmarks/messaging.md).

After start-up the process freezes what it has allocated so far (``gc.freeze``: those
objects are no longer traversed) and passes every 50,000 net allocations instead, each pass
over everything not frozen. Reference counting still frees almost everything at once; only
objects in reference cycles wait for a pass. Every pass examining the old generation too
keeps such garbage from piling up there: with the default cadence of the older generations
(one full pass per hundred young ones, then 5,000,000 allocations apart) the soak saw the
notification workers, whose mail and HTTP clients leave cycles behind, grow by 5 % in ten
minutes (docs/benchmarks/soak.md watches it).
"""

from __future__ import annotations

import gc

ALLOCATIONS_BETWEEN_PASSES = 50_000


def settle_after_startup(allocations: int = ALLOCATIONS_BETWEEN_PASSES) -> None:
    """Call once the process has imported and built everything it needs to serve."""
    gc.collect()
    gc.freeze()
    # 0 for the older generations: every pass is a full pass (over what is not frozen)
    gc.set_threshold(max(allocations, 1), 0, 0)
