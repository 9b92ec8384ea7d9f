"""One audit event as a person reads it: what was added, what changed (field: before → after), what was removed.

Personal data never shows: fields the record withholds from the log, and an inquiry's free text, read
"(withheld)", or "(deleted)" once retention deleted them. Party ids read as names; long values are shortened.
"""

from __future__ import annotations

from typing import Any

from inquiries.tracking import FORMER_FREE_TEXT
from registry.models import RECORD_TYPES, AuditEvent, Inquiry, Record
from registry.registry import DELETED, PARTY_FIELDS, WITHHELD, Registry, redacted

LONGEST = 60  # characters of one value shown
MAIN_FIELDS = 4  # fields shown of a record added or removed
# What names a record in a line, by kind: its own name, or the parties it joins.
TITLE = {"parties": ("name",), "engagements": ("processor", "purpose"), "subprocessors": ("processor", "sub")}
NOT_SHOWN = ("posted", "likely", "route", "items")  # bookkeeping, too long to read in one line


def command_text(event: AuditEvent) -> str:
    """The command line that made the change, shortened; an inquiry's without what was typed (its free text)."""
    command = " ".join(event.command.split())
    if event.kind == Inquiry.table:
        command = redacted(command, "[withheld]")
    return command if len(command) <= 2 * LONGEST else command[: 2 * LONGEST - 1] + "…"


def event_text(registry: Registry, event: AuditEvent) -> str:
    """What the event did, on one line: `country: IE → US; email: (none) → (withheld)`."""
    cls = RECORD_TYPES.get(event.kind)
    before, after = event.before or {}, event.after or {}
    if event.action == "change":
        keys = [k for k in after if k not in NOT_SHOWN and before.get(k) != after.get(k)]
        parts = [
            f"{k}: {_value(registry, cls, k, before.get(k))} → {_value(registry, cls, k, after.get(k))}" for k in keys
        ]
        return "; ".join(parts) or "no field changed"
    state = after if event.action == "add" else before
    shown = [k for k, v in state.items() if k not in NOT_SHOWN and v not in (None, "", [], {}, False)]
    parts = [f"{k}: {_value(registry, cls, k, state[k])}" for k in shown[:MAIN_FIELDS]]
    more = f" (+{len(shown) - MAIN_FIELDS} more)" if len(shown) > MAIN_FIELDS else ""
    return ("removed " if event.action == "remove" else "") + "; ".join(parts) + more


def _item(registry: Registry, value: Any) -> str:
    """One element of a stored list in words: a mapping as `key value` pairs, a party by its name."""
    if not isinstance(value, dict):
        return str(value)
    return " ".join(
        f"{k} {registry.name_of(v) if k == 'party' and isinstance(v, int) else v}" for k, v in value.items() if v
    )


def _value(registry: Registry, cls: type[Record] | None, key: str, value: Any) -> str:
    if value in (WITHHELD, DELETED):
        return value
    if value in (None, "", [], {}):
        return "(none)"
    if cls is not None and (key in cls.private_fields or (cls is Inquiry and key in FORMER_FREE_TEXT)):
        return WITHHELD  # personal data kept in the log before withholding existed, or free text: never shown
    if cls is not None and key in PARTY_FIELDS.get(cls, ()):
        ids = value if isinstance(value, list) else [value]
        value = ", ".join(registry.name_of(i) for i in ids if isinstance(i, int))
    elif isinstance(value, list):
        value = ", ".join(_item(registry, v) for v in value)
    elif isinstance(value, dict):
        value = _item(registry, value)
    text = " ".join(str(value).split())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"
