"""What this process may use: the CPU and memory limits of its container (cgroup), for
sizing work that is heavy on both, such as password hashing.

``os.cpu_count()`` is the node's cores, not the pod's share: a pod limited to one CPU on a
16-core node would run eight 64 MiB argon2 hashes at once in a 512 MiB container. Kubernetes
enforces a container's limits through its cgroup, so that is where they are read (cgroup v2,
then v1); without a limit, the machine's cores and no memory cap.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def cpu_limit(root: Path = CGROUP) -> float:
    """Cores this process may use: the cgroup's quota over its period, else the machine's."""
    machine = float(os.cpu_count() or 1)
    v2 = _read(root / "cpu.max")  # "max 100000" or "150000 100000"
    if v2:
        quota, _, period = v2.partition(" ")
        if quota != "max" and period:
            return min(machine, int(quota) / int(period))
        return machine
    quota_v1, period_v1 = (
        _read(root / "cpu" / "cpu.cfs_quota_us"),
        _read(root / "cpu" / "cpu.cfs_period_us"),
    )
    if quota_v1 and period_v1 and int(quota_v1) > 0:
        return min(machine, int(quota_v1) / int(period_v1))
    return machine


def memory_limit(root: Path = CGROUP) -> int | None:
    """Bytes this process may use, or None when unlimited."""
    v2 = _read(root / "memory.max")
    if v2:
        return None if v2 == "max" else int(v2)
    v1 = _read(root / "memory" / "memory.limit_in_bytes")
    if v1 and int(v1) < 2**60:  # v1 says "unlimited" with a huge number
        return int(v1)
    return None


def parallel_slots(
    bytes_each: int,
    *,
    cpus: float | None = None,
    memory: int | None = None,
    memory_share: float = 0.5,
    root: Path = CGROUP,
) -> int:
    """How many tasks that each keep a core busy and hold ``bytes_each`` may run at once:
    one per whole core of the CPU limit, and no more than fit in ``memory_share`` of the
    memory limit (the rest is the process's own); at least one."""
    cores = cpu_limit(root) if cpus is None else cpus
    slots = max(1, math.floor(cores))
    limit = memory_limit(root) if memory is None else memory
    if limit is not None and bytes_each > 0:
        slots = min(slots, int(limit * memory_share) // bytes_each)
    return max(1, slots)
