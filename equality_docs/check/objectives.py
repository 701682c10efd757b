"""
The objectives current documents print, with their paths, found once for all the rules that ask
about one plan in turn (the rules that judge what an objective holds pass over a retired or
superseded one; the consistency rules still see it).
"""

from __future__ import annotations

import weakref

from equality_docs.model import EqualityPlan, Objective

Path_ = tuple[str | int, ...]

#: The current objectives of the plan last asked about, found once for the rules that ask in turn:
#: a weak reference to the plan (the entry goes with it) and the objectives with their paths.
_found: tuple[weakref.ref[EqualityPlan], tuple[tuple[Path_, Objective], ...]] | None = None


def current(plan: EqualityPlan) -> tuple[tuple[Path_, Objective], ...]:
    """Return the objectives current documents print, with their paths, in the plan's order."""
    global _found  # noqa: PLW0603  # one entry, replaced whole
    last = _found
    if last is not None and last[0]() is plan:
        return last[1]
    found = tuple([(path, o) for path, o in plan.objectives_with_paths() if o.current])
    _found = (weakref.ref(plan, _forget), found)
    return found


def _forget(plan: weakref.ref[EqualityPlan]) -> None:
    """Drop the entry of a plan that is gone (the objectives it held go with it)."""
    global _found  # noqa: PLW0603
    if _found is not None and _found[0] is plan:
        _found = None
