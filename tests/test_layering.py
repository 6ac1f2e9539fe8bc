"""Queries live behind repositories (docs/architecture.md, issue #33): no module of a service's
``domain/``, ``service_layer/`` or ``entrypoints/`` imports SQLAlchemy or the ORM tables,
runs a statement on the unit of work's session, or reaches into a repository's table to build
an expression. A use case or an endpoint that needs data asks a named repository method.

The one exception: a ``unit_of_work.py`` builds its repositories on the session, so it may
import ``sqlalchemy.ext.asyncio`` (for ``AsyncSession``) and nothing else of SQLAlchemy."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("domain", "service_layer", "entrypoints")
SOURCES = sorted(
    p
    for layer in LAYERS
    # a service's own layers and those of its vertical slices (profiles/mapping/...)
    for p in ROOT.glob(f"services/*/src/*/**/{layer}/**/*.py")
    if "migrations" not in p.parts
)
SESSION_TYPES = "sqlalchemy.ext.asyncio"


def _imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def _attribute_chains(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """``x.session.execute`` and ``x.table.c`` as "session.execute" and "table.c"."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            yield node.lineno, f"{node.value.attr}.{node.attr}"


def violations(path: Path, source: str | None = None) -> list[str]:
    """What ``path`` (or ``source``, judged as if it were that module) does that it may not."""
    tree = ast.parse(path.read_text() if source is None else source, str(path))
    service = path.relative_to(ROOT).parts[1]
    found = []
    for line, name in _imports(tree):
        if name == "sqlalchemy" or name.startswith("sqlalchemy."):
            if path.name == "unit_of_work.py" and name.startswith(SESSION_TYPES):
                continue
            found.append(f"{line}: imports {name}")
        elif name.startswith(f"{service}.") and name.endswith(".adapters.orm"):
            found.append(f"{line}: imports the ORM tables ({name})")
    for line, chain in _attribute_chains(tree):
        if chain in ("session.execute", "session.scalar", "session.scalars", "table.c"):
            found.append(f"{line}: {chain}")
    return [f"{path.relative_to(ROOT)}:{v}" for v in sorted(set(found))]


def test_the_sources_are_found() -> None:
    services = {p.relative_to(ROOT).parts[1] for p in SOURCES}
    assert services == {"profiles", "resources", "alliance", "notifications"}
    assert len(SOURCES) > 100


def test_no_sql_outside_the_adapters() -> None:
    found = [v for path in SOURCES for v in violations(path)]
    assert not found, "SQL belongs in a repository (adapters/):\n" + "\n".join(found)


def test_the_check_sees_what_it_forbids() -> None:
    source = (
        "from sqlalchemy import select\n"
        "from alliance.adapters import orm\n"
        "async def f(uow):\n"
        "    await uow.session.execute(select(1))\n"
        "    return uow.motions.table.c.meeting_id\n"
    )
    found = violations(ROOT / "services/alliance/src/alliance/service_layer/x.py", source)
    assert [v.split(":", 1)[1] for v in found] == [
        "1: imports sqlalchemy",
        "1: imports sqlalchemy.select",
        "2: imports the ORM tables (alliance.adapters.orm)",
        "4: session.execute",
        "5: table.c",
    ]
    session_types = "from sqlalchemy.ext.asyncio import AsyncSession\n"
    uow = ROOT / "services/alliance/src/alliance/service_layer/unit_of_work.py"
    assert violations(uow, session_types) == []
