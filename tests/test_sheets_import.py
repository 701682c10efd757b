"""`equality-docs import`: a plan from officers' sheets of actions, and every bad sheet refused."""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
import yaml
from click.testing import CliRunner, Result

import equality_docs
from equality_docs import model as m
from equality_docs.cli import Exit, cli

from .conftest import EXAMPLES

SHEETS = EXAMPLES / "sheets"


def example() -> ModuleType:
    """Return the script that makes the example council tracker (tests build the same sheet)."""
    sys.path.insert(0, str(SHEETS))
    try:
        import make_council_actions  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    return make_council_actions  # type: ignore[no-any-return]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def imported(sheet: Path, tmp_path: Path, *extra: str) -> tuple[Result, Path]:
    out = tmp_path / "plan.yaml"
    return run("import", sheet, "--out", out, "--on", "2025-10-01", "--period", "2025/26 Q2", *extra), out


def council(tmp_path: Path) -> Path:
    path = tmp_path / "council-actions.xlsx"
    example().write_xlsx(path)
    return path


def test_the_committed_example_is_what_its_script_makes(tmp_path: Path) -> None:
    """examples/sheets/council-actions.xlsx is exactly what make_council_actions.py writes."""
    assert (SHEETS / "council-actions.xlsx").read_bytes() == council(tmp_path).read_bytes()


def test_a_council_tracker_becomes_a_valid_plan(tmp_path: Path) -> None:
    """Seventeen actions under five merged objectives, a KPI sheet and a notes sheet make one plan."""
    result, out = imported(council(tmp_path), tmp_path, "--organisation", "Anytown Borough Council")
    plan = equality_docs.load(out)

    assert Exit.OK == result.exit_code, result.stderr
    assert 5 == len(plan.objectives)
    assert [4, 3, 3, 3, 4] == [len(o.actions) for o in plan.objectives]
    assert [1, 1, 1, 0, 0] == [len(o.measures) for o in plan.objectives]
    assert "Anytown Borough Council" == plan.organisation.name


def test_merged_and_blank_objective_cells_mean_as_above(tmp_path: Path) -> None:
    """Rows under a merged objective cell belong to that objective, with its characteristics."""
    _, out = imported(council(tmp_path), tmp_path)
    third = equality_docs.load(out).objectives[2]

    assert "Reduce hate crime and increase its reporting" == third.text
    assert ["3.1", "3.2", "3.3"] == [a.ref for a in third.actions]
    assert [m.Characteristic.RACE, m.Characteristic.RELIGION_OR_BELIEF, m.Characteristic.SEXUAL_ORIENTATION] == [
        c.characteristic for c in third.characteristics]


def test_dates_keep_the_text_as_written(tmp_path: Path) -> None:
    """Due dates keep what was typed; real date cells become YYYY-MM-DD."""
    _, out = imported(council(tmp_path), tmp_path)
    plan = equality_docs.load(out)
    finishes = [str(a.finish) for o in plan.objectives for a in o.actions][:7]

    assert ["2025-09-30", "31/03/2026", "Sept 2025", "2025/26", "2026-03-31", "Ongoing", "End of March 2026"] == (
        finishes)


def test_statuses_as_words_letters_and_colours(tmp_path: Path) -> None:
    """Green, G, Amber, Red, Complete and an amber-filled empty cell become the model's statuses."""
    _, out = imported(council(tmp_path), tmp_path)
    plan = equality_docs.load(out)
    statuses = {a.ref: a.status for o in plan.objectives for a in o.actions}

    assert m.Status.ON_TRACK == statuses["1.1"] == statuses["2.1"]
    assert m.Status.AT_RISK == statuses["1.2"] == statuses["5.4"]
    assert m.Status.OFF_TRACK == statuses["3.1"]
    assert m.Status.COMPLETE == statuses["1.3"]
    assert statuses["2.3"] is None


def test_all_means_the_nine_characteristics(tmp_path: Path) -> None:
    """A characteristic cell reading "All" names all nine protected characteristics."""
    _, out = imported(council(tmp_path), tmp_path)

    assert equality_docs.load(out).objectives[3].addresses_all_characteristics


