"""
Write documents safely: fully rendered in memory, written to a temporary file beside the target,
then moved into place, so a failure never leaves a partial file or harms an earlier one.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from equality_docs.errors import OutputError

#: A file equality_docs puts in an output folder it created; files in such a folder are its own.
MARKER = ".equality-docs-output"


def prepare_folder(folder: Path) -> bool:
    """
    Create the output folder if needed; return whether equality_docs owns it (may replace files).

    Raises:
        OutputError: the folder cannot be created.
    """
    try:
        if not folder.exists():
            folder.mkdir(parents=True)
            (folder / MARKER).write_text(
                "This folder was created by equality-docs, which may replace the documents in it.\n",
                encoding="utf-8",
            )
            return True
    except OSError as exc:
        raise OutputError(folder, f"cannot create the folder: {exc.strerror}") from None
    if not folder.is_dir():
        raise OutputError(folder, "this is a file, not a folder")
    return (folder / MARKER).is_file()


def write_output(
    data: bytes, path: Path, *, inputs: Iterable[Path] = (), replace: bool = False
) -> None:
    """
    Write bytes to a file atomically.

    Args:
        data: the whole document.
        path: where to write it.
        inputs: the files the document was made from; never overwritten.
        replace: whether an existing file may be replaced.

    Raises:
        OutputError: the path is an input, exists without `replace`, or cannot be written.
    """
    Writer(inputs).write(data, path, replace=replace)


class Writer:
    """
    Writes documents as `write_output` does, for a batch: it resolves the inputs, and each
    folder, once (they do not change while a batch runs), and makes each file with as few calls
    to the system as it can. Several threads may write at once.
    """

    def __init__(self, inputs: Iterable[Path] = ()) -> None:
        self._inputs: set[Path] = set()  # resolved (links followed), to compare with each target
        for source in inputs:
            with contextlib.suppress(OSError):
                self._inputs.add(Path(source).resolve())
        self._folders: dict[Path, Path] = {}

    def write(self, data: bytes, path: Path, *, replace: bool = False) -> None:
        """
        Write bytes to a file atomically (see `write_output`).

        Raises:
            OutputError: the path is an input, exists without `replace`, or cannot be written.
        """
        target, exists = self._target(path)
        if target in self._inputs:
            raise OutputError(path, "this is an input file; it is never overwritten")
        if exists and not replace:
            raise OutputError(
                path, "the file exists already; use --force to replace it, or choose another --out"
            )
        folder = target.parent
        _remove_abandoned(folder)
        temporary: Path | None = None
        try:
            handle, temporary = _create(folder, target.name)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view) :]
                os.fchmod(handle, 0o644)  # whatever the umask, as a saved document is
                os.fsync(handle)
            finally:
                os.close(handle)
            os.replace(temporary, target)
            temporary = None
        except OSError as exc:
            raise OutputError(path, f"cannot write the file: {exc.strerror or exc}") from None
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    temporary.unlink()

    def _target(self, path: Path) -> tuple[Path, bool]:
        """Return the path resolved (as `Path.resolve` does), and whether a file is there."""
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders.setdefault(path.parent, path.parent.resolve())
        target = folder / path.name
        try:
            mode = os.lstat(target).st_mode
        except OSError:  # nothing there (or nothing readable: the write reports it)
            return target, False
        if stat.S_ISLNK(mode):  # a link: where it leads
            return target.resolve(), path.exists()
        return target, True


#: Temporary files this process makes are numbered, so none is named twice.
_numbers = itertools.count()


def _create(folder: Path, name: str) -> tuple[int, Path]:
    """Create a new temporary file beside `name` in `folder`; return its descriptor and path."""
    while True:
        temporary = folder / f".~{name}.{os.getpid()}.{next(_numbers)}.tmp"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), temporary
        except FileExistsError:  # left by an earlier process of the same number
            continue


#: Folders this process has swept of abandoned temporary files (one listing per folder, not per file).
_swept: set[Path] = set()
_TEMPORARY = re.compile(r"\.~(?P<name>.+)\.(?P<pid>[0-9]+)\.[^.]+\.tmp\Z", re.DOTALL)


def _remove_abandoned(folder: Path) -> None:
    """
    Remove the temporary files that killed writers left in a folder (their processes are gone).
    Each process sweeps a folder once: a batch writes thousands of documents into one folder.
    """
    if folder in _swept:
        return
    _swept.add(folder)
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            found = _TEMPORARY.match(entry.name)
            if found is None:
                continue
            pid = int(found["pid"])
            if pid != os.getpid() and not _running(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_if_empty(folder: Path) -> None:
    """Remove a folder equality_docs created if nothing but its marker is in it."""
    with contextlib.suppress(OSError):
        if [p.name for p in folder.iterdir()] == [MARKER]:
            (folder / MARKER).unlink()
            folder.rmdir()
