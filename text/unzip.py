"""One part of a zip archive (a .docx is one), unpacked only when the archive's directory shows no zip bomb, and
never beyond the size the directory gave it."""

from __future__ import annotations

import io
import zipfile

from text.limits import MAX_MEMBER_UNPACKED, MAX_MEMBERS, MAX_RATIO, MAX_UNPACKED, MB, RATIO_FROM, FileRefused

_CHUNK = 1 * MB
_DIRECTORY_ENTRY = b"PK\x01\x02"  # the signature of each entry in the archive's central directory
DAMAGED = "Cannot open this file as a Word document (.docx); it may be damaged, or another format renamed"
LIMITS = (
    f"a .docx that unpacks to at most {MAX_UNPACKED // MB} MB in at most {MAX_MEMBERS:,} parts, "
    f"none packed more than {MAX_RATIO}:1"
)


def read_member(content: bytes, member: str) -> bytes:
    """The unpacked bytes of `member`. FileRefused when the archive is damaged, lacks `member`, or could unpack to
    more than the limits allow (checked for every part before any is unpacked)."""
    # Counted before zipfile builds an object per entry: an upload of 20 MB could hold 200,000 empty ones.
    if content.count(_DIRECTORY_ENTRY) > MAX_MEMBERS:
        raise FileRefused(f"This file has more than {MAX_MEMBERS:,} parts", LIMITS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        _check_directory(archive.infolist())
        info = archive.getinfo(member)
        with archive.open(info) as stream:
            data = _read_capped(stream, info.file_size)
    # zipfile raises NotImplementedError for a compression method it does not know, RuntimeError for encryption.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, NotImplementedError, RuntimeError, EOFError) as exc:
        raise FileRefused(DAMAGED, LIMITS) from exc
    return data


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise FileRefused(f"This file has more than {MAX_MEMBERS:,} parts", LIMITS)
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise FileRefused(f"This file unpacks to more than {MAX_UNPACKED // MB} MB", LIMITS)
    for info in infos:
        if info.file_size > MAX_MEMBER_UNPACKED:
            raise FileRefused(f"A part of this file unpacks to more than {MAX_MEMBER_UNPACKED // MB} MB", LIMITS)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FileRefused(
                f"A part of this file is packed {info.file_size // max(info.compress_size, 1):,} to 1, "
                "as zip bombs are",
                LIMITS,
            )


def _read_capped(stream: zipfile.ZipExtFile, declared: int) -> bytes:
    """At most `declared` bytes, inflated a chunk at a time. zipfile's own read() inflates the whole compressed
    stream in one call before cutting it to the declared size: a directory that understates a part's size would
    let a 300 KB file take 600 MB."""
    out = io.BytesIO()
    while chunk := stream.read(min(_CHUNK, declared - out.tell() + 1)):  # inflates no more than asked
        if out.tell() + len(chunk) > declared:
            raise FileRefused("A part of this file unpacks to more than its directory says", LIMITS)
        out.write(chunk)
    return out.getvalue()
