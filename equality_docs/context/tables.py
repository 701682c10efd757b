"""
Every table as one generic view: the columns the plan chose (or the table's defaults), their
headers, and one row of cells per item; a column with nothing in it is left out here, once, so
no renderer decides it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from equality_docs.context.common import (
    DateFormat,
    characteristics_label,
    date_text,
    dates,
    duty_link,
    objective_status,
    owner,
    text,
)
from equality_docs.context.risk_cells import risk_cells, risk_fill, risk_header
from equality_docs.context.widths import TABLE_WIDTH, column_weights, shares
from equality_docs.model import (
    Action,
    EmptyColumns,
    EqualityPlan,
    Labels,
    Objective,
    PerformanceMeasure,
    PeriodValue,
    Result,
    TableSpec,
    When,
    assess,
)
from equality_docs.model.progress import Status, latest
from equality_docs.model.tables import DEFAULT_COLUMNS, ROWS_OF
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
    #: of 100 equal grid columns gives each column `{% colspan c.span %}` of them.
    span: int = 1


@attrs.frozen(kw_only=True)
class CellView:
    """A body cell: its text, and whether that text is Markdown prose (printed as paragraphs in Word)."""

    text: str | Prose
    prose: bool = False
    #: The cell's fill colour as hex RGB (a risk's band behind its score), "" for none.
    fill: str = ""


@attrs.frozen(kw_only=True)
class RowView:
    """One item's row: a cell per printed column, in the columns' order."""

    cells: tuple[CellView, ...]


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


def fill_header(header: str, values: TableValues, period: str | None = None) -> str:
    """Return a header with the known names replaced by plain string replacement (never a template)."""
    return (
        header.replace("{period}", values.period if period is None else period)
        .replace("{year}", values.year)
        .replace("{as_at}", values.as_at)
    )


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


# -- What each field of each table prints. ------------------------------------------------------------

Cell = str | Prose


def _completed(action: Action, fmt: DateFormat) -> str:
    if action.completed is not None:
        return date_text(action.completed, fmt)
    done = [n for n in action.progress if n.status is Status.COMPLETE]
    if not done:
        return ""
    return date_text(done[0].on, fmt) or Status.COMPLETE.label


def _latest_text(action: Action, fmt: DateFormat) -> Prose | str:
    note = latest(action.progress, fmt.context)
    return note.text if note is not None and note.text else ""


def objective_cells(fmt: DateFormat) -> Mapping[str, Callable[[Objective], Cell]]:
    """Return each objectives-table field's getter, its dates in the document's style."""

    def status(o: Objective) -> str:
        found = objective_status(o)
        return "" if found is None else found.label

    return {
        "ref": lambda o: text(o.ref),
        "text": lambda o: o.text,
        "service_area": lambda o: text(o.service_area),
        "aim": lambda o: text(o.aim),
        "duty_link": duty_link,
        "characteristics": characteristics_label,
        "target_groups": lambda o: "\n".join(o.target_groups),
        "owner": lambda o: owner(o.owner, o.division),
        "division": lambda o: text(o.division),
        "start": lambda o: date_text(o.start, fmt),
        "finish": lambda o: date_text(o.finish, fmt),
        "dates": lambda o: dates(o.start, o.finish, fmt),
        "linkages": lambda o: ", ".join(o.linkages),
        "status": status,
        "outcome": lambda o: o.outcome or "",
    }


def action_cells(fmt: DateFormat) -> Mapping[str, Callable[[Action], Cell]]:
    """Return each actions-table field's getter, its dates in the document's style."""
    return {
        "ref": lambda a: text(a.ref),
        "text": lambda a: a.text,
        "owner": lambda a: owner(a.owner, a.division),
        "division": lambda a: text(a.division),
        "start": lambda a: date_text(a.start, fmt),
        "finish": lambda a: date_text(a.finish, fmt),
        "dates": lambda a: dates(a.start, a.finish, fmt),
        "linkages": lambda a: ", ".join(a.linkages),
        "status": lambda a: "" if a.status is None else a.status.label,
        "completed": lambda a: _completed(a, fmt),
        "outcome": lambda a: a.outcome or _latest_text(a, fmt),
        "progress": lambda a: _latest_text(a, fmt),
        "milestones": lambda a: "\n".join(m.text for m in a.milestones),
    }


_RAG = {Result.MET: "Green", Result.NOT_MET: "Red"}


def latest_period(measure: PerformanceMeasure, fmt: DateFormat) -> str | None:
    """Return the latest period a result is reported for, or None."""
    reported = [(i, a.period) for i, a in enumerate(measure.actuals) if a.value is not None]
    if not reported:
        return None

    def key(item: tuple[int, str]) -> tuple[dt.date, int]:
        covered = When(item[1]).span_in(fmt.context)
        return (covered[1] if covered else dt.date.min, item[0])

    return max(reported, key=key)[1]


def rag(measure: PerformanceMeasure, fmt: DateFormat) -> str:
    """
    Return a measure's RAG rating: Green or Red from its latest result against that period's target
    (else the final target), where both are numbers and the measure has a direction; else as written.
    """
    period = latest_period(measure, fmt)
    if period is not None and measure.direction is not None:
        judged = measure
        if measure.target_for(period) is None and measure.target is not None:
            judged = attrs.evolve(measure, targets=(*measure.targets, PeriodValue(period=period, value=measure.target)))
        found = _RAG.get(assess(judged, period).result)
        if found is not None:
            return found
    return text(measure.rag)


def measure_cells(fmt: DateFormat) -> Mapping[str, Callable[[PerformanceMeasure], Cell]]:
    """Return each measures-table field's getter (the per-period fields are spread by `build_table`)."""

    def latest_result(m: PerformanceMeasure) -> str:
        period = latest_period(m, fmt)
        return "" if period is None else f"{m.actual_for(period)} ({date_text(period, fmt)})"

    return {
        "ref": lambda m: m.ref,
        "description": lambda m: m.description,
        "unit": lambda m: text(m.unit),
        "baseline": lambda m: text(m.baseline),
        "baseline_on": lambda m: date_text(m.baseline_on, fmt),
        "target": lambda m: text(m.target),
        "latest_result": latest_result,
        "rag": lambda m: rag(m, fmt),
        "commentary": lambda m: m.commentary or "",
        "owner": lambda m: owner(m.owner, m.division),
    }


