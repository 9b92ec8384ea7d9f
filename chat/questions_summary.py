"""Answers about one party or activity as a whole: what we know about it, and who its DPO is."""

from __future__ import annotations

from chat.questions_facts import Answer, Ask, Sources, also_matched, best_agreement, engagement_facts, no_data
from chat.questions_match import ActivityTarget, PartyTarget
from registry.delivery_records import channel_of
from registry.law import MECHANISMS
from registry.models import Party
from registry.views import party_view


def summary(ask: Ask, target: PartyTarget | ActivityTarget) -> Answer:
    sources = Sources(ask)
    if isinstance(target, ActivityTarget):
        e = target.engagement
        sources.add(e)
        lines = [f"*{e.purpose}*", ask.tr("Controller", "Behandlingsansvarlig") + f": {ask.names(e.controllers)}"]
        lines[-1] += "; " + (
            ask.tr("processed in-house", "behandles internt")
            if e.in_house
            else ask.tr("processor", "databehandler") + f": {ask.name(e.processor)}"
        )
        if e.data:
            lines.append(
                ask.tr("Data", "Opplysninger") + ": " + ", ".join(e.data[:6]) + ("…" if len(e.data) > 6 else "")
            )
        if e.subjects:
            lines.append(ask.tr("About", "Om") + ": " + ", ".join(e.subjects[:4]))
        if e.retention:
            lines.append(ask.tr("Retention", "Lagringstid") + f": {e.retention}")
        lines += also_matched(ask, target, sources)
        return Answer(lines, sources, facts=engagement_facts(ask, e))
    party = target.party
    return _party_summary(ask, party, sources)


def _party_summary(ask: Ask, party: Party, sources: Sources) -> Answer:
    assert party.id is not None
    view = party_view(ask.registry, party)
    sources.add(party)
    role_words = {
        "controller": ("controller", "behandlingsansvarlig"),
        "processor": ("processor", "databehandler"),
        "subprocessor": ("sub-processor", "underdatabehandler"),
    }
    roles = ", ".join(ask.tr(*role_words[r]) for r in view.roles) or ask.tr(
        "no roles recorded", "ingen roller registrert"
    )
    own = ask.tr(" — our organisation", " — vår egen organisasjon") if party.is_self else ""
    where = f" ({party.country})" if party.country else ""
    lines = [f"*{party.name}*{where}{own}: {roles}"]
    if view.processor_for:
        sources.add(*view.processor_for)
        items = [f"{ask.names(e.controllers)} ({ask.quote(e.purpose)})" for e in view.processor_for]
        lines.append(ask.tr("Processes for: ", "Behandler for: ") + ask.capped(items, 3))
    if view.controller_of:
        sources.add(*view.controller_of)
        processors = sorted({ask.name(e.processor) for e in view.controller_of if not e.in_house})
        n = len(view.controller_of)
        text = ask.tr(
            f"Controller for {n} processing {'activity' if n == 1 else 'activities'}",
            f"Behandlingsansvarlig for {n} {'behandling' if n == 1 else 'behandlinger'}",
        )
        if processors:
            text += ask.tr("; processors: ", "; databehandlere: ") + ask.capped(processors, 4)
        lines.append(text)
    if view.subprocessors:
        sources.add(*view.subprocessors)
        lines.append(
            ask.tr("Sub-processors: ", "Underdatabehandlere: ") + ask.join(ask.name(s.sub) for s in view.subprocessors)
        )
    if view.subprocessor_of:
        sources.add(*view.subprocessor_of)
        lines.append(
            ask.tr("Sub-processor for: ", "Underdatabehandler for: ")
            + ask.join(ask.name(s.processor) for s in view.subprocessor_of)
        )
    if ask.me is not None and not party.is_self:
        ours = [a for a in view.agreements if ask.me.id in (a.controller, a.processor)]
        agreement = best_agreement(ours)
        if agreement is not None:
            sources.add(agreement)
            text = ask.tr("DPA with us: ", "Databehandleravtale med oss: ") + ask.status(agreement.status)
            if agreement.review and agreement.status == "signed":
                passed = agreement.review < ask.today
                text += ask.tr(
                    f", review {'was due' if passed else 'due'} {ask.date(agreement.review)}",
                    f", gjennomgang {'skulle vært gjort' if passed else 'innen'} {ask.date(agreement.review)}",
                )
            lines.append(text)
    transfers = view.transfers_out + view.transfers_in
    if transfers:
        sources.add(*transfers)
        invalid = sorted({MECHANISMS[t.mechanism].label for t in transfers if not MECHANISMS[t.mechanism].valid})
        text = ask.tr(
            f"Transfers out of the EEA: {len(transfers)} recorded",
            f"Overføringer ut av EØS: {len(transfers)} registrert",
        )
        if invalid:
            text += ask.tr(
                f", on an invalid mechanism: {', '.join(invalid)}", f", på ugyldig grunnlag: {', '.join(invalid)}"
            )
        lines.append(text)
    if view.dpo_party is not None:
        lines.append(ask.tr(f"DPO: that of {view.dpo_party.name}", f"Personvernombud: det i {view.dpo_party.name}"))
    if view.serves_as_group_dpo_for:
        sources.add(*view.serves_as_group_dpo_for)
        served = ask.join(p.name for p in view.serves_as_group_dpo_for)
        lines.append(ask.tr(f"Its DPO also serves: {served}", f"Personvernombudet dekker også: {served}"))
    contact = [
        party.email and ask.tr("privacy contact ", "personvernkontakt ") + party.email,
        party.dpo and party.dpo != party.email and ask.tr("DPO ", "personvernombud ") + party.dpo,
    ]
    if any(contact):
        lines.append(ask.tr("Contact: ", "Kontakt: ") + ", ".join(c for c in contact if c))
    answered = len(lines) > 1 or bool(view.roles)
    if not answered:
        return no_data(ask, party)
    return Answer(lines, sources, facts={"roles": view.roles})


