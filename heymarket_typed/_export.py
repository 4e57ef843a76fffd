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

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ._checkpoint import LARGEST as _LARGEST
from ._checkpoint import count, decode, encode
from ._checkpoint import keys as _keys
from ._checkpoint import packed as _packed
from ._checkpoint import timestamp as _text
from ._constants import MAX_PAGE_SIZE
from ._instants import earlier, instant
from ._keyset import Ask, Key, Sweep, key_of
from ._limits import http_date
from ._segments import Pass, Segment

if TYPE_CHECKING:
    from heymarket_typed_api.models import Contact

Surface = Literal["v1", "v2"]
LOOK_BACK_SECONDS = 60
_FORMAT = 1
_MAX_PAGE_NUMBER = 10**6


@dataclass(frozen=True, slots=True)
class Fetch:
    """One request: which list endpoint (or "count", the probe), and what to ask it."""

    endpoint: Literal["v1", "v2", "count"]
    ask: Ask


Token = Segment | None
"""What a fetch answers: a segment's page, or (None) the count probe."""


@dataclass(frozen=True, slots=True)
class Page:
    """A list response: its contacts, and its `Date` header (the server's clock when it
    answered, to the second; `Sweep.known`)."""

    contacts: list[Contact]
    date: str | None = None


class ExportPlan:
    """Decides every request of one export and the order of what it yields.

    The loop asks `fetches(readers)` for what to send (one request per segment, up to
    `readers` at once), files each answer with `take`, and yields `pop()` until `done`.
    """

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
        self.floor: str | None = self.updated_after
        self.top: str | None = None
        self.below: str | None = None
        self.edge_keys: set[Key] = set()  # the contacts at `top` and at `below`
        self.newest: str | None = None
        self.passes: deque[tuple[str, Pass]] = deque()
        self.probe_pending: bool = False
        if resume is not None:
            self._restore(decode(resume))
        else:
            self._open("main", self._main_sweep())

    # The requests

    def fetches(self, readers: int = 1) -> list[tuple[Token, Fetch]]:
        """What to send now so that up to `readers` requests are in flight."""
        if not self.passes:
            return []
        phase, current = self.passes[-1]
        readers = max(1, readers)
        if phase == "main" and not self.ascending and self.below is None:
            readers = 1  # split only once the catch-up start is known
        out: list[tuple[Token, Fetch]] = []
        if current.wants_count(readers):
            current.counted = self.probe_pending = True
            out.append((None, Fetch("count", Ask(self.floor, 0, self.ascending))))
        for segment in current.fetches(readers):
            out.append((segment, self._fetch(phase, segment.sweep.ask())))
        return out

    def _fetch(self, phase: str, ask: Ask | None) -> Fetch:
        assert ask is not None  # a segment that is not done always has a next page
        if phase == "main" and not self.ascending:
            # A block read oldest first (`Sweep.blocks`) goes to the v2 list.
            return Fetch("v2" if ask.ascending else "v1", ask)
        if ask.date is None and self.floor is not None:
            ask = Ask(self.floor, ask.limit, ask.ascending, ask.page)
        return Fetch(self.surface, ask)

    def take(self, token: Token, answer: object) -> None:
        """Files the answer to a fetch: a page (list of contacts) or the probe's count."""
        if token is None:
            self.probe_pending = False
            for phase, current in self.passes:
                if phase == "main" and isinstance(answer, int):
                    current.take_count(answer)
            return
        date = None
        if isinstance(answer, Page):
            date, answer = answer.date, answer.contacts
        assert isinstance(answer, list)
        for phase, current in self.passes:
            if token in current.segments:
                seconds = None if date is None else http_date(date)
                token.sweep.known = None if seconds is None else int(seconds) * 10**9
                if phase == "main" and not self.ascending and token.sweep.edge is None:
                    # A block's page (read oldest first) holds what was written since, too:
                    # only the block's own contacts are the main pass's.
                    block = token.sweep.block
                    self._note_edge([c for c in answer if block in (None, key_of(c)[1])])
                if phase == "main" and not self.ascending and self.top is not None:
                    token.sweep.ceiling = instant(self.top)
                current.take(token, answer)
                break
        self._advance()

    def failed(self, token: Token) -> None:
        """A fetch raised: its segment may be asked again (the probe is not)."""
        if token is None:
            self.probe_pending = False
            return
        for _, current in self.passes:
            if token in current.segments:
                current.failed(token)

    def pop(self) -> Contact | None:
        """The next contact to yield, or None if it has not been read yet."""
        while self.passes:
            _, head = self.passes[0]
            contact = head.pop()
            if contact is not None:
                self._note_newest(contact)
                return contact
            if head.finished and len(self.passes) > 1:
                self.passes.popleft()
                self.phase = self.passes[0][0]
                continue
            return None
        return None

    def take_page(self, page: Sequence[Contact]) -> list[Contact]:
        """One reader's loop in one call: files `page` for the only request in flight and
        returns the contacts to yield (tests drive the plan this way)."""
        busy = [s for _, p in self.passes for s in p.segments if s.busy]
        if not busy:
            self.fetches(1)
            busy = [s for _, p in self.passes for s in p.segments if s.busy]
        self.take(busy[0], list(page))
        out: list[Contact] = []
        while (contact := self.pop()) is not None:
            out.append(contact)
        return out

    def next_fetch(self) -> Fetch | None:
        """The next request of a one-reader export (tests drive the plan this way)."""
        fetches = self.fetches(1)
        return fetches[0][1] if fetches else None

    @property
    def done(self) -> bool:
        """Everything read and yielded: no more requests, nothing more to yield."""
        return all(p.finished for _, p in self.passes) and not self.probe_pending

    # Phases

    def _main_sweep(self) -> Sweep:
        if self.ascending:
            return Sweep(ascending=True, page_size=self.page_size, paged=self.surface == "v2")
        # v2 newest first reads the v1 cursor, and a block of over 100 contacts on one
        # timestamp by page number through the v2 list, which v1 cannot get past.
        return Sweep(
            ascending=False, page_size=self.page_size, paged=False, blocks=self.surface == "v2"
        )

    def _open(self, phase: str, sweep: Sweep) -> None:
        floor = None if self.floor is None else instant(self.floor)
        # Only a newest-first main pass is split: its ranges lie below the newest contact at
        # the start, where no write of the export lands (the catch-up pass reads those).
        # Oldest first, a range past the newest contact could take a write after it was read.
        splittable = phase == "main" and not self.ascending
        self.passes.append((phase, Pass(sweep, floor=floor, splittable=splittable)))

    def _advance(self) -> None:
        """Opens the catch-up pass once the newest-first main pass is read."""
        phase, current = self.passes[-1]
        if phase == "main" and not self.ascending and current.read and self.top is not None:
            self._open("catchup", self._catch_up())

    def _catch_up(self, **restored: Any) -> Sweep:
        return Sweep(
            ascending=True,
            page_size=self.page_size,
            paged=self.surface == "v2",
            cursor=restored.get("cursor", self.below),
            seen=restored.get("seen", set(self.edge_keys)),
            # The blocks at `below` and `top` come again: room for them on the page.
            limit=restored.get(
                "limit", min(MAX_PAGE_SIZE, max(2, self.page_size) + len(self.edge_keys))
            ),
            inclusive=restored.get("inclusive"),
            page=restored.get("page", 0),
            done=restored.get("done", False),
            edge=restored.get("edge"),
            anchors=restored.get("anchors", set()),
            reach=restored.get("reach", 0),
            tie=restored.get("tie"),
            settled=restored.get("settled", False),
        )

    def _note_edge(self, page: Sequence[Contact]) -> None:
        """Remembers `top`, `below` and the contacts at both, where the catch-up starts. A
        second version of a contact noted already is not noted: the catch-up yields it."""
        noted = {key[0] for key in self.edge_keys}
        for contact in page:
            stamp, key = contact.updated, key_of(contact)
            assert isinstance(stamp, str)  # key_of checked it
            self.top = self.top or stamp
            top = instant(self.top)
            assert top is not None
            if key[1] == top:
                if key[0] not in noted:
                    self.edge_keys.add(key)
            elif key[1] > top:
                # Written since the first page: a first page asked again with a larger limit
                # can begin with it. The catch-up reads it; it must not set where that starts.
                continue
            elif self.below is None or key[1] == instant(self.below):
                self.below = self.below or stamp
                self.edge_keys.add(key)

    def _note_newest(self, contact: Contact) -> None:
        stamp = contact.updated
        assert isinstance(stamp, str)  # key_of checked it
        if self.newest is None or key_of(contact)[1] > (instant(self.newest) or 0):
            self.newest = stamp

    # Checkpoints

    def state(self) -> dict[str, Any]:
        """What has been yielded so far, as JSON-able data."""
        phase, position = "done", None
        for name, current in self.passes:
            position = current.position()
            if position is not None:
                phase = name
                break
        if position is None:
            position = {
                "cursor": None, "seen": [], "inclusive": None, "limit": 0, "page": 0,
                "done": True, "edge": None,
            }  # fmt: skip
        # A finished export's next run starts afresh from `newest` (`_start_incremental`):
        # where its catch-up started, and the contacts there, are left out (a block of
        # thousands at the newest timestamp would not fit).
        finished = phase == "done"
        return {
            "v": _FORMAT,
            "surface": self.surface,
            "ascending": self.ascending,
            "after": None if self.updated_after is None else instant(self.updated_after),
            "phase": phase,
            "floor": self.floor,
            "top": None if finished else self.top,
            "below": None if finished else self.below,
            "edge_keys": [] if finished else _packed(self.edge_keys),
            "newest": self.newest,
            **position,
            "seen": _packed({(k[0], k[1], k[2]) for k in position["seen"]}),
            "anchors": _packed({(k[0], k[1], -1) for k in position.get("anchors", [])}),
            "reach": position.get("reach", 0),
        }

    def checkpoint(self, state: dict[str, Any] | None = None) -> str:
        return encode(self.state() if state is None else state)

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
        inclusive = state["inclusive"]
        edge = state.get("edge")
        if inclusive not in (None, True, False) or not isinstance(state["done"], bool):
            raise ValueError("bad sweep flags")
        if edge is not None and (not isinstance(edge, int) or abs(edge) >= _LARGEST):
            raise ValueError("bad edge")
        limit = count(state["limit"])
        if limit > MAX_PAGE_SIZE or count(state["page"]) > _MAX_PAGE_NUMBER:
            raise ValueError("limit or page out of range")
        block, passed, tie = state.get("block"), state.get("passed"), state.get("tie")
        if not all(v is None or count(v) >= 0 for v in (block, passed, tie)):
            raise ValueError("bad block")
        if not isinstance(state.get("settled", False), bool):
            raise ValueError("bad sweep flags")
        fields = {
            "block": block if self.surface == "v2" and not self.ascending else None,
            "passed": passed,
            "cursor": _text(state["cursor"]),
            "seen": _keys(state["seen"]),
            "inclusive": inclusive,
            "limit": limit or max(2, self.page_size),
            "page": state["page"],
            "done": state["done"],
            "edge": edge,
            # A checkpoint of an earlier version has none: a block's next page by number
            # then starts the block again.
            "anchors": {k[:2] for k in _keys(state.get("anchors", []))},
            "reach": count(state.get("reach", 0)),
            "tie": tie,
            "settled": state.get("settled", False),
        }
        if phase == "catchup":
            sweep = self._catch_up(**fields)
        else:
            sweep = self._main_sweep()
            for name, value in fields.items():
                setattr(sweep, name, value)
        self.phase = phase
        self._open(phase, sweep)
        if sweep.done:
            current = self.passes[-1][1]
            current.segments[0].done = True
            self._advance()

    def _start_incremental(self) -> None:
        """A finished export's checkpoint: what changed since, with the look-back window."""
        if self.newest is not None:
            back = earlier(self.newest, LOOK_BACK_SECONDS)
            # The look-back never reaches below `updated_after`: nothing older is this export's.
            after = self.updated_after
            later = after is not None and (instant(after) or 0) >= (instant(back) or 0)
            self.floor = after if later else back
        self.phase, self.top, self.below, self.edge_keys = "main", None, None, set()
        self._open("main", self._main_sweep())
