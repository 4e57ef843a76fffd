"""An in-memory stand-in for the Heymarket Contacts API, for testing code that calls it.

`FakeHeymarket` serves all 19 contact endpoints of v1 and v2 with state, authentication,
rate limiting, latency and injectable faults, over an httpx transport or a loopback server::

    fake = FakeHeymarket()
    fake.add_contact(phone="15105553344", first="Ada")
    with httpx.Client(transport=fake.transport(), base_url="https://api.heymarket.com") as http:
        http.post("/v1/contact/get", json={"phone": "15105553344"},
                  headers={"Authorization": f"Bearer {SANDBOX_API_KEY}"})

It is written against the API's contract alone and shares no code with the SDK's hand-written
layer, so that it can check the SDK; the fields and values it does not give a meaning of its
own come from the document, through the generated models (`_declared.py`).
`python -m heymarket_typed.testing --port 0` serves it from the shell.

For your own tests: the pytest fixtures `heymarket_sandbox`, `heymarket_client` and
`async_heymarket_client` (installed with the package), `without_waiting(client)`, and
`vcr_config()` for pytest-recording.
"""

from heymarket_typed.testing._clients import without_waiting
from heymarket_typed.testing._fake import FakeHeymarket
from heymarket_typed.testing._faults import Fault
from heymarket_typed.testing._history import Write
from heymarket_typed.testing._jwt import SANDBOX_API_KEY, SANDBOX_SECRET_ID, SANDBOX_SECRET_KEY
from heymarket_typed.testing._ratelimit import Quota
from heymarket_typed.testing._recording import RecordedRequest
from heymarket_typed.testing._server import SandboxServer
from heymarket_typed.testing._vcr import vcr_config

__all__ = [
    "SANDBOX_API_KEY",
    "SANDBOX_SECRET_ID",
    "SANDBOX_SECRET_KEY",
    "FakeHeymarket",
    "Fault",
    "Quota",
    "RecordedRequest",
    "SandboxServer",
    "Write",
    "vcr_config",
    "without_waiting",
]
