"""
Rendering many documents at once: a trust's statements, a council's directorates, thousands of
schools. Jobs run on every core; each document is written as soon as it is made, so an error in
one, or a stop, never loses the others.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from equality_docs.errors import EqualityDocsError
from equality_docs.model import EqualityPlan, OrganisationType

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


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of a job: written, or the error that stopped it."""

    path: Path
    error: str | None = None
    error_type: str | None = None
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


def run_job(job: Job) -> Outcome:
    """Render and write one document (in a worker process, or in this one)."""
    from equality_docs.api import render, render_checked
    from equality_docs.write import write_output

    try:
        problems = 0
        if job.fmt == "docx":  # checked as it is made, from the parts in memory
            data, findings = render_checked(job.plan, kind=job.kind, templates=job.templates)
            problems = sum(f.severity != "info" for f in findings)
        else:
            data = render(job.plan, kind=job.kind, fmt=job.fmt, templates=job.templates)
        write_output(data, job.path, inputs=job.inputs, replace=job.replace)
        outcome = Outcome(path=job.path, accessibility_problems=problems)
    except EqualityDocsError as exc:
        outcome = Outcome(path=job.path, error=str(exc), error_type=type(exc).__name__)
    return outcome


def run_jobs(jobs: Sequence[Job], *, processes: int | None = None) -> Iterator[Outcome]:
    """
    Yield the outcome of each job, in the order given, using `processes` worker processes
    (default: one per core; 1 renders here, without workers).
    """
    workers = processes or os.cpu_count() or 1
    if workers == 1 or len(jobs) < 2:  # one job is not worth a worker
        yield from (run_job(job) for job in jobs)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            yield from pool.map(run_job, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 4))))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
