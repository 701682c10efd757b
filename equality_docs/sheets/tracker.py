"""
Write a plan's quarterly tracker as an Excel workbook: one row per action and per measure with
its stable id, columns for this period's status, note, result and date, and a sheet of help.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import Counter
from collections.abc import Sequence
from typing import Any

from equality_docs.errors import InputError, Problem
from equality_docs.model import Action, EqualityPlan, PerformanceMeasure, Status
from equality_docs.sheets.ids import Tracked, tracked_items

#: The sheets and their columns: (header, width, filled in by the officer).
ACTIONS = "Actions"
MEASURES = "Measures"
HELP = "How to fill in"
ACTION_COLUMNS = (
    ("ID", 12, False), ("Objective", 40, False), ("Action", 50, False), ("Owner", 20, False),
    ("Due", 14, False), ("Last status", 14, False), ("Status now", 14, True),
    ("Progress note", 50, True), ("Date of update", 15, True),
)
MEASURE_COLUMNS = (
    ("ID", 12, False), ("Objective", 40, False), ("Measure", 50, False), ("Owner", 20, False),
    ("Targets", 22, False), ("Baseline", 12, False), ("Last result", 14, False),
    ("Result now", 14, True), ("Date of update", 15, True),
)
#: The help sheet's label for the period the update covers; the cell to its right is read back.
PERIOD_LABEL = "Period this update covers"
#: Workbook dates and zip entry times, fixed so the same plan gives the same bytes.
_FIXED = dt.datetime(2000, 1, 1)  # noqa: DTZ001  # a workbook's times are written without a zone
#: Text a spreadsheet would read as a formula or a command if typed in: stored as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MAX_CELL = 32_767  # Excel's longest cell text


def status_labels() -> tuple[str, ...]:
    """Return the statuses a tracker's drop-down offers, as the cells show them."""
    return tuple(s.label for s in Status)


def make_tracker(plan: EqualityPlan, *, period: str | None = None) -> bytes:
    """
    Return a tracker workbook for the plan's actions and measures, the same bytes for the same plan.

    Raises:
        InputError: two items of the plan would have the same id in the tracker.
    """
    import openpyxl  # only the spreadsheet commands need it

    items = tracked_items(plan)
    twice = sorted(i for i, n in Counter(t.id for t in items).items() if n > 1)
    if twice:
        raise InputError(None, tuple(
            Problem(path="", line=None, message=f"two actions or measures have the id {i!r}",
                    hint="give each action and measure its own `id:` in the plan") for i in twice))
    book = openpyxl.Workbook()
    actions = book.active
    assert actions is not None  # a new workbook has one sheet  # noqa: S101  # for mypy
    actions.title = ACTIONS
    _fill(actions, ACTION_COLUMNS, [_action_row(t) for t in items if isinstance(t.item, Action)])
    measure_rows = [_measure_row(t) for t in items if isinstance(t.item, PerformanceMeasure)]
    if measure_rows:
        _fill(book.create_sheet(MEASURES), MEASURE_COLUMNS, measure_rows)
    _help(book.create_sheet(HELP), period, plan)
    book.properties.creator = "equality-docs"
    book.properties.created = _FIXED
    book.properties.modified = _FIXED
    book.properties.lastModifiedBy = None
    stream = io.BytesIO()
    book.save(stream)  # stamps the properties "modified now"; they are written again below
    return fixed_times(stream.getvalue(), book)


def _action_row(tracked: Tracked) -> list[Any]:
    action = tracked.item
    assert isinstance(action, Action)  # noqa: S101  # for mypy
    status = action.status.label if action.status else ""
    objective = tracked.objective
    return [tracked.id, objective.text if objective else "", action.text,
            action.owner or (objective.owner if objective else None) or "", str(action.finish or ""), status]


def _measure_row(tracked: Tracked) -> list[Any]:
    measure = tracked.item
    assert isinstance(measure, PerformanceMeasure)  # noqa: S101  # for mypy
    targets = "; ".join(str(t.value) if t.period.casefold() == "target" else f"{t.period}: {t.value}"
                        for t in measure.targets if t.value is not None)
    last = measure.actuals[-1] if measure.actuals else None
    objective = tracked.objective
    return [tracked.id, objective.text if objective else "", measure.description,
            measure.owner or (objective.owner if objective else None) or "", targets, str(measure.baseline or ""),
            f"{last.value} ({last.period})" if last and last.value is not None else ""]


