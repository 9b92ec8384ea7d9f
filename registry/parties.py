"""Adding, changing and removing parties, with the registry's rules checked first."""

from __future__ import annotations

from typing import Any

from registry.delivery_records import set_channel
from registry.errors import Conflict, InputError
from registry.models import Agreement, Breach, DeliveryRoute, Engagement, Party, Record, SubprocessorLink, Transfer
from registry.registry import Actor, Registry, check_unique_names
from registry.views import since_note

# The party's Slack channel, set with its details (`party add/set NAME channel=`) and kept in its DeliveryRoute.
CHANNEL = "channel"


def add_party(registry: Registry, actor: Actor, party: Party, *, channel: str | None = None) -> Party:
    """Add a party, and the Slack channel for its inquiries if one is given, in one change."""
    with registry.change(actor) as w:
        _check(registry, party, except_id=None)
        added = w.insert(party)
        if channel is not None:
            set_channel(w, added.id or 0, channel)
        return added


def update_party(registry: Registry, actor: Actor, party: Party, changes: dict[str, Any]) -> Party:
    """Apply field changes to a party; `changes` holds typed values (None clears a field), and may hold its Slack
    channel (CHANNEL; None: none)."""
    if not changes:
        raise InputError("Nothing to change", accepted="key=value pairs, e.g. email=privacy@example.no")
    fields = {k: v for k, v in changes.items() if k != CHANNEL}
    with registry.change(actor) as w:
        current = registry.get(Party, party.id)  # re-read under the lock: another writer may have been first
        proposed = Party.from_doc({**current.to_doc()}, current.id)
        for key, value in fields.items():
            setattr(proposed, key, value)
        _check(registry, proposed, except_id=current.id)
        if CHANNEL in changes:
            set_channel(w, current.id or 0, changes[CHANNEL])
        return w.update(current, fields) if fields else current


def remove_party(registry: Registry, actor: Actor, party: Party) -> None:
    """Refused while any engagement, link, transfer, agreement or group-DPO setting refers to the party; its
    Slack channel setting is part of the party and goes with it."""
    with registry.change(actor) as w:
        refs = [
            r
            for r in registry.references(party.id)
            if not (isinstance(r, Party) and r.id == party.id) and not isinstance(r, DeliveryRoute)
        ]
        if refs:
            lines = "\n".join(f"• {describe(registry, r)}" for r in refs[:20])
            more = f"\n…and {len(refs) - 20} more" if len(refs) > 20 else ""
            raise Conflict(f"{party.name} is still referred to, so it was not removed:\n{lines}{more}")
        set_channel(w, party.id or 0, None)
        w.remove(registry.get(Party, party.id))


def describe(registry: Registry, record: Record) -> str:
    """One line naming a record by its parties, for messages."""
    n = registry.name_of
    if isinstance(record, Engagement):
        if record.in_house:
            return f"in-house processing by {n(record.processor)}: {record.purpose}"
        return (
            f"engagement: {n(record.processor)} processes for {_names(registry, record.controllers)}: {record.purpose}"
        )
    if isinstance(record, SubprocessorLink):
        since = since_note(record.since)
        return f"sub-processor link: {n(record.processor)} uses {n(record.sub)} ({record.service}{since})"
    if isinstance(record, Transfer):
        since = since_note(record.since)
        return f"transfer: {n(record.exporter)} → {n(record.importer)} in {record.country} ({record.mechanism}{since})"
    if isinstance(record, Agreement):
        return f"agreement ({record.status}): {n(record.controller)} and {n(record.processor)}"
    if isinstance(record, Party):
        return f"{record.name} uses its DPO (dpo-of)"
    if isinstance(record, Breach):
        return f"personal data breach #{record.id} (documented under Art. 33(5); it keeps naming the party)"
    return f"{type(record).__name__} {record.id}"


def _names(registry: Registry, ids: list[int]) -> str:
    return " and ".join(registry.name_of(i) for i in ids)


def _check(registry: Registry, party: Party, *, except_id: int | None) -> None:
    check_unique_names(registry, [party.name, *party.aliases], except_id=except_id)
    if party.dpo_of is not None:
        _check_dpo_chain(registry, party, except_id)
    if party.is_self:
        own = registry.self_party()
        if own is not None and own.id != except_id:
            raise Conflict(
                f"{own.name} is already marked as our own organisation (self=yes). "
                f'Run `party set "{own.name}" self=no` first if that was wrong.'
            )


def _check_dpo_chain(registry: Registry, party: Party, except_id: int | None) -> None:
    """dpo-of points at the party whose DPO serves this one; following it must never come back."""
    seen = {except_id} if except_id is not None else set()
    current: int | None = party.dpo_of
    while current is not None:
        if current in seen:
            raise Conflict(
                f"dpo-of would make a loop ({party.name} → {registry.name_of(party.dpo_of)} → … → back). "
                "dpo-of names the group company whose DPO serves this party."
            )
        seen.add(current)
        current = registry.get(Party, current).dpo_of
