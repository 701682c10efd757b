"""
The stable id of each action and measure in a tracker, and how a progress file refers to it.

The rule (docs/spreadsheets.md): an item's own `id`; else its `ref` ("1.5", "NI 111"), when no
other item of its kind has the same; else its place, `A3.2` (the third objective's second
action) or `M3.1`, or for the plan's own actions and measures (under no objective) `A2` or `M1`. A place is stable only while the plan's order is; such an item's progress
cannot be recorded in a progress file (which finds items by id or ref) until it has an id.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

import attrs

from equality_docs.model import Action, EqualityPlan, Objective, PerformanceMeasure


@attrs.frozen(kw_only=True)
class Tracked:
    """An action or measure as a tracker lists it, with its stable id."""

    kind: Literal["action", "measure"]
    id: str
    #: The objective the item delivers; None for the plan's own actions and measures.
    objective: Objective | None
    item: Action | PerformanceMeasure
    key: tuple[Literal["id", "ref"], str] | None

    @property
    def text(self) -> str:
        """Return what the action does, or what the measure measures."""
        return self.item.text if isinstance(self.item, Action) else self.item.description


def tracked_items(plan: EqualityPlan) -> tuple[Tracked, ...]:
    """
    Return every action, then every measure, of the plan's current objectives and of the plan
    itself (after the objectives'), each with its id.
    """
    objectives = [o for o in plan.all_objectives() if not o.retired]
    action_refs = Counter(a.ref for o in objectives for a in o.actions if a.ref)
    action_refs.update(a.ref for a in plan.actions if a.ref)
    measure_refs = Counter(m.ref for o in objectives for m in o.measures if m.ref)
    measure_refs.update(m.ref for m in plan.measures if m.ref)
    actions: list[Tracked] = []
    measures: list[Tracked] = []
    for number, objective in enumerate(objectives, start=1):
        for place, action in enumerate(objective.actions, start=1):
            key = _key(action.id, action.ref, action_refs)
            actions.append(Tracked(kind="action", id=key[1] if key else f"A{number}.{place}",
                                   objective=objective, item=action, key=key))
        for place, measure in enumerate(objective.measures, start=1):
            key = _key(measure.id, measure.ref, measure_refs)
            measures.append(Tracked(kind="measure", id=key[1] if key else f"M{number}.{place}",
                                    objective=objective, item=measure, key=key))
    for place, action in enumerate(plan.actions, start=1):
        key = _key(action.id, action.ref, action_refs)
        actions.append(Tracked(kind="action", id=key[1] if key else f"A{place}", objective=None,
                               item=action, key=key))
    for place, measure in enumerate(plan.measures, start=1):
        key = _key(measure.id, measure.ref, measure_refs)
        measures.append(Tracked(kind="measure", id=key[1] if key else f"M{place}", objective=None,
                                item=measure, key=key))
    return (*actions, *measures)


def _key(item_id: str | None, ref: str | None, refs: Counter[str]) -> tuple[Literal["id", "ref"], str] | None:
    if item_id:
        return ("id", item_id)
    if ref and refs[ref] == 1:
        return ("ref", ref)
    return None
