"""`HEYMARKET_LOG=debug` or `info`: the SDK's log on stderr without touching code.

Like `OPENAI_LOG` and `ANTHROPIC_LOG`. The SDK logs on the logger `heymarket_typed`: DEBUG is
each response (method, URL, status, request id, time, headers with credentials redacted),
INFO each retry. Without the variable the logger is left to the application's logging set-up.
"""

from __future__ import annotations

import logging
import os

ENV_LOG = "HEYMARKET_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def configure_from_environment() -> None:
    """Adds one stderr handler to `heymarket_typed` at the level `HEYMARKET_LOG` names;
    does nothing for any other value, or when a handler was added already."""
    level = _LEVELS.get(os.environ.get(ENV_LOG, "").strip().lower())
    if level is None:
        return
    logger = logging.getLogger("heymarket_typed")
    logger.setLevel(level)
    if not any(isinstance(handler, _EnvironmentHandler) for handler in logger.handlers):
        logger.addHandler(_EnvironmentHandler())


class _EnvironmentHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The stderr handler `HEYMARKET_LOG` adds (a class of its own, so it is added once)."""

    def __init__(self) -> None:
        super().__init__()  # stderr
        self.setFormatter(logging.Formatter("[%(asctime)s %(levelname)s %(name)s] %(message)s"))
