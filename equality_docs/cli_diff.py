"""
`equality-docs diff OLD NEW`: what changed between two editions of a plan, for a committee.

The command is added to the `equality-docs` group in cli.py; it imports nothing of cli.py, so
there is no import cycle.
"""

from __future__ import annotations

from pathlib import Path

import click


@click.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "md")), default="text",
              show_default=True, help="Plain text, or Markdown for a committee paper.")
@click.option("--exit-code", is_flag=True,
              help="Exit with 1 when anything changed and 0 when nothing did, like git diff.")
def diff(old: Path, new: Path, fmt: str, exit_code: bool) -> None:
    """
    Say in plain words what changed from plan OLD to plan NEW: objectives, actions, measures.

    Reports items added, removed, reworded (with the old and new wording), retired or
    superseded (with the reason given), status changes at review, and target changes per
    period. Items are matched by id, else by ref, else by their exact text. Exits 0 whether
    or not anything changed, unless --exit-code is given.

    \b
    Example, for a committee paper:
      equality-docs diff plan-2025.yaml plan-2026.yaml --format md > changes.md
    """
    from equality_docs.diff import diff_plans, format_markdown, format_text
    from equality_docs.load import load

    changes = diff_plans(load(old), load(new), old_label=old.name, new_label=new.name)
    click.echo((format_markdown if fmt == "md" else format_text)(changes), nl=False)
    if exit_code and changes:
        raise click.exceptions.Exit(1)

