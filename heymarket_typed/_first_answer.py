"""Until the server's clock is known, calls started together wait for the first one's answer.

A JWT is dated by the server's clock, learned from responses' `Date`; every request sent
before the first answer is signed by the client's own clock, which may be minutes off, and
draws a 401. So one request goes ahead and the others wait (`Pacer` applies this).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._pacing import Ticket

FIRST_ANSWER_WAIT = 2.0
"""Seconds, at most, the other requests wait for the answer to the one sent ahead of them
(`FirstAnswer`): an answer slower than that, or one that never comes, holds no one longer."""


class FirstAnswer:
    """Until the server's clock is known, one request goes ahead and the others wait for its
    answer (at most `FIRST_ANSWER_WAIT` after it went): it teaches the clock (`Date`), so calls
    started together on a machine whose clock is minutes off draw one 401, not one each.

    Any answer opens the gate (one without `Date` teaches nothing, and waiting would not help).
    A request ahead that gets no answer (a network error, cancelled in flight, given up before
    it went) hands its place to the next waiting one. Not thread-safe: `Pacer` locks.

    Args:
        clock_known: Whether the server's clock is known (a client of the server learned it).
    """

    def __init__(self, clock_known: Callable[[], bool]) -> None:
        self._clock_known = clock_known
        self._answered = False
        self.ahead: Ticket | None = None
        """The request the others wait for."""

    def is_open(self) -> bool:
        """Whether no one waits any longer: an answer came, or the clock is known."""
        if not self._answered and self._clock_known():
            self._answered = True
        if self._answered:
            self.ahead = None
        return self._answered

    def answered(self) -> bool:
        """An answer came. Returns whether others waited for one (their slots move up)."""
        waited = self.ahead is not None
        self._answered = True
        self.ahead = None
        return waited

    def not_before(self, ticket: Ticket, now: float) -> float:
        """The earliest `ticket` may go (monotonic seconds); `-inf` when it need not wait."""
        if self.is_open():
            return float("-inf")
        if self.ahead is None:
            self.ahead = ticket
        if ticket is self.ahead:
            return float("-inf")
        went = self.ahead.sent_at
        return (max(self.ahead.at, now) if went is None else went) + FIRST_ANSWER_WAIT

    def unanswered(self, ticket: Ticket, waiting: list[Ticket]) -> bool:
        """`ticket`'s request will get no answer: the next of `waiting` goes ahead instead.
        Returns whether the schedule changed."""
        if ticket is not self.ahead or self.is_open():
            return False
        self.ahead = waiting[0] if waiting else None
        return True
