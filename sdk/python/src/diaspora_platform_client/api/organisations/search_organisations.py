from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.organisation_kind import OrganisationKind
from ...models.organisation_page import OrganisationPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: None | str | Unset = UNSET,
    kind: list[OrganisationKind] | None | Unset = UNSET,
    country: list[str] | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_kind: list[str] | None | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, list):
        json_kind = []
        for kind_type_0_item_data in kind:
            kind_type_0_item = kind_type_0_item_data.value
            json_kind.append(kind_type_0_item)

    else:
        json_kind = kind
    params["kind"] = json_kind

    json_country: list[str] | None | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    elif isinstance(country, list):
        json_country = country

    else:
        json_country = country
    params["country"] = json_country

    json_verified: bool | None | Unset
    if isinstance(verified, Unset):
        json_verified = UNSET
    else:
        json_verified = verified
    params["verified"] = json_verified

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
        "url": "/v1/directory/organisations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OrganisationPage | Problem | None:
    if response.status_code == 200:
        response_200 = OrganisationPage.from_dict(response.json())

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
) -> Response[OrganisationPage | Problem]:
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
    kind: list[OrganisationKind] | None | Unset = UNSET,
    country: list[str] | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[OrganisationPage | Problem]:
    """Search Organisations

     Organisations are public: no sign-in needed.

    Args:
        q (None | str | Unset):
        kind (list[OrganisationKind] | None | Unset):
        country (list[str] | None | Unset):
        verified (bool | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationPage | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        kind=kind,
        country=country,
        verified=verified,
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
    q: None | str | Unset = UNSET,
    kind: list[OrganisationKind] | None | Unset = UNSET,
    country: list[str] | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> OrganisationPage | Problem | None:
    """Search Organisations

     Organisations are public: no sign-in needed.

    Args:
        q (None | str | Unset):
        kind (list[OrganisationKind] | None | Unset):
        country (list[str] | None | Unset):
        verified (bool | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationPage | Problem
    """

    return sync_detailed(
        client=client,
        q=q,
        kind=kind,
        country=country,
        verified=verified,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    kind: list[OrganisationKind] | None | Unset = UNSET,
    country: list[str] | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[OrganisationPage | Problem]:
    """Search Organisations

     Organisations are public: no sign-in needed.

    Args:
        q (None | str | Unset):
        kind (list[OrganisationKind] | None | Unset):
        country (list[str] | None | Unset):
        verified (bool | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrganisationPage | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        kind=kind,
        country=country,
        verified=verified,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    kind: list[OrganisationKind] | None | Unset = UNSET,
    country: list[str] | None | Unset = UNSET,
    verified: bool | None | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> OrganisationPage | Problem | None:
    """Search Organisations

     Organisations are public: no sign-in needed.

    Args:
        q (None | str | Unset):
        kind (list[OrganisationKind] | None | Unset):
        country (list[str] | None | Unset):
        verified (bool | None | Unset):
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrganisationPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            kind=kind,
            country=country,
            verified=verified,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
