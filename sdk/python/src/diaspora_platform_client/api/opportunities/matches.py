from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.person_match import PersonMatch
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    opportunity_id: UUID,
    *,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["accept-language"] = accept_language

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/opportunities/{opportunity_id}/matches".format(
            opportunity_id=quote(str(opportunity_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[PersonMatch] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = PersonMatch.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[PersonMatch]]:
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
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | list[PersonMatch]]:
    """Matches

     People who agreed to be matched, best first, and why (the poster and moderators).

    Args:
        opportunity_id (UUID):
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PersonMatch]]
    """

    kwargs = _get_kwargs(
        opportunity_id=opportunity_id,
        limit=limit,
        lang=lang,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | list[PersonMatch] | None:
    """Matches

     People who agreed to be matched, best first, and why (the poster and moderators).

    Args:
        opportunity_id (UUID):
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PersonMatch]
    """

    return sync_detailed(
        opportunity_id=opportunity_id,
        client=client,
        limit=limit,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | list[PersonMatch]]:
    """Matches

     People who agreed to be matched, best first, and why (the poster and moderators).

    Args:
        opportunity_id (UUID):
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[PersonMatch]]
    """

    kwargs = _get_kwargs(
        opportunity_id=opportunity_id,
        limit=limit,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    opportunity_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | list[PersonMatch] | None:
    """Matches

     People who agreed to be matched, best first, and why (the poster and moderators).

    Args:
        opportunity_id (UUID):
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[PersonMatch]
    """

    return (
        await asyncio_detailed(
            opportunity_id=opportunity_id,
            client=client,
            limit=limit,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
