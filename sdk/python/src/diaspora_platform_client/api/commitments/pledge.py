from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commitment import Commitment
from ...models.pledge_in import PledgeIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PledgeIn,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/alliance/commitments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Commitment | Problem | None:
    if response.status_code == 201:
        response_201 = Commitment.from_dict(response.json())

        return response_201

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
) -> Response[Commitment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PledgeIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Commitment | Problem]:
    """Pledge

    Args:
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (PledgeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Commitment | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PledgeIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Commitment | Problem | None:
    """Pledge

    Args:
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (PledgeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Commitment | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PledgeIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Commitment | Problem]:
    """Pledge

    Args:
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (PledgeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Commitment | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PledgeIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Commitment | Problem | None:
    """Pledge

    Args:
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (PledgeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Commitment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
