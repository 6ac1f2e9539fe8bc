from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_kind import BodyKind
from ...models.body_page import BodyPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    alliance_id: UUID,
    kind: BodyKind | None | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_alliance_id = str(alliance_id)
    params["alliance_id"] = json_alliance_id

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, BodyKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    elif isinstance(cursor, UUID):
        json_cursor = str(cursor)
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alliance/bodies",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BodyPage | Problem | None:
    if response.status_code == 200:
        response_200 = BodyPage.from_dict(response.json())

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
) -> Response[BodyPage | Problem]:
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
    kind: BodyKind | None | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> Response[BodyPage | Problem]:
    """List Bodies

     An alliance's bodies (``kind``: secretariat, steering_committee...), in id order.

    Args:
        alliance_id (UUID):
        kind (BodyKind | None | Unset):
        cursor (None | Unset | UUID): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BodyPage | Problem]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
        kind=kind,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    kind: BodyKind | None | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> BodyPage | Problem | None:
    """List Bodies

     An alliance's bodies (``kind``: secretariat, steering_committee...), in id order.

    Args:
        alliance_id (UUID):
        kind (BodyKind | None | Unset):
        cursor (None | Unset | UUID): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BodyPage | Problem
    """

    return sync_detailed(
        client=client,
        alliance_id=alliance_id,
        kind=kind,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    kind: BodyKind | None | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> Response[BodyPage | Problem]:
    """List Bodies

     An alliance's bodies (``kind``: secretariat, steering_committee...), in id order.

    Args:
        alliance_id (UUID):
        kind (BodyKind | None | Unset):
        cursor (None | Unset | UUID): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BodyPage | Problem]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
        kind=kind,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    kind: BodyKind | None | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> BodyPage | Problem | None:
    """List Bodies

     An alliance's bodies (``kind``: secretariat, steering_committee...), in id order.

    Args:
        alliance_id (UUID):
        kind (BodyKind | None | Unset):
        cursor (None | Unset | UUID): next_cursor of the previous page
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BodyPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            alliance_id=alliance_id,
            kind=kind,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
