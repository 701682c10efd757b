"""
A batch: the jobs of many documents from many plans (built here for the command line and for
`render_all` alike), made in worker processes, written in groups; each failure kept, typed,
against its document or input file, while every other document is written.
"""

from __future__ import annotations

import collections
import concurrent.futures
import datetime as dt
import gc
import itertools
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import cast

import attrs

from equality_docs.checks import Finding, Severity, check_plan
from equality_docs.document import Made, make
from equality_docs.errors import (
    BatchError,
    CheckError,
    EqualityDocsError,
    InternalError,
    OutputError,
)
from equality_docs.kinds import FORMATS, get_kind, kinds_for
from equality_docs.load import load_with_lines
from equality_docs.model import EqualityPlan, OrganisationType
from equality_docs.renderers.limits import DEFAULT_TIME_LIMIT
from equality_docs.write import Writer, prepare_folder

#: Input files found in a folder.
PLAN_SUFFIXES = (".yaml", ".yml", ".json")


@attrs.frozen(kw_only=True)
class Job:
    """One document to make: a plan, a kind, a format, and where to write it."""

    plan: EqualityPlan
    kind: str
    fmt: str
    path: Path
    templates: tuple[Path, ...] = ()
    replace: bool = False
    inputs: tuple[Path, ...] = ()
    time_limit: float = DEFAULT_TIME_LIMIT


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of a job: written, or the error that stopped it (its own type, with its details)."""

    path: Path
    error: EqualityDocsError | None = None
    accessibility_problems: int = 0


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Return the plan files named, with each folder replaced by the plan files in it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file())
        else:
            files.append(path)
    return files


@attrs.frozen(kw_only=True)
class Settings:
    """What every plan of a batch is made into, and where: shared by all its jobs."""

    out: Path
    kinds: tuple[str, ...] = ()
    formats: tuple[str, ...] = FORMATS
    templates: tuple[Path, ...] = ()
    replace: bool = False
    time_limit: float = DEFAULT_TIME_LIMIT
    inputs: tuple[Path, ...] = ()


@attrs.frozen(kw_only=True)
class Planned:
    """One input file read for a batch: its checks' findings and its jobs, or the error that stopped it."""

    file: Path
    findings: tuple[Finding, ...] = ()
    jobs: tuple[Job, ...] = ()
    error: EqualityDocsError | None = None


def jobs_for(name: str, plan: EqualityPlan, settings: Settings) -> list[Job]:
    """
    Return the jobs of one plan: each kind asked for (default: every kind it can produce) in
    each format, written to `<out>/<name>.<kind>.<format>`.

    Raises:
        UnknownKindError: a kind asked for does not exist.
    """
    chosen = [get_kind(k) for k in settings.kinds] or list(kinds_for(plan))
    return [
        Job(plan=plan, kind=kind.name, fmt=fmt, path=settings.out / f"{name}.{kind.name}.{fmt}",
            templates=settings.templates, replace=settings.replace, inputs=settings.inputs,
            time_limit=settings.time_limit)
        for kind in chosen
        for fmt in settings.formats
    ]


def read_plan(
    file: Path, settings: Settings, *, on: dt.date, strict: bool = False, schools: bool = False
) -> Planned:
    """
    Return an input file's plan checked and made into jobs (one set per school with `schools`);
    a file that cannot be read or checked, or (with `strict`) whose checks find errors, comes
    back with its error and no jobs.
    """
    findings: tuple[Finding, ...] = ()
    try:
        plan, lines = load_with_lines(file)
        findings = check_plan(plan, on=on, lines=lines)
        if strict and any(f.severity is Severity.ERROR for f in findings):
            return Planned(file=file, findings=findings, error=CheckError(file, findings))
        named = each_school(file.stem, plan) if schools else [(file.stem, plan)]
        jobs = tuple(job for name, each in named for job in jobs_for(name, each, settings))
    except EqualityDocsError as exc:
        return Planned(file=file, findings=findings, error=exc)
    except Exception as exc:  # noqa: BLE001  # a bug, or no memory left: this file's failure alone
        return Planned(file=file, findings=findings, error=InternalError.of(exc, file))
    return Planned(file=file, findings=findings, jobs=jobs)


def claim_folder(jobs: Sequence[Job], out: Path) -> tuple[list[Job], bool]:
    """
    Create the output folder and return the jobs, each allowed to replace files there if
    equality_docs owns the folder, with whether it does.

    Raises:
        OutputError: the folder cannot be created.
    """
    owned = prepare_folder(out)
    return ([attrs.evolve(job, replace=True) for job in jobs] if owned else list(jobs)), owned


