from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.resource_out import ResourceOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    resource_id: UUID,
    *,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["accept-language"] = accept_language

    params: dict[str, Any] = {}

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/resources/{resource_id}".format(
            resource_id=quote(str(resource_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ResourceOut | None:
    if response.status_code == 200:
        response_200 = ResourceOut.from_dict(response.json())

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
) -> Response[Problem | ResourceOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | ResourceOut]:
    """Get Resource

     A resource in the reader's language (``?lang=``, then Accept-Language, then the
    original language, then English).

    Args:
        resource_id (UUID):
        lang (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResourceOut]
    """

    kwargs = _get_kwargs(
        resource_id=resource_id,
        lang=lang,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | ResourceOut | None:
    """Get Resource

     A resource in the reader's language (``?lang=``, then Accept-Language, then the
    original language, then English).

    Args:
        resource_id (UUID):
        lang (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResourceOut
    """

    return sync_detailed(
        resource_id=resource_id,
        client=client,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | ResourceOut]:
    """Get Resource

     A resource in the reader's language (``?lang=``, then Accept-Language, then the
    original language, then English).

    Args:
        resource_id (UUID):
        lang (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ResourceOut]
    """

    kwargs = _get_kwargs(
        resource_id=resource_id,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | ResourceOut | None:
    """Get Resource

     A resource in the reader's language (``?lang=``, then Accept-Language, then the
    original language, then English).

    Args:
        resource_id (UUID):
        lang (None | str | Unset):
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ResourceOut
    """

    return (
        await asyncio_detailed(
            resource_id=resource_id,
            client=client,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
