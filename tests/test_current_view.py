"""The plan a document is made from: the plan itself when nothing is retired, superseded or relabelled, else its current view."""

from __future__ import annotations

import equality_docs
from equality_docs.context.common import with_characteristic_labels
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


def test_a_plan_whose_objectives_take_no_characteristic_label_is_made_from_itself() -> None:
    """A plan labelling a characteristic none of its objectives names is not copied to relabel them."""
    plan = equality_docs.loads(PLAN.replace(", RETIRED", "") + "characteristics: [{characteristic: sex, label: Sex (gender)}]\n")

    assert with_characteristic_labels(plan) is plan


def test_an_objective_naming_a_labelled_characteristic_takes_the_plans_label() -> None:
    """An objective naming a characteristic the plan labels prints the plan's words for it."""
    plan = equality_docs.loads(
        PLAN.replace(", RETIRED", "").replace("  - text: Reduce bullying", "  - {text: Reduce bullying, characteristics: [sex]}")
        + "characteristics: [{characteristic: sex, label: Sex (gender)}]\n"
    )

    relabelled = with_characteristic_labels(plan)

    assert ["Sex (gender)"] == [r.label for r in relabelled.objectives[1].characteristics]
