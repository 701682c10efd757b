"""Plan-level actions and measures, columns chosen in the plan, and empty columns left out."""

from __future__ import annotations

import datetime as dt
import html.parser
import re

import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.context.common import date_format
from equality_docs.context.table_fields import rag
from equality_docs.context.tables import fill_header, shares, table_values
from equality_docs.load.progress import apply_progress

from .docxdump import open_docx, table_rows

TRACKER = """
organisation: {name: Anytown Council, type: council}
period: 2024/25
tables:
  actions:
    columns: [ref, text, finish: "By when", owner: "Responsible officer", completed, outcome]
actions:
  - id: publish
    ref: "1"
    text: Publish the equality information
    finish: March 2025
    owner: Jo Bloggs
    completed: Feb 2025
    outcome: Published on the website
  - ref: "2"
    text: Train all managers
    finish: Sept 2025
    owner: HR lead
"""

MEASURES = """
organisation: {name: Anytown Council}
period: 2024/25
reviews: [{on: 2024-12-15, period: Q3 2024/25}]
tables:
  measures:
    columns:
      - ref
      - description
      - baseline
      - targets: "Target {period}"
      - target
      - results
      - rag
      - {field: commentary, header: "Commentary at {as_at}", note: "for {year}"}
""" + """measures:
  - refs: [KPI 1]
    description: Staff who declare a disability
    direction: higher
    baseline: "4%"
    targets: {2023/24: "5%", 2024/25: "6%"}
    target: "8%"
    actuals: {2023/24: "5.5%"}
    commentary: Rising
"""
#: The measure alone, to add to another plan.
KPI = MEASURES[MEASURES.index("measures:\n  - refs"):]


