from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_in import CancelIn
from ...models.event_out import EventOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    event_id: UUID,
    *,
    body: CancelIn,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/events/{event_id}/cancel".format(
            event_id=quote(str(event_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EventOut | Problem | None:
    if response.status_code == 200:
        response_200 = EventOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[EventOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CancelIn,
    if_match: None | str | Unset = UNSET,
) -> Response[EventOut | Problem]:
    """Cancel Event

     Call the event off with a reason (organiser or moderator). Registrations are kept as
    a record; new registrations are refused. Publishes resources.calendar_event.cancelled.

    Args:
        event_id (UUID):
        if_match (None | str | Unset): The ETag you last read (W/"<version>"), or *: a change made
            since is not overwritten (412); changing an existing thing needs it (428).
        body (CancelIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventOut | Problem]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CancelIn,
    if_match: None | str | Unset = UNSET,
) -> EventOut | Problem | None:
    """Cancel Event

     Call the event off with a reason (organiser or moderator). Registrations are kept as
    a record; new registrations are refused. Publishes resources.calendar_event.cancelled.

    Args:
        event_id (UUID):
        if_match (None | str | Unset): The ETag you last read (W/"<version>"), or *: a change made
            since is not overwritten (412); changing an existing thing needs it (428).
        body (CancelIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventOut | Problem
    """

    return sync_detailed(
        event_id=event_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CancelIn,
    if_match: None | str | Unset = UNSET,
) -> Response[EventOut | Problem]:
    """Cancel Event

     Call the event off with a reason (organiser or moderator). Registrations are kept as
    a record; new registrations are refused. Publishes resources.calendar_event.cancelled.

    Args:
        event_id (UUID):
        if_match (None | str | Unset): The ETag you last read (W/"<version>"), or *: a change made
            since is not overwritten (412); changing an existing thing needs it (428).
        body (CancelIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventOut | Problem]
    """

    kwargs = _get_kwargs(
        event_id=event_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    event_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CancelIn,
    if_match: None | str | Unset = UNSET,
) -> EventOut | Problem | None:
    """Cancel Event

     Call the event off with a reason (organiser or moderator). Registrations are kept as
    a record; new registrations are refused. Publishes resources.calendar_event.cancelled.

    Args:
        event_id (UUID):
        if_match (None | str | Unset): The ETag you last read (W/"<version>"), or *: a change made
            since is not overwritten (412); changing an existing thing needs it (428).
        body (CancelIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventOut | Problem
    """

    return (
        await asyncio_detailed(
            event_id=event_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
