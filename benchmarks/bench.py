"""
Benchmarks of the path users run: plan files on disk to documents on disk, through the command
line's own code (`equality_docs.cli.main`), side by side with plain docxtpl. Only the public API
is used. Prints one report; this machine is noisy, so compare the ratios, not the times.

    python benchmarks/bench.py           # full: 300 school files; plans of 1,000 and 10,000 objectives
    python benchmarks/bench.py --smoke   # a few seconds, as CI runs it
    python benchmarks/bench.py --batch   # the batch of school files alone
    python benchmarks/bench.py --plan    # the large plans alone
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import jinja2
import yaml
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

import equality_docs
from equality_docs import cli
from equality_docs import model as m
from equality_docs.api import render_checked
from equality_docs.load.converter import make_converter
from equality_docs.renderers.prose import LinkMaker, heading_to_word, prose_to_word, text_to_word

ROOT = Path(__file__).resolve().parents[1]
SCHOOL_KIND = "psed-statement"
PLAN_KIND = "objectives-plan"
TOPICS = ("reading", "attendance", "maths", "wellbeing", "careers", "sport", "music", "languages")


def timed(run: Callable[[], object]) -> float:
    """Return the seconds `run` takes."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def cli_seconds(args: Sequence[str]) -> float:
    """Return the seconds `equality-docs ARGS` takes in this process (ARGS made, and the last run's output
    removed, before the clock starts, as the naive loop removes its own)."""
    return timed(lambda: run_cli(args))


def process_seconds(args: Sequence[str]) -> float:
    """Return the seconds a fresh `python -m equality_docs ARGS` takes (its start and imports included)."""
    return timed(lambda: run_process(args))


def fields_of(context: Any) -> dict[str, Any]:
    """Return a kind's context as the names its template sees (each field of the attrs class)."""
    return {field.name: getattr(context, field.name) for field in attrs.fields(type(context))}


def word_template(kind: str) -> Path:
    """Return the shipped Word template of a kind."""
    return ROOT / "templates" / "docx" / equality_docs.get_kind(kind).template_name("docx")


# The command line, in this process and in a fresh one.

def run_cli(args: Sequence[str]) -> None:
    """Run `equality-docs ARGS` in this process (its summary kept off the screen); raise if it fails."""
    with contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            cli.main(list(args))
        except SystemExit as exc:  # click ends every run so
            if exc.code not in (0, None):
                msg = f"equality-docs {' '.join(args)} exited {exc.code}: {err.getvalue()}"
                raise RuntimeError(msg) from None


def run_process(args: Sequence[str]) -> None:
    """Run `python -m equality_docs ARGS` in a fresh process (start and imports included); raise if it fails."""
    subprocess.run([sys.executable, "-m", "equality_docs", *args], capture_output=True, check=True, cwd=ROOT)


def render_args(inputs: Path, kind: str, out: Path, jobs: int | None = None) -> list[str]:
    """Return the command line rendering `inputs` (a file or a folder) to .docx files in `out`."""
    shutil.rmtree(out, ignore_errors=True)  # each run writes new files, as the naive loop does
    return ["render", str(inputs), "-k", kind, "-f", "docx", "--out", str(out),
            *(["-j", str(jobs)] if jobs else [])]


