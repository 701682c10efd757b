"""The `equality-docs` command: a thin layer over the library, one command per verb."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import click

from equality_docs.cli_diff import diff as diff_command
from equality_docs.cli_migrate import migrate as migrate_command
from equality_docs.cli_sheets import COMMANDS as SHEET_COMMANDS
from equality_docs.errors import (
    CheckError,
    EqualityDocsError,
    InputError,
    OutputError,
    Problem,
    out_of_resources,
)
from equality_docs.report import Exit, Failure, Summary, exit_code, message

FORMAT_CHOICES = ("docx", "md", "html", "pdf", "all")

input_files = click.argument(
    "files", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)


def _debug() -> bool:
    return os.environ.get("EQUALITY_DOCS_DEBUG", "") not in ("", "0")


class _Group(click.Group):
    """Turn the library's errors into messages and exit codes, never tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EqualityDocsError as exc:
            click.echo(message(exc), err=True)
            ctx.exit(int(exit_code(exc)))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug, or the computer out of memory
            if not out_of_resources(exc):
                if _debug():
                    raise
                click.echo(
                    f"internal error: {type(exc).__name__}: {exc}\n"
                    "This is a bug in equality-docs; rerun with EQUALITY_DOCS_DEBUG=1 to see the "
                    "traceback, and report it.",
                    err=True,
                )
                ctx.exit(int(Exit.INTERNAL))
            click.echo("error: there was not enough memory to finish; close other programs, or give "
                       "fewer files at once", err=True)
            ctx.exit(int(Exit.INTERNAL))


EXIT_CODES = """\b
Exit codes (a batch exits with its most serious failure's: 70, 3, 4, 5, 2, then 1):
  0   done
  1   checks found errors (check, check-output; render --strict)
  2   a usage mistake (unknown option, kind or file)
  3   an input file is not a valid plan
  4   a template is missing or broken, or passed a limit (time, size)
  5   a document could not be written
  70  a bug in equality-docs, or not enough memory (EQUALITY_DOCS_DEBUG=1 shows a bug's traceback)
"""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(version("equality-docs"), "--version", prog_name="equality-docs")
def cli() -> None:
    """Make equality documents (PSED statements, objectives, action plans) from a YAML plan."""



def _load_all(files: Sequence[Path]) -> list[tuple[Path, Any]]:
    from equality_docs.load import load  # keep `--help` fast

    plans: list[tuple[Path, Any]] = []
    failures: list[InputError] = []
    for file in files:
        try:
            plans.append((file, load(file)))
        except InputError as exc:
            failures.append(exc)
    if failures:
        _raise_all(failures)
    return plans


def _raise_all(failures: Sequence[InputError]) -> None:
    """Raise one error carrying every input file's problems."""
    if len(failures) == 1:
        raise failures[0]
    error = InputError(None, tuple(p for f in failures for p in f.problems))
    error.args = ("\n".join(str(f) for f in failures),)
    raise error


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--kind", "-k", "kinds", multiple=True, metavar="KIND",
              help="Document kind to make (repeatable); default: every kind the file can produce.")
@click.option("--format", "-f", "fmts", type=click.Choice(FORMAT_CHOICES), multiple=True, default=("all",),
              show_default=True, help="Output format (repeatable); all is docx, md and html (pdf needs LibreOffice).")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for the documents (created if missing).")
