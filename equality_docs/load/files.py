"""
Reading input files safely: only regular files, and never more than a limit.

A plan, a progress file or a template could name a pipe, a device or `/dev/zero`; its size on
the disk could change while it is read, and a file in `/proc` says it is empty. So the file is
opened without waiting (a pipe with no writer never blocks), refused unless it is a regular
file, and read up to one byte past its limit: the limit is counted on what is read, not
taken from the size the file system reports.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: Largest input file read (a plan, a progress file, a template), in bytes.
MAX_FILE_BYTES = 20 * 1024 * 1024

_CHUNK = 1 << 20


class FileRefused(Exception):
    """A file that is not read: not a regular file, too large, or not readable. `message` says which."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _not_regular(mode: int) -> FileRefused:
    return FileRefused(
        f"this is {_kind(mode)}, not a file, so it is not read",
        hint="name a plan, progress or template file saved on the disk",
    )


def open_regular(path: Path) -> int:
    """
    Open a regular file for reading without ever blocking; return its descriptor.

    Raises:
        FileRefused: the path is not a regular file, or cannot be opened.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):  # refused before it is opened: opening a device can act on it
            raise _not_regular(mode)
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
        handle = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError:  # a name holding a NUL character
        raise FileRefused("cannot read the file: its name holds a NUL character, which no name can") from None
    try:
        mode = os.fstat(handle).st_mode
    except OSError as exc:
        os.close(handle)
        raise FileRefused(f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):  # replaced by something else between the two looks
        os.close(handle)
        raise _not_regular(mode)
    return handle


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """
    Return the bytes of a regular file of at most `limit` bytes, reading at most `limit + 1`.

    Raises:
        FileRefused: the path is not a regular file, cannot be read, or holds more than `limit` bytes.
    """
    handle = open_regular(path)
    try:
        size = os.fstat(handle).st_size
        if size > limit:
            raise FileRefused(f"the file is {size:,} bytes, more than the {limit:,} read")
        chunks: list[bytes] = []
        count = 0
        while count <= limit:
            chunk = os.read(handle, min(_CHUNK, limit + 1 - count))
            if not chunk:
                break
            chunks.append(chunk)
            count += len(chunk)
    except OSError as exc:
        raise FileRefused(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(handle)
    if count > limit:  # it grew while read, or says it is smaller than it is (/proc)
        raise FileRefused(f"the file holds more than the {limit:,} bytes read")
    return b"".join(chunks)


def check_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    """
    Check that a path is a regular file of at most `limit` bytes (for a file another library reads).

    Raises:
        FileRefused: it is not a regular file, cannot be opened, or is larger than `limit`.
    """
    handle = open_regular(path)
    try:
        size = os.fstat(handle).st_size
    finally:
        os.close(handle)
    if size > limit:
        raise FileRefused(f"the file is {size:,} bytes, more than the {limit:,} read")
