from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.course_page import CoursePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    language: None | str | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    json_theme: None | str | Unset
    if isinstance(theme, Unset):
        json_theme = UNSET
    else:
        json_theme = theme
    params["theme"] = json_theme

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/courses",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoursePage | Problem | None:
    if response.status_code == 200:
        response_200 = CoursePage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[CoursePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    language: None | str | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[CoursePage | Problem]:
    """List Courses

     The course catalogue, newest first, by language, theme and words of the title or
    description (keyset pagination: pass ``next_cursor`` back until it is null).

    Args:
        language (None | str | Unset): taught in
        theme (None | str | Unset):
        q (None | str | Unset): words
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoursePage | Problem]
    """

    kwargs = _get_kwargs(
        language=language,
        theme=theme,
        q=q,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    language: None | str | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> CoursePage | Problem | None:
    """List Courses

     The course catalogue, newest first, by language, theme and words of the title or
    description (keyset pagination: pass ``next_cursor`` back until it is null).

    Args:
        language (None | str | Unset): taught in
        theme (None | str | Unset):
        q (None | str | Unset): words
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoursePage | Problem
    """

    return sync_detailed(
        client=client,
        language=language,
        theme=theme,
        q=q,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    language: None | str | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[CoursePage | Problem]:
    """List Courses

     The course catalogue, newest first, by language, theme and words of the title or
    description (keyset pagination: pass ``next_cursor`` back until it is null).

    Args:
        language (None | str | Unset): taught in
        theme (None | str | Unset):
        q (None | str | Unset): words
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoursePage | Problem]
    """

    kwargs = _get_kwargs(
        language=language,
        theme=theme,
        q=q,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    language: None | str | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> CoursePage | Problem | None:
    """List Courses

     The course catalogue, newest first, by language, theme and words of the title or
    description (keyset pagination: pass ``next_cursor`` back until it is null).

    Args:
        language (None | str | Unset): taught in
        theme (None | str | Unset):
        q (None | str | Unset): words
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoursePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            language=language,
            theme=theme,
            q=q,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
