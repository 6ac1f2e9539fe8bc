from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.aggregate_table_format import AggregateTableFormat
from ...models.problem import Problem
from ...models.table_out import TableOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    dimensions: str,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    format_: AggregateTableFormat | Unset = AggregateTableFormat.JSON,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["dimensions"] = dimensions

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

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/mapping/campaigns/{campaign_id}/tables".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TableOut | None:
    if response.status_code == 200:
        response_200 = TableOut.from_dict(response.json())

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
) -> Response[Problem | TableOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    dimensions: str,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    format_: AggregateTableFormat | Unset = AggregateTableFormat.JSON,
) -> Response[Problem | TableOut]:
    """Aggregate Table

    Args:
        campaign_id (UUID):
        dimensions (str): comma-separated, e.g. gender,sector
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        format_ (AggregateTableFormat | Unset):  Default: AggregateTableFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TableOut]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        dimensions=dimensions,
        filter_=filter_,
        from_=from_,
        to=to,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    dimensions: str,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    format_: AggregateTableFormat | Unset = AggregateTableFormat.JSON,
) -> Problem | TableOut | None:
    """Aggregate Table

    Args:
        campaign_id (UUID):
        dimensions (str): comma-separated, e.g. gender,sector
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        format_ (AggregateTableFormat | Unset):  Default: AggregateTableFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TableOut
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        dimensions=dimensions,
        filter_=filter_,
        from_=from_,
        to=to,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    dimensions: str,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    format_: AggregateTableFormat | Unset = AggregateTableFormat.JSON,
) -> Response[Problem | TableOut]:
    """Aggregate Table

    Args:
        campaign_id (UUID):
        dimensions (str): comma-separated, e.g. gender,sector
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        format_ (AggregateTableFormat | Unset):  Default: AggregateTableFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TableOut]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        dimensions=dimensions,
        filter_=filter_,
        from_=from_,
        to=to,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    dimensions: str,
    filter_: list[str] | Unset = UNSET,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    format_: AggregateTableFormat | Unset = AggregateTableFormat.JSON,
) -> Problem | TableOut | None:
    """Aggregate Table

    Args:
        campaign_id (UUID):
        dimensions (str): comma-separated, e.g. gender,sector
        filter_ (list[str] | Unset): dimension:value
        from_ (None | str | Unset): first month YYYY-MM
        to (None | str | Unset): last month YYYY-MM
        format_ (AggregateTableFormat | Unset):  Default: AggregateTableFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TableOut
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            dimensions=dimensions,
            filter_=filter_,
            from_=from_,
            to=to,
            format_=format_,
        )
    ).parsed
