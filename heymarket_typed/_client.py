"""`Heymarket` and `AsyncHeymarket`: settings, the HTTP stack, and the two contact surfaces.

The stack, outermost first: an httpx client with your `http_client`'s settings (base URL,
headers, cookies, event hooks, timeout), the auth (a JWT signed per request, a 401 answered once
with a fresh token), `RetryingTransport` (pacing, retries, typed errors), then the transport your
`http_client` (or a default `httpx.Client`) would use: its proxies, mounts and connection pool.

The generated package, about half the cost of importing this SDK, is loaded when the first client
is built, so importing `heymarket_typed` for its errors, models or types stays cheap.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_REQUESTS_PER_MINUTE
from ._export_iter import arelease_page, release_page
from ._hooks import araise_for_status, raise_for_status
from ._passthrough import AsyncClientTransport, ClientTransport
from ._phones import DEFAULT_PHONE_REGION
from ._secret import Secret
from ._settings import Settings, new_client_clock
from ._transport import AsyncRetryingTransport, RetryingTransport

if TYPE_CHECKING:
    from heymarket_typed_api import Client

    from ._resources import AsyncContacts, AsyncContactsV2, Contacts, ContactsV2


class _Base:
    _settings: Settings
    _pool: Any
    _owns_pool: bool
    _copies: weakref.WeakSet[Any]  # the `with_options` copies sharing the pool, and theirs

    def _setup(self, settings: Settings, pool: Any, *, owns_pool: bool) -> None:
        raise NotImplementedError

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A client with other options, sharing this one's connection pool, auth and pacing.

        `default_headers` are sent with every request of the new client, added to (or
        replacing) this one's; credential and framing headers are refused, as for a call's
        `extra_headers`. Closing it does not close the pool; closing this client closes the pool
        and the copy.

        Raises:
            TypeError, ValueError: an option of the wrong type or value, naming it.
        """
        return self._derive(
            self._settings.with_options(
                timeout=timeout, max_retries=max_retries, default_headers=default_headers
            )
        )

    def _derive(self, settings: Settings) -> Self:
        """A client with `settings`, sharing this one's connection pool (which it won't close)."""
        clone = object.__new__(type(self))
        clone._setup(settings, self._pool, owns_pool=False)
        # Every copy of copies too is closed with the pool's owner (its pool is gone then):
        # until closed, its lane holds the shared pacer and server clock as in use.
        clone._copies = self._copies
        self._copies.add(clone)
        return clone

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        return self._settings.max_retries

    def __repr__(self) -> str:
        if not hasattr(self, "_settings"):  # a constructor that raised: its frame shows `self`
            return f"{type(self).__name__}(<not built>)"
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, auth={self._settings.auth!r}, "
            f"max_retries={self.max_retries})"
        )


