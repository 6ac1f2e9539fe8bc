from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.commitments import Commitments
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    alliance_id: UUID,
    member_id: None | Unset | UUID = UNSET,
    pillar: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_alliance_id = str(alliance_id)
    params["alliance_id"] = json_alliance_id

    json_member_id: None | str | Unset
    if isinstance(member_id, Unset):
        json_member_id = UNSET
    elif isinstance(member_id, UUID):
        json_member_id = str(member_id)
    else:
        json_member_id = member_id
    params["member_id"] = json_member_id

    json_pillar: None | str | Unset
    if isinstance(pillar, Unset):
        json_pillar = UNSET
    else:
        json_pillar = pillar
    params["pillar"] = json_pillar

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alliance/commitments",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Commitments | Problem | None:
    if response.status_code == 200:
        response_200 = Commitments.from_dict(response.json())

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
) -> Response[Commitments | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    member_id: None | Unset | UUID = UNSET,
    pillar: None | str | Unset = UNSET,
) -> Response[Commitments | Problem]:
    """List Commitments

    Args:
        alliance_id (UUID):
        member_id (None | Unset | UUID):
        pillar (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Commitments | Problem]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
        member_id=member_id,
        pillar=pillar,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    member_id: None | Unset | UUID = UNSET,
    pillar: None | str | Unset = UNSET,
) -> Commitments | Problem | None:
    """List Commitments

    Args:
        alliance_id (UUID):
        member_id (None | Unset | UUID):
        pillar (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Commitments | Problem
    """

    return sync_detailed(
        client=client,
        alliance_id=alliance_id,
        member_id=member_id,
        pillar=pillar,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    member_id: None | Unset | UUID = UNSET,
    pillar: None | str | Unset = UNSET,
) -> Response[Commitments | Problem]:
    """List Commitments

    Args:
        alliance_id (UUID):
        member_id (None | Unset | UUID):
        pillar (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Commitments | Problem]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
        member_id=member_id,
        pillar=pillar,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    member_id: None | Unset | UUID = UNSET,
    pillar: None | str | Unset = UNSET,
) -> Commitments | Problem | None:
    """List Commitments

    Args:
        alliance_id (UUID):
        member_id (None | Unset | UUID):
        pillar (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Commitments | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            alliance_id=alliance_id,
            member_id=member_id,
            pillar=pillar,
        )
    ).parsed
