"""The equality objectives plan: one landscape table of nine columns (layout of seed 003)."""

from __future__ import annotations

import operator

import attrs

from equality_docs.context.children import ChildView, child_views, milestone_line
from equality_docs.context.common import (
    DateFormat,
    DocumentInfo,
    characteristics_label,
    date_format,
    date_text,
    dates,
    document_info,
    duty_link,
    history_captions,
    owner,
    text,
)
from equality_docs.context.grouping import as_rows, beside_level, continued_group, objective_groups
from equality_docs.context.refs import labelled
from equality_docs.context.sections import (
    PlacedSections,
    SectionView,
    placed_sections,
    shifted,
    split_at_sections,
)
from equality_docs.context.tables import (
    CellView,
    ColumnView,
    RowView,
    TableView,
    assemble,
    chosen_columns,
    column_spans,
    fill_header,
    table_values,
)
from equality_docs.model import (
    ChildKind,
    EmptyColumns,
    EqualityPlan,
    GroupKey,
    Labels,
    Milestone,
    Objective,
    ProgressNote,
)
from equality_docs.model.grouping import Group

TITLE = "Equality objectives"
#: The blocks under an objective this layout prints in a column of their own.
_PLACED = frozenset({ChildKind.MILESTONES})

@attrs.frozen(kw_only=True)
class PlanRow:
    """
    One action's row (an objective with no actions has one row), so each action's lead and dates
    sit beside it; the objective's own lead, dates, milestones and progress are on its first row.
    The Word template marks the first five columns as mergeable, so runs of equal cells there
    (an objective over its actions' rows, and objectives serving the same aim) are merged and
    printed once, grouping rows as the seed does; Markdown and HTML repeat the value on every
    row, which reads the same aloud.
    """

    duty_link: str
    characteristics: str
    aim: str
    objective: str
    target_groups: str
    actions: tuple[str, ...]
    owners: tuple[str, ...]
    dates: tuple[str, ...]
    milestones: tuple[str, ...]
    #: The objective's other blocks (evidence, success criteria, targets...), printed in its cell.
    #: Every row of the objective carries them, so its cells are equal: Word merges them, and
    #: Markdown and HTML repeat them on each row, as they repeat the objective.
    details: tuple[ChildView, ...] = ()
    #: Whether this is the objective's first row (a `blocks` column prints its blocks there only).
    first: bool = True


@attrs.frozen(kw_only=True)
class PlanColumns:
    """Which of the table's nine columns are printed: a column with nothing in any row is not."""

    duty_link: bool
    characteristics: bool
    aim: bool
    objective: bool
    target_groups: bool
    actions: bool
    owners: bool
    dates: bool
    milestones: bool


def shown_columns(rows: tuple[PlanRow, ...], *, keep: bool) -> PlanColumns:
    """
    Return which columns are printed: every one when `keep`, else those with a cell to show
    (text of only a line break is shown, as the line break it prints).
    """
    names = [a.name for a in attrs.fields(PlanColumns)]
    filled = {
        name: keep or any(
            any(str(line) for line in value) if isinstance(value, tuple) else bool(str(value))
            for value in (getattr(row, name) for row in rows)
        )
        for name in names
    }
    return PlanColumns(**filled)


@attrs.frozen(kw_only=True)
class PlanRowGroup:
    """
    One group of the table's rows, a table of its own: its heading (empty when the plan names no
    grouping: then one group holds every row), what it prints when empty, its caption and rows.
    """

    heading: str
    empty: str
    caption: str
    rows: tuple[PlanRow, ...]
    #: Sections printed before the group's heading and table, and after its table: where a
    #: section is placed between two objectives the group's table is cut there, and the rest
    #: follows as a group of its own with no heading, the same header row, and its caption "(continued)".
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()
    #: The group's rows in the plan's columns (`tables: plan:`); grouped as rows, the one table of
    #: every group, each a full-width row over its rows.
    table: TableView | None = None


