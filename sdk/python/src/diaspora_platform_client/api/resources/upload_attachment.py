from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_out import AttachmentOut
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    resource_id: UUID,
    *,
    body: File | Unset = UNSET,
    filename: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["filename"] = filename

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/resources/{resource_id}/attachments".format(
            resource_id=quote(str(resource_id), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttachmentOut | Problem | None:
    if response.status_code == 201:
        response_201 = AttachmentOut.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[AttachmentOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    filename: str,
) -> Response[AttachmentOut | Problem]:
    """Upload Attachment

     The raw file is the body; its type is sniffed from the bytes, never trusted from the
    name or Content-Type.

    Args:
        resource_id (UUID):
        filename (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentOut | Problem]
    """

    kwargs = _get_kwargs(
        resource_id=resource_id,
        body=body,
        filename=filename,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    filename: str,
) -> AttachmentOut | Problem | None:
    """Upload Attachment

     The raw file is the body; its type is sniffed from the bytes, never trusted from the
    name or Content-Type.

    Args:
        resource_id (UUID):
        filename (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentOut | Problem
    """

    return sync_detailed(
        resource_id=resource_id,
        client=client,
        body=body,
        filename=filename,
    ).parsed


async def asyncio_detailed(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    filename: str,
) -> Response[AttachmentOut | Problem]:
    """Upload Attachment

     The raw file is the body; its type is sniffed from the bytes, never trusted from the
    name or Content-Type.

    Args:
        resource_id (UUID):
        filename (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentOut | Problem]
    """

    kwargs = _get_kwargs(
        resource_id=resource_id,
        body=body,
        filename=filename,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    resource_id: UUID,
    *,
    client: AuthenticatedClient,
    body: File | Unset = UNSET,
    filename: str,
) -> AttachmentOut | Problem | None:
    """Upload Attachment

     The raw file is the body; its type is sniffed from the bytes, never trusted from the
    name or Content-Type.

    Args:
        resource_id (UUID):
        filename (str):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentOut | Problem
    """

    return (
        await asyncio_detailed(
            resource_id=resource_id,
            client=client,
            body=body,
            filename=filename,
        )
    ).parsed
