"""Answers that need no single subject: lists over the whole registry, our own DPO, and what to do with a request.

Each handler takes the asker's context and the cleaned question text (for the few words that narrow a list: a
country, a time window) and returns an Answer whose facts carry the listed items.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from babel import Locale

from chat.questions_facts import Answer, Ask, Sources, sub_chain
from chat.questions_text import fold, words
from registry.countries import ALIASES, EEA, ISO_ALPHA2, is_third_country
from registry.delivery_records import channel_of
from registry.law import MECHANISMS
from registry.models import Agreement, Engagement, Party, Record, SubprocessorLink, Transfer
from registry.review import Flag, review

REVIEW_WINDOW_DAYS = 60  # "due for review soon", unless the question names another window

# -- missing DPA --------------------------------------------------------------------------------------------


def missing_dpa(ask: Ask, question: str) -> Answer:
    """Vendors processing personal data for us (or, without an own party, for anyone) with no DPA in force."""
    reg, me = ask.registry, ask.me
    sources = Sources(ask)
    gaps: dict[tuple[int, int], list[Engagement]] = {}  # (controller, processor) -> engagements
    for e in reg.all(Engagement):
        if e.in_house or (e.end is not None and e.end < ask.today):
            continue
        for c in e.controllers:
            if c != e.processor and (me is None or me.id in (c, e.processor)):
                gaps.setdefault((c, e.processor), []).append(e)
    agreements: dict[tuple[int, int], list[Agreement]] = {}
    for a in reg.all(Agreement):
        agreements.setdefault((a.controller, a.processor), []).append(a)
    vendors: list[dict[str, object]] = []
    clients: list[dict[str, object]] = []  # we process for them without a DPA
    for (c, p), engagements in sorted(gaps.items(), key=lambda kv: reg.name_of(kv[0][1]).casefold()):
        found = agreements.get((c, p), [])
        if any(_in_force(a, ask.today) for a in found):
            continue
        pending = sorted({a.status for a in found if a.status in ("draft", "sent", "terminated")})
        sources.add(*engagements, *(a for a in found if a.status in pending))
        item = {
            "controller": reg.name_of(c),
            "processor": known_as(ask, p),
            "purposes": [e.purpose for e in engagements],
            "status": pending[-1] if pending else None,
        }
        (clients if me is not None and p == me.id else vendors).append(item)
    if not vendors and not clients:
        sources.add(*(a for a in reg.all(Agreement) if a.status == "signed"))
        if not sources.items and me is not None:
            sources.add(me)
        text = ask.tr(
            "All vendors processing personal data for us have a signed DPA on record.",
            "Alle leverandører som behandler personopplysninger for oss, har signert databehandleravtale i registeret.",
        )
        return Answer([text], sources, facts={"missing": []})
    lines: list[str] = []
    if vendors:
        n = len(vendors)
        lines.append(
            ask.tr(
                f"{n} {'vendor processes' if n == 1 else 'vendors process'} personal data for us without a signed DPA:",
                f"{n} {'leverandør behandler' if n == 1 else 'leverandører behandler'} personopplysninger for oss "
                "uten signert databehandleravtale:",
            )
            if me is not None
            else ask.tr("Processing without a signed DPA:", "Behandling uten signert databehandleravtale:")
        )
        lines += ask.bullets([_missing_item(ask, v, show_controller=me is None) for v in vendors])
    if clients:
        names = ask.join(str(c["controller"]) for c in clients)
        lines.append(
            ask.tr(
                f"We also process for {names} without a signed DPA.",
                f"Vi behandler også for {names} uten signert databehandleravtale.",
            )
        )
    lines.append(
        ask.tr(
            f"That is a gap (GDPR Art. 28(3)): raise it with {ask.dpo()}.",
            f"Det er et avvik (GDPR art. 28(3)): ta det opp med {ask.dpo()}.",
        )
    )
    return Answer(lines, sources, facts={"missing": vendors, "clients": clients})


def _missing_item(ask: Ask, item: dict[str, object], *, show_controller: bool) -> str:
    purposes = [str(p) for p in item["purposes"]]  # type: ignore[attr-defined]
    what = ask.capped([ask.quote(p) for p in purposes], 2)
    status = item["status"]
    state = {
        None: ask.tr("no DPA on record", "ingen avtale registrert"),
        "draft": ask.tr("only a draft", "bare utkast"),
        "sent": ask.tr("sent, not signed", "sendt, ikke signert"),
        "terminated": ask.tr("terminated", "avsluttet"),
    }[status]  # type: ignore[index]
    who = f" for {item['controller']}" if show_controller else ""
    return f"*{item['processor']}*{who}: {what} ({state})"


def known_as(ask: Ask, party_id: int) -> str:
    """A vendor's name, with the name people use for it when the registered one hides it ("… LLC (Mailchimp)")."""
    party = ask.registry.get(Party, party_id)
    name = fold(party.name)
    for alias in party.aliases:
        head = words(fold(alias))
        if head and head[0] not in name and alias[:1].isupper():  # a brand ("Mailchimp"), not a word ("kantina")
            return f"{party.name} ({alias})"
    return party.name