class _Tables(html.parser.HTMLParser):
    """The header and body cell texts of each HTML table, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _md_tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    previous = False
    for line in text.splitlines():
        row = line.startswith("|")
        if row and not previous:
            tables.append([])
        if row and not re.fullmatch(r"\|(---\|)+", line):
            # A group row's mark, a comment Markdown readers do not show, is no part of its text.
            tables[-1].append([c.strip().removeprefix("<!-- group --> ") for c in line.strip("|").split(" |")])
        previous = row
    return tables


def tables_in(plan: m.EqualityPlan, fmt: str, kind: str = "action-plan") -> list[list[list[str]]]:
    """Return every table a document prints, as rows of cell texts, in any format."""
    data = equality_docs.render(plan, kind=kind, fmt=fmt)
    if fmt == "docx":
        return [table_rows(t) for t in open_docx(data).tables]
    if fmt == "html":
        parser = _Tables()
        parser.feed(data.decode("utf-8"))
        return parser.tables
    return _md_tables(data.decode("utf-8"))


FORMATS = ["md", "html", "docx"]


def test_a_plan_of_its_own_actions_is_an_action_plan() -> None:
    """A plan holding only plan-level actions (or only measures) is valid and renders as an action plan."""
    actions = equality_docs.loads(TRACKER)
    measures = equality_docs.loads(MEASURES)

    assert ["action-plan"] == [k.name for k in equality_docs.kinds_for(actions)]
    assert "action-plan" in [k.name for k in equality_docs.kinds_for(measures)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_columns_print_in_the_plans_order_under_its_headers(fmt: str) -> None:
    """The actions table's columns are the plan's, in its order, under its header text, in every format."""
    plan = equality_docs.loads(TRACKER)

    (table,) = tables_in(plan, fmt)

    assert ["Ref.", "Action", "By when", "Responsible officer", "Completed", "Outcome"] == table[0]
    assert ["1", "Publish the equality information", "March 2025", "Jo Bloggs", "Feb 2025",
            "Published on the website"] == table[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_measures_table_spreads_periods_and_fills_header_values(fmt: str) -> None:
    """Targets and results print a column per period; {period}, {as_at} and {year} are filled in headers and notes."""
    plan = equality_docs.loads(MEASURES)

    table = tables_in(plan, fmt)[0]

    assert ["Ref.", "Measure", "Baseline", "Target 2023/24", "Target 2024/25", "Final target",
            "2023/24 result", "RAG rating"] == table[0][:8]
    assert table[0][8].startswith("Commentary at 15 December 2024")
    assert table[0][8].replace("*", "").endswith("for Q3 2024/25")
    assert ["KPI 1", "Staff who declare a disability", "4%", "5%", "6%", "8%", "5.5%", "Green",
            "Rising"] == table[1]


def test_header_values_are_replaced_as_plain_text_only() -> None:
    """Only {period}, {year} and {as_at} are replaced; other braces and Jinja stay as written."""
    values = table_values(equality_docs.loads(MEASURES), date_format(equality_docs.loads(MEASURES)))

    assert "2024/25 {{ plan.title }} {name} Q3 2024/25" == fill_header(
        "{period} {{ plan.title }} {name} {year}", values
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_column_with_nothing_in_it_is_left_out(fmt: str) -> None:
    """A chosen column whose body cells are all empty is not printed."""
    plan = equality_docs.loads(TRACKER.replace("owner: Jo Bloggs", "").replace("owner: HR lead", ""))

    (table,) = tables_in(plan, fmt)

    assert "Responsible officer" not in table[0]
    assert 5 == len(table[0]) == len(table[1])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_plan_can_keep_its_empty_columns(fmt: str) -> None:
    """With `empty_columns: keep`, an empty column is printed, for forms filled in by hand."""
    text = TRACKER.replace("owner: Jo Bloggs", "").replace("owner: HR lead", "")
    plan = equality_docs.loads(text + "empty_columns: keep\n")

    (table,) = tables_in(plan, fmt)

    assert "Responsible officer" in table[0]
    assert ["", ""] == [row[3] for row in table[1:]]


def test_a_table_can_keep_its_empty_columns_alone() -> None:
    """A table's own `empty_columns: keep` keeps its empty columns while the plan's rule holds elsewhere."""
    text = TRACKER.replace("owner: Jo Bloggs", "").replace("owner: HR lead", "").replace(
        '    columns: [ref, text, finish: "By when"', '    empty_columns: keep\n    columns: [ref, text, finish: "By when"'
    )

    (table,) = tables_in(equality_docs.loads(text), "md")

    assert "Responsible officer" in table[0]


def test_default_columns_take_their_headers_from_labels() -> None:
    """With no `columns:`, a table prints its default columns under the plan's labels; empty ones left out."""
    plan = equality_docs.loads(
        "organisation: {name: A}\nlabels: {action_owner: Who, action_finish: Deadline}\n"
        "actions:\n  - {text: Do it, owner: Sam, finish: May 2025}\n"
    )

    (table,) = tables_in(plan, "md")

    assert [["Action", "Deadline", "Who"], ["Do it", "May 2025", "Sam"]] == table


def test_rag_is_derived_from_the_latest_result_else_as_written() -> None:
    """A measure's RAG rating comes from its latest result against target; with none, as written."""
    fmt = date_format(equality_docs.loads(MEASURES))
    measure = m.PerformanceMeasure(
        description="x", direction=m.Direction.LOWER, targets=(m.PeriodValue(period="2023/24", value=m.Quantity("5%")),),
        actuals=(m.PeriodValue(period="2023/24", value=m.Quantity("7%")),), rag="Green",
    )

    assert "Red" == rag(measure, fmt)
    assert "Amber" == rag(m.PerformanceMeasure(description="x", rag="Amber"), fmt)


def test_rag_uses_the_final_target_where_the_period_has_none() -> None:
    """A result in a period with no interim target is judged against the final target."""
    fmt = date_format(equality_docs.loads(MEASURES))
    measure = m.PerformanceMeasure(
        description="x", direction=m.Direction.HIGHER, target=m.Quantity("90%"),
        actuals=(m.PeriodValue(period="2024/25", value=m.Quantity("91%")),),
    )

    assert "Green" == rag(measure, fmt)


