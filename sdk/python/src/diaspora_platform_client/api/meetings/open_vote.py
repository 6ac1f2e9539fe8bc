from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.motion import Motion
from ...models.motion_in import MotionIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    meeting_id: UUID,
    *,
    body: MotionIn,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/alliance/meetings/{meeting_id}/motions".format(
            meeting_id=quote(str(meeting_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Motion | Problem | None:
    if response.status_code == 201:
        response_201 = Motion.from_dict(response.json())

        return response_201

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
) -> Response[Motion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MotionIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Motion | Problem]:
    """Open Vote

     Opens a vote; refused (409 No quorum) unless the body's quorum is present.

    Args:
        meeting_id (UUID):
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (MotionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Motion | Problem]
    """

    kwargs = _get_kwargs(
        meeting_id=meeting_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MotionIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Motion | Problem | None:
    """Open Vote

     Opens a vote; refused (409 No quorum) unless the body's quorum is present.

    Args:
        meeting_id (UUID):
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (MotionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Motion | Problem
    """

    return sync_detailed(
        meeting_id=meeting_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MotionIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Motion | Problem]:
    """Open Vote

     Opens a vote; refused (409 No quorum) unless the body's quorum is present.

    Args:
        meeting_id (UUID):
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (MotionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Motion | Problem]
    """

    kwargs = _get_kwargs(
        meeting_id=meeting_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    meeting_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MotionIn,
    idempotency_key: None | str | Unset = UNSET,
) -> Motion | Problem | None:
    """Open Vote

     Opens a vote; refused (409 No quorum) unless the body's quorum is present.

    Args:
        meeting_id (UUID):
        idempotency_key (None | str | Unset): Retry safely: a retry with the same key and the same
            body gets the first answer again (marked Idempotent-Replayed: true) and creates nothing
            twice; the same key with another body is refused with 422. Keys are per account and kept
            for a day.
        body (MotionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Motion | Problem
    """

    return (
        await asyncio_detailed(
            meeting_id=meeting_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
