"""The route table, the local Caddyfile and the Kubernetes HTTPRoutes agree: for every path,
all three pick the same service, with whole-segment prefixes and longest-prefix-wins."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

from devstack.gateway import Route, RouteTable, load_route_table, render_caddyfile

Doc = dict[str, Any]


def caddy_resolver(caddyfile: str, table: RouteTable) -> Any:
    """First-match over the Caddyfile's named matchers, in file order (how Caddy evaluates
    mutually exclusive ``handle`` blocks with named matchers)."""
    by_port = {port: svc for svc, port in table.services.items()}
    matchers = dict(re.findall(r"^\t@(route\d+) path (.+)$", caddyfile, re.M))
    order = re.findall(r"^\thandle @(route\d+) \{", caddyfile, re.M)
    upstreams = [int(p) for p in re.findall(r"^\t\treverse_proxy [\d.]+:(\d+) \{", caddyfile, re.M)]
    assert len(order) == len(upstreams) == len(matchers) == len(table.routes)

    def resolve(path: str) -> str | None:
        for name, port in zip(order, upstreams, strict=True):
            for pattern in matchers[name].split():
                hit = path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern
                if hit:
                    return by_port[port]
        return None

    return resolve


def httproute_resolver(docs: list[Doc], hostname: str) -> Any:
    """Gateway API semantics: PathPrefix matches whole path elements; across every HTTPRoute
    of the listener the longest matching prefix takes precedence."""
    services = {
        (s["metadata"]["name"], p["port"])
        for s in docs
        if s["kind"] == "Service"
        for p in s["spec"]["ports"]
    }
    rules: list[tuple[str, str]] = []
    exact: dict[str, str] = {}
    for route in (d for d in docs if d["kind"] == "HTTPRoute"):
        assert route["spec"]["hostnames"] == [hostname]
        assert [p["name"] for p in route["spec"]["parentRefs"]] == ["diaspora"]
        for rule in route["spec"]["rules"]:
            (backend,) = rule["backendRefs"]
            assert (backend["name"], backend["port"]) in services, backend
            service = backend["name"].removesuffix("-api")
            for match in rule["matches"]:
                if match["path"]["type"] == "Exact":
                    exact[match["path"]["value"]] = service
                    continue
                assert match["path"]["type"] == "PathPrefix"
                rules.append((match["path"]["value"], service))

    def matches(prefix: str, path: str) -> bool:
        base = prefix.rstrip("/")
        return path == base or path.startswith(base + "/") or base == ""

    def resolve(path: str) -> str | None:
        if path in exact:  # Exact takes precedence over every PathPrefix
            return exact[path]
        hits = [(len(p.rstrip("/")), svc) for p, svc in rules if matches(p, path)]
        return max(hits)[1] if hits else None

    return resolve


def probe_paths(table: RouteTable) -> list[str]:
    paths = {"/", "/v1", "/v1/", "/v2/auth", "/nowhere", "/v1/unknown/x", *table.streams}
    for r in table.routes:
        p = r.prefix.rstrip("/")
        paths |= {p, p + "/", p + "/abc", p + "/abc/def", p + "x", p + "-x/y", p.rsplit("/", 1)[0]}
    # (built from the root prefix "/", some are not paths): a request path starts with "/"
    return sorted(p for p in paths if p.startswith("/"))


def assert_agree(table: RouteTable, docs: list[Doc], hostname: str) -> None:
    caddy = caddy_resolver(render_caddyfile(table=table), table)
    gateway = httproute_resolver(docs, hostname)
    for path in probe_paths(table):
        expected = table.resolve(path)
        assert caddy(path) == expected, f"Caddy: {path}"
        assert gateway(path) == expected, f"HTTPRoute: {path}"


def test_routes_agree_in_every_overlay(rendered: dict[str, list[Doc]]) -> None:
    table = load_route_table()
    for docs in rendered.values():
        (gateway,) = [d for d in docs if d["kind"] == "Gateway"]
        (listener,) = gateway["spec"]["listeners"]
        # a route attaches to the listener only where their hostnames meet
        assert_agree(table, docs, listener["hostname"])


def test_every_prefix_is_routed_once(rendered: dict[str, list[Doc]]) -> None:
    table = load_route_table()
    values = [
        m["path"]["value"]
        for d in rendered["prod"]
        if d["kind"] == "HTTPRoute"
        for rule in d["spec"]["rules"]
        for m in rule["matches"]
        if m["path"]["type"] == "PathPrefix"
    ]
    assert sorted(values) == sorted(r.prefix for r in table.routes)


def test_nested_prefixes_keep_longest_prefix_semantics(generator: ModuleType) -> None:
    """A table the real one does not have yet: nested and look-alike prefixes."""
    table = RouteTable(
        {"outer": 9001, "inner": 9002, "twin": 9003},
        (
            Route("/v1/things", "outer"),
            Route("/v1/things/special", "inner"),
            Route("/v1/thingsx", "twin"),
            Route("/v1/a", "twin"),
        ),
    )
    cfg = generator.load_config()
    docs = generator.gateway_docs(cfg, table)
    docs += [
        {"kind": "Service", "metadata": {"name": f"{s}-api"}, "spec": {"ports": [{"port": 8000}]}}
        for s in table.services
    ]
    assert_agree(table, docs, cfg["gateway"]["hostname"])
    gateway = httproute_resolver(docs, cfg["gateway"]["hostname"])
    assert gateway("/v1/things/special/1") == "inner"
    assert gateway("/v1/things/specialist") == "outer"
    assert gateway("/v1/thingsx/1") == "twin"


def test_routes_are_split_at_the_crd_rule_limit(generator: ModuleType) -> None:
    routes = tuple(Route(f"/v1/r{i}", "many") for i in range(20))
    docs = generator.gateway_docs(generator.load_config(), RouteTable({"many": 1}, routes))
    httproutes = [d for d in docs if d["kind"] == "HTTPRoute"]
    assert [len(d["spec"]["rules"]) for d in httproutes] == [16, 4]


def test_every_request_is_bounded_in_time_but_event_streams(
    rendered: dict[str, list[Doc]],
) -> None:
    """A slow or truncated body cannot hold a gateway connection for ever: every rule bounds
    the whole request, except the Exact rules of the answers that stay open (SSE)."""
    table = load_route_table()
    assert table.streams, "routes.yaml names the server-sent event streams"
    for docs in rendered.values():
        open_paths = set()
        for route in (d for d in docs if d["kind"] == "HTTPRoute"):
            for rule in route["spec"]["rules"]:
                (match,) = rule["matches"]
                if match["path"]["type"] == "Exact":
                    assert rule["timeouts"] == {"request": "0s"}
                    open_paths.add(match["path"]["value"])
                else:
                    assert rule["timeouts"]["request"] not in ("", "0s"), rule
        assert open_paths == set(table.streams)
