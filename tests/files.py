"""Files shaped like the ones people upload, and like the ones attackers send, made in
the tests (nothing here is read from disk)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from functools import cache

_MIB = 1024 * 1024


@cache
def deflated_zeros(mebibytes: int) -> bytes:
    """A raw deflate stream that inflates to ``mebibytes`` MiB of zero bytes, about a
    thousandth of that size: one MiB compressed with its history flushed, repeated
    (each copy stands alone), then the empty final block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    one = compressor.compress(b"\0" * _MIB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return one * mebibytes + b"\x03\x00"


def _raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written field by field, so that its directory can say anything:
    entries of (name, stored bytes, method, CRC, declared size)."""
    out, directory = bytearray(), bytearray()
    for name, stored, method, crc, declared in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(stored), declared,
                           len(encoded), 0) + encoded + stored
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(stored),
                                 declared, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(out), 0)
    return bytes(out + directory + end)


def _deflated_entry(name: str, data: bytes) -> tuple[str, bytes, int, int, int]:
    """An honest entry for _raw_zip (deflated: files over 500 KB would make the test
    client spool the request to a temporary file that it never closes)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return name, compressor.compress(data) + compressor.flush(), zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data)


def with_lying_part(archive: bytes, part: str, mebibytes: int, declared: int = 100) -> bytes:
    """``archive`` (a .docx, say) with ``part`` replaced by a stream of ``mebibytes``
    MiB of zeros whose directory entry says it holds ``declared`` bytes, with the
    checksum of that many zeros: ``zipfile.read()`` inflates the whole stream, then
    cuts it to the declared size, finds the checksum right and hands over the bytes."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        for info in source.infolist():
            if info.filename == part:
                entries.append((part, deflated_zeros(mebibytes), zipfile.ZIP_DEFLATED,
                                zlib.crc32(b"\0" * declared), declared))
            else:
                entries.append(_deflated_entry(info.filename, source.read(info.filename)))
    assert part in {entry[0] for entry in entries}, part
    return _raw_zip(entries)


def with_part_twice(archive: bytes, part: str) -> bytes:
    """``archive`` with a second, different copy of ``part`` at its end."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        entries = [_deflated_entry(info.filename, source.read(info.filename)) for info in source.infolist()]
        entries.append(_deflated_entry(part, source.read(part) + b"<!-- the other one -->"))
    return _raw_zip(entries)


def with_part_method(archive: bytes, part: str, method: int) -> bytes:
    """``archive`` with ``part`` said to be compressed by ``method`` (bzip2 is 12, LZMA 14)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        entries = [_deflated_entry(info.filename, source.read(info.filename)) for info in source.infolist()]
    return _raw_zip([(name, data, method if name == part else kind, crc, size) for name, data, kind, crc, size in entries])
