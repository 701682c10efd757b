"""
A batch of input files, as the command line renders it: each worker process takes whole files
(read, load, check, make each document, check each Word document), handed out a few at a time;
this process sends only the files' paths, and gets back each file's findings, error, the files
it read and its documents, which it writes in order, in groups, in threads (see `running`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import functools
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from equality_docs.batch import Settings, read_plan
from equality_docs.check import Finding
from equality_docs.errors import EqualityDocsError
from equality_docs.output.write import Writer, prepare_folder
from equality_docs.renderers.templates import template_files
from equality_docs.running import (
    WRITERS,
    Outcome,
    Placed,
    in_order,
    lost_in_worker,
    make_job,
    write_in_order,
    writer_threads,
)

#: A document made from a file: where it goes (relative to nothing: the path a job was given), and
#: its bytes with its accessibility problems, or the failure that stopped it.
Document = tuple[Path, tuple[bytes, int] | Outcome]


@attrs.frozen(kw_only=True)
class FileDone:
    """What became of one input file: its findings, its error, the files read, and its documents made."""

    file: Path
    findings: tuple[Finding, ...] = ()
    error: EqualityDocsError | None = None
    read: tuple[Path, ...] = ()
    count: int = 0  # documents it has
    documents: Iterable[Document] = ()  # (in this process, made as they are taken)


@attrs.frozen(kw_only=True)
class Reading:
    """How each file of a batch is read: shared by every file, sent to each worker once."""

    settings: Settings
    on: dt.date
    strict: bool = False
    schools: bool = False


def do_file(file: Path, reading: Reading, *, lazy: bool = False) -> FileDone:
    """
    Return what becomes of one input file: read, checked, each document made; with `lazy`, its
    documents are made as they are taken (so a stop keeps those made before it).
    """
    planned = read_plan(file, reading.settings, on=reading.on, strict=reading.strict, schools=reading.schools)
    made = ((job.path, make_job(job)) for job in planned.jobs)
    return FileDone(file=file, findings=planned.findings, error=planned.error, read=planned.read,
                    count=len(planned.jobs), documents=made if lazy else tuple(made))


def lost(file: Path, reading: Reading) -> FileDone:
    """
    Return a file whose worker process died: read again here for its findings and its
    documents' paths, each document failing as lost (it is not made again: it may kill again).
    """
    planned = read_plan(file, reading.settings, on=reading.on, strict=reading.strict, schools=reading.schools)
    documents = tuple((job.path, Outcome(path=job.path, error=lost_in_worker(job.path))) for job in planned.jobs)
    return FileDone(file=file, findings=planned.findings, error=planned.error, read=planned.read,
                    count=len(planned.jobs), documents=documents)


#: In a worker process: how it reads files, and (forked) the files.
_reading: Reading | None = None
_files: Sequence[Path] = ()


def _start(reading: Reading, files: Sequence[Path]) -> None:
    global _reading, _files  # set once, as the worker starts
    _reading, _files = reading, files
    gc.freeze()  # what the worker inherited lives as long as it does


def _do_chunk(chunk: range | Sequence[Path]) -> list[FileDone]:
    """Do some files in a worker process: the files given, or (a range) some it inherited."""
    assert _reading is not None  # noqa: S101  # set as the worker started
    files = _files[chunk.start : chunk.stop] if isinstance(chunk, range) else chunk
    return [do_file(file, _reading) for file in files]


def done_files(files: Sequence[Path], reading: Reading, *, processes: int | None = None) -> Iterator[FileDone]:
    """
    Yield what becomes of each file, in the order given, made by `processes` worker processes
    (default: one per core; 1 makes them here, each document as it is taken).
    """
    workers = processes or os.cpu_count() or 1
    if workers == 1 or len(files) < 2:
        for file in files:
            yield do_file(file, reading, lazy=True)
        return
    first: list[FileDone] = []
    chunks: Sequence[range | Sequence[Path]]
    if sys.platform == "linux" and threading.active_count() == 1:  # forked workers inherit the files
        # and what is prepared here: the first file is done here, before they are forked, so
        # that each starts with the templates, converters and checks made ready for it.
        _warm(reading.settings)
        first, files = [do_file(files[0], reading)], files[1:]
        size = max(1, min(8, len(files) // (workers * 4)))
        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"),
            initializer=_start, initargs=(reading, files),
        )
        chunks = [range(i, min(i + size, len(files))) for i in range(0, len(files), size)]
    else:
        size = max(1, min(8, len(files) // (workers * 4)))
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(reading, ()))
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with pool:
        try:
            ordered = _in_order(pool, chunks, files, reading, ahead=workers * 4)  # (the workers started)
            yield from first
            yield from ordered
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _warm(settings: Settings) -> None:
    """
    Prepare here, once, what each forked worker would otherwise prepare for itself: the Word
    renderer, and the built-in Word template of each kind asked for by name (a template of the
    user's own is prepared by the workers, each document reporting its errors).
    """
    if "docx" not in settings.formats or settings.templates:
        return
    from equality_docs.kinds import get_kind
    from equality_docs.renderers import docx
    from equality_docs.renderers.templates import find_template

    for name in settings.kinds:
        with contextlib.suppress(EqualityDocsError):  # (each document reports it, as without this)
            docx.prepare(find_template(get_kind(name).template_name("docx"), "docx", ()))


def _in_order(
    pool: concurrent.futures.Executor, chunks: Sequence[range | Sequence[Path]], files: Sequence[Path],
    reading: Reading, ahead: int,
) -> Iterator[FileDone]:
    """Hand the first `ahead` chunks to the pool now; return their files done, in order, `ahead` chunks in hand."""
    def lost_chunk(chunk: range | Sequence[Path]) -> list[FileDone]:  # a worker died: its files' documents fail
        return [lost(file, reading) for file in (files[chunk.start : chunk.stop] if isinstance(chunk, range) else chunk)]

    done = in_order(pool, _do_chunk, chunks, ahead, lost_chunk)
    return (file for _, files_done in done for file in files_done)


@attrs.define
class Tally:
    """What a batch of files came to, for its summary, filled in as the files are done."""

    checked: list[tuple[Path, tuple[Finding, ...]]] = attrs.Factory(list)
    failures: list[tuple[Path | None, EqualityDocsError]] = attrs.Factory(list)
    empty: list[Path] = attrs.Factory(list)
    owned: bool | None = None  # None: the output folder not claimed (nothing to write)


def render_files(
    files: Sequence[Path], reading: Reading, tally: Tally, *, processes: int | None = None,
    on_file: Callable[[FileDone], None] = lambda done: None,
) -> Iterator[Outcome]:
    """
    Yield the outcome of each document of the files, in order, as it is written; fill `tally`
    with each file's findings (of files read, or refused by --strict), failures and emptiness,
    calling `on_file` with each file as it is done. The output folder is claimed (created) with
    the first document to write.

    Raises:
        OutputError: the output folder cannot be created.
    """
    settings = reading.settings
    protected = tuple(dict.fromkeys((*settings.inputs, *template_files(settings.templates))))
    writer = Writer(protected)  # one for the batch, told of each progress file as its plan is read
    placed = _placed(files, reading, tally, (protected, writer), processes, on_file)
    with writer_threads(WRITERS) as threads:
        yield from write_in_order(placed, threads, writers={protected: writer})


def _placed(
    files: Sequence[Path], reading: Reading, tally: Tally, writing: tuple[tuple[Path, ...], Writer],
    processes: int | None, on_file: Callable[[FileDone], None],
) -> Iterator[list[tuple[Placed, tuple[bytes, int] | Outcome]]]:
    """
    Yield each document made with where it goes, in order. A document that would replace a file
    waits until every file is read: until then, another plan's progress file may be that file.
    """
    settings = reading.settings
    inputs, writer = writing
    held: list[Document] = []
    place = functools.partial(Placed, replace=settings.replace)
    every = done_files(files, reading, processes=processes)
    for number, done in enumerate(every, start=1):
        _tally(done, tally)
        on_file(done)
        writer.protect(done.read)  # before any document of it is written
        for path, made in done.documents:
            if tally.owned is None:
                tally.owned = prepare_folder(settings.out)
                place = functools.partial(Placed, replace=settings.replace or tally.owned)
            if held or (number < len(files) and os.path.lexists(path)):
                held.append((path, made))
                continue
            yield [(place(path=path, inputs=inputs), made)]
    for path, made in held:
        yield [(place(path=path, inputs=inputs), made)]


def _tally(done: FileDone, tally: Tally) -> None:
    from equality_docs.errors import CheckError

    if done.error is None or isinstance(done.error, CheckError):
        tally.checked.append((done.file, done.findings))
    if done.error is not None:
        tally.failures.append((None, done.error))
    elif not done.count:
        tally.empty.append(done.file)


__all__ = ["Document", "FileDone", "Reading", "Tally", "do_file", "done_files", "lost", "render_files"]