def dpo(ask: Ask, target: PartyTarget | ActivityTarget) -> Answer:
    """Who a party's DPO is (its own, or the group DPO it uses); for an activity, that of its controllers."""
    sources = Sources(ask)
    if isinstance(target, ActivityTarget):
        sources.add(target.engagement)
        parties = [ask.registry.get(Party, c) for c in target.engagement.controllers]
    else:
        parties = [target.party]
    lines = [line for line in (_dpo_line(ask, p, sources) for p in parties) if line]
    if not lines:
        who = ask.join(p.name for p in parties)
        text = ask.tr(
            f"No DPO or privacy contact is recorded for {who}. Ask {ask.dpo()}.",
            f"Ingen personvernombud eller personvernkontakt er registrert for {who}. Spør {ask.dpo()}.",
        )
        return Answer([text], sources, answered=False)
    return Answer(lines, sources, facts={"dpo": [p.dpo for p in parties]})


def _dpo_line(ask: Ask, party: Party, sources: Sources) -> str | None:
    assert party.id is not None
    name = ask.name(party.id)
    if party.dpo:
        text = ask.tr(f"The DPO of {name}: {party.dpo}", f"Personvernombud for {name}: {party.dpo}")
    elif party.dpo_of is not None:
        group = ask.registry.get(Party, party.dpo_of)
        sources.add(group)
        where = f": {group.dpo}" if group.dpo else ask.tr(" (no address recorded)", " (ingen adresse registrert)")
        text = ask.tr(
            f"{name} uses the DPO of {group.name}{where}", f"{name} bruker personvernombudet i {group.name}{where}"
        )
    else:
        text = ""
    contacts = []
    if party.email and party.email != party.dpo:
        contacts.append(ask.tr(f"privacy contact {party.email}", f"personvernkontakt {party.email}"))
    channel = channel_of(ask.registry, party.id)
    if channel:
        contacts.append(ask.tr(f"Slack {channel}", f"Slack {channel}"))
    if not text and not contacts:
        return None
    sources.add(party)
    if not text:
        text = ask.tr(f"No DPO is recorded for {name}", f"Ingen personvernombud er registrert for {name}")
    return text + ("; " + ", ".join(contacts) if contacts else "") + "."
