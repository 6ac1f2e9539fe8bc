"""OpenID Connect relying party (authorization code flow with PKCE), over httpx.

Discovery and provider keys are cached per issuer. ID tokens are checked for signature,
issuer, audience, expiry and the nonce of the sign-in that asked for them.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from jwt import PyJWK

from profiles.config import OidcProviderSettings

_CACHE_S = 300.0
_discovery: dict[str, tuple[float, dict[str, Any]]] = {}
_keys: dict[str, tuple[float, dict[str, PyJWK]]] = {}


class OidcError(Exception):
    """The provider refused, or answered something we cannot trust."""


@dataclass(frozen=True)
class Pkce:
    verifier: str
    challenge: str

    @classmethod
    def new(cls) -> Pkce:
        verifier = secrets.token_urlsafe(64)[:96]
        digest = hashlib.sha256(verifier.encode()).digest()
        return cls(verifier, base64.urlsafe_b64encode(digest).decode().rstrip("="))


async def _get_json(url: str) -> dict[str, Any]:
    try:
        async with httpx.AsyncClient(timeout=10.0) as client:
            response = await client.get(url)
            response.raise_for_status()
            data: dict[str, Any] = response.json()
            return data
    except (httpx.HTTPError, ValueError) as exc:
        raise OidcError(f"cannot read {url}") from exc


async def discover(issuer: str) -> dict[str, Any]:
    cached = _discovery.get(issuer)
    if cached and time.monotonic() - cached[0] < _CACHE_S:
        return cached[1]
    meta = await _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration")
    if meta.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
        raise OidcError("the discovery document names another issuer")
    _discovery[issuer] = (time.monotonic(), meta)
    return meta


def authorization_url(
    meta: dict[str, Any],
    provider: OidcProviderSettings,
    redirect_uri: str,
    state: str,
    nonce: str,
    pkce: Pkce,
) -> str:
    query = urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri,
            "scope": provider.scopes,
            "state": state,
            "nonce": nonce,
            "code_challenge": pkce.challenge,
            "code_challenge_method": "S256",
        }
    )
    return f"{meta['authorization_endpoint']}?{query}"


async def exchange_code(
    meta: dict[str, Any],
    provider: OidcProviderSettings,
    code: str,
    redirect_uri: str,
    code_verifier: str,
) -> dict[str, Any]:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": provider.client_id,
    }
    # client_secret_basic when the client has a secret; a public client sends only its id
    auth = httpx.BasicAuth(provider.client_id, provider.client_secret)
    try:
        async with httpx.AsyncClient(timeout=10.0) as client:
            if provider.client_secret:
                response = await client.post(meta["token_endpoint"], data=form, auth=auth)
            else:
                response = await client.post(meta["token_endpoint"], data=form)
    except httpx.HTTPError as exc:
        raise OidcError("the token endpoint is unreachable") from exc
    if response.status_code != 200:
        raise OidcError(f"the provider refused the code ({response.status_code})")
    tokens: dict[str, Any] = response.json()
    if "id_token" not in tokens:
        raise OidcError("the provider returned no ID token")
    return tokens


async def _key(meta: dict[str, Any], kid: str | None) -> PyJWK:
    uri = meta["jwks_uri"]
    cached = _keys.get(uri)
    if not cached or time.monotonic() - cached[0] > _CACHE_S or (kid and kid not in cached[1]):
        jwks = await _get_json(uri)
        cached = (
            time.monotonic(),
            {
                k.get("kid", ""): PyJWK(k)
                for k in jwks.get("keys", [])
                if k.get("use", "sig") == "sig"
            },
        )
        _keys[uri] = cached
    keys = cached[1]
    if kid is None and len(keys) == 1:
        return next(iter(keys.values()))
    if kid is None or kid not in keys:
        raise OidcError("the ID token was signed by an unknown key")
    return keys[kid]


async def verify_id_token(
    meta: dict[str, Any], provider: OidcProviderSettings, id_token: str, nonce: str
) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(id_token)
        key = await _key(meta, header.get("kid"))
        algorithms = meta.get("id_token_signing_alg_values_supported") or ["RS256"]
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key=key.key,
            algorithms=[a for a in algorithms if a != "none"],
            audience=provider.client_id,
            issuer=meta["issuer"],
            options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            leeway=30,
        )
    except jwt.PyJWTError as exc:
        raise OidcError(f"invalid ID token: {exc}") from exc
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OidcError("the ID token does not answer this sign-in (nonce)")
    return claims
