from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.erasure_view import ErasureView
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    erasure_id: UUID,
    *,
    receipt: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["receipt"] = receipt

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/privacy/erasures/{erasure_id}".format(
            erasure_id=quote(str(erasure_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErasureView | Problem | None:
    if response.status_code == 200:
        response_200 = ErasureView.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[ErasureView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    erasure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    receipt: str,
) -> Response[ErasureView | Problem]:
    """Follow an erasure: which services confirmed (no sign-in; the receipt proves it)

    Args:
        erasure_id (UUID):
        receipt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureView | Problem]
    """

    kwargs = _get_kwargs(
        erasure_id=erasure_id,
        receipt=receipt,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    erasure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    receipt: str,
) -> ErasureView | Problem | None:
    """Follow an erasure: which services confirmed (no sign-in; the receipt proves it)

    Args:
        erasure_id (UUID):
        receipt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureView | Problem
    """

    return sync_detailed(
        erasure_id=erasure_id,
        client=client,
        receipt=receipt,
    ).parsed


async def asyncio_detailed(
    erasure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    receipt: str,
) -> Response[ErasureView | Problem]:
    """Follow an erasure: which services confirmed (no sign-in; the receipt proves it)

    Args:
        erasure_id (UUID):
        receipt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureView | Problem]
    """

    kwargs = _get_kwargs(
        erasure_id=erasure_id,
        receipt=receipt,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    erasure_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    receipt: str,
) -> ErasureView | Problem | None:
    """Follow an erasure: which services confirmed (no sign-in; the receipt proves it)

    Args:
        erasure_id (UUID):
        receipt (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureView | Problem
    """

    return (
        await asyncio_detailed(
            erasure_id=erasure_id,
            client=client,
            receipt=receipt,
        )
    ).parsed
