"""
Make council-actions.xlsx: a council's equality action tracker as officers keep one, with a
title above the table, untidy headers, objectives in merged cells, blank rows, dates written
several ways, RAG statuses (one shown only by its colour), a sheet of KPIs and a notes sheet.

    python examples/sheets/make_council_actions.py   # rewrites council-actions.xlsx beside it

The tests build the same workbook (and a CSV of its actions) from this script.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill

from equality_docs.sheets.tracker import fixed_times

HERE = Path(__file__).resolve().parent
HEADERS = ("Obj. No", "Equality Objective", "Protected Characteristic(s)", "Ref", "Action / Task",
           "Lead Officer", "By when?", "RAG Status", "Progress Update (Q2)", "Budget £")
AMBER_FILL = "FFC000"

#: Objectives: (number, text, characteristics, [(ref, action, lead, due, status, progress), ...]).
OBJECTIVES = (
    ("1", "Improve the accessibility of council services for disabled residents", "Disability", [
        ("1.1", "Audit the accessibility of the council's website against WCAG 2.2 AA", "Head of Digital",
         dt.date(2025, 9, 30), "Green", "Audit complete; 42 issues logged."),
        ("1.2", "Fix the high-priority issues found by the audit", "Head of Digital", "31/03/2026", "Amber",
         "Two suppliers are slow to respond."),
        ("1.3", "Offer British Sign Language video calls at the customer service centre",
         "Customer Services Manager", "Sept 2025", "Complete", ""),
        ("1.4", "Train front-line staff in disability awareness", "HR Business Partner", "2025/26",
         "On track", "120 of 300 staff trained."),
    ]),
    ("2", "Close the gender pay gap in the council workforce", "Sex", [
        ("2.1", "Publish the gender pay gap report with an action plan", "Head of HR", dt.date(2026, 3, 31),
         "G", ""),
        ("2.2", "Use gender-neutral wording in every job advert", "Recruitment Lead", "Ongoing", "Green", ""),
        ("2.3", "Pilot flexible working in frontline roles", "Head of HR", "End of March 2026", "",
         "Pilot started in two teams."),
    ]),
    ("3", "Reduce hate crime and increase its reporting", "Race; Religion or belief; Sexual orientation", [
        ("3.1", "Open third-party hate crime reporting centres in libraries", "Community Safety Manager",
         "Dec 2025", "Red", "Only 2 of 6 libraries are ready."),
        ("3.2", "Run a campaign on reporting hate crime", "Communications Manager", "Summer 2025",
         "Complete", "Campaign reached 40,000 residents."),
        ("3.3", "Share hate crime data with the police every quarter", "Community Safety Manager",
         "Quarterly", "Green", ""),
    ]),
    ("4", "Improve the data the council holds on its workforce", "All", [
        ("4.1", "Ask all staff to update their equality monitoring data", "HR Systems Officer",
         "30/06/2025", "Complete", "Response rate up from 61% to 78%."),
        ("4.2", "Report workforce data by characteristic to Cabinet each year", "Head of HR", "Annually",
         "On track", ""),
        ("4.3", "Add sexual orientation and religion to the HR system", "HR Systems Officer", "Q4 2025/26",
         "Not started", "Awaiting the system upgrade."),
    ]),
    ("5", "Make sure council decisions consider their equality impact", "All", [
        ("5.1", "Refresh the equality impact assessment template and guidance", "Equality Officer",
         dt.date(2025, 7, 31), "Complete", ""),
        ("5.2", "Train report authors in equality impact assessment", "Equality Officer", "By Dec 2025",
         "Amber", "Two sessions postponed."),
        ("5.3", "Check a sample of Cabinet reports for their assessments each quarter", "Democratic Services",
         "Quarterly", "On track", ""),
        ("5.4", "Publish completed assessments on the council website", "Equality Officer", "2026",
         None, "Most are published; the rest follow in March."),
    ]),
)
KPIS = (
    ("Improve the accessibility of council services for disabled residents",
     "Pages of the website passing WCAG 2.2 AA", "38%", "90%", "64%"),
    ("Close the gender pay gap in the council workforce", "Median gender pay gap", "9.1%", "5%", "8.4%"),
    ("Reduce hate crime and increase its reporting", "Hate incidents reported through third-party centres",
     "12", "40", "19"),
)


def _rows() -> list[list[object]]:
    """Return the action rows as the sheet holds them: objective cells only on each first row."""
    rows: list[list[object]] = []
    for number, objective, characteristics, actions in OBJECTIVES:
        for index, (ref, action, lead, due, status, progress) in enumerate(actions):
            first = index == 0
            rows.append([number if first else None, objective if first else None,
                         characteristics if first else None, ref, action, lead, due, status, progress or None,
                         None])
        rows.append([None] * len(HEADERS))  # officers leave a blank row between objectives
    return rows


def write_xlsx(path: Path) -> None:
    """Write the tracker workbook, the same bytes each time."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None  # noqa: S101  # a new workbook has one sheet
    sheet.title = "Action Plan 2025-27"
    sheet["A1"] = "Anytown Borough Council - Equality Action Plan 2025-27"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = "Updated quarterly by the Equality Officer. Status key: Green, Amber, Red, Complete."
    sheet.append([])
    sheet.append(list(HEADERS))
    start = sheet.max_row + 1
    for row in _rows():
        sheet.append(row)
    row_number = start
    for _, _, _, actions in OBJECTIVES:  # each objective's cells merged down its actions
        last = row_number + len(actions) - 1
        for column in "ABC":
            sheet.merge_cells(f"{column}{row_number}:{column}{last}")
        row_number = last + 2
    amber = next(r for r in range(start, sheet.max_row + 1) if sheet[f"D{r}"].value == "5.4")
    sheet[f"H{amber}"].fill = PatternFill("solid", fgColor=AMBER_FILL)  # RAG shown only by its colour
    for column, width in zip("ABCDEFGHIJ", (8, 40, 24, 6, 50, 24, 14, 12, 40, 10), strict=True):
        sheet.column_dimensions[column].width = width
    kpis = book.create_sheet("KPIs")
    kpis.append(["Objective", "KPI", "Baseline (2024/25)", "Target", "Actual Q2"])
    for row in KPIS:
        kpis.append(list(row))
    notes = book.create_sheet("Notes")
    notes["A1"] = "Agreed at Cabinet on 12 March 2025. Next review March 2026."
    book.properties.created = book.properties.modified = dt.datetime(2025, 10, 1)  # noqa: DTZ001  # fixed
    stream = io.BytesIO()
    book.save(stream)
    path.write_bytes(fixed_times(stream.getvalue(), book))


def write_csv(path: Path) -> None:
    """Write the action sheet as Excel's "CSV UTF-8" would: the table only, dates as written."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADERS)
        for row in _rows():
            cells = ["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in row]
            if cells[3] == "5.4":
                cells[7] = "Amber"
            writer.writerow(cells)


if __name__ == "__main__":
    write_xlsx(HERE / "council-actions.xlsx")
