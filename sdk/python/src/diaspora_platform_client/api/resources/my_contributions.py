from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.my_resources import MyResources
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lang: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/resources/mine",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MyResources | Problem | None:
    if response.status_code == 200:
        response_200 = MyResources.from_dict(response.json())

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
) -> Response[MyResources | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[MyResources | Problem]:
    """My Contributions

     What the caller contributed, whatever its status (draft, submitted, published,
    rejected with the moderator's note, archived), newest change first.

    Args:
        lang (None | str | Unset): title language
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MyResources | Problem]
    """

    kwargs = _get_kwargs(
        lang=lang,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> MyResources | Problem | None:
    """My Contributions

     What the caller contributed, whatever its status (draft, submitted, published,
    rejected with the moderator's note, archived), newest change first.

    Args:
        lang (None | str | Unset): title language
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MyResources | Problem
    """

    return sync_detailed(
        client=client,
        lang=lang,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[MyResources | Problem]:
    """My Contributions

     What the caller contributed, whatever its status (draft, submitted, published,
    rejected with the moderator's note, archived), newest change first.

    Args:
        lang (None | str | Unset): title language
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MyResources | Problem]
    """

    kwargs = _get_kwargs(
        lang=lang,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> MyResources | Problem | None:
    """My Contributions

     What the caller contributed, whatever its status (draft, submitted, published,
    rejected with the moderator's note, archived), newest change first.

    Args:
        lang (None | str | Unset): title language
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MyResources | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            lang=lang,
            limit=limit,
        )
    ).parsed
