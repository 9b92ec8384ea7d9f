"""The DPAs on record: signing the latest version, and listing them by controller and processor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from registry.errors import InputError
from registry.models import Agreement, Party
from registry.registry import Actor, Registry


@dataclass
class AgreementRow:
    """The versions of the DPA between one controller and one processor, newest first."""

    controller: str
    processor: str
    versions: list[Agreement]


def list_agreements(registry: Registry, *, party: Party | None = None) -> list[AgreementRow]:
    """Call inside reading()."""
    found = registry.related(party.id or 0, Agreement) if party else registry.all(Agreement)
    pairs: dict[tuple[int, int], list[Agreement]] = {}
    for a in found:
        pairs.setdefault((a.controller, a.processor), []).append(a)
    rows = [
        AgreementRow(registry.name_of(c), registry.name_of(p), sorted(v, key=lambda a: a.version, reverse=True))
        for (c, p), v in pairs.items()
    ]
    return sorted(rows, key=lambda r: (r.controller.casefold(), r.processor.casefold()))


def record_signed(
    registry: Registry, actor: Actor, controller: Party, processor: Party, *, signed: date, review: date
) -> tuple[Agreement, str]:
    """Mark the latest draft signed ("signed"), correct the latest signed one's dates ("corrected"), or record
    an agreement signed outside the bot ("new"). Earlier versions are superseded by a newly signed one."""
    with registry.change(actor) as w:
        existing = [a for a in registry.related(processor.id or 0, Agreement) if a.controller == controller.id]
        drafts = [a for a in existing if a.status == "draft"]
        signed_ones = [a for a in existing if a.status == "signed"]
        if drafts:
            latest = max(drafts, key=lambda a: a.version)
            if latest.created and signed < latest.created:
                raise InputError(
                    f"Version {latest.version} was only written on {latest.created.isoformat()}",
                    value=signed.isoformat(),
                    accepted=f"a signing date on or after {latest.created.isoformat()}",
                )
            for older in existing:
                if older.id != latest.id and older.status in ("draft", "signed"):
                    w.update(older, {"status": "superseded"})
            return w.update(latest, {"status": "signed", "signed": signed, "review": review}), "signed"
        if signed_ones:
            latest = max(signed_ones, key=lambda a: a.version)
            return w.update(latest, {"signed": signed, "review": review}), "corrected"
        version = max((a.version for a in existing), default=0) + 1
        agreement = Agreement(
            controller=controller.id or 0,
            processor=processor.id or 0,
            status="signed",
            signed=signed,
            review=review,
            version=version,
            created=registry.clock().date(),
        )
        return w.insert(agreement), "new"
