"""Grouping printed as rows of one table (`grouping: {show: rows}`), and the tables of objectives in the plan's columns."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn

import equality_docs
from equality_docs import model as m

from .docxdump import open_docx
from .test_tables import FORMATS, tables_in

ROWS = """
organisation: {name: Riverside Primary School, type: school}
reviews: [{on: 2025-07-20, period: 2024/25}]
grouping: {by: audience, order: [Staff, Governors, Pupils], empty: Nothing planned this year, show: rows}
objectives:
  - text: Close the reading gap
    ref: O1
    service_area: English
    target_groups: [Pupils]
    evidence: [Reading scores]
    actions: [{text: Buy books, owner: English lead, finish: 2025-12-01}]
    progress: [{on: 2025-07-20, status: on track}]
  - text: Flexible working for all staff
    ref: O2
    target_groups: [Staff, Pupils]
    actions: [{text: Ask staff, owner: Head}, {text: Change the policy, owner: Governors}]
    progress: [{on: 2025-07-20, status: at risk}]
"""


def _first_cells(table: list[list[str]]) -> list[str]:
    return [row[0] for row in table]


def test_show_is_read_and_refused_with_a_suggestion() -> None:
    """`show: rows` is read; a misspelt value is refused at its line with the valid values and a suggestion."""
    plan = equality_docs.loads(ROWS)
    assert plan.grouping is not None

    assert m.GroupShow.ROWS == plan.grouping.show
    with pytest.raises(equality_docs.errors.InputError) as raised:
        equality_docs.loads(ROWS.replace("show: rows", "show: rowz"))
    message = str(raised.value)
    assert "grouping.show" in message and "headings, rows" in message and '"rows"' in message


def test_show_defaults_to_headings() -> None:
    """A grouping written as just its key shows its groups as headings."""
    plan = equality_docs.loads(ROWS.replace("grouping: {by: audience,", "grouping: audience\nx: {").split("\nx:")[0]
                               + ROWS.split("show: rows}")[1])
    assert plan.grouping is not None

    assert m.GroupShow.HEADINGS == plan.grouping.show


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_grouped_as_rows_prints_one_table_with_group_rows(fmt: str) -> None:
    """The objectives statement grouped as rows prints one table: each group's row over its objectives' rows."""
    (table,) = tables_in(equality_docs.loads(ROWS), fmt, kind="objectives-statement")

    expected = ["Objective", "Staff", "O2: Flexible working for all staff", "Governors", "Pupils",
                "O1: Close the reading gap", "O2: Flexible working for all staff"]
    assert len(expected) == len(table)
    assert all(cell.strip("*").startswith(text) for text, cell in zip(expected, _first_cells(table), strict=True))
    assert "Nothing planned this year" in table[3][0]


def test_statement_group_rows_are_headers_in_html() -> None:
    """In HTML a group row is one header cell across the table, scoped to the rows under it."""
    html = equality_docs.render(equality_docs.loads(ROWS), kind="objectives-statement", fmt="html").decode()

    assert '<th colspan="2" scope="colgroup">Staff</th>' in html
    assert '<th colspan="2" scope="colgroup">Governors<br>\nNothing planned this year</th>' in html
    assert html.count("<table>") == 1


def test_statement_group_rows_in_word_span_the_table_in_bold_under_a_repeating_header() -> None:
    """In Word a group row is one bold, shaded cell across the table; the header row repeats on each page."""
    document = open_docx(equality_docs.render(equality_docs.loads(ROWS), kind="objectives-statement", fmt="docx"))
    (table,) = document.tables
    header, staff = table.rows[0]._tr, table.rows[1]._tr

    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert 1 == len(staff.tc_lst)
    assert "Staff" == staff.tc_lst[0].xpath("string(.)")
    assert staff.tc_lst[0].find(f".//{qn('w:b')}") is not None
    assert staff.tc_lst[0].find(f".//{qn('w:shd')}") is not None


BOLD_OUTCOME = ROWS.replace(
    "{text: Ask staff, owner: Head}", '{text: Ask staff, outcome: "**All staff may ask to work flexibly**"}'
) + """
tables:
  progress:
    columns: [outcome, ref]
