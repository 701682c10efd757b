"""
Build a plan from officers' sheets of actions: one row per action (or measure), objective
columns repeated or left blank for "as above", columns matched by their headers. A single sheet
with no objective column is a plan's own list of actions. The plan keeps the sheet's own header
text as its actions table's column titles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from equality_docs.errors import InputError, Problem
from equality_docs.sheets.columns import Field, find_header
from equality_docs.sheets.plan_yaml import Imported, heading, plan_yaml
from equality_docs.sheets.read import Cell, Sheet, column_letter, read_sheets, sheet_ref
from equality_docs.sheets.vocabulary import (
    aims_from_text,
    characteristic_of_name,
    characteristics_from_text,
    status_from_colour,
    status_from_text,
    status_words,
)

#: Columns whose blank cell means "as above": they describe the objective, not the action.
_OBJECTIVE_FIELDS = (Field.OBJECTIVE, Field.OBJECTIVE_REF, Field.SERVICE_AREA, Field.CHARACTERISTIC, Field.AIM)
_KNOWN = "Objective, Action, Owner, Due, Status, Progress, Measure"


@attrs.define
class _Objective:
    text: str
    data: dict[str, Any]
    actions: list[dict[str, Any]] = attrs.field(factory=list)
    measures: list[dict[str, Any]] = attrs.field(factory=list)
    #: The plan's own actions and measures, under no objective.
    plan_level: bool = False

    def path(self, kind: str, index: int) -> str:
        """Return the path in the plan of this objective's (or the plan's) action or measure."""
        return f"{kind}[{index}]" if self.plan_level else f"objectives[{_index(self)}].{kind}[{index}]"

    def item_id(self, kind: str, number: int) -> str:
        """Return the id of its action or measure: `action-1.2` under an objective, `action-2` of the plan."""
        return f"{kind}-{number}" if self.plan_level else f"{kind}-{self.data['id'].split('-')[-1]}.{number}"


#: Which actions-table column each sheet column fills, for the plan's `tables:` entry.
_TABLE_COLUMNS = {
    Field.REF: "ref", Field.ACTION: "text", Field.OWNER: "owner", Field.DIVISION: "division",
    Field.START: "start", Field.DUE: "finish", Field.STATUS: "status", Field.PROGRESS: "progress",
}


@attrs.define
class _Reading:
    """What the rows of every sheet have given so far."""

    on: dt.date
    period: str
    objectives: dict[str, _Objective] = attrs.field(factory=dict)
    plan_items: _Objective = attrs.field(factory=lambda: _Objective(text="", data={}, plan_level=True))
    #: The actions table's columns, in the first sheet's order, each titled with its header text.
    columns: dict[str, str] = attrs.field(factory=dict)
    problems: list[Problem] = attrs.field(factory=list)
    #: For each action and measure, its path in the plan, its row, and its keys' columns.
    places: dict[str, tuple[str, dict[str, str]]] = attrs.field(factory=dict)

    def place(self, path: str, cell_at: str, keys: dict[str, Field], by_field: dict[Field, int]) -> None:
        """Remember which row, and which column for each key, an item of the plan came from."""
        self.places[path] = (cell_at, {k: column_letter(by_field[f]) for k, f in keys.items() if f in by_field})

    def problem(self, where: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(path=where, line=None, message=message, hint=hint))


def import_sheet(
    path: Path,
    *,
    mapping: Mapping[str, Field],
    organisation: str,
    on: dt.date,
    period: str | None = None,
) -> Imported:
    """
    Return the plan the sheets of a spreadsheet describe, as commented YAML, and a report.

    Args:
        path: the XLSX or CSV file.
        mapping: headers (normalised) the user named in a map file, and their fields.
        organisation: the organisation's name, for the plan.
        on: the date the sheet's statuses and progress were true.
        period: the period its results are for; default the date `on`.

    Raises:
        InputError: the sheet cannot be read, has no header row or required column, or a cell
            cannot be read; every problem is listed.
    """
    reading = _Reading(on=on, period=period or on.isoformat())
    sheets = read_sheets(path, reading.problems)
    report: list[str] = []
    used_sheets: list[str] = []
    several = len(sheets) > 1
    for sheet in sheets:
        if not any(cells for _, cells in sheet.rows):
            report.append(f"sheet {sheet.name!r}: empty; skipped")
            continue
        header = find_header(sheet, mapping)
        if header is None:
            report.append(f"sheet {sheet.name!r}: no header row found in its first rows; skipped")
            continue
        index, fields, unused = header
        where = f"{sheet_ref(sheet.name)}!" if path.suffix.casefold() != ".csv" else ""
        header_cells = sheet.rows[index][1]
        report.append(f"sheet {sheet.name!r}: header in row {sheet.rows[index][0]}")
        for column, field in fields.items():
            cell = header_cells[column]
            report.append(f'{where}{column_letter(column)} "{cell.text if cell else ""}" -> {field.destination}')
        report.extend(f"not used: {where}{name}" for name in unused)
        missing = [f.value for f in (Field.OWNER, Field.DUE, Field.STATUS) if f not in fields.values()]
        if missing and Field.ACTION in fields.values():
            report.append(f"no column found for: {', '.join(missing)} (a --map file can name one)")
        if not {Field.ACTION, Field.MEASURE} & set(fields.values()):
            reading.problem(f"{where}row {sheet.rows[index][0]}",
                            "no column of actions was found (a header such as Action or Task)",
                            "rename the column, or name it in a --map file: `\"Your header\": action`")
            continue
        plan_level = not {Field.OBJECTIVE, Field.OBJECTIVE_REF} & set(fields.values()) and not several
        if plan_level:
            report.append(f"sheet {sheet.name!r}: no objective column; its rows are the plan's own actions")
        used_sheets.append(sheet.name)
        for column, field in sorted(fields.items()):
            title = header_cells[column]
            if field in _TABLE_COLUMNS and title is not None:
                reading.columns.setdefault(_TABLE_COLUMNS[field], " ".join(title.text.split()))
        _read_rows(reading, sheet, index, fields, where, plan_level=plan_level)
    if not used_sheets and not reading.problems:
        reading.problem("", "no sheet has a header row naming its columns",
                        f"the first row of the table should name its columns ({_KNOWN}); "
                        "headers of other names go in a --map file")
    if reading.problems:
        raise InputError(path, tuple(reading.problems))
    plan = _plan(reading, organisation)
    text = plan_yaml(plan, heading(path, used_sheets, report, on=reading.on, period=reading.period))
    actions = sum(len(o.actions) for o in (*reading.objectives.values(), reading.plan_items))
    measures = sum(len(o.measures) for o in (*reading.objectives.values(), reading.plan_items))
    summary = f"read {actions} action{'s' * (actions != 1)} and {measures} measure{'s' * (measures != 1)}"
    if reading.objectives:
        summary += f" under {len(reading.objectives)} objective{'s' * (len(reading.objectives) != 1)}"
    return Imported(text=text, report=(*report, summary), places=reading.places)


def _read_rows(
    reading: _Reading, sheet: Sheet, index: int, fields: dict[int, Field], where: str, *, plan_level: bool = False,
) -> None:
    """Add the actions and measures of a sheet's rows below its header to `reading` (the plan's own, if `plan_level`)."""
    by_field = {field: column for column, field in sorted(fields.items(), reverse=True)}
    named = characteristic_of_name(sheet.name) if Field.CHARACTERISTIC not in by_field else None
    above: dict[Field, Cell] = {}
    current: _Objective | None = None
    for number, cells in sheet.rows[index + 1 :]:
        if not any(cells):
            continue  # a blank row
        row: dict[Field, Cell] = {}
        for field, column in by_field.items():
            cell = cells[column] if column < len(cells) else None
            if cell is not None and (cell.text or field is Field.STATUS):
                row[field] = cell
        if not set(row) - {Field.IGNORE}:
            continue
        changed = any(f in row and (f not in above or row[f].text != above[f].text)
                      for f in (Field.OBJECTIVE, Field.OBJECTIVE_REF))
        if changed:
            above = {f: row[f] for f in _OBJECTIVE_FIELDS if f in row}
        else:
            above.update({f: row[f] for f in _OBJECTIVE_FIELDS if f in row})
        cell_at = f"{where}{{}}{number}"
        if plan_level:
            _item(reading, reading.plan_items, row, cell_at, by_field)
            continue
        if changed or current is None:
            text = above.get(Field.OBJECTIVE, Cell(text="")).text or (
                "" if Field.OBJECTIVE in by_field else sheet.name)
            if not text and Field.OBJECTIVE_REF in above:
                text = above[Field.OBJECTIVE_REF].text
            if not text:
                letter = column_letter(by_field.get(Field.OBJECTIVE, 0))
                reading.problem(cell_at.format(letter), "this row has no objective, and none is above it",
                                "write the objective in this row, or move the row under its objective")
                continue
            current = _objective(reading, text, above.get(Field.OBJECTIVE_REF))
        _objective_details(reading, current, row, named, cell_at, by_field)
        _item(reading, current, row, cell_at, by_field)


def _objective(reading: _Reading, text: str, ref: Cell | None) -> _Objective:
    key = text  # the same objective on another sheet (of measures, say) may not repeat its ref
    found = reading.objectives.get(key)
    if found is None:
        number = len(reading.objectives) + 1
        data: dict[str, Any] = {"id": f"objective-{number}"}
        if ref is not None:
            data["ref"] = ref.text
        data["text"] = text
        found = reading.objectives[key] = _Objective(text=text, data=data)
    return found


def _objective_details(
    reading: _Reading, objective: _Objective, row: dict[Field, Cell], named: Any, cell_at: str,
    by_field: dict[Field, int],
) -> None:
    """Add a row's service area, aims and characteristics to its objective."""
    data = objective.data
    if Field.SERVICE_AREA in row:
        data.setdefault("service_area", row[Field.SERVICE_AREA].text)
    if Field.AIM in row:
        text = row[Field.AIM].text
        aims = aims_from_text(text)
        if aims:
            data["aims"] = list(dict.fromkeys([*data.get("aims", []), *(a.value for a in aims)]))
        else:
            data.setdefault("aim", text)
    labels = list(data.get("characteristics", []))
    if named is not None and not labels:
        labels.append(named.value)
    if Field.CHARACTERISTIC in row:
        found = characteristics_from_text(row[Field.CHARACTERISTIC].text)
        if found is None:
            reading.problem(cell_at.format(column_letter(by_field[Field.CHARACTERISTIC])),
                            f'"{row[Field.CHARACTERISTIC].text}" names no protected characteristic',
                            "write the characteristics separated by ; (Age; Disability; Race), or All")
        else:
            known = {_label_key(lab) for lab in labels}
            labels.extend(c.value if label.casefold() == c.value else label
                          for c, label in found if _label_key(label) not in known)
    if labels:
        data["characteristics"] = labels


