"""
Upgrade a plan written for an older format to today's, as text: `equality-docs migrate`.

Each older spelling is rewritten where it stands, so comments, key order, quoting and layout
stay as the officer wrote them (no YAML round trip, which would lose the comments):

- the objectives plan's column titles in `labels:` were `objective_aim`, `objective_dates` ...;
  they are `plan_aim`, `plan_dates` ... (the objectives table's own `objective_*` labels stay, and
  so does `objective_milestones`, today the heading of an objective's milestones: the user is
  told its meaning changed, as a note);
- a risk band's `text_colour` is gone (bands are light enough for black text): it is removed.

The tables of older keys are in load/older.py, which the loader reads too, so that `validate`
names the same new key as `migrate` writes.

The result is read back as a plan before it is returned, so a migrated plan always loads.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import yaml

from equality_docs.errors import InputError, Problem
from equality_docs.load import decode, loads, parse
from equality_docs.load.files import MAX_FILE_BYTES, FileRefused, read_bounded
from equality_docs.load.older import BAND_REMOVED, KEPT, LABEL_RENAMES

__all__ = [
    "BAND_REMOVED", "KEPT", "LABEL_RENAMES", "Change", "Migration", "migrate_file", "migrate_text", "read_plan",
]

@attrs.frozen(kw_only=True)
class Change:
    """One rewrite: the line it was made at (from 1) and what was done, in the user's words."""

    line: int
    message: str


@attrs.frozen(kw_only=True)
class Migration:
    """
    A plan's text in today's format, the changes made to reach it (none: already current), and
    notes on keys kept as written whose meaning changed.
    """

    text: str
    changes: tuple[Change, ...]
    notes: tuple[Change, ...] = ()


@attrs.frozen(kw_only=True)
class _Edit:
    start: int
    end: int
    new: str
    change: Change


