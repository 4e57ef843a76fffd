"""Defaults and fixed facts about the Heymarket API that the client relies on."""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.heymarket.com"

# Finite by default: a hung connection must fail, not block a worker forever.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
# The documented API limit, per credential.
DEFAULT_REQUESTS_PER_MINUTE = 500

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

# Tokens are valid for 5 minutes after `iat`; re-sign well before that.
JWT_MAX_AGE_SECONDS = 240

ENV_SECRET_ID = "HEYMARKET_SECRET_ID"
ENV_SECRET_KEY = "HEYMARKET_SECRET_KEY"
ENV_API_KEY = "HEYMARKET_API_KEY"
ENV_BASE_URL = "HEYMARKET_BASE_URL"

REQUEST_ID_HEADER = "X-Request-Id"

# POST endpoints that only read (or set a state idempotently): safe to send again. Every other
# POST creates contacts, so it is retried only when the request cannot have reached the server.
IDEMPOTENT_POST_PATHS = frozenset(
    {
        "/v1/contacts",
        "/v1/contacts/count",
        "/v1/contact/get",
        "/v1/contact/status",
        "/v1/contact/set_status",
        "/v1/contact-fields",
        "/v2/contacts/list",
        "/v2/contacts/search",
    }
)

MAX_PAGE_SIZE = 100
MAX_TAGS = 5
# No batch maximum is documented: chunk conservatively.
DEFAULT_CHUNK_SIZE = 100
MAX_CHUNK_SIZE = 1000
# Requests in flight for bulk work: enough to keep 500 requests a minute going at about 1 s of
# latency, so read-ahead and chunked imports run at the rate limit rather than at round trips.
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 32
