"""
`equality-docs migrate OLD.yaml [-o NEW.yaml | --in-place]`: a plan of an older format in today's.

The command is added to the `equality-docs` group in cli.py; it imports nothing of cli.py, so
there is no import cycle.
"""

from __future__ import annotations

from pathlib import Path

import click


def backup_path(plan: Path) -> Path:
    """Return where `--in-place` keeps the original: beside it, with `.bak` added to its name."""
    return plan.with_name(f"{plan.name}.bak")


@click.command("migrate")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the migrated plan to this new file instead of the screen.")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists (never PLAN itself).")
@click.option("--in-place", is_flag=True,
              help="Rewrite PLAN itself, first keeping the original as PLAN.bak (refused if that exists).")
def migrate(plan: Path, out: Path | None, force: bool, in_place: bool) -> None:
    """
    Rewrite a plan written for an older format in today's, keeping its comments and order.

    Each change is listed with its line on the error stream, and each key kept as written whose
    meaning changed (a note); the migrated plan is checked to load before anything is written. PLAN itself is never changed unless --in-place is given.

    \b
    Example:
      equality-docs migrate old-plan.yaml -o plan.yaml
    """
    from equality_docs.migrate import migrate_file, read_plan
    from equality_docs.output.write import write_output

    if out is not None and in_place:
        raise click.UsageError("give --out or --in-place, not both")
    original = read_plan(plan)
    result = migrate_file(plan, original)
    told = [(c.line, c.message) for c in result.changes] + [(n.line, f"note: {n.message}") for n in result.notes]
    for line, message in sorted(told, key=lambda item: item[0]):
        click.echo(f"{plan}:{line}: {message}", err=True)
    if in_place:
        if not result.changes:
            click.echo(f"{plan}: already in the current format; nothing written", err=True)
            return
        backup = backup_path(plan)
        write_output(original, backup)  # whole or not at all; refused if a backup exists
        write_output(result.text.encode("utf-8"), plan, replace=True)
        click.echo(f"rewrote {plan}; the original is kept as {backup}")
    elif out is not None:
        write_output(result.text.encode("utf-8"), out, inputs=(plan,), replace=force)
        click.echo(f"wrote {out}" + ("" if result.changes else " (the plan was already in the current format)"))
    else:
        click.echo(result.text, nl=False)
        if not result.changes:
            click.echo(f"{plan}: already in the current format", err=True)
