"""Reading a registry's audit log as it is on disk, for tests: since schema 2 it is a journal beside the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from registry.store import Store


def audit_log(path: Path) -> dict[str, dict[str, Any]]:
    """The audit events of the registry at `path` by id (as text), without their id: the shape the registry file
    held them in before the journal."""
    store = Store(path)
    try:
        with store.read():
            return {str(key): {k: v for k, v in e.items() if k != "id"} for key, e in store.audit_events().items()}
    finally:
        store.close(checkpoint=False)


def registry_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The registry's tables as another process reads them: the checkpoint (the file) and the journal's commits
    after it."""
    store = Store(path)
    try:
        with store.read():
            return orjson.loads(orjson.dumps(store.tables()))
    finally:
        store.close(checkpoint=False)  # look without writing


def stored_text(path: Path) -> str:
    """Everything the registry keeps on disk as text: the file and every audit journal beside it."""
    files = [path, *sorted(path.parent.glob(f"{path.name}.audit-*.jsonl"))]
    return "".join(f.read_text(encoding="utf-8") for f in files)
