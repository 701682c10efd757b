"""A plan holding results of its measures but no progress review is printed as an annual report when asked for by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs.cli import cli
from equality_docs.kinds import kinds_for

#: A council's KPI table with a result, and no `reviews:`, `progress_files:` or `information:`.
PLAN = (
    "organisation: {name: Greyhaven Council, type: council}\n"
    "period: 2025/26\n"
    "measures:\n"
    "  - refs: [CS 01]\n"
    "    description: Care leavers in education, employment or training\n"
    "    direction: higher\n"
    "    targets: {2025/26: 52%}\n"
    "    actuals: {2025/26: 53%}\n"
)


def test_asked_for_by_name_the_annual_report_prints_the_results_of_measures(tmp_path: Path) -> None:
    """`render -k annual-report` of a plan with results but no review exits 0 and prints the result against its target."""
    (tmp_path / "kpi.yaml").write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "kpi.yaml"), "-k", "annual-report", "-f", "md",
                                      "-o", str(tmp_path / "out")])

    assert 0 == result.exit_code, result.output
    text = (tmp_path / "out" / "kpi.annual-report.md").read_text(encoding="utf-8")
    assert "| CS 01 | Care leavers in education, employment or training | 2025/26 |" in text
    assert "| 52% | 53% | Met |" in text


def test_such_a_plan_is_not_made_an_annual_report_by_default() -> None:
    """Without `-k`, results alone do not add an annual report to the kinds made."""
    assert "annual-report" not in [k.name for k in kinds_for(equality_docs.loads(PLAN))]


def test_a_plan_without_results_is_still_refused_saying_what_the_annual_report_needs() -> None:
    """Targets with no result are not enough: the refusal names reviews, information and results (`actuals:`)."""
    plan = equality_docs.loads(PLAN.replace("    actuals: {2025/26: 53%}\n", ""))
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.render(plan, kind="annual-report", fmt="md")

    assert "`reviews:`" in str(caught.value)
    assert "`actuals:`" in str(caught.value)
