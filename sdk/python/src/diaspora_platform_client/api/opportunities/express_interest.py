from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.interest_in import InterestIn
from ...models.interest_out import InterestOut
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    opportunity_id: UUID,
    *,
    body: InterestIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/opportunities/{opportunity_id}/interests".format(
            opportunity_id=quote(str(opportunity_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InterestOut | Problem | None:
    if response.status_code == 201:
        response_201 = InterestOut.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[InterestOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: InterestIn,
) -> Response[InterestOut | Problem]:
    """Express Interest

     ``Location`` is the person's own expressions of interest, where this one is read.

    Args:
        opportunity_id (UUID):
        body (InterestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InterestOut | Problem]
    """

    kwargs = _get_kwargs(
        opportunity_id=opportunity_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: InterestIn,
) -> InterestOut | Problem | None:
    """Express Interest

     ``Location`` is the person's own expressions of interest, where this one is read.

    Args:
        opportunity_id (UUID):
        body (InterestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InterestOut | Problem
    """

    return sync_detailed(
        opportunity_id=opportunity_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: InterestIn,
) -> Response[InterestOut | Problem]:
    """Express Interest

     ``Location`` is the person's own expressions of interest, where this one is read.

    Args:
        opportunity_id (UUID):
        body (InterestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InterestOut | Problem]
    """

    kwargs = _get_kwargs(
        opportunity_id=opportunity_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: InterestIn,
) -> InterestOut | Problem | None:
    """Express Interest

     ``Location`` is the person's own expressions of interest, where this one is read.

    Args:
        opportunity_id (UUID):
        body (InterestIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InterestOut | Problem
    """

    return (
        await asyncio_detailed(
            opportunity_id=opportunity_id,
            client=client,
            body=body,
        )
    ).parsed
