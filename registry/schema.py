"""The stored file's schema version and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from registry.models import ALL_RECORDS

Data = dict[str, dict[str, Any]]

SCHEMA_VERSION = 1
META_TABLE = "_meta"


def empty_database() -> Data:
    return {META_TABLE: {"1": {"schema": SCHEMA_VERSION}}, **{r.table: {} for r in ALL_RECORDS}}


def schema_version(data: Data) -> int:
    """The file's schema version; 0 for a plain TinyDB file that has never been opened by this bot."""
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        return 0
    return meta["schema"]


def _v0_to_v1(data: Data) -> Data:
    """A plain TinyDB file (e.g. written by TinyDB itself or by hand): add the schema record, the missing
    tables, and the fields each record is expected to have, with their defaults."""
    out: Data = {name: dict(table) for name, table in data.items() if name != "_default" or table}
    for record in ALL_RECORDS:
        table = out.setdefault(record.table, {})
        for doc_id, doc in table.items():
            table[doc_id] = record.from_doc(doc, int(doc_id)).to_doc()
    out[META_TABLE] = {"1": {"schema": 1}}
    return out


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1}


def migrate(data: Data, version: int) -> Data:
    """Apply every migration from `version` up to SCHEMA_VERSION, in order."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data
