from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_report import ImportReport
from ...models.import_submissions_format import ImportSubmissionsFormat
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    campaign_id: UUID,
    *,
    format_: ImportSubmissionsFormat | Unset = ImportSubmissionsFormat.KOBO_JSON,
    wave: int | Unset = 1,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["wave"] = wave

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/mapping/campaigns/{campaign_id}/imports".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportReport | Problem | None:
    if response.status_code == 200:
        response_200 = ImportReport.from_dict(response.json())

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
) -> Response[ImportReport | Problem]:
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
    format_: ImportSubmissionsFormat | Unset = ImportSubmissionsFormat.KOBO_JSON,
    wave: int | Unset = 1,
) -> Response[ImportReport | Problem]:
    """Import Submissions

     Body: a KoboToolbox/ODK export (JSON or CSV). Idempotent on each submission's id.

    Args:
        campaign_id (UUID):
        format_ (ImportSubmissionsFormat | Unset):  Default: ImportSubmissionsFormat.KOBO_JSON.
        wave (int | Unset):  Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReport | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        format_=format_,
        wave=wave,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ImportSubmissionsFormat | Unset = ImportSubmissionsFormat.KOBO_JSON,
    wave: int | Unset = 1,
) -> ImportReport | Problem | None:
    """Import Submissions

     Body: a KoboToolbox/ODK export (JSON or CSV). Idempotent on each submission's id.

    Args:
        campaign_id (UUID):
        format_ (ImportSubmissionsFormat | Unset):  Default: ImportSubmissionsFormat.KOBO_JSON.
        wave (int | Unset):  Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReport | Problem
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        format_=format_,
        wave=wave,
    ).parsed


async def asyncio_detailed(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ImportSubmissionsFormat | Unset = ImportSubmissionsFormat.KOBO_JSON,
    wave: int | Unset = 1,
) -> Response[ImportReport | Problem]:
    """Import Submissions

     Body: a KoboToolbox/ODK export (JSON or CSV). Idempotent on each submission's id.

    Args:
        campaign_id (UUID):
        format_ (ImportSubmissionsFormat | Unset):  Default: ImportSubmissionsFormat.KOBO_JSON.
        wave (int | Unset):  Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportReport | Problem]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        format_=format_,
        wave=wave,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ImportSubmissionsFormat | Unset = ImportSubmissionsFormat.KOBO_JSON,
    wave: int | Unset = 1,
) -> ImportReport | Problem | None:
    """Import Submissions

     Body: a KoboToolbox/ODK export (JSON or CSV). Idempotent on each submission's id.

    Args:
        campaign_id (UUID):
        format_ (ImportSubmissionsFormat | Unset):  Default: ImportSubmissionsFormat.KOBO_JSON.
        wave (int | Unset):  Default: 1.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportReport | Problem
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            format_=format_,
            wave=wave,
        )
    ).parsed
