"""The demo registry as data: the facts of the five seed privacy policies, and our fictional company.

Written as our own data (never read from ../shared at run time); see registry/demo.py for how it loads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# Parties by a short key that the relations below refer to. Order matters: `dpo_of` may only name a party
# listed earlier.
PARTIES: dict[str, dict[str, Any]] = {
    # Fictional: our own organisation. Org. number invented for the demo (passes the mod-11 check).
    "nordlys": {
        "name": "Nordlys Eiendomsdrift AS",
        "aliases": ["Nordlys"],
        "orgnr": "925813745",
        "country": "NO",
        "address": "Postboks 1234 Sentrum, 0104 Oslo",
        "email": "personvern@nordlys-eiendomsdrift.example",
        "dpo": "personvernombud@nordlys-eiendomsdrift.example",
        "is_self": True,
    },
    # Semac's policy says it is part of Avarn Security and uses the group's DPO; it gives no DPO address.
    "avarn": {"name": "Avarn Security", "aliases": ["Avarn"], "country": "NO"},
    "semac": {
        "name": "Semac",
        "country": "NO",
        "address": "Alf Bjerckes vei 1, PB 34 Vollebekk, 0516 Oslo",
        "email": "post@semac.no",
        "dpo_of": "avarn",
    },
    "se_gruppen": {"name": "SE-gruppen", "country": "NO", "email": "mininfo@se-gruppen.no"},
    "septer": {
        "name": "Septer AS",
        "aliases": ["VARN"],
        "orgnr": "921183739",
        "country": "NO",
        "address": "Brugata 7, 2380 Brumunddal",
        "email": "septer@septer.no",
        "dpo": "personvernombud@septer.no",
        # What Septer's policy (section 4) says it does for security, and no more.
        "measures": [
            "Retningslinjer og prosedyrer for sikkerhet og konfidensialitet for alle data Septer har",
            "Opplæring av de ansatte i sikkerhet og konfidensialitet",
        ],
    },
    # IWMAC names privacy@iwmac.no as the address of its DPO, so it is both the contact and the DPO.
    "iwmac": {"name": "IWMAC AS", "country": "NO", "email": "privacy@iwmac.no", "dpo": "privacy@iwmac.no"},
    "netsecurity": {"name": "Netsecurity", "country": "NO", "email": "personvern@netsecurity.no"},
    # Fictional: a housing cooperative whose residents' register we keep, as its processor.
    "fjordglott": {
        "name": "Borettslaget Fjordgløtt",
        "aliases": ["Fjordgløtt"],
        "country": "NO",
        "email": "styret@fjordglott.example",
    },
    # Septer's CRM and where it is hosted, as Septer's policy describes it.
    "hubspot": {"name": "HubSpot, Inc.", "country": "US"},
    "aws": {"name": "Amazon Web Services, Inc.", "aliases": ["AWS"], "country": "US"},
    "google": {"name": "Google LLC", "aliases": ["Google Cloud Platform", "GCP"], "country": "US"},
    # Fictional: the hosting provider behind IWMAC's platform, and the data centre it rents space in.
    "fjordsky": {"name": "Fjordsky Hosting AS", "country": "NO"},
    "bergfjell": {"name": "Bergfjell Datasenter AS", "country": "NO"},
    # Fictional: a US help-desk service we use for tenants' service requests (a transfer under SCCs).
    "northwind": {"name": "Northwind Helpdesk, Inc.", "aliases": ["Northwind"], "country": "US"},
    # Our chat tool, relied on under the Data Privacy Framework. The DPF status is demo data, not a check.
    "slack": {
        "name": "Slack Technologies, LLC",
        "aliases": ["Slack"],
        "country": "US",
        "dpf": True,
        "dpf_checked": date(2026, 10, 1),
    },
}

_NOT_STATED = "Ikke oppgitt i personvernerklæringen"

# The Slack channel where inquiries for a party are posted, by party key.
ROUTES: tuple[dict[str, Any], ...] = ({"party": "nordlys", "channel": "#personvern"},)

ENGAGEMENTS: tuple[dict[str, Any], ...] = (
    # -- What the seed policies say about each company's own role --------------------------------------
    {
        "processor": "semac",
        "controllers": ["semac"],
        "purpose": "Kundeservice, support, salg og besvarelse av henvendelser",
        "data": ["navn", "kontaktinformasjon", "innhold i henvendelser", "kundeforhold"],
        "subjects": ["kunder", "mulige kunder", "leverandører", "samarbeidspartnere"],
        "retention": "Slettes tidligst etter 3 og senest etter 24 måneder, etter hvilke avtaler som gjelder",
        "basis": "Art. 6(1)(b) for kunder (levering etter avtale); ellers " + _NOT_STATED.lower(),
    },
    {
        "processor": "se_gruppen",
        "controllers": ["se_gruppen"],
        "purpose": "Kunde- og leverandørregister, fakturering og henvendelser via nettsiden",
        "data": ["navn", "e-post", "telefon", "bedrift og kontaktperson", "fakturaopplysninger", "IP-adresse"],
        "subjects": ["kontaktpersoner hos kunder og leverandører", "besøkende på nettsiden"],
        "retention": "Så lenge formålet eller lovkrav tilsier; varierer med typen opplysning",
        "basis": "GDPR art. 6(1)(a) samtykke, (b) avtale og (c) rettslig forpliktelse",
    },
    {
        "processor": "septer",
        "controllers": ["septer"],
        "purpose": "Nettstedet septer.no: besøksstatistikk og henvendelser",
        "data": ["sider besøkt og tidspunkt", "nettleser og operativsystem", "navn og kontaktinformasjon"],
        "subjects": ["besøkende på nettstedet", "personer som tar kontakt"],
        "retention": "Så lenge formålet eller loven krever; slettes på forespørsel",
        "basis": "Art. 6(1)(f) for statistikk; art. 6(1)(b) for henvendelser",
    },
    {
        "processor": "septer",
        "controllers": ["septer"],
        "purpose": "Rekruttering",
        "data": ["kontaktinformasjon", "CV og kvalifikasjoner", "intervjunotater", "referanser"],
        "subjects": ["jobbsøkere"],
        "retention": "Under rekrutteringen; med samtykke 12 måneder til for senere stillinger",
        "basis": "Art. 6(1)(f) berettiget interesse",
    },
    {
        "processor": "hubspot",
        "controllers": ["septer"],
        "purpose": "CRM: bedriftskontakter",
        "data": ["firmaets kontaktinformasjon", "firmaets nettadresse", "kontaktnavn", "tittel", "beliggenhet"],
        "subjects": ["kontaktpersoner hos kunder og interessenter"],
        "retention": "Så lenge virksomheten er kunde hos Septer, deretter slettet",
        "basis": "Art. 6(1)(b), (f) og (a) (kunderelasjoner)",
    },
    {
        "processor": "iwmac",
        "controllers": ["iwmac"],
        "purpose": "Ansatte og jobbsøkere",
        "data": ["personalopplysninger", "søknad og CV"],
        "subjects": ["ansatte", "jobbsøkere"],
        "retention": "Så lenge formålet krever; lenger der bokføringsregler krever det",
        "basis": _NOT_STATED,
    },
    {
        "processor": "iwmac",
        "controllers": ["iwmac"],
        "purpose": "Kundeforhold, leveranser og markedsføring",
        "data": ["navn", "e-post", "telefon", "stilling/rolle", "korrespondanse", "svar på kundeundersøkelser"],
        "subjects": ["kontaktpersoner hos kunder, leverandører og partnere"],
        "retention": "Så lenge formålet krever; lenger der bokføringsregler krever det",
        "basis": "Art. 6(1)(b) avtale; i noen tilfeller art. 6(1)(a) samtykke",
    },
    {
        "processor": "netsecurity",
        "controllers": ["netsecurity"],
        "purpose": "Egne kunder, ansatte og besøksregistrering ved egne kontorer",
        "data": ["navn", "kontaktinformasjon", "kontoopplysninger", "besøkstidspunkt"],
        "subjects": ["kontaktpersoner hos kunder", "brukere", "ansatte", "besøkende"],
        "retention": "Så lenge formålet krever, lenger der regnskapsloven krever; besøksrapport for siste 10 dager",
        "basis": "Art. 6(1)(a) samtykke, (b) avtale og (c) rettslig forpliktelse",
    },
    # -- Our (fictional) use of them --------------------------------------------------------------------
    {
        "processor": "iwmac",
        "controllers": ["nordlys"],
        "purpose": "Alarmsentral og driftskontroll av kjøle- og byggautomasjon",
        "data": ["navn", "telefon", "e-post", "rolle", "teknisk bruksinformasjon", "lydopptak fra Alarm Center"],
        "subjects": ["driftspersonell", "vakthavende teknikere", "kontaktpersoner hos leietakere"],
        "retention": "Lydopptak 90 dager; øvrige opplysninger så lenge avtalen løper",
        "basis": "Art. 6(1)(f) berettiget interesse: sikker drift av byggene",
        "start": date(2023, 3, 1),
    },
    {
        "processor": "netsecurity",
        "controllers": ["nordlys"],
        "purpose": "IT-sikkerhetstjenester og besøksregistrering",
        "data": ["navn", "firma", "telefon", "besøkstidspunkt", "vert", "pålogginger og sikkerhetslogger"],
        "subjects": ["besøkende", "ansatte"],
        "retention": "Besøkslogg 30 dager; sikkerhetslogger 12 måneder",
        "basis": "Art. 6(1)(f) berettiget interesse: sikkerhet i lokaler og IT-systemer",
        "start": date(2025, 6, 1),
    },
    {
        "processor": "semac",
        "controllers": ["nordlys"],
        "purpose": "Vektertjenester, adgangskontroll og alarmrespons i våre bygg",
        "data": ["navn på nøkkelbærere", "adgangskortlogg", "alarmhendelser", "vaktrapporter"],
        "subjects": ["ansatte", "leietakere", "håndverkere"],
        "retention": "3 til 24 måneder, etter avtalen med Semac",
        "basis": "Art. 6(1)(f) berettiget interesse: sikring av eiendom",
        "start": date(2026, 10, 1),
    },
    {
        "processor": "septer",
        "controllers": ["nordlys"],
        "purpose": "Brukertilgang til systemet VARN",
        "data": ["navn", "e-post", "telefon", "rolle", "brukerlogg"],
        "subjects": ["ansatte med tilgang til VARN"],
        "retention": "Så lenge brukeren har tilgang, deretter slettet",
        "basis": "Art. 6(1)(f) berettiget interesse",
        "start": date(2024, 11, 1),
    },
    {
        "processor": "northwind",
        "controllers": ["nordlys"],
        "purpose": "Leietakerservice: meldinger om feil og bestillinger",
        "data": ["navn", "e-post", "telefon", "adresse/leilighet", "innhold i meldingen"],
        "subjects": ["leietakere"],
        "retention": "24 måneder etter at saken er lukket",
        "basis": "Art. 6(1)(b) leieavtalen",
        "start": date(2025, 1, 15),
    },
    {
        "processor": "slack",
        "controllers": ["nordlys"],
        "purpose": "Intern meldingstjeneste, inkludert personvernkanalen",
        "data": ["navn", "jobb-e-post", "meldinger og filer"],
        "subjects": ["ansatte", "innleid personell"],
        "retention": "Meldinger 24 måneder; personvernsaker så lenge saken krever",
        "basis": "Art. 6(1)(f) berettiget interesse: intern kommunikasjon",
        "start": date(2024, 4, 1),
    },
    # We as processor (fictional): the cooperative decides on its residents' register; we keep it for them.
    {
        "processor": "nordlys",
        "controllers": ["fjordglott"],
        "purpose": "Beboerregister og nøkkelkort for borettslaget",
        "data": ["navn", "leilighetsnummer", "telefon", "e-post", "nøkkelkortnummer"],
        "subjects": ["beboere"],
        "retention": "Så lenge vi forvalter borettslaget, deretter tilbakelevering",
        "basis": "Borettslagets behandlingsgrunnlag (vi er databehandler)",
        "start": date(2024, 1, 1),
    },
    # We as processor for Semac (fictional): the access-card log of the offices Semac rents from us.
    # Semac's DPO is Avarn Security's, so an inquiry routed to Semac goes to the group DPO.
    {
        "processor": "nordlys",
        "controllers": ["semac"],
        "purpose": "Adgangskortlogg for Semacs leide kontorlokaler",
        "data": ["navn", "kortnummer", "tidspunkt for passering"],
        "subjects": ["Semacs ansatte og besøkende"],
        "retention": "3 måneder",
        "basis": "Semacs behandlingsgrunnlag (vi er databehandler)",
        "start": date(2025, 3, 1),
    },
    # Joint controllers (Art. 26): we and SE-gruppen decide together on a shared tender register, kept by us.
    {
        "processor": "nordlys",
        "controllers": ["nordlys", "se_gruppen"],
        "purpose": "Felles tilbuds- og prosjektarbeid",
        "data": ["navn", "stilling", "e-post", "telefon", "bedrift"],
        "subjects": ["kontaktpersoner hos kunder og underleverandører"],
        "retention": "Til prosjektet er avsluttet, deretter 12 måneder",
        "basis": "Art. 6(1)(f) berettiget interesse",
        "start": date(2025, 9, 1),
    },
)

SUBPROCESSORS: tuple[dict[str, Any], ...] = (
    {
        "processor": "hubspot",
        "sub": "aws",
        "service": "Lagring av CRM-data (hosting)",
        "countries": ["US"],
        "added": date(2024, 6, 1),
    },
    {
        "processor": "hubspot",
        "sub": "google",
        "service": "Ruting av tjenester gjennom GCP-datasenter",
        # Septer's policy says only "EU"; Ireland stands in for an EU data centre location.
        "countries": ["IE"],
        "added": date(2024, 6, 1),
    },
    # A chain of depth two under IWMAC: IWMAC -> hosting provider -> data centre.
    {
        "processor": "iwmac",
        "sub": "fjordsky",
        "service": "Hosting av driftskontrollplattformen",
        "countries": ["NO"],
        "authorisation": "general",
        "notified": date(2023, 2, 15),
        "added": date(2023, 3, 1),
    },
    {
        "processor": "fjordsky",
        "sub": "bergfjell",
        "service": "Datasenter (colocation)",
        "countries": ["NO"],
        "authorisation": "general",
        "notified": date(2024, 5, 2),
        "added": date(2024, 5, 2),
    },
)

TRANSFERS: tuple[dict[str, Any], ...] = (
    # Septer's claim as stated: invalid since Schrems II, which is what the review should flag.
    {
        "exporter": "hubspot",
        "importer": "aws",
        "country": "US",
        "mechanism": "privacy-shield",
        "note": (
            "Septers personvernerklæring: overføring til USA bygger på EU-US Privacy Shield, som HubSpot "
            "oppgis å være sertifisert under."
        ),
        "added": date(2024, 6, 1),
    },
    # The same policy also claims "standard avtaleklausuler" for transfers out of the EU, without saying
    # which decision's: recorded as claimed, so the review asks for the version.
    {
        "exporter": "septer",
        "importer": "hubspot",
        "country": "US",
        "mechanism": "scc-unknown",
        "note": "Septers personvernerklæring: kontrakter med standard avtaleklausuler, uten versjon.",
        "added": date(2024, 6, 1),
    },
    # We are controller and Northwind our processor: SCC module 2 (controller to processor), with a TIA.
    {
        "exporter": "nordlys",
        "importer": "northwind",
        "country": "US",
        "mechanism": "scc-2021",
        "module": 2,
        "tia": date(2025, 1, 8),
        "added": date(2025, 1, 15),
    },
    {
        "exporter": "nordlys",
        "importer": "slack",
        "country": "US",
        "mechanism": "dpf",
        "added": date(2024, 4, 1),
    },
)

AGREEMENTS: tuple[dict[str, Any], ...] = (
    # Signed, review date passed: due for review.
    {
        "controller": "nordlys",
        "processor": "iwmac",
        "status": "signed",
        "signed": date(2023, 2, 20),
        "review": date(2025, 2, 20),
        "file": "databehandleravtale-iwmac-2023.pdf",
    },
    # Netsecurity's DPA is part of its standard terms of assignment.
    {
        "controller": "nordlys",
        "processor": "netsecurity",
        "status": "signed",
        "signed": date(2025, 5, 20),
        "review": date(2027, 5, 20),
        "file": "netsecurity-standardvilkar-databehandleravtale.pdf",
    },
    {
        "controller": "nordlys",
        "processor": "northwind",
        "status": "signed",
        "signed": date(2025, 1, 10),
        "review": date(2027, 1, 10),
        "file": "northwind-dpa-scc-2021-module-2.pdf",
    },
    {
        "controller": "nordlys",
        "processor": "slack",
        "status": "signed",
        "signed": date(2024, 3, 25),
        "review": date(2027, 3, 25),
        "file": "slack-dpa-2024.pdf",
    },
    # Semac's processing has started but the agreement is still a draft.
    {"controller": "nordlys", "processor": "semac", "status": "draft"},
    {
        "controller": "fjordglott",
        "processor": "nordlys",
        "status": "signed",
        "signed": date(2024, 1, 10),
        "review": date(2027, 1, 10),
    },
    # Septer (VARN) has no agreement on record at all.
)
