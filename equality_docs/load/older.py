"""
Keys of older plan formats: the one table `equality-docs migrate` rewrites by (migrate.py), and
that the loader reads to tell a user who writes an older key what it became, instead of
guessing at a misspelling.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

#: Keys of `labels:` renamed when the objectives plan's columns took labels of their own.
LABEL_RENAMES: dict[str, str] = {
    "objective_duty_link": "plan_duty_link",
    "objective_characteristics": "plan_characteristics",
    "objective_aim": "plan_aim",
    "objective_target_groups": "plan_target_groups",
    "objective_target_groups_note": "plan_target_groups_note",
    "objective_dates": "plan_dates",
    # `objective_milestones` (once the plan's milestones column) is a current label again, the
    # heading of an objective's milestones: it is kept as written, never guessed at (see KEPT).
}

#: Keys of a risk band that are no longer read, and why.
BAND_REMOVED: dict[str, str] = {"text_colour": "bands are printed with black text"}

#: Keys of `labels:` kept by name whose meaning changed: what each meant, and what it means now.
KEPT: dict[str, str] = {
    "objective_milestones": (
        "kept as written, but its meaning changed: it once titled the objectives plan's milestones "
        "column and now heads each objective's milestones (that column's title is plan_milestones: "
        "rename it if the column is what you meant)"
    ),
}

#: How the user upgrades a whole plan.
MIGRATE_HINT = "run `equality-docs migrate PLAN.yaml -o NEW.yaml` to upgrade the plan, comments kept"


def older_key(path: Sequence[str | int]) -> str | None:
    """
    Return what became of the key at `path` in an older format ("renamed to plan_aim"), or None
    where the key is not one an older format had there.
    """
    if len(path) == 2 and path[0] == "labels" and isinstance(path[1], str) and path[1] in LABEL_RENAMES:
        return f"an older name, renamed to {LABEL_RENAMES[path[1]]}"
    if (
        len(path) == 4 and tuple(path[:2]) == ("risk_scale", "bands") and isinstance(path[3], str)
        and path[3] in BAND_REMOVED
    ):
        return f"no longer read ({BAND_REMOVED[path[3]]})"
    return None


def misspelt_older_key(path: Sequence[str | int], key: str, known: Sequence[str]) -> str | None:
    """
    Return a hint for an unknown `key` of the mapping at `path` that is nearer an older format's
    key there than any current field (`known`), naming what the older key became ('did you mean
    "plan_aim", the new name of "objective_aim"?'); None where it is not.
    """
    older: dict[str, str] = {}
    if tuple(path) == ("labels",):
        older = {name: f'did you mean "{new}", the new name of "{name}"?' for name, new in LABEL_RENAMES.items()}
    elif len(path) == 3 and tuple(path[:2]) == ("risk_scale", "bands"):
        older = {name: f'"{name}" is no longer read ({why}): remove it' for name, why in BAND_REMOVED.items()}
    close = difflib.get_close_matches(key, [*known, *older], n=1)
    return older[close[0]] if close and close[0] in older else None
