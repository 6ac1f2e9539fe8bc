from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dimensions_input import DimensionsInput
from ...models.problem import Problem
from ...models.survey_out import SurveyOut
from ...types import Response


def _get_kwargs(
    survey_id: UUID,
    *,
    body: DimensionsInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/mapping/surveys/{survey_id}/dimensions".format(
            survey_id=quote(str(survey_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SurveyOut | None:
    if response.status_code == 201:
        response_201 = SurveyOut.from_dict(response.json())

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
) -> Response[Problem | SurveyOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    survey_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DimensionsInput,
) -> Response[Problem | SurveyOut]:
    """Map Survey Dimensions

     The mapping step for a standard XLSForm / Kobo form (no ``dimension`` column): which
    question feeds which dimension. Answers a new version of the questionnaire, with its
    ``statistics`` report; campaigns are launched on that version. A question, a dimension or
    a pairing that cannot work is refused (422) with every problem named.

    Args:
        survey_id (UUID):
        body (DimensionsInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurveyOut]
    """

    kwargs = _get_kwargs(
        survey_id=survey_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    survey_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DimensionsInput,
) -> Problem | SurveyOut | None:
    """Map Survey Dimensions

     The mapping step for a standard XLSForm / Kobo form (no ``dimension`` column): which
    question feeds which dimension. Answers a new version of the questionnaire, with its
    ``statistics`` report; campaigns are launched on that version. A question, a dimension or
    a pairing that cannot work is refused (422) with every problem named.

    Args:
        survey_id (UUID):
        body (DimensionsInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurveyOut
    """

    return sync_detailed(
        survey_id=survey_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    survey_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DimensionsInput,
) -> Response[Problem | SurveyOut]:
    """Map Survey Dimensions

     The mapping step for a standard XLSForm / Kobo form (no ``dimension`` column): which
    question feeds which dimension. Answers a new version of the questionnaire, with its
    ``statistics`` report; campaigns are launched on that version. A question, a dimension or
    a pairing that cannot work is refused (422) with every problem named.

    Args:
        survey_id (UUID):
        body (DimensionsInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurveyOut]
    """

    kwargs = _get_kwargs(
        survey_id=survey_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    survey_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DimensionsInput,
) -> Problem | SurveyOut | None:
    """Map Survey Dimensions

     The mapping step for a standard XLSForm / Kobo form (no ``dimension`` column): which
    question feeds which dimension. Answers a new version of the questionnaire, with its
    ``statistics`` report; campaigns are launched on that version. A question, a dimension or
    a pairing that cannot work is refused (422) with every problem named.

    Args:
        survey_id (UUID):
        body (DimensionsInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurveyOut
    """

    return (
        await asyncio_detailed(
            survey_id=survey_id,
            client=client,
            body=body,
        )
    ).parsed
