"""What a plan hangs under an objective (evidence, themes, criteria, impact, targets), and characteristics as printed."""

from __future__ import annotations

import datetime as dt
import html
import re

import attrs
import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan
from equality_docs.errors import ModelError

from .docxdump import cell_text, open_docx, paragraph_text

PLAN_YAML = """\
organisation: {name: Brookside Primary School, type: school}
objectives:
  - text: Close the attendance gap
    targets:
      - label: "Target 1:"
        text: Raise attendance of pupils eligible for free school meals
        baseline: 91.2%
        baseline_on: 2023/24
        value: 95%
        due: July 2027
        status: on track
        progress: Up to 92.8% this year.
        updated_on: March 2025
    success_criteria: [Gap below two points]
    actions: [Daily first-day calls]
    evidence: [Attendance returns]
    impact: [Fewer missed lessons]
    themes: [Attendance]
"""

#: The headings and an item of each block, in the order the plan above writes them.
WRITTEN = [
    ("Targets", "Target 1: Raise attendance of pupils eligible for free school meals."),
    ("Success criteria", "Gap below two points"),
    ("Actions", "Daily first-day calls"),
    ("Evidence", "Attendance returns"),
    ("Anticipated impact", "Fewer missed lessons"),
    ("Key themes", "Attendance"),
]
#: The kinds each layout prints under an objective: actions only where it has no place of its own for them.
LAYOUTS = {
    "psed-statement": WRITTEN,
    "objectives-statement": [block for block in WRITTEN if block[0] != "Actions"],
    "objectives-plan": [block for block in WRITTEN if block[0] != "Actions"],
}


def _plan() -> m.EqualityPlan:
    return equality_docs.loads(PLAN_YAML)