def measure_periods(measures: Iterable[PerformanceMeasure], field: str, fmt: DateFormat) -> tuple[str, ...]:
    """Return every period the measures' targets (or results) name, as written, in date order, each once."""
    seen: dict[str, int] = {}
    for measure in measures:
        for value in measure.targets if field == "targets" else measure.actuals:
            seen.setdefault(value.period, len(seen))

    def key(period: str) -> tuple[dt.date, int]:
        covered = When(period).span_in(fmt.context)
        return (covered[0] if covered else dt.date.max, seen[period])

    return tuple(sorted(seen, key=key))


# -- The one builder. ---------------------------------------------------------------------------------

def _cell(value: Cell, fill: str = "") -> CellView:
    return CellView(text=value, prose=isinstance(value, Prose) and bool(value.strip()), fill=fill)


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
    field_cells: Mapping[str, Callable[[Any], Cell]] | None = None,
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
        "objectives": objective_cells, "actions": action_cells, "measures": measure_cells,
        "risks": lambda _: risk_cells(plan.risk_scale),
    }
    rows = ROWS_OF.get(name, name)
    getters = {**(makers[rows](values.fmt) if rows in makers else {}), **(field_cells or {})}
    columns: list[ColumnView] = []
    cells: list[tuple[Cell, ...]] = []
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
        columns.append(ColumnView(key=field, header=fill_header(written, values),
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
        [tuple(_cell(c, f) for c, f in zip(column, fill, strict=True)) for column, fill in zip(cells, fills, strict=True)],
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
    Return a table's view from its columns and each column's cells (`count` rows): a column
    whose cells are all empty is left out unless `keep`, and the columns kept share the width
    (by `weights`, one per column, where given; else by what each column holds).
    Every table of every kind is made here, so every format leaves out the same columns.
    """
    kept = [i for i, column in enumerate(cells) if keep or any(str(c.text).strip() for c in column)]
    weights = [weights[i] for i in kept] if weights else column_weights([columns[i].key.split(":")[0] for i in kept])
    sized = zip(kept, shares(weights, TABLE_WIDTH), shares(weights, 100), strict=True)
    return TableView(
        name=name,
        heading=heading,
        caption=caption,
        columns=tuple(attrs.evolve(columns[i], width=w, span=n) for i, w, n in sized),
        rows=tuple(RowView(cells=tuple(cells[i][r] for i in kept)) for r in range(count)),
    )


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
                    heading=labels.actions_heading, caption=labels.actions_caption),
        build_table("measures", plan.measures, plan=plan, values=values,
                    heading=labels.measures_heading, caption=labels.measures_caption),
    )
    return tuple(t for t in tables if t.rows)

