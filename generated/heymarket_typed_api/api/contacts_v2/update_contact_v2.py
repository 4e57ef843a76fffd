from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact import Contact
from ...models.contact_input_v2 import ContactInputV2
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    contact_id: UUID,
    *,
    body: ContactInputV2,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v2/contact/{contact_id}".format(
            contact_id=quote(str(contact_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Contact | ErrorBody | None:
    if response.status_code == 200:
        response_200 = Contact.from_dict(orjson.loads(response.content))

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
) -> Response[Contact | ErrorBody]:
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
    contact_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInputV2,
) -> Response[Contact | ErrorBody]:
    """Update a contact (v2)

     Updates a contact and returns the whole updated contact (unlike v1, which returns only its ID and
    revision). Whether an `overwrite` flag applies is not documented.

    Args:
        contact_id (UUID):
        body (ContactInputV2): A contact to create or update on v2. Creating needs at least one
            contact channel. `contact_id` is read by bulk upsert only: present, it updates that
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | ErrorBody]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    contact_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInputV2,
) -> Contact | ErrorBody | None:
    """Update a contact (v2)

     Updates a contact and returns the whole updated contact (unlike v1, which returns only its ID and
    revision). Whether an `overwrite` flag applies is not documented.

    Args:
        contact_id (UUID):
        body (ContactInputV2): A contact to create or update on v2. Creating needs at least one
            contact channel. `contact_id` is read by bulk upsert only: present, it updates that
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | ErrorBody
    """

    return sync_detailed(
        contact_id=contact_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    contact_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInputV2,
) -> Response[Contact | ErrorBody]:
    """Update a contact (v2)

     Updates a contact and returns the whole updated contact (unlike v1, which returns only its ID and
    revision). Whether an `overwrite` flag applies is not documented.

    Args:
        contact_id (UUID):
        body (ContactInputV2): A contact to create or update on v2. Creating needs at least one
            contact channel. `contact_id` is read by bulk upsert only: present, it updates that
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Contact | ErrorBody]
    """

    kwargs = _get_kwargs(
        contact_id=contact_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    contact_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInputV2,
) -> Contact | ErrorBody | None:
    """Update a contact (v2)

     Updates a contact and returns the whole updated contact (unlike v1, which returns only its ID and
    revision). Whether an `overwrite` flag applies is not documented.

    Args:
        contact_id (UUID):
        body (ContactInputV2): A contact to create or update on v2. Creating needs at least one
            contact channel. `contact_id` is read by bulk upsert only: present, it updates that
            contact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Contact | ErrorBody
    """

    return (
        await asyncio_detailed(
            contact_id=contact_id,
            client=client,
            body=body,
        )
    ).parsed
