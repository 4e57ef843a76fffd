"""The export plan: which sweeps an export runs, in which order, and its checkpoint.

Rules only, no I/O (`_export_iter` fetches). Guarantees G1-G3 of DESIGN.md come from keyset
sweeps over `updated` (`_keyset`), which cannot skip a contact that does not change:

- Oldest first: one ascending sweep to the end. A contact written during the export gets a
  newer `updated` than any the sweep has passed, so it comes again at the end; the final page
  (shorter than asked) is the final pass.
- Newest first: a descending sweep from the newest contact at the first request (`top`, the
  first page's first `updated`) down to the floor, then an ascending catch-up sweep over what
  was written since, at the end. It starts from the timestamp just below `top` (`below`), not
  at `top`: at a coarse precision a later write can share `top`'s timestamp, and an exclusive
  server would not list it after `top`. v2 has no "updated before" filter, so its main sweep
  reads the v1 list with the v1 cursor (the two lists return the same `Contact`; heymarket-api
  -facts.md section 2.2) and its catch-up reads the v2 list.
- Every instant comes from the server's data; the client's clock is never read.

An export that ran to its end leaves a checkpoint that starts the next one (incremental sync) at
its newest `updated` less `LOOK_BACK_SECONDS`, so a write stamped before the checkpoint but
visible only after it is still read; contacts of that window may come again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ._checkpoint import decode, encode
from ._constants import MAX_PAGE_SIZE
from ._instants import earlier, instant
from ._keyset import Ask, Key, Sweep, key_of

if TYPE_CHECKING:
    from heymarket_typed_api.models import Contact

Surface = Literal["v1", "v2"]
LOOK_BACK_SECONDS = 60
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Fetch:
    """One list request: which list endpoint, and what to ask it."""

    endpoint: Surface
    ask: Ask


class ExportPlan:
    """Decides every request of one export; `take()` turns each page into the contacts to yield."""

    def __init__(
        self,
        *,
        surface: Surface,
        page_size: object,
        ascending: object,
        updated_after: object = None,
        resume: object = None,
    ) -> None:
        # Loaded when an export is made: importing the SDK does not load the generated package.
        from . import _validation as check  # noqa: PLC0415

        self.surface: Surface = surface
        self.page_size: int = check.bounded_int(page_size, "page_size")
        self.ascending: bool = check.flag(ascending, "ascending")
        self.updated_after: str | None = (
            None if updated_after is None else check.timestamp(updated_after, "updated_after")
        )
        self.phase: str = "main"
        self.floor = self.updated_after
        self.top: str | None = None
        self.below: str | None = None
        self.edge_keys: set[Key] = set()  # the contacts at `top` and at `below`
        self.newest: str | None = None
        self.sweep: Sweep = self._main_sweep()
        if resume is not None:
            self._restore(decode(resume))

    # The requests

    def next_fetch(self) -> Fetch | None:
        ask = self.sweep.ask()
        if ask is None:
            return None
        if self.phase == "main" and not self.ascending:
            return Fetch("v1", ask)
        if ask.date is None and self.floor is not None:
            ask = Ask(self.floor, ask.limit, ask.ascending, ask.page)
        return Fetch(self.surface, ask)

    def take(self, page: Sequence[Contact]) -> list[Contact]:
        """The contacts of `page` to yield, in order; moves on to the next sweep at an end."""
        fresh = self.sweep.take(page)
        floor = None if self.floor is None else instant(self.floor)
        if self.phase == "main" and not self.ascending:
            self._note_edge(page)
            if floor is not None and page and key_of(page[-1])[1] <= floor:
                self.sweep.done = True  # the rest is older than the floor
        if floor is not None:
            fresh = [c for c in fresh if key_of(c)[1] > floor]
        for contact in fresh:
            self._note_newest(contact)
        if self.sweep.done and self.sweep.error is None:
            self._next_phase()
        return fresh

    @property
    def done(self) -> bool:
        return self.phase == "done"

    # Phases

    def _main_sweep(self) -> Sweep:
        if self.ascending:
            return Sweep(ascending=True, page_size=self.page_size, paged=self.surface == "v2")
        return Sweep(ascending=False, page_size=self.page_size, paged=False)

    def _next_phase(self) -> None:
        if self.phase == "main" and not self.ascending and self.top is not None:
            self.phase = "catchup"
            self.sweep = Sweep(
                ascending=True,
                page_size=self.page_size,
                paged=self.surface == "v2",
                cursor=self.below,
                seen=set(self.edge_keys),
                # The blocks at `below` and `top` come again: room for them on the page.
                limit=min(MAX_PAGE_SIZE, max(2, self.page_size) + len(self.edge_keys)),
            )
        else:
            self.phase = "done"

    def _note_edge(self, page: Sequence[Contact]) -> None:
        """Remembers `top`, `below` and the contacts at both, where the catch-up starts."""
        for contact in page:
            stamp, key = contact.updated, key_of(contact)
            assert isinstance(stamp, str)  # key_of checked it
            self.top = self.top or stamp
            if key[1] == instant(self.top):
                self.edge_keys.add(key)
            elif self.below is None or key[1] == instant(self.below):
                self.below = self.below or stamp
                self.edge_keys.add(key)

    def _note_newest(self, contact: Contact) -> None:
        stamp = contact.updated
        assert isinstance(stamp, str)  # key_of checked it
        if self.newest is None or key_of(contact)[1] > (instant(self.newest) or 0):
            self.newest = stamp

    # Checkpoints

    def state(self, yielded: Sequence[Key] = ()) -> dict[str, Any]:
        """This plan as JSON-able data; `yielded`: contacts of the page being taken already
        yielded (the state is the one from before that page)."""
        sweep = self.sweep
        return {
            "v": _FORMAT,
            "surface": self.surface,
            "ascending": self.ascending,
            "after": None if self.updated_after is None else instant(self.updated_after),
            "phase": self.phase,
            "floor": self.floor,
            "top": self.top,
            "below": self.below,
            "edge_keys": sorted(self.edge_keys),
            "newest": self.newest,
            "cursor": sweep.cursor,
            "seen": sorted(sweep.seen | set(yielded)),
            "inclusive": sweep.inclusive,
            "limit": sweep.limit,
            "page": sweep.page,
            "done": sweep.done,
        }

    def checkpoint(self, state: dict[str, Any]) -> str:
        return encode(state)

    def _restore(self, state: dict[str, Any]) -> None:
        after = None if self.updated_after is None else instant(self.updated_after)
        identity = (
            state.get("v"),
            state.get("surface"),
            state.get("ascending"),
            state.get("after"),
        )
        if identity != (_FORMAT, self.surface, self.ascending, after):
            raise ValueError(
                "resume is a checkpoint of another export (format, surface, order or "
                "updated_after differ); resume with the same ones"
            )
        try:
            self._restore_fields(state)
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"resume is a damaged or truncated checkpoint ({error})") from None

    def _restore_fields(self, state: dict[str, Any]) -> None:
        phase = state["phase"]
        if phase not in ("main", "catchup", "done"):
            raise ValueError(f"unknown phase {phase!r}")
        self.floor = _text(state["floor"])
        self.top = _text(state["top"])
        self.below = _text(state["below"])
        self.edge_keys = _keys(state["edge_keys"])
        self.newest = _text(state["newest"])
        if phase == "done":
            self._start_incremental()
            return
        self.phase = phase
        inclusive = state["inclusive"]
        if inclusive not in (None, True, False) or not isinstance(state["done"], bool):
            raise ValueError("bad sweep flags")
        self.sweep = Sweep(
            ascending=self.ascending or phase == "catchup",
            page_size=self.page_size,
            paged=self.surface == "v2" and (self.ascending or phase == "catchup"),
            cursor=_text(state["cursor"]),
            seen=_keys(state["seen"]),
            inclusive=inclusive,
            limit=_count(state["limit"]) or self.page_size,
            page=_count(state["page"]),
            done=state["done"],
        )
        if self.sweep.done:
            self._next_phase()

    def _start_incremental(self) -> None:
        """A finished export's checkpoint: what changed since, with the look-back window."""
        if self.newest is not None:
            self.floor = earlier(self.newest, LOOK_BACK_SECONDS)
        self.phase, self.top, self.below, self.edge_keys = "main", None, None, set()
        self.sweep = self._main_sweep()


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or instant(value) is None:
        raise ValueError(f"not a timestamp: {value!r:.40}")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"not a count: {value!r:.40}")
    return value


def _keys(value: object) -> set[Key]:
    if not isinstance(value, list):
        raise ValueError("keys must be a list")
    keys: set[Key] = set()
    for item in value:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[2], int)):
            raise ValueError("a key must be [id, instant, rev]")
        keys.add((_count(item[0]), _count(item[1]), _count(item[2] + 1) - 1))
    return keys
