"""Plain-text and structured renderings of registry views, shared by the commands."""

from __future__ import annotations

from typing import Any

from registry import special
from registry.delivery_records import channel_of
from registry.law import MECHANISMS, SCC_MODULES
from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.views import PartyView, implied_transfers, since_note


def party_line(party: Party, roles: list[str]) -> str:
    country = f" ({party.country})" if party.country else ""
    own = " — our organisation" if party.is_self else ""
    return f"• {party.name}{country}{': ' + ', '.join(roles) if roles else ''}{own}"


def party_data(registry: Registry, party: Party) -> dict[str, Any]:
    """The party's details as --json shows them, its Slack channel among them (call inside reading())."""
    return {"id": party.id, **party.to_doc(), "channel": channel_of(registry, party.id)}


def contact_line(registry: Registry, party: Party) -> str:
    bits = []
    if party.orgnr:
        bits.append(f"org. nr. {party.orgnr}" if (party.country or "NO") == "NO" else f"id {party.orgnr}")
    if party.email:
        bits.append(f"privacy contact {party.email}")
    if party.dpo:
        bits.append(f"DPO {party.dpo}")
    if party.dpo_of is not None:
        bits.append(f"DPO: that of {registry.name_of(party.dpo_of)}")
    channel = channel_of(registry, party.id)
    if channel:
        bits.append(f"Slack {channel}")
    if party.dpf is not None:
        checked = f", checked {party.dpf_checked.isoformat()}" if party.dpf_checked else ""
        bits.append(f"DPF {'certified' if party.dpf else 'not certified'}{checked}")
    if party.address:
        bits.append(party.address)
    return " · ".join(bits) or "no contact details recorded"


def engagement_line(registry: Registry, e: Engagement, *, as_party: int) -> str:
    recorded = special.summary(e)
    return _engagement_line(registry, e, as_party=as_party) + (f" ({recorded})" if recorded else "")


def _engagement_line(registry: Registry, e: Engagement, *, as_party: int) -> str:
    if e.in_house:
        return f"{e.purpose} (in-house)"
    if as_party == e.processor:
        whom = " and ".join(registry.name_of(c) for c in e.controllers)
        return f"{e.purpose}, for {whom}"
    joint = [registry.name_of(c) for c in e.controllers if c != as_party]
    with_joint = f", jointly with {', '.join(joint)}" if joint else ""
    return f"{e.purpose}, processed by {registry.name_of(e.processor)}{with_joint}"


def link_line(registry: Registry, link: SubprocessorLink, *, as_party: int) -> str:
    other = link.sub if link.processor == as_party else link.processor
    where = f"; {', '.join(link.countries)}" if link.countries else ""
    outside = implied_transfers(link)
    flag = f" — outside the EEA: {', '.join(outside)}" if outside else ""
    return f"{registry.name_of(other)} ({link.service}{where}){since_note(link.since)}{flag}"


def transfer_line(registry: Registry, t: Transfer, *, as_party: int) -> str:
    mechanism = MECHANISMS[t.mechanism]
    label = mechanism.label + (f", module {t.module} ({SCC_MODULES[t.module]})" if t.module else "")
    validity = "" if mechanism.valid else " — not a valid mechanism"
    other = registry.name_of(t.importer if t.exporter == as_party else t.exporter)
    arrow = "→" if t.exporter == as_party else "←"
    return f"{arrow} {other} in {t.country}: {label}{since_note(t.since)}{validity}"


def agreement_line(registry: Registry, a: Agreement) -> str:
    parts = [f"{registry.name_of(a.controller)} ↔ {registry.name_of(a.processor)}: {a.status} v{a.version}"]
    if a.signed:
        parts.append(f"signed {a.signed.isoformat()}")
    if a.review:
        parts.append(f"review {a.review.isoformat()}")
    return ", ".join(parts)


def party_view_text(registry: Registry, view: PartyView) -> str:
    p = view.party
    pid = p.id
    assert pid is not None
    own = " — our organisation" if p.is_self else ""
    lines = [f"{p.name}{' (' + p.country + ')' if p.country else ''}{own}", contact_line(registry, p)]
    lines.append("Roles: " + (", ".join(view.roles) if view.roles else "none recorded yet"))
    sections: list[tuple[str, list[str]]] = [
        ("Controller for", [engagement_line(registry, e, as_party=pid) for e in view.controller_of]),
        ("Processor for", [engagement_line(registry, e, as_party=pid) for e in view.processor_for]),
        ("Sub-processor of", [link_line(registry, s, as_party=pid) for s in view.subprocessor_of]),
        ("Sub-processors", [link_line(registry, s, as_party=pid) for s in view.subprocessors]),
        ("Transfers", [transfer_line(registry, t, as_party=pid) for t in view.transfers_out + view.transfers_in]),
        # Versions replaced by a later one stay on record (dpa list) but are not current.
        ("Agreements", [agreement_line(registry, a) for a in view.agreements if a.status != "superseded"]),
        ("Its DPO also serves", [q.name for q in view.serves_as_group_dpo_for]),
        ("Security measures it takes as processor", list(p.measures)),
    ]
    for title, items in sections:
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  • {item}" for item in items)
    return "\n".join(lines)


def party_view_data(registry: Registry, view: PartyView) -> dict[str, Any]:
    name = registry.name_of

    def engagement(e: Engagement) -> dict[str, Any]:
        return {
            "id": e.id,
            "processor": name(e.processor),
            "controllers": [name(c) for c in e.controllers],
            "purpose": e.purpose,
            "in_house": e.in_house,
            **special.as_data(e),
            "dpia": e.dpia.isoformat() if e.dpia else None,
        }

    def link(s: SubprocessorLink) -> dict[str, Any]:
        return {
            "id": s.id,
            "processor": name(s.processor),
            "subprocessor": name(s.sub),
            "service": s.service,
            "countries": s.countries,
            "authorisation": s.authorisation,
            "since": s.since.isoformat() if s.since else None,
        }

    def transfer(t: Transfer) -> dict[str, Any]:
        return {
            "id": t.id,
            "exporter": name(t.exporter),
            "importer": name(t.importer),
            "country": t.country,
            "mechanism": t.mechanism,
            "module": t.module,
            "since": t.since.isoformat() if t.since else None,
        }

    def agreement(a: Agreement) -> dict[str, Any]:
        return {
            "id": a.id,
            "controller": name(a.controller),
            "processor": name(a.processor),
            "status": a.status,
            "signed": a.signed.isoformat() if a.signed else None,
            "review": a.review.isoformat() if a.review else None,
            "version": a.version,
        }

    p = view.party
    return {
        "party": {**party_data(registry, p), "dpo_of": name(p.dpo_of) if p.dpo_of is not None else None},
        "roles": view.roles,
        "controller_of": [engagement(e) for e in view.controller_of],
        "processor_for": [engagement(e) for e in view.processor_for],
        "subprocessor_of": [link(s) for s in view.subprocessor_of],
        "subprocessors": [link(s) for s in view.subprocessors],
        "transfers": [transfer(t) for t in view.transfers_out + view.transfers_in],
        "agreements": [agreement(a) for a in view.agreements],
        "group_dpo_for": [q.name for q in view.serves_as_group_dpo_for],
    }
