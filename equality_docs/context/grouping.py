"""Objectives listed in the plan's groups (by duty aim, characteristic, audience, ...), as every listing prints them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from equality_docs.context.common import ObjectiveView
from equality_docs.context.sections import PlacedSections, SectionView, beside, shifted, split_at_sections
from equality_docs.context.tables import RowView, TableView, grouped
from equality_docs.model import EqualityPlan, Objective
from equality_docs.model.grouping import Group, GroupKey, GroupShow, group_objectives


@attrs.frozen(kw_only=True)
class ObjectiveGrouping:
    """
    One group of a grouped list of objectives: its heading (empty when the plan names no
    grouping: then there is one group of all the objectives), what it prints when it holds no
    objectives ("No objectives this period"), the caption of its table, and its objectives.
    """

    heading: str
    empty: str
    caption: str
    objectives: tuple[ObjectiveView, ...]
    #: In a table of objectives, the sections printed before the group (its heading and table) and
    #: after its table: a table is cut at a section placed between two objectives, and the rest
    #: follows as a group of its own with no heading and its caption "(continued)".
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()
    #: The group's table in the plan's chosen columns; grouped as rows, the one table of every
    #: group, each a full-width row over its objectives' rows.
    table: TableView | None = None


def objective_groups(plan: EqualityPlan, objectives: Sequence[Objective]) -> tuple[Group, ...]:
    """
    Return the groups a document lists `objectives` under: the plan's `grouping`, or, when it
    names none, one unnamed group of them all.
    """
    if plan.grouping is None:
        return (Group(name="", members=tuple(range(len(objectives)))),)
    outcomes: list[str | None] = []
    if plan.grouping.by is GroupKey.OUTCOME:
        held = {
            id(o): block.outcome for a in plan.appendices for block in a.outcomes for o in block.objectives
        }
        outcomes = [held.get(id(o)) for o in objectives]
    return group_objectives(objectives, plan.grouping, plan.characteristics, outcomes)


def beside_level(plan: EqualityPlan, below: int = 2) -> int:
    """
    Return the heading level of a section placed beside an objective: one below the group
    heading (at level `below`) where the plan groups its objectives under headings, else 1.
    """
    return below + 1 if plan.grouping is not None and not as_rows(plan) else 1


def as_rows(plan: EqualityPlan) -> bool:
    """Return whether the plan prints its groups as rows of one table, not a heading and a table each."""
    return plan.grouping is not None and plan.grouping.show is GroupShow.ROWS


def grouped_views(
    plan: EqualityPlan, objectives: Sequence[Objective], views: Sequence[ObjectiveView], caption: str,
    table: TableView | None = None,
) -> tuple[ObjectiveGrouping, ...]:
    """
    Return the views of `objectives` in the plan's groups, each group's table captioned
    "<caption>: <group>" (just `caption` when ungrouped). `table`, a row per objective, is split
    into the groups' tables; grouped as rows, it is one unnamed group whose table has a group
    row over each group's rows.
    """
    empty = plan.grouping.empty if plan.grouping else ""
    groups = objective_groups(plan, objectives)
    if as_rows(plan):
        rows = None if table is None else attrs.evolve(
            grouped(table, [(g.name, g.members) for g in groups], empty), caption=caption,
        )
        return (ObjectiveGrouping(heading="", empty=empty, caption=caption, objectives=tuple(views), table=rows),)
    return tuple(
        ObjectiveGrouping(
            heading=g.name, empty=empty, caption=f"{caption}: {g.name}" if g.name else caption,
            objectives=tuple(views[i] for i in g.members),
            table=None if table is None else attrs.evolve(
                table, caption=f"{caption}: {g.name}" if g.name else caption,
                rows=tuple(table.rows[i] for i in g.members),
            ),
        )
        for g in objective_groups(plan, objectives)
    )


def printed_order(plan: EqualityPlan, objectives: Sequence[Objective]) -> list[Objective]:
    """Return `objectives` in the order a grouped listing prints them (one may appear in several groups)."""
    return [objectives[i] for g in objective_groups(plan, objectives) for i in g.members]


def with_sections(
    plan: EqualityPlan,
    objectives: Sequence[Objective],
    parts: Sequence[ObjectiveGrouping],
    placed: PlacedSections,
    seen: set[int],
) -> tuple[ObjectiveGrouping, ...]:
    """
    Return the groups of a listing (`grouped_views` of `objectives`) with the sections placed
    beside an objective on its view, at its first appearance (noted in `seen`).
    """
    # Grouped as rows, the listing is one unnamed group of the objectives in the plan's order.
    groups = (Group(name="", members=tuple(range(len(objectives)))),) if as_rows(plan) else objective_groups(plan, objectives)
    result = []
    for part, group in zip(parts, groups, strict=True):
        views = []
        for view, index in zip(part.objectives, group.members, strict=True):
            views.append(beside(view, placed.first_around(objectives[index], seen)))
        result.append(attrs.evolve(part, objectives=tuple(views)))
    return tuple(result)


def split_tables(
    plan: EqualityPlan,
    objectives: Sequence[Objective],
    parts: Sequence[ObjectiveGrouping],
    placed: PlacedSections,
    seen: set[int],
) -> tuple[ObjectiveGrouping, ...]:
    """
    Return the groups of a table of objectives (`grouped_views` of `objectives`) cut where a
    section is placed between two objectives: the rows before, the section, then the rows after
    as a group of their own (no heading, caption "... (continued)"), each objective's sections
    at its first appearance (noted in `seen`); one before the first objective of a group with
    a heading comes before that heading, a level up (at the heading's own level). Grouped as rows, the one table is cut the same
    way, each group's row kept with the first of its rows after it.
    """
    groups = objective_groups(plan, objectives)
    if as_rows(plan) and len(parts) == 1 and parts[0].table is not None:
        return _split_rows(objectives, parts[0], parts[0].table, groups, placed, seen)
    result = []
    for part, group in zip(parts, groups, strict=True):
        rows = part.table.rows if part.table is not None else (None,) * len(group.members)
        runs = split_at_sections(
            ((objectives[index], (view, row)) for view, row, index in zip(part.objectives, rows, group.members, strict=True)),
            placed, seen,
        )
        result += [
            attrs.evolve(
                part, objectives=tuple(view for view, _ in run.items),
                # Before a group's first objective, a section comes before its heading, at that heading's level.
                sections_before=shifted(run.before, -1) if part.heading and not n else run.before,
                sections_after=run.after,
                table=None if part.table is None else attrs.evolve(
                    part.table, rows=tuple(row for _, row in run.items if row is not None),
                    caption=f"{part.caption} (continued)" if n else part.caption,
                ),
                **({"heading": "", "caption": f"{part.caption} (continued)"} if n else {}),
            )
            for n, run in enumerate(runs)
        ]
    return tuple(result)


def continued_group(rows: Sequence[RowView], group: RowView) -> tuple[RowView, ...]:
    """
    Return the group row to print over `rows` where a table cut at a section goes on: none when
    the rows hold their group's row, else that row again, its name "(continued)".
    """
    if not group.group or any(row is group for row in rows):
        return ()
    return (attrs.evolve(group, group=f"{group.group} (continued)", empty=""),)


@attrs.frozen
class RowsPart:
    """A part of a table of groups as rows cut at placed sections: its objectives' keys, its rows and sections."""

    keys: tuple[Any, ...]
    rows: tuple[RowView, ...]
    before: tuple[SectionView, ...]
    after: tuple[SectionView, ...]


def cut_group_rows(
    rows: Sequence[RowView], groups: Iterable[Sequence[tuple[Objective, int, Any]]], placed: PlacedSections,
    seen: set[int],
) -> list[RowsPart]:
    """
    Return a table of groups as rows (each group's row over its objectives' rows: `groups` gives
    each objective with its number of rows and a key of the caller's) cut where a section is
    placed between two objectives: each part with its objectives' keys, its rows and the
    sections before and after it. A part that goes on with a group opens with that group's row
    again, "(continued)"; groups with no objectives after the last objective end the last part.
    An objective met before (noted in `seen`) takes no sections.
    """
    items: list[tuple[Objective, tuple[tuple[RowView, ...], RowView, Any]]] = []
    pending: list[RowView] = []
    at = 0
    for members in groups:
        own = rows[at]  # the group's own row
        pending.append(own)
        at += 1
        for objective, count, key in members:
            items.append((objective, ((*pending, *rows[at:at + count]), own, key)))
            pending, at = [], at + count
    runs = split_at_sections(items, placed, seen)
    parts = []
    for n, run in enumerate(runs):
        cut = [row for printed, _, _ in run.items for row in printed]
        if n and run.items:
            cut[:0] = continued_group(run.items[0][0], run.items[0][1])
        if n == len(runs) - 1:
            cut += pending
        parts.append(RowsPart(tuple(key for _, _, key in run.items), tuple(cut), run.before, run.after))
    return parts


def _split_rows(
    objectives: Sequence[Objective], part: ObjectiveGrouping, table: TableView, groups: Sequence[Group],
    placed: PlacedSections, seen: set[int],
) -> tuple[ObjectiveGrouping, ...]:
    """
    Return the one table of groups as rows cut at the sections placed between its objectives,
    a part that goes on with a group's objectives opening with that group's row again.
    """
    result = []
    members = ([(objectives[i], 1, i) for i in group.members] for group in groups)
    for n, cut in enumerate(cut_group_rows(table.rows, members, placed, seen)):
        caption = f"{part.caption} (continued)" if n else part.caption
        result.append(attrs.evolve(
            part, objectives=tuple(part.objectives[i] for i in cut.keys), sections_before=cut.before,
            sections_after=cut.after, table=attrs.evolve(table, rows=cut.rows, caption=caption),
            **({"caption": caption} if n else {}),
        ))
    return tuple(result)
