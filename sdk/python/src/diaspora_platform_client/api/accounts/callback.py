from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.social_sign_in import SocialSignIn
from ...types import UNSET, Response, Unset


def _get_kwargs(
    provider: str,
    *,
    state: str | Unset = "",
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["state"] = state

    json_code: None | str | Unset
    if isinstance(code, Unset):
        json_code = UNSET
    else:
        json_code = code
    params["code"] = json_code

    json_error: None | str | Unset
    if isinstance(error, Unset):
        json_error = UNSET
    else:
        json_error = error
    params["error"] = json_error

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/auth/oidc/{provider}/callback".format(
            provider=quote(str(provider), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SocialSignIn | None:
    if response.status_code == 200:
        response_200 = SocialSignIn.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | SocialSignIn]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = "",
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
) -> Response[Problem | SocialSignIn]:
    """Callback

     Where the provider sends the person back: signs in and returns tokens.

    Args:
        provider (str):
        state (str | Unset):  Default: ''.
        code (None | str | Unset):
        error (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SocialSignIn]
    """

    kwargs = _get_kwargs(
        provider=provider,
        state=state,
        code=code,
        error=error,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = "",
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
) -> Problem | SocialSignIn | None:
    """Callback

     Where the provider sends the person back: signs in and returns tokens.

    Args:
        provider (str):
        state (str | Unset):  Default: ''.
        code (None | str | Unset):
        error (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SocialSignIn
    """

    return sync_detailed(
        provider=provider,
        client=client,
        state=state,
        code=code,
        error=error,
    ).parsed


async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = "",
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
) -> Response[Problem | SocialSignIn]:
    """Callback

     Where the provider sends the person back: signs in and returns tokens.

    Args:
        provider (str):
        state (str | Unset):  Default: ''.
        code (None | str | Unset):
        error (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SocialSignIn]
    """

    kwargs = _get_kwargs(
        provider=provider,
        state=state,
        code=code,
        error=error,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    state: str | Unset = "",
    code: None | str | Unset = UNSET,
    error: None | str | Unset = UNSET,
) -> Problem | SocialSignIn | None:
    """Callback

     Where the provider sends the person back: signs in and returns tokens.

    Args:
        provider (str):
        state (str | Unset):  Default: ''.
        code (None | str | Unset):
        error (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SocialSignIn
    """

    return (
        await asyncio_detailed(
            provider=provider,
            client=client,
            state=state,
            code=code,
            error=error,
        )
    ).parsed
