"""
A table's equal cells are one cell, made once: the same values as cells made one by one, in less
time and memory on a large plan (an objective's own cells on each of its actions' rows, every empty one).
"""

from __future__ import annotations

import equality_docs
from equality_docs.context.objectives_plan import ObjectivesPlanContext
from equality_docs.context.tables import (
    CellView,
    ColumnView,
    TableValues,
    assemble,
    build_table,
    column_spans,
)
from equality_docs.model import Prose

PLAN = """
organisation: {name: Anytown Council}
period: 2024 - 2028
objectives:
  - text: Close the reading gap
    aims: [advance]
    characteristics: [race]
    actions:
      - {text: Reading club, owner: Head of English}
      - text: Library visits
      - {text: Parent workshops, start: 2025-01-01}
  - text: Reduce bullying
    aims: [foster]
    actions:
      - text: Anti-bullying week
"""


def plan_context() -> ObjectivesPlanContext:
    """Return the objectives plan's context of PLAN."""
    context = equality_docs.get_kind("objectives-plan").build_context(equality_docs.loads(PLAN))
    assert isinstance(context, ObjectivesPlanContext)
    return context


def test_an_objectives_own_cells_are_one_cell_on_each_of_its_rows() -> None:
    """The objective's own cells (its text, aim, characteristics) on its three actions' rows are the one cell."""
    (group,) = plan_context().row_groups
    assert group.table is not None
    rows = group.table.rows
    keys = [c.key for c in group.table.columns]

    for key in ("objective", "characteristics", "duty_link"):
        column = keys.index(key)
        assert rows[0].cells[column] is rows[1].cells[column] is rows[2].cells[column]
        assert rows[2].cells[column] is not rows[3].cells[column]  # the next objective's


def test_shared_cells_print_the_values_each_row_had() -> None:
    """Each row's cells hold its own values: the objective's merged over its rows, each action's on its own row."""
    (group,) = plan_context().row_groups
    assert group.table is not None
    keys = [c.key for c in group.table.columns]
    spans = [c.span for c in group.table.columns]

    printed = [{k: (c.text, c.merge, c.span) for k, c in zip(keys, row.cells, strict=True)} for row in group.table.rows]

    objective, actions, owners = keys.index("objective"), keys.index("actions"), keys.index("owners")
    assert [row["objective"] for row in printed] == [("Close the reading gap", True, spans[objective])] * 3 + [
        ("Reduce bullying", True, spans[objective])
    ]
    assert [row["actions"] for row in printed] == [
        (text, False, spans[actions])
        for text in ("Reading club", "Library visits", "Parent workshops", "Anti-bullying week")
    ]
    assert [row["owners"][0] for row in printed] == ["Head of English", "", "", ""]
    assert all(row["owners"][2] == spans[owners] for row in printed)


def test_assemble_gives_a_cell_found_twice_in_a_column_its_span_once() -> None:
    """A cell given twice in a column comes back once, with the column's span, in both rows."""
    empty = CellView(text="")
    table = assemble(
        "plan", "", "Caption", [ColumnView(key="aim", header="Aim"), ColumnView(key="owners", header="Lead")],
        [(empty, empty), (CellView(text="A"), CellView(text="B"))], keep=True, count=2, weights=[1, 3],
    )

    first, second = (row.cells for row in table.rows)
    assert first[0] is second[0]
    assert CellView(text="", span=25) == first[0]
    assert [CellView(text="A", span=75), CellView(text="B", span=75)] == [first[1], second[1]]


def test_a_tables_equal_cells_are_one_cell_and_plain_text_is_not_markdown() -> None:
    """In a table made from the plan's columns, equal texts of a column are one cell; the same words as Markdown are another."""
    plan = equality_docs.loads(PLAN)
    items = ("Housing", "Housing", Prose("Housing"), "")
    table = build_table(
        "actions", items, plan=plan, values=TableValues(), heading="", caption="",
        defaults=("text",), field_cells={"text": lambda item: item},
    )

    first, second, third, fourth = (row.cells[0] for row in table.rows)
    assert first is second
    assert (first.prose, third.prose) == (False, True)
    assert third is not first and type(third.text) is Prose
    assert "" == fourth.text


def test_cells_made_with_their_columns_span_are_kept_as_they_are() -> None:
    """A column whose cells were made with its span is kept as it is; another's cells are made again with it."""
    made = (CellView(text="A", span=25), CellView(text="B", span=25))
    other = (CellView(text="C"), CellView(text="D"))
    table = assemble("plan", "", "", [ColumnView(key="aim", header="Aim"), ColumnView(key="owners", header="Lead")],
                     [made, other], keep=True, count=2, weights=[1, 3])

    assert [25, 75] == column_spans([1, 3]) == [c.span for c in table.columns]
    assert made[0] is table.rows[0].cells[0] and made[1] is table.rows[1].cells[0]
    assert [CellView(text="C", span=75), CellView(text="D", span=75)] == [row.cells[1] for row in table.rows]


def test_a_plan_tables_cells_carry_their_columns_span() -> None:
    """Every cell of the objectives plan's table has its column's span."""
    (group,) = plan_context().row_groups
    assert group.table is not None
    spans = [c.span for c in group.table.columns]
    assert all([c.span for c in row.cells] == spans for row in group.table.rows if row.cells)
