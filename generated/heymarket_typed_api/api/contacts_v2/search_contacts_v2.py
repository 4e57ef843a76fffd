from http import HTTPStatus
from typing import Any

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact import Contact
from ...models.error_body import ErrorBody
from ...models.search_request import SearchRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SearchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/contacts/search",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | list[Contact] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = orjson.loads(response.content)
        for response_200_item_data in _response_200:
            response_200_item = Contact.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ErrorBody | list[Contact]]:
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
    body: SearchRequest,
) -> Response[ErrorBody | list[Contact]]:
    """Search contacts by channel (v2)

     Returns the contacts matching any of the channel values given. When `channel_type` is left out it is
    inferred: E.164 digits mean a phone, a value with `@` an email. Whether no match is an empty array
    or a 404 is not documented.

    Args:
        body (SearchRequest): One or more channel entries to search by.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[Contact]]
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
    body: SearchRequest,
) -> ErrorBody | list[Contact] | None:
    """Search contacts by channel (v2)

     Returns the contacts matching any of the channel values given. When `channel_type` is left out it is
    inferred: E.164 digits mean a phone, a value with `@` an email. Whether no match is an empty array
    or a 404 is not documented.

    Args:
        body (SearchRequest): One or more channel entries to search by.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[Contact]
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRequest,
) -> Response[ErrorBody | list[Contact]]:
    """Search contacts by channel (v2)

     Returns the contacts matching any of the channel values given. When `channel_type` is left out it is
    inferred: E.164 digits mean a phone, a value with `@` an email. Whether no match is an empty array
    or a 404 is not documented.

    Args:
        body (SearchRequest): One or more channel entries to search by.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[Contact]]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SearchRequest,
) -> ErrorBody | list[Contact] | None:
    """Search contacts by channel (v2)

     Returns the contacts matching any of the channel values given. When `channel_type` is left out it is
    inferred: E.164 digits mean a phone, a value with `@` an email. Whether no match is an empty array
    or a 404 is not documented.

    Args:
        body (SearchRequest): One or more channel entries to search by.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[Contact]
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
