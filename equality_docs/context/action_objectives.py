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
from equality_docs.context.sections import SectionView
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
    then one table holds every objective), what it prints when it holds no objectives, the
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
