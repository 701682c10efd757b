"""
The action plan prints each objective's blocks under its text, in the order written, and groups
its objectives by the plan's key; every kind prints an objective's milestones and measures once.
"""

from __future__ import annotations

import html
import re

import attrs
import pytest

import equality_docs
from equality_docs import model as m

from .docxdump import cell_text, dump, open_docx, paragraph_text

FORMATS = ["md", "html", "docx"]

BLOCK_YAML = """\
organisation: {name: Brookside Academy, type: school}
appendices:
  - title: The plan
    outcomes:
      - outcome: Attendance
        objectives:
          - ref: "1"
            text: Close the attendance gap
            target_groups: [Pupils]
            impact: [Fewer missed lessons]
            milestones:
              - {text: Gap below three points, due: July 2026}
            targets:
              - label: "Target 1:"
                text: Raise attendance of pupils eligible for free school meals
                baseline: 95.2%
                value: 96.4%
            success_criteria: [Every group at least 95%]
            measures:
              - description: Attendance of pupils with SEND
                targets: [{period: 2024/25, value: 95%}]
            evidence: [Attendance returns]
            actions: [Call home on the first day of absence]
            themes: [Belonging]
"""

#: Each block the outcome block's objective prints under its text, heading then an item, as written.
#: Its measures and actions print in the block's own tables instead.
WRITTEN = [
    ("Close the attendance gap", "Close the attendance gap"),
    ("Anticipated impact", "Fewer missed lessons"),
    ("Milestones", "Gap below three points (July 2026)"),
    ("Targets", "Target 1: Raise attendance of pupils eligible for free school meals. Baseline: 95.2%."),
    ("Success criteria", "Every group at least 95%"),
    ("Evidence", "Attendance returns"),
    ("Key themes", "Belonging"),
]

PLAN_LEVEL_YAML = """\
organisation: {name: Brookside Academy, type: school}
objectives:
  - text: Governors hold the academy to account
    measures:
      - description: Meetings with an equality challenge minuted
    actions: [Name a link governor]
    milestones: [Link governor named]
actions:
  - text: Publish the equality information
"""

GROUPED_YAML = """\
organisation: {name: Brookside Academy, type: school}
grouping: {by: audience, order: [Pupils, Governors, Staff]}
appendices:
  - title: The plan
    outcomes:
      - outcome: Attendance
        objectives:
          - {text: Close the attendance gap, target_groups: [Pupils]}
          - {text: Train every teacher, target_groups: [Staff]}
"""


def _text_of(data: bytes, fmt: str) -> str:
    """Return a rendered document's words, one block per line: Word's paragraphs and cells in document order."""
    if fmt == "docx":
        body = open_docx(data)
        lines: list[str] = []
        for block in body.iter_inner_content():
            if hasattr(block, "rows"):
                # A cell spanning grid columns is listed once per column: keep each once (by its element).
                cells = {id(c._tc): c for r in block.rows for c in r.cells}
                lines += [cell_text(c) for c in cells.values()]
            else:
                lines.append(paragraph_text(block))
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


