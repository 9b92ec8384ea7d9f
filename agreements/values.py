"""The values a DPA template is filled with, worded in the document's language (nb or en)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date

from agreements.content import DpaFacts
from registry import special
from registry.countries import is_third_country
from registry.law import ADEQUACY, DPA_BREACH_HOURS, MECHANISMS, OBJECTION_NOTICE_DAYS
from registry.models import Agreement, Engagement, Party, Transfer

LANGUAGES = ("nb", "en")
BREACH_HOURS = DPA_BREACH_HOURS  # a common processor deadline, leaving the controller time for its 72 hours


@dataclass(frozen=True)
class DpaOptions:
    """The choices `dpa generate` takes: language, Art. 28(2) option, notice and breach deadlines, template, draft."""

    lang: str = "nb"
    authorisation: str = "general"
    notice_days: int = OBJECTION_NOTICE_DAYS
    breach_hours: int = BREACH_HOURS
    template: str = "dpa"
    draft: bool = False  # an internal draft for review: written, never recorded, never for the partner
    bilingual: bool = False  # the agreement exists in both languages: print which version prevails


WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "locale": "nb",
        "language": "nb-NO",
        "title": "Databehandleravtale",
        "subject": "Databehandleravtale etter personvernforordningen artikkel 28",
        "and": "og",
        "draft": "Utkast",
        "status.draft": "utkast",
        "status.current": "denne avtalen",
        "status.signed": "signert",
        "status.superseded": "erstattet",
        "status.terminated": "avsluttet",
        "status.sent": "sendt",
        "within_eea": "ingen overføring: behandles i EØS ({countries})",
        "established": "; etablert i {country}, ingen overføring registrert",
        "not_recorded": "ikke registrert",
        "while_in_force": "Så lenge databehandleren leverer tjenestene etter tjenesteavtalen",
        "from": "Fra {start}, så lenge databehandleren leverer tjenestene etter tjenesteavtalen",
        "nature": "Innsamling, registrering, lagring, gjenfinning, bruk, overføring til den behandlingsansvarlige og "
        "sletting, i den utstrekning tjenestene krever det",
        "special.no": "Nei",
        "special.yes": "Ja: {which}",
        "from_to": "Fra {start} til {end}",
        "to": "Til {end}",
        "retention": "Så lenge avtalen gjelder; deretter slettes eller tilbakeleveres opplysningene etter avtalen",
        "module": "modul {n} ({label})",
        "adequacy": "Beslutning om tilstrekkelig beskyttelsesnivå for {country} (beslutning {decision}; "
        "personvernforordningen art. 45)",
        "adequacy_label": "Beslutning om tilstrekkelig beskyttelsesnivå",
        "authority": "Datatilsynet",
        "authority_other": "tilsynsmyndigheten i {country}",
        "law": "norsk rett (klausul 17, alternativ 1)",
        "law_module4": "norsk rett (klausul 17)",
        "courts": "norske domstoler, med Oslo tingrett som verneting (klausul 18)",
        "certified": "{importer} er sertifisert",
        "comments": "Laget av DPA Registry Bot fra registeret {date}.",
    },
    "en": {
        "locale": "en_GB",
        "language": "en-GB",
        "title": "Data Processing Agreement",
        "subject": "Data processing agreement under Article 28 GDPR",
        "and": "and",
        "draft": "Draft",
        "status.draft": "draft",
        "status.current": "this agreement",
        "status.signed": "signed",
        "status.superseded": "superseded",
        "status.terminated": "terminated",
        "status.sent": "sent",
        "within_eea": "no transfer: processed in the EEA ({countries})",
        "established": "; established in {country}, no transfer recorded",
        "not_recorded": "not recorded",
        "while_in_force": "For as long as the Processor provides the services under the Service Agreement",
        "from": "From {start}, for as long as the Processor provides the services under the Service Agreement",
        "nature": "Collection, recording, storage, retrieval, use, transmission to the Controller and erasure, to "
        "the extent the services require them",
        "special.no": "No",
        "special.yes": "Yes: {which}",
        "from_to": "From {start} to {end}",
        "to": "Until {end}",
        "retention": "For as long as the agreement is in force; then deleted or returned as the agreement provides",
        "module": "Module {n} ({label})",
        "adequacy": "Adequacy decision for {country} (Decision {decision}; GDPR Art. 45)",
        "adequacy_label": "Adequacy decision",
        "authority": "Datatilsynet (the Norwegian Data Protection Authority)",
        "authority_other": "the supervisory authority of {country}",
        "law": "Norwegian law (Clause 17, Option 1)",
        "law_module4": "Norwegian law (Clause 17)",
        "courts": "the Norwegian courts, with Oslo District Court as venue (Clause 18)",
        "certified": "{importer} is certified",
        "comments": "Made by the DPA Registry Bot from the registry on {date}.",
    },
}

MODULES: dict[str, dict[int, str]] = {
    "nb": {
        1: "behandlingsansvarlig til behandlingsansvarlig",
        2: "behandlingsansvarlig til databehandler",
        3: "databehandler til databehandler",
        4: "databehandler til behandlingsansvarlig",
    },
    "en": {
        1: "controller to controller",
        2: "controller to processor",
        3: "processor to processor",
        4: "processor to controller",
    },
}

# How each mechanism is cited in the document. Invalid ones never get here: gather() refuses them.
CITATIONS: dict[str, dict[str, str]] = {
    "nb": {
        "dpf": "beslutning (EU) 2023/1795",
        "scc-2021": "beslutning (EU) 2021/914",
        "bcr": "personvernforordningen art. 47",
        "art49": "personvernforordningen art. 49",
    },
    "en": {
        "dpf": "Decision (EU) 2023/1795",
        "scc-2021": "Decision (EU) 2021/914",
        "bcr": "GDPR Art. 47",
        "art49": "GDPR Art. 49",
    },
}


def values(facts: DpaFacts, options: DpaOptions, *, today: date) -> dict[str, Any]:
    """Everything templates/README.md lists, as text in the document's language."""
    lang = options.lang
    words = WORDS[lang]
    by_importer: dict[tuple[int, str], Transfer] = {(t.importer, t.country): t for t in facts.transfers}
    subprocessors = []
    for link in facts.chain:
        sub = facts.parties[link.sub]
        where = facts.locations(link)
        grounds = [
            mechanism_text(by_importer[(sub.id, c)], facts, lang)
            if len(where) == 1
            else f"{country_name(c, lang)}: {mechanism_text(by_importer[(sub.id, c)], facts, lang)}"
            for c in where
            if is_third_country(c) and (sub.id, c) in by_importer
        ]
        party = _party(sub, facts, lang)
        subprocessors.append(
            {
                **party,
                "address": ", ".join(v for v in (party["address"], party["country"]) if v),
                "service": link.service_en if lang == "en" and link.service_en else link.service,
                "locations": ", ".join(country_name(c, lang) for c in where),
                "transfer": "; ".join(grounds) or _no_transfer(sub, where, lang),
                "engaged_by": facts.parties[link.processor].name,
            }
        )
    version = facts.version
    replaced = replaced_agreement(facts)
    return {
        "version": str(version),
        "date": long_date(today, lang),
        "controller": _party(facts.controller, facts, lang),
        "processor": _party(facts.processor, facts, lang),
        "processing": [
            {
                "purpose": in_language(e, "purpose", lang),
                "nature": in_language(e, "nature", lang) or words["nature"],
                "special": _special(e, lang),
                "data": ", ".join(in_language(e, "data", lang)),
                "subjects": ", ".join(in_language(e, "subjects", lang)),
                "retention": in_language(e, "retention", lang) or words["retention"],
                "basis": e.basis or "",
                "duration": in_language(e, "duration", lang) or _duration(e.start, e.end, lang),
            }
            for e in facts.engagements
        ],
        "data_categories": list(dict.fromkeys(d for e in facts.engagements for d in in_language(e, "data", lang))),
        "subject_categories": list(
            dict.fromkeys(s for e in facts.engagements for s in in_language(e, "subjects", lang))
        ),
        "bilingual": options.bilingual,
        "general_authorisation": options.authorisation == "general",
        "specific_authorisation": options.authorisation == "specific",
        "notice_days": str(options.notice_days),
        "breach_hours": str(options.breach_hours),
        "subprocessors": subprocessors,
        "transfers": [
            {
                "exporter": facts.parties[t.exporter].name,
                "importer": facts.parties[t.importer].name,
                "country": country_name(t.country, lang),
                "mechanism": mechanism_text(t, facts, lang),
                "tia": long_date(t.tia, lang) if t.tia else "",
            }
            for t in facts.transfers
        ],
        "scc_transfers": [_scc(t, facts, lang) for t in facts.transfers if t.mechanism == "scc-2021" and t.module],
        "dpf_transfers": [
            f"{facts.parties[t.importer].name} ({country_name(t.country, lang)})"
            for t in facts.transfers
            if t.mechanism == "dpf"
        ],
        "adequacy_transfers": [
            f"{facts.parties[t.importer].name} ({country_name(t.country, lang)})"
            for t in facts.transfers
            if t.mechanism == "adequacy"
        ],
        "processor_locations": ", ".join(country_name(c, lang) for c in processor_locations(facts))
        or words["not_recorded"],
        "processor_in_eea": bool(processor_locations(facts))
        and not any(is_third_country(c) for c in processor_locations(facts)),
        "measures": list(facts.processor.measures),
        # Annex D / V: this version and the signed agreement it replaces; drafts the partner never saw stay out.
        "replaced_version": str(replaced.version) if replaced else "",
        "replaced_date": long_date(replaced.signed, lang) if replaced and replaced.signed else "",
        "versions": [
            *([_version(replaced, lang)] if replaced else []),
            {"version": str(version), "date": long_date(today, lang), "status": words["status.current"]},
        ],
    }


