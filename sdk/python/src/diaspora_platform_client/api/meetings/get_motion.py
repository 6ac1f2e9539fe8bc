from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.motion import Motion
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    motion_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alliance/motions/{motion_id}".format(
            motion_id=quote(str(motion_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Motion | Problem | None:
    if response.status_code == 200:
        response_200 = Motion.from_dict(response.json())

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
) -> Response[Motion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    motion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Motion | Problem]:
    """Get Motion

    Args:
        motion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Motion | Problem]
    """

    kwargs = _get_kwargs(
        motion_id=motion_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    motion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Motion | Problem | None:
    """Get Motion

    Args:
        motion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Motion | Problem
    """

    return sync_detailed(
        motion_id=motion_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    motion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Motion | Problem]:
    """Get Motion

    Args:
        motion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Motion | Problem]
    """

    kwargs = _get_kwargs(
        motion_id=motion_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    motion_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Motion | Problem | None:
    """Get Motion

    Args:
        motion_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Motion | Problem
    """

    return (
        await asyncio_detailed(
            motion_id=motion_id,
            client=client,
        )
    ).parsed
