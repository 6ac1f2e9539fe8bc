"""A background process started here is waited for once it ends: no zombie is left behind, and
no handle of a running child is dropped (which Python reports as a ResourceWarning)."""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
import warnings
from pathlib import Path

import psutil

from devstack.processes import ManagedProcess, alive

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _zombie(pid: int) -> bool:
    try:
        return bool(psutil.Process(pid).status() == psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def test_a_started_process_is_not_reported_as_dropped(tmp_path: Path) -> None:
    process = ManagedProcess("sleeper", tmp_path)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        pid = process.start(SLEEPER)
        gc.collect()
    try:
        assert alive(pid)
        assert [w for w in seen if issubclass(w.category, ResourceWarning)] == []
    finally:
        process.stop(timeout=5)


def test_a_stopped_process_leaves_no_zombie(tmp_path: Path) -> None:
    process = ManagedProcess("sleeper", tmp_path)
    pid = process.start(SLEEPER)
    assert process.stop(timeout=5)
    assert not _zombie(pid)
    assert not psutil.pid_exists(pid)


def test_a_killed_process_is_reaped_when_it_is_started_again(tmp_path: Path) -> None:
    """The chaos suite SIGKILLs processes and starts them again: the dead one is waited for."""
    process = ManagedProcess("sleeper", tmp_path)
    first = process.start(SLEEPER)
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while not _zombie(first) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _zombie(first)  # ended, and nobody has waited for it yet
    second = process.start(SLEEPER)
    try:
        assert second != first
        assert not psutil.pid_exists(first)
    finally:
        process.stop(timeout=5)