def peak_rss_of_command(args: Sequence[str]) -> float:
    """Return the peak resident MiB of a fresh `python -m equality_docs ARGS` (its own peak alone)."""
    # A new parent, so that RUSAGE_CHILDREN holds this one command and no earlier child.
    code = ("import resource, subprocess, sys\n"
            "subprocess.run([sys.executable, '-m', 'equality_docs', *sys.argv[1:]], check=True, capture_output=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                            check=True)
    return int(result.stdout) / 1024  # KiB on Linux


# The inputs, written to disk.

def school_files(count: int, folder: Path) -> list[Path]:
    """Write `count` schools' PSED statement plans (the trust example's text, 5 objectives x 3 actions)."""
    base = equality_docs.load(ROOT / "examples" / "inmat-trust.yaml")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        name = f"{TOPICS[n % len(TOPICS)].title()} Lane Primary School {n}"
        objectives = tuple(
            m.Objective(text=f"To narrow the gap in {TOPICS[(n + i) % len(TOPICS)]} for pupils at {name}",
                        aims=(m.Aim.ADVANCE,) if i % 2 else (m.Aim.FOSTER,),
                        actions=tuple(m.Action(text=f"Action {i + 1}.{a + 1}: {TOPICS[a]} club for year {n % 6 + 1}")
                                      for a in range(3)))
            for i in range(5)
        )
        plan = attrs.evolve(base, objectives=objectives, organisation=attrs.evolve(
            base.organisation, name=name, type=m.OrganisationType.SCHOOL))
        path = folder / f"school-{n:03}.yaml"
        path.write_text(equality_docs.dumps(plan), encoding="utf-8")
        files.append(path)
    return files


def objectives_file(count: int, path: Path) -> Path:
    """Write a plan of `count` objectives: the secondary school's five, repeated with ids and text made unique."""
    data = yaml.safe_load((ROOT / "examples" / "secondary-school-objectives.yaml").read_text(encoding="utf-8"))
    rows = data["objectives"]
    data["objectives"] = [
        {**rows[i % len(rows)], "id": f"{rows[i % len(rows)]['id']}-{i}", "text": f"{rows[i % len(rows)]['text']} ({i})"}
        for i in range(count)
    ]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


# Plain docxtpl, as its users write it.

class _NaiveLinks(LinkMaker):
    """A hyperlink through docxtpl's own relationship helper."""

    def __init__(self, template: DocxTemplate) -> None:
        self.template = template

    def __call__(self, url: str, runs: str) -> str:
        return f'<w:hyperlink r:id="{self.template.build_url_id(url)}">{runs}</w:hyperlink>'


def naive_environment(template: DocxTemplate) -> jinja2.Environment:
    """Return a plain Jinja environment with the filters the Word templates need (`prose`, `heading`, `paragraph`)."""
    env = jinja2.Environment(autoescape=True)
    env.filters["paragraph"] = lambda value: Markup(text_to_word("" if value is None else str(escape(value))))
    env.filters["prose"] = lambda value, style=None, prefix="": Markup(prose_to_word(
        "" if value is None else str(value), style=style, prefix=prefix or "", link=_NaiveLinks(template)))
    env.filters["heading"] = lambda value, level=1: Markup(heading_to_word(str(value), level))
    return env


def naive_loop(files: Sequence[Path], out: Path) -> float:
    """Return seconds for a docxtpl user's loop: read each file, render it with a new template, save it."""
    kind = equality_docs.get_kind(SCHOOL_KIND)
    template_path = str(word_template(SCHOOL_KIND))
    converter = make_converter()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    start = time.perf_counter()
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))  # PyYAML's default, pure-Python loader
        # Shared with equality_docs, not the naive user's own: turning the data into the template's
        # context (the project's converter and context builder), which any user needs in some form.
        context = fields_of(kind.build_context(converter.structure(data, m.EqualityPlan)))
        template = DocxTemplate(template_path)
        template.render(context, jinja_env=naive_environment(template), autoescape=True)
        template.save(out / f"{file.stem}.docx")
    return time.perf_counter() - start


def docxtpl_in_memory(context: dict[str, Any]) -> float:
    """Return seconds for plain docxtpl to render an objectives plan's context (built already) to bytes."""
    start = time.perf_counter()
    template = DocxTemplate(str(word_template(PLAN_KIND)))
    template.render(context, jinja_env=naive_environment(template), autoescape=True)
    template.save(io.BytesIO())
    return time.perf_counter() - start


def stage_seconds(files: Sequence[Path], runs: int, out: Path) -> dict[str, float]:
    """
    Return the processor seconds per document of each step of the batch's path, each file's
    plan read, checked, made into a Word document with its output check, and written, in this
    process: the least of `runs` runs over the files (the least is the least disturbed).
    """
    kind = equality_docs.get_kind(SCHOOL_KIND)
    on = dt.date(2026, 1, 1)
    best: dict[str, float] = {}
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        spent = dict.fromkeys(("read", "check", "context", "render", "write"), 0.0)
        for file in files:
            start = time.process_time()
            plan = equality_docs.load(file)
            read = time.process_time()
            equality_docs.check(plan, on=on)
            checked = time.process_time()
            kind.build_context(plan)  # (made again by render_checked: its time is taken from the render's)
            built = time.process_time()
            data, _ = render_checked(plan, kind=SCHOOL_KIND)
            rendered = time.process_time()
            equality_docs.write_output(data, out / f"{file.stem}.docx")
            written = time.process_time()
            for step, seconds in (("read", read - start), ("check", checked - read), ("context", built - checked),
                                  ("render", rendered - built - (built - checked)), ("write", written - rendered)):
                spent[step] += seconds
        best = {step: min(seconds, best.get(step, seconds)) for step, seconds in spent.items()}
    return {step: seconds / len(files) for step, seconds in best.items()}


