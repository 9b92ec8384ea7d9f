"""Recording who processes for whom: engagements, sub-processor links, transfers and agreements."""

from __future__ import annotations

from typing import Any

from registry.countries import is_third_country
from registry.errors import Conflict, InputError, NotFound, RegistryError
from registry.law import MECHANISMS
from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Actor, R, Registry, Writer


def engage(
    registry: Registry, actor: Actor, engagement: Engagement, *, replace: tuple[str, ...] = ()
) -> tuple[Engagement, bool]:
    """Record that the processor processes for the controllers; the same processor, controllers and purpose
    again updates that engagement (`replace`: fields given that replace the stored value even when empty).
    Returns the engagement and whether it was new."""
    if not engagement.controllers:
        raise InputError("No controller given", accepted="for=CONTROLLER or for=A,B for joint controllers")
    with registry.change(actor) as w:
        existing = _find(
            registry,
            engagement.processor,
            Engagement,
            lambda e: (
                set(e.controllers) == set(engagement.controllers)
                and e.purpose.casefold() == engagement.purpose.casefold()
            ),
        )
        return _upsert(w, existing, engagement, keys=("processor", "controllers", "purpose"), replace=replace)


def remove_engagement(registry: Registry, actor: Actor, engagement: Engagement) -> None:
    with registry.change(actor) as w:
        w.remove(registry.get(Engagement, engagement.id))


def find_engagements(registry: Registry, processor: Party, controller: Party, purpose: str | None) -> list[Engagement]:
    found = [
        e
        for e in registry.related(processor.id, Engagement)
        if e.processor == processor.id and controller.id in e.controllers
    ]
    if purpose:
        found = [e for e in found if e.purpose.casefold() == purpose.casefold()] or [
            e for e in found if purpose.casefold() in e.purpose.casefold()
        ]
    if not found:
        raise NotFound(f"engagement of {processor.name} for {controller.name}", purpose or "any purpose")
    return found


def add_subprocessor(
    registry: Registry, actor: Actor, link: SubprocessorLink, *, cleared: tuple[str, ...] = ()
) -> tuple[SubprocessorLink, bool]:
    """Record that `processor` engages `sub`; refuses a loop in the chain. The same pair again updates it, and
    the fields in `cleared` (given with nothing after key=) are emptied."""
    if link.processor == link.sub:
        raise Conflict("A party cannot be its own sub-processor.")
    with registry.change(actor) as w:
        if _reaches(registry, link.sub, link.processor):
            raise Conflict(
                f"{registry.name_of(link.sub)} already (directly or through others) uses "
                f"{registry.name_of(link.processor)} as sub-processor; this link would make a loop."
            )
        existing = _between(
            registry, SubprocessorLink, ("processor", link.processor), ("sub", link.sub), lambda s: True
        )
        if existing is None and link.added is None:
            link.added = registry.clock().date()
        return _upsert(w, existing, link, keys=("processor", "sub", "added"), replace=cleared)


def find_subprocessor(registry: Registry, processor: Party, sub: Party) -> SubprocessorLink | None:
    """The link from `processor` to `sub`, if one is recorded (call inside reading())."""
    return _find(registry, processor.id, SubprocessorLink, lambda s: s.sub == sub.id)


def remove_subprocessor(registry: Registry, actor: Actor, processor: Party, sub: Party) -> SubprocessorLink:
    with registry.change(actor) as w:
        link = _find(registry, processor.id, SubprocessorLink, lambda s: s.sub == sub.id)
        if link is None:
            raise NotFound(f"sub-processor link from {processor.name}", sub.name)
        w.remove(link)
        return link