@attrs.frozen(kw_only=True)
class ObjectivesPlanContext:
    """What the objectives plan templates receive."""

    document: DocumentInfo
    kind_heading: str
    #: The period's heading under the title ("Equality objectives: 2024 - 2028"); none when sections
    #: are placed before the table, which then carries it as `table_heading`.
    period_heading: str | None
    #: A top-level heading over the table when sections are placed before it, so the table never
    #: reads as part of the last of them: the period's heading, else the plan's name for its objectives.
    table_heading: str | None
    rows: tuple[PlanRow, ...]
    #: The rows in the plan's groups, a table each (one unnamed group when it names none).
    row_groups: tuple[PlanRowGroup, ...]
    #: A column whose cells are all empty is not printed, unless the plan keeps empty columns.
    shown: PlanColumns
    #: Sections printed before the table (`place: before`), nested ones flattened after their parent.
    sections_before: tuple[SectionView, ...]
    #: Sections printed after the table.
    sections: tuple[SectionView, ...]
    captions: tuple[str, ...]
    labels: Labels


def _caption(caption: str, *, continued: bool) -> str:
    """Return a table's caption; the part of a table after a section placed between its rows says it continues."""
    return f"{caption} (continued)" if continued else caption


def _milestone(milestone: Milestone, fmt: DateFormat, labels: Labels) -> str:
    """A milestone as its cell prints it: its text, then when it is due and whether it is done, as the other blocks print it."""
    return milestone_line(milestone, lambda day: date_text(day, fmt), labels.milestone_done)


def _note(note: ProgressNote, fmt: DateFormat) -> str:
    """A progress note's commentary as its cell prints it: after its date ("March 2025: ..."), where it has one."""
    return f"{date_text(note.on, fmt)}: {note.text}" if note.on else str(note.text)


def _objective_rows(objective: Objective, fmt: DateFormat, labels: Labels) -> list[PlanRow]:
    """
    Return an objective's rows: one per action, each with its own lead and dates. An objective
    with a lead or dates of its own has a row of its own first, so they are not read as its
    first action's; its milestones and progress are on its first row, its other blocks in its
    cell on every row (merged in Word).
    """
    own_owner: tuple[str, ...] = (owner(objective.owner, objective.division),) if objective.owner else ()
    own_dates: tuple[str, ...] = (
        (dates(objective.start, objective.finish, fmt),) if objective.start or objective.finish else ()
    )
    first_milestones = [_milestone(m, fmt, labels) for m in objective.milestones]
    progress = [_note(n, fmt) for n in objective.progress if n.text]
    lines: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], list[str]]] = []
    if own_owner or own_dates or not objective.actions:
        lines.append(((), own_owner, own_dates, []))
    for action in objective.actions:
        who: tuple[str, ...] = (owner(action.owner, action.division),) if action.owner else ()
        when: tuple[str, ...] = (dates(action.start, action.finish, fmt),) if action.start or action.finish else ()
        lines.append(((action.text,), who, when, [_milestone(m, fmt, labels) for m in action.milestones]))
    # Milestones have a column of their own here.
    details = child_views(objective, labels, lambda day: date_text(day, fmt), placed=_PLACED)
    # The objective's own cells, the same on each of its rows.
    link, characteristics, aim = duty_link(objective), characteristics_label(objective), text(objective.aim)
    own_text, target_groups = labelled(objective), "\n".join(objective.target_groups)
    result = []
    for index, (actions, who, when, steps) in enumerate(lines):
        first = index == 0
        result.append(PlanRow(
            duty_link=link,
            characteristics=characteristics,
            aim=aim,
            objective=own_text,
            target_groups=target_groups,
            actions=actions,
            owners=who,
            dates=when,
            milestones=tuple((first_milestones if first else []) + steps + (progress if first else [])),
            details=details,
            first=first,
        ))
    return result


def rows(objectives: tuple[Objective, ...], fmt: DateFormat, labels: Labels | None = None) -> tuple[PlanRow, ...]:
    """Return the table rows, one per action of each objective, their dates in the document's style."""
    return tuple(row for o in objectives for row in _objective_rows(o, fmt, labels or Labels()))


