from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.role import Role
from ...models.roles_view import RolesView
from ...types import Response


def _get_kwargs(
    account_id: UUID,
    role: Role,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/auth/accounts/{account_id}/roles/{role}".format(
            account_id=quote(str(account_id), safe=""),
            role=quote(str(role), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | RolesView | None:
    if response.status_code == 200:
        response_200 = RolesView.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | RolesView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: UUID,
    role: Role,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RolesView]:
    """Revoke a role (platform admins only)

    Args:
        account_id (UUID):
        role (Role):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RolesView]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        role=role,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: UUID,
    role: Role,
    *,
    client: AuthenticatedClient,
) -> Problem | RolesView | None:
    """Revoke a role (platform admins only)

    Args:
        account_id (UUID):
        role (Role):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RolesView
    """

    return sync_detailed(
        account_id=account_id,
        role=role,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_id: UUID,
    role: Role,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | RolesView]:
    """Revoke a role (platform admins only)

    Args:
        account_id (UUID):
        role (Role):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | RolesView]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        role=role,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: UUID,
    role: Role,
    *,
    client: AuthenticatedClient,
) -> Problem | RolesView | None:
    """Revoke a role (platform admins only)

    Args:
        account_id (UUID):
        role (Role):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | RolesView
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            role=role,
            client=client,
        )
    ).parsed