def put(cell: Any, value: object) -> None:
    """Set a cell to a value; text a spreadsheet would run as a formula is stored as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # only here

    if not isinstance(value, str):
        cell.value = value
        return
    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:_MAX_CELL]
    cell.value = text
    if text.startswith(_FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel and LibreOffice keep it text when the cell is edited


def _fill(sheet: Any, columns: Sequence[tuple[str, int, bool]], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    locked_fill = PatternFill("solid", fgColor="EDEDED")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for column, (header, width, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=column)
        put(cell, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    last = max(len(rows) + 1, 2)
    for number, values in enumerate(rows, start=2):
        for column, (_, _, open_) in enumerate(columns, start=1):
            cell = sheet.cell(row=number, column=column)
            if column <= len(values):
                put(cell, values[column - 1])
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if open_:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = locked_fill
        sheet.cell(row=number, column=len(columns)).number_format = "DD/MM/YYYY"
        sheet.row_dimensions[number].height = 15 * _lines(values, columns)
    letter = get_column_letter(len(columns))
    if columns is ACTION_COLUMNS:
        choice = DataValidation(type="list", formula1='"' + ",".join(status_labels()) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Status",
                                error="Choose a status from the list.")
        choice.add(f"G2:G{last}")
        sheet.add_data_validation(choice)
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                           showErrorMessage=True, errorTitle="Date of update",
                           error="Type a date, such as 31/03/2026.")
    dates.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(dates)
    sheet.freeze_panes = "A2"
    # Printed landscape, as wide as the page, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = f"A1:{letter}{last}"
    # Protected without a password: the id and plan columns cannot be changed by mistake, while
    # filters, sorting and widths still work. Review > Unprotect Sheet lifts it.
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _lines(values: Sequence[Any], columns: Sequence[tuple[str, int, bool]]) -> int:
    """Return how many lines a row's longest wrapped text takes (spreadsheets do not all work it out)."""
    lines = 1
    for value, (_, width, _) in zip(values, columns, strict=False):
        text = str(value)
        lines = max(lines, sum(-(-max(len(part), 1) // max(width - 2, 1)) for part in text.split("\n")))
    return min(lines, 20)


def _help(sheet: Any, period: str | None, plan: EqualityPlan) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    title = plan.title or "Equality plan"
    lines = [
        ("Tracker", f"{title} ({plan.organisation.name})"),
        (PERIOD_LABEL, period or ""),
        ("", ""),
        ("Step 1", "On the Actions sheet, for each action you lead, choose its status in Status now: "
         + ", ".join(status_labels()) + "."),
        ("Step 2", "Write what has happened since the last update in Progress note: a sentence or two."),
        ("Step 3", "Type the date you updated it in Date of update (for example 31/03/2026)."),
        ("Step 4", "On the Measures sheet, type the latest figure in Result now: a number, 55%, or 3ppts."),
        ("Leave alone", "Grey columns come from the plan and are locked. The ID column lets your update be "
         "read back: do not change it. Leave a row empty if there is nothing new."),
        ("Then", "Save the file and send it back. It is read with: "
         "equality-docs progress THIS-FILE.xlsx --plan PLAN.yaml --out PROGRESS.yaml"),
    ]
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 90
    for number, (label, text) in enumerate(lines, start=1):
        head = sheet.cell(row=number, column=1)
        put(head, label)
        head.font = Font(bold=True)
        cell = sheet.cell(row=number, column=2)
        put(cell, text)
        for each in (head, cell):
            each.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[number].height = 15 * _lines([label, text], [("", 26, False), ("", 90, False)])
        if label == PERIOD_LABEL:
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def fixed_times(data: bytes, book: Any) -> bytes:
    """
    Return a saved workbook with its properties' times fixed (openpyxl stamps "modified" with
    the time it saves) and every zip entry stamped with one fixed time.
    """
    from openpyxl.xml.functions import tostring  # only here

    book.properties.modified = book.properties.created
    core = tostring(book.properties.to_tree())
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, core if info.filename == "docProps/core.xml" else source.read(info.filename))
    return out.getvalue()
