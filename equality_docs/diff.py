"""
What changed between two editions of a plan, in plain words for a committee.

Objectives, actions and measures are matched by `id`, else by `ref`, else by their exact text;
each change is one `Change`: added, removed, reworded (old and new wording), retired or
superseded (and why), a status changed at review, a target changed for a period.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from equality_docs.model import Action, EqualityPlan, Objective, PerformanceMeasure, Status


class ItemKind(enum.Enum):
    """The kinds of item a diff compares, in the order it reports them."""

    OBJECTIVE = "objective"
    ACTION = "action"
    MEASURE = "measure"

    @property
    def heading(self) -> str:
        """Return the heading the changes to items of this kind are listed under."""
        return {"objective": "Objectives", "action": "Actions", "measure": "Measures"}[self.value]


class ChangeKind(enum.Enum):
    """What happened to an item, in the order a diff reports them."""

    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"
    RETIRED = "retired"
    SUPERSEDED = "superseded"
    STATUS = "status changed"
    TARGET = "target changed"


@attrs.frozen(kw_only=True)
class Change:
    """One change to one item: what it is, how it is named, and the old and new values."""

    item: ItemKind
    kind: ChangeKind
    name: str
    within: str | None = None
    old: str | None = None
    new: str | None = None
    period: str | None = None
    reason: str | None = None

    def sentence(self) -> str:
        """Return the change as a sentence a committee reads."""
        return _one_line(self._sentence())

    def _sentence(self) -> str:
        where = f" (under objective {self.within})" if self.within else ""
        what = self.item.value.capitalize()
        if self.kind is ChangeKind.ADDED:
            return f"{what} added: {self.name}{where}"
        if self.kind is ChangeKind.REMOVED:
            return f"{what} removed: {self.name}{where}"
        if self.kind is ChangeKind.REWORDED:
            return f"{what} reworded: {self.name}{where}"
        if self.kind is ChangeKind.RETIRED:
            why = f"; reason: {self.reason}" if self.reason else ""
            return f"{what} retired: {self.name}{where}{why}"
        if self.kind is ChangeKind.SUPERSEDED:
            why = f"; reason: {self.reason}" if self.reason else ""
            return f"{what} superseded by {self.new}: {self.name}{where}{why}"
        if self.kind is ChangeKind.STATUS:
            return f"Status of {self.item.value} {self.name}{where} changed from {self.old} to {self.new}"
        return (
            f"Target for {self.period} of measure {self.name}{where} changed from {self.old} to {self.new}"
        )

    @property
    def wording(self) -> tuple[str, str] | None:
        """Return the old and new wording of a reworded item, else None."""
        if self.kind is ChangeKind.REWORDED and self.old is not None and self.new is not None:
            return self.old, self.new
        return None


@attrs.frozen(kw_only=True)
class PlanDiff:
    """The changes between two plans, by kind of item, then by kind of change, in document order."""

    old_label: str
    new_label: str
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        """Return whether anything changed."""
        return bool(self.changes)


@attrs.frozen(kw_only=True)
class _Item:
    """An item as compared: its keys, its wording, and where it sits."""

    kind: ItemKind
    id: str | None
    ref: str | None
    text: str
    within: str | None
    value: Any


def _one_line(text: str) -> str:
    """Return text with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _name(item: _Item) -> str:
    """Return how a sentence names an item: its reference and its first words."""
    quoted = f'"{_short(item.text)}"'
    return f"{item.ref} {quoted}" if item.ref else quoted


def _items(plan: EqualityPlan) -> dict[ItemKind, list[_Item]]:
    found: dict[ItemKind, list[_Item]] = {kind: [] for kind in ItemKind}
    for objective in plan.all_objectives():
        parent = _Item(kind=ItemKind.OBJECTIVE, id=objective.id, ref=objective.ref,
                       text=objective.text, within=None, value=objective)
        found[ItemKind.OBJECTIVE].append(parent)
        within = objective.ref or f'"{_short(objective.text, 6)}"'
        for action in objective.actions:
            found[ItemKind.ACTION].append(_Item(
                kind=ItemKind.ACTION, id=action.id, ref=action.ref, text=action.text,
                within=within, value=action,
            ))
        for measure in objective.measures:
            found[ItemKind.MEASURE].append(_Item(
                kind=ItemKind.MEASURE, id=measure.id, ref=measure.ref or None,
                text=measure.description, within=within, value=measure,
            ))
    return found


