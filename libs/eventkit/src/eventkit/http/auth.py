"""Bearer JWT verification for every service, with public keys from the profiles JWKS.

Keys are cached; an unknown ``kid`` (key rotation) triggers at most one refetch per
``min_refresh_s`` so a flood of forged tokens cannot hammer the JWKS endpoint.

Verified tokens are cached too (a client sends the same token with every request until it
expires, and the signature check is most of the cost of authenticating a request): a hit is
the byte-identical token, whose signature was already checked, and its expiry is checked again
on every use. The cache is emptied whenever the signing keys are refetched, so a key withdrawn
from the JWKS stops being honoured exactly as soon as it did before.

A token whose subject was revoked (an erased account, ``eventkit.revocations``) is refused
however valid its signature, cached or not.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Container
from dataclasses import dataclass, field
from typing import Annotated, Any
from uuid import UUID

import httpx
import jwt
from fastapi import Depends, Request, Security
from jwt import PyJWK

from contracts.vocabulary import Permission, holding, permits
from eventkit.domain_errors import Forbidden
from eventkit.http.openapi_security import optional_bearer, required_bearer
from eventkit.http.problems import Problem

JwksSource = Callable[[], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Principal:
    """Who is calling: the account id and the roles the token grants."""

    subject: UUID
    roles: frozenset[str] = field(default_factory=frozenset)
    claims: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def may(self, permission: Permission) -> bool:
        """Whether the caller's roles permit ``permission`` (contracts.vocabulary)."""
        return permits(self.roles, permission)


def http_jwks_source(url: str) -> JwksSource:
    async def fetch() -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(url)
            response.raise_for_status()
            data: dict[str, Any] = response.json()
            return data

    return fetch