def _in_force(a: Agreement, today: date) -> bool:
    """Signed, or terminated no earlier than today (as the review counts it)."""
    return a.status == "signed" or (a.status == "terminated" and a.ended is not None and a.ended >= today)


# -- review due ---------------------------------------------------------------------------------------------


def review_due(ask: Ask, question: str) -> Answer:
    """Signed DPAs whose review date has passed or falls within the window (60 days unless the question says)."""
    until, window = _window(ask.today, question)
    reg = ask.registry
    due = sorted(
        (a for a in reg.all(Agreement) if a.status == "signed" and a.review is not None and a.review <= until),
        key=lambda a: (a.review, reg.name_of(a.processor).casefold()),
    )
    sources = Sources(ask)
    sources.add(*due)
    shown = {
        "days": ask.tr(f"within {window} days", f"innen {window} dager"),
        "month": ask.tr("this month", "denne måneden"),
        "next-month": ask.tr("by the end of next month", "innen utgangen av neste måned"),
        "year": ask.tr("this year", "i år"),
    }[window if isinstance(window, str) else "days"]
    if not due:
        text = ask.tr(
            f"No signed DPA is due for review {shown} (by {ask.date(until)}), and none is overdue.",
            f"Ingen signert databehandleravtale skal gjennomgås {shown} (innen {ask.date(until)}), og ingen er forfalt.",
        )
        if not sources.items and ask.me is not None:
            sources.add(ask.me)
        return Answer([text], sources, facts={"due": [], "until": until.isoformat()})
    overdue = [a for a in due if a.review is not None and a.review < ask.today]
    lines = [
        ask.tr(
            f"DPAs due for review {shown} (by {ask.date(until)})" + (", overdue first:" if overdue else ":"),
            f"Databehandleravtaler som skal gjennomgås {shown} (innen {ask.date(until)})"
            + (", forfalte først:" if overdue else ":"),
        )
    ]
    items = []
    for a in due:
        assert a.review is not None
        other = _counterpart(ask, a)
        if a.review < ask.today:
            items.append(
                ask.tr(f"*{other}*: overdue since {ask.date(a.review)}", f"*{other}*: forfalt {ask.date(a.review)}")
            )
        else:
            items.append(f"*{other}*: {ask.date(a.review)}")
    lines += ask.bullets(items)
    facts = [
        {
            "controller": reg.name_of(a.controller),
            "processor": reg.name_of(a.processor),
            "review": a.review.isoformat() if a.review else None,
            "overdue": a in overdue,
        }
        for a in due
    ]
    return Answer(lines, sources, facts={"due": facts, "until": until.isoformat()})


def _counterpart(ask: Ask, a: Agreement) -> str:
    """The other party of one of our agreements; both names when it is not ours."""
    if ask.is_me(a.controller):
        return known_as(ask, a.processor)
    if ask.is_me(a.processor):
        return known_as(ask, a.controller)
    return f"{ask.registry.name_of(a.controller)} ↔ {ask.registry.name_of(a.processor)}"


def _window(today: date, question: str) -> tuple[date, int | str]:
    """The last day of the window the question asks about, and how to name it."""
    text = f" {' '.join(words(fold(question)))} "
    if " next month " in text or " neste maned " in text or " neste manad " in text:
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return date(year, month, calendar.monthrange(year, month)[1]), "next-month"
    if " this month " in text or " denne maneden " in text or " denne manaden " in text:
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1]), "month"
    if " this year " in text or " i ar " in text:
        return date(today.year, 12, 31), "year"
    return today + timedelta(days=REVIEW_WINDOW_DAYS), REVIEW_WINDOW_DAYS


# -- vendors abroad -----------------------------------------------------------------------------------------