@click.option("--templates", "-t", "template_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of your own templates, searched before the built-in ones (repeatable).")
@click.option("--reference-doc", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Your organisation's Word file: its styles, page, header and footer go into every Word document.")
@click.option("--force", is_flag=True,
              help="Replace documents that exist already in a folder equality-docs did not create.")
@click.option("--strict", is_flag=True,
              help="Write nothing for a plan whose checks find errors (see `check`).")
@click.option("--on", "on", metavar="DATE", help="Judge deadlines on this date (YYYY-MM-DD); default today.")
@click.option("--each-school", is_flag=True,
              help="For a trust's file, write one document per school rather than one for the trust.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes to render with; default one per core.")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Stop a document whose templates run longer than this.")
@click.option("--verbose", "-v", is_flag=True, help="Say each plan's checks and each document written.")
def render(  # one parameter per option
    inputs: tuple[Path, ...],
    kinds: tuple[str, ...],
    fmts: tuple[str, ...],
    out: Path,
    template_dirs: tuple[Path, ...],
    reference_doc: Path | None,
    force: bool,
    strict: bool,
    on: str | None,
    each_school: bool,
    jobs: int | None,
    time_limit: float,
    verbose: bool,
) -> None:
    """
    Render documents from plan files or folders of them (YAML or JSON) into --out.

    Plans are checked first; documents are written as they are made. A summary ends the run
    (on stderr): the plans' findings by severity, the documents written, and each failure, a
    file or document that failed losing no other; the exit code is the most serious
    failure's. --verbose also names each plan's checks and each document written (stdout).

    Each document's templates may run for --time-limit seconds and write 100,000,000
    characters; a template's range() holds at most 100,000 numbers.
    """
    from equality_docs.batch import Settings, expand_inputs
    from equality_docs.filebatch import Reading, Tally
    from equality_docs.kinds import FORMATS, get_kind
    from equality_docs.output.write import remove_if_empty

    for name in kinds:
        get_kind(name)  # an unknown kind is a usage mistake, before anything is read
    files = expand_inputs(inputs)
    if not files:
        raise click.UsageError("no plan files (.yaml, .yml or .json) were found in the folders given")
    day = _check_date(on)
    settings = Settings(out=out, kinds=kinds, formats=tuple(dict.fromkeys(f for x in fmts for f in (FORMATS if x == "all" else (x,)))),
                        templates=template_dirs, replace=force, time_limit=time_limit, reference_doc=reference_doc,
                        inputs=(*files, *(() if reference_doc is None else (reference_doc,))))
    tally = Tally()
    written, accessibility, errors = _run(files, Reading(settings=settings, on=day, strict=strict, schools=each_school),
                                  tally, jobs, verbose=verbose)
    if tally.owned and not written:
        remove_if_empty(out)  # nothing was written into the folder this run created
    report = Summary(out=out, findings=tally.checked, written=written, accessibility=accessibility,
                     failures=[*tally.failures, *errors], empty=tally.empty)
    click.echo(report.text(), err=True, nl=False)
    if report.failures:
        raise click.exceptions.Exit(int(report.exit_code()))


def _run(
    files: Sequence[Path], reading: Any, tally: Any, jobs: int | None, *, verbose: bool
) -> tuple[int, int, list[Failure]]:
    """
    Render the files' documents (in worker processes, each taking whole files); fill `tally`
    with the files' findings and failures; return how many documents were written, how many
    have accessibility problems, and the documents' failures.
    """
    from equality_docs.check import summary
    from equality_docs.document import UNPRINTED_SECTIONS
    from equality_docs.filebatch import FileDone, render_files

    written = accessibility = 0
    errors: list[Failure] = []
    shown = sys.stderr.isatty() and len(files) > 1
    with click.progressbar(length=len(files), label="rendering", file=sys.stderr) if shown else (
        contextlib.nullcontext()
    ) as progress:

        def on_file(done: FileDone) -> None:
            if verbose and (done.error is None or isinstance(done.error, CheckError)):
                own = [f for f in done.findings if f.code != UNPRINTED_SECTIONS]  # what `check` shows
                click.echo(f"{done.file}: checks: {summary(own)} (details: equality-docs check {done.file})",
                           err=True)
            for found in done.findings:  # `check` does not see the templates, so these are told here
                if found.code == UNPRINTED_SECTIONS:
                    at = f"{done.file}:{found.line}" if found.line else str(done.file)
                    click.echo(f"{at}: warning {found.code}: {found.path}: {found.message} ({found.hint})", err=True)
            if progress is not None:
                progress.update(1)

        for outcome in render_files(files, reading, tally, processes=jobs, on_file=on_file):
            if outcome.error is not None:
                errors.append((outcome.path, outcome.error))
                continue
            written += 1
            accessibility += outcome.accessibility_problems > 0
            if verbose:
                notes = (
                    f" (accessibility: {outcome.accessibility_problems} problems; "
                    f"equality-docs check-output {outcome.path})" if outcome.accessibility_problems else ""
                )
                click.echo(f"wrote {outcome.path}{notes}")
    return written, accessibility, errors


def _check_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()  # noqa: DTZ011  # deadlines are judged on the user's local day
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"--on takes a date as YYYY-MM-DD, not {value!r}"
        raise click.BadParameter(msg) from None


@cli.command()
@input_files
@click.option("--on", "on", metavar="DATE", help="Judge deadlines on this date (YYYY-MM-DD); default today.")
@click.option("--format", "-f", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True, help="Readable text, or JSON for scripts.")
def check(files: tuple[Path, ...], on: str | None, fmt: str) -> None:
    """Check plans against the equality duty and for consistency; exit 1 if there are errors."""
    from equality_docs.check import Severity, check_plan, format_json, format_text
    from equality_docs.load import load_with_lines

    day = _check_date(on)
    results = []
    failures: list[InputError] = []
    for file in files:
        try:
            plan, lines = load_with_lines(file)
        except InputError as exc:
            failures.append(exc)
            continue
        results.append((file, check_plan(plan, on=day, lines=lines)))
    if failures:
        _raise_all(failures)
    click.echo(format_json(results) if fmt == "json" else format_text(results), nl=False)
    if any(f.severity is Severity.ERROR for _, found in results for f in found):
        raise click.exceptions.Exit(int(Exit.CHECKS_FAILED))


@cli.command("check-output")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
def check_output(files: tuple[Path, ...]) -> None:
    """Check Word documents for accessibility (rules of Word's Accessibility Checker); exit 1 on errors."""
    from equality_docs.load.files import MAX_FILE_BYTES, FileRefused, read_bounded
    from equality_docs.output.accessibility import check_docx, format_findings

    errors = False
    for file in files:
        text_kind = {".html": "an HTML page", ".htm": "an HTML page", ".md": "a Markdown file"}.get(file.suffix.lower())
        if text_kind is not None:
            message = f"this is {text_kind}; check-output checks Word (.docx) documents only"
            hint = "check the .docx made with it; an HTML page can be checked in a browser's accessibility tools"
            raise InputError(file, (Problem(path="", line=None, message=message, hint=hint),))
        try:
            data = read_bounded(file, MAX_FILE_BYTES)  # a regular file only, at most the limit
        except FileRefused as exc:
            raise InputError(file, (Problem(path="", line=None, message=exc.message, hint=exc.hint),)) from None
        try:
            findings = check_docx(data, file=str(file))
        except (OSError, KeyError, ValueError) as exc:
            raise InputError(file, (Problem(path="", line=None, message=f"not a Word document: {exc}"),)) from None
        click.echo(format_findings(str(file), findings) or f"{file}: no accessibility problems found\n", nl=False)
        errors = errors or any(f.severity == "error" for f in findings)
    if errors:
        raise click.exceptions.Exit(int(Exit.CHECKS_FAILED))


@cli.command()
@input_files
def validate(files: tuple[Path, ...]) -> None:
    """Check that plan files are well formed, and report every problem with its line."""
    plans = _load_all(files)
    for file, plan in plans:
        count = sum(1 for _ in plan.all_objectives())
        click.echo(f"{file}: valid ({count} objective{'s' if count != 1 else ''})")


@cli.command()
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of the screen.")
def schema(out: Path | None) -> None:
    """Print the JSON Schema of plan files, for editors that check and complete YAML."""
    from equality_docs.load.schema import json_schema  # keep --help fast
    from equality_docs.output.write import write_output

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        write_output(text.encode("utf-8"), out, replace=True)
        click.echo(f"wrote {out}")


@cli.command()
@click.argument("kind")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the starter file here instead of the screen.")
def new(kind: str, out: Path | None) -> None:
    """Write a starter plan for KIND, with a comment on each field; it renders as it is."""
    from importlib import resources

    from equality_docs.kinds import get_kind
    from equality_docs.output.write import write_output

    chosen = get_kind(kind)
    text = (resources.files("equality_docs") / "starters" / f"{chosen.name}.yaml").read_text(encoding="utf-8")
    if out is None:
        click.echo(text, nl=False)
    else:
        write_output(text.encode("utf-8"), out)
        click.echo(f"wrote {out}; edit it, then: equality-docs render {out}")


@cli.command("kinds")
def list_kinds() -> None:
    """List the document kinds, one line each."""
    from equality_docs.kinds import KINDS  # keep --help fast

    width = max(len(kind.name) for kind in KINDS)
    for kind in KINDS:
        click.echo(f"{kind.name:<{width}}  {kind.summary}")


@cli.group()
def templates() -> None:
    """Work with templates: copy the built-in ones out to restyle them."""


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace files that exist in FOLDER.")
def export_templates(folder: Path, force: bool) -> None:
    """Copy the built-in templates into FOLDER, to edit and use with --templates FOLDER."""
    from equality_docs.renderers.templates import builtin_templates

    source = builtin_templates()
    copies = [
        (path, folder / path.relative_to(source))
        for sub in ("docx", "markdown", "html")
        for path in sorted((source / sub).iterdir())
        if path.is_file()
    ]
    from equality_docs.output.write import Writer

    for sub in ("docx", "markdown", "html"):  # a linked subfolder would lead the copies out of FOLDER
        if (folder / sub).is_symlink():
            raise OutputError(folder / sub, "this folder is a link; templates are copied only into real folders")
    clashes = [target for _, target in copies if os.path.lexists(target)]
    if clashes and not force:
        names = ", ".join(str(c) for c in clashes[:3])
        raise OutputError(folder, f"would replace {names}; use --force to replace them")
    writer = Writer()  # each file whole or not at all; a link in FOLDER is replaced, never written through
    for path, target in copies:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(target.parent, f"cannot create the folder: {exc.strerror or exc}") from None
        writer.write(path.read_bytes(), target, replace=True)
    click.echo(f"copied {len(copies)} templates into {folder}")


for _command in SHEET_COMMANDS:  # import, tracker and progress (cli_sheets.py)
    cli.add_command(_command)
cli.add_command(diff_command)  # diff (cli_diff.py)
cli.add_command(migrate_command)  # migrate (cli_migrate.py)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="equality-docs")

