"""What every benchmark report shares: the machine it ran on, and progress lines.

The bench scripts run as ``python bench/bench_x.py``, so this folder is on ``sys.path``.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any


def describe_machine(libraries: Iterable[str] = ()) -> dict[str, Any]:
    """CPU, memory, kernel, Python, the versions of ``libraries`` and the load at start: a
    ratio means little without knowing how busy the shared machine was."""
    cpu, mem = "unknown", 0.0
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {
        "nproc": os.cpu_count(),
        "memory_gib": mem,
        "cpu_model": cpu,
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "libraries": {name: version(name) for name in libraries},
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def log(msg: str) -> None:
    """A timestamped progress line on stderr (reports go to stdout and docs/benchmarks)."""
    print(f"[{datetime.now(UTC):%H:%M:%S}] {msg}", file=sys.stderr, flush=True)
