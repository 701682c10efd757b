"""The Python API refuses a kind the plan cannot fill, as the command line does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.api import render_checked
from equality_docs.cli import cli
from equality_docs.kinds import KINDS

from .fill import fill_for

COUNCIL = """
organisation: {name: Fernhill Council, type: council}
objectives:
  - text: Make every service reachable
"""

SCOTTISH_SCHOOL = """
organisation: {name: Loch Arden Primary School, type: school, nation: scotland}
objectives:
  - text: Widen who joins our clubs
"""


def test_render_refuses_a_strategy_of_a_plan_without_one() -> None:
    """`render` of a plan with no strategy as `strategy` raises InputError naming `strategy:` and `priorities:`."""
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.render(equality_docs.loads(COUNCIL), kind="strategy", fmt="md")

    assert "holds nothing the strategy kind can print" in str(caught.value)
    assert "`strategy:`" in str(caught.value)
    assert "`priorities:`" in str(caught.value)


def test_render_refuses_a_kind_worded_for_another_nation() -> None:
    """`render` of a Scottish school's plan as `psed-statement` raises InputError naming both nations."""
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.render(equality_docs.loads(SCOTTISH_SCHOOL), kind="psed-statement", fmt="html")

    assert "organisation.nation" in str(caught.value)
    assert "worded for the specific duties of England, not those of Scotland" in str(caught.value)
    assert "choose a kind that fits: objectives-plan" in str(caught.value)


def test_render_refuses_a_kind_given_as_a_kind() -> None:
    """A `DocumentKind` passed for `kind` is refused as its name is."""
    strategy = next(kind for kind in KINDS if kind.name == "strategy")

    with pytest.raises(equality_docs.InputError, match="`priorities:`"):
        equality_docs.render(equality_docs.loads(COUNCIL), kind=strategy, fmt="md")


def test_render_checked_refuses_a_strategy_of_a_plan_without_one() -> None:
    """`render_checked` of a plan with no strategy as `strategy` raises InputError naming `strategy:` and `priorities:`."""
    with pytest.raises(equality_docs.InputError) as caught:
        render_checked(equality_docs.loads(COUNCIL), kind="strategy")

    assert "`strategy:`" in str(caught.value)
    assert "`priorities:`" in str(caught.value)


def test_render_checked_refuses_a_kind_worded_for_another_nation() -> None:
    """`render_checked` of a Scottish school's plan as `psed-statement` raises InputError naming the nation."""
    with pytest.raises(equality_docs.InputError, match="not those of Scotland"):
        render_checked(equality_docs.loads(SCOTTISH_SCHOOL), kind="psed-statement")


def test_render_still_makes_a_kind_the_plan_fills() -> None:
    """A kind the plan holds data for renders as before: the objectives plan prints the objective."""
    text = equality_docs.render(equality_docs.loads(SCOTTISH_SCHOOL), kind="objectives-plan", fmt="md").decode()

    assert "Widen who joins our clubs" in text


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_the_tests_fill_gives_a_bare_plan_what_each_kind_needs(kind: str) -> None:
    """The tests' `fill_for` makes a plan holding only an organisation fit each kind, so `render` accepts it."""
    plan = m.EqualityPlan(organisation=m.Organisation(name="Fernhill Council", type=m.OrganisationType.COUNCIL))

    assert equality_docs.render(fill_for(kind, plan), kind=kind, fmt="md")


SECTIONS_ONLY = """
organisation: {name: Fernhill Council, type: council}
sections:
  - title: Introduction
    body: We are committed to equality.
"""


def test_render_without_a_kind_refuses_a_plan_no_kind_can_print(tmp_path: Path) -> None:
    """
    `render` with no `--kind` of a plan holding only sections exits 3, as `--kind` does for a kind
    the plan cannot fill, naming what each kind needs, and writes nothing.
    """
    plan = tmp_path / "plan.yaml"
    plan.write_text(SECTIONS_ONLY, encoding="utf-8")

    result = CliRunner().invoke(cli, ["render", str(plan), "--out", str(tmp_path / "out")])

    assert 3 == result.exit_code
    assert f"{plan}: this plan holds nothing the strategy kind can print (it needs a `strategy:`" in result.stderr
    assert all(f"holds nothing the {kind.name} kind can print" in result.stderr for kind in KINDS)
    assert "nothing to render" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_render_without_a_kind_names_only_the_kinds_of_the_plans_nation(tmp_path: Path) -> None:
    """A Scottish plan no kind can print is told what the kinds worded for Scotland need, not England's."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(SECTIONS_ONLY.replace("type: council}", "type: council, nation: scotland}"), encoding="utf-8")

    result = CliRunner().invoke(cli, ["render", str(plan), "--out", str(tmp_path / "out")])

    assert 3 == result.exit_code
    assert "objectives-plan kind can print" in result.stderr
    assert "objectives-statement" not in result.stderr
    assert "psed-statement" not in result.stderr
