from http import HTTPStatus
from typing import Any, cast

import httpx
import orjson

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_failure import BatchFailure
from ...models.contact_input import ContactInput
from ...models.error_body import ErrorBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: list[ContactInput],
    overwrite: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["overwrite"] = overwrite

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/batch/contacts",
        "params": params,
    }

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBody | list[BatchFailure] | str | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> list[BatchFailure] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_batch_create_response_type_1 = []
                _componentsschemas_batch_create_response_type_1 = data
                for (
                    componentsschemas_batch_create_response_type_1_item_data
                ) in _componentsschemas_batch_create_response_type_1:
                    componentsschemas_batch_create_response_type_1_item = (
                        BatchFailure.from_dict(
                            componentsschemas_batch_create_response_type_1_item_data
                        )
                    )

                    componentsschemas_batch_create_response_type_1.append(
                        componentsschemas_batch_create_response_type_1_item
                    )

                return componentsschemas_batch_create_response_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[BatchFailure] | str, data)

        response_200 = _parse_response_200(orjson.loads(response.content))

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
) -> Response[ErrorBody | list[BatchFailure] | str]:
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
    body: list[ContactInput],
    overwrite: bool | Unset = False,
) -> Response[ErrorBody | list[BatchFailure] | str]:
    """Batch create contacts

     Creates many contacts from a top-level JSON array. With `overwrite=false` a contact whose phone
    already exists is skipped and reported; with `overwrite=true` it is overwritten. Returns `"ok"` when
    every contact succeeded, otherwise the array of contacts that failed. No maximum batch size is
    documented.

    Args:
        overwrite (bool | Unset):  Default: False.
        body (list[ContactInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[BatchFailure] | str]
    """

    kwargs = _get_kwargs(
        body=body,
        overwrite=overwrite,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: list[ContactInput],
    overwrite: bool | Unset = False,
) -> ErrorBody | list[BatchFailure] | str | None:
    """Batch create contacts

     Creates many contacts from a top-level JSON array. With `overwrite=false` a contact whose phone
    already exists is skipped and reported; with `overwrite=true` it is overwritten. Returns `"ok"` when
    every contact succeeded, otherwise the array of contacts that failed. No maximum batch size is
    documented.

    Args:
        overwrite (bool | Unset):  Default: False.
        body (list[ContactInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[BatchFailure] | str
    """

    return sync_detailed(
        client=client,
        body=body,
        overwrite=overwrite,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[ContactInput],
    overwrite: bool | Unset = False,
) -> Response[ErrorBody | list[BatchFailure] | str]:
    """Batch create contacts

     Creates many contacts from a top-level JSON array. With `overwrite=false` a contact whose phone
    already exists is skipped and reported; with `overwrite=true` it is overwritten. Returns `"ok"` when
    every contact succeeded, otherwise the array of contacts that failed. No maximum batch size is
    documented.

    Args:
        overwrite (bool | Unset):  Default: False.
        body (list[ContactInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBody | list[BatchFailure] | str]
    """

    kwargs = _get_kwargs(
        body=body,
        overwrite=overwrite,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: list[ContactInput],
    overwrite: bool | Unset = False,
) -> ErrorBody | list[BatchFailure] | str | None:
    """Batch create contacts

     Creates many contacts from a top-level JSON array. With `overwrite=false` a contact whose phone
    already exists is skipped and reported; with `overwrite=true` it is overwritten. Returns `"ok"` when
    every contact succeeded, otherwise the array of contacts that failed. No maximum batch size is
    documented.

    Args:
        overwrite (bool | Unset):  Default: False.
        body (list[ContactInput]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBody | list[BatchFailure] | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            overwrite=overwrite,
        )
    ).parsed
