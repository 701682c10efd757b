"""Batch rendering: folders, a trust's schools, all cores, and stopping without losing work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import batch, running
from equality_docs.cli import Exit, cli

from .conftest import EXAMPLES

TRUST = """\
organisation:
  name: Example Academies Trust
  type: academy trust
  schools:
    - name: North Academy
      objectives: [To narrow the attendance gap for pupils eligible for free school meals.]
    - name: South Academy
    - name: St Mary's C of E Academy
      objectives: [To increase girls' participation in STEM clubs.]
objectives: [To make inclusion a thread that runs through all we do.]
"""


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_folder_renders_every_plan_in_it(tmp_path: Path) -> None:
    """A folder given as input renders each plan file in it (not subfolders); a plan with no objectives is reported."""
    code, _, stderr = _run("render", str(EXAMPLES), "-k", "objectives-plan", "-f", "md", "--out", str(tmp_path / "o"))

    names = sorted(p.name for p in (tmp_path / "o").glob("*.md"))
    without = ("ashcombe-fire-edi-strategy", "childrens-services-strategy", "council-action-tracker")  # no objectives
    holding = [p for p in sorted(EXAMPLES.glob("*.yaml")) if p.stem not in without]
    assert Exit.INVALID_INPUT == code
    for stem in without:
        assert f"{stem}.yaml: this plan holds nothing the objectives-plan kind can print" in stderr
    assert [f"{p.stem}.objectives-plan.md" for p in holding] == names


def test_each_school_gets_its_own_statement(tmp_path: Path) -> None:
    """--each-school writes one statement per school, with the school's objectives or the trust's."""
    plan = tmp_path / "trust.yaml"
    plan.write_text(TRUST, encoding="utf-8")
    out = tmp_path / "o"

    code, _, _ = _run("render", str(plan), "--each-school", "-k", "psed-statement", "-f", "md", "--out", str(out))

    files = sorted(p.name for p in out.glob("*.md"))
    south = (out / "trust-south-academy.psed-statement.md").read_text(encoding="utf-8")
    assert Exit.OK == code
    assert ["trust-north-academy.psed-statement.md", "trust-south-academy.psed-statement.md",
            "trust-st-mary-s-c-of-e-academy.psed-statement.md"] == files
    assert "To make inclusion a thread" in south
    assert "attendance gap" in (out / "trust-north-academy.psed-statement.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_parallel_rendering_gives_the_same_bytes_as_serial(tmp_path: Path) -> None:
    """Rendering on every core writes exactly what rendering in one process writes."""
    plans = [(p.stem, equality_docs.load(p)) for p in sorted(EXAMPLES.glob("*.yaml"))]

    serial = list(equality_docs.render_all(plans, out=tmp_path / "one", processes=1))
    parallel = list(equality_docs.render_all(plans, out=tmp_path / "many", processes=2))

    assert [p.name for p in serial] == [p.name for p in parallel]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(serial, parallel, strict=True))


@pytest.mark.slow
def test_workers_sent_their_jobs_give_the_same_bytes(tmp_path: Path) -> None:
    """With a thread running (so no fork), workers are sent their jobs: the same documents."""
    import threading

    plans = [(p.stem, equality_docs.load(p)) for p in sorted(EXAMPLES.glob("*.yaml"))]
    serial = list(equality_docs.render_all(plans, out=tmp_path / "one", kinds=["psed-statement"], processes=1))
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        sent = list(equality_docs.render_all(plans, out=tmp_path / "sent", kinds=["psed-statement"], processes=2))
    finally:
        stop.set()
        waiting.join()

    assert [p.name for p in serial] == [p.name for p in sent]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(serial, sent, strict=True))


def test_stopping_keeps_the_documents_already_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C stops cleanly with exit code 130; documents written before it stay whole."""
    real = running.make_document
    calls = {"n": 0}

    def interrupted(job: running.Job) -> tuple[bytes, int]:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(running, "make_document", interrupted)
    out = tmp_path / "o"

    code, _, stderr = _run("render", str(EXAMPLES / "inmat-trust.yaml"), "-f", "md", "-j", "1", "--out", str(out))

    assert (130, "stopped\n") == (code, stderr.splitlines()[-1] + "\n")
    assert 2 == len(list(out.glob("*.md")))
    assert all(p.read_text(encoding="utf-8").startswith("InMAT Academies Trust\n\n# ") for p in out.glob("*.md"))


def test_a_failing_document_is_reported_at_the_end(tmp_path: Path) -> None:
    """A template error in one kind is reported after the other documents are written."""
    templates = tmp_path / "t" / "markdown"
    templates.mkdir(parents=True)
    (templates / "psed_statement.md.j2").write_text("{{ nope }}\n", encoding="utf-8")
    out = tmp_path / "o"

    code, _, stderr = _run("render", str(EXAMPLES / "inmat-trust.yaml"), "-f", "md", "-j", "1",
                           "--templates", str(tmp_path / "t"), "--out", str(out))

    assert Exit.TEMPLATE == code
    assert f"\nwrote 2 documents into {out}\nfailed: 1\n" in stderr
    assert "unknown variable: 'nope' is undefined" in stderr.splitlines()[-1]


@pytest.mark.slow
def test_ctrl_c_on_every_core_stops_cleanly(tmp_path: Path) -> None:
    """Ctrl-C while worker processes render: exit 130, no traceback, every written document whole, no temporaries."""
    import os
    import signal
    import subprocess
    import sys
    import time
    import zipfile

    inputs = tmp_path / "in"
    inputs.mkdir()
    source = (EXAMPLES / "inmat-trust.yaml").read_text(encoding="utf-8")
    for n in range(200):
        (inputs / f"school{n:03d}.yaml").write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "equality_docs", "render", str(inputs), "-f", "docx", "-j", "2", "--out", str(out)]
    # A session of its own, so the signal goes to the command and its workers, as a terminal's does;
    # and Ctrl-C at its default there, as a terminal gives it (a shell starting the tests in the
    # background passes Ctrl-C on ignored, and the command would keep that).
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.is_dir() and any(out.glob("*.docx"))):
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGINT)
    _, stderr = run.communicate(timeout=60)

    written = list(out.glob("*.docx"))
    assert (130, "stopped") == (run.returncode, stderr.strip().splitlines()[-1])
    assert "Traceback" not in stderr
    assert 0 < len(written) < 600  # stopped part-way
    assert all(zipfile.ZipFile(p).testzip() is None for p in written)
    assert [] == [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_two_inputs_of_one_name_do_not_replace_each_other(tmp_path: Path) -> None:
    """Plans of the same name from two folders: the first's documents are written, the second's reported."""
    for folder, objective in (("a", "To listen."), ("b", "To learn.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "school.yaml").write_text(f"organisation: {{name: A School, type: school}}\nobjectives: [{objective}]\n",
                                                        encoding="utf-8")
    out = tmp_path / "o"

    code, _, stderr = _run("render", str(tmp_path / "a" / "school.yaml"), str(tmp_path / "b" / "school.yaml"),
                           "-k", "psed-statement", "-f", "md", "--out", str(out))

    assert Exit.OUTPUT == code
    assert "To listen." in (out / "school.psed-statement.md").read_text(encoding="utf-8")
    assert "another document of this run is written to this path" in stderr


# One failure never loses the batch: each is reported against its document or input file.

ORG = "organisation: {{name: Org {0}}}\nobjectives: [To listen.]\n"
FAILS_FOR_ORG_C = '# {{ document.organisation }}\n{% if document.organisation == "Org c" %}{{ 1/0 }}{% endif %}\n'


def _mixed_batch(tmp_path: Path) -> tuple[Path, Path]:
    """Write four plans (Org d approved in year 9999), one invalid file, and a template failing for Org c."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in "abc":
        (inputs / f"{name}.yaml").write_text(ORG.format(name), encoding="utf-8")
    (inputs / "d.yaml").write_text(ORG.format("d") + "document: {approved_on: 9999-12-31}\n", encoding="utf-8")
    (inputs / "bad.yaml").write_text("organisation: {name: Bad}\ntitle: [a]\n", encoding="utf-8")
    templates = tmp_path / "t"
    (templates / "markdown").mkdir(parents=True)
    (templates / "markdown" / "objectives_statement.md.j2").write_text(FAILS_FOR_ORG_C, encoding="utf-8")
    return inputs, templates


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_batch_ends_with_a_summary_and_loses_no_document(tmp_path: Path, processes: str) -> None:
    """Every other document is written; the summary counts plans and documents and gives each failure."""
    inputs, templates = _mixed_batch(tmp_path)
    out = tmp_path / "o"

    code, stdout, stderr = _run("render", str(inputs), "-k", "objectives-statement", "-f", "md", "--on", "2026-01-01",
                                "-t", str(templates), "-j", processes, "--out", str(out))

    assert Exit.INVALID_INPUT == code  # the most serious failure: invalid input before a template's
    assert "" == stdout
    assert (
        "checks: 4 errors, 12 warnings, 8 notes in 4 plans (4 with errors); details: equality-docs check FILE\n"
        f"wrote 3 documents into {out}\n"
        "failed: 2\n"
        f"{inputs / 'bad.yaml'}:2: title: expected text, got a list\n"
        f"error: {out / 'c.objectives-statement.md'}: {templates / 'markdown' / 'objectives_statement.md.j2'}:2: "
        "the template's code failed: ZeroDivisionError: division by zero\n"
    ) == stderr
    assert ["a", "b", "d"] == sorted(p.name.split(".")[0] for p in out.glob("*.md"))


def test_a_template_failure_alone_exits_4(tmp_path: Path) -> None:
    """With only a template failing for one plan, the exit code is the template's."""
    inputs, templates = _mixed_batch(tmp_path)
    (inputs / "bad.yaml").unlink()

    code, _, _ = _run("render", str(inputs), "-k", "objectives-statement", "-f", "md",
                      "-t", str(templates), "--out", str(tmp_path / "o"))

    assert Exit.TEMPLATE == code


def test_a_bug_in_one_document_loses_no_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unforeseen error making one document is reported against it (exit 70); the others are written."""
    real = running.make_document

    def broken_for_b(job: running.Job) -> tuple[bytes, int]:
        if job.path.name.startswith("b."):
            raise MemoryError
        return real(job)

    monkeypatch.setattr(running, "make_document", broken_for_b)
    inputs, _ = _mixed_batch(tmp_path)
    (inputs / "bad.yaml").unlink()
    out = tmp_path / "o"

    code, _, stderr = _run("render", str(inputs), "-k", "objectives-statement", "-f", "md", "-j", "1",
                           "--out", str(out))

    assert Exit.INTERNAL == code
    assert stderr.endswith(
        f"failed: 1\nerror: {out / 'b.objectives-statement.md'}: there was not enough memory to make this document\n"
    )
    assert 3 == len(list(out.glob("*.md")))


@pytest.mark.parametrize("processes", [1, 2])
def test_render_all_raises_the_typed_failures_after_writing_the_rest(tmp_path: Path, processes: int) -> None:
    """render_all writes every document it can, then raises a BatchError holding each failure's own TemplateError."""
    inputs, templates = _mixed_batch(tmp_path)
    plans = [(p.stem, equality_docs.load(p)) for p in sorted(inputs.glob("[a-d].yaml"))]
    written: list[Path] = []

    with pytest.raises(equality_docs.BatchError) as raised:
        written.extend(equality_docs.render_all(plans, out=tmp_path / "o", kinds=["objectives-statement"],
                                                formats=["md"], templates=[templates], processes=processes))

    [(path, error)] = raised.value.failures
    assert ["a", "b", "d"] == [p.name.split(".")[0] for p in written]
    assert tmp_path / "o" / "c.objectives-statement.md" == path
    assert isinstance(error, equality_docs.TemplateError)
    assert (str(templates / "markdown" / "objectives_statement.md.j2"), 2) == (error.template, error.line)


def test_render_and_render_all_raise_the_same_class(tmp_path: Path) -> None:
    """The error `render` raises for a document is the one `render_all` carries for it."""
    inputs, templates = _mixed_batch(tmp_path)
    plan = equality_docs.load(inputs / "c.yaml")

    with pytest.raises(equality_docs.TemplateError) as alone:
        equality_docs.render(plan, kind="objectives-statement", fmt="md", templates=[templates])
    with pytest.raises(equality_docs.BatchError) as many:
        list(equality_docs.render_all([("c", plan)], out=tmp_path / "o", kinds=["objectives-statement"],
                                      formats=["md"], templates=[templates]))

    assert str(alone.value) == str(many.value.errors[0])
    assert type(alone.value) is type(many.value.errors[0])


def test_every_error_crosses_a_process_whole() -> None:
    """Each error class pickles with its fields (worker processes send them back as they are)."""
    import pickle

    from equality_docs.errors import (
        BatchError,
        CheckError,
        InputError,
        InternalError,
        OutputError,
        Problem,
        TemplateError,
    )

    joined = InputError(None, (Problem(path="title", line=2, message="expected text"),))
    joined.args = ("a.yaml:2: title: expected text\nb.yaml:1: title: expected text",)  # several files told together
    errors = [
        joined,
        TemplateError("t.md.j2", "the template's code failed", 3),
        OutputError(Path("o/a.md"), "the file exists already"),
        CheckError(Path("a.yaml"), ()),
        InternalError(Path("o/a.md"), "there was not enough memory to make this document"),
        BatchError(((Path("o/a.md"), TemplateError("t.md.j2", "broken", 1)),)),
    ]

    copies = [pickle.loads(pickle.dumps(error)) for error in errors]  # noqa: S301  # our own bytes

    assert [(type(e), str(e)) for e in errors] == [(type(c), str(c)) for c in copies]
    assert [{k: v for k, v in vars(e).items() if k != "failures"} for e in errors] == [
        {k: v for k, v in vars(c).items() if k != "failures"} for c in copies
    ]
    assert (3, "t.md.j2") == (copies[1].line, copies[1].template)  # type: ignore[attr-defined]


def test_checks_that_blow_up_lose_only_their_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan whose checks raise unforeseen is reported against its input file; the other files are rendered."""
    real = batch.check_plan

    def broken_for_b(plan: equality_docs.EqualityPlan, **kwargs: object) -> object:
        if plan.organisation.name == "Org b":
            raise OverflowError("date value out of range")
        return real(plan, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "check_plan", broken_for_b)
    inputs, _ = _mixed_batch(tmp_path)
    (inputs / "bad.yaml").unlink()
    out = tmp_path / "o"

    code, _, stderr = _run("render", str(inputs), "-k", "objectives-statement", "-f", "md", "--out", str(out))

    assert Exit.INTERNAL == code
    assert stderr.endswith(
        f"failed: 1\nerror: {inputs / 'b.yaml'}: internal error: OverflowError: date value out of range "
        "(a bug in equality-docs; please report it)\n"
    )
    assert ["a", "c", "d"] == sorted(p.name.split(".")[0] for p in out.glob("*.md"))


@pytest.mark.slow
def test_a_worker_that_dies_is_reported_not_a_crash(tmp_path: Path) -> None:
    """A worker process killed while making a document (-j 2): its documents are reported (exit 70), no traceback."""
    import subprocess
    import sys

    inputs, _ = _mixed_batch(tmp_path)
    (inputs / "bad.yaml").unlink()
    script = (
        "import os, sys\n"
        "from equality_docs import running\n"
        "from equality_docs.cli import main\n"
        "real = running.make_document\n"
        "def dying(job):\n"
        "    if job.path.name.startswith('b.'):\n"
        "        os._exit(9)\n"
        "    return real(job)\n"
        "running.make_document = dying\n"
        "main(sys.argv[1:])\n"
    )
    out = tmp_path / "o"

    run = subprocess.run([sys.executable, "-c", script, "render", str(inputs), "-k", "objectives-statement",
                          "-f", "md", "-j", "2", "--out", str(out)], capture_output=True, text=True, timeout=120,
                         check=False)

    assert Exit.INTERNAL == run.returncode
    assert "Traceback" not in run.stderr
    assert (f"error: {out / 'b.objectives-statement.md'}: the process making this document stopped suddenly"
            in run.stderr)


@pytest.mark.slow
def test_workers_read_and_check_the_files_not_the_parent(tmp_path: Path) -> None:
    """
    With -j 2, the input files are read and checked in worker processes: the command's own
    process does only the first (before forking them, for them to start with all it made ready).
    """
    import subprocess
    import sys

    inputs, _ = _mixed_batch(tmp_path)
    (inputs / "bad.yaml").unlink()
    readers = tmp_path / "readers"
    script = (
        "import os, sys\n"
        "from equality_docs import batch\n"
        "from equality_docs.cli import main\n"
        "real = batch.read_plan\n"
        "def reading(file, *args, **kwargs):\n"
        f"    with open({str(readers)!r}, 'a') as f: f.write(f'{{os.getpid()}}\\n')\n"
        "    return real(file, *args, **kwargs)\n"
        "batch.read_plan = reading\n"
        "print(os.getpid())\n"
        "main(sys.argv[1:])\n"
    )

    run = subprocess.run([sys.executable, "-c", script, "render", str(inputs), "-k", "objectives-statement",
                          "-f", "md", "-j", "2", "--out", str(tmp_path / "o")], capture_output=True, text=True,
                         timeout=120, check=True)

    pids = readers.read_text(encoding="utf-8").split()
    assert 4 == len(pids)
    assert [run.stdout.strip()] == pids[:1]
    assert run.stdout.strip() not in pids[1:]
    assert 4 == len(list((tmp_path / "o").glob("*.md")))


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_later_plans_progress_file_is_never_replaced_by_an_earlier_plans_document(
    tmp_path: Path, processes: str
) -> None:
    """
    A progress file of the last plan, where the first plan's document would go (--force), with
    more documents between than are written in one group: refused, kept, read by its plan.
    """
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "a.annual-report.md"
    shutil.copy(EXAMPLES / "progress" / "childrens-services-2012-13.yaml", kept)
    before = kept.read_bytes()
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = (EXAMPLES / "childrens-services-action-plan.yaml").read_text(encoding="utf-8")
    own = text.replace("progress/childrens-services-2012-13.yaml",
                       str(EXAMPLES / "progress" / "childrens-services-2012-13.yaml"))
    for name in ["a", *(f"m{n:02}" for n in range(running._GROUP + 2))]:
        (inputs / f"{name}.yaml").write_text(own, encoding="utf-8")
    (inputs / "z.yaml").write_text(text.replace("progress/childrens-services-2012-13.yaml", str(kept)),
                                   encoding="utf-8")

    code, _, stderr = _run("render", str(inputs), "-k", "annual-report", "-f", "md", "--force", "-j", processes,
                           "--out", str(out))

    assert Exit.OUTPUT == code, stderr
    assert f"error: {kept}: this is an input file; it is never overwritten\n" in stderr
    assert before == kept.read_bytes()
    assert (out / "z.annual-report.md").is_file()


def test_the_word_template_is_prepared_once_before_the_workers_start(tmp_path: Path) -> None:
    """With -j 2 and a kind named, this process prepares the built-in Word template, for the forked workers to inherit."""
    from equality_docs.renderers import docx

    inputs, _ = _mixed_batch(tmp_path)
    (inputs / "bad.yaml").unlink()
    docx._prepare.cache_clear()

    code, _, _ = _run("render", str(inputs), "-k", "objectives-statement", "-f", "docx", "-j", "2",
                      "--out", str(tmp_path / "o"))

    assert (Exit.OK, 1) == (code, docx._prepare.cache_info().currsize)
    assert 4 == len(list((tmp_path / "o").glob("*.docx")))
