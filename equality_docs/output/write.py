"""
Write documents safely: fully rendered in memory, written to a temporary file beside the target,
put on the disk, then moved into place, so a failure never leaves a partial file or harms an
earlier one. A batch writes its documents in groups, put on the disk together.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import cast

from equality_docs.errors import OutputError

#: A file equality_docs puts in an output folder it created; files in such a folder are its own.
MARKER = ".equality-docs-output"


def prepare_folder(folder: Path) -> bool:
    """
    Create the output folder if needed; return whether equality_docs owns it (may replace files).

    Safe when several runs create one folder at once: the folder is made under a temporary name
    with its marker in it, then renamed into place, so it never appears without its marker; a
    run that finds it made by another owns it as well. A folder that exists without the marker
    (made by someone else) is never owned.

    Raises:
        OutputError: the folder cannot be created.
    """
    if not os.path.lexists(folder):
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            _create_marked(folder)
        except OSError as exc:
            raise OutputError(folder, f"cannot create the folder: {exc.strerror or exc}") from None
    if not folder.is_dir():
        raise OutputError(folder, "this is a file, not a folder")
    return (folder / MARKER).is_file()


def _create_marked(folder: Path) -> None:
    """Create a folder with its marker in it, at once; do nothing if something is there by then."""
    while True:
        staging = folder.parent / f".eqd-{os.getpid()}-{next(_numbers)}.dir"
        try:
            staging.mkdir()
        except FileExistsError:  # left by an earlier process of the same number
            continue
        break
    try:
        (staging / MARKER).write_text(
            "This folder was created by equality-docs, which may replace the documents in it.\n",
            encoding="utf-8",
        )
        with contextlib.suppress(FileExistsError):
            _rename_no_replace(staging, folder)
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
            raise
    finally:
        if staging.exists():
            with contextlib.suppress(OSError):
                (staging / MARKER).unlink()
                staging.rmdir()


def _rename_no_replace(source: Path, target: Path) -> None:
    """
    Rename a folder, never onto anything that is there: Linux's renameat2 with RENAME_NOREPLACE
    where it has it; elsewhere a rename, which fails onto a folder that is not empty (another
    run's, with its marker) but would take the place of an empty one made in the same instant.

    Raises:
        OSError: something is there (FileExistsError, or ENOTEMPTY), or the rename failed.
    """
    renameat2 = _renameat2()
    if renameat2 is not None:
        at_cwd, no_replace = -100, 1
        if renameat2(at_cwd, os.fsencode(source), at_cwd, os.fsencode(target), no_replace) == 0:
            return
        number = ctypes_errno()
        if number not in (errno.ENOSYS, errno.EINVAL):  # (a system or file system without it)
            raise OSError(number, os.strerror(number), str(target))
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    os.rename(source, target)


@functools.cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """Return Linux's renameat2, or None where the system has none."""
    if sys.platform != "linux":
        return None
    import ctypes  # only a new folder needs it

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return cast("Callable[[int, bytes, int, bytes, int], int]", function)


def ctypes_errno() -> int:
    """Return the error number the last call through ctypes left."""
    import ctypes

    return ctypes.get_errno()


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
        self._identities: set[tuple[int, int]] = set()  # and each one's device and number
        self._folders: dict[Path, Path] = {}  # each folder as given, resolved
        self._protected: set[Path] = set()  # the inputs protected, as given
        self.protect(inputs)

    def protect(self, inputs: Iterable[Path]) -> None:
        """Never write these files either (from now on): files read as a batch goes on."""
        for source in inputs:
            if (path := Path(source)) in self._protected:
                continue  # (a batch's files are named at its start, and again as each is read)
            with contextlib.suppress(OSError):
                self._inputs.add(self._resolved(path))
                found = os.stat(path)
                self._identities.add((found.st_dev, found.st_ino))
                self._protected.add(path)

    def _resolved(self, path: Path) -> Path:
        """Return a path resolved as `Path.resolve` resolves it, its folder resolved once."""
        if path.name in ("", ".", "..") or os.path.islink(path):
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders.setdefault(path.parent, path.parent.resolve())
        return folder / path.name

    def write(self, data: bytes, path: Path, *, replace: bool = False) -> None:
        """
        Write bytes to a file atomically (see `write_output`).

        Raises:
            OutputError: the path is an input, exists without `replace`, or cannot be written.
        """
        error = self.write_all([(data, path, replace)])[0]
        if error is not None:
            raise error

    def write_all(self, documents: Sequence[tuple[bytes, Path, bool]]) -> list[OutputError | None]:
        """
        Write several documents, each atomically as `write` does: all to temporary files first,
        then to the disk together (one flush of the file system for them all, where the system
        offers it, rather than one for each), then each moved into place. A document is never
        moved into place before it is on the disk. Each entry is (bytes, path, replace).

        Returns:
            For each document, None if it was written, or the error that stopped it (the others
            are written all the same).
        """
        errors: list[OutputError | None] = [None] * len(documents)
        made: list[tuple[int, Path, Path]] = []  # index, temporary, target
        done = 0  # of those made: moved into place, or removed
        try:
            self._write_temporaries(documents, made, errors)
            for index, temporary, target in made:
                if errors[index] is None:
                    errors[index] = _move(temporary, target, documents[index][1])
                else:
                    with contextlib.suppress(OSError):
                        temporary.unlink()
                done += 1
        finally:  # stopped part-way: what was not moved into place is removed
            for _, temporary, _ in made[done:]:
                with contextlib.suppress(OSError):
                    temporary.unlink()
        return errors

    def _write_temporaries(
        self,
        documents: Sequence[tuple[bytes, Path, bool]],
        made: list[tuple[int, Path, Path]],
        errors: list[OutputError | None],
    ) -> None:
        """
        Write each document to a temporary file and put them all on the disk, adding each
        (index, temporary, target) to `made` as it is made, and each error to `errors`.
        """
        handles: list[int] = []
        try:
            targets: set[Path] = set()
            for index, (data, path, replace) in enumerate(documents):
                try:
                    handle, temporary, target = self._begin(data, path, replace=replace)
                except OutputError as exc:
                    errors[index] = exc
                    continue
                handles.append(handle)
                made.append((index, temporary, target))
                if target in targets:  # the first stays; this one would replace it
                    errors[index] = OutputError(path, "another document here is written to this path")
                targets.add(target)
            for position, reason in _sync(handles):
                index = made[position][0]
                if errors[index] is None:
                    errors[index] = OutputError(documents[index][1], f"cannot write the file: {reason}")
        finally:
            for handle in handles:
                os.close(handle)

    def _begin(self, data: bytes, path: Path, *, replace: bool) -> tuple[int, Path, Path]:
        """
        Write a document to a new temporary file beside its path; return the file's (open)
        descriptor, its path, and the target.

        Raises:
            OutputError: the path is an input, exists without `replace`, or cannot be written.
        """
        target, exists = self._target(path)
        if exists and not replace:
            raise OutputError(
                path, "the file exists already; use --force to replace it, or choose another --out"
            )
        folder = target.parent
        _remove_abandoned(folder)
        try:
            handle, temporary = _create(folder, target.name)
        except OSError as exc:
            raise OutputError(path, f"cannot write the file: {exc.strerror or exc}") from None
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fchmod(handle, 0o644)  # whatever the umask, as a saved document is
        except BaseException as exc:  # a failed write, or a stop: nothing is left behind
            os.close(handle)
            with contextlib.suppress(OSError):
                temporary.unlink()
            if isinstance(exc, OSError):
                raise OutputError(path, f"cannot write the file: {exc.strerror or exc}") from None
            raise
        return handle, temporary, target

    def _target(self, path: Path) -> tuple[Path, bool]:
        """
        Return the path in its folder resolved (the file's own name kept: a link there is
        replaced, never what it leads to), and whether anything is there.

        Raises:
            OutputError: the path is an input (by its name, or the same file under another).
        """
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders.setdefault(path.parent, path.parent.resolve())
        target = folder / path.name
        if target in self._inputs:
            raise OutputError(path, "this is an input file; it is never overwritten")
        try:
            found = os.lstat(target)
        except OSError:  # nothing there (or nothing readable: the write reports it)
            return target, False
        if stat.S_ISREG(found.st_mode) and (found.st_dev, found.st_ino) in self._identities:
            raise OutputError(path, "this is an input file (under another name); it is never overwritten")
        return target, True


#: Temporary files this process makes are numbered, so none is named twice.
_numbers = itertools.count()


def _create(folder: Path, name: str) -> tuple[int, Path]:
    """
    Create a new temporary file in `folder` for the file `name`; return its descriptor and path.
    Its name is short, whatever the document's: a document's name may be as long as the file
    system allows.

    Raises:
        OSError: it cannot be made; ENAMETOOLONG if `name` is longer than the folder allows.
    """
    limit = _name_max(folder)
    if len(os.fsencode(name)) > limit:
        raise OSError(errno.ENAMETOOLONG, f"the file's name is longer than the {limit} bytes this folder allows")
    while True:
        temporary = folder / f".eqd-{os.getpid()}-{next(_numbers)}.tmp"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), temporary
        except FileExistsError:  # left by an earlier process of the same number
            continue


