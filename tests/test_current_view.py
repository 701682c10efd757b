"""The plan a document is made from: the plan itself when nothing is retired or superseded, else its current view."""

from __future__ import annotations

import equality_docs
from equality_docs.context.sections import current_placed

PLAN = """
organisation: {name: Anytown Council}
objectives:
  - text: Close the reading gap
    actions:
      - text: Reading club
      - {text: Library visits, RETIRED}
  - text: Reduce bullying
"""


def test_a_plan_with_nothing_retired_is_its_own_current_view() -> None:
    """With no objective, action or measure retired or superseded, the documents are made from the plan itself, not a copy."""
    plan = equality_docs.loads(PLAN.replace(", RETIRED", ""))

    assert current_placed(plan) is plan
    assert current_placed(plan) == plan.current()


def test_a_retired_action_is_left_out_of_the_current_view() -> None:
    """A retired action is left out of the plan the documents are made from, as `plan.current()` leaves it out."""
    plan = equality_docs.loads(PLAN.replace("RETIRED", "retired: true"))

    current = current_placed(plan)

    assert current == plan.current()
    assert ["Reading club"] == [a.text for a in current.objectives[0].actions]


def test_a_retired_plan_action_is_left_out_of_the_current_view() -> None:
    """A retired action of the plan's own is left out, so the plan is not its own current view."""
    plan = equality_docs.loads(PLAN.replace(", RETIRED", "") + "actions:\n  - {text: Audit, retired: true}\n")

    current = current_placed(plan)

    assert current is not plan
    assert () == current.actions
