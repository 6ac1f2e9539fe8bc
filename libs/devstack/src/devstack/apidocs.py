"""The API documents in ``docs/api/``, generated from the code (``make docs``).

- ``<service>.openapi.json`` and ``<service>.asyncapi.json``: each service as it is;
- ``platform.openapi.json``: the one public API a client sees through the gateway, merged
  from the four services, where the route table (``deploy/gateway/routes.yaml``) decides
  which service's operation a path is; paths the gateway does not route (health, JWKS,
  internal endpoints) are left out. The SDKs (``sdk/``) are generated from it;
- ``partners.asyncapi.json``: the partner-visible topics (``eventkit.asyncapi``).

``python -m devstack.apidocs [--out DIR] [--check]``: ``--check`` fails when a committed
document differs from what the code generates now.
"""

from __future__ import annotations

import argparse
import copy
import functools
import importlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from devstack.gateway import RouteTable, load_route_table
from devstack.paths import repo_root

SERVICES = ("profiles", "resources", "alliance", "notifications")
_SCHEMAS = "#/components/schemas/"


def service_documents(service: str) -> dict[str, dict[str, Any]]:
    built = importlib.import_module(f"{service}.bootstrap").bootstrap()
    return {
        "openapi": built.create_app().openapi(),
        "asyncapi": built.chassis.asyncapi(built.dispatcher()),
    }


def merged_openapi(
    openapi: dict[str, dict[str, Any]], table: RouteTable | None = None
) -> dict[str, Any]:
    """One OpenAPI 3.1 document of everything the gateway routes, from each service's.

    Schemas of the same name must be the same schema (one representation per concept);
    where two services still differ, the later one's is renamed ``<Service><Name>`` so the
    document stays true (``schema_conflicts`` lists them)."""
    table = table or load_route_table()
    merged: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "Diaspora Engagement Platform API",
            "version": "1.0.0",
            "description": (
                "The platform's public HTTP API, as clients reach it through the gateway "
                "(one document merged from the four services' own; the route table decides "
                "which service answers a path). Errors are RFC 9457 problem documents."
            ),
            "license": {"name": "Apache-2.0"},
        },
        "servers": [{"url": "/", "description": "the gateway this page was served by"}],
        "paths": {},
        "webhooks": {},
        "components": {"schemas": {}},
        "tags": [],
    }
    components: dict[str, Any] = merged["components"]
    conflicts: list[str] = []
    for service in SERVICES:
        doc = copy.deepcopy(openapi[service])
        renames = _merge_schemas(components["schemas"], doc, service, conflicts)
        doc = _renamed(doc, renames)
        for path, operations in doc.get("paths", {}).items():
            if table.resolve(path) != service:
                continue
            if path in merged["paths"]:
                raise ValueError(f"{path} is documented by two services")
            merged["paths"][path] = operations
        merged["webhooks"].update(doc.get("webhooks", {}))
        for name, scheme in doc.get("components", {}).get("securitySchemes", {}).items():
            components.setdefault("securitySchemes", {})[name] = scheme
        known = {t["name"] for t in merged["tags"]}
        merged["tags"] += [t for t in doc.get("tags", []) if t["name"] not in known]
    ids = [op["operationId"] for item in merged["paths"].values() for op in item.values()]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"operationIds used by more than one operation: {twice}")
    if not merged["webhooks"]:
        del merged["webhooks"]
    if not merged["tags"]:
        del merged["tags"]
    merged["x-schema-conflicts"] = conflicts
    return merged


def schema_conflicts(merged: dict[str, Any]) -> list[str]:
    return list(merged.get("x-schema-conflicts", []))


def _merge_schemas(
    into: dict[str, Any], doc: dict[str, Any], service: str, conflicts: list[str]
) -> dict[str, str]:
    renames: dict[str, str] = {}
    schemas = doc.get("components", {}).get("schemas", {})
    for name, schema in schemas.items():
        if name in into and into[name] != schema:
            renames[name] = service.capitalize() + name
            conflicts.append(f"{name} ({service})")
    for name, schema in schemas.items():
        merged = _renamed(schema, renames)
        if name in renames:
            # generators name their classes by title: a renamed schema keeping the other's
            # title would collide with it (and the SDK would drop every operation using it)
            merged = {**merged, "title": renames[name]}
        into[renames.get(name, name)] = merged
    return renames


def _renamed(node: Any, renames: dict[str, str]) -> Any:
    if not renames:
        return node
    if isinstance(node, dict):
        out = {k: _renamed(v, renames) for k, v in node.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SCHEMAS):
            name = ref.removeprefix(_SCHEMAS)
            out["$ref"] = _SCHEMAS + renames.get(name, name)
        return out
    if isinstance(node, list):
        return [_renamed(v, renames) for v in node]
    return node


def documents() -> Iterator[tuple[str, Callable[[], dict[str, Any]]]]:
    """(file name, builder) of every document in docs/api/, services built once."""
    from eventkit.asyncapi import partner_document

    built: dict[str, dict[str, dict[str, Any]]] = {}

    def of(service: str) -> dict[str, dict[str, Any]]:
        if service not in built:
            built[service] = service_documents(service)
        return built[service]

    for service in SERVICES:
        for kind in ("openapi", "asyncapi"):
            yield f"{service}.{kind}.json", functools.partial(_kind, of, service, kind)
    yield "platform.openapi.json", lambda: merged_openapi({s: of(s)["openapi"] for s in SERVICES})
    yield "partners.asyncapi.json", partner_document


def _kind(
    of: Callable[[str], dict[str, dict[str, Any]]], service: str, kind: str
) -> dict[str, Any]:
    return of(service)[kind]


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.apidocs")
    parser.add_argument("--out", type=Path, default=repo_root() / "docs" / "api")
    parser.add_argument("--check", action="store_true", help="fail if a document is stale")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, build in documents():
        text = render(build())
        target = args.out / name
        if args.check:
            if not target.exists() or target.read_text() != text:
                stale.append(name)
        else:
            target.write_text(text)
    if stale:
        print(f"stale in {args.out}: {', '.join(stale)} (run make docs)", file=sys.stderr)
        return 1
    print(f"{'checked' if args.check else 'wrote'} {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
