"""The school Public Sector Equality Duty statement (layout of seed 002)."""

from __future__ import annotations

import attrs

from equality_docs.context.common import (
    DocumentInfo,
    ObjectiveView,
    date_format,
    document_info,
    history_captions,
    objective_view,
)
from equality_docs.context.grouping import (
    ObjectiveGrouping,
    beside_level,
    grouped_views,
    objective_groups,
    printed_order,
    with_sections,
)
from equality_docs.context.refs import ref_prefix
from equality_docs.context.sections import SectionView, placed_sections, shifted, slot
from equality_docs.model import Aim, ChildKind, EqualityPlan, Labels, Objective, SpecificDuty
from equality_docs.model.grouping import GroupShow

TITLE = "Public Sector Equality Duty Statement"

#: The places in this layout a plan's section can fill, by id.
SLOTS = ("duty", "general-duties", "specific-duties", "aims", "objectives")


@attrs.frozen(kw_only=True)
class ObjectiveGroup:
    """
    A heading and the objectives under it: the organisation's, or one school's; `parts` holds
    them in the plan's groups (one unnamed part of them all when the plan names no grouping).
    """

    title: str
    objectives: tuple[ObjectiveView, ...]
    parts: tuple[ObjectiveGrouping, ...] = ()


@attrs.frozen(kw_only=True)
class PsedStatementContext:
    """What the PSED statement templates receive."""

    document: DocumentInfo
    duty: SectionView
    characteristics: tuple[str, ...]
    general_duties: SectionView
    aims: tuple[str, ...]
    specific_duties: SectionView
    duties: tuple[str, ...]
    trust_aims: SectionView | None
    objective_groups: tuple[ObjectiveGroup, ...]
    #: Sections printed before the objectives (`place: before`), nested ones flattened after their parent.
    sections_before: tuple[SectionView, ...]
    #: Sections printed at the end, after the objectives.
    sections: tuple[SectionView, ...]
    captions: tuple[str, ...]
    labels: Labels


#: The statement lists an objective's actions with its other blocks, in the order the plan wrote them
#: (by their text alone: a statement, not a plan, it names no leads or dates).
_ALSO = frozenset({ChildKind.ACTIONS})


def _number(ref: str, count: int) -> str:
    """Return an objective's number as printed: its own reference as written ("(i)", "EQ1:"), else its place ("3.")."""
    return ref_prefix(ref or str(count)).strip()


def _first_numbers(plan: EqualityPlan, objectives: tuple[Objective, ...]) -> list[str]:
    """Return each objective's number where it first prints (counted in the order the groups print them; "" for none)."""
    numbers = [""] * len(objectives)
    for count, index in enumerate((i for g in objective_groups(plan, objectives) for i in g.members), start=1):
        if not numbers[index]:
            numbers[index] = _number(objectives[index].ref or "", count)
    return numbers


def _numbered(parts: tuple[ObjectiveGrouping, ...]) -> tuple[ObjectiveGrouping, ...]:
    """
    Return the parts with each objective's number as printed: its own reference as written
    ("(i)", "EQ1:"), else its place counted on across the parts in the order they print ("3.").
    A view made with its number already (where its objective first prints) is kept as it is.
    """
    count = 0
    numbered = []
    for part in parts:
        views = []
        for view in part.objectives:
            count += 1
            number = _number(view.ref, count)
            views.append(view if view.number == number else attrs.evolve(view, number=number))
        same = all(new is old for new, old in zip(views, part.objectives, strict=True))
        numbered.append(part if same else attrs.evolve(part, objectives=tuple(views)))
    return tuple(numbered)


def _before_headings(parts: tuple[ObjectiveGrouping, ...]) -> tuple[ObjectiveGrouping, ...]:
    """
    Return the parts with the sections placed before a group's first objective moved before the
    group's heading, a level up (at the heading's own level), as every kind prints them.
    """
    moved = []
    for part in parts:
        first = part.objectives[0] if part.objectives else None
        if part.heading and first is not None and first.sections_before:
            part = attrs.evolve(
                part, sections_before=shifted(first.sections_before, -1),
                objectives=(attrs.evolve(first, sections_before=()), *part.objectives[1:]),
            )
        moved.append(part)
    return tuple(moved)


def _as_headings(plan: EqualityPlan) -> EqualityPlan:
    """Return the plan as this statement lists it: it prints no table, so groups shown as rows keep their headings."""
    grouping = plan.grouping
    if grouping is None or grouping.show is GroupShow.HEADINGS:
        return plan
    return attrs.evolve(plan, grouping=attrs.evolve(grouping, show=GroupShow.HEADINGS))


def build(plan: EqualityPlan) -> PsedStatementContext:
    """Return the PSED statement view of a plan."""
    plan = _as_headings(plan)
    fmt = date_format(plan)
    heading = slot(plan, "objectives", title=plan.objectives_title or "Equality Objectives")
    held: list[tuple[str, tuple[Objective, ...]]] = []
    if plan.objectives:
        held.append((heading.title or "", plan.objectives))
    for school in plan.organisation.schools:
        if school.objectives:
            held.append((school.objectives_title or f"{school.name} - Equality Objectives", school.objectives))
    if not held and (kept := tuple(plan.all_objectives())):  # kept under priorities or outcome blocks
        held.append((heading.title or "", kept))
    placed = placed_sections(
        plan, "psed-statement", slots=SLOTS, printed=[o for _, each in held for o in printed_order(plan, each)],
        level=beside_level(plan),
    )
    seen: set[int] = set()
    groups = []
    for title, objectives in held:
        # Each view made with the number its objective first prints with; `_numbered` renumbers any other appearance.
        views = tuple(
            objective_view(o, fmt, number, plan.labels, _ALSO, brief_actions=True)
            for o, number in zip(objectives, _first_numbers(plan, objectives), strict=True)
        )
        parts = _numbered(grouped_views(plan, objectives, views, title))
        parts = _before_headings(with_sections(plan, objectives, parts, placed, seen))
        groups.append(ObjectiveGroup(
            title=title, objectives=tuple(v for part in parts for v in part.objectives), parts=parts,
        ))
    info = document_info(plan, kind="psed-statement", default_title=TITLE)
    trust_aims = slot(plan, "aims", title=None) if plan.section("aims") else None
    return PsedStatementContext(
        document=info,
        duty=slot(
            plan, "duty", title=None,
            body=(
                "The Public Sector Equality Duty is a duty on public bodies and others carrying "
                "out public functions. It covers the following protected characteristics:"
            ),
        ),
        characteristics=tuple(c.printed for c in plan.listed_characteristics()),
        general_duties=slot(
            plan, "general-duties", title="The general duty",
            body="The three aims of the Public Sector Equality Duty are to:",
        ),
        aims=tuple(aim.summary for aim in Aim),
        specific_duties=slot(
            plan, "specific-duties", title="The specific duties",
            body="The specific duties of the Public Sector Equality Duty are to:",
        ),
        duties=tuple(duty.summary for duty in SpecificDuty),
        trust_aims=trust_aims,
        objective_groups=tuple(groups),
        sections_before=placed.before,
        sections=placed.after,
        captions=history_captions(info, plan.labels),
        labels=plan.labels,
    )
