"""The stored file's schema version and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from registry.models import ALL_RECORDS, AuditEvent

Data = dict[str, dict[str, Any]]

SCHEMA_VERSION = 2
META_TABLE = "_meta"
AUDIT_TABLE = AuditEvent.table  # in a file of schema 1 or older; since 2 a journal beside it (registry/journal.py)


def empty_database() -> Data:
    tables = {r.table: {} for r in ALL_RECORDS if r.table != AUDIT_TABLE}
    return {META_TABLE: {"1": {"schema": SCHEMA_VERSION, "journal": {"epoch": 1, "bytes": 0}}}, **tables}


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


def _v1_to_v2(data: Data) -> Data:
    """The audit log leaves the file for a journal beside it. A migration is a function of the data alone, so
    this one only marks the file as schema 2: the store takes the audit table out after migrating and writes it
    to the journal before the registry file (Store._load_from, Store.restore)."""
    return {
        **data,
        META_TABLE: {**data.get(META_TABLE, {}), "1": {**data.get(META_TABLE, {}).get("1", {}), "schema": 2}},
    }


MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: Data, version: int) -> Data:
    """Apply every migration from `version` up to SCHEMA_VERSION, in order."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data
