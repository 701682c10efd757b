"""
The annual report's "this year against last": for each measure with results for two periods,
and each objective reviewed in two years, the last period beside the latest and the change.
Nothing is printed for an item with only one period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from equality_docs.context.common import DateFormat, date_text
from equality_docs.context.refs import labelled
from equality_docs.model import Direction, Objective, PerformanceMeasure, ProgressNote, Quantity, Status
from equality_docs.model.values import QuantityKind, When

#: How far along each status is, to say whether an objective moved forward or back.
_RANK = {Status.OFF_TRACK: 0, Status.AT_RISK: 1, Status.NOT_STARTED: 1, Status.ON_TRACK: 2, Status.COMPLETE: 3}
NOT_COMPARABLE = "Cannot be compared"


@attrs.frozen(kw_only=True)
class ComparisonRow:
    """One item's last period and this one side by side ("2023/24: 76%"), and the change."""

    item: str
    last: str
    this: str
    change: str


def _start(period: str, fmt: DateFormat) -> dt.date | None:
    covered = When(period).span_in(fmt.context)
    return covered[0] if covered else None


def _number(value: float) -> str:
    """Return a signed difference as printed: "+3", "-0.2"."""
    return f"{value:+,.2f}".rstrip("0").rstrip(".")


def value_change(last: Quantity, this: Quantity, direction: Direction | None) -> str:
    """
    Return the change from one result to the next: "+4 points" between percentages, "+12"
    between numbers, with "(better)" or "(worse)" where the measure says which way is better;
    "No change"; or "Cannot be compared" for text or results of different kinds.
    """
    kinds = {last.kind, this.kind}
    if (
        len(kinds) != 1 or QuantityKind.TEXT in kinds or last.is_change or this.is_change
        or last.number is None or this.number is None
    ):
        return NOT_COMPARABLE
    difference = round(this.number - last.number, 6)
    if difference == 0:
        return "No change"
    unit = " points" if this.kind in (QuantityKind.PERCENT, QuantityKind.POINTS) else ""
    better = ""
    if direction is not None:
        up = difference > 0
        better = " (better)" if up == (direction is Direction.HIGHER) else " (worse)"
    return f"{_number(difference)}{unit}{better}"


def measure_rows(measures: Iterable[PerformanceMeasure], fmt: DateFormat) -> tuple[ComparisonRow, ...]:
    """Return a row for each measure with results for two periods or more: the latest two."""
    rows = []
    for measure in measures:
        dated = [
            (start, n, a.period, a.value)
            for n, a in enumerate(measure.actuals)
            if a.value is not None and (start := _start(a.period, fmt))
        ]
        if len(dated) < 2:
            continue
        dated.sort(key=lambda item: (item[0], item[1]))
        (_, _, last_period, last), (_, _, this_period, this) = dated[-2], dated[-1]
        rows.append(ComparisonRow(
            item=f"{measure.ref} {measure.description}".strip(),
            last=f"{date_text(last_period, fmt)}: {last}",
            this=f"{date_text(this_period, fmt)}: {this}",
            change=value_change(last, this, measure.direction),
        ))
    return tuple(rows)


def _year(day: dt.date, start_month: int) -> int:
    return day.year if day.month >= start_month else day.year - 1


def _year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def _yearly(notes: Iterable[ProgressNote], fmt: DateFormat) -> dict[int, Status]:
    """Return each year's status: that of the year's last dated review with a status."""
    found: dict[int, tuple[dt.date, int, Status]] = {}
    for index, note in enumerate(notes):
        covered = note.on.span_in(fmt.context) if note.on is not None else None
        if covered is None or note.status is None:
            continue
        year = _year(covered[1], fmt.context.year_start)
        if year not in found or (covered[1], index) >= found[year][:2]:
            found[year] = (covered[1], index, note.status)
    return {year: status for year, (_, _, status) in found.items()}


def objective_rows(objectives: Iterable[Objective], fmt: DateFormat) -> tuple[ComparisonRow, ...]:
    """Return a row for each objective reviewed in two years or more: its status in the latest two."""
    rows = []
    for objective in objectives:
        yearly = _yearly(objective.progress, fmt)
        if len(yearly) < 2:
            continue
        last_year, this_year = sorted(yearly)[-2:]
        last, this = yearly[last_year], yearly[this_year]
        step = _RANK[this] - _RANK[last]
        rows.append(ComparisonRow(
            item=labelled(objective),
            last=f"{_year_label(last_year)}: {last.label}",
            this=f"{_year_label(this_year)}: {this.label}",
            change="No change" if last is this else ("Moved forward" if step > 0 else "Moved back" if step < 0 else "Changed"),
        ))
    return tuple(rows)
