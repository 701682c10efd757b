"""
What changed between two editions of a plan, in plain words for a committee.

Sections (by title, nested ones too), objectives, actions and measures (under objectives and the
plan's own) are compared item by item (items.py pairs them, compare.py compares each pair):
added, removed, reworded (old and new wording), retired, superseded (named as a reader knows the
item that replaces it) or brought back; renumbered or moved (an action to another objective, an
objective to another priority, outcome or school); a status, a date, an owner, a
service area, characteristics, a target (interim, final, an objective's own baseline and value)
or a result changed. The plan as a whole is compared too (settings.py): its title and period,
editions, progress reviews, the organisation's name, the document's dates, labels, tables and settings,
so "No changes." means the two plans say the same.
"""

from __future__ import annotations

from equality_docs.diff.changes import Change, ChangeKind, ItemKind, PlanDiff
from equality_docs.diff.compare import compare
from equality_docs.diff.formats import format_markdown, format_text
from equality_docs.diff.items import Item, holders, match, pair_holders, plan_items
from equality_docs.diff.settings import plan_changes
from equality_docs.model import EqualityPlan

__all__ = ["Change", "ChangeKind", "ItemKind", "PlanDiff", "diff_plans", "format_markdown", "format_text"]


def _label(plan: EqualityPlan, fallback: str) -> str:
    version = plan.document.version if plan.document else None
    if version is None and plan.editions:
        version = plan.editions[-1].version
    return f"version {version}" if version else fallback


def _successors(items: dict[ItemKind, list[Item]], kind: ItemKind) -> dict[str, str]:
    """
    Return how a sentence names each item of the new plan with an id, by its id, for "superseded
    by ...": items of the same kind first, then of any kind.
    """
    names = {item.id: item.name for found in items.values() for item in found if item.id}
    return names | {item.id: item.name for item in items[kind] if item.id}


def diff_plans(old: EqualityPlan, new: EqualityPlan, *, old_label: str = "the old plan",
               new_label: str = "the new plan") -> PlanDiff:
    """Return what changed from `old` to `new`, item by item in document order, in plain words."""
    before, after = plan_items(old), plan_items(new)
    changes = plan_changes(old, new)
    partners: dict[int, object] = {}
    paired = pair_holders(holders(old), holders(new))
    for kind in ItemKind:
        successors = _successors(after, kind)
        for was, now in match(before[kind], after[kind]):
            if was is None and now is not None:
                changes.append(Change(item=kind, kind=ChangeKind.ADDED, name=now.name, within=now.within))
            elif now is None and was is not None:
                changes.append(Change(item=kind, kind=ChangeKind.REMOVED, name=was.name, within=was.within))
            elif was is not None and now is not None:
                partners[id(was.value)] = now.value
                changes += compare(was, now, successors=successors, partners=partners, holders=paired)
    labels = (_label(old, old_label), _label(new, new_label))
    if labels[0] == labels[1] and old_label != new_label and labels != (old_label, new_label):
        labels = (f"{labels[0]} ({old_label})", f"{labels[1]} ({new_label})")  # one version, two files
    return PlanDiff(old_label=labels[0], new_label=labels[1], changes=tuple(changes))
