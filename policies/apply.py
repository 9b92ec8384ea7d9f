"""Writing the items of a proposal the DPO accepted into the registry, in one audited transaction.

Every write is an upsert: an item applied twice finds what the first time wrote and changes nothing. Facts
already on record are never overwritten by a policy's claim; the reply says which were kept. An item that
cannot be written (an unknown kind of party, a transfer without a country) is skipped with the reason, and
the rest is written. An item that hangs on a party item not chosen or not written is skipped too, before it
writes anything, and says which item it waits for; the outcome tells per item what was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry import validate
from registry.countries import ISO_ALPHA2, is_third_country
from registry.errors import Ambiguous, RegistryError
from registry.law import MECHANISMS
from registry.models import Engagement, Party, Proposal, SubprocessorLink, Transfer
from registry.parties import add_party, update_party
from registry.registry import Actor, Registry
from registry.relations import add_subprocessor, add_transfer, engage

FROM_POLICY = "as stated in its privacy policy"


@dataclass
class Outcome:
    written: dict[int, list[str]] = field(default_factory=dict)  # item number -> the records it wrote
    present: list[int] = field(default_factory=list)  # items the registry already held; nothing written
    kept: list[str] = field(default_factory=list)  # facts on record that differ from the policy's, not changed
    notes: list[str] = field(default_factory=list)  # read, but with no place in the registry
    skipped: dict[str, list[int]] = field(default_factory=dict)  # reason -> item numbers

    @property
    def done(self) -> list[str]:
        return [line for n in sorted(self.written) for line in self.written[n]]

    @property
    def applied(self) -> list[int]:
        return sorted({*self.written, *self.present})


def apply_items(registry: Registry, actor: Actor, proposal: Proposal, numbers: list[int]) -> Outcome:
    """Write items `numbers` (1-based) of the proposal; mark it applied. One transaction for all of it."""
    out = Outcome()
    with registry.change(actor) as w:
        run = _Run(registry, actor, proposal, out, numbers)
        chosen = [(n, proposal.items[n - 1]) for n in numbers]
        # The organisation first, then who it works with, then what hangs on those relations.
        order = ("party", "contact", "dpo", "role", "subprocessor", "transfer", "retention", "legal-basis", "deadline")
        for n, item in sorted(chosen, key=lambda c: (order.index(c[1]["kind"]) if c[1]["kind"] in order else 99, c[0])):
            run.number = n
            try:
                run.apply(item)
            except RegistryError as exc:
                run.failed.add(n)
                out.skipped.setdefault(str(exc), []).append(n)
            else:
                if n not in out.written:
                    out.present.append(n)
        current = registry.get(Proposal, proposal.id or 0)
        w.update(current, {"status": "applied", "applied": sorted({*current.applied, *out.applied})})
    return out


class _Run:
    def __init__(self, registry: Registry, actor: Actor, proposal: Proposal, out: Outcome, numbers: list[int]) -> None:
        self.registry, self.actor, self.proposal, self.out = registry, actor, proposal, out
        self.roles = {i["value"].get("role") for i in proposal.items if i["kind"] == "role"}
        self.chosen = set(numbers)
        self.failed: set[int] = set()  # chosen items that could not be written
        self.number = 0  # the item being written

    def apply(self, item: dict[str, Any]) -> None:
        getattr(self, "_" + item["kind"].replace("-", "_"))(item["value"])

    # -- the organisation ---------------------------------------------------------------------------------

    def subject(self, value: dict[str, Any]) -> Party:
        """Whom the item is about: the row's party in a vendor list, else the policy's organisation."""
        name = value.get("party") or self.proposal.subject
        if not name:
            raise RegistryError("The proposal names no organisation, so there is nothing to attach this to.")
        found = self._find(name)
        if found is None:
            raise RegistryError(self._waits_for(name))
        return found

    def _waits_for(self, name: str) -> str:
        """Why an item about `name` cannot be written while that party is not in the registry."""
        items = self.proposal.items
        party = next((n for n, i in enumerate(items, 1) if i["kind"] == "party" and i["value"]["name"] == name), None)
        if party is None:
            return f"{name} is not in the registry; add it with party add, then apply this item again."
        if party in self.failed:
            return f"It depends on item {party} (party {name}), which was not written either."
        unsure = items[party - 1].get("confidence") == "unsure"
        why = " (its name was read unsure): check the name, then include it" if unsure else "; include it"
        return f"It depends on item {party} (party {name}), which was not chosen{why} with only=."

    def _party(self, value: dict[str, Any]) -> None:
        fields = {
            "orgnr": value.get("orgnr"),
            "address": value.get("address"),
            "country": value.get("country") or ("NO" if value.get("orgnr") else None),
        }
        self._ensure(value["name"], {k: v for k, v in fields.items() if v})

    def _contact(self, value: dict[str, Any]) -> None:
        # A general address is the contact only when the policy gives no privacy address for the same party.
        if value.get("purpose") == "privacy" or not any(
            i["kind"] == "contact"
            and i["value"].get("purpose") == "privacy"
            and i["value"].get("party") == value.get("party")
            for i in self.proposal.items
        ):
            self._set(self.subject(value), "email", validate.email(value["email"]))

    def _dpo(self, value: dict[str, Any]) -> None:
        subject = self.subject(value)
        email = validate.email(value["email"]) if value.get("email") else None
        if value.get("of"):
            group = self._ensure(value["of"], {"dpo": email} if email else {})
            self._set(subject, "dpo_of", group.id, shown=group.name)
        elif email:
            self._set(subject, "dpo", email)

    # -- relations ----------------------------------------------------------------------------------------

    def _role(self, value: dict[str, Any]) -> None:
        subject = self.subject(value)
        what = validate.text(value.get("what") or "processing described in its privacy policy", key="what", limit=300)
        if value["role"] == "controller":
            in_house = Engagement(processor=subject.id or 0, controllers=[subject.id or 0], purpose=what)
            _, new = engage(self.registry, self.actor, in_house)
            self._note(new, f"engagement: {subject.name} is controller for '{what}' (in-house)")
            return
        # A named controller (a vendor list's processor-for), else us: we import our suppliers' policies.
        named = self._find(value["for"]) if value.get("for") else None
        controller = named or self.registry.self_party()
        if controller is None or controller.id == subject.id:
            raise RegistryError(
                f"{subject.name} says it processes for its customers, but our own organisation is not marked "
                "(party set OURS self=yes), so there is no controller to record it for."
            )
        engagement = Engagement(processor=subject.id or 0, controllers=[controller.id or 0], purpose=what)
        _, new = engage(self.registry, self.actor, engagement)
        ours = "" if named else " (we are its customer)"
        self._note(new, f"engagement: {subject.name} processes '{what}' for {controller.name}{ours}")

    def _subprocessor(self, value: dict[str, Any]) -> None:
        subject = self.subject(value)
        named = self._ensure(value["name"], {})
        countries = [c for c in value.get("countries") or [] if c in ISO_ALPHA2]
        service = validate.text(value.get("service") or "named in the privacy policy", key="service", limit=300)
        # Named as engaged by someone, or by an organisation that is itself a processor: a sub-processor.
        if value.get("of") or "processor" in self.roles:
            engaging = self._ensure(value["of"], {}) if value.get("of") else subject
            link = SubprocessorLink(processor=engaging.id or 0, sub=named.id or 0, service=service, countries=countries)
            _, new = add_subprocessor(self.registry, self.actor, link)
            self._note(new, f"sub-processor: {engaging.name} uses {named.name} ({service})")
        else:
            engagement = Engagement(processor=named.id or 0, controllers=[subject.id or 0], purpose=service)
            _, new = engage(self.registry, self.actor, engagement)
            self._note(new, f"engagement: {named.name} processes '{service}' for {subject.name}")
        if "EU" in (value.get("countries") or []) and not countries:
            self.out.kept.append(f"{named.name}: the policy says only 'EU', so no country was recorded")

    def _transfer(self, value: dict[str, Any]) -> None:
        country, mechanism = value.get("country"), value.get("mechanism") or "none"
        if not value.get("importer") or not country or country not in ISO_ALPHA2:
            raise RegistryError(
                f"The transfer claim '{value.get('claim') or mechanism}' names no importer and country; record it by "
                "hand with transfer add if it applies."
            )
        if not is_third_country(country) or mechanism not in MECHANISMS:
            raise RegistryError(f"{country} is not outside the EEA, or '{mechanism}' is not a mechanism I know.")
        subject = self.subject(value)  # before the importer is added: no half-written transfer
        importer = self._ensure(value["importer"], {})
        exporter = self._exporter(importer, subject)
        transfer = Transfer(
            exporter=exporter.id or 0,
            importer=importer.id or 0,
            country=country,
            mechanism=mechanism,
            note=value.get("claim"),
        )
        _, new = add_transfer(self.registry, self.actor, transfer)
        self._note(new, f"transfer {exporter.name} → {importer.name} ({country}) on {MECHANISMS[mechanism].label}")

    def _exporter(self, importer: Party, subject: Party) -> Party:
        """Who sends the data: the processor that engages the importer, the controller it processes for, or
        the policy's organisation; failing those, us."""
        for link in self.registry.related(importer.id or 0, SubprocessorLink):
            if link.sub == importer.id:
                return self.registry.get(Party, link.processor)
        for e in self.registry.related(importer.id or 0, Engagement):
            if e.processor == importer.id and not e.in_house:
                return self.registry.get(Party, e.controllers[0])
        if subject.id != importer.id:
            return subject
        us = self.registry.self_party()
        if us is None:
            raise RegistryError(f"I cannot tell who sends data to {importer.name}; record the transfer by hand.")
        return us

    def _retention(self, value: dict[str, Any]) -> None:
        text = f"{value['what']}: {value['period']}" if value.get("what") else value["period"]
        self._on_own_processing(value, "retention", text)

    def _legal_basis(self, value: dict[str, Any]) -> None:
        text = f"Art. {value['article']}" + (f" ({value['for']})" if value.get("for") else "")
        self._on_own_processing(value, "basis", text)

    def _deadline(self, value: dict[str, Any]) -> None:
        months, days = value.get("months"), value.get("days")
        law = "the law's one month (Art. 12(3))"
        if (days and days > 31) or (months and months > 1):
            raise RegistryError(
                f"It promises to answer within {value.get('text')}, later than {law}: raise it with them."
            )
        raise RegistryError(f"It promises to answer within {value.get('text')}; our deadlines follow {law}.")

    # -- helpers ------------------------------------------------------------------------------------------

    def _on_own_processing(self, value: dict[str, Any], key: str, text: str) -> None:
        """Retention and legal bases belong to the organisation's own (in-house) processing."""
        subject = self.subject(value)
        own = [
            e for e in self.registry.related(subject.id or 0, Engagement) if e.in_house and e.processor == subject.id
        ]
        if not own:
            raise RegistryError(
                f"{subject.name} has no processing of its own on record yet; apply its role item first."
            )
        engagement = own[0]
        current = getattr(engagement, key) or ""
        if text.casefold() in current.casefold():
            return
        joined = f"{current}; {text}" if current else text
        with self.registry.change(self.actor) as w:
            w.update(
                self.registry.get(Engagement, engagement.id or 0), {key: validate.text(joined, key=key, limit=2000)}
            )
        self._wrote(
            f"engagement {subject.name} '{engagement.purpose}': {'retention' if key == 'retention' else 'legal basis'} {text}"
        )

    def _find(self, name: str) -> Party | None:
        try:
            return self.registry.party_named(name)
        except Ambiguous as exc:
            raise RegistryError(f"Several parties match {name!r}; {exc}") from exc

    def _ensure(self, name: str, fields: dict[str, Any]) -> Party:
        """The party by that name, added if new; empty fields filled from `fields`, others kept."""
        party = self._find(name)
        if party is None:
            party = add_party(
                self.registry, self.actor, Party(name=validate.text(name, key="name", limit=200), **fields)
            )
            self._wrote(f"added party {party.name}")
            return party
        for key, value in fields.items():
            self._set(party, key, value)
        return self.registry.get(Party, party.id or 0)

    def _set(self, party: Party, key: str, value: Any, *, shown: str | None = None) -> None:
        current = getattr(self.registry.get(Party, party.id or 0), key)
        if current == value:
            return
        if current not in (None, "", []):
            self.out.kept.append(f"{party.name}: kept {key} {current!r} (the policy says {shown or value!r})")
            return
        update_party(self.registry, self.actor, party, {key: value})
        self._wrote(f"party {party.name}: {key} {shown or value}")

    def _note(self, new: bool, text: str) -> None:
        if new:
            self._wrote(text)

    def _wrote(self, text: str) -> None:
        self.out.written.setdefault(self.number, []).append(text)
