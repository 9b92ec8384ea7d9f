"""What a DPA between a controller and a processor must say, gathered from the registry, and what stops it.

A DPA is refused, rather than written with gaps, when the registry lacks a fact the contract must state, or
when a transfer in the processing rests on a mechanism that does not hold (the document would present it as
valid). Lesser open flags are passed on for the DPO to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from registry.errors import InputError, RegistryError
from registry.models import Agreement, Engagement, Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.review import DPA_LINK_CODES, Flag, ReviewSettings, review
from registry.snapshot import snapshot

# Medium flags that still make a transfer clause wrong if written as it stands.
BLOCKING_CODES = frozenset({"mechanism-unverified", "art49-regular", "scc-module-missing", "scc-module-mismatch"})


@dataclass
class DpaFacts:
    """The registry's facts for one controller-processor pair, and what stands in the way of a DPA."""

    controller: Party
    processor: Party
    engagements: list[Engagement]
    chain: list[SubprocessorLink]  # the processor's sub-processors at every depth
    transfers: list[Transfer]  # transfers out of the EEA within this processing
    parties: dict[int, Party]
    agreements: list[Agreement]  # earlier versions for the pair, oldest first
    joint: list[Party]  # other controllers of the same processing (Art. 26)
    missing: list[str]  # facts the DPA needs, each with the command that records it
    refused: list[Flag]  # flags that make the document wrong if written as things stand
    warnings: list[Flag]  # other open flags about this processing
    # processing the two decide together (the processor is also a controller of it): Art. 26, not in this DPA
    jointly: list[Engagement] = field(default_factory=list)

    def version_for(self, lang: str) -> int:
        """The version a document in `lang` gets: the latest draft's own number when that draft exists only in
        the other language (two language versions of one agreement version), otherwise the next number."""
        latest = max((a.version for a in self.agreements), default=0)
        same = [a for a in self.agreements if a.version == latest]
        if same and all(a.status == "draft" and a.lang and a.lang != lang for a in same):
            return latest
        return latest + 1

    @property
    def version(self) -> int:
        return max((a.version for a in self.agreements), default=0) + 1

    def locations(self, link: SubprocessorLink) -> list[str]:
        sub = self.parties.get(link.sub)
        return link.countries or ([sub.country] if sub and sub.country else [])


def gather(
    registry: Registry, controller: Party, processor: Party, *, today: date, settings: ReviewSettings
) -> DpaFacts:
    if controller.id == processor.id:
        raise InputError(
            f"{controller.name} cannot have a DPA with itself; processing it does in-house needs no processor contract",
            accepted="a controller and its processor, e.g. dpa generate Nordlys IWMAC",
        )
    flags = review(registry, today=today, settings=settings)
    with registry.reading():
        snap = snapshot(registry)
        mine = [e for e in snap.engagements if e.processor == processor.id and controller.id in e.controllers]
        current = [e for e in mine if e.end is None or e.end >= today]
        # When the "processor" is itself a controller of the processing, the two are joint controllers (Art. 26):
        # neither processes for the other, and an Art. 28 agreement would misstate their roles.
        jointly = [e for e in current if processor.id in e.controllers]
        current = [e for e in current if processor.id not in e.controllers]
        if not current and jointly:
            raise RegistryError(_joint_controllers(controller, processor, jointly, snap.parties))
        if not current:
            raise RegistryError(_no_engagement(controller, processor, mine))
        chain = snap.chain(processor.id)
        inside = {processor.id, *(link.sub for link in chain)}
        transfers = [t for t in snap.transfers if t.importer in inside and t.exporter in inside | {controller.id}]
        agreements = sorted(
            (a for a in snap.agreements if (a.controller, a.processor) == (controller.id, processor.id)),
            key=lambda a: a.version,
        )
        joint_ids = dict.fromkeys(c for e in current for c in e.controllers if c not in (controller.id, processor.id))
        facts = DpaFacts(
            controller=controller,
            processor=processor,
            engagements=current,
            chain=chain,
            transfers=transfers,
            parties=snap.parties,
            agreements=agreements,
            joint=[snap.parties[c] for c in joint_ids if c in snap.parties],
            missing=[],
            refused=[],
            warnings=[],
            jointly=jointly,
        )
    facts.missing = _missing(facts)
    subjects = {
        *(("transfer", t.id) for t in transfers),
        *(("link", link.id) for link in chain),
        *(("engagement", e.id) for e in current),
        *(("agreement", a.id) for a in agreements),
        *(("cycle", i) for i in inside),
    }
    for flag in flags:
        if flag.subject not in subjects or flag.code == "no-dpa":
            continue
        if flag.code in DPA_LINK_CODES and flag.party_ids[:2] != (controller.id, processor.id):
            continue  # about another agreement: another controller's with this processor, or another processor's
        if flag.severity == "high" or flag.code in BLOCKING_CODES:
            facts.refused.append(flag)
        else:
            facts.warnings.append(flag)
    return facts


