"""
The rule on judging results: a measure with targets and results but no `direction` cannot be
judged met or not met, so the annual report prints its results "Not assessed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from equality_docs.check.rules import Found, Path_
from equality_docs.model import EqualityPlan, PerformanceMeasure


def _measures(plan: EqualityPlan) -> Iterator[tuple[Path_, PerformanceMeasure]]:
    """Yield the measures current documents print, with their paths: the current objectives' and the plan's own."""
    for path, objective in plan.objectives_with_paths():
        if objective.current:
            yield from (((*path, "measures", n), m) for n, m in enumerate(objective.measures))
    yield from ((("measures", n), m) for n, m in enumerate(plan.measures))


def _judgeable(measure: PerformanceMeasure) -> bool:
    """Return whether a measure has a figure to aim at and a figure reported."""
    targets = (measure.target, *(t.value for t in measure.targets))
    return any(t is not None and t.number is not None for t in targets) and any(
        a.value is not None and a.value.number is not None for a in measure.actuals
    )


def no_direction(plan: EqualityPlan, on: dt.date) -> Found:
    """Warn of a measure with targets and results but no `direction`: its results are not judged."""
    for path, measure in _measures(plan):
        if measure.current and measure.direction is None and _judgeable(measure):
            name = " ".join(p for p in (measure.ref, measure.description[:50]) if p)
            yield path, (
                f"measure {name!r} has targets and results but no direction, so its results are "
                "printed \"Not assessed\" rather than met or not met"
            ), "add direction: higher if a rise is better, or direction: lower if a fall is better"
