"""
Writing a Word package (a zip) from entries, each deflated once and placed in many packages.

The bytes are those `zipfile` writes for the same entries (deflated, fixed times, no ZIP64); a
test holds them equal. Inputs are limited far below ZIP64's sizes.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable

import attrs

#: The time stamped on every zip entry, so output does not depend on the clock.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_LEVEL = 3  #: zlib's level 3: a document's XML deflates in a third of the default level's time, a tenth larger
_END = struct.Struct("<4s4H2LH")


class TooLarge(ValueError):
    """The package would need ZIP64, which this writer does not do."""


@attrs.frozen
class Entry:
    """One deflated zip entry: its local header and data, its central record up to the offset, its name."""

    name: str
    local: bytes
    central: bytes
    filename: bytes

    @classmethod
    def of(cls, name: str, data: bytes) -> Entry:
        """Return the entry holding `data` under `name`, deflated as `zipfile` deflates at `ZIP_LEVEL`."""
        return cls.written(name, lambda write: write(data))

    @classmethod
    def written(cls, name: str, writer: Callable[[Callable[[bytes], object]], object]) -> Entry:
        """Return the entry holding the bytes `writer` hands, piece by piece, to the function it is
        given: each piece deflated as it comes, so the whole is never held (the same bytes as `of`)."""
        compressor = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
        pieces: list[bytes] = []
        crc = size = 0

        def write(data: bytes) -> None:
            nonlocal crc, size
            crc, size = zlib.crc32(data, crc), size + len(data)
            pieces.append(compressor.compress(data))

        writer(write)
        compressed = b"".join([*pieces, compressor.flush()])
        if size > zipfile.ZIP64_LIMIT / 1.05 or len(compressed) > zipfile.ZIP64_LIMIT:
            raise TooLarge(name)
        info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
        info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o600 << 16  # zipfile's defaults
        info.CRC, info.compress_size, info.file_size = crc, len(compressed), size
        local = info.FileHeader(False)
        # The central record repeats the local header's fields from the version needed to the name's length.
        central = struct.pack("<4s2B", b"PK\001\002", info.create_version, info.create_system) + local[4:28]
        central += struct.pack("<4HL", 0, 0, 0, info.internal_attr, info.external_attr)  # no extra or comment
        return cls(name, local + compressed, central, local[30:])


def assemble(entries: Iterable[Entry]) -> bytes:
    """Return the zip of the entries, in order: the bytes `zipfile` would write for them."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for entry in entries:
        chunks.append(entry.local)
        directory.append(entry.central + struct.pack("<L", offset) + entry.filename)
        offset += len(entry.local)
    count, size = len(directory), sum(map(len, directory))
    if offset > zipfile.ZIP64_LIMIT or count > zipfile.ZIP_FILECOUNT_LIMIT:
        raise TooLarge("the package")
    return b"".join((*chunks, *directory, _END.pack(b"PK\005\006", 0, 0, count, count, size, offset, 0)))


__all__ = ["ZIP_LEVEL", "ZIP_TIME", "Entry", "TooLarge", "assemble"]
