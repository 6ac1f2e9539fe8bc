"""Sealed session cookies and CSRF tokens (no infrastructure)."""

from __future__ import annotations

import time

from web.session import Session, SessionSealer


def signed_in(**overrides: object) -> Session:
    pair = {
        "access_token": "a.b.c",
        "refresh_token": "refresh-token-of-amina",
        "expires_in": 900,
        "refresh_expires_in": 3600,
    }
    session = Session().with_tokens(pair)
    return session.with_account(
        {
            "account_id": "acc",
            "display_name": "Amina",
            "roles": ["member"],
            "locale": "fr",
            "status": "active",
        }
    )


def test_a_sealed_session_opens_again_and_the_browser_cannot_read_it() -> None:
    sealer = SessionSealer("secret")
    session = signed_in()
    value = sealer.seal(session)
    # long plain texts: a two-letter one turns up in random ciphertext by chance
    assert "refresh-token-of-amina" not in value and "Amina" not in value
    assert sealer.open(value) == session


def test_a_changed_or_foreign_cookie_is_refused() -> None:
    sealer = SessionSealer("secret")
    value = sealer.seal(signed_in())
    tampered = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    assert sealer.open(tampered) is None
    assert SessionSealer("another secret").open(value) is None
    assert sealer.open("garbage") is None
    assert sealer.open("") is None


def test_a_session_whose_refresh_token_expired_is_refused() -> None:
    sealer = SessionSealer("secret")
    pair = {"access_token": "a", "refresh_token": "r", "expires_in": 1, "refresh_expires_in": 1}
    old = Session().with_tokens(pair, now=time.time() - 10)
    assert sealer.open(sealer.seal(old)) is None


def test_csrf_tokens_are_bound_to_the_session() -> None:
    sealer = SessionSealer("secret")
    one, two = Session(), Session()
    token = sealer.csrf_token(one)
    assert sealer.csrf_valid(one, token)
    assert not sealer.csrf_valid(two, token)
    assert not sealer.csrf_valid(one, None)
    assert not sealer.csrf_valid(one, "")


def test_signing_out_starts_a_new_session_id() -> None:
    session = signed_in()
    out = session.signed_out()
    assert not out.signed_in and out.sid != session.sid and out.roles == ()
