"""Exports: the whole registry as JSON, and an Art. 30-style record of processing as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from registry.models import ALL_RECORDS, Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.schema import SCHEMA_VERSION
from registry.views import implied_transfers

ART30_COLUMNS = (
    "controller",
    "controller_contact",
    "controller_dpo",
    "processor",
    "purpose",
    "data_subjects",
    "personal_data",
    "recipients",
    "third_country_transfers",
    "retention",
    "legal_basis",
    "start",
    "end",
    "dpa",
)


def export_json(registry: Registry) -> dict[str, Any]:
    """Every record of every kind, with ids, as stored."""
    out: dict[str, Any] = {"schema": SCHEMA_VERSION}
    for cls in ALL_RECORDS:
        out[cls.table] = [{"id": r.id, **r.to_doc()} for r in sorted(registry.all(cls), key=lambda r: r.id or 0)]
    return out


def art30_rows(registry: Registry) -> list[dict[str, str]]:
    """One row per controller and engagement: the items GDPR Art. 30(1) asks a controller to record."""
    name = registry.name_of
    rows = []
    for engagement in sorted(registry.all(Engagement), key=lambda e: (name(e.controllers[0]).casefold(), e.id)):
        chain = _chain(registry, engagement.processor)
        recipients = ([] if engagement.in_house else [name(engagement.processor)]) + [
            f"{name(s.sub)} ({s.service})" for s in chain
        ]
        for controller_id in engagement.controllers:
            controller = registry.get(Party, controller_id)
            rows.append(
                {
                    "controller": controller.name,
                    "controller_contact": controller.email or "",
                    "controller_dpo": _dpo(registry, controller),
                    "processor": "(in-house)" if engagement.in_house else name(engagement.processor),
                    "purpose": engagement.purpose,
                    "data_subjects": "; ".join(engagement.subjects),
                    "personal_data": "; ".join(engagement.data),
                    "recipients": "; ".join(recipients),
                    "third_country_transfers": "; ".join(_transfers(registry, controller_id, engagement, chain)),
                    "retention": engagement.retention or "",
                    "legal_basis": engagement.basis or "",
                    "start": engagement.start.isoformat() if engagement.start else "",
                    "end": engagement.end.isoformat() if engagement.end else "",
                    "dpa": "" if engagement.in_house else _dpa(registry, controller_id, engagement.processor),
                }
            )
    return rows


def export_csv(registry: Registry) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ART30_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(art30_rows(registry))
    return buffer.getvalue()


def _dpo(registry: Registry, party: Party) -> str:
    if party.dpo:
        return party.dpo
    if party.dpo_of is not None:
        group = registry.get(Party, party.dpo_of)
        return f"{group.dpo or group.email or ''} ({group.name})".strip()
    return ""


def _chain(registry: Registry, processor_id: int) -> list[SubprocessorLink]:
    """The processor's sub-processors at every depth, nearest first."""
    out, seen, queue = [], {processor_id}, [processor_id]
    while queue:
        current = queue.pop(0)
        for link in registry.related(current, SubprocessorLink):
            if link.processor == current and link.sub not in seen:
                seen.add(link.sub)
                out.append(link)
                queue.append(link.sub)
    return out


def _transfers(
    registry: Registry, controller_id: int, engagement: Engagement, chain: list[SubprocessorLink]
) -> list[str]:
    involved = {controller_id, engagement.processor, *(s.sub for s in chain)}
    out, covered = [], set()
    for party_id in sorted(involved):
        for t in registry.related(party_id, Transfer):
            if t.exporter == party_id and t.importer in involved:
                covered.add((t.importer, t.country))
                module = f" module {t.module}" if t.module else ""
                out.append(f"{registry.name_of(t.importer)} {t.country}: {t.mechanism}{module}")
    for link in chain:
        for country in implied_transfers(link):
            if (link.sub, country) not in covered:
                out.append(f"{registry.name_of(link.sub)} {country}: no mechanism recorded")
    return out


def _dpa(registry: Registry, controller_id: int, processor_id: int) -> str:
    found = [a for a in registry.related(processor_id, Agreement) if a.controller == controller_id]
    if not found:
        return "none on record"
    latest = max(found, key=lambda a: (a.version, a.id or 0))
    signed = f" {latest.signed.isoformat()}" if latest.signed else ""
    return f"{latest.status}{signed}"