def test_the_report_names_each_column_and_those_not_used(tmp_path: Path) -> None:
    """The import reports where each column went, the columns not used and the sheets skipped."""
    result, _ = imported(council(tmp_path), tmp_path)

    assert '\'Action Plan 2025-27\'!E "Action / Task" -> actions[].text' in result.stderr
    assert 'not used: \'Action Plan 2025-27\'!J "Budget £"' in result.stderr
    assert "sheet 'Notes': no header row found in its first rows; skipped" in result.stderr
    assert "read 17 actions and 3 measures under 5 objectives" in result.stderr


def test_the_plan_says_where_it_came_from_and_keeps_column_names(tmp_path: Path) -> None:
    """The YAML starts with its source file and sheets and the column names, and has no import date."""
    _, out = imported(council(tmp_path), tmp_path)
    text = out.read_text(encoding="utf-8")

    assert text.startswith("# Imported by `equality-docs import` from council-actions.xlsx "
                           "(sheets: Action Plan 2025-27, KPIs).\n")
    assert '#   \'Action Plan 2025-27\'!G "By when?" -> actions[].finish\n' in text
    assert "&id" not in text  # no YAML anchors for people to puzzle over


def test_the_same_sheet_gives_the_same_bytes(tmp_path: Path) -> None:
    """Importing twice writes identical plans."""
    sheet = council(tmp_path)
    first = run("import", sheet, "--out", tmp_path / "a.yaml", "--on", "2025-10-01")
    second = run("import", sheet, "--out", tmp_path / "b.yaml", "--on", "2025-10-01")

    assert (Exit.OK, Exit.OK) == (first.exit_code, second.exit_code)
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()


def test_csv_gives_the_same_plan_as_xlsx(tmp_path: Path) -> None:
    """The same actions saved as CSV import to the same plan as from the workbook's action sheet."""
    workbook = openpyxl.load_workbook(council(tmp_path))
    del workbook["KPIs"]
    del workbook["Notes"]
    actions_only = tmp_path / "actions-only.xlsx"
    workbook.save(actions_only)
    sheet_csv = tmp_path / "actions.csv"
    example().write_csv(sheet_csv)
    (tmp_path / "x").mkdir()
    (tmp_path / "c").mkdir()
    from_xlsx, xlsx_out = imported(actions_only, tmp_path / "x")
    from_csv, csv_out = imported(sheet_csv, tmp_path / "c")

    assert (Exit.OK, Exit.OK) == (from_xlsx.exit_code, from_csv.exit_code), from_csv.stderr
    assert equality_docs.load(xlsx_out) == equality_docs.load(csv_out)


def test_a_map_file_names_other_headers(tmp_path: Path) -> None:
    """Headers no tracker uses are matched through --map; an unknown field there is refused."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Workstream,What we will do,Officer\nSafer streets,Light the underpass,Jo\n"
                     ",Run a survey,Sam\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"Workstream": objective\n"What we will do": action\n"Officer": owner\n', encoding="utf-8")
    result, out = imported(sheet, tmp_path, "--map", str(mapping))
    plan = equality_docs.load(out)

    assert Exit.OK == result.exit_code, result.stderr
    assert ["Jo", "Sam"] == [a.owner for a in plan.objectives[0].actions]


def test_a_map_file_with_an_unknown_field_is_refused(tmp_path: Path) -> None:
    """A map naming no field says which names it takes."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Objective,Action\nA,B\n", encoding="utf-8")
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"Notes": comment\n', encoding="utf-8")
    result, out = imported(sheet, tmp_path, "--map", str(mapping))

    assert Exit.INVALID_INPUT == result.exit_code
    assert f"{mapping}: Notes: 'comment' is not a field (use one of: objective," in result.stderr
    assert not out.exists()


