"""Low-level file operations the store relies on: writing every byte, telling file versions apart, and
making a rename durable."""

from __future__ import annotations

import os
from pathlib import Path


def write_all(fd: int, fragments: list[bytes]) -> None:
    """Write every fragment, in order, with as few system calls as the kernel allows."""
    pending = [memoryview(f) for f in fragments if f]
    limit = os.sysconf("SC_IOV_MAX")
    while pending:
        written = os.writev(fd, pending[:limit])
        while written and pending:
            if written >= len(pending[0]):
                written -= len(pending.pop(0))
            else:
                pending[0] = pending[0][written:]
                written = 0


def signature(st: os.stat_result) -> tuple[int, int, int]:
    """What tells one version of a file from the next: inode, modification time, size."""
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
