"""The breach register as rows for the export (Art. 33(5) documentation): the facts, the effects, the remedial
action and the decisions, never the personal details (the report as written, who reported it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from registry.law import BREACH_AUTHORITY_HOURS
from registry.models import Breach
from registry.registry import Registry

BREACH_SHEET = "Breaches Art. 33(5)"
BREACH_HEADINGS = {
    "id": "Breach no.",
    "status": "Status",
    "discovered": "Discovered",
    "aware": "We became aware",
    "deadline": "72-hour deadline",
    "nature": "What happened (nature)",
    "kinds": "Kind (confidentiality, integrity, availability)",
    "data": "Categories of personal data",
    "subjects": "Categories of data subjects",
    "people": "Approx. number of data subjects",
    "records": "Approx. number of records",
    "consequences": "Likely consequences",
    "measures": "Measures taken or proposed",
    "role": "Our role",
    "processor": "Processor where it happened",
    "controllers": "Controllers concerned",
    "controllers_told": "Controllers told (when)",
    "risk": "Risk assessment",
    "risk_reason": "Reasoning",
    "authority_notified": "Datatilsynet notified",
    "authority_reference": "Datatilsynet's reference",
    "delay_reason": "Reasons for a late notification",
    "subjects_notified": "Data subjects told (Art. 34)",
    "closed": "Closed",
}
BREACH_COLUMNS = tuple(BREACH_HEADINGS)


def breach_rows(registry: Registry) -> list[dict[str, str]]:
    """One row per breach, oldest first (call inside registry.reading())."""
    rows = []
    for b in sorted(registry.all(Breach), key=lambda b: b.id or 0):
        name = registry.name_of
        deadline = datetime.fromisoformat(b.aware).astimezone(UTC) + timedelta(hours=BREACH_AUTHORITY_HOURS)
        told = "; ".join(f"{name(n['party'])} ({n.get('at', '')})" for n in b.controllers_notified)
        subjects = b.subjects_notified.isoformat() if b.subjects_notified else ""
        if not subjects and b.subjects_not_needed:
            subjects = f"not told: {b.subjects_not_needed}"
        row = {
            "id": str(b.id),
            "status": b.status,
            "discovered": b.discovered or "",
            "aware": b.aware,
            "deadline": deadline.astimezone(datetime.fromisoformat(b.aware).tzinfo).isoformat(timespec="minutes"),
            "kinds": ", ".join(b.kinds),
            "people": "" if b.people is None else str(b.people),
            "records": "" if b.records is None else str(b.records),
            "processor": name(b.processor) if b.processor is not None else "",
            "controllers": ", ".join(name(c) for c in b.tell),
            "controllers_told": told,
            "subjects_notified": subjects,
            "closed": b.closed or "",
        }
        for key in ("nature", "data", "subjects", "consequences", "measures", "role", "risk", "risk_reason"):
            row[key] = getattr(b, key) or ""
        for key in ("authority_notified", "authority_reference", "delay_reason"):
            row[key] = getattr(b, key) or ""
        rows.append(row)
    return rows
