"""The collector setting every service process applies after start-up (eventkit.heap).

Run in a child interpreter: freezing is process-wide, and the test process's own collector
must stay what pytest expects."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def run_child(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return out.stdout.strip()


@pytest.mark.slow  # a fresh interpreter: make test, not make test-unit
def test_the_start_up_heap_is_frozen_and_the_cadence_is_the_interpreters() -> None:
    out = run_child(
        """
        import gc
        import fastapi  # something to freeze, as a service has
        from eventkit.heap import settle_after_startup
        before = gc.get_threshold()
        settle_after_startup()
        print(gc.get_freeze_count() > 10_000, gc.get_threshold() == before)
        """
    )
    assert out == "True True"


def test_cyclic_garbage_made_after_start_up_is_still_collected() -> None:
    # reference cycles are the only thing the collector frees: they must not pile up
    out = run_child(
        """
        import gc, weakref
        from eventkit.heap import settle_after_startup
        settle_after_startup()

        class Node:
            pass

        alive = weakref.WeakSet()
        most = 0
        for _ in range(100_000):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle: reference counting alone never frees it
            alive.add(a)
            most = max(most, len(alive))
        print(most < 10_000)
        """
    )
    assert out == "True"