def test_an_unknown_status_names_its_cell(tmp_path: Path) -> None:
    """A status no one can read is refused with its cell and the statuses to use; nothing is written."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Objective,Action,RAG\nA,B,Green\n,C,Greenish\n,D,Purple\n", encoding="utf-8")
    result, out = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert [f'{sheet}: C3: "Greenish" is not a status (use one of Not started, On track, At risk, Off track, '
            "Complete (or Red, Amber, Green))",
            f'{sheet}: C4: "Purple" is not a status (use one of Not started, On track, At risk, Off track, '
            "Complete (or Red, Amber, Green))"] == result.stderr.splitlines()[-2:]
    assert not out.exists()


def test_a_sheet_without_actions_column_says_so(tmp_path: Path) -> None:
    """A sheet naming objectives and owners but no actions reports the missing column and the fix."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Objective,Owner\nA,Jo\n", encoding="utf-8")
    result, _ = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert "no column of actions was found (a header such as Action or Task)" in result.stderr


def test_a_formula_is_read_as_its_saved_value(tmp_path: Path) -> None:
    """A formula cell imports as the value Excel saved with it."""
    sheet = tmp_path / "plan.xlsx"
    path = tmp_path / "raw.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Objective", "Action", "Owner"])
    ws.append(["A", "B", '=CONCAT("Jo", " Bloggs")'])
    book.save(path)
    _with_cached_value(path, sheet, "C2", "Jo Bloggs")
    result, out = imported(sheet, tmp_path)

    assert Exit.OK == result.exit_code, result.stderr
    assert "Jo Bloggs" == equality_docs.load(out).objectives[0].actions[0].owner


def test_a_formula_without_saved_value_is_refused(tmp_path: Path) -> None:
    """A formula never calculated (no saved value) is refused with its cell and the fix."""
    sheet = tmp_path / "plan.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Objective", "Action", "Owner"])
    ws.append(["A", "B", "=A2&B2"])
    book.save(sheet)
    result, out = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert (f"{sheet}: Sheet!C2: the formula =A2&B2 has no saved value (open the file in Excel or LibreOffice "
            "and save it, or type the value in)") in result.stderr
    assert not out.exists()


def _with_cached_value(source: Path, target: Path, cell: str, value: str) -> None:
    """Copy a workbook, giving one formula cell the value a spreadsheet program would have saved."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index(f'<c r="{cell}"')
                end = text.index("</c>", start)
                formula = text[text.index("<f>", start) : text.index("</f>", start) + 4]
                text = f'{text[:start]}<c r="{cell}" t="str">{formula}<v>{value}</v>{text[end:]}'
                data = text.encode()
            new.writestr(info, data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"),
         "this is an old-format Excel file (.xls), which is not read (open it in Excel or LibreOffice and "
         "save it as .xlsx (Excel Workbook))"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"),
         "the workbook is protected by a password, so it cannot be read"),
        ("broken.xlsx", b"PK\x03\x04 this was cut off in an email",
         "the file is not a valid Excel workbook (it may be damaged)"),
        ("notes.xlsx", b"just some text", "the file is not a valid Excel workbook (it may be damaged)"),
        ("empty.csv", b"", "the file is empty"),
        ("blank.csv", b"\n\n,,,\n", "no sheet has a header row naming its columns"),
        ("noheader.csv", b"Safer streets,Light the underpass,Jo\n",
         "no sheet has a header row naming its columns"),
    ],
)
def test_bad_files_are_refused_with_exit_3(name: str, content: bytes, message: str, tmp_path: Path) -> None:
    """Old, locked, damaged, empty and header-less sheets get a clear message, exit 3, and nothing written."""
    sheet = tmp_path / name
    sheet.write_bytes(content)
    result, out = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert f"{sheet}: {message}" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()


def test_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    """A workbook whose only sheet is empty says there is no header row."""
    sheet = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(sheet)
    result, _ = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert "no sheet has a header row naming its columns" in result.stderr


def test_a_100_mb_sheet_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 100 MB file is refused by its size, without being read."""
    sheet = tmp_path / "huge.xlsx"
    with sheet.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)
    result, _ = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert f"{sheet}: the file is 104,857,600 bytes, more than the 20,971,520 read" in result.stderr


