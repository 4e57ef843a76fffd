from http import HTTPStatus
from typing import Any, cast

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_body import ErrorBody
from ...models.set_status_request import SetStatusRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SetStatusRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/contact/set_status",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | str | None:
    if response.status_code == 200:
        response_200 = cast(str, orjson.loads(response.content))
        return response_200

    if response.status_code == 400:
        response_400 = ErrorBody.from_dict(orjson.loads(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorBody.from_dict(orjson.loads(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorBody.from_dict(orjson.loads(response.content))

        return response_403

    if response.status_code == 404:
        response_404 = ErrorBody.from_dict(orjson.loads(response.content))

        return response_404

    if response.status_code == 429:
        response_429 = ErrorBody.from_dict(orjson.loads(response.content))

        return response_429

    if response.status_code == 500:
        response_500 = ErrorBody.from_dict(orjson.loads(response.content))

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBody | str]:
    try:
        return Response(
            status_code=HTTPStatus(response.status_code),
            content=response.content,
            headers=response.headers,
            parsed=_parse_response(client=client, response=response),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise errors.unparsable_response(response, error) from error


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SetStatusRequest,
) -> Response[ErrorBody | str]:
    """Set contact messaging status

     Sets a contact's messaging status. `unsubscribed` is the same as `is_opted_out: true`; a blocked
    contact can neither send nor receive messages. Returns the JSON string `"success"`. Setting the same
    status twice has the same effect as once.

    Args:
        body (SetStatusRequest): The contact, by ID or phone (at least one), and the status to
            set.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | str]
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
    body: SetStatusRequest,
) -> ErrorBody | str | None:
    """Set contact messaging status

     Sets a contact's messaging status. `unsubscribed` is the same as `is_opted_out: true`; a blocked
    contact can neither send nor receive messages. Returns the JSON string `"success"`. Setting the same
    status twice has the same effect as once.

    Args:
        body (SetStatusRequest): The contact, by ID or phone (at least one), and the status to
            set.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | str
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SetStatusRequest,
) -> Response[ErrorBody | str]:
    """Set contact messaging status

     Sets a contact's messaging status. `unsubscribed` is the same as `is_opted_out: true`; a blocked
    contact can neither send nor receive messages. Returns the JSON string `"success"`. Setting the same
    status twice has the same effect as once.

    Args:
        body (SetStatusRequest): The contact, by ID or phone (at least one), and the status to
            set.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | str]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SetStatusRequest,
) -> ErrorBody | str | None:
    """Set contact messaging status

     Sets a contact's messaging status. `unsubscribed` is the same as `is_opted_out: true`; a blocked
    contact can neither send nor receive messages. Returns the JSON string `"success"`. Setting the same
    status twice has the same effect as once.

    Args:
        body (SetStatusRequest): The contact, by ID or phone (at least one), and the status to
            set.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
