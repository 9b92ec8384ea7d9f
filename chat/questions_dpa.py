"""Answers about data processing agreements (Art. 28(3)): is there one, is it signed, is it due for review."""

from __future__ import annotations

from typing import Any

from chat.questions_facts import Answer, Ask, Sources, best_agreement, no_data
from chat.questions_match import ActivityTarget, PartyTarget
from registry.models import Agreement, Engagement, Party


def dpa(ask: Ask, target: PartyTarget | ActivityTarget) -> Answer:
    if isinstance(target, PartyTarget):
        party = target.party
        if ask.me is None:
            return _dpa_between(ask, party, None)
        if ask.is_me(party.id or -1):
            return _our_dpas(ask)
        return _dpa_with_us(ask, party)
    e = target.engagement
    what = ask.quote(e.purpose)
    if e.in_house:
        sources = Sources(ask)
        sources.add(e)
        text = ask.tr(
            f"No DPA is needed for {what}: {ask.name(e.processor)} processes it itself, as controller (in-house).",
            f"Det trengs ingen databehandleravtale for {what}: {ask.name(e.processor)} behandler det selv, "
            "som behandlingsansvarlig (internt).",
        )
        return Answer([text], sources, facts={"status": None, "needed": False})
    processor = ask.registry.get(Party, e.processor)
    if ask.me is not None and ask.me.id in e.controllers:
        answer = _dpa_with_us(ask, processor)
    elif ask.me is not None and ask.me.id == e.processor and len(e.controllers) == 1:
        answer = _dpa_with_us(ask, ask.registry.get(Party, e.controllers[0]))
    else:
        answer = _dpa_between(ask, processor, e)
    answer.sources.add(e)
    return answer


def _dpa_with_us(ask: Ask, party: Party) -> Answer:
    assert ask.me is not None and ask.me.id is not None and party.id is not None
    me, reg = ask.me.id, ask.registry
    agreements = [a for a in reg.related(party.id, Agreement) if {a.controller, a.processor} == {me, party.id}]
    engaged = [
        e
        for e in reg.related(party.id, Engagement)
        if not e.in_house
        and ((e.processor == party.id and me in e.controllers) or (e.processor == me and party.id in e.controllers))
    ]
    joint = [e for e in reg.related(party.id, Engagement) if me in e.controllers and party.id in e.controllers]
    best = best_agreement(agreements)
    sources = Sources(ask)
    lines = _status_lines(ask, best, holder=None, other=party.name, sources=sources)
    gap = (best is None or best.status != "signed") and bool(engaged)
    if gap:
        sources.add(*engaged)
        starts = [e.start for e in engaged if e.start]
        since = ask.tr(f", since {ask.date(min(starts))}", f", siden {ask.date(min(starts))}") if starts else ""
        purposes = ask.join(ask.quote(e.purpose) for e in engaged)
        lines.append(
            ask.tr(
                f"We have processing with them ({purposes}{since}) without a signed DPA: that is a gap (GDPR Art. 28(3)). "
                f"Please raise it with {ask.dpo()}.",
                f"Vi har behandling med dem ({purposes}{since}) uten signert databehandleravtale: det er et avvik "
                f"(GDPR art. 28(3)). Ta det opp med {ask.dpo()}.",
            )
        )
    elif best is None and joint:
        sources.add(*joint)
        what = ask.join(ask.quote(e.purpose) for e in joint)
        lines.append(
            ask.tr(
                f"We are joint controllers with them for {what}: that needs an Art. 26 arrangement, not a DPA.",
                f"Vi er felles behandlingsansvarlige med dem for {what}: det krever en avtale etter art. 26, "
                "ikke en databehandleravtale.",
            )
        )
    elif best is None:
        lines.append(
            ask.tr(
                "We have no processing with them recorded either.", "Vi har heller ingen behandling med dem registrert."
            )
        )
    if not sources.items:
        sources.add(party)
    return Answer(lines, sources, facts={**_agreement_facts(ask, best), "gap": gap})


def _dpa_between(ask: Ask, processor: Party, e: Engagement | None) -> Answer:
    """A DPA between others (or when we have no own party on record): the processor and its controllers."""
    assert processor.id is not None
    agreements = [a for a in ask.registry.related(processor.id, Agreement) if a.processor == processor.id]
    if e is not None:
        agreements = [a for a in agreements if a.controller in e.controllers]
        holder = ask.names(e.controllers)
    else:
        best = best_agreement(agreements)
        holder = ask.name(best.controller) if best else None
    sources = Sources(ask)
    if holder is None:
        sources.add(processor)
        text = ask.tr(
            f"No: there is no DPA with {processor.name} on record.",
            f"Nei: det finnes ingen databehandleravtale med {processor.name} i registeret.",
        )
        return Answer([text], sources, facts=_agreement_facts(ask, None))
    best = best_agreement(agreements)
    lines = _status_lines(ask, best, holder=holder, other=processor.name, sources=sources)
    if not sources.items:
        sources.add(processor)
    return Answer(lines, sources, facts=_agreement_facts(ask, best))


