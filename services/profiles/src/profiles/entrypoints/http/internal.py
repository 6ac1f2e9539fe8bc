"""Service-to-service endpoints, never routed through the public gateway (``/internal``).

``GET /internal/subject-keys/{key_id}``: a subject key for a consuming service that must read
the personal fields of profiles' events. Authenticated by the calling service's own token
(``SUBJECT_KEY_CLIENTS``); every fetch is recorded with the caller and its outcome.
"""

from __future__ import annotations

import base64
from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request

from eventkit.http.clock import Now
from eventkit.http.problems import Problem
from eventkit.subject_keys import SqlSubjectKeys
from profiles.entrypoints.http.deps import Settings, UoW
from profiles.service_layer.subject_keys import Outcome, caller_of, fetch_key

router = APIRouter(tags=["internal"], include_in_schema=True)


def _unauthorised() -> Problem:
    return Problem(
        401,
        "Unauthorized",
        "A service token is required.",
        headers={"WWW-Authenticate": "Bearer"},
    )


@router.get(
    "/internal/subject-keys/{key_id}",
    responses={
        401: {"description": "No or unknown service token"},
        404: {"description": "No such key"},
        410: {"description": "The key was destroyed (the person erased their data)"},
    },
)
async def get_subject_key(
    request: Request,
    key_id: Annotated[str, Path(max_length=64, pattern="^[0-9a-f]+$")],
    uow: UoW,
    settings: Settings,
    now: Now,
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """A person's data key (base64) for a consuming service; audited. Not public."""
    scheme, _, token = (authorization or "").partition(" ")
    caller = caller_of(token.strip(), settings.subject_key_clients)
    if scheme.lower() != "bearer" or caller is None:
        raise _unauthorised()
    keys: SqlSubjectKeys | None = request.app.state.subject_keys
    if keys is None:
        raise Problem(404, "Not Found", "Crypto-shredding is not configured.")
    outcome, key = await fetch_key(uow, keys, key_id, caller, now.now())
    if outcome == Outcome.DESTROYED:
        raise Problem(410, "Gone", "The key was destroyed.")
    if outcome == Outcome.UNKNOWN or key is None:
        raise Problem(404, "Not Found", "No such key.")
    return {"key": base64.b64encode(key).decode()}
