from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.login_problem import LoginProblem
from ...models.login_request import LoginRequest
from ...models.problem import Problem
from ...models.token_response import TokenResponse
from ...types import Response


def _get_kwargs(
    *,
    body: LoginRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/login",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LoginProblem | Problem | TokenResponse | None:
    if response.status_code == 200:
        response_200 = TokenResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = LoginProblem.from_dict(response.json())

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
) -> Response[LoginProblem | Problem | TokenResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Response[LoginProblem | Problem | TokenResponse]:
    """Login

     Failed sign-ins slow down where they come from: past a few failures from one address
    (or many on one account from addresses it never signed in from), each attempt waits a
    doubling delay (429 with Retry-After). The owner's usual client is never held back by
    someone else's guesses; a password reset clears the account's count.

    An account with an authenticator app needs its code too. Without one the answer is 401
    of type ``.../second-factor-required`` carrying a ``challenge`` (good once, for
    ``challenge_expires_in`` seconds): send it with the code to ``/v1/auth/login/second-factor``,
    so the client never keeps the password. The code may also come here as ``otp`` (or
    ``recovery_code``) with the password, in one request.

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LoginProblem | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> LoginProblem | Problem | TokenResponse | None:
    """Login

     Failed sign-ins slow down where they come from: past a few failures from one address
    (or many on one account from addresses it never signed in from), each attempt waits a
    doubling delay (429 with Retry-After). The owner's usual client is never held back by
    someone else's guesses; a password reset clears the account's count.

    An account with an authenticator app needs its code too. Without one the answer is 401
    of type ``.../second-factor-required`` carrying a ``challenge`` (good once, for
    ``challenge_expires_in`` seconds): send it with the code to ``/v1/auth/login/second-factor``,
    so the client never keeps the password. The code may also come here as ``otp`` (or
    ``recovery_code``) with the password, in one request.

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LoginProblem | Problem | TokenResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> Response[LoginProblem | Problem | TokenResponse]:
    """Login

     Failed sign-ins slow down where they come from: past a few failures from one address
    (or many on one account from addresses it never signed in from), each attempt waits a
    doubling delay (429 with Retry-After). The owner's usual client is never held back by
    someone else's guesses; a password reset clears the account's count.

    An account with an authenticator app needs its code too. Without one the answer is 401
    of type ``.../second-factor-required`` carrying a ``challenge`` (good once, for
    ``challenge_expires_in`` seconds): send it with the code to ``/v1/auth/login/second-factor``,
    so the client never keeps the password. The code may also come here as ``otp`` (or
    ``recovery_code``) with the password, in one request.

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LoginProblem | Problem | TokenResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: LoginRequest,
) -> LoginProblem | Problem | TokenResponse | None:
    """Login

     Failed sign-ins slow down where they come from: past a few failures from one address
    (or many on one account from addresses it never signed in from), each attempt waits a
    doubling delay (429 with Retry-After). The owner's usual client is never held back by
    someone else's guesses; a password reset clears the account's count.

    An account with an authenticator app needs its code too. Without one the answer is 401
    of type ``.../second-factor-required`` carrying a ``challenge`` (good once, for
    ``challenge_expires_in`` seconds): send it with the code to ``/v1/auth/login/second-factor``,
    so the client never keeps the password. The code may also come here as ``otp`` (or
    ``recovery_code``) with the password, in one request.

    Args:
        body (LoginRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LoginProblem | Problem | TokenResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