def _match(old: Sequence[_Item], new: Sequence[_Item]) -> list[tuple[_Item | None, _Item | None]]:
    """
    Pair old items with new ones by id, then ref, then exact text; the rest stand alone.

    Two items that both have ids are the same item only when the ids are equal.
    """
    pairs: dict[int, int] = {}
    keys: tuple[Callable[[_Item], str | None], ...] = (lambda i: i.id, lambda i: i.ref, lambda i: i.text)
    for pass_number, key in enumerate(keys):
        taken = set(pairs.values())
        index: dict[str, list[int]] = {}
        for n, other in enumerate(new):
            value = key(other)
            if value and n not in taken:
                index.setdefault(value, []).append(n)
        for o, item in enumerate(old):
            value = key(item)
            if o in pairs or not value:
                continue
            for n in index.get(value, ()):
                if n in taken or (pass_number and item.id and new[n].id):
                    continue
                pairs[o] = n
                taken.add(n)
                break
    taken = set(pairs.values())
    result: list[tuple[_Item | None, _Item | None]] = [
        (item, new[pairs[o]] if o in pairs else None) for o, item in enumerate(old)
    ]
    result += [(None, item) for n, item in enumerate(new) if n not in taken]
    return result


def _status(value: Objective | Action | PerformanceMeasure) -> Status | None:
    return None if isinstance(value, PerformanceMeasure) else value.status


def _compare(old: _Item, new: _Item) -> Iterable[Change]:
    name, within = _name(new), new.within
    if old.text != new.text:
        yield Change(item=new.kind, kind=ChangeKind.REWORDED, name=_name(old), within=within,
                     old=old.text, new=new.text)
    before, after = old.value, new.value
    if after.superseded_by and after.superseded_by != before.superseded_by:
        yield Change(item=new.kind, kind=ChangeKind.SUPERSEDED, name=name, within=within,
                     new=after.superseded_by, reason=after.retired_reason)
    elif after.retired and not before.retired:
        yield Change(item=new.kind, kind=ChangeKind.RETIRED, name=name, within=within,
                     reason=after.retired_reason)
    was, now = _status(before), _status(after)
    if was != now and now is not None:
        yield Change(item=new.kind, kind=ChangeKind.STATUS, name=name, within=within,
                     old=was.label if was else "no status", new=now.label)
    if isinstance(before, PerformanceMeasure) and isinstance(after, PerformanceMeasure):
        periods = dict.fromkeys([t.period for t in before.targets] + [t.period for t in after.targets])
        for period in periods:
            then, target = before.target_for(period), after.target_for(period)
            if then != target:
                yield Change(item=new.kind, kind=ChangeKind.TARGET, name=name, within=within,
                             period=period, old=str(then) if then else "no target",
                             new=str(target) if target else "no target")


def _label(plan: EqualityPlan, fallback: str) -> str:
    version = plan.document.version if plan.document else None
    if version is None and plan.editions:
        version = plan.editions[-1].version
    return f"version {version}" if version else fallback


def diff_plans(old: EqualityPlan, new: EqualityPlan, *, old_label: str = "the old plan",
               new_label: str = "the new plan") -> PlanDiff:
    """Return what changed from `old` to `new`, item by item, in plain words."""
    before, after = _items(old), _items(new)
    changes: list[Change] = []
    order = list(ChangeKind)
    for kind in ItemKind:
        found: list[Change] = []
        for was, now in _match(before[kind], after[kind]):
            if was is None and now is not None:
                found.append(Change(item=kind, kind=ChangeKind.ADDED, name=_name(now), within=now.within))
            elif now is None and was is not None:
                found.append(Change(item=kind, kind=ChangeKind.REMOVED, name=_name(was), within=was.within))
            elif was is not None and now is not None:
                found += _compare(was, now)
        changes += sorted(found, key=lambda c: order.index(c.kind))
    return PlanDiff(
        old_label=_label(old, old_label), new_label=_label(new, new_label), changes=tuple(changes)
    )


def format_text(diff: PlanDiff) -> str:
    """Return the changes as plain text: a heading per kind of item and a line per change."""
    lines = [f"Changes from {diff.old_label} to {diff.new_label}", ""]
    if not diff:
        return "\n".join([*lines, "No objectives, actions or measures changed."]) + "\n"
    for kind in ItemKind:
        changes = [c for c in diff.changes if c.item is kind]
        if not changes:
            continue
        lines += [kind.heading, "-" * len(kind.heading)]
        for change in changes:
            lines.append(f"* {change.sentence()}")
            if (wording := change.wording) is not None:
                lines += [f"    was: {_one_line(wording[0])}", f"    now: {_one_line(wording[1])}"]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    """Return text that Markdown prints as written."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
    return " ".join(escaped.split())


def format_markdown(diff: PlanDiff) -> str:
    """Return the changes as Markdown for a committee paper: a section per kind of item."""
    lines = [f"# Changes from {_md(diff.old_label)} to {_md(diff.new_label)}", ""]
    if not diff:
        return "\n".join([*lines, "No objectives, actions or measures changed."]) + "\n"
    for kind in ItemKind:
        changes = [c for c in diff.changes if c.item is kind]
        if not changes:
            continue
        lines += [f"## {kind.heading}", ""]
        for change in changes:
            lines.append(f"- {_md(change.sentence())}")
            if (wording := change.wording) is not None:
                lines += [f"  - Was: {_md(wording[0])}", f"  - Now: {_md(wording[1])}"]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
