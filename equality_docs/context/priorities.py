"""An action plan appendix's priorities table: each priority a row over its objectives' rows (layout of seed 004's appendix 2)."""

from __future__ import annotations

import attrs

from equality_docs.context.common import DateFormat, date_text, dates, owner, text
from equality_docs.context.grouping import cut_group_rows
from equality_docs.context.sections import PlacedSections, SectionView, nested
from equality_docs.context.tables import (
    CellView,
    ColumnView,
    RowView,
    TableValues,
    TableView,
    assemble,
    cell,
    chosen_columns,
    fill_header,
    grouped,
)
from equality_docs.model import EmptyColumns, EqualityPlan, Priority
from equality_docs.model.values import Prose


@attrs.frozen(kw_only=True)
class PriorityObjectiveView:
    """An objective as a row of the priorities table."""

    objective: str
    actions: tuple[str, ...]
    dates: str
    outcome: Prose | None
    ref: str = ""
    text: str = ""
    owner: str = ""
    start: str = ""
    finish: str = ""


@attrs.frozen(kw_only=True)
class PriorityGroup:
    """A priority row and the objective rows under it."""

    title: str
    objectives: tuple[PriorityObjectiveView, ...]
    #: The same objectives as rows of the appendix's `priority_table`, in its printed columns.
    rows: tuple[RowView, ...]


@attrs.frozen(kw_only=True)
class PriorityTablePart:
    """
    One part of an appendix's priorities table: a section placed between two of its objectives
    cuts it there, the rows after it a part of their own under the same header row, captioned
    "(continued)", opening with the row of the priority it goes on with ("(continued)" after its name).
    """

    table: TableView
    #: Sections printed before this part's table, and after it.
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


#: The share of the priorities table's width each column takes.
_PRIORITY_WEIGHTS = {
    "objective": 5, "ref": 2, "text": 5, "actions": 5, "owner": 3, "dates": 2, "start": 2, "finish": 2, "outcome": 5,
}


def priority_table(
    groups: tuple[PriorityGroup, ...], heading: str, plan: EqualityPlan, values: TableValues
) -> tuple[TableView, tuple[PriorityGroup, ...]]:
    """
    Return the priorities table in the plan's columns (one no objective fills left out, as in
    every table), each priority a group row over its objectives' rows, and the groups with their
    rows in those columns.
    """
    views = [row for group in groups for row in group.objectives]
    labels = plan.labels
    columns: list[ColumnView] = []
    cells: list[tuple[CellView, ...]] = []
    for field, header, note in chosen_columns(plan, "priorities"):
        default = getattr(labels, f"priority_{field}", None) or getattr(labels, f"objective_{field}")
        columns.append(ColumnView(key=field, header=fill_header(
            default if header is None else header, values, default=fill_header(default, values)),
                                  note=fill_header(note or "", values)))
        lines = (lambda v: "\n".join(v.actions)) if field == "actions" else (lambda v, f=field: getattr(v, f) or "")
        cells.append(tuple(cell(lines(v)) for v in views))
    spec = plan.tables.priorities
    keep = (spec.empty_columns if spec and spec.empty_columns else plan.empty_columns) is EmptyColumns.KEEP
    table = assemble("priorities", labels.priorities_heading, f"{heading}: {labels.priorities_caption}",
                     columns, cells, keep=keep, count=len(views),
                     weights=[_PRIORITY_WEIGHTS[c.key] for c in columns])
    placed, members, start = [], [], 0
    for group in groups:
        end = start + len(group.objectives)
        placed.append(attrs.evolve(group, rows=table.rows[start:end]))
        members.append((group.title, range(start, end)))
        start = end
    return grouped(table, members, ""), tuple(placed)


def priority_parts(
    priorities: tuple[Priority, ...], table: TableView, placed: PlacedSections, seen: set[int]
) -> tuple[PriorityTablePart, ...]:
    """
    Return the priorities table (each priority's row over its objectives' rows) cut where a
    section is placed between two of its objectives, as every table is: the part after it under
    the same header row, its heading and caption "(continued)", opening with its priority's row again. An
    objective met before (noted in `seen`) takes no sections; a section's heading is a level
    below the appendix's.
    """
    members = ([(objective, 1, None) for objective in priority.objectives] for priority in priorities)
    parts = []
    for n, cut in enumerate(cut_group_rows(table.rows, members, placed, seen)):
        part = attrs.evolve(table, rows=cut.rows)
        if n:
            part = attrs.evolve(part, caption=f"{table.caption} (continued)", heading=f"{table.heading} (continued)")
        parts.append(PriorityTablePart(
            table=part,
            sections_before=nested(cut.before, 2), sections_after=nested(cut.after, 2),
        ))
    return tuple(parts)


def priority_group(priority: Priority, number: int, fmt: DateFormat) -> PriorityGroup:
    """Return a priority and its objectives as rows of the priorities table."""
    rows = []
    for objective in priority.objectives:
        label = f"{objective.ref}. {objective.text}" if objective.ref else objective.text
        actions = []
        for action in objective.actions:
            who = owner(action.owner, action.division)
            line = " ".join(part for part in (action.ref, action.text) if part)
            actions.append(f"{line} ({who})" if who else line)
        rows.append(PriorityObjectiveView(
            objective=label,
            actions=tuple(actions),
            dates=dates(objective.start, objective.finish, fmt, joiner="/"),
            outcome=objective.outcome,
            ref=text(objective.ref), text=objective.text, owner=owner(objective.owner, objective.division),
            start=date_text(objective.start, fmt), finish=date_text(objective.finish, fmt),
        ))
    return PriorityGroup(title=f"Priority {number}. {priority.title}", objectives=tuple(rows), rows=())
