"""Social login with any configured OpenID Provider: authorization code flow with PKCE.

A provider identity signs in to the account it is linked to. A new identity either creates an
account (when its email is not registered yet) or must be linked explicitly by a signed-in
person: an unverified claim to an existing email never takes that account over.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventkit import domain_errors as kinds
from profiles.adapters import oidc_client
from profiles.adapters.oidc_client import OidcError, Pkce
from profiles.config import OidcProviderSettings, ProfilesSettings
from profiles.domain.account import Account, AccountStatus, EmailTaken
from profiles.service_layer.identity import TokenPair, issue_tokens
from profiles.service_layer.registration import InvalidEmail, normalise_email
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork


class UnknownProvider(kinds.NotFound):
    message = "No such sign-in provider."


class ProviderUnavailable(kinds.UpstreamFailed):
    message = "The sign-in provider is unavailable."


class InvalidLogin(kinds.BadRequest):
    """Unknown, used or expired ``state``; or the provider's answer did not check out."""

    title = "Sign-in failed"


class IdentityLinkedElsewhere(kinds.Conflict):
    message = "This identity is linked to another account."


@dataclass(frozen=True)
class OidcOutcome:
    tokens: TokenPair
    account_id: UUID
    created: bool
    linked: bool


def _provider(settings: ProfilesSettings, name: str) -> OidcProviderSettings:
    provider = settings.oidc_providers.get(name)
    if provider is None:
        raise UnknownProvider()
    return provider


async def begin(
    name: str,
    link_account: UUID | None,
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    now: datetime,
) -> str:
    """Start a sign-in (or a link, for a signed-in account): the provider URL to send to."""
    provider = _provider(settings, name)
    try:
        meta = await oidc_client.discover(provider.issuer)
    except OidcError as exc:
        raise ProviderUnavailable() from exc
    state, nonce, pkce = secrets.token_urlsafe(32), secrets.token_urlsafe(32), Pkce.new()
    async with uow:
        await uow.oidc.start(
            state,
            provider=name,
            code_verifier=pkce.verifier,
            nonce=nonce,
            link_account_id=link_account,
            now=now,
            expires_at=now + timedelta(seconds=settings.oidc_login_ttl_s),
        )
        await uow.commit()
    return oidc_client.authorization_url(
        meta, provider, settings.oidc_redirect_uri(name), state, nonce, pkce
    )


async def complete(
    name: str,
    code: str,
    state: str,
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    now: datetime,
) -> OidcOutcome:
    provider = _provider(settings, name)
    async with uow:  # spend the state first: a replayed callback finds nothing
        login = await uow.oidc.claim(state, name, now)
        await uow.commit()
    if login is None:
        raise InvalidLogin("This sign-in link is unknown, used or expired.")
    try:
        meta = await oidc_client.discover(provider.issuer)
        tokens = await oidc_client.exchange_code(
            meta, provider, code, settings.oidc_redirect_uri(name), login["code_verifier"]
        )
        claims = await oidc_client.verify_id_token(
            meta, provider, tokens["id_token"], login["nonce"]
        )
    except OidcError as exc:
        raise InvalidLogin(str(exc)) from exc
    return await _sign_in(name, claims, login["link_account_id"], uow, settings, now)


async def _sign_in(
    name: str,
    claims: dict[str, object],
    link_account: UUID | None,
    uow: ProfilesUnitOfWork,
    settings: ProfilesSettings,
    now: datetime,
) -> OidcOutcome:
    subject = str(claims["sub"])
    raw_email = claims.get("email")
    email_verified = claims.get("email_verified") is True
    created = linked = False
    async with uow:
        account_id = await uow.oidc.account_for(name, subject)
        if link_account is not None:
            if account_id is not None and account_id != link_account:
                raise IdentityLinkedElsewhere()
            if account_id is None:
                await uow.oidc.link(name, subject, link_account, _str(raw_email), now)
                linked = True
            account_id = link_account
        elif account_id is None:
            try:
                email = normalise_email(str(raw_email)) if raw_email else None
            except InvalidEmail:
                email = None
            if email is None:
                raise InvalidLogin("The provider shared no usable email address.")
            if await uow.accounts.get_by_email(email) is not None:
                # sign in and link the provider first
                raise EmailTaken(
                    "An account uses this email: sign in with your password, then link the"
                    " provider."
                )
            display_name = str(claims.get("name") or email.split("@", 1)[0])[:200]
            account = Account.register(
                email=email,
                display_name=display_name,
                locale=str(claims.get("locale") or "en")[:12],
                password_hash=None,  # signs in through the provider only (or after a reset)
            )
            if email_verified:
                account.verify_email(now)
            await uow.accounts.add(account)
            await uow.oidc.link(name, subject, account.id, email, now)
            uow.track(account)
            account_id, created, linked = account.id, True, True
        account_obj = await uow.accounts.get(account_id)
        if account_obj is None or account_obj.status == AccountStatus.ERASED:
            raise InvalidLogin("The linked account no longer exists.")
        pair = await issue_tokens(uow, settings, account_obj, now)
        await uow.commit()
    return OidcOutcome(tokens=pair, account_id=account_id, created=created, linked=linked)


def _str(value: object) -> str | None:
    return str(value)[:320] if value else None


async def identities(account_id: UUID, uow: ProfilesUnitOfWork) -> list[dict[str, Any]]:
    async with uow:
        return await uow.oidc.identities_of(account_id)
