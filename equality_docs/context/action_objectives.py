"""
The action plan's objectives tables: an outcome block's and the plan's own, in the plan's groups
(a table each, under the group's heading), each objective's blocks (evidence, success criteria,
milestones, targets...) printed under its text in the order the plan wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from equality_docs.context.children import ChildView, child_views
from equality_docs.context.common import date_text
from equality_docs.context.grouping import objective_groups
from equality_docs.context.sections import PlacedSections, SectionView, nested, split_at_sections
from equality_docs.context.tables import CellView, ColumnView, TableValues, build_table
from equality_docs.model import ChildKind, EqualityPlan, GroupKey, Objective
from equality_docs.model._vocabulary import normal
from equality_docs.model.grouping import Group


@attrs.frozen(kw_only=True)
class ObjectiveRowView:
    """
    An objective's row: a cell per printed column, as every table's row, and the objective's
    blocks, printed in the cell at `detail` (its text's, else the first) under what it holds.
    """

    cells: tuple[CellView, ...]
    detail: int
    children: tuple[ChildView, ...]


@attrs.frozen(kw_only=True)
class ObjectiveTableView:
    """
    One group's objectives table: its group's heading (empty when the plan names no grouping:
    then one table holds every objective), what it prints when it holds no objectives (in the
    action plan only a group no objective of the plan is in, once, in the first listing), the
    table's heading and caption, the printed columns (the same in every group) and its rows.
    """

    group: str
    empty: str
    name: str
    heading: str
    caption: str
    columns: tuple[ColumnView, ...]
    rows: tuple[ObjectiveRowView, ...]
    #: Sections placed between the plan's own objectives, printed before and after this table (cut there).
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


def _groups(plan: EqualityPlan, objectives: Sequence[Objective], block: str | None) -> tuple[Group, ...]:
    """
    Return the groups the objectives print in. An outcome block (named `block`) that is its
    objectives' one group already (grouped by outcome, or by a characteristic the block is named
    for) prints them in one table, with no heading repeating the block's.
    """
    whole = (Group(name="", members=tuple(range(len(objectives)))),)
    if block is not None and plan.grouping is not None and plan.grouping.by is GroupKey.OUTCOME:
        return whole
    groups = objective_groups(plan, objectives)
    if block is not None and len(groups) == 1 and normal(groups[0].name) == normal(block):
        return whole
    return groups


def objective_tables(
    plan: EqualityPlan,
    objectives: tuple[Objective, ...],
    *,
    values: TableValues,
    heading: str,
    caption: str,
    placed: frozenset[ChildKind],
    also: frozenset[ChildKind] = frozenset(),
    block: str | None = None,
) -> tuple[ObjectiveTableView, ...]:
    """
    Return the objectives' tables, one per group of the plan's `grouping` (one unnamed one when it
    names none), in the columns the plan's `tables:` chooses; none when there are no objectives.
    Each row carries its objective's blocks of the detail kinds and `also`, but none of `placed`,
    which the layout prints elsewhere (an outcome block's measures table). `block` names the
    outcome block the objectives are held in, if any.
    """
    if not objectives:
        return ()
    table = build_table("objectives", objectives, plan=plan, values=values, heading=heading, caption=caption)
    detail = next((i for i, c in enumerate(table.columns) if c.key == "text"), 0)
    fmt = values.fmt
    rows = tuple(
        ObjectiveRowView(
            cells=row.cells, detail=detail,
            children=child_views(o, plan.labels, lambda day: date_text(day, fmt), also, placed),
        )
        for row, o in zip(table.rows, objectives, strict=True)
    )
    empty = plan.grouping.empty if plan.grouping else ""
    return tuple(
        ObjectiveTableView(
            group=g.name, empty=empty, name=table.name, heading=table.heading,
            caption=f"{caption}: {g.name}" if g.name else caption, columns=table.columns,
            rows=tuple(rows[i] for i in g.members),
        )
        for g in _groups(plan, objectives, block)
    )


def printed_objectives(plan: EqualityPlan, objectives: Sequence[Objective], block: str | None = None) -> list[Objective]:
    """Return objectives in the order their tables print them, group by group (one may appear in several)."""
    return [objectives[i] for g in _groups(plan, objectives, block) for i in g.members]


def split_objective_tables(
    plan: EqualityPlan,
    objectives: Sequence[Objective],
    tables: Sequence[ObjectiveTableView],
    placed: PlacedSections,
    seen: set[int],
    block: str | None = None,
    level: int = 1,
) -> tuple[ObjectiveTableView, ...]:
    """
    Return the objectives' tables (`objective_tables` of `objectives`) cut where a section is
    placed between two objectives of a group: the group's rows before it, the section, then its
    rows after it as a table with no group heading and its caption "(continued)"; each group
    printed once, a group with no objectives keeping its nil return. An objective's sections
    go beside its first appearance (noted in `seen`), its heading at `level`; one before the
    first objective of a group comes before the group's heading, at the level of that heading.
    """
    if not tables:
        return ()
    result: list[ObjectiveTableView] = []
    for table, group in zip(tables, _groups(plan, objectives, block), strict=True):
        runs = split_at_sections(
            ((objectives[i], row) for i, row in zip(group.members, table.rows, strict=True)), placed, seen
        )
        result += [
            attrs.evolve(
                table, rows=run.items,
                # Before a group's first objective, a section comes before its heading, at that heading's level.
                sections_before=nested(run.before, level - 1 if table.group and not n else level),
                sections_after=nested(run.after, level),
                group="" if n else table.group, caption=f"{table.caption} (continued)" if n else table.caption,
            )
            for n, run in enumerate(runs)
        ]
    return tuple(result)