# The sections of the report.

def medians(runs: int, named: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Return each figure's median of `runs` runs, the runs of all figures taken in turn."""
    seconds: dict[str, list[float]] = {name: [] for name in named}
    for _ in range(runs):
        for name, run in named.items():
            seconds[name].append(run())
    return {name: statistics.median(values) for name, values in seconds.items()}


def batch_section(count: int, runs: int, work: Path) -> None:
    """Print the batch of school statements through the command line against the naive loop."""
    files = school_files(count, work / "schools")
    one = work / "one"
    one.mkdir(exist_ok=True)
    shutil.copy(files[0], one)
    run_cli(render_args(one, SCHOOL_KIND, work / "warm"))  # the templates prepared, as after a first run
    naive_loop(files[:2], work / "warm-naive")
    cores = os.cpu_count() or 1
    out = work / "out"
    figures = medians(runs, {
        "naive": lambda: naive_loop(files, out / "naive"),
        "cli": lambda: cli_seconds(render_args(work / "schools", SCHOOL_KIND, out / "cli")),
        "cli1": lambda: cli_seconds(render_args(work / "schools", SCHOOL_KIND, out / "cli1", jobs=1)),
        "proc": lambda: process_seconds(render_args(work / "schools", SCHOOL_KIND, out / "proc")),
        "proc1": lambda: process_seconds(render_args(work / "schools", SCHOOL_KIND, out / "proc1", 1)),
    })
    assert len(list((out / "cli").glob("*.docx"))) == count, "the command line wrote every document"
    how = f"medians of {runs} runs" if runs > 1 else "one run each"
    naive = figures["naive"]
    print(f"\nbatch: {count} school PSED statement files (5 objectives x 3 actions) to .docx files ({how})")
    print(f"  naive loop: yaml.safe_load, new DocxTemplate, save  {count / naive:8.1f} docs/s")
    for key, label in (
        ("cli", f"equality-docs render DIR, default jobs ({cores})"),
        ("cli1", "equality-docs render DIR -j 1"),
        ("proc", f"  the same in a fresh process, default jobs ({cores})"),
        ("proc1", "  the same in a fresh process, -j 1"),
    ):
        print(f"  {label:<50} {count / figures[key]:8.1f} docs/s  {naive / figures[key]:6.1f}x the naive loop")
    print("  (in-process runs are equality_docs.cli.main after a warm-up; goal: 25x the naive loop)")
    steps = stage_seconds(files, max(runs, 3), out / "stages")
    print(f"  processor time per document, one process (least of {max(runs, 3)} runs): "
          f"{sum(steps.values()) * 1000:.2f} ms")
    print("    " + ", ".join(f"{step} {seconds * 1000:.2f}" for step, seconds in steps.items())
          + " (render: with its output check)")


def plan_section(sizes: tuple[int, int], runs: int, work: Path) -> None:
    """Print a large plan file through the command line against plain docxtpl in memory, its memory and scaling."""
    small, large = sizes
    work.mkdir(parents=True, exist_ok=True)
    files = {size: objectives_file(size, work / f"objectives-{size}.yaml") for size in sizes}
    run_cli(render_args(files[small], PLAN_KIND, work / "warm"))
    kind = equality_docs.get_kind(PLAN_KIND)
    context = fields_of(kind.build_context(equality_docs.load(files[large])))
    figures = medians(runs, {
        "docxtpl": lambda: docxtpl_in_memory(context),
        "small": lambda: cli_seconds(render_args(files[small], PLAN_KIND, work / "small")),
        "large": lambda: cli_seconds(render_args(files[large], PLAN_KIND, work / "large")),
        "proc": lambda: process_seconds(render_args(files[large], PLAN_KIND, work / "proc")),
    })
    plain, ours, proc = figures["docxtpl"], figures["large"], figures["proc"]
    size_mib = files[large].stat().st_size / 2**20
    print(f"\nan objectives plan of {large:,} objectives ({size_mib:.1f} MiB of YAML) to .docx")
    print(f"  plain docxtpl, context built already, to bytes in memory   {plain * 1000:8.0f} ms")
    print(f"  equality-docs render FILE, file to file (in process)       {ours * 1000:8.0f} ms  "
          f"{ours / plain:5.2f}x docxtpl's time (goal: at most 1.0x)")
    print(f"  the same in a fresh process                                {proc * 1000:8.0f} ms  "
          f"{proc / plain:5.2f}x docxtpl's time")
    per_small, per_large = figures["small"] / small, ours / large
    print(f"  per objective, file to file: {per_large * 1e6:.0f} us at {large:,}, {per_small * 1e6:.0f} us at "
          f"{small:,}: {per_large / per_small:.2f}x (goal: at most 1.2x)")
    peak = peak_rss_of_command(render_args(files[large], PLAN_KIND, work / "peak"))
    print(f"  peak resident memory of a fresh `equality-docs render` of it  {peak:6.0f} MiB (goal: under 300 MiB)")


def in_memory_section(large: int, runs: int, work: Path) -> None:
    """Print the Python API's figures: documents rendered to bytes in memory, and plan files loaded."""
    school = school_files(1, work)[0]
    statement = equality_docs.load(school)
    path = objectives_file(large, work / "objectives.yaml")
    big = equality_docs.load(path)
    equality_docs.render(statement, kind=SCHOOL_KIND, fmt="docx")
    equality_docs.render(big, kind=PLAN_KIND, fmt="docx")
    repeat = 10 if runs == 1 else 100
    ones = [timed(lambda: equality_docs.render(statement, kind=SCHOOL_KIND, fmt="docx")) for _ in range(repeat)]
    plan = statistics.median(timed(lambda: equality_docs.render(big, kind=PLAN_KIND, fmt="docx"))
                             for _ in range(runs))
    load = statistics.median(timed(lambda: equality_docs.load(path)) for _ in range(runs))
    load_school = statistics.median(timed(lambda: equality_docs.load(school)) for _ in range(repeat))
    print("\nin memory (the Python API; no files written):")
    for label, ms in (
        ("equality_docs.render, a school's statement to .docx bytes",
         f"{statistics.median(ones) * 1000:8.1f} ms (median of {repeat}; fastest {min(ones) * 1000:.1f} ms)"),
        (f"equality_docs.render, {large:,} objectives to .docx bytes", f"{plan * 1000:8.0f} ms"),
        ("equality_docs.load, a school's statement file", f"{load_school * 1000:8.1f} ms"),
        (f"equality_docs.load, the {large:,}-objective file", f"{load * 1000:8.0f} ms"),
    ):
        print(f"  {label:<58} {ms}")


#: Hostile inputs, each to be refused: (name, Python making its text; "" for /dev/zero as it is).
HOSTILE: tuple[tuple[str, str], ...] = (
    ("9.9 million values in 19.8 MB (flow list)", "'x: [' + '1,' * 9_899_998 + '1]\\n'"),
    ("1.8 million keys in 18 MB", "''.join(f'k{i:x}: 1\\n' for i in range(1_800_000))"),
    ("alias bomb, 10^9 values", "open('tests/fixtures/input/hostile/alias_bomb.yaml').read()"),
    ("alias bomb, 10^15 values", "''.join(f'a{i}: &a{i} [' + ', '.join(['*a%d' % (i - 1)] * 10 if i else ['x'] * 10)"
                                 " + ']\\n' for i in range(16))"),
    ("nested 5 million deep", "'a: ' + '[' * 5_000_000 + ']' * 5_000_000 + '\\n'"),
    ("one text of 10 million characters", "'organisation:\\n  name: ' + 'x' * 10_000_000 + '\\n'"),
    ("/dev/zero", ""),
)
#: What a refusal may take before it is reported as not refused: seconds, and bytes of address space.
HOSTILE_TIME, HOSTILE_MEMORY = 60, 2 * 2**30


def hostile_refusal(make: str, folder: Path) -> tuple[float, float, float, str]:
    """
    Return the seconds (on the clock, and of the processor) and peak resident MiB (Python itself
    included) a fresh process takes to refuse one hostile file with `equality_docs.load`, and the
    start of its message; a file not refused in time or memory comes back with its clock time
    as NaN.
    """
    path = folder / "hostile.yaml"
    if make:
        code = f"import sys; from pathlib import Path; Path(sys.argv[1]).write_text({make}, encoding='utf-8')"
        subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True)
    else:
        path = Path("/dev/zero")
    code = (
        f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({HOSTILE_MEMORY}, {HOSTILE_MEMORY}))\n"
        "import sys, time, equality_docs\n"
        "start, cpu = time.perf_counter(), time.process_time()\n"
        "try:\n    equality_docs.load(sys.argv[1]); message = 'accepted!'\n"
        "except equality_docs.InputError as exc:\n    message = str(exc).splitlines()[0][len(sys.argv[1]):][:70]\n"
        "seconds, cpu = time.perf_counter() - start, time.process_time() - cpu\n"
        "peak = next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(seconds, cpu, peak, message, sep='\\t')"
    )
    try:
        result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                                check=False, timeout=HOSTILE_TIME)
    except subprocess.TimeoutExpired:
        return float("nan"), float("nan"), float("nan"), f"not refused within {HOSTILE_TIME} s"
    if result.returncode:
        last = (result.stderr.strip().splitlines() or ["?"])[-1][:70]
        return float("nan"), float("nan"), float("nan"), f"not refused: {last}"
    seconds, cpu, peak, message = result.stdout.rstrip("\n").split("\t")
    return float(seconds), float(cpu), float(peak) / 1024, message


