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


#: Objectives judged by their measures alone: one measure met its target, one did not; one objective has none.
OBJECTIVES = (
    "organisation: {name: University of Eastvale, type: other}\n"
    "period: 2025/26\n"
    "objectives:\n"
    "  - text: Close the awarding gap\n"
    "    measures:\n"
    "      - {refs: [KPI 1], description: Awarding gap, direction: lower, targets: {2025/26: 18}, actuals: {2025/26: 17}}\n"
    "  - text: More women professors\n"
    "    measures:\n"
    "      - {refs: [KPI 2], description: Women professors, direction: higher, targets: {2025/26: 26%}, actuals: {2025/26: 24%}}\n"
    "  - text: Step-free buildings\n"
)


def _report(text: str) -> str:
    return equality_docs.render(equality_docs.loads(text), kind="annual-report", fmt="md").decode()


def test_a_report_of_measures_alone_prints_no_coverage_of_the_duty() -> None:
    """With no objective, no characteristic or aim is "Not addressed": the coverage section is left out."""
    text = _report(PLAN)

    assert ("Coverage of the equality duty" in text, "Not addressed" in text) == (False, False)


def test_coverage_of_characteristics_is_left_out_where_no_objective_records_any() -> None:
    """Objectives that record aims but no characteristics get the aims' table only."""
    text = _report(OBJECTIVES.replace("  - text: Step-free buildings\n", "  - {text: Step-free buildings, aims: [eliminate]}\n"))

    assert ("| Aim of the general duty |" in text, "| Protected characteristic |" in text) == (True, False)


def test_an_objective_with_results_but_no_review_shows_its_measures_results_as_its_status() -> None:
    """Its status line says what its measures' latest results were, not "Not reviewed"."""
    text = _report(OBJECTIVES)

    assert "**Status:** Judged by its measures' results: KPI 2 did not meet the target in 2025/26" in text


def test_objectives_judged_by_their_results_are_not_counted_as_not_reviewed() -> None:
    """The status table counts only the objective with no status and no results as "Not reviewed"."""
    text = _report(OBJECTIVES)

    assert "| Not reviewed | 1 | 0 |" in text
