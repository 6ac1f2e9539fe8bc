"""The walking skeleton: a person registers through the gateway on profiles; the account row
and its outbox row commit together; the relay publishes to Kafka; notifications consumes it
through its inbox, records a welcome delivery, and a welcome email arrives at a real SMTP
server — in the person's language."""

from __future__ import annotations

import asyncpg
import httpx

from conftest import Platform, unique_email
from devstack.postgres import plain_url
from devstack.waiting import run_sync, wait_until


def test_registration_through_gateway_ends_in_a_welcome_email(platform: Platform) -> None:
    email = unique_email("amina")
    response = httpx.post(
        f"{platform.gateway_url}/v1/auth/register",
        json={
            "email": email,
            "password": "a long enough passphrase",
            "display_name": "Amina Diallo",
            "locale": "fr",
        },
        timeout=10,
    )
    assert response.status_code == 201, response.text
    assert response.headers["via"].endswith("Caddy")  # it really went through the gateway
    account_id = response.json()["account_id"]

    wait_until(
        lambda: any(m["To"] == email for m in platform.smtp.messages()),
        90,  # generous: the shared CI machine can be slow to form a new consumer group
        what=f"welcome email to {email}",
        on_timeout=platform.logs,
    )
    [mail] = [m for m in platform.smtp.messages() if m["To"] == email]
    assert mail["Subject"] == "Bienvenue sur la Plateforme de la diaspora, Amina Diallo"
    assert mail["Content-Language"] == "fr"

    async def state() -> tuple[int, int, str]:
        conn = await asyncpg.connect(plain_url(platform.infra.admin_database_url))
        try:
            published = await conn.fetchval(
                "SELECT count(*) FROM profiles.outbox WHERE aggregateid = $1"
                " AND published_at IS NOT NULL",
                account_id,
            )
            inbox = await conn.fetchval(
                "SELECT count(*) FROM notifications.inbox"
                " WHERE type = 'profiles.account.registered'"
                " AND event_id IN (SELECT id::text FROM profiles.outbox WHERE aggregateid = $1)",
                account_id,
            )
            status = await conn.fetchval(
                "SELECT status FROM notifications.deliveries WHERE recipient_id = $1::uuid",
                account_id,
            )
            return published, inbox, status
        finally:
            await conn.close()

    # the mail leaves before the dispatcher commits "sent", and the relay marks the event
    # published after the broker's ack, in its own process: wait for both rather than race them
    wait_until(
        lambda: run_sync(state) == (1, 1, "sent"),
        30,
        what="the event marked published, consumed once and its delivery marked sent",
        on_timeout=lambda: f"{run_sync(state)}\n{platform.logs()}",
    )


def test_registering_a_taken_email_reveals_nothing_and_emails_the_owner(
    platform: Platform,
) -> None:
    """Registration cannot tell who has an account (DESIGN §6): the same answer as for a new
    address, no second account; the owner, in their language, is told of the attempt."""
    email = unique_email("owner")

    def attempt(address: str, name: str, locale: str = "en") -> httpx.Response:
        return httpx.post(
            f"{platform.gateway_url}/v1/auth/register",
            json={
                "email": address,
                "password": "a long enough passphrase",
                "display_name": name,
                "locale": locale,
            },
            timeout=10,
        )

    first = attempt(email, "Awa Ndiaye", "fr")
    assert first.status_code == 201, first.text
    again = attempt(email, "Someone Else")
    fresh = attempt(unique_email("fresh"), "Someone Else")
    assert again.status_code == fresh.status_code == 201
    assert again.headers["content-type"] == fresh.headers["content-type"]
    assert again.json().keys() == fresh.json().keys()
    assert again.json()["status"] == fresh.json()["status"]

    def mail_to_owner() -> list[str]:
        return [str(m["Subject"]) for m in platform.smtp.messages() if m["To"] == email]

    wait_until(
        lambda: len(mail_to_owner()) >= 2,
        90,
        what=f"registration-attempt notice to {email}",
        on_timeout=platform.logs,
    )
    subjects = mail_to_owner()
    assert "Quelqu'un a tenté de s'inscrire avec votre adresse e-mail" in subjects
    assert len(subjects) == 2  # the welcome of the one account, then the notice

    async def accounts_with_that_email() -> int:
        conn = await asyncpg.connect(plain_url(platform.infra.admin_database_url))
        try:
            return int(
                await conn.fetchval(
                    "SELECT count(*) FROM profiles.accounts WHERE email = $1", email
                )
            )
        finally:
            await conn.close()

    assert run_sync(accounts_with_that_email) == 1


def test_bad_registration_is_a_problem_document_and_sends_nothing(platform: Platform) -> None:
    email = unique_email("weak")
    response = httpx.post(
        f"{platform.gateway_url}/v1/auth/register",
        json={"email": email, "password": "short", "display_name": "Weak"},
        timeout=10,
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Weak password"


def test_unknown_path_is_a_gateway_problem_document(platform: Platform) -> None:
    response = httpx.get(f"{platform.gateway_url}/v1/nowhere", timeout=10)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_each_service_serves_its_asyncapi_document(platform: Platform) -> None:
    for service in ("profiles", "notifications"):
        base = f"http://127.0.0.1:{platform.ports[service]}"
        doc = httpx.get(f"{base}/asyncapi.json", timeout=10).json()
        assert doc["asyncapi"].startswith("3.")
        # no page that would load a renderer from a CDN: the portal renders (/developers)
        assert httpx.get(f"{base}/asyncapi", timeout=10).status_code == 404
        assert httpx.get(f"{base}/docs", timeout=10).status_code == 404
    profiles_doc = httpx.get(f"http://127.0.0.1:{platform.ports['profiles']}/asyncapi.json").json()
    assert "profiles.account.v1" in {c["address"] for c in profiles_doc["channels"].values()}
