from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alliance_out import AllianceOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    alliance_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alliance/alliances/{alliance_id}".format(
            alliance_id=quote(str(alliance_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AllianceOut | Problem | None:
    if response.status_code == 200:
        response_200 = AllianceOut.from_dict(response.json())

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
) -> Response[AllianceOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    alliance_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[AllianceOut | Problem]:
    """Get Alliance

    Args:
        alliance_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllianceOut | Problem]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    alliance_id: UUID,
    *,
    client: AuthenticatedClient,
) -> AllianceOut | Problem | None:
    """Get Alliance

    Args:
        alliance_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllianceOut | Problem
    """

    return sync_detailed(
        alliance_id=alliance_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    alliance_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[AllianceOut | Problem]:
    """Get Alliance

    Args:
        alliance_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AllianceOut | Problem]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    alliance_id: UUID,
    *,
    client: AuthenticatedClient,
) -> AllianceOut | Problem | None:
    """Get Alliance

    Args:
        alliance_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AllianceOut | Problem
    """

    return (
        await asyncio_detailed(
            alliance_id=alliance_id,
            client=client,
        )
    ).parsed
