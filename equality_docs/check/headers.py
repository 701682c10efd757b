"""
The rule on tables' headers: a `{period}`, `{year}` or `{as_at}` the plan gives nothing to fill,
so the header prints without it (or as the column's default header).
"""

from __future__ import annotations

import datetime as dt

import attrs

from equality_docs.check.rules import Found
from equality_docs.model import EqualityPlan, Tables
from equality_docs.model.tables import PLACEHOLDER

#: How to give each name a value.
_FILL = {
    "period": "give the plan's `period:`",
    "year": "give the plan's `period:` or a progress review's `period:`",
    "as_at": "give a progress file (`progress_files:`) or a review with its date (`reviews: [{on: ...}]`)",
}


def _empty(plan: EqualityPlan) -> set[str]:
    """Return the names a header may hold that have no value in this plan."""
    review = plan.reviews[-1] if plan.reviews else None
    empty = set()
    if not plan.period:
        empty.add("period")
        if review is None or not review.period:
            empty.add("year")
    if review is None:
        empty.add("as_at")
    return empty


def unfilled_placeholders(plan: EqualityPlan, on: dt.date) -> Found:
    """Warn of a column's header or note naming `{period}`, `{year}` or `{as_at}` where the plan gives it no value."""
    empty = _empty(plan)
    if not empty:
        return
    for name in attrs.fields_dict(Tables):
        spec = getattr(plan.tables, name)
        for n, column in enumerate(spec.columns if spec is not None else ()):
            # A measures table's per-period columns fill `{period}` with each column's own period.
            own_period = name == "measures" and column.field in ("targets", "results")
            for part in ("header", "note"):
                words = getattr(column, part)
                missing = dict.fromkeys(
                    found for found in PLACEHOLDER.findall(words or "")
                    if found in empty and not (own_period and found == "period")
                )
                for found in missing:
                    yield ("tables", name, "columns", n), (
                        f"the {part} {words!r} of the {name} table's column {column.field!r} names {{{found}}},"
                        f" which has no value in this plan, so it prints without it"
                    ), f"{_FILL[found]}, or take {{{found}}} out of the {part}"
