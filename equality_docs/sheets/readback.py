"""
Read a filled tracker back as a progress file, finding each row's item by its stable id, and
refusing unknown ids, statuses not in the list and results that are not numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs
import yaml

from equality_docs.errors import InputError, Problem
from equality_docs.load import parse, structure
from equality_docs.load.progress import apply_progress
from equality_docs.model import EqualityPlan, ProgressReview, Quantity, QuantityKind, Status
from equality_docs.sheets.columns import normalise
from equality_docs.sheets.ids import Tracked, tracked_items
from equality_docs.sheets.read import Cell, Sheet, column_letter, read_sheets, sheet_ref
from equality_docs.sheets.tracker import ACTIONS, HELP, MEASURES, PERIOD_LABEL, status_labels

_STATUSES = {s.label.casefold(): s for s in Status} | {s.value: s for s in Status}
_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")


@attrs.frozen(kw_only=True)
class ReadBack:
    """A progress file read from a tracker: its YAML text and a one-line summary."""

    text: str
    summary: str


@attrs.define
class _Found:
    problems: list[Problem] = attrs.field(factory=list)
    actions: list[dict[str, Any]] = attrs.field(factory=list)
    measures: list[dict[str, Any]] = attrs.field(factory=list)
    dates: list[dt.date] = attrs.field(factory=list)

    def problem(self, where: str, message: str, hint: str) -> None:
        self.problems.append(Problem(path=where, line=None, message=message, hint=hint))


def read_progress(
    path: Path, *, plan: EqualityPlan, plan_name: str, on: dt.date | None = None, period: str | None = None,
) -> ReadBack:
    """
    Return the progress a filled tracker records, as the YAML of a progress file.

    Args:
        path: the tracker (XLSX, as `make_tracker` wrote it and an officer filled it in).
        plan: the plan the tracker was made from.
        plan_name: the plan's file name, for the file's heading.
        on: the review date; default the latest date of update in the tracker.
        period: the period results are for; default the one written on the help sheet.

    Raises:
        InputError: the file is no tracker, or a cell holds what cannot be read; every problem
            is listed with its sheet and cell.
    """
    found = _Found()
    sheets = {sheet.name: sheet for sheet in read_sheets(path, found.problems)}
    if ACTIONS not in sheets:
        raise InputError(path, (Problem(path="", line=None, message=f"there is no sheet named {ACTIONS!r}",
                                        hint="read back a tracker made by `equality-docs tracker`"),))
    items = {t.id: t for t in tracked_items(plan)}
    period = period or _period(sheets.get(HELP))
    _rows(sheets[ACTIONS], items, found, period)
    if MEASURES in sheets:
        _rows(sheets[MEASURES], items, found, period)
    if not found.problems and not found.actions and not found.measures:
        found.problem("", "no row has an update (Status now, Progress note or Result now)",
                      "fill in the tracker's rows, save it, and read it back again")
    day = on or max(found.dates, default=None)
    if day is None and not found.problems:
        found.problem("", "no row has a Date of update, so the review's date is not known",
                      "fill in Date of update, or give the date with --on YYYY-MM-DD")
    if found.problems:
        raise InputError(path, tuple(found.problems))
    assert day is not None  # noqa: S101  # refused above otherwise
    data: dict[str, Any] = {"review": {"on": day, **({"period": period} if period else {})}}
    if found.actions:
        data["actions"] = found.actions
    if found.measures:
        data["measures"] = found.measures
    heading = " ".join(f"# Progress read by `equality-docs progress` from {path.name}, for {plan_name}.".split()) + "\n"
    text = heading + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    parsed, lines = parse(text, file=path)
    review: ProgressReview = structure(parsed, lines, file=path, cls=ProgressReview)
    apply_progress(plan, review, file=path, lines=lines)  # every entry finds its item
    summary = (f"read {len(found.actions)} action update{'s' * (len(found.actions) != 1)} and "
               f"{len(found.measures)} result{'s' * (len(found.measures) != 1)}, dated {day.isoformat()}")
    return ReadBack(text=text, summary=summary)


def _period(sheet: Sheet | None) -> str | None:
    for _, cells in sheet.rows if sheet else ():
        if cells and cells[0] is not None and cells[0].text == PERIOD_LABEL:
            answer = cells[1] if len(cells) > 1 else None
            return answer.text if answer is not None and answer.text else None
    return None


def _rows(sheet: Sheet, items: dict[str, Tracked], found: _Found, period: str | None) -> None:
    if not sheet.rows:
        return
    header = {normalise(c.text): i for i, c in enumerate(sheet.rows[0][1]) if c is not None}
    columns = {name: header.get(normalise(name)) for name in
               ("ID", "Status now", "Progress note", "Result now", "Date of update")}
    if columns["ID"] is None:
        found.problem(f"{sheet_ref(sheet.name)}!A1", "the ID column is missing", "read back a tracker made by "
                      "`equality-docs tracker`, with its ID column as it was")
        return
    kind = "action" if sheet.name == ACTIONS else "measure"
    seen: dict[str, str] = {}  # id -> the cell it was first updated in
    for number, cells in sheet.rows[1:]:
        def cell(name: str, cells: tuple[Cell | None, ...] = cells, number: int = number) -> tuple[str, str]:
            column = columns[name]
            value = cells[column] if column is not None and column < len(cells) else None
            where = f"{sheet_ref(sheet.name)}!{column_letter(column if column is not None else 0)}{number}"
            return (value.text if value is not None else ""), where

        status, status_at = cell("Status now")
        note, _ = cell("Progress note")
        result, result_at = cell("Result now")
        updated, updated_at = cell("Date of update")
        item_id, id_at = cell("ID")
        if not (status or note or result):
            continue
        tracked = items.get(item_id)
        if item_id in seen:
            found.problem(id_at, f"{item_id} is updated twice (also in {seen[item_id]})",
                          "keep one row for each id: put both notes in one row")
            continue
        seen[item_id] = id_at
        if tracked is None or tracked.kind != kind:
            found.problem(id_at, f'"{item_id}" is the id of no {kind} in the plan' if item_id
                          else "this row has an update but no id",
                          "keep the ID column as the tracker was made, or make a new tracker from the plan")
            continue
        if tracked.key is None:
            found.problem(id_at, f"the {kind} {item_id} has no id or ref in the plan, so its progress "
                          "cannot be recorded", f"add `id: {item_id}` to it in the plan, then make a new tracker")
            continue
        entry: dict[str, Any] = {tracked.key[0]: tracked.key[1]}
        if updated:
            day = _date(updated)
            if day is None:
                found.problem(updated_at, f'"{updated}" is not a date', "type a date such as 31/03/2026")
            else:
                found.dates.append(day)
        if kind == "action":
            _action(entry, status, status_at, note, found)
        else:
            _measure(entry, result, result_at, period, found)


def _action(entry: dict[str, Any], status: str, where: str, note: str, found: _Found) -> None:
    if status:
        chosen = _STATUSES.get(" ".join(status.split()).casefold())
        if chosen is None:
            found.problem(where, f'"{status}" is not a status', f"use one of {', '.join(status_labels())}")
            return
        entry["status"] = chosen.value
    if note:
        entry["text"] = note
    found.actions.append(entry)


def _measure(entry: dict[str, Any], result: str, where: str, period: str | None, found: _Found) -> None:
    if not result:
        return
    if Quantity(result).kind == QuantityKind.TEXT:
        found.problem(where, f'"{result}" is not a number', "write a number such as 874, 55% or 3ppts")
        return
    if period is None:
        found.problem(where, "the period this result is for is not known",
                      f"write it beside {PERIOD_LABEL!r} on the {HELP!r} sheet, or give --period")
        return
    entry["actuals"] = {period: result}
    found.measures.append(entry)


def _date(text: str) -> dt.date | None:
    """Return the date in a cell: YYYY-MM-DD (a date cell), or a UK date such as 31/03/2026."""
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if m := _UK_DATE.match(text.strip()):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)  # "31/03/26"
        try:
            return dt.date(year, int(m[2]), int(m[1]))
        except ValueError:
            return None
    return None
