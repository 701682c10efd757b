"""
Match a sheet's column headers to the plan's fields by their text, ignoring case, spacing and
punctuation, across the names real trackers use; a map file names any other header.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from equality_docs.errors import InputError, Problem
from equality_docs.sheets.read import Cell, Sheet, column_letter


class Field(enum.Enum):
    """What a column holds, named as a map file names it."""

    OBJECTIVE = "objective"
    OBJECTIVE_REF = "objective ref"
    SERVICE_AREA = "service area"
    ACTION = "action"
    REF = "ref"
    OWNER = "owner"
    DIVISION = "division"
    DUE = "due"
    START = "start"
    STATUS = "status"
    PROGRESS = "progress"
    CHARACTERISTIC = "characteristic"
    AIM = "aim"
    MEASURE = "measure"
    TARGET = "target"
    BASELINE = "baseline"
    ACTUAL = "actual"
    IGNORE = "ignore"

    @property
    def destination(self) -> str:
        """Return where the column's values go in the plan, as the import report prints it."""
        return _DESTINATIONS[self]


_DESTINATIONS = {
    Field.OBJECTIVE: "objectives[].text",
    Field.OBJECTIVE_REF: "objectives[].ref",
    Field.SERVICE_AREA: "objectives[].service_area",
    Field.ACTION: "actions[].text",
    Field.REF: "actions[].ref",
    Field.OWNER: "actions[].owner",
    Field.DIVISION: "actions[].division",
    Field.DUE: "actions[].finish",
    Field.START: "actions[].start",
    Field.STATUS: "actions[].progress[].status",
    Field.PROGRESS: "actions[].progress[].text",
    Field.CHARACTERISTIC: "objectives[].characteristics",
    Field.AIM: "objectives[].aims (duty aims) or objectives[].aim",
    Field.MEASURE: "measures[].description",
    Field.TARGET: "measures[].targets",
    Field.BASELINE: "measures[].baseline",
    Field.ACTUAL: "measures[].actuals",
    Field.IGNORE: "(not used)",
}

#: Header texts (as `normalise` leaves them) that mean each field.
_NAMES: dict[Field, tuple[str, ...]] = {
    Field.OBJECTIVE: ("objective", "objectives", "equalityobjective", "outcome area", "priority",
                      "objectivedescription", "goal"),
    Field.OBJECTIVE_REF: ("objectiveid", "objectiveref", "objref", "objectiveno", "objectivenumber",
                          "objno", "objid"),
    Field.SERVICE_AREA: ("servicearea", "service", "directorate", "department"),
    Field.ACTION: ("action", "actions", "task", "tasks", "actiontask", "actionstasks", "activity", "actiondescription",
                   "criticalaction", "whatwewilldo", "keyaction"),
    Field.REF: ("ref", "reference", "id", "actionref", "actionid", "actionno", "actionnumber",
                "no", "number", "taskref"),
    Field.OWNER: ("owner", "lead", "ledby", "leadpersonnel", "responsibleofficer", "responsible",
                  "who", "leadofficer", "actionowner", "responsibility", "personresponsible"),
    Field.DIVISION: ("division", "team", "unit", "responsibledivision"),
    Field.DUE: ("due", "duedate", "bywhen", "timescale", "timescales", "deadline", "date",
                "enddate", "finish", "finishdate", "targetdate", "completionby", "completeby", "when"),
    Field.START: ("start", "startdate", "from", "datefrom", "begin"),
    Field.STATUS: ("status", "rag", "ragstatus", "ragrating", "currentstatus", "rating"),
    Field.PROGRESS: ("progress", "update", "updates", "commentary", "completed", "outcome",
                     "outcomes", "progressupdate", "comments", "comment", "progressnotes",
                     "latestupdate", "progresstodate"),
    Field.CHARACTERISTIC: ("characteristic", "characteristics", "protectedcharacteristic",
                           "protectedcharacteristics", "equalitygroup", "equalitystrand", "strand"),
    Field.AIM: ("aim", "aims", "dutyaim", "generalduty", "generaldutyaim", "psedaim", "equalityaim"),
    Field.MEASURE: ("measure", "measures", "kpi", "kpis", "performancemeasure", "indicator",
                    "successmeasure", "successcriteria", "measureofsuccess", "howwewillmeasure"),
    Field.TARGET: ("target", "targets", "targetvalue"),
    Field.BASELINE: ("baseline", "startingpoint", "baselinevalue"),
    Field.ACTUAL: ("actual", "actuals", "result", "results", "actualvalue", "latestresult"),
}
_BY_NAME = {name.replace(" ", ""): field for field, names in _NAMES.items() for name in names}

