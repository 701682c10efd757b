"""`superseded_by:` must name the id of an objective, action or measure the plan holds: refused at load otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.cli import cli
from equality_docs.errors import InputError, ModelError

HEAD = "organisation: {name: Northmoor Fire and Rescue Service, type: other}\n"

#: Plan-level actions, the first retired and superseded by the second.
ACTIONS = HEAD + (
    "actions:\n"
    "  - id: cultural-review\n"
    "    ref: \"4\"\n"
    "    text: Act on the culture review\n"
    "    retired: true\n"
    "    superseded_by: culture-programme\n"
    "  - id: culture-programme\n"
    "    ref: \"5\"\n"
    "    text: Deliver the Culture Programme\n"
)


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        equality_docs.loads(text)
    return str(caught.value)


def test_an_action_superseded_by_an_id_the_plan_holds_is_accepted() -> None:
    """A plan-level action superseded by another's id loads, the superseded one left out of the current plan."""
    plan = equality_docs.loads(ACTIONS)

    assert ["culture-programme"] == [a.id for a in plan.current().actions]


def test_an_action_superseded_by_an_unknown_id_is_refused_at_its_line_with_the_ids_there_are() -> None:
    """`superseded_by: culture-programm` is refused at line 7, naming the ids and the one likely meant."""
    message = _refusal(ACTIONS.replace("superseded_by: culture-programme", "superseded_by: culture-programm"))

    assert (":7:" in message, 'did you mean "culture-programme"?' in message,
            "the ids are: cultural-review, culture-programme" in message) == (True, True, True)


def test_a_reference_written_for_an_id_is_refused_naming_the_items_id() -> None:
    """`superseded_by: "5"`, the replacing action's ref, is refused with that action's id to write instead."""
    message = _refusal(ACTIONS.replace("superseded_by: culture-programme", 'superseded_by: "5"'))

    assert '"5" is a reference; did you mean its id "culture-programme"?' in message


def test_an_objective_superseded_by_an_unknown_id_is_refused() -> None:
    """An objective's `superseded_by: ob99` is refused at its field, ob1 and ob2 named as the ids there are."""
    message = _refusal(HEAD + (
        "objectives:\n"
        "  - {id: ob1, text: Close the gap, retired: true, superseded_by: ob99}\n"
        "  - {id: ob2, text: Close it faster}\n"
    ))

    assert ("objectives[0].superseded_by" in message, "the ids are: ob1, ob2" in message) == (True, True)


def test_a_plan_level_measure_superseded_by_an_unknown_id_is_refused() -> None:
    """A plan-level measure's `superseded_by: kpi-nothing` is refused at `measures[0].superseded_by`."""
    message = _refusal(HEAD + (
        "measures:\n"
        "  - {id: kpi-old, description: Women firefighters, retired: true, superseded_by: kpi-nothing}\n"
        "  - {id: kpi-women, description: Women in operational roles}\n"
    ))

    assert "measures[0].superseded_by" in message


def test_validate_refuses_an_unknown_superseded_by_with_the_input_exit_code(tmp_path: Path) -> None:
    """`equality-docs validate` exits 3 (not "valid") on an action superseded by no item."""
    path = tmp_path / "fire.yaml"
    path.write_text(ACTIONS.replace("superseded_by: culture-programme", "superseded_by: nosuch-thing"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])

    assert (3, "nosuch-thing" in result.output) == (result.exit_code, True)


def test_a_plan_built_in_python_with_an_unknown_superseded_by_is_refused_as_it_is_built() -> None:
    """`m.EqualityPlan(...)` holding an action superseded by no item raises a ModelError at its path."""
    with pytest.raises(ModelError, match=r"^EqualityPlan\.actions\[0\]\.superseded_by: no objective, action or measure"):
        m.EqualityPlan(organisation={"name": "X"}, actions=[  # type: ignore[arg-type]
            {"id": "a1", "text": "Old", "superseded_by": "a9"}, {"id": "a2", "text": "New"},
        ])
