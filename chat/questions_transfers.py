"""Answers about transfers out of the EEA (GDPR Chapter V): recorded, implied, and on invalid mechanisms."""

from __future__ import annotations

from chat.questions_facts import Answer, Ask, Sources, has_processing, no_data, sub_chain
from chat.questions_match import ActivityTarget, PartyTarget
from registry.countries import is_third_country
from registry.law import MECHANISMS, Mechanism
from registry.models import Party, SubprocessorLink, Transfer
from registry.registry import Registry
from registry.views import party_view

_UNKNOWN = Mechanism("?", "Unknown mechanism", "GDPR Chapter V", False)


def transfers(ask: Ask, target: PartyTarget | ActivityTarget) -> Answer:
    reg = ask.registry
    sources = Sources(ask)
    implied: list[tuple[int, int, str, str]] = []  # exporter, importer, country, why ("sub" or "established")
    if isinstance(target, ActivityTarget):
        e = target.engagement
        sources.add(e)
        subject = ask.quote(e.purpose)
        chain = [link for _, link in sub_chain(reg, e.processor)]
        involved = {*e.controllers, e.processor, *(link.sub for link in chain)}
        recorded = [t for t in reg.all(Transfer) if t.exporter in involved and t.importer in involved]
        served = [] if e.in_house else [e]
        parents: list[SubprocessorLink] = []
    else:
        party = target.party
        assert party.id is not None
        if not has_processing(reg, party.id):
            return no_data(ask, party)
        subject = party.name
        view = party_view(reg, party)
        chain = [link for _, link in sub_chain(reg, party.id)]
        involved = {party.id, *(link.sub for link in chain)}
        recorded = [
            t
            for t in reg.all(Transfer)
            if party.id in (t.exporter, t.importer) or (t.exporter in involved and t.importer in involved)
        ]
        served, parents = view.processor_for, view.subprocessor_of
    for link in (*chain, *parents):
        implied += [(link.processor, link.sub, c, "sub") for c in link.countries if is_third_country(c)]
    for e in served:
        where = reg.get(Party, e.processor).country
        if where and is_third_country(where):
            flows = [(c, e.processor, where, "established") for c in e.controllers if _in_eea(reg, c)]
            flows = [f for f in flows if not _covered(reg, *f[:3])]
            if flows:
                sources.add(e)
                implied += flows
    implied = [i for i in dict.fromkeys(implied) if not _covered(reg, *i[:3])]
    sources.add(*recorded)
    sources.add(*(link for link in (*chain, *parents) if any(is_third_country(c) for c in link.countries)))
    if not recorded and not implied:
        tail = ask.tr(
            ", and its recorded sub-processors are all in the EEA." if chain else ".",
            ", og underdatabehandlerne er i EØS." if chain else ".",
        )
        text = ask.tr(
            f"No: no transfers out of the EEA are recorded for {subject}{tail}",
            f"Nei: ingen overføringer ut av EØS er registrert for {subject}{tail}",
        )
        sources.add(*(link for link in chain))
        if not sources.items and isinstance(target, PartyTarget):
            sources.add(target.party)
        return Answer([text], sources, facts={"transfers": [], "implied": [], "invalid": []})
    lines = [ask.tr(f"Yes, transfers out of the EEA for {subject}:", f"Ja, overføringer ut av EØS for {subject}:")]
    items = [f"{ask.name(t.exporter)} → {ask.name(t.importer)} ({t.country}): {_mechanism(ask, t)}" for t in recorded]
    for exporter, importer, country, why in implied:
        reason = ask.tr(
            "processes there as a sub-processor" if why == "sub" else "is established outside the EEA",
            "behandler der som underdatabehandler" if why == "sub" else "er etablert utenfor EØS",
        )
        items.append(
            f"{ask.name(exporter)} → {ask.name(importer)} ({country}): {ask.name(importer)} {reason}; "
            + ask.tr("*no transfer recorded*", "*ingen overføring registrert*")
        )
    lines += ask.bullets(items)
    invalid = sorted({t.mechanism for t in recorded if not MECHANISMS.get(t.mechanism, _UNKNOWN).valid})
    for code in invalid:
        m = MECHANISMS.get(code, _UNKNOWN)
        lines.append(
            ask.tr(
                f"⚠ {m.label} is not a valid transfer mechanism ({m.reference}): it needs a new legal basis. "
                f"Raise it with {ask.dpo()}.",
                f"⚠ {_label(ask, code)} er ikke et gyldig overføringsgrunnlag ({m.reference}): overføringen trenger nytt "
                f"grunnlag. Ta det opp med {ask.dpo()}.",
            )
        )
    if implied and not invalid:
        lines.append(
            ask.tr(
                f"Transfers not recorded need a mechanism on record: ask {ask.dpo()}.",
                f"Overføringer som ikke er registrert, trenger et grunnlag: spør {ask.dpo()}.",
            )
        )
    name = reg.name_of
    facts = {
        "transfers": [
            {
                "exporter": name(t.exporter),
                "importer": name(t.importer),
                "country": t.country,
                "mechanism": t.mechanism,
                "valid": MECHANISMS.get(t.mechanism, _UNKNOWN).valid,
            }
            for t in recorded
        ],
        "implied": [
            {"exporter": name(x), "importer": name(i), "country": c, "reason": why} for x, i, c, why in implied
        ],
        "invalid": invalid,
    }
    return Answer(lines, sources, facts=facts)


def _mechanism(ask: Ask, t: Transfer) -> str:
    m = MECHANISMS.get(t.mechanism, _UNKNOWN)
    text = _label(ask, t.mechanism)
    if t.module:
        text += ask.tr(f", module {t.module}", f", modul {t.module}")
    if not m.valid:
        return text + ask.tr(" — *not valid*", " — *ikke gyldig*")
    if t.mechanism == "dpf":
        importer = ask.registry.get(Party, t.importer)
        if importer.dpf and importer.dpf_checked:
            text += ask.tr(
                f" (certified, checked {ask.date(importer.dpf_checked)})",
                f" (sertifisert, sjekket {ask.date(importer.dpf_checked)})",
            )
        elif importer.dpf:
            text += ask.tr(" (certified)", " (sertifisert)")
        else:
            text += ask.tr(
                " — importer's certification *not on record*", " — mottakers sertifisering *ikke registrert*"
            )
    elif m.code in ("scc-2021", "scc-unknown", "bcr"):
        text += (
            ask.tr(f", TIA {ask.date(t.tia)}", f", TIA {ask.date(t.tia)}")
            if t.tia
            else ask.tr(", *no TIA recorded*", ", *ingen TIA registrert*")
        )
    return text


def _label(ask: Ask, code: str) -> str:
    mechanism = MECHANISMS.get(code, _UNKNOWN)
    return (mechanism.label_nb or mechanism.label) if ask.lang == "nb" else mechanism.label


def _in_eea(reg: Registry, party_id: int) -> bool:
    country = reg.get(Party, party_id).country
    return country is None or not is_third_country(country)


def _covered(reg: Registry, exporter: int, importer: int, country: str) -> bool:
    """A recorded transfer already covers this flow."""
    return any(
        t.exporter == exporter and t.country == country
        for t in reg.related(importer, Transfer)
        if t.importer == importer
    )
