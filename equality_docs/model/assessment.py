"""Whether a measure met its target: computed from target, actual and direction, never typed."""

from __future__ import annotations

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.measure import Direction, PerformanceMeasure
from equality_docs.model.values import Quantity, QuantityKind


class Result(Vocabulary):
    """How a result compares with its target."""

    __noun__ = "result"

    MET = "met"
    NOT_MET = "not met"
    NO_RESULT = "no result yet"
    NOT_ASSESSED = "not assessed"

    @property
    def label(self) -> str:
        """Return the result as a table cell prints it."""
        return self.value[0].upper() + self.value[1:]


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Assessment:
    """A measure's target and actual for one period, and whether the target was met."""

    period: str
    target: Quantity | None
    actual: Quantity | None
    result: Result
    reason: str


def _previous(measure: PerformanceMeasure, period: str) -> Quantity | None:
    """Return the value a change is measured from: the previous period's actual, or the baseline."""
    periods = [a.period for a in measure.actuals]
    if period in periods:
        index = periods.index(period)
        if index > 0 and measure.actuals[index - 1].value is not None:
            return measure.actuals[index - 1].value
    return measure.baseline


def assess(measure: PerformanceMeasure, period: str) -> Assessment:
    """
    Return whether a measure met its target in a period.

    A level target ("869", "51%") is met when the actual is at or beyond it in the measure's
    direction. A change target ("-1%", "+3") is met when the change from the previous period's
    actual (or the baseline) is at least that large in that direction; a percentage change is read
    in percentage points of the measure. Text targets ("To follow") are not assessed. A period
    with no target of its own is judged against the measure's final target (`target:`).
    """
    target = measure.target_for(period)
    if target is None:
        target = measure.target
    actual = measure.actual_for(period)

    def result(outcome: Result, reason: str) -> Assessment:
        return Assessment(period=period, target=target, actual=actual, result=outcome, reason=reason)

    if actual is None or actual.number is None:
        return result(Result.NO_RESULT, "no result has been reported")
    if target is None or target.number is None or target.kind == QuantityKind.TEXT:
        return result(Result.NOT_ASSESSED, "there is no numeric target")
    if measure.direction is None:
        return result(Result.NOT_ASSESSED, "the measure does not say whether higher or lower is better")
    value = actual.number
    goal = target.number
    if target.is_change:
        reference = _previous(measure, period)
        if reference is None or reference.number is None:
            return result(Result.NOT_ASSESSED, "a change needs a baseline or an earlier result")
        value = actual.number - reference.number
    better = value >= goal if measure.direction is Direction.HIGHER else value <= goal
    return result(Result.MET if better else Result.NOT_MET,
                  f"{'at or above' if measure.direction is Direction.HIGHER else 'at or below'} the target"
                  if better else "short of the target")