def test_a_workbook_that_unpacks_huge_is_refused(tmp_path: Path) -> None:
    """A small workbook whose parts unpack to over 100 MB is refused from its zip directory."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b"\0" * (120 * 1024 * 1024))
    sheet = tmp_path / "bomb.xlsx"
    sheet.write_bytes(stream.getvalue())
    result, _ = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert "the workbook unpacks to 125,829,131 bytes, more than the 104,857,600 read" in result.stderr


def test_rows_past_the_limit_are_refused(tmp_path: Path) -> None:
    """A sheet of more than 10,000 rows is refused rather than read without end."""
    sheet = tmp_path / "long.csv"
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Objective", "Action"])
        writer.writerows(["A", f"Action {n}"] for n in range(10_001))
    result, _ = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert "the file has more than 10,000 rows (split it into smaller files)" in result.stderr


def test_an_existing_plan_is_not_replaced_without_force(tmp_path: Path) -> None:
    """--out naming an existing file is refused (exit 5) unless --force."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Objective,Action\nA,B\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text("mine\n", encoding="utf-8")
    refused, out = imported(sheet, tmp_path)
    forced, _ = imported(sheet, tmp_path, "--force")

    assert Exit.OUTPUT == refused.exit_code
    assert Exit.OK == forced.exit_code
    assert "Imported" in out.read_text(encoding="utf-8")


def test_the_sheet_itself_is_never_overwritten(tmp_path: Path) -> None:
    """--out naming the input sheet is refused, even with --force."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Objective,Action\nA,B\n", encoding="utf-8")
    result = run("import", sheet, "--out", sheet, "--force")

    assert Exit.OUTPUT == result.exit_code
    assert "Objective,Action\nA,B\n" == sheet.read_text(encoding="utf-8")


def test_a_sheet_per_objective_names_the_objective(tmp_path: Path) -> None:
    """With no objective column, each sheet's name is its objective; a characteristic's name is both."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Safer streets"
    first.append(["Task", "Lead"])
    first.append(["Light the underpass", "Jo"])
    second = book.create_sheet("Disability")
    second.append(["Task", "Lead"])
    second.append(["Step-free access to the town hall", "Sam"])
    sheet = tmp_path / "plan.xlsx"
    book.save(sheet)
    result, out = imported(sheet, tmp_path)
    plan = equality_docs.load(out)

    assert Exit.OK == result.exit_code, result.stderr
    assert ["Safer streets", "Disability"] == [o.text for o in plan.objectives]
    assert [m.Characteristic.DISABILITY] == [c.characteristic for c in plan.objectives[1].characteristics]


def test_objective_text_is_data_never_yaml(tmp_path: Path) -> None:
    """Cells that look like YAML or formulas come through as the text typed."""
    sheet = tmp_path / "plan.csv"
    tricky = ["key: value", "- item", "=1+1", "&anchor *alias", "{{ x }}"]
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Objective", "Action"])
        writer.writerows(["Objective A", text] for text in tricky)
    result, out = imported(sheet, tmp_path)

    assert Exit.OK == result.exit_code, result.stderr
    assert tricky == [a.text for a in equality_docs.load(out).objectives[0].actions]
    assert isinstance(yaml.safe_load(out.read_text(encoding="utf-8")), dict)


def test_the_example_csv_imports_and_renders(tmp_path: Path) -> None:
    """examples/sheets/action-tracker.csv, a school's tracker, imports to a plan that renders."""
    result, out = imported(SHEETS / "action-tracker.csv", tmp_path, "--organisation", "Example Academy")
    plan = equality_docs.load(out)

    assert Exit.OK == result.exit_code, result.stderr
    assert [m.Aim.ELIMINATE, m.Aim.FOSTER] == list(plan.objectives[2].aims)
    assert m.Status.AT_RISK == plan.objectives[0].actions[1].status
    assert equality_docs.render(plan, kind="objectives-plan", fmt="docx")