def test_progress_files_reach_the_plans_own_actions_and_measures() -> None:
    """A progress review finds plan-level actions by id and measures by reference."""
    plan = equality_docs.loads(TRACKER + KPI)
    review = m.ProgressReview(
        review=m.ReviewInfo(on=dt.date(2025, 1, 10)),
        actions=(m.ItemProgress(id="publish", status=m.Status.COMPLETE),),
        measures=(m.MeasureProgress(ref="KPI 1", actuals=(m.PeriodValue(period="2024/25", value=m.Quantity("6.5%")),)),),
    )

    merged = apply_progress(plan, review)

    assert m.Status.COMPLETE == merged.actions[0].status
    assert m.Quantity("6.5%") == merged.measures[0].actual_for("2024/25")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_annual_report_shows_the_plans_own_actions_and_measures(fmt: str) -> None:
    """The annual report prints plan-level actions' progress and measures' results against targets."""
    plan = equality_docs.loads(TRACKER + "reviews: [{on: 2025-01-10}]\n" + KPI)

    tables = tables_in(plan, fmt, kind="annual-report")
    texts = [" ".join(" ".join(row) for row in table) for table in tables]

    assert any("Publish the equality information" in t and "Feb 2025" in t for t in texts)
    assert any("Staff who declare a disability" in t and "5.5%" in t and "Met" in t for t in texts)


BLOCKS = """
organisation: {name: Riverside Borough Council}
tables:
  objectives:
    columns: [ref, text, status: "RAG"]
  actions:
    columns: [text, owner: "Who", finish: "By when"]
appendices:
  - title: Actions for 2025/26
    outcomes:
      - outcome: Fair access to services
        objectives:
          - ref: "1"
            text: Improve access to housing advice
            actions:
              - {text: Audit the advice pages, owner: Web team, finish: Sept 2025, progress: [{status: on track}]}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_outcome_blocks_take_the_plans_columns(fmt: str) -> None:
    """An outcome block's objectives and actions tables print the columns the plan's `tables:` chooses."""
    objectives, actions = tables_in(equality_docs.loads(BLOCKS), fmt)

    assert [["Ref.", "Objective", "RAG"], ["1", "Improve access to housing advice", "On track"]] == objectives
    assert [["Action", "Who", "By when"], ["Audit the advice pages", "Web team", "Sept 2025"]] == actions


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_outcome_blocks_empty_column_is_left_out(fmt: str) -> None:
    """A chosen column no row of an outcome block's table fills is not printed there."""
    plan = equality_docs.loads(BLOCKS.replace("owner: Web team, ", ""))

    actions = tables_in(plan, fmt)[1]

    assert ["Action", "By when"] == actions[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=40))
def test_column_shares_add_up_exactly(weights: list[int]) -> None:
    """Column widths and spans add up to the whole exactly, none below one."""
    for total in (100, 10000):
        parts = shares(weights, total)
        assert (total, True) == (sum(parts), all(p >= 1 for p in parts))


def test_word_columns_are_sized_by_what_they_hold() -> None:
    """In Word, the action text column is wider than the reference column, and the columns fill the template's grid."""
    document = open_docx(equality_docs.render(equality_docs.loads(TRACKER), kind="action-plan", fmt="docx"))
    widths = [int(col.get(qn("w:w"))) for col in document.tables[0]._tbl.tblGrid.gridCol_lst]

    # The template's grid is 100 columns of 151 twips; each column is as wide as the share of them it spans.
    assert (len(document.tables[0].columns), 100 * 151, 0) == (len(widths), sum(widths), sum(w % 151 for w in widths))
    assert widths[1] > widths[0]


def test_plan_level_tables_captions_open_with_a_capital() -> None:
    """The captions of the plan's own actions and measures tables read "Actions" and "Measures", as a reader expects."""
    plan = equality_docs.loads(TRACKER + "measures:\n  - {description: Staff declaring, targets: {2024/25: 60%}}\n")
    page = equality_docs.render(plan, kind="action-plan", fmt="html").decode("utf-8")

    assert ["Actions", "Measures"] == re.findall(r"<caption>([^<]*)</caption>", page)
