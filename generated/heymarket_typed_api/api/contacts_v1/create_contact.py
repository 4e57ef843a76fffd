from http import HTTPStatus
from typing import Any

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact_input import ContactInput
from ...models.contact_ref import ContactRef
from ...models.error_body import ErrorBody
from ...types import Response


def _get_kwargs(
    *,
    body: ContactInput,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/contact",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ContactRef | ErrorBody | None:
    if response.status_code == 200:
        response_200 = ContactRef.from_dict(orjson.loads(response.content))

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
) -> Response[ContactRef | ErrorBody]:
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
    body: ContactInput,
) -> Response[ContactRef | ErrorBody]:
    """Create a contact

     Creates a contact. `phone` is required; `display_name` defaults to first + last. Returns the new
    contact's integer ID, revision and UUID (the UUID is the v2 contactID). Not idempotent: a retry
    after an unknown outcome may create a second contact.

    Args:
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactRef | ErrorBody]
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
    body: ContactInput,
) -> ContactRef | ErrorBody | None:
    """Create a contact

     Creates a contact. `phone` is required; `display_name` defaults to first + last. Returns the new
    contact's integer ID, revision and UUID (the UUID is the v2 contactID). Not idempotent: a retry
    after an unknown outcome may create a second contact.

    Args:
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactRef | ErrorBody
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ContactInput,
) -> Response[ContactRef | ErrorBody]:
    """Create a contact

     Creates a contact. `phone` is required; `display_name` defaults to first + last. Returns the new
    contact's integer ID, revision and UUID (the UUID is the v2 contactID). Not idempotent: a retry
    after an unknown outcome may create a second contact.

    Args:
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactRef | ErrorBody]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ContactInput,
) -> ContactRef | ErrorBody | None:
    """Create a contact

     Creates a contact. `phone` is required; `display_name` defaults to first + last. Returns the new
    contact's integer ID, revision and UUID (the UUID is the v2 contactID). Not idempotent: a retry
    after an unknown outcome may create a second contact.

    Args:
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactRef | ErrorBody
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
