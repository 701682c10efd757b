"""
Read the rows of a spreadsheet (XLSX or CSV) safely: the file is measured before anything
parses it, rows and columns are capped, formulas are read as the values Excel saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from equality_docs.errors import InputError, Problem

#: Largest spreadsheet file read, in bytes (a tracker of thousands of rows is well under 1 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most bytes an XLSX file may unpack to, all its parts together.
MAX_INFLATED_BYTES = 100 * 1024 * 1024
#: Most rows read from one sheet (header included).
MAX_ROWS = 10_000
#: Most columns read from one sheet; cells to the right are not read.
MAX_COLUMNS = 60
#: Most sheets read from one workbook.
MAX_SHEETS = 50

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: old .xls, or an encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@attrs.frozen(kw_only=True)
class Cell:
    """One non-empty cell: its text as written (dates as YYYY-MM-DD), and its fill colour if any."""

    text: str
    colour: str | None = None


@attrs.frozen(kw_only=True)
class Sheet:
    """The rows of one sheet: for each row, its number and its cells by column (0-based)."""

    name: str
    rows: tuple[tuple[int, tuple[Cell | None, ...]], ...]


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column number (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_ref(name: str) -> str:
    """Return a sheet's name as a cell reference writes it: quoted when not a plain word."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def _refuse(path: Path, message: str, hint: str | None = None) -> InputError:
    return InputError(path, (Problem(path="", line=None, message=message, hint=hint),))


def read_sheets(path: Path, problems: list[Problem] | None = None) -> tuple[Sheet, ...]:
    """
    Return the sheets of an XLSX or CSV file, each with its rows of cell texts.

    A formula with no saved value is a problem about its cell: added to `problems` when given
    (so a caller reports it with its own), else raised.

    Raises:
        InputError: the file cannot be read, is not a spreadsheet this reads, or is too large.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(path, f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} read",
                          "split it into smaller sheets, or remove pictures and unused rows")
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(path, f"cannot read the file: {exc.strerror}") from None
    if not data.strip():
        raise _refuse(path, "the file is empty", "save the sheet with its header row and actions")
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise _refuse(path, "the workbook is protected by a password, so it cannot be read",
                          "in Excel: File > Info > Protect Workbook > Encrypt with Password, "
                          "clear the password and save")
        raise _refuse(path, "this is an old-format Excel file (.xls), which is not read",
                      "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook)")
    if data.startswith(b"PK"):
        return _read_xlsx(path, data, problems)
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        raise _refuse(path, "the file is not a valid Excel workbook (it may be damaged)",
                      "open it in Excel or LibreOffice and save it again as .xlsx")
    return (_read_csv(path, data),)


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse a workbook that is no zip, or that unpacks to more than is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _refuse(path, "the file is not a valid Excel workbook (it may be damaged)",
                      "open it in Excel or LibreOffice and save it again as .xlsx") from None
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_INFLATED_BYTES:
        raise _refuse(path, f"the workbook unpacks to {inflated:,} bytes, more than the "
                      f"{MAX_INFLATED_BYTES:,} read", "split it into smaller workbooks")
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise _refuse(path, "the file is a zip archive but not an Excel workbook",
                      "save the sheet from Excel or LibreOffice as .xlsx")


def _read_xlsx(path: Path, data: bytes, found: list[Problem] | None) -> tuple[Sheet, ...]:
    _check_zip(path, data)
    import openpyxl  # only the spreadsheet commands need it

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # A formula without a saved value reads as empty: the formulas are read too, to tell.
        formulas = (openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
                    if _has_formulas(data) else None)
    except Exception as exc:  # noqa: BLE001  # openpyxl raises many kinds on a damaged file
        raise _refuse(path, f"the workbook cannot be read ({type(exc).__name__}; it may be damaged)",
                      "open it in Excel or LibreOffice and save it again as .xlsx") from None
    problems: list[Problem] = []
    sheets = []
    try:
        for name in values.sheetnames[:MAX_SHEETS]:
            if not hasattr(values[name], "iter_rows"):  # a chart sheet: no cells
                continue
            rows = _xlsx_rows(name, values[name].iter_rows(max_col=MAX_COLUMNS),
                              formulas[name].iter_rows(max_col=MAX_COLUMNS) if formulas else None, problems)
            sheets.append(Sheet(name=name, rows=rows))
    except Exception as exc:  # noqa: BLE001  # a damaged part shows only once it is read
        raise _refuse(path, f"the workbook cannot be read ({type(exc).__name__}; it may be damaged)",
                      "open it in Excel or LibreOffice and save it again as .xlsx") from None
    finally:
        values.close()
        if formulas is not None:
            formulas.close()
    if found is not None:
        found.extend(problems)
    elif problems:
        raise InputError(path, tuple(problems))
    return tuple(sheets)


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def _has_formulas(data: bytes) -> bool:
    """Return whether any worksheet of a workbook (already measured) holds a formula."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            _FORMULA.search(archive.read(info))
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        )


