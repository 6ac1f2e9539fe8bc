"""``python -m devstack up|status|stop|logs [name]|urls|jars`` (``--test``: the test infra)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from devstack.processes import ManagedProcess, tail
from devstack.stack import Stack, running_topology
from devstack.topology import TOPOLOGIES, topology_named


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:8.1f} MB"


def cmd_up(stack: Stack) -> int:
    started = time.monotonic()
    print(f"The platform's web pages will be at {stack.gateway.url}/ (API at /v1)", flush=True)
    stack.up()
    print(f"\nstack up in {time.monotonic() - started:.1f}s\n")
    return cmd_urls(stack)


def cmd_status(stack: Stack) -> int:
    rows: list[tuple[str, str, str, str, str]] = []
    total = 0
    for proc in stack.all_processes():
        postmaster = stack.postmaster_pid(proc.name)
        pid = postmaster if postmaster is not None else proc.pid()
        infra = {p.name for p in stack.kafka.processes} | {"postgres"}
        if pid is None and not proc.pidfile.exists() and proc.name not in infra:
            continue
        rss = stack.rss(proc)
        total += rss
        health = stack.health(proc.name) if pid is not None else "-"
        rows.append((proc.name, str(pid or "-"), "yes" if pid else "no", health, _mb(rss)))
    print(f"{'NAME':<24} {'PID':>8} {'ALIVE':>6}  {'HEALTH':<12} {'RSS':>11}")
    for row in rows:
        print(f"{row[0]:<24} {row[1]:>8} {row[2]:>6}  {row[3]:<12} {row[4]:>11}")
    print(f"{'TOTAL':<24} {'':>8} {'':>6}  {'':<12} {_mb(total):>11}")
    return 0


def cmd_stop(stack: Stack) -> int:
    stopped = stack.stop()
    print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
    return 0


def cmd_logs(stack: Stack, name: str | None, lines: int) -> int:
    logs = stack.home / "logs"
    if name is None:
        for path in sorted(logs.glob("*.log")):
            print(f"{path.stem:<28} {path}")
        return 0
    path = logs / f"{name}.log"
    if not path.exists():
        path = ManagedProcess(name, stack.home).logfile
    print(tail(path, lines))
    return 0


def cmd_urls(stack: Stack) -> int:
    for label, url in stack.urls():
        print(f"{label:<24} {url}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack", description=__doc__)
    parser.add_argument(
        "--test", action="store_true", help="act on the test-harness infrastructure (<home>/test)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start everything (idempotent)")
    up.add_argument("--services", help="comma list of services to run ('none': infra only)")
    up.add_argument(
        "--topology",
        choices=sorted(TOPOLOGIES),
        help="single (default) or cluster; without it, DEVSTACK_TOPOLOGY, else what runs",
    )
    sub.add_parser("status", help="processes, health and memory")
    sub.add_parser("stop", help="stop everything, keep state")
    logs = sub.add_parser("logs", help="list logs, or tail one")
    logs.add_argument("name", nargs="?")
    logs.add_argument("-n", "--lines", type=int, default=60)
    sub.add_parser("urls", help="print the URLs")
    sub.add_parser("jars", help="fetch the Apache Kafka jars from Maven Central (once)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%T")
    logging.getLogger("httpx").setLevel(logging.WARNING)

    if args.test:
        from devstack.harness import test_stack

        stack = test_stack()
        if args.command == "up":
            from devstack.harness import ensure_test_infra

            print(ensure_test_infra())
            return 0
    else:
        stack = Stack()
        wanted = getattr(args, "topology", None) or os.environ.get("DEVSTACK_TOPOLOGY")
        running = running_topology(stack.home)
        if wanted and running and running.name != wanted and args.command == "up":
            print(
                f"devstack up: a {running.name} platform is running; `make stop` it before "
                f"starting the {wanted} topology",
                file=sys.stderr,
            )
            return 1
        stack.topology = topology_named(wanted) if wanted else running or stack.topology
        if args.command == "up" and args.services is not None:
            names = {s.strip() for s in args.services.split(",")} - {"", "none"}
            stack.only_services = None if args.services == "all" else frozenset(names)
    try:
        if args.command == "jars":
            from devstack import kafka, paths

            print(f"Kafka jars in {kafka.ensure_jars(paths.devstack_home())}")
            return 0
        if args.command == "up":
            return cmd_up(stack)
        if args.command == "status":
            return cmd_status(stack)
        if args.command == "stop":
            return cmd_stop(stack)
        if args.command == "logs":
            return cmd_logs(stack, args.name, args.lines)
        return cmd_urls(stack)
    except (RuntimeError, TimeoutError) as exc:
        print(f"devstack {args.command} failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
