"""Shared HTTP plumbing: the caller, the unit of work, the clock, domain errors -> problems."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, TypeAdapter

from alliance.domain import errors
from alliance.domain.clock import Clock
from alliance.service_layer.access import Actor, load
from alliance.service_layer.unit_of_work import (
    AllianceUnitOfWork,
    DuplicateRequest,
    IdempotencyClaim,
)
from eventkit.aggregate import AggregateRoot
from eventkit.http.auth import CurrentPrincipal
from eventkit.http.problems import Problem, problem_response

A = TypeVar("A", bound=AggregateRoot)

SECRETARIAT_ROLE = "alliance_secretariat"


def _uow(request: Request) -> AllianceUnitOfWork:
    uow: AllianceUnitOfWork = request.app.state.uow_factory()
    return uow


def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def _actor(principal: CurrentPrincipal) -> Actor:
    return Actor(account_id=principal.subject, secretariat=principal.has_role(SECRETARIAT_ROLE))


UoW = Annotated[AllianceUnitOfWork, Depends(_uow)]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", min_length=8, max_length=200, description="retry safely"),
]
Now = Annotated[Clock, Depends(_clock)]
Caller = Annotated[Actor, Depends(_actor)]

STATUS = {
    errors.NotFound: 404,
    errors.NotAllowed: 403,
    errors.InvalidInput: 422,
    errors.InvalidTransition: 409,
    errors.NoQuorum: 409,
    errors.AlreadyVoted: 409,
    errors.ConcurrentUpdate: 409,
    errors.StaleVersion: 412,
}


def install_error_handler(app: FastAPI) -> None:
    @app.exception_handler(errors.AllianceError)
    async def on_domain_error(request: Request, exc: errors.AllianceError) -> JSONResponse:
        status = STATUS.get(type(exc), 409)
        return problem_response(request, status, exc.title, str(exc))


_adapters: dict[type, TypeAdapter[Any]] = {}


def dump(obj: Any, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """An aggregate (dataclass) as JSON-ready data, without its pending domain events."""
    adapter = _adapters.setdefault(type(obj), TypeAdapter(type(obj)))
    data: dict[str, Any] = adapter.dump_python(
        obj, mode="json", exclude={"events", *(exclude or set())}
    )
    return data


def etag(version: int) -> str:
    return f'W/"{version}"'


def if_match_version(value: str | None) -> int | None:
    """The version an ``If-Match`` header names (our weak ETags), or None when absent."""
    if value is None:
        return None
    tag = value.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise errors.StaleVersion("If-Match does not name a version of this resource.")
    return int(tag)


async def create_once(
    uow: AllianceUnitOfWork,
    actor: Actor,
    key: str | None,
    body: BaseModel,
    resource: str,
    create: Callable[[], Awaitable[A]],
) -> A:
    """Run a creating use case at most once per (caller, Idempotency-Key).

    A retry with the same key and body gets the resource the first request created; the same
    key with another body is refused. The key is stored in the creating transaction, so a
    crash can never leave a resource without its key (or the reverse).
    """
    if key is None:
        return await create()
    fingerprint = hashlib.sha256(f"{resource}:{body.model_dump_json()}".encode()).hexdigest()
    async with uow:
        seen = await uow.idempotency.find(actor.account_id, key)
    if seen is None:
        uow.claim = IdempotencyClaim(
            account_id=actor.account_id, key=key, fingerprint=fingerprint, resource=resource
        )
        try:
            return await create()
        except DuplicateRequest:
            async with uow:
                seen = await uow.idempotency.find(actor.account_id, key)
        finally:
            uow.claim = None
    if seen is None:  # pragma: no cover - the twin's row is committed before we get here
        raise Problem(409, "Duplicate request", "Retry the request.")
    seen_fingerprint, seen_resource, resource_id = seen
    if seen_fingerprint != fingerprint or seen_resource != resource:
        raise Problem(422, "Idempotency-Key reused", "This key was used for a different request.")
    async with uow:
        repo = getattr(uow, resource)
        found: A = await load(repo, resource_id, resource)
        return found
