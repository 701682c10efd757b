"""What a diff reports: one `Change` per thing that changed, and the `PlanDiff` that holds them."""

from __future__ import annotations

import enum

import attrs


class ItemKind(enum.Enum):
    """The kinds of item a diff compares, in the order it reports them."""

    PLAN = "plan"
    SECTION = "section"
    OBJECTIVE = "objective"
    ACTION = "action"
    MEASURE = "measure"

    @property
    def heading(self) -> str:
        """Return the heading the changes to items of this kind are listed under."""
        return {
            "plan": "The plan", "section": "Sections", "objective": "Objectives", "action": "Actions",
            "measure": "Measures",
        }[self.value]


class ChangeKind(enum.Enum):
    """What happened to an item, or to one part of it (`Change.what`)."""

    ADDED = "added"
    REMOVED = "removed"
    RETIRED = "retired"
    SUPERSEDED = "superseded"
    RESTORED = "restored"
    REWORDED = "reworded"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    STATUS = "status changed"
    TARGET = "target changed"
    DETAIL = "detail changed"
    EDITED = "edited"


def one_line(text: str) -> str:
    """Return text with its line breaks and runs of spaces as single spaces."""
    return " ".join(text.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@attrs.frozen(kw_only=True)
class Change:
    """
    One change to one item: the item as a committee names it ("objective 2 'Raise the share ...'"),
    where it sits (`within`), what part of it changed (`what`: "finish date", "target for 2026/27";
    None for the item itself) and the old and new values as the plans write them; `period` is the
    period of a measure's interim target or result that changed.
    """

    item: ItemKind
    kind: ChangeKind
    name: str
    within: str | None = None
    what: str | None = None
    old: str | None = None
    new: str | None = None
    period: str | None = None
    reason: str | None = None

    @property
    def subject(self) -> str:
        """Return the item named as a sentence starts with it, and where it sits."""
        where = f" (under {self.within})" if self.within else ""
        return _capital(f"{self.name}{where}")

    @property
    def detail(self) -> str:
        """Return what happened, as the words that follow the item's name."""
        part = f"{self.what} " if self.what else ""
        why = f"; reason: {self.reason}" if self.reason else ""
        if self.kind in (ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.REWORDED, ChangeKind.EDITED):
            return f"{part}{self.kind.value}"
        if self.kind is ChangeKind.RETIRED:
            return f"retired{why}"
        if self.kind is ChangeKind.SUPERSEDED:
            return f"superseded by {self.new}{why}"
        if self.kind is ChangeKind.RESTORED:
            return "no longer retired or superseded"
        if self.kind is ChangeKind.RENUMBERED:
            return f"renumbered from {self.old} to {self.new}"
        if self.kind is ChangeKind.MOVED:
            return f"moved from {self.old} to {self.new}"
        what = self.what or ("status" if self.kind is ChangeKind.STATUS else "value")
        if self.old is None:
            return f"{what} set to {self.new}"
        if self.new is None:
            return f"{what} removed (was {self.old})"
        return f"{what} changed from {self.old} to {self.new}"

    def sentence(self) -> str:
        """Return the change as one sentence a committee reads."""
        if self.item is ItemKind.PLAN:
            return one_line(_capital(self.detail))
        return one_line(f"{self.subject}: {self.detail}")

    @property
    def wording(self) -> tuple[str, str] | None:
        """Return the old and new wording of a reworded item, else None."""
        if self.kind is ChangeKind.REWORDED and self.old is not None and self.new is not None:
            return self.old, self.new
        return None


@attrs.frozen(kw_only=True)
class PlanDiff:
    """
    The changes between two plans: by kind of item (`ItemKind`), then item by item in the order
    the new plan prints them (a removed item where the old plan printed it), each item's changes
    together.
    """

    old_label: str
    new_label: str
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        """Return whether anything changed."""
        return bool(self.changes)
