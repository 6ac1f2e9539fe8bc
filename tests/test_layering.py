"""Queries live behind repositories (docs/architecture.md, issue #33): no module of a service's
``domain/``, ``service_layer/`` or ``entrypoints/`` imports SQLAlchemy or the ORM tables,
runs a statement on the unit of work's session, or reaches into a repository's table to build
an expression. A use case or an endpoint that needs data asks a named repository method.

The one exception: a ``unit_of_work.py`` builds its repositories on the session, so it may
import ``sqlalchemy.ext.asyncio`` (for ``AsyncSession``) and nothing else of SQLAlchemy.

A vertical slice inside a service (profiles' ``mapping``) is kept movable: the service's own
modules never import the slice, and the slice imports of its service only itself; what it
needs from the service goes through its ports (``service_layer/ports.py``), which the
composition root (``bootstrap.py``) wires."""

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


#: vertical slices inside a service: service -> slice packages
SLICES = {"profiles": ("mapping",)}
COMPOSITION_ROOT = "bootstrap.py"


def slice_violations(path: Path, source: str | None = None) -> list[str]:
    """Imports across a slice's border that do not go through the composition root."""
    tree = ast.parse(path.read_text() if source is None else source, str(path))
    package = path.relative_to(ROOT / "services").parts[2:]  # (profiles, mapping, ..., x.py)
    service = package[0]
    here = package[1] if package[1] in SLICES.get(service, ()) else None
    if path.name == COMPOSITION_ROOT and len(package) == 2:
        return []
    found = []
    for line, name in _imports(tree):
        parts = name.split(".")
        if parts[0] != service or len(parts) < 2:
            continue
        there = parts[1] if parts[1] in SLICES[service] else None
        if here is None and there is not None:
            found.append(f"{line}: {service} outside the slice imports the {there} slice ({name})")
        elif here is not None and there != here:
            found.append(f"{line}: the {here} slice imports {service} outside its ports ({name})")
    return [f"{path.relative_to(ROOT)}:{v}" for v in sorted(set(found))]


def _sliced_services() -> list[Path]:
    return sorted(
        p
        for service in SLICES
        for p in ROOT.glob(f"services/{service}/src/{service}/**/*.py")
        if "versions" not in p.parts
    )


def test_slices_meet_their_service_only_through_ports_and_the_composition_root() -> None:
    sources = _sliced_services()
    assert any("mapping" in p.parts for p in sources) and len(sources) > 100
    found = [v for path in sources for v in slice_violations(path)]
    assert not found, "A slice and its service meet in bootstrap.py only:\n" + "\n".join(found)


def test_the_slice_check_sees_what_it_forbids() -> None:
    src = ROOT / "services/profiles/src/profiles"
    into_the_slice = "from profiles.mapping.adapters.repository import RespondentData\n"
    assert slice_violations(src / "adapters/privacy_repository.py", into_the_slice) == [
        "services/profiles/src/profiles/adapters/privacy_repository.py:1: profiles outside "
        "the slice imports the mapping slice (profiles.mapping.adapters.repository)",
        "services/profiles/src/profiles/adapters/privacy_repository.py:1: profiles outside "
        "the slice imports the mapping slice (profiles.mapping.adapters.repository.RespondentData)",
    ]
    out_of_the_slice = "from profiles.service_layer import consents\nimport eventkit.uow\n"
    handlers = src / "mapping/service_layer/handlers.py"
    assert [v.split(":", 2)[2] for v in slice_violations(handlers, out_of_the_slice)] == [
        " the mapping slice imports profiles outside its ports (profiles.service_layer)",
        " the mapping slice imports profiles outside its ports (profiles.service_layer.consents)",
    ]
    wiring = "from profiles.mapping.service_layer.unit_of_work import MappingUnitOfWork\n"
    assert slice_violations(src / COMPOSITION_ROOT, wiring) == []
