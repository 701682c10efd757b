"""The annual report's own tables as TableViews: headers in the report's words, cells from its rows."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from equality_docs.context.grouping import cut_group_rows
from equality_docs.context.sections import PlacedSections, SectionView
from equality_docs.context.table_fields import action_cells
from equality_docs.context.tables import (
    CellView,
    ColumnView,
    TableValues,
    TableView,
    assemble,
    build_table,
    cell,
    default_header,
    fill_header,
    grouped,
)
from equality_docs.context.widths import column_weights
from equality_docs.model import (
    Action,
    Aim,
    Assessment,
    Characteristic,
    EmptyColumns,
    EqualityPlan,
    Objective,
    Result,
)
from equality_docs.model.grouping import Group
from equality_docs.model.tables import TABLE_FIELDS
from equality_docs.model.values import Prose

#: The headers of the progress tables' columns where `tables:` does not name them (the report's own words).
PROGRESS_HEADERS = {"ref": "Ref.", "text": "Action", "owner": "Responsible", "status": "Status",
                    "progress": "Commentary"}
#: The headers of the progress table's columns of the objective the actions serve.
OWN_HEADERS = {"objective": "Objective", "objective_status": "Objective status"}

#: The headers of the results and coverage tables' columns where `tables:` does not name them.
RESULT_HEADERS = ("Ref.", "Measure", "Period", "Baseline", "Target", "Actual", "Result")
COVERAGE_HEADERS = ("Objectives", "Which")


#: How an objective judged by its measures' results speaks of each result.
_RESULT_WORDS = {
    Result.MET: "met the target", Result.NOT_MET: "did not meet the target",
    Result.NOT_ASSESSED: "cannot be compared with a target",
}


@attrs.frozen(kw_only=True)
class CoverageRow:
    """A characteristic or aim, and the objectives that address it ("Not addressed" shows a gap)."""

    name: str
    count: str
    objectives: str


def coverage(
    objectives: Sequence[Objective], names: Mapping[Characteristic, str]
) -> tuple[tuple[CoverageRow, ...], tuple[CoverageRow, ...]]:
    """
    Return the rows of the characteristics' coverage and of the aims': the objectives that
    address each, "Not addressed" for a gap; no rows where no objective records any
    characteristic (or aim), since coverage is then not recorded, not absent.
    """
    def row(name: str, matching: list[Objective]) -> CoverageRow:
        refs = ", ".join(o.ref or o.text[:40] for o in matching)
        return CoverageRow(name=name, count=str(len(matching)), objectives=refs or "Not addressed")

    characteristics = tuple(
        row(names.get(c, c.statutory_name), [o for o in objectives if any(r.characteristic is c for r in o.characteristics)])
        for c in Characteristic
    ) if any(o.characteristics for o in objectives) else ()
    aims = tuple(row(a.short_name, [o for o in objectives if a in o.aims]) for a in Aim) if any(
        o.aims for o in objectives) else ()
    return characteristics, aims


def measured_words(objective: Objective, latest: Mapping[int, Assessment], period: Callable[[str], str]) -> str:
    """
    Return what an objective's measures' latest results say (`latest`, by the identity of each
    measure): "Judged by its measures' results: KPI 1 met the target in 2025/26", or "" where
    none of its measures has a result (`period` prints a period).
    """
    said = [
        f"{measure.ref or measure.description} {_RESULT_WORDS[found.result]} in {period(found.period)}"
        for measure in objective.measures
        if (found := latest.get(id(measure))) is not None and found.result in _RESULT_WORDS
    ]
    return f"Judged by its measures' results: {'; '.join(said)}" if said else ""


def own_table(
    name: str, items: tuple[object, ...], plan: EqualityPlan, values: TableValues, headers: tuple[str, ...],
    caption: str, fills: dict[str, Callable[[Any], str]] | None = None,
) -> TableView:
    """Return one of the report's own tables: each field is its rows' attribute of that name, as text."""
    fields = TABLE_FIELDS[name]

    def cell(field: str) -> Callable[[Any], str]:
        get = operator.attrgetter(field)
        return lambda row: str(get(row))

    return build_table(
        name, items, plan=plan, values=values, heading="", caption=caption,
        field_cells={f: cell(f) for f in fields},
        field_headers=dict(zip(fields, headers, strict=True)), field_fills=fills,
    )


#: The progress table's columns when the plan groups its objectives as rows and chooses none:
#: whose action each row is and that objective's status, then the action's own.
ROWS_PROGRESS_COLUMNS = ("objective", "objective_status", "text", "status", "progress")
#: The columns an objective's own values fill: Word merges each down over its actions' rows.
OBJECTIVE_FIELDS = ("objective", "objective_status")


def progress_rows_table(
    plan: EqualityPlan,
    objectives: Sequence[Objective],
    groups: Sequence[Group],
    values: TableValues,
    *,
    action_fields: Mapping[str, Callable[[Action], str | Prose]],
    objective_fields: Mapping[str, Callable[[Objective], str]],
    caption: str,
) -> TableView:
    """
    Return every objective's actions as one progress table in the plan's columns (`tables:
    progress:`, else `ROWS_PROGRESS_COLUMNS`), a group row over each group's rows. An objective's
    own cells (`objective`, `objective_status`) merge down over its actions' rows in Word; an
    objective with no actions has a row of its own. `action_fields` replace the actions' getters
    (the report's status in words), `objective_fields` give the objective's own.
    """
    spec = plan.tables.progress
    chosen = [(c.field, c.header, c.note) for c in spec.columns] if spec and spec.columns else [
        (field, None, None) for field in ROWS_PROGRESS_COLUMNS
    ]
    pairs = [(o, a) for o in objectives for a in (o.actions or (None,))]
    getters = {**action_cells(values.fmt, plan.labels.milestone_done), **action_fields}
    word = plan.labels.report_objective[:1].upper() + plan.labels.report_objective[1:]
    own_headers = {"objective": word, "objective_status": f"{word} status"}  # the report's word ("Outcome")
    columns: list[ColumnView] = []
    cells: list[tuple[CellView, ...]] = []
    for field, header, note in chosen:
        default = own_headers.get(field) or PROGRESS_HEADERS.get(field) or default_header("actions", field, plan.labels)[0]
        columns.append(ColumnView(key=field, header=fill_header(
            default if header is None else header, values, default=fill_header(default, values)),
                                  note=fill_header(note or "", values)))
        if field in OBJECTIVE_FIELDS:
            cells.append(tuple(CellView(text=objective_fields[field](o), merge=True) for o, _ in pairs))
        else:
            cells.append(tuple(cell("" if a is None else getters[field](a)) for _, a in pairs))
    keep = (spec.empty_columns if spec and spec.empty_columns else plan.empty_columns) is EmptyColumns.KEEP
    weights = [5 if c.key == "objective" else column_weights([c.key])[0] for c in columns]
    table = assemble("progress", "", caption, columns, cells, keep=keep, count=len(pairs), weights=weights)
    starts, at = [], 0
    for o in objectives:
        starts.append(range(at, at + max(1, len(o.actions))))
        at += max(1, len(o.actions))
    empty = plan.grouping.empty if plan.grouping else ""
    return grouped(table, [(g.name, [r for i in g.members for r in starts[i]]) for g in groups], empty)


@attrs.frozen(kw_only=True)
class ProgressPart:
    """
    A part of the one progress table of groups as rows: the whole table, or, where a section is
    placed between two objectives, the rows on one side of it, with the sections printed before
    and after the part.
    """

    table: TableView
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


def progress_parts(
    table: TableView, objectives: Sequence[Objective], groups: Sequence[Group], placed: PlacedSections, seen: set[int],
) -> tuple[ProgressPart, ...]:
    """
    Return the progress table (`progress_rows_table` of `objectives` in `groups`) cut where a
    section is placed between two objectives: the rows before, the section, then the rows after
    in a table captioned "(continued)", opening with the row of the group it goes on with. Each
    objective's sections go beside its first appearance (noted in `seen`).
    """
    members = ([(objectives[i], max(1, len(objectives[i].actions)), i) for i in group.members] for group in groups)
    parts = []
    for n, cut in enumerate(cut_group_rows(table.rows, members, placed, seen)):
        caption = f"{table.caption} (continued)" if n else table.caption
        parts.append(ProgressPart(
            table=attrs.evolve(table, rows=cut.rows, caption=caption),
            sections_before=cut.before, sections_after=cut.after,
        ))
    return tuple(parts)
