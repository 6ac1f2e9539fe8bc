from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.moderation_queue_reason_type_0 import ModerationQueueReasonType0
from ...models.problem import Problem
from ...models.queued_resource import QueuedResource
from ...models.resource_kind import ResourceKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    reason: ModerationQueueReasonType0 | None | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_reason: None | str | Unset
    if isinstance(reason, Unset):
        json_reason = UNSET
    elif isinstance(reason, ModerationQueueReasonType0):
        json_reason = reason.value
    else:
        json_reason = reason
    params["reason"] = json_reason

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ResourceKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/resources/moderation-queue",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[QueuedResource] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = QueuedResource.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if 400 <= response.status_code <= 499:
        response_4xx = Problem.from_dict(response.json())

        return response_4xx

    if 500 <= response.status_code <= 599:
        response_5xx = Problem.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[QueuedResource]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    reason: ModerationQueueReasonType0 | None | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Problem | list[QueuedResource]]:
    """Moderation Queue

     Submitted resources and reported or hidden ones, oldest first, each with its title
    (in ``lang`` when translated) and its number of reports (moderators only).

    Args:
        limit (int | Unset):  Default: 50.
        reason (ModerationQueueReasonType0 | None | Unset): only those waiting for review,
            reported, or hidden
        kind (None | ResourceKind | Unset): only this type
        lang (None | str | Unset): title language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[QueuedResource]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        reason=reason,
        kind=kind,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    reason: ModerationQueueReasonType0 | None | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Problem | list[QueuedResource] | None:
    """Moderation Queue

     Submitted resources and reported or hidden ones, oldest first, each with its title
    (in ``lang`` when translated) and its number of reports (moderators only).

    Args:
        limit (int | Unset):  Default: 50.
        reason (ModerationQueueReasonType0 | None | Unset): only those waiting for review,
            reported, or hidden
        kind (None | ResourceKind | Unset): only this type
        lang (None | str | Unset): title language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[QueuedResource]
    """

    return sync_detailed(
        client=client,
        limit=limit,
        reason=reason,
        kind=kind,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    reason: ModerationQueueReasonType0 | None | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Problem | list[QueuedResource]]:
    """Moderation Queue

     Submitted resources and reported or hidden ones, oldest first, each with its title
    (in ``lang`` when translated) and its number of reports (moderators only).

    Args:
        limit (int | Unset):  Default: 50.
        reason (ModerationQueueReasonType0 | None | Unset): only those waiting for review,
            reported, or hidden
        kind (None | ResourceKind | Unset): only this type
        lang (None | str | Unset): title language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[QueuedResource]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        reason=reason,
        kind=kind,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    reason: ModerationQueueReasonType0 | None | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Problem | list[QueuedResource] | None:
    """Moderation Queue

     Submitted resources and reported or hidden ones, oldest first, each with its title
    (in ``lang`` when translated) and its number of reports (moderators only).

    Args:
        limit (int | Unset):  Default: 50.
        reason (ModerationQueueReasonType0 | None | Unset): only those waiting for review,
            reported, or hidden
        kind (None | ResourceKind | Unset): only this type
        lang (None | str | Unset): title language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[QueuedResource]
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            reason=reason,
            kind=kind,
            lang=lang,
        )
    ).parsed
