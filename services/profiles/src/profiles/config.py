"""Profiles settings (environment variables, e.g. ``ACCESS_TOKEN_TTL_S``)."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field

from eventkit.settings import ServiceSettings
from profiles.domain.sessions import LoginThrottle


class OidcProviderSettings(BaseModel):
    """One OpenID Provider for social login (discovered from ``issuer``)."""

    issuer: str
    client_id: str
    client_secret: str = ""
    scopes: str = "openid email profile"
    label: str = ""


class ProfilesSettings(ServiceSettings):
    service_name: str = "profiles"
    #: request body limit for mapping uploads (Kobo/ODK exports, XLSForm files)
    mapping_upload_max_bytes: int = 20 * 1024 * 1024
    #: the platform's floor for k: no campaign publishes a count below it, and respondents
    #: are told the campaign's own k (at least this) in their language (docs/privacy.md)
    mapping_min_k: int = Field(default=10, ge=5, le=100)

    # access tokens (JWT, ES256) and their signing keys
    access_token_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 24 * 3600
    #: the active signing key is replaced by a new one once it is this old
    signing_key_rotation_s: int = 30 * 24 * 3600

    # emailed one-time links
    verification_link_ttl_s: int = 48 * 3600
    password_reset_link_ttl_s: int = 3600
    #: the token is appended to these (the client app, or the API's own endpoints)
    verification_link_base: str = Field(default="", description="default: the web's /verify page")
    password_reset_link_base: str = Field(default="", description="default: the web's /reset page")
    #: at most this many link emails of each kind per account per hour (mailbombing guard)
    link_emails_max_per_hour: int = 3

    # argon2id cost (None: argon2-cffi's RFC 9106 low-memory profile, 3 passes over 64 MiB)
    argon2_time_cost: int | None = None
    argon2_memory_cost_kib: int | None = None

    # brute-force protection (profiles.domain.sessions.LoginThrottle): failures counted per
    # account and client address, per account and per address over a window; past the free
    # ones each attempt waits a delay doubling from LOGIN_FIRST_DELAY_S to LOGIN_MAX_DELAY_S
    login_max_failures: int = 5
    login_account_free_failures: int = 20
    login_address_free_failures: int = 50
    login_failure_window_s: int = 3600
    login_first_delay_s: float = 2.0
    login_max_delay_s: float = 900.0
    #: an address that signed in to an account within this many days is the owner's usual
    #: client: an attack on the account from elsewhere does not slow it down
    login_trusted_client_days: int = 90

    #: the issuer name authenticator apps show beside the account (two-factor sign-in)
    totp_issuer: str = "Diaspora Platform"

    #: social login providers by name, a JSON object (docs/developers/social-login.md), e.g.
    #: OIDC_PROVIDERS='{"google": {"issuer": "https://accounts.google.com", "client_id": "..."}}'
    oidc_providers: dict[str, OidcProviderSettings] = {}
    oidc_login_ttl_s: int = 600
    #: where providers send the person back, ``{provider}`` replaced by the provider's name:
    #: the web client's page (it hands ``code`` and ``state`` to the API's callback from its
    #: server), e.g. https://diaspora.example.org/auth/oidc/{provider}/callback. Default: the
    #: API's own callback, {PUBLIC_BASE_URL}/v1/auth/oidc/{provider}/callback
    oidc_callback_url: str = ""

    # ---- privacy (docs/privacy.md) ----
    #: the privacy notice a consent given without naming one agrees to
    privacy_policy_version: str = "2026-11"
    #: key-encryption key of the subject keys (base64, 32 bytes; a Secret in deploy/).
    #: Empty: crypto-shredding is OFF and personal fields go out in clear (a warning is logged)
    subject_key_kek: str = Field(default="", repr=False)
    #: earlier KEKs (comma-separated base64), kept only to unwrap the keys they wrapped until
    #: the worker has rewrapped them under SUBJECT_KEY_KEK (docs/privacy.md, "Rotating the
    #: key-encryption key"); a malformed entry stops profiles at startup
    subject_key_kek_previous: str = Field(default="", repr=False)
    #: subject keys rewrapped per transaction by the worker's rewrap job
    subject_key_rewrap_batch: int = Field(default=200, ge=1)
    #: pause between two rewrap batches (spreads the load on the database)
    subject_key_rewrap_pause_s: float = 0.1
    #: once no key is left to rewrap, the job looks again this often
    subject_key_rewrap_interval_s: float = 300.0
    #: consuming services allowed to fetch subject keys: ``{"notifications": "<token>"}``
    subject_key_clients: dict[str, str] = Field(default={}, repr=False)
    # retention, run by the worker's retention job (0 or None: keep)
    #: private messages older than this are deleted (off by default: people's own content)
    retention_messages_days: int | None = None
    #: accounts never verified are erased after this many days
    retention_unverified_accounts_days: int | None = 30
    #: audit log entries older than this are deleted
    retention_audit_log_days: int | None = 730
    retention_interval_s: float = 3600.0

    # demo administrator created by ``python -m profiles seed`` (nothing when unset)
    admin_email: str = ""
    admin_password: str = ""
    admin_display_name: str = "Platform administrator"

    # the privacy sagas (docs/privacy.md)
    #: an erasure or export still waiting on a participant is asked again this often
    privacy_retry_after_s: float = 30.0
    #: how often the worker looks for sagas to retry and exports to expire
    privacy_jobs_interval_s: float = 5.0
    #: an export's archive, download link and private key live this long
    export_ttl_s: int = 7 * 24 * 3600
    #: a folder for assembled archives (a volume shared by API and worker); empty: kept in
    #: profiles' database (privacy_archives), which every replica already shares
    export_archive_dir: str = ""
    #: accounts without a password (social login only) re-authenticate for erasure by
    #: presenting an access token issued at most this long ago
    erasure_reauth_max_age_s: int = 300

    # Emailed links land on the web client's pages (WEB_BASE_URL), which call the API.
    def export_download_link(self, export_id: str, token: str) -> str:
        return f"{self.web_url}/privacy/exports/{export_id}?token={token}"

    def verify_link(self, token: str) -> str:
        return (self.verification_link_base or f"{self.web_url}/verify?token=") + token

    def reset_link(self, token: str) -> str:
        return (self.password_reset_link_base or f"{self.web_url}/reset?token=") + token

    def oidc_redirect_uri(self, provider: str) -> str:
        """The redirect URI registered at every provider (the same at authorize and token)."""
        if self.oidc_callback_url:
            return self.oidc_callback_url.replace("{provider}", provider)
        return f"{self.public_base_url.rstrip('/')}/v1/auth/oidc/{provider}/callback"

    def login_throttle(self) -> LoginThrottle:
        return LoginThrottle(
            window=timedelta(seconds=self.login_failure_window_s),
            free_per_client=self.login_max_failures,
            free_per_account=self.login_account_free_failures,
            free_per_address=self.login_address_free_failures,
            first_delay=timedelta(seconds=self.login_first_delay_s),
            max_delay=timedelta(seconds=self.login_max_delay_s),
        )
