"""Who must be told of a breach, from the registry's engagements, sub-processor links and agreements.

- Data we process for a controller (about=CONTROLLER, or an engagement where we are the processor): we are the
  processor and must tell that controller without undue delay (Art. 33(2)), within the hours our DPA with it
  fixes; the controller assesses the risk and notifies the authority.
- A breach at our sub-processor (processor=SUB, a sub-processor link from us to it): we must in turn tell the
  controllers we process for (those named with about=, else every controller of our engagements as processor).
- A breach at our own processor (processor=P, an engagement of P for us), or in our own systems: our own data;
  we are the controller and the privacy team assesses the risk (Art. 33(1), 34(1)).

`decide` gives the role and the controllers to tell, stored on the breach when it is reported or its parties
change; `recipients` gives each controller's contact and DPA hours for the reply, the drafts and the Slack side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from registry.errors import InputError
from registry.law import DPA_BREACH_HOURS
from registry.models import Agreement, Breach, Engagement, Party, SubprocessorLink
from registry.registry import Registry

_STATUS_ORDER = {"signed": 0, "sent": 1, "draft": 2}


@dataclass
class Decision:
    role: str  # controller, processor or sub-processor
    tell: list[int]
    notes: list[str] = field(default_factory=list)


@dataclass
class Recipient:
    """A controller to tell: its contact, and the hours our DPA with it gives us."""

    party: Party
    contact: str | None
    hours: int
    hours_recorded: bool  # False: the agreement (or its hours) is not on record; the template's default is shown
    agreement: str | None  # the agreement's status and version, e.g. "signed v2"; None when there is none
    told: str | None  # when it was told, ISO 8601

    def by(self, aware: datetime) -> datetime:
        return aware + timedelta(hours=self.hours)

    def hours_text(self) -> str:
        if self.agreement is None:
            return f"no DPA on record: without undue delay (our template's default is {self.hours} hours)"
        if not self.hours_recorded:
            return f"{self.hours} hours (not recorded on the DPA, {self.agreement}; our template's default)"
        return f"{self.hours} hours (our DPA, {self.agreement})"


def decide(registry: Registry, *, processor: int | None, about: list[int]) -> Decision:
    """Our role and the controllers we must tell (call inside registry.reading())."""
    me = registry.self_party()
    my_id = me.id if me is not None else None
    ours = _controllers_we_serve(registry, my_id)
    notes: list[str] = []
    about = [a for a in about if a != my_id]
    if processor is not None and processor != my_id:
        name = registry.name_of(processor)
        is_sub = any(
            link.processor == my_id and link.sub == processor for link in registry.related(processor, SubprocessorLink)
        )
        if is_sub:
            tell = about or sorted(ours)
            if not tell:
                notes.append(f"{name} is our sub-processor, but no engagement shows us processing for a controller.")
            if any(a not in ours for a in about):
                notes.append(_not_served(registry, [a for a in about if a not in ours]))
            return Decision("sub-processor", tell, notes)
        serves_us = any(my_id in e.controllers for e in registry.related(processor, Engagement))
        if not serves_us:
            notes.append(f"{name} is not on record as our processor or sub-processor (engage or subprocessor add).")
    if about:
        if any(a not in ours for a in about):
            notes.append(_not_served(registry, [a for a in about if a not in ours]))
        return Decision("processor", about, notes)
    return Decision("controller", [], notes)


def named_company(registry: Registry, party: Party) -> str:
    """What a company a reporter names is to the breach (call inside registry.reading()): "about" when we
    process data for it, "processor" when it processes for us or is our sub-processor (the breach happened
    there). Refused when the registry shows neither, or both, so the privacy team routes it instead."""
    me = registry.self_party()
    my_id = me.id if me is not None else None
    kinds = set()
    if party.id in _controllers_we_serve(registry, my_id):
        kinds.add("about")
    if any(my_id in e.controllers and e.processor == party.id for e in registry.related(party.id, Engagement)) or any(
        link.processor == my_id and link.sub == party.id for link in registry.related(party.id, SubprocessorLink)
    ):
        kinds.add("processor")
    if len(kinds) != 1:
        why = "both a customer we process for and a supplier of ours" if kinds else "neither a customer we process"
        why += "" if kinds else " for nor a supplier of ours"
        raise InputError(
            f"{party.name} is {why} in the registry",
            accepted="leave the company empty: the privacy team routes the report",
        )
    return kinds.pop()


def _controllers_we_serve(registry: Registry, my_id: int | None) -> set[int]:
    if my_id is None:
        return set()
    return {c for e in registry.related(my_id, Engagement) if e.processor == my_id for c in e.controllers} - {my_id}


def _not_served(registry: Registry, ids: list[int]) -> str:
    names = ", ".join(registry.name_of(i) for i in ids)
    return f"No engagement shows us processing for {names}; check the registry (engage ... ) all the same."


def recipients(registry: Registry, breach: Breach) -> list[Recipient]:
    """Each controller the breach must be told to, with its contact and our DPA's hours (inside reading())."""
    me = registry.self_party()
    told = {n.get("party"): n.get("at") for n in breach.controllers_notified}
    out = []
    for pid in breach.tell:
        party = registry.get(Party, pid)
        agreement = _agreement(registry, pid, me.id if me is not None else None)
        hours = agreement.breach_hours if agreement is not None and agreement.breach_hours else None
        out.append(
            Recipient(
                party=party,
                contact=contact(party),
                hours=hours or DPA_BREACH_HOURS,
                hours_recorded=hours is not None,
                agreement=f"{agreement.status} v{agreement.version}" if agreement is not None else None,
                told=told.get(pid),
            )
        )
    return out


def contact(party: Party) -> str | None:
    """Where a controller hears of a breach: its DPO, its privacy address, or its named contact."""
    parts = [p for p in (party.dpo or party.email, party.contact) if p]
    return ", ".join(parts) or None


def _agreement(registry: Registry, controller: int, processor: int | None) -> Agreement | None:
    """Our DPA with the controller that counts: signed before sent before draft, the latest version first."""
    if processor is None:
        return None
    found = [
        a
        for a in registry.related(controller, Agreement)
        if a.controller == controller and a.processor == processor and a.status in _STATUS_ORDER
    ]
    found.sort(key=lambda a: (_STATUS_ORDER[a.status], -a.version))
    return found[0] if found else None
