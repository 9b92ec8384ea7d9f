"""The stored file's schema version and the migrations that bring older files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from registry.models import ALL_RECORDS, AuditEvent

Data = dict[str, dict[str, Any]]

SCHEMA_VERSION = 4
META_TABLE = "_meta"
JOBS_TABLE = "_jobs"  # bot-internal: when the background jobs last ran (registry/jobs.py); not exported
AUDIT_TABLE = AuditEvent.table  # in a file of schema 2 or older; since 3 a journal beside it (registry/journal.py)
# Since 4 the journal carries every commit's changes too, and the file is a checkpoint of them.


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


def _slack_ids_to_delivery_records(data: Data) -> Data:
    """Slack's facts leave the domain records for delivery records of their own: a party's `channel` becomes a
    delivery route (delivery_routes), an inquiry's original message (channel, message_ts, author), the copies
    the bot posted (slack_messages) and its undelivered mark become its inquiry delivery (inquiry_deliveries).
    The new records are numbered from 1 in the order of their party or inquiry; the old fields are dropped."""
    out: Data = {name: dict(table) for name, table in data.items()}
    routes: dict[str, Any] = {}
    parties = out.get("parties", {})
    for key in sorted(parties, key=int):
        party = dict(parties[key])
        channel = party.pop("channel", None)
        parties[key] = party
        if channel:
            routes[str(len(routes) + 1)] = {"party": int(key), "channel": channel}
    deliveries: dict[str, Any] = {}
    inquiries = out.get("inquiries", {})
    for key in sorted(inquiries, key=int):
        inquiry = dict(inquiries[key])
        delivery = {
            "inquiry": int(key),
            "origin_channel": inquiry.pop("channel", None),
            "origin_ts": inquiry.pop("message_ts", None),
            "author": inquiry.pop("author", None),
            "posted": list(inquiry.pop("slack_messages", None) or []),
            "undelivered": bool(inquiry.pop("undelivered", False)),
        }
        inquiries[key] = inquiry
        if any(value for name, value in delivery.items() if name != "inquiry"):
            deliveries[str(len(deliveries) + 1)] = delivery
    out["delivery_routes"] = routes
    out["inquiry_deliveries"] = deliveries
    meta = dict(out.get(META_TABLE, {}).get("1", {}))
    out[META_TABLE] = {"1": {**meta, "schema": 2}}
    return out


def _audit_to_journal(data: Data) -> Data:
    """The audit log leaves the file for a journal beside it. A migration is a function of the data alone, so
    this one only marks the file as schema 3: the store takes the audit table out after migrating and writes it
    to the journal before the registry file (Store._load_from, Store.restore)."""
    return _marked(data, 3)


def _journal_as_log(data: Data) -> Data:
    """The journal becomes the write-ahead log of every commit (changes and audit events, each line checksummed),
    and the file a checkpoint of it. Nothing in the data moves: the store writes the old journal's events to a new
    epoch in the new line format, before the checkpoint that names it (Store._load_from)."""
    return _marked(data, 4)


def _marked(data: Data, version: int) -> Data:
    meta = data.get(META_TABLE, {})
    return {**data, META_TABLE: {**meta, "1": {**meta.get("1", {}), "schema": version}}}


MIGRATIONS: dict[int, Callable[[Data], Data]] = {
    0: _v0_to_v1,
    1: _slack_ids_to_delivery_records,
    2: _audit_to_journal,
    3: _journal_as_log,
}


def migrate(data: Data, version: int) -> Data:
    """Apply every migration from `version` up to SCHEMA_VERSION, in order."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = schema_version(data)
    return data
