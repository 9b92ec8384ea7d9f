"""Build the first version of the DPA Word templates: templates/dpa.nb.docx and templates/dpa.en.docx.

    /tmp/venv/bin/python tools/make_templates.py [--force] [--out-dir DIR]

The wording of the agreement (GDPR Art. 28) lives in this file in readable form, so that a reviewer can read the
legal text in a diff. It is only the starting point: once the DPO has edited a template in Word, the .docx is the
source, and running this script again would overwrite those edits. The script therefore refuses to overwrite an
existing template unless --force is given.

The templates use the placeholder syntax and the value names of templates/README.md. Before saving, the script
checks that every placeholder is a known value, that every {{if}}/{{each}} block has its {{end}}, and that a
repeating table row draws on one list only, so a typo here fails the build instead of the generator.

Form: named styles only (Title, Subtitle, Heading 1, Heading 2, Normal, List Bullet, Table Grid, and the character
style Strong), adjusted on the style objects; A4 with 2.5 cm margins; a footer with real PAGE and NUMPAGES fields;
the spelling language set in the document defaults.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
AUTHOR = "DPA Registry Bot"
FONT = "Calibri"  # LibreOffice substitutes the metric-compatible Carlito
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)
SUBTITLE_COLOUR = RGBColor(0x59, 0x59, 0x59)

# ---------------------------------------------------------------------------------------------------------------
# Content model. A document is a list of blocks (nested lists are flattened):
#   Para(style, text)   a paragraph; the whole text is one run, so every placeholder is inside one run
#   Note(text)          a Normal paragraph whose text has the character style Strong (a warning the DPO must see)
#   Marker(text)        a block marker ({{if x}}, {{if not x}}, {{each x}}, {{end}}) alone in a Normal paragraph
#   Table(...)          a Table Grid table; a cell is a string or a tuple of strings (one paragraph each)
#   PageBreak()         a Normal paragraph holding only a page break (before each annex)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    style: str
    text: str


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Marker:
    text: str


@dataclass(frozen=True)
class PageBreak:
    pass


Cell = str | tuple[str, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    widths_cm: tuple[float, ...]
    header: bool = True  # first row is a header: Strong text, repeated on each page
    tall_rows: frozenset[int] = field(default_factory=frozenset)  # rows with room for a handwritten signature
    together: bool = False  # keep the whole table on one page (the signature table)


def title(text: str) -> Para:
    return Para("Title", text)


def subtitle(text: str) -> Para:
    return Para("Subtitle", text)


def h1(text: str) -> Para:
    return Para("Heading 1", text)


def h2(text: str) -> Para:
    return Para("Heading 2", text)


def p(text: str) -> Para:
    return Para("Normal", text)


def bullets(*items: str) -> list[Para]:
    return [Para("List Bullet", item) for item in items]


def annex(heading: str) -> list:
    """Each annex starts on a new page."""
    return [PageBreak(), h1(heading)]


def when(name: str) -> Marker:
    return Marker("{{if " + name + "}}")


def unless(name: str) -> Marker:
    return Marker("{{if not " + name + "}}")


def each(name: str) -> Marker:
    return Marker("{{each " + name + "}}")


END = Marker("{{end}}")


def table(
    *rows: tuple[Cell, ...],
    widths: tuple[float, ...],
    header: bool = True,
    tall: tuple[int, ...] = (),
    together: bool = False,
) -> Table:
    return Table(tuple(rows), widths, header, frozenset(tall), together)


def party_rows(labels: tuple[str, str, str, str, str, str]) -> list[tuple[Cell, ...]]:
    """Rows of the parties table: one label column, then the controller and the processor."""
    fields = ("name", "orgnr", "address", "country", "email", "dpo")
    return [
        (label, "{{controller." + f + "}}", "{{processor." + f + "}}") for label, f in zip(labels, fields, strict=True)
    ]


PARTY_WIDTHS = (4.4, 5.8, 5.8)
PROCESSING_WIDTHS = (4.6, 11.4)
SIGNATURE_WIDTHS = (8.0, 8.0)
SUBPROCESSOR_WIDTHS = (3.6, 2.1, 2.8, 2.7, 2.7, 2.1)
TRANSFER_WIDTHS = (3.2, 3.2, 2.4, 4.6, 2.6)
VERSION_WIDTHS = (3.0, 5.0, 8.0)


# ---------------------------------------------------------------------------------------------------------------
# Databehandleravtale (bokmål)
# ---------------------------------------------------------------------------------------------------------------


def norwegian() -> list:
    return [
        title("Databehandleravtale"),
        subtitle("Versjon {{version}} · {{date}}"),
        p("Avtale om behandling av personopplysninger etter personvernforordningen artikkel 28, mellom:"),
        table(
            ("", "Behandlingsansvarlig", "Databehandler"),
            *party_rows(("Navn", "Org.nr.", "Adresse", "Land", "E-post for personvern", "Personvernombud")),
            widths=PARTY_WIDTHS,
        ),
        h1("1 Parter og bakgrunn"),
        p(
            "1.1 Denne avtalen er inngått mellom {{controller.name}} som behandlingsansvarlig («den "
            "behandlingsansvarlige») og {{processor.name}} som databehandler («databehandleren»)."
        ),
        p(
            "1.2 Databehandleren behandler personopplysninger på vegne av den behandlingsansvarlige når den leverer "
            "tjenester etter en egen avtale («tjenesteavtalen»). Denne avtalen er avtalen som kreves etter artikkel "
            "28 nr. 3 i forordning (EU) 2016/679 (personvernforordningen), og regulerer den behandlingen."
        ),
        p(
            "1.3 Personvernforordningen gjelder i Norge gjennom personopplysningsloven (lov 15. juni 2018 nr. 38). "
            "Med «EØS-retten» menes unionsretten slik den gjelder i EØS, og retten i en EØS-stat."
        ),
        p("1.4 I spørsmål om personvern går denne avtalen foran tjenesteavtalen og andre avtaler mellom partene."),
        p(
            "1.5 Begreper som er definert i personvernforordningen, som «personopplysninger», «behandling», «den "
            "registrerte» og «brudd på personopplysningssikkerheten», har samme betydning her. "
            "«Personvernregelverket» er personvernforordningen, personopplysningsloven og andre personvernregler som "
            "gjelder for behandlingen. En «underdatabehandler» er en databehandler som databehandleren engasjerer for "
            "å behandle personopplysninger for den behandlingsansvarlige. «Skriftlig» omfatter e-post når signatur "
            "ikke kreves. Bilag A til D er en del av avtalen."
        ),
        h1("2 Beskrivelse av behandlingen"),
        p(
            "2.1 Bilag A beskriver behandlingens gjenstand, varighet, art og formål, typene personopplysninger og "
            "kategoriene av registrerte, for hver behandling."
        ),
        p(
            "2.2 Behandlingens gjenstand er personopplysningene databehandleren mottar fra den behandlingsansvarlige, "
            "eller samler inn eller frambringer for den, når den leverer tjenestene. Behandlingen varer som angitt i "
            "bilag A, og uansett så lenge avtalen gjelder (punkt 17)."
        ),
        p(
            "2.3 Databehandleren behandler personopplysningene bare for formålene i bilag A, ikke for egne formål "
            "eller tredjeparters formål, og sammenstiller dem ikke med opplysninger den behandler for andre eller for "
            "seg selv, med mindre den behandlingsansvarlige skriftlig instruerer om det."
        ),
        p(
            "2.4 Omfatter bilag A særlige kategorier av personopplysninger (personvernforordningen artikkel 9) eller "
            "opplysninger om straffedommer og lovovertredelser (artikkel 10), gjennomfører databehandleren de ekstra "
            "tiltakene som står i bilag C eller i den behandlingsansvarliges instrukser."
        ),
        h1("3 Den behandlingsansvarliges plikter og rettigheter"),
        p(
            "3.1 Den behandlingsansvarlige bestemmer formålet med behandlingen og midlene som brukes, og er ansvarlig "
            "for at behandlingen er lovlig: at den har rettslig grunnlag, at de registrerte får informasjon etter "
            "artikkel 13 og 14, og at instruksene er i samsvar med personvernregelverket."
        ),
        p(
            "3.2 Den behandlingsansvarlige kan særlig gi, endre og trekke tilbake instrukser (punkt 4), få "
            "informasjon og bistand (punkt 10 til 12 og 14), revidere databehandleren (punkt 14), protestere mot "
            "eller godkjenne underdatabehandlere (punkt 8) og velge mellom sletting og tilbakelevering av "
            "personopplysningene (punkt 13)."
        ),
        p(
            "3.3 Den behandlingsansvarlige besvarer henvendelser fra de registrerte og avgjør om et brudd på "
            "personopplysningssikkerheten skal meldes til Datatilsynet eller varsles til de registrerte."
        ),
        h1("4 Instrukser"),
        p(
            "4.1 Databehandleren behandler personopplysningene bare etter dokumenterte instrukser fra den "
            "behandlingsansvarlige, også når det gjelder overføring til en tredjestat eller en internasjonal "
            "organisasjon (punkt 9). Ved signering består instruksene av denne avtalen med bilag og den "
            "behandlingsansvarliges bruk og konfigurering av tjenestene."
        ),
        p(
            "4.2 Den behandlingsansvarlige kan gi nye instrukser skriftlig fra kontaktadressen for personvern i bilag "
            "A, eller gjennom en person den skriftlig har utpekt. Databehandleren oppbevarer instruksene den mottar."
        ),
        p(
            "4.3 Krever EØS-retten eller norsk rett som databehandleren er underlagt, en annen behandling enn "
            "instruert, informerer databehandleren den behandlingsansvarlige om kravet før behandlingen, med mindre "
            "denne retten forbyr det av hensyn til viktige allmenne interesser."
        ),
        h1("5 Instrukser i strid med personvernregelverket"),
        p(
            "5.1 Databehandleren informerer straks den behandlingsansvarlige dersom den mener at en instruks er i "
            "strid med personvernforordningen eller annen personvernlovgivning i EØS eller Norge, og forklarer "
            "hvorfor."
        ),
        p(
            "5.2 Databehandleren kan stille instruksen i bero til den behandlingsansvarlige skriftlig har bekreftet, "
            "endret eller trukket den tilbake, og har ikke plikt til å følge en ulovlig instruks."
        ),
        h1("6 Taushetsplikt"),
        p(
            "6.1 Databehandleren gir bare tilgang til personopplysningene til personer som trenger det for å levere "
            "tjenestene, og bare i det omfanget de trenger."
        ),
        p(
            "6.2 Databehandleren sørger for at hver slik person, enten ansatt, innleid eller konsulent, har "
            "forpliktet seg skriftlig til taushet eller har en egnet lovbestemt taushetsplikt, og at taushetsplikten "
            "gjelder også etter at arbeidsforholdet eller oppdraget er avsluttet. Personene skal ha fått opplæring i "
            "pliktene etter denne avtalen."
        ),
        p(
            "6.3 Databehandleren utleverer personopplysningene bare etter instruks fra den behandlingsansvarlige, til "
            "godkjente underdatabehandlere (punkt 8) eller når EØS-retten eller norsk rett krever det. Krever en "
            "myndighet eller domstol opplysningene utlevert, henviser databehandleren så langt mulig kravet til den "
            "behandlingsansvarlige og varsler den uten ugrunnet opphold, med mindre loven forbyr det, og utleverer "
            "ikke mer enn det som rettslig kreves."
        ),
        h1("7 Sikkerhet ved behandlingen"),
        p(
            "7.1 Databehandleren gjennomfører de tekniske og organisatoriske tiltakene personvernforordningen "
            "artikkel 32 krever, slik at sikkerheten står i forhold til risikoen for de registrerte. Den tar hensyn "
            "til den tekniske utviklingen, gjennomføringskostnadene og behandlingens art, omfang, sammenheng og "
            "formål, og særlig til risikoen for at personopplysninger ved et uhell eller ulovlig blir ødelagt, tapt, "
            "endret, utlevert eller gjort tilgjengelig for uvedkommende."
        ),
        p(
            "7.2 Tiltakene omfatter minst dem som står i bilag C punkt C.2. Databehandleren gjennomgår "
            "risikovurderingen og tiltakene minst én gang i året og når behandlingen endres vesentlig. Et tiltak kan "
            "erstattes av et som beskytter minst like godt, men det samlede sikkerhetsnivået skal ikke senkes, og "
            "vesentlige endringer meldes til den behandlingsansvarlige. Databehandleren gir den behandlingsansvarlige "
            "dokumentasjonen av tiltakene på forespørsel."
        ),
        h1("8 Underdatabehandlere"),
        p(
            "8.1 Databehandleren kan bare engasjere underdatabehandlere etter dette punktet. Underdatabehandlerne i "
            "bilag B er godkjent ved signering, for tjenestene og stedene som står der."
        ),
        when("general_authorisation"),
        p(
            "8.2 Den behandlingsansvarlige gir generell skriftlig tillatelse til å engasjere underdatabehandlere. "
            "Databehandleren varsler den behandlingsansvarlige skriftlig minst {{notice_days}} dager i forveien om "
            "planer om å legge til eller bytte ut en underdatabehandler, med underdatabehandlerens navn og adresse, "
            "behandlingen, behandlingsstedet og eventuell overføring ut av EØS med overføringsgrunnlag."
        ),
        p(
            "8.3 Den behandlingsansvarlige kan protestere skriftlig og med begrunnelse innen fristen. Databehandleren "
            "bruker da ikke underdatabehandleren for den behandlingsansvarliges opplysninger, og partene søker i god "
            "tro en annen løsning. Finnes ingen før endringen skulle tre i kraft, kan den behandlingsansvarlige si "
            "opp denne avtalen og de berørte tjenestene uten erstatning eller oppsigelsesgebyr. Kommer ingen protest "
            "innen fristen, er endringen godtatt."
        ),
        END,
        when("specific_authorisation"),
        p(
            "8.2 En ny underdatabehandler, også som erstatning for en annen, krever særskilt skriftlig "
            "forhåndstillatelse fra den behandlingsansvarlige. Databehandleren ber om tillatelse skriftlig minst "
            "{{notice_days}} dager før underdatabehandleren skal begynne, med underdatabehandlerens navn og adresse, "
            "behandlingen, behandlingsstedet og eventuell overføring ut av EØS med overføringsgrunnlag."
        ),
        p(
            "8.3 Den behandlingsansvarlige svarer skriftlig innen fristen og begrunner et avslag. En ubesvart "
            "anmodning er ikke en tillatelse. En tillatelse gjelder bare den underdatabehandleren, de tjenestene og "
            "de stedene den nevner."
        ),
        END,
        p(
            "8.4 Før en underdatabehandler begynner, binder databehandleren den ved skriftlig avtale til de samme "
            "personvernforpliktelsene som følger av denne avtalen, særlig tilstrekkelige garantier for egnede "
            "tekniske og organisatoriske tiltak (personvernforordningen artikkel 28 nr. 4), og kontrollerer at den "
            "oppfyller dem. Den behandlingsansvarlige får kopi av personvernvilkårene på forespørsel."
        ),
        p(
            "8.5 Databehandleren er fullt ut ansvarlig overfor den behandlingsansvarlige for at underdatabehandlerne "
            "oppfyller sine forpliktelser."
        ),
        p(
            "8.6 Punktet gjelder også når en underdatabehandler engasjerer en annen databehandler; bilag B viser "
            "underdatabehandlere i alle ledd. Endringer etter dette punktet registreres og tas inn i bilag B ved "
            "neste versjon (punkt 18)."
        ),
        h1("9 Overføring til tredjestater og internasjonale organisasjoner"),
        p(
            "9.1 Databehandleren overfører personopplysninger til en stat utenfor EØS eller til en internasjonal "
            "organisasjon, eller gir tilgang til dem fra utenfor EØS (også for brukerstøtte), bare etter "
            "dokumentert instruks fra den behandlingsansvarlige og med et gyldig overføringsgrunnlag etter "
            "personvernforordningen kapittel V: en beslutning om tilstrekkelig beskyttelsesnivå (artikkel 45), "
            "nødvendige garantier som Kommisjonens standard personvernbestemmelser eller bindende virksomhetsregler "
            "(artikkel 46 og 47), eller, bare for enkeltstående overføringer, et unntak etter artikkel 49."
        ),
        when("transfers"),
        p("9.2 Overføringene den behandlingsansvarlige har instruert om, står i bilag B punkt B.3."),
        END,
        unless("transfers"),
        p(
            "9.2 Ingen overføring av personopplysninger ut av EØS er avtalt ved signering. En senere overføring "
            "krever skriftlig instruks fra den behandlingsansvarlige (for en ny underdatabehandler: tillatelse etter "
            "punkt 8) og tas inn i bilag B."
        ),
        END,
        p(
            "9.3 Ved overføring på grunnlag av standard personvernbestemmelser eller bindende virksomhetsregler "
            "sørger databehandleren for at det er gjort en vurdering av overføringen (TIA), og at de supplerende "
            "tiltakene vurderingen krever, er på plass. Den behandlingsansvarlige får vurderingen på forespørsel. "
            "Bindes en underdatabehandler i en tredjestat av standard personvernbestemmelser etter "
            "gjennomføringsbeslutning (EU) 2021/914, brukes modul 3 (databehandler til databehandler)."
        ),
        p(
            "9.4 Slutter et overføringsgrunnlag å gjelde, eller kan det ikke overholdes, varsler databehandleren den "
            "behandlingsansvarlige uten ugrunnet opphold og stanser overføringen til et gyldig grunnlag er på plass "
            "eller opplysningene behandles i EØS."
        ),
        h1("10 Bistand ved de registrertes rettigheter"),
        p(
            "10.1 Databehandleren hjelper den behandlingsansvarlige med å besvare henvendelser fra registrerte som "
            "utøver rettighetene sine etter personvernforordningen kapittel III (innsyn, retting, sletting, "
            "begrensning, dataportabilitet, protest og automatiserte avgjørelser), gjennom tekniske og "
            "organisatoriske tiltak tilpasset behandlingens art."
        ),
        p(
            "10.2 En henvendelse fra en registrert som databehandleren mottar, sendes uten ugrunnet opphold videre "
            "til den behandlingsansvarlige. Databehandleren besvarer den ikke selv uten fullmakt fra den "
            "behandlingsansvarlige. Den behandlingsansvarliges frist etter artikkel 12 nr. 3 forlenges ikke fordi "
            "henvendelsen kom til databehandleren først."
        ),
        p(
            "10.3 Databehandleren utfører den behandlingsansvarliges instrukser om å utlevere, rette, slette, "
            "begrense eller eksportere opplysninger i tide til at fristen kan overholdes."
        ),
        h1("11 Bistand med sikkerhet, konsekvensvurderinger og forhåndsdrøftinger"),
        p(
            "11.1 Ut fra behandlingens art og informasjonen den har, bistår databehandleren den behandlingsansvarlige "
            "med å sørge for sikkerheten ved behandlingen (artikkel 32), melde brudd på personopplysningssikkerheten "
            "til Datatilsynet og varsle de registrerte (artikkel 33 og 34), vurdere personvernkonsekvenser (artikkel "
            "35) og drøfte behandlingen med Datatilsynet på forhånd når en slik vurdering viser høy risiko som den "
            "behandlingsansvarlige ikke kan redusere (artikkel 36)."
        ),
        p(
            "11.2 Bistanden omfatter informasjon om behandlingen, systemene, risikoene og tiltakene, gitt i tide til "
            "den behandlingsansvarliges egne frister. Tjenesteavtalen avgjør om bistand etter punkt 10 og 11 kan "
            "faktureres, men bistand som trengs fordi databehandleren eller en underdatabehandler har brutt avtalen "
            "eller personvernregelverket, er uten vederlag."
        ),
        h1("12 Brudd på personopplysningssikkerheten"),
        p(
            "12.1 Databehandleren varsler den behandlingsansvarlige uten ugrunnet opphold, og senest "
            "{{breach_hours}} timer etter at den ble kjent med et brudd på personopplysningssikkerheten som gjelder "
            "opplysninger den behandler for den behandlingsansvarlige. Varselet sendes til den behandlingsansvarliges "
            "kontaktadresse for personvern ({{controller.email}})."
        ),
        p("12.2 Varselet beskriver, så langt det er kjent:"),
        *bullets(
            "bruddets art, når det skjedde og ble oppdaget, og om mulig kategoriene og omtrentlig antall berørte "
            "registrerte og registreringer av personopplysninger;",
            "navn og kontaktopplysninger til databehandlerens personvernombud eller et annet kontaktpunkt;",
            "de sannsynlige konsekvensene av bruddet;",
            "tiltakene som er satt i verk eller foreslått for å håndtere bruddet og begrense mulige skadevirkninger.",
        ),
        p(
            "12.3 Opplysninger som ikke er tilgjengelige straks, gis trinnvis uten ytterligere ugrunnet opphold. Det "
            "første varselet venter ikke på at undersøkelsen blir ferdig."
        ),
        p(
            "12.4 Databehandleren setter straks i verk tiltak for å stanse bruddet og begrense følgene, sikrer bevis, "
            "samarbeider om undersøkelsen og dokumenterer bruddet slik at den behandlingsansvarlige kan oppfylle "
            "artikkel 33 nr. 5. Databehandleren varsler ikke myndigheter eller registrerte og uttaler seg ikke "
            "offentlig på vegne av den behandlingsansvarlige uten instruks eller lovkrav."
        ),
        h1("13 Sletting og tilbakelevering ved opphør"),
        p(
            "13.1 Når tjenestene som innebærer behandling, opphører, skal databehandleren etter den "
            "behandlingsansvarliges valg slette alle personopplysninger den har behandlet for den "
            "behandlingsansvarlige, eller levere dem tilbake og slette eksisterende kopier, med mindre EØS-retten "
            "eller norsk rett krever at databehandleren lagrer dem. Framgangsmåten står i bilag C punkt C.4."
        ),
        p(
            "13.2 Krever slik rett lagring, informerer databehandleren den behandlingsansvarlige, lagrer "
            "opplysningene bare så lenge og for det formålet loven krever, og beskytter dem fortsatt etter avtalen."
        ),
        p(
            "13.3 Databehandleren sørger for at underdatabehandlerne gjør det samme, og bekrefter skriftlig overfor "
            "den behandlingsansvarlige hva som er slettet, også hos underdatabehandlerne, og når."
        ),
        h1("14 Informasjon og revisjon"),
        p(
            "14.1 Databehandleren gjør tilgjengelig all informasjon som trengs for å påvise at personvernforordningen "
            "artikkel 28 og denne avtalen er overholdt."
        ),
        p(
            "14.2 Databehandleren gir adgang til og bidrar til revisjoner, også inspeksjoner, som gjennomføres av den "
            "behandlingsansvarlige eller av en revisor den behandlingsansvarlige gir oppdraget. En slik revisor skal "
            "ha taushetsplikt og skal ikke være en konkurrent av databehandleren. Den behandlingsansvarlige varsler "
            "skriftlig minst 30 dager i forveien og oppgir omfanget; kortere varsel kan gis etter et brudd på "
            "personopplysningssikkerheten, ved konkret mistanke om avtalebrudd eller når en tilsynsmyndighet krever "
            "det. Revisjonen skal ikke forstyrre driften urimelig og skal verne andre kunders opplysninger."
        ),
        p(
            "14.3 Den behandlingsansvarlige kan godta en gjeldende sertifisering eller uavhengig rapport, som ISO/IEC "
            "27001 med anvendelseserklæring eller en ISAE 3000- eller ISAE 3402-rapport for en periode som endte for "
            "høyst tolv måneder siden, i stedet for eller som del av en revisjon, når den dekker behandlingen og er "
            "tilstrekkelig til å påvise etterlevelse."
        ),
        p(
            "14.4 Hver part dekker egne kostnader, og den behandlingsansvarlige betaler sin revisor. Avdekker "
            "revisjonen vesentlige brudd, dekker databehandleren de rimelige kostnadene ved revisjonen. "
            "Databehandleren retter avvik uten ugrunnet opphold og for egen regning."
        ),
        h1("15 Protokoll og samarbeid med tilsynsmyndigheten"),
        p(
            "15.1 Databehandleren fører skriftlig protokoll over kategoriene av behandling den utfører for den "
            "behandlingsansvarlige, slik personvernforordningen artikkel 30 nr. 2 krever, og gir den "
            "behandlingsansvarlige de delene av protokollen som gjelder den, på forespørsel."
        ),
        p(
            "15.2 Databehandleren samarbeider med Datatilsynet og andre kompetente tilsynsmyndigheter på anmodning "
            "(artikkel 31). Den varsler den behandlingsansvarlige uten ugrunnet opphold om henvendelser, tilsyn eller "
            "pålegg som gjelder behandlingen for den behandlingsansvarlige, med mindre loven forbyr det, og svarer "
            "ikke på vegne av den behandlingsansvarlige uten å rådføre seg med den."
        ),
        h1("16 Ansvar"),
        p(
            "16.1 Partene er ansvarlige overfor de registrerte etter personvernforordningen artikkel 82. "
            "Databehandleren er ansvarlig for skade som behandlingen har forårsaket, når den har brutt plikter "
            "forordningen legger på databehandlere, eller har handlet utenfor eller i strid med den "
            "behandlingsansvarliges lovlige instrukser."
        ),
        p(
            "16.2 En part som har betalt full erstatning, kan kreve tilbake fra den andre parten den delen som svarer "
            "til den andres ansvar for skaden (artikkel 82 nr. 5)."
        ),
        p(
            "16.3 Ellers følger ansvaret mellom partene for brudd på denne avtalen av tjenesteavtalen, med mindre "
            "partene skriftlig avtaler noe annet."
        ),
        h1("17 Varighet og opphør"),
        p(
            "17.1 Avtalen trer i kraft når begge parter har signert, og gjelder så lenge databehandleren behandler "
            "personopplysninger for den behandlingsansvarlige, også etter at tjenesteavtalen har opphørt. Den kan "
            "ikke sies opp for seg mens slik behandling pågår, unntatt der avtalen selv gir rett til det."
        ),
        p(
            "17.2 Kan databehandleren ikke overholde avtalen, varsler den den behandlingsansvarlige uten ugrunnet "
            "opphold. Den behandlingsansvarlige kan da, og ved ethvert brudd på avtalen eller personvernregelverket, "
            "instruere databehandleren om å stanse behandlingen til forholdet er rettet. Ved vesentlige eller "
            "gjentatte brudd, eller når databehandleren ikke følger en bindende avgjørelse fra en domstol eller "
            "Datatilsynet, kan den behandlingsansvarlige si opp avtalen og de delene av tjenesteavtalen som "
            "forutsetter behandlingen, med umiddelbar virkning ved skriftlig melding."
        ),
        p("17.3 Pliktene om taushet, sletting og tilbakelevering og ansvar gjelder også etter opphør."),
        h1("18 Endringer"),
        p(
            "18.1 Endringer i avtalen og bilagene må avtales skriftlig og signeres av begge parter, elektronisk "
            "eller på papir."
        ),
        p(
            "18.2 Hver versjon har nummer og dato og står i bilag D. En ny versjon erstatter den forrige når begge "
            "parter har signert. Instrukser (punkt 4) og endringer av underdatabehandlere (punkt 8) får virkning uten "
            "ny versjon og tas inn i den neste."
        ),
        p(
            "18.3 Viser en bestemmelse seg å være ugyldig, gjelder resten av avtalen, og partene erstatter den med en "
            "gyldig bestemmelse som ligger så nær formålet som mulig."
        ),
        h1("19 Lovvalg og verneting"),
        p("19.1 Avtalen reguleres av norsk rett."),
        p(
            "19.2 Tvister som partene ikke løser ved forhandlinger, avgjøres av de alminnelige domstolene med Oslo "
            "tingrett som avtalt verneting."
        ),
        h1("20 Signaturer"),
        p("20.1 Avtalen signeres elektronisk eller i to eksemplarer, ett til hver part."),
        table(
            ("For {{controller.name}}", "For {{processor.name}}"),
            ("Sted og dato:", "Sted og dato:"),
            ("Signatur:", "Signatur:"),
            ("Navn med blokkbokstaver:", "Navn med blokkbokstaver:"),
            ("Stilling:", "Stilling:"),
            widths=SIGNATURE_WIDTHS,
            tall=(2,),
            together=True,
        ),
        # -- Bilag A -------------------------------------------------------------------------------------------
        *annex("Bilag A Opplysninger om behandlingen"),
        h2("A.1 Partene og kontaktpersoner"),
        p(
            "Meldinger etter avtalen (instrukser og varsler om underdatabehandlere, brudd og revisjon) sendes til "
            "kontaktadressene for personvern nedenfor. Endrede kontaktopplysninger meldes skriftlig og krever ikke "
            "ny versjon."
        ),
        table(
            ("", "Behandlingsansvarlig", "Databehandler"),
            *party_rows(
                ("Navn", "Org.nr.", "Adresse", "Land", "Kontaktadresse for personvern", "Personvernombud (e-post)")
            ),
            widths=PARTY_WIDTHS,
        ),
        h2("A.2 Behandlingene"),
        p(
            "Hver tabell beskriver én behandling databehandleren utfører på vegne av den behandlingsansvarlige. "
            "Behandlingens gjenstand er personopplysningene som er beskrevet i tabellene (punkt 2.2)."
        ),
        when("data_categories"),
        p("Samlet omfatter behandlingene disse typene personopplysninger:"),
        *bullets("{{data_categories}}"),
        END,
        when("subject_categories"),
        p("De registrerte hører til disse kategoriene:"),
        *bullets("{{subject_categories}}"),
        END,
        each("processing"),
        p("Behandling: {{processing.purpose}}"),
        table(
            ("Formål", "{{processing.purpose}}"),
            (
                "Behandlingens art",
                "De behandlingsoperasjonene som er nødvendige for formålet «{{processing.purpose}}», som innsamling, "
                "registrering, lagring, gjenfinning, bruk, overføring til den behandlingsansvarlige og sletting, i "
                "den utstrekning tjenestene krever det.",
            ),
            ("Typer personopplysninger", "{{processing.data}}"),
            ("Kategorier av registrerte", "{{processing.subjects}}"),
            ("Lagringstid", "{{processing.retention}}"),
            ("Behandlingsgrunnlag (den behandlingsansvarliges)", "{{processing.basis}}"),
            ("Varighet", "{{processing.duration}}"),
            widths=PROCESSING_WIDTHS,
            header=False,
        ),
        END,
        # -- Bilag B -------------------------------------------------------------------------------------------
        *annex("Bilag B Vilkår for bruk av underdatabehandlere"),
        h2("B.1 Vilkår"),
        p("I tillegg til punkt 8 gjelder disse vilkårene:"),
        *bullets(
            "Underdatabehandlerne i B.2 kan bare brukes til tjenestene og på stedene som står der. Endres tjenesten, "
            "stedet eller overføringsgrunnlaget, gjelder punkt 8 som for en ny underdatabehandler.",
            "Databehandleren gir på forespørsel den behandlingsansvarlige det som trengs for å vurdere en "
            "underdatabehandler, som beskrivelse av sikkerhetstiltakene, sertifiseringer og revisjonsrapporter.",
            "«Engasjert av» viser hvilken databehandler som har engasjert underdatabehandleren. Punkt 9 gjelder også "
            "overføringer som underdatabehandlere foretar.",
        ),
        h2("B.2 Godkjente underdatabehandlere"),
        when("subprocessors"),
        p("Disse underdatabehandlerne er godkjent ved signering:"),
        table(
            ("Navn og adresse", "Org.nr.", "Tjeneste", "Behandlingssted", "Overføringsgrunnlag", "Engasjert av"),
            (
                ("{{subprocessors.name}}", "{{subprocessors.address}}"),
                "{{subprocessors.orgnr}}",
                "{{subprocessors.service}}",
                "{{subprocessors.locations}}",
                "{{subprocessors.transfer}}",
                "{{subprocessors.engaged_by}}",
            ),
            widths=SUBPROCESSOR_WIDTHS,
        ),
        END,
        unless("subprocessors"),
        p(
            "Ingen underdatabehandlere er godkjent ved signering. Databehandleren kan bare engasjere "
            "underdatabehandlere etter punkt 8."
        ),
        END,
        h2("B.3 Overføringer ut av EØS"),
        when("transfers"),
        p("Den behandlingsansvarlige har instruert om disse overføringene (punkt 9):"),
        table(
            ("Dataeksportør", "Dataimportør", "Land", "Overføringsgrunnlag", "Vurdering av overføringen (dato)"),
            (
                "{{transfers.exporter}}",
                "{{transfers.importer}}",
                "{{transfers.country}}",
                "{{transfers.mechanism}}",
                "{{transfers.tia}}",
            ),
            widths=TRANSFER_WIDTHS,
        ),
        END,
        unless("transfers"),
        p("Ingen overføring av personopplysninger ut av EØS er avtalt ved signering."),
        END,
        # -- Bilag C -------------------------------------------------------------------------------------------
        *annex("Bilag C Instrukser om behandlingen"),
        h2("C.1 Instrukser"),
        p("I tillegg til det som følger av avtalen, gjelder disse instruksene:"),
        *bullets(
            "Personopplysningene behandles bare for å levere tjenestene etter tjenesteavtalen, slik den "
            "behandlingsansvarliges bruk og konfigurering av tjenestene tilsier.",
            "De brukes ikke til å utvikle eller trene modeller, til analyse eller statistikk for databehandlerens "
            "egne formål, til markedsføring eller til profilering, med mindre den behandlingsansvarlige uttrykkelig "
            "har instruert om det.",
            "De holdes logisk atskilt fra andre kunders og databehandlerens egne opplysninger, brukes ikke i test- "
            "eller utviklingsmiljøer uten skriftlig samtykke fra den behandlingsansvarlige, og lagres ikke lenger "
            "enn lagringstiden i bilag A.",
        ),
        h2("C.2 Tekniske og organisatoriske sikkerhetstiltak"),
        when("measures"),
        p("Databehandleren har gjennomført disse tiltakene (punkt 7):"),
        *bullets("{{measures}}"),
        END,
        unless("measures"),
        Note(
            "Merk: Dette er standardtiltak. Partene må gjennomgå dem og tilpasse dem til behandlingen og til "
            "databehandlerens faktiske tiltak før avtalen signeres."
        ),
        *bullets(
            "Tilgangsstyring: rollebasert tilgang etter tjenstlig behov, gjennomgått minst hvert halvår og fjernet "
            "uten opphold når den ikke lenger trengs.",
            "Autentisering: bare personlige kontoer, og flerfaktorautentisering for fjerntilgang og alle "
            "administrative kontoer.",
            "Kryptering under overføring: TLS 1.2 eller nyere over åpne nett.",
            "Kryptering ved lagring: også i sikkerhetskopier og på bærbart utstyr, med nøkler som forvaltes atskilt "
            "fra dataene.",
            "Logging: tilgang til personopplysninger og administrative handlinger logges, beskyttes mot endring, "
            "oppbevares i minst seks måneder og gjennomgås.",
            "Sikkerhetskopiering: jevnlig, kryptert og lagret atskilt fra produksjonsmiljøet; gjenoppretting testes "
            "minst én gang i året.",
            "Sårbarhetshåndtering: kritiske sikkerhetsoppdateringer innen 14 dager; systemer som kan nås fra "
            "internett, skannes jevnlig og penetrasjonstestes minst én gang i året.",
            "Nettverk og endepunkter: brannmur, segmentering og beskyttelse mot skadevare.",
            "Pseudonymisering og dataminimering: pseudonymisering der formålet tillater det, ikke flere opplysninger "
            "enn formålet krever, og ingen reelle personopplysninger i test.",
            "Opplæring: taushetserklæring og opplæring i informasjonssikkerhet og personvern ved oppstart og hvert år.",
            "Avvikshåndtering: dokumentert rutine med roller og eskalering som sikrer varsel innen fristen i punkt "
            "12, og som øves hvert år.",
            "Fysisk sikring: adgangskontroll, alarm og brannsikring i lokaler og datasentre, og sikker destruksjon av "
            "lagringsmedier.",
            "Leverandørkontroll: underdatabehandlere vurderes for sikkerhet før de engasjeres, og følges opp jevnlig.",
        ),
        END,
        h2("C.3 Behandlingssted"),
        p(
            "Personopplysningene behandles i EØS, med unntak av overføringene i bilag B punkt B.3, og hos godkjente "
            "underdatabehandlere på stedene som står i bilag B. Annen behandling eller tilgang utenfor EØS krever "
            "skriftlig instruks fra den behandlingsansvarlige (punkt 9)."
        ),
        h2("C.4 Sletting og tilbakelevering"),
        *bullets(
            "Den behandlingsansvarlige oppgir sitt valg skriftlig innen 30 dager etter at tjenestene har opphørt. "
            "Ellers minner databehandleren skriftlig om valget, og sletter opplysningene hvis det ikke kommer svar "
            "innen ytterligere 30 dager.",
            "Tilbakelevering skjer i et strukturert, alminnelig brukt og maskinlesbart format over en kryptert "
            "forbindelse. Kopier slettes fra aktive systemer innen 30 dager etter valget eller tilbakeleveringen, og "
            "fra sikkerhetskopier når de overskrives, senest etter 90 dager.",
            "Slettingen gjør opplysningene umulige å gjenskape med rimelige midler; lagringsmedier som kasseres, "
            "slettes eller destrueres etter en anerkjent standard som NIST SP 800-88. Bekreftelsen etter punkt 13.3 "
            "gis innen 14 dager etter at slettingen er fullført.",
        ),
        h2("C.5 Revisjon"),
        *bullets(
            "Den behandlingsansvarlige kan revidere én gang i året, og i tillegg når punkt 14.2 tillater kortere "
            "varsel. Varselet inneholder en revisjonsplan med omfang, metode, tidspunkt og revisor.",
            "Databehandleren gjør relevant dokumentasjon tilgjengelig, som sikkerhetspolicyer, risikovurderinger, "
            "protokollen etter punkt 15.1, relevante logger, sertifiserings- og revisjonsrapporter og sammendrag av "
            "penetrasjonstester. Inspeksjon på stedet følger databehandlerens sikkerhetsregler.",
            "Databehandleren kan kommentere utkastet til revisjonsrapport, og lager en plan med frister for å rette "
            "avvik som er funnet. Den reviderer eller innhenter rapporter om underdatabehandlerne og deler resultatene "
            "på forespørsel.",
        ),
        # -- Bilag D -------------------------------------------------------------------------------------------
        *annex("Bilag D Endringer i avtalen"),
        p(
            "Tabellen viser alle versjonene av avtalen. En ny versjon erstatter den forrige når begge parter har "
            "signert den (punkt 18)."
        ),
        table(
            ("Versjon", "Dato", "Status"),
            ("{{versions.version}}", "{{versions.date}}", "{{versions.status}}"),
            widths=VERSION_WIDTHS,
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Data Processing Agreement (English, British spelling). Says what the Norwegian text says; the annexes are
# arranged as I Parties, II Description (with the instructions, location and deletion procedure that the
# Norwegian Bilag C holds), III Measures (with audits), IV Sub-processors and transfers, V Versions.
# ---------------------------------------------------------------------------------------------------------------


def english() -> list:
    return [
        title("Data Processing Agreement"),
        subtitle("Version {{version}} · {{date}}"),
        p(
            "Agreement on the processing of personal data under Article 28 of the General Data Protection "
            "Regulation, between:"
        ),
        table(
            ("", "Controller", "Processor"),
            *party_rows(
                (
                    "Name",
                    "Organisation number",
                    "Address",
                    "Country",
                    "Privacy contact (e-mail)",
                    "Data protection officer",
                )
            ),
            widths=PARTY_WIDTHS,
        ),
        h1("1 Parties and background"),
        p(
            "1.1 This agreement is made between {{controller.name}} as controller (the ‘Controller’) and "
            "{{processor.name}} as processor (the ‘Processor’)."
        ),
        p(
            "1.2 The Processor processes personal data on behalf of the Controller when providing services under a "
            "separate agreement (the ‘Service Agreement’). This agreement (the ‘Agreement’) is the contract required "
            "by Article 28(3) of Regulation (EU) 2016/679 (the ‘GDPR’) and governs that processing."
        ),
        p(
            "1.3 The GDPR applies in Norway through the Personal Data Act (personopplysningsloven, Act of 15 June "
            "2018 No. 38). ‘EEA law’ means Union law as it applies in the EEA, and the law of an EEA state."
        ),
        p(
            "1.4 In matters of data protection, this Agreement prevails over the Service Agreement and any other "
            "agreement between the parties."
        ),
        p(
            "1.5 Terms defined in the GDPR, such as ‘personal data’, ‘processing’, ‘data subject’ and ‘personal data "
            "breach’, have the same meaning here. ‘Data protection law’ means the GDPR, the Personal Data Act and "
            "other data protection rules that apply to the processing. A ‘sub-processor’ is a processor engaged by "
            "the Processor to process personal data for the Controller. ‘In writing’ includes e-mail where no "
            "signature is required. Annexes I to V form part of this Agreement."
        ),
        h1("2 Description of the processing"),
        p(
            "2.1 Annex II describes the subject-matter, duration, nature and purpose of the processing, the types of "
            "personal data and the categories of data subjects, for each processing activity."
        ),
        p(
            "2.2 The subject-matter of the processing is the personal data that the Processor receives from the "
            "Controller, or collects or generates for it, in providing the services. The processing lasts as stated "
            "in Annex II, and in any event for as long as this Agreement applies (clause 17)."
        ),
        p(
            "2.3 The Processor processes the personal data only for the purposes in Annex II, not for its own "
            "purposes or those of third parties, and does not combine them with data it processes for others or for "
            "itself, unless the Controller instructs it in writing to do so."
        ),
        p(
            "2.4 Where Annex II includes special categories of personal data (Article 9 GDPR) or data relating to "
            "criminal convictions and offences (Article 10), the Processor applies the additional safeguards stated "
            "in Annex III or in the Controller's instructions."
        ),
        h1("3 The Controller's obligations and rights"),
        p(
            "3.1 The Controller determines the purposes and means of the processing and is responsible for its "
            "lawfulness: that it has a legal basis, that the data subjects are informed under Articles 13 and 14, "
            "and that its instructions comply with data protection law."
        ),
        p(
            "3.2 The Controller may, in particular, give, change and withdraw instructions (clause 4), receive "
            "information and assistance (clauses 10 to 12 and 14), audit the Processor (clause 14), object to or "
            "authorise sub-processors (clause 8) and choose between deletion and return of the personal data "
            "(clause 13)."
        ),
        p(
            "3.3 The Controller answers requests from data subjects and decides whether a personal data breach is to "
            "be notified to Datatilsynet or communicated to the data subjects."
        ),
        h1("4 Instructions"),
        p(
            "4.1 The Processor processes the personal data only on documented instructions from the Controller, "
            "including with regard to transfers to a third country or an international organisation (clause 9). At "
            "signature, the instructions are this Agreement with its annexes and the Controller's use and "
            "configuration of the services."
        ),
        p(
            "4.2 The Controller may give further instructions in writing from its privacy contact address in Annex I, "
            "or through a person it has designated in writing. The Processor keeps a record of the instructions it "
            "receives."
        ),
        p(
            "4.3 If EEA law or Norwegian law to which the Processor is subject requires processing other than as "
            "instructed, the Processor informs the Controller of that requirement before the processing, unless that "
            "law prohibits this on important grounds of public interest."
        ),
        h1("5 Instructions that infringe data protection law"),
        p(
            "5.1 The Processor informs the Controller immediately if, in its opinion, an instruction infringes the "
            "GDPR or other data protection law of the EEA or Norway, and explains why."
        ),
        p(
            "5.2 The Processor may suspend the instruction until the Controller has confirmed, changed or withdrawn "
            "it in writing, and is not obliged to follow an unlawful instruction."
        ),
        h1("6 Confidentiality"),
        p(
            "6.1 The Processor gives access to the personal data only to persons who need it to provide the services, "
            "and only to the extent they need."
        ),
        p(
            "6.2 The Processor ensures that each such person, whether employee, agency worker or consultant, has "
            "undertaken in writing to keep the data confidential or is under an appropriate statutory duty of "
            "confidentiality, and that this duty continues after the employment or assignment has ended. These "
            "persons shall have been trained in the obligations under this Agreement."
        ),
        p(
            "6.3 The Processor discloses the personal data only on the Controller's instructions, to approved "
            "sub-processors (clause 8) or where EEA law or Norwegian law requires it. If an authority or court "
            "demands the data, the Processor refers the demand to the Controller where possible and notifies the "
            "Controller without undue delay, unless the law prohibits this, and discloses no more than is legally "
            "required."
        ),
        h1("7 Security of processing"),
        p(
            "7.1 The Processor implements the technical and organisational measures that Article 32 GDPR requires, so "
            "that security is appropriate to the risk to the data subjects. It takes account of the state of the "
            "art, the costs of implementation and the nature, scope, context and purposes of the processing, and in "
            "particular of the risk that personal data are accidentally or unlawfully destroyed, lost, altered, "
            "disclosed or made accessible to unauthorised persons."
        ),
        p(
            "7.2 The measures include at least those in Annex III. The Processor reviews its risk assessment and the "
            "measures at least once a year and whenever the processing changes materially. A measure may be replaced "
            "by one that protects at least as well, but the overall level of security shall not be lowered, and "
            "material changes are notified to the Controller. The Processor gives the Controller its documentation of "
            "the measures on request."
        ),
        h1("8 Sub-processors"),
        p(
            "8.1 The Processor may engage sub-processors only under this clause. The sub-processors listed in Annex "
            "IV are approved at signature, for the services and locations stated there."
        ),
        when("general_authorisation"),
        p(
            "8.2 The Controller gives general written authorisation to engage sub-processors. The Processor informs "
            "the Controller in writing at least {{notice_days}} days in advance of any intended addition or "
            "replacement of a sub-processor, stating its name and address, the processing, where it takes place and "
            "any transfer out of the EEA with its transfer mechanism."
        ),
        p(
            "8.3 The Controller may object in writing, with reasons, within that period. The Processor then does not "
            "use that sub-processor for the Controller's data, and the parties seek another solution in good faith. "
            "If none is found before the change was to take effect, the Controller may terminate this Agreement and "
            "the affected services without compensation or termination fees. If no objection is made within the "
            "period, the change is accepted."
        ),
        END,
        when("specific_authorisation"),
        p(
            "8.2 Any new sub-processor, including one replacing another, requires the Controller's prior specific "
            "written authorisation. The Processor requests it in writing at least {{notice_days}} days before the "
            "sub-processor is to begin, stating its name and address, the processing, where it takes place and any "
            "transfer out of the EEA with its transfer mechanism."
        ),
        p(
            "8.3 The Controller answers in writing within that period and gives reasons for a refusal. An unanswered "
            "request is not an authorisation. An authorisation covers only the sub-processor, services and locations "
            "it names."
        ),
        END,
        p(
            "8.4 Before a sub-processor begins, the Processor binds it by written contract to the same data "
            "protection obligations as those set out in this Agreement, in particular sufficient guarantees of "
            "appropriate technical and organisational measures (Article 28(4) GDPR), and checks that it meets them. "
            "The Controller receives a copy of the data protection terms on request."
        ),
        p(
            "8.5 The Processor remains fully liable to the Controller for the performance of the sub-processors' "
            "obligations."
        ),
        p(
            "8.6 This clause also applies where a sub-processor engages another processor; Annex IV lists "
            "sub-processors at every level. Changes under this clause are recorded and included in Annex IV in the "
            "next version (clause 18)."
        ),
        h1("9 Transfers to third countries and international organisations"),
        p(
            "9.1 The Processor transfers personal data to a country outside the EEA or to an international "
            "organisation, or allows access to them from outside the EEA (including for support), only on documented "
            "instructions from the Controller and with a valid transfer mechanism under Chapter V GDPR: an adequacy "
            "decision (Article 45), appropriate safeguards such as the Commission's standard contractual clauses or "
            "binding corporate rules (Articles 46 and 47) or, for occasional transfers only, a derogation under "
            "Article 49."
        ),
        when("transfers"),
        p("9.2 The transfers the Controller has instructed are listed in Annex IV, section IV.3."),
        END,
        unless("transfers"),
        p(
            "9.2 No transfer of personal data outside the EEA is agreed at signature. A later transfer requires the "
            "Controller's written instruction (for a new sub-processor: authorisation under clause 8) and is added "
            "to Annex IV."
        ),
        END,
        p(
            "9.3 For a transfer based on standard contractual clauses or binding corporate rules, the Processor "
            "ensures that a transfer impact assessment has been carried out and that the supplementary measures it "
            "calls for are in place. The Controller receives the assessment on request. Where a sub-processor in a "
            "third country is bound by the standard contractual clauses of Implementing Decision (EU) 2021/914, "
            "Module Three (processor to processor) is used."
        ),
        p(
            "9.4 If a transfer mechanism ceases to apply or cannot be complied with, the Processor notifies the "
            "Controller without undue delay and suspends the transfer until a valid mechanism is in place or the data "
            "are processed in the EEA."
        ),
        h1("10 Assistance with data subjects' rights"),
        p(
            "10.1 The Processor helps the Controller to answer requests from data subjects who exercise their rights "
            "under Chapter III GDPR (access, rectification, erasure, restriction, data portability, objection and "
            "automated decision-making), through technical and organisational measures suited to the nature of the "
            "processing."
        ),
        p(
            "10.2 A request from a data subject that the Processor receives is forwarded to the Controller without "
            "undue delay. The Processor does not answer it unless the Controller has authorised it to. The "
            "Controller's time limit under Article 12(3) is not extended because the request reached the Processor "
            "first."
        ),
        p(
            "10.3 The Processor carries out the Controller's instructions to provide, rectify, erase, restrict or "
            "export data in time for the time limit to be met."
        ),
        h1("11 Assistance with security, impact assessments and prior consultation"),
        p(
            "11.1 Taking into account the nature of the processing and the information available to it, the Processor "
            "assists the Controller in ensuring the security of the processing (Article 32), notifying personal data "
            "breaches to Datatilsynet and communicating them to the data subjects (Articles 33 and 34), carrying out "
            "data protection impact assessments (Article 35) and consulting Datatilsynet in advance where such an "
            "assessment shows a high risk that the Controller cannot mitigate (Article 36)."
        ),
        p(
            "11.2 The assistance includes information on the processing, the systems, the risks and the measures, "
            "given in time for the Controller's own deadlines. The Service Agreement determines whether assistance "
            "under clauses 10 and 11 may be charged for, but assistance needed because the Processor or a "
            "sub-processor has breached this Agreement or data protection law is free of charge."
        ),
        h1("12 Personal data breach"),
        p(
            "12.1 The Processor notifies the Controller without undue delay, and at the latest within "
            "{{breach_hours}} hours after becoming aware of a personal data breach concerning data it processes for "
            "the Controller. The notification is sent to the Controller's privacy contact address "
            "({{controller.email}})."
        ),
        p("12.2 The notification describes, as far as known:"),
        *bullets(
            "the nature of the breach, when it occurred and was discovered, and where possible the categories and "
            "approximate number of data subjects and of personal data records concerned;",
            "the name and contact details of the Processor's data protection officer or another contact point;",
            "the likely consequences of the breach;",
            "the measures taken or proposed to address the breach and to mitigate its possible adverse effects.",
        ),
        p(
            "12.3 Information not available at once is given in stages without further undue delay. The first "
            "notification does not wait for the investigation to be completed."
        ),
        p(
            "12.4 The Processor immediately takes steps to stop the breach and limit its effects, preserves "
            "evidence, cooperates in the investigation and documents the breach so that the Controller can comply "
            "with Article 33(5). The Processor does not notify authorities or data subjects, or make public "
            "statements, on the Controller's behalf without instructions or a legal requirement."
        ),
        h1("13 Deletion and return on termination"),
        p(
            "13.1 When the provision of services involving processing ends, the Processor shall, at the Controller's "
            "choice, delete all personal data it has processed for the Controller, or return them and delete existing "
            "copies, unless EEA law or Norwegian law requires the Processor to store them. Annex II, section II.4, "
            "sets out the procedure."
        ),
        p(
            "13.2 Where such law requires storage, the Processor informs the Controller, keeps the data only for as "
            "long as and for the purpose that law requires, and continues to protect them under this Agreement."
        ),
        p(
            "13.3 The Processor ensures that its sub-processors do the same, and confirms to the Controller in "
            "writing what has been deleted, including by sub-processors, and when."
        ),
        h1("14 Information and audits"),
        p(
            "14.1 The Processor makes available all information necessary to demonstrate compliance with Article 28 "
            "GDPR and this Agreement."
        ),
        p(
            "14.2 The Processor allows for and contributes to audits, including inspections, conducted by the "
            "Controller or by an auditor the Controller mandates. Such an auditor must be bound by confidentiality "
            "and must not be a competitor of the Processor. The Controller gives at least 30 days' written notice "
            "stating the scope; shorter notice may be given after a personal data breach, on specific grounds to "
            "suspect a breach of this Agreement, or where a supervisory authority requires it. An audit shall not "
            "disrupt operations unreasonably and shall protect other customers' data."
        ),
        p(
            "14.3 The Controller may accept a current certification or independent report, such as ISO/IEC 27001 "
            "with its statement of applicability or an ISAE 3000 or ISAE 3402 report for a period that ended no more "
            "than twelve months earlier, instead of or as part of an audit, where it covers the processing and "
            "suffices to demonstrate compliance."
        ),
        p(
            "14.4 Each party bears its own costs, and the Controller pays its auditor. If the audit reveals a "
            "material breach, the Processor bears the reasonable costs of the audit. The Processor remedies any "
            "non-compliance without undue delay and at its own expense."
        ),
        h1("15 Records and cooperation with the supervisory authority"),
        p(
            "15.1 The Processor keeps a written record of the categories of processing it carries out for the "
            "Controller, as Article 30(2) GDPR requires, and gives the Controller the entries concerning it on "
            "request."
        ),
        p(
            "15.2 The Processor cooperates with Datatilsynet and other competent supervisory authorities on request "
            "(Article 31). It notifies the Controller without undue delay of any enquiry, inspection or order "
            "concerning the processing for the Controller, unless the law prohibits this, and does not answer on "
            "the Controller's behalf without consulting it."
        ),
        h1("16 Liability"),
        p(
            "16.1 The parties are liable to data subjects under Article 82 GDPR. The Processor is liable for damage "
            "caused by the processing where it has breached obligations the GDPR places on processors, or has acted "
            "outside or contrary to the Controller's lawful instructions."
        ),
        p(
            "16.2 A party that has paid full compensation may claim back from the other party the part corresponding "
            "to that party's responsibility for the damage (Article 82(5))."
        ),
        p(
            "16.3 Otherwise, liability between the parties for breach of this Agreement is governed by the Service "
            "Agreement, unless the parties agree otherwise in writing."
        ),
        h1("17 Duration and termination"),
        p(
            "17.1 This Agreement enters into force when both parties have signed it, and applies for as long as the "
            "Processor processes personal data for the Controller, even after the Service Agreement has ended. It "
            "cannot be terminated separately while such processing continues, except where it so provides."
        ),
        p(
            "17.2 If the Processor cannot comply with this Agreement, it notifies the Controller without undue "
            "delay. The Controller may then, and on any breach of this Agreement or data protection law, instruct "
            "the Processor to suspend the processing until compliance is restored. In the event of a material or "
            "repeated breach, or if the Processor does not comply with a binding decision of a court or of "
            "Datatilsynet, the Controller may terminate this Agreement, and the parts of the Service Agreement that "
            "depend on the processing, with immediate effect by written notice."
        ),
        p("17.3 The obligations on confidentiality, deletion and return, and liability survive termination."),
        h1("18 Changes"),
        p(
            "18.1 Changes to this Agreement and its annexes must be agreed in writing and signed by both parties, "
            "electronically or on paper."
        ),
        p(
            "18.2 Each version has a number and a date and is listed in Annex V. A new version replaces the previous "
            "one once both parties have signed it. Instructions (clause 4) and changes of sub-processors (clause 8) "
            "take effect without a new version and are included in the next one."
        ),
        p(
            "18.3 If a provision proves to be invalid, the rest of this Agreement continues to apply, and the parties "
            "replace it with a valid provision that comes as close as possible to its purpose."
        ),
        h1("19 Governing law and venue"),
        p("19.1 This Agreement is governed by Norwegian law."),
        p(
            "19.2 Disputes that the parties cannot resolve by negotiation are decided by the ordinary courts, with "
            "Oslo District Court (Oslo tingrett) as the agreed venue."
        ),
        h1("20 Signatures"),
        p("20.1 This Agreement is signed electronically or in two counterparts, one for each party."),
        table(
            ("For {{controller.name}}", "For {{processor.name}}"),
            ("Place and date:", "Place and date:"),
            ("Signature:", "Signature:"),
            ("Name in block letters:", "Name in block letters:"),
            ("Title:", "Title:"),
            widths=SIGNATURE_WIDTHS,
            tall=(2,),
            together=True,
        ),
        # -- Annex I -------------------------------------------------------------------------------------------
        *annex("Annex I Parties"),
        p(
            "Notices under this Agreement (instructions, and notices of sub-processors, breaches and audits) are sent "
            "to the privacy contact addresses below. Changed contact details are notified in writing and do not "
            "require a new version."
        ),
        table(
            ("", "Controller", "Processor"),
            *party_rows(
                (
                    "Name",
                    "Organisation number",
                    "Address",
                    "Country",
                    "Privacy contact address",
                    "Data protection officer (e-mail)",
                )
            ),
            widths=PARTY_WIDTHS,
        ),
        # -- Annex II ------------------------------------------------------------------------------------------
        *annex("Annex II Description of the processing"),
        h2("II.1 The processing"),
        p(
            "Each table describes one processing activity that the Processor carries out on behalf of the Controller. "
            "The subject-matter of the processing is the personal data described in the tables (clause 2.2)."
        ),
        when("data_categories"),
        p("Taken together, the processing covers these types of personal data:"),
        *bullets("{{data_categories}}"),
        END,
        when("subject_categories"),
        p("The data subjects belong to these categories:"),
        *bullets("{{subject_categories}}"),
        END,
        each("processing"),
        p("Processing: {{processing.purpose}}"),
        table(
            ("Purpose", "{{processing.purpose}}"),
            (
                "Nature of the processing",
                "The processing operations necessary for the purpose ‘{{processing.purpose}}’, such as collection, "
                "recording, storage, retrieval, use, transmission to the Controller and erasure, to the extent the "
                "services require them.",
            ),
            ("Types of personal data", "{{processing.data}}"),
            ("Categories of data subjects", "{{processing.subjects}}"),
            ("Retention period", "{{processing.retention}}"),
            ("Legal basis (the Controller's)", "{{processing.basis}}"),
            ("Duration", "{{processing.duration}}"),
            widths=PROCESSING_WIDTHS,
            header=False,
        ),
        END,
        h2("II.2 Instructions"),
        p("In addition to what follows from this Agreement, these instructions apply:"),
        *bullets(
            "The personal data are processed only to provide the services under the Service Agreement, as the "
            "Controller's use and configuration of the services direct.",
            "They are not used to develop or train models, for analytics or statistics for the Processor's own "
            "purposes, for marketing or for profiling, unless the Controller has expressly instructed so.",
            "They are kept logically separate from other customers' data and the Processor's own, are not used in "
            "test or development environments without the Controller's written consent, and are not stored beyond "
            "the retention period in section II.1.",
        ),
        h2("II.3 Where the personal data are processed"),
        p(
            "The personal data are processed in the EEA, except for the transfers in Annex IV, section IV.3, and by "
            "approved sub-processors at the locations stated in Annex IV. Any other processing or access outside the "
            "EEA requires the Controller's written instruction (clause 9)."
        ),
        h2("II.4 Deletion and return"),
        *bullets(
            "The Controller states its choice in writing within 30 days after the services have ended. Otherwise the "
            "Processor reminds it in writing, and deletes the data if no answer is received within a further 30 "
            "days.",
            "Return takes place in a structured, commonly used and machine-readable format over an encrypted "
            "connection. Copies are deleted from live systems within 30 days after the choice or the return, and "
            "from backups as these are overwritten, at the latest after 90 days.",
            "Deletion leaves the data unrecoverable by reasonable means; storage media taken out of use are wiped or "
            "destroyed following a recognised standard such as NIST SP 800-88. The confirmation under clause 13.3 is "
            "given within 14 days after the deletion has been completed.",
        ),
        # -- Annex III -----------------------------------------------------------------------------------------
        *annex("Annex III Technical and organisational measures"),
        h2("III.1 Measures"),
        when("measures"),
        p("The Processor has implemented these measures (clause 7):"),
        *bullets("{{measures}}"),
        END,
        unless("measures"),
        Note(
            "Note: These are standard measures. The parties must review them and adapt them to the processing and to "
            "the Processor's actual measures before this Agreement is signed."
        ),
        *bullets(
            "Access control: role-based access on a need-to-know basis, reviewed at least every six months and "
            "removed without delay when no longer needed.",
            "Authentication: personal accounts only, and multi-factor authentication for remote access and all "
            "administrative accounts.",
            "Encryption in transit: TLS 1.2 or later over public networks.",
            "Encryption at rest: including backups and portable devices, with keys managed separately from the data.",
            "Logging: access to personal data and administrative actions are logged, protected against alteration, "
            "kept for at least six months and reviewed.",
            "Backups: regular, encrypted and stored separately from the production environment; restores are tested "
            "at least once a year.",
            "Vulnerability management: critical security updates within 14 days; systems reachable from the internet "
            "are scanned regularly and penetration tested at least once a year.",
            "Network and endpoints: firewalls, segmentation and protection against malware.",
            "Pseudonymisation and data minimisation: pseudonymisation where the purpose allows, no more data than the "
            "purpose requires, and no real personal data in testing.",
            "Training: confidentiality undertakings, and training in information security and data protection on "
            "joining and every year.",
            "Incident handling: a documented procedure with roles and escalation that ensures notification within "
            "the time limit in clause 12, rehearsed every year.",
            "Physical security: access control, alarms and fire protection in premises and data centres, and secure "
            "destruction of storage media.",
            "Supplier control: sub-processors are assessed for security before they are engaged, and followed up "
            "regularly.",
        ),
        END,
        h2("III.2 Audits and inspections"),
        *bullets(
            "The Controller may audit once a year, and additionally where clause 14.2 allows shorter notice. The "
            "notice includes an audit plan stating the scope, method, timing and auditor.",
            "The Processor makes relevant documentation available, such as security policies, risk assessments, the "
            "record under clause 15.1, relevant logs, certification and audit reports and summaries of penetration "
            "tests. On-site inspections follow the Processor's security rules.",
            "The Processor may comment on the draft audit report, and draws up a plan with time limits to remedy any "
            "deficiencies found. It audits, or obtains reports on, its sub-processors and shares the results on "
            "request.",
        ),
        # -- Annex IV ------------------------------------------------------------------------------------------
        *annex("Annex IV Sub-processors and transfers"),
        h2("IV.1 Conditions for engaging sub-processors"),
        p("In addition to clause 8, these conditions apply:"),
        *bullets(
            "The sub-processors in section IV.2 may be used only for the services and at the locations stated there. "
            "If the service, location or transfer mechanism changes, clause 8 applies as for a new sub-processor.",
            "On request, the Processor gives the Controller what it needs to assess a sub-processor, such as a "
            "description of its security measures, certifications and audit reports.",
            "‘Engaged by’ shows which processor engaged the sub-processor. Clause 9 also applies to transfers made by "
            "sub-processors.",
        ),
        h2("IV.2 Approved sub-processors"),
        when("subprocessors"),
        p("These sub-processors are approved at signature:"),
        table(
            ("Name and address", "Org. no.", "Service", "Where processed", "Transfer mechanism", "Engaged by"),
            (
                ("{{subprocessors.name}}", "{{subprocessors.address}}"),
                "{{subprocessors.orgnr}}",
                "{{subprocessors.service}}",
                "{{subprocessors.locations}}",
                "{{subprocessors.transfer}}",
                "{{subprocessors.engaged_by}}",
            ),
            widths=SUBPROCESSOR_WIDTHS,
        ),
        END,
        unless("subprocessors"),
        p("No sub-processors are approved at signature. The Processor may engage sub-processors only under clause 8."),
        END,
        h2("IV.3 Transfers outside the EEA"),
        when("transfers"),
        p("The Controller has instructed these transfers (clause 9):"),
        table(
            ("Data exporter", "Data importer", "Country", "Transfer mechanism", "Transfer impact assessment (date)"),
            (
                "{{transfers.exporter}}",
                "{{transfers.importer}}",
                "{{transfers.country}}",
                "{{transfers.mechanism}}",
                "{{transfers.tia}}",
            ),
            widths=TRANSFER_WIDTHS,
        ),
        END,
        unless("transfers"),
        p("No transfer of personal data outside the EEA is agreed at signature."),
        END,
        # -- Annex V -------------------------------------------------------------------------------------------
        *annex("Annex V Versions"),
        p(
            "The table lists all versions of this Agreement. A new version replaces the previous one once both "
            "parties have signed it (clause 18)."
        ),
        table(
            ("Version", "Date", "Status"),
            ("{{versions.version}}", "{{versions.date}}", "{{versions.status}}"),
            widths=VERSION_WIDTHS,
        ),
    ]


@dataclass(frozen=True)
class Language:
    code: str  # file name part: dpa.<code>.docx
    lang: str  # spelling language (w:lang) and core property
    title: str
    subject: str
    footer: str  # text before the page number; the placeholders stay whole in one run
    of: str  # between the page number and the page count
    content: list


LANGUAGES = (
    Language(
        code="nb",
        lang="nb-NO",
        title="Databehandleravtale",
        subject="Databehandleravtale etter personvernforordningen artikkel 28 nr. 3",
        footer="Databehandleravtale {{controller.name}} – {{processor.name}} · versjon {{version}} · side ",
        of=" av ",
        content=norwegian(),
    ),
    Language(
        code="en",
        lang="en-GB",
        title="Data Processing Agreement",
        subject="Data processing agreement under Article 28(3) GDPR",
        footer="Data Processing Agreement {{controller.name}} – {{processor.name}} · version {{version}} · page ",
        of=" of ",
        content=english(),
    ),
)


# ---------------------------------------------------------------------------------------------------------------
# Placeholder check (the names of templates/README.md)
# ---------------------------------------------------------------------------------------------------------------

PARTY_FIELDS = ("name", "orgnr", "address", "country", "email", "dpo")
SCALARS = frozenset(
    {"version", "date", "notice_days", "breach_hours", "general_authorisation", "specific_authorisation"}
    | {f"{party}.{f}" for party in ("controller", "processor") for f in PARTY_FIELDS}
)
LISTS: dict[str, frozenset[str]] = {
    "processing": frozenset({"purpose", "data", "subjects", "retention", "basis", "duration"}),
    "data_categories": frozenset(),
    "subject_categories": frozenset(),
    "subprocessors": frozenset(
        {"name", "orgnr", "address", "country", "service", "locations", "transfer", "engaged_by"}
    ),
    "transfers": frozenset({"exporter", "importer", "country", "mechanism", "tia"}),
    "measures": frozenset(),
    "versions": frozenset({"version", "date", "status"}),
}
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
MARKER = re.compile(r"^(if not|if|each) ([a-z_]+)$|^end$")


def placeholder_list(name: str) -> str | None:
    """The list a value placeholder draws on (None for a scalar); raises ValueError for an unknown name."""
    if name in SCALARS:
        return None
    head, _, tail = name.partition(".")
    if head in LISTS and (tail in LISTS[head] if tail else not LISTS[head]):
        return head
    raise ValueError(f"unknown placeholder {{{{{name}}}}}")


def check(blocks: list) -> None:
    """Fail on an unknown name, an unbalanced block, or a repeating table row that draws on two lists."""
    depth = 0
    for block in blocks:
        if isinstance(block, Marker):
            found = MARKER.match(block.text[2:-2])
            if not found:
                raise ValueError(f"bad marker {block.text}")
            if block.text == "{{end}}":
                depth -= 1
                if depth < 0:
                    raise ValueError("{{end}} without a block")
            else:
                name = found.group(2)
                if name not in SCALARS and name not in LISTS:
                    raise ValueError(f"unknown name in {block.text}")
                if block.text.startswith("{{each") and name not in LISTS:
                    raise ValueError(f"{block.text} needs a list")
                depth += 1
            continue
        texts = [block.text] if isinstance(block, Para | Note) else []
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c for cell in row for c in ((cell,) if isinstance(cell, str) else cell)]
                lists = {placeholder_list(n) for c in cells for n in PLACEHOLDER.findall(c)} - {None, "processing"}
                if len(lists) > 1:
                    raise ValueError(f"table row draws on several lists: {sorted(lists)}")
        for text in texts:
            for name in PLACEHOLDER.findall(text):
                if MARKER.match(name):
                    raise ValueError(f"marker {{{{{name}}}}} must stand alone in its paragraph")
                placeholder_list(name)
    if depth:
        raise ValueError("a block has no {{end}}")


# ---------------------------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------------------------


def flatten(items: list) -> list:
    out: list = []
    for item in items:
        out.extend(flatten(item) if isinstance(item, list) else [item])
    return out


def set_font(rpr, name: str) -> None:
    """Use a named font rather than the theme font (theme attributes would win over the name)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def setup_styles(doc, lang: str) -> None:
    """Fonts, sizes, colours and spacing, all on the styles.

    Body spacing sits in the document defaults rather than in Normal, as Word's own templates do, so that the
    table style's tighter spacing wins inside table cells. Space goes before a paragraph rather than after it, so
    a paragraph that follows a table (the next processing in Bilag A / Annex II) does not touch it.
    """
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(run_defaults, FONT)
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), lang)
    language.set(qn("w:eastAsia"), lang)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    for attr, value in (("w:before", "120"), ("w:after", "0"), ("w:line", "264"), ("w:lineRule", "auto")):
        spacing.set(qn(attr), value)  # 6 pt before, line spacing 1.1

    normal = styles["Normal"]
    set_font(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = Pt(11)

    for name, size, before in (("Heading 1", 14, 20), ("Heading 2", 12, 14)):
        style = styles[name]
        set_font(style.element.get_or_add_rPr(), FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.keep_with_next = True

    heading = styles["Title"]
    set_font(heading.element.get_or_add_rPr(), FONT)
    heading.font.size = Pt(24)
    heading.font.color.rgb = HEADING_COLOUR
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(6)

    sub = styles["Subtitle"]
    numbering = sub.element.pPr.find(qn("w:numPr")) if sub.element.pPr is not None else None
    if numbering is not None:  # the default template gives Subtitle a stray list level
        sub.element.pPr.remove(numbering)
    set_font(sub.element.get_or_add_rPr(), FONT)
    sub.font.size = Pt(12)
    sub.font.italic = False
    sub.font.color.rgb = SUBTITLE_COLOUR
    sub.paragraph_format.space_after = Pt(12)

    bullet = styles["List Bullet"]
    contextual = bullet.element.pPr.find(qn("w:contextualSpacing"))
    if contextual is not None:  # keep a little space between the items
        bullet.element.pPr.remove(contextual)
    bullet.paragraph_format.space_before = Pt(3)

    grid = styles["Table Grid"]
    grid.paragraph_format.space_before = Pt(2)
    grid.paragraph_format.space_after = Pt(2)
    grid.paragraph_format.line_spacing = 1.0

    # Word should check the spelling afresh in the document's language.
    settings = doc.settings.element
    proof = settings.find(qn("w:proofState"))
    if proof is not None:
        settings.remove(proof)
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang)


def setup_page(section, footer_text: str, of: str, normal) -> None:
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)

    paragraph = section.footer.paragraphs[0]
    paragraph.style = normal
    paragraph.add_run(footer_text)
    paragraph._p.append(field_element("PAGE"))
    paragraph.add_run(of)
    paragraph._p.append(field_element("NUMPAGES"))


