from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.minutes import Minutes
from ...models.minutes_in import MinutesIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    meeting_id: UUID,
    *,
    body: MinutesIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/alliance/meetings/{meeting_id}/minutes".format(
            meeting_id=quote(str(meeting_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Minutes | Problem | None:
    if response.status_code == 200:
        response_200 = Minutes.from_dict(response.json())

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
) -> Response[Minutes | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MinutesIn,
) -> Response[Minutes | Problem]:
    """Draft Minutes

    Args:
        meeting_id (UUID):
        body (MinutesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Minutes | Problem]
    """

    kwargs = _get_kwargs(
        meeting_id=meeting_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MinutesIn,
) -> Minutes | Problem | None:
    """Draft Minutes

    Args:
        meeting_id (UUID):
        body (MinutesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Minutes | Problem
    """

    return sync_detailed(
        meeting_id=meeting_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MinutesIn,
) -> Response[Minutes | Problem]:
    """Draft Minutes

    Args:
        meeting_id (UUID):
        body (MinutesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Minutes | Problem]
    """

    kwargs = _get_kwargs(
        meeting_id=meeting_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MinutesIn,
) -> Minutes | Problem | None:
    """Draft Minutes

    Args:
        meeting_id (UUID):
        body (MinutesIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Minutes | Problem
    """

    return (
        await asyncio_detailed(
            meeting_id=meeting_id,
            client=client,
            body=body,
        )
    ).parsed