class JwtVerifier:
    def __init__(
        self,
        source: JwksSource,
        *,
        issuer: str,
        audience: str,
        ttl_s: float = 300.0,
        min_refresh_s: float = 5.0,
        max_cached_tokens: int = 4096,
        revoked: Container[UUID] = frozenset(),
    ) -> None:
        self.source = source
        self.issuer = issuer
        self.audience = audience
        self.ttl_s = ttl_s
        self.min_refresh_s = min_refresh_s
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        self.max_cached_tokens = max_cached_tokens
        #: token -> (principal, exp); insertion-ordered, the oldest entry is evicted first
        self._verified: dict[str, tuple[Principal, float]] = {}
        #: subjects whose tokens are refused (the chassis hands in its RevokedSubjects)
        self.revoked = revoked

    async def _refresh(self, *, force: bool) -> None:
        async with self._lock:
            age = time.monotonic() - self._fetched_at
            if (force and age < self.min_refresh_s) or (not force and age < self.ttl_s):
                return
            jwks = await self.source()
            self._keys = {k["kid"]: PyJWK(k) for k in jwks.get("keys", []) if "kid" in k}
            self._fetched_at = time.monotonic()
            self._verified.clear()  # verified under the old key set: check again

    async def key_for(self, kid: str) -> PyJWK | None:
        if time.monotonic() - self._fetched_at >= self.ttl_s:  # no lock on the hot path
            await self._refresh(force=False)
        if kid not in self._keys:
            await self._refresh(force=True)
        return self._keys.get(kid)

    async def verify(self, token: str) -> Principal:
        principal = await self._verify_token(token)
        if principal.subject in self.revoked:
            raise _unauthorized("The access token's account no longer exists.")
        return principal

    async def _verify_token(self, token: str) -> Principal:
        if time.monotonic() - self._fetched_at >= self.ttl_s:
            await self._refresh(force=False)  # keys due: refetch (and forget verified tokens)
        cached = self._verified.get(token)
        if cached is not None:
            principal, expires = cached
            if time.time() < expires:  # PyJWT's rule: expired once ``exp <= now``
                return principal
            del self._verified[token]
        principal, expires = await self._verify_signed(token)
        if len(self._verified) >= self.max_cached_tokens:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (principal, expires)
        return principal

    async def _verify_signed(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise _unauthorized("The access token is malformed.") from exc
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise _unauthorized("The access token has no key id.")
        try:
            key = await self.key_for(kid)
        except httpx.HTTPError as exc:
            raise Problem(503, "Service Unavailable", "Signing keys are unavailable.") from exc
        if key is None:
            raise _unauthorized("The access token was signed by an unknown key.")
        try:
            claims = jwt.decode(
                token,
                key=key.key,
                algorithms=[key.algorithm_name],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
            subject = UUID(claims["sub"])
            expires = float(claims["exp"])
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise _unauthorized("The access token is invalid or expired.") from exc
        principal = Principal(
            subject=subject, roles=frozenset(claims.get("roles", [])), claims=claims
        )
        return principal, expires


def _unauthorized(detail: str) -> Problem:
    return Problem(
        401, "Unauthorized", detail, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )


def _bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _principal(request: Request) -> Principal | None:
    token = _bearer(request)
    if token is None:
        return None
    verifier: JwtVerifier = request.app.state.jwt_verifier
    return await verifier.verify(token)


# the Security(...) parameters only mark the operation in the OpenAPI document
# (eventkit.http.openapi_security); the token is read and checked here
async def optional_principal(
    request: Request, _: Annotated[object, Security(optional_bearer)]
) -> Principal | None:
    return await _principal(request)


async def require_principal(
    request: Request, _: Annotated[object, Security(required_bearer)]
) -> Principal:
    principal = await _principal(request)
    if principal is None:
        raise Problem(
            401,
            "Unauthorized",
            "A bearer access token is required.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return principal


CurrentPrincipal = Annotated[Principal, Depends(require_principal)]
MaybePrincipal = Annotated[Principal | None, Depends(optional_principal)]


def require_permission(permission: Permission) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting callers whose roles permit ``permission``: services name what
    an action needs, the vocabulary says which roles grant it."""
    return require_role(*holding(permission))


class EmailNotVerified(Forbidden):
    """Until the account's email address is verified, nothing it does may reach others."""

    type = "https://diaspora.example/problems/email-not-verified"
    title = "Email not verified"
    message = (
        "Verify your email address first (open the link we emailed you), then refresh your "
        "access token: until then you may edit your own profile and verify, nothing that "
        "reaches other people."
    )


def is_verified(principal: Principal) -> bool:
    """The token says its account's email address is verified (profiles sets the claim)."""
    return principal.claims.get("email_verified") is True


async def require_verified(principal: CurrentPrincipal) -> Principal:
    if not is_verified(principal):
        raise EmailNotVerified()
    return principal


#: the caller, whose email address is verified: for what reaches other people
VerifiedPrincipal = Annotated[Principal, Depends(require_verified)]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def writes_need_a_verified_email(request: Request, principal: MaybePrincipal) -> None:
    """A router-wide guard (``dependencies=[Depends(...)]``): every change made with a token
    needs a verified email address; reads and anonymous requests pass (the routes' own
    checks apply)."""
    if request.method not in SAFE_METHODS and principal is not None and not is_verified(principal):
        raise EmailNotVerified()


class SecondFactorNeeded(Forbidden):
    """The role that would allow the action is privileged (``SECOND_FACTOR_ROLES``) and the
    token's sign-in had no second factor."""

    type = "https://diaspora.example/problems/second-factor-needed"
    title = "Second factor needed"
    message = (
        "This action needs a sign-in with a second factor: enrol an authenticator app "
        "(POST /v1/auth/2fa/totp), then sign in again with its code."
    )


def has_second_factor(principal: Principal) -> bool:
    """The token's sign-in used a second factor (RFC 8176 ``amr`` holds ``mfa``)."""
    amr = principal.claims.get("amr")
    return isinstance(amr, list) and "mfa" in amr


def _second_factor_roles(request: Request) -> frozenset[str]:
    chassis = getattr(request.app.state, "chassis", None)
    return frozenset(chassis.settings.second_factor_roles) if chassis is not None else frozenset()


def require_role(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting callers holding one of ``roles``; when every role the caller
    holds of them is privileged (``SECOND_FACTOR_ROLES``), its sign-in needs a second factor."""

    async def check(request: Request, principal: CurrentPrincipal) -> Principal:
        granting = principal.roles.intersection(roles)
        if not granting:
            raise Problem(403, "Forbidden", f"This action needs one of the roles: {list(roles)}.")
        if granting <= _second_factor_roles(request) and not has_second_factor(principal):
            raise SecondFactorNeeded()
        return principal

    return check