def _xlsx_rows(
    name: str, values: Iterator[tuple[Any, ...]], formulas: Iterator[tuple[Any, ...]] | None,
    problems: list[Problem],
) -> tuple[tuple[int, tuple[Cell | None, ...]], ...]:
    rows: list[tuple[int, tuple[Cell | None, ...]]] = []
    pairs = zip(values, formulas, strict=False) if formulas is not None else ((row, ()) for row in values)
    for number, (row, raw) in enumerate(pairs, start=1):
        if number > MAX_ROWS:
            if any(_cell_text(c.value) for c in row):
                problems.append(Problem(path="", line=None,
                                        message=f"sheet {name!r} has more than {MAX_ROWS:,} rows",
                                        hint="split it into smaller sheets"))
            break
        cells: list[Cell | None] = []
        for column, cell in enumerate(row):
            text = _cell_text(cell.value)
            source = raw[column] if column < len(raw) else None
            if cell.value is None and getattr(source, "data_type", None) == "f":
                problems.append(Problem(
                    path=f"{sheet_ref(name)}!{column_letter(column)}{number}", line=None,
                    message=f"the formula {getattr(source, 'value', '')} has no saved value",
                    hint="open the file in Excel or LibreOffice and save it, or type the value in",
                ))
            # A colour matters only where there is no text: a RAG cell shown by its fill alone.
            colour = None if text else _colour(cell)
            cells.append(Cell(text=text, colour=colour) if text or colour else None)
        while cells and cells[-1] is None:
            cells.pop()
        rows.append((number, tuple(cells)))
    return tuple(rows)


def _colour(cell: Any) -> str | None:
    """Return a cell's solid fill as RRGGBB, or None (no fill, a theme colour, or white)."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    rgb = fill.fgColor.rgb if fill.fgColor.type == "rgb" else None
    if not isinstance(rgb, str) or len(rgb) < 6 or rgb[-6:].upper() == "FFFFFF":
        return None
    return rgb[-6:].upper()


def _cell_text(value: object) -> str:
    """Return a cell's value as text: dates as YYYY-MM-DD, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _read_csv(path: Path, data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows in the UK
    # The separator is the one the first line uses most (Excel in some locales writes ";"):
    # guessing from the whole text is misled by "Race; Disability" in a cell.
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows: list[tuple[int, tuple[Cell | None, ...]]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
            if number > MAX_ROWS:
                if any(v.strip() for v in row):
                    raise _refuse(path, f"the file has more than {MAX_ROWS:,} rows",
                                  "split it into smaller files")
                break
            cells = [Cell(text=_cell_text(v)) if v.strip() else None for v in row[:MAX_COLUMNS]]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append((number, tuple(cells)))
    except csv.Error as exc:
        raise _refuse(path, f"the file is not a readable CSV file: {exc}",
                      "save it from Excel as CSV UTF-8 (Comma delimited)") from None
    return Sheet(name=path.stem, rows=tuple(rows))
