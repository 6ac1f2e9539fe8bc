"""``python -m <service> api|relay|worker|migrate|seed|asyncapi``: one command line for every
service, so operators (and ``make run``, and Kubernetes) start each process the same way.

A service adds commands of its own (operators' tools) by passing ``Command``s to ``run_cli``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from fastapi import FastAPI

from eventkit.consumer import EventDispatcher
from eventkit.heap import settle_after_startup
from eventkit.service import Chassis, stop_on_signals


class Service:
    """Base of each service's composition root (``bootstrap.py``): what the CLI runs."""

    chassis: Chassis
    migrations_dir: Path
    #: further migration streams of this service (own folder and version table each)
    extra_migrations_dirs: tuple[Path, ...] = ()

    def create_app(self) -> FastAPI:
        raise NotImplementedError

    def dispatcher(self) -> EventDispatcher[Any] | None:
        """The service's event subscriptions, if it consumes any."""
        return None

    def background_jobs(self) -> list[Callable[[asyncio.Event], Awaitable[None]]]:
        """Loops run in the worker process beside the consumers (e.g. email dispatch)."""
        return []

    async def seed(self) -> None:
        """Load demo data (idempotent)."""


S = TypeVar("S", bound=Service)


@dataclass(frozen=True)
class Command(Generic[S]):
    """A command of one service: ``python -m <service> <name> ...``.

    ``arguments`` adds the command's own arguments to its parser; ``run`` gets the built
    service and the parsed arguments and returns the exit status (None: 0).
    """

    name: str
    help: str
    run: Callable[[S, argparse.Namespace], Coroutine[Any, Any, int | None]]
    arguments: Callable[[argparse.ArgumentParser], None] | None = None


def run_cli(
    build: Callable[[], S], argv: list[str] | None = None, commands: Sequence[Command[S]] = ()
) -> None:
    parser = argparse.ArgumentParser(prog="python -m <service>")
    sub = parser.add_subparsers(dest="command", required=True)
    api = sub.add_parser("api", help="serve the HTTP API")
    api.add_argument("--host", default="127.0.0.1")
    api.add_argument("--port", type=int, default=8000)
    sub.add_parser("relay", help="run the outbox relay")
    sub.add_parser("worker", help="run the event consumers")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("seed", help="load demo data (idempotent)")
    rev = sub.add_parser("makemigration", help="autogenerate a migration (developers)")
    rev.add_argument("message")
    rev.add_argument("--stream", type=Path, help="migrations folder (default: the main one)")
    for name in ("asyncapi", "openapi"):
        docs = sub.add_parser(name, help=f"print the {name} document of this service")
        docs.add_argument("--out", type=Path)
    own: dict[str, Command[S]] = {}
    for command in commands:
        if command.name in sub.choices:
            raise ValueError(f"the command {command.name!r} exists already")
        own_parser = sub.add_parser(command.name, help=command.help)
        if command.arguments is not None:
            command.arguments(own_parser)
        own[command.name] = command
    args = parser.parse_args(argv)
    service = build()

    if args.command in own:
        status = asyncio.run(own[args.command].run(service, args))
        if status:
            raise SystemExit(status)
    elif args.command in ("api", "relay", "worker"):
        serve = _build_role(service, args)
        settle_after_startup()  # after everything the role serves with is built
        serve()
    elif args.command == "migrate":
        for folder in (service.migrations_dir, *service.extra_migrations_dirs):
            service.chassis.migrate(folder)
    elif args.command == "makemigration":
        from eventkit.migrations import autogenerate

        s = service.chassis.settings
        folder = args.stream or service.migrations_dir
        autogenerate(folder, s.database_url, s.schema_name, args.message)
    elif args.command == "seed":
        asyncio.run(service.seed())
    elif args.command in ("asyncapi", "openapi"):
        doc = (
            service.chassis.asyncapi(service.dispatcher())
            if args.command == "asyncapi"
            else service.create_app().openapi()
        )
        text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if args.out:
            args.out.write_text(text)
        else:
            sys.stdout.write(text)


def _build_role(service: Service, args: argparse.Namespace) -> Callable[[], None]:
    """Builds a long-running role (the HTTP app, the relay, the worker) and returns what
    runs it until a signal stops it."""
    if args.command == "relay":
        return lambda: asyncio.run(_with_stop(service.chassis.run_relay))
    if args.command == "worker":
        return lambda: asyncio.run(_with_stop(lambda stop: _worker(service, stop)))

    import uvicorn

    from eventkit.docs import asyncapi_router

    app = service.create_app()
    app.include_router(asyncapi_router(lambda: service.chassis.asyncapi(service.dispatcher())))
    return lambda: uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        server_header=False,  # do not advertise the server software (OWASP API8)
        timeout_keep_alive=int(service.chassis.settings.http_keep_alive_s),
        timeout_graceful_shutdown=10,
    )


async def _with_stop(run: Callable[[asyncio.Event], Any]) -> None:
    await run(stop_on_signals())


async def _worker(service: Service, stop: asyncio.Event) -> None:
    """Consumers and background jobs side by side; all stop together on SIGTERM."""
    jobs: list[Callable[[asyncio.Event], Awaitable[None]]] = [
        *service.chassis.jobs(),
        *service.background_jobs(),
    ]
    await service.chassis.run_worker_process(service.dispatcher(), jobs, stop)
