"""A small but real OpenID Provider that ENFORCES PKCE (S256), run as its own process by the
OIDC tests: ``python profiles_pkce_provider.py --port N --client-id ID --client-secret S``.

Built on authlib's authorization server (the same grant, PKCE and OpenID Connect code the
library ships for production providers), served by werkzeug:

- ``/.well-known/openid-configuration`` (discovery) and ``/jwks`` (its RSA public key);
- ``/authorize``: GET shows a sign-in form; POST ``sub=...`` signs that user in and
  redirects back with a code. The request MUST carry ``code_challenge`` with
  ``code_challenge_method=S256`` (anything else is refused);
- ``/token``: authorization_code grant, client_secret_basic; the ``code_verifier`` MUST hash
  to the code's challenge, else ``400 invalid_grant``. ID tokens are RS256-signed JWTs with
  iss, aud, exp, iat, nonce and the user's claims; a code is good once;
- ``PUT /users/<sub>``: the test sets a user's claims (email, email_verified, name).
"""

from __future__ import annotations

import argparse
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2 import OAuth2Error, OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo
from flask import Flask, jsonify, request
from joserfc.jwk import RSAKey

KID = "pkce-provider-key"
KEY = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"})


@dataclass
class Client(ClientMixin):  # type: ignore[misc]
    client_id: str
    client_secret: str

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "email", "profile"}
        return " ".join(s for s in scope.split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri.startswith(("http://", "https://"))

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "client_secret_basic" if endpoint == "token" else True

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    sub: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))
    expires_at: float = field(default_factory=lambda: time.time() + 300)

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None

    def is_expired(self) -> bool:
        return time.time() > self.expires_at


USERS: dict[str, dict[str, Any]] = {}
CODES: dict[str, AuthorizationCode] = {}
CLIENTS: dict[str, Client] = {}
ISSUER = ""


class StrictS256(CodeChallenge):  # type: ignore[misc]
    """PKCE for every client, confidential ones too, and only with S256."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: missing 'code_challenge'")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE method must be S256")
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        if not grant.request.form.get("code_verifier"):
            raise InvalidRequestError("Missing 'code_verifier'")
        super().validate_code_verifier(grant, result)


class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic"]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        CODES[code] = AuthorizationCode(
            code=code,
            client_id=request.client.get_client_id(),
            redirect_uri=data["redirect_uri"],
            scope=data.get("scope") or "",
            sub=request.user["sub"],
            nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"),
            code_challenge_method=data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
        found = CODES.get(code)
        if found and found.client_id == client.get_client_id() and not found.is_expired():
            return found
        return None

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: AuthorizationCode) -> dict[str, Any] | None:
        return USERS.get(authorization_code.sub)


class IdTokens(OpenIDCode):  # type: ignore[misc]
    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return any(c.nonce == nonce for c in CODES.values())

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return KEY

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": KID}

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {"iss": ISSUER, "aud": [client.get_client_id()], "exp": int(time.time()) + 600}

    def generate_user_info(self, user: dict[str, Any], scope: str) -> UserInfo:
        return UserInfo(**user)


def create_app(issuer: str, client_id: str, client_secret: str) -> Flask:
    global ISSUER
    ISSUER = issuer
    CLIENTS[client_id] = Client(client_id, client_secret)
    app = Flask(__name__)
    server = AuthorizationServer(
        app, query_client=CLIENTS.get, save_token=lambda token, request: None
    )
    server.register_grant(CodeGrant, [StrictS256(required=True), IdTokens(require_nonce=True)])

    @app.get("/.well-known/openid-configuration")
    def discovery() -> Any:
        return jsonify(
            issuer=issuer,
            authorization_endpoint=f"{issuer}/authorize",
            token_endpoint=f"{issuer}/token",
            jwks_uri=f"{issuer}/jwks",
            response_types_supported=["code"],
            subject_types_supported=["public"],
            id_token_signing_alg_values_supported=["RS256"],
            scopes_supported=["openid", "email", "profile"],
            token_endpoint_auth_methods_supported=["client_secret_basic"],
            grant_types_supported=["authorization_code"],
            code_challenge_methods_supported=["S256"],
        )

    @app.get("/jwks")
    def jwks() -> Any:
        return jsonify(keys=[KEY.as_dict(private=False)])

    @app.put("/users/<sub>")
    def set_user(sub: str) -> Any:
        USERS[sub] = {"sub": sub, **(request.get_json() or {})}
        return "", 204

    @app.route("/authorize", methods=["GET", "POST"])
    def authorize() -> Any:
        try:
            grant = server.get_consent_grant(end_user=None)
        except OAuth2Error as error:
            return jsonify(error=error.error, error_description=error.description), 400
        if request.method == "GET":
            return (
                '<form method="post"><label>sub <input name="sub"></label>'
                "<button>Sign in</button></form>"
            )
        sub = request.form.get("sub", "")
        user = USERS.setdefault(sub, {"sub": sub})
        return server.create_authorization_response(grant=grant, grant_user=user)

    @app.post("/token")
    def token() -> Any:
        return server.create_token_response()

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    args = parser.parse_args()
    issuer = f"http://127.0.0.1:{args.port}"
    # plain http on the loopback interface only (test process)
    import os

    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    from werkzeug.serving import run_simple

    run_simple(
        "127.0.0.1",
        args.port,
        create_app(issuer, args.client_id, args.client_secret),
        threaded=True,
    )


if __name__ == "__main__":
    main()
