"""Shared HTTP plumbing: the caller, the unit of work, the clock. Domain errors need nothing
here: the chassis answers each kind with its status (eventkit.http.problems)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Protocol, TypeVar
from uuid import UUID

from fastapi import Depends, Query, Request
from pydantic import TypeAdapter

from alliance.service_layer.access import Actor
from alliance.service_layer.unit_of_work import (
    AllianceUnitOfWork,
)
from contracts.vocabulary import Permission
from eventkit.aggregate import AggregateRoot
from eventkit.http.auth import CurrentPrincipal

A = TypeVar("A", bound=AggregateRoot)
A_co = TypeVar("A_co", bound=AggregateRoot, covariant=True)


def _uow(request: Request) -> AllianceUnitOfWork:
    uow: AllianceUnitOfWork = request.app.state.uow_factory()
    return uow


def _actor(principal: CurrentPrincipal) -> Actor:
    return Actor(
        account_id=principal.subject,
        secretariat=principal.may(Permission.ALLIANCE_ACT_AS_SECRETARIAT),
    )


UoW = Annotated[AllianceUnitOfWork, Depends(_uow)]
Caller = Annotated[Actor, Depends(_actor)]

_adapters: dict[type, TypeAdapter[Any]] = {}


def dump(obj: Any, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """An aggregate (dataclass) as JSON-ready data, without its pending domain events."""
    adapter = _adapters.setdefault(type(obj), TypeAdapter(type(obj)))
    data: dict[str, Any] = adapter.dump_python(
        obj, mode="json", exclude={"events", *(exclude or set())}
    )
    return data


class PageOf(Protocol[A_co]):
    """A repository's keyset listing with its filters bound (``functools.partial``)."""

    def __call__(self, *, after: UUID | None, limit: int) -> Awaitable[Sequence[A_co]]: ...


async def id_page(
    fetch: PageOf[A],
    cursor: UUID | None,
    limit: int,
    show: Callable[[A], dict[str, Any]] = dump,
) -> dict[str, Any]:
    """One page of a listing in id order (keyset: ``next_cursor`` until it is null)."""
    page = await fetch(after=cursor, limit=limit + 1)
    last = page[limit - 1] if len(page) > limit else None
    return {
        "items": [show(a) for a in page[:limit]],
        "next_cursor": str(last.id) if last is not None else None,  # type: ignore[attr-defined]
    }


def created_at(prefix: str) -> Callable[[dict[str, Any]], dict[str, str]]:
    """``Location`` of a created aggregate's answer (``once(work, headers=...)``)."""
    return lambda created: {"Location": f"{prefix}{created['id']}"}


#: the query parameters every id-ordered listing takes
Cursor = Annotated[UUID | None, Query(description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=200)]