class Heymarket(_Base):
    """The Heymarket Contacts API client.

    Args:
        secret_id: API Secret ID (JWT auth, recommended). Default: `HEYMARKET_SECRET_ID`.
        secret_key: API Secret Key. Default: `HEYMARKET_SECRET_KEY`.
        api_key: The legacy team API key, instead of a secret. Default: `HEYMARKET_API_KEY`.
        base_url: Default: `HEYMARKET_BASE_URL`, else `https://api.heymarket.com`. An http(s)
            URL without a user name or password (ValueError).
        timeout: Seconds or an `httpx.Timeout`; default 30 s, 5 s to connect. Always finite.
        max_retries: Retries of a failed request (never of a create that may have arrived).
        requests_per_minute: Client-side pacing shared by every thread using this client;
            default 500, the API's limit. None disables it.
        http_client: Your `httpx.Client` (a proxy, a test transport); requests go through it.
        default_phone_region: The region (`"US"`, `"GB"`, ...) of a phone number written without
            its country code, such as `(415) 555-3434`; None: such numbers are a ValueError.

    Raises:
        HeymarketError: no credentials, in the arguments or the environment.
        TypeError: an argument of the wrong type.
        ValueError: an argument is out of range.
    """

    def __init__(
        self,
        *,
        secret_id: str | None = None,
        secret_key: str | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        requests_per_minute: float | None = DEFAULT_REQUESTS_PER_MINUTE,
        http_client: httpx.Client | None = None,
        default_phone_region: str | None = DEFAULT_PHONE_REGION,
    ) -> None:
        # Out of this frame's locals at once: error trackers record them (see `_secret`).
        hidden_key, hidden_api_key = Secret.of(secret_key), Secret.of(api_key)
        del secret_key, api_key
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError(
                f"http_client must be an httpx.Client, not {type(http_client).__name__}"
            )
        settings = Settings.resolve(
            secret_id=secret_id,
            secret_key=hidden_key,
            api_key=hidden_api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            requests_per_minute=requests_per_minute,
            http_client=http_client,
            clock=new_client_clock(),
            default_phone_region=default_phone_region,
        )
        self._setup(settings, ClientTransport(http_client or httpx.Client()), owns_pool=True)

    contacts: Contacts
    """The v1 contact endpoints, keyed by integer contact ID."""
    contacts_v2: ContactsV2
    """The v2 contact endpoints, keyed by contact UUID."""
    api: Client
    """The generated client (`heymarket_typed_api`), with this client's auth, retries and errors."""

    def _setup(self, settings: Settings, pool: ClientTransport, *, owns_pool: bool) -> None:
        from heymarket_typed_api import Client  # noqa: PLC0415 - deferred, see the module docstring

        from ._resources import Contacts, ContactsV2  # noqa: PLC0415

        self._settings, self._pool, self._owns_pool = settings, pool, owns_pool
        self._copies = weakref.WeakSet()
        transport = RetryingTransport(pool, **settings.transport_options())
        options = settings.client_options(pool.client, raise_for_status, release_page)
        self._http = httpx.Client(transport=transport, **options)
        self.api = Client(base_url=settings.base_url).set_httpx_client(self._http)
        self.contacts = Contacts(self.api, settings.phone_region, settings.round_trips)
        self.contacts_v2 = ContactsV2(self.api, settings.phone_region, settings.round_trips)

    def close(self) -> None:
        """Closes the connection pool (and your `http_client`, if you gave one), and the
        `with_options` copies that share it."""
        self._http.close()
        if self._owns_pool:
            for copy in list(self._copies):
                copy.close()
            self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncHeymarket(_Base):
    """The Heymarket Contacts API client for asyncio: `Heymarket`'s methods as coroutines.

    Takes the same arguments as `Heymarket`, with an `httpx.AsyncClient` as `http_client`.
    Pacing is shared by every task using this client.
    """

    def __init__(
        self,
        *,
        secret_id: str | None = None,
        secret_key: str | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        requests_per_minute: float | None = DEFAULT_REQUESTS_PER_MINUTE,
        http_client: httpx.AsyncClient | None = None,
        default_phone_region: str | None = DEFAULT_PHONE_REGION,
    ) -> None:
        # Out of this frame's locals at once: error trackers record them (see `_secret`).
        hidden_key, hidden_api_key = Secret.of(secret_key), Secret.of(api_key)
        del secret_key, api_key
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError(
                f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
            )
        settings = Settings.resolve(
            secret_id=secret_id,
            secret_key=hidden_key,
            api_key=hidden_api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            requests_per_minute=requests_per_minute,
            http_client=http_client,
            clock=new_client_clock(),
            default_phone_region=default_phone_region,
        )
        pool = AsyncClientTransport(http_client or httpx.AsyncClient())
        self._setup(settings, pool, owns_pool=True)

    contacts: AsyncContacts
    """The v1 contact endpoints, keyed by integer contact ID."""
    contacts_v2: AsyncContactsV2
    """The v2 contact endpoints, keyed by contact UUID."""
    api: Client
    """The generated client (`heymarket_typed_api`): use its `asyncio*` functions."""

    def _setup(self, settings: Settings, pool: AsyncClientTransport, *, owns_pool: bool) -> None:
        from heymarket_typed_api import Client  # noqa: PLC0415 - deferred, see the module docstring

        from ._resources import AsyncContacts, AsyncContactsV2  # noqa: PLC0415

        self._settings, self._pool, self._owns_pool = settings, pool, owns_pool
        self._copies = weakref.WeakSet()
        transport = AsyncRetryingTransport(pool, **settings.transport_options())
        options = settings.client_options(pool.client, araise_for_status, arelease_page)
        self._http = httpx.AsyncClient(transport=transport, **options)
        self.api = Client(base_url=settings.base_url).set_async_httpx_client(self._http)
        self.contacts = AsyncContacts(self.api, settings.phone_region, settings.round_trips)
        self.contacts_v2 = AsyncContactsV2(self.api, settings.phone_region, settings.round_trips)

    async def close(self) -> None:
        """Closes the connection pool (and your `http_client`, if you gave one), and the
        `with_options` copies that share it."""
        await self._http.aclose()
        if self._owns_pool:
            for copy in list(self._copies):
                await copy.close()
            await self._pool.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
