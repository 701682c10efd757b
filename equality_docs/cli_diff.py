"""
`equality-docs diff OLD NEW`: what changed between two editions of a plan, for a committee.

The command is added to the `equality-docs` group in cli.py; it imports nothing of cli.py, so
there is no import cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from equality_docs.model import EqualityPlan


def read_plan(path: Path) -> EqualityPlan:
    """
    Return the plan in a file; a plan in an older format is read as `equality-docs migrate` reads
    it, in memory (the file is untouched), and the user is told so on the error stream.

    Raises:
        InputError: the file is not a valid plan, in today's format or once migrated (the
            problems are those of the file as written, the older names with how to upgrade them).
    """
    from equality_docs.errors import InputError
    from equality_docs.load import load, load_as
    from equality_docs.load.older import MIGRATE_HINT
    from equality_docs.migrate import migrate_file

    try:
        return load(path)
    except InputError as exc:
        if not any(p.hint == MIGRATE_HINT for p in exc.problems):
            raise
        try:
            migration = migrate_file(path)
            plan = load_as(path, migration.text)
        except InputError:
            raise exc from None
    count = len(migration.changes)
    click.echo(
        f"note: {path} is in an older format: compared as `equality-docs migrate` reads it "
        f"({count} older name{'' if count == 1 else 's'} read as today's); the file is unchanged "
        f"(`equality-docs migrate {path} -o NEW.yaml` upgrades it, comments kept)",
        err=True,
    )
    return plan


@click.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "md")), default="text",
              show_default=True, help="Plain text, or Markdown for a committee paper.")
@click.option("--exit-code", is_flag=True,
              help="Exit with 1 when anything changed and 0 when nothing did, like git diff.")
def diff(old: Path, new: Path, fmt: str, exit_code: bool) -> None:
    """
    Say in plain words what changed from plan OLD to plan NEW, for a committee.

    Compares the plan's title, period, editions and progress reviews; its sections (by title, nested
    ones too); its objectives, wherever held; and actions and measures, under objectives and
    the plan's own. Reports items added, removed, reworded (with the old and new wording),
    retired or superseded (with the reason, and the item that replaces it), brought back,
    renumbered or moved (an action to another objective, an objective to another priority,
    outcome or school); and changed statuses, dates, owners, service areas, characteristics,
    targets (interim and final, an objective's own baseline and value) and results. The
    organisation's name, the document's dates and status, an edition's version, each label, a
    table's columns and headers, and the settings held in one value (section numbering, date
    style, ...) are given old and new; a setting the report has no words for (grouping, ...) is
    named when it changed. Items are named as
    a reader knows them ("Objective 2 'Raise the share ...'") and listed in document order, an
    item's changes together; paragraphs and milestones are compared one by one ("paragraph 2
    reworded"), short texts printed old and new. Items are matched by id, else by ref, else by
    their exact text.
    "No changes." means the two plans say the same. A plan in an older format is read as
    `equality-docs migrate` reads it, in memory (the file is untouched), with a note saying so.

    Exits 0 whether or not anything changed, unless --exit-code is given.

    \b
    Example, for a committee paper:
      equality-docs diff plan-2025.yaml plan-2026.yaml --format md > changes.md
    """
    from equality_docs.diff import diff_plans, format_markdown, format_text

    changes = diff_plans(read_plan(old), read_plan(new), old_label=old.name, new_label=new.name)
    click.echo((format_markdown if fmt == "md" else format_text)(changes), nl=False)
    if exit_code and changes:
        raise click.exceptions.Exit(1)

