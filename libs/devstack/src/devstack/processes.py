"""Detached background processes with pidfiles, liveness, graceful stop and memory accounting.

``python -m devstack up`` must return while the stack keeps running, and a later ``status`` or
``stop`` (a different Python process) must find what was started. So each process runs in its
own session (no terminal signals, stoppable as a group), logs to ``<home>/logs/<name>.log`` and
is recorded in ``<home>/run/<name>.pid`` together with its start time, which guards against a
recycled pid being mistaken for ours.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

STOP_TIMEOUT = 20.0

#: the children this Python process started, each kept until it has ended and been waited for:
#: a dropped handle of a running child warns (ResourceWarning), and an ended child nobody waits
#: for stays a zombie until some later Popen happens to collect it
_children: dict[int, subprocess.Popen[bytes]] = {}


def _reap_ended_children() -> None:
    """Wait for the children started here that have ended (a no-op for those still running)."""
    for pid, proc in list(_children.items()):
        if proc.poll() is not None:
            del _children[pid]


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file (for error messages), or a note if it is missing."""
    if not path.exists():
        return f"(no log at {path})"
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 64 * 1024))
        data = fh.read().decode("utf-8", errors="replace")
    return "\n".join(data.splitlines()[-lines:])


def alive(pid: int, create_time: float | None = None) -> bool:
    """True when ``pid`` runs (not a zombie) and, if given, started at ``create_time``."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        return create_time is None or abs(proc.create_time() - create_time) < 1.0
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def tree_rss(pid: int, proportional: bool = False) -> int:
    """Resident memory of ``pid`` plus all its descendants, in bytes (0 if gone).

    ``proportional``: each shared page counted as its share among the processes mapping it
    (PSS), so Postgres' shared buffers count once however many backends touched them."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += proc.memory_full_info().pss if proportional else proc.memory_info().rss
    return total


def terminate_tree(pid: int, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the process (and its process group / children), wait, then SIGKILL leftovers."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    try:
        # Processes started by us lead their own session; signal the whole group.
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGTERM)
        else:
            root.terminate()
    except (ProcessLookupError, PermissionError):
        pass
    for proc in procs[1:]:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.terminate()
    _, remaining = psutil.wait_procs(procs, timeout=timeout)
    for proc in remaining:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()
    psutil.wait_procs(remaining, timeout=5)


@dataclass(frozen=True)
class ManagedProcess:
    """One named background process of the stack, identified by its pidfile."""

    name: str
    home: Path

    @property
    def pidfile(self) -> Path:
        return self.home / "run" / f"{self.name}.pid"

    @property
    def logfile(self) -> Path:
        return self.home / "logs" / f"{self.name}.log"

    def _record(self) -> tuple[int, float | None] | None:
        try:
            raw = self.pidfile.read_text().strip()
        except FileNotFoundError:
            return None
        try:
            data = json.loads(raw)
            return int(data["pid"]), float(data["create_time"])
        except (ValueError, KeyError, TypeError):
            return (int(raw), None) if raw.isdigit() else None

    def pid(self) -> int | None:
        """The live pid, or None (a stale pidfile is removed)."""
        rec = self._record()
        if rec is None:
            return None
        if alive(*rec):
            return rec[0]
        self.pidfile.unlink(missing_ok=True)
        return None

    def is_running(self) -> bool:
        return self.pid() is not None

    def start(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> int:
        """Start detached unless already running; returns the pid either way."""
        existing = self.pid()
        if existing is not None:
            return existing
        _reap_ended_children()
        self.pidfile.parent.mkdir(parents=True, exist_ok=True)
        self.logfile.parent.mkdir(parents=True, exist_ok=True)
        full_env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
        with self.logfile.open("ab") as log:
            log.write(f"\n=== {time.strftime('%F %T')} starting: {' '.join(argv)}\n".encode())
            log.flush()
            proc = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=full_env,
                cwd=str(cwd) if cwd else None,
                start_new_session=True,
                close_fds=True,
            )
        _children[proc.pid] = proc
        self.adopt(proc.pid)
        return proc.pid

    def adopt(self, pid: int) -> None:
        """Record an already running pid (e.g. the postmaster that pg_ctl forked)."""
        self.pidfile.parent.mkdir(parents=True, exist_ok=True)
        create_time = psutil.Process(pid).create_time()
        tmp = self.pidfile.with_suffix(".tmp")
        tmp.write_text(json.dumps({"pid": pid, "create_time": create_time}))
        tmp.replace(self.pidfile)

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Graceful stop (SIGTERM, wait, SIGKILL). Returns True if something was running."""
        pid = self.pid()
        if pid is None:
            return False
        terminate_tree(pid, timeout)
        self.pidfile.unlink(missing_ok=True)
        _reap_ended_children()
        return True

    def rss(self, proportional: bool = False) -> int:
        pid = self.pid()
        return tree_rss(pid, proportional) if pid is not None else 0

    def tail(self, lines: int = 40) -> str:
        return tail(self.logfile, lines)


def known_processes(home: Path) -> list[ManagedProcess]:
    """Every process with a pidfile under ``home/run`` (live or stale), sorted by name."""
    run = home / "run"
    if not run.is_dir():
        return []
    return [ManagedProcess(p.stem, home) for p in sorted(run.glob("*.pid"))]


def stop_all(processes: list[ManagedProcess], timeout: float = STOP_TIMEOUT) -> list[str]:
    """Stop the processes at the same time (each is given ``timeout`` to end gracefully);
    returns the names of those that were running."""
    from concurrent.futures import ThreadPoolExecutor

    if not processes:
        return []
    with ThreadPoolExecutor(max_workers=len(processes)) as pool:
        ran = list(pool.map(lambda p: p.stop(timeout), processes))
    return [p.name for p, was in zip(processes, ran, strict=True) if was]
