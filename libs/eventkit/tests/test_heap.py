"""The collector settings every service process applies after start-up (eventkit.heap).

Run in a child interpreter: freezing and thresholds are process-wide, and the test
process's own settings must stay what pytest expects."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_child(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.strip()


def test_the_start_up_heap_is_frozen_and_the_young_generation_grows_larger() -> None:
    out = run_child(
        """
        import gc
        import fastapi  # something to freeze, as a service has
        from eventkit.heap import YOUNG_GENERATION_THRESHOLD, settle_after_startup
        before = gc.get_threshold()
        settle_after_startup()
        after = gc.get_threshold()
        print(gc.get_freeze_count() > 10_000, after[0] == YOUNG_GENERATION_THRESHOLD,
              after[1:] == before[1:])
        """
    )
    assert out == "True True True"


def test_cyclic_garbage_is_still_collected_within_the_threshold() -> None:
    # reference cycles are the only thing the collector frees: they must not pile up
    out = run_child(
        """
        import gc, weakref
        from eventkit.heap import YOUNG_GENERATION_THRESHOLD, settle_after_startup
        settle_after_startup()

        class Node:
            pass

        alive = weakref.WeakSet()
        most = 0
        for _ in range(10 * YOUNG_GENERATION_THRESHOLD):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle: reference counting alone never frees it
            alive.add(a)
            most = max(most, len(alive))
        print(most <= YOUNG_GENERATION_THRESHOLD)
        """
    )
    assert out == "True"