#: The share of the table's width each column takes, as the seed's columns do.
_WEIGHTS = {
    "duty_link": 17, "characteristics": 18, "aim": 17, "objective": 20, "target_groups": 15, "actions": 22,
    "owners": 16, "dates": 12, "milestones": 14, "blocks": 20,
}
#: The columns an objective's own values fill: Word merges each down over the objective's rows.
_MERGED = frozenset({"duty_link", "characteristics", "aim", "objective", "target_groups", "blocks"})


def plan_table(plan: EqualityPlan, table: tuple[PlanRow, ...], shown: PlanColumns, caption: str) -> TableView:
    """
    Return the table of `table`'s rows in the plan's columns (`tables: plan:`), else the nine
    columns `shown`; a chosen column is printed even when it is empty only if the plan keeps
    empty columns. The objective's blocks print in its cell unless a `blocks` column prints them.
    """
    chosen = chosen_columns(plan, "plan")
    own = plan.tables.plan is not None and bool(plan.tables.plan.columns)
    fields = {field for field, _, _ in chosen}
    keep = plan.empty_columns is EmptyColumns.KEEP
    values = table_values(plan, date_format(plan))
    if own:  # a column the plan names prints wherever it holds something, its aim column too
        shown = shown_columns(table, keep=keep)
    columns: list[ColumnView] = []
    for field, header, note in chosen:
        if field != "blocks" and not getattr(shown, field):
            continue
        if field == "blocks" and not keep and not any(row.details for row in table):
            continue
        default = "Details" if field == "blocks" else getattr(plan.labels, f"plan_{field}")
        default_note = getattr(plan.labels, f"plan_{field}_note", "")
        columns.append(ColumnView(key=field, header=fill_header(
            default if header is None else header, values, default=fill_header(default, values)),
                                  note=fill_header(default_note if note is None else note, values)))
    weights = [_WEIGHTS[c.key] for c in columns]
    # Every column is kept (`keep=True`), so each cell is made with its column's span at once.
    cells = [
        _plan_column(table, c.key, blocks_apart="blocks" in fields, span=span)
        for c, span in zip(columns, column_spans(weights), strict=True)
    ]
    return assemble("plan", "", caption, columns, cells, keep=True, count=len(table), weights=weights)


def _plan_column(table: tuple[PlanRow, ...], field: str, *, blocks_apart: bool, span: int = 1) -> tuple[CellView, ...]:
    """
    Return a field's cell on each row: an objective's own values merge down, its blocks under its
    text (in a column of their own when `blocks_apart`). Equal cells are one cell, made once: an
    objective's own cells on each of its rows, and every empty one.
    """
    blocks_here = field == "blocks" or (field == "objective" and not blocks_apart)
    merge = field in _MERGED
    if not blocks_here:  # a cell is its value's alone: one made for each value
        by_value: dict[object, CellView] = {}
        column: list[CellView] = []
        for value in map(operator.attrgetter(field), table):
            cell = by_value.get(value)
            if cell is None:
                shown = "\n".join(line for line in value if line) if isinstance(value, tuple) else value
                cell = by_value[value] = CellView(text=shown, merge=merge, span=span)
            column.append(cell)
        return tuple(column)
    made: dict[tuple[object, int, bool], CellView] = {}
    column = []
    for row in table:
        value = "" if field == "blocks" else getattr(row, field)
        blocks = row.details
        # The blocks on the objective's first row; Word merges that cell down over the others.
        again = field == "blocks" and not row.first
        key = (value, id(blocks), again)  # (the rows hold each objective's blocks while the table is made)
        cell = made.get(key)
        if cell is None:
            shown = "\n".join(line for line in value if line) if isinstance(value, tuple) else value
            cell = made[key] = CellView(text=shown, blocks=blocks, merge=merge, again=again, span=span)
        column.append(cell)
    return tuple(column)


