"""The bearer-token verifier remembers verified tokens: a repeat costs no signature check, but
expiry is still enforced on every use and a refetch of the signing keys forgets them all."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from devstack.testing import TokenIssuer
from eventkit.http.auth import JwtVerifier
from eventkit.http.problems import Problem


class CountingSource:
    """A JWKS source whose published keys the test can swap, counting fetches."""

    def __init__(self, issuer: TokenIssuer) -> None:
        self.jwks = issuer.jwks()
        self.fetches = 0

    async def __call__(self) -> dict[str, Any]:
        self.fetches += 1
        return self.jwks


def verifier(source: CountingSource, **kwargs: Any) -> JwtVerifier:
    return JwtVerifier(source, issuer="diaspora-platform", audience="diaspora-platform", **kwargs)


async def test_a_repeated_token_is_not_verified_again(monkeypatch: pytest.MonkeyPatch) -> None:
    issuer = TokenIssuer()
    v = verifier(CountingSource(issuer))
    person = uuid.uuid4()
    token = issuer.token(person, ["member", "moderator"])
    first = await v.verify(token)
    assert first.subject == person and first.roles == {"member", "moderator"}

    def no_second_check(*_: Any, **__: Any) -> None:
        raise AssertionError("signature checked again")

    monkeypatch.setattr("eventkit.http.auth.jwt.decode", no_second_check)
    assert await v.verify(token) == first


async def test_a_cached_token_still_expires() -> None:
    issuer = TokenIssuer()
    v = verifier(CountingSource(issuer))
    token = issuer.token(uuid.uuid4(), ttl_s=1)
    await v.verify(token)
    await asyncio.sleep(1.1)
    with pytest.raises(Problem) as refused:
        await v.verify(token)
    assert refused.value.status == 401


async def test_a_tampered_copy_of_a_cached_token_is_refused() -> None:
    issuer = TokenIssuer()
    v = verifier(CountingSource(issuer))
    token = issuer.token(uuid.uuid4())
    await v.verify(token)
    header, payload, signature = token.split(".")
    forged_payload = payload[:-2] + ("AA" if not payload.endswith("AA") else "BB")
    for forged in (f"{header}.{forged_payload}.{signature}", f"{token}x"):
        with pytest.raises(Problem) as refused:
            await v.verify(forged)
        assert refused.value.status == 401


async def test_refetched_keys_forget_tokens_of_a_withdrawn_key() -> None:
    old, new = TokenIssuer(), TokenIssuer()
    source = CountingSource(old)
    v = verifier(source, ttl_s=0.2)
    token = old.token(uuid.uuid4())
    await v.verify(token)
    source.jwks = new.jwks()  # the old key is withdrawn from the JWKS
    await asyncio.sleep(0.25)  # the key set is due for a refetch
    with pytest.raises(Problem) as refused:
        await v.verify(token)
    assert refused.value.status == 401
    assert source.fetches == 2
    await v.verify(new.token(uuid.uuid4()))


async def test_the_cache_is_bounded() -> None:
    issuer = TokenIssuer()
    v = verifier(CountingSource(issuer), max_cached_tokens=3)
    tokens = [issuer.token(uuid.uuid4()) for _ in range(5)]
    for token in tokens:
        await v.verify(token)
    assert len(v._verified) == 3
    assert list(v._verified) == tokens[2:]  # the oldest went first
