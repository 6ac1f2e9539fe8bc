from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.moderation_counts_response_moderationcounts import (
    ModerationCountsResponseModerationcounts,
)
from ...models.problem import Problem
from ...models.resource_kind import ResourceKind
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: None | ResourceKind | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ResourceKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/resources/moderation-queue/counts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ModerationCountsResponseModerationcounts | Problem | None:
    if response.status_code == 200:
        response_200 = ModerationCountsResponseModerationcounts.from_dict(
            response.json()
        )

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
) -> Response[ModerationCountsResponseModerationcounts | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: None | ResourceKind | Unset = UNSET,
) -> Response[ModerationCountsResponseModerationcounts | Problem]:
    """Moderation Counts

     How many resources wait in the moderation queue, for each reason: ``submitted``
    (waiting for review), ``reported`` (published, reported), ``hidden`` (moderators only).

    Args:
        kind (None | ResourceKind | Unset): only this type

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModerationCountsResponseModerationcounts | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    kind: None | ResourceKind | Unset = UNSET,
) -> ModerationCountsResponseModerationcounts | Problem | None:
    """Moderation Counts

     How many resources wait in the moderation queue, for each reason: ``submitted``
    (waiting for review), ``reported`` (published, reported), ``hidden`` (moderators only).

    Args:
        kind (None | ResourceKind | Unset): only this type

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModerationCountsResponseModerationcounts | Problem
    """

    return sync_detailed(
        client=client,
        kind=kind,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: None | ResourceKind | Unset = UNSET,
) -> Response[ModerationCountsResponseModerationcounts | Problem]:
    """Moderation Counts

     How many resources wait in the moderation queue, for each reason: ``submitted``
    (waiting for review), ``reported`` (published, reported), ``hidden`` (moderators only).

    Args:
        kind (None | ResourceKind | Unset): only this type

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModerationCountsResponseModerationcounts | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: None | ResourceKind | Unset = UNSET,
) -> ModerationCountsResponseModerationcounts | Problem | None:
    """Moderation Counts

     How many resources wait in the moderation queue, for each reason: ``submitted``
    (waiting for review), ``reported`` (published, reported), ``hidden`` (moderators only).

    Args:
        kind (None | ResourceKind | Unset): only this type

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModerationCountsResponseModerationcounts | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
        )
    ).parsed
