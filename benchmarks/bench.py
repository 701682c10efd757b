"""
Benchmarks for rendering speed and memory. Prints one table of figures, measured side by side in
one run (this machine is noisy, so compare the ratios, not the absolute times).

    python benchmarks/bench.py           # full: 1,000 statements; plans of up to 10,000 objectives
    python benchmarks/bench.py --smoke   # a few seconds, as CI runs it
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gc
import io
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import attrs
import jinja2
from docxtpl import DocxTemplate

import equality_docs
from equality_docs import model as m
from equality_docs.api import context_dict, render_checked
from equality_docs.batch import _GROUP as GROUP  # the batch's group size
from equality_docs.batch import Job, run_jobs
from equality_docs.kinds import get_kind
from equality_docs.output.write import Writer
from equality_docs.renderers.package import Entry, assemble
from equality_docs.renderers.templates import builtin_templates

ROOT = Path(__file__).resolve().parents[1]


def school(n: int) -> m.EqualityPlan:
    """Return a school's PSED statement plan with 20 rows (objectives and actions)."""
    base = equality_docs.load(ROOT / "examples" / "inmat-trust.yaml")
    objectives = tuple(
        m.Objective(text=f"Objective {i} for school {n}", aims=(m.Aim.ADVANCE,),
                    actions=(m.Action(text=f"Action {i}.1"), m.Action(text=f"Action {i}.2"), m.Action(text=f"Action {i}.3")))
        for i in range(5)
    )
    return attrs.evolve(base, organisation=attrs.evolve(base.organisation, name=f"School {n}"), objectives=objectives)


def big_plan(size: int) -> m.EqualityPlan:
    """Return a plan of `size` objectives, each with an action, for an objectives plan table."""
    return m.EqualityPlan(
        organisation=m.Organisation(name="Council", type=m.OrganisationType.COUNCIL),
        objectives=tuple(
            m.Objective(text=f"Objective {i}: narrow the gap", aims=(m.Aim.ADVANCE,), aim=f"Aim {i // 10}",
                        actions=(m.Action(text=f"Action {i}", owner="Officer"),))
            for i in range(size)
        ),
    )


def naive_docxtpl(plans: list[m.EqualityPlan]) -> float:
    """Return seconds to render with a new DocxTemplate per document, as a docxtpl user would."""
    kind = get_kind("psed-statement")
    path = builtin_templates() / "docx" / "psed_statement.docx"
    from equality_docs.renderers import docx as word
    from equality_docs.renderers.templates import make_environment

    start = time.perf_counter()
    for plan in plans:
        template = DocxTemplate(str(path))
        template.init_docx()
        # A plain environment for each document, as a docxtpl user has: nothing compiled is kept.
        env = make_environment(subfolder=None, autoescape=True, finalize=word._finalize)
        env.filters.update(prose=word._prose, chart=word._chart)
        token = word._CURRENT.set(template)
        template.render(context_dict(kind.build_context(plan)), jinja_env=env, autoescape=True)
        word._CURRENT.reset(token)
        template.save(io.BytesIO())
    return time.perf_counter() - start


def plain_docxtpl(plan: m.EqualityPlan) -> float:
    """Return ms for plain docxtpl to render and save one plan with the same template and context."""
    from equality_docs.renderers import docx as word
    from equality_docs.renderers.templates import make_environment

    kind = get_kind("objectives-plan")
    template = DocxTemplate(str(builtin_templates() / "docx" / "objectives_plan.docx"))
    template.init_docx()
    env = make_environment(subfolder=None, autoescape=True, finalize=word._finalize)
    env.filters.update(prose=word._prose, chart=word._chart)
    token = word._CURRENT.set(template)
    start = time.perf_counter()
    template.render(context_dict(kind.build_context(plan)), jinja_env=env, autoescape=True)
    template.save(io.BytesIO())
    elapsed = time.perf_counter() - start
    word._CURRENT.reset(token)
    return elapsed * 1000


def ours(plans: list[m.EqualityPlan], out: Path, processes: int) -> float:
    """Return seconds to render and write the statements with equality_docs."""
    jobs = [Job(plan=p, kind="psed-statement", fmt="docx", path=out / f"s{i}.docx", replace=True)
            for i, p in enumerate(plans)]
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for outcome in run_jobs(jobs, processes=processes):
        assert outcome.error is None, outcome.error
    return time.perf_counter() - start


