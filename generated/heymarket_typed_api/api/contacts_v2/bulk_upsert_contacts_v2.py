from http import HTTPStatus
from typing import Any

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_upsert_request import BulkUpsertRequest
from ...models.bulk_upsert_response import BulkUpsertResponse
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: BulkUpsertRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/contacts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BulkUpsertResponse | ErrorBody | None:
    if response.status_code == 200:
        response_200 = BulkUpsertResponse.from_dict(orjson.loads(response.content))

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
) -> Response[BulkUpsertResponse | ErrorBody]:
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
    body: BulkUpsertRequest,
) -> Response[BulkUpsertResponse | ErrorBody]:
    """Bulk create or update contacts (v2)

     Creates or updates many contacts: an item with `contact_id` updates that contact, an item without it
    creates one. Returns the contacts written and the ones that failed. Not idempotent for items without
    `contact_id`.

    Args:
        body (BulkUpsertRequest): The contacts to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkUpsertResponse | ErrorBody]
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
    body: BulkUpsertRequest,
) -> BulkUpsertResponse | ErrorBody | None:
    """Bulk create or update contacts (v2)

     Creates or updates many contacts: an item with `contact_id` updates that contact, an item without it
    creates one. Returns the contacts written and the ones that failed. Not idempotent for items without
    `contact_id`.

    Args:
        body (BulkUpsertRequest): The contacts to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkUpsertResponse | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: BulkUpsertRequest,
) -> Response[BulkUpsertResponse | ErrorBody]:
    """Bulk create or update contacts (v2)

     Creates or updates many contacts: an item with `contact_id` updates that contact, an item without it
    creates one. Returns the contacts written and the ones that failed. Not idempotent for items without
    `contact_id`.

    Args:
        body (BulkUpsertRequest): The contacts to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkUpsertResponse | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: BulkUpsertRequest,
) -> BulkUpsertResponse | ErrorBody | None:
    """Bulk create or update contacts (v2)

     Creates or updates many contacts: an item with `contact_id` updates that contact, an item without it
    creates one. Returns the contacts written and the ones that failed. Not idempotent for items without
    `contact_id`.

    Args:
        body (BulkUpsertRequest): The contacts to create or update.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkUpsertResponse | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
