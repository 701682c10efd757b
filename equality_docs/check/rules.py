"""
The rules `equality-docs check` applies. Each yields (field path, message, how to fix);
checks.py gives them codes, severities and legal sources, and places them on lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from equality_docs.check.objectives import current as _current
from equality_docs.model import (
    Action,
    Aim,
    Applies,
    Characteristic,
    EqualityPlan,
    Nation,
    Objective,
    OrganisationType,
    When,
)
from equality_docs.model.dateprint import styled_day
from equality_docs.model.dates import DateContext

Path_ = tuple[str | int, ...]

#: How far ahead a deadline is reported as falling due.
DUE_SOON_DAYS = 90

#: What a rule yields: the field path, the message, how to fix it, and optionally a severity
#: ("error", "warning", "info") where one rule reports at two levels (overdue, or due soon).
Found = Iterator[tuple[Path_, str, str] | tuple[Path_, str, str, str]]


def _england(plan: EqualityPlan) -> bool:
    return plan.organisation.nation is Nation.ENGLAND


def _name(objective: Objective) -> str:
    """Return how a message names an objective: its reference, or its first words."""
    if objective.ref:
        return repr(objective.ref)
    words = objective.text.split(None, 8)  # (the ninth, if any, is the rest: there are more than eight)
    short = " ".join(words[:8])
    return f"'{short}{'...' if len(words) > 8 else ''}'"


def _owned(objective: Objective) -> bool:
    """Whether an objective or one of its actions names an owner."""
    if objective.owner:
        return True
    for action in objective.actions:  # noqa: SIM110  # (a loop: cheaper than a generator)
        if action.owner:
            return True
    return False


def _dated(objective: Objective) -> bool:
    if objective.start is not None or objective.finish is not None:
        return True
    for action in objective.actions:  # noqa: SIM110  # (a loop: cheaper than a generator)
        if action.start is not None or action.finish is not None:
            return True
    return False


# The rules ---------------------------------------------------------------------------------


def no_measure(plan: EqualityPlan, on: dt.date) -> Found:
    for path, o in _current(plan):
        if not o.measures and not o.targets:
            yield path, f"objective {_name(o)} has no performance measure or target", (
                "add a target with its baseline (targets:) or a measure, so progress can be measured"
            )


def no_target(plan: EqualityPlan, on: dt.date) -> Found:
    for path, o in _current(plan):
        for n, measure in enumerate(o.measures):
            if measure.current and measure.target is None and not any(t.value is not None for t in measure.targets):
                yield (*path, "measures", n), f"measure {measure.description[:50]!r} has no target", (
                    "add a final target (target: 150) or targets by period (targets: {2025/26: 150})"
                )


def no_owner(plan: EqualityPlan, on: dt.date) -> Found:
    for path, o in _current(plan):
        if not _owned(o):
            yield path, f"objective {_name(o)} has no owner", (
                "name who is responsible: owner on the objective or on its actions"
            )


def no_dates(plan: EqualityPlan, on: dt.date) -> Found:
    for path, o in _current(plan):
        if not _dated(o):
            yield path, f"objective {_name(o)} has no dates", (
                "give a start and finish, on the objective or its actions"
            )


def no_aim(plan: EqualityPlan, on: dt.date) -> Found:
    for path, o in _current(plan):
        if not o.aims:
            yield path, f"objective {_name(o)} links to no aim of the general duty", (
                "add aims: [eliminate], [advance] or [foster] (or several)"
            )


def aims_not_addressed(plan: EqualityPlan, on: dt.date) -> Found:
    objectives = [o for _, o in _current(plan)]
    if not objectives:
        return
    used = {aim for o in objectives for aim in o.aims}
    missing = [aim.short_name.lower() for aim in Aim if aim not in used]
    if missing:
        yield (), f"no objective addresses: {', '.join(missing)}", (
            "the duty does not require every aim; consider whether one is needed"
        )


def characteristics_not_addressed(plan: EqualityPlan, on: dt.date) -> Found:
    objectives = [o for _, o in _current(plan)]
    if not objectives:
        return
    used = {c.characteristic for o in objectives for c in o.characteristics}
    missing = [c.value for c in Characteristic if c not in used]
    if missing:
        yield (), f"no objective addresses: {', '.join(missing)}", (
            "the duty does not require every characteristic; say why in your equality information"
        )


def _all_nine(objective: Objective) -> bool:
    """
    Return whether an objective is written as for every characteristic (`characteristics: all`,
    which the loader reads as the nine under its own words), none of them qualified.
    """
    if objective.characteristics_label is None:
        return False
    return len({r.characteristic for r in objective.characteristics if r.applies_to is None}) == len(Characteristic)


def marriage_beyond_first_aim(plan: EqualityPlan, on: dt.date) -> Found:
    # An objective for all nine characteristics serves each only as far as the duty applies it.
    for path, o in _current(plan):
        if _all_nine(o):
            continue
        linked = any(c.characteristic is Characteristic.MARRIAGE_AND_CIVIL_PARTNERSHIP for c in o.characteristics)
        if linked and set(o.aims) - {Aim.ELIMINATE}:
            yield path, (
                "marriage and civil partnership is linked to advancing equality or fostering good "
                "relations, but it is relevant only to eliminating discrimination"
            ), "link marriage and civil partnership only to objectives with aims: [eliminate]"


def age_for_pupils(plan: EqualityPlan, on: dt.date) -> Found:
    if plan.organisation.type not in (OrganisationType.SCHOOL, OrganisationType.ACADEMY_TRUST):
        return
    for path, o in _current(plan):
        for n, ref in enumerate(() if _all_nine(o) else o.characteristics):
            if ref.characteristic is Characteristic.AGE and ref.applies_to in (None, Applies.PUPILS):
                yield (*path, "characteristics", n), (
                    "age does not apply to a school's education and services for pupils"
                ), "if the objective concerns staff, write {characteristic: age, applies_to: staff}"


def _deadline(due: dt.date | None, on: dt.date, what: str, fix: str) -> Iterator[tuple[str, str, str]]:
    if due is None:
        return
    if due < on:
        yield "overdue", f"{what} was due on {styled_day(due, 'long')} and is overdue", fix
    elif (due - on).days <= DUE_SOON_DAYS:
        yield "due", f"{what} falls due on {styled_day(due, 'long')}, within {DUE_SOON_DAYS} days", fix


def _level(state: str) -> str:
    return "error" if state == "overdue" else "warning"


def _add_years(day: dt.date, years: int) -> dt.date | None:
    if day.year + years > dt.MAXYEAR:  # a deadline no date can hold is not due yet
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def information_due(plan: EqualityPlan, on: dt.date) -> Found:
    if not _england(plan):
        return
    control = plan.document
    published = control.published if control else None
    if published is None:
        return
    due = _add_years(published, 1)
    for state, message, fix in _deadline(due, on, "the annual publication of equality information",
                                          "publish updated equality information"):
        yield ("document", "published"), message, fix, _level(state)


def objectives_due(plan: EqualityPlan, on: dt.date) -> Found:
    if not _england(plan) or next(plan.all_objectives(), None) is None:
        return
    control = plan.document
    since = control and (control.approved_on or control.effective or control.published)
    # With no approval date, new objectives are due when the plan's period ends, in the plan's own
    # years (a school's 2025/26 ends on 31 August 2026, a council's on 31 March 2026).
    span = plan.date_context.period
    due = _add_years(since, 4) if since else (span[1] if span else None)
    where: Path_ = ("document",) if since else ("period",)
    for state, message, fix in _deadline(
        due, on, "setting new equality objectives (at least every four years)",
        "agree and publish new equality objectives",
    ):
        yield where, message, fix, _level(state)


def no_objectives(plan: EqualityPlan, on: dt.date) -> Found:  # every rule takes the day
    if _england(plan) and next(plan.all_objectives(), None) is None:
        yield (), "the plan holds no equality objectives", (
            "add at least one under objectives: (the specific duty asks every public body to publish "
            "equality objectives at least every four years)"
        )


def review_due(plan: EqualityPlan, on: dt.date) -> Found:
    control = plan.document
    if control is None:
        return
    for state, message, fix in _deadline(control.next_review_due, on, "the review of this document",
                                          "review it, then record last_reviewed"):
        yield ("document",), message, fix, _level(state)


def nation_not_covered(plan: EqualityPlan, on: dt.date) -> Found:
    if not _england(plan):
        nation = plan.organisation.nation.value.title()
        yield ("organisation", "nation"), (
            f"the specific duties of {nation} are not covered yet; the publication deadlines were not checked"
        ), f"check them against {nation}'s own regulations"


def duplicate_refs(plan: EqualityPlan, on: dt.date) -> Found:
    # An id names one item in the whole plan; a ref is a number as printed, so it need only be
    # unique among its siblings: numbering may restart under each objective, school or priority.
    seen: dict[tuple[str, Path_, str], Any] = {}
    for path, o in plan.objectives_with_paths():
        items: list[tuple[str, Path_, str, Path_, Any]] = []
        if o.id:
            items.append(("objective id", (), o.id, (*path, "id"), o))
        if o.ref:
            items.append(("objective ref", path[:-1], o.ref, (*path, "ref"), o))
        for n, a in enumerate(o.actions):
            if a.id:
                items.append(("action id", (), a.id, (*path, "actions", n, "id"), a))
            if a.ref:
                items.append(("action ref", path, a.ref, (*path, "actions", n, "ref"), a))
        for n, r in enumerate(o.risks):
            if r.ref:
                items.append(("risk ref", (), r.ref, (*path, "risks", n, "ref"), r))
        for kind, scope, value, where, item in items:
            first = seen.setdefault((kind, scope, value), item)
            if first is not item and first != item:  # the same risk shared by objectives is fine
                within = " under this objective" if kind == "action ref" else ""
                yield where, f"{kind} {value!r} is used twice{within}", "give each its own reference"


def superseded_by_unknown(plan: EqualityPlan, on: dt.date) -> Found:
    ids: set[str] = set()
    replaced: list[tuple[Path_, Any]] = []  # the items that name what replaces them, in the plan's order
    for path, o in plan.objectives_with_paths():
        kinds: tuple[tuple[str | None, tuple[Any, ...]], ...] = ((None, (o,)), ("actions", o.actions), ("measures", o.measures))
        for step, items in kinds:
            for n, item in enumerate(items):
                if item.id:
                    ids.add(item.id)
                if item.superseded_by is not None:
                    replaced.append((path if step is None else (*path, step, n), item))
    for path, item in replaced:
        if item.superseded_by not in ids:
            yield (*path, "superseded_by"), f"superseded_by names {item.superseded_by!r}, which no item has as its id", (
                "give the id of the objective, action or measure that replaces it, or remove superseded_by"
            )


def _spans(context: DateContext) -> Callable[[When], tuple[dt.date, dt.date] | None]:
    """
    Return what gives a written date's first and last day under a plan's date context, read
    once for each text (a plan writes the same few dates again and again).
    """
    found: dict[str, tuple[dt.date, dt.date] | None] = {}

    def span(when: When) -> tuple[dt.date, dt.date] | None:
        text = when.text
        if text not in found:
            found[text] = when.span_in(context)
        return found[text]

    return span


def _with_actions(objective: Objective) -> tuple[tuple[int | None, Objective | Action], ...]:
    """Return an objective (with no index) and its actions, each with its index."""
    return ((None, objective), *enumerate(objective.actions))


def finish_before_start(plan: EqualityPlan, on: dt.date) -> Found:
    # A finish is before its start only if its last day is before the start's first day, so a
    # month, a term and a day compare at their own precision; recurring dates and text never do.
    span = _spans(plan.date_context)
    for path, o in plan.objectives_with_paths():
        for n, item in _with_actions(o):
            start, finish = item.start, item.finish
            if not (start and finish):
                continue
            where = path if n is None else (*path, "actions", n)
            first = span(start)
            last = span(finish)
            if first and last and last[1] < first[0]:
                yield (*where, "finish"), f"finishes ({finish}) before it starts ({start})", (
                    "swap the dates or correct one"
                )


def outside_period(plan: EqualityPlan, on: dt.date) -> Found:
    context = plan.date_context
    span = context.period
    if span is None:
        return
    covered = _spans(context)
    for path, o in _current(plan):
        for n, item in _with_actions(o):
            for key, when in (("start", item.start), ("finish", item.finish)):
                covers = covered(when) if when is not None else None
                if covers and (covers[1] < span[0] or covers[0] > span[1]):
                    yield (*path, key) if n is None else (*path, "actions", n, key), (
                        f"{when} is outside the plan period {plan.period}"
                    ), "correct the date, or the plan's period"


def targets_outside_period(plan: EqualityPlan, on: dt.date) -> Found:
    context = plan.date_context
    span = context.period
    if span is None:
        return
    for path, o in _current(plan):
        for n, measure in enumerate(o.measures):
            later = [
                t.period for t in measure.targets
                if t.value is not None and (p := When(t.period).span_in(context))
                and p[0] > span[1]
            ]
            if later:
                yield (*path, "measures", n, "targets"), (
                    f"targets are set for {', '.join(later)}, after the plan period {plan.period}"
                ), "fine for a multi-year measure; otherwise move them to the next plan"


def risk_out_of_range(plan: EqualityPlan, on: dt.date) -> Found:
    scale = plan.risk_scale
    for path, o in plan.objectives_with_paths():
        for n, risk in enumerate(o.risks):
            for key, top in (("impact", len(scale.impact)), ("probability", len(scale.probability)),
                             ("residual_impact", len(scale.impact)),
                             ("residual_probability", len(scale.probability))):
                value = getattr(risk, key)
                if value is not None and not 1 <= value <= top:
                    yield (*path, "risks", n, key), f"{key.replace('_', ' ')} {value} is outside 1-{top}", (
                        f"use a level from 1 to {top} of the risk scale"
                    )


def owner_not_in_contacts(plan: EqualityPlan, on: dt.date) -> Found:
    names = {c.name for c in plan.organisation.contacts}
    if not names:
        return
    if plan.organisation.contact:
        names.add(plan.organisation.contact.name)
    for path, o in _current(plan):
        for n, action in enumerate(o.actions):
            if action.current and action.owner and action.owner not in names:
                yield (*path, "actions", n, "owner"), f"{action.owner!r} is not in the contact list", (
                    "add them to organisation.contacts, or correct the name"
                )