def processor_locations(facts: DpaFacts) -> list[str]:
    """Where the processor itself processes, from the registry's facts: the places recorded for it (`locations`),
    else the country it is established in, and the countries of the transfers it receives in this processing.
    Empty when none is recorded (never a default)."""
    own = facts.processor.locations or ([facts.processor.country] if facts.processor.country else [])
    countries = list(own)
    countries += [t.country for t in facts.transfers if t.importer == facts.processor.id]
    return list(dict.fromkeys(countries))


def _no_transfer(sub: Party, where: list[str], lang: str) -> str:
    """The transfer cell of a sub-processor with no recorded transfer: where it processes, and where it is
    established when that is a third country (a US company processing in Ireland is not simply 'in the EEA')."""
    words = WORDS[lang]
    if not where:
        return words["not_recorded"]
    text = words["within_eea"].format(countries=", ".join(country_name(c, lang) for c in where))
    if sub.country and is_third_country(sub.country):
        text += words["established"].format(country=country_name(sub.country, lang))
    return text


def _scc(transfer: Transfer, facts: DpaFacts, lang: str) -> dict[str, str]:
    """What the annexes of the SCCs 2021/914 need for one transfer (Annex I.A parties and roles, I.C authority,
    Clauses 17 and 18), in the document's language."""
    words, module = WORDS[lang], transfer.module or 0
    exporter, importer = facts.parties[transfer.exporter], facts.parties[transfer.importer]
    roles = MODULES[lang][module].split(" til " if lang == "nb" else " to ")
    # Clause 13: the authority of the EEA state where the exporter is established; an exporter outside the EEA
    # (a sub-processor passing data on) answers to the controller's authority.
    seat = exporter.country if exporter.country and not is_third_country(exporter.country) else None
    seat = seat or facts.controller.country or "NO"
    if seat == "NO":
        authority = words["authority"]
    else:
        authority = words["authority_other"].format(country=country_name(seat, lang))
    return {
        "exporter": f"{exporter.name} ({roles[0]})",
        "importer": f"{importer.name} ({roles[1]})",
        "country": country_name(transfer.country, lang),
        "module": words["module"].format(n=module, label=MODULES[lang][module]),
        "authority": authority,
        "law": words["law_module4" if module == 4 else "law"],
        "courts": words["courts"],
    }


