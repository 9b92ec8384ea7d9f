"""The DPAs on record: sending, signing and terminating the latest version, and listing them by pair."""

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


UNSIGNED = ("draft", "sent")


def _versions(registry: Registry, controller: Party, processor: Party) -> list[Agreement]:
    return [a for a in registry.related(processor.id or 0, Agreement) if a.controller == controller.id]


def _latest(versions: list[Agreement], *statuses: str) -> Agreement | None:
    found = [a for a in versions if a.status in statuses]
    return max(found, key=lambda a: a.version) if found else None


def _not_before(when: date, earliest: date | None, what: str, version: int) -> None:
    if earliest is not None and when < earliest:
        raise InputError(
            f"Version {version} was only {what} on {earliest.isoformat()}",
            value=when.isoformat(),
            accepted=f"a date on or after {earliest.isoformat()}",
        )


def record_sent(
    registry: Registry, actor: Actor, controller: Party, processor: Party, *, sent: date
) -> tuple[Agreement, str]:
    """Mark the latest unsigned version as sent to the other party for signing ("sent"), or correct the date it
    was sent ("corrected")."""
    with registry.change(actor) as w:
        latest = _latest(_versions(registry, controller, processor), *UNSIGNED)
        if latest is None:
            raise InputError(
                f"There is no unsigned DPA between {controller.name} and {processor.name} to send",
                accepted=f'first write one: dpa generate "{controller.name}" "{processor.name}"',
            )
        _not_before(sent, latest.created, "written", latest.version)
        action = "corrected" if latest.status == "sent" else "sent"
        return w.update(latest, {"status": "sent", "sent": sent}), action


def record_terminated(
    registry: Registry, actor: Actor, controller: Party, processor: Party, *, ended: date
) -> Agreement:
    """Mark the signed DPA between the two as terminated on `ended`."""
    with registry.change(actor) as w:
        latest = _latest(_versions(registry, controller, processor), "signed")
        if latest is None:
            raise InputError(
                f"There is no signed DPA between {controller.name} and {processor.name} to terminate",
                accepted=f'dpa list "{processor.name}" shows the DPAs on record',
            )
        _not_before(ended, latest.signed, "signed", latest.version)
        return w.update(latest, {"status": "terminated", "ended": ended})


def record_signed(
    registry: Registry, actor: Actor, controller: Party, processor: Party, *, signed: date, review: date
) -> tuple[Agreement, str]:
    """Mark the latest draft (or sent version) signed ("signed"), correct the latest signed one's dates
    ("corrected"), or record an agreement signed outside the bot ("new"). Earlier versions are superseded by a
    newly signed one."""
    with registry.change(actor) as w:
        existing = _versions(registry, controller, processor)
        latest = _latest(existing, *UNSIGNED)
        if latest is not None:
            _not_before(signed, latest.created, "written", latest.version)
            _not_before(signed, latest.sent, "sent", latest.version)
            for older in existing:
                if older.id != latest.id and older.version == latest.version and older.status in UNSIGNED:
                    # The same version in the other language: one agreement, signed in both language versions.
                    w.update(older, {"status": "signed", "signed": signed, "review": review})
                elif older.id != latest.id and older.status in (*UNSIGNED, "signed"):
                    w.update(older, {"status": "superseded"})
            return w.update(latest, {"status": "signed", "signed": signed, "review": review}), "signed"
        current = _latest(existing, "signed")
        if current is not None:
            return w.update(current, {"signed": signed, "review": review}), "corrected"
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
