from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chart_chart import ChartChart
from ...models.chart_fmt import ChartFmt
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    chart: ChartChart,
    fmt: ChartFmt,
    *,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_filter_: list[str] | Unset = UNSET
    if not isinstance(filter_, Unset):
        json_filter_ = filter_

    params["filter"] = json_filter_

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_lang: None | str | Unset
    if isinstance(lang, Unset):
        json_lang = UNSET
    else:
        json_lang = lang
    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/mapping/campaigns/{campaign_id}/charts/{chart}.{fmt}".format(
            campaign_id=quote(str(campaign_id), safe=""),
            chart=quote(str(chart), safe=""),
            fmt=quote(str(fmt), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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
) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    chart: ChartChart,
    fmt: ChartFmt,
    *,
    client: AuthenticatedClient,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Chart

     A released table drawn in the reader's language: sector and skill names, not codes;
    text kept as text in SVG; protected cells marked, never estimated.

    Args:
        campaign_id (UUID):
        chart (ChartChart):
        fmt (ChartFmt):
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        lang (None | str | Unset): the chart's language (en, fr, es, ar); default: Accept-Language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        chart=chart,
        fmt=fmt,
        filter_=filter_,
        from_=from_,
        to=to,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    chart: ChartChart,
    fmt: ChartFmt,
    *,
    client: AuthenticatedClient,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """Chart

     A released table drawn in the reader's language: sector and skill names, not codes;
    text kept as text in SVG; protected cells marked, never estimated.

    Args:
        campaign_id (UUID):
        chart (ChartChart):
        fmt (ChartFmt):
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        lang (None | str | Unset): the chart's language (en, fr, es, ar); default: Accept-Language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        campaign_id=campaign_id,
        chart=chart,
        fmt=fmt,
        client=client,
        filter_=filter_,
        from_=from_,
        to=to,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    chart: ChartChart,
    fmt: ChartFmt,
    *,
    client: AuthenticatedClient,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Chart

     A released table drawn in the reader's language: sector and skill names, not codes;
    text kept as text in SVG; protected cells marked, never estimated.

    Args:
        campaign_id (UUID):
        chart (ChartChart):
        fmt (ChartFmt):
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        lang (None | str | Unset): the chart's language (en, fr, es, ar); default: Accept-Language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        chart=chart,
        fmt=fmt,
        filter_=filter_,
        from_=from_,
        to=to,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    chart: ChartChart,
    fmt: ChartFmt,
    *,
    client: AuthenticatedClient,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    lang: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """Chart

     A released table drawn in the reader's language: sector and skill names, not codes;
    text kept as text in SVG; protected cells marked, never estimated.

    Args:
        campaign_id (UUID):
        chart (ChartChart):
        fmt (ChartFmt):
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        lang (None | str | Unset): the chart's language (en, fr, es, ar); default: Accept-Language

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            chart=chart,
            fmt=fmt,
            client=client,
            filter_=filter_,
            from_=from_,
            to=to,
            lang=lang,
        )
    ).parsed
