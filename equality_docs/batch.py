"""
A batch: the jobs of many documents from many plans (built here for the command line and for
`render_all` alike), made in worker processes, written in groups; each failure kept, typed,
against its document or input file, while every other document is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from equality_docs.check import Finding, Severity, check_plan
from equality_docs.collector import paused_collector
from equality_docs.errors import (
    BatchError,
    CheckError,
    EqualityDocsError,
    InternalError,
)
from equality_docs.kinds import FORMATS, get_kind, kinds_for, require, require_any
from equality_docs.load import load_traced
from equality_docs.model import EqualityPlan, OrganisationType
from equality_docs.output.write import prepare_folder
from equality_docs.renderers.templates import template_files
from equality_docs.running import _GROUP, Job, Outcome, make_document, run_jobs
from equality_docs.sandbox import DEFAULT_TIME_LIMIT

#: Input files found in a folder.
PLAN_SUFFIXES = (".yaml", ".yml", ".json")


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
    reference_doc: Path | None = None  # in place of each plan's own


@attrs.frozen(kw_only=True)
class Planned:
    """One input file read for a batch: its checks' findings and its jobs, or the error that stopped it."""

    file: Path
    findings: tuple[Finding, ...] = ()
    jobs: tuple[Job, ...] = ()
    error: EqualityDocsError | None = None
    read: tuple[Path, ...] = ()  # every file read for it: the plan, its progress files


def jobs_for(name: str, plan: EqualityPlan, settings: Settings) -> list[Job]:
    """
    Return the jobs of one plan: each kind asked for (default: every kind it can produce) in
    each format, written to `<out>/<name>.<kind>.<format>`.

    Raises:
        UnknownKindError: a kind asked for does not exist.
    """
    chosen = [get_kind(k) for k in settings.kinds] or list(kinds_for(plan))
    if settings.reference_doc is not None:
        plan = attrs.evolve(plan, reference_doc=str(settings.reference_doc))
    return [
        Job(plan=plan, kind=kind.name, fmt=fmt, path=settings.out / f"{name}.{kind.name}.{fmt}",
            templates=settings.templates, replace=settings.replace, inputs=settings.inputs,
            time_limit=settings.time_limit)
        for kind in chosen
        for fmt in settings.formats
    ]


@paused_collector()  # the plan read and checked lives on
def read_plan(
    file: Path, settings: Settings, *, on: dt.date, strict: bool = False, schools: bool = False
) -> Planned:
    """
    Return an input file's plan checked and made into jobs (one set per school with `schools`);
    a file that cannot be read or checked, or (with `strict`) whose checks find errors, comes
    back with its error and no jobs.
    """
    findings: tuple[Finding, ...] = ()
    read: tuple[Path, ...] = ()
    try:
        plan, lines, read = load_traced(file)
        findings = check_plan(plan, on=on, lines=lines)
        settings = attrs.evolve(settings, inputs=(*settings.inputs, *read))  # its progress files too
        house = settings.reference_doc or plan.reference_doc
        if house is not None and {"docx", "pdf"} & set(settings.formats):
            from equality_docs.reference_doc import read_reference  # heavy

            read_reference(Path(house))  # one error for the plan, not one for each of its documents
        if strict and any(f.severity is Severity.ERROR for f in findings):
            return Planned(file=file, findings=findings, error=CheckError(file, findings), read=read)
        named = each_school(file.stem, plan) if schools else [(file.stem, plan)]
        for kind in (get_kind(k) for k in settings.kinds):  # a kind asked for must have something to print
            for _, each in named:
                require(kind, each, file)
        jobs = tuple(job for name, each in named for job in jobs_for(name, each, settings))
        if not jobs and not settings.kinds:  # no kind asked for, and none has anything to print
            require_any(plan, file)
        findings += template_findings(jobs, lines)
    except EqualityDocsError as exc:
        return Planned(file=file, findings=findings, error=exc, read=read)
    except Exception as exc:  # noqa: BLE001  # a bug, or no memory left: this file's failure alone
        return Planned(file=file, findings=findings, error=InternalError.of(exc, file), read=read)
    return Planned(file=file, findings=findings, jobs=jobs, read=read)


def template_findings(jobs: Sequence[Job], lines: Mapping[tuple[str | int, ...], int]) -> tuple[Finding, ...]:
    """
    Return a warning for each section the plan places that a user's template the jobs use would
    leave out (each template tried once: HTML uses the Markdown one, PDF the Word one). A template
    that cannot be read or run is left to fail its own documents, at its file and line.
    """
    from equality_docs.document import unprinted_sections  # heavy; load on use

    found: dict[tuple[str, str], tuple[Finding, ...]] = {}
    for job in jobs:
        key = (job.kind, "docx" if job.fmt in ("docx", "pdf") else "md")
        if job.templates and key not in found:
            found[key] = unprinted_sections(job.plan, kind=job.kind, fmt=key[1], templates=job.templates, lines=lines,
                                            time_limit=job.time_limit)
    return tuple(f for each in found.values() for f in each)


def claim_folder(jobs: Sequence[Job], out: Path) -> tuple[list[Job], bool]:
    """
    Create the output folder and return the jobs, each allowed to replace files there if
    equality_docs owns the folder, with whether it does.

    Raises:
        OutputError: the folder cannot be created.
    """
    owned = prepare_folder(out)
    inputs = _every_input(jobs)
    return [attrs.evolve(job, replace=owned or job.replace, inputs=inputs) for job in jobs], owned


def _every_input(jobs: Sequence[Job]) -> tuple[Path, ...]:
    """
    Return every file the batch read, for every job's writer to leave alone: each plan and its
    progress files, and each file in the template folders. One tuple, so it is resolved once.
    """
    files: dict[Path, None] = {}
    plans: set[int] = set()  # each plan's jobs share one tuple of its files: known by its id, not hashed again
    folders: set[tuple[Path, ...]] = set()
    for job in jobs:
        if id(job.inputs) not in plans:
            plans.add(id(job.inputs))
            files.update(dict.fromkeys(job.inputs))
        if job.templates not in folders:
            folders.add(job.templates)
            files.update(dict.fromkeys(template_files(job.templates)))
    return tuple(files)


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
    reference_doc: Path | str | None = None,
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
        reference_doc: a Word file whose styles, page, header and footer every Word document takes,
            in place of each plan's own `reference_doc`; it is never written.

    Raises:
        UnknownKindError: a kind asked for does not exist (before anything is written).
        OutputError: the folder cannot be created.
        BatchError: after every other document was written, some could not be made; its
            `failures` hold each one's path and own error (TemplateError, OutputError, ...).
    """
    house = None if reference_doc is None else Path(reference_doc)
    settings = Settings(out=out, kinds=tuple(kinds), formats=tuple(formats),
                        templates=tuple(Path(t) for t in templates), replace=replace, time_limit=time_limit,
                        reference_doc=house, inputs=() if house is None else (house,))
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
    """
    Return a name as it is written in a file name: Latin letters (accents dropped) and digits,
    joined by hyphens. A name with anything beyond ASCII (accents, other scripts, symbols, partly
    lost from the slug) ends with a short hash of the name, so that such names stay apart:
    `ecole-1a2b3c4d`.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if not slug or not text.isascii():  # "★" and "☆", "École" and "Ecole" stay apart too
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
        return f"{slug}-{digest}" if slug else f"school-{digest}"
    return slug


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


__all__ = [
    "_GROUP", "Job", "Outcome", "Planned", "Settings", "claim_folder", "each_school", "expand_inputs", "jobs_for",
    "make_document", "read_plan", "render_all", "run_jobs",
]
