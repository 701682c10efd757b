"""
The spreadsheet commands of `equality-docs`: import, tracker, progress (thin layers over
sheets/). cli.py adds them to its group, which turns their errors into messages and exit codes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from equality_docs.errors import InputError, Problem

_existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)
_output_file = click.Path(dir_okay=False, path_type=Path)


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{option} takes a date as YYYY-MM-DD, not {value!r}"
        raise click.BadParameter(msg) from None


@click.command("import")
@click.argument("sheet", type=_existing_file)
@click.option("--out", "-o", type=_output_file, required=True, help="The plan file to write (YAML).")
@click.option("--map", "map_file", type=_existing_file,
              help="YAML file naming headers this does not know: `\"Your header\": action` per line.")
@click.option("--organisation", default="Your organisation", show_default=True,
              help="The organisation's name, for the plan.")
@click.option("--on", "on", metavar="DATE",
              help="Date the sheet's statuses were true (YYYY-MM-DD); default the file's last-saved date.")
@click.option("--period", help="Period the sheet's results are for (2025/26 Q3); default the --on date.")
@click.option("--force", is_flag=True, help="Replace the plan file if it exists.")
def import_sheet(  # one parameter per option
    sheet: Path, out: Path, map_file: Path | None, organisation: str, on: str | None, period: str | None,
    force: bool,
) -> None:
    """
    Build a plan from a spreadsheet of actions (XLSX or CSV), one row per action.

    Columns are found by their headers (Objective, Action, Owner, Due, Status, Progress, ...);
    the report says which column went where and which were not used.
    """
    from equality_docs.load import loads  # keep --help fast
    from equality_docs.output.write import write_output
    from equality_docs.sheets import import_sheet as make_plan
    from equality_docs.sheets import load_map

    mapping = load_map(map_file) if map_file else {}
    day = _day(on, "--on") or dt.datetime.fromtimestamp(sheet.stat().st_mtime).date()  # noqa: DTZ006  # the user's local day
    imported = make_plan(sheet, mapping=mapping, organisation=organisation, on=day, period=period)
    click.echo(f"{sheet}: how its columns were read:", err=True)
    for line in imported.report:
        click.echo(f"  {line}", err=True)
    try:
        loads(imported.text, file=out)
    except InputError as exc:  # the sheet's values do not make a valid plan: nothing is written
        problems = tuple(
            Problem(path=imported.cell_of(p.path) or f"in the plan made from it, {p.path}", line=None,
                    message=p.message, hint=p.hint)
            for p in exc.problems
        )
        raise InputError(sheet, problems) from None
    write_output(imported.text.encode("utf-8"), out, inputs=[sheet, *([map_file] if map_file else [])],
                 replace=force)
    click.echo(f"wrote {out}; check it, then: equality-docs validate {out}")


@click.command("tracker")
@click.argument("plan", type=_existing_file)
@click.option("--out", "-o", type=_output_file, required=True, help="The tracker to write (.xlsx).")
@click.option("--period", help="The period the update covers (2025/26 Q3), shown in the tracker.")
@click.option("--force", is_flag=True, help="Replace the tracker if it exists.")
def tracker(plan: Path, out: Path, period: str | None, force: bool) -> None:
    """Write an Excel tracker of the plan's actions and measures, for officers to fill in."""
    from equality_docs.load import load
    from equality_docs.output.write import write_output
    from equality_docs.sheets import make_tracker

    data = make_tracker(load(plan), period=period)
    write_output(data, out, inputs=[plan], replace=force)
    click.echo(f"wrote {out}; when it comes back filled in: equality-docs progress {out} --plan {plan} "
               "--out PROGRESS.yaml")


@click.command("progress")
@click.argument("tracker_file", metavar="TRACKER", type=_existing_file)
@click.option("--plan", "plan_file", type=_existing_file, required=True,
              help="The plan the tracker was made from.")
@click.option("--out", "-o", type=_output_file, required=True, help="The progress file to write (YAML).")
@click.option("--on", "on", metavar="DATE",
              help="Date of the review (YYYY-MM-DD); default the latest Date of update in the tracker.")
@click.option("--period", help="Period the results are for; default the one written in the tracker.")
@click.option("--force", is_flag=True, help="Replace the progress file if it exists.")
def progress(  # one parameter per option
    tracker_file: Path, plan_file: Path, out: Path, on: str | None, period: str | None, force: bool,
) -> None:
    """
    Read a filled tracker back as a progress file, each row found by its id; the plan is not changed.

    List the file in the plan's progress_files to report on it (annual-report).
    """
    from equality_docs.load import load
    from equality_docs.output.write import write_output
    from equality_docs.sheets import read_progress

    result = read_progress(tracker_file, plan=load(plan_file), plan_name=plan_file.name,
                           on=_day(on, "--on"), period=period)
    click.echo(f"{tracker_file}: {result.summary}", err=True)
    write_output(result.text.encode("utf-8"), out, inputs=[tracker_file, plan_file], replace=force)
    click.echo(f"wrote {out}; add it to the plan's progress_files to report on it")


#: The commands, for cli.py to add to its group.
COMMANDS = (import_sheet, tracker, progress)