def _as_rows(
    objectives: tuple[Objective, ...], per_objective: list[list[PlanRow]], whole: TableView, spans: list[range],
    found: tuple[Group, ...], placed: PlacedSections, seen: set[int], caption: str, empty: str,
) -> tuple[PlanRowGroup, ...]:
    """
    Return the one table of the groups as rows (a group's row over its objectives' rows, kept with
    the first of them), cut where a section is placed between two objectives; a part that goes on
    with a group's objectives opens with that group's row again, "(continued)".
    """
    items: list[tuple[Objective, tuple[list[PlanRow], tuple[RowView, ...], RowView]]] = []
    pending: list[RowView] = []
    for g in found:
        own = RowView(cells=(), group=g.name, empty="" if g.members else empty)
        pending.append(own)
        for i in g.members:
            items.append((objectives[i], (per_objective[i], (*pending, *(whole.rows[r] for r in spans[i])), own)))
            pending = []
    runs = split_at_sections(items, placed, seen)
    return tuple(
        PlanRowGroup(
            heading="", empty=empty, caption=_caption(caption, continued=n > 0),
            rows=tuple(row for each, _, _ in run.items for row in each),
            table=attrs.evolve(
                whole, caption=_caption(caption, continued=n > 0),
                rows=(
                    *(continued_group(run.items[0][1], run.items[0][2]) if n and run.items else ()),
                    *(row for _, printed, _ in run.items for row in printed),
                    *(pending if n == len(runs) - 1 else ()),
                ),
            ),
            sections_before=run.before, sections_after=run.after,
        )
        for n, run in enumerate(runs)
    )


def build(plan: EqualityPlan) -> ObjectivesPlanContext:
    """Return the objectives plan view of a plan."""
    info = document_info(plan, kind="objectives-plan", default_title=plan.labels.plan_heading or TITLE)
    objectives = tuple(o for o in plan.all_objectives() if not o.retired)
    fmt = date_format(plan)
    per_objective = [_objective_rows(o, fmt, plan.labels) for o in objectives]
    table = tuple(row for each in per_objective for row in each)
    caption = (
        plan.labels.plan_heading if plan.grouping
        else f"{plan.labels.plan_heading}, grouped by the aim of the general duty they serve"
    )
    shown = shown_columns(table, keep=plan.empty_columns is EmptyColumns.KEEP)
    if plan.grouping and plan.grouping.by is GroupKey.AIM:
        shown = attrs.evolve(shown, duty_link=False)  # each group's heading (or row) names its aim
    whole = plan_table(plan, table, shown, caption)
    spans: list[range] = []
    for each in per_objective:  # each objective's rows, by position in the table
        start = spans[-1].stop if spans else 0
        spans.append(range(start, start + len(each)))
    found = objective_groups(plan, objectives)
    empty = plan.grouping.empty if plan.grouping else ""
    placed = placed_sections(
        plan, "objectives-plan", printed=[objectives[i] for g in found for i in g.members], level=beside_level(plan)
    )
    seen: set[int] = set()
    groups = (
        _as_rows(objectives, per_objective, whole, spans, found, placed, seen, caption, empty) if as_rows(plan)
        else tuple(
            PlanRowGroup(
                heading="" if n else g.name, empty=empty,
                caption=_caption(f"{caption}: {g.name}" if g.name else caption, continued=n > 0),
                rows=tuple(row for each, _ in run.items for row in each),
                table=attrs.evolve(
                    whole, caption=_caption(f"{caption}: {g.name}" if g.name else caption, continued=n > 0),
                    rows=tuple(row for _, printed in run.items for row in printed),
                ),
                # Before a group's first objective, a section comes before its heading, at that heading's level.
                sections_before=shifted(run.before, -1) if g.name and not n else run.before,
                sections_after=run.after,
            )
            for g in found
            for n, run in enumerate(split_at_sections(
                ((objectives[i], (per_objective[i], tuple(whole.rows[r] for r in spans[i]))) for i in g.members),
                placed, seen,
            ))
        )
    )
    period_heading = f"{plan.labels.plan_heading}: {info.period}" if info.period else None
    return ObjectivesPlanContext(
        document=info,
        kind_heading="Public sector equality duty",
        period_heading=None if placed.before else period_heading,
        table_heading=(period_heading or plan.labels.plan_heading or TITLE) if placed.before else None,
        rows=table,
        row_groups=groups,
        shown=shown,
        captions=(
            *history_captions(info, plan.labels),
            *(g.caption for g in groups if g.rows or not g.heading),
        ),
        sections_before=placed.before,
        sections=placed.after,
        labels=plan.labels,
    )
