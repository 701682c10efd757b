"""
Every table as one generic view: the columns the plan chose (or the table's defaults), their
headers, and one row of cells per item; a column with nothing in it is left out here, once, so
no renderer decides it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from equality_docs.context.children import ChildView
from equality_docs.context.common import (
    DateFormat,
    date_text,
    opening_capital,
    text,
)
from equality_docs.context.risk_cells import risk_cells, risk_fill, risk_header
from equality_docs.context.table_fields import (
    Cell,
    action_cells,
    measure_cells,
    measure_periods,
    objective_cells,
)
from equality_docs.context.widths import TABLE_WIDTH, column_weights, shares
from equality_docs.model import (
    EmptyColumns,
    EqualityPlan,
    Labels,
    TableSpec,
)
from equality_docs.model.tables import DEFAULT_COLUMNS, PLACEHOLDER, ROWS_OF
from equality_docs.model.values import Prose


@attrs.frozen(kw_only=True)
class ColumnView:
    """A printed column: the field it shows, its header and the note under the header ("" for none)."""

    key: str
    header: str
    note: str = ""
    #: The column's share of the table's width, in ten-thousandths: a table's widths add up to 10000.
    width: int = 0
    #: The same share in hundredths, at least 1: a table's spans add up to 100, so a Word table
    #: of 100 equal grid columns gives each header cell `{% colspan c.span %}` of them (the
    #: renderer then makes the grid a column per header cell, as wide as the columns it spans).
    span: int = 1


@attrs.frozen(kw_only=True)
class CellView:
    """A body cell: its text, and whether that text is Markdown prose (printed as paragraphs in Word)."""

    text: str | Prose
    prose: bool = False
    #: The cell's fill colour as hex RGB (a risk's band behind its score), "" for none.
    fill: str = ""
    #: Blocks printed under the text in the same cell (an objective's evidence, targets...), each a
    #: bold heading over its items: paragraphs in Word, `<br>`-separated lines in Markdown.
    blocks: tuple[ChildView, ...] = ()
    #: Whether Word merges the cell with equal cells above it in its column (an objective's cells
    #: over its actions' rows); Markdown and HTML repeat the text, which reads the same aloud.
    merge: bool = False
    #: Whether the cell repeats the one above for the same item (an objective's `blocks` cell on its
    #: later actions' rows): Word merges it into that cell, and Markdown and HTML leave its blocks out.
    again: bool = False
    #: Its column's `span`, for a Word template that spans every cell (`{% colspan cell.span %}`);
    #: the shipped ones span the header's cells only.
    span: int = 1


@attrs.frozen(kw_only=True)
class RowView:
    """
    One item's row: a cell per printed column, in the columns' order; or a group's row (`group`
    set, no cells), printed across every column in bold and shaded, over its group's rows, with
    its nil return (`empty`) under its name when the group has no rows.
    """

    cells: tuple[CellView, ...]
    group: str = ""
    empty: str = ""


@attrs.frozen(kw_only=True)
class TableView:
    """A table as every format prints it: a heading over it, its accessible caption, columns and rows."""

    name: str
    heading: str
    caption: str
    columns: tuple[ColumnView, ...]
    rows: tuple[RowView, ...]


@attrs.frozen(kw_only=True)
class TableValues:
    """What a header may name: `{period}`, `{year}` and `{as_at}`, and the periods of per-period columns."""

    period: str = ""
    year: str = ""
    as_at: str = ""
    periods: tuple[str, ...] = ()
    fmt: DateFormat = DateFormat()


#: Words that lead into a placeholder ("as at", "in"): dropped with it when it has no value.
_LEAD_IN = r"(?:\b(?:as at|at|in|on|for|of|from|by|to|during|until)\s+)*"


def _drop(header: str, name: str) -> str:
    """Return a header without the placeholder `name`: its bracketed aside, else it and the words leading into it."""
    token = re.escape(f"{{{name}}}")
    aside = re.compile(rf"\s*[(\[][^()\[\]]*{token}[^()\[\]]*[)\]]")
    header = aside.sub("", header)
    return re.sub(rf"\s*{_LEAD_IN}{token}", "", header, flags=re.IGNORECASE)


def fill_header(header: str, values: TableValues, period: str | None = None, *, default: str = "") -> str:
    """
    Return a header with the known names replaced by plain string replacement (never a template).
    A name with no value ("{as_at}" with no progress review) is dropped with its bracketed aside
    or the words leading into it ("When (as at {as_at})" prints "When", "Lead in {year}" "Lead");
    a header left with nothing in it is `default` (the field's own header).
    """
    if "{" not in header:  # (most headers name nothing)
        return header
    known = {"period": values.period if period is None else period, "year": values.year, "as_at": values.as_at}
    for name in dict.fromkeys(m.group(1) for m in PLACEHOLDER.finditer(header) if not known[m.group(1)]):
        header = " ".join(_drop(header, name).split()).strip(" -\u2013\u2014:,;/")
        if not header:
            return default
    return PLACEHOLDER.sub(lambda m: known[m.group(1)], header)


def table_values(plan: EqualityPlan, fmt: DateFormat, periods: tuple[str, ...] = ()) -> TableValues:
    """Return the values a header may name: the plan's period, the latest review's period and date."""
    period = date_text(plan.period, fmt)
    review = plan.reviews[-1] if plan.reviews else None
    year = date_text(review.period, fmt) if review is not None and review.period else period
    as_at = date_text(review.on, fmt) if review is not None else ""
    return TableValues(period=period, year=year, as_at=as_at, periods=periods, fmt=fmt)


# -- Headers a table prints when neither `tables:` nor `labels:` names them. -----------------------

_OBJECTIVE_HEADERS = {
    "aim": "Aim", "duty_link": "General duty aims", "characteristics": "Protected characteristics",
    "target_groups": "Target groups", "division": "Division", "dates": "Dates", "status": "Status",
    "outcome": "Planned outcome",
}
_ACTION_HEADERS = {
    "division": "Division", "dates": "Dates", "status": "Status", "completed": "Completed",
    "outcome": "Outcome", "progress": "Progress", "milestones": "Milestones",
}
_MEASURE_HEADERS = {
    "unit": "Unit", "baseline": "Baseline", "baseline_on": "Baseline date", "target": "Final target",
    "results": "{period} result", "latest_result": "Latest result", "rag": "RAG rating",
    "commentary": "Commentary",
}


def default_header(table: str, field: str, labels: Labels) -> tuple[str, str]:
    """Return a column's header and note from the plan's labels, else the neutral default."""
    if table == "measures" and field in ("targets", "target", "results"):
        # `measure_target` is the word after each period ("2012/13 target"), not a column's title.
        headers = {"targets": f"{{period}} {labels.measure_target}", **_MEASURE_HEADERS}
        return headers[field], ""
    singular = {"objectives": "objective", "actions": "action", "measures": "measure"}[table]
    header = getattr(labels, f"{singular}_{field}", None)
    note = getattr(labels, f"{singular}_{field}_note", "")
    if not isinstance(header, str):
        header = {"objectives": _OBJECTIVE_HEADERS, "actions": _ACTION_HEADERS}.get(table, _MEASURE_HEADERS)[field]
    return header, note if isinstance(note, str) else ""


# -- The one builder. ---------------------------------------------------------------------------------

def _cell(value: Cell | CellView, fill: str = "") -> CellView:
    if isinstance(value, CellView):
        return attrs.evolve(value, fill=fill) if fill else value
    return CellView(text=value, prose=isinstance(value, Prose) and bool(value.strip()), fill=fill)


def _column(values: tuple[Cell | CellView, ...], fills: tuple[str, ...]) -> tuple[CellView, ...]:
    """Return a column's cells: equal texts (of one kind, plain or Markdown) with equal fills are one cell, made once."""
    made: dict[tuple[type, str, str], CellView] = {}
    result = []
    for value, fill in zip(values, fills, strict=True):
        if isinstance(value, CellView):
            result.append(_cell(value, fill))
            continue
        key = (type(value), value, fill)
        cell = made.get(key)
        if cell is None:
            cell = made[key] = _cell(value, fill)
        result.append(cell)
    return tuple(result)


def build_table(
    name: str,
    items: tuple[object, ...],
    *,
    plan: EqualityPlan,
    values: TableValues,
    heading: str,
    caption: str,
    defaults: tuple[str, ...] | None = None,
    periods: tuple[str, ...] | None = None,
    field_cells: Mapping[str, Callable[[Any], Cell | CellView]] | None = None,
    field_headers: Mapping[str, str] | None = None,
    field_fills: Mapping[str, Callable[[Any], str]] | None = None,
) -> TableView:
    """
    Return a table's view: the plan's columns for it (else the defaults), their headers with the
    known values filled in, one row per item; a column whose cells are all empty is left out unless
    the table or the plan keeps empty columns. `defaults` replaces the table's usual default columns
    where a document shows other fields (the annual report shows actions' status and progress);
    `periods` gives the per-period columns where several tables share them (an appendix's).
    `field_cells` and `field_headers` replace fields' getters and default headers where a document prints
    them its own way (the annual report's status with its rating in words); `field_fills` gives a
    field's cell colours (a status's rating).
    """
    spec: TableSpec | None = getattr(plan.tables, name)
    chosen = [(c.field, c.header, c.note) for c in spec.columns] if spec and spec.columns else [
        (field, None, None) for field in (defaults or DEFAULT_COLUMNS[name])
    ]
    makers: dict[str, Callable[[DateFormat], Mapping[str, Callable[[Any], Cell]]]] = {
        "objectives": objective_cells, "actions": lambda fmt: action_cells(fmt, plan.labels.milestone_done),
        "measures": measure_cells,
        "risks": lambda _: risk_cells(plan.risk_scale),
    }
    rows = ROWS_OF.get(name, name)
    getters: dict[str, Callable[[Any], Cell | CellView]] = {
        **(makers[rows](values.fmt) if rows in makers else {}), **(field_cells or {}),
    }
    columns: list[ColumnView] = []
    cells: list[tuple[Cell | CellView, ...]] = []
    fills: list[tuple[str, ...]] = []
    for field, header, note in chosen:
        if field_headers is not None and field in field_headers:
            default, default_note = field_headers[field], ""
        elif rows == "risks":
            default, default_note = risk_header(field, plan.labels, plan.risk_scale)
        else:
            default, default_note = default_header(rows, field, plan.labels)
            # A table of another table's items (the statement's objectives) takes its header words, not its notes.
            default_note = default_note if rows == name else ""
        written = default if header is None else header
        note_text = default_note if note is None else note
        if rows == "measures" and field in ("targets", "results"):
            shared = periods if periods is not None and field == "targets" else None
            for period in shared or measure_periods(items, field, values.fmt):  # type: ignore[arg-type]  # measures
                shown = date_text(period, values.fmt)
                title = written if "{period}" in written else f"{{period}} {written}"
                columns.append(ColumnView(key=f"{field}:{period}", header=fill_header(title, values, shown),
                                          note=fill_header(note_text, values, shown)))
                pick = "target_for" if field == "targets" else "actual_for"
                cells.append(tuple(text(getattr(m, pick)(period)) for m in items))
                fills.append(("",) * len(items))
            continue
        columns.append(ColumnView(key=field, header=fill_header(written, values, default=fill_header(default, values)),
                                  note=fill_header(note_text, values)))
        cells.append(tuple(getters[field](item) for item in items))
        fill = (field_fills or {}).get(field)
        fills.append(tuple(
            risk_fill(field, item, plan.risk_scale) if rows == "risks"  # type: ignore[arg-type]  # risks
            else fill(item) if fill is not None else ""
            for item in items
        ))
    keep = (spec.empty_columns if spec and spec.empty_columns else plan.empty_columns) is EmptyColumns.KEEP
    return assemble(
        name, heading, caption, columns,
        [_column(column, fill) for column, fill in zip(cells, fills, strict=True)],
        keep=keep, count=len(items),
    )


def assemble(
    name: str,
    heading: str,
    caption: str,
    columns: list[ColumnView],
    cells: list[tuple[CellView, ...]],
    *,
    keep: bool,
    count: int,
    weights: list[int] | None = None,
) -> TableView:
    """
    Return a table's view from its columns and each column's cells (as many rows as the columns
    hold; `count` rows where no column is kept): a column whose cells are all empty is left out
    unless `keep`, and the columns kept share the width (by `weights`, one per column, where
    given; else by what each column holds).
    Every table of every kind is made here, so every format leaves out the same columns.
    """
    kept = [i for i, column in enumerate(cells) if keep or any(str(c.text).strip() or c.blocks for c in column)]
    weights = [weights[i] for i in kept] if weights else column_weights([columns[i].key.split(":")[0] for i in kept])
    sized = list(zip(kept, shares(weights, TABLE_WIDTH), column_spans(weights), strict=True))
    spanned = [_spanned(cells[i], n) for i, _, n in sized]
    return TableView(
        name=name,
        heading=heading,
        caption=caption,
        columns=tuple(attrs.evolve(columns[i], width=w, span=n) for i, w, n in sized),
        rows=tuple(RowView(cells=row) for row in zip(*spanned, strict=True)) if spanned else (
            tuple(RowView(cells=()) for _ in range(count))
        ),
    )


def column_spans(weights: list[int]) -> list[int]:
    """Return the span of each column a table prints, by their weights (a table's made with all its columns kept may give its cells theirs)."""
    return shares(weights, 100)


def _spanned(column: tuple[CellView, ...], span: int) -> tuple[CellView, ...]:
    """Return a column's cells with its span; a cell that is there several times (an empty one) is made once."""
    if not any(map(span.__ne__, map(_SPAN, column))):  # (made with it already)
        return column
    made: dict[int, CellView] = {}  # by the cell's id: the column holds each cell while this runs
    result = []
    for c in column:
        if c.span != span:
            respanned = made.get(id(c))
            if respanned is None:
                respanned = made[id(c)] = CellView(
                    text=c.text, prose=c.prose, fill=c.fill, blocks=c.blocks, merge=c.merge, again=c.again, span=span,
                )
            c = respanned
        result.append(c)
    return tuple(result)


_SPAN = operator.attrgetter("span")


def grouped(table: TableView, groups: Sequence[tuple[str, Sequence[int]]], empty: str) -> TableView:
    """
    Return `table` with its rows in groups: each group a full-width row of its name over its
    rows (positions in `table.rows`; a row may be in several groups), a group with no rows
    carrying the nil return `empty` in its own row. The one way every table prints group rows.
    """
    rows: list[RowView] = []
    for name, members in groups:
        rows.append(RowView(cells=(), group=name, empty="" if members else empty))
        rows += [table.rows[i] for i in members]
    return attrs.evolve(table, rows=tuple(rows))


def chosen_columns(plan: EqualityPlan, name: str) -> list[tuple[str, str | None, str | None]]:
    """Return a table's columns as (field, header, note): the plan's choice, else the table's defaults."""
    spec: TableSpec | None = getattr(plan.tables, name)
    if spec and spec.columns:
        return [(c.field, c.header, c.note) for c in spec.columns]
    return [(field, None, None) for field in DEFAULT_COLUMNS[name]]


def keeps_empty(plan: EqualityPlan) -> bool:
    """Return whether the plan keeps a column none of whose cells holds anything."""
    return plan.empty_columns is EmptyColumns.KEEP


def cell(value: Cell, fill: str = "") -> CellView:
    """Return a body cell: prose printed as paragraphs in Word; `fill` shades it there."""
    return _cell(value, fill)


def plan_tables(plan: EqualityPlan, values: TableValues) -> tuple[TableView, ...]:
    """Return the plan-level actions and measures tables that have rows, in that order."""
    labels = plan.labels
    tables = (
        build_table("actions", plan.actions, plan=plan, values=values,
                    heading=labels.actions_heading, caption=opening_capital(labels.actions_caption)),
        build_table("measures", plan.measures, plan=plan, values=values,
                    heading=labels.measures_heading, caption=opening_capital(labels.measures_caption)),
    )
    return tuple(t for t in tables if t.rows)