def render_all(
    plans: Iterable[tuple[str, EqualityPlan]],
    *,
    out: Path,
    kinds: Sequence[str] = (),
    formats: Sequence[str] = FORMATS,
    templates: Sequence[Path | str] = (),
    replace: bool = False,
    processes: int | None = 1,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Iterator[Path]:
    """
    Render many plans into a folder, yielding each file as it is written; a document that
    cannot be made loses no other: each failure is kept, and raised at the end in a `BatchError`.

    Args:
        plans: (name, plan) pairs; files are named `<name>.<kind>.<format>`.
        out: the folder (created if missing; equality_docs may replace files in a folder it created).
        kinds: the kinds to render; default, every kind each plan can produce.
        formats: the formats.
        templates: folders searched for templates before the built-in ones.
        replace: whether existing files may be replaced in any folder.
        processes: worker processes; None for one per core.
        time_limit: seconds each document's templates may run.

    Raises:
        UnknownKindError: a kind asked for does not exist (before anything is written).
        OutputError: the folder cannot be created.
        BatchError: after every other document was written, some could not be made; its
            `failures` hold each one's path and own error (TemplateError, OutputError, ...).
    """
    settings = Settings(out=out, kinds=tuple(kinds), formats=tuple(formats),
                        templates=tuple(Path(t) for t in templates), replace=replace, time_limit=time_limit)
    jobs = [job for name, plan in plans for job in jobs_for(name, plan, settings)]
    jobs, _ = claim_folder(jobs, out)
    failures: list[tuple[Path, EqualityDocsError]] = []
    for outcome in run_jobs(jobs, processes=processes):
        if outcome.error is not None:
            failures.append((outcome.path, outcome.error))
        else:
            yield outcome.path
    if failures:
        raise BatchError(tuple(failures))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "school"


def each_school(name: str, plan: EqualityPlan) -> list[tuple[str, EqualityPlan]]:
    """
    Return one plan per school of a trust, named `<name>-<school>`: the trust's shared text with
    the school's own objectives (or the trust's, where a school has none of its own).
    A plan without schools is returned as it is.
    """
    schools = plan.organisation.schools
    if not schools:
        return [(name, plan)]
    plans = []
    for school in schools:
        organisation = attrs.evolve(
            plan.organisation, name=school.name, type=OrganisationType.SCHOOL, schools=(),
            parent=plan.organisation.name,
        )
        plans.append((f"{name}-{_slug(school.name)}", attrs.evolve(
            plan,
            organisation=organisation,
            objectives=school.objectives or plan.objectives,
            objectives_title=school.objectives_title or plan.objectives_title,
        )))
    return plans


def make_document(job: Job) -> tuple[bytes, int]:
    """
    Return one job's document and the number of accessibility problems found in it.

    Raises:
        EqualityDocsError: the document could not be made (a template error, say).
    """
    made: Made = make(job.plan, kind=job.kind, fmt=job.fmt, templates=job.templates,
                      checked=job.fmt == "docx", time_limit=job.time_limit)
    return made.data, made.problems


def _failed(job: Job, exc: EqualityDocsError) -> Outcome:
    return Outcome(path=job.path, error=exc)


#: How many documents may wait to be written while more are made.
_WAITING = 32
#: How many documents are written together: each group costs one flush of the disk.
_GROUP = 16
#: Worker processes write nothing: they send each document back, and this process writes it.
_Made = tuple[bytes, int] | Outcome


def _make(job: Job) -> _Made:
    try:
        return make_document(job)
    except EqualityDocsError as exc:
        return _failed(job, exc)
    except Exception as exc:  # noqa: BLE001  # a bug, or no memory left: this document's failure alone
        return _failed(job, InternalError.of(exc, job.path))


def _write_all(made: list[tuple[Job, _Made]], writers: dict[tuple[Path, ...], Writer]) -> list[Outcome]:
    """Write the documents made (in a thread), synced to the disk together; return their outcomes."""
    outcomes: list[Outcome | None] = []
    documents: dict[tuple[Path, ...], list[tuple[int, Job, bytes, int]]] = {}  # by the inputs they are from
    for position, (job, result) in enumerate(made):
        if isinstance(result, Outcome):
            outcomes.append(result)
        else:
            outcomes.append(None)
            documents.setdefault(job.inputs, []).append((position, job, *result))
    for inputs, group in documents.items():
        files = writers.get(inputs)
        if files is None:  # each set of inputs resolved once (threads at worst resolve it twice)
            files = writers.setdefault(inputs, Writer(inputs))
        errors = files.write_all([(data, job.path, job.replace) for _, job, data, _ in group])
        for (position, job, _, problems), error in zip(group, errors, strict=True):
            outcomes[position] = (
                Outcome(path=job.path, accessibility_problems=problems) if error is None else _failed(job, error)
            )
    return cast("list[Outcome]", outcomes)


def _write_in_order(
    made: Iterable[list[tuple[Job, _Made]]], threads: concurrent.futures.Executor
) -> Iterator[Outcome]:
    """
    Yield the outcome of each document in order, writing the documents made in `threads`,
    `_GROUP` at a time (synced to the disk together), while more are made: writing waits
    mostly on the disk. Documents already made are written even if this stops early.
    """
    waiting: collections.deque[tuple[int, concurrent.futures.Future[list[Outcome]]]] = collections.deque()
    count = 0  # documents waiting
    writers: dict[tuple[Path, ...], Writer] = {}
    held: list[tuple[Job, _Made]] = []  # made, not yet handed to a thread
    claimed: set[Path] = set()  # the paths of the documents so far: each is written once
    try:
        for group in made:
            held += _claim(group, claimed)
            if len(held) < _GROUP:
                continue
            waiting.append((len(held), threads.submit(_write_all, held, writers)))
            count += len(held)
            held = []
            while waiting and (count > _WAITING or waiting[0][1].done()):
                size, written = waiting.popleft()
                count -= size
                yield from written.result()
        if held:
            waiting.append((len(held), threads.submit(_write_all, held, writers)))
            held = []
        while waiting:
            yield from waiting.popleft()[1].result()
    finally:
        if held:
            waiting.append((len(held), threads.submit(_write_all, held, writers)))
        concurrent.futures.wait([future for _, future in waiting])


def _claim(made: list[tuple[Job, _Made]], claimed: set[Path]) -> list[tuple[Job, _Made]]:
    """
    Return the documents made, each whose path an earlier document of the batch has (two
    inputs, or two schools, of one name) made an error instead: it would replace the other.
    """
    claiming = []
    for job, result in made:
        claiming.append((job, result if job.path not in claimed else _failed(job, OutputError(
            job.path, "another document of this run is written to this path (two input files, or two "
            "schools, of the same name?); rename one, or render them into different folders"
        ))))
        claimed.add(job.path)
    return claiming


#: In a worker process forked with the jobs: the jobs.
_inherited: Sequence[Job] = ()


def _inherit(jobs: Sequence[Job]) -> None:
    global _inherited  # noqa: PLW0603  # set once, as the worker starts
    _inherited = jobs
    # What the worker inherited lives as long as it does: the collector need not look at it
    # again (looking would also copy the pages it shares with its parent).
    gc.freeze()


def _make_chunk(chunk: range | Sequence[Job]) -> list[_Made]:
    """Make some documents in a worker process: jobs given, or (a range) some it inherited."""
    return [_make(job) for job in (_inherited[chunk.start : chunk.stop] if isinstance(chunk, range) else chunk)]


def _made_by(
    pool: concurrent.futures.Executor, chunks: Sequence[range | Sequence[Job]], jobs: Sequence[Job], ahead: int
) -> Iterator[list[tuple[Job, _Made]]]:
    """Yield each chunk's jobs with what the pool made of them, in order, `ahead` chunks in hand at most."""
    remaining = iter(chunks)
    pending = collections.deque((c, pool.submit(_make_chunk, c)) for c in itertools.islice(remaining, ahead))
    while pending:
        chunk, future = pending.popleft()
        made = future.result()
        following = next(remaining, None)
        if following is not None:
            pending.append((following, pool.submit(_make_chunk, following)))
        yield list(zip(jobs[chunk.start : chunk.stop] if isinstance(chunk, range) else chunk, made, strict=True))


def run_jobs(jobs: Sequence[Job], *, processes: int | None = None) -> Iterator[Outcome]:
    """
    Yield the outcome of each job, in the order given, using `processes` worker processes
    (default: one per core; 1 renders here, without workers). Worker processes make the
    documents; this process writes them, in threads, a group at a time as they come.
    """
    workers = processes or os.cpu_count() or 1
    if workers == 1 or len(jobs) < 2:  # noqa: PLR2004  # one job is not worth a worker
        with _threads(1) as threads:
            yield from _write_in_order(([(job, _make(job))] for job in jobs), threads)
        return
    size = max(1, min(16, len(jobs) // (workers * 4)))
    chunks: Sequence[range | Sequence[Job]]
    if sys.platform == "linux" and threading.active_count() == 1:
        # Forked workers inherit the jobs, so none is pickled to be sent (forking a process
        # that runs threads is unsafe: then they are sent).
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"),
            initializer=_inherit, initargs=(jobs,),
        )
        chunks = [range(i, min(i + size, len(jobs))) for i in range(0, len(jobs), size)]
    else:
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with pool, _threads(_WRITERS) as threads:
        try:
            yield from _write_in_order(_made_by(pool, chunks, jobs, ahead=workers * 4), threads)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


#: Threads writing the documents worker processes make (several wait on the disk at once).
_WRITERS = 2


def _threads(count: int) -> concurrent.futures.ThreadPoolExecutor:
    return concurrent.futures.ThreadPoolExecutor(count, thread_name_prefix="equality-docs-write")