def field_element(instruction: str):
    """A simple field (w:fldSimple) such as PAGE or NUMPAGES; Word and LibreOffice compute it when laying out."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    return fld


def add_table(doc, spec: Table, styles: dict) -> None:
    ncols = len(spec.widths_cm)
    tbl = doc.add_table(rows=len(spec.rows), cols=ncols)
    tbl.style = styles["Table Grid"]
    tbl.autofit = False
    for i, width in enumerate(spec.widths_cm):
        tbl.columns[i].width = Cm(width)
    for r, row_spec in enumerate(spec.rows):
        if len(row_spec) != ncols:
            raise ValueError(f"table row has {len(row_spec)} cells, expected {ncols}: {row_spec}")
        row = tbl.rows[r]
        header = spec.header and r == 0
        row_props = row._tr.get_or_add_trPr()
        row_props.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
        if header and not spec.together:
            row_props.append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
        if r in spec.tall_rows:
            row.height = Cm(1.6)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for c, content in enumerate(row_spec):
            cell = row.cells[c]
            cell.width = Cm(spec.widths_cm[c])
            for k, text in enumerate((content,) if isinstance(content, str) else content):
                paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                if spec.together and r < len(spec.rows) - 1:
                    paragraph.paragraph_format.keep_with_next = True
                if text:
                    run = paragraph.add_run(text)
                    if header:
                        run.style = styles["Strong"]


def render(lang: Language):
    doc = Document()
    setup_styles(doc, lang.lang)
    styles = {name: doc.styles[name] for name in ("Strong", "Table Grid")}
    para_styles = {
        name: doc.styles[name] for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Normal", "List Bullet")
    }

    section = doc.sections[0]
    setup_page(section, lang.footer, lang.of, para_styles["Normal"])

    blocks = flatten(lang.content)
    for i, block in enumerate(blocks):
        if isinstance(block, Para):
            paragraph = doc.add_paragraph(block.text, para_styles[block.style])
            if i + 1 < len(blocks) and isinstance(blocks[i + 1], Table):
                paragraph.paragraph_format.keep_with_next = True  # a lead-in stays with its table
        elif isinstance(block, Marker):
            doc.add_paragraph(block.text, para_styles["Normal"])
        elif isinstance(block, Note):
            doc.add_paragraph(style=para_styles["Normal"]).add_run(block.text, styles["Strong"])
        elif isinstance(block, PageBreak):
            doc.add_paragraph(style=para_styles["Normal"]).add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Table):
            add_table(doc, block, styles)
        else:
            raise TypeError(f"unknown block {block!r}")

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = lang.title
    props.subject = lang.subject
    props.language = lang.lang
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = (
        "First version built by tools/make_templates.py. Edit this file in Word; keep the {{...}} placeholders."
    )
    props.keywords = "GDPR Art. 28; DPA template"
    props.revision = 1
    props.created = now
    props.modified = now
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--force", action="store_true", help="overwrite existing templates (and any edits made in Word)"
    )
    parser.add_argument("--out-dir", type=Path, default=ROOT / "templates", help="where to write (default: templates/)")
    args = parser.parse_args(argv)

    targets = [(lang, args.out_dir / f"dpa.{lang.code}.docx") for lang in LANGUAGES]
    existing = [path for _, path in targets if path.exists()]
    if existing and not args.force:
        names = ", ".join(str(path) for path in existing)
        print(
            f"Not overwriting {names}: once edited in Word, the .docx is the source and this script would discard "
            "those edits. Run with --force to rebuild from the script anyway.",
            file=sys.stderr,
        )
        return 1

    for lang, _ in targets:
        check(flatten(lang.content))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for lang, path in targets:
        render(lang).save(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
