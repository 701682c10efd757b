"""
What `EqualityPlan` refuses as it is built that needs more of the plan than one field: a section
placed beside an objective the plan does not hold, a `grouping.order` entry naming no aim (or
characteristic) nor a group in the plan's words, and an information column no table has.
(A section's own tree and a table's own columns are refused by `Section` and `Tables`.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from equality_docs.model._refusals import Fault, suggestion
from equality_docs.model._vocabulary import normal
from equality_docs.model.grouping import GroupKey, named_value
from equality_docs.model.statutory import Aim, Characteristic
from equality_docs.model.tables import INFORMATION_FIELDS

if TYPE_CHECKING:
    from equality_docs.model.plan import EqualityPlan


def plan_faults(plan: EqualityPlan) -> Iterator[Fault]:
    """Yield everything `EqualityPlan` refuses across its fields, each at its path in the plan."""
    yield from _beside_unknown(plan)
    yield from _order_names_no_group(plan)
    yield from _unknown_information_columns(plan)


def _beside_unknown(plan: EqualityPlan) -> Iterator[Fault]:
    names, unknown = plan.placed_beside_unknown()
    for n, place in unknown:
        guess = suggestion(place.objective, names)
        listing = f"the objectives' ids are: {', '.join(names)}" if names else "the plan has no objectives with an id"
        yield ("sections", n, "place", place.side.value), (
            f'no objective has the id "{place.objective}", so the section cannot be placed {place.side.value} it'
        ), f"{guess + ' ' if guess else ''}{listing}"


def _order_names_no_group(plan: EqualityPlan) -> Iterator[Fault]:
    grouping = plan.grouping
    if grouping is None or grouping.by not in (GroupKey.AIM, GroupKey.CHARACTERISTIC):
        return
    aims = grouping.by is GroupKey.AIM
    names = [a.short_name for a in Aim] if aims else [str(c.value) for c in Characteristic]
    own = _own_names(plan, grouping.by)
    owned = {normal(o) for o in own}
    for n, entry in enumerate(grouping.order):
        if named_value(entry, grouping.by) is None and normal(entry) not in owned:
            guess = suggestion(entry, [*names, *(str(a.value) for a in Aim if aims), *own])
            what = "an aim of the general duty" if aims else "a protected characteristic"
            yield ("grouping", "order", n), f'"{entry}" is not {what}, so no objective can be grouped under it', (
                f"{guess + ' ' if guess else ''}name one of: {', '.join(names)}, or a group in the plan's own words"
            )


def _own_names(plan: EqualityPlan, by: GroupKey) -> list[str]:
    """Return the plan's own words for the groups: objectives' aims labels, characteristics' labels."""
    if by is GroupKey.AIM:
        return [o.aims_label for o in plan.all_objectives() if o.aims_label]
    labels = [r.label for r in plan.characteristics if r.label]
    return labels + [r.label for o in plan.all_objectives() for r in o.characteristics if r.label]


def _unknown_information_columns(plan: EqualityPlan) -> Iterator[Fault]:
    spec = plan.tables.information
    if spec is None:
        return
    names = [*INFORMATION_FIELDS, *dict.fromkeys(c for t in plan.information for c in t.columns)]
    known = {normal(n) for n in names}
    for n, column in enumerate(spec.columns):
        if normal(column.field) not in known:
            guess = suggestion(column.field, names)
            yield ("tables", "information", "columns", n), f'no information table has a column "{column.field}"', (
                f"{guess + ' ' if guess else ''}name one of: {', '.join(names)}"
            )