# Engagement fields that hold words (not dates or ids), each with an English twin (`purpose_en`, ...).
WORDED = ("purpose", "nature", "special", "duration", "retention", "data", "subjects")


def in_language(engagement: Engagement, name: str, lang: str) -> Any:
    """A worded field in the document's language: the English value in English documents where one is recorded,
    otherwise the value as recorded (in Norwegian, as the DPO keeps the registry)."""
    if lang == "en":
        english = getattr(engagement, f"{name}_en")
        if english:
            return english
    return getattr(engagement, name)


def language_gaps(facts: DpaFacts, lang: str) -> list[str]:
    """Recorded values an English document prints as recorded, for want of an English one: each with the command
    that records it. Empty for Norwegian documents."""
    if lang != "en":
        return []
    out = []
    processor, controller = facts.processor.name, facts.controller.name
    for e in facts.engagements:
        for name in WORDED:
            value = getattr(e, name)
            if value and value != "no" and not getattr(e, f"{name}_en"):
                shown = ", ".join(value) if isinstance(value, list) else value
                out.append(
                    f"{name} of '{e.purpose}' has no English value, so the English DPA prints '{shown}': "
                    f'engage "{processor}" for="{controller}" purpose="{e.purpose}" {name}.en="..."'
                )
    for link in facts.chain:
        if link.service and not link.service_en:
            sub, by = facts.parties[link.sub].name, facts.parties[link.processor].name
            out.append(
                f"the service of {sub} has no English value, so the English DPA prints '{link.service}': "
                f'subprocessor add "{by}" "{sub}" service="{link.service}" service.en="..."'
            )
    return out


def annex_gaps(facts: DpaFacts) -> list[str]:
    """What Annex A prints from a default because the registry does not say it, each with the command."""
    out = []
    processor, controller = facts.processor, facts.controller.name
    for e in facts.engagements:
        command = f'engage "{processor.name}" for="{controller}" purpose="{e.purpose}"'
        if not e.nature:
            out.append(
                f"the nature of '{e.purpose}' is not recorded; the annex gives a general list: {command} nature=\"...\""
            )
        if not _special(e, "nb"):
            out.append(
                f"whether '{e.purpose}' includes special categories (Art. 9/10) is not recorded; the annex leaves it "
                f'open: {command} special=no (or special="helseopplysninger")'
            )
    if not processor.locations:
        out.append(
            f"where {processor.name} itself processes the data is not recorded; the annex gives its country of "
            f'establishment: party set "{processor.name}" locations=NO,SE'
        )
    return out