def _render(yaml: str, fmt: str, kind: str = "action-plan") -> str:
    return _text_of(equality_docs.render(equality_docs.loads(yaml), kind=kind, fmt=fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_outcome_blocks_objective_prints_each_block_under_its_text_in_written_order(fmt: str) -> None:
    """An outcome block's objective prints impact, milestones, targets, success criteria, evidence and themes, as written."""
    text = _render(BLOCK_YAML, fmt)

    assert _in_order(text, WRITTEN)


@pytest.mark.parametrize("fmt", FORMATS)
def test_outcome_blocks_objective_prints_its_blocks_before_the_actions_table(fmt: str) -> None:
    """The blocks print in the objective's row, so the last of them comes before the block's actions table."""
    text = _render(BLOCK_YAML, fmt)

    assert text.index("Belonging") < text.index("Call home on the first day of absence")


@pytest.mark.parametrize("fmt", FORMATS)
def test_outcome_blocks_measures_and_actions_print_once_in_their_tables(fmt: str) -> None:
    """An outcome block's measures and actions have tables of their own, so they are not repeated as blocks."""
    text = _render(BLOCK_YAML, fmt)

    assert (1, 1) == (text.count("Attendance of pupils with SEND"), text.count("Call home on the first day"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_level_objective_prints_its_actions_measures_and_milestones_as_blocks(fmt: str) -> None:
    """The plan's own objectives print under the objectives heading, their actions, measures and milestones under them."""
    text = _render(PLAN_LEVEL_YAML, fmt)

    assert _in_order(text, [
        ("Objectives", "Governors hold the academy to account"),
        ("Measures", "Meetings with an equality challenge minuted"),
        ("Actions", "Name a link governor"),
        ("Milestones", "Link governor named"),
        ("Publish the equality information", "Publish the equality information"),
    ])


#: A milestone and a measure of an objective, and the kinds that print an objective's detail.
ONCE_YAML = """\
organisation: {name: Brookside Academy, type: school}
reviews: [{on: 2025-03-31}]
objectives:
  - text: Close the attendance gap
    aims: [advance]
    milestones: [Gap below three points]
    measures:
      - description: Attendance of pupils with SEND
        targets: [{period: 2024/25, value: 95%}]
"""


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan", "psed-statement", "annual-report"])
def test_milestones_and_measures_print_once_in_every_kind(kind: str, fmt: str) -> None:
    """An objective's milestone and measure each print exactly once: as blocks, or in the layout's own column or table."""
    text = _render(ONCE_YAML, fmt, kind)

    assert (1, 1) == (text.count("Gap below three points"), text.count("Attendance of pupils with SEND"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_action_plan_groups_an_outcome_blocks_objectives_with_a_nil_return(fmt: str) -> None:
    """Grouped by audience, a block's objectives print under each group's heading in order, an empty group its nil return."""
    text = _render(GROUPED_YAML, fmt)

    assert _in_order(text, [
        ("Pupils", "Close the attendance gap"),
        ("Governors", "No objectives this period"),
        ("Staff", "Train every teacher"),
    ])


#: Two outcome blocks, each holding one group's objectives; a third group named in `order` holds none.
TWO_BLOCKS_YAML = GROUPED_YAML.replace(
    "          - {text: Train every teacher, target_groups: [Staff]}\n",
    "      - outcome: Workforce\n        objectives:\n          - {text: Train every teacher, target_groups: [Staff]}\n",
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_group_prints_its_nil_return_once_in_the_action_plan(fmt: str) -> None:
    """A group `order` names that holds no objective prints its nil return once (in the first block), not in each block."""
    text = _text_of(equality_docs.render(equality_docs.loads(TWO_BLOCKS_YAML), kind="action-plan", fmt=fmt), fmt)

    assert 1 == text.count("No objectives this period")
    assert _in_order(text, [("Pupils", "Close the attendance gap"), ("Governors", "No objectives this period"),
                            ("Workforce", "Train every teacher")])


def test_a_block_leaves_out_the_groups_whose_objectives_are_in_another_block() -> None:
    """A group with objectives in another block is not a nil return in this one: its heading is left out."""
    text = equality_docs.render(equality_docs.loads(TWO_BLOCKS_YAML), kind="action-plan", fmt="md").decode()

    assert ["### Attendance", "#### Pupils", "#### Governors", "### Workforce", "#### Staff"] == [
        line.replace("Outcome: ", "") for line in text.splitlines() if line.startswith("###")
    ]


def test_action_plan_prints_a_table_per_group() -> None:
    """Each group with objectives is a table of its own in Word, and the empty group has none."""
    document = open_docx(equality_docs.render(equality_docs.loads(GROUPED_YAML), kind="action-plan", fmt="docx"))

    assert [["Close the attendance gap"], ["Train every teacher"]] == [
        [cell_text(r.cells[0]) for r in t.rows[1:]] for t in document.tables
    ]


def test_group_headings_sit_below_the_blocks_heading_and_the_tables_after_them_beside_them() -> None:
    """In a block (###), group headings are ####, and so is the actions table's heading, not read as part of the last group."""
    plan = equality_docs.loads(GROUPED_YAML.replace(
        "target_groups: [Staff]}", "target_groups: [Staff], actions: [Run a twilight session]}"
    ))
    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode()

    assert ["### Attendance", "#### Pupils", "#### Governors", "#### Staff", "#### Actions"] == [
        line.replace("Outcome: ", "") for line in text.splitlines() if line.startswith("###")
    ]


def test_ungrouped_action_plan_prints_no_group_headings() -> None:
    """With no grouping, a block prints one objectives table and its other tables under no heading of their own."""
    plan = attrs.evolve(equality_docs.loads(GROUPED_YAML), grouping=None)
    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode()

    assert [] == [line for line in text.splitlines() if line.startswith("####")]


def test_a_block_that_is_its_objectives_one_group_repeats_no_heading() -> None:
    """Grouped by characteristic, a block named for the one characteristic of its objectives prints no group heading."""
    plan = equality_docs.loads(
        "organisation: {name: Brookside Academy, type: school}\n"
        "grouping: characteristic\n"
        "appendices:\n"
        "  - title: The plan\n"
        "    outcomes:\n"
        "      - outcome: Disability\n"
        "        objectives: [{text: Close the gap, characteristics: [disability]}]\n"
    )
    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode()

    assert [] == [line for line in text.splitlines() if line.startswith("####")]


def test_grouped_by_outcome_the_blocks_are_the_groups() -> None:
    """Grouped by outcome, a block's objectives print in one table with no heading repeating the block's."""
    plan = attrs.evolve(equality_docs.loads(GROUPED_YAML), grouping=m.Grouping(by=m.GroupKey.OUTCOME))
    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode()

    assert [] == [line for line in text.splitlines() if line.startswith("####")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_level_objectives_are_grouped_too(fmt: str) -> None:
    """The plan's own objectives print under the group headings of the plan's key, an empty group its nil return."""
    plan = equality_docs.loads(
        "organisation: {name: Brookside Academy, type: school}\n"
        "grouping: {by: audience, order: [Staff, Pupils], empty: Nothing this year}\n"
        "objectives: [{text: Close the attendance gap, target_groups: [Pupils]}]\n"
        "actions: [Publish the equality information]\n"
    )
    text = _text_of(equality_docs.render(plan, kind="action-plan", fmt=fmt), fmt)

    assert _in_order(text, [("Staff", "Nothing this year"), ("Pupils", "Close the attendance gap")])


def test_plan_tables_after_the_plans_objectives_are_headed_at_the_same_level() -> None:
    """In Word, the plan's own actions table after its objectives is a Heading 1 beside "Objectives", not inside it."""
    document = open_docx(equality_docs.render(equality_docs.loads(PLAN_LEVEL_YAML), kind="action-plan", fmt="docx"))

    assert [("Heading 1", "Objectives"), ("Heading 1", "Actions")] == [
        (p.style.name, p.text) for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]


def test_objectives_plan_merges_an_objective_with_blocks_over_its_actions_rows() -> None:
    """In Word's objectives plan, an objective whose measures print under it is still one cell over its actions' rows."""
    plan = equality_docs.loads(ONCE_YAML.replace("    milestones:", "    actions: [Call home, Meet families]\n    milestones:"))
    text = dump(open_docx(equality_docs.render(plan, kind="objectives-plan", fmt="docx")))

    assert (1, 1) == (text.count("Close the attendance gap"), text.count("Attendance of pupils with SEND"))
