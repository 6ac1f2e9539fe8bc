from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.recommendations import Recommendations
from ...models.stage import Stage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    alliance_id: UUID,
    stage: None | Stage | Unset = UNSET,
    theme: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_alliance_id = str(alliance_id)
    params["alliance_id"] = json_alliance_id

    json_stage: None | str | Unset
    if isinstance(stage, Unset):
        json_stage = UNSET
    elif isinstance(stage, Stage):
        json_stage = stage.value
    else:
        json_stage = stage
    params["stage"] = json_stage

    json_theme: None | str | Unset
    if isinstance(theme, Unset):
        json_theme = UNSET
    else:
        json_theme = theme
    params["theme"] = json_theme

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/alliance/recommendations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Recommendations | None:
    if response.status_code == 200:
        response_200 = Recommendations.from_dict(response.json())

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
) -> Response[Problem | Recommendations]:
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
    stage: None | Stage | Unset = UNSET,
    theme: None | str | Unset = UNSET,
) -> Response[Problem | Recommendations]:
    """List Recommendations

    Args:
        alliance_id (UUID):
        stage (None | Stage | Unset):
        theme (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
        stage=stage,
        theme=theme,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    stage: None | Stage | Unset = UNSET,
    theme: None | str | Unset = UNSET,
) -> Problem | Recommendations | None:
    """List Recommendations

    Args:
        alliance_id (UUID):
        stage (None | Stage | Unset):
        theme (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
    """

    return sync_detailed(
        client=client,
        alliance_id=alliance_id,
        stage=stage,
        theme=theme,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    stage: None | Stage | Unset = UNSET,
    theme: None | str | Unset = UNSET,
) -> Response[Problem | Recommendations]:
    """List Recommendations

    Args:
        alliance_id (UUID):
        stage (None | Stage | Unset):
        theme (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Recommendations]
    """

    kwargs = _get_kwargs(
        alliance_id=alliance_id,
        stage=stage,
        theme=theme,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    alliance_id: UUID,
    stage: None | Stage | Unset = UNSET,
    theme: None | str | Unset = UNSET,
) -> Problem | Recommendations | None:
    """List Recommendations

    Args:
        alliance_id (UUID):
        stage (None | Stage | Unset):
        theme (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Recommendations
    """

    return (
        await asyncio_detailed(
            client=client,
            alliance_id=alliance_id,
            stage=stage,
            theme=theme,
        )
    ).parsed
