"""Exports: the whole registry as JSON, and an Art. 30-style record of processing as CSV."""

from __future__ import annotations

import csv
import io
from collections import defaultdict, deque
from typing import Any

from registry.models import ALL_RECORDS, Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.schema import SCHEMA_VERSION
from registry.snapshot import Snapshot, snapshot
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
    """One row per controller and engagement: the items GDPR Art. 30(1) asks a controller to record.

    Built from the review's snapshot of the registry (loaded once, cached until the next change), so a large
    registry costs one pass, not a lookup per engagement and sub-processor."""
    with registry.reading():
        snap = snapshot(registry)
    name = snap.name
    by_exporter: dict[int, list[Transfer]] = defaultdict(list)
    for t in snap.transfers:
        by_exporter[t.exporter].append(t)
    latest: dict[tuple[int, int], Agreement] = {}
    for a in snap.agreements:
        key = (a.controller, a.processor)
        if key not in latest or (a.version, a.id or 0) > (latest[key].version, latest[key].id or 0):
            latest[key] = a
    rows = []
    for engagement in sorted(snap.engagements, key=lambda e: (name(e.controllers[0]).casefold(), e.id)):
        chain = _chain(snap, engagement.processor)
        recipients = ([] if engagement.in_house else [name(engagement.processor)]) + [
            f"{name(s.sub)} ({s.service})" for s in chain
        ]
        for controller_id in engagement.controllers:
            controller = snap.parties[controller_id]
            transfers = _transfers(snap, by_exporter, controller_id, engagement, chain)
            rows.append(
                {
                    "controller": controller.name,
                    "controller_contact": controller.email or "",
                    "controller_dpo": _dpo(snap, controller),
                    "processor": "(in-house)" if engagement.in_house else name(engagement.processor),
                    "purpose": engagement.purpose,
                    "data_subjects": "; ".join(engagement.subjects),
                    "personal_data": "; ".join(engagement.data),
                    "recipients": "; ".join(recipients),
                    "third_country_transfers": "; ".join(transfers),
                    "retention": engagement.retention or "",
                    "legal_basis": engagement.basis or "",
                    "start": engagement.start.isoformat() if engagement.start else "",
                    "end": engagement.end.isoformat() if engagement.end else "",
                    "dpa": "" if engagement.in_house else _dpa(latest.get((controller_id, engagement.processor))),
                }
            )
    return rows


def export_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ART30_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _dpo(snap: Snapshot, party: Party) -> str:
    if party.dpo:
        return party.dpo
    if party.dpo_of is not None and party.dpo_of in snap.parties:
        group = snap.parties[party.dpo_of]
        return f"{group.dpo or group.email or ''} ({group.name})".strip()
    return ""


def _chain(snap: Snapshot, processor_id: int) -> list[SubprocessorLink]:
    """The processor's sub-processors at every depth, nearest first."""
    out, seen, queue = [], {processor_id}, deque([processor_id])
    while queue:
        current = queue.popleft()
        for link in snap.subs_of.get(current, ()):
            if link.sub not in seen:
                seen.add(link.sub)
                out.append(link)
                queue.append(link.sub)
    return out


def _transfers(
    snap: Snapshot,
    by_exporter: dict[int, list[Transfer]],
    controller_id: int,
    engagement: Engagement,
    chain: list[SubprocessorLink],
) -> list[str]:
    involved = {controller_id, engagement.processor, *(s.sub for s in chain)}
    out, covered = [], set()
    for party_id in sorted(involved):
        for t in by_exporter.get(party_id, ()):
            if t.importer in involved:
                covered.add((t.importer, t.country))
                module = f" module {t.module}" if t.module else ""
                out.append(f"{snap.name(t.importer)} {t.country}: {t.mechanism}{module}")
    for link in chain:
        for country in implied_transfers(link):
            if (link.sub, country) not in covered:
                out.append(f"{snap.name(link.sub)} {country}: no mechanism recorded")
    return out


def _dpa(latest: Agreement | None) -> str:
    if latest is None:
        return "none on record"
    signed = f" {latest.signed.isoformat()}" if latest.signed else ""
    return f"{latest.status}{signed}"
