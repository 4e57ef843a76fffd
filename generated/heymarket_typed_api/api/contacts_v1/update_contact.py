from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact_input import ContactInput
from ...models.contact_ref import ContactRef
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: ContactInput,
    overwrite: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["overwrite"] = overwrite

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/contact/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
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
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInput,
    overwrite: bool | Unset = False,
) -> Response[ContactRef | ErrorBody]:
    """Update a contact

     Updates a contact. `phone` is required in the body. With `overwrite=false` (the default) custom
    values are merged; with `overwrite=true` all custom values are replaced and fields not sent are
    removed. Names are overwritten whatever `overwrite` says. Integrators report that fields left out
    are cleared too, so send the whole contact.

    Args:
        id (int):
        overwrite (bool | Unset):  Default: False.
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactRef | ErrorBody]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        overwrite=overwrite,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInput,
    overwrite: bool | Unset = False,
) -> ContactRef | ErrorBody | None:
    """Update a contact

     Updates a contact. `phone` is required in the body. With `overwrite=false` (the default) custom
    values are merged; with `overwrite=true` all custom values are replaced and fields not sent are
    removed. Names are overwritten whatever `overwrite` says. Integrators report that fields left out
    are cleared too, so send the whole contact.

    Args:
        id (int):
        overwrite (bool | Unset):  Default: False.
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactRef | ErrorBody
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        overwrite=overwrite,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInput,
    overwrite: bool | Unset = False,
) -> Response[ContactRef | ErrorBody]:
    """Update a contact

     Updates a contact. `phone` is required in the body. With `overwrite=false` (the default) custom
    values are merged; with `overwrite=true` all custom values are replaced and fields not sent are
    removed. Names are overwritten whatever `overwrite` says. Integrators report that fields left out
    are cleared too, so send the whole contact.

    Args:
        id (int):
        overwrite (bool | Unset):  Default: False.
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactRef | ErrorBody]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        overwrite=overwrite,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient | Client,
    body: ContactInput,
    overwrite: bool | Unset = False,
) -> ContactRef | ErrorBody | None:
    """Update a contact

     Updates a contact. `phone` is required in the body. With `overwrite=false` (the default) custom
    values are merged; with `overwrite=true` all custom values are replaced and fields not sent are
    removed. Names are overwritten whatever `overwrite` says. Integrators report that fields left out
    are cleared too, so send the whole contact.

    Args:
        id (int):
        overwrite (bool | Unset):  Default: False.
        body (ContactInput): A contact to create or update on v1. `phone` is required.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactRef | ErrorBody
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            overwrite=overwrite,
        )
    ).parsed
