from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.open_campaigns import OpenCampaigns
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    origin: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_origin: None | str | Unset
    if isinstance(origin, Unset):
        json_origin = UNSET
    else:
        json_origin = origin
    params["origin"] = json_origin

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/mapping/campaigns",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OpenCampaigns | Problem | None:
    if response.status_code == 200:
        response_200 = OpenCampaigns.from_dict(response.json())

        return response_200

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
) -> Response[OpenCampaigns | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    origin: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[OpenCampaigns | Problem]:
    """List Open Campaigns

     Campaigns taking answers today, the soonest to close first (public: what they ask
    and how answers are protected, never a count): how a person finds a survey to answer.

    Args:
        origin (None | str | Unset): origin country (ISO 3166)
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenCampaigns | Problem]
    """

    kwargs = _get_kwargs(
        origin=origin,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    origin: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> OpenCampaigns | Problem | None:
    """List Open Campaigns

     Campaigns taking answers today, the soonest to close first (public: what they ask
    and how answers are protected, never a count): how a person finds a survey to answer.

    Args:
        origin (None | str | Unset): origin country (ISO 3166)
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenCampaigns | Problem
    """

    return sync_detailed(
        client=client,
        origin=origin,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    origin: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[OpenCampaigns | Problem]:
    """List Open Campaigns

     Campaigns taking answers today, the soonest to close first (public: what they ask
    and how answers are protected, never a count): how a person finds a survey to answer.

    Args:
        origin (None | str | Unset): origin country (ISO 3166)
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OpenCampaigns | Problem]
    """

    kwargs = _get_kwargs(
        origin=origin,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    origin: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> OpenCampaigns | Problem | None:
    """List Open Campaigns

     Campaigns taking answers today, the soonest to close first (public: what they ask
    and how answers are protected, never a count): how a person finds a survey to answer.

    Args:
        origin (None | str | Unset): origin country (ISO 3166)
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OpenCampaigns | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            origin=origin,
            limit=limit,
        )
    ).parsed
