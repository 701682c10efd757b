"""Information tables' chosen columns, and headers whose placeholders have nothing to fill them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.context.tables import TableValues, fill_header

from .test_tables import FORMATS, tables_in

INFORMATION = """
organisation: {name: Hexley Valley National Park Authority}
period: 2025/26
reviews: [{on: 2026-03-31, period: 2025/26}]
objectives: [{text: Welcome every visitor, progress: [{on: 2026-03-31, status: on track}]}]
information:
  - title: Staff by sex
    columns: [Female, Male]
    rows: [{label: Rangers, values: [12, 18]}, {label: Office, values: [40, 25]}]
  - title: Visitors by age band
    columns: [Under 25, 55 and over]
    rows: [{label: "2024", values: [9, 60]}]
tables:
  information:
    columns: [COLUMNS]
"""


def _table(columns: str, fmt: str, first: str) -> list[list[str]]:
    plan = equality_docs.loads(INFORMATION.replace("COLUMNS", columns))
    return next(t for t in tables_in(plan, fmt, kind="annual-report") if t[0][0] == first or t[1][0] == first)


@pytest.mark.parametrize("fmt", FORMATS)
def test_information_headers_fill_year_and_as_at(fmt: str) -> None:
    """`{year}` and `{as_at}` in an information table's headers are filled as in every other table."""
    table = _table('group: "Group ({year})", Female: "Women at {as_at}", total', fmt, "Rangers")

    assert ["Group (2025/26)", "Women at 31 March 2026", "Total"] == table[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_with_none_of_the_chosen_columns_keeps_its_own(fmt: str) -> None:
    """An information table that has none of the chosen data columns prints all its own, never an empty table."""
    table = _table("Female, Male", fmt, "2024")

    assert [["Group", "Under 25", "55 and over", "Total"], ["2024", "9", "60", "69"], ["Total", "9", "60", "69"]] == table


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_table_with_only_its_group_chosen_keeps_its_figures(fmt: str) -> None:
    """Choosing only `group` (and `total`) does not reduce a table to its row labels: its figures print too."""
    table = _table('group: "Band", total', fmt, "2024")

    assert [["Band", "Under 25", "55 and over", "Total"], ["2024", "9", "60", "69"], ["Total", "9", "60", "69"]] == table


@pytest.mark.parametrize("fmt", FORMATS)
def test_row_labels_print_first_when_the_plan_leaves_out_group(fmt: str) -> None:
    """Without a `group` column the row labels (and "Total") still print, first, so the figures can be read."""
    table = _table("Male, total", fmt, "Rangers")

    assert [["Group", "Male", "Total"], ["Rangers", "18", "30"], ["Office", "25", "65"],
            ["Total", "43", "95"]] == table


def test_a_placeholder_with_no_value_is_dropped_with_its_aside() -> None:
    """A placeholder with nothing to fill it goes with its bracketed aside or its lead-in words, tidily."""
    empty = TableValues(period="2025/26")

    assert "When" == fill_header("When (as at {as_at})", empty)
    assert "Lead" == fill_header("Lead in {year}", empty)
    assert "Status - 2025/26" == fill_header("Status at {as_at} - {period}", empty)


def test_a_header_left_empty_is_the_fields_default() -> None:
    """A header that is only a placeholder with no value prints the field's default header."""
    assert "Lead" == fill_header("{as_at}", TableValues(), default="Lead")


def test_a_rendered_header_drops_the_unfilled_placeholder() -> None:
    """With no progress review, "When (as at {as_at})" prints "When" in the objectives plan, not "When (as at )"."""
    plan = equality_docs.loads("""
organisation: {name: Anytown Council}
period: 2025/26
objectives: [{ref: OB1, text: Talk to families, actions: [{text: Hold a forum, owner: Jo, finish: Mar 2026}]}]
tables: {plan: {columns: [objective, actions, dates: "When (as at {as_at})", owners: "{as_at}"]}}
""")
    (table,) = tables_in(plan, "md", kind="objectives-plan")

    assert "When" in table[0]
    assert not any("(" in header or not header for header in table[0])


STATEMENT = """
organisation: {name: Anytown Council}
period: 2025/26
objectives: [{ref: OB1, text: Talk to families, success_criteria: [Forum held]}]
tables:
  statement:
    columns: [COLUMNS]
"""


@pytest.mark.parametrize(("columns", "where", "what"), [
    ("text, text, owner", "columns[1]", '"text" twice (first as columns[0])'),
    ("text, owner, owner: Lead", "columns[2]", '"owner" twice (first as columns[1])'),
])
def test_a_column_listed_twice_is_refused_at_its_line(columns: str, where: str, what: str) -> None:
    """A table's column listed twice is refused at load, with the file's line and the column's place."""
    with pytest.raises(equality_docs.errors.InputError) as raised:
        equality_docs.loads(STATEMENT.replace("COLUMNS", columns))

    assert f"<input>:7: tables.statement.{where}: the statement table lists the column {what}" in str(raised.value)


def test_an_information_column_listed_twice_in_any_case_is_refused() -> None:
    """Two `total` columns (or "Female" and "female") in `tables: information:` are refused at load."""
    with pytest.raises(equality_docs.errors.InputError) as raised:
        equality_docs.loads(INFORMATION.replace("COLUMNS", "Female, female: Women, total, total"))

    message = str(raised.value)
    assert 'tables.information.columns[1]: the information table lists the column "female" twice' in message
    assert 'tables.information.columns[3]: the information table lists the column "total" twice' in message


@pytest.mark.parametrize(("table", "columns", "naming"), [
    ("statement", "blocks", "text"), ("statement", "ref, blocks", "text"), ("plan", "actions, owners", "objective"),
])
def test_a_table_without_the_objective_is_refused(table: str, columns: str, naming: str) -> None:
    """An objectives statement or plan table whose columns leave out the objective's wording is refused at load."""
    with pytest.raises(equality_docs.errors.InputError) as raised:
        equality_docs.loads(STATEMENT.replace("statement:", f"{table}:").replace("COLUMNS", columns))

    assert f'tables.{table}.columns: the {table} table has no "{naming}" column' in str(raised.value)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_blocks_cell_starts_with_its_first_heading(fmt: str) -> None:
    """A `blocks` column's cell starts with its first block's heading, not an empty line."""
    plan = equality_docs.loads(STATEMENT.replace("COLUMNS", "text, blocks"))
    data = equality_docs.render(plan, kind="objectives-statement", fmt=fmt).decode("utf-8")

    assert ("| **Success criteria**<br>• Forum held |" if fmt == "md" else "<td><strong>Success criteria</strong><br>") in data
    assert "<td><br>" not in data and "| <br>" not in data


def test_check_warns_of_a_header_placeholder_with_no_value(tmp_path: Path) -> None:
    """`check` warns (EQ160) of a header naming `{as_at}` with no progress review, at the column's line, with the fix."""
    from equality_docs.check import Severity, check_plan
    from equality_docs.load import load_with_lines

    path = tmp_path / "plan.yaml"
    path.write_text(STATEMENT.replace("COLUMNS", 'text, owner: "Lead at {as_at}"'), encoding="utf-8")
    plan, lines = load_with_lines(path)
    found = [f for f in check_plan(plan, on=dt.date(2025, 6, 1), lines=lines) if f.code == "EQ160"]

    assert [("tables.statement.columns[1]", 7, Severity.WARNING)] == [(f.path, f.line, f.severity) for f in found]
    assert "'Lead at {as_at}'" in found[0].message
    assert "progress file" in found[0].hint and "take {as_at} out of the header" in found[0].hint


def test_check_is_quiet_when_every_placeholder_has_a_value() -> None:
    """A header whose placeholders the plan fills (its period; a per-period measures column's own) gives no EQ160."""
    from equality_docs.check import check_plan

    plan = equality_docs.loads(STATEMENT.replace("COLUMNS", 'text, owner: "Lead in {year} ({period})"'))

    assert [] == [f for f in check_plan(plan, on=dt.date(2025, 6, 1)) if f.code == "EQ160"]


def test_a_column_listed_twice_is_refused_when_the_plan_is_built_in_python() -> None:
    """Building a plan in Python with a column listed twice is refused at once, at its path, in the loader's words."""
    with pytest.raises(equality_docs.errors.ModelError) as raised:
        m.EqualityPlan(
            organisation=m.Organisation(name="Anytown Council"),
            tables={"statement": {"columns": ["text", "owner", "owner"]}},  # type: ignore[arg-type]  # converted as a file's mapping
        )

    assert (
        'EqualityPlan.tables.statement.columns[2]: the statement table lists the column "owner" twice'
        ' (first as columns[1]); list each column once'
    ) in str(raised.value)


def test_tables_built_in_python_refuse_an_information_column_twice_in_any_case() -> None:
    """`Tables` itself refuses "Female" and "female" as information columns, naming the second's place."""
    with pytest.raises(equality_docs.errors.ModelError) as raised:
        m.Tables(information=m.TableSpec(columns=(m.Column(field="Female"), m.Column(field="female"))))

    assert ("Tables", ("information", "columns", 1)) == (raised.value.owner, raised.value.path)
