"""The command line: exit codes, messages on stderr, and what it writes (or refuses to)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from equality_docs.cli import Exit, cli

from .conftest import EXAMPLES, FIXTURES

EXAMPLE = EXAMPLES / "inmat-trust.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_render_writes_every_format_named_after_input_and_kind(tmp_path: Path) -> None:
    """Without --kind or --format, every kind the file can produce is written in each format."""
    out = tmp_path / "out"

    code, _, stderr = _run("render", str(EXAMPLE), "--out", str(out))

    assert Exit.OK == code
    assert sorted(
        f"inmat-trust.{kind}.{ext}"
        for kind in ("objectives-statement", "psed-statement", "objectives-plan")
        for ext in ("docx", "html", "md")
    ) == sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert f"\nwrote 9 documents into {out}\n" in stderr


def test_format_may_be_given_more_than_once(tmp_path: Path) -> None:
    """`-f docx -f html` writes both formats (not only the last named); a format named twice is written once."""
    out = tmp_path / "out"

    code, _, _ = _run("render", str(EXAMPLE), "-k", "psed-statement", "-f", "docx", "-f", "html", "-f", "docx",
                      "--out", str(out))

    assert Exit.OK == code
    assert ["inmat-trust.psed-statement.docx", "inmat-trust.psed-statement.html"] == sorted(
        p.name for p in out.iterdir() if not p.name.startswith("."))


def test_verbose_names_each_plan_and_document(tmp_path: Path) -> None:
    """With --verbose, each plan's checks (stderr) and each document written (stdout) get a line."""
    out = tmp_path / "out"

    code, stdout, stderr = _run("render", str(EXAMPLE), "-k", "psed-statement", "-f", "md", "--on", "2026-01-01",
                                "--out", str(out), "--verbose")

    assert Exit.OK == code
    assert f"wrote {out / 'inmat-trust.psed-statement.md'}\n" == stdout
    assert stderr.startswith(f"{EXAMPLE}: checks: ")


def test_invalid_input_exits_3_and_writes_nothing_for_it(tmp_path: Path) -> None:
    """A bad file gives its message on stderr and exit code 3; the good file beside it is written."""
    bad = FIXTURES / "input" / "bad" / "bad_date.yaml"
    out = tmp_path / "out"

    code, _, stderr = _run("render", str(EXAMPLE), str(bad), "--out", str(out), "-f", "md")

    assert Exit.INVALID_INPUT == code
    assert stderr.endswith(
        f'{bad}:4: document.approved_on: expected a date such as 30/09/2025 or 2025-09-30, got "spring"\n'
    )
    assert f"\nwrote 3 documents into {out}\nfailed: 1\n" in stderr
    assert not any(p.name.startswith("bad_date") for p in out.iterdir())


def test_a_lone_invalid_file_writes_nothing_at_all(tmp_path: Path) -> None:
    """With only a bad file, no output folder is made."""
    code, _, _ = _run("render", str(FIXTURES / "input" / "bad" / "bad_date.yaml"), "--out", str(tmp_path / "out"))

    assert (Exit.INVALID_INPUT, False) == (code, (tmp_path / "out").exists())


def test_missing_file_is_a_usage_error() -> None:
    """A file that does not exist is reported by name with exit code 2."""
    code, _, stderr = _run("render", "nope.yaml")

    assert Exit.USAGE == code
    assert "'nope.yaml' does not exist" in stderr


def test_unknown_kind_lists_the_kinds() -> None:
    """An unknown --kind is a usage error that lists the kinds."""
    code, _, stderr = _run("render", str(EXAMPLE), "--kind", "poster")

    assert Exit.USAGE == code
    assert (
        "error: there is no document kind 'poster'; the kinds are: objectives-statement, "
        "strategy, psed-statement, objectives-plan, action-plan, annual-report\n"
    ) == stderr


