"""The audit log as an append-only journal beside the registry file: `<registry>.audit-<epoch>.jsonl`, one audit
event a line (its document with its `id`).

The journal holds bytes; which of them count is the registry file's to say. Its schema record names the epoch
(which journal file) and how many bytes of it are committed, and only those are ever read. A commit appends its
events past the committed length and fsyncs them before the registry file that counts them is renamed into
place, so a crash in between leaves bytes nobody counts, and a torn last line is never counted: what follows the
committed length is cut away at the next append. Rewriting the log (the one change it allows: personal data
deleted at the retention purge) writes a whole new epoch, which the registry then points at.

A new journal file needs no folder fsync of its own: it lives in the registry file's folder, which the commit
fsyncs after renaming the registry file into place, making both names durable at once.

A registry without a file (path None) keeps its journal in memory, with the same rules.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
from pathlib import Path
from typing import Any

import orjson

from registry import disk

BACKWARD_CHUNK = 1 << 16  # bytes read at a time when looking back for the last whole line


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

    def read(self, epoch: int, start: int, end: int) -> bytes:
        """The bytes [start, end) of the epoch (fewer when the file is shorter than the registry says)."""
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

    def append(self, epoch: int, committed: int, data: bytes) -> int:
        """Write `data` after the committed bytes, cutting away whatever follows them (an append whose registry
        commit never happened, a torn line), and make it durable; returns the new committed length.

        When the file is shorter than `committed` (cut short from outside), it is cut back to its last whole
        line, and `data` follows that."""
        if self._base is None:
            buffer = self._memory.setdefault(epoch, bytearray())
            end = committed if len(buffer) >= committed else buffer.rfind(b"\n") + 1
            del buffer[end:]
            buffer += data
            return len(buffer)
        fd = os.open(self.path(epoch), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            size = os.fstat(fd).st_size
            end = committed if size >= committed else _last_line_end(fd, size)
            if size != end:
                os.ftruncate(fd, end)
            os.lseek(fd, end, os.SEEK_SET)
            disk.write_all(fd, [data])
            os.fsync(fd)
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
        """Delete every epoch but this one: a replaced journal, or one a crash left before its registry commit."""
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


def lines(events: list[dict[str, Any]]) -> bytes:
    """The journal lines of these events (documents with their id)."""
    return b"".join(orjson.dumps(event) + b"\n" for event in events)


def parse(raw: bytes) -> tuple[list[dict[str, Any]], int]:
    """The events of the whole lines in `raw`, and how many bytes those lines take; a last line without its
    newline (torn) is left out, and so is a line that is not an event (damaged from outside)."""
    end = raw.rfind(b"\n") + 1
    events = []
    for line in raw[:end].splitlines():
        try:
            event = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(event, dict) and type(event.get("id")) is int:
            events.append(event)
    return events, end


def _last_line_end(fd: int, size: int) -> int:
    """Where the last whole line of the file's first `size` bytes ends (0 when there is none)."""
    end = size
    while end > 0:
        start = max(0, end - BACKWARD_CHUNK)
        found = os.pread(fd, end - start, start).rfind(b"\n")
        if found >= 0:
            return start + found + 1
        end = start
    return 0