def add_transfer(
    registry: Registry, actor: Actor, transfer: Transfer, *, cleared: tuple[str, ...] = ()
) -> tuple[Transfer, bool]:
    """Record a transfer to a third country; the same exporter, importer and country again updates it, and the
    fields in `cleared` (given with nothing after key=) are emptied."""
    with registry.reading():
        try:
            importer: Party | None = registry.get(Party, transfer.importer)
        except RegistryError:
            importer = None
    check_transfer(transfer, international=importer is not None and importer.sector == "international")
    if transfer.exporter == transfer.importer:
        raise Conflict("Exporter and importer are the same party; a transfer is between two parties.")
    with registry.change(actor) as w:
        existing = _between(
            registry,
            Transfer,
            ("exporter", transfer.exporter),
            ("importer", transfer.importer),
            lambda t: t.country == transfer.country,
        )
        if existing is None and transfer.added is None:
            transfer.added = registry.clock().date()
        return _upsert(w, existing, transfer, keys=("exporter", "importer", "country", "added"), replace=cleared)


def remove_transfer(registry: Registry, actor: Actor, exporter: Party, importer: Party, country: str) -> Transfer:
    with registry.change(actor) as w:
        found = _find(registry, exporter.id, Transfer, lambda t: t.importer == importer.id and t.country == country)
        if found is None:
            raise NotFound(f"transfer from {exporter.name} in {country}", importer.name)
        w.remove(found)
        return found


def check_transfer(transfer: Transfer, *, international: bool = False) -> None:
    """Refuses what is not a Chapter V transfer. To an international organisation it is one wherever the
    organisation sits (GDPR Art. 44), so `international` allows a seat inside the EEA."""
    if not international and not is_third_country(transfer.country):
        raise InputError(
            f"{transfer.country} is in the EEA, so this is not a transfer under GDPR Chapter V",
            accepted="a destination outside the EU/EEA, e.g. country=US",
        )
    mechanism = MECHANISMS[transfer.mechanism]
    if transfer.module is not None and not mechanism.needs_module:
        raise InputError(
            f"module= only applies to scc-2021, not {transfer.mechanism}", accepted="mechanism=scc-2021 module=1-4"
        )


def add_agreement(registry: Registry, actor: Actor, agreement: Agreement) -> Agreement:
    with registry.change(actor) as w:
        return w.insert(agreement)


def _find(registry: Registry, party_id: int, cls: type[R], match: Any) -> R | None:
    """The record of `cls` referring to `party_id` in its first party field that satisfies `match`."""
    first_field = {Engagement: "processor", SubprocessorLink: "processor", Transfer: "exporter"}[cls]
    for record in registry.related(party_id, cls):
        if getattr(record, first_field) == party_id and match(record):
            return record
    return None


def _between(registry: Registry, cls: type[R], first: tuple[str, int], second: tuple[str, int], match: Any) -> R | None:
    """The record of `cls` linking the two parties (in those fields) that satisfies `match`, looked up from the
    party with fewer references (a vendor list adds thousands of links to one party)."""
    anchor = min((first, second), key=lambda f: registry.reference_count(f[1]))
    for record in registry.related(anchor[1], cls):
        if getattr(record, first[0]) == first[1] and getattr(record, second[0]) == second[1] and match(record):
            return record
    return None


def _upsert(
    w: Writer, existing: R | None, record: R, *, keys: tuple[str, ...], replace: tuple[str, ...] = ()
) -> tuple[R, bool]:
    if existing is None:
        return w.insert(record), True
    new, old = record.to_doc(), existing.to_doc()
    # Only what the user gave again replaces what is stored; a key left out keeps its value.
    changes = {
        k: getattr(record, k)
        for k in new
        if k not in keys and (new[k] not in (None, []) or k in replace) and new[k] != old[k]
    }
    if not changes:
        return existing, False
    return w.update(existing, changes), False


def _reaches(registry: Registry, start: int, target: int) -> bool:
    """Whether `target` is among `start`'s sub-processors at any depth."""
    stack, seen = [start], set()
    while stack:
        current = stack.pop()
        if current == target:
            return True
        if current in seen:
            continue
        seen.add(current)
        stack.extend(s.sub for s in registry.related(current, SubprocessorLink) if s.processor == current)
    return False
