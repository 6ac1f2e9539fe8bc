from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.resource_kind import ResourceKind
from ...models.search_results import SearchResults
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    sdg: int | None | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    facets: bool | Unset = True,
    accept_language: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["accept-language"] = accept_language

    params: dict[str, Any] = {}

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ResourceKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_theme: None | str | Unset
    if isinstance(theme, Unset):
        json_theme = UNSET
    else:
        json_theme = theme
    params["theme"] = json_theme

    json_sdg: int | None | Unset
    if isinstance(sdg, Unset):
        json_sdg = UNSET
    else:
        json_sdg = sdg
    params["sdg"] = json_sdg

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    json_year: int | None | Unset
    if isinstance(year, Unset):
        json_year = UNSET
    else:
        json_year = year
    params["year"] = json_year

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["facets"] = facets

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/resources",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SearchResults | None:
    if response.status_code == 200:
        response_200 = SearchResults.from_dict(response.json())

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
) -> Response[Problem | SearchResults]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    sdg: int | None | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    facets: bool | Unset = True,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | SearchResults]:
    """Search Resources

     Published resources: full text ranked by BM25 (accent-insensitive, stemmed per
    language, every word must match; ``-word`` excludes), exact facet counts over every hit,
    pages (pass ``next_cursor`` back as ``cursor``; results go 10,000 deep). Without ``q``,
    newest first.

    Args:
        q (None | str | Unset):
        lang (None | str | Unset): query language
        kind (None | ResourceKind | Unset):
        theme (None | str | Unset):
        sdg (int | None | Unset):
        country (None | str | Unset):
        language (None | str | Unset): has a translation in
        year (int | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        facets (bool | Unset): count facet values (slower) Default: True.
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchResults]
    """

    kwargs = _get_kwargs(
        q=q,
        lang=lang,
        kind=kind,
        theme=theme,
        sdg=sdg,
        country=country,
        language=language,
        year=year,
        limit=limit,
        cursor=cursor,
        facets=facets,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    sdg: int | None | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    facets: bool | Unset = True,
    accept_language: None | str | Unset = UNSET,
) -> Problem | SearchResults | None:
    """Search Resources

     Published resources: full text ranked by BM25 (accent-insensitive, stemmed per
    language, every word must match; ``-word`` excludes), exact facet counts over every hit,
    pages (pass ``next_cursor`` back as ``cursor``; results go 10,000 deep). Without ``q``,
    newest first.

    Args:
        q (None | str | Unset):
        lang (None | str | Unset): query language
        kind (None | ResourceKind | Unset):
        theme (None | str | Unset):
        sdg (int | None | Unset):
        country (None | str | Unset):
        language (None | str | Unset): has a translation in
        year (int | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        facets (bool | Unset): count facet values (slower) Default: True.
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchResults
    """

    return sync_detailed(
        client=client,
        q=q,
        lang=lang,
        kind=kind,
        theme=theme,
        sdg=sdg,
        country=country,
        language=language,
        year=year,
        limit=limit,
        cursor=cursor,
        facets=facets,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    sdg: int | None | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    facets: bool | Unset = True,
    accept_language: None | str | Unset = UNSET,
) -> Response[Problem | SearchResults]:
    """Search Resources

     Published resources: full text ranked by BM25 (accent-insensitive, stemmed per
    language, every word must match; ``-word`` excludes), exact facet counts over every hit,
    pages (pass ``next_cursor`` back as ``cursor``; results go 10,000 deep). Without ``q``,
    newest first.

    Args:
        q (None | str | Unset):
        lang (None | str | Unset): query language
        kind (None | ResourceKind | Unset):
        theme (None | str | Unset):
        sdg (int | None | Unset):
        country (None | str | Unset):
        language (None | str | Unset): has a translation in
        year (int | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        facets (bool | Unset): count facet values (slower) Default: True.
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SearchResults]
    """

    kwargs = _get_kwargs(
        q=q,
        lang=lang,
        kind=kind,
        theme=theme,
        sdg=sdg,
        country=country,
        language=language,
        year=year,
        limit=limit,
        cursor=cursor,
        facets=facets,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
    kind: None | ResourceKind | Unset = UNSET,
    theme: None | str | Unset = UNSET,
    sdg: int | None | Unset = UNSET,
    country: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
    facets: bool | Unset = True,
    accept_language: None | str | Unset = UNSET,
) -> Problem | SearchResults | None:
    """Search Resources

     Published resources: full text ranked by BM25 (accent-insensitive, stemmed per
    language, every word must match; ``-word`` excludes), exact facet counts over every hit,
    pages (pass ``next_cursor`` back as ``cursor``; results go 10,000 deep). Without ``q``,
    newest first.

    Args:
        q (None | str | Unset):
        lang (None | str | Unset): query language
        kind (None | ResourceKind | Unset):
        theme (None | str | Unset):
        sdg (int | None | Unset):
        country (None | str | Unset):
        language (None | str | Unset): has a translation in
        year (int | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):
        facets (bool | Unset): count facet values (slower) Default: True.
        accept_language (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SearchResults
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            lang=lang,
            kind=kind,
            theme=theme,
            sdg=sdg,
            country=country,
            language=language,
            year=year,
            limit=limit,
            cursor=cursor,
            facets=facets,
            accept_language=accept_language,
        )
    ).parsed
