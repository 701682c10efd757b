"""
Writing a Word package (a zip) from entries, some compressed once and reused for many documents.

The bytes are those `zipfile` writes for the same entries (deflated, fixed times, no ZIP64), so a
package assembled here equals one written by python-docx through `zipfile`; a test holds them
equal. Documents bigger than ZIP64's limits never reach here: inputs are limited far below it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable

import attrs

#: The time stamped on every zip entry, so output does not depend on the clock.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: Entry permissions: read and write for the owner, as `zipfile` gives by default.
EXTERNAL_ATTR = 0o600 << 16
#: Beyond this an entry or an offset would need ZIP64.
_LIMIT = zipfile.ZIP64_LIMIT
#: The central directory record and the end record, as the zip format (APPNOTE 4.3.12, 4.3.16)
#: lays them out and `zipfile` writes them.
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_CENTRAL_SIGNATURE = b"PK\001\002"
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\005\006"
#: The flag saying an entry's name is UTF-8.
_UTF8_NAME = 0x800


class TooLarge(ValueError):
    """The package would need ZIP64, which this writer does not do."""


def _info(name: str, crc: int, compressed_size: int, size: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = EXTERNAL_ATTR
    info.CRC = crc
    info.compress_size = compressed_size
    info.file_size = size
    return info


@attrs.frozen
class Entry:
    """One deflated zip entry, ready to be placed at any offset of a package."""

    name: str
    local: bytes  # the local header and the compressed data
    central: bytes  # the central directory record up to its offset field
    filename: bytes  # the name as stored

    @classmethod
    def of(cls, name: str, data: bytes) -> Entry:
        """Return the entry holding `data` under `name`, deflated as `zipfile` deflates."""
        sink = Deflater(name)
        sink.write(data)
        return sink.entry()


class Deflater:
    """
    A file to write an entry's data into, deflated as it comes, so long data is never held
    whole. Deflate's output does not depend on how its input is divided.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        self._chunks: list[bytes] = []
        self._crc = 0
        self._size = 0

    def write(self, data: bytes) -> int:
        """Take the next data (the file protocol)."""
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        self._chunks.append(self._compressor.compress(data))
        return len(data)

    def entry(self) -> Entry:
        """Return the entry of everything written."""
        compressed = b"".join(self._chunks) + self._compressor.flush()
        name, size = self.name, self._size
        if size > _LIMIT / 1.05 or len(compressed) > _LIMIT:
            raise TooLarge(name)
        info = _info(name, self._crc, len(compressed), size)
        try:  # as zipfile encodes names: ASCII if it can, else UTF-8 with the flag
            filename, flags = name.encode("ascii"), info.flag_bits
        except UnicodeEncodeError:
            filename, flags = name.encode("utf-8"), info.flag_bits | _UTF8_NAME
        local = info.FileHeader(False) + compressed
        dostime = ZIP_TIME[3] << 11 | ZIP_TIME[4] << 5 | (ZIP_TIME[5] // 2)
        dosdate = (ZIP_TIME[0] - 1980) << 9 | ZIP_TIME[1] << 5 | ZIP_TIME[2]
        central = _CENTRAL.pack(
            _CENTRAL_SIGNATURE, info.create_version,
            info.create_system, info.extract_version, info.reserved, flags, info.compress_type,
            dostime, dosdate, info.CRC, info.compress_size, info.file_size, len(filename), 0, 0,
            0, info.internal_attr, info.external_attr, 0,
        )[:-4]
        return Entry(name=name, local=local, central=central, filename=filename)


def assemble(entries: Iterable[Entry]) -> bytes:
    """Return the zip of the entries, in order: the bytes `zipfile` would write for them."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for entry in entries:
        if offset > _LIMIT:
            raise TooLarge(entry.name)
        chunks.append(entry.local)
        directory.append(entry.central + struct.pack("<L", offset) + entry.filename)
        offset += len(entry.local)
    size = sum(len(record) for record in directory)
    if offset > _LIMIT or size > _LIMIT or len(directory) > zipfile.ZIP_FILECOUNT_LIMIT:
        raise TooLarge("the central directory")
    end = _END.pack(_END_SIGNATURE, 0, 0, len(directory), len(directory), size, offset, 0)
    return b"".join(chunks) + b"".join(directory) + end


__all__ = ["ZIP_TIME", "Deflater", "Entry", "TooLarge", "assemble"]
