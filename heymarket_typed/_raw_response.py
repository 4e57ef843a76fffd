"""`client.contacts.with_raw_response.<method>(...)`: each method returning an `APIResponse`.

Each wrapper method runs the plain method with a response capture in effect (see `_options`),
so it sends the same requests, makes the same checks and raises the same errors, and returns
the last HTTP response with the plain method's value. `raw()` keeps the plain method's
parameters in the wrapper's type, so type checkers infer `APIResponse[Contact]` for
`with_raw_response.get` and check its arguments. The attributes are `Final` so that their
types, though inferred, are part of the published interface (`pyright --verifytypes`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, Final, Generic, ParamSpec, TypeVar

import httpx

from ._options import ResponseCapture, capturing
from ._resources import AsyncContacts, AsyncContactsV2, Contacts, ContactsV2
from ._response import APIResponse

P = ParamSpec("P")
R = TypeVar("R")
ResourceT = TypeVar("ResourceT")


class RawResponses(Generic[ResourceT]):
    """The methods of a resource, each returning the `APIResponse` of its call."""

    def __init__(self, resource: ResourceT) -> None:
        self._resource = resource


def raw(
    method: Callable[Concatenate[ResourceT, P], R],
) -> Callable[Concatenate[RawResponses[ResourceT], P], APIResponse[R]]:
    """`method` (of a sync resource), returning its last response with its value."""

    @functools.wraps(method)
    def call(raw: RawResponses[ResourceT], /, *args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        capture = ResponseCapture()
        with capturing(capture):
            value = method(raw._resource, *args, **kwargs)
        return APIResponse(_last(capture, method), value)

    return call


def araw(
    method: Callable[Concatenate[ResourceT, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[RawResponses[ResourceT], P], Coroutine[Any, Any, APIResponse[R]]]:
    """`method` (a coroutine of an async resource), returning its last response with its
    value."""

    @functools.wraps(method)
    async def call(
        raw: RawResponses[ResourceT], /, *args: P.args, **kwargs: P.kwargs
    ) -> APIResponse[R]:
        capture = ResponseCapture()
        with capturing(capture):
            value = await method(raw._resource, *args, **kwargs)
        return APIResponse(_last(capture, method), value)

    return call


def _last(capture: ResponseCapture, method: Callable[..., object]) -> httpx.Response:
    if not capture.responses:
        # Only a bulk write of nothing sends no request.
        raise ValueError(f"{method.__name__} was given nothing to send, so there is no response")
    return capture.responses[-1]


class ContactsWithRawResponse(RawResponses[Contacts]):
    """`client.contacts.with_raw_response`: the v1 methods (but `iter`), each returning an
    `APIResponse` of what the plain method returns."""

    create: Final = raw(Contacts.create)
    get: Final = raw(Contacts.get)
    update: Final = raw(Contacts.update)
    delete: Final = raw(Contacts.delete)
    find: Final = raw(Contacts.find)
    count: Final = raw(Contacts.count)
    list: Final = raw(Contacts.list)
    get_status: Final = raw(Contacts.get_status)
    set_status: Final = raw(Contacts.set_status)
    batch_create: Final = raw(Contacts.batch_create)
    list_fields: Final = raw(Contacts.list_fields)


class AsyncContactsWithRawResponse(RawResponses[AsyncContacts]):
    """`AsyncHeymarket.contacts.with_raw_response`: the v1 coroutines (but `iter`), each
    returning an `APIResponse`."""

    create: Final = araw(AsyncContacts.create)
    get: Final = araw(AsyncContacts.get)
    update: Final = araw(AsyncContacts.update)
    delete: Final = araw(AsyncContacts.delete)
    find: Final = araw(AsyncContacts.find)
    count: Final = araw(AsyncContacts.count)
    list: Final = araw(AsyncContacts.list)
    get_status: Final = araw(AsyncContacts.get_status)
    set_status: Final = araw(AsyncContacts.set_status)
    batch_create: Final = araw(AsyncContacts.batch_create)
    list_fields: Final = araw(AsyncContacts.list_fields)


class ContactsV2WithRawResponse(RawResponses[ContactsV2]):
    """`client.contacts_v2.with_raw_response`: the v2 methods (but `iter`), each returning an
    `APIResponse`."""

    create: Final = raw(ContactsV2.create)
    get: Final = raw(ContactsV2.get)
    update: Final = raw(ContactsV2.update)
    delete: Final = raw(ContactsV2.delete)
    bulk_upsert: Final = raw(ContactsV2.bulk_upsert)
    bulk_delete: Final = raw(ContactsV2.bulk_delete)
    list: Final = raw(ContactsV2.list)
    search: Final = raw(ContactsV2.search)


class AsyncContactsV2WithRawResponse(RawResponses[AsyncContactsV2]):
    """`AsyncHeymarket.contacts_v2.with_raw_response`: the v2 coroutines (but `iter`), each
    returning an `APIResponse`."""

    create: Final = araw(AsyncContactsV2.create)
    get: Final = araw(AsyncContactsV2.get)
    update: Final = araw(AsyncContactsV2.update)
    delete: Final = araw(AsyncContactsV2.delete)
    bulk_upsert: Final = araw(AsyncContactsV2.bulk_upsert)
    bulk_delete: Final = araw(AsyncContactsV2.bulk_delete)
    list: Final = araw(AsyncContactsV2.list)
    search: Final = araw(AsyncContactsV2.search)