@dataclass
class _Flow:
    """Personal data reaching a vendor in a third country: a recorded transfer, or one implied by where it is."""

    vendor: int
    country: str
    record: Record
    transfer: Transfer | None
    via: int | None = None  # the processor a sub-processor serves


def vendors_abroad(ask: Ask, question: str) -> Answer:
    """Vendors that get personal data outside the EEA (or in the countries the question names), with the
    mechanism on record and whether the review flags it."""
    reg = ask.registry
    wanted = countries_in(question)
    flows = [f for f in _flows(ask) if (f.country in wanted if wanted else is_third_country(f.country))]
    where = (
        ask.join(_country_name(ask, c) for c in sorted(wanted)) if wanted else ask.tr("outside the EEA", "utenfor EØS")
    )
    into = ask.tr("in", "i") if wanted else ""
    place = f"{into} {where}".strip()
    sources = Sources(ask)
    if wanted and not any(is_third_country(c) for c in wanted):
        text = ask.tr(
            f"{where} is in the EEA: sending personal data there is not a transfer under GDPR Chapter V.",
            f"{where} er i EØS: å sende personopplysninger dit er ikke en overføring etter GDPR kapittel V.",
        )
        if ask.me is not None:
            sources.add(ask.me)
        return Answer([text], sources, facts={"vendors": [], "countries": sorted(wanted)})
    if not flows:
        text = ask.tr(
            f"No vendor processing personal data for us is recorded {place}.",
            f"Ingen leverandør som behandler personopplysninger for oss, er registrert {place}.",
        )
        if ask.me is not None:
            sources.add(ask.me)
        return Answer([text], sources, facts={"vendors": [], "countries": sorted(wanted)})
    flags = _flags_by_subject(ask)
    by_vendor: dict[int, list[_Flow]] = {}
    for f in flows:
        by_vendor.setdefault(f.vendor, []).append(f)
    items, facts = [], []
    flagged_any = False
    for vendor, found in sorted(by_vendor.items(), key=lambda kv: reg.name_of(kv[0]).casefold()):
        sources.add(*(f.record for f in found))
        parts = []
        raised: list[Flag] = []
        for f in found:
            raised += flags.get(_subject(f), [])
            mech = _mechanism(ask, f.transfer)
            via = f", via {reg.name_of(f.via)}" if f.via is not None else ""
            parts.append(f"{f.country}: {mech}{via}")
        item = f"*{known_as(ask, vendor)}* ({'; '.join(dict.fromkeys(parts))})"
        if raised:
            flagged_any = True
            item += ask.tr(" — ⚠ flagged by the review", " — ⚠ flagget i gjennomgangen")
        items.append(item)
        facts.append(
            {
                "vendor": known_as(ask, vendor),
                "countries": sorted({f.country for f in found}),
                "mechanisms": [f.transfer.mechanism if f.transfer else None for f in found],
                "flags": sorted({flag.code for flag in raised}),
            }
        )
    n = len(by_vendor)
    lines = [
        ask.tr(
            f"{n} {'vendor gets' if n == 1 else 'vendors get'} personal data {place}:",
            f"{n} {'leverandør får' if n == 1 else 'leverandører får'} personopplysninger {place}:",
        )
    ]
    lines += ask.bullets(items)
    if flagged_any:
        lines.append(
            ask.tr(
                f"What is flagged needs a look by {ask.dpo()} (`review` shows why).",
                f"Det som er flagget, må {ask.dpo()} se på (`review` viser hvorfor).",
            )
        )
    return Answer(lines, sources, facts={"vendors": facts, "countries": sorted(wanted)})


def _flows(ask: Ask) -> list[_Flow]:
    """Third-country flows of personal data to vendors in our chain (all of the registry without our party)."""
    reg, me = ask.registry, ask.me
    ours = [
        e
        for e in reg.all(Engagement)
        if not e.in_house and (me is None or me.id in e.controllers) and (e.end is None or e.end >= ask.today)
    ]
    chain: list[SubprocessorLink] = []
    involved = {e.processor for e in ours} | ({me.id} if me is not None and me.id is not None else set())
    for pid in {e.processor for e in ours}:
        links = [link for _, link in sub_chain(reg, pid)]
        chain += links
        involved |= {link.sub for link in links}
    if me is None:
        chain = list(reg.all(SubprocessorLink))
        involved = {p.id for p in reg.all(Party) if p.id is not None}
    flows: list[_Flow] = []
    for t in reg.all(Transfer):
        if t.exporter in involved and t.importer in involved and not ask.is_me(t.importer):
            via = None if ask.is_me(t.exporter) else t.exporter
            flows.append(_Flow(t.importer, t.country, t, t, via))

    def covered(importer: int, country: str) -> bool:
        return any(f.vendor == importer and f.country == country for f in flows)

    for link in chain:
        for c in link.countries:
            if is_third_country(c) and not covered(link.sub, c):
                flows.append(_Flow(link.sub, c, link, None, link.processor))
    for e in ours:
        country = reg.get(Party, e.processor).country
        if country and is_third_country(country) and not covered(e.processor, country):
            flows.append(_Flow(e.processor, country, e, None))
    return flows


