"""A diff printed for a committee: as plain text, or as Markdown for a committee paper."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from equality_docs.diff.changes import Change, ChangeKind, ItemKind, PlanDiff, one_line

NO_CHANGES = "No changes."


def _by_item(changes: tuple[Change, ...]) -> Iterator[tuple[ItemKind, list[list[Change]]]]:
    """Yield each kind of item that changed, with its changes gathered item by item."""
    for kind in ItemKind:
        items: list[list[Change]] = []
        for change in (c for c in changes if c.item is kind):
            if kind is not ItemKind.PLAN and items and (items[-1][0].name, items[-1][0].within) == (
                change.name, change.within,
            ):
                items[-1].append(change)
            else:
                items.append([change])
        if items:
            yield kind, items


def _lines(changes: list[Change], bullet: str, step: int, wording: tuple[str, str],
           esc: Callable[[str], str]) -> list[str]:
    """
    Return one item's changes: one line where it has one change, else a line naming the item and a
    line under it per change (indented `step` spaces); a rewording is followed by its old and new
    wording, a step further in, and a paragraph added or removed by its wording, where given.
    """
    single = len(changes) == 1
    lines = [f"{bullet}{esc(changes[0].sentence() if single else changes[0].subject + ':')}"]
    indent = " " * step * (1 if single else 2)
    for change in changes:
        if not single:
            lines.append(f"{' ' * step}{bullet}{esc(change.detail)}")
        if (words := change.wording) is not None:
            lines += [f"{indent}{wording[0]}{esc(words[0])}", f"{indent}{wording[1]}{esc(words[1])}"]
        elif change.kind is ChangeKind.REMOVED and change.old is not None:
            lines.append(f"{indent}{wording[0]}{esc(change.old)}")  # a paragraph removed
        elif change.kind is ChangeKind.ADDED and change.new is not None:
            lines.append(f"{indent}{wording[1]}{esc(change.new)}")
    return lines


def format_text(diff: PlanDiff) -> str:
    """Return the changes as plain text: a heading per kind of item, then item by item."""
    lines = [f"Changes from {diff.old_label} to {diff.new_label}", ""]
    if not diff:
        return "\n".join([*lines, NO_CHANGES]) + "\n"
    for kind, items in _by_item(diff.changes):
        lines += [kind.heading, "-" * len(kind.heading)]
        for changes in items:
            lines += _lines(changes, "* ", 2, ("  was: ", "  now: "), one_line)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    """Return text that Markdown prints as written."""
    escaped = "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
    return " ".join(escaped.split())


def format_markdown(diff: PlanDiff) -> str:
    """
    Return the changes as Markdown for a committee paper: a section per kind of item, lists nested
    four spaces in (as every Markdown reader, Python-Markdown too, reads them).
    """
    lines = [f"# Changes from {_md(diff.old_label)} to {_md(diff.new_label)}", ""]
    if not diff:
        return "\n".join([*lines, NO_CHANGES]) + "\n"
    for kind, items in _by_item(diff.changes):
        lines += [f"## {kind.heading}", ""]
        for changes in items:
            lines += _lines(changes, "- ", 4, ("- Was: ", "- Now: "), _md)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