def properties(facts: DpaFacts, options: DpaOptions, *, now: datetime, name: str) -> dict[str, Any]:
    """The document's core properties: what Word shows under File > Info."""
    words = WORDS[options.lang]
    pair = f"{facts.controller.name} {words['and']} {facts.processor.name}"
    return {
        "title": _property(f"{words['title']}: {pair}"),
        "subject": words["subject"],
        "keywords": _property(f"{facts.controller.name}; {facts.processor.name}; DPA"),
        "version": str(facts.version),
        "language": words["language"],
        "identifier": name,
        "created": now.replace(tzinfo=None),
        "modified": now.replace(tzinfo=None),
        "last_modified_by": "DPA Registry Bot",
        "comments": words["comments"].format(date=long_date(now.date(), options.lang)),
    }


def _property(text: str) -> str:
    # python-docx refuses a core property over 255 characters, and names may have 200 each.
    return text if len(text) <= 255 else text[:254] + "…"


def mechanism_text(transfer: Transfer, facts: DpaFacts, lang: str) -> str:
    words, mechanism = WORDS[lang], MECHANISMS[transfer.mechanism]
    if transfer.mechanism == "adequacy" and transfer.country in ADEQUACY:
        decision = re.search(r"(\(EU\) )?\d{4}/\d+(/E[CU])?", ADEQUACY[transfer.country].decision)
        country = country_name(transfer.country, lang)
        return words["adequacy"].format(country=country, decision=decision.group(0) if decision else "")
    label = mechanism.label_nb if lang == "nb" and mechanism.label_nb else mechanism.label
    if transfer.mechanism == "adequacy":
        label = words["adequacy_label"]
    text = f"{label} ({CITATIONS[lang].get(transfer.mechanism, mechanism.reference)})"
    if transfer.mechanism == "scc-2021" and transfer.module:
        text += ", " + words["module"].format(n=transfer.module, label=MODULES[lang][transfer.module])
    if transfer.mechanism == "dpf":
        text += "; " + words["certified"].format(importer=facts.parties[transfer.importer].name)
    return text


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(WORDS[lang]["locale"])


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return _locale(lang).territories.get(code, code)


def long_date(day: date, lang: str) -> str:
    return format_date(day, "long", locale=_locale(lang))


def _party(party: Party, facts: DpaFacts, lang: str) -> dict[str, str]:
    dpo = party.dpo
    if not dpo and party.dpo_of is not None and party.dpo_of in facts.parties:
        dpo = facts.parties[party.dpo_of].dpo  # a group DPO serving this company
    return {
        "name": party.name,
        "orgnr": party.orgnr or "",
        "address": party.address or "",
        "country": country_name(party.country, lang),
        "email": party.email or "",
        "dpo": dpo or "",
        "contact": party.contact or "",
        "locations": ", ".join(
            country_name(c, lang) for c in party.locations or ([party.country] if party.country else [])
        ),
    }


def _special(e: Engagement, lang: str) -> str:
    """The engagement's special categories (Art. 9) and criminal-offence data (Art. 10) for the annex: its words
    as recorded, or else the recorded categories named in the document's language."""
    value = in_language(e, "special", lang)
    if not value:
        have = special.recorded(e)
        named = special.names(have, lang)
        if named:
            value = ", ".join(named)
        elif have.categories == () and have.criminal is False:
            value = "no"
    if not value:
        return ""
    if value == "no":
        return WORDS[lang]["special.no"]
    return WORDS[lang]["special.yes"].format(which=value)


def _duration(start: date | None, end: date | None, lang: str) -> str:
    words = WORDS[lang]
    if start and end:
        return words["from_to"].format(start=long_date(start, lang), end=long_date(end, lang))
    if start:
        return words["from"].format(start=long_date(start, lang))
    if end:
        return words["to"].format(end=long_date(end, lang))
    return words["while_in_force"]


def replaced_agreement(facts: DpaFacts) -> Agreement | None:
    """The signed agreement in force between the pair, which this version replaces once it is signed."""
    signed = [a for a in facts.agreements if a.status == "signed" and a.signed]
    return max(signed, key=lambda a: a.version) if signed else None


def _version(agreement: Agreement, lang: str) -> dict[str, str]:
    """The replaced signed agreement, with the date it was signed."""
    when = agreement.signed or agreement.created
    return {
        "version": str(agreement.version),
        "date": long_date(when, lang) if when else "",
        "status": WORDS[lang]["status.signed"],
    }
