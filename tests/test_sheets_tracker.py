"""`equality-docs tracker` and `progress`: a quarterly tracker out, officers' updates read back."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner, Result

import equality_docs
from equality_docs import model as m
from equality_docs.cli import Exit, cli
from equality_docs.sheets import make_tracker
from equality_docs.sheets.ids import tracked_items

from .conftest import EXAMPLES
from .test_sheets_import import example

ACTION_PLAN = EXAMPLES / "childrens-services-action-plan.yaml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """The example council's sheet imported as a plan (every item with an id)."""
    sheet = tmp_path / "council-actions.xlsx"
    example().write_xlsx(sheet)
    out = tmp_path / "plan.yaml"
    result = run("import", sheet, "--out", out, "--on", "2025-10-01", "--period", "2025/26 Q2",
                 "--organisation", "Anytown Borough Council")
    assert Exit.OK == result.exit_code, result.stderr
    return out


@pytest.fixture
def tracker(plan_file: Path) -> Path:
    out = plan_file.with_name("tracker.xlsx")
    result = run("tracker", plan_file, "--out", out, "--period", "2025/26 Q3")
    assert Exit.OK == result.exit_code, result.stderr
    return out


def fill(tracker: Path, cells: dict[str, dict[str, object]], name: str = "filled.xlsx") -> Path:
    """Fill in a tracker's cells as an officer would, and save it under another name."""
    book = openpyxl.load_workbook(tracker)
    for sheet, values in cells.items():
        for ref, value in values.items():
            book[sheet][ref] = value
    out = tracker.with_name(name)
    book.save(out)
    return out


def row_of(tracker: Path, sheet: str, item_id: str) -> int:
    book = openpyxl.load_workbook(tracker)
    return next(c.row for c in book[sheet]["A"] if c.value == item_id)


def test_one_row_per_action_and_measure_with_stable_ids(tracker: Path) -> None:
    """The Actions sheet lists every action, the Measures sheet every measure, by id."""
    book = openpyxl.load_workbook(tracker)
    actions = [r[0] for r in book["Actions"].iter_rows(min_row=2, values_only=True)]
    measures = [r[0] for r in book["Measures"].iter_rows(min_row=2, values_only=True)]

    assert 17 == len(actions)
    assert ("action-1.1", "action-5.4") == (actions[0], actions[-1])
    assert ["measure-1.1", "measure-2.1", "measure-3.1"] == measures
    assert ["Actions", "Measures", "How to fill in"] == book.sheetnames


def test_the_plan_columns_are_locked_and_the_update_columns_open(tracker: Path) -> None:
    """The sheet is protected without a password; only status, note and date cells can be edited."""
    sheet = openpyxl.load_workbook(tracker)["Actions"]
    headers = [c.value for c in sheet[1]]
    open_columns = [headers[c.column - 1] for c in sheet[2] if not c.protection.locked]

    assert sheet.protection.sheet
    assert sheet.protection.password is None
    assert ["Status now", "Progress note", "Date of update"] == open_columns


def test_status_now_offers_the_statuses_as_a_drop_down(tracker: Path) -> None:
    """A list validation over the Status now column offers exactly the model's statuses."""
    sheet = openpyxl.load_workbook(tracker)["Actions"]
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]

    assert 1 == len(lists)
    assert '"Not started,On track,At risk,Off track,Complete"' == lists[0].formula1
    assert "G2:G18" == str(lists[0].sqref)


def test_frozen_header_filters_and_widths(tracker: Path) -> None:
    """The header row is frozen, filters cover the table, columns have set widths."""
    sheet = openpyxl.load_workbook(tracker)["Actions"]

    assert "A2" == sheet.freeze_panes
    assert "A1:I18" == sheet.auto_filter.ref
    assert 50 == sheet.column_dimensions["C"].width