def _status_lines(ask: Ask, a: Agreement | None, *, holder: str | None, other: str, sources: Sources) -> list[str]:
    """What the agreement on record says; `holder` None means it is ours."""
    between = (
        ask.tr(f"with {other}", f"med {other}")
        if holder is None
        else ask.tr(f"between {holder} and {other}", f"mellom {holder} og {other}")
    )
    if a is None:
        return [
            ask.tr(
                f"No: there is no DPA {between} on record.",
                f"Nei: det finnes ingen databehandleravtale {between} i registeret.",
            )
        ]
    sources.add(a)
    if a.status == "signed":
        when = ask.tr(f" (signed {ask.date(a.signed)})", f" (signert {ask.date(a.signed)})") if a.signed else ""
        who = ask.tr("we have", "vi har") if holder is None else ask.tr(f"{holder} has", f"{holder} har")
        lines = [
            ask.tr(
                f"Yes: {who} a signed DPA with {other}{when}.",
                f"Ja: {who} en signert databehandleravtale med {other}{when}.",
            )
        ]
        if a.review is None:
            lines.append(ask.tr("No review date is recorded.", "Ingen dato for gjennomgang er registrert."))
        elif a.review < ask.today:
            lines.append(
                ask.tr(
                    f"Its review date, {ask.date(a.review)}, has passed: it is due for review.",
                    f"Datoen for gjennomgang, {ask.date(a.review)}, er passert: avtalen skal gjennomgås.",
                )
            )
        else:
            lines.append(ask.tr(f"Next review: {ask.date(a.review)}.", f"Neste gjennomgang: {ask.date(a.review)}."))
        return lines
    if a.status == "draft":
        return [
            ask.tr(
                f"Not yet: the DPA {between} is only a draft, not signed.",
                f"Ikke ennå: databehandleravtalen {between} er bare et utkast, ikke signert.",
            )
        ]
    if a.status == "sent":
        when = ask.tr(f" on {ask.date(a.sent)}", f" {ask.date(a.sent)}") if a.sent else ""
        return [
            ask.tr(
                f"Not yet: the DPA {between} was sent for signing{when} but is not signed.",
                f"Ikke ennå: databehandleravtalen {between} ble sendt til signering{when}, men er ikke signert.",
            )
        ]
    when = ask.tr(f" on {ask.date(a.ended)}", f" {ask.date(a.ended)}") if a.ended else ""
    return [
        ask.tr(
            f"No: the DPA {between} was terminated{when}.", f"Nei: databehandleravtalen {between} ble avsluttet{when}."
        )
    ]


def _our_dpas(ask: Ask) -> Answer:
    """Our DPAs as a whole ("do we have DPAs?"): which parties we process data with have a signed one."""
    assert ask.me is not None and ask.me.id is not None
    me, reg = ask.me.id, ask.registry
    partners: dict[int, list[Engagement]] = {}
    for e in reg.related(me, Engagement):
        if e.in_house:
            continue
        if me in e.controllers:
            partners.setdefault(e.processor, []).append(e)
        elif e.processor == me:
            for c in e.controllers:
                partners.setdefault(c, []).append(e)
    if not partners:
        return no_data(ask, ask.me)
    sources = Sources(ask)
    signed, due, missing = [], [], []
    for pid in partners:
        a = best_agreement([x for x in reg.related(pid, Agreement) if {x.controller, x.processor} == {me, pid}])
        if a is not None:
            sources.add(a)
        if a is not None and a.status == "signed":
            signed.append(pid)
            if a.review and a.review < ask.today:
                due.append(reg.name_of(pid))
        else:
            missing.append(f"{reg.name_of(pid)} ({ask.status(a.status) if a else ask.tr('none', 'ingen')})")
            sources.add(*partners[pid])
    lines = [
        ask.tr(
            f"We have signed DPAs with {len(signed)} of the {len(partners)} parties we process personal data with.",
            f"Vi har signert databehandleravtale med {len(signed)} av de {len(partners)} partene vi "
            "behandler personopplysninger sammen med.",
        )
    ]
    if due:
        lines.append(ask.tr(f"Due for review: {ask.join(due)}.", f"Skal gjennomgås: {ask.join(due)}."))
    if missing:
        lines.append(
            ask.tr(
                f"Without a signed DPA: {ask.join(missing)}. That is a gap to raise with {ask.dpo()}.",
                f"Uten signert databehandleravtale: {ask.join(missing)}. Det er et avvik å ta opp med {ask.dpo()}.",
            )
        )
    return Answer(lines, sources, facts={"signed": len(signed), "due": due, "missing": missing})


def _agreement_facts(ask: Ask, a: Agreement | None) -> dict[str, Any]:
    if a is None:
        return {"status": None}
    return {
        "status": a.status,
        "signed": a.signed.isoformat() if a.signed else None,
        "review": a.review.isoformat() if a.review else None,
        "review_passed": bool(a.review and a.review < ask.today),
    }
