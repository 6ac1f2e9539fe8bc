"""Helpers for the profiles tests (HTTP flows and outbox inspection)."""

from __future__ import annotations

import base64
import os
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy import select

from contracts.privacy import is_encrypted
from eventkit.crypto import decrypt_value
from profiles.adapters.orm import outbox
from profiles.bootstrap import ProfilesService

PASSWORD = "correct horse battery staple"
ADMIN_EMAIL = "admin@diaspora.example.org"
ADMIN_PASSWORD = "admin demo password 2026"
#: crypto-shredding on in tests, as in every deployment (a fresh KEK per test session)
SUBJECT_KEY_KEK = base64.b64encode(os.urandom(32)).decode()
#: the token the "notifications" service presents to the subject-key endpoint in tests
KEY_CLIENT_TOKEN = base64.urlsafe_b64encode(os.urandom(24)).decode()


def unique_email(prefix: str = "member") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}@example.org"


async def register(
    client: httpx.AsyncClient, email: str | None = None, *, name: str = "Amina Diallo"
) -> tuple[str, str]:
    email = email or unique_email()
    r = await client.post(
        "/v1/auth/register", json={"email": email, "password": PASSWORD, "display_name": name}
    )
    assert r.status_code == 201, r.text
    return r.json()["account_id"], email


async def login(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, ip: str = "203.0.113.1"
) -> httpx.Response:
    return await client.post(
        "/v1/auth/login",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": ip},
    )


#: the session's profiles service (set by conftest): member() reads the emailed link from it
SERVICE: list[ProfilesService] = []


async def verify(client: httpx.AsyncClient, account_id: str) -> None:
    """Open the verification link the account was emailed (from the outbox)."""
    [registered] = await outbox_events(SERVICE[0], "profiles.account.registered", account_id)
    token = parse_qs(urlsplit(registered["verification_url"]).query)["token"][0]
    r = await client.post("/v1/auth/verify-email", json={"token": token})
    assert r.status_code == 200, r.text


async def member(
    client: httpx.AsyncClient, name: str = "Amina Diallo", *, verified: bool = True
) -> tuple[str, str]:
    """A registered member, email verified unless told otherwise: (account id, token)."""
    account_id, email = await register(client, name=name)
    if verified:
        await verify(client, account_id)
    r = await login(client, email)
    assert r.status_code == 200, r.text
    return account_id, r.json()["access_token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def outbox_events(
    service: ProfilesService, type_name: str, subject: str | None = None, *, raw: bool = False
) -> list[dict[str, Any]]:
    """Payloads of outbox rows of one type (optionally for one aggregate), oldest first.

    Personal fields are encrypted (crypto-shredding); they are decrypted with the service's
    subject keys unless ``raw``.
    """
    query = select(outbox.c.aggregateid, outbox.c.payload).where(outbox.c.type == type_name)
    if subject is not None:
        query = query.where(outbox.c.aggregateid == subject)
    async with service.chassis.sessions() as session:
        rows = (await session.execute(query.order_by(outbox.c.position))).all()
        out = []
        for aggregate, payload in rows:
            payload = dict(payload)
            if not raw:
                payload = await _reveal(service, session, aggregate, payload)
            out.append(payload)
        return out


async def _reveal(
    service: ProfilesService, session: Any, subject: str, payload: dict[str, Any]
) -> dict[str, Any]:
    keys = service.subject_keys
    for field, value in payload.items():
        if is_encrypted(value) and keys is not None:
            key = await keys.key(session, value["key"])
            assert key is not None, "the subject key was destroyed"
            payload[field] = decrypt_value(value, key=key, subject=subject, field=field)
    return payload
