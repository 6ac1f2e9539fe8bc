"""Request dependencies shared by the resources routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request

from contracts.vocabulary import Permission, most_privileged
from contracts.vocabulary.locales import reader_locale as locale_for_reader
from contracts.vocabulary.types import LanguageCode
from eventkit.http.auth import CurrentPrincipal, MaybePrincipal, Principal, require_permission
from resources.service_layer.resource_handlers import Actor
from resources.service_layer.unit_of_work import ResourcesUnitOfWork


async def unit_of_work(request: Request) -> ResourcesUnitOfWork:
    # async on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a thread
    # hop on every request for what is only a constructor call
    uow: ResourcesUnitOfWork = request.app.state.uow_factory()
    return uow


UoW = Annotated[ResourcesUnitOfWork, Depends(unit_of_work)]


def actor_of(principal: Principal) -> Actor:
    # the role recorded when an actor reads someone's personal data: the most privileged
    return Actor(
        principal.subject,
        moderator=principal.may(Permission.RESOURCES_MODERATE),
        role=most_privileged(principal.roles).value,
    )


async def current_actor(principal: CurrentPrincipal) -> Actor:
    return actor_of(principal)


async def maybe_actor(principal: MaybePrincipal) -> Actor | None:
    return None if principal is None else actor_of(principal)


CurrentActor = Annotated[Actor, Depends(current_actor)]
Moderator = Depends(require_permission(Permission.RESOURCES_MODERATE))
Poster = Annotated[Principal, Depends(require_permission(Permission.RESOURCES_POST_OPPORTUNITIES))]
Organiser = Annotated[Principal, Depends(require_permission(Permission.RESOURCES_SCHEDULE_EVENTS))]
CourseAuthor = Depends(require_permission(Permission.RESOURCES_PUBLISH_COURSES))
MaybeActor = Annotated[Actor | None, Depends(maybe_actor)]


async def reader_locale(
    lang: Annotated[LanguageCode | None, Query(description="the reader's language")] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> str:
    """The platform locale a reader is answered in: ``?lang=``, then Accept-Language."""
    return locale_for_reader(lang, accept_language)


ReaderLocale = Annotated[str, Depends(reader_locale)]
