"""What each field of each table prints: a getter per field of objectives, actions and measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

import attrs

from equality_docs.context.children import milestone_line
from equality_docs.context.common import (
    DateFormat,
    characteristics_label,
    date_text,
    dates,
    duty_link,
    objective_status,
    owner,
    text,
)
from equality_docs.model import (
    Action,
    Objective,
    PerformanceMeasure,
    PeriodValue,
    Result,
    When,
    assess,
)
from equality_docs.model.progress import Status, latest
from equality_docs.model.values import Prose

Cell = str | Prose


def _completed(action: Action, fmt: DateFormat) -> str:
    if action.completed is not None:
        return date_text(action.completed, fmt)
    done = [n for n in action.progress if n.status is Status.COMPLETE]
    if not done:
        return ""
    return date_text(done[0].on, fmt) or Status.COMPLETE.label


def _latest_text(action: Action, fmt: DateFormat) -> Prose | str:
    note = latest(action.progress, fmt.context)
    return note.text if note is not None and note.text else ""


def objective_cells(fmt: DateFormat) -> Mapping[str, Callable[[Objective], Cell]]:
    """Return each objectives-table field's getter, its dates in the document's style."""

    def status(o: Objective) -> str:
        found = objective_status(o)
        return "" if found is None else found.label

    return {
        "ref": lambda o: text(o.ref),
        "text": lambda o: o.text,
        "service_area": lambda o: text(o.service_area),
        "aim": lambda o: text(o.aim),
        "duty_link": duty_link,
        "characteristics": characteristics_label,
        "target_groups": lambda o: "\n".join(o.target_groups),
        "owner": lambda o: owner(o.owner, o.division),
        "division": lambda o: text(o.division),
        "start": lambda o: date_text(o.start, fmt),
        "finish": lambda o: date_text(o.finish, fmt),
        "dates": lambda o: dates(o.start, o.finish, fmt),
        "linkages": lambda o: ", ".join(o.linkages),
        "status": status,
        "outcome": lambda o: o.outcome or "",
    }


def action_cells(fmt: DateFormat, done: str = "done") -> Mapping[str, Callable[[Action], Cell]]:
    """Return each actions-table field's getter, its dates in the document's style, a met milestone marked `done`."""
    return {
        "ref": lambda a: text(a.ref),
        "text": lambda a: a.text,
        "owner": lambda a: owner(a.owner, a.division),
        "division": lambda a: text(a.division),
        "start": lambda a: date_text(a.start, fmt),
        "finish": lambda a: date_text(a.finish, fmt),
        "dates": lambda a: dates(a.start, a.finish, fmt),
        "linkages": lambda a: ", ".join(a.linkages),
        "status": lambda a: "" if a.status is None else a.status.label,
        "completed": lambda a: _completed(a, fmt),
        "outcome": lambda a: a.outcome or _latest_text(a, fmt),
        "progress": lambda a: _latest_text(a, fmt),
        "milestones": lambda a: "\n".join(
            milestone_line(m, lambda day: date_text(day, fmt), done) for m in a.milestones
        ),
    }


_RAG = {Result.MET: "Green", Result.NOT_MET: "Red"}


def latest_period(measure: PerformanceMeasure, fmt: DateFormat) -> str | None:
    """Return the latest period a result is reported for, or None."""
    reported = [(i, a.period) for i, a in enumerate(measure.actuals) if a.value is not None]
    if not reported:
        return None

    def key(item: tuple[int, str]) -> tuple[dt.date, int]:
        covered = When(item[1]).span_in(fmt.context)
        return (covered[1] if covered else dt.date.min, item[0])

    return max(reported, key=key)[1]


def rag(measure: PerformanceMeasure, fmt: DateFormat) -> str:
    """
    Return a measure's RAG rating: Green or Red from its latest result against that period's target
    (else the final target), where both are numbers and the measure has a direction; else as written.
    """
    period = latest_period(measure, fmt)
    if period is not None and measure.direction is not None:
        judged = measure
        if measure.target_for(period) is None and measure.target is not None:
            judged = attrs.evolve(measure, targets=(*measure.targets, PeriodValue(period=period, value=measure.target)))
        found = _RAG.get(assess(judged, period).result)
        if found is not None:
            return found
    return text(measure.rag)


def measure_cells(fmt: DateFormat) -> Mapping[str, Callable[[PerformanceMeasure], Cell]]:
    """Return each measures-table field's getter (the per-period fields are spread by `build_table`)."""

    def latest_result(m: PerformanceMeasure) -> str:
        period = latest_period(m, fmt)
        return "" if period is None else f"{m.actual_for(period)} ({date_text(period, fmt)})"

    return {
        "ref": lambda m: m.ref,
        "description": lambda m: m.description,
        "unit": lambda m: text(m.unit),
        "baseline": lambda m: text(m.baseline),
        "baseline_on": lambda m: date_text(m.baseline_on, fmt),
        "target": lambda m: text(m.target),
        "latest_result": latest_result,
        "rag": lambda m: rag(m, fmt),
        "commentary": lambda m: m.commentary or "",
        "owner": lambda m: owner(m.owner, m.division),
    }


def measure_periods(measures: Iterable[PerformanceMeasure], field: str, fmt: DateFormat) -> tuple[str, ...]:
    """Return every period the measures' targets (or results) name, as written, in date order, each once."""
    seen: dict[str, int] = {}
    for measure in measures:
        for value in measure.targets if field == "targets" else measure.actuals:
            seen.setdefault(value.period, len(seen))

    def key(period: str) -> tuple[dt.date, int]:
        covered = When(period).span_in(fmt.context)
        return (covered[0] if covered else dt.date.max, seen[period])

    return tuple(sorted(seen, key=key))
