"""Trackers and imported sheets survive a real spreadsheet program: LibreOffice Calc, headless."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.cli import Exit, cli
from equality_docs.sheets import make_tracker

from .conftest import require_program
from .test_sheets_import import example

pytestmark = pytest.mark.slow


def resave(path: Path, folder: Path) -> Path:
    """Open a workbook in LibreOffice Calc and save it again as .xlsx into `folder`."""
    soffice = require_program("soffice")
    folder.mkdir()
    profile = folder.parent / f"profile-{folder.name}"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--calc", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=180,
    )
    saved = folder / f"{path.stem}.xlsx"
    if not saved.is_file():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc did not convert the workbook; .ci/run must install libreoffice-calc-nogui")
        pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
    return saved


def progress_of(tracker: Path, plan: Path, out: Path) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["progress", str(tracker), "--plan", str(plan), "--out", str(out)])
    assert Exit.OK == result.exit_code, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_tracker_saved_by_libreoffice_reads_back_the_same(tmp_path: Path) -> None:
    """A filled tracker saved again by LibreOffice gives the same progress as before."""
    sheet = tmp_path / "council.xlsx"
    example().write_xlsx(sheet)
    plan = tmp_path / "plan.yaml"
    CliRunner().invoke(cli, ["import", str(sheet), "--out", str(plan), "--on", "2025-10-01"])
    tracker = tmp_path / "tracker.xlsx"
    tracker.write_bytes(make_tracker(equality_docs.load(plan), period="2025/26 Q3"))
    book = openpyxl.load_workbook(tracker)
    book["Actions"]["G2"] = "At risk"
    book["Actions"]["H2"] = "Waiting for the supplier."
    book["Actions"]["I2"] = dt.date(2026, 1, 12)
    book["Actions"]["G9"] = "Complete"
    book["Measures"]["H3"] = "7.9%"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    again = resave(filled, tmp_path / "lo")

    before = progress_of(filled, plan, tmp_path / "before.yaml")
    after = progress_of(again, plan, tmp_path / "after.yaml")

    assert before == after
    assert {"on": dt.date(2026, 1, 12), "period": "2025/26 Q3"} == after["review"]


def test_libreoffice_keeps_the_protection_and_the_drop_down(tmp_path: Path) -> None:
    """After LibreOffice saves a tracker, its sheet is still protected and Status now still a list."""
    tracker = tmp_path / "tracker.xlsx"
    tracker.write_bytes(make_tracker(equality_docs.load(example_plan(tmp_path))))
    sheet = openpyxl.load_workbook(resave(tracker, tmp_path / "lo"))["Actions"]

    assert sheet.protection.sheet
    assert any(v.type == "list" for v in sheet.data_validations.dataValidation)
    assert not sheet["G2"].protection.locked
    assert sheet["A2"].protection.locked


def test_formula_like_text_stays_text_in_libreoffice(tmp_path: Path) -> None:
    """Text beginning = or + written into a tracker is still text after LibreOffice opens and saves it."""
    plan = m.EqualityPlan(organisation=m.Organisation(name="Council"), objectives=(
        m.Objective(id="o", text="=1+1", actions=(m.Action(id="a", text="+SUM(1,2)", owner="@me"),)),))
    tracker = tmp_path / "tracker.xlsx"
    tracker.write_bytes(make_tracker(plan))
    book = openpyxl.load_workbook(resave(tracker, tmp_path / "lo"))
    cells = [book["Actions"][ref] for ref in ("B2", "C2", "D2")]

    assert ["=1+1", "+SUM(1,2)", "@me"] == [c.value for c in cells]
    assert ["s", "s", "s"] == [c.data_type for c in cells]


def test_a_sheet_saved_by_libreoffice_imports_the_same(tmp_path: Path) -> None:
    """The example council sheet imports to the same plan after LibreOffice saves it again."""
    sheet = tmp_path / "council.xlsx"
    example().write_xlsx(sheet)
    again = resave(sheet, tmp_path / "lo")
    runner = CliRunner()
    for source, out in ((sheet, "a.yaml"), (again, "b.yaml")):
        result = runner.invoke(cli, ["import", str(source), "--out", str(tmp_path / out), "--on", "2025-10-01"])
        assert Exit.OK == result.exit_code, result.stderr

    assert equality_docs.load(tmp_path / "a.yaml") == equality_docs.load(tmp_path / "b.yaml")


def example_plan(tmp_path: Path) -> Path:
    sheet = tmp_path / "council.xlsx"
    example().write_xlsx(sheet)
    plan = tmp_path / "plan.yaml"
    result = CliRunner().invoke(cli, ["import", str(sheet), "--out", str(plan), "--on", "2025-10-01"])
    assert Exit.OK == result.exit_code, result.stderr
    return plan