def _name_max(folder: Path) -> int:
    """Return the longest file name, in bytes, a folder's file system takes (255 if it will not say)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


#: Folders this process has swept of abandoned temporary files (one listing per folder, not per file).
_swept: set[Path] = set()
_TEMPORARY = re.compile(r"\.eqd-(?P<pid>[0-9]+)-[0-9]+\.tmp\Z|\.~.+\.(?P<old>[0-9]+)\.[^.]+\.tmp\Z", re.DOTALL)


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
            pid = int(found["pid"] or found["old"])  # (the second: as earlier versions named them)
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


def _move(temporary: Path, target: Path, path: Path) -> OutputError | None:
    """Move a temporary file into place; return the error that stopped it (the temporary then removed)."""
    try:
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return OutputError(path, f"cannot write the file: {exc.strerror or exc}")
    return None


def _sync(handles: Sequence[int]) -> list[tuple[int, str]]:
    """
    Put the files open on `handles` on the disk; return (position, reason) for each that
    could not be. Several files are flushed with their file system (Linux's syncfs), once
    for each file system they are on: one flush costs about what one file's fsync does. It
    also writes what other programs have left unwritten there, so it waits for them too:
    where much waits (`_little_waiting`), each file is synced on its own.
    """
    if len(handles) > 1 and (syncfs := _syncfs()) is not None and _little_waiting():
        systems: dict[int, int] = {}
        with contextlib.suppress(OSError):
            for handle in handles:
                systems.setdefault(os.fstat(handle).st_dev, handle)
            if systems and all(syncfs(handle) == 0 for handle in systems.values()):
                return []
        # A file system that could not be flushed whole: each file on its own, to say which failed.
    failed = []
    for position, handle in enumerate(handles):
        try:
            os.fsync(handle)
        except OSError as exc:
            failed.append((position, exc.strerror or str(exc)))
    return failed


#: The system's memory, with how much data waits to be written (Linux).
_MEMINFO = "/proc/meminfo"
#: A file system is flushed whole only while no more than this waits to be written, in all.
_LITTLE = 32 * 2**20


def _little_waiting() -> bool:
    """
    Whether little data waits to be written on the whole system (another program writing a
    large file leaves much): then a file system's flush is quick. Its flush waits for all
    of it, where each file's own sync would not.
    """
    try:
        with open(_MEMINFO, "rb") as info:
            text = info.read()
        waiting = 0
        for name in (b"\nDirty:", b"\nWriteback:"):
            at = text.index(name) + len(name)
            waiting += int(text[at : text.index(b"kB", at)]) * 1024
    except (OSError, ValueError):  # not known: each file is synced on its own
        return False
    return waiting <= _LITTLE


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Return Linux's syncfs, or None where the system has none."""
    if sys.platform != "linux":
        return None
    import ctypes  # only a batch needs it

    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes = [ctypes.c_int]
    syncfs.restype = ctypes.c_int
    return cast("Callable[[int], int]", syncfs)


def remove_if_empty(folder: Path) -> None:
    """Remove a folder equality_docs created if nothing but its marker is in it."""
    with contextlib.suppress(OSError):
        if [p.name for p in folder.iterdir()] == [MARKER]:
            (folder / MARKER).unlink()
            folder.rmdir()
