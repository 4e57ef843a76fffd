"""The export plan as a state machine: phases, floors and checkpoints, with hand-built pages."""

from __future__ import annotations

import pytest
from heymarket_typed_api.models import Contact

from heymarket_typed._export import ExportPlan


def contact(id: int, second: int, minute: int = 0) -> Contact:
    return Contact.from_dict({"id": id, "updated": f"2024-06-01T12:{minute:02d}:{second:02d}Z"})


def test_newest_first_goes_down_the_v1_cursor_then_catches_up_from_the_top() -> None:
    plan = ExportPlan(surface="v2", page_size=2, ascending=False)
    first = plan.next_fetch()
    assert first is not None
    assert first.endpoint == "v1"
    assert not first.ask.ascending
    assert [c.id for c in plan.take_page([contact(4, 4), contact(3, 3)])] == [4, 3]
    plan.take_page([contact(3, 3), contact(2, 2)])
    plan.take_page([contact(1, 1)])  # short: the bottom
    catch_up = plan.next_fetch()
    assert catch_up is not None
    assert catch_up.endpoint == "v2"
    assert catch_up.ask.ascending
    # From just below the top: a write sharing the top's timestamp is not missed.
    assert catch_up.ask.date == "2024-06-01T12:00:03Z"
    # The contacts at both timestamps again (an inclusive server) are dropped; one written
    # since is yielded.
    page = [contact(3, 3), contact(4, 4), contact(3, 9)]
    assert [c.id for c in plan.take_page(page)] == [3]
    assert plan.done
    assert plan.next_fetch() is None


def test_finished_checkpoint_starts_an_incremental_sync_with_a_look_back() -> None:
    plan = ExportPlan(surface="v1", page_size=5, ascending=True)
    plan.take_page([contact(1, 10), contact(2, 50, minute=3)])
    assert plan.done
    again = ExportPlan(
        surface="v1", page_size=5, ascending=True, resume=plan.checkpoint(plan.state())
    )
    fetch = again.next_fetch()
    assert fetch is not None
    assert fetch.ask.date == "2024-06-01T12:02:50Z"
    # What is at or before the floor is not part of it; the window itself may come again.
    assert [c.id for c in again.take_page([contact(1, 10), contact(2, 50, minute=3)])] == [2]


@pytest.mark.parametrize(
    "other",
    [
        {"surface": "v2", "ascending": True},
        {"surface": "v1", "ascending": False},
        {"surface": "v2", "ascending": True, "updated_after": "2024-01-01T00:00:00Z"},
    ],
)
def test_checkpoint_of_another_export_is_a_value_error_naming_resume(
    other: dict[str, object],
) -> None:
    plan = ExportPlan(surface="v1", page_size=5, ascending=True)
    text = plan.checkpoint(plan.state())
    with pytest.raises(ValueError, match="resume"):
        ExportPlan(page_size=5, resume=text, **other)  # type: ignore[arg-type]


def test_same_updated_after_spelled_differently_is_the_same_export() -> None:
    plan = ExportPlan(
        surface="v2", page_size=5, ascending=True, updated_after="2024-01-01T00:00:00Z"
    )
    text = plan.checkpoint(plan.state())
    ExportPlan(
        surface="v2",
        page_size=5,
        ascending=True,
        updated_after="2024-01-01T00:00:00.000Z",
        resume=text,
    )