def _joint_controllers(
    controller: Party, processor: Party, jointly: list[Engagement], parties: dict[int, Party]
) -> str:
    purposes = ", ".join(f"'{e.purpose}'" for e in jointly)
    first = jointly[0]
    controllers = ",".join(parties[c].name for c in first.controllers if c in parties)
    return (
        f"No DPA was written: {controller.name} and {processor.name} are joint controllers of {purposes} "
        "(the registry records both as its controllers). They decide its purposes and means together, so "
        f"{processor.name} does not process for {controller.name}, and an Art. 28 data processing agreement "
        "would misstate their roles. Joint controllers need an arrangement under GDPR Art. 26 instead: who "
        "informs the data subjects (Art. 13 and 14), who answers their requests, who handles breaches, and a "
        "contact point for data subjects; its essence is made available to them, and they may exercise their "
        "rights against either controller (Art. 26(3)). What to do: agree that arrangement with "
        f"{processor.name} (the bot does not write it yet). If {processor.name} in fact only processes on "
        f"{controller.name}'s instructions, correct the registry: "
        f'engagement remove "{processor.name}" for="{controllers}" purpose="{first.purpose}", then '
        f'engage "{processor.name}" for="{controller.name}" purpose="{first.purpose}".'
    )


def _no_engagement(controller: Party, processor: Party, ended: list[Engagement]) -> str:
    if ended:
        last = max(e.end for e in ended if e.end is not None)
        return (
            f"{processor.name}'s processing for {controller.name} ended on {last.isoformat()}; a DPA is for "
            "processing that goes on. Record new processing with `engage` first."
        )
    return (
        f"The registry has no processing by {processor.name} for {controller.name}, so there is nothing for a DPA "
        f'to cover. Record it first: engage "{processor.name}" for="{controller.name}" purpose="..." '
        'data="..." subjects="...".'
    )


def _missing(facts: DpaFacts) -> list[str]:
    out = []
    for role, party in (("controller", facts.controller), ("processor", facts.processor)):
        needs = [
            ("postal address", "address", party.address),
            ("country", "country", party.country),
            ("privacy contact e-mail", "email", party.email),
        ]
        if party.country == "NO":
            needs.append(("organisation number", "orgnr", party.orgnr))
        for what, key, value in needs:
            if not value:
                out.append(f'the {role} {party.name}\'s {what} (party set "{party.name}" {key}=...)')
    for e in facts.engagements:
        for what, key, value in (("personal data", "data", e.data), ("data subjects", "subjects", e.subjects)):
            if not value:
                out.append(
                    f"the categories of {what} processed for '{e.purpose}' "
                    f'(engage "{facts.processor.name}" for="{facts.controller.name}" purpose="{e.purpose}" {key}="...")'
                )
    for link in facts.chain:
        if not facts.locations(link):
            sub, by = facts.parties[link.sub].name, facts.parties[link.processor].name
            out.append(
                f'where {sub} processes the data (subprocessor add "{by}" "{sub}" service="{link.service}" '
                "countries=...)"
            )
    return out