def _entry(node: yaml.Node, key: str) -> tuple[yaml.ScalarNode, yaml.Node] | None:
    """Return a mapping's key node and value node for `key`, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _label_edits(root: yaml.Node, file: Path | str | None) -> list[_Edit]:
    found = _entry(root, "labels")
    if found is None or not isinstance(found[1], yaml.MappingNode):
        return []
    keys = {k.value for k, _ in found[1].value if isinstance(k, yaml.ScalarNode)}
    edits: list[_Edit] = []
    for key, _ in found[1].value:
        if not isinstance(key, yaml.ScalarNode) or key.value not in LABEL_RENAMES:
            continue
        new = LABEL_RENAMES[key.value]
        line = key.start_mark.line + 1
        if new in keys:
            problem = Problem(
                path=f"labels.{key.value}", line=line,
                message=f"both {key.value} (its older name) and {new} are given",
                hint=f"keep {new} and delete {key.value}, then migrate again",
            )
            raise InputError(file, (problem,))
        quote = key.style or ""
        edits.append(_Edit(
            start=key.start_mark.index, end=key.end_mark.index, new=f"{quote}{new}{quote}",
            change=Change(line=line, message=f"labels.{key.value} renamed to labels.{new}"),
        ))
    return edits


def _label_notes(root: yaml.Node) -> list[Change]:
    """Return a note for each label kept as written whose meaning changed."""
    found = _entry(root, "labels")
    if found is None or not isinstance(found[1], yaml.MappingNode):
        return []
    return [
        Change(line=key.start_mark.line + 1, message=f"labels.{key.value} {KEPT[key.value]}")
        for key, _ in found[1].value if isinstance(key, yaml.ScalarNode) and key.value in KEPT
    ]


def _removal(text: str, key: yaml.Node, value: yaml.Node, *, flow: bool) -> tuple[int, int]:
    """Return the span to delete for a key and its value: its whole lines in block style."""
    start, end = key.start_mark.index, value.end_mark.index
    if flow:  # `{name: Low, text_colour: "000000"}`: the entry and one comma beside it
        rest = text[end:]
        gap = len(rest) - len(rest.lstrip(" "))
        if rest[gap:gap + 1] == ",":
            after = rest[gap + 1:]
            return start, end + gap + 1 + len(after) - len(after.lstrip(" "))
        before = text[:start].rstrip(" ")
        return (len(before) - 1, end) if before.endswith(",") else (start, end)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    prefix = text[line_start:start]
    if prefix.strip() in ("", "-"):
        rest = text[end:line_end]
        if rest.strip() == "" or rest.lstrip().startswith("#"):
            # The whole line goes; a leading "- " stays, so the item's other keys stay its own.
            if prefix.strip() == "":
                return line_start, line_end
            newline = 2 if text[line_start:line_end].endswith("\r\n") else 1
            return line_start + prefix.index("-") + 1, line_end - newline
    return start, end


def _band_edits(text: str, root: yaml.Node) -> list[_Edit]:
    scale = _entry(root, "risk_scale")
    bands = _entry(scale[1], "bands") if scale else None
    if bands is None or not isinstance(bands[1], yaml.SequenceNode):
        return []
    edits: list[_Edit] = []
    for index, band in enumerate(bands[1].value):
        for name in BAND_REMOVED:
            found = _entry(band, name)
            if found is None:
                continue
            key, value = found
            start, end = _removal(text, key, value, flow=bool(band.flow_style))
            edits.append(_Edit(start=start, end=end, new="", change=Change(
                line=key.start_mark.line + 1,
                message=f"risk_scale.bands[{index}].{name} removed ({BAND_REMOVED[name]})",
            )))
    return edits


def migrate_text(text: str, *, file: Path | str | None = None) -> Migration:
    """
    Return a plan's text in today's format, and each change made, keeping everything else as written.

    Raises:
        InputError: the text is not YAML, both an older and a current name are given, or the
            migrated plan is not valid (its problems are listed, at the migrated text's lines).
    """
    parse(text, file=file)  # YAML, within the limits, no duplicate keys: as the loader reads it
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    edits = [] if root is None else [*_label_edits(root, file), *_band_edits(text, root)]
    original = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new + text[edit.end:]
    try:
        loads(text, file=file)
    except InputError as exc:  # told at the lines of the file the user has, not of the migrated text
        lines = _line_map(original, edits)
        raise InputError(file, tuple(
            attrs.evolve(p, line=None if p.line is None else lines.get(p.line, p.line)) for p in exc.problems
        )) from None
    return Migration(
        text=text, changes=tuple(sorted((e.change for e in edits), key=lambda c: c.line)),
        notes=() if root is None else tuple(_label_notes(root)),
    )


def _line_map(original: str, edits: list[_Edit]) -> dict[int, int]:
    """Return, for each line of the migrated text (from 1), its line in the original text."""
    removed = sorted(
        original.count("\n", 0, e.start) + 1 for e in edits
        if original.count("\n", e.start, e.end) > e.new.count("\n")
    )
    mapping: dict[int, int] = {}
    old = 1
    for new in range(1, original.count("\n") + 2):
        while removed and removed[0] == old:
            removed.pop(0)
            old += 1
        mapping[new] = old
        old += 1
    return mapping


def read_plan(path: Path) -> bytes:
    """
    Return a plan file's bytes, read as the loader reads it (a regular file, within its size limit).

    Raises:
        InputError: the file cannot be read.
    """
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise InputError(path, (Problem(path="", line=None, message=exc.message, hint=exc.hint),)) from None


def migrate_file(path: Path, data: bytes | None = None) -> Migration:
    """
    Return a plan file's text in today's format and the changes made (see `migrate_text`);
    `data` is the file's bytes where they have been read already.

    Raises:
        InputError: the file cannot be read or is not text, or its migrated plan is not valid.
    """
    return migrate_text(decode(read_plan(path) if data is None else data, file=path), file=path)