def ours_in_memory(plans: list[m.EqualityPlan]) -> float:
    """Return seconds to render the statements to bytes in this process, as the naive loop does."""
    start = time.perf_counter()
    for plan in plans:
        equality_docs.render(plan, kind="psed-statement", fmt="docx")
    return time.perf_counter() - start


def _render_size(plan: m.EqualityPlan) -> int:
    return len(equality_docs.render(plan, kind="psed-statement", fmt="docx"))


def ours_in_memory_parallel(plans: list[m.EqualityPlan], processes: int) -> float:
    """Return seconds to render the statements to bytes on `processes` worker processes."""
    with concurrent.futures.ProcessPoolExecutor(max_workers=processes) as pool:
        list(pool.map(_render_size, plans[: processes * 2]))  # each worker prepares its template
        start = time.perf_counter()
        sizes = list(pool.map(_render_size, plans, chunksize=max(1, len(plans) // (processes * 8))))
        elapsed = time.perf_counter() - start
    assert all(sizes)
    return elapsed


def peak_rss_of_render(size: int, fmt: str) -> float:
    """Return the peak resident memory (MiB) of a fresh process rendering one plan of `size` objectives."""
    code = (
        "import sys; sys.path.insert(0, 'benchmarks'); import bench, equality_docs; "
        f"plan = bench.big_plan({size}); equality_docs.render(plan, kind='objectives-plan', fmt='{fmt}'); "
        # VmHWM, the process's own peak: ru_maxrss would carry this process's peak over the exec.
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    return float(result.stdout.strip()) / 1024 if result.returncode == 0 else float("nan")  # kB; Linux only


def zip_floor(count: int, out: Path, group: int = 1) -> float:
    """
    Return seconds to deflate one statement's document.xml into a prebuilt zip and write it to
    a file atomically, `count` times: the zip-writing floor, since every other part of a
    package can be deflated once and reused. With `group` 1 each file is synced to the disk
    on its own, as a single document is written; with the batch's group size, the files are
    written as the batch writes them (synced together in groups): everything the batch does
    but render and check.
    """
    data = equality_docs.render(school(0), kind="psed-statement", fmt="docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    ready = {name: Entry.of(name, payload) for name, payload in parts.items()}
    out.mkdir(parents=True, exist_ok=True)
    writer = Writer()
    held: list[tuple[bytes, Path, bool]] = []
    start = time.perf_counter()
    for n in range(count):
        document = assemble(Entry.of(name, parts[name]) if name == "word/document.xml" else entry
                            for name, entry in ready.items())
        held.append((document, out / f"f{n}.docx", True))
        if len(held) == group or n == count - 1:
            assert not any(writer.write_all(held))
            held = []
    return time.perf_counter() - start


def _floor_share(args: tuple[int, int, str, int]) -> float:
    start, count, out, group = args
    return zip_floor(count, Path(out) / f"share{start}", group)


def zip_floor_parallel(count: int, out: Path, processes: int, group: int = 1) -> float:
    """Return seconds for `processes` processes to write `count` floor documents between them."""
    shares = [(n, count // processes + (n < count % processes), str(out), group) for n in range(processes)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=processes) as pool:
        return max(pool.map(_floor_share, shares))  # each times its own writing, run side by side


def rss_mib() -> float:
    """Return this process's resident memory now, in MiB (Linux), or NaN elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_over_batch(plans: list[m.EqualityPlan], out: Path) -> list[float]:
    """Return resident memory after each tenth of a batch rendered and written in this process."""
    out.mkdir(parents=True, exist_ok=True)
    step = max(1, len(plans) // 10)
    marks = []
    for start in range(0, len(plans), step):
        jobs = [Job(plan=p, kind="psed-statement", fmt="docx", path=out / f"m{start + i}.docx", replace=True)
                for i, p in enumerate(plans[start:start + step])]
        for outcome in run_jobs(jobs, processes=1):
            assert outcome.error is None, outcome.error
        marks.append(rss_mib())
    return marks


#: The objectives-plan table written straight from a Jinja template: the baseline for HTML.
DIRECT_HTML = """<!DOCTYPE html>
<html lang="{{ document.language }}"><head><meta charset="utf-8"><title>{{ document.title }}</title></head>
<body><main><h1>{{ document.title }}</h1>
<table><caption>Objectives</caption><thead><tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}
<tr><td>{{ row.duty_link }}</td><td>{{ row.characteristics }}</td><td>{{ row.aim }}</td><td>{{ row.objective }}</td><td>{{ row.target_groups|join("<br>") }}</td><td>{{ row.actions|join("<br>") }}</td><td>{{ row.owners|join("<br>") }}</td><td>{{ row.dates|join("<br>") }}</td><td>{{ row.milestones|join("<br>") }}</td></tr>
{% endfor %}
</tbody></table></main></body></html>
"""
HEADERS = ("Link to Public Sector Equality Duty", "Protected characteristic", "Aim:", "Objective:",
           "Target group(s)", "Action:", "Who is responsible?", "Dates from and to:", "Milestone/ progress:")


def direct_html(plan: m.EqualityPlan) -> tuple[float, float]:
    """
    Return ms to build the context and render its table straight to HTML with plain Jinja, and
    ms of that spent building the context (which every format does first).
    """
    template = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(DIRECT_HTML)
    kind = get_kind("objectives-plan")
    template.render(headers=HEADERS, **context_dict(kind.build_context(plan)))  # warm, as for ours
    start = time.perf_counter()
    context = context_dict(kind.build_context(plan))
    built = time.perf_counter()
    template.render(headers=HEADERS, **context)
    return (time.perf_counter() - start) * 1000, (built - start) * 1000


def checked(plan: m.EqualityPlan) -> float:
    """Return ms for an objectives plan rendered to .docx with its accessibility check (the command line's way)."""
    render_checked(plan, kind="objectives-plan")  # compile first
    gc.collect()
    start = time.perf_counter()
    render_checked(plan, kind="objectives-plan")
    return (time.perf_counter() - start) * 1000


def measure(plan: m.EqualityPlan, kind: str, fmt: str) -> tuple[float, float]:
    """
    Return (milliseconds, peak MiB of Python allocations) for one render. The time is taken
    without tracing (tracemalloc slows Python down several times); memory in a second run.
    """
    equality_docs.render(plan, kind=kind, fmt=fmt)  # compile templates first, as a batch would
    gc.collect()
    start = time.perf_counter()
    equality_docs.render(plan, kind=kind, fmt=fmt)
    elapsed = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    equality_docs.render(plan, kind=kind, fmt=fmt)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed * 1000, peak / 2**20


#: Hostile inputs, each refused: (name, how to make its text; None for a path given as it is).
HOSTILE: tuple[tuple[str, str], ...] = (
    ("9.9 million values in 19.8 MB (flow list)", "'x: [' + '1,' * 9_899_998 + '1]\\n'"),
    ("1.8 million keys in 18 MB", "''.join(f'k{i:x}: 1\\n' for i in range(1_800_000))"),
    ("alias bomb, 10^9 values", "open('tests/fixtures/input/hostile/alias_bomb.yaml').read()"),
    ("alias bomb, 10^15 values", "''.join(f'a{i}: &a{i} [' + ', '.join(['*a%d' % (i - 1)] * 10 if i else ['x'] * 10) + ']\\n' for i in range(16))"),
    ("nested 5 million deep", "'a: ' + '[' * 5_000_000 + ']' * 5_000_000 + '\\n'"),
    ("one text of 10 million characters", "'organisation:\\n  name: ' + 'x' * 10_000_000 + '\\n'"),
    ("/dev/zero", ""),
)


def hostile_refusal(make: str, folder: Path) -> tuple[float, float, float, str]:
    """
    Return the seconds (on the clock, and of the processor's time: the first grows with whatever
    else runs) and peak resident MiB (of the whole process, Python itself included) a fresh
    process takes to refuse one hostile file, and the start of its message.
    """
    path = folder / "hostile.yaml"
    if make:
        code = f"import sys; from pathlib import Path; Path(sys.argv[1]).write_text({make}, encoding='utf-8')"
        subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, check=True)
    else:
        path = Path("/dev/zero")
    code = (
        "import sys, time; from equality_docs.load import load; from equality_docs.errors import InputError\n"
        "start, cpu = time.perf_counter(), time.process_time()\n"
        "try:\n    load(sys.argv[1]); message = 'accepted!'\n"
        "except InputError as exc:\n    message = str(exc).splitlines()[0][len(sys.argv[1]):][:70]\n"
        "seconds, cpu = time.perf_counter() - start, time.process_time() - cpu\n"
        "peak = next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(seconds, cpu, peak, message, sep='\\t')"
    )
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                            check=True, timeout=600)
    seconds, cpu, peak, message = result.stdout.rstrip("\n").split("\t")
    return float(seconds), float(cpu), float(peak) / 1024, message


def plan_load_ms(path: Path, runs: int) -> float:
    """Return the fastest of `runs` loads of a plan file, in ms (reading, parsing, structuring, progress)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        equality_docs.load(path)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def objectives_file(count: int, path: Path) -> Path:
    """Write a plan file of `count` objectives: the secondary school's, repeated with ids made unique."""
    text = (ROOT / "examples" / "secondary-school-objectives.yaml").read_text(encoding="utf-8")
    head, _, rows = text.partition("objectives:\n")
    items = ["  - id: " + item for item in rows.split("\n  - id: ") if item.strip()]
    items[0] = items[0].replace("  - id:   - id: ", "  - id: ")
    body = []
    for i in range(count):
        item = items[i % len(items)]
        name, _, rest = item.partition("\n")
        body.append(f"{name}-{i}\n{rest.rstrip()}\n")
    path.write_text(head + "objectives:\n" + "".join(body), encoding="utf-8")
    return path


def input_section(smoke: bool, folder: Path) -> None:
    """Print loading times, and what each hostile file's refusal costs."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 100 if smoke else 10_000
    print("\nloading plan files (reading, YAML through libyaml, line marks, structuring), fastest of runs:")
    school_ms = plan_load_ms(ROOT / "examples" / "inmat-trust.yaml", 5 if smoke else 50)
    print(f"  a trust's PSED statement plan (examples/inmat-trust.yaml)  {school_ms:8.1f} ms")
    big = objectives_file(count, folder / "objectives.yaml")
    print(f"  {count:,} objectives ({big.stat().st_size / 2**20:.1f} MiB)"
          f"{'':>30}{plan_load_ms(big, 1 if smoke else 3):8.0f} ms")
    chosen = HOSTILE[2:3] + HOSTILE[-1:] if smoke else HOSTILE
    print("hostile files, each refused by a fresh process: seconds on the clock and of the processor,")
    print("peak resident MiB (Python's own ~20 included):")
    for name, make in chosen:
        seconds, cpu, peak, message = hostile_refusal(make, folder)
        print(f"  {name:<40} {seconds:6.2f} s {cpu:6.2f} s cpu {peak:6.0f} MiB  {message}")


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="a run of a few seconds")
    args = parser.parse_args()
    documents = 20 if args.smoke else 1000
    sizes = (10, 100) if args.smoke else (10, 100, 1000, 10000)
    cores = os.cpu_count() or 1
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.platform()}")

    plans = [school(n) for n in range(documents)]
    out = Path(os.environ.get("TMPDIR", "/tmp")) / "equality-docs-bench"
    # Each figure is the median of three runs, taken in turn (one run in a smoke run).
    runs = 1 if args.smoke else 3
    timings: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, run in (
            ("naive", lambda: naive_docxtpl(plans)),
            ("in_memory", lambda: ours_in_memory(plans)),
            ("in_memory_parallel", lambda: ours_in_memory_parallel(plans, cores)),
            ("serial", lambda: ours(plans, out / "serial", 1)),
            ("parallel", lambda: ours(plans, out / "parallel", cores)),
            ("floor", lambda: zip_floor(documents, out / "floor")),
            ("floor_parallel", lambda: zip_floor_parallel(documents, out / "floor-parallel", cores)),
            ("grouped", lambda: zip_floor(documents, out / "grouped", GROUP)),
            ("grouped_parallel", lambda: zip_floor_parallel(documents, out / "grouped-parallel", cores, GROUP)),
        ):
            timings.setdefault(name, []).append(run())
    naive, in_memory, in_memory_parallel, serial, parallel, floor, floor_parallel, grouped, grouped_parallel = (
        statistics.median(timings[name]) for name in (
            "naive", "in_memory", "in_memory_parallel", "serial", "parallel", "floor", "floor_parallel",
            "grouped", "grouped_parallel",
        )
    )
    how = f"each figure the median of {runs} runs" if runs > 1 else "one run each"
    print(f"\n{documents} school statements (20 rows each), .docx ({how})")
    print(f"  naive docxtpl loop (new template each)  {documents / naive:8.1f} docs/s  (to bytes, 1 process)")
    print(f"  equality_docs.render, to bytes           {documents / in_memory:8.1f} docs/s  ({naive / in_memory:.1f}x naive, like for like)")
    print(f"  equality_docs.render, to bytes, {cores} procs  {documents / in_memory_parallel:8.1f} docs/s  "
          f"({naive / in_memory_parallel:.1f}x naive)")
    print("  the batch (render, accessibility check, atomic write to a file, synced to the disk in groups):")
    print(f"  equality_docs, 1 process                 {documents / serial:8.1f} docs/s  ({naive / serial:.1f}x naive)")
    print(f"  equality_docs, {cores} processes               {documents / parallel:8.1f} docs/s  ({naive / parallel:.1f}x naive)"
          + ("" if runs == 1 else "; runs: " + ", ".join(f"{documents / seconds:.0f}" for seconds in timings["parallel"]) + " docs/s"))
    print("  zip-writing floor (document.xml deflated into a prebuilt zip; the file written and synced alone):")
    print(f"  floor, 1 process                         {documents / floor:8.1f} docs/s  "
          f"(the batch takes {serial / floor:.1f}x its time in 1 process, {parallel / floor:.1f}x in {cores})")
    print(f"  floor, {cores} processes                       {documents / floor_parallel:8.1f} docs/s  "
          f"(the batch in {cores} processes takes {parallel / floor_parallel:.1f}x its time)")
    print("  the same, written as the batch writes (synced in groups): all the batch does but render and check:")
    print(f"  grouped floor, 1 process                 {documents / grouped:8.1f} docs/s  "
          f"(the batch takes {serial / grouped:.1f}x its time in 1 process, {parallel / grouped:.1f}x in {cores})")
    print(f"  grouped floor, {cores} processes               {documents / grouped_parallel:8.1f} docs/s  "
          f"(the batch in {cores} processes takes {parallel / grouped_parallel:.1f}x its time)")

    marks = memory_over_batch(plans, out / "memory")
    print(f"\nresident memory over a {documents}-document batch in one process, each tenth (MiB):")
    print("  " + " ".join(f"{mark:.1f}" for mark in marks)
          + f"   (last - first: {marks[-1] - marks[0]:+.1f} MiB)")

    print("\nplan size: ms and peak MiB (Python allocations) per render, from the plan;")
    print("direct: the table in plain Jinja straight to HTML; ctx: building the context, part of every figure")
    print(f"  {'objectives':>10}  {'docx ms':>9} {'MiB':>6}  {'md ms':>8} {'MiB':>6}  {'html ms':>8} {'MiB':>6}"
          f"  {'direct ms':>9} {'ctx ms':>6}  {'md/direct':>9} {'html/direct':>11}")
    per_row: dict[int, float] = {}
    for size in sizes:
        plan = big_plan(size)
        row = [measure(plan, "objectives-plan", fmt) for fmt in ("docx", "md", "html")]
        direct, ctx = direct_html(plan)
        per_row[size] = row[0][0] / size
        print(f"  {size:>10}  {row[0][0]:9.0f} {row[0][1]:6.1f}  {row[1][0]:8.0f} {row[1][1]:6.1f}  "
              f"{row[2][0]:8.0f} {row[2][1]:6.1f}  {direct:9.0f} {ctx:6.0f}  {row[1][0] / direct:9.2f} "
              f"{row[2][0] / direct:11.2f}")
    largest = big_plan(sizes[-1])
    plain = plain_docxtpl(largest)
    ours_ms = measure(largest, "objectives-plan", "docx")[0]
    checked_ms = checked(largest)
    print(f"\n{sizes[-1]:,} objectives, .docx: plain docxtpl {plain:.0f} ms, equality_docs {ours_ms:.0f} ms "
          f"({ours_ms / plain:.2f}x plain docxtpl's time); with the accessibility check, as the command "
          f"line renders, {checked_ms:.0f} ms ({checked_ms / plain:.2f}x)")
    if 1000 in per_row and 10000 in per_row:
        print(f"per-row .docx cost at 10,000 / at 1,000: {per_row[10000] / per_row[1000]:.2f}x")
    peaks = {fmt: peak_rss_of_render(sizes[-1], fmt) for fmt in ("docx", "md", "html")}
    print(f"peak resident memory of a fresh process rendering {sizes[-1]:,} objectives: "
          + ", ".join(f"{fmt} {mib:.0f} MiB" for fmt, mib in peaks.items()))
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    input_section(args.smoke, out / "inputs")


if __name__ == "__main__":
    sys.exit(main())
