"""
A column whose body cells are all empty is not printed in the objectives statement's table,
in any format, unless the plan says `empty_columns: keep`.
"""

from __future__ import annotations

import pytest

import equality_docs

from .docxdump import dump, open_docx

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
    assert [2, 2, 2] == [row._tr.tc_lst[0].grid_span for row in table.rows]  # python-docx has no public span


def test_statement_table_in_markdown_has_one_column() -> None:
    """The Markdown table without the service area has one header cell and one rule cell."""
    text = render_text(SCHOOL, "objectives-statement", "md")

    assert "| Objective |\n|---|\n| Close the reading gap |\n| Reduce bullying |\n" in text