def test_existing_files_are_kept_without_force(tmp_path: Path) -> None:
    """In a folder equality-docs did not create, an existing document is not replaced."""
    target = tmp_path / "inmat-trust.psed-statement.docx"
    target.write_bytes(b"mine")

    code, _, stderr = _run("render", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx")

    assert Exit.OUTPUT == code
    assert "the file exists already; use --force" in stderr
    assert b"mine" == target.read_bytes()


def test_force_replaces_existing_files(tmp_path: Path) -> None:
    """With --force, an existing document is replaced."""
    target = tmp_path / "inmat-trust.psed-statement.md"
    target.write_bytes(b"mine")

    code, _, _ = _run("render", str(EXAMPLE), "--out", str(tmp_path), "-f", "md", "--force")

    assert Exit.OK == code
    assert target.read_bytes().startswith(b"InMAT Academies Trust\n\n# Public Sector Equality Duty Statement")


def test_a_folder_equality_docs_created_is_its_own(tmp_path: Path) -> None:
    """Rendering twice into the folder it created replaces its own documents."""
    out = tmp_path / "out"
    _run("render", str(EXAMPLE), "--out", str(out), "-f", "md")

    code, _, _ = _run("render", str(EXAMPLE), "--out", str(out), "-f", "md")

    assert Exit.OK == code


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    """An input whose name matches an output is refused, and left as it was."""
    plan = tmp_path / "inmat-trust.psed-statement.md"
    shutil.copyfile(EXAMPLE, plan)
    before = plan.read_bytes()

    code, _, stderr = _run("render", str(plan), "--out", str(tmp_path), "-f", "md", "--force")

    assert Exit.INVALID_INPUT != code
    assert before == plan.read_bytes()
    assert Exit.OK == code or "input file" in stderr


def test_validate_reports_valid_files() -> None:
    """validate names each valid file with its objective count."""
    code, stdout, _ = _run("validate", str(EXAMPLE))

    assert (Exit.OK, f"{EXAMPLE}: valid (3 objectives)\n") == (code, stdout)


def test_validate_reports_every_problem() -> None:
    """validate prints all of a bad file's problems and exits 3."""
    bad = FIXTURES / "input" / "bad" / "bad_targets.yaml"

    code, _, stderr = _run("validate", str(bad))

    assert Exit.INVALID_INPUT == code
    assert stderr.startswith(f"{bad}:7: objectives[0].measures[0].targets:")


def test_schema_is_json(tmp_path: Path) -> None:
    """schema writes the JSON Schema to a file when asked."""
    out = tmp_path / "schema.json"

    code, _, _ = _run("schema", "--out", str(out))

    assert Exit.OK == code
    assert '"additionalProperties": false' in out.read_text(encoding="utf-8")


def test_version_comes_from_package_metadata() -> None:
    """--version prints the installed version."""
    from importlib.metadata import version

    code, stdout, _ = _run("--version")

    assert (Exit.OK, f"equality-docs, version {version('equality-docs')}\n") == (code, stdout)


def test_templates_export_copies_every_builtin(tmp_path: Path) -> None:
    """templates export copies the built-in templates, refusing to replace without --force."""
    code, _, _ = _run("templates", "export", str(tmp_path / "mine"))
    again, _, stderr = _run("templates", "export", str(tmp_path / "mine"))

    assert Exit.OK == code
    assert (tmp_path / "mine" / "docx" / "psed_statement.docx").is_file()
    assert (Exit.OUTPUT, True) == (again, "use --force" in stderr)


def test_a_bug_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected error prints one line asking for a rerun with debugging, exit 70."""
    import equality_docs.batch

    def broken(paths: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(equality_docs.batch, "expand_inputs", broken)

    code, _, stderr = _run("render", str(EXAMPLE), "--out", "/nonexistent/never")

    assert Exit.INTERNAL == code
    assert stderr.startswith("internal error: RuntimeError: boom\nThis is a bug in equality-docs")
    assert "Traceback" not in stderr


# Exit codes: each mistake gets one line and its documented code; 70 only for a real bug.

FAR_APPROVAL = """\
organisation: {name: A School, type: school}
objectives:
  - text: To listen.
    aims: [eliminate]
    characteristics: [age]
    owner: Head
    start: 2025-09-01
    finish: 2026-07-31
    measures: [{description: Attendance, targets: {2026: 95%}}]
document: {approved_on: 9999-12-31, review: {every_years: 4}}
"""


def test_a_progress_file_name_holding_nul_is_invalid_input(tmp_path: Path) -> None:
    """A progress file named with a NUL character is invalid input (exit 3, one line), not a bug."""
    plan = tmp_path / "plan.yaml"
    plan.write_text('organisation: {name: A School}\nprogress_files: ["a\\0b.yaml"]\n', encoding="utf-8")

    code, _, stderr = _run("check", str(plan))

    assert (Exit.INVALID_INPUT, f"{tmp_path}/a\\0b.yaml: cannot read the progress file: its name holds a NUL "
            "character, which no name can (progress_files are named relative to the plan file)\n") == (code, stderr)


def test_a_lone_surrogate_is_a_finding_not_a_bug(tmp_path: Path) -> None:
    """check on a plan holding a lone surrogate (a YAML escape) reports it as a warning, exit by the checks."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(FAR_APPROVAL.replace("name: A School", 'name: "A \\uDC80 School"'), encoding="utf-8")

    code, stdout, _ = _run("check", str(plan), "--on", "2026-01-01")

    assert Exit.OK == code
    assert (f"  {plan}:1: organisation.name: warning EQ150 holds characters a document cannot contain (U+DC80); "
            "they are left out") in stdout


def test_an_approval_in_year_9999_checks_and_renders(tmp_path: Path) -> None:
    """What validate accepts also checks and renders: a review due past year 9999 is simply not printed."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(FAR_APPROVAL, encoding="utf-8")
    out = tmp_path / "out"

    checked = _run("check", str(plan), "--on", "2026-01-01")
    rendered = _run("render", str(plan), "-k", "psed-statement", "-f", "md", "--out", str(out))

    assert (Exit.OK, Exit.OK) == (checked[0], rendered[0])
    assert checked[1].startswith(f"{plan}: 0 errors, 1 warning, 2 notes\n")
    assert "**Review Frequency:** Every four years" in (out / "plan.psed-statement.md").read_text(encoding="utf-8")


def test_running_out_of_memory_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A MemoryError outside any one document ends the run with one line and exit 70, never exit 1."""
    import equality_docs.batch

    def exhausted(paths: object) -> object:
        raise MemoryError

    monkeypatch.setattr(equality_docs.batch, "expand_inputs", exhausted)

    code, _, stderr = _run("render", str(EXAMPLE), "--out", "/nonexistent/never")

    assert (Exit.INTERNAL, "error: there was not enough memory to finish; close other programs, or give fewer "
            "files at once\n") == (code, stderr)


def test_no_memory_for_a_thread_is_told_as_memory_not_as_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread that cannot start for want of memory ends the run as a MemoryError does, not as a bug."""
    import equality_docs.batch

    def exhausted(paths: object) -> object:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(equality_docs.batch, "expand_inputs", exhausted)

    code, _, stderr = _run("render", str(EXAMPLE), "--out", "/nonexistent/never")

    assert (Exit.INTERNAL, "error: there was not enough memory to finish; close other programs, or give fewer "
            "files at once\n") == (code, stderr)


def test_a_template_past_the_time_limit_is_a_template_error(tmp_path: Path) -> None:
    """--time-limit stops a template that loops without writing: exit 4, naming the template and line."""
    folder = tmp_path / "t" / "markdown"
    folder.mkdir(parents=True)
    (folder / "psed_statement.md.j2").write_text(
        "# T\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n", encoding="utf-8"
    )

    code, _, stderr = _run("render", str(EXAMPLE), "-k", "psed-statement", "-f", "md", "-t", str(folder.parent),
                           "--time-limit", "0.5", "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert stderr.endswith(
        f"error: {tmp_path / 'out' / 'inmat-trust.psed-statement.md'}: {folder / 'psed_statement.md.j2'}:2: "
        "the template ran longer than the time limit of 0.5 seconds for a document (a loop that never ends?); "
        "the limit is set with --time-limit\n"
    )