def _text_of(data: bytes, fmt: str) -> str:
    """Return a rendered document's words in reading order, one block per line."""
    if fmt == "docx":
        document = open_docx(data)
        lines = [paragraph_text(p) for p in document.paragraphs]
        lines += [cell_text(c) for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join(lines)
    text = data.decode("utf-8")
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return text.replace("\\", "")


def _in_order(text: str, blocks: list[tuple[str, str]]) -> bool:
    """Return whether each heading, then its item, is found after the block before it."""
    at = 0
    for heading, item in blocks:
        start = text.find(heading, at)
        at = text.find(item, start) if start >= 0 else -1
        if at < 0:
            return False
    return True


def test_loader_keeps_the_order_the_blocks_are_written_in() -> None:
    """The order of an objective's block keys in the file is the order it prints them in."""
    objective = _plan().objectives[0]

    assert (
        m.ChildKind.TARGETS, m.ChildKind.SUCCESS_CRITERIA, m.ChildKind.ACTIONS,
        m.ChildKind.EVIDENCE, m.ChildKind.IMPACT, m.ChildKind.THEMES,
    ) == objective.order


def test_order_in_python_keeps_filled_kinds_only_then_the_rest_in_default_order() -> None:
    """Built in Python, `order` drops empty kinds and adds the filled ones it leaves out, in the default order."""
    objective = m.Objective(text="x", evidence=["a survey"], targets=["t"], actions=["do"], order=["targets", "impact"])

    assert (m.ChildKind.TARGETS, m.ChildKind.ACTIONS, m.ChildKind.EVIDENCE) == objective.order


def test_a_kind_given_twice_in_order_is_kept_once_where_first_given() -> None:
    """`order` naming a kind twice keeps it once, at its first place; the filled kinds left out follow in the default order."""
    objective = m.Objective(
        text="x", evidence=["a survey"], targets=["t"], actions=["do"], order=["targets", "actions", "targets"],  # type: ignore[list-item]
    )

    assert (m.ChildKind.TARGETS, m.ChildKind.ACTIONS, m.ChildKind.EVIDENCE) == objective.order


def test_dropping_a_block_drops_it_from_the_order() -> None:
    """An objective whose targets are taken away no longer lists targets in its order."""
    objective = _plan().objectives[0]

    assert m.ChildKind.TARGETS not in attrs.evolve(objective, targets=()).order


def test_yaml_written_keeps_the_order() -> None:
    """A plan written out and read back prints its blocks in the same order."""
    plan = _plan()

    assert plan == equality_docs.loads(equality_docs.dumps(plan))


def test_yaml_written_in_the_default_order_has_no_order_key() -> None:
    """An objective whose blocks are in the default order is written without `order:`."""
    plan = attrs.evolve(_plan(), objectives=(m.Objective(text="x", actions=["a"], targets=["t"]),))

    assert "order:" not in equality_docs.dumps(plan)


def test_explicit_order_overrides_the_key_order() -> None:
    """`order:` written in the file decides the order, whatever the order of the keys."""
    plan = equality_docs.loads(PLAN_YAML.replace("    themes: [Attendance]\n", "    themes: [Attendance]\n    order: [themes]\n"))

    assert m.ChildKind.THEMES == plan.objectives[0].order[0]


def test_a_target_is_checked_when_built_in_python() -> None:
    """A target with a status no one can read is refused when built, naming the field."""
    with pytest.raises(ModelError) as caught:
        m.Target(text="Raise attendance", status="pending-ish")

    assert str(caught.value).startswith("Target.status:")


def test_a_target_written_as_text_is_a_target() -> None:
    """A target may be written as plain text, in a file as in Python."""
    plan = equality_docs.loads("organisation: {name: X}\nobjectives:\n  - text: O\n    targets: [Halve the gap]\n")

    assert (m.Target(text="Halve the gap"),) == plan.objectives[0].targets


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("kind", list(LAYOUTS))
def test_each_block_prints_under_its_heading_in_the_written_order(kind: str, fmt: str) -> None:
    """Every block the layout prints appears, under its heading, in the order the plan wrote them."""
    text = _text_of(equality_docs.render(_plan(), kind=kind, fmt=fmt), fmt)

    assert _in_order(text, LAYOUTS[kind])


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_annual_report_prints_the_blocks_in_written_order(fmt: str) -> None:
    """The annual report prints an objective's blocks under it, in the plan's order, before its actions table."""
    plan = attrs.evolve(_plan(), reviews=(m.ReviewInfo(on="2025-03-31"),))
    text = _text_of(equality_docs.render(plan, kind="annual-report", fmt=fmt), fmt)

    assert _in_order(text, LAYOUTS["objectives-plan"])


def test_target_line_prints_baseline_value_due_status_and_progress() -> None:
    """A target prints as one line: label, text, baseline with its date, value by when, status and progress."""
    text = equality_docs.render(_plan(), kind="psed-statement", fmt="md").decode()

    assert (
        "- Target 1: Raise attendance of pupils eligible for free school meals. Baseline: 91.2% (2023/24). "
        "Target: 95% by July 2027. Status: On track. Progress (March 2025): Up to 92.8% this year."
    ) in text


def test_headings_come_from_the_plans_labels() -> None:
    """A plan that calls its key themes "Focus areas" gets that heading."""
    plan = attrs.evolve(_plan(), labels=m.Labels(objective_themes="Focus areas"))
    text = equality_docs.render(plan, kind="psed-statement", fmt="md").decode()

    assert "**Focus areas:**" in text
    assert "Key themes" not in text


def test_an_objective_with_no_blocks_prints_no_headings() -> None:
    """An objective holding none of the blocks prints none of their headings."""
    plan = attrs.evolve(_plan(), objectives=(m.Objective(text="Close the attendance gap"),))
    text = equality_docs.render(plan, kind="objectives-statement", fmt="md").decode()

    assert not [h for h, _ in WRITTEN if h in text.split("Close the attendance gap", 1)[1]]


def test_all_as_printed_stands_for_the_nine_and_prints_as_written() -> None:
    """`characteristics: All` covers the nine protected characteristics and prints "All" as the plan wrote it."""
    plan = equality_docs.loads(PLAN_YAML.replace("  - text: Close", "  - characteristics: All\n    text: Close"))
    text = equality_docs.render(plan, kind="objectives-plan", fmt="md").decode()

    assert plan.objectives[0].addresses_all_characteristics
    assert "| All | Close the attendance gap" in text


def test_qualifier_is_printed_after_the_plans_label() -> None:
    """A characteristic prints with the plan's label and its qualifier as written."""
    plan = equality_docs.loads(PLAN_YAML.replace(
        "  - text: Close",
        "  - characteristics: [{characteristic: sex, label: Sex (gender), qualifier: in relation to staff only}]\n"
        "    text: Close",
    ))
    text = equality_docs.render(plan, kind="objectives-plan", fmt="md").decode()

    assert "| Sex (gender) in relation to staff only | Close the attendance gap" in text


def test_applies_to_is_printed_where_no_qualifier_is_given() -> None:
    """A characteristic narrowed to staff prints "(staff only)" after its label."""
    ref = m.CharacteristicRef(characteristic="age", applies_to="staff")

    assert "Age (staff only)" == ref.printed


def _ref_codes(*objectives: m.Objective) -> list[str]:
    plan = m.EqualityPlan(organisation=m.Organisation(name="X"), objectives=objectives)
    return [f.message for f in check_plan(plan, on=dt.date(2026, 11, 25)) if f.code == "EQ140"]


def test_action_numbering_may_restart_under_each_objective() -> None:
    """Actions numbered 1, 2 under each objective are not duplicates: refs are unique within their objective."""
    actions = (m.Action(ref="1", text="a"), m.Action(ref="2", text="b"))

    assert [] == _ref_codes(m.Objective(ref="1", text="x", actions=actions), m.Objective(ref="2", text="y", actions=actions[::-1]))


def test_two_actions_with_one_ref_under_one_objective_are_reported() -> None:
    """Two actions numbered alike under the same objective are a duplicate reference."""
    actions = (m.Action(ref="1", text="a"), m.Action(ref="1", text="b"))

    assert ["action ref '1' is used twice under this objective"] == _ref_codes(m.Objective(text="x", actions=actions))


def test_objective_numbering_may_restart_under_each_school() -> None:
    """Each school may number its objectives from 1: objective refs are unique among their siblings."""
    schools = tuple(
        m.School(name=name, objectives=(m.Objective(ref="1", text=name),)) for name in ("North", "South")
    )
    plan = m.EqualityPlan(organisation=m.Organisation(name="Trust", type="academy trust", schools=schools))

    assert [] == [f for f in check_plan(plan, on=dt.date(2026, 11, 25)) if f.code == "EQ140"]


def test_two_objectives_with_one_ref_in_one_list_are_reported() -> None:
    """Two objectives numbered alike in the same list are a duplicate reference."""
    assert ["objective ref '1' is used twice"] == _ref_codes(m.Objective(ref="1", text="x"), m.Objective(ref="1", text="y"))


def test_an_objective_with_a_target_is_measurable() -> None:
    """An objective with a target and no measure is not reported as having nothing to measure it by."""
    objective = m.Objective(text="Raise attendance", targets=[{"text": "Attendance", "value": "95%"}])
    plan = m.EqualityPlan(organisation=m.Organisation(name="X"), objectives=(objective,))

    assert "EQ101" not in {f.code for f in check_plan(plan, on=dt.date(2026, 11, 25))}


def test_annual_report_coverage_names_characteristics_in_the_plans_words() -> None:
    """The coverage table of the annual report (printed as an objective records a characteristic) names one by the plan's own label."""
    plan = attrs.evolve(
        equality_docs.loads(PLAN_YAML.replace("  - text: Close", "  - characteristics: [age]\n    text: Close")),
        reviews=(m.ReviewInfo(on="2025-03-31"),),
        characteristics=(m.CharacteristicRef(characteristic="sex", label="Sex (gender)"),),
    )
    text = equality_docs.render(plan, kind="annual-report", fmt="md").decode()

    assert "| Sex (gender) | 0 |" in text


def test_statement_list_of_characteristics_carries_the_qualifier() -> None:
    """The PSED statement's list of characteristics prints the plan's label and qualifier."""
    plan = attrs.evolve(_plan(), characteristics=(
        m.CharacteristicRef(characteristic="age", label="Age", qualifier="(in relation to staff only)"),
    ))
    text = equality_docs.render(plan, kind="psed-statement", fmt="md").decode()

    assert "1. Age (in relation to staff only)\n" in text


def test_schema_accepts_all_for_an_objectives_characteristics_and_text_for_a_target() -> None:
    """The JSON Schema lets `characteristics: all` and a target written as text pass, as the loader does."""
    objective = equality_docs.json_schema()["$defs"]["Objective"]["properties"]

    assert {"type": "string"} in [
        {"type": option.get("type")} for option in objective["characteristics"]["anyOf"]
    ]
    assert {"type": "string"} in objective["targets"]["items"]["anyOf"]


_MEASURED = """\
organisation: {name: Greyhaven Council, type: council}
objectives:
  - ref: "Objective 1:"
    text: Make services easier to reach
    aims: [advance]
    characteristics: [disability]
    measures:
      - refs: [ASC 04]
        description: Residents satisfied with access
        baseline: "61%"
        baseline_on: 2023/24
        target: "75%"
        targets: {2025/26: "68%", 2026/27: "72%"}
        actuals: {2024/25: "63%", 2025/26: "66%"}
    actions:
      - {text: Audit the booking system, owner: Head of Patient Experience, finish: 31/12/2025}
"""

_MEASURE_LINE = (
    "ASC 04 Residents satisfied with access. Baseline: 61% (2023/24). "
    "Target: 68% (2025/26), 72% (2026/27), 75% overall. Results: 63% (2024/25), 66% (2025/26)."
)


@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan", "action-plan"])
def test_an_objectives_measure_prints_its_baseline_targets_and_results(kind: str) -> None:
    """Outside the annual report, an objective's measure prints its baseline, its targets and its results, not its name alone."""
    page = equality_docs.render(equality_docs.loads(_MEASURED), kind=kind, fmt="html").decode("utf-8")

    assert _MEASURE_LINE in html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_action_plans_objective_actions_keep_their_lead_and_due_date() -> None:
    """An objective's actions listed among its blocks in the action plan print who leads them and when they are due."""
    page = equality_docs.render(equality_docs.loads(_MEASURED), kind="action-plan", fmt="md").decode("utf-8")

    assert "Audit the booking system (Head of Patient Experience, by 31/12/2025)" in page
