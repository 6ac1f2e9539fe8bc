from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.terms_out import TermsOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    scheme_name: str,
    *,
    lang: str | Unset = "en",
    q: None | str | Unset = UNSET,
    limit: int | Unset = 10000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lang"] = lang

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/vocabulary/{scheme_name}".format(
            scheme_name=quote(str(scheme_name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TermsOut | None:
    if response.status_code == 200:
        response_200 = TermsOut.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[Problem | TermsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    scheme_name: str,
    *,
    client: AuthenticatedClient | Client,
    lang: str | Unset = "en",
    q: None | str | Unset = UNSET,
    limit: int | Unset = 10000,
) -> Response[Problem | TermsOut]:
    """List Terms

     The scheme's terms with labels in ``lang`` (ordered by label), or, with ``q``, those
    whose label or code matches it, best first (accent- and case-insensitive).

    Args:
        scheme_name (str):
        lang (str | Unset): labels in this language Default: 'en'.
        q (None | str | Unset): search
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TermsOut]
    """

    kwargs = _get_kwargs(
        scheme_name=scheme_name,
        lang=lang,
        q=q,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scheme_name: str,
    *,
    client: AuthenticatedClient | Client,
    lang: str | Unset = "en",
    q: None | str | Unset = UNSET,
    limit: int | Unset = 10000,
) -> Problem | TermsOut | None:
    """List Terms

     The scheme's terms with labels in ``lang`` (ordered by label), or, with ``q``, those
    whose label or code matches it, best first (accent- and case-insensitive).

    Args:
        scheme_name (str):
        lang (str | Unset): labels in this language Default: 'en'.
        q (None | str | Unset): search
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TermsOut
    """

    return sync_detailed(
        scheme_name=scheme_name,
        client=client,
        lang=lang,
        q=q,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    scheme_name: str,
    *,
    client: AuthenticatedClient | Client,
    lang: str | Unset = "en",
    q: None | str | Unset = UNSET,
    limit: int | Unset = 10000,
) -> Response[Problem | TermsOut]:
    """List Terms

     The scheme's terms with labels in ``lang`` (ordered by label), or, with ``q``, those
    whose label or code matches it, best first (accent- and case-insensitive).

    Args:
        scheme_name (str):
        lang (str | Unset): labels in this language Default: 'en'.
        q (None | str | Unset): search
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TermsOut]
    """

    kwargs = _get_kwargs(
        scheme_name=scheme_name,
        lang=lang,
        q=q,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scheme_name: str,
    *,
    client: AuthenticatedClient | Client,
    lang: str | Unset = "en",
    q: None | str | Unset = UNSET,
    limit: int | Unset = 10000,
) -> Problem | TermsOut | None:
    """List Terms

     The scheme's terms with labels in ``lang`` (ordered by label), or, with ``q``, those
    whose label or code matches it, best first (accent- and case-insensitive).

    Args:
        scheme_name (str):
        lang (str | Unset): labels in this language Default: 'en'.
        q (None | str | Unset): search
        limit (int | Unset):  Default: 10000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TermsOut
    """

    return (
        await asyncio_detailed(
            scheme_name=scheme_name,
            client=client,
            lang=lang,
            q=q,
            limit=limit,
        )
    ).parsed