def test_the_same_plan_gives_the_same_bytes(plan_file: Path) -> None:
    """Two trackers of one plan are identical, properties and zip times included."""
    plan = equality_docs.load(plan_file)
    first = make_tracker(plan, period="Q3")
    second = make_tracker(plan, period="Q3")

    assert first == second
    assert {(1980, 1, 1, 0, 0, 0)} == {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()}


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path: Path) -> None:
    """Plan text beginning =, +, -, @, tab or CR is written as text, never as a formula."""
    starts = ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\tcmd", "\rcmd"]
    plan = m.EqualityPlan(organisation=m.Organisation(name="=cmd|' /C calc'!A0"), objectives=(
        m.Objective(id="o", text="Objective", actions=tuple(
            m.Action(id=f"a{n}", text=text, owner=text) for n, text in enumerate(starts))),))
    path = tmp_path / "t.xlsx"
    path.write_bytes(make_tracker(plan))
    book = openpyxl.load_workbook(path)
    cells = [book["Actions"][f"C{n}"] for n in range(2, 8)]

    assert ["s"] * 6 == [c.data_type for c in cells]
    assert starts == [c.value for c in cells]
    assert all(c.quotePrefix for c in cells)
    assert "s" == book["How to fill in"]["B1"].data_type


def test_items_without_ids_get_derived_ids() -> None:
    """An item's id, else its unique ref, else its place (A<objective>.<action>, M<objective>.<measure>)."""
    plan = equality_docs.load(ACTION_PLAN)
    ids = {t.id: t.key for t in tracked_items(plan)}

    assert ("ref", "1.5") == ids["1.5"]
    assert ("ref", "NI 148") == ids["NI 148"]
    assert ids["A7.1"] is None
    assert ids["M2.2"] is None


def test_a_filled_tracker_becomes_a_progress_file(tracker: Path, plan_file: Path) -> None:
    """Statuses, notes, results and dates come back by id; the review takes the latest date."""
    filled = fill(tracker, {
        "Actions": {"G2": "On track", "H2": "All issues logged.", "I2": dt.date(2026, 1, 12),
                    "G4": "complete", "I4": "15/01/2026"},
        "Measures": {"H2": "71%", "I2": dt.date(2026, 1, 5)},
    })
    out = tracker.with_name("2025-26-q3.yaml")
    result = run("progress", filled, "--plan", plan_file, "--out", out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))

    assert Exit.OK == result.exit_code, result.stderr
    assert {"on": dt.date(2026, 1, 15), "period": "2025/26 Q3"} == data["review"]
    assert [{"id": "action-1.1", "status": "on track", "text": "All issues logged."},
            {"id": "action-1.3", "status": "complete"}] == data["actions"]
    assert [{"id": "measure-1.1", "actuals": {"2025/26 Q3": "71%"}}] == data["measures"]


def test_every_bad_cell_is_reported_at_once(tracker: Path, plan_file: Path) -> None:
    """Unknown ids, statuses not in the list, results not numbers and bad dates: all named by cell."""
    filled = fill(tracker, {
        "Actions": {"G14": "Greenish", "A5": "action-9.9", "H5": "Done", "I3": "next week", "G3": "On track"},
        "Measures": {"H3": "lots"},
    })
    out = tracker.with_name("progress.yaml")
    result = run("progress", filled, "--plan", plan_file, "--out", out)

    assert Exit.INVALID_INPUT == result.exit_code
    assert [
        f'{filled}: Actions!I3: "next week" is not a date (type a date such as 31/03/2026)',
        f'{filled}: Actions!A5: "action-9.9" is the id of no action in the plan (keep the ID column as the '
        "tracker was made, or make a new tracker from the plan)",
        f'{filled}: Actions!G14: "Greenish" is not a status (use one of Not started, On track, At risk, '
        "Off track, Complete)",
        f'{filled}: Measures!H3: "lots" is not a number (write a number such as 874, 55% or 3ppts)',
    ] == result.stderr.splitlines()
    assert not out.exists()


def test_reading_back_never_changes_the_plan(tracker: Path, plan_file: Path) -> None:
    """The plan file is byte for byte the same after its tracker is read back."""
    before = plan_file.read_bytes()
    filled = fill(tracker, {"Actions": {"G2": "At risk", "I2": dt.date(2026, 1, 12)}})
    result = run("progress", filled, "--plan", plan_file, "--out", tracker.with_name("p.yaml"))

    assert Exit.OK == result.exit_code, result.stderr
    assert before == plan_file.read_bytes()


def test_an_empty_tracker_needs_updates(tracker: Path, plan_file: Path) -> None:
    """A tracker returned with nothing filled in says so, and writes nothing."""
    result = run("progress", tracker, "--plan", plan_file, "--out", tracker.with_name("p.yaml"))

    assert Exit.INVALID_INPUT == result.exit_code
    assert "no row has an update (Status now, Progress note or Result now)" in result.stderr


