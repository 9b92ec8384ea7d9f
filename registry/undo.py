"""Undoing a person's last change to the registry, from the audit log.

A change is every audit event one command wrote in one transaction: those sharing a change number, or, for
events older than change numbers, the run of events with the same author, time and command. It is undone only
when nothing done since depends on it: no later change touched the same records, no later record refers to a
party it added, and every party the restored records refer to still exists. The audit log holds no personal
data ("(withheld)", "(deleted)"), so a change that touched it is never restored from the log. The undo is one
transaction, audited as a change of its own (its command starts with `undo:`), so undoing an undo puts the change
back.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from itertools import takewhile
from typing import Any

from registry.errors import RegistryError
from registry.models import RECORD_TYPES, AuditEvent, Party, Record
from registry.registry import DELETED, WITHHELD, Actor, Registry, check_unique_names, party_ids

NOTHING = "Nothing to undo: the audit log holds no change of yours."
UNDO = "undo: "  # how the command of an undo starts in the audit log, before the command it reverts


@dataclass
class Change:
    """One person's change as the audit log recorded it: its events in the order they were written."""

    events: list[AuditEvent]

    @property
    def first(self) -> AuditEvent:
        return self.events[0]

    @property
    def number(self) -> int:
        """What `undo yes N` names: the id of its last event (unique, also for events without change numbers)."""
        return self.events[-1].id or 0

    @property
    def command(self) -> str:
        return self.first.command

    @property
    def records(self) -> set[tuple[str, int]]:
        return {(e.kind, e.record) for e in self.events}


def last_change(registry: Registry, user: str) -> Change | None:
    """The user's latest change, or None when the audit log has none (call inside reading())."""
    newest = registry.audit_log(newest_first=True)
    last = next((e for e in newest if e.who == user), None)
    if last is None:
        return None
    events = [last]  # the events of one change are written together: the ones just before it in the log
    for event in newest:
        if (event.change != last.change) if last.change is not None else not _same_command(event, last):
            break
        events.append(event)
    return Change(events[::-1])


def _same_command(event: AuditEvent, last: AuditEvent) -> bool:
    return event.change is None and (event.who, event.at, event.command) == (last.who, last.at, last.command)


def obstacle(registry: Registry, change: Change) -> str | None:
    """Why the change cannot be undone, in words, or None when it can (call inside reading())."""
    for event in change.events:
        if event.kind not in RECORD_TYPES:
            return f"it changed {event.kind}, which undo does not know how to put back"
        moved = sorted(set(event.before or {}) - {f.name for f in fields(RECORD_TYPES[event.kind])})
        if moved:
            return (
                f"{event.kind} #{event.record} no longer keeps {', '.join(moved)} itself (the file was upgraded since)"
            )
        if _redacted(event.before) or _redacted(event.after):
            return (
                f"the audit log keeps no copy of the personal data in {event.kind} #{event.record} "
                f'("{WITHHELD}" or "{DELETED}"), and undo never restores from it'
            )
    later = list(takewhile(lambda e: (e.id or 0) > change.number, registry.audit_log(newest_first=True)))[::-1]
    records = change.records
    for event in later:
        if (event.kind, event.record) in records:
            return f"{_by(event)} changed the same record since ({_record(event)})"
    added_parties = {e.record for e in change.events if e.kind == Party.table and e.action == "add"}
    for event in later:
        if added_parties & _refers_to(event):
            return f"{_by(event)} refers to a party it added ({_record(event)})"
    restored = {e.record for e in change.events if e.kind == Party.table and e.action == "remove"}
    for event in change.events:
        if event.action == "add" or event.before is None:
            continue
        if event.action == "remove" and registry.find(RECORD_TYPES[event.kind], event.record) is not None:
            return f"{_record(event)} exists again under the same id, so it cannot be put back"
        for pid in _party_ids(event.kind, event.before, event.record) - restored:
            if registry.find(Party, pid) is None:
                removal = next((e for e in later if (e.kind, e.record) == (Party.table, pid)), None)
                who = f"{_by(removal)} removed it" if removal else "it no longer exists"
                return f"{_record(event)} refers to party #{pid}, and {who}"
    return None


def undo(registry: Registry, user: str, *, expected: int | None = None) -> tuple[Change, Change]:
    """Revert the user's latest change in one transaction (refused, with the reason, when it cannot be); returns
    the change undone and the undo's own change."""
    with registry.reading():
        change = last_change(registry, user)
    if change is None:
        raise RegistryError(NOTHING)
    with registry.change(Actor(user=user, command=UNDO + change.command)) as w:
        again = last_change(registry, user)
        if again is None or again.number != change.number or expected not in (None, change.number):
            raise RegistryError(
                f"Nothing was undone: your last change is no longer change #{expected or change.number}. "
                "Type `undo` to see the one it would undo now."
            )
        reason = obstacle(registry, change)
        if reason is not None:
            raise RegistryError(f"Cannot undo `{change.command}` ({change.first.at}): {reason}. Nothing was changed.")
        for event in reversed(change.events):
            cls = RECORD_TYPES[event.kind]
            if event.action == "add":
                w.remove(registry.get(cls, event.record))
            elif event.action == "remove":
                assert event.before is not None
                record = cls.from_doc(event.before, event.record)
                if isinstance(record, Party):
                    check_unique_names(registry, [record.name, *record.aliases])
                w.restore(record)
            else:
                w.update(registry.get(cls, event.record), _changed_back(cls, event))
                if cls is Party:
                    party = registry.get(Party, event.record)
                    check_unique_names(registry, [party.name, *party.aliases], except_id=party.id)
    with registry.reading():
        done = last_change(registry, user)
    assert done is not None
    return change, done


def _changed_back(cls: type[Record], event: AuditEvent) -> dict[str, Any]:
    """The fields a change event changed, with their values before it (as the record holds them)."""
    before, after = event.before or {}, event.after or {}
    old = cls.from_doc(before, event.record)
    return {k: getattr(old, k) for k in before if before.get(k) != after.get(k)}


def _redacted(state: dict[str, Any] | None) -> bool:
    for value in (state or {}).values():
        items = value if isinstance(value, list) else [value]
        if any(item in (WITHHELD, DELETED) for item in items if isinstance(item, str)):
            return True
    return False


def _refers_to(event: AuditEvent) -> set[int]:
    out: set[int] = set()
    for state in (event.before, event.after):
        if state:
            out |= _party_ids(event.kind, state, event.record)
    return out


def _party_ids(kind: str, state: dict[str, Any], record_id: int) -> set[int]:
    cls = RECORD_TYPES.get(kind)
    return party_ids(cls.from_doc(state, record_id)) if cls else set()


def _by(event: AuditEvent) -> str:
    return f"`{event.command}` by {event.who} at {event.at}"


def _record(event: AuditEvent) -> str:
    return f"{event.kind} #{event.record}"
