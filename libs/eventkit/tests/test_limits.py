"""Work heavy on CPU and memory (password hashing) is sized from the container's cgroup
limits, not the node's cores (eventkit.limits)."""

from __future__ import annotations

import os
from pathlib import Path

from eventkit.limits import cpu_limit, memory_limit, parallel_slots

MiB = 2**20


def cgroup_v2(tmp_path: Path, cpu: str, memory: str) -> Path:
    (tmp_path / "cpu.max").write_text(cpu + "\n")
    (tmp_path / "memory.max").write_text(memory + "\n")
    return tmp_path


def test_limits_are_read_from_cgroup_v2(tmp_path: Path) -> None:
    root = cgroup_v2(tmp_path, "150000 100000", str(512 * MiB))
    assert cpu_limit(root) == min(1.5, os.cpu_count() or 1)
    assert memory_limit(root) == 512 * MiB
    (tmp_path / "free").mkdir()
    unlimited = cgroup_v2(tmp_path / "free", "max 100000", "max")
    assert cpu_limit(unlimited) == float(os.cpu_count() or 1)
    assert memory_limit(unlimited) is None


def test_limits_are_read_from_cgroup_v1(tmp_path: Path) -> None:
    (tmp_path / "cpu").mkdir()
    (tmp_path / "memory").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("100000")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000")
    (tmp_path / "memory" / "memory.limit_in_bytes").write_text(str(256 * MiB))
    assert cpu_limit(tmp_path) == 1.0
    assert memory_limit(tmp_path) == 256 * MiB


def test_a_one_cpu_pod_on_a_big_node_hashes_one_at_a_time() -> None:
    """The issue's case: 16 cores on the node, a 512 MiB pod with one CPU: 1 slot, where
    half the node's cores (8 x 64 MiB) would have filled the pod's memory."""
    assert parallel_slots(64 * MiB, cpus=1.0, memory=512 * MiB) == 1
    assert parallel_slots(64 * MiB, cpus=4.0, memory=512 * MiB) == 4
    assert parallel_slots(64 * MiB, cpus=4.0, memory=256 * MiB) == 2  # memory caps it
    assert parallel_slots(64 * MiB, cpus=0.5, memory=64 * MiB) == 1  # never less than one
    assert parallel_slots(64 * MiB, cpus=16.0, memory=None) == 16  # no memory limit
