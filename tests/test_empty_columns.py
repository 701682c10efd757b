"""
A column whose body cells are all empty is not printed in the objectives statement's table,
in any format, unless the plan says `empty_columns: keep`.
"""

from __future__ import annotations

import pytest

import equality_docs

from .docxdump import dump, open_docx, table_rows

SCHOOL = """
organisation: {name: Riverside Primary School, type: school}
objectives:
  - text: Close the reading gap
  - text: Reduce bullying
"""
KEEP = "empty_columns: keep\n" + SCHOOL
FILLED = """
organisation: {name: Riverside Council, type: council}
objectives:
  - text: Close the reading gap
    service_area: Schools and Learning
  - text: Reduce bullying
"""
FORMATS = ["md", "html", "docx"]


def render_text(text: str, kind: str, fmt: str) -> str:
    """Return a rendering as text: Markdown and HTML as they are, Word as its dump."""
    data = equality_docs.render(equality_docs.loads(text), kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_leaves_out_an_empty_service_area_column(fmt: str) -> None:
    """Objectives without a service area print no Service area column."""
    text = render_text(SCHOOL, "objectives-statement", fmt)

    assert "Service area" not in text
    assert "Close the reading gap" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_keeps_an_empty_column_when_the_plan_says_keep(fmt: str) -> None:
    """With `empty_columns: keep` the empty Service area column is printed."""
    text = render_text(KEEP, "objectives-statement", fmt)

    assert "Service area" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_prints_a_service_area_column_one_objective_fills(fmt: str) -> None:
    """One objective with a service area is enough for the column to be printed."""
    text = render_text(FILLED, "objectives-statement", fmt)

    assert "Service area" in text
    assert "Schools and Learning" in text


def test_statement_rows_in_word_span_the_whole_grid_without_the_column() -> None:
    """In Word, the objective cell spans both grid columns when the service area is left out."""
    document = open_docx(equality_docs.render(equality_docs.loads(SCHOOL), kind="objectives-statement", fmt="docx"))
    table = document.tables[0]

    assert [["Objective"], ["Close the reading gap"], ["Reduce bullying"]] == [
        sorted({cell.text for cell in row.cells}) for row in table.rows
    ]
    grid = len(table._tbl.tblGrid.gridCol_lst)  # the generic table's grid: 100 equal columns
    assert [grid] * 3 == [row._tr.tc_lst[0].grid_span for row in table.rows]  # python-docx has no public span


def test_statement_table_in_markdown_has_one_column() -> None:
    """The Markdown table without the service area has one header cell and one rule cell."""
    text = render_text(SCHOOL, "objectives-statement", "md")

    assert "| Objective |\n|---|\n| Close the reading gap |\n| Reduce bullying |\n" in text


THREE_OF_NINE = """
organisation: {name: Riverside Primary School, type: school}
objectives:
  - text: Close the reading gap
    aims: [advance]
    actions:
      - text: Phonics catch-up groups
  - text: Reduce bullying
    aims: [foster]
    actions:
      - text: Anti-bullying week
"""
PLAN_HEADERS = ("General duty aims", "Protected characteristics", "Aim", "Target groups", "Actions", "Lead",
                "Dates", "Milestones and progress")


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_of_text_only_objectives_prints_only_the_objective_column(fmt: str) -> None:
    """Objectives with only text print the objectives plan with no column but Objective."""
    text = render_text(SCHOOL, "objectives-plan", fmt)

    assert [] == [h for h in PLAN_HEADERS if h in text]
    assert "Objective" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_keeps_every_column_when_the_plan_says_keep(fmt: str) -> None:
    """With `empty_columns: keep` the objectives plan prints all nine columns."""
    text = render_text(KEEP, "objectives-plan", fmt)

    assert list(PLAN_HEADERS) == [h for h in PLAN_HEADERS if h in text]


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_prints_the_columns_the_objectives_fill(fmt: str) -> None:
    """A plan filling 3 of the 9 columns prints those 3, the merged duty aims included."""
    text = render_text(THREE_OF_NINE, "objectives-plan", fmt)

    assert ["General duty aims", "Actions"] == [h for h in PLAN_HEADERS if h in text]
    assert "Anti-bullying week" in text


def test_plan_in_word_has_a_grid_of_the_printed_columns() -> None:
    """In Word, every row of the 3-of-9 table has 3 cells that together span the whole grid (the page's width)."""
    data = equality_docs.render(equality_docs.loads(THREE_OF_NINE), kind="objectives-plan", fmt="docx")
    table = open_docx(data).tables[0]
    grid = table._tbl.tblGrid.gridCol_lst  # python-docx has no public grid

    assert [3, 3, 3] == [len(row._tr.tc_lst) for row in table.rows]
    assert {len(grid)} == {sum(tc.grid_span for tc in row._tr.tc_lst) for row in table.rows}
    assert ["General duty aims", "Objective", "Actions"] == table_rows(table)[0]


def test_plan_in_markdown_has_one_rule_cell_per_printed_column() -> None:
    """The Markdown table of the 3-of-9 plan has three header cells and three rule cells."""
    text = render_text(THREE_OF_NINE, "objectives-plan", "md")

    assert "| General duty aims | Objective | Actions |\n|---|---|---|\n" in text
