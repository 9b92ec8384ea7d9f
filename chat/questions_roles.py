"""Answers about roles: who is the controller, who processes, and which sub-processors."""

from __future__ import annotations

from chat.questions_facts import (
    Answer,
    Ask,
    Sources,
    also_matched,
    engagement_facts,
    has_processing,
    no_data,
    purposes,
    sub_chain,
    upstream,
)
from chat.questions_match import ActivityTarget, PartyTarget
from registry.countries import is_third_country
from registry.models import Engagement, Party, SubprocessorLink
from registry.views import party_view

Subjectish = PartyTarget | ActivityTarget


def controller(ask: Ask, target: Subjectish) -> Answer:
    if isinstance(target, ActivityTarget):
        e = target.engagement
        sources = Sources(ask)
        sources.add(e)
        who, what = ask.names(e.controllers), ask.quote(e.purpose)
        if len(e.controllers) == 1:
            head = ask.tr(f"*{who}* is the controller for {what}.", f"*{who}* er behandlingsansvarlig for {what}.")
        else:
            head = ask.tr(
                f"*{who}* are joint controllers (GDPR Art. 26) for {what}.",
                f"*{who}* er felles behandlingsansvarlige (GDPR art. 26) for {what}.",
            )
        lines = [head, _processor_sentence(ask, e), *also_matched(ask, target, sources)]
        return Answer(lines, sources, facts=engagement_facts(ask, e))
    party = target.party
    assert party.id is not None
    view = party_view(ask.registry, party)
    sources = Sources(ask)
    lines: list[str] = []
    if view.processor_for:
        served = sorted(view.processor_for, key=lambda e: not any(ask.is_me(c) for c in e.controllers))
        sources.add(*served)
        lines.append(
            ask.tr(
                f"{party.name} is a processor; the controller:", f"{party.name} er databehandler; behandlingsansvarlig:"
            )
        )
        lines += ask.bullets([f"*{ask.names(e.controllers)}* for {ask.quote(e.purpose)}" for e in served])
    above = upstream(ask.registry, party.id)
    if above:
        sources.add(*(r for pair in above for r in pair))
        lines.append(
            ask.tr(
                f"{party.name} is a sub-processor; the controller of the processing it serves:",
                f"{party.name} er underdatabehandler; behandlingsansvarlig for behandlingen den er med på:",
            )
        )
        lines += ask.bullets(
            [
                f"*{ask.names(e.controllers)}* for {ask.quote(e.purpose)} ({ask.tr('via', 'via')} {ask.name(link.processor)})"
                for link, e in above
            ]
        )
    if view.controller_of:
        sources.add(*view.controller_of)
        lines.append(
            ask.tr(
                f"{ask.name(party.id)} is the controller for its own processing: {purposes(ask, view.controller_of)}.",
                f"{ask.name(party.id)} er selv behandlingsansvarlig for: {purposes(ask, view.controller_of)}.",
            )
        )
    if not lines:
        return no_data(ask, party)
    controllers = {c for e in view.processor_for for c in e.controllers} | {c for _, e in above for c in e.controllers}
    return Answer(lines, sources, facts={"controllers": sorted(ask.registry.name_of(c) for c in controllers)})


def processor(ask: Ask, target: Subjectish) -> Answer:
    if isinstance(target, ActivityTarget):
        e = target.engagement
        sources = Sources(ask)
        sources.add(e)
        lines = [_processor_sentence(ask, e, lead=True)]
        firsts = [link for depth, link in sub_chain(ask.registry, e.processor) if depth == 1]
        if firsts:
            sources.add(*firsts)
            subs = ask.join(ask.name(link.sub) for link in firsts)
            lines.append(ask.tr(f"Its sub-processors: {subs}.", f"Underdatabehandlere: {subs}."))
        lines += also_matched(ask, target, sources)
        return Answer(lines, sources, facts=engagement_facts(ask, e))
    party = target.party
    view = party_view(ask.registry, party)
    sources = Sources(ask)
    lines: list[str] = []
    if view.processor_for:
        served = sorted(view.processor_for, key=lambda e: not any(ask.is_me(c) for c in e.controllers))
        sources.add(*served)
        lines.append(ask.tr(f"*{party.name}* is processor for:", f"*{party.name}* er databehandler for:"))
        lines += ask.bullets([f"{ask.quote(e.purpose)}, for {ask.names(e.controllers)}" for e in served])
    users = [e for e in view.controller_of if not e.in_house]
    if users:
        sources.add(*users)
        lines.append(
            ask.tr(
                f"Processors for {ask.name(party.id)} as controller:",
                f"Databehandlere for {ask.name(party.id)} som behandlingsansvarlig:",
            )
        )
        lines += ask.bullets([f"*{ask.name(e.processor)}*: {ask.quote(e.purpose)}" for e in users])
    if not lines and view.controller_of:
        sources.add(*view.controller_of)
        lines.append(
            ask.tr(
                f"No processor is recorded for {party.name}: it processes its own data in-house"
                f" ({purposes(ask, view.controller_of)}).",
                f"Ingen databehandler er registrert for {party.name}: den behandler egne data selv"
                f" ({purposes(ask, view.controller_of)}).",
            )
        )
    if view.subprocessor_of:
        sources.add(*view.subprocessor_of)
        above = ask.join(ask.name(link.processor) for link in view.subprocessor_of)
        lines.append(
            ask.tr(f"{party.name} is a sub-processor for {above}.", f"{party.name} er underdatabehandler for {above}.")
        )
    if not lines:
        return no_data(ask, party)
    return Answer(lines, sources, facts={"processor_for": [e.purpose for e in view.processor_for]})