def hostile_section(smoke: bool, folder: Path) -> None:
    """Print what each hostile file's refusal costs, and the worst."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = HOSTILE[2:3] + HOSTILE[-1:] if smoke else HOSTILE
    print("\nhostile files, each refused by a fresh process (equality_docs.load): seconds on the clock and")
    print("of the processor, peak resident MiB (Python's own ~20 included):")
    worst_seconds = worst_peak = 0.0
    for name, make in chosen:
        seconds, cpu, peak, message = hostile_refusal(make, folder)
        print(f"  {name:<42} {seconds:6.2f} s {cpu:6.2f} s cpu {peak:6.0f} MiB  {message}")
        worst_seconds, worst_peak = max(worst_seconds, seconds), max(worst_peak, peak)  # NaN stays NaN
    print(f"  worst: {worst_seconds:.2f} s, {worst_peak:.0f} MiB (goal: under 2 s and 200 MB)")


#: Prose shapes that made the Markdown safety quadratic or worse once: (name, text of about n characters).
HOSTILE_PROSE: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("a '[' then n/2 '](' ", lambda n: "[" + "](" * (n // 2)),
    ("runs of 1, 2, 3, ... backticks", lambda n: "".join("`" * k + "a" for k in range(1, 5000) if k * k // 2 < n)),
    ("code spans after a '](' ", lambda n: "[a](b " + "`x` " * (n // 4)),
    ("unclosed link targets", lambda n: "[a](" * (n // 4)),
    ("code spans over line ends", lambda n: "`a\nb` " * (n // 6)),
    ("a '[' starting every line", lambda n: "[\n" * (n // 2)),
    ("links nested in safe targets", lambda n: "[a](https://a(" * (n // 28) + ")" * (n // 28)),
    ("a '[' then many targets", lambda n: "[" + "".join(f"](x{i} " for i in range(n // 9))),
)


def hostile_prose_section(smoke: bool) -> None:
    """Print how long prose of hostile shapes takes to be made safe for Markdown (a text may be 1,000,000 characters)."""
    from equality_docs.safe_text import safe_markdown

    size = 100_000 if smoke else 1_000_000
    print(f"\nhostile prose of {size:,} characters made safe for Markdown (safe_markdown), seconds:")
    for name, make in HOSTILE_PROSE:
        text = make(size)
        print(f"  {name:<42} {timed(lambda: safe_markdown(text)):6.2f} s")  # noqa: B023  # run at once


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a run of a few seconds")
    parser.add_argument("--batch", action="store_true", help="the batch of school files alone")
    parser.add_argument("--plan", action="store_true", help="the large plans alone")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}")
    runs = 1 if args.smoke else 3
    sizes = (20, 200) if args.smoke else (1000, 10_000)
    with tempfile.TemporaryDirectory(prefix="equality-docs-bench-") as folder:
        work = Path(folder)
        if not args.plan:
            batch_section(10 if args.smoke else 300, runs, work / "batch")
        if args.batch:
            return
        plan_section(sizes, runs, work / "plan")
        if args.plan:
            return
        in_memory_section(sizes[1], runs, work / "memory")
        hostile_section(args.smoke, work / "hostile")
        hostile_prose_section(args.smoke)
    print(f"\npeak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
