from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.opportunity_kind import OpportunityKind
from ...models.opportunity_page import OpportunityPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    kind: None | OpportunityKind | Unset = UNSET,
    sector: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    mode: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, OpportunityKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_sector: None | str | Unset
    if isinstance(sector, Unset):
        json_sector = UNSET
    else:
        json_sector = sector
    params["sector"] = json_sector

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_mode: None | str | Unset
    if isinstance(mode, Unset):
        json_mode = UNSET
    else:
        json_mode = mode
    params["mode"] = json_mode

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/opportunities",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OpportunityPage | Problem | None:
    if response.status_code == 200:
        response_200 = OpportunityPage.from_dict(response.json())

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
) -> Response[OpportunityPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    kind: None | OpportunityKind | Unset = UNSET,
    sector: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    mode: None | str | Unset = UNSET,
) -> Response[OpportunityPage | Problem]:
    """List Open

     Open opportunities, soonest deadline first (keyset pagination); the filters narrow
    them to a kind, or to those asking for a sector, a country or a contribution mode.

    Args:
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        kind (None | OpportunityKind | Unset):
        sector (None | str | Unset): ISIC section
        country (None | str | Unset):
        mode (None | str | Unset): contribution mode

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpportunityPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        kind=kind,
        sector=sector,
        country=country,
        mode=mode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    kind: None | OpportunityKind | Unset = UNSET,
    sector: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    mode: None | str | Unset = UNSET,
) -> OpportunityPage | Problem | None:
    """List Open

     Open opportunities, soonest deadline first (keyset pagination); the filters narrow
    them to a kind, or to those asking for a sector, a country or a contribution mode.

    Args:
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        kind (None | OpportunityKind | Unset):
        sector (None | str | Unset): ISIC section
        country (None | str | Unset):
        mode (None | str | Unset): contribution mode

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpportunityPage | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        kind=kind,
        sector=sector,
        country=country,
        mode=mode,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    kind: None | OpportunityKind | Unset = UNSET,
    sector: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    mode: None | str | Unset = UNSET,
) -> Response[OpportunityPage | Problem]:
    """List Open

     Open opportunities, soonest deadline first (keyset pagination); the filters narrow
    them to a kind, or to those asking for a sector, a country or a contribution mode.

    Args:
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        kind (None | OpportunityKind | Unset):
        sector (None | str | Unset): ISIC section
        country (None | str | Unset):
        mode (None | str | Unset): contribution mode

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpportunityPage | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        kind=kind,
        sector=sector,
        country=country,
        mode=mode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    kind: None | OpportunityKind | Unset = UNSET,
    sector: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    mode: None | str | Unset = UNSET,
) -> OpportunityPage | Problem | None:
    """List Open

     Open opportunities, soonest deadline first (keyset pagination); the filters narrow
    them to a kind, or to those asking for a sector, a country or a contribution mode.

    Args:
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        kind (None | OpportunityKind | Unset):
        sector (None | str | Unset): ISIC section
        country (None | str | Unset):
        mode (None | str | Unset): contribution mode

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpportunityPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            kind=kind,
            sector=sector,
            country=country,
            mode=mode,
        )
    ).parsed
