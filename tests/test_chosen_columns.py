"""Every table of every kind takes its columns and header text from the plan's `tables:`."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn
from docx.table import _Cell

import equality_docs

from .docxdump import dump, open_docx
from .fill import fill_for
from .test_tables import FORMATS, tables_in

RISKS = """
organisation: {name: Anytown Council}
tables:
  risks:
    columns: [{field: rating, header: "Score {year}", note: ""}, description, owner: "Responsible officer", ref]
appendices:
  - title: Outcomes
    outcomes:
      - outcome: Stay safe
        objectives:
          - text: Keep children safe
            risks:
              - {ref: R1, description: Budget cut, impact: 4, probability: 3, owner: Finance}
period: 2024/25
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_risks_table_prints_the_plans_columns(fmt: str) -> None:
    """A risks table's columns are the plan's, in its order, under its header text, in every format."""
    (table,) = tables_in(equality_docs.loads(RISKS), fmt)[1:]

    assert ["Score 2024/25", "Risk", "Responsible officer", "Ref."] == table[0]
    assert ["12 High", "Budget cut", "Finance", "R1"] == table[1]


def test_a_chosen_risk_score_column_keeps_its_band_colour() -> None:
    """A risk's score keeps its band's fill in Word wherever the plan puts its column."""
    document = open_docx(equality_docs.render(equality_docs.loads(RISKS), kind="action-plan", fmt="docx"))
    table = document.tables[-1]

    fills = [_Cell(tc, table)._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
             for tc in table.rows[1]._tr.tc_lst]

    assert ["F4B183", "auto", "auto", "auto"] == fills

def test_an_unknown_risks_column_is_refused_with_its_line_and_the_valid_list() -> None:
    """A risks column the table does not have is refused at its line, with the table's fields."""
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.loads("organisation: {name: A}\ntables:\n  risks:\n    columns: [ref, scor]\n")

    assert str(caught.value) == (
        '<input>:4: tables.risks.columns[1]: the risks table has no column "scor" (did you mean "score"? '
        "its columns are: ref, description, impact, probability, score, band, rating, owner, division)"
    )


def test_an_unknown_table_is_refused_with_the_valid_tables() -> None:
    """A table name `tables:` does not know, and close to none, is refused at its line, with every table's name."""
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.loads("organisation: {name: A}\ntables:\n  kpis: {}\n")

    assert "valid fields: objectives, actions, measures, risks, " in str(caught.value)


PROGRESS = """
organisation: {name: Anytown Council}
period: 2024/25
reviews: [{on: 2025-03-31, period: 2024/25}]
tables:
  progress:
    columns: [text, status: "Status at {as_at}", finish, ref: "No."]
objectives:
  - text: Close the pay gap
    actions:
      - {ref: "1.1", text: Publish the gap, finish: March 2025, progress: [{on: 2025-03-31, status: complete}]}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_annual_reports_progress_table_prints_the_plans_columns(fmt: str) -> None:
    """Each objective's actions in the annual report print the plan's `progress:` columns, in order."""
    tables = tables_in(equality_docs.loads(PROGRESS), fmt, kind="annual-report")

    assert [["Action", "Status at 31 March 2025", "Finish", "No."],
            ["Publish the gap", "Complete (Green)", "March 2025", "1.1"]] in tables


REPORT = """
organisation: {name: Anytown Council}
period: 2024/25
tables:
  results:
    columns: [period, actual: "Result ({year})", ref, result]
  characteristic_coverage:
    columns: [name: "Characteristic", objectives]
  aim_coverage:
    columns: [count: "How many", name]
objectives:
  - ref: "Ob 1"
    text: Close the pay gap
    aims: [advance]
    characteristics: [sex]
    measures:
      - {refs: [KPI 1], description: Gender pay gap, direction: lower, targets: {2024/25: "10%"},
         actuals: {2024/25: "9%"}}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_annual_reports_own_tables_print_the_plans_columns(fmt: str) -> None:
    """The annual report's results and coverage tables print the plan's columns, in order, under its headers."""
    tables = tables_in(fill_for("annual-report", equality_docs.loads(REPORT)), fmt, kind="annual-report")

    assert [["Period", "Result (2024/25)", "Ref.", "Result"], ["2024/25", "9%", "KPI 1", "Met"]] in tables
    characteristics = next(t for t in tables if t[0] == ["Characteristic", "Which"])
    assert ["Sex", "Ob 1"] in characteristics
    aims = next(t for t in tables if t[0] == ["How many", "Aim of the general duty"])
    assert ["1", "Advance equality of opportunity"] in aims


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_annual_reports_status_summary_prints_the_plans_columns(fmt: str) -> None:
    """The annual report's status summary prints the plan's `status_summary:` columns, in order."""
    text = PROGRESS.replace("tables:\n", "tables:\n  status_summary:\n    columns: [actions, status: Rating]\n")

    tables = tables_in(equality_docs.loads(text), fmt, kind="annual-report")

    assert [["Actions", "Rating"], ["1", "Complete (Green)"]] in tables


def test_a_chosen_status_column_keeps_its_colour() -> None:
    """A status keeps its rating's fill in Word wherever the plan puts its column."""
    text = PROGRESS.replace("tables:\n", "tables:\n  status_summary:\n    columns: [actions, status]\n")
    table = open_docx(equality_docs.render(equality_docs.loads(text), kind="annual-report", fmt="docx")).tables[0]

    fills = [_Cell(tc, table)._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))
             for tc in table.rows[1]._tr.tc_lst]

    assert "auto" == fills[0]
    assert fills[1] not in ("auto", None)


_BLOCKS = """
organisation: {name: Riverside NHS Trust, type: other}
tables: {plan: {columns: [objective, actions, owners, blocks]}}
objectives:
  - text: Patients can reach every clinic
    aims: [advance]
    characteristics: [disability]
    themes: [Step-free access]
    actions: [{text: Audit the booking system, owner: Head of Patient Experience}, {text: Install hearing loops, owner: Estates}]
  - text: Staff feel well at work
    aims: [advance]
    characteristics: [disability]
    themes: [Step-free access]
    actions: [{text: Launch a wellbeing passport, owner: HR}]
"""


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_blocks_column_prints_once_per_objective(fmt: str) -> None:
    """An objective's `blocks` cell prints once, on its first row (merged down over its actions' rows in Word), never again beside its later actions."""
    data = equality_docs.render(equality_docs.loads(_BLOCKS), kind="objectives-plan", fmt=fmt)
    text = dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")

    assert 2 == text.count("Step-free access")  # once for each objective, not again beside "Install hearing loops"
