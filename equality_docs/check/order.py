"""The rule on the grouping order: an entry that names a group no objective is in (a misspelling)."""

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
