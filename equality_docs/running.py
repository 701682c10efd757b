"""
Running a batch's jobs: each document made (here, or in worker processes), then written in
groups by this process's threads, in order; each job's outcome is the document's path, or the
error that stopped it, as the exception it is.
"""

from __future__ import annotations

import collections
import concurrent.futures
import gc
import itertools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol, TypeVar, cast

import attrs

from equality_docs.document import Made, make
from equality_docs.errors import EqualityDocsError, InternalError, OutputError
from equality_docs.model import EqualityPlan
from equality_docs.output.write import Writer
from equality_docs.sandbox import DEFAULT_TIME_LIMIT


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


class Target(Protocol):
    """Where a document made is written: a `Job`, or a `Placed` document made elsewhere."""

    @property
    def path(self) -> Path: ...
    @property
    def replace(self) -> bool: ...
    @property
    def inputs(self) -> tuple[Path, ...]: ...


@attrs.frozen(kw_only=True)
class Placed:
    """Where a document made in a worker process (from an input file it read) is written."""

    path: Path
    replace: bool = False
    inputs: tuple[Path, ...] = ()


_T = TypeVar("_T", bound=Target)


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of a job: written, or the error that stopped it (its own type, with its details)."""

    path: Path
    error: EqualityDocsError | None = None
    accessibility_problems: int = 0


def make_document(job: Job) -> tuple[bytes, int]:
    """
    Return one job's document and the number of accessibility problems found in it.

    Raises:
        EqualityDocsError: the document could not be made (a template error, say).
    """
    made: Made = make(job.plan, kind=job.kind, fmt=job.fmt, templates=job.templates,
                      checked=job.fmt == "docx", time_limit=job.time_limit)
    return made.data, made.problems


def _failed(job: Target, exc: EqualityDocsError) -> Outcome:
    return Outcome(path=job.path, error=exc)


#: How many documents may wait to be written while more are made.
_WAITING = 32
#: How many documents are written together: each group costs one flush of the disk.
_GROUP = 16
#: Worker processes write nothing: they send each document back, and this process writes it.
_Made = tuple[bytes, int] | Outcome


def make_job(job: Job) -> _Made:
    """Return one job's document with its accessibility problems, or the failure that stopped it."""
    try:
        return make_document(job)
    except EqualityDocsError as exc:
        return _failed(job, exc)
    except Exception as exc:  # noqa: BLE001  # a bug, or no memory left: this document's failure alone
        return _failed(job, InternalError.of(exc, job.path))


def _write_all(made: list[tuple[_T, _Made]], writers: dict[tuple[Path, ...], Writer]) -> list[Outcome]:
    """Write the documents made (in a thread), synced to the disk together; return their outcomes."""
    outcomes: list[Outcome | None] = []
    documents: dict[tuple[Path, ...], list[tuple[int, _T, bytes, int]]] = {}  # by the inputs they are from
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


def write_in_order(
    made: Iterable[list[tuple[_T, _Made]]], threads: concurrent.futures.Executor,
    writers: dict[tuple[Path, ...], Writer] | None = None,
) -> Iterator[Outcome]:
    """
    Yield the outcome of each document in order, writing the documents made in `threads`,
    `_GROUP` at a time (synced to the disk together), while more are made: writing waits
    mostly on the disk. Documents already made are written even if this stops early.
    `writers` holds a `Writer` for each set of inputs (made as needed).
    """
    waiting: collections.deque[tuple[int, concurrent.futures.Future[list[Outcome]]]] = collections.deque()
    count = 0  # documents waiting
    writers = {} if writers is None else writers
    held: list[tuple[_T, _Made]] = []  # made, not yet handed to a thread
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


def _claim(made: list[tuple[_T, _Made]], claimed: set[Path]) -> list[tuple[_T, _Made]]:
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
    return [make_job(job) for job in (_inherited[chunk.start : chunk.stop] if isinstance(chunk, range) else chunk)]


def _made_by(
    pool: concurrent.futures.Executor, chunks: Sequence[range | Sequence[Job]], jobs: Sequence[Job], ahead: int
) -> Iterator[list[tuple[Job, _Made]]]:
    """Yield each chunk's jobs with what the pool made of them, in order, `ahead` chunks in hand at most."""
    def of(chunk: range | Sequence[Job]) -> Sequence[Job]:
        return jobs[chunk.start : chunk.stop] if isinstance(chunk, range) else chunk

    def lost(chunk: range | Sequence[Job]) -> list[_Made]:  # a worker died: its documents fail, not the batch
        return [_failed(job, lost_in_worker(job.path)) for job in of(chunk)]

    for chunk, made in in_order(pool, _make_chunk, chunks, ahead, lost):
        yield list(zip(of(chunk), made, strict=True))


_C = TypeVar("_C")
_R = TypeVar("_R")


def in_order(
    pool: concurrent.futures.Executor, work: Callable[[_C], list[_R]], chunks: Iterable[_C], ahead: int,
    lost: Callable[[_C], list[_R]],
) -> Iterator[tuple[_C, list[_R]]]:
    """
    Hand the pool its first `ahead` chunks now, and return an iterator of each chunk with what
    `work` made of it, in order, handing the pool another chunk for each one taken; a chunk whose
    worker process died (killed, out of memory) gets what `lost` makes of it.
    """
    remaining = iter(chunks)

    def submit(chunk: _C) -> concurrent.futures.Future[list[_R]] | None:
        try:
            return pool.submit(work, chunk)
        except BrokenProcessPool:  # the pool can take no more
            return None

    pending = collections.deque((c, submit(c)) for c in itertools.islice(remaining, ahead))

    def collected() -> Iterator[tuple[_C, list[_R]]]:
        while pending:
            chunk, future = pending.popleft()
            try:
                if future is None:
                    raise BrokenProcessPool
                results = future.result()
            except BrokenProcessPool:
                results = lost(chunk)
            following = next(remaining, None)
            if following is not None:
                pending.append((following, submit(following)))
            yield chunk, results

    return collected()


def lost_in_worker(path: Path) -> InternalError:
    return InternalError(path, "the process making this document stopped suddenly (out of memory, or killed?), "
                               "and with it the batch's worker processes; nothing was written for it")


def run_jobs(jobs: Sequence[Job], *, processes: int | None = None) -> Iterator[Outcome]:
    """
    Yield the outcome of each job, in the order given, using `processes` worker processes
    (default: one per core; 1 renders here, without workers). Worker processes make the
    documents; this process writes them, in threads, a group at a time as they come.
    """
    workers = processes or os.cpu_count() or 1
    if workers == 1 or len(jobs) < 2:  # one job is not worth a worker
        with writer_threads(1) as threads:
            yield from write_in_order(([(job, make_job(job))] for job in jobs), threads)
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
    with pool, writer_threads(WRITERS) as threads:
        try:
            yield from write_in_order(_made_by(pool, chunks, jobs, ahead=workers * 4), threads)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


#: Threads writing the documents worker processes make (several wait on the disk at once).
WRITERS = 2


def writer_threads(count: int) -> concurrent.futures.ThreadPoolExecutor:
    """Return the threads that write documents made by worker processes."""
    return concurrent.futures.ThreadPoolExecutor(count, thread_name_prefix="equality-docs-write")
