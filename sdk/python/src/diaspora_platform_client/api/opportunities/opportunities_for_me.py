from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.opportunity_match import OpportunityMatch
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "url": "/v1/opportunities/for-me",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[OpportunityMatch] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = OpportunityMatch.from_dict(response_200_item_data)

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
) -> Response[Problem | list[OpportunityMatch]]:
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
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | list[OpportunityMatch]]:
    """Opportunities For Me

     Open opportunities ranked for the caller's (projected) profile, with the reasons.

    Args:
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[OpportunityMatch]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        lang=lang,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | list[OpportunityMatch] | None:
    """Opportunities For Me

     Open opportunities ranked for the caller's (projected) profile, with the reasons.

    Args:
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[OpportunityMatch]
    """

    return sync_detailed(
        client=client,
        limit=limit,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | list[OpportunityMatch]]:
    """Opportunities For Me

     Open opportunities ranked for the caller's (projected) profile, with the reasons.

    Args:
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[OpportunityMatch]]
    """

    kwargs = _get_kwargs(
        limit=limit,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 20,
    lang: None | str | Unset = UNSET,
    accept_language: None | str | Unset = UNSET,
) -> Problem | list[OpportunityMatch] | None:
    """Opportunities For Me

     Open opportunities ranked for the caller's (projected) profile, with the reasons.

    Args:
        limit (int | Unset):  Default: 20.
        lang (None | str | Unset): the reader's language
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[OpportunityMatch]
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