def test_the_docs_list_exactly_the_headers_read() -> None:
    """docs/spreadsheets.md's table of headers names every header the importer knows, and no other."""
    from equality_docs.sheets.columns import _NAMES, normalise

    text = (SHEETS.parents[1] / "docs" / "spreadsheets.md").read_text(encoding="utf-8")
    table = text[text.index("| field | headers read as it |"):].split("\n\n")[0].splitlines()[2:]
    documented = {row.split("|")[1].strip(): {normalise(h) for h in row.split("|")[2].split(",")} for row in table}

    assert {f.value: {n.replace(" ", "") for n in names} for f, names in _NAMES.items()} == documented


def test_a_header_with_a_line_break_stays_in_its_comment(tmp_path: Path) -> None:
    """A header holding a line break and YAML cannot add keys to the plan through the comment block."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text('Objective,Action,"Budget\ntitle: Hacked"\nA,B,10\n', encoding="utf-8")
    result, out = imported(sheet, tmp_path)

    assert Exit.OK == result.exit_code, result.stderr
    assert equality_docs.load(out).title != "Hacked"
    assert '#   not used: C "Budget title: Hacked"\n' in out.read_text(encoding="utf-8")


def test_a_date_naming_no_real_day_is_refused_at_its_cell(tmp_path: Path) -> None:
    """A due date the plan cannot hold (31 September) is refused naming its cell; nothing is written."""
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Objective,Action,Due\nA,B,30/06/2025\n,C,31/09/2025\n", encoding="utf-8")
    result, out = imported(sheet, tmp_path)

    assert Exit.INVALID_INPUT == result.exit_code
    assert (f"{sheet}: C3: 31/09/2025 is not a date: September has 30 days (did you mean 30/09/2025?)"
            == result.stderr.splitlines()[-1])
    assert not out.exists()


def test_a_spreadsheet_given_to_render_points_to_import(tmp_path: Path) -> None:
    """`render actions.csv` says the file is a spreadsheet and how to make a plan of it (exit 3)."""
    sheet = tmp_path / "actions.csv"
    sheet.write_text("Objective,Action\nNarrow the gap,Breakfast club\n", encoding="utf-8")

    result = CliRunner().invoke(cli, ["render", str(sheet), "--out", str(tmp_path / "out")])

    assert 3 == result.exit_code
    assert (
        f"{sheet}: this is a spreadsheet, not a plan "
        "(make a plan from it first: equality-docs import actions.csv --out plan.yaml)"
    ) in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("actions.*"))


def _own_actions_sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "tracker.csv"
    sheet.write_text(
        "No.,Action,By when,Responsible officer,Status\n"
        "1,Publish the data,March 2025,Jo Bloggs,Complete\n"
        "2,Train managers,Sept 2025,Sam Patel,On track\n",
        encoding="utf-8",
    )
    return sheet


def test_a_sheet_with_no_objective_column_is_the_plans_own_actions(tmp_path: Path) -> None:
    """One sheet with no objective column imports as plan-level actions, and renders as an action plan."""
    result, out = imported(_own_actions_sheet(tmp_path), tmp_path)
    plan = equality_docs.load(out)

    assert Exit.OK == result.exit_code, result.stderr
    assert ((), ["Publish the data", "Train managers"]) == (plan.objectives, [a.text for a in plan.actions])
    assert ["action-1", "action-2"] == [a.id for a in plan.actions]
    assert "action-plan" in [k.name for k in equality_docs.kinds_for(plan)]


def test_the_plan_keeps_the_sheets_header_text_as_its_columns(tmp_path: Path) -> None:
    """The imported plan's `tables:` entry titles each imported column with the sheet's own header."""
    _, out = imported(_own_actions_sheet(tmp_path), tmp_path)
    plan = equality_docs.load(out)

    assert plan.tables.actions is not None
    assert [("ref", "No."), ("text", "Action"), ("finish", "By when"), ("owner", "Responsible officer"),
            ("status", "Status")] == [(c.field, c.header) for c in plan.tables.actions.columns]
    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode("utf-8")
    assert "| No. | Action | By when | Responsible officer | Status |" in text
