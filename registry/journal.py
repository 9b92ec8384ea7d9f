"""The journal beside the registry file, `<registry>.audit-<epoch>.jsonl`: the write-ahead log of every commit.

Each commit is one line, appended and fsynced under the registry's lock: `{"crc": n, "commit": {...}}` where the
commit holds the transaction's audit events (`audit`), the documents it wrote or removed (`set`, a removed one as
null), the tables it replaced whole (`tables`) and the registry's counters (`meta`); `crc` is the CRC-32 of the
commit's bytes exactly as they stand in the line. A line counts only when it is whole: newline-terminated and its
checksum right. A torn or garbage last line (a writer killed mid-append) is dropped, and cut away by the next append;
a bad line with whole lines after it is damage from outside, and the registry refuses to guess past it.

The registry file is a checkpoint: its schema record names the epoch (which journal) and the byte offset up to which
its tables already hold the journal's changes. Opening the registry reads the checkpoint and replays the lines after
that offset. The audit events stay in the journal for good (history and the exports read every line); rewriting
them (personal data deleted at the retention purge) writes a whole new epoch, audit events only, with a checkpoint
that points past its end.

A new journal file needs no folder fsync of its own: it lives in the registry file's folder, which is fsynced after
the checkpoint naming it is renamed into place.

A registry without a file (path None) keeps its journal in memory, with the same rules.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import zlib
from pathlib import Path
from typing import Any

import orjson

from registry import disk

_HEAD = b'{"crc":'
_BODY = b',"commit":'


class Damaged(Exception):
    """A bad line with whole lines after it: not a torn tail but damage."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


class Journal:
    """The journal files of one registry (`base` is its real path; None keeps them in memory)."""

    def __init__(self, base: Path | None) -> None:
        self._base = base
        self._memory: dict[int, bytearray] = {}
        self._held: tuple[int, int] | None = None  # (epoch, descriptor) kept open for reading, see hold()

    def path(self, epoch: int) -> Path:
        assert self._base is not None
        return self._base.with_name(f"{self._base.name}.audit-{epoch}.jsonl")

    def hold(self, epoch: int) -> None:
        """Keep the epoch's file open for reading, so that a rewrite by another process, which deletes it, cannot
        take it away from a reader still working on the registry version that names it."""
        if self._base is None or (self._held is not None and self._held[0] == epoch and self._held[1] >= 0):
            return
        try:
            fd = os.open(self.path(epoch), os.O_RDONLY)
        except FileNotFoundError:
            fd = -1
        self.release()
        self._held = (epoch, fd)

    def holds_file(self) -> bool:
        return self._base is None or (self._held is not None and self._held[1] >= 0)

    def release(self) -> None:
        if self._held is not None and self._held[1] >= 0:
            os.close(self._held[1])
        self._held = None

    def size(self, epoch: int) -> int:
        """How many bytes the epoch holds now (0 when it has no file yet)."""
        if self._base is None:
            return len(self._memory.get(epoch, b""))
        self.hold(epoch)
        assert self._held is not None
        return os.fstat(self._held[1]).st_size if self._held[1] >= 0 else 0

    def read(self, epoch: int, start: int, end: int) -> bytes:
        """The bytes [start, end) of the epoch (fewer when the file is shorter)."""
        if self._base is None:
            return bytes(self._memory.get(epoch, b"")[start:end])
        self.hold(epoch)
        assert self._held is not None
        fd = self._held[1]
        if fd < 0:
            return b""
        chunks, offset = [], start
        while offset < end:
            chunk = os.pread(fd, end - offset, offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        return b"".join(chunks)

    def append(self, epoch: int, end: int, data: bytes) -> int:
        """Write `data` at `end`, the end of the epoch's last whole line, cutting away whatever follows it (a torn
        line), and make it durable; returns the new end. When the write or the fsync fails, the file is cut back to
        `end` before the error is raised: the journal is as it was."""
        if self._base is None:
            buffer = self._memory.setdefault(epoch, bytearray())
            del buffer[end:]
            buffer += data
            return len(buffer)
        fd = os.open(self.path(epoch), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_size < end:
                raise OSError(errno.EIO, "the audit journal is shorter than the registry expects")
            os.ftruncate(fd, end)
            os.lseek(fd, end, os.SEEK_SET)
            try:
                disk.write_all(fd, [data])
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, end)
                    os.fsync(fd)
                raise
        finally:
            os.close(fd)
        return end + len(data)

    def create(self, epoch: int, data: bytes) -> int:
        """Write a whole new epoch (replacing any stale file of that number) and make it durable."""
        if self._base is None:
            self._memory[epoch] = bytearray(data)
            return len(data)
        fd = os.open(self.path(epoch), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            disk.write_all(fd, [data])
            os.fsync(fd)
        finally:
            os.close(fd)
        return len(data)

    def remove_others(self, epoch: int) -> None:
        """Delete every epoch but this one: a replaced journal, or one a crash left before its checkpoint."""
        if self._base is None:
            for other in [e for e in self._memory if e != epoch]:
                del self._memory[other]
            return
        pattern = re.compile(re.escape(self._base.name) + r"\.audit-(\d+)\.jsonl")
        for path in self._base.parent.glob(f"{glob.escape(self._base.name)}.audit-*.jsonl"):
            found = pattern.fullmatch(path.name)
            if found and int(found.group(1)) != epoch:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()


def line(commit: dict[str, Any]) -> bytes:
    """The journal line of one commit, with its checksum."""
    body = orjson.dumps(commit)
    return b"%s%d%s%s}\n" % (_HEAD, zlib.crc32(body), _BODY, body)


def event_lines(events: list[dict[str, Any]]) -> bytes:
    """Audit events alone (a rewritten or migrated log), a line each."""
    return b"".join(line({"audit": [event]}) for event in events)


def parse(raw: bytes, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """The commits of the whole lines in `raw` (bytes of the journal from `offset`), and how many bytes those lines
    take. A bad last line, or bad lines at the end (torn, garbage), are left out; a bad line followed by a whole one
    raises Damaged with its offset."""
    commits: list[dict[str, Any]] = []
    used = start = 0
    bad: int | None = None
    while (end := raw.find(b"\n", start)) >= 0:
        commit = _commit(raw[start:end])
        if commit is None:
            bad = start if bad is None else bad
        elif bad is not None:
            raise Damaged(offset + bad)
        else:
            commits.append(commit)
            used = end + 1
        start = end + 1
    return commits, used


def events(commits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [event for commit in commits for event in commit.get("audit", ())]


def legacy_events(raw: bytes) -> list[dict[str, Any]]:
    """The events of a journal of schema 3 (one bare event a line, no checksum), for the migration: a line that is
    not an event, and a torn last line, are left out as that schema did."""
    found = []
    for text in raw[: raw.rfind(b"\n") + 1].splitlines():
        try:
            event = orjson.loads(text)
        except orjson.JSONDecodeError:
            continue
        if isinstance(event, dict) and type(event.get("id")) is int:
            found.append(event)
    return found


def _commit(text: bytes) -> dict[str, Any] | None:
    """The commit a line carries, or None when the line is not whole (checksum wrong, cut, not ours)."""
    if not text.startswith(_HEAD) or not text.endswith(b"}"):
        return None
    middle = text.find(_BODY, len(_HEAD))
    if middle < 0 or not text[len(_HEAD) : middle].isdigit():
        return None
    body = text[middle + len(_BODY) : -1]
    if zlib.crc32(body) != int(text[len(_HEAD) : middle]):
        return None
    try:
        commit = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    return commit if isinstance(commit, dict) else None
