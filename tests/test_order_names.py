"""`grouping.order` names an aim as its group is printed, as a characteristic may be."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.cli import cli
from equality_docs.errors import InputError

PLAN = (
    "organisation: {name: Tarrow Bay Port Health Authority, type: other}\n"
    "period: 2025/26\n"
    "grouping: {by: aim, order: [%s]}\n"
    "objectives:\n"
    "  - {text: Crews report discrimination, aims: [eliminate]}\n"
    "  - {text: Leaflets in five languages, aims: [advance]}\n"
    "  - {text: Port open day, aims: [foster]}\n"
)


def _names(order: str) -> list[str]:
    plan = equality_docs.loads(PLAN % order)
    assert plan.grouping is not None
    return [g.name for g in m.group_objectives(plan.objectives, plan.grouping)]


@pytest.mark.parametrize("written", ["Foster good relations", "FOSTER GOOD RELATIONS", "foster good relations"])
def test_an_aim_named_as_its_group_is_printed_is_accepted_in_any_case(written: str) -> None:
    """`order: [Foster good relations]` (the heading the documents print) puts that aim's group first."""
    assert "Foster good relations" == _names(written)[0]


def test_each_aims_printed_name_orders_its_group() -> None:
    """The three printed names, as docs/input-format.md gives them, order the three groups."""
    assert ["Foster good relations", "Advance equality of opportunity", "Eliminate discrimination"] == _names(
        "Foster good relations, Advance equality of opportunity, Eliminate discrimination"
    )


def test_a_wrong_aim_name_is_refused_once_naming_the_printed_names(tmp_path: Path) -> None:
    """One wrong entry gives one error, which lists the names the groups are printed under."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads(PLAN % "Foster good relationships")
    message = str(caught.value)
    assert 'did you mean "Foster good relations"?' in message
    assert "Eliminate discrimination, Advance equality of opportunity, Foster good relations" in message

    (tmp_path / "plan.yaml").write_text(PLAN % "Foster good relationships", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "plan.yaml")])
    assert 3 == result.exit_code
    assert 1 == result.output.count("grouping.order[0]")