def _subject(f: _Flow) -> tuple[str, int]:
    if isinstance(f.record, Transfer):
        return ("transfer", f.record.id or 0)
    if isinstance(f.record, SubprocessorLink):
        return ("link", f.record.id or 0)
    return ("engagement", f.record.id or 0)


def _flags_by_subject(ask: Ask) -> dict[tuple[str, int], list[Flag]]:
    out: dict[tuple[str, int], list[Flag]] = {}
    for flag in review(ask.registry, today=ask.today):
        if flag.code not in ("no-dpa", "dpa-review-due"):  # transfer flags only
            out.setdefault(flag.subject, []).append(flag)
    return out


def _mechanism(ask: Ask, t: Transfer | None) -> str:
    if t is None:
        return ask.tr("*no transfer recorded*", "*ingen overføring registrert*")
    m = MECHANISMS.get(t.mechanism)
    if m is None:
        return t.mechanism
    label = (m.label_nb or m.label) if ask.lang == "nb" else m.label
    return label if m.valid else label + ask.tr(" (*not valid*)", " (*ikke gyldig*)")


# Names people type for a country that CLDR does not give (folded); CLDR's nb and en names are read too.
_COUNTRY_WORDS = {
    "usa": "US",
    "u.s": "US",
    "america": "US",
    "amerika": "US",
    "states": "US",
    "statene": "US",
    "uk": "GB",
    "britain": "GB",
    "england": "GB",
    "storbritannia": "GB",
    "britisk": "GB",
    "indian": "IN",
    "indisk": "IN",
    "kina": "CN",
    "eos": "EEA",
    "ees": "EEA",
    "eea": "EEA",
    "eu": "EEA",
}


@cache
def _country_names() -> dict[tuple[str, ...], str]:
    """Folded country names (as word tuples) in Norwegian and English -> ISO code."""
    out: dict[tuple[str, ...], str] = {}
    for lang in ("en", "nb"):
        territories = Locale(lang).territories
        for code in ISO_ALPHA2:
            name = territories.get(code)
            if name:
                out[tuple(words(fold(name)))] = code
    for word, code in _COUNTRY_WORDS.items():
        out[tuple(words(word))] = code
    return out


def countries_in(question: str) -> set[str]:
    """The countries a question names: 'i USA', 'to the US', 'India', 'UK'; empty for 'outside the EEA'."""
    names = _country_names()
    typed = words(question)
    folded = [fold(w) for w in typed]
    found: set[str] = set()
    for i, word in enumerate(typed):
        if word in ("US", "U.S") or (word.upper() in ALIASES and word.isupper()):
            found.add("US" if word.startswith("U") and word != "UK" else ALIASES.get(word, word))
        for size in (3, 2, 1):
            key = tuple(folded[i : i + size])
            code = names.get(key) if len(key) == size else None
            if code is not None and (size > 1 or len(key[0]) >= 3 or key[0] in _COUNTRY_WORDS):
                found.add(code)
                break
    if "EEA" in found:
        found.discard("EEA")
        found -= EEA  # "outside the EEA"/"EU" frames the question; it names no country
    return found


def _country_name(ask: Ask, code: str) -> str:
    name = Locale(ask.lang).territories.get(code) or code
    return f"the {name}" if ask.lang == "en" and code in _WITH_THE else name


_WITH_THE = frozenset({"US", "GB", "NL", "AE", "PH", "CZ"})


# -- our DPO and the privacy team ---------------------------------------------------------------------------


