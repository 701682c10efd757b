"""A plan made from a sheet: YAML people can read (a heading of comments, block style), and where each value came from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import yaml


@attrs.frozen(kw_only=True)
class Imported:
    """A plan made from a sheet: its YAML text, and the report of how the columns were read."""

    text: str
    report: tuple[str, ...]
    places: dict[str, tuple[str, dict[str, str]]] = attrs.field(factory=dict)

    def cell_of(self, path: str) -> str | None:
        """
        Return the cell a value of the plan came from ("Actions!G7"), given its path in the plan
        (`objectives[0].actions[1].finish`), or None when it came from no one cell.
        """
        for prefix, (row, columns) in self.places.items():
            if path.startswith(f"{prefix}."):
                key = path[len(prefix) + 1 :].split(".")[0].split("[")[0]
                return row.format(columns[key]) if key in columns else None
        return None


def heading(path: Path, sheets: list[str], report: list[str], *, on: dt.date, period: str) -> str:
    """Return the comment block a plan made from a sheet starts with: its source and its columns."""
    # A header or file name may hold a line break; in a comment it would end the comment.
    name = " ".join(path.name.split())
    sheets = [" ".join(sheet.split()) for sheet in sheets]
    report = [" ".join(line.split()) for line in report]
    lines = [
        f"# Imported by `equality-docs import` from {name}"
        + (f" (sheets: {', '.join(sheets)})" if path.suffix.casefold() != ".csv" else "") + ".",
        f"# Statuses and progress are dated {on.isoformat()}; results are for {period}.",
        "# Ids (objective-1, action-1.2, measure-1.1) are stable: keep them when you edit the text,",
        "# so trackers and progress files still find each item.",
        "# Check the organisation's name, then: equality-docs validate this file.",
        "# columns:",
        *(f"#   {line}" for line in report),
    ]
    return "\n".join(lines) + "\n"


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # PyYAML's signature
        super().increase_indent(flow, indentless=False)
        del indentless

    def ignore_aliases(self, data: Any) -> bool:  # PyYAML's signature
        """Write every value out: anchors and aliases are hard for people to read."""
        return True


def plan_yaml(plan: dict[str, Any], heading: str) -> str:
    """Return a plan's plain data as readable YAML (block style, no aliases) after its heading."""
    body = yaml.dump(plan, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return heading + body