"""


def test_an_objective_all_in_bold_with_empty_cells_stays_a_data_row_in_html() -> None:
    """In HTML a cell written all in bold, its row's other cells empty, stays a data cell; a group's row is a header cell."""
    plan = equality_docs.loads(BOLD_OUTCOME)
    markdown = equality_docs.render(plan, kind="annual-report", fmt="md").decode()
    html = equality_docs.render(plan, kind="annual-report", fmt="html").decode()

    # The empty ref column is left out, so the bold cell is its row's only cell: the guess the mark replaced.
    assert "| **All staff may ask to work flexibly** |" in markdown.splitlines()
    assert 2 == html.count("<tr>\n<td><strong>All staff may ask to work flexibly</strong></td>\n</tr>")
    assert "scope=\"colgroup\">All staff" not in html
    assert '<th colspan="1" scope="colgroup">Staff</th>' in html
    assert "\x1f" not in html and "group --" not in html


STATEMENT_COLUMNS = ROWS.replace("show: rows", "show: headings") + """
tables:
  statement:
    columns: [ref, service_area: "Lead service", text: "Objective ({year})", blocks: Evidence]
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_prints_the_plans_columns_in_order_under_its_headers(fmt: str) -> None:
    """The objectives statement's table prints the plan's columns, in order, under its header text."""
    tables = tables_in(equality_docs.loads(STATEMENT_COLUMNS), fmt, kind="objectives-statement")

    assert ["Ref.", "Lead service", "Objective (2024/25)", "Evidence"] == tables[-1][0]
    row = tables[-1][1]
    assert ["O1", "English", "Close the reading gap"] == row[:3]
    assert "Reading scores" in row[3]


@pytest.mark.parametrize("fmt", FORMATS)
def test_objectives_plan_grouped_as_rows_prints_one_table_with_group_rows(fmt: str) -> None:
    """The objectives plan grouped as rows prints one table: each group's row over its objectives' action rows."""
    (table,) = tables_in(equality_docs.loads(ROWS), fmt, kind="objectives-plan")

    firsts = [row[0].strip("*") for row in table]
    assert firsts[1].startswith("Staff") and firsts[4].startswith("Governors") and firsts[5].startswith("Pupils")
    assert "Nothing planned this year" in firsts[4]
    actions = [cell for row in table for cell in row if cell in ("Ask staff", "Change the policy", "Buy books")]
    assert ["Ask staff", "Change the policy", "Buy books", "Ask staff", "Change the policy"] == actions


PLAN_COLUMNS = ROWS.replace("show: rows", "show: headings") + """
tables:
  plan:
    columns: [actions: "What we will do", owners: Lead, objective: "Objective {year}", blocks: Evidence]
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_objectives_plan_prints_the_plans_columns_in_order_under_its_headers(fmt: str) -> None:
    """The objectives plan's table prints the plan's columns, in order, under its header text."""
    tables = tables_in(equality_docs.loads(PLAN_COLUMNS), fmt, kind="objectives-plan")

    assert ["What we will do", "Lead", "Objective 2024/25", "Evidence"] == tables[-1][0]
    assert ["Buy books", "English lead", "O1: Close the reading gap"] == tables[-1][1][:3]
    assert "Reading scores" in tables[-1][1][3]


def test_objectives_plan_merges_an_objectives_cell_over_its_action_rows_in_word() -> None:
    """In Word the objective's cell, wherever the plan puts its column, is merged down over its actions' rows."""
    document = open_docx(equality_docs.render(equality_docs.loads(PLAN_COLUMNS), kind="objectives-plan", fmt="docx"))
    staff = document.tables[0]
    merges = [row._tr.tc_lst[2].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") for row in staff.rows[1:]]

    assert ["restart", None] == [m_.get(qn("w:val")) for m_ in merges]  # a bare mark continues the merge


PRIORITIES = """
organisation: {name: Anytown Council}
period: 2024/25
tables:
  priorities:
    columns: [finish: "By {year}", ref, text: Objective, owner]
