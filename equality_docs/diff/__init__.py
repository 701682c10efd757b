"""
What changed between two editions of a plan, in plain words for a committee.

Sections (by title, nested ones too), objectives, actions and measures (under objectives and the
plan's own) are compared item by item (items.py pairs them, compare.py compares each pair):
added, removed, reworded (old and new wording), retired, superseded (named as a reader knows the
item that replaces it) or brought back; renumbered or moved (an action to another objective, an
objective to another priority, outcome or school); a status, a date, an owner, a
service area, characteristics, a target (interim, final, an objective's own baseline and value)
or a result changed. The plan's title and period, its editions and progress reviews, and the
settings no item holds (tables, grouping, labels, ...) are compared too, so "No changes." means
the two plans say the same.
"""

from __future__ import annotations

import attrs

from equality_docs.diff.changes import Change, ChangeKind, ItemKind, PlanDiff
from equality_docs.diff.compare import compare
from equality_docs.diff.formats import format_markdown, format_text
from equality_docs.diff.items import Item, holders, match, pair_holders, plan_items, short
from equality_docs.model import EqualityPlan

__all__ = ["Change", "ChangeKind", "ItemKind", "PlanDiff", "diff_plans", "format_markdown", "format_text"]

#: The plan's fields a diff reports in words or item by item (`progress_files`: the reviews they
#: hold are compared; `document`: compared without its version, which heads the report).
_DESCRIBED = frozenset({
    "title", "subtitle", "period", "sections", "objectives", "actions", "measures", "editions",
    "reviews", "progress_files", "document",
})


def _label(plan: EqualityPlan, fallback: str) -> str:
    version = plan.document.version if plan.document else None
    if version is None and plan.editions:
        version = plan.editions[-1].version
    return f"version {version}" if version else fallback


def _without_items(plan: EqualityPlan) -> EqualityPlan:
    """
    Return the plan without what the diff compares item by item, to compare what is left: a view
    the plan's own rules need not hold for (a section may stand beside an objective left out).
    """
    return plan.drop_objectives(lambda _: True)


def _document(plan: EqualityPlan) -> object:
    """Return the plan's document control without its version, which heads the report."""
    return plan.document and attrs.evolve(plan.document, version=None)


def _plan_changes(old: EqualityPlan, new: EqualityPlan) -> list[Change]:
    """Return what changed in the plan as a whole: editions, title, period, reviews, other settings."""
    changes: list[Change] = []

    def add(kind: ChangeKind, what: str, was: str | None = None, now: str | None = None) -> None:
        changes.append(Change(item=ItemKind.PLAN, kind=kind, name="the plan", what=what, old=was, new=now))

    added = [e for e in new.editions if e not in old.editions]
    if all(e in new.editions for e in old.editions):
        for edition in added:
            number = f" {edition.version}" if edition.version else ""
            changed = f" ('{short(edition.changes)}')" if edition.changes else ""
            add(ChangeKind.ADDED, f"edition{number} of {edition.date}{changed}")
    for what, was, now in (("title", old.title, new.title), ("subtitle", old.subtitle, new.subtitle),
                           ("period", old.period, new.period)):
        if str(was or "") != str(now or ""):
            add(ChangeKind.DETAIL, what, None if was is None else str(was), None if now is None else str(now))
    seen = {(r.on, r.title) for r in old.reviews}
    for review in new.reviews:
        if (review.on, review.title) not in seen:
            name = f"'{review.title}' of {review.on:%d/%m/%Y}" if review.title else f"of {review.on:%d/%m/%Y}"
            add(ChangeKind.ADDED, f"progress review {name}")
    bare_old, bare_new = _without_items(old), _without_items(new)
    other = [
        field.name for field in attrs.fields(EqualityPlan)
        if field.name not in _DESCRIBED and getattr(bare_old, field.name) != getattr(bare_new, field.name)
    ]
    if not all(e in new.editions for e in old.editions):
        other.append("editions")
    if [r for r in new.reviews if (r.on, r.title) in seen] != list(old.reviews):
        other.append("reviews")  # a review taken out or edited
    if _document(old) != _document(new):
        other.insert(0, "document")
    if other:
        add(ChangeKind.EDITED, f"other settings ({', '.join(other)})")
    return changes


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
    changes = _plan_changes(old, new)
    partners: dict[int, object] = {}
    paired: dict[object, object] = dict(pair_holders(holders(old), holders(new)))
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
