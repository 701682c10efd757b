"""The annual equality action plan with its appendices (layout of seed 004)."""

from __future__ import annotations

import datetime as dt

import attrs

from equality_docs.context.action_objectives import (
    ObjectiveTableView,
    objective_tables,
    printed_objectives,
    split_objective_tables,
)
from equality_docs.context.common import (
    ActionView,
    DateFormat,
    DocumentInfo,
    ObjectiveView,
    action_view,
    date_format,
    date_text,
    document_info,
    history_captions,
    objective_view,
    owner,
    text,
)
from equality_docs.context.priorities import (
    PriorityGroup,
    PriorityTablePart,
    priority_group,
    priority_parts,
    priority_table,
)
from equality_docs.context.risk_cells import scale_text
from equality_docs.context.sections import PlacedSections, SectionView, placed_sections
from equality_docs.context.tables import (
    TableValues,
    TableView,
    build_table,
    plan_tables,
    table_values,
)
from equality_docs.model import (
    Appendix,
    ChildKind,
    EqualityPlan,
    Labels,
    NumberStyle,
    Objective,
    OutcomeBlock,
    Placement,
    Risk,
    RiskScale,
    When,
)
from equality_docs.model.values import Prose

TITLE = "Equality Action Plan"
#: The blocks under an outcome block's objective printed in a table of the block's own.
_BLOCK_PLACED = frozenset({ChildKind.MEASURES})
#: The plan's own objectives have no actions table of their own, so their actions print among their blocks.
_PLAN_ALSO = frozenset({ChildKind.ACTIONS})


@attrs.frozen(kw_only=True)
class MeasureView:
    """A key performance measure's row: references, description, a target per period column."""

    ref: str
    description: str
    targets: tuple[str, ...]
    owner: str


@attrs.frozen(kw_only=True)
class RiskView:
    """A risk's row. The score and band are derived; the band is always written as words too."""

    ref: str
    description: str
    impact: str
    probability: str
    score: str
    band: str
    rating: str
    fill: str
    owner: str


@attrs.frozen(kw_only=True)
class OutcomeView:
    """
    An outcome block: its heading lines and its tables. `objective_tables` holds its objectives
    table, one per group of the plan's `grouping` (each under its group's heading; one when it
    names none), each objective's blocks under its text; `tables` its actions, measures and
    risks tables; all as the plan's `tables:` chooses their columns (only those with rows).
    `objectives`, `actions`, `measures` and `risks` are the same rows with every field, for
    templates of their own.
    """

    heading: str
    lead: str
    aim: str
    objective_tables: tuple[ObjectiveTableView, ...]
    #: Whether the objectives print under group headings: then the tables after them print
    #: under headings of the same level, so none reads as part of the last group.
    grouped: bool
    tables: tuple[TableView, ...]
    objectives: tuple[ObjectiveView, ...]
    actions: tuple[ActionView, ...]
    measures: tuple[MeasureView, ...]
    risks: tuple[RiskView, ...]
    #: Sections printed before the block and after its tables (the built-in layout fills neither: a
    #: section placed between two of its objectives cuts its objectives table there instead, and is
    #: held by the tables, `objective_tables`, either side of it).
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


@attrs.frozen(kw_only=True)
class AppendixView:
    """An appendix: its heading, opening text, outcome blocks or priorities, and target periods."""

    heading: str
    body: Prose | None
    periods: tuple[str, ...]
    outcomes: tuple[OutcomeView, ...]
    priorities: tuple[PriorityGroup, ...]
    #: The priorities table in the plan's columns (`tables: priorities:`; a column no objective
    #: fills is left out): its rows are each priority's group row over its objectives' rows.
    priority_table: TableView
    #: The priorities table as printed: cut where a section is placed between two of its
    #: objectives, each part with the sections before and after it; one part when none is.
    priority_tables: tuple[PriorityTablePart, ...] = ()
    #: Kept for templates written before the priorities table was cut: always empty, as the
    #: sections beside its objectives are held by `priority_tables`.
    sections_after: tuple[SectionView, ...] = ()


@attrs.frozen(kw_only=True)
class ActionPlanContext:
    """What the action plan templates receive."""

    document: DocumentInfo
    #: The numbered narrative ("1. Introduction"), printed first; nested sections flattened after their parent.
    sections: tuple[SectionView, ...]
    contact_intro: str
    contact: tuple[str, ...]
    #: The plan's own objectives (under no outcome block), printed after the narrative under the
    #: objectives heading: a table per group of the plan's `grouping` (one when it names none),
    #: each objective's blocks, its actions, milestones and measures among them, under its text.
    objective_tables: tuple[ObjectiveTableView, ...]
    #: The plan-level tables (its own actions, then its measures), printed after the narrative
    #: and its objectives and before the appendices; only tables with rows.
    tables: tuple[TableView, ...]
    appendices: tuple[AppendixView, ...]
    #: Sections with `place: after`, printed after the appendices.
    sections_after: tuple[SectionView, ...]
    impact_scale: str
    probability_scale: str
    captions: tuple[str, ...]
    labels: Labels
    #: Whether any objective or action of an outcome block names linked plans (the built-in
    #: templates print `block.tables`, which leave out an empty column table by table).
    has_linkages: bool


