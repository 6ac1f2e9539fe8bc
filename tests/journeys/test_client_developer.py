"""A client-app developer's path: a smoke journey per generated SDK (sdk/) against the journeys'
shared platform, through the gateway:
register, verify the email (the link's token read from the email the platform really sent),
sign in, search the Learn repository, contribute a resource; in Python, the platform admin
also grants the person a role and revokes it with the SDK (a member may not). The TypeScript
journey is compiled by tsc against the generated types first (a wrong path, body or field
fails there)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from diaspora_platform_client import AuthenticatedClient, Client
from diaspora_platform_client.api.accounts import (
    grant_role,
    login,
    register,
    revoke_role,
    verify_email,
)
from diaspora_platform_client.api.resources import (
    contribute,
    moderation_queue,
    search_resources,
)
from diaspora_platform_client.models import (
    Created,
    LinkToken,
    LoginRequest,
    Problem,
    RegistrationRequest,
    RegistrationResponse,
    ResourceIn,
    ResourceKind,
    Role,
    RolesView,
    SearchResults,
    TokenResponse,
)

from devstack.paths import repo_root
from devstack.system import ADMIN, Platform

TYPESCRIPT = repo_root() / "sdk" / "typescript"


def _signed_in(platform: Platform, email: str, password: str) -> AuthenticatedClient:
    anonymous = Client(base_url=platform.gateway_url)
    tokens = login.sync(client=anonymous, body=LoginRequest(email=email, password=password))
    assert isinstance(tokens, TokenResponse), tokens
    return AuthenticatedClient(
        base_url=platform.gateway_url, token=tokens.access_token, raise_on_unexpected_status=True
    )


def test_python_sdk_journey(journey_platform: Platform) -> None:
    email = f"py-{uuid.uuid4().hex[:8]}@example.org"
    password = "a long enough Python passphrase"
    anonymous = Client(base_url=journey_platform.gateway_url, raise_on_unexpected_status=True)

    registered = register.sync_detailed(
        client=anonymous,
        body=RegistrationRequest(
            email=email, password=password, display_name="Tala from Python", locale="en"
        ),
    )
    assert registered.status_code == 201
    assert isinstance(registered.parsed, RegistrationResponse)
    account_id = registered.parsed.account_id

    token = journey_platform.smtp.link_token(email)
    verified = verify_email.sync_detailed(client=anonymous, body=LinkToken(token=token))
    assert verified.status_code == 200, verified.content

    member = _signed_in(journey_platform, email, password)

    found = search_resources.sync(client=member, q="diaspora", limit=5)
    assert isinstance(found, SearchResults)

    created = contribute.sync_detailed(
        client=member,
        idempotency_key=str(uuid.uuid4()),
        body=ResourceIn(
            kind=ResourceKind.TOOLKIT,
            language="en",
            title="Investing back home: a Python SDK toolkit",
            summary="Contributed by the SDK smoke journey.",
        ),
    )
    assert created.status_code == 201
    assert isinstance(created.parsed, Created) and created.parsed.status == "draft"
    assert created.headers["location"] == f"/v1/resources/{created.parsed.id}"

    # roles: only the platform admin grants and revokes them; they ride in the next token
    refused = grant_role.sync_detailed(account_id=account_id, role=Role.MODERATOR, client=member)
    assert refused.status_code == 403 and isinstance(refused.parsed, Problem)
    assert moderation_queue.sync_detailed(client=member).status_code == 403
    admin = _signed_in(journey_platform, *ADMIN)
    granted = grant_role.sync(account_id=account_id, role=Role.MODERATOR, client=admin)
    assert isinstance(granted, RolesView) and "moderator" in granted.roles, granted
    moderator = _signed_in(journey_platform, email, password)
    assert moderation_queue.sync_detailed(client=moderator).status_code == 200
    revoked = revoke_role.sync(account_id=account_id, role=Role.MODERATOR, client=admin)
    assert isinstance(revoked, RolesView) and "moderator" not in revoked.roles, revoked
    again = _signed_in(journey_platform, email, password)
    assert moderation_queue.sync_detailed(client=again).status_code == 403


@pytest.fixture(scope="module")
def typescript_journey() -> Path:
    """The TypeScript SDK and its journey, compiled (make install put its npm packages)."""
    npx = shutil.which("npx")
    assert npx and (TYPESCRIPT / "node_modules" / "typescript").is_dir(), "run make install"
    build = subprocess.run(
        [npx, "tsc", "-p", "tsconfig.json"],
        cwd=TYPESCRIPT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return TYPESCRIPT / "dist" / "smoke" / "journey.js"


def test_typescript_sdk_journey(journey_platform: Platform, typescript_journey: Path) -> None:
    email = f"ts-{uuid.uuid4().hex[:8]}@example.org"
    journey = subprocess.Popen(
        ["node", str(typescript_journey)],
        env={
            **os.environ,
            "PLATFORM_URL": journey_platform.gateway_url,
            "JOURNEY_EMAIL": email,
        },
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert journey.stdin is not None and journey.stdout is not None
    try:
        first = json.loads(journey.stdout.readline())
        assert first["step"] == "registered", first
        journey.stdin.write(journey_platform.smtp.link_token(email) + "\n")
        journey.stdin.flush()
        out, err = journey.communicate(timeout=120)
    finally:
        if journey.poll() is None:
            journey.kill()
            journey.wait()
    steps = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert journey.returncode == 0, f"{steps} {err}"
    assert [s["step"] for s in steps] == ["verified", "signed in", "searched", "contributed"]
    contributed = steps[-1]
    assert contributed["status"] == "draft"
    assert contributed["location"] == f"/v1/resources/{contributed['id']}"
