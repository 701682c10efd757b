"""
Merge a progress review into a plan: statuses and commentary by id or reference, results by
measure, for objectives' actions and measures and the plan's own alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from equality_docs.errors import InputError, Problem
from equality_docs.model import (
    Action,
    EqualityPlan,
    ItemProgress,
    MeasureProgress,
    Objective,
    PerformanceMeasure,
    PeriodValue,
    ProgressNote,
    ProgressReview,
)

Path_ = tuple[str | int, ...]


def _key_matches(entry: ItemProgress | MeasureProgress, item_id: str | None, refs: set[str]) -> bool:
    if entry.id is not None:
        return entry.id == item_id
    return entry.ref is not None and entry.ref in refs


def _refs(ref: str | None) -> set[str]:
    return {ref} if ref else set()


def _note(entry: ItemProgress, review: ProgressReview) -> ProgressNote:
    return ProgressNote(on=review.review.on, status=entry.status, text=entry.text, evidence=entry.evidence)


def _merge_values(old: tuple[PeriodValue, ...], new: tuple[PeriodValue, ...]) -> tuple[PeriodValue, ...]:
    replaced = {v.period: v for v in new}
    kept = [replaced.pop(v.period, v) for v in old]
    return (*kept, *replaced.values())


def apply_progress(
    plan: EqualityPlan,
    review: ProgressReview,
    *,
    file: Path | str | None = None,
    lines: Mapping[Path_, int] | None = None,
) -> EqualityPlan:
    """
    Return the plan with a review's progress merged in.

    Raises:
        InputError: an entry names an objective, action or measure the plan does not have.
    """
    used: set[tuple[str, int]] = set()

    def find(kind: str, entries: tuple[Any, ...], item_id: str | None, refs: set[str]) -> list[Any]:
        found = []
        for index, entry in enumerate(entries):
            if _key_matches(entry, item_id, refs):
                used.add((kind, index))
                found.append(entry)
        return found

    def measure(m: PerformanceMeasure) -> PerformanceMeasure:
        refs = {m.ref, *m.refs} - {""}
        for entry in find("measures", review.measures, m.id, refs):
            m = attrs.evolve(
                m, baseline=entry.baseline or m.baseline, actuals=_merge_values(m.actuals, entry.actuals)
            )
        return m

    def action(a: Action) -> Action:
        notes = tuple(_note(e, review) for e in find("actions", review.actions, a.id, _refs(a.ref)))
        return attrs.evolve(a, progress=a.progress + notes) if notes else a

    def objective(o: Objective) -> Objective:
        notes = tuple(_note(e, review) for e in find("objectives", review.objectives, o.id, _refs(o.ref)))
        return attrs.evolve(
            o,
            progress=o.progress + notes,
            actions=tuple(action(a) for a in o.actions),
            measures=tuple(measure(m) for m in o.measures),
        )

    merged = plan.map_objectives(objective)
    # The plan's own actions and measures are found by id or reference as an objective's are.
    merged = attrs.evolve(
        merged,
        actions=tuple(action(a) for a in merged.actions),
        measures=tuple(measure(m) for m in merged.measures),
    )
    groups: list[tuple[str, tuple[ItemProgress | MeasureProgress, ...]]] = [
        ("objectives", review.objectives), ("actions", review.actions), ("measures", review.measures),
    ]
    problems = [
        Problem(
            path=f"{kind}[{index}]",
            line=(lines or {}).get((kind, index)),
            message=f"no {kind[:-1]} in the plan has the {'id' if entry.id else 'reference'} "
                    f"{entry.id or entry.ref!r}",
            hint="check the spelling against the plan's id or ref",
        )
        for kind, entries in groups
        for index, entry in enumerate(entries)
        if (kind, index) not in used
    ]
    if problems:
        raise InputError(file, tuple(problems))
    return attrs.evolve(
        merged,
        reviews=(*plan.reviews, review.review),
        information=(*plan.information, *review.information),
    )


def load_progress(
    plan: EqualityPlan, base: Path, loader: Callable[[Path], tuple[ProgressReview, Mapping[Path_, int]]]
) -> EqualityPlan:
    """Return the plan with every file in its `progress_files` merged, in order."""
    for name in plan.progress_files:
        path = base / name
        review, lines = loader(path)
        plan = apply_progress(plan, review, file=path, lines=lines)
    return attrs.evolve(plan, progress_files=())
