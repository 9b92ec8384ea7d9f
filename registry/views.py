"""Read-only views over the registry: a party's roles and relations, party lists, the audit history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

from registry.countries import is_third_country
from registry.models import Agreement, AuditEvent, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry, party_ids

ROLES = ("controller", "processor", "subprocessor")


@dataclass
class PartyView:
    """Everything the registry knows about one party, as seen from that party."""

    party: Party
    dpo_party: Party | None = None  # whose DPO serves this party (dpo-of)
    serves_as_group_dpo_for: list[Party] = field(default_factory=list)
    controller_of: list[Engagement] = field(default_factory=list)  # it is a controller; others may process
    processor_for: list[Engagement] = field(default_factory=list)  # it processes for other controllers
    subprocessor_of: list[SubprocessorLink] = field(default_factory=list)
    subprocessors: list[SubprocessorLink] = field(default_factory=list)
    transfers_out: list[Transfer] = field(default_factory=list)
    transfers_in: list[Transfer] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        roles = []
        if self.controller_of:
            roles.append("controller")
        if self.processor_for:
            roles.append("processor")
        if self.subprocessor_of:
            roles.append("subprocessor")
        return roles


def party_view(registry: Registry, party: Party) -> PartyView:
    pid = party.id
    view = PartyView(party=party)
    if party.dpo_of is not None:
        view.dpo_party = registry.get(Party, party.dpo_of)
    for record in registry.references(pid):
        if isinstance(record, Engagement):
            if pid in record.controllers:
                view.controller_of.append(record)
            if record.processor == pid and not record.in_house:
                view.processor_for.append(record)
        elif isinstance(record, SubprocessorLink):
            (view.subprocessors if record.processor == pid else view.subprocessor_of).append(record)
        elif isinstance(record, Transfer):
            (view.transfers_out if record.exporter == pid else view.transfers_in).append(record)
        elif isinstance(record, Agreement):
            view.agreements.append(record)
        elif isinstance(record, Party) and record.id != pid:
            view.serves_as_group_dpo_for.append(record)
    return view


def roles_of(registry: Registry, party: Party) -> list[str]:
    return party_view(registry, party).roles


def list_parties(registry: Registry, *, role: str | None = None, country: str | None = None) -> list[Party]:
    """Parties sorted by name, filtered by a role they play and their country."""
    parties = [p for p in registry.all(Party) if country is None or p.country == country]
    if role is not None:
        parties = [p for p in parties if role in roles_of(registry, p)]
    return sorted(parties, key=lambda p: p.name.casefold())


def since_note(since: date | None) -> str:
    """ ", since 2024-06-01": when a relation really started, as messages, listings and exports show it; nothing
    when unknown."""
    return f", since {since.isoformat()}" if since else ""


def implied_transfers(link: SubprocessorLink) -> list[str]:
    """Third countries where a sub-processor processes: each one is a transfer, recorded or not."""
    return [c for c in link.countries if is_third_country(c)]


def history(registry: Registry, *, party: Party | None = None, limit: int = 20) -> tuple[list[AuditEvent], int]:
    """Newest audit events first (all, or those touching `party`), and how many matched in total."""
    if party is None:
        return list(islice(registry.audit_log(newest_first=True), limit)), registry.count(AuditEvent)
    shown: list[AuditEvent] = []
    total = 0
    for event in registry.audit_log(newest_first=True):
        if party is not None and not _touches(event, party.id):
            continue
        total += 1
        if len(shown) < limit:
            shown.append(event)
    return shown, total


def _touches(event: AuditEvent, party_id: int) -> bool:
    if event.kind == Party.table and event.record == party_id:
        return True
    cls = {c.table: c for c in (Engagement, SubprocessorLink, Transfer, Agreement, Party)}.get(event.kind)
    if cls is None:
        return False
    for state in (event.before, event.after):
        if state and party_id in party_ids(cls.from_doc(state, event.record)):
            return True
    return False


def counts(registry: Registry) -> dict[str, Any]:
    return {
        "parties": registry.count(Party),
        "engagements": registry.count(Engagement),
        "subprocessors": registry.count(SubprocessorLink),
        "transfers": registry.count(Transfer),
        "agreements": registry.count(Agreement),
    }