#: Rows searched for the header row, from the top of a sheet.
HEADER_SEARCH_ROWS = 15


def normalise(header: str) -> str:
    """Return a header as it is matched: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", header.casefold())


#: What a header may add to a known name: "(Q2)", "(2024/25)", "Q2", "2025/26", "(s)".
_QUALIFIER = re.compile(r"\s*(?:\([^)]*\)|\bq[1-4]\b|\b\d{4}(?:\s*[/-]\s*\d{2,4})?)\s*$", re.IGNORECASE)


def field_for(header: str, mapping: Mapping[str, Field]) -> Field | None:
    """
    Return the field a header means: the map file's choice first, then the known names, then
    the known names once a qualifier is taken off its end ("Progress Update (Q2)", "Actual Q2").
    """
    key = normalise(header)
    if key in mapping:
        return mapping[key]
    if key in _BY_NAME:
        return _BY_NAME[key]
    bare = _QUALIFIER.sub("", header)
    while bare != header:
        header, bare = bare, _QUALIFIER.sub("", bare)
    return _BY_NAME.get(normalise(header))


def load_map(path: Path) -> dict[str, Field]:
    """
    Return a map file's headers (normalised) and the fields they mean.

    Raises:
        InputError: the file is not a mapping of header text to a field name.
    """
    choices = ", ".join(f.value for f in Field)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        raise InputError(path, (Problem(path="", line=None, message=f"cannot read the map: {reason}"),)) from None
    if not isinstance(data, dict):
        raise InputError(path, (Problem(path="", line=None, message="the map must be lines of `header: field`",
                                        hint=f'for example `"What we will do": action`; fields: {choices}'),))
    mapping: dict[str, Field] = {}
    problems = []
    for header, name in data.items():
        try:
            mapping[normalise(str(header))] = Field(" ".join(str(name).casefold().replace("_", " ").split()))
        except ValueError:
            problems.append(Problem(path=str(header), line=None, message=f"{name!r} is not a field",
                                    hint=f"use one of: {choices}"))
    if problems:
        raise InputError(path, tuple(problems))
    return mapping


def find_header(sheet: Sheet, mapping: Mapping[str, Field]) -> tuple[int, dict[int, Field], list[str]] | None:
    """
    Return the header row's index in `sheet.rows`, the field of each matched column, and the
    headers not used (as `B "Notes"`); None when no row in the first few names two known columns.
    """
    for index, (_, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields, unused = match_row(cells, mapping)
        if len({f for f in fields.values() if f is not Field.IGNORE}) >= 2:  # one known header is a coincidence, two a header row
            return index, fields, unused
    return None


def match_row(cells: Sequence[Cell | None], mapping: Mapping[str, Field]) -> tuple[dict[int, Field], list[str]]:
    """Return the field of each column a header row names (the first of repeats), and the rest."""
    fields: dict[int, Field] = {}
    unused: list[str] = []
    for column, cell in enumerate(cells):
        if cell is None or not cell.text:
            continue
        field = field_for(cell.text, mapping)
        if field is None or (field in fields.values() and field is not Field.IGNORE):
            unused.append(f'{column_letter(column)} "{cell.text}"')
        else:
            fields[column] = field
    return fields, unused
