"""The DPAs on record: sending, signing and terminating the latest version, and listing them by pair."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from registry.errors import InputError, RegistryError
from registry.models import Agreement, Engagement, Party
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


def _require_engagement(registry: Registry, controller: Party, processor: Party, what: str) -> None:
    """Refuse to record a DPA for a pair where the processor processes nothing for the controller: a name that
    matched the wrong party would otherwise leave an agreement on record that nothing needs."""
    if any(controller.id in e.controllers and not e.in_house for e in registry.related(processor.id or 0, Engagement)):
        return
    raise RegistryError(
        f"No DPA was recorded as {what}: the registry has no processing by {processor.name} for "
        f"{controller.name.removesuffix('.')}. "
        f"If {processor.name} does process personal data for {controller.name}, record that first: engage "
        f'"{processor.name}" for="{controller.name}" purpose="..." data="..." subjects="..."; if you meant '
        f'another party, `who "{processor.name}"` shows what this one does.'
    )


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
        _require_engagement(registry, controller, processor, "sent")
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
        _require_engagement(registry, controller, processor, "signed")
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


@dataclass
class Removal:
    """What `dpa remove` did: the records of the version removed, and earlier records signed again."""

    removed: list[Agreement]
    reinstated: list[Agreement]


def remove_agreement(
    registry: Registry, actor: Actor, controller: Party, processor: Party, *, version: int | None = None
) -> Removal:
    """Remove a version of the DPA between the two, recorded by mistake (the latest unless `version` is given;
    both language versions of it). When it was the signed one, the version it superseded is signed again."""
    with registry.change(actor) as w:
        existing = _versions(registry, controller, processor)
        if not existing:
            raise InputError(
                f"There is no DPA between {controller.name} and {processor.name} on record to remove",
                accepted=f'dpa list "{processor.name}" shows the DPAs on record',
            )
        numbers = sorted({a.version for a in existing})
        chosen = numbers[-1] if version is None else version
        if chosen not in numbers:
            raise InputError(
                f"The DPA between {controller.name} and {processor.name} has no version {chosen}",
                value=str(chosen),
                accepted=" or ".join(str(n) for n in numbers),
            )
        removed = [a for a in existing if a.version == chosen]
        reinstated: list[Agreement] = []
        others = [a for a in existing if a.version != chosen]
        if any(a.status == "signed" for a in removed) and not _latest(others, "signed"):
            earlier = _latest([a for a in others if a.version < chosen and a.signed], "superseded")
            if earlier is not None:
                again = [a for a in others if a.version == earlier.version and a.status == "superseded"]
                reinstated = [w.update(a, {"status": "signed"}) for a in again]
        for a in removed:
            w.remove(a)
        return Removal(removed, reinstated)