def subprocessors(ask: Ask, target: Subjectish) -> Answer:
    sources = Sources(ask)
    if isinstance(target, ActivityTarget):
        e = target.engagement
        what, proc = ask.quote(e.purpose), ask.name(e.processor)
        sources.add(e)
        if e.in_house:
            lines = [ask.tr(f"{what} is processed in-house by {proc}.", f"{what} behandles internt av {proc}.")]
        else:
            by = ask.names(e.controllers)
            lines = [ask.tr(f"{what} is processed by *{proc}* for {by}.", f"{what} behandles av *{proc}* for {by}.")]
        chain = sub_chain(ask.registry, e.processor)
        if chain:
            lines.append(ask.tr(f"{proc} uses these sub-processors:", f"{proc} bruker disse underdatabehandlerne:"))
        else:
            lines.append(
                ask.tr(
                    f"No sub-processors are recorded for {proc}.",
                    f"Ingen underdatabehandlere er registrert for {proc}.",
                )
            )
        lines += _chain_lines(ask, chain, sources)
        lines += also_matched(ask, target, sources)
        return Answer(lines, sources, facts={"subprocessors": [ask.registry.name_of(link.sub) for _, link in chain]})
    party = target.party
    assert party.id is not None
    if not has_processing(ask.registry, party.id):
        return no_data(ask, party)
    chain = sub_chain(ask.registry, party.id)
    lines = [ask.tr(f"*{party.name}* uses these sub-processors:", f"*{party.name}* bruker disse underdatabehandlerne:")]
    if not chain:
        lines = [
            ask.tr(
                f"No sub-processors are recorded for {party.name}.",
                f"Ingen underdatabehandlere er registrert for {party.name}.",
            )
        ]
        # A controller's question is usually about the sub-processors under its processors.
        below = _below_processors(ask, party)
        if below:
            lines.append(
                ask.tr(
                    f"Under the processors of {ask.name(party.id)}:", f"Under databehandlerne til {ask.name(party.id)}:"
                )
            )
            chain = below
    lines += _chain_lines(ask, chain, sources)
    parents = [link for link in ask.registry.related(party.id, SubprocessorLink) if link.sub == party.id]
    if parents:
        sources.add(*parents)
        above = ask.join(ask.name(link.processor) for link in parents)
        lines.append(
            ask.tr(
                f"{party.name} is itself a sub-processor for {above}.",
                f"{party.name} er selv underdatabehandler for {above}.",
            )
        )
    if not sources.items:
        sources.add(party)
    return Answer(lines, sources, facts={"subprocessors": [ask.registry.name_of(link.sub) for _, link in chain]})


# -- shared wording -------------------------------------------------------------------------------------


def _processor_sentence(ask: Ask, e: Engagement, *, lead: bool = False) -> str:
    proc, what = ask.name(e.processor), ask.quote(e.purpose)
    if e.in_house:
        if lead:
            return ask.tr(
                f"No separate processor: {proc} processes {what} itself, as controller (in-house).",
                f"Ingen egen databehandler: {proc} behandler {what} selv, som behandlingsansvarlig (internt).",
            )
        return ask.tr(
            f"{proc} processes it itself (in-house; no processor).",
            f"{proc} behandler det selv (internt; ingen databehandler).",
        )
    if lead:
        by = ask.names(e.controllers)
        return ask.tr(
            f"*{proc}* is the processor for {what}, on behalf of {by}.",
            f"*{proc}* er databehandler for {what}, på vegne av {by}.",
        )
    return ask.tr(f"Processor: *{proc}*", f"Databehandler: *{proc}*")


def _chain_lines(ask: Ask, chain: list[tuple[int, SubprocessorLink]], sources: Sources) -> list[str]:
    sources.add(*(link for _, link in chain))
    items = []
    for depth, link in chain:
        outside = [c for c in link.countries if is_third_country(c)]
        where = ", ".join(link.countries)
        if outside:
            where += ask.tr(", outside the EEA", ", utenfor EØS")
        via = f", via {ask.name(link.processor)}" if depth > 1 else ""
        items.append(f"*{ask.name(link.sub)}*: {link.service}" + (f" ({where})" if where else "") + via)
    return ask.bullets(items)


def _below_processors(ask: Ask, party: Party) -> list[tuple[int, SubprocessorLink]]:
    """Sub-processors under the processors of a controller's processing, each chain once."""
    out: list[tuple[int, SubprocessorLink]] = []
    seen: set[int] = set()
    for e in ask.registry.related(party.id, Engagement) if party.id is not None else []:
        if party.id in e.controllers and not e.in_house and e.processor not in seen:
            seen.add(e.processor)
            out += [(depth + 1, link) for depth, link in sub_chain(ask.registry, e.processor)]
    return out