def our_dpo(ask: Ask, question: str) -> Answer:
    """Who to contact about privacy: our DPO, the privacy team's address and Slack channel."""
    me = ask.me
    sources = Sources(ask)
    if me is None or me.id is None:
        text = ask.tr(
            "Our own organisation is not in the registry, so I don't know who our DPO is. Ask the privacy team.",
            "Vår egen organisasjon er ikke registrert, så jeg vet ikke hvem personvernombudet er. Spør personvernteamet.",
        )
        return Answer([text], sources, answered=False)
    sources.add(me)
    contacts: list[str] = []
    dpo = me.dpo
    if not dpo and me.dpo_of is not None:
        group = ask.registry.get(Party, me.dpo_of)
        sources.add(group)
        dpo = group.dpo
        if dpo:
            contacts.append(ask.tr(f"the DPO (of {group.name}): {dpo}", f"personvernombudet (i {group.name}): {dpo}"))
    elif dpo:
        contacts.append(ask.tr(f"our DPO: {dpo}", f"personvernombudet vårt: {dpo}"))
    if me.email and me.email != dpo:
        contacts.append(ask.tr(f"the privacy team: {me.email}", f"personvernteamet: {me.email}"))
    channel = channel_of(ask.registry, me.id)
    if channel:
        contacts.append(ask.tr(f"Slack {channel}", f"Slack {channel}"))
    if not contacts:
        text = ask.tr(
            f"No DPO or privacy contact is recorded for {me.name}. Ask your manager who handles privacy.",
            f"Ingen personvernombud eller personvernkontakt er registrert for {me.name}. Spør lederen din hvem "
            "som har ansvar for personvern.",
        )
        return Answer([text], sources, answered=False)
    lines = [
        ask.tr(
            f"For privacy questions at {me.name}, contact {ask.join(contacts)}.",
            f"Spørsmål om personvern i {me.name}: kontakt {ask.join(contacts)}.",
        ),
        ask.tr(
            "If someone asks for their personal data, a correction or deletion, use ⋯ → *Send to privacy team* "
            "on the message.",
            "Ber noen om innsyn, retting eller sletting, bruk ⋯ → *Send to privacy team* på meldingen.",
        ),
    ]
    return Answer(lines, sources, facts={"dpo": dpo, "email": me.email, "channel": channel})


# -- someone asked us for their data ------------------------------------------------------------------------


def request_help(ask: Ask, question: str) -> Answer:
    """What an employee does with a data subject's request: hand it in today; the privacy team answers it."""
    sources = Sources(ask)
    if ask.me is not None:
        sources.add(ask.me)
    team = _team(ask)
    lines = [
        ask.tr(
            "Don't answer it yourself: hand it to the privacy team today. The deadline (one month, GDPR Art. 12(3)) "
            "runs from the day we received it, not from when the privacy team sees it.",
            "Ikke svar på den selv: gi den til personvernteamet i dag. Fristen (én måned, GDPR art. 12(3)) løper "
            "fra dagen vi mottok den, ikke fra når personvernteamet ser den.",
        ),
        ask.tr(
            "In Slack: ⋯ → *Send to privacy team* on the message with the request. "
            "In the console: `inquiry new TEXT`. E-mail: forward it to " + team + ".",
            "I Slack: ⋯ → *Send to privacy team* på meldingen med henvendelsen. "
            "I konsollen: `inquiry new TEKST`. E-post: send den videre til " + team + ".",
        ),
    ]
    return Answer(lines, sources, facts={"hand_in": True, "privacy_team": team})


def _team(ask: Ask) -> str:
    me = ask.me
    where = [x for x in ((me.email or me.dpo, channel_of(ask.registry, me.id)) if me is not None else ()) if x]
    if where:
        return ask.tr("the privacy team", "personvernteamet") + f" ({', '.join(where)})"
    return ask.tr("the privacy team", "personvernteamet")


# -- out of scope -------------------------------------------------------------------------------------------


def out_of_scope(ask: Ask, question: str) -> Answer:
    """An honest "I don't know" that says whom to ask; the question is never repeated back as a name."""
    text = ask.tr(
        "I don't know: that is not something the privacy registry answers. Type *help* to see what I can answer; "
        f"for anything else, ask {_team(ask)}.",
        "Det vet jeg ikke: det er ikke noe personvernregisteret svarer på. Skriv *hjelp* for å se hva jeg kan "
        f"svare på; spør ellers {_team(ask)}.",
    )
    return Answer([text], Sources(ask), answered=False)


ListHandler = Callable[[Ask, str], Answer]
LISTS: dict[str, ListHandler] = {
    "missing-dpa": missing_dpa,
    "review-due": review_due,
    "vendors-abroad": vendors_abroad,
    "request-help": request_help,
    "out-of-scope": out_of_scope,
}