def _label_key(label: str) -> str:
    ref = characteristic_of_name(label)
    return ref.value if ref is not None else label


def _item(
    reading: _Reading, objective: _Objective, row: dict[Field, Cell], cell_at: str, by_field: dict[Field, int],
) -> None:
    """Add the action, measure, or objective details a row holds."""
    status = None
    if Field.STATUS in row:
        cell = row[Field.STATUS]
        status = status_from_text(cell.text) if cell.text else None
        if status is None and cell.colour is not None:
            status = status_from_colour(cell.colour)
        if status is None and cell.text:
            reading.problem(cell_at.format(column_letter(by_field[Field.STATUS])),
                            f'"{cell.text}" is not a status', f"use one of {status_words()}")
    note: dict[str, Any] = {}
    if status is not None or Field.PROGRESS in row:
        note = {"on": reading.on}
        if status is not None:
            note["status"] = status.value
        if Field.PROGRESS in row:
            note["text"] = row[Field.PROGRESS].text
    text = {f: row[f].text for f in row if row[f].text}
    if Field.ACTION in text:
        action: dict[str, Any] = {"id": objective.item_id("action", len(objective.actions) + 1)}
        for field, key in ((Field.REF, "ref"), (Field.ACTION, "text"), (Field.OWNER, "owner"),
                           (Field.DIVISION, "division"), (Field.START, "start"), (Field.DUE, "finish")):
            if field in text:
                action[key] = text[field]
        if note:
            action["progress"] = [note]
        reading.place(objective.path("actions", len(objective.actions)), cell_at,
                      {"ref": Field.REF, "text": Field.ACTION, "owner": Field.OWNER, "division": Field.DIVISION,
                       "start": Field.START, "finish": Field.DUE, "progress": Field.STATUS}, by_field)
        objective.actions.append(action)
    if Field.MEASURE in text:
        measure: dict[str, Any] = {
            "id": objective.item_id("measure", len(objective.measures) + 1),
            "description": text[Field.MEASURE],
        }
        if Field.OWNER in text and Field.ACTION not in text:
            measure["owner"] = text[Field.OWNER]
        if Field.BASELINE in text:
            measure["baseline"] = text[Field.BASELINE]
        if Field.TARGET in text:  # for the row's date, unless that date is its action's
            by = text.get(Field.DUE, "Target") if Field.ACTION not in text else "Target"
            measure["targets"] = {by: text[Field.TARGET]}
        if Field.ACTUAL in text:
            measure["actuals"] = {reading.period: text[Field.ACTUAL]}
        reading.place(objective.path("measures", len(objective.measures)), cell_at,
                      {"description": Field.MEASURE, "owner": Field.OWNER, "baseline": Field.BASELINE,
                       "targets": Field.TARGET, "actuals": Field.ACTUAL}, by_field)
        objective.measures.append(measure)
    if Field.ACTION not in text and Field.MEASURE not in text and not objective.plan_level:  # the objective itself
        for field, key in ((Field.OWNER, "owner"), (Field.DIVISION, "division"), (Field.START, "start"),
                           (Field.DUE, "finish")):
            if field in text:
                objective.data.setdefault(key, text[field])
        if note:
            objective.data.setdefault("progress", []).append(note)


def _index(objective: _Objective) -> int:
    """Return an objective's place in the plan's list (its id is `objective-<place + 1>`)."""
    return int(objective.data["id"].rsplit("-", 1)[1]) - 1


def _plan(reading: _Reading, organisation: str) -> dict[str, Any]:
    objectives = []
    for objective in reading.objectives.values():
        data = dict(objective.data)
        if objective.actions:
            data["actions"] = objective.actions
        if objective.measures:
            data["measures"] = objective.measures
        objectives.append(data)
    plan: dict[str, Any] = {"title": "Equality action plan", "organisation": {"name": organisation}}
    if objectives:
        plan["objectives"] = objectives
    if reading.plan_items.actions:
        plan["actions"] = reading.plan_items.actions
    if reading.plan_items.measures:
        plan["measures"] = reading.plan_items.measures
    if reading.columns:
        plan["tables"] = {"actions": {"columns": [{field: header} for field, header in reading.columns.items()]}}
    return plan