def risk_view(risk: Risk, scale: RiskScale) -> RiskView:
    """Return a risk's row; with no score, the score cells are empty, never 0."""
    band = scale.band_for(risk.score)
    return RiskView(
        ref=text(risk.ref),
        description=risk.description,
        impact=text(risk.impact),
        probability=text(risk.probability),
        score=text(risk.score),
        band=band.name if band else "",
        rating=f"{risk.score} {band.name}" if band else text(risk.score),
        fill=band.colour if band else "auto",
        owner=owner(risk.owner, risk.division),
    )


def _period_key(period: str, index: int, fmt: DateFormat) -> tuple[dt.date, int]:
    covered = When(period).span_in(fmt.context)
    return (covered[0] if covered else dt.date.max, index)


def periods_of(blocks: tuple[OutcomeBlock, ...], fmt: DateFormat) -> tuple[str, ...]:
    """Return every target period used in the blocks, as written, in date order, each once."""
    seen: dict[str, int] = {}
    for block in blocks:
        for objective in block.objectives:
            for measure in objective.measures:
                for target in measure.targets:
                    seen.setdefault(target.period, len(seen))
    return tuple(sorted(seen, key=lambda p: _period_key(p, seen[p], fmt)))


def outcome_view(
    block: OutcomeBlock, periods: tuple[str, ...], plan: EqualityPlan, values: TableValues
) -> OutcomeView:
    """Return an outcome block with its rows, its dates in the document's style; its lines take the block's words, else the plan's labels."""
    objectives = block.objectives
    labels, fmt, scale = plan.labels, values.fmt, plan.risk_scale
    heading = f"{block.outcome_label or labels.outcome_label}: {block.outcome}"
    grouped = objective_tables(
        plan, objectives, values=values, heading=labels.objectives_heading,
        caption=f"{heading}: {labels.objectives_caption}", placed=_BLOCK_PLACED, block=block.outcome,
    )
    tables = (
        build_table("actions", tuple(a for o in objectives for a in o.actions), plan=plan, values=values,
                    heading=labels.actions_heading, caption=f"{heading}: {labels.actions_caption}"),
        build_table("measures", tuple(m for o in objectives for m in o.measures), plan=plan, values=values,
                    heading=labels.measures_heading, caption=f"{heading}: {labels.measures_caption}",
                    periods=periods),
        build_table("risks", tuple(r for o in objectives for r in o.risks), plan=plan, values=values,
                    heading=labels.risks_heading, caption=f"{heading}: {labels.risks_caption}"),
    )
    return OutcomeView(
        heading=heading,
        objective_tables=grouped,
        grouped=any(t.group for t in grouped),
        tables=tuple(t for t in tables if t.rows),
        lead=f"{block.lead_label or labels.outcome_lead}: {block.lead}" if block.lead else "",
        aim=f"{block.aim_label or labels.outcome_aim}: {block.aim}" if block.aim else "",
        objectives=tuple(objective_view(o, fmt, labels=plan.labels) for o in objectives),
        actions=tuple(action_view(a, fmt, labels.milestone_done) for o in objectives for a in o.actions),
        measures=tuple(
            MeasureView(
                ref=m.ref,
                description=m.description,
                targets=tuple(text(m.target_for(p)) for p in periods),
                owner=owner(m.owner, m.division),
            )
            for o in objectives
            for m in o.measures
        ),
        risks=tuple(risk_view(r, scale) for o in objectives for r in o.risks),
    )


def outcome_views(
    block: OutcomeBlock, periods: tuple[str, ...], plan: EqualityPlan, values: TableValues,
    placed: PlacedSections, seen: set[int],
) -> tuple[OutcomeView, ...]:
    """
    Return an outcome block as printed, its objectives tables cut where a section is placed
    between two of its objectives, the section's heading one level below the block's heading
    (below its group's heading where the objectives are grouped).
    """
    view = outcome_view(block, periods, plan, values)
    tables = split_objective_tables(
        plan, block.objectives, view.objective_tables, placed, seen, block=block.outcome,
        level=4 if view.grouped else 3,
    )
    return (attrs.evolve(view, objective_tables=tables),)


def appendix_view(
    appendix: Appendix, number: int, plan: EqualityPlan, values: TableValues,
    placed: PlacedSections | None = None, seen: set[int] | None = None,
) -> AppendixView:
    """
    Return an appendix, its outcome blocks and priorities; periods and dates in the document's
    style; the sections `placed` beside an objective of its outcome blocks printed beside it.
    """
    fmt = values.fmt
    periods = periods_of(appendix.outcomes, fmt)
    heading = f"Appendix {number}: {appendix.title}"
    table, groups = priority_table(
        tuple(priority_group(p, n, fmt) for n, p in enumerate(appendix.priorities, start=1)),
        heading.split(":")[0], plan, values,
    )
    placed, seen = placed or PlacedSections(), set() if seen is None else seen
    outcomes = tuple(
        view for b in appendix.outcomes for view in outcome_views(b, periods, plan, values, placed, seen)
    )
    return AppendixView(
        heading=heading,
        body=appendix.body,
        periods=tuple(date_text(p, fmt) for p in periods),
        outcomes=outcomes,
        priorities=groups,
        priority_table=table,
        priority_tables=priority_parts(appendix.priorities, table, placed, seen) if appendix.priorities else (),
    )


