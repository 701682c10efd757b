"""A plan holding only its own objectives is printed as an action plan when asked for by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs.cli import cli
from equality_docs.kinds import kinds_for

PLAN = (
    "title: Equality action plan 2025/26\n"
    "organisation: {name: Tarrow Bay Port Health Authority, type: other}\n"
    "period: 2025/26\n"
    "sections: [{title: About us, body: We inspect food and ships arriving at the port.}]\n"
    "objectives:\n"
    "  - ref: OB1\n"
    "    text: Ship crews can report discrimination in their own language\n"
    "    aims: [eliminate]\n"
    "    owner: Port Health Manager\n"
    "    success_criteria: [Reports received in at least five languages]\n"
)


def test_asked_for_by_name_the_action_plan_prints_the_plans_own_objectives(tmp_path: Path) -> None:
    """`render -k action-plan` of a plan with only `objectives:` exits 0 and prints the narrative and objectives."""
    (tmp_path / "port.yaml").write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "port.yaml"), "-k", "action-plan", "-f", "md",
                                      "-o", str(tmp_path / "out")])

    assert 0 == result.exit_code, result.output
    text = (tmp_path / "out" / "port.action-plan.md").read_text(encoding="utf-8")
    assert "About us" in text
    assert "Ship crews can report discrimination in their own language" in text
    assert "Reports received in at least five languages" in text


def test_such_a_plan_is_not_made_an_action_plan_by_default() -> None:
    """Without `-k`, a plan with only objectives gets the objectives kinds, not an action plan too."""
    names = [k.name for k in kinds_for(equality_docs.loads(PLAN))]

    assert "action-plan" not in names
    assert "objectives-plan" in names


def test_a_plan_with_no_objectives_is_still_refused_saying_what_the_action_plan_needs() -> None:
    """With neither objectives nor actions, the action plan is refused, its message naming `objectives:` among its needs."""
    plan = equality_docs.loads("organisation: {name: Port, type: other}\nperiod: 2025/26\n")
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.render(plan, kind="action-plan", fmt="md")

    assert "`objectives:`" in str(caught.value)
