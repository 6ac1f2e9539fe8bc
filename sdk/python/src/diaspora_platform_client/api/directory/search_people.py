from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.people_page import PeoplePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: None | str | Unset = UNSET,
    origin: list[str] | None | Unset = UNSET,
    residence: list[str] | None | Unset = UNSET,
    skill: list[str] | None | Unset = UNSET,
    occupation: list[str] | None | Unset = UNSET,
    sector: list[str] | None | Unset = UNSET,
    language: list[str] | None | Unset = UNSET,
    mode: list[str] | None | Unset = UNSET,
    open_to_opportunities: bool | None | Unset = UNSET,
    facets: bool | Unset = False,
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

    json_origin: list[str] | None | Unset
    if isinstance(origin, Unset):
        json_origin = UNSET
    elif isinstance(origin, list):
        json_origin = origin

    else:
        json_origin = origin
    params["origin"] = json_origin

    json_residence: list[str] | None | Unset
    if isinstance(residence, Unset):
        json_residence = UNSET
    elif isinstance(residence, list):
        json_residence = residence

    else:
        json_residence = residence
    params["residence"] = json_residence

    json_skill: list[str] | None | Unset
    if isinstance(skill, Unset):
        json_skill = UNSET
    elif isinstance(skill, list):
        json_skill = skill

    else:
        json_skill = skill
    params["skill"] = json_skill

    json_occupation: list[str] | None | Unset
    if isinstance(occupation, Unset):
        json_occupation = UNSET
    elif isinstance(occupation, list):
        json_occupation = occupation

    else:
        json_occupation = occupation
    params["occupation"] = json_occupation

    json_sector: list[str] | None | Unset
    if isinstance(sector, Unset):
        json_sector = UNSET
    elif isinstance(sector, list):
        json_sector = sector

    else:
        json_sector = sector
    params["sector"] = json_sector

    json_language: list[str] | None | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    elif isinstance(language, list):
        json_language = language

    else:
        json_language = language
    params["language"] = json_language

    json_mode: list[str] | None | Unset
    if isinstance(mode, Unset):
        json_mode = UNSET
    elif isinstance(mode, list):
        json_mode = mode

    else:
        json_mode = mode
    params["mode"] = json_mode

    json_open_to_opportunities: bool | None | Unset
    if isinstance(open_to_opportunities, Unset):
        json_open_to_opportunities = UNSET
    else:
        json_open_to_opportunities = open_to_opportunities
    params["open_to_opportunities"] = json_open_to_opportunities

    params["facets"] = facets

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
        "url": "/v1/directory/people",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PeoplePage | Problem | None:
    if response.status_code == 200:
        response_200 = PeoplePage.from_dict(response.json())

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
) -> Response[PeoplePage | Problem]:
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
    origin: list[str] | None | Unset = UNSET,
    residence: list[str] | None | Unset = UNSET,
    skill: list[str] | None | Unset = UNSET,
    occupation: list[str] | None | Unset = UNSET,
    sector: list[str] | None | Unset = UNSET,
    language: list[str] | None | Unset = UNSET,
    mode: list[str] | None | Unset = UNSET,
    open_to_opportunities: bool | None | Unset = UNSET,
    facets: bool | Unset = False,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[PeoplePage | Problem]:
    """Search People

     People whose member-visible fields match; each filter matches any of its values.

    Sorted by name when browsing. A word search (each word a prefix) lists first the people
    whose name holds every word, then those matched only by other text (headline,
    occupations, skills, tags...), each group in a stable (storage) order. Keyset pagination
    (``next_cursor``); a person whose profile changes while someone pages through a word
    search may be seen twice or missed by that paging. Facet counts (``facets=true``)
    cover the whole filtered result when it has at most 2,000 people
    (``facets_complete: true``); beyond that they count its first 2,000 people in storage
    order, an arbitrary sample (``facets_complete: false``). People who blocked the viewer, or
    whom the viewer blocked, never appear.

    Args:
        q (None | str | Unset): words; prefix match
        origin (list[str] | None | Unset): ISO 3166 alpha-2
        residence (list[str] | None | Unset): ISO 3166 alpha-2
        skill (list[str] | None | Unset): ESCO skill group code
        occupation (list[str] | None | Unset): ISCO-08 code
        sector (list[str] | None | Unset): ISIC section
        language (list[str] | None | Unset): ISO 639 code
        mode (list[str] | None | Unset): contribution mode
        open_to_opportunities (bool | None | Unset):
        facets (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PeoplePage | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        origin=origin,
        residence=residence,
        skill=skill,
        occupation=occupation,
        sector=sector,
        language=language,
        mode=mode,
        open_to_opportunities=open_to_opportunities,
        facets=facets,
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
    origin: list[str] | None | Unset = UNSET,
    residence: list[str] | None | Unset = UNSET,
    skill: list[str] | None | Unset = UNSET,
    occupation: list[str] | None | Unset = UNSET,
    sector: list[str] | None | Unset = UNSET,
    language: list[str] | None | Unset = UNSET,
    mode: list[str] | None | Unset = UNSET,
    open_to_opportunities: bool | None | Unset = UNSET,
    facets: bool | Unset = False,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> PeoplePage | Problem | None:
    """Search People

     People whose member-visible fields match; each filter matches any of its values.

    Sorted by name when browsing. A word search (each word a prefix) lists first the people
    whose name holds every word, then those matched only by other text (headline,
    occupations, skills, tags...), each group in a stable (storage) order. Keyset pagination
    (``next_cursor``); a person whose profile changes while someone pages through a word
    search may be seen twice or missed by that paging. Facet counts (``facets=true``)
    cover the whole filtered result when it has at most 2,000 people
    (``facets_complete: true``); beyond that they count its first 2,000 people in storage
    order, an arbitrary sample (``facets_complete: false``). People who blocked the viewer, or
    whom the viewer blocked, never appear.

    Args:
        q (None | str | Unset): words; prefix match
        origin (list[str] | None | Unset): ISO 3166 alpha-2
        residence (list[str] | None | Unset): ISO 3166 alpha-2
        skill (list[str] | None | Unset): ESCO skill group code
        occupation (list[str] | None | Unset): ISCO-08 code
        sector (list[str] | None | Unset): ISIC section
        language (list[str] | None | Unset): ISO 639 code
        mode (list[str] | None | Unset): contribution mode
        open_to_opportunities (bool | None | Unset):
        facets (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PeoplePage | Problem
    """

    return sync_detailed(
        client=client,
        q=q,
        origin=origin,
        residence=residence,
        skill=skill,
        occupation=occupation,
        sector=sector,
        language=language,
        mode=mode,
        open_to_opportunities=open_to_opportunities,
        facets=facets,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    origin: list[str] | None | Unset = UNSET,
    residence: list[str] | None | Unset = UNSET,
    skill: list[str] | None | Unset = UNSET,
    occupation: list[str] | None | Unset = UNSET,
    sector: list[str] | None | Unset = UNSET,
    language: list[str] | None | Unset = UNSET,
    mode: list[str] | None | Unset = UNSET,
    open_to_opportunities: bool | None | Unset = UNSET,
    facets: bool | Unset = False,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[PeoplePage | Problem]:
    """Search People

     People whose member-visible fields match; each filter matches any of its values.

    Sorted by name when browsing. A word search (each word a prefix) lists first the people
    whose name holds every word, then those matched only by other text (headline,
    occupations, skills, tags...), each group in a stable (storage) order. Keyset pagination
    (``next_cursor``); a person whose profile changes while someone pages through a word
    search may be seen twice or missed by that paging. Facet counts (``facets=true``)
    cover the whole filtered result when it has at most 2,000 people
    (``facets_complete: true``); beyond that they count its first 2,000 people in storage
    order, an arbitrary sample (``facets_complete: false``). People who blocked the viewer, or
    whom the viewer blocked, never appear.

    Args:
        q (None | str | Unset): words; prefix match
        origin (list[str] | None | Unset): ISO 3166 alpha-2
        residence (list[str] | None | Unset): ISO 3166 alpha-2
        skill (list[str] | None | Unset): ESCO skill group code
        occupation (list[str] | None | Unset): ISCO-08 code
        sector (list[str] | None | Unset): ISIC section
        language (list[str] | None | Unset): ISO 639 code
        mode (list[str] | None | Unset): contribution mode
        open_to_opportunities (bool | None | Unset):
        facets (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PeoplePage | Problem]
    """

    kwargs = _get_kwargs(
        q=q,
        origin=origin,
        residence=residence,
        skill=skill,
        occupation=occupation,
        sector=sector,
        language=language,
        mode=mode,
        open_to_opportunities=open_to_opportunities,
        facets=facets,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: None | str | Unset = UNSET,
    origin: list[str] | None | Unset = UNSET,
    residence: list[str] | None | Unset = UNSET,
    skill: list[str] | None | Unset = UNSET,
    occupation: list[str] | None | Unset = UNSET,
    sector: list[str] | None | Unset = UNSET,
    language: list[str] | None | Unset = UNSET,
    mode: list[str] | None | Unset = UNSET,
    open_to_opportunities: bool | None | Unset = UNSET,
    facets: bool | Unset = False,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> PeoplePage | Problem | None:
    """Search People

     People whose member-visible fields match; each filter matches any of its values.

    Sorted by name when browsing. A word search (each word a prefix) lists first the people
    whose name holds every word, then those matched only by other text (headline,
    occupations, skills, tags...), each group in a stable (storage) order. Keyset pagination
    (``next_cursor``); a person whose profile changes while someone pages through a word
    search may be seen twice or missed by that paging. Facet counts (``facets=true``)
    cover the whole filtered result when it has at most 2,000 people
    (``facets_complete: true``); beyond that they count its first 2,000 people in storage
    order, an arbitrary sample (``facets_complete: false``). People who blocked the viewer, or
    whom the viewer blocked, never appear.

    Args:
        q (None | str | Unset): words; prefix match
        origin (list[str] | None | Unset): ISO 3166 alpha-2
        residence (list[str] | None | Unset): ISO 3166 alpha-2
        skill (list[str] | None | Unset): ESCO skill group code
        occupation (list[str] | None | Unset): ISCO-08 code
        sector (list[str] | None | Unset): ISIC section
        language (list[str] | None | Unset): ISO 639 code
        mode (list[str] | None | Unset): contribution mode
        open_to_opportunities (bool | None | Unset):
        facets (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 20.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PeoplePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            origin=origin,
            residence=residence,
            skill=skill,
            occupation=occupation,
            sector=sector,
            language=language,
            mode=mode,
            open_to_opportunities=open_to_opportunities,
            facets=facets,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