def _objective_captions(tables: tuple[ObjectiveTableView, ...]) -> list[str]:
    """Return the captions of the objectives tables printed: a group with no objectives prints its nil return instead."""
    return [t.caption for t in tables if t.rows or not t.group]


def _captions(appendices: tuple[AppendixView, ...], labels: Labels) -> tuple[str, ...]:
    """Return the tables' captions in document order: only tables that are printed have one."""
    captions: list[str] = []
    for appendix in appendices:
        for block in appendix.outcomes:
            captions += _objective_captions(block.objective_tables)
            captions += [table.caption for table in block.tables]
        captions += [part.table.caption for part in appendix.priority_tables]
    return tuple(captions)


def _own_tables(
    plan: EqualityPlan, listed: tuple[Objective, ...], values: TableValues, placed: PlacedSections, seen: set[int]
) -> tuple[ObjectiveTableView, ...]:
    """
    Return the tables of the plan's own objectives, a table per group, cut where a section is
    placed between two of its objectives, the section's heading one level below the group's
    (at the objectives' heading's level when they are not grouped under headings).
    """
    heading = plan.labels.objectives_heading
    tables = objective_tables(
        plan, listed, values=values, heading=heading, caption=heading, placed=frozenset(), also=_PLAN_ALSO,
    )
    level = 3 if any(t.group for t in tables) else 1
    return split_objective_tables(plan, listed, tables, placed, seen, level=level)


def _nil_returns_once(
    own: tuple[ObjectiveTableView, ...], appendices: tuple[AppendixView, ...]
) -> tuple[tuple[ObjectiveTableView, ...], tuple[AppendixView, ...]]:
    """
    Return the objectives tables with a group's nil return printed once: only for a group no
    listing holds an objective of, in the first listing (the plan's own objectives, else the first
    outcome block); every other listing leaves out the groups it holds no objectives of.
    """
    listings = [own, *(block.objective_tables for a in appendices for block in a.outcomes)]
    filled = {t.group for tables in listings for t in tables if t.rows}
    printed: set[str] = set()

    def kept(tables: tuple[ObjectiveTableView, ...]) -> tuple[ObjectiveTableView, ...]:
        result = []
        for t in tables:
            if t.group and not t.rows:
                if t.group in filled or t.group in printed:
                    continue
                printed.add(t.group)
            result.append(t)
        return tuple(result)

    own = kept(own)
    appendices = tuple(
        attrs.evolve(a, outcomes=tuple(attrs.evolve(b, objective_tables=kept(b.objective_tables)) for b in a.outcomes))
        for a in appendices
    )
    return own, appendices


def build(plan: EqualityPlan) -> ActionPlanContext:
    """Return the action plan view of a plan."""
    contact = plan.organisation.contact
    lines: list[str] = []
    if contact is not None:
        lines.append(" \u2013 ".join(p for p in (contact.name, contact.role) if p))
        lines += [p for p in (contact.unit,) if p]
        lines += list(contact.address)
        lines += [f"Direct line: {contact.phone}"] if contact.phone else []
        lines += [contact.email] if contact.email else []
    values = table_values(plan, date_format(plan))
    listed = tuple(o for o in plan.objectives if not o.retired)
    placed = placed_sections(
        plan, "action-plan", default=Placement.BEFORE, numbering=NumberStyle("1."), number_beside=False,
        printed=[
            *printed_objectives(plan, listed), *(o for a in plan.appendices for o in (
                *(o for b in a.outcomes for o in printed_objectives(plan, b.objectives, b.outcome)),
                *(o for p in a.priorities for o in p.objectives),
            )),
        ],
    )
    seen: set[int] = set()
    own = _own_tables(plan, listed, values, placed, seen)
    appendices = tuple(
        appendix_view(a, n, plan, values, placed, seen) for n, a in enumerate(plan.appendices, start=1)
    )
    own, appendices = _nil_returns_once(own, appendices)
    tables = plan_tables(plan, values)
    info = document_info(plan, kind="action-plan", default_title=TITLE)
    return ActionPlanContext(
        document=info,
        sections=placed.before,
        sections_after=placed.after,
        contact_intro=plan.labels.contact_heading,
        contact=tuple(lines),
        objective_tables=own,
        tables=tables,
        appendices=appendices,
        impact_scale=scale_text(plan.risk_scale.impact),
        probability_scale=scale_text(plan.risk_scale.probability),
        captions=(
            *history_captions(info, plan.labels), *_objective_captions(own), *(t.caption for t in tables),
            *_captions(appendices, plan.labels),
        ),
        labels=plan.labels,
        has_linkages=any(
            any(o.linkages for o in b.objectives) or any(a.linkages for a in b.actions)
            for appendix in appendices for b in appendix.outcomes
        ),
    )
