"""Where things live: the repo root, the state folder and the default ports.

Everything derives from the repo root so the CLI works from any working directory, and
``DEVSTACK_HOME`` lets CI or a second checkout keep its state elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

ROUTES_RELATIVE = Path("deploy/gateway/routes.yaml")

# Defaults for the `make run` stack; the test harness uses its own (see devstack.harness).
KAFKA_PORT = 19092
POSTGRES_PORT = 15432
SMTP_PORT = 2525
GATEWAY_PORT = 8080


def repo_root() -> Path:
    """The monorepo root: ``$DEVSTACK_REPO_ROOT``, else the first parent holding the route table.

    Searched from this file first (editable workspace install), then from the working directory.
    """
    env = os.environ.get("DEVSTACK_REPO_ROOT")
    if env:
        return Path(env).resolve()
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for candidate in (start, *start.parents):
            if (candidate / ROUTES_RELATIVE).is_file():
                return candidate
    raise RuntimeError(
        f"cannot find the repo root (no {ROUTES_RELATIVE} above {__file__} or the working "
        "directory); set DEVSTACK_REPO_ROOT"
    )


def devstack_home() -> Path:
    """The state folder (``$DEVSTACK_HOME`` or ``<repo>/.local``), created on first use."""
    env = os.environ.get("DEVSTACK_HOME")
    home = Path(env).resolve() if env else repo_root() / ".local"
    home.mkdir(parents=True, exist_ok=True)
    return home


def routes_path() -> Path:
    """The one route table shared by the local gateway and the Kubernetes HTTPRoutes."""
    return repo_root() / ROUTES_RELATIVE


def env_port(name: str, default: int) -> int:
    """An integer port from the environment, so two stacks can coexist when needed."""
    raw = os.environ.get(name)
    return int(raw) if raw else default