def test_an_update_without_a_date_needs_on(tracker: Path, plan_file: Path) -> None:
    """With no Date of update anywhere, the review's date must be given with --on."""
    filled = fill(tracker, {"Actions": {"G2": "At risk"}})
    refused = run("progress", filled, "--plan", plan_file, "--out", tracker.with_name("a.yaml"))
    given = run("progress", filled, "--plan", plan_file, "--out", tracker.with_name("b.yaml"), "--on", "2026-01-31")

    assert Exit.INVALID_INPUT == refused.exit_code
    assert "give the date with --on YYYY-MM-DD" in refused.stderr
    assert Exit.OK == given.exit_code, given.stderr


def test_an_item_without_id_or_ref_cannot_take_progress(tmp_path: Path) -> None:
    """A row whose item has only a derived id is refused, saying to give the item an id."""
    tracker = tmp_path / "t.xlsx"
    assert Exit.OK == run("tracker", ACTION_PLAN, "--out", tracker).exit_code
    row = row_of(tracker, "Actions", "A7.1")
    filled = fill(tracker, {"Actions": {f"G{row}": "On track", f"I{row}": dt.date(2013, 3, 31)}})
    result = run("progress", filled, "--plan", ACTION_PLAN, "--out", tmp_path / "p.yaml")

    assert Exit.INVALID_INPUT == result.exit_code
    assert (f"Actions!A{row}: the action A7.1 has no id or ref in the plan, so its progress cannot be recorded "
            "(add `id: A7.1` to it in the plan, then make a new tracker)") in result.stderr


def test_the_tracker_and_progress_file_are_not_replaced_without_force(tracker: Path, plan_file: Path) -> None:
    """Existing outputs are refused (exit 5) unless --force; the plan itself never."""
    again = run("tracker", plan_file, "--out", tracker)
    onto_plan = run("tracker", plan_file, "--out", plan_file, "--force")
    forced = run("tracker", plan_file, "--out", tracker, "--force")

    assert (Exit.OUTPUT, Exit.OUTPUT, Exit.OK) == (again.exit_code, onto_plan.exit_code, forced.exit_code)


def test_the_annual_report_renders_the_tracker_statuses(tracker: Path, plan_file: Path, tmp_path: Path) -> None:
    """Plan -> tracker -> filled cells -> progress file -> annual report showing the new statuses."""
    filled = fill(tracker, {"Actions": {
        "G2": "Off track", "H2": "The supplier went into administration.", "I2": dt.date(2026, 1, 20),
    }})
    progress = tmp_path / "q3.yaml"
    assert Exit.OK == run("progress", filled, "--plan", plan_file, "--out", progress).exit_code
    reported = tmp_path / "reported.yaml"
    reported.write_text(plan_file.read_text(encoding="utf-8") + "progress_files: [q3.yaml]\n", encoding="utf-8")
    plan = equality_docs.load(reported)
    text = equality_docs.render(plan, kind="annual-report", fmt="md").decode("utf-8")

    assert m.Status.OFF_TRACK == plan.objectives[0].actions[0].status
    assert "The supplier went into administration." in text
    assert "Off track" in text


def test_a_row_copied_with_its_id_is_refused(tracker: Path, plan_file: Path) -> None:
    """Two updated rows with the same id are refused, naming both cells."""
    filled = fill(tracker, {"Actions": {"G2": "At risk", "I2": dt.date(2026, 1, 12),
                                        "A3": "action-1.1", "G3": "On track"}})
    result = run("progress", filled, "--plan", plan_file, "--out", tracker.with_name("p.yaml"))

    assert Exit.INVALID_INPUT == result.exit_code
    assert (f"{filled}: Actions!A3: action-1.1 is updated twice (also in Actions!A2) (keep one row for each id: "
            "put both notes in one row)") == result.stderr.strip()


def test_the_plans_own_actions_and_measures_are_tracked(tmp_path: Path) -> None:
    """Plan-level actions and measures get tracker rows with their ids (or places A<n>, M<n>) and no objective."""
    plan = equality_docs.loads(
        "organisation: {name: A}\nactions:\n  - {id: publish, text: Publish}\n  - {text: Train}\n"
        "measures:\n  - {description: Declaration rate}\n"
    )
    items = tracked_items(plan)

    assert [("publish", None), ("A2", None), ("M1", None)] == [(t.id, t.objective) for t in items]
    book = openpyxl.load_workbook(io.BytesIO(make_tracker(plan)))
    assert ["publish", "A2"] == [c.value for c in book["Actions"]["A"][1:]]
