"""The gateway config is generated from routes.yaml: every route, segment-exact, longest wins."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from devstack.gateway import (
    PROBE_PATH,
    Balancing,
    Gateway,
    GatewayTimeouts,
    Route,
    RouteTable,
    caddy_binary,
    load_route_table,
    render_caddyfile,
)
from devstack.waiting import free_port


def _adapted(caddyfile: str, tmp_path: Path) -> Any:
    """Caddy's JSON config for ``caddyfile`` (`caddy adapt`: it fails on an invalid one)."""
    path = tmp_path / "Caddyfile"
    path.write_text(caddyfile)
    out = subprocess.run(
        [caddy_binary(), "adapt", "--config", str(path), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def _adapt(caddyfile: str, tmp_path: Path) -> list[tuple[list[str], str]]:
    """(path patterns, upstream dial) in Caddy's evaluation order, from `caddy adapt`."""
    config = _adapted(caddyfile, tmp_path)
    assert config["admin"]["disabled"] is True
    server = config["apps"]["http"]["servers"]["srv0"]
    assert server["listen"] == ["127.0.0.1:8080"]
    result: list[tuple[list[str], str]] = []

    def walk(routes: list[dict]) -> None:
        for route in routes:
            paths = [p for m in route.get("match", []) for p in m.get("path", [])]
            for handler in route.get("handle", []):
                if handler["handler"] == "subroute":
                    if paths:
                        dials = _dials(handler["routes"])
                        result.append((paths, dials[0] if dials else "respond"))
                    else:
                        walk(handler["routes"])

    walk(server["routes"])
    return result


def _dials(routes: list[dict]) -> list[str]:
    return [
        up["dial"]
        for r in routes
        for h in r.get("handle", [])
        if h["handler"] == "reverse_proxy"
        for up in h["upstreams"]
    ]


def _caddy_match(pattern: str, path: str) -> bool:
    if pattern.endswith("/*"):
        return path.startswith(pattern[:-1])
    return path == pattern


def _first_match(order: list[tuple[list[str], str]], path: str) -> str | None:
    for patterns, dial in order:
        if any(_caddy_match(p, path) for p in patterns):
            return dial
    return None


def test_every_route_is_rendered_with_its_upstream(tmp_path: Path) -> None:
    table = load_route_table()
    order = _adapt(render_caddyfile(), tmp_path)
    # the gateway's own health probe first, then one handler per route
    assert order[0] == ([PROBE_PATH], "respond")
    order = order[1:]
    assert len(order) == len(table.routes)
    for route in table.routes:
        port = table.services[route.service]
        for probe in (route.prefix, route.prefix + "/", route.prefix + "/x/y"):
            assert _first_match(order, probe) == f"127.0.0.1:{port}", probe
        # segment-exact: /v1/auth must not capture /v1/authx (the catch-all "/" takes it)
        other = table.resolve(route.prefix + "x")
        expected = f"127.0.0.1:{table.services[other]}" if other else None
        assert _first_match(order, route.prefix + "x") == expected


def test_longest_prefix_wins(tmp_path: Path) -> None:
    table = RouteTable(
        services={"a": 9001, "b": 9002},
        routes=(Route("/v1/people", "a"), Route("/v1/people/export", "b")),
    )
    order = _adapt(render_caddyfile(table=table), tmp_path)
    assert _first_match(order, "/v1/people/export/1") == "127.0.0.1:9002"
    assert _first_match(order, "/v1/people/1") == "127.0.0.1:9001"
    assert _first_match(order, "/v1/people/exports") == "127.0.0.1:9001"
    assert table.resolve("/v1/people/export") == "b"
    assert table.resolve("/v1/peoplex") is None


def test_unknown_service_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "routes.yaml"
    bad.write_text("services: {a: {port: 1}}\nroutes: [{prefix: /v1/x, service: nope}]\n")
    with pytest.raises(ValueError, match="nope"):
        load_route_table(bad)


class _Named(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps(
            {
                "server": self.server.name,
                "path": self.path,  # type: ignore[attr-defined]
                "request_id": self.headers.get("X-Request-ID"),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


_SERVERS: list[ThreadingHTTPServer] = []


@pytest.fixture
def backends() -> Iterator[dict[str, int]]:
    servers = []
    for name in ("a", "b"):
        srv = ThreadingHTTPServer(("127.0.0.1", 0), _Named)
        srv.name = name  # type: ignore[attr-defined]
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
    _SERVERS[:] = servers
    yield {s.name: s.server_address[1] for s in servers}  # type: ignore[attr-defined]
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def test_live_caddy_routes_and_404(tmp_path: Path, backends: dict[str, int]) -> None:
    routes = tmp_path / "routes.yaml"
    routes.write_text(
        f"services: {{a: {{port: {backends['a']}}}, b: {{port: {backends['b']}}}, "
        f"ghost: {{port: {free_port()}}}}}\n"
        "routes:\n  - {prefix: /v1/people, service: a}\n"
        "  - {prefix: /v1/people/export, service: b}\n"
        "  - {prefix: /v1/ghost, service: ghost}\n"
    )
    gw = Gateway(tmp_path / "home", f"127.0.0.1:{free_port()}")
    gw.start(routes)
    try:
        with httpx.Client(base_url=gw.url, timeout=5) as client:
            assert client.get("/v1/people/7").json()["server"] == "a"
            r = client.get("/v1/people/export/1", headers={"X-Request-ID": "rid-1"})
            assert r.json() == {"server": "b", "path": "/v1/people/export/1", "request_id": "rid-1"}
            assert client.get("/v1/people").json()["request_id"]  # minted when absent
            miss = client.get("/v1/peoplex")
            assert miss.status_code == 404
            assert miss.headers["content-type"] == "application/problem+json"
            assert miss.json()["status"] == 404
            assert miss.headers["x-content-type-options"] == "nosniff"
            assert miss.headers["x-frame-options"] == "DENY"
            assert miss.headers["x-request-id"]
            # a service that does not answer: a problem document with the same headers
            down = client.get("/v1/ghost/1", headers={"X-Request-ID": "rid-2"})
            assert down.status_code == 502, down.text
            assert down.headers["content-type"] == "application/problem+json"
            assert down.json()["status"] == 502 and down.json()["title"] == "Bad Gateway"
            assert down.headers["referrer-policy"] == "no-referrer"
            assert down.headers["x-request-id"] == "rid-2"
    finally:
        gw.stop()
    assert not gw.process.is_running()


def test_replicas_are_balanced_and_a_dead_one_is_routed_around(
    tmp_path: Path, backends: dict[str, int]
) -> None:
    """The cluster topology: a service's two replicas share its requests; once one stops
    answering, every request (a POST too) reaches the other, with no error; the internal
    port balances every path for the other services."""
    routes = tmp_path / "routes.yaml"
    routes.write_text(
        f"services: {{svc: {{port: {backends['a']}}}}}\n"
        "routes:\n  - {prefix: /v1/things, service: svc}\n"
    )
    internal = free_port()
    gw = Gateway(
        tmp_path / "home",
        f"127.0.0.1:{free_port()}",
        balancing=Balancing({"svc": [backends["a"], backends["b"]]}, {"svc": internal}),
    )
    gw.start(routes)
    try:
        with httpx.Client(base_url=gw.url, timeout=10) as client:
            served = {client.get("/v1/things/1").json()["server"] for _ in range(6)}
            assert served == {"a", "b"}
            inside = httpx.get(f"http://127.0.0.1:{internal}/.well-known/jwks.json", timeout=5)
            assert inside.json()["path"] == "/.well-known/jwks.json"
            elsewhere = httpx.get(f"http://127.0.0.1:{internal}/v1/nowhere", timeout=5)
            assert elsewhere.status_code == 200  # every path: no route table inside

            _stop_backend(backends, "b")
            answers = [client.post("/v1/things", content=b"{}") for _ in range(6)]
            assert [r.status_code for r in answers] == [501] * 6  # every one reached "a"
            assert {client.get("/v1/things/2").json()["server"] for _ in range(6)} == {"a"}
    finally:
        gw.stop()


def _stop_backend(backends: dict[str, int], name: str) -> None:
    """Close the backend's listening socket: connections to it are refused from now on."""
    for server in _SERVERS:
        if server.server_address[1] == backends[name]:
            server.shutdown()
            server.server_close()


def test_a_single_replica_gets_no_health_checks(tmp_path: Path) -> None:
    """The single topology's Caddyfile is as before: one upstream, no balancing options."""
    text = render_caddyfile()
    assert "health_uri" not in text and "lb_policy" not in text
    balanced = render_caddyfile(balancing=Balancing({"profiles": [8001, 8011]}, {"profiles": 8021}))
    assert "reverse_proxy 127.0.0.1:8001 127.0.0.1:8011 {" in balanced
    assert "health_uri /livez" in balanced
    assert "http://:8021 {" in balanced
    # services with one replica keep one upstream and no health checks
    assert "reverse_proxy 127.0.0.1:8002 {" in balanced
    # balanced or not, every proxy keeps the gateway's timeouts: the upstream keep-alive
    # shorter than the services', and no flush_interval -1 (it lifts the read deadlines)
    proxies = balanced.count("reverse_proxy ")
    assert balanced.count(f"keepalive {GatewayTimeouts().upstream_keepalive}") == proxies
    assert "flush_interval" not in balanced
    servers = _adapted(balanced, tmp_path)["apps"]["http"]["servers"]
    assert sorted(a for server in servers.values() for a in server["listen"]) == [
        "127.0.0.1:8021",
        "127.0.0.1:8080",
    ]
