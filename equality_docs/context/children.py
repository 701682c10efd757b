"""
The blocks printed under an objective (actions, evidence, key themes, success criteria,
anticipated impact, milestones, measures, targets), in the order the plan wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from equality_docs.model import (
    Action,
    ChildKind,
    Labels,
    Milestone,
    Objective,
    PerformanceMeasure,
    PeriodValue,
    Target,
)
from equality_docs.model.values import Prose, When
from equality_docs.safe_text import escape_markdown

#: The blocks every layout prints under an objective that prints its detail. Milestones and measures
#: print here too unless a layout has a place of its own for them (the objectives plan's milestones
#: column, the annual report's and the action plan's measures tables): such a layout names them in
#: `placed`, so they print once. Actions print where a layout has a place for them (a column, a
#: table, a list), so a layout names them itself (`also`) when it prints them among these.
DETAIL_KINDS = frozenset({
    ChildKind.EVIDENCE, ChildKind.THEMES, ChildKind.SUCCESS_CRITERIA, ChildKind.IMPACT,
    ChildKind.MILESTONES, ChildKind.MEASURES, ChildKind.TARGETS,
})

#: Prints a written date in the document's style.
DatePrinter = Callable[[When | None], str]


@attrs.frozen(kw_only=True)
class TargetView:
    """A target as printed: its label as written, text, baseline, value, due date and latest update."""

    label: str
    text: str
    baseline: str
    baseline_on: str
    value: str
    due: str
    status: str
    progress: str
    updated_on: str
    line: str


@attrs.frozen(kw_only=True)
class ChildView:
    """
    One block under an objective: its kind (the plan's key, "success_criteria"), its heading
    from the plan's labels, and its items each as one printed line, as Markdown (`Prose`): evidence,
    key themes, success criteria, impact and a target's text as the plan wrote them (links print as
    links), the rest (an action, a milestone, a measure, a target's figures) escaped to print as written;
    targets also in full.
    """

    kind: str
    heading: str
    items: tuple[Prose, ...]
    targets: tuple[TargetView, ...] = ()


def heading(kind: ChildKind, labels: Labels) -> str:
    """Return the heading a kind of block prints under: the plan's label for it."""
    label: str = getattr(labels, f"objective_{kind.value}")
    return label


def _sentence(text: str) -> str:
    return text if not text or text[-1] in ".!?:;" else f"{text}."


def target_view(target: Target, labels: Labels, date: DatePrinter) -> TargetView:
    """Return a target as printed, with the one line a list item or a cell prints for it."""
    baseline = str(target.baseline) if target.baseline is not None else ""
    baseline_on = date(target.baseline_on)
    value = str(target.value) if target.value is not None else ""
    due = date(target.due)
    status = target.status.label if target.status is not None else ""
    updated_on = date(target.updated_on)
    progress = target.progress or ""
    parts = [" ".join(p for p in (target.label, _sentence(target.text)) if p)]
    if baseline:
        parts.append(_sentence(f"{labels.target_baseline}: {baseline}" + (f" ({baseline_on})" if baseline_on else "")))
    if value or due:
        aim = " ".join(p for p in (value, f"{labels.target_due} {due}" if due else "") if p)
        parts.append(_sentence(f"{labels.target_value}: {aim}"))
    if status:
        parts.append(_sentence(f"{labels.target_status}: {status}"))
    if progress:
        parts.append(f"{labels.target_progress}" + (f" ({updated_on})" if updated_on else "") + f": {progress}")
    elif updated_on:
        parts.append(_sentence(f"{labels.target_updated_on}: {updated_on}"))
    return TargetView(
        label=target.label or "", text=target.text, baseline=baseline, baseline_on=baseline_on, value=value, due=due, status=status, progress=progress, updated_on=updated_on, line=" ".join(parts),
    )


def milestone_line(milestone: Milestone, date: DatePrinter, done: str = "done") -> str:
    """
    Return a milestone as one line prints it: its text, then in brackets when it is due and, once
    met, the plan's word for done (`labels: milestone_done`): "Leaflet printed (June 2025, done)",
    "Phone line live (Oct 2025)", so a met one reads differently from an open one in every format.
    """
    notes = [n for n in (date(milestone.due) if milestone.due else "", done if milestone.done else "") if n]
    return f"{milestone.text} ({', '.join(notes)})" if notes else milestone.text


def action_line(action: Action, date: DatePrinter, labels: Labels) -> str:
    """
    Return an action as a block's item prints it in full: its text, then who leads it and when it
    is due, as written ("Audit the booking system (Head of Patient Experience, by 31/12/2025)").
    """
    who = " / ".join(p for p in (action.owner, action.division) if p)
    due = date(action.finish) if action.finish else ""
    notes = ", ".join(p for p in (who, f"{labels.target_due} {due}" if due else "") if p)
    return f"{action.text} ({notes})" if notes else action.text


def _period_values(values: Sequence[PeriodValue], date: DatePrinter) -> str:
    return ", ".join(f"{v.value} ({date(When(v.period))})" for v in values if v.value is not None)


def measure_line(measure: PerformanceMeasure, date: DatePrinter, labels: Labels) -> str:
    """
    Return a measure as a block's item prints it: its references and description, then its
    baseline, its targets by period and final target, and the results reported, where it has
    them ("ASC 04 Satisfied with access. Baseline: 61% (2023/24). Target: 68% (2025/26), 75%
    overall. Result: 63% (2024/25).").
    """
    parts = [_sentence(" ".join(p for p in (measure.ref, measure.description) if p))]
    if measure.baseline is not None:
        on = date(measure.baseline_on) if measure.baseline_on else ""
        parts.append(f"{labels.target_baseline}: {measure.baseline}" + (f" ({on})." if on else "."))
    targets = [t for t in (_period_values(measure.targets, date),) if t]
    if measure.target is not None:
        targets.append(f"{measure.target} overall" if targets else str(measure.target))
    if targets:
        parts.append(f"{labels.target_value}: {', '.join(targets)}.")
    if results := _period_values(measure.actuals, date):
        parts.append(f"{'Result' if len(measure.actuals) == 1 else 'Results'}: {results}.")
    return " ".join(parts)


def _item(item: object, date: DatePrinter, labels: Labels, brief: bool) -> Prose:
    """An item of a block as Markdown: written text (evidence, themes...) as it is, any other text escaped."""
    if isinstance(item, Action):
        return Prose(escape_markdown(item.text if brief else action_line(item, date, labels)))
    if isinstance(item, Milestone):
        return Prose(escape_markdown(milestone_line(item, date, labels.milestone_done)))
    if isinstance(item, PerformanceMeasure):
        return Prose(escape_markdown(measure_line(item, date, labels)))
    return Prose(" ".join(str(item).split()))  # one line, as a list item or a cell holds it


def _target_line(target: Target, line: str) -> Prose:
    """A target's line as Markdown: its text as written (links print as links), its label and figures escaped."""
    head = " ".join(p for p in (target.label, _sentence(target.text)) if p)
    rest = line.removeprefix(head).strip()
    parts = [escape_markdown(target.label or ""), _sentence(" ".join(target.text.split())), escape_markdown(rest)]
    return Prose(" ".join(p for p in parts if p))


def child_views(
    objective: Objective,
    labels: Labels,
    date: DatePrinter,
    also: frozenset[ChildKind] = frozenset(),
    placed: frozenset[ChildKind] = frozenset(),
    brief_actions: bool = False,
) -> tuple[ChildView, ...]:
    """
    Return an objective's filled blocks of the detail kinds (and of `also`, but none of `placed`,
    which the layout prints in a place of its own) in the order the plan wrote them; none when it
    has none. Actions print with who leads them and when they are due, unless `brief_actions`
    (a statement, not a plan) asks for their text alone.
    """
    views = []
    kinds = (DETAIL_KINDS | also) - placed
    for kind, items in objective.children():
        if kind not in kinds:
            continue
        if kind is ChildKind.TARGETS:
            targets = tuple(target_view(t, labels, date) for t in objective.targets)
            views.append(ChildView(kind=kind.value, heading=heading(kind, labels),
                                   items=tuple(_target_line(t, v.line) for t, v in zip(objective.targets, targets, strict=True)),
                                   targets=targets))
        else:
            views.append(ChildView(kind=kind.value, heading=heading(kind, labels),
                                   items=tuple(_item(i, date, labels, brief_actions) for i in items)))
    return tuple(views)
