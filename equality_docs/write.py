"""
Write documents safely: fully rendered in memory, written to a temporary file beside the target,
then moved into place, so a failure never leaves a partial file or harms an earlier one.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
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


def resolved(paths: Iterable[Path]) -> frozenset[Path]:
    """Return the paths resolved (links followed), to compare with a target: see `write_file`."""
    found = set()
    for source in paths:
        with contextlib.suppress(OSError):
            found.add(Path(source).resolve())
    return frozenset(found)


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
    write_file(data, path, inputs=resolved(inputs), replace=replace)


def write_file(data: bytes, path: Path, *, inputs: frozenset[Path], replace: bool = False) -> None:
    """
    Write bytes to a file atomically, as `write_output` does, given its inputs already
    `resolved` (a batch resolves them once, not for each of its documents).

    Raises:
        OutputError: the path is an input, exists without `replace`, or cannot be written.
    """
    target = path.resolve()
    if target in inputs:
        raise OutputError(path, "this is an input file; it is never overwritten")
    if path.exists() and not replace:
        raise OutputError(
            path, "the file exists already; use --force to replace it, or choose another --out"
        )
    folder = target.parent
    _remove_abandoned(folder)
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".~{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # on the open temporary path, before replacing
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise OutputError(path, f"cannot write the file: {exc.strerror or exc}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()


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
