"""
The rules on where things print: a grouping order entry that names a group no objective is in,
and a section placed beside an objective the plan does not hold (a plan built in Python; the
loader refuses one in a file).
"""

from __future__ import annotations

import datetime as dt
import difflib

from equality_docs.check.rules import Found
from equality_docs.model import EqualityPlan, GroupKey, group_objectives
from equality_docs.model._vocabulary import normal


def order_names_no_group(plan: EqualityPlan, on: dt.date) -> Found:
    """Warn of a `grouping.order` entry no objective is in, under a free key (audience, tags...)."""
    # Aims and characteristics are refused by the loader; a free key's group may be planned ahead.
    grouping = plan.grouping
    if grouping is None or grouping.by in (GroupKey.AIM, GroupKey.CHARACTERISTIC):
        return
    held = list(plan.objectives_with_paths())
    outcomes = [
        plan.appendices[int(path[1])].outcomes[int(path[3])].outcome if path[:1] == ("appendices",)
        and path[2] == "outcomes" else None
        for path, _ in held
    ]
    groups = group_objectives([o for _, o in held], grouping, plan.characteristics, outcomes)
    filled = {normal(g.name): g.name for g in groups if g.members}
    for n, entry in enumerate(grouping.order):
        if normal(entry) not in filled:
            close = difflib.get_close_matches(normal(entry), sorted(filled), n=1)
            guess = f'did you mean "{filled[close[0]]}"? ' if close else ""
            yield ("grouping", "order", n), (
                f"no objective is in the group {entry!r}, so it prints {grouping.empty!r}"
            ), f"{guess}check the spelling against the objectives' {grouping.by.value} values, or leave it if none is planned"


def placed_beside_unknown(plan: EqualityPlan, on: dt.date) -> Found:
    """Report a top-level section placed beside an objective no objective's id or ref names."""
    names, unknown = plan.placed_beside_unknown()
    for n, place in unknown:
        close = difflib.get_close_matches(place.objective or "", sorted(names), n=1)
        guess = f'did you mean "{close[0]}"? ' if close else ""
        listing = f"the objectives' ids are: {', '.join(names)}" if names else "no objective has an id"
        yield ("sections", n, "place", place.side.value), (
            f"no objective has the id {place.objective!r}, so the section prints after the objectives"
        ), f"{guess}{listing}"