appendices:
  - title: Priorities
    priorities:
      - title: Engagement
        objectives:
          - {ref: Ob 1, text: Talk to families, owner: Head of service, finish: 2025-03-31}
      - title: Employees
        objectives:
          - {ref: Ob 2, text: Train every manager, owner: HR lead, finish: March 2026}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_priorities_table_prints_the_plans_columns_under_each_priority_row(fmt: str) -> None:
    """The priorities table prints the plan's columns in order under its headers, each priority a row over its objectives."""
    (table,) = tables_in(equality_docs.loads(PRIORITIES), fmt)

    assert ["By 2024/25", "Ref.", "Objective", "Lead"] == table[0]
    assert table[1][0].strip("*") == "Priority 1. Engagement"
    assert ["31 March 2025", "Ob 1", "Talk to families", "Head of service"] == table[2]
    assert table[3][0].strip("*") == "Priority 2. Employees"
    assert ["March 2026", "Ob 2", "Train every manager", "HR lead"] == table[4]


INFORMATION = """
organisation: {name: Hollybank Primary School, type: school}
reviews: [{on: 2025-07-20, period: 2024/25}]
objectives: [{text: Close the reading gap, progress: [{on: 2025-07-20, status: on track}]}]
information:
  - title: Pupils by sex
    columns: [Girls, Boys]
    rows: [{label: Year 1, values: [30, 31]}, {label: Year 2, values: [28, 33]}]
tables:
  information:
    columns: [boys: Male, group: Year group, total]
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_information_tables_print_the_plans_columns_by_the_datas_headers(fmt: str) -> None:
    """An information table prints the data's columns the plan names, in its order and words; others are left out."""
    tables = tables_in(equality_docs.loads(INFORMATION), fmt, kind="annual-report")
    table = next(t for t in tables if t[0][0] == "Male")

    assert [["Male", "Year group", "Total"], ["31", "Year 1", "61"], ["33", "Year 2", "61"],
            ["64", "Total", "122"]] == table


def test_an_information_column_no_table_has_is_refused_with_a_suggestion() -> None:
    """A column of `tables: information:` that no information table has is refused at its line, with a suggestion."""
    with pytest.raises(equality_docs.errors.InputError) as raised:
        equality_docs.loads(INFORMATION.replace("boys: Male", "bois: Male"))

    message = str(raised.value)
    assert '<input>:11: tables.information.columns[0]: no information table has a column "bois"' in message
    assert 'did you mean "Boys"?' in message


@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_report_grouped_as_rows_prints_one_progress_table_with_group_rows(fmt: str) -> None:
    """The annual report grouped as rows prints its progress as one table: group rows over each objective's actions."""
    tables = tables_in(equality_docs.loads(ROWS), fmt, kind="annual-report")
    table = next(t for t in tables if t[0][:2] == ["Objective", "Objective status"])

    firsts = [re.split(r"<br>|\n| Nothing", row[0])[0].strip("*") for row in table]
    firsts = [f or firsts[i - 1] for i, f in enumerate(firsts)]  # Word merges the objective's cell down
    assert ["Staff", "O2: Flexible working for all staff", "O2: Flexible working for all staff", "Governors",
            "Pupils", "O1: Close the reading gap", *["O2: Flexible working for all staff"] * 2] == firsts[1:]
    assert "Nothing planned this year" in table[4][0]
    assert ["Ask staff", "Change the policy"] == [table[2][2], table[3][2]]


def test_annual_report_progress_table_may_name_the_objective_in_headings_mode() -> None:
    """Grouped under headings, each objective's progress table may print the objective and its status as columns."""
    text = ROWS.replace("show: rows", "show: headings") + "tables:\n  progress:\n    columns: [objective_status, text]\n"
    tables = tables_in(equality_docs.loads(text), "md", kind="annual-report")

    assert [["Objective status", "Action"], ["At risk (Amber)", "Ask staff"],
            ["At risk (Amber)", "Change the policy"]] in tables


SECTION_BETWEEN = ROWS + """
sections:
  - {title: Working with partners, body: We work with the council., place: {after: O2}}
"""


@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan"])
def test_a_section_between_objectives_cuts_the_table_of_group_rows(kind: str) -> None:
    """Grouped as rows, a table is cut at a section placed after an objective; the next group's row opens the rest."""
    text = equality_docs.render(equality_docs.loads(SECTION_BETWEEN), kind=kind, fmt="md").decode()
    tables = tables_in(equality_docs.loads(SECTION_BETWEEN), "md", kind=kind)

    assert 2 == len(tables)
    assert tables[0][1][0] == "**Staff**" and tables[1][1][0].startswith("**Governors**")
    assert text.index("Working with partners") < text.index("**Governors**")
